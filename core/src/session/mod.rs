//! [`AuthSession`]: the token lifecycle of one API, composed from [`crate::response`],
//! [`crate::lifetime`] and [`crate::authz`].
//!
//! The session keeps the access and refresh tokens in `heapless` strings of `N` bytes each
//! (zeroized on drop and when replaced; `Debug` never shows them), knows the API's
//! [`ApiProfile`], and, asked with a clock, says what to do next ([`Next`]): send the
//! request with this header, refresh now with this request, or log in again. HTTP stays with
//! the caller.
//!
//! ```
//! use authcore::clock::ManualClock;
//! use authcore::session::{ApiProfile, AuthSession, Next};
//!
//! let clock = ManualClock::unix(1_700_000_000);
//! let mut session = AuthSession::<512>::new(ApiProfile::OAUTH2);
//! let mut buf = [0u8; 600];
//! assert!(matches!(session.next(&clock, &mut buf), Ok(Next::LogIn { remaining: None, .. })));
//!
//! session.accept_login(br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer",
//!     "expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}"#, &clock).unwrap();
//! match session.next(&clock, &mut buf).unwrap() {
//!     Next::Send { authorization, .. } => assert_eq!(authorization, "Bearer 2YotnFZFEjr1zCsicMWpAA"),
//!     other => panic!("{other:?}"),
//! }
//! clock.advance(3300); // inside the refresh margin (360 s = 10 % of 3600)
//! match session.next(&clock, &mut buf).unwrap() {
//!     Next::Refresh { request, remaining } => {
//!         assert_eq!(request.body, Some("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"));
//!         assert_eq!(remaining, Some(295)); // still usable meanwhile (5 s leeway deducted)
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```
//!
//! # The state machine
//!
//! The session holds an access token (with its tracker) or none, and a refresh token or
//! none. [`AuthSession::next`] reads the access token's [`Status`] at the clock's time and
//! answers:
//!
//! | access token | refresh possible¹ | answer |
//! |---|---|---|
//! | fresh | any | `Send { authorization, remaining }` |
//! | inside the margin, sliding window² | any | `Send { authorization, remaining }` |
//! | inside the margin | yes | `Refresh { request, remaining: Some(_) }` (the current header from [`AuthSession::authorization`]) |
//! | inside the margin | no | `LogIn { remaining: Some(_), authorization: Some(_) }` |
//! | expired or none | yes | `Refresh { request, remaining: None }` |
//! | expired or none | no | `LogIn { remaining: None, authorization: None }` |
//!
//! ¹ The API has a refresh call and the session holds a refresh token that has not
//! expired. ² A call slides the window ([`AuthSession::touch`]), so using the token renews
//! it; it is renewed by logging in only once it has expired.
//!
//! So while the access token works an answer always lets the caller send with it, and
//! once it has expired none does (`tests/api_styles.rs` checks this over random event
//! sequences). The events that change the state: [`AuthSession::accept_login`] (or
//! [`AuthSession::accept_login_for`], which knows the user) and
//! [`AuthSession::accept_refresh`] (new tokens; a response without a refresh token keeps
//! the current one; a refused or unreadable response changes nothing),
//! [`AuthSession::set_refresh_token`], [`AuthSession::touch`] (slides a sliding window),
//! [`AuthSession::pin`] / [`AuthSession::unpin`] (the status at the pin
//! holds until unpinned), [`AuthSession::forget_access_token`] (logout that blacklists the
//! access token only), [`AuthSession::forget_refresh_token`] (the server refused it), and
//! [`AuthSession::clear`] (both); and the clock.

mod profile;

pub use crate::response::body::Credentials;
pub use profile::{ApiProfile, ExpirySource, LoginStyle, ProfileError, RefreshStyle};

use core::fmt;

use zeroize::{Zeroize, Zeroizing};

use crate::authz::{self, HeaderStyle};
use crate::claim::Claim;
use crate::claims::Claims;
use crate::clock::{Clock, TimeBase};
use crate::error::{Error, Part};
use crate::json::{JsonStr, Value};
use crate::jwt::RawToken;
use crate::lifecycle_error::LifecycleError;
use crate::lifetime::{Expiry, Status, Tracker};
use crate::redact::{self, Redacted};
use crate::response::{Field, TokenResponse, body};

/// What to do next. `Debug` shows the `Authorization` value by its length only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Next<'b> {
    /// Send the request with this `Authorization` value; the token has `remaining` seconds.
    Send {
        /// The `Authorization` header value.
        authorization: &'b str,
        /// Seconds left (`i64::MAX`: no known expiry).
        remaining: i64,
    },
    /// Renew the access token with this request, then [`AuthSession::accept_refresh`].
    /// `remaining` is `Some` when the current token still works meanwhile
    /// ([`AuthSession::authorization`] gives its header), `None` when it has expired.
    Refresh {
        /// The refresh request.
        request: Request<'b>,
        /// Seconds the current access token still works.
        remaining: Option<i64>,
    },
    /// Log in again ([`AuthSession::login_request`], then [`AuthSession::accept_login`]):
    /// there is no token, or it is due and there is no way to refresh it (no refresh call,
    /// or the refresh token has expired too). While the current token still works
    /// (`remaining` is `Some`), `authorization` carries its header: send requests with it
    /// while the login runs (in the background, say).
    LogIn {
        /// Seconds the current access token still works.
        remaining: Option<i64>,
        /// The current token's `Authorization` value while it works, `None` after.
        authorization: Option<&'b str>,
    },
}

/// The parts of an HTTP request the session decides; method and URL are the caller's.
/// `Debug` shows the header value and the body (which may hold a password) by their length
/// only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Request<'b> {
    /// The `Authorization` header value, if the request has one.
    pub authorization: Option<&'b str>,
    /// The body, if the request has one.
    pub body: Option<&'b str>,
    /// The body's `Content-Type`.
    pub content_type: Option<&'static str>,
}

impl fmt::Debug for Next<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Next::Send {
                authorization,
                remaining,
            } => f
                .debug_struct("Send")
                .field("authorization", &Redacted(authorization.len()))
                .field("remaining", remaining)
                .finish(),
            Next::Refresh { request, remaining } => f
                .debug_struct("Refresh")
                .field("request", request)
                .field("remaining", remaining)
                .finish(),
            Next::LogIn {
                remaining,
                authorization,
            } => f
                .debug_struct("LogIn")
                .field("remaining", remaining)
                .field("authorization", &redact::opt(authorization.map(str::len)))
                .finish(),
        }
    }
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field(
                "authorization",
                &redact::opt(self.authorization.map(str::len)),
            )
            .field("body", &redact::opt(self.body.map(str::len)))
            .field("content_type", &self.content_type)
            .finish()
    }
}

// As `Debug`: header values and bodies (which may hold a password) by their length only.
#[cfg(feature = "defmt")]
impl defmt::Format for Next<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        match self {
            Next::Send {
                authorization,
                remaining,
            } => defmt::write!(
                f,
                "Send {{ authorization: {}, remaining: {=i64} }}",
                Redacted(authorization.len()),
                remaining
            ),
            Next::Refresh { request, remaining } => defmt::write!(
                f,
                "Refresh {{ request: {}, remaining: {} }}",
                request,
                remaining
            ),
            Next::LogIn {
                remaining,
                authorization,
            } => defmt::write!(
                f,
                "LogIn {{ remaining: {}, authorization: {} }}",
                remaining,
                redact::opt(authorization.map(str::len))
            ),
        }
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Request<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "Request {{ authorization: {}, body: {}, content_type: {} }}",
            redact::opt(self.authorization.map(str::len)),
            redact::opt(self.body.map(str::len)),
            self.content_type
        )
    }
}

/// A token of up to `N` bytes. `heapless` holds it; all `N` bytes of its buffer, not only
/// the token's, are wiped when it is replaced, cleared or dropped.
struct Secret<const N: usize>(heapless::String<N>);

impl<const N: usize> Secret<N> {
    const EMPTY: Self = Self(heapless::String::new());

    fn as_str(&self) -> Option<&str> {
        (!self.0.is_empty()).then_some(self.0.as_str())
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn clear(&mut self) {
        self.0.zeroize();
    }

    /// Replaces the contents with `s`, which the caller has checked to fit.
    fn set_str(&mut self, s: &str) {
        self.clear();
        if self.0.push_str(s).is_err() {
            self.clear();
        }
    }

    /// Replaces the contents with the characters of `chars`, which the caller has checked
    /// to fit; were they not to, the secret is left empty rather than cut short.
    fn set(&mut self, chars: impl Iterator<Item = char>) {
        self.clear();
        for c in chars {
            if self.0.push(c).is_err() {
                self.clear();
                return;
            }
        }
    }
}

impl<const N: usize> Drop for Secret<N> {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A token with its tracker.
struct Held<const N: usize> {
    token: Secret<N>,
    tracker: Option<Tracker>,
}

/// One token a session holds, as plain values: part of [`SessionParts`]. Its `Debug` shows
/// the token's length, not the token.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HeldToken<'t> {
    /// The token (empty: none).
    pub token: &'t str,
    /// Its expiry.
    pub tracker: Option<Tracker>,
}

impl fmt::Debug for HeldToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeldToken")
            .field("token_len", &self.token.len())
            .field("tracker", &self.tracker)
            .finish()
    }
}

/// A session's state besides its profile, as plain values: from [`AuthSession::parts`],
/// back with [`AuthSession::restore`]. For keeping a session where only plain data may be
/// stored (C caller storage) and rebuilding it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionParts<'t> {
    /// The time base of the first response accepted, until the session is cleared.
    pub base: Option<TimeBase>,
    /// The access token.
    pub access: HeldToken<'t>,
    /// The refresh token.
    pub refresh: HeldToken<'t>,
}

/// The token lifecycle of one API, tokens of up to `N` bytes.
///
/// The module documentation shows a whole OAuth 2.0 round (log in, send, refresh). Here a
/// device without a wall clock, whose API gives no refresh token:
///
/// ```
/// use authcore::{ApiProfile, AuthSession, Credentials, ManualClock, Next};
///
/// let clock = ManualClock::monotonic(0); // seconds since boot
/// let mut session = AuthSession::<256>::new(ApiProfile::OAUTH2);
/// let mut buf = [0u8; 300];
///
/// let login = session.login_request(&Credentials::new("device-42", "hunter2"), &mut buf).unwrap();
/// assert_eq!(login.content_type, Some("application/x-www-form-urlencoded"));
/// session.accept_login(br#"{"access_token":"mF_9.B5f-4.1JqM","expires_in":600}"#, &clock).unwrap();
///
/// let Next::Send { authorization, remaining } = session.next(&clock, &mut buf).unwrap() else {
///     panic!("a fresh token is sent");
/// };
/// assert_eq!((authorization, remaining), ("Bearer mF_9.B5f-4.1JqM", 595));
///
/// // Inside the refresh margin, with nothing to refresh with: log in again; meanwhile the
/// // current token still works for 55 s, and the answer carries its header.
/// clock.advance(540);
/// let Next::LogIn { remaining, authorization } = session.next(&clock, &mut buf).unwrap() else {
///     panic!("due, and no refresh token");
/// };
/// assert_eq!((remaining, authorization), (Some(55), Some("Bearer mF_9.B5f-4.1JqM")));
/// ```
///
/// Accepting a response needs `N` bytes of stack for a scratch copy of each token (to
/// check it and read its JWT claims before anything is changed: a bad response leaves the
/// session as it was).
pub struct AuthSession<const N: usize> {
    profile: ApiProfile,
    base: Option<TimeBase>,
    access: Held<N>,
    refresh: Held<N>,
}

