//! The claims set: registered claims read without allocating, and custom claims through serde.

use serde::Deserialize;

use crate::claim::Claim;
use crate::error::{Error, Part};
use crate::json::{self, Array, JsonStr, Object, Value};

/// The bytes [`Claims::deserialize`] reserves on the stack for decoding one escaped string.
pub const DESERIALIZE_SCRATCH: usize = 256;

/// The registered claims of a token (RFC 7519 §4.1), borrowed from its decoded payload.
///
/// NumericDates are whole Unix seconds, a fractional value rounded in the direction that
/// refuses a token: `exp` down (it expires no later than it says), `nbf` up (it becomes
/// valid no earlier than it says); `iat` down, which makes the maximum-age check exact,
/// while the issued-in-the-future check uses [`Claims::iat_rounded_up`]. A value whose
/// rounding leaves `i64` is refused. Strings keep their JSON escapes until asked
/// ([`JsonStr::eq_str`], [`JsonStr::decode_into`]).
///
/// ```
/// use authcore::claims::Claims;
///
/// let claims = Claims::parse(br#"{"sub":"device-42","aud":["telemetry-api","billing"],
///     "exp":1700000600.9,"scope":"read write","name":"caf\u00e9"}"#).unwrap();
/// assert!(claims.sub.unwrap().eq_str("device-42"));
/// assert!(claims.aud.unwrap().contains("billing"));
/// assert_eq!(claims.exp, Some(1_700_000_600)); // rounded toward refusal
/// // Any claim by name, and escapes decoded on request.
/// assert_eq!(claims.get("scope").and_then(|v| v.as_json_str()).and_then(|s| s.as_str()),
///            Some("read write"));
/// let name = claims.get("name").and_then(|v| v.as_json_str()).unwrap();
/// let mut buf = [0u8; 16];
/// assert_eq!(name.decode_into(&mut buf), Ok("café"));
///
/// // Custom claims into your own type, without a heap.
/// #[derive(serde::Deserialize)]
/// struct Mine<'a> { scope: &'a str, exp: f64 }
/// let mine: Mine = claims.deserialize().unwrap();
/// assert_eq!(mine.scope, "read write");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Claims<'a> {
    /// `exp`: expiration time, rounded down.
    pub exp: Option<i64>,
    /// `nbf`: not before, rounded up.
    pub nbf: Option<i64>,
    /// `iat`: issued at, rounded down (see [`Claims::iat_rounded_up`]).
    pub iat: Option<i64>,
    /// Whether `iat` had a fractional part (so rounding it up adds one).
    iat_fraction: bool,
    /// `iss`: issuer.
    pub iss: Option<JsonStr<'a>>,
    /// `sub`: subject.
    pub sub: Option<JsonStr<'a>>,
    /// `jti`: JWT ID.
    pub jti: Option<JsonStr<'a>>,
    /// `aud`: audience, one string or an array of strings.
    pub aud: Option<Audience<'a>>,
    object: Object<'a>,
}

