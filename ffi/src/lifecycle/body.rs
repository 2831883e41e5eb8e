//! Login and refresh request bodies, written into caller buffers.

use core::ffi::c_char;

use authcore::LifecycleError;
use authcore::response::body;
use authcore::session::Credentials;

use crate::boundary::{StrOut, guard, opt_text, required, text};
use crate::status::authcore_status;

use super::{authcore_credentials, credential_bytes, credentials, opt_bytes};

/// Writes a login body made by `make` from the credentials.
///
/// # Safety
/// As for `authcore_login_body_json`.
unsafe fn login_body(
    credentials: *const authcore_credentials,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
    make: for<'b> fn(&Credentials<'_>, &'b mut [u8]) -> Result<&'b str, LifecycleError>,
) -> authcore_status {
    guard(|| {
        required(&[
            credentials.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let c = unsafe { self::credentials(credentials) }?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &credential_bytes(&c)) }?;
        dest.write_with(&|b| make(&c, b))
    })
}

/// Writes the JSON login body `{"username":...,"password":...}`, plus `"authSource":...`
/// when the credentials have one (Content-Type `application/json`).
///
/// Quotes, backslashes and control characters are escaped. The body and a NUL go into
/// `buf`, only on success.
///
/// \param credentials  The user name, password and optional authSource (read, not kept).
/// \param buf          Where the body and a NUL are written, `buf_len` bytes; NULL with
///                     `buf_len` 0 asks for the size. Must not overlap the credentials.
/// \param out_n        Receives the length written (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (impossible
///         length; a NULL auth_source with a length), AUTHCORE_INVALID_UTF8,
///         AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_login_body_json(
    credentials: *const authcore_credentials,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe { login_body(credentials, buf, buf_len, out_n, body::json_login) }
}

/// Writes the form login body `username=...&password=...`, plus `&authSource=...`
/// (Content-Type `application/x-www-form-urlencoded`, as ImmPort takes it).
///
/// The body and a NUL go into `buf`, only on success.
///
/// \param credentials  The user name, password and optional authSource (read, not kept).
/// \param buf          Where the body and a NUL are written, `buf_len` bytes; NULL with
///                     `buf_len` 0 asks for the size. Must not overlap the credentials.
/// \param out_n        Receives the length written (without the NUL), or the size needed.
/// \return As `authcore_login_body_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_login_body_form(
    credentials: *const authcore_credentials,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe { login_body(credentials, buf, buf_len, out_n, body::form_login) }
}

/// Writes the OAuth 2.0 password grant body (RFC 6749 4.3.2, form-encoded:
/// `grant_type=password&username=...&password=...`, then `scope` and `client_id` when given).
///
/// The credentials' auth_source is not used. The body and a NUL go into `buf`, only on
/// success.
///
/// \param credentials  The user name and password (read, not kept).
/// \param scope        The scope, `scope_len` bytes; NULL (with `scope_len` 0) for none.
/// \param client_id    The client id, `client_id_len` bytes; NULL (with `client_id_len` 0)
///                     for none.
/// \param buf          Where the body and a NUL are written, `buf_len` bytes; NULL with
///                     `buf_len` 0 asks for the size. Must not overlap the inputs.
/// \param out_n        Receives the length written (without the NUL), or the size needed.
/// \return As `authcore_login_body_json`; AUTHCORE_INVALID_ARGUMENT also for a NULL
///         `scope` or `client_id` with a length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_oauth_password_grant(
    credentials: *const authcore_credentials,
    scope: *const c_char,
    scope_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            credentials.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let c = unsafe { self::credentials(credentials) }?;
        let scope = unsafe { opt_text(scope, scope_len) }?;
        let client_id = unsafe { opt_text(client_id, client_id_len) }?;
        let [user, password, source] = credential_bytes(&c);
        let reads = [
            user,
            password,
            source,
            opt_bytes(scope),
            opt_bytes(client_id),
        ];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
        dest.write_with(&|b| body::oauth_password_grant(&c, scope, client_id, b))
    })
}

/// Writes the OAuth 2.0 refresh grant body (RFC 6749 6, form-encoded:
/// `grant_type=refresh_token&refresh_token=...`, then `scope` and `client_id` when given).
///
/// The body and a NUL go into `buf`, only on success.
///
/// \param refresh_token  The refresh token, `refresh_token_len` bytes.
/// \param scope          The scope, `scope_len` bytes; NULL (with `scope_len` 0) for none.
/// \param client_id      The client id, `client_id_len` bytes; NULL (with
///                       `client_id_len` 0) for none.
/// \param buf            Where the body and a NUL are written, `buf_len` bytes; NULL with
///                       `buf_len` 0 asks for the size. Must not overlap the inputs.
/// \param out_n          Receives the length written (without the NUL), or the size needed.
/// \return As `authcore_oauth_password_grant`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_oauth_refresh_grant(
    refresh_token: *const c_char,
    refresh_token_len: usize,
    scope: *const c_char,
    scope_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            refresh_token.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let token = unsafe { text(refresh_token, refresh_token_len) }?;
        let scope = unsafe { opt_text(scope, scope_len) }?;
        let client_id = unsafe { opt_text(client_id, client_id_len) }?;
        let reads = [token.as_bytes(), opt_bytes(scope), opt_bytes(client_id)];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
        dest.write_with(&|b| body::oauth_refresh_grant(token, scope, client_id, b))
    })
}
