//! Negative fixtures that look like forms: `unknown_form` (a 绩效自评表: an indicator
//! table no template accepts) and `blank_form` (a known template with nothing filled in).

use crate::files::{FileOut, Kind, Part};
use crate::flagged::Flagged;
use crate::model::{Cell, Content, Layout, Pres, cell, t};
use crate::project_fixtures::base;
use crate::project_layout::ProjPres;
use crate::project_specs::{PFunds, PSpec, proj_form};
use crate::render_docx::{self, DocItem};
use crate::render_xlsx::{self, GridSheet, LineStyle, Sheet};
use crate::specs;
use crate::values::val;
use perfsheet::record::{AnnualIndicator, LongTermIndicator};
use std::collections::BTreeMap;

fn num(v: f64) -> Content {
    Content::Num {
        value: v,
        fmt: None,
        text: crate::model::trim_num(v),
        sum_above: None,
    }
}

/// A 项目支出绩效自评表: budget and execution, score columns, 实际完成值.
fn self_evaluation() -> Layout {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![
            cell(0, 1, 1, t("项目名称")),
            cell(1, 8, 1, t("孝南区农村公路养护")),
        ],
        vec![
            cell(0, 1, 1, t("主管部门")),
            cell(1, 4, 1, t("孝感市孝南区交通运输局")),
            cell(5, 1, 1, t("实施单位")),
            cell(6, 3, 1, t("孝感市孝南区公路事业发展中心")),
        ],
        vec![
            cell(0, 1, 4, t("项目资金（万元）")),
            cell(1, 2, 1, t("")),
            cell(3, 1, 1, t("年初预算数")),
            cell(4, 1, 1, t("全年预算数")),
            cell(5, 1, 1, t("全年执行数")),
            cell(6, 1, 1, t("分值")),
            cell(7, 1, 1, t("执行率")),
            cell(8, 1, 1, t("得分")),
        ],
    ];
    for (label, a, b, c, score) in [
        (
            "年度资金总额",
            860.0,
            860.0,
            842.6,
            Some((10.0, "97.98%", 9.8)),
        ),
        ("其中：当年财政拨款", 780.0, 780.0, 765.2, None),
        ("其他资金", 80.0, 80.0, 77.4, None),
    ] {
        let mut row = vec![
            cell(1, 2, 1, t(label)),
            cell(3, 1, 1, num(a)),
            cell(4, 1, 1, num(b)),
            cell(5, 1, 1, num(c)),
        ];
        if let Some((s, rate, got)) = score {
            row.push(cell(6, 1, 1, num(s)));
            row.push(cell(7, 1, 1, t(rate)));
            row.push(cell(8, 1, 1, num(got)));
        }
        rows.push(row);
    }
    rows.push(vec![
        cell(0, 1, 2, t("年度总体目标")),
        cell(1, 4, 1, t("预期目标")),
        cell(5, 4, 1, t("实际完成情况")),
    ]);
    rows.push(vec![
        cell(1, 4, 1, t("完成全区1286公里农村公路日常养护。")),
        cell(
            5,
            4,
            1,
            t("完成农村公路日常养护1286公里，优良中等路率86.3%。"),
        ),
    ]);
    let ind = [
        (
            "产出指标",
            "数量指标",
            "日常养护里程",
            "1286公里",
            "1286公里",
            "20",
            "20",
            "",
        ),
        (
            "",
            "质量指标",
            "优良中等路率",
            "≥85%",
            "86.3%",
            "15",
            "15",
            "",
        ),
        (
            "",
            "时效指标",
            "汛期水毁抢通时间",
            "≤24小时",
            "20小时",
            "10",
            "10",
            "",
        ),
        (
            "",
            "成本指标",
            "日常养护单价",
            "≤6700元/公里",
            "6552元/公里",
            "5",
            "5",
            "",
        ),
        (
            "效益指标",
            "社会效益指标",
            "群众出行安全",
            "明显提升",
            "明显提升",
            "15",
            "14",
            "个别路段安全设施待完善",
        ),
        (
            "",
            "生态效益指标",
            "路域环境整治",
            "≥320公里",
            "305公里",
            "10",
            "8.5",
            "部分路段受汛期影响延后",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "沿线群众满意度",
            "≥90%",
            "92%",
            "10",
            "10",
            "",
        ),
    ];
    rows.push(vec![
        cell(0, 1, 2 + ind.len(), t("绩效指标")),
        cell(1, 1, 1, t("一级指标")),
        cell(2, 1, 1, t("二级指标")),
        cell(3, 1, 1, t("三级指标")),
        cell(4, 1, 1, t("指标值")),
        cell(5, 1, 1, t("实际完成值")),
        cell(6, 1, 1, t("分值")),
        cell(7, 1, 1, t("得分")),
        cell(8, 1, 1, t("偏差原因分析及改进措施")),
    ]);
    let spans = [4, 0, 0, 0, 2, 0, 1];
    for (k, (l1, l2, l3, v, done, s, got, why)) in ind.iter().enumerate() {
        let mut row = Vec::new();
        if !l1.is_empty() {
            row.push(cell(1, 1, spans[k], t(l1)));
        }
        row.extend([
            cell(2, 1, 1, t(l2)),
            cell(3, 1, 1, t(l3)),
            cell(4, 1, 1, t(v)),
            cell(5, 1, 1, t(done)),
            cell(6, 1, 1, t(s)),
            cell(7, 1, 1, t(got)),
            cell(8, 1, 1, t(why)),
        ]);
        rows.push(row);
    }
    rows.push(vec![
        cell(1, 5, 1, t("总分")),
        cell(6, 1, 1, t("100")),
        cell(7, 1, 1, t("96.5")),
        cell(8, 1, 1, t("")),
    ]);
    Layout {
        ncols: 9,
        widths: vec![1100, 1000, 1100, 1400, 1000, 1000, 700, 700, 1500],
        rows,
        split_at: None,
    }
}

