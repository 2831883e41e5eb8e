//! Peak stack use of RSA verification, measured by stack painting.
//!
//! Method: on a fresh thread (1 MiB stack), `measure` takes the address of one of its own
//! locals as the base, fills the 64 KiB below its frame with a pattern (from a separate
//! function, through raw pointers), runs the verification, and then scans up from the
//! bottom of the painted region for the first byte that is no longer the pattern: the
//! distance from the base to it is the peak stack the call used (frames, spills, return
//! addresses). Two passes with different patterns guard against a byte that happens to be
//! written with the pattern's value. The figure is exact to the size of `measure`'s own
//! frame below its base local (a few dozen bytes), which it includes.
//!
//! The targets (at most 3 KiB for RSA-2048, 5 KiB for RSA-3072 and RSA-4096) are asserted
//! in optimized builds: the test command runs `cargo test --profile stack -p authcore --test
//! rsa_stack` (`release` for authcore and what it links; `--release` gives the same figures,
//! and `-- --nocapture` prints them); an unoptimized build keeps every temporary in its own
//! slot, so it only gets a loose bound.

mod rsa_support;

use std::hint::black_box;

use authcore::{Algorithm, RsaPublicKey, Validation, VerifyingKey, verify};
use rsa_support::*;

const PAINT: usize = 64 * 1024;
/// Left untouched between the base and the painted region: `paint`'s and `scan`'s own frames.
const GAP: usize = 1024;

#[inline(never)]
fn paint(base: usize, pattern: u8) {
    for addr in base - PAINT..base - GAP {
        // SAFETY: the thread's stack is 1 MiB; this region lies below every live frame
        // (ours ends well within GAP of the base), so nothing live is overwritten.
        unsafe { std::ptr::write_volatile(addr as *mut u8, pattern) };
    }
}

#[inline(never)]
fn lowest_written(base: usize, pattern: u8) -> usize {
    (base - PAINT..base - GAP)
        // SAFETY: as in `paint`; the region is mapped and no longer used by any frame.
        .find(|&addr| unsafe { std::ptr::read_volatile(addr as *const u8) } != pattern)
        .unwrap_or(base - GAP)
}

/// Peak stack bytes used by `f`, measured below this function's frame.
#[inline(never)]
fn measure(f: &dyn Fn()) -> usize {
    let marker = 0u8;
    let base = black_box(&marker) as *const u8 as usize;
    let mut peak = 0;
    for pattern in [0xa5, 0x5a] {
        paint(base, pattern);
        f();
        peak = peak.max(base - lowest_written(base, pattern));
    }
    peak
}

fn on_thread<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn verify_signature_stack_within_targets() {
    let optimized = cfg!(not(debug_assertions));
    for (bits, target) in [(2048, 3 * 1024), (3072, 5 * 1024), (4096, 5 * 1024)] {
        for alg in RS {
            let private = private_key(bits);
            let token = rsa_token(&private, alg, CLAIMS);
            let key = RsaPublicKey::from_pem(alg, spki_pem(bits).as_bytes()).unwrap();
            let (sig_only, whole) = on_thread(move || {
                let (input, sig) = split(&token);
                let sig_only = measure(&|| {
                    assert!(
                        black_box(&key)
                            .verify_signature(black_box(input.as_bytes()), sig.as_bytes())
                            .is_ok()
                    );
                });
                let whole = measure(&|| {
                    let mut buf = [0u8; 512];
                    let policy = Validation::new(alg);
                    assert!(verify(black_box(&token), &key, &policy, NOW, &mut buf).is_ok());
                });
                (sig_only, whole)
            });
            println!(
                "{bits}-bit {alg}: verify_signature peak stack {sig_only} B; \
                 authcore::verify (with a 512-byte buffer) {whole} B"
            );
            // The measurement must see something: the limb buffers alone are 1.5 KiB.
            assert!(sig_only > 1536, "{sig_only}");
            if optimized {
                assert!(
                    sig_only <= target,
                    "{bits}-bit {alg}: {sig_only} > {target}"
                );
            } else {
                assert!(sig_only <= 32 * 1024, "{bits}-bit {alg}: {sig_only}");
            }
        }
    }
}

#[test]
fn key_loading_stack() {
    for bits in SIZES {
        let used = on_thread(move || {
            let pem = spki_pem(bits);
            let jwk = jwk(&private_key(bits).to_public_key(), "");
            let pem_peak = measure(&|| {
                assert!(
                    RsaPublicKey::from_pem(Algorithm::RS256, black_box(pem.as_bytes())).is_ok()
                );
            });
            let jwk_peak = measure(&|| {
                assert!(
                    RsaPublicKey::from_jwk(Algorithm::RS256, black_box(jwk.as_bytes())).is_ok()
                );
            });
            (pem_peak, jwk_peak)
        });
        println!(
            "{bits}-bit key load peak stack: PEM {} B, JWK {} B (the key object itself is {} B)",
            used.0,
            used.1,
            core::mem::size_of::<RsaPublicKey>()
        );
        assert!(used.0 > 1024 && used.1 > 1024);
        // Optimized: the figures in BENCHMARKS.md plus a margin; unoptimized: loose.
        let bound = if cfg!(not(debug_assertions)) {
            6 * 1024
        } else {
            32 * 1024
        };
        assert!(
            used.0 <= bound && used.1 <= bound,
            "{bits}-bit key load: {used:?} > {bound}"
        );
    }
}
