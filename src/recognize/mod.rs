//! The form recogniser: finds the forms in the grids a reader produced, by the labels their
//! sections carry (normalised: no white space, half-width), never by row numbers. It knows
//! forms, not file formats.
//!
//! The vocabulary and the section lists are data ([`template`]); this is the engine: it
//! cuts a document into candidate forms, tries every template on each (the one whose
//! sections fit best takes it), finds the sections, fills merged or written-once labels
//! down, joins broken rows and split tables, reads each section by its kind and shapes the
//! record ([`department`]) or the project record ([`project`]).

pub(crate) mod amounts;
mod columns;
mod department;
mod funds;
mod header;
mod indicators;
mod labels;
mod lists;
mod project;
mod rows;
mod sections;
mod tasks;
pub mod template;
mod unplaced;

pub use funds::{BlockLocs, FundsLocs};
pub use project::ProjectLocs;
pub use tasks::TaskLocs;

use crate::model::grid::Document;
use crate::model::project::Project;
use crate::model::record::{FormType, Record};
use rows::{LRow, rows_of};
use sections::sections_in;
use template::{Kind, Meaning, Slot, Template, TemplateSet, Vocabulary};

/// The name the department template's records carry in `template`.
pub const DEPARTMENT_TEMPLATE: &str = "department";

/// A constant pattern of the recogniser. That it is a valid regex is a fact of this
/// source, not of any input: `compile_patterns`' test builds every one.
#[allow(clippy::expect_used)]
fn pattern(p: &str) -> regex::Regex {
    regex::Regex::new(p).expect("a constant pattern is valid")
}

/// Compiles the recogniser's regular expressions and the built-in templates now rather
/// than when the first form needs them; `perfsheet ingest` calls this on a thread of its
/// own while it walks the folders. Calling it is never needed for correctness.
pub fn compile_patterns() {
    let all = header::PATTERNS
        .iter()
        .chain(&lists::PATTERNS)
        .chain(&labels::PATTERNS)
        .chain(&project::PATTERNS);
    for pattern in all {
        std::sync::LazyLock::force(pattern);
    }
    let _ = TemplateSet::built_in();
}

/// The fields and sections a cell's text starts, in any built-in template: (template name,
/// field name) pairs, for `inspect`'s marks.
pub fn label_starts(norm: &str) -> Vec<(String, &'static str)> {
    let set = TemplateSet::built_in();
    let vocab = set.vocabulary();
    let hits = vocab.hits(norm);
    set.templates()
        .iter()
        .enumerate()
        .filter_map(|(t, template)| {
            let (slot, len) = vocab.slot(&hits, u16::try_from(t).ok()?)?;
            rows::starts_section(norm.get(len..)?)
                .then(|| (template.name.clone(), slot.field_name()))
        })
        .collect()
}

/// One template as the engine reads a form with it: the vocabulary shared by all
/// templates of the set, and which template's meanings to take.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub vocab: &'a Vocabulary,
    pub template: &'a Template,
    pub t: u16,
}

impl Cx<'_> {
    /// The template's section filling `slot`, if it has one.
    pub fn section(&self, slot: Slot) -> Option<&template::Section> {
        self.template.sections.iter().find(|s| s.slot == slot)
    }

    /// The first of `slots` the template has a section for.
    pub fn first_of(&self, slots: &[Slot]) -> Option<Slot> {
        slots.iter().copied().find(|s| self.section(*s).is_some())
    }

    /// The first section of the template read as `kind`.
    pub fn slot_of_kind(&self, kind: Kind) -> Option<Slot> {
        self.template
            .sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.slot)
    }

    /// The field that names a form of this template: 部门（单位）名称, 项目名称.
    fn identity(&self) -> Slot {
        match self.template.form_type {
            FormType::Department => Slot::Department,
            FormType::Project => Slot::Project,
        }
    }
}

