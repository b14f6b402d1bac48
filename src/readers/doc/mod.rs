//! Native reader for Word 97-2003 binary documents (.doc, [MS-DOC]).
//!
//! Many departments still file the form as .doc. This reader turns one into the same
//! `Document` the docx reader gives for the same form — one Section whose blocks are the
//! body's paragraphs and tables in reading order, tables as anchor cells with row/column
//! spans — so the recogniser never needs to know which Word format it was handed, and
//! nothing outside this crate (LibreOffice, antiword) is needed at run time.
//!
//! MS-DOC structures used:
//! - the CFB container (`cfb` crate): the `WordDocument` stream and `0Table`/`1Table`;
//! - FibBase: wIdent (0xA5EC), nFib (Word 6/95 and older are refused as Unsupported),
//!   fEncrypted (→ `ReadError::Encrypted`, also for XOR obfuscation), fWhichTblStm;
//! - FibRgLw97.ccpText (only the main document is read: no headers, footers, notes,
//!   comments or text boxes) and FibRgFcLcb97 fcClx, fcPlcfBtePapx and fcPlcfBteChpx;
//! - Clx: RgPrc (grpprls referenced by a piece's Prm with fComplex) and Pcdt/PlcPcd, the
//!   piece table; pieces are cp1252 ("compressed", FC/2) or UTF-16LE;
//! - PlcBtePapx → PapxFkp pages → PapxInFkp grpprls, and the sprms
//!   sprmPFInTable, sprmPFTtp, sprmPItap, sprmPDtap, sprmPFInnerTableCell, sprmPFInnerTtp,
//!   sprmTDefTable (rgdxaCenter and the TC80 flags fFirstMerged, fMerged, fVertMerge,
//!   fVertRestart), sprmTMerge, sprmTSplit, sprmTVertMerge, sprmTInsert, sprmTDelete,
//!   sprmTDxaCol;
//! - special characters: 0x0D paragraph end, 0x07 cell/row end, 0x0B line break (→ '\n'),
//!   0x09 tab, 0x0C page/section break (paragraph end outside tables, '\n' in a cell),
//!   0x13/0x14/0x15 fields (instruction dropped, result kept), 0x1E non-breaking hyphen
//!   (→ '-'); other control characters (0x01 pictures, 0x08 drawn objects, 0x1F optional
//!   hyphens, 0x02/0x05 note and comment references …) are dropped;
//! - PlcBteChpx → ChpxFkp pages, only for sprmCFRMarkDel: text deleted under tracked
//!   changes is left out (a deleted paragraph mark still ends its paragraph);
//! - sprmPHugePapx: row-end properties too big for an FKP page, kept in the Data stream.
//!
//! Ignored: other character properties (hidden text is read as ordinary text), styles (a
//! style that by itself puts a paragraph in a table is not seen), Prm0 single-sprm piece
//! modifiers, nested tables (their text is kept as paragraphs of the enclosing cell),
//! sprmTDefTable10 (Word 6 rows), sprmTWidthBefore/After (absolute cell boundaries already
//! place rows with leading gaps), bookmarks, lists and numbering (list numbers are not part
//! of the text), headers/footers/notes/comments/text boxes, fonts, drawings, embedded
//! objects.

mod chpx;
mod fib;
mod papx;
mod table;

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Paragraph, Part};
use crate::readers::check_file_size;
use fib::{Clx, Fib, corrupt};
use papx::{PapxIndex, ParaProps};
use std::io::{Cursor, Read};
use table::RawRow;

/// Field nesting deeper than this is not tracked (the text inside still gets read).
const MAX_FIELD_DEPTH: usize = 64;

