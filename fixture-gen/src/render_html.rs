//! Draws layouts as web pages, the three ways forms arrive as HTML:
//! - as budget systems export them ([`budget_page`]): `<table border=1>` with rowspan and
//!   colspan from the layout, line breaks as `<br>`, saved under an .xls/.doc name, in
//!   UTF-8 or GBK, declared or not (or declared wrongly);
//! - as Excel saves a worksheet as a web page ([`excel_page`]): Office namespaces, the
//!   ProgId meta, an `x:ExcelWorksheet` island naming the sheet, `x:num` on number cells
//!   and percent formats through `mso-number-format` classes;
//! - as Word saves a document as a web page ([`word_page`]), for the MHT fixtures
//!   ([`mht`]): `MsoNormal` paragraphs, `<o:p>`, conditional comments, deleted text hidden
//!   with `mso-hide:all`.
//!
//! Output is deterministic: no dates, no generated ids.

use crate::model::{Cell, Content, Form, Layout, Piece, layout};
use perfsheet::format_number;
use std::collections::HashSet;

/// How a page's bytes are encoded and declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// UTF-8 with `<meta charset=utf-8>`.
    Utf8Meta,
    /// UTF-8 with a byte order mark and no declaration.
    Utf8Bom,
    /// GBK with `<meta http-equiv=Content-Type content="text/html; charset=gb2312">`.
    GbkMeta,
    /// GBK with no declaration at all.
    GbkUndeclared,
    /// GBK bytes under `<meta charset=utf-8>` (a budget system's bug).
    GbkSaysUtf8,
}

/// The text in the page's encoding.
pub fn encode(text: &str, cs: Charset) -> Vec<u8> {
    match cs {
        Charset::Utf8Meta => text.as_bytes().to_vec(),
        Charset::Utf8Bom => {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(text.as_bytes());
            b
        }
        Charset::GbkMeta | Charset::GbkUndeclared | Charset::GbkSaysUtf8 => {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
            assert!(!unmappable, "fixture text not in GBK");
            bytes.into_owned()
        }
    }
}

fn meta(cs: Charset) -> &'static str {
    match cs {
        Charset::Utf8Meta | Charset::GbkSaysUtf8 => "<meta charset=utf-8>\n",
        Charset::GbkMeta => {
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n"
        }
        Charset::Utf8Bom | Charset::GbkUndeclared => "",
    }
}

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Slots covered by a merge (other than the anchor's own), rows cut at `rows.end`.
fn covered(l: &Layout, rows: std::ops::Range<usize>) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    for r in rows.clone() {
        for c in &l.rows[r] {
            for dr in 0..c.rs {
                for dc in 0..c.cs {
                    if (dr, dc) != (0, 0) && r + dr < rows.end {
                        out.insert((r + dr, c.col + dc));
                    }
                }
            }
        }
    }
    out
}

fn spans(c: &Cell, r: usize, end: usize) -> String {
    let mut s = String::new();
    let rs = c.rs.min(end - r);
    if rs > 1 {
        s.push_str(&format!(" rowspan={rs}"));
    }
    if c.cs > 1 {
        s.push_str(&format!(" colspan={}", c.cs));
    }
    s
}

/// Rows of a table: each anchor as a cell, every other uncovered slot as an empty cell, in
/// the order the HTML table model places them.
fn table_rows(
    l: &Layout,
    rows: std::ops::Range<usize>,
    out: &mut String,
    indent: &str,
    mut cell: impl FnMut(&mut String, Option<&Cell>, String),
) {
    let cov = covered(l, rows.clone());
    for r in rows.clone() {
        out.push_str(indent);
        out.push_str("<tr>\n");
        let mut col = 0;
        while col < l.ncols {
            if let Some(a) = l.rows[r].iter().find(|c| c.col == col) {
                cell(out, Some(a), spans(a, r, rows.end));
                col += a.cs;
            } else if cov.contains(&(r, col)) {
                col += 1;
            } else {
                cell(out, None, String::new());
                col += 1;
            }
        }
        out.push_str(indent);
        out.push_str("</tr>\n");
    }
}

