//! The form's head: title (form name and an explicit year), unit, and the header fields of
//! the template (部门（单位）名称 / 填报人 / 联系电话, 项目名称 / 主管部门 …), written as a
//! label and its value beside it, as labels stacked in one row over their values in the
//! next, or as "标签：值" pairs in one line.

use super::Cx;
use super::pattern;
use super::rows::{LCell, LRow};
use super::template::{Meaning, Slot};
use crate::model::record::{Warning, WarningCode};
use crate::model::text::{fold_width, label_text, normalize_label_cow, trim};
use regex::Regex;
use std::sync::LazyLock;

/// "单位：万元", "金额单位：元", and a unit in brackets after a label ("项目资金（万元）",
/// "预算金额（万元）").
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:金额|计量)?单位\s*[:：]\s*([^\s,，;；)）]+)|[(（]\s*(?:单位\s*[:：]\s*)?((?:人民币)?(?:万元|千元|百万元|亿元|元))\s*[)）]",
    )
});

/// "2024年" anywhere (also the last resort of `lists::deadline_year`).
pub(super) static YEAR_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(20\d{2})\s*年"));

static YEAR_IN_NAME: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:^|[^0-9A-Za-z])(20\d{2})(?:年|[^0-9A-Za-z]|$)"));

/// A year on a line of its own above the form, or "预算年度：2024" (`preamble_year`).
static ALONE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^[(（]?(20\d{2})\s*年度?[)）]?$|预算年度[:：]?(20\d{2})|^[(（](20\d{2})\s*年度?[)）]")
});

/// This module's patterns, for `recognize::compile_patterns`.
pub(super) static PATTERNS: [&LazyLock<Regex>; 4] = [&UNIT, &YEAR_IN_TITLE, &YEAR_IN_NAME, &ALONE];

/// A header field's value and where it was written.
#[derive(Debug, Clone)]
pub(super) struct FieldValue<'a> {
    pub slot: Slot,
    pub text: String,
    /// The cell the value came from (for the unplaced-text check).
    pub cell: Option<&'a LCell<'a>>,
}

/// The header fields of a form: the first value written for each.
#[derive(Debug, Default)]
pub(super) struct Fields<'a> {
    pub values: Vec<FieldValue<'a>>,
}

impl Fields<'_> {
    /// The value of a field.
    pub fn get(&self, slot: Slot) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.slot == slot)
            .map(|v| v.text.as_str())
    }

    fn set<'a>(this: &mut Fields<'a>, slot: Slot, value: &str, cell: Option<&'a LCell<'a>>) {
        let v = trim(value);
        if v.is_empty() || this.values.iter().any(|x| x.slot == slot) {
            return;
        }
        this.values.push(FieldValue {
            slot,
            text: v.to_string(),
            cell,
        });
    }
}

/// Reads the header fields above the first body section: a label cell with its value in
/// the next cell; labels stacked in one row with their values in the row below; or
/// "标签：值" pairs inside one cell or paragraph ("填报单位：XX局　填报人：张三").
pub(super) fn read_fields<'a>(rows: &'a [LRow<'a>], cx: Cx<'_>) -> Fields<'a> {
    let first_body = rows
        .iter()
        .position(|row| {
            row.first_text()
                .is_some_and(|c| !c.continued && c.start(cx).is_some_and(|s| !s.is_header()))
        })
        .unwrap_or(rows.len());
    read_fields_in(rows, 0..first_body, cx)
}

/// Reads the header fields wherever they stand outside the form's body sections (a project
/// form writes some of them below its funds).
pub(super) fn read_fields_everywhere<'a>(
    rows: &'a [LRow<'a>],
    sections: &super::sections::Sections,
    cx: Cx<'_>,
) -> Fields<'a> {
    let mut f = Fields::default();
    let mut start = 0;
    for &(i, slot) in sections.starts() {
        if !slot.is_header() {
            for v in read_fields_in(rows, start..i, cx).values {
                if f.get(v.slot).is_none() {
                    f.values.push(v);
                }
            }
            start = sections.range(slot).map_or(i + 1, |r| r.end);
        }
    }
    for v in read_fields_in(rows, start..rows.len(), cx).values {
        if f.get(v.slot).is_none() {
            f.values.push(v);
        }
    }
    f
}

