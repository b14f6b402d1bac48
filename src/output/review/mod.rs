//! The dataset as finance staff read it: flat tables (one row per record, project, funds
//! line, main task, indicator, problem, file to send back) with Chinese headers, written as
//! an Excel review workbook (`--review`) or as CSV files (`--csv`). The people who check
//! the filings work in Excel or WPS, not in JSON; these tables are the same data, only
//! flattened, with every amount also in 万元 so that forms in 元 and in 万元 can be summed.
//!
//! Rows are gathered one form at a time so that JSON Lines mode can build them while
//! streaming; `finish` sorts them into dataset order (path, then part), so both modes give
//! the same tables. Everything kept per file or per department is a map entry, so building
//! the workbook stays linear in the number of forms.
//!
//! One file per sheet: [`summary`] (汇总), [`projects`] (项目), [`funds`] (收支),
//! [`tasks`] (主要任务), [`indicators`] (绩效指标), [`issues`] (待核查), [`returns`]
//! (退回清单), [`analysis`] (分析); [`xlsx`] writes the workbook and [`csv`] the CSV files.

mod analysis;
mod csv;
mod funds;
mod indicators;
mod issues;
mod projects;
mod returns;
mod summary;
mod tasks;
mod xlsx;

pub use analysis::Analysis;
pub use csv::write_csv;
pub use xlsx::to_xlsx;

use crate::model::flagged::Flagged;
use crate::model::outcome::Outcome;
use crate::model::project::Project;
use crate::model::record::{Num, Record};
use crate::model::unit::{factor_to_wanyuan, to_wanyuan};
use crate::output::summary::{Duplicate, DuplicateProject};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One cell of a table: numbers stay numbers so that Excel can sum and filter them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (a null in the record).
    Empty,
    /// Text, as written.
    Text(String),
    /// A number (amount, percent, count, year).
    Number(f64),
    /// Text that links to a file (the workbook writes a hyperlink; CSV the text).
    Link {
        /// What the cell shows.
        text: String,
        /// Where it points: a path relative to the workbook's folder, or a file:/// URL.
        url: String,
    },
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

    /// The text the cell shows (a number in its shortest form).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Link { text: s, .. } => s.clone(),
            Cell::Number(x) => csv::csv_number(*x),
        }
    }
}

/// How a column's numbers are shown in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text or a plain number (General).
    Text,
    /// Money: thousands separators, two to four decimals.
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

/// The review tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    /// 汇总: one row per department record (and per department with projects but no
    /// department form).
    pub summary: Table,
    /// 项目: one row per project form.
    pub projects: Table,
    /// 收支: every funds line.
    pub funds: Table,
    /// 主要任务: every main task and 金额合计 row.
    pub main_tasks: Table,
    /// 绩效指标: every indicator of records and projects, long-term and annual.
    pub indicators: Table,
    /// 待核查: every flagged file, every warning, every duplicate filing.
    pub issues: Table,
    /// 退回清单: one row per file to send back, with what to fix.
    pub returns: Table,
    /// 分析: totals in 万元 by folder, department and year; counts by code.
    pub analysis: Analysis,
}

impl Tables {
    /// The tables in sheet order (分析, laid out apart, comes after them).
    pub fn all(&self) -> [&Table; 7] {
        [
            &self.summary,
            &self.projects,
            &self.funds,
            &self.main_tasks,
            &self.indicators,
            &self.issues,
            &self.returns,
        ]
    }

