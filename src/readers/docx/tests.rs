use super::*;
use crate::model::grid::{Block, Cell, Grid, GridKind};
use crate::readers::ooxml::REL_OFFICE_DOCUMENT;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn rels(rel_type: &str, target: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel_type}" Target="{target}"/></Relationships>"#
    )
}

fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A package whose officeDocument relationship points at word/document.xml.
fn package(document_xml: &str) -> Vec<u8> {
    let rels = rels(REL_OFFICE_DOCUMENT[0], "word/document.xml");
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
    ])
}

/// A transitional document with the usual `w` prefix around `body`.
fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_TRANSITIONAL}" xmlns:mc="{MC}" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

fn read_body(body: &str) -> Vec<Block> {
    blocks(read(&package(&doc(body)), &Limits::default()).unwrap())
}

fn blocks(d: Document) -> Vec<Block> {
    assert_eq!(d.parts.len(), 1);
    d.parts.into_iter().next().unwrap().blocks
}

fn paragraphs(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&Grid> {
    blocks.iter().filter_map(Block::as_table).collect()
}

fn only_table(blocks: &[Block]) -> &Grid {
    let t = tables(blocks);
    assert_eq!(t.len(), 1, "{blocks:#?}");
    t[0]
}

fn cell_at(g: &Grid, row: u32, col: u32) -> &Cell {
    g.cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .unwrap_or_else(|| panic!("no anchor at ({row},{col}) in {g:#?}"))
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

fn all_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => s.push_str(&p.text),
            Block::Table(g) => g.cells.iter().for_each(|c| s.push_str(&c.text)),
        }
        s.push('|');
    }
    s
}

