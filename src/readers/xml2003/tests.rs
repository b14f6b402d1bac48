use super::*;
use crate::model::grid::{Block, Cell, Grid, GridKind};

const SS: &str = r#"xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40""#;

fn workbook(styles: &str, sheets: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook {SS}>
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office"><Author>财政局</Author></DocumentProperties>
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/><Font ss:FontName="宋体" x:CharSet="134" ss:Size="11"/></Style>
  {styles}
 </Styles>
 {sheets}
</Workbook>"#
    )
}

fn sheet(name: &str, rows: &str) -> String {
    format!(
        r#"<Worksheet ss:Name="{name}"><Table ss:ExpandedColumnCount="8" x:FullColumns="1" x:FullRows="1" ss:DefaultColumnWidth="54">{rows}</Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/><Panes><Pane><Number>3</Number><ActiveRow>4</ActiveRow></Pane></Panes></WorksheetOptions></Worksheet>"#
    )
}

fn grids(xml: &str) -> Vec<Grid> {
    let doc = read_spreadsheetml(xml.as_bytes(), &Limits::default()).unwrap();
    doc.parts
        .into_iter()
        .map(|p| match p.blocks.into_iter().next() {
            Some(Block::Table(g)) => g,
            other => panic!("{other:?}"),
        })
        .collect()
}

fn one_grid(styles: &str, rows: &str) -> Grid {
    let mut g = grids(&workbook(styles, &sheet("Sheet1", rows)));
    assert_eq!(g.len(), 1);
    g.remove(0)
}

fn cell<'g>(g: &'g Grid, text: &str) -> &'g Cell {
    g.cells
        .iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no cell {text:?} in {:?}", g.cells))
}

/// (source row, source column) of a cell, 1-based, as messages give them.
fn at(g: &Grid, text: &str) -> (u32, u32) {
    let c = cell(g, text);
    (c.src_row, c.src_col)
}

#[test]
fn index_gaps_place_rows_and_cells_where_excel_shows_them() {
    let g = one_grid(
        "",
        r#"<Row><Cell><Data ss:Type="String">部门整体绩效目标表</Data></Cell></Row>
           <Row ss:Index="3"><Cell ss:Index="2"><Data ss:Type="String">部门名称</Data></Cell><Cell><Data ss:Type="String">区财政局</Data></Cell></Row>
           <Row><Cell><Data ss:Type="String">年度</Data></Cell><Cell ss:Index="5"><Data ss:Type="Number">2025</Data></Cell></Row>"#,
    );
    assert_eq!(at(&g, "部门整体绩效目标表"), (1, 1));
    assert_eq!(at(&g, "部门名称"), (3, 2));
    assert_eq!(at(&g, "区财政局"), (3, 3));
    assert_eq!(at(&g, "年度"), (4, 1));
    assert_eq!(at(&g, "2025"), (4, 5));
    assert!(matches!(&g.kind, GridKind::Sheet { name } if name == "Sheet1"));
}

