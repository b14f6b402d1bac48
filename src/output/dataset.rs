//! The combined dataset the bureau loads (RECORD.md "The combined dataset"): its summary,
//! the duplicate filings, and the layout of the file.

use crate::model::record::{Record, SCHEMA_VERSION};
use crate::model::text::normalize_label_cow;
use schemars::JsonSchema;
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

/// A file that gave no record, and why.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Flagged {
    /// Relative to the input root, "/" separators.
    pub path: String,
    /// What the bytes are (or "unknown" when they could not be read).
    pub format: String,
    /// Stable English code.
    pub code: String,
    /// Chinese explanation, with what to do about it.
    pub message: String,
}

/// Counts for the summary line and the dataset header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default, JsonSchema)]
pub struct Summary {
    pub files_seen: usize,
    pub records: usize,
    pub flagged: usize,
    pub records_with_warnings: usize,
    /// Departments that filed more than one file for the same budget year (a corrected
    /// second version is common). Every file stays in `records`; someone has to decide
    /// which one counts.
    pub duplicates: Vec<Duplicate>,
}

/// Several files holding a form of the same department for the same budget year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Duplicate {
    /// The department as written in the first of the files.
    pub department: String,
    pub budget_year: Option<i32>,
    /// The files (dataset paths), sorted; at least two.
    pub paths: Vec<String>,
}

/// Gathers (department, budget year) → files as records go by, so that duplicate filings
/// can be found in streaming mode too without keeping the records.
///
/// Everything noted lives in one string and one list, not in a string per field and a map
/// node per department: the finder is the one thing a `--jsonl` run keeps for every record,
/// and tens of thousands of small long-lived allocations, made between the short-lived
/// ones of reading, left glibc's heap fragmented (peak memory grew with the number of files
/// to 30-60 MiB at 10,000 files, of which only 1 MiB was still in use).
#[derive(Debug, Default)]
pub struct DuplicateFinder {
    /// The noted keys, departments and paths, end to end.
    text: String,
    /// One per noted record, in the order noted.
    noted: Vec<Noted>,
}

/// One record's fields, as ranges of `DuplicateFinder::text`.
#[derive(Debug)]
struct Noted {
    /// The department without white space, so "财政局" and "财 政 局" meet.
    key: Range<usize>,
    budget_year: Option<i32>,
    /// The department as written (trimmed).
    department: Range<usize>,
    path: Range<usize>,
}

impl DuplicateFinder {
    /// Notes one record by the three fields the finder reads. Records without a department
    /// name cannot be matched and are skipped.
    pub fn add(&mut self, department: &str, budget_year: Option<i32>, path: &str) {
        let key = normalize_label_cow(department);
        if key.is_empty() {
            return;
        }
        let key = self.push(&key);
        let department = self.push(department.trim());
        let path = self.push(path);
        self.noted.push(Noted {
            key,
            budget_year,
            department,
            path,
        });
    }

    fn push(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }

    /// Every (department, year) seen in two or more different files, ordered by department
    /// key and year, each with its files sorted. The department is as written in the first
    /// record noted. Two forms of one workbook (say one per sheet) are not a duplicate filing.
    pub fn finish(self) -> Vec<Duplicate> {
        let text = |r: &Range<usize>| self.text.get(r.clone()).unwrap_or_default();
        let mut order: Vec<&Noted> = self.noted.iter().collect();
        // Stable: within a group the first noted stays first.
        order.sort_by(|a, b| (text(&a.key), a.budget_year).cmp(&(text(&b.key), b.budget_year)));
        order
            .chunk_by(|a, b| text(&a.key) == text(&b.key) && a.budget_year == b.budget_year)
            .filter_map(|group| {
                let first = group.first()?;
                let mut paths: Vec<&str> = group.iter().map(|n| text(&n.path)).collect();
                paths.sort_unstable();
                paths.dedup();
                (paths.len() > 1).then(|| Duplicate {
                    department: text(&first.department).to_string(),
                    budget_year: first.budget_year,
                    paths: paths.into_iter().map(str::to_string).collect(),
                })
            })
            .collect()
    }
}

/// Sums a dataset up as its records and flagged files go by, without keeping them: for
/// `Dataset::new`, `DatasetBuilder` and the streaming JSON Lines writer alike.
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    dups: DuplicateFinder,
    records: usize,
    with_warnings: usize,
    flagged: usize,
}

impl SummaryBuilder {
    /// Counts one record. Given in dataset order, the duplicate finder names a department as
    /// the first of its files wrote it.
    pub fn add_record(
        &mut self,
        department: &str,
        budget_year: Option<i32>,
        path: &str,
        has_warnings: bool,
    ) {
        self.dups.add(department, budget_year, path);
        self.records += 1;
        self.with_warnings += usize::from(has_warnings);
    }

    /// Counts one flagged file.
    pub fn add_flagged(&mut self) {
        self.flagged += 1;
    }

