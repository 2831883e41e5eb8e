//! The session of one API in caller storage: `authcore_session`.

use core::ffi::c_char;
use core::ptr::null;

use authcore::LifecycleError;
use authcore::session::{AuthSession, Next, Request};

use crate::boundary::{StrOut, bytes, guard, opt_text, overlap, required, text};
use crate::status::authcore_status::{self, *};
use crate::storage;

use super::response::{authcore_response_detail, describe, reset};
use super::stored::{SessionMut, SessionRef, StoredProfile, StoredSession};
use super::tracker::{authcore_token_status, put_status};
use super::{
    FixedClock, TimeBaseArg, authcore_credentials, content_type, credential_bytes, credentials,
};

/// An output must not lie inside the session it is written from: it would overwrite the
/// tokens being read (AUTHCORE_OVERLAPPING_BUFFERS).
fn apart_from_session(
    session: *const authcore_session,
    out: *const c_char,
    cap: usize,
) -> Result<(), authcore_status> {
    let storage = (
        session.cast::<u8>(),
        core::mem::size_of::<authcore_session>(),
    );
    if !out.is_null() && overlap((out.cast(), cap), storage) {
        return Err(AUTHCORE_OVERLAPPING_BUFFERS);
    }
    Ok(())
}
/// The longest access or refresh token a session holds, in bytes (longer ones are refused
/// with AUTHCORE_TOKEN_TOO_LARGE).
pub const AUTHCORE_SESSION_TOKEN_MAX: usize = 2048;

pub(super) type Session = AuthSession<AUTHCORE_SESSION_TOKEN_MAX>;

/// The size in bytes of `authcore_session` (a session of AUTHCORE_SESSION_TOKEN_MAX-byte
/// tokens takes about 4.6 KiB; the rest is room for core to grow without an ABI change).
pub const AUTHCORE_SESSION_SIZE: usize = 5120;

/// The token lifecycle of one API: its access and refresh tokens (each up to
/// AUTHCORE_SESSION_TOKEN_MAX bytes, zeroized when replaced, forgotten or cleared) with their
/// expiries. Make it with `authcore_session_init` (a preset) or `authcore_session_init_custom`
/// (an `authcore_api_description`), wipe it with `authcore_session_clear`. Its
/// bytes are private; do not copy it once made. A call that changes it needs exclusive use;
/// every call makes the session on the stack for its duration (about 5 KiB: it is stored
/// as plain values and checked on every call), and accepting a response uses
/// AUTHCORE_SESSION_TOKEN_MAX bytes more for a scratch copy.
///
/// Time: every call that needs it takes `now` (whole seconds) and `time_base` (an
/// `authcore_time_base` value); a session keeps to the time base of the first response it
/// accepted (AUTHCORE_CLOCK_MISMATCH otherwise) until `authcore_session_forget`.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_session {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 640],
}
const _: () = assert!(core::mem::size_of::<authcore_session>() == AUTHCORE_SESSION_SIZE);

pub(crate) const SESSION_MAGIC: u64 = u64::from_le_bytes(*b"acSESv02");

/// The API a session talks to, as `authcore_session_init` takes it.
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_api {
    /// OAuth 2.0 (RFC 6749): password grant, `Bearer`, expires_in, refresh grant;
    /// token_type must be Bearer.
    AUTHCORE_API_OAUTH2 = 1,
    /// ImmPort: form login, `{"status":200,"token":…}`, `bearer` (lower case), a fixed 60 s
    /// window (pin a request at its start), 15 s margin.
    AUTHCORE_API_IMMPORT = 2,
    /// Infoworks v3: Basic login, `result.authentication_token`, `Bearer`, JWT exp (15
    /// minutes when it has none); the opaque refresh token from the user's settings
    /// (`authcore_session_set_refresh_token`, expiry unknown) is sent as `Basic <token>`;
    /// logout keeps it (`authcore_session_forget_access_token`).
    AUTHCORE_API_INFOWORKS = 3,
    /// VMware Aria Operations: JSON login (with authSource), `OpsToken`, validity in epoch
    /// milliseconds, sliding 6 h from the last call (`authcore_session_touch`).
    AUTHCORE_API_ARIA = 4,
    /// Older vRealize Operations: as Aria Operations with `vRealizeOpsToken`.
    AUTHCORE_API_VREALIZE = 5,
    /// datarhei Core: JSON login, access and refresh JWTs, `Bearer`, expiry from each JWT's
    /// exp; refresh with the refresh token as `Bearer`.
    AUTHCORE_API_DATARHEI = 6,
    /// BlueCat Address Manager v2: JSON login, `Basic <basicAuthenticationCredentials>`,
    /// RFC 3339 apiTokenExpirationDateTime.
    AUTHCORE_API_BLUECAT = 7,
}

