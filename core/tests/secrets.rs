//! Secrets stay secret: no key, token, password or credential appears in
//! `Debug` (`{:?}` and `{:#?}`), `Display` or an error, in any of the forms it could be
//! written in (as given, hex, standard and URL-safe base64, a long-enough piece of it); the
//! explicit wipes are observable through the session's accessors (the bytes themselves, after
//! drop and clear, are checked in `wipes.rs`; the MAC comparison's constant time is tested
//! where it is, in `keys/hmac.rs`).
//!
//! Public keys are not secrets: `RsaPublicKey`'s `Debug` shows its algorithm, size and
//! exponent (not the modulus, only because it is long). Claims and the JOSE header are not
//! secrets either (anyone holding the token can read them); the token's signature is what
//! makes it a credential, so `RawToken` shows it by length only.

mod hs_support;

use authcore::authz::{self, Authorization};
use authcore::response::{Field, ResponseFormat, TokenResponse, body};
use authcore::{
    Algorithm, ApiProfile, AuthSession, Credentials, HmacKey, LifecycleError, ManualClock, Next,
    RawToken, RsaPublicKey, Validation, verify,
};
use base64::Engine;

const SECRET: &[u8] = b"hmac secret: 7f3a9c2e-5b1d-4e8f";
const ACCESS: &str = "AccessTok-9d8c7b6a5f4e3d2c1b0a";
const REFRESH: &str = "RefreshTok-0a1b2c3d4e5f6a7b8c9d";
const PASSWORD: &str = "p4ssw0rd-Sup3rS3cret";
const BASIC: &str = "dXNlcjpwNHNzdzByZC1TdXAzclMzY3JldA==";

/// Every form `secret` could take in text: itself, hex (both cases), standard and URL-safe
/// base64 with and without padding, and its first 12 bytes (a piece long enough to matter).
fn forms(secret: &[u8]) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret);
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let mut v = vec![
        String::from_utf8_lossy(secret).into_owned(),
        String::from_utf8_lossy(&secret[..12]).into_owned(),
        hex.clone(),
        hex.to_uppercase(),
        b64.trim_end_matches('=').to_owned(),
        url,
    ];
    // The bytes as a Rust `Debug` of a byte slice would show them: `[104, 109, …]`.
    v.push(
        format!("{:?}", &secret[..6])
            .trim_matches(['[', ']'])
            .to_owned(),
    );
    v
}

/// `{:?}` and `{:#?}` of `value` contain no form of any of `secrets`.
fn debug_hides(what: &str, value: &dyn std::fmt::Debug, secrets: &[&[u8]]) {
    for text in [format!("{value:?}"), format!("{value:#?}")] {
        for secret in secrets {
            for form in forms(secret) {
                assert!(!text.contains(&form), "{what}: {form:?} shown in {text}");
            }
        }
    }
}

/// `Display` and `Debug` of an error contain no form of any of `secrets`.
fn error_hides(what: &str, e: impl std::fmt::Display + std::fmt::Debug, secrets: &[&[u8]]) {
    let shown = format!("{e}");
    for secret in secrets {
        for form in forms(secret) {
            assert!(!shown.contains(&form), "{what}: {form:?} in {shown}");
        }
    }
    debug_hides(what, &e, secrets);
}

#[test]
fn the_checker_sees_secrets() {
    // The helpers would catch a leak in any of its forms.
    let leaky = format!("{:?}", SECRET);
    assert!(forms(SECRET).iter().any(|f| leaky.contains(f)));
    let hex: String = SECRET.iter().map(|b| format!("{b:02X}")).collect();
    assert!(forms(SECRET).iter().any(|f| hex.contains(f)));
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(SECRET);
    assert!(forms(SECRET).iter().any(|f| b64.contains(f)));
}

#[test]
fn keys_do_not_show_secrets() {
    for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
        let key = HmacKey::new(alg, SECRET).unwrap();
        debug_hides("HmacKey", &key, &[SECRET]);
        let shown = format!("{key:?}");
        assert!(
            shown.contains(alg.name()) && shown.contains("redacted"),
            "{shown}"
        );
    }
    // A public key shows what identifies it, and nothing long.
    let pem = include_str!("vectors/rsa2048-public.pem");
    let rsa = RsaPublicKey::from_pem(Algorithm::RS256, pem.as_bytes()).unwrap();
    let shown = format!("{rsa:?}");
    assert!(shown.contains("RS256") && shown.contains("2048") && shown.contains("65537"));
    assert!(shown.len() < 100, "{shown}");
}

