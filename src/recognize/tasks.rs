//! 年度主要任务 (the national template's task table): one task per row, under 任务名称 |
//! 主要内容 | 预算金额 over 总额 / 财政拨款 / 其他资金, and its 金额合计 row. Template rows
//! left unfilled ("任务1：", "……") are not tasks.

use super::Cx;
use super::columns::{Column, read_header};
use super::rows::{LCell, LRow};
use super::template::{Meaning, Role};
use crate::model::record::{MainTask, Num, TaskAmount, Warning, WarningCode};
use crate::model::text::{join_lines, trim};
use crate::model::value::{Amount, parse_amount};

/// Where one task row's amounts stood, for the checks.
#[derive(Debug, Clone, Default)]
pub struct AmountLocs {
    /// 总额.
    pub total: Option<String>,
    /// 财政拨款.
    pub fiscal: Option<String>,
    /// 其他资金.
    pub other: Option<String>,
}

/// Where the tasks' and the total row's amounts stood.
#[derive(Debug, Clone, Default)]
pub struct TaskLocs {
    /// One per task, parallel to `main_tasks`.
    pub tasks: Vec<AmountLocs>,
    /// The 金额合计 row.
    pub total: Option<AmountLocs>,
}

/// Reads the task table: the tasks, the 金额合计 row and where their amounts stood.
pub(super) fn read_tasks(
    rows: &[LRow<'_>],
    cx: Cx<'_>,
    warnings: &mut Vec<Warning>,
) -> (Vec<MainTask>, Option<TaskAmount>, TaskLocs) {
    let (cols, data_start) = read_header(rows, cx, Role::Total, |row, cols| {
        let Some(name) = cols.find(Role::TaskName) else {
            return false;
        };
        cols.cell(row, name)
            .is_some_and(|c| !c.continued && !c.norm.is_empty() && c.role(cx).is_none())
    });
    let name_col = cols.find(Role::TaskName).copied();
    let content_col = cols.find(Role::TaskContent).copied();
    let total_col = cols
        .find(Role::Total)
        .or_else(|| cols.find(Role::Amount))
        .copied();
    let fiscal_col = cols.find(Role::Fiscal).copied();
    let other_col = cols.find(Role::Other).copied();
    let mut tasks = Vec::new();
    let mut total = None;
    let mut locs = TaskLocs::default();
    for row in rows
        .iter()
        .skip(data_start)
        .filter(|r| r.grid.is_some() && !super::indicators::is_note_row(r, cx))
    {
        let cell = |c: Option<Column>| c.and_then(|c| cols.cell(row, &c)).filter(|c| !c.continued);
        let Some(name_cell) = cell(name_col) else {
            continue;
        };
        let mut amount_locs = AmountLocs::default();
        let mut amount = |c: Option<Column>, loc: &mut Option<String>| {
            let c = cell(c)?;
            *loc = Some(row.loc(c));
            number(c, row, warnings)
        };
        let amounts = TaskAmount {
            total: amount(total_col, &mut amount_locs.total),
            fiscal: amount(fiscal_col, &mut amount_locs.fiscal),
            other: amount(other_col, &mut amount_locs.other),
        };
        let name = task_name(name_cell.text);
        let content = cell(content_col)
            .filter(|c| c.col != name_cell.col)
            .map(|c| join_lines(trim(c.text)))
            .filter(|c| !c.is_empty() && !is_placeholder(c));
        let has_amount =
            amounts.total.is_some() || amounts.fiscal.is_some() || amounts.other.is_some();
        if name_cell.means(cx, Meaning::Total) || is_total_name(name_cell) {
            if total.is_none() && has_amount {
                total = Some(amounts);
                locs.total = Some(amount_locs);
            }
            continue;
        }
        // An unfilled template row ("任务1：", "……") is not a task.
        if (name.is_empty() || is_placeholder(&name)) && !has_amount && content.is_none() {
            continue;
        }
        if name.is_empty() && content.is_none() {
            continue;
        }
        tasks.push(MainTask {
            name,
            content,
            amount: amounts,
        });
        locs.tasks.push(amount_locs);
    }
    (tasks, total, locs)
}

/// 合计 rows of a task table written in the content column's place ("金额合计").
fn is_total_name(c: &LCell<'_>) -> bool {
    matches!(&*c.norm, "合计" | "金额合计" | "总计" | "合计金额")
}

/// "任务1：优化营商环境" → "优化营商环境"; "1.规范市场秩序" → "规范市场秩序".
fn task_name(text: &str) -> String {
    let t = join_lines(trim(text));
    let folded = crate::model::text::fold_width(&t);
    let stripped = folded
        .strip_prefix("任务")
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .filter(|rest| rest.len() < folded.len() - "任务".len())
        .map(|rest| rest.trim_start_matches([':', '：', '、', '.', ' ']))
        .or_else(|| {
            let digits = folded.trim_start_matches(|c: char| c.is_ascii_digit());
            (digits.len() < folded.len())
                .then(|| digits.strip_prefix(['、', '.', ':', ')']))
                .flatten()
        });
    match stripped {
        Some(rest) => trim(rest).to_string(),
        None => t,
    }
}

/// "……", "…", "...": a row of the template left as it came.
pub(super) fn is_placeholder(text: &str) -> bool {
    let t = trim(text);
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '…' | '.' | '。' | '·' | '、' | '-' | '—'))
}

fn number(c: &LCell<'_>, row: &LRow<'_>, warnings: &mut Vec<Warning>) -> Option<Num> {
    match parse_amount(c.text) {
        Amount::Number(x) => Some(Num(x)),
        Amount::Empty => None,
        Amount::Bad => {
            warnings.push(Warning {
                code: WarningCode::BadNumber,
                message: format!("金额无法识别为数字：“{}”", trim(c.text)),
                location: row.loc(c),
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_names_lose_their_numbering() {
        assert_eq!(task_name("任务1：优化营商环境"), "优化营商环境");
        assert_eq!(task_name("任务2:规范市场秩序"), "规范市场秩序");
        assert_eq!(task_name("1、守牢安全底线"), "守牢安全底线");
        assert_eq!(task_name("任务落实"), "任务落实");
        assert_eq!(task_name("2025年重点任务"), "2025年重点任务");
        assert!(is_placeholder("……"));
        assert!(is_placeholder(" … "));
        assert!(!is_placeholder("任务1："));
    }
}
