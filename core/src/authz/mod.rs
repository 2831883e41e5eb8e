//! `Authorization` header values: formatting them into caller buffers, and parsing them.
//!
//! Formatting refuses anything that could inject a header: CR, LF and every other control
//! character are [`Error::ControlCharacter`] wherever they appear. Bearer tokens and Basic
//! credentials must be RFC 6750 `b64token` / RFC 7235 `token68`
//! (`[A-Za-z0-9-._~+/]+=*`); tokens under a custom scheme or sent bare need only be visible
//! ASCII without spaces, because real opaque tokens are not all `token68` (Aria Operations'
//! look like `8f868cca-…::77cea9b2-…`). Anything else is [`Error::InvalidTokenSyntax`].
//!
//! ```
//! use authcore::authz;
//! let mut buf = [0u8; 64];
//! assert_eq!(authz::bearer("mF_9.B5f-4.1JqM", &mut buf), Ok("Bearer mF_9.B5f-4.1JqM"));
//! // RFC 7617 §2 example.
//! assert_eq!(authz::basic("Aladdin", "open sesame", &mut buf), Ok("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
//! ```

pub(crate) mod out;

use core::fmt;

use crate::error::Error;
use crate::redact::Redacted;
use out::{Out, decode_base64, write_with};

/// How a credential is put into an `Authorization` header value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum HeaderStyle {
    /// `Bearer <token>` (RFC 6750 §2.1).
    Bearer,
    /// `bearer <token>`, for servers that compare the scheme case-sensitively (ImmPort).
    LowerBearer,
    /// `<token>` alone, no scheme (Infoworks' refresh call).
    Bare,
    /// `Basic <credentials>` with ready-made base64 credentials (BlueCat's
    /// `basicAuthenticationCredentials`).
    BasicReadyMade,
    /// `<scheme> <token>` for a custom scheme such as `OpsToken` or `vRealizeOpsToken`.
    Custom(&'static str),
}

/// Writes the header value for `token` in `style` into `buf`.
pub fn format<'b>(style: HeaderStyle, token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    match style {
        HeaderStyle::Bearer => bearer(token, buf),
        HeaderStyle::LowerBearer => scheme_b64token("bearer", token, buf),
        HeaderStyle::Bare => bare(token, buf),
        HeaderStyle::BasicReadyMade => basic_ready_made(token, buf),
        HeaderStyle::Custom(scheme) => with_scheme(scheme, token, buf),
    }
}

/// `Bearer <token>`; `token` must be a `b64token`.
pub fn bearer<'b>(token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    scheme_b64token("Bearer", token, buf)
}

/// `Basic <base64(user_id:password)>` (RFC 7617), UTF-8 as RFC 7617's `charset="UTF-8"`.
///
/// A `:` in `user_id` is [`Error::ColonInUserId`] (the server could not tell where the user
/// id ends); control characters in either are [`Error::ControlCharacter`].
pub fn basic<'b>(user_id: &str, password: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    check_no_controls(user_id)?;
    check_no_controls(password)?;
    if user_id.contains(':') {
        return Err(Error::ColonInUserId);
    }
    write_with(buf, |o| {
        o.put_str("Basic ");
        o.put_base64(&[user_id.as_bytes(), b":", password.as_bytes()]);
        Ok(())
    })
}

/// `Basic <credentials>` with credentials already base64-encoded (`token68`).
pub fn basic_ready_made<'b>(credentials: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    scheme_b64token("Basic", credentials, buf)
}

/// The token alone, as Infoworks' refresh call wants it; visible ASCII without spaces.
pub fn bare<'b>(token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    check_visible_token(token)?;
    write_with(buf, |o| {
        o.put_str(token);
        Ok(())
    })
}

/// `<scheme> <token>` for a custom scheme: `scheme` must be an RFC 7230 `token`, `token`
/// visible ASCII without spaces.
pub fn with_scheme<'b>(scheme: &str, token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    check_scheme(scheme)?;
    check_visible_token(token)?;
    write_scheme(scheme, token, buf)
}

fn scheme_b64token<'b>(scheme: &str, token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    check_b64token(token)?;
    write_scheme(scheme, token, buf)
}