    /// The tables written as CSV, with their file names.
    pub fn csv_files(&self) -> [(&'static str, &Table); 4] {
        [
            ("funds.csv", &self.funds),
            ("indicators.csv", &self.indicators),
            ("projects.csv", &self.projects),
            ("main_tasks.csv", &self.main_tasks),
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

impl Row {
    fn plain(key: (String, String), cells: Vec<Cell>) -> Row {
        Row {
            key,
            before: cells,
            years: BTreeMap::new(),
            after: Vec::new(),
        }
    }
}

/// A form's amounts as the review shows them: the unit as the form wrote it and the factor
/// that turns them into 万元.
#[derive(Debug, Clone, Copy)]
struct Money {
    /// `None` where the unit is no currency unit perfsheet knows: no 万元 figure then.
    factor: Option<f64>,
}

/// What the 单位 column says of a form that names no unit.
const NO_UNIT: &str = "（未写，按万元）";

impl Money {
    fn of(unit: &Option<String>) -> Money {
        Money {
            factor: factor_to_wanyuan(unit.as_deref()),
        }
    }

    /// The 单位 cell: the unit as written, or that none was.
    fn unit_cell(unit: &Option<String>) -> Cell {
        match unit.as_deref().map(str::trim) {
            Some(u) if !u.is_empty() => Cell::text(u),
            _ => Cell::text(NO_UNIT),
        }
    }

    fn wan_f64(self, n: Option<Num>) -> Option<f64> {
        Some(to_wanyuan(n?.0, self.factor?))
    }

    /// An amount in 万元.
    fn wan(self, n: Option<Num>) -> Cell {
        self.wan_f64(n).map_or(Cell::Empty, Cell::Number)
    }
}

/// Who to call about a file: the department and the person who filled its first form.
#[derive(Debug, Clone, Default)]
struct Contact {
    department: String,
    person: Option<String>,
    phone: Option<String>,
}

/// What the review knows of a file on disk, for the links and the duplicate rows.
#[derive(Debug, Clone, Default)]
struct FileInfo {
    link: Option<String>,
    bytes: Option<u64>,
    modified: Option<String>,
    sha256: Option<String>,
}

/// What one project adds to its department's line of 汇总 and to 分析.
#[derive(Debug, Clone, Default)]
struct ProjectTotals {
    department: String,
    count: usize,
    annual_wan: f64,
    first_path: String,
}

/// Gathers review rows form by form.
#[derive(Debug, Default)]
pub struct Review {
    summary: Vec<Row>,
    projects: Vec<Row>,
    funds: Vec<Row>,
    main_tasks: Vec<Row>,
    indicators: Vec<Row>,
    issues: Vec<Row>,
    funds_years: BTreeSet<String>,
    indicator_years: BTreeSet<String>,
    /// Per dataset path: who to call.
    contacts: HashMap<String, Contact>,
    /// Per dataset path: where the file is, its size and time.
    files: HashMap<String, FileInfo>,
    /// The workbook's folder, for links relative to it.
    link_base: Option<PathBuf>,
    /// Per (department key, year): the projects filed.
    project_totals: HashMap<(String, Option<i32>), ProjectTotals>,
    /// Per (department key, year): that a department form was filed.
    departments_filed: BTreeSet<(String, Option<i32>)>,
    analysis: analysis::Gather,
    returns: returns::Gather,
}

const KIND_FLAGGED: &str = "未读取";
const KIND_WARNING: &str = "警告";
const KIND_DUPLICATE: &str = "重复";

impl Review {
    /// An empty review.
    pub fn new() -> Self {
        Review::default()
    }

    /// A review whose file cells link to the files, relative to `dir` (the folder the
    /// workbook is written into) where possible.
    pub fn with_links(dir: impl Into<PathBuf>) -> Self {
        Review {
            link_base: Some(dir.into()),
            ..Review::default()
        }
    }

    /// Notes where the file behind dataset path `path` is on disk (`disk`), for its link,
    /// size and modified time. A member of an archive (`member`) links to the archive and
    /// has the archive's time, but its own size (from its forms, where it has any).
    pub fn add_file(&mut self, path: &str, disk: &Path, member: bool) {
        let meta = std::fs::metadata(disk).ok();
        let link = self.link_base.as_deref().and_then(|b| file_link(disk, b));
        let info = self.files.entry(path.to_string()).or_default();
        info.link = link;
        if let Some(m) = meta {
            if !member {
                info.bytes = Some(m.len());
            }
            info.modified = m.modified().ok().and_then(beijing_time);
        }
    }

    /// Adds the rows of one input's outcome (`rel` its dataset path, `disk` where it is),
    /// noting each file's place, size and time.
    pub fn add_input(&mut self, rel: &str, disk: &Path, o: &Outcome) {
        for leaf in o.leaves() {
            let path = match leaf {
                Outcome::Forms(f) => f
                    .records
                    .first()
                    .map(|r| &r.source.path)
                    .or_else(|| f.projects.first().map(|p| &p.source.path)),
                Outcome::Flagged(f) => Some(&f.path),
                Outcome::Archive(_) => None,
            };
            let path = path.map_or(rel, String::as_str);
            self.add_file(path, disk, path != rel);
        }
        self.add_outcome(o);
    }

    /// Adds the rows of one file's outcome.
    pub fn add_outcome(&mut self, o: &Outcome) {
        match o {
            Outcome::Forms(f) => {
                f.records.iter().for_each(|r| self.add_record(r));
                f.projects.iter().for_each(|p| self.add_project(p));
            }
            Outcome::Flagged(f) => self.add_flagged(f),
            Outcome::Archive(members) => members.iter().for_each(|m| self.add_outcome(m)),
        }
    }

    /// Adds the rows of one department record.
    pub fn add_record(&mut self, r: &Record) {
        let key = (r.source.path.clone(), r.source.part.clone());
        let money = Money::of(&r.unit);
        self.summary.push(summary::row(r, money, key.clone()));
        funds::rows(r, money, &key, &mut self.funds, &mut self.funds_years);
        tasks::rows(r, money, &key, &mut self.main_tasks);
        indicators::record_rows(r, &key, &mut self.indicators, &mut self.indicator_years);
        let contact = Contact {
            department: r.department.clone(),
            person: r.preparer.clone(),
            phone: r.phone.clone(),
        };
        for w in &r.warnings {
            self.issues.push(issues::row(
                &r.source.path,
                KIND_WARNING,
                w.code.as_str(),
                &w.message,
                &w.location,
                Some(&contact),
            ));
            self.returns.warning(&r.source.path, w);
            self.analysis.code(KIND_WARNING, w.code.as_str());
        }
        self.contacts
            .entry(r.source.path.clone())
            .or_insert(contact);
        self.note_source(&r.source);
        let dept = dept_key(&r.department);
        self.departments_filed.insert((dept.clone(), r.budget_year));
        self.analysis.record(r, money, dept);
    }

    /// Adds the rows of one project form.
    pub fn add_project(&mut self, p: &Project) {
        let key = (p.source.path.clone(), p.source.part.clone());
        let money = Money::of(&p.unit);
        self.projects.push(projects::row(p, money, key.clone()));
        indicators::project_rows(p, &key, &mut self.indicators);
        let department = p.department.clone().unwrap_or_default();
        let contact = Contact {
            department: department.clone(),
            person: p.leader.clone(),
            phone: p.phone.clone(),
        };
        for w in &p.warnings {
            self.issues.push(issues::row(
                &p.source.path,
                KIND_WARNING,
                w.code.as_str(),
                &w.message,
                &w.location,
                Some(&contact),
            ));
            self.returns.warning(&p.source.path, w);
            self.analysis.code(KIND_WARNING, w.code.as_str());
        }
        self.contacts
            .entry(p.source.path.clone())
            .or_insert(contact);
        self.note_source(&p.source);
        let annual = money.wan_f64(p.funds.annual.as_ref().and_then(|a| a.total));
        let dept = dept_key(&department);
        let t = self
            .project_totals
            .entry((dept.clone(), p.budget_year))
            .or_insert_with(|| ProjectTotals {
                department: department.trim().to_string(),
                first_path: p.source.path.clone(),
                ..ProjectTotals::default()
            });
        t.count += 1;
        t.annual_wan += annual.unwrap_or(0.0);
        self.analysis.project(p, annual, dept);
    }

    /// Adds a file that gave no form.
    pub fn add_flagged(&mut self, f: &Flagged) {
        self.issues.push(issues::row(
            &f.path,
            KIND_FLAGGED,
            &f.code,
            &f.message,
            "",
            None,
        ));
        self.returns.flagged(f);
        self.analysis.code(KIND_FLAGGED, &f.code);
        self.analysis.folder_of(&f.path);
    }

    fn note_source(&mut self, source: &crate::model::record::Source) {
        let info = self.files.entry(source.path.clone()).or_default();
        if let Some(sha) = &source.sha256 {
            info.sha256.get_or_insert_with(|| sha.clone());
        }
        if info.bytes.is_none() {
            info.bytes = source.bytes;
        }
    }

    /// Sorts the rows into dataset order, adds the duplicate filings to 待核查 (one row per
    /// file involved, so that filtering by file shows them), lays out the year columns and
    /// builds 退回清单 and 分析.
    pub fn finish(self, duplicates: &[Duplicate]) -> Tables {
        self.finish_all(duplicates, &[])
    }

    /// As [`Review::finish`], with the duplicate filings of projects too.
    pub fn finish_all(
        mut self,
        duplicates: &[Duplicate],
        duplicate_projects: &[DuplicateProject],
    ) -> Tables {
        let groups = duplicates
            .iter()
            .map(|d| {
                let year = year_words(d.budget_year);
                (
                    format!("“{}” {year}的部门整体绩效目标表", d.department),
                    &d.paths,
                )
            })
            .chain(duplicate_projects.iter().map(|d| {
                let year = year_words(d.budget_year);
                let dept = d.department.as_deref().unwrap_or("主管部门不明");
                (
                    format!("“{dept}”项目“{}” {year}的项目支出绩效目标表", d.project),
                    &d.paths,
                )
            }));
        for (what, paths) in groups {
            let message = issues::duplicate_message(&what, paths, &self.files);
            let identical = issues::identical_to(paths, &self.files);
            // Copies byte for byte need no answer from the department; versions do.
            let versions = paths.len() - identical.len();
            for p in paths.iter() {
                let copy = identical.contains_key(p.as_str());
                self.issues.push(issues::row(
                    p,
                    KIND_DUPLICATE,
                    "duplicate",
                    &message,
                    "",
                    None,
                ));
                self.analysis.code(KIND_DUPLICATE, "duplicate");
                if versions > 1 && !copy {
                    self.returns.duplicate(p, &what, paths);
                }
            }
        }
        // Departments with projects but no department form of that year get a line of
        // their own in 汇总: the missing form is itself something to ask for.
        for ((dept, year), t) in &self.project_totals {
            if !self.departments_filed.contains(&(dept.clone(), *year)) {
                self.summary.push(summary::projects_only_row(t, *year));
            }
        }
        for rows in [
            &mut self.summary,
            &mut self.projects,
            &mut self.funds,
            &mut self.main_tasks,
            &mut self.indicators,
            &mut self.issues,
        ] {
            // Stable: rows of one form keep their order.
            rows.sort_by(|a, b| a.key.cmp(&b.key));
        }
        let links = Links {
            files: &self.files,
            contacts: &self.contacts,
        };
        let summary = summary::table(self.summary, &self.project_totals, &links);
        let projects = projects::table(self.projects, &links);
        let funds = funds::table(self.funds, &self.funds_years);
        let main_tasks = tasks::table(self.main_tasks);
        let indicators = indicators::table(self.indicators, &self.indicator_years);
        let issues = issues::table(self.issues, &links);
        let returns = self.returns.table(&links);
        let analysis = self.analysis.finish();
        Tables {
            summary,
            projects,
            funds,
            main_tasks,
            indicators,
            issues,
            returns,
            analysis,
        }
    }
}

/// What the tables look up per file at the end: links, sizes, times, contacts.
struct Links<'a> {
    files: &'a HashMap<String, FileInfo>,
    contacts: &'a HashMap<String, Contact>,
}

impl Links<'_> {
    /// The file cell: its path, a link where the file's place is known.
    fn file(&self, path: &str) -> Cell {
        match self.files.get(path).and_then(|f| f.link.clone()) {
            Some(url) => Cell::Link {
                text: path.to_string(),
                url,
            },
            None => Cell::text(path),
        }
    }

    fn contact(&self, path: &str) -> Option<&Contact> {
        self.contacts.get(path)
    }

    fn info(&self, path: &str) -> Option<&FileInfo> {
        self.files.get(path)
    }
}

/// A department's name as matched between department and project forms: without white
/// space, full-width folded.
fn dept_key(name: &str) -> String {
    crate::model::text::normalize_label_cow(name).into_owned()
}

fn year_words(y: Option<i32>) -> String {
    y.map_or_else(|| "（年度不明）".to_string(), |y| format!("{y} 年度"))
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

/// A location as a person reads it: Word's "table 1 row 8 col 5" as 表1 第8行第5列, a part
/// "table 1" as 表1 and "sheet 绩效目标表" as 工作表 绩效目标表; Excel's 绩效目标表!E10 as it is.
pub fn display_location(loc: &str) -> String {
    if let Some(rest) = loc.strip_prefix("table ") {
        let mut parts = rest.split(' ');
        match (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) {
            (Some(t), None, ..) if is_digits(t) => return format!("表{t}"),
            (Some(t), Some("row"), Some(r), Some("col"), Some(c))
                if is_digits(t) && is_digits(r) && is_digits(c) && parts.next().is_none() =>
            {
                return format!("表{t} 第{r}行第{c}列");
            }
            _ => {}
        }
    }
    if let Some(name) = loc.strip_prefix("sheet ") {
        return format!("工作表 {name}");
    }
    loc.to_string()
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A link to `file` from a workbook in `base`: a relative path where both are under one
/// root, else an absolute file:/// URL. `None` where Excel could not follow it (a '#' in
/// the path, an over-long path).
fn file_link(file: &Path, base: &Path) -> Option<String> {
    let file = std::path::absolute(file).ok()?;
    let base = std::path::absolute(base).ok()?;
    let file = normalise_dots(&file);
    let base = normalise_dots(&base);
    let f: Vec<_> = file.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = f.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let link = if common == 0 {
        format!("file:///{}", file.to_string_lossy().trim_start_matches('/'))
    } else {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(std::iter::repeat_n("..".to_string(), b.len() - common));
        parts.extend(
            f[common..]
                .iter()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        );
        if parts.is_empty() {
            return None;
        }
        format!("file:///{}", parts.join("/"))
    };
    // Excel's limit on a link is about 2080 characters; '#' would start an anchor.
    (link.chars().count() < 2000 && !link.contains('#')).then_some(link)
}

/// `a/./b/../c` as `a/c`, without touching the disk (the file may be a link elsewhere).
fn normalise_dots(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A file's modified time as Beijing time (UTC+8, the time zone of every filing),
/// "2024-05-01 14:30".
fn beijing_time(t: SystemTime) -> Option<String> {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs() as i64 + 8 * 3600;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    Some(format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    ))
}

/// The proleptic Gregorian date of a day number (days since 1970-01-01).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests;