    pub fn finish(self, files_seen: usize) -> Summary {
        Summary {
            files_seen,
            records: self.records,
            flagged: self.flagged,
            records_with_warnings: self.with_warnings,
            duplicates: self.dups.finish(),
        }
    }
}

/// Flagged files in dataset order: by path, then code.
fn sort_flagged(flagged: &mut [Flagged]) {
    flagged.sort_by(|a, b| (&a.path, &a.code).cmp(&(&b.path, &b.code)));
}

/// The tool that wrote the dataset.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Tool {
    pub name: &'static str,
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
    #[schemars(extend("const" = "1"))]
    pub schema_version: &'static str,
    pub tool: Tool,
    pub summary: Summary,
    pub records: Vec<Record>,
    pub flagged: Vec<Flagged>,
}

impl Dataset {
    /// Builds a dataset, sorting records by (path, part) and flagged files by path so the
    /// output is identical whatever order the files finished in.
    pub fn new(files_seen: usize, mut records: Vec<Record>, mut flagged: Vec<Flagged>) -> Self {
        records.sort_by(|a, b| {
            (&a.source.path, &a.source.part).cmp(&(&b.source.path, &b.source.part))
        });
        sort_flagged(&mut flagged);
        let mut summary = SummaryBuilder::default();
        for r in &records {
            let warned = !r.warnings.is_empty();
            summary.add_record(&r.department, r.budget_year, &r.source.path, warned);
        }
        flagged.iter().for_each(|_| summary.add_flagged());
        let summary = summary.finish(files_seen);
        Dataset {
            schema_version: SCHEMA_VERSION,
            tool: Tool::THIS,
            summary,
            records,
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
        write_document(w, head, &self.flagged, |w| {
            write_line_array(w, &self.records, true)
        })
    }
}

/// The dataset file: an indented object whose header (schema version, tool, summary) is
/// laid out by serde_json's pretty printer for a person to read at the top of the file,
/// and whose `records` and `flagged` arrays hold one item per line, in compact JSON.
///
/// One line per record keeps the file half the size of a fully indented one (the nested
/// indicator lists were mostly indentation: 24 MB against 12 MB for 1,000 forms), which
/// halves what is serialised, written and synced to disk; each line is the record's line
/// of `records.jsonl` in `--jsonl` mode, and a record can be found with grep.
fn write_document(
    w: &mut dyn Write,
    (schema_version, tool, summary): (&str, &Tool, &Summary),
    flagged: &[Flagged],
    records: impl FnOnce(&mut io::BufWriter<&mut dyn Write>) -> io::Result<()>,
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
    records(&mut w)?;
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

/// One record as the dataset file holds it, serialised on the worker that read it, with
/// what ordering the records and the summary need. Holding these instead of `Record`s
/// takes a quarter of the memory in a default (`-o`) run, and frees each record on the
/// thread that made it.
#[derive(Debug)]
pub struct SerializedRecord {
    path: String,
    part: String,
    department: String,
    budget_year: Option<i32>,
    has_warnings: bool,
    /// The record's compact JSON: its line of the dataset file.
    text: Vec<u8>,
}

impl SerializedRecord {
    /// Serialises `record` for the dataset file.
    pub fn new(record: &Record) -> io::Result<Self> {
        let mut text = serde_json::to_vec(record).map_err(io::Error::other)?;
        // The buffer grew by doubling: up to half of it is spare, and it is kept to the end
        // of the run. Shrinking a heap block is done in place.
        text.shrink_to_fit();
        Ok(SerializedRecord {
            path: record.source.path.clone(),
            part: record.source.part.clone(),
            department: record.department.clone(),
            budget_year: record.budget_year,
            has_warnings: !record.warnings.is_empty(),
            text,
        })
    }
}

/// Builds the dataset file from records serialised as they were read, so that writing it
/// at the end is a copy of bytes: the same file `Dataset::write_json` writes for the same
/// records, in less memory and less time after the last file.
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    records: Vec<SerializedRecord>,
    flagged: Vec<Flagged>,
}

impl DatasetBuilder {
    /// Adds one record, in any order (`finish` sorts).
    pub fn add_record(&mut self, record: SerializedRecord) {
        self.records.push(record);
    }

    /// Adds one flagged file, in any order.
    pub fn add_flagged(&mut self, flagged: Flagged) {
        self.flagged.push(flagged);
    }

