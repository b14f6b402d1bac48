use std::io::{Cursor, Write};

use super::*;
use crate::error::ReadError;
use crate::model::grid::{Block, Cell, Grid};

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0""#;

fn content(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3"><office:automatic-styles/><office:body>{body}</office:body></office:document-content>"#
    )
}

fn package(content_xml: &str, manifest: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("META-INF/manifest.xml", deflated).unwrap();
    w.write_all(manifest.as_bytes()).unwrap();
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content_xml.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

fn read_str(xml: &str) -> Result<Document, ReadError> {
    read(xml.as_bytes(), &Limits::default())
}

fn text(body: &str) -> Vec<Block> {
    let doc = read_str(&content(&format!("<office:text>{body}</office:text>"))).unwrap();
    assert_eq!(doc.parts.len(), 1);
    doc.parts.into_iter().next().unwrap().blocks
}

fn sheets(body: &str) -> Vec<Grid> {
    let doc = read_str(&content(&format!(
        "<office:spreadsheet>{body}</office:spreadsheet>"
    )))
    .unwrap();
    doc.parts
        .into_iter()
        .map(|p| match p.blocks.into_iter().next() {
            Some(Block::Table(g)) => g,
            other => panic!("{other:?}"),
        })
        .collect()
}

fn paras(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

fn find<'a>(g: &'a Grid, text: &str) -> &'a Cell {
    g.cells
        .iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no cell {text:?} in {:?}", g.cells))
}

#[test]
fn paragraphs_collapse_white_space_and_keep_explicit_spaces() {
    let b = text(
        "<text:h>  部门整体\n   绩效目标表 </text:h><text:p/><text:p>单位<text:s text:c=\"3\"/>万元<text:tab/>x<text:line-break/>y</text:p>\
         <text:p><text:span>a </text:span> <text:a> b</text:a></text:p>\
         <text:list><text:list-item><text:p><text:number>1.</text:number>列表项</text:p></text:list-item></text:list>\
         <text:section><text:p>节内<text:soft-page-break/>文字</text:p></text:section>",
    );
    assert_eq!(
        paras(&b),
        [
            "部门整体 绩效目标表",
            "单位   万元\tx\ny",
            "a b",
            "列表项",
            "节内文字"
        ]
    );
}

#[test]
fn deleted_changes_notes_annotations_are_not_text() {
    let b = text(
        "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><text:p>国土资源局</text:p></text:deletion></text:changed-region></text:tracked-changes>\
         <text:p>荆州市<text:change text:change-id=\"c1\"/><text:change-start text:change-id=\"c2\"/>自然资源和规划局<text:change-end text:change-id=\"c2\"/>\
         <text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body></text:note>\
         <office:annotation><text:p>批注</text:p></office:annotation><text:ruby><text:ruby-base>字</text:ruby-base><text:ruby-text>zi</text:ruby-text></text:ruby></text:p>",
    );
    assert_eq!(paras(&b), ["荆州市自然资源和规划局字"]);
}

