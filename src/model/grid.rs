//! The one shape every reader produces and the recogniser consumes.
//!
//! Readers know file formats, not forms; the recogniser knows forms, not formats. `Grid`
//! is where they meet: a table (a Word table or a worksheet) as anchor cells with their
//! spans, so that a vertical merge in Word, a merged region in Excel and a label written
//! once above blank cells can all be seen the same way.

/// What kind of container a grid came from; decides how a cell's location is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridKind {
    /// A Word table, numbered from 1 in document order.
    Table {
        /// Its number.
        index: u32,
    },
    /// A worksheet, by name.
    Sheet {
        /// Its name.
        name: String,
    },
}

/// One cell as the author saw it: the top-left of a merged region holds the text, and the
/// region's size is in the spans. Cells covered by a merge are not stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Row index in this grid (0-based, dense: readers drop nothing but may compact).
    pub row: u32,
    /// First grid column this cell occupies (0-based).
    pub col: u32,
    /// Number of rows the cell covers (≥ 1).
    pub row_span: u32,
    /// Number of grid columns the cell covers (≥ 1).
    pub col_span: u32,
    /// The text, paragraphs joined with '\n', as written (not trimmed).
    pub text: String,
    /// Where the cell stands in its file: 1-based row and column of the source (a worksheet
    /// row/column, or a Word table row and cell position).
    pub src_row: u32,
    /// See `src_row`.
    pub src_col: u32,
    /// The numeric value when the source cell was a number (Excel), before any display
    /// formatting. Lets the recogniser tell 0.3202 (a fraction) from the text "0.3202".
    pub number: Option<f64>,
    /// Whether the number format of the source cell is known to be a percentage.
    /// `None` where the format could not be seen (legacy .xls through calamine).
    pub percent_format: Option<bool>,
}

impl Cell {
    /// A plain text cell covering one grid position.
    pub fn text(row: u32, col: u32, text: impl Into<String>) -> Self {
        Cell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            src_row: row + 1,
            src_col: col + 1,
            number: None,
            percent_format: None,
        }
    }

    /// Last row covered (inclusive).
    pub fn last_row(&self) -> u32 {
        self.row + self.row_span.max(1) - 1
    }

    /// Last column covered (inclusive).
    pub fn last_col(&self) -> u32 {
        self.col + self.col_span.max(1) - 1
    }
}

/// A table or worksheet as rows of anchor cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Where the grid came from.
    pub kind: GridKind,
    /// Number of rows.
    pub n_rows: u32,
    /// Number of grid columns.
    pub n_cols: u32,
    /// Anchor cells, sorted by (row, col).
    pub cells: Vec<Cell>,
}

/// A cell as seen from one row: the anchor that covers this position, and whether the row
/// is the anchor's first (`continued == false`) or a later row of a vertical merge.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    /// The anchor cell.
    pub cell: &'a Cell,
    /// True where this row is covered by a merge that started above.
    pub continued: bool,
}

impl Grid {
    /// An empty grid of the given kind.
    pub fn new(kind: GridKind) -> Self {
        Grid {
            kind,
            n_rows: 0,
            n_cols: 0,
            cells: Vec::new(),
        }
    }

    /// The part name used in records: "table 1" or "sheet 部门整体绩效目标表".
    pub fn part_name(&self) -> String {
        match &self.kind {
            GridKind::Table { index } => format!("table {index}"),
            GridKind::Sheet { name } => format!("sheet {name}"),
        }
    }

    /// Adds an anchor cell, growing the grid's size to hold it.
    pub fn push(&mut self, cell: Cell) {
        self.n_rows = self.n_rows.max(cell.last_row() + 1);
        self.n_cols = self.n_cols.max(cell.last_col() + 1);
        self.cells.push(cell);
    }

    /// Sorts cells by position; readers call this once when done.
    pub fn finish(&mut self) {
        self.cells.sort_by_key(|c| (c.row, c.col));
    }

    /// Human-readable location of a cell: `部门整体绩效目标表!D8` or `table 1 row 8 col 4`.
    pub fn location(&self, cell: &Cell) -> String {
        self.location_at(cell.src_row, cell.src_col)
    }

