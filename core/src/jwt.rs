//! Compact JWS tokens: splitting, the JOSE header, and the verification pipeline.

use core::fmt;

use crate::base64url;
use crate::claims::Claims;
use crate::error::{Error, JsonError, KeyError, Part};
use crate::json::{self, JsonStr, Value};
use crate::keys::VerifyingKey;
use crate::validation::Validation;

/// A signature algorithm. `none` is deliberately not one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
}

impl Algorithm {
    /// Every supported algorithm.
    pub const ALL: [Algorithm; 6] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
    ];

    /// The JWA name, as in a header's `alg` (RFC 7518 §3.1).
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
        }
    }

    /// The algorithm with JWA name `name` (case-sensitive, as RFC 7515 says).
    ///
    /// `none` in any spelling gives [`Error::NoneAlgorithm`], any other unknown name
    /// [`Error::UnsupportedAlgorithm`].
    pub fn from_name(name: &str) -> Result<Algorithm, Error> {
        Self::from_json(JsonStrLike::Plain(name))
    }

    fn from_json(name: JsonStrLike<'_>) -> Result<Algorithm, Error> {
        if name.eq_ignore_ascii_case("none") {
            return Err(Error::NoneAlgorithm);
        }
        Algorithm::ALL
            .into_iter()
            .find(|a| name.eq_str(a.name()))
            .ok_or(Error::UnsupportedAlgorithm)
    }

    /// Whether this is an HMAC algorithm (HS256/384/512).
    pub const fn is_hmac(self) -> bool {
        matches!(self, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512)
    }

    /// The length of an HMAC tag for HS algorithms (32, 48, 64); 0 for RS algorithms, whose
    /// signature length is the key's modulus length.
    pub const fn signature_len(self) -> usize {
        match self {
            Algorithm::HS256 => 32,
            Algorithm::HS384 => 48,
            Algorithm::HS512 => 64,
            _ => 0,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

enum JsonStrLike<'a> {
    Plain(&'a str),
    Json(JsonStr<'a>),
}

impl JsonStrLike<'_> {
    fn eq_str(&self, s: &str) -> bool {
        match self {
            JsonStrLike::Plain(p) => *p == s,
            JsonStrLike::Json(j) => j.eq_str(s),
        }
    }

    fn eq_ignore_ascii_case(&self, s: &str) -> bool {
        match self {
            JsonStrLike::Plain(p) => p.eq_ignore_ascii_case(s),
            JsonStrLike::Json(j) => j.eq_ignore_ascii_case(s),
        }
    }
}

/// The JOSE header of a token, borrowed from its decoded JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header<'a> {
    /// `alg`: the signature algorithm.
    pub alg: Algorithm,
    /// `typ`: the media type of the token, if given.
    pub typ: Option<JsonStr<'a>>,
    /// `kid`: the key ID, if given (for choosing a key from a JWKS).
    pub kid: Option<JsonStr<'a>>,
    /// `cty`: the content type, if given (never `JWT`: nested tokens are refused).
    pub cty: Option<JsonStr<'a>>,
}

impl<'a> Header<'a> {
    /// Reads a decoded header.
    ///
    /// Refuses: malformed JSON or duplicate names; a missing or unknown `alg`; `alg: none`
    /// in any spelling; any `crit`; `b64: false`; `cty: JWT` (nested tokens); `typ`, `kid`
    /// or `cty` that are not strings.
    pub fn parse(json: &'a [u8]) -> Result<Self, Error> {
        let json_err = |e: JsonError| Error::Json(Part::Header, e);
        let object = json::parse_object_unique(json).map_err(json_err)?;
        let mut alg = None;
        let mut header = Header {
            alg: Algorithm::HS256,
            typ: None,
            kid: None,
            cty: None,
        };
        let text = |v: Value<'a>| v.as_json_str().ok_or(Error::InvalidHeader);
        for (name, value) in object.members() {
            if name.eq_str("alg") {
                let s = value.as_json_str().ok_or(Error::MissingAlgorithm)?;
                alg = Some(Algorithm::from_json(JsonStrLike::Json(s))?);
            } else if name.eq_str("typ") {
                header.typ = Some(text(value)?);
            } else if name.eq_str("kid") {
                header.kid = Some(text(value)?);
            } else if name.eq_str("cty") {
                let cty = text(value)?;
                if cty.eq_ignore_ascii_case("JWT") {
                    return Err(Error::UnsupportedContentType);
                }
                header.cty = Some(cty);
            } else if name.eq_str("crit") {
                return Err(Error::CriticalHeader);
            } else if name.eq_str("b64") {
                match value {
                    Value::Bool(true) => {}
                    Value::Bool(false) => return Err(Error::UnencodedPayload),
                    _ => return Err(Error::InvalidHeader),
                }
            }
        }
        header.alg = alg.ok_or(Error::MissingAlgorithm)?;
        Ok(header)
    }
}

/// A token split into its three segments, nothing decoded yet. Borrowed from the token.
///
/// `Debug` shows the header and payload segments, and the signature (which makes the token
/// usable as a credential) by its length only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RawToken<'t> {
    /// The base64url header segment.
    pub header: &'t str,
    /// The base64url payload segment.
    pub payload: &'t str,
    /// The base64url signature segment.
    pub signature: &'t str,
    /// `header.payload`: the bytes the signature covers.
    pub signing_input: &'t str,
}

