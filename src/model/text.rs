//! Text rules shared by the recogniser and the value parser: how a label is normalised
//! (no white space of any kind, full-width folded to half-width) and how a value is trimmed.
//! Forms are typed by hand in Word, WPS and Excel; "合  计", "合\u{a0}计", "部门（单位）\n名称"
//! and "部门(单位)名称" must all be the same label.

/// True for every white space a filed form contains: ASCII, NBSP, ideographic space
/// (U+3000), line and paragraph separators, and the zero-width characters Word and WPS leave.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Folds one full-width ASCII variant (U+FF01..U+FF5E) to its half-width form and the
/// ideographic space to a plain space; other characters are returned unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Full-width to half-width for a whole string.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// `fold_width`, borrowing `s` when nothing in it is full-width (most lines of a form).
pub fn fold_width_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if !needs_fold(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(fold_width(s))
    }
}

/// Whether `fold_char` changes any character of `s`, read on the UTF-8 bytes: the
/// full-width forms U+FF01..U+FF5E are EF BC 81..EF BD 9E and the ideographic space is
/// E3 80 80, so a line without those byte runs (nearly every line) needs no decoding.
pub fn needs_fold(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0xEF => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0xBC), Some(0x81..=0xBF)) | (Some(0xBD), Some(0x80..=0x9E)) => return true,
                _ => {}
            },
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// A label as the recogniser compares it: no white space at all, full-width folded.
/// "部门（单位）\n名称" → "部门(单位)名称"; "合 \u{a0}计" → "合计".
pub fn normalize_label(s: &str) -> String {
    normalize_label_cow(s).into_owned()
}

/// `normalize_label`, borrowing `s` when it is already normalised: most cells of a form
/// ("产出指标", "≥95%", "1146.9") are, and the recogniser normalises every cell.
pub fn normalize_label_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if first_odd(s, |c| !unchanged_by_label(c)).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(rewrite(s, |c| (!is_space(c)).then(|| fold_char(c))))
}

/// Whether a UTF-8 lead byte starts a character that every rewrite here keeps as it is:
/// printable ASCII (U+0021..U+007E), or the three-byte characters U+4000..U+EFFF (lead
/// bytes E4..EE), where neither white space nor full-width forms live. Returns its length.
fn plain_lead(b: u8) -> Option<usize> {
    match b {
        0x21..=0x7E => Some(1),
        0xE4..=0xEE => Some(3),
        _ => None,
    }
}

/// Byte offset and character of the first character outside the plain ranges for which
/// `odd` holds. Reads lead bytes instead of decoding every character: nearly all of a
/// form's text is ASCII or CJK.
fn first_odd(s: &str, odd: impl Fn(char) -> bool) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if let Some(n) = plain_lead(x) {
            i += n;
            continue;
        }
        let c = s.get(i..)?.chars().next()?;
        if odd(c) {
            return Some((i, c));
        }
        i += c.len_utf8();
    }
    None
}

/// Neither white space nor a full-width form: what `normalize_label` keeps as it is. The
/// ranges tested first are those `rewrite` copies as slices; they answer for most text.
fn unchanged_by_label(c: char) -> bool {
    c.is_ascii_graphic()
        || ('\u{4000}'..='\u{EFFF}').contains(&c)
        || (!is_space(c) && fold_char(c) == c)
}

/// A label kept in the record (level1/level2/level3): white space removed, characters
/// otherwise as written ("运行\n成本" → "运行成本", "“三公”经费" unchanged).
pub fn label_text(s: &str) -> String {
    rewrite(s, |c| (!is_space(c)).then_some(c))
}

/// `label_text`, borrowing `s` when it holds no white space (most labels of a form).
pub fn label_text_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if first_odd(s, is_space).is_none() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(label_text(s))
    }
}

/// Rewrites `s` character by character through `f` (`None` drops the character), copying
/// runs that need no rewriting as whole slices. Every cell of every form is normalised, and
/// almost all of its characters are printable ASCII or CJK: neither white space nor
/// full-width forms live in U+0021..U+007E or U+4000..U+EFFF, so those are copied as found.
fn rewrite(s: &str, f: impl Fn(char) -> Option<char>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    while let Some((i, c)) = s.get(run..).and_then(|rest| first_odd(rest, |_| true)) {
        let at = run + i;
        out.push_str(&s[run..at]);
        if let Some(r) = f(c) {
            out.push(r);
        }
        run = at + c.len_utf8();
    }
    out.push_str(&s[run..]);
    out
}

/// A value or sentence trimmed at both ends of every kind of white space.
pub fn trim(s: &str) -> &str {
    // Most values start and end with printable ASCII or CJK, which is never white space:
    // seen on the lead byte, with no character decoded.
    let b = s.as_bytes();
    let plain_start = b.first().is_some_and(|&x| plain_lead(x).is_some());
    let plain_end = match b.last() {
        Some(0x21..=0x7E) => true,
        Some(_) => b.len() >= 3 && matches!(b[b.len() - 3], 0xE4..=0xEE),
        None => false,
    };
    if plain_start && plain_end {
        return s;
    }
    s.trim_matches(is_space)
}

