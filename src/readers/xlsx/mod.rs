//! Excel 2007+ workbooks (.xlsx, .xlsm) into one `Grid` per worksheet.
//!
//! Departments fill the 绩效目标表 in Excel as often as in Word; the form's shape lives in
//! merged regions, and its numbers in cells whose display format matters (0.3202 shown as
//! 32.02%).
//!
//! Why our own reader and not calamine (which still reads .xls, see `crate::readers::xls`): a bulk
//! load reads tens of thousands of workbooks, and calamine did each one's work twice. It
//! parsed the whole style sheet (fonts, fills, borders, alignment: none of which we use),
//! streamed a sheet's cells, then inflated and parsed the same sheet XML a second time to
//! reach `<mergeCells>` at its end. Here every part is inflated once (through
//! `crate::readers::ooxml::read_entry`, under the per-file inflate budget) and parsed once from a
//! borrowed `&str`: cells and merges come out of the same pass, and of the styles only the
//! number formats of `<cellXfs>` are read (is the format a percentage, a date, a duration).
//!
//! What a cell reads as is calamine 0.38's reading, on purpose, so that the change of
//! reader changes no record: the same cell types (`s`, `str`, `inlineStr`, `b`, `e`, `d`,
//! `n`), the same implied positions for cells and rows without `r`, the same date-format
//! rules, the same `_xHHHH_` escapes, rich-text runs concatenated and phonetic runs
//! dropped. A differential test (`same_as_calamine`) runs this reader and the old
//! calamine-based one on every workbook of the fixtures and the shared corpus. Where this
//! reader differs it is more lenient on purpose: a missing package relationship falls back
//! to `xl/workbook.xml`, `..` in targets resolves, an unknown entity reference is kept as
//! text instead of failing the file, sheet kinds other than worksheets (macro sheets) are
//! skipped, and a declared `uniqueCount` or `<dimension>` never sizes an allocation.
//!
//! Elements are matched by local name, like calamine, so transitional, strict and
//! prefixed (`x:`) spreadsheetml read the same. Nothing is expanded from a DTD, nesting
//! depth and cell counts are bounded. Password-protected xlsx files are CFB containers
//! and are told apart by format detection. .xlsb (the same workbook in binary records)
//! is `crate::readers::xlsb`.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use quick_xml::events::{BytesStart, Event};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Part};
use crate::readers::ooxml::{
    self, main_part_name, read_entry, rels_part_of, resolve_target, split_dir, zip_error,
};
use crate::readers::sheet::{self, Merge, SheetCell};
use crate::readers::xml::bounded::{end_local, local, raw_attr};
use crate::readers::xml::{RawAttrs, Xml, decode_xml, push_general_ref, unescape_lenient};
use refs::{corrupt, parse_cell_ref, parse_index, parse_range, parse_ref, unexpected_end};
use strings::{SharedStrings, push_unescaped, read_shared_strings, read_string};
use styles::{CellStyle, NumberKind, read_styles};

const DEFAULT_WORKBOOK: &str = "xl/workbook.xml";

/// Reads an .xlsx/.xlsm file: one section per worksheet, in workbook order (chart and
/// dialog sheets skipped), each holding one sheet grid.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.starts_with(crate::readers::format::CFB_MAGIC) {
        // An encrypted OOXML package is a CFB container; normally format detection has
        // already sent it elsewhere.
        return Err(ReadError::Encrypted);
    }
    sheet::guarded(|| read_workbook(bytes, limits))
}

/// What the workbook part says about one `<sheet>`.
struct SheetEntry {
    name: String,
    rel_id: String,
}

/// What every sheet's cells are read with.
struct Context {
    strings: SharedStrings,
    styles: Vec<CellStyle>,
    is_1904: bool,
}

fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = limits.max_inflated_bytes;
    let workbook_part = main_part_name(&mut zip, DEFAULT_WORKBOOK, limits, &mut budget)?;
    let (dir, _) = split_dir(&workbook_part);
    let rels_part = rels_part_of(&workbook_part);
    let rels = read_entry(&mut zip, &rels_part, limits, &mut budget)?
        .ok_or_else(|| corrupt(format!("找不到工作簿关系部件 {rels_part}")))?;
    let rels = ooxml::relationships(&decode_xml(&rels))?;

    // calamine found these parts by their usual names; the relationships say where they
    // are in packages that name them otherwise.
    let part = |rel_type: &str, usual: &str| {
        rels.iter()
            .filter(|r| r.rel_type.ends_with(rel_type))
            .map(|r| resolve_target(dir, &r.target))
            .find(|p| ooxml::find_entry(&zip, p).is_some())
            .unwrap_or_else(|| format!("{dir}{usual}"))
    };
    let strings_part = part("/sharedStrings", "sharedStrings.xml");
    let styles_part = part("/styles", "styles.xml");
    let strings = match read_entry(&mut zip, &strings_part, limits, &mut budget)? {
        Some(xml) => read_shared_strings(&decode_xml(&xml), limits)?,
        None => SharedStrings::default(),
    };
    let styles = match read_entry(&mut zip, &styles_part, limits, &mut budget)? {
        Some(xml) => read_styles(&decode_xml(&xml), limits)?,
        None => Vec::new(),
    };
    let workbook = read_entry(&mut zip, &workbook_part, limits, &mut budget)?
        .ok_or_else(|| corrupt(format!("找不到工作簿部件 {workbook_part}")))?;
    let (entries, is_1904) = read_workbook_part(&decode_xml(&workbook), limits)?;

    // Every sheet must resolve before any is read, as calamine required.
    let mut sheets: Vec<(String, bool, String)> = Vec::with_capacity(entries.len());
    for e in entries {
        // Like a map built from the relationships: the last of a repeated Id wins.
        let rel = rels
            .iter()
            .rfind(|r| r.id == e.rel_id)
            .ok_or_else(|| corrupt(format!("工作表“{}”的关系 {} 不存在", e.name, e.rel_id)))?;
        let is_worksheet = rel.rel_type.rsplit('/').next() == Some("worksheet");
        sheets.push((e.name, is_worksheet, resolve_target(dir, &rel.target)));
    }

    let ctx = Context {
        strings,
        styles,
        is_1904,
    };
    let mut doc = Document::default();
    for (name, is_worksheet, _) in &sheets {
        if !is_worksheet {
            continue;
        }
        // calamine looked a sheet's part up by its name: the first sheet of that name wins.
        let Some((_, _, path)) = sheets.iter().find(|(n, _, _)| n == name) else {
            continue;
        };
        let xml = read_entry(&mut zip, path, limits, &mut budget)?
            .ok_or_else(|| corrupt(format!("找不到工作表“{name}”的部件 {path}")))?;
        let Some((cells, merges)) = read_sheet(&decode_xml(&xml), &ctx, name, limits)? else {
            continue;
        };
        drop(xml);
        let grid = sheet::build_grid(name, cells, &merges, limits.max_cells)?;
        doc.parts.push(Part {
            blocks: vec![Block::Table(grid)],
        });
    }
    Ok(doc)
}

/// The workbook part: its sheets in order, and whether dates count from 1904.
fn read_workbook_part(xml: &str, limits: &Limits) -> Result<(Vec<SheetEntry>, bool), ReadError> {
    let mut x = Xml::new(xml, limits, unexpected_end);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        match x.next()? {
            Event::Start(e) if local(&e) == "sheet" => {
                let (mut name, mut rel_id) = (String::new(), String::new());
                for item in RawAttrs::new(e.attributes_raw()) {
                    let (k, v) = item?;
                    if k == "name" {
                        name = unescape_lenient(v);
                    } else if k == "id" || k.strip_suffix("id").is_some_and(|p| p.ends_with(':')) {
                        rel_id = v.to_string();
                    }
                }
                sheets.push(SheetEntry { name, rel_id });
            }
            Event::Start(e) if local(&e) == "workbookPr" => {
                // `<x15:workbookPr>` in extensions shares the name but not the attribute.
                if let Some(v) = raw_attr(&e, "date1904")? {
                    is_1904 = v == "1" || v == "true";
                }
            }
            Event::End(e) if end_local(&e) == "workbook" => break,
            Event::Eof => return Err(unexpected_end("workbook")),
            _ => {}
        }
    }
    Ok((sheets, is_1904))
}

