//! HTML reader: web pages, Word's and Excel's "web page" saves, and budget systems'
//! exports that are HTML tables saved under an .xls or .doc name.
//!
//! Why the HTML5 parsing algorithm (as browsers run it) and not a tokenizer of our own:
//! these files are tag soup — unclosed `<td>`s and `<p>`s, tables inside `<p>`, stray text
//! inside `<tr>`, Word's conditional comments — and what a clerk sees is what the
//! browser's tree builder makes of them. Two builders, one tree:
//! - the quick builder (`tokens.rs`, `builder.rs`): html5gum's tokenizer and the spec's
//!   tree-construction rules that well-formed pages need — implied end tags, implied
//!   `<tbody>`, `<tr>`, `<html>`, `<head>`, `<body>`, stray end tags — for the pages budget
//!   systems, Word, Excel and LibreOffice write. A page that needs more (foster parenting,
//!   the adoption agency, reopened formatting elements, `<select>`, `<template>`, SVG …)
//!   goes to
//! - html5ever, with our own tree sink (`sink.rs`).
//!
//! Both build the same compact arena (`sink.rs`), holding only what the layout reads, so
//! no DOM is built. That the quick builder's tree is html5ever's wherever it builds one is
//! tested on every fixture page, the corpus and random tag soup (`compare.rs`), and fuzzed.
//!
//! Decisions worth knowing:
//! - Charset: BOM, then the transport's (MHT) charset, then a `<meta>` in the first 1024
//!   bytes, else a sniff (UTF-8 if valid, else GB18030); a declaration the bytes contradict
//!   gives way (`charset.rs`).
//! - Every top-level `<table>` is a grid, numbered from 1 (`GridKind::Table`); text outside
//!   tables becomes paragraphs in reading order, with white space collapsed as a browser
//!   does (U+00A0 kept). `<br>`, `<p>`, `<div>`, `<li>` … break lines; a cell's text is its
//!   lines joined with '\n'. A caption is a paragraph before its table.
//! - Excel's own HTML export (`xmlns:x="urn:schemas-microsoft-com:office:excel"` or
//!   `<meta name=ProgId content=Excel.Sheet>`) is read as worksheets: each table a part of
//!   its own, named from the `x:ExcelWorksheet` island or the `<title>`, with empty rows and
//!   columns dropped as the spreadsheet readers drop them.
//! - `x:num` (Excel) and `sdval` (LibreOffice) give a cell's number; a percent
//!   `mso-number-format` (inline or through a class rule of a `<style>` block) or `sdnum`
//!   marks it a percentage. The text stays what the page shows.
//! - Spans follow the HTML table model (`table.rs`), clamped as browsers clamp them.
//!   Tables inside cells are flattened into the cell, one line per row, cells joined by
//!   '\t', as the Word reader does.
//! - Not shown, not read: `<script>`, `<style>`, `<template>`, `<head>`, comments, `xml`
//!   islands, `hidden`, `display:none`, `mso-hide:all`, non-text inputs. Input values,
//!   textarea text and a select's chosen option are read as shown.
//! - Bounds: parsing stops where the tree got deeper than `max_xml_depth` (never more
//!   than 512: the layout recurses) or holds more cells or nodes than the limits allow —
//!   at the token for the quick builder, at the chunk for html5ever, which is fed input in
//!   chunks; layout re-checks the depth. A page with more `<td>` tags than `max_cells` is
//!   refused before parsing.

mod builder;
mod charset;
#[cfg(any(test, fuzzing))]
pub(crate) mod compare;
mod css;
mod flow;
mod layout;
mod sink;
mod table;
mod tokens;

#[cfg(test)]
mod tests;

use encoding_rs::Encoding;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{ParseOpts, parse_document};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Part};
use layout::{Item, Layout, Mode};
use sink::{Abort, Arena, Sink};

/// Deepest nesting read whatever `max_xml_depth` allows: the layout walks the tree
/// recursively, and this keeps the walk well inside a worker thread's stack.
const MAX_DEPTH: usize = 512;

/// The nesting depth allowed for a page.
pub(super) fn depth_limit(limits: &Limits) -> usize {
    limits.max_xml_depth.min(MAX_DEPTH)
}

