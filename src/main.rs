//! The `perfsheet` command line. Errors are reported with anyhow here, at the edge; the
//! library reports per-file problems as flagged entries and never aborts a run.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use perfsheet::dataset::write_atomic;
use perfsheet::ingest::{collect_inputs, ingest};
use perfsheet::limits::Limits;
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
    #[command(after_help = "示例 / Examples:\n  perfsheet ingest 收件箱/2024 -o dataset.json\n  perfsheet ingest a.docx b.xlsx 共享盘/各部门 --jobs 2")]
    Ingest(IngestArgs),
}

#[derive(clap::Args, Debug)]
struct IngestArgs {
    /// Files or folders to read (folders are walked to any depth).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Where to write the dataset (written atomically).
    #[arg(short, long, value_name = "FILE", default_value = "dataset.json")]
    output: PathBuf,
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
    }
}

fn run_ingest(args: IngestArgs) -> Result<()> {
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
    let pool = pool.build().context("无法启动工作线程 / cannot start worker threads")?;
    let inputs = collect_inputs(&args.paths);
    let dataset = pool.install(|| ingest(&inputs, &limits));
    let json = dataset.to_json().context("无法生成 JSON / cannot serialise the dataset")?;
    write_atomic(&args.output, |w| w.write_all(&json)).with_context(|| {
        format!("无法写入输出文件 / cannot write {}", args.output.display())
    })?;
    let s = dataset.summary;
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
        args.output.display()
    );
    Ok(())
}
