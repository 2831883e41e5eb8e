//! The HS256 benchmark's work (verify + validate + the claims into a struct, on the same
//! ~300-byte token as `benches/hs.rs`) in a plain loop, for whole-process timing and
//! instruction counts (`valgrind --tool=callgrind`), where criterion's harness and its code
//! layout are out of the picture. BENCHMARKS.md, "The clear-core work, before and after",
//! uses it.
//!
//! Run: `cargo run --release -p authcore --example hs256_loop -- 300000`.

use std::hint::black_box;

use authcore::{Algorithm, HmacKey, Validation, verify};

const SECRET: &[u8] = b"an HS256 secret of 32+ bytes, for the benchmark";
const CLAIMS: &str = r#"{"iss":"https://auth.example.com","sub":"user-1234567890","aud":"api.example.com","exp":4000000000,"iat":1700000000,"jti":"7f3c9a52-0f0e-4c8e-9a1b","scope":"read write"}"#;

/// What the application reads, borrowed.
#[derive(serde::Deserialize)]
struct Access<'a> {
    sub: &'a str,
    scope: &'a str,
    jti: &'a str,
    iat: i64,
}

fn main() {
    let calls: u32 = std::env::args()
        .nth(1)
        .map_or(Ok(100_000), |a| a.parse())
        .expect("the number of calls");
    let key = HmacKey::hs256(SECRET).expect("a valid secret");
    let mut signed = [0u8; 512];
    let token = key
        .sign(CLAIMS.as_bytes(), None, &mut signed)
        .expect("room for the token");
    let policy = Validation::new(Algorithm::HS256)
        .issuer(&["https://auth.example.com"])
        .audience(&["api.example.com"]);
    let mut buf = [0u8; 512];
    let mut read = 0usize;
    for _ in 0..calls {
        let t = verify(black_box(token), &key, &policy, 1_800_000_000, &mut buf).expect("valid");
        let a: Access<'_> = t.claims().deserialize().expect("the claims");
        read += a.sub.len() + a.scope.len() + a.jti.len() + (a.iat & 1) as usize;
    }
    println!("{calls} calls, {read} bytes of claims read");
}
