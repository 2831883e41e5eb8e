//! Interoperability with the `jsonwebtoken` crate (aws-lc-rs backend): its HS256/384/512
//! tokens over varied claims and secrets verify here with every claim read back exactly;
//! tampered copies are refused with the specific error; and tokens signed here verify there.

mod hs_support;

use authcore::{Algorithm, Audience, Error, HmacKey, JsonStr, Validation, verify};
use hs_support::{Fixed, b64, unb64};
use serde_json::{Value, json};

const NOW: i64 = 1_700_000_000;
/// Far enough ahead for jsonwebtoken, which checks `exp` against the real clock.
const EXP: i64 = 4_000_000_000;
const ALGS: [Algorithm; 3] = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];

fn jwt_alg(alg: Algorithm) -> jsonwebtoken::Algorithm {
    match alg {
        Algorithm::HS256 => jsonwebtoken::Algorithm::HS256,
        Algorithm::HS384 => jsonwebtoken::Algorithm::HS384,
        Algorithm::HS512 => jsonwebtoken::Algorithm::HS512,
        _ => unreachable!(),
    }
}

/// Secrets around the block sizes (64 for SHA-256, 128 for SHA-384/512), bytes of any value.
fn secrets() -> Vec<Vec<u8>> {
    [1usize, 5, 31, 32, 48, 63, 64, 65, 127, 128, 129, 300]
        .into_iter()
        .map(|n| (0..n).map(|i| (i * 151 + n * 7 + 13) as u8).collect())
        .collect()
}

/// Claim sets with escapes, Unicode, numbers of every shape, nesting, both `aud` forms.
fn claim_sets() -> Vec<Value> {
    vec![
        json!({"sub": "plain", "exp": EXP}),
        json!({
            "iss": "https://issuer.example/realms/a b",
            "sub": "quote \" backslash \\ slash / tab \t newline \n cr \r ctrl \u{1} \u{1f}",
            "aud": "api",
            "exp": EXP, "nbf": NOW - 10, "iat": NOW - 10,
            "jti": "\u{e9}t\u{e9} \u{65e5}\u{672c}\u{8a9e} \u{1F600} \u{10FFFF}",
        }),
        json!({
            "aud": ["a", "b \"quoted\"", "\u{1F511}"],
            "exp": EXP,
            "n_max": i64::MAX, "n_min": i64::MIN, "n_neg": -42, "n_float": 1.5,
            "n_exp": 1e300, "n_small": 5e-324, "n_zero": 0,
            "nested": {"a": [1, 2, {"b": null, "c": [true, false]}], "d": {"e": {"f": "g\n"}}},
            "empty_obj": {}, "empty_arr": [], "empty_str": "",
        }),
        json!({
            "iss": "datarhei-core", "sub": "admin", "exp": EXP, "iat": NOW - 600,
            "exi": 600, "usefor": "access", "jti": "aee896a5-9e8a-4e0d-b98f-5507550706c5",
        }),
        json!({
            "sub": "{\n  \"email\" : \"admin@infoworks.io\"\n}",
            "exp": EXP,
            "\u{e9}\u{1F600} name with \"escapes\"": "value",
            "roles": ["admin", "user"],
            "long": "x".repeat(3000),
        }),
    ]
}

fn decode(s: JsonStr<'_>) -> String {
    let mut buf = vec![0u8; s.decoded_len()];
    s.decode_into(&mut buf).unwrap().to_owned()
}

fn audiences(set: &Value) -> Vec<String> {
    match &set["aud"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_owned()).collect(),
        _ => vec![],
    }
}

/// Every member of `want` read back through authcore's claim accessors, exactly.
fn assert_claims_match(claims: &authcore::Claims<'_>, want: &Value) {
    let object = want.as_object().unwrap();
    // The whole payload text is jsonwebtoken's serialization, unchanged.
    assert_eq!(claims.json(), serde_json::to_string(want).unwrap());
    let mut members = 0;
    for ((name, _), (k, v)) in object.iter().zip(claims.object().members()) {
        members += 1;
        assert_eq!(&decode(k), name);
        let got = claims.get(name).unwrap();
        assert_eq!(got, v);
        match want.get(name).unwrap() {
            Value::String(s) => assert_eq!(&decode(got.as_json_str().unwrap()), s, "{name}"),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    assert_eq!(got.as_i64(), Some(i), "{name}");
                } else {
                    let text = got.text().unwrap();
                    assert_eq!(text.parse::<f64>().unwrap(), n.as_f64().unwrap(), "{name}");
                }
            }
            Value::Bool(b) => assert_eq!(got.as_bool(), Some(*b)),
            Value::Null => assert_eq!(got, authcore::json::Value::Null),
            nested => {
                let text = got.text().unwrap();
                assert_eq!(&serde_json::from_str::<Value>(text).unwrap(), nested);
            }
        }
    }
    assert_eq!(members, object.len());
    assert_eq!(claims.exp, want["exp"].as_i64());
    assert_eq!(claims.nbf, want["nbf"].as_i64());
    assert_eq!(claims.iat, want["iat"].as_i64());
    for (got, name) in [
        (claims.iss, "iss"),
        (claims.sub, "sub"),
        (claims.jti, "jti"),
    ] {
        assert_eq!(
            got.map(decode),
            want[name].as_str().map(str::to_owned),
            "{name}"
        );
    }
    let aud: Vec<String> = claims
        .aud
        .iter()
        .flat_map(Audience::iter)
        .map(decode)
        .collect();
    assert_eq!(aud, audiences(want));
    assert_eq!(
        matches!(claims.aud, Some(Audience::Many(_))),
        want["aud"].is_array()
    );
}

