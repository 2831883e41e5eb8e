//! Keys in caller storage: `authcore_key`.

use core::ffi::c_char;
use core::ptr;

#[cfg(any(feature = "es256", feature = "es384"))]
use authcore::EcPublicKey;
#[cfg(feature = "eddsa")]
use authcore::Ed25519PublicKey;
#[cfg(feature = "rsa")]
use authcore::keys::RsaPublicKey;
use authcore::{Algorithm, Error, HmacKey, VerifyingKey};

#[cfg(feature = "rsa")]
use crate::boundary::text;
use crate::boundary::{StrOut, bytes, guard, opt_text, out, required};
use crate::status::authcore_status::{self, *};
use crate::storage::{self, Stored};

/// The size in bytes of `authcore_key`.
pub const AUTHCORE_KEY_SIZE: usize = 2048;
const _: () = assert!(core::mem::size_of::<authcore_key>() == AUTHCORE_KEY_SIZE);

/// Storage for one key of any kind (HMAC, RSA, elliptic-curve or Ed25519), pinned to one
/// algorithm. Declare it (on the stack, in a static, anywhere 8-byte aligned), initialize it
/// with an `authcore_key_*` constructor, and wipe it with `authcore_key_clear` when done.
/// Its bytes are private.
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
    /// ECDSA on P-256 with SHA-256 (a library built with ES256).
    AUTHCORE_ES256 = 7,
    /// ECDSA on P-384 with SHA-384 (a library built with ES384).
    AUTHCORE_ES384 = 8,
    /// RSASSA-PSS with SHA-256 (a library built with PSS).
    AUTHCORE_PS256 = 9,
    /// RSASSA-PSS with SHA-384 (a library built with PSS).
    AUTHCORE_PS384 = 10,
    /// RSASSA-PSS with SHA-512 (a library built with PSS).
    AUTHCORE_PS512 = 11,
    /// EdDSA with Ed25519 (a library built with EdDSA).
    AUTHCORE_EDDSA = 12,
}

/// An `authcore_algorithm` as a C argument or struct field carries it: any 32-bit value,
/// checked where it is converted (an unknown one is AUTHCORE_INVALID_ARGUMENT). The header
/// names it `authcore_algorithm`.
pub type AlgorithmArg = u32;

/// The algorithm for a raw `authcore_algorithm` value (C may pass any integer). Every
/// named value converts, whatever the build's features: a key constructor then refuses an
/// algorithm its build lacks as AUTHCORE_KEY_WRONG_ALGORITHM, as the core does.
pub(crate) fn algorithm(raw: AlgorithmArg) -> Result<Algorithm, authcore_status> {
    // C counts from 1 (0 is no algorithm, what zeroed storage holds), the core from 0.
    let index = usize::try_from(raw.wrapping_sub(1)).map_err(|_| AUTHCORE_INVALID_ARGUMENT)?;
    Algorithm::ALL
        .get(index)
        .copied()
        .ok_or(AUTHCORE_INVALID_ARGUMENT)
}

/// The C value of an algorithm.
pub(crate) fn algorithm_value(alg: Algorithm) -> authcore_algorithm {
    use authcore_algorithm::*;
    match alg {
        Algorithm::HS256 => AUTHCORE_HS256,
        Algorithm::HS384 => AUTHCORE_HS384,
        Algorithm::HS512 => AUTHCORE_HS512,
        Algorithm::RS256 => AUTHCORE_RS256,
        Algorithm::RS384 => AUTHCORE_RS384,
        Algorithm::RS512 => AUTHCORE_RS512,
        Algorithm::ES256 => AUTHCORE_ES256,
        Algorithm::ES384 => AUTHCORE_ES384,
        Algorithm::PS256 => AUTHCORE_PS256,
        Algorithm::PS384 => AUTHCORE_PS384,
        Algorithm::PS512 => AUTHCORE_PS512,
        Algorithm::EdDSA => AUTHCORE_EDDSA,
    }
}

pub(crate) const KEY_MAGIC: u64 = u64::from_le_bytes(*b"acKEYv01");

