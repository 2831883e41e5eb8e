//! Compact JWS tokens: splitting, the JOSE header, and the verification pipeline.

use core::fmt;

pub use crate::algorithm::Algorithm;
use crate::base64url;
use crate::claims::{Claims, Compared};
use crate::error::{Error, KeyError, Part};
use crate::json::{self, JsonStr, Value};
use crate::keys::{KeySet, VerifyingKey};
use crate::validation::Validation;

/// The JOSE header of a token, borrowed from its decoded JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
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
        // One walk of the text: it is validated, and the values of the members read found.
        let mut found = HeaderFound {
            at: [0; 6],
            walk: false,
        };
        let object = json::parse_object_unique_visiting(json, Some(&mut found))
            .map_err(|e| Error::Json(Part::Header, e))?;
        read_header_members(object, json, &found)
    }
}

/// The header members [`Header::parse`] reads, in the order of [`HeaderFound::at`].
const HEADER_MEMBERS: [&str; 6] = ["alg", "typ", "kid", "cty", "crit", "b64"];

/// Where the values of [`HEADER_MEMBERS`] begin, found while
/// [`json::parse_object_unique_visiting`] validates a header. Kept small, and its work
/// shallow (raw names compared, offsets as `u16`): it runs on top of the validation, on a
/// verification's budgeted stack.
struct HeaderFound {
    /// 0 (never a value's place) for a member not present.
    at: [u16; 6],
    /// A name with escapes (which may decode to one read), or a value beyond `u16`: the
    /// header is read by walking the members instead.
    walk: bool,
}

impl<'a> json::Visit<'a> for HeaderFound {
    fn member(&mut self, name: JsonStr<'a>, value: usize) {
        let Some(raw) = name.as_str() else {
            self.walk = true;
            return;
        };
        let read = HEADER_MEMBERS
            .iter()
            .position(|n| n.as_bytes() == raw.as_bytes());
        if let Some(slot) = read.and_then(|i| self.at.get_mut(i)) {
            match u16::try_from(value) {
                Ok(offset) => *slot = offset,
                Err(_) => self.walk = true,
            }
        }
    }
}

/// The index in [`HEADER_MEMBERS`] of a member name, if it is one read.
fn header_member(name: JsonStr<'_>) -> Option<usize> {
    HEADER_MEMBERS.iter().position(|n| name.eq_str(n))
}

/// Reads the members of a validated header whose values begin at `at`: the first refused in
/// the text is the error. Refuses `alg: none` in any spelling, any `crit`, `b64: false`,
/// `cty: JWT` (nested tokens), and `typ`, `kid` or `cty` that are not strings. Out of line
/// so that its locals are not on the stack while the header is validated.
#[inline(never)]
fn read_header_members<'a>(
    object: json::Object<'a>,
    text: &[u8],
    found: &HeaderFound,
) -> Result<Header<'a>, Error> {
    let mut alg = None;
    let mut header = Header {
        alg: Algorithm::HS256,
        typ: None,
        kid: None,
        cty: None,
    };
    if found.walk {
        for (name, value) in object.members() {
            if let Some(i) = header_member(name) {
                read_header_member(i, value, &mut alg, &mut header)?;
            }
        }
        header.alg = alg.ok_or(Error::MissingAlgorithm)?;
        return Ok(header);
    }
    let mut first: Option<(u16, Error)> = None;
    for (i, &offset) in found.at.iter().enumerate() {
        if offset == 0 {
            continue;
        }
        // (A value is always found where the validation said it begins.)
        let read = match object.value_at(text, usize::from(offset)) {
            Some(value) => read_header_member(i, value, &mut alg, &mut header),
            None => Err(Error::InvalidHeader),
        };
        if let Err(e) = read
            && first.is_none_or(|(earlier, _)| offset < earlier)
        {
            first = Some((offset, e));
        }
    }
    if let Some((_, e)) = first {
        return Err(e);
    }
    header.alg = alg.ok_or(Error::MissingAlgorithm)?;
    Ok(header)
}

