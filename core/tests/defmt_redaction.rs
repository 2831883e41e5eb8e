//! Secrets stay secret in defmt too: a global logger captures the raw defmt frames of every
//! type that holds a key, token, password or credential, and none of them appears in the
//! bytes (strings go over the wire as they are in defmt's raw encoding, so a leak would).
//! The non-secret fields beside them do appear, which shows the capture works.
//!
//! Runs with `cargo test -p authcore --features defmt --test defmt_redaction`.
#![cfg(feature = "defmt")]

use std::sync::Mutex;

use authcore::authz::Authorization;
use authcore::response::{ResponseFormat, TokenResponse};
use authcore::{
    Algorithm, ApiProfile, AuthSession, Credentials, HmacKey, ManualClock, Next, RawToken,
};

const SECRET: &[u8] = b"hmac secret: 7f3a9c2e-5b1d-4e8f";
const ACCESS: &str = "AccessTok-9d8c7b6a5f4e3d2c1b0a";
const REFRESH: &str = "RefreshTok-0a1b2c3d4e5f6a7b8c9d";
const PASSWORD: &str = "p4ssw0rd-Sup3rS3cret";
const BASIC: &str = "dXNlcjpwNHNzdzByZC1TdXAzclMzY3JldA==";

static FRAMES: Mutex<Vec<u8>> = Mutex::new(Vec::new());

#[defmt::global_logger]
struct Capture;

// SAFETY: every write goes through the mutex, so frames from several threads never
// interleave inside one byte sequence (and this test logs from one thread only).
unsafe impl defmt::Logger for Capture {
    fn acquire() {}
    unsafe fn flush() {}
    unsafe fn release() {}
    unsafe fn write(bytes: &[u8]) {
        FRAMES.lock().unwrap().extend_from_slice(bytes);
    }
}

defmt::timestamp!("");

/// The bytes defmt writes for `value`.
fn frames(value: &impl defmt::Format) -> Vec<u8> {
    FRAMES.lock().unwrap().clear();
    defmt::println!("{}", value);
    std::mem::take(&mut *FRAMES.lock().unwrap())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `value`'s frames hold none of `secrets` (nor a 12-byte piece of one) and every one of
/// `shown`.
fn check(what: &str, value: &impl defmt::Format, secrets: &[&[u8]], shown: &[&str]) {
    let bytes = frames(value);
    for secret in secrets {
        assert!(!contains(&bytes, secret), "{what}: secret in {bytes:?}");
        assert!(
            !contains(&bytes, &secret[..12]),
            "{what}: piece of a secret in {bytes:?}"
        );
    }
    for text in shown {
        assert!(
            contains(&bytes, text.as_bytes()),
            "{what}: {text} missing from {bytes:?}"
        );
    }
}

#[test]
fn secrets_are_redacted_in_defmt() {
    let key = HmacKey::new(Algorithm::HS256, SECRET).unwrap();
    check("HmacKey", &key, &[SECRET], &[]);

    let credentials = Credentials {
        username: "device-42",
        password: PASSWORD,
        auth_source: Some("ldap"),
    };
    check(
        "Credentials",
        &credentials,
        &[PASSWORD.as_bytes()],
        &["device-42", "ldap"],
    );

    let bearer = format!("Bearer {ACCESS}");
    let parsed = Authorization::parse(&bearer).unwrap();
    check("Authorization::Bearer", &parsed, &[ACCESS.as_bytes()], &[]);
    let basic = format!("Basic {BASIC}");
    let parsed = Authorization::parse(&basic).unwrap();
    check("Authorization::Basic", &parsed, &[BASIC.as_bytes()], &[]);
    let custom = format!("OpsToken {ACCESS}");
    let parsed = Authorization::parse(&custom).unwrap();
    check(
        "Authorization::Other",
        &parsed,
        &[ACCESS.as_bytes()],
        &["OpsToken"],
    );

    let json = format!(
        r#"{{"access_token":"{ACCESS}","refresh_token":"{REFRESH}","token_type":"Bearer","expires_in":3600}}"#
    );
    let response = TokenResponse::parse(json.as_bytes(), &ResponseFormat::OAUTH2).unwrap();
    check(
        "TokenResponse",
        &response,
        &[ACCESS.as_bytes(), REFRESH.as_bytes()],
        &["Bearer"],
    );

    let token = format!("eyJhbGciOiJIUzI1NiJ9.e30.{ACCESS}");
    let raw = RawToken::split(&token, 8192).unwrap();
    check(
        "RawToken",
        &raw,
        &[ACCESS.as_bytes()],
        &["eyJhbGciOiJIUzI1NiJ9"],
    );

    let clock = ManualClock::unix(1_700_000_000);
    let mut session = AuthSession::<128>::new(ApiProfile::OAUTH2);
    let mut buf = [0u8; 256];
    let login = session.login_request(&credentials, &mut buf).unwrap();
    check(
        "Request (login)",
        &login,
        &[PASSWORD.as_bytes()],
        &["application/x-www-form-urlencoded"],
    );

    session.accept_login(json.as_bytes(), &clock).unwrap();
    check(
        "AuthSession",
        &session,
        &[ACCESS.as_bytes(), REFRESH.as_bytes()],
        &["OAuth 2.0"],
    );
    let next = session.next(&clock, &mut buf).unwrap();
    assert!(matches!(next, Next::Send { .. }));
    check("Next::Send", &next, &[ACCESS.as_bytes()], &[]);
    clock.advance(3300);
    let next = session.next(&clock, &mut buf).unwrap();
    assert!(matches!(next, Next::Refresh { .. }));
    check("Next::Refresh", &next, &[REFRESH.as_bytes()], &[]);
}
