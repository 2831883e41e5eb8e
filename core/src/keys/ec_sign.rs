//! ES256 signing keys (ECDSA on P-256 with SHA-256, RFC 7518 §3.4), on RustCrypto's `p256`:
//! the nonce is derived from the key and the message as RFC 6979 describes (no random
//! source needed, and none to get wrong), the arithmetic is `p256`'s constant-time field
//! and scalar code, and the secret scalar is zeroized when the key is dropped.

use core::fmt;

use p256::ecdsa::signature::hazmat::PrehashSigner as _;
use sha2::Digest as _;
use zeroize::{Zeroize as _, Zeroizing};

use crate::algorithm::Algorithm;
use crate::error::{Error, KeyError};
use crate::keys::ec::{ID_EC_PUBLIC_KEY, SECP256R1};
use crate::keys::ec_private_der::{self, EcPrivateParts};
use crate::keys::rsa::der_pem::{self, OID_TAG};
use crate::keys::signing::{SigningKey, sign_jws};
use crate::keys::{EcPublicKey, Sha256};

/// The PEM label of a PKCS#8 private key (RFC 7468 §10).
const LABEL_PKCS8: &[u8] = b"PRIVATE KEY";
/// The PEM label of a SEC 1 `ECPrivateKey` (RFC 7468 §13 leaves it to SEC 1 / OpenSSL).
const LABEL_SEC1: &[u8] = b"EC PRIVATE KEY";
/// Room for the DER of an EC private key's PEM: a P-256 key in PKCS#8 with its public point
/// is under 150 bytes; a longer body is another kind of key, named from its first bytes.
const PRIVATE_DER_MAX: usize = 256;
/// The length of a P-256 scalar and of each half of a signature.
const SCALAR_LEN: usize = 32;

/// An ECDSA private key pinned to ES256 (P-256, SHA-256), for writing tokens.
///
/// Loads from PEM (`PRIVATE KEY`, PKCS#8, or `EC PRIVATE KEY`, SEC 1: what OpenSSL, PyJWT
/// and `jsonwebtoken` read), DER of either, or the raw 32-byte scalar. The scalar must lie
/// in 1..n, and a public point stored with it must be the scalar's. Signatures are `r || s`
/// (64 bytes, RFC 7518 §3.4), deterministic (RFC 6979): the same key and claims give the
/// same token. s is not normalized to the lower half (JWS does not ask for it, and
/// verifiers, this crate's among them, accept both). Nothing is allocated; the scalar
/// and every buffer that held it are zeroized; `Debug` shows the algorithm only.
///
/// ```
/// use authcore::{Algorithm, EcSigningKey, Validation, verify};
///
/// let pem = "-----BEGIN PRIVATE KEY-----
/// MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHtrrF0sdWiAxXdpn
/// BQd2Jf8RhZ1wXyzhlATbeYcoXIOhRANCAAQk0Jb+UlnpLWX4bq0LBntcVzdwRxMZ
/// 2YZcvhDKnsrkvqkMdcZfhZTvi/7he1olgtSzW4lc1RmAYpmMLF4HaTFC
/// -----END PRIVATE KEY-----";
/// let key = EcSigningKey::from_pem(Algorithm::ES256, pem.as_bytes()).unwrap();
/// let mut out = [0u8; 256];
/// let token = key.sign(br#"{"sub":"device-42","exp":1700000600}"#, Some("k1"), &mut out).unwrap();
///
/// let mut buf = [0u8; 256];
/// let policy = Validation::new(Algorithm::ES256);
/// assert!(verify(token, &key.public_key(), &policy, 1_700_000_000, &mut buf).is_ok());
/// ```
#[derive(Clone)]
pub struct EcSigningKey {
    key: p256::ecdsa::SigningKey,
}

/// Compiles only while `p256`'s signing key wipes its scalar when dropped.
const _: fn() = || {
    fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    zeroized_on_drop::<p256::ecdsa::SigningKey>();
};

impl EcSigningKey {
    /// Makes a key for `algorithm` (ES256) from its secret scalar, big-endian, exactly 32
    /// bytes.
    ///
    /// Errors: [`KeyError::WrongAlgorithm`] for another algorithm,
    /// [`KeyError::PrivateKey`] for another length or a scalar of zero or not below the
    /// group order.
    pub fn from_scalar(algorithm: Algorithm, scalar: &[u8]) -> Result<Self, Error> {
        if algorithm != Algorithm::ES256 {
            return Err(KeyError::WrongAlgorithm.into());
        }
        let mut bytes = p256::FieldBytes::default();
        if scalar.len() != SCALAR_LEN {
            return Err(KeyError::PrivateKey.into());
        }
        bytes.copy_from_slice(scalar);
        let key = p256::ecdsa::SigningKey::from_bytes(&bytes);
        bytes.zeroize();
        Ok(EcSigningKey {
            key: key.map_err(|_| KeyError::PrivateKey)?,
        })
    }

