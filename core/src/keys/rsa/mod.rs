//! RSA public keys for RS256, RS384 and RS512 (RSASSA-PKCS1-v1_5, RFC 8017 §8.2) and, with
//! the feature `pss`, PS256, PS384 and PS512 (RSASSA-PSS, RFC 8017 §8.1, in `pss`), verified
//! without a heap and in a small stack.
//!
//! Keys load from SPKI or PKCS#1 (DER or PEM), from a JWK, or from a JWKS by `kid`
//! ([`RsaPublicKey::from_jwks`]). Verification computes s^e mod n with run-time-length
//! Montgomery arithmetic (see `monty`), builds the whole expected EMSA-PKCS1-v1_5 block for
//! the message's hash and compares it with the result: the decrypted block is never parsed,
//! so no padding or ASN.1 leniency can be exploited.

pub(crate) mod der_pem;
mod encoding;
pub(crate) mod jwk;
mod monty;
#[cfg(feature = "pss")]
mod pss;

use core::fmt;

use crypto_bigint::Limb;

use crate::algorithm::{Algorithm, Discriminant};
use crate::base64url;
use crate::error::{Error, KeyError, Part};
use crate::keys::{Sha256, VerifyingKey};

pub use self::jwk::MAX_JWK_MEMBERS;
use self::monty::{MAX_LIMBS, Modulus};

/// The smallest modulus accepted, in bits.
pub const MIN_MODULUS_BITS: usize = 2048;
/// The largest modulus accepted, in bits.
pub const MAX_MODULUS_BITS: usize = 4096;
/// The largest modulus (and so signature) in bytes.
pub const MAX_MODULUS_BYTES: usize = MAX_MODULUS_BITS / 8;

/// An RSA public key pinned to RS256, RS384 or RS512, or (feature `pss`) to PS256, PS384 or
/// PS512.
///
/// The padding is the pinned algorithm's: a key made for RS256 refuses PS256 tokens and the
/// other way round ([`crate::Error::AlgorithmMismatch`]), even for the same modulus. PSS
/// uses MGF1 with the message's hash and a salt as long as the hash (RFC 7518 §3.5).
///
/// It holds the modulus and its Montgomery constants (R² mod n and −n⁻¹ mod 2^w), computed
/// once when the key is loaded, in arrays sized for the largest modulus, whatever the key's
/// size: `size_of::<RsaPublicKey>()` is 1,056 bytes on 64-bit targets and 1,044 on 32-bit
/// ones (checked by a test). Verification runs over only the limbs the key has, so a
/// 2048-bit key costs 2048-bit time.
///
/// Limits: a modulus of 2048 to 4096 bits, odd; a public exponent that is odd and between 3
/// and 2^32 − 1. [`VerifyingKey::verify_signature`] takes about 2.7 KiB of stack at every
/// size (measured on x86-64 by stack painting, see the `rsa_stack` test); loading takes
/// about 5.5 KiB (PEM) or 4.9 KiB (JWK), the key object included. Nothing is allocated.
///
/// ```
/// use authcore::{Algorithm, RsaPublicKey, Validation, verify};
///
/// // RFC 7515 Appendix A.2: an RS256 token, and its key as a JWK.
/// let jwk = concat!(
///     r#"{"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPd"#,
///     "dxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47",
///     "soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmt",
///     "dVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91k",
///     r#"zk2PAcDTW9gb54h4FRWyuXpoQ"}"#,
/// );
/// let key = RsaPublicKey::from_jwk(Algorithm::RS256, jwk.as_bytes()).unwrap();
/// let token = concat!(
///     "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt",
///     "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XO",
///     "iZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_",
///     "nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwu",
///     "sC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywl",
///     "VmtVrBp0igcN_IoypGlUPQGe77Rw",
/// );
/// let policy = Validation::new(Algorithm::RS256).issuer(&["joe"]);
/// let mut buf = [0u8; 256];
/// let now = 1_300_819_000; // seconds since the Unix epoch, from your clock
/// let verified = verify(token, &key, &policy, now, &mut buf).unwrap();
/// assert_eq!(verified.claims().exp, Some(1_300_819_380));
/// ```
///
/// From PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`), from DER, or from a JWKS by the `kid` of the
/// token's header ([`crate::peek_header`]):
///
/// ```
/// use authcore::{Algorithm, Error, KeyError, RsaPublicKey};
/// use base64::Engine as _;
///
/// let pem = include_str!("../../../tests/vectors/rsa2048-public.pem");
/// let key = RsaPublicKey::from_pem(Algorithm::RS256, pem.as_bytes()).unwrap();
/// assert_eq!((key.modulus_bits(), key.exponent()), (2048, 65537));
///
/// // The same key as DER (SubjectPublicKeyInfo): the PEM body, base64-decoded.
/// let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
/// let der = base64::engine::general_purpose::STANDARD.decode(body).unwrap();
/// let from_der = RsaPublicKey::from_public_key_der(Algorithm::RS256, &der).unwrap();
/// assert!(from_der == key);
///
/// // A JWKS: the key whose kid is asked for, pinned to the algorithm given.
/// let jwks = concat!(
///     r#"{"keys":[{"kty":"RSA","kid":"2024-01","use":"sig","alg":"RS256","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPd"#,
///     "dxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47",
///     "soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmt",
///     "dVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91k",
///     r#"zk2PAcDTW9gb54h4FRWyuXpoQ"}]}"#,
/// );
/// let key = RsaPublicKey::from_jwks(Algorithm::RS256, jwks.as_bytes(), "2024-01").unwrap();
/// assert_eq!(key.signature_len(), 256);
/// // The JWK says RS256: it cannot be loaded as an RS512 key.
/// assert_eq!(
///     RsaPublicKey::from_jwks(Algorithm::RS512, jwks.as_bytes(), "2024-01"),
///     Err(Error::Key(KeyError::KeyAlgorithm)),
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    modulus: Modulus,
    e: u32,
    /// The modulus length in bytes, which every signature must have.
    k: u16,
    bits: u16,
    algorithm: Algorithm,
}

