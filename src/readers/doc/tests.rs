//! Builds small Word 97 files in memory (FIB, one UTF-16 piece, PAPX FKP pages) and
//! reads them like a department's form.

use super::*;
use crate::model::grid::{Cell, Grid, GridKind};
use std::io::Write;

/// One paragraph-level unit of a test document.
enum P<'a> {
    /// A body paragraph.
    Para(&'a str),
    /// A paragraph inside a table cell that does not end the cell.
    CellPara(&'a str),
    /// The last paragraph of a cell (ends with a cell mark).
    Cell(&'a str),
    /// A row end mark with cell boundaries, TC80 flag words and extra table sprms.
    RowEnd(&'a [i16], &'a [u16], &'a [u8]),
}

const IN_TABLE: &[u8] = &[0x16, 0x24, 0x01];

fn tdef_table(centers: &[i16], tcgrf: &[u16]) -> Vec<u8> {
    let n = centers.len() - 1;
    let mut body = vec![n as u8];
    for c in centers {
        body.extend_from_slice(&c.to_le_bytes());
    }
    for i in 0..n {
        let mut tc = [0u8; 20];
        tc[..2].copy_from_slice(&tcgrf.get(i).copied().unwrap_or(0).to_le_bytes());
        body.extend_from_slice(&tc);
    }
    let mut out = vec![0x08, 0xD6];
    out.extend_from_slice(&((body.len() + 1) as u16).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Text and one grpprl per paragraph (ending at the paragraph's mark).
fn layout(paras: &[P]) -> (Vec<u16>, Vec<Vec<u8>>) {
    let mut text = Vec::new();
    let mut grpprls = Vec::new();
    for p in paras {
        let (s, mark, g) = match p {
            P::Para(s) => (*s, 0x0D, Vec::new()),
            P::CellPara(s) => (*s, 0x0D, IN_TABLE.to_vec()),
            P::Cell(s) => (*s, 0x07, IN_TABLE.to_vec()),
            P::RowEnd(c, t, extra) => {
                let mut g = IN_TABLE.to_vec();
                g.extend_from_slice(&[0x17, 0x24, 0x01]);
                g.extend_from_slice(&tdef_table(c, t));
                g.extend_from_slice(extra);
                ("", 0x07, g)
            }
        };
        text.extend(s.encode_utf16());
        text.push(mark);
        grpprls.push(g);
    }
    (text, grpprls)
}

const TEXT_FC: usize = 2048;

/// A whole .doc file. `compressed` stores the text as cp1252 bytes.
fn build(paras: &[P], flags_extra: u16, nfib: u16, compressed: bool) -> Vec<u8> {
    let (word, table) = build_streams(paras, flags_extra, nfib, compressed);
    pack(&word, &table)
}

/// The WordDocument and 1Table streams of a test document.
fn build_streams(paras: &[P], flags_extra: u16, nfib: u16, compressed: bool) -> (Vec<u8>, Vec<u8>) {
    let (text, grpprls) = layout(paras);
    let width = if compressed { 1 } else { 2 };
    // Paragraph FC ranges.
    let mut runs = Vec::new();
    let mut start = 0usize;
    let mut cp = 0usize;
    for (p, g) in paras.iter().zip(grpprls) {
        let len = match p {
            P::Para(s) | P::CellPara(s) | P::Cell(s) => s.encode_utf16().count() + 1,
            P::RowEnd(..) => 1,
        };
        cp += len;
        let end = cp;
        runs.push((
            (TEXT_FC + start * width) as u32,
            (TEXT_FC + end * width) as u32,
            g,
        ));
        start = end;
    }
    let text_end = TEXT_FC + text.len() * width;
    let first_pn = text_end.div_ceil(512) + 1;

    // FKP pages, filled greedily.
    let mut pages: Vec<[u8; 512]> = Vec::new();
    let mut bte: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let mut page = [0u8; 512];
        let mut crun = 0usize;
        let mut top = 511usize;
        let mut placed: Vec<(usize, usize)> = Vec::new();
        while i + crun < runs.len() {
            let g = &runs[i + crun].2;
            let papx_len = 2 + g.len();
            let size = if papx_len % 2 == 1 {
                1 + papx_len
            } else {
                2 + papx_len
            };
            let new_top = (top - size) & !1;
            let header = (crun + 2) * 4 + (crun + 1) * 13;
            if new_top < header {
                break;
            }
            placed.push((new_top, i + crun));
            top = new_top;
            crun += 1;
        }
        assert!(crun > 0, "a paragraph's properties do not fit a page");
        for (j, &(off, ri)) in placed.iter().enumerate() {
            let (fs, _, g) = &runs[ri];
            page[j * 4..j * 4 + 4].copy_from_slice(&fs.to_le_bytes());
            let papx_len = 2 + g.len();
            let body_at = if papx_len % 2 == 1 {
                page[off] = papx_len.div_ceil(2) as u8;
                off + 1
            } else {
                page[off] = 0;
                page[off + 1] = (papx_len / 2) as u8;
                off + 2
            };
            page[body_at + 2..body_at + 2 + g.len()].copy_from_slice(g);
            page[(crun + 1) * 4 + j * 13] = (off / 2) as u8;
        }
        let last_end = runs[i + crun - 1].1;
        page[crun * 4..crun * 4 + 4].copy_from_slice(&last_end.to_le_bytes());
        page[511] = crun as u8;
        bte.push((runs[i].0, (first_pn + pages.len()) as u32));
        pages.push(page);
        i += crun;
    }

    let mut word = vec![0u8; first_pn * 512];
    word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    word[2..4].copy_from_slice(&nfib.to_le_bytes());
    word[0x0A..0x0C].copy_from_slice(&(0x0200u16 | flags_extra).to_le_bytes());
    word[32..34].copy_from_slice(&14u16.to_le_bytes());
    word[62..64].copy_from_slice(&22u16.to_le_bytes());
    word[76..80].copy_from_slice(&(text.len() as u32).to_le_bytes());
    word[152..154].copy_from_slice(&0x5Du16.to_le_bytes());
    for (k, &u) in text.iter().enumerate() {
        if compressed {
            let ch = String::from_utf16_lossy(&[u]);
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&ch);
            word[TEXT_FC + k] = bytes[0];
        } else {
            word[TEXT_FC + 2 * k..TEXT_FC + 2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
    }
    for p in &pages {
        word.extend_from_slice(p);
    }

    // Table stream: Clx, then PlcBtePapx.
    let mut table = vec![0x02];
    table.extend_from_slice(&16u32.to_le_bytes());
    table.extend_from_slice(&0u32.to_le_bytes());
    table.extend_from_slice(&(text.len() as u32).to_le_bytes());
    table.extend_from_slice(&0u16.to_le_bytes());
    let fc = if compressed {
        (TEXT_FC as u32 * 2) | 0x4000_0000
    } else {
        TEXT_FC as u32
    };
    table.extend_from_slice(&fc.to_le_bytes());
    table.extend_from_slice(&0u16.to_le_bytes());
    let lcb_clx = table.len() as u32;
    let fc_bte = table.len() as u32;
    for (f, _) in &bte {
        table.extend_from_slice(&f.to_le_bytes());
    }
    table.extend_from_slice(&(runs.last().map_or(0, |r| r.1)).to_le_bytes());
    for (_, pn) in &bte {
        table.extend_from_slice(&pn.to_le_bytes());
    }
    let lcb_bte = table.len() as u32 - fc_bte;
    let blob = 154;
    word[blob + 13 * 8..blob + 13 * 8 + 4].copy_from_slice(&fc_bte.to_le_bytes());
    word[blob + 13 * 8 + 4..blob + 13 * 8 + 8].copy_from_slice(&lcb_bte.to_le_bytes());
    word[blob + 33 * 8..blob + 33 * 8 + 4].copy_from_slice(&0u32.to_le_bytes());
    word[blob + 33 * 8 + 4..blob + 33 * 8 + 8].copy_from_slice(&lcb_clx.to_le_bytes());
    (word, table)
}

/// Wraps the two streams in a CFB container.
fn pack(word: &[u8], table: &[u8]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/WordDocument")
        .unwrap()
        .write_all(word)
        .unwrap();
    cf.create_stream("/1Table")
        .unwrap()
        .write_all(table)
        .unwrap();
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

fn doc(paras: &[P]) -> Vec<u8> {
    build(paras, 0, 0x00C1, false)
}

fn read_ok(bytes: &[u8]) -> Vec<Block> {
    let d = read(bytes, &Limits::default()).unwrap();
    assert_eq!(d.parts.len(), 1);
    d.parts.into_iter().next().unwrap().blocks
}

fn only_grid(blocks: &[Block]) -> &Grid {
    let grids: Vec<&Grid> = blocks.iter().filter_map(Block::as_table).collect();
    assert_eq!(grids.len(), 1, "{blocks:?}");
    grids[0]
}

fn cell(g: &Grid, row: u32, col: u32) -> &Cell {
    g.cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .unwrap_or_else(|| panic!("no anchor at r{row} c{col}: {:?}", g.cells))
}

/// TC80 flag words.
const V_RESTART: u16 = 0x0060;
const V_CONT: u16 = 0x0020;
const H_FIRST: u16 = 0x0001;
const H_MERGED: u16 = 0x0002;

#[test]
fn form_head_with_row_and_column_merges() {
    let bytes = doc(&[
        P::Para("部门整体绩效目标"),
        P::Para("单位：万元"),
        // Row 1: label + a value spanning the three right columns.
        P::CellPara("部门（单位）"),
        P::Cell("名称"),
        P::Cell("鄂州市乡村振兴局"),
        P::RowEnd(&[0, 1000, 4000], &[], &[]),
        // Rows 2-3: "部门总体\n资金情况" merged down two rows.
        P::CellPara("部门总体"),
        P::Cell("资金情况"),
        P::Cell("财政拨款"),
        P::Cell("100"),
        P::Cell("100%"),
        P::RowEnd(&[0, 1000, 2000, 3000, 4000], &[V_RESTART], &[]),
        P::Cell(""),
        P::Cell("合  计"),
        P::Cell("100"),
        P::Cell("100%"),
        P::RowEnd(&[0, 1000, 2000, 3000, 4000], &[V_CONT], &[]),
        P::Para("注：本表"),
    ]);
    let blocks = read_ok(&bytes);
    assert!(matches!(&blocks[0], Block::Paragraph(p) if p.text == "部门整体绩效目标"));
    assert!(matches!(&blocks[1], Block::Paragraph(p) if p.text == "单位：万元"));
    assert!(matches!(&blocks[3], Block::Paragraph(p) if p.text == "注：本表"));
    let g = only_grid(&blocks);
    assert_eq!(g.kind, GridKind::Table { index: 1 });
    assert_eq!((g.n_rows, g.n_cols), (3, 4));
    let name = cell(g, 0, 1);
    assert_eq!((name.text.as_str(), name.col_span), ("鄂州市乡村振兴局", 3));
    assert_eq!(cell(g, 0, 0).text, "部门（单位）\n名称");
    let funds = cell(g, 1, 0);
    assert_eq!(
        (funds.text.as_str(), funds.row_span),
        ("部门总体\n资金情况", 2)
    );
    assert_eq!(cell(g, 2, 1).text, "合  计");
    assert!(!g.cells.iter().any(|c| c.row == 2 && c.col == 0));
    assert_eq!((cell(g, 2, 3).src_row, cell(g, 2, 3).src_col), (3, 4));
}

#[test]
fn word97_horizontal_merge_flags_join_cells() {
    let bytes = doc(&[
        P::Cell("合并"),
        P::Cell(""),
        P::Cell("c"),
        P::RowEnd(&[0, 1000, 2000, 3000], &[H_FIRST, H_MERGED, 0], &[]),
        P::Cell("a"),
        P::Cell("b"),
        P::Cell("c"),
        P::RowEnd(&[0, 1000, 2000, 3000], &[], &[]),
    ]);
    let blocks = read_ok(&bytes);
    let g = only_grid(&blocks);
    let merged = cell(g, 0, 0);
    assert_eq!((merged.text.as_str(), merged.col_span), ("合并", 2));
    assert_eq!(cell(g, 0, 2).text, "c");
    assert_eq!(g.cells.len(), 5);
}

#[test]
fn sprm_vert_merge_and_t_merge_edit_the_row() {
    // sprmTVertMerge(itc 0, continue) and sprmTMerge(1..3) after sprmTDefTable.
    let extra = [0x2B, 0xD6, 0x02, 0x00, 0x01, 0x24, 0x56, 0x01, 0x03];
    let bytes = doc(&[
        P::Cell("运行\n成本"),
        P::Cell("x"),
        P::Cell("y"),
        P::RowEnd(&[0, 1000, 2000, 3000], &[V_RESTART], &[]),
        P::Cell(""),
        P::Cell("宽"),
        P::Cell(""),
        P::RowEnd(&[0, 1000, 2000, 3000], &[], &extra),
    ]);
    let blocks = read_ok(&bytes);
    let g = only_grid(&blocks);
    assert_eq!(cell(g, 0, 0).row_span, 2);
    let wide = cell(g, 1, 1);
    assert_eq!((wide.text.as_str(), wide.col_span), ("宽", 2));
}

#[test]
fn rows_with_different_boundaries_share_one_grid() {
    // Boundaries a few twips apart are one grid line.
    let bytes = doc(&[
        P::Cell("a"),
        P::Cell("b"),
        P::RowEnd(&[0, 1500, 3000], &[], &[]),
        P::Cell("c"),
        P::Cell("d"),
        P::Cell("e"),
        P::RowEnd(&[0, 1000, 1503, 2998], &[], &[]),
    ]);
    let blocks = read_ok(&bytes);
    let g = only_grid(&blocks);
    assert_eq!(g.n_cols, 3);
    assert_eq!(cell(g, 0, 0).col_span, 2);
    assert_eq!(cell(g, 0, 2).col_span, 1);
    assert_eq!(cell(g, 1, 2).text, "e");
}

#[test]
fn fields_keep_result_and_special_characters_map() {
    let bytes = doc(&[
        P::Para("\u{13} HYPERLINK \"http://x\" \u{14}链接\u{15}文字"),
        P::Para("a\u{0B}b\u{09}c\u{1E}d\u{1F}e\u{01}\u{08}f"),
        P::Para("\u{13} FORMCHECKBOX \u{15}勾选"),
        P::Para("\u{13} IF \u{13} REF x \u{14}1\u{15} = 1 \u{14}是\u{15}"),
    ]);
    let texts: Vec<String> = read_ok(&bytes)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(texts, ["链接文字", "a\nb\tc-def", "勾选", "是"]);
}

#[test]
fn unclosed_field_in_a_cell_does_not_swallow_the_table() {
    let bytes = doc(&[
        P::Cell("\u{13} broken"),
        P::Cell("b"),
        P::RowEnd(&[0, 100, 200], &[], &[]),
        P::Para("after"),
    ]);
    let blocks = read_ok(&bytes);
    let g = only_grid(&blocks);
    assert_eq!(cell(g, 0, 1).text, "b");
    assert!(matches!(blocks.last(), Some(Block::Paragraph(p)) if p.text == "after"));
}

#[test]
fn compressed_piece_is_cp1252() {
    let bytes = build(
        &[P::Para("\u{201C}Total\u{201D} \u{20AC}5")],
        0,
        0x00C1,
        true,
    );
    let blocks = read_ok(&bytes);
    assert!(
        matches!(&blocks[0], Block::Paragraph(p) if p.text == "\u{201C}Total\u{201D} \u{20AC}5")
    );
}

#[test]
fn encrypted_and_old_versions_are_flagged() {
    let paras = [P::Para("x")];
    let enc = build(&paras, 0x0100, 0x00C1, false);
    assert!(matches!(
        read(&enc, &Limits::default()),
        Err(ReadError::Encrypted)
    ));
    let word95 = build(&paras, 0, 0x0068, false);
    match read(&word95, &Limits::default()) {
        Err(ReadError::Unsupported(m)) => assert!(m.contains("另存为"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read(&[], &Limits::default()),
        Err(ReadError::EmptyFile)
    ));
    assert!(matches!(
        read(b"not a word file at all", &Limits::default()),
        Err(ReadError::Corrupt { .. })
    ));
}

#[test]
fn cell_limit_gives_too_large() {
    let bytes = doc(&[
        P::Cell("a"),
        P::Cell("b"),
        P::RowEnd(&[0, 100, 200], &[], &[]),
        P::Cell("c"),
        P::Cell("d"),
        P::RowEnd(&[0, 100, 200], &[], &[]),
    ]);
    let limits = Limits {
        max_cells: 3,
        ..Limits::default()
    };
    assert!(matches!(
        read(&bytes, &limits),
        Err(ReadError::TooLarge { .. })
    ));
}

#[test]
fn damaged_copies_never_panic() {
    let paras = [
        P::Para("标题"),
        P::Cell("a"),
        P::Cell("b"),
        P::RowEnd(&[0, 100, 200], &[V_RESTART, H_FIRST], &[]),
        P::Cell(""),
        P::Cell("d"),
        P::RowEnd(
            &[0, 100, 200],
            &[V_CONT, H_MERGED],
            &[0x2B, 0xD6, 0x02, 0x07, 0x03],
        ),
    ];
    let (word, table) = build_streams(&paras, 0, 0x00C1, false);
    let bytes = pack(&word, &table);
    let limits = Limits::default();
    for len in (0..bytes.len()).step_by(97) {
        let _ = read(&bytes[..len], &limits);
    }
    // Deterministic corruption (an LCG) of the container and of each stream.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 17
    };
    for round in 0..600 {
        let (mut w, mut t, mut f) = (word.clone(), table.clone(), bytes.clone());
        let target: &mut Vec<u8> = match round % 3 {
            0 => &mut w,
            1 => &mut t,
            _ => &mut f,
        };
        for _ in 0..1 + round % 6 {
            let at = next() as usize % target.len();
            target[at] = next() as u8;
        }
        if round % 3 == 2 {
            let _ = read(&f, &limits);
        } else {
            let _ = read(&pack(&w, &t), &limits);
        }
    }
}

/// Adds one CHPX FKP page marking characters `[from, to)` of the (UTF-16) text as
/// tracked deletions.
fn with_deletion(word: &mut Vec<u8>, table: &mut Vec<u8>, from: usize, to: usize, n: usize) {
    let pn = (word.len() / 512) as u32;
    let fc = |cp: usize| (TEXT_FC + cp * 2) as u32;
    let mut page = [0u8; 512];
    for (j, cp) in [0, from, to, n].iter().enumerate() {
        page[j * 4..j * 4 + 4].copy_from_slice(&fc(*cp).to_le_bytes());
    }
    // rgb: run 1 has a CHPX at word offset 200 (byte 400).
    page[16 + 1] = 200;
    page[400..404].copy_from_slice(&[3, 0x00, 0x08, 0x01]);
    page[511] = 3;
    word.extend_from_slice(&page);
    let fc_plc = table.len() as u32;
    table.extend_from_slice(&fc(0).to_le_bytes());
    table.extend_from_slice(&fc(n).to_le_bytes());
    table.extend_from_slice(&pn.to_le_bytes());
    let blob = 154 + 12 * 8;
    word[blob..blob + 4].copy_from_slice(&fc_plc.to_le_bytes());
    word[blob + 4..blob + 8].copy_from_slice(&12u32.to_le_bytes());
}

#[test]
fn tracked_deletions_are_left_out() {
    let paras = [
        P::Para("金额100万元"),
        P::Cell("旧新"),
        P::RowEnd(&[0, 100], &[], &[]),
    ];
    let (mut word, mut table) = build_streams(&paras, 0, 0x00C1, false);
    // "100" (cp 2..5) deleted in a body paragraph, then "旧" (cp 8) in a cell.
    with_deletion(&mut word, &mut table, 2, 5, 12);
    let blocks = read_ok(&pack(&word, &table));
    assert!(
        matches!(&blocks[0], Block::Paragraph(p) if p.text == "金额万元"),
        "{blocks:?}"
    );
    let (mut word, mut table) = build_streams(&paras, 0, 0x00C1, false);
    with_deletion(&mut word, &mut table, 8, 9, 12);
    let blocks = read_ok(&pack(&word, &table));
    assert_eq!(cell(only_grid(&blocks), 0, 0).text, "新");
}
