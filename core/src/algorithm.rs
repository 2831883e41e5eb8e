//! The signature algorithms: the one type every floor above names.

use core::fmt;

/// A signature algorithm. `none` is deliberately not one of them.
///
/// Every algorithm is a variant whatever features are on; verifying one needs a key of its
/// family, which the crate's features provide (ES256: `es256`, ES384: `es384`,
/// PS256/384/512: `pss`, EdDSA: `eddsa`). A token header naming an algorithm whose feature
/// is off is refused as [`Error::UnsupportedAlgorithm`](crate::Error::UnsupportedAlgorithm).
///
/// One byte in memory, `0` to `11` in the order below (see [`Discriminant`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[repr(u8)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256 = 0,
    /// HMAC with SHA-384.
    HS384 = 1,
    /// HMAC with SHA-512.
    HS512 = 2,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256 = 3,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384 = 4,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512 = 5,
    /// ECDSA on P-256 with SHA-256.
    ES256 = 6,
    /// ECDSA on P-384 with SHA-384.
    ES384 = 7,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, a 32-byte salt.
    PS256 = 8,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, a 48-byte salt.
    PS384 = 9,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, a 64-byte salt.
    PS512 = 10,
    /// EdDSA with Ed25519 (RFC 8037).
    EdDSA = 11,
}

/// A byte of a type's memory that holds an enum's discriminant (or a `bool`): where it lies
/// and which values it may take. For code that keeps values of the type in memory it does
/// not own and must check those bytes, as plain integers, before reading them as the type
/// (the C ABI's caller storage): a discriminant that is none of its enum's makes the read
/// undefined behaviour, so a check on the typed value would come too late.
#[derive(Debug, Clone, Copy)]
pub struct Discriminant {
    /// Bytes from the start of the value.
    pub offset: usize,
    /// Whether a byte there is a value the field may hold.
    pub valid: fn(u8) -> bool,
}

impl Algorithm {
    /// The algorithms this build verifies: HS and RS always, the others with their
    /// features. A token header naming any other is refused as
    /// [`Error::UnsupportedAlgorithm`](crate::Error::UnsupportedAlgorithm); a build with the
    /// feature refuses it with a key of another family as
    /// [`Error::AlgorithmMismatch`](crate::Error::AlgorithmMismatch).
    pub const SUPPORTED: &'static [Algorithm] = &[
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        #[cfg(feature = "es256")]
        Algorithm::ES256,
        #[cfg(feature = "es384")]
        Algorithm::ES384,
        #[cfg(feature = "pss")]
        Algorithm::PS256,
        #[cfg(feature = "pss")]
        Algorithm::PS384,
        #[cfg(feature = "pss")]
        Algorithm::PS512,
        #[cfg(feature = "eddsa")]
        Algorithm::EdDSA,
    ];

    /// Every algorithm, whether or not this build's features verify it
    /// ([`Algorithm::SUPPORTED`]).
    pub const ALL: [Algorithm; 12] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::EdDSA,
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
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::EdDSA => "EdDSA",
        }
    }

    /// The algorithm with JWA name `name` (case-sensitive, as RFC 7515 says), or `None` for
    /// any other name, `none` included (a token's header is read by
    /// [`Header::parse`](crate::jwt::Header::parse), which tells `none` apart).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether this is an HMAC algorithm (HS256/384/512).
    pub const fn is_hmac(self) -> bool {
        matches!(self, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512)
    }

    /// Whether this is an RSASSA-PKCS1-v1_5 algorithm (RS256/384/512).
    pub const fn is_rsa_pkcs1(self) -> bool {
        matches!(self, Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512)
    }

    /// Whether this is an RSASSA-PSS algorithm (PS256/384/512).
    pub const fn is_rsa_pss(self) -> bool {
        matches!(self, Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512)
    }

    /// The length of an HMAC tag for HS algorithms (32, 48, 64); 0 for the others, whose
    /// keys give their signature length (an RSA key's modulus length, 64 or 96 bytes for
    /// ES256 or ES384, 64 for Ed25519).
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
