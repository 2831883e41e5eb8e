//! Token lifecycle: header formatting, response parsing, tracker queries, a session round.

use std::hint::black_box;

use authcore::authz::{self, Authorization};
use authcore::clock::ManualClock;
use authcore::lifetime::{Expiry, RefreshPolicy, Tracker, parse_rfc3339};
use authcore::response::body::{self, Credentials};
use authcore::response::{ResponseFormat, TokenResponse};
use authcore::session::{ApiProfile, AuthSession};
use criterion::{Criterion, criterion_group, criterion_main};

const ACCESS: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";
const BLUECAT: &[u8] = br#"{"id":4,"type":"UserSession","apiToken":"yAb\/uu1TNjVO9Ip7SNH6cn9Zqu\/I+B9Kkfup4eVQ","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","basicAuthenticationCredentials":"YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==","state":"LOGGED_IN","remoteAddress":"192.168.1.10","readOnly":false,"loginDateTime":"2023-01-20T21:40:48Z","logoutDateTime":null,"response":null}"#;

fn headers(c: &mut Criterion) {
    let mut buf = [0u8; 512];
    c.bench_function("header: Bearer <256-byte JWT>", |b| {
        b.iter(|| authz::bearer(black_box(ACCESS), &mut buf).map(str::len))
    });
    c.bench_function("header: Basic base64(user:password)", |b| {
        b.iter(|| {
            authz::basic(
                black_box("admin"),
                black_box("correct horse battery"),
                &mut buf,
            )
            .map(str::len)
        })
    });
    c.bench_function("header: parse Bearer", |b| {
        b.iter(|| Authorization::parse(black_box("Bearer mF_9.B5f-4.1JqM")).is_ok())
    });
    let creds = Credentials::new("admin", "p\u{e4}ssw\u{f6}rd\"1");
    c.bench_function("body: JSON login", |b| {
        b.iter(|| body::json_login(black_box(&creds), &mut buf).map(str::len))
    });
}

fn responses(c: &mut Criterion) {
    let oauth = br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"read write"}"#;
    c.bench_function("response: OAuth 2.0 (RFC 6749 §5.1)", |b| {
        b.iter(|| TokenResponse::parse(black_box(oauth), &ResponseFormat::OAUTH2).is_ok())
    });
    c.bench_function("response: BlueCat (RFC 3339, 12 members)", |b| {
        b.iter(|| TokenResponse::parse(black_box(BLUECAT), &ResponseFormat::BLUECAT).is_ok())
    });
    c.bench_function("rfc3339: parse with offset and fraction", |b| {
        b.iter(|| parse_rfc3339(black_box("2024-02-29T23:59:59.123+05:30")).is_ok())
    });
}

fn tracker(c: &mut Criterion) {
    let t = Tracker::new(Expiry::after(0, 3600).unwrap(), RefreshPolicy::DEFAULT).sliding(21_600);
    c.bench_function("tracker: status query", |b| {
        b.iter(|| black_box(&t).status(black_box(3300)))
    });
    let response = format!(r#"{{"access_token":"{ACCESS}","refresh_token":"{ACCESS}"}}"#);
    let clock = ManualClock::unix(1_670_441_300);
    c.bench_function("session: accept datarhei login (2 JWTs)", |b| {
        b.iter(|| {
            let mut s = AuthSession::<512>::new(ApiProfile::DATARHEI);
            s.accept_login(black_box(response.as_bytes()), &clock)
                .is_ok()
        })
    });
    let mut s = AuthSession::<512>::new(ApiProfile::DATARHEI);
    s.accept_login(response.as_bytes(), &clock).unwrap();
    let mut buf = [0u8; 512];
    c.bench_function("session: next (header to send)", |b| {
        b.iter(|| s.next(black_box(&clock), &mut buf).is_ok())
    });
}

criterion_group!(benches, headers, responses, tracker);
criterion_main!(benches);
