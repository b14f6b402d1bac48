//! Tables as they are read (OpenDocument 1.2 Part 1 §9.1): `table:table-row`s of
//! `table:table-cell`s and `table:covered-table-cell`s, every grid position written once,
//! with `table:number-columns-spanned` / `number-rows-spanned` on a merge's anchor and
//! `number-rows-repeated` / `number-columns-repeated` standing for copies.
//!
//! A row's cells are gathered first and placed when the row ends, so that a repeated row
//! is expanded only when it holds something, and never past the limits: the copies a
//! row asks for are counted before any is made. A spreadsheet's cells keep their
//! worksheet positions and are compacted by `sheet::build_grid`, like the xlsx reader's;
//! a text document's table keeps its grid columns, as the docx reader's does.

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Cell, Grid, GridKind};
use crate::readers::sheet::{self, Merge, SheetCell};

use super::values::{Shown, ValueAttrs};

/// Word's and Writer's practical width; a text table's cells past it are refused, as the
/// docx reader refuses them.
pub(super) const MAX_TABLE_COLS: u64 = 16_384;
/// Rows a text document's table may have: far more than any form, few enough that the
/// grid's row index stays small.
pub(super) const MAX_TABLE_ROWS: u64 = 1 << 20;
/// The last worksheet position a cell may hold (cells are placed at u32 positions).
const MAX_SHEET_POS: u64 = u32::MAX as u64 - 1;

/// Where a table stands: a worksheet of a spreadsheet or a table of a text document.
pub(super) enum Target {
    Sheet {
        name: String,
        cells: Vec<SheetCell>,
        merges: Vec<Merge>,
    },
    Text {
        grid: Grid,
        /// Grid row of the next row (empty repeated rows count once).
        grid_row: u64,
        /// Columns declared by `table:table-column`.
        declared_cols: u64,
    },
}

/// A cell of the row being read, placed when the row ends.
struct RowCell {
    col: u64,
    repeat: u64,
    col_span: u32,
    row_span: u32,
    shown: Shown,
}

/// The cell being read: its attributes, and its paragraphs as they come.
#[derive(Default)]
pub(super) struct Draft {
    pub(super) repeat: u64,
    pub(super) col_span: u32,
    pub(super) row_span: u32,
    pub(super) value: ValueAttrs,
    pub(super) text: String,
    pub(super) paras: u32,
}

/// A top-level table being read.
pub(super) struct TableBuilder {
    pub(super) target: Target,
    /// Worksheet (source) row of the next row, 0-based.
    src_row: u64,
    row_repeat: u64,
    col: u64,
    pub(super) in_row: bool,
    pub(super) in_cell: bool,
    row: Vec<RowCell>,
    pub(super) draft: Draft,
    /// Bytes of text the expansion of repeated cells has made.
    expanded_text: u64,
}

/// A number attribute (`number-…-repeated`, `-spanned`): at least 1, never more than `max`.
pub(super) fn count(v: Option<&str>, max: u64) -> u64 {
    v.and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, max.max(1))
}

impl TableBuilder {
    pub(super) fn sheet(name: String) -> Self {
        Self::new(Target::Sheet {
            name,
            cells: Vec::new(),
            merges: Vec::new(),
        })
    }

    pub(super) fn text(index: u32) -> Self {
        Self::new(Target::Text {
            grid: Grid::new(GridKind::Table { index }),
            grid_row: 0,
            declared_cols: 0,
        })
    }

    fn new(target: Target) -> Self {
        TableBuilder {
            target,
            src_row: 0,
            row_repeat: 1,
            col: 0,
            in_row: false,
            in_cell: false,
            row: Vec::new(),
            draft: Draft::default(),
            expanded_text: 0,
        }
    }

    fn is_text(&self) -> bool {
        matches!(self.target, Target::Text { .. })
    }

