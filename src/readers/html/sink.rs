//! The tree both tree builders build into (the quick builder, `builder.rs`, and html5ever
//! through this module's `TreeSink`): a compact arena, not a DOM. html5ever's tree builder
//! needs a real tree (foster parenting, the adoption agency move nodes about), but of each
//! element the reader keeps only what it reads: its name (in the handle, for the tree
//! builder), what kind of element it is, whether it is hidden or percent-formatted, and
//! for cells and inputs a few attributes. Text is copied once into one buffer; comments
//! and processing instructions are never stored; `<style>` text goes to the class rules
//! and `<title>` text aside.
//!
//! Bounds: html5ever has no depth limit and its tree builder scans its stack of open
//! elements, so a page nested 10^5 deep costs it quadratic time. The sink notes when a
//! node lands deeper than `max_xml_depth`, or when the page has more cells or nodes than
//! the limits allow, and the driver (see `mod.rs`) stops feeding input at the next chunk;
//! the quick builder stops at the next token.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::interface::{ElementFlags, ExpandedName, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, Namespace, QualName, ns};

use super::css::{self, ClassRules, HIDDEN, PERCENT};
use crate::limits::Limits;

pub(super) type Id = u32;
pub(super) const NONE: Id = u32::MAX;
pub(super) const DOCUMENT: Id = 0;
/// The handle of every comment, processing instruction and doctype: never linked.
const VOID: Id = 1;

/// A table cell or input has a number attribute (`x:num`, LibreOffice's `sdval`).
pub(super) const NUM: u8 = 4;
/// An `<option selected>`, an `<input checked>`.
pub(super) const SELECTED: u8 = 8;
/// An `<input type=checkbox>` or `radio`: shown as the box a printed form has (☑ / □),
/// which is how budget systems export 新增项目 / 延续项目 choices.
pub(super) const BOX: u8 = 16;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Document,
    Element,
    Text,
    Void,
}

/// What an element is to the layout.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tag {
    /// Inline or unknown: its content flows on.
    Inline,
    /// Starts and ends a line (p, div, li, h1 …).
    Block,
    Br,
    /// White space kept (pre, listing, xmp, plaintext).
    Pre,
    Table,
    Caption,
    /// thead, tbody.
    RowGroup,
    Tfoot,
    Tr,
    /// td, th.
    Cell,
    /// Never shown: script, style, head, template, noscript, xml islands, col …
    Skip,
    Title,
    Style,
    Input,
    Textarea,
    Select,
    Option,
}

/// What an HTML element of this (lower-case) name is to the layout.
pub(super) fn classify(local: &str) -> Tag {
    match local {
        "p" | "div" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "h1" | "h2" | "h3" | "h4"
        | "h5" | "h6" | "blockquote" | "center" | "address" | "article" | "aside" | "footer"
        | "header" | "main" | "nav" | "section" | "figure" | "figcaption" | "form" | "fieldset"
        | "legend" | "details" | "summary" | "hr" | "menu" | "dir" | "body" | "html"
        | "frameset" | "hgroup" | "search" => Tag::Block,
        "br" => Tag::Br,
        "pre" | "listing" | "xmp" | "plaintext" => Tag::Pre,
        "table" => Tag::Table,
        "caption" => Tag::Caption,
        "thead" | "tbody" => Tag::RowGroup,
        "tfoot" => Tag::Tfoot,
        "tr" => Tag::Tr,
        "td" | "th" => Tag::Cell,
        "script" | "head" | "template" | "noscript" | "noframes" | "noembed" | "xml"
        | "colgroup" | "col" | "iframe" | "object" | "embed" | "img" | "datalist" | "meta"
        | "link" | "base" | "area" | "map" | "audio" | "video" | "canvas" | "svg" | "math" => {
            Tag::Skip
        }
        "title" => Tag::Title,
        "style" => Tag::Style,
        "input" => Tag::Input,
        "textarea" => Tag::Textarea,
        "select" => Tag::Select,
        "option" => Tag::Option,
        _ => Tag::Inline,
    }
}

/// A node. Elements: `b` = 1 + index in `extras` (0: none), or the template contents for a
/// `<template>`. Text: `a`..`a + b` in `text`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    pub(super) parent: Id,
    pub(super) first: Id,
    pub(super) last: Id,
    pub(super) next: Id,
    pub(super) prev: Id,
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) depth: u16,
    pub(super) kind: Kind,
    pub(super) tag: Tag,
    pub(super) flags: u8,
}

impl Node {
    fn new(kind: Kind, tag: Tag) -> Self {
        Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            next: NONE,
            prev: NONE,
            a: 0,
            b: 0,
            depth: 0,
            kind,
            tag,
            flags: 0,
        }
    }
}

