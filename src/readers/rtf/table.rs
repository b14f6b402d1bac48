//! RTF tables as they are read. RTF has no table element: a row is the paragraphs before a
//! `\row`, its cells end with `\cell`, and its geometry is the row definition (`\trowd`,
//! then per cell its merge flags and right boundary `\cellxN`). Like .doc, and unlike
//! .docx, no table-wide grid is written, so the grid columns are the union of the
//! boundaries of all rows of the table: a cell that spans two narrower cells of another row
//! gets col_span 2, as in the docx twin.

use std::collections::HashMap;

use super::MAX_GRID_COLS;
use crate::error::{Bound, ReadError};
use crate::model::grid::{Cell, Grid, GridKind};

/// Boundaries closer than this (in twips) are one grid line: rows drawn by hand differ by a
/// few twips where the author meant one line (as in the .doc reader).
const SNAP_TWIPS: i32 = 10;

/// Width given to cells beyond the row definition (more `\cell` than `\cellx`), so they
/// still get grid columns of their own.
const FALLBACK_WIDTH: i32 = 1440;

/// Word's own limit on the rows of one table: a longer run of rows is no Word table, and
/// bounding it bounds the grid the recogniser is handed whatever the cells hold.
const MAX_TABLE_ROWS: u32 = 32_767;

/// `\clmgf`: first cell of a horizontal merge.
pub(super) const H_FIRST: u8 = 1;
/// `\clmrg`: merged into the cell on its left.
pub(super) const H_MERGED: u8 = 2;
/// `\clvmgf`: first cell of a vertical merge.
pub(super) const V_FIRST: u8 = 4;
/// `\clvmrg`: continues the merge of the cell above.
pub(super) const V_MERGED: u8 = 8;

/// One `\cellx` of a row definition with the merge flags written before it.
#[derive(Clone, Copy, Debug)]
struct CellDef {
    right: i32,
    flags: u8,
}

/// The current row definition. It is not scoped by groups and outlives its row: a row
/// without `\trowd` reuses the definition of the row before, as Word does.
#[derive(Default)]
pub(super) struct RowDef {
    left: i32,
    cells: Vec<CellDef>,
    flags: u8,
    /// Changes with every boundary written, so that rows of one definition record their
    /// grid lines once.
    epoch: u64,
}

impl RowDef {
    /// `\trowd`: a new definition.
    pub(super) fn reset(&mut self) {
        self.left = 0;
        self.cells.clear();
        self.flags = 0;
        self.epoch += 1;
    }

    /// `\trleftN`: where the first cell starts.
    pub(super) fn set_left(&mut self, left: i32) {
        self.left = left;
        self.epoch += 1;
    }

    /// A merge flag of the next `\cellx`.
    pub(super) fn flag(&mut self, flag: u8) {
        self.flags |= flag;
    }

    /// `\cellxN`: the right boundary of the next cell.
    pub(super) fn cellx(&mut self, right: i32) -> Result<(), ReadError> {
        if self.cells.len() >= MAX_GRID_COLS {
            return Err(too_wide());
        }
        self.cells.push(CellDef {
            right,
            flags: std::mem::take(&mut self.flags),
        });
        self.epoch += 1;
        Ok(())
    }
}

pub(super) fn too_wide() -> ReadError {
    ReadError::too_large(
        Bound::Structure,
        format!("RTF 表格一行的单元格数超过 {MAX_GRID_COLS}（不像是绩效目标表，请检查文件）"),
    )
}

/// A cell kept for the grid, placed by its boundaries in twips.
struct RawCell {
    row: u32,
    left: i32,
    right: i32,
    flags: u8,
    text: String,
}

/// A run of contiguous table rows being gathered into one grid.
pub(super) struct TableBuilder {
    index: u32,
    rows: u32,
    cells: Vec<RawCell>,
    /// Every cell boundary seen, empty cells included (they shape the grid too).
    lines: Vec<i32>,
    /// The row definition and cell count whose boundaries are in `lines` last.
    lines_of: Option<(u64, usize)>,
}

impl TableBuilder {
    pub(super) fn new(index: u32) -> Self {
        TableBuilder {
            index,
            rows: 0,
            cells: Vec::new(),
            lines: Vec::new(),
            lines_of: None,
        }
    }

