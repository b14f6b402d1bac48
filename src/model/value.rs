//! Reading what a cell says: indicator values ("≥95%", "3000人次", "完全相符"), funds amounts
//! ("1,146.90", "1146.9万元", "—") and shares ("32.02%", or 0.3202 from a percent cell).
//! The rules are RECORD.md's; everything here works on text so every reader is treated alike.

use crate::model::record::{Num, Value, ValueKind};
use crate::model::text::{fold_char, is_space, trim};
use std::borrow::Cow;

/// Comparison words and signs, longest first so "不低于" wins over "低于". The second
/// element is the operator the contract writes.
const PREFIX_OPS: &[(&str, &str)] = &[
    ("大于或等于", ">="),
    ("小于或等于", "<="),
    ("大于等于", ">="),
    ("小于等于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    (">=", ">="),
    ("<=", "<="),
    ("=>", ">="),
    ("=<", "<="),
    ("≥", ">="),
    ("≧", ">="),
    ("⩾", ">="),
    ("≤", "<="),
    ("≦", "<="),
    ("⩽", "<="),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    (">", ">"),
    ("<", "<"),
];

/// Words after a number that bound it: "95%以上" is "≥95%". "内" is not among them: a
/// value ending in it ("5个工作日内", "3个工作日内办结") is a deadline, text by RECORD.md.
const SUFFIX_OPS: &[(&str, &str)] = &[
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
];

/// Parses an indicator value by RECORD.md's rules.
pub fn parse_value(raw: &str) -> Value {
    let text = trim(raw);
    let Some(m) = parse_measure(text) else {
        return Value {
            kind: if text.is_empty() {
                ValueKind::Empty
            } else {
                ValueKind::Text
            },
            text: text.to_string(),
            op: None,
            number: None,
            unit: None,
        };
    };
    Value {
        kind: if m.unit.as_deref() == Some("%") {
            ValueKind::Percent
        } else {
            ValueKind::Number
        },
        op: m.op.map(str::to_string),
        number: Some(Num(m.number)),
        unit: m.unit.map(Cow::into_owned),
        text: text.to_string(),
    }
}

/// A number with an optional comparison and unit; the unit is borrowed from the text when
/// nothing in it had to be folded.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure<'a> {
    pub op: Option<&'static str>,
    pub number: f64,
    pub unit: Option<Cow<'a, str>>,
}

/// What one pass over a value finds: whether it holds a digit (ASCII or full-width) and
/// whether anything in it must be folded or dropped before it is read.
fn scan(text: &str) -> (bool, bool) {
    let mut digit = false;
    let mut rewrite = false;
    for c in text.chars() {
        if c.is_ascii_graphic() {
            digit |= c.is_ascii_digit();
        } else if !('\u{4000}'..='\u{EFFF}').contains(&c) {
            digit |= ('\u{FF10}'..='\u{FF19}').contains(&c);
            rewrite |= fold_char(c) != c || is_space(c);
        }
    }
    (digit, rewrite)
}

/// Reads "≥95%", "不少于3次", "3000人次", "1,146.90万元", "95%以上". `None` when the text is
/// not a single number with a short unit (ranges, sentences, "完全相符").
pub fn parse_measure(text: &str) -> Option<Measure<'_>> {
    // Fold full-width digits, signs and ％ so "≥９５％" reads like "≥95%"; drop inner spaces
    // ("100 %", "3 000").
    // Most values are sentences or ASCII numbers: a text with no digit at all is no
    // measure, and one with nothing to fold or drop is read as it stands.
    let (digit, rewrite) = scan(text);
    if !digit {
        return None;
    }
    if !rewrite {
        return measure(text);
    }
    let folded: String = text
        .chars()
        .map(fold_char)
        .filter(|c| !is_space(*c))
        .collect();
    let m = measure(&folded)?;
    Some(Measure {
        op: m.op,
        number: m.number,
        unit: m.unit.map(|u| Cow::Owned(u.into_owned())),
    })
}

