//! The command line as a user meets it: the README's main command on the bundled fixtures,
//! byte-identical output for any thread count, the accounting invariant, and exit codes.

use crate::common::{assert_accounting, root};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn perfsheet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_perfsheet"))
}

fn ingest(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    perfsheet()
        .arg("ingest")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("perfsheet runs")
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("perfsheet-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

#[test]
fn fixtures_give_the_same_bytes_with_one_or_four_threads() {
    let fixtures = root().join("fixtures");
    let dir = tmp("jobs");
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    let out1 = ingest(&fixtures, &a, &["--jobs", "1"]);
    assert!(
        out1.status.success(),
        "{}",
        String::from_utf8_lossy(&out1.stderr)
    );
    let out4 = ingest(&fixtures, &b, &["--jobs", "4"]);
    assert!(out4.status.success());
    let (x, y) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert!(x == y, "--jobs 1 and --jobs 4 datasets differ");
    // The binary writes records serialised as they were read; the library's `Dataset`
    // serialises them at the end. Same file.
    let inputs = perfsheet::WalkBuilder::new([&fixtures])
        .build()
        .expect("fixtures");
    let library = perfsheet::Ingest::default().dataset(&inputs);
    let library = library.to_json().expect("library JSON");
    assert!(
        x == library,
        "the binary's dataset differs from the library's"
    );
    let stderr = String::from_utf8_lossy(&out1.stderr);
    assert!(
        stderr.contains("files_seen="),
        "summary line on stderr: {stderr}"
    );
    let v: Value = serde_json::from_slice(&x).expect("dataset is JSON");
    assert_accounting(&v, count_files(&fixtures));
    assert!(
        v["records"].as_array().is_some_and(|r| !r.is_empty()),
        "fixtures give records"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn jsonl_mode_holds_the_same_records() {
    let fixtures = root().join("fixtures");
    let dir = tmp("jsonl");
    let json = dir.join("d.json");
    assert!(ingest(&fixtures, &json, &[]).status.success());
    let out = perfsheet()
        .arg("ingest")
        .arg(&fixtures)
        .arg("--jsonl")
        .arg(dir.join("jl"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&std::fs::read(&json).expect("json")).expect("json");
    let lines: Vec<Value> = std::fs::read_to_string(dir.join("jl/records.jsonl"))
        .expect("records.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record per line"))
        .collect();
    assert_eq!(&Value::Array(lines), &d["records"]);
    let projects: Vec<Value> = std::fs::read_to_string(dir.join("jl/projects.jsonl"))
        .expect("projects.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a project per line"))
        .collect();
    assert_eq!(&Value::Array(projects), &d["projects"]);
    let flagged = std::fs::read_to_string(dir.join("jl/flagged.jsonl")).expect("flagged.jsonl");
    assert_eq!(
        flagged.lines().count(),
        d["flagged"].as_array().map_or(0, Vec::len)
    );
    // Byte for byte: each JSON Lines line is a line of the dataset file (README, "The
    // record"), so the two outputs grep alike.
    let text = std::fs::read_to_string(&json).expect("json");
    let in_dataset: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.starts_with('{'))
        .map(|l| l.strip_suffix(',').unwrap_or(l))
        .collect();
    let records = std::fs::read_to_string(dir.join("jl/records.jsonl")).expect("records");
    let projects = std::fs::read_to_string(dir.join("jl/projects.jsonl")).expect("projects");
    let jsonl: Vec<&str> = records
        .lines()
        .chain(projects.lines())
        .chain(flagged.lines())
        .collect();
    assert_eq!(
        in_dataset.len(),
        jsonl.len(),
        "one dataset line per JSON Lines line"
    );
    let differ = in_dataset.iter().zip(&jsonl).position(|(a, b)| a != b);
    assert_eq!(differ, None, "the first line that differs");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn shards_split_the_corpus_without_overlap() {
    let fixtures = root().join("fixtures");
    let dir = tmp("shards");
    let mut seen = std::collections::BTreeSet::new();
    for k in 1..=3 {
        let out = dir.join(format!("s{k}.json"));
        assert!(
            ingest(&fixtures, &out, &["--shard", &format!("{k}/3")])
                .status
                .success()
        );
        let v: Value = serde_json::from_slice(&std::fs::read(&out).expect("out")).expect("json");
        crate::common::assert_accounting_in_shard(&v, &mut seen);
    }
    assert_eq!(
        seen.len(),
        count_files(&fixtures),
        "every file in one shard"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The scale-out recipe of the README: one list of paths (`--files-from -`), N jobs each
/// taking `--shard K/N` in `--jsonl` mode. Their records.jsonl and flagged.jsonl put
/// together (and sorted by path, as the dataset is) are exactly the one-job dataset, with
/// no file in two shards; the summaries add up.
#[test]
fn jsonl_shards_from_a_file_list_concatenate_into_the_dataset() {
    let fixtures = root().join("fixtures");
    let dir = tmp("shard-concat");
    let list: String = walkdir::WalkDir::new(&fixtures)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| format!("{}\n", e.path().display()))
        .collect();
    let run = |extra: &[&str]| {
        use std::io::Write;
        let mut child = perfsheet()
            .arg("ingest")
            .args(["--files-from", "-", "--quiet"])
            .args(extra)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(list.as_bytes())
            .expect("list written");
        let out = child.wait_with_output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let whole = dir.join("whole.json");
    run(&["-o", whole.to_str().expect("utf-8 temp path")]);
    let d: Value = serde_json::from_slice(&std::fs::read(&whole).expect("dataset")).expect("json");

    let jsonl = |path: std::path::PathBuf| -> Vec<Value> {
        std::fs::read_to_string(path)
            .expect("jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON value per line"))
            .collect()
    };
    let (mut records, mut flagged) = (Vec::new(), Vec::new());
    let (mut files_seen, mut n_records, mut n_flagged) = (0, 0, 0);
    let mut paths_per_shard: Vec<BTreeSet<String>> = Vec::new();
    for k in 1..=3 {
        let out = dir.join(format!("shard{k}"));
        run(&[
            "--shard",
            &format!("{k}/3"),
            "--jsonl",
            out.to_str().expect("utf-8 temp path"),
        ]);
        let r = jsonl(out.join("records.jsonl"));
        let f = jsonl(out.join("flagged.jsonl"));
        let summary: Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("summary"))
                .expect("json");
        files_seen += summary["files_seen"].as_u64().expect("files_seen");
        n_records += summary["records"].as_u64().expect("records");
        n_flagged += summary["flagged"].as_u64().expect("flagged");
        paths_per_shard.push(
            r.iter()
                .map(|v| v["source"]["path"].as_str().unwrap_or("").to_string())
                .chain(
                    f.iter()
                        .map(|v| v["path"].as_str().unwrap_or("").to_string()),
                )
                .collect(),
        );
        records.extend(r);
        flagged.extend(f);
    }
    for (i, a) in paths_per_shard.iter().enumerate() {
        for b in &paths_per_shard[i + 1..] {
            assert!(a.is_disjoint(b), "a file in two shards");
        }
    }
    let key = |v: &Value, a: &str, b: &str| {
        let get = |p: &str| {
            p.split('/')
                .fold(v, |v, k| &v[k])
                .as_str()
                .unwrap_or("")
                .to_string()
        };
        (get(a), get(b))
    };
    records.sort_by_key(|v| key(v, "source/path", "source/part"));
    flagged.sort_by_key(|v| key(v, "path", "code"));
    assert_eq!(Value::Array(records), d["records"]);
    assert_eq!(Value::Array(flagged), d["flagged"]);
    let s = &d["summary"];
    assert_eq!(Some(files_seen), s["files_seen"].as_u64());
    assert_eq!(Some(n_records), s["records"].as_u64());
    assert_eq!(Some(n_flagged), s["flagged"].as_u64());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn usage_errors_exit_2_and_unwritable_output_exits_1() {
    let no_args = perfsheet().arg("ingest").output().expect("runs");
    assert_eq!(no_args.status.code(), Some(2));
    let bad_shard = perfsheet()
        .args(["ingest", ".", "--shard", "5/2"])
        .output()
        .expect("runs");
    assert_eq!(bad_shard.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_shard.stderr).contains("--shard"));
    let dir = tmp("unwritable");
    // A folder that does not exist is found before any file is read: a usage error that
    // names the folder.
    let out = ingest(&dir, &dir.join("no/such/dir/d.json"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
    // A place that refuses the file when it is written is exit status 1.
    let out = ingest(&dir, Path::new("/proc/perfsheet-cannot-write.json"), &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `perfsheet ingest DIR -o - | head` as scripts write it: the reader stops early, and the
/// run still ends as it would have (exit 0, its summary, the other outputs written), with
/// no error about the closed pipe.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let dir = tmp("early");
    let summary = dir.join("summary.json");
    let mut child = perfsheet()
        .arg("ingest")
        .arg(root().join("fixtures"))
        .args(["-q", "-o", "-", "--summary-json"])
        .arg(&summary)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("perfsheet runs");
    let mut head = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout piped")
        .read_exact(&mut head)
        .expect("the dataset starts");
    // The pipe is closed here, long before the dataset (megabytes) is written out.
    let out = child.wait_with_output().expect("perfsheet ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("无法写出"), "{stderr}");
    assert!(String::from_utf8_lossy(&head).contains("schema_version"));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary written")).expect("json");
    assert!(
        summary["files_seen"].as_u64().unwrap_or(0) > 100,
        "{summary}"
    );
}
