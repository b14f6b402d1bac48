//! Focused recogniser tests on forms written as text: one line per row, cells split by '|',
//! "^" for a cell covered by the vertical merge above, "<" for a cell covered by the
//! horizontal merge to its left. Blank cells are written as nothing between bars.

use super::*;
use crate::model::grid::{Block, Cell, Grid, GridKind, Paragraph, Part};
use crate::model::record::ValueKind;

/// Builds a grid from the text notation.
fn grid(kind: GridKind, text: &str) -> Grid {
    let mut g = Grid::new(kind);
    let mut anchors: Vec<Cell> = Vec::new();
    // For each (row, col): index of the anchor covering it.
    let mut owner: std::collections::HashMap<(u32, u32), usize> = Default::default();
    for (r, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let r = r as u32;
        for (c, raw) in line.split('|').enumerate() {
            let c = c as u32;
            let t = raw.trim().replace("\\n", "\n");
            match t.as_str() {
                "^" => {
                    if let Some(&k) = owner.get(&(r.wrapping_sub(1), c)) {
                        let a = &mut anchors[k];
                        a.row_span = r - a.row + 1;
                        owner.insert((r, c), k);
                    }
                }
                "<" => {
                    if let Some(&k) = owner.get(&(r, c.wrapping_sub(1))) {
                        let a = &mut anchors[k];
                        if a.row == r {
                            a.col_span = c - a.col + 1;
                        }
                        owner.insert((r, c), k);
                    }
                }
                _ => {
                    anchors.push(Cell::text(r, c, t));
                    owner.insert((r, c), anchors.len() - 1);
                }
            }
        }
    }
    for a in anchors {
        g.push(a);
    }
    g.finish();
    g
}

fn word(blocks: Vec<Block>) -> Document {
    Document {
        parts: vec![Part { blocks }],
    }
}

fn para(t: &str) -> Block {
    Block::Paragraph(Paragraph { text: t.into() })
}

fn table(n: u32, text: &str) -> Block {
    Block::Table(grid(GridKind::Table { index: n }, text))
}

const HEADER: &str = "
部门（单位）\\n名称 | 鄂州市教育局 | < | < | < | < | < | <
填报人 | 王五 | < | 联系电话 | < | 0711-123 | < | <";

const FUNDS: &str = "
部门总体\\n资金情况 | 总体资金情况 | < | 当年金额 | 占比 | 近两年收支金额 | < | <
^ | ^ | ^ | ^ | ^ | 2022年 | 2023年 | <
^ | 收入\\n构成 | 财政拨款 | 100 | 80% | 90 | 95 | <
^ | ^ | 单位资金 | 25 | 20% | 10 | 5 | <
^ | ^ | 合  计 | 125 | 100% | 100 | 100 | <
^ | 支出\\n构成 | 人员类项目支出 | 125 | 100% | 100 | 100 | <
^ | ^ | 合  计 | 125 | 100% | 100 | 100 | <";

const INDICATORS: &str = "
长期绩\\n效指标 | 一级\\n指标 | 二级指标 | 三级指标 | 指标值 | < | 指标值确定依据 | 指标分类
^ | 运行\\n成本 | 公用经费控制 | 公用经费控制率 | 100% | < | 历史标准 | 绩效基本型
^ | ^ | ^ | 会议费控制率 | ≤5% | < | 历史标准 | 绩效基本型
^ | 满意度 | 服务对象满意度 | 群众满意度 | 不低于95% | < | 行业标准 | 绩效基本型
年度目标： | 办好人民满意的教育 | < | < | < | < | < | <
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | < | < | 指标值确定依据
^ | ^ | ^ | ^ | 近两年指标值 | < | 预期当年实现值 | ^
^ | ^ | ^ | ^ | 2022 年 | 2023 年 | ^ | ^
^ | 产出 | 数量 | 培训人次 | 3000人次 | 3200人次 | 不少于3500人次 | 计划标准";