impl RsaPublicKey {
    /// The byte of an `RsaPublicKey` in memory that holds a discriminant: its algorithm
    /// (RS256, RS384 or RS512). Every other byte is an integer, valid with any value (the
    /// lengths are checked where they are used). For code that must check a key's memory
    /// before reading it as a key (see [`Discriminant`]).
    pub const DISCRIMINANTS: [Discriminant; 1] = [Discriminant {
        offset: core::mem::offset_of!(RsaPublicKey, algorithm),
        valid: |b| {
            (Algorithm::RS256 as u8..=Algorithm::RS512 as u8).contains(&b)
                || cfg!(feature = "pss")
                    && (Algorithm::PS256 as u8..=Algorithm::PS512 as u8).contains(&b)
        },
    }];

    /// Makes a key for `algorithm` (RS256, RS384 or RS512; PS256, PS384 or PS512 with the
    /// feature `pss`) from the modulus and the public exponent as big-endian unsigned
    /// integers (leading zero bytes are ignored).
    ///
    /// Errors: [`KeyError::WrongAlgorithm`] for another algorithm,
    /// [`KeyError::RsaModulusSize`] for a modulus outside 2048..=4096 bits,
    /// [`KeyError::RsaEvenModulus`], [`KeyError::RsaExponent`].
    pub fn from_components(algorithm: Algorithm, n: &[u8], e: &[u8]) -> Result<Self, Error> {
        if !(algorithm.is_rsa_pkcs1() || cfg!(feature = "pss") && algorithm.is_rsa_pss()) {
            return Err(KeyError::WrongAlgorithm.into());
        }
        let n = strip_leading_zeros(n);
        let bits = bit_len(n);
        if !(MIN_MODULUS_BITS..=MAX_MODULUS_BITS).contains(&bits) {
            return Err(KeyError::RsaModulusSize { bits }.into());
        }
        let e = exponent(e)?;
        let modulus = Modulus::new(n).ok_or(KeyError::RsaEvenModulus)?;
        Ok(RsaPublicKey {
            modulus,
            e,
            k: n.len() as u16,
            bits: bits as u16,
            algorithm,
        })
    }

    /// The modulus size in bits.
    pub fn modulus_bits(&self) -> usize {
        self.bits as usize
    }

    /// The public exponent.
    pub fn exponent(&self) -> u32 {
        self.e
    }

    /// The signature length in bytes (the modulus length).
    pub fn signature_len(&self) -> usize {
        self.k as usize
    }

    /// Verifies an RSASSA-PKCS1-v1_5 `signature` (raw bytes, exactly
    /// [`RsaPublicKey::signature_len`] long) over `message` with the key's hash.
    ///
    /// Gives [`Error::InvalidSignature`] for anything that does not verify, and
    /// [`KeyError::WrongAlgorithm`] for a key pinned to a PS algorithm.
    pub fn verify_pkcs1v15(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        if !self.algorithm.is_rsa_pkcs1() {
            return Err(KeyError::WrongAlgorithm.into());
        }
        self.verify_raw(message, signature)
    }

