//! The free-text sections: 部门职能概述 (numbered duties), 年度工作任务 (（一）headings over
//! numbered items), 长期目标 (numbered goals). Numbering is removed; a line that is not
//! numbered continues the item above it, as text wrapped by hand does.

use super::pattern;
use crate::model::record::TaskGroup;
use crate::model::text::{fold_width, fold_width_cow, lines};
use regex::Regex;
use std::sync::LazyLock;

/// "1、", "2.", "３．", "4)", "(5)", "①" at the start of an item; a digit right after the
/// dot means a decimal ("1.5亿元"), not numbering.
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(?:\d{1,2}\s*[、.．:：)）](?:\s*|$)|[(（]\d{1,2}[)）]\s*|[①-⑳]\s*)")
});

/// "（一）", "(二)", "一、", "三." at the start of a heading.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*)",
    )
});

/// Where a sentence ends and the next numbered item starts inside one line:
/// "…工作。2、拟订…".
static INLINE_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"([。；;！!])\s*(\d{1,2}[、．.]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])")
});

/// Whether `INLINE_ITEM` can match in `line` (before folding): only after one of its
/// sentence ends followed, past white space, by a digit or an opening bracket. Most lines
/// end in "。" with nothing after it, and the regex need not run on them.
fn may_have_inline_item(line: &str) -> bool {
    let mut after_end = false;
    for c in line.chars() {
        if after_end {
            if c.is_whitespace() {
                continue;
            }
            // `\d` is any Unicode decimal digit; full-width "（" folds to "(".
            if c.is_numeric() || c == '(' || c == '（' {
                return true;
            }
        }
        after_end = matches!(c, '。' | '；' | ';' | '！' | '!');
    }
    false
}

/// Splits the lines of a cell, also where a numbered item starts in the middle of a line.
/// The pieces borrow the text.
fn item_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in lines(text) {
        if !may_have_inline_item(line) {
            // No item starts inside the line (the usual case): it is one piece. `lines`
            // has trimmed it and dropped it if empty.
            out.push(line);
            continue;
        }
        let folded = fold_width_cow(line);
        let mut last = 0;
        let mut pieces = Vec::new();
        for c in INLINE_ITEM.captures_iter(&folded) {
            let (Some(end_punct), Some(num)) = (c.get(1), c.get(2)) else {
                continue;
            };
            // Keep "1.5" together: the numbering must not be followed by a digit.
            if folded[num.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            pieces.push((last, end_punct.end()));
            last = num.start();
        }
        pieces.push((last, folded.len()));
        if pieces.len() == 1 {
            out.push(line);
            continue;
        }
        // Map folded byte offsets back onto the original line: folding keeps the number of
        // characters, so convert through character indices.
        let orig: Vec<(usize, char)> = line.char_indices().collect();
        let fold_idx: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
        let to_orig = |b: usize| -> usize {
            match fold_idx.binary_search(&b) {
                Ok(ci) => orig.get(ci).map_or(line.len(), |(i, _)| *i),
                Err(_) => line.len(),
            }
        };
        for (a, b) in pieces {
            let piece = crate::model::text::trim(&line[to_orig(a)..to_orig(b)]);
            if !piece.is_empty() {
                out.push(piece);
            }
        }
    }
    out
}

/// Removes a prefix matched on the width-folded line from the original line. Folding keeps
/// the number of characters, so the match end is carried over by character count.
fn strip_folded_prefix<'a>(line: &'a str, re: &Regex) -> Option<&'a str> {
    // The numbering and heading patterns are anchored and take at most five characters
    // besides white space, so the regex never reads past the sixth: only the line's head up
    // to its eighth such character is folded, not the whole (often long) line. Folding
    // keeps white space white space, so the head is counted on the line as written.
    let mut solid = 0;
    let head_end = line
        .char_indices()
        .find(|(_, c)| {
            solid += usize::from(!c.is_whitespace());
            solid > HEAD_SOLID
        })
        .map_or(line.len(), |(i, _)| i);
    let head = line.get(..head_end)?;
    let folded = fold_width_cow(head);
    let m = re.find(&folded)?;
    if let std::borrow::Cow::Borrowed(_) = folded {
        // Nothing was folded: the offsets are the line's own.
        return Some(crate::model::text::trim(line.get(m.end()..)?));
    }
    let chars = folded.get(..m.end())?.chars().count();
    let byte = head
        .char_indices()
        .nth(chars)
        .map_or(head.len(), |(i, _)| i);
    Some(crate::model::text::trim(line.get(byte..)?))
}

/// How many characters other than white space of a line `strip_folded_prefix` folds: more
/// than `ITEM_NUMBER` (four) or `HEADING` (five) can take, plus the one read after them.
const HEAD_SOLID: usize = 8;

/// Whether `ITEM_NUMBER` can match at the start of `line` (before folding): it starts with
/// a digit (`\d` is any Unicode decimal digit, full-width ones included), a bracket or a
/// circled number.
fn may_be_numbered(line: &str) -> bool {
    line.starts_with(|c: char| c.is_numeric() || matches!(c, '(' | '（' | '①'..='⑳'))
}

