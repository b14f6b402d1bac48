//! The combined dataset the bureau loads (RECORD.md "The combined dataset"): records,
//! projects and flagged files in a stable order, and the layout of the file.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::summary::{FormNote, Summary, SummaryBuilder};
use crate::model::flagged::Flagged;
use crate::model::outcome::Outcome;
use crate::model::project::Project;
use crate::model::record::{Record, SCHEMA_VERSION};

/// Flagged files in dataset order: by path, then code.
fn sort_flagged(flagged: &mut [Flagged]) {
    flagged.sort_by(|a, b| (&a.path, &a.code).cmp(&(&b.path, &b.code)));
}

/// The tool that wrote the dataset.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Tool {
    /// "perfsheet".
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

impl Tool {
    /// perfsheet, this version.
    pub const THIS: Tool = Tool {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
}

/// The whole dataset.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Dataset {
    /// The contract version, "1".
    #[schemars(extend("const" = "1"))]
    pub schema_version: &'static str,
    /// The tool that wrote it.
    pub tool: Tool,
    /// Counts and duplicate filings.
    pub summary: Summary,
    /// Department forms, by (path, part).
    pub records: Vec<Record>,
    /// Project forms, by (path, part).
    pub projects: Vec<Project>,
    /// Files that gave no form, by path.
    pub flagged: Vec<Flagged>,
}

impl Dataset {
    /// Builds a dataset, sorting forms by (path, part) and flagged files by path so the
    /// output is identical whatever order the files finished in.
    pub fn new(
        files_seen: usize,
        mut records: Vec<Record>,
        mut projects: Vec<Project>,
        mut flagged: Vec<Flagged>,
    ) -> Self {
        records.sort_by(|a, b| {
            (&a.source.path, &a.source.part).cmp(&(&b.source.path, &b.source.part))
        });
        projects.sort_by(|a, b| {
            (&a.source.path, &a.source.part).cmp(&(&b.source.path, &b.source.part))
        });
        sort_flagged(&mut flagged);
        let mut summary = SummaryBuilder::default();
        records
            .iter()
            .for_each(|r| summary.add_form(&FormNote::of_record(r)));
        projects
            .iter()
            .for_each(|p| summary.add_form(&FormNote::of_project(p)));
        flagged.iter().for_each(|f| summary.add_flagged(f));
        let summary = summary.finish(files_seen);
        Dataset {
            schema_version: SCHEMA_VERSION,
            tool: Tool::THIS,
            summary,
            records,
            projects,
            flagged,
        }
    }

    /// The dataset file's bytes (see `write_json`).
    pub fn to_json(&self) -> io::Result<Vec<u8>> {
        let mut v = Vec::new();
        self.write_json(&mut v)?;
        Ok(v)
    }

    /// Writes the dataset file into `w` (layout: `write_document`), without holding the
    /// whole text in memory (for 10,000 forms it is some 120 MB).
    ///
    /// Records and flagged entries are serialised a batch at a time on the current rayon
    /// pool and written in order: done on one thread after the files were read, this was a
    /// tenth of the run with the other cores idle.
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        let head = (self.schema_version, &self.tool, &self.summary);
        write_document(w, head, &self.flagged, |w, array| match array {
            FormArray::Records => write_line_array(w, &self.records, true),
            FormArray::Projects => write_line_array(w, &self.projects, true),
        })
    }
}

/// Which array of forms `write_document` asks for.
enum FormArray {
    Records,
    Projects,
}

/// The dataset file: an indented object whose header (schema version, tool, summary) is
/// laid out by serde_json's pretty printer for a person to read at the top of the file,
/// and whose `records`, `projects` and `flagged` arrays hold one item per line, in compact
/// JSON.
///
/// One line per record keeps the file half the size of a fully indented one (the nested
/// indicator lists were mostly indentation: 24 MB against 12 MB for 1,000 forms), which
/// halves what is serialised, written and synced to disk; each line is the record's line
/// of `records.jsonl` in `--jsonl` mode, and a record can be found with grep.
fn write_document(
    w: &mut dyn Write,
    (schema_version, tool, summary): (&str, &Tool, &Summary),
    flagged: &[Flagged],
    mut forms: impl FnMut(&mut io::BufWriter<&mut dyn Write>, FormArray) -> io::Result<()>,
) -> io::Result<()> {
    // serde_json writes token by token; through `dyn Write` each token would be a
    // virtual call. A concrete buffer in front takes them inline.
    let mut w = io::BufWriter::with_capacity(64 << 10, w);
    w.write_all(b"{\n  \"schema_version\": ")?;
    write_pretty(&mut w, &schema_version)?;
    w.write_all(b",\n  \"tool\": ")?;
    write_pretty(&mut w, tool)?;
    w.write_all(b",\n  \"summary\": ")?;
    write_pretty(&mut w, summary)?;
    w.write_all(b",\n  \"records\": ")?;
    forms(&mut w, FormArray::Records)?;
    w.write_all(b",\n  \"projects\": ")?;
    forms(&mut w, FormArray::Projects)?;
    w.write_all(b",\n  \"flagged\": ")?;
    // Flagged entries are few and short: serialised here, on this thread. Handing them to
    // rayon outside a pool would start rayon's global pool just for them.
    write_line_array(&mut w, flagged, false)?;
    w.write_all(b"\n}\n")?;
    w.flush()
}

