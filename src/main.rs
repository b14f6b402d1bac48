//! The `perfsheet` command line: arguments, messages and exit codes. Everything it runs is
//! the library's; errors are reported with anyhow here, at the edge, and the library reports
//! per-file problems as flagged entries and never aborts a run.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

use std::process::ExitCode;

/// mimalloc rather than the system allocator: reading a form makes many small, short-lived
/// allocations on every worker thread at once, which glibc's malloc serves slower (see
/// PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
