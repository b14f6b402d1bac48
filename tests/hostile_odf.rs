//! Hostile OpenDocument, generated at test time (nothing large in git): billion laughs in a
//! flat spreadsheet, a flat text and an .odt's content.xml; 10^9 repeated columns × 10^9
//! repeated rows with content only in the last cell (read) and a content cell repeated
//! as much (too_large before anything is expanded); a zip bomb content.xml; nesting 10^5
//! deep in text and in cells; `text:s` asking for 10^12 spaces; spans of 4×10^9. Each file
//! is run through the real binary, alone, and must come back with the expected code within
//! a second, with the child's peak resident memory under 200 MiB. The runner is
//! `tests/hostile.rs`'s.

use crate::hostile::{billion_laughs_dtd, check_cases, check_nothing_leaked};
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("hostile-odf", name)
}

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#;

fn flat(kind: &str, body: &str, dtd: bool) -> Vec<u8> {
    let prolog = if dtd {
        billion_laughs_dtd("office:document")
    } else {
        r#"<?xml version="1.0"?>"#.to_string()
    };
    format!(
        r#"{prolog}<office:document {NS} office:mimetype="application/vnd.oasis.opendocument.{kind}"><office:body>{body}</office:body></office:document>"#
    )
    .into_bytes()
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<office:spreadsheet><table:table table:name="表">{rows}</table:table></office:spreadsheet>"#
    )
}

/// An .odt/.ods package around `content` (its bytes written as given, deflated).
fn package(kind: &str, content: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(content.len() > u32::MAX as usize);
    z.start_file("mimetype", stored).expect("zip");
    z.write_all(format!("application/vnd.oasis.opendocument.{kind}").as_bytes())
        .expect("zip");
    z.start_file("content.xml", deflated).expect("zip");
    z.write_all(content).expect("zip");
    z.finish().expect("zip").into_inner()
}

#[test]
fn hostile_odf_is_flagged_quickly_and_cheaply() {
    let dir = tmp("odf");
    let put = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let laughs_text = "<office:text><text:p>部门整体绩效目标表&lol9;&xxe;</text:p></office:text>";
    let laughs_sheet = sheet(
        "<table:table-row><table:table-cell><text:p>&lol9;&xxe;</text:p></table:table-cell></table:table-row>",
    );
    let laughs_content = format!(
        "{}<office:document-content {NS}><office:body>{laughs_text}</office:body></office:document-content>",
        billion_laughs_dtd("office:document-content")
    );
    let far = sheet(concat!(
        r#"<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="999999999"/><table:table-cell><text:p>末</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1000000000000000000"><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>"#
    ));
    let copies = sheet(
        r#"<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    let deep_text = format!(
        "<office:text><text:p>{}{}</text:p></office:text>",
        "<text:span>".repeat(100_000),
        "</text:span>".repeat(100_000)
    );
    let deep_cells = sheet(&format!(
        "<table:table-row><table:table-cell>{}</table:table-cell></table:table-row>",
        "<table:table><table:table-row><table:table-cell>".repeat(100_000 / 3)
    ));
    let spaces = format!(
        "<office:text><text:p>{}</text:p></office:text>",
        r#"<text:s text:c="1000000000000"/>"#.repeat(100_000)
    );
    let spans = r#"<office:text><table:table><table:table-row><table:table-cell table:number-rows-spanned="4000000000" table:number-columns-spanned="4000000000"><text:p>a</text:p></table:table-cell></table:table-row></table:table></office:text>"#;
    // 40 MiB of content.xml (a few dozen KiB deflated) under a 16 MiB inflate limit.
    let mut bomb =
        format!("<office:document-content {NS}><office:body><office:text><text:p>").into_bytes();
    bomb.resize(40 << 20, b' ');
    let low: &[&str] = &["--max-inflated-mib", "16"];
    let cases: Vec<(PathBuf, &[&str], &[&str])> = vec![
        (
            put("laughs.fods", flat("spreadsheet", &laughs_sheet, true)),
            &["not_a_form"],
            &[],
        ),
        (
            put("laughs.fodt", flat("text", laughs_text, true)),
            &["not_a_form"],
            &[],
        ),
        (
            put("laughs.odt", package("text", laughs_content.as_bytes())),
            &["not_a_form"],
            &[],
        ),
        (
            put("far_corner.fods", flat("spreadsheet", &far, false)),
            &["not_a_form"],
            &[],
        ),
        (
            put(
                "copies.ods",
                package("spreadsheet", &flat("spreadsheet", &copies, false)),
            ),
            &["too_large"],
            &[],
        ),
        (put("bomb.odt", package("text", &bomb)), &["too_large"], low),
        (
            put("deep_text.fodt", flat("text", &deep_text, false)),
            &["too_large"],
            &[],
        ),
        (
            put("deep_cells.fods", flat("spreadsheet", &deep_cells, false)),
            &["too_large"],
            &[],
        ),
        (
            put("spaces.fodt", flat("text", &spaces, false)),
            &["not_a_form"],
            &[],
        ),
        (
            put("spans.fodt", flat("text", spans, false)),
            &["not_a_form"],
            &[],
        ),
    ];
    check_cases(&cases);
    check_nothing_leaked(&cases);
    let _ = std::fs::remove_dir_all(dir);
}