#[test]
fn merges_across_and_down_are_spans_and_covered_positions_are_passed_over() {
    // A1:A3 merged down, B1:D1 across; rows 2 and 3 write their cells without ss:Index,
    // starting past the covered column A.
    let g = one_grid(
        "",
        r#"<Row><Cell ss:MergeDown="2"><Data ss:Type="String">产出指标</Data></Cell><Cell ss:MergeAcross="2"><Data ss:Type="String">数量指标</Data></Cell><Cell><Data ss:Type="String">E1</Data></Cell></Row>
           <Row><Cell><Data ss:Type="String">B2</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">C2</Data></Cell><Cell><Data ss:Type="String">E2</Data></Cell></Row>
           <Row><Cell><Data ss:Type="String">B3</Data></Cell></Row>
           <Row><Cell><Data ss:Type="String">A4</Data></Cell><Cell/><Cell/><Cell><Data ss:Type="String">D4</Data></Cell></Row>"#,
    );
    let anchor = cell(&g, "产出指标");
    assert_eq!((anchor.row_span, anchor.col_span), (3, 1));
    assert_eq!(cell(&g, "数量指标").col_span, 3);
    assert_eq!(at(&g, "E1"), (1, 5));
    assert_eq!(at(&g, "B2"), (2, 2));
    assert_eq!(at(&g, "C2"), (2, 3));
    assert_eq!(cell(&g, "C2").col_span, 2);
    assert_eq!(at(&g, "E2"), (2, 5));
    assert_eq!(at(&g, "B3"), (3, 2));
    // The merge is over: row 4 starts at column A again.
    assert_eq!(at(&g, "A4"), (4, 1));
    assert_eq!(at(&g, "D4"), (4, 4));
    // A merge whose anchor holds nothing still shapes the grid.
    let g = one_grid(
        "",
        r#"<Row><Cell ss:MergeAcross="1"/><Cell><Data ss:Type="String">x</Data></Cell></Row>
           <Row><Cell><Data ss:Type="String">a</Data></Cell><Cell><Data ss:Type="String">b</Data></Cell></Row>"#,
    );
    assert_eq!(at(&g, "x"), (1, 3));
    assert_eq!(cell(&g, "").col_span, 2);
}

#[test]
fn data_types_read_as_the_sheet_shows_them() {
    let g = one_grid(
        r#"<Style ss:ID="s62"><NumberFormat ss:Format="Percent"/></Style>
           <Style ss:ID="s63"><NumberFormat ss:Format="0.0%"/></Style>
           <Style ss:ID="s64" ss:Parent="s63"><Font ss:Bold="1"/></Style>
           <Style ss:ID="s65"><NumberFormat ss:Format="0.00_ "/></Style>
           <Style ss:ID="s66"><NumberFormat ss:Format="Short Date"/></Style>"#,
        r#"<Row><Cell><Data ss:Type="Number">1146.9</Data></Cell><Cell ss:StyleID="s62"><Data ss:Type="Number">0.95</Data></Cell><Cell ss:StyleID="s64"><Data ss:Type="Number">0.3202</Data></Cell></Row>
           <Row><Cell ss:StyleID="s65" ss:Formula="=SUM(R[-1]C:R[-1]C[1])"><Data ss:Type="Number">727.56</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell><Cell ss:StyleID="s66"><Data ss:Type="DateTime">2025-03-01T00:00:00.000</Data></Cell></Row>
           <Row><Cell><Data ss:Type="Error">#DIV/0!</Data></Cell><Cell><Data ss:Type="String">≥95%</Data></Cell><Cell><Data ss:Type="Number">不是数</Data></Cell><Cell ss:Formula="=A1"/></Row>"#,
    );
    let plain = cell(&g, "1146.9");
    assert_eq!(
        (plain.number, plain.percent_format),
        (Some(1146.9), Some(false))
    );
    let named = cell(&g, "95%");
    assert_eq!(
        (named.number, named.percent_format),
        (Some(0.95), Some(true))
    );
    // The percent format comes from the parent style.
    assert_eq!(cell(&g, "32.02%").percent_format, Some(true));
    // A formula's cell shows its cached value.
    assert_eq!(cell(&g, "727.56").number, Some(727.56));
    assert_eq!(at(&g, "TRUE"), (2, 2));
    assert_eq!(at(&g, "2025-03-01"), (2, 3));
    assert_eq!(at(&g, "#DIV/0!"), (3, 1));
    assert_eq!(cell(&g, "≥95%").number, None);
    assert_eq!(cell(&g, "不是数").number, None);
    // The cell with a formula and no cached value is empty.
    assert_eq!(g.cells.len(), 9, "{:?}", g.cells);
}

