//! Helpers shared by the HS tests: tokens with any header and payload bytes, MACed by the
//! `hmac` crate's buffered `Hmac` keyed for each token (authcore keeps one keyed block-level
//! state per key; the RFC and Wycheproof vectors are the checks independent of `hmac`), and
//! a fixed-capacity string for serde claims with escapes.
#![allow(dead_code)]

use authcore::{Algorithm, Error, HmacKey, Validation, verify};
use hmac::{Hmac, KeyInit, Mac};

pub const SECRET: &[u8] = b"a test secret that is long enough for HS512!!!!!";

pub fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}

pub fn unb64(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; text.len()];
    authcore::base64url::decode(text.as_bytes(), &mut out)
        .unwrap()
        .to_vec()
}

/// The HMAC of `msg` by the `hmac` crate, for an HS algorithm.
pub fn reference_mac(alg: Algorithm, secret: &[u8], msg: &[u8]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(secret: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(secret).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }
    match alg {
        Algorithm::HS256 => run::<Hmac<sha2::Sha256>>(secret, msg),
        Algorithm::HS384 => run::<Hmac<sha2::Sha384>>(secret, msg),
        Algorithm::HS512 => run::<Hmac<sha2::Sha512>>(secret, msg),
        _ => panic!("not an HS algorithm"),
    }
}

/// `b64(header).b64(payload).mac`, MACed with the `hmac` crate.
pub fn token_with(alg: Algorithm, secret: &[u8], header: &[u8], payload: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let mac = reference_mac(alg, secret, input.as_bytes());
    format!("{input}.{}", b64(&mac))
}

/// An HS256 token over `payload` with the usual header.
pub fn hs256(payload: &str) -> String {
    token_with(
        Algorithm::HS256,
        SECRET,
        br#"{"alg":"HS256","typ":"JWT"}"#,
        payload.as_bytes(),
    )
}

pub fn key(alg: Algorithm) -> HmacKey {
    HmacKey::new(alg, SECRET).unwrap()
}

/// Verifies with the test secret; `Ok` carries the payload JSON text, to compare.
pub fn check(token: &str, policy: &Validation<'_>, now: i64) -> Result<String, Error> {
    let mut buf = vec![0u8; token.len()];
    verify(token, &key(policy.algorithm), policy, now, &mut buf)
        .map(|t| t.claims().json().to_owned())
}

/// Only the error (or `Ok(())`) of [`check`].
pub fn outcome(token: &str, policy: &Validation<'_>, now: i64) -> Result<(), Error> {
    check(token, policy, now).map(|_| ())
}

/// A string claim of up to `N` bytes owned inline: what a `no_std` application deserializes
/// escaped strings into (`Claims::deserialize` hands them to `visit_str`, not borrowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Fixed<N> {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap()
    }
}

impl<'de, const N: usize> serde::Deserialize<'de> for Fixed<N> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const N: usize>;
        impl<const N: usize> serde::de::Visitor<'_> for V<N> {
            type Value = Fixed<N>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "a string of at most {N} bytes")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Fixed<N>, E> {
                let mut buf = [0u8; N];
                buf.get_mut(..s.len())
                    .ok_or_else(|| E::custom("too long"))?
                    .copy_from_slice(s.as_bytes());
                Ok(Fixed { buf, len: s.len() })
            }
        }
        d.deserialize_str(V::<N>)
    }
}
