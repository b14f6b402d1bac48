//! html5gum's tokens, handed to the quick tree builder as they are read.
//!
//! Why an emitter of our own: html5gum's default emitter builds a map of every attribute
//! of every tag; the arena reads a dozen attributes, and Excel's and LibreOffice's pages
//! carry long `style` attributes on every cell. This emitter keeps the tag name and the
//! attributes the arena reads, buffers text between tags, and calls the builder at each
//! tag, which answers with the tokenizer state its content needs (raw text for `<style>`,
//! RCDATA for `<title>` …). It stops the tokenizer as soon as the builder bails or the
//! arena passes a limit.

use html5gum::{Emitter, Error, State};

use super::builder::{Attrs, Bail, Builder, Doctype, StartTag};
use super::sink::{Abort, Arena, READ_ATTRS};

/// Why the quick builder did not build the page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Stop {
    /// The page needs html5ever.
    Bail,
    /// The arena passed this limit.
    Limit(Abort),
}

/// The emitter: the current token's parts and the builder they go to.
pub(super) struct Tokens<'b, 'a> {
    builder: &'b mut Builder<'a>,
    text: Vec<u8>,
    name: Vec<u8>,
    end_tag: bool,
    attr_name: Vec<u8>,
    in_attr: bool,
    has_value: bool,
    /// The attribute being read is one the arena reads (its index in `READ_ATTRS`).
    kept: Option<usize>,
    value_start: usize,
    attrs: Vec<(&'static str, u32, u32)>,
    values: Vec<u8>,
    /// Which of `READ_ATTRS` the tag already has: a repeated attribute is dropped.
    seen: u32,
    last_start: Vec<u8>,
    doctype_name: Vec<u8>,
    doctype_html: bool,
    doctype_ids: bool,
    force_quirks: bool,
    /// The builder bailed or the arena passed a limit: the tokenizer is to stop (which
    /// of the two, `build` reads off the arena).
    stopped: bool,
}

impl<'b, 'a> Tokens<'b, 'a> {
    pub(super) fn new(builder: &'b mut Builder<'a>) -> Self {
        Tokens {
            builder,
            text: Vec::with_capacity(256),
            name: Vec::with_capacity(16),
            end_tag: false,
            attr_name: Vec::with_capacity(16),
            in_attr: false,
            has_value: false,
            kept: None,
            value_start: 0,
            attrs: Vec::with_capacity(8),
            values: Vec::with_capacity(256),
            seen: 0,
            last_start: Vec::with_capacity(16),
            doctype_name: Vec::new(),
            doctype_html: false,
            doctype_ids: false,
            force_quirks: false,
            stopped: false,
        }
    }

    fn check(&mut self, r: Result<(), Bail>) {
        if r.is_err() || self.builder.arena.abort.is_some() {
            self.stopped = true;
        }
    }

    fn flush_text(&mut self) {
        if self.text.is_empty() || self.stopped {
            self.text.clear();
            return;
        }
        let r = match simdutf8::basic::from_utf8(&self.text) {
            Ok(t) => self.builder.text(t),
            Err(_) => Err(Bail),
        };
        self.text.clear();
        self.check(r);
    }

    fn new_tag(&mut self, end: bool) {
        self.flush_text();
        self.name.clear();
        self.end_tag = end;
        self.in_attr = false;
        self.attrs.clear();
        self.values.clear();
        self.seen = 0;
    }

    /// Which of the arena's attributes the name is, if the tag has none of it yet.
    fn lookup(&self) -> Option<usize> {
        let i = READ_ATTRS
            .iter()
            .position(|a| a.as_bytes() == self.attr_name.as_slice())?;
        (self.seen & (1 << i) == 0).then_some(i)
    }