#[test]
fn grid_span_and_vertical_merge() {
    let grid = r#"<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>"#;
    let body = format!(
        "{}{}<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr>{grid}\
             <w:tr>{}{}</w:tr>\
             <w:tr>{}{}{}</w:tr>\
             <w:tr>{}{}{}</w:tr>\
             <w:tr>{}{}</w:tr></w:tbl>{}",
        p("2024年部门整体绩效目标表"),
        p("单位：万元"),
        tc("", "部门（单位）名称"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "鄂州市乡村振兴局"),
        tc(r#"<w:vMerge w:val="restart"/>"#, "年度总体目标"),
        tc("", "目标1"),
        tc("", "a"),
        tc("<w:vMerge/>", ""),
        tc("", "目标2"),
        tc("", "b"),
        tc(r#"<w:vMerge w:val="continue"/>"#, "hidden"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "目标3"),
        p("注：以上"),
    );
    let blocks = read_body(&body);
    assert_eq!(
        paragraphs(&blocks),
        ["2024年部门整体绩效目标表", "单位：万元", "注：以上"]
    );
    assert!(
        matches!(blocks[2], Block::Table(_)),
        "table between paragraphs"
    );
    let g = only_table(&blocks);
    assert_eq!(g.kind, GridKind::Table { index: 1 });
    assert_eq!((g.n_rows, g.n_cols), (4, 3));
    let name = cell_at(g, 0, 1);
    assert_eq!(
        (name.text.as_str(), name.col_span, name.src_col),
        ("鄂州市乡村振兴局", 2, 2)
    );
    let merged = cell_at(g, 1, 0);
    assert_eq!(merged.row_span, 3);
    assert_eq!(merged.text, "年度总体目标");
    assert_eq!((merged.src_row, merged.src_col), (2, 1));
    assert_eq!(cell_at(g, 3, 1).col_span, 2);
    assert!(!g.cells.iter().any(|c| c.text == "hidden"));
    let rows = g.rows();
    assert!(rows[3][0].continued);
}

#[test]
fn grid_before_and_after_shift_columns() {
    let body = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr>\
             <w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>",
        tc("", "a"),
        tc("", "b"),
        tc("", "c"),
        tc("", "x"),
    );
    let blocks = read_body(&body);
    let g = only_table(&blocks);
    let x = cell_at(g, 1, 1);
    assert_eq!((x.text.as_str(), x.src_row, x.src_col), ("x", 2, 2));
    assert_eq!(g.n_cols, 3);
}

#[test]
fn legacy_hmerge_merges_horizontally() {
    let body = format!(
        "<w:tbl><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr></w:tbl>",
        tc(r#"<w:hMerge w:val="restart"/>"#, "合并"),
        tc(r#"<w:hMerge w:val="continue"/>"#, ""),
        tc("<w:hMerge/>", ""),
        tc("", "d"),
        tc("", "1"),
        tc("", "2"),
        tc("", "3"),
        tc("", "4"),
    );
    let blocks = read_body(&body);
    let g = only_table(&blocks);
    let a = cell_at(g, 0, 0);
    assert_eq!((a.text.as_str(), a.col_span), ("合并", 3));
    assert_eq!(cell_at(g, 0, 3).text, "d");
    assert_eq!(cell_at(g, 1, 3).text, "4");
    assert_eq!(g.n_cols, 4);
}

#[test]
fn columns_come_from_spans_without_tbl_grid() {
    let body = format!(
        "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        tc(r#"<w:gridSpan w:val="3"/>"#, "标题"),
        tc("", "x"),
        tc("", "a"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "b"),
        tc("", "c"),
    );
    let blocks = read_body(&body);
    let g = only_table(&blocks);
    assert_eq!(g.n_cols, 4);
    assert_eq!(cell_at(g, 0, 3).text, "x");
    assert_eq!(cell_at(g, 1, 3).text, "c");
}

#[test]
fn content_controls_around_rows_cells_and_runs() {
    let body = format!(
        "<w:tbl><w:sdt><w:sdtPr><w:alias w:val=\"行\"/><w:placeholder><w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr><w:sdtContent>\
             <w:tr><w:sdt><w:sdtPr><w:tag w:val=\"c\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>\
             <w:tc><w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>预算</w:t></w:r></w:sdtContent></w:sdt>\
             <w:customXml w:element=\"amount\"><w:smartTag w:element=\"n\"><w:smartTagPr/><w:r><w:t>100</w:t></w:r></w:smartTag></w:customXml></w:p></w:tc>\
             </w:tr></w:sdtContent></w:sdt></w:tbl>",
        tc("", "项目"),
    );
    let blocks = read_body(&body);
    let g = only_table(&blocks);
    assert_eq!(cell_at(g, 0, 0).text, "项目");
    assert_eq!(cell_at(g, 0, 1).text, "预算100");
}

#[test]
fn text_split_over_runs_with_bookmarks_and_specials() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>
            <w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:rPr><w:b/></w:rPr><w:t>部门</w:t></w:r><w:proofErr w:type="spellStart"/>
            <w:r><w:t>整体</w:t></w:r><w:bookmarkEnd w:id="0"/><w:permStart w:id="1"/><w:r><w:t>绩效</w:t><w:tab/><w:t>目标</w:t><w:br/><w:t>A</w:t><w:noBreakHyphen/><w:t>B&amp;C&#x4E00;&#20108;</w:t></w:r><w:permEnd w:id="1"/>
            <w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>ji</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>绩</w:t></w:r></w:rubyBase></w:ruby></w:r>
            <w:hyperlink r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r></w:p><w:p/><w:p><w:r><w:t></w:t></w:r></w:p>"#;
    let blocks = read_body(body);
    assert_eq!(paragraphs(&blocks), ["部门整体绩效\t目标\nA-B&C一二绩链接"]);
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = r#"<w:p><w:r><w:t>资金</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>总额</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>合计</w:delText></w:r></w:del><w:r><w:delText>stray</w:delText></w:r></w:p>
            <w:p><w:moveFrom w:id="3"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom><w:r><w:t>:</w:t></w:r><w:moveTo w:id="4"><w:r><w:t>新位置</w:t></w:r></w:moveTo></w:p>"#;
    let blocks = read_body(body);
    assert_eq!(paragraphs(&blocks), ["资金总额", ":新位置"]);
}

#[test]
fn field_codes_dropped_results_kept() {
    let body = r#"<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>inner-result-in-code</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "yes"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>yes</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            <w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2024-01-01</w:t></w:r></w:fldSimple></w:p>"#;
    let blocks = read_body(body);
    assert_eq!(paragraphs(&blocks), ["第3页", "yes", "2024-01-01"]);
}

#[test]
fn unclosed_field_in_a_cell_does_not_hide_the_rest() {
    let body = format!(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>FORMTEXT</w:instrText></w:r></w:p></w:tc>{}</w:tr></w:tbl>{}"#,
        tc("", "b"),
        p("after"),
    );
    let blocks = read_body(&body);
    assert_eq!(cell_at(only_table(&blocks), 0, 1).text, "b");
    assert_eq!(paragraphs(&blocks), ["after"]);
}

#[test]
fn cell_paragraphs_joined_keeping_empty_ones() {
    let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>可持续发展能力</w:t></w:r></w:p><w:p/></w:tc>\
                    <w:tc><w:p><w:r><w:t>部门总体</w:t></w:r></w:p><w:p><w:r><w:t>资金情况</w:t></w:r></w:p></w:tc>\
                    <w:tc><w:p/></w:tc></w:tr></w:tbl>";
    let blocks = read_body(body);
    let g = only_table(&blocks);
    assert_eq!(cell_at(g, 0, 0).text, "可持续发展能力\n");
    assert_eq!(cell_at(g, 0, 1).text, "部门总体\n资金情况");
    assert_eq!(g.cells.len(), 2, "empty unmerged cell is not stored");
    assert_eq!(g.n_cols, 3);
}

#[test]
fn nested_table_flattened_into_its_cell() {
    let body = format!(
        "<w:tbl><w:tr>{}<w:tc>{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>{}</w:tc></w:tr></w:tbl>{}",
        tc("", "外"),
        p("前"),
        tc("", "n1"),
        tc(
            r#"<w:vMerge w:val="restart"/><w:gridSpan w:val="9"/>"#,
            "n2"
        ),
        tc("", "n3"),
        p("n4a"),
        p("n4b"),
        p("后"),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>second</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    );
    let blocks = read_body(&body);
    let t = tables(&blocks);
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].kind, GridKind::Table { index: 2 });
    let g = t[0];
    assert_eq!((g.n_rows, g.n_cols), (1, 2));
    assert_eq!(cell_at(g, 0, 1).text, "前\nn1\tn2\nn3\tn4a n4b\n后");
}

