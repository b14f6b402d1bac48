//! Draws layouts as worksheets: merges as merged regions, numbers as number cells where the
//! department typed numbers, and optional title/unit rows and offsets inside the sheet.

use crate::model::{Content, Form, Layout, layout};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    utility::column_number_to_name,
};

/// One sheet of a workbook.
pub enum Sheet<'a> {
    Form(&'a Form),
    /// Any other sheet: name and rows of plain strings from A1.
    Plain(&'a str, Vec<Vec<String>>),
    /// A form given as lines and a layout (project and national forms).
    Grid(&'a GridSheet),
}

/// How a line above or below the table is written in the sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineStyle {
    /// Bold, centred, merged across the table: a title.
    Title,
    /// Centred, merged across the table: "（2024年度）".
    Center,
    /// Right-aligned, merged across the table: "单位：万元".
    Right,
    /// In the first cell only, not merged: "附件2", "填报人：…".
    Left,
}

/// A sheet holding one form: lines above the table, the table, lines below.
#[derive(Debug, Clone)]
pub struct GridSheet {
    pub name: String,
    /// Zero-based (row, column) of the first line.
    pub origin: (u32, u16),
    pub above: Vec<(String, LineStyle)>,
    pub layout: Layout,
    pub below: Vec<String>,
}

/// A sheet written cell by cell, as the renderers of other spreadsheet formats (ODF,
/// Office 2003 XML) build theirs: the one place that lays a form out on it the way the
/// xlsx renderer does, so every format puts the same form in the same cells.
pub trait SheetCells: Sized {
    /// An empty sheet of that name.
    fn named(name: &str) -> Self;
    /// A line of text at row `r`, across `ncols` columns from `c0`.
    fn line(&mut self, r: u32, c0: u32, ncols: u32, text: &str, style: LineStyle);
    /// A table whose first row is `top`, its first column `c0`.
    fn table(&mut self, l: &Layout, top: u32, c0: u32);
}

/// A department form's sheet, as the xlsx renderer lays it out.
pub fn form_sheet_cells<S: SheetCells>(f: &Form) -> S {
    let l = layout(f);
    let p = &f.p;
    let mut s = S::named(&p.sheet_name);
    let (r0, c0) = (p.origin.0, u32::from(p.origin.1));
    let mut row = r0;
    if p.title_in_sheet {
        s.line(row, c0, l.ncols as u32, &p.title, LineStyle::Title);
        row += 1;
        if let Some(u) = &p.unit_text {
            s.line(row, c0, l.ncols as u32, u, LineStyle::Right);
            row += 1;
        }
        row += p.gap_rows;
    }
    s.table(&l, row, c0);
    s
}

/// A form given as lines and a layout, as the xlsx renderer lays it out.
pub fn grid_sheet_cells<S: SheetCells>(g: &GridSheet) -> S {
    let mut s = S::named(&g.name);
    let (r0, c0) = (g.origin.0, u32::from(g.origin.1));
    let ncols = g.layout.ncols as u32;
    let mut row = r0;
    for (text, style) in &g.above {
        s.line(row, c0, ncols, text, *style);
        row += 1;
    }
    s.table(&g.layout, row, c0);
    row += g.layout.rows.len() as u32;
    for text in &g.below {
        s.line(row, c0, ncols, text, LineStyle::Left);
        row += 1;
    }
    s
}

fn fail<E: std::fmt::Display>(e: E) -> ! {
    panic!("xlsx: {e}")
}

fn form_sheet(ws: &mut Worksheet, f: &Form) {
    let l = layout(f);
    let p = &f.p;
    let (r0, c0) = p.origin;
    let mut row = r0;
    let last_col = c0 + l.ncols as u16 - 1;
    if p.title_in_sheet {
        let title = Format::new()
            .set_bold()
            .set_font_name("宋体")
            .set_font_size(16)
            .set_align(FormatAlign::Center);
        ws.merge_range(row, c0, row, last_col, &p.title, &title)
            .unwrap_or_else(|e| fail(e));
        row += 1;
        if let Some(u) = &p.unit_text {
            let right = Format::new().set_align(FormatAlign::Right);
            ws.merge_range(row, c0, row, last_col, u, &right)
                .unwrap_or_else(|e| fail(e));
            row += 1;
        }
        row += p.gap_rows;
    }
    write_table(ws, &l, row, c0);
}

/// Column widths, then the table's cells from (top, c0): blank bordered cells first, then
/// every anchor cell (merges as merged regions).
fn write_table(ws: &mut Worksheet, l: &Layout, top: u32, c0: u16) {
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_font_name("宋体")
        .set_font_size(10);
    for (k, w) in l.widths.iter().enumerate() {
        ws.set_column_width(c0 + k as u16, *w as f64 / 90.0)
            .unwrap_or_else(|e| fail(e));
    }
    // Blank bordered cells first, so cells not written below still look like a table.
    for r in 0..l.rows.len() as u32 {
        for c in 0..l.ncols as u16 {
            ws.write_blank(top + r, c0 + c, &border)
                .unwrap_or_else(|e| fail(e));
        }
    }
    for (ri, cells) in l.rows.iter().enumerate() {
        let r = top + ri as u32;
        for a in cells {
            let c = c0 + a.col as u16;
            let (lr, lc) = (r + a.rs as u32 - 1, c + a.cs as u16 - 1);
            let text = a.content.flat();
            if a.rs > 1 || a.cs > 1 {
                let s = if matches!(a.content, Content::Num { .. }) {
                    ""
                } else {
                    text.as_str()
                };
                ws.merge_range(r, c, lr, lc, s, &border)
                    .unwrap_or_else(|e| fail(e));
            }
            match &a.content {
                Content::Num {
                    value,
                    fmt,
                    text,
                    sum_above,
                } => {
                    let f = match fmt {
                        Some(nf) => border.clone().set_num_format(*nf),
                        None => border.clone(),
                    };
                    if let Some(n) = sum_above {
                        let name = column_number_to_name(c);
                        let formula =
                            Formula::new(format!("=SUM({name}{}:{name}{})", r - *n as u32 + 1, r))
                                .set_result(text.clone());
                        ws.write_formula_with_format(r, c, formula, &f)
                            .unwrap_or_else(|e| fail(e));
                    } else {
                        ws.write_number_with_format(r, c, *value, &f)
                            .unwrap_or_else(|e| fail(e));
                    }
                }
                Content::Paras(_) => {
                    if a.rs == 1 && a.cs == 1 && !text.is_empty() {
                        ws.write_string_with_format(r, c, &text, &border)
                            .unwrap_or_else(|e| fail(e));
                    }
                }
            }
        }
    }
}

fn grid_sheet(ws: &mut Worksheet, g: &GridSheet) {
    let (r0, c0) = g.origin;
    let l = &g.layout;
    let last_col = c0 + l.ncols as u16 - 1;
    let mut row = r0;
    for (text, style) in &g.above {
        let f = match style {
            LineStyle::Title => Format::new()
                .set_bold()
                .set_font_name("宋体")
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            LineStyle::Center => Format::new().set_align(FormatAlign::Center),
            LineStyle::Right => Format::new().set_align(FormatAlign::Right),
            LineStyle::Left => Format::new(),
        };
        if *style == LineStyle::Left {
            ws.write_string_with_format(row, c0, text, &f)
                .unwrap_or_else(|e| fail(e));
        } else {
            ws.merge_range(row, c0, row, last_col, text, &f)
                .unwrap_or_else(|e| fail(e));
        }
        row += 1;
    }
    write_table(ws, l, row, c0);
    row += l.rows.len() as u32;
    for text in &g.below {
        ws.write_string(row, c0, text).unwrap_or_else(|e| fail(e));
        row += 1;
    }
}

/// Workbook bytes; document properties carry a fixed date so every run gives the same bytes.
pub fn render(sheets: &[Sheet]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2024, 1, 15).unwrap_or_else(|e| fail(e));
    let props = DocProperties::new()
        .set_author("财政局")
        .set_creation_datetime(&date);
    wb.set_properties(&props);
    for s in sheets {
        let ws = wb.add_worksheet();
        match s {
            Sheet::Form(f) => {
                ws.set_name(&f.p.sheet_name).unwrap_or_else(|e| fail(e));
                form_sheet(ws, f);
            }
            Sheet::Grid(g) => {
                ws.set_name(&g.name).unwrap_or_else(|e| fail(e));
                grid_sheet(ws, g);
            }
            Sheet::Plain(name, rows) => {
                ws.set_name(*name).unwrap_or_else(|e| fail(e));
                ws.set_column_width(0, 60).unwrap_or_else(|e| fail(e));
                for (r, cells) in rows.iter().enumerate() {
                    for (c, v) in cells.iter().enumerate() {
                        if let Ok(n) = v.parse::<f64>() {
                            ws.write_number(r as u32, c as u16, n)
                                .unwrap_or_else(|e| fail(e));
                        } else {
                            ws.write_string(r as u32, c as u16, v)
                                .unwrap_or_else(|e| fail(e));
                        }
                    }
                }
            }
        }
    }
    wb.save_to_buffer().unwrap_or_else(|e| fail(e))
}
