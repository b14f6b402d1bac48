//! Draws layouts as Office 2003 XML files, the way Excel 2003 ("XML 表格") and Word 2003
//! ("XML 文档") save them, and the way budget systems and scripts write them:
//!
//! - SpreadsheetML workbooks: `<?mso-application progid="Excel.Sheet"?>`, `Workbook` with
//!   one `Worksheet` per sheet; a `Style` per look, a percent `NumberFormat` for percent
//!   cells; merges as `ss:MergeAcross` / `ss:MergeDown` on the anchor, the covered cells not
//!   written, `ss:Index` on a cell or row that does not follow the one written before it;
//!   `Data ss:Type` Number or String, a SUM as an R1C1 `ss:Formula` with its cached value.
//! - WordML documents: `w:wordDocument` with the body in `wx:sect`, tables with
//!   `w:gridSpan` and lower-case `w:vmerge` (`w:val="restart"`, then continuation cells),
//!   tracked changes, bookmarks and comments as `aml:annotation`, the page header and
//!   footer in `w:sectPr`.
//!
//! [`Style::Office`] writes what Excel 2003 and Word 2003 write (document properties,
//! fonts, styles, bordered empty cells in tables, page setup; empty rows as a row with
//! `ss:Span`); [`Style::Minimal`] what a budget system's export writes (only cells with
//! something in them, so `ss:Index` after every gap; SpreadsheetML with the `ss:` prefix on
//! every element, named number formats; WordML without properties). Either may be encoded
//! in GB2312, declared in the XML declaration. Output is deterministic (fixed dates).

use crate::files::{self, Expected, Kind, Part};
use crate::model::{Content, Form, Layout, Piece, layout};
use crate::national;
use crate::project_layout;
use crate::render_docx::DocItem;
use crate::render_html::esc;
use crate::render_xlsx::{LineStyle, SheetCells, form_sheet_cells, grid_sheet_cells};
use perfsheet::format_number;
use std::collections::{BTreeMap, HashSet};

/// Which Office 2003 vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlKind {
    SpreadsheetMl,
    WordMl,
}

impl XmlKind {
    /// `source.format` of a file of this kind.
    pub fn format(self) -> &'static str {
        match self {
            XmlKind::SpreadsheetMl => "spreadsheetml",
            XmlKind::WordMl => "wordml",
        }
    }
}

/// Who wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Excel 2003 / Word 2003.
    Office,
    /// A budget system's or a script's export.
    Minimal,
}

/// How the text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GBK bytes under `encoding="gb2312"`.
    Gb2312,
}

/// One Office 2003 XML fixture: its forms in file order, as a `FileOut` holds them.
#[derive(Debug, Clone)]
pub struct XmlFile {
    pub name: String,
    pub kind: XmlKind,
    pub style: Style,
    pub encoding: Encoding,
    /// WordML: review marks no reader may show: a deleted word and a comment on the first
    /// title, revision tracking on, a seal picture after the last table.
    pub review: bool,
    pub parts: Vec<Part>,
}

impl XmlFile {
    pub fn new(name: impl Into<String>, kind: XmlKind, style: Style, parts: Vec<Part>) -> Self {
        let name = name.into();
        assert!(
            [".xml", ".xls", ".doc"].iter().any(|e| name.ends_with(e)),
            "{name}: budget systems save these as .xml, .xls or .doc"
        );
        XmlFile {
            name,
            kind,
            style,
            encoding: Encoding::Utf8,
            review: false,
            parts,
        }
    }

    pub fn gb2312(mut self) -> Self {
        self.encoding = Encoding::Gb2312;
        self
    }

    pub fn review(mut self) -> Self {
        assert_eq!(self.kind, XmlKind::WordMl, "{}: review marks", self.name);
        self.review = true;
        self
    }

    /// The expected array: the forms' records as a Word (WordML) or Excel (SpreadsheetML)
    /// twin of the same parts gives them, with this file's path and format.
    pub fn expected(&self, dir: &str) -> Vec<Expected> {
        let twin = match self.kind {
            XmlKind::WordMl => Kind::Docx,
            XmlKind::SpreadsheetMl => Kind::Xlsx,
        };
        files::as_twin(&self.name, twin, &self.parts, dir, self.kind.format())
    }

    pub fn bytes(&self) -> Vec<u8> {
        let text = match self.kind {
            XmlKind::SpreadsheetMl => self.workbook(),
            XmlKind::WordMl => self.document(),
        };
        match self.encoding {
            Encoding::Utf8 => text.into_bytes(),
            Encoding::Gb2312 => {
                let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
                assert!(!unmappable, "{}: text not in GBK", self.name);
                bytes.into_owned()
            }
        }
    }