/// An `authcore_api` as a function takes it: C may pass any 32-bit value, which is checked
/// (the header names the type `authcore_api`).
pub type ApiArg = u32;

/// Makes an empty session for the preset `api`, wiping any session the storage held.
///
/// `scope` and `client_id` go into OAuth 2.0 grants; they are kept by pointer, not copied,
/// and must stay valid and unchanged while the session is used. Any other API, or a preset
/// with other margins, leeway or strings (copied): `authcore_api_description_preset`, then
/// `authcore_session_init_custom`. On error the storage is untouched.
///
/// \param session    Storage for the session (aligned; not copied once made).
/// \param api        Which preset.
/// \param scope      The scope, `scope_len` bytes; NULL (with `scope_len` 0) for none.
/// \param client_id  The client id, `client_id_len` bytes; NULL (with `client_id_len` 0) for
///                   none.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (unknown api;
///         misaligned storage; a NULL string with a length; an impossible length),
///         AUTHCORE_INVALID_UTF8.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_init(
    session: *mut authcore_session,
    api: ApiArg,
    scope: *const c_char,
    scope_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
) -> authcore_status {
    guard(|| {
        required(&[session.is_null()])?;
        if session.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        // SAFETY (both): the caller vouches that the strings outlive the session (hence
        // `'static`, a promise the C API documents).
        let scope: Option<&'static str> = unsafe { opt_text(scope, scope_len) }?;
        let client_id: Option<&'static str> = unsafe { opt_text(client_id, client_id_len) }?;
        let profile = StoredProfile::preset(api, scope, client_id, session.addr())?;
        // SAFETY: non-NULL, and the caller vouches for the storage. `init` wipes whatever it
        // held (a session's tokens too) without reading it: it may never have been
        // initialized.
        unsafe {
            storage::init_plain(session, SESSION_MAGIC, |s: &mut StoredSession| {
                s.set_profile(profile)
            })
        }
    })
}

/// Wipes the session: both tokens are zeroized and the storage zeroed.
///
/// Safe to call on storage that holds no session (it is then only zeroed).
///
/// \param session  The session's storage.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_clear(session: *mut authcore_session) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_session, StoredSession>(session, SESSION_MAGIC) })
}

/// The session in `session`'s storage, checked (AUTHCORE_UNINITIALIZED when its values are
/// not a session's).
///
/// # Safety
/// `session` NULL or valid for reads of an `authcore_session`.
unsafe fn session_ref<'a>(
    session: *const authcore_session,
) -> Result<SessionRef<'a>, authcore_status> {
    // SAFETY (both): forwarded to the caller's guarantee.
    let stored =
        unsafe { storage::get::<authcore_session, StoredSession>(session, SESSION_MAGIC) }?;
    unsafe { SessionRef::new(stored, session.addr()) }
}

/// The session in `session`'s storage, checked, for changing.
///
/// # Safety
/// `session` NULL or valid for reads and writes, not used elsewhere meanwhile.
unsafe fn session_mut<'a>(
    session: *mut authcore_session,
) -> Result<SessionMut<'a>, authcore_status> {
    // SAFETY (both): forwarded to the caller's guarantee.
    let stored =
        unsafe { storage::get_mut::<authcore_session, StoredSession>(session, SESSION_MAGIC) }?;
    unsafe { SessionMut::new(stored, session.addr()) }
}

