//! Draws layouts as OpenDocument files, the way LibreOffice and WPS save them: text
//! documents (.odt, and the flat .fodt) with the form's paragraphs and tables, merges as
//! `number-columns-spanned` / `number-rows-spanned` anchors followed by
//! `table:covered-table-cell`s; spreadsheets (.ods, .fods) with one `table:table` per
//! sheet, runs of empty cells and rows written once with `number-columns-repeated` /
//! `number-rows-repeated`, numbers as typed cells (`office:value-type` float or
//! percentage, `office:value`, a `table:formula` for sums) and their shown text.
//!
//! [`Style::LibreOffice`] writes the whole package LibreOffice writes (mimetype, manifest,
//! content, styles with a page header, meta, settings; the sheet's trailing empty rows
//! and columns as one repeated row up to row 1048576); [`Style::Minimal`] only what a
//! consumer needs. Output is deterministic: no dates, zip entries at the 1980 epoch.

use crate::files::{self, Expected, Kind, Part};
use crate::model::{Cell, Content, Form, Layout, Piece, layout};
use crate::national;
use crate::project_layout;
use crate::render_docx::DocItem;
use crate::render_html::esc;
use crate::render_xlsx::{LineStyle, SheetCells, form_sheet_cells, grid_sheet_cells};
use perfsheet::format_number;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Which OpenDocument file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OdfKind {
    Odt,
    Ods,
    Fodt,
    Fods,
}

impl OdfKind {
    pub fn ext(self) -> &'static str {
        match self {
            OdfKind::Odt => "odt",
            OdfKind::Ods => "ods",
            OdfKind::Fodt => "fodt",
            OdfKind::Fods => "fods",
        }
    }

    fn is_text(self) -> bool {
        matches!(self, OdfKind::Odt | OdfKind::Fodt)
    }

    fn mimetype(self) -> &'static str {
        if self.is_text() {
            "application/vnd.oasis.opendocument.text"
        } else {
            "application/vnd.oasis.opendocument.spreadsheet"
        }
    }
}

/// How much of a LibreOffice package is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    LibreOffice,
    Minimal,
}

/// One OpenDocument fixture: its forms in file order, as a `FileOut` holds them.
#[derive(Debug, Clone)]
pub struct OdfFile {
    pub name: String,
    pub kind: OdfKind,
    pub style: Style,
    pub parts: Vec<Part>,
}

impl OdfFile {
    pub fn new(name: impl Into<String>, kind: OdfKind, style: Style, parts: Vec<Part>) -> Self {
        let name = name.into();
        assert!(name.ends_with(kind.ext()), "{name}: extension");
        OdfFile {
            name,
            kind,
            style,
            parts,
        }
    }

    /// The expected array: the forms' records as a Word (text) or Excel (sheet) twin of
    /// the same parts gives them, with this file's path and format.
    pub fn expected(&self, dir: &str) -> Vec<Expected> {
        let twin = if self.kind.is_text() {
            Kind::Docx
        } else {
            Kind::Xlsx
        };
        files::as_twin(&self.name, twin, &self.parts, dir, self.kind.ext())
    }

    pub fn bytes(&self) -> Vec<u8> {
        let body = if self.kind.is_text() {
            let mut w = TextWriter::default();
            match self.parts.as_slice() {
                [Part::Dept(f)] => w.form(f),
                parts => {
                    for (k, part) in parts.iter().enumerate() {
                        if k > 0 {
                            w.items(&[DocItem::Para(String::new())]);
                        }
                        match part {
                            Part::Dept(_) => panic!("{}: a department form goes alone", self.name),
                            Part::Proj(f) => w.items(&project_layout::doc_items(f)),
                            Part::Nat(f) => w.items(&national::doc_items(f)),
                            Part::Plain(_, rows) => w.items(
                                &rows
                                    .iter()
                                    .map(|r| DocItem::Para(r.first().cloned().unwrap_or_default()))
                                    .collect::<Vec<_>>(),
                            ),
                        }
                    }
                }
            }
            w.finish()
        } else {
            let mut out = String::from("<office:spreadsheet>");
            for part in &self.parts {
                let sheet = match part {
                    Part::Dept(f) => form_sheet_cells::<SheetOut>(f),
                    Part::Proj(f) => grid_sheet_cells::<SheetOut>(&project_layout::sheet(f)),
                    Part::Nat(f) => grid_sheet_cells::<SheetOut>(&national::sheet(f)),
                    Part::Plain(name, rows) => plain_sheet(name, rows),
                };
                sheet.write(&mut out, self.style);
            }
            out.push_str("</office:spreadsheet>");
            out
        };
        match self.kind {
            OdfKind::Odt | OdfKind::Ods => package(self.kind, self.style, &body),
            OdfKind::Fodt | OdfKind::Fods => flat(self.kind, self.style, &body).into_bytes(),
        }
    }
}

