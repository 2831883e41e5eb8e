//! Signing keys in caller storage (`authcore_signing_key`), tokens signed with them, and RFC
//! 7523 client assertions with the token-request body that carries one. The whole module is
//! in builds with the feature `es256` (the host library's default), declared in the header
//! under `AUTHCORE_HAS_ES256`: firmware builds without it stay the size of verification.

use core::ffi::c_char;
use core::ptr;

use authcore::EcSigningKey;
use authcore::client_assertion::{ClientAssertion, client_credentials_body};
use authcore::{Algorithm, Error, HmacKey, SigningKey};

use crate::boundary::{StrOut, bytes, guard, opt_text, required, text};
use crate::key::{AlgorithmArg, algorithm, key_offset};
use crate::status::authcore_status::{self, *};
use crate::storage::{self, Stored};

/// The size in bytes of `authcore_signing_key`.
pub const AUTHCORE_SIGNING_KEY_SIZE: usize = 512;
const _: () = assert!(core::mem::size_of::<authcore_signing_key>() == AUTHCORE_SIGNING_KEY_SIZE);

/// Storage for one private key that signs tokens (an HMAC secret's state, or an ES256
/// private key with the library built with ES256), pinned to one algorithm. Declare it
/// (8-byte aligned), initialize it with an `authcore_signing_key_*` constructor, and wipe it
/// with `authcore_signing_key_clear` when done. Unlike `authcore_key`, it is valid only at
/// the address it was made at: do not copy it. Its bytes are private.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_signing_key {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 64],
}

/// The claims of an RFC 7523 client assertion, as `authcore_client_assertion` takes them.
/// Text is pointer and length (UTF-8, not NUL-terminated); `jti` may be NULL (with
/// `jti_len` 0) to leave it out.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_assertion_claims {
    /// `iss`: the client ID.
    pub iss: *const c_char,
    /// Length of `iss` in bytes.
    pub iss_len: usize,
    /// `sub`: the client ID too, for client authentication.
    pub sub: *const c_char,
    /// Length of `sub` in bytes.
    pub sub_len: usize,
    /// `aud`: the token endpoint URL.
    pub aud: *const c_char,
    /// Length of `aud` in bytes.
    pub aud_len: usize,
    /// `iat`: when the assertion is made, Unix seconds.
    pub iat: i64,
    /// `exp`: until when it may be used, Unix seconds (after `iat`).
    pub exp: i64,
    /// `jti`: a value never used twice; NULL for none.
    pub jti: *const c_char,
    /// Length of `jti` in bytes; 0 when `jti` is NULL.
    pub jti_len: usize,
}

const SIGNING_KEY_MAGIC: u64 = u64::from_le_bytes(*b"acSGKv01");

/// Every kind of signing key the C API holds; `repr(u32)` as `AnyKey` is, so that its kind
/// and the HMAC key's discriminants can be checked on raw bytes.
#[allow(clippy::large_enum_variant)]
#[repr(u32)]
enum AnySigningKey {
    Hmac(HmacKey) = 1,
    Es256(EcSigningKey) = 2,
}

impl Stored for AnySigningKey {
    unsafe fn valid(value: *const Self) -> bool {
        // SAFETY: the caller's guarantee: `size_of::<AnySigningKey>()` readable bytes, read
        // as integers; every offset below lies inside them.
        unsafe {
            match ptr::read_volatile(value.cast::<u32>()) {
                1 => storage::discriminants_valid(
                    value,
                    key_offset::<HmacKey>(),
                    &HmacKey::DISCRIMINANTS,
                ),
                // An EC key is integers only (the scalar's and the point's limbs, and a
                // `subtle::Choice` byte): any bytes are a value of it.
                2 => true,
                _ => false,
            }
        }
    }
}

/// The longest signature a C signing key makes (HS512's and ES256's).
const MAX_SIGNATURE: usize = 64;

impl SigningKey for AnySigningKey {
    type Signature = [u8; MAX_SIGNATURE];

    fn algorithm(&self) -> Algorithm {
        match self {
            AnySigningKey::Hmac(k) => k.algorithm(),
            AnySigningKey::Es256(k) => k.algorithm(),
        }
    }

    fn signature_len(&self) -> usize {
        match self {
            AnySigningKey::Hmac(k) => SigningKey::signature_len(k),
            AnySigningKey::Es256(k) => SigningKey::signature_len(k),
        }
    }

