//! 退回清单: one line per file to send back to the department that filed it, with who to
//! call and what to fix, in the words a department's clerk understands (not perfsheet's
//! codes). A file gets a line when it cannot be read for a reason only the sender can
//! mend (broken, password, blank, not a form), when its form disagrees with itself or its
//! unit, or when it is one of several different versions of one form.

use super::ColumnKind::{Integer, Text};
use super::{Cell, Links, Table, col};
use crate::model::flagged::Flagged;
use crate::model::record::{Warning, WarningCode};
use std::collections::BTreeMap;

/// The files to send back, each with its items to fix, in file order.
#[derive(Debug, Default)]
pub(super) struct Gather {
    files: BTreeMap<String, Vec<String>>,
}

/// What a department is asked to do about a warning; `None` where the sender need do
/// nothing (perfsheet's own findings, a file name to change at the bureau).
fn ask_for_warning(code: WarningCode) -> Option<&'static str> {
    Some(match code {
        WarningCode::SumMismatch => "表中各项金额之和与合计不一致，请核对并改正金额",
        WarningCode::ShareMismatch => "占比与金额不一致，请按金额重新计算占比",
        WarningCode::YearConflict => "表中的年度前后不一致，请核实并写明预算年度",
        WarningCode::MissingSection => "表格缺少应填的栏目，请按模板补全",
        WarningCode::BadNumber => "金额栏填了数字以外的内容，请只填写数字",
        WarningCode::UnitMissing => "表上没有写金额单位，请注明（如“单位：万元”）",
        WarningCode::ImplausibleAmount => "金额与单位不相称，请核实金额是以元还是万元填写",
        WarningCode::UnplacedText | WarningCode::FileNameNotUtf8 => return None,
    })
}

/// What a department is asked to do about a file that could not be read; `None` where the
/// bureau can act alone (a limit to raise, a system file, a bug).
fn ask_for_flag(code: &str) -> Option<&'static str> {
    Some(match code {
        "empty_file" => "收到的文件是空的（没有内容），请重新发送",
        "corrupt" => "文件已损坏，无法打开，请重新保存后再发送",
        "encrypted" => "文件设有打开密码，请去掉密码后重新发送",
        "unsupported_format" => {
            "文件格式无法读取（如 PDF、图片或扫描件），请发送 Word 或 Excel 格式的表格（.docx 或 .xlsx）"
        }
        "blank_form" => "表格还没有填写，请填写后重新发送",
        "unknown_form" => {
            "文件中的表格不是本次要求的绩效目标表（可能是绩效自评表等），请确认后发送绩效目标表"
        }
        "not_a_form" => "文件中没有绩效目标表；如是误发请告知，否则请发送绩效目标表",
        _ => return None,
    })
}

impl Gather {
    pub(super) fn warning(&mut self, path: &str, w: &Warning) {
        let Some(ask) = ask_for_warning(w.code) else {
            return;
        };
        let at = super::display_location(&w.location);
        let item = if at.is_empty() {
            format!("{ask}：{}", w.message)
        } else {
            format!("{ask}：{}（位置：{at}）", w.message)
        };
        self.files.entry(path.to_string()).or_default().push(item);
    }

    pub(super) fn flagged(&mut self, f: &Flagged) {
        if let Some(ask) = ask_for_flag(&f.code) {
            self.files
                .entry(f.path.clone())
                .or_default()
                .push(ask.to_string());
        }
    }

    pub(super) fn duplicate(&mut self, path: &str, what: &str, paths: &[String]) {
        let others: Vec<&str> = paths
            .iter()
            .map(String::as_str)
            .filter(|p| *p != path)
            .collect();
        self.files
            .entry(path.to_string())
            .or_default()
            .push(format!(
                "{what}报送了不止一份（另见 {}），内容不同，请告知以哪一份为准",
                others.join("、")
            ));
    }

    pub(super) fn table(self, links: &Links<'_>) -> Table {
        let rows = self
            .files
            .into_iter()
            .map(|(path, items)| {
                let contact = links.contact(&path);
                let text = items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{}. {s}", i + 1))
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    links.file(&path),
                    contact.map_or(Cell::Empty, |c| Cell::text(c.department.clone())),
                    contact.map_or(Cell::Empty, |c| Cell::opt_text(&c.person)),
                    contact.map_or(Cell::Empty, |c| Cell::opt_text(&c.phone)),
                    Cell::count(items.len()),
                    Cell::text(text),
                ]
            })
            .collect();
        Table {
            name: "退回清单",
            columns: vec![
                col("文件", 40.0, Text),
                col("部门", 24.0, Text),
                col("填报人", 10.0, Text),
                col("联系电话", 14.0, Text),
                col("问题数", 8.0, Integer),
                col("请报送单位修改", 90.0, Text),
            ],
            rows,
        }
    }
}
