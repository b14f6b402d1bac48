//! The quick tree builder: the HTML5 tree-construction rules that well-formed pages use,
//! run over html5gum's tokens, building the same arena html5ever's tree builder builds.
//!
//! Why: html5ever's tokenizer and tree builder are most of what an HTML form costs, and the
//! pages budget systems, Word, Excel and LibreOffice write are regular — nested elements,
//! tables of rows of cells, implied `</td>`, `</tr>`, `<tbody>`, `</p>`. For those, a
//! builder that follows the spec's insertion modes with plain stacks does the same work
//! at a fraction of the cost. Everything past those rules — foster parenting (content
//! inside a table but outside its cells), the adoption agency's moves (misnested `<b>`,
//! `<font>`), reopening formatting elements, `<select>`, `<template>`, frames, SVG and
//! MathML, a quirks-mode question the doctype leaves open — answers [`Bail`], and the
//! page goes to html5ever instead. Bailing is always safe; building is only allowed where
//! the result is the tree html5ever builds, which a differential test (and the fuzz
//! target) checks on every page it is given.
//!
//! Rules follow the WHATWG HTML spec, §13.2.6 "Tree construction", mode by mode; names
//! are as the spec's.

use html5gum::State;

use super::sink::{Arena, DOCUMENT, Id, NONE, classify};

/// The page needs the full tree builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bail;

type Step<T = ()> = Result<T, Bail>;

/// The attributes of a start tag that the arena reads: (name, start, end) of the value in
/// `values`, the first of each name only, as the tokenizer keeps them.
#[derive(Clone, Copy, Default)]
pub(super) struct Attrs<'a> {
    pub(super) list: &'a [(&'static str, u32, u32)],
    pub(super) values: &'a str,
}

impl<'a> Attrs<'a> {
    fn iter(self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.list
            .iter()
            .map(move |&(n, a, b)| -> (&'a str, &'a str) {
                (n, self.values.get(a as usize..b as usize).unwrap_or(""))
            })
    }

    fn get(self, name: &str) -> Option<&'a str> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// A start tag as the builder reads it: its lower-case name and attributes.
pub(super) struct StartTag<'a> {
    pub(super) name: &'a str,
    pub(super) attrs: Attrs<'a>,
}

/// The doctype, as far as quirks mode needs it.
pub(super) struct Doctype {
    pub(super) name_is_html: bool,
    pub(super) has_ids: bool,
    pub(super) force_quirks: bool,
}

/// Whether the document is in quirks mode; `Unknown` for a doctype with public or system
/// identifiers, whose answer takes the spec's long list (then the one rule that depends on
/// it bails).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Quirks {
    Yes,
    No,
    Unknown,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    /// Raw text of a script, style, title, textarea … until its end tag.
    Text,
    InTable,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
}

/// An open element: its node and its name (in `Builder::names`).
#[derive(Clone, Copy)]
struct Open {
    id: Id,
    start: u32,
    len: u32,
}

/// An entry of the list of active formatting elements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Formatting {
    Marker,
    Element { id: Id, name: &'static str },
}

/// Which elements end a scope (§13.2.4.2 "has an element in scope").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

fn ends_scope(name: &str, scope: Scope) -> bool {
    match scope {
        Scope::Table => matches!(name, "html" | "table" | "template"),
        _ => {
            matches!(
                name,
                "applet"
                    | "caption"
                    | "html"
                    | "table"
                    | "td"
                    | "th"
                    | "marquee"
                    | "object"
                    | "template"
            ) || (scope == Scope::ListItem && matches!(name, "ol" | "ul"))
                || (scope == Scope::Button && name == "button")
        }
    }
}

/// The spec's "special" category (HTML elements only: foreign content bails).
fn is_special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

/// The formatting elements, as the static names the list keeps.
fn formatting_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "a" => "a",
        "b" => "b",
        "big" => "big",
        "code" => "code",
        "em" => "em",
        "font" => "font",
        "i" => "i",
        "nobr" => "nobr",
        "s" => "s",
        "small" => "small",
        "strike" => "strike",
        "strong" => "strong",
        "tt" => "tt",
        "u" => "u",
        _ => return None,
    })
}

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Start tags whose in-body rule is "close a p element, insert".
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
    )
}

