//! One test per rule of the HTML reader, from the HTML spec's parsing and table models
//! and from what Word, Excel, LibreOffice and budget systems write.

use super::*;
use crate::model::grid::{Block, Cell, Grid, GridKind};

fn doc(html: &str) -> Document {
    read(html.as_bytes(), &Limits::default()).expect("read")
}

fn tables(d: &Document) -> Vec<&Grid> {
    d.tables().collect()
}

fn paras(d: &Document) -> Vec<String> {
    d.parts
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            Block::Table(_) => None,
        })
        .collect()
}

fn texts(g: &Grid) -> Vec<(u32, u32, u32, u32, &str)> {
    g.cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
        .collect()
}

#[test]
fn paragraphs_and_tables_in_reading_order() {
    let d = doc("<html><head><title>标题不显示</title></head><body>\
        <p align=center><b>2024年部门整体绩效目标表</b></p>\n<p>  单位：万元 </p>\
        <table border=1><tr><td>部门（单位）名称</td><td>某局</td></tr></table>\
        <p>（续表）</p><table><tr><td>a</td></tr></table>说明：无</body></html>");
    assert_eq!(d.parts.len(), 1);
    let kinds: Vec<String> = d.parts[0]
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Table(g) => g.part_name(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "2024年部门整体绩效目标表",
            "单位：万元",
            "table 1",
            "（续表）",
            "table 2",
            "说明：无"
        ]
    );
    let t = tables(&d);
    assert_eq!(t[0].kind, GridKind::Table { index: 1 });
    assert_eq!(
        t[0].cells[1],
        Cell {
            src_row: 1,
            src_col: 2,
            ..Cell::text(0, 1, "某局")
        }
    );
}

#[test]
fn spans_follow_the_html_table_model() {
    let d = doc("<table>\
        <tr><td rowspan=3>部门总体资金情况</td><td colspan=2>总体资金情况</td><td rowspan=2>当年金额</td></tr>\
        <tr><td>收入</td><td>财政拨款</td></tr>\
        <tr><td>x</td><td colspan='2'>y</td></tr></table>");
    let g = tables(&d)[0];
    assert_eq!(
        texts(g),
        [
            (0, 0, 3, 1, "部门总体资金情况"),
            (0, 1, 1, 2, "总体资金情况"),
            (0, 3, 2, 1, "当年金额"),
            (1, 1, 1, 1, "收入"),
            (1, 2, 1, 1, "财政拨款"),
            (2, 1, 1, 1, "x"),
            (2, 2, 1, 2, "y"),
        ]
    );
    assert_eq!((g.n_rows, g.n_cols), (3, 4));
    // src_col is the grid column, as in the Word reader.
    assert_eq!(g.location(&g.cells[6]), "table 1 row 3 col 3");
}

#[test]
fn spans_are_clamped_as_browsers_do() {
    let d = doc(
        "<table><tbody><tr><td colspan=1000000000 rowspan=0>a</td><td colspan=0>b</td></tr>\
        <tr><td rowspan=9999999>c</td></tr><tr><td>d</td></tr></tbody>\
        <tbody><tr><td colspan=\" 3px\">e</td><td rowspan=-1>f</td></tr></tbody></table>",
    );
    let g = tables(&d)[0];
    assert_eq!(
        texts(g),
        [
            (0, 0, 3, 1000, "a"),
            (0, 1000, 1, 1, "b"),
            (1, 1000, 2, 1, "c"),
            (2, 1001, 1, 1, "d"),
            (3, 0, 1, 3, "e"),
            (3, 3, 1, 1, "f"),
        ]
    );
}

#[test]
fn row_groups_header_bodies_then_footers() {
    let d = doc("<table><tfoot><tr><td>合计</td></tr></tfoot>\
        <thead><tr><th>项目</th></tr></thead><tbody><tr><td>财政拨款</td></tr></tbody></table>");
    let g = tables(&d)[0];
    let rows: Vec<&str> = g.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(rows, ["项目", "财政拨款", "合计"]);
}

