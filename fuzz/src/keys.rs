//! RSA key loading: PEM, DER, JWK, JWKS and raw components.

use authcore::{Algorithm, Error, KeyError, RsaPublicKey};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

pub(crate) const RSA2048_PEM: &[u8] = include_bytes!("../../core/tests/vectors/rsa2048-public.pem");
pub(crate) const RSA4096_PEM: &[u8] = include_bytes!("../../core/tests/vectors/rsa4096-public.pem");

const ALGS: [Algorithm; 4] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::HS256,
];

/// `der` wrapped in a PEM block with `label`.
pub(crate) fn pem(label: &str, der: &[u8]) -> Vec<u8> {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out.into_bytes()
}

/// A JWK for `n` and `e` (big-endian bytes).
fn jwk(n: &[u8], e: &[u8]) -> String {
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(n),
        URL_SAFE_NO_PAD.encode(e)
    )
}

/// The key that a JWK object (serde's reading of it) describes, through `from_components`.
fn key_from_serde_jwk(alg: Algorithm, obj: &serde_json::Value) -> Option<RsaPublicKey> {
    let n = URL_SAFE_NO_PAD.decode(obj.get("n")?.as_str()?).ok()?;
    let e = URL_SAFE_NO_PAD.decode(obj.get("e")?.as_str()?).ok()?;
    RsaPublicKey::from_components(alg, &n, &e).ok()
}

/// Checks what every loaded key must satisfy.
fn check_key(key: &RsaPublicKey, alg: Algorithm) {
    use authcore::VerifyingKey;
    assert_eq!(key.algorithm(), alg);
    assert!(alg != Algorithm::HS256, "an RSA key made for HS256");
    let bits = key.modulus_bits();
    assert!((2048..=4096).contains(&bits), "modulus of {bits} bits");
    assert_eq!(key.signature_len(), bits.div_ceil(8));
    let e = key.exponent();
    assert!(e >= 3 && e % 2 == 1, "exponent {e}");
    assert_eq!(
        key.verify_pkcs1v15(b"", &vec![0; key.signature_len()]),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        key.verify_pkcs1v15(b"", &vec![0xFF; key.signature_len()]),
        Err(Error::InvalidSignature)
    );
    assert_eq!(key.verify_pkcs1v15(b"x", &[]), Err(Error::InvalidSignature));
}

/// Loads a key from the input in the format the selector names (bits 0-2: PEM of either
/// kind, SPKI PEM, PKCS#1 PEM, SPKI DER, PKCS#1 DER, JWK, JWKS with the `kid` after a 0xFF,
/// components `n 0xFF e`; bits 4-5: RS256/384/512 or HS256, which must be refused). A key
/// that loads must be sane, and must be the same key when loaded another way.
pub fn key_load(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let alg = ALGS[usize::from((sel >> 4) & 3)];
    let key = match sel & 7 {
        0 => RsaPublicKey::from_pem(alg, rest),
        1 => RsaPublicKey::from_public_key_pem(alg, rest),
        2 => RsaPublicKey::from_pkcs1_pem(alg, rest),
        3 => RsaPublicKey::from_public_key_der(alg, rest),
        4 => RsaPublicKey::from_pkcs1_der(alg, rest),
        5 => RsaPublicKey::from_jwk(alg, rest),
        6 => {
            let (jwks, kid) = match rest.iter().rposition(|&b| b == 0xFF) {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &b"rsa2048-2026"[..]),
            };
            let Ok(kid) = std::str::from_utf8(kid) else {
                return;
            };
            let key = RsaPublicKey::from_jwks(alg, jwks, kid);
            if let Ok(key) = &key {
                // serde's reading: exactly one RSA key with that kid, and it is this key.
                let doc: serde_json::Value =
                    serde_json::from_slice(jwks).expect("JWKS accepted, serde refuses it");
                let keys = doc["keys"].as_array().expect("keys is an array");
                let rsa: Vec<&serde_json::Value> = keys
                    .iter()
                    .filter(|k| k["kty"] == "RSA" && k["kid"] == kid)
                    .collect();
                assert_eq!(rsa.len(), 1, "{} RSA keys with kid {kid:?}", rsa.len());
                if let Some(k) = key_from_serde_jwk(alg, rsa[0]) {
                    assert_eq!(&k, key, "JWKS key differs from its components");
                }
            }
            key
        }
        _ => {
            let (n, e) = match rest.iter().position(|&b| b == 0xFF) {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &[1u8, 0, 1][..]),
            };
            let key = RsaPublicKey::from_components(alg, n, e);
            if let Ok(key) = &key {
                let via_jwk = RsaPublicKey::from_jwk(alg, jwk(n, e).as_bytes());
                assert_eq!(via_jwk.as_ref(), Ok(key), "JWK of the components differs");
            }
            key
        }
    };
    let key = match key {
        Ok(k) => k,
        Err(Error::Key(KeyError::WrongAlgorithm)) if alg == Algorithm::HS256 => return,
        Err(Error::Key(_)) => return,
        Err(e) => panic!("key loading gave a non-key error {e:?}"),
    };
    check_key(&key, alg);
    match sel & 7 {
        0 => {
            let spki = RsaPublicKey::from_public_key_pem(alg, rest);
            let pkcs1 = RsaPublicKey::from_pkcs1_pem(alg, rest);
            assert!(
                spki.as_ref() == Ok(&key) || pkcs1.as_ref() == Ok(&key),
                "from_pem accepted what neither PEM kind does"
            );
        }
        1 | 2 => assert_eq!(RsaPublicKey::from_pem(alg, rest).as_ref(), Ok(&key)),
        3 => {
            let p = pem("PUBLIC KEY", rest);
            assert_eq!(RsaPublicKey::from_pem(alg, &p).as_ref(), Ok(&key));
            assert_eq!(
                RsaPublicKey::from_public_key_pem(alg, &p).as_ref(),
                Ok(&key)
            );
        }
        4 => {
            let p = pem("RSA PUBLIC KEY", rest);
            assert_eq!(RsaPublicKey::from_pem(alg, &p).as_ref(), Ok(&key));
            assert_eq!(RsaPublicKey::from_pkcs1_pem(alg, &p).as_ref(), Ok(&key));
        }
        5 => {
            let obj: serde_json::Value =
                serde_json::from_slice(rest).expect("JWK accepted, serde refuses it");
            assert_eq!(obj["kty"], "RSA");
            if let Some(k) = key_from_serde_jwk(alg, &obj) {
                assert_eq!(k, key, "JWK key differs from its components");
            }
        }
        _ => {}
    }
}
