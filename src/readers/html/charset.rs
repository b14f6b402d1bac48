//! Which character encoding a page is in, the way a browser decides it — byte order
//! mark, then the transport's charset (an MHT part's header), then a `<meta>` in the first
//! 1024 bytes — and, where nothing is declared, a sniff: valid UTF-8 is UTF-8, anything
//! else is GB18030 (a superset of GBK and GB2312, what Chinese Windows writes).
//!
//! Declarations lie: budget systems write `charset=utf-8` over GBK bytes, and pages
//! re-saved by an editor keep `charset=gb2312` over UTF-8. A declared legacy encoding over
//! bytes that are valid UTF-8 (with non-ASCII in them) is read as UTF-8, since legacy
//! Chinese text is practically never valid UTF-8; a declared encoding whose decoding has
//! errors gives way to the other one when that decodes cleanly.

use std::borrow::Cow;

use encoding_rs::{
    Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED,
};

/// How far a `<meta>` declaration is looked for, as browsers prescan.
const PRESCAN: usize = 1024;

/// The page's text. `transport` is a charset declared outside the page (MIME headers).
pub(super) fn decode<'a>(bytes: &'a [u8], transport: Option<&'static Encoding>) -> Cow<'a, str> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(bytes.get(bom..).unwrap_or_default())
            .0;
    }
    if let Some(enc) = utf16_by_zeros(bytes) {
        return enc.decode_without_bom_handling(bytes).0;
    }
    let declared = transport.or_else(|| prescan(bytes.get(..PRESCAN).unwrap_or(bytes)));
    match declared {
        Some(enc) => decode_declared(bytes, enc),
        None => match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => GB18030.decode_without_bom_handling(bytes).0,
        },
    }
}

fn decode_declared<'a>(bytes: &'a [u8], declared: &'static Encoding) -> Cow<'a, str> {
    // An ASCII-compatible byte stream cannot be UTF-16 whatever it says (HTML spec).
    let enc = if declared == UTF_16LE || declared == UTF_16BE {
        UTF_8
    } else if declared == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        declared
    };
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    if enc == UTF_8 {
        if let Some(s) = utf8 {
            return Cow::Borrowed(s);
        }
        let (gb, errors) = GB18030.decode_without_bom_handling(bytes);
        if !errors {
            return gb;
        }
        return UTF_8.decode_without_bom_handling(bytes).0;
    }
    if let Some(s) = utf8
        && !s.is_ascii()
    {
        return Cow::Borrowed(s);
    }
    let (text, errors) = enc.decode_without_bom_handling(bytes);
    if errors && enc != GB18030 && enc != GBK {
        let (gb, gb_errors) = GB18030.decode_without_bom_handling(bytes);
        if !gb_errors {
            return gb;
        }
    }
    text
}

/// UTF-16 without a byte order mark, told by its zero bytes: markup is mostly ASCII, so
/// one byte of each pair is zero.
fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(512) & !1)?;
    if sample.len() < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = sample.len() / 2;
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The HTML spec's prescan of a byte stream for a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`, comments and other tags'
/// attributes skipped.
pub(super) fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(k) => i += 4 + k + 3,
                None => return None,
            }
            continue;
        }
        if rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && matches!(rest[5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/')
        {
            let mut j = i + 5;
            let mut got_pragma = false;
            let mut need_pragma: Option<bool> = None;
            let mut charset: Option<&'static Encoding> = None;
            while let Some((name, value, next)) = attribute(head, j) {
                j = next;
                if name.eq_ignore_ascii_case(b"http-equiv") {
                    got_pragma |= value.eq_ignore_ascii_case(b"content-type");
                } else if name.eq_ignore_ascii_case(b"content") && charset.is_none() {
                    if let Some(enc) = charset_in_content(value) {
                        charset = Some(enc);
                        need_pragma = Some(true);
                    }
                } else if name.eq_ignore_ascii_case(b"charset")
                    && let Some(enc) = Encoding::for_label(value)
                {
                    charset = Some(enc);
                    need_pragma = Some(false);
                }
            }
            if let (Some(enc), Some(need)) = (charset, need_pragma)
                && (!need || got_pragma)
            {
                return Some(enc);
            }
            i = j.max(i + 1);
            continue;
        }
        if rest.first() == Some(&b'<') {
            let letter_at = if rest.get(1) == Some(&b'/') { 2 } else { 1 };
            if rest.get(letter_at).is_some_and(u8::is_ascii_alphabetic) {
                // Another tag: its attributes are skipped so that a quoted '>' or a
                // "charset" inside them is not mistaken for a declaration.
                let mut j = i + letter_at;
                while j < head.len()
                    && !matches!(head[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'>')
                {
                    j += 1;
                }
                while let Some((_, _, next)) = attribute(head, j) {
                    j = next;
                }
                i = j.max(i + 1);
                continue;
            }
            if matches!(rest.get(1), Some(b'!' | b'/' | b'?')) {
                match memchr::memchr(b'>', rest) {
                    Some(k) => i += k + 1,
                    None => return None,
                }
                continue;
            }
        }
        i += 1;
    }
    None
}

/// The spec's "get an attribute" from position `i`: (name, value, position after), or
/// `None` at the tag's '>' or the end.
fn attribute(b: &[u8], mut i: usize) -> Option<(&[u8], &[u8], usize)> {
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
    while i < b.len() && (ws(b[i]) || b[i] == b'/') {
        i += 1;
    }
    if i >= b.len() || b[i] == b'>' {
        return None;
    }
    let start = i;
    // The first character may be '='.
    i += 1;
    while i < b.len() && !ws(b[i]) && !matches!(b[i], b'=' | b'/' | b'>') {
        i += 1;
    }
    let name = &b[start..i];
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    if b.get(i) != Some(&b'=') {
        return Some((name, b"", i));
    }
    i += 1;
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let vstart = i + 1;
            let end = memchr::memchr(q, &b[vstart..]).map(|k| vstart + k)?;
            Some((name, &b[vstart..end], end + 1))
        }
        Some(_) => {
            let vstart = i;
            while i < b.len() && !ws(b[i]) && b[i] != b'>' {
                i += 1;
            }
            Some((name, &b[vstart..i], i))
        }
        None => None,
    }
}

