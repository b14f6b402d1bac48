//! Inputs that once crashed a reader or a fuzz target (tests/regress/, each named after
//! what it found). Each must now be a record or a specific flag: never internal_error,
//! never a panic that escapes, never a timeout.

use perfsheet::limits::Limits;
use perfsheet::pipeline::{Input, Outcome, process_with_timeout};
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
    for (name, want) in EXPECTED {
        let input = Input {
            path: dir.join(name),
            rel: (*name).to_string(),
            walk_error: None,
        };
        let got = match process_with_timeout(&input, &limits) {
            Outcome::Records(_) => "record".to_string(),
            Outcome::Flagged(f) => f.code,
        };
        assert_eq!(&got, want, "{name}");
    }
}
