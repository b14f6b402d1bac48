//! How a department draws a project form (项目支出绩效目标表): the presentation options
//! ([`ProjPres`]) and the format-neutral grid ([`Layout`]) both renderers draw, plus the
//! paragraphs or sheet rows around it. Two families: the central side-by-side template
//! (中期 | 年度 halves under one 一级指标 column) and the composable "standard" one (header
//! pairs or a stacked header, funds as rows or inline text, one 绩效指标 block or separate
//! 长期 / 年度 blocks, optional 计量单位 / 依据 / 备注 columns, with or without the left-hand
//! section-label column).

use crate::model::{Cell, Content, Layout, cell, level_spans, t, trim_num};
use crate::project_specs::{PFunds, ProjForm, Row};
use crate::render_docx::DocItem;
use crate::render_xlsx::{GridSheet, LineStyle};

/// A header field of a project form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field {
    Project,
    Dept,
    Impl,
    Attr,
    Category,
    Leader,
    Phone,
    /// 项目负责人及电话: "张三 0711-1234567".
    LeaderPhone,
    Period,
}

/// How the funds block is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FundsStyle {
    /// 项目资金（万元） | 资金总额 | 51 rows, one line a row (a lone annual block).
    Rows,
    /// One cell per block: "年度资金总额：120万元 其中：财政拨款：100万元 其他资金：20万元".
    Inline,
}

/// How goals are written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GoalsStyle {
    /// One cell with this label holding the annual goals.
    Single(&'static str),
    /// A 长期 row (when there are long-term goals) and a 年度 row, with these labels.
    Separate(&'static str, &'static str),
}

/// How indicators are written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IndStyle {
    /// One block with this section label, annual.
    Single(&'static str),
    /// A long-term block and an annual block with these section labels.
    Blocks(&'static str, &'static str),
}

/// How goals are numbered in their cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GoalNum {
    /// "目标1：…"
    Mubiao,
    /// "1.…"
    Dot,
    /// "1、…"
    Dun,
    /// "（1）…"
    Paren,
    /// One paragraph per goal, no numbering.
    Plain,
}