    /// Orders everything as `Dataset::new` does and sums it up.
    pub fn finish(mut self, files_seen: usize) -> SerializedDataset {
        self.records
            .sort_by(|a, b| (&a.path, &a.part).cmp(&(&b.path, &b.part)));
        sort_flagged(&mut self.flagged);
        let mut summary = SummaryBuilder::default();
        for r in &self.records {
            summary.add_record(&r.department, r.budget_year, &r.path, r.has_warnings);
        }
        self.flagged.iter().for_each(|_| summary.add_flagged());
        let summary = summary.finish(files_seen);
        SerializedDataset {
            summary,
            records: self.records,
            flagged: self.flagged,
        }
    }
}

/// A dataset made by `DatasetBuilder`, ready to write.
#[derive(Debug)]
pub struct SerializedDataset {
    pub summary: Summary,
    records: Vec<SerializedRecord>,
    flagged: Vec<Flagged>,
}

impl SerializedDataset {
    /// Writes the dataset file: the same bytes as `Dataset::write_json`.
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        let head = (SCHEMA_VERSION, &Tool::THIS, &self.summary);
        write_document(w, head, &self.flagged, |w| {
            let mut array = LineArray::default();
            self.records
                .iter()
                .try_for_each(|r| array.item(w, &r.text))?;
            array.end(w)
        })
    }
}

/// Which JSON document a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaOf {
    /// The combined dataset (`-o dataset.json`).
    Dataset,
    /// One record: a line of `records.jsonl`.
    Record,
    /// One flagged entry: a line of `flagged.jsonl`.
    Flagged,
    /// `summary.json` of JSON Lines mode.
    Summary,
}

/// The JSON Schema (draft 2020-12) of the output, generated from the very types that
/// serialise it, so that it cannot drift from what is written. It describes what perfsheet
/// writes (serialisation), so a field that may be null is still required to be present.
pub fn json_schema(of: SchemaOf) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let schema = match of {
        SchemaOf::Dataset => generator.into_root_schema_for::<Dataset>(),
        SchemaOf::Record => generator.into_root_schema_for::<Record>(),
        SchemaOf::Flagged => generator.into_root_schema_for::<Flagged>(),
        SchemaOf::Summary => generator.into_root_schema_for::<Summary>(),
    };
    schema.to_value()
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
        };
        // Real records (nested objects, arrays, nulls, text with newlines and quotes), more
        // of them than one parallel batch, and both arrays empty.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/forms");
        let inputs = crate::pipeline::collect_inputs(&[dir]);
        let one = crate::pipeline::ingest(&inputs, &crate::limits::Limits::default());
        assert!(one.records.len() > 3, "fixtures give records");
        let mut records = Vec::new();
        while records.len() < 600 {
            records.extend(one.records.iter().cloned());
        }
        records[0].department = "换行\n和\"引号\"\t".into();
        for d in [
            Dataset::new(records.len(), records, vec![flagged.clone(); 3]),
            Dataset::new(1, Vec::new(), vec![flagged.clone()]),
            Dataset::new(0, Vec::new(), Vec::new()),
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
                + usize::from(d.flagged.is_empty());
            assert_eq!(lines.len(), header + items + brackets + 1, "{text}");
        }
    }

    /// The dataset built from records serialised as they arrive, in any order, is the file
    /// `Dataset` writes: same order, same summary, same bytes.
    #[test]
    fn a_built_dataset_is_the_same_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let inputs = crate::pipeline::collect_inputs(&[dir]);
        let read = crate::pipeline::ingest(&inputs, &crate::limits::Limits::default());
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
            builder.add_record(SerializedRecord::new(r).expect("serialise"));
            if let Some(f) = flagged.get(i) {
                builder.add_flagged(f.clone());
            }
        }
        flagged
            .iter()
            .skip(records.len())
            .for_each(|f| builder.add_flagged(f.clone()));
        let built = builder.finish(inputs.len());
        let expected = Dataset::new(inputs.len(), records, flagged);
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
        let expected = Dataset::new(0, Vec::new(), Vec::new())
            .to_json()
            .expect("json");
        assert_eq!(bytes, expected);
    }

    #[test]
    fn duplicate_filings_are_the_same_department_and_year_in_two_files() {
        let mut f = DuplicateFinder::default();
        f.add("财政局", Some(2024), "b/财政局-更正.docx");
        f.add("鄂州市乡村振兴局", Some(2024), "a/乡村振兴局.xlsx");
        // Two forms of one workbook: one file, not a duplicate filing.
        f.add("鄂州市乡村振兴局", Some(2024), "a/乡村振兴局.xlsx");
        f.add(" 财 政 局 ", Some(2024), "a/财政局.docx");
        // Same department, another year: not the same filing.
        f.add("财政局", Some(2025), "c/财政局-2025.docx");
        // No department: cannot be matched.
        f.add("  ", Some(2024), "d/x.docx");
        f.add("", Some(2024), "d/y.docx");
        f.add("教育局", None, "e/教育局.doc");
        f.add("教育局", None, "e/教育局(1).doc");
        let found = f.finish();
        assert_eq!(
            found,
            [
                Duplicate {
                    department: "教育局".into(),
                    budget_year: None,
                    paths: vec!["e/教育局(1).doc".into(), "e/教育局.doc".into()],
                },
                Duplicate {
                    // As written in the first record noted, the paths sorted.
                    department: "财政局".into(),
                    budget_year: Some(2024),
                    paths: vec!["a/财政局.docx".into(), "b/财政局-更正.docx".into()],
                },
            ]
        );
    }
}
