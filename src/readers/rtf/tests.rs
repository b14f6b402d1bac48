//! One test per rule of the reader, from the RTF 1.9.1 specification, and what a few files
//! of the third-party corpus must read as (skipped when ../shared is not beside the crate).

use super::read;
use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::{Block, Cell, Grid, GridKind};

fn blocks(rtf: &str) -> Vec<Block> {
    blocks_of(rtf.as_bytes())
}

fn blocks_of(bytes: &[u8]) -> Vec<Block> {
    let doc = read(bytes, &Limits::default()).expect("reads");
    assert_eq!(doc.parts.len(), 1);
    doc.parts
        .into_iter()
        .next()
        .map(|p| p.blocks)
        .unwrap_or_default()
}

fn paras(rtf: &str) -> Vec<String> {
    blocks(rtf)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text),
            Block::Table(_) => None,
        })
        .collect()
}

fn text(rtf: &str) -> String {
    paras(rtf).join("\n")
}

fn tables(rtf: &str) -> Vec<Grid> {
    blocks(rtf)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(g) => Some(g),
            Block::Paragraph(_) => None,
        })
        .collect()
}

fn table(rtf: &str) -> Grid {
    let mut t = tables(rtf);
    assert_eq!(t.len(), 1, "one table");
    t.remove(0)
}

/// (row, col, row_span, col_span, text) of every stored cell.
fn shape(g: &Grid) -> Vec<(u32, u32, u32, u32, &str)> {
    g.cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
        .collect()
}

// ------------------------------------------------------------------ text decoding

#[test]
fn gbk_bytes_of_a_charset_134_font_make_one_character_per_pair() {
    // The bytes Word writes for 部门整体绩效目标表 (GB2312 font, \ansicpg936).
    let rtf = r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}
\viewkind4\uc1\pard\f0\fs24 \'b2\'bf\'c3\'c5\'d5\'fb\'cc\'e5\'bc\'a8\'d0\'a7\'c4\'bf\'b1\'ea\'b1\'ed\par
}";
    assert_eq!(paras(rtf), ["部门整体绩效目标表"]);
}

#[test]
fn a_charset_0_font_reads_the_ansi_code_page() {
    let rtf =
        r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fswiss\fcharset0 Arial;}}\f0 \'d6\'d0\'ce\'c4\par}";
    assert_eq!(text(rtf), "中文");
}

#[test]
fn each_font_has_its_own_charset() {
    let rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset136 MingLiU;}{\f2\fcharset128 MS Mincho;}{\f3\fcharset238 Calibri;}}
\f0 caf\'e9 {\f1 \'a4\'a4\'a4\'e5} {\f2 \'82\'b1\'82\'f1} {\f3 \'c8l\'e1nek}\par}";
    assert_eq!(text(rtf), "café 中文 こん Článek");
}

#[test]
fn a_shift_jis_lead_escape_joins_a_literal_trail_byte() {
    // 0x81 0x66 is ’ in Shift_JIS; Word writes the trail byte as the letter f.
    let rtf = r"{\rtf1\ansi\ansicpg932{\fonttbl{\f0\fcharset128 MS Mincho;}}\f0 \'81f\par}";
    assert_eq!(text(rtf), "\u{2019}");
}

#[test]
fn the_default_font_is_deff() {
    let rtf = r"{\rtf1\ansi\deff1{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset134 SimSun;}}\'d6\'d0{\f0\'e9}\plain\'ce\'c4\par}";
    assert_eq!(text(rtf), "中é文");
}

#[test]
fn a_font_table_without_groups_is_read() {
    let rtf = r"{\rtf1\ansi{\fonttbl\f0\fnil Monospaced;\f1\fnil\fcharset134 SimSun;}\f1 \'d6\'d0\tab x\par}";
    assert_eq!(text(rtf), "中\tx");
}

#[test]
fn unicode_escapes_skip_their_fallback_characters() {
    // LibreOffice: \u with a \'3f fallback; Word: \uc1 and a ? or a hex byte.
    assert_eq!(text(r"{\rtf1 \u37096\'3f\u38376\'3f\par}"), "部门");
    assert_eq!(
        text(r"{\rtf1\uc1 \u8201?n.\u8201?l.\par}"),
        "\u{2009}n.\u{2009}l."
    );
    // \uc2: a double-byte fallback is two escapes.
    assert_eq!(
        text(r"{\rtf1\ansi\ansicpg936\uc2 \u20013\'d6\'d0\u25991\'ce\'c4 ok\par}"),
        "中文 ok"
    );
    // \uc0: nothing to skip.
    assert_eq!(text(r"{\rtf1\uc0 \u20013\u25991 x\par}"), "中文x");
}