/// How a department wrote a project form down.
#[derive(Debug, Clone)]
pub struct ProjPres {
    /// Lines above the table: Word paragraphs (Title bold), sheet rows.
    pub above: Vec<(String, LineStyle)>,
    /// Lines below the table (signatures, dates).
    pub below: Vec<String>,
    /// The central side-by-side template (its own fixed grid; most options below unused).
    pub central: bool,
    /// Header fields written stacked: labels in one row, values in the row below.
    pub stacked: Vec<Field>,
    /// Header rows of one or two label/value pairs.
    pub header: Vec<Vec<Field>>,
    pub dept_label: &'static str,
    pub impl_label: &'static str,
    pub period_label: &'static str,
    /// A 项目概况 row (ignored by the contract).
    pub overview: Option<&'static str>,
    pub funds: FundsStyle,
    pub funds_label: &'static str,
    pub total_label: &'static str,
    /// The first source line written "其中：财政拨款".
    pub qizhong: bool,
    /// Excel: amounts as number cells (else strings).
    pub xlsx_numbers: bool,
    pub goals: GoalsStyle,
    pub goal_num: GoalNum,
    pub ind: IndStyle,
    /// The left-hand section-label column (绩效指标 beside the indicator header).
    pub section_col: bool,
    pub l1_label: &'static str,
    pub l2_label: &'static str,
    pub l3_label: &'static str,
    pub target_label: &'static str,
    pub unit_col: bool,
    pub basis_col: bool,
    pub remark_col: bool,
    /// 项目实施进度计划 rows: (内容, 开始时间, 完成时间) (ignored by the contract).
    pub schedule: Vec<(&'static str, &'static str, &'static str)>,
    /// 审核意见 rows at the bottom of the table: (label, text) (ignored).
    pub review: Vec<(&'static str, &'static str)>,
    /// Full-width rows at the very bottom of the table (signatures, dates; ignored).
    pub sign_rows: Vec<&'static str>,
    pub sheet_name: String,
}

impl Default for ProjPres {
    /// The layout of `../shared/samples/project_sample.*`.
    fn default() -> Self {
        ProjPres {
            above: vec![("项目支出绩效目标申报表".into(), LineStyle::Title)],
            below: vec![],
            central: false,
            stacked: vec![],
            header: vec![
                vec![Field::Project],
                vec![Field::Dept, Field::Impl],
                vec![Field::Leader, Field::Phone],
                vec![Field::Attr, Field::Category],
                vec![Field::Period],
            ],
            dept_label: "主管部门",
            impl_label: "实施单位",
            period_label: "实施期限",
            overview: None,
            funds: FundsStyle::Rows,
            funds_label: "项目资金（万元）",
            total_label: "资金总额",
            qizhong: false,
            xlsx_numbers: true,
            goals: GoalsStyle::Single("绩效目标"),
            goal_num: GoalNum::Dot,
            ind: IndStyle::Single("绩效指标"),
            section_col: true,
            l1_label: "一级指标",
            l2_label: "二级指标",
            l3_label: "三级指标",
            target_label: "指标值",
            unit_col: false,
            basis_col: true,
            remark_col: false,
            schedule: vec![],
            review: vec![],
            sign_rows: vec![],
            sheet_name: "项目绩效目标表".into(),
        }
    }
}

fn goal_text(goals: &[String], num: GoalNum) -> String {
    goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let k = i + 1;
            match num {
                GoalNum::Mubiao => format!("目标{k}：{g}"),
                GoalNum::Dot => format!("{k}.{g}"),
                GoalNum::Dun => format!("{k}、{g}"),
                GoalNum::Paren => format!("（{k}）{g}"),
                GoalNum::Plain => g.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn amount_content(p: &ProjPres, v: Option<f64>) -> Content {
    match v {
        None => t(""),
        Some(v) if p.xlsx_numbers => Content::Num {
            value: v,
            fmt: None,
            text: trim_num(v),
            sum_above: None,
        },
        Some(v) => t(&trim_num(v)),
    }
}

/// "年度资金总额：120万元 其中：财政拨款：100万元 其他资金：20万元"
pub fn inline_funds(total_label: &str, b: &PFunds, unit: &str) -> String {
    let amt = |c: Option<i64>| c.map(|c| trim_num(c as f64 / 100.0)).unwrap_or_default();
    let mut s = format!("{total_label}：{}{unit}", amt(b.total));
    for (k, (label, a)) in b.lines.iter().enumerate() {
        let pre = if k == 0 { " 其中：" } else { " " };
        s.push_str(&format!("{pre}{label}：{}{unit}", amt(*a)));
    }
    s
}

fn field_label(p: &ProjPres, f: Field) -> &'static str {
    match f {
        Field::Project => "项目名称",
        Field::Dept => p.dept_label,
        Field::Impl => p.impl_label,
        Field::Attr => "项目属性",
        Field::Category => "项目类别",
        Field::Leader => "项目负责人",
        Field::Phone => "联系电话",
        Field::LeaderPhone => "项目负责人及电话",
        Field::Period => p.period_label,
    }
}

fn field_value(f: &ProjForm, field: Field) -> String {
    let r = &f.record;
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    match field {
        Field::Project => r.project.clone(),
        Field::Dept => match &r.department_code {
            Some(code) => format!("{} [{code}]", o(&r.department)),
            None => o(&r.department),
        },
        Field::Impl => o(&r.implementer),
        Field::Attr => f.attr_text.clone().unwrap_or_default(),
        Field::Category => o(&r.category),
        Field::Leader => o(&r.leader),
        Field::Phone => o(&r.phone),
        Field::LeaderPhone => format!("{} {}", o(&r.leader), o(&r.phone)),
        Field::Period => r
            .period
            .as_ref()
            .map(|x| x.text.clone())
            .unwrap_or_default(),
    }
}

/// Splits `n` columns into `k` segments, the wider ones last: (start, span).
fn segments(n: usize, k: usize) -> Vec<(usize, usize)> {
    let base = n / k;
    let extra = n % k;
    let mut out = Vec::new();
    let mut at = 0;
    for i in 0..k {
        let w = base + usize::from(i >= k - extra);
        out.push((at, w));
        at += w;
    }
    out
}

/// A label/value row of one or two pairs over `n` columns.
fn pair_row(n: usize, pairs: &[(String, String)]) -> Vec<Cell> {
    match pairs {
        [(l, v)] => vec![cell(0, 1, 1, t(l)), cell(1, n - 1, 1, t(v))],
        [(l1, v1), (l2, v2)] => {
            let b = n / 2 - 1;
            vec![
                cell(0, 1, 1, t(l1)),
                cell(1, b, 1, t(v1)),
                cell(1 + b, 1, 1, t(l2)),
                cell(2 + b, n - 2 - b, 1, t(v2)),
            ]
        }
        _ => panic!("a header row holds one or two pairs"),
    }
}

/// The columns of an indicator block in the standard layout.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Sec,
    L1,
    L2,
    L3,
    Unit,
    Target,
    Basis,
    Remark,
}

fn columns(p: &ProjPres) -> Vec<Col> {
    let mut c = Vec::new();
    if p.section_col {
        c.push(Col::Sec);
    }
    c.extend([Col::L1, Col::L2, Col::L3]);
    if p.unit_col {
        c.push(Col::Unit);
    }
    c.push(Col::Target);
    if p.basis_col {
        c.push(Col::Basis);
    }
    if p.remark_col {
        c.push(Col::Remark);
    }
    c
}

fn width(c: Col) -> usize {
    match c {
        Col::Sec => 1100,
        Col::L1 => 1150,
        Col::L2 => 1300,
        Col::L3 => 2000,
        Col::Unit => 800,
        Col::Target => 1300,
        Col::Basis => 1300,
        Col::Remark => 1000,
    }
}

/// An indicator block: header row and its rows (blank template rows included).
fn ind_block(p: &ProjPres, rows: &mut Vec<Vec<Cell>>, label: &str, ind: &[Row]) {
    let cols = columns(p);
    let at = |c: Col| cols.iter().position(|x| *x == c);
    let mut hdr = Vec::new();
    for (k, c) in cols.iter().enumerate() {
        let text = match c {
            Col::Sec => label,
            Col::L1 => p.l1_label,
            Col::L2 => p.l2_label,
            Col::L3 => p.l3_label,
            Col::Unit => "计量单位",
            Col::Target => p.target_label,
            Col::Basis => "指标值确定依据",
            Col::Remark => "备注",
        };
        let rs = if *c == Col::Sec { 1 + ind.len() } else { 1 };
        hdr.push(cell(k, 1, rs, t(text)));
    }
    rows.push(hdr);
    let keys: Vec<(String, String)> = ind.iter().map(|r| (r.l1.clone(), r.l2.clone())).collect();
    let (s1, s2) = level_spans(&keys);
    for (k, r) in ind.iter().enumerate() {
        let mut row = Vec::new();
        if let (Some(n), Some(c)) = (s1[k], at(Col::L1)) {
            row.push(cell(c, 1, n, t(&r.l1)));
        }
        if let (Some(n), Some(c)) = (s2[k], at(Col::L2)) {
            row.push(cell(c, 1, n, t(&r.l2)));
        }
        let mut put = |c: Col, s: &str| {
            if let Some(i) = at(c) {
                row.push(cell(i, 1, 1, t(s)));
            }
        };
        put(Col::L3, &r.l3);
        put(Col::Unit, &r.unit_col);
        put(Col::Target, &r.target);
        put(Col::Basis, &r.basis);
        put(Col::Remark, &r.remark);
        rows.push(row);
    }
}

fn check_columns(p: &ProjPres, ind: &[Row]) {
    for r in ind {
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
        assert!(
            p.unit_col || r.unit_col.is_empty(),
            "{}: 计量单位 without a column",
            r.l3
        );
    }
}

/// The grid of a project form.
pub fn layout(f: &ProjForm) -> Layout {
    if f.p.central {
        return central(f);
    }
    let p = &f.p;
    let r = &f.record;
    let cols = columns(p);
    let n = cols.len();
    let mut rows: Vec<Vec<Cell>> = Vec::new();

    // Header.
    if !p.stacked.is_empty() {
        let segs = segments(n, p.stacked.len());
        let labels = p
            .stacked
            .iter()
            .zip(&segs)
            .map(|(fl, (c, w))| cell(*c, *w, 1, t(field_label(p, *fl))))
            .collect();
        let values = p
            .stacked
            .iter()
            .zip(&segs)
            .map(|(fl, (c, w))| cell(*c, *w, 1, t(&field_value(f, *fl))))
            .collect();
        rows.push(labels);
        rows.push(values);
    }
    for h in &p.header {
        let pairs: Vec<(String, String)> = h
            .iter()
            .map(|fl| (field_label(p, *fl).to_string(), field_value(f, *fl)))
            .collect();
        rows.push(pair_row(n, &pairs));
    }
    if let Some(o) = p.overview {
        rows.push(vec![cell(0, 1, 1, t("项目概况")), cell(1, n - 1, 1, t(o))]);
    }

    // Funds.
    let unit = r.unit.clone().unwrap_or_default();
    let blocks: Vec<(&str, &PFunds)> = [
        ("中期资金总额", f.funds.0.as_ref()),
        ("年度资金总额", f.funds.1.as_ref()),
    ]
    .into_iter()
    .filter_map(|(l, b)| b.map(|b| (l, b)))
    .collect();
    match p.funds {
        FundsStyle::Inline => {
            for (k, (label, b)) in blocks.iter().enumerate() {
                let mut row = Vec::new();
                if k == 0 {
                    row.push(cell(0, 1, blocks.len(), t(p.funds_label)));
                }
                row.push(cell(1, n - 1, 1, t(&inline_funds(label, b, &unit))));
                rows.push(row);
            }
        }
        FundsStyle::Rows => {
            assert!(f.funds.0.is_none(), "Rows funds hold one (annual) block");
            if let Some(b) = &f.funds.1 {
                let w = (n - 1) / 2;
                let m = 1 + b.lines.len();
                rows.push(vec![
                    cell(0, 1, m, t(p.funds_label)),
                    cell(1, w, 1, t(p.total_label)),
                    cell(1 + w, n - 1 - w, 1, amount_content(p, b.total.map(cents))),
                ]);
                for (k, (label, a)) in b.lines.iter().enumerate() {
                    let label = if k == 0 && p.qizhong {
                        format!("其中：{label}")
                    } else {
                        label.to_string()
                    };
                    rows.push(vec![
                        cell(1, w, 1, t(&label)),
                        cell(1 + w, n - 1 - w, 1, amount_content(p, a.map(cents))),
                    ]);
                }
            }
        }
    }

    // Goals.
    match p.goals {
        GoalsStyle::Single(label) => {
            assert!(r.goals.long_term.is_empty(), "a single goal cell is annual");
            rows.push(vec![
                cell(0, 1, 1, t(label)),
                cell(1, n - 1, 1, t(&goal_text(&r.goals.annual, p.goal_num))),
            ]);
        }
        GoalsStyle::Separate(lt, an) => {
            if !r.goals.long_term.is_empty() {
                rows.push(vec![
                    cell(0, 1, 1, t(lt)),
                    cell(1, n - 1, 1, t(&goal_text(&r.goals.long_term, p.goal_num))),
                ]);
            }
            rows.push(vec![
                cell(0, 1, 1, t(an)),
                cell(1, n - 1, 1, t(&goal_text(&r.goals.annual, p.goal_num))),
            ]);
        }
    }

    // Indicators.
    check_columns(p, &f.rows_lt);
    check_columns(p, &f.rows_an);
    match p.ind {
        IndStyle::Single(label) => {
            assert!(f.rows_lt.is_empty(), "a single indicator block is annual");
            ind_block(p, &mut rows, label, &f.rows_an);
        }
        IndStyle::Blocks(lt, an) => {
            assert!(
                p.section_col,
                "separate blocks are told apart by their section labels"
            );
            if !f.rows_lt.is_empty() {
                ind_block(p, &mut rows, lt, &f.rows_lt);
            }
            ind_block(p, &mut rows, an, &f.rows_an);
        }
    }

    // Sections the contract ignores.
    if !p.schedule.is_empty() {
        let segs = segments(n - 1, 3);
        let mut hdr = vec![cell(0, 1, 1 + p.schedule.len(), t("项目实施进度计划"))];
        for ((c, w), s) in segs.iter().zip(["项目实施内容", "开始时间", "完成时间"]) {
            hdr.push(cell(1 + c, *w, 1, t(s)));
        }
        rows.push(hdr);
        for (a, b, c) in &p.schedule {
            rows.push(
                segs.iter()
                    .zip([a, b, c])
                    .map(|((col, w), s)| cell(1 + col, *w, 1, t(s)))
                    .collect(),
            );
        }
    }
    for (label, text) in &p.review {
        rows.push(vec![cell(0, 1, 1, t(label)), cell(1, n - 1, 1, t(text))]);
    }
    for s in &p.sign_rows {
        rows.push(vec![cell(0, n, 1, t(s))]);
    }

    Layout {
        ncols: n,
        widths: cols.iter().map(|c| width(*c)).collect(),
        rows,
        split_at: None,
    }
}

fn cents(c: i64) -> f64 {
    c as f64 / 100.0
}

/// The central template: 项目名称 / 主管部门及代码 | 实施单位 / 项目属性 | 项目期; 项目资金
/// with 中期资金总额 | 年度资金总额 columns; 总体目标 with 中期目标 | 年度目标; 绩效指标 with one
/// 一级指标 column and the 中期 | 年度 halves (二级 | 三级 | 指标值 each).
fn central(f: &ProjForm) -> Layout {
    let p = &f.p;
    let r = &f.record;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let v = |fl: Field| field_value(f, fl);
    rows.push(vec![
        cell(0, 1, 1, t("项目名称")),
        cell(1, 7, 1, t(&v(Field::Project))),
    ]);
    rows.push(vec![
        cell(0, 1, 1, t(p.dept_label)),
        cell(1, 3, 1, t(&v(Field::Dept))),
        cell(4, 1, 1, t(p.impl_label)),
        cell(5, 3, 1, t(&v(Field::Impl))),
    ]);
    rows.push(vec![
        cell(0, 1, 1, t("项目属性")),
        cell(1, 3, 1, t(&v(Field::Attr))),
        cell(4, 1, 1, t(p.period_label)),
        cell(5, 3, 1, t(&v(Field::Period))),
    ]);

    // Funds: both blocks must list the same lines.
    let (mid, an) = match (&f.funds.0, &f.funds.1) {
        (Some(m), Some(a)) => (m, a),
        _ => panic!("the central template has both funds blocks"),
    };
    let labels: Vec<&str> = mid.lines.iter().map(|l| l.0).collect();
    assert_eq!(labels, an.lines.iter().map(|l| l.0).collect::<Vec<_>>());
    rows.push(vec![
        cell(0, 1, 2 + labels.len(), t(p.funds_label)),
        cell(1, 3, 1, t("")),
        cell(4, 2, 1, t("中期资金总额")),
        cell(6, 2, 1, t("年度资金总额")),
    ]);
    rows.push(vec![
        cell(1, 3, 1, t(p.total_label)),
        cell(4, 2, 1, amount_content(p, mid.total.map(cents))),
        cell(6, 2, 1, amount_content(p, an.total.map(cents))),
    ]);
    for (k, label) in labels.iter().enumerate() {
        let label = if k == 0 && p.qizhong {
            format!("其中：{label}")
        } else {
            label.to_string()
        };
        rows.push(vec![
            cell(1, 3, 1, t(&label)),
            cell(4, 2, 1, amount_content(p, mid.lines[k].1.map(cents))),
            cell(6, 2, 1, amount_content(p, an.lines[k].1.map(cents))),
        ]);
    }

    // Goals side by side.
    let (lt_label, an_label) = match p.goals {
        GoalsStyle::Separate(a, b) => (a, b),
        GoalsStyle::Single(_) => ("中期目标", "年度目标"),
    };
    rows.push(vec![
        cell(0, 1, 2, t("总体目标")),
        cell(1, 4, 1, t(lt_label)),
        cell(5, 3, 1, t(an_label)),
    ]);
    rows.push(vec![
        cell(1, 4, 1, t(&goal_text(&r.goals.long_term, p.goal_num))),
        cell(5, 3, 1, t(&goal_text(&r.goals.annual, p.goal_num))),
    ]);

    // Indicators: group by 一级指标 in order of appearance, left and right halves.
    let mut groups: Vec<String> = Vec::new();
    for x in f.rows_lt.iter().chain(&f.rows_an) {
        if !groups.contains(&x.l1) {
            groups.push(x.l1.clone());
        }
    }
    let mut body: Vec<Vec<Cell>> = Vec::new();
    for g in &groups {
        let left: Vec<&Row> = f.rows_lt.iter().filter(|x| &x.l1 == g).collect();
        let right: Vec<&Row> = f.rows_an.iter().filter(|x| &x.l1 == g).collect();
        let h = left.len().max(right.len());
        let spans = |side: &[&Row]| {
            let keys: Vec<(String, String)> =
                side.iter().map(|x| (x.l1.clone(), x.l2.clone())).collect();
            level_spans(&keys).1
        };
        let (sl, sr) = (spans(&left), spans(&right));
        for k in 0..h {
            let mut row = Vec::new();
            if k == 0 {
                row.push(cell(1, 1, h, t(g)));
            }
            for (side, sp, c0) in [(&left, &sl, 2), (&right, &sr, 5)] {
                if let Some(x) = side.get(k) {
                    if let Some(n) = sp[k] {
                        row.push(cell(c0, 1, n, t(&x.l2)));
                    }
                    row.push(cell(c0 + 1, 1, 1, t(&x.l3)));
                    row.push(cell(c0 + 2, 1, 1, t(&x.target)));
                }
            }
            body.push(row);
        }
    }
    // Each 一级指标 group must be contiguous in both lists so that form order is list order.
    for list in [&f.rows_lt, &f.rows_an] {
        let mut seen: Vec<&String> = Vec::new();
        for x in list.iter() {
            if seen.last() != Some(&&x.l1) {
                assert!(
                    !seen.contains(&&x.l1),
                    "{}: 一级指标 groups must be contiguous",
                    x.l1
                );
                seen.push(&x.l1);
            }
        }
    }
    rows.push(vec![
        cell(0, 1, 2 + body.len(), t("绩效指标")),
        cell(1, 1, 2, t("一级指标")),
        cell(2, 3, 1, t("中期绩效指标")),
        cell(5, 3, 1, t("年度绩效指标")),
    ]);
    rows.push(
        [
            "二级指标",
            "三级指标",
            "指标值",
            "二级指标",
            "三级指标",
            "指标值",
        ]
        .iter()
        .enumerate()
        .map(|(k, s)| cell(2 + k, 1, 1, t(s)))
        .collect(),
    );
    rows.extend(body);
    for s in &p.sign_rows {
        rows.push(vec![cell(0, 8, 1, t(s))]);
    }
    Layout {
        ncols: 8,
        widths: vec![1100, 1000, 1100, 1500, 1000, 1100, 1500, 1000],
        rows,
        split_at: None,
    }
}

/// The Word blocks of one project form: lines above, the table, lines below.
pub fn doc_items(f: &ProjForm) -> Vec<DocItem> {
    let mut items = Vec::new();
    for (s, style) in &f.p.above {
        items.push(match style {
            LineStyle::Title => DocItem::Title(s.clone()),
            LineStyle::Right => DocItem::Para(format!("{}{s}", " ".repeat(40))),
            _ => DocItem::Para(s.clone()),
        });
    }
    items.push(DocItem::Table(layout(f)));
    for s in &f.p.below {
        items.push(DocItem::Para(s.clone()));
    }
    items
}

/// The sheet of one project form.
pub fn sheet(f: &ProjForm) -> GridSheet {
    GridSheet {
        name: f.p.sheet_name.clone(),
        origin: (0, 0),
        above: f.p.above.clone(),
        layout: layout(f),
        below: f.p.below.clone(),
    }
}
