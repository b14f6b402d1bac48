//! The review workbook as Excel opens it: one sheet per table, header row frozen and bold,
//! an autofilter over the data, column widths set, numbers as numeric cells. Excel's own
//! limits (rows per sheet, characters per cell) are met here, so that a huge dataset still
//! gives a workbook that opens.

use super::{Cell, ColumnKind, Tables};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// Excel's last row is 1,048,576; one goes to the header, one to a note saying the rest
/// did not fit.
const XLSX_MAX_DATA_ROWS: usize = 1_048_574;
/// Excel's longest text in one cell, in UTF-16 units.
pub(super) const XLSX_MAX_TEXT: usize = 32_767;

/// The review workbook: one sheet per table, header row frozen and bold, an autofilter
/// over the data, column widths set, numbers as numbers.
pub fn to_xlsx(tables: &Tables) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let amount = Format::new().set_num_format("#,##0.00##");
    let percent = Format::new().set_num_format("0.00");
    let integer = Format::new().set_num_format("0");
    let general = Format::new();
    for table in tables.all() {
        let ws = wb.add_worksheet();
        ws.set_name(table.name)?;
        for (c, column) in table.columns.iter().enumerate() {
            let c = col_num(c)?;
            ws.set_column_width(c, column.width)?;
            ws.write_string_with_format(0, c, &column.header, &header)?;
        }
        let shown = table.rows.len().min(XLSX_MAX_DATA_ROWS);
        for (r, row) in table.rows.iter().take(shown).enumerate() {
            let r = (r + 1) as u32;
            for (c, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
                let c = col_num(c)?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string(r, c, clip_utf16(s, XLSX_MAX_TEXT))?;
                    }
                    Cell::Number(x) if x.is_finite() => {
                        let fmt = match column.kind {
                            ColumnKind::Amount => &amount,
                            ColumnKind::Percent => &percent,
                            ColumnKind::Integer => &integer,
                            ColumnKind::Text => &general,
                        };
                        ws.write_number_with_format(r, c, *x, fmt)?;
                    }
                    Cell::Number(x) => {
                        ws.write_string(r, c, x.to_string())?;
                    }
                }
            }
        }
        let mut last_row = shown as u32;
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
        let last_col = col_num(table.columns.len().saturating_sub(1))?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, last_col)?;
    }
    wb.save_to_buffer()
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
