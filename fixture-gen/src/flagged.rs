//! Negative fixtures: one or more files per flag code, each built the way such a file turns
//! up in a real batch (an empty upload, a truncated e-mail attachment, a password-protected
//! file, Word's lock file left next to the document …).

use crate::model::Form;
use crate::render_xlsx::{self, Sheet};
use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// (file name under fixtures/flagged, expected code, bytes)
pub type Flagged = (String, &'static str, Vec<u8>);

fn zip_opts(m: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(m)
        .last_modified_time(DateTime::default())
}

fn letter_docx() -> Vec<u8> {
    let p = |s: &str| Paragraph::new().add_run(Run::new().add_text(s));
    let row = |a: &str, b: &str, c: &str| {
        TableRow::new(vec![
            TableCell::new().add_paragraph(p(a)),
            TableCell::new().add_paragraph(p(b)),
            TableCell::new().add_paragraph(p(c)),
        ])
    };
    let doc = Docx::new()
        .add_paragraph(p("关于报送2024年度政务信息工作联系人的函"))
        .add_paragraph(p("市财政局："))
        .add_paragraph(p(
            "根据《关于做好2024年度政务信息报送工作的通知》要求，现将我局政务信息工作联系人报送如下：",
        ))
        .add_table(Table::new(vec![
            row("姓名", "职务", "联系电话"),
            row("张伟", "办公室主任", "0710-3512200"),
            row("李娜", "信息员", "0710-3512201"),
        ]))
        .add_paragraph(p("特此函告。"))
        .add_paragraph(p("襄阳市交通运输局办公室"))
        .add_paragraph(p("2024年1月15日"));
    crate::render_docx::pack(doc)
}

fn purchase_xlsx() -> Vec<u8> {
    let rows = [
        ["序号", "品名", "规格", "数量", "单价（元）", "金额（元）"],
        ["1", "A4复印纸", "70g", "50", "23.5", "1175"],
        ["2", "签字笔", "0.5mm", "200", "1.8", "360"],
        ["3", "文件盒", "55mm", "100", "6", "600"],
        ["", "合计", "", "", "", "2135"],
    ];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
    render_xlsx::render(&[Sheet::Plain("办公用品采购清单", rows)])
}

fn garbage_docx() -> Vec<u8> {
    // A well-formed zip whose main part's deflate stream is overwritten: opening works,
    // inflating word/document.xml fails.
    let good = letter_docx();
    let mut archive = zip::ZipArchive::new(Cursor::new(good.clone()))
        .unwrap_or_else(|e| panic!("letter zip: {e}"));
    let (start, len) = {
        let f = archive
            .by_name("word/document.xml")
            .unwrap_or_else(|e| panic!("letter zip: {e}"));
        (
            f.data_start().unwrap_or_else(|| panic!("no data start")),
            f.compressed_size(),
        )
    };
    let mut out = good;
    for (k, b) in out[start as usize..(start + len) as usize]
        .iter_mut()
        .enumerate()
    {
        *b = 0xFF ^ (k as u8).wrapping_mul(31);
    }
    out
}

fn odt() -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let put = |z: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, m, data: &str| {
        z.start_file(name, zip_opts(m))
            .unwrap_or_else(|e| panic!("odt: {e}"));
        z.write_all(data.as_bytes())
            .unwrap_or_else(|e| panic!("odt: {e}"));
    };
    put(
        &mut z,
        "mimetype",
        CompressionMethod::Stored,
        "application/vnd.oasis.opendocument.text",
    );
    put(
        &mut z,
        "META-INF/manifest.xml",
        CompressionMethod::Deflated,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    );
    put(
        &mut z,
        "content.xml",
        CompressionMethod::Deflated,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>部门整体绩效目标</text:p><text:p>部门（单位）名称：孝感市民政局</text:p></office:text></office:body></office:document-content>"#,
    );
    z.finish()
        .unwrap_or_else(|e| panic!("odt: {e}"))
        .into_inner()
}