    fn declaration(&self) -> &'static str {
        match (self.kind, self.style, self.encoding) {
            (_, _, Encoding::Gb2312) => r#"<?xml version="1.0" encoding="gb2312"?>"#,
            (XmlKind::SpreadsheetMl, Style::Office, _) => r#"<?xml version="1.0"?>"#,
            (XmlKind::SpreadsheetMl, Style::Minimal, _) => {
                r#"<?xml version="1.0" encoding="UTF-8"?>"#
            }
            (XmlKind::WordMl, _, _) => r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        }
    }

    fn workbook(&self) -> String {
        let sheets: Vec<SheetOut> = self
            .parts
            .iter()
            .map(|part| match part {
                Part::Dept(f) => form_sheet_cells::<SheetOut>(f),
                Part::Proj(f) => grid_sheet_cells::<SheetOut>(&project_layout::sheet(f)),
                Part::Nat(f) => grid_sheet_cells::<SheetOut>(&national::sheet(f)),
                Part::Plain(name, rows) => plain_sheet(name, rows),
            })
            .collect();
        let mut out = String::from(self.declaration());
        out.push('\n');
        out.push_str("<?mso-application progid=\"Excel.Sheet\"?>\n");
        match self.style {
            Style::Office => {
                out.push_str(concat!(
                    "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"\n",
                    " xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n",
                    " xmlns:x=\"urn:schemas-microsoft-com:office:excel\"\n",
                    " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"\n",
                    " xmlns:html=\"http://www.w3.org/TR/REC-html40\">\n",
                    " <DocumentProperties xmlns=\"urn:schemas-microsoft-com:office:office\">\n",
                    "  <Author>财政局</Author>\n",
                    "  <LastAuthor>财政局</LastAuthor>\n",
                    "  <Created>2024-01-15T09:30:00Z</Created>\n",
                    "  <Company>财政局</Company>\n",
                    "  <Version>11.9999</Version>\n",
                    " </DocumentProperties>\n",
                    " <ExcelWorkbook xmlns=\"urn:schemas-microsoft-com:office:excel\">\n",
                    "  <WindowHeight>9000</WindowHeight>\n",
                    "  <WindowWidth>15000</WindowWidth>\n",
                    "  <WindowTopX>120</WindowTopX>\n",
                    "  <WindowTopY>60</WindowTopY>\n",
                    "  <ProtectStructure>False</ProtectStructure>\n",
                    "  <ProtectWindows>False</ProtectWindows>\n",
                    " </ExcelWorkbook>\n",
                ));
                out.push_str(OFFICE_STYLES);
            }
            Style::Minimal => {
                out.push_str(concat!(
                    r#"<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">"#,
                    r#"<ss:Styles><ss:Style ss:ID="Default" ss:Name="Normal"/>"#,
                    r#"<ss:Style ss:ID="pct"><ss:NumberFormat ss:Format="Percent"/></ss:Style>"#,
                    r#"<ss:Style ss:ID="n2"><ss:NumberFormat ss:Format="Fixed"/></ss:Style>"#,
                    r#"</ss:Styles>"#
                ));
            }
        }
        for (k, s) in sheets.iter().enumerate() {
            s.write(&mut out, self.style, k == 0);
        }
        match self.style {
            Style::Office => out.push_str("</Workbook>\n"),
            Style::Minimal => out.push_str("</ss:Workbook>"),
        }
        out
    }

    fn document(&self) -> String {
        let mut w = WordWriter {
            style: self.style,
            review: self.review,
            body: String::new(),
            next_id: 0,
            open_bookmarks: Vec::new(),
            titled: false,
        };
        match self.parts.as_slice() {
            [Part::Dept(f)] => w.form(f),
            parts => {
                for (k, part) in parts.iter().enumerate() {
                    if k > 0 {
                        w.plain("", false);
                    }
                    match part {
                        Part::Dept(_) => panic!("{}: a department form goes alone", self.name),
                        Part::Proj(f) => w.items(&project_layout::doc_items(f)),
                        Part::Nat(f) => w.items(&national::doc_items(f)),
                        Part::Plain(_, rows) => {
                            for r in rows {
                                w.plain(r.first().map_or("", String::as_str), false);
                            }
                        }
                    }
                }
            }
        }
        if self.review {
            w.body.push_str(SEAL);
        }
        let mut out = String::from(self.declaration());
        out.push('\n');
        match self.style {
            Style::Office => {
                out.push_str("<?mso-application progid=\"Word.Document\"?>\n");
                out.push_str(&format!(
                    r#"<w:wordDocument {WORD_NS} w:macrosPresent="no" w:embeddedObjPresent="no" w:ocxPresent="no" xml:space="preserve"><w:ignoreElements w:val="http://schemas.microsoft.com/office/word/2003/wordml/sp2"/>{WORD_HEAD}"#
                ));
                let track = if self.review {
                    "<w:trackRevisions/>"
                } else {
                    ""
                };
                out.push_str(&format!(
                    r#"<w:docPr><w:view w:val="print"/><w:zoom w:percent="100"/>{track}<w:doNotEmbedSystemFonts/><w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/></w:compat></w:docPr><w:body><wx:sect>"#
                ));
                out.push_str(&w.body);
                out.push_str(SECT_PR);
                out.push_str("</wx:sect></w:body></w:wordDocument>");
            }
            Style::Minimal => {
                out.push_str(&format!(
                    r#"<w:wordDocument xmlns:w="{W_NS}" xmlns:aml="http://schemas.microsoft.com/aml/2001/core"><w:body>"#
                ));
                out.push_str(&w.body);
                out.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:wordDocument>"#);
            }
        }
        out
    }
}

