//! Elliptic-curve (ES256, ES384) and Ed25519 (EdDSA) public keys in `authcore_key` storage.

use core::ffi::c_char;

#[cfg(any(feature = "es256", feature = "es384"))]
use authcore::EcPublicKey;
#[cfg(feature = "eddsa")]
use authcore::Ed25519PublicKey;

#[cfg(any(feature = "es256", feature = "es384"))]
use crate::key::{AlgorithmArg, algorithm as algorithm_of};
use crate::key::{AnyKey, authcore_key, make_public_key};
use crate::status::authcore_status;

/// Makes an elliptic-curve public key from a PEM `-----BEGIN PUBLIC KEY-----` (SPKI) block,
/// in `key`'s storage.
///
/// The key is id-ecPublicKey on the algorithm's named curve (P-256 for ES256, P-384 for
/// ES384), an uncompressed point that must lie on the curve. Text around the block is
/// ignored. The storage is wiped first, also when this fails.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_ES256 or AUTHCORE_ES384 (each in a library built with it).
/// \param pem        The PEM text, `pem_len` bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm, misaligned storage), AUTHCORE_KEY_WRONG_ALGORITHM (not an ES
///         algorithm of this build), AUTHCORE_KEY_PEM, AUTHCORE_KEY_PEM_LABEL,
///         AUTHCORE_KEY_DER, AUTHCORE_KEY_NOT_EC (another key type),
///         AUTHCORE_KEY_CURVE (another curve), AUTHCORE_KEY_INVALID_POINT (a compressed
///         point, or one not on the curve).
#[cfg(any(feature = "es256", feature = "es384"))]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_ec_pem(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
    pem: *const c_char,
    pem_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, pem.cast(), pem_len, |pem| {
            Ok(AnyKey::Ec(EcPublicKey::from_public_key_pem(
                algorithm_of(algorithm)?,
                pem,
            )?))
        })
    }
}

/// Makes an elliptic-curve public key from a DER SubjectPublicKeyInfo, in `key`'s storage.
///
/// The key is checked as in `authcore_key_ec_pem`.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_ES256 or AUTHCORE_ES384 (each in a library built with it).
/// \param der        The DER bytes, `der_len` bytes.
/// \return As for `authcore_key_ec_pem`, without the PEM errors.
#[cfg(any(feature = "es256", feature = "es384"))]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_ec_der(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
    der: *const u8,
    der_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, der, der_len, |der| {
            Ok(AnyKey::Ec(EcPublicKey::from_public_key_der(
                algorithm_of(algorithm)?,
                der,
            )?))
        })
    }
}

/// Makes an elliptic-curve public key from a JWK, in `key`'s storage.
///
/// The JWK is a JSON object with `kty` "EC", `crv` ("P-256" for ES256, "P-384" for ES384),
/// `x` and `y` (each exactly the field's length); a `use` other than "sig" or an `alg`
/// other than `algorithm` is refused, a private key's `d` ignored. The point must lie on
/// the curve.
///
/// \param key        Storage for the key, writable, 8-byte aligned.
/// \param algorithm  AUTHCORE_ES256 or AUTHCORE_ES384 (each in a library built with it).
/// \param jwk        The JWK's JSON text, `jwk_len` bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_KEY_WRONG_ALGORITHM, AUTHCORE_KEY_JSON, AUTHCORE_KEY_JWK_MEMBER,
///         AUTHCORE_KEY_JWK_BASE64, AUTHCORE_KEY_USE, AUTHCORE_KEY_ALGORITHM,
///         AUTHCORE_KEY_NOT_EC, AUTHCORE_KEY_CURVE, AUTHCORE_KEY_INVALID_POINT.
#[cfg(any(feature = "es256", feature = "es384"))]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_ec_jwk(
    key: *mut authcore_key,
    algorithm: AlgorithmArg,
    jwk: *const c_char,
    jwk_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, jwk.cast(), jwk_len, |jwk| {
            Ok(AnyKey::Ec(EcPublicKey::from_jwk(
                algorithm_of(algorithm)?,
                jwk,
            )?))
        })
    }
}

/// Makes an Ed25519 public key (for EdDSA) from a PEM `-----BEGIN PUBLIC KEY-----` (SPKI,
/// RFC 8410) block, in `key`'s storage.
///
/// The key's 32 bytes must encode a curve point. Text around the block is ignored. The
/// storage is wiped first, also when this fails. The key's algorithm is AUTHCORE_EDDSA.
///
/// \param key  Storage for the key, writable, 8-byte aligned.
/// \param pem  The PEM text, `pem_len` bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned
///         storage), AUTHCORE_KEY_PEM, AUTHCORE_KEY_PEM_LABEL, AUTHCORE_KEY_DER,
///         AUTHCORE_KEY_NOT_OKP (not an octet key pair), AUTHCORE_KEY_CURVE (X25519, X448,
///         Ed448), AUTHCORE_KEY_INVALID_POINT (not 32 bytes encoding a point).
#[cfg(feature = "eddsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_ed25519_pem(
    key: *mut authcore_key,
    pem: *const c_char,
    pem_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, pem.cast(), pem_len, |pem| {
            Ok(AnyKey::Ed25519(Ed25519PublicKey::from_public_key_pem(pem)?))
        })
    }
}

/// Makes an Ed25519 public key from a DER SubjectPublicKeyInfo, in `key`'s storage.
///
/// The key is checked as in `authcore_key_ed25519_pem`.
///
/// \param key  Storage for the key, writable, 8-byte aligned.
/// \param der  The DER bytes, `der_len` bytes.
/// \return As for `authcore_key_ed25519_pem`, without the PEM errors.
#[cfg(feature = "eddsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_ed25519_der(
    key: *mut authcore_key,
    der: *const u8,
    der_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, der, der_len, |der| {
            Ok(AnyKey::Ed25519(Ed25519PublicKey::from_public_key_der(der)?))
        })
    }
}

/// Makes an Ed25519 public key from a JWK, in `key`'s storage.
///
/// The JWK is a JSON object with `kty` "OKP", `crv` "Ed25519" and `x` (32 bytes, RFC
/// 8037); a `use` other than "sig" or an `alg` other than "EdDSA" is refused, a private
/// key's `d` ignored.
///
/// \param key  Storage for the key, writable, 8-byte aligned.
/// \param jwk  The JWK's JSON text, `jwk_len` bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_KEY_JSON, AUTHCORE_KEY_JWK_MEMBER, AUTHCORE_KEY_JWK_BASE64,
///         AUTHCORE_KEY_USE, AUTHCORE_KEY_ALGORITHM, AUTHCORE_KEY_NOT_OKP,
///         AUTHCORE_KEY_CURVE, AUTHCORE_KEY_INVALID_POINT.
#[cfg(feature = "eddsa")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_ed25519_jwk(
    key: *mut authcore_key,
    jwk: *const c_char,
    jwk_len: usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe {
        make_public_key(key, jwk.cast(), jwk_len, |jwk| {
            Ok(AnyKey::Ed25519(Ed25519PublicKey::from_jwk(jwk)?))
        })
    }
}
