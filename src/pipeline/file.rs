//! One file, start to end: the checks made before reading, the bytes read under the size
//! limit, the format detected, the reader, the recogniser and the checks. Whatever happens
//! (an error, a panic) the file gives one [`Outcome`]; `ingest` and `inspect` both go
//! through here, so they say the same of every file.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::walk::{Input, is_system_file, read_error};
use crate::checks;
use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::flagged::Flagged;
use crate::model::grid::Document;
use crate::model::outcome::{Forms, Outcome};
use crate::model::record::{Warning, WarningCode};
use crate::readers::format::{Format, detect};
use crate::readers::read_document;
use crate::recognize::template::TemplateSet;
use crate::recognize::{Form, recognize};

/// What every file of a run is read with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The bounds on one file's work.
    pub limits: Limits,
    /// The templates forms are recognised with.
    pub templates: std::sync::Arc<TemplateSet>,
}

impl Settings {
    /// `limits` with the built-in templates.
    pub fn new(limits: Limits) -> Self {
        Settings {
            limits,
            templates: TemplateSet::built_in(),
        }
    }
}

/// Reads one file with the built-in templates. Never panics: a panic inside becomes an
/// internal_error entry.
pub fn process(input: &Input, limits: &Limits) -> Outcome {
    process_with(input, &Settings::new(limits.clone()))
}

/// Reads one file. Never panics: a panic inside becomes an internal_error entry.
pub fn process_with(input: &Input, settings: &Settings) -> Outcome {
    guarded(input, |format| process_inner(input, settings, format))
}

/// Runs `read` for `input`, turning its error, or a panic, into the file's flagged entry.
/// `read` sets the format as soon as it knows it, so that the entry can say what the file was.
pub(super) fn guarded(
    input: &Input,
    read: impl FnOnce(&mut Format) -> Result<Outcome, ReadError>,
) -> Outcome {
    let mut format = Format::Unknown;
    let result = catch_unwind(AssertUnwindSafe(|| read(&mut format)));
    let err = match result {
        Ok(Ok(outcome)) => return outcome,
        Ok(Err(e)) => e,
        Err(panic) => ReadError::Internal(panic_text(&*panic)),
    };
    Outcome::Flagged(Flagged::from_error(input.rel.clone(), format.name(), &err))
}

/// The message a panic carried, for the flagged entry's detail.
pub(super) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".to_string())
}

