use super::file::guarded;
use super::pool::{CHUNK, supervise};
use super::walk::slash_path;
use super::*;
use crate::model::flagged::Flagged;
use crate::readers::format::Format;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn input(path: PathBuf, rel: &str) -> Input {
    Input::new(path, rel)
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/libreoffice")
        .join(name)
}

fn flagged(o: Outcome) -> Flagged {
    match o {
        Outcome::Flagged(f) => f,
        Outcome::Forms(f) => panic!("expected a flagged entry, got {} forms", f.len()),
        Outcome::Archive(m) => panic!("expected a flagged entry, got an archive of {}", m.len()),
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
    // The message is for people; the panic's text is the detail, for the developers.
    assert!(!f.message.contains("索引越界"), "{}", f.message);
    assert_eq!(f.detail.as_deref(), Some("索引越界 at cell 3"));
    // A formatted panic message (a String payload) is kept too.
    let n = 7;
    let f = flagged(guarded(&i, |_| panic!("row {n}")));
    assert_eq!(f.detail.as_deref(), Some("row 7"));
}

#[test]
fn the_watchdog_flags_a_file_past_its_time() {
    // Zero time, and a read that takes longer than that on cue: a small file read at once
    // could otherwise finish before the watchdog first looks.
    let limits = Limits {
        timeout: Duration::ZERO,
        ..Limits::default()
    };
    let hang = input(fixture("seed_libreoffice.docx"), "hang.docx");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let mut got = Vec::new();
    pool.install(|| {
        supervise(
            std::sync::Arc::from(vec![hang]),
            &Settings::new(limits),
            1,
            &|_: &Input| {},
            |_, o| got.push(o),
            slow_read,
            std::sync::Arc::new(|_, o| o),
        )
    });
    assert_eq!(got.len(), 1);
    let f = flagged(got.remove(0));
    assert_eq!((f.code.as_str(), f.path.as_str()), ("timeout", "hang.docx"));
    assert!(f.message.contains("--timeout"), "{}", f.message);
    // With time to spare the same file gives its record.
    let i = input(fixture("seed_libreoffice.docx"), "seed.docx");
    let mut got = Vec::new();
    Ingest::new(Limits::default()).for_each(vec![i], |_, o| got.push(o));
    assert_eq!(got.len(), 1);
    assert!(
        matches!(got[0], Outcome::Forms(ref f) if !f.is_empty()),
        "{:?}",
        got[0]
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
fn slow_read(input: &Input, limits: &Settings) -> Outcome {
    if input.rel.starts_with("hang") {
        std::thread::sleep(Duration::from_secs(5));
    }
    process_with(input, limits)
}

/// Runs `supervise` with one worker and `read`; (dataset path, "records N" or the flag
/// code) per file in the order the sink got them, and how often `done` was called.
fn run_one_worker(
    inputs: &[Input],
    limits: &Limits,
    read: fn(&Input, &Settings) -> Outcome,
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
            std::sync::Arc::from(inputs),
            &Settings::new(limits.clone()),
            1,
            &done,
            |i, o| {
                let code = match o {
                    Outcome::Forms(f) => format!("records {}", f.len()),
                    Outcome::Flagged(f) => f.code,
                    Outcome::Archive(m) => format!("archive {}", m.len()),
                };
                seen.push((i.rel.clone(), code));
            },
            read,
            std::sync::Arc::new(|_, o| o),
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
fn unguarded_panic(input: &Input, limits: &Settings) -> Outcome {
    if input.rel.starts_with("boom") {
        panic!("escaped the guard");
    }
    process_with(input, limits)
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
        (i.rel.clone(), matches!(o, Outcome::Forms(_)), on_worker)
    };
    Ingest::default().run(inputs.as_slice(), prepare, |_, p| seen.push(p));
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
        Ingest::default()
            .on_file_done(&done)
            .for_each(inputs.as_slice(), |i, o| {
                assert!(matches!(o, Outcome::Forms(ref f) if f.len() == 1), "{o:?}");
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