/// The `aud` claim: a single string or an array of strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Audience<'a> {
    /// `"aud": "x"`
    One(JsonStr<'a>),
    /// `"aud": ["x", "y"]` (every element checked to be a string).
    Many(Array<'a>),
}

impl<'a> Audience<'a> {
    /// The audiences, in order.
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        let (one, many) = match *self {
            Audience::One(s) => (Some(s), None),
            Audience::Many(a) => (None, Some(a.iter().filter_map(|v| v.as_json_str()))),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }

    /// Whether `name` is one of the audiences.
    pub fn contains(&self, name: &str) -> bool {
        // Matched rather than through `iter`, whose chained iterators take several times
        // the code (every element of `Many` was checked to be a string when it was read).
        match *self {
            Audience::One(s) => s.eq_str(name),
            Audience::Many(a) => a
                .iter()
                .any(|v| matches!(v, Value::String(s) if s.eq_str(name))),
        }
    }
}

impl<'a> Claims<'a> {
    /// Reads the claims set from a decoded payload (a JSON object).
    ///
    /// Refuses malformed JSON, duplicate member names, and registered claims of the wrong
    /// type: a NumericDate must be a number within `i64`; `iss`, `sub`, `jti` strings; `aud` a
    /// string or an array of strings.
    pub fn parse(payload: &'a [u8]) -> Result<Self, Error> {
        Self::parse_comparing(payload, None, &mut Compared::Unknown)
    }

    /// [`Claims::parse`], also noting in `place` where the value of the member named in
    /// `compared` (the policy's first `claim_equals` pair) is, so that the policy need not
    /// walk the members again to find it.
    #[inline(never)]
    pub(crate) fn parse_comparing(
        payload: &'a [u8],
        compared: Option<&(&str, &str)>,
        place: &mut Compared,
    ) -> Result<Self, Error> {
        // One walk of the text: it is validated, and the registered claims' values found.
        let mut found = Found {
            at: [0; 7],
            walk: false,
            compared,
            compared_at: 0,
        };
        let object = json::parse_object_unique_visiting(payload, Some(&mut found))
            .map_err(|e| Error::Json(Part::Payload, e))?;
        *place = found.compared_place(object, payload);
        Self::read(object, payload, &found)
    }

    /// The value whose place in [`Claims::json`] a [`Compared::At`] gives.
    pub(crate) fn value_at(&self, place: u16) -> Option<Value<'a>> {
        self.object
            .value_at(self.object.text().as_bytes(), usize::from(place))
    }

    /// Reads the registered claims of a validated object, from where `found` says their
    /// values begin in `text`: the first in the text of the wrong type is the error. Out of
    /// line so that the claims being built are not on the stack while the object is
    /// validated (stack budgets).
    #[inline(never)]
    fn read(object: Object<'a>, text: &[u8], found: &Found) -> Result<Self, Error> {
        if found.walk {
            return Self::read_walking(object);
        }
        let mut claims = Self::none(object);
        // The first claim of the wrong type in document order is the error: each is read,
        // and of the failures the one at the smallest place kept.
        let mut first_bad: Option<(u16, Claim)> = None;
        for (claim, &offset) in Claim::REGISTERED.into_iter().zip(&found.at) {
            if offset == 0 {
                continue;
            }
            // (A value is always found where the validation said it begins.)
            let read = object
                .value_at(text, usize::from(offset))
                .and_then(|value| claims.take(claim, value));
            if read.is_none() && first_bad.is_none_or(|(o, _)| offset < o) {
                first_bad = Some((offset, claim));
            }
        }
        match first_bad {
            Some((_, claim)) => Err(Error::InvalidClaim(claim)),
            None => Ok(claims),
        }
    }

    /// A claims set whose registered claims are all absent.
    fn none(object: Object<'a>) -> Self {
        Claims {
            exp: None,
            nbf: None,
            iat: None,
            iat_fraction: false,
            iss: None,
            sub: None,
            jti: None,
            aud: None,
            object,
        }
    }

    /// [`Claims::read`] for a claims set [`Found`] could not place: a walk over the members.
    /// Out of line, as `read` is.
    #[inline(never)]
    fn read_walking(object: Object<'a>) -> Result<Self, Error> {
        let mut claims = Self::none(object);
        for (name, value) in object.members() {
            let claim = registered(name);
            claims
                .take(claim, value)
                .ok_or(Error::InvalidClaim(claim))?;
        }
        Ok(claims)
    }

    /// Reads `value` as the registered claim `claim`; `None` if it is of the wrong type
    /// (the error is then `InvalidClaim(claim)`, the one thing that can go wrong here).
    fn take(&mut self, claim: Claim, value: Value<'a>) -> Option<()> {
        match claim {
            Claim::Exp | Claim::Nbf | Claim::Iat => {
                let (floor, fraction) = numeric_date(value)?;
                match claim {
                    Claim::Exp => self.exp = Some(floor),
                    Claim::Nbf => {
                        let up = floor.checked_add(i64::from(fraction));
                        self.nbf = Some(up?);
                    }
                    _ => {
                        // Rounded up it must still be an i64.
                        floor.checked_add(i64::from(fraction))?;
                        self.iat = Some(floor);
                        self.iat_fraction = fraction;
                    }
                }
            }
            Claim::Iss => self.iss = Some(value.as_json_str()?),
            Claim::Sub => self.sub = Some(value.as_json_str()?),
            Claim::Jti => self.jti = Some(value.as_json_str()?),
            Claim::Aud => self.aud = Some(audience(value)?),
            Claim::Custom => {}
        }
        Some(())
    }

    /// `iat` rounded up: the earliest whole second at or after the time the token says it
    /// was issued, for the check that it was not issued in the future.
    pub fn iat_rounded_up(&self) -> Option<i64> {
        // Parsing checked that this addition stays within i64.
        self.iat
            .map(|iat| iat.saturating_add(i64::from(self.iat_fraction)))
    }

    /// The claims set as a JSON object.
    pub fn object(&self) -> Object<'a> {
        self.object
    }

    /// The payload's JSON text.
    pub fn json(&self) -> &'a str {
        self.object.text()
    }

    /// The value of any claim by name, registered or custom.
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.object.get(name)
    }

    /// Whether the claim `name` is present (with any value, `null` included).
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Deserializes the whole claims set into the caller's type through serde, reading the
    /// validated text in place (`json::de`).
    ///
    /// Strings are always handed over decoded, never with their JSON escapes: a borrowed
    /// `&str` field works for a string without escapes, and a string with escapes in a
    /// borrowed field gives [`Error::CustomClaims`]. Escaped strings in owned fields (such as
    /// `heapless::String<N>`) are decoded through a [`DESERIALIZE_SCRATCH`]-byte buffer on
    /// the stack; for longer ones use [`Claims::deserialize_escaped`] with a larger buffer.
    /// Members the type ignores are stepped over, never decoded.
    pub fn deserialize<T: Deserialize<'a>>(&self) -> Result<T, Error> {
        let mut scratch = [0u8; DESERIALIZE_SCRATCH];
        self.deserialize_escaped(&mut scratch)
    }

    /// Like [`Claims::deserialize`], decoding escaped strings through `scratch`, which must be
    /// as long as the longest escaped string (decoded) that the type takes.
    pub fn deserialize_escaped<T: Deserialize<'a>>(&self, scratch: &mut [u8]) -> Result<T, Error> {
        json::de::from_str(self.json(), scratch).map_err(|_| Error::CustomClaims)
    }
}

