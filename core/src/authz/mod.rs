//! `Authorization` header values: formatting them into caller buffers, and parsing them.
//!
//! Formatting refuses anything that could inject a header: CR, LF and every other control
//! character are [`LifecycleError::ControlCharacter`] wherever they appear. Bearer tokens and Basic
//! credentials must be RFC 6750 `b64token` / RFC 7235 `token68`
//! (`[A-Za-z0-9-._~+/]+=*`); tokens under a custom scheme or sent bare need only be visible
//! ASCII without spaces, because real opaque tokens are not all `token68` (Aria Operations'
//! look like `8f868cca-…::77cea9b2-…`). Anything else is [`LifecycleError::InvalidTokenSyntax`].
//!
//! ```
//! use authcore::authz;
//! let mut buf = [0u8; 64];
//! assert_eq!(authz::bearer("mF_9.B5f-4.1JqM", &mut buf), Ok("Bearer mF_9.B5f-4.1JqM"));
//! // RFC 7617 §2 example.
//! assert_eq!(authz::basic("Aladdin", "open sesame", &mut buf), Ok("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
//! ```

use core::fmt;

use zeroize::Zeroizing;

use crate::lifecycle_error::LifecycleError;
use crate::redact::Redacted;
use crate::write::{Out, decode_base64, write_with};

/// How a credential is put into an `Authorization` header value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum HeaderStyle {
    /// `Bearer <token>` (RFC 6750 §2.1).
    Bearer,
    /// `bearer <token>`, for servers that compare the scheme case-sensitively (ImmPort).
    LowerBearer,
    /// `<token>` alone, no scheme.
    Bare,
    /// `Basic <credentials>` with ready-made base64 credentials (BlueCat's
    /// `basicAuthenticationCredentials`).
    BasicReadyMade,
    /// `<scheme> <token>` for a custom scheme such as `OpsToken` or `vRealizeOpsToken`.
    Custom(&'static str),
}

/// Writes the header value for `token` in `style` into `buf`.
pub fn format<'b>(
    style: HeaderStyle,
    token: &str,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    let (scheme, class) = match style {
        HeaderStyle::Bearer => ("Bearer", Class::B64Token),
        HeaderStyle::LowerBearer => ("bearer", Class::B64Token),
        HeaderStyle::Bare => ("", Class::Visible),
        HeaderStyle::BasicReadyMade => ("Basic", Class::B64Token),
        HeaderStyle::Custom(scheme) => return with_scheme(scheme, token, buf),
    };
    scheme_token(scheme, class, token, buf)
}

/// A header value by value: up to `N` bytes in a [`heapless::String`], wiped on drop (it
/// holds a credential).
pub type HeaderValue<const N: usize> = Zeroizing<heapless::String<N>>;

/// [`format`], returning the value instead of writing into a caller buffer; a value longer
/// than `N` bytes is [`LifecycleError::BufferTooSmall`].
///
/// ```
/// use authcore::authz::{self, HeaderStyle};
/// let value = authz::format_value::<64>(HeaderStyle::Custom("OpsToken"), "8f868cca::77cea9b2").unwrap();
/// assert_eq!(value.as_str(), "OpsToken 8f868cca::77cea9b2");
/// ```
pub fn format_value<const N: usize>(
    style: HeaderStyle,
    token: &str,
) -> Result<HeaderValue<N>, LifecycleError> {
    let mut bytes = heapless::Vec::<u8, N>::new();
    // Cannot fail: `N` is the capacity.
    let _ = bytes.resize(N, 0);
    let len = format(style, token, &mut bytes)?.len();
    bytes.truncate(len);
    // Always valid: `format` wrote a `&str`.
    let value = heapless::String::from_utf8(bytes)
        .map_err(|_| LifecycleError::BufferTooSmall { needed: len })?;
    Ok(Zeroizing::new(value))
}

/// `Bearer <token>`; `token` must be a `b64token`.
pub fn bearer<'b>(token: &str, buf: &'b mut [u8]) -> Result<&'b str, LifecycleError> {
    scheme_token("Bearer", Class::B64Token, token, buf)
}

