//! Loading RSA public keys from DER and PEM: SPKI (`BEGIN PUBLIC KEY`, RFC 5280 §4.1) and
//! PKCS#1 (`BEGIN RSA PUBLIC KEY`, RFC 8017 Appendix A.1.1), on RustCrypto's `spki`,
//! `pkcs1` (over `der`) and `pem-rfc7468`, without their `alloc` features.
//!
//! DER is read strictly: definite, minimal lengths, minimal positive INTEGERs, nothing after
//! the end. PEM follows RFC 7468's strict grammar (64-character lines, no headers), with
//! white space around the document and explanatory text before it allowed.

use super::RsaPublicKey;
use crate::error::{Error, KeyError};
use crate::jwt::Algorithm;
use der::Decode;
use pkcs1::RsaPublicKeyRef;
use spki::SubjectPublicKeyInfoRef;

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
        // rsaEncryption's parameters are NULL or absent (RFC 3279 §2.3.1).
        if spki.algorithm.parameters.is_some_and(|p| !p.is_null()) {
            return Err(KeyError::Der.into());
        }
        // A BIT STRING with unused bits is no DER key.
        let key = spki.subject_public_key.as_bytes().ok_or(KeyError::Der)?;
        Self::from_pkcs1_der(algorithm, key)
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
        let spki = label == LABEL_SPKI;
        if want.map_or(!spki && label != LABEL_PKCS1, |w| w != label) {
            return Err(KeyError::PemLabel.into());
        }
        let mut buf = [0u8; PEM_DER_MAX];
        let (_, der) = pem_rfc7468::decode(pem, &mut buf).map_err(|_| KeyError::Pem)?;
        if spki {
            Self::from_public_key_der(algorithm, der)
        } else {
            Self::from_pkcs1_der(algorithm, der)
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::{vec, vec::Vec};

    const RS256: Algorithm = Algorithm::RS256;

    /// The content of the rsaEncryption OID, 1.2.840.113549.1.1.1 (RFC 8017 Appendix A.1).
    const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    const SEQUENCE: u8 = 0x30;
    const BIT_STRING: u8 = 0x03;
    const NULL: u8 = 0x05;
    const OID: u8 = 0x06;

    fn der_err(r: Result<RsaPublicKey, Error>) -> bool {
        r == Err(KeyError::Der.into())
    }

    /// DER is canonical: every malformation, and every non-minimal form, is `KeyError::Der`.
    #[test]
    fn pkcs1_der_is_strict() {
        for (what, der) in [
            ("empty", &[][..]),
            ("tag only", &[0x30]),
            ("short value", &[0x30, 0x03, 0x02, 0x01]),
            ("long form, no length", &[0x30, 0x81]),
            ("long form, half a length", &[0x30, 0x82, 0x01]),
            ("not a SEQUENCE", &[0x31, 0x00]),
            ("multi-byte tag", &[0x3f, 0x10, 0x00]),
            ("indefinite", &[0x30, 0x80, 0x00, 0x00]),
            (
                "0x81 for a short length",
                &[0x30, 0x81, 0x06, 2, 1, 5, 2, 1, 3],
            ),
            (
                "0x82 with a zero byte",
                &[0x30, 0x82, 0x00, 0x06, 2, 1, 5, 2, 1, 3],
            ),
            ("three length bytes", &[0x30, 0x83, 0x00, 0x00, 0x06]),
            ("trailing byte", &[0x30, 0x06, 2, 1, 5, 2, 1, 3, 0]),
            ("trailing inside", &[0x30, 0x07, 2, 1, 5, 2, 1, 3, 0]),
            ("one INTEGER", &[0x30, 0x03, 2, 1, 5]),
            ("OCTET STRING for INTEGER", &[0x30, 0x06, 4, 1, 5, 2, 1, 3]),
            ("empty INTEGER", &[0x30, 0x05, 2, 0, 2, 1, 3]),
            ("negative", &[0x30, 0x06, 2, 1, 0xff, 2, 1, 3]),
            ("negative e", &[0x30, 0x06, 2, 1, 5, 2, 1, 0x83]),
            ("padded", &[0x30, 0x07, 2, 2, 0, 5, 2, 1, 3]),
        ] {
            assert!(der_err(RsaPublicKey::from_pkcs1_der(RS256, der)), "{what}");
        }
        // Well-formed, so refused for what the numbers are: a high bit needs its zero byte.
        assert_eq!(
            RsaPublicKey::from_pkcs1_der(RS256, &[0x30, 0x07, 2, 2, 0, 0x81, 2, 1, 3]),
            Err(KeyError::RsaModulusSize { bits: 8 }.into())
        );
    }

    /// An SPKI around `alg` (the AlgorithmIdentifier's content) and `bits` (the BIT STRING's).
    fn spki_of(alg: &[u8], bits: &[u8]) -> Vec<u8> {
        let mut inner = vec![SEQUENCE, alg.len() as u8];
        inner.extend_from_slice(alg);
        inner.extend_from_slice(&[BIT_STRING, bits.len() as u8]);
        inner.extend_from_slice(bits);
        let mut out = vec![SEQUENCE, inner.len() as u8];
        out.extend(inner);
        out
    }

    #[test]
    fn spki_der_is_strict() {
        let rsa_oid = [&[OID, 9][..], RSA_ENCRYPTION].concat();
        let with_null = [&rsa_oid[..], &[NULL, 0]].concat();
        // A PKCS#1 key of a 3-bit modulus: well-formed, refused for its size.
        let key = [0u8, 0x30, 0x06, 2, 1, 5, 2, 1, 3];
        let too_small = Err(KeyError::RsaModulusSize { bits: 3 }.into());
        let load =
            |alg: &[u8], bits: &[u8]| RsaPublicKey::from_public_key_der(RS256, &spki_of(alg, bits));
        assert_eq!(load(&with_null, &key), too_small);
        assert_eq!(load(&rsa_oid, &key), too_small);
        // id-ecPublicKey (1.2.840.10045.2.1) with a curve OID as parameters.
        let ec = [
            OID, 7, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, OID, 1, 0x2a,
        ];
        assert_eq!(load(&ec, &key), Err(KeyError::NotRsa.into()));
        for (what, alg, bits) in [
            (
                "OCTET STRING parameters",
                [&rsa_oid[..], &[4, 0]].concat(),
                key.to_vec(),
            ),
            (
                "NULL with content",
                [&rsa_oid[..], &[NULL, 1, 0]].concat(),
                key.to_vec(),
            ),
            (
                "two parameters",
                [&with_null[..], &[NULL, 0]].concat(),
                key.to_vec(),
            ),
            ("no OID", vec![NULL, 0], key.to_vec()),
            ("empty OID", vec![OID, 0], key.to_vec()),
            ("unfinished OID", vec![OID, 2, 0x2a, 0x86], key.to_vec()),
            (
                "unused bits",
                with_null.clone(),
                [&[1u8][..], &key[1..]].concat(),
            ),
            ("empty BIT STRING", with_null.clone(), vec![]),
        ] {
            assert!(der_err(load(&alg, &bits)), "{what}");
        }
        // A subidentifier padded with 0x80 (X.690 §8.19.2) is no rsaEncryption either way.
        assert!(load(&[OID, 3, 0x2a, 0x80, 0x01], &key).is_err());
        let mut trailing = spki_of(&with_null, &key);
        trailing[1] += 1;
        trailing.push(0);
        assert!(der_err(RsaPublicKey::from_public_key_der(RS256, &trailing)));
    }
}
