//! `perfsheet inspect FILE`: how perfsheet sees one file — its detected format, every table
//! or sheet as a grid with merges marked, and where the form's sections were recognised — so
//! a user can see why a file was flagged or a value is missing.

use crate::format::detect;
use crate::grid::{Block, Document};
use crate::ingest::read_document;
use crate::limits::Limits;
use crate::recognize::{recognize, section_label};
use crate::text::normalize_label;
use std::fmt::Write;

/// The report for one file's bytes.
pub fn inspect(bytes: &[u8], file_name: &str, limits: &Limits) -> String {
    let mut out = String::new();
    let format = detect(bytes);
    let _ = writeln!(out, "文件 / file: {file_name}");
    let _ = writeln!(
        out,
        "格式 / format: {} ({} 字节 / bytes)",
        format.name(),
        bytes.len()
    );
    let doc = match read_document(bytes, format, limits) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(out, "无法读取 / flagged: {} — {e}", e.code());
            return out;
        }
    };
    write_document(&mut out, &doc);
    let forms = recognize(&doc, file_name);
    if forms.is_empty() {
        let _ = writeln!(out, "\n未识别到绩效目标表 / not_a_form");
    }
    for f in forms {
        let r = &f.record;
        let _ = writeln!(
            out,
            "\n识别结果 / form in {}: department={:?} budget_year={:?} funds: {} income + {} expenditure lines, long-term indicators {}, annual indicators {}",
            r.source.part,
            r.department,
            r.budget_year,
            r.funds.income.items.len(),
            r.funds.expenditure.items.len(),
            r.long_term.indicators.len(),
            r.annual.indicators.len()
        );
        for w in &r.warnings {
            let _ = writeln!(
                out,
                "  警告 / warning {}: {} @ {}",
                w.code, w.message, w.location
            );
        }
    }
    out
}

/// Every block, cell by cell. Merged anchors show their span as `[rows x cols]`; a cell
/// that opens a section is marked with `◆`.
fn write_document(out: &mut String, doc: &Document) {
    for (si, section) in doc.sections.iter().enumerate() {
        let _ = writeln!(out, "\n== 第 {} 部分 / section {}", si + 1, si + 1);
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    if !crate::text::trim(&p.text).is_empty() {
                        let _ = writeln!(out, "  段落 / paragraph: {:?}", p.text);
                    }
                }
                Block::Table(g) => {
                    let _ = writeln!(
                        out,
                        "  -- {} ({} 行 x {} 列 / rows x cols)",
                        g.part_name(),
                        g.n_rows,
                        g.n_cols
                    );
                    for cell in &g.cells {
                        if cell.text.is_empty() && cell.row_span == 1 && cell.col_span == 1 {
                            continue;
                        }
                        let mark = if section_label(&normalize_label(&cell.text)).is_some() {
                            "◆"
                        } else {
                            " "
                        };
                        let span = if cell.row_span > 1 || cell.col_span > 1 {
                            format!(" [{}x{}]", cell.row_span, cell.col_span)
                        } else {
                            String::new()
                        };
                        let _ = writeln!(
                            out,
                            "  {mark} {:<22}{span} {:?}",
                            g.location(cell),
                            cell.text
                        );
                    }
                }
            }
        }
    }
}
