//! Token responses: the login and refresh answers of each API style and of OAuth 2.0
//! (RFC 6749 §5.1), read into one borrowed view, [`TokenResponse`]; and the request bodies
//! that ask for them ([`body`]).
//!
//! Where each field is found is a [`ResponseFormat`]: a list of `(`[`Field`]`, path)` pairs,
//! a field's paths tried in order, the first present one winning (ImmPort's `token`, or
//! `access_token` on some deployments; Infoworks' `result.authentication_token`). Presets
//! exist for every API style; a new API is described with a `const` of the same type.
//!
//! Rules: the whole text must be one valid JSON object, and no member the view reads (nor
//! any object on its path) may appear twice ([`LifecycleError::ResponseJson`]). A field that is
//! `null` counts as absent, except the access token, which must be a string
//! ([`LifecycleError::WrongFieldType`]). Both errors name the field's path. A missing access
//! token is [`LifecycleError::MissingField`], or [`LifecycleError::ErrorResponse`] when the
//! object has an `error` member (RFC 6749 §5.2); a [`Field::Status`] outside 200 to 299 is
//! [`LifecycleError::ErrorResponse`] whatever else the body has. Numbers may be JSON numbers or strings of digits (some
//! servers send `"expires_in":"3600"`); fractions are floored; negative or overflowing
//! values, and times outside 1970 to 9999, are [`LifecycleError::ExpiryOutOfRange`]. Strings keep
//! their escapes ([`JsonStr::decode_into`] decodes them).
//!
//! ```
//! use authcore::response::{ResponseFormat, TokenResponse};
//! let json = br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer",
//!                 "expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}"#;
//! let r = TokenResponse::parse(json, &ResponseFormat::OAUTH2).unwrap();
//! assert!(r.access_token.eq_str("2YotnFZFEjr1zCsicMWpAA"));
//! assert_eq!(r.expires_in, Some(3600));
//! ```

pub mod body;

use core::fmt;

use crate::error::JsonError;
use crate::json::{self, JsonStr, Object, Value};
use crate::lifecycle_error::{ApiError, LifecycleError};
use crate::lifetime::{MAX_LIFETIME, MAX_TIME, parse_rfc3339};
use crate::redact;

/// A field of a token response that [`TokenResponse`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Field {
    /// The access token (required).
    AccessToken,
    /// The refresh token.
    RefreshToken,
    /// The token type (`Bearer`).
    TokenType,
    /// Seconds of lifetime from now (`expires_in`).
    ExpiresIn,
    /// Seconds of lifetime of the refresh token from now (Keycloak's `refresh_expires_in`).
    RefreshExpiresIn,
    /// Expiry time in milliseconds since the Unix epoch (Aria Operations' `validity`).
    ExpiresAtMillis,
    /// Expiry time as an RFC 3339 date-time (BlueCat's `apiTokenExpirationDateTime`).
    ExpiresAtDateTime,
    /// Ready-made Basic credentials (BlueCat's `basicAuthenticationCredentials`).
    BasicCredentials,
    /// The granted scope.
    Scope,
    /// The status the body reports (ImmPort's `status`: 200, or the refusal's 4xx); one
    /// outside 200 to 299 makes the response a refusal.
    Status,
}

/// Where a token response keeps each field: `(field, path)` pairs, a path being the member
/// names from the top-level object down, joined by `.` (`"result.authentication_token"`),
/// or, for names that contain a dot, each preceded by `/` (`"/result/auth.token"`; no
/// escapes, so a path names no member whose name holds its separator). A field may have
/// several paths, tried in the order given, the first present winning; a field with none is
/// not read.
///
/// One list rather than a struct of nine lists, and dotted text rather than slices of names:
/// most APIs name two to four fields, and a path reads as the documentation writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ResponseFormat {
    /// The `(field, path)` pairs.
    pub paths: &'static [(Field, &'static str)],
}

