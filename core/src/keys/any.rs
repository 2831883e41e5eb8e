//! One key of whichever type this build verifies with: what a [`KeySet`](super::KeySet)
//! holds, and what code keeping keys of several types in one place can hold.

use core::fmt;

use zeroize::Zeroizing;

use crate::algorithm::{Algorithm, Discriminant};
use crate::base64url;
use crate::error::{Error, KeyError};
use crate::json::{self, Object};
#[cfg(any(feature = "es256", feature = "es384"))]
use crate::keys::EcPublicKey;
#[cfg(feature = "eddsa")]
use crate::keys::Ed25519PublicKey;
use crate::keys::rsa::jwk::{check_common, member};
use crate::keys::{HmacKey, RsaPublicKey, VerifyingKey};

/// The longest `oct` secret ([`AnyKey::from_jwk`]) read from a JWK, in bytes: twice
/// HS512's block, beyond which HMAC only hashes the secret down anyway.
pub const MAX_OCT_SECRET_LEN: usize = 256;

/// A key of any type this build has, pinned to its algorithm like the key it holds:
/// HMAC and RSA always, elliptic-curve keys with `es256`/`es384`, Ed25519 with `eddsa`.
///
/// Its layout is fixed (`repr(u32)`: a 32-bit kind, 1 HMAC, 2 RSA, 3 EC, 4 Ed25519, then
/// the key at its own alignment), so that code keeping one in memory it does not own can
/// check its bytes first ([`AnyKey::memory_valid`]).
#[derive(Clone)]
#[allow(clippy::large_enum_variant)] // one of them is held; the size is the largest's anyway
#[repr(u32)]
pub enum AnyKey {
    /// An HMAC secret (HS256, HS384, HS512).
    Hmac(HmacKey) = 1,
    /// An RSA public key (RS256/384/512; PS256/384/512 with `pss`).
    Rsa(RsaPublicKey) = 2,
    /// An elliptic-curve public key (ES256, ES384).
    #[cfg(any(feature = "es256", feature = "es384"))]
    Ec(EcPublicKey) = 3,
    /// An Ed25519 public key (EdDSA).
    #[cfg(feature = "eddsa")]
    Ed25519(Ed25519PublicKey) = 4,
}

impl AnyKey {
    /// Loads a JWK as a key for `algorithm`, of the type that algorithm needs: `oct` (its
    /// secret `k`, at most [`MAX_OCT_SECRET_LEN`] bytes) for HS, `RSA` for RS and PS, `EC`
    /// for ES, `OKP` for EdDSA; each read as that type's own `from_jwk` reads it.
    ///
    /// Errors: [`KeyError::WrongAlgorithm`] for an algorithm this build does not verify,
    /// those of the key type's `from_jwk`, and for `oct`: [`KeyError::JwkMember`] for a
    /// `kty` other than `oct` or a `k` that is missing, mistyped or too long,
    /// [`KeyError::JwkBase64`] for a `k` that is not base64url, [`KeyError::EmptySecret`].
    // Out of line: one copy for every caller (the C library's code size).
    #[inline(never)]
    pub fn from_jwk(algorithm: Algorithm, jwk: &[u8]) -> Result<Self, Error> {
        if !Algorithm::SUPPORTED.contains(&algorithm) {
            return Err(KeyError::WrongAlgorithm.into());
        }
        Ok(match algorithm {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
                let obj = json::parse_object(jwk).map_err(KeyError::Json)?;
                AnyKey::Hmac(hmac_from_jwk(algorithm, obj)?)
            }
            #[cfg(any(feature = "es256", feature = "es384"))]
            Algorithm::ES256 | Algorithm::ES384 => {
                AnyKey::Ec(EcPublicKey::from_jwk(algorithm, jwk)?)
            }
            #[cfg(feature = "eddsa")]
            Algorithm::EdDSA => AnyKey::Ed25519(Ed25519PublicKey::from_jwk(jwk)?),
            _ => AnyKey::Rsa(RsaPublicKey::from_jwk(algorithm, jwk)?),
        })
    }

    /// The key as the trait every key type implements.
    fn inner(&self) -> &dyn VerifyingKey {
        match self {
            AnyKey::Hmac(k) => k,
            AnyKey::Rsa(k) => k,
            #[cfg(any(feature = "es256", feature = "es384"))]
            AnyKey::Ec(k) => k,
            #[cfg(feature = "eddsa")]
            AnyKey::Ed25519(k) => k,
        }
    }

    /// Whether the `size_of::<AnyKey>()` bytes that `byte_at` reads (by offset from the
    /// start) hold, in every place the layout fixes for a discriminant, a value it may
    /// take: the kind, and the discriminants of the key of that kind (its type's
    /// `DISCRIMINANTS`). Every other byte is an integer, valid with any value. For code
    /// that must check memory it does not own before reading it as a key (see
    /// [`Discriminant`]).
    pub fn memory_valid(byte_at: impl Fn(usize) -> u8) -> bool {
        let kind = u32::from_ne_bytes([byte_at(0), byte_at(1), byte_at(2), byte_at(3)]);
        let check = |offset: usize, fields: &[Discriminant]| {
            fields.iter().all(|d| (d.valid)(byte_at(offset + d.offset)))
        };
        match kind {
            1 => check(payload_offset::<HmacKey>(), &HmacKey::DISCRIMINANTS),
            2 => check(
                payload_offset::<RsaPublicKey>(),
                &RsaPublicKey::DISCRIMINANTS,
            ),
            #[cfg(any(feature = "es256", feature = "es384"))]
            3 => check(payload_offset::<EcPublicKey>(), &EcPublicKey::DISCRIMINANTS),
            #[cfg(feature = "eddsa")]
            4 => check(
                payload_offset::<Ed25519PublicKey>(),
                &Ed25519PublicKey::DISCRIMINANTS,
            ),
            _ => false,
        }
    }
}

