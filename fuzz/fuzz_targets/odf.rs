//! The OpenDocument reader (packages and flat files: the zip magic picks) and the
//! recogniser on arbitrary bytes: any outcome but a crash, a hang or runaway memory is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::limits::Limits;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        max_cells: 100_000,
        ..Limits::default()
    };
    if let Ok(doc) = perfsheet::readers::odf::read(data, &limits) {
        let _ = perfsheet::recognize::recognize(&doc, "fuzz.ods");
    }
});