/// OAuth 2.0's members, `access_token` and `refresh_token` first so that datarhei's format
/// is a prefix of it.
const OAUTH2_PATHS: &[(Field, &str)] = &[
    (Field::AccessToken, "access_token"),
    (Field::RefreshToken, "refresh_token"),
    (Field::TokenType, "token_type"),
    (Field::ExpiresIn, "expires_in"),
    (Field::RefreshExpiresIn, "refresh_expires_in"),
    (Field::Scope, "scope"),
];

impl ResponseFormat {
    /// A format reading the fields at `paths`.
    pub const fn new(paths: &'static [(Field, &'static str)]) -> Self {
        Self { paths }
    }

    /// OAuth 2.0 (RFC 6749 §5.1), plus `refresh_expires_in` where servers send it.
    pub const OAUTH2: Self = Self::new(OAUTH2_PATHS);

    /// ImmPort: `{"status":200,"token":"…"}`, `access_token` on some deployments; a refusal
    /// is `{"status":401,…}`.
    pub const IMMPORT: Self = Self::new(&[
        (Field::AccessToken, "token"),
        (Field::AccessToken, "access_token"),
        (Field::Status, "status"),
    ]);

    /// Infoworks v3: `{"result":{"authentication_token":"…"}}`.
    pub const INFOWORKS: Self = Self::new(&[(Field::AccessToken, "result.authentication_token")]);

    /// Aria Operations: `{"token":"…","validity":<ms>,"expiresAt":"<text>"}`. Only `validity`
    /// is read: the API documents both members in every token answer, `validity` is the
    /// exact instant, and `expiresAt` is the same instant as English prose in the server's
    /// time zone ("Wednesday, November 15, 2023 4:13:20 AM UTC"), whose wording is the
    /// server's to change; a fallback reader for it would add code for no case the API
    /// documents. Without `validity` the 6 h sliding window still bounds the token.
    pub const ARIA: Self = Self::new(&[
        (Field::AccessToken, "token"),
        (Field::ExpiresAtMillis, "validity"),
    ]);

    /// datarhei Core: `{"access_token":"…","refresh_token":"…"}` (expiry is in the JWTs).
    pub const DATARHEI: Self = Self::new(OAUTH2_PATHS.split_at(2).0);

    /// BlueCat Address Manager v2: `apiToken`, `apiTokenExpirationDateTime`,
    /// `basicAuthenticationCredentials`.
    pub const BLUECAT: Self = Self::new(&[
        (Field::AccessToken, "apiToken"),
        (Field::ExpiresAtDateTime, "apiTokenExpirationDateTime"),
        (Field::BasicCredentials, "basicAuthenticationCredentials"),
    ]);

    /// The first path of `field`, for error messages.
    pub(crate) fn name_of(&self, field: Field, or: &'static str) -> &'static str {
        match self.paths.iter().find(|(f, _)| *f == field) {
            Some((_, path)) => path,
            None => or,
        }
    }
}

/// A path's member names without their leading `/`, if any, and the separator between them.
fn split_path(path: &str) -> (&str, u8) {
    match path.strip_prefix('/') {
        Some(names) => (names, b'/'),
        None => (path, b'.'),
    }
}

/// One view of any token response, borrowed from its JSON text.
///
/// `Debug` shows the tokens and the ready-made credentials by their length only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenResponse<'a> {
    /// The access token, escapes intact.
    pub access_token: JsonStr<'a>,
    /// The refresh token.
    pub refresh_token: Option<JsonStr<'a>>,
    /// The token type.
    pub token_type: Option<JsonStr<'a>>,
    /// Seconds of lifetime from receipt.
    pub expires_in: Option<i64>,
    /// Seconds of lifetime of the refresh token from receipt.
    pub refresh_expires_in: Option<i64>,
    /// Expiry as Unix milliseconds, from epoch milliseconds or an RFC 3339 date-time.
    pub expires_at_millis: Option<i64>,
    /// Ready-made Basic credentials.
    pub basic_credentials: Option<JsonStr<'a>>,
    /// The granted scope.
    pub scope: Option<JsonStr<'a>>,
    object: Object<'a>,
}