/// Trimmed lines of a multi-line cell, empty lines dropped.
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{0B}'])
        .map(trim)
        .filter(|l| !l.is_empty())
}

/// A short value wrapped by hand in a narrow cell ("绩效基\n本型", "鄂州市乡村\n振兴局"):
/// its lines trimmed and joined without a separator.
pub fn join_lines(s: &str) -> String {
    lines(s).collect()
}

/// `join_lines`, borrowing the one line of a cell that has only one (most cells).
pub fn join_lines_cow(s: &str) -> std::borrow::Cow<'_, str> {
    // No line break of any kind (U+2028 and U+2029 start with E2): one line, trimmed.
    if !s.bytes().any(|b| matches!(b, b'\n' | b'\r' | 0x0B | 0xE2)) {
        return std::borrow::Cow::Borrowed(trim(s));
    }
    let mut it = lines(s);
    let Some(first) = it.next() else {
        return std::borrow::Cow::Borrowed("");
    };
    match it.next() {
        None => std::borrow::Cow::Borrowed(first),
        Some(second) => {
            let mut out = String::with_capacity(s.len());
            out.push_str(first);
            out.push_str(second);
            it.for_each(|l| out.push_str(l));
            std::borrow::Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_all_white_space_and_width() {
        assert_eq!(normalize_label("部门（单位）\n名称"), "部门(单位)名称");
        assert_eq!(normalize_label("合 \u{a0}计"), "合计");
        assert_eq!(normalize_label("可持续发展能力\n"), "可持续发展能力");
        assert_eq!(normalize_label("２０２２ 年"), "2022年");
        assert_eq!(label_text("履职\n效能"), "履职效能");
    }

    #[test]
    fn copied_runs_give_what_char_by_char_rewriting_gives() {
        let slow_norm =
            |s: &str| -> String { s.chars().filter(|c| !is_space(*c)).map(fold_char).collect() };
        let slow_label = |s: &str| -> String { s.chars().filter(|c| !is_space(*c)).collect() };
        // Every boundary of the copied ranges, spaces of all kinds and full-width forms.
        let odd = [
            ' ', '\t', '\n', '\u{7f}', '\u{a0}', '\u{85}', '\u{1680}', '\u{2000}', '\u{200b}',
            '\u{2028}', '\u{202f}', '\u{205f}', '\u{2060}', '\u{3000}', '\u{3fff}', '\u{4000}',
            '\u{efff}', '\u{f000}', '\u{feff}', '\u{ff01}', '\u{ff5e}', '\u{ff5f}', '（', '：',
            '１', 'Ａ', '€', '𠀀', 'é', '!', '~', '0', '部', '\r', '\u{b}', '\u{2029}', '\u{ff00}',
            '\u{ff3f}', '\u{ff40}', '\u{ff60}', '\u{3001}', '\u{303f}', '\u{2fff}', '\u{e380}',
        ];
        let mut cases: Vec<String> = vec![
            String::new(),
            "部门（单位）\n名称".into(),
            " 绩效基\n\n本型 \r\n 甲 ".into(),
            "\n 单行 \n".into(),
        ];
        for a in odd {
            for b in odd {
                cases.push(format!("{a}x{b}部{a}"));
                cases.push(format!("{a}{b}"));
            }
        }
        for s in &cases {
            assert_eq!(normalize_label(s), slow_norm(s), "{s:?}");
            assert_eq!(normalize_label_cow(s), slow_norm(s), "{s:?}");
            assert_eq!(fold_width_cow(s), fold_width(s), "{s:?}");
            assert_eq!(label_text(s), slow_label(s), "{s:?}");
            assert_eq!(label_text_cow(s), slow_label(s), "{s:?}");
            assert_eq!(needs_fold(s), s.chars().any(|c| fold_char(c) != c), "{s:?}");
            assert_eq!(join_lines_cow(s), join_lines(s), "{s:?}");
            assert_eq!(trim(s), s.trim_matches(is_space), "{s:?}");
        }
    }

    #[test]
    fn unchanged_texts_are_borrowed() {
        use std::borrow::Cow;
        assert!(matches!(
            normalize_label_cow("产出指标≥95%"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(normalize_label_cow("部门（单位）"), Cow::Owned(_)));
        assert!(matches!(normalize_label_cow("合 计"), Cow::Owned(_)));
        assert!(matches!(fold_width_cow("1、拟订 方案"), Cow::Borrowed(_)));
        assert!(matches!(fold_width_cow("（一）"), Cow::Owned(_)));
    }

    #[test]
    fn values_are_trimmed_of_ideographic_space() {
        assert_eq!(trim("\u{3000}1146.9\u{a0} "), "1146.9");
        assert_eq!(trim("\u{200B}柯巧巧\u{3000}"), "柯巧巧");
        assert_eq!(join_lines("绩效基\n 本型 "), "绩效基本型");
        let v: Vec<_> = lines(" a \n\n\u{3000}b").collect();
        assert_eq!(v, ["a", "b"]);
    }
}