    fn finish_attr(&mut self) {
        if !std::mem::take(&mut self.in_attr) {
            return;
        }
        if !self.has_value {
            self.kept = self.lookup();
            self.value_start = self.values.len();
        }
        if let Some(i) = self.kept.take() {
            self.seen |= 1 << i;
            self.attrs.push((
                READ_ATTRS[i],
                self.value_start as u32,
                self.values.len() as u32,
            ));
        }
    }

    fn emit_tag(&mut self) -> Option<State> {
        self.finish_attr();
        if self.stopped {
            return None;
        }
        let Ok(name) = simdutf8::basic::from_utf8(&self.name) else {
            self.stopped = true;
            return None;
        };
        if self.end_tag {
            let r = self.builder.end_tag(name);
            self.check(r);
            return None;
        }
        let Ok(values) = simdutf8::basic::from_utf8(&self.values) else {
            self.stopped = true;
            return None;
        };
        let tag = StartTag {
            name,
            attrs: Attrs {
                list: &self.attrs,
                values,
            },
        };
        let r = self.builder.start_tag(&tag);
        self.last_start.clear();
        self.last_start.extend_from_slice(&self.name);
        self.check(r.map(|_| ()));
        r.unwrap_or(None)
    }
}

impl Emitter for Tokens<'_, '_> {
    type Token = ();

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
        if !self.stopped {
            let r = self.builder.eof();
            self.check(r);
        }
    }

    fn emit_error(&mut self, _error: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<()> {
        // A token out of the iterator means "stop reading".
        self.stopped.then_some(())
    }

    fn emit_string(&mut self, c: &[u8]) {
        if !self.stopped {
            self.text.extend_from_slice(c);
        }
    }

    fn init_start_tag(&mut self) {
        self.new_tag(false);
    }

    fn init_end_tag(&mut self) {
        self.new_tag(true);
    }

    fn init_comment(&mut self) {
        self.flush_text();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.emit_tag()
    }

    fn emit_current_comment(&mut self) {
        self.builder.comment();
    }

    fn emit_current_doctype(&mut self) {
        self.builder.doctype(&Doctype {
            name_is_html: self.doctype_html,
            has_ids: self.doctype_ids,
            force_quirks: self.force_quirks,
        });
    }

    fn set_self_closing(&mut self) {}

    fn set_force_quirks(&mut self) {
        self.force_quirks = true;
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, s: &[u8]) {
        // The tokenizer lower-cases the name.
        self.doctype_name.extend_from_slice(s);
        self.doctype_html = self.doctype_name.as_slice() == b"html";
    }

    fn init_doctype(&mut self) {
        self.flush_text();
        self.doctype_name.clear();
        self.doctype_html = false;
        self.doctype_ids = false;
        self.force_quirks = false;
    }

    fn init_attribute(&mut self) {
        self.finish_attr();
        self.attr_name.clear();
        self.in_attr = true;
        self.has_value = false;
        self.kept = None;
    }

    fn init_attribute_value(&mut self) {
        self.has_value = true;
        self.kept = self.lookup();
        self.value_start = self.values.len();
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if self.kept.is_some() {
            self.values.extend_from_slice(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {
        self.doctype_ids = true;
    }

    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {
        self.doctype_ids = true;
    }

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {
        self.doctype_ids = true;
    }

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {
        self.doctype_ids = true;
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.end_tag && self.name == self.last_start
    }
}

/// Builds the page's tree with html5gum and the quick builder.
pub(super) fn build(text: &str, arena: &mut Arena) -> Result<(), Stop> {
    // html5ever's tokenizer drops a byte order mark that starts the text (one left after
    // decoding, or a second one); html5gum keeps it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut builder = Builder::new(arena);
    let mut tokens = html5gum::Tokenizer::new_with_emitter(text, Tokens::new(&mut builder));
    // The iterator yields only when the emitter wants to stop.
    let stopped = tokens.next().is_some();
    drop(tokens);
    match builder.arena.abort {
        Some(a) => Err(Stop::Limit(a)),
        None if stopped => Err(Stop::Bail),
        None => Ok(()),
    }
}
