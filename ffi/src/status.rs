//! The status codes every function returns, and their descriptions.

use core::ffi::c_char;

use authcore::lifetime::DateTimeError;
use authcore::{Algorithm, Claim, Error, JsonError, KeyError, Part};

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
    /// The RSA modulus is not 2048 to 4096 bits.
    AUTHCORE_KEY_MODULUS_SIZE = 63,
    /// The RSA modulus is even.
    AUTHCORE_KEY_EVEN_MODULUS = 64,
    /// The RSA public exponent is even, below 3 or above 2^32 - 1.
    AUTHCORE_KEY_EXPONENT = 65,
    /// The key is not an RSA key.
    AUTHCORE_KEY_NOT_RSA = 66,
    /// Malformed DER.
    AUTHCORE_KEY_DER = 67,
    /// Malformed PEM.
    AUTHCORE_KEY_PEM = 68,
    /// A PEM block with an unexpected label.
    AUTHCORE_KEY_PEM_LABEL = 69,
    /// A JWK or JWKS that is not valid JSON.
    AUTHCORE_KEY_JSON = 70,
    /// A JWK member is missing or of the wrong type.
    AUTHCORE_KEY_JWK_MEMBER = 71,
    /// A JWK member is not base64url.
    AUTHCORE_KEY_JWK_BASE64 = 72,
    /// The JWK's use is not sig.
    AUTHCORE_KEY_USE = 73,
    /// The JWK's alg is not the key's algorithm.
    AUTHCORE_KEY_ALGORITHM = 74,
    /// No RSA key in the JWKS has the kid asked for.
    AUTHCORE_KEY_KID_NOT_FOUND = 75,
    /// More than one RSA key in the JWKS has the kid asked for.
    AUTHCORE_KEY_DUPLICATE_KID = 76,

    /// A token response is not valid JSON (or not an object).
    AUTHCORE_RESPONSE_JSON = 80,
    /// A token response lacks a field it must have.
    AUTHCORE_MISSING_FIELD = 81,
    /// A token response field has the wrong type.
    AUTHCORE_WRONG_FIELD_TYPE = 82,
    /// The response is an error response (RFC 6749 5.2).
    AUTHCORE_ERROR_RESPONSE = 83,
    /// The response's token_type is not the API's.
    AUTHCORE_UNSUPPORTED_TOKEN_TYPE = 84,
    /// An RFC 3339 date-time is malformed or impossible.
    AUTHCORE_DATE_TIME = 85,
    /// An expiry value is negative, overflows or is out of range.
    AUTHCORE_EXPIRY_OUT_OF_RANGE = 86,
    /// An absolute expiry cannot be tracked on a monotonic clock.
    AUTHCORE_NEEDS_WALL_CLOCK = 87,
    /// The clock has another time base than the session's times.
    AUTHCORE_CLOCK_MISMATCH = 88,
    /// The clock could not be read.
    AUTHCORE_CLOCK_UNAVAILABLE = 89,
    /// A token or credential is not of the syntax its header needs.
    AUTHCORE_INVALID_TOKEN_SYNTAX = 90,
    /// A header value would contain CR, LF or another control character.
    AUTHCORE_CONTROL_CHARACTER = 91,
    /// A Basic user id contains ':'.
    AUTHCORE_COLON_IN_USER_ID = 92,
    /// An Authorization header value is malformed.
    AUTHCORE_MALFORMED_AUTHORIZATION = 93,
    /// The session holds no access token.
    AUTHCORE_NO_TOKEN = 94,
    /// The session holds no refresh token, or the API has no refresh call.
    AUTHCORE_NO_REFRESH_TOKEN = 95,
}

use authcore_status::*;

impl From<Error> for authcore_status {
    // Out of line: it is called from every function, and inlined it grows each.
    #[inline(never)]
    fn from(e: Error) -> Self {
        // A table indexed by the variant rather than a `match`: the build for firmware
        // (opt-level z, LTO) makes a match a jump table with code for every arm.
        if let Error::Key(k) = e {
            return key_status(k);
        }
        STATUS_OF_ERROR
            .get(usize::from(e.index()))
            .copied()
            .unwrap_or(AUTHCORE_OTHER_ERROR)
    }
}

