//! Templates as bureau IT staff meet them: `perfsheet templates` lists them, `--templates`
//! adds a wording that makes a redrawn form readable, and a bad definition stops the run
//! before any file is read, naming its file and line.

use crate::common::root;
use std::path::{Path, PathBuf};
use std::process::Command;

fn perfsheet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_perfsheet"))
}

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("templates", name)
}

/// A 档案馆 form whose city redrew the template: every label is its own wording
/// (报送单位, 单位职责, 重点考核指标, 大类 / 小类 / 考核内容 / 目标).
fn redrawn_form(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("绩效目标表").expect("name");
    let rows: &[&[&str]] = &[
        &["2025年部门整体绩效目标表"],
        &["报送单位", "鄂州市档案馆"],
        &[
            "单位职责",
            "1、负责全市档案工作的统筹规划。2、负责档案的接收、保管和利用。",
        ],
        &["重点考核指标", "大类", "小类", "考核内容", "目标"],
        &["", "产出指标", "数量指标", "档案接收数量", "≥5000卷"],
        &["", "", "质量指标", "档案完好率", "100%"],
        &["", "满意度指标", "服务对象满意度", "查档群众满意度", "≥95%"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).expect("write");
        }
    }
    ws.merge_range(3, 0, 6, 0, "重点考核指标", &rust_xlsxwriter::Format::new())
        .expect("merge");
    ws.merge_range(4, 1, 5, 1, "产出指标", &rust_xlsxwriter::Format::new())
        .expect("merge");
    wb.save(path).expect("save");
}

const LOCAL: &str = r#"# 本市改版的部门整体绩效目标表
extends = "department"

[[fields]]
field = "department"
labels = ["报送单位"]

[[sections]]
field = "functions"
labels = ["单位职责"]

[[sections]]
field = "annual.indicators"
labels = ["重点考核指标"]

[columns]
level1 = ["=大类"]
level2 = ["=小类"]
level3 = ["考核内容"]
target = ["=目标"]
"#;

#[test]
fn a_bureaus_own_wording_makes_a_redrawn_form_readable() {
    let dir = tmp("local");
    let inbox = dir.join("收件箱");
    std::fs::create_dir_all(&inbox).expect("inbox");
    redrawn_form(&inbox.join("档案馆.xlsx"));
    std::fs::write(dir.join("本市.toml"), LOCAL).expect("definition");

    // Without the definition the form is not recognised.
    let out = perfsheet()
        .args(["ingest", "-q", "-o"])
        .arg(dir.join("before.json"))
        .arg(&inbox)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("before.json")).expect("dataset"))
            .expect("json");
    assert_eq!(before["flagged"][0]["code"], "not_a_form", "{before}");

    let out = perfsheet()
        .args(["ingest", "-q", "--templates"])
        .arg(dir.join("本市.toml"))
        .arg("-o")
        .arg(dir.join("after.json"))
        .arg(&inbox)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("after.json")).expect("dataset"))
            .expect("json");
    let r = &after["records"][0];
    assert_eq!(r["template"], "department");
    assert_eq!(r["department"], "鄂州市档案馆");
    assert_eq!(r["budget_year"], 2025);
    assert_eq!(r["functions"].as_array().map(Vec::len), Some(2), "{r}");
    let indicators = r["annual"]["indicators"].as_array().expect("indicators");
    assert_eq!(indicators.len(), 3, "{r}");
    assert_eq!(indicators[1]["level1"], "产出指标");
    assert_eq!(indicators[1]["level2"], "质量指标");
    assert_eq!(indicators[1]["level3"], "档案完好率");
    assert_eq!(indicators[0]["target"]["op"], ">=");
    assert_eq!(indicators[0]["target"]["unit"], "卷");

    // inspect agrees when given the same definitions.
    let out = perfsheet()
        .arg("inspect")
        .arg(inbox.join("档案馆.xlsx"))
        .arg("--templates")
        .arg(dir.join("本市.toml"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("department — 采用 / accepted"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bad_definition_stops_the_run_with_its_file_and_line() {
    let dir = tmp("bad");
    std::fs::write(
        dir.join("坏.toml"),
        "extends = \"department\"\n\n[[sections]]\nfield = \"annual.goals\"\nlabels = [\"年度目标\"]\n",
    )
    .expect("write");
    let out = perfsheet()
        .args(["ingest", "-q", "--templates"])
        .arg(dir.join("坏.toml"))
        .arg("-o")
        .arg(dir.join("d.json"))
        .arg(root().join("fixtures/forms"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("坏.toml:4:"), "{err}");
    assert!(err.contains("template_unknown_field"), "{err}");
    assert!(err.contains("annual.goals"), "{err}");
    assert!(!dir.join("d.json").exists(), "nothing written");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn templates_lists_every_template() {
    let out = perfsheet().arg("templates").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "department",
        "national_department",
        "project",
        "部门总体资金情况",
        "年度主要任务",
        "项目名称",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
    let dir = tmp("list");
    std::fs::write(dir.join("本市.toml"), LOCAL).expect("write");
    let out = perfsheet()
        .arg("templates")
        .arg("--templates")
        .arg(dir.join("本市.toml"))
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("重点考核指标"));
    let _ = std::fs::remove_dir_all(dir);
}
