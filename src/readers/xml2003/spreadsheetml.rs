//! Excel's XML Spreadsheet 2003 ("XML Spreadsheet Reference": `Workbook`, `Styles`,
//! `Worksheet`, `Table`, `Column`, `Row`, `Cell`, `Data`), read into one sheet grid per
//! worksheet, cells at their worksheet positions and compacted by `sheet::build_grid` as
//! the xlsx reader's are.
//!
//! Positions, as Excel writes and reads them:
//! - a `Row` is one below the previous one unless its `ss:Index` (1-based) says where it
//!   is; `ss:Span="n"` stands for n more rows like it (Excel writes it for empty rows, so
//!   its cells are placed once);
//! - a `Cell` is one right of the previous one's last column (`ss:MergeAcross` included)
//!   unless its `ss:Index` says where it is, and positions covered by an `ss:MergeDown`
//!   from a row above are passed over, since covered cells are never written;
//! - `ss:MergeAcross` / `ss:MergeDown` make a merge anchored at the cell.
//!
//! Values: `Data`'s `ss:Type` — a Number as the number the sheet shows (a percentage when
//! the cell's style, the row's, the column's or the Default style, through `ss:Parent`,
//! has a percent `NumberFormat`), a Boolean as TRUE/FALSE, a DateTime as its calendar day,
//! String and Error as written. Rich text (`html:B`, `html:Font`, … inside `Data`) is its
//! text. A formula's cell holds its cached value in `Data`; a cell with no `Data` is empty.
//! Comments, phonetic guides, named cells, worksheet options and everything outside the
//! worksheets' tables are skipped whole.

use std::collections::{BTreeMap, HashMap};

use calamine::Data;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Part};
use crate::readers::sheet::{self, Merge, SheetCell};
use crate::readers::xml::bounded::{end_local, local};
use crate::readers::xml::{Xml, attr, push_general_ref, unescape_lenient};

/// The last worksheet position a cell may hold (cells are placed at u32 positions).
const MAX_POS: u64 = u32::MAX as u64 - 1;
/// How many `ss:Parent` links a style lookup follows (a cycle must not loop).
const MAX_STYLE_DEPTH: usize = 16;

/// What an open element is to the reader; kept on a stack so end tags need no lookup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctx {
    /// Above or beside the workbook's content: descended into, nothing kept.
    Other,
    Workbook,
    Styles,
    Style,
    Worksheet,
    Table,
    Column,
    Row,
    Cell,
    Data,
    /// Rich-text formatting inside `Data`: its text is the cell's.
    Rich,
}

/// A style's number format and parent, as `Styles` declares them.
#[derive(Default)]
struct StyleDef {
    parent: Option<String>,
    format: Option<String>,
}

/// The worksheet being read.
struct SheetBuilder {
    name: String,
    cells: Vec<SheetCell>,
    merges: Vec<Merge>,
    /// Vertical merges that may still cover positions of later rows: first column →
    /// (last column, last row).
    merged_down: BTreeMap<u32, (u32, u32)>,
    /// Column styles: first column → (last column, style ID). Looked up once per number
    /// cell, so by key, not by a walk over every `Column`.
    column_styles: BTreeMap<u32, (u32, String)>,
    next_column: u64,
    /// The row being read (0-based) and where the next one goes.
    row: u32,
    next_row: u64,
    row_style: Option<String>,
    /// The column the next cell goes to unless it says otherwise.
    next_col: u64,
    /// How many times a cell was moved past a merge from above.
    passed: usize,
}

/// The cell being read.
#[derive(Default)]
struct CellDraft {
    col: u32,
    style: Option<String>,
    data_type: Option<String>,
    text: String,
    has_data: bool,
}

fn ended_inside(name: &str) -> ReadError {
    ReadError::corrupt(format!(
        "Excel 2003 XML 文件在 <{name}> 中意外结束，文件不完整，请重新保存或重新发送"
    ))
}

fn too_many_cells(max: usize) -> ReadError {
    ReadError::too_large(Bound::Cells(max), format!("工作表单元格数量超过 {max} 个"))
}

/// A 1-based index attribute (`ss:Index`) as a 0-based position, clamped to the sheet.
fn index(e: &BytesStart<'_>) -> Option<u64> {
    let n: u64 = attr(e, "Index")?.trim().parse().ok()?;
    Some(n.clamp(1, MAX_POS + 1) - 1)
}

/// A count attribute (`ss:MergeAcross`, `ss:MergeDown`, `ss:Span`), clamped to the sheet.
fn count(e: &BytesStart<'_>, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0)
        .min(MAX_POS)
}

fn pos(x: u64) -> u32 {
    x.min(MAX_POS) as u32
}

fn style_id(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "StyleID").map(unescape_lenient)
}

/// Whether a `NumberFormat`'s `ss:Format` shows a percentage: the named format "Percent"
/// or a format code with a '%' of its own.
fn format_is_percent(format: &str) -> bool {
    format.trim().eq_ignore_ascii_case("percent") || sheet::format_code_is_percent(format)
}

