//! Arithmetic checks on a recognised form. Finance staff trust a dataset when the tool tells
//! them where the form disagrees with itself: items that do not add up to 合计, shares that do
//! not match the amounts. Each finding is a warning with the cell it points at.

use crate::model::project::{Amounts, Project};
use crate::model::record::{FundsBlock, Record, TaskAmount, Warning, WarningCode};
use crate::model::value::clean;
use crate::recognize::amounts::AmountsLocs;
use crate::recognize::{FundsLocs, ProjectLocs, TaskLocs};

/// Amounts are written to two decimals: sums within half a cent of 万元 agree.
const SUM_TOLERANCE: f64 = 0.005;
/// Shares are rounded to two decimals by hand; allow that rounding.
const SHARE_TOLERANCE: f64 = 0.05;

/// One amount column of the main tasks: its name, how to read it, where its total stood.
type TaskColumn<'a> = (&'a str, fn(&TaskAmount) -> Option<f64>, Option<&'a String>);

/// Adds sum_mismatch and share_mismatch warnings to the record: its funds table, and its
/// main tasks against their 金额合计 row, amount column by amount column.
pub fn check(record: &mut Record, locs: &FundsLocs, task_locs: &TaskLocs) {
    let mut warnings = Vec::new();
    for (name, block, block_locs) in [
        ("收入", &record.funds.income, &locs.income),
        ("支出", &record.funds.expenditure, &locs.expenditure),
    ] {
        check_sums(name, block, block_locs, &record.funds.years, &mut warnings);
        check_shares(name, block, block_locs, &mut warnings);
    }
    if let Some(total) = &record.main_tasks_total {
        let columns: [TaskColumn<'_>; 3] = [
            (
                "总额",
                |a| a.total.map(|n| n.0),
                task_locs.total.as_ref().and_then(|l| l.total.as_ref()),
            ),
            (
                "财政拨款",
                |a| a.fiscal.map(|n| n.0),
                task_locs.total.as_ref().and_then(|l| l.fiscal.as_ref()),
            ),
            (
                "其他资金",
                |a| a.other.map(|n| n.0),
                task_locs.total.as_ref().and_then(|l| l.other.as_ref()),
            ),
        ];
        // One warning for the table, naming every column that does not add up.
        let mut wrong: Vec<String> = Vec::new();
        let mut at: Option<String> = None;
        for (column, get, loc) in columns {
            let Some(want) = get(total) else { continue };
            let present: Vec<f64> = record
                .main_tasks
                .iter()
                .filter_map(|t| get(&t.amount))
                .collect();
            if present.is_empty() {
                continue;
            }
            let sum = clean(present.iter().sum());
            if (sum - want).abs() > SUM_TOLERANCE {
                wrong.push(format!(
                    "“{column}”各项之和为 {sum}，与金额合计 {want} 不符"
                ));
                at = at.or_else(|| loc.cloned());
            }
        }
        if !wrong.is_empty() {
            warnings.push(Warning {
                code: WarningCode::SumMismatch,
                message: format!("年度主要任务：{}", wrong.join("；")),
                location: at.unwrap_or_else(|| record.source.part.clone()),
            });
        }
    }
    record.warnings.extend(warnings);
}

/// Adds sum_mismatch warnings to a project: in each funds block, the source lines (财政拨款,
/// 其他资金, …) against the total.
pub fn check_project(project: &mut Project, locs: &ProjectLocs) {
    let mut warnings = Vec::new();
    for (name, block, block_locs) in [
        ("中期资金", &project.funds.mid_term, &locs.funds.mid_term),
        ("年度资金", &project.funds.annual, &locs.funds.annual),
    ] {
        if let Some(block) = block {
            check_amounts(name, block, block_locs, &locs.part, &mut warnings);
        }
    }
    project.warnings.extend(warnings);
}

fn check_amounts(
    name: &str,
    block: &Amounts,
    locs: &AmountsLocs,
    part: &str,
    out: &mut Vec<Warning>,
) {
    let Some(total) = block.total.map(|n| n.0) else {
        return;
    };
    let present: Vec<f64> = block
        .items
        .iter()
        .filter_map(|i| i.amount.map(|n| n.0))
        .collect();
    if present.is_empty() {
        return;
    }
    let sum = clean(present.iter().sum());
    if (sum - total).abs() > SUM_TOLERANCE {
        let items: Vec<&str> = block.items.iter().map(|i| i.item.as_str()).collect();
        out.push(Warning {
            code: WarningCode::SumMismatch,
            message: format!(
                "{name}：{}之和为 {sum}，与资金总额 {total} 不符",
                items.join("、")
            ),
            location: locs.total.clone().unwrap_or_else(|| part.to_string()),
        });
    }
}

/// One column to add up: its name, the 合计 value, the items' values, where 合计 stands.
type SumColumn = (String, Option<f64>, Vec<Option<f64>>, Option<String>);

fn check_sums(
    name: &str,
    block: &FundsBlock,
    locs: &crate::recognize::BlockLocs,
    years: &[i32],
    out: &mut Vec<Warning>,
) {
    let (Some(total), Some(total_locs)) = (&block.total, &locs.total) else {
        return;
    };
    let mut columns: Vec<SumColumn> = vec![(
        "当年金额".to_string(),
        total.amount.map(|n| n.0),
        block.items.iter().map(|l| l.amount.map(|n| n.0)).collect(),
        total_locs.amount.clone(),
    )];
    for (k, y) in years.iter().enumerate() {
        let key = y.to_string();
        columns.push((
            format!("{y}年金额"),
            total.history.get(&key).copied().flatten().map(|n| n.0),
            block
                .items
                .iter()
                .map(|l| l.history.get(&key).copied().flatten().map(|n| n.0))
                .collect(),
            total_locs.history.get(k).cloned().flatten(),
        ));
    }
    for (column, total, items, loc) in columns {
        let Some(total) = total else { continue };
        let present: Vec<f64> = items.into_iter().flatten().collect();
        if present.is_empty() {
            continue;
        }
        let sum = clean(present.iter().sum());
        if (sum - total).abs() > SUM_TOLERANCE {
            out.push(Warning {
                code: WarningCode::SumMismatch,
                message: format!("{name}构成“{column}”各项之和为 {sum}，与合计 {total} 不符"),
                location: loc.unwrap_or_else(|| total_locs.row.clone()),
            });
        }
    }
}

fn check_shares(
    name: &str,
    block: &FundsBlock,
    locs: &crate::recognize::BlockLocs,
    out: &mut Vec<Warning>,
) {
    let Some(total_amount) = block.total.as_ref().and_then(|t| t.amount).map(|n| n.0) else {
        return;
    };
    if total_amount == 0.0 {
        return;
    }
    for (line, l) in block.items.iter().zip(&locs.items) {
        let (Some(share), Some(amount)) = (line.share_percent, line.amount) else {
            continue;
        };
        let expected = clean(amount.0 / total_amount * 100.0);
        if (share.0 - expected).abs() > SHARE_TOLERANCE {
            out.push(Warning {
                code: WarningCode::ShareMismatch,
                message: format!(
                    "{name}构成“{}”占比填为 {}%，按金额计算应为 {:.2}%",
                    line.item, share.0, expected
                ),
                location: l.share.clone().unwrap_or_else(|| l.row.clone()),
            });
        }
    }
}