/// A recognised form: the record (source path, format, bytes and sha256 left for the
/// caller to fill) and the cell locations the checks need.
#[derive(Debug, Clone)]
pub enum Form {
    /// A department form (either department template).
    Department {
        /// The record.
        record: Box<Record>,
        /// Where the funds table's numbers stood.
        funds_locs: Box<FundsLocs>,
        /// Where the main tasks' numbers stood.
        task_locs: TaskLocs,
    },
    /// A project form.
    Project {
        /// The project record.
        project: Box<Project>,
        /// Where its funds stood.
        locs: ProjectLocs,
    },
}

impl Form {
    /// Nothing filled in: the template's labels and rows only.
    fn is_blank(&self) -> bool {
        match self {
            Form::Department { record, .. } => department::is_blank(record),
            Form::Project { project, .. } => project::is_blank(project),
        }
    }
}

/// How one candidate form fared with each template, for `perfsheet inspect`.
#[derive(Debug, Clone)]
pub struct Trial {
    /// Where the candidate starts ("table 1 row 1 col 1", "sheet1!A1").
    pub at: String,
    /// One verdict per template, in the order they were tried.
    pub templates: Vec<Verdict>,
}

/// What one template made of a candidate form.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The template's name.
    pub template: String,
    /// The fields and sections it found (field names of the record).
    pub found: Vec<&'static str>,
    /// Whether it took the form.
    pub accepted: bool,
    /// Why (in Chinese).
    pub reason: String,
}

/// Everything the recogniser found in a document.
#[derive(Debug, Clone, Default)]
pub struct Recognized {
    /// The forms, in document order.
    pub forms: Vec<Form>,
    /// Every candidate form and how each template fared with it.
    pub trials: Vec<Trial>,
    /// A performance-indicator table that no template accepted, and why.
    pub unknown: Option<String>,
    /// Forms a template accepted with nothing filled in (not in `forms`), by template
    /// description.
    pub blank: Vec<String>,
}

/// What one template found in a candidate form.
struct Fit {
    slots: Vec<Slot>,
    /// The last section found, in row order.
    last: Option<Slot>,
    score: usize,
    body: bool,
    header: bool,
    refused: Option<String>,
}

