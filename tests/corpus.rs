//! The third-party corpus (../shared/corpus/third_party: real Office files from other
//! projects' test suites, many odd or broken) read as `perfsheet ingest` reads a folder:
//! every file gives a record or a flag with a specific code, never internal_error, never
//! a timeout, and the accounting holds.

use crate::common::{assert_accounting, shared};
use perfsheet::{Ingest, Limits, WalkBuilder};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Flag codes that say something specific about a file. `internal_error` (a bug) and
/// `timeout` (a hang, for files this small) are not among them.
const SPECIFIC: &[&str] = &[
    "empty_file",
    "corrupt",
    "encrypted",
    "unsupported_format",
    "not_a_form",
    "too_large",
    "lock_file",
    "unreadable",
    "bad_file_name",
];

#[test]
fn every_corpus_file_is_a_record_or_a_specific_flag() {
    let Some(shared) = shared() else {
        eprintln!("SKIP: ../shared not found beside the crate; corpus test not run");
        return;
    };
    let dir = shared.join("corpus/third_party");
    if !dir.is_dir() {
        eprintln!("SKIP: {} not found; corpus test not run", dir.display());
        return;
    }
    let inputs = WalkBuilder::new([&dir]).build().expect("corpus walks");
    assert!(!inputs.is_empty(), "corpus is empty");
    let limits = Limits {
        timeout: Duration::from_secs(20),
        ..Limits::default()
    };
    let start = Instant::now();
    let dataset = Ingest::new(limits).dataset(&inputs);
    let took = start.elapsed();

    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut bad = Vec::new();
    for f in &dataset.flagged {
        *by_code.entry(f.code.as_str()).or_default() += 1;
        if !SPECIFIC.contains(&f.code.as_str()) {
            bad.push(format!("{}: {} {}", f.path, f.code, f.message));
        }
        assert!(!f.message.is_empty(), "{}: no message", f.path);
    }
    eprintln!(
        "corpus: {} files in {took:.1?}: {} records, flagged {by_code:?}",
        inputs.len(),
        dataset.records.len(),
    );
    assert!(bad.is_empty(), "unspecific flags:\n{}", bad.join("\n"));

    let json: serde_json::Value =
        serde_json::from_slice(&dataset.to_json().expect("serialises")).expect("JSON");
    assert_accounting(&json, inputs.len());
}
