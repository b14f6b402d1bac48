//! A department form's record (either department template): each section of the template
//! read by its kind and put in its field of the record.

use super::funds::{self, FundsLocs};
use super::header;
use super::indicators;
use super::lists;
use super::rows::LRow;
use super::sections::{Sections, section_text};
use super::tasks::{self, TaskLocs};
use super::template::{Kind, Slot};
use super::unplaced;
use super::{Cx, Form};
use crate::model::record::{
    Annual, FormType, Funds, LongTerm, Record, SCHEMA_VERSION, Source, Warning, WarningCode,
};
use crate::model::text::{join_lines, trim};

/// Reads one department form from its rows.
pub(super) fn read(rows: &[LRow<'_>], file_name: &str, cx: Cx<'_>) -> Form {
    let mut warnings: Vec<Warning> = Vec::new();
    let part = part_of(rows);
    let sections = Sections::find(rows, cx);
    let slice = |slot: Slot| sections.range(slot).map(|r| &rows[r]);
    let kind = |slot: Slot| cx.section(slot).map(|s| s.kind);

    let fields = header::read_fields(rows, cx);
    let title = header::read_title(rows, cx);
    let (funds, funds_locs) = match slice(Slot::Funds) {
        Some(r) => funds::read_funds(r, cx, &mut warnings),
        None => (Funds::default(), FundsLocs::default()),
    };
    let text_of = |slot: Slot| slice(slot).map(|r| section_text(r, cx));
    let long_term_goals = text_of(Slot::LongGoals);
    let long_table = slice(Slot::LongIndicators).map(|r| indicators::read_indicators(r, cx));
    let annual_table = slice(Slot::AnnualIndicators).map(|r| indicators::read_indicators(r, cx));
    let (main_tasks, main_tasks_total, task_locs) = match slice(Slot::MainTasks) {
        Some(r) => tasks::read_tasks(r, cx, &mut warnings),
        None => (Vec::new(), None, TaskLocs::default()),
    };

    let history_years: Vec<i32> = match (&funds.years, &annual_table) {
        (y, _) if !y.is_empty() => y.clone(),
        (_, Some(t)) => t.years.clone(),
        _ => Vec::new(),
    };
    let budget_year =
        header::budget_year(title.year, file_name, &history_years, &part, &mut warnings);

    let list = |slot: Slot, text: &str| match kind(slot) {
        Some(Kind::Text) => {
            let t = trim(text);
            if t.is_empty() {
                Vec::new()
            } else {
                vec![t.to_string()]
            }
        }
        _ => lists::numbered_items(text),
    };
    let long_term = LongTerm {
        deadline_year: long_term_goals
            .as_ref()
            .and_then(|(label, goals)| lists::deadline_year(label, goals)),
        goals: long_term_goals
            .as_ref()
            .map(|(_, t)| lists::without_deadline_note(list(Slot::LongGoals, t)))
            .unwrap_or_default(),
        indicators: long_table.map(indicators::long_term).unwrap_or_default(),
    };
    let annual = Annual {
        goal: text_of(Slot::AnnualGoal)
            .map(|(_, t)| match kind(Slot::AnnualGoal) {
                Some(Kind::List) => lists::numbered_items(&t).join("\n"),
                _ => paragraphs(&t),
            })
            .filter(|t| !t.is_empty()),
        indicators: annual_table
            .map(|t| {
                let keys = indicators::history_keys(&t, &history_years, budget_year);
                indicators::annual(t, &keys)
            })
            .unwrap_or_default(),
    };

    // The sections a form of this template is expected to have, where missing.
    for slot in [
        Slot::Department,
        Slot::Funds,
        Slot::LongIndicators,
        Slot::AnnualIndicators,
        Slot::MainTasks,
    ] {
        let expected = slot == Slot::Department
            || cx
                .template
                .sections
                .iter()
                .any(|s| s.slot == slot && !optional(slot, cx));
        let present = if slot == Slot::Department {
            fields.get(Slot::Department).is_some()
        } else {
            sections.range(slot).is_some()
        };
        if expected && !present {
            let label = cx
                .section(slot)
                .and_then(|s| s.labels.first())
                .or_else(|| {
                    cx.template
                        .fields
                        .iter()
                        .find(|(s, _)| *s == slot)
                        .and_then(|(_, l)| l.first())
                })
                .map(|l| l.trim_start_matches(['=', '*']).to_string())
                .unwrap_or_else(|| slot.field_name().to_string());
            warnings.push(Warning {
                code: WarningCode::MissingSection,
                message: format!("未找到“{label}”部分"),
                location: part.clone(),
            });
        }
    }
    unplaced::check(rows, &sections, &fields, cx, &mut warnings);

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
        template: Some(cx.template.name.clone()),
        form: title.form,
        department: fields
            .get(Slot::Department)
            .map(join_lines)
            .unwrap_or_default(),
        preparer: fields.get(Slot::Preparer).map(str::to_string),
        phone: fields.get(Slot::Phone).map(str::to_string),
        unit: header::unit_of(rows),
        budget_year,
        funds,
        functions: text_of(Slot::Functions)
            .map(|(_, t)| list(Slot::Functions, &t))
            .unwrap_or_default(),
        annual_tasks: text_of(Slot::AnnualTasks)
            .map(|(_, t)| match kind(Slot::AnnualTasks) {
                Some(Kind::List) => vec![crate::model::record::TaskGroup {
                    title: None,
                    items: lists::numbered_items(&t),
                }],
                _ => lists::task_groups(&t),
            })
            .unwrap_or_default(),
        long_term,
        annual,
        main_tasks,
        main_tasks_total,
        warnings,
    };
    Form::Department {
        record: Box::new(record),
        funds_locs: Box::new(funds_locs),
        task_locs,
    }
}

