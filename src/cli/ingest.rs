//! `perfsheet ingest`: check the outputs can be written where asked, walk the inputs, read
//! every file with a progress bar, write the dataset (one document, stdout or JSON Lines),
//! then the review workbook and CSV, and say in one line what the run did.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use perfsheet::{
    DatasetBuilder, Ingest, Input, Limits, Outcome, Review, SerializedOutcome, Summary, Tables,
    WalkBuilder, WalkError, write_atomic, write_json_lines,
};

use super::Usage;

/// The CSV files `--csv DIR` writes (and the walk never reads).
const CSV_FILES: [&str; 4] = [
    "funds.csv",
    "indicators.csv",
    "projects.csv",
    "main_tasks.csv",
];
/// The files `--jsonl DIR` writes.
const JSONL_FILES: [&str; 4] = [
    "records.jsonl",
    "projects.jsonl",
    "flagged.jsonl",
    "summary.json",
];

#[derive(clap::Args, Debug)]
// Let "-1" reach the value parsers, which say what is expected, instead of being taken for
// an unknown flag.
#[command(allow_negative_numbers = true)]
pub(crate) struct IngestArgs {
    /// 要读取的文件或文件夹（文件夹含全部子文件夹）/ Files or folders to read (folders to any depth).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    paths: Vec<PathBuf>,
    /// 另读取 FILE 中列出的路径，每行一个（- 表示标准输入）/ Also read the paths listed in FILE, one per line ("-" = stdin).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// 只处理第 K 份（共 N 份，按路径稳定分配）/ Only shard K of N (1 ≤ K ≤ N), by a stable hash of each path.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<(u32, u32)>,
    /// 按 JSON Lines 流式写入目录 DIR（records.jsonl、projects.jsonl、flagged.jsonl、summary.json），内存占用不随文件数增长 /
    /// Stream JSON Lines into DIR instead of one JSON document; memory stays flat.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    jsonl: Option<PathBuf>,
    /// 数据集写到哪里（原子写入；- 表示标准输出），默认 dataset.json / Where to write the dataset (atomically; "-" = stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// 把汇总（summary）另写成 JSON 文件（- 表示标准输出）/ Also write the summary as JSON to FILE ("-" = stdout).
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
    /// 有文件未能读取时以退出码 3 结束（系统文件不算），便于脚本判断 / Exit with status 3 when any file is flagged (system files aside).
    #[arg(long)]
    fail_on_flagged: bool,
    /// 工作线程数（默认每个 CPU 核一个）/ Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
    jobs: Option<u16>,
    /// 读取的单个文件大小上限，MiB / Largest input file read, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 100)]
    max_file_mib: u64,
    /// 单个文件解压后内容的上限，MiB（防压缩炸弹）/ Most bytes inflated from one file, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_inflated_mib: u64,
    /// 单张表格或工作表的单元格数上限 / Most non-empty cells read from one sheet or table.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    max_cells: usize,
    /// 文件内部结构嵌套层数上限 / Deepest nesting accepted (XML, HTML, RTF groups).
    #[arg(long, value_name = "N", default_value_t = 256)]
    max_xml_depth: usize,
    /// 单个文件的处理时限，秒 / Wall time allowed for one file, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = parse_timeout)]
    timeout: u64,
    /// 另写供核对的 Excel 工作簿（原子写入）/ Also write the Excel review workbook, atomically.
    #[arg(long, value_name = "FILE.xlsx", value_parser = parse_xlsx_path)]
    review: Option<PathBuf>,
    /// 另在目录 DIR 中写出 CSV（UTF-8 带 BOM，供 Excel/WPS 打开）/ Also write CSV files into DIR (UTF-8 with BOM).
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// 不显示进度条 / No progress bar (it is shown only on a terminal anyway).
    #[arg(short, long)]
    quiet: bool,
    /// 另加载的模板定义（TOML 文件或文件夹），可新增模板或补充已有模板的标签 /
    /// Also load template definitions (a TOML file or a folder): new templates, or more labels for one.
    #[arg(long, value_name = "FILE|DIR")]
    templates: Vec<PathBuf>,
    /// 显示程序内部错误的详细信息（调试用）/ Print the details of internal errors as they happen (for debugging).
    #[arg(long)]
    verbose: bool,
}

/// A review path must end in .xlsx: Excel refuses to open a workbook whose extension does
/// not match its contents.
fn parse_xlsx_path(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(s);
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Ok(p),
        _ => Err(format!(
            "需要以 .xlsx 结尾的文件名（如 核对.xlsx），收到 “{s}” / expected a FILE.xlsx"
        )),
    }
}

fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    const WANT: &str = "需要 K/N 形式且 1 ≤ K ≤ N（如 2/8）/ expected K/N with 1 ≤ K ≤ N, e.g. 2/8";
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| format!("收到 “{s}”：{WANT}"))?;
    let (k, n) = match (k.trim().parse::<u32>(), n.trim().parse::<u32>()) {
        (Ok(k), Ok(n)) => (k, n),
        _ => return Err(format!("收到 “{s}”：{WANT}")),
    };
    if n == 0 || k == 0 || k > n {
        return Err(format!("收到 “{k}/{n}”：{WANT}"));
    }
    Ok((k, n))
}

fn parse_jobs(s: &str) -> Result<u16, String> {
    match s.trim().parse::<u16>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "需要 1 到 65535 之间的线程数，收到 “{s}” / expected a number of threads from 1 to 65535"
        )),
    }
}

fn parse_timeout(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "需要至少 1 秒的整数，收到 “{s}” / expected whole seconds, at least 1"
        )),
    }
}

fn is_stdout(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Where the dataset goes.
enum Target {
    File(PathBuf),
    Stdout,
    JsonLines(PathBuf),
}

/// Checks that `path` can be written as a file: its folder exists and it is not a folder.
fn check_file_target(option: &str, path: &Path) -> Result<(), Usage> {
    if path.is_dir() {
        return Err(Usage::new(format!(
            "{option} 需要文件名，但“{}”是一个文件夹 / {option} expects a file, got a folder",
            path.display()
        )));
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Usage::new(format!(
            "{option} 的文件夹“{}”不存在，请先建好文件夹 / the folder of {option} does not exist",
            parent.display()
        )));
    }
    Ok(())
}

/// Checks that `dir` can be made a folder of outputs: a folder or nothing yet, its parent
/// existing.
fn check_dir_target(option: &str, dir: &Path) -> Result<(), Usage> {
    if dir.exists() && !dir.is_dir() {
        return Err(Usage::new(format!(
            "{option} 需要文件夹，但“{}”是一个文件 / {option} expects a folder, got a file",
            dir.display()
        )));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() && !parent.is_dir() {
        return Err(Usage::new(format!(
            "{option} 的上级文件夹“{}”不存在 / the parent folder of {option} does not exist",
            parent.display()
        )));
    }
    Ok(())
}

/// The dataset is JSON: a name that promises a workbook or a table is a mistake (the
/// review workbook and CSV have options of their own).
fn check_dataset_name(path: &Path) -> Result<(), Usage> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some(e @ ("xlsx" | "xls" | "csv" | "docx" | "doc" | "et" | "wps")) => {
            Err(Usage::new(format!(
                "-o 写出的是 JSON 数据集，不能用 .{e} 作文件名；Excel 核对工作簿请用 --review 文件.xlsx，CSV 请用 --csv 文件夹 / -o writes JSON; use --review FILE.xlsx or --csv DIR"
            )))
        }
        _ => Ok(()),
    }
}

/// Every output check, before any file is read.
fn check_outputs(args: &IngestArgs, target: &Target) -> Result<(), Usage> {
    match target {
        Target::File(p) => {
            check_dataset_name(p)?;
            check_file_target("-o", p)?;
        }
        Target::Stdout => {}
        Target::JsonLines(d) => check_dir_target("--jsonl", d)?,
    }
    if let Some(p) = &args.review {
        check_file_target("--review", p)?;
    }
    if let Some(d) = &args.csv {
        check_dir_target("--csv", d)?;
    }
    if let Some(p) = args.summary_json.as_deref().filter(|p| !is_stdout(p)) {
        check_file_target("--summary-json", p)?;
    }
    if matches!(target, Target::Stdout) && args.summary_json.as_deref().is_some_and(is_stdout) {
        return Err(Usage::new(
            "-o - 与 --summary-json - 不能同时写到标准输出 / -o - and --summary-json - cannot both go to stdout",
        ));
    }
    Ok(())
}