#[test]
fn text_boxes_follow_their_host_paragraph_once() {
    let tbx = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let body = format!(
        r#"<w:p><w:r><w:t>标题前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>标题后</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r><w:r><w:pict><v:textbox>{}</v:textbox></w:pict></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        tbx("文本框"),
        tbx("文本框"),
        tbx("浮动"),
    );
    let blocks = read_body(&body);
    assert_eq!(paragraphs(&blocks), ["标题前标题后", "文本框"]);
    assert_eq!(only_table(&blocks).cells[0].text, "格");
}

#[test]
fn any_prefix_bound_to_the_word_namespace() {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ns0:document xmlns:ns0="{W_TRANSITIONAL}"><ns0:body><ns0:p><ns0:r><ns0:t>单位：万元</ns0:t></ns0:r></ns0:p>
            <ns0:tbl><ns0:tr><ns0:tc><ns0:tcPr><ns0:gridSpan ns0:val="2"/></ns0:tcPr><ns0:p><ns0:r><ns0:t>a</ns0:t></ns0:r></ns0:p></ns0:tc></ns0:tr>
            <ns0:tr><ns0:tc><ns0:p xmlns="{W_TRANSITIONAL}"><r><t>b</t></r></ns0:p></ns0:tc></ns0:tr></ns0:tbl>
            <w:p xmlns:w="urn:not-word"><w:r><w:t>not word</w:t></w:r></w:p></ns0:body></ns0:document>"#
    );
    let blocks = blocks(read(&package(&xml), &Limits::default()).unwrap());
    assert_eq!(paragraphs(&blocks), ["单位：万元"]);
    let g = only_table(&blocks);
    assert_eq!(cell_at(g, 0, 0).col_span, 2);
    assert_eq!(cell_at(g, 1, 0).text, "b");
}

#[test]
fn element_names_are_matched_whole() {
    // Names sharing a length or a first letter with read ones are other elements.
    let body = r#"<w:p><w:r><w:tt>甲</w:tt><w:t>乙</w:t><w:tabs/><w:tab/><w:brx/><w:cr/><w:ts>丙</w:ts></w:r><w:pp><w:r><w:t>丁</w:t></w:r></w:pp></w:p>"#;
    assert_eq!(paragraphs(&read_body(body)), ["乙\t\n丁"]);
}