/// Sections a template lists but its forms may leave out without a warning: the national
/// template's optional 部门职能 / 中长期目标 / 长期绩效指标, and any section of a template
/// that has no funds table where the funds are concerned.
fn optional(slot: Slot, cx: Cx<'_>) -> bool {
    // A template with main tasks is the national one: its long-term part is optional.
    cx.section(Slot::MainTasks).is_some() && matches!(slot, Slot::LongIndicators)
}

/// A text cell's paragraphs, each trimmed, empty ones dropped, joined with "\n"
/// (RECORD.md: the national template's annual goal; for one paragraph, the text trimmed).
fn paragraphs(text: &str) -> String {
    text.split('\n')
        .map(trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The part a form stands in: "table 1", "sheet 绩效目标表".
pub(super) fn part_of(rows: &[LRow<'_>]) -> String {
    rows.iter()
        .find_map(|r| r.grid)
        .map(|g| g.part_name())
        .unwrap_or_else(|| "body".to_string())
}

/// A department form with nothing filled in: no department, no amount, no indicator value,
/// no text.
pub(super) fn is_blank(r: &Record) -> bool {
    let lines = || {
        r.funds
            .income
            .items
            .iter()
            .chain(&r.funds.expenditure.items)
            .chain(r.funds.income.total.iter())
            .chain(r.funds.expenditure.total.iter())
    };
    let no_amounts = lines().all(|l| {
        l.amount.is_none() && l.share_percent.is_none() && l.history.values().all(Option::is_none)
    });
    let no_values = r
        .long_term
        .indicators
        .iter()
        .all(|i| i.target.text.is_empty())
        && r.annual
            .indicators
            .iter()
            .all(|i| i.target.text.is_empty() && i.history.values().all(|v| v.text.is_empty()));
    r.department.is_empty()
        && no_amounts
        && no_values
        && r.functions.is_empty()
        && r.annual_tasks.iter().all(|g| g.items.is_empty())
        && r.long_term.goals.is_empty()
        && r.annual.goal.is_none()
        && r.main_tasks.iter().all(|t| t.amount.total.is_none())
}
