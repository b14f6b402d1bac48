//! What the spreadsheet readers (.xlsx and .xls) share: turning sparse cells and merged
//! regions in absolute worksheet coordinates into a compact `Grid`, and writing numbers the
//! way a person reads them off the sheet.
//!
//! A worksheet may hold a title in row 3, a blank first column, a stray cell at XFD1048576
//! or merges that reach far past the data. The recogniser wants dense small indices, so
//! rows and columns that hold nothing are dropped here, while `src_row`/`src_col` keep the
//! worksheet position for messages like "部门整体绩效目标表!D8".

use std::collections::{BTreeMap, BinaryHeap};

use calamine::{Data, SheetType};

use crate::error::{Bound, ReadError};
use crate::model::grid::{Cell, Grid, GridKind};

/// One non-empty source cell, 0-based absolute worksheet position.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetCell {
    /// Worksheet row (0-based).
    pub row: u32,
    /// Worksheet column (0-based).
    pub col: u32,
    /// The text as displayed.
    pub text: String,
    /// The raw number when the cell held one.
    pub number: Option<f64>,
    /// Whether the cell's number format is a percentage, if known.
    pub percent_format: Option<bool>,
}

/// A merged region, 0-based absolute worksheet positions, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u32,
    /// Last row (inclusive).
    pub last_row: u32,
    /// Last column (inclusive).
    pub last_col: u32,
}

impl Merge {
    /// A merge from two corners given in any order (hostile files may reverse them).
    pub fn from_corners(a: (u32, u32), b: (u32, u32)) -> Self {
        Merge {
            first_row: a.0.min(b.0),
            first_col: a.1.min(b.1),
            last_row: a.0.max(b.0),
            last_col: a.1.max(b.1),
        }
    }

    fn is_single(&self) -> bool {
        self.first_row == self.last_row && self.first_col == self.last_col
    }
}

/// Builds the compact grid of one worksheet.
///
/// Cells covered by a merge (other than its top-left) are dropped; a merge whose top-left
/// holds no value gets an anchor with empty text. Rows and columns holding neither a cell
/// nor a merge anchor are dropped, and spans count only the kept rows/columns.
pub fn build_grid(
    name: &str,
    mut cells: Vec<SheetCell>,
    merges: &[Merge],
    max_cells: usize,
) -> Result<Grid, ReadError> {
    let mut merges: Vec<Merge> = merges.iter().copied().filter(|m| !m.is_single()).collect();
    if merges.len() > max_cells || cells.len() > max_cells {
        return Err(too_many(max_cells));
    }
    merges.sort_by_key(|m| (m.first_row, m.first_col));
    cells.sort_by_key(|c| (c.row, c.col));
    cells.dedup_by(|later, earlier| later.row == earlier.row && later.col == earlier.col);

    let (accepted, covering) = assign_merges(&cells, &merges);

    // Anchors: the merge's own top-left cell when present, else an empty one.
    let mut anchor_of_merge: Vec<Option<usize>> = vec![None; merges.len()];
    let mut kept: Vec<(SheetCell, Option<usize>)> = Vec::with_capacity(cells.len());
    for (cell, cover) in cells.into_iter().zip(covering) {
        match cover {
            Some(m) => {
                let merge = &merges[m];
                if merge.first_row == cell.row && merge.first_col == cell.col {
                    anchor_of_merge[m] = Some(kept.len());
                    kept.push((cell, Some(m)));
                }
            }
            None => kept.push((cell, None)),
        }
    }
    for (m, merge) in merges.iter().enumerate() {
        if accepted[m] && anchor_of_merge[m].is_none() {
            kept.push((
                SheetCell {
                    row: merge.first_row,
                    col: merge.first_col,
                    text: String::new(),
                    number: None,
                    percent_format: None,
                },
                Some(m),
            ));
        }
    }
    if kept.len() > max_cells {
        return Err(too_many(max_cells));
    }

    let mut rows: Vec<u32> = kept.iter().map(|(c, _)| c.row).collect();
    let mut cols: Vec<u32> = kept.iter().map(|(c, _)| c.col).collect();
    rows.sort_unstable();
    rows.dedup();
    cols.sort_unstable();
    cols.dedup();

    let mut grid = Grid::new(GridKind::Sheet {
        name: name.to_string(),
    });
    // A merged cell is a slot of every row it covers (`Grid::rows`, the recogniser), so
    // the slots are what `max_cells` bounds: ten thousand merges down the whole sheet beside
    // ten thousand filled rows are 10^8 slots from a file of a few hundred kilobytes.
    let mut slots = 0u64;
    for (cell, merge) in kept {
        let row = dense_index(&rows, cell.row);
        let col = dense_index(&cols, cell.col);
        let (row_span, col_span) = match merge.and_then(|m| merges.get(m)) {
            Some(m) => (
                kept_between(&rows, m.first_row, m.last_row),
                kept_between(&cols, m.first_col, m.last_col),
            ),
            None => (1, 1),
        };
        slots += u64::from(row_span);
        if slots > max_cells as u64 {
            return Err(ReadError::too_large(
                Bound::Cells(max_cells),
                format!("工作表的合并单元格覆盖的位置过多（按行计超过 {max_cells} 个）"),
            ));
        }
        grid.push(Cell {
            row,
            col,
            row_span,
            col_span,
            text: cell.text,
            src_row: cell.row.saturating_add(1),
            src_col: cell.col.saturating_add(1),
            number: cell.number,
            percent_format: cell.percent_format,
        });
    }
    grid.finish();
    Ok(grid)
}

