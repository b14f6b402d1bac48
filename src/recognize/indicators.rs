//! 长期绩效指标 and 年度绩效指标: one indicator per data row, with all three levels filled in
//! even where level-1 and level-2 labels are merged over many rows or written only once,
//! and with a broken row (labels on one row, values on the next) joined back together.

use super::columns::{Column, Columns, read_header};
use super::labels::{Role, header_role};
use super::rows::LRow;
use crate::record::{AnnualIndicator, LongTermIndicator, Value};
use crate::text::{join_lines, label_text, trim};
use crate::value::parse_value;
use std::collections::BTreeMap;

/// One indicator row as read, before it is shaped into the long-term or annual record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawIndicator {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<String>,
    pub history: Vec<String>,
    pub target: String,
    pub basis: String,
    pub category: String,
    /// The 计量单位 column, where the form has one.
    pub unit: String,
}

impl RawIndicator {
    fn has_values(&self) -> bool {
        !self.target.is_empty()
            || !self.basis.is_empty()
            || !self.category.is_empty()
            || self.history.iter().any(|h| !h.is_empty())
    }

    fn take_values(&mut self, other: RawIndicator) {
        self.target = other.target;
        self.basis = other.basis;
        self.category = other.category;
        self.history = other.history;
        self.unit = other.unit;
    }
}

/// The indicator table read from its header: the year keys found and the rows.
pub struct Table {
    pub years: Vec<i32>,
    /// Whether the table has history columns at all (annual tables do).
    pub history_columns: usize,
    pub rows: Vec<RawIndicator>,
}

/// Reads an indicator section: its label row, header rows and data rows.
pub fn read_indicators(rows: &[LRow<'_>]) -> Table {
    let (cols, data_start) = read_header(rows, Role::Target, |row, cols| {
        let Some(l3) = cols.find(Role::Level3) else {
            return false;
        };
        cols.cell(row, l3)
            .is_some_and(|c| !c.norm.is_empty() && c.role().is_none())
    });
    let years = cols.years();
    let history_cols = history_columns(&cols, &years);
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

    let mut out: Vec<RawIndicator> = Vec::new();
    let mut prev1: Option<String> = None;
    let mut prev2: Option<String> = None;
    let mut pending_join = false;
    for row in rows.iter().skip(data_start) {
        // Paragraphs between or after tables ("（续表）", "说明：…") are not rows of the table.
        if row.grid.is_none() || row.is_blank() || is_header_row(row) {
            continue;
        }
        let text_at = |c: Option<Column>| -> (String, bool) {
            c.and_then(|c| cols.cell(row, &c))
                .map(|cell| (cell.text.to_string(), cell.continued))
                .unwrap_or_default()
        };
        let (t1, cont1) = text_at(l1);
        let (t2, cont2) = text_at(l2);
        let (t3, cont3) = text_at(l3);
        let t3 = label_text(&t3);
        if header_role(&crate::text::normalize_label(&t3)) == Some(Role::Level3) {
            // A header repeated at the top of a continuation page.
            continue;
        }
        let value = |c: Option<Column>| -> String {
            c.and_then(|c| cols.cell(row, &c))
                .filter(|cell| !cell.continued)
                .map(|cell| trim(cell.text).to_string())
                .unwrap_or_default()
        };
        let mut raw = RawIndicator {
            level1: None,
            level2: None,
            level3: None,
            history: history_cols.iter().map(|c| value(Some(*c))).collect(),
            target: value(target),
            basis: join_lines(&value(basis)),
            category: join_lines(&value(category)),
            unit: value(unit),
        };
        let new1 = label_text(&t1);
        let new2 = label_text(&t2);
        // Labels newly written on this row (not blank, not carried by a merge from above).
        let own1 = !cont1 && !new1.is_empty();
        let own2 = !cont2 && !new2.is_empty();
        let own3 = !cont3 && !t3.is_empty();
        // A broken row: the labels stood on the previous row, the values on this one (the
        // label cells blank here, or merged down over both rows).
        if pending_join && !own1 && !own2 && !own3 && raw.has_values() {
            if let Some(last) = out.last_mut() {
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
        if raw.level3.is_none() && !raw.has_values() {
            continue;
        }
        pending_join = raw.level3.is_some() && !raw.has_values();
        out.push(RawIndicator {
            level1: prev1.clone(),
            level2: prev2.clone(),
            ..raw
        });
    }
    Table {
        years: years.iter().map(|(y, _)| *y).collect(),
        history_columns: history_cols.len(),
        rows: out,
    }
}

/// A header repeated at the top of a continuation table or page: every written cell is a
/// header word or a section label.
fn is_header_row(row: &LRow<'_>) -> bool {
    let mut written = row
        .cells
        .iter()
        .filter(|c| !c.continued && !c.norm.is_empty())
        .peekable();
    written.peek().is_some() && written.all(|c| c.role().is_some() || c.label().is_some())
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

fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Shapes rows into 长期绩效指标 records.
pub fn long_term(table: Table) -> Vec<LongTermIndicator> {
    table
        .rows
        .into_iter()
        .map(|r| LongTermIndicator {
            level1: r.level1,
            level2: r.level2,
            level3: r.level3,
            target: with_unit(parse_value(&r.target), &r.unit),
            basis: opt(r.basis),
            category: opt(r.category),
        })
        .collect()
}

/// A bare number beside a 计量单位 column takes that unit ("95" with "%" is 95 percent).
fn with_unit(mut v: Value, unit: &str) -> Value {
    let unit = trim(unit);
    if unit.is_empty() || v.unit.is_some() || v.kind != crate::record::ValueKind::Number {
        return v;
    }
    if unit == "%" || unit == "％" {
        v.kind = crate::record::ValueKind::Percent;
        v.unit = Some("%".to_string());
    } else {
        v.unit = Some(unit.to_string());
    }
    v
}

/// Shapes rows into 年度绩效指标 records; `keys` are the history year keys.
pub fn annual(table: Table, keys: &[String]) -> Vec<AnnualIndicator> {
    table
        .rows
        .into_iter()
        .map(|r| {
            let mut history: BTreeMap<String, Value> = BTreeMap::new();
            for (i, k) in keys.iter().enumerate() {
                history.insert(
                    k.clone(),
                    with_unit(
                        parse_value(r.history.get(i).map_or("", String::as_str)),
                        &r.unit,
                    ),
                );
            }
            AnnualIndicator {
                level1: r.level1,
                level2: r.level2,
                level3: r.level3,
                history,
                target: with_unit(parse_value(&r.target), &r.unit),
                basis: opt(r.basis),
                category: opt(r.category),
            }
        })
        .collect()
}

/// The keys of the annual history columns: the table's own year headers; else the funds'
/// 近两年 years when they are as many; else the years before the budget year; else
/// "Y-2", "Y-1".
pub fn history_keys(table: &Table, funds_years: &[i32], budget_year: Option<i32>) -> Vec<String> {
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
