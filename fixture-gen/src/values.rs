//! The meaning of what a spec writes, decided here once so that the expected records follow
//! RECORD.md's value rules. This is deliberately strict: a text the rules below do not cover
//! panics, so every value in a fixture is one whose expected meaning was thought about.

use perfsheet::record::{FundsBlock, FundsLine, Num, Value, ValueKind};
use std::collections::BTreeMap;

/// Units a count may carry ("3000人次"). Longer units first so "人次" wins over "人".
const UNITS: &[&str] = &[
    "个工作日",
    "万人次",
    "万人",
    "人次",
    "万元",
    "公里",
    "小时",
    "平方米",
    "万亩",
    "次",
    "个",
    "家",
    "天",
    "人",
    "项",
    "场",
    "户",
    "所",
    "件",
    "篇",
    "元",
    "亩",
    "条",
    "座",
    "期",
    "类",
    "批",
    "台",
    "辆",
    // Units of the project and national fixtures (RECORD.md: at most 8 characters, no digit,
    // no sentence punctuation): listed so that a typo in a spec cannot become a unit.
    "起",
    "批次",
    "万台件",
    "批次/千人",
    "微克/立方米",
    "元/人·月",
    "元/人·年",
    "元/平方米",
    "元/公里",
    "次/年",
    "人/次",
    "分",
    "年",
    "米",
    "吨",
    "处",
    "册",
    "栋",
    "套",
    "名",
    "份",
    "台件",
    "万册",
    "千米",
    "立方米",
    "万立方米",
    "平方公里",
    "公顷",
    "元/亩",
    "个百分点",
    "元/立方米",
    "元/批次",
    "元/人·次",
    "元/人",
    "元/人·天",
    "公斤",
    "万平方米",
    "万户",
    "户/次",
    "次/月",
    "分贝",
    "次/家",
    "元/户",
    "学时/人",
    "元/页",
    "万卷",
    "株",
    "万株",
];

/// Words that make the text after a number part of a sentence, not a unit (RECORD.md).
const NOT_UNIT: &[&str] = &["前", "内", "后", "完成", "办结", "达到", "实现", "左右"];

/// RECORD.md's unit rule: what follows the number is a unit when it is at most 8
/// characters with no digit, no sentence punctuation and none of [`NOT_UNIT`].
fn unit_shaped(tail: &str) -> bool {
    tail.chars().count() <= 8
        && !tail.chars().any(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || "，。；、：,;%".contains(c)
        })
        && !NOT_UNIT.iter().any(|w| tail.contains(w))
}

/// Comparison words and signs → contract op. Longer first.
const OPS: &[(&str, &str)] = &[
    ("不低于", ">="),
    ("不少于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    (">=", ">="),
    ("<=", "<="),
    ("≥", ">="),
    ("≤", "<="),
    ("＞", ">"),
    ("＜", "<"),
    (">", ">"),
    ("<", "<"),
];

/// Full-width digits, point and percent sign to ASCII, for reading the number only; the
/// value's `text` keeps what was written.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            _ => c,
        })
        .collect()
}

/// Splits a leading decimal number ("1,146.90") from the rest.
fn leading_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let num = &s[..end];
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n: f64 = num.replace(',', "").parse().ok()?;
    Some((n, &s[end..]))
}

/// The record value for a cell text, per RECORD.md.
pub fn val(written: &str) -> Value {
    let text = written.trim().to_string();
    if text.is_empty() {
        return Value {
            text,
            kind: ValueKind::Empty,
            op: None,
            number: None,
            unit: None,
        };
    }
    let norm = ascii_digits(&text);
    let mut rest = norm.as_str();
    let mut op = None;
    for (word, o) in OPS {
        if let Some(r) = rest.strip_prefix(word) {
            op = Some(o.to_string());
            rest = r.trim_start();
            break;
        }
    }
    // A sign belongs to the number ("-2%" is percent -2).
    let (sign, unsigned) = match rest.strip_prefix('-').or_else(|| rest.strip_prefix('－')) {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => (-1.0, r),
        _ => (1.0, rest),
    };
    if let Some((n, tail)) = leading_number(unsigned) {
        let n = sign * n;
        let tail = tail.trim();
        let (kind, unit) = if tail == "%" {
            (ValueKind::Percent, Some("%".to_string()))
        } else if tail.is_empty() {
            (ValueKind::Number, None)
        } else if UNITS.contains(&tail) {
            assert!(
                unit_shaped(tail),
                "value {written:?}: {tail:?} listed as a unit"
            );
            (ValueKind::Number, Some(tail.to_string()))
        } else if unit_shaped(tail) {
            panic!("value {written:?}: unit {tail:?} is not in UNITS (a typo?)");
        } else {
            // A range, a date, a sentence: text (RECORD.md: "90%-95%", "12月底前").
            assert!(
                op.is_none(),
                "value {written:?}: an op before a text has no rule"
            );
            return Value {
                text,
                kind: ValueKind::Text,
                op: None,
                number: None,
                unit: None,
            };
        };
        return Value {
            text,
            kind,
            op,
            number: Some(Num(n)),
            unit,
        };
    }
    if op.is_some() {
        panic!("value {written:?}: an op without a number has no rule");
    }
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        panic!("value {written:?}: digits inside a text value have no rule");
    }
    Value {
        text,
        kind: ValueKind::Text,
        op: None,
        number: None,
        unit: None,
    }
}