fn read_fields_in<'a>(
    rows: &'a [LRow<'a>],
    range: std::ops::Range<usize>,
    cx: Cx<'_>,
) -> Fields<'a> {
    let mut f = Fields::default();
    for (i, row) in rows.iter().enumerate() {
        if !range.contains(&i) {
            continue;
        }
        for (j, c) in row.cells.iter().enumerate() {
            if c.continued || c.norm.is_empty() {
                continue;
            }
            if let Some(slot) = c.label(cx) {
                if slot.is_header() {
                    // A unit cell beside the last label ("单位：万元" in the top-right corner)
                    // is not its value.
                    let next = row.cells.get(j + 1).filter(|n| {
                        !n.norm.is_empty() && n.label(cx).is_none() && !is_unit_line(&n.norm)
                    });
                    match next {
                        Some(n) if !n.continued => Fields::set(&mut f, slot, n.text, Some(n)),
                        _ => {
                            // Labels stacked in one row, the values in the row below.
                            if let Some(below) = stacked_value(rows, i, c, cx) {
                                Fields::set(&mut f, slot, below.text, Some(below));
                            }
                        }
                    }
                }
                continue;
            }
            if c.text.contains([':', '：']) {
                for (slot, v) in inline_pairs(c.text, cx) {
                    Fields::set(&mut f, slot, &v, Some(c));
                }
            }
        }
    }
    f
}

/// The value below a label whose row holds only labels: the cell under it in the next row.
fn stacked_value<'a>(
    rows: &'a [LRow<'a>],
    i: usize,
    label: &LCell<'_>,
    cx: Cx<'_>,
) -> Option<&'a LCell<'a>> {
    let row = rows.get(i)?;
    let only_labels = row
        .cells
        .iter()
        .filter(|c| !c.continued && !c.norm.is_empty())
        .all(|c| c.label(cx).is_some() || is_unit_line(&c.norm));
    if !only_labels {
        return None;
    }
    let below = rows.get(i + 1)?;
    let v = below.at(label.col)?;
    (!v.continued && !v.norm.is_empty() && v.start(cx).is_none() && v.col == label.col).then_some(v)
}

/// "填报单位：XX局　填报人：张三　联系电话：123" → pairs. A label is a header field of the
/// template right before a colon (a bracketed note between them allowed); a value runs to
/// the next label.
pub(super) fn inline_pairs(text: &str, cx: Cx<'_>) -> Vec<(Slot, String)> {
    // (label start, value start, slot) for every label found, in text order.
    let mut labels: Vec<(usize, usize, Slot)> = Vec::new();
    let mut from = 0;
    for (colon, ch) in text.char_indices().filter(|(_, c)| *c == ':' || *c == '：') {
        let before = &text[from..colon];
        // The earliest start in the text before the colon from which the rest is a label.
        let found = before
            .char_indices()
            .map(|(k, _)| k)
            .filter(|k| before.len() - k <= 40)
            .find_map(|k| {
                let candidate = normalize_label_cow(&before[k..]);
                field_label(&candidate, cx).map(|slot| (from + k, slot))
            });
        if let Some((start, slot)) = found {
            labels.push((start, colon + ch.len_utf8(), slot));
        }
        from = colon + ch.len_utf8();
    }
    labels
        .iter()
        .enumerate()
        .map(|(k, &(_, value_start, slot))| {
            let end = labels.get(k + 1).map_or(text.len(), |n| n.0);
            (
                slot,
                trim(text.get(value_start..end).unwrap_or("")).to_string(),
            )
        })
        .collect()
}

/// A whole text that is a header field's label (a bracketed note after it allowed).
fn field_label(norm: &str, cx: Cx<'_>) -> Option<Slot> {
    let hits = cx.vocab.hits(norm);
    let (slot, len) = cx.vocab.slot(&hits, cx.t)?;
    let rest = norm.get(len..)?;
    (slot.is_header() && (rest.is_empty() || super::labels::is_note(rest))).then_some(slot)
}