/// The status of each error (but `Error::Key`), with an example value of the variant.
const ERROR_STATUS: &[(Error, authcore_status)] = &[
    (Error::TokenTooLarge { max: 0 }, AUTHCORE_TOKEN_TOO_LARGE),
    (Error::SegmentCount, AUTHCORE_SEGMENT_COUNT),
    (Error::Base64(Part::Header), AUTHCORE_BASE64),
    (Error::Json(Part::Header, JsonError::Utf8), AUTHCORE_JSON),
    (Error::MissingAlgorithm, AUTHCORE_MISSING_ALGORITHM),
    (Error::NoneAlgorithm, AUTHCORE_NONE_ALGORITHM),
    (Error::UnsupportedAlgorithm, AUTHCORE_UNSUPPORTED_ALGORITHM),
    (
        Error::AlgorithmMismatch {
            expected: Algorithm::HS256,
            found: Algorithm::HS256,
        },
        AUTHCORE_ALGORITHM_MISMATCH,
    ),
    (Error::InvalidType, AUTHCORE_INVALID_TYPE),
    (
        Error::UnsupportedContentType,
        AUTHCORE_UNSUPPORTED_CONTENT_TYPE,
    ),
    (Error::CriticalHeader, AUTHCORE_CRITICAL_HEADER),
    (Error::UnencodedPayload, AUTHCORE_UNENCODED_PAYLOAD),
    (Error::InvalidHeader, AUTHCORE_INVALID_HEADER),
    (Error::InvalidSignature, AUTHCORE_INVALID_SIGNATURE),
    (Error::InvalidClaim(Claim::Exp), AUTHCORE_INVALID_CLAIM),
    (Error::Expired, AUTHCORE_EXPIRED),
    (Error::NotYetValid, AUTHCORE_NOT_YET_VALID),
    (Error::IssuedInFuture, AUTHCORE_ISSUED_IN_FUTURE),
    (Error::TooOld, AUTHCORE_TOO_OLD),
    (Error::InvalidIssuer, AUTHCORE_INVALID_ISSUER),
    (Error::InvalidAudience, AUTHCORE_INVALID_AUDIENCE),
    (Error::InvalidSubject, AUTHCORE_INVALID_SUBJECT),
    (Error::MissingClaim(Claim::Exp), AUTHCORE_MISSING_CLAIM),
    (Error::ClaimMismatch, AUTHCORE_CLAIM_MISMATCH),
    (Error::CustomClaims, AUTHCORE_WRONG_TYPE),
    (
        Error::BufferTooSmall { needed: 0 },
        AUTHCORE_BUFFER_TOO_SMALL,
    ),
    (Error::ResponseJson(JsonError::Utf8), AUTHCORE_RESPONSE_JSON),
    (Error::MissingField(""), AUTHCORE_MISSING_FIELD),
    (Error::WrongFieldType(""), AUTHCORE_WRONG_FIELD_TYPE),
    (Error::ErrorResponse, AUTHCORE_ERROR_RESPONSE),
    (Error::UnsupportedTokenType, AUTHCORE_UNSUPPORTED_TOKEN_TYPE),
    (Error::DateTime(DateTimeError::Month), AUTHCORE_DATE_TIME),
    (Error::ExpiryOutOfRange, AUTHCORE_EXPIRY_OUT_OF_RANGE),
    (Error::NeedsWallClock, AUTHCORE_NEEDS_WALL_CLOCK),
    (Error::ClockMismatch, AUTHCORE_CLOCK_MISMATCH),
    (Error::ClockUnavailable, AUTHCORE_CLOCK_UNAVAILABLE),
    (Error::InvalidTokenSyntax, AUTHCORE_INVALID_TOKEN_SYNTAX),
    (Error::ControlCharacter, AUTHCORE_CONTROL_CHARACTER),
    (Error::ColonInUserId, AUTHCORE_COLON_IN_USER_ID),
    (
        Error::MalformedAuthorization,
        AUTHCORE_MALFORMED_AUTHORIZATION,
    ),
    (Error::NoToken, AUTHCORE_NO_TOKEN),
    (Error::NoRefreshToken, AUTHCORE_NO_REFRESH_TOKEN),
];

