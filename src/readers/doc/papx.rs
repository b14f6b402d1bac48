//! Paragraph properties: which paragraphs are inside a table, which mark ends a row, and
//! the row's cell boundaries and merges. In a .doc file table structure is not a tree as
//! in docx but flags on paragraphs plus a row definition on each row-end mark.

use super::fib::{bte_pages, corrupt, i16_at, u16_at, u32_at};
use crate::error::ReadError;

/// sprmPFInTable: the paragraph is inside a table.
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
/// sprmPFTtp: the paragraph is a table row end mark.
const SPRM_P_F_TTP: u16 = 0x2417;
/// sprmPItap: table nesting depth.
const SPRM_P_ITAP: u16 = 0x6649;
/// sprmPDtap: relative change of the nesting depth.
const SPRM_P_DTAP: u16 = 0x664A;
/// sprmPFInnerTableCell / sprmPFInnerTtp: cell and row ends of nested tables.
const SPRM_P_F_INNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
/// sprmPHugePapx: the real grpprl is in the Data stream (too big for an FKP page).
const SPRM_P_HUGE_PAPX: u16 = 0x6646;
/// sprmPChgTabs: variable operand with its own length rule.
const SPRM_P_CHG_TABS: u16 = 0xC615;
/// sprmTDefTable: cell boundaries and TC80 cell flags of a row.
const SPRM_T_DEF_TABLE: u16 = 0xD608;
/// sprmTDefTable10: Word 6 form, only used here to skip it correctly.
const SPRM_T_DEF_TABLE10: u16 = 0xD606;
/// sprmTMerge / sprmTSplit: horizontal merge of a cell range, and its undoing.
const SPRM_T_MERGE: u16 = 0x5624;
const SPRM_T_SPLIT: u16 = 0x5625;
/// sprmTVertMerge: vertical merge state of one cell.
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
/// sprmTInsert / sprmTDelete / sprmTDxaCol: edits of the cell list by later saves.
const SPRM_T_INSERT: u16 = 0x7621;
const SPRM_T_DELETE: u16 = 0x5622;
const SPRM_T_DXA_COL: u16 = 0x7623;

/// Word 97 allows 63 columns; the byte-sized counts allow 255. More is never legitimate.
const MAX_ROW_CELLS: usize = 255;

/// Iterates the Prls of a grpprl as (sprm, operand).
pub(super) struct Sprms<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Sprms<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Sprms { bytes, pos: 0 }
    }
}

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let sprm = u16_at(self.bytes, self.pos)?;
        let rest = self.bytes.get(self.pos + 2..)?;
        let len = operand_len(sprm, rest)?;
        let operand = rest.get(..len)?;
        // len ≥ 1 for every sprm, so the position always advances.
        self.pos += 2 + len;
        Some((sprm, operand))
    }
}

/// Operand size from the sprm's spra bits, with the two sprms whose size is encoded
/// differently.
fn operand_len(sprm: u16, rest: &[u8]) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => match sprm {
            // cb counts the rest of the operand plus one.
            SPRM_T_DEF_TABLE | SPRM_T_DEF_TABLE10 => (u16_at(rest, 0)? as usize + 1).max(2),
            SPRM_P_CHG_TABS => {
                let cb = *rest.first()? as usize;
                if cb != 255 {
                    1 + cb
                } else {
                    // PChgTabsDelClose then PChgTabsAdd, each counted by its own byte.
                    let del = *rest.get(1)? as usize;
                    let add_at = 2 + del * 4;
                    let add = *rest.get(add_at)? as usize;
                    add_at + 1 + add * 3
                }
            }
            _ => 1 + *rest.first()? as usize,
        },
    })
}

/// TC80 flags of one cell that matter for merges.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Tc {
    /// First cell of a (Word 97 style) horizontal merge.
    pub first_merged: bool,
    /// Cell merged into the cell on its left.
    pub merged: bool,
    /// Part of a vertical merge.
    pub vert_merge: bool,
    /// First (top) cell of a vertical merge.
    pub vert_restart: bool,
}

/// A row's layout: `centers` holds the itcMac+1 cell boundaries in twips, `tcs` one entry
/// per cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RowDef {
    pub centers: Vec<i16>,
    pub tcs: Vec<Tc>,
}

