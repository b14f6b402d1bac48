//! What the Word and Excel 2007+ readers share: the zip package, its relationships, entry
//! inflation under limits, and the decoding of XML parts.
//!
//! Both readers inflate each part they need exactly once, into memory, through
//! `Read::take`, and parse it from a borrowed `&str`; a part declared or found larger than
//! what is left of the per-file budget is `TooLarge` before or while inflating, whatever
//! the central directory claims.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use zip::result::ZipError;

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::readers::xml::{attr, decode_xml, unescape_lenient};

/// The package as both readers open it: borrowed bytes, never copied.
pub(crate) type Package<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Types of the package relationship that names the main part (transitional and strict).
pub(crate) const REL_OFFICE_DOCUMENT: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];

/// Maps zip errors, telling password-protected entries apart from broken archives.
pub(crate) fn zip_error(e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => ReadError::Encrypted,
        ZipError::InvalidPassword => ReadError::Encrypted,
        e => ReadError::from(e),
    }
}

/// Finds the entry whose name matches `name`, exactly or else ignoring ASCII case and
/// reading '\' as '/' (some writers disagree with their own relationship targets about
/// case, and a few zip tools on Windows store backslashes).
pub(crate) fn find_entry(zip: &Package<'_>, name: &str) -> Option<String> {
    if zip.index_for_name(name).is_some() {
        return Some(name.to_string());
    }
    zip.file_names()
        .flatten()
        .find(|n| same_entry_name(n, name))
        .map(|n| n.into_owned())
}

fn same_entry_name(a: &str, b: &str) -> bool {
    let norm = |c: u8| {
        if c == b'\\' {
            b'/'
        } else {
            c.to_ascii_lowercase()
        }
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| norm(x) == norm(y))
}

/// Inflates one entry, at most `limits.max_inflated_bytes` and at most what is left of the
/// per-file budget. `Ok(None)` when the entry does not exist.
pub(crate) fn read_entry(
    zip: &mut Package<'_>,
    name: &str,
    limits: &Limits,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, ReadError> {
    let Some(real) = find_entry(zip, name) else {
        return Ok(None);
    };
    let file = zip.by_name(&real).map_err(zip_error)?;
    let allowed = limits.max_inflated_bytes.min(*budget);
    // An entry that declares more than the limit is refused before any inflating: the zip
    // crate stops an entry that inflates past its declared size, so an honest declaration
    // is an upper bound and a lying one is caught by `take` below.
    if file.size() > allowed {
        return Err(ReadError::too_large(
            Bound::Inflated(limits.max_inflated_bytes),
            format!(
                "压缩包条目 {real} 声明解压后为 {} 字节，超过上限 {} 字节",
                file.size(),
                allowed
            ),
        ));
    }
    // The declared size is only a hint for the first allocation, never trusted beyond it.
    let hint = file.size().min(allowed).min(64 << 20) as usize;
    let mut buf = Vec::with_capacity(hint);
    file.take(allowed.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::corrupt(format!("压缩包条目 {real} 无法解压（{e}）")))?;
    if buf.len() as u64 > allowed {
        return Err(if allowed < limits.max_inflated_bytes {
            ReadError::too_large(
                Bound::Inflated(limits.max_inflated_bytes),
                format!("文件解压后内容合计超过 {} 字节", limits.max_inflated_bytes),
            )
        } else {
            ReadError::too_large(
                Bound::Inflated(limits.max_inflated_bytes),
                format!(
                    "压缩包条目 {real} 解压后超过 {} 字节",
                    limits.max_inflated_bytes
                ),
            )
        });
    }
    *budget -= buf.len() as u64;
    Ok(Some(buf))
}

/// The main part named by the package relationships, or `default` when the relationships
/// are missing, broken or point nowhere.
pub(crate) fn main_part_name(
    zip: &mut Package<'_>,
    default: &str,
    limits: &Limits,
    budget: &mut u64,
) -> Result<String, ReadError> {
    let Some(rels) = read_entry(zip, "_rels/.rels", limits, budget)? else {
        return Ok(default.into());
    };
    let rels = decode_xml(&rels);
    if let Some(target) = office_document_target(&rels)
        && find_entry(zip, &target).is_some()
    {
        return Ok(target);
    }
    Ok(default.into())
}

/// The target of the officeDocument relationship, as a zip entry name. `None` on any trouble:
/// the caller falls back to the usual name.
fn office_document_target(rels: &str) -> Option<String> {
    let e = relationship_elements(rels)
        .map_while(Result::ok)
        .find(|e| {
            attr(e, "Type").is_some_and(|t| REL_OFFICE_DOCUMENT.contains(&t.trim()))
                && !attr(e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"))
        })?;
    let target = attr(&e, "Target")?;
    let target = target.trim().trim_start_matches('/');
    let target = target.strip_prefix("./").unwrap_or(target);
    if target.is_empty() {
        return None;
    }
    Some(target.to_string())
}

/// The `<Relationship>` elements of a `.rels` part, in document order; broken XML ends the
/// run with its error (`Corrupt`).
fn relationship_elements(rels: &str) -> impl Iterator<Item = Result<BytesStart<'_>, ReadError>> {
    let mut reader = crate::readers::xml::Tokenizer::new(rels);
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().into_inner() == "Relationship" =>
                {
                    return Some(Ok(e));
                }
                Ok(Event::Eof) => done = true,
                Ok(_) => {}
                Err(e) => {
                    done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    })
}