#[test]
fn the_fallback_skip_is_scoped_by_groups() {
    // \uc is a group property; the skip ends at a group boundary.
    assert_eq!(text(r"{\rtf1{\uc3\u20013}abc\par}"), "中abc");
    assert_eq!(text(r"{\rtf1{\uc2\u20013 a}bc\u25991 d\par}"), "中bc文");
}

#[test]
fn negative_unicode_values_are_the_upper_half() {
    assert_eq!(text(r"{\rtf1\u-4064?\par}"), "\u{f020}");
    assert_eq!(text(r"{\rtf1\u-1?\par}"), "\u{ffff}");
}

#[test]
fn surrogate_pairs_are_joined_and_lone_halves_replaced() {
    assert_eq!(text(r"{\rtf1\u-10240?\u-8398?\par}"), "\u{10332}");
    assert_eq!(
        text(r"{\rtf1\uc0 hi \u-10240  here\par lo \u-9216  here\par}"),
        "hi \u{fffd} here\nlo \u{fffd} here"
    );
}

#[test]
fn out_of_range_unicode_is_replaced() {
    assert_eq!(text(r"{\rtf1\u99999999?x\par}"), "\u{fffd}x");
    assert_eq!(text(r"{\rtf1\u-99999999?x\par}"), "\u{fffd}x");
}

#[test]
fn control_symbols() {
    assert_eq!(
        text(r"{\rtf1 a\~b\-c\_d\{e\}f\\g\par}"),
        "a\u{a0}bc-d{e}f\\g"
    );
    assert_eq!(
        text(r"{\rtf1 \ldblquote x\rdblquote\emdash y\endash z\bullet\par}"),
        "\u{201c}x\u{201d}\u{2014}y\u{2013}z\u{2022}"
    );
}

#[test]
fn line_ends_in_the_source_are_not_text() {
    assert_eq!(text("{\\rtf1 ab\r\ncd\nef\\par}"), "abcdef");
}

#[test]
fn raw_utf8_text_is_read_as_utf8() {
    assert_eq!(text("{\\rtf1\\ansi 部门整体\\par}"), "部门整体");
}

#[test]
fn a_bom_and_white_space_before_the_group_are_no_text() {
    let mut b = b"\xEF\xBB\xBF \r\n".to_vec();
    b.extend_from_slice(br"{\rtf1 x\par}");
    let got: Vec<Block> = blocks_of(&b);
    assert_eq!(got.len(), 1);
    assert!(matches!(&got[0], Block::Paragraph(p) if p.text == "x"));
}

// ------------------------------------------------------------------ destinations

#[test]
fn destinations_that_are_not_body_text_are_skipped() {
    let rtf = r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}}{\info{\title T}{\author A}}{\*\generator Gen;}
{\header H\par}{\footer F\par}{\*\themedata 0102}{\*\datastore 0304}{\*\xmlnstbl x}
{\*\listtable{\list x}}{\*\listoverridetable y}{\*\rsidtbl \rsid1}
\pard a{\*\bkmkstart b1}b{\*\bkmkend b1}c{\footnote\pard note\par}d{\pict\pngblip 89504e47}e
{\object\objemb{\*\objdata 0102}{\result R}}{\*\unknowndest z}{\listtext 1.\tab}f{\*\atnid J}{\*\annotation c}g\par}";
    assert_eq!(paras(rtf), ["abcdefg"]);
}

#[test]
fn fields_keep_their_result_only() {
    let rtf = r##"{\rtf1\pard {\f0 Before }
{\field {\*\fldinst HYPERLINK "#target" }{\fldrslt
{\field {\*\fldinst { PAGEREF "target" } }{\fldrslt 42}}
}}
{\f0  after.}
\par
{\field{\fldinst PAGE}{\fldrslt 7}}\par}"##;
    assert_eq!(paras(rtf), ["Before 42 after.", "7"]);
}

#[test]
fn deleted_revisions_are_dropped() {
    let rtf = r"{\rtf1 keep {\deleted gone}kept\deleted  also gone\deleted0  back\par}";
    assert_eq!(text(rtf), "keep kept back");
}

