//! Why a file gave no record. Each variant maps to one stable flag code of the dataset
//! (RECORD.md). A flagged entry carries two texts: `message`, plain Chinese for the clerk
//! who must act on it (what happened, what to do), and `detail`, the technical cause for IT
//! staff (what the reader found broken, the library's own error), so that neither audience
//! has to read the other's words.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use thiserror::Error;

/// Which bound a file went past; decides which option a clerk may raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The file itself is larger than `--max-file-mib` (bytes allowed).
    FileSize(u64),
    /// Its compressed parts inflate past `--max-inflated-mib` (bytes allowed).
    Inflated(u64),
    /// A sheet or table holds more cells than `--max-cells`.
    Cells(usize),
    /// Its markup nests deeper than `--max-xml-depth`.
    Depth(usize),
    /// A fixed bound of a format (columns of a Word table, namespace declarations, the
    /// size a declared structure may claim): no real filing comes near it.
    Structure,
}

/// An underlying error kept with the flag (a zip, XML, OLE or I/O error), shared so that a
/// `ReadError` stays cheap to clone.
#[derive(Clone)]
pub struct Cause(Arc<dyn StdError + Send + Sync>);

impl Cause {
    /// Keeps `e` as the cause.
    pub fn new(e: impl StdError + Send + Sync + 'static) -> Self {
        Cause(Arc::new(e))
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl StdError for Cause {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source()
    }
}

const MIB: u64 = 1024 * 1024;

/// A reason a file could not be read. Readers return it; the ingest loop turns it into a
/// flagged entry and goes on with the next file. `Display` is the message for people.
#[derive(Debug, Error, Clone)]
pub enum ReadError {
    /// The file has no bytes.
    #[error("文件是空的（0 字节），可能在复制、下载或解压时出错；请报送单位重新发送")]
    EmptyFile,
    /// The bytes are a known container but broken inside.
    #[error(
        "文件已损坏或不完整，无法打开；请报送单位用 Word/Excel/WPS 打开确认内容后重新保存，再发送一次"
    )]
    Corrupt {
        /// What the reader found broken.
        detail: String,
        /// The library's error, where one was the cause.
        #[source]
        cause: Option<Cause>,
    },
    /// Password-protected Office file.
    #[error("文件设有打开密码，无法读取；请报送单位取消密码后重新保存，再发送一次")]
    Encrypted,
    /// Not a format perfsheet reads; the text says what the file is and what to do.
    #[error("{0}")]
    Unsupported(String),
    /// Readable, but no form inside; the text says what was looked for.
    #[error("{0}")]
    NotAForm(String),
    /// A performance-indicator table that no template accepts (a 绩效自评表, say).
    #[error("{0}")]
    UnknownForm(String),
    /// A known template with nothing filled in.
    #[error("{0}")]
    BlankForm(String),
    /// A size limit was exceeded (file size, inflated bytes, cells, nesting).
    #[error("{}", too_large_message(.bound))]
    TooLarge {
        /// Which bound.
        bound: Bound,
        /// What exceeded it, for IT staff.
        detail: String,
    },
    /// Processing took longer than the per-file time limit (seconds).
    #[error(
        "处理超过 {0} 秒仍未完成，已跳过；可用 --timeout 调高时限后单独重试此文件，若仍超时请将文件发给开发者"
    )]
    Timeout(u64),
    /// An Office owner file ("~$报表.docx") left beside an open document; not a filing.
    #[error("Office 临时锁定文件（文件名以 ~$ 开头，文档打开时自动生成），不是表格本身，可删除")]
    LockFile,
    /// A file an operating system leaves in folders (.DS_Store, Thumbs.db, __MACOSX/…).
    #[error(
        "操作系统自动生成的文件（如 .DS_Store、Thumbs.db、desktop.ini、__MACOSX），不是报表，无需处理"
    )]
    SystemFile,
    /// The file could not be opened or read from disk; the text says why in words.
    #[error("无法读取文件：{what}")]
    Io {
        /// Why, for people (没有读取权限, 文件不存在, …).
        what: String,
        /// The operating system's error.
        #[source]
        cause: Option<Cause>,
    },
    /// The file's name is not valid UTF-8 and could not be decoded either.
    #[error(
        "文件名不是有效的 UTF-8 编码，也无法按 GBK 解读，无法可靠地记录来源；请将文件重命名（如用中文或英文重新命名）后重新提交"
    )]
    BadFileName,
    /// A bug: a panic or an invariant broken while reading this file.
    #[error("读取此文件时 perfsheet 内部出错（程序缺陷，不是文件的问题）；请将此文件发给开发者")]
    Internal(String),
}

