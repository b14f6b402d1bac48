//! Draws the same sheets as [`crate::render_xlsx`] as an Excel binary workbook (.xlsb):
//! BIFF12 records ([MS-XLSB] 2.1.4: a type of one or two bytes, a length of one to four,
//! seven bits each) in a zip package. No crate writes .xlsb, so this is a small writer of
//! our own, following [MS-XLSB] for the records a form needs:
//!
//! - `xl/workbook.bin`: BrtBeginBook, BrtWbProp, BrtBundleSh per sheet, BrtCalcProp;
//! - `xl/worksheets/sheetN.bin`: BrtWsDim, column widths (BrtColInfo), BrtRowHdr per row,
//!   BrtCellIsst (text, shared), BrtCellRk (numbers an RK holds exactly: integers, the
//!   upper 30 bits of a double, hundredths), BrtCellReal (other numbers), BrtFmlaNum (a
//!   SUM with its cached result), BrtCellBlank (bordered empty cells), BrtMergeCell;
//! - `xl/sharedStrings.bin`: BrtBeginSst, BrtSSTItem;
//! - `xl/styles.bin`: BrtFmt for each number format (a percent one among them), BrtXF;
//! - `[Content_Types].xml` and the relationships.
//!
//! The layout walk is render_xlsx's: merges as merged regions, numbers as numbers where
//! the department typed numbers, title and unit lines merged across the table.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};

use crate::files::{FileOut, Part};
use crate::model::{Content, Form, Layout, layout};
use crate::render_xlsx::{GridSheet, LineStyle, Sheet};
use crate::{national, project_layout};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// What a worksheet cell holds.
#[derive(Debug, Clone)]
enum Value {
    Blank,
    Text(String),
    Number(f64),
    /// A SUM over rows `first..=last` of the cell's own column, with its cached result.
    Sum(f64, u32, u32),
}

/// A cell's value and its number format.
type Styled = (Value, Option<&'static str>);

/// A worksheet being drawn: cells by (row, col) with their number format, merges.
#[derive(Default)]
struct Ws {
    name: String,
    cells: BTreeMap<(u32, u32), Styled>,
    merges: Vec<(u32, u32, u32, u32)>,
    widths: Vec<(u32, f64)>,
}

impl Ws {
    fn put(&mut self, r: u32, c: u32, v: Value, fmt: Option<&'static str>) {
        self.cells.insert((r, c), (v, fmt));
    }

    fn merge(&mut self, r: u32, c: u32, lr: u32, lc: u32, text: &str) {
        self.merges.push((r, lr, c, lc));
        for rr in r..=lr {
            for cc in c..=lc {
                self.put(rr, cc, Value::Blank, None);
            }
        }
        if !text.is_empty() {
            self.put(r, c, Value::Text(text.to_string()), None);
        }
    }
}

fn form_sheet(ws: &mut Ws, f: &Form) {
    let l = layout(f);
    let p = &f.p;
    let (r0, c0) = (p.origin.0, u32::from(p.origin.1));
    let mut row = r0;
    let last_col = c0 + l.ncols as u32 - 1;
    if p.title_in_sheet {
        ws.merge(row, c0, row, last_col, &p.title);
        row += 1;
        if let Some(u) = &p.unit_text {
            ws.merge(row, c0, row, last_col, u);
            row += 1;
        }
        row += p.gap_rows;
    }
    write_table(ws, &l, row, c0);
}

fn write_table(ws: &mut Ws, l: &Layout, top: u32, c0: u32) {
    for (k, w) in l.widths.iter().enumerate() {
        ws.widths.push((c0 + k as u32, *w as f64 / 90.0));
    }
    for r in 0..l.rows.len() as u32 {
        for c in 0..l.ncols as u32 {
            ws.put(top + r, c0 + c, Value::Blank, None);
        }
    }
    for (ri, cells) in l.rows.iter().enumerate() {
        let r = top + ri as u32;
        for a in cells {
            let c = c0 + a.col as u32;
            let (lr, lc) = (r + a.rs as u32 - 1, c + a.cs as u32 - 1);
            let text = a.content.flat();
            if a.rs > 1 || a.cs > 1 {
                let s = if matches!(a.content, Content::Num { .. }) {
                    ""
                } else {
                    text.as_str()
                };
                ws.merge(r, c, lr, lc, s);
            }
            match &a.content {
                Content::Num {
                    value,
                    fmt,
                    sum_above,
                    ..
                } => {
                    let v = match sum_above {
                        Some(n) => Value::Sum(*value, r - *n as u32, r - 1),
                        None => Value::Number(*value),
                    };
                    ws.put(r, c, v, *fmt);
                }
                Content::Paras(_) => {
                    if a.rs == 1 && a.cs == 1 && !text.is_empty() {
                        ws.put(r, c, Value::Text(text), None);
                    }
                }
            }
        }
    }
}

fn grid_sheet(ws: &mut Ws, g: &GridSheet) {
    let (r0, c0) = (g.origin.0, u32::from(g.origin.1));
    let l = &g.layout;
    let last_col = c0 + l.ncols as u32 - 1;
    let mut row = r0;
    for (text, style) in &g.above {
        if *style == LineStyle::Left {
            ws.put(row, c0, Value::Text(text.clone()), None);
        } else {
            ws.merge(row, c0, row, last_col, text);
        }
        row += 1;
    }
    write_table(ws, l, row, c0);
    row += l.rows.len() as u32;
    for text in &g.below {
        ws.put(row, c0, Value::Text(text.clone()), None);
        row += 1;
    }
}

fn plain_sheet(ws: &mut Ws, rows: &[Vec<String>]) {
    ws.widths.push((0, 60.0));
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let value = match v.parse::<f64>() {
                Ok(n) => Value::Number(n),
                Err(_) => Value::Text(v.clone()),
            };
            ws.put(r as u32, c as u32, value, None);
        }
    }
}

