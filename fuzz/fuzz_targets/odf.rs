//! The OpenDocument reader (a package or a flat file: the zip magic decides), the
//! recogniser and the checks on arbitrary bytes: any outcome but a crash, a hang or
//! runaway memory is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::{Format, Limits, read_forms};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        max_cells: 100_000,
        ..Limits::default()
    };
    let _ = read_forms(data, Format::Ods, "fuzz.ods", &limits);
});