fn too_many(max_cells: usize) -> ReadError {
    ReadError::too_large(
        Bound::Cells(max_cells),
        format!("工作表单元格数量超过 {max_cells} 个"),
    )
}

/// Position of `v` among the sorted kept values (it is always present).
fn dense_index(sorted: &[u32], v: u32) -> u32 {
    sorted.partition_point(|&x| x < v) as u32
}

/// How many kept rows/columns lie in `first..=last` (at least 1: the anchor's own).
fn kept_between(sorted: &[u32], first: u32, last: u32) -> u32 {
    let lo = sorted.partition_point(|&x| x < first);
    let hi = sorted.partition_point(|&x| x <= last);
    (hi.saturating_sub(lo) as u32).max(1)
}

/// Decides which merges are kept and which merge covers each (sorted) cell.
///
/// A sweep over rows keeps the merges active at the current row in a map keyed by first
/// column, so the cost is O((cells + merges) log merges) even when merges span the whole
/// sheet. Valid workbooks never overlap merges; a merge whose top-left lies inside an
/// earlier one is ignored, and other overlaps resolve to whichever merge starts nearest to
/// the left of the cell.
fn assign_merges(cells: &[SheetCell], merges: &[Merge]) -> (Vec<bool>, Vec<Option<usize>>) {
    let mut accepted = vec![false; merges.len()];
    let mut covering = vec![None; cells.len()];
    // Active merges: (first_col, merge index) -> last_col.
    let mut active: BTreeMap<(u32, usize), u32> = BTreeMap::new();
    // Min-heap on last_row for retiring merges.
    let mut retire: BinaryHeap<std::cmp::Reverse<(u32, u32, usize)>> = BinaryHeap::new();
    let mut next_merge = 0;

    let retire_before =
        |row: u32,
         active: &mut BTreeMap<(u32, usize), u32>,
         retire: &mut BinaryHeap<std::cmp::Reverse<(u32, u32, usize)>>| {
            while let Some(std::cmp::Reverse((last_row, first_col, m))) = retire.peek().copied() {
                if last_row >= row {
                    break;
                }
                retire.pop();
                active.remove(&(first_col, m));
            }
        };
    let lookup = |active: &BTreeMap<(u32, usize), u32>, col: u32| -> Option<usize> {
        active
            .range(..=(col, usize::MAX))
            .next_back()
            .filter(|(_, last_col)| **last_col >= col)
            .map(|((_, m), _)| *m)
    };

    let mut add_merges_up_to =
        |row: u32,
         active: &mut BTreeMap<(u32, usize), u32>,
         retire: &mut BinaryHeap<std::cmp::Reverse<(u32, u32, usize)>>| {
            while let Some(m) = merges.get(next_merge).filter(|m| m.first_row <= row) {
                retire_before(m.first_row, active, retire);
                if lookup(active, m.first_col).is_none() {
                    accepted[next_merge] = true;
                    active.insert((m.first_col, next_merge), m.last_col);
                    retire.push(std::cmp::Reverse((m.last_row, m.first_col, next_merge)));
                }
                next_merge += 1;
            }
        };

    for (i, cell) in cells.iter().enumerate() {
        add_merges_up_to(cell.row, &mut active, &mut retire);
        retire_before(cell.row, &mut active, &mut retire);
        covering[i] = lookup(&active, cell.col);
    }
    add_merges_up_to(u32::MAX, &mut active, &mut retire);
    // A cell can only be covered by an accepted merge (rejected ones never become active).
    (accepted, covering)
}

