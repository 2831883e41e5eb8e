//! RS256 verification with 2048- and 4096-bit keys: authcore's signature check and whole
//! token verification, beside `jsonwebtoken` (aws-lc-rs backend) on the same token and the
//! `rsa` crate's PKCS#1 v1.5 verify on the same signature; key loading separately; and the
//! arithmetic alternative (crypto-bigint's `FixedMontyForm`) for the record.
//!
//! Run: `cargo bench -p authcore --bench rsa -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use authcore::{Algorithm, RsaPublicKey, Validation, VerifyingKey};
use criterion::{Criterion, criterion_group, criterion_main};
use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U2048, U4096};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2_ref::{Digest, Sha256};

const CLAIMS: &str =
    r#"{"sub":"device-42","iss":"https://idp.example","exp":2000000000,"iat":1700000000}"#;
const NOW: i64 = 1_800_000_000;

fn fixture(bits: usize) -> (&'static str, &'static str) {
    match bits {
        2048 => (
            include_str!("../tests/vectors/rsa2048-private.pem"),
            include_str!("../tests/vectors/rsa2048-public.pem"),
        ),
        _ => (
            include_str!("../tests/vectors/rsa4096-private.pem"),
            include_str!("../tests/vectors/rsa4096-public.pem"),
        ),
    }
}

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; authcore::base64url::encoded_len(bytes.len())];
    authcore::base64url::encode(bytes, &mut out)
        .unwrap()
        .to_owned()
}

fn verification(c: &mut Criterion) {
    for bits in [2048, 4096] {
        let (private_pem, public_pem) = fixture(bits);
        let private = RsaPrivateKey::from_pkcs8_pem(private_pem).unwrap();
        let der = private.to_pkcs1_der().unwrap();
        // The token is made by jsonwebtoken itself, so every library checks the same bytes.
        let claims: serde_json::Value = serde_json::from_str(CLAIMS).unwrap();
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes()),
        )
        .unwrap();
        let (input, sig_b64) = token.rsplit_once('.').unwrap();

        let key = RsaPublicKey::from_pem(Algorithm::RS256, public_pem.as_bytes()).unwrap();
        let policy = Validation::new(Algorithm::RS256).issuer(&["https://idp.example"]);
        let public = rsa::RsaPublicKey::from_public_key_pem(public_pem).unwrap();
        let jwt_key = jsonwebtoken::DecodingKey::from_rsa_raw_components(
            &public.n().to_bytes_be(),
            &public.e().to_bytes_be(),
        );
        let mut jwt_policy = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
        jwt_policy.set_issuer(&["https://idp.example"]);
        let mut sig = vec![0u8; sig_b64.len()];
        let sig_len = authcore::base64url::decode(sig_b64.as_bytes(), &mut sig)
            .unwrap()
            .len();
        sig.truncate(sig_len);
        assert!(
            public
                .verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(input), &sig)
                .is_ok()
        );

        let mut g = c.benchmark_group(format!("rs256_verify_{bits}"));
        g.bench_function("authcore_signature", |b| {
            b.iter(|| {
                key.verify_signature(black_box(input.as_bytes()), black_box(sig_b64.as_bytes()))
                    .unwrap()
            })
        });
        g.bench_function("authcore_token", |b| {
            let mut buf = [0u8; 512];
            b.iter(|| {
                authcore::verify(black_box(&token), &key, &policy, NOW, &mut buf)
                    .map(|t| t.claims().exp)
                    .unwrap()
            })
        });
        g.bench_function("jsonwebtoken_aws_lc_signature", |b| {
            b.iter(|| {
                assert!(
                    jsonwebtoken::crypto::verify(
                        black_box(sig_b64),
                        black_box(input.as_bytes()),
                        &jwt_key,
                        jsonwebtoken::Algorithm::RS256,
                    )
                    .unwrap()
                )
            })
        });
        g.bench_function("jsonwebtoken_aws_lc_token", |b| {
            b.iter(|| {
                jsonwebtoken::decode::<serde_json::Value>(black_box(&token), &jwt_key, &jwt_policy)
                    .unwrap()
            })
        });
        g.bench_function("rsa_crate_signature", |b| {
            b.iter(|| {
                // Hash included, as in the others.
                public
                    .verify(
                        Pkcs1v15Sign::new::<Sha256>(),
                        &Sha256::digest(black_box(input.as_bytes())),
                        black_box(&sig),
                    )
                    .unwrap()
            })
        });
        g.finish();
    }
}

fn key_loading(c: &mut Criterion) {
    for bits in [2048, 4096] {
        let (private_pem, public_pem) = fixture(bits);
        let public = RsaPrivateKey::from_pkcs8_pem(private_pem)
            .unwrap()
            .to_public_key();
        let jwk = format!(
            r#"{{"kty":"RSA","use":"sig","n":"{}","e":"{}"}}"#,
            b64(&public.n().to_bytes_be()),
            b64(&public.e().to_bytes_be())
        );
        let mut g = c.benchmark_group(format!("rsa_key_load_{bits}"));
        g.bench_function("authcore_pem", |b| {
            b.iter(|| RsaPublicKey::from_pem(Algorithm::RS256, black_box(public_pem.as_bytes())))
        });
        g.bench_function("authcore_jwk", |b| {
            b.iter(|| RsaPublicKey::from_jwk(Algorithm::RS256, black_box(jwk.as_bytes())))
        });
        g.bench_function("rsa_crate_pem", |b| {
            b.iter(|| rsa::RsaPublicKey::from_public_key_pem(black_box(public_pem)).unwrap())
        });
        g.finish();
    }
}

/// The alternative to the run-time-length limb arithmetic: crypto-bigint's
/// `FixedMontyForm<LIMBS>` doing the same exponentiation (into Montgomery form, 16
/// squarings, one multiply, out), and its generic `pow_vartime`.
fn arithmetic_choice(c: &mut Criterion) {
    fn run<const L: usize>(c: &mut Criterion, bits: usize, n_be: &[u8], s_be: &[u8]) {
        let n = crypto_bigint::Uint::<L>::from_be_slice(n_be);
        let s = crypto_bigint::Uint::<L>::from_be_slice(s_be);
        let params = FixedMontyParams::new_vartime(Odd::new(n).unwrap());
        let e = crypto_bigint::Uint::<L>::from_u32(65537);
        let mut g = c.benchmark_group(format!("rsa_arith_{bits}"));
        g.bench_function("fixed_monty_form_16sq_1mul", |b| {
            b.iter(|| {
                let x = FixedMontyForm::new(black_box(&s), &params);
                x.square_repeat_vartime(16).mul(&x).retrieve()
            })
        });
        g.bench_function("fixed_monty_form_pow_vartime", |b| {
            b.iter(|| {
                FixedMontyForm::new(black_box(&s), &params)
                    .pow_vartime(&e)
                    .retrieve()
            })
        });
        g.finish();
    }
    for bits in [2048, 4096] {
        let (private_pem, _) = fixture(bits);
        let private = RsaPrivateKey::from_pkcs8_pem(private_pem).unwrap();
        let sig = private
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(b"x"))
            .unwrap();
        let n = private.n().to_bytes_be();
        if bits == 2048 {
            run::<{ U2048::LIMBS }>(c, bits, &n, &sig);
        } else {
            run::<{ U4096::LIMBS }>(c, bits, &n, &sig);
        }
    }
}

criterion_group!(benches, verification, key_loading, arithmetic_choice);
criterion_main!(benches);