/// Whether `HEADING` can match at the start of `line` (before folding).
fn may_be_heading(line: &str) -> bool {
    line.starts_with(|c: char| {
        matches!(
            c,
            '(' | '（' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    })
}

/// Strips item numbering; returns the rest and whether numbering was present.
fn strip_number(line: &str) -> (&str, bool) {
    if !may_be_numbered(line) {
        return (line, false);
    }
    match strip_folded_prefix(line, &ITEM_NUMBER) {
        Some(rest) => (rest, true),
        None => (line, false),
    }
}

fn strip_heading(line: &str) -> Option<&str> {
    if !may_be_heading(line) {
        return None;
    }
    strip_folded_prefix(line, &HEADING)
}

/// Numbered items with their numbers removed. Unnumbered lines after an item continue it;
/// when nothing is numbered, every line is an item.
pub fn numbered_items(text: &str) -> Vec<String> {
    let lines: Vec<(&str, bool)> = item_lines(text).into_iter().map(strip_number).collect();
    let any_numbered = lines.iter().any(|l| l.1);
    let mut items: Vec<String> = Vec::new();
    let mut in_item = false;
    for &(rest, numbered) in &lines {
        if numbered || !any_numbered || !in_item {
            if !rest.is_empty() || numbered {
                items.push(rest.to_string());
                in_item = numbered;
            }
        } else if let Some(last) = items.last_mut() {
            last.push_str(rest);
        }
    }
    items.retain(|s| !s.is_empty());
    items
}

/// 年度工作任务: （一）headings group the numbered items below them.
pub fn task_groups(text: &str) -> Vec<TaskGroup> {
    let mut groups: Vec<TaskGroup> = Vec::new();
    let mut last_was_item = false;
    for line in item_lines(text) {
        if let Some(title) = strip_heading(line) {
            groups.push(TaskGroup {
                title: Some(title.to_string()),
                items: Vec::new(),
            });
            last_was_item = false;
            continue;
        }
        let (rest, numbered) = strip_number(line);
        if groups.is_empty() {
            groups.push(TaskGroup {
                title: None,
                items: Vec::new(),
            });
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        match group.items.last_mut() {
            Some(last) if !numbered && last_was_item => last.push_str(rest),
            _ => {
                if !rest.is_empty() {
                    group.items.push(rest.to_string());
                    last_was_item = numbered;
                }
            }
        }
    }
    groups
}

static DEADLINE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:截止|截至|至|到)\s*(20\d{2})\s*年"));
static YEARS: LazyLock<Regex> = LazyLock::new(|| pattern(r"(20\d{2})"));

/// A line that only states the deadline: "（截止2027年）", "截至2027年底：", "(2027年)".
static DEADLINE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:[（(]\s*(?:截止|截至|至|到)?\s*20\d{2}\s*年(?:底|末)?前?\s*[)）]|(?:截止|截至|到)\s*20\d{2}\s*年(?:底|末)?前?)\s*[:：]?$",
    )
});

/// This module's patterns, for `recognize::compile_patterns`.
pub(super) static PATTERNS: [&LazyLock<Regex>; 6] = [
    &ITEM_NUMBER,
    &HEADING,
    &INLINE_ITEM,
    &DEADLINE,
    &YEARS,
    &DEADLINE_NOTE,
];

/// The goals of 长期目标 without a first line that only states the deadline (written in
/// the goals cell instead of its label): the deadline is `deadline_year`, not a goal.
pub fn without_deadline_note(mut goals: Vec<String>) -> Vec<String> {
    if goals
        .first()
        .is_some_and(|g| DEADLINE_NOTE.is_match(fold_width(g).trim()))
    {
        goals.remove(0);
    }
    goals
}

