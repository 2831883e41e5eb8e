//! The operations whose stack and instruction counts are measured: one verification each,
//! with the key already loaded and the inputs hidden from the optimizer. With the `stub`
//! feature the same functions take the same inputs and link no authcore code: the flash
//! difference between the two builds is what verification costs, wherever LTO put it.

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

/// The HS256 key of the examples (the `count` program's; the checks make theirs).
#[cfg(feature = "count")]
pub fn hs256_key() -> Result<HmacKey, Error> {
    HmacKey::hs256(black_box(HS256_SECRET))
}

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

#[cfg(feature = "jws")]
pub use jws::*;

#[cfg(feature = "jws")]
mod jws {
    use super::*;
    use authcore::keys::{EcPublicKey, Ed25519PublicKey};

    /// The ES256 and EdDSA policy (the RS256 one's checks, another algorithm).
    pub const fn jws_policy(algorithm: Algorithm) -> Validation<'static> {
        Validation::new(algorithm)
            .issuer(&["https://idp.example.com/"])
            .audience(&["telemetry"])
            .subject("device-42")
    }
    /// The ES256 policy.
    pub const ES256_POLICY: Validation<'static> = jws_policy(Algorithm::ES256);
    /// The EdDSA policy.
    pub const EDDSA_POLICY: Validation<'static> = jws_policy(Algorithm::EdDSA);

    /// ES256 verify and validate of `token` under `key`.
    #[inline(never)]
    pub fn es256_verify(key: &EcPublicKey, token: &str, buf: &mut [u8]) -> Result<(), Error> {
        verify(
            black_box(token),
            key,
            &ES256_POLICY,
            black_box(JWS_NOW),
            buf,
        )
        .map(|_| ())
    }

    /// EdDSA verify and validate of `token` under `key`.
    #[inline(never)]
    pub fn eddsa_verify(key: &Ed25519PublicKey, token: &str, buf: &mut [u8]) -> Result<(), Error> {
        verify(
            black_box(token),
            key,
            &EDDSA_POLICY,
            black_box(JWS_NOW),
            buf,
        )
        .map(|_| ())
    }

    /// The P-256 key, from SPKI PEM.
    pub fn es256_key() -> Result<EcPublicKey, Error> {
        EcPublicKey::from_public_key_pem(Algorithm::ES256, black_box(ES256_PEM))
    }

    /// The Ed25519 key, from SPKI PEM.
    pub fn ed25519_key() -> Result<Ed25519PublicKey, Error> {
        Ed25519PublicKey::from_public_key_pem(black_box(ED25519_PEM))
    }
}

/// Stand-ins for the operations above: the same inputs, read so that they stay linked, and
/// an answer the optimizer cannot know, without authcore.
#[cfg(feature = "stub")]
pub mod stub {
    use core::hint::black_box;

    use crate::vectors::*;

    /// Stands in for a key.
    pub struct Key(usize);

    /// Stands in for [`super::hs256_key`].
    pub fn hs256_key() -> Result<Key, ()> {
        Ok(Key(black_box(HS256_SECRET).len()))
    }

    /// Stands in for [`super::hs256_verify`].
    #[inline(never)]
    pub fn hs256_verify(key: &Key, token: &str, buf: &mut [u8]) -> Result<(), ()> {
        let policy = black_box(&super::HS256_POLICY);
        verdict(key, token, buf, policy as *const _ as usize, HS256_NOW)
    }

    /// Stands in for [`super::rs256_verify`].
    #[cfg(feature = "rsa")]
    #[inline(never)]
    pub fn rs256_verify(key: &Key, token: &str, buf: &mut [u8]) -> Result<(), ()> {
        let policy = black_box(&super::RS256_POLICY);
        verdict(key, token, buf, policy as *const _ as usize, RS256_NOW)
    }

    /// Stands in for [`super::rsa2048`].
    #[cfg(feature = "rsa")]
    pub fn rsa2048() -> Result<Key, ()> {
        Ok(Key(black_box(RSA2048_PEM).len()))
    }

    /// Stands in for [`super::rsa4096`].
    #[cfg(feature = "rsa")]
    pub fn rsa4096() -> Result<Key, ()> {
        Ok(Key(black_box(JWKS).len() + black_box("rsa4096-2026").len()))
    }

    /// Stands in for [`super::es256_verify`].
    #[cfg(feature = "jws")]
    #[inline(never)]
    pub fn es256_verify(key: &Key, token: &str, buf: &mut [u8]) -> Result<(), ()> {
        let policy = black_box(&super::ES256_POLICY);
        verdict(key, token, buf, policy as *const _ as usize, JWS_NOW)
    }

    /// Stands in for [`super::eddsa_verify`].
    #[cfg(feature = "jws")]
    #[inline(never)]
    pub fn eddsa_verify(key: &Key, token: &str, buf: &mut [u8]) -> Result<(), ()> {
        let policy = black_box(&super::EDDSA_POLICY);
        verdict(key, token, buf, policy as *const _ as usize, JWS_NOW)
    }

    /// Stands in for [`super::es256_key`].
    #[cfg(feature = "jws")]
    pub fn es256_key() -> Result<Key, ()> {
        Ok(Key(black_box(ES256_PEM).len()))
    }

    /// Stands in for [`super::ed25519_key`].
    #[cfg(feature = "jws")]
    pub fn ed25519_key() -> Result<Key, ()> {
        Ok(Key(black_box(ED25519_PEM).len()))
    }

    fn verdict(key: &Key, token: &str, buf: &mut [u8], policy: usize, now: i64) -> Result<(), ()> {
        black_box((
            key.0,
            black_box(token),
            black_box(buf),
            policy,
            black_box(now),
        ));
        if black_box(true) { Ok(()) } else { Err(()) }
    }
}
