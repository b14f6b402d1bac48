//! The walk: which files a run reads, each with the path it will have in the dataset.
//!
//! Built like ripgrep's `WalkBuilder`: roots, then options, then [`WalkBuilder::build`].
//! Every file under a root is an [`Input`], including those the walk could not enter
//! (a broken or looping link, a folder without permission): each becomes one flagged
//! entry, so that a clerk can see that nothing went missing. A root that does not
//! exist is an error of the whole run, before any output is touched: a mistyped path must
//! not replace yesterday's dataset with an empty one.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Cause, ReadError};

/// One file to process, or a path the walk could not enter.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its path in the dataset: relative to the root given, "/" separators.
    pub rel: String,
    /// Set when the walk failed here (a broken or looping link, no permission) or the name
    /// cannot be written.
    pub walk_error: Option<ReadError>,
    /// The name on disk was not UTF-8 and `rel` is its GBK reading (each form read from it
    /// carries a warning saying so).
    pub name_from_gbk: bool,
}

impl Input {
    /// A file to read, with its dataset path.
    pub fn new(path: impl Into<PathBuf>, rel: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            rel: rel.into(),
            walk_error: None,
            name_from_gbk: false,
        }
    }
}

/// Why a walk cannot start.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    /// A root that is neither a file nor a folder (a typo, an unmounted share).
    #[error("找不到输入路径“{}”（请检查路径是否拼写正确）", .0.display())]
    MissingRoot(PathBuf),
}

/// The roots and options of a walk.
#[derive(Debug, Clone, Default)]
pub struct WalkBuilder {
    roots: Vec<PathBuf>,
    shard: Option<(u32, u32)>,
    skip: Vec<PathBuf>,
}

impl WalkBuilder {
    /// A walk of `roots` (files or folders; folders to any depth).
    pub fn new<P: Into<PathBuf>>(roots: impl IntoIterator<Item = P>) -> Self {
        WalkBuilder {
            roots: roots.into_iter().map(Into::into).collect(),
            ..WalkBuilder::default()
        }
    }

    /// Adds the paths of a list (one per line, as `find` writes them), each relative to
    /// the current directory as given.
    pub fn add_list(&mut self, text: &str) -> &mut Self {
        self.roots.extend(
            text.lines()
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| !l.trim().is_empty())
                .map(PathBuf::from),
        );
        self
    }

    /// Keeps only shard `k` of `n` (1-based), by a stable hash of the dataset path, so
    /// that separate jobs split a corpus the same way without talking to each other.
    pub fn shard(&mut self, k: u32, n: u32) -> &mut Self {
        self.shard = Some((k, n));
        self
    }

    /// Never reads this file (the run's own outputs, which may stand inside the inbox).
    pub fn skip(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.skip.push(path.into());
        self
    }

    /// Walks every root: the inputs sorted by dataset path, each file once however many
    /// roots reach it.
    pub fn build(&self) -> Result<Vec<Input>, WalkError> {
        if let Some(missing) = self.roots.iter().find(|r| r.symlink_metadata().is_err()) {
            return Err(WalkError::MissingRoot(missing.clone()));
        }
        let skip: HashSet<PathBuf> = self
            .skip
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let mut out = Vec::new();
        let prefix_roots = self.roots.len() > 1;
        for root in &self.roots {
            walk_root(root, prefix_roots, &mut |input| {
                // A file reached twice (`ingest a a/b.docx`, a link into the tree) is read
                // once; an entry the walk could not resolve is kept as it is.
                if let Ok(real) = std::fs::canonicalize(&input.path)
                    && (skip.contains(&real) || !seen.insert(real))
                {
                    return;
                }
                out.push(input);
            });
        }
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        if let Some((k, n)) = self.shard {
            out = shard(out, k, n);
        }
        Ok(out)
    }
}