impl RowDef {
    /// sprmTDefTable: itcMac, rgdxaCenter[itcMac+1], rgTc80[≤ itcMac].
    fn from_def_table(op: &[u8]) -> RowDef {
        let body = op.get(2..).unwrap_or_default();
        let itc_mac = (body.first().copied().unwrap_or(0) as usize).min(MAX_ROW_CELLS);
        let mut centers = Vec::with_capacity(itc_mac + 1);
        for i in 0..=itc_mac {
            match i16_at(body, 1 + i * 2) {
                Some(x) => centers.push(x),
                None => break,
            }
        }
        let cells = centers.len().saturating_sub(1);
        let tc_base = 1 + (itc_mac + 1) * 2;
        // rgTc80 may be shorter than itcMac; missing cells have default flags.
        let tcs = (0..cells)
            .map(|i| {
                let grf = u16_at(body, tc_base + i * 20).unwrap_or(0);
                Tc {
                    first_merged: grf & 0x0001 != 0,
                    merged: grf & 0x0002 != 0,
                    vert_merge: grf & 0x0020 != 0,
                    vert_restart: grf & 0x0040 != 0,
                }
            })
            .collect();
        RowDef { centers, tcs }
    }

    fn cells(&self) -> usize {
        self.tcs.len()
    }

    /// Applies one table sprm that edits an existing row definition.
    fn apply(&mut self, sprm: u16, op: &[u8]) {
        let b = |i: usize| op.get(i).copied().unwrap_or(0) as usize;
        match sprm {
            SPRM_T_MERGE | SPRM_T_SPLIT => {
                let (first, lim) = (b(0), b(1).min(self.cells()));
                for i in first..lim {
                    if let Some(tc) = self.tcs.get_mut(i) {
                        tc.first_merged = sprm == SPRM_T_MERGE && i == first;
                        tc.merged = sprm == SPRM_T_MERGE && i != first;
                    }
                }
            }
            SPRM_T_VERT_MERGE => {
                // Operand: cb, itc, vmerge (0 none, 1 continue, 3 restart).
                if let Some(tc) = self.tcs.get_mut(b(1)) {
                    let v = b(2);
                    tc.vert_merge = v != 0;
                    tc.vert_restart = v == 3;
                }
            }
            SPRM_T_INSERT => {
                let (at, count) = (b(0), b(1));
                let dxa = i16_at(op, 2).unwrap_or(0);
                if at > self.cells() || self.cells() + count > MAX_ROW_CELLS {
                    return;
                }
                for k in 0..count {
                    let left = self.centers.get(at + k).copied().unwrap_or(0);
                    self.centers.insert(at + k + 1, left.saturating_add(dxa));
                    self.tcs.insert(at + k, Tc::default());
                }
                // Cells after the insertion move right by the inserted width.
                let shift = dxa.saturating_mul(count as i16);
                for c in self.centers.iter_mut().skip(at + count + 1) {
                    *c = c.saturating_add(shift);
                }
            }
            SPRM_T_DELETE => {
                let (first, lim) = (b(0), b(1).min(self.cells()));
                if first >= lim {
                    return;
                }
                let width = self
                    .centers
                    .get(lim)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(self.centers.get(first).copied().unwrap_or(0));
                self.tcs.drain(first..lim);
                self.centers.drain(first + 1..=lim);
                for c in self.centers.iter_mut().skip(first + 1) {
                    *c = c.saturating_sub(width);
                }
            }
            SPRM_T_DXA_COL => {
                let (first, lim) = (b(0), b(1).min(self.cells()));
                let dxa = i16_at(op, 2).unwrap_or(0);
                for i in first..lim {
                    let (Some(&left), Some(&right)) =
                        (self.centers.get(i), self.centers.get(i + 1))
                    else {
                        break;
                    };
                    let delta = left.saturating_add(dxa).saturating_sub(right);
                    for c in self.centers.iter_mut().skip(i + 1) {
                        *c = c.saturating_add(delta);
                    }
                }
            }
            _ => {}
        }
    }
}

/// What the reader needs to know about a paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ParaProps {
    pub in_table: bool,
    pub ttp: bool,
    pub itap: i32,
    pub inner_cell: bool,
    pub inner_ttp: bool,
    /// The row definition, on row-end marks.
    pub row: Option<RowDef>,
}

impl ParaProps {
    /// Table nesting depth: 0 outside tables, 1 in a top-level table.
    pub fn depth(&self) -> i32 {
        if self.itap > 0 {
            self.itap
        } else if self.in_table {
            1
        } else {
            0
        }
    }

