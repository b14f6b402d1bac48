//! Checks the golden fixtures themselves (not perfsheet's output): every expected JSON parses
//! as records, points at a file that exists and is what it claims to be, every input file has
//! an expectation, and the expected records are internally consistent. Regenerate with
//! `cargo run --example gen_fixtures`.

use perfsheet::model::record::Record;
use perfsheet::readers::format::{Format, detect};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            assert!(e.path().is_file(), "{} is not a file", e.path().display());
            e.file_name().to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn fixtures_dir_holds_only_inputs() {
    let top = fs::read_dir(root().join("fixtures"))
        .unwrap_or_else(|e| panic!("fixtures: {e}"))
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<BTreeSet<_>, _>>()
        .unwrap_or_else(|e| panic!("fixtures: {e}"));
    let want: BTreeSet<String> = [
        "flagged",
        "forms",
        "libreoffice",
        "renamed",
        "rtf",
        "scripted",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        top, want,
        "fixtures/ holds forms/ (generated), libreoffice/ (converted), scripted/ (python-docx, openpyxl), renamed/ (misleading extensions), rtf/ (RTF by LibreOffice and Word-style) and flagged/"
    );
}

#[test]
fn expected_forms_parse_and_match_files() {
    let exp_dir = root().join("tests/expected/forms");
    let expected = files_in(&exp_dir);
    let inputs = files_in(&root().join("fixtures/forms"));
    let mut covered = BTreeSet::new();
    let mut n_records = 0;
    for name in &expected {
        let input = name
            .strip_suffix(".json")
            .unwrap_or_else(|| panic!("{name}: not a .json"));
        covered.insert(input.to_string());
        let text = fs::read_to_string(exp_dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        let records: Vec<Record> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!records.is_empty(), "{name}: no records");
        let bytes = fs::read(root().join("fixtures/forms").join(input))
            .unwrap_or_else(|e| panic!("{input}: {e}"));
        let mut parts = BTreeSet::new();
        for r in &records {
            assert_eq!(r.schema_version, "1", "{name}");
            assert_eq!(r.source.path, format!("forms/{input}"), "{name}");
            assert_eq!(r.source.format, detect(&bytes).name(), "{name}");
            assert!(
                r.source.bytes.is_none() && r.source.sha256.is_none(),
                "{name}"
            );
            assert!(parts.insert(r.source.part.clone()), "{name}: part twice");
            match r.source.format.as_str() {
                "docx" => assert!(r.source.part.starts_with("table "), "{name}"),
                "xlsx" => assert!(r.source.part.starts_with("sheet "), "{name}"),
                f => panic!("{name}: format {f}"),
            }
            check_consistent(name, r);
            n_records += 1;
        }
    }
    assert_eq!(
        covered, inputs,
        "every form file needs exactly one expected JSON"
    );
    assert!(inputs.len() >= 14, "at least 14 positive fixtures");
    assert!(
        n_records > inputs.len(),
        "a workbook with two forms is expected"
    );
}

/// The truth must obey the contract's own arithmetic unless a warning says otherwise.
fn check_consistent(name: &str, r: &Record) {
    let codes: BTreeSet<&str> = r.warnings.iter().map(|w| w.code.as_str()).collect();
    let years = &r.funds.years;
    assert_eq!(years.len(), 2, "{name}: two 近两年 years");
    if !codes.contains("year_conflict") {
        assert_eq!(r.budget_year, Some(years[1] + 1), "{name}: budget_year");
    }
    let keys: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    for block in [&r.funds.income, &r.funds.expenditure] {
        let total = block
            .total
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: 合计"));
        assert_eq!(total.item, "合计");
        let sum: f64 = block
            .items
            .iter()
            .filter_map(|l| l.amount)
            .map(|n| n.0)
            .sum();
        if let Some(t) = total.amount {
            assert!(
                (t.0 - sum).abs() < 0.005,
                "{name}: items {sum} != 合计 {}",
                t.0
            );
        }
        let shares: f64 = block
            .items
            .iter()
            .filter_map(|l| l.share_percent)
            .map(|n| n.0)
            .sum();
        if total.share_percent.is_some() {
            assert!((shares - 100.0).abs() < 0.005, "{name}: shares {shares}");
        }
        for l in block.items.iter().chain([total]) {
            let k: Vec<&String> = l.history.keys().collect();
            assert_eq!(k, keys.iter().collect::<Vec<_>>(), "{name}: history years");
        }
    }
    for i in &r.annual.indicators {
        let k: Vec<&String> = i.history.keys().collect();
        assert_eq!(
            k,
            keys.iter().collect::<Vec<_>>(),
            "{name}: indicator years"
        );
        assert!(i.level1.is_some() && i.level2.is_some() && i.level3.is_some());
    }
    for i in &r.long_term.indicators {
        assert!(i.level1.is_some() && i.level2.is_some() && i.level3.is_some());
    }
    assert!(
        !r.functions.is_empty() && !r.annual.indicators.is_empty(),
        "{name}"
    );
}

#[derive(serde::Deserialize)]
struct FlaggedEntry {
    path: String,
    code: String,
}

#[test]
fn flagged_list_matches_files() {
    let text = fs::read_to_string(root().join("tests/expected/flagged.json"))
        .unwrap_or_else(|e| panic!("flagged.json: {e}"));
    let list: Vec<FlaggedEntry> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("flagged.json: {e}"));
    let files = files_in(&root().join("fixtures/flagged"));
    let listed: BTreeSet<String> = list
        .iter()
        .map(|f| {
            f.path
                .strip_prefix("flagged/")
                .unwrap_or_else(|| panic!("{}: not under flagged/", f.path))
                .to_string()
        })
        .collect();
    assert_eq!(
        listed, files,
        "flagged.json must list every negative fixture once"
    );
    let codes: BTreeSet<&str> = list.iter().map(|f| f.code.as_str()).collect();
    for code in [
        "empty_file",
        "corrupt",
        "unsupported_format",
        "not_a_form",
        "encrypted",
        "too_large",
        "lock_file",
    ] {
        assert!(codes.contains(code), "no negative fixture for {code}");
    }
    for f in &list {
        let bytes = fs::read(root().join("fixtures").join(&f.path))
            .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        let fmt = detect(&bytes);
        // What each negative file must look like from its bytes, so it fails for the
        // reason its code names and not an earlier one.
        let ok = match f.code.as_str() {
            "empty_file" => fmt == Format::Empty,
            "encrypted" => fmt == Format::EncryptedOffice,
            "unsupported_format" => {
                matches!(fmt, Format::Pdf | Format::Odt | Format::Html)
            }
            // RTF saved as .doc is read: a title alone is no form.
            "not_a_form" => matches!(fmt, Format::Docx | Format::Xlsx | Format::Rtf),
            "too_large" => matches!(fmt, Format::Docx | Format::Xlsx),
            "corrupt" => matches!(fmt, Format::Zip | Format::Docx),
            "lock_file" => bytes.len() == 162 && f.path.contains("~$"),
            _ => false,
        };
        assert!(ok, "{}: code {} but detected {:?}", f.path, f.code, fmt);
    }
}
