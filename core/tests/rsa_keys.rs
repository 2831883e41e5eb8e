//! RSA key loading: JWKS by kid, and every kind of malformed or unsupported key, each with
//! its specific error.

mod rsa_support;

use authcore::{Algorithm, Error, JsonError, KeyError, RsaPublicKey, VerifyingKey};
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa_support::*;

const RS256: Algorithm = Algorithm::RS256;

fn key_err(e: KeyError) -> Result<RsaPublicKey, Error> {
    Err(Error::Key(e))
}

/// A JWKS with an EC key, an `oct` key, two RSA keys and an RSA encryption key, some sharing
/// a kid with a non-RSA key.
fn jwks() -> String {
    let k2048 = private_key(2048).to_public_key();
    let k4096 = private_key(4096).to_public_key();
    format!(
        r#"{{"keys":[
            {{"kty":"EC","kid":"a","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}},
            {{"kty":"oct","kid":"only-oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}},
            {},
            {},
            {},
            {}
        ]}}"#,
        jwk(&k2048, r#","kid":"a","use":"sig","alg":"RS256""#),
        jwk(&k4096, r#","kid":"b""#),
        jwk(&k2048, r#","kid":"enc","use":"enc""#),
        jwk(&k2048, r#","kid":"rs512","alg":"RS512""#),
    )
}

#[test]
fn jwks_picks_the_key_by_kid() {
    let jwks = jwks();
    let a = RsaPublicKey::from_jwks(RS256, jwks.as_bytes(), "a").unwrap();
    assert_eq!(a.modulus_bits(), 2048);
    let b = RsaPublicKey::from_jwks(RS256, jwks.as_bytes(), "b").unwrap();
    assert_eq!(b.modulus_bits(), 4096);
    for (key, bits) in [(&a, 2048), (&b, 4096)] {
        let token = rsa_token(&private_key(bits), RS256, CLAIMS);
        let (input, sig) = split(&token);
        assert_eq!(
            key.verify_signature(input.as_bytes(), sig.as_bytes()),
            Ok(())
        );
    }
    // Each refuses the other's token.
    let token = rsa_token(&private_key(4096), RS256, CLAIMS);
    let (input, sig) = split(&token);
    assert_eq!(
        a.verify_signature(input.as_bytes(), sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    // The alg of the chosen key must be the pinned one; key "b" has none, so it fits any.
    assert!(RsaPublicKey::from_jwks(Algorithm::RS512, jwks.as_bytes(), "b").is_ok());
    assert!(RsaPublicKey::from_jwks(Algorithm::RS512, jwks.as_bytes(), "rs512").is_ok());
}

#[test]
fn jwks_errors() {
    let jwks = jwks();
    let load = |alg, kid| RsaPublicKey::from_jwks(alg, jwks.as_bytes(), kid);
    assert_eq!(load(RS256, "missing"), key_err(KeyError::KidNotFound));
    // A kid held only by non-RSA keys is not found: those keys are skipped.
    assert_eq!(load(RS256, "only-oct"), key_err(KeyError::KidNotFound));
    assert_eq!(load(RS256, "enc"), key_err(KeyError::KeyUse));
    assert_eq!(load(RS256, "rs512"), key_err(KeyError::KeyAlgorithm));
    assert_eq!(load(Algorithm::RS384, "a"), key_err(KeyError::KeyAlgorithm));
    // Case matters for kid.
    assert_eq!(load(RS256, "A"), key_err(KeyError::KidNotFound));

    let one = jwk(&private_key(2048).to_public_key(), r#","kid":"dup""#);
    let dup = format!(r#"{{"keys":[{one},{one}]}}"#);
    assert_eq!(
        RsaPublicKey::from_jwks(RS256, dup.as_bytes(), "dup"),
        key_err(KeyError::DuplicateKid)
    );
    // The duplicate is found even when the first copy would load.
    let bad_dup = format!(r#"{{"keys":[{one},{{"kty":"RSA","kid":"dup","n":"!","e":"AQAB"}}]}}"#);
    assert_eq!(
        RsaPublicKey::from_jwks(RS256, bad_dup.as_bytes(), "dup"),
        key_err(KeyError::DuplicateKid)
    );

    // A key with a repeated member is refused wherever it is (RFC 7517 §4): with two kids,
    // parsers keeping the first or the last one would choose different keys. Found by the
    // key_load fuzz target, which read this JWKS as serde_json does (last one wins).
    let two_kids = r#"{"kty":"RSA","kid":"other","kid":"dup","n":"!","e":"AQAB"}"#;
    let doc = format!(r#"{{"keys":[{one},{two_kids}]}}"#);
    assert_eq!(
        RsaPublicKey::from_jwks(RS256, doc.as_bytes(), "dup"),
        key_err(KeyError::Json(JsonError::DuplicateKey))
    );

    let bad_n = r#"{"keys":[{"kty":"RSA","kid":"x","n":"not*base64","e":"AQAB"}]}"#;
    assert_eq!(
        RsaPublicKey::from_jwks(RS256, bad_n.as_bytes(), "x"),
        key_err(KeyError::JwkBase64("n"))
    );
    for (doc, err) in [
        (r#"{"keys":{}}"#, KeyError::JwkMember("keys")),
        (r#"{"key":[]}"#, KeyError::JwkMember("keys")),
        (r#"{"keys":[1]}"#, KeyError::JwkMember("keys")),
        (r#"{"keys":[]}"#, KeyError::KidNotFound),
        (
            r#"{"keys":[], "keys":[]}"#,
            KeyError::Json(JsonError::DuplicateKey),
        ),
        (r#"["keys"]"#, KeyError::Json(JsonError::NotAnObject)),
        (
            r#"{"keys":[}"#,
            KeyError::Json(JsonError::Syntax { offset: 9 }),
        ),
        ("", KeyError::Json(JsonError::Syntax { offset: 0 })),
    ] {
        assert_eq!(
            RsaPublicKey::from_jwks(RS256, doc.as_bytes(), "x"),
            key_err(err),
            "{doc}"
        );
    }
}

#[test]
fn malformed_jwk() {
    let public = private_key(2048).to_public_key();
    let n = b64(&public.n().to_bytes_be());
    let cases: Vec<(String, KeyError)> = vec![
        (
            "not json".into(),
            KeyError::Json(JsonError::Syntax { offset: 0 }),
        ),
        (
            r#"{"kty":"EC","n":"AQAB","e":"AQAB"}"#.into(),
            KeyError::NotRsa,
        ),
        (
            r#"{"kty":"rsa","n":"AQAB","e":"AQAB"}"#.into(),
            KeyError::NotRsa,
        ),
        (
            r#"{"n":"AQAB","e":"AQAB"}"#.into(),
            KeyError::JwkMember("kty"),
        ),
        (
            r#"{"kty":"RSA","e":"AQAB"}"#.into(),
            KeyError::JwkMember("n"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}"}}"#),
            KeyError::JwkMember("e"),
        ),
        (
            r#"{"kty":"RSA","n":12,"e":"AQAB"}"#.into(),
            KeyError::JwkMember("n"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":65537}}"#),
            KeyError::JwkMember("e"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}=","e":"AQAB"}}"#),
            KeyError::JwkBase64("n"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB=="}}"#),
            KeyError::JwkBase64("e"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQ+B"}}"#),
            KeyError::JwkBase64("e"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"\u0041{n}","e":"AQAB"}}"#),
            KeyError::JwkBase64("n"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB","use":"enc"}}"#),
            KeyError::KeyUse,
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB","use":1}}"#),
            KeyError::JwkMember("use"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB","alg":"HS256"}}"#),
            KeyError::KeyAlgorithm,
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB","alg":null}}"#),
            KeyError::JwkMember("alg"),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB","e":"AQAB"}}"#),
            KeyError::Json(JsonError::DuplicateKey),
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQ"}}"#),
            KeyError::RsaExponent,
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":""}}"#),
            KeyError::RsaExponent,
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAAAAAB"}}"#),
            KeyError::RsaExponent,
        ),
        (
            r#"{"kty":"RSA","n":"","e":"AQAB"}"#.into(),
            KeyError::RsaModulusSize { bits: 0 },
        ),
        (
            r#"{"kty":"RSA","n":"Dw","e":"AQAB"}"#.into(),
            KeyError::RsaModulusSize { bits: 4 },
        ),
    ];
    for (text, err) in &cases {
        assert_eq!(
            RsaPublicKey::from_jwk(RS256, text.as_bytes()),
            key_err(*err),
            "{text}"
        );
    }
    // Leading zero bytes in n are tolerated (some issuers emit them).
    let mut padded = vec![0, 0, 0];
    padded.extend(public.n().to_bytes_be());
    let jwk = format!(r#"{{"kty":"RSA","n":"{}","e":"AAEAAQ"}}"#, b64(&padded));
    let key = RsaPublicKey::from_jwk(RS256, jwk.as_bytes()).unwrap();
    assert_eq!(key.modulus_bits(), 2048);
    assert_eq!(key.exponent(), 65537);
}

/// Modulus sizes: 2048 and 4096 bits are the limits; the error names the size.
#[test]
fn unsupported_sizes_and_exponents() {
    let modulus = |bits: usize| {
        // An odd number of exactly `bits` bits.
        let mut n = vec![0xc5u8; bits.div_ceil(8)];
        let top = bits % 8;
        if top != 0 {
            n[0] = (1 << (top - 1)) | 1;
        }
        *n.last_mut().unwrap() |= 1;
        n
    };
    let e = [1, 0, 1];
    for bits in [2048, 2049, 3000, 3072, 4095, 4096] {
        let key = RsaPublicKey::from_components(RS256, &modulus(bits), &e).unwrap();
        assert_eq!(key.modulus_bits(), bits);
        assert_eq!(key.signature_len(), bits.div_ceil(8));
    }
    for bits in [1, 4, 512, 1024, 2047, 4097, 8192, 16384] {
        assert_eq!(
            RsaPublicKey::from_components(RS256, &modulus(bits), &e),
            key_err(KeyError::RsaModulusSize { bits }),
            "{bits}"
        );
    }
    assert_eq!(
        RsaPublicKey::from_components(RS256, &[], &e),
        key_err(KeyError::RsaModulusSize { bits: 0 })
    );
    assert_eq!(
        RsaPublicKey::from_components(RS256, &[0; 300], &e),
        key_err(KeyError::RsaModulusSize { bits: 0 })
    );
    // An 8192-bit JWK is named too, though its n does not fit the 4096-bit buffer.
    let jwk = format!(
        r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#,
        b64(&modulus(8192))
    );
    assert_eq!(
        RsaPublicKey::from_jwk(RS256, jwk.as_bytes()),
        key_err(KeyError::RsaModulusSize { bits: 8192 })
    );

    let mut even = modulus(2048);
    *even.last_mut().unwrap() &= 0xfe;
    assert_eq!(
        RsaPublicKey::from_components(RS256, &even, &e),
        key_err(KeyError::RsaEvenModulus)
    );

    let n = modulus(2048);
    for bad_e in [
        &[][..],
        &[0],
        &[1],
        &[2],
        &[0, 0, 1],
        &[1, 0, 0],
        &[1, 0, 0, 0, 1],
        &[1, 0, 0, 0, 0],
    ] {
        assert_eq!(
            RsaPublicKey::from_components(RS256, &n, bad_e),
            key_err(KeyError::RsaExponent),
            "{bad_e:?}"
        );
    }
    for good_e in [
        &[3][..],
        &[0, 0, 3],
        &[0xff, 0xff, 0xff, 0xff],
        &[0, 1, 0, 1],
    ] {
        let key = RsaPublicKey::from_components(RS256, &n, good_e).unwrap();
        assert!(key.exponent() >= 3);
    }

    // A real 1024-bit key, in PEM.
    assert_eq!(
        RsaPublicKey::from_pem(RS256, include_bytes!("vectors/rsa1024-public.pem")),
        key_err(KeyError::RsaModulusSize { bits: 1024 })
    );
    // HMAC algorithms have no RSA keys.
    for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
        assert_eq!(
            RsaPublicKey::from_components(alg, &n, &e),
            key_err(KeyError::WrongAlgorithm)
        );
    }
}

#[test]
fn malformed_der() {
    let public = private_key(2048).to_public_key();
    let spki = public.to_public_key_der().unwrap().as_bytes().to_vec();
    let pkcs1 = public.to_pkcs1_der().unwrap().as_bytes().to_vec();
    assert!(RsaPublicKey::from_public_key_der(RS256, &spki).is_ok());
    assert!(RsaPublicKey::from_pkcs1_der(RS256, &pkcs1).is_ok());

    for (what, der) in [
        ("empty", vec![]),
        ("truncated", spki[..spki.len() - 1].to_vec()),
        ("trailing byte", [&spki[..], &[0]].concat()),
        ("garbage", vec![0x30, 0x82, 0xff, 0xff, 1, 2, 3]),
        ("PKCS#1 given as SPKI", pkcs1.clone()),
    ] {
        assert_eq!(
            RsaPublicKey::from_public_key_der(RS256, &der),
            key_err(KeyError::Der),
            "{what}"
        );
    }
    for (what, der) in [
        ("empty", vec![]),
        ("truncated", pkcs1[..pkcs1.len() - 1].to_vec()),
        ("trailing byte", [&pkcs1[..], &[0]].concat()),
        ("SPKI given as PKCS#1", spki.clone()),
        // SEQUENCE { INTEGER -1, INTEGER 3 }: a negative modulus.
        (
            "negative",
            vec![0x30, 0x06, 0x02, 0x01, 0xff, 0x02, 0x01, 0x03],
        ),
        // A modulus with a superfluous leading zero byte (not DER).
        (
            "non-minimal",
            vec![0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x03],
        ),
    ] {
        assert_eq!(
            RsaPublicKey::from_pkcs1_der(RS256, &der),
            key_err(KeyError::Der),
            "{what}"
        );
    }
    // Well-formed DER, unsupported key: a 3-bit modulus.
    assert_eq!(
        RsaPublicKey::from_pkcs1_der(RS256, &[0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03]),
        key_err(KeyError::RsaModulusSize { bits: 3 })
    );
    // Parameters other than NULL for rsaEncryption: replace the NULL (05 00) by an empty
    // OCTET STRING (04 00), well-formed DER.
    let null_at = spki.windows(2).position(|w| w == [0x05, 0x00]).unwrap();
    let mut bad_params = spki.clone();
    bad_params[null_at] = 0x04;
    assert_eq!(
        RsaPublicKey::from_public_key_der(RS256, &bad_params),
        key_err(KeyError::Der)
    );
    // Absent parameters are tolerated: drop the NULL and fix the three lengths around it.
    let mut no_params = spki.clone();
    no_params.drain(null_at..null_at + 2);
    no_params[3] -= 2; // outer SEQUENCE (30 82 01 22 → 01 20)
    no_params[5] -= 2; // AlgorithmIdentifier SEQUENCE (30 0d → 30 0b)
    assert_eq!(&no_params[..6], &[0x30, 0x82, 0x01, 0x20, 0x30, 0x0b]);
    assert!(RsaPublicKey::from_public_key_der(RS256, &no_params).is_ok());
    // An EC key's SPKI.
    let ec = include_str!("vectors/ec-p256-public.pem");
    assert_eq!(
        RsaPublicKey::from_pem(RS256, ec.as_bytes()),
        key_err(KeyError::NotRsa)
    );
}

#[test]
fn malformed_pem() {
    let spki = spki_pem(2048);
    let pkcs1 = pkcs1_pem(2048);
    // Surrounding white space and CRLF line ends are fine.
    assert!(RsaPublicKey::from_pem(RS256, format!("\n  {spki}\n\n").as_bytes()).is_ok());
    assert!(RsaPublicKey::from_pem(RS256, spki.replace('\n', "\r\n").as_bytes()).is_ok());
    // RFC 7468 §5.2 allows explanatory text before the encapsulation boundary.
    assert!(
        RsaPublicKey::from_pem(RS256, format!("Key for idp.example:\n{spki}").as_bytes()).is_ok()
    );

    assert_eq!(
        RsaPublicKey::from_pkcs1_pem(RS256, spki.as_bytes()),
        key_err(KeyError::PemLabel)
    );
    assert_eq!(
        RsaPublicKey::from_public_key_pem(RS256, pkcs1.as_bytes()),
        key_err(KeyError::PemLabel)
    );
    assert_eq!(
        RsaPublicKey::from_pem(RS256, private_pem(2048).as_bytes()),
        key_err(KeyError::PemLabel)
    );
    let body_line = spki.lines().nth(1).unwrap();
    let pem_err = KeyError::Pem;
    for (what, pem, err) in [
        ("empty", String::new(), pem_err),
        (
            "no end line",
            spki.replace("-----END PUBLIC KEY-----", ""),
            pem_err,
        ),
        (
            "mismatched end",
            spki.replace("END PUBLIC KEY", "END RSA PUBLIC KEY"),
            pem_err,
        ),
        (
            "bad base64",
            spki.replace(body_line, &body_line.replace('A', "*")),
            pem_err,
        ),
        ("text after", format!("{spki}trailer\n"), pem_err),
        ("DER, not PEM", "0\u{1}".to_string(), pem_err),
        // Valid PEM whose DER lost a line: the DER is truncated.
        (
            "missing line",
            spki.replace(&format!("{body_line}\n"), ""),
            KeyError::Der,
        ),
    ] {
        assert_eq!(
            RsaPublicKey::from_pem(RS256, pem.as_bytes()),
            key_err(err),
            "{what}"
        );
    }
    // A body that is valid base64 but not DER.
    let not_der = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    assert_eq!(
        RsaPublicKey::from_pem(RS256, not_der.as_bytes()),
        key_err(KeyError::Der)
    );
}

/// A well-formed key too large for authcore is refused for its size in every encoding, PEM
/// included: before, a 16384- or 65536-bit PEM key, whose DER does not fit the PEM decoder's
/// buffer, was `KeyError::Pem`, as if it were not PEM at all.
#[test]
fn oversized_keys_name_their_size_in_every_encoding() {
    use rsa::BigUint;
    use rsa::pkcs8::LineEnding;
    for bits in [4097usize, 8192, 16384, 65536] {
        let mut n = vec![0xc5u8; bits.div_ceil(8)];
        let top = bits % 8;
        if top != 0 {
            n[0] = (1 << (top - 1)) | 1;
        }
        *n.last_mut().unwrap() |= 1;
        let key =
            rsa::RsaPublicKey::new_unchecked(BigUint::from_bytes_be(&n), BigUint::from(65537u32));
        let size = key_err(KeyError::RsaModulusSize { bits });
        let spki_pem = key.to_public_key_pem(LineEnding::LF).unwrap();
        let pkcs1_pem = key.to_pkcs1_pem(LineEnding::CRLF).unwrap();
        assert_eq!(
            RsaPublicKey::from_pem(RS256, spki_pem.as_bytes()),
            size,
            "SPKI PEM {bits}"
        );
        assert_eq!(
            RsaPublicKey::from_pem(RS256, pkcs1_pem.as_bytes()),
            size,
            "PKCS#1 PEM {bits}"
        );
        let spki_der = key.to_public_key_der().unwrap();
        let pkcs1_der = key.to_pkcs1_der().unwrap();
        assert_eq!(
            RsaPublicKey::from_public_key_der(RS256, spki_der.as_bytes()),
            size,
            "SPKI DER {bits}"
        );
        assert_eq!(
            RsaPublicKey::from_pkcs1_der(RS256, pkcs1_der.as_bytes()),
            size,
            "PKCS#1 DER {bits}"
        );
        let jwk = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, b64(&n));
        assert_eq!(
            RsaPublicKey::from_jwk(RS256, jwk.as_bytes()),
            size,
            "JWK {bits}"
        );

        // Too large and malformed is still malformed: the outer length one byte off, a
        // PEM line broken.
        let mut der = spki_der.as_bytes().to_vec();
        der.push(0);
        let bad = rsa::pkcs8::der::pem::encode_string("PUBLIC KEY", LineEnding::LF, &der).unwrap();
        assert_eq!(
            RsaPublicKey::from_pem(RS256, bad.as_bytes()),
            key_err(KeyError::Der),
            "{bits}"
        );
        let broken = spki_pem.replacen('\n', "\n!", 2);
        assert_eq!(
            RsaPublicKey::from_pem(RS256, broken.as_bytes()),
            key_err(KeyError::Pem),
            "{bits}"
        );
    }
}

/// A JWK has at most `MAX_JWK_MEMBERS` members, and its names are compared in one walk:
/// a JWKS whose one key has 250 members, each a large value, is refused at once. Before,
/// each name was compared by walking the rest of the key again.
#[test]
fn jwk_members_are_bounded() {
    use authcore::keys::rsa::MAX_JWK_MEMBERS;
    let public = private_key(2048).to_public_key();
    let extra = |count: usize, value: &str| -> String {
        (0..count)
            .map(|i| format!(r#","x{i}":"{value}""#))
            .collect()
    };
    // kty, kid, n and e, and the rest up to the bound.
    let most = jwk(
        &public,
        &format!(r#","kid":"k"{}"#, extra(MAX_JWK_MEMBERS - 4, "v")),
    );
    assert!(RsaPublicKey::from_jwk(RS256, most.as_bytes()).is_ok());
    let set = format!(r#"{{"keys":[{most}]}}"#);
    assert!(RsaPublicKey::from_jwks(RS256, set.as_bytes(), "k").is_ok());

    let json_err = |e| key_err(KeyError::Json(e));
    let one_more = jwk(
        &public,
        &format!(r#","kid":"k"{}"#, extra(MAX_JWK_MEMBERS - 3, "v")),
    );
    assert_eq!(
        RsaPublicKey::from_jwk(RS256, one_more.as_bytes()),
        json_err(JsonError::TooManyMembers)
    );
    // A repeated name is still found, the last against the first, escaped or not.
    let repeated = jwk(
        &public,
        &format!(
            r#","\u006bid":"k"{},"kid":"k""#,
            extra(MAX_JWK_MEMBERS - 5, "v")
        ),
    );
    assert_eq!(
        RsaPublicKey::from_jwk(RS256, repeated.as_bytes()),
        json_err(JsonError::DuplicateKey)
    );

    // 250 members of 41,000 bytes each, in a JWKS of 10 MB: refused for its size.
    let big = "x".repeat(41_000);
    let huge = jwk(&public, &format!(r#","kid":"other"{}"#, extra(246, &big)));
    let set = format!(r#"{{"keys":[{huge},{most}]}}"#);
    assert!(set.len() > 10_000_000);
    let started = std::time::Instant::now();
    assert_eq!(
        RsaPublicKey::from_jwks(RS256, set.as_bytes(), "k"),
        json_err(JsonError::TooManyMembers)
    );
    eprintln!(
        "250-member key in a 10 MB JWKS: refused in {:?}",
        started.elapsed()
    );
}