/// Reads `value` as the header member `HEADER_MEMBERS[i]`.
fn read_header_member<'a>(
    i: usize,
    value: Value<'a>,
    alg: &mut Option<Algorithm>,
    header: &mut Header<'a>,
) -> Result<(), Error> {
    let text = |v: Value<'a>| v.as_json_str().ok_or(Error::InvalidHeader);
    match i {
        0 => {
            let s = value.as_json_str().ok_or(Error::MissingAlgorithm)?;
            *alg = Some(header_algorithm(s)?);
        }
        1 => header.typ = Some(text(value)?),
        2 => header.kid = Some(text(value)?),
        3 => {
            let cty = text(value)?;
            if cty.eq_ignore_ascii_case("JWT") {
                return Err(Error::UnsupportedContentType);
            }
            header.cty = Some(cty);
        }
        4 => return Err(Error::CriticalHeader),
        _ => match value {
            Value::Bool(true) => {}
            Value::Bool(false) => return Err(Error::UnencodedPayload),
            _ => return Err(Error::InvalidHeader),
        },
    }
    Ok(())
}

/// The algorithm a header's `alg` names: `none` in any spelling is refused as such, any
/// other unknown name, or one of an algorithm this build does not verify, as unsupported.
fn header_algorithm(name: JsonStr<'_>) -> Result<Algorithm, Error> {
    if name.eq_ignore_ascii_case("none") {
        return Err(Error::NoneAlgorithm);
    }
    Algorithm::SUPPORTED
        .iter()
        .copied()
        .find(|a| name.eq_str(a.name()))
        .ok_or(Error::UnsupportedAlgorithm)
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
        let (header, rest) = token.split_once('.').ok_or(Error::SegmentCount)?;
        let (payload, signature) = rest.split_once('.').ok_or(Error::SegmentCount)?;
        if signature.contains('.') {
            return Err(Error::SegmentCount);
        }
        // `header.payload` ends where the second dot is, an ASCII byte, so `get` always
        // finds a char boundary here.
        let signing_input = token
            .get(..header.len() + 1 + payload.len())
            .ok_or(Error::SegmentCount)?;
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

// As `Debug`: the signature, which makes the token a credential, by its length only.
#[cfg(feature = "defmt")]
impl defmt::Format for RawToken<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "RawToken {{ header: {=str}, payload: {=str}, signature: {}, .. }}",
            self.header,
            self.payload,
            crate::redact::Redacted(self.signature.len())
        )
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
///
/// `buf` needs the decoded header's length (a few dozen bytes for usual headers);
/// `max_len` is the longest token accepted ([`Validation::max_token_len`]).
///
/// ```
/// use authcore::{HmacKey, peek_header};
///
/// let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
/// let mut out = [0u8; 256];
/// let token = key.sign(br#"{"exp":1700000600}"#, Some("2024-01"), &mut out).unwrap();
///
/// let mut buf = [0u8; 64];
/// let header = peek_header(token, 8192, &mut buf).unwrap();
/// // Pick the key by kid (from a JWKS, say), then verify with it.
/// let kid = header.kid.and_then(|k| k.as_str());
/// assert_eq!(kid, Some("2024-01"));
/// ```
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
///
/// It borrows the work buffer given to [`verify`], where the header and payload were
/// decoded: read what you need from it (or [`Claims::deserialize`] into your type) before
/// the buffer is reused.
///
/// ```
/// use authcore::{Algorithm, HmacKey, Validation, verify};
///
/// let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
/// let mut out = [0u8; 256];
/// let token = key.sign(br#"{"sub":"device-42","exp":1700000600}"#, Some("2024-01"), &mut out).unwrap();
///
/// let mut buf = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new(Algorithm::HS256), 1_700_000_000, &mut buf)
///     .unwrap();
/// assert_eq!(verified.header().alg, Algorithm::HS256);
/// assert!(verified.header().kid.unwrap().eq_str("2024-01"));
/// assert!(verified.claims().sub.unwrap().eq_str("device-42"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
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
///
/// ```
/// use authcore::{Algorithm, Error, HmacKey, Validation, verify};
///
/// let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
/// let mut out = [0u8; 256];
/// let token = key
///     .sign(br#"{"iss":"https://auth.example.com","aud":"telemetry-api","exp":1700000600}"#, None, &mut out)
///     .unwrap();
///
/// const POLICY: Validation<'static> = Validation::new(Algorithm::HS256)
///     .issuer(&["https://auth.example.com"])
///     .audience(&["telemetry-api"]);
/// let mut buf = [0u8; 512];
/// let verified = verify(token, &key, &POLICY, 1_700_000_000, &mut buf).unwrap();
/// assert_eq!(verified.claims().exp, Some(1_700_000_600));
///
/// // Ten minutes later the same token has expired; under another key it never verified.
/// assert_eq!(verify(token, &key, &POLICY, 1_700_000_600, &mut buf), Err(Error::Expired));
/// let other = HmacKey::hs256(b"another secret, also at least 32 bytes").unwrap();
/// assert_eq!(verify(token, &other, &POLICY, 1_700_000_000, &mut buf), Err(Error::InvalidSignature));
/// ```
pub fn verify<'b, K: VerifyingKey + ?Sized>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
) -> Result<VerifiedToken<'b>, Error> {
    verify_with(token, key, policy, now, buf, |header, claims| {
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
// Always inlined, into `verify` too: each caller's `keep` then stays in its own frame.
#[inline(always)]
pub fn verify_with<'b, K: VerifyingKey + ?Sized, R>(
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
    keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
) -> Result<R, Error> {
    let (raw, header, payload_buf) = read_header(token, policy.max_token_len, buf)?;
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

/// Verification with a key chosen from a set: the pipeline of [`verify`], after the token's
/// header has named its key ([`KeySet::key_for`]).
impl<const N: usize> KeySet<N> {
    /// Verifies a compact JWS with the set's key for its `kid` and the policy's algorithm,
    /// and checks its claims against `policy` at `now`, as [`verify`] does with one key.
    ///
    /// The header is read first (into `buf`, which needs [`RawToken::decoded_len`] bytes as
    /// for [`verify`]): its `alg` must be the policy's ([`Error::AlgorithmMismatch`]), then
    /// the key is chosen: [`Error::UnknownKeyId`] for a `kid` no key has,
    /// [`Error::MissingKeyId`] for a token without `kid` when several keys could verify it,
    /// [`KeyError::WrongAlgorithm`] when no key of the policy's algorithm fits.
    pub fn verify<'b>(
        &self,
        token: &str,
        policy: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
    ) -> Result<VerifiedToken<'b>, Error> {
        self.verify_with(token, policy, now, buf, |header, claims| VerifiedToken {
            header: *header,
            claims: *claims,
        })
    }

    /// [`KeySet::verify`], handing the verified header and claims to `keep`, as
    /// [`verify_with`] does.
    pub fn verify_with<'b, R>(
        &self,
        token: &str,
        policy: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
        keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
    ) -> Result<R, Error> {
        let key = self.key_for_token(token, policy, buf)?;
        verify_with(token, key, policy, now, buf, keep)
    }

    /// The key for `token` under `policy`, its header read into `buf` (sized for the whole
    /// verification first, so that a short one reports the size [`verify`] needs). Out of
    /// line: the header's frame is gone before the signature is checked.
    #[inline(never)]
    fn key_for_token(
        &self,
        token: &str,
        policy: &Validation<'_>,
        buf: &mut [u8],
    ) -> Result<&crate::keys::AnyKey, Error> {
        let (_, header, _) = read_header(token, policy.max_token_len, buf)?;
        if header.alg != policy.algorithm {
            return Err(Error::AlgorithmMismatch {
                expected: policy.algorithm,
                found: header.alg,
            });
        }
        self.key_for(policy.algorithm, header.kid)
    }
}