    fn sign_input(&self, signing_input: &[u8]) -> Result<Self::Signature, Error> {
        match self {
            AnySigningKey::Hmac(k) => k.sign_input(signing_input),
            AnySigningKey::Es256(k) => k.sign_input(signing_input),
        }
    }
}

/// Wipes `key`'s storage (a failed constructor leaves no earlier key behind) and puts the
/// key `make` gives there.
///
/// # Safety
/// `key` NULL or valid for writes of an `authcore_signing_key`.
unsafe fn store(
    key: *mut authcore_signing_key,
    make: impl FnOnce() -> Result<AnySigningKey, authcore_status>,
) -> Result<(), authcore_status> {
    storage::usable(key)?;
    // SAFETY: usable, and the caller vouches for the storage.
    unsafe { storage::wipe(key) };
    let k = make()?;
    // SAFETY: as above.
    unsafe { storage::init(key, SIGNING_KEY_MAGIC, k) }
}

/// Makes an HMAC signing key (HS256, HS384 or HS512) in `key`'s storage: the same key as
/// `authcore_key_hmac` makes, for `authcore_sign` and `authcore_client_assertion`
/// (client_secret_jwt). The storage is wiped first, also when this fails.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_HS256, AUTHCORE_HS384 or AUTHCORE_HS512.
/// \param secret     The shared secret, `secret_len` readable bytes.
/// \param secret_len Length of `secret`.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm, misaligned storage), AUTHCORE_KEY_WRONG_ALGORITHM,
///         AUTHCORE_KEY_EMPTY_SECRET.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_signing_key_hmac(
    key: *mut authcore_signing_key,
    algorithm: AlgorithmArg,
    secret: *const u8,
    secret_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), secret.is_null()])?;
        // SAFETY: forwarded to the caller's guarantees.
        unsafe {
            store(key, || {
                let secret = bytes(secret, secret_len)?;
                let alg = self::algorithm(algorithm)?;
                Ok(AnySigningKey::Hmac(HmacKey::new(alg, secret)?))
            })
        }
    })
}

/// Makes an ES256 signing key from a PEM private key, `PRIVATE KEY` (PKCS#8) or `EC PRIVATE
/// KEY` (SEC 1), on P-256. Signatures use RFC 6979 nonces (no random source needed); the
/// secret scalar is wiped by `authcore_signing_key_clear`. The storage is wiped first, also
/// when this fails.
///
/// \param key      Storage for the key, writable, 8-byte aligned.
/// \param pem      The PEM text, `pem_len` bytes.
/// \param pem_len  Length of `pem`.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned
///         storage), AUTHCORE_KEY_PEM (malformed PEM), AUTHCORE_KEY_PEM_LABEL (another
///         label: a public key, an RSA PKCS#1 key), AUTHCORE_KEY_DER (malformed DER),
///         AUTHCORE_KEY_PRIVATE_KEY (a scalar out of range, or a public key stored with it
///         that is not its own); a key of another type or curve is refused too.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_signing_key_ec_pem(
    key: *mut authcore_signing_key,
    pem: *const c_char,
    pem_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[key.is_null(), pem.is_null()])?;
        // SAFETY: forwarded to the caller's guarantees.
        unsafe {
            store(key, || {
                let pem = bytes(pem.cast(), pem_len)?;
                Ok(AnySigningKey::Es256(EcSigningKey::from_pem(
                    Algorithm::ES256,
                    pem,
                )?))
            })
        }
    })
}

/// Wipes a signing key: its secret state is zeroized and the storage zeroed. Storage that
/// holds no key is only zeroed.
///
/// \param key  Key storage, writable, 8-byte aligned.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_signing_key_clear(
    key: *mut authcore_signing_key,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe {
        storage::clear::<authcore_signing_key, AnySigningKey>(key, SIGNING_KEY_MAGIC)
    })
}

/// A writer that signs with a key into the front of a buffer, returning the length written.
type SignWith<'a> = dyn Fn(&AnySigningKey, &mut [u8]) -> Result<usize, Error> + 'a;