#[test]
fn row_and_column_styles_apply_to_cells_without_their_own() {
    let g = one_grid(
        r#"<Style ss:ID="pct"><NumberFormat ss:Format="0%"/></Style>"#,
        r#"<Column ss:Width="80"/><Column ss:Index="3" ss:Span="1" ss:StyleID="pct"/>
           <Row><Cell><Data ss:Type="Number">0.5</Data></Cell><Cell><Data ss:Type="Number">0.25</Data></Cell><Cell><Data ss:Type="Number">0.75</Data></Cell><Cell><Data ss:Type="Number">0.125</Data></Cell></Row>
           <Row ss:StyleID="pct"><Cell><Data ss:Type="Number">0.1</Data></Cell></Row>"#,
    );
    assert!(cell(&g, "0.5").percent_format == Some(false));
    assert!(cell(&g, "0.25").percent_format == Some(false));
    // Columns C and D (Index 3, Span 1) carry the percent style.
    assert_eq!(at(&g, "75%"), (1, 3));
    assert_eq!(at(&g, "12.5%"), (1, 4));
    assert_eq!(at(&g, "10%"), (2, 1));
}

#[test]
fn rich_text_line_breaks_and_references_are_the_cell_text() {
    let g = one_grid(
        "",
        r##"<Row ss:AutoFitHeight="0"><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>产出</B><Font html:Color="#FF0000">指标</Font></ss:Data></Cell>
           <Cell><Data ss:Type="String">满意度&#10;≥95%</Data><Comment ss:Author="张三"><ss:Data><B>批注不是内容</B></ss:Data></Comment></Cell>
           <Cell><Data ss:Type="String">A &amp; B &lt;C&gt;</Data><PhoneticText>ふりがな</PhoneticText><NamedCell ss:Name="Print_Area"/></Cell></Row>"##,
    );
    assert_eq!(at(&g, "产出指标"), (1, 1));
    assert_eq!(at(&g, "满意度\n≥95%"), (1, 2));
    assert_eq!(at(&g, "A & B <C>"), (1, 3));
    assert!(
        !g.cells
            .iter()
            .any(|c| c.text.contains("批注") || c.text.contains("ふ"))
    );
}

#[test]
fn every_worksheet_is_a_part_and_spanned_rows_move_the_rows_below() {
    let xml = workbook(
        "",
        &[
            sheet(
                "部门整体",
                r#"<Row ss:Span="2" ss:Height="14"/><Row><Cell><Data ss:Type="String">四行</Data></Cell></Row>"#,
            ),
            sheet(
                "项目 &amp; 支出",
                r#"<Row><Cell><Data ss:Type="String">第二张</Data></Cell></Row>"#,
            ),
        ]
        .concat(),
    );
    let g = grids(&xml);
    assert_eq!(g.len(), 2);
    assert_eq!(g[0].part_name(), "sheet 部门整体");
    assert_eq!(at(&g[0], "四行"), (4, 1));
    assert_eq!(g[1].part_name(), "sheet 项目 & 支出");
}

#[test]
fn prefixed_elements_and_a_declared_gb2312_encoding_read_the_same() {
    let xml = r#"<?xml version="1.0" encoding="gb2312"?>
<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><ss:Worksheet ss:Name="表"><ss:Table><ss:Row><ss:Cell ss:MergeAcross="1"><ss:Data ss:Type="String">项目名称</ss:Data></ss:Cell><ss:Cell><ss:Data ss:Type="String">义务教育</ss:Data></ss:Cell></ss:Row></ss:Table></ss:Worksheet></ss:Workbook>"#;
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(xml);
    assert!(!unmappable);
    let doc = read_spreadsheetml(&bytes, &Limits::default()).unwrap();
    let g = doc.tables().next().unwrap();
    assert_eq!(at(g, "项目名称"), (1, 1));
    assert_eq!(at(g, "义务教育"), (1, 3));
    assert_eq!(g.part_name(), "sheet 表");
}

