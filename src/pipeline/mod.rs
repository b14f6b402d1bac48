//! The main job: find every file under the given paths, read each one in isolation (an error
//! or a panic in one file becomes one flagged entry), in parallel, and gather the dataset.

use crate::checks;
use crate::error::ReadError;
use crate::limits::Limits;
use crate::model::record::Record;
use crate::output::dataset::{Dataset, Flagged};
use crate::readers::format::{Format, detect};
use crate::readers::read_document;
use crate::recognize::recognize;
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};
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
        // A folder's files are named relative to it; a file given by itself by its name, or
        // by the path as given when several roots could hold the same name.
        let rel_of = |p: &Path| -> String {
            match p.strip_prefix(root) {
                Ok(r) if !r.as_os_str().is_empty() => {
                    if prefix_roots {
                        format!("{}/{}", root_label.trim_end_matches('/'), slash_path(r))
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
                    // A name that is not UTF-8 cannot be written faithfully into the
                    // dataset; it is listed (escaped) and flagged rather than dropped.
                    let under_root = e.path().strip_prefix(root).unwrap_or(e.path());
                    let name_ok = if under_root.as_os_str().is_empty() {
                        e.file_name().to_str().is_some()
                    } else {
                        under_root.to_str().is_some()
                    };
                    out.push(Input {
                        rel: rel_of(e.path()),
                        path: e.path().to_path_buf(),
                        walk_error: (!name_ok).then_some(ReadError::BadFileName),
                    })
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let message = if err.loop_ancestor().is_some()
                        || err.io_error().is_some_and(is_link_loop)
                    {
                        LINK_LOOP.to_string()
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

/// The path as dataset text. Bytes that are not UTF-8 are written as `\xNN`, so two names
/// that differ only there stay two entries (a lossy U+FFFD would merge them).
fn slash_path(p: &Path) -> String {
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

fn io_message(e: &std::io::Error) -> String {
    if is_link_loop(e) {
        return LINK_LOOP.to_string();
    }
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        _ => format!("读取失败（{e}）"),
    }
}

/// Processes every input in parallel (on the current rayon pool) and builds the dataset.
pub fn ingest(inputs: &[Input], limits: &Limits) -> Dataset {
    let mut records = Vec::new();
    let mut flagged = Vec::new();
    for_each_outcome(inputs, limits, |_, o| match o {
        Outcome::Records(r) => records.extend(r),
        Outcome::Flagged(f) => flagged.push(f),
    });
    Dataset::new(inputs.len(), records, flagged)
}

/// How many files may be read ahead of the next one handed to the sink: enough to keep
/// every core busy past a slow file, few enough that memory does not grow with the number
/// of files.
const CHUNK: usize = 256;

/// Processes inputs in parallel and hands each outcome to `sink` in input order (the order
/// of `inputs`, which `collect_inputs` sorts by path). Memory is bounded by one chunk.
pub fn for_each_outcome(inputs: &[Input], limits: &Limits, sink: impl FnMut(&Input, Outcome)) {
    for_each_outcome_with_progress(inputs, limits, &|_| {}, sink);
}

/// `for_each_outcome`, calling `done` once per file the moment that file is finished (in
/// completion order, on the calling thread), so that a caller can show progress without
/// waiting for the files before it. `done` must be cheap; the library draws nothing itself.
///
/// The files are read by as many worker threads as the current rayon pool has (`--jobs`),
/// each reading file after file. The calling thread supervises them: a file still running
/// after `limits.timeout` is flagged `timeout`, its worker is abandoned (left to finish on
/// its own, its result dropped) and a fresh worker takes its place, so the run goes on.
/// One long-lived worker per core instead of a watchdog thread per file: spawning a thread
/// for every file cost a quarter of the run time (fresh stacks, malloc arenas and caches).
pub fn for_each_outcome_with_progress(
    inputs: &[Input],
    limits: &Limits,
    done: &(dyn Fn(&Input) + Sync),
    sink: impl FnMut(&Input, Outcome),
) {
    supervise(
        Arc::from(inputs),
        limits,
        done,
        sink,
        process,
        Arc::new(|_, o| o),
    );
}

/// `for_each_outcome_with_progress`, with each outcome first turned into a `T` by `prepare`
/// on the worker thread that read the file (on the calling thread for a file that timed
/// out). A caller that writes outcomes out (JSON lines) serialises them there: the work
/// spreads over the workers, and a record is freed by the thread that allocated it —
/// records freed on the calling thread left glibc's per-thread heaps fragmented, and peak
/// memory varied from run to run (30–100 MB at 10,000 files).
///
/// `inputs` may be given owned (a `Vec`), so that the workers share the caller's list
/// instead of a copy of every path.
pub fn for_each_prepared<T: Send + 'static>(
    inputs: impl Into<Arc<[Input]>>,
    limits: &Limits,
    done: &(dyn Fn(&Input) + Sync),
    prepare: impl Fn(&Input, Outcome) -> T + Send + Sync + 'static,
    sink: impl FnMut(&Input, T),
) {
    supervise(
        inputs.into(),
        limits,
        done,
        sink,
        process,
        Arc::new(prepare),
    );
}

/// Turns an outcome into what the sink takes, on the worker thread.
type Prepare<T> = Arc<dyn Fn(&Input, Outcome) -> T + Send + Sync>;

/// `for_each_outcome_with_progress` reading each file with `read` (tests slow it down).
///
/// Workers claim the next file themselves (an atomic counter) and post only their results:
/// handing each file to a worker through a channel and waiting for it to ask again cost
/// four thread wake-ups a file and left cores idle between files. The supervisor watches
/// the clock through each worker's "working on file i since t" slot.
fn supervise<T: Send + 'static>(
    inputs: Arc<[Input]>,
    limits: &Limits,
    done: &(dyn Fn(&Input) + Sync),
    mut sink: impl FnMut(&Input, T),
    read: fn(&Input, &Limits) -> Outcome,
    prepare: Prepare<T>,
) {
    if inputs.is_empty() {
        return;
    }
    let wanted = rayon::current_num_threads().clamp(1, inputs.len());
    let (results, inbox) = mpsc::channel();
    let shared = Arc::new(Shared {
        inputs: Arc::clone(&inputs),
        limits: limits.clone(),
        read,
        prepare,
        next: AtomicUsize::new(0),
        window: Mutex::new(Window::default()),
        widened: Condvar::new(),
    });
    let _close = CloseOnDrop(&shared);
    let mut workers: Vec<Arc<WorkerSlot>> = Vec::new();
    for _ in 0..wanted {
        spawn_worker(&shared, &results, &mut workers);
    }
    let mut ready: VecDeque<Option<T>> = VecDeque::new();
    let mut next_emit = 0usize;
    while next_emit < inputs.len() {
        if workers.is_empty() {
            // No worker could be started (or kept): read what is left here, unwatched.
            let idx = shared.next.fetch_add(1, Ordering::Relaxed);
            if let Some(input) = inputs.get(idx) {
                let o = (shared.prepare)(input, read(input, limits));
                done(input);
                place(&mut ready, idx - next_emit, o);
            }
        } else {
            let deadline = workers
                .iter()
                .filter_map(|w| w.since())
                .min()
                .unwrap_or_else(Instant::now)
                .checked_add(limits.timeout);
            let wait = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let first = match wait {
                Some(t) => inbox.recv_timeout(t).ok(),
                None => inbox.recv().ok(),
            };
            let mut got = first
                .into_iter()
                .chain(std::iter::from_fn(|| inbox.try_recv().ok()));
            for (idx, o) in got.by_ref() {
                // A result for a file already flagged timeout (its worker finished just as
                // it was abandoned) finds its place taken and is dropped.
                if let (Some(input), Some(k)) = (inputs.get(idx), idx.checked_sub(next_emit))
                    && ready.get(k).is_none_or(Option::is_none)
                {
                    done(input);
                    place(&mut ready, k, o);
                }
            }
            let now = Instant::now();
            let mut k = 0;
            while k < workers.len() {
                match workers[k].abandon_if_past(now, limits.timeout) {
                    Some(idx) => {
                        workers.swap_remove(k);
                        if let Some(input) = inputs.get(idx) {
                            done(input);
                            let flag = (shared.prepare)(input, timeout_flag(input, limits));
                            place(&mut ready, idx - next_emit, flag);
                        }
                        spawn_worker(&shared, &results, &mut workers);
                    }
                    None => k += 1,
                }
            }
        }
        let before = next_emit;
        while let Some(Some(_)) = ready.front() {
            if let Some(Some(o)) = ready.pop_front() {
                sink(&inputs[next_emit], o);
                next_emit += 1;
            }
        }
        if next_emit != before {
            shared.widen(next_emit);
        }
    }
}

/// Puts outcome `o` at offset `k` of the files not yet handed to the sink.
fn place<T>(ready: &mut VecDeque<Option<T>>, k: usize, o: T) {
    if ready.len() <= k {
        ready.resize_with(k + 1, || None);
    }
    ready[k] = Some(o);
}

/// What the supervisor and its workers share. Owned (the inputs shared), because an
/// abandoned worker may outlive the call.
struct Shared<T> {
    inputs: Arc<[Input]>,
    limits: Limits,
    read: fn(&Input, &Limits) -> Outcome,
    prepare: Prepare<T>,
    /// The next input index to claim.
    next: AtomicUsize,
    window: Mutex<Window>,
    /// Signalled when the window moves on or closes.
    widened: Condvar,
}

/// How far ahead of the sink workers may read: memory stays bounded by CHUNK outcomes.
#[derive(Default)]
struct Window {
    /// Outcomes handed to the sink so far.
    emitted: usize,
    /// Workers blocked until the window moves.
    waiting: usize,
    /// The run is over (or its supervisor unwound): waiting workers quit.
    closed: bool,
}

impl<T> Shared<T> {
    /// Blocks until input `idx` is within the read-ahead window; false when the run closed.
    fn wait_for_window(&self, idx: usize) -> bool {
        let mut w = lock(&self.window);
        while !w.closed && idx >= w.emitted + CHUNK {
            w.waiting += 1;
            w = self.widened.wait(w).unwrap_or_else(|e| e.into_inner());
            w.waiting -= 1;
        }
        !w.closed
    }

    fn widen(&self, emitted: usize) {
        let mut w = lock(&self.window);
        w.emitted = emitted;
        if w.waiting > 0 {
            self.widened.notify_all();
        }
    }

    fn close(&self) {
        lock(&self.window).closed = true;
        self.widened.notify_all();
    }
}

/// Closes the window when the supervisor returns or unwinds, so no worker waits forever.
struct CloseOnDrop<'a, T>(&'a Shared<T>);

impl<T> Drop for CloseOnDrop<'_, T> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// A poisoned lock only means another thread panicked while holding it; the data (plain
/// counters and a timestamp) is still meaningful.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One worker as the supervisor sees it: the file it is on and since when.
#[derive(Default)]
struct WorkerSlot {
    job: Mutex<Option<(usize, Instant)>>,
    /// Set (under the `job` lock) when the supervisor gives up on the worker's file.
    abandoned: AtomicBool,
}

impl WorkerSlot {
    fn since(&self) -> Option<Instant> {
        lock(&self.job).map(|(_, t)| t)
    }

    /// Abandons the worker if its file has run past `timeout`; returns that file.
    fn abandon_if_past(&self, now: Instant, timeout: Duration) -> Option<usize> {
        let job = lock(&self.job);
        let (idx, since) = (*job)?;
        if now.saturating_duration_since(since) < timeout {
            return None;
        }
        self.abandoned.store(true, Ordering::Relaxed);
        Some(idx)
    }

    /// Marks the worker idle; false if it was abandoned meanwhile (its result is dropped).
    fn finish(&self) -> bool {
        let mut job = lock(&self.job);
        *job = None;
        !self.abandoned.load(Ordering::Relaxed)
    }
}

/// Starts one more worker (none when the system has no thread to spare).
fn spawn_worker<T: Send + 'static>(
    shared: &Arc<Shared<T>>,
    results: &mpsc::Sender<(usize, T)>,
    workers: &mut Vec<Arc<WorkerSlot>>,
) {
    let slot = Arc::new(WorkerSlot::default());
    let (me, shared, results) = (Arc::clone(&slot), Arc::clone(shared), results.clone());
    let spawned = std::thread::Builder::new()
        .name("perfsheet-file".into())
        .spawn(move || {
            loop {
                let idx = shared.next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = shared.inputs.get(idx) else {
                    return;
                };
                if !shared.wait_for_window(idx) {
                    return;
                }
                *lock(&me.job) = Some((idx, Instant::now()));
                let o = catch_unwind(AssertUnwindSafe(|| {
                    (shared.prepare)(input, (shared.read)(input, &shared.limits))
                }))
                .unwrap_or_else(|_| {
                    let flag = Outcome::Flagged(Flagged {
                        path: input.rel.clone(),
                        format: "unknown".into(),
                        code: "internal_error".into(),
                        message: ReadError::Internal("处理线程意外退出".into()).to_string(),
                    });
                    (shared.prepare)(input, flag)
                });
                if !me.finish() || results.send((idx, o)).is_err() {
                    return;
                }
            }
        });
    if spawned.is_ok() {
        workers.push(slot);
    }
}

/// The flag for a file still running after `limits.timeout`.
fn timeout_flag(input: &Input, limits: &Limits) -> Outcome {
    let e = ReadError::Timeout(limits.timeout.as_secs());
    Outcome::Flagged(Flagged {
        path: input.rel.clone(),
        format: "unknown".into(),
        code: e.code().into(),
        message: e.to_string(),
    })
}

/// Reads one file on a watchdog thread so that a file that takes longer than
/// `limits.timeout` is flagged timeout; the overrun thread is left to finish on its own.
/// For a single file; a batch is cheaper through `for_each_outcome`, which keeps one
/// supervised worker per core instead of a thread per file.
pub fn process_with_timeout(input: &Input, limits: &Limits) -> Outcome {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let owned = input.clone();
    let lim = limits.clone();
    let spawned = std::thread::Builder::new()
        .name("perfsheet-file".into())
        .spawn(move || {
            let _ = tx.send(process(&owned, &lim));
        });
    if spawned.is_err() {
        // No thread to spare: read it here, without a watchdog.
        return process(input, limits);
    }
    match rx.recv_timeout(limits.timeout) {
        Ok(o) => o,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => timeout_flag(input, limits),
        // The worker died without sending: only a panic that escaped catch_unwind does that.
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Outcome::Flagged(Flagged {
            path: input.rel.clone(),
            format: "unknown".into(),
            code: "internal_error".into(),
            message: ReadError::Internal("处理线程意外退出".into()).to_string(),
        }),
    }
}

/// Keeps the inputs of shard `k` of `n` (1-based): a stable hash of the dataset path, so
/// that separate machines split a corpus the same way without talking to each other.
pub fn shard(inputs: Vec<Input>, k: u32, n: u32) -> Vec<Input> {
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

/// Inputs named in a list (one path per line, as from `find` or a scheduler), each relative
/// to the current directory as given.
pub fn inputs_from_list(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Reads one file. Never panics: a panic inside becomes an internal_error entry.
pub fn process(input: &Input, limits: &Limits) -> Outcome {
    guarded(input, |format| process_inner(input, limits, format))
}

/// Runs `read` for `input`, turning its error, or a panic, into the file's flagged entry.
/// `read` sets the format as soon as it knows it, so that the entry can say what the file was.
fn guarded(
    input: &Input,
    read: impl FnOnce(&mut Format) -> Result<Vec<Record>, ReadError>,
) -> Outcome {
    let mut format = Format::Unknown;
    let result = catch_unwind(AssertUnwindSafe(|| read(&mut format)));
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

fn process_inner(
    input: &Input,
    limits: &Limits,
    format: &mut Format,
) -> Result<Vec<Record>, ReadError> {
    if let Some(e) = &input.walk_error {
        return Err(e.clone());
    }
    let name = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(&input.path).map_err(|e| ReadError::Io(io_message(&e)))?;
    // A pipe would block the reader forever and a device (a link to /dev/zero) never ends.
    if !meta.is_file() {
        return Err(ReadError::Io(
            "不是普通文件（管道、设备或套接字等），已跳过".into(),
        ));
    }
    precheck(&name, meta.len(), limits)?;
    // Bounded even if the file grows between the size check and the read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&input.path)
        .and_then(|f| {
            f.take(limits.max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(|e| ReadError::Io(io_message(&e)))?;
    precheck(&name, bytes.len() as u64, limits)?;
    *format = detect(&bytes);
    let mut records = read_records(&bytes, *format, &name, limits)?;
    for r in &mut records {
        r.source.path = input.rel.clone();
    }
    Ok(records)
}

/// The whole pipeline for one file's bytes: read them as `format`, recognise the forms,
/// check them. `file_name` gives `source.path` (callers walking folders replace it with
/// the path relative to their root) and may carry the budget year.
pub fn read_records(
    bytes: &[u8],
    format: Format,
    file_name: &str,
    limits: &Limits,
) -> Result<Vec<Record>, ReadError> {
    let doc = read_document(bytes, format, limits)?;
    let forms = recognize(&doc, file_name);
    if forms.is_empty() {
        return Err(not_a_form());
    }
    let sha = hex(&Sha256::digest(bytes));
    Ok(forms
        .into_iter()
        .map(|f| {
            let mut r = f.record;
            checks::check(&mut r, &f.funds_locs);
            r.source.path = file_name.to_string();
            r.source.format = format.name().to_string();
            r.source.bytes = Some(bytes.len() as u64);
            r.source.sha256 = Some(sha.clone());
            r
        })
        .collect())
}

/// What is decided before a file is read: an Office owner file (`~$…`) is not a filing,
/// and a file over the size limit is not read at all. Shared with `inspect`.
pub fn precheck(file_name: &str, len: u64, limits: &Limits) -> Result<(), ReadError> {
    if file_name.starts_with("~$") {
        return Err(ReadError::LockFile);
    }
    if len > limits.max_file_bytes {
        return Err(ReadError::TooLarge(format!(
            "文件大小 {len} 字节超过上限 {} 字节",
            limits.max_file_bytes
        )));
    }
    Ok(())
}

/// The flag for a file that was read but holds no form.
pub fn not_a_form() -> ReadError {
    ReadError::NotAForm(
        "文件中未找到部门整体绩效目标表（没有“部门总体资金情况”“绩效指标”等栏目）".into(),
    )
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn input(path: PathBuf, rel: &str) -> Input {
        Input {
            path,
            rel: rel.into(),
            walk_error: None,
        }
    }

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/libreoffice")
            .join(name)
    }

    fn flagged(o: Outcome) -> Flagged {
        match o {
            Outcome::Flagged(f) => f,
            Outcome::Records(r) => panic!("expected a flagged entry, got {} records", r.len()),
        }
    }

    #[test]
    fn a_panic_while_reading_becomes_internal_error_with_the_path() {
        let i = input(PathBuf::from("/nowhere/表.docx"), "处室/表.docx");
        let f = flagged(guarded(&i, |format| {
            *format = Format::Docx;
            panic!("索引越界 at cell 3");
        }));
        assert_eq!(f.code, "internal_error");
        assert_eq!(f.path, "处室/表.docx");
        assert_eq!(f.format, "docx");
        assert!(f.message.contains("索引越界 at cell 3"), "{}", f.message);
        // A formatted panic message (a String payload) is kept too.
        let n = 7;
        let f = flagged(guarded(&i, |_| panic!("row {n}")));
        assert!(f.message.contains("row 7"), "{}", f.message);
    }

    #[test]
    fn the_watchdog_flags_a_file_past_its_time() {
        // Zero time: the file cannot be read before the watchdog gives up on it.
        let limits = Limits {
            timeout: Duration::ZERO,
            ..Limits::default()
        };
        let i = input(fixture("seed_libreoffice.docx"), "seed.docx");
        let f = flagged(process_with_timeout(&i, &limits));
        assert_eq!((f.code.as_str(), f.path.as_str()), ("timeout", "seed.docx"));
        assert!(f.message.contains("超时"), "{}", f.message);
        // With time to spare the same file gives its record.
        let o = process_with_timeout(&i, &Limits::default());
        assert!(
            matches!(o, Outcome::Records(ref r) if !r.is_empty()),
            "{o:?}"
        );
    }

    #[test]
    fn pipes_and_devices_are_not_read() {
        let i = input(PathBuf::from("/dev/zero"), "zero.docx");
        let f = flagged(process(&i, &Limits::default()));
        assert_eq!(f.code, "unreadable");
    }

    #[cfg(unix)]
    #[test]
    fn undecodable_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = slash_path(Path::new(std::ffi::OsStr::from_bytes(b"d/\xB1\xED.docx")));
        let b = slash_path(Path::new(std::ffi::OsStr::from_bytes(b"d/\xB1\xEE.docx")));
        assert_eq!(a, "d/\\xB1\\xED.docx");
        assert_ne!(a, b);
    }

    fn form_fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/forms")
            .join(name)
    }

    /// Reads like `process`, but a file named "hang…" takes far longer than any timeout
    /// used here (a regular file cannot be made to hang on cue).
    fn slow_read(input: &Input, limits: &Limits) -> Outcome {
        if input.rel.starts_with("hang") {
            std::thread::sleep(Duration::from_secs(5));
        }
        process(input, limits)
    }

    /// Runs `supervise` with one worker and `read`; (dataset path, "records N" or the flag
    /// code) per file in the order the sink got them, and how often `done` was called.
    fn run_one_worker(
        inputs: &[Input],
        limits: &Limits,
        read: fn(&Input, &Limits) -> Outcome,
    ) -> (Vec<(String, String)>, usize) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        pool.install(|| {
            let done = |_: &Input| {
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            };
            supervise(
                Arc::from(inputs),
                limits,
                &done,
                |i, o| {
                    let code = match o {
                        Outcome::Records(r) => format!("records {}", r.len()),
                        Outcome::Flagged(f) => f.code,
                    };
                    seen.push((i.rel.clone(), code));
                },
                read,
                Arc::new(|_, o| o),
            )
        });
        (seen, done.into_inner())
    }

    fn pairs(seen: &[(String, String)]) -> Vec<(&str, &str)> {
        seen.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
    }

    /// A file that runs past the timeout is flagged timeout, the files after it are still
    /// read (by a replacement worker: there is only one), and outcomes keep input order.
    #[test]
    fn a_file_past_its_time_is_flagged_and_the_run_goes_on() {
        let inputs = vec![
            input(form_fixture("000_鄂州市乡村振兴局.docx"), "a.docx"),
            input(form_fixture("001_鄂州市乡村振兴局.xlsx"), "hang.xlsx"),
            input(form_fixture("001_鄂州市乡村振兴局.xlsx"), "c.xlsx"),
            input(form_fixture("014_天门市医疗保障局.xlsx"), "d.xlsx"),
        ];
        let limits = Limits {
            timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        let (seen, done) = run_one_worker(&inputs, &limits, slow_read);
        let want = [
            ("a.docx", "records 1"),
            ("hang.xlsx", "timeout"),
            ("c.xlsx", "records 1"),
            ("d.xlsx", "records 1"),
        ];
        assert_eq!(pairs(&seen), want);
        assert_eq!(done, 4);
    }

    /// Reads like `process`, but panics outside its guard on a file named "boom…".
    fn unguarded_panic(input: &Input, limits: &Limits) -> Outcome {
        if input.rel.starts_with("boom") {
            panic!("escaped the guard");
        }
        process(input, limits)
    }

    /// A panic that escapes the per-file guard still becomes that file's internal_error,
    /// and the one worker goes on with the next file.
    #[test]
    fn a_panic_outside_the_guard_is_flagged_and_the_worker_goes_on() {
        let inputs = vec![
            input(form_fixture("001_鄂州市乡村振兴局.xlsx"), "boom.xlsx"),
            input(form_fixture("000_鄂州市乡村振兴局.docx"), "c.docx"),
        ];
        let (seen, _) = run_one_worker(&inputs, &Limits::default(), unguarded_panic);
        assert_eq!(
            pairs(&seen),
            [("boom.xlsx", "internal_error"), ("c.docx", "records 1")]
        );
    }

    /// `prepare` runs on the worker that read the file, and its results reach the sink in
    /// input order.
    #[test]
    fn outcomes_are_prepared_on_the_workers() {
        let inputs: Vec<Input> = ["000_鄂州市乡村振兴局.docx", "001_鄂州市乡村振兴局.xlsx"]
            .iter()
            .map(|n| input(form_fixture(n), n))
            .collect();
        let mut seen = Vec::new();
        let prepare = |i: &Input, o: Outcome| {
            let on_worker = std::thread::current().name() == Some("perfsheet-file");
            (i.rel.clone(), matches!(o, Outcome::Records(_)), on_worker)
        };
        for_each_prepared(
            inputs.as_slice(),
            &Limits::default(),
            &|_| {},
            prepare,
            |_, p| seen.push(p),
        );
        let want: Vec<(String, bool, bool)> =
            inputs.iter().map(|i| (i.rel.clone(), true, true)).collect();
        assert_eq!(seen, want);
    }

    /// More files than the look-ahead window, several workers, a consumer that lags: every
    /// file once, in order, and never more than the window read ahead.
    #[test]
    fn outcomes_come_in_input_order() {
        let names = [
            "000_鄂州市乡村振兴局.docx",
            "001_鄂州市乡村振兴局.xlsx",
            "005_襄阳市交通运输局.xlsx",
        ];
        let inputs: Vec<Input> = (0..CHUNK + 40)
            .map(|i| input(form_fixture(names[i % names.len()]), &format!("{i:04}")))
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let mut seen = Vec::new();
        let finished = std::sync::atomic::AtomicUsize::new(0);
        pool.install(|| {
            let done = |_: &Input| {
                finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            };
            for_each_outcome_with_progress(&inputs, &Limits::default(), &done, |i, o| {
                assert!(
                    matches!(o, Outcome::Records(ref r) if r.len() == 1),
                    "{o:?}"
                );
                // A slow consumer at first: the workers must stop at the window's edge.
                if seen.is_empty() {
                    std::thread::sleep(Duration::from_millis(400));
                }
                let ahead = finished.load(std::sync::atomic::Ordering::Relaxed);
                assert!(
                    ahead <= seen.len() + CHUNK,
                    "{ahead} finished, {} handed on",
                    seen.len()
                );
                seen.push(i.rel.clone());
            })
        });
        let want: Vec<String> = inputs.iter().map(|i| i.rel.clone()).collect();
        assert_eq!(seen, want);
    }
}