/// Reads a Word 97-2003 file into one section of paragraphs and tables. Body paragraphs
/// that are empty or only whitespace are left out; table cells are all kept.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::EmptyFile);
    }
    check_file_size(bytes, limits)?;
    // Word for DOS/2.x files are bare FIB + text, not CFB containers.
    if matches!(bytes.get(..2), Some([0xDB | 0xDC | 0x9B, 0xA5])) {
        return Err(ReadError::Unsupported(fib::OLD_WORD_MESSAGE.into()));
    }
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| ReadError::corrupt(format!("OLE 复合文档结构错误（{e}）")))?;
    let word = read_stream(&mut cf, "/WordDocument", limits)?.ok_or_else(|| {
        ReadError::Unsupported("OLE 文件中没有 WordDocument 数据流，不是 Word 文档".into())
    })?;
    let fib = Fib::parse(&word)?;
    let table = read_stream(&mut cf, &format!("/{}", fib.table_stream), limits)?
        .ok_or_else(|| corrupt(&format!("缺少 {} 数据流", fib.table_stream)))?;
    // Absent in files without huge paragraph properties or embedded objects.
    let data = read_stream(&mut cf, "/Data", limits)?.unwrap_or_default();
    let clx = Clx::parse(&table, fib.fc_clx, fib.lcb_clx)?;
    let papx = PapxIndex::parse(&word, &table, fib.fc_bte_papx, fib.lcb_bte_papx)?;
    let deleted = chpx::Deleted::parse(&word, &table, fib.fc_bte_chpx, fib.lcb_bte_chpx);
    let text = fib::main_text(&word, &clx, fib.ccp_text)?;

    let mut body = Body::new(limits);
    for (cp, (&unit, &fc)) in text.units.iter().zip(&text.fcs).enumerate() {
        match unit {
            0x0D | 0x07 | 0x0C => {
                let mut props = papx.props_at(&word, &data, fc);
                apply_piece_prm(&mut props, &clx, &table, &data, cp as u32);
                body.mark(unit, &props)?;
            }
            _ if deleted.contains(fc) => {}
            _ => body.char(unit),
        }
    }
    body.finish()
}

/// Reads a whole stream, refusing more than the inflation limit; `None` when absent.
fn read_stream(
    cf: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ReadError> {
    if !cf.is_stream(name) {
        return Ok(None);
    }
    let stream = cf
        .open_stream(name)
        .map_err(|e| ReadError::corrupt(format!("无法打开数据流 {name}（{e}）")))?;
    let mut buf = Vec::new();
    stream
        .take(limits.max_inflated_bytes.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::corrupt(format!("读取数据流 {name} 失败（{e}）")))?;
    if buf.len() as u64 > limits.max_inflated_bytes {
        return Err(ReadError::too_large(
            Bound::Inflated(limits.max_inflated_bytes),
            format!("数据流 {name} 超过 {} 字节", limits.max_inflated_bytes),
        ));
    }
    Ok(Some(buf))
}

/// Applies the paragraph sprms a piece's Prm points to (fComplex: a Prc of the Clx).
fn apply_piece_prm(props: &mut ParaProps, clx: &Clx, table: &[u8], data: &[u8], cp: u32) {
    let Some(piece) = clx.piece_at(cp) else {
        return;
    };
    if piece.prm & 1 == 0 {
        return;
    }
    let igrpprl = (piece.prm >> 1) as usize;
    if let Some(&(s, e)) = clx.prcs.get(igrpprl)
        && let Some(g) = table.get(s..e)
    {
        props.apply_grpprl(g, Some(data));
    }
}

/// Assembles blocks while walking the main text character by character.
struct Body<'l> {
    limits: &'l Limits,
    blocks: Vec<Block>,
    /// Text of the current paragraph, UTF-16.
    para: Vec<u16>,
    /// Finished paragraphs of the current cell.
    cell_paras: Vec<String>,
    /// Finished cells of the current row.
    row_cells: Vec<String>,
    /// Finished rows of the current table.
    rows: Vec<RawRow>,
    tables: u32,
    /// Open fields, innermost last: true while still in the instruction part.
    fields: Vec<bool>,
    /// Fields opened beyond MAX_FIELD_DEPTH, closed before `fields` is popped.
    fields_untracked: usize,
}

impl<'l> Body<'l> {
    fn new(limits: &'l Limits) -> Self {
        Body {
            limits,
            blocks: Vec::new(),
            para: Vec::new(),
            cell_paras: Vec::new(),
            row_cells: Vec::new(),
            rows: Vec::new(),
            tables: 0,
            fields: Vec::new(),
            fields_untracked: 0,
        }
    }

