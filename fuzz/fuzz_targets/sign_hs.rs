#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| authcore_fuzz::sign_hs(data));
