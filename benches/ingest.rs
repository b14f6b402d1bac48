//! End-to-end benchmark of `perfsheet ingest` against the floor every reader of these files
//! pays: reading each file, inflating each zip entry once and tokenising its XML.
//!
//! Why a hand-written bench (harness = false) and not criterion: the question is not "did
//! this function get 3% slower" but "how far above the unzip-and-tokenise floor is the whole
//! pipeline, is time linear in the number of files, and does memory stay flat". So the bench
//! generates N filings with the fixture generator's own rendering code (the
//! `perfsheet-fixtures` crate), writes them to a temporary folder, and in the same run, on the
//! same files, times:
//!
//! - `floor`: walk, read, inflate every entry once, read every quick-xml event (nothing
//!   kept), in parallel with rayon;
//! - `lib`: `WalkBuilder` + `Ingest::dataset` + JSON serialisation, in this process, with the peak
//!   RSS of that step (VmHWM, reset through /proc/self/clear_refs before it);
//! - `bin json` / `bin jsonl`: the release binary as a child process (`-o FILE` and
//!   `--jsonl DIR`), with its own peak RSS (getrusage of that child through wait4);
//! - `floor process`: the floor again, as a child process of its own (this bench with
//!   `--floor DIR THREADS`): the binary pays process start-up, threads and a cold heap, which
//!   the in-process floor does not, and at 100 files those are a sixth of the run.
//!
//! Run: `cargo bench --bench ingest` (N = 100, 1000, 10000), or
//! `cargo bench --bench ingest -- 100 1000 [--reps R] [--jobs J] [--keep]`.
//! `--floor DIR` runs only the floor, on one thread, over a kept folder: under callgrind its
//! instruction count is the repeatable counterpart of the timed ratio.
//! Each timing is the best of R repetitions (default 3; at least 15 for N ≤ 100 and 5 for
//! N ≤ 1,000, whose short runs vary most), floor and perfsheet interleaved so that a load
//! change on a shared machine hits both.

use perfsheet::{Ingest, Limits, WalkBuilder};
use perfsheet_fixtures::files::{FileOut, Kind, Part};
use perfsheet_fixtures::project_specs::ProjForm;
use perfsheet_fixtures::specs::FileSpec;
use perfsheet_fixtures::{flagged, model, project_fixtures, specs};
use quick_xml::events::Event;
use rayon::prelude::*;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The allocator the perfsheet binary ships with (src/main.rs), so that the library step
/// and the floor run as they would in it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What the bench was asked to do.
struct Args {
    sizes: Vec<usize>,
    reps: usize,
    jobs: Option<usize>,
    keep: bool,
    bin: bool,
}

fn parse_args() -> Args {
    let mut a = Args {
        sizes: Vec::new(),
        reps: 3,
        jobs: None,
        keep: false,
        bin: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |what: &str| -> usize {
            it.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{what} needs a number"))
        };
        match arg.as_str() {
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            "--reps" => a.reps = number("--reps").max(1),
            "--jobs" => a.jobs = Some(number("--jobs").max(1)),
            "--keep" => a.keep = true,
            "--no-bin" => a.bin = false,
            n => match n.replace('_', "").parse::<usize>() {
                Ok(n) if n > 0 => a.sizes.push(n),
                _ => panic!(
                    "unknown argument {n:?}; usage: cargo bench --bench ingest -- [N...] [--reps R] [--jobs J] [--keep] [--no-bin]"
                ),
            },
        }
    }
    if a.sizes.is_empty() {
        a.sizes = vec![100, 1_000, 10_000];
    }
    a
}

/// One generated file: its name, and what perfsheet must make of it.
struct Generated {
    name: String,
    bytes: u64,
    forms: usize,
}

