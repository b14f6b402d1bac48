//! The one pass over the tokens: group state (destination, font, `\uc`, deleted text,
//! paragraph table level), the font table's character sets, text decoding, and the routing
//! of finished paragraphs to the body, a table cell or a nested table.

use std::collections::HashMap;

use encoding_rs::{CoderResult, Encoding, UTF_8, WINDOWS_1252};

use super::MAX_GRID_COLS;
use super::codepage::{charset_code_page, code_page};
use super::table::{H_FIRST, H_MERGED, Nested, RowDef, TableBuilder, V_FIRST, V_MERGED, too_wide};
use super::tokenizer::{Token, Tokenizer, pack};
use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::{Block, Paragraph};

const NESTTABLEPROPS: u128 = pack(b"nesttableprops");

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
                        if key == NESTTABLEPROPS && prev == Dest::Body {
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
            return Err(ReadError::TooLarge(format!(
                "RTF 分组嵌套层数超过 {}（文件结构异常）",
                self.limits.max_xml_depth
            )));
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

/// The control words read, sorted by packed key for a binary search: one lookup per word,
/// and no lookup at all inside skipped destinations (most of a file's words). Words longer
/// than 16 letters are in `keyword` by name.
static KEYWORDS: &[(u128, Kw)] = &[
    (pack(b"f"), Kw::F),
    (pack(b"u"), Kw::U),
    (pack(b"do"), Kw::Skip),
    (pack(b"pn"), Kw::Skip),
    (pack(b"tc"), Kw::Skip),
    (pack(b"uc"), Kw::Uc),
    (pack(b"xe"), Kw::Skip),
    (pack(b"cpg"), Kw::Cpg),
    (pack(b"lbr"), Kw::Line),
    (pack(b"mac"), Kw::Mac),
    (pack(b"par"), Kw::Par),
    (pack(b"row"), Kw::Row),
    (pack(b"rxe"), Kw::Skip),
    (pack(b"shp"), Kw::Skip),
    (pack(b"tab"), Kw::Tab),
    (pack(b"txe"), Kw::Skip),
    (pack(b"zwj"), Kw::Char('\u{200d}')),
    (pack(b"cell"), Kw::Cell),
    (pack(b"deff"), Kw::Deff),
    (pack(b"info"), Kw::Skip),
    (pack(b"itap"), Kw::Itap),
    (pack(b"line"), Kw::Line),
    (pack(b"page"), Kw::Par),
    (pack(b"pard"), Kw::Pard),
    (pack(b"pict"), Kw::Skip),
    (pack(b"sect"), Kw::Par),
    (pack(b"zwnj"), Kw::Char('\u{200c}')),
    (pack(b"atnid"), Kw::Skip),
    (pack(b"cellx"), Kw::Cellx),
    (pack(b"clmgf"), Kw::Clmgf),
    (pack(b"clmrg"), Kw::Clmrg),
    (pack(b"intbl"), Kw::Intbl),
    (pack(b"plain"), Kw::Plain),
    (pack(b"title"), Kw::Skip),
    (pack(b"trowd"), Kw::Trowd),
    (pack(b"atnref"), Kw::Skip),
    (pack(b"author"), Kw::Skip),
    (pack(b"bullet"), Kw::Char('\u{2022}')),
    (pack(b"clvmgf"), Kw::Clvmgf),
    (pack(b"clvmrg"), Kw::Clvmrg),
    (pack(b"docvar"), Kw::Skip),
    (pack(b"emdash"), Kw::Char('\u{2014}')),
    (pack(b"endash"), Kw::Char('\u{2013}')),
    (pack(b"fchars"), Kw::Skip),
    (pack(b"footer"), Kw::Skip),
    (pack(b"ftnsep"), Kw::Skip),
    (pack(b"header"), Kw::Skip),
    (pack(b"lchars"), Kw::Skip),
    (pack(b"lquote"), Kw::Char('\u{2018}')),
    (pack(b"object"), Kw::Skip),
    (pack(b"pntext"), Kw::Skip),
    (pack(b"pntxta"), Kw::Skip),
    (pack(b"pntxtb"), Kw::Skip),
    (pack(b"result"), Kw::Skip),
    (pack(b"revtbl"), Kw::Skip),
    (pack(b"rquote"), Kw::Char('\u{2019}')),
    (pack(b"trleft"), Kw::Trleft),
    (pack(b"aftnsep"), Kw::Skip),
    (pack(b"ansicpg"), Kw::Ansicpg),
    (pack(b"atndate"), Kw::Skip),
    (pack(b"atntime"), Kw::Skip),
    (pack(b"atrfend"), Kw::Skip),
    (pack(b"bkmkend"), Kw::Skip),
    (pack(b"comment"), Kw::Skip),
    (pack(b"company"), Kw::Skip),
    (pack(b"deleted"), Kw::Deleted),
    (pack(b"doccomm"), Kw::Skip),
    (pack(b"emspace"), Kw::Char('\u{2003}')),
    (pack(b"enspace"), Kw::Char('\u{2002}')),
    (pack(b"filetbl"), Kw::Skip),
    (pack(b"fldinst"), Kw::Skip),
    (pack(b"fonttbl"), Kw::FontTable),
    (pack(b"footerf"), Kw::Skip),
    (pack(b"footerl"), Kw::Skip),
    (pack(b"footerr"), Kw::Skip),
    (pack(b"ftnsepc"), Kw::Skip),
    (pack(b"headerf"), Kw::Skip),
    (pack(b"headerl"), Kw::Skip),
    (pack(b"headerr"), Kw::Skip),
    (pack(b"keycode"), Kw::Skip),
    (pack(b"manager"), Kw::Skip),
    (pack(b"mmathPr"), Kw::Skip),
    (pack(b"nestrow"), Kw::NestRow),
    (pack(b"objdata"), Kw::Skip),
    (pack(b"private"), Kw::Skip),
    (pack(b"qmspace"), Kw::Char('\u{2005}')),
    (pack(b"rsidtbl"), Kw::Skip),
    (pack(b"shpinst"), Kw::Skip),
    (pack(b"shprslt"), Kw::Skip),
    (pack(b"subject"), Kw::Skip),
    (pack(b"aftnsepc"), Kw::Skip),
    (pack(b"category"), Kw::Skip),
    (pack(b"colortbl"), Kw::Skip),
    (pack(b"fcharset"), Kw::Fcharset),
    (pack(b"footnote"), Kw::Skip),
    (pack(b"keywords"), Kw::Skip),
    (pack(b"listtext"), Kw::Skip),
    (pack(b"nestcell"), Kw::NestCell),
    (pack(b"operator"), Kw::Skip),
    (pack(b"password"), Kw::Skip),
    (pack(b"pgdsctbl"), Kw::Skip),
    (pack(b"template"), Kw::Skip),
    (pack(b"xmlnstbl"), Kw::Skip),
    (pack(b"atnauthor"), Kw::Skip),
    (pack(b"atrfstart"), Kw::Skip),
    (pack(b"bkmkstart"), Kw::Skip),
    (pack(b"datafield"), Kw::Skip),
    (pack(b"datastore"), Kw::Skip),
    (pack(b"formfield"), Kw::Skip),
    (pack(b"generator"), Kw::Skip),
    (pack(b"hlinkbase"), Kw::Skip),
    (pack(b"ldblquote"), Kw::Char('\u{201c}')),
    (pack(b"listtable"), Kw::Skip),
    (pack(b"rdblquote"), Kw::Char('\u{201d}')),
    (pack(b"themedata"), Kw::Skip),
    (pack(b"userprops"), Kw::Skip),
    (pack(b"annotation"), Kw::Skip),
    (pack(b"nonshppict"), Kw::Skip),
    (pack(b"stylesheet"), Kw::Skip),
    (pack(b"protusertbl"), Kw::Skip),
    (pack(b"latentstyles"), Kw::Skip),
    (pack(b"nonesttables"), Kw::Skip),
    (pack(b"passwordhash"), Kw::Skip),
    (pack(b"wgrffmtfilter"), Kw::Skip),
];

/// The keyword of a control word, by its packed key (a plain integer binary search).
fn keyword(key: u128, name: &[u8]) -> Option<Kw> {
    if key == 0 {
        return match name {
            b"colorschememapping" | b"listoverridetable" => Some(Kw::Skip),
            _ => None,
        };
    }
    let (mut lo, mut hi) = (0, KEYWORDS.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let &(k, kw) = KEYWORDS.get(mid)?;
        if k == key {
            return Some(kw);
        }
        if k < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyword_table_is_sorted_and_found() {
        assert!(KEYWORDS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(k, kw) in KEYWORDS {
            assert_eq!(keyword(k, b""), Some(kw));
        }
        assert_eq!(keyword(pack(b"brdrw"), b"brdrw"), None);
        assert_eq!(
            keyword(pack(b"listoverridetable"), b"listoverridetable"),
            Some(Kw::Skip)
        );
        assert_eq!(
            keyword(pack(b"listoverridetablex"), b"listoverridetablex"),
            None
        );
    }
}
