//! `Authorization` header values: formatting every style into caller buffers, and parsing
//! an incoming value.

use core::ffi::c_char;

use authcore::authz::{self, Authorization, HeaderStyle};

use crate::boundary::{StrOut, cstr, guard, overlap, required, text};
use crate::status::authcore_status::{self, *};

/// How `authcore_authorization_format` sends a token, as its `style` argument takes it.
/// (Basic from a user and password: `authcore_authorization_basic`; a custom scheme:
/// `authcore_authorization_custom`.)
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_header_style {
    /// `Bearer <token>` (RFC 6750); the token must be a b64token.
    AUTHCORE_HEADER_BEARER = 1,
    /// `bearer <token>`, for servers that compare the scheme case-sensitively (ImmPort).
    AUTHCORE_HEADER_LOWER_BEARER = 2,
    /// The token alone, no scheme; visible ASCII, no spaces.
    AUTHCORE_HEADER_BARE = 3,
    /// `Basic <credentials>` with ready-made base64 credentials (BlueCat's
    /// basicAuthenticationCredentials).
    AUTHCORE_HEADER_BASIC_READY_MADE = 4,
    /// `<scheme> <token>` with an API description's own scheme (descriptions only:
    /// `authcore_authorization_format` takes no scheme and refuses it).
    AUTHCORE_HEADER_CUSTOM = 5,
}

fn header_style(raw: u32) -> Result<HeaderStyle, authcore_status> {
    Ok(match raw {
        1 => HeaderStyle::Bearer,
        2 => HeaderStyle::LowerBearer,
        3 => HeaderStyle::Bare,
        4 => HeaderStyle::BasicReadyMade,
        _ => return Err(AUTHCORE_INVALID_ARGUMENT),
    })
}

/// Writes the `Authorization` value for `token` in `style` (an `authcore_header_style`
/// value) and a NUL into `out`.
///
/// Errors: AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (unknown style),
/// AUTHCORE_INVALID_UTF8, AUTHCORE_CONTROL_CHARACTER (CR, LF or any control character:
/// header injection), AUTHCORE_INVALID_TOKEN_SYNTAX (not a b64token for Bearer and Basic;
/// empty or with spaces for bare), AUTHCORE_BUFFER_TOO_SMALL (`*out_len` = size needed; `out`
/// may be NULL with `out_cap` 0 to ask for it).
///
/// # Safety
/// `token` valid for `token_len` bytes; `out` valid for `out_cap` bytes; `out_len` valid for
/// a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_format(
    style: u32,
    token: *const c_char,
    token_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            token.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let token = unsafe { text(token, token_len) }?;
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len, &[token.as_bytes()]) }?;
        let style = header_style(style)?;
        dest.write_with(&|b| authz::format(style, token, b))
    })
}

/// Writes `Basic base64(user_id:password)` (RFC 7617, UTF-8) and a NUL into `out`.
///
/// Errors: as `authcore_authorization_format`, and AUTHCORE_COLON_IN_USER_ID (the server
/// could not tell where the user id ends).
///
/// # Safety
/// `user_id` and `password` valid for their lengths; `out` valid for `out_cap` bytes;
/// `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_basic(
    user_id: *const c_char,
    user_id_len: usize,
    password: *const c_char,
    password_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            user_id.is_null(),
            password.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let user_id = unsafe { text(user_id, user_id_len) }?;
        let password = unsafe { text(password, password_len) }?;
        let reads = [user_id.as_bytes(), password.as_bytes()];
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len, &reads) }?;
        dest.write_with(&|b| authz::basic(user_id, password, b))
    })
}