/// The row ranges of the tables a layout is drawn as (two where the form is split).
fn table_ranges(l: &Layout) -> Vec<std::ops::Range<usize>> {
    match l.split_at {
        Some(k) => vec![0..k, k..l.rows.len()],
        None => std::iter::once(0..l.rows.len()).collect(),
    }
}

/// A paragraph's pieces as a budget system writes them: text, `<br>`; tracked changes
/// accepted (they do not exist there).
fn plain_inline(p: &[Piece]) -> String {
    p.iter()
        .map(|x| match x {
            Piece::Text(s) | Piece::Ins(s) => esc(s),
            Piece::Br => "<br>".to_string(),
            Piece::Del(_) | Piece::BookmarkStart(_) | Piece::BookmarkEnd => String::new(),
        })
        .collect()
}

fn plain_content(c: &Content) -> String {
    match c {
        Content::Num { text, .. } => esc(text),
        Content::Paras(ps) => ps
            .iter()
            .map(|p| plain_inline(p))
            .collect::<Vec<_>>()
            .join("<br>"),
    }
}

/// A budget system's export. `fragment`: no html/head/body, the title and unit as rows of
/// the table, a few blank lines first (what some systems stream out).
pub fn budget_page(f: &Form, cs: Charset, fragment: bool) -> Vec<u8> {
    let l = layout(f);
    let p = &f.p;
    let mut s = String::new();
    let table_open = "<table border=1 cellspacing=0 cellpadding=2 style=\"border-collapse:collapse;font-size:10.5pt\">\n";
    let mut cell = |out: &mut String, a: Option<&Cell>, spans: String| match a {
        Some(a) => out.push_str(&format!(
            "    <td{spans}>{}</td>\n",
            plain_content(&a.content)
        )),
        None => out.push_str("    <td></td>\n"),
    };
    if fragment {
        s.push_str("\r\n\r\n");
        s.push_str(table_open);
        s.push_str(&format!(
            "  <tr>\n    <td colspan={} align=center style=\"font-size:18pt;border:none\"><b>{}</b></td>\n  </tr>\n",
            l.ncols,
            esc(&p.title)
        ));
        if let Some(u) = &p.unit_text {
            s.push_str(&format!(
                "  <tr>\n    <td colspan={} align=right style=\"border:none\">{}</td>\n  </tr>\n",
                l.ncols,
                esc(u)
            ));
        }
        table_rows(&l, 0..l.rows.len(), &mut s, "  ", &mut cell);
        s.push_str("</table>\r\n");
        return encode(&s, cs);
    }
    s.push_str("<!DOCTYPE html>\n<html>\n<head>\n");
    s.push_str(meta(cs));
    s.push_str(&format!("<title>{}</title>\n", esc(&p.title)));
    s.push_str("<style type=\"text/css\">\ntd { font-family: 宋体; padding: 2px 4px; }\n.title { font-size: 18pt; font-weight: bold; text-align: center; }\n.hide { display: none; }\n</style>\n");
    s.push_str(
        "<script type=\"text/javascript\">function printForm() { window.print(); }</script>\n",
    );
    s.push_str("</head>\n<body>\n");
    s.push_str("<div class=\"hide\">导出时间：系统生成</div>\n");
    s.push_str(&format!("<p class=\"title\">{}</p>\n", esc(&p.title)));
    if let Some(u) = &p.unit_text {
        s.push_str(&format!("<p align=\"right\">{}</p>\n", esc(u)));
    }
    let tables = table_ranges(&l);
    for (i, rows) in tables.into_iter().enumerate() {
        if i > 0 {
            s.push_str("<p>&nbsp;</p>\n<p>（续表）</p>\n");
        }
        s.push_str(table_open);
        s.push_str("<tbody>\n");
        table_rows(&l, rows, &mut s, "  ", &mut cell);
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("<!-- 打印按钮 --><input type=\"button\" value=\"打印\" onclick=\"printForm()\">\n");
    s.push_str("</body>\n</html>\n");
    encode(&s, cs)
}

/// Excel's "save as web page" of one worksheet.
pub fn excel_page(f: &Form, cs: Charset) -> Vec<u8> {
    let l = layout(f);
    let p = &f.p;
    let (r0, c0) = (p.origin.0 as usize, p.origin.1 as usize);
    let width = c0 + l.ncols;
    let charset = match cs {
        Charset::GbkMeta => "gb2312",
        _ => "utf-8",
    };
    let mut s = String::new();
    s.push_str("<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\nxmlns:x=\"urn:schemas-microsoft-com:office:excel\"\nxmlns=\"http://www.w3.org/TR/REC-html40\">\n\n<head>\n");
    s.push_str(&format!(
        "<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\n"
    ));
    s.push_str("<meta name=ProgId content=Excel.Sheet>\n<meta name=Generator content=\"Microsoft Excel 15\">\n");
    s.push_str("<style>\n<!--table\n\t{mso-displayed-decimal-separator:\"\\.\";\n\tmso-displayed-thousand-separator:\"\\,\";}\n");
    s.push_str("@page\n\t{margin:.75in .7in .75in .7in;\n\tmso-header-margin:.3in;\n\tmso-footer-margin:.3in;}\n");
    s.push_str("tr\n\t{mso-height-source:auto;\n\tmso-ruby-visibility:none;}\n");
    s.push_str("td\n\t{mso-style-parent:style0;\n\tpadding-top:1px;\n\tcolor:black;\n\tfont-size:11.0pt;\n\tfont-family:宋体;\n\tmso-number-format:General;\n\tborder:none;\n\twhite-space:nowrap;}\n");
    s.push_str(".xl65\n\t{mso-style-parent:style0;\n\tfont-size:16.0pt;\n\tfont-weight:700;\n\ttext-align:center;}\n");
    s.push_str(".xl66\n\t{mso-style-parent:style0;\n\ttext-align:right;}\n");
    s.push_str(".xl67\n\t{mso-style-parent:style0;\n\tfont-size:10.0pt;\n\tvertical-align:middle;\n\tborder:.5pt solid windowtext;\n\twhite-space:normal;}\n");
    s.push_str(".xl68\n\t{mso-style-parent:style0;\n\tfont-size:10.0pt;\n\tmso-number-format:\"0\\.00%\";\n\tvertical-align:middle;\n\tborder:.5pt solid windowtext;\n\twhite-space:normal;}\n");
    s.push_str("br\n\t{mso-data-placement:same-cell;}\n-->\n</style>\n");
    s.push_str(&format!(
        "<!--[if gte mso 9]><xml>\n <x:ExcelWorkbook>\n  <x:ExcelWorksheets>\n   <x:ExcelWorksheet>\n    <x:Name>{}</x:Name>\n    <x:WorksheetOptions>\n     <x:Selected/>\n     <x:ProtectContents>False</x:ProtectContents>\n    </x:WorksheetOptions>\n   </x:ExcelWorksheet>\n  </x:ExcelWorksheets>\n  <x:ProtectStructure>False</x:ProtectStructure>\n </x:ExcelWorkbook>\n</xml><![endif]-->\n",
        esc(&p.sheet_name)
    ));
    s.push_str("</head>\n\n<body link=\"#0563C1\" vlink=\"#954F72\">\n\n");
    s.push_str("<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse;table-layout:fixed'>\n");
    for w in std::iter::repeat_n(&900usize, c0).chain(l.widths.iter()) {
        s.push_str(&format!(" <col width={}>\n", w * 72 / 1000));
    }
    let blank_row = |s: &mut String| {
        s.push_str(" <tr height=19>\n");
        for _ in 0..width {
            s.push_str("  <td></td>\n");
        }
        s.push_str(" </tr>\n");
    };
    for _ in 0..r0 {
        blank_row(&mut s);
    }
    let lead = |s: &mut String| {
        for _ in 0..c0 {
            s.push_str("  <td></td>\n");
        }
    };
    if p.title_in_sheet {
        s.push_str(" <tr height=29>\n");
        lead(&mut s);
        s.push_str(&format!(
            "  <td colspan={} class=xl65>{}</td>\n </tr>\n",
            l.ncols,
            esc(&p.title)
        ));
        if let Some(u) = &p.unit_text {
            s.push_str(" <tr height=19>\n");
            lead(&mut s);
            s.push_str(&format!(
                "  <td colspan={} class=xl66>{}</td>\n </tr>\n",
                l.ncols,
                esc(u)
            ));
        }
        for _ in 0..p.gap_rows {
            blank_row(&mut s);
        }
    }
    let cov = covered(&l, 0..l.rows.len());
    let top = r0
        + usize::from(p.title_in_sheet) * (1 + usize::from(p.unit_text.is_some()))
        + if p.title_in_sheet {
            p.gap_rows as usize
        } else {
            0
        };
    for (r, cells) in l.rows.iter().enumerate() {
        s.push_str(" <tr height=19>\n");
        lead(&mut s);
        let mut col = 0;
        while col < l.ncols {
            if let Some(a) = cells.iter().find(|c| c.col == col) {
                let sp = spans(a, r, l.rows.len());
                match &a.content {
                    Content::Num {
                        value,
                        fmt,
                        text,
                        sum_above,
                    } => {
                        let class = if fmt.is_some() { "xl68" } else { "xl67" };
                        // Excel shows a General number as format_number does, and writes
                        // x:num bare when the shown text is the value.
                        let shown = if fmt.is_some() {
                            text.clone()
                        } else {
                            format_number(*value)
                        };
                        let num = if shown == format!("{value}") {
                            " x:num".to_string()
                        } else {
                            format!(" x:num=\"{value}\"")
                        };
                        let fmla = match sum_above {
                            Some(n) => {
                                let letter = column_letter(c0 + col);
                                let row = top + r + 1;
                                format!(" x:fmla=\"=SUM({letter}{}:{letter}{})\"", row - n, row - 1)
                            }
                            None => String::new(),
                        };
                        s.push_str(&format!(
                            "  <td{sp} class={class} align=right{num}{fmla}>{}</td>\n",
                            esc(&shown)
                        ));
                    }
                    Content::Paras(_) => {
                        let text = a.content.flat();
                        let html = if text.is_empty() {
                            "&nbsp;".to_string()
                        } else {
                            text.split('\n')
                                .map(esc)
                                .collect::<Vec<_>>()
                                .join("<br>\n    ")
                        };
                        s.push_str(&format!("  <td{sp} class=xl67>{html}</td>\n"));
                    }
                }
                col += a.cs;
            } else if cov.contains(&(r, col)) {
                col += 1;
            } else {
                s.push_str("  <td class=xl67>&nbsp;</td>\n");
                col += 1;
            }
        }
        s.push_str(" </tr>\n");
    }
    s.push_str(" <![if supportMisalignedColumns]>\n <tr height=0 style='display:none'>\n");
    for _ in 0..width {
        s.push_str("  <td width=65 style='width:49pt'></td>\n");
    }
    s.push_str(" </tr>\n <![endif]>\n</table>\n\n</body>\n\n</html>\n");
    encode(&s, cs)
}

fn column_letter(col: usize) -> String {
    perfsheet::grid::column_letters(col as u32 + 1)
}

/// A paragraph as Word's HTML writes it.
fn word_para(p: &[Piece], attrs: &str, bold: bool) -> String {
    if p.is_empty() {
        return format!("<p class=MsoNormal{attrs}><span lang=EN-US><o:p>&nbsp;</o:p></span></p>");
    }
    let mut inner = String::new();
    for x in p {
        match x {
            Piece::Text(s) => inner.push_str(&format!(
                "<span style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{}</span>",
                esc(s)
            )),
            Piece::Br => inner.push_str("<br>\n  "),
            Piece::Ins(s) => inner.push_str(&format!("<span>{}</span>", esc(s))),
            Piece::Del(s) => inner.push_str(&format!(
                "<span style='display:none;mso-hide:all'>{}</span>",
                esc(s)
            )),
            Piece::BookmarkStart(name) => inner.push_str(&format!("<a name=\"{}\"></a>", esc(name))),
            Piece::BookmarkEnd => {}
        }
    }
    if bold {
        inner = format!("<b>{inner}</b>");
    }
    format!("<p class=MsoNormal{attrs}>{inner}<span lang=EN-US><o:p></o:p></span></p>")
}

fn word_content(c: &Content) -> String {
    match c {
        Content::Num { text, .. } => word_para(&[Piece::Text(text.clone())], "", false),
        Content::Paras(ps) if ps.is_empty() => word_para(&[], "", false),
        Content::Paras(ps) => ps
            .iter()
            .map(|p| word_para(p, "", false))
            .collect::<Vec<_>>()
            .join("\n  "),
    }
}

/// Word's "save as web page" of a form, declaring `charset`.
pub fn word_page(f: &Form, charset: &str) -> String {
    let l = layout(f);
    let p = &f.p;
    let mut s = String::new();
    s.push_str("<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\nxmlns:w=\"urn:schemas-microsoft-com:office:word\"\nxmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\"\nxmlns=\"http://www.w3.org/TR/REC-html40\">\n\n<head>\n");
    s.push_str(&format!(
        "<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\n"
    ));
    s.push_str("<meta name=ProgId content=Word.Document>\n<meta name=Generator content=\"Microsoft Word 15\">\n<meta name=Originator content=\"Microsoft Word 15\">\n");
    s.push_str("<link rel=File-List href=\"form.files/filelist.xml\">\n");
    s.push_str(&format!("<title>{}</title>\n", esc(&p.title)));
    s.push_str("<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>财政局</o:Author>\n  <o:Pages>1</o:Pages>\n </o:DocumentProperties>\n</xml><![endif]-->\n");
    s.push_str("<!--[if gte mso 9]><xml>\n <w:WordDocument>\n  <w:View>Print</w:View>\n  <w:SpellingState>Clean</w:SpellingState>\n </w:WordDocument>\n</xml><![endif]-->\n");
    s.push_str("<style>\n<!--\n /* Font Definitions */\n @font-face\n\t{font-family:宋体;\n\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\n /* Style Definitions */\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{mso-style-unhide:no;\n\tmargin:0cm;\n\ttext-align:justify;\n\tfont-size:10.5pt;\n\tfont-family:\"Times New Roman\",serif;}\n span.MsoDel\n\t{mso-style-type:export-only;\n\tdisplay:none;}\n@page WordSection1\n\t{size:595.3pt 841.9pt;\n\tmargin:72.0pt 90.0pt 72.0pt 90.0pt;}\ndiv.WordSection1\n\t{page:WordSection1;}\n-->\n</style>\n");
    s.push_str("</head>\n\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n\n<div class=WordSection1 style='layout-grid:15.6pt'>\n\n");
    s.push_str(&word_para(
        &[Piece::Text(p.title.clone())],
        " align=center style='text-align:center'",
        true,
    ));
    s.push('\n');
    if let Some(u) = &p.unit_text {
        s.push_str(&format!(
            "<p class=MsoNormal><span lang=EN-US>{}</span><span style='font-family:宋体'>{}</span></p>\n",
            "&nbsp;".repeat(8) + &" ".repeat(41),
            esc(u)
        ));
    }
    let tables = table_ranges(&l);
    for (i, rows) in tables.into_iter().enumerate() {
        if i > 0 {
            s.push_str(&word_para(&[], "", false));
            s.push('\n');
            s.push_str(&word_para(&[Piece::Text("（续表）".into())], "", false));
            s.push('\n');
        }
        s.push_str("\n<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\n style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\n mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n");
        let widths = l.widths.clone();
        table_rows(&l, rows, &mut s, " ", |out, a, sp| {
            match a {
            Some(a) => {
                let w: usize = widths[a.col..a.col + a.cs].iter().sum::<usize>() / 15;
                out.push_str(&format!(
                    "  <td width={w}{sp} valign=top style='width:{w}.0pt;border:solid windowtext 1.0pt;\n  padding:0cm 5.4pt 0cm 5.4pt'>\n  {}\n  </td>\n",
                    word_content(&a.content)
                ));
            }
            None => out.push_str(&format!(
                "  <td valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  {}\n  </td>\n",
                word_para(&[], "", false)
            )),
        }
        });
        s.push_str(" <![if !supportMisalignedColumns]>\n <tr height=0>\n");
        for w in &l.widths {
            s.push_str(&format!(
                "  <td width={} style='border:none'></td>\n",
                w / 15
            ));
        }
        s.push_str(" </tr>\n <![endif]>\n</table>\n\n");
    }
    s.push_str(&word_para(&[], "", false));
    s.push_str("\n\n</div>\n\n</body>\n\n</html>\n");
    s
}

/// Transfer encodings of an MHT's page part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transfer {
    QuotedPrintable,
    Base64,
}

