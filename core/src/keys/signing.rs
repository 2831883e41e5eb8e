//! Writing a compact JWS with any signing key: the one place that lays out
//! `header.payload.signature` in a caller buffer, so that every key type (HMAC, ECDSA, RSA)
//! only computes its signature over the signing input.

use crate::algorithm::Algorithm;
use crate::base64url;
use crate::error::{Error, Part};
use crate::json;

/// A key that signs with one algorithm, and so can write tokens with [`sign_jws`]
/// ([`HmacKey`](crate::HmacKey), `EcSigningKey` with the feature `es256`, `RsaSigningKey`
/// with `rsa-sign`).
pub trait SigningKey {
    /// The signature as the key computes it: an array on the stack, or a heap buffer for
    /// the `alloc`-only RSA key.
    type Signature: AsRef<[u8]>;

    /// The one algorithm this key signs with (the header's `alg`).
    fn algorithm(&self) -> Algorithm;

    /// The length in bytes of every signature this key makes, known before signing so that
    /// the size of a token is measured before anything is computed or written.
    fn signature_len(&self) -> usize;

    /// The signature over `signing_input` (`header.payload` as it stands in the token):
    /// its first [`SigningKey::signature_len`] bytes (a key whose algorithms differ in
    /// length may return room for the longest).
    fn sign_input(&self, signing_input: &[u8]) -> Result<Self::Signature, Error>;
}

impl<K: SigningKey + ?Sized> SigningKey for &K {
    type Signature = K::Signature;

    fn algorithm(&self) -> Algorithm {
        (**self).algorithm()
    }

    fn signature_len(&self) -> usize {
        (**self).signature_len()
    }

    fn sign_input(&self, signing_input: &[u8]) -> Result<Self::Signature, Error> {
        (**self).sign_input(signing_input)
    }
}

/// The longest `kid` [`sign_jws`] writes, in bytes before escaping.
pub const MAX_KID_LEN: usize = 316;

/// Signs a claims set with `key`: writes the compact JWS `header.payload.signature` into
/// `out` and returns it.
///
/// `claims_json` must be a JSON object (it is checked, including for duplicate names);
/// the header is `{"alg":"…","typ":"JWT"}`, with `"kid"` when given, JSON-escaped where it
/// needs it (a `kid` longer than [`MAX_KID_LEN`] bytes is refused with
/// [`Error::InvalidHeader`]). A too-small `out` gives [`Error::BufferTooSmall`] with the
/// exact size needed, before anything is signed or written.
pub fn sign_jws<'o, K: SigningKey + ?Sized>(
    key: &K,
    claims_json: &[u8],
    kid: Option<&str>,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    json::parse_object_unique(claims_json).map_err(|e| Error::Json(Part::Payload, e))?;
    write_jws(key, kid, claims_json.len(), out, |out, at| {
        encode_at(claims_json, out, at)
    })
}

/// [`sign_jws`] for a payload that is not at hand as one slice but written as it is
/// encoded: `payload` base64url-encodes the `payload_len` bytes of the claims set into
/// `out` at the offset given, returning the offset after them (`None` only if they do not
/// fit, which the size check has ruled out). The caller answers for the payload being a
/// JSON object.
pub(crate) fn write_jws<'o, K: SigningKey + ?Sized>(
    key: &K,
    kid: Option<&str>,
    payload_len: usize,
    out: &'o mut [u8],
    payload: impl FnOnce(&mut [u8], usize) -> Option<usize>,
) -> Result<&'o str, Error> {
    // A kid too long is refused here, before the size check, so that a caller given
    // `BufferTooSmall { needed }` never then gets another error.
    if kid.is_some_and(|k| k.len() > MAX_KID_LEN) {
        return Err(Error::InvalidHeader);
    }
    let alg = key.algorithm().name().as_bytes();
    let (open, close): (&[u8], &[u8]) = match kid {
        Some(_) => (b"\",\"typ\":\"JWT\",\"kid\":\"", b"\"}"),
        None => (b"\",\"typ\":\"JWT\"}", b""),
    };
    let start: &[u8] = b"{\"alg\":\"";
    let kid = kid.unwrap_or_default();
    let header_len = start.len() + alg.len() + open.len() + json::escaped_len(kid) + close.len();
    let sig_len = key.signature_len();
    let needed = base64url::encoded_len(header_len)
        + 1
        + base64url::encoded_len(payload_len)
        + 1
        + base64url::encoded_len(sig_len);
    if out.len() < needed {
        return Err(Error::BufferTooSmall { needed });
    }
    // `out` holds `needed` bytes (checked above), so every step below fits; each is still
    // checked, and a failure (impossible) reports the size as a too-small buffer.
    let too_small = Error::BufferTooSmall { needed };
    // The header is encoded straight from its parts and the escaped kid, not assembled
    // first.
    let header_bytes = (start.iter().chain(alg).chain(open).copied())
        .chain(json::escaped(kid))
        .chain(close.iter().copied());
    let header = base64url::encode_url_bytes(header_len, header_bytes, out)
        .ok_or(too_small)?
        .len();
    let signing_input_len = put_dot(out, header)
        .and_then(|at| payload(out, at))
        .ok_or(too_small)?;
    let sig = key.sign_input(out.get(..signing_input_len).ok_or(too_small)?)?;
    let at = put_dot(out, signing_input_len)
        .and_then(|at| encode_at(sig.as_ref().get(..sig_len)?, out, at))
        .ok_or(too_small)?;
    core::str::from_utf8(out.get(..at).ok_or(too_small)?).map_err(|_| too_small)
}

/// Base64url-encodes `src` into `out` at `at`, returning the offset after it (`None` if it
/// does not fit, which the caller has ruled out).
fn encode_at(src: &[u8], out: &mut [u8], at: usize) -> Option<usize> {
    let n = base64url::encode(src, out.get_mut(at..)?)?.len();
    Some(at + n)
}

/// Writes `.` at `at`, returning the offset after it.
fn put_dot(out: &mut [u8], at: usize) -> Option<usize> {
    *out.get_mut(at)? = b'.';
    Some(at + 1)
}
