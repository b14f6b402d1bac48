//! The file information block and the piece table: where the main text of a Word 97-2003
//! file lives in the WordDocument stream, and in which encoding each piece is stored.

use crate::error::{Bound, ReadError};

/// Little-endian u16 at `off`, or `None` past the end.
pub(super) fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    let s = b.get(off..off.checked_add(2)?)?;
    Some(u16::from_le_bytes(s.try_into().ok()?))
}

/// Little-endian u32 at `off`, or `None` past the end.
pub(super) fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let s = b.get(off..off.checked_add(4)?)?;
    Some(u32::from_le_bytes(s.try_into().ok()?))
}

/// The FKP page numbers a PlcBte (PlcBtePapx or PlcBteChpx) at `fc..fc+lcb` of the table
/// stream names, sorted and without repeats (several entries naming one page would
/// multiply work without adding runs). `None` when the PlcBte lies outside the stream.
pub(super) fn bte_pages(table: &[u8], fc: u32, lcb: u32) -> Option<Vec<u32>> {
    let start = fc as usize;
    let plc = start
        .checked_add(lcb as usize)
        .and_then(|end| table.get(start..end))?;
    let n = plc.len().saturating_sub(4) / 8;
    let mut pages: Vec<u32> = (0..n)
        .filter_map(|i| u32_at(plc, (n + 1) * 4 + i * 4))
        .map(|pn| pn & 0x003F_FFFF)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    Some(pages)
}

/// Little-endian i16 at `off`, or `None` past the end.
pub(super) fn i16_at(b: &[u8], off: usize) -> Option<i16> {
    u16_at(b, off).map(|v| v as i16)
}

/// A `ReadError::Corrupt` naming what was found broken.
pub(super) fn corrupt(what: &str) -> ReadError {
    ReadError::corrupt(format!("Word 97-2003 文档结构异常（{what}）"))
}

/// The message for Word 6.0/95 and older files, which store text and properties in a
/// different layout that this reader does not decode.
pub(super) const OLD_WORD_MESSAGE: &str = "这是 Word 6.0/95 或更早版本的旧格式文档，暂不支持读取；\
请用 Word 或 WPS 打开后另存为 .docx（或 Word 97-2003 .doc）格式再提交";

/// The few FIB fields this reader needs.
#[derive(Debug, Clone)]
pub(super) struct Fib {
    /// "0Table" or "1Table", by fWhichTblStm.
    pub table_stream: &'static str,
    /// Number of characters of the main document (the body, without headers or notes).
    pub ccp_text: u32,
    /// Offset and size of the Clx (piece table) in the table stream.
    pub fc_clx: u32,
    pub lcb_clx: u32,
    /// Offset and size of PlcBtePapx (paragraph property pages) in the table stream.
    pub fc_bte_papx: u32,
    pub lcb_bte_papx: u32,
    /// Offset and size of PlcBteChpx (character property pages) in the table stream.
    pub fc_bte_chpx: u32,
    pub lcb_bte_chpx: u32,
}

