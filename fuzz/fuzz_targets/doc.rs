//! The Word 97-2003 reader and the recogniser on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::limits::Limits;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        ..Limits::default()
    };
    if let Ok(doc) = perfsheet::readers::doc::read(data, &limits) {
        let _ = perfsheet::recognize::recognize(&doc, "fuzz.doc");
    }
});
