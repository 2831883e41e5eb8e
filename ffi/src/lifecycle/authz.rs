//! `Authorization` header values: formatting every style into caller buffers, and parsing
//! an incoming value.

use core::ffi::c_char;

use authcore::authz::{self, Authorization, HeaderStyle};

use crate::boundary::{StrOut, guard, overlap, required, text};
use crate::status::authcore_status::{self, *};

/// How `authcore_authorization_format` sends a token, as its `style` argument takes it.
/// (Basic from a user and password: `authcore_authorization_basic`; a custom scheme:
/// `authcore_authorization_custom`.)
#[repr(u32)]
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

/// An `authcore_header_style` as a function or a description takes it: C may pass any
/// 32-bit value, which is checked (the header names the type `authcore_header_style`).
pub type HeaderStyleArg = u32;

fn header_style(raw: HeaderStyleArg) -> Result<HeaderStyle, authcore_status> {
    Ok(match raw {
        1 => HeaderStyle::Bearer,
        2 => HeaderStyle::LowerBearer,
        3 => HeaderStyle::Bare,
        4 => HeaderStyle::BasicReadyMade,
        _ => return Err(AUTHCORE_INVALID_ARGUMENT),
    })
}

/// Writes the `Authorization` value that sends `token` in `style`.
///
/// The value and a NUL go into `buf`, only on success.
///
/// \param style    How to send it; AUTHCORE_HEADER_CUSTOM is refused (use
///                 `authcore_authorization_custom`).
/// \param token    The token, `token_len` bytes of UTF-8.
/// \param buf      Where the value and a NUL are written, `buf_len` bytes; NULL with
///                 `buf_len` 0 asks for the size. Must not overlap `token`.
/// \param out_n    Receives the length written (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (unknown style,
///         impossible length), AUTHCORE_INVALID_UTF8, AUTHCORE_CONTROL_CHARACTER (CR, LF or
///         any control character: header injection), AUTHCORE_INVALID_TOKEN_SYNTAX (not a
///         b64token for Bearer and Basic; empty or with spaces for bare),
///         AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_format(
    style: HeaderStyleArg,
    token: *const c_char,
    token_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            token.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let token = unsafe { text(token, token_len) }?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[token.as_bytes()]) }?;
        let style = header_style(style)?;
        dest.write_with(&|b| authz::format(style, token, b))
    })
}

/// Writes `Basic base64(user_id:password)` (RFC 7617, UTF-8).
///
/// The value and a NUL go into `buf`, only on success.
///
/// \param user_id   The user id, `user_id_len` bytes of UTF-8, without ':'.
/// \param password  The password, `password_len` bytes of UTF-8.
/// \param buf       Where the value and a NUL are written, `buf_len` bytes; NULL with
///                  `buf_len` 0 asks for the size. Must not overlap the inputs.
/// \param out_n     Receives the length written (without the NUL), or the size needed.
/// \return As `authcore_authorization_format`, and AUTHCORE_COLON_IN_USER_ID (the server
///         could not tell where the user id ends).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_basic(
    user_id: *const c_char,
    user_id_len: usize,
    password: *const c_char,
    password_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            user_id.is_null(),
            password.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let user_id = unsafe { text(user_id, user_id_len) }?;
        let password = unsafe { text(password, password_len) }?;
        let reads = [user_id.as_bytes(), password.as_bytes()];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
        dest.write_with(&|b| authz::basic(user_id, password, b))
    })
}

/// Writes `<scheme> <token>` for a custom scheme (`OpsToken`, `vRealizeOpsToken`, ...).
///
/// The value and a NUL go into `buf`, only on success.
///
/// \param scheme  The scheme, `scheme_len` bytes: an RFC 7230 token.
/// \param token   The token, `token_len` bytes: visible ASCII without spaces.
/// \param buf     Where the value and a NUL are written, `buf_len` bytes; NULL with
///                `buf_len` 0 asks for the size. Must not overlap the inputs.
/// \param out_n   Receives the length written (without the NUL), or the size needed.
/// \return As `authcore_authorization_format`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_authorization_custom(
    scheme: *const c_char,
    scheme_len: usize,
    token: *const c_char,
    token_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            scheme.is_null(),
            token.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let scheme = unsafe { text(scheme, scheme_len) }?;
        let token = unsafe { text(token, token_len) }?;
        let reads = [scheme.as_bytes(), token.as_bytes()];
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &reads) }?;
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

/// Parses an incoming `Authorization` value (RFC 7235: `scheme [ 1*SP credentials ]`).
///
/// Surrounding spaces and tabs are ignored. `*out` is written only on success; its strings
/// point into `value`.
///
/// \param value  The header value, `value_len` bytes.
/// \param out    Receives the scheme and the credentials.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (impossible
///         length), AUTHCORE_INVALID_UTF8, AUTHCORE_CONTROL_CHARACTER,
///         AUTHCORE_MALFORMED_AUTHORIZATION (a scheme that is not a token; Bearer or Basic
///         without token68 credentials).
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

/// Parses a `Basic` `Authorization` value into its user id and password, decoded.
///
/// Each is written with a NUL into its buffer, only on success. Both are written or neither:
/// when either buffer is too small, both `*user_out_n` and `*password_out_n` receive the
/// sizes needed.
///
/// \param value              The header value, `value_len` bytes.
/// \param user_buf           Where the user id and a NUL are written, `user_buf_len` bytes;
///                           NULL with `user_buf_len` 0 asks for the size.
/// \param user_out_n         Receives the user id's length (without the NUL), or the size
///                           needed.
/// \param password_buf       Where the password and a NUL are written, `password_buf_len`
///                           bytes; NULL with `password_buf_len` 0 asks for the size.
/// \param password_out_n     Receives the password's length, or the size needed.
/// \return As `authcore_authorization_parse`, and AUTHCORE_MALFORMED_AUTHORIZATION also for
///         another scheme, base64 that is not canonical, decoded text that is not UTF-8 or
///         has no ':'; AUTHCORE_CONTROL_CHARACTER for control characters in the decoded
///         text; AUTHCORE_TOKEN_TOO_LARGE beyond AUTHCORE_MAX_BASIC_CREDENTIALS decoded
///         bytes; AUTHCORE_OVERLAPPING_BUFFERS (the buffers overlap each other or `value`);
///         AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn authcore_authorization_parse_basic(
    value: *const c_char,
    value_len: usize,
    user_buf: *mut c_char,
    user_buf_len: usize,
    user_out_n: *mut usize,
    password_buf: *mut c_char,
    password_buf_len: usize,
    password_out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            value.is_null(),
            (user_buf.is_null() && user_buf_len != 0),
            user_out_n.is_null(),
            (password_buf.is_null() && password_buf_len != 0),
            password_out_n.is_null(),
        ])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let value = unsafe { text(value, value_len) }?;
        if !user_buf.is_null()
            && !password_buf.is_null()
            && overlap(
                (user_buf.cast(), user_buf_len),
                (password_buf.cast(), password_buf_len),
            )
        {
            return Err(AUTHCORE_OVERLAPPING_BUFFERS);
        }
        let reads = [value.as_bytes()];
        let mut user_out = unsafe { StrOut::new(user_buf, user_buf_len, user_out_n, &reads) }?;
        let mut pass_out =
            unsafe { StrOut::new(password_buf, password_buf_len, password_out_n, &reads) }?;
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
