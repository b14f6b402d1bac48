//! From the built tree to blocks: the body's text as paragraphs in reading order, each
//! top-level table as a grid, tables inside cells flattened into the cell's text.

use super::flow::Flow;
use super::sink::{Arena, BOX, Id, Kind, NUM, Node, SELECTED, Tag};
use super::table::{Placed, Placer};
use crate::error::{Bound, ReadError};
use crate::model::grid::{Block, Cell, Grid, GridKind, Paragraph};
use crate::readers::sheet::{self, Merge, SheetCell};

use super::css::{HIDDEN, PERCENT};

/// How top-level tables become grids.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mode {
    /// A web page or Word's HTML: Word-style tables, numbered from 1.
    Tables,
    /// Excel's own HTML export: each table a worksheet.
    Sheets,
}

/// A finished top-level table, before it becomes a grid.
pub(super) struct TableOut {
    pub(super) placer: Placer,
    pub(super) index: u32,
}

/// What the walk produces, in reading order.
pub(super) enum Item {
    Paragraph(String),
    Table(TableOut),
}

/// Where text is being gathered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Body,
    Cell,
}

pub(super) struct Layout<'a> {
    arena: &'a Arena,
    max_depth: usize,
    max_cells: usize,
    pub(super) items: Vec<Item>,
    tables: u32,
}

fn too_deep(max: usize) -> ReadError {
    ReadError::too_large(
        Bound::Depth(max),
        format!("网页的标签嵌套超过 {max} 层，文件可能已损坏（HTML nesting depth）"),
    )
}

impl<'a> Layout<'a> {
    pub(super) fn new(arena: &'a Arena, max_depth: usize, max_cells: usize) -> Self {
        Layout {
            arena,
            max_depth,
            max_cells,
            items: Vec::new(),
            tables: 0,
        }
    }

    /// Lays out the whole document.
    pub(super) fn run(mut self) -> Result<Vec<Item>, ReadError> {
        let mut body = Flow::default();
        self.walk(0, &mut body, Ctx::Body, 0)?;
        let lines = body.finish();
        self.flush(lines);
        Ok(self.items)
    }

    fn flush(&mut self, lines: Vec<String>) {
        for l in lines {
            if !l.is_empty() {
                self.items.push(Item::Paragraph(l));
            }
        }
    }

    fn shown(n: &Node) -> bool {
        n.kind == Kind::Element && n.flags & HIDDEN == 0
    }

    fn walk(
        &mut self,
        parent: Id,
        flow: &mut Flow,
        ctx: Ctx,
        depth: usize,
    ) -> Result<(), ReadError> {
        if depth > self.max_depth {
            return Err(too_deep(self.max_depth));
        }
        let arena = self.arena;
        for (id, n) in arena.children(parent) {
            if n.kind == Kind::Text {
                flow.text(arena.text_of(n));
                continue;
            }
            if !Self::shown(n) {
                continue;
            }
            match n.tag {
                Tag::Skip | Tag::Title | Tag::Style => {}
                Tag::Br => flow.line_break(),
                Tag::Inline | Tag::Option => self.walk(id, flow, ctx, depth + 1)?,
                Tag::Block | Tag::Caption | Tag::RowGroup | Tag::Tfoot | Tag::Tr | Tag::Cell => {
                    flow.block_break();
                    self.walk(id, flow, ctx, depth + 1)?;
                    flow.block_break();
                }
                Tag::Pre | Tag::Textarea => {
                    if n.tag == Tag::Pre {
                        flow.block_break();
                    }
                    flow.pre += 1;
                    let r = self.walk(id, flow, ctx, depth + 1);
                    flow.pre -= 1;
                    r?;
                    if n.tag == Tag::Pre {
                        flow.block_break();
                    }
                }
                Tag::Input if n.flags & BOX != 0 => {
                    flow.text(if n.flags & SELECTED != 0 {
                        "☑"
                    } else {
                        "□"
                    });
                }
                Tag::Input => {
                    if let Some(v) = arena.extra(n).and_then(|e| e.value) {
                        flow.text(arena.attr(v));
                    }
                }
                Tag::Select => {
                    let mut first = None;
                    let mut chosen = None;
                    self.options(id, &mut first, &mut chosen, depth + 1)?;
                    if let Some(o) = chosen.or(first) {
                        self.walk(o, flow, ctx, depth + 1)?;
                    }
                }
                Tag::Table => match ctx {
                    Ctx::Body => {
                        flow.block_break();
                        let lines = flow.take_lines();
                        self.flush(lines);
                        self.top_table(id, depth + 1)?;
                    }
                    Ctx::Cell => {
                        let lines = self.flat_table(id, depth + 1)?;
                        for l in lines {
                            flow.push_line(l);
                        }
                    }
                },
            }
        }
        Ok(())
    }

