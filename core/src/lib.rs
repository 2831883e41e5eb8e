//! # authcore
//!
//! Allocation-free JWT verification, claim validation and token-lifecycle helpers for
//! firmware, C programs and Python scripts that authenticate against token-based HTTP APIs.
//!
//! Everything here is `#![no_std]` without `alloc`: inputs are borrowed, outputs go into
//! buffers the caller provides, and time is always a parameter.
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
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

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
pub mod clock;
pub mod lifetime;
pub mod response;
pub mod session;
mod write;

/// The fixed-capacity string type of by-value outputs ([`authz::HeaderValue`]).
pub use heapless;

pub use algorithm::{Algorithm, Discriminant};
pub use authz::{Authorization, HeaderStyle};
pub use claim::Claim;
pub use claims::{Audience, Claims};
pub use clock::{Clock, ManualClock, TimeBase};
pub use error::{Error, JsonError, KeyError, Part};
pub use json::JsonStr;
pub use jwt::{
    Header, RawToken, VerifiedToken, decode_unverified, peek_header, verify, verify_with,
};
pub use keys::{HmacKey, RsaPublicKey, VerifyingKey};
pub use lifecycle_error::{DateTimeError, LifecycleError};
pub use lifetime::{Expiry, RefreshPolicy, Status, Tracker};
pub use response::{ResponseFormat, TokenResponse};
pub use session::{ApiProfile, AuthSession, Credentials, Next};
pub use validation::Validation;
