//! Keys in caller storage: `authcore_key`.

use core::ffi::c_char;
use core::ptr;

#[cfg(feature = "rsa")]
use authcore::keys::RsaPublicKey;
use authcore::{Algorithm, Error, HmacKey, VerifyingKey};

#[cfg(feature = "rsa")]
use crate::boundary::text;
use crate::boundary::{StrOut, bytes, guard, opt_cstr, out, required};
use crate::status::authcore_status::{self, *};
use crate::storage::{self, Stored};

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
// A fixed 32-bit type in C (`typedef uint32_t`): it is stored in structs and written through
// pointers, and C compilers disagree on an enum's size (arm-none-eabi-gcc makes them one
// byte unless -fno-short-enums).
#[repr(u32)]
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

pub(crate) const KEY_MAGIC: u64 = u64::from_le_bytes(*b"acKEYv01");

/// Every kind of key the C API holds. Sized for the largest: the storage is fixed anyway.
///
/// `repr(u32)`: its kind is a `u32` at its start and each key lies after it at a place
/// the layout rules fix (each variant is a `repr(C)` struct of the kind and the key), so
/// that [`Stored::valid`] can check a storage's bytes before they are read as a key.
#[allow(clippy::large_enum_variant)]
#[repr(u32)]
pub(crate) enum AnyKey {
    Hmac(HmacKey) = 1,
    #[cfg(feature = "rsa")]
    Rsa(RsaPublicKey) = 2,
}

/// Where a key of type `K` lies in an `AnyKey`: after the `u32` kind, at `K`'s alignment.
const fn key_offset<K>() -> usize {
    let align = core::mem::align_of::<K>();
    if align > 4 { align } else { 4 }
}

impl Stored for AnyKey {
    // C callers pass keys around by value (returned from a helper, say): a key holds no
    // pointer, and every byte that could make it invalid is checked below.
    const STAYS_HOME: bool = false;

    unsafe fn valid(value: *const Self) -> bool {
        // SAFETY: the caller's guarantee: `size_of::<AnyKey>()` readable bytes, read as
        // integers; every offset below lies inside them.
        unsafe {
            let kind = ptr::read_volatile(value.cast::<u32>());
            match kind {
                1 => storage::discriminants_valid(
                    value,
                    key_offset::<HmacKey>(),
                    &HmacKey::DISCRIMINANTS,
                ),
                #[cfg(feature = "rsa")]
                2 => storage::discriminants_valid(
                    value,
                    key_offset::<RsaPublicKey>(),
                    &RsaPublicKey::DISCRIMINANTS,
                ),
                _ => false,
            }
        }
    }
}

impl VerifyingKey for AnyKey {
    fn algorithm(&self) -> Algorithm {
        match self {
            AnyKey::Hmac(k) => k.algorithm(),
            #[cfg(feature = "rsa")]
            AnyKey::Rsa(k) => k.algorithm(),
        }
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        match self {
            AnyKey::Hmac(k) => k.verify_signature(signing_input, signature_b64),
            #[cfg(feature = "rsa")]
            AnyKey::Rsa(k) => k.verify_signature(signing_input, signature_b64),
        }
    }

