//! The HTML and MHTML readers and the recogniser on arbitrary bytes (the first byte picks
//! the reader): any outcome but a crash, a hang or runaway memory is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::limits::Limits;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        max_cells: 100_000,
        ..Limits::default()
    };
    let doc = if pick & 1 == 0 {
        perfsheet::readers::html::read(rest, &limits)
    } else {
        perfsheet::readers::mhtml::read(rest, &limits)
    };
    if let Ok(doc) = doc {
        let _ = perfsheet::recognize::recognize(&doc, "fuzz.html");
    }
});