/// `value` as serde_json's pretty printer writes it as a field of the top object: its own
/// pretty text with every line after the first indented one level. A raw newline only
/// ever separates tokens (one inside a string is escaped), so this is exact.
fn write_pretty(w: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            w.write_all(b"\n  ")?;
        }
        w.write_all(line)?;
    }
    Ok(())
}

/// An array of `items`, one compact item a line; with `parallel`, serialised on the current
/// rayon pool a batch at a time (memory: one batch of text).
fn write_line_array<T: Serialize + Sync>(
    w: &mut impl Write,
    items: &[T],
    parallel: bool,
) -> io::Result<()> {
    use rayon::prelude::*;
    const BATCH: usize = 256;
    let mut array = LineArray::default();
    let text = |item: &T| serde_json::to_vec(item).map_err(io::Error::other);
    for batch in items.chunks(BATCH) {
        let texts: Vec<Vec<u8>> = if parallel {
            batch.par_iter().map(text).collect::<io::Result<_>>()?
        } else {
            batch.iter().map(text).collect::<io::Result<_>>()?
        };
        texts.iter().try_for_each(|t| array.item(w, t))?;
    }
    array.end(w)
}

/// Writes an array of the top object one item a line, from the items' compact texts.
#[derive(Default)]
struct LineArray {
    started: bool,
}

impl LineArray {
    fn item(&mut self, w: &mut impl Write, text: &[u8]) -> io::Result<()> {
        w.write_all(if self.started { b",\n    " } else { b"[\n    " })?;
        self.started = true;
        w.write_all(text)
    }

    fn end(self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(if self.started { b"\n  ]" } else { b"[]" })
    }
}

/// One form (a record or a project) as the dataset file holds it, serialised on the
/// worker that read it, with what ordering and the summary need. Holding these instead of
/// the forms takes a quarter of the memory in a default (`-o`) run, and frees each form on
/// the thread that made it.
#[derive(Debug)]
pub struct SerializedForm {
    part: String,
    note: FormNote,
    /// The form's compact JSON: its line of the dataset file.
    text: Vec<u8>,
}

impl SerializedForm {
    /// Serialises a department record for the dataset file.
    pub fn record(record: &Record) -> io::Result<Self> {
        Self::new(record, &record.source.part, FormNote::of_record(record))
    }

    /// Serialises a project record for the dataset file.
    pub fn project(project: &Project) -> io::Result<Self> {
        Self::new(project, &project.source.part, FormNote::of_project(project))
    }

    fn new(form: &impl Serialize, part: &str, note: FormNote) -> io::Result<Self> {
        let mut text = serde_json::to_vec(form).map_err(io::Error::other)?;
        // The buffer grew by doubling: up to half of it is spare, and it is kept to the end
        // of the run. Shrinking a heap block is done in place.
        text.shrink_to_fit();
        Ok(SerializedForm {
            part: part.to_string(),
            note,
            text,
        })
    }

    /// The form's line (compact JSON, no newline).
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// What the summary needs of the form.
    pub fn note(&self) -> &FormNote {
        &self.note
    }

    /// The table or sheet that held the form (`source.part`).
    pub fn part(&self) -> &str {
        &self.part
    }

    fn key(&self) -> (&str, &str) {
        (&self.note.path, &self.part)
    }
}

