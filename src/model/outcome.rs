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
}
