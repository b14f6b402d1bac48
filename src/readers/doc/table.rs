//! Turns the rows of a .doc table (cell texts plus each row's cell boundaries and merge
//! flags) into a `Grid`. A .doc file has no table-wide column grid as docx has: every
//! row only says where its own cells start and end. The grid columns are the union of all
//! rows' boundaries, so that a cell spanning two narrower cells of another row gets
//! col_span 2, as in the docx twin.

use super::papx::{RowDef, Tc};
use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Cell, Grid, GridKind};
use std::collections::HashMap;

/// Boundaries closer than this (in twips, 1/1440 inch ≈ 0.018 mm) are one grid line:
/// rows written by hand in Word differ by a few twips where the author meant one line.
const SNAP_TWIPS: i32 = 10;

/// Width given to cells that have text but no boundary in the row definition (broken or
/// missing TAPX), so they still get grid columns of their own.
const FALLBACK_WIDTH: i32 = 1440;

/// One row as read from the text: cell texts in order, and the row-end mark's definition.
#[derive(Debug, Default)]
pub(super) struct RawRow {
    pub cells: Vec<String>,
    pub def: Option<RowDef>,
}

/// A cell after horizontal merges, placed by its boundaries in twips.
struct Placed {
    left: i32,
    right: i32,
    text: String,
    tc: Tc,
}

/// Applies horizontal merges of one row and places each cell between its boundaries.
fn place_row(row: RawRow) -> Vec<Placed> {
    let def = row.def.unwrap_or_default();
    let mut placed: Vec<Placed> = Vec::with_capacity(row.cells.len());
    let mut last_right = def.centers.first().copied().map(i32::from).unwrap_or(0);
    for (i, text) in row.cells.into_iter().enumerate() {
        let left = def.centers.get(i).map(|&x| i32::from(x));
        let right = def.centers.get(i + 1).map(|&x| i32::from(x));
        let (left, right) = match (left, right) {
            (Some(l), Some(r)) => (l, r),
            _ => (last_right, last_right.saturating_add(FALLBACK_WIDTH)),
        };
        last_right = right;
        let tc = def.tcs.get(i).copied().unwrap_or_default();
        // Word 97 horizontal merge: the merged cells still exist, flagged fMerged, and
        // their (normally empty) text belongs to the first cell.
        if tc.merged
            && !tc.first_merged
            && let Some(prev) = placed.last_mut()
        {
            prev.right = prev.right.max(right);
            append_text(&mut prev.text, &text);
            continue;
        }
        placed.push(Placed {
            left,
            right,
            text,
            tc,
        });
    }
    placed
}

/// Adds the text of a merged-away cell to its anchor, when there is any.
fn append_text(anchor: &mut String, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    if !anchor.trim().is_empty() {
        anchor.push('\n');
    }
    anchor.push_str(text);
}

/// Builds the grid of table number `index` from its rows.
pub(super) fn build_grid(
    rows: Vec<RawRow>,
    index: u32,
    limits: &Limits,
) -> Result<Grid, ReadError> {
    let total: usize = rows.iter().map(|r| r.cells.len()).sum();
    if total > limits.max_cells {
        return Err(ReadError::too_large(
            Bound::Cells(limits.max_cells),
            format!("Word 表格单元格数 {total} 超过上限 {}", limits.max_cells),
        ));
    }
    let rows: Vec<Vec<Placed>> = rows.into_iter().map(place_row).collect();

    // Grid lines: every boundary of every cell, near-equal ones snapped together.
    let mut lines: Vec<i32> = rows
        .iter()
        .flatten()
        .flat_map(|c| [c.left, c.right])
        .collect();
    lines.sort_unstable();
    lines.dedup();
    let mut snapped: Vec<i32> = Vec::new();
    for x in lines {
        match snapped.last() {
            Some(&l) if x - l <= SNAP_TWIPS => {}
            _ => snapped.push(x),
        }
    }
    let col_of = |x: i32| -> u32 {
        let i = snapped.partition_point(|&l| l <= x.saturating_add(SNAP_TWIPS));
        i.saturating_sub(1) as u32
    };

    let mut grid = Grid::new(GridKind::Table { index });
    let mut cells: Vec<Cell> = Vec::with_capacity(total);
    // Anchors covering the previous row, by first grid column.
    let mut above: HashMap<u32, usize> = HashMap::new();
    for (r, row) in rows.into_iter().enumerate() {
        let r = r as u32;
        let mut here: HashMap<u32, usize> = HashMap::new();
        for p in row {
            let col = col_of(p.left);
            let end = col_of(p.right.max(p.left));
            let col_span = end.saturating_sub(col).max(1);
            // A continued vertical merge: extend the anchor above that starts in the same
            // grid column instead of storing a cell.
            if p.tc.vert_merge
                && !p.tc.vert_restart
                && let Some(&ai) = above.get(&col)
                && let Some(anchor) = cells.get_mut(ai)
            {
                anchor.row_span = r - anchor.row + 1;
                append_text(&mut anchor.text, &p.text);
                here.insert(col, ai);
                continue;
            }
            here.insert(col, cells.len());
            cells.push(Cell {
                row: r,
                col,
                row_span: 1,
                col_span,
                text: p.text,
                src_row: r + 1,
                src_col: col + 1,
                number: None,
                percent_format: None,
            });
        }
        above = here;
        grid.n_rows = grid.n_rows.max(r + 1);
    }
    for c in cells {
        grid.push(c);
    }
    grid.finish();
    Ok(grid)
}
