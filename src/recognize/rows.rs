//! A part's blocks flattened into one sequence of logical rows, so a form split over two
//! Word tables, or a title paragraph above a table, reads as one run of rows.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::Cx;
use super::labels::{is_note, year_label};
use super::template::{Hits, Meaning, Role, Slot};
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
    /// Every label of every template the text matches, looked up on first use: the
    /// recogniser asks the same cell many times (per pass over the rows, per template).
    hits: OnceCell<Hits>,
    /// The year of a year header ("2022年"), worked out on first use.
    year: OnceCell<Option<i32>>,
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
            hits: OnceCell::new(),
            year: OnceCell::new(),
        }
    }

    /// What the cell's text matches in the vocabulary of every template.
    pub fn hits(&self, cx: Cx<'_>) -> &Hits {
        self.hits.get_or_init(|| cx.vocab.hits(&self.norm))
    }

    /// The field or section label the text starts with, for the template of `cx`, and the
    /// label's length.
    pub fn prefix(&self, cx: Cx<'_>) -> Option<(Slot, usize)> {
        cx.vocab.slot(self.hits(cx), cx.t)
    }

    /// A cell that is nothing but a field or section label (with an optional colon and a
    /// parenthesised note such as "（截止2027年）"). Such a cell never carries the value.
    pub fn label(&self, cx: Cx<'_>) -> Option<Slot> {
        let (slot, len) = self.prefix(cx)?;
        is_whole_label(self.norm.get(len..)?).then_some(slot)
    }

    /// A cell starting a field or section: the bare label, or the label followed by a
    /// colon and its value in the same cell ("年度目标：巩固…").
    pub fn start(&self, cx: Cx<'_>) -> Option<Slot> {
        let (slot, len) = self.prefix(cx)?;
        starts_section(self.norm.get(len..)?).then_some(slot)
    }

    /// The column role of a header cell: a year, or one of the template's column words.
    pub fn role(&self, cx: Cx<'_>) -> Option<Role> {
        let n = self.norm.trim_end_matches([':', '：']);
        if let Some(y) = *self.year.get_or_init(|| year_label(n)) {
            return Some(Role::Year(y));
        }
        cx.vocab.role(self.hits(cx), cx.t)
    }

    /// Whether the text has `meaning` for the template of `cx` (a money block, a total
    /// line, a title word, a word of another form, a note to ignore).
    pub fn means(&self, cx: Cx<'_>, meaning: Meaning) -> bool {
        cx.vocab.has(self.hits(cx), cx.t, meaning)
    }
}

/// What may follow a label in a cell that is only the label: a colon, a bracketed note.
pub(super) fn is_whole_label(rest: &str) -> bool {
    let rest = rest.trim_start_matches([':', '：']);
    rest.is_empty() || is_note(rest)
}

/// What may follow a label in a cell that starts a section: the above, or a colon (after
/// a note, maybe) and the value.
pub(super) fn starts_section(rest: &str) -> bool {
    if is_whole_label(rest) {
        return true;
    }
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')').map_or(r, |(_, after)| after),
        None => rest,
    };
    rest.starts_with([':', '：'])
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

/// Flattens a part's blocks into logical rows, in reading order.
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
