//! The dataset's summary: counts, and the duplicate filings a clerk must decide between.
//! Summed up as forms go by, without keeping them, so that the one JSON document, the
//! dataset builder and the streaming JSON Lines writer all give the same summary.

use std::ops::Range;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::flagged::Flagged;
use crate::model::project::Project;
use crate::model::record::Record;
use crate::model::text::normalize_label_cow;

/// Counts for the summary line and the dataset header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default, JsonSchema)]
pub struct Summary {
    /// Every file seen: each is in records and/or projects, or in flagged.
    pub files_seen: usize,
    /// Department forms read.
    pub records: usize,
    /// Project forms read.
    pub projects: usize,
    /// Files that gave no form (system files included).
    pub flagged: usize,
    /// Department forms with at least one warning.
    pub records_with_warnings: usize,
    /// Project forms with at least one warning.
    pub projects_with_warnings: usize,
    /// Of the flagged files, those an operating system leaves in folders (`system_file`):
    /// nobody need act on them.
    pub system_files: usize,
    /// Departments that filed more than one file for the same budget year (a corrected
    /// second version is common). Every file stays in `records`; someone has to decide
    /// which one counts.
    pub duplicates: Vec<Duplicate>,
    /// Projects filed in more than one file (same 主管部门, project name and year).
    pub duplicate_projects: Vec<DuplicateProject>,
}

/// Several files holding a form of the same department for the same budget year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Duplicate {
    /// The department as written in the first of the files.
    pub department: String,
    /// The budget year they share.
    pub budget_year: Option<i32>,
    /// The files (dataset paths), sorted; at least two.
    pub paths: Vec<String>,
}

/// Several files holding the project form of the same project for the same year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DuplicateProject {
    /// 主管部门 as written in the first of the files (null where none was given).
    pub department: Option<String>,
    /// 项目名称 as written in the first of the files.
    pub project: String,
    /// The budget year they share.
    pub budget_year: Option<i32>,
    /// The files (dataset paths), sorted; at least two.
    pub paths: Vec<String>,
}

/// Gathers (names, budget year) → files as forms go by, so that duplicate filings can be
/// found in streaming mode too without keeping the forms.
///
/// Everything noted lives in one string and one list, not in a string per field and a map
/// node per form: the finder is the one thing a `--jsonl` run keeps for every form, and
/// many small long-lived allocations made between the short-lived ones of reading leave
/// glibc's heap fragmented (PERFORMANCE.md).
#[derive(Debug, Default)]
pub struct DuplicateFinder {
    /// The noted keys, names and paths, end to end.
    text: String,
    /// One per noted form, in the order noted.
    noted: Vec<Noted>,
}

/// One form's fields, as ranges of `DuplicateFinder::text`.
#[derive(Debug)]
struct Noted {
    /// The names without white space, so "财政局" and "财 政 局" meet.
    key: Range<usize>,
    budget_year: Option<i32>,
    /// The names as written (trimmed), joined by '\n'.
    names: Range<usize>,
    path: Range<usize>,
}

