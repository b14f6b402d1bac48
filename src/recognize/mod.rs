//! The form recogniser: finds a 部门整体绩效目标表 in the grids a reader produced, section by
//! section, by the labels the sections carry (normalised: no white space, half-width),
//! never by row numbers. It knows forms, not file formats.

mod columns;
mod funds;
mod header;
mod indicators;
mod labels;
mod lists;
mod rows;
mod sections;

pub use funds::{BlockLocs, FundsLocs};
pub use labels::Section as SectionKind;

use crate::model::grid::Document;
use crate::model::record::{
    Annual, FormType, Funds, LongTerm, Record, SCHEMA_VERSION, Source, Warning, WarningCode,
};

/// The name the department template's records carry in `template`.
pub const DEPARTMENT_TEMPLATE: &str = "department";
use crate::model::text::trim;
use labels::Section as Sec;
use rows::{LRow, rows_of};
use sections::{Sections, section_text, sections_in};

pub use sections::section_start;

/// A constant pattern of the recogniser. That it is a valid regex is a fact of this
/// source, not of any input: `compile_patterns`' test builds every one.
#[allow(clippy::expect_used)]
fn pattern(p: &str) -> regex::Regex {
    regex::Regex::new(p).expect("a constant pattern is valid")
}

/// Compiles the recogniser's regular expressions now rather than when the first form needs
/// them. They take some 13 M instructions (4 ms), which every worker otherwise waits for
/// on its first file; `perfsheet ingest` calls this on a thread of its own while it walks
/// the folders. Calling it is never needed for correctness.
pub fn compile_patterns() {
    let all = header::PATTERNS
        .iter()
        .chain(&lists::PATTERNS)
        .chain(&labels::PATTERNS);
    for pattern in all {
        std::sync::LazyLock::force(pattern);
    }
}

/// A recognised form: the record (source.path/format/bytes/sha256 left for the caller to
/// fill) and the cell locations the checks need.
#[derive(Debug, Clone)]
pub struct Form {
    pub record: Record,
    pub funds_locs: FundsLocs,
}

/// Finds every form in a document. `file_name` is used for an explicit year in the name
/// ("2024年鄂州市乡村振兴局绩效目标表.docx").
pub fn recognize(doc: &Document, file_name: &str) -> Vec<Form> {
    // Segments of consecutive rows, each one form or not, across all parts.
    let mut forms: Vec<Vec<LRow<'_>>> = Vec::new();
    // The last section of the form read last: a headerless continuation extends it.
    let mut last_section: Option<Sec> = None;
    for part in &doc.parts {
        let rows = rows_of(part);
        for segment in split_forms(rows) {
            let secs = sections_in(&segment);
            let has_body = secs.iter().any(|s| {
                matches!(
                    s,
                    Sec::Funds
                        | Sec::LongIndicators
                        | Sec::AnnualIndicators
                        | Sec::Functions
                        | Sec::Tasks
                )
            });
            let has_header =
                secs.contains(&Sec::Department) || header::title_of(&segment).is_some();
            let distinct = {
                let mut v = secs.clone();
                v.sort_by_key(|s| *s as u8);
                v.dedup();
                v.len()
            };
            // Indicator rows continued on the next sheet with no header of their own.
            let continues_table = secs.is_empty()
                && matches!(
                    last_section,
                    Some(Sec::LongIndicators | Sec::AnnualIndicators)
                )
                && segment.iter().any(|r| written_cells(r) >= 4);
            // The form continues here: a second sheet or a later table.
            let continues_form = has_body && !has_header;
            match forms.last_mut() {
                Some(prev) if continues_table || continues_form => prev.extend(segment),
                _ if has_body && distinct >= 2 => forms.push(segment),
                _ => continue,
            }
            if let Some(s) = secs.last() {
                last_section = Some(*s);
            }
        }
    }
    forms
        .iter()
        .map(|rows| read_form(rows, file_name))
        .collect()
}

/// Cells with text that a row writes itself (not carried by a merge from above).
fn written_cells(row: &LRow<'_>) -> usize {
    row.cells
        .iter()
        .filter(|c| !c.continued && !c.norm.is_empty())
        .count()
}