    fn hmac_secret_len(&self) -> Option<usize> {
        match self {
            AnyKey::Hmac(k) => k.hmac_secret_len(),
            #[cfg(feature = "rsa")]
            AnyKey::Rsa(_) => None,
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

/// The key in `key`'s storage, for a call whose result depends on the key's secret state:
/// the second half checks, once the call has used the key, that it was not cleared (or
/// cleared and made again) meanwhile. A cleared HMAC key's states are all zero, a public
/// state: a MAC computed from them must never count as a verdict.
///
/// # Safety
/// As for [`key_ref`], and the storage stays readable until the check has run.
pub(crate) unsafe fn key_in_use<'a>(
    key: *const authcore_key,
) -> Result<(&'a AnyKey, KeyInUse), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let (k, ticket) = unsafe { storage::get_with_ticket::<authcore_key, AnyKey>(key, KEY_MAGIC) }?;
    Ok((k, KeyInUse(ticket)))
}

/// A check that a key used by a call stayed live through it (see [`key_in_use`]).
pub(crate) struct KeyInUse(storage::Ticket<authcore_key>);

impl KeyInUse {
    /// `Ok` when the key is still the one the call started with; AUTHCORE_UNINITIALIZED
    /// when it was cleared or replaced meanwhile, whatever the call computed.
    ///
    /// # Safety
    /// The key's storage is still readable.
    pub(crate) unsafe fn still_live(&self) -> Result<(), authcore_status> {
        // SAFETY: forwarded to the caller's guarantee.
        if unsafe { self.0.still_live::<AnyKey>() } {
            Ok(())
        } else {
            Err(AUTHCORE_UNINITIALIZED)
        }
    }
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
        required(&[key.is_null(), secret.is_null()])?;
        storage::usable(key)?;
        // SAFETY: usable, and the caller vouches for the storage. Wiped first: a failed
        // constructor leaves no earlier key that could still verify.
        unsafe { storage::wipe(key) };
        // SAFETY: the caller vouches for `secret_len` readable bytes.
        let secret = unsafe { bytes(secret, secret_len) }?;
        let alg = self::algorithm(algorithm)?;
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
        required(&[key.is_null(), out.is_null()])?;
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
/// Clearing a key that another thread is using breaks this function's contract, but it
/// never turns into a verdict: the key is marked dead before its bytes are wiped, and
/// `authcore_verify` and `authcore_sign_hmac` check after using the key that it is still the
/// same live key, returning AUTHCORE_UNINITIALIZED otherwise (a wiped HMAC key's states are
/// all zero, a state anyone can compute MACs with).
///
/// # Safety
/// `key` valid for writes of an `authcore_key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_clear(key: *mut authcore_key) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_key, AnyKey>(key, KEY_MAGIC) })
}

/// Signs a claims set with an HMAC key: writes the compact JWS (header `{"alg":…,"typ":"JWT"}`,
/// with `kid` when not NULL, JSON-escaped where it needs it) and a NUL into `out`. A `kid`
/// longer than 316 bytes is AUTHCORE_INVALID_HEADER.
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
        required(&[
            key.is_null(),
            claims_json.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let (k, in_use) = unsafe { key_in_use(key) }?;
        let claims = unsafe { bytes(claims_json, claims_len) }?;
        let kid = unsafe { opt_cstr(kid) }?;
        let mut dest = unsafe {
            StrOut::new(
                out,
                out_cap,
                out_len,
                &[claims, kid.unwrap_or("").as_bytes()],
            )
        }?;
        #[allow(irrefutable_let_patterns)] // in builds without RSA keys
        let AnyKey::Hmac(k) = k else {
            return Err(AUTHCORE_KEY_WRONG_ALGORITHM);
        };
        let signed = dest.write_with(&|b| Ok(k.sign(claims, kid, b)?));
        // A token MACed with a key cleared meanwhile must not leave here: refused, and the
        // output wiped.
        // SAFETY: forwarded.
        if let Err(e) = unsafe { in_use.still_live() } {
            dest.wipe();
            return Err(e);
        }
        signed
    })
}

/// The algorithm for an RSA key constructor, after the check that `key` is not NULL.
#[cfg(feature = "rsa")]
fn rsa_algorithm(key: *mut authcore_key, algorithm: u32) -> Result<Algorithm, authcore_status> {
    storage::usable(key)?;
    // SAFETY: usable, and the caller vouches for the storage. Wiped first: a failed
    // constructor leaves no earlier key that could still verify.
    unsafe { storage::wipe(key) };
    self::algorithm(algorithm)
}

/// Puts an RSA key just made into `key`'s storage, or passes on why it could not be made.
#[cfg(feature = "rsa")]
///
/// # Safety
/// `key` valid for writes of an `authcore_key`.
unsafe fn store_rsa(
    key: *mut authcore_key,
    made: Result<RsaPublicKey, Error>,
) -> Result<(), authcore_status> {
    let k = made?;
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { storage::init(key, KEY_MAGIC, AnyKey::Rsa(k)) }
}

/// Makes an RSA public key for `algorithm` (AUTHCORE_RS256/384/512) from a PEM block,
/// `-----BEGIN PUBLIC KEY-----` (SPKI) or `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1).
///
/// The modulus must be 2048 to 4096 bits (AUTHCORE_KEY_MODULUS_SIZE), odd
/// (AUTHCORE_KEY_EVEN_MODULUS), the exponent odd, at least 3 and below 2^32
/// (AUTHCORE_KEY_EXPONENT). Other errors: AUTHCORE_KEY_PEM, AUTHCORE_KEY_PEM_LABEL,
/// AUTHCORE_KEY_DER, AUTHCORE_KEY_NOT_RSA, AUTHCORE_KEY_WRONG_ALGORITHM (an HS algorithm).
///
/// # Safety
/// `key` valid for writes of an `authcore_key`; `pem` valid for `pem_len` bytes.
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_pem(
    key: *mut authcore_key,
    algorithm: u32,
    pem: *const c_char,
    pem_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), pem.is_null()])?;
        // SAFETY: the caller vouches for `pem_len` readable bytes.
        let pem = unsafe { bytes(pem.cast(), pem_len) }?;
        let alg = rsa_algorithm(key, algorithm)?;
        // SAFETY: checked usable; the caller vouches for the storage.
        unsafe { store_rsa(key, RsaPublicKey::from_pem(alg, pem)) }
    })
}

