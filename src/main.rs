//! The `perfsheet` command line: arguments, messages and exit codes. Everything it runs is
//! the library's; errors are reported with anyhow here, at the edge, and the library reports
//! per-file problems as flagged entries and never aborts a run.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