/// The session for changing, and the time the call passed: what every changing call checks
/// first.
///
/// # Safety
/// As for `session_mut`.
unsafe fn changing<'a>(
    session: *mut authcore_session,
    now: i64,
    time_base: u32,
) -> Result<(SessionMut<'a>, FixedClock), authcore_status> {
    let clock = FixedClock::new(now, time_base)?;
    // SAFETY: forwarded to the caller's guarantee.
    Ok((unsafe { session_mut(session) }?, clock))
}

/// Writes the access token's status (the refresh token's with `refresh`) at the time the
/// call passed to `*out`. One function for both: two closures were two copies.
///
/// # Safety
/// As for `session_ref`; `out` NULL or valid for a write.
unsafe fn read_status(
    session: *const authcore_session,
    now: i64,
    time_base: u32,
    out: *mut authcore_token_status,
    refresh: bool,
) -> authcore_status {
    guard(|| {
        required(&[session.is_null(), out.is_null()])?;
        let clock = FixedClock::new(now, time_base)?;
        // SAFETY: forwarded to the caller's guarantee.
        let s = unsafe { session_ref(session) }?;
        if out.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let status = match refresh {
            false => s.status(&clock),
            true => s.refresh_status(&clock),
        }?;
        // SAFETY: forwarded.
        unsafe { put_status(out, status) }
    })
}

/// An HTTP request as the session decides it (method and URL are the caller's). Its strings
/// are NUL-terminated and point into the buffer passed with it; at most one of
/// `authorization` and `body` is set.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_request {
    /// The `Authorization` header value, or NULL.
    pub authorization: *const c_char,
    /// The body, or NULL.
    pub body: *const c_char,
    /// The body's `Content-Type` (a static string), or NULL without a body.
    pub content_type: *const c_char,
}

/// The C description of a request, which has at most one string (core writes one: a
/// header or a body).
fn request_of(r: &Request<'_>) -> Result<authcore_request, authcore_status> {
    if r.authorization.is_some() && r.body.is_some() {
        return Err(AUTHCORE_INTERNAL_ERROR);
    }
    Ok(authcore_request {
        authorization: r.authorization.map_or(null(), |s| s.as_ptr().cast()),
        body: r.body.map_or(null(), |s| s.as_ptr().cast()),
        content_type: content_type(r.content_type)?,
    })
}

/// Runs a core call `f` that writes a request into `dest` (once: core finds every error and
/// the size before it writes). A request without a string leaves the buffer untouched and
/// reports length 0. (`f` is a trait object: one copy of this serves every caller.)
fn write_request(
    dest: &mut StrOut<'_>,
    f: &mut dyn FnMut(&mut [u8]) -> Result<Request<'_>, LifecycleError>,
) -> Result<authcore_request, authcore_status> {
    let mut request = authcore_request {
        authorization: null(),
        body: null(),
        content_type: null(),
    };
    let written = match f(dest.space()) {
        Ok(r) => {
            // A fault of the request's (none is possible) before the string is finished.
            request = request_of(&r)?;
            let s = r.authorization.or(r.body);
            Ok(s.map(|s| (s.as_ptr(), s.len())))
        }
        Err(e) => Err(e),
    };
    dest.wrote(written)?;
    Ok(request)
}

/// Writes the login request for `credentials` and describes it in `*request`.
///
/// The request is a body with its content type (JSON, form, OAuth password grant) or, for
/// Infoworks, a Basic `Authorization` value; its string and a NUL go into `buf`, and
/// `*request` points there. Both are written only on success.
///
/// \param session      An initialized session.
/// \param credentials  The user name, password and optional authSource (read, not kept).
/// \param buf          Where the string and a NUL are written, `buf_len` bytes; NULL with
///                     `buf_len` 0 asks for the size. Must not overlap the credentials or
///                     the session.
/// \param out_n        Receives the length written (without the NUL), or the size needed.
/// \param request      Receives the request, whose string points into `buf`.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (impossible length; a NULL auth_source with a length),
///         AUTHCORE_INVALID_UTF8, AUTHCORE_COLON_IN_USER_ID and AUTHCORE_CONTROL_CHARACTER
///         (Basic login), AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_login_request(
    session: *const authcore_session,
    credentials: *const authcore_credentials,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
    request: *mut authcore_request,
) -> authcore_status {
    guard(|| {
        required(&[
            session.is_null(),
            credentials.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
            request.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let s = unsafe { session_ref(session) }?;
        let c = unsafe { self::credentials(credentials) }?;
        apart_from_session(session, buf, buf_len)?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &credential_bytes(&c)) }?;
        if request.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let r = write_request(&mut dest, &mut |b| s.login_request(&c, b))?;
        // SAFETY: non-NULL and valid for a write, as the caller vouches; never read.
        unsafe { request.write(r) };
        Ok(())
    })
}

