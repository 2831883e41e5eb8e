//! ES256 signing (`EcSigningKey`): RFC 6979's deterministic signatures, tokens checked by
//! `jsonwebtoken` (aws-lc-rs) and by authcore's own verifier, `jsonwebtoken`'s tokens from
//! the same PEM checked by authcore, the loaders' refusals, and the output buffer rules.
//!
//! `tests/vectors/es256-sec1.pem` is `es256-private.pem` rewritten by `openssl ec` (SEC 1).

#![cfg(feature = "es256")]

use authcore::{
    Algorithm, EcPublicKey, EcSigningKey, Error, HmacKey, KeyError, SigningKey, Validation,
    sign_jws, verify,
};
use base64::Engine as _;

const ES256_PRIVATE: &str = include_str!("vectors/es256-private.pem");
const ES256_SEC1: &str = include_str!("vectors/es256-sec1.pem");
const ES256_PUBLIC: &str = include_str!("vectors/es256-public.pem");
const ES384_PRIVATE: &str = include_str!("vectors/es384-private.pem");
const ED25519_PRIVATE: &str = include_str!("vectors/ed25519-private.pem");
const RSA_PRIVATE: &str = include_str!("vectors/rsa2048-private.pem");
const RSA_PKCS1: &str = include_str!("vectors/rsa2048-pkcs1.pem");

const CLAIMS: &[u8] = br#"{"iss":"https://idp.example","sub":"device-42","exp":1800000600}"#;
const NOW: i64 = 1_800_000_000;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

fn to_pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

fn key() -> EcSigningKey {
    EcSigningKey::from_pem(Algorithm::ES256, ES256_PRIVATE.as_bytes()).unwrap()
}

fn public() -> EcPublicKey {
    EcPublicKey::from_public_key_pem(Algorithm::ES256, ES256_PUBLIC.as_bytes()).unwrap()
}

/// RFC 6979 Appendix A.2.5: P-256 with SHA-256, messages "sample" and "test". The nonce
/// is derived from the key and message, so the signatures are the RFC's to the byte.
#[test]
fn rfc6979_a25_vectors() {
    let x = hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
    let key = EcSigningKey::from_scalar(Algorithm::ES256, &x).unwrap();
    let cases = [
        (
            "sample",
            "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
        ),
        (
            "test",
            "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083",
        ),
    ];
    for (msg, r, s) in cases {
        let sig = key.sign_message(msg.as_bytes()).unwrap();
        assert_eq!(sig[..32], hex(r)[..], "{msg}: r");
        assert_eq!(sig[32..], hex(s)[..], "{msg}: s");
        key.public_key()
            .verify_message(msg.as_bytes(), &sig)
            .unwrap();
    }
    // The RFC's public key, Ux and Uy.
    let want = EcPublicKey::from_coordinates(
        Algorithm::ES256,
        &hex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"),
        &hex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"),
    )
    .unwrap();
    assert_eq!(key.public_key(), want);
}