/// One file's outcome as the outputs keep it: its forms serialised on the worker that read
/// them, or its flagged entry, and the outcome itself where the review workbook or CSV
/// need the forms' fields.
#[derive(Debug)]
pub struct SerializedOutcome {
    /// The forms' lines, or the error that stopped serialising them.
    pub forms: io::Result<Vec<SerializedForm>>,
    /// The flagged entries: the file's, if it gave no form (or its members', for an
    /// archive).
    pub flagged: Vec<Flagged>,
    /// The outcome, kept when asked for.
    pub outcome: Option<Outcome>,
    /// How many files it accounts for.
    pub files: usize,
}

impl SerializedOutcome {
    /// Serialises `outcome`; with `keep`, keeps it too.
    pub fn new(outcome: Outcome, keep: bool) -> Self {
        let leaves = outcome.leaves();
        let mut flagged = Vec::new();
        let mut forms = Vec::new();
        for leaf in &leaves {
            match leaf {
                Outcome::Forms(f) => {
                    forms.extend(f.records.iter().map(SerializedForm::record));
                    forms.extend(f.projects.iter().map(SerializedForm::project));
                }
                Outcome::Flagged(f) => flagged.push(f.clone()),
                Outcome::Archive(_) => {}
            }
        }
        let files = leaves.len();
        SerializedOutcome {
            forms: forms.into_iter().collect(),
            flagged,
            outcome: keep.then_some(outcome),
            files,
        }
    }
}

/// Builds the dataset file from forms serialised as they were read, so that writing it
/// at the end is a copy of bytes: the same file `Dataset::write_json` writes for the same
/// forms, in less memory and less time after the last file.
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    records: Vec<SerializedForm>,
    projects: Vec<SerializedForm>,
    flagged: Vec<Flagged>,
    files: usize,
}

impl DatasetBuilder {
    /// Adds one form, in any order (`finish` sorts).
    pub fn add_form(&mut self, form: SerializedForm) {
        if form.note.project {
            self.projects.push(form);
        } else {
            self.records.push(form);
        }
    }

    /// Adds one flagged file, in any order.
    pub fn add_flagged(&mut self, flagged: Flagged) {
        self.flagged.push(flagged);
    }

    /// Adds one file's outcome, counting the files it accounts for; an error serialising
    /// its forms is returned.
    pub fn add(&mut self, outcome: SerializedOutcome) -> io::Result<()> {
        self.files += outcome.files;
        outcome.forms?.into_iter().for_each(|f| self.add_form(f));
        outcome
            .flagged
            .into_iter()
            .for_each(|f| self.add_flagged(f));
        Ok(())
    }

    /// The files counted by `add`.
    pub fn files_seen(&self) -> usize {
        self.files
    }

    /// Orders everything as `Dataset::new` does and sums it up, for `files_seen` files.
    pub fn finish(mut self, files_seen: usize) -> SerializedDataset {
        self.records.sort_by(|a, b| a.key().cmp(&b.key()));
        self.projects.sort_by(|a, b| a.key().cmp(&b.key()));
        sort_flagged(&mut self.flagged);
        let mut summary = SummaryBuilder::default();
        for form in self.records.iter().chain(&self.projects) {
            summary.add_form(&form.note);
        }
        self.flagged.iter().for_each(|f| summary.add_flagged(f));
        let summary = summary.finish(files_seen);
        SerializedDataset {
            summary,
            records: self.records,
            projects: self.projects,
            flagged: self.flagged,
        }
    }
}

/// A dataset made by `DatasetBuilder`, ready to write.
#[derive(Debug)]
pub struct SerializedDataset {
    /// Counts and duplicate filings.
    pub summary: Summary,
    records: Vec<SerializedForm>,
    projects: Vec<SerializedForm>,
    flagged: Vec<Flagged>,
}

