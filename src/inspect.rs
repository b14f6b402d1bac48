//! `perfsheet inspect FILE`: how perfsheet sees one file — its detected format, every table
//! or sheet drawn as a text grid with merged regions marked, where the form's sections were
//! recognised, and, for a file that would be flagged, the same Chinese reason `ingest`
//! gives — so a user can see why a file was flagged or a value is missing without reading
//! the JSON.

use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::grid::{Block, Document, Grid};
use crate::model::text::normalize_label;
use crate::pipeline::{forms_of, precheck};
use crate::readers::format::detect;
use crate::readers::read_document;
use crate::recognize::template::TemplateSet;
use crate::recognize::{label_starts, recognize};
use std::fmt::Write;
use std::path::Path;

/// What to show besides the grids.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also list every non-empty cell with its location, span and exact text (escapes
    /// shown), for when the drawing is not enough.
    pub cells: bool,
    /// The templates to recognise forms with (the built-in ones when `None`).
    pub templates: Option<std::sync::Arc<TemplateSet>>,
}

/// Rows and columns drawn per grid; a bigger grid is cut, with a note. The drawing is
/// allocated at most this size whatever size the grid claims.
const MAX_ROWS: u32 = 400;
const MAX_COLS: u32 = 30;
/// Widest column of the drawing, in terminal cells (a Chinese character takes two).
const MAX_WIDTH: usize = 16;

/// The report for a file on disk: checks the size before reading, like `ingest`.
pub fn inspect_path(path: &Path, limits: &Limits, opts: Options) -> std::io::Result<String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let len = std::fs::metadata(path)?.len();
    if let Err(e) = precheck(Path::new(&name), len, limits) {
        let mut out = String::new();
        header(&mut out, &name, "unknown", len);
        flagged(&mut out, &e);
        return Ok(out);
    }
    let bytes = std::fs::read(path)?;
    Ok(inspect_with(&bytes, &name, limits, opts))
}

/// The report for one file's bytes (the grids drawn, no cell list).
pub fn inspect(bytes: &[u8], file_name: &str, limits: &Limits) -> String {
    inspect_with(bytes, file_name, limits, Options::default())
}

/// The report for one file's bytes.
pub fn inspect_with(bytes: &[u8], file_name: &str, limits: &Limits, opts: Options) -> String {
    let mut out = String::new();
    let format = detect(bytes);
    header(&mut out, file_name, format.name(), bytes.len() as u64);
    if let Err(e) = precheck(Path::new(file_name), bytes.len() as u64, limits) {
        flagged(&mut out, &e);
        return out;
    }
    let doc = match read_document(bytes, format, limits) {
        Ok(d) => d,
        Err(e) => {
            flagged(&mut out, &e);
            return out;
        }
    };
    let _ = writeln!(
        out,
        "图例 / legend: ^ 被上方合并单元格覆盖 / covered by a merge from above   \
         < 被左侧合并单元格覆盖 / covered from the left   \
         ◆ 栏目开始 / section starts here   … 已截断 / cut (see --cells)"
    );
    write_document(&mut out, &doc, opts.cells);
    // The same recognition and checks as `ingest`, so both say the same of the file.
    let templates = opts.templates.clone().unwrap_or_else(TemplateSet::built_in);
    write_trials(&mut out, &doc, file_name, &templates);
    let forms = match forms_of(&doc, bytes, format, file_name, &templates) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(out);
            flagged(&mut out, &e);
            return out;
        }
    };
    for r in &forms.records {
        let _ = writeln!(out, "\n识别结果 / recognised form in {}:", r.source.part);
        let _ = writeln!(out, "  部门 / department: {}", r.department);
        let year = r
            .budget_year
            .map_or_else(|| "（未知 / unknown）".to_string(), |y| y.to_string());
        let _ = writeln!(out, "  预算年度 / budget year: {year}");
        let _ = writeln!(
            out,
            "  收支 / funds: 收入 {} 行 / income lines, 支出 {} 行 / expenditure lines, 年份 / years {:?}",
            r.funds.income.items.len(),
            r.funds.expenditure.items.len(),
            r.funds.years
        );
        let _ = writeln!(
            out,
            "  职能 {} 条 / functions, 任务组 {} / task groups, 长期目标 {} 条 / long-term goals",
            r.functions.len(),
            r.annual_tasks.len(),
            r.long_term.goals.len()
        );
        let _ = writeln!(
            out,
            "  长期指标 {} 个 / long-term indicators, 年度指标 {} 个 / annual indicators",
            r.long_term.indicators.len(),
            r.annual.indicators.len()
        );
        if r.warnings.is_empty() {
            let _ = writeln!(out, "  无警告 / no warnings");
        }
        for w in &r.warnings {
            let _ = writeln!(
                out,
                "  警告 / warning {}: {}（位置 / at {}）",
                w.code, w.message, w.location
            );
        }
    }
    out
}