    /// A `table:table-column` (with its repetition) of a text table: the grid's width.
    pub(super) fn declare_columns(&mut self, n: u64) {
        if let Target::Text { declared_cols, .. } = &mut self.target {
            *declared_cols = declared_cols.saturating_add(n).min(MAX_TABLE_COLS);
        }
    }

    pub(super) fn start_row(&mut self, repeat: u64) {
        self.in_row = true;
        self.row_repeat = repeat;
        self.col = 0;
        self.row.clear();
    }

    pub(super) fn start_cell(&mut self, draft: Draft) {
        self.in_cell = true;
        self.draft = draft;
    }

    /// A covered cell: a grid position (or `repeat` of them) under a merge.
    pub(super) fn covered(&mut self, repeat: u64) {
        self.col = self.col.saturating_add(repeat);
    }

    /// Ends the cell being read: kept for the row when it holds text or is a merge anchor.
    pub(super) fn end_cell(&mut self, limits: &Limits) -> Result<(), ReadError> {
        self.in_cell = false;
        let d = std::mem::take(&mut self.draft);
        let col = self.col;
        self.col = self.col.saturating_add(d.repeat);
        let shown = if self.is_text() {
            // A text document's cell shows its paragraphs, whatever value it carries.
            Shown {
                text: d.text,
                number: None,
                percent_format: None,
            }
        } else {
            d.value.shown(d.text)
        };
        if shown.text.is_empty() && d.col_span <= 1 && d.row_span <= 1 {
            return Ok(());
        }
        if self.row.len() >= limits.max_cells {
            return Err(too_many_cells(limits.max_cells));
        }
        self.row.push(RowCell {
            col,
            repeat: d.repeat,
            col_span: d.col_span.max(1),
            row_span: d.row_span.max(1),
            shown,
        });
        Ok(())
    }

    /// Ends the row: its cells placed once per repetition, only when there are any.
    pub(super) fn end_row(&mut self, limits: &Limits) -> Result<(), ReadError> {
        self.in_row = false;
        let repeat = self.row_repeat;
        let src_row = self.src_row;
        self.src_row = self.src_row.saturating_add(repeat);
        let row = std::mem::take(&mut self.row);
        if row.is_empty() {
            if let Target::Text { grid_row, .. } = &mut self.target {
                *grid_row += 1;
                check_rows(*grid_row)?;
            }
            return Ok(());
        }
        // Every copy is counted before any is made.
        let per_row: u128 = row.iter().map(|c| u128::from(c.repeat)).sum();
        let copies = per_row.saturating_mul(u128::from(repeat));
        let have = match &self.target {
            Target::Sheet { cells, .. } => cells.len(),
            Target::Text { grid, .. } => grid.cells.len(),
        } as u128;
        if have.saturating_add(copies) > limits.max_cells as u128 {
            return Err(too_many_cells(limits.max_cells));
        }
        let text: u128 = row
            .iter()
            .map(|c| c.shown.text.len() as u128 * u128::from(c.repeat))
            .sum::<u128>()
            .saturating_mul(u128::from(repeat));
        if repeat > 1 || row.iter().any(|c| c.repeat > 1) {
            let total = u128::from(self.expanded_text).saturating_add(text);
            if total > u128::from(limits.max_inflated_bytes) {
                return Err(ReadError::too_large(
                    Bound::Inflated(limits.max_inflated_bytes),
                    format!(
                        "重复的行或单元格展开后的文字超过 {} 字节",
                        limits.max_inflated_bytes
                    ),
                ));
            }
            self.expanded_text = total as u64;
        }
        match &mut self.target {
            Target::Sheet { cells, merges, .. } => {
                let last = src_row.saturating_add(repeat - 1);
                let far = row
                    .iter()
                    .map(|c| c.col.saturating_add(c.repeat - 1))
                    .max()
                    .unwrap_or(0);
                if last > MAX_SHEET_POS || far > MAX_SHEET_POS {
                    return Err(ReadError::too_large(
                        Bound::Structure,
                        format!("工作表的单元格位置超过第 {MAX_SHEET_POS} 行或列"),
                    ));
                }
                for r in src_row..=last {
                    for c in &row {
                        for k in 0..c.repeat {
                            let (r, col) = (r as u32, (c.col + k) as u32);
                            if c.row_span > 1 || c.col_span > 1 {
                                merges.push(Merge::from_corners(
                                    (r, col),
                                    (
                                        r.saturating_add(c.row_span - 1),
                                        col.saturating_add(c.col_span - 1),
                                    ),
                                ));
                            }
                            cells.push(SheetCell {
                                row: r,
                                col,
                                text: c.shown.text.clone(),
                                number: c.shown.number,
                                percent_format: c.shown.percent_format,
                            });
                        }
                    }
                }
            }
            Target::Text { grid, grid_row, .. } => {
                let far = row
                    .iter()
                    // Spans are clamped to the grid when the table ends.
                    .map(|c| c.col.saturating_add(c.repeat))
                    .max()
                    .unwrap_or(0);
                if far > MAX_TABLE_COLS {
                    let index = match grid.kind {
                        GridKind::Table { index } => index,
                        GridKind::Sheet { .. } => 0,
                    };
                    return Err(ReadError::too_large(
                        Bound::Structure,
                        format!("表格 {index} 的列数超过 {MAX_TABLE_COLS}"),
                    ));
                }
                check_rows(grid_row.saturating_add(repeat))?;
                for k in 0..repeat {
                    let r = (*grid_row + k) as u32;
                    let src = src_row
                        .saturating_add(k)
                        .saturating_add(1)
                        .min(u64::from(u32::MAX));
                    for c in &row {
                        for j in 0..c.repeat {
                            let col = (c.col + j) as u32;
                            grid.push(Cell {
                                row: r,
                                col,
                                row_span: c.row_span,
                                col_span: c.col_span,
                                text: c.shown.text.clone(),
                                src_row: src as u32,
                                src_col: col + 1,
                                number: None,
                                percent_format: None,
                            });
                        }
                    }
                }
                *grid_row += repeat;
            }
        }
        Ok(())
    }