// ------------------------------------------------------------------ SpreadsheetML

/// Excel 2003's styles for a form: the default, the title, centred and right-aligned
/// lines, bordered table cells and their number formats.
const OFFICE_STYLES: &str = r#" <Styles>
  <Style ss:ID="Default" ss:Name="Normal">
   <Alignment ss:Vertical="Center"/>
   <Borders/>
   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="12"/>
   <Interior/>
   <NumberFormat/>
   <Protection/>
  </Style>
  <Style ss:ID="s21">
   <Alignment ss:Horizontal="Center" ss:Vertical="Center"/>
   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="16" ss:Bold="1"/>
  </Style>
  <Style ss:ID="s22">
   <Alignment ss:Horizontal="Center" ss:Vertical="Center"/>
  </Style>
  <Style ss:ID="s23">
   <Alignment ss:Horizontal="Right" ss:Vertical="Center"/>
  </Style>
  <Style ss:ID="s24">
   <Alignment ss:Vertical="Center" ss:WrapText="1"/>
   <Borders>
    <Border ss:Position="Bottom" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Left" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Right" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Top" ss:LineStyle="Continuous" ss:Weight="1"/>
   </Borders>
   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="10"/>
  </Style>
  <Style ss:ID="s25">
   <Alignment ss:Vertical="Center" ss:WrapText="1"/>
   <Borders>
    <Border ss:Position="Bottom" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Left" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Right" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Top" ss:LineStyle="Continuous" ss:Weight="1"/>
   </Borders>
   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="10"/>
   <NumberFormat ss:Format="0.00%"/>
  </Style>
  <Style ss:ID="s26">
   <Alignment ss:Vertical="Center" ss:WrapText="1"/>
   <Borders>
    <Border ss:Position="Bottom" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Left" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Right" ss:LineStyle="Continuous" ss:Weight="1"/>
    <Border ss:Position="Top" ss:LineStyle="Continuous" ss:Weight="1"/>
   </Borders>
   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="10"/>
   <NumberFormat ss:Format="0.00_ "/>
  </Style>
 </Styles>
"#;

/// What a worksheet anchor holds.
#[derive(Debug, Clone)]
enum Value {
    /// A bordered empty table position.
    Blank,
    Text(String),
    Number {
        value: f64,
        fmt: Option<&'static str>,
        /// A SUM over this many cells directly above.
        sum_above: Option<usize>,
    },
}

/// How an anchor looks, which picks its style.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Look {
    Table,
    Line(LineStyle),
    Plain,
}

#[derive(Debug, Clone)]
struct Anchor {
    value: Value,
    rs: u32,
    cs: u32,
    look: Look,
}

/// A worksheet being laid out: anchors by (row, column), positions covered by merges,
/// column widths in points.
struct SheetOut {
    name: String,
    cells: BTreeMap<(u32, u32), Anchor>,
    covered: HashSet<(u32, u32)>,
    widths: BTreeMap<u32, f64>,
}

impl SheetOut {
    fn put(&mut self, r: u32, c: u32, a: Anchor) {
        for dr in 0..a.rs {
            for dc in 0..a.cs {
                if (dr, dc) != (0, 0) {
                    self.covered.insert((r + dr, c + dc));
                    self.cells.remove(&(r + dr, c + dc));
                }
            }
        }
        self.cells.insert((r, c), a);
    }

    /// Whether `style` writes this anchor: Excel writes every styled cell, an export only
    /// cells with a value or a merge.
    fn written(a: &Anchor, style: Style) -> bool {
        match (&a.value, style) {
            (_, Style::Office) => true,
            (_, Style::Minimal) if a.rs > 1 || a.cs > 1 => true,
            (Value::Blank, Style::Minimal) => false,
            (Value::Text(t), Style::Minimal) => !t.is_empty(),
            (Value::Number { .. }, Style::Minimal) => true,
        }
    }