/// The value of a 指标值 cell beside a 计量单位 cell (RECORD.md, project forms): the column
/// gives a plain number its unit ("95" with "%" is percent 95), the value's own unit wins,
/// and `text` stays the 指标值 cell as written. A text value keeps no unit.
pub fn val_with_unit(written: &str, unit_col: &str) -> Value {
    let mut v = val(written);
    let u = unit_col.trim();
    if v.kind == ValueKind::Number && v.unit.is_none() && !u.is_empty() {
        if u == "%" || u == "％" {
            v.kind = ValueKind::Percent;
            v.unit = Some("%".into());
        } else {
            assert!(UNITS.contains(&u), "计量单位 {u:?} is not in UNITS");
            v.unit = Some(u.to_string());
        }
    }
    v
}

/// One funds item as a spec writes it: amounts in hundredths of the unit (so sums are exact)
/// for the current year and the two history years; None is an empty cell.
pub type Item<'a> = (&'a str, Option<i64>, Option<i64>, Option<i64>);

/// Builds a funds block whose total is the exact sum of the items and whose shares are
/// rounded to two decimals with the largest-remainder method so they add up to 100.00 as
/// the departments' own sheets do.
pub fn block(years: [i32; 2], items: &[Item]) -> FundsBlock {
    let total_now: i64 = items.iter().filter_map(|i| i.1).sum();
    let sum_opt = |f: fn(&Item) -> Option<i64>| -> Option<i64> {
        let v: Vec<i64> = items.iter().filter_map(f).collect();
        if v.is_empty() {
            None
        } else {
            Some(v.iter().sum())
        }
    };
    let h0 = sum_opt(|i| i.2);
    let h1 = sum_opt(|i| i.3);
    // Shares in basis points (hundredths of a percent).
    let mut shares: Vec<Option<i64>> = vec![None; items.len()];
    if total_now > 0 {
        let mut rem: Vec<(i64, usize)> = Vec::new();
        let mut given = 0;
        for (k, it) in items.iter().enumerate() {
            if let Some(a) = it.1 {
                let exact = a * 10000;
                let floor = exact / total_now;
                shares[k] = Some(floor);
                given += floor;
                rem.push((exact % total_now, k));
            }
        }
        rem.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, k) in rem.iter().take((10000 - given) as usize) {
            if let Some(s) = shares[*k].as_mut() {
                *s += 1;
            }
        }
    }
    let cents = |c: Option<i64>| c.map(|c| Num(c as f64 / 100.0));
    let hist = |a: Option<i64>, b: Option<i64>| {
        let mut m = BTreeMap::new();
        m.insert(years[0].to_string(), cents(a));
        m.insert(years[1].to_string(), cents(b));
        m
    };
    let lines = items
        .iter()
        .zip(&shares)
        .map(|(it, sh)| FundsLine {
            item: it.0.to_string(),
            amount: cents(it.1),
            share_percent: sh.map(|s| Num(s as f64 / 100.0)),
            history: hist(it.2, it.3),
        })
        .collect();
    let any_now = items.iter().any(|i| i.1.is_some());
    FundsBlock {
        items: lines,
        total: Some(FundsLine {
            item: "合计".to_string(),
            amount: if any_now {
                cents(Some(total_now))
            } else {
                None
            },
            share_percent: if any_now { Some(Num(100.0)) } else { None },
            history: hist(h0, h1),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let v = val("≥95%");
        assert_eq!(
            (v.kind, v.op.as_deref(), v.number),
            (ValueKind::Percent, Some(">="), Some(Num(95.0)))
        );
        let v = val("不少于3次");
        assert_eq!((v.kind, v.unit.as_deref()), (ValueKind::Number, Some("次")));
        let v = val("１００％");
        assert_eq!(
            (v.kind, v.number, v.text.as_str()),
            (ValueKind::Percent, Some(Num(100.0)), "１００％")
        );
        assert_eq!(val("完全相符").kind, ValueKind::Text);
        assert_eq!(val(" 0 ").unit, None);
        let v = val("-2%");
        assert_eq!((v.kind, v.number), (ValueKind::Percent, Some(Num(-2.0))));
        let v = val("≤35微克/立方米");
        assert_eq!(
            (v.kind, v.op.as_deref(), v.unit.as_deref()),
            (ValueKind::Number, Some("<="), Some("微克/立方米"))
        );
        for text in ["90%-95%", "12月底前", "3个工作日内办结", "95%左右"] {
            assert_eq!(val(text).kind, ValueKind::Text, "{text}");
        }
        let v = val_with_unit("95", "%");
        assert_eq!((v.kind, v.text.as_str()), (ValueKind::Percent, "95"));
        let v = val_with_unit("≥3000", "人次");
        assert_eq!(
            (v.op.as_deref(), v.unit.as_deref()),
            (Some(">="), Some("人次"))
        );
        assert_eq!(
            val_with_unit("≥3万台件", "台件").unit.as_deref(),
            Some("万台件")
        );
    }
}