/// Plain sheets of a workbook besides its forms: name and rows.
type ExtraSheets = Vec<(&'static str, Vec<Vec<String>>)>;

/// The file templates: the department fixture specs (9 Word, 6 Excel, several of them
/// messy: text split across runs, tracked changes, split tables, a broken row, blank rows
/// and columns, two forms in one workbook), the project forms of every layout in
/// `fixtures/projects/`, and the negative fixtures.
struct Templates {
    docx: Vec<model::Form>,
    xlsx: Vec<(Vec<model::Form>, ExtraSheets)>,
    projects: Vec<ProjForm>,
    flagged: Vec<flagged::Flagged>,
}

fn templates() -> Templates {
    let mut t = Templates {
        docx: Vec::new(),
        xlsx: Vec::new(),
        projects: Vec::new(),
        flagged: Vec::new(),
    };
    for (_, spec) in specs::fixtures() {
        match spec {
            FileSpec::Docx(f) => t.docx.push(*f),
            FileSpec::Xlsx(forms, extra) => t.xlsx.push((forms, extra)),
        }
    }
    // One of each project layout (the .docx of a twin pair; the workbooks' projects too).
    for f in project_fixtures::files() {
        if f.kind == Kind::Xlsx && f.forms() == 1 {
            continue;
        }
        for p in f.parts {
            if let Part::Proj(p) = p {
                t.projects.push(*p);
            }
        }
    }
    t.flagged = flagged::all(&t.docx[0]);
    t
}

/// The name of department `d` (its overall form's, as `vary` writes it).
fn dept_name(t: &Templates, d: usize) -> String {
    let base = if d.is_multiple_of(2) {
        &t.docx[(d / 2) % t.docx.len()].record.department
    } else {
        &t.xlsx[(d / 2) % t.xlsx.len()].0[0].record.department
    };
    format!("{base}第{d}分局")
}

/// Project `k` of department `d`: filed by that department, under another project name.
fn vary_project(t: &Templates, d: usize, k: usize) -> ProjForm {
    let mut p = t.projects[(d * 5 + k) % t.projects.len()].clone();
    let r = &mut p.record;
    r.department = Some(dept_name(t, d));
    r.department_code = None;
    r.project = format!("{}（{}-{}）", r.project, d, k + 1);
    p.p.sheet_name = format!("项目{}", k + 1);
    p
}

/// Varies a form by file number: another department name and 0–4 more annual indicators
/// (copies of the last one under the same level-1/level-2 labels, so merges grow too).
fn vary(f: &mut model::Form, i: usize) {
    let r = &mut f.record;
    r.department = format!("{}第{}分局", r.department, i);
    let extra = (i / 2) % 5;
    if let Some(last) = r.annual.indicators.last().cloned() {
        for k in 0..extra {
            let mut ind = last.clone();
            ind.level3 = Some(format!(
                "{}（补充{}）",
                ind.level3.as_deref().unwrap_or(""),
                k + 1
            ));
            r.annual.indicators.push(ind);
        }
    }
}

/// docx-rs stores every entry uncompressed; Word deflates them. Re-pack so that the files
/// are as large as real filings (10–40 KB) and the floor has inflating to do.
fn deflate_package(stored: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(stored)).expect("docx-rs package");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut buf = Vec::new();
    for i in 0..src.len() {
        let mut e = src.by_index(i).expect("entry");
        let name = e.name().expect("entry name").to_string();
        if e.is_dir() {
            out.add_directory(name, opts).expect("dir");
            continue;
        }
        buf.clear();
        e.read_to_end(&mut buf).expect("inflate");
        out.start_file(name, opts).expect("start");
        out.write_all(&buf).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// Renders file `i` of a generated corpus, an inbox of departments: four files each, one
/// overall form (Word or Excel by turns) and five project forms (one in a Word file, one in
/// a workbook, three together in a Word file of three tables or a workbook of three sheets);
/// every 50th file is a negative fixture instead. Returns (name, bytes, forms in it).
fn render(t: &Templates, i: usize) -> (String, Vec<u8>, usize) {
    if i % 50 == 49 {
        let (name, _, bytes) = &t.flagged[(i / 50) % t.flagged.len()];
        let name = match name.strip_prefix("~$") {
            Some(rest) => format!("~${i:05}_{rest}"),
            None => format!("{i:05}_{name}"),
        };
        return (name, bytes.clone(), 0);
    }
    let d = i / 4;
    let proj = |k: usize| Part::Proj(Box::new(vary_project(t, d, k)));
    let file = match i % 4 {
        0 if d.is_multiple_of(2) => {
            let mut f = t.docx[(d / 2) % t.docx.len()].clone();
            vary(&mut f, d);
            let name = format!("{i:05}_{}.docx", f.record.department);
            FileOut::new(name, Kind::Docx, vec![Part::Dept(Box::new(f))])
        }
        0 => {
            let (forms, extra) = &t.xlsx[(d / 2) % t.xlsx.len()];
            let mut forms = forms.clone();
            forms.iter_mut().for_each(|f| vary(f, d));
            let name = format!("{i:05}_{}.xlsx", forms[0].record.department);
            let mut parts: Vec<Part> = forms.into_iter().map(|f| Part::Dept(Box::new(f))).collect();
            parts.extend(extra.iter().map(|(n, rows)| Part::Plain(n, rows.clone())));
            FileOut::new(name, Kind::Xlsx, parts)
        }
        1 => FileOut::new(format!("{i:05}_项目1.docx"), Kind::Docx, vec![proj(0)]),
        2 => FileOut::new(format!("{i:05}_项目2.xlsx"), Kind::Xlsx, vec![proj(1)]),
        _ => {
            let kind = if d.is_multiple_of(2) {
                Kind::Xlsx
            } else {
                Kind::Docx
            };
            let name = format!("{i:05}_项目3至5.{}", kind.ext());
            FileOut::new(name, kind, (2..5).map(proj).collect())
        }
    };
    let bytes = match file.kind {
        Kind::Docx => deflate_package(&file.bytes()),
        Kind::Xlsx => file.bytes(),
    };
    (file.name.clone(), bytes, file.forms())
}

/// Writes files 0..n into `pool` (rendering only those not there yet, in parallel).
fn generate(t: &Templates, pool: &Path, have: &mut Vec<Generated>, n: usize) {
    let from = have.len();
    if n <= from {
        return;
    }
    let mut new: Vec<Generated> = (from..n)
        .into_par_iter()
        .map(|i| {
            let (name, bytes, forms) = render(t, i);
            std::fs::write(pool.join(&name), &bytes).expect("write generated file");
            Generated {
                name,
                bytes: bytes.len() as u64,
                forms,
            }
        })
        .collect();
    have.append(&mut new);
}

/// A folder holding exactly the first n generated files (hard links into the pool).
fn corpus_dir(root: &Path, pool: &Path, files: &[Generated], n: usize) -> PathBuf {
    let dir = root.join(format!("n{n}"));
    std::fs::create_dir_all(&dir).expect("corpus dir");
    for g in &files[..n] {
        let (from, to) = (pool.join(&g.name), dir.join(&g.name));
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).expect("copy generated file");
        }
    }
    dir
}

