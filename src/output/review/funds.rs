//! 收支: every line of a department form's funds table (收入构成, 支出构成, their 合计), the
//! amounts in 万元 and, beside the unit, the current-year amount as the form wrote it.

use super::ColumnKind::{Amount, Percent, Text};
use super::{Cell, Money, Row, Table, col, lay_out};
use crate::model::record::Record;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn rows(
    r: &Record,
    money: Money,
    key: &(String, String),
    out: &mut Vec<Row>,
    all_years: &mut BTreeSet<String>,
) {
    for (side, block) in [("收入", &r.funds.income), ("支出", &r.funds.expenditure)] {
        let lines = block
            .items
            .iter()
            .map(|l| (l, false))
            .chain(block.total.iter().map(|l| (l, true)));
        for (line, is_total) in lines {
            let years: BTreeMap<String, Cell> = line
                .history
                .iter()
                .map(|(y, v)| (y.clone(), money.wan(*v)))
                .collect();
            all_years.extend(years.keys().cloned());
            out.push(Row {
                key: key.clone(),
                before: vec![
                    Cell::text(r.department.clone()),
                    Cell::year(r.budget_year),
                    Cell::text(side),
                    Cell::text(line.item.clone()),
                    money.wan(line.amount),
                    Cell::num(line.share_percent),
                ],
                years,
                after: vec![
                    Money::unit_cell(&r.unit),
                    Cell::num(line.amount),
                    Cell::text(if is_total { "是" } else { "否" }),
                    Cell::text(r.source.path.clone()),
                ],
            });
        }
    }
}

pub(super) fn table(rows: Vec<Row>, years: &BTreeSet<String>) -> Table {
    let mut columns = vec![
        col("部门", 28.0, Text),
        col("年度", 8.0, super::ColumnKind::Integer),
        col("收入/支出", 10.0, Text),
        col("项目", 24.0, Text),
        col("当年金额（万元）", 16.0, Amount),
        col("占比(%)", 10.0, Percent),
    ];
    columns.extend(
        years
            .iter()
            .map(|y| col(format!("{y}年金额（万元）"), 16.0, Amount)),
    );
    columns.extend([
        col("单位", 10.0, Text),
        col("当年金额（原表单位）", 18.0, Amount),
        col("是否合计", 9.0, Text),
        col("文件", 40.0, Text),
    ]);
    Table {
        name: "收支",
        columns,
        rows: lay_out(rows, years),
    }
}
