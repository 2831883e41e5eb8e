//! RS256, RS384 and RS512 signing keys (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) for hosts, on
//! the `rsa` crate, which needs a heap: behind the feature `rsa-sign`, the only one that
//! makes the core use `alloc`. Verification never needs it (keys/rsa does its own
//! arithmetic).
//!
//! PKCS#1 v1.5 signatures are deterministic, so a token is the same whoever signs it. The
//! private-key operation is blinded with fresh randomness from the operating system
//! (`getrandom`): `rsa` 0.9's arithmetic is not constant-time (RUSTSEC-2023-0071, no fixed
//! release yet), and blinding is its defence for signing. Blinding changes the computation,
//! not the signature.

use alloc::vec::Vec;
use core::fmt;

use rsa::pkcs1::DecodeRsaPrivateKey as _;
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::traits::PublicKeyParts as _;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};

use crate::algorithm::Algorithm;
use crate::error::{Error, KeyError};
use crate::keys::signing::{SigningKey, sign_jws};

/// The RSA modulus sizes signing accepts, as verification does.
const MIN_BITS: usize = 2048;
const MAX_BITS: usize = 4096;

/// An RSA private key pinned to RS256, RS384 or RS512, for writing tokens (feature
/// `rsa-sign`, which needs `alloc`).
///
/// Loads from PEM or DER, PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`); the
/// modulus must have 2048 to 4096 bits. The `rsa` crate zeroizes the private key when it
/// is dropped; `Debug` shows the algorithm and size only.
#[derive(Clone)]
pub struct RsaSigningKey {
    key: RsaPrivateKey,
    algorithm: Algorithm,
}

impl RsaSigningKey {
    /// Loads a PEM `PRIVATE KEY` (PKCS#8) block.
    ///
    /// Errors: [`KeyError::WrongAlgorithm`] for an algorithm that is not RS256, RS384 or
    /// RS512; [`KeyError::PemLabel`] for another label; [`KeyError::NotRsa`] for a key of
    /// another type; [`KeyError::Pem`] or [`KeyError::Der`] for malformed input;
    /// [`KeyError::RsaModulusSize`]; [`KeyError::PrivateKey`] for a key `rsa` finds
    /// inconsistent.
    pub fn from_pkcs8_pem(algorithm: Algorithm, pem: &str) -> Result<Self, Error> {
        check_algorithm(algorithm)?;
        let key = RsaPrivateKey::from_pkcs8_pem(pem).map_err(pkcs8_error)?;
        Self::new(algorithm, key)
    }

    /// Loads a DER PKCS#8 private key; errors as [`RsaSigningKey::from_pkcs8_pem`].
    pub fn from_pkcs8_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        check_algorithm(algorithm)?;
        let key = RsaPrivateKey::from_pkcs8_der(der).map_err(pkcs8_error)?;
        Self::new(algorithm, key)
    }

    /// Loads a PEM `RSA PRIVATE KEY` (PKCS#1) block; errors as
    /// [`RsaSigningKey::from_pkcs8_pem`].
    pub fn from_pkcs1_pem(algorithm: Algorithm, pem: &str) -> Result<Self, Error> {
        check_algorithm(algorithm)?;
        let key = RsaPrivateKey::from_pkcs1_pem(pem).map_err(pkcs1_error)?;
        Self::new(algorithm, key)
    }

    /// Loads a DER PKCS#1 `RSAPrivateKey`; errors as [`RsaSigningKey::from_pkcs8_pem`].
    pub fn from_pkcs1_der(algorithm: Algorithm, der: &[u8]) -> Result<Self, Error> {
        check_algorithm(algorithm)?;
        let key = RsaPrivateKey::from_pkcs1_der(der).map_err(pkcs1_error)?;
        Self::new(algorithm, key)
    }

    /// Loads either PEM form, told apart by the label.
    pub fn from_pem(algorithm: Algorithm, pem: &str) -> Result<Self, Error> {
        if pem.contains("-----BEGIN RSA PRIVATE KEY-----") {
            Self::from_pkcs1_pem(algorithm, pem)
        } else {
            Self::from_pkcs8_pem(algorithm, pem)
        }
    }

    fn new(algorithm: Algorithm, key: RsaPrivateKey) -> Result<Self, Error> {
        let bits = key.n().bits();
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(KeyError::RsaModulusSize { bits }.into());
        }
        key.validate().map_err(|_| KeyError::PrivateKey)?;
        Ok(RsaSigningKey { key, algorithm })
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// Signs a claims set into `out`, as [`sign_jws`] does.
    pub fn sign<'o>(
        &self,
        claims_json: &[u8],
        kid: Option<&str>,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        sign_jws(self, claims_json, kid, out)
    }

    /// The raw PKCS#1 v1.5 signature over `message`, the modulus' length.
    pub fn sign_message(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        use rsa::sha2::Digest as _;
        use rsa::sha2::{Sha256, Sha384, Sha512};
        let mut rng = rsa::rand_core::OsRng;
        let signed = match self.algorithm {
            Algorithm::RS384 => self.key.sign_with_rng(
                &mut rng,
                Pkcs1v15Sign::new::<Sha384>(),
                &Sha384::digest(message),
            ),
            Algorithm::RS512 => self.key.sign_with_rng(
                &mut rng,
                Pkcs1v15Sign::new::<Sha512>(),
                &Sha512::digest(message),
            ),
            _ => self.key.sign_with_rng(
                &mut rng,
                Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(message),
            ),
        };
        signed.map_err(|_| KeyError::PrivateKey.into())
    }
}

fn check_algorithm(algorithm: Algorithm) -> Result<(), KeyError> {
    if algorithm.is_rsa_pkcs1() {
        Ok(())
    } else {
        Err(KeyError::WrongAlgorithm)
    }
}

/// `rsa`'s PKCS#8 refusals as key errors: DER or PEM as [`der_error`], a key of another
/// algorithm [`KeyError::NotRsa`], a malformed RSA key inside [`KeyError::Der`].
fn pkcs8_error(e: rsa::pkcs8::Error) -> KeyError {
    match e {
        rsa::pkcs8::Error::Asn1(d) => der_error(d),
        rsa::pkcs8::Error::KeyMalformed => KeyError::Der,
        _ => KeyError::NotRsa,
    }
}

/// `rsa`'s PKCS#1 refusals as key errors.
fn pkcs1_error(e: rsa::pkcs1::Error) -> KeyError {
    match e {
        rsa::pkcs1::Error::Asn1(d) => der_error(d),
        _ => KeyError::Der,
    }
}

/// A `der` error: a PEM label other than the one asked for, other PEM faults, or DER.
fn der_error(e: rsa::pkcs8::der::Error) -> KeyError {
    use rsa::pkcs8::der::{ErrorKind, pem};
    match e.kind() {
        ErrorKind::Pem(pem::Error::UnexpectedTypeLabel { .. }) => KeyError::PemLabel,
        ErrorKind::Pem(_) => KeyError::Pem,
        _ => KeyError::Der,
    }
}

impl SigningKey for RsaSigningKey {
    type Signature = Vec<u8>;

    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    fn signature_len(&self) -> usize {
        self.key.size()
    }

    fn sign_input(&self, signing_input: &[u8]) -> Result<Self::Signature, Error> {
        self.sign_message(signing_input)
    }
}

impl fmt::Debug for RsaSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaSigningKey")
            .field("algorithm", &self.algorithm)
            .field("bits", &self.key.n().bits())
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for RsaSigningKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "RsaSigningKey {{ algorithm: {}, secret: <redacted> }}",
            self.algorithm
        )
    }
}