fn header(out: &mut String, file_name: &str, format: &str, len: u64) {
    let _ = writeln!(out, "文件 / file: {file_name}");
    let _ = writeln!(out, "格式 / format: {format} ({len} 字节 / bytes)");
}

fn flagged(out: &mut String, e: &ReadError) {
    let _ = writeln!(out, "未读取 / flagged: {}", e.code());
    let _ = writeln!(out, "原因 / reason: {e}");
    if let Some(detail) = e.detail() {
        let _ = writeln!(out, "技术细节 / detail: {detail}");
    }
}

fn write_document(out: &mut String, doc: &Document, cells: bool) {
    for (si, section) in doc.parts.iter().enumerate() {
        let _ = writeln!(out, "\n== 第 {} 部分 / section {}", si + 1, si + 1);
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    let text = crate::model::text::trim(&p.text);
                    if !text.is_empty() {
                        let mark = if !label_starts(&normalize_label(text)).is_empty() {
                            "◆"
                        } else {
                            " "
                        };
                        let _ = writeln!(out, "{mark} 段落 / paragraph: {}", one_line(text));
                    }
                }
                Block::Table(g) => {
                    write_grid(out, g);
                    if cells {
                        write_cells(out, g);
                    }
                }
            }
        }
    }
}

/// How each candidate form fared with each template.
fn write_trials(out: &mut String, doc: &Document, file_name: &str, templates: &TemplateSet) {
    let found = recognize(doc, file_name, templates);
    if found.trials.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n模板 / templates tried:");
    for trial in &found.trials {
        let _ = writeln!(out, "  表格起于 / form candidate at {}:", trial.at);
        for v in &trial.templates {
            let verdict = if v.accepted {
                "采用 / accepted"
            } else {
                "未采用 / refused"
            };
            let found = if v.found.is_empty() {
                "（无 / none）".to_string()
            } else {
                v.found.join(", ")
            };
            let _ = writeln!(
                out,
                "    {} — {verdict}：{}；找到 / found: {found}",
                v.template, v.reason
            );
        }
    }
}

/// What is drawn at one position of the grid.
#[derive(Clone, PartialEq)]
enum Slot {
    Empty,
    /// An anchor cell's text (one line, maybe cut) and whether it opens a section.
    Text(String, bool),
    Above,
    Left,
}

