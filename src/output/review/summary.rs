//! 汇总: one line per department form, the first sheet a clerk opens: the department, its
//! year, its totals in 万元 beside the unit and the totals as the form wrote them, and how
//! many project forms the department filed for that year with their annual total.

use super::ColumnKind::{Amount, Integer, Text};
use super::{Cell, Links, Money, ProjectTotals, Row, Table, col, dept_key};
use crate::model::record::Record;
use std::collections::HashMap;

/// Marks the 文件 cell of a line made for projects whose department form is missing.
const NO_DEPARTMENT_FORM: &str = "（未见部门整体绩效目标表）";

/// Cells after 部门, 预算年度 and the projects' columns, filled at the end.
pub(super) fn row(r: &Record, money: Money, key: (String, String)) -> Row {
    let income = r.funds.income.total.as_ref().and_then(|t| t.amount);
    let spending = r.funds.expenditure.total.as_ref().and_then(|t| t.amount);
    Row::plain(
        key,
        vec![
            Cell::text(r.department.clone()),
            Cell::year(r.budget_year),
            money.wan(income),
            money.wan(spending),
            Money::unit_cell(&r.unit),
            Cell::num(income),
            Cell::num(spending),
            // 项目数 and 项目年度资金 are known only at the end.
            Cell::Empty,
            Cell::Empty,
            Cell::count(r.long_term.indicators.len()),
            Cell::count(r.annual.indicators.len()),
            Cell::count(r.warnings.len()),
            Cell::text(r.source.path.clone()),
            Cell::text(super::display_location(&r.source.part)),
        ],
    )
}

/// The line of a department that filed projects but no department form for the year.
pub(super) fn projects_only_row(t: &ProjectTotals, year: Option<i32>) -> Row {
    let mut cells = vec![Cell::Empty; COLUMNS];
    cells[0] = Cell::text(t.department.clone());
    cells[1] = Cell::year(year);
    cells[12] = Cell::text(NO_DEPARTMENT_FORM);
    // Sorted with the first project's file, so it stands near it.
    Row::plain((t.first_path.clone(), String::new()), cells)
}

const COLUMNS: usize = 14;

pub(super) fn table(
    rows: Vec<Row>,
    projects: &HashMap<(String, Option<i32>), ProjectTotals>,
    links: &Links<'_>,
) -> Table {
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut cells = row.before;
            let key = (
                match &cells[0] {
                    Cell::Text(d) => dept_key(d),
                    _ => String::new(),
                },
                match cells[1] {
                    Cell::Number(y) => Some(y as i32),
                    _ => None,
                },
            );
            if let Some(t) = projects.get(&key) {
                cells[7] = Cell::count(t.count);
                cells[8] = Cell::Number(t.annual_wan);
            } else {
                cells[7] = Cell::count(0);
            }
            if let Cell::Text(p) = &cells[12]
                && p != NO_DEPARTMENT_FORM
            {
                cells[12] = links.file(p);
            }
            cells
        })
        .collect();
    Table {
        name: "汇总",
        columns: vec![
            col("部门", 28.0, Text),
            col("预算年度", 10.0, Integer),
            col("收入合计（万元）", 16.0, Amount),
            col("支出合计（万元）", 16.0, Amount),
            col("单位", 10.0, Text),
            col("收入合计（原表单位）", 18.0, Amount),
            col("支出合计（原表单位）", 18.0, Amount),
            col("项目数", 8.0, Integer),
            col("项目年度资金（万元）", 18.0, Amount),
            col("长期指标数", 11.0, Integer),
            col("年度指标数", 11.0, Integer),
            col("警告数", 8.0, Integer),
            col("文件", 40.0, Text),
            col("表/工作表", 24.0, Text),
        ],
        rows,
    }
}
