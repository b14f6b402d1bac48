//! The form's head: title (form name and an explicit year), unit, and the
//! 部门（单位）名称 / 填报人 / 联系电话 fields, written as label and value cells or as
//! "标签：值" pairs in one line above the table.

use super::labels::{Section as Sec, section_label};
use super::pattern;
use super::rows::LRow;
use crate::model::record::{Warning, WarningCode};
use crate::model::text::{fold_width, label_text, trim};
use regex::Regex;
use std::sync::LazyLock;

/// The default form name when no title stands above the table.
const DEFAULT_FORM: &str = "部门整体绩效目标";

static UNIT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:金额|计量)?单位\s*[:：]\s*([^\s,，;；)）]+)"));

/// "2024年" anywhere (also the last resort of `lists::deadline_year`).
pub(super) static YEAR_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(20\d{2})\s*年"));

static YEAR_IN_NAME: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:^|[^0-9A-Za-z])(20\d{2})(?:年|[^0-9A-Za-z]|$)"));

static FORM_NAME: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:部门|单位)?整体(?:支出)?绩效目标"));

/// The labels of "填报单位：XX局　填报人：张三" written inline (`inline_pairs`).
static PAIR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(部门\s*[（(]\s*单位\s*[)）]\s*名\s*称|部门名称|单位名称|填报单位|预算单位|填\s*报\s*人|填表人|联系人|经办人|联系电话|联系方式|电\s*话)\s*(?:[（(][^）)]{0,6}[)）])?\s*[:：]",
    )
});

/// A year on a line of its own above the form, or "预算年度：2024" (`preamble_year`).
static ALONE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^[(（]?(20\d{2})\s*年度?[)）]?$|预算年度[:：]?(20\d{2})"));

/// This module's patterns, for `recognize::compile_patterns`.
pub(super) static PATTERNS: [&LazyLock<Regex>; 6] = [
    &UNIT,
    &YEAR_IN_TITLE,
    &YEAR_IN_NAME,
    &FORM_NAME,
    &PAIR_LABEL,
    &ALONE,
];

/// 部门（单位）名称 / 填报人 / 联系电话 values.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub department: Option<String>,
    pub preparer: Option<String>,
    pub phone: Option<String>,
}

/// Reads the header fields: a label cell with its value in the next cell, or "标签：值" pairs
/// inside one cell or paragraph ("填报单位：XX局　填报人：张三").
pub(super) fn read_header_fields(rows: &[LRow<'_>]) -> Header {
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
            && c.start()
                .is_some_and(|s| !matches!(s, Sec::Department | Sec::Preparer | Sec::Phone))
        {
            break;
        }
        for (j, c) in row.cells.iter().enumerate() {
            if c.continued || c.norm.is_empty() {
                continue;
            }
            if let Some(sec) = c.label() {
                if matches!(sec, Sec::Department | Sec::Preparer | Sec::Phone) {
                    let next = row.cells.get(j + 1).filter(|n| n.label().is_none());
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
        let Some(sec) = section_label(&crate::model::text::normalize_label(label.as_str())) else {
            continue;
        };
        out.push((sec, value.to_string()));
    }
    out
}

/// The title cell or paragraph: the first text above the header naming a 绩效目标 form.
pub(super) fn title_of<'r>(rows: &'r [LRow<'_>]) -> Option<&'r str> {
    for row in rows {
        for c in &row.cells {
            if c.continued {
                continue;
            }
            if c.start().is_some() {
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

/// A year stated above the form apart from its title: "（2024年度）" on a line of its own, or
/// "预算年度：2024".
fn preamble_year(rows: &[LRow<'_>]) -> Option<i32> {
    for row in rows {
        for c in row.cells.iter().filter(|c| !c.continued) {
            if c.start()
                .is_some_and(|s| !matches!(s, Sec::Preparer | Sec::Phone))
            {
                return None;
            }
            if let Some(m) = ALONE.captures(&c.norm) {
                return m.get(1).or_else(|| m.get(2))?.as_str().parse().ok();
            }
        }
    }
    None
}

fn first_year(re: &Regex, s: &str) -> Option<i32> {
    re.captures(s)?.get(1)?.as_str().parse().ok()
}

/// The title-derived fields of a form.
pub(super) struct Title {
    /// The form name: "部门整体绩效目标".
    pub form: String,
    /// A year stated in the title or just above the form.
    pub year: Option<i32>,
}

/// Reads the title (the first text above the header naming a 绩效目标 form) and any year
/// stated with it.
pub(super) fn read_title(rows: &[LRow<'_>]) -> Title {
    let title = title_of(rows);
    Title {
        form: title.map_or_else(|| DEFAULT_FORM.to_string(), form_name),
        year: title
            .and_then(|t| first_year(&YEAR_IN_TITLE, &fold_width(t)))
            .or_else(|| preamble_year(rows)),
    }
}

/// "万元" from "单位：万元" / "金额单位：万元", wherever in the form it stands.
pub(super) fn unit_of(rows: &[LRow<'_>]) -> Option<String> {
    rows.iter().flat_map(|r| r.cells.iter()).find_map(|c| {
        UNIT.captures(&fold_width(c.text))
            .and_then(|m| m.get(1))
            .map(|m| m.as_str().to_string())
    })
}

/// True for "单位：万元" and the like: a unit line above a form.
pub(super) fn is_unit_line(norm: &str) -> bool {
    UNIT.is_match(norm)
}

/// budget_year by RECORD.md: an explicit year in the title or the file name wins;
/// otherwise the year after the last 近两年 year. Disagreements are year_conflict warnings.
pub(super) fn budget_year(
    title_year: Option<i32>,
    file_name: &str,
    history_years: &[i32],
    part: &str,
    warnings: &mut Vec<Warning>,
) -> Option<i32> {
    let file_year = first_year(&YEAR_IN_NAME, file_name);
    let explicit = title_year.or(file_year);
    let derived = history_years.iter().max().map(|y| y + 1);
    if let (Some(e), Some(d)) = (explicit, derived)
        && e != d
    {
        warnings.push(Warning {
            code: WarningCode::YearConflict,
            message: format!(
                "预算年度不一致：标题或文件名为 {e} 年，近两年数据列为 {history_years:?} 年，按 {e} 年记录"
            ),
            location: part.to_string(),
        });
    }
    if let (Some(t), Some(f)) = (title_year, file_year)
        && t != f
    {
        warnings.push(Warning {
            code: WarningCode::YearConflict,
            message: format!("标题年度（{t}）与文件名年度（{f}）不一致，按标题记录"),
            location: part.to_string(),
        });
    }
    explicit.or(derived)
}

#[cfg(test)]
mod tests {
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
