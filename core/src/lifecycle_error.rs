//! The lifecycle error: what reading token responses, writing and parsing headers, tracking
//! expiry and running a session can fail with. A token's own failures (a session reading a
//! JWT's `exp`, say) come wrapped as [`LifecycleError::Token`].

use core::fmt;

use crate::error::{Error, JsonError};

/// Why a token response, a header value, an expiry or a session step was refused: each
/// variant one specific failure.
///
/// The error never carries secret material or token contents, so it is safe to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum LifecycleError {
    /// A token the session was given failed as a token (malformed, or an expiry claim of the
    /// wrong type): the verification error says how.
    Token(Error),
    /// The output buffer is too small; nothing usable was written.
    BufferTooSmall {
        /// The number of bytes the operation needs.
        needed: usize,
    },
    /// A login or token response is not valid JSON (or not an object, or repeats a name).
    ResponseJson(JsonError),
    /// A token response lacks a field it must have (the field's path, as the API's
    /// description writes it: `result.authentication_token`).
    MissingField(&'static str),
    /// A token response field, or an object on its path, has the wrong JSON type (the path
    /// up to that member).
    WrongFieldType(&'static str),
    /// The server refused: the response is an error body (an `error` member, RFC 6749 §5.2,
    /// or a `status` other than 2xx where the API reports one, as ImmPort does).
    ErrorResponse(ApiError),
    /// The response's `token_type` is not the one this API uses (RFC 6749 §7.1).
    UnsupportedTokenType,
    /// An RFC 3339 date-time is malformed or names an impossible time.
    DateTime(DateTimeError),
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

impl From<Error> for LifecycleError {
    fn from(e: Error) -> Self {
        match e {
            // One meaning, one variant: a buffer is too small whoever writes into it.
            Error::BufferTooSmall { needed } => LifecycleError::BufferTooSmall { needed },
            other => LifecycleError::Token(other),
        }
    }
}

impl From<DateTimeError> for LifecycleError {
    fn from(e: DateTimeError) -> Self {
        LifecycleError::DateTime(e)
    }
}

impl fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LifecycleError::Token(e) => write!(f, "token: {e}"),
            LifecycleError::BufferTooSmall { needed } => {
                write!(f, "buffer too small: {needed} bytes needed")
            }
            LifecycleError::ResponseJson(e) => write!(f, "token response: {e}"),
            LifecycleError::MissingField(path) => write!(f, "token response has no {path}"),
            LifecycleError::WrongFieldType(path) => {
                write!(f, "token response field {path} has the wrong type")
            }
            LifecycleError::ErrorResponse(e) => write!(f, "the server refused: {e}"),
            LifecycleError::UnsupportedTokenType => f.write_str("unsupported token_type"),
            LifecycleError::DateTime(e) => write!(f, "invalid RFC 3339 date-time: {e}"),
            LifecycleError::ExpiryOutOfRange => f.write_str("expiry value out of range"),
            LifecycleError::NeedsWallClock => {
                f.write_str("an absolute expiry time needs a wall clock, not a monotonic one")
            }
            LifecycleError::ClockMismatch => {
                f.write_str("clock has another time base than the session")
            }
            LifecycleError::ClockUnavailable => f.write_str("the clock could not be read"),
            LifecycleError::InvalidTokenSyntax => {
                f.write_str("token has invalid syntax for its header")
            }
            LifecycleError::ControlCharacter => f.write_str("control character in a header value"),
            LifecycleError::ColonInUserId => f.write_str("user id contains ':'"),
            LifecycleError::MalformedAuthorization => {
                f.write_str("malformed Authorization header value")
            }
            LifecycleError::NoToken => f.write_str("no access token: log in first"),
            LifecycleError::NoRefreshToken => f.write_str("no refresh token"),
        }
    }
}

impl core::error::Error for LifecycleError {}

/// What an API's error body said: its status (ImmPort's `status`) and its error code (OAuth
/// 2.0's `error`), each where present. The code is copied, up to [`ApiError::CODE_MAX`]
/// bytes, so the error stays `Copy` and borrows nothing; `error_description` is free text of
/// any length, read from the body itself with [`crate::response::error_body`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ApiError {
    /// The status the body reports, if it has one.
    pub status: Option<u16>,
    code: [u8; ApiError::CODE_MAX],
    code_len: u8,
}

impl ApiError {
    /// The most bytes of an error code kept: RFC 6749's codes are at most 25 bytes
    /// (`unsupported_response_type`); a longer one is cut at a character boundary.
    pub const CODE_MAX: usize = 32;

    /// An error with `status` and no code.
    pub const fn new(status: Option<u16>) -> Self {
        Self {
            status,
            code: [0; Self::CODE_MAX],
            code_len: 0,
        }
    }

    /// `self` with the code `chars` (control characters replaced by `?`: the error is
    /// logged), cut at [`ApiError::CODE_MAX`] bytes.
    pub fn with_code(mut self, chars: impl Iterator<Item = char>) -> Self {
        let mut len = 0;
        for c in chars {
            let c = if c.is_control() { '?' } else { c };
            let Some(slot) = self.code.get_mut(len..len + c.len_utf8()) else {
                break;
            };
            c.encode_utf8(slot);
            len += c.len_utf8();
        }
        // `len` is at most `CODE_MAX`, which fits a `u8`.
        self.code_len = len as u8;
        self
    }

    /// The error code (`invalid_grant`), if the body has one.
    pub fn code(&self) -> Option<&str> {
        let bytes = self.code.get(..usize::from(self.code_len))?;
        // Written from whole characters only.
        core::str::from_utf8(bytes).ok().filter(|s| !s.is_empty())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.status, self.code()) {
            (Some(s), Some(c)) => write!(f, "status {s}, error {c}"),
            (Some(s), None) => write!(f, "status {s}"),
            (None, Some(c)) => write!(f, "error {c}"),
            (None, None) => f.write_str("error response"),
        }
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for ApiError {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "ApiError {{ status: {}, code: {} }}",
            self.status,
            self.code()
        )
    }
}

/// Why an RFC 3339 date-time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum DateTimeError {
    /// An unexpected byte, or the end of the text, at this byte offset.
    Syntax {
        /// Byte offset of the problem.
        offset: usize,
    },
    /// The month is not 01 to 12.
    Month,
    /// The month has no such day (leap years considered).
    Day,
    /// The hour is not 00 to 23.
    Hour,
    /// The minute is not 00 to 59.
    Minute,
    /// The second is not 00 to 59 (nor a leap second at the end of a UTC day).
    Second,
    /// The offset's hour or minute is out of range.
    Offset,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateTimeError::Syntax { offset } => write!(f, "unexpected text at byte {offset}"),
            DateTimeError::Month => f.write_str("no such month"),
            DateTimeError::Day => f.write_str("no such day in that month"),
            DateTimeError::Hour => f.write_str("hour out of range"),
            DateTimeError::Minute => f.write_str("minute out of range"),
            DateTimeError::Second => f.write_str("second out of range"),
            DateTimeError::Offset => f.write_str("UTC offset out of range"),
        }
    }
}
