//! The main job: find every file under the given paths ([`walk`]), read each one in
//! isolation on a pool of supervised workers ([`pool`]), one file start to end in
//! [`file`], and hand every outcome on in input order.
//!
//! One way through: [`Ingest`], built once with its limits and an optional progress
//! callback, then run over the inputs; [`Ingest::dataset`] gathers the whole dataset,
//! [`Ingest::run`] hands each outcome (prepared on the worker that read it) to a sink.

mod archive;
mod file;
mod pool;
mod walk;

use std::sync::Arc;

pub use file::{Settings, forms_of, precheck, process, process_with, read_forms};
pub use walk::{Input, WalkBuilder, WalkError};

use crate::limits::Limits;
use crate::model::outcome::Outcome;
use crate::output::dataset::Dataset;
use crate::recognize::template::TemplateSet;

/// A configured ingest run: the limits every file is read under and who hears of each
/// finished file.
pub struct Ingest<'a> {
    settings: Settings,
    threads: Option<usize>,
    on_file_done: &'a (dyn Fn(&Input) + Sync),
}

impl Default for Ingest<'_> {
    fn default() -> Self {
        Ingest::new(Limits::default())
    }
}

impl<'a> Ingest<'a> {
    /// A run under `limits`, on as many workers as the current rayon pool has threads.
    pub fn new(limits: Limits) -> Self {
        Ingest {
            settings: Settings::new(limits),
            threads: None,
            on_file_done: &|_| {},
        }
    }

    /// Reads with this many worker threads instead.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = Some(n.max(1));
        self
    }

    /// Calls `done` once per file the moment that file is finished (in completion order,
    /// on the calling thread), so that a caller can show progress. `done` must be cheap;
    /// the library draws nothing itself.
    pub fn on_file_done(mut self, done: &'a (dyn Fn(&Input) + Sync)) -> Self {
        self.on_file_done = done;
        self
    }

    /// Recognises forms with these templates instead of the built-in ones.
    pub fn templates(mut self, templates: Arc<TemplateSet>) -> Self {
        self.settings.templates = templates;
        self
    }

    /// The limits files are read under.
    pub fn limits(&self) -> &Limits {
        &self.settings.limits
    }

    /// Reads every input and hands each outcome, first turned into a `T` by `prepare` on
    /// the worker thread that read the file, to `sink` in input order.
    ///
    /// A caller that writes outcomes out serialises them in `prepare`: the work spreads
    /// over the workers, and a record is freed by the thread that allocated it (records
    /// freed on the calling thread left glibc's per-thread heaps fragmented). `inputs` may
    /// be given owned, so that the workers share the caller's list instead of a copy.
    pub fn run<T: Send + 'static>(
        &self,
        inputs: impl Into<Arc<[Input]>>,
        prepare: impl Fn(&Input, Outcome) -> T + Send + Sync + 'static,
        sink: impl FnMut(&Input, T),
    ) {
        let threads = self.threads.unwrap_or_else(rayon::current_num_threads);
        pool::supervise(
            inputs.into(),
            &self.settings,
            threads,
            self.on_file_done,
            sink,
            process_with,
            Arc::new(prepare),
        );
    }

    /// Reads every input and hands each outcome to `sink` in input order.
    pub fn for_each(&self, inputs: impl Into<Arc<[Input]>>, sink: impl FnMut(&Input, Outcome)) {
        self.run(inputs, |_, o| o, sink);
    }

    /// Reads every input and gathers the dataset.
    pub fn dataset(&self, inputs: &[Input]) -> Dataset {
        let (mut records, mut projects, mut flagged) = (Vec::new(), Vec::new(), Vec::new());
        let mut files = 0;
        self.for_each(inputs, |_, o| {
            for leaf in o.into_leaves() {
                files += 1;
                match leaf {
                    Outcome::Forms(f) => {
                        records.extend(f.records);
                        projects.extend(f.projects);
                    }
                    Outcome::Flagged(f) => flagged.push(f),
                    Outcome::Archive(_) => {}
                }
            }
        });
        Dataset::new(files, records, projects, flagged)
    }
}

#[cfg(test)]
mod tests;