/// A span of `Arena::attrs`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) len: u32,
}

/// The attributes kept of a cell, input or option.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Extra {
    pub(super) rowspan: Option<u32>,
    pub(super) colspan: Option<u32>,
    /// `x:num` / `sdval` value (may be empty: then the cell's text is the number).
    pub(super) num: Option<Span>,
    /// An input's `value`.
    pub(super) value: Option<Span>,
}

/// Why the sink wants the parse stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Abort {
    Depth,
    Cells,
    Nodes,
    Text,
}

/// The built tree and what was gathered beside it.
pub(super) struct Arena {
    pub(super) nodes: Vec<Node>,
    pub(super) text: String,
    pub(super) attrs: String,
    pub(super) extras: Vec<Extra>,
    /// Text of `<style>` elements not yet read into `classes`.
    css: String,
    classes: ClassRules,
    pub(super) title: Option<String>,
    title_node: Id,
    cells: usize,
    pub(super) abort: Option<Abort>,
    max_depth: usize,
    max_cells: usize,
    max_nodes: usize,
}

impl Arena {
    pub(super) fn node(&self, id: Id) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    pub(super) fn text_of(&self, n: &Node) -> &str {
        let (a, b) = (n.a as usize, n.a as usize + n.b as usize);
        self.text.get(a..b).unwrap_or("")
    }

    pub(super) fn attr(&self, s: Span) -> &str {
        let (a, b) = (s.start as usize, s.start as usize + s.len as usize);
        self.attrs.get(a..b).unwrap_or("")
    }

    pub(super) fn extra(&self, n: &Node) -> Option<&Extra> {
        if n.kind == Kind::Element && n.tag != Tag::Skip {
            n.b.checked_sub(1).and_then(|i| self.extras.get(i as usize))
        } else {
            None
        }
    }

