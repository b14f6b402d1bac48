//! `perfsheet inspect` on the bundled fixtures: the grid is drawn with merges marked and
//! sections recognised, and a file that would be flagged shows the Chinese reason.

mod common;

use common::root;
use std::process::Command;

fn inspect(path: &std::path::Path, extra: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("inspect")
        .arg(path)
        .args(extra)
        .output()
        .expect("perfsheet runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_form_fixture_is_drawn_with_its_merges_and_sections() {
    let mut forms: Vec<_> = std::fs::read_dir(root().join("fixtures/forms"))
        .expect("fixtures/forms")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "docx"))
        .collect();
    forms.sort();
    assert!(!forms.is_empty(), "fixtures/forms holds a .docx or .xlsx");
    for form in forms {
        let (ok, out) = inspect(&form, &[]);
        assert!(ok, "{out}");
        let name = form.display();
        assert!(out.contains("格式 / format: "), "{name}: format line");
        assert!(out.contains("行 x "), "{name}: grid size");
        // Level-1 labels merge down over many rows; titles merge across.
        assert!(out.contains("| ^ "), "{name}: cells covered from above");
        assert!(out.contains("| < "), "{name}: cells covered from the left");
        assert!(
            out.lines().any(|l| l.starts_with("  ◆")),
            "{name}: section rows marked"
        );
        for section in ["部门总体资金情况", "长期绩效指标", "年度绩效指标"] {
            assert!(
                out.contains(&format!("◆ {section} @")),
                "{name}: {section} recognised"
            );
        }
        assert!(out.contains("识别结果 / recognised form"), "{name}");
        assert!(!out.contains("未读取 / flagged"), "{name}");

        let (ok, cells) = inspect(&form, &["--cells"]);
        assert!(ok);
        assert!(cells.contains("单元格 / cells:") && cells.len() > out.len());
    }
}

#[test]
fn a_file_that_would_be_flagged_shows_the_reason() {
    let dir = std::env::temp_dir().join(format!("perfsheet-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let broken = dir.join("财政局.docx");
    std::fs::write(&broken, b"PK\x03\x04 this zip stops here").expect("write");
    let (ok, out) = inspect(&broken, &[]);
    assert!(ok, "inspect reports, it does not fail: {out}");
    assert!(out.contains("未读取 / flagged: corrupt"), "{out}");
    assert!(
        out.contains("原因 / reason: ") && out.contains("损坏"),
        "{out}"
    );

    // A readable document that holds no form: it is drawn, then the reason.
    let minutes = dir.join("会议纪要.docx");
    let mut buf = std::io::Cursor::new(Vec::new());
    docx_rs::Docx::new()
        .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text("会议纪要")))
        .build()
        .pack(&mut buf)
        .expect("docx");
    std::fs::write(&minutes, buf.into_inner()).expect("write");
    let (ok, out) = inspect(&minutes, &[]);
    assert!(ok);
    assert!(out.contains("段落 / paragraph: 会议纪要"), "{out}");
    assert!(out.contains("未读取 / flagged: not_a_form"), "{out}");
    assert!(out.contains("未找到部门整体绩效目标表"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}