/// Tokens signed here verify with authcore's verifier and with jsonwebtoken's (aws-lc-rs),
/// and signing the same claims twice gives the same token (RFC 6979).
#[test]
fn signed_tokens_verify_elsewhere() {
    let key = key();
    let mut out = [0u8; 512];
    let token = key
        .sign(CLAIMS, Some("k-\"1\""), &mut out)
        .unwrap()
        .to_owned();
    let mut again = [0u8; 512];
    assert_eq!(
        key.sign(CLAIMS, Some("k-\"1\""), &mut again).unwrap(),
        token
    );

    let mut buf = [0u8; 512];
    let policy = Validation::new(Algorithm::ES256).issuer(&["https://idp.example"]);
    let verified = verify(&token, &public(), &policy, NOW, &mut buf).unwrap();
    assert_eq!(verified.header().kid.map(|k| k.raw()), Some("k-\\\"1\\\""));
    assert_eq!(
        verify(&token, &key.public_key(), &policy, NOW, &mut buf).map(|_| ()),
        Ok(())
    );

    let (_, point) = fixture_parts();
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let decoding =
        jsonwebtoken::DecodingKey::from_ec_components(&b64(&point[1..33]), &b64(&point[33..]))
            .unwrap();
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    v.validate_exp = false;
    let data = jsonwebtoken::decode::<serde_json::Value>(&token, &decoding, &v).unwrap();
    assert_eq!(data.claims["sub"], "device-42");
    assert_eq!(data.header.kid.as_deref(), Some("k-\"1\""));
    assert_eq!(data.header.typ.as_deref(), Some("JWT"));

    // A changed signature is refused by both.
    let (head, sig) = token.rsplit_once('.').unwrap();
    let mut sig = sig.as_bytes().to_vec();
    sig[10] = if sig[10] == b'A' { b'B' } else { b'A' };
    let bad = format!("{head}.{}", String::from_utf8(sig).unwrap());
    assert_eq!(
        verify(&bad, &public(), &policy, NOW, &mut buf).map(|_| ()),
        Err(Error::InvalidSignature)
    );
    assert!(jsonwebtoken::decode::<serde_json::Value>(&bad, &decoding, &v).is_err());
}

/// jsonwebtoken's ES256 tokens from the same private PEM verify with the public key the
/// signing key gives.
#[test]
fn jsonwebtoken_tokens_verify_with_the_signing_keys_public_key() {
    let encoding = jsonwebtoken::EncodingKey::from_ec_der(&pem_der(ES256_PRIVATE));
    let claims: serde_json::Value = serde_json::from_slice(CLAIMS).unwrap();
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    let policy = Validation::new(Algorithm::ES256);
    let mut buf = [0u8; 512];
    for _ in 0..8 {
        let token = jsonwebtoken::encode(&header, &claims, &encoding).unwrap();
        verify(&token, &key().public_key(), &policy, NOW, &mut buf).unwrap();
    }
}

/// PKCS#8 and SEC 1, PEM and DER: the same key, the same signatures.
#[test]
fn every_encoding_gives_the_same_key() {
    let want = key().sign_message(b"m").unwrap();
    let keys = [
        EcSigningKey::from_pem(Algorithm::ES256, ES256_SEC1.as_bytes()).unwrap(),
        EcSigningKey::from_pkcs8_der(Algorithm::ES256, &pem_der(ES256_PRIVATE)).unwrap(),
        EcSigningKey::from_sec1_der(Algorithm::ES256, &pem_der(ES256_SEC1)).unwrap(),
    ];
    for k in keys {
        assert_eq!(k.sign_message(b"m").unwrap(), want);
        assert_eq!(k.public_key(), public());
    }
}

/// `ECPrivateKey` DER from its pieces: version, scalar, optional [0] curve OID content and
/// optional [1] public point.
fn sec1(version: u8, scalar: &[u8], curve: Option<&[u8]>, public: Option<&[u8]>) -> Vec<u8> {
    let mut body = vec![0x02, 1, version, 0x04, scalar.len() as u8];
    body.extend_from_slice(scalar);
    if let Some(oid) = curve {
        body.extend_from_slice(&[0xa0, oid.len() as u8 + 2, 0x06, oid.len() as u8]);
        body.extend_from_slice(oid);
    }
    if let Some(point) = public {
        body.extend_from_slice(&[0xa1, point.len() as u8 + 3, 0x03, point.len() as u8 + 1, 0]);
        body.extend_from_slice(point);
    }
    let mut der = vec![0x30, body.len() as u8];
    der.extend(body);
    der
}

const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const ORDER: &str = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";

/// The fixture's scalar and uncompressed public point, read from its SEC 1 DER.
fn fixture_parts() -> (Vec<u8>, Vec<u8>) {
    let der = pem_der(ES256_SEC1);
    (der[7..39].to_vec(), der[der.len() - 65..].to_vec())
}