/// A number as a person reads it: binary noise removed (727.5599999999998 → "727.56"),
/// no trailing ".0" (930.0 → "930"), no exponent for ordinary magnitudes.
///
/// The value is rounded to 15 significant digits (what Excel shows) and then to 10
/// decimal places, and the shortest text that reads back as that value is written.
pub fn format_number(x: f64) -> String {
    // Most numbers on a form were typed (1146.9, 0.95, 930): their shortest text has at
    // most 15 significant digits and 10 decimals, the two roundings below leave such a
    // value unchanged, and so that text is the answer: one formatting instead of three
    // and two parses.
    if x.is_finite() && x != 0.0 && x.abs() < 1e15 {
        let s = format!("{x}");
        if is_short_decimal(&s) {
            return s;
        }
    }
    format_rounded(x)
}

/// At most 15 significant digits and 10 decimals, in Rust's plain `{}` text of a float.
fn is_short_decimal(s: &str) -> bool {
    let digits = s.trim_start_matches('-');
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = int.trim_start_matches('0');
    let significant = if int.is_empty() {
        frac.trim_start_matches('0').len()
    } else {
        int.len() + frac.len()
    };
    frac.len() <= 10 && significant <= 15
}

/// `format_number` for any value: rounded to 15 significant digits, then to 10 decimals.
fn format_rounded(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let sig: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    let dec: f64 = if sig.abs() < 1e15 {
        format!("{sig:.10}").parse().unwrap_or(sig)
    } else {
        sig
    };
    // Avoid "-0" for values that round to zero.
    if dec == 0.0 {
        return "0".to_string();
    }
    if dec.abs() >= 1e21 {
        return format!("{dec:e}");
    }
    format!("{dec}")
}

/// A fraction shown with a percent format: 0.3202 → "32.02%".
pub fn format_percent(x: f64) -> String {
    format!("{}%", format_number(x * 100.0))
}

/// Whether an Excel number format code multiplies by 100 and shows '%': a '%' outside
/// quoted text and brackets, not escaped with '\\' and not the operand of '_' or '*'.
pub fn format_code_is_percent(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// A calamine cell value as text, with the raw number when it was one. `percent` says
/// whether the cell's number format is known to be a percentage (`None`: unknown). Empty
/// values and empty strings give `None`.
pub fn value_cell(row: u32, col: u32, value: &Data, percent: Option<bool>) -> Option<SheetCell> {
    let (text, number, percent_format) = match value {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            return text_cell(row, col, s.clone());
        }
        Data::Float(f) => number_text(*f, percent),
        Data::Int(i) => number_text(*i as f64, percent),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), None, None),
        Data::Error(e) => (e.to_string(), None, None),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                number_text(dt.as_f64(), percent)
            } else {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                (format!("{y:04}-{m:02}-{d:02}"), None, Some(false))
            }
        }
    };
    Some(SheetCell {
        row,
        col,
        text,
        number,
        percent_format,
    })
}

/// A text cell (no number, format unknown); an empty text gives `None`. Takes the text
/// by value so that a reader which already owns it does not copy it again.
pub fn text_cell(row: u32, col: u32, text: String) -> Option<SheetCell> {
    if text.is_empty() {
        return None;
    }
    Some(SheetCell {
        row,
        col,
        text,
        number: None,
        percent_format: None,
    })
}

