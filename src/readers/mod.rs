//! Readers know file formats, not forms: each turns a file's bytes into a
//! [`Document`](crate::model::grid::Document) of tables and paragraphs. The format is
//! decided by the bytes ([`format::detect`]), never by the file name, and one dispatch
//! ([`read_document`]) picks the reader.

pub mod doc;
pub mod docx;
pub mod format;
pub mod html;
pub mod mhtml;
pub mod odf;
pub(crate) mod ooxml;
pub mod rtf;
pub mod sheet;
pub mod xls;
pub mod xlsb;
pub mod xlsx;
pub(crate) mod xml;
pub mod xml2003;

use crate::error::{Bound, ReadError};
use crate::limits::Limits;
use crate::model::grid::Document;
use format::Format;

/// Dispatches to the reader for a detected format.
pub fn read_document(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    const RESAVE: &str = "请用 Word/Excel/WPS 打开后另存为 .docx 或 .xlsx 再提交";
    match format {
        Format::Empty => Err(ReadError::EmptyFile),
        Format::Docx | Format::Docm => docx::read(bytes, limits),
        Format::Xlsx | Format::Xlsm => xlsx::read(bytes, limits),
        Format::Xls => xls::read(bytes, limits),
        Format::Doc => doc::read(bytes, limits),
        Format::EncryptedOffice => Err(ReadError::Encrypted),
        Format::Zip => match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
            Err(e) => Err(ReadError::corrupt(format!(
                "文件像是 Office 文档（zip 压缩包）但已损坏或不完整（{e}），请重新保存或重新发送"
            ))),
            Ok(_) => Err(ReadError::Unsupported(format!(
                "这是一个普通 zip 压缩包，不是 Word/Excel 文件；请解压后提交其中的表格，或{RESAVE}"
            ))),
        },
        Format::Xlsb => xlsb::read(bytes, limits),
        Format::BrokenCfb => Err(ReadError::corrupt(
            "文件像是旧版 Office 文档（OLE 容器）但结构已损坏，请重新保存或重新发送",
        )),
        Format::OldXls => Err(ReadError::Unsupported(format!(
            "Excel 2.x–4.x 旧格式，{RESAVE}"
        ))),
        Format::OldDoc => Err(ReadError::Unsupported(format!(
            "Word 2.0 及更早的旧格式，{RESAVE}"
        ))),
        Format::OtherCfb => Err(ReadError::Unsupported(format!(
            "无法识别的旧版 Office/WPS 文件，{RESAVE}"
        ))),
        Format::Odt | Format::Ods | Format::Fodt | Format::Fods => odf::read(bytes, limits),
        Format::Rtf => rtf::read(bytes, limits),
        Format::Html => html::read(bytes, limits),
        Format::Mhtml => mhtml::read(bytes, limits),
        Format::SpreadsheetMl => xml2003::read_spreadsheetml(bytes, limits),
        Format::WordMl => xml2003::read_wordml(bytes, limits),
        Format::Xml => Err(ReadError::Unsupported(format!(
            "XML 文件（不是 Word/Excel 表格），{RESAVE}"
        ))),
        Format::SevenZip | Format::Rar => Err(ReadError::Unsupported(
            "这是 7z/RAR 压缩包，perfsheet 不能直接读取；请解压后提交其中的表格（或改用 zip 压缩）"
                .into(),
        )),
        Format::Pdf => Err(ReadError::Unsupported(format!(
            "PDF 文件无法提取表格，{RESAVE}"
        ))),
        Format::Text => Err(ReadError::Unsupported(format!(
            "纯文本文件（不是 Word/Excel 表格），{RESAVE}"
        ))),
        Format::Unknown => Err(ReadError::Unsupported(format!(
            "无法识别的文件格式，{RESAVE}"
        ))),
    }
}

/// Refuses a file over the size limit before a reader that reads it whole (no package to
/// inflate) starts on it; the pipeline checks the same, this keeps a direct caller bounded.
pub(crate) fn check_file_size(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::too_large(
            Bound::FileSize(limits.max_file_bytes),
            format!(
                "文件大小 {} 字节超过上限 {} 字节",
                bytes.len(),
                limits.max_file_bytes
            ),
        ));
    }
    Ok(())
}