fn process_inner(
    input: &Input,
    settings: &Settings,
    format: &mut Format,
) -> Result<Outcome, ReadError> {
    let limits = &settings.limits;
    if let Some(e) = &input.walk_error {
        return Err(e.clone());
    }
    let meta = std::fs::metadata(&input.path).map_err(read_error)?;
    // A pipe would block the reader forever and a device (a link to /dev/zero) never ends.
    if !meta.is_file() {
        return Err(ReadError::Io {
            what: "不是普通文件（管道、设备或套接字等），已跳过".into(),
            cause: None,
        });
    }
    precheck(Path::new(&input.rel), meta.len(), limits)?;
    // Bounded even if the file grows between the size check and the read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&input.path)
        .and_then(|f| {
            f.take(limits.max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(read_error)?;
    precheck(Path::new(&input.rel), bytes.len() as u64, limits)?;
    *format = detect(&bytes);
    if *format == Format::Zip {
        let mut budget = limits.max_inflated_bytes;
        let members = super::archive::read_archive(&bytes, &input.rel, settings, 1, &mut budget)?;
        return Ok(Outcome::Archive(members));
    }
    let doc = read_document(&bytes, *format, limits)?;
    let mut forms = forms_of(&doc, &bytes, *format, &input.rel, &settings.templates)?;
    if input.name_from_gbk {
        let warning = Warning {
            code: WarningCode::FileNameNotUtf8,
            message: format!(
                "文件名不是 UTF-8 编码（常见于解压 GBK 编码的压缩包），已按 GBK 读作“{}”；建议重新命名后保存",
                input.rel
            ),
            location: String::new(),
        };
        forms
            .records
            .iter_mut()
            .for_each(|r| r.warnings.push(warning.clone()));
        forms
            .projects
            .iter_mut()
            .for_each(|p| p.warnings.push(warning.clone()));
    }
    Ok(Outcome::Forms(forms))
}

/// The whole pipeline for one file's bytes, with the built-in templates: read them as
/// `format`, recognise the forms, check them. `path` is the file's dataset path
/// (`source.path`); its name may carry the budget year.
pub fn read_forms(
    bytes: &[u8],
    format: Format,
    path: &str,
    limits: &Limits,
) -> Result<Forms, ReadError> {
    let doc = read_document(bytes, format, limits)?;
    forms_of(&doc, bytes, format, path, &TemplateSet::built_in())
}

/// The forms of a document read from `bytes`: recognised with `templates`, checked, their
/// sources filled; or why there are none.
pub fn forms_of(
    doc: &Document,
    bytes: &[u8],
    format: Format,
    path: &str,
    templates: &TemplateSet,
) -> Result<Forms, ReadError> {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let found = recognize(doc, file_name, templates);
    if found.forms.is_empty() {
        return Err(match (found.unknown, found.blank.first()) {
            (Some(why), _) => unknown_form(&why),
            (None, Some(what)) => blank_form(what),
            (None, None) => not_a_form(),
        });
    }
    let sha = hex(&Sha256::digest(bytes));
    let source = |s: &mut crate::model::record::Source| {
        s.path = path.to_string();
        s.format = format.name().to_string();
        s.bytes = Some(bytes.len() as u64);
        s.sha256 = Some(sha.clone());
    };
    let mut forms = Forms::default();
    for f in found.forms {
        match f {
            Form::Department {
                mut record,
                funds_locs,
                task_locs,
            } => {
                checks::check(&mut record, &funds_locs, &task_locs);
                checks::check_units(&mut record, &funds_locs);
                source(&mut record.source);
                forms.records.push(*record);
            }
            Form::Project { mut project, locs } => {
                checks::check_project(&mut project, &locs);
                checks::check_project_units(&mut project, &locs);
                source(&mut project.source);
                forms.projects.push(*project);
            }
        }
    }
    Ok(forms)
}

/// The flag for a performance-indicator table no template accepts.
pub fn unknown_form(why: &str) -> ReadError {
    ReadError::UnknownForm(format!(
        "文件中有绩效指标表（一级指标、二级指标、三级指标、指标值），但不是 perfsheet 认识的绩效目标表：{why}。若是绩效自评表等其他表格，不属于本次报送；若确是绩效目标表，请用 perfsheet inspect 查看各模板为何不符，并请信息部门补充模板（perfsheet templates）"
    ))
}

/// The flag for a known form with nothing filled in.
pub fn blank_form(what: &str) -> ReadError {
    ReadError::BlankForm(format!(
        "文件是一张未填写的空白表格（{what}），除标签和模板行外没有任何内容；请报送单位填写后重新发送"
    ))
}

/// What is decided before a file is read: an Office owner file (`~$…`) or a file an
/// operating system leaves in folders is not a filing, and a file over the size limit is
/// not read at all. `path` is the dataset path (a `__MACOSX/` folder marks system files).
pub fn precheck(path: &Path, len: u64, limits: &Limits) -> Result<(), ReadError> {
    if is_system_file(path) {
        return Err(ReadError::SystemFile);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return Err(ReadError::LockFile);
    }
    if len > limits.max_file_bytes {
        return Err(ReadError::too_large(
            Bound::FileSize(limits.max_file_bytes),
            format!("文件大小 {len} 字节，上限 {} 字节", limits.max_file_bytes),
        ));
    }
    Ok(())
}

/// The flag for a file that was read but holds no form.
pub fn not_a_form() -> ReadError {
    ReadError::NotAForm(
        "文件中未找到绩效目标表（没有“部门总体资金情况”“绩效指标”等栏目）；若这确是报表，请用 perfsheet inspect 查看它的表格".into(),
    )
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
    s
}
