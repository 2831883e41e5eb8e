//! HMAC keys for HS256, HS384 and HS512: verification and signing.

use core::fmt;

use super::sha2_mac::{Hash, MacState};
use crate::algorithm::Algorithm;
use crate::base64url::{self, Alphabet};
use crate::error::{Error, KeyError, Part};
use crate::keys::VerifyingKey;

/// An HMAC secret pinned to HS256, HS384 or HS512.
///
/// The key keeps the HMAC state after absorbing the padded secret (the inner and outer
/// hash states), not the secret itself: each verification starts from it without re-keying,
/// and the state is zeroized when the key is dropped. Its size is 152 bytes on 64-bit
/// targets; `Debug` never shows secret material.
#[derive(Clone)]
pub struct HmacKey {
    algorithm: Algorithm,
    state: MacState,
    secret_len: usize,
}

/// The longest HMAC output, HS512's.
const MAX_MAC_LEN: usize = 64;

impl HmacKey {
    /// Makes a key for `algorithm` (HS256, HS384 or HS512) from the shared secret.
    ///
    /// An empty secret is refused ([`KeyError::EmptySecret`]); an RS algorithm gives
    /// [`KeyError::WrongAlgorithm`]. A minimum secret length is a matter of policy
    /// ([`crate::Validation::min_hmac_secret_len`]).
    pub fn new(algorithm: Algorithm, secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret.into());
        }
        let hash = match algorithm {
            Algorithm::HS256 => Hash::Sha256,
            Algorithm::HS384 => Hash::Sha384,
            Algorithm::HS512 => Hash::Sha512,
            _ => return Err(KeyError::WrongAlgorithm.into()),
        };
        Ok(HmacKey {
            algorithm,
            state: MacState::new(hash, secret),
            secret_len: secret.len(),
        })
    }

    /// An HS256 key.
    pub fn hs256(secret: &[u8]) -> Result<Self, Error> {
        Self::new(Algorithm::HS256, secret)
    }

    /// An HS384 key.
    pub fn hs384(secret: &[u8]) -> Result<Self, Error> {
        Self::new(Algorithm::HS384, secret)
    }

    /// An HS512 key.
    pub fn hs512(secret: &[u8]) -> Result<Self, Error> {
        Self::new(Algorithm::HS512, secret)
    }

    /// Signs a claims set: writes the compact JWS `header.payload.signature` into `out` and
    /// returns it.
    ///
    /// `claims_json` must be a JSON object (it is checked, including for duplicate names);
    /// the header is `{"alg":"…","typ":"JWT"}`, with `"kid"` when given (a `kid` that needs
    /// JSON escaping, or is longer than 316 bytes, is refused with [`Error::InvalidHeader`]). A too-small `out` gives
    /// [`Error::BufferTooSmall`] with the exact size needed, before anything is written.
    pub fn sign<'o>(
        &self,
        claims_json: &[u8],
        kid: Option<&str>,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        crate::json::parse_object_unique(claims_json).map_err(|e| Error::Json(Part::Payload, e))?;
        // A kid too long for the header buffer below is refused here, before the size check,
        // so that a caller given `BufferTooSmall { needed }` never then gets another error.
        if kid.is_some_and(|k| {
            k.len() > 316 || k.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\')
        }) {
            return Err(Error::InvalidHeader);
        }
        let alg = self.algorithm().name().as_bytes();
        let kid_bytes = kid.map(str::as_bytes).unwrap_or_default();
        let header_parts: [&[u8]; 5] = match kid {
            Some(_) => [
                b"{\"alg\":\"",
                alg,
                b"\",\"typ\":\"JWT\",\"kid\":\"",
                kid_bytes,
                b"\"}",
            ],
            None => [b"{\"alg\":\"", alg, b"\",\"typ\":\"JWT\"}", b"", b""],
        };
        let header_len: usize = header_parts.iter().map(|p| p.len()).sum();
        let mac_len = self.algorithm().signature_len();
        let needed = base64url::encoded_len(header_len)
            + 1
            + base64url::encoded_len(claims_json.len())
            + 1
            + base64url::encoded_len(mac_len);
        if out.len() < needed {
            return Err(Error::BufferTooSmall { needed });
        }
        // `out` holds `needed` bytes (checked above), so every step below fits; each is
        // still checked, and a failure (impossible) reports the size as a too-small buffer.
        let too_small = Error::BufferTooSmall { needed };
        // The header is encoded straight from its parts, not assembled first.
        let header = base64url::encode_parts(&header_parts, out, Alphabet::Url, false)
            .ok_or(too_small)?
            .len();
        let signing_input_len = put_dot(out, header)
            .and_then(|at| encode_at(claims_json, out, at))
            .ok_or(too_small)?;
        let mut mac = [0u8; MAX_MAC_LEN];
        self.state
            .mac_into(out.get(..signing_input_len).ok_or(too_small)?, &mut mac);
        let at = put_dot(out, signing_input_len)
            .and_then(|at| encode_at(mac.get(..mac_len)?, out, at))
            .ok_or(too_small)?;
        core::str::from_utf8(out.get(..at).ok_or(too_small)?).map_err(|_| too_small)
    }
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

impl VerifyingKey for HmacKey {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        let expected_len = self.algorithm().signature_len();
        if base64url::decoded_len(signature_b64.len()) != Some(expected_len) {
            return Err(Error::InvalidSignature);
        }
        let mut sig = [0u8; MAX_MAC_LEN];
        // The signature is the token's, not a secret: the fast decoder is fine for it.
        let sig = base64url::decode_public(signature_b64, &mut sig)
            .map_err(|_| Error::Base64(Part::Signature))?;
        let mut mac = [0u8; MAX_MAC_LEN];
        let n = self.state.mac_into(signing_input, &mut mac);
        // Constant time: the comparison does not stop at the first differing byte.
        if subtle::ConstantTimeEq::ct_eq(&mac[..n], sig).into() {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    fn hmac_secret_len(&self) -> Option<usize> {
        Some(self.secret_len)
    }
}

/// The keyed hash states are zeroized when the key is dropped (`MacState`'s `Drop`).
impl zeroize::ZeroizeOnDrop for HmacKey {}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacKey")
            .field("algorithm", &self.algorithm())
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `sign_hs` fuzz target: a 317-byte kid gave `BufferTooSmall` for a small
    /// output buffer, then `InvalidHeader` with the size it had named.
    #[test]
    fn long_kid_is_refused_whatever_the_buffer() {
        let key = HmacKey::hs512(b"secret").unwrap();
        let kid = core::str::from_utf8(&[b'k'; 317]).unwrap();
        let mut out = [0xA5u8; 2048];
        for n in [0, 8, 600, 2048] {
            let buf = &mut out[..n];
            assert_eq!(key.sign(b"{}", Some(kid), buf), Err(Error::InvalidHeader));
            assert!(buf.iter().all(|&b| b == 0xA5));
        }
        assert!(key.sign(b"{}", Some(&kid[..316]), &mut out).is_ok());
    }
}
