//! Arithmetic checks on a recognised form. Finance staff trust a dataset when the tool tells
//! them where the form disagrees with itself: items that do not add up to 合计, shares that do
//! not match the amounts, amounts that cannot be in the unit the form names. Each finding is
//! a warning with the cell it points at.

use crate::model::project::{Amounts, Project};
use crate::model::record::{FundsBlock, Record, TaskAmount, Warning, WarningCode};
use crate::model::unit::{ASSUMED, AmountUnit, factor_to_wanyuan, to_wanyuan};
use crate::model::value::clean;
use crate::recognize::amounts::AmountsLocs;
use crate::recognize::{FundsLocs, ProjectLocs, TaskLocs};

/// Amounts are written to two decimals: sums within half a cent of 万元 agree.
const SUM_TOLERANCE: f64 = 0.005;
/// Shares are rounded to two decimals by hand; allow that rounding.
const SHARE_TOLERANCE: f64 = 0.05;

/// A total above this many 万元 (a thousand 亿元) is no department's or project's budget:
/// most often a form written in 元 under a 万元 heading.
const IMPLAUSIBLY_LARGE_WANYUAN: f64 = 1e7;
/// A total below this many 万元 (a hundred 元) is no budget either: most often a form
/// written in 万元 under a 元 heading, or in 亿元.
const IMPLAUSIBLY_SMALL_WANYUAN: f64 = 0.01;

/// The unit's name where a form names none.
const ASSUMED_NAME: &str = ASSUMED.name_const();

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

/// A form's unit, and its totals: what the unit checks look at.
struct UnitCheck<'a> {
    unit: Option<&'a str>,
    /// Whether the form holds any amount at all (a form without amounts needs no unit).
    has_amounts: bool,
    /// Each total: its name, its value in the form's unit, where it stood.
    totals: Vec<(&'static str, f64, Option<String>)>,
    part: &'a str,
}

/// Adds unit_missing (no amount unit on a form with amounts: 万元 assumed) and
/// implausible_amount (a total that cannot be in the unit named) to a department record.
pub fn check_units(record: &mut Record, locs: &FundsLocs) {
    let f = &record.funds;
    let mut totals = Vec::new();
    for (name, block, block_locs) in [
        ("收入合计", &f.income, &locs.income),
        ("支出合计", &f.expenditure, &locs.expenditure),
    ] {
        if let Some(t) = block.total.as_ref().and_then(|t| t.amount) {
            let at = block_locs
                .total
                .as_ref()
                .map(|l| l.amount.clone().unwrap_or_else(|| l.row.clone()));
            totals.push((name, t.0, at));
        }
    }
    if let Some(t) = record.main_tasks_total.as_ref().and_then(|t| t.total) {
        totals.push(("年度主要任务金额合计", t.0, None));
    }
    let lines = |b: &FundsBlock| {
        b.items
            .iter()
            .chain(&b.total)
            .any(|l| l.amount.is_some() || l.history.values().any(Option::is_some))
    };
    let has_amounts = lines(&f.income)
        || lines(&f.expenditure)
        || record.main_tasks_total.is_some()
        || record.main_tasks.iter().any(|t| t.amount.total.is_some());
    let check = UnitCheck {
        unit: record.unit.as_deref(),
        has_amounts,
        totals,
        part: &record.source.part,
    };
    let found = unit_warnings(&check, "部门");
    record.warnings.extend(found);
}

/// As [`check_units`], for a project: its annual and mid-term totals.
pub fn check_project_units(project: &mut Project, locs: &ProjectLocs) {
    let mut totals = Vec::new();
    let mut has_amounts = false;
    for (name, block, block_locs) in [
        ("年度资金总额", &project.funds.annual, &locs.funds.annual),
        (
            "中期资金总额",
            &project.funds.mid_term,
            &locs.funds.mid_term,
        ),
    ] {
        let Some(block) = block else { continue };
        has_amounts |= block.total.is_some()
            || block.fiscal.is_some()
            || block.other.is_some()
            || block.items.iter().any(|i| i.amount.is_some());
        if let Some(t) = block.total {
            totals.push((name, t.0, block_locs.total.clone()));
        }
    }
    let check = UnitCheck {
        unit: project.unit.as_deref(),
        has_amounts,
        totals,
        part: &locs.part,
    };
    let found = unit_warnings(&check, "项目");
    project.warnings.extend(found);
}

