//! Where each section of a form begins and ends: a row whose first written cell is a
//! section label ("年度目标：", "长期绩效指标"), or an indicator header standing without its
//! label. Free-text sections are read here as label and content.

use super::labels::{self, Section as Sec, section_label, section_prefix};
use super::rows::LRow;

/// A cell starting a section: the bare label, or the label followed by a colon and its value
/// in the same cell ("年度目标：巩固…"). `norm` is the cell's normalised label text.
pub fn section_start(norm: &str) -> Option<Sec> {
    section_start_with(norm, section_label(norm))
}

/// `section_start` given `section_label(norm)` already worked out.
pub(super) fn section_start_with(norm: &str, label: Option<Sec>) -> Option<Sec> {
    if let Some(s) = label {
        return Some(s);
    }
    let (s, len) = section_prefix(norm)?;
    let rest = &norm[len..];
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')').map_or(r, |(_, after)| after),
        None => rest,
    };
    rest.starts_with([':', '：']).then_some(s)
}

/// Sections found in a run of rows, in row order: labels in any cell (header labels stand
/// beside their values) and tables whose header stands without its label.
pub(super) fn sections_in(rows: &[LRow<'_>]) -> Vec<Sec> {
    let mut out = Vec::new();
    let mut current = None;
    for (i, row) in rows.iter().enumerate() {
        let before = out.len();
        for c in row.cells.iter().filter(|c| !c.continued) {
            if let Some(s) = c.start() {
                out.push(s);
            }
        }
        if out.len() == before
            && let Some(s) = unlabelled_header(rows, i, current)
        {
            out.push(s);
        }
        if out.len() > before {
            current = out.last().copied();
        }
    }
    out
}

/// A table header standing without its section label. A funds header (当年金额 beside 占比
/// or year columns) starts the funds table. An indicator header (一级指标 … 三级指标) starts
/// the annual table when a 近两年/预期当年 column stands in it or just below it, or when the
/// long-term table or the annual goal came before; the long-term table otherwise.
fn unlabelled_header(rows: &[LRow<'_>], i: usize, current: Option<Sec>) -> Option<Sec> {
    let roles = |row: &LRow<'_>| -> Vec<labels::Role> {
        row.cells
            .iter()
            .filter(|c| !c.continued)
            .filter_map(|c| c.role())
            .collect()
    };
    let here = roles(rows.get(i)?);
    // A funds header (当年金额 with 占比 or year columns) without 部门总体资金情况.
    if here.contains(&labels::Role::Amount)
        && here.iter().any(|r| {
            matches!(
                r,
                labels::Role::Share | labels::Role::Year(_) | labels::Role::HistoryGroup
            )
        })
        && current != Some(Sec::Funds)
    {
        return Some(Sec::Funds);
    }
    if !(here.contains(&labels::Role::Level3) && here.contains(&labels::Role::Level1)) {
        return None;
    }
    if matches!(current, Some(Sec::LongIndicators | Sec::AnnualIndicators))
        && rows
            .get(i.wrapping_sub(1))
            .is_some_and(|r| roles(r).contains(&labels::Role::Level3))
    {
        return None;
    }
    let annual_columns = rows.iter().skip(i).take(3).any(|r| {
        roles(r).iter().any(|x| {
            matches!(
                x,
                labels::Role::HistoryGroup | labels::Role::Target | labels::Role::Year(_)
            )
        })
    });
    let after_long = matches!(current, Some(Sec::LongIndicators | Sec::AnnualGoal));
    match current {
        // A header repeated at the top of a continuation table stays in its section.
        Some(Sec::LongIndicators) if !annual_columns => None,
        Some(Sec::AnnualIndicators) => None,
        _ if annual_columns || after_long => Some(Sec::AnnualIndicators),
        _ => Some(Sec::LongIndicators),
    }
}

/// The section's label text and its content: what follows the label in the label cell
/// (after a colon), the other cells of the label row, and the rows below it up to the next
/// section (content broken onto its own row). Continued merge cells are not repeated.
pub(super) fn section_text(rows: &[LRow<'_>]) -> (String, String) {
    let mut label = String::new();
    let mut parts: Vec<&str> = Vec::new();
    let mut inline = String::new();
    for (i, row) in rows.iter().enumerate() {
        for (j, c) in row.cells.iter().enumerate() {
            if c.continued || c.norm.is_empty() {
                continue;
            }
            if i == 0 && j == 0 || (i == 0 && label.is_empty() && c.start().is_some()) {
                label = c.text.to_string();
                if c.label().is_none() {
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

fn split_label_colon(text: &str) -> Option<(&str, &str)> {
    let i = text.find([':', '：'])?;
    let colon_len = text[i..].chars().next().map_or(1, char::len_utf8);
    Some((&text[..i], &text[i + colon_len..]))
}

/// The sections of one form: where each begins, in row order.
pub(super) struct Sections {
    starts: Vec<(usize, Sec)>,
    len: usize,
}

impl Sections {
    /// Finds the section starts among a form's rows.
    pub(super) fn find(rows: &[LRow<'_>]) -> Self {
        let mut starts: Vec<(usize, Sec)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if let Some(c) = row.first_text()
                && !c.continued
                && let Some(s) = c.start()
            {
                starts.push((i, s));
            } else if let Some(s) = unlabelled_header(rows, i, starts.last().map(|(_, s)| *s)) {
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
    pub(super) fn range(&self, sec: Sec) -> Option<std::ops::Range<usize>> {
        let k = self.starts.iter().position(|(_, s)| *s == sec)?;
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
}