/// Every entry under one root, handed to `push` with its dataset path.
fn walk_root(root: &Path, prefix_roots: bool, push: &mut dyn FnMut(Input)) {
    let root_label = slash_path(root);
    let root_label = root_label.trim_end_matches('/');
    // A folder's files are named relative to it; a file given by itself by its name, or
    // by the path as given when several roots could hold the same name.
    let rel_of = |p: &Path| -> String {
        match p.strip_prefix(root) {
            Ok(r) if !r.as_os_str().is_empty() => {
                if prefix_roots {
                    format!("{root_label}/{}", slash_path(r))
                } else {
                    slash_path(r)
                }
            }
            _ if prefix_roots => slash_path(p),
            _ => p
                .file_name()
                .map(|n| slash_path(Path::new(n)))
                .unwrap_or_else(|| slash_path(p)),
        }
    };
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let under_root = e.path().strip_prefix(root).unwrap_or(e.path());
                let shown = if under_root.as_os_str().is_empty() {
                    Path::new(e.file_name())
                } else {
                    under_root
                };
                // A name that is not UTF-8 is, from a Chinese inbox, GBK (a zip unpacked by
                // a tool that took its names as bytes): read as GBK where it decodes, else
                // listed (escaped) and flagged rather than dropped.
                let utf8 = shown.to_str().is_some();
                let rel = rel_of(e.path());
                let (rel, walk_error, name_from_gbk) = match (utf8, gbk_path(&rel)) {
                    (true, _) => (rel, None, false),
                    (false, Some(decoded)) => (decoded, None, true),
                    (false, None) => (rel, Some(ReadError::BadFileName), false),
                };
                push(Input {
                    rel,
                    path: e.path().to_path_buf(),
                    walk_error,
                    name_from_gbk,
                })
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let error =
                    if err.loop_ancestor().is_some() || err.io_error().is_some_and(is_link_loop) {
                        io_error(LINK_LOOP, None)
                    } else if path.symlink_metadata().is_ok() && path.metadata().is_err() {
                        io_error("符号链接指向的文件不存在", None)
                    } else {
                        match err.into_io_error() {
                            Some(io) => read_error(io),
                            None => io_error("无法进入此路径", None),
                        }
                    };
                push(Input {
                    rel: rel_of(&path),
                    path,
                    walk_error: Some(error),
                    name_from_gbk: false,
                });
            }
        }
    }
}

/// A dataset path whose undecodable bytes (written `\xNN` by `slash_path`) read as GBK,
/// or `None` when they do not.
fn gbk_path(escaped: &str) -> Option<String> {
    // Component by component: a folder named in UTF-8 may hold a file named in GBK.
    let mut parts = Vec::new();
    for part in escaped.split('/') {
        if !part.contains("\\x") {
            parts.push(part.to_string());
            continue;
        }
        // The component's bytes on disk: its valid UTF-8 pieces as they were, its escapes
        // back to bytes.
        let mut bytes = Vec::with_capacity(part.len());
        let mut rest = part;
        while let Some(i) = rest.find("\\x") {
            bytes.extend_from_slice(&rest.as_bytes()[..i]);
            let hex = rest.get(i + 2..i + 4)?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &rest[i + 4..];
        }
        bytes.extend_from_slice(rest.as_bytes());
        let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
        if bad {
            return None;
        }
        parts.push(text.into_owned());
    }
    Some(parts.join("/"))
}

/// Files an operating system leaves in folders and archives: Finder's `.DS_Store` and
/// AppleDouble `._name` files, anything under `__MACOSX/`, Explorer's `Thumbs.db` and
/// `desktop.ini`. They are not filings and nobody need act on them.
pub(crate) fn is_system_file(path: &Path) -> bool {
    if path
        .components()
        .any(|c| c.as_os_str().eq_ignore_ascii_case("__MACOSX"))
    {
        return true;
    }
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    name.starts_with("._")
        || matches!(
            lower.as_str(),
            ".ds_store" | "thumbs.db" | "ehthumbs.db" | "desktop.ini" | ".localized"
        )
}

/// The path as dataset text. Bytes that are not UTF-8 are written as `\xNN`, so two names
/// that differ only there stay two entries (a lossy U+FFFD would merge them).
pub(crate) fn slash_path(p: &Path) -> String {
    #[cfg(unix)]
    let s = {
        use std::os::unix::ffi::OsStrExt;
        let mut s = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            s.push_str(chunk.valid());
            for b in chunk.invalid() {
                s.push_str(&format!("\\x{b:02X}"));
            }
        }
        s
    };
    #[cfg(not(unix))]
    let s = p.to_string_lossy().into_owned();
    if std::path::MAIN_SEPARATOR == '/' {
        s
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

const LINK_LOOP: &str = "符号链接形成循环，已跳过";

/// ELOOP: too many levels of symbolic links (a link to itself, or links pointing at each
/// other), which walkdir reports as a plain I/O error rather than a loop.
fn is_link_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(ELOOP)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const ELOOP: i32 = 40;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const ELOOP: i32 = 62;

fn io_error(what: &str, cause: Option<std::io::Error>) -> ReadError {
    ReadError::Io {
        what: what.to_string(),
        cause: cause.map(Cause::new),
    }
}

/// The flag for an I/O error while opening or reading a file, in words for people.
pub(crate) fn read_error(e: std::io::Error) -> ReadError {
    let what = if is_link_loop(&e) {
        LINK_LOOP
    } else {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied => "没有读取权限，请检查文件或文件夹的权限设置",
            std::io::ErrorKind::NotFound => "文件不存在（可能在读取时被移动或删除）",
            _ => "读取失败（磁盘或网络共享出错），请稍后重试",
        }
    };
    io_error(what, Some(e))
}