/// `Basic <base64(user_id:password)>` (RFC 7617), UTF-8 as RFC 7617's `charset="UTF-8"`.
///
/// A `:` in `user_id` is [`LifecycleError::ColonInUserId`] (the server could not tell where the user
/// id ends); control characters in either are [`LifecycleError::ControlCharacter`].
pub fn basic<'b>(
    user_id: &str,
    password: &str,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    if has_controls(user_id) || has_controls(password) {
        return Err(LifecycleError::ControlCharacter);
    }
    if user_id.contains(':') {
        return Err(LifecycleError::ColonInUserId);
    }
    write_with(buf, &|o| {
        o.put_str("Basic ");
        o.put_base64(&[user_id.as_bytes(), b":", password.as_bytes()]);
    })
}

/// `Basic <credentials>` with credentials already base64-encoded (`token68`).
pub fn basic_ready_made<'b>(
    credentials: &str,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    scheme_token("Basic", Class::B64Token, credentials, buf)
}

/// The token alone, no scheme; visible ASCII without spaces.
pub fn bare<'b>(token: &str, buf: &'b mut [u8]) -> Result<&'b str, LifecycleError> {
    scheme_token("", Class::Visible, token, buf)
}

/// `<scheme> <token>` for a custom scheme: `scheme` must be an RFC 7230 `token`, `token`
/// visible ASCII without spaces.
pub fn with_scheme<'b>(
    scheme: &str,
    token: &str,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    check_class(scheme, Class::Tchar)?;
    scheme_token(scheme, Class::Visible, token, buf)
}

/// Checks `token` against `class` and writes `<scheme> <token>`, or the token alone for an
/// empty scheme.
fn scheme_token<'b>(
    scheme: &str,
    class: Class,
    token: &str,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    check_class(token, class)?;
    write_with(buf, &|o: &mut Out<'_>| {
        if !scheme.is_empty() {
            o.put_str(scheme);
            o.put(b" ");
        }
        o.put_str(token);
    })
}

fn is_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// Whether `s` has a control character, ASCII or not (U+0080..U+009F: RFC 7617 forbids
/// them in Basic). A `bool` rather than a `Result`: the callers' error paths are less code.
fn has_controls(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// The grammars tokens are checked against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// RFC 6750 §2.1 `b64token` = RFC 7235 `token68`: `1*( ALPHA / DIGIT / "-" / "." / "_"
    /// / "~" / "+" / "/" ) *"="`.
    B64Token,
    /// Visible ASCII, `%x21-7E`.
    Visible,
    /// RFC 7230 `tchar`.
    Tchar,
}

/// RFC 7230 `tchar` as a bit set over ASCII, in two words (a `u128` shift is a library
/// call): schemes are short, and a lookup is the least code.
const TCHAR: [u64; 2] = {
    let mut set = [0u64; 2];
    let mut b = 0u8;
    while b < 128 {
        let extra = b"!#$%&'*+-.^_`|~";
        let mut member = b.is_ascii_alphanumeric();
        let mut i = 0;
        while i < extra.len() {
            member |= extra[i] == b;
            i += 1;
        }
        if member {
            set[(b / 64) as usize] |= 1 << (b % 64);
        }
        b += 1;
    }
    set
};

/// Whether `scheme` can be an auth-scheme: an RFC 7230 `token`, not empty.
pub(crate) fn is_scheme(scheme: &str) -> bool {
    !scheme.is_empty() && scheme.bytes().all(is_tchar)
}

fn is_tchar(b: u8) -> bool {
    TCHAR
        .get(usize::from(b / 64))
        .is_some_and(|w| w >> (b % 64) & 1 == 1)
}

/// Whether every byte is a `b64token` character. Comparisons joined by non-short-circuit
/// `|` and `&`, so that the loop vectorizes: tokens, often JWTs of several hundred bytes,
/// are checked on every header written.
fn all_b64token(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| {
        // `| 0x20` folds upper into lower case; `-` to `9` is `-./0123456789`.
        ok & (((b | 0x20).wrapping_sub(b'a') < 26)
            | (b.wrapping_sub(b'-') < 13)
            | (b == b'+')
            | (b == b'_')
            | (b == b'~'))
    })
}

