//! Word 2007+ (.docx/.docm) reader: the body of the main document part as paragraphs and
//! tables in reading order.
//!
//! Why a streaming pass (quick-xml's events, from our tokenizer in `xml.rs`) and not
//! docx-rs: a bulk load reads tens of thousands of filings, some with 15 MB tables, some
//! hostile. docx-rs builds a full object model of every
//! part (styles, numbering, comments, …) before we can look at a single cell, allocates per
//! property, and gives back tables whose vertical merges still have to be resolved by hand.
//! We need only the text and the merge geometry of one part, so we read `document.xml` once,
//! event by event, borrowing text from the inflated buffer, and build the `Grid`s as the rows
//! go by. Namespaces are matched by URI (transitional and strict), so files written by other
//! tools with other prefixes read the same. Nothing is expanded from a DTD, depth and cell
//! counts are bounded, and every zip entry is inflated through `Read::take`.
//!
//! Decisions worth knowing:
//! - Tracked changes are read as accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped.
//! - Complex fields keep only their result (between `separate` and `end`); `w:instrText` never
//!   shows. Field state is saved and restored around every table cell and text box, so a broken
//!   field cannot hide the rest of the document.
//! - `mc:AlternateContent`: only the first branch (`mc:Choice`, usually) is read; the others
//!   repeat the same content for older readers.
//! - Text boxes in body paragraphs become paragraphs right after their host paragraph. Text
//!   boxes inside tables are skipped: floating text over a form must not change a cell.
//! - Nested tables do not make grids: each nested row becomes one paragraph of the containing
//!   cell, its cells joined by '\t' (paragraphs inside a nested cell joined by ' ').
//! - Continuation cells of a vertical (`w:vMerge`) or legacy horizontal (`w:hMerge`) merge are
//!   covered by their anchor; any text in them is dropped, as Word does not show it.
//! - Empty cells that are not merge anchors are not stored; empty body paragraphs are dropped.

use std::io::Cursor;

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Part};
use crate::readers::ooxml::{main_part_name, read_entry, zip_error};
use crate::readers::xml::decode_xml;
use body::Parser;

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Word 2003 XML (WordML), read by the same pass for `readers::xml2003`.
const W_WORDML: &str = "http://schemas.microsoft.com/office/word/2003/wordml";
const AML: &str = "http://schemas.microsoft.com/aml/2001/core";
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// Word itself stops at 63 columns; this leaves room for other writers while keeping the
/// per-column merge bookkeeping small whatever `w:gridSpan` claims.
const MAX_GRID_COLS: u32 = 16_384;

/// Reads a .docx/.docm file into one section: body paragraphs and top-level tables in
/// reading order.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = limits.max_inflated_bytes;
    let main = main_part_name(&mut zip, DEFAULT_MAIN_PART, limits, &mut budget)?;
    let xml = read_entry(&mut zip, &main, limits, &mut budget)?
        .ok_or_else(|| ReadError::corrupt("找不到 Word 正文部件（word/document.xml）"))?;
    let text = decode_xml(&xml);
    let blocks = Parser::new(limits).run(&text)?;
    Ok(Document {
        parts: vec![Part { blocks }],
    })
}

/// Reads the text of a Word 2003 XML document (WordML, `w:wordDocument`): its body's
/// paragraphs and tables in reading order, as `read` gives a .docx's.
pub(crate) fn read_wordml_body(xml: &str, limits: &Limits) -> Result<Vec<Block>, ReadError> {
    Parser::wordml(limits).run(xml)
}

mod body;
mod table;

#[cfg(test)]
mod tests;
