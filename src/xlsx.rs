//! Excel 2007+ workbooks (.xlsx, .xlsm) into one `Grid` per worksheet.
//!
//! Departments fill the 绩效目标表 in Excel as often as in Word; the form's shape lives in
//! merged regions, and its numbers in cells whose display format matters (0.3202 shown as
//! 32.02%). calamine does the OOXML parsing; this module streams each sheet's cells
//! (never `worksheet_range`, which allocates rows x cols and would build 17 billion cells
//! for a workbook touching A1 and XFD1048576), reads number formats through the style
//! table, and leaves compaction to `crate::sheet`.
//!
//! Zip bombs: calamine inflates parts itself. The zip crate (9.8) bounds every entry's
//! output by the uncompressed size declared in the central directory (reading past it is
//! an I/O error, see `zip_crate_enforces_declared_size` below), so those declared sizes are
//! a sound upper bound on what calamine can inflate, and summing them costs nothing: no
//! second inflation pass, no in-memory copy of the package. The only part read ahead is
//! the head of sharedStrings.xml, because calamine reserves memory for its declared
//! `uniqueCount` (a forged count would abort the process on allocation).
//!
//! XML: quick-xml (under calamine) never expands DTD entities; a custom entity reference in
//! a value makes calamine fail, which gives `Corrupt` for that file, never an expansion.
//!
//! Password-protected xlsx files are CFB containers and are told apart by format detection.
//! .xlsb is not read: calamine 0.38 exposes neither merged regions nor number formats for
//! it, and the form cannot be recognised without its merges.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Style, Xlsx, XlsxError};

use crate::error::ReadError;
use crate::grid::{Block, Document, Grid, Section};
use crate::limits::Limits;
use crate::sheet::{self, Merge, SheetCell};

pub use crate::sheet::format_number;

/// Reads an .xlsx/.xlsm file: one section per worksheet, in workbook order (chart and
/// dialog sheets skipped), each holding one sheet grid.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    prescan_zip(bytes, limits)?;
    sheet::guarded(|| read_workbook(bytes, limits))
}

fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut wb: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(map_err)?;
    let names = sheet::worksheet_names(wb.sheets_metadata());
    let mut doc = Document::default();
    for name in names {
        if let Some(grid) = read_sheet(&mut wb, &name, limits)? {
            doc.sections.push(Section {
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
                    return Err(ReadError::TooLarge(format!(
                        "工作表“{name}”的非空单元格超过 {} 个",
                        limits.max_cells
                    )));
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
        e => ReadError::Corrupt(format!("Excel 工作簿结构错误（{e}）")),
    }
}

/// Checks the package's inflated size from the central directory (see the module doc),
/// and the shared-string count calamine will reserve memory for.
fn prescan_zip(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    if bytes.starts_with(CFB_MAGIC) {
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
            return Err(ReadError::TooLarge(format!(
                "压缩包解压后超过 {} MB（疑似压缩炸弹）",
                max / (1024 * 1024)
            )));
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

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Refuses a `uniqueCount` no honest sharedStrings part could hold: each entry takes at
/// least 5 bytes of XML (`<si/>`), and no sheet keeps more than `max_cells` cells.
fn check_unique_count(head: &[u8], inflated: u64, limits: &Limits) -> Result<(), ReadError> {
    let Some(declared) = declared_unique_count(head) else {
        return Ok(());
    };
    let by_size = inflated / 5 + 1024;
    let by_cells = (limits.max_cells as u64).saturating_mul(8);
    if declared > by_size.min(by_cells) {
        return Err(ReadError::TooLarge(format!(
            "共享字符串表声明的条目数（{declared}）与内容不符"
        )));
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sheet::tests::{NOISY, find, sheets};
    use rust_xlsxwriter::{Format, Formula, Workbook};
    use std::io::Write;
    use std::path::PathBuf;

    /// A hand-written package: lets tests use inline strings, forged counts and odd XML.
    fn mini_xlsx(sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, body: &str| {
            w.start_file(name, opts).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        };
        put(
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        put(
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        );
        put(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        );
        put("xl/worksheets/sheet1.xml", sheet_xml);
        if let Some(sst) = shared {
            put("xl/sharedStrings.xml", sst);
        }
        w.finish().unwrap().into_inner()
    }

    fn sheet_xml(body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{body}</worksheet>"#
        )
    }

    #[test]
    fn form_with_merges_percent_and_formula() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("部门整体绩效目标表").unwrap();
        let pct = Format::new().set_num_format("0.00%");
        // Title in B2 (row 1 and column A stay blank), unit in B3.
        ws.merge_range(1, 1, 1, 4, "部门整体绩效目标", &Format::new())
            .unwrap();
        ws.write_string(2, 1, "单位：万元").unwrap();
        // A label merged down three rows, a header merged across two columns.
        ws.merge_range(3, 1, 5, 1, "部门总体\n资金情况", &Format::new())
            .unwrap();
        ws.merge_range(3, 2, 3, 3, "金额合计", &Format::new())
            .unwrap();
        ws.write_number(4, 2, NOISY).unwrap();
        ws.write_number(4, 3, 930.0).unwrap();
        ws.write_number_with_format(5, 2, 0.3202, &pct).unwrap();
        ws.write_formula(5, 3, Formula::new("=C5+D5").set_result("1657.56"))
            .unwrap();
        ws.write_boolean(6, 2, true).unwrap();
        ws.write_string(6, 3, "\u{3000}100%").unwrap();
        let bytes = wb.save_to_buffer().unwrap();

        let doc = read(&bytes, &Limits::default()).unwrap();
        let gs = sheets(&doc);
        assert_eq!(gs.len(), 1);
        let g = gs[0];
        assert_eq!(g.part_name(), "sheet 部门整体绩效目标表");
        // Rows 2..7 and columns B..D hold content; row 1, column A and column E (only
        // covered by the title's merge) are dropped.
        assert_eq!((g.n_rows, g.n_cols), (6, 3));
        let title = find(g, "部门整体绩效目标");
        assert_eq!((title.row, title.col, title.col_span), (0, 0, 3));
        assert_eq!(g.location(title), "部门整体绩效目标表!B2");
        let label = find(g, "部门总体\n资金情况");
        assert_eq!(
            (label.row, label.col, label.row_span, label.col_span),
            (2, 0, 3, 1)
        );
        let head = find(g, "金额合计");
        assert_eq!((head.row_span, head.col_span), (1, 2));
        let n = find(g, "727.56");
        assert_eq!(n.number, Some(NOISY));
        assert_eq!(n.percent_format, Some(false));
        assert_eq!(g.location(n), "部门整体绩效目标表!C5");
        assert_eq!(find(g, "930").number, Some(930.0));
        let p = find(g, "32.02%");
        assert_eq!((p.number, p.percent_format), (Some(0.3202), Some(true)));
        assert_eq!(find(g, "1657.56").number, Some(1657.56));
        assert_eq!(find(g, "TRUE").number, None);
        assert_eq!(find(g, "\u{3000}100%").number, None);
        assert_eq!(g.cells.len(), 10);
    }

    #[test]
    fn dates_read_as_calendar_days() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 5).unwrap();
        ws.write_datetime_with_format(0, 0, &date, &Format::new().set_num_format("yyyy-mm-dd"))
            .unwrap();
        let doc = read(&wb.save_to_buffer().unwrap(), &Limits::default()).unwrap();
        assert_eq!(sheets(&doc)[0].cells[0].text, "2024-01-05");
    }

    #[test]
    fn far_cell_stays_sparse() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "A1").unwrap();
        ws.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let doc = read(&bytes, &Limits::default()).unwrap();
        let g = sheets(&doc)[0];
        assert_eq!((g.n_rows, g.n_cols, g.cells.len()), (2, 2, 2));
        let far = find(g, "XFD1048576");
        assert_eq!(g.location(far), "Sheet1!XFD1048576");
    }

    #[test]
    fn cell_limit_gives_too_large() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for r in 0..20 {
            ws.write_number(r, 0, r as f64).unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let limits = Limits {
            max_cells: 10,
            ..Limits::default()
        };
        assert!(matches!(read(&bytes, &limits), Err(ReadError::TooLarge(_))));
    }

    #[test]
    fn chart_sheets_skipped_and_order_kept() {
        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("甲").unwrap();
        let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
        chart.add_series().set_values("甲!$A$1:$A$2");
        wb.add_chartsheet().insert_chart(0, 0, &chart).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("乙").unwrap();
        ws.write_string(0, 0, "x").unwrap();
        wb.worksheet_from_name("甲")
            .unwrap()
            .write_number(0, 0, 1)
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let doc = read(&bytes, &Limits::default()).unwrap();
        let names: Vec<String> = sheets(&doc).iter().map(|g| g.part_name()).collect();
        assert_eq!(names, ["sheet 甲", "sheet 乙"]);
    }

    #[test]
    fn inline_and_rich_strings() {
        let xml = sheet_xml(
            r#"<sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>内联文本</t></is></c><c r="D3" t="s"><v>0</v></c><c r="E3" t="s"><v>1</v></c><c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row></sheetData>"#,
        );
        let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><r><t>部门</t></r><r><t xml:space="preserve"> 整体</t></r></si><si><t xml:space="preserve">   </t></si></sst>"#;
        let doc = read(&mini_xlsx(&xml, Some(sst)), &Limits::default()).unwrap();
        let g = sheets(&doc)[0];
        assert_eq!(g.location(find(g, "内联文本")), "表一!C3");
        find(g, "部门 整体");
        find(g, "   ");
        assert_eq!(g.location(find(g, "#DIV/0!")), "表一!F3");
        find(g, "ab");
        assert_eq!((g.n_rows, g.n_cols), (1, 5));
    }

    #[test]
    fn forged_unique_count_refused() {
        let xml = sheet_xml(r#"<sheetData/>"#);
        let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="99999999999999"><si><t>a</t></si></sst>"#;
        assert!(matches!(
            read(&mini_xlsx(&xml, Some(sst)), &Limits::default()),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn zip_bomb_refused_by_declared_size() {
        // 4 MB of one repeated byte compresses to a few KB; a 1 MB limit must stop it.
        let filler = "<!-- ".to_string() + &"a".repeat(4 << 20) + " -->";
        let xml = sheet_xml(&format!("{filler}<sheetData/>"));
        let limits = Limits {
            max_inflated_bytes: 1 << 20,
            ..Limits::default()
        };
        let bytes = mini_xlsx(&xml, None);
        assert!(bytes.len() < 100_000);
        assert!(matches!(read(&bytes, &limits), Err(ReadError::TooLarge(_))));
    }

    /// Sets the declared uncompressed size of entry `name` in both its local and central
    /// headers, as a forger would.
    fn forge_declared_size(zip: &mut [u8], name: &str, size: u32) {
        let le16 = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
        let mut i = 0;
        while i + 46 < zip.len() {
            let (name_at, len_at, size_at) = match &zip[i..i + 4] {
                b"PK\x03\x04" => (30, 26, 22),
                b"PK\x01\x02" => (46, 28, 24),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let n = le16(zip, i + len_at);
            if zip.get(i + name_at..i + name_at + n) == Some(name.as_bytes()) {
                zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
            i += 4;
        }
    }

    #[test]
    fn zip_crate_enforces_declared_size() {
        // The zip-bomb defence relies on this: a part cannot inflate past its declared size.
        let rows: String = (1..=2000)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
            .collect();
        let mut bytes = mini_xlsx(&sheet_xml(&format!("<sheetData>{rows}</sheetData>")), None);
        assert_eq!(
            sheets(&read(&bytes, &Limits::default()).unwrap())[0]
                .cells
                .len(),
            2000
        );
        forge_declared_size(&mut bytes, "xl/worksheets/sheet1.xml", 500);
        assert!(matches!(
            read(&bytes, &Limits::default()),
            Err(ReadError::Corrupt(_))
        ));
    }

    #[test]
    fn entities_are_not_expanded() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok &amp; &b;</t></is></c></row></sheetData></worksheet>"#;
        // Either refused as corrupt or read without expansion; never a hang or a blow-up.
        match read(&mini_xlsx(xml, None), &Limits::default()) {
            Ok(doc) => assert!(sheets(&doc)[0].cells.iter().all(|c| c.text.len() < 100)),
            Err(e) => assert!(matches!(e, ReadError::Corrupt(_)), "{e:?}"),
        }
    }

    #[test]
    fn garbage_is_corrupt() {
        assert!(matches!(
            read(b"PK\x03\x04 not really a zip", &Limits::default()),
            Err(ReadError::Corrupt(_))
        ));
    }

    fn shared() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
    }

    #[test]
    fn reference_sample() {
        let path = shared().join("samples/000_b5bdbe8750ecf282.xlsx");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return;
        };
        let doc = read(&bytes, &Limits::default()).unwrap();
        let gs = sheets(&doc);
        let g = gs
            .iter()
            .find(|g| g.part_name() == "sheet 部门整体绩效目标表")
            .expect("sheet 部门整体绩效目标表");
        let a1 = find(g, "部门整体绩效目标");
        assert_eq!(g.location(a1), "部门整体绩效目标表!A1");
        assert_eq!(g.location(find(g, "单位：万元")), "部门整体绩效目标表!A2");
        assert!(find(g, "727.56").number.is_some());
        let label = find(g, "部门总体\n资金情况");
        assert!(label.row_span > 1, "{label:?}");
        let f7 = find(g, "\u{3000}100%");
        assert_eq!(g.location(f7), "部门整体绩效目标表!F7");
        assert_eq!(f7.number, None);
    }

    #[test]
    fn third_party_corpus_never_panics() {
        let dir = shared().join("corpus/third_party");
        if !dir.exists() {
            eprintln!("skipping: {} not found", dir.display());
            return;
        }
        let (mut ok, mut failed) = (0, 0);
        for path in corpus_files(&dir, &["xlsx", "xlsm"]) {
            let bytes = std::fs::read(&path).unwrap();
            match read(&bytes, &Limits::default()) {
                Ok(doc) => {
                    ok += 1;
                    for g in sheets(&doc) {
                        assert!(g.cells.iter().all(|c| c.row < g.n_rows && c.col < g.n_cols));
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("{}: {} {e}", path.display(), e.code());
                }
            }
        }
        eprintln!("xlsx corpus: {ok} read, {failed} refused");
    }

    /// Corpus files with the given extensions, sorted.
    pub(crate) fn corpus_files(dir: &std::path::Path, exts: &[&str]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            let p = entry.path();
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase());
            if entry.file_type().is_file() && ext.is_some_and(|e| exts.contains(&e.as_str())) {
                out.push(p.to_path_buf());
            }
        }
        out.sort();
        out
    }
}
