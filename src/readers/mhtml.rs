//! MHTML reader: Word's "单个文件网页" (.mht, often renamed .doc), Internet Explorer's web
//! archives, Excel's single-file web page: a MIME multipart/related message whose root
//! part is an HTML page, read by the HTML reader.
//!
//! Why mail-parser: MIME has many corners (folded headers, RFC 2231 parameters, nested
//! multiparts, parts whose boundary never comes) that a maintained parser already handles;
//! it never panics by design and is wrapped in `guarded` all the same.
//!
//! Decisions worth knowing:
//! - The root is the part whose Content-ID the `start` parameter names, else the first
//!   text/html part.
//! - Its transfer encoding (quoted-printable, base64) is undone from the part's raw bytes,
//!   not taken from mail-parser's text: that one is already converted from a charset it may
//!   not know. The part's own charset goes to the HTML reader as the transport charset,
//!   above the page's `<meta>` (and is overridden, like a meta, when the bytes contradict it).
//! - Excel's workbook MHT has a frameset as root and a page per worksheet: when the root
//!   holds no table, every other text/html part is read, in order, each worksheet named
//!   from the root's `x:ExcelWorksheet` list.
//! - The decoded parts together may not exceed `max_inflated_bytes` (a base64 part cannot
//!   be larger than the file, but the limit is the limit).

use std::borrow::Cow;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, MessageParser, MessagePart, MimeHeaders};

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::Document;
use crate::readers::html;
use crate::readers::sheet::guarded;

/// Reads an MHTML file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let message = guarded(|| Ok(MessageParser::default().parse(bytes)))?.ok_or_else(|| {
        ReadError::corrupt(
            "MHT 网页文件的文件头无法解析，请用 Word 打开后另存为 .docx 再提交（no MIME headers）",
        )
    })?;
    let decoded: u64 = message.parts.iter().map(|p| p.len() as u64).sum();
    if decoded > limits.max_inflated_bytes {
        return Err(ReadError::too_large(
            Bound::Inflated(limits.max_inflated_bytes),
            format!(
                "MHT 网页文件解码后超过 {} MB（decoded parts {decoded} bytes）",
                limits.max_inflated_bytes / (1024 * 1024)
            ),
        ));
    }
    let htmls: Vec<&MessagePart<'_>> = message.parts.iter().filter(|p| is_html(p)).collect();
    let start = message
        .content_type()
        .and_then(|ct| ct.attribute("start"))
        .map(bare_id);
    let root = start
        .and_then(|s| {
            htmls
                .iter()
                .position(|p| p.content_id().map(bare_id) == Some(s))
        })
        .unwrap_or(0);
    let Some(root_part) = htmls.get(root) else {
        return Err(ReadError::Unsupported(
            "这个 MHT（单个文件网页）里没有网页正文（HTML 部分），读不到表格；请用 Word/Excel 打开后另存为 .docx 或 .xlsx 再提交（no text/html part）"
                .into(),
        ));
    };
    let raw = message.raw_message();
    let root_page = read_part(raw, root_part, limits)?;
    if root_page.has_tables() || htmls.len() < 2 {
        return html::document(vec![root_page]);
    }
    // A workbook: the root lists the sheets, each sheet is a page of its own.
    let mut pages = Vec::new();
    let mut k = 0;
    for (i, part) in htmls.iter().enumerate() {
        if i == root {
            continue;
        }
        let mut page = read_part(raw, part, limits)?;
        if page.is_sheets()
            && page.sheet_names.is_empty()
            && let Some(name) = root_page.sheet_names.get(k)
        {
            page.sheet_names.push(name.clone());
        }
        k += 1;
        pages.push(page);
    }
    html::document(pages)
}

fn is_html(p: &MessagePart<'_>) -> bool {
    p.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("text")
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html"))
    })
}

/// A Content-ID without its angle brackets (`start="<x@y>"` names `Content-ID: <x@y>`).
fn bare_id(id: &str) -> &str {
    let id = id.trim();
    let id = id.strip_prefix('<').unwrap_or(id);
    id.strip_suffix('>').unwrap_or(id)
}

fn read_part(raw: &[u8], part: &MessagePart<'_>, limits: &Limits) -> Result<html::Page, ReadError> {
    let body = body_bytes(raw, part);
    let charset = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    html::read_page(&body, charset, limits)
}

