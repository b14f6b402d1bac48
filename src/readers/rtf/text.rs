//! The one pass over the tokens: group state (destination, font, `\uc`, deleted text,
//! paragraph table level), the font table's character sets, text decoding, and the routing
//! of finished paragraphs to the body, a table cell or a nested table.

use std::collections::HashMap;

use encoding_rs::{CoderResult, Encoding, UTF_8, WINDOWS_1252};

use super::MAX_GRID_COLS;
use super::codepage::{charset_code_page, code_page};
use super::table::{H_FIRST, H_MERGED, Nested, RowDef, TableBuilder, V_FIRST, V_MERGED, too_wide};
use super::tokenizer::{LONG, Token, Tokenizer, pack};
use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::{Block, Paragraph};

const NESTTABLEPROPS: u64 = pack(b"nesttableprops");

/// Fonts kept from a font table; more is no real document.
const MAX_FONTS: usize = 65_536;

/// Where the text of a group goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dest {
    /// The document text.
    Body,
    /// A destination that is not text of the body: read only for its group structure.
    Skip,
    /// `\fonttbl`: only font numbers and their character sets are read.
    FontTable,
    /// `\*\nesttableprops`: a nested row's definition, read only for its `\nestrow`.
    NestProps,
}

/// What a group inherits and a `}` restores.
#[derive(Clone, Copy, Debug)]
struct State {
    dest: Dest,
    /// `\fN` of the text; `None` is the default font (`\deffN`).
    font: Option<i32>,
    /// `\ucN`: fallback characters after each `\uN`.
    uc: u32,
    /// `\deleted`: tracked-change deletion, not shown.
    deleted: bool,
    /// Table nesting of the paragraph: 0 outside tables, 1 a top-level table (`\intbl`),
    /// 2 and more nested tables (`\itapN`).
    level: usize,
}

/// A font table entry.
#[derive(Clone, Copy, Default)]
struct Font {
    charset: Option<i32>,
    cpg: Option<i32>,
}

pub(super) struct Parser<'l> {
    limits: &'l Limits,
    stack: Vec<State>,
    st: State,
    /// After `\*`: the destination the group had, until the next control word says
    /// whether it is one read here.
    star: Option<Dest>,
    /// Fallback characters still to skip after a `\uN`.
    skip: u32,

    doc_enc: &'static Encoding,
    deff: i32,
    fonts: HashMap<i32, Font>,
    font_cur: i32,
    enc_cache: Option<(Option<i32>, &'static Encoding)>,
    /// Non-ASCII bytes outside escapes are UTF-8 (the file is valid UTF-8: no RTF writer of
    /// a code page leaves such bytes unescaped, web systems do).
    raw_utf8: bool,
    pending: Vec<u8>,
    pending_enc: &'static Encoding,
    /// A high surrogate `\uN` waiting for its low half.
    high: Option<u32>,

    /// The paragraph being read.
    para: String,
    rowdef: RowDef,
    /// The top-level cell being read: its finished paragraphs.
    cell: String,
    cell_paras: u32,
    /// The finished cells of the row being read.
    row_cells: Vec<String>,
    /// Nested tables being flattened, by level (index 0 is level 2).
    nested: Vec<Nested>,
    table: Option<TableBuilder>,
    tables: u32,
    blocks: Vec<Block>,
}

impl<'l> Parser<'l> {
    pub(super) fn new(limits: &'l Limits, raw_utf8: bool) -> Self {
        Parser {
            limits,
            stack: Vec::with_capacity(32),
            st: State {
                dest: Dest::Body,
                font: None,
                uc: 1,
                deleted: false,
                level: 0,
            },
            star: None,
            skip: 0,
            doc_enc: WINDOWS_1252,
            deff: 0,
            fonts: HashMap::new(),
            font_cur: 0,
            enc_cache: None,
            raw_utf8,
            pending: Vec::new(),
            pending_enc: WINDOWS_1252,
            high: None,
            para: String::with_capacity(256),
            rowdef: RowDef::default(),
            cell: String::new(),
            cell_paras: 0,
            row_cells: Vec::new(),
            nested: Vec::new(),
            table: None,
            tables: 0,
            blocks: Vec::new(),
        }
    }

