//! Hostile RTF, generated at test time (nothing large in git): a group bomb a million deep,
//! a million `\cellx` in one row, `\bin` claiming 2 GiB, an unterminated `\'` at the end,
//! a million `\row`s of empty cells (and a quarter million of one vertical merge: past
//! Word's 32,767 rows a table is too_large), a million cells in one row, absurd parameters,
//! lone surrogates, a font table of 50,000 fonts. Each file is run through the real binary,
//! alone, and must come back flagged with the expected code (or read, and then
//! `not_a_form`), within a second, with the child's peak resident memory under 200 MiB.
//! The runner is `tests/hostile.rs`'s.

use crate::hostile::check_cases;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("hostile-rtf", name)
}

const HEAD: &str =
    r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}\pard\f0 ";
const MILLION: usize = 1_000_000;

fn rtf(body: &str) -> Vec<u8> {
    let mut b = HEAD.as_bytes().to_vec();
    b.extend_from_slice(body.as_bytes());
    b
}

#[test]
fn hostile_rtf_is_flagged_quickly_and_cheaply() {
    let dir = tmp("rtf");
    let put = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let mut cellx = String::from(r"\trowd");
    for i in 0..MILLION {
        cellx.push_str(&format!(r"\cellx{}", i % 100_000));
    }
    cellx.push_str(r"\intbl x\cell\row}");
    let cases: Vec<(PathBuf, &[&str])> = vec![
        (
            put("group_bomb.doc", rtf(&"{".repeat(MILLION))),
            &["too_large"],
        ),
        (
            put("groups_closed.rtf", rtf(&"{x}".repeat(MILLION / 10))),
            &["not_a_form"],
        ),
        (put("cellx_million.rtf", rtf(&cellx)), &["too_large"]),
        (
            put(
                "bin_2gib.rtf",
                rtf(r"\'b2\'bf\'c3\'c5\par\bin2147483647 {{{{\'"),
            ),
            &["not_a_form"],
        ),
        (
            put("unterminated_hex.rtf", rtf(r"\'b2\'bf\'c3\'c5\par\'")),
            &["not_a_form"],
        ),
        (
            put(
                "empty_rows_million.rtf",
                rtf(&format!(
                    r"\trowd\cellx1000\cellx2000{}}}",
                    r"\intbl\cell\cell\row".repeat(MILLION)
                )),
            ),
            &["too_large"],
        ),
        (
            put(
                "cells_in_one_row.rtf",
                rtf(&format!(
                    r"\trowd\cellx1000\intbl {}\row}}",
                    r"\cell".repeat(MILLION)
                )),
            ),
            &["too_large"],
        ),
        (
            put(
                "merged_rows_million.rtf",
                rtf(&format!(
                    r"\trowd\clvmgf\cellx1000\intbl a\cell\row{}}}",
                    r"\trowd\clvmrg\cellx1000\intbl\cell\row".repeat(MILLION / 4)
                )),
            ),
            &["too_large"],
        ),
        (
            put(
                "absurd_parameters.rtf",
                rtf(&format!(
                    r"\uc2147483647\u99999999999 x\par\itap2147483647\intbl{}\nestrow\cell\row\f-2147483648\'ff\ansicpg-1\u-2147483648 \par}}",
                    r"\nestcell".repeat(MILLION / 20)
                )),
            ),
            &["not_a_form"],
        ),
        (
            put(
                "lone_surrogates.rtf",
                rtf(&format!(r"{}\par}}", r"\u-10240?".repeat(MILLION / 20))),
            ),
            &["not_a_form"],
        ),
        (
            put(
                "fonts_50k.rtf",
                rtf(&format!(
                    r"{{\fonttbl{}}}\f99\'b2\'bf\par}}",
                    (0..MILLION / 20)
                        .map(|i| format!(r"{{\f{i}\fcharset134 x;}}"))
                        .collect::<String>()
                )),
            ),
            &["not_a_form"],
        ),
    ];
    let cases: Vec<(PathBuf, &[&str], &[&str])> = cases
        .into_iter()
        .map(|(path, want)| (path, want, &[][..]))
        .collect();
    check_cases(&cases);
}
