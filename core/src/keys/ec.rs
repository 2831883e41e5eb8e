//! Elliptic-curve public keys for ES256 (P-256, SHA-256) and ES384 (P-384, SHA-384), RFC
//! 7518 §3.4, verified with RustCrypto's `p256` and `p384` (their `ecdsa` verification over
//! a prehash: the message is hashed here, with the hashes the other keys use).
//!
//! One type for both curves, pinned to its algorithm as an RSA key is: a JWKS or a
//! configuration names the algorithm, and the loaders take it the same way for every key
//! type. Each curve is behind its own feature (`es256`, `es384`), so a build pays only for
//! the curves it enables.

use core::fmt;

use crate::algorithm::{Algorithm, Discriminant};
use crate::error::{Error, KeyError};
use crate::json::{self, Object};
use crate::keys::VerifyingKey;
use crate::keys::rsa::der_pem::{self, OID_TAG};
use crate::keys::rsa::jwk::{check_common, fixed, member};

/// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
const ID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// secp256r1, 1.2.840.10045.3.1.7 (RFC 5480 §2.1.1.1).
#[cfg(feature = "es256")]
const SECP256R1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// secp384r1, 1.3.132.0.34.
#[cfg(feature = "es384")]
const SECP384R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];

/// An elliptic-curve public key pinned to ES256 (P-256) or ES384 (P-384).
///
/// Loads from SPKI (DER or PEM `PUBLIC KEY`, an uncompressed point on the named curve) or a
/// JWK (`kty` `EC`, `crv`, `x`, `y`); the point is checked to be on the curve, and not the
/// identity, when the key is made. A signature is the JWS form, `r || s` of 32 (ES256) or
/// 48 (ES384) bytes each (RFC 7518 §3.4), never DER; r and s must lie in 1..n. A high s is
/// accepted, as ECDSA and Wycheproof's verdicts have it (JWS does not ask for low s).
/// Nothing is allocated.
///
/// Features: ES256 needs `es256`, ES384 `es384`; a key for an algorithm whose feature is
/// off is [`KeyError::WrongAlgorithm`].
///
/// ```
/// # #[cfg(feature = "es256")] {
/// use authcore::{Algorithm, EcPublicKey, Validation, verify};
///
/// // RFC 7515 Appendix A.3: an ES256 token, and its key as a JWK.
/// let jwk = r#"{"kty":"EC","crv":"P-256",
///     "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
///     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
/// let key = EcPublicKey::from_jwk(Algorithm::ES256, jwk.as_bytes()).unwrap();
/// let token = concat!(
///     "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGF",
///     "tcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5",
///     "djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
/// );
/// let policy = Validation::new(Algorithm::ES256).issuer(&["joe"]);
/// let mut buf = [0u8; 256];
/// let now = 1_300_819_000; // seconds since the Unix epoch, from your clock
/// let verified = verify(token, &key, &policy, now, &mut buf).unwrap();
/// assert_eq!(verified.claims().exp, Some(1_300_819_380));
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct EcPublicKey {
    point: Point,
    algorithm: Algorithm,
}

// One byte of tag first, with the same value in every build (`repr(u8)`, explicit
// discriminants: `EcPublicKey::DISCRIMINANTS` names its place and values).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Point {
    #[cfg(feature = "es256")]
    P256(p256::ecdsa::VerifyingKey) = 0,
    #[cfg(feature = "es384")]
    P384(p384::ecdsa::VerifyingKey) = 1,
}

impl EcPublicKey {
    /// The bytes of an `EcPublicKey` in memory that hold discriminants: its algorithm (ES256
    /// or ES384, as this build's features allow) and the kind of its point. Every other byte
    /// is an integer (the coordinates), valid with any value. For code that must check a
    /// key's memory before reading it as a key (see [`Discriminant`]).
    pub const DISCRIMINANTS: [Discriminant; 2] = [
        Discriminant {
            offset: core::mem::offset_of!(EcPublicKey, algorithm),
            valid: |b| {
                b == Algorithm::ES256 as u8 && cfg!(feature = "es256")
                    || b == Algorithm::ES384 as u8 && cfg!(feature = "es384")
            },
        },
        Discriminant {
            offset: core::mem::offset_of!(EcPublicKey, point),
            valid: |b| b == 0 && cfg!(feature = "es256") || b == 1 && cfg!(feature = "es384"),
        },
    ];