/// Every kind of key the C API holds. Sized for the largest: the storage is fixed anyway.
///
/// `repr(u32)`: its kind is a `u32` at its start and each key lies after it at a place
/// the layout rules fix (each variant is a `repr(C)` struct of the kind and the key), so
/// that [`Stored::valid`] can check a storage's bytes before they are read as a key.
#[allow(clippy::large_enum_variant)]
#[allow(
    dead_code,
    reason = "the public keys are read by offset, in AnyKey::inner"
)]
#[repr(u32)]
pub(crate) enum AnyKey {
    Hmac(HmacKey) = 1,
    #[cfg(feature = "rsa")]
    Rsa(RsaPublicKey) = 2,
    #[cfg(any(feature = "es256", feature = "es384"))]
    Ec(EcPublicKey) = 3,
    #[cfg(feature = "eddsa")]
    Ed25519(Ed25519PublicKey) = 4,
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
                #[cfg(any(feature = "es256", feature = "es384"))]
                3 => storage::discriminants_valid(
                    value,
                    key_offset::<EcPublicKey>(),
                    &EcPublicKey::DISCRIMINANTS,
                ),
                #[cfg(feature = "eddsa")]
                4 => storage::discriminants_valid(
                    value,
                    key_offset::<Ed25519PublicKey>(),
                    &Ed25519PublicKey::DISCRIMINANTS,
                ),
                _ => false,
            }
        }
    }
}

impl AnyKey {
    /// The key as the core's trait object: every method below forwards to it.
    ///
    /// The kind is read as an integer, not matched as the enum: a key cleared while another
    /// thread verifies with it (a contract breach the library must survive, see
    /// `authcore_key_clear`) has its kind zeroed under this call, and a match on a
    /// discriminant that is none of the enum's may jump anywhere. Any kind but the public
    /// keys' is taken as HMAC: a wiped HMAC key is all zeros, a valid key whose MAC the
    /// caller's liveness check ([`KeyInUse::still_live`]) then refuses.
    fn inner(&self) -> &dyn VerifyingKey {
        let at = |offset: usize| (self as *const Self).cast::<u8>().wrapping_add(offset);
        // SAFETY: the kind is the first `u32` of a `repr(u32)` enum, read as an integer.
        let kind = unsafe { ptr::read_volatile(at(0).cast::<u32>()) };
        // SAFETY (each arm): in a `repr(u32)` enum, the variant the kind names holds its key
        // at `key_offset::<K>()` (see `AnyKey`); `Stored::valid` checked the key's
        // discriminants when the storage was lent, and a racing clear only zeroes bytes,
        // leaving each a value its field may hold.
        unsafe {
            match kind {
                #[cfg(feature = "rsa")]
                2 => &*at(key_offset::<RsaPublicKey>()).cast::<RsaPublicKey>(),
                #[cfg(any(feature = "es256", feature = "es384"))]
                3 => &*at(key_offset::<EcPublicKey>()).cast::<EcPublicKey>(),
                #[cfg(feature = "eddsa")]
                4 => &*at(key_offset::<Ed25519PublicKey>()).cast::<Ed25519PublicKey>(),
                _ => &*at(key_offset::<HmacKey>()).cast::<HmacKey>(),
            }
        }
    }
}

impl VerifyingKey for AnyKey {
    fn algorithm(&self) -> Algorithm {
        self.inner().algorithm()
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        self.inner().verify_signature(signing_input, signature_b64)
    }

