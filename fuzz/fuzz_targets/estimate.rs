//! cargo-fuzz target: see `gaizao_fuzz::estimate`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gaizao_fuzz::estimate(data));