/// The roots, with the list of `--files-from` read (a missing list is a usage error).
fn walk(args: &IngestArgs, target: &Target) -> Result<Vec<Input>> {
    let mut walk = WalkBuilder::new(args.paths.iter().cloned());
    if let Some(list) = &args.files_from {
        let text = if is_stdout(list) {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("无法读取标准输入 / cannot read standard input")?;
            s
        } else {
            if !list.is_file() {
                return Err(Usage::new(format!(
                    "--files-from 的文件“{}”不存在 / the --files-from list does not exist",
                    list.display()
                ))
                .into());
            }
            std::fs::read_to_string(list)
                .with_context(|| format!("无法读取文件列表 / cannot read {}", list.display()))?
        };
        walk.add_list(&text);
    }
    if let Some((k, n)) = args.shard {
        walk.shard(k, n);
    }
    // The run never reads its own outputs, wherever they stand.
    match target {
        Target::File(p) => {
            walk.skip(p);
        }
        Target::Stdout => {}
        Target::JsonLines(d) => {
            for name in JSONL_FILES {
                walk.skip(d.join(name));
            }
        }
    }
    for p in args
        .review
        .iter()
        .chain(args.summary_json.iter().filter(|p| !is_stdout(p)))
    {
        walk.skip(p);
    }
    if let Some(d) = &args.csv {
        for name in CSV_FILES {
            walk.skip(d.join(name));
        }
    }
    walk.build().map_err(|e| match e {
        WalkError::MissingRoot(_) => Usage::new(format!("{e} / input path not found")).into(),
    })
}