/// Splits `token`, sizes `buf` for its decoded header and payload (the whole size checked
/// first, so a too-small buffer gets the exact `needed`), and reads the header into the
/// front of it; returns the split token, the header and the rest of `buf`, for the payload.
/// Inlined: verification's frame stays one frame (stack budgets).
#[inline(always)]
fn read_header<'t, 'b>(
    token: &'t str,
    max_len: usize,
    buf: &'b mut [u8],
) -> Result<(RawToken<'t>, Header<'b>, &'b mut [u8]), Error> {
    let raw = RawToken::split(token, max_len)?;
    let needed = raw.decoded_len();
    let buf = buf
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let (header_buf, payload_buf) = buf
        .split_at_mut_checked(decoded(raw.header))
        .ok_or(Error::BufferTooSmall { needed })?;
    let header = Header::parse(decode_segment(raw.header, header_buf, Part::Header)?)?;
    Ok((raw, header, payload_buf))
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
    // Read where `Claims::parse` put them: no copy beside them. The one walk also finds the
    // member the policy compares first.
    let mut compared = Compared::Unknown;
    let parsed = Claims::parse_comparing(
        decode_segment(payload, payload_buf, Part::Payload)?,
        policy.claim_equals.first(),
        &mut compared,
    );
    let claims = parsed.as_ref().map_err(|e| *e)?;
    policy.check_compared(claims, now, compared)?;
    Ok(keep(claims))
}