    pub(super) fn run(mut self, bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
        let mut tokens = Tokenizer::new(bytes);
        while let Some(token) = tokens.next() {
            match token {
                Token::Open => self.open()?,
                Token::Close => self.close(),
                Token::Word { name, key, param } => {
                    if let Some(prev) = self.star.take() {
                        if key == NESTTABLEPROPS && name == b"nesttableprops" && prev == Dest::Body
                        {
                            self.st.dest = Dest::NestProps;
                        }
                        continue;
                    }
                    match self.st.dest {
                        Dest::Body => self.word(keyword(key, name), param)?,
                        Dest::Skip => {}
                        Dest::FontTable => self.font_word(keyword(key, name), param),
                        Dest::NestProps => {
                            if keyword(key, name) == Some(Kw::NestRow) {
                                self.end_nested_row();
                            }
                        }
                    }
                }
                Token::Symbol(b'*') => {
                    // An ignorable destination: skipped unless the next word names one read
                    // here. The document group itself is never skipped.
                    if self.stack.len() >= 2 && self.st.dest != Dest::Skip {
                        self.star = Some(self.st.dest);
                        self.st.dest = Dest::Skip;
                    }
                }
                Token::Text(t) if self.stack.is_empty() && is_binary(t) => {
                    // After the document group: binary junk (padding, a broken transfer)
                    // ends the document, as Word ends it at its closing brace.
                    break;
                }
                other => {
                    self.star = None;
                    if self.st.dest == Dest::Body {
                        self.body_token(other);
                    }
                }
            }
        }
        self.finish()
    }

    fn open(&mut self) -> Result<(), ReadError> {
        self.star = None;
        self.skip = 0;
        self.stack.push(self.st);
        if self.stack.len() > self.limits.max_xml_depth {
            return Err(ReadError::too_large(
                Bound::Depth(self.limits.max_xml_depth),
                format!(
                    "RTF 分组嵌套层数超过 {}（文件结构异常）",
                    self.limits.max_xml_depth
                ),
            ));
        }
        Ok(())
    }

    fn close(&mut self) {
        self.star = None;
        self.skip = 0;
        // An extra '}' (more closed than opened) is ignored.
        if let Some(st) = self.stack.pop() {
            self.st = st;
        }
    }