    /// Applies the Prls of a grpprl in order. `data` is the Data stream, where
    /// sprmPHugePapx points to; `None` where a huge PAPX may not nest.
    pub fn apply_grpprl(&mut self, grpprl: &[u8], data: Option<&[u8]>) {
        for (sprm, op) in Sprms::new(grpprl) {
            let byte = op.first().copied().unwrap_or(0);
            let int = || u32_at(op, 0).map(|v| v as i32).unwrap_or(0);
            match sprm {
                SPRM_P_F_IN_TABLE => self.in_table = byte != 0,
                SPRM_P_F_TTP => self.ttp = byte != 0,
                SPRM_P_ITAP => self.itap = int().clamp(0, 64),
                SPRM_P_DTAP => self.itap = self.itap.saturating_add(int()).clamp(0, 64),
                SPRM_P_F_INNER_TABLE_CELL => self.inner_cell = byte != 0,
                SPRM_P_F_INNER_TTP => self.inner_ttp = byte != 0,
                SPRM_T_DEF_TABLE => self.row = Some(RowDef::from_def_table(op)),
                SPRM_P_HUGE_PAPX => {
                    // PrcData: cbGrpprl (i16) then the grpprl.
                    if let Some(data) = data
                        && let Some(off) = u32_at(op, 0).map(|o| o as usize)
                        && let Some(cb) = i16_at(data, off).filter(|&cb| cb > 0)
                        && let Some(g) = data.get(off + 2..off + 2 + cb as usize)
                    {
                        self.apply_grpprl(g, None);
                    }
                }
                SPRM_T_MERGE | SPRM_T_SPLIT | SPRM_T_VERT_MERGE | SPRM_T_INSERT | SPRM_T_DELETE
                | SPRM_T_DXA_COL => {
                    if let Some(row) = self.row.as_mut() {
                        row.apply(sprm, op);
                    }
                }
                _ => {}
            }
        }
    }
}

/// One paragraph run of a PAPX FKP: FC range and where its grpprl is in the stream.
#[derive(Debug, Clone, Copy)]
struct Run {
    fc_start: u32,
    fc_end: u32,
    /// Byte range of the grpprl (after istd) in the WordDocument stream.
    grpprl: Option<(usize, usize)>,
}

/// All PAPX FKP runs of the file, sorted by FC, for looking up a paragraph mark.
pub(super) struct PapxIndex {
    runs: Vec<Run>,
}

impl PapxIndex {
    /// Reads PlcBtePapx from the table stream and every FKP page it names.
    pub fn parse(word: &[u8], table: &[u8], fc: u32, lcb: u32) -> Result<PapxIndex, ReadError> {
        let mut runs = Vec::new();
        if lcb < 4 {
            return Ok(PapxIndex { runs });
        }
        let pages =
            bte_pages(table, fc, lcb).ok_or_else(|| corrupt("段落属性表超出 Table 流范围"))?;
        for pn in pages {
            let off = pn as usize * 512;
            let page = off
                .checked_add(512)
                .and_then(|end| word.get(off..end))
                .ok_or_else(|| corrupt("段落属性页超出 WordDocument 流范围"))?;
            let crun = page.get(511).copied().unwrap_or(0) as usize;
            let bx_base = (crun + 1) * 4;
            if bx_base + crun * 13 > 511 {
                return Err(corrupt("段落属性页计数异常"));
            }
            for j in 0..crun {
                let (Some(fc_start), Some(fc_end)) = (u32_at(page, j * 4), u32_at(page, j * 4 + 4))
                else {
                    break;
                };
                let b_off = page.get(bx_base + j * 13).copied().unwrap_or(0) as usize * 2;
                let grpprl = if b_off == 0 {
                    None
                } else {
                    papx_grpprl(page, b_off).map(|(s, e)| (off + s, off + e))
                };
                runs.push(Run {
                    fc_start,
                    fc_end,
                    grpprl,
                });
            }
        }
        runs.sort_by_key(|r| r.fc_start);
        Ok(PapxIndex { runs })
    }

    /// Paragraph properties of the paragraph whose mark is at `fc`.
    pub fn props_at(&self, word: &[u8], data: &[u8], fc: u32) -> ParaProps {
        let mut props = ParaProps::default();
        let i = self.runs.partition_point(|r| r.fc_start <= fc);
        if let Some(run) = i.checked_sub(1).and_then(|i| self.runs.get(i))
            && fc < run.fc_end
            && let Some((s, e)) = run.grpprl
            && let Some(g) = word.get(s..e)
        {
            props.apply_grpprl(g, Some(data));
        }
        props
    }
}

/// The grpprl of a PapxInFkp at `off` in an FKP page, without its istd.
fn papx_grpprl(page: &[u8], off: usize) -> Option<(usize, usize)> {
    let cb = *page.get(off)? as usize;
    let (start, len) = if cb != 0 {
        (off + 1, (2 * cb).checked_sub(1)?)
    } else {
        (off + 2, 2 * *page.get(off + 1)? as usize)
    };
    let end = start + len;
    // The page's last byte is crun; a PAPX never reaches it.
    if end > 511 || len < 2 {
        return None;
    }
    Some((start + 2, end))
}
