//! The walk over `office:body` (OpenDocument 1.2 Part 1 §3.3): a text document's content
//! (§5.1 `office:text`: headings, paragraphs, lists, sections, tables; §5.5 tracked
//! changes) and a spreadsheet's tables (§9.1.1 in `office:spreadsheet`), with paragraph
//! content (§6: spans, links, `text:s`, `text:tab`, `text:line-break`) gathered as the
//! module doc of `odf` says.

use quick_xml::events::{BytesStart, Event};

use super::table::{Draft, MAX_TABLE_COLS, NestedTable, TableBuilder, count};
use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Paragraph, Part};
use crate::readers::xml::{
    RawAttrs, Scopes, Tokenizer, attr, local_part, push_general_ref, unescape_lenient,
};

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

/// Most spaces one `text:s` gives: a form's spacing is never meaningful past this, and a
/// hostile `text:c` must not turn a few bytes into gigabytes.
const MAX_SPACES: u64 = 64;

/// The namespaces this reader reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
enum Ns {
    Office,
    Text,
    Table,
    Draw,
    #[default]
    Other,
}

fn classify(uri: &str) -> Ns {
    match uri {
        OFFICE => Ns::Office,
        TEXT => Ns::Text,
        TABLE => Ns::Table,
        DRAW => Ns::Draw,
        _ => Ns::Other,
    }
}

/// What an element is to the reader; kept on a stack so end tags need no name lookup.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Other,
    Body,
    TextRoot,
    SheetRoot,
    P,
    Table,
    Row,
    Cell,
    NTable,
    NRow,
    NCell,
    TextBox,
}

/// Which body is being read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Outside `office:body`, or in a body of another kind.
    None,
    Text,
    Sheet,
}

/// A paragraph being gathered, with the state of §6.1.2's white-space collapsing.
#[derive(Default)]
struct Para {
    text: String,
    /// Collapsed white space seen since the last character, not yet written.
    pending_space: bool,
    /// The last character written was white space (so more collapses into it).
    after_space: bool,
}

impl Para {
    fn push_data(&mut self, data: &str) {
        for ch in data.chars() {
            if matches!(ch, ' ' | '\t' | '\r' | '\n') {
                if !self.after_space && !self.text.is_empty() {
                    self.pending_space = true;
                }
                self.after_space = true;
            } else {
                self.flush_space();
                self.text.push(ch);
                self.after_space = false;
            }
        }
    }

    fn flush_space(&mut self) {
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
    }

    /// Characters written by an element (`text:s`, `text:tab`, `text:line-break`): kept as
    /// they are, after any collapsed space before them.
    fn push_literal(&mut self, s: &str, is_space: bool) {
        self.flush_space();
        self.text.push_str(s);
        self.after_space = is_space;
    }
}

/// What paragraphs are delivered to.
enum Container {
    Top(Box<TableBuilder>),
    Nested(NestedTable),
    TextBox(Vec<String>),
}

struct Parser<'l> {
    limits: &'l Limits,
    mode: Mode,
    kinds: Vec<Kind>,
    /// Depth inside a skipped subtree (0 = not skipping).
    skip: usize,
    paras: Vec<Para>,
    containers: Vec<Container>,
    /// Text-box paragraphs waiting for their host paragraph to end.
    pending: Vec<String>,
    blocks: Vec<Block>,
    parts: Vec<Part>,
    tables: u32,
}

