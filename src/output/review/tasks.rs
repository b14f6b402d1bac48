//! 主要任务: the 年度主要任务 rows of national-template department forms and their 金额合计
//! row, the amounts in 万元 beside the unit and the total as the form wrote it.

use super::ColumnKind::{Amount, Integer, Text};
use super::{Cell, Money, Row, Table, col};
use crate::model::record::{Record, TaskAmount};

pub(super) fn rows(r: &Record, money: Money, key: &(String, String), out: &mut Vec<Row>) {
    let tasks = r
        .main_tasks
        .iter()
        .map(|t| (t.name.as_str(), t.content.as_ref(), &t.amount, false))
        .chain(
            r.main_tasks_total
                .iter()
                .map(|a| ("金额合计", None, a, true)),
        );
    for (name, content, amount, is_total) in tasks {
        let TaskAmount {
            total,
            fiscal,
            other,
        } = amount;
        out.push(Row::plain(
            key.clone(),
            vec![
                Cell::text(r.department.clone()),
                Cell::year(r.budget_year),
                Cell::text(name),
                content.map_or(Cell::Empty, |c| Cell::text(c.clone())),
                money.wan(*total),
                money.wan(*fiscal),
                money.wan(*other),
                Money::unit_cell(&r.unit),
                Cell::num(*total),
                Cell::text(if is_total { "是" } else { "否" }),
                Cell::text(r.source.path.clone()),
            ],
        ));
    }
}

pub(super) fn table(rows: Vec<Row>) -> Table {
    Table {
        name: "主要任务",
        columns: vec![
            col("部门", 28.0, Text),
            col("年度", 8.0, Integer),
            col("任务名称", 24.0, Text),
            col("主要内容", 40.0, Text),
            col("总额（万元）", 14.0, Amount),
            col("财政拨款（万元）", 16.0, Amount),
            col("其他资金（万元）", 16.0, Amount),
            col("单位", 10.0, Text),
            col("总额（原表单位）", 16.0, Amount),
            col("是否合计", 9.0, Text),
            col("文件", 40.0, Text),
        ],
        rows: rows.into_iter().map(|r| r.before).collect(),
    }
}