/// End tags whose in-body rule is "generate implied end tags, pop to it": the same
/// elements as `closes_p` but `p` (which has rules of its own), and three more.
fn block_end(name: &str) -> bool {
    (closes_p(name) && name != "p") || matches!(name, "button" | "listing" | "pre")
}

fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The leading white space of `s` and the rest.
fn split_ws(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(|&b| is_ws(b)).count();
    s.split_at(n)
}

/// What a rule did with a token.
enum Done {
    /// Handled; the tokenizer goes on in this state (if any).
    State(Option<State>),
    /// Handled by switching modes: process the token again.
    Again,
}

const FINISHED: Step<Done> = Ok(Done::State(None));

/// The builder's state: the arena, the stack of open elements, the list of active
/// formatting elements and the insertion mode.
pub(super) struct Builder<'a> {
    pub(super) arena: &'a mut Arena,
    mode: Mode,
    /// The mode to return to after `Mode::Text`.
    original: Mode,
    stack: Vec<Open>,
    /// The names of the open elements, end to end.
    names: String,
    formatting: Vec<Formatting>,
    head: Option<Id>,
    form: Option<Id>,
    quirks: Quirks,
    /// The next text starts after `<pre>`, `<listing>` or `<textarea>`: a first newline
    /// is dropped.
    skip_newline: bool,
    /// In-body rules run for the table modes' "anything else": inserting into a table
    /// element would be foster parenting.
    foster: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(arena: &'a mut Arena) -> Self {
        Builder {
            arena,
            mode: Mode::Initial,
            original: Mode::InBody,
            stack: Vec::with_capacity(32),
            names: String::with_capacity(256),
            formatting: Vec::new(),
            head: None,
            form: None,
            quirks: Quirks::Yes,
            skip_newline: false,
            foster: false,
        }
    }

    fn name_of(&self, o: Open) -> &str {
        let (a, b) = (o.start as usize, (o.start + o.len) as usize);
        self.names.get(a..b).unwrap_or("")
    }

    fn current(&self) -> &str {
        self.stack.last().map_or("", |&o| self.name_of(o))
    }

    fn current_id(&self) -> Id {
        self.stack.last().map_or(DOCUMENT, |o| o.id)
    }

    fn push(&mut self, id: Id, name: &str) {
        let start = self.names.len() as u32;
        self.names.push_str(name);
        self.stack.push(Open {
            id,
            start,
            len: name.len() as u32,
        });
    }

    fn pop(&mut self) {
        if let Some(o) = self.stack.pop() {
            self.names.truncate(o.start as usize);
        }
    }

    /// Pops until an element of one of `names` has been popped.
    fn pop_until(&mut self, names: &[&str]) {
        while let Some(&o) = self.stack.last() {
            let hit = names.contains(&self.name_of(o));
            self.pop();
            if hit {
                break;
            }
        }
    }

    fn in_scope(&self, names: &[&str], scope: Scope) -> bool {
        for &o in self.stack.iter().rev() {
            let n = self.name_of(o);
            if names.contains(&n) {
                return true;
            }
            if ends_scope(n, scope) {
                return false;
            }
        }
        false
    }

    fn node_in_scope(&self, id: Id) -> bool {
        for &o in self.stack.iter().rev() {
            if o.id == id {
                return true;
            }
            if ends_scope(self.name_of(o), Scope::Default) {
                return false;
            }
        }
        false
    }

    fn on_stack(&self, id: Id) -> bool {
        self.stack.iter().any(|o| o.id == id)
    }

    fn implied_end_tags(&mut self, except: Option<&str>) {
        loop {
            let c = self.current();
            let implied = matches!(
                c,
                "dd" | "dt" | "li" | "optgroup" | "option" | "p" | "rb" | "rp" | "rt" | "rtc"
            );
            if !implied || Some(c) == except {
                break;
            }
            self.pop();
        }
    }

    fn close_p(&mut self) {
        if self.in_scope(&["p"], Scope::Button) {
            self.implied_end_tags(Some("p"));
            self.pop_until(&["p"]);
        }
    }

    fn clear_formatting_to_marker(&mut self) {
        while let Some(f) = self.formatting.pop() {
            if f == Formatting::Marker {
                break;
            }
        }
    }

    /// "Reconstruct the active formatting elements": nothing to do unless a formatting
    /// element was closed implicitly and must be reopened — then bail.
    fn reconstruct(&self) -> Step {
        match self.formatting.last() {
            None | Some(Formatting::Marker) => Ok(()),
            Some(Formatting::Element { id, .. }) if self.on_stack(*id) => Ok(()),
            Some(_) => Err(Bail),
        }
    }

    /// Whether the current node is a table or a part of one that holds only rows: content
    /// inserted there would be foster-parented.
    fn at_table_part(&self) -> bool {
        matches!(self.current(), "table" | "tbody" | "tfoot" | "thead" | "tr")
    }

    /// Runs in-body rules for a table mode's "anything else", where inserting into a table
    /// part would be foster parenting (then `insert` bails).
    fn fostered<T>(&mut self, rules: impl FnOnce(&mut Self) -> Step<T>) -> Step<T> {
        self.foster = true;
        let r = rules(self);
        self.foster = false;
        r
    }

    /// Inserts an HTML element for the tag at the current node and opens it.
    fn insert(&mut self, name: &str, attrs: Attrs) -> Step<Id> {
        let parent = self.current_id();
        if self.foster && self.at_table_part() {
            return Err(Bail);
        }
        let id = self
            .arena
            .create_element(classify(name), true, attrs.iter(), false);
        self.arena.link(parent, id, NONE);
        self.push(id, name);
        Ok(id)
    }

    fn insert_void(&mut self, t: &StartTag) -> Step {
        self.insert(t.name, t.attrs)?;
        self.pop();
        Ok(())
    }

    /// Inserts a raw-text element (script, style, title, textarea …) and reads its text.
    fn insert_raw(&mut self, t: &StartTag, state: State) -> Step<Done> {
        self.insert(t.name, t.attrs)?;
        self.original = self.mode;
        self.mode = Mode::Text;
        Ok(Done::State(Some(state)))
    }

    fn insert_text(&mut self, s: &str) -> Step {
        if s.is_empty() {
            return Ok(());
        }
        if self.foster && self.at_table_part() {
            return Err(Bail);
        }
        let parent = self.current_id();
        self.arena.add_text(parent, NONE, s);
        Ok(())
    }

    /// "Reset the insertion mode appropriately".
    fn reset_mode(&mut self) -> Step {
        for (i, &o) in self.stack.iter().enumerate().rev() {
            let last = i == 0;
            let mode = match self.name_of(o) {
                "select" | "template" | "frameset" => return Err(Bail),
                "td" | "th" if !last => Mode::InCell,
                "tr" => Mode::InRow,
                "tbody" | "thead" | "tfoot" => Mode::InTableBody,
                "caption" => Mode::InCaption,
                "colgroup" => Mode::InColumnGroup,
                "table" => Mode::InTable,
                "head" if !last => Mode::InHead,
                "body" => Mode::InBody,
                "html" => {
                    if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ if last => Mode::InBody,
                _ => continue,
            };
            self.mode = mode;
            return Ok(());
        }
        self.mode = Mode::InBody;
        Ok(())
    }

    fn clear_to(&mut self, names: &[&str]) {
        while !self.stack.is_empty() && !names.contains(&self.current()) {
            self.pop();
        }
    }

    // ---- tokens -------------------------------------------------------------------------

    pub(super) fn doctype(&mut self, d: &Doctype) {
        self.skip_newline = false;
        if self.mode == Mode::Initial {
            self.quirks = if !d.name_is_html || d.force_quirks {
                Quirks::Yes
            } else if d.has_ids {
                Quirks::Unknown
            } else {
                Quirks::No
            };
            self.mode = Mode::BeforeHtml;
        }
    }

    /// The end of the page: the elements it implies (an empty page still has a body).
    pub(super) fn eof(&mut self) -> Step {
        loop {
            match self.mode {
                Mode::Initial
                | Mode::BeforeHtml
                | Mode::BeforeHead
                | Mode::InHead
                | Mode::AfterHead => self.imply_next()?,
                Mode::Text => {
                    self.pop();
                    self.mode = self.original;
                }
                _ => return Ok(()),
            }
        }
    }

    /// `imply_next`, then the token again.
    fn implied(&mut self) -> Step<Done> {
        self.imply_next()?;
        Ok(Done::Again)
    }

    /// What a token that a mode before the body has no rule for implies: the next element
    /// of `<html><head></head><body>`, or first quirks mode (no doctype came).
    fn imply_next(&mut self) -> Step {
        match self.mode {
            Mode::Initial => {
                self.quirks = Quirks::Yes;
                self.mode = Mode::BeforeHtml;
            }
            Mode::BeforeHtml => self.open_html(Attrs::default())?,
            Mode::BeforeHead => self.open_head(Attrs::default())?,
            Mode::InHead => {
                self.pop();
                self.mode = Mode::AfterHead;
            }
            Mode::AfterHead => {
                self.insert("body", Attrs::default())?;
                self.mode = Mode::InBody;
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn comment(&mut self) {
        // Comments are never stored; they only end the "first newline" window.
        self.skip_newline = false;
    }

    pub(super) fn text(&mut self, mut s: &str) -> Step {
        if std::mem::take(&mut self.skip_newline) {
            s = s.strip_prefix('\n').unwrap_or(s);
        }
        if s.contains('\0') {
            return Err(Bail);
        }
        while !s.is_empty() {
            match self.text_in_mode(s)? {
                None => break,
                Some(rest) => s = rest,
            }
        }
        Ok(())
    }

    /// Text in the current mode; the part to process again after a mode switch.
    fn text_in_mode<'s>(&mut self, s: &'s str) -> Step<Option<&'s str>> {
        match self.mode {
            Mode::Initial
            | Mode::BeforeHtml
            | Mode::BeforeHead
            | Mode::InHead
            | Mode::AfterHead => {
                // White space is ignored before the head and inserted after it starts.
                let (ws, rest) = split_ws(s);
                if matches!(self.mode, Mode::InHead | Mode::AfterHead) {
                    self.insert_text(ws)?;
                }
                if rest.is_empty() {
                    return Ok(None);
                }
                self.imply_next()?;
                Ok(Some(rest))
            }
            Mode::InBody | Mode::InCaption | Mode::InCell => {
                self.reconstruct()?;
                self.insert_text(s)?;
                Ok(None)
            }
            Mode::Text => {
                self.insert_text(s)?;
                Ok(None)
            }
            Mode::InTable | Mode::InTableBody | Mode::InRow => {
                // "in table text": white space is inserted, anything else is fostered.
                if self.at_table_part() {
                    if s.bytes().all(is_ws) {
                        self.insert_text(s)?;
                        return Ok(None);
                    }
                    return Err(Bail);
                }
                self.fostered(|b| {
                    b.reconstruct()?;
                    b.insert_text(s)
                })?;
                Ok(None)
            }
            Mode::InColumnGroup => {
                let (ws, rest) = split_ws(s);
                self.insert_text(ws)?;
                if rest.is_empty() {
                    return Ok(None);
                }
                match self.leave_column_group()? {
                    Done::Again => Ok(Some(rest)),
                    Done::State(_) => Ok(None),
                }
            }
        }
    }

    fn open_html(&mut self, attrs: Attrs) -> Step {
        self.insert("html", attrs)?;
        self.mode = Mode::BeforeHead;
        Ok(())
    }

    fn open_head(&mut self, attrs: Attrs) -> Step {
        let id = self.insert("head", attrs)?;
        self.head = Some(id);
        self.mode = Mode::InHead;
        Ok(())
    }

    /// A start tag; the state the tokenizer goes on in.
    pub(super) fn start_tag(&mut self, t: &StartTag) -> Step<Option<State>> {
        self.skip_newline = false;
        loop {
            let done = match self.mode {
                Mode::Initial => self.implied(),
                Mode::BeforeHtml if t.name == "html" => {
                    self.open_html(t.attrs)?;
                    FINISHED
                }
                Mode::BeforeHtml => self.implied(),
                Mode::BeforeHead => match t.name {
                    "html" => FINISHED,
                    "head" => {
                        self.open_head(t.attrs)?;
                        FINISHED
                    }
                    _ => self.implied(),
                },
                Mode::InHead => self.start_in_head(t),
                Mode::AfterHead => match t.name {
                    "html" | "head" => FINISHED,
                    "body" => {
                        self.insert("body", t.attrs)?;
                        self.mode = Mode::InBody;
                        FINISHED
                    }
                    "frameset" | "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes"
                    | "script" | "style" | "template" | "title" => Err(Bail),
                    _ => self.implied(),
                },
                Mode::InBody => self.start_in_body(t),
                // The tokenizer ends raw text only at its end tag.
                Mode::Text => Err(Bail),
                Mode::InTable => self.start_in_table(t),
                Mode::InCaption => match t.name {
                    "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead"
                    | "tr" => self.close_caption(true),
                    _ => self.start_in_body(t),
                },
                Mode::InColumnGroup => match t.name {
                    "html" => FINISHED,
                    "col" => {
                        self.insert_void(t)?;
                        FINISHED
                    }
                    "template" => Err(Bail),
                    _ => self.leave_column_group(),
                },
                Mode::InTableBody => match t.name {
                    "tr" => {
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                        self.insert("tr", t.attrs)?;
                        self.mode = Mode::InRow;
                        FINISHED
                    }
                    "th" | "td" => {
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                        self.insert("tr", Attrs::default())?;
                        self.mode = Mode::InRow;
                        Ok(Done::Again)
                    }
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" => {
                        self.end_table_body()
                    }
                    _ => self.start_in_table(t),
                },
                Mode::InRow => match t.name {
                    "th" | "td" => {
                        self.clear_to(&["tr", "template", "html"]);
                        self.insert(t.name, t.attrs)?;
                        self.mode = Mode::InCell;
                        self.formatting.push(Formatting::Marker);
                        FINISHED
                    }
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr" => {
                        self.end_row(true)
                    }
                    _ => self.start_in_table(t),
                },
                Mode::InCell => match t.name {
                    "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead"
                    | "tr" => {
                        if self.in_scope(&["td", "th"], Scope::Table) {
                            self.close_cell();
                            Ok(Done::Again)
                        } else {
                            FINISHED
                        }
                    }
                    _ => self.start_in_body(t),
                },
            }?;
            match done {
                Done::State(s) => return Ok(s),
                Done::Again => continue,
            }
        }
    }

    fn start_in_head(&mut self, t: &StartTag) -> Step<Done> {
        match t.name {
            "html" | "head" => FINISHED,
            "base" | "basefont" | "bgsound" | "link" | "meta" => {
                self.insert_void(t)?;
                FINISHED
            }
            "title" => self.insert_raw(t, State::RcData),
            // Scripting is on, as html5ever's default.
            "noscript" | "noframes" | "style" => self.insert_raw(t, State::RawText),
            "script" => self.insert_raw(t, State::ScriptData),
            "template" => Err(Bail),
            _ => self.implied(),
        }
    }

    fn start_in_body(&mut self, t: &StartTag) -> Step<Done> {
        let name = t.name;
        if let Some(f) = formatting_name(name) {
            match f {
                "nobr" => return Err(Bail),
                "a" => {
                    let open_a = self
                        .formatting
                        .iter()
                        .rev()
                        .take_while(|e| **e != Formatting::Marker)
                        .any(|e| matches!(e, Formatting::Element { name: "a", .. }));
                    if open_a {
                        return Err(Bail);
                    }
                }
                _ => {}
            }
            self.reconstruct()?;
            let id = self.insert(name, t.attrs)?;
            self.formatting.push(Formatting::Element { id, name: f });
            return FINISHED;
        }
        if closes_p(name) {
            self.close_p();
            self.insert(name, t.attrs)?;
            return FINISHED;
        }
        match name {
            "html" | "body" | "caption" | "col" | "colgroup" | "frame" | "head" | "tbody"
            | "td" | "tfoot" | "th" | "thead" | "tr" => FINISHED,
            "base" | "basefont" | "bgsound" | "link" | "meta" | "param" | "source" | "track" => {
                self.insert_void(t)?;
                FINISHED
            }
            "title" => self.insert_raw(t, State::RcData),
            "noframes" | "style" | "iframe" | "noembed" | "noscript" => {
                self.insert_raw(t, State::RawText)
            }
            "script" => self.insert_raw(t, State::ScriptData),
            "xmp" => {
                self.close_p();
                self.reconstruct()?;
                self.insert_raw(t, State::RawText)
            }
            "textarea" => {
                let done = self.insert_raw(t, State::RcData)?;
                self.skip_newline = true;
                Ok(done)
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_p();
                if HEADINGS.contains(&self.current()) {
                    self.pop();
                }
                self.insert(name, t.attrs)?;
                FINISHED
            }
            "pre" | "listing" => {
                self.close_p();
                self.insert(name, t.attrs)?;
                self.skip_newline = true;
                FINISHED
            }
            "form" => {
                if self.form.is_none() {
                    self.close_p();
                    let id = self.insert(name, t.attrs)?;
                    self.form = Some(id);
                }
                FINISHED
            }
            "li" | "dd" | "dt" => {
                let targets: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                for i in (0..self.stack.len()).rev() {
                    let n = self.name_of(self.stack[i]);
                    if let Some(&hit) = targets.iter().find(|&&x| x == n) {
                        self.implied_end_tags(Some(hit));
                        self.pop_until(&[hit]);
                        break;
                    }
                    if is_special(n) && !matches!(n, "address" | "div" | "p") {
                        break;
                    }
                }
                self.close_p();
                self.insert(name, t.attrs)?;
                FINISHED
            }
            "table" => {
                if self.quirks != Quirks::Yes && self.in_scope(&["p"], Scope::Button) {
                    if self.quirks == Quirks::Unknown {
                        return Err(Bail);
                    }
                    self.close_p();
                }
                self.insert(name, t.attrs)?;
                self.mode = Mode::InTable;
                FINISHED
            }
            "area" | "br" | "embed" | "img" | "wbr" | "input" => {
                self.reconstruct()?;
                self.insert_void(t)?;
                FINISHED
            }
            "hr" => {
                self.close_p();
                self.insert_void(t)?;
                FINISHED
            }
            "optgroup" | "option" => {
                if self.current() == "option" {
                    self.pop();
                }
                self.reconstruct()?;
                self.insert(name, t.attrs)?;
                FINISHED
            }
            "select" | "template" | "frameset" | "image" | "keygen" | "plaintext" | "button"
            | "applet" | "marquee" | "object" | "math" | "svg" | "rb" | "rtc" | "rp" | "rt"
            | "isindex" | "menuitem" | "selectedcontent" => Err(Bail),
            _ => {
                self.reconstruct()?;
                self.insert(name, t.attrs)?;
                FINISHED
            }
        }
    }

    fn start_in_table(&mut self, t: &StartTag) -> Step<Done> {
        match t.name {
            "caption" => {
                self.clear_to(&["table", "template", "html"]);
                self.formatting.push(Formatting::Marker);
                self.insert("caption", t.attrs)?;
                self.mode = Mode::InCaption;
                FINISHED
            }
            "colgroup" => {
                self.clear_to(&["table", "template", "html"]);
                self.insert("colgroup", t.attrs)?;
                self.mode = Mode::InColumnGroup;
                FINISHED
            }
            "col" => {
                self.clear_to(&["table", "template", "html"]);
                self.insert("colgroup", Attrs::default())?;
                self.mode = Mode::InColumnGroup;
                Ok(Done::Again)
            }
            "tbody" | "tfoot" | "thead" => {
                self.clear_to(&["table", "template", "html"]);
                self.insert(t.name, t.attrs)?;
                self.mode = Mode::InTableBody;
                FINISHED
            }
            "td" | "th" | "tr" => {
                self.clear_to(&["table", "template", "html"]);
                self.insert("tbody", Attrs::default())?;
                self.mode = Mode::InTableBody;
                Ok(Done::Again)
            }
            "table" => {
                if !self.in_scope(&["table"], Scope::Table) {
                    return FINISHED;
                }
                self.pop_until(&["table"]);
                self.reset_mode()?;
                Ok(Done::Again)
            }
            "style" | "script" | "template" => self.start_in_head(t),
            "input"
                if t.attrs
                    .get("type")
                    .is_some_and(|v| v.eq_ignore_ascii_case("hidden")) =>
            {
                self.insert_void(t)?;
                FINISHED
            }
            "form" => {
                if self.form.is_none() {
                    let id = self.insert("form", t.attrs)?;
                    self.form = Some(id);
                    self.pop();
                }
                FINISHED
            }
            _ => self.fostered(|b| b.start_in_body(t)),
        }
    }

    /// "Anything else" in column group: the column group ends and the token goes to the
    /// table; ignored if the current node is not the column group.
    fn leave_column_group(&mut self) -> Step<Done> {
        if self.current() != "colgroup" {
            return FINISHED;
        }
        self.pop();
        self.mode = Mode::InTable;
        Ok(Done::Again)
    }

    fn close_cell(&mut self) {
        self.implied_end_tags(None);
        self.pop_until(&["td", "th"]);
        self.clear_formatting_to_marker();
        self.mode = Mode::InRow;
    }

    fn close_caption(&mut self, again: bool) -> Step<Done> {
        if !self.in_scope(&["caption"], Scope::Table) {
            return FINISHED;
        }
        self.implied_end_tags(None);
        self.pop_until(&["caption"]);
        self.clear_formatting_to_marker();
        self.mode = Mode::InTable;
        Ok(if again {
            Done::Again
        } else {
            Done::State(None)
        })
    }

    /// Closes the row group for a tag that needs the table itself.
    fn end_table_body(&mut self) -> Step<Done> {
        if !self.in_scope(&["tbody", "thead", "tfoot"], Scope::Table) {
            return FINISHED;
        }
        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
        self.pop();
        self.mode = Mode::InTable;
        Ok(Done::Again)
    }

    fn end_row(&mut self, again: bool) -> Step<Done> {
        if !self.in_scope(&["tr"], Scope::Table) {
            return FINISHED;
        }
        self.clear_to(&["tr", "template", "html"]);
        self.pop();
        self.mode = Mode::InTableBody;
        Ok(if again {
            Done::Again
        } else {
            Done::State(None)
        })
    }

    pub(super) fn end_tag(&mut self, name: &str) -> Step {
        self.skip_newline = false;
        loop {
            let done = match self.mode {
                Mode::Initial => self.implied(),
                // Before the body, these end tags imply what comes before them; others
                // are ignored.
                Mode::BeforeHtml | Mode::BeforeHead => match name {
                    "head" | "body" | "html" | "br" => self.implied(),
                    _ => FINISHED,
                },
                Mode::AfterHead => match name {
                    "body" | "html" | "br" => self.implied(),
                    "template" => Err(Bail),
                    _ => FINISHED,
                },
                Mode::InHead => match name {
                    "head" => {
                        self.imply_next()?;
                        FINISHED
                    }
                    "body" | "html" | "br" => self.implied(),
                    "template" => Err(Bail),
                    _ => FINISHED,
                },
                Mode::InBody => self.end_in_body(name),
                Mode::Text => {
                    self.pop();
                    self.mode = self.original;
                    FINISHED
                }
                Mode::InTable => self.end_in_table(name),
                Mode::InCaption => match name {
                    "caption" => self.close_caption(false),
                    "table" => self.close_caption(true),
                    "body" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot" | "th"
                    | "thead" | "tr" => FINISHED,
                    _ => self.end_in_body(name),
                },
                Mode::InColumnGroup => match name {
                    "colgroup" => {
                        if self.current() == "colgroup" {
                            self.pop();
                            self.mode = Mode::InTable;
                        }
                        FINISHED
                    }
                    "col" => FINISHED,
                    "template" => Err(Bail),
                    _ => self.leave_column_group(),
                },
                Mode::InTableBody => match name {
                    "tbody" | "tfoot" | "thead" => {
                        if self.in_scope(&[name], Scope::Table) {
                            self.clear_to(&["tbody", "tfoot", "thead", "template", "html"]);
                            self.pop();
                            self.mode = Mode::InTable;
                        }
                        FINISHED
                    }
                    "table" => self.end_table_body(),
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr" => {
                        FINISHED
                    }
                    _ => self.end_in_table(name),
                },
                Mode::InRow => match name {
                    "tr" => self.end_row(false),
                    "table" => self.end_row(true),
                    "tbody" | "tfoot" | "thead" => {
                        if self.in_scope(&[name], Scope::Table) {
                            self.end_row(true)
                        } else {
                            FINISHED
                        }
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" => FINISHED,
                    _ => self.end_in_table(name),
                },
                Mode::InCell => match name {
                    "td" | "th" => {
                        if self.in_scope(&[name], Scope::Table) {
                            self.implied_end_tags(None);
                            self.pop_until(&[name]);
                            self.clear_formatting_to_marker();
                            self.mode = Mode::InRow;
                        }
                        FINISHED
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" => FINISHED,
                    "table" | "tbody" | "tfoot" | "thead" | "tr" => {
                        if self.in_scope(&[name], Scope::Table) {
                            self.close_cell();
                            Ok(Done::Again)
                        } else {
                            FINISHED
                        }
                    }
                    _ => self.end_in_body(name),
                },
            }?;
            match done {
                Done::State(_) => return Ok(()),
                Done::Again => continue,
            }
        }
    }

    fn end_in_table(&mut self, name: &str) -> Step<Done> {
        match name {
            "table" => {
                if self.in_scope(&["table"], Scope::Table) {
                    self.pop_until(&["table"]);
                    self.reset_mode()?;
                }
                FINISHED
            }
            "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => FINISHED,
            "template" => Err(Bail),
            _ => self.fostered(|b| b.end_in_body(name)),
        }
    }

    fn end_in_body(&mut self, name: &str) -> Step<Done> {
        if formatting_name(name).is_some() {
            self.adoption_agency(name)?;
            return FINISHED;
        }
        if block_end(name) {
            if self.in_scope(&[name], Scope::Default) {
                self.implied_end_tags(None);
                self.pop_until(&[name]);
            }
            return FINISHED;
        }
        match name {
            "body" | "html" => FINISHED,
            "template" | "applet" | "marquee" | "object" => Err(Bail),
            "form" => {
                let Some(node) = self.form.take() else {
                    return FINISHED;
                };
                if !self.node_in_scope(node) {
                    return FINISHED;
                }
                self.implied_end_tags(None);
                if let Some(i) = self.stack.iter().rposition(|o| o.id == node) {
                    if i + 1 == self.stack.len() {
                        self.pop();
                    } else {
                        // Not the current node: removed from the stack where it is. Its
                        // name stays in `names` until the elements above it close.
                        self.stack.remove(i);
                    }
                }
                FINISHED
            }
            "p" => {
                if !self.in_scope(&["p"], Scope::Button) {
                    self.insert("p", Attrs::default())?;
                }
                self.close_p();
                FINISHED
            }
            "li" => {
                if self.in_scope(&["li"], Scope::ListItem) {
                    self.implied_end_tags(Some("li"));
                    self.pop_until(&["li"]);
                }
                FINISHED
            }
            "dd" | "dt" => {
                if self.in_scope(&[name], Scope::Default) {
                    self.implied_end_tags(Some(name));
                    self.pop_until(&[name]);
                }
                FINISHED
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if self.in_scope(&HEADINGS, Scope::Default) {
                    self.implied_end_tags(None);
                    self.pop_until(&HEADINGS);
                }
                FINISHED
            }
            "br" => {
                self.reconstruct()?;
                self.insert("br", Attrs::default())?;
                self.pop();
                FINISHED
            }
            _ => {
                self.any_other_end_tag(name);
                FINISHED
            }
        }
    }

    /// "Any other end tag" in body.
    fn any_other_end_tag(&mut self, name: &str) {
        for i in (0..self.stack.len()).rev() {
            let n = self.name_of(self.stack[i]);
            if n == name {
                self.implied_end_tags(Some(name));
                while self.stack.len() > i {
                    self.pop();
                }
                return;
            }
            if is_special(n) {
                return;
            }
        }
    }

    /// The adoption agency algorithm, where it moves nothing: the formatting element is
    /// closed with what is open inside it. Where it would move nodes (a block inside the
    /// formatting element), bail.
    fn adoption_agency(&mut self, subject: &str) -> Step {
        if let Some(&top) = self.stack.last()
            && self.name_of(top) == subject
            && !self
                .formatting
                .iter()
                .any(|f| matches!(f, Formatting::Element { id, .. } if *id == top.id))
        {
            self.pop();
            return Ok(());
        }
        let found = self
            .formatting
            .iter()
            .rposition(|f| match f {
                Formatting::Marker => true,
                Formatting::Element { name, .. } => *name == subject,
            })
            .filter(|&i| self.formatting[i] != Formatting::Marker);
        let Some(at) = found else {
            self.any_other_end_tag(subject);
            return Ok(());
        };
        let Formatting::Element { id, .. } = self.formatting[at] else {
            return Err(Bail);
        };
        let Some(pos) = self.stack.iter().rposition(|o| o.id == id) else {
            self.formatting.remove(at);
            return Ok(());
        };
        if !self.node_in_scope(id) {
            return Ok(());
        }
        if self.stack[pos + 1..]
            .iter()
            .any(|&o| is_special(self.name_of(o)))
        {
            return Err(Bail);
        }
        while self.stack.len() > pos {
            self.pop();
        }
        self.formatting.remove(at);
        Ok(())
    }
}
