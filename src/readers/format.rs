//! What a file is, decided from its bytes, never from its name: departments send .xls files
//! that are really xlsx, .doc files that are really docx, RTF or HTML saved as .doc.

use std::io::Cursor;

/// A file format perfsheet can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Word 2007+ (zip holding word/document.xml).
    Docx,
    /// Word 2007+ with macros.
    Docm,
    /// Excel 2007+ (zip holding xl/workbook.xml).
    Xlsx,
    /// Excel 2007+ with macros.
    Xlsm,
    /// Excel 2007+ binary workbook (zip holding xl/workbook.bin).
    Xlsb,
    /// Word 97–2003 (CFB holding WordDocument).
    Doc,
    /// Excel 97–2003 or 5.0/95 (CFB holding Workbook or Book).
    Xls,
    /// A password-protected Office file (CFB holding EncryptionInfo/EncryptedPackage).
    EncryptedOffice,
    /// Another CFB (OLE2) container: WPS legacy, PowerPoint, MSI …
    OtherCfb,
    /// A CFB header whose container structure cannot be read.
    BrokenCfb,
    /// Excel 2.x–4.x worksheet (BIFF2–4 records, no container).
    OldXls,
    /// Word for Windows 1.x/2.x (pre-OLE).
    OldDoc,
    /// OpenDocument text.
    Odt,
    /// OpenDocument spreadsheet.
    Ods,
    /// Another zip archive.
    Zip,
    /// Rich Text Format.
    Rtf,
    /// HTML: a web page, Word's or Excel's "web page" save, a budget system's export.
    Html,
    /// MHTML: Word's "single file web page" (.mht), a MIME multipart/related message.
    Mhtml,
    /// Excel 2003 XML (SpreadsheetML).
    SpreadsheetMl,
    /// Word 2003 XML (WordprocessingML 2003).
    WordMl,
    /// Flat OpenDocument text (.fodt): one XML file.
    Fodt,
    /// Flat OpenDocument spreadsheet (.fods): one XML file.
    Fods,
    /// Another XML document.
    Xml,
    /// A 7-Zip archive.
    SevenZip,
    /// A RAR archive.
    Rar,
    /// Portable Document Format.
    Pdf,
    /// Plain text (CSV, TSV, Markdown …).
    Text,
    /// Empty file.
    Empty,
    /// None of the above.
    Unknown,
}

impl Format {
    /// The name written in `source.format` and in flagged entries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Docm => "docm",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Doc => "doc",
            Format::Xls => "xls",
            Format::EncryptedOffice => "encrypted-office",
            Format::OtherCfb | Format::BrokenCfb => "cfb",
            Format::OldXls => "xls-biff2-4",
            Format::OldDoc => "doc-word2",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Zip => "zip",
            Format::Rtf => "rtf",
            Format::Html => "html",
            Format::Mhtml => "mhtml",
            Format::SpreadsheetMl => "spreadsheetml",
            Format::WordMl => "wordml",
            Format::Fodt => "fodt",
            Format::Fods => "fods",
            Format::Xml => "xml",
            Format::SevenZip => "7z",
            Format::Rar => "rar",
            Format::Pdf => "pdf",
            Format::Text => "text",
            Format::Empty => "empty",
            Format::Unknown => "unknown",
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
pub(crate) const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format from the bytes alone.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.is_empty() {
        return Format::Empty;
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return detect_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return detect_cfb(bytes);
    }
    // BIFF2-4 worksheets start with a BOF record: 0x0009/0x0209/0x0409 (+ a small length).
    if let [0x09, 0x00 | 0x02 | 0x04, len, 0x00, ..] = bytes
        && (4..=16).contains(len)
    {
        return Format::OldXls;
    }
    if bytes.starts_with(&[0xDB, 0xA5]) {
        return Format::OldDoc;
    }
    if bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return Format::SevenZip;
    }
    if bytes.starts_with(b"Rar!\x1A\x07") {
        return Format::Rar;
    }
    let head = skip_bom_and_space(&bytes[..bytes.len().min(1024)]);
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if head.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    let lower = lower_head(bytes);
    if let Some(f) = detect_markup(&lower) {
        return f;
    }
    if looks_like_text(&bytes[..bytes.len().min(4096)]) {
        return Format::Text;
    }
    Format::Unknown
}