/// Writes `<scheme> <token>` for a custom scheme (`OpsToken`, `vRealizeOpsToken`, …) and a
/// NUL into `out`. `scheme` is NUL-terminated and must be an RFC 7230 token; `token` visible
/// ASCII without spaces.
///
/// Errors: as `authcore_authorization_format`.
///
/// # Safety
/// `scheme` NUL-terminated; `token` valid for `token_len` bytes; `out` valid for `out_cap`
/// bytes; `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_custom(
    scheme: *const c_char,
    token: *const c_char,
    token_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            scheme.is_null(),
            token.is_null(),
            (out.is_null() && out_cap != 0),
            out_len.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let scheme = unsafe { cstr(scheme) }?;
        let token = unsafe { text(token, token_len) }?;
        let reads = [scheme.as_bytes(), token.as_bytes()];
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len, &reads) }?;
        dest.write_with(&|b| authz::with_scheme(scheme, token, b))
    })
}

/// The scheme of a parsed `Authorization` value.
// A fixed 32-bit type in C (`typedef uint32_t`): it is stored in structs and written through
// pointers, and C compilers disagree on an enum's size (arm-none-eabi-gcc makes them one
// byte unless -fno-short-enums).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_auth_scheme {
    /// `Bearer` in any case: the credentials are the token (a b64token).
    AUTHCORE_SCHEME_BEARER = 1,
    /// `Basic` in any case: the credentials are base64 (decode them with
    /// `authcore_authorization_parse_basic`).
    AUTHCORE_SCHEME_BASIC = 2,
    /// Any other scheme; a bare token without a scheme reads as a scheme with empty
    /// credentials.
    AUTHCORE_SCHEME_OTHER = 3,
}

/// A parsed `Authorization` value. The strings point into the value that was parsed (not
/// NUL-terminated: use the lengths) and are valid as long as it is.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_authorization {
    /// Which scheme.
    pub scheme: authcore_auth_scheme,
    /// The scheme as written.
    pub scheme_name: *const c_char,
    /// Bytes in `scheme_name`.
    pub scheme_name_len: usize,
    /// The credentials as written (the Bearer token; the Basic base64; possibly empty for
    /// other schemes).
    pub credentials: *const c_char,
    /// Bytes in `credentials`.
    pub credentials_len: usize,
}

/// Parses an incoming `Authorization` value (RFC 7235: `scheme [ 1*SP credentials ]`) into
/// `*out`. Surrounding spaces and tabs are ignored.
///
/// Errors: AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_UTF8, AUTHCORE_CONTROL_CHARACTER,
/// AUTHCORE_MALFORMED_AUTHORIZATION (a scheme that is not a token; Bearer or Basic without
/// token68 credentials).
///
/// # Safety
/// `value` valid for `value_len` bytes; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_parse(
    value: *const c_char,
    value_len: usize,
    out: *mut authcore_authorization,
) -> authcore_status {
    guard(|| {
        required(&[value.is_null(), out.is_null()])?;
        // SAFETY: forwarded to the caller's guarantee.
        let value = unsafe { text(value, value_len) }?;
        if out.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let parsed = Authorization::parse(value)?;
        let (scheme, name, credentials) = match parsed {
            Authorization::Bearer(t) => (
                authcore_auth_scheme::AUTHCORE_SCHEME_BEARER,
                scheme_of(value, "Bearer"),
                t,
            ),
            Authorization::Basic(c) => (
                authcore_auth_scheme::AUTHCORE_SCHEME_BASIC,
                scheme_of(value, "Basic"),
                c.encoded(),
            ),
            Authorization::Other {
                scheme,
                credentials,
            } => (
                authcore_auth_scheme::AUTHCORE_SCHEME_OTHER,
                scheme,
                credentials,
            ),
        };
        // SAFETY: non-NULL, and the caller vouches for a write; written whole, never read.
        unsafe {
            out.write(authcore_authorization {
                scheme,
                scheme_name: name.as_ptr().cast(),
                scheme_name_len: name.len(),
                credentials: credentials.as_ptr().cast(),
                credentials_len: credentials.len(),
            })
        };
        Ok(())
    })
}

