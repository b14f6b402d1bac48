//! Word 2007+ (.docx/.docm) reader: the body of the main document part as paragraphs and
//! tables in reading order.
//!
//! Why a streaming quick-xml pass and not docx-rs: a bulk load reads tens of thousands of
//! filings, some with 15 MB tables, some hostile. docx-rs builds a full object model of every
//! part (styles, numbering, comments, …) before we can look at a single cell, allocates per
//! property, and gives back tables whose vertical merges still have to be resolved by hand.
//! We need only the text and the merge geometry of one part, so we read `document.xml` once,
//! event by event, borrowing text from the inflated buffer, and build the `Grid`s as the rows
//! go by. Namespaces are matched by URI (transitional and strict), so files written by other
//! tools with other prefixes read the same. Nothing is expanded from a DTD, depth and cell
//! counts are bounded, and every zip entry is inflated through `Read::take`.
//!
//! Decisions worth knowing:
//! - Tracked changes are read as accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped.
//! - Complex fields keep only their result (between `separate` and `end`); `w:instrText` never
//!   shows. Field state is saved and restored around every table cell and text box, so a broken
//!   field cannot hide the rest of the document.
//! - `mc:AlternateContent`: only the first branch (`mc:Choice`, usually) is read; the others
//!   repeat the same content for older readers.
//! - Text boxes in body paragraphs become paragraphs right after their host paragraph. Text
//!   boxes inside tables are skipped: floating text over a form must not change a cell.
//! - Nested tables do not make grids: each nested row becomes one paragraph of the containing
//!   cell, its cells joined by '\t' (paragraphs inside a nested cell joined by ' ').
//! - Continuation cells of a vertical (`w:vMerge`) or legacy horizontal (`w:hMerge`) merge are
//!   covered by their anchor; any text in them is dropped, as Word does not show it.
//! - Empty cells that are not merge anchors are not stored; empty body paragraphs are dropped.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use zip::result::ZipError;

use crate::error::ReadError;
use crate::grid::{Block, Cell, Document, Grid, GridKind, Paragraph, Section};
use crate::limits::Limits;

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const REL_OFFICE_DOCUMENT: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// Word itself stops at 63 columns; this leaves room for other writers while keeping the
/// per-column merge bookkeeping small whatever `w:gridSpan` claims.
const MAX_GRID_COLS: u32 = 16_384;

/// Reads a .docx/.docm file into one section: body paragraphs and top-level tables in
/// reading order.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = limits.max_inflated_bytes;
    let main = main_part_name(&mut zip, limits, &mut budget)?;
    let xml = read_entry(&mut zip, &main, limits, &mut budget)?
        .ok_or_else(|| ReadError::Corrupt("找不到 Word 正文部件（word/document.xml）".into()))?;
    let text = decode_xml(&xml);
    let blocks = Parser::new(limits).run(&text)?;
    Ok(Document {
        sections: vec![Section { blocks }],
    })
}

fn zip_error(e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => ReadError::Encrypted,
        ZipError::InvalidPassword => ReadError::Encrypted,
        e => ReadError::from(e),
    }
}

/// Finds the entry whose name matches `name`, exactly or else ignoring ASCII case (some
/// writers disagree with their own relationship targets about case).
fn find_entry(zip: &zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    if zip.index_for_name(name).is_some() {
        return Some(name.to_string());
    }
    zip.file_names()
        .flatten()
        .find(|n| n.eq_ignore_ascii_case(name))
        .map(|n| n.into_owned())
}