/// One relationship of a part: `Id`, `Type` and `Target` as written (entities decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relationship {
    pub id: String,
    pub rel_type: String,
    pub target: String,
}

/// The relationships of a `.rels` part, in document order. Broken XML is `Corrupt`.
pub(crate) fn relationships(rels: &str) -> Result<Vec<Relationship>, ReadError> {
    let mut out = Vec::new();
    for e in relationship_elements(rels) {
        let e = e?;
        let Some(id) = attr(&e, "Id") else { continue };
        let text = |v: Option<&str>| unescape_lenient(v.unwrap_or_default());
        out.push(Relationship {
            id: unescape_lenient(id),
            rel_type: text(attr(&e, "Type")),
            target: text(attr(&e, "Target")),
        });
    }
    Ok(out)
}

/// The `.rels` part that holds the relationships of `part` ("xl/workbook.xml" gives
/// "xl/_rels/workbook.xml.rels").
pub(crate) fn rels_part_of(part: &str) -> String {
    let (dir, file) = split_dir(part);
    format!("{dir}_rels/{file}.rels")
}

/// A part name's folder (with its trailing '/', or empty) and file name.
pub(crate) fn split_dir(part: &str) -> (&str, &str) {
    match part.rfind('/') {
        Some(i) => part.split_at(i + 1),
        None => ("", part),
    }
}

/// The zip entry a relationship target names: absolute when it starts with '/', else
/// relative to `dir` (the source part's folder, with its trailing '/'); '.' and '..'
/// segments resolved, '\' read as '/'.
pub(crate) fn resolve_target(dir: &str, target: &str) -> String {
    let target = target.trim().replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(
            resolve_target("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve_target("xl/", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve_target("xl/", "../xl/./worksheets\\sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve_target("", "../../a.xml"), "a.xml");
        assert_eq!(
            rels_part_of("xl/workbook.xml"),
            "xl/_rels/workbook.xml.rels"
        );
        assert_eq!(rels_part_of("workbook.xml"), "_rels/workbook.xml.rels");
    }

    #[test]
    fn entry_names_ignore_case_and_backslashes() {
        assert!(same_entry_name(
            "XL\\Worksheets\\Sheet1.xml",
            "xl/worksheets/sheet1.xml"
        ));
        assert!(!same_entry_name(
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml"
        ));
    }

    #[test]
    fn relationships_read_in_order() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="t2" Target="a&amp;b.xml"/><Relationship Type="no id"/><Relationship Id="rId1" Type="t1" Target="x.xml"></Relationship></Relationships>"#;
        let r = relationships(rels).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].id.as_str(), r[0].target.as_str()),
            ("rId2", "a&b.xml")
        );
        assert_eq!(r[1].rel_type, "t1");
    }
}