#[test]
fn bin_data_is_skipped_by_count() {
    let rtf = b"{\\rtf1 a{\\*\\blipuid x}{\\pict\\bin4 }}{\\}b\\par}";
    assert_eq!(blocks_of(rtf).len(), 1);
    let rtf = b"{\\rtf1 a\\bin3 {{{b\\par}";
    let got = blocks_of(rtf);
    assert!(matches!(&got[..], [Block::Paragraph(p)] if p.text == "ab"));
}

#[test]
fn unbalanced_braces_are_tolerated() {
    // EOF inside groups: what was read counts.
    assert_eq!(text(r"{\rtf1 abc{\b def"), "abcdef");
    // An extra '}' is ignored and reading goes on.
    assert_eq!(text(r"{\rtf1 a\par}}} b\par"), "a\n b");
}

#[test]
fn binary_junk_after_the_document_group_ends_it() {
    let mut b = br"{\rtf1 body\par}".to_vec();
    b.extend_from_slice(b"\r\n\x00\x00\x8f8\x11$DM\x17q|\x0e");
    let got = blocks_of(&b);
    assert!(matches!(&got[..], [Block::Paragraph(p)] if p.text == "body"));
}

// ------------------------------------------------------------------ paragraphs

#[test]
fn paragraphs_lines_and_tabs() {
    let rtf = r"{\rtf1\pard one\par\par two\line half\tab t\sect three\page four}";
    assert_eq!(paras(rtf), ["one", "two\nhalf\tt", "three", "four"]);
}

#[test]
fn white_space_paragraphs_are_kept_as_written() {
    assert_eq!(paras(r"{\rtf1 {   }{x}\par}"), ["   x"]);
}

#[test]
fn text_before_a_table_without_par_is_its_own_paragraph() {
    let rtf = r"{\rtf1\pard title\trowd\cellx1000\pard\intbl a\cell\row\pard after\par}";
    let b = blocks(rtf);
    assert_eq!(b.len(), 3);
    assert!(matches!(&b[0], Block::Paragraph(p) if p.text == "title"));
    assert!(matches!(&b[2], Block::Paragraph(p) if p.text == "after"));
}

// ------------------------------------------------------------------ tables

#[test]
fn a_simple_table_with_positions_and_cell_paragraphs() {
    let rtf = r"{\rtf1\pard before\par
\trowd\trleft-108\cellx4680\cellx9468\pard\intbl a\par a2\cell b\line b2\cell\row
\trowd\trleft-108\cellx4680\cellx9468\pard\intbl c\cell \cell\row
\pard after\par}";
    let b = blocks(rtf);
    assert_eq!(b.len(), 3);
    let Block::Table(g) = &b[1] else {
        panic!("table in the middle")
    };
    assert_eq!(g.kind, GridKind::Table { index: 1 });
    assert_eq!((g.n_rows, g.n_cols), (2, 2));
    assert_eq!(
        shape(g),
        [
            (0, 0, 1, 1, "a\na2"),
            (0, 1, 1, 1, "b\nb2"),
            (1, 0, 1, 1, "c"),
        ]
    );
    assert_eq!(
        g.cells[1],
        Cell {
            src_row: 1,
            src_col: 2,
            ..Cell::text(0, 1, "b\nb2")
        }
    );
}

#[test]
fn a_cell_ending_in_an_empty_paragraph_keeps_the_line_break() {
    let g = table(r"{\rtf1\trowd\cellx1000\pard\intbl a\par\cell\row}");
    assert_eq!(shape(&g), [(0, 0, 1, 1, "a\n")]);
}

#[test]
fn grid_columns_are_the_union_of_all_rows_boundaries() {
    let rtf = r"{\rtf1
\trowd\cellx2000\cellx6000\pard\intbl wide\cell right\cell\row
\trowd\cellx2000\cellx4000\cellx6000\pard\intbl a\cell b\cell c\cell\row
\trowd\cellx2005\cellx4003\cellx6000\pard\intbl d\cell e\cell f\cell\row}";
    let g = table(rtf);
    assert_eq!(g.n_cols, 3);
    assert_eq!(
        shape(&g),
        [
            (0, 0, 1, 1, "wide"),
            (0, 1, 1, 2, "right"),
            (1, 0, 1, 1, "a"),
            (1, 1, 1, 1, "b"),
            (1, 2, 1, 1, "c"),
            (2, 0, 1, 1, "d"),
            (2, 1, 1, 1, "e"),
            (2, 2, 1, 1, "f"),
        ]
    );
}