/// `parse_measure` on a text already folded, with no white space left in it.
fn measure(folded: &str) -> Option<Measure<'_>> {
    let mut s = folded;
    let mut op = None;
    // No comparison word or sign starts with a digit: skip the list for plain numbers.
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        for (word, sym) in PREFIX_OPS {
            if let Some(rest) = s.strip_prefix(word) {
                op = Some(*sym);
                s = rest;
                break;
            }
        }
    }
    // Every bounding word is Chinese: a text ending in ASCII ("95%", "3") has none.
    if !s.as_bytes().last().is_some_and(u8::is_ascii) {
        for (word, sym) in SUFFIX_OPS {
            if let Some(rest) = s.strip_suffix(word) {
                if op.is_none() {
                    op = Some(*sym);
                }
                s = rest;
                break;
            }
        }
    }
    let (number, rest) = leading_number(s)?;
    let unit = rest.trim();
    let unit = unit
        .strip_prefix('(')
        .and_then(|u| u.strip_suffix(')'))
        .unwrap_or(unit);
    // A note after the unit ("95%(含)") qualifies the value; the text keeps it.
    let unit = match unit.find('(') {
        Some(i) if i > 0 && unit.ends_with(')') => &unit[..i],
        _ => unit,
    };
    if unit.is_empty() {
        return Some(Measure {
            op,
            number,
            unit: None,
        });
    }
    if !is_unit(unit) {
        return None;
    }
    let unit = if unit == "%" || unit == "％" {
        "%"
    } else {
        unit
    };
    Some(Measure {
        op,
        number,
        unit: Some(Cow::Borrowed(unit)),
    })
}

/// Words that make what follows a number a deadline, an estimate or a sentence, not a
/// unit (RECORD.md): "12月底前", "3个工作日内办结", "95%左右".
const NOT_IN_UNITS: [&str; 8] = ["前", "内", "后", "完成", "办结", "达到", "实现", "左右"];

/// A unit (RECORD.md): at most 8 characters, no digit, no sentence punctuation, none of
/// `NOT_IN_UNITS`; compound units count ("微克/立方米", "批次/千人", "元/人·月"). Anything
/// else ("年底前完成") is a sentence that happens to start with a number.
fn is_unit(u: &str) -> bool {
    let n = u.chars().count();
    n <= 8
        && !NOT_IN_UNITS.iter().any(|w| u.contains(w))
        && !u.chars().any(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '，' | ','
                        | '。'
                        | '；'
                        | ';'
                        | '、'
                        | '~'
                        | '～'
                        | '-'
                        | '—'
                        | '至'
                        | ':'
                        | '：'
                )
        })
}

/// Splits a leading decimal number (sign, thousands separators, decimal point) from the rest.
fn leading_number(s: &str) -> Option<(f64, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
        i += 1;
    }
    let mut seen_digit = false;
    let mut seen_dot = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => seen_digit = true,
            b',' if seen_digit && !seen_dot => {
                // A thousands separator must be followed by exactly three digits.
                let group = bytes.get(i + 1..i + 4)?;
                if !group.iter().all(u8::is_ascii_digit)
                    || bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                {
                    return None;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    let digits = &s[..i];
    let value: f64 = if digits.contains(',') {
        let num: String = digits.chars().filter(|c| *c != ',').collect();
        num.trim_end_matches('.').parse().ok()?
    } else {
        digits.trim_end_matches('.').parse().ok()?
    };
    value.is_finite().then_some((value, &s[i..]))
}

/// The outcome of reading a funds cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// Nothing written (or a dash meaning nil).
    Empty,
    /// A number in the form's unit.
    Number(f64),
    /// Something that is not a number; the recogniser warns bad_number.
    Bad,
}

/// Reads a funds amount: "1146.9", "1,146.90", "1146.9万元", "　", "—", "-", "/", "无".
pub fn parse_amount(raw: &str) -> Amount {
    let t = trim(raw);
    if t.is_empty() || is_nil(t) {
        return Amount::Empty;
    }
    match parse_measure(t) {
        Some(Measure {
            op: None,
            number,
            unit: None,
        }) => Amount::Number(clean(number)),
        Some(Measure {
            op: None,
            number,
            unit: Some(u),
        }) if matches!(&*u, "万元" | "元" | "万" | "亿元") => Amount::Number(clean(number)),
        _ => Amount::Bad,
    }
}

/// Reads a share (占比): "32.02%" → 32.02; "32.02" → 32.02; a number from a cell whose format
/// is unknown and that is ≤ 1 is a fraction (0.3202 → 32.02); `percent_format == Some(true)`
/// means the reader already rendered it as a percentage.
pub fn parse_share(raw: &str, number: Option<f64>, percent_format: Option<bool>) -> Amount {
    if let (Some(x), None) = (number, percent_format)
        && x.abs() <= 1.0
    {
        return Amount::Number(clean(x * 100.0));
    }
    let t = trim(raw);
    if t.is_empty() || is_nil(t) {
        return Amount::Empty;
    }
    match parse_measure(t) {
        Some(Measure {
            op: None,
            number,
            unit: None,
        }) => Amount::Number(clean(number)),
        Some(Measure {
            op: None,
            number,
            unit: Some(u),
        }) if u == "%" => Amount::Number(clean(number)),
        _ => Amount::Bad,
    }
}

