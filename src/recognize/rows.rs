//! A section's blocks flattened into one sequence of logical rows, so a form split over two
//! Word tables, or a title paragraph above a table, reads as one run of rows.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::labels::{Role, Section as Sec, header_role, section_label};
use crate::model::grid::{Block, Cell, Grid, Part};
use crate::model::text::normalize_label_cow;

/// A cell as one row sees it.
#[derive(Debug)]
pub struct LCell<'a> {
    /// The text as written (paragraphs joined by '\n').
    pub text: &'a str,
    /// Normalised label form of the text (borrowed when the text already is one).
    pub norm: Cow<'a, str>,
    /// First grid column.
    pub col: u32,
    /// Last grid column (inclusive).
    pub last_col: u32,
    /// Covered by a vertical merge that started in a row above.
    pub continued: bool,
    /// The anchor cell; `None` for a paragraph.
    pub cell: Option<&'a Cell>,
    /// What the label vocabulary makes of `norm`, worked out on first use: the recogniser
    /// asks the same cell many times (once per pass over the rows), and each answer tries
    /// dozens of labels and a regex.
    lookups: Lookups,
}

/// Cached answers of the label vocabulary for one cell.
#[derive(Debug, Default)]
struct Lookups {
    label: OnceCell<Option<Sec>>,
    start: OnceCell<Option<Sec>>,
    role: OnceCell<Option<Role>>,
}

impl<'a> LCell<'a> {
    fn new(
        text: &'a str,
        col: u32,
        last_col: u32,
        continued: bool,
        cell: Option<&'a Cell>,
    ) -> Self {
        LCell {
            text,
            norm: normalize_label_cow(text),
            col,
            last_col,
            continued,
            cell,
            lookups: Lookups::default(),
        }
    }

    /// `section_label(&self.norm)`, computed once.
    pub fn label(&self) -> Option<Sec> {
        *self.lookups.label.get_or_init(|| section_label(&self.norm))
    }

    /// `section_start(&self.norm)`, computed once.
    pub fn start(&self) -> Option<Sec> {
        *self
            .lookups
            .start
            .get_or_init(|| super::sections::section_start_with(&self.norm, self.label()))
    }

    /// `header_role(&self.norm)`, computed once.
    pub fn role(&self) -> Option<Role> {
        *self.lookups.role.get_or_init(|| header_role(&self.norm))
    }
}

/// One logical row: a table row, or a paragraph outside tables.
#[derive(Debug)]
pub struct LRow<'a> {
    /// The grid the row belongs to; `None` for a paragraph.
    pub grid: Option<&'a Grid>,
    /// Cells in column order.
    pub cells: Vec<LCell<'a>>,
    /// For paragraphs: their 1-based number in the section.
    pub para_no: usize,
}

impl<'a> LRow<'a> {
    /// The first cell with any text (continued cells included).
    pub fn first_text(&self) -> Option<&LCell<'a>> {
        self.cells.iter().find(|c| !c.norm.is_empty())
    }

    /// True when no cell of the row has text.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.norm.is_empty())
    }

    /// Location of a cell of this row, for warnings.
    pub fn loc(&self, c: &LCell<'_>) -> String {
        match (self.grid, c.cell) {
            (Some(g), Some(cell)) => g.location(cell),
            _ => format!("段落 {}", self.para_no),
        }
    }

    /// Location of the row itself (its first cell).
    pub fn row_loc(&self) -> String {
        match self.cells.first() {
            Some(c) => self.loc(c),
            None => format!("段落 {}", self.para_no),
        }
    }

    /// The slot covering a grid column, if any.
    pub fn at(&self, col: u32) -> Option<&LCell<'a>> {
        self.cells
            .iter()
            .find(|c| c.col <= col && col <= c.last_col)
    }
}

/// Flattens a section's blocks into logical rows, in reading order.
pub fn rows_of(section: &Part) -> Vec<LRow<'_>> {
    let mut out = Vec::new();
    let mut para_no = 0;
    for block in &section.blocks {
        match block {
            Block::Paragraph(p) => {
                para_no += 1;
                if crate::model::text::trim(&p.text).is_empty() {
                    continue;
                }
                out.push(LRow {
                    grid: None,
                    cells: vec![LCell::new(&p.text, 0, u32::MAX, false, None)],
                    para_no,
                });
            }
            Block::Table(grid) => {
                for slots in grid.rows() {
                    let cells = slots
                        .into_iter()
                        .map(|s| {
                            LCell::new(
                                &s.cell.text,
                                s.cell.col,
                                s.cell.last_col(),
                                s.continued,
                                Some(s.cell),
                            )
                        })
                        .collect();
                    out.push(LRow {
                        grid: Some(grid),
                        cells,
                        para_no,
                    });
                }
            }
        }
    }
    out
}
