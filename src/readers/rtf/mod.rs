//! Rich Text Format reader (.rtf, and the RTF that Word, WPS and LibreOffice users save
//! under a .doc name): the body as paragraphs and tables in reading order, in the same
//! `Document` shape the docx reader gives for the same form.
//!
//! Why our own parser: the RTF crates (rtf-parser, its fork rtf-parser-tt) build a token
//! vector or a styled-text model of the whole file and give tables, when at all, as rows
//! of strings — without the cell
//! boundaries and merge flags (`\cellx`, `\clvmgf`/`\clvmrg`, `\clmgf`/`\clmrg`) a form's
//! grid is made of, and with their own code page tables instead of encoding_rs (GBK and
//! Big5 double-byte text is the common case here). RTF is simple enough to read in one
//! byte-level pass: the tokenizer borrows every token from the input, group state is a
//! small `Copy` struct on a stack bounded by `max_xml_depth`, and text is decoded straight
//! into the paragraph buffer.
//!
//! Decisions worth knowing:
//! - Text decoding: `\'hh` bytes are in the code page of the current font's `\fcharsetN`
//!   (or `\cpgN`) from the font table, else the document's `\ansicpgN`; consecutive bytes
//!   are decoded together, so a GBK character written as two escapes (or a Shift_JIS lead
//!   escape followed by a literal trail byte) is one character. `\uN` is a UTF-16 unit
//!   (negative = upper half, pairs joined, an unpaired surrogate → U+FFFD) followed by
//!   `\ucN` fallback characters that are skipped; a group boundary ends the skip. Runs of
//!   non-ASCII bytes outside escapes are read as UTF-8 when the whole file is valid UTF-8
//!   (web systems write such files; RTF writers of a code page escape every such byte).
//! - Skipped: every `\*` destination we do not read, the font table (after its charsets
//!   are read), colour table, style sheet, info, pictures, objects, shapes, headers,
//!   footers, footnotes, annotations, bookmarks, list and revision tables, field
//!   instructions (`\fldinst`; `\fldrslt` is kept), list number text (`\listtext`,
//!   `\pntext`: numbering is not part of the text, as in the docx reader), and the
//!   `\nonesttables` copy of nested tables for old readers. Text under `\deleted` (a
//!   tracked deletion) is dropped; a deleted paragraph mark still ends its paragraph.
//!   Hidden text (`\v`) is read as ordinary text, as the .doc reader does.
//! - Paragraphs: `\par`, `\sect` and `\page` end one; `\line` is '\n' and `\tab` '\t'
//!   within it; `\pard` resets the table level. Empty body paragraphs are dropped.
//! - Tables: a row's cells end with `\cell`, the row with `\row`, placed by the row
//!   definition current at `\row` (so Word's copy of the definition after the cells reads
//!   the same); contiguous rows make one grid (`table.rs`). Nested tables (`\itapN`,
//!   `\nestcell`, `\nestrow`) are flattened into the containing cell as the docx reader
//!   does: one line per row, cells joined by '\t'. RTF has no table-wide grid: where a
//!   docx twin's `w:tblGrid` has columns no row's boundaries use, the RTF grid has fewer
//!   columns (the cells are placed the same). Empty cells that span one grid column are
//!   not stored; empty ones spanning more are anchors, as in docx.
//! - The document ends where its group closes when binary junk follows (padding, a broken
//!   transfer); text after an extra `}` is still read.
//! - Not read: text boxes and shapes (`\shp`), frames' positions, list numbers, headers
//!   and footers, comments, embedded objects; `\af`/`\dbch` associated fonts (the `\fN`
//!   font decides the code page of `\'hh` bytes).
//! - Bounds: group depth ≤ `max_xml_depth` (else too_large), kept cells ≤ `max_cells`,
//!   cells per row and row boundaries ≤ 16,384 columns, rows per table ≤ 32,767 (Word's
//!   limit), `\binN` never past the end of the file. Work is linear in the input: no token
//!   is looked at twice, and control words are matched by a packed integer key.

mod codepage;
mod table;
mod text;
mod tokenizer;

#[cfg(test)]
mod tests;

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::{Document, Part};
use crate::readers::check_file_size;

/// Widest table row accepted (Word stops at 63 columns), as for docx.
const MAX_GRID_COLS: usize = 16_384;

/// Reads an RTF file into one part: body paragraphs and top-level tables in reading order.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    check_file_size(bytes, limits)?;
    // What comes before the document group (a BOM, white space) is no text.
    let start = bytes.iter().position(|&b| b == b'{').unwrap_or(bytes.len());
    let bytes = bytes.get(start..).unwrap_or_default();
    let raw_utf8 = simdutf8::basic::from_utf8(bytes).is_ok();
    let blocks = text::Parser::new(limits, raw_utf8).run(bytes)?;
    Ok(Document {
        parts: vec![Part { blocks }],
    })
}
