//! The national department template (部门整体支出绩效目标申报表, RECORD.md "Other
//! templates"): specs ([`NSpec`]), the expected [`Record`] (template `national_department`,
//! funds empty, 年度主要任务 as main_tasks) and the grid of `../shared/samples/national_sample.*`
//! with its variants (numbered task names, unfilled rows, optional 部门职能 / 中长期目标 /
//! 长期绩效指标 sections, 备注 and 指标值确定依据 columns present or not).

use crate::model::{Cell, Content, Layout, cell, level_spans, t};
use crate::project_specs::{Row, parse_rows, strip_numbering};
use crate::render_docx::DocItem;
use crate::render_xlsx::{GridSheet, LineStyle};
use crate::values::val;
use perfsheet::record::{
    Annual, AnnualIndicator, FormType, Funds, FundsBlock, LongTerm, LongTermIndicator, MainTask,
    Num, Record, Source, TaskAmount, Warning, WarningCode,
};
use std::collections::BTreeMap;

/// The template name of the national department template.
pub const NATIONAL_TEMPLATE: &str = "national_department";

/// Amounts in hundredths of 万元: (总额, 财政拨款, 其他资金).
pub type Amt = (Option<i64>, Option<i64>, Option<i64>);

/// What a national-template form says.
#[derive(Debug, Clone)]
pub struct NSpec {
    pub department: &'static str,
    /// 填报人 / 联系电话; both None: the form has no such row.
    pub preparer: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub budget_year: i32,
    /// 部门职能 duties (written numbered "1、").
    pub functions: Vec<&'static str>,
    /// 中长期目标 goals (written numbered "1.").
    pub lt_goals: Vec<&'static str>,
    /// 长期绩效指标 rows (project notation).
    pub lt: &'static str,
    /// 年度主要任务 rows as written: (任务名称, 主要内容, amounts). A name "……" / "…" /
    /// "任务4：" with nothing else is an unfilled template row.
    pub tasks: Vec<(&'static str, &'static str, Amt)>,
    /// The 金额合计 row.
    pub total: Amt,
    /// The 年度绩效目标 cell's paragraphs as written (spaces, empty ones).
    pub goal: Vec<&'static str>,
    /// 年度绩效指标 rows (project notation).
    pub an: &'static str,
}

/// How the form is written down.
#[derive(Debug, Clone)]
pub struct NatPres {
    pub above: Vec<(String, LineStyle)>,
    pub functions_label: &'static str,
    pub lt_goal_label: &'static str,
    pub goal_label: &'static str,
    pub total_label: &'static str,
    pub basis_col: bool,
    pub remark_col: bool,
    /// Excel: amounts as number cells.
    pub xlsx_numbers: bool,
    pub sheet_name: String,
    pub below: Vec<String>,
}

impl Default for NatPres {
    /// The layout of `../shared/samples/national_sample.*`.
    fn default() -> Self {
        NatPres {
            above: vec![
                ("附件1".into(), LineStyle::Left),
                ("部门整体支出绩效目标申报表".into(), LineStyle::Title),
                ("（2025年度）".into(), LineStyle::Center),
            ],
            functions_label: "部门职能",
            lt_goal_label: "中长期目标",
            goal_label: "年度绩效目标",
            total_label: "合计",
            basis_col: true,
            remark_col: false,
            xlsx_numbers: true,
            sheet_name: "部门整体支出绩效目标申报表".into(),
            below: vec![],
        }
    }
}

/// A national form to render.
#[derive(Debug, Clone)]
pub struct NatForm {
    pub record: Record,
    pub spec: NSpec,
    pub rows_lt: Vec<Row>,
    pub rows_an: Vec<Row>,
    pub p: NatPres,
}

fn num(c: Option<i64>) -> Option<Num> {
    c.map(|c| Num(c as f64 / 100.0))
}

fn is_blank_task(t: &(&str, &str, Amt)) -> bool {
    let name = t.0;
    t.1.is_empty()
        && t.2 == (None, None, None)
        && (name == "……" || name == "…" || strip_numbering(name).is_empty())
}