    /// Loads a DER SEC 1 `ECPrivateKey` (RFC 5915). Its parameters, if present, must name
    /// P-256; its public point, if present, must be the scalar's.
    ///
    /// Errors: [`KeyError::Der`] for malformed DER, [`KeyError::Curve`] for another curve,
    /// and those of [`EcSigningKey::from_scalar`] ([`KeyError::PrivateKey`] for a public
    /// point that is not the key's).
    pub fn from_sec1_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        Self::from_parts(algorithm, ec_private_der::sec1(der)?, None)
    }

    /// Loads a DER PKCS#8 private key (RFC 5208, or RFC 5958's version 2) whose algorithm
    /// is `id-ecPublicKey` with P-256 named as its parameters, around a SEC 1 key (as
    /// [`EcSigningKey::from_sec1_der`]; parameters there, if any, must name P-256 too).
    ///
    /// Errors: [`KeyError::NotEc`] for another key type, [`KeyError::Curve`] for another
    /// curve, and those of [`EcSigningKey::from_sec1_der`].
    pub fn from_pkcs8_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        let pkcs8 = ec_private_der::pkcs8(der)?;
        if pkcs8.algorithm != ID_EC_PUBLIC_KEY {
            return Err(KeyError::NotEc.into());
        }
        if pkcs8.parameters != Some((OID_TAG, SECP256R1)) {
            return Err(KeyError::Curve.into());
        }
        let inner = ec_private_der::sec1(pkcs8.private_key)?;
        Self::from_parts(algorithm, inner, Some(SECP256R1))
    }

    /// Loads a PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` (SEC 1) block, read as the
    /// public keys' PEM is (surrounding white space and text before the block ignored); as
    /// [`EcSigningKey::from_pkcs8_der`] or [`EcSigningKey::from_sec1_der`] after.
    ///
    /// Errors: [`KeyError::Pem`] for malformed PEM, [`KeyError::PemLabel`] for another
    /// label (a `PUBLIC KEY` or `RSA PRIVATE KEY` included), [`KeyError::NotEc`] for a
    /// PKCS#8 key of another type, and those of the DER loaders.
    pub fn from_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        let (label, body) = der_pem::pem_parts(pem).ok_or(KeyError::Pem)?;
        if label != LABEL_PKCS8 && label != LABEL_SEC1 {
            return Err(KeyError::PemLabel.into());
        }
        let mut buf = Zeroizing::new([0u8; PRIVATE_DER_MAX]);
        let (len, fits) = der_pem::pem_decode(body, &mut buf[..]).ok_or(KeyError::Pem)?;
        if !fits {
            // Too long for a P-256 key: an RSA key, most likely, named as such if its
            // front says so.
            let is_other = label == LABEL_PKCS8
                && ec_private_der::pkcs8_algorithm_of_prefix(&buf[..])
                    .is_some_and(|oid| oid != ID_EC_PUBLIC_KEY);
            return Err(if is_other {
                KeyError::NotEc
            } else {
                KeyError::Der
            }
            .into());
        }
        let der = buf.get(..len).ok_or(KeyError::Pem)?;
        if label == LABEL_PKCS8 {
            Self::from_pkcs8_der(algorithm, der)
        } else {
            Self::from_sec1_der(algorithm, der)
        }
    }

    /// The key from a SEC 1 key's pieces; `outer_curve` is the curve a PKCS#8 wrapper named.
    fn from_parts(
        algorithm: Algorithm,
        parts: EcPrivateParts<'_>,
        outer_curve: Option<&[u8]>,
    ) -> Result<Self, Error> {
        if parts.curve.is_some_and(|c| c != SECP256R1)
            || (parts.curve.is_none() && outer_curve.is_none())
        {
            // A bare SEC 1 key without parameters names no curve: refused, as a key whose
            // curve is not known cannot be pinned to ES256.
            return Err(KeyError::Curve.into());
        }
        let key = Self::from_scalar(algorithm, parts.scalar)?;
        if let Some(public) = parts.public {
            let compressed = public.first().is_some_and(|&b| b != 0x04);
            let own = key.key.verifying_key().to_encoded_point(compressed);
            if own.as_bytes() != public {
                return Err(KeyError::PrivateKey.into());
            }
        }
        Ok(key)
    }

    /// The algorithm this key signs with, ES256.
    pub fn algorithm(&self) -> Algorithm {
        Algorithm::ES256
    }

    /// The public key that verifies this key's signatures.
    pub fn public_key(&self) -> EcPublicKey {
        EcPublicKey::from_p256(*self.key.verifying_key())
    }

    /// Signs a claims set: writes the compact JWS `header.payload.signature` into `out` and
    /// returns it, with the rules of [`sign_jws`] (`claims_json` must be a JSON object; a
    /// too-small `out` gives [`Error::BufferTooSmall`] with the exact size needed, before
    /// anything is signed or written).
    pub fn sign<'o>(
        &self,
        claims_json: &[u8],
        kid: Option<&str>,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        sign_jws(self, claims_json, kid, out)
    }

    /// The raw ES256 signature `r || s` over `message` (SHA-256, then ECDSA with an RFC
    /// 6979 nonce).
    pub fn sign_message(&self, message: &[u8]) -> Result<[u8; 2 * SCALAR_LEN], Error> {
        let digest = Sha256::digest(message);
        let sig: p256::ecdsa::Signature = self
            .key
            .sign_prehash(&digest)
            .map_err(|_| KeyError::PrivateKey)?;
        let mut out = [0u8; 2 * SCALAR_LEN];
        out.copy_from_slice(&sig.to_bytes());
        Ok(out)
    }
}

impl SigningKey for EcSigningKey {
    type Signature = [u8; 2 * SCALAR_LEN];

    fn algorithm(&self) -> Algorithm {
        Algorithm::ES256
    }

    fn signature_len(&self) -> usize {
        2 * SCALAR_LEN
    }

    fn sign_input(&self, signing_input: &[u8]) -> Result<Self::Signature, Error> {
        self.sign_message(signing_input)
    }
}

/// `p256`'s signing key zeroizes its scalar on drop (asserted at compile time above).
impl zeroize::ZeroizeOnDrop for EcSigningKey {}

impl fmt::Debug for EcSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcSigningKey")
            .field("algorithm", &Algorithm::ES256)
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for EcSigningKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "EcSigningKey {{ algorithm: {}, secret: <redacted> }}",
            Algorithm::ES256
        )
    }
}
