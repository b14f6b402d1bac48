//! Hostile Office 2003 XML, generated at test time (nothing large in git): billion laughs
//! (with an external entity) in a SpreadsheetML workbook and in a WordML document; a row
//! and a cell at `ss:Index` 10^9 and beyond the sheet; a merge of 10^9 × 10^9 cells;
//! merges down that every later cell of every row would have to be walked past, the same
//! merges beside rows that place their cells (a slot per merge per row), and column styles
//! every number cell would have to be looked up in (work that grows with their product if
//! done naively); `w:gridSpan` of 10^9 on thousands of merged rows; nesting 10^5 deep
//! inside a cell's `Data`, around the workbook and in a WordML body and its tables; more
//! cells than the limit; a workbook and a document cut short; bytes that are no GBK under
//! a declared `encoding="gb2312"`. Each file is run through the real binary, alone, with
//! `tests/hostile.rs`'s runner: flagged with the expected code (or read, then
//! `not_a_form`) within a second, under 200 MiB.

use crate::common::root;
use crate::hostile::{billion_laughs_dtd, check_cases, check_nothing_leaked};
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("hostile-xml2003", name)
}

const SS: &str = r#"xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet""#;
const W: &str = r#"xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xmlns:aml="http://schemas.microsoft.com/aml/2001/core""#;

/// A workbook of one worksheet holding `rows` (the `Table`'s content), after `prolog`.
fn workbook(prolog: &str, styles: &str, columns: &str, rows: &str) -> Vec<u8> {
    format!(
        r#"{prolog}<?mso-application progid="Excel.Sheet"?><Workbook {SS}><Styles><Style ss:ID="Default" ss:Name="Normal"/>{styles}</Styles><Worksheet ss:Name="表"><Table>{columns}{rows}</Table></Worksheet></Workbook>"#
    )
    .into_bytes()
}

