//! A spreadsheet cell's value as the sheet shows it (OpenDocument 1.2 Part 1 §19.385
//! `office:value-type`, §19.384 `office:value`, §19.379 `office:date-value`, §19.374
//! `office:boolean-value`), written the way the xlsx reader writes the same cell, so that
//! a form saved from Excel and from LibreOffice reads the same.

use crate::readers::sheet::{format_number, format_percent};

/// What a cell's value attributes say, as written (values not yet parsed).
#[derive(Debug, Default, Clone)]
pub(super) struct ValueAttrs {
    pub(super) value_type: Option<String>,
    pub(super) value: Option<String>,
    pub(super) date_value: Option<String>,
    pub(super) boolean_value: Option<String>,
}

/// A cell's text and, for numbers, its value and whether it is a percentage.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Shown {
    pub(super) text: String,
    pub(super) number: Option<f64>,
    pub(super) percent_format: Option<bool>,
}

impl ValueAttrs {
    /// The cell as shown: typed values from their attributes, anything else (strings, times,
    /// a typed cell whose value cannot be read) as its paragraphs' text.
    pub(super) fn shown(&self, paragraphs: String) -> Shown {
        let text_only = |text: String| Shown {
            text,
            number: None,
            percent_format: None,
        };
        let number = || {
            self.value
                .as_deref()
                .and_then(|v| v.trim().parse::<f64>().ok())
        };
        match self.value_type.as_deref().map(str::trim) {
            Some("float" | "currency") => match number() {
                Some(x) => Shown {
                    text: format_number(x),
                    number: Some(x),
                    percent_format: Some(false),
                },
                None => text_only(paragraphs),
            },
            Some("percentage") => match number() {
                Some(x) => Shown {
                    text: format_percent(x),
                    number: Some(x),
                    percent_format: Some(true),
                },
                None => text_only(paragraphs),
            },
            Some("date") => match self.date_value.as_deref().and_then(calendar_day) {
                // As the xlsx reader shows a date cell: its day, no number.
                Some(day) => Shown {
                    text: day.to_string(),
                    number: None,
                    percent_format: Some(false),
                },
                None => text_only(paragraphs),
            },
            Some("boolean") => match self.boolean_value.as_deref().map(str::trim) {
                Some(b) if b.eq_ignore_ascii_case("true") || b == "1" => text_only("TRUE".into()),
                Some(b) if b.eq_ignore_ascii_case("false") || b == "0" => text_only("FALSE".into()),
                _ => text_only(paragraphs),
            },
            _ => text_only(paragraphs),
        }
    }
}

/// The `YYYY-MM-DD` a date value starts with (`2024-01-15` or `2024-01-15T09:30:00`).
fn calendar_day(v: &str) -> Option<&str> {
    let v = v.trim();
    let day = v.get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (v.len() == 10 || v.as_bytes()[10] == b'T'))
        .then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(t: &str, value: Option<&str>) -> ValueAttrs {
        ValueAttrs {
            value_type: Some(t.into()),
            value: value.map(Into::into),
            date_value: value.map(Into::into),
            boolean_value: value.map(Into::into),
        }
    }

    #[test]
    fn typed_cells_read_like_excel_cells() {
        let s = attrs("percentage", Some("0.95")).shown("95.00%".into());
        assert_eq!((s.text.as_str(), s.percent_format), ("95%", Some(true)));
        assert_eq!(s.number, Some(0.95));
        let s = attrs("float", Some("727.5599999999998")).shown("727.56".into());
        assert_eq!(
            (s.text.as_str(), s.number),
            ("727.56", Some(727.5599999999998))
        );
        assert_eq!(
            attrs("currency", Some("1146.9"))
                .shown("¥1,146.90".into())
                .text,
            "1146.9"
        );
        assert_eq!(
            attrs("date", Some("2024-01-15T09:30:00"))
                .shown("2024年1月15日".into())
                .text,
            "2024-01-15"
        );
        assert_eq!(
            attrs("boolean", Some("true")).shown("是".into()).text,
            "TRUE"
        );
        // Strings, times and unreadable values show their paragraphs.
        assert_eq!(attrs("string", Some("x")).shown("部门".into()).text, "部门");
        assert_eq!(
            attrs("time", Some("PT12H")).shown("12:00".into()).text,
            "12:00"
        );
        assert_eq!(attrs("float", Some("abc")).shown("abc".into()).text, "abc");
        assert_eq!(attrs("float", None).shown("12".into()).number, None);
        assert_eq!(attrs("date", Some("2024-1-5")).shown("x".into()).text, "x");
        assert_eq!(ValueAttrs::default().shown("t".into()).text, "t");
    }
}
