//! The description of one API: where its response keeps the tokens, how they are sent and
//! renewed, and where their expiry comes from. A plain `const`-constructible struct, so a
//! new API is described without writing code:
//!
//! ```
//! use authcore::authz::HeaderStyle;
//! use authcore::lifetime::RefreshPolicy;
//! use authcore::response::{Field, ResponseFormat};
//! use authcore::session::{ApiProfile, ExpirySource, LoginStyle, RefreshStyle};
//!
//! /// A gateway answering `{"data":{"jwt":"…","ttl":900}}`, sending `Token <jwt>`.
//! const GATEWAY: ApiProfile = ApiProfile {
//!     name: "gateway",
//!     response: ResponseFormat::new(&[
//!         (Field::AccessToken, "data.jwt"),
//!         (Field::ExpiresIn, "data.ttl"),
//!     ]),
//!     header: HeaderStyle::Custom("Token"),
//!     expiry: ExpirySource::ExpiresIn,
//!     ..ApiProfile::new("gateway")
//! };
//! ```

use core::fmt;

use crate::authz::{self, HeaderStyle};
use crate::lifetime::RefreshPolicy;
use crate::response::{Field, ResponseFormat};

/// How the session logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum LoginStyle {
    /// POST `{"username":…,"password":…}` (plus `authSource` when given) as JSON.
    JsonBody,
    /// POST `username=…&password=…` form-encoded (ImmPort's token call).
    FormBody,
    /// `Authorization: Basic base64(user:password)`, no body (Infoworks).
    BasicHeader,
    /// The OAuth 2.0 password grant (RFC 6749 §4.3), form-encoded, with the profile's
    /// `scope` and `client_id`.
    OAuthPassword,
}

/// How the session renews an access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum RefreshStyle {
    /// The API has no refresh call: log in again.
    None,
    /// Send the refresh token in the `Authorization` header in this style, no body
    /// (datarhei: `Bearer`; Infoworks: bare).
    Header(HeaderStyle),
    /// The OAuth 2.0 refresh grant (RFC 6749 §6), form-encoded.
    OAuthForm,
}

/// Where a token's expiry comes from.
///
/// When the source gives nothing (no `exp` claim, no `expires_in`), the profile's
/// `default_lifetime` is used if set; otherwise the token has no known expiry and stays
/// fresh until the server refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ExpirySource {
    /// Nothing: only `default_lifetime`, if any.
    None,
    /// The token is a JWT: its `exp` on a wall clock (anchored at receipt with `exp - iat`
    /// when the clock disagrees with `iat` by more than the policy's `max_skew`), `exp - iat`
    /// anchored at receipt on a monotonic clock. Read without checking the signature: the
    /// client only needs to know when to renew.
    JwtExp,
    /// The token is a JWT: always `exp - iat` anchored at receipt, for devices whose clock
    /// cannot be trusted at all.
    JwtLifetime,
    /// The token is a JWT with a custom claim giving its lifetime in seconds (datarhei's
    /// `exi`), anchored at receipt.
    JwtSeconds(&'static str),
    /// The response's `expires_in` (for the refresh token: `refresh_expires_in`), anchored at
    /// receipt.
    ExpiresIn,
    /// The response's absolute expiry (epoch milliseconds or RFC 3339). On a monotonic clock
    /// only usable with a sliding window (anchored at receipt); otherwise
    /// [`crate::LifecycleError::NeedsWallClock`].
    ExpiresAt,
    /// A fixed window of this many seconds from receipt (ImmPort: 60).
    FixedWindow(u32),
}

