//! Key sets from a JWKS: what is kept, what refused, and that a refusal changes nothing.

use authcore::{Algorithm, Error, KeySet, Validation, VerifyingKey};

/// The default algorithm for RSA and oct keys without `alg`, by the selector's low bits.
const DEFAULTS: [Option<Algorithm>; 4] = [
    None,
    Some(Algorithm::RS256),
    Some(Algorithm::HS256),
    Some(Algorithm::ES256),
];

const TOKEN: &str = include_str!("../../tests/vectors/rs256-2048.jwt");

/// The set's keys as `(kid, algorithm)`, and its skipped count.
fn contents<const N: usize>(set: &KeySet<N>) -> (Vec<(Option<String>, Algorithm)>, usize) {
    let keys = set
        .iter()
        .map(|(kid, key)| (kid.map(str::to_owned), key.algorithm()))
        .collect();
    (keys, set.skipped())
}

/// Input: a selector byte (bits 0-1: the default algorithm), then the JWKS.
pub fn key_set(data: &[u8]) {
    let Some((&sel, jwks)) = data.split_first() else {
        return;
    };
    let default = DEFAULTS[usize::from(sel & 3)];
    let mut set = KeySet::<4>::new();
    match set.replace_from_jwks(jwks, default) {
        Ok(()) => {
            // serde's reading: a JSON object whose `keys` holds every key, kept or skipped.
            let doc: serde_json::Value =
                serde_json::from_slice(jwks).expect("JWKS accepted, serde refuses it");
            let keys = doc["keys"].as_array().expect("keys is an array");
            let (kept, skipped) = contents(&set);
            assert!(!kept.is_empty() && kept.len() <= 4, "{} keys", kept.len());
            assert_eq!(kept.len() + skipped, keys.len(), "keys kept and skipped");
            for (i, (kid, alg)) in kept.iter().enumerate() {
                assert!(Algorithm::SUPPORTED.contains(alg));
                if let Some(kid) = kid {
                    assert!(kid.len() <= authcore::keys::MAX_KID_LEN);
                    let same = kept[..i]
                        .iter()
                        .any(|(k, a)| k.as_ref() == Some(kid) && a == alg);
                    assert!(!same, "two keys with kid {kid:?} for {alg}");
                }
            }
            let mut buf = [0u8; 2048];
            for alg in [Algorithm::RS256, Algorithm::HS256] {
                let _ = set.verify(TOKEN.trim(), &Validation::new(alg), 1_700_000_000, &mut buf);
            }
        }
        Err(e) => {
            assert!(matches!(e, Error::Key(_)), "a JWKS refused with {e:?}");
            assert!(set.is_empty(), "a refused JWKS left keys in an empty set");
            // A loaded set refusing it stays as it was.
            let mut loaded = KeySet::<4>::from_jwks(JWKS.as_bytes(), None).expect("the fixture");
            let before = contents(&loaded);
            assert_eq!(loaded.replace_from_jwks(jwks, default), Err(e));
            assert_eq!(contents(&loaded), before, "a refused JWKS changed the set");
        }
    }
}

const JWKS: &str = include_str!("../../tests/vectors/jwks.json");
