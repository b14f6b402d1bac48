//! The dataset as finance staff read it: flat tables (one row per record, funds line,
//! indicator, problem) with Chinese headers, written as an Excel review workbook
//! (`--review`) or as CSV files (`--csv`). The people who check the filings work in Excel
//! or WPS, not in JSON; these tables are the same data, only flattened.
//!
//! Rows are gathered one record at a time so that JSON Lines mode can build them while
//! streaming; `finish` sorts them into dataset order (path, then part), so both modes give
//! the same tables.

use crate::model::flagged::Flagged;
use crate::model::outcome::Outcome;
use crate::model::record::{Num, Record, Value, ValueKind};
use crate::output::summary::Duplicate;
use std::collections::{BTreeMap, BTreeSet};

/// One cell of a table: numbers stay numbers so that Excel can sum and filter them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (a null in the record).
    Empty,
    /// Text, as written.
    Text(String),
    /// A number (amount, percent, count, year).
    Number(f64),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt_text(s: &Option<String>) -> Cell {
        s.as_deref().map_or(Cell::Empty, Cell::text)
    }

    fn num(n: Option<Num>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Number(n.0))
    }

    fn year(y: Option<i32>) -> Cell {
        y.map_or(Cell::Empty, |y| Cell::Number(f64::from(y)))
    }

    fn count(n: usize) -> Cell {
        Cell::Number(n as f64)
    }
}

/// How a column's numbers are shown in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text or a plain number (General).
    Text,
    /// Money in the form's unit: thousands separators, two to four decimals.
    Amount,
    /// A percentage written as 32.02 (not 0.3202).
    Percent,
    /// A count or a year: no decimals, no separators.
    Integer,
}

/// A column: its header, width (Excel character units) and number display.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header cell.
    pub header: String,
    /// Width in Excel character units (a Chinese character takes about two).
    pub width: f64,
    /// How numbers in it are shown.
    pub kind: ColumnKind,
}

fn col(header: impl Into<String>, width: f64, kind: ColumnKind) -> Column {
    Column {
        header: header.into(),
        width,
        kind,
    }
}

/// A sheet or CSV file: columns and rows of cells (each row as long as the columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name.
    pub name: &'static str,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, in dataset order.
    pub rows: Vec<Vec<Cell>>,
}

/// The four review tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    /// 汇总: one row per record.
    pub summary: Table,
    /// 收支: every funds line.
    pub funds: Table,
    /// 绩效指标: every indicator, long-term and annual.
    pub indicators: Table,
    /// 待核查: every flagged file, every warning, every duplicate filing.
    pub issues: Table,
}

impl Tables {
    /// The tables in sheet order.
    pub fn all(&self) -> [&Table; 4] {
        [&self.summary, &self.funds, &self.indicators, &self.issues]
    }

    /// The tables written as CSV, with their file names.
    pub fn csv_files(&self) -> [(&'static str, &Table); 2] {
        [
            ("funds.csv", &self.funds),
            ("indicators.csv", &self.indicators),
        ]
    }
}

/// A row before the year columns are known: the cells before and after the year columns,
/// and the year columns that this row fills.
#[derive(Debug)]
struct Row {
    key: (String, String),
    before: Vec<Cell>,
    years: BTreeMap<String, Cell>,
    after: Vec<Cell>,
}

/// Gathers review rows record by record.
#[derive(Debug, Default)]
pub struct Review {
    summary: Vec<Row>,
    funds: Vec<Row>,
    indicators: Vec<Row>,
    issues: Vec<Row>,
    funds_years: BTreeSet<String>,
    indicator_years: BTreeSet<String>,
}

const KIND_FLAGGED: &str = "未读取";
const KIND_WARNING: &str = "警告";
const KIND_DUPLICATE: &str = "重复";

impl Review {
    /// An empty review.
    pub fn new() -> Self {
        Review::default()
    }

    /// Adds the rows of one record.
    pub fn add_record(&mut self, r: &Record) {
        let key = (r.source.path.clone(), r.source.part.clone());
        let dept = || Cell::text(r.department.clone());
        let file = || Cell::text(r.source.path.clone());
        self.summary.push(Row {
            key: key.clone(),
            before: vec![
                dept(),
                Cell::year(r.budget_year),
                Cell::num(r.funds.income.total.as_ref().and_then(|t| t.amount)),
                Cell::num(r.funds.expenditure.total.as_ref().and_then(|t| t.amount)),
                Cell::count(r.long_term.indicators.len()),
                Cell::count(r.annual.indicators.len()),
                Cell::count(r.warnings.len()),
                file(),
                Cell::text(r.source.part.clone()),
            ],
            years: BTreeMap::new(),
            after: Vec::new(),
        });

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
                    .map(|(y, v)| (y.clone(), Cell::num(*v)))
                    .collect();
                self.funds_years.extend(years.keys().cloned());
                self.funds.push(Row {
                    key: key.clone(),
                    before: vec![
                        dept(),
                        Cell::year(r.budget_year),
                        Cell::text(side),
                        Cell::text(line.item.clone()),
                        Cell::num(line.amount),
                        Cell::num(line.share_percent),
                    ],
                    years,
                    after: vec![Cell::text(if is_total { "是" } else { "否" }), file()],
                });
            }
        }

