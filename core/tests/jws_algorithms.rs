//! ES256, ES384, EdDSA and PS256/384/512 as a whole: the RFC examples, tokens made by the
//! `jsonwebtoken` crate (aws-lc-rs backend) verified with every claim checked, the key
//! loaders' refusals, and algorithm confusion across every pair of key families.
//!
//! The key fixtures `tests/vectors/es256-*.pem`, `es384-*.pem` and `ed25519-*.pem` were made
//! once with `openssl genpkey` (`-algorithm EC -pkeyopt ec_paramgen_curve:P-256` / `P-384`,
//! `-algorithm ED25519`) and `openssl pkey -pubout`.

#![cfg(all(
    feature = "es256",
    feature = "es384",
    feature = "eddsa",
    feature = "pss"
))]

mod rsa_support;

use authcore::{
    Algorithm, EcPublicKey, Ed25519PublicKey, Error, HmacKey, KeyError, RsaPublicKey, Validation,
    VerifyingKey, verify,
};
use base64::Engine as _;
use rsa::pkcs1::EncodeRsaPrivateKey as _;
use rsa_support::{b64, private_key};
use serde_json::json;

const ES256_PRIVATE: &str = include_str!("vectors/es256-private.pem");
const ES256_PUBLIC: &str = include_str!("vectors/es256-public.pem");
const ES384_PRIVATE: &str = include_str!("vectors/es384-private.pem");
const ES384_PUBLIC: &str = include_str!("vectors/es384-public.pem");
const ED25519_PRIVATE: &str = include_str!("vectors/ed25519-private.pem");
const ED25519_PUBLIC: &str = include_str!("vectors/ed25519-public.pem");

const NOW: i64 = 1_800_000_000;

/// A PEM's body, decoded.
fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

fn jwt_alg(alg: Algorithm) -> jsonwebtoken::Algorithm {
    use jsonwebtoken::Algorithm as J;
    match alg {
        Algorithm::HS256 => J::HS256,
        Algorithm::HS384 => J::HS384,
        Algorithm::HS512 => J::HS512,
        Algorithm::RS256 => J::RS256,
        Algorithm::RS384 => J::RS384,
        Algorithm::RS512 => J::RS512,
        Algorithm::ES256 => J::ES256,
        Algorithm::ES384 => J::ES384,
        Algorithm::PS256 => J::PS256,
        Algorithm::PS384 => J::PS384,
        Algorithm::PS512 => J::PS512,
        Algorithm::EdDSA => J::EdDSA,
    }
}

/// The claims every interop token carries, and the policy that checks each of them.
fn claims() -> serde_json::Value {
    json!({
        "iss": "https://idp.example", "sub": "device-42", "aud": ["api", "other"],
        "exp": NOW + 600, "nbf": NOW - 60, "iat": NOW - 60, "jti": "7f3e\u{e9}",
    })
}

fn policy(alg: Algorithm) -> Validation<'static> {
    Validation::new(alg)
        .issuer(&["https://idp.example"])
        .audience(&["api"])
        .subject("device-42")
        .require(&["exp", "nbf", "iat", "jti"])
        .max_age(3600)
}

/// A token made by jsonwebtoken with the private key for `alg`.
fn jsonwebtoken_token(alg: Algorithm, bits: usize) -> String {
    let key = match alg {
        Algorithm::ES256 => jsonwebtoken::EncodingKey::from_ec_der(&pem_der(ES256_PRIVATE)),
        Algorithm::ES384 => jsonwebtoken::EncodingKey::from_ec_der(&pem_der(ES384_PRIVATE)),
        Algorithm::EdDSA => jsonwebtoken::EncodingKey::from_ed_der(&pem_der(ED25519_PRIVATE)),
        _ => {
            let der = private_key(bits).to_pkcs1_der().unwrap();
            jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes())
        }
    };
    jsonwebtoken::encode(&jsonwebtoken::Header::new(jwt_alg(alg)), &claims(), &key).unwrap()
}

fn ec_key(alg: Algorithm) -> EcPublicKey {
    let pem = if alg == Algorithm::ES256 {
        ES256_PUBLIC
    } else {
        ES384_PUBLIC
    };
    EcPublicKey::from_public_key_pem(alg, pem.as_bytes()).unwrap()
}

fn ed_key() -> Ed25519PublicKey {
    Ed25519PublicKey::from_public_key_pem(ED25519_PUBLIC.as_bytes()).unwrap()
}

