//! The form recogniser: finds a 部门整体绩效目标表 in the grids a reader produced, section by
//! section, by the labels the sections carry (normalised: no white space, half-width),
//! never by row numbers. It knows forms, not file formats.

mod columns;
mod funds;
mod indicators;
mod labels;
mod lists;
mod rows;

pub use funds::{BlockLocs, FundsLocs};
pub use labels::{Section as SectionKind, section_label};

use crate::grid::Document;
use crate::record::{Annual, Funds, LongTerm, Record, SCHEMA_VERSION, Source, Warning};
use crate::text::{fold_width, label_text, trim};
use labels::{Section as Sec, section_prefix};
use regex::Regex;
use rows::{LRow, rows_of};
use std::sync::LazyLock;

/// A recognised form: the record (source.path/format/bytes/sha256 left for the caller to
/// fill) and the cell locations the checks need.
#[derive(Debug, Clone)]
pub struct Form {
    pub record: Record,
    pub funds_locs: FundsLocs,
}

/// The default form name when no title stands above the table.
const DEFAULT_FORM: &str = "部门整体绩效目标";

/// Finds every form in a document. `file_name` is used for an explicit year in the name
/// ("2024年鄂州市乡村振兴局绩效目标表.docx").
pub fn recognize(doc: &Document, file_name: &str) -> Vec<Form> {
    // Segments of consecutive rows, each one form or not, across all sections.
    let mut forms: Vec<Vec<LRow<'_>>> = Vec::new();
    let mut last_was_form = false;
    for section in &doc.sections {
        let rows = rows_of(section);
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
            let has_header = secs.contains(&Sec::Department) || title_of(&segment).is_some();
            let distinct = {
                let mut v = secs.clone();
                v.sort_by_key(|s| *s as u8);
                v.dedup();
                v.len()
            };
            let continues_table = secs.is_empty()
                && last_was_form
                && forms.last().is_some_and(|f| {
                    matches!(
                        sections_in(f).last(),
                        Some(Sec::LongIndicators | Sec::AnnualIndicators)
                    )
                })
                && segment.iter().filter(|r| written_cells(r) >= 4).count() >= 1;
            if continues_table {
                // Indicator rows continued on the next sheet with no header of their own.
                if let Some(prev) = forms.last_mut() {
                    prev.extend(segment);
                }
            } else if has_body && !has_header && last_was_form {
                // The form continues here: a second sheet or a later table.
                if let Some(prev) = forms.last_mut() {
                    prev.extend(segment);
                }
            } else if has_body && distinct >= 2 {
                forms.push(segment);
                last_was_form = true;
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

/// Body sections (and header labels) found in a run of rows, in order.
fn sections_in(rows: &[LRow<'_>]) -> Vec<Sec> {
    let mut out = Vec::new();
    for row in rows {
        for c in row.cells.iter().filter(|c| !c.continued) {
            if let Some(s) = section_start(&c.norm) {
                out.push(s);
            }
        }
    }
    out
}

/// A cell starting a section: the bare label, or the label followed by a colon and its value
/// in the same cell ("年度目标：巩固…"). `norm` is the cell's normalised label text.
pub fn section_start(norm: &str) -> Option<Sec> {
    if let Some(s) = section_label(norm) {
        return Some(s);
    }
    let (s, len) = section_prefix(norm)?;
    let rest = &norm[len..];
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')').map_or(r, |(_, after)| after),
        None => rest,
    };
    rest.starts_with([':', '：']).then_some(s)
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
                .any(|c| !c.continued && section_start(&c.norm) == Some(Sec::Department))
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
        .map(|c| c.norm.as_str())
        .collect();
    !texts.is_empty()
        && texts.len() <= 2
        && texts
            .iter()
            .all(|t| t.contains("绩效目标") || UNIT.is_match(t))
}

static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:金额|计量)?单位\s*[:：]\s*([^\s,，;；)）]+)").expect("static regex")
});
static YEAR_IN_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20\d{2})\s*年").expect("static regex"));
static YEAR_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9A-Za-z])(20\d{2})(?:年|[^0-9A-Za-z]|$)").expect("static regex")
});
static FORM_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:部门|单位)?整体(?:支出)?绩效目标").expect("static regex"));

