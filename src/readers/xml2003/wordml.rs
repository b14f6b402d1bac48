//! Word's XML Document 2003 (WordML, "Word 2003 XML Reference"): `w:wordDocument` holds
//! document properties, fonts, lists, styles, `w:docPr` and `w:body`. Its body is written
//! in the elements WordprocessingML (docx) later kept — `w:p`, `w:r`, `w:t`, `w:tbl`,
//! `w:tr`, `w:tc`, `w:gridSpan` — so the docx reader's streaming pass reads it, in its
//! WordML dialect (see `docx::read_wordml_body`): merge marks in lower case
//! (`w:vmerge`, `w:hmerge`), tracked deletions and comments in `aml:annotation` dropped,
//! pictures (`w:binData`) and footnotes skipped.

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::{Document, Part};
use crate::readers::docx::read_wordml_body;

pub(super) fn read(text: &str, limits: &Limits) -> Result<Document, ReadError> {
    let blocks = read_wordml_body(text, limits)?;
    Ok(Document {
        parts: vec![Part { blocks }],
    })
}