/// The floor: read, inflate every entry once, read every XML event, keep nothing.
///
/// Like any careful reader it refuses an entry whose declared size is over perfsheet's
/// inflate limit and stops one that inflates past it: the generated corpus holds zip
/// bombs (one of the negative fixtures), and inflating those whole would make the floor
/// slow and perfsheet look fast.
fn floor(dir: &Path) -> u64 {
    let limit = Limits::default().max_inflated_bytes;
    let inputs = WalkBuilder::new([dir])
        .build()
        .expect("the bench folder walks");
    inputs
        .par_iter()
        .map(|input| {
            let Ok(bytes) = std::fs::read(&input.path) else {
                return 0;
            };
            let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(&bytes[..])) else {
                return 0;
            };
            let mut events = 0u64;
            let mut buf = Vec::new();
            for i in 0..zip.len() {
                let Ok(entry) = zip.by_index(i) else {
                    continue;
                };
                if entry.size() > limit {
                    continue;
                }
                let xml = entry
                    .name()
                    .is_ok_and(|n| n.ends_with(".xml") || n.ends_with(".rels"));
                buf.clear();
                let read = entry.take(limit + 1).read_to_end(&mut buf);
                if read.is_err() || buf.len() as u64 > limit || !xml {
                    continue;
                }
                let mut reader = quick_xml::Reader::from_reader(&buf[..]);
                loop {
                    match reader.read_event() {
                        Ok(Event::Eof) | Err(_) => break,
                        Ok(_) => events += 1,
                    }
                }
            }
            events
        })
        .sum()
}

