//! The HTML reader's quick tree builder against html5ever on arbitrary bytes: wherever the
//! quick builder builds a page, the tree is html5ever's (`perfsheet::fuzz_html_compare`
//! panics otherwise).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    perfsheet::fuzz_html_compare(data);
});
