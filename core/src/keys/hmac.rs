//! HMAC keys for HS256, HS384 and HS512: verification and signing, on RustCrypto's `hmac`
//! and `sha2`.

use core::fmt;

use hmac::KeyInit;
use hmac::block_api::HmacCore;
use hmac::digest::Output;
use hmac::digest::block_api::{Buffer, EagerHash, FixedOutputCore, UpdateCore};
use sha2::{Sha384, Sha512};

use crate::algorithm::{Algorithm, Discriminant};
use crate::base64url;
use crate::error::{Error, KeyError, Part};
use crate::keys::signing::{SigningKey, sign_jws};
use crate::keys::{Sha256, VerifyingKey};

/// An HMAC secret pinned to HS256, HS384 or HS512.
///
/// The key keeps the HMAC state after absorbing the padded secret (the inner and outer
/// hash states), not the secret itself: each verification starts from a copy of it without
/// re-keying, and every copy is zeroized when dropped. `Debug` never shows secret material.
///
/// ```
/// use authcore::{Algorithm, Error, HmacKey, KeyError, Validation, verify};
///
/// let key = HmacKey::new(Algorithm::HS384, b"a shared secret of at least 48 bytes for HS384!!").unwrap();
/// let mut out = [0u8; 256];
/// let token = key.sign(br#"{"sub":"device-42","exp":1700000600}"#, None, &mut out).unwrap();
///
/// let mut buf = [0u8; 256];
/// let policy = Validation::new(Algorithm::HS384);
/// assert!(verify(token, &key, &policy, 1_700_000_000, &mut buf).is_ok());
///
/// // A policy may ask for a longer secret than the key has (RFC 7518 §3.2: the hash size).
/// let short = HmacKey::hs384(b"too short").unwrap();
/// let strict = policy.min_hmac_secret_len(48);
/// assert_eq!(
///     verify(token, &short, &strict, 1_700_000_000, &mut buf),
///     Err(Error::Key(KeyError::SecretTooShort { min: 48, actual: 9 })),
/// );
/// assert!(!format!("{key:?}").contains("secret of"));
/// ```
#[derive(Clone)]
pub struct HmacKey {
    algorithm: Algorithm,
    state: Keyed,
    secret_len: usize,
}

/// The keyed state of one HMAC: `hmac`'s block-level core, which holds just the two hash
/// states after the ipad and opad blocks. `sha2`'s `zeroize` feature makes each hash state
/// zeroize itself on drop (asserted below), so the key's and every per-call copy are wiped.
// One byte of tag first (`repr(u8)`: `HmacKey::DISCRIMINANTS` names its place).
#[derive(Clone)]
#[repr(u8)]
enum Keyed {
    Sha256(HmacCore<Sha256>),
    Sha384(HmacCore<Sha384>),
    Sha512(HmacCore<Sha512>),
}

/// Compiles only while the hash states zeroize themselves when dropped.
const _: fn() = || {
    fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    zeroized_on_drop::<<Sha256 as EagerHash>::Core>();
    zeroized_on_drop::<<Sha384 as EagerHash>::Core>();
    zeroized_on_drop::<<Sha512 as EagerHash>::Core>();
};

impl Keyed {
    /// The ipad and opad states for `secret` (RFC 2104: one longer than a block is hashed
    /// first).
    fn new(algorithm: Algorithm, secret: &[u8]) -> Result<Self, Error> {
        // `hmac` takes a key of any length: its `InvalidLength` cannot happen.
        let invalid = |_| Error::from(KeyError::WrongAlgorithm);
        Ok(match algorithm {
            Algorithm::HS256 => Keyed::Sha256(HmacCore::new_from_slice(secret).map_err(invalid)?),
            Algorithm::HS384 => Keyed::Sha384(HmacCore::new_from_slice(secret).map_err(invalid)?),
            Algorithm::HS512 => Keyed::Sha512(HmacCore::new_from_slice(secret).map_err(invalid)?),
            _ => return Err(KeyError::WrongAlgorithm.into()),
        })
    }

    /// The HMAC of `msg` into the front of `out`; returns the tag length.
    fn mac_into(&self, msg: &[u8], out: &mut [u8; MAX_MAC_LEN]) -> usize {
        // Constant bounds on both sides: no run-time length check, no panic path.
        match self {
            Keyed::Sha256(core) => out[..32].copy_from_slice(&mac(core, msg)),
            Keyed::Sha384(core) => out[..48].copy_from_slice(&mac(core, msg)),
            Keyed::Sha512(core) => out.copy_from_slice(&mac(core, msg)),
        }
        self.tag_len()
    }