/// Input is handed to the parser this many bytes at a time: small enough that the work
/// done past a limit before parsing stops stays small.
const CHUNK: usize = 4 * 1024;

/// For the fuzz target only: the quick tree builder against html5ever on a page's bytes
/// (decoded as the reader decodes them); panics where the quick builder built a tree other
/// than html5ever's.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn fuzz_compare(bytes: &[u8]) {
    let limits = Limits {
        max_cells: 100_000,
        ..Limits::default()
    };
    let text = charset::decode(bytes, None);
    let _ = compare::quick_vs_html5ever(&text, &limits);
}

/// Reads an HTML file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let page = read_page(bytes, None, limits)?;
    document(vec![page])
}

/// One page, laid out.
pub(crate) struct Page {
    items: Vec<Item>,
    mode: Mode,
    /// Worksheet names from Excel's `x:ExcelWorksheet` island, in order.
    pub(crate) sheet_names: Vec<String>,
    title: Option<String>,
    max_cells: usize,
}

impl Page {
    /// Whether the page holds any table.
    pub(crate) fn has_tables(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Table(_)))
    }

    /// Whether the page is Excel's export (its tables are worksheets).
    pub(crate) fn is_sheets(&self) -> bool {
        self.mode == Mode::Sheets
    }
}

/// Reads one page; `transport` is a charset declared outside it (an MHT part's header).
pub(crate) fn read_page(
    bytes: &[u8],
    transport: Option<&'static Encoding>,
    limits: &Limits,
) -> Result<Page, ReadError> {
    let text = charset::decode(bytes, transport);
    if more_cells_than(&text, limits.max_cells) {
        return Err(abort_error(Abort::Cells, limits));
    }
    let mode = if is_excel_export(&text) {
        Mode::Sheets
    } else {
        Mode::Tables
    };
    let arena = crate::readers::sheet::guarded(|| parse(&text, limits))?;
    let items = Layout::new(&arena, depth_limit(limits), limits.max_cells).run()?;
    let sheet_names = if mode == Mode::Sheets {
        sheet_names(&text)
    } else {
        Vec::new()
    };
    Ok(Page {
        items,
        mode,
        sheet_names,
        title: arena.title.as_deref().map(|t| t.trim().to_string()),
        max_cells: limits.max_cells,
    })
}

/// Pages as one document: a web page is one part; an Excel export is a part per table
/// (paragraphs before a table go with it).
pub(crate) fn document(pages: Vec<Page>) -> Result<Document, ReadError> {
    let mut parts = Vec::new();
    let mut body: Vec<Block> = Vec::new();
    for page in pages {
        match page.mode {
            Mode::Tables => {
                body.extend(layout::blocks(page.items, |t| Ok(layout::table_grid(t)))?);
            }
            Mode::Sheets => {
                let mut k = 0usize;
                let mut pending: Vec<Block> = Vec::new();
                let mut page_parts: Vec<Part> = Vec::new();
                for item in page.items {
                    match item {
                        Item::Paragraph(text) => {
                            pending.push(Block::Paragraph(crate::model::grid::Paragraph { text }))
                        }
                        Item::Table(t) => {
                            let name = match page.sheet_names.get(k) {
                                Some(n) if !n.is_empty() => n.clone(),
                                _ => match (&page.title, k) {
                                    (Some(t), 0) if !t.is_empty() => t.clone(),
                                    _ => format!("Sheet{}", k + 1),
                                },
                            };
                            k += 1;
                            let grid = layout::sheet_grid(t, &name, page.max_cells)?;
                            pending.push(Block::Table(grid));
                            page_parts.push(Part {
                                blocks: std::mem::take(&mut pending),
                            });
                        }
                    }
                }
                match page_parts.last_mut() {
                    Some(last) => last.blocks.append(&mut pending),
                    None => page_parts.push(Part { blocks: pending }),
                }
                parts.extend(page_parts);
            }
        }
    }
    if !body.is_empty() || parts.is_empty() {
        parts.insert(0, Part { blocks: body });
    }
    Ok(Document { parts })
}

/// Builds the tree: with the quick builder where the page keeps to its rules, else with
/// html5ever.
fn parse(text: &str, limits: &Limits) -> Result<Arena, ReadError> {
    let mut arena = Arena::new(limits);
    match tokens::build(text, &mut arena) {
        Ok(()) => Ok(arena),
        Err(tokens::Stop::Limit(a)) => Err(abort_error(a, limits)),
        Err(tokens::Stop::Bail) => parse_html5ever(text, limits),
    }
}

