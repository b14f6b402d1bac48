//! Cell and range references and indices of spreadsheetml, checked as calamine checks them,
//! and the errors of a broken workbook.

use crate::error::ReadError;
use crate::readers::sheet::Merge;

pub(super) fn corrupt(what: impl std::fmt::Display) -> ReadError {
    ReadError::corrupt(format!("Excel 工作簿结构错误（{what}）"))
}

pub(super) fn unexpected_end(inside: &str) -> ReadError {
    corrupt(format!("XML 在 <{inside}> 内意外结束"))
}

/// A non-negative decimal integer, digits only (leading zeros allowed), as calamine reads
/// indices; `None` for anything else.
pub(super) fn parse_index(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    let mut n: usize = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(usize::from(b - b'0'))?;
    }
    Some(n)
}

/// A cell reference ("B7", any case) as a 0-based row and, when present, column.
pub(super) fn parse_ref(r: &str) -> Result<(u32, Option<u32>), ReadError> {
    let bad = || corrupt(format!("单元格引用“{r}”无效"));
    let (mut col, mut row): (u32, u32) = (0, 0);
    let mut in_row = false;
    for b in r.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' if !in_row => {
                let d = u32::from(b.to_ascii_uppercase() - b'A') + 1;
                col = col
                    .checked_mul(26)
                    .and_then(|c| c.checked_add(d))
                    .ok_or_else(bad)?;
            }
            b'0'..=b'9' => {
                in_row = true;
                let d = u32::from(b - b'0');
                row = row
                    .checked_mul(10)
                    .and_then(|x| x.checked_add(d))
                    .ok_or_else(bad)?;
            }
            _ => return Err(bad()),
        }
    }
    let row = row.checked_sub(1).ok_or_else(bad)?;
    Ok((row, col.checked_sub(1)))
}

pub(super) fn parse_cell_ref(r: &str) -> Result<(u32, u32), ReadError> {
    match parse_ref(r)? {
        (row, Some(col)) => Ok((row, col)),
        (_, None) => Err(corrupt(format!("单元格引用“{r}”缺少列"))),
    }
}

/// A range ("A1:C3", or one cell; corners in any order).
pub(super) fn parse_range(r: &str) -> Result<Merge, ReadError> {
    let mut parts = r.split(':');
    let first = parse_cell_ref(parts.next().unwrap_or(""))?;
    let second = match parts.next() {
        Some(p) => parse_cell_ref(p)?,
        None => first,
    };
    if parts.next().is_some() {
        return Err(corrupt(format!("区域引用“{r}”无效")));
    }
    Ok(Merge::from_corners(first, second))
}
