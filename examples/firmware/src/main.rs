//! authcore on a Cortex-M: verifies HS256, RS256, ES256 and EdDSA tokens against a policy, runs an OAuth 2.0
//! session on a monotonic tick clock, refuses hostile tokens and too-small buffers with their
//! specific errors, and measures its own peak stack per verification. Output goes over
//! semihosting (text, or defmt frames with the `defmt` feature); the exit status is 0 only if
//! every check matched its expected answer.
//!
//! ```text
//! bash scripts/firmware.sh        # builds and runs it under QEMU, Cortex-M3 and Cortex-M4F
//! ```
//!
//! Other builds of the same program serve the figures (scripts/firmware-figures.sh):
//! `baseline` (the same boot and printing without authcore), `count` (one operation
//! repeated, for QEMU's instruction count and the flash verification needs) and `stub`
//! (`count` with every authcore call replaced by a stand-in: the flash difference is
//! authcore's share, however LTO inlined it).
#![no_std]
#![no_main]
// The `count` build runs one operation: the checks and the stack probe are not used there.
#![cfg_attr(feature = "count", allow(dead_code))]

mod log;

#[cfg(not(any(feature = "baseline", feature = "stub")))]
mod checks;
#[cfg(not(feature = "baseline"))]
mod ops;
#[cfg(not(feature = "baseline"))]
mod stack;
#[cfg(not(feature = "baseline"))]
mod tick;
#[cfg(not(feature = "baseline"))]
mod vectors;

use cortex_m_rt::entry;
use cortex_m_semihosting::debug::{self, EXIT_FAILURE, EXIT_SUCCESS};

use crate::log::say;

#[entry]
fn main() -> ! {
    let ok = run();
    debug::exit(if ok { EXIT_SUCCESS } else { EXIT_FAILURE });
    #[allow(clippy::empty_loop)]
    loop {}
}

/// The checks, then the verdict.
#[cfg(not(any(feature = "baseline", feature = "count")))]
fn run() -> bool {
    let mut c = checks::Checks::new();
    checks::hs256(&mut c);
    #[cfg(feature = "rsa")]
    checks::rs256(&mut c);
    #[cfg(feature = "jws")]
    checks::jws(&mut c);
    checks::session(&mut c);
    checks::stack_figures(&mut c);
    say!("{} checks passed, {} failed", c.passed(), c.failed());
    c.failed() == 0
}

/// Boot, print, exit: what the program costs without authcore.
#[cfg(feature = "baseline")]
fn run() -> bool {
    say!(
        "{} checks passed, {} failed",
        core::hint::black_box(0u32),
        0u32
    );
    true
}

/// One operation (`AUTHCORE_FW_OP`: `hs256`, `rs2048`, `rs4096`, `es256`, `eddsa`, `verify-all`),
/// `AUTHCORE_FW_REPEAT` times: QEMU counts the instructions (the difference between two
/// repeat counts is the cost of the extra calls), and the flash of these builds is what
/// verification alone costs.
#[cfg(all(feature = "count", not(feature = "baseline")))]
fn run() -> bool {
    const REPEAT: u32 = parse(option_env!("AUTHCORE_FW_REPEAT"));
    let op = option_env!("AUTHCORE_FW_OP").unwrap_or("hs256");
    #[cfg(feature = "stub")]
    use ops::stub as ops;
    let mut buf = [0u8; 512];
    let mut ok = true;
    match op.as_bytes() {
        b"hs256" => {
            let Ok(key) = ops::hs256_key() else {
                return false;
            };
            for _ in 0..REPEAT {
                ok &= ops::hs256_verify(&key, vectors::HS256_300_TOKEN, &mut buf).is_ok();
            }
        }
        #[cfg(feature = "rsa")]
        b"rs2048" | b"rs4096" => {
            let (key, token) = if op == "rs2048" {
                (ops::rsa2048(), vectors::RS256_2048_TOKEN)
            } else {
                (ops::rsa4096(), vectors::RS256_4096_TOKEN)
            };
            let Ok(key) = key else { return false };
            for _ in 0..REPEAT {
                ok &= ops::rs256_verify(&key, token, &mut buf).is_ok();
            }
        }
        #[cfg(feature = "jws")]
        b"es256" => {
            let Ok(key) = ops::es256_key() else {
                return false;
            };
            for _ in 0..REPEAT {
                ok &= ops::es256_verify(&key, vectors::ES256_TOKEN, &mut buf).is_ok();
            }
        }
        #[cfg(feature = "jws")]
        b"eddsa" => {
            let Ok(key) = ops::ed25519_key() else {
                return false;
            };
            for _ in 0..REPEAT {
                ok &= ops::eddsa_verify(&key, vectors::EDDSA_TOKEN, &mut buf).is_ok();
            }
        }
        // Everything a verifying device links: both key types (RSA from PEM and JWKS),
        // HS256 and RS256 verification (the flash figure "verification, RSA too").
        #[cfg(feature = "rsa")]
        b"verify-all" => {
            let (Ok(hs), Ok(k2048), Ok(k4096)) = (ops::hs256_key(), ops::rsa2048(), ops::rsa4096())
            else {
                return false;
            };
            for _ in 0..REPEAT {
                ok &= ops::hs256_verify(&hs, vectors::HS256_300_TOKEN, &mut buf).is_ok()
                    && ops::rs256_verify(&k2048, vectors::RS256_2048_TOKEN, &mut buf).is_ok()
                    && ops::rs256_verify(&k4096, vectors::RS256_4096_TOKEN, &mut buf).is_ok();
            }
        }
        _ => return false,
    }
    say!("{} x {}: {}", REPEAT, op, if ok { "ok" } else { "FAILED" });
    ok
}

/// A decimal number from the build environment: 1 when absent, a build error when not a
/// number.
#[cfg(all(feature = "count", not(feature = "baseline")))]
const fn parse(s: Option<&str>) -> u32 {
    match s {
        None => 1,
        Some(s) => match u32::from_str_radix(s, 10) {
            Ok(n) => n,
            Err(_) => panic!("AUTHCORE_FW_REPEAT is not a decimal number"),
        },
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    say!("panic");
    debug::exit(EXIT_FAILURE);
    #[allow(clippy::empty_loop)]
    loop {}
}