#[test]
fn hostile_workbooks_are_bounded() {
    let limits = Limits {
        max_cells: 1_000,
        ..Limits::default()
    };
    // Positions far past the sheet are clamped and compacted, not allocated.
    let far = workbook(
        "",
        &sheet(
            "S",
            r#"<Row ss:Index="4294967295"><Cell ss:Index="999999999999" ss:MergeAcross="999999999999" ss:MergeDown="999999999"><Data ss:Type="String">远</Data></Cell><Cell><Data ss:Type="String">更远</Data></Cell></Row><Row><Cell><Data ss:Type="String">末</Data></Cell></Row>"#,
        ),
    );
    let doc = read_spreadsheetml(far.as_bytes(), &limits).unwrap();
    assert!(doc.tables().next().unwrap().cells.len() <= 3);
    // More cells than the limit.
    let many = workbook(
        "",
        &sheet(
            "S",
            &r#"<Row><Cell><Data ss:Type="Number">1</Data></Cell></Row>"#.repeat(1_001),
        ),
    );
    let err = read_spreadsheetml(many.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
    // A billion laughs: the DTD is never read, the reference stays as written.
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Workbook {SS}><Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>"#
    );
    let doc = read_spreadsheetml(laughs.as_bytes(), &limits).unwrap();
    assert_eq!(doc.tables().next().unwrap().cells[0].text, "&lol2;");
    // Nesting deeper than the limit.
    let deep = format!(
        "<Workbook {SS}><Worksheet><Table><Row><Cell><Data>{}x{}</Data></Cell></Row></Table></Worksheet></Workbook>",
        "<B>".repeat(100_000),
        "</B>".repeat(100_000)
    );
    let err = read_spreadsheetml(deep.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
    // A truncated workbook is broken, not a shorter one.
    let cut = workbook(
        "",
        &sheet(
            "S",
            r#"<Row><Cell><Data ss:Type="String">a</Data></Cell></Row>"#,
        ),
    );
    let cut = cut.get(..cut.find("</Table>").unwrap()).unwrap();
    let err = read_spreadsheetml(cut.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::Corrupt { .. }), "{err:?}");
    // A file over the size limit is refused before it is read.
    let small = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = read_spreadsheetml(far.as_bytes(), &small).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
}

