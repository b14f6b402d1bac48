//! A project form's record (项目支出绩效目标表): its header fields (check boxes, 主管部门及代码,
//! 项目负责人及电话, 项目起止时间 read into their parts), funds blocks, goals and indicators,
//! in the layouts departments draw: the central side-by-side halves (中期 | 年度), the county
//! style, a single block.

use std::sync::LazyLock;

use regex::Regex;

use super::amounts::{self, FundsLocs};
use super::columns::{Columns, resolve_groups};
use super::department::part_of;
use super::header;
use super::indicators::{self, RawIndicator, Table};
use super::lists;
use super::pattern;
use super::rows::LRow;
use super::sections::{Sections, section_text};
use super::template::{Role, Slot};
use super::unplaced;
use super::{Cx, Form};
use crate::model::project::{
    Goals, Period, Project, ProjectFunds, ProjectIndicator, ProjectIndicators,
};
use crate::model::record::{FormType, SCHEMA_VERSION, Source, Warning, WarningCode};
use crate::model::text::{fold_width, join_lines, trim};
use crate::model::value::parse_value;

/// Where a project's numbers stood, for the checks.
#[derive(Debug, Clone, Default)]
pub struct ProjectLocs {
    /// The funds blocks.
    pub funds: FundsLocs,
    /// The form's part, for warnings without a cell.
    pub part: String,
}

/// A date in a period: "2025年1月", "2025.01", "2025-1", "2025年".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"((?:19|20)\d{2})\s*(?:年|[.\-/．])?\s*(?:(\d{1,2})(?:\s*月|[^\d]|$))?")
});

/// A code written with 主管部门: "[123001]", "（123001）", or digits before or after the name.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^\s*[\[(（【]?\s*([0-9A-Za-z]{3,})\s*[\])）】]?\s*(.+?)\s*$|^\s*(.+?)\s*[\[(（【]\s*([0-9A-Za-z]{3,})\s*[\])）】]\s*$|^\s*(.+?)\s+([0-9]{3,})\s*$",
    )
});

/// A phone number after a name ("张三 0711-1234567", "张三13912345678").
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(\(?0\d{2,3}\)?[-\s]?\d{7,8}(?:-\d{1,6})?|1[3-9]\d{9}|\d{3,4}-\d{7,8})")
});

/// This module's patterns, for `recognize::compile_patterns`.
pub(super) static PATTERNS: [&LazyLock<Regex>; 3] = [&DATE, &CODE, &PHONE];

