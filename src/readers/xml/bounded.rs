//! An XML part read event by event with its nesting depth bounded: the reader of every
//! XML format whose elements are matched by local name (spreadsheetml, SpreadsheetML 2003,
//! ODF), so that a part nested thousands deep is refused before it costs anything.

use quick_xml::events::{BytesEnd, BytesStart, Event};

use super::{RawAttrs, Tokenizer, local_part};
use crate::error::{Bound, ReadError};
use crate::limits::Limits;

/// An XML part read event by event, with the nesting depth bounded.
pub(crate) struct Xml<'a> {
    reader: Tokenizer<'a>,
    depth: usize,
    max_depth: usize,
    /// The error for a part that ends inside the element named.
    ended_inside: fn(&str) -> ReadError,
}

impl<'a> Xml<'a> {
    pub(crate) fn new(text: &'a str, limits: &Limits, ended_inside: fn(&str) -> ReadError) -> Self {
        // As calamine reads: `<c/>` is a cell like `<c></c>`, and mismatched end tags are
        // not worth losing a workbook over.
        let reader = Tokenizer::new(text).expand_empty_elements(true);
        Xml {
            reader,
            depth: 0,
            max_depth: limits.max_xml_depth,
            ended_inside,
        }
    }

    pub(crate) fn next(&mut self) -> Result<Event<'a>, ReadError> {
        let event = self.reader.read_event()?;
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(ReadError::too_large(
                        Bound::Depth(self.max_depth),
                        format!("XML 嵌套层数超过 {}", self.max_depth),
                    ));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }

    /// Skips to the end of the element named `name` whose start was just read (nested
    /// elements of the same name counted, as quick-xml's `read_to_end` does).
    pub(crate) fn skip(&mut self, name: &str) -> Result<(), ReadError> {
        let mut level = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) if e.name().into_inner() == name => level += 1,
                Event::End(e) if e.name().into_inner() == name => {
                    if level == 0 {
                        return Ok(());
                    }
                    level -= 1;
                }
                Event::Eof => return Err((self.ended_inside)(name)),
                _ => {}
            }
        }
    }
}

pub(crate) fn local<'e>(e: &'e BytesStart<'_>) -> &'e str {
    local_part(e.name().into_inner())
}

/// The local name of an end tag.
pub(crate) fn end_local<'e>(e: &'e BytesEnd<'_>) -> &'e str {
    local_part(e.name().into_inner())
}

/// The raw value of the attribute whose name is exactly `key`, as calamine looks them up
/// (spreadsheetml attributes carry no prefix). A malformed attribute list is `Corrupt`.
pub(crate) fn raw_attr<'e>(e: &'e BytesStart<'_>, key: &str) -> Result<Option<&'e str>, ReadError> {
    for item in RawAttrs::new(e.attributes_raw()) {
        let (k, v) = item?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}