/// Keeps the inputs of shard `k` of `n` (1-based): a stable hash of the dataset path.
fn shard(inputs: Vec<Input>, k: u32, n: u32) -> Vec<Input> {
    if n <= 1 {
        return inputs;
    }
    inputs
        .into_iter()
        .filter(|i| fnv1a(i.rel.as_bytes()) % u64::from(n) == u64::from(k.saturating_sub(1)))
        .collect()
}

/// FNV-1a: stable across platforms, versions and runs (unlike std's SipHash keys).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("perfsheet-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn rels(inputs: &[Input]) -> Vec<(&str, Option<&'static str>)> {
        inputs
            .iter()
            .map(|i| (i.rel.as_str(), i.walk_error.as_ref().map(ReadError::code)))
            .collect()
    }

    #[test]
    fn a_missing_root_stops_the_run() {
        let dir = temp_dir("missing");
        let err = WalkBuilder::new([dir.join("没有这个文件夹")])
            .build()
            .unwrap_err();
        assert!(matches!(err, WalkError::MissingRoot(_)));
        assert!(err.to_string().contains("没有这个文件夹"), "{err}");
    }

    #[test]
    fn overlapping_roots_read_each_file_once_and_outputs_are_skipped() {
        let dir = temp_dir("overlap");
        std::fs::create_dir_all(dir.join("a/处室")).unwrap();
        std::fs::write(dir.join("a/处室/表.docx"), b"x").unwrap();
        std::fs::write(dir.join("a/dataset.json"), b"{}").unwrap();
        let a = dir.join("a");
        let inputs = WalkBuilder::new([a.clone(), dir.join("a/"), a.join("处室/表.docx")])
            .skip(a.join("dataset.json"))
            .skip(dir.join("not-yet-written.xlsx"))
            .build()
            .unwrap();
        assert_eq!(inputs.len(), 1, "{:?}", rels(&inputs));
        assert!(inputs[0].rel.ends_with("处室/表.docx"), "{}", inputs[0].rel);
    }

    #[test]
    fn system_files_are_known_by_name_or_folder() {
        for junk in [
            ".DS_Store",
            "Thumbs.db",
            "a/desktop.ini",
            "._表.docx",
            "__MACOSX/2024/表.docx",
        ] {
            assert!(is_system_file(Path::new(junk)), "{junk}");
        }
        for form in ["表.docx", "a.DS_Store.docx", "MACOSX/表.docx", "~$表.docx"] {
            assert!(!is_system_file(Path::new(form)), "{form}");
        }
    }

    #[test]
    fn gbk_names_are_read_as_gbk() {
        // 表格 in GBK, as `slash_path` escapes it.
        assert_eq!(
            gbk_path("收件/\\xB1\\xED\\xB8\\xF1.docx").as_deref(),
            Some("收件/表格.docx")
        );
        assert_eq!(gbk_path("\\xFF\\xFE.docx"), None);
        assert_eq!(gbk_path("plain.docx").as_deref(), Some("plain.docx"));
    }

    #[test]
    fn shards_partition_the_inputs() {
        let inputs: Vec<Input> = (0..50)
            .map(|i| Input::new(format!("/x/{i}.docx"), format!("{i}.docx")))
            .collect();
        let mut all: Vec<String> = (1..=3)
            .flat_map(|k| shard(inputs.clone(), k, 3))
            .map(|i| i.rel)
            .collect();
        all.sort();
        let mut want: Vec<String> = inputs.iter().map(|i| i.rel.clone()).collect();
        want.sort();
        assert_eq!(all, want);
    }

    #[test]
    fn a_list_adds_its_lines() {
        let mut w = WalkBuilder::new(Vec::<PathBuf>::new());
        w.add_list("a.docx\r\n\n  \nb/c.xlsx\n");
        assert_eq!(
            w.roots,
            [PathBuf::from("a.docx"), PathBuf::from("b/c.xlsx")]
        );
    }
}
