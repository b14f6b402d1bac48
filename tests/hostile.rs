//! Broken and hostile input, generated at test time (no large binaries in git): zip bombs,
//! billion laughs and external entities, truncated packages, random bytes behind each magic
//! number, a cell at XFD1048576, tables nested 500 deep, a .doc with absurd FIB offsets.
//! Each file is run through the real binary, alone, and must come back as one flagged entry
//! with the expected code, quickly, with the child's peak memory (wait4 rusage) under
//! 200 MiB. Also: odd directory entries (broken links, loops, pipes, undecodable names) are
//! all accounted for, and Ctrl-C/SIGTERM leaves the previous output untouched.

use crate::common::{assert_accounting, root};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak resident memory any single hostile file may cost the process.
const MAX_RSS_KIB: i64 = 200 * 1024;
/// Wall time allowed for one hostile file, start-up of the debug binary included.
const MAX_WALL: Duration = Duration::from_secs(1);

fn tmp(name: &str) -> PathBuf {
    crate::common::fresh_dir("hostile", name)
}

/// What one run of `perfsheet ingest FILE` gave.
struct Run {
    dataset: Value,
    wall: Duration,
    peak_rss_kib: i64,
}

impl Run {
    /// The single file's flag code, or "record".
    fn code(&self) -> String {
        match self.dataset["flagged"].as_array().and_then(|f| f.first()) {
            Some(f) => f["code"].as_str().unwrap_or("?").to_string(),
            None => "record".to_string(),
        }
    }
}

/// Runs the binary on `input`. Peak memory is the child's VmHWM, polled every millisecond
/// while it runs (a high-water mark, so only a rise in its last millisecond could be
/// missed). wait4's ru_maxrss is no use here: Linux carries the spawning test process's own
/// high-water mark into the child across exec. It is the fallback for a child that ended
/// before the first poll, as an upper bound.
fn run(input: &Path, extra: &[&str]) -> Run {
    let out = input.with_extension("out.json");
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("ingest")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("perfsheet starts");
    let pid = child.id() as libc::pid_t;
    let status_file = format!("/proc/{pid}/status");
    let mut polled: Option<i64> = None;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        if let Some(kib) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
        }) {
            polled = Some(polled.map_or(kib, |p| p.max(kib)));
        }
        // SAFETY: as above; WNOHANG returns 0 while the child runs.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4");
        std::thread::sleep(Duration::from_millis(1));
    }
    let wall = start.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{}: perfsheet did not exit cleanly (status {status:#x})",
        input.display()
    );
    drop(child);
    let dataset: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("dataset written")).expect("JSON");
    assert_accounting(&dataset, 1);
    Run {
        dataset,
        wall,
        peak_rss_kib: polled.unwrap_or(usage.ru_maxrss),
    }
}

use crate::common::one_hostile_at_a_time as one_at_a_time;

