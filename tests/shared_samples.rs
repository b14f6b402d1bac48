//! The bureau's samples (../shared/samples: the seed form, a national-template department
//! form and a project form, each as .docx and .xlsx) give exactly the records of
//! ../shared/spec/examples/, source and the tool's template name aside.

use crate::common::{json_diff, records_of, shared, without_file_identity};
use serde_json::Value;

fn check_sample(stem: &str, ext: &str, format: &str, part: &str) {
    let Some(shared) = shared() else {
        eprintln!(
            "SKIP: ../shared is not beside the checkout; the shared samples were not checked"
        );
        return;
    };
    let name = format!("{stem}.{ext}");
    let path = shared.join("samples").join(&name);
    let expected: Value = serde_json::from_slice(
        &std::fs::read(shared.join(format!("spec/examples/{stem}.json"))).expect("expected record"),
    )
    .expect("expected record is JSON");
    let mut expected = without_file_identity(expected);
    expected["source"]["path"] = Value::from(name.clone());
    expected["source"]["format"] = Value::from(format);
    expected["source"]["part"] = Value::from(part);

    let records = records_of(&path, &name)
        .unwrap_or_else(|(code, msg)| panic!("{name} flagged {code}: {msg}"));
    assert_eq!(records.len(), 1, "{name}: one form");
    let got = without_file_identity(records.into_iter().next().expect("one record"));
    // `template` is the tool's own name for the definition that read the form.
    let template = got["template"].as_str().unwrap_or_default().to_string();
    assert!(!template.is_empty(), "{name}: template named");
    expected["template"] = Value::from(template);
    let diffs = json_diff(&got, &expected);
    assert!(
        diffs.is_empty(),
        "{name} differs from the expected record:\n{}",
        diffs.join("\n")
    );
}

const SEED: &str = "000_b5bdbe8750ecf282";

#[test]
fn seed_docx_gives_the_expected_record() {
    check_sample(SEED, "docx", "docx", "table 1");
}

#[test]
fn seed_xlsx_gives_the_expected_record() {
    check_sample(SEED, "xlsx", "xlsx", "sheet 部门整体绩效目标表");
}

#[test]
fn national_sample_gives_the_expected_record() {
    check_sample("national_sample", "docx", "docx", "table 1");
    check_sample(
        "national_sample",
        "xlsx",
        "xlsx",
        "sheet 部门整体支出绩效目标申报表",
    );
}

#[test]
fn project_sample_gives_the_expected_project() {
    check_sample("project_sample", "docx", "docx", "table 1");
    check_sample("project_sample", "xlsx", "xlsx", "sheet 项目绩效目标表");
}
