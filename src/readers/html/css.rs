//! The little CSS the reader needs: whether a declaration block hides its element
//! (`display:none`, `mso-hide:all`) or gives it a percent number format
//! (`mso-number-format`, Excel's own property), from a `style` attribute or from a class
//! rule of a `<style>` block. Selectors other than `.class` / `tag.class` are not matched:
//! hiding text on a guess would lose it.

use std::collections::HashMap;

use crate::readers::sheet::format_code_is_percent;

/// The element is not shown.
pub(super) const HIDDEN: u8 = 1;
/// The element's number format is a percentage.
pub(super) const PERCENT: u8 = 2;

/// Flags of a declaration block (`display:none; mso-number-format:"0\.00%"`).
pub(super) fn declaration_flags(block: &str) -> u8 {
    // Most blocks (the borders and fonts Excel, Word and LibreOffice put on every cell and
    // run) name none of the properties read here: answered without splitting them.
    if !["display", "mso-hide", "mso-number-format"]
        .iter()
        .any(|p| contains_ignore_ascii_case(block, p))
    {
        return 0;
    }
    let mut flags = 0;
    for decl in split_outside_quotes(block, b';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim();
        let value = value.trim();
        let value = value
            .strip_suffix("!important")
            .map_or(value, str::trim_end);
        if prop.eq_ignore_ascii_case("display") {
            if value
                .get(..4)
                .is_some_and(|v| v.eq_ignore_ascii_case("none"))
            {
                flags |= HIDDEN;
            }
        } else if prop.eq_ignore_ascii_case("mso-hide") {
            if value.eq_ignore_ascii_case("all") {
                flags |= HIDDEN;
            }
        } else if prop.eq_ignore_ascii_case("mso-number-format") && number_format_is_percent(value)
        {
            flags |= PERCENT;
        }
    }
    flags
}

/// Whether `needle` (lower-case ASCII) occurs in `hay`, ASCII case ignored.
fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// An `mso-number-format` value: Excel's format code, CSS-quoted and escaped
/// (`"0\.00%"`), or a named format (`Percent`).
pub(super) fn number_format_is_percent(value: &str) -> bool {
    let code = css_unquote(value);
    code.eq_ignore_ascii_case("percent") || format_code_is_percent(&code)
}

/// A CSS string or bare value with its escapes resolved (`\.` → `.`, `\0022` → `"`).
fn css_unquote(value: &str) -> String {
    let inner = match value.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let rest = &value[1..];
            rest.strip_suffix(char::from(q)).unwrap_or(rest)
        }
        _ => value,
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut code = 0u32;
        let mut digits = 0;
        while digits < 6 {
            match chars.peek().and_then(|d| d.to_digit(16)) {
                Some(d) => {
                    code = code * 16 + d;
                    digits += 1;
                    chars.next();
                }
                None => break,
            }
        }
        if digits > 0 {
            if chars.peek() == Some(&' ') {
                chars.next();
            }
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        } else if let Some(n) = chars.next() {
            out.push(n);
        }
    }
    out
}

/// Pieces of `s` between `sep`s that are not inside quotes.
fn split_outside_quotes(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    let mut cuts = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, b) {
            (_, b'\\') => escaped = true,
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, _) if b == sep => {
                cuts.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    cuts.push((start, bytes.len()));
    cuts.into_iter().filter_map(move |(a, b)| s.get(a..b))
}

/// Class name → flags, from the rules of `<style>` blocks.
#[derive(Default)]
pub(super) struct ClassRules {
    map: HashMap<String, u8>,
}

impl ClassRules {
    pub(super) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Flags of a `class` attribute's classes together.
    pub(super) fn flags_of(&self, class_attr: &str) -> u8 {
        class_attr
            .split_ascii_whitespace()
            .filter_map(|c| self.map.get(c))
            .fold(0, |a, f| a | f)
    }

    /// Adds the rules of one style sheet. Linear in its length: each rule is read once,
    /// at-rules (`@page`, `@font-face`, `@media` …) are skipped whole.
    pub(super) fn add_sheet(&mut self, css: &str) {
        let b = css.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Selector (or at-rule prelude) up to '{'; a block-less at-rule (`@import …;`)
            // ends at ';'.
            let start = i;
            let at = strip_markers(&css[start..]).starts_with('@');
            let mut open = None;
            while i < b.len() {
                match b[i] {
                    b'{' => {
                        open = Some(i);
                        break;
                    }
                    b';' if at => break,
                    b'/' if b.get(i + 1) == Some(&b'*') => i = skip_comment(b, i),
                    _ => {}
                }
                i += 1;
            }
            let Some(open) = open else {
                i += 1;
                continue;
            };
            let end = block_end(b, open + 1);
            let selector = strip_markers(css.get(start..open).unwrap_or(""));
            if !at {
                let flags = declaration_flags(css.get(open + 1..end).unwrap_or(""));
                if flags != 0 {
                    for sel in selector.split(',') {
                        if let Some(class) = simple_class(sel.trim()) {
                            *self.map.entry(class.to_string()).or_default() |= flags;
                        }
                    }
                }
            }
            i = end + 1;
        }
    }
}

