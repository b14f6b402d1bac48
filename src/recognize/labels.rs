//! What a label is, whatever the template: a year header, a parenthesised note after a
//! label ("（截止2027年）"). The words themselves are the templates' (`template/`).

use super::pattern;
use regex::Regex;
use std::sync::LazyLock;

static YEAR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^((?:19|20)\d{2})(?:\.0+)?(?:年度?)?(?:预算数|决算数|实际值|完成值|指标值|实际|金额|收支金额|收支|执行数|支出|收入|目标值|预算|决算)?$",
    )
});

/// This module's patterns, for `recognize::compile_patterns`.
pub(super) static PATTERNS: [&LazyLock<Regex>; 1] = [&YEAR_LABEL];

/// "2022年", "2022", "2022.0" (a number cell), "2022年度" → 2022.
pub fn year_label(norm: &str) -> Option<i32> {
    // The pattern is anchored on 19xx/20xx: most cells, amounts included ("1146.9"), are
    // refused on their first four bytes without running it, and a bare year is read
    // without it.
    let b = norm.as_bytes();
    if b.len() < 4 || !matches!(&b[..2], b"19" | b"20") || !b[2..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.len() == 4 {
        return norm.parse().ok();
    }
    YEAR_LABEL
        .captures(norm)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

/// "(截止2027年)", "(万元)", "(2024-2026年)": a parenthesised note after a label.
pub fn is_note(rest: &str) -> bool {
    (rest.starts_with('(') && rest.ends_with(')'))
        || (rest.starts_with('【') && rest.ends_with('】'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_labels_agree_with_the_pattern() {
        let by_pattern = |n: &str| {
            YEAR_LABEL
                .captures(n)
                .and_then(|c| c.get(1))
                .and_then(|m| m.as_str().parse::<i32>().ok())
        };
        for n in [
            "2022",
            "2022年",
            "2022.0",
            "2022年度",
            "2022年预算数",
            "1999决算",
            "20221",
            "1146.9",
            "100",
            "20",
            "202",
            "2a22",
            "2022 ",
            "2099",
            "1899",
            "3022",
            "２０２２",
            "2022年度支出",
            "20.5",
            "2001.5",
            "",
        ] {
            assert_eq!(year_label(n), by_pattern(n), "{n:?}");
        }
    }

    #[test]
    fn notes_are_bracketed() {
        assert!(is_note("(截止2027年)"));
        assert!(is_note("【万元】"));
        assert!(!is_note("巩固脱贫"));
    }
}