/// The deadline year of 长期目标: "（截止2027年）" in the label, else the last year in the
/// label ("长期目标（2025-2027年）"), else "截止2027年" in the goals.
pub fn deadline_year(label: &str, goals: &str) -> Option<i32> {
    let label = fold_width(label);
    let from = |re: &Regex, s: &str| {
        re.captures_iter(s)
            .filter_map(|c| c.get(1)?.as_str().parse().ok())
            .last()
    };
    from(&DEADLINE, &label)
        .or_else(|| from(&YEARS, &label))
        .or_else(|| from(&DEADLINE, &fold_width(goals)))
        .or_else(|| {
            let g = fold_width(goals);
            let first = g.lines().next().unwrap_or("");
            if first.contains("截") {
                from(&super::header::YEAR_IN_TITLE, first)
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duties_lose_numbering_and_rejoin_wrapped_lines() {
        let t =
            "\n1、贯彻落实扶贫开发法律。\n    2、拟订全市扶贫开发\n发展战略。\n3. 负责项目库。  ";
        assert_eq!(
            numbered_items(t),
            [
                "贯彻落实扶贫开发法律。",
                "拟订全市扶贫开发发展战略。",
                "负责项目库。"
            ]
        );
    }

    #[test]
    fn inline_numbering_splits_but_decimals_do_not() {
        assert_eq!(
            numbered_items("1、完成1.5亿元投资。2、新建学校3所。"),
            ["完成1.5亿元投资。", "新建学校3所。"]
        );
        assert_eq!(numbered_items("（1）甲；（2）乙"), ["甲；", "乙"]);
    }

    #[test]
    fn unnumbered_lines_are_items() {
        assert_eq!(numbered_items("甲\n乙"), ["甲", "乙"]);
    }

    #[test]
    fn tasks_group_under_headings() {
        let t = " （一）守牢底线\n1.常态化监测。\n2.抓好落实。\n（二）推进建设\n1.推广经验。\n（五）开展专项整治。\n（六）挖掘红色资源。";
        let g = task_groups(t);
        assert_eq!(g.len(), 4);
        assert_eq!(g[0].title.as_deref(), Some("守牢底线"));
        assert_eq!(g[0].items, ["常态化监测。", "抓好落实。"]);
        assert_eq!(g[2].title.as_deref(), Some("开展专项整治。"));
        assert!(g[2].items.is_empty());
        let flat = task_groups("1.甲\n2.乙");
        assert_eq!(flat.len(), 1);
        assert_eq!(flat[0].title, None);
        assert_eq!(flat[0].items, ["甲", "乙"]);
    }

    #[test]
    fn prefilters_never_skip_a_line_the_regex_would_match() {
        let parts = [
            "", " ", "\u{3000}", "\u{a0}", "。", "；", ";", "！", "!", "，", "1", "12", "１", "١",
            "３．", "2、", "5)", "（", "(", "）", "一", "十", "、", ".", "．", "①", "⑳", "甲", "a",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in ["", "二", "2", "乙"] {
                        let line = format!("{a}{b}{c}{d}");
                        let folded = fold_width(&line);
                        if INLINE_ITEM.is_match(&folded) {
                            assert!(may_have_inline_item(&line), "{line:?}");
                        }
                        if ITEM_NUMBER.is_match(&folded) {
                            assert!(may_be_numbered(&line), "{line:?}");
                        }
                        if HEADING.is_match(&folded) {
                            assert!(may_be_heading(&line), "{line:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn prefix_folded_on_the_head_reads_as_on_the_whole_line() {
        let whole = |line: &str, re: &Regex| -> Option<String> {
            let folded = fold_width(line);
            let m = re.find(&folded)?;
            let chars = folded[..m.end()].chars().count();
            Some(
                crate::model::text::trim(&line.chars().skip(chars).collect::<String>()).to_string(),
            )
        };
        let parts = [
            "１", "12", "١", " ", "\u{3000}", "\u{a0}", "（", "(", "）", ")", "、", "．", "：",
            "一", "二三", "十", "①", "，", "甲", "x",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in ["", "  ", "\u{3000}\u{3000}\u{3000}"] {
                        for e in ["", "乙，丙", "１２３４５６７８９０（）"] {
                            let line = format!("{a}{d}{b}{d}{c}{d}{e}");
                            for re in [&*ITEM_NUMBER, &*HEADING] {
                                assert_eq!(
                                    strip_folded_prefix(&line, re).map(str::to_string),
                                    whole(&line, re),
                                    "{line:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn full_width_numbering_is_stripped() {
        assert_eq!(
            numbered_items("１．甲。２、乙；（３）丙\n①丁"),
            ["甲。", "乙；", "丙", "丁"]
        );
        let g = task_groups("（ 一 ）守牢底线\n一、推进建设\n1.甲");
        assert_eq!(g[0].title.as_deref(), Some("守牢底线"));
        assert_eq!(g[1].title.as_deref(), Some("推进建设"));
        assert_eq!(g[1].items, ["甲"]);
    }

    #[test]
    fn a_deadline_line_is_not_a_goal() {
        let goals = |v: &[&str]| without_deadline_note(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(goals(&["（截止2027年）", "建成平台；"]), ["建成平台；"]);
        assert_eq!(goals(&["截至2027年底：", "建成平台；"]), ["建成平台；"]);
        assert_eq!(goals(&["(2027年)", "建成平台"]), ["建成平台"]);
        assert_eq!(goals(&["到2027年建成平台"]), ["到2027年建成平台"]);
        assert_eq!(
            goals(&["建成平台", "（截止2027年）"]),
            ["建成平台", "（截止2027年）"]
        );
    }

    #[test]
    fn deadline() {
        assert_eq!(deadline_year("长期目标：\n（截止2027年）", ""), Some(2027));
        assert_eq!(deadline_year("长期目标（2025-2027年）", ""), Some(2027));
        assert_eq!(deadline_year("长期目标", "截至2026年，完成…"), Some(2026));
        assert_eq!(deadline_year("长期目标", "1.完成2024年任务"), None);
    }
}
