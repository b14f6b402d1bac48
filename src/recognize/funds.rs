//! 部门总体资金情况: income and expenditure lines with this year's amount, share and the two
//! previous years. Columns are found by their headers; lines by their labels; the block
//! (收入构成 / 支出构成) by the merged or written-once label to their left.

use super::Cx;
use super::columns::{Column, Columns, read_header};
use super::rows::{LCell, LRow};
use super::template::{Meaning, Role};
use crate::model::record::{Funds, FundsBlock, FundsLine, Num, Warning, WarningCode};
use crate::model::text::label_text;
use crate::model::value::{Amount, parse_amount, parse_share};
use std::collections::BTreeMap;

/// Where each number of a funds line stood, for the checks' warnings.
#[derive(Debug, Clone, Default)]
pub struct LineLocs {
    pub amount: Option<String>,
    pub share: Option<String>,
    pub history: Vec<Option<String>>,
    pub row: String,
}

/// Locations parallel to `FundsBlock` items and total.
#[derive(Debug, Clone, Default)]
pub struct BlockLocs {
    pub items: Vec<LineLocs>,
    pub total: Option<LineLocs>,
}

/// Locations of the whole funds table.
#[derive(Debug, Clone, Default)]
pub struct FundsLocs {
    pub income: BlockLocs,
    pub expenditure: BlockLocs,
}

#[derive(Clone, Copy, PartialEq)]
enum Block {
    Income,
    Expenditure,
}

/// Reads the funds section (rows from its label row to the next section).
pub fn read_funds(
    rows: &[LRow<'_>],
    cx: Cx<'_>,
    warnings: &mut Vec<Warning>,
) -> (Funds, FundsLocs) {
    let (cols, data_start) = read_header(rows, cx, Role::Amount, |row, cols| {
        // A data row has an item label left of the amount column.
        let amount_col = cols.find(Role::Amount).map_or(u32::MAX, |c| c.col);
        row.cells
            .iter()
            .any(|c| !c.continued && c.last_col < amount_col && is_item_label(c, cx))
    });
    let years = cols.years();
    let mut funds = Funds {
        years: years.iter().map(|(y, _)| *y).collect(),
        ..Funds::default()
    };
    let mut locs = FundsLocs::default();
    let amount = cols.find(Role::Amount).copied();
    let share = cols.find(Role::Share).copied();
    let first_value_col = cols
        .cols
        .iter()
        .filter(|c| {
            matches!(
                c.role,
                Role::Amount | Role::Share | Role::Year(_) | Role::HistoryGroup
            )
        })
        .map(|c| c.col)
        .min()
        .unwrap_or(u32::MAX);
    let mut block: Option<Block> = None;
    // The block of the line read last, and whether it was the total.
    let mut last: Option<(Block, bool)> = None;
    for row in rows.iter().skip(data_start).filter(|r| r.grid.is_some()) {
        let labels: Vec<&LCell<'_>> = row
            .cells
            .iter()
            .filter(|c| c.last_col < first_value_col && !c.norm.is_empty())
            .collect();
        // Block labels: 收入构成 / 支出构成, merged (continued) or written once.
        for c in &labels {
            if let Some(b) = block_label(c, cx) {
                block = Some(b);
            }
        }
        let item_cell = labels
            .iter()
            .rev()
            .find(|c| !c.continued && block_label(c, cx).is_none() && is_item_label(c, cx));
        let mut line_locs = LineLocs {
            row: row.row_loc(),
            ..LineLocs::default()
        };
        let amount_v =
            amount.and_then(|c| number_at(&cols, row, &c, false, warnings, &mut line_locs.amount));
        let share_v =
            share.and_then(|c| number_at(&cols, row, &c, true, warnings, &mut line_locs.share));
        let mut history = BTreeMap::new();
        for (y, c) in &years {
            let mut loc = None;
            let v = number_at(&cols, row, c, false, warnings, &mut loc);
            line_locs.history.push(loc);
            history.insert(y.to_string(), v.map(Num));
        }
        let Some(item_cell) = item_cell else {
            // A broken row: the item's label stood on the row above, its numbers here.
            let has_values =
                amount_v.is_some() || share_v.is_some() || history.values().any(Option::is_some);
            if has_values
                && let Some((line, l)) = last.and_then(|b| last_line(&mut funds, &mut locs, b))
                && line.amount.is_none()
                && line.share_percent.is_none()
                && line.history.values().all(Option::is_none)
            {
                line.amount = amount_v.map(Num);
                line.share_percent = share_v.map(Num);
                line.history = history;
                l.amount = line_locs.amount;
                l.share = line_locs.share;
                l.history = line_locs.history;
            }
            continue;
        };
        let item = label_text(item_cell.text);
        let b = block.unwrap_or(if item.contains("支出") {
            Block::Expenditure
        } else {
            Block::Income
        });
        block = Some(b);
        line_locs.row = row.loc(item_cell);
        let line = FundsLine {
            item: item.clone(),
            amount: amount_v.map(Num),
            share_percent: share_v.map(Num),
            history,
        };
        let (target, target_locs) = match b {
            Block::Income => (&mut funds.income, &mut locs.income),
            Block::Expenditure => (&mut funds.expenditure, &mut locs.expenditure),
        };
        if item_cell.means(cx, Meaning::Total) {
            if target.total.is_none() {
                target.total = Some(line);
                target_locs.total = Some(line_locs);
                last = Some((b, true));
            }
        } else {
            push_line(target, target_locs, line, line_locs);
            last = Some((b, false));
        }
    }
    shares_as_percent(&mut funds.income);
    shares_as_percent(&mut funds.expenditure);
    (funds, locs)
}

/// A share column filled with fractions (0.3202 in a General-format cell, or typed so) is
/// read as percentages when the block says so itself: its 合计 share is 1, or, without a
/// total share, its items' shares add up to 1.
fn shares_as_percent(block: &mut FundsBlock) {
    let shares: Vec<f64> = block
        .items
        .iter()
        .chain(block.total.iter())
        .filter_map(|l| l.share_percent.map(|n| n.0))
        .collect();
    if shares.is_empty() || shares.iter().any(|s| *s > 1.0 || *s < 0.0) {
        return;
    }
    let total_share = block
        .total
        .as_ref()
        .and_then(|t| t.share_percent)
        .map(|n| n.0);
    let item_sum: f64 = block
        .items
        .iter()
        .filter_map(|l| l.share_percent.map(|n| n.0))
        .sum();
    let fractions = match total_share {
        Some(t) => (t - 1.0).abs() < 1e-9,
        None => (item_sum - 1.0).abs() < 0.011,
    };
    if fractions {
        for line in block.items.iter_mut().chain(block.total.iter_mut()) {
            if let Some(n) = &mut line.share_percent {
                n.0 = crate::model::value::clean(n.0 * 100.0);
            }
        }
    }
}

/// The line read last, to complete from a broken row.
fn last_line<'f>(
    funds: &'f mut Funds,
    locs: &'f mut FundsLocs,
    (block, total): (Block, bool),
) -> Option<(&'f mut FundsLine, &'f mut LineLocs)> {
    let (b, l) = match block {
        Block::Income => (&mut funds.income, &mut locs.income),
        Block::Expenditure => (&mut funds.expenditure, &mut locs.expenditure),
    };
    if total {
        Some((b.total.as_mut()?, l.total.as_mut()?))
    } else {
        Some((b.items.last_mut()?, l.items.last_mut()?))
    }
}