/// Every refusal is the specific error, and no key results.
#[test]
fn loader_refusals() {
    let es256 = Algorithm::ES256;
    let err = |r: Result<EcSigningKey, Error>| r.map(|_| ()).unwrap_err();
    let (scalar, point) = fixture_parts();
    // The hand-built DER matches the fixture's, so the refusals below differ from a good
    // key only where they say.
    assert_eq!(
        sec1(1, &scalar, Some(P256), Some(&point)),
        pem_der(ES256_SEC1)
    );
    assert!(EcSigningKey::from_sec1_der(es256, &sec1(1, &scalar, Some(P256), None)).is_ok());

    let cases: Vec<(&str, Result<EcSigningKey, Error>, KeyError)> = vec![
        (
            "public key PEM",
            EcSigningKey::from_pem(es256, ES256_PUBLIC.as_bytes()),
            KeyError::PemLabel,
        ),
        (
            "RSA PKCS#1 PEM",
            EcSigningKey::from_pem(es256, RSA_PKCS1.as_bytes()),
            KeyError::PemLabel,
        ),
        (
            "RSA PKCS#8 PEM",
            EcSigningKey::from_pem(es256, RSA_PRIVATE.as_bytes()),
            KeyError::NotEc,
        ),
        (
            "Ed25519 PKCS#8",
            EcSigningKey::from_pem(es256, ED25519_PRIVATE.as_bytes()),
            KeyError::NotEc,
        ),
        (
            "P-384 PKCS#8",
            EcSigningKey::from_pem(es256, ES384_PRIVATE.as_bytes()),
            KeyError::Curve,
        ),
        (
            "ES384 algorithm",
            EcSigningKey::from_pem(Algorithm::ES384, ES256_PRIVATE.as_bytes()),
            KeyError::WrongAlgorithm,
        ),
        (
            "HS256 algorithm",
            EcSigningKey::from_scalar(Algorithm::HS256, &scalar),
            KeyError::WrongAlgorithm,
        ),
        (
            "truncated PEM",
            EcSigningKey::from_pem(es256, &ES256_PRIVATE.as_bytes()[..100]),
            KeyError::Pem,
        ),
        ("empty", EcSigningKey::from_pem(es256, b""), KeyError::Pem),
        (
            "truncated DER",
            EcSigningKey::from_pkcs8_der(es256, &pem_der(ES256_PRIVATE)[..100]),
            KeyError::Der,
        ),
        (
            "SEC 1 as PKCS#8",
            EcSigningKey::from_pkcs8_der(es256, &pem_der(ES256_SEC1)),
            KeyError::Der,
        ),
        (
            "PKCS#8 as SEC 1",
            EcSigningKey::from_sec1_der(es256, &pem_der(ES256_PRIVATE)),
            KeyError::Der,
        ),
        (
            "SEC 1 version 0",
            EcSigningKey::from_sec1_der(es256, &sec1(0, &scalar, Some(P256), None)),
            KeyError::Der,
        ),
        (
            "SEC 1 without curve",
            EcSigningKey::from_sec1_der(es256, &sec1(1, &scalar, None, None)),
            KeyError::Curve,
        ),
        (
            "SEC 1 on P-384",
            EcSigningKey::from_sec1_der(es256, &sec1(1, &scalar, Some(P384), None)),
            KeyError::Curve,
        ),
        (
            "zero scalar",
            EcSigningKey::from_sec1_der(es256, &sec1(1, &[0; 32], Some(P256), None)),
            KeyError::PrivateKey,
        ),
        (
            "scalar = n",
            EcSigningKey::from_sec1_der(es256, &sec1(1, &hex(ORDER), Some(P256), None)),
            KeyError::PrivateKey,
        ),
        (
            "31-byte scalar",
            EcSigningKey::from_sec1_der(es256, &sec1(1, &scalar[1..], Some(P256), None)),
            KeyError::PrivateKey,
        ),
        (
            "33-byte scalar",
            EcSigningKey::from_scalar(es256, &[&[0u8][..], &scalar].concat()),
            KeyError::PrivateKey,
        ),
        (
            "another key's point",
            {
                let mut other = scalar.clone();
                other[31] ^= 1;
                EcSigningKey::from_sec1_der(es256, &sec1(1, &other, Some(P256), Some(&point)))
            },
            KeyError::PrivateKey,
        ),
    ];
    for (what, result, want) in cases {
        assert_eq!(err(result), Error::Key(want), "{what}");
    }

    // Trailing bytes after the DER, inside a well-formed PEM.
    let mut der = pem_der(ES256_PRIVATE);
    der.push(0);
    let pem = to_pem("PRIVATE KEY", &der);
    assert_eq!(
        err(EcSigningKey::from_pem(es256, pem.as_bytes())),
        Error::Key(KeyError::Der)
    );
    // The SEC 1 body under the PKCS#8 label.
    let pem = to_pem("PRIVATE KEY", &pem_der(ES256_SEC1));
    assert_eq!(
        err(EcSigningKey::from_pem(es256, pem.as_bytes())),
        Error::Key(KeyError::Der)
    );
    // PKCS#8 v2 (RFC 5958) with the public key beside it is read; version 2 is not.
    let mut v2 = pem_der(ES256_PRIVATE);
    v2[4] = 1;
    assert!(EcSigningKey::from_pkcs8_der(es256, &v2).is_ok());
    v2[4] = 2;
    assert_eq!(
        err(EcSigningKey::from_pkcs8_der(es256, &v2)),
        Error::Key(KeyError::Der)
    );
}