/// The scheme word, as written, of a value that parsed as `scheme` (core ignores the white
/// space before it and compares the scheme ignoring case, so it is that long).
fn scheme_of<'v>(value: &'v str, scheme: &str) -> &'v str {
    // By bytes (ASCII cut points are char boundaries).
    let start = value.bytes().position(|b| b != b' ' && b != b'\t');
    let start = start.unwrap_or_default();
    value.get(start..start + scheme.len()).unwrap_or_default()
}

/// The longest decoded Basic credentials (user id, ':', password) that
/// `authcore_authorization_parse_basic` accepts, in bytes: they are decoded on the stack.
pub const AUTHCORE_MAX_BASIC_CREDENTIALS: usize = 512;

/// Parses a `Basic` `Authorization` value and writes its user id and password, decoded, each
/// with a NUL, into `user_id` and `password`.
///
/// Both are written or neither: when either buffer is too small, AUTHCORE_BUFFER_TOO_SMALL
/// and both `*user_id_len` and `*password_len` receive the sizes needed.
///
/// Errors: as `authcore_authorization_parse`; AUTHCORE_MALFORMED_AUTHORIZATION also for
/// another scheme, base64 that is not canonical, decoded text that is not UTF-8 or has no
/// ':'; AUTHCORE_CONTROL_CHARACTER for control characters in the decoded text;
/// AUTHCORE_TOKEN_TOO_LARGE beyond AUTHCORE_MAX_BASIC_CREDENTIALS decoded bytes.
///
/// # Safety
/// `value` valid for `value_len` bytes; each buffer valid for its capacity (or NULL with
/// capacity 0); each length pointer valid for a write.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn authcore_authorization_parse_basic(
    value: *const c_char,
    value_len: usize,
    user_id: *mut c_char,
    user_id_cap: usize,
    user_id_len: *mut usize,
    password: *mut c_char,
    password_cap: usize,
    password_len: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            value.is_null(),
            (user_id.is_null() && user_id_cap != 0),
            user_id_len.is_null(),
            (password.is_null() && password_cap != 0),
            password_len.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let value = unsafe { text(value, value_len) }?;
        if !user_id.is_null()
            && !password.is_null()
            && overlap(
                (user_id.cast(), user_id_cap),
                (password.cast(), password_cap),
            )
        {
            return Err(AUTHCORE_OVERLAPPING_BUFFERS);
        }
        let reads = [value.as_bytes()];
        let mut user_out = unsafe { StrOut::new(user_id, user_id_cap, user_id_len, &reads) }?;
        let mut pass_out = unsafe { StrOut::new(password, password_cap, password_len, &reads) }?;
        let Authorization::Basic(creds) = Authorization::parse(value)? else {
            return Err(AUTHCORE_MALFORMED_AUTHORIZATION);
        };
        let mut scratch = Wiped([0u8; AUTHCORE_MAX_BASIC_CREDENTIALS]);
        let (user, pass) = match creds.decode(&mut scratch.0) {
            Err(authcore::LifecycleError::BufferTooSmall { .. }) => {
                return Err(AUTHCORE_TOKEN_TOO_LARGE);
            }
            r => r?,
        };
        if !user_out.fits(user.len()) || !pass_out.fits(pass.len()) {
            user_out.report(user.len());
            pass_out.report(pass.len());
            return Err(AUTHCORE_BUFFER_TOO_SMALL);
        }
        user_out.write_bytes(user.as_bytes())?;
        pass_out.write_bytes(pass.as_bytes())
    })
}

/// A stack buffer that held a secret, overwritten when it goes out of scope.
struct Wiped<const N: usize>([u8; N]);

impl<const N: usize> Drop for Wiped<N> {
    fn drop(&mut self) {
        for b in self.0.iter_mut() {
            // SAFETY: `b` is a valid, exclusive reference; volatile so the wipe is kept.
            unsafe { core::ptr::write_volatile(b, 0) };
        }
    }
}