#[test]
fn cells_walked_past_merges_from_above_count_against_the_cell_limit() {
    let limits = Limits {
        max_cells: 1_000,
        ..Limits::default()
    };
    // 100 merges down side by side, then rows of one cell without ss:Index: each cell is
    // walked past all 100, 10 000 passes for 100 cells.
    let walk = |rows: usize| {
        workbook(
            "",
            &sheet(
                "S",
                &format!(
                    "<Row>{}</Row>{}",
                    r#"<Cell ss:MergeDown="1000000000"/>"#.repeat(100),
                    r#"<Row><Cell><Data ss:Type="String">x</Data></Cell></Row>"#.repeat(rows)
                ),
            ),
        )
    };
    let err = read_spreadsheetml(walk(100).as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
    // Nine rows (900 passes) are within the limit, and the cells land past the merges.
    let g = grids(&walk(9)).remove(0);
    assert_eq!(at(&g, "x"), (2, 101));
}

#[test]
fn column_styles_are_found_by_column_not_by_a_walk() {
    // 50 000 styled columns and 50 000 number cells styled by the last of them: a linear
    // search per cell is 2.5 × 10^9 comparisons.
    let start = std::time::Instant::now();
    let g = one_grid(
        r#"<Style ss:ID="pct"><NumberFormat ss:Format="0%"/></Style><Style ss:ID="n"><NumberFormat ss:Format="0.00"/></Style>"#,
        &format!(
            r#"{}<Column ss:Index="50001" ss:Span="1" ss:StyleID="pct"/>{}"#,
            r#"<Column ss:StyleID="n"/>"#.repeat(50_000),
            r#"<Row><Cell ss:Index="50002"><Data ss:Type="Number">0.5</Data></Cell></Row>"#
                .repeat(50_000)
        ),
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(g.cells.len(), 50_000);
    assert!(g.cells.iter().all(|c| c.text == "50%"), "{:?}", g.cells[0]);
}

const WORDML: &str = r#"xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" xmlns:aml="http://schemas.microsoft.com/aml/2001/core" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office""#;

fn word(body: &str) -> Vec<Block> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument {WORDML} w:macrosPresent="no" xml:space="preserve">
<o:DocumentProperties><o:Author>财政局</o:Author></o:DocumentProperties>
<w:fonts><w:font w:name="宋体"><w:panose-1 w:val="02010600030101010101"/></w:font></w:fonts>
<w:styles><w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/><w:rPr><wx:font wx:val="宋体"/></w:rPr></w:style></w:styles>
<w:docPr><w:view w:val="print"/></w:docPr>
<w:body><wx:sect>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:hdr w:type="odd"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr></w:sectPr></wx:sect></w:body></w:wordDocument>"#
    );
    let doc = read_wordml(xml.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(doc.parts.len(), 1);
    doc.parts.into_iter().next().unwrap().blocks
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

#[test]
fn wordml_paragraphs_keep_inserted_text_and_drop_deleted_text_and_comments() {
    let blocks = word(
        r#"<w:p><w:r><w:t>部门整体</w:t></w:r><aml:annotation aml:id="0" w:type="Word.Insertion" aml:author="李四"><aml:content><w:r><w:t>绩效目标表</w:t></w:r></aml:content></aml:annotation><aml:annotation aml:id="1" w:type="Word.Deletion" aml:author="李四"><aml:content><w:r><w:delText>（草稿）</w:delText></w:r></aml:content></aml:annotation></w:p>
           <w:p><w:r><w:t>年度</w:t></w:r><w:r><w:tab/><w:t>2025</w:t></w:r><aml:annotation aml:id="2" w:type="Word.Comment" aml:author="王五"><aml:content><w:p><w:r><w:t>请核对</w:t></w:r></w:p></aml:content></aml:annotation><w:r><w:footnote><w:p><w:r><w:t>脚注</w:t></w:r></w:p></w:footnote></w:r></w:p>
           <w:p><w:r><w:pict><w:binData w:name="wordml://01.png">iVBORw0KGgo=</w:binData><v:shape><v:imagedata src="wordml://01.png"/></v:shape></w:pict></w:r></w:p>"#,
    );
    assert_eq!(paragraphs(&blocks), ["部门整体绩效目标表", "年度\t2025"]);
}

#[test]
fn wordml_tables_merge_with_lower_case_marks() {
    let blocks = word(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>
        <w:tr><w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:vmerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>数量指标</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>质量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥95%</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl><w:p><w:r><w:t>表后</w:t></w:r></w:p>"#,
    );
    let Some(Block::Table(g)) = blocks.first() else {
        panic!("{blocks:?}");
    };
    let anchor = cell(g, "产出指标");
    assert_eq!((anchor.row, anchor.row_span), (0, 2));
    let across = cell(g, "数量指标\n第二段");
    assert_eq!((across.col, across.col_span), (1, 2));
    assert_eq!((cell(g, "质量指标").row, cell(g, "质量指标").col), (1, 1));
    assert_eq!(cell(g, "≥95%").col, 2);
    assert_eq!(paragraphs(&blocks), ["表后"]);
}

#[test]
fn wordml_hostile_documents_are_bounded() {
    let limits = Limits::default();
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:wordDocument {WORDML}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:wordDocument>"#
    );
    let doc = read_wordml(laughs.as_bytes(), &limits).unwrap();
    assert_eq!(paragraphs(&doc.parts[0].blocks), ["&b;"]);
    let deep = format!(
        "<w:wordDocument {WORDML}><w:body>{}</w:body></w:wordDocument>",
        "<wx:sub-section>".repeat(100_000)
    );
    let err = read_wordml(deep.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
}

#[test]
fn wordml_continuations_join_the_cell_above_that_covers_their_column() {
    let tc = |pr: &str, text: &str| {
        let p = if text.is_empty() {
            "<w:p/>".to_string()
        } else {
            format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        format!("<w:tc><w:tcPr>{pr}</w:tcPr>{p}</w:tc>")
    };
    let blocks = word(&format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        // A merge three columns wide; below it, a continuation starting in its middle.
        tc(
            r#"<w:gridSpan w:val="3"/><w:vmerge w:val="restart"/>"#,
            "宽"
        ),
        tc(r#"<w:vmerge w:val="restart"/>"#, "窄"),
        tc("", "a"),
        tc(r#"<w:gridSpan w:val="2"/><w:vmerge/>"#, ""),
        // Under a plain row, a continuation of the merge two rows up starts its own cell.
        tc(r#"<w:gridSpan w:val="3"/>"#, "b"),
        tc("", "c"),
        tc(r#"<w:gridSpan w:val="3"/>"#, "d"),
        tc("<w:vmerge/>", "续"),
    ));
    let Some(Block::Table(g)) = blocks.first() else {
        panic!("{blocks:?}");
    };
    assert_eq!(cell(g, "宽").row_span, 2);
    assert_eq!(cell(g, "窄").row_span, 1);
    assert_eq!((cell(g, "续").row, cell(g, "续").col), (3, 3));
}

#[test]
fn wordml_rows_of_wide_cells_cost_per_cell_not_per_column() {
    // 20 000 rows of one cell claiming every grid column Word allows, continuing a merge:
    // per-column bookkeeping is 3 × 10^8 writes.
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/><w:vmerge/></w:tcPr><w:p/></w:tc></w:tr>"#;
    let start = std::time::Instant::now();
    let blocks = word(&format!(
        r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/><w:vmerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>{}</w:tbl>"#,
        row.repeat(20_000)
    ));
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let Some(Block::Table(g)) = blocks.first() else {
        panic!("{blocks:?}");
    };
    let a = cell(g, "a");
    assert_eq!((a.row_span, a.col_span), (20_001, 16_384));
}

/// The fixtures of fixtures/xml2003 read as the same grids (and, for WordML, the same
/// paragraphs) as their .xlsx and .docx twins: `P…`, `N…` and `L…` are the twins in
/// projects/, national/ and layouts/, the others the twins in forms/.
#[test]
fn fixtures_read_as_their_twins() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let limits = Limits::default();
    let (mut sheets, mut docs) = (0, 0);
    for e in std::fs::read_dir(root.join("xml2003")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.rsplit_once('.').unwrap().0;
        let (dir, stem) = match stem.chars().next() {
            Some('P') => ("projects", &stem[1..]),
            Some('N') => ("national", &stem[1..]),
            Some('L') => ("layouts", &stem[1..]),
            _ => ("forms", stem),
        };
        let bytes = std::fs::read(&path).unwrap();
        let spreadsheet = crate::readers::format::detect(&bytes).name() == "spreadsheetml";
        let twin = root.join(dir).join(format!(
            "{stem}.{}",
            if spreadsheet { "xlsx" } else { "docx" }
        ));
        let twin = std::fs::read(&twin).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (ours, theirs) = if spreadsheet {
            sheets += 1;
            (
                read_spreadsheetml(&bytes, &limits).unwrap(),
                crate::readers::xlsx::read(&twin, &limits).unwrap(),
            )
        } else {
            docs += 1;
            (
                read_wordml(&bytes, &limits).unwrap(),
                crate::readers::docx::read(&twin, &limits).unwrap(),
            )
        };
        let blocks = |d: &Document| -> Vec<Block> {
            d.parts.iter().flat_map(|p| p.blocks.clone()).collect()
        };
        assert_eq!(blocks(&ours), blocks(&theirs), "{name}");
    }
    assert!(
        sheets >= 5 && docs >= 5,
        "{sheets} workbooks, {docs} documents"
    );
}