#[test]
fn cell_properties_are_matched_by_namespace() {
    // A merge mark under another prefix bound to Word is read; one whose prefix is bound
    // elsewhere is skipped, as are the other properties, whatever they declare.
    let cells = [
        tc(
            &format!(r#"<x:gridSpan xmlns:x="{W_TRANSITIONAL}" x:val="2"/>"#),
            "a",
        ),
        tc(
            r#"<w:tcW xmlns:w="urn:x" w:w="1"/><w:gridSpan xmlns:w="urn:x" w:val="3"/>"#,
            "b",
        ),
        tc(
            r#"<w:shd w:fill="FFFFFF"><w:p><w:r><w:t>藏</w:t></w:r></w:p></w:shd><w:gridSpan w:val="2"/>"#,
            "c",
        ),
    ];
    let body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cells.concat());
    let blocks = read_body(&body);
    let g = only_table(&blocks);
    assert_eq!(cell_at(g, 0, 0).col_span, 2);
    assert_eq!(cell_at(g, 0, 2).text, "b");
    assert_eq!(cell_at(g, 0, 2).col_span, 1);
    assert_eq!(
        (cell_at(g, 0, 3).text.as_str(), cell_at(g, 0, 3).col_span),
        ("c", 2)
    );
}

#[test]
fn namespace_declarations_end_with_their_element() {
    // ns0 is rebound to a foreign namespace inside one paragraph only, on an empty
    // element too; a skipped subtree (w:pPr) redeclares w without leaking out of it.
    let xml = format!(
        r#"<?xml version="1.0"?><ns0:document xmlns:ns0="{W_TRANSITIONAL}"><ns0:body>
            <ns0:p><ns0:pPr xmlns:ns0="urn:x"><ns0:jc/></ns0:pPr><ns0:r><ns0:t>一</ns0:t></ns0:r></ns0:p>
            <ns0:p xmlns:ns0="urn:not-word"><ns0:r><ns0:t>外</ns0:t></ns0:r></ns0:p>
            <ns0:p><ns0:r xmlns:ns0="urn:x"/><ns0:r><ns0:t>二</ns0:t></ns0:r></ns0:p>
            <p xmlns="{W_TRANSITIONAL}"><r><t>三</t></r><r xmlns=""><t>外</t></r></p>
            <p><r><t>外</t></r></p></ns0:body></ns0:document>"#
    );
    let blocks = blocks(read(&package(&xml), &Limits::default()).unwrap());
    assert_eq!(paragraphs(&blocks), ["一", "二", "三"]);
}

#[test]
fn too_many_namespace_declarations_are_too_large() {
    let decls: String = (0..=crate::readers::xml::namespaces::MAX_NS_BINDINGS)
        .map(|i| format!(r#" xmlns:n{i}="urn:{i}""#))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="{W_TRANSITIONAL}"{decls}><w:body/></w:document>"#
    );
    let err = read(&package(&xml), &Limits::default()).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
}

#[test]
fn strict_namespace_and_relationship() {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_STRICT}" conformance="strict"><w:body>{}<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#,
        p("严格"),
        p("合并"),
    );
    let rels = rels(REL_OFFICE_DOCUMENT[1], "/word/main.xml");
    let bytes = zip_parts(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/main.xml", xml.as_bytes()),
    ]);
    let blocks = blocks(read(&bytes, &Limits::default()).unwrap());
    assert_eq!(paragraphs(&blocks), ["严格"]);
    assert_eq!(cell_at(only_table(&blocks), 0, 0).row_span, 2);
}

#[test]
fn falls_back_to_word_document_xml_without_rels() {
    let bytes = zip_parts(&[("word/document.xml", doc(&p("无关系")).as_bytes())]);
    let blocks = blocks(read(&bytes, &Limits::default()).unwrap());
    assert_eq!(paragraphs(&blocks), ["无关系"]);
}

#[test]
fn utf8_bom_and_utf16_parts() {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(doc(&p("带BOM")).as_bytes());
    let bytes = zip_parts(&[("word/document.xml", &bom)]);
    assert_eq!(
        paragraphs(&blocks(read(&bytes, &Limits::default()).unwrap())),
        ["带BOM"]
    );

    let xml = doc(&p("十六位")).replace("UTF-8", "UTF-16");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let bytes = zip_parts(&[("word/document.xml", &utf16)]);
    assert_eq!(
        paragraphs(&blocks(read(&bytes, &Limits::default()).unwrap())),
        ["十六位"]
    );
}