/// At least one character, all in `class` (after any trailing `=` for `b64token`).
/// Otherwise [`LifecycleError::ControlCharacter`] if there is one, else [`LifecycleError::InvalidTokenSyntax`].
fn check_class(token: &str, class: Class) -> Result<(), LifecycleError> {
    let mut body = token.as_bytes();
    if class == Class::B64Token {
        while let [rest @ .., b'='] = body {
            body = rest;
        }
    }
    // The allowed sets have no control characters, so the common case is one pass; the
    // specific error for a control character is worked out only on failure.
    let ok = match class {
        Class::B64Token => all_b64token(body),
        Class::Visible => body
            .iter()
            .fold(true, |ok, &b| ok & (b.wrapping_sub(0x21) < 0x5e)),
        Class::Tchar => body.iter().all(|&b| is_tchar(b)),
    };
    if ok && !body.is_empty() {
        return Ok(());
    }
    Err(match has_controls(token) {
        true => LifecycleError::ControlCharacter,
        false => LifecycleError::InvalidTokenSyntax,
    })
}

/// `s` without the spaces and tabs (HTTP's optional white space) around it. By bytes: the
/// char-pattern `trim_matches` is several times the code.
fn trim_ows(s: &str) -> &str {
    let keep = |b: &u8| *b != b' ' && *b != b'\t';
    let bytes = s.as_bytes();
    let start = bytes.iter().position(keep).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(keep).map_or(start, |e| e + 1);
    // ASCII cut points are char boundaries: `get` never fails.
    s.get(start..end).unwrap_or_default()
}

/// RFC 6750 §2.1 `b64token` / RFC 7235 `token68`: `1*( ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/" ) *"="`.
pub fn check_b64token(token: &str) -> Result<(), LifecycleError> {
    check_class(token, Class::B64Token)
}

/// Visible ASCII (`%x21-7E`), at least one character: what a custom scheme's or a bare
/// token may contain.
pub fn check_visible_token(token: &str) -> Result<(), LifecycleError> {
    check_class(token, Class::Visible)
}

/// A parsed `Authorization` header value (RFC 7235 §2.1: `scheme [ 1*SP credentials ]`).
///
/// `Debug` shows the scheme, and the credentials by their length only (a bare token, read
/// as a scheme without credentials, by its length too).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Authorization<'a> {
    /// `Bearer <b64token>` (scheme in any case).
    Bearer(&'a str),
    /// `Basic <token68>` (scheme in any case); decode with [`BasicCredentials::decode`].
    Basic(BasicCredentials<'a>),
    /// Any other scheme, with its credentials as they stand (possibly empty: some schemes
    /// have none). A bare token without a scheme reads as a scheme with no credentials.
    Other {
        /// The scheme, as written.
        scheme: &'a str,
        /// Everything after the spaces following the scheme.
        credentials: &'a str,
    },
}

/// Basic credentials, still base64-encoded. `Debug` shows their length only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct BasicCredentials<'a> {
    encoded: &'a str,
}

impl fmt::Debug for Authorization<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Authorization::Bearer(t) => f.debug_tuple("Bearer").field(&Redacted(t.len())).finish(),
            Authorization::Basic(c) => f.debug_tuple("Basic").field(c).finish(),
            // A bare token reads as a scheme without credentials: shown by length too.
            Authorization::Other {
                scheme,
                credentials: "",
            } => f
                .debug_struct("Other")
                .field("scheme", &Redacted(scheme.len()))
                .field("credentials", &Redacted(0))
                .finish(),
            Authorization::Other {
                scheme,
                credentials,
            } => f
                .debug_struct("Other")
                .field("scheme", scheme)
                .field("credentials", &Redacted(credentials.len()))
                .finish(),
        }
    }
}

impl fmt::Debug for BasicCredentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BasicCredentials")
            .field(&Redacted(self.encoded.len()))
            .finish()
    }
}

// As `Debug`: credentials (and a bare token) by their length only.
#[cfg(feature = "defmt")]
impl defmt::Format for Authorization<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        match self {
            Authorization::Bearer(t) => defmt::write!(f, "Bearer({})", Redacted(t.len())),
            Authorization::Basic(c) => defmt::write!(f, "Basic({})", c),
            Authorization::Other {
                scheme,
                credentials: "",
            } => defmt::write!(
                f,
                "Other {{ scheme: {}, credentials: {} }}",
                Redacted(scheme.len()),
                Redacted(0)
            ),
            Authorization::Other {
                scheme,
                credentials,
            } => defmt::write!(
                f,
                "Other {{ scheme: {=str}, credentials: {} }}",
                scheme,
                Redacted(credentials.len())
            ),
        }
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for BasicCredentials<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "BasicCredentials({})", Redacted(self.encoded.len()))
    }
}

