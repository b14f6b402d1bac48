//! Legacy Excel workbooks (.xls: BIFF8 from Excel 97-2003, BIFF5/7 from Excel 5/95) into
//! one `Grid` per worksheet.
//!
//! Many finance offices still save 绩效目标表 as .xls. calamine parses BIFF, but its
//! `Xls` reader parses every sheet eagerly into a dense `Range` (rows x cols of the used
//! cells' bounding box) and trusts a few declared sizes, and its own OLE parser follows
//! sector chains without cycle checks. So before calamine sees anything:
//!
//! 1. The `Workbook`/`Book` stream is taken out of the OLE container with the `cfb` crate
//!    (which validates chains), read through `Read::take`.
//! 2. The BIFF records are walked the way calamine walks them (globals up to EOF, then each
//!    sheet substream from its BoundSheet offset). DIMENSIONS records, which only size a
//!    `Vec::reserve` in calamine and can declare 4 billion rows, are neutralised in our copy
//!    of the stream; the bounding box of the cell records of each sheet, which calamine will
//!    allocate densely, must stay within `limits.max_cells` (and all sheets together within
//!    four times that), or the file is refused as `TooLarge`. So a stray value at IV65536
//!    makes an .xls `TooLarge` where the same .xlsx reads fine: the price of calamine's
//!    dense API.
//! 3. calamine gets a fresh, well-formed OLE container (written by the `cfb` crate) holding
//!    only that stream.
//!
//! calamine does not expose .xls number formats, so `percent_format` is `None` and numbers
//! are written plainly (0.3202 stays "0.3202"); the recogniser applies its fraction rule.
//! Text in BIFF5 files is decoded by the CODEPAGE record (936 = GBK for Chinese Windows);
//! a BIFF5 file without one is read as GBK, the likeliest origin of a file sent to us.

use std::io::{Cursor, Read, Write};

use calamine::{Reader, Xls, XlsError, XlsOptions};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Part};
use crate::readers::sheet::{self, Merge};

/// Reads an .xls file: one section per worksheet, in workbook order (chart, macro and VBA
/// sheets skipped), each holding one sheet grid.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut stream = workbook_stream(bytes, limits)?;
    let scan = scan_biff(&mut stream, limits)?;
    let container = rebuild_container(&stream)?;
    let codepage = (scan.biff5 && !scan.has_codepage).then_some(GBK);
    sheet::guarded(|| read_workbook(&container, codepage, limits))
}

const GBK: u16 = 936;

fn read_workbook(
    container: &[u8],
    codepage: Option<u16>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let open = |codepage: Option<u16>| {
        let mut options = XlsOptions::default();
        options.force_codepage = codepage;
        Xls::new_with_options(Cursor::new(container), options)
    };
    let mut wb = match open(codepage) {
        // A CODEPAGE record naming a code page calamine does not know: GBK is the likeliest
        // truth for files sent to us, and BIFF8 text is UTF-16 anyway.
        Err(e) if codepage.is_none() && e.to_string().contains("Codepage") => open(Some(GBK)),
        r => r,
    }
    .map_err(map_err)?;

    let names = sheet::worksheet_names(wb.sheets_metadata());
    let mut doc = Document::default();
    let mut seen = std::collections::HashSet::new();
    for name in names {
        // calamine keys sheets by name; a repeated name would give the same sheet twice.
        if !seen.insert(name.clone()) {
            continue;
        }
        let range = wb.worksheet_range(&name).map_err(map_err)?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, value) in range.used_cells() {
            // used_cells positions are relative to the range start; merges are absolute.
            let (row, col) = (row0.saturating_add(r as u32), col0.saturating_add(c as u32));
            if let Some(cell) = sheet::value_cell(row, col, value, None) {
                cells.push(cell);
            }
        }
        drop(range);
        if cells.len() > limits.max_cells {
            return Err(ReadError::too_large(
                Bound::Cells(limits.max_cells),
                format!("工作表“{name}”的非空单元格超过 {} 个", limits.max_cells),
            ));
        }
        let merges: Vec<Merge> = wb
            .merge_cells_by_sheet_name(&name)
            .map_err(map_err)?
            .iter()
            .map(|d| Merge::from_corners(d.start, d.end))
            .collect();
        let grid = sheet::build_grid(&name, cells, &merges, limits.max_cells)?;
        doc.parts.push(Part {
            blocks: vec![Block::Table(grid)],
        });
    }
    Ok(doc)
}