/// Where one string of a claims set lies in the set's JSON text ([`Claims::json`]): a byte
/// offset and length, and whether it has JSON escapes. Part of [`ClaimSpans`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct TextSpan {
    /// The offset of the string's first byte in the JSON text.
    pub start: usize,
    /// Its length in bytes.
    pub len: usize,
    /// Whether it has JSON escapes (a string; always `false` for an array).
    pub escaped: bool,
}

/// Where the `aud` claim lies: one string, or an array of strings. Part of [`ClaimSpans`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum AudienceSpan {
    /// [`Audience::One`]: the string between its quotes.
    One(TextSpan),
    /// [`Audience::Many`]: the array, `[` to `]`.
    Many(TextSpan),
}

/// A [`Claims`] without references: its registered claims' values, and where its strings
/// lie in its JSON text. From [`Claims::spans`], back with [`Claims::from_spans`] over the
/// same text: for keeping verified claims where a reference cannot be kept (C caller
/// storage holds plain integers, and the text stays in the caller's buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ClaimSpans {
    /// [`Claims::exp`].
    pub exp: Option<i64>,
    /// [`Claims::nbf`].
    pub nbf: Option<i64>,
    /// [`Claims::iat`].
    pub iat: Option<i64>,
    /// Whether `iat` had a fractional part (see [`Claims::iat_rounded_up`]).
    pub iat_fraction: bool,
    /// [`Claims::iss`].
    pub iss: Option<TextSpan>,
    /// [`Claims::sub`].
    pub sub: Option<TextSpan>,
    /// [`Claims::jti`].
    pub jti: Option<TextSpan>,
    /// [`Claims::aud`].
    pub aud: Option<AudienceSpan>,
}

