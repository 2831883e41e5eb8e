//! # authcore
//!
//! Allocation-free JWT verification, claim validation and token-lifecycle helpers for
//! firmware, C programs and Python scripts that authenticate against token-based HTTP APIs.
//!
//! ```
//! use authcore::{Algorithm, HmacKey, Validation, verify};
//!
//! // RFC 7515 Appendix A.1: an HS256 token and its key.
//! let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\
//!     .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
//!     .dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
//! let (secret, len) = authcore::base64url::decode_array::<64>(
//!     b"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
//! ).unwrap();
//! let key = HmacKey::new(Algorithm::HS256, &secret[..len]).unwrap();
//! let policy = Validation::new(Algorithm::HS256).issuer(&["joe"]);
//! let mut buf = [0u8; 256];
//! let now = 1_300_819_000; // seconds since the Unix epoch, from your clock
//! let token = verify(token, &key, &policy, now, &mut buf).unwrap();
//! assert_eq!(token.claims().exp, Some(1_300_819_380));
//! assert!(token.claims().iss.unwrap().eq_str("joe"));
//! ```
//!
//! # The model
//!
//! Four decisions shape the whole API. Each removes a way JWT libraries are commonly misused
//! or a thing a microcontroller does not have.
//!
//! ## Keys are pinned to their algorithm
//!
//! A key is made for one algorithm ([`HmacKey::new`], [`RsaPublicKey::from_jwks`], ...)
//! and verifies nothing else. [`verify`] accepts a token only when the header's `alg`, the
//! key's algorithm and the policy's ([`Validation::algorithm`]) are the same one: an RSA
//! public key can never be used as an HMAC secret, `alg: none` is refused in any spelling,
//! and a token cannot choose how it is checked.
//!
//! ```
//! use authcore::{Algorithm, Error, HmacKey, KeyError, Validation, verify};
//!
//! let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
//! let mut out = [0u8; 256];
//! let token = key.sign(br#"{"sub":"device-42","exp":2000000000}"#, None, &mut out).unwrap();
//!
//! let mut buf = [0u8; 256];
//! // The policy names one algorithm; a token signed with another is refused before any
//! // signature is computed.
//! let hs512_policy = Validation::new(Algorithm::HS512);
//! assert_eq!(
//!     verify(token, &key, &hs512_policy, 1_700_000_000, &mut buf),
//!     Err(Error::AlgorithmMismatch { expected: Algorithm::HS512, found: Algorithm::HS256 }),
//! );
//! // A key cannot be made for an algorithm of another family.
//! assert_eq!(
//!     HmacKey::new(Algorithm::RS256, b"secret").unwrap_err(),
//!     Error::Key(KeyError::WrongAlgorithm),
//! );
//! ```
//!
//! ## The caller sizes every buffer
//!
//! Nothing is allocated. [`verify`] decodes the token's header and payload into a work
//! buffer you pass, and the [`VerifiedToken`] it returns borrows that buffer, so the claims
//! are read where they were decoded, with no copy. The buffer needs the decoded length of
//! the header plus the payload: three quarters of their base64url length, which
//! [`RawToken::decoded_len`] computes. Size it once for the largest token you accept:
//!
//! - `max_token_len * 3 / 4` bytes is always enough for tokens up to
//!   [`Validation::max_token_len`] (8 KiB by default, so a 6 KiB buffer);
//! - a device that knows its issuer can use less: tokens of a few hundred bytes need a
//!   buffer of a few hundred bytes.
//!
//! A buffer that is too small is never a panic and never a truncated result, but
//! [`Error::BufferTooSmall`] with the exact size needed. The same holds for every writer
//! in the crate (signing, `Authorization` values, login bodies).
//!
//! ```
//! use authcore::{Error, HmacKey, RawToken, Validation, verify};
//! use authcore::validation::DEFAULT_MAX_TOKEN_LEN;
//!
//! let key = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
//! let mut out = [0u8; 256];
//! let token = key.sign(br#"{"sub":"device-42","exp":2000000000}"#, None, &mut out).unwrap();
//! let policy = Validation::new(authcore::Algorithm::HS256);
//!
//! // Exactly what this token needs:
//! let needed = RawToken::split(token, DEFAULT_MAX_TOKEN_LEN).unwrap().decoded_len();
//! assert_eq!(needed, 27 + 36); // {"alg":"HS256","typ":"JWT"} and the claims
//! // A buffer one byte short is refused with that figure, and nothing is returned.
//! let mut small = [0u8; 62];
//! assert_eq!(
//!     verify(token, &key, &policy, 1_700_000_000, &mut small),
//!     Err(Error::BufferTooSmall { needed: 63 }),
//! );
//! // The bound for any token the policy accepts:
//! const WORK: usize = DEFAULT_MAX_TOKEN_LEN * 3 / 4;
//! let mut work = [0u8; WORK];
//! assert!(verify(token, &key, &policy, 1_700_000_000, &mut work).is_ok());
//! ```
//!
//! ## Time is injected
//!
//! Nothing in the crate reads a clock: there is none on many devices, and a hidden clock
//! makes expiry untestable. [`verify`] takes `now` as Unix seconds. The token lifecycle
//! ([`AuthSession`], [`Tracker`]) takes a [`Clock`], a two-method trait, whose
//! [`TimeBase`] says what its numbers count from:
//!
//! - [`TimeBase::Unix`], a wall clock (an RTC, NTP, the host's clock): absolute expiry
//!   times such as a JWT's `exp` or an RFC 3339 date can be compared with it.
//! - [`TimeBase::Monotonic`], ticks since boot on a device without a wall clock: lifetimes
//!   (`expires_in`, or a JWT's `exp - iat`) are anchored to the instant the token arrived.
//!   A token whose only expiry is an absolute time cannot be tracked on it, and says so.
//!
//! ```
//! use authcore::{Clock, LifecycleError, TimeBase};
//!
//! /// Seconds since boot from a hardware tick counter.
//! struct Uptime { ticks: u64, ticks_per_second: u64 }
//!
//! impl Clock for Uptime {
//!     fn base(&self) -> TimeBase {
//!         TimeBase::Monotonic
//!     }
//!     fn now(&self) -> Result<i64, LifecycleError> {
//!         i64::try_from(self.ticks / self.ticks_per_second)
//!             .map_err(|_| LifecycleError::ClockUnavailable)
//!     }
//! }
//!
//! let clock = Uptime { ticks: 90_000_000, ticks_per_second: 1_000_000 };
//! assert_eq!(clock.now(), Ok(90));
//! assert_eq!(clock.now_millis(), Ok(90_000)); // the default: now() * 1000
//! ```
//!
//! [`ManualClock`] is a clock you set and advance, for tests and for firmware that keeps
//! the time itself; with the feature `embedded-time`, `clock::EmbeddedClock` adapts an
//! `embedded-time` clock.
//!
//! ## No heap, no panics, nothing secret in logs
//!
//! The crate is `#![no_std]` without `alloc` in every feature combination but `rsa-sign`, holds no global
//! state and contains no `unsafe`. Bad input is an `Err` naming one specific failure
//! ([`Error`] for verification, keys and signing; [`LifecycleError`] for responses,
//! headers, expiry and sessions), never a panic and never a partly filled result. Keys,
//! tokens, passwords and credentials are shown by their length only in `Debug` (and in
//! `defmt::Format`, with the feature `defmt`), and HMAC key state and stored tokens are
//! zeroized on drop.
//!
//! # Where to go next
//!
//! - Verifying: [`verify`], [`Validation`], [`Claims`], [`VerifiedToken`], the keys in
//!   [`keys`], and [`decode_unverified`] / [`peek_header`] to look inside a token first.
//! - Keeping a session's token fresh: [`AuthSession`] (presets in [`ApiProfile`]),
//!   [`Tracker`] and [`Expiry`], `Authorization` values in [`authz`], token responses in
//!   [`response`].
//! - Coming from the `jsonwebtoken` crate: [`guide::jsonwebtoken`], the same tasks side by
//!   side and the defaults that differ.
//!
//! # Features
//!
//! - `defmt`: `defmt::Format` on the public types (secrets redacted).
//! - `embedded-time`: `clock::EmbeddedClock`, an adapter from `embedded-time`'s clocks.
//! - `es256`, `es384`: ES256 and ES384 verification, `EcPublicKey` (on `p256`, `p384`).
//! - `es256` also gives ES256 signing, `EcSigningKey` (RFC 6979 nonces, no heap).
//! - `eddsa`: EdDSA verification with Ed25519, `Ed25519PublicKey` (on `ed25519-dalek`).
//! - `pss`: PS256, PS384 and PS512 verification, [`RsaPublicKey`] pinned to a PS algorithm.
//! - `rsa-sign`: RS256/384/512 signing, `RsaSigningKey`, on the `rsa` crate, for hosts: the
//!   one feature that needs `alloc` (and the operating system's random numbers, for
//!   blinding). Without it the crate never touches a heap.
//!
//! # Keys from a JWKS
//!
//! [`KeySet`] holds up to `N` keys of any type this build verifies ([`AnyKey`]), loaded
//! whole from a JWKS and replaced whole when the issuer rotates them;
//! [`KeySet::verify`] picks a token's key by its `kid` and the policy's algorithm, then
//! verifies as [`verify`] does. Its documentation gives the rules: which keys are skipped,
//! which documents refused, how a token without `kid` is served.
//!
//! # Algorithms
//!
//! HS256/384/512 ([`HmacKey`], also signing) and RS256/384/512 ([`RsaPublicKey`]) in every
//! build; ES256, ES384, PS256/384/512 and EdDSA (Ed25519) with the features above. Every key
//! is pinned to one algorithm, and a token is verified only when its header's `alg` is that
//! algorithm and the policy's. `none` and ES512 are refused.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Only the host-side RSA signing key (feature `rsa-sign`) uses the heap.
#[cfg(feature = "rsa-sign")]
extern crate alloc;

