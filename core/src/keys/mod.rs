//! Verification keys, each pinned to one algorithm when it is made: [`HmacKey`] (HS256/384/512)
//! and [`RsaPublicKey`] (RS256/384/512, and PS256/384/512 with the feature `pss`) in every
//! build; `EcPublicKey` (ES256, ES384; features `es256`, `es384`) and `Ed25519PublicKey`
//! (EdDSA; feature `eddsa`). [`AnyKey`] holds any one of them, and [`KeySet`] a fixed
//! number, loaded from a JWKS, from which a token's key is chosen by its `kid`.
//!
//! A key knows its algorithm, and a token is only checked with a key whose algorithm its
//! header names, so an RS256 public key can never be (mis)used as an HMAC secret.

mod any;
#[cfg(any(feature = "es256", feature = "es384"))]
mod ec;
#[cfg(feature = "es256")]
mod ec_private_der;
#[cfg(feature = "es256")]
mod ec_sign;
#[cfg(feature = "eddsa")]
mod ed25519;
mod hmac;
pub mod rsa;
#[cfg(feature = "rsa-sign")]
mod rsa_sign;
mod set;
#[cfg(any(target_arch = "arm", test))]
mod sha256_arm;
pub(crate) mod signing;

// SHA-256 as HMAC and RSA use it: on 32-bit Arm our own block function under `sha2`'s API
// (the module says why), elsewhere `sha2`'s, which uses SHA instructions where there are some.
#[cfg(target_arch = "arm")]
use self::sha256_arm::Sha256;
#[cfg(not(target_arch = "arm"))]
use sha2::Sha256;

pub use self::any::{AnyKey, MAX_OCT_SECRET_LEN};
#[cfg(any(feature = "es256", feature = "es384"))]
pub use self::ec::EcPublicKey;
#[cfg(feature = "es256")]
pub use self::ec_sign::EcSigningKey;
#[cfg(feature = "eddsa")]
pub use self::ed25519::Ed25519PublicKey;
pub use self::hmac::HmacKey;
pub use self::rsa::RsaPublicKey;
#[cfg(feature = "rsa-sign")]
pub use self::rsa_sign::RsaSigningKey;
pub use self::set::{KeySet, MAX_KEY_SET_KID_LEN};
pub use self::signing::{MAX_KID_LEN, SigningKey, sign_jws};

use crate::base64url;

use crate::algorithm::Algorithm;
use crate::error::{Error, Part};

/// A key that verifies the signatures of one algorithm.
pub trait VerifyingKey {
    /// The one algorithm this key verifies.
    fn algorithm(&self) -> Algorithm;

    /// Checks `signature_b64` (the token's third segment, still base64url) over
    /// `signing_input` (`header.payload`, as it stands in the token).
    ///
    /// Gives [`Error::Base64`] for a malformed segment and [`Error::InvalidSignature`] for
    /// any signature that does not verify, wrong length included.
    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error>;

    /// The length in bytes of an HMAC secret, for the policy's minimum; `None` for other keys.
    fn hmac_secret_len(&self) -> Option<usize> {
        None
    }
}

impl<K: VerifyingKey + ?Sized> VerifyingKey for &K {
    fn algorithm(&self) -> Algorithm {
        (**self).algorithm()
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        (**self).verify_signature(signing_input, signature_b64)
    }

    fn hmac_secret_len(&self) -> Option<usize> {
        (**self).hmac_secret_len()
    }
}

/// The refusal of a signature segment whose length is not the key's signature length, as
/// [`VerifyingKey::verify_signature`] promises it: [`Error::Base64`] when the segment is
/// not base64url at all, else [`Error::InvalidSignature`]. The segment is a token's, public:
/// telling the two apart reveals nothing of the key. Out of line: only a refused token runs
/// it, and a verification's stack is budgeted.
#[inline(never)]
pub(crate) fn wrong_length(signature_b64: &[u8]) -> Error {
    match base64url::decode_public_chunks(signature_b64, |_| ()) {
        Ok(()) => Error::InvalidSignature,
        Err(_) => Error::Base64(Part::Signature),
    }
}

/// A signature segment that must decode to exactly `len` bytes (at most `N`), decoded into
/// the front of an array; the refusals are [`VerifyingKey::verify_signature`]'s.
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub(crate) fn fixed_signature<const N: usize>(
    signature_b64: &[u8],
    len: usize,
) -> Result<[u8; N], Error> {
    if base64url::decoded_len(signature_b64.len()) != Some(len) {
        return Err(wrong_length(signature_b64));
    }
    let mut sig = [0u8; N];
    let got = base64url::decode_public(signature_b64, &mut sig)
        .map_err(|_| Error::Base64(Part::Signature))?;
    if got.len() != len {
        return Err(Error::InvalidSignature);
    }
    Ok(sig)
}