/// Reads a token's claims **without verifying its signature or any claim**: for showing
/// what a token says (its `exp`, say) when the key is not at hand. Never base a decision to
/// trust the token on it.
///
/// `buf` needs [`RawToken::decoded_len`] bytes, as for [`verify`].
///
/// ```
/// use authcore::{HmacKey, decode_unverified};
///
/// let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
/// let mut out = [0u8; 256];
/// let token = key.sign(br#"{"sub":"device-42","exp":1700000600}"#, None, &mut out).unwrap();
///
/// // No key, no policy, no time: even an expired token decodes.
/// let mut buf = [0u8; 128];
/// let (header, claims) = decode_unverified(token, 8192, &mut buf).unwrap();
/// assert_eq!(header.alg, authcore::Algorithm::HS256);
/// assert_eq!(claims.exp, Some(1_700_000_600));
/// ```
pub fn decode_unverified<'b>(
    token: &str,
    max_len: usize,
    buf: &'b mut [u8],
) -> Result<(Header<'b>, Claims<'b>), Error> {
    let (raw, header, payload_buf) = read_header(token, max_len, buf)?;
    let claims = Claims::parse(decode_segment(raw.payload, payload_buf, Part::Payload)?)?;
    Ok((header, claims))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_found_by_walking_read_the_same() {
        // A name with escapes, and values beyond `u16` offsets: the members are walked.
        let h = Header::parse(br#"{"a\u006cg":"HS256","kid":"k"}"#).unwrap();
        assert_eq!(h.alg, Algorithm::HS256);
        assert!(h.kid.unwrap().eq_str("k"));
        assert_eq!(
            Header::parse(br#"{"typ\n":1,"alg":"HS256","cr\u0069t":[]}"#),
            Err(Error::CriticalHeader)
        );
        let mut buf = [b'x'; 70_100];
        let len = 70_000;
        buf[..8].copy_from_slice(br#"{"pad":""#);
        buf[len - 2..len].copy_from_slice(b"\",");
        for (rest, want) in [
            (&br#""alg":"HS256","typ":"JWT"}"#[..], Ok(Algorithm::HS256)),
            (br#""alg":"none","crit":[]}"#, Err(Error::NoneAlgorithm)),
            (br#""crit":[],"alg":"none"}"#, Err(Error::CriticalHeader)),
            (br#""typ":"JWT"}"#, Err(Error::MissingAlgorithm)),
        ] {
            buf[len..len + rest.len()].copy_from_slice(rest);
            let got = Header::parse(&buf[..len + rest.len()]).map(|h| h.alg);
            assert_eq!(got, want, "{:?}", core::str::from_utf8(rest));
        }
        // In document order without walking too.
        for (text, want) in [
            (&br#"{"alg":"none","crit":[]}"#[..], Error::NoneAlgorithm),
            (br#"{"crit":[],"alg":"none"}"#, Error::CriticalHeader),
            (
                br#"{"b64":1,"cty":"jwt","alg":"HS256"}"#,
                Error::InvalidHeader,
            ),
            (
                br#"{"cty":"jwt","b64":false,"alg":"HS256"}"#,
                Error::UnsupportedContentType,
            ),
            (
                br#"{"kid":1,"alg":"HS256","alg":"HS256"}"#,
                Error::Json(Part::Header, crate::error::JsonError::DuplicateKey),
            ),
        ] {
            assert_eq!(
                Header::parse(text),
                Err(want),
                "{:?}",
                core::str::from_utf8(text)
            );
        }
    }
}
