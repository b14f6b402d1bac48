//! Regenerates the golden fixtures: renders department specs into real .docx/.xlsx files
//! under `fixtures/forms/`, writes the negative files under `fixtures/flagged/`, and writes
//! the expected records under `tests/expected/`. The expected records come from the specs,
//! never from running perfsheet, so they are the truth the recogniser must reproduce.
//!
//! Run: `cargo run -p perfsheet-fixtures`. Output is deterministic (same bytes each run).

use perfsheet::record::Record;
use perfsheet_fixtures::{flagged, render_docx, render_xlsx, specs};
use render_xlsx::Sheet;
use specs::FileSpec;
use std::fs;
use std::path::{Path, PathBuf};

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn reset_dir(dir: &Path) {
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
}

fn json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|e| panic!("json: {e}"));
    s.push('\n');
    s.into_bytes()
}

fn main() {
    // The repository root, one level above this crate.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let forms_dir = root.join("fixtures/forms");
    let flagged_dir = root.join("fixtures/flagged");
    let expected_dir = root.join("tests/expected/forms");
    reset_dir(&forms_dir);
    reset_dir(&flagged_dir);
    reset_dir(&expected_dir);

    let fixtures = specs::fixtures();
    let mut n_records = 0;
    for (name, spec) in &fixtures {
        let rel = format!("forms/{name}");
        let (bytes, records): (Vec<u8>, Vec<Record>) = match spec {
            FileSpec::Docx(f) => {
                let mut r = f.record.clone();
                r.source.path = rel.clone();
                r.source.format = "docx".into();
                r.source.part = "table 1".into();
                (render_docx::render(f), vec![r])
            }
            FileSpec::Xlsx(forms, extra) => {
                let mut sheets: Vec<Sheet> = forms.iter().map(Sheet::Form).collect();
                sheets.extend(extra.iter().map(|(n, rows)| Sheet::Plain(n, rows.clone())));
                let records = forms
                    .iter()
                    .map(|f| {
                        let mut r = f.record.clone();
                        r.source.path = rel.clone();
                        r.source.format = "xlsx".into();
                        r.source.part = format!("sheet {}", f.p.sheet_name);
                        r
                    })
                    .collect();
                (render_xlsx::render(&sheets), records)
            }
        };
        n_records += records.len();
        write(&forms_dir.join(name), &bytes);
        write(&expected_dir.join(format!("{name}.json")), &json(&records));
    }

    let sample = match &fixtures[0].1 {
        FileSpec::Docx(f) => f,
        FileSpec::Xlsx(..) => panic!("the first fixture must be a docx"),
    };
    let mut flagged: Vec<serde_json::Value> = Vec::new();
    let mut neg = flagged::all(sample);
    neg.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, code, bytes) in &neg {
        write(&flagged_dir.join(name), bytes);
        flagged.push(serde_json::json!({"path": format!("flagged/{name}"), "code": code}));
    }
    write(&root.join("tests/expected/flagged.json"), &json(&flagged));

    println!(
        "wrote {} form files ({} records) and {} flagged files",
        fixtures.len(),
        n_records,
        neg.len()
    );
}