/// The first department template with only its labels and template rows.
fn blank_department() -> crate::model::Form {
    let mut r = specs::seed();
    r.department = String::new();
    r.preparer = None;
    r.phone = None;
    for b in [&mut r.funds.income, &mut r.funds.expenditure] {
        for line in b.items.iter_mut().chain(b.total.iter_mut()) {
            line.amount = None;
            line.share_percent = None;
            line.history.values_mut().for_each(|v| *v = None);
        }
    }
    r.functions.clear();
    r.annual_tasks.clear();
    r.long_term.goals.clear();
    r.long_term.deadline_year = None;
    r.annual.goal = None;
    let template = [
        ("履职效能", "指标1："),
        ("履职效能", "指标2："),
        ("满意度", "……"),
    ];
    r.long_term.indicators = template
        .iter()
        .map(|(l1, l3)| LongTermIndicator {
            level1: Some(l1.to_string()),
            level2: Some(String::new()),
            level3: Some(l3.to_string()),
            target: val(""),
            basis: None,
            category: None,
        })
        .collect();
    r.annual.indicators = template
        .iter()
        .map(|(l1, l3)| AnnualIndicator {
            level1: Some(l1.to_string()),
            level2: Some(String::new()),
            level3: Some(l3.to_string()),
            history: r
                .funds
                .years
                .iter()
                .map(|y| (y.to_string(), val("")))
                .collect::<BTreeMap<_, _>>(),
            target: val(""),
            basis: None,
            category: None,
        })
        .collect();
    specs::form(
        r,
        Pres {
            lt_goal_label: "长期目标：\n（截止    年）".into(),
            ..Pres::default()
        },
    )
}

/// A project template with only its labels and template rows.
fn blank_project() -> crate::project_specs::ProjForm {
    let s = PSpec {
        attribute: Some(("新增项目□ 延续项目□", "")),
        annual: Some(PFunds {
            total: None,
            lines: vec![("财政拨款", None), ("其他资金", None)],
        }),
        an: "
~产出指标|数量指标|指标1：
~||指标2：
~|质量指标|指标1：
~|时效指标|指标1：
~效益指标|社会效益指标|指标1：
~满意度指标|服务对象满意度指标|指标1：
~……|……|……
",
        ..base()
    };
    proj_form(
        &s,
        ProjPres {
            above: vec![
                ("项目支出绩效目标申报表".into(), LineStyle::Title),
                ("（    年度）".into(), LineStyle::Center),
            ],
            qizhong: true,
            below: vec!["填报人：            填报日期：    年  月  日".into()],
            ..ProjPres::default()
        },
        "项目支出绩效目标申报",
        None,
    )
}

/// The form-like negative files: (name, code, bytes).
pub fn all() -> Vec<Flagged> {
    let eval = self_evaluation();
    let title = "2024年度项目支出绩效自评表";
    let eval_docx = render_docx::render_items(&[
        DocItem::Title(title.into()),
        DocItem::Table(eval.clone()),
        DocItem::Para("评价人：王建    评价日期：2025年2月20日".into()),
    ]);
    let eval_sheet = GridSheet {
        name: "项目支出绩效自评表".into(),
        origin: (0, 0),
        above: vec![(title.into(), LineStyle::Title)],
        layout: eval,
        below: vec![],
    };
    let eval_xlsx = render_xlsx::render(&[Sheet::Grid(&eval_sheet)]);
    let dept = blank_department();
    let proj = blank_project();
    let proj_file = |kind| {
        FileOut::new(
            match kind {
                Kind::Docx => "空白项目支出绩效目标申报表.docx",
                Kind::Xlsx => "空白项目支出绩效目标申报表.xlsx",
            },
            kind,
            vec![Part::Proj(Box::new(proj.clone()))],
        )
    };
    vec![
        ("项目支出绩效自评表.docx".into(), "unknown_form", eval_docx),
        ("项目支出绩效自评表.xlsx".into(), "unknown_form", eval_xlsx),
        (
            "空白部门整体绩效目标表.docx".into(),
            "blank_form",
            render_docx::render(&dept),
        ),
        (
            "空白部门整体绩效目标表.xlsx".into(),
            "blank_form",
            render_xlsx::render(&[Sheet::Form(&dept)]),
        ),
        (
            "空白项目支出绩效目标申报表.docx".into(),
            "blank_form",
            proj_file(Kind::Docx).bytes(),
        ),
        (
            "空白项目支出绩效目标申报表.xlsx".into(),
            "blank_form",
            proj_file(Kind::Xlsx).bytes(),
        ),
    ]
}
