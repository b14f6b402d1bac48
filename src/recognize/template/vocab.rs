//! Every label of every template compiled into one lookup: an anchored automaton for the
//! labels a cell starts with, an unanchored one for those it contains, and a hash of the
//! labels it must equal. A cell is looked up once, whatever the number of templates and
//! labels; each template then reads its own meanings off the hits.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind, StartKind};

use super::{Role, Slot, Template};

/// What a label means to the template that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A header field's or a section's label.
    Slot(Slot),
    /// A column header; `rank` is the role's place in the template's order.
    Role {
        /// The role.
        role: Role,
        /// Lower ranks win when a cell matches several roles.
        rank: u16,
    },
    /// A money table's income block.
    Income,
    /// A money table's expenditure block.
    Expenditure,
    /// A money table's total line.
    Total,
    /// A word of the template's title.
    Title,
    /// A label of another form.
    Refuse,
    /// A note the template expects and that belongs to no field.
    Ignore,
}

/// One meaning of one label, for one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The template's index in its set.
    pub template: u16,
    /// What the label means there.
    pub meaning: Meaning,
}

/// How a label is compared with a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum How {
    Prefix,
    Exact,
    Contains,
}

/// The compiled labels of a set of templates.
#[derive(Debug)]
pub struct Vocabulary {
    prefix: Option<AhoCorasick>,
    contains: Option<AhoCorasick>,
    exact: HashMap<Box<str>, u32>,
    /// The entries of each pattern (prefix patterns first, then contains, then exact),
    /// indexed by pattern id.
    entries: Vec<Vec<Entry>>,
    /// The first pattern id of the contains automaton and of the exact hash.
    contains_base: u32,
    /// The longest prefix label, in bytes: a prefix search reads no further.
    longest_prefix: usize,
    /// How many templates the labels come from.
    templates: usize,
}

/// What a cell matched, template by template still to be told apart.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// (pattern, length) of every label the cell starts with.
    prefix: Vec<(u32, u32)>,
    /// Every label the cell contains.
    contains: Vec<u32>,
    /// The label the cell equals.
    exact: Option<u32>,
    /// The cell's length, for an exact match's length.
    len: u32,
    /// What the hits mean to each template, worked out once (the recogniser asks the same
    /// cell for its role and label many times per template); empty when nothing matched.
    summary: Vec<Summary>,
}

/// What one cell's hits mean to one template: its column role, its longest field or
/// section label, and which of the flag meanings it has.
#[derive(Debug, Clone, Copy, Default)]
struct Summary {
    /// (rank, role) of the role listed first.
    role: Option<(u16, Role)>,
    /// (slot, label length) of the longest label.
    slot: Option<(Slot, u32)>,
    /// Bits of `flag_bit`.
    flags: u8,
}

/// The bit of a meaning that carries no data, `None` for slots and roles.
fn flag_bit(meaning: Meaning) -> Option<u8> {
    Some(match meaning {
        Meaning::Income => 1,
        Meaning::Expenditure => 2,
        Meaning::Total => 4,
        Meaning::Title => 8,
        Meaning::Refuse => 16,
        Meaning::Ignore => 32,
        Meaning::Slot(_) | Meaning::Role { .. } => return None,
    })
}

impl Hits {
    /// Whether the cell matched nothing at all.
    pub fn is_empty(&self) -> bool {
        self.prefix.is_empty() && self.contains.is_empty() && self.exact.is_none()
    }
}

fn split(label: &str) -> (How, &str) {
    if let Some(rest) = label.strip_prefix('=') {
        (How::Exact, rest)
    } else if let Some(rest) = label.strip_prefix('*') {
        (How::Contains, rest)
    } else {
        (How::Prefix, label)
    }
}

