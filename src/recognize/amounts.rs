//! 项目资金: a project's funds blocks (资金总额, 其中：财政拨款, 其他资金 …), written as rows
//! of label and amount, as 中期 | 年度 columns over those rows, or inline in one cell
//! ("年度资金总额：120万元 其中：财政拨款：100万元 其他资金：20万元"). A lone block is
//! annual; a 中期 / 总 block beside an annual one is the mid-term block.

use super::Cx;
use super::rows::{LCell, LRow};
use super::template::Role;
use crate::model::project::{AmountItem, Amounts, ProjectFunds};
use crate::model::record::{Num, Warning, WarningCode};
use crate::model::text::{fold_width, label_text, trim};
use crate::model::value::{Amount, parse_amount};

/// Which block a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    MidTerm,
    Annual,
}

/// Where a block's numbers stood, for the checks.
#[derive(Debug, Clone, Default)]
pub struct AmountsLocs {
    /// The total's cell.
    pub total: Option<String>,
    /// Each item's cell, parallel to `Amounts::items`.
    pub items: Vec<Option<String>>,
}

/// Where both blocks' numbers stood.
#[derive(Debug, Clone, Default)]
pub struct FundsLocs {
    /// The mid-term block.
    pub mid_term: AmountsLocs,
    /// The annual block.
    pub annual: AmountsLocs,
}

