//! The RTF reader and the recogniser on arbitrary bytes: any outcome but a crash, a hang or
//! runaway memory is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::{Format, Limits, read_forms};

fuzz_target!(|data: &[u8]| {
    let _ = read_forms(data, Format::Rtf, "fuzz.rtf", &Limits::default());
});