/// Reads one project form from its rows.
pub(super) fn read(rows: &[LRow<'_>], file_name: &str, cx: Cx<'_>) -> Form {
    let mut warnings: Vec<Warning> = Vec::new();
    let part = part_of(rows);
    let sections = Sections::find(rows, cx);
    let slice = |slot: Slot| sections.range(slot).map(|r| &rows[r]);

    let fields = header::read_fields_everywhere(rows, &sections, cx);
    let title = header::read_title(rows, cx);
    let budget_year = header::budget_year(title.year, file_name, &[], &part, &mut warnings);

    let (funds, funds_locs, amounts_unit) = match slice(Slot::ProjectFunds) {
        Some(r) => {
            let read = amounts::read_amounts(r, cx, &mut warnings);
            (read.funds, read.locs, read.unit)
        }
        None => (ProjectFunds::default(), FundsLocs::default(), None),
    };
    let goals = read_goals(rows, &sections, cx);
    let indicators = read_indicators(rows, &sections, cx);

    let (department, department_code) = match fields.get(Slot::Supervisor) {
        Some(d) => split_code(d),
        None => (None, None),
    };
    let mut phone = fields.get(Slot::Phone).map(str::to_string);
    let leader = fields.get(Slot::Leader).map(|l| {
        let (name, tel) = split_phone(l);
        if phone.is_none() {
            phone = tel;
        }
        name
    });
    let project_name = fields
        .get(Slot::Project)
        .map(join_lines)
        .unwrap_or_default();

    for (missing, what) in [
        (project_name.is_empty(), "项目名称"),
        (
            funds.annual.is_none() && funds.mid_term.is_none(),
            "项目资金",
        ),
        (
            indicators.annual.is_empty() && indicators.long_term.is_empty(),
            "绩效指标",
        ),
    ] {
        if missing {
            warnings.push(Warning {
                code: WarningCode::MissingSection,
                message: format!("未找到“{what}”部分"),
                location: part.clone(),
            });
        }
    }
    unplaced::check(rows, &sections, &fields, cx, &mut warnings);

    let project = Project {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Source {
            path: String::new(),
            format: String::new(),
            part: part.clone(),
            bytes: None,
            sha256: None,
        },
        form_type: FormType::Project,
        template: Some(cx.template.name.clone()),
        form: title.form,
        budget_year,
        project: project_name,
        department,
        department_code,
        implementer: fields.get(Slot::Implementer).map(join_lines),
        attribute: fields.get(Slot::Attribute).and_then(chosen).map(|a| {
            a.strip_suffix("项目")
                .filter(|s| !s.is_empty())
                .unwrap_or(&a)
                .to_string()
        }),
        category: fields.get(Slot::Category).and_then(chosen),
        leader,
        phone,
        period: fields.get(Slot::Period).map(period),
        unit: header::unit_of(rows).or(amounts_unit),
        funds,
        goals,
        indicators,
        warnings,
    };
    Form::Project {
        project: Box::new(project),
        locs: ProjectLocs {
            funds: funds_locs,
            part,
        },
    }
}

/// The option a check-box field chose ("新增项目□ 延续项目☑" → "延续项目"), or the text as
/// written where it has no boxes. The mark stands after its option or before it; which, the
/// text's first character says.
fn chosen(text: &str) -> Option<String> {
    const CHECKED: [char; 7] = ['☑', '√', '✓', '✔', '■', '●', '☒'];
    const UNCHECKED: [char; 4] = ['□', '☐', '○', '◯'];
    let t = trim(text);
    let is_mark = |c: char| CHECKED.contains(&c) || UNCHECKED.contains(&c);
    if !t.chars().any(is_mark) {
        return (!t.is_empty()).then(|| join_lines(t));
    }
    // Options and the marks between them, in order.
    let mut pieces: Vec<(Option<bool>, String)> = Vec::new();
    let mut word = String::new();
    for c in t.chars() {
        if is_mark(c) {
            if !trim(&word).is_empty() {
                pieces.push((None, trim(&word).to_string()));
            }
            word.clear();
            pieces.push((Some(CHECKED.contains(&c)), String::new()));
        } else {
            word.push(c);
        }
    }
    if !trim(&word).is_empty() {
        pieces.push((None, trim(&word).to_string()));
    }
    let mark_first = t.chars().next().is_some_and(is_mark);
    let option_at = |k: usize| -> Option<&String> {
        let near = if mark_first {
            k.checked_add(1)
        } else {
            k.checked_sub(1)
        };
        near.and_then(|n| pieces.get(n))
            .filter(|(m, _)| m.is_none())
            .map(|(_, w)| w)
    };
    pieces
        .iter()
        .enumerate()
        .find(|(_, (m, _))| *m == Some(true))
        .and_then(|(k, _)| option_at(k))
        .map(|w| {
            w.trim_matches(|c: char| c.is_whitespace() || matches!(c, '：' | ':' | '，' | ','))
                .to_string()
        })
        .filter(|w| !w.is_empty())
}

/// "梁子湖区市场监督管理局 [123001]" → name and code.
fn split_code(text: &str) -> (Option<String>, Option<String>) {
    let t = join_lines(trim(text));
    if t.is_empty() {
        return (None, None);
    }
    if let Some(m) = CODE.captures(&t) {
        let pick = |a: usize, b: usize| Some((m.get(a)?.as_str(), m.get(b)?.as_str()));
        if let Some((code, name)) = pick(1, 2).or_else(|| pick(4, 3)).or_else(|| pick(6, 5)) {
            // A name of digits and letters only is no name: the whole is the name.
            if code.chars().any(|c| c.is_ascii_digit()) && !trim(name).is_empty() {
                return (Some(trim(name).to_string()), Some(code.to_string()));
            }
        }
    }
    (Some(t), None)
}

/// "张三 0711-1234567" → the name and the phone.
fn split_phone(text: &str) -> (String, Option<String>) {
    let t = join_lines(trim(text));
    match PHONE.find(&t) {
        Some(m) => {
            let name = format!("{}{}", &t[..m.start()], &t[m.end()..]);
            let name = trim(name.trim_matches(|c: char| {
                c == '/' || c == '、' || c == ',' || c == '，' || c == ';'
            }));
            (name.to_string(), Some(m.as_str().trim().to_string()))
        }
        None => (t, None),
    }
}

/// 项目起止时间 as written and its ends: "YYYY-MM" where a month is given, "YYYY" where only
/// a year is; one date is both ends.
fn period(text: &str) -> Period {
    let t = join_lines(trim(text));
    let folded = fold_width(&t);
    let dates: Vec<String> = DATE
        .captures_iter(&folded)
        .filter_map(|m| {
            let year = m.get(1)?.as_str();
            Some(
                match m.get(2).and_then(|x| x.as_str().parse::<u32>().ok()) {
                    Some(month) if (1..=12).contains(&month) => format!("{year}-{month:02}"),
                    _ => year.to_string(),
                },
            )
        })
        .collect();
    let start = dates.first().cloned();
    let end = dates.get(1).cloned().or_else(|| start.clone());
    Period {
        text: t,
        start,
        end,
    }
}

/// The goals: 中期目标 and 年度目标 sections, or written side by side (the labels in one row,
/// the texts under them), or a lone 绩效目标 (annual).
fn read_goals(rows: &[LRow<'_>], sections: &Sections, cx: Cx<'_>) -> Goals {
    let mut goals = Goals::default();
    // Side by side: a row holding both labels (in any cell).
    for (i, row) in rows.iter().enumerate() {
        let find = |slot: Slot| {
            row.cells
                .iter()
                .find(|c| !c.continued && c.label(cx) == Some(slot))
        };
        let (Some(mid), Some(year)) = (find(Slot::MidTermGoals), find(Slot::YearGoals)) else {
            continue;
        };
        let under = |label: &super::rows::LCell<'_>| -> String {
            let mut text = Vec::new();
            for r in rows.iter().skip(i + 1) {
                if r.first_text()
                    .is_some_and(|c| !c.continued && c.start(cx).is_some())
                {
                    break;
                }
                for c in r
                    .cells
                    .iter()
                    .filter(|c| !c.continued && !c.norm.is_empty())
                {
                    if c.col >= label.col && c.col <= label.last_col {
                        text.push(c.text);
                    }
                }
            }
            text.join("\n")
        };
        goals.long_term = goal_items(&under(mid));
        goals.annual = goal_items(&under(year));
        if !goals.long_term.is_empty() || !goals.annual.is_empty() {
            return goals;
        }
    }
    let text = |slot: Slot| {
        sections
            .range(slot)
            .map(|r| section_text(&rows[r], cx).1)
            .filter(|t| !trim(t).is_empty())
    };
    goals.long_term = text(Slot::MidTermGoals)
        .map(|t| goal_items(&t))
        .unwrap_or_default();
    goals.annual = text(Slot::YearGoals)
        .or_else(|| text(Slot::Goals))
        .map(|t| goal_items(&t))
        .unwrap_or_default();
    goals
}

/// One string per numbered goal ("目标1：", "1、", "（1）" removed), else one per paragraph.
fn goal_items(text: &str) -> Vec<String> {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| strip_goal_number(trim(l)).to_string())
        .filter(|l| !l.is_empty() && !super::tasks::is_placeholder(l))
        .collect();
    let joined = lines.join("\n");
    let numbered = lists::numbered_items(&joined);
    if numbered.len() > 1 || lines.len() <= 1 {
        numbered
    } else {
        lines
    }
}