    fn write(&self, out: &mut String, style: Style, first: bool) {
        let office = style == Style::Office;
        // Element names: Excel writes the default namespace, an export the ss: prefix.
        let el = |name: &str| -> String {
            if office {
                name.to_string()
            } else {
                format!("ss:{name}")
            }
        };
        // Excel's indentation of worksheets, rows and cells.
        let (nl, ind1, ind3, ind4) = if office {
            ("\n", " ", "   ", "    ")
        } else {
            ("", "", "", "")
        };
        let width = self
            .cells
            .iter()
            .map(|(&(_, c), a)| c + a.cs)
            .max()
            .unwrap_or(1);
        let height = self
            .cells
            .keys()
            .chain(self.covered.iter())
            .map(|&(r, _)| r + 1)
            .max()
            .unwrap_or(1);
        out.push_str(&format!(
            r#"{ind1}<{} ss:Name="{}">{nl}"#,
            el("Worksheet"),
            esc(&self.name)
        ));
        if office && first {
            out.push_str(&format!(
                "  <Names>\n   <NamedRange ss:Name=\"Print_Area\" ss:RefersTo=\"='{}'!R1C1:R{height}C{width}\"/>\n  </Names>\n",
                esc(&self.name)
            ));
        }
        if office {
            out.push_str(&format!(
                "  <Table ss:ExpandedColumnCount=\"{width}\" ss:ExpandedRowCount=\"{height}\" x:FullColumns=\"1\"\n   x:FullRows=\"1\" ss:DefaultColumnWidth=\"54\" ss:DefaultRowHeight=\"14.25\">\n"
            ));
            let mut next = 0;
            for (&c, w) in &self.widths {
                let index = if c == next {
                    String::new()
                } else {
                    format!(r#" ss:Index="{}""#, c + 1)
                };
                out.push_str(&format!(
                    "{ind3}<Column{index} ss:AutoFitWidth=\"0\" ss:Width=\"{}\"/>\n",
                    format_number(*w)
                ));
                next = c + 1;
            }
        } else {
            out.push_str("<ss:Table>");
        }
        // The row the reader puts the next <Row> at when it has no ss:Index.
        let mut next_row = 0;
        let mut r = 0;
        while r < height {
            let row: Vec<(u32, &Anchor)> = self
                .cells
                .range((r, 0)..(r + 1, 0))
                .filter(|(_, a)| Self::written(a, style))
                .map(|(&(_, c), a)| (c, a))
                .collect();
            if row.is_empty() {
                let mut n = 1;
                let empty = |r: u32| {
                    !self
                        .cells
                        .range((r, 0)..(r + 1, 0))
                        .any(|(_, a)| Self::written(a, style))
                };
                while r + n < height && empty(r + n) {
                    n += 1;
                }
                if office {
                    // Excel keeps empty rows of a set height, runs of them as one.
                    let index = if r == next_row {
                        String::new()
                    } else {
                        format!(r#" ss:Index="{}""#, r + 1)
                    };
                    let span = if n > 1 {
                        format!(r#" ss:Span="{}""#, n - 1)
                    } else {
                        String::new()
                    };
                    out.push_str(&format!(
                        "{ind3}<Row{index} ss:AutoFitHeight=\"0\" ss:Height=\"14.25\"{span}/>\n"
                    ));
                    next_row = r + n;
                }
                r += n;
                continue;
            }
            let index = if r == next_row {
                String::new()
            } else {
                format!(r#" ss:Index="{}""#, r + 1)
            };
            let auto = if office {
                r#" ss:AutoFitHeight="0""#
            } else {
                ""
            };
            out.push_str(&format!("{ind3}<{}{index}{auto}>{nl}", el("Row")));
            let mut next_col = 0;
            for (c, a) in row {
                let mut attrs = String::new();
                if c != next_col {
                    attrs.push_str(&format!(r#" ss:Index="{}""#, c + 1));
                }
                if a.cs > 1 {
                    attrs.push_str(&format!(r#" ss:MergeAcross="{}""#, a.cs - 1));
                }
                if a.rs > 1 {
                    attrs.push_str(&format!(r#" ss:MergeDown="{}""#, a.rs - 1));
                }
                if let Some(id) = style_id(a, style) {
                    attrs.push_str(&format!(r#" ss:StyleID="{id}""#));
                }
                if let Value::Number {
                    sum_above: Some(n), ..
                } = a.value
                {
                    attrs.push_str(&format!(r#" ss:Formula="=SUM(R[-{n}]C:R[-1]C)""#));
                }
                let data = match &a.value {
                    Value::Blank => None,
                    Value::Text(t) if t.is_empty() => None,
                    Value::Text(t) => Some(("String", data_text(t))),
                    Value::Number { value, .. } => Some(("Number", format_number(*value))),
                };
                match data {
                    None => out.push_str(&format!("{ind4}<{}{attrs}/>{nl}", el("Cell"))),
                    Some((typ, text)) => out.push_str(&format!(
                        r#"{ind4}<{cell}{attrs}><{data} ss:Type="{typ}">{text}</{data}></{cell}>{nl}"#,
                        cell = el("Cell"),
                        data = el("Data"),
                    )),
                }
                next_col = c + a.cs;
            }
            out.push_str(&format!("{ind3}</{}>{nl}", el("Row")));
            next_row = r + 1;
            r += 1;
        }
        if office {
            out.push_str(concat!(
                "  </Table>\n",
                "  <WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\">\n",
                "   <PageSetup>\n",
                "    <Layout x:Orientation=\"Landscape\"/>\n",
                "    <Header x:Margin=\"0.5\" x:Data=\"&amp;C页眉：仅供内部使用\"/>\n",
                "    <Footer x:Margin=\"0.5\" x:Data=\"&amp;C第 &amp;P 页\"/>\n",
                "   </PageSetup>\n",
                "   <Print>\n",
                "    <ValidPrinterInfo/>\n",
                "    <PaperSizeIndex>9</PaperSizeIndex>\n",
                "   </Print>\n",
            ));
            if first {
                out.push_str("   <Selected/>\n");
            }
            out.push_str(concat!(
                "   <ProtectObjects>False</ProtectObjects>\n",
                "   <ProtectScenarios>False</ProtectScenarios>\n",
                "  </WorksheetOptions>\n",
            ));
            out.push_str(" </Worksheet>\n");
        } else {
            out.push_str("</ss:Table></ss:Worksheet>");
        }
    }
}

/// A cell's style: Excel's by look and number format, an export's for numbers only.
fn style_id(a: &Anchor, style: Style) -> Option<&'static str> {
    let fmt = match a.value {
        Value::Number { fmt, .. } => fmt,
        _ => None,
    };
    match style {
        Style::Office => match (a.look, fmt) {
            (Look::Table, Some(f)) if f.contains('%') => Some("s25"),
            (Look::Table, Some(_)) => Some("s26"),
            (Look::Table, None) => Some("s24"),
            (Look::Line(LineStyle::Title), _) => Some("s21"),
            (Look::Line(LineStyle::Center), _) => Some("s22"),
            (Look::Line(LineStyle::Right), _) => Some("s23"),
            (Look::Line(LineStyle::Left) | Look::Plain, _) => None,
        },
        Style::Minimal => match fmt {
            Some(f) if f.contains('%') => Some("pct"),
            Some(_) => Some("n2"),
            None => None,
        },
    }
}

/// Cell text as Excel writes it: markup escaped, line breaks as `&#10;`.
fn data_text(s: &str) -> String {
    esc(s).replace('\n', "&#10;")
}

impl SheetCells for SheetOut {
    fn named(name: &str) -> Self {
        SheetOut {
            name: name.to_string(),
            cells: BTreeMap::new(),
            covered: HashSet::new(),
            widths: BTreeMap::new(),
        }
    }

    /// A line above or below a table, as the xlsx renderer writes it: merged across the
    /// table unless it stands in its first cell.
    fn line(&mut self, r: u32, c0: u32, ncols: u32, text: &str, style: LineStyle) {
        let cs = if style == LineStyle::Left { 1 } else { ncols };
        self.put(
            r,
            c0,
            Anchor {
                value: Value::Text(text.to_string()),
                rs: 1,
                cs,
                look: Look::Line(style),
            },
        );
    }

    fn table(&mut self, l: &Layout, top: u32, c0: u32) {
        for (k, w) in l.widths.iter().enumerate() {
            self.widths.insert(c0 + k as u32, *w as f64 / 20.0);
        }
        for r in 0..l.rows.len() as u32 {
            for c in 0..l.ncols as u32 {
                self.cells.insert(
                    (top + r, c0 + c),
                    Anchor {
                        value: Value::Blank,
                        rs: 1,
                        cs: 1,
                        look: Look::Table,
                    },
                );
            }
        }
        for (ri, row) in l.rows.iter().enumerate() {
            let r = top + ri as u32;
            for a in row {
                let value = match &a.content {
                    Content::Num {
                        value,
                        fmt,
                        sum_above,
                        ..
                    } => Value::Number {
                        value: *value,
                        fmt: *fmt,
                        sum_above: *sum_above,
                    },
                    Content::Paras(_) => Value::Text(a.content.flat()),
                };
                self.put(
                    r,
                    c0 + a.col as u32,
                    Anchor {
                        value,
                        rs: a.rs as u32,
                        cs: a.cs as u32,
                        look: Look::Table,
                    },
                );
            }
        }
    }
}

fn plain_sheet(name: &str, rows: &[Vec<String>]) -> SheetOut {
    let mut s = SheetOut::named(name);
    s.widths.insert(0, 300.0);
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let value = match v.parse::<f64>() {
                Ok(n) => Value::Number {
                    value: n,
                    fmt: None,
                    sum_above: None,
                },
                Err(_) => Value::Text(v.clone()),
            };
            s.put(
                r as u32,
                c as u32,
                Anchor {
                    value,
                    rs: 1,
                    cs: 1,
                    look: Look::Plain,
                },
            );
        }
    }
    s
}

// ------------------------------------------------------------------ WordML

const W_NS: &str = "http://schemas.microsoft.com/office/word/2003/wordml";

const WORD_NS: &str = concat!(
    r#"xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:sl="http://schemas.microsoft.com/schemaLibrary/2003/core" "#,
    r#"xmlns:aml="http://schemas.microsoft.com/aml/2001/core" "#,
    r#"xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:dt="uuid:C2F41010-65B3-11d1-A29F-00AA00C14882""#
);

/// What Word 2003 writes before the body: properties, fonts, styles.
const WORD_HEAD: &str = concat!(
    "<o:DocumentProperties><o:Title>绩效目标表</o:Title><o:Author>财政局</o:Author>",
    "<o:LastAuthor>审核人</o:LastAuthor><o:Revision>2</o:Revision><o:TotalTime>12</o:TotalTime>",
    "<o:Created>2024-01-15T09:30:00Z</o:Created><o:LastSaved>2024-01-15T09:42:00Z</o:LastSaved>",
    "<o:Company>财政局</o:Company><o:Version>11.9999</o:Version></o:DocumentProperties>",
    r#"<w:fonts><w:defaultFonts w:ascii="Times New Roman" w:fareast="宋体" w:h-ansi="Times New Roman" w:cs="Times New Roman"/>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose-1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="Auto"/><w:pitch w:val="variable"/><w:sig w:usb-0="00000003" w:usb-1="288F0000" w:usb-2="00000016" w:usb-3="00000000" w:csb-0="00040001" w:csb-1="00000000"/></w:font></w:fonts>"#,
    r#"<w:styles><w:versionOfBuiltInStylenames w:val="4"/><w:latentStyles w:defLockedState="off" w:latentStyleCount="156"/>"#,
    r#"<w:style w:type="paragraph" w:default="on" w:styleId="a"><w:name w:val="Normal"/><wx:uiName wx:val="正文"/><w:pPr><w:widowControl w:val="off"/><w:jc w:val="both"/></w:pPr><w:rPr><wx:font wx:val="宋体"/><w:kern w:val="2"/><w:sz w:val="21"/><w:lang w:val="EN-US" w:fareast="ZH-CN"/></w:rPr></w:style>"#,
    r#"<w:style w:type="character" w:default="on" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><wx:uiName wx:val="默认段落字体"/></w:style>"#,
    r#"<w:style w:type="table" w:default="on" w:styleId="a1"><w:name w:val="Normal Table"/><wx:uiName wx:val="普通表格"/><w:rPr><wx:font wx:val="Times New Roman"/></w:rPr><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="header"/><wx:uiName wx:val="页眉"/><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>"#,
    r#"<w:style w:type="character" w:styleId="a5"><w:name w:val="annotation reference"/><wx:uiName wx:val="批注引用"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style>"#,
    "</w:styles>"
);

/// The section's properties, with a page header and footer that are no part of the body.
const SECT_PR: &str = concat!(
    r#"<w:sectPr><w:hdr w:type="odd"><w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>页眉：仅供内部使用</w:t></w:r></w:p></w:hdr>"#,
    r#"<w:ftr w:type="odd"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>第 1 页</w:t></w:r></w:p></w:ftr>"#,
    r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/>"#,
    r#"<w:cols w:space="425"/><w:docGrid w:type="lines" w:line-pitch="312"/></w:sectPr>"#
);

/// A seal pasted below the form: a picture's base64 data (a 1×1 PNG) in `w:binData`.
const SEAL: &str = concat!(
    r#"<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:pict><w:binData w:name="wordml://02000001.png" xml:space="preserve">"#,
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    r##"</w:binData><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:60pt;height:60pt"><v:imagedata src="wordml://02000001.png" o:title="公章"/></v:shape></w:pict></w:r></w:p>"##
);

const REVIEWER: &str = r#"aml:author="审核人" aml:createdate="2024-01-15T09:30:00Z""#;

/// A WordML body being written.
struct WordWriter {
    style: Style,
    review: bool,
    body: String,
    /// The next `aml:id` (tracked changes, bookmarks and comments share them).
    next_id: usize,
    open_bookmarks: Vec<usize>,
    /// Whether the first title (which gets the review marks) was written.
    titled: bool,
}

impl WordWriter {
    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id - 1
    }

    /// One run of text; `title` in the title's bold 18 pt.
    fn run(&mut self, s: &str, title: bool) {
        let rpr = match (self.style, title) {
            (Style::Office, true) => {
                r#"<w:rPr><w:rFonts w:hint="fareast"/><wx:font wx:val="宋体"/><w:b/><w:sz w:val="36"/></w:rPr>"#
            }
            (Style::Office, false) => r#"<w:rPr><w:rFonts w:hint="fareast"/></w:rPr>"#,
            (Style::Minimal, true) => "<w:rPr><w:b/></w:rPr>",
            (Style::Minimal, false) => "",
        };
        self.body
            .push_str(&format!("<w:r>{rpr}<w:t>{}</w:t></w:r>", esc(s)));
    }

    fn para(&mut self, pieces: &[Piece], chunk: Option<usize>, title: bool) {
        self.body.push_str("<w:p>");
        if self.style == Style::Office {
            let jc = if title { "center" } else { "left" };
            self.body
                .push_str(&format!(r#"<w:pPr><w:jc w:val="{jc}"/></w:pPr>"#));
        }
        let review = title && self.review && !self.titled;
        let comment = if review {
            let id = self.id();
            self.body.push_str(&format!(
                r#"<aml:annotation aml:id="{id}" w:type="Word.Comment.Start"/>"#
            ));
            Some(id)
        } else {
            None
        };
        for piece in pieces {
            match piece {
                Piece::Text(s) => match chunk {
                    // As runs of at most `n` characters, as the docx renderer writes them.
                    Some(n) => {
                        let chars: Vec<char> = s.chars().collect();
                        for c in chars.chunks(n) {
                            self.run(&c.iter().collect::<String>(), title);
                        }
                    }
                    None => self.run(s, title),
                },
                Piece::Br => self.body.push_str("<w:r><w:br/></w:r>"),
                Piece::BookmarkStart(name) => {
                    let id = self.id();
                    self.open_bookmarks.push(id);
                    self.body.push_str(&format!(
                        r#"<aml:annotation aml:id="{id}" w:type="Word.Bookmark.Start" w:name="{}"/>"#,
                        esc(name)
                    ));
                }
                Piece::BookmarkEnd => {
                    if let Some(id) = self.open_bookmarks.pop() {
                        self.body.push_str(&format!(
                            r#"<aml:annotation aml:id="{id}" w:type="Word.Bookmark.End"/>"#
                        ));
                    }
                }
                Piece::Ins(s) => {
                    let id = self.id();
                    self.body.push_str(&format!(
                        r#"<aml:annotation aml:id="{id}" w:type="Word.Insertion" {REVIEWER}><aml:content><w:r><w:t>{}</w:t></w:r></aml:content></aml:annotation>"#,
                        esc(s)
                    ));
                }
                Piece::Del(s) => self.deletion(s),
            }
        }
        if let Some(id) = comment {
            self.deletion("（征求意见稿）");
            self.body.push_str(&format!(
                r#"<aml:annotation aml:id="{id}" w:type="Word.Comment.End"/><w:r><w:rPr><w:rStyle w:val="a5"/></w:rPr><aml:annotation aml:id="{id}" {REVIEWER} w:type="Word.Comment" w:initials="SH"><aml:content><w:p><w:r><w:rPr><w:rStyle w:val="a5"/></w:rPr><w:annotationRef/></w:r><w:r><w:t>请核对项目名称与预算一致</w:t></w:r></w:p></aml:content></aml:annotation></w:r>"#
            ));
            self.titled = true;
        }
        self.body.push_str("</w:p>");
    }

    fn deletion(&mut self, s: &str) {
        let id = self.id();
        self.body.push_str(&format!(
            r#"<aml:annotation aml:id="{id}" w:type="Word.Deletion" {REVIEWER}><aml:content><w:r><w:delText>{}</w:delText></w:r></aml:content></aml:annotation>"#,
            esc(s)
        ));
    }

    fn plain(&mut self, s: &str, title: bool) {
        if s.is_empty() {
            self.body.push_str(match self.style {
                Style::Office => r#"<w:p><w:pPr><w:jc w:val="left"/></w:pPr></w:p>"#,
                Style::Minimal => "<w:p/>",
            });
        } else {
            self.para(&[Piece::Text(s.to_string())], None, title);
        }
    }

    fn cell_content(&mut self, c: &Content, chunk: Option<usize>) {
        match c {
            Content::Num { text, .. } => self.para(&[Piece::Text(text.clone())], chunk, false),
            Content::Paras(ps) if ps.is_empty() => self.plain("", false),
            Content::Paras(ps) => {
                for p in ps {
                    if p.is_empty() {
                        self.plain("", false);
                    } else {
                        self.para(p, chunk, false);
                    }
                }
            }
        }
    }

    /// A table as Word writes it: every grid position once, an anchor with its
    /// `w:gridSpan` and `w:vmerge w:val="restart"`, the positions below it as continuation
    /// cells (rows cut at the range's end), as the docx renderer draws them.
    fn table(&mut self, l: &Layout, rows: std::ops::Range<usize>, chunk: Option<usize>) {
        let office = self.style == Style::Office;
        let cont = l.continuations(rows.clone());
        let width = |col: usize, cs: usize| l.widths[col..col + cs].iter().sum::<usize>();
        if office {
            self.body.push_str(concat!(
                r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>"#,
                r#"<w:top w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="000000"/>"#,
                r#"<w:left w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="000000"/>"#,
                r#"<w:bottom w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="000000"/>"#,
                r#"<w:right w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="000000"/>"#,
                r#"<w:insideH w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="000000"/>"#,
                r#"<w:insideV w:val="single" w:sz="4" wx:bdrwidth="10" w:space="0" w:color="000000"/>"#,
                r#"</w:tblBorders><w:tblLayout w:type="Fixed"/><w:tblLook w:val="01E0"/></w:tblPr>"#
            ));
        } else {
            self.body.push_str("<w:tbl>");
        }
        self.body.push_str("<w:tblGrid>");
        for w in &l.widths {
            self.body.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
        }
        self.body.push_str("</w:tblGrid>");
        for r in rows {
            self.body.push_str("<w:tr>");
            if office {
                self.body
                    .push_str(r#"<w:trPr><w:trHeight w:val="454"/></w:trPr>"#);
            }
            let mut col = 0;
            while col < l.ncols {
                if let Some(a) = l.rows[r].iter().find(|c| c.col == col) {
                    let vmerge = a.rs > 1;
                    self.cell_start(width(col, a.cs), a.cs, vmerge.then_some(true));
                    self.cell_content(&a.content, chunk);
                    col += a.cs;
                } else if let Some(&cs) = cont.get(&(r, col)) {
                    self.cell_start(width(col, cs), cs, Some(false));
                    self.plain("", false);
                    col += cs;
                } else {
                    self.cell_start(width(col, 1), 1, None);
                    self.plain("", false);
                    col += 1;
                }
                self.body.push_str("</w:tc>");
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
    }

    /// Opens a cell: its width, span and vertical merge mark (`Some(true)` restarts a
    /// merge, `Some(false)` continues one).
    fn cell_start(&mut self, width: usize, span: usize, vmerge: Option<bool>) {
        let office = self.style == Style::Office;
        let mut pr = String::new();
        if office {
            pr.push_str(&format!(r#"<w:tcW w:w="{width}" w:type="dxa"/>"#));
        }
        if span > 1 {
            pr.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
        }
        match (vmerge, office) {
            (Some(true), _) => pr.push_str(r#"<w:vmerge w:val="restart"/>"#),
            // Word writes a continuation without a value; exports spell it out.
            (Some(false), true) => pr.push_str("<w:vmerge/>"),
            (Some(false), false) => pr.push_str(r#"<w:vmerge w:val="continue"/>"#),
            (None, _) => {}
        }
        if office {
            pr.push_str(r#"<w:vAlign w:val="center"/>"#);
        }
        if pr.is_empty() {
            self.body.push_str("<w:tc>");
        } else {
            self.body.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>"));
        }
    }

    /// One department form, as the docx renderer draws it.
    fn form(&mut self, f: &Form) {
        let l = layout(f);
        let p = &f.p;
        self.plain(&p.title, true);
        if let Some(u) = &p.unit_text {
            self.plain(&format!("{}{}", " ".repeat(49), u), false);
        }
        match l.split_at {
            Some(k) => {
                self.table(&l, 0..k, p.run_chunk);
                self.plain("", false);
                self.plain("（续表）", false);
                self.table(&l, k..l.rows.len(), p.run_chunk);
            }
            None => self.table(&l, 0..l.rows.len(), p.run_chunk),
        }
    }

    fn items(&mut self, items: &[DocItem]) {
        for item in items {
            match item {
                DocItem::Title(s) => self.plain(s, true),
                DocItem::Para(s) => self.plain(s, false),
                DocItem::Table(l) => self.table(l, 0..l.rows.len(), None),
            }
        }
    }
}