/// Draws a grid as an aligned table: one line per row, anchors show their text, positions
/// covered by a merge show ^ or <, rows that open a section are marked ◆ in the margin.
fn write_grid(out: &mut String, g: &Grid) {
    let rows = g.n_rows.min(MAX_ROWS);
    let cols = g.n_cols.min(MAX_COLS);
    let _ = writeln!(
        out,
        "\n  -- {} ({} 行 x {} 列 / rows x cols)",
        g.part_name(),
        g.n_rows,
        g.n_cols
    );
    let mut slots = vec![vec![Slot::Empty; cols as usize]; rows as usize];
    // Source row of each drawn row, from the anchors that start on it.
    let mut src_rows: Vec<Option<u32>> = vec![None; rows as usize];
    let mut sections = Vec::new();
    for cell in &g.cells {
        if cell.row >= rows {
            continue;
        }
        let norm = normalize_label(&cell.text);
        let starts = label_starts(&norm);
        let section = (!starts.is_empty()).then_some(());
        if !starts.is_empty() {
            sections.push((g.location(cell), norm, starts));
        }
        if let Some(r) = src_rows.get_mut(cell.row as usize) {
            r.get_or_insert(cell.src_row);
        }
        for r in cell.row..=cell.last_row().min(rows.saturating_sub(1)) {
            for c in cell.col..=cell.last_col().min(cols.saturating_sub(1)) {
                let slot = if r == cell.row && c == cell.col {
                    Slot::Text(
                        fit(&one_line(crate::model::text::trim(&cell.text))),
                        section.is_some(),
                    )
                } else if r > cell.row {
                    Slot::Above
                } else {
                    Slot::Left
                };
                if let Some(s) = slots
                    .get_mut(r as usize)
                    .and_then(|row| row.get_mut(c as usize))
                {
                    *s = slot;
                }
            }
        }
    }

    let shown = |s: &Slot| -> String {
        match s {
            Slot::Empty => String::new(),
            Slot::Text(t, _) => t.clone(),
            Slot::Above => "^".into(),
            Slot::Left => "<".into(),
        }
    };
    let widths: Vec<usize> = (0..cols as usize)
        .map(|c| {
            let w = slots
                .iter()
                .filter_map(|row| row.get(c))
                .map(|s| width(&shown(s)))
                .max()
                .unwrap_or(0);
            w.max(width(&(c + 1).to_string()))
        })
        .collect();
    let label_w = rows.to_string().len().max(3) + 2;

    // Header: grid column numbers (1-based).
    let mut line = format!("  {:>label_w$}  ", "");
    for (c, w) in widths.iter().enumerate() {
        let _ = write!(line, "| {} ", pad(&(c + 1).to_string(), *w));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    let mut rule = format!("  {}--", "-".repeat(label_w));
    for w in &widths {
        let _ = write!(rule, "+{}", "-".repeat(w + 2));
    }
    let _ = writeln!(out, "{rule}");
    for (r, row) in slots.iter().enumerate() {
        let starts = row.iter().any(|s| matches!(s, Slot::Text(_, true)));
        // The source row when known (a worksheet row number); else the grid row.
        let label = src_rows
            .get(r)
            .copied()
            .flatten()
            .map_or_else(|| format!("({})", r + 1), |s| s.to_string());
        let mut line = format!(
            "  {}{:>w$}  ",
            if starts { "◆" } else { " " },
            label,
            w = label_w - 1
        );
        for (s, w) in row.iter().zip(&widths) {
            let _ = write!(line, "| {} ", pad(&shown(s), *w));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if g.n_rows > rows || g.n_cols > cols {
        let _ = writeln!(
            out,
            "  …… 只画出前 {rows} 行、{cols} 列 / only the first {rows} rows and {cols} columns are drawn"
        );
    }
    if !sections.is_empty() {
        let _ = writeln!(out, "  栏目 / sections:");
        for (loc, label, starts) in sections {
            let what: Vec<String> = starts
                .iter()
                .map(|(template, field)| format!("{field}（{template}）"))
                .collect();
            let label: String = label.chars().take(20).collect();
            let _ = writeln!(out, "    ◆ {label} → {} @ {loc}", what.join("、"));
        }
    }
}

/// Every non-empty cell or merge anchor with its location, span and exact text.
fn write_cells(out: &mut String, g: &Grid) {
    let _ = writeln!(out, "  单元格 / cells:");
    for cell in &g.cells {
        if cell.text.is_empty() && cell.row_span == 1 && cell.col_span == 1 {
            continue;
        }
        let span = if cell.row_span > 1 || cell.col_span > 1 {
            format!(" [{}x{}]", cell.row_span, cell.col_span)
        } else {
            String::new()
        };
        let _ = writeln!(out, "    {:<24}{span} {:?}", g.location(cell), cell.text);
    }
}

/// Line breaks shown as ↵ so a cell stays on one line of the drawing.
fn one_line(s: &str) -> String {
    s.replace("\r\n", "↵")
        .replace(['\n', '\r'], "↵")
        .replace('\t', " ")
}

/// Cuts `s` to at most MAX_WIDTH terminal cells, ending in … when cut.
fn fit(s: &str) -> String {
    if width(s) <= MAX_WIDTH {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = char_width(ch);
        if w + cw > MAX_WIDTH - 1 {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Terminal cells a character takes: two for East Asian wide and full-width characters
/// (CJK, full-width punctuation, Hangul), none for control characters, one otherwise.
fn char_width(c: char) -> usize {
    let u = c as u32;
    match u {
        0..=0x1F | 0x7F..=0x9F => 0,
        0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::grid::{Cell, GridKind, Part};

    fn form_grid() -> Grid {
        let mut g = Grid::new(GridKind::Sheet {
            name: "Sheet1".into(),
        });
        // 部门总体资金情况 spans three rows; 当年金额 heads two columns.
        g.push(Cell {
            row_span: 3,
            ..Cell::text(0, 0, "部门总体\n资金情况")
        });
        g.push(Cell {
            col_span: 2,
            ..Cell::text(0, 1, "当年金额")
        });
        g.push(Cell::text(1, 1, "财政拨款"));
        g.push(Cell::text(1, 2, "1146.9"));
        g.push(Cell::text(2, 1, "一段很长很长很长很长很长的说明文字"));
        g.finish();
        g
    }

    #[test]
    fn merges_are_drawn_with_carets_and_arrows() {
        let mut out = String::new();
        write_grid(&mut out, &form_grid());
        let lines: Vec<&str> = out.lines().collect();
        // Blank line, title, column numbers, rule, three rows, the section list.
        assert_eq!(lines.len(), 4 + 3 + 2, "{out}");
        assert!(lines[1].contains("3 行 x 3 列"), "{out}");
        let row1 = lines[4];
        let row2 = lines[5];
        let row3 = lines[6];
        assert!(row1.starts_with("  ◆"), "section row marked: {row1}");
        assert!(row1.contains("| 部门总体↵资金情… | 当年金额"), "{row1}");
        assert!(row1.trim_end().ends_with("| <"), "{row1}");
        assert!(row2.contains("| ^ ") && row2.contains("| 财政拨款") && row2.contains("1146.9"));
        assert!(
            row3.contains("| ^ ") && row3.contains('…'),
            "long text cut: {row3}"
        );
        // Columns line up: every row has its bars at the same terminal positions.
        let bars = |l: &str| -> Vec<usize> {
            let mut w = 0;
            let mut at = Vec::new();
            for ch in l.chars() {
                if ch == '|' {
                    at.push(w);
                }
                w += char_width(ch);
            }
            at
        };
        for l in &lines[2..] {
            if l.contains('|') {
                assert_eq!(bars(l), bars(lines[2]), "aligned:\n{out}");
            }
        }
        assert!(
            out.contains("◆ 部门总体资金情况 → funds（department） @ Sheet1!A1"),
            "{out}"
        );
    }

    #[test]
    fn a_file_that_is_not_a_form_says_why_in_chinese() {
        let out = inspect(b"just some notes\n", "notes.doc", &Limits::default());
        assert!(
            out.contains("未读取 / flagged: unsupported_format"),
            "{out}"
        );
        assert!(out.contains("原因 / reason: 纯文本文件"), "{out}");
        let out = inspect(b"", "~$财政局.docx", &Limits::default());
        assert!(out.contains("lock_file"), "{out}");
    }

    #[test]
    fn a_huge_declared_grid_is_drawn_cut() {
        let mut g = Grid::new(GridKind::Table { index: 1 });
        g.push(Cell::text(0, 0, "a"));
        g.push(Cell::text(999_999, 500, "far away"));
        g.finish();
        let doc = Document {
            parts: vec![Part {
                blocks: vec![Block::Table(g)],
            }],
        };
        let mut out = String::new();
        write_document(&mut out, &doc, false);
        assert!(out.contains("只画出前 400 行、30 列"), "{}", &out[..200]);
        assert!(out.lines().count() < 420);
    }
}