    fn hmac_secret_len(&self) -> Option<usize> {
        self.inner().hmac_secret_len()
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

/// Makes an HMAC key in `key`'s storage.
///
/// The secret is not kept: the key holds the keyed hash states, which `authcore_key_clear`
/// wipes. The storage is wiped first, also when this fails.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_HS256, AUTHCORE_HS384 or AUTHCORE_HS512.
/// \param secret     The shared secret, `secret_len` readable bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm, misaligned storage), AUTHCORE_KEY_WRONG_ALGORITHM (not an HS
///         algorithm), AUTHCORE_KEY_EMPTY_SECRET.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_hmac(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
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

/// Tells a key's algorithm.
///
/// \param key  An initialized key.
/// \param out  Receives the key's algorithm.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
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

/// Wipes a key: its secret state is zeroized and the storage zeroed.
///
/// Storage that holds no key is only zeroed. Clearing a key that another thread is using
/// breaks this function's contract, but it never turns into a verdict: the key is marked
/// dead before its bytes are wiped, and `authcore_verify` and `authcore_sign_hmac` check
/// after using the key that it is still the same live key, returning
/// AUTHCORE_UNINITIALIZED otherwise (a wiped HMAC key's states are all zero, a state anyone
/// can compute MACs with).
///
/// \param key  Key storage, writable, 8-byte aligned.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_clear(key: *mut authcore_key) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_key, AnyKey>(key, KEY_MAGIC) })
}

/// Signs a claims set with an HMAC key, as a compact JWS.
///
/// The header is `{"alg":…,"typ":"JWT"}`, with `kid` when given (JSON-escaped where it
/// needs it); the payload is `claims_json` as it stands.
///
/// \param key          An initialized HMAC key.
/// \param claims_json  A JSON object without duplicate names, `claims_json_len` bytes.
/// \param kid          The key id for the header, `kid_len` bytes; NULL (with `kid_len` 0)
///                     for none.
/// \param buf          Where the token and a NUL are written, `buf_len` bytes; NULL with
///                     `buf_len` 0 asks for the size.
/// \param out_n        Receives the token's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (a length
///         without a pointer), AUTHCORE_UNINITIALIZED, AUTHCORE_INVALID_UTF8 (`kid`),
///         AUTHCORE_KEY_WRONG_ALGORITHM (a public key), AUTHCORE_JSON, AUTHCORE_INVALID_HEADER
///         (a `kid` over 316 bytes), AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_sign_hmac(
    key: *const authcore_key,
    claims_json: *const c_char,
    claims_json_len: usize,
    kid: *const c_char,
    kid_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            key.is_null(),
            claims_json.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let (k, in_use) = unsafe { key_in_use(key) }?;
        let claims = unsafe { bytes(claims_json.cast(), claims_json_len) }?;
        let kid = unsafe { opt_text(kid, kid_len) }?;
        let mut dest =
            unsafe { StrOut::new(buf, buf_len, out_n, &[claims, kid.unwrap_or("").as_bytes()]) }?;
        #[allow(irrefutable_let_patterns)] // in builds with HMAC keys only
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

/// Checks `key` usable as storage and wipes it, for a public-key constructor: a failed
/// constructor leaves no earlier key that could still verify.
#[cfg(any(
    feature = "rsa",
    feature = "es256",
    feature = "es384",
    feature = "eddsa"
))]
fn fresh_storage(key: *mut authcore_key) -> Result<(), authcore_status> {
    storage::usable(key)?;
    // SAFETY: usable, and the caller vouches for the storage.
    unsafe { storage::wipe(key) };
    Ok(())
}

/// The body of a public-key constructor from one input (PEM, DER or JWK): the pointers
/// checked, then the input's length, then the storage (checked and wiped), and the key
/// `make` makes from the input's bytes stored. `make` converts the algorithm argument, so
/// that an unknown one is reported after the wipe, as for every constructor.
///
/// # Safety
/// `key` NULL or valid for writes of an `authcore_key`, `input` NULL or valid for
/// `input_len` reads.
#[cfg(any(
    feature = "rsa",
    feature = "es256",
    feature = "es384",
    feature = "eddsa"
))]
pub(crate) unsafe fn make_public_key(
    key: *mut authcore_key,
    input: *const u8,
    input_len: usize,
    make: impl FnOnce(&[u8]) -> Result<AnyKey, authcore_status>,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), input.is_null()])?;
        // SAFETY: the caller vouches for `input_len` readable bytes.
        let input = unsafe { bytes(input, input_len) }?;
        fresh_storage(key)?;
        let made = make(input)?;
        // SAFETY: checked usable; the caller vouches for the storage.
        unsafe { storage::init(key, KEY_MAGIC, made) }
    })
}

/// Makes an RSA public key from a PEM block, in `key`'s storage.
///
/// The block is `-----BEGIN PUBLIC KEY-----` (SPKI) or `-----BEGIN RSA PUBLIC KEY-----`
/// (PKCS#1). The modulus must be 2048 to 4096 bits and odd, the exponent odd, at least 3
/// and below 2^32. The storage is wiped first, also when this fails.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_RS256, AUTHCORE_RS384 or AUTHCORE_RS512; AUTHCORE_PS256,
///                   AUTHCORE_PS384 or AUTHCORE_PS512 in a library built with PSS.
/// \param pem        The PEM text, `pem_len` bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm, misaligned storage), AUTHCORE_KEY_WRONG_ALGORITHM (not an RS or PS
///         algorithm, or a PS one without PSS), AUTHCORE_KEY_PEM, AUTHCORE_KEY_PEM_LABEL,
///         AUTHCORE_KEY_DER, AUTHCORE_KEY_NOT_RSA, AUTHCORE_KEY_MODULUS_SIZE,
///         AUTHCORE_KEY_EVEN_MODULUS, AUTHCORE_KEY_EXPONENT.
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_pem(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
    pem: *const c_char,
    pem_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, pem.cast(), pem_len, |pem| {
            Ok(AnyKey::Rsa(RsaPublicKey::from_pem(
                self::algorithm(algorithm)?,
                pem,
            )?))
        })
    }
}