/// Reads the body of a `content.xml` or a flat document.
pub(super) fn read(xml: &str, limits: &Limits) -> Result<Document, ReadError> {
    let mut p = Parser {
        limits,
        mode: Mode::None,
        kinds: Vec::new(),
        skip: 0,
        paras: Vec::new(),
        containers: Vec::new(),
        pending: Vec::new(),
        blocks: Vec::new(),
        parts: Vec::new(),
        tables: 0,
    };
    let mut reader = Tokenizer::new(xml).expand_empty_elements(true);
    let mut scopes: Scopes<Ns> = Scopes::new(classify);
    let mut saw_body = false;
    let mut other_body: Option<String> = None;
    loop {
        match reader.read_event()? {
            Event::Start(e) => {
                if p.skip > 0 {
                    p.skip += 1;
                } else {
                    let (ns, local) = scopes.open(&e)?;
                    p.start(ns, local, &e, &mut saw_body, &mut other_body)?;
                }
                p.check_depth()?;
            }
            Event::End(_) => {
                if p.skip <= 1 {
                    scopes.close();
                }
                p.end()?;
            }
            Event::Text(t) => {
                if let Some(para) = p.text_sink() {
                    para.push_data(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(para) = p.text_sink() {
                    para.push_data(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(para) = p.text_sink() {
                    let mut s = String::new();
                    push_general_ref(&r, &mut s);
                    para.push_data(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !p.kinds.is_empty() || p.skip > 0 {
        return Err(ReadError::corrupt(
            "OpenDocument 正文 XML 不完整（意外结束），文件可能已损坏，请重新保存或重新发送",
        ));
    }
    if let Some(kind) = other_body.filter(|_| !saw_body) {
        return Err(ReadError::Unsupported(format!(
            "OpenDocument {kind}不是文字文档或电子表格，请用 LibreOffice/WPS 打开后另存为 .docx 或 .xlsx 再提交"
        )));
    }
    if !saw_body {
        return Err(ReadError::corrupt(
            "OpenDocument 文件中找不到正文（office:text 或 office:spreadsheet），请重新保存或重新发送",
        ));
    }
    p.flush_pending();
    if !p.blocks.is_empty() || p.parts.is_empty() {
        let blocks = std::mem::take(&mut p.blocks);
        p.parts.push(Part { blocks });
    }
    Ok(Document { parts: p.parts })
}

impl Parser<'_> {
    fn check_depth(&self) -> Result<(), ReadError> {
        if self.kinds.len() + self.skip > self.limits.max_xml_depth {
            return Err(ReadError::too_large(
                Bound::Depth(self.limits.max_xml_depth),
                format!("XML 嵌套层数超过 {}", self.limits.max_xml_depth),
            ));
        }
        Ok(())
    }

    /// The paragraph character data goes to, if any.
    fn text_sink(&mut self) -> Option<&mut Para> {
        if self.skip > 0 {
            return None;
        }
        self.paras.last_mut()
    }

    fn parent(&self) -> Option<Kind> {
        self.kinds.last().copied()
    }

    fn in_table(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Top(_) | Container::Nested(_)))
    }

    fn skip_this(&mut self) {
        self.skip = 1;
    }

    fn start(
        &mut self,
        ns: Ns,
        local: &[u8],
        e: &BytesStart<'_>,
        saw_body: &mut bool,
        other_body: &mut Option<String>,
    ) -> Result<(), ReadError> {
        if self.mode == Mode::None {
            // Only the body is read: meta, settings, styles (master pages hold headers and
            // footers) are not the document's text.
            let kind = match (ns, local) {
                (Ns::Office, b"body") => Kind::Body,
                (Ns::Office, b"text") if self.parent() == Some(Kind::Body) => {
                    self.mode = Mode::Text;
                    *saw_body = true;
                    Kind::TextRoot
                }
                (Ns::Office, b"spreadsheet") if self.parent() == Some(Kind::Body) => {
                    self.mode = Mode::Sheet;
                    *saw_body = true;
                    Kind::SheetRoot
                }
                (Ns::Office, other) if self.parent() == Some(Kind::Body) => {
                    other_body.get_or_insert_with(|| match other {
                        b"presentation" => "演示文稿".to_string(),
                        b"drawing" => "绘图".to_string(),
                        b"chart" => "图表".to_string(),
                        _ => format!("（{}）", String::from_utf8_lossy(other)),
                    });
                    self.skip_this();
                    return Ok(());
                }
                (Ns::Office, b"document" | b"document-content") => Kind::Other,
                _ if self.kinds.is_empty() => Kind::Other,
                // Everything else outside the body is skipped whole.
                _ => {
                    self.skip_this();
                    return Ok(());
                }
            };
            self.kinds.push(kind);
            return Ok(());
        }
        let kind = match ns {
            Ns::Text => match local {
                b"p" | b"h" => {
                    self.paras.push(Para::default());
                    Kind::P
                }
                b"s" => {
                    let n = count(attr(e, "c"), MAX_SPACES);
                    if let Some(p) = self.text_sink() {
                        p.push_literal(&" ".repeat(n as usize), true);
                    }
                    Kind::Other
                }
                b"tab" => {
                    if let Some(p) = self.text_sink() {
                        p.push_literal("\t", true);
                    }
                    Kind::Other
                }
                b"line-break" => {
                    if let Some(p) = self.text_sink() {
                        p.push_literal("\n", false);
                    }
                    Kind::Other
                }
                b"tracked-changes"
                | b"note"
                | b"ruby-text"
                | b"number"
                | b"sequence-decls"
                | b"variable-decls"
                | b"user-field-decls"
                | b"dde-connection-decls"
                | b"bookmark-ref-decls" => {
                    self.skip_this();
                    return Ok(());
                }
                l if l.ends_with(b"-source") => {
                    self.skip_this();
                    return Ok(());
                }
                _ => Kind::Other,
            },
            Ns::Table => match local {
                b"table" => self.start_table(e),
                b"table-row" => self.start_row(e),
                b"table-cell" => self.start_cell(e),
                b"covered-table-cell" => {
                    if let Some(t) = self.top_table()
                        && t.in_row
                        && !t.in_cell
                    {
                        t.covered(count(attr(e, "number-columns-repeated"), u64::MAX));
                    }
                    self.skip_this();
                    return Ok(());
                }
                b"table-column" => {
                    if let Some(t) = self.top_table()
                        && !t.in_row
                    {
                        t.declare_columns(count(
                            attr(e, "number-columns-repeated"),
                            MAX_TABLE_COLS,
                        ));
                    }
                    Kind::Other
                }
                // Sheet-level lists of names, ranges, shapes, scenarios: no cells.
                b"named-expressions"
                | b"database-ranges"
                | b"data-pilot-tables"
                | b"consolidation"
                | b"dde-links"
                | b"label-ranges"
                | b"content-validations"
                | b"calculation-settings"
                | b"tracked-changes"
                | b"shapes"
                | b"table-source"
                | b"scenario" => {
                    self.skip_this();
                    return Ok(());
                }
                _ => Kind::Other,
            },
            Ns::Office => match local {
                b"annotation" | b"forms" | b"scripts" | b"event-listeners" => {
                    self.skip_this();
                    return Ok(());
                }
                _ => Kind::Other,
            },
            Ns::Draw => {
                // Shapes and frames inside tables are skipped: floating text over a form
                // must not change a cell. In the body, their text is paragraphs of their own.
                if self.in_table() || self.mode == Mode::Sheet {
                    self.skip_this();
                    return Ok(());
                }
                match local {
                    b"frame" | b"a" | b"g" => Kind::Other,
                    b"image" | b"object" | b"object-ole" | b"plugin" | b"applet" => {
                        self.skip_this();
                        return Ok(());
                    }
                    _ => {
                        if self.containers.is_empty() {
                            self.containers.push(Container::TextBox(Vec::new()));
                            Kind::TextBox
                        } else {
                            Kind::Other
                        }
                    }
                }
            }
            Ns::Other => match local_part(std::str::from_utf8(local).unwrap_or_default()) {
                // Titles and descriptions of shapes (svg:), never text of the page.
                "title" | "desc" => {
                    self.skip_this();
                    return Ok(());
                }
                _ => Kind::Other,
            },
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
                let para = self.paras.pop().unwrap_or_default();
                // Trailing collapsed white space is ignored (§6.1.2).
                self.deliver(para.text)?;
            }
            Kind::TextRoot | Kind::SheetRoot => self.mode = Mode::None,
            Kind::Table => {
                if let Some(Container::Top(t)) = self.containers.pop() {
                    let grid = t.finish(self.limits)?;
                    match self.mode {
                        Mode::Sheet => self.parts.push(Part {
                            blocks: vec![Block::Table(grid)],
                        }),
                        _ => self.blocks.push(Block::Table(grid)),
                    }
                }
            }
            Kind::Row => {
                let limits = self.limits;
                if let Some(t) = self.top_table() {
                    t.end_row(limits)?;
                }
            }
            Kind::Cell => {
                let limits = self.limits;
                if let Some(t) = self.top_table() {
                    t.end_cell(limits)?;
                }
            }
            Kind::NTable => {
                self.containers.pop();
            }
            Kind::NRow => {
                let line = match self.containers.last_mut() {
                    Some(Container::Nested(n)) => {
                        n.in_row = false;
                        std::mem::take(&mut n.line)
                    }
                    _ => String::new(),
                };
                if !line.trim().is_empty() {
                    self.deliver_at(self.containers.len().saturating_sub(1), line)?;
                }
            }
            Kind::NCell => {
                if let Some(Container::Nested(n)) = self.containers.last_mut() {
                    n.in_cell = false;
                    if n.row_cells > 0 {
                        n.line.push('\t');
                    }
                    n.row_cells += 1;
                    let cell = std::mem::take(&mut n.cell);
                    n.line.push_str(&cell);
                }
            }
            Kind::TextBox => {
                if let Some(Container::TextBox(paras)) = self.containers.pop() {
                    self.pending.extend(paras);
                    if self.paras.is_empty() {
                        // A shape anchored to the page: nothing to wait for.
                        self.flush_pending();
                    }
                }
            }
            Kind::Other | Kind::Body => {}
        }
        Ok(())
    }

    fn deliver(&mut self, text: String) -> Result<(), ReadError> {
        self.deliver_at(self.containers.len(), text)
    }

    /// Hands a finished paragraph to the container at `level` (0 = the body).
    fn deliver_at(&mut self, level: usize, text: String) -> Result<(), ReadError> {
        let Some(container) = level
            .checked_sub(1)
            .and_then(|i| self.containers.get_mut(i))
        else {
            if self.mode == Mode::Text {
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph(Paragraph { text }));
                }
                if self.paras.is_empty() {
                    self.flush_pending();
                }
            }
            return Ok(());
        };
        match container {
            Container::TextBox(paras) => {
                if !text.is_empty() {
                    paras.push(text);
                }
            }
            Container::Top(t) => {
                // Paragraphs outside a cell belong to no cell.
                if t.in_cell {
                    let d = &mut t.draft;
                    if d.paras > 0 {
                        d.text.push('\n');
                    }
                    d.text.push_str(&text);
                    d.paras += 1;
                }
            }
            Container::Nested(n) => {
                if n.in_cell && !text.is_empty() {
                    if !n.cell.is_empty() {
                        n.cell.push(' ');
                    }
                    n.cell.push_str(&text);
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

    fn top_table(&mut self) -> Option<&mut TableBuilder> {
        match self.containers.last_mut() {
            Some(Container::Top(t)) => Some(t),
            _ => None,
        }
    }

    fn start_table(&mut self, e: &BytesStart<'_>) -> Kind {
        let top_level = self.containers.is_empty() && self.paras.is_empty();
        if top_level {
            let builder = match self.mode {
                Mode::Sheet => {
                    let name = attr(e, "name").map(unescape_lenient).unwrap_or_default();
                    TableBuilder::sheet(name)
                }
                _ => {
                    self.flush_pending();
                    self.tables += 1;
                    TableBuilder::text(self.tables)
                }
            };
            self.containers.push(Container::Top(Box::new(builder)));
            Kind::Table
        } else {
            self.containers
                .push(Container::Nested(NestedTable::default()));
            Kind::NTable
        }
    }

    fn start_row(&mut self, e: &BytesStart<'_>) -> Kind {
        match self.containers.last_mut() {
            Some(Container::Top(t)) if !t.in_row => {
                t.start_row(count(attr(e, "number-rows-repeated"), u64::MAX));
                Kind::Row
            }
            Some(Container::Nested(n)) if !n.in_row => {
                n.in_row = true;
                n.row_cells = 0;
                n.line.clear();
                Kind::NRow
            }
            _ => Kind::Other,
        }
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) -> Kind {
        match self.containers.last_mut() {
            Some(Container::Top(t)) if t.in_row && !t.in_cell => {
                t.start_cell(cell_draft(e));
                Kind::Cell
            }
            Some(Container::Nested(n)) if n.in_row && !n.in_cell => {
                n.in_cell = true;
                n.cell.clear();
                Kind::NCell
            }
            _ => Kind::Other,
        }
    }
}

/// A cell's attributes in one pass over them.
fn cell_draft(e: &BytesStart<'_>) -> Draft {
    let mut d = Draft {
        repeat: 1,
        col_span: 1,
        row_span: 1,
        ..Draft::default()
    };
    let v = &mut d.value;
    for (key, value) in RawAttrs::new(e.attributes_raw()).map_while(Result::ok) {
        match local_part(key) {
            "number-columns-repeated" => d.repeat = count(Some(value), u64::MAX),
            "number-columns-spanned" => d.col_span = count(Some(value), u64::from(u32::MAX)) as u32,
            "number-rows-spanned" => d.row_span = count(Some(value), u64::from(u32::MAX)) as u32,
            // office:value-type comes first; calcext:value-type repeats it (or says "error").
            "value-type" if v.value_type.is_none() => v.value_type = Some(value.to_string()),
            "value" => v.value = Some(value.to_string()),
            "date-value" => v.date_value = Some(value.to_string()),
            "boolean-value" => v.boolean_value = Some(value.to_string()),
            _ => {}
        }
    }
    d
}
