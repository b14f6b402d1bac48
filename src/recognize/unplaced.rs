//! Text the engine read but put in no field. A cell of a recognised form that is neither a
//! label, a value of a field, nor in a column the section reads is a warning
//! (`unplaced_text`) with its location and text: a clerk sees it instead of losing it.
//! Paragraphs outside tables (titles, notes between split tables) and the template's own
//! notes (`ignore` in its definition) are not cells of the form.

use super::Cx;
use super::columns::{Columns, read_header};
use super::header::{self, Fields};
use super::indicators;
use super::rows::{LCell, LRow};
use super::sections::Sections;
use super::template::{Kind, Meaning, Role};
use crate::model::record::{Warning, WarningCode};
use crate::model::text::trim;
use crate::model::value::{Amount, parse_amount};

/// Adds an `unplaced_text` warning for every cell of `rows` that lands in no field.
pub(super) fn check(
    rows: &[LRow<'_>],
    sections: &Sections,
    fields: &Fields<'_>,
    cx: Cx<'_>,
    warnings: &mut Vec<Warning>,
) {
    let starts = sections.starts();
    let mut k = 0;
    for (i, row) in rows.iter().enumerate() {
        while k < starts.len() && starts[k].0 <= i {
            k += 1;
        }
        let section = k.checked_sub(1).map(|j| starts[j]);
        if row.grid.is_none() || row.is_blank() {
            continue;
        }
        let placed: Box<dyn Fn(&LCell<'_>) -> bool> = match section {
            Some((start, slot)) if !slot.is_header() => {
                let kind = cx.section(slot).map_or(Kind::Ignore, |s| s.kind);
                let end = sections.range(slot).map_or(rows.len(), |r| r.end);
                // A later occurrence of a section label reads like the first.
                let rows_of = rows
                    .get(start..end.max(start + 1).min(rows.len()))
                    .unwrap_or(&[]);
                in_table(kind, rows_of, i - start, cx)
            }
            _ => Box::new(|c: &LCell<'_>| in_head(c, fields, cx)),
        };
        for c in row
            .cells
            .iter()
            .filter(|c| !c.continued && !c.norm.is_empty())
        {
            if placed(c) || is_note(c, cx) {
                continue;
            }
            let text = trim(c.text);
            let shown: String = text.chars().take(40).collect();
            let more = if text.chars().count() > 40 { "…" } else { "" };
            warnings.push(Warning {
                code: WarningCode::UnplacedText,
                message: format!("“{shown}{more}”没有对应的字段，未读入记录；请核对是否填错了位置"),
                location: row.loc(c),
            });
        }
    }
}

/// Cells no form needs a field for: the template's notes, an unfilled template row, a
/// label of any section or field, a title or unit line.
fn is_note(c: &LCell<'_>, cx: Cx<'_>) -> bool {
    c.means(cx, Meaning::Ignore)
        || c.means(cx, Meaning::Title)
        || super::tasks::is_placeholder(c.text)
        || c.start(cx).is_some()
        || header::is_unit_line(&c.norm)
        || c.norm.chars().all(|ch| !ch.is_alphanumeric())
}

/// Above the body: labels, the values of fields, titles, years and units.
fn in_head(c: &LCell<'_>, fields: &Fields<'_>, cx: Cx<'_>) -> bool {
    fields
        .values
        .iter()
        .any(|v| v.cell.is_some_and(|f| std::ptr::eq(f, c)))
        || c.norm.contains("绩效目标")
        || header::YEAR_IN_TITLE.is_match(&c.norm) && c.norm.chars().count() <= 16
        || c.norm.starts_with("附件") && c.norm.chars().count() <= 6
        || (c.text.contains([':', '：']) && !header::inline_pairs(c.text, cx).is_empty())
}

/// Which cells of row `at` of a section its kind reads.
fn in_table<'r>(
    kind: Kind,
    rows: &'r [LRow<'r>],
    at: usize,
    cx: Cx<'r>,
) -> Box<dyn Fn(&LCell<'_>) -> bool + 'r> {
    match kind {
        Kind::Indicators | Kind::MoneyTable | Kind::TaskTable => {
            let (cols, data_start) = match kind {
                Kind::Indicators => indicators::read_indicator_header(rows, cx),
                Kind::MoneyTable => read_header(rows, cx, Role::Amount, |_, _| false),
                _ => read_header(rows, cx, Role::Total, |_, _| false),
            };
            if at < data_start {
                // Header rows: every cell is a header or a group label.
                return Box::new(|_| true);
            }
            let first_value = first_value_col(&cols, kind);
            Box::new(move |c: &LCell<'_>| {
                c.role(cx).is_some()
                    || c.last_col < first_value
                    || cols
                        .cols
                        .iter()
                        .any(|k| c.col <= k.last_col && k.col <= c.last_col)
            })
        }
        Kind::Amounts => {
            let row = rows.get(at);
            Box::new(move |c: &LCell<'_>| {
                let is_number = matches!(parse_amount(c.text), Amount::Number(_));
                !is_number
                    || row.is_some_and(|r| {
                        r.cells.iter().any(|x| {
                            x.col < c.col
                                && !x.norm.is_empty()
                                && !matches!(parse_amount(x.text), Amount::Number(_))
                        })
                    })
                    || rows.iter().take(at).any(|r| {
                        r.cells.iter().any(|x| {
                            x.col <= c.col
                                && c.col <= x.last_col
                                && x.start(cx).is_none()
                                && !matches!(parse_amount(x.text), Amount::Number(_))
                                && !x.norm.is_empty()
                        })
                    })
            })
        }
        Kind::List | Kind::Text | Kind::TaskGroups | Kind::Ignore => Box::new(|_| true),
    }
}

/// The first column holding values (the item and level labels stand left of it).
fn first_value_col(cols: &Columns, kind: Kind) -> u32 {
    let is_value = |r: Role| match kind {
        Kind::MoneyTable => matches!(
            r,
            Role::Amount | Role::Share | Role::Year(_) | Role::HistoryGroup
        ),
        Kind::TaskTable => matches!(r, Role::TaskName),
        _ => matches!(r, Role::Level1 | Role::Level2 | Role::Level3),
    };
    cols.cols
        .iter()
        .filter(|c| is_value(c.role))
        .map(|c| c.col)
        .min()
        .unwrap_or(0)
}
