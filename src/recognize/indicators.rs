//! 长期绩效指标 and 年度绩效指标: one indicator per data row, with all three levels filled in
//! even where level-1 and level-2 labels are merged over many rows or written only once,
//! and with a broken row (labels on one row, values on the next) joined back together.

use super::Cx;
use super::columns::{Column, Columns, read_header};
use super::rows::LRow;
use super::template::Role;
use crate::model::record::{AnnualIndicator, LongTermIndicator, Value};
use crate::model::text::{join_lines_cow, label_text_cow, trim};
use crate::model::value::parse_value;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One indicator row as read, before it is shaped into the long-term or annual record. The
/// texts borrow the cells (most need no rewriting); only the record owns its strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawIndicator<'a> {
    pub level1: Option<Cow<'a, str>>,
    pub level2: Option<Cow<'a, str>>,
    pub level3: Option<Cow<'a, str>>,
    /// Where the row's history values start in `Table::history` (`history_columns` of them).
    pub history: usize,
    pub target: &'a str,
    pub basis: Cow<'a, str>,
    pub category: Cow<'a, str>,
    /// The 计量单位 column, where the form has one.
    pub unit: &'a str,
    /// The 备注 column, where the template reads one.
    pub remark: Cow<'a, str>,
}

impl<'a> RawIndicator<'a> {
    fn take_values(&mut self, other: RawIndicator<'a>) {
        self.target = other.target;
        self.basis = other.basis;
        self.category = other.category;
        self.history = other.history;
        self.unit = other.unit;
        self.remark = other.remark;
    }
}

/// The indicator table read from its header: the year keys found and the rows.
pub struct Table<'a> {
    pub years: Vec<i32>,
    /// Whether the table has history columns at all (annual tables do).
    pub history_columns: usize,
    pub rows: Vec<RawIndicator<'a>>,
    /// The history values of all rows, `history_columns` per row, in one buffer rather than
    /// one small vector per row.
    pub history: Vec<&'a str>,
}

impl<'a> Table<'a> {
    /// The history values of a row.
    fn history_of(&self, r: &RawIndicator<'a>) -> &[&'a str] {
        self.history
            .get(r.history..r.history + self.history_columns)
            .unwrap_or_default()
    }

    fn has_values(&self, r: &RawIndicator<'a>) -> bool {
        !r.target.is_empty()
            || !r.basis.is_empty()
            || !r.category.is_empty()
            || !r.remark.is_empty()
            || self.history_of(r).iter().any(|h| !h.is_empty())
    }
}

/// Reads the header rows of an indicator section: its columns and the first data row.
pub fn read_indicator_header(rows: &[LRow<'_>], cx: Cx<'_>) -> (Columns, usize) {
    read_header(rows, cx, Role::Target, |row, cols| {
        let Some(l3) = cols.find(Role::Level3) else {
            return false;
        };
        cols.cell(row, l3)
            .is_some_and(|c| !c.norm.is_empty() && c.role(cx).is_none())
    })
}

/// Reads an indicator section: its label row, header rows and data rows.
pub fn read_indicators<'a>(rows: &[LRow<'a>], cx: Cx<'_>) -> Table<'a> {
    let (cols, data_start) = read_indicator_header(rows, cx);
    read_rows(rows, data_start, &cols, cx)
}