/// Writes the refresh request for the stored refresh token and describes it in `*request`.
///
/// The request is an `Authorization` value (datarhei: `Bearer`; Infoworks: `Basic`) or an
/// OAuth refresh grant body; its string and a NUL go into `buf`, and `*request` points
/// there. Both are written only on success.
///
/// \param session  An initialized session.
/// \param buf      Where the string and a NUL are written, `buf_len` bytes; NULL with
///                 `buf_len` 0 asks for the size. Must not overlap the session.
/// \param out_n    Receives the length written (without the NUL), or the size needed.
/// \param request  Receives the request, whose string points into `buf`.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (impossible length), AUTHCORE_NO_REFRESH_TOKEN (none
///         stored, or the API has no refresh call), AUTHCORE_OVERLAPPING_BUFFERS,
///         AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_refresh_request(
    session: *const authcore_session,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
    request: *mut authcore_request,
) -> authcore_status {
    guard(|| {
        required(&[
            session.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
            request.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let s = unsafe { session_ref(session) }?;
        apart_from_session(session, buf, buf_len)?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[]) }?;
        if request.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let r = write_request(&mut dest, &mut |b| s.refresh_request(b))?;
        // SAFETY: non-NULL and valid for a write, as the caller vouches; never read.
        unsafe { request.write(r) };
        Ok(())
    })
}

/// Writes the `Authorization` value for the access token, whatever the time.
///
/// The value and a NUL go into `buf`, only on success.
///
/// \param session  An initialized session.
/// \param buf      Where the value and a NUL are written, `buf_len` bytes; NULL with
///                 `buf_len` 0 asks for the size. Must not overlap the session.
/// \param out_n    Receives the length written (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (impossible length), AUTHCORE_NO_TOKEN (none stored),
///         AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_authorization(
    session: *const authcore_session,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            session.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let s = unsafe { session_ref(session) }?;
        apart_from_session(session, buf, buf_len)?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[]) }?;
        dest.write_with(&|b| s.authorization(b))
    })
}

/// Takes a login response (its JSON text): stores its tokens and their expiries, anchored
/// at `now`.
///
/// Call it as soon as the response arrives. On any error nothing changes. A response
/// without a refresh token keeps the current one.
///
/// \param session    An initialized session.
/// \param json       The response body, `json_len` bytes.
/// \param now        The time the response arrived, in whole seconds.
/// \param time_base  What `now` counts from.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (unknown time base, impossible length),
///         AUTHCORE_CLOCK_MISMATCH, AUTHCORE_RESPONSE_JSON, AUTHCORE_MISSING_FIELD,
///         AUTHCORE_WRONG_FIELD_TYPE, AUTHCORE_ERROR_RESPONSE,
///         AUTHCORE_UNSUPPORTED_TOKEN_TYPE, AUTHCORE_DATE_TIME, AUTHCORE_EXPIRY_OUT_OF_RANGE,
///         AUTHCORE_NEEDS_WALL_CLOCK, AUTHCORE_TOKEN_TOO_LARGE, AUTHCORE_INVALID_TOKEN_SYNTAX,
///         AUTHCORE_CONTROL_CHARACTER, and the JWT statuses for a JWT-dated token that is
///         not a well-formed JWT (its signature is not checked: the client only reads its
///         times).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_accept_login(
    session: *mut authcore_session,
    json: *const c_char,
    json_len: usize,
    now: i64,
    time_base: TimeBaseArg,
) -> authcore_status {
    // SAFETY: the same contract, without a user or a detail. One body serves both: two were
    // two copies of the checks and the parse.
    unsafe {
        authcore_session_accept_detail(
            session,
            json,
            json_len,
            null(),
            0,
            now,
            time_base,
            core::ptr::null_mut(),
        )
    }
}