fn map_err(e: XlsError) -> ReadError {
    match e {
        XlsError::Password => ReadError::Encrypted,
        e => ReadError::corrupt(format!("Excel 97-2003 工作簿结构错误（{e}）")),
    }
}

/// The BIFF stream, read out of the OLE container with the chain-checking `cfb` crate.
fn workbook_stream(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let corrupt = |e: std::io::Error| ReadError::corrupt(format!("OLE 复合文档结构错误（{e}）"));
    let mut comp = sheet::guarded(|| cfb::CompoundFile::open(Cursor::new(bytes)).map_err(corrupt))?;
    let streams: Vec<String> = comp
        .read_root_storage()
        .filter(|e| e.is_stream())
        .map(|e| e.name().to_string())
        .collect();
    let has = |want: &str| streams.iter().find(|n| n.eq_ignore_ascii_case(want));
    if has("EncryptedPackage").is_some() {
        return Err(ReadError::Encrypted);
    }
    let Some(name) = has("Workbook").or_else(|| has("Book")).cloned() else {
        return Err(ReadError::corrupt(
            "OLE 文件中没有 Excel 工作簿数据（缺少 Workbook 流）".to_string(),
        ));
    };
    let limit = limits.max_inflated_bytes;
    let stream = comp.open_stream(format!("/{name}")).map_err(corrupt)?;
    let mut data = Vec::new();
    stream
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(corrupt)?;
    if data.len() as u64 > limit {
        return Err(ReadError::too_large(
            Bound::Inflated(limit),
            format!("工作簿数据超过 {} MB", limit / (1024 * 1024)),
        ));
    }
    Ok(data)
}

/// A fresh OLE container holding only the workbook stream, for calamine's own OLE parser.
fn rebuild_container(stream: &[u8]) -> Result<Vec<u8>, ReadError> {
    let internal = |e: std::io::Error| ReadError::Internal(format!("重建 OLE 容器失败（{e}）"));
    // Version 3 (512-byte sectors), as Excel writes: calamine rejects a version-4 file whose
    // root entry has no mini stream.
    let mut comp =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .map_err(internal)?;
    comp.create_stream("/Workbook")
        .and_then(|mut s| s.write_all(stream))
        .map_err(internal)?;
    comp.flush().map_err(internal)?;
    Ok(comp.into_inner().into_inner())
}

/// What the record walk learnt about the workbook.
#[derive(Debug, Default)]
struct Scan {
    /// The globals BOF says BIFF5/BIFF7 (or older): strings are 8-bit in a code page.
    biff5: bool,
    /// A CODEPAGE record is present.
    has_codepage: bool,
}

