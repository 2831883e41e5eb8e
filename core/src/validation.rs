//! The validation policy: which algorithm, which claims, how much clock skew.

use crate::algorithm::Algorithm;
use crate::claim::Claim;
use crate::claims::{Claims, Compared};
use crate::error::Error;
use crate::json::JsonStr;

/// The default limit on a token's length, in bytes.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 8 * 1024;

/// A validation policy: a plain value, built once (it can be a `const` or `static`) and used
/// for every token.
///
/// Defaults ([`Validation::new`]): the given algorithm; no leeway; `exp` required and
/// checked; `nbf` checked when present; `iat` not checked; `typ` absent or `JWT`; an `aud` in
/// the token is refused unless an expected audience matches (as PyJWT and `jsonwebtoken` do);
/// tokens up to [`DEFAULT_MAX_TOKEN_LEN`] bytes.
///
/// Time boundaries follow RFC 7519: expired when `now >= exp + leeway`, not yet valid when
/// `now < nbf - leeway`, issued in the future when `iat > now + leeway`, too old when
/// `now > iat + max_age + leeway`. A fractional NumericDate is rounded toward refusal: `exp`
/// down, `nbf` up, `iat` up for the future check and down for the age (see [`Claims`]).
///
/// Setting an expected issuer, audience or subject makes that claim required: a token that
/// does not name them is refused with [`Error::MissingClaim`].
///
/// ```
/// use authcore::{Algorithm, Claim, Error, Validation};
/// use authcore::claims::Claims;
///
/// const POLICY: Validation<'static> = Validation::new(Algorithm::RS256)
///     .issuer(&["https://auth.example.com"])
///     .audience(&["telemetry-api"])
///     .require(&["exp", "sub"])
///     .claim_equals(&[("usefor", "access")]) // a refresh token can't pass as an access token
///     .leeway(30);
///
/// let now = 1_700_000_000;
/// let claims = Claims::parse(br#"{"iss":"https://auth.example.com","aud":["telemetry-api"],
///     "sub":"device-42","usefor":"access","exp":1700000010}"#).unwrap();
/// assert_eq!(POLICY.check(&claims, now), Ok(()));
/// // Expired once `now >= exp + leeway`.
/// assert_eq!(POLICY.check(&claims, 1_700_000_040), Err(Error::Expired));
///
/// let refresh = Claims::parse(br#"{"iss":"https://auth.example.com","aud":"telemetry-api",
///     "sub":"device-42","usefor":"refresh","exp":1700000010}"#).unwrap();
/// assert_eq!(POLICY.check(&refresh, now), Err(Error::ClaimMismatch));
///
/// // The defaults: `exp` required, no leeway, `nbf` checked, an `aud` refused unless expected.
/// let plain = Validation::new(Algorithm::HS256);
/// let no_exp = Claims::parse(br#"{"sub":"device-42"}"#).unwrap();
/// assert_eq!(plain.check(&no_exp, now), Err(Error::MissingClaim(Claim::Exp)));
/// let early = Claims::parse(br#"{"exp":1700000600,"nbf":1700000001}"#).unwrap();
/// assert_eq!(plain.check(&early, now), Err(Error::NotYetValid));
/// let addressed = Claims::parse(br#"{"exp":1700000600,"aud":"billing"}"#).unwrap();
/// assert_eq!(plain.check(&addressed, now), Err(Error::InvalidAudience));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Validation<'a> {
    /// The one algorithm accepted; the key must have it too.
    pub algorithm: Algorithm,
    /// Seconds of clock skew tolerated in every time check.
    pub leeway: u64,
    /// Check `exp` when present.
    pub validate_exp: bool,
    /// Check `nbf` when present.
    pub validate_nbf: bool,
    /// Refuse an `iat` in the future.
    pub validate_iat: bool,
    /// Refuse a token whose `aud` matches no expected audience, including when none is expected.
    pub validate_aud: bool,
    /// Claims that must be present, registered or custom, by name.
    pub required: &'a [&'a str],
    /// Accepted issuers: `iss` must equal one of them exactly. Empty: `iss` not checked.
    pub issuers: &'a [&'a str],
    /// Accepted audiences: one of the token's audiences must equal one. Empty: see `validate_aud`.
    pub audiences: &'a [&'a str],
    /// The expected subject, if any.
    pub subject: Option<&'a str>,
    /// Claims that must be strings equal to the given values, such as `("usefor", "access")`.
    pub claim_equals: &'a [(&'a str, &'a str)],
    /// The maximum age in seconds, counted from `iat` (which it makes required).
    pub max_age: Option<u64>,
    /// The accepted `typ` (compared ignoring ASCII case) when the header has one; `None`
    /// accepts any `typ`.
    pub typ: Option<&'a str>,
    /// The shortest HMAC secret accepted, in bytes (RFC 7518 §3.2 asks for the hash size).
    pub min_hmac_secret_len: Option<usize>,
    /// The longest token accepted, in bytes.
    pub max_token_len: usize,
}