fn is_nil(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '-' | '—' | '－' | '–' | '/' | '／' | '\\'))
        || matches!(t, "无" | "/" | "——")
}

/// Removes binary noise from arithmetic (0.3202 × 100 = 32.019999999999996 → 32.02).
pub fn clean(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let scaled = (x * 1e9).round() / 1e9;
    if scaled.is_finite() { scaled } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (ValueKind, Option<String>, Option<f64>, Option<String>) {
        let v = parse_value(s);
        (v.kind, v.op, v.number.map(|n| n.0), v.unit)
    }

    #[test]
    fn contract_examples() {
        assert_eq!(
            v("100%"),
            (ValueKind::Percent, None, Some(100.0), Some("%".into()))
        );
        assert_eq!(
            v("3000人次"),
            (ValueKind::Number, None, Some(3000.0), Some("人次".into()))
        );
        assert_eq!(v("0"), (ValueKind::Number, None, Some(0.0), None));
        assert_eq!(
            v("≥95%"),
            (
                ValueKind::Percent,
                Some(">=".into()),
                Some(95.0),
                Some("%".into())
            )
        );
        assert_eq!(v("完全相符"), (ValueKind::Text, None, None, None));
        assert_eq!(v("　"), (ValueKind::Empty, None, None, None));
        assert_eq!(parse_value(" 2次 ").text, "2次");
    }

    #[test]
    fn comparison_words_and_signs() {
        assert_eq!(v("不低于98%").1.as_deref(), Some(">="));
        assert_eq!(
            v("不少于3次"),
            (
                ValueKind::Number,
                Some(">=".into()),
                Some(3.0),
                Some("次".into())
            )
        );
        assert_eq!(v("不高于5%").1.as_deref(), Some("<="));
        assert_eq!(
            v("不超过10万元"),
            (
                ValueKind::Number,
                Some("<=".into()),
                Some(10.0),
                Some("万元".into())
            )
        );
        assert_eq!(v("＞90%").1.as_deref(), Some(">"));
        assert_eq!(v("＜5天").1.as_deref(), Some("<"));
        assert_eq!(v("<=5%").1.as_deref(), Some("<="));
        assert_eq!(
            v("≤ 5 %"),
            (
                ValueKind::Percent,
                Some("<=".into()),
                Some(5.0),
                Some("%".into())
            )
        );
        assert_eq!(v("95%以上").1.as_deref(), Some(">="));
        assert_eq!(
            v("≥95%（含）"),
            (
                ValueKind::Percent,
                Some(">=".into()),
                Some(95.0),
                Some("%".into())
            )
        );
        assert_eq!(v("≥1次/年").3.as_deref(), Some("次/年"));
    }

    /// RECORD.md's unit rule: at most 8 characters, no digit, no sentence punctuation, none
    /// of 前 内 后 完成 办结 达到 实现 左右; compound units count; a sign is the number's.
    #[test]
    fn units_by_the_contract() {
        let number = |n: f64, op: Option<&str>, unit: &str| {
            (
                ValueKind::Number,
                op.map(str::to_string),
                Some(n),
                Some(unit.to_string()),
            )
        };
        assert_eq!(v("≤35微克/立方米"), number(35.0, Some("<="), "微克/立方米"));
        assert_eq!(v("4批次/千人"), number(4.0, None, "批次/千人"));
        assert_eq!(v("≥4批次/千人"), number(4.0, Some(">="), "批次/千人"));
        assert_eq!(v("100元/人·月"), number(100.0, None, "元/人·月"));
        assert_eq!(v("0起"), number(0.0, None, "起"));
        assert_eq!(
            v("-2%"),
            (ValueKind::Percent, None, Some(-2.0), Some("%".into()))
        );
        for text in [
            "90%-95%",
            "12月底前",
            "3个工作日内办结",
            "5个工作日内",
            "95%左右",
            "3天后",
            "100%完成",
            "95%达到",
            "1项实现",
            "2次，每季度一次",
            "6个月内完成验收",
            "10个以上非常长的单位名称",
        ] {
            assert_eq!(v(text).0, ValueKind::Text, "{text}");
        }
    }

    #[test]
    fn full_width_and_separators() {
        let x = parse_value("１００％");
        assert_eq!(
            (x.kind, x.number.map(|n| n.0)),
            (ValueKind::Percent, Some(100.0))
        );
        assert_eq!(x.text, "１００％");
        assert_eq!(v("1,146.90万元").2, Some(1146.9));
        assert_eq!(v("3 000人次").2, Some(3000.0));
    }

    #[test]
    fn sentences_and_ranges_stay_text() {
        assert_eq!(v("90%-100%").0, ValueKind::Text);
        assert_eq!(v("2024年底前完成").0, ValueKind::Text);
        assert_eq!(v("1,14").0, ValueKind::Text);
    }

    /// `parse_measure` as it was before its fast paths: fold everything, try every word.
    fn slow_measure(text: &str) -> Option<(Option<&'static str>, f64, Option<String>)> {
        if !text
            .chars()
            .any(|c| c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c))
        {
            return None;
        }
        let folded: String = text
            .chars()
            .map(fold_char)
            .filter(|c| !is_space(*c))
            .collect();
        let mut s = folded.as_str();
        let mut op = None;
        for (word, sym) in PREFIX_OPS {
            if let Some(rest) = s.strip_prefix(word) {
                op = Some(*sym);
                s = rest;
                break;
            }
        }
        for (word, sym) in SUFFIX_OPS {
            if let Some(rest) = s.strip_suffix(word) {
                if op.is_none() {
                    op = Some(*sym);
                }
                s = rest;
                break;
            }
        }
        let (number, rest) = leading_number(s)?;
        let unit = rest.trim();
        let unit = unit
            .strip_prefix('(')
            .and_then(|u| u.strip_suffix(')'))
            .unwrap_or(unit);
        let unit = match unit.find('(') {
            Some(i) if i > 0 && unit.ends_with(')') => &unit[..i],
            _ => unit,
        };
        if unit.is_empty() {
            return Some((op, number, None));
        }
        if !is_unit(unit) {
            return None;
        }
        let unit = if unit == "%" || unit == "％" {
            "%"
        } else {
            unit
        };
        Some((op, number, Some(unit.to_string())))
    }

    #[test]
    fn fast_paths_read_as_the_full_fold_does() {
        let parts = [
            "",
            " ",
            "\u{3000}",
            "\u{a0}",
            "\u{200b}",
            "\t",
            "≥",
            "＞",
            "不低于",
            "大于",
            ">=",
            "<",
            "95",
            "９５",
            "1,146.90",
            "１,１４６.９",
            "3 000",
            "-12.5",
            "+3",
            ".5",
            "5.",
            "%",
            "％",
            "人次",
            "万元",
            "以上",
            "内",
            "及以下",
            "(含)",
            "（含）",
            "个百分点",
            "年底前完成",
            "~",
            "～",
            "部",
            "a",
            "٣",
            "1,14",
        ];
        let mut n = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    let t = format!("{a}{b}{c}");
                    let fast =
                        parse_measure(&t).map(|m| (m.op, m.number, m.unit.map(Cow::into_owned)));
                    assert_eq!(fast, slow_measure(&t), "{t:?}");
                    n += 1;
                }
            }
        }
        assert!(n > 1000);
        // The unit is borrowed when nothing had to be folded.
        assert!(matches!(
            parse_measure("3000人次").and_then(|m| m.unit),
            Some(Cow::Borrowed("人次"))
        ));
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("\u{3000}1146.9"), Amount::Number(1146.9));
        assert_eq!(parse_amount("1,146.90"), Amount::Number(1146.9));
        assert_eq!(parse_amount("1146.9万元"), Amount::Number(1146.9));
        assert_eq!(parse_amount("—"), Amount::Empty);
        assert_eq!(parse_amount(""), Amount::Empty);
        assert_eq!(parse_amount("约一千"), Amount::Bad);
        assert_eq!(parse_amount("-12.5"), Amount::Number(-12.5));
    }

    #[test]
    fn shares() {
        assert_eq!(
            parse_share("\u{3000}32.02%", None, None),
            Amount::Number(32.02)
        );
        assert_eq!(
            parse_share("32.02%", Some(0.3202), Some(true)),
            Amount::Number(32.02)
        );
        assert_eq!(
            parse_share("0.3202", Some(0.3202), None),
            Amount::Number(32.02)
        );
        assert_eq!(parse_share("1", Some(1.0), None), Amount::Number(100.0));
        assert_eq!(
            parse_share("32.02", Some(32.02), Some(false)),
            Amount::Number(32.02)
        );
        assert_eq!(parse_share("100%", None, None), Amount::Number(100.0));
    }
}
