//! Loading RSA public keys from a JWK (RFC 7517, RFC 7518 §6.3.1) or from a JWKS by `kid`.

use super::{MAX_MODULUS_BYTES, RsaPublicKey, bit_len};
use crate::algorithm::Algorithm;
use crate::base64url;
use crate::error::{Error, KeyError};
use crate::json::{self, JsonStr, Object, Value};

/// The most members a JWK may have: RFC 7517 and 7518 register about twenty, and a key's
/// names are compared with each other ([`Object::check_unique_names_within`]), so a bound
/// keeps a hostile JWKS from costing time with the square of one key's member count.
pub const MAX_JWK_MEMBERS: usize = 64;

impl RsaPublicKey {
    /// Loads a JWK object with `"kty": "RSA"` and the members `n` and `e`.
    ///
    /// If present, `use` must be `sig` ([`KeyError::KeyUse`]) and `alg` must be the
    /// algorithm the key is made for ([`KeyError::KeyAlgorithm`]). Other members (`kid`,
    /// `key_ops`, `x5c`, …) are ignored. Errors: [`KeyError::Json`] for malformed JSON (a
    /// repeated member name included, and more than [`MAX_JWK_MEMBERS`] members:
    /// [`crate::JsonError::TooManyMembers`]), [`KeyError::NotRsa`] for another `kty`,
    /// [`KeyError::JwkMember`] naming a missing or mistyped member, [`KeyError::JwkBase64`]
    /// naming a member that is not base64url, and those of
    /// [`RsaPublicKey::from_components`].
    pub fn from_jwk(algorithm: Algorithm, jwk: &[u8]) -> Result<Self, Error> {
        let obj = json::parse_object(jwk).map_err(KeyError::Json)?;
        Self::from_jwk_object(algorithm, obj)
    }

    /// Loads the RSA key whose `kid` is `kid` from a JWKS (`{"keys": [ … ]}`).
    ///
    /// Keys whose `kty` is not `RSA` are skipped, whatever their `kid`. No RSA key with that
    /// `kid` gives [`KeyError::KidNotFound`]; two or more give [`KeyError::DuplicateKid`]
    /// (refusing to guess which one the issuer meant). The chosen key is then read as by
    /// [`RsaPublicKey::from_jwk`], so its `use` and `alg` are checked; other keys are not
    /// examined further. A missing `keys` array or an element that is not an object gives
    /// [`KeyError::JwkMember`]`("keys")`; a member name repeated in any key gives
    /// [`KeyError::Json`] ([`crate::JsonError::DuplicateKey`]), and a key of more than
    /// [`MAX_JWK_MEMBERS`] members [`KeyError::Json`]
    /// ([`crate::JsonError::TooManyMembers`]).
    pub fn from_jwks(algorithm: Algorithm, jwks: &[u8], kid: &str) -> Result<Self, Error> {
        let doc = json::parse_object_unique(jwks).map_err(KeyError::Json)?;
        let Some(Value::Array(keys)) = doc.get("keys") else {
            return Err(KeyError::JwkMember("keys").into());
        };
        let mut chosen = None;
        for key in keys.iter() {
            let Value::Object(key) = key else {
                return Err(KeyError::JwkMember("keys").into());
            };
            // RFC 7517 §4: a JWK with a repeated member name is refused, wherever it stands in
            // the set; with two `kid`s or `kty`s, parsers keeping the first or the last would
            // choose different keys.
            key.check_unique_names_within::<MAX_JWK_MEMBERS>()
                .map_err(KeyError::Json)?;
            let is_rsa = string(key, "kty").is_some_and(|k| k.eq_str("RSA"));
            if is_rsa && string(key, "kid").is_some_and(|k| k.eq_str(kid)) {
                if chosen.is_some() {
                    return Err(KeyError::DuplicateKid.into());
                }
                chosen = Some(key);
            }
        }
        Self::from_jwk_object(algorithm, chosen.ok_or(KeyError::KidNotFound)?)
    }

    fn from_jwk_object(algorithm: Algorithm, jwk: Object<'_>) -> Result<Self, Error> {
        let mut n = [0u8; MAX_MODULUS_BYTES];
        let mut e = [0u8; 8];
        let (n, e) = components(algorithm, jwk, &mut n, &mut e)?;
        Self::from_components(algorithm, n, e)
    }
}

