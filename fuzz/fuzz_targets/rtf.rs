//! The RTF reader and the recogniser on arbitrary bytes: any outcome but a crash, a hang or
//! runaway memory is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::limits::Limits;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(doc) = perfsheet::readers::rtf::read(data, &limits) {
        let _ = perfsheet::recognize::recognize(&doc, "fuzz.rtf");
    }
});
