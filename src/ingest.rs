//! The main job: find every file under the given paths, read each one in isolation (an error
//! or a panic in one file becomes one flagged entry), in parallel, and gather the dataset.

use crate::checks;
use crate::dataset::{Dataset, Flagged};
use crate::error::ReadError;
use crate::format::{Format, detect};
use crate::grid::Document;
use crate::limits::Limits;
use crate::recognize::recognize;
use crate::record::Record;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One file to process, or a path the walk could not enter.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its path in the dataset: relative to the root given, "/" separators.
    pub rel: String,
    /// Set when the walk itself failed here (broken link, loop, permission).
    pub walk_error: Option<ReadError>,
}

/// What one file gave.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// One record per form found.
    Records(Vec<Record>),
    /// No record; why.
    Flagged(Flagged),
}

/// Finds every file under `roots`, sorted by dataset path. Directories are walked to any
/// depth; symbolic links are followed, and a link that is broken or loops is an entry too.
pub fn collect_inputs(roots: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    let prefix_roots = roots.len() > 1;
    for root in roots {
        let root_label = slash_path(root);
        let rel_of = |p: &Path| -> String {
            let rel = match p.strip_prefix(root) {
                Ok(r) if !r.as_os_str().is_empty() => slash_path(r),
                _ => p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| slash_path(p)),
            };
            if prefix_roots && root.is_dir() {
                format!("{}/{rel}", root_label.trim_end_matches('/'))
            } else {
                rel
            }
        };
        for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => out.push(Input {
                    rel: rel_of(e.path()),
                    path: e.path().to_path_buf(),
                    walk_error: None,
                }),
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let message = if err.loop_ancestor().is_some() {
                        "符号链接形成循环，已跳过".to_string()
                    } else if path.symlink_metadata().is_ok() && path.metadata().is_err() {
                        "符号链接指向的文件不存在".to_string()
                    } else {
                        match err.io_error() {
                            Some(io) => io_message(io),
                            None => err.to_string(),
                        }
                    };
                    out.push(Input {
                        rel: rel_of(&path),
                        path,
                        walk_error: Some(ReadError::Io(message)),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn slash_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        _ => format!("读取失败（{e}）"),
    }
}

/// Processes every input in parallel (on the current rayon pool) and builds the dataset.
pub fn ingest(inputs: &[Input], limits: &Limits) -> Dataset {
    let outcomes: Vec<Outcome> = inputs.par_iter().map(|i| process(i, limits)).collect();
    let mut records = Vec::new();
    let mut flagged = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Records(r) => records.extend(r),
            Outcome::Flagged(f) => flagged.push(f),
        }
    }
    Dataset::new(inputs.len(), records, flagged)
}

/// Reads one file. Never panics: a panic inside becomes an internal_error entry.
pub fn process(input: &Input, limits: &Limits) -> Outcome {
    let mut format = Format::Unknown;
    let result = catch_unwind(AssertUnwindSafe(|| process_inner(input, limits, &mut format)));
    let err = match result {
        Ok(Ok(records)) => return Outcome::Records(records),
        Ok(Err(e)) => e,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "未知错误".to_string());
            ReadError::Internal(what)
        }
    };
    Outcome::Flagged(Flagged {
        path: input.rel.clone(),
        format: format.name().to_string(),
        code: err.code().to_string(),
        message: err.to_string(),
    })
}

fn process_inner(input: &Input, limits: &Limits, format: &mut Format) -> Result<Vec<Record>, ReadError> {
    if let Some(e) = &input.walk_error {
        return Err(e.clone());
    }
    let name = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return Err(ReadError::LockFile);
    }
    let meta = std::fs::metadata(&input.path).map_err(|e| ReadError::Io(io_message(&e)))?;
    if meta.len() > limits.max_file_bytes {
        return Err(ReadError::TooLarge(format!(
            "文件大小 {} 字节超过上限 {} 字节",
            meta.len(),
            limits.max_file_bytes
        )));
    }
    let bytes = std::fs::read(&input.path).map_err(|e| ReadError::Io(io_message(&e)))?;
    *format = detect(&bytes);
    let doc = read_document(&bytes, *format, limits)?;
    let forms = recognize(&doc, &input.rel);
    if forms.is_empty() {
        return Err(ReadError::NotAForm(
            "文件中未找到部门整体绩效目标表（没有“部门总体资金情况”“绩效指标”等栏目）".into(),
        ));
    }
    let sha = hex(&Sha256::digest(&bytes));
    Ok(forms
        .into_iter()
        .map(|f| {
            let mut r = f.record;
            checks::check(&mut r, &f.funds_locs);
            r.source.path = input.rel.clone();
            r.source.format = format.name().to_string();
            r.source.bytes = Some(bytes.len() as u64);
            r.source.sha256 = Some(sha.clone());
            r
        })
        .collect())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Dispatches to the reader for a detected format.
pub fn read_document(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    const RESAVE: &str = "请用 Word/Excel/WPS 打开后另存为 .docx 或 .xlsx 再提交";
    match format {
        Format::Empty => Err(ReadError::EmptyFile),
        Format::Docx | Format::Docm => crate::docx::read(bytes, limits),
        Format::Xlsx | Format::Xlsm => crate::xlsx::read(bytes, limits),
        Format::Xls => crate::xls::read(bytes, limits),
        Format::Doc => crate::doc::read(bytes, limits),
        Format::EncryptedOffice => Err(ReadError::Encrypted),
        Format::Zip => match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
            Err(e) => Err(ReadError::Corrupt(format!(
                "文件像是 Office 文档（zip 压缩包）但已损坏或不完整（{e}），请重新保存或重新发送"
            ))),
            Ok(_) => Err(ReadError::Unsupported(format!(
                "这是一个普通 zip 压缩包，不是 Word/Excel 文件；请解压后提交其中的表格，或{RESAVE}"
            ))),
        },
        Format::Xlsb => Err(ReadError::Unsupported(format!("Excel 二进制工作簿（.xlsb）暂不支持，{RESAVE}"))),
        Format::OtherCfb => Err(ReadError::Unsupported(format!(
            "无法识别的旧版 Office/WPS 文件，{RESAVE}"
        ))),
        Format::Odt | Format::Ods => Err(ReadError::Unsupported(format!(
            "OpenDocument 格式（{}）暂不支持，{RESAVE}",
            format.name()
        ))),
        Format::Rtf => Err(ReadError::Unsupported(format!("RTF 文档（可能以 .doc 为扩展名保存），{RESAVE}"))),
        Format::Html => Err(ReadError::Unsupported(format!("网页格式（HTML/MHT，可能以 .doc/.xls 为扩展名保存），{RESAVE}"))),
        Format::Pdf => Err(ReadError::Unsupported(format!("PDF 文件无法提取表格，{RESAVE}"))),
        Format::Text => Err(ReadError::Unsupported(format!("纯文本文件（不是 Word/Excel 表格），{RESAVE}"))),
        Format::Unknown => Err(ReadError::Unsupported(format!("无法识别的文件格式，{RESAVE}"))),
    }
}