/// Peak resident memory of this process so far (VmHWM), in KiB.
fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next reading is the peak of the
/// step that follows.
fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Runs the library ingest (walk + ingest + JSON written to a file, not synced) and returns
/// (seconds, forms read: records + projects, flagged, peak RSS KiB).
fn run_lib(dir: &Path, json_path: &Path, limits: &Limits) -> (f64, usize, usize, Option<u64>) {
    let reset = reset_hwm();
    let t = Instant::now();
    let inputs = WalkBuilder::new([dir])
        .build()
        .expect("the bench folder walks");
    let ds = Ingest::new(limits.clone()).dataset(&inputs);
    let file = std::fs::File::create(json_path).expect("dataset file");
    let mut w = std::io::BufWriter::new(file);
    ds.write_json(&mut w).expect("serialise");
    w.flush().expect("flush");
    drop(w);
    let secs = t.elapsed().as_secs_f64();
    let peak = if reset { vm_hwm_kib() } else { None };
    (
        secs,
        ds.summary.records + ds.summary.projects,
        ds.summary.flagged,
        peak,
    )
}

/// Runs the release binary once; (seconds, peak RSS KiB of that child).
///
/// Through a fresh copy of this bench (`--child-rss`): on Linux a child's `ru_maxrss`
/// starts from the peak of the process it was forked from, and this process is big by now.
/// The helper is small, so what it reports is perfsheet's own peak.
fn run_bin(args: &[&std::ffi::OsStr], jobs: Option<usize>) -> (f64, Option<u64>, f64) {
    let exe = std::env::current_exe().expect("current exe");
    let mut cmd = Command::new(exe);
    cmd.arg("--child-rss")
        .arg(env!("CARGO_BIN_EXE_perfsheet"))
        .arg("ingest")
        .args(args)
        .arg("--quiet");
    if let Some(j) = jobs {
        cmd.arg("--jobs").arg(j.to_string());
    }
    measure(cmd)
}

/// The floor as a process: this bench's own `--floor DIR THREADS`, timed like `run_bin`, so
/// that the binary can also be compared with a floor that starts a process too.
fn run_floor_bin(dir: &Path, threads: usize) -> (f64, f64) {
    let exe = std::env::current_exe().expect("current exe");
    let mut cmd = Command::new(&exe);
    cmd.arg("--child-rss")
        .arg(&exe)
        .arg("--floor")
        .arg(dir)
        .arg(threads.to_string());
    let (secs, _, cpu) = measure(cmd);
    (secs, cpu)
}

/// Runs a `--child-rss` helper command: (seconds, peak RSS KiB, CPU seconds).
fn measure(mut cmd: Command) -> (f64, Option<u64>, f64) {
    let out = cmd.output().expect("spawn the measuring helper");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text.split_whitespace();
    let secs: f64 = it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        panic!(
            "helper failed: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let rss = it.next().and_then(|s| s.parse().ok());
    (
        secs,
        rss,
        it.next().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN),
    )
}