// The floors, from the ground up; a module imports only from floors below its own (or
// from its own), which `tests/layers.rs` checks. ARCHITECTURE.md draws them.
//
// Ground: the names every floor uses, the error types, the encodings.
pub mod algorithm;
pub mod base64url;
pub mod claim;
pub mod error;
pub mod json;
pub mod lifecycle_error;
mod redact;
// Keys and claims.
pub mod claims;
pub mod keys;
// Validation and the JWT pipeline.
pub mod jwt;
pub mod validation;
// The token lifecycle: time, expiry, headers, responses, sessions.
pub mod authz;
pub mod client_assertion;
pub mod clock;
pub mod lifetime;
pub mod response;
pub mod session;
mod write;

/// The crate README's example, doc-tested: what crates.io shows must compile and pass.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;

/// Guides: pages of documentation only, no items.
pub mod guide {
    #[doc = include_str!("../MIGRATING-FROM-JSONWEBTOKEN.md")]
    pub mod jsonwebtoken {}
}

/// The fixed-capacity string type of by-value outputs ([`authz::HeaderValue`]).
pub use heapless;

pub use algorithm::{Algorithm, Discriminant};
pub use authz::{Authorization, HeaderStyle};
pub use claim::Claim;
pub use claims::{Audience, AudienceSpan, ClaimSpans, Claims, TextSpan};
pub use clock::{Clock, ManualClock, TimeBase};
pub use error::{Error, JsonError, KeyError, Part};
pub use json::JsonStr;
pub use jwt::{
    Header, RawToken, VerifiedToken, decode_unverified, peek_header, verify, verify_with,
};
#[cfg(any(feature = "es256", feature = "es384"))]
pub use keys::EcPublicKey;
#[cfg(feature = "es256")]
pub use keys::EcSigningKey;
#[cfg(feature = "eddsa")]
pub use keys::Ed25519PublicKey;
#[cfg(feature = "rsa-sign")]
pub use keys::RsaSigningKey;
pub use keys::{AnyKey, HmacKey, KeySet, RsaPublicKey, SigningKey, VerifyingKey, sign_jws};
pub use lifecycle_error::{ApiError, DateTimeError, LifecycleError};
pub use lifetime::{Expiry, RefreshPolicy, Status, Tracker, TrackerParts};
pub use response::{ResponseFormat, TokenResponse};
pub use session::{ApiProfile, AuthSession, Credentials, HeldToken, Next, SessionParts};
pub use validation::Validation;