impl<'a> Validation<'a> {
    /// The default policy for `algorithm` (see the type's documentation).
    pub const fn new(algorithm: Algorithm) -> Self {
        Validation {
            algorithm,
            leeway: 0,
            validate_exp: true,
            validate_nbf: true,
            validate_iat: false,
            validate_aud: true,
            required: &["exp"],
            issuers: &[],
            audiences: &[],
            subject: None,
            claim_equals: &[],
            max_age: None,
            typ: Some("JWT"),
            min_hmac_secret_len: None,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// Sets the leeway in seconds.
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Sets the claims that must be present (replacing the default `["exp"]`).
    pub const fn require(mut self, claims: &'a [&'a str]) -> Self {
        self.required = claims;
        self
    }

    /// Sets the accepted issuers.
    pub const fn issuer(mut self, issuers: &'a [&'a str]) -> Self {
        self.issuers = issuers;
        self
    }

    /// Sets the accepted audiences.
    pub const fn audience(mut self, audiences: &'a [&'a str]) -> Self {
        self.audiences = audiences;
        self
    }

    /// Sets the expected subject.
    pub const fn subject(mut self, subject: &'a str) -> Self {
        self.subject = Some(subject);
        self
    }

    /// Sets the claims that must equal given strings.
    pub const fn claim_equals(mut self, pairs: &'a [(&'a str, &'a str)]) -> Self {
        self.claim_equals = pairs;
        self
    }

    /// Sets the maximum age from `iat`, in seconds.
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Turns the `iat`-in-the-future check on or off.
    pub const fn validate_iat(mut self, on: bool) -> Self {
        self.validate_iat = on;
        self
    }

    /// Turns the `exp` check on or off (a required `exp` must still be present).
    pub const fn validate_exp(mut self, on: bool) -> Self {
        self.validate_exp = on;
        self
    }

    /// Turns the `nbf` check on or off.
    pub const fn validate_nbf(mut self, on: bool) -> Self {
        self.validate_nbf = on;
        self
    }

    /// Turns the audience check on or off.
    pub const fn validate_aud(mut self, on: bool) -> Self {
        self.validate_aud = on;
        self
    }

    /// Sets the accepted `typ` (`None`: any).
    pub const fn typ(mut self, typ: Option<&'a str>) -> Self {
        self.typ = typ;
        self
    }

    /// Sets the minimum HMAC secret length in bytes.
    pub const fn min_hmac_secret_len(mut self, bytes: usize) -> Self {
        self.min_hmac_secret_len = Some(bytes);
        self
    }

    /// Sets the longest token accepted, in bytes.
    pub const fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    /// Checks a header's `typ` against the policy.
    pub fn check_type(&self, typ: Option<JsonStr<'_>>) -> Result<(), Error> {
        match (self.typ, typ) {
            (Some(want), Some(got)) if !got.eq_ignore_ascii_case(want) => Err(Error::InvalidType),
            _ => Ok(()),
        }
    }

    /// Checks verified claims against the policy at time `now` (Unix seconds).
    ///
    /// Order: required claims; `exp`; `nbf`; `iat`; maximum age; issuer; audience;
    /// subject; claim values.
    pub fn check(&self, claims: &Claims<'_>, now: i64) -> Result<(), Error> {
        self.check_compared(claims, now, Compared::Unknown)
    }

    /// [`Validation::check`], given where the verification's one walk found the member of
    /// the first `claim_equals` pair, so that it is not looked up by walking the members.
    // Out of line so that its locals are not in the caller's frame, which stays on the
    // stack through the signature check: the verification's peak stack is budgeted.
    #[inline(never)]
    pub(crate) fn check_compared(
        &self,
        claims: &Claims<'_>,
        now: i64,
        first_compared: Compared,
    ) -> Result<(), Error> {
        let leeway = i64::try_from(self.leeway).unwrap_or(i64::MAX);
        for name in self.required {
            let claim = Claim::from_name(name);
            let present = match claim {
                Claim::Exp => claims.exp.is_some(),
                Claim::Nbf => claims.nbf.is_some(),
                Claim::Iat => claims.iat.is_some(),
                Claim::Iss => claims.iss.is_some(),
                Claim::Sub => claims.sub.is_some(),
                Claim::Aud => claims.aud.is_some(),
                Claim::Jti => claims.jti.is_some(),
                Claim::Custom => claims.contains(name),
            };
            if !present {
                return Err(Error::MissingClaim(claim));
            }
        }
        if self.validate_exp
            && let Some(exp) = claims.exp
            && now >= exp.saturating_add(leeway)
        {
            return Err(Error::Expired);
        }
        if self.validate_nbf
            && let Some(nbf) = claims.nbf
            && now < nbf.saturating_sub(leeway)
        {
            return Err(Error::NotYetValid);
        }
        if self.validate_iat
            && let Some(iat) = claims.iat_rounded_up()
            && iat > now.saturating_add(leeway)
        {
            return Err(Error::IssuedInFuture);
        }
        if let Some(max_age) = self.max_age {
            let iat = claims.iat.ok_or(Error::MissingClaim(Claim::Iat))?;
            let max_age = i64::try_from(max_age).unwrap_or(i64::MAX);
            if now > iat.saturating_add(max_age).saturating_add(leeway) {
                return Err(Error::TooOld);
            }
        }
        if !self.issuers.is_empty() {
            let iss = claims.iss.ok_or(Error::MissingClaim(Claim::Iss))?;
            if !self.issuers.iter().any(|want| iss.eq_str(want)) {
                return Err(Error::InvalidIssuer);
            }
        }
        if self.validate_aud {
            match (claims.aud, self.audiences.is_empty()) {
                (None, true) => {}
                (None, false) => return Err(Error::MissingClaim(Claim::Aud)),
                (Some(aud), _) => {
                    if !self.audiences.iter().any(|want| aud.contains(want)) {
                        return Err(Error::InvalidAudience);
                    }
                }
            }
        }
        if let Some(want) = self.subject {
            let sub = claims.sub.ok_or(Error::MissingClaim(Claim::Sub))?;
            if !sub.eq_str(want) {
                return Err(Error::InvalidSubject);
            }
        }
        for (i, (name, want)) in self.claim_equals.iter().enumerate() {
            let value = match (i, first_compared) {
                (0, Compared::Absent) => None,
                (0, Compared::At(place)) => claims.value_at(place),
                _ => claims.get(name),
            };
            // (The claim's name is looked up only for the error.)
            let Some(value) = value else {
                return Err(Error::MissingClaim(Claim::from_name(name)));
            };
            match value.as_json_str() {
                Some(s) if s.eq_str(want) => {}
                _ => return Err(Error::ClaimMismatch),
            }
        }
        Ok(())
    }
}
