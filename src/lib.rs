//! perfsheet reads 部门整体绩效目标表 filings (Word and Excel) into typed records.
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
pub mod recognize;
pub mod record;
pub mod sheet;
pub mod text;
pub mod value;
pub mod xls;
pub mod xlsx;