    /// Verifies an RSASSA-PSS `signature` (raw bytes, exactly
    /// [`RsaPublicKey::signature_len`] long) over `message` with the key's hash, MGF1 over
    /// the same hash and a salt of the hash's length.
    ///
    /// Gives [`Error::InvalidSignature`] for anything that does not verify, and
    /// [`KeyError::WrongAlgorithm`] for a key pinned to an RS algorithm.
    #[cfg(feature = "pss")]
    pub fn verify_pss(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        if !self.algorithm.is_rsa_pss() {
            return Err(KeyError::WrongAlgorithm.into());
        }
        self.verify_raw(message, signature)
    }

    /// A raw signature checked with the key's own padding.
    fn verify_raw(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        if signature.len() != self.signature_len() {
            return Err(Error::InvalidSignature);
        }
        let mut digest = [0u8; 64];
        let digest = hash(self.algorithm, message, &mut digest);
        let mut s = [Limb::ZERO; MAX_LIMBS];
        monty::read_be(signature, &mut s);
        let mut acc = [Limb::ZERO; MAX_LIMBS];
        let mut wide = [Limb::ZERO; 2 * MAX_LIMBS];
        self.verify_limbs(&mut s, digest, &mut acc, &mut wide)
    }

    /// Decodes a base64url signature straight into limbs and checks it against `digest`,
    /// with `N` limbs for the signature and the accumulator and `W` (2N) for the square: the
    /// caller picks the smallest pair for the key, so a 2048-bit key does not pay 4096-bit
    /// stack. Only the scratch is generic; the work is in [`RsaPublicKey::verify_b64_in`],
    /// one copy for every size.
    ///
    /// The stack is laid out in stages so that no two big things are live at once: the
    /// caller's frame holds only the digest (the hasher's state is gone by now), this one the
    /// scratch for the exponentiation; hence `inline(never)`.
    #[inline(never)]
    fn verify_b64<const N: usize, const W: usize>(
        &self,
        signature_b64: &[u8],
        digest: &[u8],
    ) -> Result<(), Error> {
        let mut s = [Limb::ZERO; N];
        let mut acc = [Limb::ZERO; N];
        let mut wide = [Limb::ZERO; W];
        self.verify_b64_in(signature_b64, digest, &mut s, &mut acc, &mut wide)
    }

    /// [`RsaPublicKey::verify_b64`]'s work, on its scratch: `s` and `acc` of at least the
    /// key's limbs, `wide` twice that.
    fn verify_b64_in(
        &self,
        signature_b64: &[u8],
        digest: &[u8],
        s: &mut [Limb],
        acc: &mut [Limb],
        wide: &mut [Limb],
    ) -> Result<(), Error> {
        let k = self.signature_len();
        if signature_b64.len() != base64url::encoded_len(k) {
            return Err(crate::keys::wrong_length(signature_b64));
        }
        let mut at = 0;
        decode_chunks(signature_b64, |bytes| {
            for &byte in bytes {
                if at < k {
                    monty::set_byte_be(s, k, at, byte);
                }
                at += 1;
            }
        })?;
        if at != k {
            return Err(Error::InvalidSignature);
        }
        self.verify_limbs(s, digest, acc, wide)
    }

    /// The check itself: s < n, then s^e mod n against the expected encoding of `digest`.
    fn verify_limbs(
        &self,
        s: &mut [Limb],
        digest: &[u8],
        acc: &mut [Limb],
        wide: &mut [Limb],
    ) -> Result<(), Error> {
        let len = self.modulus.len();
        let s = s.get_mut(..len).ok_or(Error::InvalidSignature)?;
        if monty::cmp(s, self.modulus.limbs()) != core::cmp::Ordering::Less {
            return Err(Error::InvalidSignature);
        }
        let m = self.modulus.pow_odd(s, self.e, acc, wide);
        #[cfg(feature = "pss")]
        if self.algorithm.is_rsa_pss() {
            let k = self.signature_len();
            let ok = pss::matches(self.algorithm, m, k, self.modulus_bits(), digest);
            return if ok {
                Ok(())
            } else {
                Err(Error::InvalidSignature)
            };
        }
        if emsa_matches(
            m,
            self.signature_len(),
            digest_info_prefix(self.algorithm),
            digest,
        ) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

impl VerifyingKey for RsaPublicKey {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        let mut digest = [0u8; 64];
        let digest = hash(self.algorithm, signing_input, &mut digest);
        const HALF: usize = MAX_LIMBS / 2;
        if self.modulus.len() <= HALF {
            self.verify_b64::<HALF, MAX_LIMBS>(signature_b64, digest)
        } else {
            self.verify_b64::<MAX_LIMBS, { 2 * MAX_LIMBS }>(signature_b64, digest)
        }
    }
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("algorithm", &self.algorithm)
            .field("bits", &self.bits)
            .field("e", &self.e)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for RsaPublicKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "RsaPublicKey {{ algorithm: {}, bits: {=u16}, e: {=u32}, .. }}",
            self.algorithm,
            self.bits,
            self.e
        )
    }
}