/// Inflates one entry, at most `limits.max_inflated_bytes` and at most what is left of the
/// per-file budget. `Ok(None)` when the entry does not exist.
fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, ReadError> {
    let Some(real) = find_entry(zip, name) else {
        return Ok(None);
    };
    let file = zip.by_name(&real).map_err(zip_error)?;
    let allowed = limits.max_inflated_bytes.min(*budget);
    // An entry that declares more than is allowed is refused before inflating anything: the
    // zip crate stops an entry at its declared size, so an honest bomb is caught here at no
    // cost and a lying one fails at its (small) declared size.
    if file.size() > allowed {
        return Err(ReadError::TooLarge(format!(
            "压缩包条目 {real} 解压后为 {} 字节，超过上限 {} 字节（疑似压缩炸弹）",
            file.size(),
            allowed
        )));
    }
    // The declared size is only a hint for the first allocation, never trusted beyond it.
    let hint = file.size().min(allowed).min(64 << 20) as usize;
    let mut buf = Vec::with_capacity(hint);
    file.take(allowed.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Corrupt(format!("压缩包条目 {real} 无法解压（{e}）")))?;
    if buf.len() as u64 > allowed {
        return Err(if allowed < limits.max_inflated_bytes {
            ReadError::TooLarge(format!(
                "文件解压后内容合计超过 {} 字节",
                limits.max_inflated_bytes
            ))
        } else {
            ReadError::TooLarge(format!(
                "压缩包条目 {real} 解压后超过 {} 字节",
                limits.max_inflated_bytes
            ))
        });
    }
    *budget -= buf.len() as u64;
    Ok(Some(buf))
}

/// The main document part named by the package relationships, or `word/document.xml` when the
/// relationships are missing, broken or point nowhere.
fn main_part_name(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
    budget: &mut u64,
) -> Result<String, ReadError> {
    let Some(rels) = read_entry(zip, "_rels/.rels", limits, budget)? else {
        return Ok(DEFAULT_MAIN_PART.into());
    };
    let rels = decode_xml(&rels);
    if let Some(target) = office_document_target(&rels)
        && find_entry(zip, &target).is_some()
    {
        return Ok(target);
    }
    Ok(DEFAULT_MAIN_PART.into())
}

/// The target of the officeDocument relationship, as a zip entry name. `None` on any trouble:
/// the caller falls back to the usual name.
fn office_document_target(rels: &str) -> Option<String> {
    let mut reader = quick_xml::reader::Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "Relationship" => {
                let ty = attr(&e, "Type");
                if !ty
                    .as_deref()
                    .is_some_and(|t| REL_OFFICE_DOCUMENT.contains(&t.trim()))
                {
                    continue;
                }
                if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                let target = attr(&e, "Target")?;
                let target = target.trim().trim_start_matches('/');
                let target = target.strip_prefix("./").unwrap_or(target);
                if target.is_empty() {
                    return None;
                }
                return Some(target.to_string());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Decodes an XML part: UTF-8 (with or without BOM) borrowed as is, UTF-16 by its BOM.
/// Invalid UTF-8 is replaced rather than refused: one bad byte in a run must not lose the form.
fn decode_xml(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::Encoding::for_bom(bytes)
            .map(|(enc, _)| enc)
            .unwrap_or(encoding_rs::UTF_16LE)
            .decode(bytes);
        // The prolog may still say encoding="UTF-16"; quick-xml reads the str as is.
        return Cow::Owned(text.into_owned());
    }
    String::from_utf8_lossy(bytes)
}

/// The value of the first attribute with this local name, whatever its prefix.
fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<Cow<'a, str>> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .map(|a| a.value)
}

/// A small non-negative integer attribute (`w:val` of spans), clamped to `max`.
fn val_u32(e: &BytesStart<'_>, max: u32) -> Option<u32> {
    let v = attr(e, "val")?;
    let n: u64 = v.trim().parse().ok()?;
    Some(n.min(u64::from(max)) as u32)
}

/// What an element is to the reader; kept on a stack so end tags need no name lookup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Other,
    P,
    R,
    T,
    /// A top-level table (one grid).
    Tbl,
    Tr,
    Tc,
    TcPr,
    TrPr,
    TblGrid,
    /// A table nested in a cell or text box, flattened into paragraphs.
    NTbl,
    NTr,
    NTc,
    TxbxContent,
    /// `mc:AlternateContent` before and after its first branch was taken.
    Alt,
    AltTaken,
}