impl Fib {
    /// Reads FibBase, FibRgLw97 and FibRgFcLcb97 from the start of the WordDocument stream.
    pub fn parse(word: &[u8]) -> Result<Fib, ReadError> {
        let ident = u16_at(word, 0).ok_or_else(|| corrupt("WordDocument 流过短"))?;
        // Word 6/95 write 0xA5DC, Word 2.x 0xA59B/0xA5DB; their FIB has the same flags word.
        let old_word = matches!(ident, 0xA5DC | 0xA59B | 0xA5DB);
        if ident != 0xA5EC && !old_word {
            return Err(corrupt("文件标识 wIdent 不是 Word 文档"));
        }
        let nfib = u16_at(word, 2).ok_or_else(|| corrupt("FIB 过短"))?;
        let flags = u16_at(word, 0x0A).ok_or_else(|| corrupt("FIB 过短"))?;
        // fEncrypted (also set for XOR obfuscation): the text is unreadable without the key.
        if flags & 0x0100 != 0 {
            return Err(ReadError::Encrypted);
        }
        // Word 97 writes 0x00C1; betas and some writers 0x00C0/0x00C2. Below that the FIB
        // has the Word 6/95 layout, where the offsets read below mean something else.
        if old_word || nfib < 0x00C0 {
            return Err(ReadError::Unsupported(OLD_WORD_MESSAGE.into()));
        }
        let table_stream = if flags & 0x0200 != 0 {
            "1Table"
        } else {
            "0Table"
        };

        // FibBase (32 bytes), csw + FibRgW, cslw + FibRgLw, cbRgFcLcb + FibRgFcLcbBlob.
        let csw = u16_at(word, 32).ok_or_else(|| corrupt("FIB 过短"))? as usize;
        let cslw_off = 34 + csw * 2;
        let cslw = u16_at(word, cslw_off).ok_or_else(|| corrupt("FIB 过短"))? as usize;
        let rglw = cslw_off + 2;
        if cslw < 4 {
            return Err(corrupt("FibRgLw 过短"));
        }
        let ccp_text = u32_at(word, rglw + 3 * 4).ok_or_else(|| corrupt("FIB 过短"))?;
        let cb_off = rglw + cslw * 4;
        let cb_rg_fc_lcb = u16_at(word, cb_off).ok_or_else(|| corrupt("FIB 过短"))? as usize;
        let blob = cb_off + 2;
        // fcClx is pair 33 of FibRgFcLcb97.
        if cb_rg_fc_lcb < 34 {
            return Err(corrupt("FibRgFcLcb 过短"));
        }
        let pair = |i: usize| -> Result<(u32, u32), ReadError> {
            let off = blob + i * 8;
            match (u32_at(word, off), u32_at(word, off + 4)) {
                (Some(fc), Some(lcb)) => Ok((fc, lcb)),
                _ => Err(corrupt("FIB 过短")),
            }
        };
        let (fc_bte_chpx, lcb_bte_chpx) = pair(12)?;
        let (fc_bte_papx, lcb_bte_papx) = pair(13)?;
        let (fc_clx, lcb_clx) = pair(33)?;
        Ok(Fib {
            table_stream,
            ccp_text,
            fc_clx,
            lcb_clx,
            fc_bte_papx,
            lcb_bte_papx,
            fc_bte_chpx,
            lcb_bte_chpx,
        })
    }
}

/// One run of text stored contiguously in the WordDocument stream.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    /// First character position (CP) of the piece.
    pub cp_start: u32,
    /// One past the last CP.
    pub cp_end: u32,
    /// Byte offset of the first character in the WordDocument stream.
    pub fc: u32,
    /// One byte per character (cp1252) instead of UTF-16LE.
    pub compressed: bool,
    /// Property modifier applied to the piece's paragraphs and characters.
    pub prm: u16,
}

/// The Clx: the piece table plus the property lists (RgPrc) that pieces may refer to.
#[derive(Debug, Default)]
pub(super) struct Clx {
    /// Pieces in CP order.
    pub pieces: Vec<Piece>,
    /// Byte ranges of each Prc's grpprl in the table stream, indexed by Prm.igrpprl.
    pub prcs: Vec<(usize, usize)>,
}

impl Clx {
    /// Parses the Clx found at `fc`/`lcb` in the table stream.
    pub fn parse(table: &[u8], fc: u32, lcb: u32) -> Result<Clx, ReadError> {
        let start = fc as usize;
        let end = start
            .checked_add(lcb as usize)
            .ok_or_else(|| corrupt("片段表越界"))?;
        let clx = table
            .get(start..end)
            .ok_or_else(|| corrupt("片段表超出 Table 流范围"))?;
        let mut out = Clx::default();
        let mut pos = 0usize;
        // Every iteration advances `pos` by at least 3 bytes, so this ends.
        loop {
            match clx.get(pos) {
                Some(0x01) => {
                    let cb = i16_at(clx, pos + 1).ok_or_else(|| corrupt("Prc 截断"))?;
                    if cb < 0 {
                        return Err(corrupt("Prc 长度为负"));
                    }
                    let g_start = pos + 3;
                    let g_end = g_start + cb as usize;
                    if g_end > clx.len() {
                        return Err(corrupt("Prc 截断"));
                    }
                    out.prcs.push((start + g_start, start + g_end));
                    pos = g_end;
                }
                Some(0x02) => {
                    let lcb = u32_at(clx, pos + 1).ok_or_else(|| corrupt("Pcdt 截断"))? as usize;
                    let p_start = pos + 5;
                    let plc = p_start
                        .checked_add(lcb)
                        .and_then(|e| clx.get(p_start..e))
                        .ok_or_else(|| corrupt("PlcPcd 超出范围"))?;
                    out.pieces = parse_plc_pcd(plc)?;
                    return Ok(out);
                }
                _ => return Err(corrupt("Clx 中找不到片段表")),
            }
        }
    }