/// Takes a refresh response, as `authcore_session_accept_login` does: a new refresh token
/// replaces the old one, none keeps it.
///
/// \param session    An initialized session.
/// \param json       The response body, `json_len` bytes.
/// \param now        The time the response arrived, in whole seconds.
/// \param time_base  What `now` counts from.
/// \return As `authcore_session_accept_login`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_accept_refresh(
    session: *mut authcore_session,
    json: *const c_char,
    json_len: usize,
    now: i64,
    time_base: TimeBaseArg,
) -> authcore_status {
    // SAFETY: the same contract. Core takes both responses alike: one body serves both.
    unsafe { authcore_session_accept_login(session, json, json_len, now, time_base) }
}

/// `authcore_session_accept_login` (or `_accept_refresh`: the two take responses alike)
/// that says what a refused response was about, and that knows who logged in.
///
/// `*detail` names the field of an AUTHCORE_MISSING_FIELD or AUTHCORE_WRONG_FIELD_TYPE,
/// and gives the status and error code of an AUTHCORE_ERROR_RESPONSE (the server refused:
/// ImmPort's `{"status":401}`, an OAuth 2.0 `error`; `authcore_response_error_description`
/// gives its description); it is emptied on success and any other status. BlueCat's
/// `Basic base64(username:apiToken)` is built from `username` when the response lacks
/// `basicAuthenticationCredentials`. On any error nothing else changes.
///
/// \param session    An initialized session.
/// \param json       The response body, `json_len` bytes.
/// \param username   The user who logged in, `username_len` bytes (read, not kept); NULL
///                   (with `username_len` 0) for none.
/// \param now        The time the response arrived, in whole seconds.
/// \param time_base  What `now` counts from.
/// \param detail     Receives what a refused response said; NULL for none.
/// \return As `authcore_session_accept_login`; AUTHCORE_INVALID_ARGUMENT also for a NULL
///         `username` with a length; AUTHCORE_INVALID_UTF8, AUTHCORE_COLON_IN_USER_ID and
///         AUTHCORE_CONTROL_CHARACTER for `username`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_accept_detail(
    session: *mut authcore_session,
    json: *const c_char,
    json_len: usize,
    username: *const c_char,
    username_len: usize,
    now: i64,
    time_base: TimeBaseArg,
    detail: *mut authcore_response_detail,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { reset(detail) };
    guard(|| {
        required(&[session.is_null(), json.is_null()])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let (s, clock) = unsafe { changing(session, now, time_base) }?;
        let json = unsafe { bytes(json.cast(), json_len) }?;
        let result = match unsafe { opt_text(username, username_len) }? {
            None => s.accept_login(json, &clock),
            Some(user) => s.accept_login_for(user, json, &clock),
        };
        Ok(unsafe { describe(result, detail) }?)
    })
}

/// What `authcore_session_next` says to do.
// A fixed 32-bit type in C (`typedef uint32_t`): it is stored in structs and written through
// pointers, and C compilers disagree on an enum's size (arm-none-eabi-gcc makes them one
// byte unless -fno-short-enums).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_action {
    /// Send the request with `request.authorization` as its `Authorization` value.
    AUTHCORE_ACTION_SEND = 1,
    /// Renew the access token with `request`, then `authcore_session_accept_refresh`. While
    /// `usable`, the current token still works (`authcore_session_authorization`).
    AUTHCORE_ACTION_REFRESH = 2,
    /// Log in again (`authcore_session_login_request`, then `authcore_session_accept_login`):
    /// no token, or it is due and cannot be refreshed. `request` is empty.
    AUTHCORE_ACTION_LOG_IN = 3,
}

/// The decision `authcore_session_next` makes.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_next {
    /// What to do.
    pub action: authcore_action,
    /// Whether the current access token still works.
    pub usable: bool,
    /// Seconds it still works (INT64_MAX: no known expiry); 0 when not usable.
    pub remaining: i64,
    /// SEND: the `Authorization` value to send; REFRESH: the refresh request (the current
    /// token's header, while `usable`, from `authcore_session_authorization`); LOG_IN: while
    /// `usable`, the current token's `Authorization` value to send while the login runs,
    /// else all NULL.
    pub request: authcore_request,
}