/// Which namespace an element is in, as far as this reader cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

/// State of a merge mark on a cell (`w:vMerge`, `w:hMerge`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}

/// Per grid column: the anchor stored for a vertical merge there, and the row that last
/// covered the column. A continuation only joins an anchor seen in the row just above.
#[derive(Clone, Copy, Default)]
struct VSlot {
    anchor: Option<usize>,
    row: u32,
}

/// A top-level table being built.
struct TopTable {
    grid: Grid,
    rows: u32,
    row: u32,
    in_row: bool,
    in_cell: bool,
    col: u32,
    row_has_cell: bool,
    grid_after: u32,
    width: u32,
    grid_cols: u32,
    hmerge_anchor: Option<usize>,
    vslots: Vec<VSlot>,
    // The cell being read.
    span: u32,
    vmerge: Merge,
    hmerge: Merge,
    text: String,
    paras: u32,
}

impl TopTable {
    fn new(index: u32) -> Self {
        TopTable {
            grid: Grid::new(GridKind::Table { index }),
            rows: 0,
            row: 0,
            in_row: false,
            in_cell: false,
            col: 0,
            row_has_cell: false,
            grid_after: 0,
            width: 0,
            grid_cols: 0,
            hmerge_anchor: None,
            vslots: Vec::new(),
            span: 1,
            vmerge: Merge::None,
            hmerge: Merge::None,
            text: String::new(),
            paras: 0,
        }
    }

    fn index(&self) -> u32 {
        match self.grid.kind {
            GridKind::Table { index } => index,
            GridKind::Sheet { .. } => 0,
        }
    }

    fn start_row(&mut self) {
        self.row = self.rows;
        self.rows += 1;
        self.in_row = true;
        self.col = 0;
        self.row_has_cell = false;
        self.grid_after = 0;
        self.hmerge_anchor = None;
    }

    fn end_row(&mut self) {
        self.in_row = false;
        self.width = self
            .width
            .max(self.col.saturating_add(self.grid_after).min(MAX_GRID_COLS));
    }

    fn start_cell(&mut self) {
        self.in_cell = true;
        self.row_has_cell = true;
        self.span = 1;
        self.vmerge = Merge::None;
        self.hmerge = Merge::None;
        self.text.clear();
        self.paras = 0;
    }

    fn too_wide(&self) -> ReadError {
        ReadError::TooLarge(format!("表格 {} 的列数超过 {MAX_GRID_COLS}", self.index()))
    }

    fn set_vslots(&mut self, from: u32, to: u32, anchor: Option<usize>) {
        let row = self.row;
        if let Some(slots) = self.vslots.get_mut(from as usize..to as usize) {
            for s in slots {
                *s = VSlot { anchor, row };
            }
        }
    }

    /// Places the finished cell on the grid: a new anchor, or an extension of the anchor it
    /// continues.
    fn end_cell(&mut self, max_cells: usize) -> Result<(), ReadError> {
        self.in_cell = false;
        let (r, c) = (self.row, self.col);
        let span = self.span.max(1);
        let end = c.saturating_add(span);
        if end > MAX_GRID_COLS {
            return Err(self.too_wide());
        }
        self.col = end;
        if self.vslots.len() < end as usize {
            self.vslots.resize(end as usize, VSlot::default());
        }

        if self.hmerge == Merge::Continue
            && let Some(a) = self.hmerge_anchor
            && let Some(anchor) = self.grid.cells.get_mut(a)
        {
            anchor.col_span = end.saturating_sub(anchor.col).max(1);
            self.set_vslots(c, end, None);
            return Ok(());
        }

        if self.vmerge == Merge::Continue && r > 0 {
            let above = self
                .vslots
                .get(c as usize)
                .filter(|s| s.row + 1 == r)
                .and_then(|s| s.anchor);
            if let Some(a) = above
                && let Some(anchor) = self.grid.cells.get_mut(a)
            {
                anchor.row_span = r - anchor.row + 1;
                self.set_vslots(c, end, Some(a));
                self.hmerge_anchor = None;
                return Ok(());
            }
        }

        // A continuation with nothing to continue starts its own region.
        let vertical = self.vmerge != Merge::None;
        let horizontal = self.hmerge != Merge::None;
        if self.text.is_empty() && span == 1 && !vertical && !horizontal {
            self.set_vslots(c, end, None);
            self.hmerge_anchor = None;
            return Ok(());
        }
        if self.grid.cells.len() >= max_cells {
            return Err(ReadError::TooLarge(format!(
                "表格 {} 的单元格数超过 {max_cells}",
                self.index()
            )));
        }
        let idx = self.grid.cells.len();
        self.grid.push(Cell {
            row: r,
            col: c,
            row_span: 1,
            col_span: span,
            text: std::mem::take(&mut self.text),
            src_row: r + 1,
            src_col: c + 1,
            number: None,
            percent_format: None,
        });
        self.set_vslots(c, end, vertical.then_some(idx));
        self.hmerge_anchor = horizontal.then_some(idx);
        Ok(())
    }

