//! cargo-fuzz target: see `gaizao_fuzz::read_plan`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gaizao_fuzz::read_plan(data));
