//! A zip archive of forms (departments e-mail their forms zipped, names often in GBK):
//! every member is read as a file of its own, with the path `收件.zip/财政局/表.docx`, and
//! accounted like any file. The inflate limit applies to the archive as a whole, and an
//! archive inside it is opened too, one level deep.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::file::{Settings, forms_of, panic_text, precheck};
use crate::error::{Bound, ReadError};
use crate::model::flagged::Flagged;
use crate::model::outcome::Outcome;
use crate::readers::format::{Format, detect};
use crate::readers::read_document;

/// How deep archives are opened: an archive in an archive, but no deeper.
const MAX_DEPTH: usize = 2;

/// Reads every member of the archive in `bytes` (`rel` its dataset path). `depth` is 1 for
/// an archive on disk.
pub(super) fn read_archive(
    bytes: &[u8],
    rel: &str,
    settings: &Settings,
    depth: usize,
    budget: &mut u64,
) -> Result<Vec<Outcome>, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::corrupt_because("压缩包已损坏或不完整，无法列出其中的文件", e))?;
    let mut members: Vec<(usize, String)> = Vec::new();
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else {
            continue;
        };
        if file.is_dir() {
            continue;
        }
        members.push((i, member_name(file.name_raw())));
    }
    if members.is_empty() {
        return Err(ReadError::NotAForm(
            "这是一个空的压缩包（没有任何文件），请报送单位重新打包发送".into(),
        ));
    }
    members.sort_by(|a, b| a.1.cmp(&b.1));
    let mut out = Vec::with_capacity(members.len());
    for (i, name) in members {
        let member_rel = format!("{rel}/{name}");
        let mut format = Format::Unknown;
        let read = catch_unwind(AssertUnwindSafe(|| {
            read_member(
                &mut zip,
                i,
                &member_rel,
                settings,
                depth,
                budget,
                &mut format,
            )
        }));
        match read {
            Ok(Ok(outcomes)) => out.extend(outcomes),
            Ok(Err(e)) => out.push(Outcome::Flagged(Flagged::from_error(
                member_rel,
                format.name(),
                &e,
            ))),
            Err(panic) => out.push(Outcome::Flagged(Flagged::from_error(
                member_rel,
                format.name(),
                &ReadError::Internal(panic_text(&*panic)),
            ))),
        }
    }
    Ok(out)
}

/// One member: inflated under what is left of the archive's budget, then read like a file
/// on disk (or opened, if it is an archive itself and deep enough).
fn read_member(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    rel: &str,
    settings: &Settings,
    depth: usize,
    budget: &mut u64,
    format: &mut Format,
) -> Result<Vec<Outcome>, ReadError> {
    let limits = &settings.limits;
    let file = match zip.by_index(index) {
        Ok(f) => f,
        Err(zip::result::ZipError::UnsupportedArchive(m))
            if m.contains("ncrypt") || m.contains("assword") =>
        {
            return Err(ReadError::Encrypted);
        }
        Err(e) => return Err(ReadError::corrupt_because("压缩包中的文件无法解压", e)),
    };
    if file.encrypted() {
        return Err(ReadError::Encrypted);
    }
    precheck(Path::new(rel), file.size(), limits)?;
    let allowed = (*budget).min(limits.max_inflated_bytes);
    if file.size() > allowed {
        return Err(ReadError::too_large(
            Bound::Inflated(limits.max_inflated_bytes),
            format!(
                "压缩包中的 {rel} 声明解压后为 {} 字节，超过整个压缩包剩余的解压上限 {allowed} 字节",
                file.size()
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(file.size().min(allowed).min(64 << 20) as usize);
    file.take(allowed.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::corrupt_because(format!("压缩包中的 {rel} 无法解压"), e))?;
    if bytes.len() as u64 > allowed {
        return Err(ReadError::too_large(
            Bound::Inflated(limits.max_inflated_bytes),
            format!(
                "压缩包解压后的内容合计超过 {} 字节",
                limits.max_inflated_bytes
            ),
        ));
    }
    *budget = budget.saturating_sub(bytes.len() as u64);
    precheck(Path::new(rel), bytes.len() as u64, limits)?;
    *format = detect(&bytes);
    if *format == Format::Zip {
        if depth >= MAX_DEPTH {
            return Err(ReadError::Unsupported(
                "压缩包里的压缩包里还有压缩包，嵌套过深，未读取；请解压后提交其中的表格".into(),
            ));
        }
        return read_archive(&bytes, rel, settings, depth + 1, budget);
    }
    let doc = read_document(&bytes, *format, limits)?;
    let forms = forms_of(&doc, &bytes, *format, rel, &settings.templates)?;
    Ok(vec![Outcome::Forms(forms)])
}

/// A member's name as the dataset writes it: UTF-8 when it is (the zip's UTF-8 flag or
/// plain ASCII), else GBK, which Chinese Windows writes without saying; "/" separators,
/// no leading "/" or "..".
fn member_name(raw: &[u8]) -> String {
    let name = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    };
    name.replace('\\', "/")
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_decode_gbk_and_stay_inside() {
        let (gbk, _, _) = encoding_rs::GBK.encode("财政局/绩效目标表.docx");
        assert_eq!(member_name(&gbk), "财政局/绩效目标表.docx");
        assert_eq!(member_name("收件/表.docx".as_bytes()), "收件/表.docx");
        assert_eq!(member_name(b"../../etc/passwd"), "etc/passwd");
        assert_eq!(member_name(b"a\\b.docx"), "a/b.docx");
    }
}