/// The request of a decision, and in `decision` what to do and the seconds the current
/// token still works.
fn next_request<'b>(
    next: Result<Next<'b>, LifecycleError>,
    decision: &mut (authcore_action, Option<i64>),
) -> Result<Request<'b>, LifecycleError> {
    use authcore_action::*;
    let none = Request {
        authorization: None,
        body: None,
        content_type: None,
    };
    Ok(match next? {
        Next::Send {
            authorization,
            remaining,
        } => {
            *decision = (AUTHCORE_ACTION_SEND, Some(remaining));
            Request {
                authorization: Some(authorization),
                ..none
            }
        }
        Next::Refresh { request, remaining } => {
            *decision = (AUTHCORE_ACTION_REFRESH, remaining);
            request
        }
        Next::LogIn {
            remaining,
            authorization,
        } => {
            *decision = (AUTHCORE_ACTION_LOG_IN, remaining);
            Request {
                authorization,
                ..none
            }
        }
    })
}

/// Says what to do now: send with this `Authorization` value, refresh with this request, or
/// log in again (with the header that still works meanwhile, while the token is usable).
///
/// The decision's string and a NUL go into `buf` and `*next` points there; a LOG_IN without
/// a usable token has none (`*out_n` 0, `buf` untouched). Written only on success. A token
/// inside a sliding window's margin is still SEND: using it slides the window.
///
/// \param session    An initialized session.
/// \param now        The time, in whole seconds.
/// \param time_base  What `now` counts from.
/// \param buf        Where the string and a NUL are written, `buf_len` bytes; NULL with
///                   `buf_len` 0 asks for the size. Must not overlap the session.
/// \param out_n      Receives the length written (without the NUL), or the size needed.
/// \param next       Receives the decision, whose request points into `buf`.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (unknown time base, impossible length),
///         AUTHCORE_CLOCK_MISMATCH, AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_next(
    session: *const authcore_session,
    now: i64,
    time_base: TimeBaseArg,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
    next: *mut authcore_next,
) -> authcore_status {
    guard(|| {
        required(&[
            session.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
            next.is_null(),
        ])?;
        use authcore_action::*;
        let clock = FixedClock::new(now, time_base)?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let s = unsafe { session_ref(session) }?;
        apart_from_session(session, buf, buf_len)?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[]) }?;
        if next.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let mut decision = (AUTHCORE_ACTION_LOG_IN, None);
        let request = write_request(&mut dest, &mut |b| {
            next_request(s.next(&clock, b), &mut decision)
        })?;
        let (action, remaining) = decision;
        // SAFETY: non-NULL and valid for a write, as the caller vouches; never read.
        unsafe {
            next.write(authcore_next {
                action,
                usable: remaining.is_some(),
                remaining: remaining.unwrap_or(0),
                request,
            })
        };
        Ok(())
    })
}

/// Writes the access token's status at `now` to `*out`.
///
/// \param session    An initialized session.
/// \param now        The time, in whole seconds.
/// \param time_base  What `now` counts from.
/// \param out        Receives the status.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (unknown time base), AUTHCORE_CLOCK_MISMATCH,
///         AUTHCORE_NO_TOKEN (none stored).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_status(
    session: *const authcore_session,
    now: i64,
    time_base: TimeBaseArg,
    out: *mut authcore_token_status,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe { read_status(session, now, time_base, out, false) }
}

/// Writes the refresh token's status at `now` to `*out`.
///
/// \param session    An initialized session.
/// \param now        The time, in whole seconds.
/// \param time_base  What `now` counts from.
/// \param out        Receives the status.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (unknown time base), AUTHCORE_CLOCK_MISMATCH,
///         AUTHCORE_NO_REFRESH_TOKEN (none stored).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_refresh_status(
    session: *const authcore_session,
    now: i64,
    time_base: TimeBaseArg,
    out: *mut authcore_token_status,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe { read_status(session, now, time_base, out, true) }
}

