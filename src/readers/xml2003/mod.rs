//! Office 2003 XML readers: Excel's XML Spreadsheet 2003 (SpreadsheetML, `<Workbook>` in
//! `urn:schemas-microsoft-com:office:spreadsheet`) and Word's XML Document 2003 (WordML,
//! `<w:wordDocument>` in `http://schemas.microsoft.com/office/word/2003/wordml`).
//!
//! Why they are here: old templates still circulate in these formats, often saved under an
//! .xls or .doc name, and budget systems and scripts write SpreadsheetML because it is plain
//! text. Both are one XML file, no package, so the file's text is decoded once and read
//! event by event with our tokenizer, as every other XML reader is: a DTD is never read (a
//! billion-laughs file expands nothing), nesting depth and cells are bounded.
//!
//! The structures, each in its own file, with the part of Microsoft's reference they follow
//! ("XML Spreadsheet Reference", Office 2003 XML Reference Schemas; "Word 2003 XML
//! Reference", WordprocessingML 2003 schema `wordnet.xsd`):
//! - [`spreadsheetml`]: `Workbook` / `Worksheet` / `Table` / `Row` / `Cell` / `Data`, with
//!   `ss:Index` gaps, `ss:MergeAcross` / `ss:MergeDown`, `ss:Span` of rows, `Data`'s
//!   `ss:Type`, a formula's cached value, and `Styles` for percent number formats;
//! - [`wordml`]: the body, read by the docx reader's streaming pass in its WordML dialect
//!   (the same `w:p`, `w:tbl`, `w:gridSpan`; `w:vmerge`/`w:hmerge` in lower case; deleted
//!   text and comments in `aml:annotation` dropped; `w:binData` pictures skipped).
//!
//! The text is decoded by its byte-order mark, else by the encoding its XML declaration
//! names (a script may write GB2312), else as UTF-8 with bad bytes replaced.

mod spreadsheetml;
mod wordml;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::Document;
use crate::readers::check_file_size;
use crate::readers::xml::decode_xml;

/// Reads an Excel 2003 XML workbook: one part per worksheet, in workbook order.
pub fn read_spreadsheetml(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    check_file_size(bytes, limits)?;
    spreadsheetml::read(&decode(bytes), limits)
}

/// Reads a Word 2003 XML document: one part of body paragraphs and tables.
pub fn read_wordml(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    check_file_size(bytes, limits)?;
    wordml::read(&decode(bytes), limits)
}

/// The file's text: by its BOM (UTF-8, UTF-16), else by the encoding named in the XML
/// declaration when that is not UTF-8 and encoding_rs knows it, else as UTF-8.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if !has_bom
        && let Some(encoding) = declared_encoding(bytes)
        && encoding != encoding_rs::UTF_8
        && encoding.is_ascii_compatible()
    {
        let (text, _, _) = encoding.decode(bytes);
        return text;
    }
    decode_xml(bytes)
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start of the file.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(256))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = head.get(..end)?;
    let at = memchr::memmem::find(decl, b"encoding")? + b"encoding".len();
    let rest = decl.get(at..)?;
    let quote = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let q = *rest.get(quote)?;
    let value = rest.get(quote + 1..)?;
    let len = value.iter().position(|&b| b == q)?;
    encoding_rs::Encoding::for_label(value.get(..len)?)
}
