//! The one error type of the crate, with variants that say exactly what failed.

use core::fmt;

use crate::jwt::Algorithm;

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

/// A registered claim, or a custom one, named in an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Claim {
    /// `exp`, expiration time.
    Exp,
    /// `nbf`, not before.
    Nbf,
    /// `iat`, issued at.
    Iat,
    /// `iss`, issuer.
    Iss,
    /// `sub`, subject.
    Sub,
    /// `aud`, audience.
    Aud,
    /// `jti`, JWT ID.
    Jti,
    /// A claim that is not one of the registered ones above.
    Custom,
}

impl Claim {
    /// The claim for a member name (`Custom` for any unregistered name).
    pub fn from_name(name: &str) -> Claim {
        // Every registered name has three bytes: as a word, it hashes to the one slot it
        // could be in, so a name costs a multiplication and one comparison (no string
        // comparison calls; this runs for every member of every verified claims set).
        let [a, b, c] = name.as_bytes() else {
            return Claim::Custom;
        };
        let word = u32::from_le_bytes([*a, *b, *c, 0]);
        let slot = slot(word);
        match (SLOT_WORDS.get(slot), SLOT_CLAIMS.get(slot)) {
            (Some(&w), Some(&claim)) if w == word => claim,
            _ => Claim::Custom,
        }
    }

    /// The member name of a registered claim (`"custom"` for [`Claim::Custom`]).
    pub const fn name(self) -> &'static str {
        match self {
            Claim::Exp => "exp",
            Claim::Nbf => "nbf",
            Claim::Iat => "iat",
            Claim::Iss => "iss",
            Claim::Sub => "sub",
            Claim::Aud => "aud",
            Claim::Jti => "jti",
            Claim::Custom => "custom",
        }
    }
}

/// The slot of a three-byte name, as a little-endian word, in [`SLOT_WORDS`]: a
/// multiplicative hash without collisions among the registered names (checked below).
const fn slot(word: u32) -> usize {
    (word.wrapping_mul(0xb00) >> 29) as usize
}

/// The registered claims.
pub(crate) const REGISTERED: [Claim; 7] = [
    Claim::Exp,
    Claim::Nbf,
    Claim::Iat,
    Claim::Iss,
    Claim::Sub,
    Claim::Aud,
    Claim::Jti,
];

/// Each registered name as a little-endian word, at its slot; and its claim there (the
/// empty slot's `Custom` is what any name that lands there is).
static SLOT_WORDS: [u32; 8] = SLOTS.0;
static SLOT_CLAIMS: [Claim; 8] = SLOTS.1;
const SLOTS: ([u32; 8], [Claim; 8]) = {
    let mut words = [0; 8];
    let mut claims = [Claim::Custom; 8];
    let mut i = 0;
    while i < REGISTERED.len() {
        let name = REGISTERED[i].name().as_bytes();
        let word = u32::from_le_bytes([name[0], name[1], name[2], 0]);
        let at = slot(word);
        assert!(matches!(claims[at], Claim::Custom), "two names in one slot");
        words[at] = word;
        claims[at] = REGISTERED[i];
        i += 1;
    }
    (words, claims)
};

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
    /// More than one RSA key in the JWKS has the `kid` asked for.
    DuplicateKid,
}