impl Vocabulary {
    /// Compiles the labels of `templates`.
    pub fn compile(templates: &[Template]) -> Self {
        let mut patterns: HashMap<(How, String), Vec<Entry>> = HashMap::new();
        for (ti, t) in templates.iter().enumerate() {
            let template = u16::try_from(ti).unwrap_or(u16::MAX);
            let mut add = |label: &str, meaning: Meaning| {
                let (how, text) = split(label);
                let list = patterns.entry((how, text.to_string())).or_default();
                let entry = Entry { template, meaning };
                if !list.contains(&entry) {
                    list.push(entry);
                }
            };
            for (slot, labels) in &t.fields {
                labels.iter().for_each(|l| add(l, Meaning::Slot(*slot)));
            }
            for s in &t.sections {
                s.labels.iter().for_each(|l| add(l, Meaning::Slot(s.slot)));
            }
            for (rank, (role, labels)) in t.columns.iter().enumerate() {
                let rank = u16::try_from(rank).unwrap_or(u16::MAX);
                labels
                    .iter()
                    .for_each(|l| add(l, Meaning::Role { role: *role, rank }));
            }
            t.income.iter().for_each(|l| add(l, Meaning::Income));
            t.expenditure
                .iter()
                .for_each(|l| add(l, Meaning::Expenditure));
            t.totals.iter().for_each(|l| add(l, Meaning::Total));
            t.title.iter().for_each(|l| add(l, Meaning::Title));
            t.refuse.iter().for_each(|l| add(l, Meaning::Refuse));
            t.ignore.iter().for_each(|l| add(l, Meaning::Ignore));
        }
        // A stable order: the ids below do not depend on the hash map's.
        let mut all: Vec<((How, String), Vec<Entry>)> = patterns.into_iter().collect();
        all.sort_by(|a, b| {
            let key = |h: How| match h {
                How::Prefix => 0,
                How::Contains => 1,
                How::Exact => 2,
            };
            (key(a.0.0), &a.0.1).cmp(&(key(b.0.0), &b.0.1))
        });
        let texts = |how: How| -> Vec<&str> {
            all.iter()
                .filter(|((h, _), _)| *h == how)
                .map(|((_, s), _)| s.as_str())
                .collect()
        };
        let prefix_texts = texts(How::Prefix);
        let contains_texts = texts(How::Contains);
        let build = |texts: &[&str], start: StartKind| {
            if texts.is_empty() {
                return None;
            }
            // A DFA: every cell of every form is searched, and the labels are few enough
            // for its table to stay small.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .start_kind(start)
                .build(texts)
                .ok()
        };
        // Overlapping search is not anchored in this crate: the prefix automaton searches
        // the head of a cell (no longer than its longest label) and keeps the matches that
        // start at its first byte.
        let prefix = build(&prefix_texts, StartKind::Unanchored);
        let longest_prefix = prefix_texts.iter().map(|t| t.len()).max().unwrap_or(0);
        let contains = build(&contains_texts, StartKind::Unanchored);
        let contains_base = prefix_texts.len() as u32;
        let exact_base = contains_base + contains_texts.len() as u32;
        let exact = all
            .iter()
            .filter(|((h, _), _)| *h == How::Exact)
            .enumerate()
            .map(|(i, ((_, s), _))| (s.clone().into_boxed_str(), exact_base + i as u32))
            .collect();
        Vocabulary {
            prefix,
            contains,
            exact,
            entries: all.into_iter().map(|(_, e)| e).collect(),
            contains_base,
            longest_prefix,
            templates: templates.len(),
        }
    }

    /// Every label `norm` (a normalised cell text) starts with, contains or equals (a
    /// trailing colon aside), of any template.
    pub fn hits(&self, norm: &str) -> Hits {
        let mut hits = Hits {
            len: norm.len() as u32,
            ..Hits::default()
        };
        if norm.is_empty() {
            return hits;
        }
        if let Some(ac) = &self.prefix {
            let mut head = norm.len().min(self.longest_prefix);
            while !norm.is_char_boundary(head) {
                head += 1;
            }
            // Most cells start with no label: a search for any match (which skips ahead
            // with a prefilter) rules them out before the overlapping walk.
            let input = Input::new(norm).range(..head);
            if ac.is_match(input.clone())
                && let Ok(found) = ac.try_find_overlapping_iter(input)
            {
                hits.prefix = found
                    .filter(|m| m.start() == 0)
                    .map(|m| (m.pattern().as_u32(), m.end() as u32))
                    .collect();
            }
        }
        if let Some(ac) = &self.contains
            && ac.is_match(norm)
            && let Ok(found) = ac.try_find_overlapping_iter(Input::new(norm))
        {
            hits.contains = found
                .map(|m| self.contains_base + m.pattern().as_u32())
                .collect();
            hits.contains.sort_unstable();
            hits.contains.dedup();
        }
        hits.exact = self.exact.get(norm.trim_end_matches(':')).copied();
        if !hits.is_empty() {
            hits.summary = self.summarise(&hits);
        }
        hits
    }

