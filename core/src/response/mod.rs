//! Token responses: the login and refresh answers of each API style and of OAuth 2.0
//! (RFC 6749 §5.1), read into one borrowed view, [`TokenResponse`]; and the request bodies
//! that ask for them ([`body`]).
//!
//! Where each field is found is a [`ResponseFormat`]: for each field a list of alternative
//! paths, the first present one winning (ImmPort's `token`, or `access_token` on some
//! deployments; Infoworks' `result.authentication_token`). Presets exist for every API style;
//! a new API is described with a `const` of the same type.
//!
//! Rules: the whole text must be one valid JSON object, and no member the view reads (nor
//! any object on its path) may appear twice ([`Error::ResponseJson`]). A field that is
//! `null` counts as absent, except the access token, which must be a string
//! ([`Error::WrongFieldType`]). A missing access
//! token is [`Error::MissingField`], or [`Error::ErrorResponse`] when the object has an
//! `error` member (RFC 6749 §5.2). Numbers may be JSON numbers or strings of digits (some
//! servers send `"expires_in":"3600"`); fractions are floored; negative or overflowing
//! values, and times outside 1970 to 9999, are [`Error::ExpiryOutOfRange`]. Strings keep
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

use crate::error::{Error, JsonError};
use crate::json::{self, JsonStr, Object, Value};
use crate::lifetime::{MAX_LIFETIME, MAX_TIME, parse_rfc3339};
use crate::redact;

/// A path of member names from the top-level object down to a field.
pub type FieldPath = &'static [&'static str];

/// Where a token response keeps each field: alternative paths, the first present winning;
/// an empty list means the API has no such field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseFormat {
    /// The access token (required).
    pub access_token: &'static [FieldPath],
    /// The refresh token.
    pub refresh_token: &'static [FieldPath],
    /// The token type (`Bearer`).
    pub token_type: &'static [FieldPath],
    /// Seconds of lifetime from now (`expires_in`).
    pub expires_in: &'static [FieldPath],
    /// Seconds of lifetime of the refresh token from now (Keycloak's `refresh_expires_in`).
    pub refresh_expires_in: &'static [FieldPath],
    /// Expiry time in milliseconds since the Unix epoch (Aria Operations' `validity`).
    pub expires_at_millis: &'static [FieldPath],
    /// Expiry time as an RFC 3339 date-time (BlueCat's `apiTokenExpirationDateTime`).
    pub expires_at_date_time: &'static [FieldPath],
    /// Ready-made Basic credentials (BlueCat's `basicAuthenticationCredentials`).
    pub basic_credentials: &'static [FieldPath],
    /// The granted scope.
    pub scope: &'static [FieldPath],
}

impl ResponseFormat {
    /// A format that reads nothing but the access token at `path`.
    pub const fn token_at(path: &'static [FieldPath]) -> Self {
        Self {
            access_token: path,
            refresh_token: &[],
            token_type: &[],
            expires_in: &[],
            refresh_expires_in: &[],
            expires_at_millis: &[],
            expires_at_date_time: &[],
            basic_credentials: &[],
            scope: &[],
        }
    }

    /// OAuth 2.0 (RFC 6749 §5.1), plus `refresh_expires_in` where servers send it.
    pub const OAUTH2: Self = Self {
        refresh_token: &[&["refresh_token"]],
        token_type: &[&["token_type"]],
        expires_in: &[&["expires_in"]],
        refresh_expires_in: &[&["refresh_expires_in"]],
        scope: &[&["scope"]],
        ..Self::token_at(&[&["access_token"]])
    };

    /// ImmPort: `{"status":200,"token":"…"}`, `access_token` on some deployments.
    pub const IMMPORT: Self = Self::token_at(&[&["token"], &["access_token"]]);

    /// Infoworks v3: `{"result":{"authentication_token":"…"}}`.
    pub const INFOWORKS: Self = Self::token_at(&[&["result", "authentication_token"]]);

    /// Aria Operations: `{"token":"…","validity":<ms>,"expiresAt":"<text>"}` (`expiresAt` is
    /// free text, not RFC 3339, so `validity` is the one read).
    pub const ARIA: Self = Self {
        expires_at_millis: &[&["validity"]],
        ..Self::token_at(&[&["token"]])
    };

    /// datarhei Core: `{"access_token":"…","refresh_token":"…"}` (expiry is in the JWTs).
    pub const DATARHEI: Self = Self {
        refresh_token: &[&["refresh_token"]],
        ..Self::token_at(&[&["access_token"]])
    };