/// Everything the session needs to know about one API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ApiProfile {
    /// A name for logs.
    pub name: &'static str,
    /// Where the response keeps the tokens.
    pub response: ResponseFormat,
    /// How to log in.
    pub login: LoginStyle,
    /// How the access token is sent.
    pub header: HeaderStyle,
    /// How the access token is renewed.
    pub refresh: RefreshStyle,
    /// Where the access token's expiry comes from.
    pub expiry: ExpirySource,
    /// Where the refresh token's expiry comes from (`JwtExp` reads the refresh token's own
    /// claims).
    pub refresh_expiry: ExpirySource,
    /// A sliding window in seconds: each [`crate::session::AuthSession::touch`] extends the
    /// access token to at least now + window.
    pub sliding_window: Option<u32>,
    /// The access token's lifetime in seconds when the expiry source gives none.
    pub default_lifetime: Option<u32>,
    /// Refresh margin, leeway and tolerated clock skew.
    pub policy: RefreshPolicy,
    /// The `token_type` the response must have, if it has one (compared ignoring case).
    pub token_type: Option<&'static str>,
    /// `scope` for OAuth 2.0 grants.
    pub scope: Option<&'static str>,
    /// `client_id` for OAuth 2.0 grants by public clients.
    pub client_id: Option<&'static str>,
}

impl ApiProfile {
    /// A starting point for describing an API: OAuth 2.0 field names, JSON login, `Bearer`,
    /// no refresh call, `expires_in`, the default policy.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            response: ResponseFormat::OAUTH2,
            login: LoginStyle::JsonBody,
            header: HeaderStyle::Bearer,
            refresh: RefreshStyle::None,
            expiry: ExpirySource::ExpiresIn,
            refresh_expiry: ExpirySource::None,
            sliding_window: None,
            default_lifetime: None,
            policy: RefreshPolicy::DEFAULT,
            token_type: None,
            scope: None,
            client_id: None,
        }
    }

    /// OAuth 2.0 (RFC 6749): password grant, `Bearer`, `expires_in`, refresh grant with
    /// `refresh_expires_in` when given; `token_type` must be `Bearer`. Set `client_id` and
    /// `scope` with struct update syntax: `ApiProfile { client_id: Some("x"), ..OAUTH2 }`.
    pub const OAUTH2: Self = Self {
        login: LoginStyle::OAuthPassword,
        refresh: RefreshStyle::OAuthForm,
        refresh_expiry: ExpirySource::ExpiresIn,
        token_type: Some("Bearer"),
        ..Self::new("OAuth 2.0")
    };

    /// ImmPort: form login, `{"status":200,"token":…}`, `bearer` in lower case, a token must
    /// be used within 60 s of issue (pin it at request start with
    /// [`crate::session::AuthSession::pin`]). The margin is 15 s and the leeway 5 s.
    pub const IMMPORT: Self = Self {
        response: ResponseFormat::IMMPORT,
        login: LoginStyle::FormBody,
        header: HeaderStyle::LowerBearer,
        expiry: ExpirySource::FixedWindow(60),
        policy: RefreshPolicy {
            margin_secs: 15,
            margin_permille: 0,
            ..RefreshPolicy::DEFAULT
        },
        ..Self::new("ImmPort")
    };

    /// Infoworks v3: Basic login, `result.authentication_token`, `Bearer`, JWT `exp` (15
    /// minutes when the token has none: the API's default lifetime). The refresh token is
    /// an opaque, long-lived string the user copies from their profile settings (see
    /// [`crate::session::AuthSession::set_refresh_token`]); login does not return it, its
    /// expiry is unknown, and the refresh call sends it as `Authorization: Basic
    /// <refresh_token>`, as the API's reference says. Logging out blacklists the access token
    /// only: [`crate::session::AuthSession::forget_access_token`] keeps the refresh token.
    pub const INFOWORKS: Self = Self {
        response: ResponseFormat::INFOWORKS,
        login: LoginStyle::BasicHeader,
        // `Custom("Basic")`, not `BasicReadyMade`: the token is sent as it was given, and
        // nothing says it is `token68`; any visible text without spaces goes.
        refresh: RefreshStyle::Header(HeaderStyle::Custom("Basic")),
        expiry: ExpirySource::JwtExp,
        refresh_expiry: ExpirySource::None,
        default_lifetime: Some(15 * 60),
        ..Self::new("Infoworks")
    };

    /// VMware Aria Operations: JSON login (with `authSource`), `OpsToken`, `validity` in epoch
    /// milliseconds, sliding 6 h from the last call.
    ///
    /// Expiry: `validity` only; `expiresAt`, the same instant as English prose, is not read
    /// (see [`ResponseFormat::ARIA`]). Release (`POST /suite-api/api/auth/token/release`)
    /// is a logout: send it with [`crate::session::AuthSession::authorization`] as its
    /// `Authorization` header (`OpsToken <token>`), then
    /// [`crate::session::AuthSession::clear`] (the API has no refresh token, so
    /// [`crate::session::AuthSession::forget_access_token`] does the same). Clear even when
    /// the release fails: a released or unreachable token is of no further use.
    pub const ARIA: Self = Self {
        response: ResponseFormat::ARIA,
        header: HeaderStyle::Custom("OpsToken"),
        expiry: ExpirySource::ExpiresAt,
        sliding_window: Some(6 * 3600),
        ..Self::new("Aria Operations")
    };

    /// Older vRealize Operations releases: as [`ApiProfile::ARIA`] with `vRealizeOpsToken`.
    pub const VREALIZE: Self = Self {
        header: HeaderStyle::Custom("vRealizeOpsToken"),
        name: "vRealize Operations",
        ..Self::ARIA
    };

    /// datarhei Core: JSON login, `access_token`/`refresh_token` JWTs, `Bearer`, expiry from
    /// each JWT's `exp` (with `iat` for skewed or monotonic clocks); refresh with the refresh
    /// token as `Bearer`.
    pub const DATARHEI: Self = Self {
        response: ResponseFormat::DATARHEI,
        refresh: RefreshStyle::Header(HeaderStyle::Bearer),
        expiry: ExpirySource::JwtExp,
        refresh_expiry: ExpirySource::JwtExp,
        ..Self::new("datarhei Core")
    };

    /// BlueCat Address Manager v2: JSON login, `Basic <basicAuthenticationCredentials>`,
    /// RFC 3339 `apiTokenExpirationDateTime`. A response without the ready-made credentials
    /// needs the user name: [`crate::session::AuthSession::accept_login_for`] builds
    /// `base64(username:apiToken)`.
    pub const BLUECAT: Self = Self {
        response: ResponseFormat::BLUECAT,
        header: HeaderStyle::BasicReadyMade,
        expiry: ExpirySource::ExpiresAt,
        ..Self::new("BlueCat Address Manager")
    };
}

