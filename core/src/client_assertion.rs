//! OAuth 2.0 client authentication with a signed JWT (RFC 7523 §2.2, the `private_key_jwt`
//! and `client_secret_jwt` methods of OpenID Connect Core §9): the assertion, written and
//! signed into a caller buffer with any [`SigningKey`], and the token-request body that
//! carries it.
//!
//! The claims are written as the token is encoded, never assembled in a buffer of their
//! own, so the only memory used is the caller's output. The clock and the `jti` are the
//! caller's: nothing here reads a clock or draws random numbers.
//!
//! ```
//! use authcore::client_assertion::{ClientAssertion, client_credentials_body};
//! use authcore::{Algorithm, HmacKey, Validation, verify};
//!
//! let key = HmacKey::hs256(b"a client secret of at least 32 bytes").unwrap();
//! let claims = ClientAssertion::new(
//!     "s6BhdRkqt3",
//!     "https://server.example.com/token",
//!     1_700_000_000,
//!     1_700_000_300,
//! )
//! .jti("a1b2c3d4");
//! let mut out = [0u8; 512];
//! let assertion = claims.sign(&key, None, &mut out).unwrap();
//!
//! let policy = Validation::new(Algorithm::HS256)
//!     .issuer(&["s6BhdRkqt3"])
//!     .audience(&["https://server.example.com/token"]);
//! let mut work = [0u8; 512];
//! assert!(verify(assertion, &key, &policy, 1_700_000_100, &mut work).is_ok());
//!
//! let mut body = [0u8; 1024];
//! let body = client_credentials_body(assertion, Some("read"), &mut body).unwrap();
//! assert!(body.starts_with(
//!     "grant_type=client_credentials&scope=read&client_assertion_type=\
//!      urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=ey",
//! ));
//! ```

use crate::base64url;
use crate::error::Error;
use crate::json;
use crate::keys::SigningKey;
use crate::keys::signing::write_jws;
use crate::lifecycle_error::LifecycleError;
use crate::response::body;

/// The `client_assertion_type` of a JWT assertion (RFC 7523 §2.2).
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The claims of a client assertion (RFC 7523 §3): who the client is, the token endpoint it
/// is for, when it was made and until when it may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ClientAssertion<'a> {
    /// `iss`: the client ID.
    pub iss: &'a str,
    /// `sub`: the client ID too, for client authentication (RFC 7523 §3, item B).
    pub sub: &'a str,
    /// `aud`: the authorization server's token endpoint URL (or its issuer identifier).
    pub aud: &'a str,
    /// `iat`: when the assertion was made, Unix seconds.
    pub iat: i64,
    /// `exp`: until when the server may accept it, Unix seconds; keep it short (minutes).
    pub exp: i64,
    /// `jti`: a value the client never uses twice, so that the server can refuse a replay;
    /// left out when `None` (some servers require it).
    pub jti: Option<&'a str>,
}

impl<'a> ClientAssertion<'a> {
    /// The claims for client `client_id` (as both `iss` and `sub`) at the token endpoint
    /// `audience`, made at `iat` and valid until `exp`, without a `jti`.
    pub const fn new(client_id: &'a str, audience: &'a str, iat: i64, exp: i64) -> Self {
        ClientAssertion {
            iss: client_id,
            sub: client_id,
            aud: audience,
            iat,
            exp,
            jti: None,
        }
    }

    /// The same claims with `jti`.
    pub const fn jti(self, jti: &'a str) -> Self {
        ClientAssertion {
            jti: Some(jti),
            ..self
        }
    }

    /// Writes the signed assertion, the compact JWS of these claims signed with `key`
    /// (header `{"alg":…,"typ":"JWT"}` and `kid` when given), into `out` and returns it.
    ///
    /// Strings are JSON-escaped; the claims are written in the order `iss`, `sub`, `aud`,
    /// `iat`, `exp`, `jti`. Errors: [`Error::BufferTooSmall`] with the exact size needed,
    /// before anything is signed or written; [`Error::InvalidClaim`] for `exp` not after
    /// `iat` or an empty `iss`, `sub` or `aud` (a server would refuse it; better to learn
    /// here); [`Error::InvalidHeader`] for a `kid` longer than
    /// [`MAX_KID_LEN`](crate::keys::MAX_KID_LEN).
    pub fn sign<'o, K: SigningKey + ?Sized>(
        &self,
        key: &K,
        kid: Option<&str>,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        use crate::claim::Claim;
        for (claim, value) in [
            (Claim::Iss, self.iss),
            (Claim::Sub, self.sub),
            (Claim::Aud, self.aud),
        ] {
            if value.is_empty() {
                return Err(Error::InvalidClaim(claim));
            }
        }
        if self.exp <= self.iat {
            return Err(Error::InvalidClaim(Claim::Exp));
        }
        let (iat, iat_len) = decimal(self.iat);
        let (exp, exp_len) = decimal(self.exp);
        let iat = iat.get(..iat_len).unwrap_or_default();
        let exp = exp.get(..exp_len).unwrap_or_default();
        let jti = self.jti.unwrap_or_default();
        let (jti_open, jti_close): (&[u8], &[u8]) = match self.jti {
            Some(_) => (b",\"jti\":\"", b"\"}"),
            None => (b"}", b""),
        };
        let lit = |s: &'static [u8]| s.iter().copied();
        let claims = || {
            lit(b"{\"iss\":\"")
                .chain(json::escaped(self.iss))
                .chain(lit(b"\",\"sub\":\""))
                .chain(json::escaped(self.sub))
                .chain(lit(b"\",\"aud\":\""))
                .chain(json::escaped(self.aud))
                .chain(lit(b"\",\"iat\":"))
                .chain(iat.iter().copied())
                .chain(lit(b",\"exp\":"))
                .chain(exp.iter().copied())
                .chain(jti_open.iter().copied())
                .chain(json::escaped(jti))
                .chain(jti_close.iter().copied())
        };
        let len = claims().count();
        write_jws(key, kid, len, out, |out, at| {
            let n = base64url::encode_url_bytes(len, claims(), out.get_mut(at..)?)?.len();
            Some(at + n)
        })
    }
}

/// `n` in decimal: the digits, and how many there are.
fn decimal(n: i64) -> ([u8; 20], usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n.unsigned_abs();
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        if let Some(d) = digits.get_mut(len) {
            *d = b'-';
        }
        len += 1;
    }
    digits.get_mut(..len).unwrap_or_default().reverse();
    (digits, len)
}

/// Writes a token-request body, form-encoded: the `grant` parameters (those whose value is
/// `None` left out), then `client_assertion_type` and `client_assertion` (RFC 7523 §2.2).
///
/// Errors: [`LifecycleError::BufferTooSmall`] with the exact size needed, nothing written.
pub fn token_request_body<'b>(
    grant: &[(&str, Option<&str>)],
    assertion: &str,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    body::form_parts(
        &[
            grant,
            &[
                ("client_assertion_type", Some(ASSERTION_TYPE)),
                ("client_assertion", Some(assertion)),
            ],
        ],
        buf,
    )
}

/// The client-credentials grant (RFC 6749 §4.4.2) authenticated by `assertion`:
/// `grant_type=client_credentials`, `scope` when given, then the assertion's two
/// parameters, as [`token_request_body`] writes them.
pub fn client_credentials_body<'b>(
    assertion: &str,
    scope: Option<&str>,
    buf: &'b mut [u8],
) -> Result<&'b str, LifecycleError> {
    token_request_body(
        &[("grant_type", Some("client_credentials")), ("scope", scope)],
        assertion,
        buf,
    )
}