/// `ERROR_STATUS` indexed by `Error::index`, built at compile time (variants not listed,
/// `Error::Key` included, give AUTHCORE_OTHER_ERROR).
static STATUS_OF_ERROR: [authcore_status; ERROR_VARIANTS] = {
    let mut table = [AUTHCORE_OTHER_ERROR; ERROR_VARIANTS];
    let mut i = 0;
    while i < ERROR_STATUS.len() {
        let (e, status) = ERROR_STATUS[i];
        let slot = e.index() as usize;
        // Two variants with one index would silently share a status.
        assert!(table[slot] as i32 == AUTHCORE_OTHER_ERROR as i32);
        table[slot] = status;
        i += 1;
    }
    table
};

/// One more than the largest `Error::index` of a variant listed: the table's length.
const ERROR_VARIANTS: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < ERROR_STATUS.len() {
        let slot = ERROR_STATUS[i].0.index() as usize;
        if slot >= n {
            n = slot + 1;
        }
        i += 1;
    }
    n
};

/// The status of a key error.
fn key_status(k: KeyError) -> authcore_status {
    match k {
        KeyError::WrongAlgorithm => AUTHCORE_KEY_WRONG_ALGORITHM,
        KeyError::EmptySecret => AUTHCORE_KEY_EMPTY_SECRET,
        KeyError::SecretTooShort { .. } => AUTHCORE_KEY_SECRET_TOO_SHORT,
        KeyError::RsaModulusSize { .. } => AUTHCORE_KEY_MODULUS_SIZE,
        KeyError::RsaEvenModulus => AUTHCORE_KEY_EVEN_MODULUS,
        KeyError::RsaExponent => AUTHCORE_KEY_EXPONENT,
        KeyError::NotRsa => AUTHCORE_KEY_NOT_RSA,
        KeyError::Der => AUTHCORE_KEY_DER,
        KeyError::Pem => AUTHCORE_KEY_PEM,
        KeyError::PemLabel => AUTHCORE_KEY_PEM_LABEL,
        KeyError::Json(_) => AUTHCORE_KEY_JSON,
        KeyError::JwkMember(_) => AUTHCORE_KEY_JWK_MEMBER,
        KeyError::JwkBase64(_) => AUTHCORE_KEY_JWK_BASE64,
        KeyError::KeyUse => AUTHCORE_KEY_USE,
        KeyError::KeyAlgorithm => AUTHCORE_KEY_ALGORITHM,
        KeyError::KidNotFound => AUTHCORE_KEY_KID_NOT_FOUND,
        KeyError::DuplicateKid => AUTHCORE_KEY_DUPLICATE_KID,
        _ => AUTHCORE_OTHER_ERROR,
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
        AUTHCORE_KEY_MODULUS_SIZE,
        AUTHCORE_KEY_EVEN_MODULUS,
        AUTHCORE_KEY_EXPONENT,
        AUTHCORE_KEY_NOT_RSA,
        AUTHCORE_KEY_DER,
        AUTHCORE_KEY_PEM,
        AUTHCORE_KEY_PEM_LABEL,
        AUTHCORE_KEY_JSON,
        AUTHCORE_KEY_JWK_MEMBER,
        AUTHCORE_KEY_JWK_BASE64,
        AUTHCORE_KEY_USE,
        AUTHCORE_KEY_ALGORITHM,
        AUTHCORE_KEY_KID_NOT_FOUND,
        AUTHCORE_KEY_DUPLICATE_KID,
        AUTHCORE_RESPONSE_JSON,
        AUTHCORE_MISSING_FIELD,
        AUTHCORE_WRONG_FIELD_TYPE,
        AUTHCORE_ERROR_RESPONSE,
        AUTHCORE_UNSUPPORTED_TOKEN_TYPE,
        AUTHCORE_DATE_TIME,
        AUTHCORE_EXPIRY_OUT_OF_RANGE,
        AUTHCORE_NEEDS_WALL_CLOCK,
        AUTHCORE_CLOCK_MISMATCH,
        AUTHCORE_CLOCK_UNAVAILABLE,
        AUTHCORE_INVALID_TOKEN_SYNTAX,
        AUTHCORE_CONTROL_CHARACTER,
        AUTHCORE_COLON_IN_USER_ID,
        AUTHCORE_MALFORMED_AUTHORIZATION,
        AUTHCORE_NO_TOKEN,
        AUTHCORE_NO_REFRESH_TOKEN,
    ];

    /// The status for a raw value, if it names one.
    pub fn from_raw(raw: i32) -> Option<authcore_status> {
        Self::ALL.iter().copied().find(|s| *s as i32 == raw)
    }
}