    /// The options of a select (directly or in optgroups).
    fn options(
        &self,
        parent: Id,
        first: &mut Option<Id>,
        chosen: &mut Option<Id>,
        depth: usize,
    ) -> Result<(), ReadError> {
        if depth > self.max_depth {
            return Err(too_deep(self.max_depth));
        }
        for (id, n) in self.arena.children(parent) {
            if !Self::shown(n) {
                continue;
            }
            if n.tag == Tag::Option {
                first.get_or_insert(id);
                if n.flags & SELECTED != 0 {
                    chosen.get_or_insert(id);
                }
            } else if n.tag == Tag::Inline {
                self.options(id, first, chosen, depth + 1)?;
            }
        }
        Ok(())
    }

    /// Row groups of a table in display order (header and body groups as written, footers
    /// last) and its captions.
    fn row_groups(&self, table: Id) -> (Vec<Vec<Id>>, Vec<Id>) {
        let arena = self.arena;
        let mut groups: Vec<Vec<Id>> = Vec::new();
        let mut feet: Vec<Vec<Id>> = Vec::new();
        let mut captions = Vec::new();
        let mut loose: Vec<Id> = Vec::new();
        let rows_of = |g: Id| -> Vec<Id> {
            arena
                .children(g)
                .filter(|(_, r)| Self::shown(r) && r.tag == Tag::Tr)
                .map(|(id, _)| id)
                .collect()
        };
        for (id, n) in arena.children(table) {
            if !Self::shown(n) {
                continue;
            }
            if n.tag == Tag::Tr {
                loose.push(id);
                continue;
            }
            if !loose.is_empty() {
                groups.push(std::mem::take(&mut loose));
            }
            match n.tag {
                Tag::RowGroup => groups.push(rows_of(id)),
                Tag::Tfoot => feet.push(rows_of(id)),
                Tag::Caption => captions.push(id),
                _ => {}
            }
        }
        if !loose.is_empty() {
            groups.push(loose);
        }
        groups.extend(feet);
        (groups, captions)
    }

    fn top_table(&mut self, table: Id, depth: usize) -> Result<(), ReadError> {
        self.tables += 1;
        let index = self.tables;
        let (groups, captions) = self.row_groups(table);
        for c in captions {
            let mut f = Flow::default();
            self.walk(c, &mut f, Ctx::Cell, depth + 1)?;
            let lines = f.finish();
            self.flush(lines);
        }
        let arena = self.arena;
        let mut placer = Placer::new(index, self.max_cells);
        for group in groups {
            placer.start_group();
            for tr in group {
                placer.start_row();
                for (td, n) in arena.children(tr) {
                    if !(Self::shown(n) && n.tag == Tag::Cell) {
                        continue;
                    }
                    let extra = arena.extra(n).copied().unwrap_or_default();
                    let (col, row_span, col_span) = placer.place(extra.rowspan, extra.colspan)?;
                    let mut f = Flow::default();
                    self.walk(td, &mut f, Ctx::Cell, depth + 2)?;
                    let text = f.finish().join("\n");
                    let number = (n.flags & NUM != 0)
                        .then(|| {
                            let raw = extra.num.map_or("", |s| arena.attr(s));
                            let raw = if raw.is_empty() { text.trim() } else { raw };
                            raw.parse::<f64>().ok().filter(|x| x.is_finite())
                        })
                        .flatten();
                    let percent = number.map(|_| n.flags & PERCENT != 0);
                    if text.is_empty() && number.is_none() && row_span == 1 && col_span == 1 {
                        continue;
                    }
                    placer.keep(Placed {
                        row: placer.row,
                        col,
                        row_span,
                        col_span,
                        text,
                        number,
                        percent,
                    })?;
                }
                placer.end_row();
            }
            placer.end_group();
        }
        self.items.push(Item::Table(TableOut { placer, index }));
        Ok(())
    }

