//! Word tables as they are read: a top-level table becomes a `Grid` with its horizontal
//! and vertical merges resolved row by row; a nested table is flattened into lines.

use quick_xml::events::BytesStart;

use super::MAX_GRID_COLS;
use crate::error::{Bound, ReadError};
use crate::model::grid::{Cell, Grid, GridKind};
use crate::readers::xml::attr;

/// State of a merge mark on a cell (`w:vMerge`, `w:hMerge`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(super) enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}

/// One cell of a row as the row below sees it: the grid columns it covers and the anchor
/// of the vertical merge it belongs to, if any. A continuation only joins an anchor seen
/// in the row just above, so only that row's cells and the current row's are kept, one
/// entry per cell (not per grid column: a cell may claim thousands of columns).
#[derive(Clone, Copy, Debug)]
pub(super) struct VSlot {
    pub(super) from: u32,
    pub(super) to: u32,
    pub(super) anchor: Option<usize>,
}

/// A top-level table being built.
pub(super) struct TopTable {
    pub(super) grid: Grid,
    pub(super) rows: u32,
    pub(super) row: u32,
    pub(super) in_row: bool,
    pub(super) in_cell: bool,
    pub(super) col: u32,
    pub(super) row_has_cell: bool,
    pub(super) grid_after: u32,
    pub(super) width: u32,
    pub(super) grid_cols: u32,
    pub(super) hmerge_anchor: Option<usize>,
    /// The cells of the row above and of the current row, left to right.
    pub(super) above: Vec<VSlot>,
    pub(super) current: Vec<VSlot>,
    // The cell being read.
    pub(super) span: u32,
    pub(super) vmerge: Merge,
    pub(super) hmerge: Merge,
    pub(super) text: String,
    pub(super) paras: u32,
}

impl TopTable {
    pub(super) fn new(index: u32) -> Self {
        TopTable {
            grid: Grid::new(GridKind::Table { index }),
            rows: 0,
            row: 0,
            in_row: false,
            in_cell: false,
            col: 0,
            row_has_cell: false,
            grid_after: 0,
            width: 0,
            grid_cols: 0,
            hmerge_anchor: None,
            above: Vec::new(),
            current: Vec::new(),
            span: 1,
            vmerge: Merge::None,
            hmerge: Merge::None,
            text: String::new(),
            paras: 0,
        }
    }

    pub(super) fn index(&self) -> u32 {
        match self.grid.kind {
            GridKind::Table { index } => index,
            GridKind::Sheet { .. } => 0,
        }
    }

    pub(super) fn start_row(&mut self) {
        self.row = self.rows;
        self.rows += 1;
        self.in_row = true;
        self.col = 0;
        self.row_has_cell = false;
        self.grid_after = 0;
        self.hmerge_anchor = None;
        std::mem::swap(&mut self.above, &mut self.current);
        self.current.clear();
    }

    pub(super) fn end_row(&mut self) {
        self.in_row = false;
        self.width = self
            .width
            .max(self.col.saturating_add(self.grid_after).min(MAX_GRID_COLS));
    }

    pub(super) fn start_cell(&mut self) {
        self.in_cell = true;
        self.row_has_cell = true;
        self.span = 1;
        self.vmerge = Merge::None;
        self.hmerge = Merge::None;
        self.text.clear();
        self.paras = 0;
    }

    pub(super) fn too_wide(&self) -> ReadError {
        ReadError::too_large(
            Bound::Structure,
            format!("表格 {} 的列数超过 {MAX_GRID_COLS}", self.index()),
        )
    }

    /// Records the cell just placed (cells of a row come left to right).
    pub(super) fn set_vslots(&mut self, from: u32, to: u32, anchor: Option<usize>) {
        self.current.push(VSlot { from, to, anchor });
    }

    /// The vertical merge anchor of the cell in the row above that covers grid column `c`.
    fn anchor_above(&self, c: u32) -> Option<usize> {
        let i = self.above.partition_point(|s| s.to <= c);
        self.above
            .get(i)
            .filter(|s| s.from <= c)
            .and_then(|s| s.anchor)
    }

    /// Places the finished cell on the grid: a new anchor, or an extension of the anchor it
    /// continues.
    pub(super) fn end_cell(&mut self, max_cells: usize) -> Result<(), ReadError> {
        self.in_cell = false;
        let (r, c) = (self.row, self.col);
        let span = self.span.max(1);
        let end = c.saturating_add(span);
        if end > MAX_GRID_COLS {
            return Err(self.too_wide());
        }
        self.col = end;

        if self.hmerge == Merge::Continue
            && let Some(a) = self.hmerge_anchor
            && let Some(anchor) = self.grid.cells.get_mut(a)
        {
            anchor.col_span = end.saturating_sub(anchor.col).max(1);
            self.set_vslots(c, end, None);
            return Ok(());
        }

        if self.vmerge == Merge::Continue
            && r > 0
            && let Some(a) = self.anchor_above(c)
            && let Some(anchor) = self.grid.cells.get_mut(a)
        {
            anchor.row_span = r - anchor.row + 1;
            self.set_vslots(c, end, Some(a));
            self.hmerge_anchor = None;
            return Ok(());
        }

        // A continuation with nothing to continue starts its own region.
        let vertical = self.vmerge != Merge::None;
        let horizontal = self.hmerge != Merge::None;
        if self.text.is_empty() && span == 1 && !vertical && !horizontal {
            self.set_vslots(c, end, None);
            self.hmerge_anchor = None;
            return Ok(());
        }
        if self.grid.cells.len() >= max_cells {
            return Err(ReadError::too_large(
                Bound::Cells(max_cells),
                format!("表格 {} 的单元格数超过 {max_cells}", self.index()),
            ));
        }
        let idx = self.grid.cells.len();
        self.grid.push(Cell {
            row: r,
            col: c,
            row_span: 1,
            col_span: span,
            text: std::mem::take(&mut self.text),
            src_row: r + 1,
            src_col: c + 1,
            number: None,
            percent_format: None,
        });
        self.set_vslots(c, end, vertical.then_some(idx));
        self.hmerge_anchor = horizontal.then_some(idx);
        Ok(())
    }

    pub(super) fn finish(mut self) -> Grid {
        let mut n_rows = self.rows;
        let mut n_cols = self.width.max(self.grid_cols);
        for c in &self.grid.cells {
            n_rows = n_rows.max(c.last_row() + 1);
            n_cols = n_cols.max(c.last_col() + 1);
        }
        self.grid.n_rows = n_rows;
        self.grid.n_cols = n_cols;
        self.grid.finish();
        self.grid
    }
}

/// A nested table being flattened: one line per row.
#[derive(Default)]
pub(super) struct NestedTable {
    pub(super) line: String,
    pub(super) cell: String,
    pub(super) row_cells: u32,
    pub(super) in_row: bool,
    pub(super) in_cell: bool,
}

/// `w:vMerge`/`w:hMerge`: no value means continue.
pub(super) fn merge_val(e: &BytesStart<'_>) -> Merge {
    match attr(e, "val").map(str::trim) {
        Some("restart") => Merge::Restart,
        _ => Merge::Continue,
    }
}