#[test]
fn horizontal_merges_widen_the_first_cell() {
    let rtf = r"{\rtf1
\trowd\clmgf\cellx1000\clmrg\cellx2000\cellx3000\pard\intbl merged\cell\cell x\cell\row
\trowd\cellx1000\cellx2000\cellx3000\pard\intbl a\cell b\cell c\cell\row}";
    let g = table(rtf);
    assert_eq!(
        shape(&g),
        [
            (0, 0, 1, 2, "merged"),
            (0, 2, 1, 1, "x"),
            (1, 0, 1, 1, "a"),
            (1, 1, 1, 1, "b"),
            (1, 2, 1, 1, "c"),
        ]
    );
}

#[test]
fn vertical_merges_grow_the_anchor_and_store_no_covered_cell() {
    let rtf = r"{\rtf1
\trowd\clvmgf\cellx1000\cellx2000\pard\intbl 运行成本\cell a\cell\row
\trowd\clvmrg\cellx1000\cellx2000\pard\intbl \cell b\cell\row
\trowd\clvmrg\cellx1000\cellx2000\pard\intbl \cell c\cell\row
\trowd\clvmrg\cellx1000\cellx2000\pard\intbl \cell d\cell\row}";
    let g = table(rtf);
    assert_eq!(
        shape(&g),
        [
            (0, 0, 4, 1, "运行成本"),
            (0, 1, 1, 1, "a"),
            (1, 1, 1, 1, "b"),
            (2, 1, 1, 1, "c"),
            (3, 1, 1, 1, "d"),
        ]
    );
}

#[test]
fn a_vertical_merge_continues_only_the_row_just_above() {
    let rtf = r"{\rtf1
\trowd\clvmgf\cellx1000\pard\intbl top\cell\row
\trowd\cellx1000\pard\intbl \cell\row
\trowd\clvmrg\cellx1000\pard\intbl \cell\row}";
    let g = table(rtf);
    assert_eq!(shape(&g), [(0, 0, 1, 1, "top"), (2, 0, 1, 1, "")]);
    assert_eq!(g.n_rows, 3);
}

#[test]
fn a_row_definition_repeated_after_the_cells_reads_the_same() {
    // Word 2002+: the definition before the cells and again in a group before \row.
    let rtf = r"{\rtf1
\trowd\irow0\cellx1000\cellx2000\pard\plain\intbl a\cell b\cell\pard\plain\intbl{\trowd\irow0\cellx1000\cellx2000\row}
\trowd\irow1\clvmgf\cellx1000\cellx2000\pard\plain\intbl c\cell d\cell\pard\plain\intbl{\trowd\irow1\clvmgf\cellx1000\cellx2000\row}
\trowd\irow2\clvmrg\cellx1000\cellx2000\pard\plain\intbl \cell e\cell\pard\plain\intbl{\trowd\irow2\clvmrg\cellx1000\cellx2000\row}
\pard\plain after\par}";
    let g = table(rtf);
    assert_eq!(
        shape(&g),
        [
            (0, 0, 1, 1, "a"),
            (0, 1, 1, 1, "b"),
            (1, 0, 2, 1, "c"),
            (1, 1, 1, 1, "d"),
            (2, 1, 1, 1, "e"),
        ]
    );
}

#[test]
fn a_row_without_trowd_reuses_the_previous_definition() {
    let g =
        table(r"{\rtf1\trowd\cellx1000\cellx3000\intbl a\cell b\cell\row\intbl c\cell d\cell\row}");
    assert_eq!(
        shape(&g),
        [
            (0, 0, 1, 1, "a"),
            (0, 1, 1, 1, "b"),
            (1, 0, 1, 1, "c"),
            (1, 1, 1, 1, "d")
        ]
    );
}

#[test]
fn more_cells_than_boundaries_still_get_columns() {
    let g = table(r"{\rtf1\trowd\cellx1000\intbl a\cell b\cell c\cell\row}");
    assert_eq!(
        shape(&g),
        [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b"), (0, 2, 1, 1, "c")]
    );
}

#[test]
fn tables_separated_by_a_paragraph_are_numbered_in_order() {
    let rtf = r"{\rtf1\pard t1\par
\trowd\cellx1000\intbl a\cell\row\pard\par
\trowd\cellx1000\intbl b\cell\row\pard note\par
\trowd\cellx1000\intbl c\cell\row}";
    let b = blocks(rtf);
    let kinds: Vec<String> = b
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Table(g) => g.part_name(),
        })
        .collect();
    assert_eq!(kinds, ["t1", "table 1", "table 2", "note", "table 3"]);
}