impl DuplicateFinder {
    /// Notes one form by its names (department; or department and project), year and
    /// path. A form whose last name is blank cannot be matched and is skipped.
    pub fn add(&mut self, names: &[&str], budget_year: Option<i32>, path: &str) {
        if names
            .last()
            .is_none_or(|n| normalize_label_cow(n).is_empty())
        {
            return;
        }
        let start = self.text.len();
        for n in names {
            self.text.push_str(&normalize_label_cow(n));
            self.text.push('\u{0}');
        }
        let key = start..self.text.len();
        let start = self.text.len();
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                self.text.push('\n');
            }
            self.text.push_str(n.trim());
        }
        let names = start..self.text.len();
        let start = self.text.len();
        self.text.push_str(path);
        let path = start..self.text.len();
        self.noted.push(Noted {
            key,
            budget_year,
            names,
            path,
        });
    }

    /// Every (names, year) seen in two or more different files, ordered by key and year,
    /// each with the names as first noted and its files sorted. Two forms of one workbook
    /// (say one per sheet) are not a duplicate filing.
    pub fn finish(self) -> Vec<(Vec<String>, Option<i32>, Vec<String>)> {
        let text = |r: &Range<usize>| self.text.get(r.clone()).unwrap_or_default();
        let mut order: Vec<&Noted> = self.noted.iter().collect();
        // Stable: within a group the first noted stays first.
        order.sort_by(|a, b| (text(&a.key), a.budget_year).cmp(&(text(&b.key), b.budget_year)));
        order
            .chunk_by(|a, b| text(&a.key) == text(&b.key) && a.budget_year == b.budget_year)
            .filter_map(|group| {
                let first = group.first()?;
                let mut paths: Vec<&str> = group.iter().map(|n| text(&n.path)).collect();
                paths.sort_unstable();
                paths.dedup();
                let names = text(&first.names).split('\n').map(str::to_string).collect();
                (paths.len() > 1).then(|| {
                    let paths = paths.into_iter().map(str::to_string).collect();
                    (names, first.budget_year, paths)
                })
            })
            .collect()
    }
}

/// What the summary needs of one form: its kind, names, year, path and whether it warns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormNote {
    /// A project form (else a department form).
    pub project: bool,
    /// The department (主管部门 for a project).
    pub department: String,
    /// The project name (empty for a department form).
    pub project_name: String,
    /// The budget year.
    pub budget_year: Option<i32>,
    /// The dataset path.
    pub path: String,
    /// Whether the form has warnings.
    pub has_warnings: bool,
}

impl FormNote {
    /// The note of a department record.
    pub fn of_record(r: &Record) -> Self {
        FormNote {
            project: false,
            department: r.department.clone(),
            project_name: String::new(),
            budget_year: r.budget_year,
            path: r.source.path.clone(),
            has_warnings: !r.warnings.is_empty(),
        }
    }

    /// The note of a project record.
    pub fn of_project(p: &Project) -> Self {
        FormNote {
            project: true,
            department: p.department.clone().unwrap_or_default(),
            project_name: p.project.clone(),
            budget_year: p.budget_year,
            path: p.source.path.clone(),
            has_warnings: !p.warnings.is_empty(),
        }
    }
}

/// Sums a dataset up as its forms and flagged files go by, without keeping them.
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    departments: DuplicateFinder,
    projects: DuplicateFinder,
    records: usize,
    records_warned: usize,
    project_count: usize,
    projects_warned: usize,
    flagged: usize,
    system_files: usize,
}

impl SummaryBuilder {
    /// Counts one form. Given in dataset order, the duplicate finder names a department
    /// (or project) as the first of its files wrote it.
    pub fn add_form(&mut self, note: &FormNote) {
        if note.project {
            self.projects.add(
                &[&note.department, &note.project_name],
                note.budget_year,
                &note.path,
            );
            self.project_count += 1;
            self.projects_warned += usize::from(note.has_warnings);
        } else {
            self.departments
                .add(&[&note.department], note.budget_year, &note.path);
            self.records += 1;
            self.records_warned += usize::from(note.has_warnings);
        }
    }

    /// Counts one flagged file.
    pub fn add_flagged(&mut self, f: &Flagged) {
        self.flagged += 1;
        self.system_files += usize::from(f.code == "system_file");
    }

