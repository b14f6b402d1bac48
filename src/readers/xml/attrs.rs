//! Attributes and references: split on the raw bytes and decoded leniently, because the
//! readers look up a few attributes of each element and a declared entity is never expanded.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart};

use super::local_part;
use crate::error::ReadError;

/// Attributes as `key="value"` pairs, split on the raw bytes, values not unescaped (the
/// attributes the readers look at are numbers, references, type codes and URIs). Far
/// cheaper than quick-xml's attribute iterator, which checks and tracks more than a
/// lookup of one attribute needs.
pub(crate) struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawAttrs<'a> {
    pub(crate) fn new(raw: &'a str) -> Self {
        RawAttrs { raw, pos: 0 }
    }
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Result<(&'a str, &'a str), ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Byte positions: every boundary sits next to an ASCII byte ('=', a quote, a space),
        // so the `get`s below never split a character.
        let bytes = self.raw.as_bytes();
        let space = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_whitespace);
        let mut pos = self.pos;
        while space(pos) {
            pos += 1;
        }
        if pos >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        self.pos = bytes.len();
        let bad = || Some(Err(ReadError::corrupt("XML 格式错误（属性格式错误）")));
        // Plain loops: the keys and values are a few bytes, shorter than memchr's set-up.
        let find = |from: usize, what: u8| {
            bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| b == what))
                .map(|i| from + i)
        };
        let Some(eq) = find(pos, b'=') else {
            return bad();
        };
        let mut key_end = eq;
        while key_end > pos && space(key_end - 1) {
            key_end -= 1;
        }
        let mut at = eq + 1;
        while space(at) {
            at += 1;
        }
        let quote = match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return bad(),
        };
        let start = at + 1;
        let end = find(start, quote).unwrap_or(bytes.len());
        self.pos = (end + 1).min(bytes.len());
        Some(Ok((self.raw.get(pos..key_end)?, self.raw.get(start..end)?)))
    }
}

/// The raw value of the first attribute with this local name, whatever its prefix (a
/// malformed attribute list ends the search).
pub(crate) fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<&'a str> {
    RawAttrs::new(e.attributes_raw())
        .map_while(Result::ok)
        .find(|(key, _)| local_part(key) == local)
        .map(|(_, value)| value)
}

/// An attribute value with its references decoded; kept as written when it holds one that
/// cannot be decoded (declared entities are never expanded).
pub(crate) fn unescape_lenient(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    quick_xml::escape::unescape(raw)
        .map(Cow::into_owned)
        .unwrap_or_else(|_| raw.to_string())
}

/// Appends what an entity or character reference in text stands for. Declared entities
/// are never expanded: an unknown name is kept as written, and a reference to a
/// character XML forbids is dropped.
pub(crate) fn push_general_ref(r: &BytesRef<'_>, out: &mut String) {
    match r.resolve_char_ref() {
        Ok(Some(ch)) => out.push(ch),
        Ok(None) => match &**r {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "apos" => out.push('\''),
            "quot" => out.push('"'),
            name => {
                out.push('&');
                out.push_str(name);
                out.push(';');
            }
        },
        Err(_) => {}
    }
}
