//! Login and refresh request bodies, written into caller buffers.
//!
//! JSON bodies escape `"`, `\`, every control character (U+0000 to U+001F as `\b \f \n \r
//! \t` or `\u00XX`, and U+007F), and U+2028/U+2029 (which some JavaScript-based servers
//! mishandle); all other Unicode goes through as UTF-8, which RFC 8259 requires servers to
//! accept. Form bodies use `application/x-www-form-urlencoded` as the WHATWG URL standard
//! and RFC 6749 Appendix B define it: `A-Z a-z 0-9 * - . _` stay, space becomes `+`,
//! every other byte of the UTF-8 becomes `%XX` (upper-case hex).

use crate::json;
use crate::lifecycle_error::LifecycleError;
use crate::write::{Out, write_with};

/// The media type of JSON bodies.
pub const JSON: &str = "application/json";
/// The media type of form bodies.
pub const FORM: &str = "application/x-www-form-urlencoded";

/// What a user logs in with. `Debug` does not show the password.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Credentials<'c> {
    /// The user name.
    pub username: &'c str,
    /// The password.
    pub password: &'c str,
    /// Aria Operations' `authSource` (the name of an LDAP or other source), if any.
    pub auth_source: Option<&'c str>,
}

impl<'c> Credentials<'c> {
    /// A user name and password, no `authSource`.
    pub const fn new(username: &'c str, password: &'c str) -> Self {
        Self {
            username,
            password,
            auth_source: None,
        }
    }
}

impl core::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("auth_source", &self.auth_source)
            .finish()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Credentials<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "Credentials {{ username: {=str}, password: <redacted>, auth_source: {} }}",
            self.username,
            self.auth_source
        )
    }
}

/// Writes a JSON object of string members, `{"name":"value",…}`, in the order given, names
/// and values escaped. Members whose value is `None` are left out.
pub fn json_object<'b>(
    members: &[(&str, Option<&str>)],
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    pairs(&[members], true, buf)
}

/// Writes the pairs whose value is present as a JSON object or a form body. One writer for
/// both: each is a closure run twice by `write_with`, and two of them were twice the code.
fn pairs<'b>(
    pairs: &[&[(&str, Option<&str>)]],
    json: bool,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    let (open, sep, eq, close): (&[u8], &[u8], &[u8], &[u8]) = match json {
        true => (b"{", b",", b":", b"}"),
        false => (b"", b"&", b"=", b""),
    };
    let escaped = |o: &mut Out<'_>, s: &str| match json {
        true => json_string(o, s),
        false => form_component(o, s),
    };
    write_with(buf, &|o| {
        o.put(open);
        let mut first = true;
        for &(name, value) in pairs.iter().copied().flatten() {
            let Some(value) = value else { continue };
            if !first {
                o.put(sep);
            }
            first = false;
            escaped(o, name);
            o.put(eq);
            escaped(o, value);
        }
        o.put(close);
    })
}

/// `{"username":…,"password":…}`, plus `"authSource":…` when the credentials have one.
pub fn json_login<'b>(
    credentials: &Credentials<'_>,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    login(credentials, true, buf)
}

fn login<'b>(
    credentials: &Credentials<'_>,
    json: bool,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    pairs(
        &[&[
            ("username", Some(credentials.username)),
            ("password", Some(credentials.password)),
            ("authSource", credentials.auth_source),
        ]],
        json,
        buf,
    )
}

fn json_string(o: &mut Out<'_>, s: &str) {
    o.put(b"\"");
    for c in s.chars() {
        let (bytes, n) = json::escape_char(c);
        o.put(bytes.get(..n).unwrap_or_default());
    }
    o.put(b"\"");
}

/// Writes `name=value&…` form-encoded. Pairs whose value is `None` are left out.
pub fn form<'b>(
    pairs: &[(&str, Option<&str>)],
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    self::pairs(&[pairs], false, buf)
}

/// [`form`] of several lists of pairs one after the other, as one body: for a caller that
/// adds its own parameters to a fixed set without copying either.
pub fn form_parts<'b>(
    parts: &[&[(&str, Option<&str>)]],
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    pairs(parts, false, buf)
}

fn form_component(o: &mut Out<'_>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') {
            o.put(&[b]);
        } else if b == b' ' {
            o.put(b"+");
        } else {
            o.put(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

/// `username=…&password=…` form body (ImmPort's token call), plus `authSource` if set.
pub fn form_login<'b>(
    credentials: &Credentials<'_>,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    login(credentials, false, buf)
}

/// The OAuth 2.0 resource owner password grant body (RFC 6749 §4.3.2).
pub fn oauth_password_grant<'b>(
    credentials: &Credentials<'_>,
    scope: Option<&str>,
    client_id: Option<&str>,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    form(
        &[
            ("grant_type", Some("password")),
            ("username", Some(credentials.username)),
            ("password", Some(credentials.password)),
            ("scope", scope),
            ("client_id", client_id),
        ],
        buf,
    )
}

/// The OAuth 2.0 refresh grant body (RFC 6749 §6).
pub fn oauth_refresh_grant<'b>(
    refresh_token: &str,
    scope: Option<&str>,
    client_id: Option<&str>,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    form(
        &[
            ("grant_type", Some("refresh_token")),
            ("refresh_token", Some(refresh_token)),
            ("scope", scope),
            ("client_id", client_id),
        ],
        buf,
    )
}
