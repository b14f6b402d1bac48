//! perfsheet reads 部门整体绩效目标表 (department overall performance-target forms) filed as
//! Word or Excel documents into the typed records of `../shared/spec/RECORD.md`.
//!
//! The pipeline, one module per step:
//!
//! ```text
//! ingest (walk, parallel, isolation) ─► format (detect by bytes) ─► docx / xlsx / xls / doc
//!   ─► grid::Document ─► recognize (labels, merges, broken rows) ─► record::Record
//!   ─► checks (sums, shares) ─► dataset (sorted, one record a line) ─► atomic (temp + sync + rename)
//! ```
//!
//! Reading one file:
//!
//! ```
//! use perfsheet::{readers::format::detect, pipeline::read_records, limits::Limits};
//!
//! let bytes = std::fs::read("fixtures/forms/002_江岸区教育局.docx")?;
//! let records = read_records(&bytes, detect(&bytes), "002_江岸区教育局.docx", &Limits::default())?;
//! let form = &records[0];
//! assert_eq!(form.department, "武汉市江岸区教育局");
//! println!("{} plans for {:?} with {} annual indicators",
//!     form.department, form.budget_year, form.annual.indicators.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Reading folders the way `perfsheet ingest` does: [`pipeline::collect_inputs`] then
//! [`pipeline::ingest`], which returns a [`output::dataset::Dataset`].
pub mod checks;
pub mod error;
pub mod inspect;
pub mod limits;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod readers;
pub mod recognize;

/// For the fuzz target only: see `xml::fuzz_compare`.
#[doc(hidden)]
pub use readers::xml::fuzz_compare as fuzz_xml_compare;