#[test]
fn nested_tables_are_flattened_into_the_cell() {
    let rtf = r"{\rtf1
\trowd\cellx3000\cellx6000\pard\intbl outer\par
\pard\intbl\itap2 n1\nestcell n2\par n2b\nestcell{\*\nesttableprops\trowd\cellx1000\cellx2000\nestrow}{\nonesttables\par}
\pard\intbl\itap2 n3\nestcell n4\nestcell{\*\nesttableprops\trowd\cellx1000\cellx2000\nestrow}{\nonesttables\par}
\pard\intbl\itap1 \cell right\cell\pard\intbl{\trowd\cellx3000\cellx6000\row}}";
    let g = table(rtf);
    assert_eq!(
        shape(&g),
        [
            (0, 0, 1, 1, "outer\nn1\tn2 n2b\nn3\tn4\n"),
            (0, 1, 1, 1, "right")
        ]
    );
    // The nested row definitions did not replace the outer one.
    assert_eq!(g.n_cols, 2);
}

#[test]
fn an_unfinished_row_at_the_end_is_kept() {
    let g = table(r"{\rtf1\trowd\cellx1000\cellx2000\intbl a\cell b");
    assert_eq!(shape(&g), [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b")]);
}

// ------------------------------------------------------------------ limits

#[test]
fn group_depth_is_bounded() {
    let mut s = String::from(r"{\rtf1 ");
    s.push_str(&"{".repeat(100_000));
    let limits = Limits::default();
    assert!(matches!(
        read(s.as_bytes(), &limits),
        Err(ReadError::TooLarge { .. })
    ));
    // Within the limit, fine.
    let mut ok = String::from(r"{\rtf1 ");
    ok.push_str(&"{".repeat(200));
    ok.push('x');
    assert_eq!(text(&ok), "x");
}

#[test]
fn cell_boundaries_and_cells_per_row_are_bounded() {
    let mut s = String::from(r"{\rtf1\trowd");
    for i in 0..20_000 {
        s.push_str(&format!("\\cellx{i}"));
    }
    assert!(matches!(
        read(s.as_bytes(), &Limits::default()),
        Err(ReadError::TooLarge { .. })
    ));
    let s = format!(r"{{\rtf1\trowd\cellx100\intbl {}", r"\cell ".repeat(20_000));
    assert!(matches!(
        read(s.as_bytes(), &Limits::default()),
        Err(ReadError::TooLarge { .. })
    ));
}

#[test]
fn kept_cells_are_bounded() {
    let limits = Limits {
        max_cells: 10,
        ..Limits::default()
    };
    let s = format!(
        r"{{\rtf1\trowd\cellx100{}}}",
        r"\intbl x\cell\row".repeat(11)
    );
    assert!(matches!(
        read(s.as_bytes(), &limits),
        Err(ReadError::TooLarge { .. })
    ));
}

#[test]
fn huge_parameters_are_harmless() {
    let got = text(r"{\rtf1{\uc2147483647\u65 abc}\par\u-2147483648 d\par}");
    assert_eq!(got, "A\n\u{fffd}");
    let g = table(r"{\rtf1\trowd\trleft-2147483648\cellx2147483647\intbl x\cell\row}");
    assert_eq!(shape(&g), [(0, 0, 1, 1, "x")]);
}

#[test]
fn rows_per_table_are_bounded_as_in_word() {
    let s = format!(
        r"{{\rtf1\trowd\cellx100{}}}",
        r"\intbl\cell\row".repeat(32_768)
    );
    assert!(matches!(
        read(s.as_bytes(), &Limits::default()),
        Err(ReadError::TooLarge { .. })
    ));
    let s = format!(
        r"{{\rtf1\trowd\cellx100{}}}",
        r"\intbl\cell\row".repeat(32_767)
    );
    assert_eq!(table(&s).n_rows, 32_767);
}

#[test]
fn many_empty_rows_store_no_cells() {
    let s = format!(
        r"{{\rtf1\trowd\cellx100\cellx200{}}}",
        r"\intbl\cell\cell\row".repeat(10_000)
    );
    let g = table(&s);
    assert!(g.cells.is_empty());
    assert_eq!(g.n_rows, 10_000);
}

// ------------------------------------------------------------------ third-party corpus

fn tika(name: &str) -> Option<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/third_party/apache__tika");
    let path = dir.join(format!(
        "tika-parsers__tika-parsers-standard__tika-parsers-standard-modules__tika-parser-microsoft-module__src__test__resources__test-documents__{name}"
    ));
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("SKIP: {} not found", path.display());
            None
        }
    }
}