#[test]
fn line_breaks_in_cells() {
    let d = doc(
        "<table><tr><td>运行<br>成本</td><td><p>1、甲</p><p>2、乙</p></td>\
        <td><div>a</div>b<li>c</li></td><td>x<br><br>y<br></td>\
        <td><p>可持续发展能力</p><p><br></p></td></tr></table>",
    );
    let g = tables(&d)[0];
    let t: Vec<&str> = g.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        t,
        [
            "运行\n成本",
            "1、甲\n2、乙",
            "a\nb\nc",
            "x\n\ny",
            "可持续发展能力\n"
        ]
    );
}

#[test]
fn white_space_and_entities() {
    let d = doc(
        "<table><tr><td>\n  合 &nbsp;计\n  </td><td>&lt;&amp;&#x4E07;&#20803;</td><td> &nbsp; </td></tr></table>",
    );
    let g = tables(&d)[0];
    let t: Vec<&str> = g.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(t, ["合 \u{a0}计", "<&万元", "\u{a0}"]);
}

#[test]
fn empty_cells_are_not_stored_but_empty_merges_are() {
    let d =
        doc("<table><tr><td></td><td rowspan=2></td><td>a</td></tr><tr><td>b</td></tr></table>");
    let g = tables(&d)[0];
    assert_eq!(
        texts(g),
        [(0, 1, 2, 1, ""), (0, 2, 1, 1, "a"), (1, 0, 1, 1, "b")]
    );
    assert_eq!(g.n_cols, 3);
}

#[test]
fn nested_tables_are_flattened_into_the_cell() {
    let d = doc(
        "<table><tr><td>外<table><tr><td>a</td><td><p>b1</p><p>b2</p></td></tr>\
        <tr><td></td><td></td></tr><tr><td>c</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr>\
        </table>尾</td></tr></table>",
    );
    let g = tables(&d)[0];
    assert_eq!(g.cells.len(), 1);
    assert_eq!(g.cells[0].text, "外\na\tb1 b2\nc\tx\ty\n尾");
    assert_eq!(tables(&d).len(), 1);
}

#[test]
fn hidden_content_is_not_read() {
    let d = doc(
        "<html><head><style>.gone{display:none} p.MsoNormal{margin:0}</style>\
        <script>document.write('<p>x</p>')</script></head><body>\
        <!-- <p>注释</p> --><p>可见<span style='display:none;mso-hide:all'>隐藏</span></p>\
        <p class=gone>类隐藏</p><p hidden>属性隐藏</p><template><p>模板</p></template>\
        <noscript>noscript</noscript><p class=MsoNormal>正文<![if !supportEmptyParas]>&nbsp;<![endif]></p>\
        <table><tr style='display:none'><td>隐藏行</td></tr><tr><td style=\"display: none\">隐藏格</td><td>显示</td></tr></table>\
        <input type=hidden value=秘密><input value=1146.9></body></html>",
    );
    assert_eq!(paras(&d), ["可见", "正文\u{a0}", "1146.9"]);
    // A hidden row takes no row, a hidden cell no slot.
    assert_eq!(texts(tables(&d)[0]), [(0, 0, 1, 1, "显示")]);
}

