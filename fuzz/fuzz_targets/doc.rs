//! The Word 97-2003 reader and the recogniser on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::{Format, Limits, read_forms};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        ..Limits::default()
    };
    let _ = read_forms(data, Format::Doc, "fuzz.doc", &limits);
});