        let indicator = |term: &str,
                         levels: [&Option<String>; 3],
                         target: &Value,
                         history: BTreeMap<String, Cell>,
                         basis: &Option<String>,
                         category: &Option<String>| {
            let mut before = vec![dept(), Cell::year(r.budget_year), Cell::text(term)];
            before.extend(levels.iter().map(|l| Cell::opt_text(l)));
            before.extend(value_cells(target));
            Row {
                key: key.clone(),
                before,
                years: history,
                after: vec![Cell::opt_text(basis), Cell::opt_text(category), file()],
            }
        };
        for i in &r.long_term.indicators {
            let row = indicator(
                "长期",
                [&i.level1, &i.level2, &i.level3],
                &i.target,
                BTreeMap::new(),
                &i.basis,
                &i.category,
            );
            self.indicators.push(row);
        }
        for i in &r.annual.indicators {
            let history: BTreeMap<String, Cell> = i
                .history
                .iter()
                .map(|(y, v)| (y.clone(), value_text(v)))
                .collect();
            self.indicator_years.extend(history.keys().cloned());
            let row = indicator(
                "年度",
                [&i.level1, &i.level2, &i.level3],
                &i.target,
                history,
                &i.basis,
                &i.category,
            );
            self.indicators.push(row);
        }

        for w in &r.warnings {
            self.issues.push(issue(
                &r.source.path,
                KIND_WARNING,
                w.code.as_str(),
                &w.message,
                &w.location,
            ));
        }
    }

    /// Adds the rows of one file's outcome.
    pub fn add_outcome(&mut self, o: &Outcome) {
        match o {
            Outcome::Forms(f) => f.records.iter().for_each(|r| self.add_record(r)),
            Outcome::Flagged(f) => self.add_flagged(f),
            Outcome::Archive(members) => members.iter().for_each(|m| self.add_outcome(m)),
        }
    }

    /// Adds a file that gave no record.
    pub fn add_flagged(&mut self, f: &Flagged) {
        self.issues
            .push(issue(&f.path, KIND_FLAGGED, &f.code, &f.message, ""));
    }

    /// Sorts the rows into dataset order, adds the duplicate filings to 待核查 (one row per
    /// file involved, so that filtering by file shows them) and lays out the year columns.
    pub fn finish(mut self, duplicates: &[Duplicate]) -> Tables {
        for d in duplicates {
            let year = d
                .budget_year
                .map_or_else(|| "（年度不明）".to_string(), |y| format!("{y} 年度"));
            let message = format!(
                "“{}” {year}的表格共有 {} 份：{}。各份都已收入数据集，请确认以哪一份为准（通常是较新的更正版）",
                d.department,
                d.paths.len(),
                d.paths.join("、")
            );
            for p in &d.paths {
                self.issues
                    .push(issue(p, KIND_DUPLICATE, "duplicate", &message, ""));
            }
        }
        for rows in [
            &mut self.summary,
            &mut self.funds,
            &mut self.indicators,
            &mut self.issues,
        ] {
            // Stable: rows of one record keep their order.
            rows.sort_by(|a, b| a.key.cmp(&b.key));
        }

        use ColumnKind::{Amount, Integer, Percent, Text};
        let summary = Table {
            name: "汇总",
            columns: vec![
                col("部门", 28.0, Text),
                col("预算年度", 10.0, Integer),
                col("收入合计", 14.0, Amount),
                col("支出合计", 14.0, Amount),
                col("长期指标数", 11.0, Integer),
                col("年度指标数", 11.0, Integer),
                col("警告数", 8.0, Integer),
                col("文件", 40.0, Text),
                col("表/工作表", 24.0, Text),
            ],
            rows: lay_out(self.summary, &BTreeSet::new()),
        };

        let mut columns = vec![
            col("部门", 28.0, Text),
            col("年度", 8.0, Integer),
            col("收入/支出", 10.0, Text),
            col("项目", 24.0, Text),
            col("当年金额", 14.0, Amount),
            col("占比(%)", 10.0, Percent),
        ];
        columns.extend(
            self.funds_years
                .iter()
                .map(|y| col(format!("{y}年金额"), 14.0, Amount)),
        );
        columns.extend([col("是否合计", 9.0, Text), col("文件", 40.0, Text)]);
        let funds = Table {
            name: "收支",
            columns,
            rows: lay_out(self.funds, &self.funds_years),
        };

        let mut columns = vec![
            col("部门", 28.0, Text),
            col("年度", 8.0, Integer),
            col("长期/年度", 9.0, Text),
            col("一级指标", 14.0, Text),
            col("二级指标", 18.0, Text),
            col("三级指标", 30.0, Text),
            col("指标值", 16.0, Text),
            col("kind", 9.0, Text),
            col("op", 5.0, Text),
            col("number", 12.0, Text),
            col("unit", 8.0, Text),
        ];
        columns.extend(
            self.indicator_years
                .iter()
                .map(|y| col(format!("{y}年指标值"), 14.0, Text)),
        );
        columns.extend([
            col("依据", 30.0, Text),
            col("分类", 10.0, Text),
            col("文件", 40.0, Text),
        ]);
        let indicators = Table {
            name: "绩效指标",
            columns,
            rows: lay_out(self.indicators, &self.indicator_years),
        };

        let issues = Table {
            name: "待核查",
            columns: vec![
                col("文件", 40.0, Text),
                col("类型", 8.0, Text),
                col("代码", 18.0, Text),
                col("说明", 70.0, Text),
                col("位置", 28.0, Text),
            ],
            rows: lay_out(self.issues, &BTreeSet::new()),
        };

        Tables {
            summary,
            funds,
            indicators,
            issues,
        }
    }
}