/// An MHT (MIME multipart/related) the way Word writes a single-file web page: the page
/// first (charset in its Content-Type), then a file list part.
pub fn mht(page: &[u8], charset: &str, transfer: Transfer) -> Vec<u8> {
    const B: &str = "----=_NextPart_01DA4F2B.5C3E8A90";
    let mut s = String::new();
    s.push_str("MIME-Version: 1.0\r\n");
    s.push_str(&format!(
        "Content-Type: multipart/related; boundary=\"{B}\"\r\n\r\n"
    ));
    s.push_str("此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的浏览器或编辑器不支持“Web 档案”文件。请下载支持“Web 档案”的浏览器。\r\n\r\n");
    s.push_str(&format!("--{B}\r\n"));
    s.push_str("Content-Location: file:///C:/1A2B3C4D/form.htm\r\n");
    let (te, body) = match transfer {
        Transfer::QuotedPrintable => ("quoted-printable", quoted_printable(page)),
        Transfer::Base64 => ("base64", base64(page)),
    };
    s.push_str(&format!("Content-Transfer-Encoding: {te}\r\n"));
    s.push_str(&format!(
        "Content-Type: text/html; charset=\"{charset}\"\r\n\r\n"
    ));
    s.push_str(&body);
    s.push_str(&format!("\r\n\r\n--{B}\r\n"));
    s.push_str("Content-Location: file:///C:/1A2B3C4D/form.files/filelist.xml\r\n");
    s.push_str("Content-Transfer-Encoding: quoted-printable\r\n");
    s.push_str("Content-Type: text/xml; charset=\"utf-8\"\r\n\r\n");
    s.push_str("<xml xmlns:o=3D\"urn:schemas-microsoft-com:office:office\">\r\n <o:MainFile HRef=3D\"../form.htm\"/>\r\n <o:File HRef=3D\"filelist.xml\"/>\r\n</xml>\r\n");
    s.push_str(&format!("--{B}--\r\n"));
    s.into_bytes()
}

/// Quoted-printable as Word writes it: lines of at most 76 characters with soft breaks,
/// '=' and non-ASCII bytes as =XX, CRLF line ends.
fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut col = 0;
    let text_lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    for (i, line) in text_lines.iter().enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        for (k, &b) in line.iter().enumerate() {
            let last = k + 1 == line.len();
            let piece = if b == b'=' || b >= 0x80 || b < 0x20 && b != b'\t' || (last && b == b' ') {
                format!("={b:02X}")
            } else {
                char::from(b).to_string()
            };
            if col + piece.len() > 75 {
                out.push_str("=\r\n");
                col = 0;
            }
            out.push_str(&piece);
            col += piece.len();
        }
        if i + 1 < text_lines.len() {
            out.push_str("\r\n");
            col = 0;
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, c) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n = c.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)) << (8 * (3 - c.len()));
        for k in 0..4 {
            if k <= c.len() {
                out.push(char::from(A[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
