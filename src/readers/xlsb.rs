//! Excel binary workbooks (.xlsb, BIFF12 records in a zip package) into one `Grid` per
//! worksheet.
//!
//! Finance offices that keep large workbooks save them as .xlsb; a 绩效目标表 in one is the
//! same form as in an .xlsx, and must read the same. calamine reads the cells, but not
//! everything we need and not safely on its own:
//!
//! - its `Xlsb` exposes neither merged regions nor the cells' style indices, so the form's
//!   shape (BrtMergeCell) and which numbers are shown as percentages (BrtXF → BrtFmt) are
//!   read here, by our own bounded walk over the same records;
//! - it trusts declared record lengths (a 10-byte record can make it zero 256 MiB), indexes
//!   record data without bounds checks, parses defined names' formulas (any unknown token
//!   fails the whole workbook) and, through `worksheet_range`, allocates the used range
//!   densely.
//!
//! So before calamine sees anything, every part it will read is inflated once here
//! (`crate::readers::ooxml::read_entry`, under the per-file inflate budget, declared sizes
//! checked first), cut to its well-framed records, and walked: cell records too short for
//! calamine's reads or pointing past the shared strings are `Corrupt`, cells and merges are
//! counted against `limits.max_cells`. calamine then gets a fresh package written here:
//! our own minimal `workbook.bin` (the sheet list and the 1904 flag, no defined names),
//! relationships naming every sheet where calamine looks for it, and the checked parts.
//! Cells are streamed (`worksheet_cells_reader`), never put in a dense range.
//!
//! What a cell reads as follows the .xlsx reader: calamine's value (shared strings, RK
//! numbers, dates by number format), written by `crate::readers::sheet` (percent formats as
//! "95%", numbers without binary noise). Hidden sheets are read like visible ones, as in
//! .xlsx; chart and dialog sheets are skipped. Formula cells show their cached value.
//! Password-protected .xlsb files are CFB containers, told apart by format detection.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Write};

use calamine::{Data, Reader, Xlsb, XlsbError};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Part};
use crate::readers::ooxml::{self, read_entry, resolve_target, zip_error};
use crate::readers::sheet::{self, Merge};
use crate::readers::xml::decode_xml;

/// The parts calamine opens by these fixed names.
const WORKBOOK: &str = "xl/workbook.bin";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.bin.rels";
const STRINGS: &str = "xl/sharedStrings.bin";
const STYLES: &str = "xl/styles.bin";

/// Reads an .xlsb file: one section per worksheet, in workbook order (chart and dialog
/// sheets skipped), each holding one sheet grid.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.starts_with(crate::readers::format::CFB_MAGIC) {
        return Err(ReadError::Encrypted);
    }
    sheet::guarded(|| read_workbook(bytes, limits))
}

fn corrupt(what: impl std::fmt::Display) -> ReadError {
    ReadError::corrupt(format!(
        "Excel 二进制工作簿（.xlsb）结构错误：{what}，请用 Excel 打开后另存为 .xlsx 再提交"
    ))
}

/// One sheet of the workbook part, and where its records are.
struct SheetEntry {
    name: String,
    /// BrtBundleSh's hsState (0 visible, 1 hidden, 2 very hidden).
    state: u32,
    tab_id: u32,
    /// The sheet's relationship id.
    rel_id: String,
    /// Whether the relationship says worksheet (not chart, dialog or macro sheet).
    worksheet: bool,
    /// The part, as a zip entry name.
    path: String,
}

/// What our walk of a worksheet part found, beside what calamine reads.
#[derive(Default)]
struct SheetScan {
    merges: Vec<Merge>,
    /// Positions of the value cells whose number format is a percentage.
    percent: HashSet<(u32, u32)>,
}

fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = limits.max_inflated_bytes;
    let mut entry = |zip: &mut ooxml::Package<'_>, name: &str| -> Result<_, ReadError> {
        read_entry(zip, name, limits, &mut budget)
    };
    let workbook = entry(&mut zip, WORKBOOK)?.ok_or_else(|| corrupt("缺少 workbook.bin"))?;
    let rels = match entry(&mut zip, WORKBOOK_RELS)? {
        Some(r) => ooxml::relationships(&decode_xml(&r))?,
        None => Vec::new(),
    };
    let strings = entry(&mut zip, STRINGS)?.map(framed);
    let styles = entry(&mut zip, STYLES)?.map(framed);

    let (bundles, is_1904) = read_workbook_part(framed_slice(&workbook))?;
    let mut sheets = Vec::with_capacity(bundles.len());
    for (name, state, tab_id, rel_id) in bundles {
        let rel = rels
            .iter()
            .rfind(|r| r.id == rel_id)
            .ok_or_else(|| corrupt(format!("工作表“{name}”的关系 {rel_id} 不存在")))?;
        sheets.push(SheetEntry {
            name,
            state,
            tab_id,
            worksheet: rel.rel_type.rsplit('/').next() == Some("worksheet"),
            path: resolve_target("xl/", &rel.target),
            rel_id,
        });
    }

    let n_strings = strings.as_deref().map_or(0, count_strings);
    let percent_xfs = styles.as_deref().map(percent_styles).unwrap_or_default();

    // Each worksheet part once, in workbook order; a repeated name is read once, as the
    // first sheet of that name (calamine finds sheets by name).
    let mut seen = HashSet::new();
    let mut parts: Vec<(usize, Vec<u8>, SheetScan)> = Vec::new();
    let mut cells_in_book = 0usize;
    for (i, s) in sheets.iter().enumerate() {
        if !s.worksheet || !seen.insert(s.name.clone()) {
            continue;
        }
        let data = entry(&mut zip, &s.path)?
            .ok_or_else(|| corrupt(format!("找不到工作表“{}”的部件 {}", s.name, s.path)))?;
        let data = framed(data);
        let scan = scan_sheet(&data, &s.name, n_strings, &percent_xfs, limits)?;
        cells_in_book = cells_in_book.saturating_add(scan.merges.len());
        parts.push((i, data, scan));
    }
    drop(zip);
    if cells_in_book > limits.max_cells.saturating_mul(4) {
        return Err(too_many_cells("工作簿", limits));
    }

    let package = rebuild_package(&sheets, is_1904, strings, styles, &parts)?;
    let mut wb = Xlsb::new(Cursor::new(package)).map_err(map_err)?;
    let mut doc = Document::default();
    for (i, _, scan) in &parts {
        let name = &sheets[*i].name;
        let mut cells = Vec::new();
        let mut reader = wb.worksheet_cells_reader(name).map_err(map_err)?;
        while let Some(cell) = reader.next_cell().map_err(map_err)? {
            let (row, col) = cell.get_position();
            let value = Data::from(cell.get_value().clone());
            let percent = scan.percent.contains(&(row, col));
            if let Some(c) = sheet::value_cell(row, col, &value, Some(percent)) {
                if cells.len() >= limits.max_cells {
                    return Err(too_many_cells(&format!("工作表“{name}”"), limits));
                }
                cells.push(c);
            }
        }
        drop(reader);
        let grid = sheet::build_grid(name, cells, &scan.merges, limits.max_cells)?;
        doc.parts.push(Part {
            blocks: vec![Block::Table(grid)],
        });
    }
    Ok(doc)
}

fn too_many_cells(what: &str, limits: &Limits) -> ReadError {
    ReadError::too_large(
        Bound::Cells(limits.max_cells),
        format!("{what}的单元格和合并区域超过 {} 个", limits.max_cells),
    )
}

fn map_err(e: XlsbError) -> ReadError {
    match e {
        XlsbError::Password => ReadError::Encrypted,
        e => corrupt(format!("calamine：{e}")),
    }
}

/// A part cut after its last well-framed record: calamine allocates what a record
/// declares before it reads it, so a length running past the part must never reach it.
fn framed(mut data: Vec<u8>) -> Vec<u8> {
    let end = framed_len(&data);
    data.truncate(end);
    data
}

fn framed_slice(data: &[u8]) -> &[u8] {
    &data[..framed_len(data)]
}