const NS: &str = concat!(
    r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
    r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
    r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
    r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
    r#"xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" "#,
    r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
    r#"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#,
    r#"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#,
    r#"xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" "#,
    r#"xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" "#,
    r#"xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0""#
);

const AUTOMATIC_STYLES: &str = r#"<office:automatic-styles><style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style><style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:border="0.06pt solid #000000" fo:wrap-option="wrap"/></style:style><number:percentage-style style:name="N11"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style><style:style style:name="ce2" style:family="table-cell" style:data-style-name="N11"/></office:automatic-styles>"#;

/// The shared styles, with a page header whose text is no part of the body.
const STYLES: &str = r#"<office:font-face-decls><style:font-face style:name="宋体" svg:font-family="宋体" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls><office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="宋体" fo:font-size="10.5pt"/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/></office:styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>页眉：仅供内部使用</text:p></style:header><style:footer><text:p>第 1 页</text:p></style:footer></style:master-page></office:master-styles>"#;

const META: &str = r#"<office:meta><meta:generator>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</meta:generator><dc:title>绩效目标表</dc:title><meta:initial-creator>财政局</meta:initial-creator></office:meta>"#;

const SETTINGS: &str = r#"<office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item config:name="VisibleAreaTop" config:type="long">0</config:config-item></config:config-item-set></office:settings>"#;

fn xml_doc(root: &str, inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:{root} {NS} office:version="1.3">{inner}</office:{root}>"#
    )
}

fn opts(m: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(m)
        .last_modified_time(DateTime::default())
}

fn package(kind: OdfKind, style: Style, body: &str) -> Vec<u8> {
    let mut z = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut put = |name: &str, m, data: &str| {
        z.start_file(name, opts(m))
            .unwrap_or_else(|e| panic!("odf: {e}"));
        z.write_all(data.as_bytes())
            .unwrap_or_else(|e| panic!("odf: {e}"));
    };
    // The mimetype first and stored, as Part 3 §3.3 requires.
    put("mimetype", CompressionMethod::Stored, kind.mimetype());
    let mut entries = vec!["content.xml"];
    if style == Style::LibreOffice {
        entries.extend(["styles.xml", "meta.xml", "settings.xml"]);
    }
    let mut manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{}"/>"#,
        kind.mimetype()
    );
    for e in &entries {
        manifest.push_str(&format!(
            r#"<manifest:file-entry manifest:full-path="{e}" manifest:media-type="text/xml"/>"#
        ));
    }
    manifest.push_str("</manifest:manifest>");
    put(
        "META-INF/manifest.xml",
        CompressionMethod::Deflated,
        &manifest,
    );
    let content = match style {
        Style::LibreOffice => format!(
            "<office:scripts/><office:font-face-decls/>{AUTOMATIC_STYLES}<office:body>{body}</office:body>"
        ),
        Style::Minimal => format!("<office:body>{body}</office:body>"),
    };
    put(
        "content.xml",
        CompressionMethod::Deflated,
        &xml_doc("document-content", &content),
    );
    if style == Style::LibreOffice {
        put(
            "styles.xml",
            CompressionMethod::Deflated,
            &xml_doc("document-styles", STYLES),
        );
        put(
            "meta.xml",
            CompressionMethod::Deflated,
            &xml_doc("document-meta", META),
        );
        put(
            "settings.xml",
            CompressionMethod::Deflated,
            &xml_doc("document-settings", SETTINGS),
        );
    }
    z.finish()
        .unwrap_or_else(|e| panic!("odf: {e}"))
        .into_inner()
}

