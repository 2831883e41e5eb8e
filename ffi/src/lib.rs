//! C ABI over `authcore`. The full API arrives with the C ABI issue; for now it exports the
//! library version so that the workspace layout, the staticlib and the cdylib are in place.

#![warn(missing_docs)]

/// The library version as a NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn authcore_version() -> *const core::ffi::c_char {
    c"0.1.0".as_ptr()
}