fn ps_key(alg: Algorithm, bits: usize) -> RsaPublicKey {
    RsaPublicKey::from_pem(alg, rsa_support::spki_pem(bits).as_bytes()).unwrap()
}

/// Verifies `token` with `key` under the full policy, reading back the claims.
fn check(token: &str, key: &dyn VerifyingKey, alg: Algorithm) -> Result<(), Error> {
    let mut buf = [0u8; 1024];
    let policy = policy(alg);
    let verified = verify(token, key, &policy, NOW, &mut buf)?;
    assert_eq!(verified.header().alg, alg);
    let c = verified.claims();
    assert_eq!(c.exp, Some(NOW + 600));
    assert!(c.sub.is_some_and(|s| s.eq_str("device-42")));
    assert!(c.jti.is_some_and(|s| s.eq_str("7f3e\u{e9}")));
    Ok(())
}

/// A token with its signature's first byte changed.
fn tampered(token: &str) -> String {
    let (head, sig) = token.rsplit_once('.').unwrap();
    let mut sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sig)
        .unwrap();
    sig[0] ^= 1;
    format!("{head}.{}", b64(&sig))
}

/// Same token, payload changed to a later `exp`, signature kept.
fn other_payload(token: &str) -> String {
    let mut parts = token.split('.');
    let (h, _, s) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let mut c = claims();
    c["exp"] = json!(NOW + 6000);
    format!("{h}.{}.{s}", b64(c.to_string().as_bytes()))
}

#[test]
fn jsonwebtoken_tokens_verify() {
    for alg in [Algorithm::ES256, Algorithm::ES384] {
        let token = jsonwebtoken_token(alg, 0);
        let key = ec_key(alg);
        assert_eq!(check(&token, &key, alg), Ok(()), "{alg}");
        assert_eq!(
            check(&tampered(&token), &key, alg),
            Err(Error::InvalidSignature)
        );
        assert_eq!(
            check(&other_payload(&token), &key, alg),
            Err(Error::InvalidSignature)
        );
    }
    let token = jsonwebtoken_token(Algorithm::EdDSA, 0);
    assert_eq!(check(&token, &ed_key(), Algorithm::EdDSA), Ok(()));
    assert_eq!(
        check(&tampered(&token), &ed_key(), Algorithm::EdDSA),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        check(&other_payload(&token), &ed_key(), Algorithm::EdDSA),
        Err(Error::InvalidSignature)
    );
    for bits in rsa_support::SIZES {
        for alg in [Algorithm::PS256, Algorithm::PS384, Algorithm::PS512] {
            let token = jsonwebtoken_token(alg, bits);
            let key = ps_key(alg, bits);
            assert_eq!(check(&token, &key, alg), Ok(()), "{alg} {bits}");
            assert_eq!(
                check(&tampered(&token), &key, alg),
                Err(Error::InvalidSignature)
            );
            // The same modulus pinned to PKCS#1 v1.5 refuses the PSS token before any
            // arithmetic, and the PSS key refuses an RS token.
            let rs =
                RsaPublicKey::from_pem(Algorithm::RS256, rsa_support::spki_pem(bits).as_bytes())
                    .unwrap();
            assert_eq!(
                check(&token, &rs, Algorithm::RS256),
                Err(Error::AlgorithmMismatch {
                    expected: Algorithm::RS256,
                    found: alg
                })
            );
            assert_eq!(
                check(&token, &rs, alg),
                Err(KeyError::WrongAlgorithm.into())
            );
        }
        let rs_token = jsonwebtoken_token(Algorithm::RS256, bits);
        let ps = ps_key(Algorithm::PS256, bits);
        assert_eq!(
            check(&rs_token, &ps, Algorithm::PS256),
            Err(Error::AlgorithmMismatch {
                expected: Algorithm::PS256,
                found: Algorithm::RS256
            })
        );
    }
}

/// A token's claims are checked after its signature, as for every algorithm: expired, and
/// of another audience, with a valid signature.
#[test]
fn claims_are_validated() {
    for alg in [Algorithm::ES256, Algorithm::EdDSA, Algorithm::PS256] {
        let token = jsonwebtoken_token(alg, 2048);
        let key: Box<dyn VerifyingKey> = match alg {
            Algorithm::ES256 => Box::new(ec_key(alg)),
            Algorithm::EdDSA => Box::new(ed_key()),
            _ => Box::new(ps_key(alg, 2048)),
        };
        let mut buf = [0u8; 1024];
        let late = verify(&token, &*key, &policy(alg), NOW + 601, &mut buf).map(|_| ());
        assert_eq!(late, Err(Error::Expired), "{alg}");
        let other = policy(alg).audience(&["billing"]);
        let aud = verify(&token, &*key, &other, NOW, &mut buf).map(|_| ());
        assert_eq!(aud, Err(Error::InvalidAudience), "{alg}");
    }
}