#[test]
fn tag_soup_reads_as_a_browser_builds_it() {
    // Unclosed cells and rows, a stray text inside a row (moved before the table).
    let d = doc("<table border=1><tr><td>a<td>b<tr><td>c</table><p>后");
    let g = tables(&d)[0];
    assert_eq!(
        texts(g),
        [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b"), (1, 0, 1, 1, "c")]
    );
    let d = doc("<table><tr>散落文字<td>a</td></tr></table>");
    assert_eq!(paras(&d), ["散落文字"]);
}

#[test]
fn a_page_without_html_wrapper_or_with_a_bom() {
    let mut bytes = b"\xEF\xBB\xBF\r\n\r\n".to_vec();
    bytes.extend("<table><tr><td>部门</td></tr></table>".as_bytes());
    let d = read(&bytes, &Limits::default()).expect("read");
    assert_eq!(tables(&d)[0].cells[0].text, "部门");
}

#[test]
fn gbk_page_with_meta() {
    let page = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"></head><body><table><tr><td>绩效指标</td></tr></table></body></html>";
    let bytes = encoding_rs::GB18030.encode(page).0;
    let d = read(&bytes, &Limits::default()).expect("read");
    assert_eq!(tables(&d)[0].cells[0].text, "绩效指标");
}

#[test]
fn excel_export_is_read_as_worksheets() {
    let page = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n\
        xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">\
        <head><meta name=ProgId content=Excel.Sheet><meta name=Generator content=\"Microsoft Excel 15\">\
        <style><!--table {mso-displayed-decimal-separator:\"\\.\";}\n\
        .xl66 {mso-style-parent:style0; mso-number-format:\"0\\.00%\";}\n\
        .xl67 {mso-number-format:Fixed;}--></style>\
        <!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>\
        <x:Name>部门整体绩效目标表</x:Name><x:WorksheetOptions></x:WorksheetOptions></x:ExcelWorksheet>\
        </x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head><body>\
        <table x:str border=0><col width=72><tr height=19><td></td><td></td></tr>\
        <tr><td>&nbsp;</td><td colspan=2 class=xl65>部门整体绩效目标表</td></tr>\
        <tr><td></td><td class=xl67 x:num=\"1146.9\">1146.90</td><td class=xl66 x:num=\"0.32019999999999998\">32.02%</td></tr>\
        <tr><td></td><td x:num>930</td><td style='mso-number-format:\"0%\"' x:num=\"0.5\">50%</td></tr>\
        </table></body></html>";
    let d = doc(page);
    assert_eq!(d.parts.len(), 1);
    let g = tables(&d)[0];
    assert_eq!(
        g.kind,
        GridKind::Sheet {
            name: "部门整体绩效目标表".into()
        }
    );
    // Empty first row and column dropped; source positions kept.
    assert_eq!(
        texts(g),
        [
            (0, 0, 1, 2, "部门整体绩效目标表"),
            (1, 0, 1, 1, "1146.90"),
            (1, 1, 1, 1, "32.02%"),
            (2, 0, 1, 1, "930"),
            (2, 1, 1, 1, "50%"),
        ]
    );
    assert_eq!(g.location(&g.cells[2]), "部门整体绩效目标表!C3");
    let num: Vec<(Option<f64>, Option<bool>)> = g
        .cells
        .iter()
        .map(|c| (c.number, c.percent_format))
        .collect();
    assert_eq!(
        num,
        [
            (None, None),
            (Some(1146.9), Some(false)),
            (Some(0.3202), Some(true)),
            (Some(930.0), Some(false)),
            (Some(0.5), Some(true)),
        ]
    );
}

#[test]
fn excel_sheet_name_falls_back_to_title_then_sheet1() {
    let d = doc(
        "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><title>绩效表</title></head>\
        <body><table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table></body></html>",
    );
    let names: Vec<String> = tables(&d).iter().map(|g| g.part_name()).collect();
    assert_eq!(names, ["sheet 绩效表", "sheet Sheet2"]);
    assert_eq!(d.parts.len(), 2);
    // Word's HTML declares Excel's namespace too, but is Word's.
    let d = doc(
        "<html xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\
        <body><table><tr><td>a</td></tr></table></body></html>",
    );
    assert_eq!(tables(&d)[0].kind, GridKind::Table { index: 1 });
}

#[test]
fn libreoffice_calc_numbers() {
    let d = doc(
        "<table><tr><td sdval=\"0.3202\" sdnum=\"2052;0;0.00%\">32.02%</td>\
        <td sdval=\"38612.5\" sdnum=\"2052;\">38612.5</td></tr></table>",
    );
    let g = tables(&d)[0];
    assert_eq!(g.cells[0].number, Some(0.3202));
    assert_eq!(g.cells[0].percent_format, Some(true));
    assert_eq!(g.cells[1].percent_format, Some(false));
}

#[test]
fn select_and_textarea_show_their_values() {
    let d = doc(
        "<table><tr><td><select><option>否</option><option selected>是</option></select></td>\
        <td><textarea>第一行\n第二行</textarea></td></tr></table>",
    );
    let t: Vec<&str> = tables(&d)[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(t, ["是", "第一行\n第二行"]);
}

/// Budget systems export 项目属性 as check boxes or radio buttons: the printed form's
/// boxes, ticked or not, so the recogniser reads the choice as it does on paper.
#[test]
fn check_boxes_and_radio_buttons_show_as_boxes() {
    let d = doc(
        "<table><tr><td><input type=checkbox checked> 新增项目 <input type=\"checkbox\"> 延续项目</td>\
        <td><label><input type=radio name=a>否</label><label><input checked type=RADIO name=a>是</label></td>\
        <td><input type=hidden value=内部编号><input type=button value=提交><input value=120.5></td></tr></table>",
    );
    let t: Vec<&str> = tables(&d)[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(t, ["☑ 新增项目 □ 延续项目", "□否☑是", "120.5"]);
}

#[test]
fn deep_nesting_is_too_large() {
    let html = "<div>".repeat(100_000);
    let err = read(html.as_bytes(), &Limits::default()).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
    // Just inside the limit reads.
    let ok = format!("{}x", "<span>".repeat(200));
    assert_eq!(paras(&doc(&ok)), ["x"]);
}

#[test]
fn too_many_cells_is_too_large() {
    let limits = Limits {
        max_cells: 1000,
        ..Limits::default()
    };
    let html = format!("<table><tr>{}</table>", "<td>x".repeat(2000));
    let err = read(html.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
}

#[test]
fn empty_and_textless_pages() {
    let d = doc("");
    assert_eq!(d.parts.len(), 1);
    assert!(d.parts[0].blocks.is_empty());
    let d = doc("<html><body><p>关于报送联系人的函</p></body></html>");
    assert_eq!(paras(&d), ["关于报送联系人的函"]);
}

#[test]
fn nesting_is_capped_whatever_the_limit_allows() {
    let limits = Limits {
        max_xml_depth: 1_000_000,
        ..Limits::default()
    };
    // Within the cap: read, recursion and all, on a test thread's stack.
    let ok = format!(
        "<table><tr><td>{}深{}</td></tr></table>",
        "<div><span>".repeat(240),
        "</span></div>".repeat(240)
    );
    let d = read(ok.as_bytes(), &limits).expect("read");
    assert_eq!(tables(&d)[0].cells[0].text, "深");
    let deep = "<div>".repeat(5000);
    let err = read(deep.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge { .. }), "{err:?}");
}

// ---- the quick tree builder ----------------------------------------------------------------

use super::compare::{Quick, quick_vs_html5ever};

fn quick(html: &str) -> Quick {
    quick_vs_html5ever(html, &Limits::default())
}

/// The web pages below `dir` (by their bytes, whatever their names), decoded as the reader
/// decodes them.
fn web_pages(dir: &std::path::Path) -> impl Iterator<Item = (std::path::PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let bytes = std::fs::read(entry.path()).ok()?;
            (crate::readers::format::detect(&bytes) == crate::readers::format::Format::Html).then(
                || {
                    (
                        entry.into_path(),
                        charset::decode(&bytes, None).into_owned(),
                    )
                },
            )
        })
}

/// Every page the fixtures hold, whichever program wrote it (budget systems, Word, Excel,
/// LibreOffice): built by the quick builder, and the tree is html5ever's.
#[test]
fn the_quick_builder_builds_every_fixture_page_as_html5ever_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pages = 0;
    for (path, text) in web_pages(&root) {
        assert_eq!(
            quick(&text),
            Quick::Same,
            "{} went to html5ever",
            path.display()
        );
        pages += 1;
    }
    assert!(pages >= 12, "only {pages} HTML fixtures found");
}