// Every public type a firmware developer would log can go to defmt; this list fails to
// compile when one of them loses its `Format` (secrets inside are formatted redacted, as
// `Debug` does). Left out: the JSON iterators and `heapless` values.
#[cfg(feature = "defmt")]
const _: fn() = || {
    fn format<T: defmt::Format + ?Sized>() {}
    format::<Algorithm>();
    format::<Claim>();
    format::<Error>();
    format::<KeyError>();
    format::<JsonError>();
    format::<Part>();
    format::<LifecycleError>();
    format::<DateTimeError>();
    format::<ApiError>();
    format::<base64url::InvalidBase64>();
    format::<JsonStr<'static>>();
    format::<json::Value<'static>>();
    format::<json::Object<'static>>();
    format::<json::Array<'static>>();
    format::<Claims<'static>>();
    format::<Audience<'static>>();
    format::<Header<'static>>();
    format::<RawToken<'static>>();
    format::<VerifiedToken<'static>>();
    format::<Validation<'static>>();
    format::<HmacKey>();
    format::<RsaPublicKey>();
    #[cfg(any(feature = "es256", feature = "es384"))]
    format::<EcPublicKey>();
    #[cfg(feature = "eddsa")]
    format::<Ed25519PublicKey>();
    #[cfg(feature = "es256")]
    format::<EcSigningKey>();
    format::<TimeBase>();
    format::<ManualClock>();
    format::<Status>();
    format::<RefreshPolicy>();
    format::<Expiry>();
    format::<Tracker>();
    format::<lifetime::Timestamp>();
    format::<HeaderStyle>();
    format::<Authorization<'static>>();
    format::<authz::BasicCredentials<'static>>();
    format::<response::Field>();
    format::<ResponseFormat>();
    format::<TokenResponse<'static>>();
    format::<Credentials<'static>>();
    format::<session::LoginStyle>();
    format::<session::RefreshStyle>();
    format::<session::ExpirySource>();
    format::<ApiProfile>();
    format::<Next<'static>>();
    format::<session::Request<'static>>();
    format::<AuthSession<64>>();
};