/// The title cell or paragraph: the first text above the header naming a 绩效目标 form.
fn title_of<'r>(rows: &'r [LRow<'_>]) -> Option<&'r str> {
    for row in rows {
        for c in &row.cells {
            if c.continued {
                continue;
            }
            if section_start(&c.norm).is_some() {
                return None;
            }
            if c.norm.contains("绩效目标") && c.norm.chars().count() <= 60 {
                return Some(c.text);
            }
        }
    }
    None
}

/// The form name from a title: "2024年部门整体绩效目标表" → "部门整体绩效目标".
fn form_name(title: &str) -> String {
    let t: String = label_text(title);
    if let Some(m) = FORM_NAME.find(&t) {
        return m.as_str().to_string();
    }
    let t = YEAR_IN_TITLE.replace_all(&t, "");
    let t = t.trim_start_matches('度');
    let t = t.split(['(', '（']).next().unwrap_or(t);
    t.trim_end_matches('表').to_string()
}

fn read_form(rows: &[LRow<'_>], file_name: &str) -> Form {
    let mut warnings: Vec<Warning> = Vec::new();
    let part = rows
        .iter()
        .find_map(|r| r.grid)
        .map(|g| g.part_name())
        .unwrap_or_else(|| "body".to_string());

    // Section boundaries: rows whose first text is a section label.
    let mut starts: Vec<(usize, Sec)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(c) = row.first_text()
            && !c.continued
            && let Some(s) = section_start(&c.norm)
        {
            starts.push((i, s));
        } else if let Some(s) = unlabelled_indicator_header(rows, i, starts.last().map(|(_, s)| *s))
        {
            starts.push((i, s));
        }
    }
    let range_of = |sec: Sec| -> Option<(usize, usize)> {
        let k = starts.iter().position(|(_, s)| *s == sec)?;
        let start = starts[k].0;
        let end = starts
            .iter()
            .skip(k + 1)
            .map(|(i, _)| *i)
            .find(|i| *i > start)
            .unwrap_or(rows.len());
        Some((start, end))
    };

    let header = read_header_fields(rows);
    let title = title_of(rows);
    let form = title.map_or_else(|| DEFAULT_FORM.to_string(), form_name);
    let unit = rows.iter().flat_map(|r| r.cells.iter()).find_map(|c| {
        UNIT.captures(&fold_width(c.text))
            .and_then(|m| m.get(1))
            .map(|m| m.as_str().to_string())
    });

    let (funds, funds_locs) = match range_of(Sec::Funds) {
        Some((a, b)) => funds::read_funds(&rows[a..b], &mut warnings),
        None => (Funds::default(), FundsLocs::default()),
    };
    let text_of = |sec: Sec| -> Option<(String, String)> {
        let (a, b) = range_of(sec)?;
        Some(section_text(&rows[a..b]))
    };
    let functions = text_of(Sec::Functions)
        .map(|(_, t)| lists::numbered_items(&t))
        .unwrap_or_default();
    let annual_tasks = text_of(Sec::Tasks)
        .map(|(_, t)| lists::task_groups(&t))
        .unwrap_or_default();
    let long_term_goals = text_of(Sec::LongGoals);
    let annual_goal = text_of(Sec::AnnualGoal).and_then(|(_, t)| {
        let t = trim(&t).to_string();
        (!t.is_empty()).then_some(t)
    });

    let long_table =
        range_of(Sec::LongIndicators).map(|(a, b)| indicators::read_indicators(&rows[a..b]));
    let annual_table =
        range_of(Sec::AnnualIndicators).map(|(a, b)| indicators::read_indicators(&rows[a..b]));

    // budget_year: an explicit year in the title or the file name wins; otherwise the year
    // after the last 近两年 year.
    let title_year = title
        .and_then(|t| first_year(&YEAR_IN_TITLE, &fold_width(t)))
        .or_else(|| preamble_year(rows));
    let file_year = first_year(&YEAR_IN_NAME, file_name);
    let history_years: Vec<i32> = if funds.years.is_empty() {
        annual_table
            .as_ref()
            .map(|t| t.years.clone())
            .unwrap_or_default()
    } else {
        funds.years.clone()
    };
    let derived_year = history_years.iter().max().map(|y| y + 1);
    let budget_year = title_year.or(file_year).or(derived_year);
    if let (Some(explicit), Some(derived)) = (title_year.or(file_year), derived_year)
        && explicit != derived
    {
        warnings.push(Warning {
                code: "year_conflict".into(),
                message: format!(
                    "预算年度不一致：标题或文件名为 {explicit} 年，近两年数据列为 {:?} 年，按 {explicit} 年记录",
                    history_years
                ),
                location: part.clone(),
            });
    }
    if let (Some(t), Some(f)) = (title_year, file_year)
        && t != f
    {
        warnings.push(Warning {
            code: "year_conflict".into(),
            message: format!("标题年度（{t}）与文件名年度（{f}）不一致，按标题记录"),
            location: part.clone(),
        });
    }

    let keys: Vec<String> = match (&annual_table, budget_year) {
        (Some(t), _) if t.years.len() >= t.history_columns && !t.years.is_empty() => {
            t.years.iter().map(|y| y.to_string()).collect()
        }
        (Some(t), _) if history_years.len() == t.history_columns && t.history_columns > 0 => {
            history_years.iter().map(|y| y.to_string()).collect()
        }
        (Some(t), Some(by)) => (0..t.history_columns)
            .map(|i| (by - t.history_columns as i32 + i as i32).to_string())
            .collect(),
        (Some(t), None) => (0..t.history_columns)
            .map(|i| format!("Y-{}", t.history_columns - i))
            .collect(),
        (None, _) => Vec::new(),
    };

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
        goal: annual_goal,
        indicators: annual_table
            .map(|t| indicators::annual(t, &keys))
            .unwrap_or_default(),
    };

    let department = header
        .department
        .as_deref()
        .map(crate::text::join_lines)
        .unwrap_or_default();
    for (present, name) in [
        (header.department.is_some(), "部门（单位）名称"),
        (range_of(Sec::Funds).is_some(), "部门总体资金情况"),
        (range_of(Sec::LongIndicators).is_some(), "长期绩效指标"),
        (range_of(Sec::AnnualIndicators).is_some(), "年度绩效指标"),
    ] {
        if !present {
            warnings.push(Warning {
                code: "missing_section".into(),
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
        form,
        department,
        preparer: header.preparer,
        phone: header.phone,
        unit,
        budget_year,
        funds,
        functions,
        annual_tasks,
        long_term,
        annual,
        warnings,
    };
    Form { record, funds_locs }
}

/// A year stated above the form apart from its title: "（2024年度）" on a line of its own, or
/// "预算年度：2024".
fn preamble_year(rows: &[LRow<'_>]) -> Option<i32> {
    static ALONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[(（]?(20\d{2})\s*年度?[)）]?$|预算年度[:：]?(20\d{2})")
            .expect("static regex")
    });
    for row in rows {
        for c in row.cells.iter().filter(|c| !c.continued) {
            if section_start(&c.norm).is_some_and(|s| !matches!(s, Sec::Preparer | Sec::Phone)) {
                return None;
            }
            if let Some(m) = ALONE.captures(&c.norm) {
                return m.get(1).or_else(|| m.get(2))?.as_str().parse().ok();
            }
        }
    }
    None
}

/// An indicator header (一级指标 … 三级指标) standing without its section label: it starts
/// the annual table when a 近两年/预期当年 column stands in it or just below it, or when the
/// long-term table or the annual goal came before; the long-term table otherwise.
fn unlabelled_indicator_header(rows: &[LRow<'_>], i: usize, current: Option<Sec>) -> Option<Sec> {
    let roles = |row: &LRow<'_>| -> Vec<labels::Role> {
        row.cells
            .iter()
            .filter(|c| !c.continued)
            .filter_map(|c| labels::header_role(&c.norm))
            .collect()
    };
    let here = roles(rows.get(i)?);
    if !(here.contains(&labels::Role::Level3) && here.contains(&labels::Role::Level1)) {
        return None;
    }
    if matches!(current, Some(Sec::LongIndicators | Sec::AnnualIndicators))
        && rows
            .get(i.wrapping_sub(1))
            .is_some_and(|r| roles(r).contains(&labels::Role::Level3))
    {
        return None;
    }
    let annual_columns = rows.iter().skip(i).take(3).any(|r| {
        roles(r).iter().any(|x| {
            matches!(
                x,
                labels::Role::HistoryGroup | labels::Role::Target | labels::Role::Year(_)
            )
        })
    });
    let after_long = matches!(current, Some(Sec::LongIndicators | Sec::AnnualGoal));
    match current {
        // A header repeated at the top of a continuation table stays in its section.
        Some(Sec::LongIndicators) if !annual_columns => None,
        Some(Sec::AnnualIndicators) => None,
        _ if annual_columns || after_long => Some(Sec::AnnualIndicators),
        _ => Some(Sec::LongIndicators),
    }
}

fn first_year(re: &Regex, s: &str) -> Option<i32> {
    re.captures(s)?.get(1)?.as_str().parse().ok()
}

/// The section's label text and its content: what follows the label in the label cell
/// (after a colon), the other cells of the label row, and the rows below it up to the next
/// section (content broken onto its own row). Continued merge cells are not repeated.
fn section_text(rows: &[LRow<'_>]) -> (String, String) {
    let mut label = String::new();
    let mut parts: Vec<&str> = Vec::new();
    let mut inline = String::new();
    for (i, row) in rows.iter().enumerate() {
        for (j, c) in row.cells.iter().enumerate() {
            if c.continued || c.norm.is_empty() {
                continue;
            }
            if i == 0 && j == 0 || (i == 0 && label.is_empty() && section_start(&c.norm).is_some())
            {
                label = c.text.to_string();
                if section_label(&c.norm).is_none() {
                    // "年度目标：巩固…": the value follows the first colon.
                    if let Some((l, v)) = split_label_colon(c.text) {
                        label = l.to_string();
                        inline = v.to_string();
                    }
                }
                continue;
            }
            parts.push(c.text);
        }
    }
    let mut content = inline;
    for p in parts {
        if !content.is_empty() {
            content.push('\n');
        }
        content.push_str(p);
    }
    (label, content)
}

fn split_label_colon(text: &str) -> Option<(&str, &str)> {
    let i = text.find([':', '：'])?;
    let colon_len = text[i..].chars().next().map_or(1, char::len_utf8);
    Some((&text[..i], &text[i + colon_len..]))
}

/// 部门（单位）名称 / 填报人 / 联系电话 values.
#[derive(Debug, Default)]
struct Header {
    department: Option<String>,
    preparer: Option<String>,
    phone: Option<String>,
}

/// Reads the header fields: a label cell with its value in the next cell, or "标签：值" pairs
/// inside one cell or paragraph ("填报单位：XX局　填报人：张三").
fn read_header_fields(rows: &[LRow<'_>]) -> Header {
    let mut h = Header::default();
    let set = |sec: Sec, value: &str, h: &mut Header| {
        let v = trim(value);
        let slot = match sec {
            Sec::Department => &mut h.department,
            Sec::Preparer => &mut h.preparer,
            Sec::Phone => &mut h.phone,
            _ => return,
        };
        if slot.is_none() && !v.is_empty() {
            *slot = Some(v.to_string());
        }
    };
    for row in rows {
        // Stop at the first body section: header fields stand above it.
        if let Some(c) = row.first_text()
            && !c.continued
            && section_start(&c.norm)
                .is_some_and(|s| !matches!(s, Sec::Department | Sec::Preparer | Sec::Phone))
        {
            break;
        }
        for (j, c) in row.cells.iter().enumerate() {
            if c.continued || c.norm.is_empty() {
                continue;
            }
            if let Some(sec) = section_label(&c.norm) {
                if matches!(sec, Sec::Department | Sec::Preparer | Sec::Phone) {
                    let next = row
                        .cells
                        .get(j + 1)
                        .filter(|n| section_label(&n.norm).is_none());
                    if let Some(n) = next {
                        set(sec, n.text, &mut h);
                    }
                }
                continue;
            }
            for (sec, v) in inline_pairs(c.text) {
                set(sec, &v, &mut h);
            }
        }
    }
    h
}

/// "填报单位：XX局　填报人：张三　联系电话：123" → pairs. A value runs to the next label.
fn inline_pairs(text: &str) -> Vec<(Sec, String)> {
    static PAIR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(部门\s*[（(]\s*单位\s*[)）]\s*名\s*称|部门名称|单位名称|填报单位|预算单位|填\s*报\s*人|填表人|联系人|经办人|联系电话|联系方式|电\s*话)\s*(?:[（(][^）)]{0,6}[)）])?\s*[:：]")
            .expect("static regex")
    });
    let matches: Vec<_> = PAIR_LABEL.captures_iter(text).collect();
    let mut out = Vec::new();
    for (k, m) in matches.iter().enumerate() {
        let (Some(whole), Some(label)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let end = matches
            .get(k + 1)
            .and_then(|n| n.get(0))
            .map_or(text.len(), |n| n.start());
        let value = trim(&text[whole.end()..end]);
        let Some(sec) = section_label(&crate::text::normalize_label(label.as_str())) else {
            continue;
        };
        out.push((sec, value.to_string()));
    }
    out
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn form_names() {
        assert_eq!(form_name("2024年部门整体绩效目标表"), "部门整体绩效目标");
        assert_eq!(form_name("部门整体绩效目标"), "部门整体绩效目标");
        assert_eq!(
            form_name("鄂州市教育局2025年度部门整体支出绩效目标表"),
            "部门整体支出绩效目标"
        );
        assert_eq!(form_name("2023年度单位绩效目标表"), "单位绩效目标");
    }

    #[test]
    fn inline_header_pairs() {
        let p = inline_pairs("填报单位：鄂州市教育局　　填报人：张三  联系电话：0711-1234567");
        assert_eq!(
            p,
            vec![
                (Sec::Department, "鄂州市教育局".to_string()),
                (Sec::Preparer, "张三".to_string()),
                (Sec::Phone, "0711-1234567".to_string())
            ]
        );
    }

    #[test]
    fn file_name_years() {
        assert_eq!(
            first_year(&YEAR_IN_NAME, "2024年鄂州市乡村振兴局.docx"),
            Some(2024)
        );
        assert_eq!(
            first_year(&YEAR_IN_NAME, "forms/000_b5bdbe8750ecf282.docx"),
            None
        );
        assert_eq!(
            first_year(&YEAR_IN_NAME, "绩效目标表_2025.xlsx"),
            Some(2025)
        );
        assert_eq!(first_year(&YEAR_IN_NAME, "a20241.xlsx"), None);
    }
}

#[cfg(test)]
mod tests;