/// The spec's "extracting a character encoding from a meta element" (`content`).
fn charset_in_content(content: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    loop {
        let at = from + find_ci(content.get(from..)?, b"charset")?;
        let mut i = at + 7;
        while content.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        if content.get(i) != Some(&b'=') {
            from = i;
            continue;
        }
        i += 1;
        while content.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        let rest = content.get(i..)?;
        let value = match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &rest[1..])?;
                &rest[1..1 + end]
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&c| c.is_ascii_whitespace() || c == b';')
                    .unwrap_or(rest.len());
                &rest[..end]
            }
        };
        return Encoding::for_label(value);
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn meta_declarations_are_found_as_browsers_prescan() {
        let cases: &[(&str, Option<&str>)] = &[
            ("<meta charset=utf-8>", Some("UTF-8")),
            ("<META CHARSET=\"GB2312\">", Some("GBK")),
            (
                "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">",
                Some("GBK"),
            ),
            (
                "<meta content='text/html; charset=GBK' http-equiv='content-type'>",
                Some("GBK"),
            ),
            // A content charset without the pragma does not count.
            ("<meta content=\"text/html; charset=gbk\">", None),
            (
                "<!-- <meta charset=gbk> --><meta charset=utf-8>",
                Some("UTF-8"),
            ),
            (
                "<div title='<meta charset=gbk>'><meta charset=big5>",
                Some("Big5"),
            ),
            ("<meta charset=utf-16>", Some("UTF-16LE")),
            ("<p>no declaration</p>", None),
        ];
        for (html, want) in cases {
            assert_eq!(
                prescan(html.as_bytes()).map(Encoding::name),
                *want,
                "{html}"
            );
        }
        // Past the first 1024 bytes nothing is looked for.
        let late = format!("{}<meta charset=gbk>", " ".repeat(1100));
        assert_eq!(decode(late.as_bytes(), None), late);
    }

    #[test]
    fn declared_sniffed_and_lying_charsets() {
        let body = "<p>部门整体绩效目标表</p>";
        // Declared GBK, GBK bytes.
        let mut page =
            b"<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">".to_vec();
        page.extend(gbk(body));
        assert!(decode(&page, None).ends_with(body));
        // Nothing declared, GBK bytes.
        assert_eq!(decode(&gbk(body), None), body);
        // Nothing declared, UTF-8 bytes.
        assert_eq!(decode(body.as_bytes(), None), body);
        // Says UTF-8, is GBK.
        let mut lie = b"<meta charset=utf-8>".to_vec();
        lie.extend(gbk(body));
        assert!(decode(&lie, None).ends_with(body));
        // Says gb2312, is UTF-8.
        let lie2 = format!("<meta charset=gb2312>{body}");
        assert!(decode(lie2.as_bytes(), None).ends_with(body));
        // The transport's charset goes before the page's own.
        let mut t = b"<meta charset=utf-8>".to_vec();
        t.extend(gbk(body));
        assert!(decode(&t, Some(GB18030)).ends_with(body));
        // BOMs.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(body.as_bytes());
        assert_eq!(decode(&bom, Some(GB18030)), body);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(body.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le, None), body);
        let page16 = "<html><body><table><tr><td>部门</td></tr></table></body></html>";
        let be: Vec<u8> = page16.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be, None), page16);
    }
}