/// A too-small buffer gets the exact size and is left as it was; a bad claims set or kid
/// is refused before anything is written.
#[test]
fn output_buffer_rules() {
    let key = key();
    let mut out = [0u8; 512];
    let len = key.sign(CLAIMS, Some("k1"), &mut out).unwrap().len();
    for n in [0, 1, len / 2, len - 1] {
        let mut small = vec![0xA5u8; n];
        assert_eq!(
            key.sign(CLAIMS, Some("k1"), &mut small),
            Err(Error::BufferTooSmall { needed: len })
        );
        assert!(small.iter().all(|&b| b == 0xA5), "{n}");
    }
    let mut exact = vec![0u8; len];
    assert_eq!(key.sign(CLAIMS, Some("k1"), &mut exact).unwrap().len(), len);

    let mut untouched = [0xA5u8; 512];
    assert!(matches!(
        key.sign(b"[1]", None, &mut untouched),
        Err(Error::Json(authcore::Part::Payload, _))
    ));
    assert!(matches!(
        key.sign(br#"{"a":1,"a":2}"#, None, &mut untouched),
        Err(Error::Json(
            authcore::Part::Payload,
            authcore::JsonError::DuplicateKey
        ))
    ));
    let long_kid = "k".repeat(authcore::keys::MAX_KID_LEN + 1);
    assert_eq!(
        key.sign(CLAIMS, Some(&long_kid), &mut untouched),
        Err(Error::InvalidHeader)
    );
    assert!(untouched.iter().all(|&b| b == 0xA5));
}

/// One writer for every key: `sign_jws` with an HMAC key is `HmacKey::sign`, and the
/// signature lengths are the algorithms'.
#[test]
fn one_writer_for_every_key() {
    let hmac = HmacKey::hs256(b"a shared secret of at least 32 bytes!").unwrap();
    let (mut a, mut b) = ([0u8; 256], [0u8; 256]);
    assert_eq!(
        sign_jws(&hmac, CLAIMS, None, &mut a).unwrap(),
        hmac.sign(CLAIMS, None, &mut b).unwrap()
    );
    assert_eq!(SigningKey::signature_len(&hmac), 32);
    assert_eq!(SigningKey::signature_len(&key()), 64);
    let mut c = [0u8; 256];
    let token = sign_jws(&&key(), CLAIMS, None, &mut c).unwrap();
    assert_eq!(token.rsplit_once('.').unwrap().1.len(), 86);
}

#[test]
fn debug_is_redacted() {
    let text = format!("{:?}", key());
    assert_eq!(
        text,
        r#"EcSigningKey { algorithm: ES256, secret: "<redacted>" }"#
    );
}

mod counting_alloc;

/// Loading the key, signing a token and writing a client assertion allocate nothing.
#[test]
fn signing_allocates_nothing() {
    use authcore::client_assertion::{ClientAssertion, client_credentials_body};
    let (n, key) = counting_alloc::allocations_in(|| {
        EcSigningKey::from_pem(Algorithm::ES256, ES256_PRIVATE.as_bytes())
    });
    assert_eq!(n, 0, "key from PEM");
    let key = key.unwrap();
    let mut out = [0u8; 512];
    let (n, len) =
        counting_alloc::allocations_in(|| key.sign(CLAIMS, Some("k1"), &mut out).map(str::len));
    assert_eq!(n, 0, "sign");
    assert!(len.is_ok());
    let mut body = [0u8; 1024];
    let (n, ok) = counting_alloc::allocations_in(|| {
        let a = ClientAssertion::new("client", "https://idp.example/token", 1, 61).jti("j");
        let token = a.sign(&key, Some("k1"), &mut out)?;
        client_credentials_body(token, Some("read"), &mut body)
            .map(|b| b.len())
            .map_err(|_| Error::InvalidHeader)
    });
    assert_eq!(n, 0, "client assertion");
    assert!(ok.is_ok());
}

/// Every one-byte change (three ways) and every truncation of the PKCS#8 and SEC 1
/// fixtures: never a panic, a refusal is a key error of the DER's kind, and a key that is
/// still accepted is the same key (its public half is the fixture's) and, for PKCS#8, one
/// that `jsonwebtoken` (aws-lc's PKCS#8 reader) signs with too.
#[test]
fn mutated_der_is_refused_or_the_same_key() {
    let es256 = Algorithm::ES256;
    let expected = [
        KeyError::Der,
        KeyError::PrivateKey,
        KeyError::NotEc,
        KeyError::Curve,
    ];
    for (pkcs8, good) in [(true, pem_der(ES256_PRIVATE)), (false, pem_der(ES256_SEC1))] {
        let load = |der: &[u8]| {
            if pkcs8 {
                EcSigningKey::from_pkcs8_der(es256, der)
            } else {
                EcSigningKey::from_sec1_der(es256, der)
            }
        };
        let mut inputs: Vec<Vec<u8>> = (0..good.len()).map(|n| good[..n].to_vec()).collect();
        for i in 0..good.len() {
            for x in [0x01u8, 0x80, 0xff] {
                let mut m = good.clone();
                m[i] ^= x;
                inputs.push(m);
            }
        }
        let mut accepted = 0;
        for m in &inputs {
            match load(m) {
                Ok(key) => {
                    accepted += 1;
                    assert_eq!(key.public_key(), public(), "{m:02x?}");
                    if pkcs8 {
                        let theirs = jsonwebtoken::EncodingKey::from_ec_der(m);
                        let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
                        let token =
                            jsonwebtoken::encode(&header, &serde_json::json!({}), &theirs).unwrap();
                        let mut buf = [0u8; 256];
                        let policy = Validation::new(Algorithm::ES256).require(&[]);
                        verify(&token, &public(), &policy, NOW, &mut buf).unwrap();
                    }
                }
                Err(Error::Key(e)) => assert!(expected.contains(&e), "{e:?} for {m:02x?}"),
                Err(e) => panic!("{e:?} for {m:02x?}"),
            }
        }
        // Only the PKCS#8 version 0 -> 1 (RFC 5958's v2) keeps the key.
        assert_eq!(accepted, usize::from(pkcs8), "pkcs8: {pkcs8}");
    }
}