/// A cell's value as read, before it becomes text.
enum Value<'s> {
    Empty,
    Text(String),
    Shared(&'s str),
    Bool(bool),
    Number(f64, Option<NumberKind>),
}

const CELL_ERRORS: [&str; 7] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// A worksheet's non-empty cells and merged regions.
type SheetContent = (Vec<SheetCell>, Vec<Merge>);

/// One worksheet part in one pass: its cells and its merged regions. `None` when the
/// part holds no `<sheetData>` (a chart or dialog sheet listed as a worksheet).
fn read_sheet(
    xml: &str,
    ctx: &Context,
    name: &str,
    limits: &Limits,
) -> Result<Option<SheetContent>, ReadError> {
    let mut x = Xml::new(xml, limits, unexpected_end);
    let mut merges: Option<Vec<Merge>> = None;
    let mut saw_element = false;
    loop {
        match x.next()? {
            Event::Start(e) => match local(&e) {
                "sheetData" => break,
                "dimension" => {
                    // Checked like calamine does, never used to size anything.
                    let r = raw_attr(&e, "ref")?.ok_or_else(|| corrupt("dimension 缺少 ref"))?;
                    parse_range(r)?;
                }
                "mergeCells" if merges.is_none() => {
                    saw_element = true;
                    merges = Some(read_merges(&mut x)?);
                }
                _ => saw_element = true,
            },
            Event::Eof if saw_element => return Ok(None),
            Event::Eof => return Err(unexpected_end("worksheet")),
            _ => {}
        }
    }

    let mut cells: Vec<SheetCell> = Vec::new();
    let (mut row_index, mut col_index): (u32, u32) = (0, 0);
    let mut scratch = String::new();
    loop {
        match x.next()? {
            Event::Start(e) => match local(&e) {
                "row" => {
                    if let Some(r) = raw_attr(&e, "r")? {
                        row_index = parse_ref(r)?.0;
                    }
                }
                "c" => {
                    let (r, s, t) = cell_attrs(&e)?;
                    let (row, col) = match r {
                        Some(r) => {
                            let pos = parse_cell_ref(r)?;
                            col_index = pos.1;
                            pos
                        }
                        None => (row_index, col_index),
                    };
                    let mut value = Value::Empty;
                    loop {
                        match x.next()? {
                            Event::Start(child) => {
                                value = read_value(&mut x, &child, s, t, ctx, &mut scratch)?;
                            }
                            Event::End(end) if end_local(&end) == "c" => break,
                            Event::Eof => return Err(unexpected_end("c")),
                            _ => {}
                        }
                    }
                    col_index = col_index.saturating_add(1);
                    let style = s.and_then(parse_index).unwrap_or(0);
                    let percent = ctx.styles.get(style).is_some_and(|st| st.percent);
                    if let Some(c) = to_cell(row, col, value, percent, ctx.is_1904) {
                        if cells.len() >= limits.max_cells {
                            return Err(ReadError::too_large(
                                Bound::Cells(limits.max_cells),
                                format!("工作表“{name}”的非空单元格超过 {} 个", limits.max_cells),
                            ));
                        }
                        cells.push(c);
                    }
                }
                _ => {}
            },
            Event::End(e) => match end_local(&e) {
                "row" => {
                    row_index = row_index.saturating_add(1);
                    col_index = 0;
                }
                "sheetData" => break,
                _ => {}
            },
            Event::Eof => return Err(unexpected_end("sheetData")),
            _ => {}
        }
    }

    // The merges usually follow the cells; the rest of the part is read only to reach them.
    if merges.is_none() {
        loop {
            match x.next()? {
                Event::Start(e) if local(&e) == "mergeCells" => {
                    merges = Some(read_merges(&mut x)?);
                    break;
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    Ok(Some((cells, merges.unwrap_or_default())))
}

/// The `r`, `s` and `t` attributes of a `<c>`.
type CellAttrs<'e> = (Option<&'e str>, Option<&'e str>, Option<&'e str>);

fn cell_attrs<'e>(e: &'e BytesStart<'_>) -> Result<CellAttrs<'e>, ReadError> {
    let (mut r, mut s, mut t) = (None, None, None);
    for item in RawAttrs::new(e.attributes_raw()) {
        let (k, v) = item?;
        match k {
            "r" => r = Some(v),
            "s" => s = Some(v),
            "t" => t = Some(v),
            _ => continue,
        }
        if r.is_some() && s.is_some() && t.is_some() {
            break;
        }
    }
    Ok((r, s, t))
}

/// The `<mergeCell>`s of a `<mergeCells>` whose start was just read.
fn read_merges(x: &mut Xml<'_>) -> Result<Vec<Merge>, ReadError> {
    let mut merges = Vec::new();
    loop {
        match x.next()? {
            Event::Start(e) if local(&e) == "mergeCell" => {
                if let Some(r) = raw_attr(&e, "ref")? {
                    merges.push(parse_range(r)?);
                }
            }
            Event::End(e) if end_local(&e) == "mergeCells" => return Ok(merges),
            Event::Eof => return Err(unexpected_end("mergeCells")),
            _ => {}
        }
    }
}

/// One child of a `<c>` whose start was just read: `<v>`, `<is>` or `<f>`.
fn read_value<'s>(
    x: &mut Xml<'_>,
    child: &BytesStart<'_>,
    s: Option<&str>,
    t: Option<&str>,
    ctx: &'s Context,
    scratch: &mut String,
) -> Result<Value<'s>, ReadError> {
    let name = child.name().into_inner();
    match local(child) {
        "is" => {
            let mut text = String::new();
            read_string(x, name, &mut text, scratch)?;
            Ok(Value::Text(text))
        }
        // An inline string's `<v>` repeats what `<is>` holds.
        "v" if matches!(t, Some("inlineStr" | "is")) => {
            x.skip(name)?;
            Ok(Value::Empty)
        }
        "v" if matches!(t, None | Some("n" | "s" | "b" | "e")) => {
            // Numbers, indices, booleans and error codes are plain ASCII: read as written.
            let value = match x.next()? {
                Event::Text(text) => read_v(ctx, &text, s, t)?,
                Event::End(e) if e.name().into_inner() == name => return Ok(Value::Empty),
                Event::Eof => return Err(unexpected_end(name)),
                _ => Value::Empty,
            };
            x.skip(name)?;
            Ok(value)
        }
        "v" => {
            scratch.clear();
            loop {
                match x.next()? {
                    Event::Text(text) => scratch.push_str(&text.xml10_content()),
                    Event::GeneralRef(r) => push_general_ref(&r, scratch),
                    Event::End(e) if e.name().into_inner() == name => break,
                    Event::Eof => return Err(unexpected_end(name)),
                    _ => {}
                }
            }
            read_v(ctx, scratch, s, t)
        }
        "f" => {
            // The cached result in `<v>` is what the sheet shows.
            x.skip(name)?;
            Ok(Value::Empty)
        }
        other => Err(corrupt(format!("单元格中出现意外的元素 <{other}>"))),
    }
}

/// A `<v>`'s text by the cell's type `t` and style `s`.
fn read_v<'s>(
    ctx: &'s Context,
    v: &str,
    s: Option<&str>,
    t: Option<&str>,
) -> Result<Value<'s>, ReadError> {
    match t {
        Some("s") => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            let i = parse_index(v).unwrap_or(0);
            ctx.strings
                .get(i)
                .map(Value::Shared)
                .ok_or_else(|| corrupt(format!("共享字符串索引 {v} 超出范围")))
        }
        Some("b") => match v.trim() {
            "" => Ok(Value::Empty),
            "0" => Ok(Value::Bool(false)),
            "1" => Ok(Value::Bool(true)),
            b if b.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
            b if b.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
            _ => Err(corrupt(format!("布尔单元格的值“{v}”无效"))),
        },
        Some("d") => Ok(Value::Text(v.to_string())),
        Some("e") => match CELL_ERRORS.iter().find(|e| **e == v) {
            Some(e) => Ok(Value::Text((*e).to_string())),
            None => Err(corrupt(format!("单元格错误值“{v}”无效"))),
        },
        Some("str") => {
            let mut text = String::with_capacity(v.len());
            push_unescaped(v, &mut text);
            Ok(Value::Text(text))
        }
        Some("n") | None => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            let kind = match s {
                Some(s) => ctx
                    .styles
                    .get(parse_index(s).unwrap_or(0))
                    .map(|st| st.kind),
                None => Some(NumberKind::Other),
            };
            match v.parse::<f64>() {
                Ok(n) => Ok(Value::Number(n, kind)),
                // Without a type, text that is no number is text.
                Err(_) if t.is_none() => Ok(Value::Text(v.to_string())),
                Err(_) => Err(corrupt(format!("数值单元格的值“{v}”无效"))),
            }
        }
        Some(other) => Err(corrupt(format!("未知的单元格类型“{other}”"))),
    }
}

