//! What `styles.xml` says about a cell's number: a date, a duration or a percentage, by
//! its `<cellXfs>` entry's number format (builtin id or custom code), as calamine decides.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::refs::{parse_index, unexpected_end};
use crate::error::ReadError;
use crate::limits::Limits;
use crate::readers::sheet;
use crate::readers::xml::Xml;
use crate::readers::xml::bounded::{end_local, local, raw_attr};
use crate::readers::xml::unescape_lenient;

/// How a number format shows a cell's number, as calamine decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberKind {
    Other,
    DateTime,
    Duration,
}

/// Of one `<cellXfs>` entry, what the reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CellStyle {
    pub(super) kind: NumberKind,
    pub(super) percent: bool,
}

/// `styles.xml`: the custom number formats and, per cell style (`<cellXfs>` entry, the
/// index a cell's `s` names), whether it shows a date, a duration or a percentage. The
/// part is read only up to the end of `<cellXfs>`.
pub(super) fn read_styles(xml: &str, limits: &Limits) -> Result<Vec<CellStyle>, ReadError> {
    let mut x = Xml::new(xml, limits, unexpected_end);
    let mut custom: HashMap<String, String> = HashMap::new();
    let mut styles = Vec::new();
    loop {
        match x.next()? {
            Event::Start(e) if local(&e) == "numFmts" => loop {
                match x.next()? {
                    Event::Start(f) if local(&f) == "numFmt" => {
                        if let (Some(id), Some(code)) =
                            (raw_attr(&f, "numFmtId")?, raw_attr(&f, "formatCode")?)
                        {
                            // A repeated id: the last one wins.
                            custom.insert(id.to_string(), unescape_lenient(code));
                        }
                    }
                    Event::End(f) if end_local(&f) == "numFmts" => break,
                    Event::Eof => return Err(unexpected_end("numFmts")),
                    _ => {}
                }
            },
            Event::Start(e) if local(&e) == "cellXfs" => {
                loop {
                    match x.next()? {
                        Event::Start(xf) if local(&xf) == "xf" => {
                            styles.push(cell_style(raw_attr(&xf, "numFmtId")?, &custom));
                            x.skip(xf.name().into_inner())?;
                        }
                        Event::End(f) if end_local(&f) == "cellXfs" => break,
                        Event::Eof => return Err(unexpected_end("cellXfs")),
                        _ => {}
                    }
                }
                return Ok(styles);
            }
            Event::End(e) if end_local(&e) == "styleSheet" => return Ok(styles),
            Event::Eof => return Err(unexpected_end("styleSheet")),
            _ => {}
        }
    }
}

pub(super) fn cell_style(num_fmt_id: Option<&str>, custom: &HashMap<String, String>) -> CellStyle {
    let Some(id) = num_fmt_id else {
        return CellStyle {
            kind: NumberKind::Other,
            percent: false,
        };
    };
    // Custom formats are found by the id as written, builtin ones by its number.
    let code = custom.get(id).map(String::as_str);
    let kind = match code {
        Some(code) => custom_format_kind(code),
        None => builtin_format_kind(id),
    };
    let percent = parse_index(id).is_some_and(|n| u32::try_from(n).is_ok())
        && (matches!(id.trim_start_matches('0'), "9" | "10")
            || code.is_some_and(sheet::format_code_is_percent));
    CellStyle { kind, percent }
}

/// calamine's rule for a custom format code: the first section's letters outside quotes
/// and brackets decide (d, m, h, y, s make a date, AM/PM a time; [h], [m], [s] make a
/// duration).
pub(super) fn custom_format_kind(format: &str) -> NumberKind {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return NumberKind::Other,
            ('[', ..) => brackets = brackets.wrapping_add(1),
            (']', .., 1) if hms => return NumberKind::Duration,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return NumberKind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return NumberKind::DateTime;
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    NumberKind::Other
}

/// Builtin formats by id as written (ECMA-376 18.8.30, and the East Asian date ids).
pub(super) fn builtin_format_kind(id: &str) -> NumberKind {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" | "27"
        | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51" | "52"
        | "53" | "54" | "55" | "56" | "57" | "58" => NumberKind::DateTime,
        "46" => NumberKind::Duration,
        _ => NumberKind::Other,
    }
}