/// Everything that can go wrong, each variant one specific failure.
///
/// The error never carries secret material or token contents, so it is safe to log.
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
    /// The output buffer is too small; nothing usable was written.
    BufferTooSmall {
        /// The number of bytes the operation needs.
        needed: usize,
    },
    /// A login or token response is not valid JSON (or not an object, or repeats a name).
    ResponseJson(JsonError),
    /// A token response lacks a field it must have (the field's name).
    MissingField(&'static str),
    /// A token response field has the wrong JSON type (the field's name).
    WrongFieldType(&'static str),
    /// The token response is an error response (it has an `error` member, RFC 6749 §5.2).
    ErrorResponse,
    /// The response's `token_type` is not the one this API uses (RFC 6749 §7.1).
    UnsupportedTokenType,
    /// An RFC 3339 date-time is malformed or names an impossible time.
    DateTime(crate::lifetime::DateTimeError),
    /// An expiry value is negative, overflows, or lies outside the years 0000 to 9999.
    ExpiryOutOfRange,
    /// An absolute expiry time cannot be tracked on a monotonic clock.
    NeedsWallClock,
    /// The clock asked has another time base than the one the session's times are in.
    ClockMismatch,
    /// The clock could not be read.
    ClockUnavailable,
    /// A token or credential is not of the syntax its header needs (RFC 6750 `b64token`,
    /// RFC 7235 `token68`, or visible ASCII for custom schemes), or is empty.
    InvalidTokenSyntax,
    /// A header value would contain CR, LF or another control character.
    ControlCharacter,
    /// A Basic user id contains `:` (RFC 7617 §2).
    ColonInUserId,
    /// An `Authorization` header value is malformed.
    MalformedAuthorization,
    /// The session holds no access token (log in first).
    NoToken,
    /// The session holds no refresh token, or the API has no refresh call.
    NoRefreshToken,
}

impl Error {
    /// The variant's position in the declaration order (`TokenTooLarge` is 0), for
    /// bindings that map errors to their own codes with a table. It may change between
    /// versions, as variants are added.
    pub const fn index(&self) -> u8 {
        match self {
            Error::TokenTooLarge { .. } => 0,
            Error::SegmentCount => 1,
            Error::Base64(..) => 2,
            Error::Json(..) => 3,
            Error::MissingAlgorithm => 4,
            Error::NoneAlgorithm => 5,
            Error::UnsupportedAlgorithm => 6,
            Error::AlgorithmMismatch { .. } => 7,
            Error::InvalidType => 8,
            Error::UnsupportedContentType => 9,
            Error::CriticalHeader => 10,
            Error::UnencodedPayload => 11,
            Error::InvalidHeader => 12,
            Error::InvalidSignature => 13,
            Error::InvalidClaim(..) => 14,
            Error::Expired => 15,
            Error::NotYetValid => 16,
            Error::IssuedInFuture => 17,
            Error::TooOld => 18,
            Error::InvalidIssuer => 19,
            Error::InvalidAudience => 20,
            Error::InvalidSubject => 21,
            Error::MissingClaim(..) => 22,
            Error::ClaimMismatch => 23,
            Error::CustomClaims => 24,
            Error::Key(..) => 25,
            Error::BufferTooSmall { .. } => 26,
            Error::ResponseJson(..) => 27,
            Error::MissingField(..) => 28,
            Error::WrongFieldType(..) => 29,
            Error::ErrorResponse => 30,
            Error::UnsupportedTokenType => 31,
            Error::DateTime(..) => 32,
            Error::ExpiryOutOfRange => 33,
            Error::NeedsWallClock => 34,
            Error::ClockMismatch => 35,
            Error::ClockUnavailable => 36,
            Error::InvalidTokenSyntax => 37,
            Error::ControlCharacter => 38,
            Error::ColonInUserId => 39,
            Error::MalformedAuthorization => 40,
            Error::NoToken => 41,
            Error::NoRefreshToken => 42,
        }
    }
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
            KeyError::DuplicateKid => f.write_str("several RSA keys with this kid in the JWKS"),
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
            Error::Key(e) => write!(f, "key error: {e}"),
            Error::BufferTooSmall { needed } => {
                write!(f, "buffer too small: {needed} bytes needed")
            }
            Error::ResponseJson(e) => write!(f, "token response: {e}"),
            Error::MissingField(name) => write!(f, "token response has no {name}"),
            Error::WrongFieldType(name) => {
                write!(f, "token response field {name} has the wrong type")
            }
            Error::ErrorResponse => f.write_str("the server answered with an error response"),
            Error::UnsupportedTokenType => f.write_str("unsupported token_type"),
            Error::DateTime(e) => write!(f, "invalid RFC 3339 date-time: {e}"),
            Error::ExpiryOutOfRange => f.write_str("expiry value out of range"),
            Error::NeedsWallClock => {
                f.write_str("an absolute expiry time needs a wall clock, not a monotonic one")
            }
            Error::ClockMismatch => f.write_str("clock has another time base than the session"),
            Error::ClockUnavailable => f.write_str("the clock could not be read"),
            Error::InvalidTokenSyntax => f.write_str("token has invalid syntax for its header"),
            Error::ControlCharacter => f.write_str("control character in a header value"),
            Error::ColonInUserId => f.write_str("user id contains ':'"),
            Error::MalformedAuthorization => f.write_str("malformed Authorization header value"),
            Error::NoToken => f.write_str("no access token: log in first"),
            Error::NoRefreshToken => f.write_str("no refresh token"),
        }
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hashed lookup finds every registered name and nothing else, whatever the three
    /// bytes.
    #[test]
    fn claim_from_name() {
        for claim in REGISTERED {
            assert_eq!(Claim::from_name(claim.name()), claim);
        }
        for name in ["", "ex", "expx", "custom", "EXP", "\0\0\0", "é"] {
            assert_eq!(Claim::from_name(name), Claim::Custom, "{name:?}");
        }
        for a in 0..128u8 {
            for b in 0..128u8 {
                for c in 0..128u8 {
                    let bytes = [a, b, c];
                    let name = core::str::from_utf8(&bytes).unwrap();
                    let want = REGISTERED
                        .into_iter()
                        .find(|r| r.name() == name)
                        .unwrap_or(Claim::Custom);
                    assert_eq!(Claim::from_name(name), want);
                }
            }
        }
    }

    /// `Error::index` numbers the variants in order (the C API's status table relies on
    /// distinct numbers).
    #[test]
    fn error_index() {
        assert_eq!(Error::TokenTooLarge { max: 1 }.index(), 0);
        assert_eq!(Error::Key(KeyError::Der).index(), 25);
        assert_eq!(Error::NoRefreshToken.index(), 42);
    }
}