fn corpus_paras(bytes: &[u8]) -> Vec<String> {
    blocks_of(bytes)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text),
            Block::Table(_) => None,
        })
        .collect()
}

#[test]
fn tika_ms932_reads_japanese() {
    let Some(b) = tika("testRTF-ms932.rtf") else {
        return;
    };
    assert_eq!(corpus_paras(&b), ["Hello", "こんにちは", "Test", "テスト"]);
}

#[test]
fn tika_unicode_gothic_reads_surrogate_pairs() {
    let Some(b) = tika("testRTFUnicodeGothic.rtf") else {
        return;
    };
    assert_eq!(
        corpus_paras(&b),
        ["\u{10332}\u{1033f}\u{10344}\u{10339}\u{10343}\u{1033a}"]
    );
}

#[test]
fn tika_wordpad_czech_reads_cp1250() {
    let Some(b) = tika("testRTFWordPadCzechCharacters.rtf") else {
        return;
    };
    let p = corpus_paras(&b);
    assert_eq!(p[0], "Článek týdne");
    assert_eq!(p[1], "Část svitku s textem Knihy Izajáš");
    assert!(p[2].starts_with("Svitky od Mrtvého moře jsou starověké židovské náboženské texty"));
    assert!(p[2].contains("p\u{159}.\u{2009}n.\u{2009}l."));
}

#[test]
fn tika_table_cell_separation_reads_a_grid() {
    let Some(b) = tika("testRTFTableCellSeparation.rtf") else {
        return;
    };
    let g: Vec<Grid> = blocks_of(&b)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(g) => Some(g),
            Block::Paragraph(_) => None,
        })
        .collect();
    assert_eq!(g.len(), 1);
    assert_eq!(
        shape(&g[0]),
        [
            (0, 0, 1, 1, "a"),
            (0, 1, 1, 1, "b"),
            (1, 0, 1, 1, "c"),
            (1, 1, 1, 1, "d"),
            (2, 0, 1, 1, "ä"),
            (2, 1, 1, 1, "ë"),
            (3, 0, 1, 1, "ö"),
            (3, 1, 1, 1, "ü"),
        ]
    );
}

// ------------------------------------------------------------------ against the docx reader

#[test]
fn a_nested_table_reads_as_its_docx_twin() {
    // testdata/nested.docx: a hand-written document.xml (title, a table whose second cell
    // holds a 2×2 table, a vertical merge, a closing paragraph); nested_libreoffice.rtf:
    // `soffice --headless --convert-to rtf nested.docx` (LibreOffice 7.4.7.2), which writes
    // the inner table with \itap2, \nestcell and \*\nesttableprops…\nestrow.
    let rtf = read(
        include_bytes!("testdata/nested_libreoffice.rtf"),
        &Limits::default(),
    );
    let docx =
        crate::readers::docx::read(include_bytes!("testdata/nested.docx"), &Limits::default());
    let (rtf, docx) = (rtf.expect("rtf reads"), docx.expect("docx reads"));
    assert_eq!(rtf, docx);
    let g = rtf.tables().next().expect("a table");
    assert_eq!(g.cells[1].text, "内1\t内2\n内3\t内4\n");
}

#[test]
fn libreoffice_conversions_read_as_their_docx_twins() {
    // The whole Document, cell for cell (spans, src positions, empty anchors), paragraph for
    // paragraph. Not 004 and 009: their docx grids (w:tblGrid) have columns that no row's
    // cell boundaries use, and RTF has no table-wide grid, so there a wide cell spans fewer
    // (equally placed) columns; their records are still the same (tests/golden.rs).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "000_鄂州市乡村振兴局",
        "002_江岸区教育局",
        "006_荆州市自然资源和规划局",
        "013_潜江市住房和城乡建设局",
    ] {
        let rtf = std::fs::read(root.join(format!("fixtures/rtf/{name}.rtf"))).expect("rtf");
        let docx = std::fs::read(root.join(format!("fixtures/forms/{name}.docx"))).expect("docx");
        let rtf = read(&rtf, &Limits::default()).expect("rtf reads");
        let docx = crate::readers::docx::read(&docx, &Limits::default()).expect("docx reads");
        assert!(
            rtf == docx,
            "{name}: the RTF reads otherwise than its docx twin"
        );
    }
}