    fn finish(mut self) -> Grid {
        let mut n_rows = self.rows;
        let mut n_cols = self.width.max(self.grid_cols);
        for c in &self.grid.cells {
            n_rows = n_rows.max(c.last_row() + 1);
            n_cols = n_cols.max(c.last_col() + 1);
        }
        self.grid.n_rows = n_rows;
        self.grid.n_cols = n_cols;
        self.grid.finish();
        self.grid
    }
}

/// A nested table being flattened: one line per row.
#[derive(Default)]
struct NestedTable {
    line: String,
    cell: String,
    row_cells: u32,
    in_row: bool,
    in_cell: bool,
}

/// Where finished paragraphs go (the body itself is the bottom of the stack, not stored).
enum Container {
    TextBox(Vec<String>),
    Top(Box<TopTable>),
    Nested(NestedTable),
}

/// The streaming pass over the main document part.
struct Parser<'l> {
    limits: &'l Limits,
    kinds: Vec<Kind>,
    /// Depth inside an element being skipped (0 = not skipping).
    skip: usize,
    /// Text of the open paragraphs; each open paragraph starts at an offset in `pstarts`
    /// (a text box paragraph nests inside its host paragraph).
    ptext: String,
    pstarts: Vec<usize>,
    containers: Vec<Container>,
    blocks: Vec<Block>,
    /// Text box paragraphs waiting for their host body paragraph to be emitted.
    pending: Vec<String>,
    /// Open complex fields, innermost last: true while still in the field code.
    fields: Vec<bool>,
    field_code: usize,
    field_saves: Vec<(Vec<bool>, usize)>,
    tables: u32,
}

impl<'l> Parser<'l> {
    fn new(limits: &'l Limits) -> Self {
        Parser {
            limits,
            kinds: Vec::with_capacity(64),
            skip: 0,
            ptext: String::with_capacity(1024),
            pstarts: Vec::new(),
            containers: Vec::new(),
            blocks: Vec::new(),
            pending: Vec::new(),
            fields: Vec::new(),
            field_code: 0,
            field_saves: Vec::new(),
            tables: 0,
        }
    }