    /// Text-bearing tokens of the body (not control words).
    fn body_token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(t) => self.text(t),
            Token::Hex(b) => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else if !self.st.deleted {
                    let enc = self.font_encoding();
                    self.push_byte(b, enc);
                }
            }
            Token::Symbol(b) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return;
                }
                match b {
                    b'~' => self.push_char('\u{a0}'),
                    b'_' => self.push_char('-'),
                    b'{' | b'}' | b'\\' => self.push_char(char::from(b)),
                    // `\-` optional hyphen, `\:` index subentry, `\|` formula: no text.
                    _ => {}
                }
            }
            Token::Bin(_) => self.skip = self.skip.saturating_sub(1),
            Token::Open | Token::Close | Token::Word { .. } => {}
        }
    }

    /// A control word in the body.
    fn word(&mut self, kw: Option<Kw>, param: Option<i32>) -> Result<(), ReadError> {
        if self.skip > 0 && kw != Some(Kw::U) {
            self.skip -= 1;
            return Ok(());
        }
        let Some(kw) = kw else { return Ok(()) };
        let n = param.unwrap_or(0);
        match kw {
            Kw::Par => self.end_paragraph()?,
            Kw::Line => self.push_char('\n'),
            Kw::Tab => self.push_char('\t'),
            Kw::Char(c) => self.push_char(c),
            Kw::Cell => self.end_cell()?,
            Kw::Row => self.end_row()?,
            Kw::NestCell => self.end_nested_cell(),
            Kw::NestRow => self.end_nested_row(),
            Kw::Intbl => self.st.level = self.st.level.max(1),
            Kw::Itap => self.st.level = (n.max(0) as usize).min(self.limits.max_xml_depth),
            Kw::Pard => self.st.level = 0,
            Kw::Trowd => {
                self.start_row_def()?;
                self.rowdef.reset();
            }
            Kw::Trleft => self.rowdef.set_left(n),
            Kw::Clmgf => self.rowdef.flag(H_FIRST),
            Kw::Clmrg => self.rowdef.flag(H_MERGED),
            Kw::Clvmgf => self.rowdef.flag(V_FIRST),
            Kw::Clvmrg => self.rowdef.flag(V_MERGED),
            Kw::Cellx => self.rowdef.cellx(n)?,
            Kw::U => self.unicode(n),
            Kw::Uc => self.st.uc = n.clamp(0, 0xFFFF) as u32,
            Kw::F => self.st.font = Some(n),
            Kw::Plain => {
                self.st.font = None;
                self.st.deleted = false;
            }
            Kw::Deleted => self.st.deleted = param != Some(0),
            Kw::Deff => {
                self.deff = n;
                self.enc_cache = None;
            }
            Kw::Ansicpg => {
                if let Some(enc) = code_page(n) {
                    self.doc_enc = enc;
                    self.enc_cache = None;
                }
            }
            Kw::Mac => {
                self.doc_enc = encoding_rs::MACINTOSH;
                self.enc_cache = None;
            }
            // The document group itself never becomes a destination.
            Kw::FontTable if self.stack.len() >= 2 => self.st.dest = Dest::FontTable,
            Kw::Skip if self.stack.len() >= 2 => self.st.dest = Dest::Skip,
            Kw::FontTable | Kw::Skip | Kw::Fcharset | Kw::Cpg => {}
        }
        Ok(())
    }

    /// A control word inside `\fonttbl`.
    fn font_word(&mut self, kw: Option<Kw>, param: Option<i32>) {
        let Some(n) = param else { return };
        match kw {
            Some(Kw::F) => self.font_cur = n,
            Some(kw @ (Kw::Fcharset | Kw::Cpg)) => {
                if self.fonts.len() >= MAX_FONTS && !self.fonts.contains_key(&self.font_cur) {
                    return;
                }
                let font = self.fonts.entry(self.font_cur).or_default();
                if kw == Kw::Cpg {
                    font.cpg = Some(n);
                } else {
                    font.charset = Some(n);
                }
                self.enc_cache = None;
            }
            _ => {}
        }
    }

    /// The encoding of `\'hh` bytes in the current font.
    fn font_encoding(&mut self) -> &'static Encoding {
        let font = self.st.font;
        if let Some((f, enc)) = self.enc_cache
            && f == font
        {
            return enc;
        }
        let number = font.unwrap_or(self.deff);
        let enc = self
            .fonts
            .get(&number)
            .and_then(|f| {
                f.cpg
                    .and_then(code_page)
                    .or_else(|| f.charset.and_then(charset_code_page).and_then(code_page))
            })
            .unwrap_or(self.doc_enc);
        self.enc_cache = Some((font, enc));
        enc
    }

    // ------------------------------------------------------------------ text

    fn text(&mut self, t: &[u8]) {
        let mut t = t;
        if self.skip > 0 {
            // Line ends are no characters: they do not count as fallback.
            let mut i = 0;
            while self.skip > 0 {
                match t.get(i) {
                    Some(b'\r' | b'\n') => {}
                    Some(_) => self.skip -= 1,
                    None => break,
                }
                i += 1;
            }
            t = t.get(i..).unwrap_or_default();
        }
        if self.st.deleted || t.is_empty() {
            return;
        }
        let enc = self.font_encoding();
        let mut rest = t;
        while !rest.is_empty() {
            let end = memchr::memchr2(b'\r', b'\n', rest).unwrap_or(rest.len());
            let chunk = rest.get(..end).unwrap_or_default();
            rest = rest.get(end + 1..).unwrap_or_default();
            if chunk.is_empty() {
                continue;
            }
            if self.pending.is_empty()
                && self.high.is_none()
                && chunk.is_ascii()
                && let Ok(s) = std::str::from_utf8(chunk)
            {
                self.para.push_str(s);
            } else {
                let enc = if self.raw_utf8 && !chunk.is_ascii() {
                    UTF_8
                } else {
                    enc
                };
                for &b in chunk {
                    self.push_byte(b, enc);
                }
            }
        }
    }

    fn push_byte(&mut self, b: u8, enc: &'static Encoding) {
        if self.high.take().is_some() {
            self.para.push('\u{fffd}');
        }
        if !self.pending.is_empty() && self.pending_enc != enc {
            self.flush();
        }
        self.pending_enc = enc;
        self.pending.push(b);
    }

    /// Decodes the waiting bytes together, so that a double-byte character written as two
    /// `\'hh` escapes becomes one character.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut decoder = self.pending_enc.new_decoder_without_bom_handling();
        let mut src: &[u8] = &self.pending;
        loop {
            let room = decoder
                .max_utf8_buffer_length(src.len())
                .unwrap_or(src.len().saturating_mul(3));
            self.para.reserve(room.saturating_add(4));
            let (result, read, _) = decoder.decode_to_string(src, &mut self.para, true);
            src = src.get(read..).unwrap_or_default();
            if result == CoderResult::InputEmpty {
                break;
            }
        }
        self.pending.clear();
    }

    fn push_char(&mut self, c: char) {
        if self.st.deleted {
            return;
        }
        self.flush();
        self.drop_surrogate();
        self.para.push(c);
    }

    /// `\uN`: a UTF-16 code unit (negative values are the upper half), then `\ucN`
    /// fallback characters to skip. A surrogate pair is two `\u` in a row.
    fn unicode(&mut self, n: i32) {
        self.skip = self.st.uc;
        if self.st.deleted {
            return;
        }
        let u = if n < 0 { n.saturating_add(0x1_0000) } else { n };
        self.flush();
        match u {
            0xD800..=0xDBFF => {
                self.drop_surrogate();
                self.high = Some(u as u32);
            }
            0xDC00..=0xDFFF => {
                let c = self.high.take().and_then(|h| {
                    char::from_u32(0x1_0000 + ((h - 0xD800) << 10) + (u as u32 - 0xDC00))
                });
                self.para.push(c.unwrap_or('\u{fffd}'));
            }
            _ => {
                let c = u32::try_from(u)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{fffd}');
                // Control characters other than tab and line feed are no text.
                if c >= ' ' || c == '\t' || c == '\n' {
                    self.push_char(c);
                }
            }
        }
    }

    // ------------------------------------------------------------ paragraphs

    /// `\par` (and `\sect`, `\page`): the paragraph goes to the nested table, the cell or
    /// the body its table level says. A paragraph without `\intbl` while a row is open
    /// (broken writers) stays in the row.
    fn end_paragraph(&mut self) -> Result<(), ReadError> {
        self.flush();
        self.drop_surrogate();
        let level = self.st.level;
        let para = std::mem::take(&mut self.para);
        if level >= 2 {
            self.nested_at(level).add_para(&para);
        } else if level == 1 || self.row_open() {
            self.add_cell_para(&para);
        } else {
            self.end_table_now()?;
            if !para.is_empty() {
                self.blocks
                    .push(Block::Paragraph(Paragraph { text: para.clone() }));
            }
        }
        self.para = para;
        self.para.clear();
        Ok(())
    }

    /// A high surrogate with no low half after it is shown as U+FFFD.
    fn drop_surrogate(&mut self) {
        if self.high.take().is_some() {
            self.para.push('\u{fffd}');
        }
    }

    fn row_open(&self) -> bool {
        !self.row_cells.is_empty() || self.cell_paras > 0
    }

    fn add_cell_para(&mut self, text: &str) {
        if self.cell_paras > 0 {
            self.cell.push('\n');
        }
        self.cell.push_str(text);
        self.cell_paras += 1;
    }

    fn nested_at(&mut self, level: usize) -> &mut Nested {
        let i = level.saturating_sub(2);
        if self.nested.len() <= i {
            self.nested.resize_with(i + 1, Nested::default);
        }
        // Just resized to hold `i`.
        let last = self.nested.len() - 1;
        &mut self.nested[i.min(last)]
    }

    /// `\cell`: the paragraph ends the cell (rows of nested tables left open are flattened
    /// into it first).
    fn end_cell(&mut self) -> Result<(), ReadError> {
        self.flush();
        self.drop_surrogate();
        for level in (2..self.nested.len() + 2).rev() {
            if self.nested_at(level).open() {
                let line = self.nested_at(level).take_row();
                self.deliver_line(level - 1, &line);
            }
        }
        let para = std::mem::take(&mut self.para);
        self.add_cell_para(&para);
        self.para = para;
        self.para.clear();
        if self.row_cells.len() >= MAX_GRID_COLS {
            return Err(too_wide());
        }
        self.row_cells.push(std::mem::take(&mut self.cell));
        self.cell_paras = 0;
        Ok(())
    }

    /// `\row`: the row's cells are placed by the current row definition.
    fn end_row(&mut self) -> Result<(), ReadError> {
        self.flush();
        self.drop_surrogate();
        if !self.para.is_empty() || self.cell_paras > 0 {
            // Text after the last `\cell` of the row: kept as one more cell.
            self.end_cell()?;
        }
        if self.row_cells.is_empty() {
            return Ok(());
        }
        if self.table.is_none() {
            self.tables += 1;
            self.table = Some(TableBuilder::new(self.tables));
        }
        let max_cells = self.limits.max_cells;
        if let Some(t) = self.table.as_mut() {
            t.add_row(&mut self.row_cells, &self.rowdef, max_cells)?;
        }
        Ok(())
    }

    /// `\trowd`: body text still waiting (no `\par` before the table) is a paragraph of
    /// its own, not the first cell's.
    fn start_row_def(&mut self) -> Result<(), ReadError> {
        if !self.row_open() && self.st.level == 0 {
            self.flush();
            if !self.para.is_empty() {
                self.end_paragraph()?;
            }
        }
        Ok(())
    }

    fn end_nested_cell(&mut self) {
        self.flush();
        self.drop_surrogate();
        let level = self.st.level.max(2);
        let para = std::mem::take(&mut self.para);
        let nested = self.nested_at(level);
        nested.add_para(&para);
        nested.end_cell();
        self.para = para;
        self.para.clear();
    }

    fn end_nested_row(&mut self) {
        let level = self.st.level.max(2);
        let line = self.nested_at(level).take_row();
        self.deliver_line(level - 1, &line);
    }

    /// A flattened nested row becomes a paragraph of the cell that holds the table.
    fn deliver_line(&mut self, level: usize, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        if level >= 2 {
            self.nested_at(level).add_para(line);
        } else {
            self.add_cell_para(line);
        }
    }

    fn end_table_now(&mut self) -> Result<(), ReadError> {
        if let Some(t) = self.table.take() {
            self.blocks.push(Block::Table(t.finish()?));
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<Block>, ReadError> {
        self.flush();
        self.drop_surrogate();
        // A row left open at the end is kept; so is its last cell's text.
        if self.row_open() || (self.st.level > 0 && !self.para.is_empty()) {
            self.end_row()?;
        } else if !self.para.is_empty() {
            self.end_paragraph()?;
        }
        self.end_table_now()?;
        Ok(self.blocks)
    }
}

/// Bytes no RTF text holds: C0 controls other than tab and line ends, and DEL.
fn is_binary(t: &[u8]) -> bool {
    t.iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n')) || b == 0x7F)
}

/// What a control word is to the reader.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kw {
    Par,
    Line,
    Tab,
    Char(char),
    Cell,
    Row,
    NestCell,
    NestRow,
    Intbl,
    Itap,
    Pard,
    Trowd,
    Trleft,
    Clmgf,
    Clmrg,
    Clvmgf,
    Clvmrg,
    Cellx,
    U,
    Uc,
    F,
    Plain,
    Deleted,
    Deff,
    Ansicpg,
    Mac,
    FontTable,
    Fcharset,
    Cpg,
    /// A destination whose text is not the body's (or is the body's again, for old
    /// readers: `\nonesttables`, `\listtext`, `\pntext`).
    Skip,
}

