//! JSON Lines output (`--jsonl DIR`): `records.jsonl`, `projects.jsonl`, `flagged.jsonl`
//! and `summary.json`, for datasets too large to hold as one document. Forms are written
//! as each file finishes, in path order, so memory does not grow with the number of files;
//! the four files are put in place together, all or none, once the summary is known.

use std::io::{self, Write};
use std::path::Path;

use super::atomic::{Written, commit};
use super::dataset::SerializedOutcome;
use super::summary::{Summary, SummaryBuilder};

/// The JSON Lines files of `dir`, fed one file's outcome at a time.
struct Lines<'w> {
    records: &'w mut dyn Write,
    projects: &'w mut dyn Write,
    flagged: &'w mut dyn Write,
    summary: SummaryBuilder,
    /// Files accounted for so far.
    files: usize,
    /// The first write that failed; later outcomes are not written.
    failure: Option<io::Error>,
}

impl Lines<'_> {
    fn add(&mut self, outcome: &SerializedOutcome) {
        self.files += outcome.files;
        if self.failure.is_some() {
            return;
        }
        if let Err(e) = self.write(outcome) {
            self.failure = Some(e);
        }
    }

    fn write(&mut self, outcome: &SerializedOutcome) -> io::Result<()> {
        let forms = outcome
            .forms
            .as_ref()
            .map_err(|e| io::Error::new(e.kind(), e.to_string()))?;
        // In dataset order: the files come in path order, their forms by part.
        let mut forms: Vec<&super::dataset::SerializedForm> = forms.iter().collect();
        forms.sort_by(|a, b| a.part().cmp(b.part()));
        for form in forms {
            self.summary.add_form(form.note());
            let out = if form.note().project {
                &mut *self.projects
            } else {
                &mut *self.records
            };
            out.write_all(form.text())?;
            out.write_all(b"\n")?;
        }
        for f in &outcome.flagged {
            self.summary.add_flagged(f);
            serde_json::to_writer(&mut *self.flagged, f).map_err(io::Error::other)?;
            self.flagged.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Writes the JSON Lines files of a run into `dir` (created if missing): `feed` is called
/// once and hands every file's outcome, in dataset order, to the function it is given.
/// Returns the summary, also written as `summary.json`.
pub fn write_json_lines(
    dir: &Path,
    feed: impl FnOnce(&mut dyn FnMut(&SerializedOutcome)),
) -> io::Result<Summary> {
    std::fs::create_dir_all(dir)?;
    let mut summary = None;
    let (mut projects_out, mut flagged_out) = (None, None);
    let records_out = Written::new(&dir.join("records.jsonl"), |records| {
        let projects = Written::new(&dir.join("projects.jsonl"), |projects| {
            let flagged = Written::new(&dir.join("flagged.jsonl"), |flagged| {
                let mut lines = Lines {
                    records,
                    projects,
                    flagged,
                    summary: SummaryBuilder::default(),
                    files: 0,
                    failure: None,
                };
                feed(&mut |o| lines.add(o));
                if let Some(e) = lines.failure {
                    return Err(e);
                }
                summary = Some(lines.summary.finish(lines.files));
                Ok(())
            })?;
            flagged_out = Some(flagged);
            Ok(())
        })?;
        projects_out = Some(projects);
        Ok(())
    })?;
    let (Some(projects_out), Some(flagged_out), Some(summary)) =
        (projects_out, flagged_out, summary)
    else {
        return Err(io::Error::other(
            "JSON Lines 输出未完成 / JSON Lines output incomplete",
        ));
    };
    let json = serde_json::to_vec_pretty(&summary).map_err(io::Error::other)?;
    let summary_out = Written::new(&dir.join("summary.json"), |w| w.write_all(&json))?;
    commit([records_out, projects_out, flagged_out, summary_out])?;
    Ok(summary)
}