    /// The children of a node, in order.
    pub(super) fn children(&self, id: Id) -> Children<'_> {
        Children {
            arena: self,
            next: self.node(id).map_or(NONE, |n| n.first),
        }
    }

    /// An arena holding the document node (and the handle of every unlinked node).
    pub(super) fn new(limits: &Limits) -> Self {
        let mut nodes = Vec::with_capacity(1024);
        nodes.push(Node::new(Kind::Document, Tag::Inline));
        nodes.push(Node::new(Kind::Void, Tag::Skip));
        Arena {
            nodes,
            text: String::new(),
            attrs: String::new(),
            extras: Vec::new(),
            css: String::new(),
            classes: ClassRules::default(),
            title: None,
            title_node: NONE,
            cells: 0,
            abort: None,
            max_depth: super::depth_limit(limits),
            max_cells: limits.max_cells,
            max_nodes: limits.max_cells.saturating_mul(2).max(1 << 16),
        }
    }

    fn get_mut(&mut self, id: Id) -> Option<&mut Node> {
        self.nodes.get_mut(id as usize)
    }

    fn push_node(&mut self, n: Node) -> Id {
        let id = self.nodes.len() as Id;
        self.nodes.push(n);
        if self.nodes.len() > self.max_nodes {
            self.abort.get_or_insert(Abort::Nodes);
        }
        id
    }

    fn unlink(&mut self, id: Id) {
        let Some(&n) = self.node(id) else { return };
        if n.parent == NONE {
            return;
        }
        match self.get_mut(n.prev) {
            Some(p) => p.next = n.next,
            None => {
                if let Some(parent) = self.get_mut(n.parent) {
                    parent.first = n.next;
                }
            }
        }
        match self.get_mut(n.next) {
            Some(x) => x.prev = n.prev,
            None => {
                if let Some(parent) = self.get_mut(n.parent) {
                    parent.last = n.prev;
                }
            }
        }
        if let Some(m) = self.get_mut(id) {
            m.parent = NONE;
            m.prev = NONE;
            m.next = NONE;
        }
    }

    /// Links `id` under `parent`, before `before` (or last).
    pub(super) fn link(&mut self, parent: Id, id: Id, before: Id) {
        if id == VOID || id == DOCUMENT || id == parent || self.node(parent).is_none() {
            return;
        }
        self.unlink(id);
        let depth = self.node(parent).map_or(0, |p| p.depth).saturating_add(1);
        let prev = match self.node(before) {
            Some(b) if b.parent == parent => b.prev,
            _ => self.node(parent).map_or(NONE, |p| p.last),
        };
        let next = match self.node(before) {
            Some(b) if b.parent == parent => before,
            _ => NONE,
        };
        if let Some(n) = self.get_mut(id) {
            n.parent = parent;
            n.prev = prev;
            n.next = next;
            n.depth = depth;
            if n.kind == Kind::Element && usize::from(depth) > self.max_depth {
                self.abort.get_or_insert(Abort::Depth);
            }
        }
        match self.get_mut(prev) {
            Some(p) => p.next = id,
            None => {
                if let Some(p) = self.get_mut(parent) {
                    p.first = id;
                }
            }
        }
        match self.get_mut(next) {
            Some(x) => x.prev = id,
            None => {
                if let Some(p) = self.get_mut(parent) {
                    p.last = id;
                }
            }
        }
    }

    /// Adds text under `parent`, before `before` (or last), joined to the text node just
    /// before it when that one ends the buffer.
    pub(super) fn add_text(&mut self, parent: Id, before: Id, t: &str) {
        let Some(&p) = self.node(parent) else { return };
        match p.tag {
            Tag::Style if p.kind == Kind::Element => {
                self.css.push_str(t);
                return;
            }
            Tag::Title if p.kind == Kind::Element => {
                if self.title_node == NONE || self.title_node == parent {
                    self.title_node = parent;
                    self.title.get_or_insert_with(String::new).push_str(t);
                }
                return;
            }
            Tag::Skip if p.kind == Kind::Element => return,
            Tag::Table | Tag::RowGroup | Tag::Tfoot | Tag::Tr
                if p.kind == Kind::Element && t.bytes().all(|c| c.is_ascii_whitespace()) =>
            {
                return;
            }
            _ => {}
        }
        if self.text.len() + t.len() > u32::MAX as usize {
            self.abort.get_or_insert(Abort::Text);
            return;
        }
        let prev = match self.node(before) {
            Some(b) if b.parent == parent => b.prev,
            _ => p.last,
        };
        let end = self.text.len() as u32;
        if let Some(n) = self.nodes.get_mut(prev as usize)
            && n.kind == Kind::Text
            && n.a + n.b == end
        {
            n.b += t.len() as u32;
            self.text.push_str(t);
            return;
        }
        let mut n = Node::new(Kind::Text, Tag::Inline);
        n.a = end;
        n.b = t.len() as u32;
        self.text.push_str(t);
        let id = self.push_node(n);
        self.link(parent, id, before);
    }

    fn keep_attr(&mut self, v: &str) -> Option<Span> {
        let start = u32::try_from(self.attrs.len()).ok()?;
        let len = u32::try_from(v.len()).ok()?;
        start.checked_add(len)?;
        self.attrs.push_str(v);
        Some(Span { start, len })
    }

    /// A new element, not yet linked: `tag` from [`classify`] (`Tag::Inline` for
    /// foreign elements, `html` false), `attrs` its attributes without a namespace, as
    /// (lower-case name, value).
    ///
    /// An attribute read here must be in `READ_ATTRS` too: the quick builder's tokenizer
    /// keeps only those.
    pub(super) fn create_element<'v>(
        &mut self,
        tag: Tag,
        html: bool,
        attrs: impl Iterator<Item = (&'v str, &'v str)>,
        template: bool,
    ) -> Id {
        if !self.css.is_empty() {
            // A style element's text is complete once any later element starts.
            let css = std::mem::take(&mut self.css);
            self.classes.add_sheet(&css);
        }
        let mut node = Node::new(Kind::Element, tag);
        let mut extra = Extra::default();
        let mut has_extra = false;
        for (name, v) in attrs {
            match name {
                "style" => node.flags |= css::declaration_flags(v),
                "class" if !self.classes.is_empty() => node.flags |= self.classes.flags_of(v),
                "hidden" if html => node.flags |= HIDDEN,
                "rowspan" if tag == Tag::Cell => {
                    extra.rowspan = html_uint(v);
                    has_extra = true;
                }
                "colspan" if tag == Tag::Cell => {
                    extra.colspan = html_uint(v);
                    has_extra = true;
                }
                "x:num" | "sdval" if tag == Tag::Cell => {
                    extra.num = self.keep_attr(v.trim());
                    node.flags |= NUM;
                    has_extra = true;
                }
                "sdnum" if tag == Tag::Cell => {
                    // LANGUAGE;LANGUAGE;FORMAT CODE
                    if let Some(code) = v.splitn(3, ';').nth(2)
                        && crate::readers::sheet::format_code_is_percent(code)
                    {
                        node.flags |= PERCENT;
                    }
                }
                "value" if tag == Tag::Input => {
                    extra.value = self.keep_attr(v);
                    has_extra = true;
                }
                "type" if tag == Tag::Input => {
                    let shown = ["text", "number", "search", "tel", "email", "url", ""];
                    let t = v.trim();
                    if t.eq_ignore_ascii_case("checkbox") || t.eq_ignore_ascii_case("radio") {
                        node.flags |= BOX;
                    } else if !shown.iter().any(|s| t.eq_ignore_ascii_case(s)) {
                        node.flags |= HIDDEN;
                    }
                }
                "selected" if tag == Tag::Option => node.flags |= SELECTED,
                "checked" if tag == Tag::Input => node.flags |= SELECTED,
                _ => {}
            }
        }
        if has_extra {
            self.extras.push(extra);
            node.b = self.extras.len() as u32;
        }
        if tag == Tag::Cell {
            self.cells += 1;
            if self.cells > self.max_cells {
                self.abort.get_or_insert(Abort::Cells);
            }
        }
        let id = self.push_node(node);
        if template {
            let contents = self.push_node(Node::new(Kind::Document, Tag::Inline));
            if let Some(n) = self.get_mut(id) {
                n.b = contents;
            }
        }
        id
    }
}

