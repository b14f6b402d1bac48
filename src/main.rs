//! The `perfsheet` command line. Errors are reported with anyhow here, at the edge; the
//! library reports per-file problems as flagged entries and never aborts a run.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use perfsheet::dataset::{Summary, write_atomic};
use perfsheet::ingest::{
    Input, Outcome, collect_inputs, for_each_outcome, ingest, inputs_from_list, shard,
};
use perfsheet::limits::Limits;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Reads 部门整体绩效目标表 filings (Word and Excel) into one JSON dataset.
#[derive(Parser, Debug)]
#[command(name = "perfsheet", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Reads every file under the given folders and writes the combined dataset.
    #[command(
        after_help = "示例 / Examples:\n  perfsheet ingest 收件箱/2024 -o dataset.json\n  perfsheet ingest a.docx b.xlsx 共享盘/各部门 --jobs 2"
    )]
    Ingest(IngestArgs),
    /// Shows how perfsheet sees one file: format, grids with merges, recognised sections.
    Inspect {
        /// The file to show.
        file: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
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
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
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
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
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
        Command::Inspect { file } => {
            let bytes = std::fs::read(&file)
                .with_context(|| format!("无法读取 / cannot read {}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            print!(
                "{}",
                perfsheet::inspect::inspect(&bytes, &name, &Limits::default())
            );
            Ok(())
        }
    }
}

fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| format!("--shard 需要 K/N 形式（如 2/8），收到 “{s}”"))?;
    let k: u32 = k
        .trim()
        .parse()
        .map_err(|_| format!("--shard 的 K 不是整数：“{k}”"))?;
    let n: u32 = n
        .trim()
        .parse()
        .map_err(|_| format!("--shard 的 N 不是整数：“{n}”"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("--shard 需要 1 ≤ K ≤ N，收到 {k}/{n}"));
    }
    Ok((k, n))
}

fn run_ingest(args: IngestArgs) -> Result<()> {
    // Stopping is always safe for the outputs (they are renamed into place only when
    // complete); the handler only removes the half-written temporary files and says so.
    let _ = ctrlc::set_handler(|| {
        let (_held, _) = perfsheet::dataset::abandon_pending_writes();
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

    let (summary, target) = match &args.jsonl {
        Some(dir) => (
            pool.install(|| write_jsonl(dir, &inputs, &limits))?,
            dir.clone(),
        ),
        None => {
            let output = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("dataset.json"));
            let dataset = pool.install(|| ingest(&inputs, &limits));
            let json = dataset
                .to_json()
                .context("无法生成 JSON / cannot serialise the dataset")?;
            write_atomic(&output, |w| w.write_all(&json))
                .with_context(|| format!("无法写入输出文件 / cannot write {}", output.display()))?;
            (dataset.summary, output)
        }
    };
    let s = summary;
    eprintln!(
        "perfsheet: 共 {} 个文件，{} 条记录，{} 个文件未能读取，{} 条记录有警告 (files_seen={} records={} flagged={} records_with_warnings={}) -> {}",
        s.files_seen,
        s.records,
        s.flagged,
        s.records_with_warnings,
        s.files_seen,
        s.records,
        s.flagged,
        s.records_with_warnings,
        target.display()
    );
    Ok(())
}

/// JSON Lines output: records and flagged entries are written as each chunk of files
/// finishes, in path order, so memory does not grow with the number of files.
fn write_jsonl(dir: &std::path::Path, inputs: &[Input], limits: &Limits) -> Result<Summary> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("无法创建目录 / cannot create {}", dir.display()))?;
    let mut summary = Summary {
        files_seen: inputs.len(),
        ..Summary::default()
    };
    let mut failure: Option<std::io::Error> = None;
    write_atomic(&dir.join("records.jsonl"), |records| {
        write_atomic(&dir.join("flagged.jsonl"), |flagged| {
            for_each_outcome(inputs, limits, |_, outcome| {
                if failure.is_some() {
                    return;
                }
                let r = match outcome {
                    Outcome::Records(rs) => rs.iter().try_for_each(|r| {
                        summary.records += 1;
                        if !r.warnings.is_empty() {
                            summary.records_with_warnings += 1;
                        }
                        serde_json::to_writer(&mut *records, r).map_err(std::io::Error::other)?;
                        records.write_all(b"\n")
                    }),
                    Outcome::Flagged(f) => {
                        summary.flagged += 1;
                        serde_json::to_writer(&mut *flagged, &f)
                            .map_err(std::io::Error::other)
                            .and_then(|_| flagged.write_all(b"\n"))
                    }
                };
                if let Err(e) = r {
                    failure = Some(e);
                }
            });
            match failure.take() {
                Some(e) => Err(e),
                None => Ok(()),
            }
        })
    })
    .with_context(|| format!("无法写入 / cannot write {}", dir.display()))?;
    let json = serde_json::to_vec_pretty(&summary)?;
    write_atomic(&dir.join("summary.json"), |w| w.write_all(&json))
        .with_context(|| format!("无法写入 / cannot write {}", dir.display()))?;
    Ok(summary)
}
