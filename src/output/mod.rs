//! Outputs know records, not files: the dataset (one JSON document, or JSON Lines), its
//! summary and schema, the review workbook and CSV for people, and the atomic writing that
//! puts them in place.

pub mod atomic;
pub mod dataset;
pub mod jsonl;
pub mod review;
pub mod schema;
pub mod summary;