impl<'a> Claims<'a> {
    /// The claims as plain values and places in [`Claims::json`] (see [`ClaimSpans`]);
    /// `None` if a registered claim's string lies outside that text (claims changed after
    /// parsing to hold a string from elsewhere).
    pub fn spans(&self) -> Option<ClaimSpans> {
        let text = self.json();
        let span = |s: &str, escaped: bool| {
            let start = (s.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
            (start.checked_add(s.len())? <= text.len()).then_some(TextSpan {
                start,
                len: s.len(),
                escaped,
            })
        };
        let string = |s: Option<JsonStr<'_>>| match s {
            None => Some(None),
            Some(s) => span(s.raw(), s.is_escaped()).map(Some),
        };
        Some(ClaimSpans {
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
            iat_fraction: self.iat_fraction,
            iss: string(self.iss)?,
            sub: string(self.sub)?,
            jti: string(self.jti)?,
            aud: match self.aud {
                None => None,
                Some(Audience::One(s)) => Some(AudienceSpan::One(span(s.raw(), s.is_escaped())?)),
                Some(Audience::Many(a)) => Some(AudienceSpan::Many(span(a.text(), false)?)),
            },
        })
    }

    /// The claims `spans` describes in `json`, the claims set's JSON text as it was parsed
    /// ([`Claims::json`] of the claims the spans came from); `None` if a span does not lie
    /// inside `json` on character boundaries. The text is not parsed again: it must be the
    /// one the spans were taken from.
    pub fn from_spans(json: &'a str, spans: &ClaimSpans) -> Option<Self> {
        let text = |s: TextSpan| json.get(s.start..s.start.checked_add(s.len)?);
        let string = |s: Option<TextSpan>| match s {
            None => Some(None),
            Some(s) => Some(Some(JsonStr::from_parts(text(s)?, s.escaped))),
        };
        Some(Claims {
            exp: spans.exp,
            nbf: spans.nbf,
            iat: spans.iat,
            iat_fraction: spans.iat_fraction,
            iss: string(spans.iss)?,
            sub: string(spans.sub)?,
            jti: string(spans.jti)?,
            aud: match spans.aud {
                None => None,
                Some(AudienceSpan::One(s)) => {
                    Some(Audience::One(JsonStr::from_parts(text(s)?, s.escaped)))
                }
                Some(AudienceSpan::Many(s)) => {
                    Some(Audience::Many(json::Array::from_text(text(s)?)))
                }
            },
            object: json::Object::from_text(json),
        })
    }
}

/// Where the value of the member a policy compares first is, as the one walk found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compared {
    /// Not looked for, or not known for sure (a name with escapes, a place beyond `u16`):
    /// the policy looks the member up itself.
    Unknown,
    /// No member of that name.
    Absent,
    /// Its value begins here in [`Claims::json`].
    At(u16),
}

/// Where the registered claims' values begin, found while
/// [`json::parse_object_unique_visiting`] validates a claims set, and the value of the one
/// member the policy compares. Kept small, and its work shallow (raw names compared, offsets
/// as `u16`): it runs on top of the validation, on a verification's budgeted stack.
struct Found<'c> {
    /// By `Claim` value; 0 (never a value's place) for a claim not present.
    at: [u16; 7],
    /// A name with escapes (which may decode to a registered one), or a registered claim's
    /// value beyond `u16`: the claims are read by walking the members instead.
    walk: bool,
    /// The policy's first `claim_equals` pair, whose member's place is noted.
    compared: Option<&'c (&'c str, &'c str)>,
    /// That member's value's place in the payload: 0 for none yet, `u16::MAX` beyond.
    compared_at: u16,
}