    fn run(mut self, xml: &str) -> Result<Vec<Block>, ReadError> {
        let mut reader = NsReader::from_str(xml);
        // Word never writes a bare '&', but other tools do; keep it as text.
        reader.config_mut().allow_dangling_amp = true;
        reader.resolver_mut().set_max_namespace_bindings(1024);
        loop {
            match reader.read_event()? {
                Event::Start(e) => {
                    if self.skip > 0 {
                        self.skip += 1;
                    } else {
                        let ns = classify(reader.resolver().resolve_element(e.name()).0);
                        self.start(ns, &e)?;
                    }
                    self.check_depth()?;
                }
                Event::Empty(e) => {
                    if self.skip == 0 {
                        let ns = classify(reader.resolver().resolve_element(e.name()).0);
                        self.start(ns, &e)?;
                        self.check_depth()?;
                        self.end()?;
                    }
                }
                Event::End(_) => self.end()?,
                Event::Text(t) => {
                    if self.in_text() {
                        self.ptext.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if self.in_text() {
                        self.ptext.push_str(&t);
                    }
                }
                Event::GeneralRef(r) => {
                    if self.in_text() {
                        match r.resolve_char_ref() {
                            Ok(Some(ch)) => self.ptext.push(ch),
                            Ok(None) => match &*r {
                                "lt" => self.ptext.push('<'),
                                "gt" => self.ptext.push('>'),
                                "amp" => self.ptext.push('&'),
                                "apos" => self.ptext.push('\''),
                                "quot" => self.ptext.push('"'),
                                // Declared entities are never expanded; keep the reference.
                                name => {
                                    self.ptext.push('&');
                                    self.ptext.push_str(name);
                                    self.ptext.push(';');
                                }
                            },
                            Err(_) => {}
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !self.kinds.is_empty() || self.skip > 0 {
            return Err(ReadError::Corrupt(
                "Word 正文 XML 不完整（意外结束）".into(),
            ));
        }
        self.flush_pending();
        Ok(self.blocks)
    }

    fn check_depth(&self) -> Result<(), ReadError> {
        if self.kinds.len() + self.skip > self.limits.max_xml_depth {
            return Err(ReadError::TooLarge(format!(
                "XML 嵌套层数超过 {}",
                self.limits.max_xml_depth
            )));
        }
        Ok(())
    }

    fn in_text(&self) -> bool {
        self.skip == 0
            && self.field_code == 0
            && !self.pstarts.is_empty()
            && self.kinds.last() == Some(&Kind::T)
    }

    fn parent(&self) -> Option<Kind> {
        self.kinds.last().copied()
    }

    /// Adds a character produced by a run element (tab, break …).
    fn run_char(&mut self, ch: char) {
        if self.parent() == Some(Kind::R) && self.field_code == 0 && !self.pstarts.is_empty() {
            self.ptext.push(ch);
        }
    }

    fn top_table(&mut self) -> Option<&mut TopTable> {
        match self.containers.last_mut() {
            Some(Container::Top(t)) => Some(t),
            _ => None,
        }
    }

    fn start(&mut self, ns: Ns, e: &BytesStart<'_>) -> Result<(), ReadError> {
        let local = e.local_name().into_inner();
        let kind = match ns {
            Ns::W => match local {
                "p" => {
                    self.pstarts.push(self.ptext.len());
                    Kind::P
                }
                "r" => Kind::R,
                "t" => Kind::T,
                "tab" | "ptab" => {
                    self.run_char('\t');
                    Kind::Other
                }
                "br" | "cr" => {
                    self.run_char('\n');
                    Kind::Other
                }
                "noBreakHyphen" => {
                    self.run_char('-');
                    Kind::Other
                }
                "fldChar" => {
                    self.field_char(e);
                    Kind::Other
                }
                "tbl" => self.start_table(),
                "tr" => self.start_row(),
                "tc" => self.start_cell(),
                "tcPr" if self.parent() == Some(Kind::Tc) => Kind::TcPr,
                "trPr" if self.parent() == Some(Kind::Tr) => Kind::TrPr,
                "tblGrid" if self.parent() == Some(Kind::Tbl) => Kind::TblGrid,
                "gridCol" if self.parent() == Some(Kind::TblGrid) => {
                    if let Some(t) = self.top_table() {
                        t.grid_cols = (t.grid_cols + 1).min(MAX_GRID_COLS);
                    }
                    Kind::Other
                }
                "gridSpan" | "vMerge" | "hMerge" if self.parent() == Some(Kind::TcPr) => {
                    if let Some(t) = self.top_table() {
                        match local {
                            "gridSpan" => t.span = val_u32(e, MAX_GRID_COLS).unwrap_or(1).max(1),
                            "vMerge" => t.vmerge = merge_val(e),
                            _ => t.hmerge = merge_val(e),
                        }
                    }
                    Kind::Other
                }
                "gridBefore" | "gridAfter" if self.parent() == Some(Kind::TrPr) => {
                    let n = val_u32(e, MAX_GRID_COLS).unwrap_or(0);
                    if let Some(t) = self.top_table() {
                        if local == "gridAfter" {
                            t.grid_after = n;
                        } else if !t.row_has_cell {
                            t.col = n;
                        }
                    }
                    Kind::Other
                }
                "txbxContent" => {
                    if !self.containers.is_empty() {
                        self.skip = 1;
                        return Ok(());
                    }
                    self.save_fields();
                    self.containers.push(Container::TextBox(Vec::new()));
                    Kind::TxbxContent
                }
                // Deleted or moved-away text, field codes, ruby guides and property blocks
                // (which hold tab stops, old tracked properties and the like).
                "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "rt" | "sdtPr"
                | "sdtEndPr" | "customXmlPr" | "smartTagPr" | "pPr" | "rPr" | "tblPr"
                | "tblPrEx" | "sectPr" | "tcPrChange" | "trPrChange" | "tblGridChange" => {
                    self.skip = 1;
                    return Ok(());
                }
                _ => Kind::Other,
            },
            Ns::Mc => match local {
                "AlternateContent" => Kind::Alt,
                "Choice" | "Fallback" => match self.parent() {
                    Some(Kind::Alt) => {
                        if let Some(k) = self.kinds.last_mut() {
                            *k = Kind::AltTaken;
                        }
                        Kind::Other
                    }
                    Some(Kind::AltTaken) => {
                        self.skip = 1;
                        return Ok(());
                    }
                    _ => Kind::Other,
                },
                _ => Kind::Other,
            },
            Ns::Other => Kind::Other,
        };
        self.kinds.push(kind);
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        let Some(kind) = self.kinds.pop() else {
            return Ok(());
        };
        match kind {
            Kind::P => {
                let start = self.pstarts.pop().unwrap_or(0);
                let text = std::mem::take(&mut self.ptext);
                let result = self.deliver(self.containers.len(), text.get(start..).unwrap_or(""));
                self.ptext = text;
                self.ptext.truncate(start);
                result?;
            }
            Kind::Tbl => {
                if let Some(Container::Top(t)) = self.containers.pop() {
                    self.blocks.push(Block::Table(t.finish()));
                }
            }
            Kind::Tr => {
                if let Some(t) = self.top_table() {
                    t.end_row();
                }
            }
            Kind::Tc => {
                let max_cells = self.limits.max_cells;
                if let Some(t) = self.top_table() {
                    t.end_cell(max_cells)?;
                }
                self.restore_fields();
            }
            Kind::NTbl => {
                self.containers.pop();
            }
            Kind::NTr => {
                let level = self.containers.len();
                let line = match self.containers.last_mut() {
                    Some(Container::Nested(n)) => {
                        n.in_row = false;
                        std::mem::take(&mut n.line)
                    }
                    _ => String::new(),
                };
                if !line.trim().is_empty() {
                    self.deliver(level - 1, &line)?;
                }
                if let Some(Container::Nested(n)) = self.containers.last_mut() {
                    n.line = line;
                    n.line.clear();
                }
            }
            Kind::NTc => {
                if let Some(Container::Nested(n)) = self.containers.last_mut() {
                    n.in_cell = false;
                    if n.row_cells > 0 {
                        n.line.push('\t');
                    }
                    n.row_cells += 1;
                    n.line.push_str(&n.cell);
                    n.cell.clear();
                }
                self.restore_fields();
            }
            Kind::TxbxContent => {
                if let Some(Container::TextBox(paras)) = self.containers.pop() {
                    self.pending.extend(paras);
                }
                self.restore_fields();
            }
            Kind::Other
            | Kind::R
            | Kind::T
            | Kind::TcPr
            | Kind::TrPr
            | Kind::TblGrid
            | Kind::Alt
            | Kind::AltTaken => {}
        }
        Ok(())
    }

    /// Hands a finished paragraph to the container at `level` (0 = the body).
    fn deliver(&mut self, level: usize, text: &str) -> Result<(), ReadError> {
        let Some(container) = level
            .checked_sub(1)
            .and_then(|i| self.containers.get_mut(i))
        else {
            if !text.is_empty() {
                self.blocks.push(Block::Paragraph(Paragraph {
                    text: text.to_string(),
                }));
            }
            self.flush_pending();
            return Ok(());
        };
        match container {
            Container::TextBox(paras) => {
                if !text.is_empty() {
                    paras.push(text.to_string());
                }
            }
            Container::Top(t) => {
                // Paragraphs directly under w:tbl or w:tr belong to no cell.
                if t.in_cell {
                    if t.paras > 0 {
                        t.text.push('\n');
                    }
                    t.text.push_str(text);
                    t.paras += 1;
                }
            }
            Container::Nested(n) => {
                if n.in_cell && !text.is_empty() {
                    if !n.cell.is_empty() {
                        n.cell.push(' ');
                    }
                    n.cell.push_str(text);
                }
            }
        }
        Ok(())
    }

    fn flush_pending(&mut self) {
        for text in self.pending.drain(..) {
            self.blocks.push(Block::Paragraph(Paragraph { text }));
        }
    }

    fn start_table(&mut self) -> Kind {
        if self.containers.is_empty() {
            self.flush_pending();
            self.tables += 1;
            self.containers
                .push(Container::Top(Box::new(TopTable::new(self.tables))));
            Kind::Tbl
        } else {
            self.containers
                .push(Container::Nested(NestedTable::default()));
            Kind::NTbl
        }
    }

    fn start_row(&mut self) -> Kind {
        match self.containers.last_mut() {
            Some(Container::Top(t)) if !t.in_row => {
                t.start_row();
                Kind::Tr
            }
            Some(Container::Nested(n)) if !n.in_row => {
                n.in_row = true;
                n.row_cells = 0;
                n.line.clear();
                Kind::NTr
            }
            _ => Kind::Other,
        }
    }

    fn start_cell(&mut self) -> Kind {
        let kind = match self.containers.last_mut() {
            Some(Container::Top(t)) if t.in_row && !t.in_cell => {
                t.start_cell();
                Kind::Tc
            }
            Some(Container::Nested(n)) if n.in_row && !n.in_cell => {
                n.in_cell = true;
                n.cell.clear();
                Kind::NTc
            }
            _ => return Kind::Other,
        };
        self.save_fields();
        kind
    }

    /// Starts a fresh field context (a cell, a text box): fields do not cross them in
    /// practice, and an unclosed one must not hide everything after it.
    fn save_fields(&mut self) {
        let saved = (std::mem::take(&mut self.fields), self.field_code);
        self.field_code = 0;
        self.field_saves.push(saved);
    }

    fn restore_fields(&mut self) {
        if let Some((fields, code)) = self.field_saves.pop() {
            self.fields = fields;
            self.field_code = code;
        }
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => {
                self.fields.push(true);
                self.field_code += 1;
            }
            Some("separate") => {
                if let Some(in_code) = self.fields.last_mut()
                    && *in_code
                {
                    *in_code = false;
                    self.field_code -= 1;
                }
            }
            Some("end") => {
                if self.fields.pop() == Some(true) {
                    self.field_code -= 1;
                }
            }
            _ => {}
        }
    }
}

fn classify(ns: ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(n) if n.0 == W_TRANSITIONAL || n.0 == W_STRICT => Ns::W,
        ResolveResult::Bound(n) if n.0 == MC => Ns::Mc,
        _ => Ns::Other,
    }
}

/// `w:vMerge`/`w:hMerge`: no value means continue.
fn merge_val(e: &BytesStart<'_>) -> Merge {
    match attr(e, "val").as_deref().map(str::trim) {
        Some("restart") => Merge::Restart,
        _ => Merge::Continue,
    }
}