/// RFC 7515 Appendix A.3 (ES256; its `exp` is 2011's, so "now" is set before it) and A.4
/// (ES512, which authcore does not support).
#[test]
fn rfc7515_ecdsa_examples() {
    let jwk = r#"{"kty":"EC","crv":"P-256",
        "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        "d":"jpsQnnGQmL-YBIffH1136cLSG6rNd3vPPjiG4hhh6Ua"}"#;
    let key = EcPublicKey::from_jwk(Algorithm::ES256, jwk.as_bytes()).unwrap();
    let token = concat!(
        "eyJhbGciOiJFUzI1NiJ9",
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
        ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
    );
    let policy = Validation::new(Algorithm::ES256)
        .issuer(&["joe"])
        .require(&["exp"]);
    let mut buf = [0u8; 256];
    let verified = verify(token, &key, &policy, 1_300_819_000, &mut buf).unwrap();
    assert_eq!(verified.claims().exp, Some(1_300_819_380));
    // After its exp, with the same key: expired, not a signature failure.
    let late = verify(token, &key, &policy, 1_300_819_381, &mut buf).map(|_| ());
    assert_eq!(late, Err(Error::Expired));
    assert_eq!(
        verify(&tampered(token), &key, &policy, 1_300_819_000, &mut buf).map(|_| ()),
        Err(Error::InvalidSignature)
    );

    let es512 = concat!(
        "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-",
        "mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn",
    );
    let policy = Validation::new(Algorithm::ES256);
    assert_eq!(
        verify(es512, &key, &policy, 0, &mut buf).map(|_| ()),
        Err(Error::UnsupportedAlgorithm)
    );
    assert_eq!(Algorithm::from_name("ES512"), None);
}

/// RFC 8037 Appendix A.4: the Ed25519 JWS. Its payload is text, not a claims set, so the
/// signature is checked alone; A.5's JWK thumbprint input is the same key.
#[test]
fn rfc8037_ed25519_example() {
    let jwk = r#"{"kty":"OKP","crv":"Ed25519",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    let key = Ed25519PublicKey::from_jwk(jwk.as_bytes()).unwrap();
    let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    let sig =
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    assert_eq!(key.verify_signature(input, sig.as_bytes()), Ok(()));
    let token = format!("{}.{sig}", core::str::from_utf8(input).unwrap());
    assert_eq!(
        key.verify_signature(
            b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmd",
            sig.as_bytes()
        ),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        key.verify_signature(
            input,
            tampered(&token).rsplit_once('.').unwrap().1.as_bytes()
        ),
        Err(Error::InvalidSignature)
    );
    // Through `verify`, the signature passes and the text payload is then refused as JSON.
    let mut buf = [0u8; 256];
    let got = verify(
        &token,
        &key,
        &Validation::new(Algorithm::EdDSA),
        0,
        &mut buf,
    )
    .map(|_| ());
    assert!(
        matches!(got, Err(Error::Json(authcore::Part::Payload, _))),
        "{got:?}"
    );
}