#[test]
fn billion_laughs_is_not_expanded() {
    let mut dtd = String::from(r#"<!DOCTYPE w:document [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push(']');
    dtd.push('>');
    let xml = doc(&p("&lol9;")).replacen("?>", &format!("?>{dtd}"), 1);
    let start = Instant::now();
    let blocks = blocks(read(&package(&xml), &Limits::default()).unwrap());
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(paragraphs(&blocks), ["&lol9;"]);
}

#[test]
fn deep_nesting_is_too_large() {
    let limits = Limits {
        max_xml_depth: 64,
        ..Limits::default()
    };
    let deep = format!(
        "{}{}{}",
        "<w:sdt><w:sdtContent>".repeat(100),
        p("x"),
        "</w:sdtContent></w:sdt>".repeat(100)
    );
    let r = read(&package(&doc(&deep)), &limits);
    assert!(matches!(r, Err(ReadError::TooLarge { .. })), "{r:?}");

    let tables = format!(
        "{}{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(40),
        p("x"),
        "</w:tc></w:tr></w:tbl>".repeat(40)
    );
    let r = read(&package(&doc(&tables)), &limits);
    assert!(matches!(r, Err(ReadError::TooLarge { .. })), "{r:?}");
    // Within the limit nested tables flatten into the outer cell.
    let shallow = format!(
        "{}{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(5),
        p("x"),
        "</w:tc></w:tr></w:tbl>".repeat(5)
    );
    let blocks = blocks(read(&package(&doc(&shallow)), &limits).unwrap());
    assert_eq!(only_table(&blocks).cells[0].text, "x");
}

#[test]
fn too_many_cells_and_columns_are_too_large() {
    let limits = Limits {
        max_cells: 10,
        ..Limits::default()
    };
    let row = format!("<w:tr>{}</w:tr>", tc("", "v").repeat(4));
    let body = format!("<w:tbl>{}</w:tbl>", row.repeat(3));
    let r = read(&package(&doc(&body)), &limits);
    assert!(matches!(r, Err(ReadError::TooLarge { .. })), "{r:?}");

    let wide = format!(
        "<w:tbl><w:tr>{}</w:tr></w:tbl>",
        tc(r#"<w:gridSpan w:val="4294967295"/>"#, "a").repeat(3)
    );
    let r = read(&package(&doc(&wide)), &Limits::default());
    assert!(matches!(r, Err(ReadError::TooLarge { .. })), "{r:?}");
}

#[test]
fn zip_bomb_entry_is_too_large() {
    let limits = Limits {
        max_inflated_bytes: 10_000,
        ..Limits::default()
    };
    let padded = doc(&format!("{}{}", p("x"), " ".repeat(1_000_000)));
    let r = read(&package(&padded), &limits);
    assert!(matches!(r, Err(ReadError::TooLarge { .. })), "{r:?}");

    // Each entry fits, both together do not.
    let big_rels = rels(REL_OFFICE_DOCUMENT[0], "word/document.xml").replace(
        "</Relationships>",
        &format!(
            "<!--{}--></Relationships>",
            "-".repeat(6000).replace("--", "- ")
        ),
    );
    let body = doc(&format!("{}<!--{}-->", p("x"), "x".repeat(6000)));
    let bytes = zip_parts(&[
        ("_rels/.rels", big_rels.as_bytes()),
        ("word/document.xml", body.as_bytes()),
    ]);
    let r = read(&bytes, &limits);
    assert!(matches!(r, Err(ReadError::TooLarge { .. })), "{r:?}");
    assert!(read(&bytes, &Limits::default()).is_ok());
}

#[test]
fn broken_packages_are_corrupt() {
    let good = package(&doc(&p("x")));
    for cut in [good.len() / 2, good.len() - 10, 30] {
        let r = read(&good[..cut], &Limits::default());
        assert!(
            matches!(r, Err(ReadError::Corrupt { .. })),
            "cut {cut}: {r:?}"
        );
    }
    let no_main = zip_parts(&[("word/styles.xml", b"<w:styles/>")]);
    assert!(matches!(
        read(&no_main, &Limits::default()),
        Err(ReadError::Corrupt { .. })
    ));
    for bad in [
        "<w:document xmlns:w=\"x\"><w:body><w:p></w:body></w:document>".to_string(),
        doc(&p("x")).replace("</w:document>", ""),
        "<w:document xmlns:w=\"x\"><w:body><w:p a=\"1\" a=\"2\">".to_string(),
    ] {
        let r = read(&package(&bad), &Limits::default());
        assert!(matches!(r, Err(ReadError::Corrupt { .. })), "{bad}: {r:?}");
    }
    assert!(matches!(
        read(b"PK\x03\x04garbage", &Limits::default()),
        Err(ReadError::Corrupt { .. })
    ));
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} does not exist", p.display());
        None
    }
}

