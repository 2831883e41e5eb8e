//! The C ABI over `authcore`: `libauthcore.a` and `libauthcore.so`, with the header
//! `include/authcore.h` generated from this crate by cbindgen.
//!
//! Conventions (repeated in the header): every function returns an `authcore_status`;
//! every pointer is checked; outputs are written only on success and report the size
//! needed; objects live in storage the caller provides; nothing allocates.
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

mod boundary;
mod key;
mod lifecycle;
mod policy;
mod status;
mod storage;
mod verify;

pub use key::*;
pub use lifecycle::*;
pub use policy::*;
pub use status::*;
pub use verify::*;

/// The library version, NUL-terminated ("MAJOR.MINOR.PATCH"): the crate's, which the
/// header's `AUTHCORE_VERSION_*` macros also carry, so comparing it with
/// `AUTHCORE_VERSION_STRING` tells whether the library is the one the header came with.
#[unsafe(no_mangle)]
pub extern "C" fn authcore_version() -> *const core::ffi::c_char {
    concat!(
        env!("CARGO_PKG_VERSION_MAJOR"),
        ".",
        env!("CARGO_PKG_VERSION_MINOR"),
        ".",
        env!("CARGO_PKG_VERSION_PATCH"),
        "\0"
    )
    .as_ptr()
    .cast()
}

#[cfg(all(not(feature = "std"), feature = "panic-handler"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // No unwinding on bare metal: stop here. A debugger shows the spot.
    loop {
        core::hint::spin_loop();
    }
}