/// Pairs each status with its description: `ORDER` lists the statuses, `TEXT` the texts in
/// the same order, each ending in NUL. One named static byte array rather than a table of C
/// string pointers: only a program that calls `authcore_status_str` links it (C string
/// literals would all share one mergeable section, kept whole by any other literal), and it
/// needs no pointer per entry.
macro_rules! descriptions {
    ($(($status:ident, $text:literal)),* $(,)?) => {
        // The values as bytes: a quarter of the read-only data of a list of
        // `authcore_status`. Each must fit, or the build fails.
        $(const _: () = assert!(($status as i32) >= 0 && ($status as i32) < 256);)*
        const ORDER: &[u8] = &[$($status as u8),*];
        const TEXT_STR: &str = concat!($($text, "\0",)* "unknown status\0");
    };
}

descriptions![
    (AUTHCORE_OK, "ok"),
    (
        AUTHCORE_NULL_ARGUMENT,
        "a required pointer argument was NULL"
    ),
    (AUTHCORE_INVALID_ARGUMENT, "an argument is out of range"),
    (
        AUTHCORE_INVALID_UTF8,
        "a string argument is not valid UTF-8"
    ),
    (AUTHCORE_UNINITIALIZED, "object storage was not initialized"),
    (AUTHCORE_BUFFER_TOO_SMALL, "output buffer too small"),
    (
        AUTHCORE_INTERNAL_ERROR,
        "internal error (a bug in authcore)"
    ),
    (AUTHCORE_NOT_FOUND, "claim not found"),
    (AUTHCORE_WRONG_TYPE, "claim has another type"),
    (AUTHCORE_OTHER_ERROR, "other error"),
    (AUTHCORE_TOKEN_TOO_LARGE, "token too large"),
    (
        AUTHCORE_SEGMENT_COUNT,
        "token does not have exactly three segments"
    ),
    (AUTHCORE_BASE64, "invalid base64url"),
    (AUTHCORE_JSON, "invalid JSON"),
    (AUTHCORE_MISSING_ALGORITHM, "header has no alg"),
    (AUTHCORE_NONE_ALGORITHM, "alg none is not accepted"),
    (AUTHCORE_UNSUPPORTED_ALGORITHM, "unsupported algorithm"),
    (AUTHCORE_ALGORITHM_MISMATCH, "algorithm mismatch"),
    (AUTHCORE_INVALID_TYPE, "unexpected typ"),
    (
        AUTHCORE_UNSUPPORTED_CONTENT_TYPE,
        "nested JWTs are not supported"
    ),
    (
        AUTHCORE_CRITICAL_HEADER,
        "crit header extensions are not supported"
    ),
    (
        AUTHCORE_UNENCODED_PAYLOAD,
        "unencoded payload is not supported"
    ),
    (AUTHCORE_INVALID_HEADER, "header member of the wrong type"),
    (AUTHCORE_INVALID_SIGNATURE, "signature verification failed"),
    (AUTHCORE_INVALID_CLAIM, "claim has an invalid value"),
    (AUTHCORE_EXPIRED, "token has expired"),
    (AUTHCORE_NOT_YET_VALID, "token is not yet valid"),
    (AUTHCORE_ISSUED_IN_FUTURE, "token is issued in the future"),
    (AUTHCORE_TOO_OLD, "token is older than the maximum age"),
    (AUTHCORE_INVALID_ISSUER, "invalid issuer"),
    (AUTHCORE_INVALID_AUDIENCE, "invalid audience"),
    (AUTHCORE_INVALID_SUBJECT, "invalid subject"),
    (AUTHCORE_MISSING_CLAIM, "required claim missing"),
    (
        AUTHCORE_CLAIM_MISMATCH,
        "claim does not have the required value"
    ),
    (AUTHCORE_KEY_WRONG_ALGORITHM, "key algorithm does not fit"),
    (AUTHCORE_KEY_EMPTY_SECRET, "empty HMAC secret"),
    (
        AUTHCORE_KEY_SECRET_TOO_SHORT,
        "HMAC secret shorter than the policy's minimum"
    ),
    (
        AUTHCORE_KEY_MODULUS_SIZE,
        "RSA modulus size not supported (2048 to 4096 bits)"
    ),
    (AUTHCORE_KEY_EVEN_MODULUS, "RSA modulus is even"),
    (AUTHCORE_KEY_EXPONENT, "RSA public exponent not supported"),
    (AUTHCORE_KEY_NOT_RSA, "not an RSA key"),
    (AUTHCORE_KEY_DER, "malformed DER"),
    (AUTHCORE_KEY_PEM, "malformed PEM"),
    (AUTHCORE_KEY_PEM_LABEL, "unexpected PEM label"),
    (AUTHCORE_KEY_JSON, "JWK or JWKS is not valid JSON"),
    (
        AUTHCORE_KEY_JWK_MEMBER,
        "JWK member missing or of the wrong type"
    ),
    (AUTHCORE_KEY_JWK_BASE64, "JWK member is not base64url"),
    (AUTHCORE_KEY_USE, "JWK use is not sig"),
    (AUTHCORE_KEY_ALGORITHM, "JWK alg is not the key's algorithm"),
    (AUTHCORE_KEY_KID_NOT_FOUND, "kid not found in the JWKS"),
    (
        AUTHCORE_KEY_DUPLICATE_KID,
        "kid appears more than once in the JWKS"
    ),
    (AUTHCORE_RESPONSE_JSON, "token response is not valid JSON"),
    (AUTHCORE_MISSING_FIELD, "token response field missing"),
    (
        AUTHCORE_WRONG_FIELD_TYPE,
        "token response field of the wrong type"
    ),
    (
        AUTHCORE_ERROR_RESPONSE,
        "the server answered with an error response"
    ),
    (AUTHCORE_UNSUPPORTED_TOKEN_TYPE, "unsupported token_type"),
    (AUTHCORE_DATE_TIME, "invalid RFC 3339 date-time"),
    (AUTHCORE_EXPIRY_OUT_OF_RANGE, "expiry value out of range"),
    (
        AUTHCORE_NEEDS_WALL_CLOCK,
        "absolute expiry needs a wall clock"
    ),
    (AUTHCORE_CLOCK_MISMATCH, "clock time base mismatch"),
    (AUTHCORE_CLOCK_UNAVAILABLE, "clock unavailable"),
    (
        AUTHCORE_INVALID_TOKEN_SYNTAX,
        "invalid token syntax for this header"
    ),
    (
        AUTHCORE_CONTROL_CHARACTER,
        "control character in a header value"
    ),
    (AUTHCORE_COLON_IN_USER_ID, "':' in a Basic user id"),
    (
        AUTHCORE_MALFORMED_AUTHORIZATION,
        "malformed Authorization header value"
    ),
    (AUTHCORE_NO_TOKEN, "no access token: log in first"),
    (AUTHCORE_NO_REFRESH_TOKEN, "no refresh token"),
];

// As many descriptions as statuses (the C suite checks that every status gets its own).
const _: () = assert!(ORDER.len() == authcore_status::ALL.len());

static TEXT: [u8; TEXT_STR.len()] = {
    let mut out = [0u8; TEXT_STR.len()];
    let bytes = TEXT_STR.as_bytes();
    let mut i = 0;
    while i < out.len() {
        out[i] = bytes[i];
        i += 1;
    }
    out
};

/// A static, NUL-terminated English description of a status value; never NULL (an unknown
/// value gives "unknown status").
#[unsafe(no_mangle)]
pub extern "C" fn authcore_status_str(status: i32) -> *const c_char {
    // The last text, after every status's, is "unknown status".
    let index = ORDER
        .iter()
        .position(|&s| i32::from(s) == status)
        .unwrap_or(ORDER.len());
    let text: &'static [u8] = TEXT.split(|&b| b == 0).nth(index).unwrap_or(&TEXT);
    // Each text is followed by its NUL in `TEXT`.
    text.as_ptr().cast()
}