#[test]
fn text_tables_have_spans_covered_cells_and_nested_tables() {
    let b = text(
        "<text:p>标题</text:p><table:table table:name=\"表格1\"><table:table-column table:number-columns-repeated=\"4\"/>\
         <table:table-header-rows><table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>运行</text:p><text:p>成本</text:p></table:table-cell>\
         <table:table-cell table:number-columns-spanned=\"2\"><text:p>金额合计</text:p></table:table-cell><table:covered-table-cell/><table:table-cell/></table:table-row></table:table-header-rows>\
         <table:table-row><table:covered-table-cell/><table:table-cell office:value-type=\"float\" office:value=\"930\"><text:p>930.00</text:p></table:table-cell>\
         <table:table-cell><table:table><table:table-row><table:table-cell><text:p>甲</text:p><text:p>乙</text:p></table:table-cell><table:table-cell><text:p>丙</text:p></table:table-cell></table:table-row></table:table></table:table-cell>\
         <table:table-cell><draw:frame><draw:text-box><text:p>浮动</text:p></draw:text-box></draw:frame></table:table-cell></table:table-row>\
         <table:table-row table:number-rows-repeated=\"5\"><table:table-cell table:number-columns-repeated=\"4\"/></table:table-row></table:table><text:p>（续表）</text:p>",
    );
    assert_eq!(paras(&b), ["标题", "（续表）"]);
    let g = b[1].as_table().unwrap();
    assert_eq!(g.part_name(), "table 1");
    assert_eq!((g.n_rows, g.n_cols), (3, 4));
    let l1 = find(g, "运行\n成本");
    assert_eq!((l1.row, l1.col, l1.row_span, l1.col_span), (0, 0, 2, 1));
    let total = find(g, "金额合计");
    assert_eq!((total.col, total.col_span), (1, 2));
    let n = find(g, "930.00");
    assert_eq!((n.row, n.col, n.number), (1, 1, None));
    let nested = find(g, "甲 乙\t丙");
    assert_eq!((nested.row, nested.col), (1, 2));
    assert_eq!(g.cells.len(), 4, "{:?}", g.cells);
    assert_eq!(g.location(nested), "table 1 row 2 col 3");
}

#[test]
fn body_text_boxes_follow_their_paragraph() {
    let b = text(
        "<text:p>前<draw:frame><draw:text-box><text:p>框内</text:p></draw:text-box><svg:title>标题</svg:title></draw:frame>后</text:p><text:p>下一段</text:p>",
    );
    assert_eq!(paras(&b), ["前后", "框内", "下一段"]);
}

#[test]
fn sheets_read_like_worksheets() {
    let g = sheets(
        "<table:table table:name=\"部门整体绩效目标表\"><table:table-column table:number-columns-repeated=\"16384\"/>\
         <table:table-row><table:table-cell table:number-columns-spanned=\"3\"><text:p>部门整体绩效目标</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"2\"/></table:table-row>\
         <table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
         <table:table-row><table:table-cell table:number-columns-repeated=\"2\"/><table:table-cell office:value-type=\"percentage\" office:value=\"0.3202\"><text:p>32.02%</text:p><office:annotation><text:p>批注</text:p></office:annotation></table:table-cell>\
         <table:table-cell office:value-type=\"float\" office:value=\"727.5599999999998\"><text:p>727.56</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>履职</text:p><text:p>效能</text:p></table:table-cell></table:table-row>\
         <table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row></table:table>\
         <table:table table:name=\"甲 &amp; 乙\"><table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell></table:table-row></table:table>",
    );
    assert_eq!(g.len(), 2);
    let s = &g[0];
    assert_eq!(s.part_name(), "sheet 部门整体绩效目标表");
    assert_eq!((s.n_rows, s.n_cols), (2, 4));
    let title = find(s, "部门整体绩效目标");
    assert_eq!((title.row_span, title.col_span), (1, 2));
    let p = find(s, "32.02%");
    assert_eq!((p.number, p.percent_format), (Some(0.3202), Some(true)));
    assert_eq!(s.location(p), "部门整体绩效目标表!C5");
    assert_eq!(find(s, "727.56").percent_format, Some(false));
    find(s, "履职\n效能");
    assert_eq!(g[1].part_name(), "sheet 甲 & 乙");
    assert_eq!(g[1].cells.len(), 4);
}