/// Splits a section's rows where a second department header begins, so one Word body or
/// sheet holding two forms gives two records. Title rows just above a header go with it.
fn split_forms(rows: Vec<LRow<'_>>) -> Vec<Vec<LRow<'_>>> {
    let header_rows: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.cells
                .iter()
                .any(|c| !c.continued && c.start() == Some(Sec::Department))
        })
        .map(|(i, _)| i)
        .collect();
    if header_rows.len() < 2 {
        return vec![rows];
    }
    let mut cuts = Vec::new();
    for &h in header_rows.iter().skip(1) {
        let mut cut = h;
        while cut > 0 && is_preamble(&rows[cut - 1]) {
            cut -= 1;
        }
        cuts.push(cut);
    }
    let mut out = Vec::new();
    let mut rest = rows;
    for cut in cuts.into_iter().rev() {
        let tail = rest.split_off(cut.min(rest.len()));
        out.push(tail);
    }
    out.push(rest);
    out.reverse();
    out
}

/// A title or unit row above a form's header.
fn is_preamble(row: &LRow<'_>) -> bool {
    let texts: Vec<&str> = row
        .cells
        .iter()
        .filter(|c| !c.norm.is_empty())
        .map(|c| &*c.norm)
        .collect();
    !texts.is_empty()
        && texts.len() <= 2
        && texts
            .iter()
            .all(|t| t.contains("绩效目标") || header::is_unit_line(t))
}

fn read_form(rows: &[LRow<'_>], file_name: &str) -> Form {
    let mut warnings: Vec<Warning> = Vec::new();
    let part = rows
        .iter()
        .find_map(|r| r.grid)
        .map(|g| g.part_name())
        .unwrap_or_else(|| "body".to_string());
    let sections = Sections::find(rows);
    let slice = |sec: Sec| sections.range(sec).map(|r| &rows[r]);

    let head = header::read_header_fields(rows);
    let title = header::read_title(rows);
    let (funds, funds_locs) = match slice(Sec::Funds) {
        Some(r) => funds::read_funds(r, &mut warnings),
        None => (Funds::default(), FundsLocs::default()),
    };
    let text_of = |sec: Sec| slice(sec).map(section_text);
    let long_term_goals = text_of(Sec::LongGoals);
    let long_table = slice(Sec::LongIndicators).map(indicators::read_indicators);
    let annual_table = slice(Sec::AnnualIndicators).map(indicators::read_indicators);

    let history_years: Vec<i32> = match (&funds.years, &annual_table) {
        (y, _) if !y.is_empty() => y.clone(),
        (_, Some(t)) => t.years.clone(),
        _ => Vec::new(),
    };
    let budget_year =
        header::budget_year(title.year, file_name, &history_years, &part, &mut warnings);

    let long_term = LongTerm {
        deadline_year: long_term_goals
            .as_ref()
            .and_then(|(label, goals)| lists::deadline_year(label, goals)),
        goals: long_term_goals
            .as_ref()
            .map(|(_, t)| lists::numbered_items(t))
            .unwrap_or_default(),
        indicators: long_table.map(indicators::long_term).unwrap_or_default(),
    };
    let annual = Annual {
        goal: text_of(Sec::AnnualGoal)
            .map(|(_, t)| trim(&t).to_string())
            .filter(|t| !t.is_empty()),
        indicators: annual_table
            .map(|t| {
                let keys = indicators::history_keys(&t, &history_years, budget_year);
                indicators::annual(t, &keys)
            })
            .unwrap_or_default(),
    };

    for (present, name) in [
        (head.department.is_some(), "部门（单位）名称"),
        (sections.range(Sec::Funds).is_some(), "部门总体资金情况"),
        (
            sections.range(Sec::LongIndicators).is_some(),
            "长期绩效指标",
        ),
        (
            sections.range(Sec::AnnualIndicators).is_some(),
            "年度绩效指标",
        ),
    ] {
        if !present {
            warnings.push(Warning {
                code: WarningCode::MissingSection,
                message: format!("未找到“{name}”部分"),
                location: part.clone(),
            });
        }
    }

    let record = Record {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Source {
            path: String::new(),
            format: String::new(),
            part,
            bytes: None,
            sha256: None,
        },
        form_type: FormType::Department,
        template: Some(DEPARTMENT_TEMPLATE.to_string()),
        form: title.form,
        department: head
            .department
            .as_deref()
            .map(crate::model::text::join_lines)
            .unwrap_or_default(),
        preparer: head.preparer,
        phone: head.phone,
        unit: header::unit_of(rows),
        budget_year,
        funds,
        functions: text_of(Sec::Functions)
            .map(|(_, t)| lists::numbered_items(&t))
            .unwrap_or_default(),
        annual_tasks: text_of(Sec::Tasks)
            .map(|(_, t)| lists::task_groups(&t))
            .unwrap_or_default(),
        long_term,
        annual,
        main_tasks: Vec::new(),
        main_tasks_total: None,
        warnings,
    };
    Form { record, funds_locs }
}

#[cfg(test)]
mod tests;