fn framed_len(data: &[u8]) -> usize {
    let mut records = Records::new(data);
    while records.next().is_some() {}
    records.pos
}

/// BIFF12 records: a type of one or two bytes and a length of one to four (7 bits each,
/// the high bit saying another byte follows), then the data. Ends at the first record that
/// does not fit in what is left.
struct Records<'a> {
    data: &'a [u8],
    /// Where the next record starts (after the last well-framed one once finished).
    pos: usize,
}

impl<'a> Records<'a> {
    fn new(data: &'a [u8]) -> Self {
        Records { data, pos: 0 }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let mut at = self.pos;
        let mut byte = || {
            let b = *self.data.get(at)?;
            at += 1;
            Some(b)
        };
        let b0 = byte()?;
        // calamine's reading of the type: a second byte's low 7 bits above the first's.
        let typ = if b0 & 0x80 != 0 {
            u16::from(b0 & 0x7F) | (u16::from(byte()? & 0x7F) << 7)
        } else {
            u16::from(b0)
        };
        let mut len = 0usize;
        for i in 0..4 {
            let b = byte()?;
            len |= usize::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        let data = self.data.get(at..at.checked_add(len)?)?;
        self.pos = at + len;
        Some((typ, data))
    }
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

/// An XLWideString at `at`: a u32 count of UTF-16 code units, then the units. `None` when
/// it does not fit; the text and the offset after it otherwise. A count of 0xFFFFFFFF is a
/// null XLNullableWideString, given as `Some((None, at + 4))`.
fn wide_str(b: &[u8], at: usize) -> Option<(Option<String>, usize)> {
    let n = u32_at(b, at)?;
    if n == u32::MAX {
        return Some((None, at + 4));
    }
    let start = at + 4;
    let end = start.checked_add((n as usize).checked_mul(2)?)?;
    let units: Vec<u16> = b
        .get(start..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((Some(String::from_utf16_lossy(&units)), end))
}

/// A sheet of the workbook part: name, hsState, iTabID and relationship id.
type Bundle = (String, u32, u32, String);

/// The workbook part: its sheets (BrtBundleSh) in order, and whether dates count from
/// 1904 (BrtWbProp). Sheets without a relationship id are skipped, as calamine does.
fn read_workbook_part(data: &[u8]) -> Result<(Vec<Bundle>, bool), ReadError> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    for (typ, rec) in Records::new(data) {
        match typ {
            0x0099 => is_1904 = rec.first().is_some_and(|b| b & 1 != 0),
            0x009C => {
                let bad = || corrupt("工作表记录（BrtBundleSh）不完整");
                let state = u32_at(rec, 0).ok_or_else(bad)?;
                let tab_id = u32_at(rec, 4).ok_or_else(bad)?;
                // Some early writers put one more u32 before the relationship id.
                let fields = |at: usize| {
                    let (rel_id, at) = wide_str(rec, at)?;
                    let (name, end) = match rel_id {
                        Some(_) => wide_str(rec, at)?,
                        None => (None, at),
                    };
                    (rel_id.is_none() || end == rec.len()).then_some((rel_id, name))
                };
                let (rel_id, name) = fields(8).or_else(|| fields(12)).ok_or_else(bad)?;
                let Some(rel_id) = rel_id else { continue };
                if state > 2 {
                    return Err(corrupt(format!("工作表可见性取值 {state} 无效")));
                }
                sheets.push((name.unwrap_or_default(), state, tab_id, rel_id));
            }
            0x0090 => return Ok((sheets, is_1904)),
            _ => {}
        }
    }
    Err(corrupt("workbook.bin 中工作表列表不完整"))
}

/// How many shared strings calamine will read: BrtBeginSst's count, which must not exceed
/// the BrtSSTItem records present (calamine reads that many and fails short of them).
fn count_strings(data: &[u8]) -> usize {
    let mut declared = None;
    let mut items = 0usize;
    for (typ, rec) in Records::new(data) {
        match typ {
            0x009F => declared = u32_at(rec, 4).map(|n| n as usize),
            0x0013 => items += 1,
            _ => {}
        }
    }
    declared.unwrap_or(0).min(items)
}

/// Which cell styles (BrtXF of the CELLXFS block, by index) show numbers as percentages:
/// builtin formats 9 and 10, or a BrtFmt code with '%' (`sheet::format_code_is_percent`).
fn percent_styles(data: &[u8]) -> Vec<bool> {
    let mut codes: HashMap<u16, bool> = HashMap::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    for (typ, rec) in Records::new(data) {
        match typ {
            0x002C => {
                if let (Some(id), Some((Some(code), _))) = (u16_at(rec, 0), wide_str(rec, 2)) {
                    codes.insert(id, sheet::format_code_is_percent(&code));
                }
            }
            0x0269 => in_cell_xfs = true,
            0x026A => in_cell_xfs = false,
            0x002F if in_cell_xfs => {
                let id = u16_at(rec, 2).unwrap_or(0);
                styles.push(matches!(id, 9 | 10) || codes.get(&id).copied().unwrap_or(false));
            }
            _ => {}
        }
    }
    styles
}

/// Worksheets cannot have more rows than this; calamine stops a sheet at a row beyond it.
const MAX_ROW: u32 = 0x0010_0000;

/// Walks a worksheet part as calamine will read it: BrtWsDim first, cell records with
/// their style, BrtMergeCell after the sheet data. Refuses what would make calamine index
/// out of bounds, and more cells or merges than the limit.
fn scan_sheet(
    data: &[u8],
    name: &str,
    n_strings: usize,
    percent_xfs: &[bool],
    limits: &Limits,
) -> Result<SheetScan, ReadError> {
    let bad = |what: &str| corrupt(format!("工作表“{name}”的{what}"));
    let mut scan = SheetScan::default();
    let (mut dim, mut in_data, mut data_done) = (false, false, false);
    let mut row = 0u32;
    let mut cells = 0usize;
    for (typ, rec) in Records::new(data) {
        if !dim {
            if typ == 0x0094 {
                if rec.len() < 16 {
                    return Err(bad("范围记录（BrtWsDim）不完整"));
                }
                dim = true;
            }
            continue;
        }
        if !in_data {
            in_data = typ == 0x0091;
            continue;
        }
        if !data_done {
            // The bytes calamine reads of each record it turns into a cell.
            let need = match typ {
                0x0000 => {
                    row = u32_at(rec, 0).ok_or_else(|| bad("行记录（BrtRowHdr）不完整"))?;
                    if row > MAX_ROW {
                        data_done = true;
                    }
                    continue;
                }
                0x0092 => {
                    data_done = true;
                    continue;
                }
                0x0002 => 12,
                0x0003 | 0x0004 | 0x000A => 9,
                0x0005 | 0x0009 => 16,
                0x0006 | 0x0008 => {
                    if wide_str(rec, 8).is_none() {
                        return Err(bad("文本单元格记录不完整"));
                    }
                    8
                }
                0x0007 => {
                    let i = u32_at(rec, 8).ok_or_else(|| bad("共享字符串单元格记录不完整"))?;
                    if i as usize >= n_strings {
                        return Err(bad(&format!("共享字符串索引 {i} 超出范围")));
                    }
                    12
                }
                _ => continue,
            };
            if rec.len() < need {
                return Err(bad("单元格记录不完整"));
            }
            cells += 1;
            if cells > limits.max_cells {
                return Err(too_many_cells(&format!("工作表“{name}”"), limits));
            }
            let col = u32_at(rec, 0).unwrap_or(0);
            let style = u32::from_le_bytes([rec[4], rec[5], rec[6], 0]) as usize;
            if percent_xfs.get(style).copied().unwrap_or(false) {
                scan.percent.insert((row, col));
            }
            continue;
        }
        if typ == 0x00B0 {
            // BrtMergeCell: an RfX, first and last row, then first and last column.
            let (Some(r1), Some(r2), Some(c1), Some(c2)) = (
                u32_at(rec, 0),
                u32_at(rec, 4),
                u32_at(rec, 8),
                u32_at(rec, 12),
            ) else {
                return Err(bad("合并区域记录（BrtMergeCell）不完整"));
            };
            if scan.merges.len() >= limits.max_cells {
                return Err(too_many_cells(&format!("工作表“{name}”"), limits));
            }
            scan.merges.push(Merge::from_corners((r1, c1), (r2, c2)));
        }
    }
    if !in_data {
        return Err(bad("单元格数据缺失（没有 BrtWsDim 或 BrtBeginSheetData）"));
    }
    Ok(scan)
}

/// One BIFF12 record, as calamine reads them.
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8 & 0x7F);
    }
    let mut len = data.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(data);
}