/// Walks the records as calamine will (see the module doc), neutralising DIMENSIONS and
/// bounding the dense ranges calamine will allocate.
fn scan_biff(stream: &mut [u8], limits: &Limits) -> Result<Scan, ReadError> {
    let mut scan = Scan::default();
    let mut sheet_starts = Vec::new();
    let mut seen_bof = false;
    for rec in Records::new(stream, 0) {
        let Ok((typ, at, len)) = rec else { break };
        let data = slice(stream, at, len);
        match typ {
            0x0809 if !seen_bof => {
                seen_bof = true;
                // Versions calamine reads with 8-bit strings (BIFF2-5, and 0 with dt 0x1000).
                let (version, dt) = (le16(data, 0), le16(data, 2));
                scan.biff5 = matches!(version, 0x0002 | 0x0007 | 0x0200 | 0x0300 | 0x0400 | 0x0500)
                    || (version == 0 && dt == 0x1000);
            }
            0x0042 => scan.has_codepage = true,
            // FILEPASS: the rest is encrypted or XOR-obfuscated, and record data read as
            // cells would be noise (calamine only refuses the RC4 kinds).
            0x002F => return Err(ReadError::Encrypted),
            0x0085 if data.len() >= 4 => sheet_starts.push(le32(data, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }

    // First pass: neutralise DIMENSIONS (all zero = one cell at A1).
    let mut dims = Vec::new();
    for &start in &sheet_starts {
        walk_sheet(stream, start, |typ, at, len| {
            if typ == 0x0200 {
                dims.push((at, len));
            }
        });
    }
    for (at, len) in dims {
        if let Some(d) = stream.get_mut(at..at + len) {
            d.fill(0);
        }
    }

    // Second pass on the bytes calamine will see: everything within bounds.
    let per_sheet = limits.max_cells as u64;
    let per_book = per_sheet.saturating_mul(4);
    let (mut book_area, mut book_cells) = (0u64, 0u64);
    for &start in &sheet_starts {
        let mut bbox = BBox::default();
        let mut fmla_pos = (0u32, 0u32);
        let mut bad_dims = false;
        let stream_ro: &[u8] = stream;
        walk_sheet(stream_ro, start, |typ, at, len| {
            let d = slice(stream_ro, at, len);
            match typ {
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if d.len() >= 4 => {
                    bbox.add(le16(d, 0) as u32, le16(d, 2) as u32, 1);
                }
                0x0006 if d.len() >= 20 => {
                    fmla_pos = (le16(d, 0) as u32, le16(d, 2) as u32);
                    bbox.add(fmla_pos.0, fmla_pos.1, 1);
                }
                0x0207 => bbox.add(fmla_pos.0, fmla_pos.1, 1),
                0x00BD if d.len() >= 6 => {
                    let row = le16(d, 0) as u32;
                    let first = le16(d, 2);
                    let last = le16(d, d.len() - 2);
                    // Mirrors calamine's (wrapping) u16 arithmetic and length check.
                    let k = last.wrapping_sub(first).wrapping_add(1) as usize;
                    if k > 0 && d.len() == 6 + 6 * k {
                        bbox.add(row, first as u32, k as u64);
                        bbox.add(row, first as u32 + k as u32 - 1, 0);
                    }
                }
                0x0200 => bad_dims |= d.iter().any(|&b| b != 0),
                _ => {}
            }
        });
        let area = bbox.area();
        book_area = book_area.saturating_add(area);
        book_cells = book_cells.saturating_add(bbox.count);
        if bad_dims || area > per_sheet || book_area > per_book || book_cells > per_book {
            return Err(ReadError::too_large(
                Bound::Cells(limits.max_cells),
                format!(
                    "工作表的使用范围过大（{} 行 × {} 列），超过 {} 个单元格的处理上限",
                    bbox.rows(),
                    bbox.cols(),
                    limits.max_cells
                ),
            ));
        }
    }
    Ok(scan)
}

/// Walks one sheet substream from its BoundSheet offset exactly as calamine does: nested
/// substreams (embedded charts) are skipped, the walk ends at the sheet's EOF or at the
/// first malformed record (where calamine stops with an error).
fn walk_sheet(stream: &[u8], start: usize, mut visit: impl FnMut(u16, usize, usize)) {
    if start > stream.len() {
        return;
    }
    let (mut seen_bof, mut depth) = (false, 0usize);
    for rec in Records::new(stream, start) {
        let Ok((typ, at, len)) = rec else { return };
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => return,
            _ => visit(typ, at, len),
        }
    }
}

/// Bounding box and count of the cell records of one sheet.
#[derive(Debug, Default)]
struct BBox {
    min: Option<(u32, u32)>,
    max: (u32, u32),
    count: u64,
}

impl BBox {
    fn add(&mut self, row: u32, col: u32, n: u64) {
        let min = self.min.get_or_insert((row, col));
        *min = (min.0.min(row), min.1.min(col));
        self.max = (self.max.0.max(row), self.max.1.max(col));
        self.count = self.count.saturating_add(n);
    }

    fn rows(&self) -> u64 {
        self.min.map_or(0, |m| (self.max.0 - m.0) as u64 + 1)
    }

    fn cols(&self) -> u64 {
        self.min.map_or(0, |m| (self.max.1 - m.1) as u64 + 1)
    }

    fn area(&self) -> u64 {
        self.rows().saturating_mul(self.cols())
    }
}

/// BIFF records as calamine's `RecordIter` reads them: CONTINUE records (0x003C) right
/// after a record belong to it. Yields (type, data offset, data length) of the first part.
struct Records<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    fn new(s: &'a [u8], pos: usize) -> Self {
        Records { s, pos }
    }
}

impl Iterator for Records<'_> {
    type Item = Result<(u16, usize, usize), ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.s.get(self.pos..)?;
        if rest.len() < 4 {
            self.pos = self.s.len();
            return (!rest.is_empty()).then_some(Err(()));
        }
        let typ = le16(rest, 0);
        let len = le16(rest, 2) as usize;
        if rest.len() < len + 4 {
            self.pos = self.s.len();
            return Some(Err(()));
        }
        let at = self.pos + 4;
        self.pos += 4 + len;
        while self.s.len() - self.pos > 4 && le16(self.s, self.pos) == 0x003C {
            let l = le16(self.s, self.pos + 2) as usize;
            if self.s.len() - self.pos < l + 4 {
                self.pos = self.s.len();
                return Some(Err(()));
            }
            self.pos += l + 4;
        }
        Some(Ok((typ, at, len)))
    }
}

