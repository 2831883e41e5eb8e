//! RS256/RS384/RS512: RFC 7515 A.2, tokens from the `rsa` and `jsonwebtoken` crates, key
//! loading from every format, algorithm confusion, and bad signatures.

mod rsa_support;

use authcore::{Algorithm, Error, KeyError, Part, RsaPublicKey, Validation, VerifyingKey, verify};
use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa_support::*;

fn check_token(key: &RsaPublicKey, token: &str, alg: Algorithm) -> Result<(), Error> {
    let mut buf = [0u8; 1024];
    let verified = verify(token, key, &Validation::new(alg), NOW, &mut buf)?;
    assert!(verified.claims().sub.unwrap().eq_str("device-42"));
    assert_eq!(verified.claims().exp, Some(2_000_000_000));
    Ok(())
}

// RFC 7515 Appendix A.2: the RS256 example, with the key's n and e from the RFC's JWK.
const RFC_N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
const RFC_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9\
    .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
    .cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

fn rfc_key() -> RsaPublicKey {
    let jwk = format!(r#"{{"kty":"RSA","n":"{RFC_N}","e":"AQAB"}}"#);
    RsaPublicKey::from_jwk(Algorithm::RS256, jwk.as_bytes()).unwrap()
}

#[test]
fn rfc7515_a2_rs256() {
    let key = rfc_key();
    assert_eq!(key.modulus_bits(), 2048);
    assert_eq!(key.exponent(), 65537);
    assert_eq!(key.algorithm(), Algorithm::RS256);
    let (input, sig) = split(RFC_TOKEN);
    assert_eq!(
        key.verify_signature(input.as_bytes(), sig.as_bytes()),
        Ok(())
    );

    let mut buf = [0u8; 512];
    let policy = Validation::new(Algorithm::RS256).issuer(&["joe"]);
    let token = verify(RFC_TOKEN, &key, &policy, 1_300_819_000, &mut buf).unwrap();
    assert_eq!(token.claims().exp, Some(1_300_819_380));
    // The same token past its exp: the signature is fine, the policy is not.
    assert_eq!(
        verify(RFC_TOKEN, &key, &policy, 1_300_819_380, &mut buf).err(),
        Some(Error::Expired)
    );

    // One changed byte of the payload, or of the signature, and it no longer verifies.
    let tampered = RFC_TOKEN.replacen("eyJpc3Mi", "eyJpc3Ni", 1);
    let (input, sig) = split(&tampered);
    assert_eq!(
        key.verify_signature(input.as_bytes(), sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    let mut raw = b64_decode(split(RFC_TOKEN).1);
    raw[100] ^= 1;
    assert_eq!(
        key.verify_signature(split(RFC_TOKEN).0.as_bytes(), b64(&raw).as_bytes()),
        Err(Error::InvalidSignature)
    );
}

/// Tokens signed by the `rsa` crate verify with the key loaded from each format, for every
/// size and hash; the same key rejects a token of another RS algorithm.
#[test]
fn rsa_crate_tokens_every_size_and_format() {
    for bits in SIZES {
        let private = private_key(bits);
        let public = private.to_public_key();
        let spki_der = public.to_public_key_der().unwrap();
        let pkcs1_der = public.to_pkcs1_der().unwrap();
        for alg in RS {
            let loaded = [
                RsaPublicKey::from_public_key_pem(alg, spki_pem(bits).as_bytes()).unwrap(),
                RsaPublicKey::from_pkcs1_pem(alg, pkcs1_pem(bits).as_bytes()).unwrap(),
                RsaPublicKey::from_pem(alg, spki_pem(bits).as_bytes()).unwrap(),
                RsaPublicKey::from_pem(alg, pkcs1_pem(bits).as_bytes()).unwrap(),
                RsaPublicKey::from_public_key_der(alg, spki_der.as_bytes()).unwrap(),
                RsaPublicKey::from_pkcs1_der(alg, pkcs1_der.as_bytes()).unwrap(),
                RsaPublicKey::from_jwk(alg, jwk(&public, "").as_bytes()).unwrap(),
                RsaPublicKey::from_components(
                    alg,
                    &public.n().to_bytes_be(),
                    &public.e().to_bytes_be(),
                )
                .unwrap(),
            ];
            for key in &loaded {
                assert_eq!(key, &loaded[0]);
            }
            let key = &loaded[0];
            assert_eq!(key.modulus_bits(), bits);
            assert_eq!(key.signature_len(), bits / 8);

            let token = rsa_token(&private, alg, CLAIMS);
            assert_eq!(check_token(key, &token, alg), Ok(()), "{bits} {alg}");

            // The raw primitive agrees.
            let (input, sig) = split(&token);
            let sig = b64_decode(sig);
            assert_eq!(key.verify_pkcs1v15(input.as_bytes(), &sig), Ok(()));
            assert_eq!(
                key.verify_pkcs1v15(b"another message", &sig),
                Err(Error::InvalidSignature)
            );

            // Another payload under the same signature.
            let (input, sig_b64) = split(&token);
            let (header, _) = input.split_once('.').unwrap();
            let forged = format!(
                "{header}.{}.{sig_b64}",
                b64(CLAIMS.replace("device-42", "device-43").as_bytes())
            );
            let mut buf = [0u8; 1024];
            assert_eq!(
                verify(&forged, key, &Validation::new(alg), NOW, &mut buf).err(),
                Some(Error::InvalidSignature)
            );

            // A token of another RS algorithm is refused before any arithmetic.
            for other in RS.into_iter().filter(|&o| o != alg) {
                let token = rsa_token(&private, other, CLAIMS);
                assert_eq!(
                    verify(&token, key, &Validation::new(alg), NOW, &mut buf).err(),
                    Some(Error::AlgorithmMismatch {
                        expected: alg,
                        found: other
                    })
                );
                // Even under a policy for the token's algorithm, the key is pinned.
                assert_eq!(
                    verify(&token, key, &Validation::new(other), NOW, &mut buf).err(),
                    Some(Error::Key(KeyError::WrongAlgorithm))
                );
            }
        }
    }
}

/// Tokens made by `jsonwebtoken` (aws-lc-rs backend) verify through `authcore::verify`.
#[test]
fn jsonwebtoken_tokens_every_size() {
    #[derive(serde::Serialize)]
    struct Claims {
        sub: &'static str,
        iss: &'static str,
        exp: u64,
        iat: u64,
    }
    let claims = Claims {
        sub: "device-42",
        iss: "https://idp.example",
        exp: 2_000_000_000,
        iat: 1_700_000_000,
    };
    for bits in SIZES {
        // jsonwebtoken reads PKCS#1 DER without its `use_pem` feature.
        let der = private_key(bits).to_pkcs1_der().unwrap();
        let signer = jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes());
        for (alg, jalg) in RS.into_iter().zip([
            jsonwebtoken::Algorithm::RS256,
            jsonwebtoken::Algorithm::RS384,
            jsonwebtoken::Algorithm::RS512,
        ]) {
            let token =
                jsonwebtoken::encode(&jsonwebtoken::Header::new(jalg), &claims, &signer).unwrap();
            let key = RsaPublicKey::from_pem(alg, spki_pem(bits).as_bytes()).unwrap();
            assert_eq!(check_token(&key, &token, alg), Ok(()), "{bits} {alg}");
            let key = RsaPublicKey::from_pem(alg, pkcs1_pem(bits).as_bytes()).unwrap();
            assert_eq!(check_token(&key, &token, alg), Ok(()), "{bits} {alg}");
        }
    }
}

/// Exponents other than 65537: e = 3 (2^1 + 1, squarings only, like 65537) and e = 65539
/// (0x10003, whose inner one bit takes the square-and-multiply path with the extra
/// conversion out of Montgomery form).
#[test]
fn other_exponents() {
    for (pem, e) in [
        (include_str!("vectors/rsa2048-e3-private.pem"), 3),
        (include_str!("vectors/rsa2048-e65539-private.pem"), 65539),
    ] {
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(pem).unwrap();
        let public = private.to_public_key();
        for alg in RS {
            let key = RsaPublicKey::from_jwk(alg, jwk(&public, "").as_bytes()).unwrap();
            assert_eq!(key.exponent(), e);
            let token = rsa_token(&private, alg, CLAIMS);
            assert_eq!(check_token(&key, &token, alg), Ok(()), "e = {e} {alg}");
            let (input, sig) = split(&token);
            let mut sig = b64_decode(sig);
            sig[7] ^= 0x80;
            assert_eq!(
                key.verify_pkcs1v15(input.as_bytes(), &sig),
                Err(Error::InvalidSignature)
            );
            let other = rsa_token(&private_key(2048), alg, CLAIMS);
            assert_eq!(check_token(&key, &other, alg), Err(Error::InvalidSignature));
        }
    }
}

/// An HS256 token whose MAC key is the RSA public key's PEM text (the classic confusion
/// attack) is refused by the RS256 key, whatever the policy says.
#[test]
fn algorithm_confusion_is_refused() {
    for bits in SIZES {
        let pem = spki_pem(bits);
        let hmac = authcore::HmacKey::hs256(pem.as_bytes()).unwrap();
        let mut out = [0u8; 512];
        let token = hmac.sign(CLAIMS.as_bytes(), None, &mut out).unwrap();
        let key = RsaPublicKey::from_pem(Algorithm::RS256, pem.as_bytes()).unwrap();
        let mut buf = [0u8; 512];
        assert_eq!(
            verify(
                token,
                &key,
                &Validation::new(Algorithm::RS256),
                NOW,
                &mut buf
            )
            .err(),
            Some(Error::AlgorithmMismatch {
                expected: Algorithm::RS256,
                found: Algorithm::HS256
            })
        );
        assert_eq!(
            verify(
                token,
                &key,
                &Validation::new(Algorithm::HS256),
                NOW,
                &mut buf
            )
            .err(),
            Some(Error::Key(KeyError::WrongAlgorithm))
        );
        // The token is genuine HS256: the HMAC key made from the PEM does accept it.
        assert!(
            verify(
                token,
                &hmac,
                &Validation::new(Algorithm::HS256),
                NOW,
                &mut buf
            )
            .is_ok()
        );
        // And an RSA key cannot be made for an HMAC algorithm at all.
        assert_eq!(
            RsaPublicKey::from_pem(Algorithm::HS256, pem.as_bytes()),
            Err(Error::Key(KeyError::WrongAlgorithm))
        );
    }
}

/// Wrong-length, zero, one, all-ones, n, n + 1, n − 1, truncated and malformed signatures.
#[test]
fn bad_signatures() {
    for bits in SIZES {
        let private = private_key(bits);
        let public = private.to_public_key();
        let key = RsaPublicKey::from_pem(Algorithm::RS256, spki_pem(bits).as_bytes()).unwrap();
        let token = rsa_token(&private, Algorithm::RS256, CLAIMS);
        let (input, sig_b64) = split(&token);
        let input = input.as_bytes();
        let k = bits / 8;
        let sig = b64_decode(sig_b64);
        let n = public.n().to_bytes_be();
        assert_eq!(n.len(), k);

        let be_add = |x: &[u8], d: i32| -> Vec<u8> {
            let v = rsa::BigUint::from_bytes_be(x);
            let v = if d >= 0 {
                v + d as u32
            } else {
                v - (-d) as u32
            };
            let mut b = v.to_bytes_be();
            while b.len() < k {
                b.insert(0, 0);
            }
            b
        };
        let mut one = vec![0u8; k];
        one[k - 1] = 1;
        let invalid: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("one byte short", sig[1..].to_vec()),
            ("one byte long", [&[0u8][..], &sig].concat()),
            ("zero", vec![0; k]),
            ("one", one),
            ("all ones", vec![0xff; k]),
            ("n", n.clone()),
            ("n + 1", be_add(&n, 1)),
            ("n - 1", be_add(&n, -1)),
            ("sig + n", {
                let v = rsa::BigUint::from_bytes_be(&sig) + rsa::BigUint::from_bytes_be(&n);
                v.to_bytes_be()
            }),
            ("sig + 1", be_add(&sig, 1)),
            ("double length", [&sig[..], &sig].concat()),
        ];
        for (what, bad) in &invalid {
            assert_eq!(
                key.verify_pkcs1v15(input, bad),
                Err(Error::InvalidSignature),
                "{bits} {what}"
            );
            assert_eq!(
                key.verify_signature(input, b64(bad).as_bytes()),
                Err(Error::InvalidSignature),
                "{bits} {what}"
            );
        }
        // Truncated text: cut to whole base64 quanta it is a short signature; cut to a
        // length no base64url text has (4m + 1) it is malformed.
        let whole = &sig_b64[..(sig_b64.len() - 1) / 4 * 4];
        assert_eq!(
            key.verify_signature(input, whole.as_bytes()),
            Err(Error::InvalidSignature)
        );
        let impossible = &sig_b64[..(sig_b64.len() - 2) / 4 * 4 + 1];
        assert_eq!(
            key.verify_signature(input, impossible.as_bytes()),
            Err(Error::Base64(Part::Signature))
        );
        assert_eq!(
            key.verify_signature(input, b""),
            Err(Error::InvalidSignature)
        );
        // Malformed base64url of the right length: padding, standard alphabet, stray byte.
        for bad in [
            format!("{}=", &sig_b64[..sig_b64.len() - 1]),
            format!("+{}", &sig_b64[1..]),
            format!("{}.{}", &sig_b64[..10], &sig_b64[11..]),
            format!("{} ", &sig_b64[..sig_b64.len() - 1]),
        ] {
            assert_eq!(
                key.verify_signature(input, bad.as_bytes()),
                Err(Error::Base64(Part::Signature)),
                "{bad}"
            );
        }
        // Malformed and also of the wrong length: still a base64 error.
        assert_eq!(
            key.verify_signature(input, format!("{sig_b64}!!!!").as_bytes()),
            Err(Error::Base64(Part::Signature))
        );
        // Non-canonical trailing bits (the last character's unused bits set).
        if sig_b64.len() % 4 != 0 {
            let last = sig_b64.as_bytes()[sig_b64.len() - 1];
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let pos = alphabet.iter().position(|&c| c == last).unwrap();
            let flipped = alphabet[pos ^ 1] as char;
            let bad = format!("{}{flipped}", &sig_b64[..sig_b64.len() - 1]);
            assert_eq!(
                key.verify_signature(input, bad.as_bytes()),
                Err(Error::Base64(Part::Signature))
            );
        }
        // Still fine after all that.
        assert_eq!(key.verify_signature(input, sig_b64.as_bytes()), Ok(()));
    }
}

#[test]
fn key_object_size() {
    let size = core::mem::size_of::<RsaPublicKey>();
    #[cfg(target_pointer_width = "64")]
    assert_eq!(size, 1056);
    #[cfg(target_pointer_width = "32")]
    assert_eq!(size, 1044);
    println!("size_of::<RsaPublicKey>() = {size}");
}

#[test]
fn debug_shows_no_modulus() {
    let key = RsaPublicKey::from_pem(Algorithm::RS384, spki_pem(2048).as_bytes()).unwrap();
    assert_eq!(
        format!("{key:?}"),
        "RsaPublicKey { algorithm: RS384, bits: 2048, e: 65537, .. }"
    );
}

/// A stray byte in the signature segment is malformed base64url for HS256 and RS256 alike
/// (`Base64`, as `VerifyingKey::verify_signature` promises); a well-formed signature of the
/// wrong length is `InvalidSignature` for both. Before, HS256 called the stray byte an
/// invalid signature.
#[test]
fn stray_byte_in_the_signature_is_base64_for_every_algorithm() {
    let hs =
        authcore::HmacKey::new(Algorithm::HS256, b"a secret of at least thirty-two bytes").unwrap();
    let mut out = [0u8; 512];
    let hs_token = hs
        .sign(br#"{"sub":"device-42","exp":2000000000}"#, None, &mut out)
        .unwrap()
        .to_owned();
    let rs = rfc_key();
    let keys: [(&dyn VerifyingKey, &str); 2] = [(&hs, &hs_token), (&rs, RFC_TOKEN)];
    for (key, token) in keys {
        let (input, sig) = split(token);
        for at in [0, 1, sig.len() / 2, sig.len()] {
            for stray in ["!", "=", " ", "+"] {
                let bad = format!("{}{stray}{}", &sig[..at], &sig[at..]);
                assert_eq!(
                    key.verify_signature(input.as_bytes(), bad.as_bytes()),
                    Err(Error::Base64(Part::Signature)),
                    "{:?}: {stray:?} at {at}",
                    key.algorithm()
                );
            }
        }
        // Well-formed, one character too many or too few: the wrong length.
        for bad in [format!("{sig}A"), sig[1..].to_owned()] {
            let e = key.verify_signature(input.as_bytes(), bad.as_bytes());
            assert!(
                matches!(e, Err(Error::InvalidSignature | Error::Base64(_))),
                "{:?}: {e:?}",
                key.algorithm()
            );
        }
        // Through the whole pipeline too, whenever the segment's length can be base64url.
        let policy = Validation::new(key.algorithm()).validate_exp(false);
        let bad = format!("{input}.{}!{}", &sig[..2], &sig[2..]);
        let mut buf = [0u8; 1024];
        assert_eq!(
            verify(bad.as_str(), key, &policy, NOW, &mut buf).err(),
            Some(Error::Base64(Part::Signature)),
            "{:?}",
            key.algorithm()
        );
    }
}