/// Where the field of a `repr(u32)` enum's variant lies: after the 32-bit kind, at the
/// field's alignment (the layout RFC 2195 fixes for primitive representations).
pub(crate) const fn payload_offset<K>() -> usize {
    let align = core::mem::align_of::<K>();
    if align > 4 { align } else { 4 }
}

/// An HMAC key from an `oct` JWK (RFC 7518 §6.4): the secret `k`, decoded in constant time
/// into a buffer wiped afterwards. Out of line, as [`AnyKey::from_jwk`].
#[inline(never)]
fn hmac_from_jwk(algorithm: Algorithm, jwk: Object<'_>) -> Result<HmacKey, Error> {
    check_common(jwk, "oct", KeyError::JwkMember("kty"), algorithm)?;
    let k = member(jwk, "k")?.as_str().ok_or(KeyError::JwkBase64("k"))?;
    if base64url::decoded_len(k.len()).is_none_or(|n| n > MAX_OCT_SECRET_LEN) {
        return Err(KeyError::JwkMember("k").into());
    }
    let mut buf = Zeroizing::new([0u8; MAX_OCT_SECRET_LEN]);
    let secret =
        base64url::decode(k.as_bytes(), &mut buf[..]).map_err(|_| KeyError::JwkBase64("k"))?;
    HmacKey::new(algorithm, secret)
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

impl From<HmacKey> for AnyKey {
    fn from(k: HmacKey) -> Self {
        AnyKey::Hmac(k)
    }
}

impl From<RsaPublicKey> for AnyKey {
    fn from(k: RsaPublicKey) -> Self {
        AnyKey::Rsa(k)
    }
}

#[cfg(any(feature = "es256", feature = "es384"))]
impl From<EcPublicKey> for AnyKey {
    fn from(k: EcPublicKey) -> Self {
        AnyKey::Ec(k)
    }
}

#[cfg(feature = "eddsa")]
impl From<Ed25519PublicKey> for AnyKey {
    fn from(k: Ed25519PublicKey) -> Self {
        AnyKey::Ed25519(k)
    }
}

// The key's own `Debug`: secrets are never shown.
impl fmt::Debug for AnyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyKey::Hmac(k) => k.fmt(f),
            AnyKey::Rsa(k) => k.fmt(f),
            #[cfg(any(feature = "es256", feature = "es384"))]
            AnyKey::Ec(k) => k.fmt(f),
            #[cfg(feature = "eddsa")]
            AnyKey::Ed25519(k) => k.fmt(f),
        }
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for AnyKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        match self {
            AnyKey::Hmac(k) => k.format(f),
            AnyKey::Rsa(k) => k.format(f),
            #[cfg(any(feature = "es256", feature = "es384"))]
            AnyKey::Ec(k) => k.format(f),
            #[cfg(feature = "eddsa")]
            AnyKey::Ed25519(k) => k.format(f),
        }
    }
}