/// Builds the tree with html5ever, stopping at the first chunk that went past a limit.
fn parse_html5ever(text: &str, limits: &Limits) -> Result<Arena, ReadError> {
    let mut parser = parse_document(Sink::new(limits), ParseOpts::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(head));
        if let Some(a) = parser.tokenizer.sink.sink.abort() {
            return Err(abort_error(a, limits));
        }
        rest = tail;
    }
    let arena = parser.finish();
    match arena.abort {
        Some(a) => Err(abort_error(a, limits)),
        None => Ok(arena),
    }
}

fn abort_error(a: Abort, limits: &Limits) -> ReadError {
    match a {
        Abort::Depth => ReadError::too_large(
            Bound::Depth(depth_limit(limits)),
            format!(
                "网页的标签嵌套超过 {} 层，文件可能已损坏（HTML nesting depth）",
                depth_limit(limits)
            ),
        ),
        Abort::Cells => ReadError::too_large(
            Bound::Cells(limits.max_cells),
            format!(
                "网页中的表格单元格超过 {} 个（HTML cells）",
                limits.max_cells
            ),
        ),
        Abort::Nodes => ReadError::too_large(Bound::Structure, "网页中的元素过多（HTML nodes）"),
        Abort::Text => ReadError::too_large(Bound::Structure, "网页中的文字超过 4 GB（HTML text）"),
    }
}

/// Whether the page has more `<td>`/`<th>` tags than `max`: counted on the text before
/// parsing, so that a page of millions of cells is refused without building them. (The
/// sink counts the cells it builds too; this is the cheap early answer.)
fn more_cells_than(text: &str, max: usize) -> bool {
    let b = text.as_bytes();
    if b.len() / 4 <= max {
        return false;
    }
    let mut n = 0usize;
    for i in memchr::memchr_iter(b'<', b) {
        if let Some(&[t, d, after]) = b.get(i + 1..i + 4)
            && t | 0x20 == b't'
            && matches!(d | 0x20, b'd' | b'h')
            && matches!(after, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
        {
            n += 1;
            if n > max {
                return true;
            }
        }
    }
    false
}

/// The first bytes of the text, ASCII lower-cased, cut at a character boundary.
fn lower_prefix(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_ascii_lowercase()
}

/// Excel's own HTML: its ProgId meta says so, or (without one) its namespace is declared
/// and Word's is not.
fn is_excel_export(text: &str) -> bool {
    let head = lower_prefix(text, 16 * 1024);
    let mut from = 0;
    while let Some(k) = head[from..].find("progid") {
        let at = from + k;
        let start = head[..at].rfind('<').unwrap_or(0);
        let end = head[at..].find('>').map_or(head.len(), |e| at + e);
        let tag = &head[start..end];
        if tag.starts_with("<meta") {
            return tag.contains("excel.sheet");
        }
        from = at + 6;
    }
    head.contains("urn:schemas-microsoft-com:office:excel")
        && !head.contains("urn:schemas-microsoft-com:office:word")
}

/// `<x:Name>` of each `<x:ExcelWorksheet>` in Excel's XML island (inside a conditional
/// comment in the head), in order.
fn sheet_names(text: &str) -> Vec<String> {
    let lower = lower_prefix(text, 1 << 20);
    let region = lower.find("<body").map_or(lower.as_str(), |b| &lower[..b]);
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(k) = region[from..].find("<x:excelworksheet>") {
        let start = from + k + "<x:excelworksheet>".len();
        let end = region[start..]
            .find("</x:excelworksheet>")
            .map_or(region.len(), |e| start + e);
        let ws = &region[start..end];
        if let Some(a) = ws.find("<x:name>") {
            let a = start + a + "<x:name>".len();
            if let Some(b) = region[a..end].find("</x:name>") {
                // Same offsets in the original: lower-casing kept every byte in place.
                names.push(unescape(text.get(a..a + b).unwrap_or("").trim()));
            }
        }
        from = end;
    }
    names
}

/// The five XML entities and numeric references.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&k| k <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
