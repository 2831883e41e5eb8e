//! `KeySet`: loading a JWKS of every key type (what is kept, skipped and refused, and that a
//! refused replacement leaves the set as it was), and verifying tokens made by the
//! `jsonwebtoken` crate (aws-lc-rs backend) with the key their `kid` names: wrong kids,
//! forged signatures, algorithm mismatch and confusion, tokens without a kid.
//!
//! Runs in every feature combination: keys of a family whose feature is off must be
//! skipped, and the tokens of such families are only made where the feature is on.

mod rsa_support;

use authcore::keys::MAX_KEY_SET_KID_LEN;
use authcore::{Algorithm, AnyKey, Error, JsonError, KeyError, KeySet, Validation, VerifyingKey};
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
const HS_SECRET: &[u8] = b"an HS256 secret of at least 32 bytes, from the JWKS";

const NOW: i64 = 1_800_000_000;

fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// The JWK of RSA fixture key `bits`, with extra members (each followed by a comma).
fn rsa_jwk(bits: usize, extra: &str) -> String {
    let jwk = rsa_support::jwk(&private_key(bits).to_public_key(), "");
    jwk.replacen('{', &format!("{{{extra}"), 1)
}

/// The JWK of an EC fixture key (its uncompressed point ends the SPKI).
fn ec_jwk(public_pem: &str, crv: &str, field: usize, extra: &str) -> String {
    let der = pem_der(public_pem);
    let point = &der[der.len() - 2 * field..];
    let (x, y) = point.split_at(field);
    format!(
        r#"{{{extra}"kty":"EC","crv":"{crv}","x":"{}","y":"{}"}}"#,
        b64(x),
        b64(y)
    )
}