/// Both stored tokens are zeroized when the session is dropped (and when replaced,
/// forgotten or cleared).
impl<const N: usize> zeroize::ZeroizeOnDrop for AuthSession<N> {}

impl<const N: usize> fmt::Debug for AuthSession<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthSession")
            .field("api", &self.profile.name)
            .field("base", &self.base)
            .field("access_token_len", &self.access.token.len())
            .field("access", &self.access.tracker)
            .field("refresh_token_len", &self.refresh.token.len())
            .field("refresh", &self.refresh.tracker)
            .finish()
    }
}

#[cfg(feature = "defmt")]
impl<const N: usize> defmt::Format for AuthSession<N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "AuthSession {{ api: {=str}, base: {}, access_token_len: {=usize}, access: {}, \
             refresh_token_len: {=usize}, refresh: {} }}",
            self.profile.name,
            self.base,
            self.access.token.len(),
            self.access.tracker,
            self.refresh.token.len(),
            self.refresh.tracker
        )
    }
}

impl<const N: usize> AuthSession<N> {
    /// An empty session for the API `profile`.
    pub const fn new(profile: ApiProfile) -> Self {
        Self {
            profile,
            base: None,
            access: Held {
                token: Secret::EMPTY,
                tracker: None,
            },
            refresh: Held {
                token: Secret::EMPTY,
                tracker: None,
            },
        }
    }