#[test]
fn reads_the_sample_form() {
    let Some(path) = shared("samples/000_b5bdbe8750ecf282.docx") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let start = Instant::now();
    let blocks = blocks(read(&bytes, &Limits::default()).unwrap());
    eprintln!("sample read in {:?}", start.elapsed());
    let first_table = blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))
        .unwrap();
    assert_eq!(paragraphs(&blocks[..first_table]).len(), 2);
    assert_eq!(paragraphs(&blocks)[0], "部门整体绩效目标");
    let unit = paragraphs(&blocks)[1];
    assert!(
        unit.starts_with("  ") && unit.trim() == "单位：万元",
        "{unit:?}"
    );
    let g = only_table(&blocks);
    assert_eq!(g.kind, GridKind::Table { index: 1 });
    assert_eq!(cell_at(g, 0, 0).text, "部门（单位）\n名称");
    let name = g.cells.iter().find(|c| c.row == 0 && c.col > 0).unwrap();
    assert_eq!(
        (name.text.as_str(), name.col_span),
        (" 鄂州市乡村振兴局", 8)
    );
    let funds = g
        .cells
        .iter()
        .find(|c| c.text == "部门总体\n资金情况")
        .unwrap();
    assert_eq!((funds.row, funds.last_row(), funds.row_span), (2, 11, 10));
    let long = g.cells.iter().find(|c| c.text == "长期绩\n效指标").unwrap();
    assert!(long.row_span > 1, "{long:?}");
    assert!(!all_text(&blocks).contains("_GoBack"));
}

#[test]
fn third_party_corpus_never_panics() {
    let Some(root) = shared("corpus/third_party") else {
        return;
    };
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("docm"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    let (mut ok, mut errors, mut tables, mut cells) = (0, 0, 0, 0);
    let mut by_code = std::collections::BTreeMap::<&str, u32>::new();
    let mut total = Duration::ZERO;
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| read(&bytes, &Limits::default()));
        let took = start.elapsed();
        total += took;
        if took > slowest.0 {
            slowest = (took, path.clone());
        }
        match result {
            Err(_) => panic!("panic on {}", path.display()),
            Ok(Ok(d)) => {
                ok += 1;
                for b in d.parts.iter().flat_map(|s| &s.blocks) {
                    if let Block::Table(g) = b {
                        tables += 1;
                        cells += g.cells.len();
                    }
                }
            }
            Ok(Err(e)) => {
                errors += 1;
                *by_code.entry(e.code()).or_default() += 1;
                eprintln!("{}: {e}", path.display());
            }
        }
    }
    eprintln!(
        "{} files: {ok} ok ({tables} tables, {cells} cells), {errors} errors {by_code:?}; total {total:?}, slowest {:?} {}",
        files.len(),
        slowest.0,
        slowest.1.display()
    );
}

/// Not a correctness test: times this reader against docx-rs on the sample and the
/// largest corpus file. Run with `cargo test --lib docx -- --ignored --nocapture`.
#[test]
#[ignore]
fn compare_with_docx_rs() {
    for rel in [
        "samples/000_b5bdbe8750ecf282.docx",
        "corpus/third_party/apache__poi/test-data__document__bug65649.docx",
    ] {
        let Some(path) = shared(rel) else {
            continue;
        };
        let bytes = std::fs::read(path).unwrap();
        let start = Instant::now();
        let ours = read(&bytes, &Limits::default()).is_ok();
        let ours_took = start.elapsed();
        let start = Instant::now();
        let theirs = docx_rs::read_docx(&bytes).is_ok();
        let theirs_took = start.elapsed();
        eprintln!(
            "{rel}: perfsheet {ours_took:?} (ok={ours}), docx-rs {theirs_took:?} (ok={theirs})"
        );
    }
}
