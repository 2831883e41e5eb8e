//! The status codes every function returns, and their descriptions.

use core::ffi::c_char;

use authcore::{Error, KeyError};

/// The result of every authcore function. `AUTHCORE_OK` is 0; every other value names one
/// specific failure, and nothing was written to any output.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_status {
    /// Success.
    AUTHCORE_OK = 0,
    /// A required pointer argument was NULL.
    AUTHCORE_NULL_ARGUMENT = 1,
    /// An argument is out of range (an unknown algorithm value, a list longer than
    /// AUTHCORE_MAX_POLICY_LIST, ...).
    AUTHCORE_INVALID_ARGUMENT = 2,
    /// A string argument is not valid UTF-8.
    AUTHCORE_INVALID_UTF8 = 3,
    /// The object storage passed was never initialized by its constructor (or was cleared).
    AUTHCORE_UNINITIALIZED = 4,
    /// The output buffer is too small; `*out_len` holds the size needed.
    AUTHCORE_BUFFER_TOO_SMALL = 5,
    /// A bug inside authcore was caught at the boundary (host builds); please report it.
    AUTHCORE_INTERNAL_ERROR = 6,
    /// The claim asked for is not in the token.
    AUTHCORE_NOT_FOUND = 7,
    /// The claim asked for has another JSON type (or an integer out of range).
    AUTHCORE_WRONG_TYPE = 8,
    /// An error of a kind this version of the C API does not name.
    AUTHCORE_OTHER_ERROR = 9,

    /// The token is longer than the policy's max_token_len.
    AUTHCORE_TOKEN_TOO_LARGE = 20,
    /// The token does not have exactly three segments.
    AUTHCORE_SEGMENT_COUNT = 21,
    /// A segment is not strict unpadded base64url.
    AUTHCORE_BASE64 = 22,
    /// The header or payload is not valid JSON (or has a duplicate member name).
    AUTHCORE_JSON = 23,
    /// The header has no alg string.
    AUTHCORE_MISSING_ALGORITHM = 24,
    /// alg is "none" in some spelling: never accepted.
    AUTHCORE_NONE_ALGORITHM = 25,
    /// alg names an algorithm authcore does not implement.
    AUTHCORE_UNSUPPORTED_ALGORITHM = 26,
    /// The token's alg is not the key's and the policy's.
    AUTHCORE_ALGORITHM_MISMATCH = 27,
    /// typ is not the expected type.
    AUTHCORE_INVALID_TYPE = 28,
    /// cty says nested JWT: unsupported.
    AUTHCORE_UNSUPPORTED_CONTENT_TYPE = 29,
    /// The header has crit: refused.
    AUTHCORE_CRITICAL_HEADER = 30,
    /// The header has b64: false: refused.
    AUTHCORE_UNENCODED_PAYLOAD = 31,
    /// A header member has the wrong type.
    AUTHCORE_INVALID_HEADER = 32,
    /// The signature does not verify.
    AUTHCORE_INVALID_SIGNATURE = 33,
    /// A registered claim has the wrong type or an out-of-range value.
    AUTHCORE_INVALID_CLAIM = 34,
    /// The token has expired.
    AUTHCORE_EXPIRED = 35,
    /// The token is not yet valid (nbf).
    AUTHCORE_NOT_YET_VALID = 36,
    /// The token was issued in the future (iat).
    AUTHCORE_ISSUED_IN_FUTURE = 37,
    /// The token is older than the policy's maximum age.
    AUTHCORE_TOO_OLD = 38,
    /// iss is not an expected issuer.
    AUTHCORE_INVALID_ISSUER = 39,
    /// No audience matches.
    AUTHCORE_INVALID_AUDIENCE = 40,
    /// sub is not the expected subject.
    AUTHCORE_INVALID_SUBJECT = 41,
    /// A required claim is missing.
    AUTHCORE_MISSING_CLAIM = 42,
    /// A claim does not have its required value.
    AUTHCORE_CLAIM_MISMATCH = 43,

    /// The key's algorithm is not the policy's, or not one this kind of key can have.
    AUTHCORE_KEY_WRONG_ALGORITHM = 60,
    /// An empty HMAC secret.
    AUTHCORE_KEY_EMPTY_SECRET = 61,
    /// The HMAC secret is shorter than the policy's minimum.
    AUTHCORE_KEY_SECRET_TOO_SHORT = 62,
}

use authcore_status::*;