/// The part's body with its transfer encoding undone.
fn body_bytes<'a>(raw: &'a [u8], part: &'a MessagePart<'a>) -> Cow<'a, [u8]> {
    let body = raw
        .get(part.raw_body_offset() as usize..part.raw_end_offset() as usize)
        .unwrap_or_default();
    let decoded = match part.encoding {
        Encoding::Base64 => base64_decode(body),
        Encoding::QuotedPrintable => quoted_printable_decode(body),
        Encoding::None => return Cow::Borrowed(body),
    };
    match decoded {
        Some(d) => Cow::Owned(d),
        // mail-parser decoded it leniently where the strict decoder gives up.
        None => Cow::Borrowed(part.contents()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::grid::{Block, GridKind};

    fn qp(bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut col = 0;
        for &b in bytes {
            let piece = if b == b'\n' {
                col = 0;
                out.push('\n');
                continue;
            } else if (33..=126).contains(&b) && b != b'=' || b == b' ' {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if col + piece.len() > 75 {
                out.push_str("=\n");
                col = 0;
            }
            col += piece.len();
            out.push_str(&piece);
        }
        out
    }

    fn mht(parts: &[(&str, &str, &str)], start: Option<&str>) -> Vec<u8> {
        let mut s = String::from(
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"",
        );
        if let Some(st) = start {
            s.push_str(&format!("; start=\"<{st}>\""));
        }
        s.push_str("\n\nThis document is a Single File Web Page.\n\n");
        for (headers, cid, body) in parts {
            s.push_str("------=_NextPart_01\n");
            s.push_str(headers);
            if !cid.is_empty() {
                s.push_str(&format!("\nContent-ID: <{cid}>"));
            }
            s.push_str("\n\n");
            s.push_str(body);
            s.push('\n');
        }
        s.push_str("------=_NextPart_01--\n");
        s.into_bytes()
    }

    fn first_cell(doc: &Document) -> String {
        doc.tables()
            .next()
            .and_then(|g| g.cells.first())
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn quoted_printable_gbk_root() {
        let page = "<html><body><p>2024年部门整体绩效目标表</p><table><tr><td>部门（单位）名称</td></tr></table></body></html>";
        let gbk = encoding_rs::GB18030.encode(page).0;
        let file = mht(
            &[
                (
                    "Content-Location: file:///C:/x.htm\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/html; charset=\"gb2312\"",
                    "",
                    &qp(&gbk),
                ),
                (
                    "Content-Type: image/png\nContent-Transfer-Encoding: base64",
                    "img",
                    "iVBORw0KGgo=",
                ),
            ],
            None,
        );
        let doc = read(&file, &Limits::default()).expect("read");
        assert_eq!(first_cell(&doc), "部门（单位）名称");
        assert!(
            matches!(&doc.parts[0].blocks[0], Block::Paragraph(p) if p.text == "2024年部门整体绩效目标表")
        );
    }

    #[test]
    fn start_parameter_picks_the_root_and_base64_utf8_is_decoded() {
        let decoy = "<table><tr><td>decoy</td></tr></table>";
        let page = "<meta charset=utf-8><table><tr><td>单位：万元</td></tr></table>";
        let b64 = |s: &str| {
            const A: &[u8; 64] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut out = String::new();
            for c in s.as_bytes().chunks(3) {
                let n = c.iter().fold(0u32, |a, &b| a << 8 | u32::from(b)) << (8 * (3 - c.len()));
                for k in 0..4 {
                    if k <= c.len() {
                        out.push(char::from(A[(n >> (18 - 6 * k) & 63) as usize]));
                    } else {
                        out.push('=');
                    }
                }
            }
            out
        };
        let file = mht(
            &[
                ("Content-Type: text/html", "a@b", decoy),
                (
                    "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64",
                    "root@b",
                    &b64(page),
                ),
            ],
            Some("root@b"),
        );
        let doc = read(&file, &Limits::default()).expect("read");
        assert_eq!(first_cell(&doc), "单位：万元");
        assert!(matches!(
            doc.tables().next().map(|g| &g.kind),
            Some(GridKind::Table { index: 1 })
        ));
    }

    #[test]
    fn excel_workbook_sheets_are_read_from_their_parts() {
        let root = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head>\
            <meta name=ProgId content=Excel.Sheet><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>\
            <x:ExcelWorksheet><x:Name>恩施州应急管理局</x:Name><x:WorksheetSource HRef=\"sheet001.htm\"/></x:ExcelWorksheet>\
            <x:ExcelWorksheet><x:Name>填表说明</x:Name><x:WorksheetSource HRef=\"sheet002.htm\"/></x:ExcelWorksheet>\
            </x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>\
            <frameset rows=\"*,39\"><frame src=\"sheet001.htm\" name=\"frSheet\"></frameset></html>";
        let sheet = |t: &str| {
            format!(
                "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta name=ProgId content=Excel.Sheet></head>\
                 <body><table><tr><td x:num>{t}</td></tr></table></body></html>"
            )
        };
        let file = mht(
            &[
                ("Content-Type: text/html; charset=\"utf-8\"", "", root),
                (
                    "Content-Type: text/html; charset=\"utf-8\"",
                    "",
                    &sheet("1"),
                ),
                (
                    "Content-Type: text/html; charset=\"utf-8\"",
                    "",
                    &sheet("2"),
                ),
            ],
            None,
        );
        let doc = read(&file, &Limits::default()).expect("read");
        let names: Vec<String> = doc.tables().map(|g| g.part_name()).collect();
        assert_eq!(names, ["sheet 恩施州应急管理局", "sheet 填表说明"]);
        assert_eq!(doc.parts.len(), 2);
        assert_eq!(
            doc.tables().nth(1).and_then(|g| g.cells[0].number),
            Some(2.0)
        );
    }

    #[test]
    fn no_html_part_and_too_much_decoded() {
        let file = mht(
            &[(
                "Content-Type: image/png\nContent-Transfer-Encoding: base64",
                "",
                "iVBORw0KGgo=",
            )],
            None,
        );
        assert!(matches!(
            read(&file, &Limits::default()),
            Err(ReadError::Unsupported(_))
        ));
        let big = "QUFB".repeat(1000);
        let file = mht(
            &[(
                "Content-Type: text/html\nContent-Transfer-Encoding: base64",
                "",
                &big,
            )],
            None,
        );
        let limits = Limits {
            max_inflated_bytes: 1000,
            ..Limits::default()
        };
        assert!(matches!(
            read(&file, &limits),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