fn encrypted() -> Vec<u8> {
    let mut c =
        cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap_or_else(|e| panic!("cfb: {e}"));
    // Agile encryption header (version 4.4) followed by its XML descriptor, as Office writes.
    let mut info = vec![4u8, 0, 4, 0, 0x40, 0, 0, 0];
    info.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAECAwQFBgcICQoLDA0ODw=="/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="EBESExQVFhcYGRobHB0eHw=="/></keyEncryptor></keyEncryptors></encryption>"#,
    );
    let mut package = 8192u64.to_le_bytes().to_vec();
    package.extend((0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    for (name, data) in [("/EncryptionInfo", info), ("/EncryptedPackage", package)] {
        let mut s = c.create_stream(name).unwrap_or_else(|e| panic!("cfb: {e}"));
        s.write_all(&data).unwrap_or_else(|e| panic!("cfb: {e}"));
    }
    let epoch = std::time::UNIX_EPOCH;
    c.set_created_time("/", epoch).ok();
    c.set_modified_time("/", epoch).ok();
    c.flush().unwrap_or_else(|e| panic!("cfb: {e}"));
    c.into_inner().into_inner()
}

/// A docx whose document.xml inflates past 256 MiB while the file stays a few hundred KB.
fn too_large() -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let put = |z: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, data: &[u8]| {
        z.start_file(name, zip_opts(CompressionMethod::Deflated))
            .unwrap_or_else(|e| panic!("bomb: {e}"));
        z.write_all(data).unwrap_or_else(|e| panic!("bomb: {e}"));
    };
    put(
        &mut z,
        "[Content_Types].xml",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    );
    put(
        &mut z,
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    z.start_file(
        "word/document.xml",
        zip_opts(CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(true),
    )
    .unwrap_or_else(|e| panic!("bomb: {e}"));
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>perf</w:t></w:r></w:p>"#)
        .unwrap_or_else(|e| panic!("bomb: {e}"));
    // 1 MiB of empty paragraphs padded with spaces (16 × 64 KiB), written 260 times.
    let mut unit = b"<w:p/>".to_vec();
    unit.resize(64 * 1024, b' ');
    let chunk = unit.repeat(16);
    for _ in 0..260 {
        z.write_all(&chunk).unwrap_or_else(|e| panic!("bomb: {e}"));
    }
    z.write_all(b"</w:body></w:document>")
        .unwrap_or_else(|e| panic!("bomb: {e}"));
    z.finish()
        .unwrap_or_else(|e| panic!("bomb: {e}"))
        .into_inner()
}

/// Word's owner ("lock") file: 162 bytes, user name in ANSI then in UTF-16.
fn lock_file() -> Vec<u8> {
    let user = "zhangwei";
    let mut b = vec![user.len() as u8];
    b.extend_from_slice(user.as_bytes());
    b.resize(54, b' ');
    b.extend_from_slice(&(user.len() as u16).to_le_bytes());
    for u in user.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b.resize(162, 0);
    b
}

/// A web page saved under a .doc name, holding only the first row of a form (its title is
/// the page's `<title>`, which a browser does not show in the page): read, but no form.
fn saved_web_page() -> &'static str {
    concat!(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" ",
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta charset=\"utf-8\">",
        "<title>部门整体绩效目标表</title></head><body><table><tr><td>部门（单位）名称</td>",
        "<td>某局</td></tr></table></body></html>\n"
    )
}

/// Every negative fixture.
pub fn all(sample_form: &Form) -> Vec<Flagged> {
    let good = crate::render_docx::render(sample_form);
    let truncated = good[..good.len() * 2 / 5].to_vec();
    let rtf = "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}\n\\viewkind4\\uc1\\pard\\f0\\fs24 \\'b2\\'bf\\'c3\\'c5\\'d5\\'fb\\'cc\\'e5\\'bc\\'a8\\'d0\\'a7\\'c4\\'bf\\'b1\\'ea\\'b1\\'ed\\par\n}\n";
    let pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n";
    vec![
        ("空文件.docx".into(), "empty_file", Vec::new()),
        ("传输中断.docx".into(), "corrupt", truncated),
        ("损坏的压缩包.docx".into(), "corrupt", garbage_docx()),
        (
            "另存为RTF.doc".into(),
            "not_a_form",
            rtf.as_bytes().to_vec(),
        ),
        (
            "扫描件.pdf".into(),
            "unsupported_format",
            pdf.as_bytes().to_vec(),
        ),
        ("开源格式.odt".into(), "not_a_form", odt()),
        ("联系人报送函.docx".into(), "not_a_form", letter_docx()),
        (
            "网页另存为.doc".into(),
            "not_a_form",
            saved_web_page().as_bytes().to_vec(),
        ),
        (
            "办公用品采购清单.xlsx".into(),
            "not_a_form",
            purchase_xlsx(),
        ),
        ("加密文件.docx".into(), "encrypted", encrypted()),
        ("超大文档.docx".into(), "too_large", too_large()),
        ("~$某文件.docx".into(), "lock_file", lock_file()),
    ]
    .into_iter()
    .chain(crate::flag_forms::all())
    .collect()
}