/// One BIFF12 record.
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    assert!(typ < 0x4000, "record type {typ:#x}");
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = data.len();
    assert!(len < 1 << 28, "record of {len} bytes");
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

/// Little-endian fields of a record's data.
#[derive(Default)]
struct Data(Vec<u8>);

impl Data {
    fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }
    fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn f64(mut self, v: f64) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    /// XLWideString: a count of UTF-16 code units, then the units.
    fn wide(mut self, s: &str) -> Self {
        let units: Vec<u16> = s.encode_utf16().collect();
        self = self.u32(units.len() as u32);
        for u in units {
            self = self.u16(u);
        }
        self
    }
    /// Cell ([MS-XLSB] 2.5.9): column, then a 24-bit style index and a flags byte.
    fn cell(self, col: u32, xf: u32) -> Self {
        self.u32(col).u32(xf & 0x00FF_FFFF)
    }
}

/// The RkNumber of `v` when one holds it exactly ([MS-XLSB] 2.5.122): a 30-bit integer,
/// the upper 30 bits of the double, or either divided by 100.
fn rk(v: f64) -> Option<u32> {
    const LIM: f64 = (1 << 29) as f64;
    let int = |x: f64| (x.fract() == 0.0 && x.abs() < LIM).then_some(x as i32);
    if let Some(i) = int(v) {
        return Some(((i << 2) as u32) | 2);
    }
    let bits = v.to_bits();
    if bits & 0x3_FFFF_FFFF == 0 {
        return Some((bits >> 32) as u32);
    }
    let h = (v * 100.0).round();
    if let Some(i) = int(h).filter(|i| f64::from(*i) / 100.0 == v) {
        return Some(((i << 2) as u32) | 3);
    }
    None
}

/// A SUM over one column's rows, as Excel writes it: PtgArea then PtgFuncVar(SUM).
fn sum_formula(first: u32, last: u32, col: u32) -> Vec<u8> {
    let rgce = Data::default()
        .u8(0x25)
        .u32(first)
        .u32(last)
        .u16(col as u16 | 0xC000)
        .u16(col as u16 | 0xC000)
        .u8(0x22)
        .u8(1)
        .u16(4)
        .0;
    Data::default()
        .u32(rgce.len() as u32)
        .0
        .into_iter()
        .chain(rgce)
        .chain(0u32.to_le_bytes())
        .collect()
}