    fn tag_len(&self) -> usize {
        match self {
            Keyed::Sha256(_) => 32,
            Keyed::Sha384(_) => 48,
            Keyed::Sha512(_) => 64,
        }
    }
}

/// HMAC of `msg` from a copy of the keyed state (the key's own stays as it is), through
/// `hmac`'s block-level API: whole blocks are hashed straight from `msg` and only the last
/// partial one is buffered. Out of line so that each hash has a frame of its own size, an
/// HS256 call not paying SHA-512's (BENCHMARKS.md, "Dependencies: measured choices", has the
/// stack figures that need it).
#[inline(never)]
fn mac<D: EagerHash>(key: &HmacCore<D>, msg: &[u8]) -> Output<HmacCore<D>> {
    let mut core = key.clone();
    let mut buffer = Buffer::<HmacCore<D>>::default();
    buffer.digest_blocks(msg, |blocks| core.update_blocks(blocks));
    let mut tag = Output::<HmacCore<D>>::default();
    core.finalize_fixed_core(&mut buffer, &mut tag);
    tag
}

/// The longest HMAC output, HS512's.
const MAX_MAC_LEN: usize = 64;

impl HmacKey {
    /// The bytes of an `HmacKey` in memory that hold discriminants: its algorithm (HS256,
    /// HS384 or HS512) and the kind of its hash states. Every other byte is an integer (the
    /// hash states, the secret's length), valid with any value. For code that must check a
    /// key's memory before reading it as a key (see [`Discriminant`]).
    pub const DISCRIMINANTS: [Discriminant; 2] = [
        Discriminant {
            offset: core::mem::offset_of!(HmacKey, algorithm),
            valid: |b| b <= Algorithm::HS512 as u8,
        },
        Discriminant {
            offset: core::mem::offset_of!(HmacKey, state),
            valid: |b| b <= 2,
        },
    ];

    /// Makes a key for `algorithm` (HS256, HS384 or HS512) from the shared secret.
    ///
    /// An empty secret is refused ([`KeyError::EmptySecret`]); an RS algorithm gives
    /// [`KeyError::WrongAlgorithm`]. A minimum secret length is a matter of policy
    /// ([`crate::Validation::min_hmac_secret_len`]).
    pub fn new(algorithm: Algorithm, secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret.into());
        }
        Ok(HmacKey {
            algorithm,
            state: Keyed::new(algorithm, secret)?,
            secret_len: secret.len(),
        })
    }

    /// The one algorithm this key signs and verifies with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// An HS256 key.
    pub fn hs256(secret: &[u8]) -> Result<Self, Error> {
        Self::new(Algorithm::HS256, secret)
    }

    /// An HS384 key.
    pub fn hs384(secret: &[u8]) -> Result<Self, Error> {
        Self::new(Algorithm::HS384, secret)
    }

    /// An HS512 key.
    pub fn hs512(secret: &[u8]) -> Result<Self, Error> {
        Self::new(Algorithm::HS512, secret)
    }

    /// Signs a claims set: writes the compact JWS `header.payload.signature` into `out` and
    /// returns it, as [`sign_jws`] does with any signing key.
    ///
    /// `claims_json` must be a JSON object (it is checked, including for duplicate names);
    /// the header is `{"alg":"…","typ":"JWT"}`, with `"kid"` when given, JSON-escaped where
    /// it needs it (a `kid` longer than 316 bytes is refused with [`Error::InvalidHeader`]). A too-small `out` gives
    /// [`Error::BufferTooSmall`] with the exact size needed, before anything is written.
    pub fn sign<'o>(
        &self,
        claims_json: &[u8],
        kid: Option<&str>,
        out: &'o mut [u8],
    ) -> Result<&'o str, Error> {
        sign_jws(self, claims_json, kid, out)
    }
}

impl SigningKey for HmacKey {
    /// Room for the longest tag, HS512's; a shorter one fills the front.
    type Signature = [u8; MAX_MAC_LEN];

    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    fn signature_len(&self) -> usize {
        self.state.tag_len()
    }

    fn sign_input(&self, signing_input: &[u8]) -> Result<Self::Signature, Error> {
        let mut mac = [0u8; MAX_MAC_LEN];
        self.state.mac_into(signing_input, &mut mac);
        Ok(mac)
    }
}

