//! Zero heap allocations per call for the lifecycle paths the benchmarks measure: header
//! formatting, response parsing, tracker queries, and a whole session round.

mod counting_alloc;

use authcore::authz::{self, Authorization, HeaderStyle};
use authcore::clock::ManualClock;
use authcore::lifetime::{Expiry, RefreshPolicy, Tracker, parse_rfc3339};
use authcore::response::body::{self, Credentials};
use authcore::response::{ResponseFormat, TokenResponse};
use authcore::session::{ApiProfile, AuthSession, Next};
use counting_alloc::allocations_in;

fn allocations(f: impl FnOnce()) -> usize {
    allocations_in(f).0
}

const ACCESS: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";
const BLUECAT: &[u8] = br#"{"id":4,"type":"UserSession","apiToken":"yAb\/uu1TNjVO9Ip7SNH6cn9Zqu\/I+B9Kkfup4eVQ","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","basicAuthenticationCredentials":"YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==","state":"LOGGED_IN"}"#;

// One test function: the counter is global, and parallel tests would disturb it.
#[test]
fn lifecycle_paths_do_not_allocate() {
    let response = format!(r#"{{"access_token":"{ACCESS}","refresh_token":"{ACCESS}"}}"#);
    let clock = ManualClock::unix(1_670_441_300);
    let mut buf = [0u8; 1024];
    let n = allocations(|| {
        assert!(authz::bearer(ACCESS, &mut buf).is_ok());
        assert!(authz::format(HeaderStyle::Custom("OpsToken"), "a::b", &mut buf).is_ok());
        assert!(authz::basic("admin", "pässword", &mut buf).is_ok());
        assert!(Authorization::parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").is_ok());
        let creds = Credentials::new("admin", "p\u{e4}\"ss\n");
        assert!(body::json_login(&creds, &mut buf).is_ok());
        assert!(body::oauth_password_grant(&creds, Some("a b"), None, &mut buf).is_ok());
        assert!(TokenResponse::parse(BLUECAT, &ResponseFormat::BLUECAT).is_ok());
        assert!(TokenResponse::parse(response.as_bytes(), &ResponseFormat::OAUTH2).is_ok());
        assert!(parse_rfc3339("2024-02-29T23:59:59.123+05:30").is_ok());
        let mut t =
            Tracker::new(Expiry::after(0, 3600).unwrap(), RefreshPolicy::DEFAULT).sliding(3600);
        assert!(t.status(1800).is_usable());
        assert!(t.touch(1800).is_ok());
        // A whole session round: login response in, header out, refresh decision.
        let mut s = AuthSession::<512>::new(ApiProfile::DATARHEI);
        s.accept_login(response.as_bytes(), &clock).unwrap();
        assert!(matches!(s.next(&clock, &mut buf), Ok(Next::Send { .. })));
        clock.advance(500);
        assert!(matches!(s.next(&clock, &mut buf), Ok(Next::Refresh { .. })));
        // Errors do not allocate either.
        assert!(TokenResponse::parse(b"{", &ResponseFormat::OAUTH2).is_err());
        assert!(authz::bearer("a\r\nb", &mut buf).is_err());
        assert!(authz::bearer(ACCESS, &mut buf[..10]).is_err());
    });
    assert_eq!(n, 0);
    // The counter works.
    assert!(allocations(|| drop(std::hint::black_box(vec![1u8; 16]))) > 0);
}
