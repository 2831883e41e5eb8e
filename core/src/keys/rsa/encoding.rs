//! Loading RSA public keys from DER and PEM: SPKI (`BEGIN PUBLIC KEY`, RFC 5280 §4.1) and
//! PKCS#1 (`BEGIN RSA PUBLIC KEY`, RFC 8017 Appendix A.1.1), through the strict readers of
//! [`super::der_pem`].

use super::RsaPublicKey;
use super::der_pem::{
    LABEL_PKCS1, LABEL_SPKI, PEM_DER_MAX, modulus_bits_of_prefix, pem_decode, pem_parts, pkcs1,
    spki,
};
use crate::algorithm::Algorithm;
use crate::error::{Error, KeyError};

impl RsaPublicKey {
    /// Loads a DER `SubjectPublicKeyInfo` whose algorithm is `rsaEncryption`.
    ///
    /// Errors: [`KeyError::Der`] for malformed DER, [`KeyError::NotRsa`] for another key
    /// type, and those of [`RsaPublicKey::from_components`].
    pub fn from_public_key_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        let (is_rsa, key) = spki(der)?;
        if !is_rsa {
            return Err(KeyError::NotRsa.into());
        }
        Self::from_pkcs1_der(algorithm, key)
    }

    /// Loads a DER PKCS#1 `RSAPublicKey` (`SEQUENCE { modulus, publicExponent }`).
    ///
    /// Errors: [`KeyError::Der`] for malformed DER (a negative integer included), and those
    /// of [`RsaPublicKey::from_components`].
    pub fn from_pkcs1_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        let (n, e) = pkcs1(der)?;
        Self::from_components(algorithm, n, e)
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

    fn pem(algorithm: Algorithm, pem: &[u8], want: Option<&[u8]>) -> Result<Self, Error> {
        let (label, body) = pem_parts(pem).ok_or(KeyError::Pem)?;
        // The label first, so that a private key or certificate is named as such even when
        // it is too large for the buffer.
        let spki = label == LABEL_SPKI;
        if want.map_or(!spki && label != LABEL_PKCS1, |w| w != label) {
            return Err(KeyError::PemLabel.into());
        }
        let mut buf = [0u8; PEM_DER_MAX];
        let (len, fits) = pem_decode(body, &mut buf).ok_or(KeyError::Pem)?;
        if !fits {
            // Larger than any key of 4096 bits: a well-formed key has too large a modulus.
            let bits = modulus_bits_of_prefix(&buf, len, spki).ok_or(KeyError::Der)?;
            return Err(KeyError::RsaModulusSize { bits }.into());
        }
        let der = buf.get(..len).ok_or(KeyError::Pem)?;
        if spki {
            Self::from_public_key_der(algorithm, der)
        } else {
            Self::from_pkcs1_der(algorithm, der)
        }
    }
}
