//! The commands and their arguments, and how a usage error is told: in Chinese and English,
//! naming the argument and what it expects, with exit status 2.

mod ingest;
mod usage;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

pub(crate) use usage::Usage;

const MAIN_EXAMPLES: &str = "\
示例 / Examples:
  # 读取整个收件箱，写出数据集和供核对的 Excel 工作簿
  # Read a whole inbox; write the dataset and an Excel workbook for review
  perfsheet ingest 收件箱/2024 -o dataset.json --review 核对.xlsx

  # 看看某个文件为什么没读出来 / See why one file was flagged
  perfsheet inspect 收件箱/2024/财政局.docx

  # 数据集的 JSON Schema / The dataset's JSON Schema
  perfsheet schema > dataset.schema.json

运行 `perfsheet help <命令>` 查看某个命令的选项。
Run `perfsheet help <COMMAND>` for the options of a command.";

const INGEST_EXAMPLES: &str = "\
示例 / Examples:
  perfsheet ingest 收件箱/2024 -o dataset.json
      读取文件夹（含子文件夹）中的全部文件 / read every file under a folder
  perfsheet ingest 收件箱/2024 --review 核对.xlsx --csv 导出
      另写 Excel 核对工作簿和 CSV / also write the review workbook and CSV files
  perfsheet ingest a.docx b.xlsx 共享盘/各部门 --jobs 2 --quiet
      两个线程，不显示进度条 / two threads, no progress bar
  find 共享盘 -name '*.xls*' | perfsheet ingest --files-from - --jsonl 输出
      从标准输入读文件列表，按 JSON Lines 流式写出 / paths from stdin, streamed as JSON Lines
  perfsheet ingest 共享盘 --shard 2/8 --jsonl 分片2
      八台机器分工，这是第二份 / the 2nd of 8 jobs splitting one corpus
  perfsheet ingest 收件箱 -o - --summary-json 汇总.json --fail-on-flagged | jq .summary
      数据集写到标准输出；有未读取的文件时退出码为 3 / dataset to stdout; exit 3 if any file is flagged

退出码 / exit status: 0 完成（即使有未读取的文件 / even with flagged files），
  1 无法写出结果 / an output cannot be written，2 参数错误 / usage error，
  3 有未读取的文件（仅在 --fail-on-flagged 时）/ files were flagged (with --fail-on-flagged)，
  130 被 Ctrl-C 或终止信号中断，原有输出不变 / interrupted, previous outputs unchanged";

