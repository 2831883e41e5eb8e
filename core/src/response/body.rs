//! Login and refresh request bodies, written into caller buffers.
//!
//! JSON bodies escape `"`, `\`, every control character (U+0000 to U+001F as `\b \f \n \r
//! \t` or `\u00XX`, and U+007F), and U+2028/U+2029 (which some JavaScript-based servers
//! mishandle); all other Unicode goes through as UTF-8, which RFC 8259 requires servers to
//! accept. Form bodies use `application/x-www-form-urlencoded` as the WHATWG URL standard
//! and RFC 6749 Appendix B define it: `A-Z a-z 0-9 * - . _` stay, space becomes `+`,
//! every other byte of the UTF-8 becomes `%XX` (upper-case hex).

use crate::authz::out::{Out, write_with};
use crate::error::Error;

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

/// Writes a JSON object of string members, `{"name":"value",…}`, in the order given, names
/// and values escaped. Members whose value is `None` are left out.
pub fn json_object<'b>(
    members: &[(&str, Option<&str>)],
    buf: &'b mut [u8],
) -> Result<&'b str, Error> {
    write_with(buf, |o| {
        o.put(b"{");
        present_pairs(o, members, b",", |o, name, value| {
            json_string(o, name);
            o.put(b":");
            json_string(o, value);
        });
        o.put(b"}");
        Ok(())
    })
}

/// Emits the pairs whose value is present, `sep` between them.
fn present_pairs(
    o: &mut Out<'_>,
    pairs: &[(&str, Option<&str>)],
    sep: &[u8],
    mut pair: impl FnMut(&mut Out<'_>, &str, &str),
) {
    let mut present = pairs.iter().filter_map(|(k, v)| Some((*k, (*v)?)));
    if let Some((k, v)) = present.next() {
        pair(o, k, v);
    }
    for (k, v) in present {
        o.put(sep);
        pair(o, k, v);
    }
}

/// `{"username":…,"password":…}`, plus `"authSource":…` when the credentials have one.
pub fn json_login<'b>(credentials: &Credentials<'_>, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    json_object(
        &[
            ("username", Some(credentials.username)),
            ("password", Some(credentials.password)),
            ("authSource", credentials.auth_source),
        ],
        buf,
    )
}

fn json_string(o: &mut Out<'_>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    o.put(b"\"");
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let esc: Option<&[u8]> = match c {
            '"' => Some(b"\\\""),
            '\\' => Some(b"\\\\"),
            '\u{8}' => Some(b"\\b"),
            '\u{c}' => Some(b"\\f"),
            '\n' => Some(b"\\n"),
            '\r' => Some(b"\\r"),
            '\t' => Some(b"\\t"),
            _ => None,
        };
        let code = c as u32;
        let needs_u =
            esc.is_none() && (code < 0x20 || code == 0x7f || code == 0x2028 || code == 0x2029);
        if esc.is_none() && !needs_u {
            continue;
        }
        o.put_str(s.get(plain..i).unwrap_or(""));
        plain = i + c.len_utf8();
        match esc {
            Some(e) => o.put(e),
            None => {
                let u = [
                    b'\\',
                    b'u',
                    HEX[(code >> 12) as usize & 15],
                    HEX[(code >> 8) as usize & 15],
                    HEX[(code >> 4) as usize & 15],
                    HEX[code as usize & 15],
                ];
                o.put(&u);
            }
        }
    }
    o.put_str(s.get(plain..).unwrap_or(""));
    o.put(b"\"");
}

/// Writes `name=value&…` form-encoded. Pairs whose value is `None` are left out.
pub fn form<'b>(pairs: &[(&str, Option<&str>)], buf: &'b mut [u8]) -> Result<&'b str, Error> {
    write_with(buf, |o| {
        present_pairs(o, pairs, b"&", |o, name, value| {
            form_component(o, name);
            o.put(b"=");
            form_component(o, value);
        });
        Ok(())
    })
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
pub fn form_login<'b>(credentials: &Credentials<'_>, buf: &'b mut [u8]) -> Result<&'b str, Error> {
    form(
        &[
            ("username", Some(credentials.username)),
            ("password", Some(credentials.password)),
            ("authSource", credentials.auth_source),
        ],
        buf,
    )
}

/// The OAuth 2.0 resource owner password grant body (RFC 6749 §4.3.2).
pub fn oauth_password_grant<'b>(
    credentials: &Credentials<'_>,
    scope: Option<&str>,
    client_id: Option<&str>,
    buf: &'b mut [u8],
) -> Result<&'b str, Error> {
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
) -> Result<&'b str, Error> {
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