    /// A character that does not end a paragraph.
    fn char(&mut self, unit: u16) {
        match unit {
            0x13 => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(true);
                } else {
                    self.fields_untracked += 1;
                }
            }
            0x14 => {
                if self.fields_untracked == 0
                    && let Some(top) = self.fields.last_mut()
                {
                    *top = false;
                }
            }
            0x15 => {
                if self.fields_untracked > 0 {
                    self.fields_untracked -= 1;
                } else {
                    self.fields.pop();
                }
            }
            _ if self.fields.iter().any(|&instr| instr) => {}
            0x0B => self.para.push(u16::from(b'\n')),
            0x09 => self.para.push(0x09),
            0x1E => self.para.push(u16::from(b'-')),
            0x00..=0x1F => {}
            _ => self.para.push(unit),
        }
    }

    /// A paragraph, cell or row end mark with the properties of its paragraph.
    fn mark(&mut self, unit: u16, props: &ParaProps) -> Result<(), ReadError> {
        let depth = props.depth();
        if unit == 0x0C && depth > 0 {
            self.para.push(u16::from(b'\n'));
            return Ok(());
        }
        let text = String::from_utf16_lossy(&std::mem::take(&mut self.para));
        match depth {
            0 => {
                self.close_table()?;
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Paragraph(Paragraph { text }));
                }
            }
            1 if unit == 0x07 && props.ttp => {
                // The row end mark's own "paragraph" is normally empty; text before it
                // without a cell mark (a broken file) becomes a last cell.
                if !text.is_empty() || !self.cell_paras.is_empty() {
                    self.cell_paras.push(text);
                    self.end_cell();
                }
                self.rows.push(RawRow {
                    cells: std::mem::take(&mut self.row_cells),
                    def: props.row.clone(),
                });
                self.check_cells()?;
            }
            1 if unit == 0x07 => {
                self.cell_paras.push(text);
                self.end_cell();
            }
            1 => self.cell_paras.push(text),
            // Nested tables are flattened into the enclosing cell, one paragraph per
            // inner paragraph or cell.
            _ => {
                if !text.is_empty() {
                    self.cell_paras.push(text);
                }
            }
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        let paras = std::mem::take(&mut self.cell_paras);
        self.row_cells.push(paras.join("\n"));
        // A field never spans cells; an unclosed one must not swallow the rest.
        self.fields.clear();
        self.fields_untracked = 0;
    }

    /// Fails before a table with absurdly many cells is built.
    fn check_cells(&self) -> Result<(), ReadError> {
        let n: usize = self.rows.iter().map(|r| r.cells.len()).sum();
        if n > self.limits.max_cells {
            return Err(ReadError::too_large(
                Bound::Cells(self.limits.max_cells),
                format!("Word 表格单元格数超过上限 {}", self.limits.max_cells),
            ));
        }
        Ok(())
    }

    /// Ends the current table, if any, and adds it as a block.
    fn close_table(&mut self) -> Result<(), ReadError> {
        if !self.cell_paras.is_empty() {
            self.end_cell();
        }
        if !self.row_cells.is_empty() {
            self.rows.push(RawRow {
                cells: std::mem::take(&mut self.row_cells),
                def: None,
            });
        }
        if self.rows.is_empty() {
            return Ok(());
        }
        self.tables += 1;
        let grid = table::build_grid(std::mem::take(&mut self.rows), self.tables, self.limits)?;
        self.blocks.push(Block::Table(grid));
        Ok(())
    }

    fn finish(mut self) -> Result<Document, ReadError> {
        if !self.para.is_empty() {
            let text = String::from_utf16_lossy(&std::mem::take(&mut self.para));
            if self.rows.is_empty() && self.row_cells.is_empty() && self.cell_paras.is_empty() {
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Paragraph(Paragraph { text }));
                }
            } else {
                self.cell_paras.push(text);
            }
        }
        self.close_table()?;
        Ok(Document {
            parts: vec![Part {
                blocks: self.blocks,
            }],
        })
    }
}

#[cfg(test)]
mod tests;