fn number_text(f: f64, percent: Option<bool>) -> (String, Option<f64>, Option<bool>) {
    let text = if percent == Some(true) {
        format_percent(f)
    } else {
        format_number(f)
    };
    (text, Some(f), percent)
}

/// Runs third-party parsing code on untrusted bytes. calamine indexes record data without
/// bounds checks in places, so a malformed file can panic inside it; that is a broken file,
/// not a bug of ours, and must cost one flagged entry.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(ReadError::corrupt(
            "表格内部记录结构异常，解析失败".to_string(),
        ))
    })
}

/// The names of a workbook's worksheets, in workbook order: chart and dialog sheets hold
/// no cells to read.
pub fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| matches!(s.typ, SheetType::WorkSheet))
        .map(|s| s.name.clone())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn cell(row: u32, col: u32, text: &str) -> SheetCell {
        SheetCell {
            row,
            col,
            text: text.to_string(),
            number: None,
            percent_format: None,
        }
    }

    #[test]
    fn short_typed_numbers_take_the_fast_path_to_the_same_text() {
        // Typed decimals of every length and magnitude, sums with binary noise, thirds,
        // and values at the edges of the fast path (15 digits, 10 decimals, 1e15).
        let mut values = vec![
            NOISY,
            0.1 + 0.2,
            1e15 - 1.0,
            1e15 - 0.5,
            999_999_999_999_999.0,
            123_456_789_012_345.0,
            12_345_678_901_234.5,
            0.123_456_789_1,
            0.123_456_789_12,
            1.234_567_890_123_45,
            -0.000_000_000_1,
            5e-11,
            4.9e-11,
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let digits = (seed >> 33) % 1_000_000_000_000;
            let scale = 10f64.powi(((seed >> 20) % 16) as i32);
            let typed = digits as f64 / scale;
            values.extend([typed, -typed, typed * 1.1, typed / 3.0, typed + 0.01]);
        }
        for x in values {
            assert_eq!(format_number(x), format_rounded(x), "{x:?}");
        }
    }

    /// 727.56 with binary noise, as a sum computed in Excel gives it.
    pub(crate) const NOISY: f64 = 727.56 - 1e-13;

    /// The worksheets of a read workbook, in order (shared by the xlsx and xls tests).
    pub(crate) fn sheets(doc: &crate::model::grid::Document) -> Vec<&crate::model::grid::Grid> {
        doc.tables().collect()
    }

    /// The cell holding exactly `text`; fails the test when there is none.
    pub(crate) fn find<'a>(
        g: &'a crate::model::grid::Grid,
        text: &str,
    ) -> &'a crate::model::grid::Cell {
        g.cells
            .iter()
            .find(|c| c.text == text)
            .unwrap_or_else(|| panic!("no cell {text:?} in {:?}", g.cells))
    }

    #[test]
    fn numbers_read_like_the_sheet() {
        assert_ne!(NOISY.to_string(), "727.56");
        assert_eq!(format_number(NOISY), "727.56");
        assert_eq!(format_number(1146.9), "1146.9");
        assert_eq!(format_number(930.0), "930");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(-12.5), "-12.5");
        assert_eq!(format_number(1e15), "1000000000000000");
        assert_eq!(format_number(123456789.123), "123456789.123");
        assert_eq!(format_number(0.000_000_000_01), "0");
        assert_eq!(format_number(1.0 / 3.0), "0.3333333333");
        assert_eq!(format_percent(0.3202), "32.02%");
        assert_eq!(format_percent(1.0), "100%");
        assert_eq!(format_percent(0.05), "5%");
    }

    #[test]
    fn percent_codes() {
        assert!(format_code_is_percent("0%"));
        assert!(format_code_is_percent("0.00%;[Red]-0.00%"));
        assert!(!format_code_is_percent("General"));
        assert!(!format_code_is_percent("0.00\"%\""));
        assert!(!format_code_is_percent("0\\%"));
        assert!(!format_code_is_percent("[$%-804]0.00"));
        assert!(!format_code_is_percent("0_%"));
    }

    #[test]
    fn title_rows_and_blank_column_are_compacted() {
        // Title at B3, a label merged over B5:B7 (vertical), a header merged C5:D5.
        let cells = vec![
            cell(2, 1, "部门整体绩效目标"),
            cell(4, 1, "部门总体\n资金情况"),
            cell(4, 2, "金额合计"),
            cell(5, 2, "727.56"),
            cell(5, 3, "x"),
            cell(6, 2, "100"),
        ];
        let merges = [
            Merge::from_corners((4, 1), (6, 1)),
            Merge::from_corners((4, 2), (4, 3)),
        ];
        let g = build_grid("表", cells, &merges, 1000).unwrap();
        assert_eq!((g.n_rows, g.n_cols), (4, 3));
        let label = g
            .cells
            .iter()
            .find(|c| c.text.starts_with("部门总体"))
            .unwrap();
        assert_eq!(
            (label.row, label.col, label.row_span, label.col_span),
            (1, 0, 3, 1)
        );
        assert_eq!((label.src_row, label.src_col), (5, 2));
        assert_eq!(g.location(label), "表!B5");
        let head = g.cells.iter().find(|c| c.text == "金额合计").unwrap();
        assert_eq!(
            (head.row, head.col, head.row_span, head.col_span),
            (1, 1, 1, 2)
        );
    }

    #[test]
    fn covered_cells_dropped_and_empty_anchor_created() {
        let cells = vec![cell(0, 1, "hidden"), cell(3, 3, "z")];
        let merges = [Merge::from_corners((1, 0), (0, 2))];
        let g = build_grid("s", cells, &merges, 1000).unwrap();
        assert_eq!(g.cells.len(), 2);
        // Rows 1 and columns B..C hold nothing else, so the span shrinks to what is kept.
        let a = &g.cells[0];
        assert_eq!((a.text.as_str(), a.row_span, a.col_span), ("", 1, 1));
        assert_eq!((a.src_row, a.src_col), (1, 1));
    }

    #[test]
    fn sheet_wide_merges_and_limits() {
        let cells = vec![cell(0, 0, "a"), cell(1_048_575, 16_383, "far")];
        let g = build_grid("s", cells.clone(), &[], 10).unwrap();
        assert_eq!((g.n_rows, g.n_cols), (2, 2));
        let merges = [Merge::from_corners((0, 0), (1_048_575, 16_383))];
        let g = build_grid("s", cells.clone(), &merges, 10).unwrap();
        assert_eq!(g.cells.len(), 1);
        assert_eq!((g.cells[0].row_span, g.cells[0].col_span), (1, 1));
        assert!(matches!(
            build_grid("s", cells, &[], 1),
            Err(ReadError::TooLarge { .. })
        ));
        // A merge nested inside another is ignored rather than double-counted.
        let merges = [
            Merge::from_corners((0, 0), (5, 5)),
            Merge::from_corners((1, 1), (2, 2)),
        ];
        let g = build_grid("s", vec![cell(1, 1, "in")], &merges, 10).unwrap();
        assert_eq!(g.cells.len(), 1);
        assert_eq!(g.cells[0].text, "");
    }

    /// Merges down the whole sheet beside filled rows: each merge is a slot of every kept
    /// row it covers, and those slots count against the limit.
    #[test]
    fn tall_merges_count_once_per_row_they_cover() {
        let tall = |rows: u32| {
            let merges: Vec<Merge> = (0..100)
                .map(|c| Merge::from_corners((0, c), (1_000_000, c)))
                .collect();
            let cells: Vec<SheetCell> = (1..=rows).map(|r| cell(r, 100, "x")).collect();
            build_grid("s", cells, &merges, 1_000)
        };
        assert!(matches!(tall(100), Err(ReadError::TooLarge { .. })));
        // 100 merges over the anchors' row and 8 kept rows, and 8 cells: 908 slots.
        let g = tall(8).unwrap();
        assert_eq!(g.cells.len(), 108);
        assert_eq!(g.cells[0].row_span, 9);
    }
}