/// Touches (or, with `pin`, pins) the access token at the time the call passed. One
/// function for both: two were two copies of the checks.
///
/// # Safety
/// As for `session_mut`.
unsafe fn use_access_token(
    session: *mut authcore_session,
    now: i64,
    time_base: u32,
    pin: bool,
) -> authcore_status {
    guard(|| {
        required(&[session.is_null()])?;
        // SAFETY: forwarded to the caller's guarantee.
        let (s, clock) = unsafe { changing(session, now, time_base) }?;
        Ok(match pin {
            false => s.touch(&clock),
            true => s.pin(&clock),
        }?)
    })
}

/// Records a call made at `now` with the access token: slides a sliding window (Aria
/// Operations).
///
/// \param session    An initialized session.
/// \param now        The time of the call, in whole seconds.
/// \param time_base  What `now` counts from.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_ARGUMENT (unknown time base), AUTHCORE_CLOCK_MISMATCH,
///         AUTHCORE_EXPIRED (the token has expired), AUTHCORE_NO_TOKEN (none stored).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_touch(
    session: *mut authcore_session,
    now: i64,
    time_base: TimeBaseArg,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { use_access_token(session, now, time_base, false) }
}

/// Pins the access token's validity at `now`, the start of a request (ImmPort): until
/// `authcore_session_unpin`, `authcore_session_next` answers as it would have at `now`.
///
/// \param session    An initialized session.
/// \param now        The start of the request, in whole seconds.
/// \param time_base  What `now` counts from.
/// \return As `authcore_session_touch`; on AUTHCORE_EXPIRED any earlier pin is dropped.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_pin(
    session: *mut authcore_session,
    now: i64,
    time_base: TimeBaseArg,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { use_access_token(session, now, time_base, true) }
}

/// Ends a pin.
///
/// \param session  An initialized session.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_unpin(session: *mut authcore_session) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded to the caller's guarantee.
        unsafe { session_mut(session) }?.unpin();
        Ok(())
    })
}

/// Stores a refresh token obtained elsewhere (Infoworks: from the user's settings),
/// received at `now`; its expiry from its JWT exp where the API says so, else unknown.
///
/// On error nothing changes.
///
/// \param session    An initialized session.
/// \param token      The refresh token, `token_len` bytes (copied).
/// \param now        The time it was received, in whole seconds.
/// \param time_base  What `now` counts from.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_INVALID_UTF8, AUTHCORE_INVALID_ARGUMENT (unknown time base, impossible
///         length), AUTHCORE_CLOCK_MISMATCH, AUTHCORE_TOKEN_TOO_LARGE,
///         AUTHCORE_INVALID_TOKEN_SYNTAX, AUTHCORE_CONTROL_CHARACTER, the JWT statuses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_set_refresh_token(
    session: *mut authcore_session,
    token: *const c_char,
    token_len: usize,
    now: i64,
    time_base: TimeBaseArg,
) -> authcore_status {
    guard(|| {
        required(&[session.is_null(), token.is_null()])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let (s, clock) = unsafe { changing(session, now, time_base) }?;
        Ok(s.set_refresh_token(unsafe { text(token, token_len) }?, &clock)?)
    })
}

/// Forgets the refresh token, zeroized (the server refused it): the next step is to log in.
///
/// \param session  An initialized session.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_forget_refresh_token(
    session: *mut authcore_session,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded to the caller's guarantee.
        unsafe { session_mut(session) }?.forget_refresh_token();
        Ok(())
    })
}

/// Forgets the access token, zeroized, and keeps the refresh token: a logout that
/// blacklists the access token only (Infoworks), or a server that refused the access token
/// while the refresh token still works. The next step is to refresh, if the API can.
///
/// \param session  An initialized session.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_forget_access_token(
    session: *mut authcore_session,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded to the caller's guarantee.
        unsafe { session_mut(session) }?.forget_access_token();
        Ok(())
    })
}

/// Forgets both tokens, zeroized (log out, or the server refused the access token); the
/// session stays made for its API and accepts a response on any time base again.
///
/// \param session  An initialized session.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_session_forget(
    session: *mut authcore_session,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded to the caller's guarantee.
        unsafe { session_mut(session) }?.clear();
        Ok(())
    })
}