fn skip_bom_and_space(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

/// The first bytes of a text file as lower-case ASCII (other bytes kept), UTF-16 decoded by
/// its BOM or by its zero bytes, so that a web page saved as UTF-16 is still seen as one.
fn lower_head(bytes: &[u8]) -> Vec<u8> {
    const HEAD: usize = 4096;
    let sample = &bytes[..bytes.len().min(HEAD)];
    let utf16 = match sample {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        [b'<', 0, _, 0, ..] => Some(encoding_rs::UTF_16LE),
        [0, b'<', 0, _, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let text: Vec<u8> = match utf16 {
        Some(enc) => enc.decode(sample).0.into_owned().into_bytes(),
        None => sample.to_vec(),
    };
    skip_bom_and_space(&text)
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect()
}

/// Markup formats told apart by their first kilobytes: MIME, the Office 2003 XML
/// vocabularies, flat OpenDocument, HTML, and any other XML.
fn detect_markup(lower: &[u8]) -> Option<Format> {
    let has = |needle: &[u8]| memchr::memmem::find(lower, needle).is_some();
    // MIME headers come first; Word writes MIME-Version, other mailers From/Subject/Date.
    if lower.starts_with(b"mime-version:")
        || (has(b"content-type: multipart/related") || has(b"content-type:multipart/related"))
            && !lower.starts_with(b"<")
    {
        return Some(Format::Mhtml);
    }
    if !lower.starts_with(b"<") {
        // A budget system's export may put a line of text before its table.
        let table = has(b"<table") && (has(b"<tr") || has(b"<td"));
        return table.then_some(Format::Html);
    }
    // An `<html>` root is a web page whatever vocabularies it mentions (Excel's and Word's
    // web pages declare Office namespaces, and their XML islands name workbooks).
    if first_element_is_html(lower) {
        return Some(Format::Html);
    }
    if has(b"urn:schemas-microsoft-com:office:spreadsheet") && has(b"workbook") {
        return Some(Format::SpreadsheetMl);
    }
    if has(b"http://schemas.microsoft.com/office/word/2003/wordml") && has(b"worddocument") {
        return Some(Format::WordMl);
    }
    if has(b"<office:document") {
        if has(b"opendocument.text") {
            return Some(Format::Fodt);
        }
        if has(b"opendocument.spreadsheet") {
            return Some(Format::Fods);
        }
    }
    let html = [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<table",
        b"<meta",
    ];
    if html.iter().any(|tag| has(tag)) || has(b"urn:schemas-microsoft-com:office:word") {
        return Some(Format::Html);
    }
    if lower.starts_with(b"<?xml") {
        return Some(Format::Xml);
    }
    None
}

/// Elements a web page or a budget system's HTML fragment starts with; no XML vocabulary
/// perfsheet meets has a root of these names.
const HTML_FIRST: &[&[u8]] = &[
    b"html", b"head", b"body", b"table", b"div", b"p", b"span", b"font", b"center", b"form", b"h1",
    b"h2", b"h3", b"h4", b"h5", b"h6", b"br", b"meta", b"title", b"style", b"script", b"link",
    b"b", b"strong", b"pre", b"ul", b"ol", b"a", b"tr", b"td",
];

/// Whether the first element, after an XML declaration, processing instructions,
/// comments and a doctype, is one of HTML's (see `HTML_FIRST`).
fn first_element_is_html(lower: &[u8]) -> bool {
    let mut rest = lower;
    loop {
        rest = skip_bom_and_space(rest);
        let end = if rest.starts_with(b"<!--") {
            memchr::memmem::find(rest, b"-->").map(|k| k + 3)
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            memchr::memchr(b'>', rest).map(|k| k + 1)
        } else {
            let Some(name) = rest.strip_prefix(b"<") else {
                return false;
            };
            return HTML_FIRST.iter().any(|tag| {
                name.starts_with(tag)
                    && matches!(
                        name.get(tag.len()),
                        Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r') | None
                    )
            });
        };
        match end {
            Some(k) => rest = &rest[k..],
            None => return false,
        }
    }
}

fn looks_like_text(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return false;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        // A multi-byte character cut at the sample's end is still text.
        Err(e) => e.valid_up_to() + 4 >= sample.len() && e.error_len().is_none(),
    }
}

fn detect_zip(bytes: &[u8]) -> Format {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Zip magic but no readable central directory: a truncated or damaged Office file.
        return Format::Zip;
    };
    let has = |name: &str| archive.index_for_name(name).is_some();
    // What the package says its main part is wins: a workbook saved macro-enabled is xlsm
    // whether or not its macros were kept.
    let declared = content_types(bytes).unwrap_or_default();
    let macro_enabled = |kind: &str| declared.contains(&format!("{kind}.macroenabled.main"));
    if has("word/document.xml") {
        return if macro_enabled("ms-word.document") || has("word/vbaProject.bin") {
            Format::Docm
        } else {
            Format::Docx
        };
    }
    if has("xl/workbook.xml") {
        return if macro_enabled("ms-excel.sheet") || has("xl/vbaProject.bin") {
            Format::Xlsm
        } else {
            Format::Xlsx
        };
    }
    if has("xl/workbook.bin") {
        return Format::Xlsb;
    }
    let content_types = archive.index_for_name("[Content_Types].xml").is_some();
    let mimetype = archive
        .index_for_name("mimetype")
        .and_then(|i| {
            let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
            let file = archive.by_index(i).ok()?;
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::io::Read::take(file, 200), &mut s).ok()?;
            Some(s)
        })
        .unwrap_or_default();
    if mimetype.contains("opendocument.text") {
        return Format::Odt;
    }
    if mimetype.contains("opendocument.spreadsheet") {
        return Format::Ods;
    }
    if content_types {
        // An OOXML package whose main part has another name; the readers find it through
        // the relationships, so treat it by its content type.
        if let Some(f) = detect_ooxml_by_content_types(bytes) {
            return f;
        }
    }
    Format::Zip
}

