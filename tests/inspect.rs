//! `perfsheet inspect` on the bundled fixtures: the grid is drawn with merges marked and
//! sections recognised, and a file that would be flagged shows the Chinese reason.

use crate::common::root;
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
fn form_fixtures_are_drawn_with_their_merges_and_sections() {
    let mut forms: Vec<_> = ["fixtures/forms", "fixtures/libreoffice"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root().join(d)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "docx"))
        .collect();
    forms.sort();
    assert!(!forms.is_empty(), "fixtures hold a .docx or .xlsx form");
    let (mut above, mut left) = (0, 0);
    for form in forms {
        let (ok, out) = inspect(&form, &[]);
        assert!(ok, "{out}");
        let name = form.display();
        assert!(out.contains("格式 / format: "), "{name}: format line");
        assert!(out.contains("行 x "), "{name}: grid size");
        assert!(
            out.lines().any(|l| l.starts_with("  ◆")),
            "{name}: section rows marked"
        );
        assert!(
            out.contains("→ department（department）"),
            "{name}: header recognised"
        );
        assert!(
            out.contains("department — 采用 / accepted"),
            "{name}: the template that read it"
        );
        assert!(out.contains("识别结果 / recognised form"), "{name}");
        assert!(!out.contains("未读取 / flagged"), "{name}");
        above += usize::from(out.contains("| ^ "));
        left += usize::from(out.contains("| < "));

        let (ok, cells) = inspect(&form, &["--cells"]);
        assert!(ok);
        assert!(cells.contains("单元格 / cells:") && cells.len() > out.len());
    }
    // Level-1 labels merge down over many rows and titles merge across in most filings.
    assert!(above > 0, "cells covered from above are drawn as ^");
    assert!(left > 0, "cells covered from the left are drawn as <");
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
    assert!(out.contains("未找到绩效目标表"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Every other format the readers take is drawn as its grid too, under the format name
/// RECORD.md gives it: the same forms as fixtures/forms, saved as web pages, RTF, ODF,
/// xlsb and Office 2003 XML.
#[test]
fn every_format_is_drawn_with_its_sections() {
    let dirs: &[(&str, &[&str])] = &[
        ("html", &["html"]),
        ("mhtml", &["mhtml"]),
        ("rtf", &["rtf"]),
        ("odf", &["odt", "ods", "fodt", "fods"]),
        ("xlsb", &["xlsb"]),
        ("xml2003", &["spreadsheetml", "wordml"]),
    ];
    for (dir, names) in dirs {
        let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures").join(dir))
            .unwrap_or_else(|e| panic!("fixtures/{dir}: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e != "md"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "fixtures/{dir} holds forms");
        for file in files {
            let (ok, out) = inspect(&file, &[]);
            let name = file.display();
            assert!(ok, "{name}: {out}");
            let format = out
                .lines()
                .find_map(|l| l.strip_prefix("格式 / format: "))
                .and_then(|rest| rest.split_whitespace().next())
                .unwrap_or_else(|| panic!("{name}: no format line"));
            assert!(names.contains(&format), "{name}: format {format}");
            assert!(out.contains("行 x "), "{name}: grid size");
            assert!(
                out.lines().any(|l| l.starts_with("  ◆")),
                "{name}: section rows marked"
            );
            assert!(!out.contains("未读取 / flagged"), "{name}");
        }
    }
}
