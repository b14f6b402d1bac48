//! OpenDocument reader (.odt, .ods written by LibreOffice and WPS, and their flat one-file
//! forms .fodt, .fods): a text document's body as paragraphs and tables in reading order,
//! a spreadsheet as one sheet grid per table, in the same `Document` shape the docx and
//! xlsx readers give for the same form, so the recogniser reads both alike.
//!
//! Why our own reader: calamine's ods reader gives cell values without merged regions (a
//! form's shape is its merges), and no crate reads text documents into tables with their
//! spans. ODF's `content.xml` is simple to stream: every cell of a row is written, covered
//! ones included, with its spans and repetitions as attributes. So the part is inflated
//! once through the bounded package reading of `ooxml.rs` (or the flat file is taken
//! whole), decoded once and read event by event with our tokenizer; nothing is expanded
//! from a DTD, nesting depth, cells and expanded text are bounded.
//!
//! The structures, each in its own file, with the part of the OpenDocument 1.2/1.3 spec
//! (OASIS, Part 1 "Schema", Part 3 "Packages") it follows:
//! - [`package`]: the zip package (Part 3 §3, manifest §4, encryption §5) and the flat XML
//!   document (Part 1 §3.1.2 `office:document`);
//! - [`body`]: the walk over `office:body` (§3.3), text documents' content (§5 headings,
//!   paragraphs, lists, sections; §6 paragraph content; §5.5 tracked changes);
//! - [`table`]: tables (§9.1: rows, cells, covered cells, spans, repetitions);
//! - [`values`]: a spreadsheet cell's value (§19.385 `office:value-type` and its value
//!   attributes) as the sheet shows it.
//!
//! Decisions worth knowing:
//! - Elements are matched by namespace URI (`Scopes`), so any prefix reads the same; only
//!   `office:body` is read (styles, master pages with their headers and footers, settings
//!   and metadata are not body text, as in docx).
//! - Paragraph white space is collapsed as §6.1.2 says (runs of space, tab, CR, LF are one
//!   space; leading and trailing ones ignored); `text:s` gives its spaces, `text:tab` a
//!   '\t', `text:line-break` a '\n'. Paragraphs of a cell are joined by '\n' (an empty one
//!   included), as the docx reader joins a cell's paragraphs and as a worksheet cell holds
//!   its lines. Empty body paragraphs are dropped.
//! - Not part of the text (§6.1.1): note bodies (`text:note`, the citation too, as a Word
//!   footnote reference shows nothing), ruby text, annotations (`office:annotation`), list
//!   labels (`text:number`), index templates (`*-source`), and the deleted text kept in
//!   `text:tracked-changes` (changes are read as accepted: inserted text stands in the
//!   body). Soft page breaks, bookmarks, change marks: nothing.
//! - Text boxes and shapes in the body become paragraphs right after their host
//!   paragraph; inside tables they are skipped, as the docx reader does.
//! - Tables in a text document: one grid per top-level `table:table`, numbered in document
//!   order; cells at their grid column (covered cells count a column and are not stored);
//!   empty cells spanning one cell are not stored. Nested tables are flattened as in docx:
//!   one line per row of the containing cell, cells joined by '\t', paragraphs of a nested
//!   cell by ' '.
//! - Spreadsheets: one part per `table:table` (its `table:name` is the sheet name), cells
//!   at their worksheet position and compacted as the xlsx reader does (`sheet.rs`). A cell
//!   of type float, currency or percentage reads as its `office:value` formatted like an
//!   Excel number (a percentage as "95%"), a date as its calendar day, a boolean as
//!   TRUE/FALSE, any other as its paragraphs. Hidden rows, columns and sheets read like
//!   any other, as in xlsx.
//! - Repetitions (`number-rows-repeated`, `number-columns-repeated`) are expanded only
//!   where they carry content: a repeated empty row or cell only moves the position (the
//!   corpus holds a sheet of 10^18 cells, nearly all repeated empties). Expanded cells
//!   count against `max_cells` before any is made, and their text against the inflate
//!   limit. In a text document a repeated empty row is one grid row.
//! - A body that is neither text nor spreadsheet (presentation, drawing) is unsupported;
//!   a package whose manifest declares encryption is encrypted.

mod body;
mod package;
mod table;
mod values;

#[cfg(test)]
mod tests;

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::Document;

use package::{read_flat, read_package};

/// Reads any OpenDocument file: a zip package (.odt, .ods) or a flat XML document (.fodt,
/// .fods), told apart by the zip magic.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.starts_with(b"PK") {
        read_package(bytes, limits)
    } else {
        read_flat(bytes, limits)
    }
}