fn push_line(block: &mut FundsBlock, locs: &mut BlockLocs, line: FundsLine, l: LineLocs) {
    block.items.push(line);
    locs.items.push(l);
}

/// 收入构成 / 支出构成: the template's block labels.
fn block_label(c: &LCell<'_>, cx: Cx<'_>) -> Option<Block> {
    if c.means(cx, Meaning::Income) {
        Some(Block::Income)
    } else if c.means(cx, Meaning::Expenditure) {
        Some(Block::Expenditure)
    } else {
        None
    }
}

/// An item label is text that is not a number and not a header word.
fn is_item_label(c: &LCell<'_>, cx: Cx<'_>) -> bool {
    !c.norm.is_empty()
        && c.role(cx).is_none()
        && c.label(cx).is_none()
        && !matches!(parse_amount(&c.norm), Amount::Number(_))
}

fn number_at(
    cols: &Columns,
    row: &LRow<'_>,
    column: &Column,
    is_share: bool,
    warnings: &mut Vec<Warning>,
    loc: &mut Option<String>,
) -> Option<f64> {
    let c = cols.cell(row, column)?;
    if c.continued {
        return None;
    }
    *loc = Some(row.loc(c));
    let cell = c.cell;
    let parsed = if is_share {
        parse_share(
            c.text,
            cell.and_then(|x| x.number),
            cell.and_then(|x| x.percent_format),
        )
    } else {
        parse_amount(c.text)
    };
    match parsed {
        Amount::Number(x) => Some(x),
        Amount::Empty => None,
        Amount::Bad => {
            warnings.push(Warning {
                code: WarningCode::BadNumber,
                message: format!(
                    "资金金额无法识别为数字：“{}”",
                    crate::model::text::trim(c.text)
                ),
                location: row.loc(c),
            });
            None
        }
    }
}
