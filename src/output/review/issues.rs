//! 待核查: everything someone has to look at, one line per finding: every flagged file,
//! every warning, every file of a duplicate filing. The file comes first, linked, with
//! who to call about it (部门, 填报人, 联系电话), and for duplicates whether the copies are
//! the same file byte for byte (by their sha256), with size and modified time.

use super::ColumnKind::{Integer, Text};
use super::{Cell, Contact, FileInfo, Links, Row, Table, col};
use std::collections::HashMap;

/// A line of 待核查; `contact` is the form's own where the finding is a form's (a file
/// may hold forms of several departments), else the file's first form's is looked up.
pub(super) fn row(
    path: &str,
    kind: &str,
    code: &str,
    message: &str,
    location: &str,
    contact: Option<&Contact>,
) -> Row {
    Row::plain(
        (path.to_string(), String::new()),
        vec![
            Cell::text(path),
            contact.map_or(Cell::Empty, |c| Cell::text(c.department.clone())),
            contact.map_or(Cell::Empty, |c| Cell::opt_text(&c.person)),
            contact.map_or(Cell::Empty, |c| Cell::opt_text(&c.phone)),
            Cell::text(kind),
            Cell::text(code),
            Cell::text(message),
            Cell::text(super::display_location(location)),
        ],
    )
}

/// For each file of a duplicate group that is byte for byte the same as an earlier one,
/// that earlier file.
pub(super) fn identical_to<'a>(
    paths: &'a [String],
    files: &HashMap<String, FileInfo>,
) -> HashMap<&'a str, String> {
    let mut first_of: HashMap<&str, &str> = HashMap::new();
    let mut same = HashMap::new();
    for p in paths {
        let Some(sha) = files.get(p).and_then(|f| f.sha256.as_deref()) else {
            continue;
        };
        match first_of.get(sha) {
            Some(first) => {
                same.insert(p.as_str(), (*first).to_string());
            }
            None => {
                first_of.insert(sha, p);
            }
        }
    }
    same
}

/// What a duplicate group's lines say: which files, which are identical copies, what to do.
pub(super) fn duplicate_message(
    what: &str,
    paths: &[String],
    files: &HashMap<String, FileInfo>,
) -> String {
    let same = identical_to(paths, files);
    let mut message = format!("{what}共有 {} 份：{}。", paths.len(), paths.join("、"));
    if same.len() + 1 == paths.len() {
        message.push_str("各份内容完全相同（sha256 一致），是同一文件的副本，保留一份即可");
    } else {
        let copies: Vec<String> = paths
            .iter()
            .filter_map(|p| {
                same.get(p.as_str())
                    .map(|first| format!("{p} 与 {first} 内容完全相同"))
            })
            .collect();
        let rest = if copies.is_empty() {
            "各份"
        } else {
            message.push_str(&copies.join("；"));
            message.push_str("（副本保留一份即可）；");
            "其余各份"
        };
        message.push_str(rest);
        message.push_str(
            "内容不同，都已收入数据集，请确认以哪一份为准（通常是较新的更正版，可参考修改时间）",
        );
    }
    message
}

pub(super) fn table(rows: Vec<Row>, links: &Links<'_>) -> Table {
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut cells = row.before;
            let p = cells[0].shown();
            let info = links.info(&p);
            if cells[1] == Cell::Empty
                && let Some(c) = links.contact(&p)
            {
                cells[1] = Cell::text(c.department.clone());
                cells[2] = Cell::opt_text(&c.person);
                cells[3] = Cell::opt_text(&c.phone);
            }
            cells[0] = links.file(&p);
            cells.push(
                info.and_then(|i| i.bytes)
                    .map_or(Cell::Empty, |b| Cell::Number(b as f64)),
            );
            cells.push(
                info.and_then(|i| i.modified.clone())
                    .map_or(Cell::Empty, Cell::Text),
            );
            cells
        })
        .collect();
    Table {
        name: "待核查",
        columns: vec![
            col("文件", 40.0, Text),
            col("部门", 24.0, Text),
            col("填报人", 10.0, Text),
            col("联系电话", 14.0, Text),
            col("类型", 8.0, Text),
            col("代码", 18.0, Text),
            col("说明", 70.0, Text),
            col("位置", 22.0, Text),
            col("大小（字节）", 12.0, Integer),
            col("修改时间（北京时间）", 18.0, Text),
        ],
        rows,
    }
}