impl fmt::Debug for TokenResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let len = |s: Option<JsonStr<'_>>| redact::opt(s.map(|s| s.raw().len()));
        f.debug_struct("TokenResponse")
            .field("access_token", &len(Some(self.access_token)))
            .field("refresh_token", &len(self.refresh_token))
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("refresh_expires_in", &self.refresh_expires_in)
            .field("expires_at_millis", &self.expires_at_millis)
            .field("basic_credentials", &len(self.basic_credentials))
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

// As `Debug`: tokens and credentials by their length only.
#[cfg(feature = "defmt")]
impl defmt::Format for TokenResponse<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        let len = |s: Option<JsonStr<'_>>| redact::opt(s.map(|s| s.raw().len()));
        defmt::write!(
            f,
            "TokenResponse {{ access_token: {}, refresh_token: {}, token_type: {}, \
             expires_in: {}, refresh_expires_in: {}, expires_at_millis: {}, \
             basic_credentials: {}, scope: {}, .. }}",
            len(Some(self.access_token)),
            len(self.refresh_token),
            self.token_type,
            self.expires_in,
            self.refresh_expires_in,
            self.expires_at_millis,
            len(self.basic_credentials),
            self.scope
        )
    }
}

impl<'a> TokenResponse<'a> {
    /// Reads a response according to `format`.
    pub fn parse(text: &'a [u8], format: &ResponseFormat) -> Result<Self, LifecycleError> {
        let root = json::parse_object(text).map_err(LifecycleError::ResponseJson)?;
        // A refusal first: its body may carry anything, a token field of another type too.
        let status = match find(root, format, Field::Status)? {
            None | Some((Value::Null, _)) => None,
            Some((v, name)) => {
                let s = integer(v, name)?;
                let s = u16::try_from(s).map_err(|_| LifecycleError::WrongFieldType(name))?;
                if !(200..300).contains(&s) {
                    return Err(LifecycleError::ErrorResponse(refusal(root, Some(s))?));
                }
                Some(s)
            }
        };
        let access_token = match find(root, format, Field::AccessToken)? {
            Some((Value::String(s), _)) => s,
            Some((_, name)) => return Err(LifecycleError::WrongFieldType(name)),
            None if unique(root, "error")?.is_some() => {
                return Err(LifecycleError::ErrorResponse(refusal(root, status)?));
            }
            None => {
                let name = format.name_of(Field::AccessToken, "access token");
                return Err(LifecycleError::MissingField(name));
            }
        };
        let mut r = TokenResponse {
            access_token,
            refresh_token: None,
            token_type: None,
            expires_in: None,
            refresh_expires_in: None,
            expires_at_millis: None,
            basic_credentials: None,
            scope: None,
            object: root,
        };
        // In this order, which decides the error reported for a response with several
        // faults; the date-time only when there are no epoch milliseconds.
        for field in [
            Field::ExpiresAtMillis,
            Field::ExpiresAtDateTime,
            Field::RefreshToken,
            Field::TokenType,
            Field::ExpiresIn,
            Field::RefreshExpiresIn,
            Field::BasicCredentials,
            Field::Scope,
        ] {
            if !(field == Field::ExpiresAtDateTime && r.expires_at_millis.is_some()) {
                r.read(format, field)?;
            }
        }
        Ok(r)
    }

