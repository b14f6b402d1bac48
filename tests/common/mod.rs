//! Helpers shared by the integration tests: running perfsheet on a folder and comparing
//! records as JSON (numbers as numbers: 100 == 100.0).

#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An empty scratch folder for one test, `perfsheet-{area}-{pid}-{name}` under the
/// system's temporary folder: emptied first, so a run never sees an earlier run's files.
pub fn fresh_dir(area: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("perfsheet-{area}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// `../shared` beside the checkout, when it exists.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    p.is_dir().then_some(p)
}

/// Every difference between two JSON values, as "path: got … expected …" lines.
pub fn json_diff(got: &Value, want: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_at("", got, want, &mut out);
    out
}

fn diff_at(path: &str, got: &Value, want: &Value, out: &mut Vec<String>) {
    match (got, want) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, w) in b {
                match a.get(k) {
                    Some(g) => diff_at(&format!("{path}/{k}"), g, w, out),
                    None => out.push(format!("{path}/{k}: missing (expected {w})")),
                }
            }
            for k in a.keys().filter(|k| !b.contains_key(*k)) {
                out.push(format!("{path}/{k}: unexpected field"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: {} items, expected {}", a.len(), b.len()));
            }
            for (i, (g, w)) in a.iter().zip(b).enumerate() {
                diff_at(&format!("{path}[{i}]"), g, w, out);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (x, y) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            if (x - y).abs() > 1e-9 {
                out.push(format!("{path}: got {a}, expected {b}"));
            }
        }
        _ => {
            if got != want {
                out.push(format!("{path}: got {got}, expected {want}"));
            }
        }
    }
}

/// Reads one file with the library, as `perfsheet ingest` would, with `rel` as its path:
/// its forms as JSON (department records first, then projects, each in form order).
pub fn records_of(path: &Path, rel: &str) -> Result<Vec<Value>, (String, String)> {
    let input = perfsheet::Input::new(path, rel);
    match perfsheet::process(&input, &perfsheet::Limits::default()) {
        perfsheet::Outcome::Forms(f) => Ok(f
            .records
            .iter()
            .map(|r| serde_json::to_value(r).expect("records serialise"))
            .chain(
                f.projects
                    .iter()
                    .map(|p| serde_json::to_value(p).expect("projects serialise")),
            )
            .collect()),
        perfsheet::Outcome::Flagged(f) => Err((f.code, f.message)),
        perfsheet::Outcome::Archive(members) => Err((
            "archive".into(),
            format!("a zip archive of {} files", members.len()),
        )),
    }
}

/// Sets source.bytes and source.sha256 to null (they depend on the bytes of the file).
pub fn without_file_identity(mut v: Value) -> Value {
    if let Some(src) = v.get_mut("source").and_then(Value::as_object_mut) {
        src.insert("bytes".into(), Value::Null);
        src.insert("sha256".into(), Value::Null);
    }
    v
}

/// Every file seen is a record or a flagged entry, never both, never neither.
/// Every file on disk is accounted for: each file seen (a file, or a member of a zip
/// archive) is in the forms or in flagged, never both, never twice; and every file on disk
/// stands behind one of them (an archive behind its members).
pub fn assert_accounting(dataset: &Value, files_on_disk: usize) {
    let s = &dataset["summary"];
    let records = dataset["records"].as_array().expect("records");
    let projects = dataset["projects"].as_array().expect("projects");
    let flagged = dataset["flagged"].as_array().expect("flagged");
    // A file may give both records and projects (a department's workbook): counted once.
    let with_records: BTreeSet<&str> = records
        .iter()
        .chain(projects)
        .map(|r| r["source"]["path"].as_str().expect("path"))
        .collect();
    let flagged_paths: BTreeSet<&str> = flagged
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    let files_seen = s["files_seen"].as_u64().expect("files_seen") as usize;
    assert_eq!(
        with_records.len() + flagged_paths.len(),
        files_seen,
        "files seen = files with forms + files flagged"
    );
    // The file on disk behind each path: an archive's members stand for the archive.
    let on_disk: BTreeSet<&str> = with_records
        .iter()
        .chain(&flagged_paths)
        .map(|p| match p.find(".zip/") {
            Some(i) => &p[..i + 4],
            None => p,
        })
        .collect();
    assert_eq!(
        on_disk.len(),
        files_on_disk,
        "every file on disk accounted for"
    );
    assert!(
        with_records.is_disjoint(&flagged_paths),
        "a file is both a record and flagged"
    );
    assert_eq!(
        flagged_paths.len(),
        flagged.len(),
        "a file is flagged twice"
    );
    assert_eq!(s["records"].as_u64(), Some(records.len() as u64));
    assert_eq!(s["projects"].as_u64(), Some(projects.len() as u64));
    assert_eq!(s["flagged"].as_u64(), Some(flagged.len() as u64));
}

/// Adds the files on disk behind a shard's dataset to `seen`, asserting none was in an
/// earlier shard.
pub fn assert_accounting_in_shard(dataset: &Value, seen: &mut BTreeSet<String>) {
    let forms = ["records", "projects"]
        .iter()
        .flat_map(|k| dataset[*k].as_array().cloned().unwrap_or_default())
        .filter_map(|r| r["source"]["path"].as_str().map(str::to_string));
    let flagged = dataset["flagged"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f["path"].as_str().map(str::to_string));
    let paths = forms.chain(flagged);
    let mut mine = BTreeSet::new();
    for p in paths {
        let on_disk = match p.find(".zip/") {
            Some(i) => p[..i + 4].to_string(),
            None => p,
        };
        mine.insert(on_disk);
    }
    for p in mine {
        assert!(!seen.contains(&p), "{p} in two shards");
        seen.insert(p);
    }
}

/// One hostile child process at a time, across every hostile_* module: the time and
/// memory limits are about the file, not about the other tests running beside it.
static ONE_HOSTILE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds the hostile-runs lock; a poisoned lock (a failed test) still serialises.
pub fn one_hostile_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_HOSTILE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}