impl Found<'_> {
    /// Where the compared member's value is in the object's text (`object` in `payload`).
    /// Known only when the object starts the payload, as every signer writes it: with white
    /// space before it, the policy looks the member up itself.
    fn compared_place(&self, object: Object<'_>, payload: &[u8]) -> Compared {
        let at_start = object.text().as_ptr() == payload.as_ptr();
        match self.compared_at {
            _ if self.compared.is_none() || self.walk || !at_start => Compared::Unknown,
            0 => Compared::Absent,
            u16::MAX => Compared::Unknown,
            at => Compared::At(at),
        }
    }
}

impl<'a> json::Visit<'a> for Found<'_> {
    fn member(&mut self, name: JsonStr<'a>, value: usize) {
        let Some(raw) = name.as_str() else {
            self.walk = true;
            return;
        };
        // `Custom` is past the end: not kept.
        if let Some(slot) = self.at.get_mut(registered_raw(raw.as_bytes()) as usize) {
            match u16::try_from(value) {
                Ok(offset) => *slot = offset,
                Err(_) => self.walk = true,
            }
        }
        if self.compared.is_some_and(|(name, _)| *name == raw) {
            self.compared_at = u16::try_from(value).unwrap_or(u16::MAX);
        }
    }
}

/// The registered claim a name without escapes is: [`Claim::from_name`] by bytes, in
/// registers (no call, no frame).
fn registered_raw(raw: &[u8]) -> Claim {
    let Ok(&name) = <&[u8; 3]>::try_from(raw) else {
        return Claim::Custom;
    };
    match &name {
        b"exp" => Claim::Exp,
        b"nbf" => Claim::Nbf,
        b"iat" => Claim::Iat,
        b"iss" => Claim::Iss,
        b"sub" => Claim::Sub,
        b"aud" => Claim::Aud,
        b"jti" => Claim::Jti,
        _ => Claim::Custom,
    }
}

/// The registered claim a member name is, or `Custom`.
fn registered(name: JsonStr<'_>) -> Claim {
    // Registered names have no escapes in practice, but `"e\u0078p"` is still `exp`.
    match name.as_str() {
        Some(s) => Claim::from_name(s),
        None => registered_by_chars(name),
    }
}

// Out of line, as `audience`: rare cases whose locals would otherwise sit in the frame of
// the validation, on a verification's claims path.
#[inline(never)]
fn registered_by_chars(name: JsonStr<'_>) -> Claim {
    Claim::REGISTERED
        .into_iter()
        .find(|c| name.eq_str(c.name()))
        .unwrap_or(Claim::Custom)
}

/// A NumericDate (RFC 7519 §2): a JSON number within `i64`, as its floor and whether it had
/// a fractional part.
fn numeric_date(value: Value<'_>) -> Option<(i64, bool)> {
    match value {
        Value::Number(text) => json::parse_number_floor(text),
        _ => None,
    }
}

