//! The HTML table model: cells placed row by row, each in the first slot of its row not
//! taken by a cell from a row above, spans clamped as browsers clamp them (colspan
//! 1..=1000, rowspan 0..=65534, 0 meaning "to the end of the row group") and cut at the
//! end of their row group.
//!
//! Work is bounded whatever the spans say: a column taken by a row span records where the
//! covering cell ends, so a covered run is skipped in one step; the grid is at most
//! `MAX_COLS` wide; and the slot bookkeeping of one table may cost at most a fixed
//! multiple of `max_cells` steps.

use crate::error::{Bound, ReadError};

/// Browsers' largest colspan.
const MAX_COLSPAN: u32 = 1000;
/// Browsers' largest rowspan.
const MAX_ROWSPAN: u32 = 65534;
/// The widest grid read (as the Word reader): far beyond any form, small enough that the
/// per-column bookkeeping stays small.
pub(super) const MAX_COLS: u32 = 16_384;

/// A placed cell.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) row_span: u32,
    pub(super) col_span: u32,
    pub(super) text: String,
    pub(super) number: Option<f64>,
    pub(super) percent: Option<bool>,
}

/// Per column: the row group, the first row no longer covered, and the column after the
/// covering cell.
#[derive(Clone, Copy, Default)]
struct Busy {
    group: u32,
    until: u32,
    end: u32,
}

/// Places the cells of one table.
pub(super) struct Placer {
    busy: Vec<Busy>,
    group: u32,
    /// Cells of the current row group whose row span must be cut at its end.
    long: Vec<usize>,
    pub(super) row: u32,
    col: u32,
    pub(super) width: u32,
    pub(super) cells: Vec<Placed>,
    work: u64,
    max_work: u64,
    max_cells: usize,
    index: u32,
}

impl Placer {
    pub(super) fn new(index: u32, max_cells: usize) -> Self {
        Placer {
            busy: Vec::new(),
            group: 0,
            long: Vec::new(),
            row: 0,
            col: 0,
            width: 0,
            cells: Vec::new(),
            work: 0,
            max_work: (max_cells as u64).saturating_mul(64).max(1 << 20),
            max_cells,
            index,
        }
    }

    pub(super) fn start_group(&mut self) {
        self.group += 1;
        self.long.clear();
    }

    /// Cuts the row spans of the group's cells at its end.
    pub(super) fn end_group(&mut self) {
        let end = self.row;
        for &i in &self.long {
            if let Some(c) = self.cells.get_mut(i) {
                let room = end.saturating_sub(c.row).max(1);
                c.row_span = if c.row_span == 0 {
                    room
                } else {
                    c.row_span.min(room)
                };
            }
        }
        self.long.clear();
    }

    pub(super) fn start_row(&mut self) {
        self.col = 0;
    }

    pub(super) fn end_row(&mut self) {
        self.row = self.row.saturating_add(1);
    }

    /// The slot the next cell of the row goes to, and the browser-clamped spans.
    pub(super) fn place(
        &mut self,
        rowspan: Option<u32>,
        colspan: Option<u32>,
    ) -> Result<(u32, u32, u32), ReadError> {
        let cs = colspan.unwrap_or(1).clamp(1, MAX_COLSPAN);
        let rs = rowspan.unwrap_or(1).min(MAX_ROWSPAN);
        let mut x = self.col;
        while let Some(b) = self.busy.get(x as usize) {
            if b.group == self.group && b.until > self.row && b.end > x {
                x = b.end;
                self.spend(1)?;
            } else {
                break;
            }
        }
        let end = x + cs;
        if end > MAX_COLS {
            return Err(ReadError::too_large(
                Bound::Structure,
                format!("网页表格 {} 的列数超过 {MAX_COLS}", self.index),
            ));
        }
        if rs != 1 {
            if self.busy.len() < end as usize {
                self.busy.resize(end as usize, Busy::default());
            }
            let until = if rs == 0 {
                u32::MAX
            } else {
                self.row.saturating_add(rs)
            };
            let slot = Busy {
                group: self.group,
                until,
                end,
            };
            if let Some(s) = self.busy.get_mut(x as usize..end as usize) {
                s.fill(slot);
            }
            self.spend(u64::from(cs))?;
        }
        self.col = end;
        self.width = self.width.max(end);
        Ok((x, rs, cs))
    }

    /// Keeps a placed cell (anchors with text, numbers or spans; others are not stored).
    pub(super) fn keep(&mut self, cell: Placed) -> Result<(), ReadError> {
        if cell.row_span != 1 {
            self.long.push(self.cells.len());
        }
        self.cells.push(cell);
        if self.cells.len() > self.max_cells {
            return Err(ReadError::too_large(
                Bound::Cells(self.max_cells),
                format!("网页表格 {} 的单元格数超过 {}", self.index, self.max_cells),
            ));
        }
        Ok(())
    }

    fn spend(&mut self, n: u64) -> Result<(), ReadError> {
        self.work += n;
        if self.work > self.max_work {
            return Err(ReadError::too_large(
                Bound::Structure,
                format!("网页表格 {} 的合并单元格跨度过大", self.index),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(p: &mut Placer, rs: Option<u32>, cs: Option<u32>, text: &str) -> (u32, u32) {
        let (col, row_span, col_span) = p.place(rs, cs).expect("placed");
        let row = p.row;
        p.keep(Placed {
            row,
            col,
            row_span,
            col_span,
            text: text.into(),
            number: None,
            percent: None,
        })
        .expect("kept");
        (row, col)
    }

    #[test]
    fn cells_skip_slots_taken_from_above() {
        let mut p = Placer::new(1, 100);
        p.start_group();
        p.start_row();
        assert_eq!(cell(&mut p, Some(2), None, "a"), (0, 0));
        assert_eq!(cell(&mut p, None, Some(2), "b"), (0, 1));
        assert_eq!(cell(&mut p, Some(3), None, "c"), (0, 3));
        p.end_row();
        p.start_row();
        assert_eq!(cell(&mut p, None, None, "d"), (1, 1));
        assert_eq!(cell(&mut p, None, None, "e"), (1, 2));
        assert_eq!(cell(&mut p, None, None, "f"), (1, 4));
        p.end_row();
        p.end_group();
        // The rowspan of "c" (3) is cut at the end of its group (2 rows).
        assert_eq!(p.cells[2].row_span, 2);
        // A new group starts free.
        p.start_group();
        p.start_row();
        assert_eq!(cell(&mut p, Some(0), None, "g"), (2, 0));
        p.end_row();
        p.start_row();
        assert_eq!(cell(&mut p, None, None, "h"), (3, 1));
        p.end_row();
        p.start_row();
        p.end_row();
        p.end_group();
        assert_eq!(p.cells[6].row_span, 3);
    }

    #[test]
    fn spans_are_clamped_and_work_is_bounded() {
        let mut p = Placer::new(1, 100);
        p.start_group();
        p.start_row();
        let (_, rs, cs) = p.place(Some(1_000_000), Some(1_000_000_000)).expect("ok");
        assert_eq!((rs, cs), (65534, 1000));
        // Seventeen cells of colspan 1000 pass the width limit.
        let mut err = None;
        for _ in 0..20 {
            if let Err(e) = p.place(None, Some(1000)) {
                err = Some(e);
                break;
            }
        }
        assert!(matches!(err, Some(ReadError::TooLarge { .. })));
    }
}