impl VerifyingKey for HmacKey {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    fn verify_signature(&self, signing_input: &[u8], signature_b64: &[u8]) -> Result<(), Error> {
        let expected_len = self.algorithm().signature_len();
        if base64url::decoded_len(signature_b64.len()) != Some(expected_len) {
            return Err(crate::keys::wrong_length(signature_b64));
        }
        let mut sig = [0u8; MAX_MAC_LEN];
        // The signature is the token's, not a secret: the fast decoder is fine for it.
        let sig_len = base64url::decode_public(signature_b64, &mut sig)
            .map_err(|_| Error::Base64(Part::Signature))?
            .len();
        let mut mac = [0u8; MAX_MAC_LEN];
        let n = self.state.mac_into(signing_input, &mut mac);
        // Compared a word at a time, where they stand: fewer of `subtle`'s constant-time
        // comparisons, each of which passes through its optimization barrier. Every tag
        // length is a whole number of words.
        let word = |w: &[u8; 4]| u32::from_ne_bytes(*w);
        let (mac, sig) = (mac.as_chunks::<4>().0, sig.as_chunks::<4>().0);
        let same = n == sig_len
            && match (mac.get(..n / 4), sig.get(..n / 4)) {
                (Some(mac), Some(sig)) => tags_equal(mac, sig, word),
                _ => false,
            };
        if same {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    fn hmac_secret_len(&self) -> Option<usize> {
        Some(self.secret_len)
    }
}

/// Whether the computed tag and the token's are equal, in time that does not depend on where
/// they differ: every pair of elements is compared (`subtle`'s constant-time equality) and
/// the results combined without a branch, as `subtle` does for slices; `value` gives the
/// integer an element is compared as. Only the lengths, which are public, may end it early.
/// Generic so that the tests can count the element comparisons.
fn tags_equal<B, V: subtle::ConstantTimeEq>(
    computed: &[B],
    received: &[B],
    value: impl Fn(&B) -> V,
) -> bool {
    #[cfg(test)]
    tests::TAG_COMPARISONS.with(|n| n.set(n.get() + 1));
    if computed.len() != received.len() {
        return false;
    }
    let mut same = 1u8;
    for (a, b) in computed.iter().zip(received) {
        same &= value(a).ct_eq(&value(b)).unwrap_u8();
    }
    subtle::Choice::from(same).into()
}

/// The keyed hash states are zeroized when the key is dropped (`sha2`'s `zeroize` feature,
/// asserted at compile time above).
impl zeroize::ZeroizeOnDrop for HmacKey {}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacKey")
            .field("algorithm", &self.algorithm())
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for HmacKey {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "HmacKey {{ algorithm: {}, secret: <redacted> }}",
            self.algorithm()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cell::Cell;
    use hmac::{Hmac, Mac};

    extern crate std;

    std::thread_local! {
        /// Calls of `tags_equal` on this thread.
        pub(super) static TAG_COMPARISONS: Cell<usize> = const { Cell::new(0) };
    }

    /// Every verification's verdict comes from `tags_equal`, whether the MAC matches or not.
    #[test]
    fn verification_compares_through_tags_equal() {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let key = HmacKey::new(alg, b"a secret of some length").unwrap();
            let mut out = [0u8; 512];
            let token = key.sign(b"{}", None, &mut out).unwrap();
            let (input, sig) = token.rsplit_once('.').unwrap();
            let mut wrong = sig.as_bytes().to_vec();
            wrong[0] = if wrong[0] == b'A' { b'B' } else { b'A' };
            for (sig, want) in [(sig.as_bytes(), true), (&wrong[..], false)] {
                let before = TAG_COMPARISONS.with(Cell::get);
                let verdict = key.verify_signature(input.as_bytes(), sig);
                assert_eq!(verdict.is_ok(), want, "{alg:?}");
                assert_eq!(TAG_COMPARISONS.with(Cell::get), before + 1, "{alg:?}");
            }
        }
    }

    /// A byte whose comparisons are counted.
    struct Counted<'a>(u8, &'a Cell<usize>);

