//! The calamine-based .xlsx reader this crate used before its own streaming reader, kept
//! only for tests: the differential test in `xlsx.rs` runs both on every workbook it can
//! find and requires the same documents (or the same kind of error).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Style, Xlsx, XlsxError};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Grid, Part};
use crate::readers::sheet::{self, Merge, SheetCell};

/// The calamine-based reader, as it was.
pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    prescan_zip(bytes, limits)?;
    sheet::guarded(|| read_workbook(bytes, limits))
}

fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut wb: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(map_err)?;
    let names = sheet::worksheet_names(wb.sheets_metadata());
    let mut doc = Document::default();
    for name in names {
        if let Some(grid) = read_sheet(&mut wb, &name, limits)? {
            doc.parts.push(Part {
                blocks: vec![Block::Table(grid)],
            });
        }
    }
    Ok(doc)
}

fn read_sheet(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Grid>, ReadError> {
    let mut cells: Vec<SheetCell> = Vec::new();
    {
        let mut reader = match wb.worksheet_cells_reader(name) {
            // A sheet entry whose part is not a worksheet (e.g. a chartsheet listed oddly).
            Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
            r => r.map_err(map_err)?,
        };
        // The style palette is borrowed from the reader; keep only what is needed.
        let percent_styles: Vec<bool> = reader
            .styles()
            .iter()
            .map(|s| is_percent(Some(s)))
            .collect();
        while let Some((cell, style_id)) = reader.next_cell_with_style_id().map_err(map_err)? {
            let (row, col) = cell.get_position();
            let value: Data = cell.get_value().clone().into();
            let percent = percent_styles.get(style_id).copied().unwrap_or(false);
            if let Some(c) = sheet::value_cell(row, col, &value, Some(percent)) {
                if cells.len() >= limits.max_cells {
                    return Err(ReadError::too_large(
                        Bound::Cells(limits.max_cells),
                        format!("工作表“{name}”的非空单元格超过 {} 个", limits.max_cells),
                    ));
                }
                cells.push(c);
            }
        }
    }
    // Merge dimensions are absolute worksheet coordinates, like the streamed positions.
    let merges: Vec<Merge> = wb
        .merge_cells_by_sheet_name(name)
        .map_err(map_err)?
        .iter()
        .map(|d| Merge::from_corners(d.start, d.end))
        .collect();
    sheet::build_grid(name, cells, &merges, limits.max_cells).map(Some)
}

/// Whether a cell style's number format shows a percentage: builtin 9 ("0%") and 10
/// ("0.00%"), or a custom code with a live '%'.
fn is_percent(style: Option<&Style>) -> bool {
    style
        .and_then(|s| s.number_format.as_ref())
        .is_some_and(|nf| {
            matches!(nf.format_id, Some(9 | 10)) || sheet::format_code_is_percent(&nf.format_code)
        })
}

fn map_err(e: XlsxError) -> ReadError {
    match e {
        XlsxError::Password => ReadError::Encrypted,
        XlsxError::Zip(z) => ReadError::from(z),
        e => ReadError::corrupt(format!("Excel 工作簿结构错误（{e}）")),
    }
}

/// Checks the package's inflated size from the central directory (see the module doc),
/// and the shared-string count calamine will reserve memory for.
fn prescan_zip(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    if bytes.starts_with(crate::readers::format::CFB_MAGIC) {
        // An encrypted OOXML package is a CFB container; normally format detection has
        // already sent it elsewhere.
        return Err(ReadError::Encrypted);
    }
    let max = limits.max_inflated_bytes;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut total: u64 = 0;
    let mut shared_strings = None;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i)?;
        let size = entry.size();
        total = total.saturating_add(size);
        if size > max || total > max {
            return Err(ReadError::too_large(
                Bound::Inflated(max),
                format!(
                    "压缩包解压后超过 {} MB（疑似压缩炸弹）",
                    max / (1024 * 1024)
                ),
            ));
        }
        let is_sst = entry
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        if is_sst {
            shared_strings = Some((i, size));
        }
    }
    if let Some((i, size)) = shared_strings {
        let mut head = Vec::new();
        // Unreadable entries are left for calamine to report.
        if let Ok(entry) = archive.by_index(i) {
            let _ = entry.take(4096).read_to_end(&mut head);
        }
        check_unique_count(&head, size, limits)?;
    }
    Ok(())
}

/// Refuses a `uniqueCount` no honest sharedStrings part could hold: each entry takes at
/// least 5 bytes of XML (`<si/>`), and no sheet keeps more than `max_cells` cells.
fn check_unique_count(head: &[u8], inflated: u64, limits: &Limits) -> Result<(), ReadError> {
    let Some(declared) = declared_unique_count(head) else {
        return Ok(());
    };
    let by_size = inflated / 5 + 1024;
    let by_cells = (limits.max_cells as u64).saturating_mul(8);
    if declared > by_size.min(by_cells) {
        return Err(ReadError::too_large(
            Bound::Structure,
            format!("共享字符串表声明的条目数（{declared}）与内容不符"),
        ));
    }
    Ok(())
}

fn declared_unique_count(head: &[u8]) -> Option<u64> {
    const KEY: &[u8] = b"uniqueCount=";
    let at = head.windows(KEY.len()).position(|w| w == KEY)?;
    let rest = head.get(at + KEY.len()..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))?;
    let mut n: u64 = 0;
    for &b in rest.iter().take_while(|b| b.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(u64::from(b - b'0'));
    }
    Some(n)
}
