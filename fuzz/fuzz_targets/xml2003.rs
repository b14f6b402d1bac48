//! The Office 2003 XML readers (SpreadsheetML and WordML), the recogniser and the checks
//! on arbitrary bytes (the first byte picks the reader): any outcome but a crash, a hang
//! or runaway memory is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::{Format, Limits, read_forms};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        max_cells: 100_000,
        ..Limits::default()
    };
    let (format, name) = if pick & 1 == 0 {
        (Format::SpreadsheetMl, "fuzz.xml")
    } else {
        (Format::WordMl, "fuzz.doc")
    };
    let _ = read_forms(rest, format, name, &limits);
});