/// "目标1：免费开展…" → "免费开展…".
fn strip_goal_number(line: &str) -> &str {
    let Some(rest) = line.strip_prefix("目标") else {
        return line;
    };
    let digits =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.len() == rest.len() {
        return line;
    }
    trim(digits.trim_start_matches([':', '：', '、', '.', '．']))
}

/// The indicators: 中期 / 年度 blocks, or one block whose halves stand side by side (one
/// 一级指标 column, then 二级 | 三级 | 指标值 twice), or a lone block (annual).
fn read_indicators(rows: &[LRow<'_>], sections: &Sections, cx: Cx<'_>) -> ProjectIndicators {
    let mut out = ProjectIndicators::default();
    let mut seen: Vec<Slot> = Vec::new();
    for &(_, slot) in sections.starts() {
        let indicator_block = matches!(
            slot,
            Slot::MidTermIndicators | Slot::YearIndicators | Slot::Indicators
        );
        if !indicator_block || seen.contains(&slot) {
            continue;
        }
        seen.push(slot);
        let Some(range) = sections.range(slot) else {
            continue;
        };
        let section = &rows[range];
        let (cols, data_start) = indicators::read_indicator_header(section, cx);
        match split_halves(&cols) {
            Some((left, right)) => {
                out.long_term
                    .extend(shape(indicators::read_rows(section, data_start, &left, cx)));
                out.annual.extend(shape(indicators::read_rows(
                    section, data_start, &right, cx,
                )));
            }
            None => {
                let table = shape(indicators::read_rows(section, data_start, &cols, cx));
                match slot {
                    Slot::MidTermIndicators => out.long_term.extend(table),
                    _ => out.annual.extend(table),
                }
            }
        }
    }
    out
}

/// The two halves of a side-by-side indicator header: every column left of the second
/// level-2 (or level-3) column, and every column from it on, both with the level-1 column
/// (and the level-2 one where the right half has none of its own).
fn split_halves(cols: &Columns) -> Option<(Columns, Columns)> {
    let level = |role: Role| {
        let mut v: Vec<u32> = cols
            .cols
            .iter()
            .filter(|c| c.role == role)
            .map(|c| c.col)
            .collect();
        v.sort_unstable();
        v
    };
    let l2 = level(Role::Level2);
    let l3 = level(Role::Level3);
    let split = if l2.len() >= 2 {
        l2[1]
    } else if l3.len() >= 2 {
        l3[1]
    } else {
        return None;
    };
    // A level the right half has no column of (一级指标 always, 二级指标 in some layouts)
    // is the left half's, shared by the row.
    let right_has = |role: Role| cols.cols.iter().any(|c| c.role == role && c.col >= split);
    let shared = |role: Role| matches!(role, Role::Level1 | Role::Level2) && !right_has(role);
    let half = |keep: &dyn Fn(u32) -> bool| {
        let mut c = Columns {
            cols: cols
                .cols
                .iter()
                .filter(|c| keep(c.col) || (c.col < split && shared(c.role)))
                .copied()
                .collect(),
            n_cols: cols.n_cols,
        };
        resolve_groups(&mut c);
        c
    };
    Some((half(&|col| col < split), half(&|col| col >= split)))
}

fn shape(table: Table<'_>) -> Vec<ProjectIndicator> {
    table
        .rows
        .into_iter()
        .map(|r: RawIndicator<'_>| ProjectIndicator {
            level1: r.level1.map(|s| s.into_owned()),
            level2: r.level2.map(|s| s.into_owned()),
            level3: r.level3.map(|s| s.into_owned()),
            target: indicators::with_unit(parse_value(r.target), r.unit),
            basis: (!r.basis.is_empty()).then(|| r.basis.into_owned()),
            remark: (!r.remark.is_empty()).then(|| r.remark.into_owned()),
        })
        .collect()
}

