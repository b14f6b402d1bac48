//! 绩效指标: every indicator of department and project forms, long-term and annual, one
//! line each, with its value read as RECORD.md reads it (指标值类型 百分比/数值/文字/空, 比较,
//! 数值, 单位) in Chinese, so that a clerk can filter for, say, every 满意度 under 90%.

use super::ColumnKind::{Integer, Text};
use super::{Cell, Row, Table, col, lay_out};
use crate::model::project::Project;
use crate::model::record::{Record, Value, ValueKind};
use std::collections::{BTreeMap, BTreeSet};

const DEPARTMENT: &str = "部门整体";
const PROJECT: &str = "项目";

/// What one indicator line says besides its years.
struct Line<'a> {
    form: &'static str,
    department: &'a str,
    project: Option<&'a str>,
    year: Option<i32>,
    term: &'static str,
    levels: [&'a Option<String>; 3],
    target: &'a Value,
    basis: &'a Option<String>,
    category: &'a Option<String>,
    remark: Option<&'a Option<String>>,
    path: &'a str,
}

fn row(l: Line<'_>, key: &(String, String), history: BTreeMap<String, Cell>) -> Row {
    let mut before = vec![
        Cell::text(l.form),
        Cell::text(l.department),
        l.project.map_or(Cell::Empty, Cell::text),
        Cell::year(l.year),
        Cell::text(l.term),
    ];
    before.extend(l.levels.iter().map(|v| Cell::opt_text(v)));
    before.extend(value_cells(l.target));
    Row {
        key: key.clone(),
        before,
        years: history,
        after: vec![
            Cell::opt_text(l.basis),
            Cell::opt_text(l.category),
            l.remark.map_or(Cell::Empty, Cell::opt_text),
            Cell::text(l.path),
        ],
    }
}

pub(super) fn record_rows(
    r: &Record,
    key: &(String, String),
    out: &mut Vec<Row>,
    all_years: &mut BTreeSet<String>,
) {
    let line = |term, levels, target, basis, category| Line {
        form: DEPARTMENT,
        department: &r.department,
        project: None,
        year: r.budget_year,
        term,
        levels,
        target,
        basis,
        category,
        remark: None,
        path: &r.source.path,
    };
    for i in &r.long_term.indicators {
        let l = line(
            "长期",
            [&i.level1, &i.level2, &i.level3],
            &i.target,
            &i.basis,
            &i.category,
        );
        out.push(row(l, key, BTreeMap::new()));
    }
    for i in &r.annual.indicators {
        let history: BTreeMap<String, Cell> = i
            .history
            .iter()
            .map(|(y, v)| (y.clone(), value_text(v)))
            .collect();
        all_years.extend(history.keys().cloned());
        let l = line(
            "年度",
            [&i.level1, &i.level2, &i.level3],
            &i.target,
            &i.basis,
            &i.category,
        );
        out.push(row(l, key, history));
    }
}

pub(super) fn project_rows(p: &Project, key: &(String, String), out: &mut Vec<Row>) {
    let none = None;
    for (term, list) in [
        ("长期", &p.indicators.long_term),
        ("年度", &p.indicators.annual),
    ] {
        for i in list {
            let l = Line {
                form: PROJECT,
                department: p.department.as_deref().unwrap_or(""),
                project: Some(&p.project),
                year: p.budget_year,
                term,
                levels: [&i.level1, &i.level2, &i.level3],
                target: &i.target,
                basis: &i.basis,
                category: &none,
                remark: Some(&i.remark),
                path: &p.source.path,
            };
            out.push(row(l, key, BTreeMap::new()));
        }
    }
}

pub(super) fn table(rows: Vec<Row>, years: &BTreeSet<String>) -> Table {
    let mut columns = vec![
        col("表种", 9.0, Text),
        col("部门", 28.0, Text),
        col("项目名称", 24.0, Text),
        col("年度", 8.0, Integer),
        col("长期/年度", 9.0, Text),
        col("一级指标", 14.0, Text),
        col("二级指标", 18.0, Text),
        col("三级指标", 30.0, Text),
        col("指标值", 16.0, Text),
        col("指标值类型", 10.0, Text),
        col("比较", 6.0, Text),
        col("数值", 12.0, Text),
        col("单位", 10.0, Text),
    ];
    columns.extend(
        years
            .iter()
            .map(|y| col(format!("{y}年指标值"), 14.0, Text)),
    );
    columns.extend([
        col("依据", 30.0, Text),
        col("分类", 10.0, Text),
        col("备注", 16.0, Text),
        col("文件", 40.0, Text),
    ]);
    Table {
        name: "绩效指标",
        columns,
        rows: lay_out(rows, years),
    }
}

/// 指标值 (as written), its kind, comparison, number and unit, in Chinese.
pub(super) fn value_cells(v: &Value) -> [Cell; 5] {
    let kind = match v.kind {
        ValueKind::Percent => "百分比",
        ValueKind::Number => "数值",
        ValueKind::Text => "文字",
        ValueKind::Empty => "空",
    };
    let op = v.op.as_deref().map(|op| match op {
        ">=" => "≥",
        "<=" => "≤",
        ">" => "＞",
        "<" => "＜",
        other => other,
    });
    [
        value_text(v),
        Cell::text(kind),
        op.map_or(Cell::Empty, Cell::text),
        Cell::num(v.number),
        Cell::opt_text(&v.unit),
    ]
}

fn value_text(v: &Value) -> Cell {
    if v.text.is_empty() {
        Cell::Empty
    } else {
        Cell::text(v.text.clone())
    }
}