/// The title cell or paragraph: the first text above the header naming a form (holding
/// 绩效目标 or a title word of the template).
pub(super) fn title_of<'r>(rows: &'r [LRow<'_>], cx: Cx<'_>) -> Option<&'r str> {
    for row in rows {
        for c in &row.cells {
            if c.continued {
                continue;
            }
            if c.start(cx).is_some() {
                return None;
            }
            if (c.norm.contains("绩效目标") || c.means(cx, Meaning::Title))
                && c.norm.chars().count() <= 60
            {
                return Some(c.text);
            }
        }
    }
    None
}

/// The form name from a title (RECORD.md: without a year and a trailing 表):
/// "2024年部门整体绩效目标表" → "部门整体绩效目标", "鄂州市教育局2025年度部门整体支出绩效目标表"
/// → "部门整体支出绩效目标" (what stands before a year is the department's name). A unit at
/// the end of the line and a bracketed note are not part of it.
fn form_name(title: &str) -> String {
    let t: String = label_text(&fold_width(title));
    // A unit written at the end of the title line.
    let t = match UNIT.find(&t) {
        Some(m) if m.start() > 0 => t[..m.start()].to_string(),
        _ => t,
    };
    let mut t = match YEAR_IN_TITLE.find_iter(&t).last() {
        Some(m) if t[m.end()..].contains("绩效") => t[m.end()..].to_string(),
        _ => YEAR_IN_TITLE.replace_all(&t, "").into_owned(),
    };
    t = t.trim_start_matches('度').to_string();
    let t = t.split(['(', '（']).next().unwrap_or(&t);
    t.trim_end_matches('表').to_string()
}