fn ed_jwk(extra: &str) -> String {
    let der = pem_der(ED25519_PUBLIC);
    let x = &der[der.len() - 32..];
    format!(r#"{{{extra}"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64(x))
}

fn oct_jwk(secret: &[u8], extra: &str) -> String {
    format!(r#"{{{extra}"kty":"oct","k":"{}"}}"#, b64(secret))
}

fn jwks(keys: &[String]) -> String {
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

/// Every kind of key: RSA with and without `alg`, EC on both curves (one `alg` told by its
/// curve), Ed25519, an `oct` secret; and two keys any build skips (an encryption key and a
/// curve nobody verifies).
fn mixed_jwks() -> String {
    jwks(&[
        rsa_jwk(2048, r#""kid":"rsa-1","alg":"RS256","use":"sig","#),
        rsa_jwk(3072, r#""kid":"rsa-2","#),
        ec_jwk(ES256_PUBLIC, "P-256", 32, r#""kid":"ec-1","#),
        ec_jwk(ES384_PUBLIC, "P-384", 48, r#""kid":"ec-2","alg":"ES384","#),
        ed_jwk(r#""kid":"ed-1","#),
        oct_jwk(HS_SECRET, r#""kid":"hs-1","alg":"HS256","#),
        rsa_jwk(4096, r#""kid":"enc-1","use":"enc","alg":"RS256","#),
        ec_jwk(ES256_PUBLIC, "secp256k1", 32, r#""kid":"k1","#),
    ])
}

/// The keys of [`mixed_jwks`] this build keeps, with their algorithms.
fn kept() -> Vec<(&'static str, Algorithm)> {
    let mut kept = vec![("rsa-1", Algorithm::RS256), ("rsa-2", Algorithm::RS256)];
    if cfg!(feature = "es256") {
        kept.push(("ec-1", Algorithm::ES256));
    }
    if cfg!(feature = "es384") {
        kept.push(("ec-2", Algorithm::ES384));
    }
    if cfg!(feature = "eddsa") {
        kept.push(("ed-1", Algorithm::EdDSA));
    }
    kept.push(("hs-1", Algorithm::HS256));
    kept
}

fn jwt_alg(alg: Algorithm) -> jsonwebtoken::Algorithm {
    use jsonwebtoken::Algorithm as J;
    match alg {
        Algorithm::HS256 => J::HS256,
        Algorithm::RS256 => J::RS256,
        Algorithm::ES256 => J::ES256,
        Algorithm::ES384 => J::ES384,
        Algorithm::EdDSA => J::EdDSA,
        other => panic!("no tokens for {other} here"),
    }
}

/// A token by jsonwebtoken, signed with the private key behind `kid` of [`mixed_jwks`],
/// its header naming `header_kid`.
fn token(alg: Algorithm, kid: &str, header_kid: Option<&str>) -> String {
    use jsonwebtoken::EncodingKey as K;
    let rsa = |bits| K::from_rsa_der(private_key(bits).to_pkcs1_der().unwrap().as_bytes());
    let key = match kid {
        "rsa-1" => rsa(2048),
        "rsa-2" => rsa(3072),
        "ec-1" => K::from_ec_der(&pem_der(ES256_PRIVATE)),
        "ec-2" => K::from_ec_der(&pem_der(ES384_PRIVATE)),
        "ed-1" => K::from_ed_der(&pem_der(ED25519_PRIVATE)),
        "hs-1" => K::from_secret(HS_SECRET),
        other => panic!("no private key for {other}"),
    };
    let mut header = jsonwebtoken::Header::new(jwt_alg(alg));
    header.kid = header_kid.map(str::to_owned);
    let claims = json!({"sub": "device-42", "exp": NOW + 600, "iat": NOW - 10});
    jsonwebtoken::encode(&header, &claims, &key).unwrap()
}

fn check<const N: usize>(set: &KeySet<N>, token: &str, alg: Algorithm) -> Result<(), Error> {
    let mut buf = [0u8; 1024];
    let policy = Validation::new(alg).require(&["exp", "sub"]);
    let verified = set.verify(token, &policy, NOW, &mut buf)?;
    assert_eq!(verified.header().alg, alg);
    assert_eq!(verified.claims().exp, Some(NOW + 600));
    assert!(verified.claims().sub.is_some_and(|s| s.eq_str("device-42")));
    Ok(())
}

fn mixed_set() -> KeySet<8> {
    KeySet::from_jwks(mixed_jwks().as_bytes(), Some(Algorithm::RS256)).unwrap()
}

#[test]
fn loads_the_usable_keys_of_every_type_in_order() {
    let set = mixed_set();
    let loaded: Vec<(String, Algorithm)> = set
        .iter()
        .map(|(kid, key)| (kid.unwrap().to_owned(), key.algorithm()))
        .collect();
    let want: Vec<(String, Algorithm)> =
        kept().into_iter().map(|(k, a)| (k.to_owned(), a)).collect();
    assert_eq!(loaded, want);
    assert_eq!(set.len(), kept().len());
    assert_eq!(set.skipped(), 8 - kept().len());
    assert_eq!(set.capacity(), 8);
    assert!(set.get("rsa-2", Algorithm::RS256).is_some());
    assert!(set.get("rsa-2", Algorithm::PS256).is_none());
    assert!(matches!(
        set.get("hs-1", Algorithm::HS256),
        Some(AnyKey::Hmac(_))
    ));
    // Debug shows kids and key types, never the secret.
    let debug = format!("{set:?}");
    assert!(
        debug.contains("hs-1") && debug.contains("RsaPublicKey"),
        "{debug}"
    );
    assert!(!debug.contains(&b64(HS_SECRET)) && !debug.contains("HS256 secret"));
}

#[test]
fn verifies_each_token_with_the_key_its_kid_names() {
    let set = mixed_set();
    for (kid, alg) in kept() {
        let t = token(alg, kid, Some(kid));
        assert_eq!(check(&set, &t, alg), Ok(()), "{kid}");
        // The same token under another kid of the same algorithm: that key's signature
        // check refuses it.
        if kid == "rsa-1" {
            let t = token(alg, "rsa-1", Some("rsa-2"));
            assert_eq!(check(&set, &t, alg), Err(Error::InvalidSignature));
        }
    }
}

#[test]
fn refuses_unknown_kids_forgeries_and_other_algorithms() {
    let set = mixed_set();
    let t = token(Algorithm::RS256, "rsa-1", Some("rsa-3"));
    assert_eq!(check(&set, &t, Algorithm::RS256), Err(Error::UnknownKeyId));
    // A skipped key's kid is no key of the set.
    let t = token(Algorithm::RS256, "rsa-1", Some("enc-1"));
    assert_eq!(check(&set, &t, Algorithm::RS256), Err(Error::UnknownKeyId));
    // Kids compare exactly.
    let t = token(Algorithm::RS256, "rsa-1", Some("RSA-1"));
    assert_eq!(check(&set, &t, Algorithm::RS256), Err(Error::UnknownKeyId));

    for (kid, alg) in kept() {
        let t = token(alg, kid, Some(kid));
        // One signature character changed.
        let (head, sig) = t.rsplit_once('.').unwrap();
        let mut sig = sig.to_owned().into_bytes();
        sig[3] = if sig[3] == b'A' { b'B' } else { b'A' };
        let forged = format!("{head}.{}", String::from_utf8(sig).unwrap());
        assert_eq!(
            check(&set, &forged, alg),
            Err(Error::InvalidSignature),
            "{kid}"
        );
        // The policy's algorithm is another one: refused before any key is chosen.
        let other = if alg == Algorithm::RS256 {
            Algorithm::HS256
        } else {
            Algorithm::RS256
        };
        assert_eq!(
            check(&set, &t, other),
            Err(Error::AlgorithmMismatch {
                expected: other,
                found: alg
            }),
            "{kid}"
        );
    }
}

#[test]
fn an_hs256_token_naming_an_rsa_key_never_reaches_it() {
    let set = mixed_set();
    // The classic confusion: MACed with the RSA key's public material as the secret.
    let public = rsa_support::spki_pem(2048);
    let key = jsonwebtoken::EncodingKey::from_secret(public.as_bytes());
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some("rsa-1".into());
    let claims = json!({"sub": "device-42", "exp": NOW + 600});
    let forged = jsonwebtoken::encode(&header, &claims, &key).unwrap();
    // Under an HS256 policy the kid's keys are all RS256 ones.
    assert_eq!(
        check(&set, &forged, Algorithm::HS256),
        Err(KeyError::WrongAlgorithm.into())
    );
    // Under the RSA key's policy the header's alg is refused.
    assert_eq!(
        check(&set, &forged, Algorithm::RS256),
        Err(Error::AlgorithmMismatch {
            expected: Algorithm::RS256,
            found: Algorithm::HS256
        })
    );
    // And the other way: an RS256 token naming the oct key.
    let t = token(Algorithm::RS256, "rsa-1", Some("hs-1"));
    assert_eq!(
        check(&set, &t, Algorithm::RS256),
        Err(KeyError::WrongAlgorithm.into())
    );
}

#[test]
fn a_token_without_kid_needs_the_only_key_of_its_algorithm() {
    let set = mixed_set();
    // One HS256 key: chosen.
    let t = token(Algorithm::HS256, "hs-1", None);
    assert_eq!(check(&set, &t, Algorithm::HS256), Ok(()));
    // Two RS256 keys: which one is not guessed.
    let t = token(Algorithm::RS256, "rsa-1", None);
    assert_eq!(check(&set, &t, Algorithm::RS256), Err(Error::MissingKeyId));
    // With one RS256 key, it is that one.
    let one = jwks(&[rsa_jwk(2048, r#""kid":"rsa-1","alg":"RS256","#)]);
    let one = KeySet::<1>::from_jwks(one.as_bytes(), None).unwrap();
    assert_eq!(check(&one, &t, Algorithm::RS256), Ok(()));
    // No key of the policy's algorithm at all.
    let t = token(Algorithm::HS256, "hs-1", None);
    assert_eq!(
        check(&one, &t, Algorithm::HS256),
        Err(KeyError::WrongAlgorithm.into())
    );
    // A key without kid serves kid-less tokens only.
    let nokid = jwks(&[rsa_jwk(2048, r#""alg":"RS256","#)]);
    let nokid = KeySet::<1>::from_jwks(nokid.as_bytes(), None).unwrap();
    assert_eq!(nokid.iter().next().unwrap().0, None);
    let t = token(Algorithm::RS256, "rsa-1", None);
    assert_eq!(check(&nokid, &t, Algorithm::RS256), Ok(()));
    let t = token(Algorithm::RS256, "rsa-1", Some("rsa-1"));
    assert_eq!(
        check(&nokid, &t, Algorithm::RS256),
        Err(Error::UnknownKeyId)
    );
}

#[test]
fn rsa_and_oct_keys_without_alg_take_the_callers_default_or_are_skipped() {
    let doc = jwks(&[
        rsa_jwk(2048, r#""kid":"a","#),
        oct_jwk(HS_SECRET, r#""kid":"b","#),
    ]);
    let none = KeySet::<2>::from_jwks(doc.as_bytes(), None);
    assert_eq!(none.unwrap_err(), KeyError::NoUsableKey.into());
    // A default applies to its own family only.
    let rs = KeySet::<2>::from_jwks(doc.as_bytes(), Some(Algorithm::RS384)).unwrap();
    assert_eq!((rs.len(), rs.skipped()), (1, 1));
    assert!(rs.get("a", Algorithm::RS384).is_some());
    let hs = KeySet::<2>::from_jwks(doc.as_bytes(), Some(Algorithm::HS512)).unwrap();
    assert_eq!((hs.len(), hs.skipped()), (1, 1));
    assert!(hs.get("b", Algorithm::HS512).is_some());
    // A key's own alg wins over the default.
    let own = jwks(&[rsa_jwk(2048, r#""kid":"a","alg":"RS512","#)]);
    let own = KeySet::<1>::from_jwks(own.as_bytes(), Some(Algorithm::RS256)).unwrap();
    assert!(own.get("a", Algorithm::RS512).is_some());
}

#[test]
fn unusable_keys_are_skipped_and_a_set_of_none_is_refused() {
    let doc = jwks(&[
        rsa_jwk(2048, r#""kid":"enc","use":"enc","alg":"RS256","#),
        // An alg no one implements, an alg of another family, a 1024-bit modulus, an
        // unknown kty, a kid that is not a string, an empty secret.
        rsa_jwk(2048, r#""kid":"x","alg":"RSA-OAEP","#),
        rsa_jwk(2048, r#""kid":"y","alg":"ES256","#),
        format!(
            r#"{{"kty":"RSA","kid":"small","alg":"RS256","n":"{}","e":"AQAB"}}"#,
            b64(&[0xc5; 128])
        ),
        r#"{"kty":"XYZ","kid":"z","alg":"RS256"}"#.to_owned(),
        rsa_jwk(2048, r#""kid":7,"alg":"RS256","#),
        r#"{"kty":"oct","kid":"e","alg":"HS256","k":""}"#.to_owned(),
    ]);
    assert_eq!(
        KeySet::<4>::from_jwks(doc.as_bytes(), Some(Algorithm::RS256)).unwrap_err(),
        KeyError::NoUsableKey.into()
    );
    assert_eq!(
        KeySet::<4>::from_jwks(br#"{"keys":[]}"#, None).unwrap_err(),
        KeyError::NoUsableKey.into()
    );
    // One usable key beside them: loaded, the others counted.
    let with_one = doc.replacen(
        "[",
        &format!("[{},", oct_jwk(HS_SECRET, r#""kid":"ok","alg":"HS256","#)),
        1,
    );
    let set = KeySet::<1>::from_jwks(with_one.as_bytes(), None).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 7));
}

#[test]
fn more_keys_than_capacity_is_an_error_not_a_truncation() {
    let doc = jwks(&[
        rsa_jwk(2048, r#""kid":"a","alg":"RS256","#),
        rsa_jwk(3072, r#""kid":"b","alg":"RS256","#),
        rsa_jwk(4096, r#""kid":"c","alg":"RS256","#),
    ]);
    assert_eq!(
        KeySet::<2>::from_jwks(doc.as_bytes(), None).unwrap_err(),
        KeyError::TooManyKeys { capacity: 2 }.into()
    );
    assert_eq!(
        KeySet::<3>::from_jwks(doc.as_bytes(), None).unwrap().len(),
        3
    );
    assert_eq!(
        KeySet::<0>::from_jwks(doc.as_bytes(), None).unwrap_err(),
        KeyError::TooManyKeys { capacity: 0 }.into()
    );
    // Skipped keys take no room.
    let full = mixed_jwks();
    let n = kept().len();
    let set = KeySet::<6>::from_jwks(full.as_bytes(), Some(Algorithm::RS256));
    assert_eq!(
        set.map(|s| s.len()),
        if n <= 6 {
            Ok(n)
        } else {
            Err(KeyError::TooManyKeys { capacity: 6 }.into())
        }
    );
}

#[test]
fn duplicate_kids_of_one_algorithm_are_refused() {
    let same = jwks(&[
        rsa_jwk(2048, r#""kid":"a","alg":"RS256","#),
        rsa_jwk(3072, r#""kid":"a","alg":"RS256","#),
    ]);
    assert_eq!(
        KeySet::<4>::from_jwks(same.as_bytes(), None).unwrap_err(),
        KeyError::DuplicateKid.into()
    );
    // The same, one kid written with an escape.
    let escaped = same.replacen(r#""kid":"a""#, r#""kid":"\u0061""#, 1);
    assert_eq!(
        KeySet::<4>::from_jwks(escaped.as_bytes(), None).unwrap_err(),
        KeyError::DuplicateKid.into()
    );
    // One kid for two algorithms is no ambiguity: the token's alg tells them apart.
    let two_algs = jwks(&[
        rsa_jwk(2048, r#""kid":"a","alg":"RS256","#),
        oct_jwk(HS_SECRET, r#""kid":"a","alg":"HS256","#),
    ]);
    let set = KeySet::<4>::from_jwks(two_algs.as_bytes(), None).unwrap();
    assert_eq!(set.len(), 2);
    let t = token(Algorithm::HS256, "hs-1", Some("a"));
    assert_eq!(check(&set, &t, Algorithm::HS256), Ok(()));
    let t = token(Algorithm::RS256, "rsa-1", Some("a"));
    assert_eq!(check(&set, &t, Algorithm::RS256), Ok(()));
    // A skipped key's kid does not count, nor do keys without kid.
    let skipped = jwks(&[
        rsa_jwk(2048, r#""kid":"a","alg":"RS256","#),
        rsa_jwk(3072, r#""kid":"a","alg":"RS256","use":"enc","#),
        rsa_jwk(2048, r#""alg":"RS256","#),
        rsa_jwk(3072, r#""alg":"RS256","#),
    ]);
    assert_eq!(
        KeySet::<4>::from_jwks(skipped.as_bytes(), None)
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn kids_longer_than_the_set_holds_are_refused() {
    let kid = "k".repeat(MAX_KEY_SET_KID_LEN);
    let fits = jwks(&[oct_jwk(
        HS_SECRET,
        &format!(r#""kid":"{kid}","alg":"HS256","#),
    )]);
    let set = KeySet::<1>::from_jwks(fits.as_bytes(), None).unwrap();
    assert_eq!(set.iter().next().unwrap().0, Some(kid.as_str()));
    let long = fits.replace(&kid, &format!("{kid}k"));
    assert_eq!(
        KeySet::<1>::from_jwks(long.as_bytes(), None).unwrap_err(),
        KeyError::KidTooLong {
            max: MAX_KEY_SET_KID_LEN
        }
        .into()
    );
}

/// Malformed documents, each with its error.
fn malformed() -> Vec<(String, Error)> {
    let good = oct_jwk(HS_SECRET, r#""kid":"m","alg":"HS256","#);
    let json = |e| Error::Key(KeyError::Json(e));
    let keys = Error::Key(KeyError::JwkMember("keys"));
    vec![
        ("".into(), json(JsonError::Syntax { offset: 0 })),
        (
            format!(r#"{{"keys":[{good}]"#),
            json(JsonError::Syntax { offset: 0 }),
        ),
        (format!(r#"[{good}]"#), json(JsonError::NotAnObject)),
        (
            format!(r#"{{"keys":[{good}]}} x"#),
            json(JsonError::TrailingData),
        ),
        (
            format!(r#"{{"keys":[{good}],"keys":[]}}"#),
            json(JsonError::DuplicateKey),
        ),
        (r#"{"kees":[]}"#.into(), keys),
        (format!(r#"{{"keys":{good}}}"#), keys),
        (format!(r#"{{"keys":[{good},"x"]}}"#), keys),
        (
            format!(r#"{{"keys":[{good},{{"kty":"oct","kty":"RSA"}}]}}"#),
            json(JsonError::DuplicateKey),
        ),
        (
            format!(
                r#"{{"keys":[{good},{{{}"kty":"oct"}}]}}"#,
                (0..65).map(|i| format!(r#""m{i}":0,"#)).collect::<String>()
            ),
            json(JsonError::TooManyMembers),
        ),
    ]
}

#[test]
fn malformed_documents_are_refused_each_with_its_error() {
    for (doc, want) in malformed() {
        let got = KeySet::<4>::from_jwks(doc.as_bytes(), None).unwrap_err();
        match (got, want) {
            // Where the syntax error lies is the reader's business.
            (
                Error::Key(KeyError::Json(JsonError::Syntax { .. })),
                Error::Key(KeyError::Json(JsonError::Syntax { .. })),
            ) => {}
            (got, want) => assert_eq!(got, want, "{doc}"),
        }
    }
}

#[test]
fn a_refused_replacement_leaves_the_set_as_it_was() {
    let mut set = mixed_set();
    let rs = token(Algorithm::RS256, "rsa-1", Some("rsa-1"));
    let hs = token(Algorithm::HS256, "hs-1", Some("hs-1"));
    let before = |set: &KeySet<8>| {
        assert_eq!(set.len(), kept().len());
        assert_eq!(set.skipped(), 8 - kept().len());
        assert_eq!(check(set, &rs, Algorithm::RS256), Ok(()));
        assert_eq!(check(set, &hs, Algorithm::HS256), Ok(()));
    };
    let too_many: Vec<String> = (0..9)
        .map(|i| oct_jwk(HS_SECRET, &format!(r#""kid":"t{i}","alg":"HS256","#)))
        .collect();
    let refusals = malformed().into_iter().map(|(d, _)| d).chain([
        jwks(&too_many),
        jwks(&[
            rsa_jwk(2048, r#""kid":"a","alg":"RS256","#),
            rsa_jwk(2048, r#""kid":"a","alg":"RS256","#),
        ]),
        jwks(&[rsa_jwk(2048, r#""kid":"a","use":"enc","#)]),
        jwks(&[oct_jwk(
            HS_SECRET,
            &format!(r#""kid":"{}","alg":"HS256","#, "k".repeat(65)),
        )]),
    ]);
    for doc in refusals {
        assert!(
            set.replace_from_jwks(doc.as_bytes(), Some(Algorithm::RS256))
                .is_err()
        );
        before(&set);
    }
    // A rotation: the old keys are gone, the new one verifies.
    let rotated = jwks(&[rsa_jwk(4096, r#""kid":"rsa-9","alg":"RS256","#)]);
    set.replace_from_jwks(rotated.as_bytes(), None).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 0));
    assert_eq!(check(&set, &rs, Algorithm::RS256), Err(Error::UnknownKeyId));
    assert_eq!(check(&set, &hs, Algorithm::HS256), Err(Error::UnknownKeyId));
    set.clear();
    assert!(set.is_empty());
    assert_eq!(check(&set, &rs, Algorithm::RS256), Err(Error::UnknownKeyId));
}

#[test]
fn bad_tokens_fail_as_with_one_key() {
    let set = mixed_set();
    let mut buf = [0u8; 1024];
    let policy = Validation::new(Algorithm::RS256);
    assert_eq!(
        set.verify("a.b", &policy, NOW, &mut buf),
        Err(Error::SegmentCount)
    );
    let none = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","kid":"rsa-1"}"#),
        b64(b"{}")
    );
    assert_eq!(
        set.verify(&none, &policy, NOW, &mut buf),
        Err(Error::NoneAlgorithm)
    );
    let t = token(Algorithm::RS256, "rsa-1", Some("rsa-1"));
    // A short buffer reports what the whole verification needs, not the header alone.
    let needed = authcore::RawToken::split(&t, usize::MAX)
        .unwrap()
        .decoded_len();
    assert_eq!(
        set.verify(&t, &policy, NOW, &mut buf[..10]),
        Err(Error::BufferTooSmall { needed })
    );
    // The claims are checked after the key: an expired token is expired.
    assert_eq!(
        set.verify(&t, &policy, NOW + 601, &mut buf),
        Err(Error::Expired)
    );
    let mut kept_claims = None;
    let r = set.verify_with(&t, &policy, NOW, &mut buf, |h, c| {
        kept_claims = Some((h.kid.map(|k| k.raw().to_owned()), c.exp));
    });
    assert_eq!(r, Ok(()));
    assert_eq!(
        kept_claims,
        Some((Some("rsa-1".to_owned()), Some(NOW + 600)))
    );
}

#[test]
fn key_for_names_the_chosen_key() {
    let set = mixed_set();
    let kid = authcore::json::parse_object(br#"{"k":"rsa-2"}"#).unwrap();
    let kid = kid.get("k").unwrap().as_json_str();
    let key = set.key_for(Algorithm::RS256, kid).unwrap();
    let AnyKey::Rsa(rsa) = key else {
        panic!("{key:?}")
    };
    assert_eq!(rsa.modulus_bits(), 3072);
}

#[test]
fn a_set_is_about_one_rsa_key_and_a_kid_per_slot() {
    let slot = core::mem::size_of::<KeySet<2>>() - core::mem::size_of::<KeySet<1>>();
    let key = core::mem::size_of::<AnyKey>();
    println!(
        "AnyKey: {key} bytes; KeySet: {slot} bytes a slot, KeySet<8>: {} bytes",
        core::mem::size_of::<KeySet<8>>()
    );
    assert!(key >= core::mem::size_of::<authcore::RsaPublicKey>());
    assert!(
        slot >= key + MAX_KEY_SET_KID_LEN && slot <= key + MAX_KEY_SET_KID_LEN + 32,
        "{slot}"
    );
    assert!(core::mem::size_of::<KeySet<8>>() <= 8 * slot + 16);
}

#[test]
fn memory_valid_reads_each_slot_tag_and_its_keys_kind() {
    use std::cell::RefCell;
    type Set = KeySet<2>;
    let size = core::mem::size_of::<Set>();
    let slot = size_of_slot();
    let bytes = RefCell::new(vec![0u8; size]);
    let valid = || Set::memory_valid(|i| bytes.borrow()[i]);
    // All zero: every slot vacant.
    assert!(valid());
    // A tag that is neither vacant (0) nor used (1).
    bytes.borrow_mut()[slot] = 2;
    assert!(!valid());
    // Used, with a key of no kind, then of an unknown kind.
    bytes.borrow_mut()[slot] = 1;
    assert!(!valid());
    let key_at = (4..=64)
        .find(|&o| {
            let mut b = bytes.borrow_mut();
            b[slot + o] = 1; // HMAC, whose discriminants are all valid at 0
            drop(b);
            let ok = valid();
            bytes.borrow_mut()[slot + o] = 0;
            ok
        })
        .expect("an HMAC kind makes the slot valid");
    bytes.borrow_mut()[slot + key_at] = 9;
    assert!(!valid());
}

/// The size of one slot of a key set (the arrays' stride).
fn size_of_slot() -> usize {
    core::mem::size_of::<KeySet<2>>() - core::mem::size_of::<KeySet<1>>()
}