/// Makes an RSA public key from DER, in `key`'s storage.
///
/// The DER is a SubjectPublicKeyInfo, or else a PKCS#1 RSAPublicKey; the key is checked as
/// in `authcore_key_rsa_pem`.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_RS256, AUTHCORE_RS384 or AUTHCORE_RS512; AUTHCORE_PS256,
///                   AUTHCORE_PS384 or AUTHCORE_PS512 in a library built with PSS.
/// \param der        The DER bytes, `der_len` bytes.
/// \return As for `authcore_key_rsa_pem` (AUTHCORE_KEY_DER when neither structure parses).
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_der(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
    der: *const u8,
    der_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, der, der_len, |der| {
            let alg = self::algorithm(algorithm)?;
            let made = match RsaPublicKey::from_public_key_der(alg, der) {
                // Not an SPKI structure at all: perhaps the bare PKCS#1 key.
                Err(Error::Key(authcore::KeyError::Der)) => RsaPublicKey::from_pkcs1_der(alg, der),
                other => other,
            };
            Ok(AnyKey::Rsa(made?))
        })
    }
}

/// Makes an RSA public key from a JWK, in `key`'s storage.
///
/// The JWK is a JSON object with `kty` "RSA", `n` and `e`; a `use` other than "sig" or an
/// `alg` other than `algorithm` is refused. The key is checked as in `authcore_key_rsa_pem`.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_RS256, AUTHCORE_RS384 or AUTHCORE_RS512; AUTHCORE_PS256,
///                   AUTHCORE_PS384 or AUTHCORE_PS512 in a library built with PSS.
/// \param jwk        The JWK's JSON text, `jwk_len` bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_KEY_WRONG_ALGORITHM, AUTHCORE_KEY_JSON, AUTHCORE_KEY_JWK_MEMBER,
///         AUTHCORE_KEY_JWK_BASE64, AUTHCORE_KEY_USE, AUTHCORE_KEY_ALGORITHM,
///         AUTHCORE_KEY_NOT_RSA, and the size and exponent errors of `authcore_key_rsa_pem`.
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_jwk(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
    jwk: *const c_char,
    jwk_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, jwk.cast(), jwk_len, |jwk| {
            Ok(AnyKey::Rsa(RsaPublicKey::from_jwk(
                self::algorithm(algorithm)?,
                jwk,
            )?))
        })
    }
}

/// Makes an RSA public key from the key with a given kid in a JWKS, in `key`'s storage.
///
/// The JWKS is a document `{"keys":[…]}`, such as an identity provider's jwks.json; keys
/// of other types are skipped, and the chosen one is checked as in `authcore_key_rsa_jwk`.
/// `authcore_peek_kid` reads a token's kid.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_RS256, AUTHCORE_RS384 or AUTHCORE_RS512; AUTHCORE_PS256,
///                   AUTHCORE_PS384 or AUTHCORE_PS512 in a library built with PSS.
/// \param jwks       The JWKS's JSON text, `jwks_len` bytes.
/// \param kid        The kid to find, `kid_len` bytes.
/// \return As for `authcore_key_rsa_jwk`, and AUTHCORE_INVALID_UTF8 (`kid`),
///         AUTHCORE_KEY_KID_NOT_FOUND (no RSA key has that kid), AUTHCORE_KEY_DUPLICATE_KID
///         (more than one has).
#[cfg(feature = "rsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_rsa_jwks(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
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
        fresh_storage(key)?;
        let made = RsaPublicKey::from_jwks(self::algorithm(algorithm)?, jwks, kid)?;
        // SAFETY: checked usable; the caller vouches for the storage.
        unsafe { storage::init(key, KEY_MAGIC, AnyKey::Rsa(made)) }
    })
}
