//! `sharedStrings.xml` and the text of string items: rich-text runs joined, phonetic runs
//! dropped, Excel's `_xHHHH_` escapes decoded, as calamine 0.38 reads them.

use quick_xml::events::{BytesStart, Event};

use super::refs::unexpected_end;
use crate::error::ReadError;
use crate::limits::Limits;
use crate::readers::xml::Xml;
use crate::readers::xml::bounded::{end_local, local, raw_attr};
use crate::readers::xml::push_general_ref;

/// The shared-string table: one buffer and where each string ends in it.
#[derive(Default)]
pub(super) struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    pub(super) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => 0,
        };
        self.text.get(start..end)
    }
}

/// `sharedStrings.xml`. Nothing is reserved by the declared `uniqueCount`: the table
/// grows with what the part holds, which the inflate budget bounds.
pub(super) fn read_shared_strings(xml: &str, limits: &Limits) -> Result<SharedStrings, ReadError> {
    let mut x = Xml::new(xml, limits, unexpected_end);
    loop {
        match x.next()? {
            Event::Start(e) if local(&e) == "sst" => break,
            Event::Eof => return Err(unexpected_end("sst")),
            _ => {}
        }
    }
    let mut sst = SharedStrings::default();
    let mut scratch = String::new();
    loop {
        match x.next()? {
            Event::Start(e) if local(&e) == "si" => {
                read_string(&mut x, e.name().into_inner(), &mut sst.text, &mut scratch)?;
                sst.ends.push(sst.text.len());
            }
            Event::End(e) if end_local(&e) == "sst" => break,
            Event::Eof => return Err(unexpected_end("sst")),
            _ => {}
        }
    }
    Ok(sst)
}

/// Appends the text of a string item (`<si>`, `<is>`) whose start was just read: its
/// `<t>` texts, in rich-text runs too, but not those of phonetic runs (`<rPh>`).
pub(super) fn read_string(
    x: &mut Xml<'_>,
    closing: &str,
    out: &mut String,
    scratch: &mut String,
) -> Result<(), ReadError> {
    let mut phonetic = false;
    loop {
        match x.next()? {
            Event::Start(e) => match local(&e) {
                "rPh" => phonetic = true,
                "t" if !phonetic => read_t(x, &e, out, scratch)?,
                _ => {}
            },
            Event::End(e) if e.name().into_inner() == closing => return Ok(()),
            Event::End(e) if end_local(&e) == "rPh" => phonetic = false,
            Event::Eof => return Err(unexpected_end(closing)),
            _ => {}
        }
    }
}

/// Appends one `<t>`: trimmed of ASCII whitespace unless `xml:space="preserve"`, then
/// with its `_xHHHH_` escapes decoded.
pub(super) fn read_t(
    x: &mut Xml<'_>,
    t: &BytesStart<'_>,
    out: &mut String,
    scratch: &mut String,
) -> Result<(), ReadError> {
    let preserve = raw_attr(t, "xml:space")? == Some("preserve");
    scratch.clear();
    let name = t.name().into_inner();
    loop {
        match x.next()? {
            Event::Text(s) => scratch.push_str(&s.xml10_content()),
            Event::CData(s) => scratch.push_str(&s.xml10_content()),
            Event::GeneralRef(r) => push_general_ref(&r, scratch),
            Event::End(e) if e.name().into_inner() == name => break,
            Event::Eof => return Err(unexpected_end(name)),
            _ => {}
        }
    }
    let text = if preserve {
        scratch.as_str()
    } else {
        scratch.trim_matches([' ', '\t', '\r', '\n'])
    };
    push_unescaped(text, out);
    Ok(())
}

/// Appends `s` with Excel's `_xHHHH_` escapes decoded (UTF-16 code units; a lone
/// surrogate becomes U+FFFD; `_x005F_` escapes a literal underscore).
pub(super) fn push_unescaped(s: &str, out: &mut String) {
    let mut copied = 0;
    let mut from = 0;
    // memchr for the '_': a substring search costs more to set up than most cells are long.
    while let Some(offset) = s
        .get(from..)
        .and_then(|rest| memchr::memchr(b'_', rest.as_bytes()))
    {
        let at = from + offset;
        let Some(unit) = escape_at(s, at) else {
            from = at + 1;
            continue;
        };
        out.push_str(s.get(copied..at).unwrap_or(""));
        let mut next = at + ESCAPE_LEN;
        let ch = match unit {
            0xD800..=0xDBFF => match escape_at(s, next) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    next += ESCAPE_LEN;
                    let cp =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    char::from_u32(cp)
                }
                _ => None,
            },
            0xDC00..=0xDFFF => None,
            u => char::from_u32(u32::from(u)),
        };
        out.push(ch.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = next;
        from = next;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
}

pub(super) const ESCAPE_LEN: usize = 7;

pub(super) fn escape_at(s: &str, at: usize) -> Option<u16> {
    let b = s.as_bytes().get(at..at + ESCAPE_LEN)?;
    if b.first() != Some(&b'_') || b.get(1) != Some(&b'x') || b.get(6) != Some(&b'_') {
        return None;
    }
    let hex = b.get(2..6)?;
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}
