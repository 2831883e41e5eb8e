//! One exported symbol per optional part of the build, `authcore_built_with_<feature>`: the
//! header declares a part's functions only under its `AUTHCORE_HAS_*` macro, and an installer
//! reads from the library itself which macros to hand its users (scripts/install-c.sh, with
//! `nm`), whatever options built it. Not in the header: they are for tools, not for C code.

/// Present when the library has RSA keys (RS256/384/512): `AUTHCORE_HAS_RSA`.
#[cfg(feature = "rsa")]
// SAFETY: a name no other symbol of the library or of libc has, for a plain byte.
#[unsafe(no_mangle)]
pub static authcore_built_with_rsa: u8 = 1;

/// Present when the library has RSASSA-PSS (PS256/384/512): `AUTHCORE_HAS_PSS`.
#[cfg(feature = "pss")]
// SAFETY: as above.
#[unsafe(no_mangle)]
pub static authcore_built_with_pss: u8 = 1;

/// Present when the library has ES256 keys: `AUTHCORE_HAS_ES256`.
#[cfg(feature = "es256")]
// SAFETY: as above.
#[unsafe(no_mangle)]
pub static authcore_built_with_es256: u8 = 1;

/// Present when the library has ES384 keys: `AUTHCORE_HAS_ES384`.
#[cfg(feature = "es384")]
// SAFETY: as above.
#[unsafe(no_mangle)]
pub static authcore_built_with_es384: u8 = 1;

/// Present when the library has Ed25519 keys (EdDSA): `AUTHCORE_HAS_EDDSA`.
#[cfg(feature = "eddsa")]
// SAFETY: as above.
#[unsafe(no_mangle)]
pub static authcore_built_with_eddsa: u8 = 1;
