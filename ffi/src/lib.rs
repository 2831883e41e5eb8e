//! The C ABI over `authcore`: `libauthcore.a` and `libauthcore.so`, with the header
//! `include/authcore.h` generated from this crate by cbindgen.
//!
//! Conventions (stated in the header): inputs are a pointer and a length, never
//! NUL-terminated; outputs are `buf, buf_len` plus `size_t *out_n`, written only on success;
//! every function but `authcore_version` and `authcore_status_str` returns an
//! `authcore_status`; every pointer is checked; objects live in storage the caller provides;
//! nothing allocates.
//!
//! Panics: host builds (feature `std`, the default) catch any panic at the boundary and
//! return `AUTHCORE_INTERNAL_ERROR`; bare-metal builds abort (feature `panic-handler` or
//! the firmware's own handler). None is expected: the core never panics on input.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]
#![allow(
    clippy::missing_safety_doc,
    reason = "each function's C doc comment states what every pointer must satisfy (its \\param lines)"
)]

// The header declares the functions in this order (cbindgen follows the modules): the
// keys, policies and verification a reader needs first, the token lifecycle after. The
// blank lines keep rustfmt from sorting them.
mod key;

#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
mod curve_keys;

mod policy;

mod verify;

mod key_set;

mod status;

mod lifecycle;

// Signing (keys, tokens, client assertions) with ES256: hosts' builds. The firmware builds
// (`--no-default-features`) keep the verification library's size.
#[cfg(feature = "es256")]
mod sign;

mod boundary;
// Exported by their `no_mangle` names: nothing in Rust refers to them.
mod built_with;
mod storage;

#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub use curve_keys::*;
pub use key::*;
pub use key_set::*;
pub use lifecycle::*;
pub use policy::*;
#[cfg(feature = "es256")]
pub use sign::*;
pub use status::*;
pub use verify::*;

#[cfg(all(not(feature = "std"), feature = "panic-handler"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // No unwinding on bare metal: stop here. A debugger shows the spot.
    loop {
        core::hint::spin_loop();
    }
}