/// The control words read: one hash lookup per word by its key, and no lookup at all
/// inside skipped destinations.
const KEYWORDS: &[(&[u8], Kw)] = &[
    (b"colorschememapping", Kw::Skip),
    (b"listoverridetable", Kw::Skip),
    (b"f", Kw::F),
    (b"u", Kw::U),
    (b"do", Kw::Skip),
    (b"pn", Kw::Skip),
    (b"tc", Kw::Skip),
    (b"uc", Kw::Uc),
    (b"xe", Kw::Skip),
    (b"cpg", Kw::Cpg),
    (b"lbr", Kw::Line),
    (b"mac", Kw::Mac),
    (b"par", Kw::Par),
    (b"row", Kw::Row),
    (b"rxe", Kw::Skip),
    (b"shp", Kw::Skip),
    (b"tab", Kw::Tab),
    (b"txe", Kw::Skip),
    (b"zwj", Kw::Char('\u{200d}')),
    (b"cell", Kw::Cell),
    (b"deff", Kw::Deff),
    (b"info", Kw::Skip),
    (b"itap", Kw::Itap),
    (b"line", Kw::Line),
    (b"page", Kw::Par),
    (b"pard", Kw::Pard),
    (b"pict", Kw::Skip),
    (b"sect", Kw::Par),
    (b"zwnj", Kw::Char('\u{200c}')),
    (b"atnid", Kw::Skip),
    (b"cellx", Kw::Cellx),
    (b"clmgf", Kw::Clmgf),
    (b"clmrg", Kw::Clmrg),
    (b"intbl", Kw::Intbl),
    (b"plain", Kw::Plain),
    (b"title", Kw::Skip),
    (b"trowd", Kw::Trowd),
    (b"atnref", Kw::Skip),
    (b"author", Kw::Skip),
    (b"bullet", Kw::Char('\u{2022}')),
    (b"clvmgf", Kw::Clvmgf),
    (b"clvmrg", Kw::Clvmrg),
    (b"docvar", Kw::Skip),
    (b"emdash", Kw::Char('\u{2014}')),
    (b"endash", Kw::Char('\u{2013}')),
    (b"fchars", Kw::Skip),
    (b"footer", Kw::Skip),
    (b"ftnsep", Kw::Skip),
    (b"header", Kw::Skip),
    (b"lchars", Kw::Skip),
    (b"lquote", Kw::Char('\u{2018}')),
    (b"object", Kw::Skip),
    (b"pntext", Kw::Skip),
    (b"pntxta", Kw::Skip),
    (b"pntxtb", Kw::Skip),
    (b"result", Kw::Skip),
    (b"revtbl", Kw::Skip),
    (b"rquote", Kw::Char('\u{2019}')),
    (b"trleft", Kw::Trleft),
    (b"aftnsep", Kw::Skip),
    (b"ansicpg", Kw::Ansicpg),
    (b"atndate", Kw::Skip),
    (b"atntime", Kw::Skip),
    (b"atrfend", Kw::Skip),
    (b"bkmkend", Kw::Skip),
    (b"comment", Kw::Skip),
    (b"company", Kw::Skip),
    (b"deleted", Kw::Deleted),
    (b"doccomm", Kw::Skip),
    (b"emspace", Kw::Char('\u{2003}')),
    (b"enspace", Kw::Char('\u{2002}')),
    (b"filetbl", Kw::Skip),
    (b"fldinst", Kw::Skip),
    (b"fonttbl", Kw::FontTable),
    (b"footerf", Kw::Skip),
    (b"footerl", Kw::Skip),
    (b"footerr", Kw::Skip),
    (b"ftnsepc", Kw::Skip),
    (b"headerf", Kw::Skip),
    (b"headerl", Kw::Skip),
    (b"headerr", Kw::Skip),
    (b"keycode", Kw::Skip),
    (b"manager", Kw::Skip),
    (b"mmathPr", Kw::Skip),
    (b"nestrow", Kw::NestRow),
    (b"objdata", Kw::Skip),
    (b"private", Kw::Skip),
    (b"qmspace", Kw::Char('\u{2005}')),
    (b"rsidtbl", Kw::Skip),
    (b"shpinst", Kw::Skip),
    (b"shprslt", Kw::Skip),
    (b"subject", Kw::Skip),
    (b"aftnsepc", Kw::Skip),
    (b"category", Kw::Skip),
    (b"colortbl", Kw::Skip),
    (b"fcharset", Kw::Fcharset),
    (b"footnote", Kw::Skip),
    (b"keywords", Kw::Skip),
    (b"listtext", Kw::Skip),
    (b"nestcell", Kw::NestCell),
    (b"operator", Kw::Skip),
    (b"password", Kw::Skip),
    (b"pgdsctbl", Kw::Skip),
    (b"template", Kw::Skip),
    (b"xmlnstbl", Kw::Skip),
    (b"atnauthor", Kw::Skip),
    (b"atrfstart", Kw::Skip),
    (b"bkmkstart", Kw::Skip),
    (b"datafield", Kw::Skip),
    (b"datastore", Kw::Skip),
    (b"formfield", Kw::Skip),
    (b"generator", Kw::Skip),
    (b"hlinkbase", Kw::Skip),
    (b"ldblquote", Kw::Char('\u{201c}')),
    (b"listtable", Kw::Skip),
    (b"rdblquote", Kw::Char('\u{201d}')),
    (b"themedata", Kw::Skip),
    (b"userprops", Kw::Skip),
    (b"annotation", Kw::Skip),
    (b"nonshppict", Kw::Skip),
    (b"stylesheet", Kw::Skip),
    (b"protusertbl", Kw::Skip),
    (b"latentstyles", Kw::Skip),
    (b"nonesttables", Kw::Skip),
    (b"passwordhash", Kw::Skip),
    (b"wgrffmtfilter", Kw::Skip),
];