/// Runs `perfsheet ingest`.
pub(crate) fn run(args: IngestArgs) -> Result<ExitCode> {
    let target = match (&args.jsonl, &args.output) {
        (Some(d), _) => Target::JsonLines(d.clone()),
        (None, Some(p)) if is_stdout(p) => Target::Stdout,
        (None, Some(p)) => Target::File(p.clone()),
        (None, None) => Target::File(PathBuf::from("dataset.json")),
    };
    check_outputs(&args, &target)?;
    let templates = super::load_templates(&args.templates)?;
    // A panic inside a file's reader becomes that file's internal_error entry (with the
    // panic's text as its detail); printed as it happens, it would only break the bar.
    let verbose = args.verbose;
    std::panic::set_hook(Box::new(move |info| {
        if verbose {
            eprintln!("perfsheet: 内部错误 / internal error: {info}");
        }
    }));
    // Compiled on a core of their own while the folders are walked, instead of by the
    // workers on their first files.
    let _ = std::thread::Builder::new()
        .name("perfsheet-patterns".into())
        .spawn(perfsheet::compile_patterns);
    // Stopping is always safe for the outputs (they are renamed into place only when
    // complete); the handler only removes the half-written temporary files and says so.
    let _ = ctrlc::set_handler(|| {
        let (_held, _) = perfsheet::abandon_pending_writes();
        eprintln!(
            "perfsheet: 已中断（Ctrl-C 或终止信号），未写出新的输出，原有输出文件保持不变 / interrupted: no output written, previous output left unchanged"
        );
        std::process::exit(130);
    });
    let limits = Limits {
        max_file_bytes: args.max_file_mib.saturating_mul(1024 * 1024),
        max_inflated_bytes: args.max_inflated_mib.saturating_mul(1024 * 1024),
        max_xml_depth: args.max_xml_depth,
        max_cells: args.max_cells,
        timeout: Duration::from_secs(args.timeout),
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        pool = pool.num_threads(usize::from(j));
    }
    let pool = pool
        .build()
        .context("无法启动工作线程 / cannot start worker threads")?;

    let inputs = walk(&args, &target)?;
    let files_seen = inputs.len();
    let bar = progress_bar(files_seen, args.quiet);
    let done = |_: &Input| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let phase = |what: &str| {
        if let Some(b) = &bar {
            b.set_message(what.to_string());
        }
    };
    let keep = args.review.is_some() || args.csv.is_some();
    // File cells link to the files, relative to the workbook's folder.
    let mut review = keep.then(|| match &args.review {
        Some(p) => Review::with_links(
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        ),
        None => Review::new(),
    });
    let ingest = Ingest::new(limits).templates(templates).on_file_done(&done);
    let prepare = move |_: &Input, o: Outcome| SerializedOutcome::new(o, keep);
    let mut add_to_review = |input: &Input, o: &SerializedOutcome| {
        if let (Some(rv), Some(outcome)) = (review.as_mut(), &o.outcome) {
            rv.add_input(&input.rel, &input.path, outcome);
        }
    };

    let mut written: Vec<String> = Vec::new();
    let summary: Summary = match &target {
        Target::JsonLines(dir) => {
            let summary = pool.install(|| {
                write_json_lines(dir, |add| {
                    ingest.run(inputs, prepare, |input, o| {
                        add(&o);
                        add_to_review(input, &o);
                    });
                    phase("正在写出 JSON Lines 文件… / writing JSON Lines…");
                })
            });
            let summary =
                summary.with_context(|| format!("无法写入 / cannot write {}", dir.display()))?;
            written.push(dir.display().to_string());
            summary
        }
        Target::File(_) | Target::Stdout => {
            let mut builder = DatasetBuilder::default();
            let mut failure = None;
            pool.install(|| {
                ingest.run(inputs, prepare, |input, mut o| {
                    add_to_review(input, &o);
                    o.outcome = None;
                    if let Err(e) = builder.add(o) {
                        failure = failure.take().or(Some(e));
                    }
                })
            });
            phase("正在写出数据集… / writing the dataset…");
            let files = builder.files_seen();
            let dataset = builder.finish(files);
            let write = |w: &mut dyn Write| match failure.take() {
                Some(e) => Err(e),
                None => dataset.write_json(w),
            };
            match &target {
                Target::File(path) => {
                    write_atomic(path, write).with_context(|| {
                        format!("无法写入输出文件 / cannot write {}", path.display())
                    })?;
                    written.push(path.display().to_string());
                }
                _ => {
                    let mut write = write;
                    super::to_stdout(|out| write(out))?;
                    written.push("标准输出 / stdout".to_string());
                }
            }
            dataset.summary
        }
    };
    let tables = review.map(|r| r.finish_all(&summary.duplicates, &summary.duplicate_projects));
    if let Some(tables) = &tables {
        let also = |e: anyhow::Error, written: &[String]| {
            e.context(format!(
                "已写出的输出 / outputs already written: {}",
                if written.is_empty() {
                    "无 / none".to_string()
                } else {
                    written.join(", ")
                }
            ))
        };
        if let Some(path) = &args.review {
            phase("正在写出核对工作簿… / writing the review workbook…");
            write_review(path, tables).map_err(|e| also(e, &written))?;
            written.push(path.display().to_string());
        }
        if let Some(dir) = &args.csv {
            phase("正在写出 CSV… / writing CSV…");
            write_csv(dir, tables).map_err(|e| also(e, &written))?;
            written.push(dir.display().to_string());
        }
    }
    if let Some(path) = &args.summary_json {
        let mut json = serde_json::to_vec_pretty(&summary)?;
        json.push(b'\n');
        if is_stdout(path) {
            super::to_stdout(|out| out.write_all(&json))?;
        } else {
            write_atomic(path, |w| w.write_all(&json))
                .with_context(|| format!("无法写入 / cannot write {}", path.display()))?;
            written.push(path.display().to_string());
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    eprintln!("{}", summary_line(&summary, &written));
    let acted_on = summary.flagged - summary.system_files;
    Ok(if args.fail_on_flagged && acted_on > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// The one line a run ends with: what it read, in Chinese, then as `key=value` for scripts.
fn summary_line(s: &Summary, written: &[String]) -> String {
    let read_from = s.files_seen - s.flagged;
    let mut chinese = format!(
        "perfsheet: 共 {} 个文件，{read_from} 个文件读出 {} 条部门记录、{} 个项目",
        s.files_seen, s.records, s.projects
    );
    chinese.push_str(&format!("，{} 个文件未能读取", s.flagged - s.system_files));
    if s.system_files > 0 {
        chinese.push_str(&format!("（另有 {} 个系统文件，无需处理）", s.system_files));
    }
    chinese.push_str(&format!(
        "，{} 条记录有警告，{} 组重复报送",
        s.records_with_warnings + s.projects_with_warnings,
        s.duplicates.len() + s.duplicate_projects.len()
    ));
    format!(
        "{chinese} (files_seen={} records={} projects={} flagged={} system_files={} records_with_warnings={} projects_with_warnings={} duplicates={} duplicate_projects={}) -> {}",
        s.files_seen,
        s.records,
        s.projects,
        s.flagged,
        s.system_files,
        s.records_with_warnings,
        s.projects_with_warnings,
        s.duplicates.len(),
        s.duplicate_projects.len(),
        written.join(", ")
    )
}

/// A bar on standard error, only for a person watching: never in a pipe, a log or a CI
/// job, where redraws would be noise.
fn progress_bar(len: usize, quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} 个文件 / files (剩余 / eta {eta}) {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(250));
    Some(bar)
}

fn write_review(path: &Path, tables: &Tables) -> Result<()> {
    let bytes = perfsheet::to_xlsx(tables)
        .with_context(|| format!("无法生成核对工作簿 / cannot build {}", path.display()))?;
    write_atomic(path, |w| w.write_all(&bytes))
        .with_context(|| format!("无法写入核对工作簿 / cannot write {}", path.display()))
}

fn write_csv(dir: &Path, tables: &Tables) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("无法创建目录 / cannot create {}", dir.display()))?;
    for (name, table) in tables.csv_files() {
        let path = dir.join(name);
        write_atomic(&path, |w| perfsheet::write_csv(table, w))
            .with_context(|| format!("无法写入 / cannot write {}", path.display()))?;
    }
    Ok(())
}