/// A project form with nothing filled in.
pub(super) fn is_blank(p: &Project) -> bool {
    let no_amounts = [&p.funds.mid_term, &p.funds.annual].iter().all(|a| {
        a.as_ref().is_none_or(|a| {
            a.total.is_none()
                && a.fiscal.is_none()
                && a.other.is_none()
                && a.items.iter().all(|i| i.amount.is_none())
        })
    });
    p.project.is_empty()
        && no_amounts
        && p.goals.long_term.is_empty()
        && p.goals.annual.is_empty()
        && p.indicators
            .long_term
            .iter()
            .chain(&p.indicators.annual)
            .all(|i| i.target.text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_boxes_choose_the_marked_option() {
        assert_eq!(chosen("新增项目□ 延续项目☑").as_deref(), Some("延续项目"));
        assert_eq!(chosen("□新增项目 ☑延续项目").as_deref(), Some("延续项目"));
        assert_eq!(chosen("■新增 □延续").as_deref(), Some("新增"));
        assert_eq!(chosen("新增项目√  延续项目□").as_deref(), Some("新增项目"));
        assert_eq!(chosen("延续项目").as_deref(), Some("延续项目"));
        assert_eq!(chosen("新增□ 延续□"), None);
    }

    #[test]
    fn codes_and_phones_are_split_off() {
        assert_eq!(
            split_code("梁子湖区市场监督管理局 [123001]"),
            (Some("梁子湖区市场监督管理局".into()), Some("123001".into()))
        );
        assert_eq!(
            split_code("123001 梁子湖区教育局"),
            (Some("梁子湖区教育局".into()), Some("123001".into()))
        );
        assert_eq!(
            split_code("梁子湖区教育局（301）"),
            (Some("梁子湖区教育局".into()), Some("301".into()))
        );
        assert_eq!(
            split_code("梁子湖区教育局"),
            (Some("梁子湖区教育局".into()), None)
        );
        assert_eq!(
            split_phone("张三 0711-1234567"),
            ("张三".into(), Some("0711-1234567".into()))
        );
        assert_eq!(
            split_phone("李四/13912345678"),
            ("李四".into(), Some("13912345678".into()))
        );
        assert_eq!(split_phone("王五"), ("王五".into(), None));
    }

    #[test]
    fn periods_give_their_ends() {
        let p = period("2025年1月至2025年12月");
        assert_eq!(
            (p.start.as_deref(), p.end.as_deref()),
            (Some("2025-01"), Some("2025-12"))
        );
        let p = period("2024年1月-2026年12月");
        assert_eq!(
            (p.start.as_deref(), p.end.as_deref()),
            (Some("2024-01"), Some("2026-12"))
        );
        let p = period("2025年");
        assert_eq!(
            (p.start.as_deref(), p.end.as_deref()),
            (Some("2025"), Some("2025"))
        );
        let p = period("2024-2026年");
        assert_eq!(
            (p.start.as_deref(), p.end.as_deref()),
            (Some("2024"), Some("2026"))
        );
        let p = period("2024.01-2026.12");
        assert_eq!(
            (p.start.as_deref(), p.end.as_deref()),
            (Some("2024-01"), Some("2026-12"))
        );
        let p = period("长期");
        assert_eq!((p.start, p.end, p.text.as_str()), (None, None, "长期"));
    }

    #[test]
    fn goals_split_by_number_or_paragraph() {
        assert_eq!(
            goal_items("目标1：免费开展检定。\n目标2：准确率100%。"),
            vec!["免费开展检定。", "准确率100%。"]
        );
        assert_eq!(goal_items("1.甲\n2.乙"), vec!["甲", "乙"]);
        assert_eq!(
            goal_items("甲方面。\n乙方面。"),
            vec!["甲方面。", "乙方面。"]
        );
        assert_eq!(goal_items("只有一句。"), vec!["只有一句。"]);
        assert!(goal_items("……").is_empty());
    }
}
