//! Hostile .xlsb workbooks, generated at test time from a generated fixture (nothing large
//! in git): a worksheet part that inflates past the limit (declared honestly, and declared
//! as 1 000 bytes), a shared-string part that does, a merge of a billion cells, ten thousand merges as wide as the sheet, a record
//! declaring 256 MiB, and more cells than the limit. Each runs through the real binary,
//! alone, with `tests/hostile.rs`'s runner: flagged with the expected code (or read, then
//! `not_a_form`), within a second, under 200 MiB.

use crate::common::root;
use crate::hostile::{Body, check_cases, package_declaring};
use std::io::Read;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("hostile-xlsb", name)
}

/// One BIFF12 record (a type of one or two bytes, a length of one to four).
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = data.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(data);
}

fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// A worksheet part: one text cell (shared string 0) at A1, `cells` number cells after
/// it in row 2, the merges, and `tail` before BrtEndSheet.
fn sheet(cells: u32, merges: &[[u32; 4]], tail: &[u8]) -> Vec<u8> {
    let mut s = Vec::new();
    record(&mut s, 0x0081, &[]);
    record(&mut s, 0x0094, &u32s(&[0, 1, 0, 16_383]));
    record(&mut s, 0x0091, &[]);
    record(&mut s, 0x0000, &u32s(&[0, 0, 0, 0, 0]));
    record(&mut s, 0x0007, &u32s(&[0, 0, 0]));
    record(&mut s, 0x0000, &u32s(&[1, 0, 0, 0, 0]));
    for c in 0..cells {
        // An RK integer 1 in column c (of 16 384, row after row).
        let mut d = u32s(&[c % 16_384, 0]);
        d.extend(((1u32 << 2) | 2).to_le_bytes());
        if c > 0 && c % 16_384 == 0 {
            record(&mut s, 0x0000, &u32s(&[1 + c / 16_384, 0, 0, 0, 0]));
        }
        record(&mut s, 0x0002, &d);
    }
    record(&mut s, 0x0092, &[]);
    if !merges.is_empty() {
        record(&mut s, 0x00B1, &u32s(&[merges.len() as u32]));
        for m in merges {
            record(&mut s, 0x00B0, &u32s(m));
        }
        record(&mut s, 0x00B2, &[]);
    }
    s.extend_from_slice(tail);
    record(&mut s, 0x0082, &[]);
    s
}

/// The parts of a generated one-sheet fixture, by name.
fn seed_parts() -> Vec<(String, Vec<u8>)> {
    let bytes =
        std::fs::read(root().join("fixtures/xlsb/001_鄂州市乡村振兴局.xlsb")).expect("seed");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("inflate");
            (f.name().expect("name").to_string(), data)
        })
        .collect()
}

/// The seed with some parts replaced (`Body::TextThenZeros` for a bomb).
fn xlsb(replace: &[(&str, Body)], lie: Option<u32>) -> Vec<u8> {
    let seed = seed_parts();
    let mut parts: Vec<(&str, Body)> = Vec::new();
    for (name, data) in &seed {
        match replace.iter().find(|(n, _)| n == name) {
            Some((_, Body::Bytes(b))) => parts.push((name, Body::Bytes(b))),
            Some((_, Body::Text(t))) => parts.push((name, Body::Text(t))),
            Some((_, Body::TextThenZeros(t, n))) => parts.push((name, Body::TextThenZeros(t, *n))),
            None => parts.push((name, Body::Bytes(data))),
        }
    }
    package_declaring(&parts, lie)
}

const SHEET: &str = "xl/worksheets/sheet1.bin";

#[test]
fn hostile_xlsb_is_flagged_quickly_and_cheaply() {
    let dir = tmp("xlsb");
    let put = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let big = 257u64 << 20;
    let billion = sheet(0, &[[0, 999_999, 0, 999]], &[]);
    let whole_sheet: Vec<[u32; 4]> = (0..10_000)
        .map(|k| [k * 20, k * 20 + 19, 0, 16_383])
        .collect();
    let many_merges = sheet(0, &whole_sheet, &[]);
    // A record declaring 2^28 - 1 bytes, then the end of the part.
    let long = sheet(0, &[], &[0x05, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
    let too_many = sheet(1_000_001, &[], &[]);
    let cases: Vec<(PathBuf, &[&str], &[&str])> = vec![
        (
            put(
                "sheet_bomb.xlsb",
                xlsb(&[(SHEET, Body::TextThenZeros("", big))], None),
            ),
            &["too_large"],
            &[],
        ),
        (
            put(
                "sheet_bomb_lying.xlsb",
                xlsb(&[(SHEET, Body::TextThenZeros("", 40 << 20))], Some(1000)),
            ),
            &["corrupt"],
            &[],
        ),
        (
            put(
                "strings_bomb.xlsb",
                xlsb(
                    &[("xl/sharedStrings.bin", Body::TextThenZeros("", big))],
                    None,
                ),
            ),
            &["too_large"],
            &[],
        ),
        (
            put(
                "merge_billion.xlsb",
                xlsb(&[(SHEET, Body::Bytes(&billion))], None),
            ),
            &["not_a_form"],
            &[],
        ),
        (
            put(
                "merges_10000.xlsb",
                xlsb(&[(SHEET, Body::Bytes(&many_merges))], None),
            ),
            &["not_a_form"],
            &[],
        ),
        (
            put(
                "record_256mib.xlsb",
                xlsb(&[(SHEET, Body::Bytes(&long))], None),
            ),
            &["not_a_form", "corrupt"],
            &[],
        ),
        (
            put(
                "cells_over_limit.xlsb",
                xlsb(&[(SHEET, Body::Bytes(&too_many))], None),
            ),
            &["too_large"],
            &[],
        ),
    ];
    check_cases(&cases);
    let _ = std::fs::remove_dir_all(dir);
}