/// The package's `[Content_Types].xml`, lower-cased (its head: the overrides of the main
/// parts come first in every writer seen).
fn content_types(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let file = archive.by_name("[Content_Types].xml").ok()?;
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(file, 64 * 1024), &mut s).ok()?;
    Some(s.to_ascii_lowercase())
}

fn detect_ooxml_by_content_types(bytes: &[u8]) -> Option<Format> {
    let s = content_types(bytes)?;
    if s.contains("ms-word.document.macroenabled.main") {
        Some(Format::Docm)
    } else if s.contains("wordprocessingml.document.main") {
        Some(Format::Docx)
    } else if s.contains("ms-excel.sheet.macroenabled.main") {
        Some(Format::Xlsm)
    } else if s.contains("spreadsheetml.sheet.main") {
        Some(Format::Xlsx)
    } else {
        None
    }
}

fn detect_cfb(bytes: &[u8]) -> Format {
    let Ok(file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return detect_broken_cfb(bytes);
    };
    let names: Vec<String> = file
        .read_root_storage()
        .map(|e| e.name().to_string())
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("EncryptionInfo") || has("EncryptedPackage") {
        Format::EncryptedOffice
    } else if has("WordDocument") {
        Format::Doc
    } else if has("Workbook") || has("Book") {
        Format::Xls
    } else {
        Format::OtherCfb
    }
}