fn opt(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// The expected record and rows of a national form; `form` is the title without 表 and year.
pub fn nat_form(s: &NSpec, p: NatPres, form: &str) -> NatForm {
    let rows_lt = parse_rows(s.lt);
    let rows_an = parse_rows(s.an);
    for r in rows_lt.iter().chain(&rows_an) {
        assert!(
            p.basis_col || r.basis.is_empty(),
            "{}: basis without a column",
            r.l3
        );
        assert!(
            p.remark_col || r.remark.is_empty(),
            "{}: remark without a column",
            r.l3
        );
        assert!(r.unit_col.is_empty(), "no 计量单位 column in this template");
    }
    let basis = |r: &Row| if p.basis_col { opt(&r.basis) } else { None };
    let tasks: Vec<MainTask> = s
        .tasks
        .iter()
        .filter(|t| !is_blank_task(t))
        .map(|(name, content, a)| MainTask {
            name: strip_numbering(name),
            content: opt(content),
            amount: TaskAmount {
                total: num(a.0),
                fiscal: num(a.1),
                other: num(a.2),
            },
        })
        .collect();
    let mut warnings = Vec::new();
    let col = |f: fn(&Amt) -> Option<i64>| -> i64 { s.tasks.iter().filter_map(|t| f(&t.2)).sum() };
    let sums = (col(|a| a.0), col(|a| a.1), col(|a| a.2));
    let written = (
        s.total.0.unwrap_or(0),
        s.total.1.unwrap_or(0),
        s.total.2.unwrap_or(0),
    );
    if sums != written {
        // One warning for the block, whichever of its columns disagree.
        warnings.push(Warning {
            code: WarningCode::SumMismatch,
            message: String::new(),
            location: String::new(),
        });
    }
    let goal: Vec<&str> = s
        .goal
        .iter()
        .map(|g| g.trim())
        .filter(|g| !g.is_empty())
        .collect();
    let record = Record {
        schema_version: "1".into(),
        source: Source {
            path: String::new(),
            format: String::new(),
            part: String::new(),
            bytes: None,
            sha256: None,
        },
        form_type: FormType::Department,
        template: Some(NATIONAL_TEMPLATE.into()),
        form: form.into(),
        department: s.department.into(),
        preparer: s.preparer.map(Into::into),
        phone: s.phone.map(Into::into),
        unit: Some("万元".into()),
        budget_year: Some(s.budget_year),
        funds: Funds {
            years: vec![],
            income: FundsBlock {
                items: vec![],
                total: None,
            },
            expenditure: FundsBlock {
                items: vec![],
                total: None,
            },
        },
        functions: s.functions.iter().map(|f| f.to_string()).collect(),
        annual_tasks: vec![],
        long_term: LongTerm {
            deadline_year: deadline(&s.lt_goals),
            goals: s.lt_goals.iter().map(|g| g.to_string()).collect(),
            indicators: rows_lt
                .iter()
                .filter(|r| !r.blank)
                .map(|r| LongTermIndicator {
                    level1: Some(r.l1.clone()),
                    level2: Some(r.l2.clone()),
                    level3: Some(strip_numbering(&r.l3)),
                    target: val(&r.target),
                    basis: basis(r),
                    category: None,
                })
                .collect(),
        },
        annual: Annual {
            goal: if goal.is_empty() {
                None
            } else {
                Some(goal.join("\n"))
            },
            indicators: rows_an
                .iter()
                .filter(|r| !r.blank)
                .map(|r| AnnualIndicator {
                    level1: Some(r.l1.clone()),
                    level2: Some(r.l2.clone()),
                    level3: Some(strip_numbering(&r.l3)),
                    history: BTreeMap::new(),
                    target: val(&r.target),
                    basis: basis(r),
                    category: None,
                })
                .collect(),
        },
        main_tasks: tasks,
        main_tasks_total: Some(TaskAmount {
            total: num(s.total.0),
            fiscal: num(s.total.1),
            other: num(s.total.2),
        }),
        warnings,
    };
    NatForm {
        record,
        spec: s.clone(),
        rows_lt,
        rows_an,
        p,
    }
}

fn amount(p: &NatPres, c: Option<i64>) -> Content {
    match c {
        None => t(""),
        Some(c) => {
            let v = c as f64 / 100.0;
            if p.xlsx_numbers {
                Content::Num {
                    value: v,
                    fmt: Some("0.00"),
                    text: format!("{v:.2}"),
                    sum_above: None,
                }
            } else {
                t(&format!("{v:.2}"))
            }
        }
    }
}

fn ind_block(p: &NatPres, n: usize, rows: &mut Vec<Vec<Cell>>, label: &str, ind: &[Row]) {
    let target_span = if p.basis_col { 1 } else { 2 };
    let mut hdr = vec![
        cell(0, 1, 1 + ind.len(), t(label)),
        cell(1, 1, 1, t("一级指标")),
        cell(2, 1, 1, t("二级指标")),
        cell(3, 2, 1, t("三级指标")),
        cell(5, target_span, 1, t("指标值")),
    ];
    if p.basis_col {
        hdr.push(cell(6, 1, 1, t("指标值确定依据")));
    }
    if p.remark_col {
        hdr.push(cell(n - 1, 1, 1, t("备注")));
    }
    rows.push(hdr);
    let keys: Vec<(String, String)> = ind.iter().map(|r| (r.l1.clone(), r.l2.clone())).collect();
    let (s1, s2) = level_spans(&keys);
    for (k, r) in ind.iter().enumerate() {
        let mut row = Vec::new();
        if let Some(h) = s1[k] {
            row.push(cell(1, 1, h, t(&r.l1)));
        }
        if let Some(h) = s2[k] {
            row.push(cell(2, 1, h, t(&r.l2)));
        }
        row.push(cell(3, 2, 1, t(&r.l3)));
        row.push(cell(5, target_span, 1, t(&r.target)));
        if p.basis_col {
            row.push(cell(6, 1, 1, t(&r.basis)));
        }
        if p.remark_col {
            row.push(cell(n - 1, 1, 1, t(&r.remark)));
        }
        rows.push(row);
    }
}

/// The grid of a national form.
pub fn layout(f: &NatForm) -> Layout {
    let p = &f.p;
    let s = &f.spec;
    let n = if p.remark_col { 8 } else { 7 };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    rows.push(vec![
        cell(0, 1, 1, t("部门（单位）名称")),
        cell(1, n - 1, 1, t(s.department)),
    ]);
    if s.preparer.is_some() || s.phone.is_some() {
        rows.push(vec![
            cell(0, 1, 1, t("填报人")),
            cell(1, 2, 1, t(s.preparer.unwrap_or(""))),
            cell(3, 1, 1, t("联系电话")),
            cell(4, n - 4, 1, t(s.phone.unwrap_or(""))),
        ]);
    }
    if !s.functions.is_empty() {
        let text: Vec<String> = s
            .functions
            .iter()
            .enumerate()
            .map(|(i, x)| format!("{}、{x}", i + 1))
            .collect();
        rows.push(vec![
            cell(0, 1, 1, t(p.functions_label)),
            cell(1, n - 1, 1, t(&text.join("\n"))),
        ]);
    }
    if !s.lt_goals.is_empty() {
        let text: Vec<String> = s
            .lt_goals
            .iter()
            .enumerate()
            .map(|(i, x)| format!("{}.{x}", i + 1))
            .collect();
        rows.push(vec![
            cell(0, 1, 1, t(p.lt_goal_label)),
            cell(1, n - 1, 1, t(&text.join("\n"))),
        ]);
    }
    // 年度主要任务.
    rows.push(vec![
        cell(0, 1, 3 + s.tasks.len(), t("年度主要任务")),
        cell(1, 1, 2, t("任务名称")),
        cell(2, 2, 2, t("主要内容")),
        cell(4, n - 4, 1, t("预算金额（万元）")),
    ]);
    rows.push(vec![
        cell(4, 1, 1, t("总额")),
        cell(5, 1, 1, t("财政拨款")),
        cell(6, n - 6, 1, t("其他资金")),
    ]);
    let amount_row = |name: &str, content: &str, a: &Amt| {
        vec![
            cell(1, 1, 1, t(name)),
            cell(2, 2, 1, t(content)),
            cell(4, 1, 1, amount(p, a.0)),
            cell(5, 1, 1, amount(p, a.1)),
            cell(6, n - 6, 1, amount(p, a.2)),
        ]
    };
    for (name, content, a) in &s.tasks {
        rows.push(amount_row(name, content, a));
    }
    rows.push(amount_row(p.total_label, "", &s.total));
    // 年度绩效目标: the paragraphs as written.
    rows.push(vec![
        cell(0, 1, 1, t(p.goal_label)),
        cell(1, n - 1, 1, t(&s.goal.join("\n"))),
    ]);
    if !f.rows_lt.is_empty() {
        ind_block(p, n, &mut rows, "长期绩效指标", &f.rows_lt);
    }
    ind_block(p, n, &mut rows, "年度绩效指标", &f.rows_an);
    let mut widths = vec![1200, 1300, 1300, 1400, 900, 1200, 1300];
    if p.remark_col {
        widths = vec![1100, 1200, 1200, 1300, 800, 1100, 1200, 900];
    }
    Layout {
        ncols: n,
        widths,
        rows,
        split_at: None,
    }
}

/// The Word blocks of a national form.
pub fn doc_items(f: &NatForm) -> Vec<DocItem> {
    let mut items: Vec<DocItem> =
        f.p.above
            .iter()
            .map(|(s, style)| match style {
                LineStyle::Title => DocItem::Title(s.clone()),
                _ => DocItem::Para(s.clone()),
            })
            .collect();
    items.push(DocItem::Table(layout(f)));
    items.extend(f.p.below.iter().map(|s| DocItem::Para(s.clone())));
    items
}

/// The sheet of a national form.
pub fn sheet(f: &NatForm) -> GridSheet {
    GridSheet {
        name: f.p.sheet_name.clone(),
        origin: (0, 0),
        above: f.p.above.clone(),
        layout: layout(f),
        below: f.p.below.clone(),
    }
}

/// The year a long-term goal sets itself ("到2028年，建成…"): RECORD.md's deadline_year,
/// read from the goals when the label carries no （截止YYYY年）.
fn deadline(goals: &[&str]) -> Option<i32> {
    goals.iter().find_map(|g| {
        ["截止", "截至", "至", "到"].iter().find_map(|w| {
            let at = g.find(w)? + w.len();
            let year: String = g[at..].chars().take(4).collect();
            let after = g[at..].chars().nth(4);
            (year.len() == 4 && year.starts_with("20") && after == Some('年'))
                .then(|| year.parse().ok())
                .flatten()
        })
    })
}