    /// Every template's reading of `hits`, in one pass over their entries, with the ties
    /// broken as a scan of `meanings` would: the first role of the lowest rank, the last
    /// slot of the longest label.
    fn summarise(&self, hits: &Hits) -> Vec<Summary> {
        let mut summary = vec![Summary::default(); self.templates];
        for (p, len) in self.matched(hits) {
            for e in self.entries(p) {
                let Some(s) = summary.get_mut(usize::from(e.template)) else {
                    continue;
                };
                match e.meaning {
                    Meaning::Role { role, rank } => {
                        if s.role.is_none_or(|(best, _)| rank < best) {
                            s.role = Some((rank, role));
                        }
                    }
                    Meaning::Slot(slot) => {
                        if s.slot.is_none_or(|(_, best)| len >= best) {
                            s.slot = Some((slot, len));
                        }
                    }
                    other => s.flags |= flag_bit(other).unwrap_or(0),
                }
            }
        }
        summary
    }

    /// (pattern, matched length) of every hit: prefixes, then contained and exact labels.
    fn matched<'h>(&self, hits: &'h Hits) -> impl Iterator<Item = (u32, u32)> + 'h {
        let prefix = hits.prefix.iter().copied();
        let contains = hits.contains.iter().map(|&p| (p, hits.len));
        let exact = hits.exact.iter().map(|&p| (p, hits.len));
        prefix.chain(contains).chain(exact)
    }

    fn entries(&self, pattern: u32) -> &[Entry] {
        self.entries
            .get(pattern as usize)
            .map_or(&[][..], Vec::as_slice)
    }

    /// Every (meaning, matched length) of `hits` for template `t`.
    fn meanings<'h>(&'h self, hits: &'h Hits, t: u16) -> impl Iterator<Item = (Meaning, u32)> + 'h {
        self.matched(hits).flat_map(move |(p, len)| {
            self.entries(p)
                .iter()
                .filter(move |e| e.template == t)
                .map(move |e| (e.meaning, len))
        })
    }

    /// The header field or section a cell's text starts with for template `t`, with the
    /// length of the label (the longest label wins).
    pub fn slot(&self, hits: &Hits, t: u16) -> Option<(Slot, usize)> {
        let (slot, len) = hits.summary.get(usize::from(t))?.slot?;
        Some((slot, len as usize))
    }

    /// The column role of a header cell for template `t` (the role listed first wins).
    pub fn role(&self, hits: &Hits, t: u16) -> Option<Role> {
        Some(hits.summary.get(usize::from(t))?.role?.1)
    }

    /// Whether the cell has `meaning` for template `t`.
    pub fn has(&self, hits: &Hits, t: u16, meaning: Meaning) -> bool {
        match flag_bit(meaning) {
            Some(bit) => hits
                .summary
                .get(usize::from(t))
                .is_some_and(|s| s.flags & bit != 0),
            None => self.meanings(hits, t).any(|(m, _)| m == meaning),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::TemplateSet;
    use super::*;

    fn slot_of(norm: &str, template: &str) -> Option<(Slot, usize)> {
        let set = TemplateSet::built_in();
        let t = set.templates().iter().position(|t| t.name == template)? as u16;
        let v = set.vocabulary();
        v.slot(&v.hits(norm), t)
    }

    fn role_of(norm: &str, template: &str) -> Option<Role> {
        let set = TemplateSet::built_in();
        let t = set.templates().iter().position(|t| t.name == template)? as u16;
        let v = set.vocabulary();
        v.role(&v.hits(norm), t)
    }

    #[test]
    fn the_longest_label_of_the_template_wins() {
        assert_eq!(
            slot_of("部门(单位)名称", "department"),
            Some((Slot::Department, 20))
        );
        assert_eq!(
            slot_of("年度目标:巩固", "department"),
            Some((Slot::AnnualGoal, 12))
        );
        assert_eq!(slot_of("项目名称", "department"), None);
        assert_eq!(slot_of("项目名称", "project"), Some((Slot::Project, 12)));
        assert_eq!(slot_of("主管部门", "project"), Some((Slot::Supervisor, 12)));
        assert_eq!(
            slot_of("年度主要任务", "department"),
            Some((Slot::AnnualTasks, 18))
        );
        assert_eq!(
            slot_of("年度主要任务", "national_department"),
            Some((Slot::MainTasks, 18))
        );
        assert_eq!(slot_of("", "department"), None);
        assert_eq!(slot_of("≥95%", "department"), None);
    }

    #[test]
    fn roles_by_prefix_contents_and_whole_text() {
        assert_eq!(role_of("指标值确定依据", "department"), Some(Role::Basis));
        assert_eq!(
            role_of("2023年度指标值确定依据", "department"),
            Some(Role::Basis)
        );
        assert_eq!(role_of("指标值", "department"), Some(Role::ValueGroup));
        assert_eq!(
            role_of("近两年指标值", "department"),
            Some(Role::HistoryGroup)
        );
        assert_eq!(
            role_of("绩效近两年指标值", "department"),
            Some(Role::HistoryGroup)
        );
        assert_eq!(role_of("一级", "department"), Some(Role::Level1));
        assert_eq!(role_of("一级:", "department"), Some(Role::Level1));
        assert_eq!(role_of("一级单位", "department"), None);
        assert_eq!(role_of("备注", "department"), Some(Role::Ignore));
        assert_eq!(role_of("备注", "project"), Some(Role::Remark));
        assert_eq!(role_of("指标内容", "project"), Some(Role::Level3));
        assert_eq!(role_of("公用经费控制率", "department"), None);
    }

    /// Every label of every built-in template, alone, with a colon, a note and a value
    /// after it, and inside longer text: the one-pass summary reads each exactly as a scan
    /// of its meanings does.
    #[test]
    fn the_summary_reads_every_label_as_a_scan_does() {
        let set = TemplateSet::built_in();
        let v = set.vocabulary();
        let mut labels: Vec<String> = Vec::new();
        for t in set.templates() {
            let all = t
                .fields
                .iter()
                .flat_map(|(_, l)| l.iter())
                .chain(t.sections.iter().flat_map(|s| s.labels.iter()))
                .chain(t.columns.iter().flat_map(|(_, l)| l.iter()))
                .chain(t.income.iter().chain(&t.expenditure).chain(&t.totals))
                .chain(t.title.iter().chain(&t.refuse).chain(&t.ignore));
            labels.extend(all.map(|l| split(l).1.to_string()));
        }
        assert!(labels.len() > 100, "{}", labels.len());
        let mut cells = Vec::new();
        for l in &labels {
            cells.push(l.clone());
            cells.push(format!("{l}:"));
            cells.push(format!("{l}(万元):一百"));
            cells.push(format!("2025年{l}合计"));
        }
        let flags = [
            Meaning::Income,
            Meaning::Expenditure,
            Meaning::Total,
            Meaning::Title,
            Meaning::Refuse,
            Meaning::Ignore,
        ];
        for cell in &cells {
            let hits = v.hits(cell);
            for t in 0..set.templates().len() as u16 {
                let scan_slot = v
                    .meanings(&hits, t)
                    .filter_map(|(m, len)| match m {
                        Meaning::Slot(s) => Some((s, len as usize)),
                        _ => None,
                    })
                    .max_by_key(|(_, len)| *len);
                assert_eq!(v.slot(&hits, t), scan_slot, "{cell} in template {t}");
                let scan_role = v
                    .meanings(&hits, t)
                    .filter_map(|(m, _)| match m {
                        Meaning::Role { role, rank } => Some((rank, role)),
                        _ => None,
                    })
                    .min_by_key(|(rank, _)| *rank)
                    .map(|(_, role)| role);
                assert_eq!(v.role(&hits, t), scan_role, "{cell} in template {t}");
                for m in flags {
                    let scan = v.meanings(&hits, t).any(|(x, _)| x == m);
                    assert_eq!(v.has(&hits, t, m), scan, "{cell} {m:?} in template {t}");
                }
            }
        }
    }
}