impl<'t> RawToken<'t> {
    /// Splits a compact JWS into exactly three segments, each checked to be base64url of a
    /// possible length. Tokens longer than `max_len` bytes are refused before anything else.
    pub fn split(token: &'t str, max_len: usize) -> Result<Self, Error> {
        if token.len() > max_len {
            return Err(Error::TokenTooLarge { max: max_len });
        }
        // Plain searches: a `splitn` iterator costs far more stack than three offsets. Where
        // code size matters most (32-bit targets), a byte loop; elsewhere `str::find`, whose
        // word-at-a-time search is 3 % of an HS256 verification faster.
        let dot = |from: usize| {
            let rest = token.get(from..)?;
            #[cfg(target_pointer_width = "64")]
            let at = rest.find('.');
            #[cfg(not(target_pointer_width = "64"))]
            let at = rest.bytes().position(|b| b == b'.');
            at.map(|i| from + i)
        };
        let Some(d1) = dot(0) else {
            return Err(Error::SegmentCount);
        };
        let Some(d2) = dot(d1 + 1) else {
            return Err(Error::SegmentCount);
        };
        if dot(d2 + 1).is_some() {
            return Err(Error::SegmentCount);
        }
        // The dots are ASCII, so these are always char boundaries: `get` never fails here,
        // it only spares a panic path.
        let (Some(header), Some(payload), Some(signature), Some(signing_input)) = (
            token.get(..d1),
            token.get(d1 + 1..d2),
            token.get(d2 + 1..),
            token.get(..d2),
        ) else {
            return Err(Error::SegmentCount);
        };
        for (seg, part) in [
            (header, Part::Header),
            (payload, Part::Payload),
            (signature, Part::Signature),
        ] {
            if base64url::decoded_len(seg.len()).is_none() {
                return Err(Error::Base64(part));
            }
        }
        Ok(RawToken {
            header,
            payload,
            signature,
            signing_input,
        })
    }

    /// The buffer size [`verify`] needs for this token: its decoded header plus payload.
    pub fn decoded_len(&self) -> usize {
        decoded(self.header) + decoded(self.payload)
    }
}

impl fmt::Debug for RawToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawToken")
            .field("header", &self.header)
            .field("payload", &self.payload)
            .field("signature", &crate::redact::Redacted(self.signature.len()))
            .finish_non_exhaustive()
    }
}

fn decoded(segment: &str) -> usize {
    base64url::decoded_len(segment.len()).unwrap_or(0)
}

fn decode_segment<'b>(segment: &str, buf: &'b mut [u8], part: Part) -> Result<&'b [u8], Error> {
    // Header and payload are public: the faster, variable-time decoder is fine for them.
    base64url::decode_public(segment.as_bytes(), buf).map_err(|_| Error::Base64(part))
}

/// Decodes and reads a token's header without verifying anything, so that a key can be
/// chosen by `kid` or `alg` before [`verify`]. Never trust the result for anything else.
pub fn peek_header<'b>(
    token: &str,
    max_len: usize,
    buf: &'b mut [u8],
) -> Result<Header<'b>, Error> {
    let raw = RawToken::split(token, max_len)?;
    let needed = decoded(raw.header);
    let buf = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    Header::parse(decode_segment(raw.header, buf, Part::Header)?)
}

/// A token whose signature verified and whose claims passed the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedToken<'b> {
    header: Header<'b>,
    claims: Claims<'b>,
}