    /// BlueCat Address Manager v2: `apiToken`, `apiTokenExpirationDateTime`,
    /// `basicAuthenticationCredentials`.
    pub const BLUECAT: Self = Self {
        expires_at_date_time: &[&["apiTokenExpirationDateTime"]],
        basic_credentials: &[&["basicAuthenticationCredentials"]],
        ..Self::token_at(&[&["apiToken"]])
    };
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

impl<'a> TokenResponse<'a> {
    /// Reads a response according to `format`.
    pub fn parse(text: &'a [u8], format: &ResponseFormat) -> Result<Self, Error> {
        let root = json::parse_object(text).map_err(Error::ResponseJson)?;
        let access_token = match find(root, format.access_token)? {
            Some((Value::String(s), _)) => s,
            Some((_, name)) => return Err(Error::WrongFieldType(name)),
            None if unique(root, "error")?.is_some() => return Err(Error::ErrorResponse),
            None => {
                let name = format
                    .access_token
                    .first()
                    .and_then(|p| p.last())
                    .copied()
                    .unwrap_or("access token");
                return Err(Error::MissingField(name));
            }
        };
        let expires_at_millis = match number(root, format.expires_at_millis)? {
            Some(ms) if (0..=MAX_TIME.saturating_mul(1000) + 999).contains(&ms) => Some(ms),
            Some(_) => return Err(Error::ExpiryOutOfRange),
            None => match string(root, format.expires_at_date_time)? {
                Some(s) => Some(date_time_millis(s)?),
                None => None,
            },
        };
        Ok(TokenResponse {
            access_token,
            refresh_token: string(root, format.refresh_token)?,
            token_type: string(root, format.token_type)?,
            expires_in: lifetime(root, format.expires_in)?,
            refresh_expires_in: lifetime(root, format.refresh_expires_in)?,
            expires_at_millis,
            basic_credentials: string(root, format.basic_credentials)?,
            scope: string(root, format.scope)?,
            object: root,
        })
    }

    /// The whole response object, for fields the view does not cover (Aria's `roles`,
    /// BlueCat's `id`).
    pub fn object(&self) -> Object<'a> {
        self.object
    }
}

/// The first present, non-null value among `paths`, with the name of its last member; a
/// `null` only when no path has anything else.
fn find<'a>(
    root: Object<'a>,
    paths: &[FieldPath],
) -> Result<Option<(Value<'a>, &'static str)>, Error> {
    let mut null = None;
    'paths: for path in paths {
        let Some((last, parents)) = path.split_last() else {
            continue;
        };
        let mut object = root;
        for name in parents {
            match unique(object, name)? {
                Some(Value::Object(o)) => object = o,
                None | Some(Value::Null) => continue 'paths,
                Some(_) => return Err(Error::WrongFieldType(name)),
            }
        }
        match unique(object, last)? {
            None => {}
            Some(Value::Null) => null = null.or(Some((Value::Null, *last))),
            Some(v) => return Ok(Some((v, last))),
        }
    }
    Ok(null)
}

/// The member `name` of `object`, refusing a name that appears twice: a response with two
/// access tokens is ambiguous. Only the names read are checked (one pass each), not every
/// pair of members.
fn unique<'a>(object: Object<'a>, name: &str) -> Result<Option<Value<'a>>, Error> {
    let mut found = None;
    for (key, value) in object.members() {
        if key.eq_str(name) {
            if found.is_some() {
                return Err(Error::ResponseJson(JsonError::DuplicateKey));
            }
            found = Some(value);
        }
    }
    Ok(found)
}

fn string<'a>(root: Object<'a>, paths: &[FieldPath]) -> Result<Option<JsonStr<'a>>, Error> {
    match find(root, paths)? {
        None | Some((Value::Null, _)) => Ok(None),
        Some((Value::String(s), _)) => Ok(Some(s)),
        Some((_, name)) => Err(Error::WrongFieldType(name)),
    }
}

/// An integer from a JSON number (floored) or a string of decimal digits.
fn number(root: Object<'_>, paths: &[FieldPath]) -> Result<Option<i64>, Error> {
    match find(root, paths)? {
        None | Some((Value::Null, _)) => Ok(None),
        // The grammar is validated, so `None` here means outside `i64`.
        Some((Value::Number(n), _)) => json::parse_number_floor(n)
            .map(|(v, _)| Some(v))
            .ok_or(Error::ExpiryOutOfRange),
        Some((Value::String(s), name)) => {
            let digits = s
                .as_str()
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(Error::WrongFieldType(name))?;
            digits
                .bytes()
                .try_fold(0i64, |acc, d| {
                    acc.checked_mul(10)?.checked_add(i64::from(d - b'0'))
                })
                .map(Some)
                .ok_or(Error::ExpiryOutOfRange)
        }
        Some((_, name)) => Err(Error::WrongFieldType(name)),
    }
}

fn lifetime(root: Object<'_>, paths: &[FieldPath]) -> Result<Option<i64>, Error> {
    match number(root, paths)? {
        Some(v) if !(0..=MAX_LIFETIME).contains(&v) => Err(Error::ExpiryOutOfRange),
        v => Ok(v),
    }
}

fn date_time_millis(s: JsonStr<'_>) -> Result<i64, Error> {
    // A date-time is at most ~40 bytes; decode escapes (`\u002B` for `+`) on the stack.
    let mut buf = [0u8; 64];
    let text = s
        .decode_into(&mut buf)
        .map_err(|_| Error::DateTime(crate::lifetime::DateTimeError::Syntax { offset: 64 }))?;
    let t = parse_rfc3339(text).map_err(Error::DateTime)?;
    if t.secs < 0 {
        return Err(Error::ExpiryOutOfRange);
    }
    Ok(t.unix_millis())
}