    /// Makes a key for `algorithm` from the affine coordinates of its point, big-endian,
    /// each exactly the field's length (32 bytes for ES256, 48 for ES384).
    ///
    /// Errors: [`KeyError::WrongAlgorithm`] for an algorithm that is not ES256 or ES384 (or
    /// whose feature is off), [`KeyError::InvalidPoint`] for coordinates of another length
    /// or a point not on the curve.
    pub fn from_coordinates(algorithm: Algorithm, x: &[u8], y: &[u8]) -> Result<Self, Error> {
        let point = match algorithm {
            #[cfg(feature = "es256")]
            Algorithm::ES256 => {
                let (Ok(x), Ok(y)) = (<[u8; 32]>::try_from(x), <[u8; 32]>::try_from(y)) else {
                    return Err(KeyError::InvalidPoint.into());
                };
                let p = p256::EncodedPoint::from_affine_coordinates(&x.into(), &y.into(), false);
                Point::P256(
                    p256::ecdsa::VerifyingKey::from_encoded_point(&p)
                        .map_err(|_| KeyError::InvalidPoint)?,
                )
            }
            #[cfg(feature = "es384")]
            Algorithm::ES384 => {
                let (Ok(x), Ok(y)) = (<[u8; 48]>::try_from(x), <[u8; 48]>::try_from(y)) else {
                    return Err(KeyError::InvalidPoint.into());
                };
                let p = p384::EncodedPoint::from_affine_coordinates(&x.into(), &y.into(), false);
                Point::P384(
                    p384::ecdsa::VerifyingKey::from_encoded_point(&p)
                        .map_err(|_| KeyError::InvalidPoint)?,
                )
            }
            _ => return Err(KeyError::WrongAlgorithm.into()),
        };
        Ok(EcPublicKey { point, algorithm })
    }

    /// Makes a key from an uncompressed SEC 1 point, `0x04 || x || y` (what an SPKI holds).
    /// Compressed points are refused: RFC 5480 makes them optional, and a JWK cannot hold
    /// one, so every source of keys gives the same points.
    ///
    /// Errors: those of [`EcPublicKey::from_coordinates`].
    pub fn from_sec1(algorithm: Algorithm, point: &[u8]) -> Result<Self, Error> {
        let field = field_len(algorithm)?;
        match point {
            [0x04, xy @ ..] if xy.len() == 2 * field => {
                let (x, y) = xy.split_at(field);
                Self::from_coordinates(algorithm, x, y)
            }
            _ => Err(KeyError::InvalidPoint.into()),
        }
    }