    /// Reads one field other than the access token.
    fn read(&mut self, format: &ResponseFormat, field: Field) -> Result<(), LifecycleError> {
        let (value, name) = match find(self.object, format, field)? {
            None | Some((Value::Null, _)) => return Ok(()),
            Some(found) => found,
        };
        let (slot, max) = match field {
            Field::ExpiresIn => (&mut self.expires_in, MAX_LIFETIME),
            Field::RefreshExpiresIn => (&mut self.refresh_expires_in, MAX_LIFETIME),
            Field::ExpiresAtMillis => (&mut self.expires_at_millis, MAX_TIME * 1000 + 999),
            _ => {
                let Value::String(s) = value else {
                    return Err(LifecycleError::WrongFieldType(name));
                };
                match field {
                    Field::ExpiresAtDateTime => {
                        self.expires_at_millis = Some(date_time_millis(s)?);
                    }
                    Field::RefreshToken => self.refresh_token = Some(s),
                    Field::TokenType => self.token_type = Some(s),
                    Field::BasicCredentials => self.basic_credentials = Some(s),
                    _ => self.scope = Some(s),
                }
                return Ok(());
            }
        };
        let n = integer(value, name)?;
        if !(0..=max).contains(&n) {
            return Err(LifecycleError::ExpiryOutOfRange);
        }
        *slot = Some(n);
        Ok(())
    }

    /// The whole response object, for fields the view does not cover (Aria's `roles`,
    /// BlueCat's `id`).
    pub fn object(&self) -> Object<'a> {
        self.object
    }
}

/// The first present, non-null value among the paths of `field`, with its path; a `null`
/// only when no path has anything else. A member on the way that is not an object is
/// named by the path up to it.
fn find<'a>(
    root: Object<'a>,
    format: &ResponseFormat,
    field: Field,
) -> Result<Option<(Value<'a>, &'static str)>, LifecycleError> {
    let mut null = None;
    'paths: for &(f, path) in format.paths {
        if f != field {
            continue;
        }
        let mut object = root;
        let (mut rest, sep) = split_path(path);
        loop {
            // By bytes: `split_once` is several times the code.
            let (name, tail) = match rest.bytes().position(|b| b == sep) {
                Some(at) => (rest.get(..at).unwrap_or_default(), rest.get(at + 1..)),
                None => (rest, None),
            };
            // `rest` ends where `path` does, so this is `path` up to and with `name`.
            let upto = path
                .get(..path.len() - rest.len() + name.len())
                .unwrap_or(path);
            match (unique(object, name)?, tail) {
                (Some(Value::Object(o)), Some(tail)) => {
                    object = o;
                    rest = tail;
                }
                (None, _) | (Some(Value::Null), Some(_)) => continue 'paths,
                (Some(_), Some(_)) => return Err(LifecycleError::WrongFieldType(upto)),
                (Some(Value::Null), None) => {
                    null = null.or(Some((Value::Null, path)));
                    continue 'paths;
                }
                (Some(v), None) => return Ok(Some((v, path))),
            }
        }
    }
    Ok(null)
}

/// The member `name` of `object`, refusing a name that appears twice: a response with two
/// access tokens is ambiguous. Only the names read are checked (one pass each), not every
/// pair of members.
fn unique<'a>(object: Object<'a>, name: &str) -> Result<Option<Value<'a>>, LifecycleError> {
    let mut found = None;
    for (key, value) in object.members() {
        if key.eq_str(name) {
            if found.is_some() {
                return Err(LifecycleError::ResponseJson(JsonError::DuplicateKey));
            }
            found = Some(value);
        }
    }
    Ok(found)
}

/// An integer from a JSON number (floored) or a string of decimal digits.
fn integer(value: Value<'_>, name: &'static str) -> Result<i64, LifecycleError> {
    match value {
        // The grammar is validated, so `None` here means outside `i64`.
        Value::Number(n) => json::parse_number_floor(n)
            .map(|(v, _)| v)
            .ok_or(LifecycleError::ExpiryOutOfRange),
        Value::String(s) => {
            let digits = s
                .as_str()
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(LifecycleError::WrongFieldType(name))?;
            digits
                .bytes()
                .try_fold(0i64, |acc, d| {
                    acc.checked_mul(10)?.checked_add(i64::from(d - b'0'))
                })
                .ok_or(LifecycleError::ExpiryOutOfRange)
        }
        _ => Err(LifecycleError::WrongFieldType(name)),
    }
}