    /// A copy of a counted byte, as `tags_equal` compares it.
    fn counted<'a>(c: &Counted<'a>) -> Counted<'a> {
        Counted(c.0, c.1)
    }

    impl subtle::ConstantTimeEq for Counted<'_> {
        fn ct_eq(&self, other: &Self) -> subtle::Choice {
            self.1.set(self.1.get() + 1);
            self.0.ct_eq(&other.0)
        }
    }

    /// `tags_equal` compares every element wherever the first difference is: no early exit.
    #[test]
    fn tags_equal_compares_every_element() {
        let count = Cell::new(0);
        let tag = |bytes: &[u8]| -> std::vec::Vec<Counted<'_>> {
            bytes.iter().map(|&b| Counted(b, &count)).collect()
        };
        let a: [u8; 32] = core::array::from_fn(|i| i as u8);
        for differ_at in [None, Some(0), Some(1), Some(16), Some(31)] {
            let mut b = a;
            if let Some(i) = differ_at {
                b[i] ^= 0x80;
            }
            count.set(0);
            assert_eq!(tags_equal(&tag(&a), &tag(&b), counted), differ_at.is_none());
            assert_eq!(count.get(), 32, "differing at {differ_at:?}");
        }
        assert!(!tags_equal(&tag(&a), &tag(&a[..31]), counted));
    }

    fn hex(s: &str) -> ([u8; 64], usize) {
        let mut out = [0u8; 64];
        for (i, pair) in s.as_bytes().chunks(2).enumerate() {
            out[i] = u8::from_str_radix(core::str::from_utf8(pair).unwrap(), 16).unwrap();
        }
        (out, s.len() / 2)
    }

    /// RFC 4231 test cases 2 (a short key) and 6 (a key longer than a block, hashed first).
    #[test]
    fn rfc_4231_vectors() {
        let cases: [(&[u8], &[u8], [&str; 3]); 2] = [
            (
                b"Jefe",
                b"what do ya want for nothing?",
                [
                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                    "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e\
                     8e2240ca5e69e2c78b3239ecfab21649",
                    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
                     9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
                ],
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                [
                    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                    "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6\
                     0c2ef6ab4030fe8296248df163f44952",
                    "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352\
                     6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
                ],
            ),
        ];
        for (secret, msg, tags) in cases {
            for (alg, tag) in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512]
                .into_iter()
                .zip(tags)
            {
                let (want, len) = hex(tag);
                let mut out = [0u8; 64];
                let state = Keyed::new(alg, secret).unwrap();
                assert_eq!(state.mac_into(msg, &mut out), len);
                assert_eq!(out[..len], want[..len], "{alg:?}");
            }
        }
    }

    fn reference<M: Mac + KeyInit>(secret: &[u8], msg: &[u8]) -> ([u8; 64], usize) {
        let mut m = <M as KeyInit>::new_from_slice(secret).unwrap();
        m.update(msg);
        let tag = m.finalize().into_bytes();
        let mut out = [0u8; 64];
        out[..tag.len()].copy_from_slice(&tag);
        (out, tag.len())
    }

    /// Every message length around the one- and two-block padding boundaries, and secrets
    /// shorter than, equal to and longer than a block, against `hmac`'s buffered `Hmac`
    /// keyed afresh for each message (the key reuses one keyed state for all of them).
    #[test]
    fn matches_the_hmac_crate() {
        let data: [u8; 600] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        for secret_len in [1, 31, 32, 63, 64, 65, 127, 128, 129, 300] {
            let secret = &data[..secret_len];
            let states = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512]
                .map(|alg| Keyed::new(alg, secret).unwrap());
            for msg_len in (0..300).chain([511, 512, 513, 600]) {
                let msg = &data[data.len() - msg_len..];
                let want = [
                    reference::<Hmac<Sha256>>(secret, msg),
                    reference::<Hmac<Sha384>>(secret, msg),
                    reference::<Hmac<Sha512>>(secret, msg),
                ];
                for (state, (tag, len)) in states.iter().zip(want) {
                    let mut out = [0u8; 64];
                    assert_eq!(state.mac_into(msg, &mut out), len);
                    assert_eq!(out[..len], tag[..len], "secret {secret_len} msg {msg_len}");
                }
            }
        }
    }

    /// Found by the `sign_hs` fuzz target: a 317-byte kid gave `BufferTooSmall` for a small
    /// output buffer, then `InvalidHeader` with the size it had named.
    #[test]
    fn long_kid_is_refused_whatever_the_buffer() {
        let key = HmacKey::hs512(b"secret").unwrap();
        let kid = core::str::from_utf8(&[b'k'; 317]).unwrap();
        let mut out = [0xA5u8; 2048];
        for n in [0, 8, 600, 2048] {
            let buf = &mut out[..n];
            assert_eq!(key.sign(b"{}", Some(kid), buf), Err(Error::InvalidHeader));
            assert!(buf.iter().all(|&b| b == 0xA5));
        }
        assert!(key.sign(b"{}", Some(&kid[..316]), &mut out).is_ok());
    }
}