    /// The summary of everything counted, for `files_seen` files.
    pub fn finish(self, files_seen: usize) -> Summary {
        let duplicates = self
            .departments
            .finish()
            .into_iter()
            .map(|(mut names, budget_year, paths)| Duplicate {
                department: names.pop().unwrap_or_default(),
                budget_year,
                paths,
            })
            .collect();
        let duplicate_projects = self
            .projects
            .finish()
            .into_iter()
            .map(|(names, budget_year, paths)| {
                let mut names = names.into_iter();
                let department = names.next().filter(|d| !d.is_empty());
                DuplicateProject {
                    department,
                    project: names.next().unwrap_or_default(),
                    budget_year,
                    paths,
                }
            })
            .collect();
        Summary {
            files_seen,
            records: self.records,
            projects: self.project_count,
            flagged: self.flagged,
            records_with_warnings: self.records_warned,
            projects_with_warnings: self.projects_warned,
            system_files: self.system_files,
            duplicates,
            duplicate_projects,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn department(department: &str, year: Option<i32>, path: &str) -> FormNote {
        FormNote {
            project: false,
            department: department.into(),
            project_name: String::new(),
            budget_year: year,
            path: path.into(),
            has_warnings: false,
        }
    }

    #[test]
    fn duplicate_filings_are_the_same_department_and_year_in_two_files() {
        let mut s = SummaryBuilder::default();
        for (d, y, p) in [
            ("财政局", Some(2024), "b/财政局-更正.docx"),
            ("鄂州市乡村振兴局", Some(2024), "a/乡村振兴局.xlsx"),
            // Two forms of one workbook: one file, not a duplicate filing.
            ("鄂州市乡村振兴局", Some(2024), "a/乡村振兴局.xlsx"),
            (" 财 政 局 ", Some(2024), "a/财政局.docx"),
            // Same department, another year: not the same filing.
            ("财政局", Some(2025), "c/财政局-2025.docx"),
            // No department: cannot be matched.
            ("  ", Some(2024), "d/x.docx"),
            ("", Some(2024), "d/y.docx"),
            ("教育局", None, "e/教育局.doc"),
            ("教育局", None, "e/教育局(1).doc"),
        ] {
            s.add_form(&department(d, y, p));
        }
        let summary = s.finish(9);
        assert_eq!(summary.records, 9);
        assert_eq!(
            summary.duplicates,
            [
                Duplicate {
                    department: "教育局".into(),
                    budget_year: None,
                    paths: vec!["e/教育局(1).doc".into(), "e/教育局.doc".into()],
                },
                Duplicate {
                    // As written in the first record noted, the paths sorted.
                    department: "财政局".into(),
                    budget_year: Some(2024),
                    paths: vec!["a/财政局.docx".into(), "b/财政局-更正.docx".into()],
                },
            ]
        );
    }

    #[test]
    fn duplicate_projects_are_the_same_department_project_and_year() {
        let mut s = SummaryBuilder::default();
        let project = |d: &str, p: &str, y, path: &str| FormNote {
            project: true,
            department: d.into(),
            project_name: p.into(),
            budget_year: y,
            path: path.into(),
            has_warnings: true,
        };
        for note in [
            project(
                "市场监督管理局",
                "计量器具强制检定",
                Some(2025),
                "a/检定.docx",
            ),
            project(
                "市场监督管理局",
                "计量器具 强制检定",
                Some(2025),
                "b/检定(更正).xlsx",
            ),
            // Another department's project of the same name is another project.
            project(
                "卫生健康委员会",
                "计量器具强制检定",
                Some(2025),
                "c/检定.docx",
            ),
            // One workbook with the project on two sheets: one file.
            project("教育局", "校舍维修", Some(2025), "d/项目.xlsx"),
            project("教育局", "校舍维修", Some(2025), "d/项目.xlsx"),
            // No project name: cannot be matched.
            project("教育局", " ", Some(2025), "e/1.docx"),
            project("教育局", "", Some(2025), "e/2.docx"),
        ] {
            s.add_form(&note);
        }
        let summary = s.finish(7);
        assert_eq!((summary.records, summary.projects), (0, 7));
        assert_eq!(summary.projects_with_warnings, 7);
        assert!(summary.duplicates.is_empty());
        assert_eq!(
            summary.duplicate_projects,
            [DuplicateProject {
                department: Some("市场监督管理局".into()),
                project: "计量器具强制检定".into(),
                budget_year: Some(2025),
                paths: vec!["a/检定.docx".into(), "b/检定(更正).xlsx".into()],
            }]
        );
    }
}