fn push_wide(out: &mut Vec<u8>, s: &str) {
    let units: Vec<u16> = s.encode_utf16().collect();
    out.extend_from_slice(&(units.len() as u32).to_le_bytes());
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The package calamine reads: our workbook part (sheets and the 1904 flag only),
/// relationships placing every sheet where calamine looks (worksheets under
/// `xl/worksheets/`, every other kind under `xl/chartsheets/`, which it skips), the shared
/// strings and styles as checked, and the checked worksheet parts. Stored, not deflated.
fn rebuild_package(
    sheets: &[SheetEntry],
    is_1904: bool,
    strings: Option<Vec<u8>>,
    styles: Option<Vec<u8>>,
    parts: &[(usize, Vec<u8>, SheetScan)],
) -> Result<Vec<u8>, ReadError> {
    let mut wb = Vec::new();
    record(&mut wb, 0x0083, &[]);
    let mut prop = u32::from(is_1904).to_le_bytes().to_vec();
    prop.extend_from_slice(&0u32.to_le_bytes());
    push_wide(&mut prop, "");
    record(&mut wb, 0x0099, &prop);
    record(&mut wb, 0x008F, &[]);
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut targets: HashMap<&str, String> = HashMap::new();
    for (i, s) in sheets.iter().enumerate() {
        // A relationship id shared by two sheets keeps the first sheet's target.
        targets.entry(s.rel_id.as_str()).or_insert_with(|| {
            let folder = if s.worksheet { "worksheets" } else { "chartsheets" };
            let t = format!("{folder}/sheet{}.bin", i + 1);
            rels.push_str(&format!(
                r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}" Target="{t}"/>"#,
                xml_escape(&s.rel_id),
                if s.worksheet { "worksheet" } else { "chartsheet" },
            ));
            t
        });
        let mut b = s.state.to_le_bytes().to_vec();
        b.extend_from_slice(&s.tab_id.to_le_bytes());
        push_wide(&mut b, &s.rel_id);
        push_wide(&mut b, &s.name);
        record(&mut wb, 0x009C, &b);
    }
    rels.push_str("</Relationships>");
    record(&mut wb, 0x0090, &[]);
    // BrtCalcProp: calamine reads the workbook part up to a record that follows the names.
    record(&mut wb, 0x009D, &[0; 26]);
    record(&mut wb, 0x0084, &[]);

    let internal =
        |e: zip::result::ZipError| ReadError::Internal(format!("重建 xlsb 压缩包失败（{e}）"));
    let io = |e: std::io::Error| ReadError::Internal(format!("重建 xlsb 压缩包失败（{e}）"));
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let add = |w: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, data: &[u8]| {
        w.start_file(name, opts).map_err(internal)?;
        w.write_all(data).map_err(io)
    };
    add(&mut w, WORKBOOK, &wb)?;
    add(&mut w, WORKBOOK_RELS, rels.as_bytes())?;
    if let Some(s) = &strings {
        add(&mut w, STRINGS, s)?;
    }
    if let Some(s) = &styles {
        add(&mut w, STYLES, s)?;
    }
    let mut added = HashSet::new();
    for (i, data, _) in parts {
        let s = &sheets[*i];
        if let Some(t) = targets.get(s.rel_id.as_str())
            && added.insert(t.as_str())
        {
            add(&mut w, &format!("xl/{t}"), data)?;
        }
    }
    Ok(w.finish().map_err(internal)?.into_inner())
}

#[cfg(test)]
mod tests;
