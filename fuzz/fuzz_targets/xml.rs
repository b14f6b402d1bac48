//! Our XML tokenizer against quick-xml on arbitrary text: the same events wherever
//! quick-xml reads the text, an error wherever quick-xml finds the text cut short, and an
//! end every time (`perfsheet::fuzz_xml_compare` panics otherwise).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The readers decode every part to a str before tokenizing it.
    if let Ok(text) = std::str::from_utf8(data) {
        perfsheet::fuzz_xml_compare(text);
    }
});