/// Runs `f` with the built-in template of that name.
pub(super) fn with_template(name: &str, f: impl FnOnce(Cx<'_>)) {
    let set = TemplateSet::built_in();
    let (t, template) = set
        .templates()
        .iter()
        .enumerate()
        .find(|(_, t)| t.name == name)
        .expect("a built-in template");
    f(Cx {
        vocab: set.vocabulary(),
        template,
        t: t as u16,
    });
}

/// The department records of a document, checked.
fn records(doc: &Document, file: &str) -> Vec<Record> {
    recognize(doc, file, &TemplateSet::built_in())
        .forms
        .into_iter()
        .filter_map(|f| match f {
            Form::Department {
                mut record,
                funds_locs,
                task_locs,
            } => {
                crate::checks::check(&mut record, &funds_locs, &task_locs);
                Some(*record)
            }
            Form::Project { .. } => None,
        })
        .collect()
}

fn one(doc: &Document, file: &str) -> Record {
    let forms = records(doc, file);
    assert_eq!(forms.len(), 1, "one form expected");
    forms.into_iter().next().expect("one form")
}

fn whole_form() -> Document {
    word(vec![
        para("2024年部门整体绩效目标表"),
        para("单位：万元"),
        table(1, &format!("{HEADER}{FUNDS}{INDICATORS}")),
    ])
}

#[test]
fn a_clean_word_form() {
    let r = one(&whole_form(), "x.docx");
    assert_eq!(r.form, "部门整体绩效目标");
    assert_eq!(r.department, "鄂州市教育局");
    assert_eq!(r.preparer.as_deref(), Some("王五"));
    assert_eq!(r.phone.as_deref(), Some("0711-123"));
    assert_eq!(r.unit.as_deref(), Some("万元"));
    assert_eq!(r.budget_year, Some(2024));
    assert_eq!(r.funds.years, [2022, 2023]);
    assert_eq!(r.funds.income.items.len(), 2);
    assert_eq!(r.funds.income.items[1].item, "单位资金");
    assert_eq!(
        r.funds.income.total.as_ref().map(|t| t.item.as_str()),
        Some("合计")
    );
    assert_eq!(r.funds.expenditure.items.len(), 1);
    assert_eq!(r.long_term.indicators.len(), 3);
    let lt = &r.long_term.indicators[1];
    assert_eq!(lt.level1.as_deref(), Some("运行成本"));
    assert_eq!(lt.level2.as_deref(), Some("公用经费控制"));
    assert_eq!(lt.target.op.as_deref(), Some("<="));
    assert_eq!(r.annual.goal.as_deref(), Some("办好人民满意的教育"));
    let an = &r.annual.indicators[0];
    assert_eq!(an.history["2022"].text, "3000人次");
    assert_eq!(an.history["2023"].number.map(|n| n.0), Some(3200.0));
    assert_eq!(an.target.op.as_deref(), Some(">="));
    assert_eq!(an.basis.as_deref(), Some("计划标准"));
    assert_eq!(an.category, None, "the annual table has no 指标分类 column");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn labels_written_once_are_filled_down() {
    let ind = "
长期绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 | 指标分类
 | 产出指标 | 数量指标 | 甲 | 1个 | 计划标准 | 绩效基本型
 |  |  | 乙 | 2个 | 计划标准 | 绩效基本型
 |  | 质量指标 | 丙 | 100% | 计划标准 | 绩效基本型
 | 效益指标 | 社会效益 | 丁 | 提升 | 行业标准 | 绩效创新型
 |  |  | 戊 | 提升 | 行业标准 | 绩效创新型";
    let doc = word(vec![table(1, &format!("{HEADER}{FUNDS}")), table(2, ind)]);
    let r = one(&doc, "x.docx");
    let levels: Vec<(String, String, String)> = r
        .long_term
        .indicators
        .iter()
        .map(|i| {
            (
                i.level1.clone().unwrap_or_default(),
                i.level2.clone().unwrap_or_default(),
                i.level3.clone().unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        ("产出指标", "数量指标", "甲"),
        ("产出指标", "数量指标", "乙"),
        ("产出指标", "质量指标", "丙"),
        ("效益指标", "社会效益", "丁"),
        ("效益指标", "社会效益", "戊"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(levels, want);
}

#[test]
fn a_broken_row_is_joined() {
    let ind = "
长期绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 | 指标分类
^ | 产出 | 数量 | 甲 | 1个 | 计划标准 | 绩效基本型
^ | ^ | ^ | 乙 |  |  |
^ | ^ | ^ |  | 2个 | 计划标准 | 绩效基本型
^ | ^ | ^ | 丙 | 3个 | 计划标准 | 绩效基本型";
    let doc = word(vec![table(1, &format!("{HEADER}{FUNDS}\n{ind}"))]);
    let r = one(&doc, "x.docx");
    let got: Vec<(&str, &str)> = r
        .long_term
        .indicators
        .iter()
        .map(|i| (i.level3.as_deref().unwrap_or(""), i.target.text.as_str()))
        .collect();
    assert_eq!(got, [("甲", "1个"), ("乙", "2个"), ("丙", "3个")]);
}

#[test]
fn sums_and_shares_are_checked() {
    let funds = FUNDS.replace("| 单位资金 | 25 |", "| 单位资金 | 26 |");
    let doc = word(vec![table(1, &format!("{HEADER}{funds}"))]);
    let r = one(&doc, "x.docx");
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"sum_mismatch"), "{codes:?}");
    assert!(codes.contains(&"share_mismatch"), "{codes:?}");
    let sum = r
        .warnings
        .iter()
        .find(|w| w.code.as_str() == "sum_mismatch")
        .expect("sum");
    assert_eq!(sum.location, "table 1 row 7 col 4");
}

#[test]
fn a_year_in_the_title_wins_and_a_conflict_is_warned() {
    let doc = word(vec![
        para("2025年部门整体绩效目标表"),
        table(1, &format!("{HEADER}{FUNDS}")),
    ]);
    let r = one(&doc, "x.docx");
    assert_eq!(r.budget_year, Some(2025));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code.as_str() == "year_conflict")
    );
}

#[test]
fn year_from_history_when_no_title() {
    let doc = word(vec![table(1, &format!("{HEADER}{FUNDS}"))]);
    let r = one(&doc, "部门整体绩效目标表.docx");
    assert_eq!(r.budget_year, Some(2024));
    assert_eq!(r.form, "部门整体绩效目标");
}

#[test]
fn header_written_as_one_line_of_pairs() {
    let doc = word(vec![
        para("部门整体绩效目标表"),
        para("填报单位：鄂州市民政局　　填报人：李四　　联系电话：0711-999"),
        table(1, FUNDS),
    ]);
    let r = one(&doc, "x.docx");
    assert_eq!(r.department, "鄂州市民政局");
    assert_eq!(r.preparer.as_deref(), Some("李四"));
    assert_eq!(r.phone.as_deref(), Some("0711-999"));
}

#[test]
fn two_forms_in_one_body_give_two_records() {
    let doc = word(vec![
        para("部门整体绩效目标表"),
        table(1, &format!("{HEADER}{FUNDS}")),
        para("部门整体绩效目标表"),
        table(
            2,
            &format!("{}{FUNDS}", HEADER.replace("鄂州市教育局", "鄂州市民政局")),
        ),
    ]);
    let forms = records(&doc, "x.docx");
    let names: Vec<&str> = forms.iter().map(|f| f.department.as_str()).collect();
    assert_eq!(names, ["鄂州市教育局", "鄂州市民政局"]);
    assert_eq!(forms[1].source.part, "table 2");
}

#[test]
fn a_table_that_is_not_a_form_gives_nothing() {
    let doc = word(vec![table(1, "姓名 | 年龄\n张三 | 30")]);
    assert!(records(&doc, "x.docx").is_empty());
}

#[test]
fn values_keep_their_text() {
    let r = one(&whole_form(), "x.docx");
    let v = &r.long_term.indicators[2].target;
    assert_eq!((v.text.as_str(), v.kind), ("不低于95%", ValueKind::Percent));
}

#[test]
fn a_current_year_headed_by_its_year() {
    let funds = "
部门总体资金情况 | 总体资金情况 | < | 2024年预算数 | 占比 | 2022年决算数 | 2023年预算数
^ | 收入构成 | 财政拨款 | 100 | 100% | 90 | 95
^ | ^ | 合计 | 100 | 100% | 90 | 95
^ | 支出构成 | 人员类项目支出 | 100 | 100% | 90 | 95
^ | ^ | 合计 | 100 | 100% | 90 | 95";
    let ind = "
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 2022年 | 2023年 | 2024年 | 指标值确定依据
^ | 产出 | 数量 | 甲 | 1个 | 2个 | 3个 | 计划标准";
    let doc = word(vec![table(1, &format!("{HEADER}\n{funds}\n{ind}"))]);
    let r = one(&doc, "x.docx");
    assert_eq!(r.funds.years, [2022, 2023]);
    let line = &r.funds.income.items[0];
    assert_eq!(line.amount.map(|n| n.0), Some(100.0));
    assert_eq!(line.history["2022"].map(|n| n.0), Some(90.0));
    assert_eq!(r.budget_year, Some(2024));
    let an = &r.annual.indicators[0];
    assert_eq!(an.target.text, "3个");
    assert_eq!(an.history["2023"].text, "2个");
}

#[test]
fn an_indicator_table_without_its_label_and_a_repeated_header() {
    let ind = "
 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 | 指标分类
 | 产出 | 数量 | 甲 | 1个 | 计划标准 | 绩效基本型";
    let cont = "
 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 | 指标分类
 | 效益 | 社会效益 | 乙 | 提升 | 行业标准 | 绩效基本型";
    let annual = "
年度目标： | 完成任务 | < | < | < | < | < | <
 | 一级指标 | 二级指标 | 三级指标 | 近两年指标值 | < | 预期当年实现值 | 指标值确定依据
 | ^ | ^ | ^ | 2022年 | 2023年 | ^ | ^
 | 产出 | 数量 | 丙 | 1个 | 2个 | 3个 | 计划标准";
    let doc = word(vec![
        table(1, &format!("{HEADER}{FUNDS}\n{ind}")),
        table(2, &format!("{cont}\n{annual}")),
    ]);
    let r = one(&doc, "x.docx");
    let lt: Vec<&str> = r
        .long_term
        .indicators
        .iter()
        .filter_map(|i| i.level3.as_deref())
        .collect();
    assert_eq!(lt, ["甲", "乙"]);
    assert_eq!(r.annual.indicators.len(), 1);
    assert_eq!(r.annual.indicators[0].history["2023"].text, "2个");
    assert_eq!(r.annual.goal.as_deref(), Some("完成任务"));
}

#[test]
fn shares_written_as_fractions_are_percentages() {
    let funds = FUNDS
        .replace("| 80% |", "| 0.8 |")
        .replace("| 20% |", "| 0.2 |")
        .replace("| 100% |", "| 1 |");
    let doc = word(vec![table(1, &format!("{HEADER}{funds}"))]);
    let r = one(&doc, "x.docx");
    let shares: Vec<f64> = r
        .funds
        .income
        .items
        .iter()
        .chain(r.funds.income.total.iter())
        .filter_map(|l| l.share_percent.map(|n| n.0))
        .collect();
    assert_eq!(shares, [80.0, 20.0, 100.0]);
    assert!(
        !r.warnings
            .iter()
            .any(|w| w.code.as_str().ends_with("_mismatch")),
        "{:?}",
        r.warnings
    );
}

fn sheet(name: &str, text: &str) -> Part {
    Part {
        blocks: vec![Block::Table(grid(
            GridKind::Sheet { name: name.into() },
            text,
        ))],
    }
}

#[test]
fn a_form_continued_on_a_second_sheet() {
    let ind = "
长期绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 | 指标分类
^ | 产出 | 数量 | 甲 | 1个 | 计划标准 | 绩效基本型";
    let more = "
 | 效益 | 社会效益 | 乙 | 提升 | 行业标准 | 绩效基本型
 | ^ | ^ | 丙 | 提升 | 行业标准 | 绩效基本型";
    let notes = "填表说明\n1. 金额单位为万元";
    let doc = Document {
        parts: vec![
            sheet("填表说明", notes),
            sheet("表1", &format!("{HEADER}{FUNDS}\n{ind}")),
            sheet("表1(续)", more),
        ],
    };
    let r = one(&doc, "x.xlsx");
    assert_eq!(r.source.part, "sheet 表1");
    let lt: Vec<(&str, &str)> = r
        .long_term
        .indicators
        .iter()
        .map(|i| {
            (
                i.level1.as_deref().unwrap_or(""),
                i.level3.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(lt, [("产出", "甲"), ("效益", "乙"), ("效益", "丙")]);
}

#[test]
fn a_year_on_its_own_line_and_a_sealed_unit_label() {
    let doc = word(vec![
        para("部门整体绩效目标表"),
        para("（2026年度）"),
        para("填报单位（盖章）：鄂州市统计局    联系电话：0711-1"),
        table(1, FUNDS),
    ]);
    let r = one(&doc, "x.docx");
    assert_eq!(r.budget_year, Some(2026));
    assert_eq!(r.department, "鄂州市统计局");
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code.as_str() == "year_conflict")
    );
}

#[test]
fn a_unit_column_gives_bare_numbers_their_unit() {
    let ind = "
长期绩效指标 | 一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标值 | 指标值确定依据 | 指标类别
^ | 产出 | 数量 | 培训人次 | 人次 | 3000 | 计划标准 | 绩效基本型
^ | ^ | 质量 | 合格率 | % | 95 | 行业标准 | 绩效基本型
^ | ^ | ^ | 满意 | % | 较好 | 行业标准 | 绩效基本型";
    let doc = word(vec![table(1, &format!("{HEADER}{FUNDS}\n{ind}"))]);
    let r = one(&doc, "x.docx");
    let t: Vec<(ValueKind, Option<String>, &str)> = r
        .long_term
        .indicators
        .iter()
        .map(|i| {
            (
                i.target.kind,
                i.target.unit.clone(),
                i.category.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        t,
        [
            (ValueKind::Number, Some("人次".into()), "绩效基本型"),
            (ValueKind::Percent, Some("%".into()), "绩效基本型"),
            (ValueKind::Text, None, "绩效基本型"),
        ]
    );
}

#[test]
fn merged_level3_labels_and_a_broken_row_under_merged_labels() {
    let ind = "
长期绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 | 指标分类
^ | 产出 | 数量 | 培训 | 3次 | 计划标准 | 绩效基本型
^ | ^ | ^ | ^ | 300人次 | 计划标准 | 绩效基本型
^ | ^ | ^ | 宣传 |  |  |
^ | ^ | ^ | ^ | 5次 | 计划标准 | 绩效基本型";
    let doc = word(vec![table(1, &format!("{HEADER}{FUNDS}\n{ind}"))]);
    let r = one(&doc, "x.docx");
    let got: Vec<(&str, &str)> = r
        .long_term
        .indicators
        .iter()
        .map(|i| (i.level3.as_deref().unwrap_or(""), i.target.text.as_str()))
        .collect();
    assert_eq!(got, [("培训", "3次"), ("培训", "300人次"), ("宣传", "5次")]);
}

#[test]
fn a_funds_line_broken_over_two_rows() {
    let funds = "
部门总体资金情况 | 总体资金情况 | < | 当年金额 | 占比 | 近两年收支金额 | < | <
^ | ^ | ^ | ^ | ^ | 2022年 | 2023年 | <
^ | 收入构成 | 财政拨款 |  |  |  |  | <
^ | ^ |  | 100 | 100% | 90 | 95 | <
^ | ^ | 合计 | 100 | 100% | 90 | 95 | <";
    let doc = word(vec![table(1, &format!("{HEADER}{funds}"))]);
    let r = one(&doc, "x.docx");
    let line = &r.funds.income.items[0];
    assert_eq!(r.funds.income.items.len(), 1);
    assert_eq!(line.item, "财政拨款");
    assert_eq!(line.amount.map(|n| n.0), Some(100.0));
    assert_eq!(line.history["2023"].map(|n| n.0), Some(95.0));
    assert!(
        !r.warnings.iter().any(|w| w.code.as_str() == "sum_mismatch"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_funds_table_without_its_label() {
    let funds = "
 | 项目 | < | 当年金额 | 占比 | 2022年 | 2023年 | <
 | 收入构成 | 财政拨款 | 100 | 100% | 90 | 95 | <
 | ^ | 合计 | 100 | 100% | 90 | 95 | <
 | 支出构成 | 基本支出 | 100 | 100% | 90 | 95 | <
 | ^ | 合计 | 100 | 100% | 90 | 95 | <";
    let doc = word(vec![table(1, &format!("{HEADER}{funds}"))]);
    let r = one(&doc, "x.docx");
    assert_eq!(r.funds.years, [2022, 2023]);
    assert_eq!(r.funds.expenditure.items[0].item, "基本支出");
    assert!(
        !r.warnings.iter().any(|w| w.message.contains("资金")),
        "{:?}",
        r.warnings
    );
}

/// `compile_patterns` forces every pattern of the recogniser: each one defined in its
/// modules is listed in a `PATTERNS`, and all of them compile.
#[test]
fn compile_patterns_covers_every_pattern() {
    let sources = [
        include_str!("mod.rs"),
        include_str!("columns.rs"),
        include_str!("funds.rs"),
        include_str!("header.rs"),
        include_str!("indicators.rs"),
        include_str!("labels.rs"),
        include_str!("lists.rs"),
        include_str!("rows.rs"),
        include_str!("sections.rs"),
        include_str!("project.rs"),
        include_str!("amounts.rs"),
        include_str!("tasks.rs"),
        include_str!("department.rs"),
        include_str!("unplaced.rs"),
    ];
    let defined: usize = sources
        .iter()
        .map(|s| s.matches(": LazyLock<Regex> =").count())
        .sum();
    let listed = header::PATTERNS.len()
        + lists::PATTERNS.len()
        + labels::PATTERNS.len()
        + project::PATTERNS.len();
    assert_eq!(defined, listed, "a pattern is missing from a PATTERNS list");
    compile_patterns();
    let all = header::PATTERNS
        .iter()
        .chain(&lists::PATTERNS)
        .chain(&labels::PATTERNS);
    for p in all {
        assert!(std::sync::LazyLock::get(p).is_some());
    }
}

/// The project records of a document, checked.
fn projects(doc: &Document, file: &str) -> Vec<crate::model::project::Project> {
    recognize(doc, file, &TemplateSet::built_in())
        .forms
        .into_iter()
        .filter_map(|f| match f {
            Form::Project { mut project, locs } => {
                crate::checks::check_project(&mut project, &locs);
                Some(*project)
            }
            Form::Department { .. } => None,
        })
        .collect()
}

const PROJECT: &str = "
2025年绩效目标申报表 | < | < | < | < | <
项目名称 | 计量器具强制检定 | < | < | < | <
主管部门 | 梁子湖区市场监督管理局 | < | 用款单位 | 梁子湖区市场监督管理局 | <
项目负责人 | 蔡静雪 | < | 联系电话 | 0711-3819986 | <
项目属性 | 延续项目 | < | 项目类别 | 公共服务类 | <
实施期限 | 2025年1月至2025年12月 | < | < | < | <
项目资金（万元） | 资金总额 | < | 51 | < | <
^ | 财政拨款 | < | 40 | < | <
^ | 其他资金 | < | 11 | < | <
绩效目标 | 1.免费开展计量器具强制检定，减轻企业负担。\\n2.强制检定计量器具不少于3万台件。 | < | < | < | <
绩效指标 | 一级指标 | 二级指标 | 具体指标 | 指标值 | 指标值确定依据
^ | 产出指标 | 数量指标 | 强制检定计量器具 | ≥3万台件 | 计划标准
^ | ^ | 时效指标 | 检定完成时限 | 5个工作日内 | 历史标准
^ | 满意度指标 | 服务对象满意度指标 | 企业满意度 | ≥95% | 计划标准
填报人：蔡俊婷 | | | 填报日期：2024年12月 | |";

#[test]
fn a_project_form_in_one_block() {
    let doc = Document {
        parts: vec![sheet("项目绩效目标表", PROJECT)],
    };
    let ps = projects(&doc, "x.xlsx");
    assert_eq!(ps.len(), 1, "one project");
    let p = &ps[0];
    assert_eq!(p.project, "计量器具强制检定");
    assert_eq!(p.form, "绩效目标申报");
    assert_eq!(p.budget_year, Some(2025));
    assert_eq!(p.department.as_deref(), Some("梁子湖区市场监督管理局"));
    assert_eq!(p.implementer.as_deref(), Some("梁子湖区市场监督管理局"));
    assert_eq!(p.attribute.as_deref(), Some("延续"));
    assert_eq!(p.category.as_deref(), Some("公共服务类"));
    assert_eq!(p.leader.as_deref(), Some("蔡静雪"));
    assert_eq!(p.phone.as_deref(), Some("0711-3819986"));
    let period = p.period.as_ref().expect("period");
    assert_eq!(
        (period.start.as_deref(), period.end.as_deref()),
        (Some("2025-01"), Some("2025-12"))
    );
    assert_eq!(p.unit.as_deref(), Some("万元"));
    let annual = p.funds.annual.as_ref().expect("annual funds");
    assert_eq!(annual.total.map(|n| n.0), Some(51.0));
    assert_eq!(annual.fiscal.map(|n| n.0), Some(40.0));
    assert_eq!(annual.other.map(|n| n.0), Some(11.0));
    let items: Vec<&str> = annual.items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(items, ["财政拨款", "其他资金"]);
    assert!(p.funds.mid_term.is_none());
    assert_eq!(p.goals.annual.len(), 2);
    assert!(p.goals.long_term.is_empty());
    assert_eq!(p.indicators.annual.len(), 3);
    assert_eq!(p.indicators.annual[1].level1.as_deref(), Some("产出指标"));
    assert_eq!(p.indicators.annual[1].target.kind, ValueKind::Text);
    assert_eq!(p.indicators.annual[2].level3.as_deref(), Some("企业满意度"));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// The central side-by-side layout: 中期 | 年度 funds columns, goals side by side, one
/// 一级指标 column over two halves of indicators.
const CENTRAL: &str = "
项目支出绩效目标申报表 | < | < | < | < | < | <
（2024年度） | < | < | < | < | < | <
项目名称 | 农村公路养护 | < | < | < | < | <
主管部门及代码 | 华容区交通运输局 [207001] | < | < | 实施单位 | 华容区公路管理站 | <
项目属性 | 延续项目 | < | < | 项目期 | 2023年1月-2025年12月 | <
项目资金（万元） | | 中期资金总额 | < | 年度资金总额 | < | <
^ | 资金总额 | 900 | < | 300 | < | <
^ | 其中：财政拨款 | 750 | < | 250 | < | <
^ | 其他资金 | 150 | < | 50 | < | <
总体目标 | 中期目标（2023年-2025年） | < | < | 年度目标 | < | <
^ | 目标1：完成农村公路养护1200公里。\\n目标2：优良路率达到80%。 | < | < | 目标1：完成养护400公里。 | < | <
绩效指标 | 一级指标 | 中期绩效指标 | < | < | 年度绩效指标 | <
^ | ^ | 二级指标 | 三级指标 | 指标值 | 三级指标 | 指标值
^ | 产出指标 | 数量指标 | 养护里程 | ≥1200公里 | 养护里程 | ≥400公里
^ | ^ | 质量指标 | 优良路率 | ≥80% | 优良路率 | ≥78%
^ | 效益指标 | 社会效益指标 | 群众出行满意度 | ≥90% | 群众出行满意度 | ≥90%";

#[test]
fn the_central_side_by_side_layout() {
    let doc = Document {
        parts: vec![sheet("项目申报表", CENTRAL)],
    };
    let ps = projects(&doc, "公路养护.xlsx");
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(p.form, "项目支出绩效目标申报");
    assert_eq!(p.budget_year, Some(2024));
    assert_eq!(p.department.as_deref(), Some("华容区交通运输局"));
    assert_eq!(p.department_code.as_deref(), Some("207001"));
    assert_eq!(p.implementer.as_deref(), Some("华容区公路管理站"));
    assert_eq!(p.attribute.as_deref(), Some("延续"));
    let period = p.period.as_ref().expect("period");
    assert_eq!(
        (period.start.as_deref(), period.end.as_deref()),
        (Some("2023-01"), Some("2025-12"))
    );
    let mid = p.funds.mid_term.as_ref().expect("mid-term funds");
    let annual = p.funds.annual.as_ref().expect("annual funds");
    assert_eq!(
        (
            mid.total.map(|n| n.0),
            mid.fiscal.map(|n| n.0),
            mid.other.map(|n| n.0)
        ),
        (Some(900.0), Some(750.0), Some(150.0))
    );
    assert_eq!(
        (
            annual.total.map(|n| n.0),
            annual.fiscal.map(|n| n.0),
            annual.other.map(|n| n.0)
        ),
        (Some(300.0), Some(250.0), Some(50.0))
    );
    let items: Vec<&str> = annual.items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(items, ["财政拨款", "其他资金"]);
    assert_eq!(
        p.goals.long_term,
        ["完成农村公路养护1200公里。", "优良路率达到80%。"]
    );
    assert_eq!(p.goals.annual, ["完成养护400公里。"]);
    assert_eq!(
        p.indicators.long_term.len(),
        3,
        "{:?}",
        p.indicators.long_term
    );
    assert_eq!(p.indicators.annual.len(), 3, "{:?}", p.indicators.annual);
    let a = &p.indicators.annual[1];
    assert_eq!(
        (
            a.level1.as_deref(),
            a.level2.as_deref(),
            a.level3.as_deref(),
            a.target.text.as_str()
        ),
        (Some("产出指标"), Some("质量指标"), Some("优良路率"), "≥78%")
    );
    let l = &p.indicators.long_term[2];
    assert_eq!(
        (
            l.level1.as_deref(),
            l.level2.as_deref(),
            l.level3.as_deref()
        ),
        (
            Some("效益指标"),
            Some("社会效益指标"),
            Some("群众出行满意度")
        )
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// The Ministry's own drawing of the funds block: label | amount pairs for both blocks side
/// by side in each row (中期资金总额 | 300 | 年度资金总额 | 120, 其中：财政拨款 | 240 | 其中：财政拨款
/// | 100 …): each line belongs to the block named above it in its column.
const PAIRS: &str = "
项目支出绩效目标申报表 | < | < | < | < | < | <
项目名称 | 城乡义务教育学生营养改善计划 | < | < | < | < | <
主管部门及代码 | [206]鄂州市教育局 | < | < | 实施单位 | 鄂州市教育装备中心 | <
项目资金（万元） | < | 中期资金总额 | 300 | | 年度资金总额 | 120
^ | < | 其中：财政拨款 | 240 | | 其中：财政拨款 | 100
^ | < | 其他资金 | 60 | | 其他资金 | 20
总体目标 | 中期目标 | < | < | 年度目标 | < | <
^ | 目标1：覆盖全市农村学校 | < | < | 目标1：完成年度供餐 | < | <
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | < | <
^ | 产出指标 | 数量指标 | 受益学生人数 | ≥3万人 | < | <";

#[test]
fn funds_blocks_written_as_pairs_side_by_side() {
    let doc = Document {
        parts: vec![sheet("项目", PAIRS)],
    };
    let ps = projects(&doc, "2025年营养改善.xlsx");
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(p.department.as_deref(), Some("鄂州市教育局"));
    assert_eq!(p.department_code.as_deref(), Some("206"));
    let amounts = |a: &crate::model::project::Amounts| {
        (
            a.total.map(|n| n.0),
            a.fiscal.map(|n| n.0),
            a.other.map(|n| n.0),
            a.items.iter().map(|i| i.item.clone()).collect::<Vec<_>>(),
        )
    };
    let lines = vec!["财政拨款".to_string(), "其他资金".to_string()];
    let mid = p.funds.mid_term.as_ref().expect("mid-term funds");
    assert_eq!(
        amounts(mid),
        (Some(300.0), Some(240.0), Some(60.0), lines.clone())
    );
    let annual = p.funds.annual.as_ref().expect("annual funds");
    assert_eq!(
        amounts(annual),
        (Some(120.0), Some(100.0), Some(20.0), lines)
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// The county style: check boxes, funds inline, 长期 and 年度 blocks with 指标内容 and 备注,
/// 项目负责人及电话, unfilled template rows, an 审核意见 row and a signature row.
const COUNTY: &str = "
2025年度项目绩效目标表 | < | < | < | <
项目名称 | 城区河道清淤 | < | < | <
主管部门 | 孝南区水利和湖泊局 | < | 项目单位 | 孝南区河道管理所
项目属性 | 新增项目☑  延续项目□ | < | 项目类别 | 公共服务类□ 基础设施类☑
项目负责人及电话 | 张三 0712-2345678 | < | 项目起止时间 | 2025年
项目资金 | 年度资金总额：120万元 其中：财政拨款：100万元 自有资金：15万元 其他资金：5万元 | < | < | <
长期目标 | 1、河道水质稳定达到Ⅳ类。 | < | < | <
年度目标 | 1、清淤河道8公里。\\n2、清淤土方10万立方米。 | < | < | <
长期绩效指标 | 一级指标 | 二级指标 | 指标内容 | 指标值
^ | 效益指标 | 生态效益指标 | 河道水质 | Ⅳ类
^ | ^ | ^ | 指标1： |
年度绩效指标 | 一级指标 | 二级指标 | 指标内容 | 指标值 | 备注
^ | 产出指标 | 数量指标 | 清淤长度 | ≥8公里 | 按设计
^ | ^ | ^ | 清淤土方 | 10万立方米 |
^ | ^ | 时效指标 | 完工时间 | 2025年10月底前 |
^ | …… | …… | …… | |
审核意见 | 同意申报。 | < | < | <
单位负责人签字： | | 填报日期：2024年11月 | < | <";

#[test]
fn the_county_style() {
    let doc = Document {
        parts: vec![sheet("清淤", COUNTY)],
    };
    let ps = projects(&doc, "清淤.xlsx");
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(p.project, "城区河道清淤");
    assert_eq!(p.budget_year, Some(2025));
    assert_eq!(p.attribute.as_deref(), Some("新增"));
    assert_eq!(p.category.as_deref(), Some("基础设施类"));
    assert_eq!(p.leader.as_deref(), Some("张三"));
    assert_eq!(p.phone.as_deref(), Some("0712-2345678"));
    let period = p.period.as_ref().expect("period");
    assert_eq!(
        (period.start.as_deref(), period.end.as_deref()),
        (Some("2025"), Some("2025"))
    );
    let annual = p.funds.annual.as_ref().expect("funds");
    assert_eq!(annual.total.map(|n| n.0), Some(120.0));
    assert_eq!(annual.fiscal.map(|n| n.0), Some(100.0));
    assert_eq!(annual.other.map(|n| n.0), Some(5.0));
    let items: Vec<(&str, Option<f64>)> = annual
        .items
        .iter()
        .map(|i| (i.item.as_str(), i.amount.map(|n| n.0)))
        .collect();
    assert_eq!(
        items,
        [
            ("财政拨款", Some(100.0)),
            ("自有资金", Some(15.0)),
            ("其他资金", Some(5.0))
        ]
    );
    assert_eq!(p.goals.long_term, ["河道水质稳定达到Ⅳ类。"]);
    assert_eq!(p.goals.annual, ["清淤河道8公里。", "清淤土方10万立方米。"]);
    assert_eq!(
        p.indicators.long_term.len(),
        1,
        "{:?}",
        p.indicators.long_term
    );
    assert_eq!(p.indicators.annual.len(), 3, "{:?}", p.indicators.annual);
    assert_eq!(p.indicators.annual[0].remark.as_deref(), Some("按设计"));
    assert_eq!(p.indicators.annual[0].level3.as_deref(), Some("清淤长度"));
    assert_eq!(p.indicators.annual[1].remark, None);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// A year written beside the filing unit on the line above the table, not in the title.
const YEAR_BESIDE_THE_UNIT: &str = "
财政支出项目绩效目标申报表 | < | < | < | <
填报单位（盖章）：通山县林业局 | < | < | < | 2024年度
项目名称 | 森林防火能力建设 | < | < | <
主管部门 | 通山县林业局 | 项目实施单位 | 通山县森林防火指挥部办公室 | <
项目资金 | 年度资金总额：150万元，其中：财政拨款：120万元，其他资金：30万元 | < | < | <
项目绩效目标 | 购置防火设备一批。 | < | < | <
绩效指标 | 一级指标 | 二级指标 | 指标内容 | 指标值
^ | 产出指标 | 数量指标 | 购置风力灭火机 | 50台";

#[test]
fn a_year_beside_the_filing_unit_and_inline_funds_after_commas() {
    let doc = Document {
        parts: vec![sheet("Sheet1", YEAR_BESIDE_THE_UNIT)],
    };
    let ps = projects(&doc, "森林防火.xlsx");
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(p.budget_year, Some(2024));
    let annual = p.funds.annual.as_ref().expect("annual funds");
    assert_eq!(
        (
            annual.total.map(|n| n.0),
            annual.fiscal.map(|n| n.0),
            annual.other.map(|n| n.0)
        ),
        (Some(150.0), Some(120.0), Some(30.0))
    );
    let items: Vec<&str> = annual.items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(items, ["财政拨款", "其他资金"]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

/// A web system's project form: 项目属性 as ticked boxes, the funds block's label merged
/// down over its three lines, and 年度总体目标 (not 年度目标) as the goals' label right
/// under it: the goals are goals, not a fourth funds line.
const WEB_PROJECT: &str = "
项目名称 | 城区背街小巷改造提升 | < | < | < | <
主管部门及代码 | [108]襄阳市住房和城乡建设局 | < | 实施单位 | 襄阳市市政设施维护中心 | <
项目属性 | ☑ 新增项目 □ 延续项目 | < | 项目期 | 1年 | <
项目资金（万元） | 年度资金总额： | < | < | 350.00 | <
^ | 其中：财政拨款 | < | < | 300.00 | <
^ | 其他资金 | < | < | 50.00 | <
年度总体目标 | 目标1：完成城区背街小巷改造12条。\\n目标2：改善居民出行条件。 | < | < | < | <
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注
^ | 产出指标 | 数量指标 | 改造背街小巷数量 | ≥12条 |
^ | 满意度指标 | 服务对象满意度指标 | 沿线居民满意度 | ≥90% | ";

#[test]
fn annual_overall_goals_under_a_merged_funds_label() {
    let doc = Document {
        parts: vec![sheet("Sheet1", WEB_PROJECT)],
    };
    let ps = projects(&doc, "背街小巷.xlsx");
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(p.attribute.as_deref(), Some("新增"));
    let annual = p.funds.annual.as_ref().expect("annual funds");
    let items: Vec<&str> = annual.items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(items, ["财政拨款", "其他资金"]);
    assert_eq!(annual.total.map(|n| n.0), Some(350.0));
    assert_eq!(
        p.goals.annual,
        ["完成城区背街小巷改造12条。", "改善居民出行条件。"]
    );
    assert_eq!(p.indicators.annual.len(), 2);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}