fn to_cell(
    row: u32,
    col: u32,
    value: Value<'_>,
    percent: bool,
    is_1904: bool,
) -> Option<SheetCell> {
    let data = match value {
        Value::Empty => return None,
        Value::Text(s) => return sheet::text_cell(row, col, s),
        Value::Shared(s) => {
            if s.is_empty() {
                return None;
            }
            return sheet::text_cell(row, col, s.to_string());
        }
        Value::Bool(b) => Data::Bool(b),
        Value::Number(n, Some(NumberKind::DateTime)) => {
            Data::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::DateTime, is_1904))
        }
        Value::Number(n, Some(NumberKind::Duration)) => {
            Data::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::TimeDelta, is_1904))
        }
        Value::Number(n, _) => Data::Float(n),
    };
    sheet::value_cell(row, col, &data, Some(percent))
}

mod refs;
mod strings;
mod styles;

#[cfg(test)]
mod calamine_oracle;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::readers::sheet::tests::{NOISY, find, sheets};
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
        assert!(matches!(
            read(&bytes, &limits),
            Err(ReadError::TooLarge { .. })
        ));
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
    fn forged_unique_count_reserves_nothing() {
        // A declared count sizes no allocation: the table holds what the part holds.
        let xml =
            sheet_xml(r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#);
        let sst = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="99999999999999"><si><t>a</t></si></sst>"#;
        let doc = read(&mini_xlsx(&xml, Some(sst)), &Limits::default()).unwrap();
        find(sheets(&doc)[0], "a");
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
        assert!(matches!(
            read(&bytes, &limits),
            Err(ReadError::TooLarge { .. })
        ));
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
            Err(ReadError::Corrupt { .. })
        ));
    }

    #[test]
    fn entities_are_not_expanded() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok &amp; &b;</t></is></c></row></sheetData></worksheet>"#;
        // Either refused as corrupt or read without expansion; never a hang or a blow-up.
        match read(&mini_xlsx(xml, None), &Limits::default()) {
            Ok(doc) => assert!(sheets(&doc)[0].cells.iter().all(|c| c.text.len() < 100)),
            Err(e) => assert!(matches!(e, ReadError::Corrupt { .. }), "{e:?}"),
        }
    }

    #[test]
    fn garbage_is_corrupt() {
        assert!(matches!(
            read(b"PK\x03\x04 not really a zip", &Limits::default()),
            Err(ReadError::Corrupt { .. })
        ));
    }

    /// A package from its parts; `[Content_Types].xml` is added.
    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("[Content_Types].xml", opts).unwrap();
        w.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        for (name, body) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const PKG_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WB_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

    /// A workbook of two sheets with styles (percent, dates, a duration) and shared
    /// strings; `sheet1` and `sheet2` are the bodies of the two worksheets.
    fn styled(sheet1: &str, sheet2: &str, date1904: bool) -> Vec<u8> {
        let pr = if date1904 {
            r#"<workbookPr date1904="1"/>"#
        } else {
            ""
        };
        let wb = format!(
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{pr}<sheets><sheet name="甲 &amp; 乙" sheetId="1" state="hidden" r:id="rId1"/><sheet name="二" sheetId="2" r:id="rId2"/></sheets></workbook>"#
        );
        let styles = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="4"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm"/><numFmt numFmtId="167" formatCode="&quot;%&quot;0.00"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"><alignment wrapText="1"/></xf><xf numFmtId="166"/><xf numFmtId="14"/><xf numFmtId="167"/><xf/></cellXfs></styleSheet>"#;
        let sst = r#"<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="5"><x:si><x:t>部门</x:t></x:si><x:si><x:r><x:t xml:space="preserve"> 整体 </x:t></x:r><x:r><x:t>绩效_x000D_目标</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ブ</x:t></x:rPh></x:si><x:si><x:t>  trimmed  </x:t></x:si><x:si/><x:si><x:t>_x005F_x000D_ &#20013; &lt;&gt;</x:t></x:si></x:sst>"#;
        let ws = |body: &str| {
            format!(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:Z99"/>{body}</worksheet>"#
            )
        };
        package(&[
            ("_rels/.rels", PKG_RELS),
            ("xl/workbook.xml", &wb),
            ("xl/_rels/workbook.xml.rels", WB_RELS),
            ("xl/styles.xml", styles),
            ("xl/sharedStrings.xml", sst),
            ("xl/worksheets/sheet1.xml", &ws(sheet1)),
            ("xl/worksheets/sheet2.xml", &ws(sheet2)),
        ])
    }

    /// Runs both readers; equal documents, or errors of the same kind.
    fn same_outcome(bytes: &[u8]) -> Result<(), String> {
        let limits = Limits::default();
        let new = read(bytes, &limits);
        let old = calamine_oracle::read(bytes, &limits);
        match (&new, &old) {
            (Ok(a), Ok(b)) if a == b => Ok(()),
            (Err(a), Err(b)) if a.code() == b.code() => Ok(()),
            _ => {
                let short = |s: String| s.chars().take(1500).collect::<String>();
                Err(format!(
                    "new: {}\nold: {}",
                    short(format!("{new:?}")),
                    short(format!("{old:?}"))
                ))
            }
        }
    }

    #[test]
    fn same_as_calamine_on_edge_cases() {
        let body = r#"<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="s"><v>1</v></c><c s="1"><v>0.3202</v></c><c s="2"><v>0.5</v></c><c s="3"><v>45000</v></c><c s="4"><v>1.25</v></c><c s="5"><v>45001.5</v></c><c s="6"><v>3</v></c><c s="7"><v>4</v></c><c s="99"><v>5</v></c><c><v>6</v></c></row><row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c/><c t="s"><v>4</v></c><c t="b"><v>1</v></c><c t="b"><v> false </v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>x_x0041_ &amp; y</v></c><c t="d"><v>2024-01-05T00:00:00</v></c><c><v>not a number</v></c><c t="n"><v></v></c><c t="inlineStr"><v>ignored</v><is><r><t>内联</t></r><rPh><t>x</t></rPh></is></c></row><row r="9" spans="1:3"><c r="c9"><v>1e3</v></c><c r="D9"><f>1+1</f><v>-0.0</v></c><c r="E9" s="01"><v>0.25</v></c></row></sheetData><mergeCells count="3"><mergeCell ref="B2:B3"/><mergeCell ref="E9"/><mergeCell ref="C9:D10"/></mergeCells>"#;
        let prefixed = r#"<x:sheetData xmlns:x="urn:any"><x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="C1" s="3"><x:v>1</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells>"#;
        for (s1, s2) in [(body, prefixed), (prefixed, body), (body, "<sheetData/>")] {
            for date1904 in [false, true] {
                same_outcome(&styled(s1, s2, date1904)).unwrap();
            }
        }
        let doc = read(&styled(body, prefixed, false), &Limits::default()).unwrap();
        let g = sheets(&doc)[0];
        assert_eq!(g.part_name(), "sheet 甲 & 乙");
        assert_eq!(g.location(find(g, " 整体 绩效\r目标")), "甲 & 乙!C2");
        assert_eq!(find(g, "32.02%").percent_format, Some(true));
        assert_eq!(find(g, "50%").number, Some(0.5));
        find(g, "2023-03-15");
        find(g, "1.25");
        find(g, "trimmed");
        find(g, "_x000D_ 中 <>");
        find(g, "xA & y");
        find(g, "2024-01-05T00:00:00");
        find(g, "not a number");
        find(g, "内联");
        assert_eq!(g.location(find(g, "1000")), "甲 & 乙!C9");
        assert_eq!(find(g, "25%").number, Some(0.25));
    }

    #[test]
    fn same_as_calamine_on_broken_cells() {
        // Each breaks a rule calamine enforces; the outcome must be the same kind of error.
        for cell in [
            r#"<c r="A1" t="s"><v>7</v></c>"#,
            r#"<c r="A1" t="b"><v>yes</v></c>"#,
            r#"<c r="A1" t="e"><v>#OOPS!</v></c>"#,
            r#"<c r="A1" t="n"><v>abc</v></c>"#,
            r#"<c r="A1" t="zz"><v>1</v></c>"#,
            r#"<c r="$A$1"><v>1</v></c>"#,
            r#"<c r="A0"><v>1</v></c>"#,
            r#"<c r="7"><v>1</v></c>"#,
            r#"<c r="A1"><x>1</x></c>"#,
            r#"<c r="A1" s=1><v>1</v></c>"#,
            r#"<c r="A1"><v>1</v>"#,
        ] {
            let body = format!(r#"<sheetData><row r="1">{cell}</row></sheetData>"#);
            let bytes = styled(&body, "<sheetData/>", false);
            assert!(read(&bytes, &Limits::default()).is_err(), "{cell}");
            same_outcome(&bytes).unwrap_or_else(|e| panic!("{cell}: {e}"));
        }
        for merges in [
            r#"<mergeCells><mergeCell ref="A1:B"/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref="A1:B2:C3"/></mergeCells>"#,
        ] {
            let bytes = styled(&format!("<sheetData/>{merges}"), "<sheetData/>", false);
            same_outcome(&bytes).unwrap_or_else(|e| panic!("{merges}: {e}"));
        }
        // No sheetData: not a worksheet, skipped.
        let bytes = styled("<sheetViews/>", "<sheetData/>", false);
        same_outcome(&bytes).unwrap();
        assert_eq!(sheets(&read(&bytes, &Limits::default()).unwrap()).len(), 1);
    }

    #[test]
    fn raw_attributes_split_like_calamine() {
        fn all(raw: &str) -> Result<Vec<(&str, &str)>, ReadError> {
            RawAttrs::new(raw).collect()
        }
        assert_eq!(
            all(r#" r="A1"  s = '3' name="甲 乙" t="s"#).unwrap(),
            [("r", "A1"), ("s", "3"), ("name", "甲 乙"), ("t", "s")]
        );
        assert!(all(r#"r="A1" s"#).is_err());
        assert!(all(r#"r=A1"#).is_err());
        assert_eq!(all("  ").unwrap(), []);
    }

    #[test]
    fn reversed_merge_corners_are_one_region() {
        // (calamine panicked on these in debug builds, so they are not in the comparison.)
        let body = r#"<sheetData><row r="9"><c r="C9"><v>1</v></c><c r="E9"><v>2</v></c></row><row r="10"><c r="E10"><v>3</v></c></row></sheetData><mergeCells><mergeCell ref="D10:C9"/></mergeCells>"#;
        let doc = read(&styled(body, "<sheetData/>", false), &Limits::default()).unwrap();
        let c9 = find(sheets(&doc)[0], "1");
        // Column D holds nothing and is dropped: the span counts the kept columns.
        assert_eq!((c9.row_span, c9.col_span), (2, 1));
    }

    /// Files whose outcome differs from calamine's on purpose: file name, this reader's
    /// outcome ("ok" or the error code), and why it is the better one.
    const ALLOWED_DIFFERENCES: &[(&str, &str, &str)] = &[
        (
            "test-data__spreadsheet__54764.xlsx",
            "ok",
            "an entity declared in a DTD (&lol9;) is kept as written, never expanded; calamine refused the whole file",
        ),
        (
            "test-data__spreadsheet__poc-xmlbomb.xlsx",
            "ok",
            "billion laughs: the entity references are kept as written, never expanded; calamine refused the file",
        ),
        (
            "test-data__spreadsheet__poc-xmlbomb-empty.xlsx",
            "ok",
            "billion laughs: the entity references are kept as written, never expanded; calamine refused the file",
        ),
        (
            "test-data__spreadsheet__xlmmacro.xlsm",
            "ok",
            "an Excel 4.0 macro sheet is skipped like a chart sheet; calamine refused the whole workbook",
        ),
        (
            "test-data__spreadsheet__xlsx-corrupted.xlsx",
            "ok",
            "_rels/.rels is garbage: the workbook is found at its usual name (as the Word reader does); calamine refused",
        ),
        (
            "test-data__spreadsheet__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5265527465181184.xlsx",
            "corrupt",
            "_rels/.rels fails its CRC check: each part is inflated whole, so the damage is seen; calamine stopped \
             reading the part at </Relationships>, before the checksum",
        ),
        (
            "test-data__spreadsheet__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx",
            "corrupt",
            "xl/worksheets/sheet8.xml fails its CRC check: seen because the part is inflated whole; calamine \
             stops before the checksum in optimised builds and agrees (an error) in debug ones",
        ),
    ];

    #[test]
    fn same_as_calamine() {
        let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        for sub in ["corpus/third_party", "samples"] {
            let d = shared().join(sub);
            if d.exists() {
                dirs.push(d);
            } else {
                eprintln!("skipping: {} not found", d.display());
            }
        }
        let (mut same, mut allowed, mut differ) = (0, 0, Vec::new());
        for dir in dirs {
            for entry in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.path();
                let Ok(bytes) = std::fs::read(path) else {
                    continue;
                };
                if !matches!(
                    crate::readers::format::detect(&bytes),
                    crate::readers::format::Format::Xlsx | crate::readers::format::Format::Xlsm
                ) {
                    continue;
                }
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                match same_outcome(&bytes) {
                    Ok(()) => same += 1,
                    Err(e) => {
                        let outcome = match read(&bytes, &Limits::default()) {
                            Ok(_) => "ok",
                            Err(e) => e.code(),
                        };
                        match ALLOWED_DIFFERENCES.iter().find(|(n, _, _)| *n == name) {
                            Some((_, expected, _)) if *expected == outcome => allowed += 1,
                            _ => differ.push(format!("{}:\n{e}", path.display())),
                        }
                    }
                }
            }
        }
        eprintln!(
            "xlsx vs calamine: {} files, {same} same, {allowed} allowed differences, {} unexplained",
            same + allowed + differ.len(),
            differ.len()
        );
        assert!(differ.is_empty(), "{}", differ.join("\n\n"));
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