/// A container the cfb crate refuses (a non-standard sector layout, a short last sector)
/// may still be recognisable by the UTF-16 stream names in its directory: an encrypted
/// package must be reported as encrypted, not as damaged.
fn detect_broken_cfb(bytes: &[u8]) -> Format {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        Format::EncryptedOffice
    } else {
        Format::BrokenCfb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtf_after_a_bom_or_white_space_whatever_the_name() {
        assert_eq!(detect(b"\xEF\xBB\xBF{\\rtf1\\ansi x}"), Format::Rtf);
        assert_eq!(detect(b"\r\n \t{\\rtf1\\ansi\\ansicpg936 x}"), Format::Rtf);
        // Word writes {\rtf1; readers accept any version digit, or none.
        assert_eq!(detect(b"{\\rtf\\ansi x}"), Format::Rtf);
        assert_ne!(detect(b"x{\\rtf1 x}"), Format::Rtf);
    }

    #[test]
    fn by_magic() {
        assert_eq!(detect(b""), Format::Empty);
        assert_eq!(detect(b"{\\rtf1\\ansi hello}"), Format::Rtf);
        assert_eq!(detect(b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(detect(b"<html><body>x</body></html>"), Format::Html);
        assert_eq!(detect("部门\t名称\n".as_bytes()), Format::Text);
        assert_eq!(detect(&[0u8, 1, 2, 3, 200, 201]), Format::Unknown);
        assert_eq!(detect(b"PK\x03\x04garbage"), Format::Zip);
        assert_eq!(detect(b"7z\xBC\xAF\x27\x1C\x00\x04"), Format::SevenZip);
        assert_eq!(detect(b"Rar!\x1A\x07\x01\x00"), Format::Rar);
    }

    /// A package's declared main part decides docx/docm and xlsx/xlsm.
    #[test]
    fn macro_enabled_packages_by_their_content_types() {
        use std::io::Write;
        let package = |main: &str, content_type: &str, extra: Option<&str>| {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default();
            let types = format!(
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/{main}" ContentType="{content_type}"/></Types>"#
            );
            zip.start_file("[Content_Types].xml", opts).unwrap();
            zip.write_all(types.as_bytes()).unwrap();
            zip.start_file(main, opts).unwrap();
            zip.write_all(b"<x/>").unwrap();
            if let Some(name) = extra {
                zip.start_file(name, opts).unwrap();
                zip.write_all(b"vba").unwrap();
            }
            zip.finish().unwrap().into_inner()
        };
        let xlsm = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
        let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
        let docm = "application/vnd.ms-word.document.macroEnabled.main+xml";
        let docx =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
        assert_eq!(
            detect(&package("xl/workbook.xml", xlsm, None)),
            Format::Xlsm
        );
        assert_eq!(
            detect(&package("xl/workbook.xml", xlsx, None)),
            Format::Xlsx
        );
        assert_eq!(
            detect(&package("xl/workbook.xml", xlsx, Some("xl/vbaProject.bin"))),
            Format::Xlsm
        );
        assert_eq!(
            detect(&package("word/document.xml", docm, None)),
            Format::Docm
        );
        assert_eq!(
            detect(&package("word/document.xml", docx, None)),
            Format::Docx
        );
        assert_eq!(detect(&package("xl/book.xml", xlsm, None)), Format::Xlsm);
    }

    #[test]
    fn markup_by_its_vocabulary() {
        let cases: &[(&str, Format)] = &[
            (
                "<!DOCTYPE html><html><body><table></table></body></html>",
                Format::Html,
            ),
            (
                "\n\n<table border=1><tr><td>部门</td></tr></table>",
                Format::Html,
            ),
            (
                "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">",
                Format::Html,
            ),
            (
                "<?xml version=\"1.0\"?><html><body>x</body></html>",
                Format::Html,
            ),
            (
                "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"",
                Format::Mhtml,
            ),
            (
                "From: <Saved by Windows Internet Explorer 8>\r\nSubject: x\r\nContent-Type: multipart/related;\r\n",
                Format::Mhtml,
            ),
            (
                "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">",
                Format::SpreadsheetMl,
            ),
            (
                "<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\">",
                Format::WordMl,
            ),
            (
                "<?xml version=\"1.0\"?><office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:mimetype=\"application/vnd.oasis.opendocument.text\">",
                Format::Fodt,
            ),
            (
                "<?xml version=\"1.0\"?><office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">",
                Format::Fods,
            ),
            (
                "<?xml version=\"1.0\"?><catalog><book/></catalog>",
                Format::Xml,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text.as_bytes()), *want, "{text}");
        }
        // Web pages as real files start: a comment, a script, text before the table,
        // Excel's and Word's namespaces, an XHTML prolog.
        let pages: &[&str] = &[
            "<!--\n  Licensed to the Apache Software Foundation\n-->\n<html><head>",
            "<script language=\"javascript\">function f(){}</script>\n<html><body>",
            "2024年部门整体绩效目标表\r\n<table border=1><tr><td>部门</td></tr></table>",
            "\u{feff}\r\n\r\n<table><tr><td>部门</td></tr></table>",
            "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"><head><!--[if gte mso 9]><xml><x:ExcelWorkbook>",
            "<html xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta name=ProgId content=Word.Document>",
            "<div><div><div>",
            "<p class=MsoNormal>部门</p>",
            "<font size=4><b>2024年部门整体绩效目标表</b></font>",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        ];
        for page in pages {
            assert_eq!(detect(page.as_bytes()), Format::Html, "{page}");
        }
        // Text that merely mentions a tag is still text.
        assert_eq!(
            detect("说明：请勿在表格中使用 <table> 标签\n".as_bytes()),
            Format::Text
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<html><body>表</body></html>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(detect(&utf16), Format::Html);
    }
}
