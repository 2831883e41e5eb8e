//! Fuzz targets for authcore. Each target is a plain function of `&[u8]` that feeds the input
//! to the core and asserts invariants (not only "no panic"): round trips, agreement with a
//! reference, and the buffer contract of every writer. `fuzz_targets/*.rs` hand them to
//! libFuzzer (`cargo +nightly fuzz run --features libfuzzer <target>`); `tests/replay.rs`
//! runs every checked-in corpus file through them on stable.
//!
//! Inputs that carry several values are split by [`fields`] (0xFF, never in UTF-8, ends a
//! field); a leading selector byte chooses algorithms, keys and modes.

mod buffers;
mod jws;
mod key_set;
mod keys;
mod text;
mod tokens;

pub use buffers::{SENTINEL, sweep};
pub use jws::{key_load_jws, token_jws};
pub use key_set::key_set;
pub use keys::key_load;
pub use text::{authz_parse, claims, format, rfc3339, token_response};
pub use tokens::{sign_hs, token_hs, token_rs};

/// A target: checks one input, panicking on a broken invariant.
pub type Target = fn(&[u8]);

/// Every target, by the name of its `fuzz_targets/` file and corpus directory.
pub const TARGETS: &[(&str, Target)] = &[
    ("token_hs", token_hs),
    ("sign_hs", sign_hs),
    ("token_rs", token_rs),
    ("key_load", key_load),
    ("key_set", key_set),
    ("token_jws", token_jws),
    ("key_load_jws", key_load_jws),
    ("claims", claims),
    ("rfc3339", rfc3339),
    ("token_response", token_response),
    ("authz_parse", authz_parse),
    ("format", format),
];

/// Splits `data` at 0xFF bytes into `N` UTF-8 fields (missing ones empty); `None` when a
/// field is not UTF-8.
pub fn fields<const N: usize>(data: &[u8]) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut parts = data.splitn(N, |&b| b == 0xFF);
    for slot in out.iter_mut() {
        match parts.next() {
            Some(p) => *slot = core::str::from_utf8(p).ok()?,
            None => break,
        }
    }
    Some(out)
}
