//! ES256, EdDSA and PS256: verification of arbitrary tokens and raw signatures under the
//! vectors' keys, and EC and Ed25519 key loading from every format.

use std::sync::OnceLock;

use authcore::keys::{EcPublicKey, Ed25519PublicKey};
use authcore::{Algorithm, Error, RsaPublicKey, VerifyingKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::keys::pem;
use crate::tokens::check_token;

const ES256_PEM: &[u8] = include_bytes!("../../core/tests/vectors/es256-public.pem");
const ED25519_PEM: &[u8] = include_bytes!("../../core/tests/vectors/ed25519-public.pem");

/// The vector tokens, each made by another implementation with its key below.
const TOKENS: [&str; 3] = [
    include_str!("../../tests/vectors/es256.jwt"),
    include_str!("../../tests/vectors/eddsa.jwt"),
    include_str!("../../tests/vectors/ps256-2048.jwt"),
];

struct Keys {
    es256: EcPublicKey,
    ed25519: Ed25519PublicKey,
    ps256: RsaPublicKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        es256: EcPublicKey::from_public_key_pem(Algorithm::ES256, ES256_PEM).expect("ES256 key"),
        ed25519: Ed25519PublicKey::from_public_key_pem(ED25519_PEM).expect("Ed25519 key"),
        ps256: RsaPublicKey::from_pem(Algorithm::PS256, crate::keys::RSA2048_PEM)
            .expect("PS256 key"),
    })
}

/// `header.payload` of a token.
fn signing_input(token: &str) -> &str {
    token.rsplit_once('.').map_or(token, |(input, _)| input)
}

/// Arbitrary tokens under the ES256, Ed25519 and PS256 keys of the vectors. Whatever
/// verifies must carry the vector's own signing input: only the key's owner can sign, and
/// ECDSA's one malleability, `(r, n - s)`, leaves the signed bytes as they were. Selector
/// bits: 0-1 the algorithm (ES256, EdDSA, PS256), 2 instead check a raw
/// `message 0xFF signature` with the key's own verification.
pub fn token_jws(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let which = usize::from(sel & 3) % 3;
    let vector = TOKENS[which].trim();
    let keys = keys();
    let key: &dyn VerifyingKey = match which {
        0 => &keys.es256,
        1 => &keys.ed25519,
        _ => &keys.ps256,
    };
    if sel & 4 != 0 {
        let (message, signature) = match rest.iter().rposition(|&b| b == 0xFF) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let result = match which {
            0 => keys.es256.verify_message(message, signature),
            1 => keys.ed25519.verify_message(message, signature),
            _ => keys.ps256.verify_pss(message, signature),
        };
        match result {
            Ok(()) => assert_eq!(
                message,
                signing_input(vector).as_bytes(),
                "forged {:?} signature",
                key.algorithm()
            ),
            Err(e) => assert_eq!(e, Error::InvalidSignature),
        }
        return;
    }
    let Ok(token) = std::str::from_utf8(rest) else {
        return;
    };
    if check_token(token, &key, false) {
        assert_eq!(
            signing_input(token),
            signing_input(vector),
            "a {:?} token other than the vector verified",
            key.algorithm()
        );
    }
}

/// Checks what every loaded EC or Ed25519 key must satisfy: its algorithm, and refusals of
/// signatures that cannot be right.
fn check_key(key: &dyn VerifyingKey, alg: Algorithm, signature_len: usize) {
    assert_eq!(key.algorithm(), alg);
    let zeros = URL_SAFE_NO_PAD.encode(vec![0u8; signature_len]);
    assert_eq!(
        key.verify_signature(b"e30.e30", zeros.as_bytes()),
        Err(Error::InvalidSignature),
        "an all-zero signature verified"
    );
    let short = URL_SAFE_NO_PAD.encode(vec![1u8; signature_len - 1]);
    assert_eq!(
        key.verify_signature(b"e30.e30", short.as_bytes()),
        Err(Error::InvalidSignature)
    );
}

