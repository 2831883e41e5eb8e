//! Keys in caller storage: `authcore_key`.

use core::ffi::c_char;

use authcore::{Algorithm, Error, HmacKey, VerifyingKey};

use crate::boundary::{StrOut, bytes, guard, opt_cstr, out};
use crate::status::authcore_status::{self, *};
use crate::storage;

/// The size in bytes of `authcore_key`.
pub const AUTHCORE_KEY_SIZE: usize = 2048;
const _: () = assert!(core::mem::size_of::<authcore_key>() == AUTHCORE_KEY_SIZE);

/// Storage for one key of any kind (HMAC or RSA), pinned to one algorithm. Declare it (on
/// the stack, in a static, anywhere 8-byte aligned), initialize it with an `authcore_key_*`
/// constructor, and wipe it with `authcore_key_clear` when done. Its bytes are private.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_key {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 256],
}

/// A signature algorithm, as the `algorithm` arguments take it.
#[repr(C)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_algorithm {
    /// HMAC with SHA-256.
    AUTHCORE_HS256 = 1,
    /// HMAC with SHA-384.
    AUTHCORE_HS384 = 2,
    /// HMAC with SHA-512.
    AUTHCORE_HS512 = 3,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    AUTHCORE_RS256 = 4,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    AUTHCORE_RS384 = 5,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    AUTHCORE_RS512 = 6,
}

/// The algorithm for a raw `authcore_algorithm` value (C may pass any integer).
pub(crate) fn algorithm(raw: u32) -> Result<Algorithm, authcore_status> {
    Ok(match raw {
        1 => Algorithm::HS256,
        2 => Algorithm::HS384,
        3 => Algorithm::HS512,
        4 => Algorithm::RS256,
        5 => Algorithm::RS384,
        6 => Algorithm::RS512,
        _ => return Err(AUTHCORE_INVALID_ARGUMENT),
    })
}

pub(crate) fn algorithm_value(alg: Algorithm) -> authcore_algorithm {
    match alg {
        Algorithm::HS256 => authcore_algorithm::AUTHCORE_HS256,
        Algorithm::HS384 => authcore_algorithm::AUTHCORE_HS384,
        Algorithm::HS512 => authcore_algorithm::AUTHCORE_HS512,
        Algorithm::RS256 => authcore_algorithm::AUTHCORE_RS256,
        Algorithm::RS384 => authcore_algorithm::AUTHCORE_RS384,
        Algorithm::RS512 => authcore_algorithm::AUTHCORE_RS512,
    }
}

const KEY_MAGIC: u64 = u64::from_le_bytes(*b"acKEYv01");

/// Every kind of key the C API holds.
pub(crate) enum AnyKey {
    Hmac(HmacKey),
}

impl VerifyingKey for AnyKey {
    fn algorithm(&self) -> Algorithm {
        match self {
            AnyKey::Hmac(k) => k.algorithm(),
        }
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        match self {
            AnyKey::Hmac(k) => k.verify_signature(signing_input, signature_b64),
        }
    }

    fn hmac_secret_len(&self) -> Option<usize> {
        match self {
            AnyKey::Hmac(k) => k.hmac_secret_len(),
        }
    }
}

/// The key in `key`'s storage.
///
/// # Safety
/// `key` NULL or valid for reads of an `authcore_key`.
pub(crate) unsafe fn key_ref<'a>(key: *const authcore_key) -> Result<&'a AnyKey, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { storage::get::<authcore_key, AnyKey>(key, KEY_MAGIC) }
}

/// Makes an HMAC key for `algorithm` (AUTHCORE_HS256/384/512) from `secret_len` bytes at
/// `secret`, in `key`'s storage. The secret is not kept: the key holds the keyed hash
/// states, which `authcore_key_clear` wipes.
///
/// Errors: AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (unknown algorithm),
/// AUTHCORE_KEY_WRONG_ALGORITHM (an RS algorithm), AUTHCORE_KEY_EMPTY_SECRET.
///
/// # Safety
/// `key` valid for writes of an `authcore_key`; `secret` valid for `secret_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_hmac(
    key: *mut authcore_key,
    algorithm: u32,
    secret: *const u8,
    secret_len: usize,
) -> authcore_status {
    guard(|| {
        if key.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let alg = self::algorithm(algorithm)?;
        // SAFETY: the caller vouches for `secret_len` readable bytes.
        let secret = unsafe { bytes(secret, secret_len) }?;
        let k = HmacKey::new(alg, secret)?;
        // SAFETY: `key` is non-NULL and the caller vouches for its storage.
        unsafe { storage::init(key, KEY_MAGIC, AnyKey::Hmac(k)) }
    })
}

/// Writes the key's algorithm (an `authcore_algorithm` value) to `*out`.
///
/// # Safety
/// `key` valid for reads of an `authcore_key`; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_algorithm(
    key: *const authcore_key,
    out: *mut authcore_algorithm,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded to the caller's guarantees.
        let k = unsafe { key_ref(key) }?;
        // SAFETY: forwarded.
        let out = unsafe { self::out(out) }?;
        *out = algorithm_value(k.algorithm());
        Ok(())
    })
}

/// Wipes the key: its secret state is zeroized and the storage zeroed. Safe to call on
/// storage that holds no key (it is then only zeroed).
///
/// # Safety
/// `key` valid for writes of an `authcore_key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_clear(key: *mut authcore_key) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_key, AnyKey>(key, KEY_MAGIC) })
}

/// Signs a claims set with an HMAC key: writes the compact JWS (header `{"alg":…,"typ":"JWT"}`,
/// with `kid` when not NULL) and a NUL into `out`.
///
/// `claims_json` must be a JSON object without duplicate names (else AUTHCORE_JSON). On
/// AUTHCORE_BUFFER_TOO_SMALL, `*out_len` is the size needed; `out` may then be NULL with
/// `out_cap` 0 to ask for the size.
///
/// # Safety
/// `key` valid for reads of an `authcore_key`; `claims_json` valid for `claims_len` bytes;
/// `kid` NULL or NUL-terminated; `out` valid for `out_cap` bytes; `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_sign_hmac(
    key: *const authcore_key,
    claims_json: *const u8,
    claims_len: usize,
    kid: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (all four): forwarded to the caller's guarantees.
        let k = unsafe { key_ref(key) }?;
        let claims = unsafe { bytes(claims_json, claims_len) }?;
        let kid = unsafe { opt_cstr(kid) }?;
        let dest = unsafe { StrOut::new(out, out_cap, out_len) }?;
        #[allow(irrefutable_let_patterns)] // RSA keys join AnyKey with the RSA API
        let AnyKey::Hmac(k) = k else {
            return Err(AUTHCORE_KEY_WRONG_ALGORITHM);
        };
        // A first pass with no room validates the claims and gives the exact size, so the
        // output is written only when it will be complete.
        let needed = match k.sign(claims, kid, &mut []) {
            Err(Error::BufferTooSmall { needed }) => needed,
            Err(e) => return Err(e.into()),
            Ok(t) => t.len(),
        };
        dest.write(needed, |b| {
            k.sign(claims, kid, b)
                .map(|_| ())
                .map_err(authcore_status::from)
        })
    })
}
