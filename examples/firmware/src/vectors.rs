//! The tokens and keys the firmware checks, shared with the host suites (tests/vectors): made
//! by other implementations (Python's `hmac` and `cryptography`), not by authcore.

/// HS256, 400 bytes: header `{"alg":"HS256","typ":"JWT","kid":"dev-1"}`, `iss`
/// `https://auth.example`, `sub` `device-42`, `aud` `["api","telemetry"]`, `exp` 2000000000,
/// `nbf` and `iat` 1700000000, `usefor` `access`.
pub const HS256_TOKEN: &str =
    include_str!("../../../tests/vectors/hs256-device.jwt").trim_ascii_end();
/// HS256, 304 bytes, the same secret, `aud` `telemetry`: the ~300-byte token of the
/// instruction-count figure.
pub const HS256_300_TOKEN: &str =
    include_str!("../../../tests/vectors/hs256-300.jwt").trim_ascii_end();
/// The secret both HS256 tokens were made with.
pub const HS256_SECRET: &[u8] = b"no-heap-proof secret, 32+ bytes long!";
/// Decoded header (41 bytes) plus decoded payload (225 bytes): the verify buffer it needs.
pub const HS256_NEEDED: usize = 41 + 225;
/// A time inside the HS256 token's validity.
pub const HS256_NOW: i64 = 1_800_000_000;

/// RS256 tokens (`iss` `https://idp.example.com/`, `aud` `telemetry`, `sub` `device-42`,
/// valid from 1699999990 to 1700000900) and their public keys.
#[cfg(feature = "rsa")]
pub const RS256_2048_TOKEN: &str =
    include_str!("../../../tests/vectors/rs256-2048.jwt").trim_ascii_end();
#[cfg(feature = "rsa")]
pub const RS256_4096_TOKEN: &str =
    include_str!("../../../tests/vectors/rs256-4096.jwt").trim_ascii_end();
#[cfg(feature = "rsa")]
pub const RSA2048_PEM: &[u8] = include_bytes!("../../../core/tests/vectors/rsa2048-public.pem");
/// Both RSA public keys (`kid` `rsa2048-2026`, `rsa4096-2026`) and an EC key.
#[cfg(feature = "rsa")]
pub const JWKS: &[u8] = include_bytes!("../../../tests/vectors/jwks.json");
#[cfg(feature = "rsa")]
pub const RS256_NOW: i64 = 1_700_000_000;

/// ES256 and EdDSA tokens made by Python's `cryptography` with the same claims as the RS256
/// ones (`kid` `es256-2026` / `ed25519-2026`), and their public keys (SPKI PEM).
#[cfg(feature = "jws")]
pub const ES256_TOKEN: &str = include_str!("../../../tests/vectors/es256.jwt").trim_ascii_end();
#[cfg(feature = "jws")]
pub const EDDSA_TOKEN: &str = include_str!("../../../tests/vectors/eddsa.jwt").trim_ascii_end();
#[cfg(feature = "jws")]
pub const ES256_PEM: &[u8] = include_bytes!("../../../core/tests/vectors/es256-public.pem");
#[cfg(feature = "jws")]
pub const ED25519_PEM: &[u8] = include_bytes!("../../../core/tests/vectors/ed25519-public.pem");
/// A time inside the ES256 and EdDSA tokens' validity.
#[cfg(feature = "jws")]
pub const JWS_NOW: i64 = 1_700_000_000;
