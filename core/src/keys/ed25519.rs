//! Ed25519 public keys for EdDSA (RFC 8037, RFC 8032), verified with `ed25519-dalek`'s
//! strict verification.

use core::fmt;

use crate::algorithm::{Algorithm, Discriminant};
use crate::error::{Error, KeyError};
use crate::json::{self, Object};
use crate::keys::VerifyingKey;
use crate::keys::rsa::der_pem;
use crate::keys::rsa::jwk::{check_common, fixed, member};

/// id-Ed25519, 1.3.101.112 (RFC 8410 §3).
const ID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];
/// The other curves of RFC 8410 (X25519, X448, Ed448): octet key pairs, not Ed25519 ones.
const OTHER_OKP: [&[u8]; 3] = [
    &[0x2b, 0x65, 0x6e],
    &[0x2b, 0x65, 0x6f],
    &[0x2b, 0x65, 0x71],
];

/// An Ed25519 public key, for EdDSA tokens whose key is on Ed25519.
///
/// Loads from SPKI (DER or PEM `PUBLIC KEY`, RFC 8410) or a JWK (`kty` `OKP`, `crv`
/// `Ed25519`, `x`; RFC 8037); the 32-byte encoding must decode to a curve point. A signature
/// is exactly 64 bytes and is checked by `ed25519-dalek`'s `verify_strict`: s must be
/// below the group order, and a key or `R` of small order is refused (which Wycheproof's
/// Ed25519 verdicts agree with; no cofactor or malleability leniency). Nothing is
/// allocated. Needs the feature `eddsa`.
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// use authcore::{Algorithm, Ed25519PublicKey, VerifyingKey};
///
/// // RFC 8037 Appendix A.4: an Ed25519 JWS (its payload is not a claims set, so only the
/// // signature is checked here) and its key as a JWK.
/// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
/// let key = Ed25519PublicKey::from_jwk(jwk.as_bytes()).unwrap();
/// assert_eq!(key.algorithm(), Algorithm::EdDSA);
/// let signing_input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
/// let signature = b"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
/// assert_eq!(key.verify_signature(signing_input, signature), Ok(()));
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ed25519PublicKey {
    key: ed25519_dalek::VerifyingKey,
}

impl Ed25519PublicKey {
    /// The bytes of an `Ed25519PublicKey` in memory that hold discriminants: none, every
    /// byte is an integer (the encoding and the decoded point's limbs). For code that must
    /// check a key's memory before reading it as a key (see [`Discriminant`]); it is here so
    /// that such code says so through the key's own type, as for the other keys.
    pub const DISCRIMINANTS: [Discriminant; 0] = [];

    /// Makes a key from its 32-byte encoding (RFC 8032 §5.1.2).
    ///
    /// Errors: [`KeyError::InvalidPoint`] for bytes that are not the encoding of a point.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, Error> {
        let key =
            ed25519_dalek::VerifyingKey::from_bytes(bytes).map_err(|_| KeyError::InvalidPoint)?;
        Ok(Ed25519PublicKey { key })
    }

    /// The key's 32-byte encoding.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Loads a DER `SubjectPublicKeyInfo` whose algorithm is `id-Ed25519`, without
    /// parameters (RFC 8410 §3).
    ///
    /// Errors: [`KeyError::Der`] for malformed DER (parameters included),
    /// [`KeyError::NotOkp`] for a key that is not an octet key pair, [`KeyError::Curve`] for
    /// X25519, X448 or Ed448, [`KeyError::InvalidPoint`] for a key that is not 32 bytes
    /// encoding a point.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        let spki = der_pem::spki_parts(der)?;
        if spki.algorithm != ID_ED25519 {
            let okp = OTHER_OKP.contains(&spki.algorithm);
            return Err(if okp {
                KeyError::Curve
            } else {
                KeyError::NotOkp
            }
            .into());
        }
        if spki.parameters.is_some() {
            return Err(KeyError::Der.into());
        }
        let bytes = <&[u8; 32]>::try_from(spki.key).map_err(|_| KeyError::InvalidPoint)?;
        Self::from_bytes(bytes)
    }

    /// Loads a PEM `PUBLIC KEY` (SPKI) block, read as the other keys' PEM is.
    ///
    /// Errors: [`KeyError::Pem`] for malformed PEM, [`KeyError::PemLabel`] for another
    /// label, and those of [`Ed25519PublicKey::from_public_key_der`].
    pub fn from_public_key_pem(pem: &[u8]) -> Result<Self, Error> {
        let mut buf = [0u8; der_pem::PEM_DER_MAX];
        let der = der_pem::pem_spki(pem, &mut buf)?;
        Self::from_public_key_der(der)
    }

    /// Loads a JWK object with `"kty": "OKP"`, `"crv": "Ed25519"` and `x`, 32 bytes (RFC
    /// 8037 §2).
    ///
    /// If present, `use` must be `sig` ([`KeyError::KeyUse`]) and `alg` must be `EdDSA`
    /// ([`KeyError::KeyAlgorithm`]); other members are ignored, a private key's `d`
    /// included. Errors: [`KeyError::Json`] for malformed JSON (a repeated member name
    /// included), [`KeyError::NotOkp`] for another `kty`, [`KeyError::Curve`] for another
    /// `crv`, [`KeyError::JwkMember`] naming a missing or mistyped member,
    /// [`KeyError::JwkBase64`] naming a member that is not base64url,
    /// [`KeyError::InvalidPoint`] for an `x` that is not 32 bytes encoding a point.
    pub fn from_jwk(jwk: &[u8]) -> Result<Self, Error> {
        let obj = json::parse_object(jwk).map_err(KeyError::Json)?;
        Self::from_jwk_object(obj)
    }

    fn from_jwk_object(jwk: Object<'_>) -> Result<Self, Error> {
        check_common(jwk, "OKP", KeyError::NotOkp, Algorithm::EdDSA)?;
        if !member(jwk, "crv")?.eq_str("Ed25519") {
            return Err(KeyError::Curve.into());
        }
        let x = fixed::<32>(jwk, "x")?.ok_or(KeyError::InvalidPoint)?;
        Self::from_bytes(&x)
    }

    /// Verifies an Ed25519 `signature` (raw, exactly 64 bytes) over `message`.
    ///
    /// Gives [`Error::InvalidSignature`] for anything that does not verify, another length
    /// included.
    pub fn verify_message(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        let sig = <&[u8; 64]>::try_from(signature).map_err(|_| Error::InvalidSignature)?;
        let sig = ed25519_dalek::Signature::from_bytes(sig);
        self.key
            .verify_strict(message, &sig)
            .map_err(|_| Error::InvalidSignature)
    }
}

impl VerifyingKey for Ed25519PublicKey {
    fn algorithm(&self) -> Algorithm {
        Algorithm::EdDSA
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        let sig = crate::keys::fixed_signature::<64>(signature_b64, 64)?;
        self.verify_message(signing_input, &sig)
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519PublicKey").finish_non_exhaustive()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Ed25519PublicKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "Ed25519PublicKey {{ .. }}")
    }
}