/// Runs `f` with the signing key in `key`'s storage, writing what it produces into `dest`;
/// a key cleared or re-made while `f` ran takes the output back (AUTHCORE_UNINITIALIZED).
///
/// # Safety
/// `key` NULL or valid for reads of an `authcore_signing_key` through the call.
unsafe fn with_key(
    key: *const authcore_signing_key,
    dest: &mut StrOut<'_>,
    f: &SignWith<'_>,
) -> Result<(), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let (k, ticket) = unsafe {
        storage::get_with_ticket::<authcore_signing_key, AnySigningKey>(key, SIGNING_KEY_MAGIC)
    }?;
    let written = dest.write_with(&|b| {
        let n = f(k, b)?;
        // The token is ASCII (base64url and dots) at the front of `b`.
        core::str::from_utf8(b.get(..n).unwrap_or_default())
            .map_err(|_| authcore::LifecycleError::BufferTooSmall { needed: n })
    });
    // SAFETY: the storage is still readable (the caller's guarantee).
    if !unsafe { ticket.still_live::<AnySigningKey>() } {
        dest.wipe();
        return Err(AUTHCORE_UNINITIALIZED);
    }
    written
}

/// Signs a claims set as a compact JWS with a signing key.
///
/// The header is `{"alg":…,"typ":"JWT"}`, with `kid` when given (JSON-escaped where it
/// needs it); the payload is `claims_json` as it stands. ES256 signatures are deterministic:
/// the same key and claims give the same token.
///
/// \param key              An initialized signing key.
/// \param claims_json      A JSON object without duplicate names, `claims_json_len` bytes.
/// \param claims_json_len  Length of `claims_json`.
/// \param kid              The key id for the header, `kid_len` bytes; NULL (with `kid_len`
///                         0) for none.
/// \param kid_len          Length of `kid`.
/// \param buf              Where the token and a NUL are written, `buf_len` bytes; NULL
///                         with `buf_len` 0 asks for the size.
/// \param buf_len          Capacity of `buf`.
/// \param out_n            Receives the token's length (without the NUL), or the size
///                         needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_UNINITIALIZED, AUTHCORE_INVALID_UTF8 (`kid`), AUTHCORE_JSON,
///         AUTHCORE_INVALID_HEADER (a `kid` over 316 bytes), AUTHCORE_OVERLAPPING_BUFFERS,
///         AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_sign(
    key: *const authcore_signing_key,
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
        // SAFETY (all): forwarded to the caller's guarantees.
        let claims = unsafe { bytes(claims_json.cast(), claims_json_len) }?;
        let kid = unsafe { opt_text(kid, kid_len) }?;
        let mut dest =
            unsafe { StrOut::new(buf, buf_len, out_n, &[claims, kid.unwrap_or("").as_bytes()]) }?;
        unsafe {
            with_key(key, &mut dest, &|k, b| {
                Ok(authcore::sign_jws(k, claims, kid, b)?.len())
            })
        }
    })
}

/// Writes a signed RFC 7523 client assertion: the claims `iss`, `sub`, `aud`, `iat`, `exp`
/// and `jti` (when given), JSON-escaped, signed with `key` (ES256 for private_key_jwt, HMAC
/// for client_secret_jwt), as a compact JWS.
///
/// \param key      An initialized signing key.
/// \param claims   The assertion's claims.
/// \param kid      The key id for the header, `kid_len` bytes; NULL (with `kid_len` 0) for
///                 none.
/// \param kid_len  Length of `kid`.
/// \param buf      Where the assertion and a NUL are written, `buf_len` bytes; NULL with
///                 `buf_len` 0 asks for the size.
/// \param buf_len  Capacity of `buf`.
/// \param out_n    Receives the assertion's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT (a NULL `iss`, `sub` or `aud` too),
///         AUTHCORE_INVALID_ARGUMENT, AUTHCORE_UNINITIALIZED, AUTHCORE_INVALID_UTF8,
///         AUTHCORE_INVALID_CLAIM (an empty `iss`, `sub` or `aud`, or `exp` not after
///         `iat`), AUTHCORE_INVALID_HEADER (a `kid` over 316 bytes),
///         AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_client_assertion(
    key: *const authcore_signing_key,
    claims: *const authcore_assertion_claims,
    kid: *const c_char,
    kid_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            key.is_null(),
            claims.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY: non-NULL, and the caller vouches for a readable struct.
        let c = unsafe { ptr::read(claims) };
        required(&[c.iss.is_null(), c.sub.is_null(), c.aud.is_null()])?;
        // SAFETY (all): forwarded to the caller's guarantees.
        let (iss, sub, aud) = unsafe {
            (
                text(c.iss, c.iss_len)?,
                text(c.sub, c.sub_len)?,
                text(c.aud, c.aud_len)?,
            )
        };
        let jti = unsafe { opt_text(c.jti, c.jti_len) }?;
        let kid = unsafe { opt_text(kid, kid_len) }?;
        let reads = [
            iss.as_bytes(),
            sub.as_bytes(),
            aud.as_bytes(),
            jti.unwrap_or("").as_bytes(),
            kid.unwrap_or("").as_bytes(),
        ];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
        let assertion = ClientAssertion {
            iss,
            sub,
            aud,
            iat: c.iat,
            exp: c.exp,
            jti,
        };
        unsafe { with_key(key, &mut dest, &|k, b| Ok(assertion.sign(k, kid, b)?.len())) }
    })
}