/// A year stated above the form apart from its title: "（2024年度）" on a line of its own,
/// or "预算年度：2024", also beside the filing unit on the line above the table
/// ("填报单位：XX局 | 2024年度"). The search ends at the form's first section: below it a
/// year is a column heading, not the budget year.
fn preamble_year(rows: &[LRow<'_>], cx: Cx<'_>) -> Option<i32> {
    for row in rows {
        let mut row_starts_a_field = false;
        for c in row.cells.iter().filter(|c| !c.continued) {
            match c.start(cx) {
                None => {}
                // A header field on the preamble line does not end it.
                Some(Slot::Preparer | Slot::Phone | Slot::Department | Slot::Implementer) => {
                    row_starts_a_field = true;
                    continue;
                }
                Some(_) => return None,
            }
            if let Some(m) = ALONE.captures(&c.norm) {
                return m
                    .get(1)
                    .or_else(|| m.get(2))
                    .or_else(|| m.get(3))?
                    .as_str()
                    .parse()
                    .ok();
            }
        }
        if row_starts_a_field
            && row.cells.iter().any(|c| {
                !c.continued
                    && c.start(cx)
                        .is_some_and(|s| !matches!(s, Slot::Preparer | Slot::Phone))
            })
        {
            return None;
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

/// Reads the title and any year stated with it.
pub(super) fn read_title(rows: &[LRow<'_>], cx: Cx<'_>) -> Title {
    let title = title_of(rows, cx);
    Title {
        form: title.map_or_else(|| cx.template.form.clone(), form_name),
        year: title
            .and_then(|t| first_year(&YEAR_IN_TITLE, &fold_width(t)))
            .or_else(|| preamble_year(rows, cx)),
    }
}

/// "万元" from "单位：万元" / "金额单位：万元" / "项目资金（万元）", wherever in the form it
/// stands.
pub(super) fn unit_of(rows: &[LRow<'_>]) -> Option<String> {
    let find = |c: &LCell<'_>| {
        // Every unit the pattern takes says 单位 or ends in 元 (neither changes under
        // width folding): the search is skipped for the cells that have neither.
        if !might_name_a_unit(c.text) {
            return None;
        }
        UNIT.captures(&fold_width(c.text)).and_then(|m| {
            m.get(1)
                .or_else(|| m.get(2))
                .map(|m| m.as_str().to_string())
        })
    };
    // A unit line ("单位：万元") wins over a unit in a label's brackets.
    let cells = || rows.iter().flat_map(|r| r.cells.iter());
    cells()
        .filter(|c| is_unit_line(&c.norm))
        .find_map(find)
        .or_else(|| cells().find_map(find))
}

/// True for "单位：万元" and the like: a unit line above a form.
pub(super) fn is_unit_line(norm: &str) -> bool {
    // The unit-line branch of the pattern starts with 单位.
    norm.contains("单位") && UNIT.captures(norm).is_some_and(|m| m.get(1).is_some())
}

/// Whether a text may hold a unit `UNIT` finds.
fn might_name_a_unit(text: &str) -> bool {
    text.contains('元') || text.contains("单位")
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
    let years = |ys: &[i32]| {
        ys.iter()
            .map(|y| format!("{y}年"))
            .collect::<Vec<_>>()
            .join("、")
    };
    if let (Some(e), Some(d)) = (explicit, derived)
        && e != d
    {
        warnings.push(Warning {
            code: WarningCode::YearConflict,
            message: format!(
                "预算年度不一致：标题或文件名为 {e}年，近两年数据列为 {}，按 {e}年记录",
                years(history_years)
            ),
            location: part.to_string(),
        });
    }
    if let (Some(t), Some(f)) = (title_year, file_year)
        && t != f
    {
        warnings.push(Warning {
            code: WarningCode::YearConflict,
            message: format!("标题年度（{t}年）与文件名年度（{f}年）不一致，按标题记录"),
            location: part.to_string(),
        });
    }
    explicit.or(derived)
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_template;
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
        assert_eq!(
            form_name("2024年部门整体绩效目标表      单位：万元"),
            "部门整体绩效目标"
        );
        assert_eq!(
            form_name("鄂州市财政局部门整体绩效目标表（2024年度）"),
            "鄂州市财政局部门整体绩效目标"
        );
        assert_eq!(
            form_name("部门整体支出绩效目标申报表"),
            "部门整体支出绩效目标申报"
        );
        assert_eq!(form_name("2025年绩效目标申报表"), "绩效目标申报");
        assert_eq!(
            form_name("2025年财政支出项目绩效目标申报表"),
            "财政支出项目绩效目标申报"
        );
        assert_eq!(
            form_name("2024年度项目支出绩效目标申报表"),
            "项目支出绩效目标申报"
        );
    }

    #[test]
    fn inline_header_pairs() {
        with_template("department", |cx| {
            let p = inline_pairs(
                "填报单位：鄂州市教育局　　填报人：张三  联系电话：0711-1234567",
                cx,
            );
            assert_eq!(
                p,
                vec![
                    (Slot::Department, "鄂州市教育局".to_string()),
                    (Slot::Preparer, "张三".to_string()),
                    (Slot::Phone, "0711-1234567".to_string())
                ]
            );
            // A note between the label and its colon, and a label of no field.
            let p = inline_pairs("部门（单位）名称（盖章）：财政局  备注：无", cx);
            assert_eq!(p, vec![(Slot::Department, "财政局  备注：无".to_string())]);
        });
    }

    #[test]
    fn units_in_lines_and_brackets() {
        let cases = [
            ("单位：万元", true, Some("万元")),
            ("金额单位：元", true, Some("元")),
            ("项目资金（万元）", false, Some("万元")),
            ("预算金额(万元)", false, Some("万元")),
            ("指标值（%）", false, None),
        ];
        for (text, line, unit) in cases {
            assert_eq!(
                is_unit_line(&crate::model::text::normalize_label(text)),
                line,
                "{text}"
            );
            let m = UNIT.captures(&fold_width(text)).and_then(|m| {
                m.get(1)
                    .or_else(|| m.get(2))
                    .map(|m| m.as_str().to_string())
            });
            assert_eq!(m.as_deref(), unit, "{text}");
        }
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
