//! The `perfsheet` command line. Errors are reported with anyhow here, at the edge; the
//! library reports per-file problems as flagged entries and never aborts a run.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use perfsheet::inspect::Options as InspectOptions;
use perfsheet::limits::Limits;
use perfsheet::output::atomic::{Written, commit, write_atomic};
use perfsheet::output::dataset::{
    DatasetBuilder, Flagged, SchemaOf, SerializedRecord, Summary, SummaryBuilder, json_schema,
};
use perfsheet::output::review::{Review, Tables};
use perfsheet::pipeline::{
    Input, Outcome, collect_inputs, for_each_prepared, inputs_from_list, shard,
};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const MAIN_EXAMPLES: &str = "\
示例 / Examples:
  # 读取整个收件箱，写出数据集和供核对的 Excel 工作簿
  # Read a whole inbox; write the dataset and an Excel workbook for review
  perfsheet ingest 收件箱/2024 -o dataset.json --review 核对.xlsx

  # 看看某个文件为什么没读出来 / See why one file was flagged
  perfsheet inspect 收件箱/2024/财政局.docx

  # 数据集的 JSON Schema / The dataset's JSON Schema
  perfsheet schema > dataset.schema.json

Run `perfsheet help <COMMAND>` for the options of a command.
运行 `perfsheet help <命令>` 查看某个命令的选项。";

const INGEST_EXAMPLES: &str = "\
示例 / Examples:
  perfsheet ingest 收件箱/2024 -o dataset.json
      读取文件夹（含子文件夹）中的全部文件 / read every file under a folder
  perfsheet ingest 收件箱/2024 --review 核对.xlsx --csv 导出
      另写 Excel 核对工作簿（汇总、收支、绩效指标、待核查）和 funds.csv、indicators.csv
      also write the review workbook and funds.csv / indicators.csv for Excel or WPS
  perfsheet ingest a.docx b.xlsx 共享盘/各部门 --jobs 2 --quiet
      两个线程，不显示进度条 / two threads, no progress bar
  find 共享盘 -name '*.xls*' | perfsheet ingest --files-from - --jsonl 输出
      从标准输入读文件列表，按 JSON Lines 流式写出 / paths from stdin, streamed as JSON Lines
  perfsheet ingest 共享盘 --shard 2/8 --jsonl 分片2
      八台机器分工，这是第二份 / the 2nd of 8 jobs splitting one corpus

退出码 / exit status: 0 完成（即使有未读取的文件 / even with flagged files），
  1 无法写出结果 / an output cannot be written，2 参数错误 / usage error，
  130 被 Ctrl-C 或终止信号中断，原有输出不变 / interrupted, previous outputs unchanged";