    /// Location of a source row/column (1-based) in this grid's container.
    pub fn location_at(&self, src_row: u32, src_col: u32) -> String {
        // Built by hand, not with `write!`: the funds reader asks for a location per number
        // it reads, and the formatting machinery cost more than the rest of that step.
        let mut s = String::with_capacity(32);
        match &self.kind {
            GridKind::Table { index } => {
                s.push_str("table ");
                push_u32(&mut s, *index);
                s.push_str(" row ");
                push_u32(&mut s, src_row);
                s.push_str(" col ");
                push_u32(&mut s, src_col);
            }
            GridKind::Sheet { name } => {
                s.push_str(name);
                s.push('!');
                push_column_letters(&mut s, src_col);
                push_u32(&mut s, src_row);
            }
        }
        s
    }

    /// Every row as slots in column order. A merged region appears in every row it covers,
    /// once per row (not once per column it spans).
    pub fn rows(&self) -> Vec<Vec<Slot<'_>>> {
        let mut rows: Vec<Vec<Slot<'_>>> = vec![Vec::new(); self.n_rows as usize];
        for cell in &self.cells {
            for r in cell.row..=cell.last_row() {
                if let Some(row) = rows.get_mut(r as usize) {
                    row.push(Slot {
                        cell,
                        continued: r != cell.row,
                    });
                }
            }
        }
        for row in &mut rows {
            row.sort_by_key(|s| s.cell.col);
        }
        rows
    }
}

/// Excel column letters for a 1-based column number (1 → A, 28 → AB).
pub fn column_letters(col: u32) -> String {
    let mut s = String::new();
    push_column_letters(&mut s, col);
    s
}

fn push_column_letters(out: &mut String, mut col: u32) {
    let mut letters = [0u8; 8];
    let mut n = 0;
    while col > 0 && n < letters.len() {
        letters[n] = b'A' + ((col - 1) % 26) as u8;
        col = (col - 1) / 26;
        n += 1;
    }
    out.extend(letters[..n].iter().rev().map(|&b| char::from(b)));
}

/// Appends a number in decimal.
fn push_u32(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&b| char::from(b)));
}

/// A paragraph outside any table (a title, "单位：万元", a note under the table).
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text as written.
    pub text: String,
}

/// A piece of a Word body or a worksheet, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Text outside a table.
    Paragraph(Paragraph),
    /// A table.
    Table(Grid),
}

impl Block {
    /// The table, when the block is one.
    pub fn as_table(&self) -> Option<&Grid> {
        match self {
            Block::Table(g) => Some(g),
            Block::Paragraph(_) => None,
        }
    }
}

/// One independently readable part of a file: a Word body, or one worksheet.
/// A form never spans two parts; a part may hold several forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The section's blocks, in reading order.
    pub blocks: Vec<Block>,
}

impl Part {
    /// The section's tables in reading order.
    pub fn tables(&self) -> impl Iterator<Item = &Grid> {
        self.blocks.iter().filter_map(Block::as_table)
    }
}

/// What a reader returns for a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Sections in file order (one per worksheet; one for a Word body).
    pub parts: Vec<Part>,
}

impl Document {
    /// Every table of every section, in file order.
    pub fn tables(&self) -> impl Iterator<Item = &Grid> {
        self.parts.iter().flat_map(Part::tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_roll_over() {
        assert_eq!(column_letters(0), "");
        assert_eq!(column_letters(u32::MAX), "MWLQKWU");
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(16384), "XFD");
    }

    #[test]
    fn locations_read_like_the_source() {
        let t = Grid::new(GridKind::Table { index: 12 });
        assert_eq!(
            t.location_at(0, 4_294_967_295),
            "table 12 row 0 col 4294967295"
        );
        let s = Grid::new(GridKind::Sheet {
            name: "绩效目标表".into(),
        });
        assert_eq!(s.location_at(107, 28), "绩效目标表!AB107");
    }

    #[test]
    fn merged_cell_appears_once_per_row() {
        let mut g = Grid::new(GridKind::Table { index: 1 });
        g.push(Cell {
            row_span: 3,
            ..Cell::text(0, 0, "运行成本")
        });
        g.push(Cell {
            col_span: 2,
            ..Cell::text(0, 1, "a")
        });
        g.push(Cell::text(1, 1, "b"));
        g.finish();
        let rows = g.rows();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].len(), 2);
        assert!(!rows[0][0].continued);
        assert!(rows[1][0].continued);
        assert!(rows[2][0].continued);
        assert_eq!(rows[2].len(), 1);
        assert_eq!(g.location(&g.cells[0]), "table 1 row 1 col 1");
    }
}