    /// Index of the piece holding character position `cp`.
    pub fn piece_at(&self, cp: u32) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.cp_start <= cp);
        let p = self.pieces.get(i.checked_sub(1)?)?;
        (cp < p.cp_end).then_some(p)
    }
}

/// PlcPcd: n+1 CPs followed by n 8-byte piece descriptors.
fn parse_plc_pcd(plc: &[u8]) -> Result<Vec<Piece>, ReadError> {
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(corrupt("PlcPcd 长度不符"));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    let pcd_base = (n + 1) * 4;
    for i in 0..n {
        let (Some(cp_start), Some(cp_end)) = (u32_at(plc, i * 4), u32_at(plc, i * 4 + 4)) else {
            return Err(corrupt("PlcPcd 截断"));
        };
        if cp_end < cp_start {
            return Err(corrupt("片段表字符位置倒序"));
        }
        let d = pcd_base + i * 8;
        let (Some(raw), Some(prm)) = (u32_at(plc, d + 2), u16_at(plc, d + 6)) else {
            return Err(corrupt("PlcPcd 截断"));
        };
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        pieces.push(Piece {
            cp_start,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
            prm,
        });
    }
    if pieces.windows(2).any(|w| w[1].cp_start < w[0].cp_end) {
        return Err(corrupt("片段表字符位置重叠"));
    }
    Ok(pieces)
}

/// The main document's characters as UTF-16 code units, each with the byte offset (FC) it
/// was read from, which is what paragraph properties are keyed by.
pub(super) struct MainText {
    /// UTF-16 code units in CP order.
    pub units: Vec<u16>,
    /// FC of each unit.
    pub fcs: Vec<u32>,
}

/// Reads characters `[0, ccp_text)` through the piece table.
pub(super) fn main_text(word: &[u8], clx: &Clx, ccp_text: u32) -> Result<MainText, ReadError> {
    let mut units = Vec::new();
    let mut fcs = Vec::new();
    for p in &clx.pieces {
        if p.cp_start >= ccp_text {
            break;
        }
        let n = (p.cp_end.min(ccp_text) - p.cp_start) as usize;
        // Each character occupies at least one byte of the stream, so a piece table that
        // yields more characters than the stream has bytes repeats data: refuse it before
        // allocating.
        if units.len().saturating_add(n) > word.len() {
            return Err(ReadError::too_large(
                Bound::Structure,
                "Word 文档片段表声明的字符数超过数据流大小",
            ));
        }
        let width = if p.compressed { 1 } else { 2 };
        let start = p.fc as usize;
        let bytes = start
            .checked_add(n * width)
            .and_then(|end| word.get(start..end))
            .ok_or_else(|| corrupt("文字片段超出 WordDocument 流范围"))?;
        if p.compressed {
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            // windows-1252 maps every byte to exactly one BMP character.
            for (i, ch) in decoded.chars().take(n).enumerate() {
                units.push(ch as u32 as u16);
                fcs.push(p.fc.saturating_add(i as u32));
            }
        } else {
            for (i, pair) in bytes.chunks_exact(2).enumerate() {
                units.push(u16::from_le_bytes([pair[0], pair[1]]));
                fcs.push(p.fc.saturating_add((i * 2) as u32));
            }
        }
    }
    Ok(MainText { units, fcs })
}
