//! RS256/384/512 signing with `RsaSigningKey` (feature `rsa-sign`): PKCS#1 v1.5 is
//! deterministic, so every signature must equal `jsonwebtoken`'s (aws-lc-rs) for the same
//! key and signing input, byte for byte; tokens verify with authcore's own RSA keys; the
//! loaders' refusals are specific.

#![cfg(feature = "rsa-sign")]

mod rsa_support;

use authcore::{Algorithm, Error, KeyError, RsaPublicKey, RsaSigningKey, Validation, verify};
use rsa::pkcs1::EncodeRsaPrivateKey as _;
use rsa::pkcs8::EncodePrivateKey as _;
use rsa_support::{CLAIMS, NOW, RS, SIZES, private_key, private_pem, spki_pem};

fn jwt_alg(alg: Algorithm) -> jsonwebtoken::Algorithm {
    match alg {
        Algorithm::RS256 => jsonwebtoken::Algorithm::RS256,
        Algorithm::RS384 => jsonwebtoken::Algorithm::RS384,
        _ => jsonwebtoken::Algorithm::RS512,
    }
}

#[test]
fn signatures_equal_jsonwebtokens_and_verify() {
    for bits in SIZES {
        let pkcs1_der = private_key(bits).to_pkcs1_der().unwrap();
        let encoding = jsonwebtoken::EncodingKey::from_rsa_der(pkcs1_der.as_bytes());
        let public_pem = spki_pem(bits);
        for alg in RS {
            let key = RsaSigningKey::from_pem(alg, private_pem(bits)).unwrap();
            let mut out = vec![0u8; 2048];
            let token = key.sign(CLAIMS.as_bytes(), Some("k1"), &mut out).unwrap();
            let (input, sig) = token.rsplit_once('.').unwrap();
            let theirs = jsonwebtoken::crypto::sign(input.as_bytes(), &encoding, jwt_alg(alg));
            assert_eq!(sig, theirs.unwrap(), "{bits} {alg:?}");

            let public = RsaPublicKey::from_pem(alg, public_pem.as_bytes()).unwrap();
            let mut buf = [0u8; 512];
            let policy = Validation::new(alg).issuer(&["https://idp.example"]);
            verify(token, &public, &policy, NOW, &mut buf).unwrap();
        }
    }
}

#[test]
fn every_encoding_gives_the_same_key() {
    let key = private_key(2048);
    let pkcs1_pem = key.to_pkcs1_pem(Default::default()).unwrap();
    let pkcs8_der = key.to_pkcs8_der().unwrap();
    let pkcs1_der = key.to_pkcs1_der().unwrap();
    let want = RsaSigningKey::from_pkcs8_pem(Algorithm::RS256, private_pem(2048))
        .unwrap()
        .sign_message(b"m")
        .unwrap();
    let keys = [
        RsaSigningKey::from_pkcs1_pem(Algorithm::RS256, &pkcs1_pem).unwrap(),
        RsaSigningKey::from_pem(Algorithm::RS256, &pkcs1_pem).unwrap(),
        RsaSigningKey::from_pkcs8_der(Algorithm::RS256, pkcs8_der.as_bytes()).unwrap(),
        RsaSigningKey::from_pkcs1_der(Algorithm::RS256, pkcs1_der.as_bytes()).unwrap(),
    ];
    for k in keys {
        assert_eq!(k.sign_message(b"m").unwrap(), want);
    }
}

#[test]
fn loader_refusals() {
    let es256 = include_str!("vectors/es256-private.pem");
    let err = |r: Result<RsaSigningKey, Error>| r.map(|_| ()).unwrap_err();
    let rs = Algorithm::RS256;
    let cases = [
        (
            "HS256",
            err(RsaSigningKey::from_pem(Algorithm::HS256, private_pem(2048))),
            KeyError::WrongAlgorithm,
        ),
        (
            "PS256",
            err(RsaSigningKey::from_pem(Algorithm::PS256, private_pem(2048))),
            KeyError::WrongAlgorithm,
        ),
        (
            "public key",
            err(RsaSigningKey::from_pkcs8_pem(rs, spki_pem(2048))),
            KeyError::PemLabel,
        ),
        (
            "PKCS#8 as PKCS#1",
            err(RsaSigningKey::from_pkcs1_pem(rs, private_pem(2048))),
            KeyError::PemLabel,
        ),
        (
            "EC key",
            err(RsaSigningKey::from_pem(rs, es256)),
            KeyError::NotRsa,
        ),
        (
            "truncated",
            err(RsaSigningKey::from_pem(rs, &private_pem(2048)[..300])),
            KeyError::Pem,
        ),
        (
            "bad DER",
            err(RsaSigningKey::from_pkcs8_der(
                rs,
                &[0x30, 0x03, 0x02, 0x01, 0x00],
            )),
            KeyError::Der,
        ),
        (
            "1024 bits",
            err(RsaSigningKey::from_pem(rs, &small_key_pem())),
            KeyError::RsaModulusSize { bits: 1024 },
        ),
    ];
    for (what, got, want) in cases {
        assert_eq!(got, Error::Key(want), "{what}");
    }
}

fn small_key_pem() -> String {
    let mut rng = rsa::rand_core::OsRng;
    let key = rsa::RsaPrivateKey::new(&mut rng, 1024).unwrap();
    key.to_pkcs8_pem(Default::default()).unwrap().to_string()
}

#[test]
fn output_buffer_rules_and_debug() {
    let key = RsaSigningKey::from_pem(Algorithm::RS256, private_pem(2048)).unwrap();
    let mut out = vec![0u8; 2048];
    let len = key.sign(CLAIMS.as_bytes(), None, &mut out).unwrap().len();
    let mut small = vec![0xA5u8; len - 1];
    assert_eq!(
        key.sign(CLAIMS.as_bytes(), None, &mut small),
        Err(Error::BufferTooSmall { needed: len })
    );
    assert!(small.iter().all(|&b| b == 0xA5));
    let text = format!("{key:?}");
    assert_eq!(
        text,
        r#"RsaSigningKey { algorithm: RS256, bits: 2048, secret: "<redacted>" }"#
    );
}