    /// The API description.
    pub const fn profile(&self) -> &ApiProfile {
        &self.profile
    }

    fn now(&self, clock: &impl Clock) -> Result<i64, LifecycleError> {
        if self.base.is_some_and(|b| b != clock.base()) {
            return Err(LifecycleError::ClockMismatch);
        }
        clock.now()
    }

    /// The login request for `credentials`, written into `buf` (header and body together).
    pub fn login_request<'b>(
        &self,
        credentials: &Credentials<'_>,
        buf: &'b mut [u8],
    ) -> Result<Request<'b>, LifecycleError> {
        let p = &self.profile;
        match p.login {
            LoginStyle::BasicHeader => Ok(Request {
                authorization: Some(authz::basic(
                    credentials.username,
                    credentials.password,
                    buf,
                )?),
                body: None,
                content_type: None,
            }),
            LoginStyle::JsonBody => body_only(body::json_login(credentials, buf)?, body::JSON),
            LoginStyle::FormBody => body_only(body::form_login(credentials, buf)?, body::FORM),
            LoginStyle::OAuthPassword => body_only(
                body::oauth_password_grant(credentials, p.scope, p.client_id, buf)?,
                body::FORM,
            ),
        }
    }

    /// The refresh request for the stored refresh token, written into `buf`.
    /// [`LifecycleError::NoRefreshToken`] when there is none or the API has no refresh call.
    pub fn refresh_request<'b>(&self, buf: &'b mut [u8]) -> Result<Request<'b>, LifecycleError> {
        let token = self
            .refresh
            .token
            .as_str()
            .ok_or(LifecycleError::NoRefreshToken)?;
        let p = &self.profile;
        match p.refresh {
            RefreshStyle::None => Err(LifecycleError::NoRefreshToken),
            RefreshStyle::Header(style) => Ok(Request {
                authorization: Some(authz::format(style, token, buf)?),
                body: None,
                content_type: None,
            }),
            RefreshStyle::OAuthForm => body_only(
                body::oauth_refresh_grant(token, p.scope, p.client_id, buf)?,
                body::FORM,
            ),
        }
    }

    /// The `Authorization` value for the access token, whatever the time.
    pub fn authorization<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, LifecycleError> {
        let token = self.access.token.as_str().ok_or(LifecycleError::NoToken)?;
        authz::format(self.profile.header, token, buf)
    }

    /// [`AuthSession::authorization`] by value, for a caller that keeps the header.
    pub fn authorization_value<const M: usize>(
        &self,
    ) -> Result<authz::HeaderValue<M>, LifecycleError> {
        let token = self.access.token.as_str().ok_or(LifecycleError::NoToken)?;
        authz::format_value(self.profile.header, token)
    }

    /// The access token's status now ([`LifecycleError::NoToken`] without one).
    pub fn status(&self, clock: &impl Clock) -> Result<Status, LifecycleError> {
        let now = self.now(clock)?;
        let t = self
            .access
            .tracker
            .as_ref()
            .ok_or(LifecycleError::NoToken)?;
        Ok(t.status(now))
    }

    /// The refresh token's status now ([`LifecycleError::NoRefreshToken`] without one).
    pub fn refresh_status(&self, clock: &impl Clock) -> Result<Status, LifecycleError> {
        let now = self.now(clock)?;
        let t = self
            .refresh
            .tracker
            .as_ref()
            .ok_or(LifecycleError::NoRefreshToken)?;
        Ok(t.status(now))
    }

    fn can_refresh(&self, now: i64) -> bool {
        self.profile.refresh != RefreshStyle::None
            && self
                .refresh
                .tracker
                .is_some_and(|t| t.status(now).is_usable())
    }

    /// What to do next, at the clock's current time; headers and bodies go into `buf`.
    pub fn next<'b>(
        &self,
        clock: &impl Clock,
        buf: &'b mut [u8],
    ) -> Result<Next<'b>, LifecycleError> {
        let now = self.now(clock)?;
        let remaining = match self.access.tracker.map(|t| t.status(now)) {
            Some(Status::Fresh { remaining }) => remaining,
            // A call inside a sliding window's margin slides it: keep sending.
            Some(Status::RefreshSoon { remaining }) if self.profile.sliding_window.is_some() => {
                remaining
            }
            Some(Status::RefreshSoon { remaining }) => {
                return self.renew(now, Some(remaining), buf);
            }
            Some(Status::Expired) | None => return self.renew(now, None, buf),
        };
        Ok(Next::Send {
            authorization: self.authorization(buf)?,
            remaining,
        })
    }

    /// The answer when the access token is due (`remaining` while it still works) or gone:
    /// refresh if the API and the refresh token allow, else log in, with the current header
    /// while the token works.
    fn renew<'b>(
        &self,
        now: i64,
        remaining: Option<i64>,
        buf: &'b mut [u8],
    ) -> Result<Next<'b>, LifecycleError> {
        if self.can_refresh(now) {
            return Ok(Next::Refresh {
                request: self.refresh_request(buf)?,
                remaining,
            });
        }
        let authorization = match remaining {
            Some(_) => Some(self.authorization(buf)?),
            None => None,
        };
        Ok(Next::LogIn {
            remaining,
            authorization,
        })
    }

    /// Takes a login response: stores its tokens and their expiries, anchored at the
    /// clock's time now (call it as soon as the response arrives; the leeway covers the
    /// transit). On any error nothing changes. A response without a refresh token keeps the
    /// current one (Infoworks' comes from elsewhere); [`AuthSession::clear`] drops both.
    pub fn accept_login(&mut self, json: &[u8], clock: &impl Clock) -> Result<(), LifecycleError> {
        let response = TokenResponse::parse(json, &self.profile.response)?;
        self.accept(&response, clock)
    }

    /// [`AuthSession::accept_login`] for the login of `user`: an API whose header is Basic
    /// over the user name and the token (BlueCat: `Basic base64(user:apiToken)`) gets it
    /// built when the response lacks the ready-made credentials. The user name is used for
    /// this response only and not kept; the password is never needed. For any other API,
    /// the same as [`AuthSession::accept_login`].
    pub fn accept_login_for(
        &mut self,
        user: &str,
        json: &[u8],
        clock: &impl Clock,
    ) -> Result<(), LifecycleError> {
        let response = TokenResponse::parse(json, &self.profile.response)?;
        self.accept_as(&response, Some(user), clock)
    }

    /// Takes a refresh response, exactly as [`AuthSession::accept_login`]: a new refresh
    /// token replaces the old one (rotation, RFC 6749 §6), none keeps it (datarhei answers
    /// with an access token only).
    pub fn accept_refresh(
        &mut self,
        json: &[u8],
        clock: &impl Clock,
    ) -> Result<(), LifecycleError> {
        self.accept_login(json, clock)
    }

    /// Takes an already parsed response (see [`AuthSession::accept_login`]).
    pub fn accept(
        &mut self,
        response: &TokenResponse<'_>,
        clock: &impl Clock,
    ) -> Result<(), LifecycleError> {
        self.accept_as(response, None, clock)
    }

    /// [`AuthSession::accept`], with the user who logged in when known.
    fn accept_as(
        &mut self,
        response: &TokenResponse<'_>,
        user: Option<&str>,
        clock: &impl Clock,
    ) -> Result<(), LifecycleError> {
        let base = clock.base();
        let now = self.now(clock)?;
        let p = &self.profile;
        if let (Some(want), Some(got)) = (p.token_type, response.token_type)
            && !got.eq_ignore_ascii_case(want)
        {
            return Err(LifecycleError::UnsupportedTokenType);
        }
        let credential = match (p.header, response.basic_credentials, user) {
            (HeaderStyle::BasicReadyMade, Some(ready), _) => ready,
            (HeaderStyle::BasicReadyMade, None, Some(user)) => {
                return self.accept_built(user, response, now, base);
            }
            (HeaderStyle::BasicReadyMade, None, None) => {
                let name = p
                    .response
                    .name_of(Field::BasicCredentials, "basic credentials");
                return Err(LifecycleError::MissingField(name));
            }
            _ => response.access_token,
        };
        self.commit(credential, response, now, base)
    }

    /// Builds the Basic credentials `base64(user:token)` the response did not carry and
    /// commits them as the access token. Out of line: its two buffers are on the stack only
    /// on this path.
    #[inline(never)]
    fn accept_built(
        &mut self,
        user: &str,
        response: &TokenResponse<'_>,
        now: i64,
        base: TimeBase,
    ) -> Result<(), LifecycleError> {
        let too_large = LifecycleError::Token(Error::TokenTooLarge { max: N });
        let mut token = Zeroizing::new([0u8; N]);
        let token = response
            .access_token
            .decode_into(&mut *token)
            .map_err(|_| too_large)?;
        let mut built = Zeroizing::new([0u8; N]);
        let header = authz::basic(user, token, &mut *built).map_err(|e| match e {
            LifecycleError::BufferTooSmall { .. } => too_large,
            other => other,
        })?;
        let credentials = header.strip_prefix("Basic ").unwrap_or(header);
        self.commit(JsonStr::plain(credentials), response, now, base)
    }

    /// Checks the access token `credential` and any refresh token of `response`, works out
    /// their expiries, and only then stores them.
    fn commit(
        &mut self,
        credential: JsonStr<'_>,
        response: &TokenResponse<'_>,
        now: i64,
        base: TimeBase,
    ) -> Result<(), LifecycleError> {
        let p = &self.profile;
        let mut scratch = Zeroizing::new([0u8; N]);
        let mut access = self.incoming(credential, true, response, now, base, &mut scratch)?;
        if let Some(w) = p.sliding_window {
            access = access.sliding(w);
        }
        let refresh = match response.refresh_token {
            Some(t) => Some((
                t,
                self.incoming(t, false, response, now, base, &mut scratch)?,
            )),
            None => None,
        };
        // Everything checked: commit.
        self.access.set(credential, access);
        if let Some((t, r)) = refresh {
            self.refresh.set(t, r);
        }
        self.base = Some(base);
        Ok(())
    }

    /// Stores a refresh token obtained elsewhere (Infoworks: from the user's settings), its
    /// expiry from the profile's `refresh_expiry` (a JWT's `exp`, say) or unknown.
    pub fn set_refresh_token(
        &mut self,
        token: &str,
        clock: &impl Clock,
    ) -> Result<(), LifecycleError> {
        let base = clock.base();
        let now = self.now(clock)?;
        let mut scratch = Zeroizing::new([0u8; N]);
        scratch
            .get_mut(..token.len())
            .ok_or(LifecycleError::Token(Error::TokenTooLarge { max: N }))?
            .copy_from_slice(token.as_bytes());
        let tracker = self.tracker(token.len(), false, None, now, base, &mut scratch)?;
        self.refresh.token.set(token.chars());
        self.refresh.tracker = Some(tracker);
        self.base = Some(base);
        Ok(())
    }

    /// Records a call made now: slides a sliding window (Aria Operations). Call it when a
    /// request is sent with the access token. `LifecycleError::Token(Error::Expired)` if the token has expired.
    pub fn touch(&mut self, clock: &impl Clock) -> Result<(), LifecycleError> {
        let now = self.now(clock)?;
        self.access
            .tracker
            .as_mut()
            .ok_or(LifecycleError::NoToken)?
            .touch(now)
    }

    /// Pins the access token's validity now, at the start of a request (ImmPort: a request
    /// started within the window stays valid to its end): until [`AuthSession::unpin`],
    /// [`AuthSession::next`] answers as it would have now.
    pub fn pin(&mut self, clock: &impl Clock) -> Result<(), LifecycleError> {
        let now = self.now(clock)?;
        self.access
            .tracker
            .as_mut()
            .ok_or(LifecycleError::NoToken)?
            .pin(now)
    }

    /// Ends a pin.
    pub fn unpin(&mut self) {
        if let Some(t) = self.access.tracker.as_mut() {
            t.unpin();
        }
    }

    /// Forgets the refresh token (the server refused it): the next step is to log in.
    pub fn forget_refresh_token(&mut self) {
        self.refresh.token.clear();
        self.refresh.tracker = None;
    }

    /// Forgets the access token and keeps the refresh token: a logout that blacklists the
    /// access token only (Infoworks), or a server that refused the access token while the
    /// refresh token still works. The next step is to refresh, if the API can.
    pub fn forget_access_token(&mut self) {
        self.access.token.clear();
        self.access.tracker = None;
    }

    /// The session's state besides its profile (see [`SessionParts`]). Its tokens are
    /// borrowed: copy them only where they will be wiped.
    pub fn parts(&self) -> SessionParts<'_> {
        SessionParts {
            base: self.base,
            access: self.access.parts(),
            refresh: self.refresh.parts(),
        }
    }

    /// Puts the state `parts` into the session (its profile stays): the tokens are copied
    /// in, replacing (and wiping) the ones it held. A token longer than `N` bytes is
    /// refused (`LifecycleError::Token(Error::TokenTooLarge)`) and nothing changes. The
    /// tokens are not checked again: they are taken to come from [`AuthSession::parts`].
    pub fn restore(&mut self, parts: &SessionParts<'_>) -> Result<(), LifecycleError> {
        if parts.access.token.len() > N || parts.refresh.token.len() > N {
            return Err(LifecycleError::Token(Error::TokenTooLarge { max: N }));
        }
        for (held, from) in [
            (&mut self.access, parts.access),
            (&mut self.refresh, parts.refresh),
        ] {
            held.token.set_str(from.token);
            held.tracker = from.tracker;
        }
        self.base = parts.base;
        Ok(())
    }

    /// Forgets both tokens (log out, or the server refused the access token).
    pub fn clear(&mut self) {
        self.forget_access_token();
        self.forget_refresh_token();
        self.base = None;
    }

    /// Decodes one token of a response into `scratch`, checks it and works out its expiry.
    fn incoming(
        &self,
        token: JsonStr<'_>,
        is_access: bool,
        response: &TokenResponse<'_>,
        now: i64,
        base: TimeBase,
        scratch: &mut [u8; N],
    ) -> Result<Tracker, LifecycleError> {
        // `decode_into` fails only for want of room.
        let len = token
            .decode_into(scratch)
            .map_err(|_| LifecycleError::Token(Error::TokenTooLarge { max: N }))?
            .len();
        self.tracker(len, is_access, Some(response), now, base, scratch)
    }

    /// Checks the access or refresh token whose text is the first `len` bytes of `scratch`
    /// and works out its expiry (clobbering `scratch`). `response` is `None` for a refresh
    /// token from elsewhere ([`AuthSession::set_refresh_token`]).
    fn tracker(
        &self,
        len: usize,
        is_access: bool,
        response: Option<&TokenResponse<'_>>,
        now: i64,
        base: TimeBase,
        scratch: &mut [u8; N],
    ) -> Result<Tracker, LifecycleError> {
        let p = &self.profile;
        let token = scratch
            .get_mut(..len)
            .ok_or(LifecycleError::Token(Error::TokenTooLarge { max: N }))?;
        let (check, source) = match is_access {
            true => (check_for(p.header), p.expiry),
            false => (refresh_check_for(p.refresh), p.refresh_expiry),
        };
        // Decoded JSON and `&str` arguments are UTF-8: the error is unreachable.
        let text = core::str::from_utf8(token).map_err(|_| LifecycleError::InvalidTokenSyntax)?;
        check(text)?;
        let expiry = 'expiry: {
            // Seconds from now, or `None` for the default; absolute ends break out.
            let lifetime = match source {
                ExpirySource::None => None,
                ExpirySource::JwtExp | ExpirySource::JwtLifetime | ExpirySource::JwtSeconds(_) => {
                    // A token from elsewhere is of unknown age, so `iat` says nothing about
                    // this clock's skew: on a wall clock `exp` is taken as it is; on a
                    // monotonic one `exp - iat` from now is the best guess (too long if the
                    // token is old: the server's refusal then calls for
                    // `forget_refresh_token`).
                    let max_skew = response.map_or(u32::MAX, |_| p.policy.max_skew);
                    let raw = RawToken::split(text, N)?;
                    let start = raw.header.len() + 1;
                    let payload = token
                        .get_mut(start..start + raw.payload.len())
                        .ok_or(LifecycleError::Token(Error::SegmentCount))?;
                    match self.jwt_expiry(source, payload, now, base, max_skew)? {
                        Some(e) => break 'expiry e,
                        None => None,
                    }
                }
                ExpirySource::ExpiresIn => response.and_then(|r| match is_access {
                    true => r.expires_in,
                    false => r.refresh_expires_in,
                }),
                ExpirySource::ExpiresAt => match (response.and_then(|r| r.expires_at_millis), base)
                {
                    (Some(ms), TimeBase::Unix) if is_access => {
                        break 'expiry Expiry::at_unix_millis(now, ms)?;
                    }
                    (Some(_), TimeBase::Monotonic) if is_access => Some(i64::from(
                        p.sliding_window.ok_or(LifecycleError::NeedsWallClock)?,
                    )),
                    _ => None,
                },
                ExpirySource::FixedWindow(w) => Some(i64::from(w)),
            };
            // The default: the profile's lifetime for an access token, else unknown.
            let default = p.default_lifetime.filter(|_| is_access).map(i64::from);
            match lifetime.or(default) {
                Some(secs) => Expiry::after(now, secs)?,
                None => Expiry::unbounded(now),
            }
        };
        Ok(Tracker::new(expiry, p.policy))
    }

    /// Reads a JWT's claims (no signature check: the client only needs its times) from its
    /// payload `segment`, which is decoded in place. `None`: the claims give no expiry.
    fn jwt_expiry(
        &self,
        source: ExpirySource,
        segment: &mut [u8],
        now: i64,
        base: TimeBase,
        max_skew: u32,
    ) -> Result<Option<Expiry>, LifecycleError> {
        let n = crate::base64url::decode_public_in_place(segment)
            .map_err(|_| LifecycleError::Token(Error::Base64(Part::Payload)))?;
        let claims = Claims::parse(segment.get(..n).unwrap_or_default())?;
        match (source, claims.exp) {
            (ExpirySource::JwtExp, Some(exp)) => {
                Expiry::from_jwt(now, base, exp, claims.iat, max_skew).map(Some)
            }
            (ExpirySource::JwtLifetime, Some(exp)) => {
                let iat = claims
                    .iat
                    .ok_or(LifecycleError::Token(Error::MissingClaim(Claim::Iat)))?;
                Expiry::from_jwt_lifetime(now, exp, iat).map(Some)
            }
            (ExpirySource::JwtSeconds(name), _) => match claims.get(name) {
                Some(Value::Number(n)) => {
                    let secs = crate::json::parse_number_floor(n)
                        .ok_or(LifecycleError::ExpiryOutOfRange)?
                        .0;
                    Expiry::after(now, secs).map(Some)
                }
                Some(_) => Err(LifecycleError::Token(Error::InvalidClaim(Claim::Custom))),
                None => Ok(None),
            },
            _ => Ok(None),
        }
    }
}

