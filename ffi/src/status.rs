//! The status codes every function returns, their descriptions, and the library version.

use core::ffi::{CStr, c_char};

use authcore::session::ProfileError;
use authcore::{Error, KeyError, LifecycleError};

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
    /// The output buffer is too small; `*out_n` holds the size needed.
    AUTHCORE_BUFFER_TOO_SMALL = 5,
    /// A bug inside authcore was caught at the boundary (host builds); please report it.
    AUTHCORE_INTERNAL_ERROR = 6,
    /// The claim asked for is not in the token.
    AUTHCORE_NOT_FOUND = 7,
    /// The claim asked for has another JSON type (or an integer out of range).
    AUTHCORE_WRONG_TYPE = 8,
    /// An error of a kind this version of the C API does not name.
    AUTHCORE_OTHER_ERROR = 9,
    /// An output buffer overlaps an input of the same call (the output would overwrite what
    /// is still to be read): nothing was written.
    AUTHCORE_OVERLAPPING_BUFFERS = 10,

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
    /// The key is not an elliptic-curve key (SPKI algorithm or JWK kty).
    AUTHCORE_KEY_NOT_EC = 77,
    /// The key is not an octet key pair (an Ed25519 key's SPKI algorithm or JWK kty).
    AUTHCORE_KEY_NOT_OKP = 78,
    /// The key's curve is not its algorithm's (P-256 for ES256, P-384 for ES384, Ed25519
    /// for EdDSA).
    AUTHCORE_KEY_CURVE = 79,

    /// A token response is not valid JSON (or not an object).
    AUTHCORE_RESPONSE_JSON = 80,
    /// A token response lacks a field it must have.
    AUTHCORE_MISSING_FIELD = 81,
    /// A token response field has the wrong type.
    AUTHCORE_WRONG_FIELD_TYPE = 82,
    /// The server refused: the response is an error body (an OAuth 2.0 `error`, RFC 6749
    /// 5.2, or a non-2xx `status` such as ImmPort's).
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

    /// An API description's response path is empty.
    AUTHCORE_DESCRIPTION_EMPTY_PATH = 100,
    /// An API description's response path has an empty member name (`a..b`, `/a//b`).
    AUTHCORE_DESCRIPTION_PATH_SEGMENT = 101,
    /// An API description has no response path for the access token.
    AUTHCORE_DESCRIPTION_NO_ACCESS_TOKEN = 102,
    /// An API description's custom header scheme is not an RFC 7230 token.
    AUTHCORE_DESCRIPTION_SCHEME = 103,
    /// An API description has a sliding window, default lifetime or fixed window of 0 s.
    AUTHCORE_DESCRIPTION_ZERO_WINDOW = 104,
    /// An API description's margin_permille is above 1000.
    AUTHCORE_DESCRIPTION_MARGIN = 105,
    /// An API description's expiry source or header style reads a field its response paths
    /// do not provide.
    AUTHCORE_DESCRIPTION_FIELD_NEEDED = 106,
    /// An API description's JWT_SECONDS expiry has an empty claim name.
    AUTHCORE_DESCRIPTION_CLAIM = 107,
    /// An API description holds an unknown field, style or kind value (or a scheme where
    /// the style is not CUSTOM, a claim where the kind is not JWT_SECONDS).
    AUTHCORE_DESCRIPTION_UNKNOWN_VALUE = 108,
    /// An API description has more than AUTHCORE_API_PATHS_MAX paths, or its strings
    /// together exceed AUTHCORE_API_TEXT_TOTAL bytes.
    AUTHCORE_DESCRIPTION_TOO_LONG = 109,

    /// The token's kid names no key of the key set.
    AUTHCORE_UNKNOWN_KEY_ID = 120,
    /// The token has no kid, and the key set has several keys of its algorithm.
    AUTHCORE_MISSING_KEY_ID = 121,
    /// The JWKS has more usable keys than AUTHCORE_KEY_SET_CAPACITY.
    AUTHCORE_KEY_SET_TOO_MANY_KEYS = 122,
    /// The JWKS has no key this library can verify with.
    AUTHCORE_KEY_SET_NO_USABLE_KEY = 123,
    /// A usable key of the JWKS has a kid over 64 bytes.
    AUTHCORE_KEY_SET_KID_TOO_LONG = 124,
    /// The key's public point is malformed (a coordinate of the wrong length, a compressed
    /// point) or not on its curve. (The key errors continue here: 60 to 79 are taken.)
    AUTHCORE_KEY_INVALID_POINT = 110,
    /// A private key's secret is out of range (an EC scalar zero or not below the group
    /// order) or does not match the public key stored with it.
    AUTHCORE_KEY_PRIVATE_KEY = 111,
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
            Error::Key(k) => k.into(),
            Error::BufferTooSmall { .. } => AUTHCORE_BUFFER_TOO_SMALL,
            Error::UnknownKeyId => AUTHCORE_UNKNOWN_KEY_ID,
            Error::MissingKeyId => AUTHCORE_MISSING_KEY_ID,
            // The core's errors are `non_exhaustive`: a variant added there before here.
            _ => AUTHCORE_OTHER_ERROR,
        }
    }
}