/// Size of the keyword hash table: a power of two, four times the keywords, so that a
/// lookup takes a probe or two.
const TABLE_LEN: usize = 512;

/// A keyword hash table slot: key, name, keyword; key 0 marks an empty slot.
type Slot = (u64, &'static [u8], Kw);

/// The keywords by hash of their key, open addressing with linear probing.
static TABLE: [Slot; TABLE_LEN] = build_table();

const fn hash(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize % TABLE_LEN
}

const fn build_table() -> [Slot; TABLE_LEN] {
    let mut table: [Slot; TABLE_LEN] = [(0, b"", Kw::Skip); TABLE_LEN];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let (name, kw) = KEYWORDS[i];
        let key = pack(name);
        let mut h = hash(key);
        while table[h].0 != 0 {
            h = (h + 1) % TABLE_LEN;
        }
        table[h] = (key, name, kw);
        i += 1;
    }
    table
}

/// The keyword of a control word, by its key (and its name, for words longer than 8
/// letters, whose keys are shared).
fn keyword(key: u64, name: &[u8]) -> Option<Kw> {
    let mut h = hash(key);
    for _ in 0..TABLE_LEN {
        let &(k, n, kw) = TABLE.get(h)?;
        if k == 0 {
            return None;
        }
        if k == key && (key & LONG == 0 || n == name) {
            return Some(kw);
        }
        h = (h + 1) % TABLE_LEN;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_is_found_and_no_other_word() {
        let mut names: Vec<&[u8]> = KEYWORDS.iter().map(|&(n, _)| n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KEYWORDS.len(), "no keyword twice");
        for &(n, kw) in KEYWORDS {
            assert_eq!(
                keyword(pack(n), n),
                Some(kw),
                "{}",
                String::from_utf8_lossy(n)
            );
        }
        for n in [
            &b"brdrw"[..],
            b"listoverride",
            b"listoverridetablex",
            b"nestcel",
            b"pars",
        ] {
            assert_eq!(keyword(pack(n), n), None);
        }
    }
}