impl From<Error> for authcore_status {
    fn from(e: Error) -> Self {
        match e {
            Error::TokenTooLarge { .. } => AUTHCORE_TOKEN_TOO_LARGE,
            Error::SegmentCount => AUTHCORE_SEGMENT_COUNT,
            Error::Base64(_) => AUTHCORE_BASE64,
            Error::Json(..) => AUTHCORE_JSON,
            Error::MissingAlgorithm => AUTHCORE_MISSING_ALGORITHM,
            Error::NoneAlgorithm => AUTHCORE_NONE_ALGORITHM,
            Error::UnsupportedAlgorithm => AUTHCORE_UNSUPPORTED_ALGORITHM,
            Error::AlgorithmMismatch { .. } => AUTHCORE_ALGORITHM_MISMATCH,
            Error::InvalidType => AUTHCORE_INVALID_TYPE,
            Error::UnsupportedContentType => AUTHCORE_UNSUPPORTED_CONTENT_TYPE,
            Error::CriticalHeader => AUTHCORE_CRITICAL_HEADER,
            Error::UnencodedPayload => AUTHCORE_UNENCODED_PAYLOAD,
            Error::InvalidHeader => AUTHCORE_INVALID_HEADER,
            Error::InvalidSignature => AUTHCORE_INVALID_SIGNATURE,
            Error::InvalidClaim(_) => AUTHCORE_INVALID_CLAIM,
            Error::Expired => AUTHCORE_EXPIRED,
            Error::NotYetValid => AUTHCORE_NOT_YET_VALID,
            Error::IssuedInFuture => AUTHCORE_ISSUED_IN_FUTURE,
            Error::TooOld => AUTHCORE_TOO_OLD,
            Error::InvalidIssuer => AUTHCORE_INVALID_ISSUER,
            Error::InvalidAudience => AUTHCORE_INVALID_AUDIENCE,
            Error::InvalidSubject => AUTHCORE_INVALID_SUBJECT,
            Error::MissingClaim(_) => AUTHCORE_MISSING_CLAIM,
            Error::ClaimMismatch => AUTHCORE_CLAIM_MISMATCH,
            Error::CustomClaims => AUTHCORE_WRONG_TYPE,
            Error::BufferTooSmall { .. } => AUTHCORE_BUFFER_TOO_SMALL,
            Error::Key(k) => match k {
                KeyError::WrongAlgorithm => AUTHCORE_KEY_WRONG_ALGORITHM,
                KeyError::EmptySecret => AUTHCORE_KEY_EMPTY_SECRET,
                KeyError::SecretTooShort { .. } => AUTHCORE_KEY_SECRET_TOO_SHORT,
                _ => AUTHCORE_OTHER_ERROR,
            },
            _ => AUTHCORE_OTHER_ERROR,
        }
    }
}

impl authcore_status {
    /// Every status, for tests and for `authcore_status_str`.
    pub const ALL: &'static [authcore_status] = &[
        AUTHCORE_OK,
        AUTHCORE_NULL_ARGUMENT,
        AUTHCORE_INVALID_ARGUMENT,
        AUTHCORE_INVALID_UTF8,
        AUTHCORE_UNINITIALIZED,
        AUTHCORE_BUFFER_TOO_SMALL,
        AUTHCORE_INTERNAL_ERROR,
        AUTHCORE_NOT_FOUND,
        AUTHCORE_WRONG_TYPE,
        AUTHCORE_OTHER_ERROR,
        AUTHCORE_TOKEN_TOO_LARGE,
        AUTHCORE_SEGMENT_COUNT,
        AUTHCORE_BASE64,
        AUTHCORE_JSON,
        AUTHCORE_MISSING_ALGORITHM,
        AUTHCORE_NONE_ALGORITHM,
        AUTHCORE_UNSUPPORTED_ALGORITHM,
        AUTHCORE_ALGORITHM_MISMATCH,
        AUTHCORE_INVALID_TYPE,
        AUTHCORE_UNSUPPORTED_CONTENT_TYPE,
        AUTHCORE_CRITICAL_HEADER,
        AUTHCORE_UNENCODED_PAYLOAD,
        AUTHCORE_INVALID_HEADER,
        AUTHCORE_INVALID_SIGNATURE,
        AUTHCORE_INVALID_CLAIM,
        AUTHCORE_EXPIRED,
        AUTHCORE_NOT_YET_VALID,
        AUTHCORE_ISSUED_IN_FUTURE,
        AUTHCORE_TOO_OLD,
        AUTHCORE_INVALID_ISSUER,
        AUTHCORE_INVALID_AUDIENCE,
        AUTHCORE_INVALID_SUBJECT,
        AUTHCORE_MISSING_CLAIM,
        AUTHCORE_CLAIM_MISMATCH,
        AUTHCORE_KEY_WRONG_ALGORITHM,
        AUTHCORE_KEY_EMPTY_SECRET,
        AUTHCORE_KEY_SECRET_TOO_SHORT,
    ];

    /// The status for a raw value, if it names one.
    pub fn from_raw(raw: i32) -> Option<authcore_status> {
        Self::ALL.iter().copied().find(|s| *s as i32 == raw)
    }
}

