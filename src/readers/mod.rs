//! Readers know file formats, not forms: each turns a file's bytes into a
//! [`Document`](crate::model::grid::Document) of tables and paragraphs. The format is
//! decided by the bytes ([`format::detect`]), never by the file name, and one dispatch
//! ([`read_document`]) picks the reader.

pub mod doc;
pub mod docx;
pub mod format;
pub(crate) mod ooxml;
pub mod sheet;
pub mod xls;
pub mod xlsx;
pub(crate) mod xml;