/// Runs each case and checks code, time and memory; prints a table for the report.
pub(crate) fn check_cases(cases: &[(PathBuf, &[&str], &[&str])]) {
    let _one = one_at_a_time();
    let mut failures = Vec::new();
    for (path, want, extra) in cases {
        let r = run(path, extra);
        let code = r.code();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        eprintln!(
            "hostile {:<40} {:>9} bytes  {:<18} {:>5} ms  peak {:>6} KiB",
            name.unwrap_or_default(),
            std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            code,
            r.wall.as_millis(),
            r.peak_rss_kib
        );
        if !want.contains(&code.as_str()) {
            failures.push(format!(
                "{}: got {code}, want one of {want:?}",
                path.display()
            ));
        }
        if r.wall > MAX_WALL {
            failures.push(format!("{}: took {:?}", path.display(), r.wall));
        }
        if r.peak_rss_kib > MAX_RSS_KIB {
            failures.push(format!(
                "{}: peak RSS {} KiB",
                path.display(),
                r.peak_rss_kib
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Checks that no case's output holds a local file's content (an external entity read)
/// or an entity's expansion (billion laughs): each case's `.out.json`, written by `run`.
pub(crate) fn check_nothing_leaked(cases: &[(PathBuf, &[&str], &[&str])]) {
    for (p, _, _) in cases {
        let out = std::fs::read_to_string(p.with_extension("out.json")).expect("out");
        assert!(
            !out.contains("root:"),
            "{}: file content leaked",
            p.display()
        );
        assert!(!out.contains("lollol"), "{}: entity expanded", p.display());
    }
}

// ---------------------------------------------------------------- generators

const CT_DOCX: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS_DOCX: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One part of a package: text, bytes, or text followed by `n` zero bytes.
pub(crate) enum Body<'a> {
    Text(&'a str),
    /// Binary records (an .xlsb part).
    Bytes(&'a [u8]),
    TextThenZeros(&'a str, u64),
}

/// CRC-32 (zip's, reflected 0xEDB88320), bit by bit: the parts it is used on are small.
fn crc32_update(mut crc: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// Feeds `n` zero bytes into a CRC register in O(log n): a zero bit is a linear map of the
/// register, so n bytes are that 32x32 bit matrix raised to 8n (zlib's crc32_combine trick).
fn crc32_zeros(crc: u32, n: u64) -> u32 {
    type M = [u32; 32];
    let apply = |m: &M, v: u32| (0..32).filter(|i| v >> i & 1 == 1).fold(0, |r, i| r ^ m[i]);
    let mul = |a: &M, b: &M| -> M { std::array::from_fn(|i| apply(a, b[i])) };
    let mut base: M = std::array::from_fn(|i| {
        let s = 1u32 << i;
        if s & 1 == 1 {
            (s >> 1) ^ 0xEDB8_8320
        } else {
            s >> 1
        }
    });
    let mut acc: M = std::array::from_fn(|i| 1u32 << i);
    let mut bits = n * 8;
    while bits > 0 {
        if bits & 1 == 1 {
            acc = mul(&base, &acc);
        }
        base = mul(&base, &base);
        bits >>= 1;
    }
    apply(&acc, crc)
}

/// A raw deflate stream (one fixed-Huffman block) of `head` then `zeros` zero bytes: the
/// zeros are one literal and back-references of 258 bytes at distance 1, 13 bits each, so
/// 257 MiB costs 1.7 MB and no time to make (a deflater in a debug build would take minutes).
fn deflate_text_then_zeros(head: &[u8], zeros: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, v: u32, len: u32) {
            self.acc |= u64::from(v) << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            self.put(code.reverse_bits() >> (32 - len), len);
        }
        fn literal(&mut self, b: u8) {
            match b {
                0..=143 => self.code(0x30 + u32::from(b), 8),
                _ => self.code(0x190 + u32::from(b) - 144, 9),
            }
        }
    }
    let mut w = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    w.put(0b011, 3); // BFINAL=1, BTYPE=01 (fixed Huffman)
    head.iter().for_each(|&b| w.literal(b));
    let mut left = zeros;
    if left > 0 {
        w.literal(0);
        left -= 1;
    }
    while left >= 258 {
        w.code(0xC5, 8); // length code 285: 258 bytes
        w.code(0, 5); // distance code 0: distance 1
        left -= 258;
    }
    (0..left).for_each(|_| w.literal(0));
    w.code(0, 7); // end of block
    w.put(0, 7); // flush to a byte boundary
    w.out
}

/// Writes a zip by hand (stored small parts, deflated `TextThenZeros` parts), so a part's
/// declared uncompressed size can be anything: `lie` declares that size for every
/// `TextThenZeros` part instead of the true one.
pub(crate) fn package_declaring(parts: &[(&str, Body)], lie: Option<u32>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in parts {
        let (method, data, crc, size): (u16, Vec<u8>, u32, u64) = match body {
            Body::Text(t) => (
                0,
                t.as_bytes().to_vec(),
                !crc32_update(!0, t.as_bytes()),
                t.len() as u64,
            ),
            Body::Bytes(b) => (0, b.to_vec(), !crc32_update(!0, b), b.len() as u64),
            Body::TextThenZeros(t, n) => {
                let crc = !crc32_zeros(crc32_update(!0, t.as_bytes()), *n);
                let size = lie.map_or(t.len() as u64 + n, u64::from);
                (8, deflate_text_then_zeros(t.as_bytes(), *n), crc, size)
            }
        };
        let size = u32::try_from(size).expect("no zip64 needed");
        let offset = out.len() as u32;
        let mut fields = Vec::new();
        fields.extend(20u16.to_le_bytes()); // version needed
        fields.extend(0x0800u16.to_le_bytes()); // UTF-8 names
        fields.extend(method.to_le_bytes());
        fields.extend([0, 0, 0x21, 0]); // time, date (1980-01-01)
        fields.extend(crc.to_le_bytes());
        fields.extend((data.len() as u32).to_le_bytes());
        fields.extend(size.to_le_bytes());
        fields.extend((name.len() as u16).to_le_bytes());
        fields.extend(0u16.to_le_bytes()); // extra length
        out.extend(b"PK\x03\x04");
        out.extend(&fields);
        out.extend(name.as_bytes());
        out.extend(&data);
        central.extend(b"PK\x01\x02");
        central.extend(20u16.to_le_bytes()); // version made by
        central.extend(&fields);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend([0u8; 4]); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn docx(document_xml: Body) -> Vec<u8> {
    docx_declaring(document_xml, None)
}

fn docx_declaring(document_xml: Body, lie: Option<u32>) -> Vec<u8> {
    package_declaring(
        &[
            ("[Content_Types].xml", Body::Text(CT_DOCX)),
            ("_rels/.rels", Body::Text(RELS_DOCX)),
            ("word/document.xml", document_xml),
        ],
        lie,
    )
}

const CT_XLSX: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
const RELS_XLSX: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const S_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn xlsx(sheet_xml: Body, shared_strings: Body) -> Vec<u8> {
    xlsx_declaring(sheet_xml, shared_strings, None)
}

fn xlsx_declaring(sheet_xml: Body, shared_strings: Body, lie: Option<u32>) -> Vec<u8> {
    package_declaring(
        &[
            ("[Content_Types].xml", Body::Text(CT_XLSX)),
            ("_rels/.rels", Body::Text(RELS_XLSX)),
            ("xl/workbook.xml", Body::Text(WORKBOOK)),
            ("xl/_rels/workbook.xml.rels", Body::Text(WORKBOOK_RELS)),
            ("xl/worksheets/sheet1.xml", sheet_xml),
            ("xl/sharedStrings.xml", shared_strings),
        ],
        lie,
    )
}

fn plain_sheet() -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{S_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
    )
}

fn plain_sst() -> String {
    format!(
        r#"<?xml version="1.0"?><sst xmlns="{S_NS}" count="1" uniqueCount="1"><si><t>表</t></si></sst>"#
    )
}

/// The classic: ten levels of ten references, 10^9 "lol"s if anything expanded them,
/// and external entities (a local file, a network address) nothing may fetch.
pub(crate) fn billion_laughs_dtd(root: &str) -> String {
    let mut dtd = format!(r#"<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY lol0 "lol">"#);
    for i in 1..=9 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!(r#"<!ENTITY lol{i} "{refs}">"#));
    }
    dtd.push_str(
        r#"<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>"#,
    );
    dtd
}

fn billion_laughs_docx() -> Vec<u8> {
    let xml = format!(
        r#"{}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p><w:p><w:r><w:t>&xxe;&net;</w:t></w:r></w:p></w:body></w:document>"#,
        billion_laughs_dtd("w:document")
    );
    docx(Body::Text(&xml))
}

fn billion_laughs_xlsx_sheet() -> Vec<u8> {
    let xml = format!(
        r#"{}<worksheet xmlns="{S_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c><c r="B1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"#,
        billion_laughs_dtd("worksheet")
    );
    xlsx(Body::Text(&xml), Body::Text(&plain_sst()))
}

fn billion_laughs_xlsx_shared_strings() -> Vec<u8> {
    let sst = format!(
        r#"{}<sst xmlns="{S_NS}" count="2" uniqueCount="2"><si><t>&lol9;</t></si><si><t>&xxe;</t></si></sst>"#,
        billion_laughs_dtd("sst")
    );
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{S_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>"#
    );
    xlsx(Body::Text(&sheet), Body::Text(&sst))
}

fn nested_tables_docx(depth: usize) -> Vec<u8> {
    let mut xml = format!(r#"<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>"#);
    xml.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth));
    xml.push_str("<w:p><w:r><w:t>最深处</w:t></w:r></w:p>");
    xml.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
    xml.push_str("<w:p/></w:body></w:document>");
    docx(Body::Text(&xml))
}

fn far_cell_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "部门整体绩效目标表").expect("A1");
    ws.write_string(1_048_575, 16_383, "XFD1048576")
        .expect("far cell");
    wb.save_to_buffer().expect("xlsx")
}

fn huge_dimension_xlsx() -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{S_NS}"><dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>"#
    );
    xlsx(Body::Text(&sheet), Body::Text(&plain_sst()))
}

/// xorshift64*: reproducible noise without a dependency.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

/// Patches FIB fields of the seed .doc in place: the WordDocument stream starts on a
/// sector boundary with wIdent 0xA5EC, and every field touched lies in its first sector.
fn doc_with_fib(patches: &[(usize, u32)]) -> Vec<u8> {
    let mut bytes =
        std::fs::read(root().join("fixtures/libreoffice/seed_libreoffice.doc")).expect("seed .doc");
    let fib = (512..bytes.len())
        .step_by(512)
        .find(|&o| bytes[o..o + 2] == [0xEC, 0xA5])
        .expect("FIB on a sector boundary");
    for &(at, value) in patches {
        bytes[fib + at..fib + at + 4].copy_from_slice(&value.to_le_bytes());
    }
    bytes
}

// FibRgLw97.ccpText; FibRgFcLcb97 fcPlcfBtePapx/lcbPlcfBtePapx and fcClx/lcbClx.
const CCP_TEXT: usize = 0x4C;
const FC_BTE_PAPX: usize = 0x102;
const LCB_BTE_PAPX: usize = 0x106;
const FC_CLX: usize = 0x1A2;
const LCB_CLX: usize = 0x1A6;

// ---------------------------------------------------------------- tests

#[test]
fn zip_bombs_are_refused_cheaply() {
    let dir = tmp("bombs");
    let put = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    // Inflates to 257 MiB, past the default 256 MiB limit, honestly declared.
    let head = format!(r#"<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>"#);
    let big = 257u64 << 20;
    let docx_bomb = put("bomb.docx", docx(Body::TextThenZeros(&head, big)));
    let sheet_head = format!(r#"<?xml version="1.0"?><worksheet xmlns="{S_NS}">"#);
    let xlsx_bomb = put(
        "bomb.xlsx",
        xlsx(
            Body::TextThenZeros(&sheet_head, big),
            Body::Text(&plain_sst()),
        ),
    );
    let sst_bomb = put(
        "bomb_sst.xlsx",
        xlsx(
            Body::Text(&plain_sheet()),
            Body::TextThenZeros(&sheet_head, big),
        ),
    );
    // Smaller bombs whose headers lie (declare 1 000 bytes): inflation must stop there.
    let mid = 40u64 << 20;
    let lying_docx = put(
        "bomb_lying.docx",
        docx_declaring(Body::TextThenZeros(&head, mid), Some(1000)),
    );
    let lying_xlsx = put(
        "bomb_lying.xlsx",
        xlsx_declaring(
            Body::TextThenZeros(&sheet_head, mid),
            Body::Text(&plain_sst()),
            Some(1000),
        ),
    );
    // Under a lower limit an honest 40 MiB part is a bomb too.
    let mid_docx = put("bomb_40m.docx", docx(Body::TextThenZeros(&head, mid)));
    let low: &[&str] = &["--max-inflated-mib", "16"];
    check_cases(&[
        (docx_bomb, &["too_large"], &[]),
        (xlsx_bomb, &["too_large"], &[]),
        (sst_bomb, &["too_large"], &[]),
        (lying_docx, &["corrupt"], &[]),
        (lying_xlsx, &["corrupt"], &[]),
        (mid_docx, &["too_large"], low),
    ]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn entities_are_never_expanded_or_fetched() {
    let dir = tmp("entities");
    let cases: Vec<(PathBuf, &[&str], &[&str])> = [
        ("laughs.docx", billion_laughs_docx()),
        ("laughs_sheet.xlsx", billion_laughs_xlsx_sheet()),
        ("laughs_sst.xlsx", billion_laughs_xlsx_shared_strings()),
    ]
    .into_iter()
    .map(|(name, bytes)| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        (p, &["not_a_form", "corrupt"][..], &[][..])
    })
    .collect();
    check_cases(&cases);
    // Nothing from /etc/passwd and no expansion reached any output.
    check_nothing_leaked(&cases);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn truncated_packages_are_corrupt() {
    let dir = tmp("truncated");
    let mut cases: Vec<(PathBuf, &[&str], &[&str])> = Vec::new();
    for ext in ["docx", "xlsx"] {
        let seed =
            std::fs::read(root().join(format!("fixtures/libreoffice/seed_libreoffice.{ext}")))
                .expect("seed");
        for k in 1..20 {
            let cut = seed.len() * k / 20;
            let p = dir.join(format!("cut_{k:02}_of_20.{ext}"));
            std::fs::write(&p, &seed[..cut]).expect("write");
            cases.push((p, &["corrupt"], &[]));
        }
    }
    check_cases(&cases);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn random_bytes_behind_each_magic() {
    let dir = tmp("noise");
    let mut cases: Vec<(PathBuf, &[&str], &[&str])> = Vec::new();
    for seed in 1..=3u64 {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(noise(seed, 64 * 1024));
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.extend(noise(seed + 100, 64 * 1024));
        let bare = noise(seed + 200, 64 * 1024);
        for (name, bytes, want) in [
            (format!("noise{seed}.docx"), zip, &["corrupt"][..]),
            (format!("noise{seed}.doc"), cfb, &["corrupt"][..]),
            (
                format!("noise{seed}.xls"),
                bare,
                &["unsupported_format"][..],
            ),
        ] {
            let p = dir.join(name);
            std::fs::write(&p, bytes).expect("write");
            cases.push((p, want, &[]));
        }
    }
    check_cases(&cases);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn huge_dimensions_and_deep_nesting() {
    let dir = tmp("shapes");
    let put = |name: &str, bytes: Vec<u8>| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let far = put("far_cell.xlsx", far_cell_xlsx());
    let dim = put("huge_dimension.xlsx", huge_dimension_xlsx());
    let nested = put("nested_500.docx", nested_tables_docx(500));
    let nested_deep_ok = put("nested_500_allowed.docx", nested_tables_docx(500));
    // 100 000 nested elements: both readers stop at the depth limit (a recursive parser
    // would overflow the stack and kill the whole run).
    let deep = "<x>".repeat(100_000) + &"</x>".repeat(100_000);
    let deep_sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="{S_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>深</t>{deep}</is></c></row></sheetData>{deep}</worksheet>"#
    );
    let deep_xlsx = put(
        "deep_100k.xlsx",
        xlsx(Body::Text(&deep_sheet), Body::Text(&plain_sst())),
    );
    let deep_doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>{deep}</w:body></w:document>"#
    );
    let deep_docx = put("deep_100k.docx", docx(Body::Text(&deep_doc)));
    check_cases(&[
        (far, &["not_a_form"], &[]),
        (dim, &["not_a_form"], &[]),
        // 500 tables are 1 500 levels of XML: past the default depth of 256.
        (nested, &["too_large"], &[]),
        // Allowed that deep, it is read (nested tables fold into the outer cell).
        (
            nested_deep_ok,
            &["not_a_form"],
            &["--max-xml-depth", "2000"],
        ),
        (deep_xlsx, &["too_large"], &[]),
        (deep_docx, &["too_large"], &[]),
    ]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn doc_with_absurd_fib_offsets() {
    let dir = tmp("fib");
    let variants: [(&str, &[(usize, u32)]); 5] = [
        (
            "clx_far.doc",
            &[(FC_CLX, 0xFFFF_FF00), (LCB_CLX, 0x7FFF_FFFF)],
        ),
        (
            "clx_overflow.doc",
            &[(FC_CLX, 0xFFFF_FFFF), (LCB_CLX, 0xFFFF_FFFF)],
        ),
        // Clamped to the text the pieces hold: read as the form it is.
        ("ccp_huge.doc", &[(CCP_TEXT, 0x7FFF_FFFF)]),
        (
            "papx_far.doc",
            &[(FC_BTE_PAPX, 0xFFFF_FFF0), (LCB_BTE_PAPX, 0xFFFF_FFFF)],
        ),
        (
            "papx_odd.doc",
            &[(FC_BTE_PAPX, 3), (LCB_BTE_PAPX, 0x7FFF_FFF7)],
        ),
    ];
    let cases: Vec<(PathBuf, &[&str], &[&str])> = variants
        .iter()
        .map(|(name, patches)| {
            let p = dir.join(name);
            std::fs::write(&p, doc_with_fib(patches)).expect("write");
            (p, &["corrupt", "record"][..], &[][..])
        })
        .collect();
    check_cases(&cases);
    let _ = std::fs::remove_dir_all(dir);
}

/// Broken links, loops, a pipe, an undecodable name, an empty file, a lock file and an
/// unreadable file beside a real form: each is one entry, none vanishes, none blocks.
#[cfg(unix)]
#[test]
fn odd_directory_entries_are_all_accounted_for() {
    let _one = one_at_a_time();
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tmp("odd");
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(inbox.join("sub")).expect("dir");
    std::fs::copy(
        root().join("fixtures/libreoffice/seed_libreoffice.docx"),
        inbox.join("form.docx"),
    )
    .expect("copy");
    std::fs::write(inbox.join("empty.xlsx"), b"").expect("write");
    std::fs::write(inbox.join("~$form.docx"), b"owner").expect("write");
    symlink("no/such/target.docx", inbox.join("broken.docx")).expect("link");
    symlink("self.docx", inbox.join("self.docx")).expect("link");
    symlink("ping.docx", inbox.join("pong.docx")).expect("link");
    symlink("pong.docx", inbox.join("ping.docx")).expect("link");
    symlink("..", inbox.join("sub/up")).expect("link");
    symlink("/dev/zero", inbox.join("zero.docx")).expect("link");
    let gbk_name = std::ffi::OsStr::from_bytes(b"\xB1\xED\xB8\xF1.docx"); // 表格 in GBK
    std::fs::copy(
        root().join("fixtures/libreoffice/seed_libreoffice.docx"),
        inbox.join(gbk_name),
    )
    .expect("copy");
    let not_gbk = std::ffi::OsStr::from_bytes(b"\xFF\xFE.docx");
    std::fs::write(inbox.join(not_gbk), b"x").expect("write");
    let fifo = inbox.join("pipe.docx");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let locked = inbox.join("locked.docx");
    std::fs::write(&locked, b"PK\x03\x04").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // SAFETY: no arguments, no side effects.
    let is_root = unsafe { libc::geteuid() } == 0;

    let out = dir.join("d.json");
    let output = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("ingest")
        .arg(&inbox)
        .arg("-o")
        .arg(&out)
        .args(["--timeout", "5"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let d: Value = serde_json::from_slice(&std::fs::read(&out).expect("out")).expect("json");
    let flagged: Vec<(String, String, String)> = d["flagged"]
        .as_array()
        .expect("flagged")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let code_of = |p: &str| {
        flagged
            .iter()
            .find(|f| f.0 == p)
            .map(|f| f.1.as_str())
            .unwrap_or_else(|| panic!("{p} not flagged: {flagged:#?}"))
    };
    assert_eq!(code_of("empty.xlsx"), "empty_file");
    assert_eq!(code_of("~$form.docx"), "lock_file");
    assert_eq!(code_of("broken.docx"), "unreadable");
    assert_eq!(code_of("self.docx"), "unreadable");
    assert_eq!(code_of("ping.docx"), "unreadable");
    assert_eq!(code_of("pong.docx"), "unreadable");
    assert_eq!(code_of("sub/up"), "unreadable");
    assert_eq!(code_of("zero.docx"), "unreadable");
    assert_eq!(code_of("pipe.docx"), "unreadable");
    // A GBK name is read all the same, under its GBK reading; bytes that are not GBK
    // either are listed escaped.
    assert_eq!(code_of("\\xFF\\xFE.docx"), "bad_file_name");
    if is_root {
        eprintln!("SKIP: running as root, chmod 000 does not deny reading; locked.docx is read");
        assert_eq!(code_of("locked.docx"), "corrupt");
    } else {
        assert_eq!(code_of("locked.docx"), "unreadable");
    }
    for (path, _, message) in &flagged {
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{path}: message not in Chinese: {message}"
        );
    }
    let loops = flagged.iter().filter(|f| f.2.contains("循环")).count();
    assert!(loops >= 3, "link loops say so: {flagged:#?}");
    let records = d["records"].as_array().expect("records");
    let paths: Vec<&str> = records
        .iter()
        .filter_map(|r| r["source"]["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        ["form.docx", "表格.docx"],
        "form.docx and the GBK name give records"
    );
    let gbk = &records[1]["warnings"];
    assert!(
        gbk.as_array()
            .is_some_and(|ws| ws.iter().any(|w| w["code"] == "file_name_not_utf8")),
        "{gbk}"
    );
    // 13 entries: 12 files and links in the folder plus the looping directory link.
    assert_accounting(&d, 13);
    let _ = std::fs::remove_dir_all(dir);
}

/// Waits until process `pid` has a handler for `signal` (its SigCgt mask in /proc): a
/// signal sent earlier would meet the default action, or none at all where the test runs
/// in a background job that ignores SIGINT.
#[cfg(unix)]
fn wait_until_caught(pid: u32, signal: libc::c_int) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let caught = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("SigCgt:"))
                    .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
            })
            .is_some_and(|mask| mask >> (signal - 1) & 1 == 1);
        if caught {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("perfsheet never installed its handler for signal {signal}");
}

/// A run stopped by SIGTERM or SIGINT leaves the previous output byte for byte and no
/// temporary file, and says so on stderr.
#[cfg(unix)]
#[test]
fn interrupted_runs_leave_the_previous_output() {
    let _one = one_at_a_time();
    let dir = tmp("signals");
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).expect("dir");
    let seed =
        std::fs::read(root().join("fixtures/libreoffice/seed_libreoffice.docx")).expect("seed");
    for i in 0..400 {
        std::fs::write(inbox.join(format!("f{i:03}.docx")), &seed).expect("write");
    }
    let leftovers = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d)
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };

    // JSON mode, stopped while it reads the file list from a standard input kept open.
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let out = dir.join("d.json");
        std::fs::write(&out, b"previous dataset").expect("write");
        let mut child = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
            .args(["ingest", "--files-from", "-", "-o"])
            .arg(&out)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        // Held open until the child is gone: `wait_with_output` would close it, and on a
        // loaded machine the run could then read an empty list and finish before the
        // handler's thread is scheduled.
        let stdin = child.stdin.take();
        wait_until_caught(child.id(), signal);
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let output = child.wait_with_output().expect("waits");
        drop(stdin);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(130),
            "signal {signal}: {stderr}; output now {:?}",
            std::fs::read(&out).map(|b| b.len())
        );
        assert!(stderr.contains("已中断"), "{stderr}");
        assert_eq!(std::fs::read(&out).expect("out"), b"previous dataset");
        assert!(leftovers(&dir).is_empty());
    }

    // JSONL mode, stopped while its temporary outputs are open and filling.
    let jl = dir.join("jl");
    std::fs::create_dir_all(&jl).expect("dir");
    std::fs::write(jl.join("records.jsonl"), b"previous records\n").expect("write");
    let child = Command::new(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("ingest")
        .arg(&inbox)
        .arg("--jsonl")
        .arg(&jl)
        .args(["--jobs", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let start = Instant::now();
    while leftovers(&jl).len() < 3 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(leftovers(&jl).len(), 3, "temporary outputs appear");
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let output = child.wait_with_output().expect("waits");
    assert_eq!(
        output.status.code(),
        Some(130),
        "stopped before finishing 400 files"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("已中断"));
    assert_eq!(
        std::fs::read(jl.join("records.jsonl")).expect("records"),
        b"previous records\n"
    );
    assert!(leftovers(&jl).is_empty(), "{:?}", leftovers(&jl));
    assert!(!jl.join("summary.json").exists());
    let _ = std::fs::remove_dir_all(dir);
}