/// Reads the data rows of an indicator section under the given columns (all of a table's,
/// or one half of a side-by-side table's).
pub fn read_rows<'a>(
    rows: &[LRow<'a>],
    data_start: usize,
    cols: &Columns,
    cx: Cx<'_>,
) -> Table<'a> {
    let years = cols.years();
    let history_cols = history_columns(cols, &years);
    let level = |r: Role| cols.find(r).copied();
    let (l1, l2, l3) = (
        level(Role::Level1),
        level(Role::Level2),
        level(Role::Level3),
    );
    let target = level(Role::Target);
    let basis = level(Role::Basis);
    let category = level(Role::Category);
    let unit = level(Role::Unit);
    let remark = level(Role::Remark);

    let mut table = Table {
        years: years.iter().map(|(y, _)| *y).collect(),
        history_columns: history_cols.len(),
        rows: Vec::new(),
        history: Vec::new(),
    };
    let mut prev1: Option<Cow<'a, str>> = None;
    let mut prev2: Option<Cow<'a, str>> = None;
    let mut pending_join = false;
    for row in rows.iter().skip(data_start) {
        // Paragraphs between or after tables ("（续表）", "说明：…") are not rows of the table.
        if row.grid.is_none() || row.is_blank() || is_header_row(row, cx) || is_note_row(row, cx) {
            continue;
        }
        let cell_at = |c: Option<Column>| c.and_then(|c| cols.cell(row, &c));
        let text_at = |c: Option<Column>| -> (&'a str, bool) {
            cell_at(c).map_or(("", false), |cell| (cell.text, cell.continued))
        };
        let l3_cell = cell_at(l3);
        // The cell's cached role is that of its normalised text, which is what the label
        // normalises to as well (`label_text` only drops white space).
        let l3_role = match l3_cell {
            Some(cell) => cell.role(cx),
            None => None,
        };
        if l3_role == Some(Role::Level3) {
            // A header repeated at the top of a continuation page.
            continue;
        }
        let (t1, cont1) = text_at(l1);
        let (t2, cont2) = text_at(l2);
        let t3 = l3_cell.map_or(Cow::Borrowed(""), |cell| {
            unnumbered(label_text_cow(cell.text))
        });
        let cont3 = l3_cell.is_some_and(|cell| cell.continued);
        let value = |c: Option<Column>| -> &'a str {
            cell_at(c)
                .filter(|cell| !cell.continued)
                .map_or("", |cell| trim(cell.text))
        };
        let h0 = table.history.len();
        table
            .history
            .extend(history_cols.iter().map(|c| value(Some(*c))));
        let mut raw = RawIndicator {
            level1: None,
            level2: None,
            level3: None,
            history: h0,
            target: value(target),
            basis: join_lines_cow(value(basis)),
            category: join_lines_cow(value(category)),
            unit: value(unit),
            remark: join_lines_cow(value(remark)),
        };
        let new1 = label_text_cow(t1);
        let new2 = label_text_cow(t2);
        // Labels newly written on this row (not blank, not carried by a merge from above).
        let own1 = !cont1 && !new1.is_empty();
        let own2 = !cont2 && !new2.is_empty();
        let own3 = !cont3 && !t3.is_empty();
        let has_values = table.has_values(&raw);
        // A broken row: the labels stood on the previous row, the values on this one (the
        // label cells blank here, or merged down over both rows).
        if pending_join && !own1 && !own2 && !own3 && has_values {
            if let Some(last) = table.rows.last_mut() {
                last.take_values(raw);
            }
            pending_join = false;
            continue;
        }
        // A level-3 label merged over several rows names each of them.
        raw.level3 = (!t3.is_empty()).then_some(t3);
        let level1_changed = !new1.is_empty() && Some(&new1) != prev1.as_ref();
        if !new1.is_empty() {
            prev1 = Some(new1);
        }
        if !new2.is_empty() {
            prev2 = Some(new2);
        } else if level1_changed {
            prev2 = None;
        }
        if raw.level3.is_none() && !has_values {
            table.history.truncate(h0);
            continue;
        }
        // A row of the template left unfilled ("指标1：", "……") is not an indicator.
        if !has_values
            && raw
                .level3
                .as_deref()
                .is_none_or(super::tasks::is_placeholder)
        {
            table.history.truncate(h0);
            continue;
        }
        pending_join = raw.level3.is_some() && !has_values;
        table.rows.push(RawIndicator {
            level1: prev1.clone(),
            level2: prev2.clone(),
            ..raw
        });
    }
    table
}