/// Signature segments of the wrong length, and a DER ECDSA signature, are refused as
/// invalid signatures; a segment that is not base64url as such.
#[test]
fn signature_lengths() {
    let token = jsonwebtoken_token(Algorithm::ES256, 0);
    let key = ec_key(Algorithm::ES256);
    let (input, sig) = token.rsplit_once('.').unwrap();
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sig)
        .unwrap();
    assert_eq!(raw.len(), 64);
    for bad in [
        &raw[..63],
        &[&raw[..], &[0]].concat(),
        &[],
        &[raw.clone(), raw.clone()].concat(),
    ] {
        assert_eq!(
            key.verify_signature(input.as_bytes(), b64(bad).as_bytes()),
            Err(Error::InvalidSignature),
            "{}",
            bad.len()
        );
        assert_eq!(
            key.verify_message(input.as_bytes(), bad),
            Err(Error::InvalidSignature)
        );
    }
    assert_eq!(
        key.verify_signature(input.as_bytes(), &[b'*'; 86]),
        Err(Error::Base64(authcore::Part::Signature))
    );
    // r = 0, s = 0, r = n: refused.
    let n = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    for sig in [
        [vec![0; 32], raw[32..].to_vec()].concat(),
        [raw[..32].to_vec(), vec![0; 32]].concat(),
        [n.clone(), raw[32..].to_vec()].concat(),
        [raw[..32].to_vec(), n].concat(),
    ] {
        assert_eq!(
            key.verify_message(input.as_bytes(), &sig),
            Err(Error::InvalidSignature)
        );
    }
    // High s (n − s) verifies, as ECDSA and Wycheproof have it.
    let s = &raw[32..];
    let high = sub_be(
        &hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
        s,
    );
    let flipped = [raw[..32].to_vec(), high].concat();
    assert_eq!(key.verify_message(input.as_bytes(), &flipped), Ok(()));
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// a − b for big-endian numbers of one length, a ≥ b.
fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let mut d = a[i] as i16 - b[i] as i16 - borrow;
        borrow = (d < 0) as i16;
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out
}