impl SerializedDataset {
    /// Writes the dataset file: the same bytes as `Dataset::write_json`.
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        let head = (SCHEMA_VERSION, &Tool::THIS, &self.summary);
        write_document(w, head, &self.flagged, |w, array| {
            let forms = match array {
                FormArray::Records => &self.records,
                FormArray::Projects => &self.projects,
            };
            let mut lines = LineArray::default();
            forms.iter().try_for_each(|f| lines.item(w, &f.text))?;
            lines.end(w)
        })
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The file holds the dataset (read back, it is the same JSON value), with the header
    /// indented and each record and flagged entry on a line of its own.
    #[test]
    fn the_dataset_file_is_the_dataset_one_record_a_line() {
        let flagged = Flagged {
            path: "a/损坏.docx".into(),
            format: "docx".into(),
            code: "corrupt".into(),
            message: "文件已损坏".into(),
            detail: Some("压缩包结构错误: invalid Zip archive".into()),
        };
        // Real records (nested objects, arrays, nulls, text with newlines and quotes), more
        // of them than one parallel batch, and both arrays empty.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/forms");
        let inputs = crate::pipeline::WalkBuilder::new([dir])
            .build()
            .expect("fixtures");
        let one = crate::pipeline::Ingest::default().dataset(&inputs);
        assert!(one.records.len() > 3, "fixtures give records");
        let mut records = Vec::new();
        while records.len() < 600 {
            records.extend(one.records.iter().cloned());
        }
        records[0].department = "换行\n和\"引号\"\t".into();
        for d in [
            Dataset::new(records.len(), records, Vec::new(), vec![flagged.clone(); 3]),
            Dataset::new(1, Vec::new(), Vec::new(), vec![flagged.clone()]),
            Dataset::new(0, Vec::new(), Vec::new(), Vec::new()),
        ] {
            let bytes = d.to_json().expect("write");
            let text = String::from_utf8(bytes).expect("UTF-8");
            let back: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(back, serde_json::to_value(&d).expect("value"));
            assert!(text.ends_with("\n}\n"));
            let head = serde_json::to_string_pretty(&d.summary).expect("summary");
            let head = head.replace('\n', "\n  ");
            assert!(
                text.contains(&format!("\n  \"summary\": {head},\n")),
                "{text}"
            );
            let lines: Vec<&str> = text.lines().collect();
            for r in &d.records {
                let line = format!("    {}", serde_json::to_string(r).expect("record"));
                assert!(lines.iter().any(|l| l.trim_end_matches(',') == line));
            }
            for f in &d.flagged {
                let line = format!("    {}", serde_json::to_string(f).expect("flagged"));
                assert!(lines.iter().any(|l| l.trim_end_matches(',') == line));
            }
            let items = d.records.len() + d.flagged.len();
            // "{", the schema version, the tool's four lines and the summary's.
            let header = 6 + head.lines().count();
            let brackets = 2 * usize::from(!d.records.is_empty())
                + 2 * usize::from(!d.flagged.is_empty())
                + usize::from(d.records.is_empty())
                + usize::from(d.flagged.is_empty())
                + 1;
            assert_eq!(lines.len(), header + items + brackets + 1, "{text}");
        }
    }

    /// The dataset built from records serialised as they arrive, in any order, is the file
    /// `Dataset` writes: same order, same summary, same bytes.
    #[test]
    fn a_built_dataset_is_the_same_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let inputs = crate::pipeline::WalkBuilder::new([dir])
            .build()
            .expect("fixtures");
        let read = crate::pipeline::Ingest::default().dataset(&inputs);
        assert!(
            read.records.len() > 3 && !read.flagged.is_empty(),
            "fixtures give both"
        );
        assert!(
            !read.summary.duplicates.is_empty(),
            "fixtures hold a duplicate filing"
        );
        let mut records = read.records.clone();
        // A second form in one file, and two departments spelled apart in the same file.
        let mut second = records[0].clone();
        second.source.part = "sheet 0 排在前面".into();
        second.department = format!(" {} ", second.department);
        records.push(second);
        let mut flagged = read.flagged.clone();
        flagged.push(Flagged {
            path: flagged[0].path.clone(),
            code: "a_second_code".into(),
            ..flagged[0].clone()
        });
        // Arrival order: reversed, with records and flagged entries interleaved.
        let mut builder = DatasetBuilder::default();
        for (i, r) in records.iter().enumerate().rev() {
            builder.add_form(SerializedForm::record(r).expect("serialise"));
            if let Some(f) = flagged.get(i) {
                builder.add_flagged(f.clone());
            }
        }
        flagged
            .iter()
            .skip(records.len())
            .for_each(|f| builder.add_flagged(f.clone()));
        let built = builder.finish(inputs.len());
        let expected = Dataset::new(inputs.len(), records, Vec::new(), flagged);
        assert_eq!(built.summary, expected.summary);
        let mut bytes = Vec::new();
        built.write_json(&mut bytes).expect("write");
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&expected.to_json().expect("json"))
        );

        let mut bytes = Vec::new();
        let empty = DatasetBuilder::default().finish(0);
        empty.write_json(&mut bytes).expect("write");
        let expected = Dataset::new(0, Vec::new(), Vec::new(), Vec::new())
            .to_json()
            .expect("json");
        assert_eq!(bytes, expected);
    }
}
