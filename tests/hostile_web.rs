//! Hostile web pages and MHT files, generated at test time: HTML nested 10^5 deep, a
//! colspan of 10^9, a rowspan of over 10^6 rows, rows of cells that each span 1000
//! columns and two rows, a table of 2·10^6 tiny cells, lying
//! charsets, an MHT whose base64 part decodes past the inflated-bytes limit, MHTs whose
//! boundary never closes or never comes, MIME parts nested 10^4 deep. Each file is run
//! through the real binary, alone, and must come back with the expected code (or its
//! record, where reading it is right), within a second and 200 MiB (the approach and
//! helpers of `hostile.rs`).

use crate::common::assert_accounting;
use perfsheet_fixtures::render_html::{self, Charset, Transfer};
use perfsheet_fixtures::specs::{FileSpec, fixtures};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak resident memory any single hostile file may cost the process.
const MAX_RSS_KIB: i64 = 200 * 1024;
/// Wall time allowed for one hostile file, start-up of the debug binary included.
const MAX_WALL: Duration = Duration::from_secs(1);

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "perfsheet-hostile-web-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// What one run of `perfsheet ingest FILE` gave.
struct Run {
    dataset: Value,
    wall: Duration,
    peak_rss_kib: i64,
}

impl Run {
    /// The single file's flag code, or "record".
    fn code(&self) -> String {
        match self.dataset["flagged"].as_array().and_then(|f| f.first()) {
            Some(f) => f["code"].as_str().unwrap_or("?").to_string(),
            None => "record".to_string(),
        }
    }
}

/// Runs the binary on `input`. Peak memory is the child's VmHWM, polled every millisecond
/// while it runs (a high-water mark, so only a rise in its last millisecond could be
/// missed). wait4's ru_maxrss is no use here: Linux carries the spawning test process's own
/// high-water mark into the child across exec. It is the fallback for a child that ended
/// before the first poll, as an upper bound.
fn run(input: &Path, extra: &[&str]) -> Run {
    let out = input.with_extension("out.json");
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("ingest")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("perfsheet starts");
    let pid = child.id() as libc::pid_t;
    let status_file = format!("/proc/{pid}/status");
    let mut polled: Option<i64> = None;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        if let Some(kib) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
        }) {
            polled = Some(polled.map_or(kib, |p| p.max(kib)));
        }
        // SAFETY: as above; WNOHANG returns 0 while the child runs.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4");
        std::thread::sleep(Duration::from_millis(1));
    }
    let wall = start.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{}: perfsheet did not exit cleanly (status {status:#x})",
        input.display()
    );
    drop(child);
    let dataset: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("dataset written")).expect("JSON");
    assert_accounting(&dataset, 1);
    Run {
        dataset,
        wall,
        peak_rss_kib: polled.unwrap_or(usage.ru_maxrss),
    }
}

use crate::common::one_hostile_at_a_time as one_at_a_time;

/// Runs each case and checks code, time and memory; prints a table for the report.
fn check_cases(cases: &[(PathBuf, &[&str], &[&str])]) {
    let _one = one_at_a_time();
    let mut failures = Vec::new();
    for (path, want, extra) in cases {
        let r = run(path, extra);
        let code = r.code();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        eprintln!(
            "hostile {:<40} {:>9} bytes  {:<18} {:>5} ms  peak {:>6} KiB",
            name.unwrap_or_default(),
            std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            code,
            r.wall.as_millis(),
            r.peak_rss_kib
        );
        if !want.contains(&code.as_str()) {
            failures.push(format!(
                "{}: got {code}, want one of {want:?}",
                path.display()
            ));
        }
        if r.wall > MAX_WALL {
            failures.push(format!("{}: took {:?}", path.display(), r.wall));
        }
        if r.peak_rss_kib > MAX_RSS_KIB {
            failures.push(format!(
                "{}: peak RSS {} KiB",
                path.display(),
                r.peak_rss_kib
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