impl From<KeyError> for authcore_status {
    fn from(e: KeyError) -> Self {
        match e {
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
            KeyError::TooManyKeys { .. } => AUTHCORE_KEY_SET_TOO_MANY_KEYS,
            KeyError::NoUsableKey => AUTHCORE_KEY_SET_NO_USABLE_KEY,
            KeyError::KidTooLong { .. } => AUTHCORE_KEY_SET_KID_TOO_LONG,
            KeyError::NotEc => AUTHCORE_KEY_NOT_EC,
            KeyError::NotOkp => AUTHCORE_KEY_NOT_OKP,
            KeyError::Curve => AUTHCORE_KEY_CURVE,
            KeyError::InvalidPoint => AUTHCORE_KEY_INVALID_POINT,
            KeyError::PrivateKey => AUTHCORE_KEY_PRIVATE_KEY,
            _ => AUTHCORE_OTHER_ERROR,
        }
    }
}

impl From<ProfileError> for authcore_status {
    fn from(e: ProfileError) -> Self {
        match e {
            ProfileError::EmptyPath(_) => AUTHCORE_DESCRIPTION_EMPTY_PATH,
            ProfileError::EmptyPathSegment(_) => AUTHCORE_DESCRIPTION_PATH_SEGMENT,
            ProfileError::NoAccessTokenPath => AUTHCORE_DESCRIPTION_NO_ACCESS_TOKEN,
            ProfileError::InvalidScheme => AUTHCORE_DESCRIPTION_SCHEME,
            ProfileError::ZeroWindow => AUTHCORE_DESCRIPTION_ZERO_WINDOW,
            ProfileError::MarginPermille => AUTHCORE_DESCRIPTION_MARGIN,
            ProfileError::EmptyClaim => AUTHCORE_DESCRIPTION_CLAIM,
            ProfileError::FieldNeeded(_) => AUTHCORE_DESCRIPTION_FIELD_NEEDED,
        }
    }
}