fn date_time_millis(s: JsonStr<'_>) -> Result<i64, LifecycleError> {
    // A date-time is at most ~40 bytes; decode escapes (`\u002B` for `+`) on the stack.
    let mut buf = [0u8; 64];
    let text = s.decode_into(&mut buf).map_err(|_| {
        LifecycleError::DateTime(crate::lifetime::DateTimeError::Syntax { offset: 64 })
    })?;
    let t = parse_rfc3339(text).map_err(LifecycleError::DateTime)?;
    if t.secs < 0 {
        return Err(LifecycleError::ExpiryOutOfRange);
    }
    Ok(t.unix_millis())
}

/// The refusal an error body makes: `status`, and the `error` code where the body has one
/// as a string.
fn refusal(root: Object<'_>, status: Option<u16>) -> Result<ApiError, LifecycleError> {
    let e = ApiError::new(status);
    Ok(match unique(root, "error")? {
        Some(Value::String(code)) => e.with_code(code.chars()),
        _ => e,
    })
}

/// An API's error body, borrowed from its text: what [`LifecycleError::ErrorResponse`]
/// summarizes, with the free-text description it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ErrorBody<'a> {
    /// The top-level `status` (ImmPort), if it is an integer.
    pub status: Option<i64>,
    /// The `error` code (RFC 6749 §5.2), escapes intact.
    pub error: Option<JsonStr<'a>>,
    /// The `error_description`, escapes intact.
    pub description: Option<JsonStr<'a>>,
}

/// The error members of a response body (`status`, `error`, `error_description`, each read
/// where it has the type it should, else left out), for showing a refusal
/// ([`LifecycleError::ErrorResponse`]) in full. Refuses only text that is not one JSON
/// object, or that repeats one of those names.
pub fn error_body(text: &[u8]) -> Result<ErrorBody<'_>, LifecycleError> {
    let root = json::parse_object(text).map_err(LifecycleError::ResponseJson)?;
    let string = |name| match unique(root, name) {
        Ok(Some(Value::String(s))) => Ok(Some(s)),
        Ok(_) => Ok(None),
        Err(e) => Err(e),
    };
    Ok(ErrorBody {
        status: unique(root, "status")?.and_then(|v| v.as_i64()),
        error: string("error")?,
        description: string("error_description")?,
    })
}

/// The path of Infoworks' token validation answer.
pub const INFOWORKS_VALID: &str = "result.is_valid";

/// Reads Infoworks' token validation answer (`GET /v3/security/token/validate`:
/// `{"result":{"is_valid":true}}`): whether the server still takes the token.
/// [`LifecycleError::MissingField`] or [`LifecycleError::WrongFieldType`] (naming
/// `result.is_valid`) when it is absent or not a boolean, [`LifecycleError::ErrorResponse`]
/// for an error body.
pub fn infoworks_valid(text: &[u8]) -> Result<bool, LifecycleError> {
    // `find` walks a format's paths for one field; which field names this one is moot.
    const FORMAT: ResponseFormat = ResponseFormat::new(&[(Field::Scope, INFOWORKS_VALID)]);
    let root = json::parse_object(text).map_err(LifecycleError::ResponseJson)?;
    match find(root, &FORMAT, Field::Scope)? {
        Some((Value::Bool(b), _)) => Ok(b),
        Some((_, path)) => Err(LifecycleError::WrongFieldType(path)),
        None if unique(root, "error")?.is_some() => {
            Err(LifecycleError::ErrorResponse(refusal(root, None)?))
        }
        None => Err(LifecycleError::MissingField(INFOWORKS_VALID)),
    }
}
