//! Inputs that once crashed a reader or a fuzz target (tests/regress/, each named after
//! what it found). Each must now be a record or a specific flag: never internal_error,
//! never a panic that escapes, never a timeout.

use perfsheet::{Ingest, Input, Limits, Outcome};
use std::path::PathBuf;
use std::time::Duration;

/// What each regression input must give.
const EXPECTED: &[(&str, &str)] = &[
    // calamine 0.38 slices a BIFF record shorter than its fields (utils::read_u16); the xls
    // reader runs calamine under `sheet::guarded`, so the panic becomes `corrupt`.
    ("fuzz_excel_calamine_short_record.xls", "corrupt"),
];

#[test]
fn regression_inputs_are_flagged_not_crashed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/regress");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/regress")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names, listed,
        "every file in tests/regress has an expectation"
    );
    let limits = Limits {
        timeout: Duration::from_secs(10),
        ..Limits::default()
    };
    let inputs: Vec<Input> = EXPECTED
        .iter()
        .map(|(name, _)| Input::new(dir.join(name), *name))
        .collect();
    let mut got = Vec::new();
    Ingest::new(limits).for_each(inputs, |i, o| {
        let what = match o {
            Outcome::Forms(_) => "record".to_string(),
            Outcome::Flagged(f) => f.code,
            Outcome::Archive(_) => "archive".to_string(),
        };
        got.push((i.rel.clone(), what));
    });
    let want: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(n, w)| (n.to_string(), w.to_string()))
        .collect();
    assert_eq!(got, want);
}
