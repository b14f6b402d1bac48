//! What one file gave: its forms, or the reason it gave none. The pipeline produces it
//! per file; the outputs consume it.

use super::flagged::Flagged;
use super::project::Project;
use super::record::Record;

/// The forms one file held: department records and project records, each in form order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Forms {
    /// 部门整体绩效目标表 found, one per form.
    pub records: Vec<Record>,
    /// 项目支出绩效目标表 found, one per form.
    pub projects: Vec<Project>,
}

impl Forms {
    /// How many forms.
    pub fn len(&self) -> usize {
        self.records.len() + self.projects.len()
    }

    /// No form at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What one file gave.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// One entry per form found.
    Forms(Forms),
    /// No form; why.
    Flagged(Flagged),
    /// A zip archive: what each of its members gave, each a file of its own.
    Archive(Vec<Outcome>),
}

impl Outcome {
    /// The outcomes of single files: this one, or every member of an archive.
    pub fn leaves(&self) -> Vec<&Outcome> {
        match self {
            Outcome::Archive(members) => members.iter().flat_map(Outcome::leaves).collect(),
            leaf => vec![leaf],
        }
    }

    /// The outcomes of single files, owned.
    pub fn into_leaves(self) -> Vec<Outcome> {
        match self {
            Outcome::Archive(members) => {
                members.into_iter().flat_map(Outcome::into_leaves).collect()
            }
            leaf => vec![leaf],
        }
    }

    /// How many files it accounts for (an archive: its members).
    pub fn files(&self) -> usize {
        self.leaves().len()
    }
}