/// The helper: runs the command, prints "seconds maxrss_kib cpu_seconds" and exits with its
/// status.
fn child_rss(cmd: &[String]) -> ! {
    let (prog, rest) = cmd.split_first().expect("--child-rss PROGRAM ARGS...");
    let t = Instant::now();
    let child = Command::new(prog)
        .args(rest)
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child and not yet reaped (std's Child is never waited on).
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = t.elapsed().as_secs_f64();
    if r != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        eprintln!("{prog} failed (wait4 {r}, status {status})");
        std::process::exit(1);
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    // ru_maxrss is in KiB on Linux.
    println!(
        "{secs} {} {}",
        usage.ru_maxrss,
        tv(usage.ru_utime) + tv(usage.ru_stime)
    );
    std::process::exit(0);
}

/// CPU time (user + system) of this process so far, all threads, in seconds.
fn cpu_secs() -> f64 {
    // SAFETY: a zeroed rusage is a valid value for getrusage to fill.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

fn best(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "?".into(), |k| format!("{:.1}", k as f64 / 1024.0))
}

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("--child-rss") {
        child_rss(&argv[2..]);
    }
    // The floor alone, on one thread, over a folder: for counting its instructions with
    // `valgrind --tool=callgrind` beside `perfsheet ingest DIR --jobs 1` (see README).
    // With THREADS, the floor as a process of its own, timed like the binary.
    if argv.get(1).map(String::as_str) == Some("--floor") {
        let dir = PathBuf::from(argv.get(2).expect("--floor DIR [THREADS]"));
        let threads = argv.get(3).and_then(|t| t.parse().ok()).unwrap_or(1);
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .expect("rayon pool");
        println!("{} XML events", floor(&dir));
        return;
    }
    let args = parse_args();
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        pool = pool.num_threads(j);
    }
    pool.build_global().expect("rayon pool");
    let threads = rayon::current_num_threads();

    let root = std::env::temp_dir().join(format!("perfsheet-bench-{}", std::process::id()));
    let store = root.join("pool");
    std::fs::create_dir_all(&store).expect("temp dir");
    println!(
        "perfsheet ingest benchmark: {} threads, best of {} runs, files in {}",
        threads,
        args.reps,
        root.display()
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average before: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );

    let t = templates();
    let limits = Limits::default();
    let mut files: Vec<Generated> = Vec::new();
    let mut sizes = args.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();

    let mut lines = Vec::new();
    for &n in &sizes {
        let g = Instant::now();
        generate(&t, &store, &mut files, n);
        let dir = corpus_dir(&root, &store, &files, n);
        let set = &files[..n];
        let total_bytes: u64 = set.iter().map(|f| f.bytes).sum();
        // Forms: department records and projects alike.
        let want_forms: usize = set.iter().map(|f| f.forms).sum();
        let want_flagged = set.iter().filter(|f| f.forms == 0).count();
        let n_docx = set
            .iter()
            .filter(|f| f.name.ends_with(".docx") && f.forms > 0);
        let n_docx = n_docx.count();
        let n_xlsx = set
            .iter()
            .filter(|f| f.name.ends_with(".xlsx") && f.forms > 0);
        let n_xlsx = n_xlsx.count();
        println!(
            "\nN = {n}: {n_docx} docx + {n_xlsx} xlsx files with {want_forms} forms (overall and project) + {want_flagged} negative files, {:.1} MiB (mean {:.1} KiB), generated in {:.1} s",
            total_bytes as f64 / 1048576.0,
            total_bytes as f64 / 1024.0 / n as f64,
            g.elapsed().as_secs_f64()
        );

        let out = root.join(format!("out{n}"));
        std::fs::create_dir_all(&out).expect("out dir");
        let json_path = out.join("dataset.json");
        let jsonl_dir = out.join("jsonl");
        let (mut fl, mut lib, mut bj, mut bl) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut fl_bin, mut fl_bin_cpu, mut bj_cpu, mut bl_cpu) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut fl_cpu, mut lib_cpu) = (Vec::new(), Vec::new());
        let (mut lib_rss, mut bj_rss, mut bl_rss) = (None, None, None);
        let max = |a: Option<u64>, b: Option<u64>| a.max(b);
        // Short runs vary most from run to run on a shared machine: more of them.
        let reps = if n <= 100 {
            args.reps.max(15)
        } else if n <= 1_000 {
            args.reps.max(5)
        } else {
            args.reps
        };
        for _ in 0..reps {
            let (t0, c0) = (Instant::now(), cpu_secs());
            std::hint::black_box(floor(&dir));
            fl.push(t0.elapsed().as_secs_f64());
            fl_cpu.push(cpu_secs() - c0);

            let c0 = cpu_secs();
            let (secs, forms, flagged, peak) = run_lib(&dir, &json_path, &limits);
            lib_cpu.push(cpu_secs() - c0);
            assert_eq!(
                (forms, flagged),
                (want_forms, want_flagged),
                "perfsheet read the generated corpus differently from what was generated"
            );
            lib.push(secs);
            lib_rss = max(lib_rss, peak);

            if args.bin {
                let (secs, cpu) = run_floor_bin(&dir, threads);
                fl_bin.push(secs);
                fl_bin_cpu.push(cpu);
                let (secs, rss, cpu) = run_bin(
                    &[dir.as_os_str(), "-o".as_ref(), json_path.as_os_str()],
                    args.jobs,
                );
                bj.push(secs);
                bj_cpu.push(cpu);
                bj_rss = max(bj_rss, rss);
                let (secs, rss, cpu) = run_bin(
                    &[dir.as_os_str(), "--jsonl".as_ref(), jsonl_dir.as_os_str()],
                    args.jobs,
                );
                bl.push(secs);
                bl_cpu.push(cpu);
                bl_rss = max(bl_rss, rss);
            }
        }
        let (fl, lib, fl_cpu, lib_cpu) = (best(&fl), best(&lib), best(&fl_cpu), best(&lib_cpu));
        let rate = |s: f64| n as f64 / s;
        println!(
            "  floor (read+inflate+tokenise) {fl:>8.3} s {:>8.0} files/s                 cpu {fl_cpu:.3} s",
            rate(fl),
        );
        println!(
            "  perfsheet library (+JSON)     {lib:>8.3} s {:>8.0} files/s  ratio {:.2}x  cpu {lib_cpu:.3} s (ratio {:.2}x)  peak RSS of the step {} MiB",
            rate(lib),
            lib / fl,
            lib_cpu / fl_cpu,
            mib(lib_rss)
        );
        let mut line = format!(
            "| {n} | {fl:.3} | {:.0} | {lib:.3} | {:.0} | {:.2}x | {:.2}x |",
            rate(fl),
            rate(lib),
            lib / fl,
            lib_cpu / fl_cpu
        );
        if args.bin {
            let (bj, bl, fb) = (best(&bj), best(&bl), best(&fl_bin));
            let (bj_cpu, bl_cpu, fb_cpu) = (best(&bj_cpu), best(&bl_cpu), best(&fl_bin_cpu));
            println!(
                "  floor as a process             {fb:>8.3} s {:>8.0} files/s                 cpu {fb_cpu:.3} s (process start-up included)",
                rate(fb),
            );
            println!(
                "  binary -o dataset.json         {bj:>8.3} s {:>8.0} files/s  ratio {:.2}x  cpu {bj_cpu:.3} s (ratio {:.2}x)  to the floor process {:.2}x (cpu {:.2}x)  peak RSS {} MiB",
                rate(bj),
                bj / fl,
                bj_cpu / fl_cpu,
                bj / fb,
                bj_cpu / fb_cpu,
                mib(bj_rss)
            );
            println!(
                "  binary --jsonl DIR             {bl:>8.3} s {:>8.0} files/s  ratio {:.2}x  cpu {bl_cpu:.3} s (ratio {:.2}x)  to the floor process {:.2}x (cpu {:.2}x)  peak RSS {} MiB",
                rate(bl),
                bl / fl,
                bl_cpu / fl_cpu,
                bl / fb,
                bl_cpu / fb_cpu,
                mib(bl_rss)
            );
            line += &format!(
                " {fb:.3} | {bj:.3} | {:.2}x / {:.2}x | {} | {bl:.3} | {:.2}x / {:.2}x | {} |",
                bj / fl,
                bj / fb,
                mib(bj_rss),
                bl / fl,
                bl / fb,
                mib(bl_rss)
            );
        }
        lines.push(line);
        let _ = std::fs::remove_dir_all(&out);
    }

    println!("\nREADME table:");
    println!(
        "| N | floor s | floor files/s | perfsheet s | perfsheet files/s | ratio (wall) | ratio (CPU) |{}",
        if args.bin {
            " floor process s | binary -o s | ratio / to floor process | peak RSS MiB | binary --jsonl s | ratio / to floor process | peak RSS MiB |"
        } else {
            ""
        }
    );
    for l in lines {
        println!("{l}");
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average after: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    if args.keep {
        println!("kept {}", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}
