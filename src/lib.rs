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
//! use perfsheet::{format::detect, ingest::read_records, limits::Limits};
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
//! Reading folders the way `perfsheet ingest` does: [`ingest::collect_inputs`] then
//! [`ingest::ingest`], which returns a [`dataset::Dataset`].
pub mod atomic;
pub mod checks;
pub mod dataset;
pub mod doc;
pub mod docx;
pub mod error;
pub mod format;
pub mod grid;
pub mod ingest;
pub mod inspect;
pub mod limits;
pub(crate) mod ooxml;
pub mod recognize;
pub mod record;
pub mod review;
pub mod sheet;
pub mod text;
pub mod value;
pub mod xls;
pub mod xlsx;
pub(crate) mod xml;

/// For the fuzz target only: see `xml::fuzz_compare`.
#[doc(hidden)]
pub use xml::fuzz_compare as fuzz_xml_compare;
