//! Hostile RTF, generated at test time (nothing large in git): a group bomb a million deep,
//! a million `\cellx` in one row, `\bin` claiming 2 GiB, an unterminated `\'` at the end,
//! a million `\row`s of empty cells (and a quarter million of one vertical merge: past
//! Word's 32,767 rows a table is too_large), a million cells in one row, absurd parameters,
//! lone surrogates, a font table of 50,000 fonts. Each file is run through the real binary,
//! alone, and must come back flagged with the expected code (or read, and then
//! `not_a_form`), within a second, with the child's peak resident memory under 200 MiB.
//! The runner is `tests/hostile.rs`'s.

use crate::common::assert_accounting;
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
        "perfsheet-hostile-rtf-{}-{name}",
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

/// Runs the binary on `input`; peak memory is the child's VmHWM polled every millisecond
/// (see tests/hostile.rs for why not wait4's ru_maxrss, which stays the fallback).
fn run(input: &Path) -> Run {
    let out = input.with_extension("out.json");
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("ingest")
        .arg(input)
        .arg("-o")
        .arg(&out)
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
fn check_cases(cases: &[(PathBuf, &[&str])]) {
    let _one = one_at_a_time();
    let mut failures = Vec::new();
    for (path, want) in cases {
        let r = run(path);
        let code = r.code();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        eprintln!(
            "hostile {:<32} {:>9} bytes  {:<18} {:>5} ms  peak {:>6} KiB",
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
    check_cases(&cases);
}
