//! Why a file gave no record. Each variant maps to one stable flag code of the dataset
//! (RECORD.md) and carries a message for finance staff in Chinese.

use thiserror::Error;

/// A reason a file could not be read. Readers return it; the ingest loop turns it into a
/// flagged entry and goes on with the next file.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ReadError {
    /// The file has no bytes.
    #[error("文件为空（0 字节）")]
    EmptyFile,
    /// The bytes are a known container but broken inside.
    #[error("文件已损坏，无法读取：{0}")]
    Corrupt(String),
    /// Password-protected Office file.
    #[error("文件已加密（设有打开密码），请取消密码后重新保存再提交")]
    Encrypted,
    /// Not a format perfsheet reads.
    #[error("{0}")]
    Unsupported(String),
    /// Readable, but no 绩效目标表 inside.
    #[error("{0}")]
    NotAForm(String),
    /// A size limit was exceeded (file size, inflated bytes, cells, nesting).
    #[error("超出处理上限：{0}")]
    TooLarge(String),
    /// Processing took longer than the per-file time limit.
    #[error("处理超时（超过 {0} 秒），已跳过")]
    Timeout(u64),
    /// An Office owner file ("~$报表.docx") left beside an open document; not a filing.
    #[error("Office 临时锁定文件（文件名以 ~$ 开头，文档打开时自动生成），不是表格本身，可删除")]
    LockFile,
    /// The file could not be opened or read from disk.
    #[error("无法读取文件：{0}")]
    Io(String),
    /// The file's name is not valid UTF-8 (typically GBK names from an unpacked zip); it is
    /// listed, with its undecodable bytes written as `\xNN`, so that it does not vanish.
    #[error(
        "文件名不是有效的 UTF-8 编码（常见于解压 GBK 编码的压缩包），无法可靠地记录来源；请将文件重命名（如用中文或英文重新命名）后重新提交"
    )]
    BadFileName,
    /// A bug: a panic or an invariant broken while reading this file.
    #[error("内部错误（请将此文件反馈给开发者）：{0}")]
    Internal(String),
}

impl ReadError {
    /// The stable English code written beside the Chinese message.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::EmptyFile => "empty_file",
            ReadError::Corrupt(_) => "corrupt",
            ReadError::Encrypted => "encrypted",
            ReadError::Unsupported(_) => "unsupported_format",
            ReadError::NotAForm(_) => "not_a_form",
            ReadError::TooLarge(_) => "too_large",
            ReadError::Timeout(_) => "timeout",
            ReadError::LockFile => "lock_file",
            ReadError::Io(_) => "unreadable",
            ReadError::BadFileName => "bad_file_name",
            ReadError::Internal(_) => "internal_error",
        }
    }
}

impl From<zip::result::ZipError> for ReadError {
    fn from(e: zip::result::ZipError) -> Self {
        ReadError::Corrupt(format!("压缩包结构错误（{e}）"))
    }
}