fn sheet_part(ws: &Ws, strings: &mut Strings, xf_of: &HashMap<&'static str, u32>) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0081, &[]); // BrtBeginSheet
    let (mut r1, mut r2, mut c1, mut c2) = (0, 0, 0, 0);
    if let (Some(((fr, _), _)), Some(((lr, _), _))) =
        (ws.cells.first_key_value(), ws.cells.last_key_value())
    {
        r1 = *fr;
        r2 = *lr;
        c1 = ws.cells.keys().map(|k| k.1).min().unwrap_or(0);
        c2 = ws.cells.keys().map(|k| k.1).max().unwrap_or(0);
    }
    record(
        &mut out,
        0x0094, // BrtWsDim
        &Data::default().u32(r1).u32(r2).u32(c1).u32(c2).0,
    );
    if !ws.widths.is_empty() {
        record(&mut out, 0x0186, &[]); // BrtBeginColInfos
        for (c, w) in &ws.widths {
            let d = Data::default()
                .u32(*c)
                .u32(*c)
                .u32((w * 256.0) as u32)
                .u32(0)
                .u16(0x0002); // fUserSet
            record(&mut out, 0x003C, &d.0); // BrtColInfo
        }
        record(&mut out, 0x0187, &[]); // BrtEndColInfos
    }
    record(&mut out, 0x0091, &[]); // BrtBeginSheetData
    let mut rows: BTreeMap<u32, Vec<(u32, &Styled)>> = BTreeMap::new();
    for ((r, c), v) in &ws.cells {
        rows.entry(*r).or_default().push((*c, v));
    }
    for (r, cells) in rows {
        let (first, last) = (cells[0].0, cells[cells.len() - 1].0);
        // BrtRowHdr: rw, ixfe, miyRw (twips), flags, one column span.
        let d = Data::default()
            .u32(r)
            .u32(0)
            .u16(300)
            .u16(0)
            .u8(0)
            .u32(1)
            .u32(first)
            .u32(last);
        record(&mut out, 0x0000, &d.0);
        for (c, (v, fmt)) in cells {
            let xf = fmt.map_or(0, |f| xf_of[f]);
            let cell = Data::default().cell(c, xf);
            match v {
                Value::Blank => record(&mut out, 0x0001, &cell.0),
                Value::Text(s) => record(&mut out, 0x0007, &cell.u32(strings.index(s)).0),
                Value::Number(n) => match rk(*n) {
                    Some(k) => record(&mut out, 0x0002, &cell.u32(k).0),
                    None => record(&mut out, 0x0005, &cell.f64(*n).0),
                },
                Value::Sum(n, first, last) => {
                    let mut d = cell.f64(*n).u16(0).0;
                    d.extend(sum_formula(*first, *last, c));
                    record(&mut out, 0x0009, &d); // BrtFmlaNum
                }
            }
        }
    }
    record(&mut out, 0x0092, &[]); // BrtEndSheetData
    if !ws.merges.is_empty() {
        record(
            &mut out,
            0x00B1, // BrtBeginMergeCells
            &Data::default().u32(ws.merges.len() as u32).0,
        );
        for (r1, r2, c1, c2) in &ws.merges {
            let d = Data::default().u32(*r1).u32(*r2).u32(*c1).u32(*c2);
            record(&mut out, 0x00B0, &d.0); // BrtMergeCell
        }
        record(&mut out, 0x00B2, &[]); // BrtEndMergeCells
    }
    record(&mut out, 0x0082, &[]); // BrtEndSheet
    out
}

/// The shared string table, in first-use order.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    index: HashMap<String, u32>,
    uses: u32,
}

