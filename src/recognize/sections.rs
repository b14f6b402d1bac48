//! Where each section of a form begins and ends: a row whose first written cell is a
//! section label of the template ("年度目标：", "长期绩效指标"), or a table header standing
//! without its label. Free-text sections are read here as label and content.

use super::Cx;
use super::rows::LRow;
use super::template::{Kind, Role, Slot};

/// Sections found in a run of rows, in row order: labels in any cell (header labels stand
/// beside their values) and tables whose header stands without its label.
pub(super) fn sections_in(rows: &[LRow<'_>], cx: Cx<'_>) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut current = None;
    for (i, row) in rows.iter().enumerate() {
        let before = out.len();
        for c in row.cells.iter().filter(|c| !c.continued) {
            if let Some(s) = c.start(cx) {
                out.push(s);
            }
        }
        if out.len() == before
            && let Some(s) = unlabelled_header(rows, i, current, cx)
        {
            out.push(s);
        }
        if out.len() > before {
            current = out.last().copied();
        }
    }
    out
}

/// The column roles written in a row (merges from above aside).
fn roles(row: &LRow<'_>, cx: Cx<'_>) -> Vec<Role> {
    row.cells
        .iter()
        .filter(|c| !c.continued)
        .filter_map(|c| c.role(cx))
        .collect()
}

fn is_indicators(slot: Option<Slot>) -> bool {
    matches!(
        slot,
        Some(
            Slot::LongIndicators
                | Slot::AnnualIndicators
                | Slot::MidTermIndicators
                | Slot::YearIndicators
                | Slot::Indicators
        )
    )
}

/// A table header standing without its section label. A funds header (当年金额 beside 占比
/// or year columns) starts the money table; a task header (任务名称 …) the task table. An
/// indicator header (一级指标 … 三级指标) starts the template's lone indicator block if it
/// has one; else the annual table when a 近两年/预期当年 column stands in it or just below
/// it, or when the long-term table or the annual goal came before; the long-term table
/// otherwise.
fn unlabelled_header(
    rows: &[LRow<'_>],
    i: usize,
    current: Option<Slot>,
    cx: Cx<'_>,
) -> Option<Slot> {
    let here = roles(rows.get(i)?, cx);
    if let Some(money) = cx.slot_of_kind(Kind::MoneyTable)
        && here.contains(&Role::Amount)
        && here
            .iter()
            .any(|r| matches!(r, Role::Share | Role::Year(_) | Role::HistoryGroup))
        && current != Some(money)
    {
        return Some(money);
    }
    if let Some(tasks) = cx.slot_of_kind(Kind::TaskTable)
        && here.contains(&Role::TaskName)
        && current != Some(tasks)
    {
        return Some(tasks);
    }
    if !(here.contains(&Role::Level3) && here.contains(&Role::Level1)) {
        return None;
    }
    if is_indicators(current)
        && rows
            .get(i.wrapping_sub(1))
            .is_some_and(|r| roles(r, cx).contains(&Role::Level3))
    {
        return None;
    }
    let long = cx.first_of(&[Slot::LongIndicators, Slot::MidTermIndicators]);
    let annual = cx.first_of(&[Slot::AnnualIndicators, Slot::YearIndicators]);
    if let Some(lone) = cx.first_of(&[Slot::Indicators]) {
        // A lone block: a repeated header stays in the block it continues.
        return (!is_indicators(current)).then_some(lone);
    }
    let annual_columns = rows.iter().skip(i).take(3).any(|r| {
        roles(r, cx)
            .iter()
            .any(|x| matches!(x, Role::HistoryGroup | Role::Target | Role::Year(_)))
    });
    let after_long = current.is_some()
        && (current == long || current == cx.first_of(&[Slot::AnnualGoal, Slot::YearGoals]));
    match current {
        // A header repeated at the top of a continuation table stays in its section.
        c if c.is_some() && c == long && !annual_columns => None,
        c if c.is_some() && c == annual => None,
        _ if annual_columns || after_long || long.is_none() => annual.or(long),
        _ => long,
    }
}

/// The section's label text and its content: what follows the label in the label cell
/// (after a colon), the other cells of the label row, and the rows below it up to the next
/// section (content broken onto its own row). Continued merge cells are not repeated.
pub(super) fn section_text(rows: &[LRow<'_>], cx: Cx<'_>) -> (String, String) {
    let mut label = String::new();
    let mut parts: Vec<&str> = Vec::new();
    let mut inline = String::new();
    for (i, row) in rows.iter().enumerate() {
        for (j, c) in row.cells.iter().enumerate() {
            if c.continued || c.norm.is_empty() {
                continue;
            }
            if i == 0 && j == 0 || (i == 0 && label.is_empty() && c.start(cx).is_some()) {
                label = c.text.to_string();
                if c.label(cx).is_none() {
                    // "年度目标：巩固…": the value follows the first colon.
                    if let Some((l, v)) = split_label_colon(c.text) {
                        label = l.to_string();
                        inline = v.to_string();
                    }
                }
                continue;
            }
            parts.push(c.text);
        }
    }
    let mut content = inline;
    for p in parts {
        if !content.is_empty() {
            content.push('\n');
        }
        content.push_str(p);
    }
    (label, content)
}

pub(super) fn split_label_colon(text: &str) -> Option<(&str, &str)> {
    let i = text.find([':', '：'])?;
    let colon_len = text[i..].chars().next().map_or(1, char::len_utf8);
    Some((&text[..i], &text[i + colon_len..]))
}

/// The sections of one form: where each begins, in row order.
pub(super) struct Sections {
    starts: Vec<(usize, Slot)>,
    len: usize,
}

impl Sections {
    /// Finds the section starts among a form's rows.
    pub(super) fn find(rows: &[LRow<'_>], cx: Cx<'_>) -> Self {
        let mut starts: Vec<(usize, Slot)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if let Some(c) = row.first_text()
                && !c.continued
                && let Some(s) = c.start(cx)
            {
                starts.push((i, s));
            } else if let Some(s) = unlabelled_header(rows, i, starts.last().map(|(_, s)| *s), cx) {
                starts.push((i, s));
            }
        }
        Sections {
            starts,
            len: rows.len(),
        }
    }

    /// The rows of the first occurrence of a section: from its label row up to the next
    /// section's start.
    pub(super) fn range(&self, slot: Slot) -> Option<std::ops::Range<usize>> {
        let k = self.starts.iter().position(|(_, s)| *s == slot)?;
        let start = self.starts[k].0;
        let end = self
            .starts
            .iter()
            .skip(k + 1)
            .map(|(i, _)| *i)
            .find(|i| *i > start)
            .unwrap_or(self.len);
        Some(start..end)
    }

    /// Every section start, in row order.
    pub(super) fn starts(&self) -> &[(usize, Slot)] {
        &self.starts
    }
}