/// Position after a `/* … */` comment that starts at `i` (minus one: the caller steps).
fn skip_comment(b: &[u8], i: usize) -> usize {
    match memchr::memmem::find(b.get(i + 2..).unwrap_or_default(), b"*/") {
        Some(k) => i + 2 + k + 1,
        None => b.len(),
    }
}

/// The index of the '}' closing a block whose content starts at `i` (nested blocks and
/// quoted strings skipped), or the end of the text.
fn block_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'\\' => i += 1,
                b'/' if b.get(i + 1) == Some(&b'*') => i = skip_comment(b, i),
                b'{' => depth += 1,
                b'}' if depth == 0 => return i,
                b'}' => depth -= 1,
                _ => {}
            },
        }
        i += 1;
    }
    b.len()
}

/// A selector with HTML comment markers (`<!--`, `-->`, which CSS ignores) and comments
/// removed around it.
fn strip_markers(sel: &str) -> &str {
    let mut s = sel.trim_start();
    loop {
        let before = s.len();
        for m in ["<!--", "-->"] {
            s = s.strip_prefix(m).unwrap_or(s).trim_start();
        }
        while let Some(rest) = s.strip_prefix("/*") {
            s = rest.split_once("*/").map_or("", |(_, r)| r).trim_start();
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `.name` or `tag.name` → `name`.
fn simple_class(sel: &str) -> Option<&str> {
    let (tag, class) = sel.rsplit_once('.')?;
    let ok_tag = tag.bytes().all(|c| c.is_ascii_alphanumeric());
    let ok_class = !class.is_empty()
        && class
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
    (ok_tag && ok_class).then_some(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_declarations() {
        assert_eq!(declaration_flags("display:none"), HIDDEN);
        assert_eq!(declaration_flags("DISPLAY: None !important"), HIDDEN);
        assert_eq!(declaration_flags("color:red;mso-hide:all"), HIDDEN);
        assert_eq!(
            declaration_flags(r#"mso-number-format:"0\.00%";width:100%"#),
            PERCENT
        );
        assert_eq!(declaration_flags("mso-number-format:Percent"), PERCENT);
        assert_eq!(declaration_flags("mso-number-format:0%"), PERCENT);
        // A literal percent sign (escaped in the format code) does not scale.
        assert_eq!(declaration_flags(r#"mso-number-format:"0\.00\\%""#), 0);
        assert_eq!(
            declaration_flags(
                r#"mso-number-format:"\#\,\#\#0\.00_\)\;\[Red\]\\\(\#\,\#\#0\.00\\\)""#
            ),
            0
        );
        assert_eq!(declaration_flags("width:50%;display:block"), 0);
        // The quick answer for blocks naming none of these properties, in any case.
        assert_eq!(declaration_flags("MSO-HIDE:ALL"), HIDDEN);
        assert_eq!(
            declaration_flags("color:red;Mso-Number-Format:Percent"),
            PERCENT
        );
        assert_eq!(
            declaration_flags("border-top:1px solid #000000;font-family:宋体;width:100%"),
            0
        );
        assert_eq!(declaration_flags(""), 0);
    }

    #[test]
    fn class_rules_from_an_excel_style_block() {
        let mut r = ClassRules::default();
        r.add_sheet(
            "<!--table\n\t{mso-displayed-decimal-separator:\"\\.\";}\n@page\n\t{margin:.75in .7in;}\n\
             .xl65\n\t{mso-style-parent:style0;\n\tmso-number-format:\"0\\.00%\";}\n\
             td.xl66 {mso-number-format:\"\\@\";}\n/* c */ .gone, p.MsoHidden {display:none}\n\
             @media print { .x {display:none} }\n.a .b {display:none}\n-->",
        );
        assert_eq!(r.flags_of("xl65"), PERCENT);
        assert_eq!(r.flags_of("xl66"), 0);
        assert_eq!(r.flags_of("gone"), HIDDEN);
        assert_eq!(r.flags_of("x MsoHidden"), HIDDEN);
        assert_eq!(r.flags_of("x"), 0);
        assert_eq!(r.flags_of("b"), 0);
        // An unterminated rule is read to the end without looping.
        r.add_sheet(".late {display:none");
        assert_eq!(r.flags_of("late"), HIDDEN);
    }
}
