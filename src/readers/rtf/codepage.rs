//! Windows code pages and font character sets of RTF, as `encoding_rs` encodings.

use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, IBM866, ISO_8859_2, ISO_8859_3, ISO_8859_4,
    ISO_8859_5, ISO_8859_6, ISO_8859_7, ISO_8859_8, ISO_8859_10, ISO_8859_13, ISO_8859_14,
    ISO_8859_15, ISO_8859_16, KOI8_R, KOI8_U, MACINTOSH, SHIFT_JIS, UTF_8, WINDOWS_874,
    WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1253, WINDOWS_1254, WINDOWS_1255,
    WINDOWS_1256, WINDOWS_1257, WINDOWS_1258, X_MAC_CYRILLIC,
};

/// The encoding of a Windows code page number (`\ansicpgN`, `\cpgN`). Code pages
/// encoding_rs does not have (OEM 437/850, Johab) are read as windows-1252, whose ASCII half
/// is right; `None` for numbers that are no code page at all.
pub(super) fn code_page(cp: i32) -> Option<&'static Encoding> {
    Some(match cp {
        874 => WINDOWS_874,
        932 => SHIFT_JIS,
        936 => GBK,
        949 => EUC_KR,
        950 => BIG5,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        866 => IBM866,
        437 | 850 | 852 | 1361 => WINDOWS_1252,
        10000 => MACINTOSH,
        10007 => X_MAC_CYRILLIC,
        20866 => KOI8_R,
        21866 => KOI8_U,
        20932 | 51932 => EUC_JP,
        28591 => WINDOWS_1252,
        28592 => ISO_8859_2,
        28593 => ISO_8859_3,
        28594 => ISO_8859_4,
        28595 => ISO_8859_5,
        28596 => ISO_8859_6,
        28597 => ISO_8859_7,
        28598 => ISO_8859_8,
        28600 => ISO_8859_10,
        28603 => ISO_8859_13,
        28604 => ISO_8859_14,
        28605 => ISO_8859_15,
        28606 => ISO_8859_16,
        54936 => GB18030,
        65001 => UTF_8,
        _ => return None,
    })
}

/// The code page of a font's `\fcharsetN`; `None` for ANSI (0), DEFAULT (1), symbol
/// fonts and unknown sets, which read bytes in the document's code page.
pub(super) fn charset_code_page(charset: i32) -> Option<i32> {
    Some(match charset {
        77 => 10000,
        128 => 932,
        129 => 949,
        130 => 1361,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        254 => 437,
        255 => 850,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_code_pages_and_charsets() {
        assert_eq!(code_page(936), Some(GBK));
        assert_eq!(code_page(950), Some(BIG5));
        assert_eq!(charset_code_page(134).and_then(code_page), Some(GBK));
        assert_eq!(charset_code_page(136).and_then(code_page), Some(BIG5));
        assert_eq!(charset_code_page(128).and_then(code_page), Some(SHIFT_JIS));
        assert_eq!(charset_code_page(0), None);
        assert_eq!(code_page(12345), None);
    }
}
