//! Reads one filing and prints its records and projects as JSON, the way `perfsheet ingest` would write
//! them, or the reason it was flagged.
//!
//! ```sh
//! cargo run --example read_one -- fixtures/forms/002_江岸区教育局.docx
//! ```

use perfsheet::{Limits, detect, read_forms};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: read_one FILE");
        return ExitCode::from(2);
    };
    let path = std::path::PathBuf::from(path);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match read_forms(&bytes, detect(&bytes), &name, &Limits::default()) {
        Ok(forms) => {
            let records = forms.records.iter().map(serde_json::to_string_pretty);
            let projects = forms.projects.iter().map(serde_json::to_string_pretty);
            for json in records.chain(projects) {
                match json {
                    Ok(json) => println!("{json}"),
                    Err(e) => eprintln!("{e}"),
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}: {e}", e.code());
            if let Some(detail) = e.detail() {
                println!("detail: {detail}");
            }
            ExitCode::from(1)
        }
    }
}