/// The base64url member `name` of a JWK, decoded, as serde reads the JWK.
fn jwk_member(jwk: &[u8], name: &str) -> Option<Vec<u8>> {
    let obj: serde_json::Value =
        serde_json::from_slice(jwk).expect("JWK accepted, serde refuses it");
    URL_SAFE_NO_PAD.decode(obj.get(name)?.as_str()?).ok()
}

/// EC and Ed25519 keys from the input in the format the selector names (bits 0-2: EC SPKI
/// PEM, EC SPKI DER, EC JWK, EC SEC 1 point, Ed25519 SPKI PEM, Ed25519 SPKI DER, Ed25519 JWK,
/// Ed25519 raw bytes; bit 3: ES256 or ES384 for the EC formats). Refusals are key errors;
/// a key that loads must be sane and be the same key when read another way.
pub fn key_load_jws(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let alg = if sel & 8 == 0 {
        Algorithm::ES256
    } else {
        Algorithm::ES384
    };
    let field = if alg == Algorithm::ES256 { 32 } else { 48 };
    let refused = |e: Error| assert!(matches!(e, Error::Key(_)), "non-key error {e:?}");
    if sel & 4 == 0 {
        let key = match sel & 3 {
            0 => EcPublicKey::from_public_key_pem(alg, rest),
            1 => EcPublicKey::from_public_key_der(alg, rest),
            2 => EcPublicKey::from_jwk(alg, rest),
            _ => EcPublicKey::from_sec1(alg, rest),
        };
        let key = match key {
            Ok(key) => key,
            Err(e) => return refused(e),
        };
        check_key(&key, alg, 2 * field);
        let again = match sel & 3 {
            0 => None,
            1 => Some(EcPublicKey::from_public_key_pem(
                alg,
                &pem("PUBLIC KEY", rest),
            )),
            2 => {
                let (x, y) = (jwk_member(rest, "x"), jwk_member(rest, "y"));
                let (x, y) = x.zip(y).expect("JWK accepted without x and y");
                Some(EcPublicKey::from_coordinates(alg, &x, &y))
            }
            _ => Some(EcPublicKey::from_coordinates(
                alg,
                &rest[1..=field],
                &rest[field + 1..],
            )),
        };
        if let Some(again) = again {
            assert_eq!(again, Ok(key), "the same EC key read another way differs");
        }
        return;
    }
    let key = match sel & 3 {
        0 => Ed25519PublicKey::from_public_key_pem(rest),
        1 => Ed25519PublicKey::from_public_key_der(rest),
        2 => Ed25519PublicKey::from_jwk(rest),
        _ => match <&[u8; 32]>::try_from(rest) {
            Ok(bytes) => Ed25519PublicKey::from_bytes(bytes),
            Err(_) => return,
        },
    };
    let key = match key {
        Ok(key) => key,
        Err(e) => return refused(e),
    };
    check_key(&key, Algorithm::EdDSA, 64);
    let bytes = key.to_bytes();
    assert_eq!(
        Ed25519PublicKey::from_bytes(&bytes),
        Ok(key),
        "to_bytes round trip"
    );
    match sel & 3 {
        1 => assert_eq!(
            Ed25519PublicKey::from_public_key_pem(&pem("PUBLIC KEY", rest)),
            Ok(key)
        ),
        2 => assert_eq!(
            jwk_member(rest, "x").as_deref(),
            Some(&bytes[..]),
            "the JWK's x differs from the key"
        ),
        3 => assert_eq!(&bytes[..], rest),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks reach past the signature: each vector verifies under its key.
    #[test]
    fn vectors_are_accepted() {
        let keys = keys();
        let key_list: [&dyn VerifyingKey; 3] = [&keys.es256, &keys.ed25519, &keys.ps256];
        for (token, key) in TOKENS.iter().zip(key_list) {
            assert!(
                check_token(token.trim(), &key, true),
                "{:?}",
                key.algorithm()
            );
        }
    }
}
