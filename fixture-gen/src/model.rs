//! A form to render: the truth (a `Record`) plus how the department wrote it down
//! (`Pres`), and the format-neutral table layout both renderers draw from. Keeping one layout
//! for Word and Excel means the two renderings of one spec differ only where a test wants
//! them to.

use perfsheet::record::{FundsBlock, FundsLine, Record};
use std::collections::HashMap;

/// One piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Piece {
    Text(String),
    /// A line break inside the paragraph (w:br; "\n" in a worksheet cell).
    Br,
    BookmarkStart(String),
    BookmarkEnd,
    /// Tracked insertion: counts.
    Ins(String),
    /// Tracked deletion: must not leak.
    Del(String),
}

pub type Para = Vec<Piece>;

/// What a cell holds.
#[derive(Debug, Clone)]
pub enum Content {
    Paras(Vec<Para>),
    /// A number cell in Excel (shown as `text` in Word).
    Num {
        value: f64,
        fmt: Option<&'static str>,
        text: String,
        /// Excel: a SUM over this many cells directly above, cached result `value`.
        sum_above: Option<usize>,
    },
}

impl Content {
    /// The text a worksheet cell gets: paragraphs joined by "\n", deletions dropped.
    pub fn flat(&self) -> String {
        match self {
            Content::Num { text, .. } => text.clone(),
            Content::Paras(ps) => ps
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|x| match x {
                            Piece::Text(s) | Piece::Ins(s) => s.as_str(),
                            Piece::Br => "\n",
                            _ => "",
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Plain text; "\n" starts a new paragraph (as Word users press Enter inside a label).
pub fn t(s: &str) -> Content {
    Content::Paras(
        s.split('\n')
            .map(|p| {
                if p.is_empty() {
                    vec![]
                } else {
                    vec![Piece::Text(p.to_string())]
                }
            })
            .collect(),
    )
}

/// An anchor cell: `col` 0-based grid column, spans ≥ 1.
#[derive(Debug, Clone)]
pub struct Cell {
    pub col: usize,
    pub cs: usize,
    pub rs: usize,
    pub content: Content,
}

pub fn cell(col: usize, cs: usize, rs: usize, content: Content) -> Cell {
    Cell {
        col,
        cs,
        rs,
        content,
    }
}

/// The form as a grid of anchor cells.
#[derive(Debug, Clone)]
pub struct Layout {
    pub ncols: usize,
    pub widths: Vec<usize>,
    pub rows: Vec<Vec<Cell>>,
    /// Word only: start a second table at this row (a paragraph goes between).
    pub split_at: Option<usize>,
}

impl Layout {
    /// Where a vertical merge anchored in `rows` continues: (row, column) of each position
    /// below an anchor, with the anchor's column span. Word writes a continuation cell
    /// there (`w:vMerge` / `w:vmerge`), so the Word renderers draw the table from it.
    pub fn continuations(&self, rows: std::ops::Range<usize>) -> HashMap<(usize, usize), usize> {
        let mut cont = HashMap::new();
        for r in rows {
            for c in &self.rows[r] {
                for k in 1..c.rs {
                    cont.insert((r + k, c.col), c.cs);
                }
            }
        }
        cont
    }
}

/// How amounts are written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// "1146.9"
    Plain,
    /// "1,146.90"
    Thousands,
    /// "1146.90万元"
    WanSuffix,
}

/// How a department wrote its form down. Defaults follow the seed form.
#[derive(Debug, Clone)]
pub struct Pres {
    pub title: String,
    pub unit_text: Option<String>,
    pub amount: Amount,
    /// Excel: amounts as number cells (else strings).
    pub xlsx_numbers: bool,
    /// Excel: shares as 0.3202 with number format 0.00%.
    pub share_numeric: bool,
    /// Excel: 合计 amounts as SUM formulas with cached results.
    pub total_formulas: bool,
    /// What an empty amount cell holds: "" or a full-width space.
    pub empty: &'static str,
    pub total_label: &'static str,
    /// Numbering after the digit of 职能: "、", ".", "．".
    pub fn_sep: &'static str,
    /// An empty first paragraph in the 职能 cell.
    pub leading_empty_line: bool,
    pub goal_sep: &'static str,
    pub task_sep: &'static str,
    /// Year header in the funds block: "{}年".
    pub fund_year_fmt: &'static str,
    /// Year header in annual indicators: "{} 年" in the seed.
    pub ind_year_fmt: &'static str,
    pub lt_goal_label: String,
    pub has_category: bool,
    /// An extra 备注 column at the right (ignored by the contract).
    pub remark: bool,
    /// Level-1/2 labels merged down (else written once, blank cells below).
    pub merge_levels: bool,
    /// Split 4-character level-1 labels in two paragraphs ("运行\n成本") like the seed.
    pub split_l1: bool,
    /// Use a w:br line break instead of two paragraphs for split labels.
    pub br_labels: bool,
    /// Follow the level-1 label 可持续发展能力 with an empty paragraph.
    pub empty_para_after_l1: bool,
    /// Word: break this annual indicator's row in two (labels, then values).
    pub broken_row: Option<usize>,
    /// Word: funds in table 1, the rest in table 2.
    pub split_tables: bool,
    /// Word: every text in runs of at most this many characters.
    pub run_chunk: Option<usize>,
    /// Word: a bookmark inside the first long-term level-3 label.
    pub bookmark: bool,
    /// Excel: zero-based origin of the title row (or of the table if no title in sheet).
    pub origin: (u32, u16),
    /// Excel: title and unit rows inside the sheet.
    pub title_in_sheet: bool,
    /// Excel: blank rows between the unit row and the table.
    pub gap_rows: u32,
    pub sheet_name: String,
    /// Header labels 部门（单位）名称 | 填报人 | 联系电话 in one row, their values in the row
    /// below (instead of label and value side by side).
    pub stacked_header: bool,
    /// The unit written inside the table, in its top-right cell ("单位：万元"), and whether
    /// that cell is merged down over the next row. `unit_text` is then None: nothing above.
    pub table_unit: Option<(&'static str, bool)>,
}

impl Default for Pres {
    fn default() -> Self {
        Pres {
            title: "部门整体绩效目标".into(),
            unit_text: Some("单位：万元".into()),
            amount: Amount::Plain,
            xlsx_numbers: true,
            share_numeric: false,
            total_formulas: false,
            empty: "",
            total_label: "合  计",
            fn_sep: "、",
            leading_empty_line: false,
            goal_sep: ".",
            task_sep: ".",
            fund_year_fmt: "{}年",
            ind_year_fmt: "{} 年",
            lt_goal_label: String::new(),
            has_category: true,
            remark: false,
            merge_levels: true,
            split_l1: true,
            br_labels: false,
            empty_para_after_l1: true,
            broken_row: None,
            split_tables: false,
            run_chunk: None,
            bookmark: false,
            origin: (0, 0),
            title_in_sheet: true,
            gap_rows: 0,
            sheet_name: "部门整体绩效目标表".into(),
            stacked_header: false,
            table_unit: None,
        }
    }
}

/// One form of a fixture file.
#[derive(Debug, Clone)]
pub struct Form {
    pub record: Record,
    pub p: Pres,
    /// Remarks for the 备注 column, by indicator index (annual).
    pub remarks: Vec<(usize, &'static str)>,
    /// Word: the one annual target written with a tracked change (old text deleted).
    pub tracked_old_target: Option<(usize, &'static str)>,
    /// Word: the department name's deleted tracked text (inserted text = tail of the name).
    pub tracked_dept: Option<(&'static str, &'static str, &'static str)>,
}

fn fmt_year(f: &str, y: i32) -> String {
    f.replace("{}", &y.to_string())
}

fn fmt_amount(p: &Pres, v: f64) -> String {
    match p.amount {
        Amount::Plain => trim_num(v),
        Amount::Thousands => thousands(v),
        Amount::WanSuffix => format!("{v:.2}万元"),
    }
}

/// "1146.9", "930", "0.5" — the shortest decimal form.
pub fn trim_num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn thousands(v: f64) -> String {
    let s = format!("{v:.2}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

/// Splits a label in two paragraphs (or a line break) at the middle, as forms do for
/// narrow columns.
fn two_line(p: &Pres, a: &str, b: &str) -> Content {
    if p.br_labels {
        Content::Paras(vec![vec![
            Piece::Text(a.into()),
            Piece::Br,
            Piece::Text(b.into()),
        ]])
    } else {
        t(&format!("{a}\n{b}"))
    }
}

fn l1_content(p: &Pres, l1: &str) -> Content {
    let chars: Vec<char> = l1.chars().collect();
    if l1 == "可持续发展能力" && p.empty_para_after_l1 {
        return Content::Paras(vec![vec![Piece::Text(l1.into())], vec![]]);
    }
    if p.split_l1 && chars.len() == 4 {
        let a: String = chars[..2].iter().collect();
        let b: String = chars[2..].iter().collect();
        return two_line(p, &a, &b);
    }
    t(l1)
}

/// Column plan: where each field sits in the 9 (or 10 with 备注) grid columns.
struct Cols {
    n: usize,
    /// Long-term target span.
    lt_target: (usize, usize),
    basis: (usize, usize),
    cat: Option<usize>,
    remark: Option<usize>,
}

fn cols(p: &Pres) -> Cols {
    let n = if p.remark { 10 } else { 9 };
    let basis = if p.has_category { (7, 1) } else { (7, 2) };
    Cols {
        n,
        lt_target: (4, 3),
        basis,
        cat: if p.has_category { Some(8) } else { None },
        remark: if p.remark { Some(9) } else { None },
    }
}

/// Builds the layout of a form.
pub fn layout(f: &Form) -> Layout {
    let r = &f.record;
    let p = &f.p;
    let c = cols(p);
    let wide = c.n - 1;
    let mut rows: Vec<Vec<Cell>> = Vec::new();

    // Header.
    let dept = if let Some((kept, del, ins)) = f.tracked_dept {
        Content::Paras(vec![vec![
            Piece::Text(kept.into()),
            Piece::Del(del.into()),
            Piece::Ins(ins.into()),
        ]])
    } else {
        t(&r.department)
    };
    let preparer = t(r.preparer.as_deref().unwrap_or(""));
    let phone = t(r.phone.as_deref().unwrap_or(""));
    match (p.stacked_header, p.table_unit) {
        (false, None) => {
            rows.push(vec![
                cell(0, 1, 1, two_line(p, "部门（单位）", "名称")),
                cell(1, wide, 1, dept),
            ]);
            rows.push(vec![
                cell(0, 1, 1, t("填报人")),
                cell(1, 3, 1, preparer),
                cell(4, 2, 1, t("联系电话")),
                cell(6, c.n - 6, 1, phone),
            ]);
        }
        (false, Some((unit, merged))) => {
            // The unit in the last two columns of the first row (merged down over the
            // 填报人 row, or not).
            rows.push(vec![
                cell(0, 1, 1, two_line(p, "部门（单位）", "名称")),
                cell(1, wide - 2, 1, dept),
                cell(c.n - 2, 2, if merged { 2 } else { 1 }, t(unit)),
            ]);
            rows.push(vec![
                cell(0, 1, 1, t("填报人")),
                cell(1, 3, 1, preparer),
                cell(4, 2, 1, t("联系电话")),
                cell(6, if merged { c.n - 8 } else { c.n - 6 }, 1, phone),
            ]);
        }
        (true, unit) => {
            // Labels in one row, values in the row below; the unit (if any) in the last
            // column of the label row.
            let phone_span = c.n - 6 - usize::from(unit.is_some());
            let mut labels = vec![
                cell(0, 4, 1, t("部门（单位）名称")),
                cell(4, 2, 1, t("填报人")),
                cell(6, phone_span, 1, t("联系电话")),
            ];
            if let Some((u, merged)) = unit {
                labels.push(cell(c.n - 1, 1, if merged { 2 } else { 1 }, t(u)));
            }
            rows.push(labels);
            rows.push(vec![
                cell(0, 4, 1, dept),
                cell(4, 2, 1, preparer),
                cell(6, phone_span, 1, phone),
            ]);
        }
    }

    // Funds.
    let years = &r.funds.years;
    let n_in = r.funds.income.items.len() + 1;
    let n_ex = r.funds.expenditure.items.len() + 1;
    let hist_span = c.n - 6;
    rows.push(vec![
        cell(0, 1, 2 + n_in + n_ex, two_line(p, "部门总体", "资金情况")),
        cell(1, 3, 2, t("总体资金情况")),
        cell(4, 1, 2, t("当年金额")),
        cell(5, 1, 2, t("占比")),
        cell(6, hist_span, 1, t("近两年收支金额")),
    ]);
    rows.push(vec![
        cell(6, 1, 1, t(&fmt_year(p.fund_year_fmt, years[0]))),
        cell(7, hist_span - 1, 1, t(&fmt_year(p.fund_year_fmt, years[1]))),
    ]);
    funds_rows(f, &mut rows, &r.funds.income, ("收入", "构成"), hist_span);
    funds_rows(
        f,
        &mut rows,
        &r.funds.expenditure,
        ("支出", "构成"),
        hist_span,
    );
    let split_at = if p.split_tables {
        Some(rows.len())
    } else {
        None
    };

    // Functions, tasks, long-term goals.
    let mut fn_paras: Vec<String> = r
        .functions
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}{}{}", i + 1, p.fn_sep, s))
        .collect();
    if p.leading_empty_line {
        // Some departments start the cell with an empty line (the seed does too).
        fn_paras.insert(0, String::new());
    }
    rows.push(vec![
        cell(0, 1, 1, t("部门职能概述")),
        cell(1, wide, 1, t(&fn_paras.join("\n"))),
    ]);
    let cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut task_lines = Vec::new();
    for (gi, g) in r.annual_tasks.iter().enumerate() {
        if let Some(title) = &g.title {
            task_lines.push(format!("（{}）{}", cn[gi], title));
        }
        for (ii, it) in g.items.iter().enumerate() {
            task_lines.push(format!("{}{}{}", ii + 1, p.task_sep, it));
        }
    }
    rows.push(vec![
        cell(0, 1, 1, t("年度工作任务")),
        cell(1, wide, 1, t(&task_lines.join("\n"))),
    ]);
    let goal_label = if !p.lt_goal_label.is_empty() {
        t(&p.lt_goal_label)
    } else if let Some(y) = r.long_term.deadline_year {
        two_line(p, "长期目标：", &format!("（截止{y}年）"))
    } else {
        t("长期目标：")
    };
    let goals: Vec<String> = r
        .long_term
        .goals
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}{}{}", i + 1, p.goal_sep, s))
        .collect();
    rows.push(vec![
        cell(0, 1, 1, goal_label),
        cell(1, wide, 1, t(&goals.join("\n"))),
    ]);

    // Long-term indicators.
    let lt = &r.long_term.indicators;
    let mut hdr = vec![
        cell(0, 1, 1 + lt.len(), two_line(p, "长期绩", "效指标")),
        cell(1, 1, 1, two_line(p, "一级", "指标")),
        cell(2, 1, 1, t("二级指标")),
        cell(3, 1, 1, t("三级指标")),
        cell(c.lt_target.0, c.lt_target.1, 1, t("指标值")),
        cell(c.basis.0, c.basis.1, 1, t("指标值确定依据")),
    ];
    if let Some(k) = c.cat {
        hdr.push(cell(k, 1, 1, t("指标分类")));
    }
    if let Some(k) = c.remark {
        hdr.push(cell(k, 1, 1, t("备注")));
    }
    rows.push(hdr);
    let keys: Vec<(String, String)> = lt.iter().map(|i| (s(&i.level1), s(&i.level2))).collect();
    let (s1, s2) = level_spans(&keys);
    for (k, ind) in lt.iter().enumerate() {
        let mut row = Vec::new();
        if let Some(n) = s1[k] {
            row.push(level_cell(p, 1, n, l1_content(p, &s(&ind.level1))));
        }
        if let Some(n) = s2[k] {
            row.push(level_cell(p, 2, n, t(&s(&ind.level2))));
        }
        let l3 = s(&ind.level3);
        let l3c = if p.bookmark && k == 2 {
            let chars: Vec<char> = l3.chars().collect();
            let (a, b) = chars.split_at(chars.len() / 2);
            Content::Paras(vec![vec![
                Piece::Text(a.iter().collect()),
                Piece::BookmarkStart("_GoBack".into()),
                Piece::Text(b.iter().collect()),
                Piece::BookmarkEnd,
            ]])
        } else {
            t(&l3)
        };
        row.push(cell(3, 1, 1, l3c));
        row.push(cell(c.lt_target.0, c.lt_target.1, 1, t(&ind.target.text)));
        row.push(cell(c.basis.0, c.basis.1, 1, t(&s(&ind.basis))));
        if let Some(k) = c.cat {
            row.push(cell(k, 1, 1, t(&s(&ind.category))));
        }
        rows.push(row);
    }

    // Annual goal and indicators.
    rows.push(vec![
        cell(0, 1, 1, t("年度目标：")),
        cell(1, wide, 1, t(r.annual.goal.as_deref().unwrap_or(""))),
    ]);
    let an = &r.annual.indicators;
    let extra_rows = usize::from(p.broken_row.is_some());
    let mut h1 = vec![
        cell(0, 1, 3 + an.len() + extra_rows, t("年度绩效指标")),
        cell(1, 1, 3, two_line(p, "一级", "指标")),
        cell(2, 1, 3, t("二级指标")),
        cell(3, 1, 3, t("三级指标")),
        cell(4, 3, 1, t("指标值")),
        cell(c.basis.0, c.basis.1, 3, t("指标值确定依据")),
    ];
    if let Some(k) = c.cat {
        h1.push(cell(k, 1, 3, t("指标分类")));
    }
    if let Some(k) = c.remark {
        h1.push(cell(k, 1, 3, t("备注")));
    }
    rows.push(h1);
    rows.push(vec![
        cell(4, 2, 1, t("近两年指标值")),
        cell(6, 1, 2, t("预期当年实现值")),
    ]);
    rows.push(vec![
        cell(4, 1, 1, t(&fmt_year(p.ind_year_fmt, years[0]))),
        cell(5, 1, 1, t(&fmt_year(p.ind_year_fmt, years[1]))),
    ]);
    let keys: Vec<(String, String)> = an.iter().map(|i| (s(&i.level1), s(&i.level2))).collect();
    let (mut s1, mut s2) = level_spans(&keys);
    if let Some(b) = p.broken_row {
        // The broken indicator takes two rows: stretch the level-1/2 merges covering it and
        // shift nothing else (the renderer inserts the extra row).
        grow_span(&mut s1, b);
        grow_span(&mut s2, b);
    }
    let y0 = years[0].to_string();
    let y1 = years[1].to_string();
    for (k, ind) in an.iter().enumerate() {
        let mut labels = Vec::new();
        if let Some(n) = s1[k] {
            labels.push(level_cell(p, 1, n, l1_content(p, &s(&ind.level1))));
        }
        if let Some(n) = s2[k] {
            labels.push(level_cell(p, 2, n, t(&s(&ind.level2))));
        }
        labels.push(cell(3, 1, 1, t(&s(&ind.level3))));
        let hv = |y: &str| {
            ind.history
                .get(y)
                .map(|v| v.text.clone())
                .unwrap_or_default()
        };
        let target = match f.tracked_old_target {
            Some((i, old)) if i == k => Content::Paras(vec![vec![
                Piece::Del(old.into()),
                Piece::Ins(ind.target.text.clone()),
            ]]),
            _ => t(&ind.target.text),
        };
        let mut values = vec![
            cell(4, 1, 1, t(&hv(&y0))),
            cell(5, 1, 1, t(&hv(&y1))),
            cell(6, 1, 1, target),
            cell(c.basis.0, c.basis.1, 1, t(&s(&ind.basis))),
        ];
        if let Some(kc) = c.cat {
            values.push(cell(kc, 1, 1, t(&s(&ind.category))));
        }
        if let Some(kr) = c.remark
            && let Some((_, txt)) = f.remarks.iter().find(|(i, _)| *i == k)
        {
            values.push(cell(kr, 1, 1, t(txt)));
        }
        if p.broken_row == Some(k) {
            rows.push(labels);
            rows.push(values);
        } else {
            labels.extend(values);
            rows.push(labels);
        }
    }

    let widths = if c.n == 10 {
        vec![900, 850, 1200, 1650, 900, 900, 950, 1000, 900, 700]
    } else {
        vec![1000, 900, 1300, 1800, 950, 950, 1050, 1000, 950]
    };
    Layout {
        ncols: c.n,
        widths,
        rows,
        split_at,
    }
}

fn s(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

fn level_cell(p: &Pres, col: usize, n: usize, content: Content) -> Cell {
    // Unmerged forms write the label once; the rows below stay blank.
    cell(col, 1, if p.merge_levels { n } else { 1 }, content)
}

/// Row spans of the level-1 and level-2 label cells: Some(n) where a run of equal labels
/// starts, None on the rows it covers. Level-2 runs never cross a level-1 boundary.
pub fn level_spans(keys: &[(String, String)]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut s1 = vec![None; keys.len()];
    let mut s2 = vec![None; keys.len()];
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j].0 == keys[i].0 {
            j += 1;
        }
        s1[i] = Some(j - i);
        let mut a = i;
        while a < j {
            let mut b = a + 1;
            while b < j && keys[b].1 == keys[a].1 {
                b += 1;
            }
            s2[a] = Some(b - a);
            a = b;
        }
        i = j;
    }
    (s1, s2)
}

fn grow_span(spans: &mut [Option<usize>], k: usize) {
    let mut start = k;
    while spans[start].is_none() {
        start -= 1;
    }
    if let Some(n) = spans[start].as_mut() {
        *n += 1;
    }
}

fn funds_rows(
    f: &Form,
    rows: &mut Vec<Vec<Cell>>,
    b: &FundsBlock,
    label: (&str, &str),
    hist_span: usize,
) {
    let p = &f.p;
    let total_line = b.total.clone();
    let n = b.items.len() + 1;
    let lines: Vec<(bool, &FundsLine)> = b
        .items
        .iter()
        .map(|l| (false, l))
        .chain(total_line.iter().map(|l| (true, l)))
        .collect();
    for (k, (is_total, line)) in lines.iter().enumerate() {
        let mut row = Vec::new();
        if k == 0 {
            row.push(cell(1, 1, n, two_line(p, label.0, label.1)));
        }
        let item = if *is_total {
            p.total_label.to_string()
        } else {
            line.item.clone()
        };
        row.push(cell(2, 2, 1, t(&item)));
        let years: Vec<String> = line.history.keys().cloned().collect();
        let amount_cell = |v: Option<f64>| -> Content {
            match v {
                None => t(p.empty),
                Some(v) if p.xlsx_numbers => Content::Num {
                    value: v,
                    fmt: None,
                    text: fmt_amount(p, v),
                    sum_above: if *is_total && p.total_formulas {
                        Some(n - 1)
                    } else {
                        None
                    },
                },
                Some(v) => t(&fmt_amount(p, v)),
            }
        };
        row.push(cell(4, 1, 1, amount_cell(line.amount.map(|x| x.0))));
        let share = match line.share_percent {
            None => t(p.empty),
            Some(sh) if p.share_numeric => Content::Num {
                value: (sh.0 * 100.0).round() / 10000.0,
                fmt: Some("0.00%"),
                text: format!("{}%", trim_num(sh.0)),
                sum_above: None,
            },
            Some(sh) => t(&format!("{}%", trim_num(sh.0))),
        };
        row.push(cell(5, 1, 1, share));
        let h = |i: usize| {
            years
                .get(i)
                .and_then(|y| line.history.get(y).copied().flatten())
                .map(|x| x.0)
        };
        row.push(cell(6, 1, 1, amount_cell(h(0))));
        row.push(cell(7, hist_span - 1, 1, amount_cell(h(1))));
        rows.push(row);
    }
}
