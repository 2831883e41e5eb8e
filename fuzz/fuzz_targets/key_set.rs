#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| authcore_fuzz::key_set(data));