#[test]
fn tokens_and_credentials_do_not_show() {
    let clock = ManualClock::unix(1_700_000_000);
    let response = format!(
        r#"{{"access_token":"{ACCESS}","token_type":"Bearer","expires_in":3600,
            "refresh_token":"{REFRESH}","basicAuthenticationCredentials":"{BASIC}"}}"#
    );
    let secrets: [&[u8]; 4] = [
        ACCESS.as_bytes(),
        REFRESH.as_bytes(),
        PASSWORD.as_bytes(),
        BASIC.as_bytes(),
    ];

    // A token response: the tokens by length, the rest as it is.
    let format = ResponseFormat::new(&[
        (Field::AccessToken, "access_token"),
        (Field::RefreshToken, "refresh_token"),
        (Field::TokenType, "token_type"),
        (Field::ExpiresIn, "expires_in"),
        (Field::RefreshExpiresIn, "refresh_expires_in"),
        (Field::Scope, "scope"),
        (Field::BasicCredentials, "basicAuthenticationCredentials"),
    ]);
    let parsed = TokenResponse::parse(response.as_bytes(), &format).unwrap();
    assert!(parsed.basic_credentials.is_some());
    debug_hides("TokenResponse", &parsed, &secrets);
    assert!(format!("{parsed:?}").contains("expires_in: Some(3600)"));

    // A session holding both tokens, and what it writes.
    let mut session = AuthSession::<256>::new(ApiProfile::OAUTH2);
    session.accept_login(response.as_bytes(), &clock).unwrap();
    debug_hides("AuthSession", &session, &secrets);
    let mut buf = [0u8; 256];
    let next = session.next(&clock, &mut buf).unwrap();
    assert!(matches!(next, Next::Send { .. }));
    debug_hides("Next::Send", &next, &secrets);
    let refresh = session.refresh_request(&mut buf).unwrap();
    assert!(refresh.body.unwrap().contains(REFRESH));
    debug_hides("refresh Request", &refresh, &secrets);
    clock.advance(3500);
    let next = session.next(&clock, &mut buf).unwrap();
    assert!(matches!(next, Next::Refresh { .. }));
    debug_hides("Next::Refresh", &next, &secrets);

    // Credentials and the requests and headers made from them.
    let creds = Credentials::new("user", PASSWORD);
    debug_hides("Credentials", &creds, &secrets);
    let login = session.login_request(&creds, &mut buf).unwrap();
    assert!(login.body.unwrap().contains(PASSWORD));
    debug_hides("login Request", &login, &secrets);
    let basic = authz::basic("user", PASSWORD, &mut buf).unwrap().to_owned();
    for value in [
        basic.as_str(),
        &format!("Bearer {ACCESS}"),
        &format!("OpsToken {ACCESS}"),
        ACCESS,
    ] {
        let parsed = Authorization::parse(value).unwrap();
        debug_hides("Authorization", &parsed, &secrets);
        if let Authorization::Basic(c) = parsed {
            debug_hides("BasicCredentials", &c, &secrets);
            let mut out = [0u8; 64];
            assert_eq!(c.decode(&mut out).unwrap().1, PASSWORD);
        }
    }
    let mut out = [0u8; 256];
    let form = body::form_login(&creds, &mut out).unwrap();
    assert!(form.contains(PASSWORD));
}