#[test]
fn repeated_content_counts_against_the_limits_before_expanding() {
    let limits = Limits {
        max_cells: 1000,
        ..Limits::default()
    };
    let many = content(
        "<office:spreadsheet><table:table table:name=\"s\"><table:table-row table:number-rows-repeated=\"1000000000\"><table:table-cell table:number-columns-repeated=\"1000000000\"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>",
    );
    let start = std::time::Instant::now();
    assert!(matches!(
        read(many.as_bytes(), &limits),
        Err(ReadError::TooLarge { .. })
    ));
    assert!(start.elapsed().as_millis() < 100);
    // Far empties cost nothing; the content in the last cell is read.
    let far = content(
        "<office:spreadsheet><table:table table:name=\"s\"><table:table-row table:number-rows-repeated=\"1000000000\"><table:table-cell table:number-columns-repeated=\"1000000000\"/></table:table-row>\
         <table:table-row><table:table-cell table:number-columns-repeated=\"999999999\"/><table:table-cell><text:p>末</text:p></table:table-cell></table:table-row>\
         <table:table-row table:number-rows-repeated=\"1000000000000000000\"><table:table-cell table:number-columns-repeated=\"1000000000\"/></table:table-row></table:table></office:spreadsheet>",
    );
    let doc = read(far.as_bytes(), &limits).unwrap();
    let g = doc.tables().next().unwrap();
    assert_eq!(g.cells.len(), 1);
    assert_eq!(
        (g.cells[0].src_row, g.cells[0].src_col),
        (1_000_000_001, 1_000_000_000)
    );
    // Past u32 positions with content: refused, never wrapped.
    let beyond = content(
        "<office:spreadsheet><table:table table:name=\"s\"><table:table-row table:number-rows-repeated=\"1000000000000000000\"><table:table-cell/></table:table-row><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>",
    );
    assert!(matches!(
        read(beyond.as_bytes(), &limits),
        Err(ReadError::TooLarge { .. })
    ));
    // Text tables: a hostile span sizes nothing.
    let span = text(
        "<table:table><table:table-row><table:table-cell table:number-rows-spanned=\"4000000000\" table:number-columns-spanned=\"4000000000\"><text:p>a</text:p></table:table-cell></table:table-row></table:table>",
    );
    let g = span[0].as_table().unwrap();
    assert_eq!((g.n_rows, g.n_cols, g.cells[0].row_span), (1, 16384, 1));
}

#[test]
fn hostile_xml_is_bounded() {
    let deep = content(&format!(
        "<office:text>{}{}</office:text>",
        "<text:span>".repeat(100_000),
        "</text:span>".repeat(100_000)
    ));
    assert!(matches!(read_str(&deep), Err(ReadError::TooLarge { .. })));
    let mut dtd =
        String::from("<?xml version=\"1.0\"?><!DOCTYPE office:document [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&lol{};", i - 1).repeat(10)
        ));
    }
    dtd.push_str("]>");
    let flat = format!(
        "{dtd}<office:document {NS} office:mimetype=\"application/vnd.oasis.opendocument.text\"><office:body><office:text><text:p>&lol9;</text:p></office:text></office:body></office:document>"
    );
    let doc = read_str(&flat).unwrap();
    assert_eq!(paras(&doc.parts[0].blocks), ["&lol9;"]);
    assert!(matches!(
        read_str(&content("<office:text><text:p>cut")),
        Err(ReadError::Corrupt { .. })
    ));
    assert!(matches!(
        read_str(&content("<office:presentation/>")),
        Err(ReadError::Unsupported(_))
    ));
}

#[test]
fn packages_read_content_and_refuse_encryption() {
    let xml = content("<office:text><text:p>部门整体绩效目标表</text:p></office:text>");
    let doc = read(&package(&xml, "<manifest:manifest/>"), &Limits::default()).unwrap();
    assert_eq!(paras(&doc.parts[0].blocks), ["部门整体绩效目标表"]);
    let enc = package(
        &xml,
        r#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#,
    );
    assert!(matches!(
        read(&enc, &Limits::default()),
        Err(ReadError::Encrypted)
    ));
    let small = Limits {
        max_inflated_bytes: 1000,
        ..Limits::default()
    };
    let big = content(&format!(
        "<office:text><text:p>{}</text:p></office:text>",
        " ".repeat(5000)
    ));
    assert!(matches!(
        read(&package(&big, ""), &small),
        Err(ReadError::TooLarge { .. })
    ));
}
