//! Signing a ~200-byte claims set into a caller buffer: ES256 (`EcSigningKey`, RFC 6979
//! nonces) and HS256 beside `jsonwebtoken` (aws-lc-rs backend) signing the same claims with
//! the same keys in the same run (its ES256 signatures are randomized, ours deterministic),
//! and `p256`'s own signing of a message of the token's signing-input length: the floor the
//! ES256 key is built on.
//!
//! Run: `cargo bench -p authcore --features es256 --bench sign -- --warm-up-time 1
//! --measurement-time 3`.

use std::hint::black_box;

use authcore::{Algorithm, EcSigningKey, HmacKey};
use base64::Engine as _;
use criterion::{Criterion, criterion_group, criterion_main};

const PEM: &str = include_str!("../tests/vectors/es256-private.pem");
const SECRET: &[u8] = b"an HS256 secret of 32+ bytes, for the benchmark";
const CLAIMS: &str = r#"{"iss":"https://auth.example.com","sub":"user-1234567890","aud":"api.example.com","exp":4000000000,"iat":1700000000,"jti":"7f3c9a52-0f0e-4c8e-9a1b"}"#;

fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

fn sign(c: &mut Criterion) {
    let claims: serde_json::Value = serde_json::from_str(CLAIMS).unwrap();
    let es = EcSigningKey::from_pem(Algorithm::ES256, PEM.as_bytes()).unwrap();
    let hs = HmacKey::hs256(SECRET).unwrap();
    let jwt_es = jsonwebtoken::EncodingKey::from_ec_der(&pem_der(PEM));
    let jwt_hs = jsonwebtoken::EncodingKey::from_secret(SECRET);
    let header = |alg| jsonwebtoken::Header::new(alg);
    let mut out = [0u8; 512];

    let mut g = c.benchmark_group("sign");
    g.bench_function("authcore ES256", |b| {
        b.iter(|| {
            es.sign(black_box(CLAIMS.as_bytes()), Some("k1"), &mut out)
                .map(str::len)
        })
    });
    g.bench_function("jsonwebtoken ES256", |b| {
        let mut h = header(jsonwebtoken::Algorithm::ES256);
        h.kid = Some("k1".into());
        b.iter(|| jsonwebtoken::encode(&h, black_box(&claims), &jwt_es).map(|t| t.len()))
    });
    g.bench_function("authcore HS256", |b| {
        b.iter(|| {
            hs.sign(black_box(CLAIMS.as_bytes()), Some("k1"), &mut out)
                .map(str::len)
        })
    });
    g.bench_function("jsonwebtoken HS256", |b| {
        let mut h = header(jsonwebtoken::Algorithm::HS256);
        h.kid = Some("k1".into());
        b.iter(|| jsonwebtoken::encode(&h, black_box(&claims), &jwt_hs).map(|t| t.len()))
    });
    g.bench_function("p256 sign, same input length", |b| {
        use p256::ecdsa::signature::Signer as _;
        let key = p256::ecdsa::SigningKey::from_slice(&pem_der(PEM)[36..68]).unwrap();
        let token = es
            .sign(CLAIMS.as_bytes(), Some("k1"), &mut [0u8; 512])
            .unwrap()
            .len();
        let input = vec![b'e'; token - 87];
        b.iter(|| -> p256::ecdsa::Signature { key.sign(black_box(&input)) })
    });
    g.bench_function("authcore ES256 key from PEM", |b| {
        b.iter(|| EcSigningKey::from_pem(Algorithm::ES256, black_box(PEM.as_bytes())).is_ok())
    });
    g.finish();
}

criterion_group!(benches, sign);
criterion_main!(benches);