/// Makes an RSA public key from DER: a SubjectPublicKeyInfo, or else a PKCS#1
/// RSAPublicKey. Errors as for `authcore_key_rsa_pem` (AUTHCORE_KEY_DER when neither parses).
///
/// # Safety
/// `key` valid for writes of an `authcore_key`; `der` valid for `der_len` bytes.
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_der(
    key: *mut authcore_key,
    algorithm: u32,
    der: *const u8,
    der_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), der.is_null()])?;
        // SAFETY: the caller vouches for `der_len` readable bytes.
        let der = unsafe { bytes(der, der_len) }?;
        let alg = rsa_algorithm(key, algorithm)?;
        let made = match RsaPublicKey::from_public_key_der(alg, der) {
            // Not an SPKI structure at all: perhaps the bare PKCS#1 key.
            Err(Error::Key(authcore::KeyError::Der)) => RsaPublicKey::from_pkcs1_der(alg, der),
            other => other,
        };
        // SAFETY: checked usable; the caller vouches for the storage.
        unsafe { store_rsa(key, made) }
    })
}

/// Makes an RSA public key from a JWK (JSON object with `kty` "RSA", `n`, `e`; a `use`
/// other than "sig" or an `alg` other than `algorithm` is refused: AUTHCORE_KEY_USE,
/// AUTHCORE_KEY_ALGORITHM). Other errors: AUTHCORE_KEY_JSON, AUTHCORE_KEY_JWK_MEMBER,
/// AUTHCORE_KEY_JWK_BASE64, AUTHCORE_KEY_NOT_RSA and the size and exponent errors.
///
/// # Safety
/// `key` valid for writes of an `authcore_key`; `jwk` valid for `jwk_len` bytes.
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_jwk(
    key: *mut authcore_key,
    algorithm: u32,
    jwk: *const c_char,
    jwk_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), jwk.is_null()])?;
        // SAFETY: the caller vouches for `jwk_len` readable bytes.
        let jwk = unsafe { bytes(jwk.cast(), jwk_len) }?;
        let alg = rsa_algorithm(key, algorithm)?;
        // SAFETY: checked usable; the caller vouches for the storage.
        unsafe { store_rsa(key, RsaPublicKey::from_jwk(alg, jwk)) }
    })
}

/// Makes an RSA public key from the key with `kid` in a JWKS document (`{"keys":[…]}`, such
/// as an identity provider's jwks.json). Keys of other types are skipped. No RSA key with
/// that kid: AUTHCORE_KEY_KID_NOT_FOUND; more than one: AUTHCORE_KEY_DUPLICATE_KID; the
/// chosen key is checked as in `authcore_key_rsa_jwk`. Use `authcore_peek_kid` to read a
/// token's kid.
///
/// # Safety
/// `key` valid for writes of an `authcore_key`; `jwks` valid for `jwks_len` bytes; `kid`
/// valid for `kid_len` bytes.
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_jwks(
    key: *mut authcore_key,
    algorithm: u32,
    jwks: *const c_char,
    jwks_len: usize,
    kid: *const c_char,
    kid_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), jwks.is_null(), kid.is_null()])?;
        // SAFETY (both): the caller vouches for the lengths.
        let jwks = unsafe { bytes(jwks.cast(), jwks_len) }?;
        let kid = unsafe { text(kid, kid_len) }?;
        let alg = rsa_algorithm(key, algorithm)?;
        // SAFETY: checked usable; the caller vouches for the storage.
        unsafe { store_rsa(key, RsaPublicKey::from_jwks(alg, jwks, kid)) }
    })
}
