//! HS256: parse + verify + validate + custom claims on a typical ~300-byte access token,
//! authcore beside `jsonwebtoken` (aws-lc-rs backend) doing the same checks on the same token
//! in the same run: signature, `alg`, `exp` (no leeway), `iss`, `aud`, then the claims
//! deserialized into the application's struct.
//!
//! Run: `cargo bench -p authcore --bench hs -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use authcore::{Algorithm, HmacKey, Validation, verify};
use criterion::{Criterion, criterion_group, criterion_main};

const SECRET: &[u8] = b"an HS256 secret of 32+ bytes, for the benchmark";
const CLAIMS: &str = r#"{"iss":"https://auth.example.com","sub":"user-1234567890","aud":"api.example.com","exp":4000000000,"iat":1700000000,"jti":"7f3c9a52-0f0e-4c8e-9a1b","scope":"read write"}"#;

/// What the application reads, borrowed (authcore: no copy, no allocation).
#[derive(serde::Deserialize)]
struct Access<'a> {
    sub: &'a str,
    scope: &'a str,
    jti: &'a str,
    iat: i64,
}

/// The same for `jsonwebtoken`, which needs an owned type (`DeserializeOwned`).
#[derive(serde::Deserialize)]
struct AccessOwned {
    sub: String,
    scope: String,
    jti: String,
    iat: i64,
}

fn hs256(c: &mut Criterion) {
    let claims: serde_json::Value = serde_json::from_str(CLAIMS).unwrap();
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(SECRET),
    )
    .unwrap();
    println!("token: {} bytes", token.len());
    // jsonwebtoken reads the system clock; give authcore the same time.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;

    let key = HmacKey::hs256(SECRET).unwrap();
    let policy = Validation::new(Algorithm::HS256)
        .issuer(&["https://auth.example.com"])
        .audience(&["api.example.com"]);
    let ours = |token: &str, buf: &mut [u8]| -> bool {
        let Ok(t) = verify(token, &key, &policy, now, buf) else {
            return false;
        };
        let Ok(a) = t.claims().deserialize::<Access<'_>>() else {
            return false;
        };
        a.sub.len() + a.scope.len() + a.jti.len() > 0 && a.iat > 0
    };

    let decoding = jsonwebtoken::DecodingKey::from_secret(SECRET);
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.leeway = 0;
    validation.set_issuer(&["https://auth.example.com"]);
    validation.set_audience(&["api.example.com"]);
    let theirs = |token: &str| -> bool {
        match jsonwebtoken::decode::<AccessOwned>(token, &decoding, &validation) {
            Ok(t) => {
                let a = t.claims;
                a.sub.len() + a.scope.len() + a.jti.len() > 0 && a.iat > 0
            }
            Err(_) => false,
        }
    };

    // Both accept the token and both refuse a tampered copy, so both do the whole work.
    let mut buf = [0u8; 512];
    assert!(ours(&token, &mut buf) && theirs(&token));
    let mut tampered = token.clone().into_bytes();
    let at = token.find('.').unwrap() + 20;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert!(!ours(&tampered, &mut buf) && !theirs(&tampered));

    let mut group = c.benchmark_group("hs256 verify+validate+claims");
    group.bench_function("authcore", |b| {
        b.iter(|| ours(black_box(&token), black_box(&mut buf)))
    });
    group.bench_function("jsonwebtoken", |b| b.iter(|| theirs(black_box(&token))));
    group.finish();

    // The parts of authcore's figure, for profiling.
    let mut group = c.benchmark_group("hs256 authcore parts");
    let raw = authcore::RawToken::split(&token, 8192).unwrap();
    group.bench_function("mac only", |b| {
        b.iter(|| {
            authcore::VerifyingKey::verify_signature(
                &key,
                black_box(raw.signing_input.as_bytes()),
                black_box(raw.signature.as_bytes()),
            )
        })
    });
    group.bench_function("decode_unverified", |b| {
        b.iter(|| authcore::decode_unverified(black_box(&token), 8192, &mut buf).is_ok())
    });
    group.finish();
}

criterion_group!(benches, hs256);
criterion_main!(benches);