impl Strings {
    fn index(&mut self, s: &str) -> u32 {
        self.uses += 1;
        if let Some(i) = self.index.get(s) {
            return *i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    fn part(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let begin = Data::default().u32(self.uses).u32(self.list.len() as u32);
        record(&mut out, 0x009F, &begin.0); // BrtBeginSst
        for s in &self.list {
            record(&mut out, 0x0013, &Data::default().u8(0).wide(s).0); // BrtSSTItem
        }
        record(&mut out, 0x00A0, &[]); // BrtEndSst
        out
    }
}

/// BrtXF: parent style, number format, font, fill, border, rotation, indent, alignment
/// (vertically centred, wrapped), protection.
fn xf(parent: u16, fmt: u16) -> Vec<u8> {
    Data::default()
        .u16(parent)
        .u16(fmt)
        .u16(0)
        .u16(0)
        .u16(0)
        .u8(0)
        .u8(0)
        .u16(0x0008 | 0x0040)
        .u16(0)
        .0
}

/// The style sheet: one BrtFmt and one cell style per number format, after the default.
fn styles_part(formats: &[&'static str]) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0116, &[]); // BrtBeginStyleSheet
    record(
        &mut out,
        0x0267, // BrtBeginFmts
        &Data::default().u32(formats.len() as u32).0,
    );
    for (k, f) in formats.iter().enumerate() {
        let d = Data::default().u16(164 + k as u16).wide(f);
        record(&mut out, 0x002C, &d.0); // BrtFmt
    }
    record(&mut out, 0x0268, &[]); // BrtEndFmts
    record(&mut out, 0x0272, &Data::default().u32(1).0); // BrtBeginCellStyleXFs
    record(&mut out, 0x002F, &xf(0xFFFF, 0));
    record(&mut out, 0x0273, &[]); // BrtEndCellStyleXFs
    record(
        &mut out,
        0x0269, // BrtBeginCellXFs
        &Data::default().u32(formats.len() as u32 + 1).0,
    );
    record(&mut out, 0x002F, &xf(0, 0));
    for k in 0..formats.len() {
        record(&mut out, 0x002F, &xf(0, 164 + k as u16));
    }
    record(&mut out, 0x026A, &[]); // BrtEndCellXFs
    record(&mut out, 0x0117, &[]); // BrtEndStyleSheet
    out
}

fn workbook_part(names: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0083, &[]); // BrtBeginBook
    record(&mut out, 0x0099, &Data::default().u32(0).u32(0).wide("").0); // BrtWbProp
    record(&mut out, 0x008F, &[]); // BrtBeginBundleShs
    for (k, n) in names.iter().enumerate() {
        let d = Data::default()
            .u32(0)
            .u32(k as u32 + 1)
            .wide(&format!("rId{}", k + 1))
            .wide(n);
        record(&mut out, 0x009C, &d.0); // BrtBundleSh
    }
    record(&mut out, 0x0090, &[]); // BrtEndBundleShs
    // BrtCalcProp: recalc id, automatic, 100 iterations, delta 0.001, one thread, flags.
    let calc = Data::default()
        .u32(0)
        .u32(1)
        .u32(100)
        .f64(0.001)
        .u32(1)
        .u16(0);
    record(&mut out, 0x009D, &calc.0);
    record(&mut out, 0x0084, &[]); // BrtEndBook
    out
}

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Workbook bytes, the same every run.
pub fn render(sheets: &[Sheet]) -> Vec<u8> {
    let mut wss = Vec::new();
    for s in sheets {
        let mut ws = Ws::default();
        match s {
            Sheet::Form(f) => {
                ws.name = f.p.sheet_name.clone();
                form_sheet(&mut ws, f);
            }
            Sheet::Grid(g) => {
                ws.name = g.name.clone();
                grid_sheet(&mut ws, g);
            }
            Sheet::Plain(name, rows) => {
                ws.name = (*name).to_string();
                plain_sheet(&mut ws, rows);
            }
        }
        wss.push(ws);
    }
    let mut formats: Vec<&'static str> = Vec::new();
    for ws in &wss {
        for (_, f) in ws.cells.values() {
            if let Some(f) = f
                && !formats.contains(f)
            {
                formats.push(f);
            }
        }
    }
    let xf_of: HashMap<&'static str, u32> = formats
        .iter()
        .enumerate()
        .map(|(k, f)| (*f, k as u32 + 1))
        .collect();
    let mut strings = Strings::default();
    let parts: Vec<Vec<u8>> = wss
        .iter()
        .map(|ws| sheet_part(ws, &mut strings, &xf_of))
        .collect();
    let names: Vec<String> = wss.iter().map(|w| w.name.clone()).collect();

    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for k in 1..=parts.len() {
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{k}.bin" ContentType="application/vnd.ms-excel.worksheet"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{k}" Type="{REL}/worksheet" Target="worksheets/sheet{k}.bin"/>"#
        ));
    }
    let n = parts.len();
    types.push_str(r#"<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/><Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/></Types>"#);
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="{REL}/styles" Target="styles.bin"/><Relationship Id="rId{}" Type="{REL}/sharedStrings" Target="sharedStrings.bin"/></Relationships>"#,
        n + 1,
        n + 2
    ));
    let package_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>"#
    );

    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let mut put = |name: &str, data: &[u8]| {
        z.start_file(name, opts)
            .and_then(|_| z.write_all(data).map_err(Into::into))
            .unwrap_or_else(|e| panic!("xlsb: {name}: {e}"));
    };
    put("[Content_Types].xml", types.as_bytes());
    put("_rels/.rels", package_rels.as_bytes());
    put("xl/workbook.bin", &workbook_part(&names));
    put("xl/_rels/workbook.bin.rels", rels.as_bytes());
    for (k, p) in parts.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.bin", k + 1), p);
    }
    put("xl/styles.bin", &styles_part(&formats));
    put("xl/sharedStrings.bin", &strings.part());
    z.finish()
        .unwrap_or_else(|e| panic!("xlsb: {e}"))
        .into_inner()
}