    /// The finished grid.
    pub(super) fn finish(self, limits: &Limits) -> Result<Grid, ReadError> {
        match self.target {
            Target::Sheet {
                name,
                cells,
                merges,
            } => sheet::build_grid(&name, cells, &merges, limits.max_cells),
            Target::Text {
                mut grid,
                grid_row,
                declared_cols,
            } => {
                // Spans never reach past the rows read or the widest row: a hostile span
                // must not size anything.
                let n_rows = grid_row as u32;
                let widest = grid
                    .cells
                    .iter()
                    .map(|c| u64::from(c.col) + u64::from(c.col_span))
                    .max()
                    .unwrap_or(0);
                let n_cols = declared_cols.max(widest).min(MAX_TABLE_COLS) as u32;
                for c in &mut grid.cells {
                    c.row_span = c.row_span.min(n_rows.saturating_sub(c.row)).max(1);
                    c.col_span = c.col_span.min(n_cols.saturating_sub(c.col)).max(1);
                }
                grid.n_rows = n_rows;
                grid.n_cols = n_cols;
                grid.finish();
                Ok(grid)
            }
        }
    }
}

fn check_rows(rows: u64) -> Result<(), ReadError> {
    if rows > MAX_TABLE_ROWS {
        return Err(ReadError::too_large(
            Bound::Structure,
            format!("表格的行数超过 {MAX_TABLE_ROWS}"),
        ));
    }
    Ok(())
}

fn too_many_cells(max_cells: usize) -> ReadError {
    ReadError::too_large(
        Bound::Cells(max_cells),
        format!("表格的非空单元格超过 {max_cells} 个"),
    )
}

/// A nested table being flattened: one line per row, as the docx reader flattens them.
#[derive(Default)]
pub(super) struct NestedTable {
    pub(super) line: String,
    pub(super) cell: String,
    pub(super) row_cells: u32,
    pub(super) in_row: bool,
    pub(super) in_cell: bool,
}