fn issue(path: &str, kind: &str, code: &str, message: &str, location: &str) -> Row {
    Row {
        key: (path.to_string(), String::new()),
        before: vec![
            Cell::text(path),
            Cell::text(kind),
            Cell::text(code),
            Cell::text(message),
            Cell::text(location),
        ],
        years: BTreeMap::new(),
        after: Vec::new(),
    }
}

/// 指标值 (as written), kind, op, number, unit.
fn value_cells(v: &Value) -> [Cell; 5] {
    let kind = match v.kind {
        ValueKind::Percent => "percent",
        ValueKind::Number => "number",
        ValueKind::Text => "text",
        ValueKind::Empty => "empty",
    };
    [
        value_text(v),
        Cell::text(kind),
        Cell::opt_text(&v.op),
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

fn lay_out(rows: Vec<Row>, years: &BTreeSet<String>) -> Vec<Vec<Cell>> {
    rows.into_iter()
        .map(|mut row| {
            let mut cells = row.before;
            cells.extend(
                years
                    .iter()
                    .map(|y| row.years.remove(y).unwrap_or(Cell::Empty)),
            );
            cells.extend(row.after);
            cells
        })
        .collect()
}

mod csv;
mod xlsx;

pub use csv::write_csv;
pub use xlsx::to_xlsx;

#[cfg(test)]
mod tests {
    use super::csv::{csv_number, csv_text};
    use super::xlsx::{XLSX_MAX_TEXT, clip_utf16};
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        assert_eq!(csv_text("履职\n效能"), "\"履职\n效能\"");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("说“好”\"x\""), "\"说“好”\"\"x\"\"\"");
        assert_eq!(csv_text("≥95%"), "≥95%");
        assert_eq!(csv_text("=1+1"), "'=1+1");
        assert_eq!(csv_text("-5"), "-5");
        assert_eq!(csv_text("-"), "'-");
        assert_eq!(csv_text("-8%"), "-8%");
        assert_eq!(csv_text("+1.5%"), "+1.5%");
        assert_eq!(csv_text("-%"), "'-%");
        assert_eq!(csv_text("-1+1"), "'-1+1");
        assert_eq!(csv_text("-inf"), "'-inf");
        assert_eq!(csv_text("-0.5个百分点"), "-0.5个百分点");
        assert_eq!(csv_text("-2天"), "-2天");
        assert_eq!(csv_text("-2+cmd|' /C calc'!A0"), "'-2+cmd|' /C calc'!A0");
        assert_eq!(csv_text("+A1"), "'+A1");
        assert_eq!(csv_number(100.0), "100");
        assert_eq!(csv_number(32.02), "32.02");
    }

    #[test]
    fn long_text_is_clipped_on_a_character_boundary() {
        let s = "预算".repeat(20_000);
        let c = clip_utf16(&s, XLSX_MAX_TEXT);
        assert_eq!(c.chars().count(), XLSX_MAX_TEXT);
        assert_eq!(clip_utf16("𠀀𠀀", 3), "𠀀");
        assert_eq!(clip_utf16("abc", 10), "abc");
    }

    #[test]
    fn duplicates_and_flagged_files_are_listed_per_file() {
        let mut rv = Review::new();
        rv.add_flagged(&Flagged {
            path: "b.doc".into(),
            format: "doc".into(),
            code: "encrypted".into(),
            message: "文件已加密".into(),
            detail: None,
        });
        let t = rv.finish(&[Duplicate {
            department: "财政局".into(),
            budget_year: Some(2024),
            paths: vec!["a.docx".into(), "c.xlsx".into()],
        }]);
        let files: Vec<&Cell> = t.issues.rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            files,
            [
                &Cell::text("a.docx"),
                &Cell::text("b.doc"),
                &Cell::text("c.xlsx")
            ]
        );
        assert_eq!(t.issues.rows[0][1], Cell::text(KIND_DUPLICATE));
        assert_eq!(t.issues.rows[1][1], Cell::text(KIND_FLAGGED));
        let Cell::Text(msg) = &t.issues.rows[0][3] else {
            panic!("message is text")
        };
        assert!(msg.contains("2024") && msg.contains("c.xlsx"), "{msg}");
        assert!(t.summary.rows.is_empty());
        assert!(
            to_xlsx(&t).is_ok(),
            "an empty review still makes a workbook"
        );
    }
}
