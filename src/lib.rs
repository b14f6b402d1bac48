//! perfsheet reads the performance-target forms Chinese departments file — 部门整体绩效目标表
//! and 项目支出绩效目标表, as Word, Excel, WPS or LibreOffice files or as web pages — into the
//! typed records of the record contract (`docs/RECORD.md`).
//!
//! The pipeline, one folder per stage:
//!
//! ```text
//! pipeline (walk, pool, one file) ─► readers (format by bytes, one module per format)
//!   ─► model::grid ─► recognize (labels, merges, broken rows) ─► model::record / project
//!   ─► checks (sums, shares) ─► output (dataset, JSON Lines, review workbook, CSV)
//! ```
//!
//! Reading one file:
//!
//! ```
//! use perfsheet::{Limits, detect, read_forms};
//!
//! let bytes = std::fs::read("fixtures/forms/002_江岸区教育局.docx")?;
//! let forms = read_forms(&bytes, detect(&bytes), "002_江岸区教育局.docx", &Limits::default())?;
//! let form = &forms.records[0];
//! assert_eq!(form.department, "武汉市江岸区教育局");
//! println!("{} plans for {:?} with {} annual indicators",
//!     form.department, form.budget_year, form.annual.indicators.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Reading folders the way `perfsheet ingest` does:
//!
//! ```
//! use perfsheet::{Ingest, Limits, WalkBuilder};
//!
//! let inputs = WalkBuilder::new(["fixtures/forms"]).build()?;
//! let dataset = Ingest::new(Limits::default()).dataset(&inputs);
//! assert_eq!(dataset.summary.files_seen, inputs.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The record contract is in [`contract`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod checks;
mod error;
mod inspect;
mod limits;
mod model;
mod output;
mod pipeline;
mod readers;
mod recognize;

pub use error::{Bound, Cause, ReadError};
pub use inspect::{Options as InspectOptions, inspect, inspect_path, inspect_with};
pub use limits::Limits;
pub use model::flagged::Flagged;
pub use model::outcome::{Forms, Outcome};
pub use model::{grid, project, record};
pub use output::atomic::{Written, abandon_pending_writes, commit, write_atomic};
pub use output::dataset::{
    Dataset, DatasetBuilder, SerializedDataset, SerializedForm, SerializedOutcome, Tool,
};
pub use output::jsonl::write_json_lines;
pub use output::review::{Analysis, Review, Tables, display_location, to_xlsx, write_csv};
pub use output::schema::{SchemaOf, json_schema};
pub use output::summary::{Duplicate, DuplicateProject, FormNote, Summary};
pub use pipeline::{Ingest, Input, WalkBuilder, WalkError, process, read_forms};
pub use readers::format::{Format, detect};
pub use readers::read_document;
pub use readers::sheet::format_number;
pub use recognize::template::{
    Template, TemplateError, TemplateErrorCode, TemplateSet, TemplateSetBuilder,
    describe as describe_templates,
};
pub use recognize::{DEPARTMENT_TEMPLATE, compile_patterns};

/// The record contract, `docs/RECORD.md` (a copy of the bureau's specification, kept
/// identical to it by a test): what every field of a record, a project and the dataset
/// means.
#[cfg_attr(not(doctest), doc = include_str!("../docs/RECORD.md"))]
pub mod contract {}

/// For the fuzz target only: see `readers::html::fuzz_compare`.
#[cfg(fuzzing)]
#[doc(hidden)]
pub use readers::html::fuzz_compare as fuzz_html_compare;
/// For the fuzz target only: see `readers::xml::fuzz_compare`.
#[cfg(fuzzing)]
#[doc(hidden)]
pub use readers::xml::fuzz_compare as fuzz_xml_compare;