/// A fixture file of any template as an .xlsb: its sheets as [`FileOut::bytes`] draws
/// them for an .xlsx.
pub fn render_file(f: &FileOut) -> Vec<u8> {
    let grids: Vec<Option<GridSheet>> = f
        .parts
        .iter()
        .map(|p| match p {
            Part::Proj(f) => Some(project_layout::sheet(f)),
            Part::Nat(f) => Some(national::sheet(f)),
            _ => None,
        })
        .collect();
    let sheets: Vec<Sheet> = f
        .parts
        .iter()
        .zip(&grids)
        .map(|(p, g)| match (p, g) {
            (Part::Dept(f), _) => Sheet::Form(f),
            (Part::Plain(n, rows), _) => Sheet::Plain(n, rows.clone()),
            (_, Some(g)) => Sheet::Grid(g),
            (_, None) => unreachable!("every form part has a sheet"),
        })
        .collect();
    render(&sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers_hold_their_value() {
        for v in [
            0.0, 1.0, -7.0, 930.0, 95.5, 0.95, 1146.9, 727.56, 0.3202, 1e12, 0.5,
        ] {
            if let Some(k) = rk(v) {
                let n = if k & 2 != 0 {
                    f64::from((k as i32) >> 2)
                } else {
                    f64::from_bits(u64::from(k & !3) << 32)
                };
                let n = if k & 1 != 0 { n / 100.0 } else { n };
                assert_eq!(n, v, "{v}");
            }
        }
        assert!(rk(930.0).is_some() && rk(0.5).is_some() && rk(95.5).is_some());
        assert!(rk(0.3202).is_none());
    }

    /// calamine reads what the writer wrote: sheet names in order, every text and number
    /// of the layout at its place, the SUM's cached result, dates nowhere.
    #[test]
    fn calamine_reads_the_written_workbook() {
        use calamine::{Data, Reader, Xlsb};
        let (_, spec) = crate::specs::fixtures()
            .into_iter()
            .find(|(n, _)| n.starts_with("012_"))
            .unwrap_or_else(|| panic!("no 012 fixture"));
        let crate::specs::FileSpec::Xlsx(forms, extra) = spec else {
            panic!("012 is a workbook");
        };
        let mut sheets: Vec<Sheet> = vec![Sheet::Plain(extra[0].0, extra[0].1.clone())];
        sheets.extend(forms.iter().map(Sheet::Form));
        let bytes = render(&sheets);
        let mut wb = Xlsb::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let names = wb.sheet_names();
        assert_eq!(names[0], extra[0].0);
        assert_eq!(
            names[1..],
            forms
                .iter()
                .map(|f| f.p.sheet_name.clone())
                .collect::<Vec<_>>()
        );
        for f in &forms {
            let mut ws = Ws::default();
            form_sheet(&mut ws, f);
            let range = wb
                .worksheet_range(&f.p.sheet_name)
                .unwrap_or_else(|e| panic!("{e}"));
            let mut checked = 0;
            for ((r, c), (v, _)) in &ws.cells {
                let got = range.get_value((*r, *c)).cloned().unwrap_or(Data::Empty);
                match v {
                    Value::Blank => {}
                    Value::Text(t) => assert_eq!(got, Data::String(t.clone()), "{r},{c}"),
                    Value::Number(n) | Value::Sum(n, ..) => {
                        let x = match got {
                            Data::Float(x) => x,
                            Data::Int(i) => i as f64,
                            other => panic!("{r},{c}: {other:?} for {n}"),
                        };
                        assert_eq!(x, *n, "{r},{c}");
                    }
                }
                checked += 1;
            }
            assert!(checked > 50, "{checked}");
            assert!(!ws.merges.is_empty());
        }
    }

    /// The merged regions are BrtMergeCell records after the sheet data, as written.
    #[test]
    fn merges_follow_the_sheet_data() {
        let (_, spec) = crate::specs::fixtures()
            .into_iter()
            .nth(1)
            .unwrap_or_else(|| panic!());
        let crate::specs::FileSpec::Xlsx(forms, _) = spec else {
            panic!("001 is a workbook");
        };
        let mut ws = Ws::default();
        form_sheet(&mut ws, &forms[0]);
        let part = sheet_part(&ws, &mut Strings::default(), &HashMap::new());
        let (mut at, mut merges, mut after_data) = (0, Vec::new(), false);
        while at < part.len() {
            let mut typ = u16::from(part[at] & 0x7F);
            if part[at] & 0x80 != 0 {
                at += 1;
                typ |= u16::from(part[at]) << 7;
            }
            at += 1;
            let (mut len, mut shift) = (0usize, 0);
            loop {
                let b = part[at];
                at += 1;
                len |= usize::from(b & 0x7F) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            let d = &part[at..at + len];
            let u = |k: usize| u32::from_le_bytes([d[k], d[k + 1], d[k + 2], d[k + 3]]);
            match typ {
                0x0092 => after_data = true,
                0x00B0 => {
                    assert!(after_data);
                    merges.push((u(0), u(4), u(8), u(12)));
                }
                _ => {}
            }
            at += len;
        }
        assert_eq!(merges, ws.merges);
    }
}
