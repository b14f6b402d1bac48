//! The streaming pass over the main document part: elements dispatched by namespace and
//! local name, paragraphs and text gathered, tracked changes, fields and text boxes handled
//! as the module doc of `docx` says.

use quick_xml::events::{BytesStart, Event};

use super::table::{NestedTable, TopTable, merge_val};
use super::{AML, MAX_GRID_COLS, MC, W_STRICT, W_TRANSITIONAL, W_WORDML};
use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Paragraph};
use crate::readers::xml::{Scopes, Tokenizer, attr, push_general_ref};

/// A small non-negative integer attribute (`w:val` of spans), clamped to `max`.
pub(super) fn val_u32(e: &BytesStart<'_>, max: u32) -> Option<u32> {
    let v = attr(e, "val")?;
    let n: u64 = v.trim().parse().ok()?;
    Some(n.min(u64::from(max)) as u32)
}

/// What an element is to the reader; kept on a stack so end tags need no name lookup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
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
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Ns {
    W,
    Mc,
    /// Word 2003's annotation markup (tracked changes, comments, bookmarks in WordML).
    Aml,
    #[default]
    Other,
}

/// Where finished paragraphs go (the body itself is the bottom of the stack, not stored).
pub(super) enum Container {
    TextBox(Vec<String>),
    Top(Box<TopTable>),
    Nested(NestedTable),
}

/// The streaming pass over the main document part.
pub(super) struct Parser<'l> {
    pub(super) limits: &'l Limits,
    pub(super) kinds: Vec<Kind>,
    /// Depth inside an element being skipped (0 = not skipping).
    pub(super) skip: usize,
    /// Text of the open paragraphs; each open paragraph starts at an offset in `pstarts`
    /// (a text box paragraph nests inside its host paragraph).
    pub(super) ptext: String,
    pub(super) pstarts: Vec<usize>,
    pub(super) containers: Vec<Container>,
    pub(super) blocks: Vec<Block>,
    /// Text box paragraphs waiting for their host body paragraph to be emitted.
    pub(super) pending: Vec<String>,
    /// Open complex fields, innermost last: true while still in the field code.
    pub(super) fields: Vec<bool>,
    pub(super) field_code: usize,
    pub(super) field_saves: Vec<(Vec<bool>, usize)>,
    pub(super) tables: u32,
    /// Which vocabulary the part is in: WordprocessingML (docx) or Word 2003's WordML.
    pub(super) classify: fn(&str) -> Ns,
}

impl<'l> Parser<'l> {
    pub(super) fn new(limits: &'l Limits) -> Self {
        Self::with_namespaces(limits, classify)
    }

    /// A parser of a Word 2003 XML document's body (WordML): the same elements, in the
    /// 2003 namespace, with the differences `start` handles.
    pub(super) fn wordml(limits: &'l Limits) -> Self {
        Self::with_namespaces(limits, classify_wordml)
    }

