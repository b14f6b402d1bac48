//! The two containers of an OpenDocument document: the zip package (OpenDocument 1.2 Part 3
//! §3: `mimetype`, `META-INF/manifest.xml`, `content.xml`; §4.7 and §5: a manifest entry
//! with `manifest:encryption-data` is encrypted) and the flat XML document (Part 1 §3.1.2:
//! one `office:document` holding meta, settings, styles and body).
//!
//! The package's parts are inflated through `ooxml::read_entry`, under the per-file
//! inflate budget, each at most once; only the manifest (for encryption) and `content.xml`
//! (the body) are read.

use std::io::Cursor;

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::Document;
use crate::readers::ooxml::{read_entry, zip_error};
use crate::readers::xml::decode_xml;

use super::body;

const CONTENT: &str = "content.xml";
const MANIFEST: &str = "META-INF/manifest.xml";

/// Reads an .odt/.ods package.
pub fn read_package(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = limits.max_inflated_bytes;
    if let Some(manifest) = read_entry(&mut zip, MANIFEST, limits, &mut budget)?
        && declares_encryption(&manifest)
    {
        return Err(ReadError::Encrypted);
    }
    let xml = read_entry(&mut zip, CONTENT, limits, &mut budget)?.ok_or_else(|| {
        ReadError::corrupt(
            "找不到 OpenDocument 正文部件（content.xml），文件可能已损坏，请重新保存或重新发送",
        )
    })?;
    body::read(&decode_xml(&xml), limits)
}

/// Reads a flat .fodt/.fods document (the whole file is the XML).
pub fn read_flat(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    body::read(&decode_xml(bytes), limits)
}

/// Whether a manifest says any part is encrypted (Part 3 §4.8 `manifest:encryption-data`).
/// A byte search: the element name is unambiguous and the manifest is small.
fn declares_encryption(manifest: &[u8]) -> bool {
    memchr::memmem::find(manifest, b"encryption-data").is_some()
}
