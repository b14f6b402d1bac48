//! The .doc reader on real files: the LibreOffice rendering of the seed form (see
//! tests/expected/README-doc.md for how fixtures/libreoffice/seed_libreoffice.doc was made) must
//! give the same table as the .docx sample, and no third-party .doc may crash or hang it.

use perfsheet::grid::{Block, Cell, Document, Grid, GridKind};
use perfsheet::{Format, Limits, ReadError, read_document};

/// The Word 97-2003 reader.
fn read_doc(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    read_document(bytes, Format::Doc, limits)
}
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_fixture() -> Vec<Block> {
    let path = manifest_dir().join("fixtures/libreoffice/seed_libreoffice.doc");
    let bytes = std::fs::read(&path).expect("fixture seed_libreoffice.doc is committed");
    let doc = read_doc(&bytes, &Limits::default()).expect("the seed .doc reads");
    assert_eq!(doc.parts.len(), 1);
    doc.parts
        .into_iter()
        .next()
        .unwrap_or_else(|| unreachable!())
        .blocks
}

fn anchor<'g>(g: &'g Grid, text: &str) -> &'g Cell {
    g.cells
        .iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no cell with text {text:?}"))
}

#[test]
fn seed_form_paragraphs_then_one_table() {
    let blocks = read_fixture();
    let paras: Vec<&str> = blocks
        .iter()
        .take_while(|b| matches!(b, Block::Paragraph(_)))
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.trim()),
            _ => None,
        })
        .collect();
    assert_eq!(paras, ["部门整体绩效目标", "单位：万元"]);
    let grids: Vec<&Grid> = blocks.iter().filter_map(Block::as_table).collect();
    assert_eq!(grids.len(), 1, "the form is one table, as in the docx");
    let g = grids[0];
    assert_eq!(g.kind, GridKind::Table { index: 1 });
    // Measured against the docx sample: 99 rows, 9 grid columns, 527 anchor cells.
    assert_eq!((g.n_rows, g.n_cols), (99, 9));
    assert_eq!(g.cells.len(), 527);
}

#[test]
fn seed_form_cells_and_merges_match_the_docx() {
    let blocks = read_fixture();
    let Some(Block::Table(g)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("no table");
    };
    let first: Vec<(&str, u32, u32)> = g
        .cells
        .iter()
        .take(2)
        .map(|c| (c.text.as_str(), c.col, c.col_span))
        .collect();
    assert_eq!(
        first,
        [("部门（单位）\n名称", 0, 1), (" 鄂州市乡村振兴局", 1, 8)]
    );
    let funds = anchor(g, "部门总体\n资金情况");
    assert_eq!((funds.row, funds.col, funds.row_span), (2, 0, 10));
    let income = anchor(g, "收入\n构成");
    assert_eq!((income.row, income.col, income.row_span), (4, 1, 4));
    let cost = anchor(g, "运行\n成本");
    assert_eq!((cost.row, cost.col, cost.row_span), (16, 1, 5));
    let indicators = anchor(g, "长期绩\n效指标");
    assert_eq!((indicators.row, indicators.row_span), (15, 42));
    let value = anchor(g, "指标值");
    assert_eq!((value.col, value.col_span), (4, 3));
    assert_eq!((value.src_row, value.src_col), (16, 5));
    // No field codes, bookmarks or control characters in the text.
    for c in &g.cells {
        assert!(
            !c.text.contains("HYPERLINK")
                && !c.text.contains("MERGEFIELD")
                && !c
                    .text
                    .chars()
                    .any(|ch| ch < ' ' && ch != '\n' && ch != '\t'),
            "{:?}",
            c.text
        );
    }
    // Rows covered by a vertical merge keep only the cells that start there.
    let rows = g.rows();
    assert_eq!(rows.len(), 99);
    assert!(rows[5][0].continued && rows[5][0].cell.text.starts_with("部门总体"));
}

/// Files of the corpus whose extension is .doc in any case.
fn corpus_docs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("doc"))
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Reads one file, turning a panic into a failure message.
fn read_guarded(path: &Path) -> (Result<Result<usize, ReadError>, String>, Duration) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let start = Instant::now();
    let r = std::panic::catch_unwind(|| {
        read_doc(&bytes, &Limits::default()).map(|d| {
            d.parts
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| matches!(b, Block::Table(_)))
                .count()
        })
    })
    .map_err(|_| format!("panic on {}", path.display()));
    (r, start.elapsed())
}

#[test]
fn third_party_docs_never_panic() {
    let dir = manifest_dir().join("../shared/corpus/third_party");
    if !dir.exists() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap_or_default();
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut failures = Vec::new();
    for path in corpus_docs(&dir) {
        let (r, took) = read_guarded(&path);
        let rel = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy();
        let line = manifest.lines().find(|l| l.starts_with(rel.as_ref()));
        let encrypted = line.is_some_and(|l| l.contains("fEncrypted set"));
        match r {
            Err(msg) => failures.push(msg),
            Ok(res) => {
                let code = match &res {
                    Ok(_) => "ok",
                    Err(e) => e.code(),
                };
                eprintln!("{code:>18} {:>5} ms  {rel}  {:?}", took.as_millis(), res);
                *counts.entry(code).or_default() += 1;
                if encrypted && !matches!(res, Err(ReadError::Encrypted)) {
                    failures.push(format!("{rel}: expected Encrypted, got {res:?}"));
                }
            }
        }
        if took > Duration::from_secs(5) {
            failures.push(format!("{rel}: took {took:?}"));
        }
    }
    eprintln!("outcomes: {counts:?}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_third_party_file_is_ok_or_an_error() {
    let dir = manifest_dir().join("../shared/corpus/third_party");
    if !dir.exists() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    let mut failures = Vec::new();
    let files = walk(&dir);
    for path in &files {
        let (r, took) = read_guarded(path);
        if let Err(msg) = r {
            failures.push(msg);
        }
        if took > Duration::from_secs(5) {
            failures.push(format!("{}: took {took:?}", path.display()));
        }
    }
    eprintln!("{} files read as .doc without a panic", files.len());
    assert!(failures.is_empty(), "{failures:#?}");
}