    /// A table inside a cell: one line per row, cells joined by '\t', the lines of a
    /// cell joined by ' '.
    fn flat_table(&mut self, table: Id, depth: usize) -> Result<Vec<String>, ReadError> {
        if depth > self.max_depth {
            return Err(too_deep(self.max_depth));
        }
        let (groups, captions) = self.row_groups(table);
        let mut out = Vec::new();
        for c in captions {
            let mut f = Flow::default();
            self.walk(c, &mut f, Ctx::Cell, depth + 1)?;
            out.extend(f.finish().into_iter().filter(|l| !l.is_empty()));
        }
        let arena = self.arena;
        for tr in groups.into_iter().flatten() {
            let mut line = String::new();
            let mut k = 0;
            for (td, n) in arena.children(tr) {
                if !(Self::shown(n) && n.tag == Tag::Cell) {
                    continue;
                }
                let mut f = Flow::default();
                self.walk(td, &mut f, Ctx::Cell, depth + 2)?;
                if k > 0 {
                    line.push('\t');
                }
                k += 1;
                let mut first = true;
                for l in f.finish().into_iter().filter(|l| !l.is_empty()) {
                    if !first {
                        line.push(' ');
                    }
                    first = false;
                    line.push_str(&l);
                }
            }
            if !line.trim().is_empty() {
                out.push(line);
            }
        }
        Ok(out)
    }
}

/// A table as a Word-style grid (every row kept, positions as placed).
pub(super) fn table_grid(t: TableOut) -> Grid {
    let mut grid = Grid::new(GridKind::Table { index: t.index });
    let rows = t.placer.row;
    let width = t.placer.width;
    for c in t.placer.cells {
        grid.push(Cell {
            row: c.row,
            col: c.col,
            row_span: c.row_span.max(1),
            col_span: c.col_span.max(1),
            text: c.text,
            src_row: c.row + 1,
            src_col: c.col + 1,
            number: c.number,
            percent_format: c.percent,
        });
    }
    grid.n_rows = grid.n_rows.max(rows);
    grid.n_cols = grid.n_cols.max(width);
    grid.finish();
    grid
}

/// A table as a worksheet (Excel's export): blank cells not kept, empty rows and columns
/// dropped as the spreadsheet readers drop them.
pub(super) fn sheet_grid(t: TableOut, name: &str, max_cells: usize) -> Result<Grid, ReadError> {
    let mut cells = Vec::with_capacity(t.placer.cells.len());
    let mut merges = Vec::new();
    for c in t.placer.cells {
        let (rs, cs) = (c.row_span.max(1), c.col_span.max(1));
        if rs > 1 || cs > 1 {
            merges.push(Merge::from_corners(
                (c.row, c.col),
                (c.row + rs - 1, c.col + cs - 1),
            ));
        }
        // Excel writes `&nbsp;` into blank cells that have borders: they are blank.
        let blank = c
            .text
            .chars()
            .all(|ch| ch == '\u{a0}' || ch.is_ascii_whitespace());
        if blank && c.number.is_none() {
            continue;
        }
        cells.push(SheetCell {
            row: c.row,
            col: c.col,
            text: c.text,
            number: c.number,
            percent_format: c.percent,
        });
    }
    sheet::build_grid(name, cells, &merges, max_cells)
}

/// Blocks of one part from items (tables turned into grids by `grid`).
pub(super) fn blocks(
    items: Vec<Item>,
    mut grid: impl FnMut(TableOut) -> Result<Grid, ReadError>,
) -> Result<Vec<Block>, ReadError> {
    items
        .into_iter()
        .map(|i| match i {
            Item::Paragraph(text) => Ok(Block::Paragraph(Paragraph { text })),
            Item::Table(t) => grid(t).map(Block::Table),
        })
        .collect()
}