/// "指标1：公用经费控制率" → "公用经费控制率"; "指标1：" → "" (an unfilled template row).
fn unnumbered(label: Cow<'_, str>) -> Cow<'_, str> {
    let Some(rest) = label.strip_prefix("指标") else {
        return label;
    };
    let digits =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.len() == rest.len() {
        return label;
    }
    match digits.strip_prefix([':', '：', '、', '.']) {
        Some(after) => Cow::Owned(after.to_string()),
        None if digits.is_empty() => Cow::Owned(String::new()),
        None => label,
    }
}

/// A row of the template's notes (填报人：… 填报日期：…, 审核意见): not an indicator.
pub(super) fn is_note_row(row: &LRow<'_>, cx: Cx<'_>) -> bool {
    row.cells.iter().any(|c| {
        !c.continued && !c.norm.is_empty() && c.means(cx, super::template::Meaning::Ignore)
    })
}

/// A header repeated at the top of a continuation table or page: every written cell is a
/// header word or a section label.
fn is_header_row(row: &LRow<'_>, cx: Cx<'_>) -> bool {
    let mut written = row
        .cells
        .iter()
        .filter(|c| !c.continued && !c.norm.is_empty())
        .peekable();
    written.peek().is_some() && written.all(|c| c.role(cx).is_some() || c.label(cx).is_some())
}

/// The history columns: year headers, or the columns under a "近两年" group without years.
fn history_columns(cols: &Columns, years: &[(i32, Column)]) -> Vec<Column> {
    if !years.is_empty() {
        return years.iter().map(|(_, c)| *c).collect();
    }
    match cols.find(Role::HistoryGroup) {
        Some(g) => (g.col..=g.last_col)
            .map(|col| Column {
                role: Role::Ignore,
                col,
                last_col: col,
            })
            .collect(),
        None => Vec::new(),
    }
}

fn opt(s: Cow<'_, str>) -> Option<String> {
    (!s.is_empty()).then(|| s.into_owned())
}

/// Shapes rows into 长期绩效指标 records.
pub fn long_term(table: Table<'_>) -> Vec<LongTermIndicator> {
    table
        .rows
        .into_iter()
        .map(|r| LongTermIndicator {
            level1: r.level1.map(Cow::into_owned),
            level2: r.level2.map(Cow::into_owned),
            level3: r.level3.map(Cow::into_owned),
            target: with_unit(parse_value(r.target), r.unit),
            basis: opt(r.basis),
            category: opt(r.category),
        })
        .collect()
}

/// A bare number beside a 计量单位 column takes that unit ("95" with "%" is 95 percent).
pub(super) fn with_unit(mut v: Value, unit: &str) -> Value {
    let unit = trim(unit);
    if unit.is_empty() || v.unit.is_some() || v.kind != crate::model::record::ValueKind::Number {
        return v;
    }
    if unit == "%" || unit == "％" {
        v.kind = crate::model::record::ValueKind::Percent;
        v.unit = Some("%".to_string());
    } else {
        v.unit = Some(unit.to_string());
    }
    v
}

/// Shapes rows into 年度绩效指标 records; `keys` are the history year keys.
pub fn annual(mut table: Table<'_>, keys: &[String]) -> Vec<AnnualIndicator> {
    let rows = std::mem::take(&mut table.rows);
    rows.into_iter()
        .map(|r| {
            let values = table.history_of(&r);
            let mut history: BTreeMap<String, Value> = BTreeMap::new();
            for (i, k) in keys.iter().enumerate() {
                let v = parse_value(values.get(i).copied().unwrap_or(""));
                history.insert(k.clone(), with_unit(v, r.unit));
            }
            AnnualIndicator {
                level1: r.level1.map(Cow::into_owned),
                level2: r.level2.map(Cow::into_owned),
                level3: r.level3.map(Cow::into_owned),
                history,
                target: with_unit(parse_value(r.target), r.unit),
                basis: opt(r.basis),
                category: opt(r.category),
            }
        })
        .collect()
}

/// The keys of the annual history columns: the table's own year headers; else the funds'
/// 近两年 years when they are as many; else the years before the budget year; else
/// "Y-2", "Y-1".
pub fn history_keys(
    table: &Table<'_>,
    funds_years: &[i32],
    budget_year: Option<i32>,
) -> Vec<String> {
    let n = table.history_columns;
    if !table.years.is_empty() && table.years.len() >= n {
        table.years.iter().map(|y| y.to_string()).collect()
    } else if n > 0 && funds_years.len() == n {
        funds_years.iter().map(|y| y.to_string()).collect()
    } else if let Some(by) = budget_year {
        (0..n)
            .map(|i| (by - n as i32 + i as i32).to_string())
            .collect()
    } else {
        (0..n).map(|i| format!("Y-{}", n - i)).collect()
    }
}
