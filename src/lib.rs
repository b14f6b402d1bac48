//! perfsheet reads 部门整体绩效目标表 filings (Word and Excel) into typed records.
pub mod error;
pub mod format;
pub mod grid;
pub mod limits;
pub mod record;
pub mod doc;
pub mod docx;
pub mod xls;
pub mod xlsx;
