//! Draws a layout as a Word document: title and unit paragraphs above the table, merges as
//! gridSpan / vMerge exactly as Word writes them (continuation cells present, empty).

use crate::model::{Content, Form, Layout, Piece, layout};
use docx_rs::{
    BreakType, Delete, Docx, Insert, Paragraph, Run, Table, TableCell, TableLayoutType, TableRow,
    VMergeType, WidthType,
};

fn chunks(s: &str, n: Option<usize>) -> Vec<String> {
    match n {
        None => vec![s.to_string()],
        Some(n) => {
            let chars: Vec<char> = s.chars().collect();
            chars.chunks(n).map(|c| c.iter().collect()).collect()
        }
    }
}

fn paragraph(pieces: &[Piece], chunk: Option<usize>, next_bm: &mut usize) -> Paragraph {
    let mut p = Paragraph::new();
    let mut open_bm = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(s) => {
                for c in chunks(s, chunk) {
                    p = p.add_run(Run::new().add_text(c));
                }
            }
            Piece::Br => {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
            Piece::BookmarkStart(name) => {
                p = p.add_bookmark_start(*next_bm, name.clone());
                open_bm.push(*next_bm);
                *next_bm += 1;
            }
            Piece::BookmarkEnd => {
                if let Some(id) = open_bm.pop() {
                    p = p.add_bookmark_end(id);
                }
            }
            Piece::Ins(s) => {
                p = p.add_insert(
                    Insert::new(Run::new().add_text(s.clone()))
                        .author("审核人")
                        .date("2024-01-15T09:30:00Z"),
                );
            }
            Piece::Del(s) => {
                p = p.add_delete(
                    Delete::new()
                        .add_run(Run::new().add_delete_text(s.clone()))
                        .author("审核人")
                        .date("2024-01-15T09:30:00Z"),
                );
            }
        }
    }
    p
}

fn cell_paragraphs(c: &Content, chunk: Option<usize>, bm: &mut usize) -> Vec<Paragraph> {
    match c {
        Content::Num { text, .. } => vec![paragraph(&[Piece::Text(text.clone())], chunk, bm)],
        Content::Paras(ps) if ps.is_empty() => vec![Paragraph::new()],
        Content::Paras(ps) => ps.iter().map(|p| paragraph(p, chunk, bm)).collect(),
    }
}

fn table(l: &Layout, rows: std::ops::Range<usize>, chunk: Option<usize>, bm: &mut usize) -> Table {
    let cont = l.continuations(rows.clone());
    let width = |col: usize, cs: usize| l.widths[col..col + cs].iter().sum::<usize>();
    let mut out = Vec::new();
    for r in rows {
        let mut cells = Vec::new();
        let mut col = 0;
        while col < l.ncols {
            if let Some(a) = l.rows[r].iter().find(|c| c.col == col) {
                let mut tc = TableCell::new()
                    .width(width(col, a.cs), WidthType::Dxa)
                    .grid_span(a.cs);
                if a.rs > 1 {
                    tc = tc.vertical_merge(VMergeType::Restart);
                }
                for p in cell_paragraphs(&a.content, chunk, bm) {
                    tc = tc.add_paragraph(p);
                }
                cells.push(tc);
                col += a.cs;
            } else if let Some(&cs) = cont.get(&(r, col)) {
                cells.push(
                    TableCell::new()
                        .width(width(col, cs), WidthType::Dxa)
                        .grid_span(cs)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new()),
                );
                col += cs;
            } else {
                cells.push(
                    TableCell::new()
                        .width(width(col, 1), WidthType::Dxa)
                        .add_paragraph(Paragraph::new()),
                );
                col += 1;
            }
        }
        out.push(TableRow::new(cells));
    }
    Table::new(out)
        .set_grid(l.widths.clone())
        .layout(TableLayoutType::Fixed)
}

/// Word document bytes for one form: title and unit paragraphs, then the table(s).
pub fn render(f: &Form) -> Vec<u8> {
    let l = layout(f);
    let p = &f.p;
    let mut bm = 0;
    let mut doc = Docx::new().add_paragraph(
        Paragraph::new().add_run(Run::new().add_text(p.title.clone()).size(36).bold()),
    );
    if let Some(u) = &p.unit_text {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "{}{}",
            " ".repeat(49),
            u
        ))));
    }
    match l.split_at {
        Some(k) => {
            doc = doc
                .add_table(table(&l, 0..k, p.run_chunk, &mut bm))
                .add_paragraph(Paragraph::new())
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("（续表）")))
                .add_table(table(&l, k..l.rows.len(), p.run_chunk, &mut bm));
        }
        None => {
            doc = doc.add_table(table(&l, 0..l.rows.len(), p.run_chunk, &mut bm));
        }
    }
    pack(doc)
}

/// One block of a Word document built from parts: a paragraph or a table.
#[derive(Debug, Clone)]
pub enum DocItem {
    /// A title line: bold, 18 pt, like the form titles above.
    Title(String),
    /// A plain paragraph ("" is an empty one).
    Para(String),
    /// A table drawn from a layout (merges as Word writes them).
    Table(Layout),
}

/// Word document bytes for a sequence of paragraphs and tables (project and national forms,
/// several forms in one file).
pub fn render_items(items: &[DocItem]) -> Vec<u8> {
    let mut bm = 0;
    let mut doc = Docx::new();
    for item in items {
        doc = match item {
            DocItem::Title(s) => doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(s.clone()).size(36).bold()),
            ),
            DocItem::Para(s) if s.is_empty() => doc.add_paragraph(Paragraph::new()),
            DocItem::Para(s) => {
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(s.clone())))
            }
            DocItem::Table(l) => doc.add_table(table(l, 0..l.rows.len(), None, &mut bm)),
        };
    }
    pack(doc)
}

/// Packs a document; docx-rs writes fixed zip times and 1970 core dates, so output is stable.
pub fn pack(doc: Docx) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .unwrap_or_else(|e| panic!("docx pack: {e}"));
    buf.into_inner()
}
