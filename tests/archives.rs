//! A zip archive of forms, its member names in GBK (as Chinese Windows writes them): every
//! member is read as a file of its own, its path under the archive's, an archive inside it
//! opened too, and each member accounted (a record, a project or a flagged entry).

use crate::common::{json_diff, root, without_file_identity};
use perfsheet::{Ingest, Input, Limits};
use serde_json::Value;

const ARCHIVE: &str = "archives/2024年绩效目标报送.zip";

/// The expected forms of a fixture, with the path they have inside the archive.
fn expected(twin: &str, path: &str) -> Vec<Value> {
    let file = root().join("tests/expected").join(format!("{twin}.json"));
    let forms: Vec<Value> =
        serde_json::from_slice(&std::fs::read(&file).expect("expected")).expect("JSON");
    forms
        .into_iter()
        .map(|mut f| {
            f["source"]["path"] = Value::from(path);
            without_file_identity(f)
        })
        .collect()
}

#[test]
fn every_member_of_an_archive_is_a_file_of_its_own() {
    let input = Input::new(root().join("fixtures").join(ARCHIVE), ARCHIVE);
    let dataset = Ingest::new(Limits::default()).dataset(&[input]);
    assert_eq!(dataset.summary.files_seen, 5, "{:?}", dataset.summary);
    let flagged: Vec<(&str, &str)> = dataset
        .flagged
        .iter()
        .map(|f| (f.path.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        flagged,
        [
            (
                "archives/2024年绩效目标报送.zip/__MACOSX/乡村振兴局/._部门整体绩效目标表.docx",
                "system_file"
            ),
            (
                "archives/2024年绩效目标报送.zip/说明.txt",
                "unsupported_format"
            ),
        ]
    );
    let mut got: Vec<Value> = dataset
        .records
        .iter()
        .map(|r| serde_json::to_value(r).expect("record"))
        .chain(
            dataset
                .projects
                .iter()
                .map(|p| serde_json::to_value(p).expect("project")),
        )
        .map(without_file_identity)
        .collect();
    let mut want = Vec::new();
    want.extend(expected(
        "forms/000_鄂州市乡村振兴局.docx",
        "archives/2024年绩效目标报送.zip/乡村振兴局/部门整体绩效目标表.docx",
    ));
    want.extend(expected(
        "national/01_黄石市下陆区教育局.doc",
        "archives/2024年绩效目标报送.zip/补充材料.zip/补充/01_黄石市下陆区教育局.doc",
    ));
    want.extend(expected(
        "projects/01_华容区教育局_中小学校舍维修改造.xlsx",
        "archives/2024年绩效目标报送.zip/乡村振兴局/项目/中小学校舍维修改造.xlsx",
    ));
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter_mut().zip(&want) {
        // Warnings compare by code, as in the golden tests.
        for v in [&mut *g] {
            if let Some(ws) = v["warnings"].as_array_mut() {
                for w in ws {
                    w["message"] = Value::from("");
                    w["location"] = Value::from("");
                }
            }
        }
        let diffs = json_diff(g, w);
        assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    }
}

#[test]
fn the_inflate_limit_is_the_archives() {
    // Each member alone fits the limit; together they do not.
    let input = Input::new(root().join("fixtures").join(ARCHIVE), ARCHIVE);
    let limits = Limits {
        max_inflated_bytes: 180_000,
        ..Limits::default()
    };
    let dataset = Ingest::new(limits).dataset(&[input]);
    assert_eq!(dataset.summary.files_seen, 5);
    let too_large: Vec<&str> = dataset
        .flagged
        .iter()
        .filter(|f| f.code == "too_large")
        .map(|f| f.path.as_str())
        .collect();
    assert!(!too_large.is_empty(), "{:?}", dataset.flagged);
    assert!(dataset.records.len() + dataset.projects.len() < 3);
}
