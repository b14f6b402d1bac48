//! The command line as finance staff meet it: help with examples in Chinese and English, bad
//! arguments that name themselves and what is expected, a progress bar only on a terminal,
//! and the one summary line.

use crate::common::root;
use std::process::Command;

fn perfsheet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_perfsheet"))
}

fn stderr_of(args: &[&str]) -> (Option<i32>, String) {
    let out = perfsheet().args(args).output().expect("perfsheet runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_has_examples_in_both_languages() {
    for args in [
        &["--help"][..],
        &["ingest", "--help"],
        &["schema", "--help"],
    ] {
        let out = perfsheet().args(args).output().expect("runs");
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("示例 / Examples"), "{args:?}: {text}");
    }
    let out = perfsheet()
        .args(["ingest", "--help"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--review",
        "--csv",
        "--quiet",
        "--jsonl",
        "--shard",
        "退出码",
    ] {
        assert!(text.contains(option), "ingest --help mentions {option}");
    }
}

#[test]
fn a_bad_argument_names_itself_and_what_is_expected() {
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["ingest", ".", "--jobs", "0"],
            &["--jobs", "1 到 65535", "expected"],
        ),
        (
            &["ingest", ".", "--shard", "3/2"],
            &["--shard", "1 ≤ K ≤ N", "3/2"],
        ),
        (&["ingest", ".", "--shard", "二/八"], &["--shard", "K/N"]),
        (
            &["ingest", ".", "--timeout", "-1"],
            &["--timeout", "至少 1 秒"],
        ),
        (&["ingest", ".", "--bogus"], &["--bogus"]),
        (
            &["schema", "everything"],
            &["everything", "dataset, record"],
        ),
    ];
    for (args, wanted) in cases {
        let (code, err) = stderr_of(args);
        assert_eq!(code, Some(2), "{args:?}: usage errors exit 2");
        for w in wanted {
            assert!(
                err.contains(w),
                "{args:?}: stderr should contain {w:?}: {err}"
            );
        }
    }
}

#[test]
fn no_progress_bar_in_a_pipe_only_the_summary_line() {
    let dir = std::env::temp_dir().join(format!("perfsheet-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let out = perfsheet()
        .arg("ingest")
        .arg(root().join("fixtures"))
        .arg("-o")
        .arg(dir.join("d.json"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one summary line: {err}");
    assert!(
        err.contains("files_seen=") && err.contains("duplicates="),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "no terminal escapes in a pipe");
    let _ = std::fs::remove_dir_all(dir);
}

/// Runs perfsheet on a pseudo-terminal through util-linux `script`, when there is one.
fn on_a_terminal(extra: &str) -> Option<String> {
    let script = Command::new("script").arg("--version").output().ok()?;
    if !script.status.success() {
        return None;
    }
    let dir = std::env::temp_dir().join(format!(
        "perfsheet-tty-{}-{}",
        std::process::id(),
        extra.len()
    ));
    std::fs::create_dir_all(&dir).ok()?;
    let cmd = format!(
        "'{}' ingest '{}' -o '{}' --jobs 1 {extra}",
        env!("CARGO_BIN_EXE_perfsheet"),
        root().join("fixtures").display(),
        dir.join("d.json").display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .ok()?;
    let _ = std::fs::remove_dir_all(dir);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_progress_bar_on_a_terminal_unless_quiet() {
    let Some(shown) = on_a_terminal("") else {
        eprintln!("SKIP: no util-linux `script` to provide a terminal");
        return;
    };
    assert!(
        shown.contains("个文件 / files"),
        "progress bar drawn: {shown}"
    );
    assert!(shown.contains("files_seen="), "summary line stays: {shown}");
    let quiet = on_a_terminal("--quiet").expect("script ran before");
    assert!(!quiet.contains("个文件 / files"), "--quiet: {quiet}");
    assert!(quiet.contains("files_seen="), "summary line stays: {quiet}");
}
