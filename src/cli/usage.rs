//! Usage errors: a mistyped option, a bad value, a missing input, an output that cannot be
//! written where it was asked for. Each is said in Chinese first, then in English, names
//! the argument and what it expects, and exits with status 2 before any file is read or
//! any output touched.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// A usage error of our own (not the argument parser's).
#[derive(Debug)]
pub(crate) struct Usage(String);

impl Usage {
    /// A usage error with its message (Chinese, then English after " / ").
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Usage(message.into())
    }

    /// Prints it and gives the exit status.
    pub(crate) fn report(&self) -> ExitCode {
        eprintln!("perfsheet: 参数错误 / usage error: {}", self.0);
        eprintln!("运行 perfsheet help 查看用法 / run `perfsheet help` for usage");
        ExitCode::from(2)
    }
}

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What the argument parser found wrong, in Chinese.
fn chinese(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let valid = context(e, ContextKind::ValidValue);
    let suggested = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue));
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => format!("没有这个选项：{arg}"),
        ErrorKind::InvalidSubcommand => {
            format!("没有这个命令：{arg}（可用：ingest、inspect、schema、help）")
        }
        ErrorKind::InvalidValue => match &valid {
            Some(v) => format!("{arg} 的值“{value}”无效，可选：{v}"),
            None => format!("{arg} 缺少值或值“{value}”无效"),
        },
        // Our own value parsers say what they expect in both languages (the source).
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{arg}（例如要读取的文件夹）")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令（ingest、inspect 或 schema）".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 需要用 = 连接值"),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => "参数有误".to_string(),
    };
    if let Some(s) = suggested {
        text.push_str(&format!("；是不是要用 {s}？"));
    }
    text
}

/// Reports an error of the argument parser: help and version go to standard output with
/// status 0; anything else is a usage error, in Chinese and then as the parser said it.
pub(crate) fn report_clap(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("perfsheet: 参数错误 / usage error: {}", chinese(&e));
            let english = e.render().to_string();
            for line in english.lines().filter(|l| !l.trim().is_empty()) {
                eprintln!("  {line}");
            }
            ExitCode::from(2)
        }
    }
}