fn plain_workbook(rows: &str) -> Vec<u8> {
    workbook(r#"<?xml version="1.0"?>"#, "", "", rows)
}

fn text_cell(s: &str) -> String {
    format!(r#"<Cell><Data ss:Type="String">{s}</Data></Cell>"#)
}

/// A WordML document whose body is `body`, after `prolog`.
fn document(prolog: &str, body: &str) -> Vec<u8> {
    format!(
        r#"{prolog}<?mso-application progid="Word.Document"?><w:wordDocument {W}><w:body><wx:sect>{body}<w:sectPr/></wx:sect></w:body></w:wordDocument>"#
    )
    .into_bytes()
}

fn para(s: &str) -> String {
    format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
}

#[test]
fn hostile_office_2003_xml_is_flagged_quickly_and_cheaply() {
    let dir = tmp("xml2003");
    let put = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };

    let laughs_ss = workbook(
        &billion_laughs_dtd("Workbook"),
        "",
        "",
        &format!(
            "<Row>{}{}</Row>",
            text_cell("部门整体绩效目标表&lol9;&xxe;"),
            r#"<Cell ss:Index="3"><Data ss:Type="String">&lol9;</Data></Cell>"#
        ),
    );
    let laughs_w = document(
        &billion_laughs_dtd("w:wordDocument"),
        &format!(
            "{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
            para("部门整体绩效目标表&lol9;&xxe;"),
            para("&lol9;")
        ),
    );
    // A row at 10^9, a cell at 10^9 in it, then a row and a cell past the sheet's end.
    let far_index = plain_workbook(&format!(
        r#"<Row ss:Index="1000000000">{}<Cell ss:Index="1000000000"><Data ss:Type="String">远</Data></Cell>{}</Row><Row ss:Index="99999999999999999999">{}</Row><Row>{}</Row>"#,
        text_cell("近"),
        text_cell("更远"),
        text_cell("末"),
        text_cell("后"),
    ));
    // One anchor claiming 10^9 rows and 10^9 columns; the next rows' cells (no ss:Index)
    // start past it.
    let huge_merge = plain_workbook(&format!(
        r#"<Row><Cell ss:MergeAcross="1000000000" ss:MergeDown="1000000000"><Data ss:Type="String">合并</Data></Cell>{}</Row>{}"#,
        text_cell("右"),
        format!("<Row>{}{}</Row>", text_cell("下"), text_cell("再右")).repeat(1_000)
    ));
    // 10 000 merges down side by side in the first row, then 100 000 rows of one cell
    // without ss:Index: a reader that walks every cell past every merge from above does
    // 10^9 steps.
    let covered_walk = plain_workbook(&format!(
        "<Row>{}</Row>{}",
        r#"<Cell ss:MergeDown="1000000000"/>"#.repeat(10_000),
        format!("<Row>{}</Row>", text_cell("x")).repeat(100_000)
    ));
    // The same merges beside 10 000 rows whose cells say where they go: no walk, but every
    // merge is a slot of every row, 10^8 of them.
    let tall_merges = plain_workbook(&format!(
        "<Row>{}</Row>{}",
        r#"<Cell ss:MergeDown="1000000000"/>"#.repeat(10_000),
        r#"<Row><Cell ss:Index="10001"><Data ss:Type="String">x</Data></Cell></Row>"#
            .repeat(10_000)
    ));
    // 10 000 styled columns, then 10 000 number cells that take their style from the last
    // of them: a linear search per cell is 10^8 comparisons.
    let column_styles = workbook(
        r#"<?xml version="1.0"?>"#,
        r#"<Style ss:ID="pct"><NumberFormat ss:Format="0%"/></Style>"#,
        &r#"<Column ss:StyleID="pct"/>"#.repeat(10_000),
        &format!(
            "<Row>{}</Row>",
            r#"<Cell ss:Index="10000"><Data ss:Type="Number">0.5</Data></Cell>"#
        )
        .repeat(10_000),
    );
    let deep_data = plain_workbook(&format!(
        r#"<Row><Cell><Data ss:Type="String">{}x{}</Data></Cell></Row>"#,
        "<B>".repeat(100_000),
        "</B>".repeat(100_000)
    ));
    let deep_outside = format!(
        r#"<?xml version="1.0"?><Workbook {SS}>{}<Worksheet ss:Name="表"><Table><Row>{}</Row></Table></Worksheet></Workbook>"#,
        "<x:Pane>".repeat(100_000),
        text_cell("x")
    )
    .into_bytes();
    let many_cells = plain_workbook(
        &format!(
            "<Row>{}</Row>",
            r#"<Cell><Data ss:Type="Number">1</Data></Cell>"#.repeat(100)
        )
        .repeat(200),
    );
    let deep_body = document(
        r#"<?xml version="1.0"?>"#,
        &format!(
            "{}{}{}",
            "<wx:sub-section>".repeat(100_000),
            para("x"),
            "</wx:sub-section>".repeat(100_000)
        ),
    );
    let deep_tables = document(
        r#"<?xml version="1.0"?>"#,
        &format!("{}{}", "<w:tbl><w:tr><w:tc>".repeat(100_000 / 3), para("x")),
    );
    // w:gridSpan and a vertical merge of 10^9 in WordML (lower-case marks).
    let spans_w = document(
        r#"<?xml version="1.0"?>"#,
        &format!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/><w:vmerge w:val="restart"/></w:tcPr>{}</w:tc></w:tr>{}</w:tbl>"#,
            para("a"),
            r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/><w:vmerge/></w:tcPr><w:p/></w:tc></w:tr>"#
                .repeat(10_000)
        ),
    );
    // The generated fixtures, cut short in the middle of a row and of a table.
    let fixture = |name: &str| {
        std::fs::read(root().join("fixtures/xml2003").join(name)).expect("xml2003 fixture")
    };
    let cut = |mut b: Vec<u8>| {
        b.truncate(b.len() * 3 / 5);
        b
    };
    let cut_ss = cut(fixture("001_鄂州市乡村振兴局.xml"));
    let cut_w = cut(fixture("000_鄂州市乡村振兴局.doc"));
    // Bytes that are no GBK where the declaration says gb2312.
    let mut bad_gbk = br#"<?xml version="1.0" encoding="gb2312"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">"#.to_vec();
    bad_gbk.extend(std::iter::repeat_n(0xFFu8, 10_000));
    bad_gbk.extend(b"</Data></Cell></Row></Table></Worksheet></Workbook>");

    let low_cells: &[&str] = &["--max-cells", "10000"];
    let cases: Vec<(PathBuf, &[&str], &[&str])> = vec![
        (put("laughs.xml", laughs_ss), &["not_a_form"], &[]),
        (put("laughs_word.xml", laughs_w), &["not_a_form"], &[]),
        (put("far_index.xls", far_index), &["not_a_form"], &[]),
        (put("huge_merge.xml", huge_merge), &["not_a_form"], &[]),
        (put("covered_walk.xml", covered_walk), &["too_large"], &[]),
        (put("tall_merges.xml", tall_merges), &["too_large"], &[]),
        (
            put("column_styles.xls", column_styles),
            &["not_a_form"],
            &[],
        ),
        (put("deep_data.xml", deep_data), &["too_large"], &[]),
        (put("deep_outside.xml", deep_outside), &["too_large"], &[]),
        (put("many_cells.xml", many_cells), &["too_large"], low_cells),
        (put("deep_body.doc", deep_body), &["too_large"], &[]),
        (put("deep_tables.doc", deep_tables), &["too_large"], &[]),
        (
            put("spans_word.doc", spans_w),
            &["not_a_form", "too_large"],
            &[],
        ),
        (put("cut.xls", cut_ss), &["corrupt"], &[]),
        (put("cut.doc", cut_w), &["corrupt"], &[]),
        (put("bad_gbk.xls", bad_gbk), &["not_a_form"], &[]),
    ];
    check_cases(&cases);
    check_nothing_leaked(&cases);
    let _ = std::fs::remove_dir_all(dir);
}