/// One line read: its block (if its label or column says), label and amount.
struct Line {
    block: Option<Block>,
    label: String,
    amount: Option<f64>,
    loc: Option<String>,
    role: LineRole,
    /// The unit written with the amount, if any.
    unit: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineRole {
    Total,
    Fiscal,
    Other,
    Item,
}

/// The block a label names: 中期 / 长期 / 总 (总投资, 项目总资金) or 年度 / 本年 / 当年.
fn block_of(norm: &str) -> Option<Block> {
    if norm.contains("中期")
        || norm.contains("长期")
        || norm.contains("总投资")
        || norm.contains("总资金")
        || norm.starts_with("项目总")
    {
        Some(Block::MidTerm)
    } else if norm.contains("年度") || norm.contains("本年") || norm.contains("当年") {
        Some(Block::Annual)
    } else {
        None
    }
}

fn role_of(c_norm: &str, role: Option<Role>) -> LineRole {
    match role {
        Some(Role::Total) => LineRole::Total,
        Some(Role::Fiscal) => LineRole::Fiscal,
        Some(Role::Other) => LineRole::Other,
        _ if c_norm.ends_with("总额") || c_norm.contains("合计") || c_norm.ends_with("总计") => {
            LineRole::Total
        }
        _ => LineRole::Item,
    }
}

/// A line's label as the record holds it: no 其中, no colon, no bracketed unit.
fn item_label(text: &str) -> String {
    let t = label_text(&fold_width(text));
    // "…万元，其中：财政拨款": the separator before 其中 belongs to the line before.
    let t = t.trim_start_matches([':', '：', ',', '，', '、', ';', '；']);
    let t = t.strip_prefix("其中").unwrap_or(t);
    let t = t.trim_start_matches([':', '：', ',', '，']);
    let t = t.split('(').next().unwrap_or(t);
    t.trim_end_matches([':', '：']).to_string()
}

/// A cell that holds an amount: a number, or something with digits that should have been
/// one ("约50", "50万"); a label holds no digit.
fn number(c: &LCell<'_>) -> Option<Amount> {
    match parse_amount(c.text) {
        Amount::Empty => None,
        Amount::Bad if !c.norm.chars().any(|ch| ch.is_ascii_digit()) => None,
        a => Some(a),
    }
}

/// The unit an amount is written with ("120万元" → 万元).
fn unit_of(text: &str) -> Option<String> {
    let m = crate::model::value::parse_measure(trim(text))?;
    m.unit
        .filter(|u| matches!(&**u, "万元" | "元" | "千元" | "亿元"))
        .map(|u| u.into_owned())
}

/// The role of a line by its label (its 其中 and colon already dropped).
fn line_role(label: &str, cx: Cx<'_>) -> LineRole {
    let norm = crate::model::text::normalize_label(label);
    let role = cx.vocab.role(&cx.vocab.hits(&norm), cx.t);
    role_of(&norm, role)
}

/// A project's funds, where their numbers stood, and the unit the amounts were written in
/// ("120万元"), for a form that states no unit otherwise.
pub(super) struct Read {
    pub funds: ProjectFunds,
    pub locs: FundsLocs,
    pub unit: Option<String>,
}

/// Reads a funds section.
pub(super) fn read_amounts(rows: &[LRow<'_>], cx: Cx<'_>, warnings: &mut Vec<Warning>) -> Read {
    let mut lines: Vec<Line> = Vec::new();
    // Columns headed by a block (中期资金总额 | 年度资金总额 over the rows).
    let mut block_cols: Vec<(u32, u32, Block)> = Vec::new();
    let mut current: Option<Block> = None;
    // Blocks written side by side as label | amount pairs (中期资金总额 | 300 | 年度资金总额 |
    // 120, then 其中：财政拨款 | 240 | 其中：财政拨款 | 100): the column of each block's
    // naming label, so that the lines below it belong to the block above them.
    let mut side_blocks: Vec<(u32, Block)> = Vec::new();
    // A cell that labels lines: not the section's own label, not carried by a merge.
    let is_label_cell = |c: &LCell<'_>| !c.continued && !c.norm.is_empty() && c.start(cx).is_none();
    for row in rows {
        if super::indicators::is_note_row(row, cx) {
            continue;
        }
        let cells: Vec<&LCell<'_>> = row.cells.iter().filter(|c| is_label_cell(c)).collect();
        // A header row of blocks: two or more cells naming blocks, no amount.
        let named: Vec<(u32, u32, Block)> = cells
            .iter()
            .filter(|c| number(c).is_none())
            .filter_map(|c| block_of(&c.norm).map(|b| (c.col, c.last_col, b)))
            .collect();
        if named.len() >= 2
            && named.iter().any(|n| n.2 == Block::MidTerm)
            && named.iter().any(|n| n.2 == Block::Annual)
            && cells.iter().all(|c| number(c).is_none())
        {
            block_cols = named;
            continue;
        }
        let mut label: Option<&LCell<'_>> = None;
        for c in &cells {
            // "年度资金总额：120万元 其中：财政拨款：100万元": the lines written inline.
            if c.text.contains([':', '：']) && inline_lines(c, cx, row, &mut lines, &mut current) {
                label = None;
                continue;
            }
            let Some(parsed) = number(c) else {
                label = Some(c);
                continue;
            };
            let column_block = block_cols
                .iter()
                .find(|(a, b, _)| *a <= c.col && c.col <= *b)
                .map(|x| x.2);
            // Under block columns, the row's label stands at its left.
            let left = || {
                row.cells
                    .iter()
                    .filter(|x| is_label_cell(x) && x.col < c.col && number(x).is_none())
                    .last()
            };
            let Some(l) = label.or_else(left) else {
                continue;
            };
            let amount = match parsed {
                Amount::Number(x) => Some(x),
                _ => {
                    warnings.push(Warning {
                        code: WarningCode::BadNumber,
                        message: format!("资金金额无法识别为数字：“{}”", trim(c.text)),
                        location: row.loc(c),
                    });
                    None
                }
            };
            let named_block = block_of(&l.norm);
            if column_block.is_none()
                && let Some(b) = named_block
            {
                current = Some(b);
                side_blocks.retain(|(col, _)| *col != l.col);
                side_blocks.push((l.col, b));
            }
            let side_block = side_block(&side_blocks, l.col);
            let item = item_label(l.text);
            lines.push(Line {
                block: column_block.or(named_block).or(side_block).or(current),
                role: line_role(&item, cx),
                label: item,
                amount,
                loc: Some(row.loc(c)),
                unit: unit_of(c.text),
            });
            if column_block.is_none() {
                label = None;
            }
        }
        // A label row with nothing after it (a value left empty): the line is there.
        if let Some(l) = label
            && cells.len() == 1
        {
            let item = item_label(l.text);
            let role = line_role(&item, cx);
            if role != LineRole::Item || !block_cols.is_empty() || !lines.is_empty() {
                lines.push(Line {
                    block: block_of(&l.norm).or(current),
                    label: item,
                    amount: None,
                    loc: None,
                    role,
                    unit: None,
                });
            }
        }
    }
    let blocks_seen = |b: Block| lines.iter().any(|l| l.block == Some(b));
    // Lines without a block: the annual block, unless only a mid-term block was named.
    let default = if blocks_seen(Block::MidTerm)
        && !blocks_seen(Block::Annual)
        && lines.iter().all(|l| l.block.is_some())
    {
        Block::MidTerm
    } else {
        Block::Annual
    };
    let mut funds = ProjectFunds::default();
    let mut locs = FundsLocs::default();
    for block in [Block::MidTerm, Block::Annual] {
        let mine: Vec<&Line> = lines
            .iter()
            .filter(|l| l.block.unwrap_or(default) == block)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut amounts = Amounts::default();
        let mut block_locs = AmountsLocs::default();
        for l in mine {
            match l.role {
                LineRole::Total => {
                    if amounts.total.is_none() {
                        amounts.total = l.amount.map(Num);
                        block_locs.total = l.loc.clone();
                    }
                    continue;
                }
                LineRole::Fiscal if amounts.fiscal.is_none() => amounts.fiscal = l.amount.map(Num),
                LineRole::Other if amounts.other.is_none() => amounts.other = l.amount.map(Num),
                _ => {}
            }
            amounts.items.push(AmountItem {
                item: l.label.clone(),
                amount: l.amount.map(Num),
            });
            block_locs.items.push(l.loc.clone());
        }
        match block {
            Block::MidTerm => {
                funds.mid_term = Some(amounts);
                locs.mid_term = block_locs;
            }
            Block::Annual => {
                funds.annual = Some(amounts);
                locs.annual = block_locs;
            }
        }
    }
    let unit = lines.iter().find_map(|l| l.unit.clone());
    Read { funds, locs, unit }
}

/// The block of a line whose label stands in column `col`, where blocks were named side by
/// side: the nearest block named at or left of it. None where no two blocks stand apart.
fn side_block(side_blocks: &[(u32, Block)], col: u32) -> Option<Block> {
    if side_blocks.len() < 2 {
        return None;
    }
    side_blocks
        .iter()
        .filter(|(c, _)| *c <= col)
        .max_by_key(|(c, _)| *c)
        .map(|x| x.1)
}

/// "年度资金总额：120万元 其中：财政拨款：100万元 其他资金：20万元": the lines of a cell that
/// writes them inline. True when the cell held at least one.
fn inline_lines(
    c: &LCell<'_>,
    cx: Cx<'_>,
    row: &LRow<'_>,
    out: &mut Vec<Line>,
    current: &mut Option<Block>,
) -> bool {
    let text = fold_width(c.text);
    let mut found = false;
    let mut rest = text.as_str();
    let mut pending_label = String::new();
    while let Some(i) = rest.find(':') {
        let label_part = &rest[..i];
        let after = &rest[i + 1..];
        // The value runs to the next white space or separator.
        let value_end = after
            .char_indices()
            .find(|(_, ch)| ch.is_whitespace() || matches!(ch, '，' | ',' | '；' | ';'))
            .map_or(after.len(), |(k, _)| k);
        let value = &after[..value_end];
        let label = format!("{pending_label}{}", trim(label_part));
        match parse_amount(value) {
            Amount::Number(x) if !value.is_empty() => {
                let norm = crate::model::text::normalize_label(&label);
                let named = block_of(&norm);
                if named.is_some() {
                    *current = named;
                }
                let item = item_label(&label);
                out.push(Line {
                    block: named.or(*current),
                    role: line_role(&item, cx),
                    label: item,
                    amount: Some(x),
                    loc: Some(row.loc(c)),
                    unit: unit_of(value),
                });
                found = true;
                pending_label.clear();
                rest = &after[value_end..];
            }
            _ => {
                // "其中：财政拨款：100万元": the words before this colon lead the next label.
                pending_label = format!("{pending_label}{}", trim(label_part));
                rest = after;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_their_wrapping() {
        assert_eq!(item_label("其中：财政拨款"), "财政拨款");
        assert_eq!(item_label("其中:财政拨款"), "财政拨款");
        assert_eq!(item_label("其他资金："), "其他资金");
        assert_eq!(item_label("，其中财政拨款"), "财政拨款");
        assert_eq!(item_label("；其他资金"), "其他资金");
        assert_eq!(item_label("资金总额（万元）"), "资金总额");
        assert_eq!(block_of("中期资金总额"), Some(Block::MidTerm));
        assert_eq!(block_of("年度资金总额"), Some(Block::Annual));
        assert_eq!(block_of("资金总额"), None);
    }
}