/// The loaders' refusals, each with its own error.
#[test]
fn key_loader_errors() {
    let es256 = Algorithm::ES256;
    let der = pem_der(ES256_PUBLIC);
    let point = &der[der.len() - 65..];
    let (x, y) = (&point[1..33], &point[33..]);
    let jwk = |extra: &str, x: &[u8], y: &[u8]| {
        format!(
            r#"{{"kty":"EC","crv":"P-256",{extra}"x":"{}","y":"{}"}}"#,
            b64(x),
            b64(y)
        )
    };
    let ok = EcPublicKey::from_jwk(es256, jwk("", x, y).as_bytes()).unwrap();
    assert_eq!(EcPublicKey::from_public_key_der(es256, &der), Ok(ok));
    assert_eq!(EcPublicKey::from_sec1(es256, point), Ok(ok));
    assert_eq!(EcPublicKey::from_coordinates(es256, x, y), Ok(ok));
    let mut off = y.to_vec();
    off[31] ^= 1;
    let cases: Vec<(String, Algorithm, Error)> = vec![
        (jwk(r#""use":"enc","#, x, y), es256, KeyError::KeyUse.into()),
        (
            jwk(r#""alg":"ES384","#, x, y),
            es256,
            KeyError::KeyAlgorithm.into(),
        ),
        (jwk("", x, &off), es256, KeyError::InvalidPoint.into()),
        (jwk("", &x[1..], y), es256, KeyError::InvalidPoint.into()),
        (
            jwk("", &[x, &[0][..]].concat(), y),
            es256,
            KeyError::InvalidPoint.into(),
        ),
        (jwk("", x, y), Algorithm::ES384, KeyError::Curve.into()),
        (
            jwk("", x, y),
            Algorithm::RS256,
            KeyError::WrongAlgorithm.into(),
        ),
        (
            jwk("", x, y),
            Algorithm::EdDSA,
            KeyError::WrongAlgorithm.into(),
        ),
        (
            jwk("", x, y).replace(r#""kty":"EC""#, r#""kty":"RSA""#),
            es256,
            KeyError::NotEc.into(),
        ),
        (
            jwk("", x, y).replace(r#""crv":"P-256""#, r#""crv":"secp256k1""#),
            es256,
            KeyError::Curve.into(),
        ),
        (
            format!(r#"{{"kty":"EC","crv":"P-256","x":"{}"}}"#, b64(x)),
            es256,
            KeyError::JwkMember("y").into(),
        ),
        (
            jwk("", x, y).replace(r#""x":""#, r#""x":"*"#),
            es256,
            KeyError::JwkBase64("x").into(),
        ),
        (
            jwk(r#""kty":"EC","#, x, y),
            es256,
            KeyError::Json(authcore::JsonError::DuplicateKey).into(),
        ),
    ];
    for (text, alg, want) in cases {
        assert_eq!(
            EcPublicKey::from_jwk(alg, text.as_bytes()),
            Err(want),
            "{text}"
        );
    }
    // SPKI: another curve, another key type, a compressed point, a point off the curve.
    assert_eq!(
        EcPublicKey::from_public_key_der(Algorithm::ES384, &der),
        Err(KeyError::Curve.into())
    );
    assert_eq!(
        EcPublicKey::from_public_key_pem(es256, rsa_support::spki_pem(2048).as_bytes()),
        Err(KeyError::NotEc.into())
    );
    assert_eq!(
        EcPublicKey::from_public_key_pem(es256, ED25519_PUBLIC.as_bytes()),
        Err(KeyError::NotEc.into())
    );
    assert_eq!(
        EcPublicKey::from_public_key_pem(es256, ES256_PRIVATE.as_bytes()),
        Err(KeyError::PemLabel.into())
    );
    let mut compressed = vec![0x02 | (y[31] & 1)];
    compressed.extend_from_slice(x);
    assert_eq!(
        EcPublicKey::from_sec1(es256, &compressed),
        Err(KeyError::InvalidPoint.into())
    );
    let mut bad = der.clone();
    *bad.last_mut().unwrap() ^= 1;
    assert_eq!(
        EcPublicKey::from_public_key_der(es256, &bad),
        Err(KeyError::InvalidPoint.into())
    );
    let mut trailing = der.clone();
    trailing.push(0);
    assert_eq!(
        EcPublicKey::from_public_key_der(es256, &trailing),
        Err(KeyError::Der.into())
    );
    // The point at infinity is no key.
    assert_eq!(
        EcPublicKey::from_coordinates(es256, &[0; 32], &[0; 32]),
        Err(KeyError::InvalidPoint.into())
    );

    // Ed25519.
    let ed_der = pem_der(ED25519_PUBLIC);
    let pk = &ed_der[ed_der.len() - 32..];
    let ok = Ed25519PublicKey::from_public_key_der(&ed_der).unwrap();
    let okp = |extra: &str, x: &[u8]| {
        format!(r#"{{"kty":"OKP","crv":"Ed25519",{extra}"x":"{}"}}"#, b64(x))
    };
    assert_eq!(Ed25519PublicKey::from_jwk(okp("", pk).as_bytes()), Ok(ok));
    for (text, want) in [
        (okp(r#""alg":"ES256","#, pk), KeyError::KeyAlgorithm),
        (okp(r#""use":"enc","#, pk), KeyError::KeyUse),
        (okp("", &pk[1..]), KeyError::InvalidPoint),
        (okp("", &[pk, &[0][..]].concat()), KeyError::InvalidPoint),
        (okp("", pk).replace("Ed25519", "X25519"), KeyError::Curve),
        (okp("", pk).replace("Ed25519", "Ed448"), KeyError::Curve),
        (okp("", pk).replace("OKP", "EC"), KeyError::NotOkp),
        (
            r#"{"kty":"OKP","crv":"Ed25519"}"#.to_owned(),
            KeyError::JwkMember("x"),
        ),
    ] {
        assert_eq!(
            Ed25519PublicKey::from_jwk(text.as_bytes()),
            Err(want.into()),
            "{text}"
        );
    }
    assert_eq!(
        Ed25519PublicKey::from_public_key_der(&der),
        Err(KeyError::NotOkp.into())
    );
    // id-X25519 in place of id-Ed25519.
    let mut x25519 = ed_der.clone();
    x25519[8] = 0x6e;
    assert_eq!(
        Ed25519PublicKey::from_public_key_der(&x25519),
        Err(KeyError::Curve.into())
    );
    // PS keys: only with their own algorithms.
    assert_eq!(
        RsaPublicKey::from_pem(Algorithm::ES256, rsa_support::spki_pem(2048).as_bytes()),
        Err(KeyError::WrongAlgorithm.into())
    );
    let ps = ps_key(Algorithm::PS384, 2048);
    assert_eq!(ps.algorithm(), Algorithm::PS384);
}

/// Every key family against a token of every other algorithm: a refusal naming the
/// mismatch, before any signature is looked at (the tokens carry garbage signatures of the
/// right length for their algorithm, or a real one made with the key's own material).
#[test]
fn algorithm_confusion() {
    let der = pem_der(ES256_PUBLIC);
    let hs = HmacKey::new(Algorithm::HS256, &der).unwrap();
    let rs =
        RsaPublicKey::from_pem(Algorithm::RS256, rsa_support::spki_pem(2048).as_bytes()).unwrap();
    let ps = ps_key(Algorithm::PS256, 2048);
    let es256 = ec_key(Algorithm::ES256);
    let es384 = ec_key(Algorithm::ES384);
    let ed = ed_key();
    let keys: [&dyn VerifyingKey; 6] = [&hs, &rs, &ps, &es256, &es384, &ed];
    let mut buf = [0u8; 2048];
    for key in keys {
        let own = key.algorithm();
        for alg in Algorithm::ALL {
            if alg == own {
                continue;
            }
            let header = format!(r#"{{"alg":"{}"}}"#, alg.name());
            let payload = json!({"exp": NOW + 60}).to_string();
            let sig_len = match alg.signature_len() {
                0 => 256,
                n => n,
            };
            let token = format!(
                "{}.{}.{}",
                b64(header.as_bytes()),
                b64(payload.as_bytes()),
                b64(&vec![7u8; sig_len])
            );
            // The policy names the key's algorithm: the header's is another.
            let got = verify(&token, key, &Validation::new(own), NOW, &mut buf).map(|_| ());
            assert_eq!(
                got,
                Err(Error::AlgorithmMismatch {
                    expected: own,
                    found: alg
                }),
                "{own} key, {alg} token"
            );
            // A policy naming the token's algorithm does not make the key usable for it.
            let got = verify(&token, key, &Validation::new(alg), NOW, &mut buf).map(|_| ());
            assert_eq!(
                got,
                Err(KeyError::WrongAlgorithm.into()),
                "{own} key, {alg} policy"
            );
        }
    }

    // The classic: an HS256 token whose secret is the EC public key's bytes (DER or PEM),
    // presented to the EC key. Correctly signed, and refused for its algorithm.
    for secret in [der.as_slice(), ES256_PUBLIC.as_bytes()] {
        let signer = HmacKey::new(Algorithm::HS256, secret).unwrap();
        let mut out = [0u8; 512];
        let token = signer
            .sign(
                json!({"exp": NOW + 60}).to_string().as_bytes(),
                None,
                &mut out,
            )
            .unwrap();
        let got = verify(
            token,
            &es256,
            &Validation::new(Algorithm::ES256),
            NOW,
            &mut buf,
        )
        .map(|_| ());
        assert_eq!(
            got,
            Err(Error::AlgorithmMismatch {
                expected: Algorithm::ES256,
                found: Algorithm::HS256
            })
        );
        let got = verify(
            token,
            &es256,
            &Validation::new(Algorithm::HS256),
            NOW,
            &mut buf,
        )
        .map(|_| ());
        assert_eq!(got, Err(KeyError::WrongAlgorithm.into()));
        // The HMAC key made of those bytes verifies it: the token is genuinely signed.
        assert!(
            verify(
                token,
                &signer,
                &Validation::new(Algorithm::HS256),
                NOW,
                &mut buf
            )
            .is_ok()
        );
    }
    // An Ed25519 token presented to a P-256 key and the other way round.
    let ed_token = jsonwebtoken_token(Algorithm::EdDSA, 0);
    let got = verify(
        &ed_token,
        &es256,
        &Validation::new(Algorithm::ES256),
        NOW,
        &mut buf,
    )
    .map(|_| ());
    assert_eq!(
        got,
        Err(Error::AlgorithmMismatch {
            expected: Algorithm::ES256,
            found: Algorithm::EdDSA
        })
    );
    let es_token = jsonwebtoken_token(Algorithm::ES256, 0);
    let got = verify(
        &es_token,
        &ed,
        &Validation::new(Algorithm::EdDSA),
        NOW,
        &mut buf,
    )
    .map(|_| ());
    assert_eq!(
        got,
        Err(Error::AlgorithmMismatch {
            expected: Algorithm::EdDSA,
            found: Algorithm::ES256
        })
    );
}

/// The new algorithms' names read from a header, and refused in every other spelling.
#[test]
fn names() {
    for (alg, name) in [
        (Algorithm::ES256, "ES256"),
        (Algorithm::ES384, "ES384"),
        (Algorithm::PS256, "PS256"),
        (Algorithm::PS384, "PS384"),
        (Algorithm::PS512, "PS512"),
        (Algorithm::EdDSA, "EdDSA"),
    ] {
        assert_eq!(alg.name(), name);
        assert_eq!(Algorithm::from_name(name), Some(alg));
        assert_eq!(Algorithm::from_name(&name.to_lowercase()), None);
    }
    assert_eq!(Algorithm::from_name("EDDSA"), None);
    assert_eq!(Algorithm::from_name("Ed25519"), None);
    // This build (every feature) verifies every algorithm.
    assert_eq!(Algorithm::SUPPORTED, Algorithm::ALL);
    // The discriminants of the first six stay where the C ABI stores them.
    assert_eq!(Algorithm::RS512 as u8, 5);
    assert_eq!(Algorithm::EdDSA as u8, 11);
}
