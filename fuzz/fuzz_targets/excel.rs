//! The Excel readers (.xlsx, .xls and .xlsb) and the recogniser on arbitrary bytes. The
//! first byte picks the reader so that one corpus grows inputs for all three (an .xlsb is
//! a zip package like an .xlsx, so mutations of one are good seeds for the other).
#![no_main]

use libfuzzer_sys::fuzz_target;
use perfsheet::{Format, Limits, read_forms};
use std::sync::Once;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // calamine panics on some malformed records; the readers run it inside
    // `sheet::guarded`, which turns that into `corrupt` (tests/regress). libFuzzer's hook
    // aborts on every panic, caught or not, so let calamine's unwind to that guard and
    // keep aborting on any other panic.
    HOOK.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"))
            {
                return;
            }
            fuzzer_hook(info);
        }));
    });
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let limits = Limits {
        max_inflated_bytes: 16 << 20,
        max_cells: 100_000,
        ..Limits::default()
    };
    let format = match which % 3 {
        0 => Format::Xlsx,
        1 => Format::Xls,
        _ => Format::Xlsb,
    };
    let _ = read_forms(bytes, format, "fuzz.xlsx", &limits);
});
