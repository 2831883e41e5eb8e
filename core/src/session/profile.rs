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

use crate::authz::HeaderStyle;
use crate::lifetime::RefreshPolicy;
use crate::response::ResponseFormat;

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
    /// RFC 3339 `apiTokenExpirationDateTime`.
    pub const BLUECAT: Self = Self {
        response: ResponseFormat::BLUECAT,
        header: HeaderStyle::BasicReadyMade,
        expiry: ExpirySource::ExpiresAt,
        ..Self::new("BlueCat Address Manager")
    };
}