impl From<LifecycleError> for authcore_status {
    fn from(e: LifecycleError) -> Self {
        match e {
            LifecycleError::Token(e) => e.into(),
            LifecycleError::BufferTooSmall { .. } => AUTHCORE_BUFFER_TOO_SMALL,
            LifecycleError::ResponseJson(_) => AUTHCORE_RESPONSE_JSON,
            LifecycleError::MissingField(_) => AUTHCORE_MISSING_FIELD,
            LifecycleError::WrongFieldType(_) => AUTHCORE_WRONG_FIELD_TYPE,
            LifecycleError::ErrorResponse(_) => AUTHCORE_ERROR_RESPONSE,
            LifecycleError::UnsupportedTokenType => AUTHCORE_UNSUPPORTED_TOKEN_TYPE,
            LifecycleError::DateTime(_) => AUTHCORE_DATE_TIME,
            LifecycleError::ExpiryOutOfRange => AUTHCORE_EXPIRY_OUT_OF_RANGE,
            LifecycleError::NeedsWallClock => AUTHCORE_NEEDS_WALL_CLOCK,
            LifecycleError::ClockMismatch => AUTHCORE_CLOCK_MISMATCH,
            LifecycleError::ClockUnavailable => AUTHCORE_CLOCK_UNAVAILABLE,
            LifecycleError::InvalidTokenSyntax => AUTHCORE_INVALID_TOKEN_SYNTAX,
            LifecycleError::ControlCharacter => AUTHCORE_CONTROL_CHARACTER,
            LifecycleError::ColonInUserId => AUTHCORE_COLON_IN_USER_ID,
            LifecycleError::MalformedAuthorization => AUTHCORE_MALFORMED_AUTHORIZATION,
            LifecycleError::NoToken => AUTHCORE_NO_TOKEN,
            LifecycleError::NoRefreshToken => AUTHCORE_NO_REFRESH_TOKEN,
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
        AUTHCORE_OVERLAPPING_BUFFERS,
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
        AUTHCORE_KEY_NOT_EC,
        AUTHCORE_KEY_NOT_OKP,
        AUTHCORE_KEY_CURVE,
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
        AUTHCORE_DESCRIPTION_EMPTY_PATH,
        AUTHCORE_DESCRIPTION_PATH_SEGMENT,
        AUTHCORE_DESCRIPTION_NO_ACCESS_TOKEN,
        AUTHCORE_DESCRIPTION_SCHEME,
        AUTHCORE_DESCRIPTION_ZERO_WINDOW,
        AUTHCORE_DESCRIPTION_MARGIN,
        AUTHCORE_DESCRIPTION_FIELD_NEEDED,
        AUTHCORE_DESCRIPTION_CLAIM,
        AUTHCORE_DESCRIPTION_UNKNOWN_VALUE,
        AUTHCORE_DESCRIPTION_TOO_LONG,
        AUTHCORE_UNKNOWN_KEY_ID,
        AUTHCORE_MISSING_KEY_ID,
        AUTHCORE_KEY_SET_TOO_MANY_KEYS,
        AUTHCORE_KEY_SET_NO_USABLE_KEY,
        AUTHCORE_KEY_SET_KID_TOO_LONG,
        AUTHCORE_KEY_INVALID_POINT,
        AUTHCORE_KEY_PRIVATE_KEY,
    ];

    /// The status for a raw value, if it names one.
    pub fn from_raw(raw: StatusArg) -> Option<authcore_status> {
        Self::ALL.iter().copied().find(|s| *s as i32 == raw)
    }
}

/// An `authcore_status` as a C argument carries it: any `int`, so that a value this version
/// does not name is a description, not undefined behaviour. The header names it
/// `authcore_status`.
pub type StatusArg = i32;

/// Describes a status in English.
///
/// One of two functions that return no status (with `authcore_version`): the description
/// is for messages, and a static string needs no buffer.
///
/// \param status  Any value; one this version does not name gives "unknown status".
/// \return A static NUL-terminated string, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn authcore_status_str(status: StatusArg) -> *const c_char {
    let text: &'static CStr = match authcore_status::from_raw(status) {
        Some(known) => known.description(),
        None => c"unknown status",
    };
    text.as_ptr()
}

/// Tells the library's version.
///
/// Its signature never changes, so that a program (or the Python package) can check that
/// it loaded the library it was built for before calling anything else.
///
/// It is the crate's version, which the header's `AUTHCORE_VERSION_*` macros also carry:
/// comparing it with `AUTHCORE_VERSION_STRING` tells whether the library is the one the
/// header came with.
///
/// \return A static NUL-terminated string "MAJOR.MINOR.PATCH", never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn authcore_version() -> *const c_char {
    concat!(
        env!("CARGO_PKG_VERSION_MAJOR"),
        ".",
        env!("CARGO_PKG_VERSION_MINOR"),
        ".",
        env!("CARGO_PKG_VERSION_PATCH"),
        "\0"
    )
    .as_ptr()
    .cast()
}