#[test]
fn a_token_shows_its_claims_not_its_signature() {
    let key = HmacKey::hs256(SECRET).unwrap();
    let mut out = [0u8; 256];
    let token = key
        .sign(br#"{"sub":"alice","exp":2000000000}"#, None, &mut out)
        .unwrap()
        .to_owned();
    let (_, signature) = token.rsplit_once('.').unwrap();
    let sig = hs_support::unb64(signature);
    let raw = RawToken::split(&token, 8192).unwrap();
    debug_hides("RawToken", &raw, &[signature.as_bytes(), &sig, SECRET]);
    let mut buf = [0u8; 256];
    let verified = verify(
        &token,
        &key,
        &Validation::new(Algorithm::HS256),
        0,
        &mut buf,
    )
    .unwrap();
    debug_hides(
        "VerifiedToken",
        &verified,
        &[signature.as_bytes(), &sig, SECRET],
    );
}

#[test]
fn errors_carry_no_secret() {
    let clock = ManualClock::unix(1_700_000_000);
    let secrets: [&[u8]; 3] = [SECRET, ACCESS.as_bytes(), PASSWORD.as_bytes()];
    let key = HmacKey::hs256(SECRET).unwrap();
    let other = HmacKey::hs256(b"another secret of the same length!").unwrap();
    let mut out = [0u8; 256];
    let token = key
        .sign(br#"{"sub":"alice","exp":2000000000}"#, None, &mut out)
        .unwrap()
        .to_owned();
    let mut buf = [0u8; 256];
    let policy = Validation::new(Algorithm::HS256);
    let mut errors: Vec<LifecycleError> = vec![
        verify(&token, &other, &policy, 0, &mut buf)
            .unwrap_err()
            .into(),
        verify(&token, &key, &policy, 2_000_000_000, &mut buf)
            .unwrap_err()
            .into(),
        verify(&token, &key, &policy.min_hmac_secret_len(64), 0, &mut buf)
            .unwrap_err()
            .into(),
        HmacKey::new(Algorithm::RS256, SECRET).unwrap_err().into(),
        key.sign(br#"{"a":1,"a":2}"#, Some("k"), &mut out)
            .unwrap_err()
            .into(),
        authz::bearer(&format!("{ACCESS} x"), &mut buf).unwrap_err(),
        authz::basic(&format!("{PASSWORD}:"), PASSWORD, &mut buf).unwrap_err(),
        authz::basic("u", &format!("{PASSWORD}\n"), &mut buf).unwrap_err(),
        Authorization::parse(&format!("Bearer {ACCESS}\r\n")).unwrap_err(),
        body::form_login(&Credentials::new("u", PASSWORD), &mut buf[..5]).unwrap_err(),
    ];
    let mut session = AuthSession::<16>::new(ApiProfile::OAUTH2);
    for response in [
        format!(r#"{{"access_token":"{ACCESS}"}}"#), // longer than the session holds
        format!(r#"{{"access_token":"{ACCESS}","expires_in":"{PASSWORD}"}}"#),
        format!(r#"{{"error":"invalid_grant","access":"{ACCESS}"}}"#),
        format!(r#"{{"access_token":"{ACCESS} x\n"}}"#),
    ] {
        errors.push(
            session
                .accept_login(response.as_bytes(), &clock)
                .unwrap_err(),
        );
    }
    for (i, e) in errors.into_iter().enumerate() {
        error_hides(&format!("error {i}"), e, &secrets);
    }
}

/// Forgotten and cleared tokens are gone from the session's accessors. (That their bytes are
/// wiped, on drop too, is `wipes.rs`'s.)
#[test]
fn forgotten_tokens_are_gone() {
    let clock = ManualClock::unix(1_700_000_000);
    let mut session = AuthSession::<256>::new(ApiProfile::OAUTH2);
    let response = format!(r#"{{"access_token":"{ACCESS}","refresh_token":"{REFRESH}"}}"#);
    session.accept_login(response.as_bytes(), &clock).unwrap();
    let mut buf = [0u8; 256];
    assert_eq!(
        session.authorization(&mut buf),
        Ok(format!("Bearer {ACCESS}").as_str())
    );
    session.forget_refresh_token();
    assert_eq!(
        session.refresh_request(&mut buf),
        Err(LifecycleError::NoRefreshToken)
    );
    assert!(format!("{session:?}").contains("refresh_token_len: 0"));
    session.clear();
    assert_eq!(
        session.authorization(&mut buf),
        Err(LifecycleError::NoToken)
    );
    assert!(format!("{session:?}").contains("access_token_len: 0"));
}

#[test]
fn a_session_restored_from_its_parts_is_the_same_session() {
    let clock = ManualClock::unix(1_700_000_000);
    let mut s = AuthSession::<64>::new(ApiProfile::OAUTH2);
    let json =
        format!(r#"{{"access_token":"{ACCESS}","refresh_token":"{REFRESH}","expires_in":600}}"#);
    s.accept_login(json.as_bytes(), &clock).unwrap();
    s.pin(&clock).unwrap();
    let parts = s.parts();
    assert_eq!((parts.access.token, parts.refresh.token), (ACCESS, REFRESH));
    debug_hides(
        "SessionParts",
        &parts,
        &[ACCESS.as_bytes(), REFRESH.as_bytes()],
    );
    let mut back = AuthSession::<64>::new(ApiProfile::OAUTH2);
    back.restore(&parts).unwrap();
    assert_eq!(back.parts(), parts);
    let mut buf = [0u8; 128];
    assert_eq!(
        back.authorization(&mut buf).unwrap(),
        format!("Bearer {ACCESS}")
    );
    // Restoring empty parts forgets the tokens; a token too long for the session is refused
    // and changes nothing.
    let fresh = AuthSession::<64>::new(ApiProfile::OAUTH2);
    let mut empty = fresh.parts();
    back.restore(&empty).unwrap();
    assert_eq!(back.authorization(&mut buf), Err(LifecycleError::NoToken));
    let long = "x".repeat(65);
    empty.refresh.token = &long;
    assert!(back.restore(&empty).is_err());
    back.restore(&parts).unwrap();
    assert!(back.restore(&empty).is_err());
    assert_eq!(back.parts(), parts);
}
