//! The operations whose stack and instruction counts are measured: one verification each,
//! with the key already loaded and the inputs hidden from the optimizer.

use core::hint::black_box;

use authcore::{Algorithm, Error, HmacKey, Validation, verify};

use crate::vectors::*;

/// The HS256 policy: issuer, audience, subject, a custom claim, required claims.
pub const HS256_POLICY: Validation<'static> = Validation::new(Algorithm::HS256)
    .issuer(&["https://auth.example"])
    .audience(&["telemetry"])
    .subject("device-42")
    .claim_equals(&[("usefor", "access")])
    .require(&["exp", "iat", "jti"])
    .validate_iat(true)
    .min_hmac_secret_len(32);

/// HS256 verify and validate of `token` (`HS256_TOKEN` or `HS256_300_TOKEN`).
#[inline(never)]
pub fn hs256_verify(key: &HmacKey, token: &str, buf: &mut [u8]) -> Result<(), Error> {
    verify(
        black_box(token),
        key,
        &HS256_POLICY,
        black_box(HS256_NOW),
        buf,
    )
    .map(|_| ())
}

#[cfg(feature = "rsa")]
pub use rsa::*;

#[cfg(feature = "rsa")]
mod rsa {
    use super::*;
    use authcore::keys::RsaPublicKey;

    /// The RS256 policy.
    pub const RS256_POLICY: Validation<'static> = Validation::new(Algorithm::RS256)
        .issuer(&["https://idp.example.com/"])
        .audience(&["telemetry"])
        .subject("device-42");

    /// RS256 verify and validate of `token` under `key`.
    #[inline(never)]
    pub fn rs256_verify(key: &RsaPublicKey, token: &str, buf: &mut [u8]) -> Result<(), Error> {
        verify(
            black_box(token),
            key,
            &RS256_POLICY,
            black_box(RS256_NOW),
            buf,
        )
        .map(|_| ())
    }

    /// The 2048-bit key, from PEM.
    pub fn rsa2048() -> Result<RsaPublicKey, Error> {
        RsaPublicKey::from_pem(Algorithm::RS256, black_box(RSA2048_PEM))
    }

    /// The 4096-bit key, from the JWKS by `kid`.
    pub fn rsa4096() -> Result<RsaPublicKey, Error> {
        RsaPublicKey::from_jwks(Algorithm::RS256, black_box(JWKS), "rsa4096-2026")
    }
}