fn too_large_message(bound: &Bound) -> String {
    let mib = |bytes: u64| bytes.div_ceil(MIB).max(1);
    match *bound {
        Bound::FileSize(max) => format!(
            "文件超过 {} MiB 的大小上限，没有读取；若确是报表，可用 --max-file-mib 调高上限后重试",
            mib(max)
        ),
        Bound::Inflated(max) => format!(
            "文件解压后的内容超过 {} MiB 的上限（可能内含大量图片，或是恶意构造的“压缩炸弹”），没有读取；若确是报表，可用 --max-inflated-mib 调高上限后重试",
            mib(max)
        ),
        Bound::Cells(max) => format!(
            "一张表格或工作表的单元格超过 {max} 个，没有读取（常见于带有大片空白格式的工作表）；可删去多余区域后另存，或用 --max-cells 调高上限"
        ),
        Bound::Depth(max) => format!(
            "文件内部结构嵌套超过 {max} 层，没有读取（可能是恶意构造的文件）；若确是报表，可用 --max-xml-depth 调高上限后重试"
        ),
        Bound::Structure => {
            "文件内部结构超出可处理的范围（例如表格列数异常），没有读取；请报送单位检查后另存为 .docx 或 .xlsx 再发送".to_string()
        }
    }
}

impl ReadError {
    /// A broken file, with what the reader found.
    pub fn corrupt(detail: impl Into<String>) -> Self {
        ReadError::Corrupt {
            detail: detail.into(),
            cause: None,
        }
    }

    /// A broken file, with what the reader found and the library error behind it.
    pub fn corrupt_because(
        detail: impl Into<String>,
        cause: impl StdError + Send + Sync + 'static,
    ) -> Self {
        ReadError::Corrupt {
            detail: detail.into(),
            cause: Some(Cause::new(cause)),
        }
    }

    /// A bound exceeded, with what exceeded it.
    pub fn too_large(bound: Bound, detail: impl Into<String>) -> Self {
        ReadError::TooLarge {
            bound,
            detail: detail.into(),
        }
    }

    /// The stable English code written beside the Chinese message.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::EmptyFile => "empty_file",
            ReadError::Corrupt { .. } => "corrupt",
            ReadError::Encrypted => "encrypted",
            ReadError::Unsupported(_) => "unsupported_format",
            ReadError::NotAForm(_) => "not_a_form",
            ReadError::UnknownForm(_) => "unknown_form",
            ReadError::BlankForm(_) => "blank_form",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::Timeout(_) => "timeout",
            ReadError::LockFile => "lock_file",
            ReadError::SystemFile => "system_file",
            ReadError::Io { .. } => "unreadable",
            ReadError::BadFileName => "bad_file_name",
            ReadError::Internal(_) => "internal_error",
        }
    }

    /// The technical cause for IT staff: what the reader found, then each underlying error
    /// in turn; `None` where the message says all there is.
    pub fn detail(&self) -> Option<String> {
        let (what, cause): (Option<&str>, Option<&Cause>) = match self {
            ReadError::Corrupt { detail, cause } => (Some(detail), cause.as_ref()),
            ReadError::TooLarge { detail, .. } => (Some(detail), None),
            ReadError::Io { cause, .. } => (None, cause.as_ref()),
            ReadError::Internal(panic) => (Some(panic), None),
            _ => (None, None),
        };
        let mut parts: Vec<String> = what
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .into_iter()
            .collect();
        let mut next: Option<&(dyn StdError + 'static)> = cause.map(|c| &*c.0 as _);
        while let Some(e) = next {
            parts.push(e.to_string());
            next = e.source();
        }
        (!parts.is_empty()).then(|| parts.join(": "))
    }
}

impl From<zip::result::ZipError> for ReadError {
    fn from(e: zip::result::ZipError) -> Self {
        ReadError::corrupt_because("压缩包结构错误", e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_for_people_and_details_for_it_staff() {
        let e = ReadError::from(zip::result::ZipError::InvalidArchive(
            "Could not find EOCD".into(),
        ));
        assert_eq!(e.code(), "corrupt");
        let message = e.to_string();
        assert!(
            !message.is_ascii() && !message.contains("EOCD"),
            "{message}"
        );
        let detail = e.detail().unwrap_or_default();
        assert!(
            detail.starts_with("压缩包结构错误: ") && detail.contains("EOCD"),
            "{detail}"
        );

        let big = ReadError::too_large(Bound::FileSize(100 * MIB), "文件大小 157286400 字节");
        let message = big.to_string();
        assert!(
            message.contains("100 MiB") && message.contains("--max-file-mib"),
            "{message}"
        );
        assert!(!message.contains("157286400"), "{message}");
        assert_eq!(big.detail().as_deref(), Some("文件大小 157286400 字节"));

        for (bound, option) in [
            (Bound::Inflated(256 * MIB), "--max-inflated-mib"),
            (Bound::Cells(1_000_000), "--max-cells"),
            (Bound::Depth(256), "--max-xml-depth"),
        ] {
            assert!(ReadError::too_large(bound, "").to_string().contains(option));
        }
        assert_eq!(ReadError::too_large(Bound::Structure, "").detail(), None);
        assert_eq!(ReadError::Encrypted.detail(), None);
    }
}
