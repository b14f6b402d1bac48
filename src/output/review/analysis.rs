//! 分析: the inbox at a glance, for the person who reports on it: totals in 万元 by folder
//! (inboxes are filed by year and district, 2024/华容区/…), by department and year, by
//! year, and how many findings of each code; the workbook draws a chart of each. Amounts
//! are in 万元 whatever unit the forms used; every filed copy counts (duplicate filings are
//! listed in 待核查, not removed here).

use super::ColumnKind::{Amount, Integer, Text};
use super::{Cell, Money, Table, col};
use crate::model::project::Project;
use crate::model::record::Record;
use std::collections::BTreeMap;

/// The tables of 分析, laid out one under another.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Per folder: forms, files not read, totals in 万元.
    pub folders: Table,
    /// Per department and year: totals in 万元 and projects.
    pub departments: Table,
    /// Per year: totals in 万元.
    pub years: Table,
    /// Per finding kind and code: how many.
    pub codes: Table,
}

impl Analysis {
    /// The tables in the order they stand on the sheet.
    pub fn tables(&self) -> [&Table; 4] {
        [&self.folders, &self.years, &self.codes, &self.departments]
    }
}

#[derive(Debug, Default)]
struct Totals {
    department_forms: usize,
    projects: usize,
    flagged: usize,
    income: f64,
    spending: f64,
    project_annual: f64,
}

#[derive(Debug, Default)]
pub(super) struct Gather {
    folders: BTreeMap<String, Totals>,
    departments: BTreeMap<(String, Option<i32>), (String, Totals)>,
    years: BTreeMap<Option<i32>, Totals>,
    codes: BTreeMap<(&'static str, String), usize>,
}

/// The folder of a dataset path: "2024/华容区" for "2024/华容区/财政局.docx".
fn folder(path: &str) -> String {
    path.rsplit_once('/')
        .map_or_else(|| "（根目录）".to_string(), |(dir, _)| dir.to_string())
}

impl Gather {
    pub(super) fn record(&mut self, r: &Record, money: Money, dept: String) {
        let income = money
            .wan_f64(r.funds.income.total.as_ref().and_then(|t| t.amount))
            .unwrap_or(0.0);
        let spending = money
            .wan_f64(r.funds.expenditure.total.as_ref().and_then(|t| t.amount))
            .unwrap_or(0.0);
        let add = |t: &mut Totals| {
            t.department_forms += 1;
            t.income += income;
            t.spending += spending;
        };
        add(self.folders.entry(folder(&r.source.path)).or_default());
        add(self.years.entry(r.budget_year).or_default());
        add(&mut self
            .departments
            .entry((dept, r.budget_year))
            .or_insert_with(|| (r.department.trim().to_string(), Totals::default()))
            .1);
    }

    pub(super) fn project(&mut self, p: &Project, annual: Option<f64>, dept: String) {
        let annual = annual.unwrap_or(0.0);
        let add = |t: &mut Totals| {
            t.projects += 1;
            t.project_annual += annual;
        };
        add(self.folders.entry(folder(&p.source.path)).or_default());
        add(self.years.entry(p.budget_year).or_default());
        let name = p.department.as_deref().unwrap_or("").trim().to_string();
        add(&mut self
            .departments
            .entry((dept, p.budget_year))
            .or_insert_with(|| (name, Totals::default()))
            .1);
    }

    pub(super) fn folder_of(&mut self, path: &str) {
        self.folders.entry(folder(path)).or_default().flagged += 1;
    }

    pub(super) fn code(&mut self, kind: &'static str, code: &str) {
        *self.codes.entry((kind, code.to_string())).or_default() += 1;
    }

    pub(super) fn finish(self) -> Analysis {
        let totals_row = |t: &Totals| {
            vec![
                Cell::count(t.department_forms),
                Cell::count(t.projects),
                Cell::Number(round(t.income)),
                Cell::Number(round(t.spending)),
                Cell::Number(round(t.project_annual)),
            ]
        };
        let totals_columns = || {
            vec![
                col("部门整体表数", 12.0, Integer),
                col("项目表数", 10.0, Integer),
                col("收入合计（万元）", 16.0, Amount),
                col("支出合计（万元）", 16.0, Amount),
                col("项目年度资金（万元）", 18.0, Amount),
            ]
        };
        let mut columns = vec![col("文件夹", 30.0, Text)];
        columns.extend(totals_columns());
        columns.push(col("未读取文件数", 12.0, Integer));
        let folders = Table {
            name: "按文件夹",
            columns,
            rows: self
                .folders
                .iter()
                .map(|(f, t)| {
                    let mut row = vec![Cell::text(f.clone())];
                    row.extend(totals_row(t));
                    row.push(Cell::count(t.flagged));
                    row
                })
                .collect(),
        };
        let mut columns = vec![col("年度", 30.0, Text)];
        columns.extend(totals_columns());
        let years = Table {
            name: "按年度",
            columns,
            rows: self
                .years
                .iter()
                .map(|(y, t)| {
                    let mut row =
                        vec![y.map_or_else(
                            || Cell::text("年度不明"),
                            |y| Cell::text(format!("{y}年")),
                        )];
                    row.extend(totals_row(t));
                    row
                })
                .collect(),
        };
        let mut columns = vec![col("部门", 30.0, Text), col("年度", 12.0, Integer)];
        columns.extend(totals_columns());
        let departments = Table {
            name: "按部门和年度",
            columns,
            rows: self
                .departments
                .values()
                .zip(self.departments.keys())
                .map(|((name, t), (_, y))| {
                    let mut row = vec![Cell::text(name.clone()), Cell::year(*y)];
                    row.extend(totals_row(t));
                    row
                })
                .collect(),
        };
        let codes = Table {
            name: "按问题代码",
            columns: vec![
                col("代码", 30.0, Text),
                col("类型", 12.0, Text),
                col("条数", 12.0, Integer),
            ],
            rows: self
                .codes
                .iter()
                .map(|((kind, code), n)| {
                    vec![Cell::text(code.clone()), Cell::text(*kind), Cell::count(*n)]
                })
                .collect(),
        };
        Analysis {
            folders,
            departments,
            years,
            codes,
        }
    }
}

/// Sums of many amounts drift in the last digits; to the sixth decimal of a 万元 is a cent.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
