//! Hostile web pages and MHT files, generated at test time: HTML nested 10^5 deep, a
//! colspan of 10^9, a rowspan of over 10^6 rows, rows of cells that each span 1000
//! columns and two rows, a table of 2·10^6 tiny cells, lying
//! charsets, an MHT whose base64 part decodes past the inflated-bytes limit, MHTs whose
//! boundary never closes or never comes, MIME parts nested 10^4 deep. Each file is run
//! through the real binary, alone, and must come back with the expected code (or its
//! record, where reading it is right), within a second and 200 MiB (the approach and
//! helpers of `hostile.rs`).

use crate::hostile::check_cases;
use perfsheet_fixtures::render_html::{self, Charset, Transfer};
use perfsheet_fixtures::specs::{FileSpec, fixtures};
use std::path::{Path, PathBuf};

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("hostile-web", name)
}

// ---------------------------------------------------------------- generators

fn put(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// A form of the fixture set (the first Word one).
fn sample_form() -> perfsheet_fixtures::model::Form {
    fixtures()
        .into_iter()
        .find_map(|(_, s)| match s {
            FileSpec::Docx(f) => Some(*f),
            FileSpec::Xlsx(..) => None,
        })
        .expect("a Word fixture")
}

/// An MHT with one text/html part and a custom tail (`None`: the closing boundary).
fn mht_with(part_headers: &str, body: &str, tail: Option<&str>) -> Vec<u8> {
    let mut s = String::from(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_X\"\r\n\r\n",
    );
    s.push_str("------=_NextPart_X\r\n");
    s.push_str(part_headers);
    s.push_str("\r\n\r\n");
    s.push_str(body);
    s.push_str(tail.unwrap_or("\r\n------=_NextPart_X--\r\n"));
    s.into_bytes()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + bytes.len() / 57 * 2 + 4);
    for (i, c) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n = c.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)) << (8 * (3 - c.len()));
        for k in 0..4 {
            if k <= c.len() {
                out.push(char::from(A[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------- cases

#[test]
fn deep_wide_and_long_tables() {
    let dir = tmp("shapes");
    let deep_div = put(&dir, "deep_div.html", "<div>".repeat(100_000));
    let deep_b = put(&dir, "deep_b.html", "<b>x".repeat(100_000));
    let deep_tables = put(&dir, "deep_tables.html", "<table><tr><td>".repeat(30_000));
    let deep_svg = put(
        &dir,
        "deep_svg.html",
        format!("<html><body><svg>{}", "<g>".repeat(100_000)),
    );
    let colspan = put(
        &dir,
        "colspan_1e9.html",
        "<table><tr><td colspan=1000000000>部门</td><td>x</td></tr><tr><td>a</td></tr></table>",
    );
    let wide = put(
        &dir,
        "colspan_wide.html",
        format!(
            "<table>{}</table>",
            "<tr><td colspan=1000 rowspan=2>a</td><td colspan=1000 rowspan=2>b</td></tr>"
                .repeat(2_000)
        ),
    );
    let rowspan = put(
        &dir,
        "rowspan_1e6.html",
        format!(
            "<table><tr><td rowspan=1200000>部门</td><td colspan=1000 rowspan=1200000>x</td></tr>{}</table>",
            "<tr><td>y".repeat(5_000)
        ),
    );
    let cells = put(
        &dir,
        "cells_2e6.html",
        format!(
            "<table>{}</table>",
            "<tr><td>1<td>2<td>3<td>4<td>5<td>6<td>7<td>8<td>9<td>0".repeat(200_000)
        ),
    );
    check_cases(&[
        (deep_div, &["too_large"], &[]),
        (deep_b, &["too_large"], &[]),
        (deep_tables, &["too_large"], &[]),
        (deep_svg, &["too_large"], &[]),
        (colspan, &["not_a_form"], &[]),
        (wide, &["not_a_form"], &[]),
        (rowspan, &["not_a_form"], &[]),
        (cells, &["too_large"], &[]),
    ]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn lying_charsets_still_read() {
    let dir = tmp("charset");
    let form = sample_form();
    // Declares UTF-8, is GBK.
    let says_utf8 = put(
        &dir,
        "says_utf8.xls",
        render_html::budget_page(&form, Charset::GbkSaysUtf8, false),
    );
    // Declares gb2312, is UTF-8.
    let utf8 = render_html::budget_page(&form, Charset::Utf8Meta, false);
    let text = String::from_utf8(utf8).expect("utf-8");
    let says_gbk = put(
        &dir,
        "says_gb2312.doc",
        text.replace(
            "<meta charset=utf-8>",
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">",
        ),
    );
    // An MHT part whose header says gb2312 over a UTF-8 page.
    let page = render_html::word_page(&form, "utf-8");
    let mht = put(
        &dir,
        "says_gb2312.mht",
        render_html::mht(page.as_bytes(), "gb2312", Transfer::Base64),
    );
    check_cases(&[
        (says_utf8, &["record"], &[]),
        (says_gbk, &["record"], &[]),
        (mht, &["record"], &[]),
    ]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn hostile_mht() {
    let dir = tmp("mht");
    let form = sample_form();
    // 2 MiB of base64 (1.5 MiB decoded) against a 1 MiB limit.
    let big = put(
        &dir,
        "huge_base64.mht",
        mht_with(
            "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64",
            &base64(&vec![b'a'; 1536 * 1024]),
            None,
        ),
    );
    // The page, then no closing boundary: the part runs to the end of the file.
    let page = render_html::word_page(&form, "utf-8");
    let unclosed = put(
        &dir,
        "boundary_never_closes.mht",
        mht_with(
            "Content-Type: text/html; charset=utf-8",
            &page,
            Some("\r\n"),
        ),
    );
    // A boundary declared and never used.
    let mut never =
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"nowhere\"\r\n\r\n"
            .to_vec();
    never.extend(page.as_bytes());
    let never = put(&dir, "boundary_never_comes.mht", never);
    // Multiparts nested 10 000 deep.
    let mut nested = String::from("MIME-Version: 1.0\r\n");
    for k in 0..10_000 {
        nested.push_str(&format!(
            "Content-Type: multipart/related; boundary=\"b{k}\"\r\n\r\n--b{k}\r\n"
        ));
    }
    nested.push_str("Content-Type: text/html\r\n\r\n<p>x</p>\r\n");
    let nested = put(&dir, "nested_multipart.mht", nested);
    // Headers only.
    let empty = put(
        &dir,
        "headers_only.mht",
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n",
    );
    check_cases(&[
        (big, &["too_large"], &["--max-inflated-mib", "1"]),
        (unclosed, &["record"], &[]),
        (never, &["unsupported_format", "not_a_form", "record"], &[]),
        (
            nested,
            &["unsupported_format", "not_a_form", "corrupt", "too_large"],
            &[],
        ),
        (empty, &["unsupported_format", "corrupt"], &[]),
    ]);
    let _ = std::fs::remove_dir_all(dir);
}