fn jwt_encode(alg: Algorithm, secret: &[u8], claims: &Value, kid: Option<&str>) -> String {
    let mut header = jsonwebtoken::Header::new(jwt_alg(alg));
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(
        &header,
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .unwrap()
}

#[test]
fn jsonwebtoken_tokens_verify_with_claims_exact() {
    let mut verified = 0;
    for set in claim_sets() {
        let auds = audiences(&set);
        let aud_refs: Vec<&str> = auds.iter().map(String::as_str).collect();
        let iss = set["iss"].as_str().map(|s| [s]);
        for alg in ALGS {
            for secret in secrets() {
                let token = jwt_encode(alg, &secret, &set, Some("key-1"));
                let key = HmacKey::new(alg, &secret).unwrap();
                let mut policy = Validation::new(alg).audience(&aud_refs).validate_iat(true);
                if let Some(iss) = &iss {
                    policy = policy.issuer(iss);
                }
                let mut buf = vec![0u8; token.len()];
                let t = verify(&token, &key, &policy, NOW, &mut buf)
                    .unwrap_or_else(|e| panic!("{alg} {} {set}: {e}", secret.len()));
                assert_eq!(t.header().alg, alg);
                assert!(t.header().kid.unwrap().eq_str("key-1"));
                assert!(t.header().typ.unwrap().eq_str("JWT"));
                assert_claims_match(t.claims(), &set);
                verified += 1;
            }
        }
    }
    assert_eq!(verified, 5 * 3 * 12);
}

#[test]
fn custom_claims_deserialize_from_jsonwebtoken_tokens() {
    #[derive(serde::Deserialize)]
    struct Custom {
        sub: Fixed<64>,
        jti: Fixed<64>,
        iss: Fixed<64>,
        exp: i64,
    }
    let set = &claim_sets()[1];
    for alg in ALGS {
        let token = jwt_encode(alg, hs_support::SECRET, set, None);
        let mut buf = vec![0u8; token.len()];
        let policy = Validation::new(alg).audience(&["api"]);
        let t = verify(&token, &hs_support::key(alg), &policy, NOW, &mut buf).unwrap();
        let mut scratch = [0u8; 64];
        let c: Custom = t.claims().deserialize_escaped(&mut scratch).unwrap();
        assert_eq!(c.sub.as_str(), set["sub"].as_str().unwrap());
        assert_eq!(c.jti.as_str(), set["jti"].as_str().unwrap());
        assert_eq!(c.iss.as_str(), set["iss"].as_str().unwrap());
        assert_eq!(c.exp, EXP);
        // A scratch buffer shorter than the longest escaped string: an error, not a cut.
        let mut short = [0u8; 8];
        assert_eq!(
            t.claims().deserialize_escaped::<Custom>(&mut short).err(),
            Some(Error::CustomClaims)
        );
    }
}

/// Replaces segment `i` of a token.
fn with_segment(token: &str, i: usize, segment: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[i] = segment;
    parts.join(".")
}

#[test]
fn tampered_jsonwebtoken_tokens_are_refused() {
    let set = json!({"sub": "alice", "exp": EXP, "admin": false});
    for alg in ALGS {
        let token = jwt_encode(alg, hs_support::SECRET, &set, None);
        let key = hs_support::key(alg);
        let policy = Validation::new(alg);
        let run = |t: &str| {
            let mut buf = vec![0u8; t.len()];
            verify(t, &key, &policy, NOW, &mut buf).map(|_| ())
        };
        assert_eq!(run(&token), Ok(()));
        let parts: Vec<&str> = token.split('.').collect();

        // Every single payload byte changed (re-encoded), signature kept.
        let payload = unb64(parts[1]);
        for i in 0..payload.len() {
            let mut p = payload.clone();
            p[i] ^= 0x01;
            assert_eq!(
                run(&with_segment(&token, 1, &b64(&p))),
                Err(Error::InvalidSignature),
                "{alg} payload byte {i}"
            );
        }
        // The claim an attacker wants, re-encoded.
        let forged = b64(br#"{"sub":"alice","exp":4000000000,"admin":true}"#);
        assert_eq!(
            run(&with_segment(&token, 1, &forged)),
            Err(Error::InvalidSignature)
        );
        // Every single signature bit flipped.
        let sig = unb64(parts[2]);
        for i in 0..sig.len() * 8 {
            let mut s = sig.clone();
            s[i / 8] ^= 1 << (i % 8);
            assert_eq!(
                run(&with_segment(&token, 2, &b64(&s))),
                Err(Error::InvalidSignature)
            );
        }
        // Truncated, extended and empty signatures.
        for s in [
            &sig[..sig.len() - 1],
            &[sig.as_slice(), &[0]].concat(),
            &sig[..16],
            &[],
        ] {
            assert_eq!(
                run(&with_segment(&token, 2, &b64(s))),
                Err(Error::InvalidSignature)
            );
        }
        // The header's alg changed to each other algorithm: refused before the signature
        // (as unsupported for one this build's features do not verify).
        for other in Algorithm::ALL.into_iter().filter(|a| *a != alg) {
            let header = format!(r#"{{"typ":"JWT","alg":"{}"}}"#, other.name());
            let want = if Algorithm::SUPPORTED.contains(&other) {
                Error::AlgorithmMismatch {
                    expected: alg,
                    found: other,
                }
            } else {
                Error::UnsupportedAlgorithm
            };
            assert_eq!(
                run(&with_segment(&token, 0, &b64(header.as_bytes()))),
                Err(want)
            );
            // With a key and policy of that algorithm (same secret), the MAC does not match.
            if other.is_hmac() {
                let t = with_segment(&token, 0, &b64(header.as_bytes()));
                let mut buf = vec![0u8; t.len()];
                assert_eq!(
                    verify(
                        &t,
                        &hs_support::key(other),
                        &Validation::new(other),
                        NOW,
                        &mut buf
                    )
                    .map(|_| ()),
                    Err(Error::InvalidSignature)
                );
            }
        }
        for none in ["none", "None", "NONE", "nOnE"] {
            let header = format!(r#"{{"typ":"JWT","alg":"{none}"}}"#);
            let t = with_segment(&token, 0, &b64(header.as_bytes()));
            assert_eq!(run(&t), Err(Error::NoneAlgorithm));
            assert_eq!(run(&with_segment(&t, 2, "")), Err(Error::NoneAlgorithm));
        }
    }
}

#[test]
fn tokens_signed_here_verify_in_jsonwebtoken() {
    for set in claim_sets() {
        let text = serde_json::to_string(&set).unwrap();
        let auds = audiences(&set);
        for alg in ALGS {
            for secret in secrets() {
                let key = HmacKey::new(alg, &secret).unwrap();
                let mut out = vec![0u8; 8192];
                let token = key.sign(text.as_bytes(), Some("kid-7"), &mut out).unwrap();

                let mut validation = jsonwebtoken::Validation::new(jwt_alg(alg));
                if auds.is_empty() {
                    validation.validate_aud = false;
                } else {
                    validation.set_audience(&auds);
                }
                let data = jsonwebtoken::decode::<Value>(
                    token,
                    &jsonwebtoken::DecodingKey::from_secret(&secret),
                    &validation,
                )
                .unwrap_or_else(|e| panic!("{alg} {}: {e}", secret.len()));
                assert_eq!(data.claims, set);
                assert_eq!(data.header.alg, jwt_alg(alg));
                assert_eq!(data.header.kid.as_deref(), Some("kid-7"));
                assert_eq!(data.header.typ.as_deref(), Some("JWT"));

                // And back: the same token verifies here, claims exact.
                let mut buf = vec![0u8; token.len()];
                let policy = Validation::new(alg).validate_aud(false);
                let t = verify(token, &key, &policy, NOW, &mut buf).unwrap();
                assert_claims_match(t.claims(), &set);

                // A wrong secret is refused by jsonwebtoken as well.
                let mut wrong = secret.clone();
                wrong[0] ^= 0x80;
                let err = jsonwebtoken::decode::<Value>(
                    token,
                    &jsonwebtoken::DecodingKey::from_secret(&wrong),
                    &validation,
                )
                .unwrap_err();
                assert_eq!(
                    err.kind(),
                    &jsonwebtoken::errors::ErrorKind::InvalidSignature
                );
            }
        }
    }
}

#[test]
fn same_signature_as_jsonwebtoken_for_the_same_input() {
    // Our header is `{"alg":…,"typ":"JWT"}`; jsonwebtoken writes `{"typ":"JWT","alg":…}`.
    // Over jsonwebtoken's exact signing input, the `hmac` crate's MAC and the one our key
    // accepts are the same bytes as jsonwebtoken's signature.
    for alg in ALGS {
        for secret in secrets() {
            let token = jwt_encode(alg, &secret, &claim_sets()[2], None);
            let (input, sig) = token.rsplit_once('.').unwrap();
            assert_eq!(
                hs_support::reference_mac(alg, &secret, input.as_bytes()),
                unb64(sig)
            );
            let key = HmacKey::new(alg, &secret).unwrap();
            assert_eq!(
                authcore::VerifyingKey::verify_signature(&key, input.as_bytes(), sig.as_bytes()),
                Ok(())
            );
        }
    }
}