    /// Adds one row: the texts of its cells in order (drained), placed by `def`.
    /// Merged-away cells (`\clmrg`) widen their anchor and their text, which Word does not
    /// show, is dropped. Every other cell counts against `max_cells`, empty ones too: they
    /// are kept until `finish` knows whether they span columns.
    pub(super) fn add_row(
        &mut self,
        texts: &mut Vec<String>,
        def: &RowDef,
        max_cells: usize,
    ) -> Result<(), ReadError> {
        if self.rows >= MAX_TABLE_ROWS {
            return Err(ReadError::too_large(
                Bound::Structure,
                format!(
                    "RTF 表格 {} 的行数超过 {MAX_TABLE_ROWS}（Word 表格的上限）",
                    self.index
                ),
            ));
        }
        let row = self.rows;
        self.rows += 1;
        let mut last_right = def.left;
        let mut anchor: Option<usize> = None;
        let new_lines = self.lines_of != Some((def.epoch, texts.len()));
        self.lines_of = Some((def.epoch, texts.len()));
        for (i, text) in texts.drain(..).enumerate() {
            let (left, right, flags) = match def.cells.get(i) {
                Some(d) => {
                    let left = match i.checked_sub(1).and_then(|p| def.cells.get(p)) {
                        Some(p) => p.right,
                        None => def.left,
                    };
                    (left, d.right, d.flags)
                }
                None => (last_right, last_right.saturating_add(FALLBACK_WIDTH), 0),
            };
            // Boundaries out of order (broken writers) still give a cell of some width.
            let (left, right) = (left.min(right), left.max(right));
            last_right = right;
            if new_lines {
                self.lines.push(left);
                self.lines.push(right);
            }
            if flags & H_MERGED != 0
                && flags & H_FIRST == 0
                && let Some(a) = anchor.and_then(|a| self.cells.get_mut(a))
            {
                a.right = a.right.max(right);
                continue;
            }
            anchor = None;
            // Empty cells are kept until the grid is known: one that spans several grid
            // columns is an anchor (as in docx), one that spans a single column is dropped.
            if self.cells.len() >= max_cells {
                return Err(ReadError::too_large(
                    Bound::Cells(max_cells),
                    format!("RTF 表格 {} 的单元格数超过 {max_cells}", self.index),
                ));
            }
            if flags & H_FIRST != 0 {
                anchor = Some(self.cells.len());
            }
            self.cells.push(RawCell {
                row,
                left,
                right,
                flags,
                text,
            });
        }
        Ok(())
    }

    /// The grid: grid lines from all boundaries (near-equal ones snapped together), cells
    /// placed on them, vertical merges joined to the anchor above in the same grid column.
    pub(super) fn finish(self) -> Result<Grid, ReadError> {
        let mut lines = self.lines;
        lines.sort_unstable();
        lines.dedup();
        let mut snapped: Vec<i32> = Vec::with_capacity(lines.len());
        for x in lines {
            match snapped.last() {
                Some(&l) if x.saturating_sub(l) <= SNAP_TWIPS => {}
                _ => snapped.push(x),
            }
        }
        if snapped.len() > MAX_GRID_COLS + 1 {
            return Err(too_wide());
        }
        let col_of = |x: i32| -> u32 {
            let i = snapped.partition_point(|&l| l <= x.saturating_add(SNAP_TWIPS));
            i.saturating_sub(1) as u32
        };

        let mut grid = Grid::new(GridKind::Table { index: self.index });
        let mut cells: Vec<Cell> = Vec::with_capacity(self.cells.len());
        // Cells of the previous row and of this one, by first grid column.
        let mut above: HashMap<u32, usize> = HashMap::new();
        let mut here: HashMap<u32, usize> = HashMap::new();
        let mut current: Option<u32> = None;
        for raw in self.cells {
            if current != Some(raw.row) {
                std::mem::swap(&mut above, &mut here);
                if current.map(|r| r + 1) != Some(raw.row) {
                    // A row in between kept no cell: nothing above to continue.
                    above.clear();
                }
                here.clear();
                current = Some(raw.row);
            }
            let col = col_of(raw.left);
            let end = col_of(raw.right).max(col + 1);
            if raw.text.is_empty()
                && end - col == 1
                && raw.flags & (H_FIRST | V_FIRST | V_MERGED) == 0
            {
                continue;
            }
            if raw.flags & V_MERGED != 0
                && raw.flags & V_FIRST == 0
                && let Some(&a) = above.get(&col)
                && let Some(anchor) = cells.get_mut(a)
            {
                anchor.row_span = raw.row - anchor.row + 1;
                here.insert(col, a);
                continue;
            }
            here.insert(col, cells.len());
            cells.push(Cell {
                row: raw.row,
                col,
                row_span: 1,
                col_span: end - col,
                text: raw.text,
                src_row: raw.row + 1,
                src_col: col + 1,
                number: None,
                percent_format: None,
            });
        }
        for c in cells {
            grid.push(c);
        }
        grid.n_rows = grid.n_rows.max(self.rows);
        grid.n_cols = grid.n_cols.max(snapped.len().saturating_sub(1) as u32);
        grid.finish();
        Ok(grid)
    }
}

/// A nested table (`\itap2` and deeper) being flattened into the containing cell: one line
/// per row, cells joined by '\t', paragraphs inside a nested cell joined by ' ' (as the
/// docx reader does).
#[derive(Default)]
pub(super) struct Nested {
    line: String,
    cell: String,
    cells: u32,
}

impl Nested {
    pub(super) fn add_para(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.cell.is_empty() {
            self.cell.push(' ');
        }
        self.cell.push_str(text);
    }

    pub(super) fn end_cell(&mut self) {
        if self.cells > 0 {
            self.line.push('\t');
        }
        self.line.push_str(&self.cell);
        self.cell.clear();
        self.cells += 1;
    }

    /// Whether a row has begun (a cell ended or text waits).
    pub(super) fn open(&self) -> bool {
        self.cells > 0 || !self.cell.is_empty()
    }

    /// Ends the row: its line (text of an unfinished last cell is kept as a cell).
    pub(super) fn take_row(&mut self) -> String {
        if !self.cell.is_empty() {
            self.end_cell();
        }
        self.cells = 0;
        std::mem::take(&mut self.line)
    }
}