    /// Loads a DER `SubjectPublicKeyInfo` whose algorithm is `id-ecPublicKey` with the named
    /// curve of `algorithm` as its parameters (RFC 5480).
    ///
    /// Errors: [`KeyError::Der`] for malformed DER, [`KeyError::NotEc`] for another key
    /// type, [`KeyError::Curve`] for another curve (or parameters that name none), and
    /// those of [`EcPublicKey::from_sec1`].
    pub fn from_public_key_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        let curve = curve_oid(algorithm)?;
        let spki = der_pem::spki_parts(der)?;
        if spki.algorithm != ID_EC_PUBLIC_KEY {
            return Err(KeyError::NotEc.into());
        }
        if spki.parameters != Some((OID_TAG, curve)) {
            return Err(KeyError::Curve.into());
        }
        Self::from_sec1(algorithm, spki.key)
    }

    /// Loads a PEM `PUBLIC KEY` (SPKI) block; as [`EcPublicKey::from_public_key_der`] after
    /// the PEM is read as the RSA keys' is (surrounding white space and text before the
    /// block ignored).
    ///
    /// Errors: [`KeyError::Pem`] for malformed PEM, [`KeyError::PemLabel`] for another
    /// label, and those of [`EcPublicKey::from_public_key_der`].
    pub fn from_public_key_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        let mut buf = [0u8; der_pem::PEM_DER_MAX];
        let der = der_pem::pem_spki(pem, &mut buf)?;
        Self::from_public_key_der(algorithm, der)
    }

    /// Loads a JWK object with `"kty": "EC"`, `crv` (`P-256` for ES256, `P-384` for ES384)
    /// and the coordinates `x` and `y`, each exactly the field's length (RFC 7518 §6.2.1).
    ///
    /// If present, `use` must be `sig` ([`KeyError::KeyUse`]) and `alg` must be the
    /// algorithm the key is made for ([`KeyError::KeyAlgorithm`]); other members are
    /// ignored, a private key's `d` included (only the public part is read). Errors:
    /// [`KeyError::Json`] for malformed JSON (a repeated member name included),
    /// [`KeyError::NotEc`] for another `kty`, [`KeyError::Curve`] for another `crv`,
    /// [`KeyError::JwkMember`] naming a missing or mistyped member, [`KeyError::JwkBase64`]
    /// naming a member that is not base64url, [`KeyError::InvalidPoint`] for a coordinate
    /// of another length or a point not on the curve.
    pub fn from_jwk(algorithm: Algorithm, jwk: &[u8]) -> Result<Self, Error> {
        let obj = json::parse_object(jwk).map_err(KeyError::Json)?;
        Self::from_jwk_object(algorithm, obj)
    }

    fn from_jwk_object(algorithm: Algorithm, jwk: Object<'_>) -> Result<Self, Error> {
        let crv = match algorithm {
            Algorithm::ES256 => "P-256",
            Algorithm::ES384 => "P-384",
            _ => return Err(KeyError::WrongAlgorithm.into()),
        };
        check_common(jwk, "EC", KeyError::NotEc, algorithm)?;
        if !member(jwk, "crv")?.eq_str(crv) {
            return Err(KeyError::Curve.into());
        }
        match algorithm {
            #[cfg(feature = "es256")]
            Algorithm::ES256 => Self::from_jwk_coordinates::<32>(algorithm, jwk),
            #[cfg(feature = "es384")]
            Algorithm::ES384 => Self::from_jwk_coordinates::<48>(algorithm, jwk),
            _ => Err(KeyError::WrongAlgorithm.into()),
        }
    }

    /// The key from a JWK's `x` and `y`, each of exactly `N` bytes.
    fn from_jwk_coordinates<const N: usize>(
        algorithm: Algorithm,
        jwk: Object<'_>,
    ) -> Result<Self, Error> {
        match (fixed::<N>(jwk, "x")?, fixed::<N>(jwk, "y")?) {
            (Some(x), Some(y)) => Self::from_coordinates(algorithm, &x, &y),
            _ => Err(KeyError::InvalidPoint.into()),
        }
    }

    /// The signature length in bytes: 64 for ES256, 96 for ES384 (`r || s`).
    pub fn signature_len(&self) -> usize {
        match self.point {
            #[cfg(feature = "es256")]
            Point::P256(_) => 64,
            #[cfg(feature = "es384")]
            Point::P384(_) => 96,
        }
    }

    /// Verifies a JWS ECDSA `signature` (raw `r || s`, exactly 64 bytes for ES256 or 96 for
    /// ES384) over `message` with the key's curve and hash.
    ///
    /// Gives [`Error::InvalidSignature`] for anything that does not verify: another length
    /// (a DER signature included), r or s zero or not below the group order, a wrong
    /// signature.
    pub fn verify_message(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        use p_verify::PrehashVerifier as _;
        let bad = |_| Error::InvalidSignature;
        match &self.point {
            #[cfg(feature = "es256")]
            Point::P256(key) => {
                use sha2::Digest as _;
                let sig = p256::ecdsa::Signature::from_slice(signature).map_err(bad)?;
                let digest = crate::keys::Sha256::digest(message);
                key.verify_prehash(&digest, &sig).map_err(bad)
            }
            #[cfg(feature = "es384")]
            Point::P384(key) => {
                use sha2::Digest as _;
                let sig = p384::ecdsa::Signature::from_slice(signature).map_err(bad)?;
                let digest = sha2::Sha384::digest(message);
                key.verify_prehash(&digest, &sig).map_err(bad)
            }
        }
    }
}

// The `signature` crate's prehash trait, as whichever curve crate is built re-exports it.
#[cfg(feature = "es256")]
use p256::ecdsa::signature::hazmat as p_verify;
#[cfg(all(feature = "es384", not(feature = "es256")))]
use p384::ecdsa::signature::hazmat as p_verify;

/// The field (and coordinate) length in bytes of the algorithm's curve, if its feature is on.
fn field_len(algorithm: Algorithm) -> Result<usize, KeyError> {
    match algorithm {
        #[cfg(feature = "es256")]
        Algorithm::ES256 => Ok(32),
        #[cfg(feature = "es384")]
        Algorithm::ES384 => Ok(48),
        _ => Err(KeyError::WrongAlgorithm),
    }
}

/// The named-curve OID content of the algorithm's curve.
fn curve_oid(algorithm: Algorithm) -> Result<&'static [u8], KeyError> {
    match algorithm {
        #[cfg(feature = "es256")]
        Algorithm::ES256 => Ok(SECP256R1),
        #[cfg(feature = "es384")]
        Algorithm::ES384 => Ok(SECP384R1),
        _ => Err(KeyError::WrongAlgorithm),
    }
}

impl VerifyingKey for EcPublicKey {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        let len = self.signature_len();
        let sig = crate::keys::fixed_signature::<96>(signature_b64, len)?;
        self.verify_message(signing_input, sig.get(..len).unwrap_or_default())
    }
}

impl fmt::Debug for EcPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPublicKey")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for EcPublicKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "EcPublicKey {{ algorithm: {}, .. }}", self.algorithm)
    }
}