/// Reads 部门整体绩效目标表 filings (Word and Excel) into one JSON dataset.
#[derive(Parser, Debug)]
#[command(
    name = "perfsheet",
    version,
    about = "把部门整体绩效目标表（Word/Excel）读成一个 JSON 数据集\nReads 部门整体绩效目标表 filings (Word and Excel) into one JSON dataset.",
    after_help = MAIN_EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 读取文件和文件夹，写出数据集 / Reads every file under the given paths and writes the dataset.
    #[command(after_help = INGEST_EXAMPLES)]
    Ingest(IngestArgs),
    /// 显示 perfsheet 如何看一个文件 / Shows how perfsheet sees one file: format, tables
    /// with merged cells, recognised sections, and why it was flagged.
    #[command(
        after_help = "示例 / Example:\n  perfsheet inspect 收件箱/2024/财政局.xlsx | less -S"
    )]
    Inspect {
        /// The file to show.
        file: PathBuf,
        /// Also list every cell with its location, merge span and exact text.
        #[arg(long)]
        cells: bool,
    },
    /// 打印输出的 JSON Schema / Prints the JSON Schema (draft 2020-12) of the output.
    #[command(
        after_help = "示例 / Examples:\n  perfsheet schema > dataset.schema.json\n  perfsheet schema record > record.schema.json   # records.jsonl 的每一行 / one line of records.jsonl"
    )]
    Schema {
        /// Which document: the whole dataset, one record (a line of records.jsonl), one
        /// flagged entry (a line of flagged.jsonl) or summary.json.
        #[arg(value_enum, default_value_t = SchemaArg::Dataset)]
        of: SchemaArg,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SchemaArg {
    Dataset,
    Record,
    Flagged,
    Summary,
}

#[derive(clap::Args, Debug)]
// Let "-1" reach the value parsers, which say what is expected, instead of being taken for
// an unknown flag.
#[command(allow_negative_numbers = true)]
struct IngestArgs {
    /// Files or folders to read (folders are walked to any depth).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    paths: Vec<PathBuf>,
    /// Also read the paths listed in FILE, one per line ("-" for standard input).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Process only shard K of N (1 ≤ K ≤ N), chosen by a stable hash of each path, so that
    /// N machines or jobs split a corpus without coordination.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<(u32, u32)>,
    /// Stream JSON Lines into DIR (records.jsonl, flagged.jsonl, summary.json) instead of
    /// one JSON document; memory stays flat however many files there are.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    jsonl: Option<PathBuf>,
    /// Where to write the dataset (written atomically).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
    jobs: Option<u16>,
    /// Largest input file read, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 100)]
    max_file_mib: u64,
    /// Most bytes inflated from one file's zip entries, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_inflated_mib: u64,
    /// Most non-empty cells read from one sheet or table.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    max_cells: usize,
    /// Deepest XML nesting accepted.
    #[arg(long, value_name = "N", default_value_t = 256)]
    max_xml_depth: usize,
    /// Wall time allowed for one file, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = parse_timeout)]
    timeout: u64,
    /// Also write an Excel review workbook (sheets 汇总, 收支, 绩效指标, 待核查), atomically.
    #[arg(long, value_name = "FILE.xlsx", value_parser = parse_xlsx_path)]
    review: Option<PathBuf>,
    /// Also write funds.csv and indicators.csv into DIR (UTF-8 with BOM, for Excel/WPS).
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// No progress bar (it is shown only when standard error is a terminal anyway).
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("perfsheet: 错误 / error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Ingest(args) => run_ingest(args),
        Command::Schema { of } => {
            let of = match of {
                SchemaArg::Dataset => SchemaOf::Dataset,
                SchemaArg::Record => SchemaOf::Record,
                SchemaArg::Flagged => SchemaOf::Flagged,
                SchemaArg::Summary => SchemaOf::Summary,
            };
            let mut text = serde_json::to_string_pretty(&json_schema(of))?;
            text.push('\n');
            print_out(&text)
        }
        Command::Inspect { file, cells } => {
            let report = perfsheet::inspect::inspect_path(
                &file,
                &Limits::default(),
                InspectOptions { cells },
            )
            .with_context(|| format!("无法读取 / cannot read {}", file.display()))?;
            print_out(&report)
        }
    }
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
fn print_out(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("无法写出到标准输出 / cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// A review path must end in .xlsx: Excel refuses to open a workbook whose extension does
/// not match its contents.
fn parse_xlsx_path(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(s);
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Ok(p),
        _ => Err(format!(
            "--review 需要以 .xlsx 结尾的文件名（如 核对.xlsx），收到 “{s}” / expected a FILE.xlsx"
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

fn run_ingest(args: IngestArgs) -> Result<()> {
    // Compiled on a core of their own while the folders are walked, instead of by the
    // workers on their first files (a tenth of a run of 100 files).
    let _ = std::thread::Builder::new()
        .name("perfsheet-patterns".into())
        .spawn(perfsheet::recognize::compile_patterns);
    // Stopping is always safe for the outputs (they are renamed into place only when
    // complete); the handler only removes the half-written temporary files and says so.
    let _ = ctrlc::set_handler(|| {
        let (_held, _) = perfsheet::output::atomic::abandon_pending_writes();
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

    let mut roots = args.paths.clone();
    if let Some(list) = &args.files_from {
        let text = if list.as_os_str() == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("无法读取标准输入 / cannot read standard input")?;
            s
        } else {
            std::fs::read_to_string(list)
                .with_context(|| format!("无法读取文件列表 / cannot read {}", list.display()))?
        };
        roots.extend(inputs_from_list(&text));
    }
    let mut inputs = collect_inputs(&roots);
    if let Some((k, n)) = args.shard {
        inputs = shard(inputs, k, n);
    }

    let files_seen = inputs.len();
    let bar = progress_bar(files_seen, args.quiet);
    let done = |_: &Input| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let want_tables = args.review.is_some() || args.csv.is_some();

    let mut targets = Vec::new();
    let (summary, review) = match &args.jsonl {
        Some(dir) => {
            let mut review = want_tables.then(Review::new);
            let summary = pool.install(|| write_jsonl(dir, inputs, &limits, &done, &mut review));
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            targets.push(dir.display().to_string());
            let summary = summary?;
            let tables = review.map(|r| r.finish(&summary.duplicates));
            (summary, tables)
        }
        None => {
            let output = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("dataset.json"));
            let mut review = want_tables.then(Review::new);
            let keep = review.is_some();
            let mut builder = DatasetBuilder::default();
            let mut failure = None;
            pool.install(|| {
                let prepare = move |_: &Input, o: Outcome| DatasetPart::of(o, keep);
                for_each_prepared(inputs, &limits, &done, prepare, |_, part| match part {
                    DatasetPart::Records(Ok(rs), outcome) => {
                        rs.into_iter().for_each(|r| builder.add_record(r));
                        if let (Some(rv), Some(rs)) = (review.as_mut(), outcome) {
                            rs.iter().for_each(|r| rv.add_record(r));
                        }
                    }
                    DatasetPart::Records(Err(e), _) => failure = failure.take().or(Some(e)),
                    DatasetPart::Flagged(f) => {
                        if let Some(rv) = review.as_mut() {
                            rv.add_flagged(&f);
                        }
                        builder.add_flagged(f);
                    }
                })
            });
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            let dataset = builder.finish(files_seen);
            write_atomic(&output, |w| match failure {
                Some(e) => Err(e),
                None => dataset.write_json(w),
            })
            .with_context(|| format!("无法写入输出文件 / cannot write {}", output.display()))?;
            targets.push(output.display().to_string());
            let tables = review.map(|r| r.finish(&dataset.summary.duplicates));
            (dataset.summary, tables)
        }
    };
    if let Some(tables) = &review {
        if let Some(path) = &args.review {
            write_review(path, tables)?;
            targets.push(path.display().to_string());
        }
        if let Some(dir) = &args.csv {
            write_csv(dir, tables)?;
            targets.push(dir.display().to_string());
        }
    }
    let s = summary;
    eprintln!(
        "perfsheet: 共 {} 个文件，{} 条记录，{} 个文件未能读取，{} 条记录有警告，{} 组重复报送 (files_seen={} records={} flagged={} records_with_warnings={} duplicates={}) -> {}",
        s.files_seen,
        s.records,
        s.flagged,
        s.records_with_warnings,
        s.duplicates.len(),
        s.files_seen,
        s.records,
        s.flagged,
        s.records_with_warnings,
        s.duplicates.len(),
        targets.join(", ")
    );
    Ok(())
}

/// A bar on standard error, only for a person watching: never in a pipe, a log or a CI
/// job, where redraws would be noise.
fn progress_bar(len: usize, quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} 个文件 / files (剩余 / eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(250));
    Some(bar)
}

fn write_review(path: &Path, tables: &Tables) -> Result<()> {
    let bytes = perfsheet::output::review::to_xlsx(tables)
        .with_context(|| format!("无法生成核对工作簿 / cannot build {}", path.display()))?;
    write_atomic(path, |w| w.write_all(&bytes))
        .with_context(|| format!("无法写入核对工作簿 / cannot write {}", path.display()))
}

fn write_csv(dir: &Path, tables: &Tables) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("无法创建目录 / cannot create {}", dir.display()))?;
    for (name, table) in [
        ("funds.csv", &tables.funds),
        ("indicators.csv", &tables.indicators),
    ] {
        let path = dir.join(name);
        write_atomic(&path, |w| perfsheet::output::review::write_csv(table, w))
            .with_context(|| format!("无法写入 / cannot write {}", path.display()))?;
    }
    Ok(())
}

/// JSON Lines output: records and flagged entries are written as each chunk of files
/// finishes, in path order, so memory does not grow with the number of files.
fn write_jsonl(
    dir: &Path,
    inputs: Vec<Input>,
    limits: &Limits,
    done: &(dyn Fn(&Input) + Sync),
    review: &mut Option<Review>,
) -> Result<Summary> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("无法创建目录 / cannot create {}", dir.display()))?;
    let files_seen = inputs.len();
    let mut summary = SummaryBuilder::default();
    let mut failure: Option<std::io::Error> = None;
    let keep = review.is_some();
    // The three files are put in place together (all or none), once the summary is known.
    let mut flagged_out = None;
    let records_out = Written::new(&dir.join("records.jsonl"), |records| {
        let out = Written::new(&dir.join("flagged.jsonl"), |flagged| {
            let prepare = move |_: &Input, o: Outcome| JsonLines::of(o, keep);
            for_each_prepared(inputs, limits, done, prepare, |_, lines| {
                if failure.is_some() {
                    return;
                }
                let r = match lines.text {
                    Ok(text) => {
                        for (department, year, path, warned) in &lines.records {
                            summary.add_record(department, *year, path, *warned);
                        }
                        if lines.flagged {
                            summary.add_flagged();
                            flagged.write_all(&text)
                        } else {
                            records.write_all(&text)
                        }
                    }
                    Err(e) => Err(e),
                };
                if let (Some(rv), Some(o)) = (review.as_mut(), &lines.outcome) {
                    match o {
                        Outcome::Records(rs) => rs.iter().for_each(|r| rv.add_record(r)),
                        Outcome::Flagged(f) => rv.add_flagged(f),
                    }
                }
                if let Err(e) = r {
                    failure = Some(e);
                }
            });
            match failure.take() {
                Some(e) => Err(e),
                None => Ok(()),
            }
        })?;
        flagged_out = Some(out);
        Ok(())
    });
    let cannot = || format!("无法写入 / cannot write {}", dir.display());
    let records_out = records_out.with_context(cannot)?;
    let flagged_out = flagged_out.with_context(cannot)?;
    let summary = summary.finish(files_seen);
    let json = serde_json::to_vec_pretty(&summary)?;
    let summary_out =
        Written::new(&dir.join("summary.json"), |w| w.write_all(&json)).with_context(cannot)?;
    commit([records_out, flagged_out, summary_out]).with_context(cannot)?;
    Ok(summary)
}

/// One file's outcome serialised for the dataset file on the worker that read it, with the
/// records themselves only for `--review`/`--csv`.
enum DatasetPart {
    Records(
        std::io::Result<Vec<SerializedRecord>>,
        Option<Vec<perfsheet::model::record::Record>>,
    ),
    Flagged(Flagged),
}

impl DatasetPart {
    fn of(o: Outcome, keep: bool) -> DatasetPart {
        match o {
            Outcome::Records(rs) => DatasetPart::Records(
                rs.iter().map(SerializedRecord::new).collect(),
                keep.then_some(rs),
            ),
            Outcome::Flagged(f) => DatasetPart::Flagged(f),
        }
    }
}

/// One file's outcome as JSON Lines, made on the worker that read the file: its lines, what
/// the summary and the duplicate finder need, and the outcome itself only for `--review`.
struct JsonLines {
    /// The lines (each ending in '\n'): records for `records.jsonl`, or the one flagged entry.
    text: std::io::Result<Vec<u8>>,
    flagged: bool,
    /// (department, budget year, path, has warnings) per record, for the summary.
    records: Vec<(String, Option<i32>, String, bool)>,
    outcome: Option<Outcome>,
}

impl JsonLines {
    fn of(o: Outcome, keep: bool) -> JsonLines {
        let mut text = Vec::new();
        let mut lines = JsonLines {
            text: Ok(Vec::new()),
            flagged: matches!(o, Outcome::Flagged(_)),
            records: Vec::new(),
            outcome: None,
        };
        let written = match &o {
            Outcome::Records(rs) => rs.iter().try_for_each(|r| {
                lines.records.push((
                    r.department.clone(),
                    r.budget_year,
                    r.source.path.clone(),
                    !r.warnings.is_empty(),
                ));
                serde_json::to_writer(&mut text, r)?;
                text.push(b'\n');
                Ok::<(), serde_json::Error>(())
            }),
            Outcome::Flagged(f) => serde_json::to_writer(&mut text, f).map(|()| text.push(b'\n')),
        };
        lines.text = written.map(|()| text).map_err(std::io::Error::other);
        if keep {
            lines.outcome = Some(o);
        }
        lines
    }
}
