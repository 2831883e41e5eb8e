//! Loading RSA public keys from DER and PEM: SPKI (`BEGIN PUBLIC KEY`, RFC 5280 §4.1) and
//! PKCS#1 (`BEGIN RSA PUBLIC KEY`, RFC 8017 Appendix A.1.1), on RustCrypto's `der`, `spki`,
//! `pkcs1` and `pem-rfc7468`, which decode into borrowed views without a heap.

use der::Decode;
use pkcs1::RsaPublicKeyRef;
use spki::SubjectPublicKeyInfoRef;

use super::RsaPublicKey;
use crate::error::{Error, KeyError};
use crate::jwt::Algorithm;

/// Room for the DER inside a PEM: an SPKI of a 4096-bit key is about 550 bytes; the margin
/// lets keys up to 8192 bits decode, so that they are refused with their size named.
const PEM_DER_MAX: usize = 1100;

const LABEL_SPKI: &str = "PUBLIC KEY";
const LABEL_PKCS1: &str = "RSA PUBLIC KEY";

impl RsaPublicKey {
    /// Loads a DER `SubjectPublicKeyInfo` whose algorithm is `rsaEncryption`.
    ///
    /// Errors: [`KeyError::Der`] for malformed DER, [`KeyError::NotRsa`] for another key
    /// type, and those of [`RsaPublicKey::from_components`].
    pub fn from_public_key_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| KeyError::Der)?;
        if spki.algorithm.oid != pkcs1::ALGORITHM_OID {
            return Err(KeyError::NotRsa.into());
        }
        // RFC 3279 §2.3.1 says NULL; absent parameters are tolerated, anything else is not.
        if spki.algorithm.parameters.is_some_and(|p| !p.is_null()) {
            return Err(KeyError::Der.into());
        }
        let pkcs1 = spki.subject_public_key.as_bytes().ok_or(KeyError::Der)?;
        Self::from_pkcs1_der(algorithm, pkcs1)
    }

    /// Loads a DER PKCS#1 `RSAPublicKey` (`SEQUENCE { modulus, publicExponent }`).
    ///
    /// Errors: [`KeyError::Der`] for malformed DER (a negative integer included), and those
    /// of [`RsaPublicKey::from_components`].
    pub fn from_pkcs1_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        let key = RsaPublicKeyRef::from_der(der).map_err(|_| KeyError::Der)?;
        Self::from_components(
            algorithm,
            key.modulus.as_bytes(),
            key.public_exponent.as_bytes(),
        )
    }

    /// Loads a PEM `PUBLIC KEY` (SPKI) block.
    ///
    /// Errors: [`KeyError::Pem`] for malformed PEM, [`KeyError::PemLabel`] for another
    /// label, and those of [`RsaPublicKey::from_public_key_der`].
    pub fn from_public_key_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        Self::pem(algorithm, pem, Some(LABEL_SPKI))
    }

    /// Loads a PEM `RSA PUBLIC KEY` (PKCS#1) block.
    ///
    /// Errors: [`KeyError::Pem`] for malformed PEM, [`KeyError::PemLabel`] for another
    /// label, and those of [`RsaPublicKey::from_pkcs1_der`].
    pub fn from_pkcs1_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        Self::pem(algorithm, pem, Some(LABEL_PKCS1))
    }

    /// Loads a PEM block labelled either `PUBLIC KEY` or `RSA PUBLIC KEY`.
    ///
    /// Surrounding white space is ignored, and so is explanatory text before the block (RFC
    /// 7468 §5.2); anything after it is an error.
    pub fn from_pem(algorithm: Algorithm, pem: &[u8]) -> Result<Self, Error> {
        Self::pem(algorithm, pem, None)
    }

    fn pem(algorithm: Algorithm, pem: &[u8], want: Option<&str>) -> Result<Self, Error> {
        let pem = pem.trim_ascii();
        // The label first, so that a private key or certificate is named as such even when
        // it is too large for the buffer.
        let label = pem_rfc7468::decode_label(pem).map_err(|_| KeyError::Pem)?;
        if want.map_or(label != LABEL_SPKI && label != LABEL_PKCS1, |w| w != label) {
            return Err(KeyError::PemLabel.into());
        }
        let mut buf = [0u8; PEM_DER_MAX];
        let (label, der) = pem_rfc7468::decode(pem, &mut buf).map_err(|_| KeyError::Pem)?;
        match label {
            LABEL_SPKI => Self::from_public_key_der(algorithm, der),
            LABEL_PKCS1 => Self::from_pkcs1_der(algorithm, der),
            _ => Err(KeyError::PemLabel.into()),
        }
    }
}