/// What is wrong with an [`ApiProfile`], as [`ApiProfile::check`] finds it: each a mistake
/// that would otherwise surface only at the first request or response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ProfileError {
    /// A response path is empty (`""`, or `"/"` alone).
    EmptyPath(Field),
    /// A response path has an empty member name (`"a..b"`, `".a"`, `"a."`, `"/a//b"`).
    EmptyPathSegment(Field),
    /// The response format has no path for the access token.
    NoAccessTokenPath,
    /// A custom header scheme (access or refresh) is not an RFC 7230 `token`.
    InvalidScheme,
    /// A window or lifetime of 0 seconds: `sliding_window`, `default_lifetime` or
    /// `FixedWindow`.
    ZeroWindow,
    /// `margin_permille` above 1000.
    MarginPermille,
    /// `JwtSeconds` with an empty claim name.
    EmptyClaim,
    /// The expiry source or header style reads a field the response format does not
    /// provide (`ExpiresIn` without an `expires_in` path, say): the field it needs.
    FieldNeeded(Field),
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyPath(field) => write!(f, "empty response path for {field:?}"),
            Self::EmptyPathSegment(field) => {
                write!(f, "response path for {field:?} has an empty member name")
            }
            Self::NoAccessTokenPath => f.write_str("no response path for the access token"),
            Self::InvalidScheme => f.write_str("header scheme is not an RFC 7230 token"),
            Self::ZeroWindow => f.write_str("a window or lifetime of 0 seconds"),
            Self::MarginPermille => f.write_str("margin_permille above 1000"),
            Self::EmptyClaim => f.write_str("JwtSeconds with an empty claim name"),
            Self::FieldNeeded(field) => {
                write!(f, "the response format has no path for {field:?}")
            }
        }
    }
}