fn write_scheme<'b>(scheme: &str, token: &str, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    write_with(buf, |o: &mut Out<'_>| {
        o.put_str(scheme);
        o.put(b" ");
        o.put_str(token);
        Ok(())
    })
}

fn is_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

fn check_no_controls(s: &str) -> Result<(), Error> {
    // Non-ASCII controls (U+0080..U+009F) are refused too: RFC 7617 forbids them in Basic.
    if s.bytes().any(is_control) || s.chars().any(char::is_control) {
        return Err(Error::ControlCharacter);
    }
    Ok(())
}

fn is_b64token_char(b: u8) -> bool {
    // Non-short-circuit `|` so that the whole-token fold below vectorizes: tokens are
    // checked on every header written.
    b.is_ascii_lowercase()
        | b.is_ascii_uppercase()
        | b.is_ascii_digit()
        | (b == b'-')
        | (b == b'.')
        | (b == b'_')
        | (b == b'~')
        | (b == b'+')
        | (b == b'/')
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

fn all_b64token_chars(s: &str) -> bool {
    s.bytes().fold(true, |ok, b| ok & is_b64token_char(b))
}

/// RFC 6750 §2.1 `b64token` = RFC 7235 `token68`: `1*( ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/" ) *"="`.
pub fn check_b64token(token: &str) -> Result<(), Error> {
    let body = token.trim_end_matches('=');
    // The allowed set has no control characters, so the common case is one pass; the
    // specific error for a control character is worked out only on failure.
    if !body.is_empty() && all_b64token_chars(body) {
        return Ok(());
    }
    check_no_controls(token)?;
    Err(Error::InvalidTokenSyntax)
}

/// Visible ASCII (`%x21-7E`), at least one character: what a custom scheme's or a bare
/// token may contain.
pub fn check_visible_token(token: &str) -> Result<(), Error> {
    if !token.is_empty() && token.bytes().fold(true, |ok, b| ok & b.is_ascii_graphic()) {
        return Ok(());
    }
    check_no_controls(token)?;
    Err(Error::InvalidTokenSyntax)
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn check_scheme(scheme: &str) -> Result<(), Error> {
    check_no_controls(scheme)?;
    if scheme.is_empty() || !scheme.bytes().all(is_tchar) {
        return Err(Error::InvalidTokenSyntax);
    }
    Ok(())
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
    /// have none). A bare token without a scheme (Infoworks' refresh call) reads as a scheme
    /// with no credentials.
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

impl<'a> BasicCredentials<'a> {
    /// The base64 text.
    pub fn encoded(&self) -> &'a str {
        self.encoded
    }

    /// Decodes into `buf` and splits at the first `:` into user id and password.
    ///
    /// Needs the decoded length in `buf` ([`Error::BufferTooSmall`] says how much). Not
    /// UTF-8, or no `:`, is [`Error::MalformedAuthorization`]; control characters are
    /// [`Error::ControlCharacter`] (RFC 7617 §2).
    pub fn decode<'b>(&self, buf: &'b mut [u8]) -> Result<(&'b str, &'b str), Error> {
        let bytes = decode_base64(self.encoded, buf)?;
        let text = core::str::from_utf8(bytes).map_err(|_| Error::MalformedAuthorization)?;
        check_no_controls(text)?;
        text.split_once(':').ok_or(Error::MalformedAuthorization)
    }
}

impl<'a> Authorization<'a> {
    /// Parses a header value. Surrounding spaces and tabs (HTTP's optional white space) are
    /// ignored; control characters anywhere are [`Error::ControlCharacter`]; a scheme that
    /// is not an RFC 7230 `token`, or Bearer/Basic without `token68` credentials, is
    /// [`Error::MalformedAuthorization`].
    pub fn parse(value: &'a str) -> Result<Self, Error> {
        let value = trim_ows(value);
        if value.bytes().any(is_control) {
            return Err(Error::ControlCharacter);
        }
        let (scheme, credentials) = match value.split_once(' ') {
            Some((s, c)) => (s, c.trim_start_matches(' ')),
            None => (value, ""),
        };
        if scheme.is_empty() || !scheme.bytes().all(is_tchar) {
            return Err(Error::MalformedAuthorization);
        }
        let token68 = |c: &'a str| {
            check_b64token(c)
                .map(|()| c)
                .map_err(|_| Error::MalformedAuthorization)
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