/// An `aud`: one string, or an array of strings.
#[inline(never)]
fn audience(value: Value<'_>) -> Option<Audience<'_>> {
    match value {
        Value::String(s) => Some(Audience::One(s)),
        Value::Array(a) if a.iter().all(|v| v.as_json_str().is_some()) => Some(Audience::Many(a)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::JsonError;

    /// Each text refused with its error.
    fn all_refused(cases: &[(&[u8], Error)]) {
        for (text, want) in cases {
            let text = *text;
            assert_eq!(
                Claims::parse(text),
                Err(*want),
                "{:?}",
                core::str::from_utf8(text)
            );
        }
    }

    #[test]
    fn reads_registered_claims() {
        let c = Claims::parse(
            br#"{"iss":"a\/b","exp":1.9e9,"nbf":-1.5,"iat":0,"aud":["x","y"],"sub":"s","jti":"j","z":{"exp":"no"}}"#,
        )
        .unwrap();
        assert_eq!(c.exp, Some(1_900_000_000));
        assert_eq!(c.nbf, Some(-1));
        assert_eq!(c.iat, Some(0));
        assert!(c.iss.unwrap().eq_str("a/b"));
        assert!(c.aud.unwrap().contains("y"));
        assert!(!c.aud.unwrap().contains("z"));
        assert!(c.get("z").is_some());
    }

    #[test]
    fn claims_rebuilt_from_their_spans_are_the_same_claims() {
        let texts: [&[u8]; 3] = [
            br#"{"iss":"a\/b","exp":1.9e9,"nbf":-1.5,"iat":0.5,"aud":["x","y"],"sub":"s","jti":"j"}"#,
            br#"{"aud":"caf\u00e9","n":1}"#,
            b"{}",
        ];
        for text in texts {
            let c = Claims::parse(text).unwrap();
            let spans = c.spans().unwrap();
            assert_eq!(Claims::from_spans(c.json(), &spans), Some(c));
        }
        let c = Claims::parse(texts[0]).unwrap();
        let spans = c.spans().unwrap();
        // A span past the text, or off a character boundary, is refused.
        let short = &c.json()[..c.json().len() - 20];
        assert_eq!(Claims::from_spans(short, &spans), None);
        let mut wide = spans;
        wide.sub = Some(TextSpan {
            start: usize::MAX,
            len: 2,
            escaped: false,
        });
        assert_eq!(Claims::from_spans(c.json(), &wide), None);
        let e = Claims::parse(r#"{"sub":"é"}"#.as_bytes()).unwrap();
        let mut split = e.spans().unwrap();
        split.sub = split.sub.map(|s| TextSpan { len: 1, ..s });
        assert_eq!(Claims::from_spans(e.json(), &split), None);
        // A string from elsewhere has no span.
        let mut moved = c;
        moved.iss = c.iss.and(Claims::parse(br#"{"iss":"z"}"#).unwrap().iss);
        assert_eq!(moved.spans(), None);
    }

    #[test]
    fn json_errors_come_before_claim_errors_and_claims_in_document_order() {
        let deep = {
            let mut t = [b'['; 80];
            t[..13].copy_from_slice(br#"{"exp":"1","a"#);
            t[13..16].copy_from_slice(b"\":[");
            t
        };
        let json = |e| Error::Json(Part::Payload, e);
        let cases: &[(&[u8], Error)] = &[
            // A duplicate after registered claims, and of one of the wrong type.
            (
                br#"{"exp":1,"sub":"a","exp":2}"#,
                json(JsonError::DuplicateKey),
            ),
            (
                br#"{"exp":"x","sub":"a","e\u0078p":2}"#,
                json(JsonError::DuplicateKey),
            ),
            // A claim of the wrong type, then bad JSON: the JSON's error.
            (
                br#"{"exp":"1","a":tru}"#,
                json(JsonError::Syntax { offset: 15 }),
            ),
            (b"{\"iss\":1,\"a\":\"\xff\"}", json(JsonError::Utf8)),
            (br#"{"aud":2,"a":"\x"}"#, json(JsonError::Escape)),
            (br#"{"aud":2,"a":"\ud800"}"#, json(JsonError::Escape)),
            (&deep, json(JsonError::TooDeep)),
            // Two of the wrong type: the first in the text.
            (br#"{"sub":1,"exp":"x"}"#, Error::InvalidClaim(Claim::Sub)),
            (br#"{"exp":"x","sub":1}"#, Error::InvalidClaim(Claim::Exp)),
            (
                br#"{"x":1,"aud":["a",["b"]],"iat":1e400}"#,
                Error::InvalidClaim(Claim::Aud),
            ),
            (
                br#"{"nbf":9223372036854775807.5}"#,
                Error::InvalidClaim(Claim::Nbf),
            ),
            (
                br#"{"iat":9223372036854775807.5}"#,
                Error::InvalidClaim(Claim::Iat),
            ),
        ];
        all_refused(cases);
    }

    /// `{"pad":"xx…x",` (`len` bytes in all, past `u16`'s offsets) followed by `rest`.
    fn far_into(buf: &mut [u8], rest: &[u8]) -> usize {
        let len = 70_000;
        buf[..len].fill(b'x');
        buf[..8].copy_from_slice(br#"{"pad":""#);
        buf[len - 2..len].copy_from_slice(b"\",");
        buf[len..len + rest.len()].copy_from_slice(rest);
        len + rest.len()
    }

    #[test]
    fn claims_found_by_walking_read_the_same() {
        // Values beyond `u16` offsets, and names with escapes: the members are walked.
        let mut buf = [0u8; 70_100];
        let n = far_into(&mut buf, br#""sub":"s","exp":7,"aud":["a"]}"#);
        let c = Claims::parse(&buf[..n]).unwrap();
        assert_eq!(c.exp, Some(7));
        assert!(c.sub.unwrap().eq_str("s") && c.aud.unwrap().contains("a"));
        let n = far_into(&mut buf, br#""sub":1,"exp":"x"}"#);
        assert_eq!(
            Claims::parse(&buf[..n]),
            Err(Error::InvalidClaim(Claim::Sub))
        );
        let n = far_into(&mut buf, br#""exp":"x","sub":1}"#);
        assert_eq!(
            Claims::parse(&buf[..n]),
            Err(Error::InvalidClaim(Claim::Exp))
        );
        let n = far_into(&mut buf, br#""exp":1,"exp":2}"#);
        assert_eq!(
            Claims::parse(&buf[..n]),
            Err(Error::Json(Part::Payload, JsonError::DuplicateKey))
        );
        let c = Claims::parse(br#"{"s\u0075b":"s","exp":7,"n":1}"#).unwrap();
        assert_eq!(c.exp, Some(7));
        assert!(c.sub.unwrap().eq_str("s"));
        assert_eq!(
            Claims::parse(br#"{"x\n":1,"sub":1,"exp":"x"}"#),
            Err(Error::InvalidClaim(Claim::Sub))
        );
    }

    #[test]
    fn only_top_level_members_are_claims() {
        let c = Claims::parse(
            br#" { "z" : {"exp":"no","aud":[1]}, "a":[{"iss":2}], "exp" : 5 , "sub":"s\"t" } "#,
        )
        .unwrap();
        assert_eq!(c.exp, Some(5));
        assert_eq!(c.iss, None);
        assert_eq!(c.aud, None);
        assert!(c.sub.unwrap().is_escaped());
        assert!(c.sub.unwrap().eq_str("s\"t"));
        assert_eq!(c.iat_rounded_up(), None);
        let c = Claims::parse(br#"{"iat":-0.5,"aud":[],"jti":""}"#).unwrap();
        assert_eq!((c.iat, c.iat_rounded_up()), (Some(-1), Some(0)));
        assert_eq!(c.aud.unwrap().iter().count(), 0);
        assert!(c.jti.unwrap().eq_str(""));
    }

    #[test]
    fn refuses_wrong_types() {
        let cases: &[(&[u8], Error)] = &[
            (br#"{"exp":"1"}"#, Error::InvalidClaim(Claim::Exp)),
            (br#"{"nbf":true}"#, Error::InvalidClaim(Claim::Nbf)),
            (br#"{"iat":null}"#, Error::InvalidClaim(Claim::Iat)),
            (br#"{"exp":1e400}"#, Error::InvalidClaim(Claim::Exp)),
            (
                br#"{"exp":9223372036854775808}"#,
                Error::InvalidClaim(Claim::Exp),
            ),
            (br#"{"iss":1}"#, Error::InvalidClaim(Claim::Iss)),
            (br#"{"aud":["a",1]}"#, Error::InvalidClaim(Claim::Aud)),
            (br#"{"aud":{}}"#, Error::InvalidClaim(Claim::Aud)),
            (br#"{"e\u0078p":"x"}"#, Error::InvalidClaim(Claim::Exp)),
            (
                br#"{"exp":1,"exp":2}"#,
                Error::Json(Part::Payload, JsonError::DuplicateKey),
            ),
            (
                br#"[1]"#,
                Error::Json(Part::Payload, JsonError::NotAnObject),
            ),
        ];
        all_refused(cases);
    }
}