impl core::error::Error for ProfileError {}

/// Whether `path` names at least one member and no empty one (see [`ResponseFormat`]).
fn check_path(field: Field, path: &str) -> Result<(), ProfileError> {
    let (names, sep) = match path.strip_prefix('/') {
        Some(names) => (names, '/'),
        None => (path, '.'),
    };
    if names.is_empty() {
        return Err(ProfileError::EmptyPath(field));
    }
    if names.split(sep).any(str::is_empty) {
        return Err(ProfileError::EmptyPathSegment(field));
    }
    Ok(())
}

/// The scheme a header style writes, if it is the profile's own text.
fn check_header(style: HeaderStyle) -> Result<(), ProfileError> {
    match style {
        HeaderStyle::Custom(scheme) if !authz::is_scheme(scheme) => {
            Err(ProfileError::InvalidScheme)
        }
        _ => Ok(()),
    }
}

impl ApiProfile {
    /// Whether the profile is one the session can follow: every response path well formed,
    /// an access token path, custom schemes that are RFC 7230 tokens, no zero-second window,
    /// a margin of at most 1000 ‰, and a path for every field the expiry sources and header
    /// styles read. Every preset passes; a profile built at run time (the C and Python
    /// descriptions) is checked before a session is made from it.
    ///
    /// ```
    /// use authcore::response::{Field, ResponseFormat};
    /// use authcore::session::{ApiProfile, ExpirySource, ProfileError};
    ///
    /// let p = ApiProfile {
    ///     response: ResponseFormat::new(&[(Field::AccessToken, "token")]),
    ///     expiry: ExpirySource::ExpiresIn,
    ///     ..ApiProfile::new("gateway")
    /// };
    /// assert_eq!(p.check(), Err(ProfileError::FieldNeeded(Field::ExpiresIn)));
    /// ```
    pub fn check(&self) -> Result<(), ProfileError> {
        for &(field, path) in self.response.paths {
            check_path(field, path)?;
        }
        let has = |field: Field| self.response.paths.iter().any(|(f, _)| *f == field);
        if !has(Field::AccessToken) {
            return Err(ProfileError::NoAccessTokenPath);
        }
        check_header(self.header)?;
        if let RefreshStyle::Header(style) = self.refresh {
            check_header(style)?;
        }
        for style in [Some(self.header), self.refresh_header()] {
            if style == Some(HeaderStyle::BasicReadyMade) && !has(Field::BasicCredentials) {
                return Err(ProfileError::FieldNeeded(Field::BasicCredentials));
            }
        }
        if self.sliding_window == Some(0) || self.default_lifetime == Some(0) {
            return Err(ProfileError::ZeroWindow);
        }
        if self.policy.margin_permille > 1000 {
            return Err(ProfileError::MarginPermille);
        }
        // The refresh token's `ExpiresAt` reads nothing (no response field dates it), so
        // only the access token's needs a path.
        for (source, expires_in, is_access) in [
            (self.expiry, Field::ExpiresIn, true),
            (self.refresh_expiry, Field::RefreshExpiresIn, false),
        ] {
            match source {
                ExpirySource::FixedWindow(0) => return Err(ProfileError::ZeroWindow),
                ExpirySource::JwtSeconds("") => return Err(ProfileError::EmptyClaim),
                ExpirySource::ExpiresIn if !has(expires_in) => {
                    return Err(ProfileError::FieldNeeded(expires_in));
                }
                ExpirySource::ExpiresAt
                    if is_access
                        && !has(Field::ExpiresAtMillis)
                        && !has(Field::ExpiresAtDateTime) =>
                {
                    return Err(ProfileError::FieldNeeded(Field::ExpiresAtMillis));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The header style of the refresh call, if it sends one.
    fn refresh_header(&self) -> Option<HeaderStyle> {
        match self.refresh {
            RefreshStyle::Header(style) => Some(style),
            _ => None,
        }
    }
}
