//! RSA key loading (PEM, DER, JWK, JWKS) and verification allocate nothing: a counting
//! global allocator sees zero allocations on this thread between the markers.

mod counting_alloc;
mod rsa_support;

use counting_alloc::allocations_in;

use authcore::{Algorithm, RsaPublicKey, Validation, VerifyingKey, verify};
use rsa::pkcs8::EncodePublicKey;
use rsa_support::*;

#[test]
fn counter_sees_allocations() {
    let (n, v) = allocations_in(|| vec![1u8; 100]);
    assert_eq!(v.len(), 100);
    assert!(n >= 1);
}

#[test]
fn rsa_load_and_verify_allocate_nothing() {
    for bits in SIZES {
        let private = private_key(bits);
        let public = private.to_public_key();
        let der = public.to_public_key_der().unwrap().as_bytes().to_vec();
        let jwk_text = jwk(&public, r#","kid":"k1","use":"sig""#);
        let jwks = format!(r#"{{"keys":[{{"kty":"EC","kid":"k1"}},{jwk_text}]}}"#);
        let token = rsa_token(&private, Algorithm::RS256, CLAIMS);
        let (input, sig) = split(&token);
        let policy = Validation::new(Algorithm::RS256).issuer(&["https://idp.example"]);
        let mut buf = [0u8; 1024];

        let (n, keys) = allocations_in(|| {
            [
                RsaPublicKey::from_pem(Algorithm::RS256, spki_pem(bits).as_bytes()).unwrap(),
                RsaPublicKey::from_pkcs1_pem(Algorithm::RS256, pkcs1_pem(bits).as_bytes()).unwrap(),
                RsaPublicKey::from_public_key_der(Algorithm::RS256, &der).unwrap(),
                RsaPublicKey::from_jwk(Algorithm::RS256, jwk_text.as_bytes()).unwrap(),
                RsaPublicKey::from_jwks(Algorithm::RS256, jwks.as_bytes(), "k1").unwrap(),
            ]
        });
        assert_eq!(n, 0, "{bits}-bit key loading allocated");

        let (n, ok) = allocations_in(|| {
            keys.iter().all(|key| {
                key.verify_signature(input.as_bytes(), sig.as_bytes())
                    .is_ok()
                    && verify(&token, key, &policy, NOW, &mut buf).is_ok()
            })
        });
        assert!(ok);
        assert_eq!(n, 0, "{bits}-bit verification allocated");

        // Failures allocate nothing either.
        let (n, err) = allocations_in(|| {
            keys[0]
                .verify_signature(b"other input", sig.as_bytes())
                .is_err()
                && RsaPublicKey::from_jwks(Algorithm::RS256, jwks.as_bytes(), "k2").is_err()
        });
        assert!(err);
        assert_eq!(n, 0);
    }
}