/// The shared corpus's web pages (where it exists): wherever the quick builder builds one,
/// the tree is html5ever's.
#[test]
fn the_quick_builder_agrees_with_html5ever_on_the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/third_party");
    if !dir.exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let (mut same, mut bailed) = (0, 0);
    for (_, text) in web_pages(&dir) {
        match quick(&text) {
            Quick::Same | Quick::Limit => same += 1,
            Quick::Bailed => bailed += 1,
        }
    }
    eprintln!("corpus pages: {same} built by the quick builder, {bailed} by html5ever");
    assert!(same + bailed > 0, "no web pages in the corpus");
}

/// Tag soup the quick builder builds: implied end tags and elements, stray end tags,
/// tables in paragraphs, raw text, Word's and Excel's markup.
#[test]
fn the_quick_builder_builds_tag_soup_within_its_rules() {
    for page in [
        "",
        "  ",
        "text only",
        "<!DOCTYPE html><p>a<p>b<table><tr><td>x</table>c",
        "<p>a<table><td>quirks: the table stays in the p</table>",
        "<table><tr><td>a<td>b<tr><td colspan=2>c</table>",
        "<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>",
        "<table><caption>标题</caption><col><colgroup><col span=2></colgroup><tr><td>a</table>",
        "<table><thead><tr><th>h<tbody><tr><td>b<tfoot><tr><td>f</table>",
        "<table><tr><td><table><tr><td>inner</table>after</td></tr></table>",
        "<table><tr><td><b>bold</td><td>not bold</td></tr></table>",
        "<b>x</b><i>y<u>z</u></i>",
        "<b><span>x</b>y",
        "<div><p>a</div>b",
        "</p>stray",
        "<ul><li>a<li>b</ul><dl><dt>t<dd>d<dt>u</dl>",
        "<h1>a<h2>b</h1>c",
        "<pre>\nkept\n  spaces</pre><textarea>\nt</textarea>",
        "<title>a<b>not a tag</b></title><style>td{x:y}</style><script>if (a<b) {}</script>",
        "<head><meta charset=utf-8><link rel=x></head>\n<body>a</body>\n</html>\n",
        "<html><body><p>a</p></body></html>trailing",
        "<table><tr><td>a</td></tr><!-- c --></table>",
        "<table><style>.x{}</style><tr><td class=x>a</table>",
        "<table><form><tr><td>a</table></form>b",
        "<form><input name=a value=1><input type=checkbox checked></form>",
        "<table><input type=hidden value=1><tr><td>a</table>",
        "<td>outside</td><tr>a",
        "<p>a</br>b<br/>c",
        "<td rowspan=2 rowspan=3 x:num=\"1\" sdval=2>",
        "<o:p></o:p><st1:chsdate>2024</st1:chsdate><![if !vml]>x<![endif]>",
        "<body><table><tr><td>a</td></tr></table></body><body>again",
        "a&nbsp;b&amp;c&#x4e00;&lt;",
        "<option>a<option selected>b",
        "<a href=#1>one</a><a href=#2>two</a>",
        "<p><b>a</p>",
        "<table><tr><td>a</tr></td></table>",
        "<frameset><frame>",
        // Found by the fuzz target.
        "\u{feff}a byte order mark that decoding left",
    ] {
        let _ = quick(page);
    }
    // These keep to the quick builder's rules: it must build them.
    for page in [
        "<!DOCTYPE html><p>a<p>b<table><tr><td>x</table>c",
        "<table><tr><td>a<td>b<tr><td colspan=2>c</table>",
        "<table><tr><td><b>bold</td><td>not bold</td></tr></table>",
        "<ul><li>a<li>b</ul><dl><dt>t<dd>d<dt>u</dl>",
        "<pre>\nkept\n  spaces</pre><textarea>\nt</textarea>",
        "<p>a</br>b<br/>c",
        "</p>stray",
    ] {
        assert_eq!(quick(page), Quick::Same, "{page}");
    }
}