impl<'a> BasicCredentials<'a> {
    /// The base64 text.
    pub fn encoded(&self) -> &'a str {
        self.encoded
    }

    /// Decodes into `buf` and splits at the first `:` into user id and password.
    ///
    /// Needs the decoded length in `buf` ([`LifecycleError::BufferTooSmall`] says how much). Not
    /// UTF-8, or no `:`, is [`LifecycleError::MalformedAuthorization`]; control characters are
    /// [`LifecycleError::ControlCharacter`] (RFC 7617 §2).
    pub fn decode<'b>(&self, buf: &'b mut [u8]) -> Result<(&'b str, &'b str), LifecycleError> {
        let bytes = decode_base64(self.encoded, buf)?;
        let text =
            core::str::from_utf8(bytes).map_err(|_| LifecycleError::MalformedAuthorization)?;
        if has_controls(text) {
            return Err(LifecycleError::ControlCharacter);
        }
        // By bytes: the char-pattern `split_once` is several times the code.
        let at = text.bytes().position(|b| b == b':');
        at.and_then(|at| Some((text.get(..at)?, text.get(at + 1..)?)))
            .ok_or(LifecycleError::MalformedAuthorization)
    }
}

impl<'a> Authorization<'a> {
    /// Parses a header value. Surrounding spaces and tabs (HTTP's optional white space) are
    /// ignored; control characters anywhere are [`LifecycleError::ControlCharacter`]; a scheme that
    /// is not an RFC 7230 `token`, or Bearer/Basic without `token68` credentials, is
    /// [`LifecycleError::MalformedAuthorization`].
    ///
    /// ```
    /// use authcore::{Authorization, LifecycleError};
    ///
    /// assert_eq!(Authorization::parse("bearer mF_9.B5f-4.1JqM"), Ok(Authorization::Bearer("mF_9.B5f-4.1JqM")));
    ///
    /// let Ok(Authorization::Basic(credentials)) = Authorization::parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") else {
    ///     panic!("Basic credentials");
    /// };
    /// let mut buf = [0u8; 32];
    /// assert_eq!(credentials.decode(&mut buf), Ok(("Aladdin", "open sesame")));
    ///
    /// assert_eq!(
    ///     Authorization::parse("OpsToken 8f868cca::77cea9b2"),
    ///     Ok(Authorization::Other { scheme: "OpsToken", credentials: "8f868cca::77cea9b2" }),
    /// );
    /// assert_eq!(Authorization::parse("Bearer abc\r\nX-Injected: 1"), Err(LifecycleError::ControlCharacter));
    /// ```
    pub fn parse(value: &'a str) -> Result<Self, LifecycleError> {
        let value = trim_ows(value);
        if value.bytes().any(is_control) {
            return Err(LifecycleError::ControlCharacter);
        }
        // By bytes, and with `trim_ows` (the value has no tabs, which are controls): the
        // char-pattern `split_once` and `trim_start_matches` are several times the code.
        let (scheme, credentials) = match value.bytes().position(|b| b == b' ') {
            Some(sp) => (
                value.get(..sp).unwrap_or_default(),
                trim_ows(value.get(sp..).unwrap_or_default()),
            ),
            None => (value, ""),
        };
        if scheme.is_empty() || !scheme.bytes().all(is_tchar) {
            return Err(LifecycleError::MalformedAuthorization);
        }
        let token68 = |c: &'a str| {
            check_b64token(c)
                .map(|()| c)
                .map_err(|_| LifecycleError::MalformedAuthorization)
        };
        if scheme.eq_ignore_ascii_case("bearer") {
            Ok(Authorization::Bearer(token68(credentials)?))
        } else if scheme.eq_ignore_ascii_case("basic") {
            Ok(Authorization::Basic(BasicCredentials {
                encoded: token68(credentials)?,
            }))
        } else {
            Ok(Authorization::Other {
                scheme,
                credentials,
            })
        }
    }
}
