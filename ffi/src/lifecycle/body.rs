//! Login and refresh request bodies, written into caller buffers.

use core::ffi::c_char;

use authcore::LifecycleError;
use authcore::response::body;
use authcore::session::Credentials;

use crate::boundary::{StrOut, guard, opt_cstr, required, text};
use crate::status::authcore_status;

use super::{authcore_credentials, credential_bytes, credentials, opt_bytes};

/// Writes a login body made by `make` from the credentials.
///
/// # Safety
/// As for `authcore_login_body_json`.
unsafe fn login_body(
    credentials: *const authcore_credentials,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    make: for<'b> fn(&Credentials<'_>, &'b mut [u8]) -> Result<&'b str, LifecycleError>,
) -> authcore_status {
    guard(|| {
        required(&[
            credentials.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let c = unsafe { self::credentials(credentials) }?;
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len, &credential_bytes(&c)) }?;
        dest.write_with(&|b| make(&c, b))
    })
}

/// Writes the JSON login body `{"username":…,"password":…}` (plus `"authSource":…` when
/// the credentials have one; Content-Type `application/json`) and a NUL into `out`. Quotes,
/// backslashes and control characters are escaped.
///
/// Errors: AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_UTF8, AUTHCORE_BUFFER_TOO_SMALL
/// (`*out_len` = size needed; `out` may be NULL with `out_cap` 0 to ask for it).
///
/// # Safety
/// `credentials` valid for reads, with its strings as its field comments say; `out` valid
/// for `out_cap` bytes; `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_login_body_json(
    credentials: *const authcore_credentials,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe { login_body(credentials, out, out_cap, out_len, body::json_login) }
}

/// Writes the form login body `username=…&password=…` (plus `&authSource=…`; Content-Type
/// `application/x-www-form-urlencoded`, as ImmPort takes it) and a NUL into `out`.
///
/// Errors: as `authcore_login_body_json`.
///
/// # Safety
/// As for `authcore_login_body_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_login_body_form(
    credentials: *const authcore_credentials,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    unsafe { login_body(credentials, out, out_cap, out_len, body::form_login) }
}

/// Writes the OAuth 2.0 password grant body (RFC 6749 4.3.2, form-encoded:
/// `grant_type=password&username=…&password=…`, then `scope` and `client_id` when not
/// NULL) and a NUL into `out`. The credentials' auth_source is not used.
///
/// Errors: as `authcore_login_body_json`.
///
/// # Safety
/// As for `authcore_login_body_json`; `scope` and `client_id` NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_oauth_password_grant(
    credentials: *const authcore_credentials,
    scope: *const c_char,
    client_id: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            credentials.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let c = unsafe { self::credentials(credentials) }?;
        let scope = unsafe { opt_cstr(scope) }?;
        let client_id = unsafe { opt_cstr(client_id) }?;
        let [user, password, source] = credential_bytes(&c);
        let reads = [
            user,
            password,
            source,
            opt_bytes(scope),
            opt_bytes(client_id),
        ];
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len, &reads) }?;
        dest.write_with(&|b| body::oauth_password_grant(&c, scope, client_id, b))
    })
}

/// Writes the OAuth 2.0 refresh grant body (RFC 6749 6, form-encoded:
/// `grant_type=refresh_token&refresh_token=…`, then `scope` and `client_id` when not NULL)
/// and a NUL into `out`.
///
/// Errors: as `authcore_login_body_json`.
///
/// # Safety
/// `refresh_token` valid for `refresh_token_len` bytes; `scope` and `client_id` NULL or
/// NUL-terminated; `out` valid for `out_cap` bytes; `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_oauth_refresh_grant(
    refresh_token: *const c_char,
    refresh_token_len: usize,
    scope: *const c_char,
    client_id: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            refresh_token.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (all four): forwarded to the caller's guarantees.
        let token = unsafe { text(refresh_token, refresh_token_len) }?;
        let scope = unsafe { opt_cstr(scope) }?;
        let client_id = unsafe { opt_cstr(client_id) }?;
        let reads = [token.as_bytes(), opt_bytes(scope), opt_bytes(client_id)];
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len, &reads) }?;
        dest.write_with(&|b| body::oauth_refresh_grant(token, scope, client_id, b))
    })
}