/// What the quick builder leaves to html5ever: text fostered out of a table, a formatting
/// element reopened or adopted, a doctype whose quirks mode matters.
#[test]
fn the_quick_builder_hands_on_what_is_past_its_rules() {
    for page in [
        "<table>fostered<tr><td>a</table>",
        "<table><tr><span>x</span><td>a</table>",
        "<p><b>a</p>b",
        "<b><p>a</b>b",
        "<select><option>a</select>",
        "<template><td>a</template>",
        "<svg><title>x</title></svg>",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\"><p><table>",
        "<a>1<a>2",
        "a\0b",
    ] {
        assert_eq!(quick(page), Quick::Bailed, "{page}");
    }
}

/// Random tag soup from the markup forms are made of: wherever the quick builder builds a
/// page, its tree is html5ever's. `PERFSHEET_SOUP_CASES` runs more cases than the default.
#[test]
fn the_quick_builder_agrees_with_html5ever_on_random_tag_soup() {
    const PIECES: &[&str] = &[
        "<html>",
        "</html>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "<title>t",
        "</title>",
        "<style>.c{display:none}</style>",
        "<script>a<b</script>",
        "<meta charset=utf-8>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<span>",
        "</span>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<font color=red>",
        "</font>",
        "<a href=#>",
        "</a>",
        "<u>",
        "</u>",
        "<center>",
        "</center>",
        "<table>",
        "</table>",
        "<table border=1>",
        "<caption>",
        "</caption>",
        "<colgroup>",
        "</colgroup>",
        "<col width=3>",
        "<thead>",
        "</thead>",
        "<tbody>",
        "</tbody>",
        "<tfoot>",
        "</tfoot>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "</th>",
        "<td rowspan=2>",
        "<td colspan=3 x:num=\"12.5\">",
        "<td class=c>",
        "<td style=\"display:none\">",
        "<td sdval=\"0.5\" sdnum=\"2052;0;0.00%\">",
        "<br>",
        "</br>",
        "<br/>",
        "<hr>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<dl>",
        "</dl>",
        "<dt>",
        "</dt>",
        "<dd>",
        "</dd>",
        "<h1>",
        "</h1>",
        "<h3>",
        "</h3>",
        "<pre>",
        "</pre>",
        "<textarea>",
        "</textarea>",
        "<form>",
        "</form>",
        "<input value=v>",
        "<input type=hidden value=h>",
        "<input type=checkbox checked>",
        "<option>",
        "</option>",
        "<option selected>",
        "<o:p>",
        "</o:p>",
        "<xml>",
        "</xml>",
        "<img src=x>",
        "<noscript>n</noscript>",
        "<iframe>i</iframe>",
        "<select>",
        "<svg>",
        "<template>",
        "x",
        "字",
        " ",
        "\n",
        "\r\n",
        "\t",
        "&nbsp;",
        "&amp;",
        "&lt;td&gt;",
        "&#20013;",
        "<!--c-->",
        "<!-- <td> -->",
        "<![if !vml]>",
        "<![endif]>",
        "<!DOCTYPE html>",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\">",
        "<?xml ?>",
        "<td hidden>",
        "<div style=\"mso-hide:all\">",
        "<p class=MsoNormal>",
        "</sarcasm>",
        "<nobr>",
        "<button>",
        "<frameset>",
        "<plaintext>",
        "<listing>",
        "</listing>",
        "<xmp>",
        "</xmp>",
        "<h2>",
        "</h2>",
        "<strong>",
        "</strong>",
        "<table><tr><td>",
        "</td></tr></table>",
    ];
    let cases: u64 = std::env::var("PERFSHEET_SOUP_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut same, mut bailed) = (0u64, 0u64);
    for _ in 0..cases {
        let len = 1 + next() % 40;
        let mut page = String::new();
        for _ in 0..len {
            page.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        match quick(&page) {
            Quick::Same | Quick::Limit => same += 1,
            Quick::Bailed => bailed += 1,
        }
    }
    eprintln!("random pages: {same} built by the quick builder, {bailed} by html5ever");
    assert!(
        same > cases / 10,
        "the quick builder built only {same} of {cases}"
    );
}