struct Reader<'l> {
    limits: &'l Limits,
    styles: HashMap<String, StyleDef>,
    /// The style being declared.
    style: Option<(String, StyleDef)>,
    percent_cache: HashMap<String, bool>,
    sheet: Option<SheetBuilder>,
    cell: CellDraft,
    parts: Vec<Part>,
}

pub(super) fn read(text: &str, limits: &Limits) -> Result<Document, ReadError> {
    let mut xml = Xml::new(text, limits, ended_inside);
    let mut r = Reader {
        limits,
        styles: HashMap::new(),
        style: None,
        percent_cache: HashMap::new(),
        sheet: None,
        cell: CellDraft::default(),
        parts: Vec::new(),
    };
    let mut stack: Vec<Ctx> = Vec::with_capacity(16);
    loop {
        match xml.next()? {
            Event::Start(e) => {
                let parent = stack.last().copied();
                match r.start(parent, &e)? {
                    Some(ctx) => stack.push(ctx),
                    None => {
                        let name = e.name().into_inner().to_string();
                        xml.skip(&name)?;
                    }
                }
            }
            Event::End(e) => {
                if let Some(ctx) = stack.pop() {
                    r.end(ctx, end_local(&e))?;
                }
            }
            Event::Text(t) if r.in_data(&stack) => r.cell.text.push_str(&t.xml10_content()),
            Event::CData(t) if r.in_data(&stack) => r.cell.text.push_str(&t),
            Event::GeneralRef(g) if r.in_data(&stack) => push_general_ref(&g, &mut r.cell.text),
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(ended_inside("Workbook"));
    }
    Ok(Document { parts: r.parts })
}

impl Reader<'_> {
    fn in_data(&self, stack: &[Ctx]) -> bool {
        matches!(stack.last(), Some(Ctx::Data | Ctx::Rich))
    }

    /// What the element just opened is, or `None` to skip it whole.
    fn start(&mut self, parent: Option<Ctx>, e: &BytesStart<'_>) -> Result<Option<Ctx>, ReadError> {
        let name = local(e);
        let ctx = match (parent, name) {
            (None | Some(Ctx::Other), "Workbook") => Ctx::Workbook,
            (None | Some(Ctx::Other), _) => Ctx::Other,
            (Some(Ctx::Workbook), "Styles") => Ctx::Styles,
            (Some(Ctx::Styles), "Style") => {
                let id = attr(e, "ID").map(unescape_lenient).unwrap_or_default();
                let parent = attr(e, "Parent").map(unescape_lenient);
                self.style = Some((
                    id,
                    StyleDef {
                        parent,
                        format: None,
                    },
                ));
                Ctx::Style
            }
            (Some(Ctx::Style), "NumberFormat") => {
                if let Some((_, def)) = &mut self.style {
                    def.format = Some(attr(e, "Format").map(unescape_lenient).unwrap_or_default());
                }
                Ctx::Other
            }
            (Some(Ctx::Workbook), "Worksheet") => {
                let name = attr(e, "Name").map(unescape_lenient).unwrap_or_default();
                self.sheet = Some(SheetBuilder {
                    name,
                    cells: Vec::new(),
                    merges: Vec::new(),
                    merged_down: BTreeMap::new(),
                    column_styles: BTreeMap::new(),
                    passed: 0,
                    next_column: 0,
                    row: 0,
                    next_row: 0,
                    row_style: None,
                    next_col: 0,
                });
                Ctx::Worksheet
            }
            (Some(Ctx::Worksheet), "Table") => Ctx::Table,
            (Some(Ctx::Table), "Column") => {
                if let Some(s) = &mut self.sheet {
                    let first = index(e).unwrap_or(s.next_column);
                    let last = first.saturating_add(count(e, "Span")).min(MAX_POS);
                    s.next_column = last + 1;
                    if let Some(style) = style_id(e)
                        && s.column_styles.len() < self.limits.max_cells
                    {
                        s.column_styles.insert(pos(first), (pos(last), style));
                    }
                }
                Ctx::Column
            }
            (Some(Ctx::Table), "Row") => {
                if let Some(s) = &mut self.sheet {
                    let row = index(e).unwrap_or(s.next_row).min(MAX_POS);
                    s.row = pos(row);
                    s.next_row = row.saturating_add(1).saturating_add(count(e, "Span"));
                    s.row_style = style_id(e);
                    s.next_col = 0;
                }
                Ctx::Row
            }
            (Some(Ctx::Row), "Cell") => {
                let Some(s) = &mut self.sheet else {
                    return Ok(None);
                };
                let col = match index(e) {
                    Some(c) => c,
                    None => s.uncovered(s.next_col, self.limits.max_cells)?,
                };
                let across = count(e, "MergeAcross");
                let down = count(e, "MergeDown");
                let last_col = col.saturating_add(across).min(MAX_POS);
                s.next_col = last_col.saturating_add(1);
                let (row, col) = (s.row, pos(col));
                if across > 0 || down > 0 {
                    if s.merges.len() >= self.limits.max_cells {
                        return Err(too_many_cells(self.limits.max_cells));
                    }
                    let last_row = pos(u64::from(row).saturating_add(down));
                    s.merges
                        .push(Merge::from_corners((row, col), (last_row, pos(last_col))));
                    if down > 0 {
                        s.merged_down.insert(col, (pos(last_col), last_row));
                    }
                }
                self.cell = CellDraft {
                    col,
                    style: style_id(e),
                    ..CellDraft::default()
                };
                Ctx::Cell
            }
            (Some(Ctx::Cell), "Data") => {
                self.cell.has_data = true;
                self.cell.data_type = attr(e, "Type").map(str::to_string);
                Ctx::Data
            }
            (Some(Ctx::Data | Ctx::Rich), _) => Ctx::Rich,
            _ => return Ok(None),
        };
        Ok(Some(ctx))
    }

    fn end(&mut self, ctx: Ctx, _name: &str) -> Result<(), ReadError> {
        match ctx {
            Ctx::Style => {
                if let Some((id, def)) = self.style.take() {
                    self.styles.insert(id, def);
                }
            }
            Ctx::Cell => self.end_cell()?,
            Ctx::Worksheet => {
                if let Some(s) = self.sheet.take() {
                    let grid =
                        sheet::build_grid(&s.name, s.cells, &s.merges, self.limits.max_cells)?;
                    self.parts.push(Part {
                        blocks: vec![Block::Table(grid)],
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), ReadError> {
        let draft = std::mem::take(&mut self.cell);
        if !draft.has_data {
            return Ok(());
        }
        let Some(s) = &self.sheet else {
            return Ok(());
        };
        let (row, col) = (s.row, draft.col);
        let value = match draft.data_type.as_deref().map(str::trim) {
            Some("Number") => match draft.text.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => Data::Float(x),
                _ => Data::String(draft.text),
            },
            Some("Boolean") => match draft.text.trim() {
                "1" | "true" | "TRUE" => Data::Bool(true),
                "0" | "false" | "FALSE" => Data::Bool(false),
                _ => Data::String(draft.text),
            },
            Some("DateTime") => {
                let day = draft.text.trim().split('T').next().unwrap_or_default();
                Data::String(day.to_string())
            }
            _ => Data::String(draft.text),
        };
        let percent = match value {
            Data::Float(_) => {
                let style = draft
                    .style
                    .or_else(|| s.row_style.clone())
                    .or_else(|| s.column_style(col).map(str::to_string));
                Some(self.is_percent(style.as_deref().unwrap_or("Default")))
            }
            _ => None,
        };
        let Some(cell) = sheet::value_cell(row, col, &value, percent) else {
            return Ok(());
        };
        let max_cells = self.limits.max_cells;
        let Some(s) = &mut self.sheet else {
            return Ok(());
        };
        if s.cells.len() >= max_cells {
            return Err(too_many_cells(max_cells));
        }
        s.cells.push(cell);
        Ok(())
    }

    /// Whether a style (or the first of its ancestors with a number format) shows
    /// percentages.
    fn is_percent(&mut self, id: &str) -> bool {
        if let Some(&known) = self.percent_cache.get(id) {
            return known;
        }
        let mut current = Some(id);
        let mut percent = false;
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(def) = current.and_then(|id| self.styles.get(id)) else {
                break;
            };
            if let Some(format) = &def.format {
                percent = format_is_percent(format);
                break;
            }
            current = def.parent.as_deref();
        }
        self.percent_cache.insert(id.to_string(), percent);
        percent
    }
}

impl SheetBuilder {
    /// The first position at or right of `col` not covered by a merge from a row above.
    ///
    /// Each merge passed over counts against `max_cells`: rows of cells without `ss:Index`
    /// under many merges from above would otherwise cost rows × merges.
    fn uncovered(&mut self, mut col: u64, max_cells: usize) -> Result<u64, ReadError> {
        loop {
            let c = pos(col);
            // A merge starting at `c` (the next one of a row of adjacent merges) is the one
            // to look at: one lookup, not a range search.
            let found = match self.merged_down.get(&c) {
                Some(&v) => Some((c, v)),
                None => self
                    .merged_down
                    .range(..c)
                    .next_back()
                    .map(|(&first, &v)| (first, v)),
            };
            let Some((first, (last_col, last_row))) = found else {
                return Ok(col);
            };
            if last_row < self.row {
                // Over before this row: it covers nothing any more.
                self.merged_down.remove(&first);
                continue;
            }
            if last_col < c || u64::from(last_col) >= MAX_POS {
                return Ok(col);
            }
            self.passed += 1;
            if self.passed > max_cells {
                return Err(ReadError::too_large(
                    Bound::Cells(max_cells),
                    format!("工作表中越过合并单元格的次数超过 {max_cells} 次（合并单元格过多）"),
                ));
            }
            col = u64::from(last_col) + 1;
        }
    }

    /// The style of the `Column` that covers `col`, if any.
    fn column_style(&self, col: u32) -> Option<&str> {
        self.column_styles
            .range(..=col)
            .next_back()
            .filter(|(_, (last, _))| *last >= col)
            .map(|(_, (_, style))| style.as_str())
    }
}