fn flat(kind: OdfKind, style: Style, body: &str) -> String {
    let extra = match style {
        Style::LibreOffice => format!("{META}{SETTINGS}{STYLES}{AUTOMATIC_STYLES}"),
        Style::Minimal => String::new(),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="{}">{extra}<office:body>{body}</office:body></office:document>"#,
        kind.mimetype()
    )
}

/// Text with runs of spaces as `text:s` (ODF collapses white space in character data):
/// a single space between other characters stays a space, any other run is one element.
fn text_xml(s: &str) -> String {
    let mut out = String::new();
    let mut spaces = 0usize;
    let mut at_start = true;
    let flush = |out: &mut String, spaces: &mut usize, edge: bool| {
        match *spaces {
            0 => {}
            1 if !edge => out.push(' '),
            n => out.push_str(&format!(r#"<text:s text:c="{n}"/>"#)),
        }
        *spaces = 0;
    };
    for ch in s.chars() {
        match ch {
            ' ' => {
                spaces += 1;
                continue;
            }
            '\t' => {
                flush(&mut out, &mut spaces, true);
                out.push_str("<text:tab/>");
            }
            '\n' => {
                flush(&mut out, &mut spaces, true);
                out.push_str("<text:line-break/>");
            }
            c => {
                flush(&mut out, &mut spaces, at_start);
                out.push_str(&esc(&c.to_string()));
            }
        }
        at_start = false;
    }
    flush(&mut out, &mut spaces, true);
    out
}

/// A text document being written: body XML and its tracked-change regions.
#[derive(Default)]
struct TextWriter {
    body: String,
    changes: Vec<String>,
    tables: usize,
    open_bookmarks: Vec<String>,
}

impl TextWriter {
    fn para(&mut self, pieces: &[Piece], chunk: Option<usize>, style: &str) {
        self.body.push_str(&format!("<text:p{style}>"));
        for piece in pieces {
            match piece {
                Piece::Text(s) => match chunk {
                    // As runs of at most `n` characters (spans, like Word's runs).
                    Some(n) => {
                        let chars: Vec<char> = s.chars().collect();
                        for c in chars.chunks(n) {
                            let c: String = c.iter().collect();
                            self.body
                                .push_str(&format!("<text:span>{}</text:span>", text_xml(&c)));
                        }
                    }
                    None => self.body.push_str(&text_xml(s)),
                },
                Piece::Br => self.body.push_str("<text:line-break/>"),
                Piece::BookmarkStart(name) => {
                    self.open_bookmarks.push(name.clone());
                    self.body.push_str(&format!(
                        r#"<text:bookmark-start text:name="{}"/>"#,
                        esc(name)
                    ));
                }
                Piece::BookmarkEnd => {
                    if let Some(name) = self.open_bookmarks.pop() {
                        self.body.push_str(&format!(
                            r#"<text:bookmark-end text:name="{}"/>"#,
                            esc(&name)
                        ));
                    }
                }
                Piece::Ins(s) => {
                    let id = format!("ct{}", self.changes.len() + 1);
                    self.changes.push(format!(
                        r#"<text:changed-region xml:id="{id}" text:id="{id}"><text:insertion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2024-01-15T09:30:00</dc:date></office:change-info></text:insertion></text:changed-region>"#
                    ));
                    self.body.push_str(&format!(
                        r#"<text:change-start text:change-id="{id}"/>{}<text:change-end text:change-id="{id}"/>"#,
                        text_xml(s)
                    ));
                }
                Piece::Del(s) => {
                    let id = format!("ct{}", self.changes.len() + 1);
                    self.changes.push(format!(
                        r#"<text:changed-region xml:id="{id}" text:id="{id}"><text:deletion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2024-01-15T09:30:00</dc:date></office:change-info><text:p>{}</text:p></text:deletion></text:changed-region>"#,
                        text_xml(s)
                    ));
                    self.body
                        .push_str(&format!(r#"<text:change text:change-id="{id}"/>"#));
                }
            }
        }
        self.body.push_str("</text:p>");
    }

    fn plain(&mut self, s: &str, style: &str) {
        if s.is_empty() {
            self.body.push_str(&format!("<text:p{style}/>"));
        } else {
            self.para(&[Piece::Text(s.to_string())], None, style);
        }
    }

    fn cell_content(&mut self, c: &Content, chunk: Option<usize>) {
        match c {
            Content::Num { text, .. } => self.para(&[Piece::Text(text.clone())], chunk, ""),
            Content::Paras(ps) if ps.is_empty() => self.body.push_str("<text:p/>"),
            Content::Paras(ps) => {
                for p in ps {
                    self.para(p, chunk, "");
                }
            }
        }
    }

    /// A table: every grid position once, anchors with their spans, covered positions
    /// as covered cells (rows cut at the range's end).
    fn table(&mut self, l: &Layout, rows: std::ops::Range<usize>, chunk: Option<usize>) {
        self.tables += 1;
        let cov = covered(l, rows.clone());
        self.body.push_str(&format!(
            r#"<table:table table:name="表格{}"><table:table-column table:number-columns-repeated="{}"/>"#,
            self.tables, l.ncols
        ));
        for r in rows.clone() {
            self.body.push_str("<table:table-row>");
            for col in 0..l.ncols {
                if let Some(a) = l.rows[r].iter().find(|c| c.col == col) {
                    self.body
                        .push_str(&format!("<table:table-cell{}>", spans(a, r, rows.end)));
                    self.cell_content(&a.content, chunk);
                    self.body.push_str("</table:table-cell>");
                } else if cov.contains(&(r, col)) {
                    self.body.push_str("<table:covered-table-cell/>");
                } else {
                    self.body
                        .push_str("<table:table-cell><text:p/></table:table-cell>");
                }
            }
            self.body.push_str("</table:table-row>");
        }
        self.body.push_str("</table:table>");
    }

    /// One department form, as the docx renderer draws it.
    fn form(&mut self, f: &Form) {
        let l = layout(f);
        let p = &f.p;
        self.plain(&p.title, r#" text:style-name="P1""#);
        if let Some(u) = &p.unit_text {
            self.plain(&format!("{}{}", " ".repeat(49), u), "");
        }
        match l.split_at {
            Some(k) => {
                self.table(&l, 0..k, p.run_chunk);
                self.plain("", "");
                self.plain("（续表）", "");
                self.table(&l, k..l.rows.len(), p.run_chunk);
            }
            None => self.table(&l, 0..l.rows.len(), p.run_chunk),
        }
    }

    fn items(&mut self, items: &[DocItem]) {
        for item in items {
            match item {
                DocItem::Title(s) => self.plain(s, r#" text:style-name="P1""#),
                DocItem::Para(s) => self.plain(s, ""),
                DocItem::Table(l) => self.table(l, 0..l.rows.len(), None),
            }
        }
    }

    fn finish(self) -> String {
        let changes = if self.changes.is_empty() {
            String::new()
        } else {
            format!(
                r#"<text:tracked-changes text:track-changes="true">{}</text:tracked-changes>"#,
                self.changes.concat()
            )
        };
        format!(
            r#"<office:text>{changes}<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>{}</office:text>"#,
            self.body
        )
    }
}

/// Positions covered by a merge (other than its anchor), rows cut at `rows.end`.
fn covered(l: &Layout, rows: std::ops::Range<usize>) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    for r in rows.clone() {
        for c in &l.rows[r] {
            for dr in 0..c.rs {
                for dc in 0..c.cs {
                    if (dr, dc) != (0, 0) && r + dr < rows.end {
                        out.insert((r + dr, c.col + dc));
                    }
                }
            }
        }
    }
    out
}

fn spans(c: &Cell, r: usize, end: usize) -> String {
    let mut s = String::new();
    let rs = c.rs.min(end - r);
    if c.cs > 1 {
        s.push_str(&format!(r#" table:number-columns-spanned="{}""#, c.cs));
    }
    if rs > 1 {
        s.push_str(&format!(r#" table:number-rows-spanned="{rs}""#));
    }
    s
}

/// What one worksheet position holds.
#[derive(Clone)]
enum SheetValue {
    Text(String),
    Number {
        value: f64,
        percent: bool,
        shown: String,
        formula: Option<String>,
    },
    /// A bordered empty cell (a table position nothing was written to).
    Blank,
}

/// A worksheet being laid out: anchors by position, positions covered by merges.
struct SheetOut {
    name: String,
    cells: BTreeMap<(u32, u32), (SheetValue, u32, u32)>,
    covered: HashSet<(u32, u32)>,
}

/// Excel column letters (0-based column), for formulas.
fn letters(col: u32) -> String {
    perfsheet::grid::column_letters(col + 1)
}

impl SheetOut {
    fn put(&mut self, r: u32, c: u32, v: SheetValue, rs: u32, cs: u32) {
        for dr in 0..rs {
            for dc in 0..cs {
                if (dr, dc) != (0, 0) {
                    self.covered.insert((r + dr, c + dc));
                    self.cells.remove(&(r + dr, c + dc));
                }
            }
        }
        self.cells.insert((r, c), (v, rs, cs));
    }

    /// The sheet's XML: runs of empty rows and cells written once, repeated.
    fn write(&self, out: &mut String, style: Style) {
        out.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            esc(&self.name)
        ));
        let width = self
            .cells
            .iter()
            .map(|(&(_, c), &(_, _, cs))| c + cs)
            .max()
            .unwrap_or(1);
        let (cols, rows_total) = match style {
            Style::LibreOffice => (1024, 1_048_576),
            Style::Minimal => (width, 0),
        };
        out.push_str(&format!(
            r#"<table:table-column table:number-columns-repeated="{cols}"/>"#
        ));
        let height = self
            .cells
            .keys()
            .chain(self.covered.iter())
            .map(|&(r, _)| r + 1)
            .max()
            .unwrap_or(0);
        let mut r = 0;
        while r < height {
            let empty = |r: u32| {
                !self
                    .cells
                    .keys()
                    .chain(self.covered.iter())
                    .any(|&(x, _)| x == r)
            };
            if empty(r) {
                let mut n = 1;
                while r + n < height && empty(r + n) {
                    n += 1;
                }
                out.push_str(&format!(
                    r#"<table:table-row table:number-rows-repeated="{n}"><table:table-cell table:number-columns-repeated="{cols}"/></table:table-row>"#
                ));
                r += n;
                continue;
            }
            out.push_str("<table:table-row>");
            let mut c = 0;
            let mut blank_run = 0u32;
            let flush = |out: &mut String, run: &mut u32| {
                match *run {
                    0 => {}
                    1 => out.push_str("<table:table-cell/>"),
                    n => out.push_str(&format!(
                        r#"<table:table-cell table:number-columns-repeated="{n}"/>"#
                    )),
                }
                *run = 0;
            };
            while c < width {
                if self.covered.contains(&(r, c)) {
                    flush(out, &mut blank_run);
                    out.push_str("<table:covered-table-cell/>");
                } else {
                    match self.cells.get(&(r, c)) {
                        None => blank_run += 1,
                        Some((v, rs, cs)) => {
                            flush(out, &mut blank_run);
                            let mut span = String::new();
                            if *cs > 1 {
                                span.push_str(&format!(r#" table:number-columns-spanned="{cs}""#));
                            }
                            if *rs > 1 {
                                span.push_str(&format!(r#" table:number-rows-spanned="{rs}""#));
                            }
                            out.push_str(&cell_xml(v, &span, style));
                        }
                    }
                }
                c += 1;
            }
            flush(out, &mut blank_run);
            if style == Style::LibreOffice && cols > width {
                out.push_str(&format!(
                    r#"<table:table-cell table:number-columns-repeated="{}"/>"#,
                    cols - width
                ));
            }
            out.push_str("</table:table-row>");
            r += 1;
        }
        if rows_total > height {
            out.push_str(&format!(
                r#"<table:table-row table:number-rows-repeated="{}"><table:table-cell table:number-columns-repeated="{cols}"/></table:table-row>"#,
                rows_total - height
            ));
        }
        out.push_str("</table:table>");
    }
}

fn cell_xml(v: &SheetValue, span: &str, style: Style) -> String {
    let styled = style == Style::LibreOffice;
    match v {
        SheetValue::Blank => {
            let s = if styled {
                r#" table:style-name="ce1""#
            } else {
                ""
            };
            format!("<table:table-cell{s}{span}/>")
        }
        SheetValue::Text(t) => {
            let s = if styled {
                r#" table:style-name="ce1""#
            } else {
                ""
            };
            let paras: String = t
                .split('\n')
                .map(|p| {
                    if p.is_empty() {
                        "<text:p/>".to_string()
                    } else {
                        format!("<text:p>{}</text:p>", text_xml(p))
                    }
                })
                .collect();
            let vt = if styled {
                r#" office:value-type="string" calcext:value-type="string""#
            } else {
                r#" office:value-type="string""#
            };
            if t.is_empty() {
                format!("<table:table-cell{s}{span}/>")
            } else {
                format!("<table:table-cell{s}{vt}{span}>{paras}</table:table-cell>")
            }
        }
        SheetValue::Number {
            value,
            percent,
            shown,
            formula,
        } => {
            let (vt, s) = if *percent {
                ("percentage", r#" table:style-name="ce2""#)
            } else {
                ("float", r#" table:style-name="ce1""#)
            };
            let s = if styled { s } else { "" };
            let f = formula
                .as_ref()
                .map(|f| format!(r#" table:formula="{}""#, esc(f)))
                .unwrap_or_default();
            let shown = if *percent {
                // As LibreOffice shows 0.3202 under 0.00%.
                format!("{:.2}%", value * 100.0)
            } else if shown.is_empty() {
                format_number(*value)
            } else {
                shown.clone()
            };
            let calc = if styled {
                format!(r#" calcext:value-type="{vt}""#)
            } else {
                String::new()
            };
            format!(
                r#"<table:table-cell{s}{f} office:value-type="{vt}" office:value="{}"{calc}{span}><text:p>{}</text:p></table:table-cell>"#,
                format_number(*value),
                esc(&shown)
            )
        }
    }
}

impl SheetCells for SheetOut {
    fn named(name: &str) -> Self {
        SheetOut {
            name: name.to_string(),
            cells: BTreeMap::new(),
            covered: HashSet::new(),
        }
    }

    /// A line above or below a table, as the xlsx renderer writes it.
    fn line(&mut self, r: u32, c0: u32, ncols: u32, text: &str, style: LineStyle) {
        let cs = if style == LineStyle::Left { 1 } else { ncols };
        self.put(r, c0, SheetValue::Text(text.to_string()), 1, cs);
    }

    fn table(&mut self, l: &Layout, top: u32, c0: u32) {
        for r in 0..l.rows.len() as u32 {
            for c in 0..l.ncols as u32 {
                self.cells
                    .insert((top + r, c0 + c), (SheetValue::Blank, 1, 1));
            }
        }
        for (ri, row) in l.rows.iter().enumerate() {
            let r = top + ri as u32;
            for a in row {
                let c = c0 + a.col as u32;
                let v = match &a.content {
                    Content::Num {
                        value,
                        fmt,
                        text,
                        sum_above,
                    } => SheetValue::Number {
                        value: *value,
                        percent: fmt.is_some_and(|f| f.contains('%')),
                        shown: text.clone(),
                        formula: sum_above.map(|n| {
                            let col = letters(c);
                            format!("of:=SUM([.{col}{}:.{col}{}])", r - n as u32 + 1, r)
                        }),
                    },
                    Content::Paras(_) => SheetValue::Text(a.content.flat()),
                };
                self.put(r, c, v, a.rs as u32, a.cs as u32);
            }
        }
    }
}

fn plain_sheet(name: &str, rows: &[Vec<String>]) -> SheetOut {
    let mut s = SheetOut::named(name);
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let value = match v.parse::<f64>() {
                Ok(n) => SheetValue::Number {
                    value: n,
                    percent: false,
                    shown: v.clone(),
                    formula: None,
                },
                Err(_) => SheetValue::Text(v.clone()),
            };
            s.put(r as u32, c as u32, value, 1, 1);
        }
    }
    s
}
