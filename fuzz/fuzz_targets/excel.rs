//! The Excel readers (.xlsx and .xls) and the recogniser on arbitrary bytes. The first byte
//! picks the reader so that one corpus grows inputs for both.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::limits::Limits;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        max_cells: 100_000,
        ..Limits::default()
    };
    let doc = if which & 1 == 0 {
        perfsheet::xlsx::read(bytes, &limits)
    } else {
        perfsheet::xls::read(bytes, &limits)
    };
    if let Ok(doc) = doc {
        let _ = perfsheet::recognize::recognize(&doc, "fuzz.xlsx");
    }
});