/// The attributes `Arena::create_element` reads; a tokenizer may drop all others.
pub(super) const READ_ATTRS: [&str; 12] = [
    "style", "class", "hidden", "rowspan", "colspan", "x:num", "sdval", "sdnum", "value", "type",
    "selected", "checked",
];

/// The HTML spec's rules for parsing a non-negative integer ("3px" is 3), saturating.
fn html_uint(v: &str) -> Option<u32> {
    let s = v.trim_start_matches([' ', '\t', '\n', '\r', '\x0C']);
    let s = s.strip_prefix('+').unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit);
    let mut n: u32 = 0;
    let mut any = false;
    for d in digits {
        any = true;
        n = n.saturating_mul(10).saturating_add(u32::from(d - b'0'));
    }
    any.then_some(n)
}

/// Children of a node.
pub(super) struct Children<'a> {
    arena: &'a Arena,
    next: Id,
}

impl<'a> Iterator for Children<'a> {
    type Item = (Id, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        let id = self.next;
        let n = self.arena.node(id)?;
        self.next = n.next;
        Some((id, n))
    }
}

/// A node as the tree builder holds it: its id, and for an element its name, which the
/// tree builder asks for over and over while it checks scopes; kept in the handle, the
/// answer costs nothing.
#[derive(Clone, Debug)]
pub(super) struct Handle {
    id: Id,
    ns: Namespace,
    local: LocalName,
}

impl Handle {
    fn plain(id: Id) -> Self {
        Handle {
            id,
            ns: ns!(),
            local: LocalName::default(),
        }
    }
}

/// html5ever's `TreeSink` over an `Arena`.
pub(super) struct Sink {
    arena: RefCell<Arena>,
}

impl Sink {
    pub(super) fn new(limits: &Limits) -> Self {
        Sink {
            arena: RefCell::new(Arena::new(limits)),
        }
    }

    pub(super) fn abort(&self) -> Option<Abort> {
        self.arena.borrow().abort
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Arena;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Arena {
        self.arena.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle::plain(DOCUMENT)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        ExpandedName {
            ns: &target.ns,
            local: &target.local,
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let html = name.ns == ns!(html);
        let tag = if html {
            classify(&name.local)
        } else {
            Tag::Inline
        };
        let plain = attrs
            .iter()
            .filter(|a| a.name.ns.is_empty())
            .map(|a| (&*a.name.local, &*a.value));
        let id = self
            .arena
            .borrow_mut()
            .create_element(tag, html, plain, flags.template);
        Handle {
            id,
            ns: name.ns,
            local: name.local,
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle::plain(VOID)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Handle::plain(VOID)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let mut a = self.arena.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => a.link(parent.id, n.id, NONE),
            NodeOrText::AppendText(t) => a.add_text(parent.id, NONE, &t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self
            .arena
            .borrow()
            .node(element.id)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let a = self.arena.borrow();
        match a.node(target.id) {
            Some(n) if n.kind == Kind::Element && n.b != 0 && a.node(n.b).is_some() => {
                Handle::plain(n.b)
            }
            _ => target.clone(),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let mut a = self.arena.borrow_mut();
        let Some(parent) = a.node(sibling.id).map(|n| n.parent).filter(|&p| p != NONE) else {
            return;
        };
        match child {
            NodeOrText::AppendNode(n) => a.link(parent, n.id, sibling.id),
            NodeOrText::AppendText(t) => a.add_text(parent, sibling.id, &t),
        }
    }

    fn add_attrs_if_missing(&self, _target: &Handle, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, target: &Handle) {
        self.arena.borrow_mut().unlink(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut a = self.arena.borrow_mut();
        let mut child = a.node(node.id).map_or(NONE, |n| n.first);
        while child != NONE {
            let next = a.node(child).map_or(NONE, |n| n.next);
            a.link(new_parent.id, child, NONE);
            child = next;
        }
    }
}
