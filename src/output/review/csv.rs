//! The review tables as CSV files for Excel and WPS, and for people who script: the same
//! rows as the workbook's sheets, written so that Excel shows the Chinese and never runs a
//! cell as a formula.

use super::{Cell, Table};
use std::io::{self, Write};

/// Writes a table as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads
/// the Chinese as the local code page), CRLF line ends, RFC 4180 quoting. Text that Excel
/// would run as a formula (starting with = or @, or a sign not followed by a figure) is
/// prefixed with an apostrophe.
pub fn write_csv(table: &Table, w: &mut dyn Write) -> io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    let headers: Vec<Cell> = table
        .columns
        .iter()
        .map(|c| Cell::Text(c.header.clone()))
        .collect();
    for row in std::iter::once(&headers).chain(&table.rows) {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            match cell {
                Cell::Empty => {}
                Cell::Number(x) => w.write_all(csv_number(*x).as_bytes())?,
                Cell::Text(s) | Cell::Link { text: s, .. } => {
                    w.write_all(csv_text(s).as_bytes())?
                }
            }
        }
        w.write_all(b"\r\n")?;
    }
    Ok(())
}

/// Whole numbers without a fraction (as in the JSON), others in their shortest form.
pub(super) fn csv_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

pub(super) fn csv_text(s: &str) -> String {
    let formula = match s.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        // A signed figure ("-5", "-8%", "-0.5个百分点") is a value as the form wrote it and
        // is written as it reads. After a sign, only what could make a formula (a letter
        // first, an operator, a reference, a call) gets the apostrophe.
        Some('+' | '-') => !signed_figure(&s[1..]),
        _ => false,
    };
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Whether the text after a leading sign is a figure with at most a unit: a digit first,
/// and none of the characters a spreadsheet formula needs.
fn signed_figure(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_ascii_digit())
        && !rest.contains([
            '(', ')', '!', '|', '=', '+', '-', '*', '/', '^', '&', '@', '"', '\'', ';', ':', '<',
            '>', '[', ']', '{', '}', '$', '#',
        ])
}
