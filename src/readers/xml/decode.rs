//! The text of an XML part from its bytes, as every XML reader needs it before tokenizing.

use std::borrow::Cow;

/// Decodes an XML part: UTF-8 (with or without BOM) borrowed as is, UTF-16 by its BOM.
/// Invalid UTF-8 is replaced rather than refused: one bad byte in a run must not lose the form.
pub(crate) fn decode_xml(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::Encoding::for_bom(bytes)
            .map(|(enc, _)| enc)
            .unwrap_or(encoding_rs::UTF_16LE)
            .decode(bytes);
        // The prolog may still say encoding="UTF-16"; quick-xml reads the str as is.
        return Cow::Owned(text.into_owned());
    }
    // The strict check is the fast path (SIMD: checking every part byte by byte was 1.5% of
    // a run); the lossy one only runs on broken input.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_decode_by_their_bytes() {
        let xml = "<w:t>部门整体绩效目标表</w:t>".repeat(40);
        // Valid UTF-8 (long enough for the SIMD check's blocks) is borrowed as is, BOM or not.
        assert!(matches!(decode_xml(xml.as_bytes()), Cow::Borrowed(s) if s == xml));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), xml.as_bytes()].concat();
        assert!(matches!(decode_xml(&with_bom), Cow::Borrowed(s) if s == xml));
        // UTF-16 by its BOM.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_xml(&utf16), xml);
        // A bad byte anywhere, even deep into the part, is replaced, not fatal.
        let mut broken = xml.clone().into_bytes();
        broken[700] = 0xFF;
        let text = decode_xml(&broken);
        assert!(text.contains('\u{FFFD}') && text.len() > 600);
        assert!(
            String::from_utf8(broken).is_err(),
            "the fixture really is broken"
        );
    }
}
