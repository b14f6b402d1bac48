//! Reading what a cell says: indicator values ("≥95%", "3000人次", "完全相符"), funds amounts
//! ("1,146.90", "1146.9万元", "—") and shares ("32.02%", or 0.3202 from a percent cell).
//! The rules are RECORD.md's; everything here works on text so every reader is treated alike.

use crate::record::{Num, Value, ValueKind};
use crate::text::{fold_char, is_space, trim};

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

/// Words after a number that bound it: "95%以上" is "≥95%".
const SUFFIX_OPS: &[(&str, &str)] = &[
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("内", "<="),
];

/// Parses an indicator value by RECORD.md's rules.
pub fn parse_value(raw: &str) -> Value {
    let text = trim(raw).to_string();
    if text.is_empty() {
        return Value {
            text,
            kind: ValueKind::Empty,
            op: None,
            number: None,
            unit: None,
        };
    }
    match parse_measure(&text) {
        Some(m) => Value {
            kind: if m.unit.as_deref() == Some("%") {
                ValueKind::Percent
            } else {
                ValueKind::Number
            },
            op: m.op.map(str::to_string),
            number: Some(Num(m.number)),
            unit: m.unit,
            text,
        },
        None => Value {
            text,
            kind: ValueKind::Text,
            op: None,
            number: None,
            unit: None,
        },
    }
}

/// A number with an optional comparison and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub op: Option<&'static str>,
    pub number: f64,
    pub unit: Option<String>,
}

/// Reads "≥95%", "不少于3次", "3000人次", "1,146.90万元", "95%以上". `None` when the text is
/// not a single number with a short unit (ranges, sentences, "完全相符").
pub fn parse_measure(text: &str) -> Option<Measure> {
    // Fold full-width digits, signs and ％ so "≥９５％" reads like "≥95%"; drop inner spaces
    // ("100 %", "3 000").
    // Most values are sentences or ASCII numbers: a text with no digit at all is no
    // measure, and one with nothing to fold or drop is read as it stands.
    if !text
        .chars()
        .any(|c| c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c))
    {
        return None;
    }
    let folded: std::borrow::Cow<'_, str> =
        if text.chars().all(|c| fold_char(c) == c && !is_space(c)) {
            std::borrow::Cow::Borrowed(text)
        } else {
            text.chars()
                .map(fold_char)
                .filter(|c| !is_space(*c))
                .collect::<String>()
                .into()
        };
    let mut s = &*folded;
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
        unit: Some(unit.to_string()),
    })
}

/// A unit is short and holds no digits or sentence punctuation: "人次", "万元", "%", "个百分点".
/// Anything longer ("年底前完成") is a sentence that happens to start with a number.
fn is_unit(u: &str) -> bool {
    let n = u.chars().count();
    n <= 4
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
    let num: String = s[..i].chars().filter(|c| *c != ',').collect();
    let value: f64 = num.trim_end_matches('.').parse().ok()?;
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
        }) if matches!(u.as_str(), "万元" | "元" | "万" | "亿元") => {
            Amount::Number(clean(number))
        }
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
        assert_eq!(
            v("5个工作日内"),
            (
                ValueKind::Number,
                Some("<=".into()),
                Some(5.0),
                Some("个工作日".into())
            )
        );
        assert_eq!(v("≥1次/年").3.as_deref(), Some("次/年"));
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