impl<const N: usize> Held<N> {
    fn parts(&self) -> HeldToken<'_> {
        HeldToken {
            token: self.token.as_str().unwrap_or(""),
            tracker: self.tracker,
        }
    }

    /// Replaces the token with the decoded `token` and its tracker. The token has been
    /// decoded into a scratch buffer of the same size, so it fits.
    fn set(&mut self, token: JsonStr<'_>, tracker: Tracker) {
        self.token.set(token.chars());
        self.tracker = Some(tracker);
    }
}

fn body_only<'b>(body: &'b str, content_type: &'static str) -> Result<Request<'b>, LifecycleError> {
    Ok(Request {
        authorization: None,
        body: Some(body),
        content_type: Some(content_type),
    })
}

/// The syntax check a token must pass to be sent in `style`.
fn check_for(style: HeaderStyle) -> fn(&str) -> Result<(), LifecycleError> {
    match style {
        HeaderStyle::Bearer | HeaderStyle::LowerBearer | HeaderStyle::BasicReadyMade => {
            authz::check_b64token
        }
        HeaderStyle::Bare | HeaderStyle::Custom(_) => authz::check_visible_token,
    }
}

fn refresh_check_for(style: RefreshStyle) -> fn(&str) -> Result<(), LifecycleError> {
    match style {
        RefreshStyle::Header(h) => check_for(h),
        // Form-encoded, so any text goes; still no control characters (RFC 6749 VSCHAR).
        RefreshStyle::None | RefreshStyle::OAuthForm => check_form_token,
    }
}

fn check_form_token(token: &str) -> Result<(), LifecycleError> {
    if token.is_empty() {
        return Err(LifecycleError::InvalidTokenSyntax);
    }
    if token.chars().any(char::is_control) {
        return Err(LifecycleError::ControlCharacter);
    }
    Ok(())
}