/// Decodes a base64url signature piece by piece (no 512-byte buffer on the stack).
fn decode_chunks(src: &[u8], f: impl FnMut(&[u8])) -> Result<(), Error> {
    base64url::decode_public_chunks(src, f).map_err(|_| Error::Base64(Part::Signature))
}

/// Whether `m` (`k` bytes) is exactly `0x00 0x01 FF…FF 0x00 || prefix || digest`
/// (EMSA-PKCS1-v1_5, RFC 8017 §9.2).
fn emsa_matches(m: &[Limb], k: usize, prefix: &[u8], digest: &[u8]) -> bool {
    let t_len = prefix.len() + digest.len();
    // At least 8 bytes of 0xFF padding; always true for 2048-bit keys and up.
    let Some(ps_end) = k.checked_sub(t_len + 1).filter(|&e| e >= 10) else {
        return false;
    };
    (0..k).all(|p| {
        let want = match p {
            0 => 0x00,
            1 => 0x01,
            _ if p < ps_end => 0xff,
            _ if p == ps_end => 0x00,
            _ => {
                let i = p - ps_end - 1;
                match prefix.get(i) {
                    Some(&b) => b,
                    None => digest.get(i - prefix.len()).copied().unwrap_or(0),
                }
            }
        };
        monty::byte_be(m, k, p) == want
    })
}

/// The DER of `DigestInfo` up to the digest (RFC 8017 §9.2, note 1).
fn digest_info_prefix(algorithm: Algorithm) -> &'static [u8] {
    const SHA256: [u8; 19] = [
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    const SHA384: [u8; 19] = [
        0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
        0x05, 0x00, 0x04, 0x30,
    ];
    const SHA512: [u8; 19] = [
        0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
        0x05, 0x00, 0x04, 0x40,
    ];
    match algorithm {
        Algorithm::RS384 => &SHA384,
        Algorithm::RS512 => &SHA512,
        _ => &SHA256,
    }
}

/// The message's hash for the key's algorithm, into `out`. Out of line so that the hasher's
/// state is off the stack before the exponentiation starts (BENCHMARKS.md, "Dependencies:
/// measured choices", has the stack figures that need it).
#[inline(never)]
fn hash<'o>(algorithm: Algorithm, message: &[u8], out: &'o mut [u8; 64]) -> &'o [u8] {
    use sha2::Digest;
    // Constant bounds on both sides: no run-time length check, no panic path.
    match algorithm {
        Algorithm::RS384 | Algorithm::PS384 => {
            out[..48].copy_from_slice(&sha2::Sha384::digest(message));
            &out[..48]
        }
        Algorithm::RS512 | Algorithm::PS512 => {
            out.copy_from_slice(&sha2::Sha512::digest(message));
            &out[..]
        }
        _ => {
            out[..32].copy_from_slice(&Sha256::digest(message));
            &out[..32]
        }
    }
}

fn strip_leading_zeros(x: &[u8]) -> &[u8] {
    let start = x.iter().position(|&b| b != 0).unwrap_or(x.len());
    &x[start..]
}

/// Bits in a big-endian integer without leading zero bytes.
fn bit_len(x: &[u8]) -> usize {
    x.first()
        .map_or(0, |&b| x.len() * 8 - b.leading_zeros() as usize)
}

/// The public exponent from big-endian bytes: odd, at least 3, at most 2^32 − 1.
fn exponent(e: &[u8]) -> Result<u32, KeyError> {
    let e = strip_leading_zeros(e);
    if e.len() > 4 {
        return Err(KeyError::RsaExponent);
    }
    let v = e.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    if v < 3 || v & 1 == 0 {
        return Err(KeyError::RsaExponent);
    }
    Ok(v)
}