/// Writes the client-credentials token request authenticated by a client assertion,
/// form-encoded: `grant_type=client_credentials`, `scope` when given, then
/// `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and
/// `client_assertion` (RFC 7523 §2.2; send it as application/x-www-form-urlencoded).
///
/// \param assertion      The assertion from `authcore_client_assertion`, `assertion_len`
///                       bytes.
/// \param assertion_len  Length of `assertion`.
/// \param scope          The scope asked for, `scope_len` bytes; NULL (with `scope_len` 0)
///                       for none.
/// \param scope_len      Length of `scope`.
/// \param buf            Where the body and a NUL are written, `buf_len` bytes; NULL with
///                       `buf_len` 0 asks for the size.
/// \param buf_len        Capacity of `buf`.
/// \param out_n          Receives the body's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_INVALID_UTF8, AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_client_assertion_body(
    assertion: *const c_char,
    assertion_len: usize,
    scope: *const c_char,
    scope_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            assertion.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all): forwarded to the caller's guarantees.
        let assertion = unsafe { text(assertion, assertion_len) }?;
        let scope = unsafe { opt_text(scope, scope_len) }?;
        let reads = [assertion.as_bytes(), scope.unwrap_or("").as_bytes()];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
        dest.write_with(&|b| client_credentials_body(assertion, scope, b))
    })
}

/// Signs a claims set as a compact JWS with an RSA private key given as PEM (`PRIVATE KEY`,
/// PKCS#8, or `RSA PRIVATE KEY`, PKCS#1; 2048 to 4096 bits), RSASSA-PKCS1-v1_5: RS256, RS384
/// or RS512. The key is read for this call only and wiped when it returns: no RSA private
/// key is kept in caller storage (it lives on the heap, which the storage checks cannot
/// vouch for). The signature is deterministic (the same key and claims give the same
/// token); its computation is blinded with random numbers from the operating system.
///
/// \param algorithm        AUTHCORE_RS256, AUTHCORE_RS384 or AUTHCORE_RS512.
/// \param pem              The private key's PEM text, `pem_len` bytes.
/// \param pem_len          Length of `pem`.
/// \param claims_json      A JSON object without duplicate names, `claims_json_len` bytes.
/// \param claims_json_len  Length of `claims_json`.
/// \param kid              The key id for the header, `kid_len` bytes; NULL (with `kid_len`
///                         0) for none.
/// \param kid_len          Length of `kid`.
/// \param buf              Where the token and a NUL are written, `buf_len` bytes; NULL
///                         with `buf_len` 0 asks for the size (the key is read for that too).
/// \param buf_len          Capacity of `buf`.
/// \param out_n            Receives the token's length (without the NUL), or the size
///                         needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm), AUTHCORE_INVALID_UTF8 (`pem`, `kid`), AUTHCORE_KEY_WRONG_ALGORITHM
///         (not an RS algorithm), AUTHCORE_KEY_PEM, AUTHCORE_KEY_PEM_LABEL, AUTHCORE_KEY_DER,
///         AUTHCORE_KEY_NOT_RSA, AUTHCORE_KEY_MODULUS_SIZE, AUTHCORE_KEY_PRIVATE_KEY,
///         AUTHCORE_JSON, AUTHCORE_INVALID_HEADER, AUTHCORE_OVERLAPPING_BUFFERS,
///         AUTHCORE_BUFFER_TOO_SMALL.
#[cfg(feature = "rsa-sign")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_sign_rsa_pem(
    algorithm: AlgorithmArg,
    pem: *const c_char,
    pem_len: usize,
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
            pem.is_null(),
            claims_json.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all): forwarded to the caller's guarantees.
        let pem = unsafe { text(pem, pem_len) }?;
        let claims = unsafe { bytes(claims_json.cast(), claims_json_len) }?;
        let kid = unsafe { opt_text(kid, kid_len) }?;
        let reads = [pem.as_bytes(), claims, kid.unwrap_or("").as_bytes()];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
        let key = authcore::RsaSigningKey::from_pem(self::algorithm(algorithm)?, pem)?;
        dest.write_with(&|b| Ok(key.sign(claims, kid, b)?))
    })
}
