//! The verification error: what token verification, key loading and signing can fail with,
//! each variant one specific failure. (The token lifecycle has its own error type,
//! [`LifecycleError`](crate::lifecycle_error::LifecycleError), which wraps this one.)

use core::fmt;

use crate::algorithm::Algorithm;
use crate::claim::Claim;

/// Which of the three segments of a compact JWS an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Part {
    /// The JOSE header (first segment).
    Header,
    /// The claims set (second segment).
    Payload,
    /// The signature (third segment).
    Signature,
}

/// Why a JSON text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum JsonError {
    /// Not JSON: an unexpected byte at this offset.
    Syntax {
        /// Byte offset of the problem in the decoded JSON text.
        offset: usize,
    },
    /// The text is not valid UTF-8.
    Utf8,
    /// An invalid escape sequence or an unpaired surrogate in a string.
    Escape,
    /// Objects and arrays nested deeper than [`crate::json::MAX_DEPTH`].
    TooDeep,
    /// More members in one object than [`crate::json::MAX_MEMBERS`].
    TooManyMembers,
    /// The same member name appears twice in one object.
    DuplicateKey,
    /// The top-level value is not an object.
    NotAnObject,
    /// Something follows the top-level value.
    TrailingData,
}

/// Why a key could not be made or used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum KeyError {
    /// The algorithm does not belong to this kind of key (an RS algorithm for an HMAC key, ...).
    WrongAlgorithm,
    /// An HMAC secret of zero bytes.
    EmptySecret,
    /// The HMAC secret is shorter than the policy's minimum.
    SecretTooShort {
        /// The policy's minimum length in bytes.
        min: usize,
        /// The length of the key's secret in bytes.
        actual: usize,
    },
    /// An RSA modulus of an unsupported size (2048 to 4096 bits are supported).
    RsaModulusSize {
        /// The modulus size in bits.
        bits: usize,
    },
    /// The RSA modulus is even.
    RsaEvenModulus,
    /// The RSA public exponent is even, below 3 or above 2^32 - 1.
    RsaExponent,
    /// The key is not an RSA key (SPKI algorithm or JWK `kty`).
    NotRsa,
    /// Malformed DER (SPKI or PKCS#1).
    Der,
    /// Malformed PEM.
    Pem,
    /// A PEM block with another label than the one expected.
    PemLabel,
    /// A JWK or JWKS that is not valid JSON (or repeats a member name).
    Json(JsonError),
    /// A JWK member that is missing or of the wrong JSON type (its name).
    JwkMember(&'static str),
    /// A JWK member that is not base64url (its name).
    JwkBase64(&'static str),
    /// The JWK's `use` is not `sig`.
    KeyUse,
    /// The JWK's `alg` is not the algorithm the key is made for.
    KeyAlgorithm,
    /// No RSA key in the JWKS has the `kid` asked for.
    KidNotFound,
    /// More than one RSA key in the JWKS has the `kid` asked for; or, loading a key set,
    /// two usable keys have the same `kid` and the same algorithm.
    DuplicateKid,
    /// The key is not an elliptic-curve key (SPKI algorithm `id-ecPublicKey`, JWK `kty`
    /// `EC`).
    NotEc,
    /// The key is not an octet key pair (SPKI algorithm `id-Ed25519` or `id-Ed448`, JWK
    /// `kty` `OKP`).
    NotOkp,
    /// The key's curve (the SPKI's named curve or algorithm, the JWK's `crv`) is not the one
    /// its algorithm uses (P-256 for ES256, P-384 for ES384, Ed25519 for EdDSA).
    Curve,
    /// The public point is malformed (a coordinate of the wrong length, a compressed or
    /// infinite point) or not on the curve.
    InvalidPoint,
    /// A private key's secret is out of range (an EC scalar of the wrong length, zero or
    /// not below the group order) or does not match the public key stored with it.
    PrivateKey,
    /// A JWKS has more usable keys than the key set can hold.
    TooManyKeys {
        /// The key set's capacity.
        capacity: usize,
    },
    /// A JWKS has no key this build can verify with (every key skipped, or none at all).
    NoUsableKey,
    /// A usable key's `kid` is longer than a key set holds.
    KidTooLong {
        /// The longest `kid` held, in bytes.
        max: usize,
    },
}

/// Why a token was refused, or a key could not be made or used: each variant one specific
/// failure.
///
/// The error never carries secret material or token contents, so it is safe to log.
///
/// ```
/// use authcore::{Algorithm, Claim, Error, HmacKey, Validation, verify};
///
/// let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
/// let mut out = [0u8; 256];
/// let token = key.sign(br#"{"exp":1700000600}"#, None, &mut out).unwrap();
/// let policy = Validation::new(Algorithm::HS256).require(&["exp", "sub"]);
///
/// let mut buf = [0u8; 256];
/// match verify(token, &key, &policy, 1_700_000_000, &mut buf) {
///     Err(Error::MissingClaim(claim)) => assert_eq!(claim, Claim::Sub),
///     Err(Error::Expired) => unreachable!("renew the token"),
///     Err(Error::BufferTooSmall { needed }) => unreachable!("grow the buffer to {needed}"),
///     other => panic!("{other:?}"),
/// }
/// // `Display` gives a sentence for logs.
/// let err = verify(token, &key, &policy, 1_700_000_000, &mut buf).unwrap_err();
/// assert_eq!(err.to_string(), "required claim sub is missing");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Error {
    /// The token is longer than the policy's `max_token_len`.
    TokenTooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The token does not have exactly three `.`-separated segments.
    SegmentCount,
    /// A segment is not strict unpadded base64url (RFC 7515 §2).
    Base64(Part),
    /// A segment's JSON is malformed.
    Json(Part, JsonError),
    /// The header has no `alg`, or `alg` is not a string.
    MissingAlgorithm,
    /// `alg` is `none` in any spelling: unsecured JWTs are never accepted.
    NoneAlgorithm,
    /// `alg` names an algorithm this library does not implement.
    UnsupportedAlgorithm,
    /// The token's `alg`, the key's algorithm and the policy's algorithm are not all the same.
    AlgorithmMismatch {
        /// The algorithm of the key (and policy).
        expected: Algorithm,
        /// The algorithm the token's header names.
        found: Algorithm,
    },
    /// `typ` is present and is not the type the policy expects.
    InvalidType,
    /// `cty` says the payload is a nested JWT, which is not supported.
    UnsupportedContentType,
    /// The header has a `crit` member; no extension is understood, so it is refused.
    CriticalHeader,
    /// The header has `b64: false` (RFC 7797 unencoded payload), which is refused.
    UnencodedPayload,
    /// A header member has the wrong JSON type (`kid`, `typ` or `cty` not a string).
    InvalidHeader,
    /// The signature does not match.
    InvalidSignature,
    /// A claim has the wrong JSON type or a value out of range.
    InvalidClaim(Claim),
    /// The token has expired (`now >= exp + leeway`).
    Expired,
    /// The token is not yet valid (`now < nbf - leeway`).
    NotYetValid,
    /// The token was issued in the future (`iat > now + leeway`).
    IssuedInFuture,
    /// The token is older than the policy's maximum age (`now > iat + max_age + leeway`).
    TooOld,
    /// `iss` is not one of the expected issuers.
    InvalidIssuer,
    /// None of the token's audiences is an expected one.
    InvalidAudience,
    /// `sub` is not the expected subject.
    InvalidSubject,
    /// A claim the policy requires is absent.
    MissingClaim(Claim),
    /// A claim the policy requires to equal a value has another value (or is not a string).
    ClaimMismatch,
    /// The payload could not be deserialized into the caller's claims type.
    CustomClaims,
    /// A key could not be made, or cannot be used under this policy.
    Key(KeyError),
    /// The token's `kid` names no key in the key set.
    UnknownKeyId,
    /// The token has no `kid`, and the key set has more than one key of its algorithm.
    MissingKeyId,
    /// The output buffer is too small; nothing usable was written.
    BufferTooSmall {
        /// The number of bytes the operation needs.
        needed: usize,
    },
}

