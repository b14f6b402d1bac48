//! The review workbook as Excel opens it: one sheet per table, header row frozen and bold,
//! an autofilter over the data, column widths set, numbers as numeric cells, file names as
//! links to the files, every sheet set up to print (landscape, header row on every page,
//! one page wide), and 分析 with its charts. Excel's own limits (rows per sheet, characters
//! per cell, links per sheet) are met here, so that a huge dataset still gives a workbook
//! that opens.

use super::{Cell, ColumnKind, Table, Tables};
use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError,
};

/// Excel's last row is 1,048,576; one goes to the header, one to a note saying the rest
/// did not fit.
const XLSX_MAX_DATA_ROWS: usize = 1_048_574;
/// Excel's longest text in one cell, in UTF-16 units.
pub(super) const XLSX_MAX_TEXT: usize = 32_767;
/// Excel keeps at most 65,530 links in one sheet; later file cells are plain text.
const XLSX_MAX_LINKS: usize = 65_530;
/// A4 in Excel's paper numbering.
const PAPER_A4: u8 = 9;

/// The formats cells are written with.
struct Formats {
    header: Format,
    title: Format,
    amount: Format,
    percent: Format,
    integer: Format,
    general: Format,
    wrap: Format,
    link: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            title: Format::new().set_bold().set_font_size(13),
            amount: Format::new().set_num_format("#,##0.00##"),
            percent: Format::new().set_num_format("0.00"),
            integer: Format::new().set_num_format("0"),
            general: Format::new(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            link: Format::new()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
        }
    }

    fn number(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Amount => &self.amount,
            ColumnKind::Percent => &self.percent,
            ColumnKind::Integer => &self.integer,
            ColumnKind::Text => &self.general,
        }
    }
}

/// The review workbook: one sheet per table, then 分析.
pub fn to_xlsx(tables: &Tables) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    for table in tables.all() {
        let ws = wb.add_worksheet();
        ws.set_name(table.name)?;
        // 退回清单 is read, not filtered: its long cells wrap.
        let wrap = table.name == "退回清单";
        for (c, column) in table.columns.iter().enumerate() {
            ws.set_column_width(col_num(c)?, column.width)?;
        }
        let last_row = write_table(ws, table, 0, &f, wrap)?;
        let last_col = col_num(table.columns.len().saturating_sub(1))?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, last_col)?;
        page_setup(ws)?;
        ws.set_repeat_rows(0, 0)?;
    }
    write_analysis(&mut wb, tables, &f)?;
    wb.save_to_buffer()
}

/// Landscape A4, one page wide, as long as it takes.
fn page_setup(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(PAPER_A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_gridlines(true);
    Ok(())
}

/// Writes `table` with its header at row `top`; returns the last row written.
fn write_table(
    ws: &mut Worksheet,
    table: &Table,
    top: u32,
    f: &Formats,
    wrap: bool,
) -> Result<u32, XlsxError> {
    for (c, column) in table.columns.iter().enumerate() {
        let c = col_num(c)?;
        ws.write_string_with_format(top, c, &column.header, &f.header)?;
    }
    let shown = table.rows.len().min(XLSX_MAX_DATA_ROWS - top as usize);
    let mut links = 0;
    for (r, row) in table.rows.iter().take(shown).enumerate() {
        let r = top + 1 + r as u32;
        for (c, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
            let c = col_num(c)?;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) if wrap && s.contains('\n') => {
                    ws.write_string_with_format(r, c, clip_utf16(s, XLSX_MAX_TEXT), &f.wrap)?;
                }
                Cell::Text(s) => {
                    ws.write_string(r, c, clip_utf16(s, XLSX_MAX_TEXT))?;
                }
                Cell::Link { text, url } => {
                    let text = clip_utf16(text, XLSX_MAX_TEXT);
                    let linked = links < XLSX_MAX_LINKS
                        && ws
                            .write_url_with_options(
                                r,
                                c,
                                Url::new(url.as_str()),
                                text,
                                "",
                                Some(&f.link),
                            )
                            .is_ok();
                    if linked {
                        links += 1;
                    } else {
                        ws.write_string(r, c, text)?;
                    }
                }
                Cell::Number(x) if x.is_finite() => {
                    ws.write_number_with_format(r, c, *x, f.number(column.kind))?;
                }
                Cell::Number(x) => {
                    ws.write_string(r, c, x.to_string())?;
                }
            }
        }
    }
    let mut last_row = top + shown as u32;
    if table.rows.len() > shown {
        last_row += 1;
        ws.write_string(
            last_row,
            0,
            format!(
                "……另有 {} 行超出 Excel 每表行数上限，未列出；请查看 JSON 数据集",
                table.rows.len() - shown
            ),
        )?;
    }
    Ok(last_row)
}

/// 分析: its tables one under another, each under a title, and a chart beside the first
/// three.
fn write_analysis(wb: &mut Workbook, tables: &Tables, f: &Formats) -> Result<(), XlsxError> {
    const SHEET: &str = "分析";
    let a = &tables.analysis;
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let widest = a
        .tables()
        .iter()
        .map(|t| t.columns.len())
        .max()
        .unwrap_or(0);
    for c in 0..widest {
        let width = a
            .tables()
            .iter()
            .filter_map(|t| t.columns.get(c).map(|col| col.width))
            .fold(8.0_f64, f64::max);
        ws.set_column_width(col_num(c)?, width)?;
    }
    page_setup(ws)?;
    let mut top = 0u32;
    let mut charts = Vec::new();
    for (i, table) in a.tables().into_iter().enumerate() {
        ws.write_string_with_format(top, 0, table.name, &f.title)?;
        let header = top + 1;
        let last = write_table(ws, table, header, f, false)?;
        if !table.rows.is_empty() && i < 3 {
            charts.push((table, header, last));
        }
        top = last + 3;
    }
    let chart_col = col_num(widest + 1)?;
    let mut chart_row = 0u32;
    for (table, header, last) in charts {
        let mut chart = Chart::new(ChartType::Column);
        chart.title().set_name(table.name);
        // The folders and years: income and projects' annual funds; the codes: counts.
        let value_cols: &[u16] = if table.name == "按问题代码" {
            &[2]
        } else {
            &[3, 5]
        };
        let rows = last.min(header + 200);
        for &c in value_cols {
            let name = table
                .columns
                .get(usize::from(c))
                .map_or("", |c| c.header.as_str());
            chart
                .add_series()
                .set_name(name)
                .set_categories((SHEET, header + 1, 0, rows, 0))
                .set_values((SHEET, header + 1, c, rows, c));
        }
        chart.set_width(640).set_height(320);
        ws.insert_chart(chart_row, chart_col, &chart)?;
        chart_row += 18;
    }
    Ok(())
}

fn col_num(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The longest prefix of `s` that fits in `max` UTF-16 units.
pub(super) fn clip_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, ch) in s.char_indices() {
        units += ch.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}