/// The description of each status, in the order of `authcore_status::ALL`. A static table
/// rather than a `match`: only a program that calls `authcore_status_str` links the text.
static DESCRIPTIONS: [(authcore_status, &core::ffi::CStr); 37] = [
    (AUTHCORE_OK, c"ok"),
    (
        AUTHCORE_NULL_ARGUMENT,
        c"a required pointer argument was NULL",
    ),
    (AUTHCORE_INVALID_ARGUMENT, c"an argument is out of range"),
    (
        AUTHCORE_INVALID_UTF8,
        c"a string argument is not valid UTF-8",
    ),
    (
        AUTHCORE_UNINITIALIZED,
        c"object storage was not initialized",
    ),
    (AUTHCORE_BUFFER_TOO_SMALL, c"output buffer too small"),
    (
        AUTHCORE_INTERNAL_ERROR,
        c"internal error (a bug in authcore)",
    ),
    (AUTHCORE_NOT_FOUND, c"claim not found"),
    (AUTHCORE_WRONG_TYPE, c"claim has another type"),
    (AUTHCORE_OTHER_ERROR, c"other error"),
    (AUTHCORE_TOKEN_TOO_LARGE, c"token too large"),
    (
        AUTHCORE_SEGMENT_COUNT,
        c"token does not have exactly three segments",
    ),
    (AUTHCORE_BASE64, c"invalid base64url"),
    (AUTHCORE_JSON, c"invalid JSON"),
    (AUTHCORE_MISSING_ALGORITHM, c"header has no alg"),
    (AUTHCORE_NONE_ALGORITHM, c"alg none is not accepted"),
    (AUTHCORE_UNSUPPORTED_ALGORITHM, c"unsupported algorithm"),
    (AUTHCORE_ALGORITHM_MISMATCH, c"algorithm mismatch"),
    (AUTHCORE_INVALID_TYPE, c"unexpected typ"),
    (
        AUTHCORE_UNSUPPORTED_CONTENT_TYPE,
        c"nested JWTs are not supported",
    ),
    (
        AUTHCORE_CRITICAL_HEADER,
        c"crit header extensions are not supported",
    ),
    (
        AUTHCORE_UNENCODED_PAYLOAD,
        c"unencoded payload is not supported",
    ),
    (AUTHCORE_INVALID_HEADER, c"header member of the wrong type"),
    (AUTHCORE_INVALID_SIGNATURE, c"signature verification failed"),
    (AUTHCORE_INVALID_CLAIM, c"claim has an invalid value"),
    (AUTHCORE_EXPIRED, c"token has expired"),
    (AUTHCORE_NOT_YET_VALID, c"token is not yet valid"),
    (AUTHCORE_ISSUED_IN_FUTURE, c"token is issued in the future"),
    (AUTHCORE_TOO_OLD, c"token is older than the maximum age"),
    (AUTHCORE_INVALID_ISSUER, c"invalid issuer"),
    (AUTHCORE_INVALID_AUDIENCE, c"invalid audience"),
    (AUTHCORE_INVALID_SUBJECT, c"invalid subject"),
    (AUTHCORE_MISSING_CLAIM, c"required claim missing"),
    (
        AUTHCORE_CLAIM_MISMATCH,
        c"claim does not have the required value",
    ),
    (AUTHCORE_KEY_WRONG_ALGORITHM, c"key algorithm does not fit"),
    (AUTHCORE_KEY_EMPTY_SECRET, c"empty HMAC secret"),
    (
        AUTHCORE_KEY_SECRET_TOO_SHORT,
        c"HMAC secret shorter than the policy's minimum",
    ),
];

/// A static, NUL-terminated English description of a status value; never NULL (an unknown
/// value gives "unknown status").
#[unsafe(no_mangle)]
pub extern "C" fn authcore_status_str(status: i32) -> *const c_char {
    DESCRIPTIONS
        .iter()
        .find(|(s, _)| *s as i32 == status)
        .map_or(c"unknown status", |(_, text)| text)
        .as_ptr()
}