/// 把绩效目标表（Word/Excel/WPS/网页）读成一个 JSON 数据集 / Reads performance-target forms into one JSON dataset.
#[derive(Parser, Debug)]
#[command(
    name = "perfsheet",
    version,
    about = "把部门整体和项目支出绩效目标表（Word/Excel/WPS/网页）读成一个 JSON 数据集\nReads 部门整体绩效目标表 and 项目支出绩效目标表 filings into one JSON dataset.",
    after_help = MAIN_EXAMPLES,
    disable_help_subcommand = false
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 读取文件和文件夹，写出数据集 / Reads every file under the given paths and writes the dataset.
    #[command(after_help = INGEST_EXAMPLES)]
    Ingest(Box<ingest::IngestArgs>),
    /// 显示 perfsheet 如何看一个文件 / Shows how perfsheet sees one file: format, tables
    /// with merged cells, recognised sections, and why it was flagged.
    #[command(
        after_help = "示例 / Example:\n  perfsheet inspect 收件箱/2024/财政局.xlsx | less -S"
    )]
    Inspect {
        /// 要查看的文件 / The file to show.
        file: PathBuf,
        /// 另列出每个单元格的位置、合并范围和原文 / Also list every cell with its location, merge span and exact text.
        #[arg(long)]
        cells: bool,
        /// 另加载的模板定义（TOML 文件或文件夹）/ Also load these template definitions.
        #[arg(long, value_name = "FILE|DIR")]
        templates: Vec<PathBuf>,
    },
    /// 列出 perfsheet 认识的表格模板 / Lists the form templates: names, title words, sections and labels.
    #[command(
        after_help = "示例 / Examples:\n  perfsheet templates\n  perfsheet templates --templates 本地模板/   # 连同本地补充的模板 / with a bureau's own"
    )]
    Templates {
        /// 另加载的模板定义（TOML 文件或文件夹）/ Also load these template definitions (a TOML file or a folder).
        #[arg(long, value_name = "FILE|DIR")]
        templates: Vec<PathBuf>,
    },
    /// 打印输出的 JSON Schema / Prints the JSON Schema (draft 2020-12) of the output.
    #[command(
        after_help = "示例 / Examples:\n  perfsheet schema > dataset.schema.json\n  perfsheet schema record > record.schema.json   # records.jsonl 的每一行 / one line of records.jsonl"
    )]
    Schema {
        /// 哪一种文档：整个数据集、一条记录、一个项目、一个未读取条目或 summary.json /
        /// Which document: the whole dataset, one record, one project, one flagged entry or summary.json.
        #[arg(value_enum, default_value_t = SchemaArg::Dataset)]
        of: SchemaArg,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SchemaArg {
    Dataset,
    Record,
    Project,
    Flagged,
    Summary,
}

/// Parses the arguments and runs the command; the exit status says how it went.
pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage::report_clap(e),
    };
    let result = match cli.command {
        Command::Ingest(args) => ingest::run(*args),
        Command::Schema { of } => schema(of).map(|()| ExitCode::SUCCESS),
        Command::Inspect {
            file,
            cells,
            templates,
        } => inspect(&file, cells, &templates).map(|()| ExitCode::SUCCESS),
        Command::Templates { templates } => load_templates(&templates)
            .and_then(|set| print_out(&perfsheet::describe_templates(&set)))
            .map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => match e.downcast_ref::<Usage>() {
            Some(u) => u.report(),
            None => {
                eprintln!("perfsheet: 错误 / error: {e:#}");
                ExitCode::from(1)
            }
        },
    }
}

fn schema(of: SchemaArg) -> Result<()> {
    use perfsheet::SchemaOf;
    let of = match of {
        SchemaArg::Dataset => SchemaOf::Dataset,
        SchemaArg::Record => SchemaOf::Record,
        SchemaArg::Project => SchemaOf::Project,
        SchemaArg::Flagged => SchemaOf::Flagged,
        SchemaArg::Summary => SchemaOf::Summary,
    };
    let mut text = serde_json::to_string_pretty(&perfsheet::json_schema(of))?;
    text.push('\n');
    print_out(&text)
}

/// The built-in templates and those of `paths`; a bad definition is a usage error that
/// names its file and line, before any file is read.
pub(crate) fn load_templates(paths: &[PathBuf]) -> Result<std::sync::Arc<perfsheet::TemplateSet>> {
    if paths.is_empty() {
        return Ok(perfsheet::TemplateSet::built_in());
    }
    let mut builder = perfsheet::TemplateSetBuilder::with_built_in();
    for p in paths {
        builder
            .add_path(p)
            .map_err(|e| Usage::new(format!("模板定义有误 / bad template definition: {e}")))?;
    }
    Ok(std::sync::Arc::new(builder.build()))
}

fn inspect(file: &std::path::Path, cells: bool, templates: &[PathBuf]) -> Result<()> {
    let templates = load_templates(templates)?;
    if file.symlink_metadata().is_err() {
        return Err(Usage::new(format!(
            "找不到文件“{}”（请检查路径是否拼写正确）/ no such file",
            file.display()
        ))
        .into());
    }
    let report = perfsheet::inspect_path(
        file,
        &perfsheet::Limits::default(),
        perfsheet::InspectOptions {
            cells,
            templates: Some(templates),
        },
    )
    .with_context(|| format!("无法读取 / cannot read {}", file.display()))?;
    print_out(&report)
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
pub(crate) fn print_out(text: &str) -> Result<()> {
    to_stdout(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on standard output and flushes it. A reader that went away (`| head`) is
/// not an error: the rest of what was asked for (other outputs, the exit code) goes on, as
/// in the Unix tools people pipe into.
pub(crate) fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("无法写出到标准输出 / cannot write to standard output")
        }
        _ => Ok(()),
    }
}
