//! Shared helpers of the RSA tests: fixture keys, and tokens signed by the `rsa` crate.

#![allow(dead_code)]

use authcore::Algorithm;
use rsa::Pkcs1v15Sign;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey as RefPublicKey};
use sha2_ref::{Digest, Sha256, Sha384, Sha512};

/// Sizes of the committed fixture keys (`tests/vectors/rsa<bits>-*.pem`, made once with
/// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:<bits>`).
pub const SIZES: [usize; 3] = [2048, 3072, 4096];

pub const RS: [Algorithm; 3] = [Algorithm::RS256, Algorithm::RS384, Algorithm::RS512];

/// "now" for the tokens below, which expire at 2_000_000_000.
pub const NOW: i64 = 1_800_000_000;
pub const CLAIMS: &str =
    r#"{"sub":"device-42","iss":"https://idp.example","exp":2000000000,"iat":1700000000}"#;

/// The fixture `tests/vectors/rsa<bits>-<suffix>` for one of [`SIZES`].
macro_rules! fixture {
    ($bits:expr, $suffix:literal) => {
        match $bits {
            2048 => include_str!(concat!("../vectors/rsa2048-", $suffix)),
            3072 => include_str!(concat!("../vectors/rsa3072-", $suffix)),
            4096 => include_str!(concat!("../vectors/rsa4096-", $suffix)),
            bits => panic!("no fixture for {bits} bits"),
        }
    };
}

/// The private key (PKCS#8 PEM), for signing test tokens.
pub fn private_pem(bits: usize) -> &'static str {
    fixture!(bits, "private.pem")
}

/// `BEGIN PUBLIC KEY` (SPKI) PEM made by openssl from the private key.
pub fn spki_pem(bits: usize) -> &'static str {
    fixture!(bits, "public.pem")
}

/// `BEGIN RSA PUBLIC KEY` (PKCS#1) PEM made by openssl from the private key.
pub fn pkcs1_pem(bits: usize) -> &'static str {
    fixture!(bits, "pkcs1.pem")
}

pub fn private_key(bits: usize) -> RsaPrivateKey {
    RsaPrivateKey::from_pkcs8_pem(private_pem(bits)).unwrap()
}

pub fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}

pub fn b64_decode(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; text.len()];
    let n = authcore::base64url::decode(text.as_bytes(), &mut out)
        .unwrap()
        .len();
    out.truncate(n);
    out
}

/// A JWK (n, e and extra members) for a reference public key.
pub fn jwk(public: &RefPublicKey, extra: &str) -> String {
    format!(
        r#"{{"kty":"RSA"{extra},"n":"{}","e":"{}"}}"#,
        b64(&public.n().to_bytes_be()),
        b64(&public.e().to_bytes_be())
    )
}

/// PKCS#1 v1.5 signature by the `rsa` crate.
pub fn rsa_sign(key: &RsaPrivateKey, alg: Algorithm, msg: &[u8]) -> Vec<u8> {
    match alg {
        Algorithm::RS256 => key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(msg)),
        Algorithm::RS384 => key.sign(Pkcs1v15Sign::new::<Sha384>(), &Sha384::digest(msg)),
        Algorithm::RS512 => key.sign(Pkcs1v15Sign::new::<Sha512>(), &Sha512::digest(msg)),
        _ => panic!("not an RSA algorithm"),
    }
    .unwrap()
}

/// A compact JWS signed by the `rsa` crate.
pub fn rsa_token(key: &RsaPrivateKey, alg: Algorithm, claims: &str) -> String {
    let input = format!(
        "{}.{}",
        b64(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes()),
        b64(claims.as_bytes())
    );
    let sig = rsa_sign(key, alg, input.as_bytes());
    format!("{input}.{}", b64(&sig))
}

/// The token's `header.payload` and signature segment.
pub fn split(token: &str) -> (&str, &str) {
    token.rsplit_once('.').unwrap()
}
