//! The event reader and the attribute and cell-reference parsing every spreadsheetml part
//! is read with: depth bounded, attributes read raw (they are numbers, references and type
//! codes), references checked as calamine checks them.

use quick_xml::events::{BytesEnd, BytesStart, Event};

use crate::error::ReadError;
use crate::limits::Limits;
use crate::readers::sheet::Merge;
pub(super) use crate::readers::xml::RawAttrs;
use crate::readers::xml::{Tokenizer, local_part};

pub(super) fn corrupt(what: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt(format!("Excel 工作簿结构错误（{what}）"))
}

/// An XML part read event by event, with the nesting depth bounded.
pub(super) struct Xml<'a> {
    reader: Tokenizer<'a>,
    depth: usize,
    max_depth: usize,
}

impl<'a> Xml<'a> {
    pub(super) fn new(text: &'a str, limits: &Limits) -> Self {
        // As calamine reads: `<c/>` is a cell like `<c></c>`, and mismatched end tags are
        // not worth losing a workbook over.
        let reader = Tokenizer::new(text).expand_empty_elements(true);
        Xml {
            reader,
            depth: 0,
            max_depth: limits.max_xml_depth,
        }
    }

    pub(super) fn next(&mut self) -> Result<Event<'a>, ReadError> {
        let event = self.reader.read_event()?;
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(ReadError::TooLarge(format!(
                        "XML 嵌套层数超过 {}",
                        self.max_depth
                    )));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }

    /// Skips to the end of the element named `name` whose start was just read (nested
    /// elements of the same name counted, as quick-xml's `read_to_end` does).
    pub(super) fn skip(&mut self, name: &str) -> Result<(), ReadError> {
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
                Event::Eof => return Err(unexpected_end(name)),
                _ => {}
            }
        }
    }
}

pub(super) fn unexpected_end(inside: &str) -> ReadError {
    corrupt(format!("XML 在 <{inside}> 内意外结束"))
}

pub(super) fn local<'e>(e: &'e BytesStart<'_>) -> &'e str {
    local_part(e.name().into_inner())
}

/// The local name of an end tag.
pub(super) fn end_local<'e>(e: &'e BytesEnd<'_>) -> &'e str {
    local_part(e.name().into_inner())
}

/// The raw value of the attribute whose name is exactly `key`, as calamine looks them up
/// (spreadsheetml attributes carry no prefix). A malformed attribute list is `Corrupt`.
pub(super) fn raw_attr<'e>(e: &'e BytesStart<'_>, key: &str) -> Result<Option<&'e str>, ReadError> {
    for item in RawAttrs::new(e.attributes_raw()) {
        let (k, v) = item?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// A non-negative decimal integer, digits only (leading zeros allowed), as calamine reads
/// indices; `None` for anything else.
pub(super) fn parse_index(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    let mut n: usize = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(usize::from(b - b'0'))?;
    }
    Some(n)
}

/// A cell reference ("B7", any case) as a 0-based row and, when present, column.
pub(super) fn parse_ref(r: &str) -> Result<(u32, Option<u32>), ReadError> {
    let bad = || corrupt(format!("单元格引用“{r}”无效"));
    let (mut col, mut row): (u32, u32) = (0, 0);
    let mut in_row = false;
    for b in r.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' if !in_row => {
                let d = u32::from(b.to_ascii_uppercase() - b'A') + 1;
                col = col
                    .checked_mul(26)
                    .and_then(|c| c.checked_add(d))
                    .ok_or_else(bad)?;
            }
            b'0'..=b'9' => {
                in_row = true;
                let d = u32::from(b - b'0');
                row = row
                    .checked_mul(10)
                    .and_then(|x| x.checked_add(d))
                    .ok_or_else(bad)?;
            }
            _ => return Err(bad()),
        }
    }
    let row = row.checked_sub(1).ok_or_else(bad)?;
    Ok((row, col.checked_sub(1)))
}

pub(super) fn parse_cell_ref(r: &str) -> Result<(u32, u32), ReadError> {
    match parse_ref(r)? {
        (row, Some(col)) => Ok((row, col)),
        (_, None) => Err(corrupt(format!("单元格引用“{r}”缺少列"))),
    }
}

/// A range ("A1:C3", or one cell; corners in any order).
pub(super) fn parse_range(r: &str) -> Result<Merge, ReadError> {
    let mut parts = r.split(':');
    let first = parse_cell_ref(parts.next().unwrap_or(""))?;
    let second = match parts.next() {
        Some(p) => parse_cell_ref(p)?,
        None => first,
    };
    if parts.next().is_some() {
        return Err(corrupt(format!("区域引用“{r}”无效")));
    }
    Ok(Merge::from_corners(first, second))
}
