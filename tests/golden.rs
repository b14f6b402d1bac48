//! Golden tests: every fixture under fixtures/<dir> gives exactly the records and projects
//! in tests/expected/<dir>/<file>.json (department records first, then projects; dir: forms
//! — rendered by the fixture generator, `cargo run -p perfsheet-fixtures` — libreoffice —
//! the same forms converted by LibreOffice — scripted — forms written by python-docx and
//! openpyxl in other layouts, tests/scripts/render_scripted.py — renamed — files whose
//! extension misleads about their format — projects — project forms (项目支出绩效目标表) in
//! every layout — national — the national department template — layouts — the first
//! department template drawn other ways — html/mhtml — the forms as web pages — odf — forms
//! of every template as OpenDocument files — xlsb — workbooks as Excel binary workbooks —
//! xml2003 — forms of every template as Office 2003 XML, SpreadsheetML and WordML) (source.bytes
//! and source.sha256 aside; warnings compared by code), and every file under fixtures/flagged
//! is flagged with the expected code.

use crate::common::{json_diff, records_of, root, without_file_identity};
use serde_json::Value;

/// Warnings are compared by code: their messages are for people and may be reworded.
fn warning_codes(v: &mut Value) -> Vec<String> {
    let codes = v["warnings"]
        .as_array()
        .map(|ws| {
            ws.iter()
                .filter_map(|w| w["code"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    v["warnings"] = Value::Array(Vec::new());
    let mut codes = codes;
    codes.sort();
    codes
}

#[test]
fn every_form_fixture_gives_its_expected_records() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut entries: Vec<(String, std::path::PathBuf)> = Vec::new();
    for dir in [
        "forms",
        "libreoffice",
        "scripted",
        "renamed",
        "projects",
        "national",
        "layouts",
        "rtf",
        "html",
        "mhtml",
        "odf",
        "xlsb",
        "xml2003",
    ] {
        let expected_dir = root().join("tests/expected").join(dir);
        for e in std::fs::read_dir(&expected_dir)
            .expect("tests/expected/<dir> exists")
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                entries.push((dir.to_string(), p));
            }
        }
    }
    entries.sort();
    for (dir, exp_path) in entries {
        let name = exp_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fixture = root().join("fixtures").join(&dir).join(&name);
        let want: Vec<Value> =
            serde_json::from_slice(&std::fs::read(&exp_path).expect("read expected"))
                .expect("expected is a JSON array of records");
        let got = match records_of(&fixture, &format!("{dir}/{name}")) {
            Ok(r) => r,
            Err((code, msg)) => {
                failures.push(format!("{name}: flagged {code}: {msg}"));
                continue;
            }
        };
        if got.len() != want.len() {
            failures.push(format!(
                "{name}: {} records, expected {}",
                got.len(),
                want.len()
            ));
            continue;
        }
        for (g, w) in got.into_iter().zip(want) {
            let (mut g, mut w) = (without_file_identity(g), without_file_identity(w));
            let (gc, wc) = (warning_codes(&mut g), warning_codes(&mut w));
            if gc != wc {
                failures.push(format!("{name}: warnings {gc:?}, expected {wc:?}"));
            }
            let diffs = json_diff(&g, &w);
            if !diffs.is_empty() {
                failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
            }
        }
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} golden fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_negative_fixture_is_flagged_with_its_code() {
    let list: Vec<Value> = serde_json::from_slice(
        &std::fs::read(root().join("tests/expected/flagged.json"))
            .expect("tests/expected/flagged.json"),
    )
    .expect("JSON");
    let mut failures = Vec::new();
    for item in &list {
        let rel = item["path"].as_str().expect("path");
        let want = item["code"].as_str().expect("code");
        match records_of(&root().join("fixtures").join(rel), rel) {
            Ok(r) => failures.push(format!(
                "{rel}: gave {} record(s), expected {want}",
                r.len()
            )),
            Err((code, msg)) if code != want => {
                failures.push(format!("{rel}: {code} ({msg}), expected {want}"))
            }
            Err(_) => {}
        }
    }
    assert!(list.len() >= 7, "one negative fixture per flag code");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