impl<'b> VerifiedToken<'b> {
    /// The verified header.
    pub fn header(&self) -> &Header<'b> {
        &self.header
    }

    /// The verified claims.
    pub fn claims(&self) -> &Claims<'b> {
        &self.claims
    }
}

/// Verifies a compact JWS with `key` and checks its claims against `policy` at time `now`
/// (Unix seconds).
///
/// `buf` receives the decoded header and payload, which the result borrows: it needs
/// [`RawToken::decoded_len`] bytes (about three quarters of the token's length); a shorter one
/// gives [`Error::BufferTooSmall`] with the size needed.
///
/// The order of checks: size and shape; header (`alg` must be the key's and the policy's);
/// signature; claims syntax; then the policy ([`Validation`]). Nothing is returned unless
/// every check passed.
pub fn verify<'b, K: VerifyingKey + ?Sized>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
) -> Result<VerifiedToken<'b>, Error> {
    verify_then(token, key, policy, now, buf, |header, claims| {
        VerifiedToken {
            header: *header,
            claims: *claims,
        }
    })
}

/// [`verify`], handing the verified header and claims to `keep` instead of returning them:
/// for callers that move the claims elsewhere (the C API, into caller storage), which then
/// read them where they were parsed rather than from a copy returned on the stack.
/// `keep` runs only when every check passed.
pub fn verify_with<'b, K: VerifyingKey + ?Sized, R>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
    keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
) -> Result<R, Error> {
    verify_then(token, key, policy, now, buf, keep)
}

/// The verification of [`verify`] and [`verify_with`], handing what passed to `keep`.
#[inline(always)]
fn verify_then<'b, K: VerifyingKey + ?Sized, R>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
    keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
) -> Result<R, Error> {
    let raw = RawToken::split(token, policy.max_token_len)?;
    let needed = raw.decoded_len();
    let buf = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let (header_buf, payload_buf) = buf
        .split_at_mut_checked(decoded(raw.header))
        .ok_or(Error::BufferTooSmall { needed })?;

    let header = Header::parse(decode_segment(raw.header, header_buf, Part::Header)?)?;
    if header.alg != policy.algorithm {
        return Err(Error::AlgorithmMismatch {
            expected: policy.algorithm,
            found: header.alg,
        });
    }
    if key.algorithm() != policy.algorithm {
        return Err(KeyError::WrongAlgorithm.into());
    }
    if let (Some(min), Some(actual)) = (policy.min_hmac_secret_len, key.hmac_secret_len())
        && actual < min
    {
        return Err(KeyError::SecretTooShort { min, actual }.into());
    }
    policy.check_type(header.typ)?;
    key.verify_signature(raw.signing_input.as_bytes(), raw.signature.as_bytes())?;
    check_claims(raw.payload, payload_buf, policy, now, |claims| {
        keep(&header, claims)
    })
}

/// Decodes, reads and checks the claims of a token whose signature verified, and hands them
/// to `keep`. Out of line so that the claims, parsed here, take no room in the caller's frame
/// while the signature is checked (stack budgets).
#[inline(never)]
fn check_claims<'b, R>(
    payload: &str,
    payload_buf: &'b mut [u8],
    policy: &Validation<'_>,
    now: i64,
    keep: impl FnOnce(&Claims<'b>) -> R,
) -> Result<R, Error> {
    // Read where `Claims::parse` put them: no copy beside them.
    let parsed = Claims::parse(decode_segment(payload, payload_buf, Part::Payload)?);
    let claims = parsed.as_ref().map_err(|e| *e)?;
    policy.check(claims, now)?;
    Ok(keep(claims))
}

/// Reads a token's claims **without verifying its signature or any claim**: for showing
/// what a token says (its `exp`, say) when the key is not at hand. Never base a decision to
/// trust the token on it.
pub fn decode_unverified<'b>(
    token: &str,
    max_len: usize,
    buf: &'b mut [u8],
) -> Result<(Header<'b>, Claims<'b>), Error> {
    let raw = RawToken::split(token, max_len)?;
    let needed = raw.decoded_len();
    let buf = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let (header_buf, payload_buf) = buf
        .split_at_mut_checked(decoded(raw.header))
        .ok_or(Error::BufferTooSmall { needed })?;
    let header = Header::parse(decode_segment(raw.header, header_buf, Part::Header)?)?;
    let claims = Claims::parse(decode_segment(raw.payload, payload_buf, Part::Payload)?)?;
    Ok((header, claims))
}