    fn with_namespaces(limits: &'l Limits, classify: fn(&str) -> Ns) -> Self {
        Parser {
            classify,
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

    pub(super) fn run(mut self, xml: &str) -> Result<Vec<Block>, ReadError> {
        // A bare '&' (Word never writes one, other tools do) is kept as text.
        let mut reader = Tokenizer::new(xml);
        let mut scopes = Scopes::new(self.classify);
        loop {
            match reader.read_event()? {
                Event::Start(e) => {
                    if self.skip > 0 {
                        self.skip += 1;
                    } else if self.unread_property(&e) {
                        scopes.enter(&e)?;
                        self.skip = 1;
                    } else {
                        let ns = scopes.open(&e)?;
                        self.start(ns, &e)?;
                    }
                    self.check_depth()?;
                }
                Event::Empty(e) if self.skip == 0 => {
                    if self.unread_property(&e) {
                        // Opened and closed at once: only its declarations and depth count.
                        scopes.enter(&e)?;
                        self.skip = 1;
                        self.check_depth()?;
                        self.skip = 0;
                        scopes.close();
                        continue;
                    }
                    let ns = scopes.open(&e)?;
                    self.start(ns, &e)?;
                    self.check_depth()?;
                    self.end()?;
                    scopes.close();
                }
                Event::End(_) => {
                    // Elements inside a skipped subtree were never opened in `scopes`; the
                    // one that started the skip was.
                    if self.skip <= 1 {
                        scopes.close();
                    }
                    self.end()?
                }
                Event::Text(t) if self.in_text() => self.ptext.push_str(&t.xml10_content()),
                Event::CData(t) if self.in_text() => self.ptext.push_str(&t),
                Event::GeneralRef(r) if self.in_text() => push_general_ref(&r, &mut self.ptext),
                Event::Eof => break,
                _ => {}
            }
        }
        if !self.kinds.is_empty() || self.skip > 0 {
            return Err(ReadError::corrupt("Word 正文 XML 不完整（意外结束）"));
        }
        self.flush_pending();
        Ok(self.blocks)
    }

    /// A child of a cell's or a row's properties that is no merge or grid mark, known by its
    /// local name alone: skipped whole (see `start`) without resolving its namespace. A
    /// third of a table's elements are these.
    pub(super) fn unread_property(&self, e: &BytesStart<'_>) -> bool {
        matches!(self.parent(), Some(Kind::TcPr | Kind::TrPr)) && {
            let name = e.name().into_inner().as_bytes();
            let local = match name.iter().position(|&b| b == b':') {
                Some(i) => name.get(i + 1..).unwrap_or_default(),
                None => name,
            };
            !is_grid_mark(local)
        }
    }

    pub(super) fn check_depth(&self) -> Result<(), ReadError> {
        if self.kinds.len() + self.skip > self.limits.max_xml_depth {
            return Err(ReadError::too_large(
                Bound::Depth(self.limits.max_xml_depth),
                format!("XML 嵌套层数超过 {}", self.limits.max_xml_depth),
            ));
        }
        Ok(())
    }

    pub(super) fn in_text(&self) -> bool {
        self.skip == 0
            && self.field_code == 0
            && !self.pstarts.is_empty()
            && self.kinds.last() == Some(&Kind::T)
    }

    pub(super) fn parent(&self) -> Option<Kind> {
        self.kinds.last().copied()
    }

    /// Adds a character produced by a run element (tab, break …).
    pub(super) fn run_char(&mut self, ch: char) {
        if self.parent() == Some(Kind::R) && self.field_code == 0 && !self.pstarts.is_empty() {
            self.ptext.push(ch);
        }
    }

    pub(super) fn top_table(&mut self) -> Option<&mut TopTable> {
        match self.containers.last_mut() {
            Some(Container::Top(t)) => Some(t),
            _ => None,
        }
    }

    #[inline(always)]
    pub(super) fn start(
        &mut self,
        (ns, local): (Ns, &[u8]),
        e: &BytesStart<'_>,
    ) -> Result<(), ReadError> {
        // Of a cell's or a row's properties only the merge and grid marks matter. Widths,
        // borders, shading, heights and the like (with their children) are skipped whole:
        // they are most of a table's elements.
        if matches!(self.parent(), Some(Kind::TcPr | Kind::TrPr))
            && !(ns == Ns::W && is_grid_mark(local))
        {
            self.skip = 1;
            return Ok(());
        }
        let kind = match ns {
            Ns::W => match local {
                b"p" => {
                    self.pstarts.push(self.ptext.len());
                    Kind::P
                }
                b"r" => Kind::R,
                b"t" => Kind::T,
                b"tab" | b"ptab" => {
                    self.run_char('\t');
                    Kind::Other
                }
                b"br" | b"cr" => {
                    self.run_char('\n');
                    Kind::Other
                }
                b"noBreakHyphen" => {
                    self.run_char('-');
                    Kind::Other
                }
                b"fldChar" => {
                    self.field_char(e);
                    Kind::Other
                }
                b"tbl" => self.start_table(),
                b"tr" => self.start_row(),
                b"tc" => self.start_cell(),
                b"tcPr" if self.parent() == Some(Kind::Tc) => Kind::TcPr,
                b"trPr" if self.parent() == Some(Kind::Tr) => Kind::TrPr,
                b"tblGrid" if self.parent() == Some(Kind::Tbl) => Kind::TblGrid,
                b"gridCol" if self.parent() == Some(Kind::TblGrid) => {
                    if let Some(t) = self.top_table() {
                        t.grid_cols = (t.grid_cols + 1).min(MAX_GRID_COLS);
                    }
                    Kind::Other
                }
                // WordML (2003) writes the merge marks in lower case.
                b"gridSpan" | b"vMerge" | b"hMerge" | b"vmerge" | b"hmerge"
                    if self.parent() == Some(Kind::TcPr) =>
                {
                    if let Some(t) = self.top_table() {
                        match local {
                            b"gridSpan" => t.span = val_u32(e, MAX_GRID_COLS).unwrap_or(1).max(1),
                            b"vMerge" | b"vmerge" => t.vmerge = merge_val(e),
                            _ => t.hmerge = merge_val(e),
                        }
                    }
                    Kind::Other
                }
                b"gridBefore" | b"gridAfter" if self.parent() == Some(Kind::TrPr) => {
                    let n = val_u32(e, MAX_GRID_COLS).unwrap_or(0);
                    if let Some(t) = self.top_table() {
                        if local == b"gridAfter" {
                            t.grid_after = n;
                        } else if !t.row_has_cell {
                            t.col = n;
                        }
                    }
                    Kind::Other
                }
                b"txbxContent" => {
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
                b"del" | b"delText" | b"moveFrom" | b"instrText" | b"delInstrText" | b"rt"
                | b"sdtPr" | b"sdtEndPr" | b"customXmlPr" | b"smartTagPr" | b"pPr" | b"rPr"
                | b"tblPr" | b"tblPrEx" | b"sectPr" | b"tcPrChange" | b"trPrChange"
                | b"tblGridChange"
                // WordML only: pictures' base64 data, footnotes and endnotes written where
                // they are referenced, and the document's own settings, styles and lists.
                | b"binData" | b"footnote" | b"endnote" | b"docPr" | b"styles" | b"lists"
                | b"fonts" => {
                    self.skip = 1;
                    return Ok(());
                }
                _ => Kind::Other,
            },
            // WordML keeps tracked changes and comments in `aml:annotation`: deleted text
            // and comments are not shown, inserted text is (changes read as accepted).
            Ns::Aml => match local {
                b"annotation"
                    if attr(e, "type")
                        .is_some_and(|t| t.ends_with("Deletion") || t.ends_with("Comment")) =>
                {
                    self.skip = 1;
                    return Ok(());
                }
                _ => Kind::Other,
            },
            Ns::Mc => match local {
                b"AlternateContent" => Kind::Alt,
                b"Choice" | b"Fallback" => match self.parent() {
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

    #[inline(always)]
    pub(super) fn end(&mut self) -> Result<(), ReadError> {
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
    pub(super) fn deliver(&mut self, level: usize, text: &str) -> Result<(), ReadError> {
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

    pub(super) fn flush_pending(&mut self) {
        for text in self.pending.drain(..) {
            self.blocks.push(Block::Paragraph(Paragraph { text }));
        }
    }

    pub(super) fn start_table(&mut self) -> Kind {
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

    pub(super) fn start_row(&mut self) -> Kind {
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

    pub(super) fn start_cell(&mut self) -> Kind {
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
    pub(super) fn save_fields(&mut self) {
        let saved = (std::mem::take(&mut self.fields), self.field_code);
        self.field_code = 0;
        self.field_saves.push(saved);
    }

    pub(super) fn restore_fields(&mut self) {
        if let Some((fields, code)) = self.field_saves.pop() {
            self.fields = fields;
            self.field_code = code;
        }
    }

    pub(super) fn field_char(&mut self, e: &BytesStart<'_>) {
        match attr(e, "fldCharType") {
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
                let was_code = self.fields.pop() == Some(true);
                self.field_code -= usize::from(was_code);
            }
            _ => {}
        }
    }
}

/// The children of `w:tcPr`/`w:trPr` this reader reads.
pub(super) fn is_grid_mark(local: &[u8]) -> bool {
    matches!(
        local,
        b"gridSpan" | b"vMerge" | b"hMerge" | b"vmerge" | b"hmerge" | b"gridBefore" | b"gridAfter"
    )
}

pub(super) fn classify(uri: &str) -> Ns {
    if uri == W_TRANSITIONAL || uri == W_STRICT {
        Ns::W
    } else if uri == MC {
        Ns::Mc
    } else {
        Ns::Other
    }
}

/// The namespaces of a Word 2003 XML document.
pub(super) fn classify_wordml(uri: &str) -> Ns {
    match uri {
        W_WORDML => Ns::W,
        AML => Ns::Aml,
        _ => Ns::Other,
    }
}