/// Checks a JWK's members and decodes `n` and `e` into the buffers. Apart from making the
/// key so that its errors are built in a small result, not in the key-sized one (less code).
fn components<'b>(
    algorithm: Algorithm,
    jwk: Object<'_>,
    n: &'b mut [u8],
    e: &'b mut [u8],
) -> Result<(&'b [u8], &'b [u8]), KeyError> {
    check_common(jwk, "RSA", KeyError::NotRsa, algorithm)?;
    let n = decode_uint(member(jwk, "n")?, "n", n)?;
    let e = match decode_uint(member(jwk, "e")?, "e", e) {
        Err(KeyError::RsaModulusSize { .. }) => Err(KeyError::RsaExponent),
        other => other,
    }?;
    Ok((n, e))
}

/// The checks every JWK loader makes, in this order: member names unique (and at most
/// [`MAX_JWK_MEMBERS`]), `kty` is `kty` (else `not_kty`), `use` absent or `sig`, `alg`
/// absent or the algorithm the key is made for. Always inlined, so that each loader compares
/// with its own `kty` constant.
#[inline(always)]
pub(crate) fn check_common(
    jwk: Object<'_>,
    kty: &str,
    not_kty: KeyError,
    algorithm: Algorithm,
) -> Result<(), KeyError> {
    jwk.check_unique_names_within::<MAX_JWK_MEMBERS>()
        .map_err(KeyError::Json)?;
    if !member(jwk, "kty")?.eq_str(kty) {
        return Err(not_kty);
    }
    if optional(jwk, "use")?.is_some_and(|u| !u.eq_str("sig")) {
        return Err(KeyError::KeyUse);
    }
    if optional(jwk, "alg")?.is_some_and(|a| !a.eq_str(algorithm.name())) {
        return Err(KeyError::KeyAlgorithm);
    }
    Ok(())
}

/// Decodes the base64url string member `name` that must be exactly `N` bytes: `None` for
/// another length, [`KeyError::JwkMember`] if missing, [`KeyError::JwkBase64`] if not
/// base64url (an escaped string included).
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub(crate) fn fixed<const N: usize>(
    obj: Object<'_>,
    name: &'static str,
) -> Result<Option<[u8; N]>, KeyError> {
    let text = member(obj, name)?
        .as_str()
        .ok_or(KeyError::JwkBase64(name))?;
    let mut out = [0u8; N];
    let mut len = 0usize;
    base64url::decode_public_chunks(text.as_bytes(), |bytes| {
        for &b in bytes {
            if let Some(slot) = out.get_mut(len) {
                *slot = b;
            }
            len += 1;
        }
    })
    .map_err(|_| KeyError::JwkBase64(name))?;
    Ok((len == N).then_some(out))
}

/// The member `name` if present, which must then be a string.
pub(crate) fn optional<'a>(
    obj: Object<'a>,
    name: &'static str,
) -> Result<Option<JsonStr<'a>>, KeyError> {
    obj.get(name)
        .map(|v| v.as_json_str().ok_or(KeyError::JwkMember(name)))
        .transpose()
}

/// The string member `name`, if present and a string.
pub(crate) fn string<'a>(obj: Object<'a>, name: &str) -> Option<JsonStr<'a>> {
    obj.get(name).and_then(|v| v.as_json_str())
}

/// The string member `name`, which must be present.
pub(crate) fn member<'a>(obj: Object<'a>, name: &'static str) -> Result<JsonStr<'a>, KeyError> {
    string(obj, name).ok_or(KeyError::JwkMember(name))
}

/// Decodes a base64url unsigned integer (RFC 7518 §2 "Base64urlUInt") into `buf`, dropping
/// leading zero bytes (which some issuers emit). One that does not fit gives
/// [`KeyError::RsaModulusSize`] with its size in bits, so an oversized modulus is named.
fn decode_uint<'b>(
    value: JsonStr<'_>,
    name: &'static str,
    buf: &'b mut [u8],
) -> Result<&'b [u8], KeyError> {
    // Base64url never needs JSON escapes; an escaped string is not taken apart.
    let text = value.as_str().ok_or(KeyError::JwkBase64(name))?;
    let mut len = 0usize; // significant bytes seen
    let mut first = 0u8;
    base64url::decode_public_chunks(text.as_bytes(), |bytes| {
        for &b in bytes {
            if len == 0 && b == 0 {
                continue;
            }
            if len == 0 {
                first = b;
            }
            if let Some(slot) = buf.get_mut(len) {
                *slot = b;
            }
            len += 1;
        }
    })
    .map_err(|_| KeyError::JwkBase64(name))?;
    if len > buf.len() {
        let bits = bit_len(&[first]) + (len - 1) * 8;
        return Err(KeyError::RsaModulusSize { bits });
    }
    Ok(&buf[..len])
}