/// The record data at `at..at + len` (always in bounds for offsets from `Records`).
fn slice(s: &[u8], at: usize, len: usize) -> &[u8] {
    s.get(at..at.saturating_add(len)).unwrap_or(&[])
}

/// Little-endian u16 at `at`, 0 past the end (callers check lengths first).
fn le16(b: &[u8], at: usize) -> u16 {
    match b.get(at..at + 2) {
        Some(&[x, y]) => u16::from_le_bytes([x, y]),
        _ => 0,
    }
}

fn le32(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(&[a, b2, c, d]) => u32::from_le_bytes([a, b2, c, d]),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::sheet::tests::{NOISY, find, sheets};
    use std::path::PathBuf;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend_from_slice(&(data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    fn bof(dt: u16) -> Vec<u8> {
        let mut d = vec![0u8; 16];
        d[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        d[2..4].copy_from_slice(&dt.to_le_bytes());
        rec(0x0809, &d)
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
    }

    fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
        let mut d = [row.to_le_bytes(), col.to_le_bytes(), [0, 0]].concat();
        d.extend_from_slice(&(text.encode_utf16().count() as u16).to_le_bytes());
        d.push(1);
        d.extend(utf16(text));
        rec(0x0204, &d)
    }

    fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
        let d = [
            &row.to_le_bytes()[..],
            &col.to_le_bytes(),
            &[0, 0],
            &v.to_le_bytes(),
        ]
        .concat();
        rec(0x0203, &d)
    }

    fn merged(regions: &[(u16, u16, u16, u16)]) -> Vec<u8> {
        let mut d = (regions.len() as u16).to_le_bytes().to_vec();
        for (rf, rl, cf, cl) in regions {
            for v in [rf, rl, cf, cl] {
                d.extend_from_slice(&v.to_le_bytes());
            }
        }
        rec(0x00E5, &d)
    }

    fn dimensions(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let d = [
            &rf.to_le_bytes()[..],
            &rl.to_le_bytes(),
            &cf.to_le_bytes(),
            &cl.to_le_bytes(),
            &[0, 0],
        ]
        .concat();
        rec(0x0200, &d)
    }

    /// A BIFF8 workbook with one sheet named `name` holding `body` records, in an OLE file.
    fn xls(name: &str, body: &[Vec<u8>]) -> Vec<u8> {
        let boundsheet = |pos: u32| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, name.encode_utf16().count() as u8, 1]);
            d.extend(utf16(name));
            rec(0x0085, &d)
        };
        let globals_len = bof(5).len() + boundsheet(0).len() + rec(0x000A, &[]).len();
        let mut stream = [bof(5), boundsheet(globals_len as u32), rec(0x000A, &[])].concat();
        stream.extend(bof(0x10));
        for r in body {
            stream.extend_from_slice(r);
        }
        stream.extend(rec(0x000A, &[]));
        // Real files pad the stream past the mini-stream cutoff.
        stream.resize(stream.len().max(4096), 0);
        rebuild_container(&stream).unwrap()
    }

    #[test]
    fn form_with_merges_and_offset_start() {
        let bytes = xls(
            "部门整体绩效目标表",
            &[
                dimensions(1, 7, 1, 5),
                label(1, 1, "部门整体绩效目标"),
                label(3, 1, "部门总体\n资金情况"),
                label(3, 2, "金额合计"),
                number(4, 2, NOISY),
                number(4, 3, 0.3202),
                label(5, 3, "\u{3000}100%"),
                merged(&[(1, 1, 1, 4), (3, 5, 1, 1), (3, 3, 2, 3)]),
            ],
        );
        let doc = read(&bytes, &Limits::default()).unwrap();
        let g = sheets(&doc)[0];
        assert_eq!(g.part_name(), "sheet 部门整体绩效目标表");
        assert_eq!((g.n_rows, g.n_cols), (4, 3));
        let title = find(g, "部门整体绩效目标");
        assert_eq!((title.row, title.col, title.col_span), (0, 0, 3));
        assert_eq!(g.location(title), "部门整体绩效目标表!B2");
        let label = find(g, "部门总体\n资金情况");
        assert_eq!((label.row, label.row_span, label.col_span), (1, 3, 1));
        assert_eq!(find(g, "金额合计").col_span, 2);
        let n = find(g, "727.56");
        assert_eq!((n.number, n.percent_format), (Some(NOISY), None));
        assert_eq!(g.location(n), "部门整体绩效目标表!C5");
        assert_eq!(find(g, "0.3202").percent_format, None);
        assert_eq!(g.location(find(g, "\u{3000}100%")), "部门整体绩效目标表!D6");
    }

    #[test]
    fn far_cell_refused_before_dense_allocation() {
        let bytes = xls("s", &[label(0, 0, "A1"), label(65535, 255, "IV65536")]);
        assert!(matches!(
            read(&bytes, &Limits::default()),
            Err(ReadError::TooLarge { .. })
        ));
        let limits = Limits {
            max_cells: 20_000_000,
            ..Limits::default()
        };
        let doc = read(&bytes, &limits).unwrap();
        assert_eq!(sheets(&doc)[0].cells.len(), 2);
    }

    #[test]
    fn forged_dimensions_are_harmless() {
        // Four billion rows declared, rows reversed: calamine would reserve it all.
        let bytes = xls("s", &[dimensions(10, u32::MAX, 0, 200), label(2, 2, "x")]);
        let doc = read(&bytes, &Limits::default()).unwrap();
        assert_eq!(sheets(&doc)[0].cells.len(), 1);
        let bytes = xls("s", &[dimensions(100, 5, 0, 3), label(2, 2, "x")]);
        assert_eq!(
            sheets(&read(&bytes, &Limits::default()).unwrap())[0]
                .cells
                .len(),
            1
        );
    }

    #[test]
    fn not_ole_is_corrupt() {
        assert!(matches!(
            read(
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 truncated",
                &Limits::default()
            ),
            Err(ReadError::Corrupt { .. })
        ));
        assert!(matches!(
            read(b"hello", &Limits::default()),
            Err(ReadError::Corrupt { .. })
        ));
    }

    fn shared() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
    }

    fn corpus(name: &str) -> Option<Vec<u8>> {
        let path = shared().join("corpus/third_party").join(name);
        let bytes = std::fs::read(&path).ok();
        if bytes.is_none() {
            eprintln!("skipping: {} not found", path.display());
        }
        bytes
    }

    /// A BIFF5 (Excel 5/95) workbook whose text is GBK bytes.
    fn biff5_gbk(codepage: Option<u16>) -> Vec<u8> {
        let gbk = |t: &str| encoding_rs::GBK.encode(t).0.into_owned();
        let bof5 = |dt: u16| {
            let d = [0x0500u16.to_le_bytes(), dt.to_le_bytes(), [0, 0], [0, 0]].concat();
            rec(0x0809, &d)
        };
        let name = gbk("绩效目标");
        let boundsheet = |pos: u32| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, name.len() as u8]);
            d.extend_from_slice(&name);
            rec(0x0085, &d)
        };
        let cp: Vec<u8> = codepage.map_or(Vec::new(), |c| rec(0x0042, &c.to_le_bytes()));
        let globals_len = bof5(5).len() + cp.len() + boundsheet(0).len() + 4;
        let text = gbk("项目名称");
        let mut lbl = [2u16.to_le_bytes(), 1u16.to_le_bytes(), [0, 0]].concat();
        lbl.extend_from_slice(&(text.len() as u16).to_le_bytes());
        lbl.extend_from_slice(&text);
        let mut stream = [
            bof5(5),
            cp,
            boundsheet(globals_len as u32),
            rec(0x000A, &[]),
            bof5(0x10),
            rec(0x0204, &lbl),
            rec(0x000A, &[]),
        ]
        .concat();
        stream.resize(4096, 0);
        rebuild_container(&stream).unwrap()
    }

    #[test]
    fn biff5_gbk_text_decodes() {
        for codepage in [Some(936), None] {
            let doc = read(&biff5_gbk(codepage), &Limits::default()).unwrap();
            let g = sheets(&doc)[0];
            assert_eq!(g.part_name(), "sheet 绩效目标", "codepage {codepage:?}");
            assert_eq!(g.location(find(g, "项目名称")), "绩效目标!B3");
        }
    }

    #[test]
    fn gbk_codepage_workbook_reads() {
        let Some(bytes) =
            corpus("nissl-lab__npoi/testcases__test-data__spreadsheet__NpoiBug5139.xls")
        else {
            return;
        };
        let doc = read(&bytes, &Limits::default()).unwrap();
        assert_eq!(doc.parts.len(), 3);
        assert_eq!(sheets(&doc)[0].cells[0].text, "a");
    }

    #[test]
    fn chinese_biff8_text() {
        let Some(bytes) = corpus("apache__poi/test-data__spreadsheet__chinese-provinces.xls")
        else {
            return;
        };
        let doc = read(&bytes, &Limits::default()).unwrap();
        let text: String = sheets(&doc)
            .iter()
            .flat_map(|g| &g.cells)
            .map(|c| c.text.as_str())
            .collect();
        assert!(text.contains('省') || text.contains('北'), "{text}");
    }

    #[test]
    fn biff5_workbooks_read() {
        for name in [
            "apache__poi/test-data__spreadsheet__testEXCEL_5.xls",
            "ExcelDataReader__ExcelDataReader/src__TestData__Test_git_issue_231_NoCodePage.xls",
            "ExcelDataReader__ExcelDataReader/src__TestData__as3xls_BIFF5.xls",
        ] {
            let Some(bytes) = corpus(name) else { continue };
            let doc = read(&bytes, &Limits::default()).unwrap();
            let first: Vec<&str> = sheets(&doc)
                .iter()
                .flat_map(|g| &g.cells)
                .take(8)
                .map(|c| c.text.as_str())
                .collect();
            eprintln!("{name}: {} sheets, first cells {first:?}", doc.parts.len());
        }
    }

    #[test]
    fn third_party_corpus_never_panics() {
        let dir = shared().join("corpus/third_party");
        if !dir.exists() {
            eprintln!("skipping: {} not found", dir.display());
            return;
        }
        let (mut ok, mut failed, mut merged_sheets) = (0, 0, 0);
        for path in crate::readers::xlsx::tests::corpus_files(&dir, &["xls"]) {
            let bytes = std::fs::read(&path).unwrap();
            match read(&bytes, &Limits::default()) {
                Ok(doc) => {
                    ok += 1;
                    for g in sheets(&doc) {
                        if g.cells.iter().any(|c| c.row_span > 1 || c.col_span > 1) {
                            merged_sheets += 1;
                        }
                        for c in &g.cells {
                            assert!(c.last_row() < g.n_rows && c.last_col() < g.n_cols);
                        }
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("{}: {} {e}", path.display(), e.code());
                }
            }
        }
        eprintln!("xls corpus: {ok} read ({merged_sheets} sheets with merges), {failed} refused");
    }
}
