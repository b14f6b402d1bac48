//! Prints what the .doc reader sees in a file: paragraphs and table cells with spans.
use perfsheet::limits::Limits;
use perfsheet::model::grid::Block;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match perfsheet::readers::doc::read(&bytes, &Limits::default()) {
            Err(e) => println!("== {path}: {} {e}", e.code()),
            Ok(doc) => {
                println!("== {path}: ok");
                for s in &doc.parts {
                    for b in &s.blocks {
                        match b {
                            Block::Paragraph(p) => println!("P {:?}", p.text),
                            Block::Table(g) => {
                                println!("{} {}x{}", g.part_name(), g.n_rows, g.n_cols);
                                for c in &g.cells {
                                    println!(
                                        "  r{} c{} {}x{} {}",
                                        c.row,
                                        c.col,
                                        c.row_span,
                                        c.col_span,
                                        serde_json::to_string(&c.text).unwrap_or_default()
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