impl From<KeyError> for Error {
    fn from(e: KeyError) -> Self {
        Error::Key(e)
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        })
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Syntax { offset } => write!(f, "invalid JSON at byte {offset}"),
            JsonError::Utf8 => f.write_str("JSON text is not valid UTF-8"),
            JsonError::Escape => f.write_str("invalid escape in a JSON string"),
            JsonError::TooDeep => f.write_str("JSON nested too deeply"),
            JsonError::TooManyMembers => f.write_str("too many members in a JSON object"),
            JsonError::DuplicateKey => f.write_str("duplicate member name in a JSON object"),
            JsonError::NotAnObject => f.write_str("JSON value is not an object"),
            JsonError::TrailingData => f.write_str("data after the JSON value"),
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::WrongAlgorithm => f.write_str("algorithm does not fit this kind of key"),
            KeyError::EmptySecret => f.write_str("empty HMAC secret"),
            KeyError::SecretTooShort { min, actual } => {
                write!(
                    f,
                    "HMAC secret of {actual} bytes is shorter than the minimum {min}"
                )
            }
            KeyError::RsaModulusSize { bits } => {
                write!(f, "RSA modulus of {bits} bits (2048 to 4096 are supported)")
            }
            KeyError::RsaEvenModulus => f.write_str("RSA modulus is even"),
            KeyError::RsaExponent => {
                f.write_str("RSA public exponent is not odd and between 3 and 2^32 - 1")
            }
            KeyError::NotRsa => f.write_str("not an RSA key"),
            KeyError::Der => f.write_str("malformed DER key"),
            KeyError::Pem => f.write_str("malformed PEM"),
            KeyError::PemLabel => f.write_str("unexpected PEM label"),
            KeyError::Json(e) => write!(f, "JWK: {e}"),
            KeyError::JwkMember(name) => write!(f, "JWK member {name} is missing or mistyped"),
            KeyError::JwkBase64(name) => write!(f, "JWK member {name} is not base64url"),
            KeyError::KeyUse => f.write_str("JWK use is not sig"),
            KeyError::KeyAlgorithm => f.write_str("JWK alg is not the key's algorithm"),
            KeyError::KidNotFound => f.write_str("no RSA key with this kid in the JWKS"),
            KeyError::DuplicateKid => f.write_str("several keys with this kid in the JWKS"),
            KeyError::NotEc => f.write_str("not an elliptic-curve key"),
            KeyError::NotOkp => f.write_str("not an octet key pair (Ed25519) key"),
            KeyError::Curve => f.write_str("the key's curve is not its algorithm's"),
            KeyError::InvalidPoint => f.write_str("malformed public point or not on the curve"),
            KeyError::PrivateKey => {
                f.write_str("private key out of range or not matching its public key")
            }
            KeyError::TooManyKeys { capacity } => {
                write!(
                    f,
                    "JWKS has more usable keys than the {capacity} a key set holds"
                )
            }
            KeyError::NoUsableKey => f.write_str("JWKS has no usable key"),
            KeyError::KidTooLong { max } => write!(f, "kid longer than {max} bytes"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TokenTooLarge { max } => write!(f, "token longer than {max} bytes"),
            Error::SegmentCount => f.write_str("token does not have exactly three segments"),
            Error::Base64(part) => write!(f, "{part} is not valid base64url"),
            Error::Json(part, e) => write!(f, "{part}: {e}"),
            Error::MissingAlgorithm => f.write_str("header has no alg string"),
            Error::NoneAlgorithm => f.write_str("alg none is not accepted"),
            Error::UnsupportedAlgorithm => f.write_str("unsupported algorithm"),
            Error::AlgorithmMismatch { expected, found } => {
                write!(
                    f,
                    "token algorithm {found} but key and policy expect {expected}"
                )
            }
            Error::InvalidType => f.write_str("unexpected typ"),
            Error::UnsupportedContentType => f.write_str("nested JWTs (cty) are not supported"),
            Error::CriticalHeader => f.write_str("crit header extensions are not supported"),
            Error::UnencodedPayload => {
                f.write_str("unencoded payload (b64: false) is not supported")
            }
            Error::InvalidHeader => f.write_str("header member of the wrong type"),
            Error::InvalidSignature => f.write_str("signature verification failed"),
            Error::InvalidClaim(c) => write!(f, "claim {} has an invalid value", c.name()),
            Error::Expired => f.write_str("token has expired"),
            Error::NotYetValid => f.write_str("token is not yet valid"),
            Error::IssuedInFuture => f.write_str("token is issued in the future"),
            Error::TooOld => f.write_str("token is older than the maximum age"),
            Error::InvalidIssuer => f.write_str("invalid issuer"),
            Error::InvalidAudience => f.write_str("invalid audience"),
            Error::InvalidSubject => f.write_str("invalid subject"),
            Error::MissingClaim(c) => write!(f, "required claim {} is missing", c.name()),
            Error::ClaimMismatch => f.write_str("claim does not have the required value"),
            Error::CustomClaims => f.write_str("claims do not fit the requested type"),
            Error::UnknownKeyId => f.write_str("no key in the key set has the token's kid"),
            Error::MissingKeyId => {
                f.write_str("token has no kid and several keys of its algorithm could verify it")
            }
            Error::Key(e) => write!(f, "key error: {e}"),
            Error::BufferTooSmall { needed } => {
                write!(f, "buffer too small: {needed} bytes needed")
            }
        }
    }
}

impl core::error::Error for Error {}
