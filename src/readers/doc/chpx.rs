//! Character properties, read for one purpose only: text deleted under tracked changes
//! is still stored in a .doc file, and must be left out as Word shows it (and as the docx
//! reader leaves out `w:del`).

use super::fib::{bte_pages, u32_at};
use super::papx::Sprms;

/// sprmCFRMarkDel: the character is a tracked deletion.
const SPRM_C_F_RMARK_DEL: u16 = 0x0800;

/// FC ranges of deleted characters, sorted.
pub(super) struct Deleted {
    ranges: Vec<(u32, u32)>,
}

impl Deleted {
    /// Reads PlcBteChpx and its CHPX FKP pages. Being only a filter, it skips what it
    /// cannot read instead of failing the file.
    pub fn parse(word: &[u8], table: &[u8], fc: u32, lcb: u32) -> Deleted {
        let mut ranges = Vec::new();
        for pn in bte_pages(table, fc, lcb).unwrap_or_default() {
            let off = pn as usize * 512;
            let Some(page) = off.checked_add(512).and_then(|end| word.get(off..end)) else {
                continue;
            };
            let crun = page.get(511).copied().unwrap_or(0) as usize;
            let rgb = (crun + 1) * 4;
            if rgb + crun > 511 {
                continue;
            }
            for j in 0..crun {
                let (Some(fc_start), Some(fc_end)) = (u32_at(page, j * 4), u32_at(page, j * 4 + 4))
                else {
                    break;
                };
                let b = page.get(rgb + j).copied().unwrap_or(0) as usize * 2;
                if b == 0 {
                    continue;
                }
                let cb = page.get(b).copied().unwrap_or(0) as usize;
                let Some(grpprl) = page.get(b + 1..(b + 1 + cb).min(511)) else {
                    continue;
                };
                let deleted = Sprms::new(grpprl)
                    .filter(|&(sprm, _)| sprm == SPRM_C_F_RMARK_DEL)
                    .last()
                    .is_some_and(|(_, op)| matches!(op.first(), Some(1 | 0x81)));
                if deleted && fc_start < fc_end {
                    ranges.push((fc_start, fc_end));
                }
            }
        }
        ranges.sort_unstable();
        Deleted { ranges }
    }

    /// Whether the character stored at `fc` is a tracked deletion.
    pub fn contains(&self, fc: u32) -> bool {
        let i = self.ranges.partition_point(|r| r.0 <= fc);
        i.checked_sub(1)
            .and_then(|i| self.ranges.get(i))
            .is_some_and(|r| fc < r.1)
    }
}
