//! A line per file format: how long perfsheet takes to read a form saved in that format
//! (HTML, MHTML, RTF, OpenDocument, xlsb, Office 2003 XML …) against the same forms saved
//! as .docx or .xlsx, on the committed fixtures, in the same run.
//!
//! Why a bench of its own: `ingest` measures the whole run against the floor on a generated
//! inbox of Word and Excel files; what a new reader costs is best told against its twin,
//! the form a department would otherwise have sent. Each fixture in `fixtures/<dir>/` whose
//! name starts with a department fixture's number (`003_…`) is paired with that fixture in
//! `fixtures/forms/` (the same form as .docx or .xlsx). Both sides run the library's whole
//! per-file pipeline (`detect`, `read_forms`: reader, recogniser, checks) on bytes already
//! in memory, one thread, interleaved, best of R rounds, so that a shared, noisy machine
//! slows both alike.
//!
//! `cargo bench --bench formats -- [--reps R] [--rounds K] [--only html]`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use perfsheet::{Limits, detect, read_document, read_forms};

/// The directories of other formats, and the name of the line each gets.
const DIRS: &[(&str, &str)] = &[
    ("html", "html"),
    ("mhtml", "mhtml"),
    ("rtf", "rtf"),
    ("odf", "odf"),
    ("xlsb", "xlsb"),
    ("xml2003", "xml2003"),
];

/// One file's bytes and its dataset path.
struct Input {
    path: String,
    bytes: Vec<u8>,
}

/// The department fixture number a name starts with: `003_…` → "003".
fn number(name: &str) -> Option<&str> {
    let n = name.get(..3)?;
    (n.bytes().all(|b| b.is_ascii_digit()) && name[3..].starts_with('_')).then_some(n)
}

fn load(path: &Path, rel: String) -> Input {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Input { path: rel, bytes }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x != "md"))
        .collect();
    v.sort();
    v
}

/// Reads every input `rounds` times; the time of the whole.
fn time(inputs: &[Input], rounds: usize, limits: &Limits) -> Duration {
    let start = Instant::now();
    for _ in 0..rounds {
        for i in inputs {
            let forms = read_forms(&i.bytes, detect(&i.bytes), &i.path, limits);
            assert!(forms.is_ok(), "{}: {:?}", i.path, forms.err());
            std::hint::black_box(forms.ok());
        }
    }
    start.elapsed()
}

/// Reads every input `rounds` times with the reader alone (bytes to `Document`).
fn time_reader(inputs: &[Input], rounds: usize, limits: &Limits) -> Duration {
    let start = Instant::now();
    for _ in 0..rounds {
        for i in inputs {
            std::hint::black_box(read_document(&i.bytes, detect(&i.bytes), limits).ok());
        }
    }
    start.elapsed()
}

fn main() {
    let mut reps = 5usize;
    let mut rounds = 20usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--reps" => reps = args.next().and_then(|v| v.parse().ok()).unwrap_or(reps),
            "--rounds" => rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(rounds),
            "--only" => only = args.next(),
            // cargo bench passes --bench; anything else is not ours.
            _ => {}
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let twins: BTreeMap<String, PathBuf> = files(&root.join("forms"))
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            Some((number(&name)?.to_string(), p))
        })
        .collect();
    let limits = Limits::default();
    let mut groups = Vec::new();
    for (dir, line) in DIRS {
        if only.as_deref().is_some_and(|o| o != *line) {
            continue;
        }
        let mut own = Vec::new();
        let mut twin = Vec::new();
        for p in files(&root.join(dir)) {
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(t) = number(name).and_then(|n| twins.get(n)) else {
                continue;
            };
            let tname = t.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            own.push(load(&p, format!("{dir}/{name}")));
            twin.push(load(t, format!("forms/{tname}")));
        }
        if own.is_empty() {
            eprintln!("{line}: no fixtures in fixtures/{dir} with a twin in fixtures/forms");
            continue;
        }
        groups.push((*line, own, twin));
    }
    // Warm up: page in the code of every reader and compile the templates once.
    for (_, own, twin) in &groups {
        time(own, 1, &limits);
        time(twin, 1, &limits);
    }
    // Best of `reps`: the whole pipeline of the format's files and of their twins, and the
    // reader alone of each.
    let mut best = vec![[Duration::MAX; 4]; groups.len()];
    for _ in 0..reps {
        for (g, (_, own, twin)) in groups.iter().enumerate() {
            let runs = [
                time(own, rounds, &limits),
                time(twin, rounds, &limits),
                time_reader(own, rounds, &limits),
                time_reader(twin, rounds, &limits),
            ];
            for (b, r) in best[g].iter_mut().zip(runs) {
                *b = (*b).min(r);
            }
        }
    }
    println!(
        "{:<8} {:>5} {:>10} {:>10} {:>8} {:>10} {:>10} {:>8} {:>9} {:>9}",
        "format",
        "files",
        "µs/file",
        "twin µs",
        "ratio",
        "reader µs",
        "twin rdr",
        "ratio",
        "KiB/file",
        "twin KiB"
    );
    for ((line, own, twin), [a, b, ra, rb]) in groups.iter().zip(&best) {
        let per = |d: &Duration, n: usize| d.as_secs_f64() * 1e6 / (n * rounds) as f64;
        let kib = |v: &[Input]| {
            v.iter().map(|i| i.bytes.len()).sum::<usize>() as f64 / 1024.0 / v.len() as f64
        };
        println!(
            "{:<8} {:>5} {:>10.0} {:>10.0} {:>7.2}× {:>10.0} {:>10.0} {:>7.2}× {:>9.1} {:>9.1}",
            line,
            own.len(),
            per(a, own.len()),
            per(b, twin.len()),
            a.as_secs_f64() / b.as_secs_f64(),
            per(ra, own.len()),
            per(rb, twin.len()),
            ra.as_secs_f64() / rb.as_secs_f64(),
            kib(own),
            kib(twin)
        );
    }
}