impl authcore_status {
    /// The English description `authcore_status_str` gives.
    pub fn description(self) -> &'static CStr {
        match self {
            AUTHCORE_OK => c"ok",
            AUTHCORE_NULL_ARGUMENT => c"a required pointer argument was NULL",
            AUTHCORE_INVALID_ARGUMENT => c"an argument is out of range",
            AUTHCORE_INVALID_UTF8 => c"a string argument is not valid UTF-8",
            AUTHCORE_UNINITIALIZED => c"object storage was not initialized",
            AUTHCORE_BUFFER_TOO_SMALL => c"output buffer too small",
            AUTHCORE_INTERNAL_ERROR => c"internal error (a bug in authcore)",
            AUTHCORE_NOT_FOUND => c"claim not found",
            AUTHCORE_WRONG_TYPE => c"claim has another type",
            AUTHCORE_OTHER_ERROR => c"other error",
            AUTHCORE_OVERLAPPING_BUFFERS => c"an output buffer overlaps an input",
            AUTHCORE_TOKEN_TOO_LARGE => c"token too large",
            AUTHCORE_SEGMENT_COUNT => c"token does not have exactly three segments",
            AUTHCORE_BASE64 => c"invalid base64url",
            AUTHCORE_JSON => c"invalid JSON",
            AUTHCORE_MISSING_ALGORITHM => c"header has no alg",
            AUTHCORE_NONE_ALGORITHM => c"alg none is not accepted",
            AUTHCORE_UNSUPPORTED_ALGORITHM => c"unsupported algorithm",
            AUTHCORE_ALGORITHM_MISMATCH => c"algorithm mismatch",
            AUTHCORE_INVALID_TYPE => c"unexpected typ",
            AUTHCORE_UNSUPPORTED_CONTENT_TYPE => c"nested JWTs are not supported",
            AUTHCORE_CRITICAL_HEADER => c"crit header extensions are not supported",
            AUTHCORE_UNENCODED_PAYLOAD => c"unencoded payload is not supported",
            AUTHCORE_INVALID_HEADER => c"header member of the wrong type",
            AUTHCORE_INVALID_SIGNATURE => c"signature verification failed",
            AUTHCORE_INVALID_CLAIM => c"claim has an invalid value",
            AUTHCORE_EXPIRED => c"token has expired",
            AUTHCORE_NOT_YET_VALID => c"token is not yet valid",
            AUTHCORE_ISSUED_IN_FUTURE => c"token is issued in the future",
            AUTHCORE_TOO_OLD => c"token is older than the maximum age",
            AUTHCORE_INVALID_ISSUER => c"invalid issuer",
            AUTHCORE_INVALID_AUDIENCE => c"invalid audience",
            AUTHCORE_INVALID_SUBJECT => c"invalid subject",
            AUTHCORE_MISSING_CLAIM => c"required claim missing",
            AUTHCORE_CLAIM_MISMATCH => c"claim does not have the required value",
            AUTHCORE_KEY_WRONG_ALGORITHM => c"key algorithm does not fit",
            AUTHCORE_KEY_EMPTY_SECRET => c"empty HMAC secret",
            AUTHCORE_KEY_SECRET_TOO_SHORT => c"HMAC secret shorter than the policy's minimum",
            AUTHCORE_KEY_MODULUS_SIZE => c"RSA modulus size not supported (2048 to 4096 bits)",
            AUTHCORE_KEY_EVEN_MODULUS => c"RSA modulus is even",
            AUTHCORE_KEY_EXPONENT => c"RSA public exponent not supported",
            AUTHCORE_KEY_NOT_RSA => c"not an RSA key",
            AUTHCORE_KEY_DER => c"malformed DER",
            AUTHCORE_KEY_PEM => c"malformed PEM",
            AUTHCORE_KEY_PEM_LABEL => c"unexpected PEM label",
            AUTHCORE_KEY_JSON => c"JWK or JWKS is not valid JSON",
            AUTHCORE_KEY_JWK_MEMBER => c"JWK member missing or of the wrong type",
            AUTHCORE_KEY_JWK_BASE64 => c"JWK member is not base64url",
            AUTHCORE_KEY_USE => c"JWK use is not sig",
            AUTHCORE_KEY_ALGORITHM => c"JWK alg is not the key's algorithm",
            AUTHCORE_KEY_KID_NOT_FOUND => c"kid not found in the JWKS",
            AUTHCORE_KEY_DUPLICATE_KID => c"kid appears more than once in the JWKS",
            AUTHCORE_KEY_NOT_EC => c"not an elliptic-curve key",
            AUTHCORE_KEY_NOT_OKP => c"not an octet key pair (Ed25519) key",
            AUTHCORE_KEY_CURVE => c"key curve does not fit the algorithm",
            AUTHCORE_KEY_INVALID_POINT => c"public point malformed or not on the curve",
            AUTHCORE_RESPONSE_JSON => c"token response is not valid JSON",
            AUTHCORE_MISSING_FIELD => c"token response field missing",
            AUTHCORE_WRONG_FIELD_TYPE => c"token response field of the wrong type",
            AUTHCORE_ERROR_RESPONSE => c"the server answered with an error response",
            AUTHCORE_UNSUPPORTED_TOKEN_TYPE => c"unsupported token_type",
            AUTHCORE_DATE_TIME => c"invalid RFC 3339 date-time",
            AUTHCORE_EXPIRY_OUT_OF_RANGE => c"expiry value out of range",
            AUTHCORE_NEEDS_WALL_CLOCK => c"absolute expiry needs a wall clock",
            AUTHCORE_CLOCK_MISMATCH => c"clock time base mismatch",
            AUTHCORE_CLOCK_UNAVAILABLE => c"clock unavailable",
            AUTHCORE_INVALID_TOKEN_SYNTAX => c"invalid token syntax for this header",
            AUTHCORE_CONTROL_CHARACTER => c"control character in a header value",
            AUTHCORE_COLON_IN_USER_ID => c"':' in a Basic user id",
            AUTHCORE_MALFORMED_AUTHORIZATION => c"malformed Authorization header value",
            AUTHCORE_NO_TOKEN => c"no access token: log in first",
            AUTHCORE_NO_REFRESH_TOKEN => c"no refresh token",
            AUTHCORE_DESCRIPTION_EMPTY_PATH => c"API description: empty response path",
            AUTHCORE_DESCRIPTION_PATH_SEGMENT => {
                c"API description: response path with an empty member name"
            }
            AUTHCORE_DESCRIPTION_NO_ACCESS_TOKEN => {
                c"API description: no response path for the access token"
            }
            AUTHCORE_DESCRIPTION_SCHEME => c"API description: scheme is not an RFC 7230 token",
            AUTHCORE_DESCRIPTION_ZERO_WINDOW => c"API description: a window of 0 seconds",
            AUTHCORE_DESCRIPTION_MARGIN => c"API description: margin_permille above 1000",
            AUTHCORE_DESCRIPTION_FIELD_NEEDED => {
                c"API description: no response path for a field the expiry or header reads"
            }
            AUTHCORE_DESCRIPTION_CLAIM => c"API description: empty claim name",
            AUTHCORE_DESCRIPTION_UNKNOWN_VALUE => c"API description: unknown value",
            AUTHCORE_DESCRIPTION_TOO_LONG => c"API description: string or list too long",
            AUTHCORE_KEY_PRIVATE_KEY => c"private key out of range or not matching its public key",
            AUTHCORE_UNKNOWN_KEY_ID => c"no key in the key set has the token's kid",
            AUTHCORE_MISSING_KEY_ID => {
                c"token has no kid and the key set has several keys of its algorithm"
            }
            AUTHCORE_KEY_SET_TOO_MANY_KEYS => c"JWKS has more usable keys than a key set holds",
            AUTHCORE_KEY_SET_NO_USABLE_KEY => c"JWKS has no usable key",
            AUTHCORE_KEY_SET_KID_TOO_LONG => c"kid longer than a key set holds",
        }
    }
}