/// Finds every form in a document with the templates of `set`. `file_name` may carry the
/// budget year ("2024年鄂州市乡村振兴局绩效目标表.docx").
pub fn recognize(doc: &Document, file_name: &str, set: &TemplateSet) -> Recognized {
    let vocab = set.vocabulary();
    let cxs: Vec<Cx<'_>> = set
        .templates()
        .iter()
        .enumerate()
        .map(|(t, template)| Cx {
            vocab,
            template,
            t: u16::try_from(t).unwrap_or(u16::MAX),
        })
        .collect();
    let mut out = Recognized::default();
    // Forms as (template, rows), in document order.
    let mut forms: Vec<(usize, Vec<LRow<'_>>)> = Vec::new();
    // The last section of the form read last: a headerless continuation extends it.
    let mut last_section: Option<Slot> = None;
    for part in &doc.parts {
        let rows = rows_of(part);
        for segment in split_forms(rows, &cxs) {
            let fits: Vec<Fit> = cxs.iter().map(|cx| fit(&segment, *cx)).collect();
            let at = segment
                .iter()
                .find(|r| !r.is_blank())
                .map(|r| r.row_loc())
                .unwrap_or_default();
            // A headerless continuation (a second sheet, a later table) of the form read
            // last, unless another form's own header stands in it.
            let own_identity = cxs.iter().any(|cx| {
                segment.iter().any(|r| {
                    r.cells
                        .iter()
                        .any(|c| !c.continued && c.start(*cx) == Some(cx.identity()))
                })
            });
            let continues = forms.last().is_some_and(|(t, _)| {
                let f = &fits[*t];
                let continues_form = f.body && !f.header && !own_identity;
                let continues_table = f.last.is_none()
                    && matches!(
                        last_section,
                        Some(
                            Slot::LongIndicators
                                | Slot::AnnualIndicators
                                | Slot::MidTermIndicators
                                | Slot::YearIndicators
                                | Slot::Indicators
                        )
                    )
                    && segment.iter().any(|r| written_cells(r) >= 4);
                continues_form || continues_table
            });
            let best = choose(&fits, &cxs);
            let mut verdicts: Vec<Verdict> = cxs
                .iter()
                .zip(&fits)
                .enumerate()
                .map(|(i, (cx, f))| verdict(i, cx, f, best, continues))
                .collect();
            if continues {
                if let Some((t, rows)) = forms.last_mut() {
                    if let Some(v) = verdicts.get_mut(*t) {
                        v.accepted = true;
                        v.reason = "接续上一张表（没有自己的表头）".to_string();
                    }
                    if let Some(s) = fits[*t].last {
                        last_section = Some(s);
                    }
                    rows.extend(segment);
                }
            } else if let Some(t) = best {
                last_section = fits[t].last;
                forms.push((t, segment));
            } else if out.unknown.is_none() {
                out.unknown = unknown_reason(&segment, &cxs, &fits);
            }
            if !at.is_empty() || verdicts.iter().any(|v| !v.found.is_empty()) {
                out.trials.push(Trial {
                    at,
                    templates: verdicts,
                });
            }
        }
    }
    for (t, rows) in &forms {
        let cx = cxs[*t];
        let form = match cx.template.form_type {
            FormType::Department => department::read(rows, file_name, cx),
            FormType::Project => project::read(rows, file_name, cx),
        };
        if form.is_blank() {
            out.blank.push(cx.template.description.clone());
        } else {
            out.forms.push(form);
        }
    }
    out
}

/// The template that takes a candidate form: among those that accept it, the one that
/// found the most fitting sections and fields, then the one whose title words the title
/// holds, then the first listed.
fn choose(fits: &[Fit], cxs: &[Cx<'_>]) -> Option<usize> {
    fits.iter()
        .enumerate()
        .filter(|(i, f)| accepts(f, &cxs[*i]))
        .max_by_key(|(i, f)| (f.score, usize::MAX - i))
        .map(|(i, _)| i)
}

fn accepts(f: &Fit, cx: &Cx<'_>) -> bool {
    f.refused.is_none() && f.body && f.slots.len() >= cx.template.min_sections
}

fn verdict(i: usize, cx: &Cx<'_>, f: &Fit, best: Option<usize>, continues: bool) -> Verdict {
    let found: Vec<&'static str> = f.slots.iter().map(|s| s.field_name()).collect();
    let (accepted, reason) = if let Some(r) = &f.refused {
        (false, r.clone())
    } else if !f.body {
        (false, "没有找到正文栏目（资金、指标、目标等）".to_string())
    } else if f.slots.len() < cx.template.min_sections {
        (
            false,
            format!(
                "只找到 {} 个栏目，至少需要 {} 个",
                f.slots.len(),
                cx.template.min_sections
            ),
        )
    } else if continues {
        (false, "这部分接续上一张表".to_string())
    } else if best == Some(i) {
        (true, format!("找到 {} 个栏目，最符合", f.slots.len()))
    } else {
        (false, "其他模板更符合".to_string())
    };
    Verdict {
        template: cx.template.name.clone(),
        found,
        accepted,
        reason,
    }
}

/// What a template finds in a candidate form: the distinct fields and sections whose
/// content fits the kind they are read as, and whether a label of another form refuses it.
fn fit(rows: &[LRow<'_>], cx: Cx<'_>) -> Fit {
    let found = sections_in(rows, cx);
    let starts = sections::Sections::find(rows, cx);
    let mut slots: Vec<Slot> = Vec::new();
    for s in &found {
        if slots.contains(s) {
            continue;
        }
        if s.is_header() {
            slots.push(*s);
            continue;
        }
        let Some(section) = cx.section(*s) else {
            continue;
        };
        if section.kind == Kind::Ignore {
            continue;
        }
        let fits = starts
            .range(*s)
            .is_none_or(|r| kind_fits(&rows[r], section.kind, cx));
        if fits {
            slots.push(*s);
        }
    }
    let title = header::title_of(rows, cx);
    let title_hit = title.is_some_and(|t| {
        let hits = cx.vocab.hits(&crate::model::text::normalize_label(t));
        cx.vocab.has(&hits, cx.t, Meaning::Title)
    });
    // A word of another form counts in the title or in a header row of a table (a row
    // holding column headers), not in the text of a section the template reads past
    // (a 项目实施进度计划 step named 绩效自评).
    let ignored = |i: usize| {
        starts
            .starts()
            .iter()
            .rev()
            .find(|(at, _)| *at <= i)
            .is_some_and(|(_, s)| cx.section(*s).is_some_and(|d| d.kind == Kind::Ignore))
    };
    let header_row = |r: &LRow<'_>| r.cells.iter().any(|c| !c.continued && c.role(cx).is_some());
    let refused = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| !ignored(*i) && (header_row(r) || r.grid.is_none() || *i == 0))
        .flat_map(|(_, r)| r.cells.iter())
        .find(|c| !c.continued && c.norm.chars().count() <= 24 && c.means(cx, Meaning::Refuse))
        .or_else(|| {
            title.and_then(|t| {
                rows.iter()
                    .flat_map(|r| r.cells.iter())
                    .find(|c| c.text == t && c.means(cx, Meaning::Refuse))
            })
        })
        .map(|c| {
            format!(
                "表中有“{}”，这是另一种表格，不是{}",
                crate::model::text::trim(c.text),
                cx.template.description
            )
        });
    // Goals alone do not make a form: a table, the duties or the tasks do.
    let body = slots.iter().any(|s| {
        !s.is_header()
            && !matches!(
                s,
                Slot::LongGoals
                    | Slot::AnnualGoal
                    | Slot::MidTermGoals
                    | Slot::YearGoals
                    | Slot::Goals
            )
    });
    let header = slots.contains(&cx.identity()) || title.is_some();
    Fit {
        score: slots.len() * 4 + usize::from(title_hit) * 2,
        last: found.last().copied(),
        slots,
        body,
        header,
        refused,
    }
}

/// Whether a section's rows hold what its kind reads: a table for the table kinds, text
/// for the text kinds.
fn kind_fits(rows: &[LRow<'_>], kind: Kind, cx: Cx<'_>) -> bool {
    use template::Role;
    let has_role = |want: &dyn Fn(Role) -> bool| {
        rows.iter()
            .take(6)
            .flat_map(|r| r.cells.iter())
            .any(|c| !c.continued && c.role(cx).is_some_and(want))
    };
    match kind {
        Kind::Indicators => has_role(&|r| matches!(r, Role::Level3 | Role::Level1 | Role::Level2)),
        Kind::MoneyTable => has_role(&|r| {
            matches!(
                r,
                Role::Amount | Role::Share | Role::Year(_) | Role::HistoryGroup
            )
        }),
        Kind::TaskTable => has_role(&|r| matches!(r, Role::TaskName | Role::TaskContent)),
        Kind::Amounts => rows.iter().flat_map(|r| r.cells.iter()).any(|c| {
            c.norm.chars().any(|ch| ch.is_ascii_digit())
                || c.role(cx)
                    .is_some_and(|r| matches!(r, Role::Total | Role::Fiscal | Role::Other))
        }),
        Kind::List | Kind::Text | Kind::TaskGroups => !looks_like_table(rows, cx),
        Kind::Ignore => true,
    }
}

/// A section whose content is a table (column headers, several numbers per row), not text.
fn looks_like_table(rows: &[LRow<'_>], cx: Cx<'_>) -> bool {
    let mut wide_rows = 0;
    let mut numbers = 0;
    for row in rows {
        let written: Vec<_> = row
            .cells
            .iter()
            .filter(|c| !c.continued && !c.norm.is_empty() && c.start(cx).is_none())
            .collect();
        if written.len() >= 3 {
            wide_rows += 1;
        }
        numbers += written
            .iter()
            .filter(|c| {
                matches!(
                    crate::model::value::parse_amount(&c.norm),
                    crate::model::value::Amount::Number(_)
                )
            })
            .count();
    }
    wide_rows >= 2 && numbers >= 2
}

/// Why a document with a performance-indicator table gave no form, or `None` when it has
/// no such table (then it is simply not a form).
fn unknown_reason(rows: &[LRow<'_>], cxs: &[Cx<'_>], fits: &[Fit]) -> Option<String> {
    use template::Role;
    let indicator_table = cxs.iter().any(|cx| {
        let mut roles = rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter_map(|c| c.role(*cx));
        let (mut l1, mut l3, mut value) = (false, false, false);
        for r in &mut roles {
            l1 |= matches!(r, Role::Level1 | Role::Level2);
            l3 |= r == Role::Level3;
            value |= matches!(r, Role::ValueGroup | Role::Target);
        }
        l1 && l3 && value
    });
    if !indicator_table {
        return None;
    }
    let refused = fits.iter().find_map(|f| f.refused.clone());
    Some(refused.unwrap_or_else(|| "表格的栏目与已知模板都对不上".to_string()))
}

/// Cells with text that a row writes itself (not carried by a merge from above).
fn written_cells(row: &LRow<'_>) -> usize {
    row.cells
        .iter()
        .filter(|c| !c.continued && !c.norm.is_empty())
        .count()
}

/// Splits a part's rows where a second form's own header begins (部门（单位）名称 or
/// 项目名称 of any template), so one Word body or sheet holding several forms gives several
/// records. Title rows just above a header go with it.
fn split_forms<'a>(rows: Vec<LRow<'a>>, cxs: &[Cx<'_>]) -> Vec<Vec<LRow<'a>>> {
    let header_rows: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.cells
                .iter()
                .any(|c| !c.continued && cxs.iter().any(|cx| c.start(*cx) == Some(cx.identity())))
        })
        .map(|(i, _)| i)
        .collect();
    if header_rows.len() < 2 {
        return vec![rows];
    }
    // A second header only begins a second form when a body section stands between it and
    // the first: "填报单位：XX局" on the line above a project form's 项目名称 is the
    // department's header field of the same form, not a form of its own.
    let body_between = |a: usize, b: usize| {
        rows[a..b].iter().any(|r| {
            r.cells.iter().any(|c| {
                !c.continued
                    && cxs
                        .iter()
                        .any(|cx| c.start(*cx).is_some_and(|s| !is_header_slot(s)))
            })
        })
    };
    let mut kept = vec![header_rows[0]];
    for &h in &header_rows[1..] {
        if body_between(kept[kept.len() - 1], h) {
            kept.push(h);
        }
    }
    let header_rows = kept;
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

/// The fields of a form's header (who files it, for which project), as opposed to its body
/// sections (funds, goals, indicators, tasks).
fn is_header_slot(slot: Slot) -> bool {
    matches!(
        slot,
        Slot::Department
            | Slot::Preparer
            | Slot::Phone
            | Slot::Project
            | Slot::Supervisor
            | Slot::Implementer
            | Slot::Attribute
            | Slot::Category
            | Slot::Leader
            | Slot::Period
            | Slot::Ignore
    )
}

/// A title, unit or year row above a form's header ("附件1" too).
fn is_preamble(row: &LRow<'_>) -> bool {
    let texts: Vec<&str> = row
        .cells
        .iter()
        .filter(|c| !c.norm.is_empty())
        .map(|c| &*c.norm)
        .collect();
    !texts.is_empty()
        && texts.len() <= 2
        && texts.iter().all(|t| {
            t.contains("绩效目标")
                || header::is_unit_line(t)
                || header::YEAR_IN_TITLE.is_match(t) && t.chars().count() <= 12
                || t.starts_with("附件") && t.chars().count() <= 6
        })
}

#[cfg(test)]
mod tests;