fn unit_warnings(c: &UnitCheck<'_>, what: &str) -> Vec<Warning> {
    let mut out = Vec::new();
    let named = c.unit.filter(|u| !u.trim().is_empty());
    if named.is_none() && c.has_amounts {
        out.push(Warning {
            code: WarningCode::UnitMissing,
            message: "表上没有写金额单位（如“单位：万元”），金额已按万元计；若实际单位不是万元，请报送单位在表上注明单位后重新报送".to_string(),
            location: c.part.to_string(),
        });
    }
    let Some(factor) = factor_to_wanyuan(named) else {
        return out;
    };
    let (unit_name, heading) = match named.and_then(AmountUnit::parse) {
        Some(u) => (u.name(), format!("而单位写的是{}", u.name())),
        None => (ASSUMED_NAME, "而表上没有写单位（按万元计）".to_string()),
    };
    for (name, amount, at) in &c.totals {
        let wan = to_wanyuan(amount.abs(), factor);
        let why = if wan > IMPLAUSIBLY_LARGE_WANYUAN {
            format!(
                "合 {} 亿元，远超一个{what}的预算规模；金额可能是以元填写的，{heading}",
                clean(wan / 1e4)
            )
        } else if wan > 0.0 && wan < IMPLAUSIBLY_SMALL_WANYUAN {
            format!(
                "合 {} 元，不足一百元；金额可能是以万元或亿元填写的，{heading}",
                clean(wan * 1e4)
            )
        } else {
            continue;
        };
        out.push(Warning {
            code: WarningCode::ImplausibleAmount,
            message: format!(
                "{name}填为 {amount} {unit_name}，{why}；请报送单位核实金额与单位后重新报送"
            ),
            location: at.clone().unwrap_or_else(|| c.part.to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(unit: Option<&str>, totals: &[f64]) -> Vec<Warning> {
        let c = UnitCheck {
            unit,
            has_amounts: true,
            totals: totals
                .iter()
                .map(|t| ("收入合计", *t, Some("sheet1!C9".to_string())))
                .collect(),
            part: "sheet 1",
        };
        unit_warnings(&c, "部门")
    }

    fn codes(w: &[Warning]) -> Vec<WarningCode> {
        w.iter().map(|w| w.code).collect()
    }

    #[test]
    fn a_form_without_a_unit_is_taken_as_wanyuan_with_a_warning() {
        let w = check(None, &[4008.71]);
        assert_eq!(codes(&w), [WarningCode::UnitMissing]);
        assert_eq!(w[0].location, "sheet 1");
        assert!(w[0].message.contains("万元"), "{}", w[0].message);
        assert!(check(Some("万元"), &[4008.71]).is_empty());
        assert!(check(Some("元"), &[79_883_000.0]).is_empty(), "7988.3 万元");
        let none = UnitCheck {
            unit: None,
            has_amounts: false,
            totals: Vec::new(),
            part: "table 1",
        };
        assert!(
            unit_warnings(&none, "部门").is_empty(),
            "no amounts, no unit needed"
        );
    }

    #[test]
    fn totals_that_cannot_be_in_their_unit_are_warned() {
        let w = check(Some("万元"), &[79_883_000.0]);
        assert_eq!(codes(&w), [WarningCode::ImplausibleAmount]);
        assert_eq!(w[0].location, "sheet1!C9");
        assert!(w[0].message.contains("以元填写"), "{}", w[0].message);
        let w = check(None, &[79_883_000.0]);
        assert_eq!(
            codes(&w),
            [WarningCode::UnitMissing, WarningCode::ImplausibleAmount]
        );
        let w = check(Some("万元"), &[0.005]);
        assert_eq!(codes(&w), [WarningCode::ImplausibleAmount]);
        let w = check(Some("元"), &[35.0]);
        assert_eq!(codes(&w), [WarningCode::ImplausibleAmount]);
        assert!(
            check(Some("万元"), &[0.0]).is_empty(),
            "a zero total is not implausible"
        );
        assert!(check(Some("亿元"), &[12.5]).is_empty());
        assert!(
            check(Some("美元"), &[1e12]).is_empty(),
            "an unknown unit is not judged"
        );
    }
}
