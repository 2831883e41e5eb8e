//! Each API style end to end: its documented login response in, then the header and the
//! decisions across simulated time (just after login, inside the refresh margin, after
//! expiry, after a sliding touch, refresh token expired), on wall and monotonic clocks.

mod lifecycle_support;

use authcore::authz::HeaderStyle;
use authcore::clock::{Clock, ManualClock, TimeBase};
use authcore::lifetime::Status;
use authcore::response::{Field, ResponseFormat};
use authcore::session::{ApiProfile, AuthSession, Credentials, ExpirySource, Next, Request};
use authcore::{ApiError, Claim, Error, LifecycleError};
use lifecycle_support::{check_every_size, jwt};
use proptest::prelude::*;
use serde_json::json;

/// What `next` says, as text, so that each decision is one readable assertion.
fn step<const N: usize>(s: &AuthSession<N>, clock: &ManualClock) -> String {
    let mut buf = [0u8; 2048];
    match s.next(clock, &mut buf) {
        Ok(Next::Send {
            authorization,
            remaining,
        }) => format!("send {authorization} ({remaining})"),
        Ok(Next::Refresh { request, remaining }) => {
            format!("refresh {} ({remaining:?})", show(&request))
        }
        Ok(Next::LogIn {
            remaining,
            authorization,
        }) => match authorization {
            Some(a) => format!("log in, meanwhile {a} ({remaining:?})"),
            None => format!("log in ({remaining:?})"),
        },
        Err(e) => format!("error {e:?}"),
    }
}

fn show(r: &Request<'_>) -> String {
    format!(
        "[{}|{}|{}]",
        r.authorization.unwrap_or("-"),
        r.body.unwrap_or("-"),
        r.content_type.unwrap_or("-")
    )
}

const T0: i64 = 1_700_000_000;

#[test]
fn immport_fixed_60s_window_lower_case_bearer_pinned_requests() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<1024>::new(ApiProfile::IMMPORT);
    assert_eq!(step(&s, &clock), "log in (None)");
    let mut buf = [0u8; 128];
    let login = s
        .login_request(&Credentials::new("jdoe@lab.org", "pa ss&"), &mut buf)
        .unwrap();
    assert_eq!(
        show(&login),
        "[-|username=jdoe%40lab.org&password=pa+ss%26|application/x-www-form-urlencoded]"
    );
    let token = jwt(&json!({"sub": "jdoe", "iat": T0, "exp": T0 + 3600}));
    s.accept_login(
        format!(r#"{{"status":200,"token":"{token}"}}"#).as_bytes(),
        &clock,
    )
    .unwrap();
    // 60 s window, 5 s leeway, 15 s margin.
    assert_eq!(step(&s, &clock), format!("send bearer {token} (55)"));
    clock.advance(40);
    // Due: log in again, and meanwhile the token still works for 15 s.
    assert_eq!(
        step(&s, &clock),
        format!("log in, meanwhile bearer {token} (Some(15))")
    );
    clock.set(T0 + 39);
    assert_eq!(step(&s, &clock), format!("send bearer {token} (16)"));
    // A long download starts at +50 and runs to +600: pinned, it stays valid.
    clock.set(T0 + 50);
    s.pin(&clock).unwrap();
    clock.set(T0 + 600);
    assert_eq!(s.status(&clock), Ok(Status::RefreshSoon { remaining: 5 }));
    assert_eq!(
        step(&s, &clock),
        format!("log in, meanwhile bearer {token} (Some(5))")
    );
    s.unpin();
    assert_eq!(s.status(&clock), Ok(Status::Expired));
    assert_eq!(step(&s, &clock), "log in (None)");
    assert_eq!(s.pin(&clock), Err(LifecycleError::Token(Error::Expired)));
    // `access_token` spelling, monotonic clock (the window needs no wall time).
    let mono = ManualClock::monotonic(12);
    let mut s = AuthSession::<1024>::new(ApiProfile::IMMPORT);
    s.accept_login(
        format!(r#"{{"status":200,"access_token":"{token}"}}"#).as_bytes(),
        &mono,
    )
    .unwrap();
    assert_eq!(step(&s, &mono), format!("send bearer {token} (55)"));
    mono.advance(55);
    assert_eq!(step(&s, &mono), "log in (None)");
}

#[test]
fn infoworks_basic_login_bearer_jwt_opaque_refresh_token_sent_as_basic() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<1024>::new(ApiProfile::INFOWORKS);
    let mut buf = [0u8; 256];
    let login = s
        .login_request(
            &Credentials::new("admin@infoworks.io", "admin123"),
            &mut buf,
        )
        .unwrap();
    assert_eq!(
        show(&login),
        "[Basic YWRtaW5AaW5mb3dvcmtzLmlvOmFkbWluMTIz|-|-]"
    );
    assert_eq!(
        s.login_request(&Credentials::new("ad:min", "x"), &mut buf),
        Err(LifecycleError::ColonInUserId)
    );
    // The API's default: access tokens live 15 minutes.
    let access = jwt(&json!({"iat": T0, "exp": T0 + 900, "sub": "admin"}));
    let response = format!(
        r#"{{"message":"Authentication successful","result":{{"authentication_token":"{access}","is_authenticated":true}}}}"#
    );
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(step(&s, &clock), format!("send Bearer {access} (895)"));
    // No refresh token yet: inside the margin (90 s) the answer is to log in again, with
    // the header that still works meanwhile.
    clock.set(T0 + 850);
    assert_eq!(
        step(&s, &clock),
        format!("log in, meanwhile Bearer {access} (Some(45))")
    );
    // The refresh token from the user's settings: opaque, not a JWT, expiry unknown; the
    // refresh call sends it as `Basic <refresh_token>`.
    let refresh = "zThziQ7MoJJPYAha+U/+PBSTZG944F+SHBDs+m/z2qn8+m/ax8Prpzla1MHzQ5EBLzB2Bw8a+Qs9r6En5BvN5DwYhQ==";
    s.set_refresh_token(refresh, &clock).unwrap();
    assert_eq!(s.refresh_status(&clock).map(|st| st.is_usable()), Ok(true));
    assert_eq!(
        step(&s, &clock),
        format!("refresh [Basic {refresh}|-|-] (Some(45))")
    );
    // The refresh answer has the login's shape; the refresh token is kept.
    clock.set(T0 + 860);
    let access2 = jwt(&json!({"iat": T0 + 860, "exp": T0 + 1760}));
    s.accept_refresh(
        format!(r#"{{"result":{{"authentication_token":"{access2}"}}}}"#).as_bytes(),
        &clock,
    )
    .unwrap();
    assert_eq!(step(&s, &clock), format!("send Bearer {access2} (895)"));
    // Access expired: refresh, however late (the refresh token has no known expiry).
    clock.set(T0 + 90 * 86_400);
    assert_eq!(
        step(&s, &clock),
        format!("refresh [Basic {refresh}|-|-] (None)")
    );
    // Logout blacklists the access token only: the refresh token stays, and refreshing is
    // the next step.
    clock.set(T0 + 1000);
    let mut s2 = AuthSession::<1024>::new(ApiProfile::INFOWORKS);
    s2.accept_login(response.as_bytes(), &clock).unwrap();
    s2.set_refresh_token(refresh, &clock).unwrap();
    s2.forget_access_token();
    assert_eq!(s2.status(&clock), Err(LifecycleError::NoToken));
    assert_eq!(
        step(&s2, &clock),
        format!("refresh [Basic {refresh}|-|-] (None)")
    );
    // The server refused the refresh token: log in again.
    s2.forget_refresh_token();
    assert_eq!(step(&s2, &clock), "log in (None)");
    // An access token without `exp` gets the 15-minute default.
    let no_exp = jwt(&json!({"iat": T0, "sub": "admin"}));
    let mut s3 = AuthSession::<1024>::new(ApiProfile::INFOWORKS);
    s3.accept_login(
        format!(r#"{{"result":{{"authentication_token":"{no_exp}"}}}}"#).as_bytes(),
        &ManualClock::unix(T0),
    )
    .unwrap();
    assert_eq!(
        step(&s3, &ManualClock::unix(T0)),
        format!("send Bearer {no_exp} (895)")
    );
    // A refresh token with a space or a control character cannot be sent in a header.
    assert_eq!(
        s3.set_refresh_token("two words", &ManualClock::unix(T0)),
        Err(LifecycleError::InvalidTokenSyntax)
    );
    // Only a refresh token (fresh device): refresh first, no password needed.
    let mut s = AuthSession::<1024>::new(ApiProfile::INFOWORKS);
    s.set_refresh_token(refresh, &ManualClock::unix(T0))
        .unwrap();
    assert_eq!(
        step(&s, &ManualClock::unix(T0)),
        format!("refresh [Basic {refresh}|-|-] (None)")
    );
}

#[test]
fn aria_opstoken_validity_millis_sliding_six_hours() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<512>::new(ApiProfile::ARIA);
    let mut buf = [0u8; 128];
    let creds = Credentials {
        auth_source: Some("vIDMAuthSource"),
        ..Credentials::new("admin", "VMware1!")
    };
    assert_eq!(
        show(&s.login_request(&creds, &mut buf).unwrap()),
        r#"[-|{"username":"admin","password":"VMware1!","authSource":"vIDMAuthSource"}|application/json]"#
    );
    let token = "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b";
    let response = format!(
        r#"{{"token":"{token}","validity":{},"expiresAt":"Wednesday, November 15, 2023 4:13:20 AM UTC","roles":[]}}"#,
        (T0 + 21_600) * 1000 + 250
    );
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(step(&s, &clock), format!("send OpsToken {token} (21595)"));
    // The same header by value, for a caller that keeps it.
    assert_eq!(
        s.authorization_value::<128>().unwrap().as_str(),
        format!("OpsToken {token}")
    );
    assert_eq!(
        s.authorization_value::<16>().map(|v| v.len()),
        Err(LifecycleError::BufferTooSmall {
            needed: token.len() + "OpsToken ".len()
        })
    );
    // 5 h idle: still fresh (margin 10 % of 6 h = 2160 s).
    clock.set(T0 + 18_000);
    assert_eq!(step(&s, &clock), format!("send OpsToken {token} (3595)"));
    s.touch(&clock).unwrap();
    // The call at +5 h slides the end to +11 h.
    clock.set(T0 + 36_000);
    assert_eq!(step(&s, &clock), format!("send OpsToken {token} (3595)"));
    // Idle into the margin: a call now slides the window, so the answer is still to send.
    clock.set(T0 + 38_000);
    assert_eq!(step(&s, &clock), format!("send OpsToken {token} (1595)"));
    clock.set(T0 + 39_595);
    assert_eq!(step(&s, &clock), "log in (None)");
    assert_eq!(s.touch(&clock), Err(LifecycleError::Token(Error::Expired)));
    // Older releases: vRealizeOpsToken. Monotonic clock: validity cannot be compared, the
    // sliding window from receipt is used instead.
    let mono = ManualClock::monotonic(100);
    let mut s = AuthSession::<512>::new(ApiProfile::VREALIZE);
    s.accept_login(response.as_bytes(), &mono).unwrap();
    assert_eq!(
        step(&s, &mono),
        format!("send vRealizeOpsToken {token} (21595)")
    );
    mono.advance(21_595);
    assert_eq!(step(&s, &mono), "log in (None)");
}

const DATARHEI_ACCESS: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";
const IAT: i64 = 1_670_441_225;

fn datarhei_refresh() -> String {
    jwt(
        &json!({"exi": 86400, "exp": IAT + 86_400, "iat": IAT, "iss": "datarhei-core",
                "jti": "0b1f7c4e", "sub": "admin", "usefor": "refresh"}),
    )
}

#[test]
fn datarhei_jwt_exp_and_bearer_refresh() {
    let clock = ManualClock::unix(IAT + 1);
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    let mut buf = [0u8; 128];
    assert_eq!(
        show(
            &s.login_request(&Credentials::new("admin", "datarhei"), &mut buf)
                .unwrap()
        ),
        r#"[-|{"username":"admin","password":"datarhei"}|application/json]"#
    );
    let refresh = datarhei_refresh();
    let response = format!(r#"{{"access_token":"{DATARHEI_ACCESS}","refresh_token":"{refresh}"}}"#);
    s.accept_login(response.as_bytes(), &clock).unwrap();
    // exp - 5 s leeway - now.
    assert_eq!(
        step(&s, &clock),
        format!("send Bearer {DATARHEI_ACCESS} (594)")
    );
    // Margin: 600 s lifetime, max(60, 60) = 60.
    clock.set(IAT + 534);
    assert_eq!(
        step(&s, &clock),
        format!("send Bearer {DATARHEI_ACCESS} (61)")
    );
    clock.set(IAT + 535);
    assert_eq!(
        step(&s, &clock),
        format!("refresh [Bearer {refresh}|-|-] (Some(60))")
    );
    let mut buf = [0u8; 2048];
    let Next::Refresh { request, .. } = s.next(&clock, &mut buf).unwrap() else {
        panic!()
    };
    assert_eq!(
        request.authorization,
        Some(format!("Bearer {refresh}").as_str())
    );
    // The refresh answer carries only a new access token; the refresh token stays.
    let access2 =
        jwt(&json!({"exi": 600, "exp": IAT + 1135, "iat": IAT + 535, "usefor": "access"}));
    s.accept_refresh(
        format!(r#"{{"access_token":"{access2}"}}"#).as_bytes(),
        &clock,
    )
    .unwrap();
    assert_eq!(step(&s, &clock), format!("send Bearer {access2} (595)"));
    clock.set(IAT + 2000);
    assert_eq!(
        step(&s, &clock),
        format!("refresh [Bearer {refresh}|-|-] (None)")
    );
    // The refresh token's own exp (minus leeway) ends it: log in again.
    clock.set(IAT + 86_395);
    assert_eq!(step(&s, &clock), "log in (None)");
}

#[test]
fn datarhei_skewed_and_monotonic_clocks_anchor_the_lifetime() {
    let response = format!(
        r#"{{"access_token":"{DATARHEI_ACCESS}","refresh_token":"{}"}}"#,
        datarhei_refresh()
    );
    // A device whose clock is a year behind: exp would look a year away.
    let clock = ManualClock::unix(IAT - 365 * 86_400);
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(s.status(&clock), Ok(Status::Fresh { remaining: 595 }));
    clock.advance(595);
    assert_eq!(s.status(&clock), Ok(Status::Expired));
    // A device whose clock is ahead: exp would look past already.
    let clock = ManualClock::unix(IAT + 7200);
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(s.status(&clock), Ok(Status::Fresh { remaining: 595 }));
    // No RTC: seconds since boot.
    let mono = ManualClock::monotonic(30);
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    s.accept_login(response.as_bytes(), &mono).unwrap();
    assert_eq!(s.status(&mono), Ok(Status::Fresh { remaining: 595 }));
    assert_eq!(
        s.refresh_status(&mono),
        Ok(Status::Fresh { remaining: 86_395 })
    );
    // Mixing clocks is refused.
    assert_eq!(
        s.status(&ManualClock::unix(IAT)),
        Err(LifecycleError::ClockMismatch)
    );
    // `exi` as the source (datarhei's own lifetime claim).
    let exi = ApiProfile {
        expiry: ExpirySource::JwtSeconds("exi"),
        ..ApiProfile::DATARHEI
    };
    let mut s = AuthSession::<1024>::new(exi);
    s.accept_login(response.as_bytes(), &mono).unwrap();
    assert_eq!(s.status(&mono), Ok(Status::Fresh { remaining: 595 }));
    // A monotonic clock with a JWT lacking iat: refused, nothing stored.
    let no_iat = jwt(&json!({"exp": IAT + 600}));
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    assert_eq!(
        s.accept_login(
            format!(r#"{{"access_token":"{no_iat}"}}"#).as_bytes(),
            &mono
        ),
        Err(LifecycleError::Token(Error::MissingClaim(Claim::Iat)))
    );
    assert_eq!(s.status(&mono), Err(LifecycleError::NoToken));
}

#[test]
fn bluecat_ready_made_basic_and_rfc3339_expiry() {
    // Logged in 24 h before the documented expiry 2023-01-21T21:40:48Z.
    let expiry = 1_674_337_248;
    let clock = ManualClock::unix(expiry - 86_400);
    let mut s = AuthSession::<256>::new(ApiProfile::BLUECAT);
    let mut buf = [0u8; 128];
    assert_eq!(
        show(
            &s.login_request(&Credentials::new("admin", "admin"), &mut buf)
                .unwrap()
        ),
        r#"[-|{"username":"admin","password":"admin"}|application/json]"#
    );
    let response = br#"{"id":4,"type":"UserSession","apiToken":"yAb\/uu1TNjVO9Ip7SNH6cn9Zqu\/I+B9Kkfup4eVQ","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","basicAuthenticationCredentials":"YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==","state":"LOGGED_IN","remoteAddress":"192.168.1.10","readOnly":false,"loginDateTime":"2023-01-20T21:40:48Z","logoutDateTime":null,"response":null,"user":{"id":3,"type":"User","name":"admin"},"_links":{"self":{"href":"\/api\/v2\/sessions\/4"}}}"#;
    s.accept_login(response, &clock).unwrap();
    let header = "Basic YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==";
    assert_eq!(step(&s, &clock), format!("send {header} (86395)"));
    // It is base64("admin:" + apiToken), as BlueCat documents.
    let mut mine = [0u8; 128];
    assert_eq!(
        authcore::authz::basic(
            "admin",
            "yAb/uu1TNjVO9Ip7SNH6cn9Zqu/I+B9Kkfup4eVQ",
            &mut mine
        ),
        Ok(header)
    );
    // Margin: 10 % of 24 h = 8640 s.
    clock.set(expiry - 8646);
    assert_eq!(step(&s, &clock), format!("send {header} (8641)"));
    clock.set(expiry - 8645);
    assert_eq!(
        step(&s, &clock),
        format!("log in, meanwhile {header} (Some(8640))")
    );
    clock.set(expiry - 5);
    assert_eq!(step(&s, &clock), "log in (None)");
    // An absolute date cannot be tracked without a wall clock.
    let mut s = AuthSession::<256>::new(ApiProfile::BLUECAT);
    assert_eq!(
        s.accept_login(response, &ManualClock::monotonic(5)),
        Err(LifecycleError::NeedsWallClock)
    );
    // Without ready-made credentials the header cannot be made.
    assert_eq!(
        s.accept_login(
            br#"{"apiToken":"abc","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z"}"#,
            &clock
        ),
        Err(LifecycleError::MissingField(
            "basicAuthenticationCredentials"
        ))
    );
    assert_eq!(
        s.accept_login(br#"{"apiToken":"abc","basicAuthenticationCredentials":"YQ==","apiTokenExpirationDateTime":"2023-02-29T21:40:48Z"}"#, &clock),
        Err(LifecycleError::DateTime(authcore::lifetime::DateTimeError::Day))
    );
}

#[test]
fn oauth2_password_grant_refresh_grant_and_refresh_expiry() {
    let clock = ManualClock::unix(T0);
    let profile = ApiProfile {
        client_id: Some("device-42"),
        scope: Some("read write"),
        ..ApiProfile::OAUTH2
    };
    let mut s = AuthSession::<512>::new(profile);
    let mut buf = [0u8; 256];
    assert_eq!(
        show(
            &s.login_request(&Credentials::new("johndoe", "A3ddj3w"), &mut buf)
                .unwrap()
        ),
        "[-|grant_type=password&username=johndoe&password=A3ddj3w&scope=read+write&client_id=device-42|application/x-www-form-urlencoded]"
    );
    s.accept_login(
        br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","refresh_expires_in":7200}"#,
        &clock,
    )
    .unwrap();
    assert_eq!(
        step(&s, &clock),
        "send Bearer 2YotnFZFEjr1zCsicMWpAA (3595)"
    );
    clock.set(T0 + 3235);
    assert_eq!(
        step(&s, &clock),
        "refresh [-|grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=read+write&client_id=device-42|application/x-www-form-urlencoded] (Some(360))"
    );
    // The refresh token is used up after refresh_expires_in.
    clock.set(T0 + 7195);
    assert_eq!(step(&s, &clock), "log in (None)");
    // The server refused the refresh token: forget it.
    clock.set(T0 + 3300);
    s.forget_refresh_token();
    assert_eq!(
        step(&s, &clock),
        "log in, meanwhile Bearer 2YotnFZFEjr1zCsicMWpAA (Some(295))"
    );
    // No expires_in: no known expiry; a default lifetime can be given instead.
    let mut s = AuthSession::<512>::new(ApiProfile::OAUTH2);
    s.accept_login(br#"{"access_token":"abc","token_type":"Bearer"}"#, &clock)
        .unwrap();
    assert_eq!(step(&s, &clock), format!("send Bearer abc ({})", i64::MAX));
    let mut s = AuthSession::<512>::new(ApiProfile {
        default_lifetime: Some(300),
        ..ApiProfile::OAUTH2
    });
    s.accept_login(br#"{"access_token":"abc","token_type":"Bearer"}"#, &clock)
        .unwrap();
    assert_eq!(step(&s, &clock), "send Bearer abc (295)");
    // Not a Bearer token (RFC 6749 §7.1: do not use what you do not understand).
    assert_eq!(
        s.accept_login(br#"{"access_token":"abc","token_type":"DPoP"}"#, &clock),
        Err(LifecycleError::UnsupportedTokenType)
    );
}

#[test]
fn bad_responses_change_nothing() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<64>::new(ApiProfile::OAUTH2);
    s.accept_login(
        br#"{"access_token":"good","expires_in":600,"refresh_token":"r1"}"#,
        &clock,
    )
    .unwrap();
    let before = step(&s, &clock);
    let long = "a".repeat(65);
    let bad: Vec<(String, LifecycleError)> = vec![
        (
            "{".into(),
            LifecycleError::ResponseJson(authcore::JsonError::Syntax { offset: 1 }),
        ),
        (
            r#"{"expires_in":5}"#.into(),
            LifecycleError::MissingField("access_token"),
        ),
        (
            r#"{"access_token":5}"#.into(),
            LifecycleError::WrongFieldType("access_token"),
        ),
        (
            r#"{"access_token":"x","expires_in":-1}"#.into(),
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            r#"{"access_token":"x","expires_in":1e30}"#.into(),
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            r#"{"access_token":"x\r\nX-Evil: 1"}"#.into(),
            LifecycleError::ControlCharacter,
        ),
        (
            r#"{"access_token":"x y"}"#.into(),
            LifecycleError::InvalidTokenSyntax,
        ),
        (
            r#"{"access_token":""}"#.into(),
            LifecycleError::InvalidTokenSyntax,
        ),
        (
            format!(r#"{{"access_token":"{long}"}}"#),
            LifecycleError::Token(Error::TokenTooLarge { max: 64 }),
        ),
        (
            format!(r#"{{"access_token":"ok","refresh_token":"{long}"}}"#),
            LifecycleError::Token(Error::TokenTooLarge { max: 64 }),
        ),
        (
            r#"{"access_token":"ok","refresh_token":"a\u0000"}"#.into(),
            LifecycleError::ControlCharacter,
        ),
        (
            r#"{"error":"invalid_grant"}"#.into(),
            LifecycleError::ErrorResponse(ApiError::new(None).with_code("invalid_grant".chars())),
        ),
    ];
    for (text, want) in bad {
        assert_eq!(s.accept_login(text.as_bytes(), &clock), Err(want), "{text}");
        assert_eq!(step(&s, &clock), before, "{text}");
    }
    // An escaped token is decoded before it is stored and sent.
    s.accept_login(br#"{"access_token":"a\/b\u002Bc="}"#, &clock)
        .unwrap();
    assert_eq!(
        step(&s, &clock),
        format!("send Bearer a/b+c= ({})", i64::MAX)
    );
    // A JWT source with a broken JWT.
    let mut j = AuthSession::<256>::new(ApiProfile::DATARHEI);
    for (tok, want) in [
        ("abc", LifecycleError::Token(Error::SegmentCount)),
        ("a.!!.c", LifecycleError::InvalidTokenSyntax),
        (
            "e30.a.c",
            LifecycleError::Token(Error::Base64(authcore::Part::Payload)),
        ),
        (
            "e30.e31.c2ln",
            LifecycleError::Token(Error::Base64(authcore::Part::Payload)),
        ),
        (
            "e30.eyJleHAiOiJzb29uIn0.c2ln",
            LifecycleError::Token(Error::InvalidClaim(Claim::Exp)),
        ),
        (
            "e30.WzFd.c2ln",
            LifecycleError::Token(Error::Json(
                authcore::Part::Payload,
                authcore::JsonError::NotAnObject,
            )),
        ),
    ] {
        assert_eq!(
            j.accept_login(format!(r#"{{"access_token":"{tok}"}}"#).as_bytes(), &clock),
            Err(want),
            "{tok}"
        );
    }
    assert_eq!(j.status(&clock), Err(LifecycleError::NoToken));
}

#[test]
fn headers_and_requests_at_every_buffer_size() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    let refresh = datarhei_refresh();
    let clock_d = ManualClock::unix(IAT);
    s.accept_login(
        format!(r#"{{"access_token":"{DATARHEI_ACCESS}","refresh_token":"{refresh}"}}"#).as_bytes(),
        &clock_d,
    )
    .unwrap();
    let header = format!("Bearer {DATARHEI_ACCESS}");
    check_every_size(&header, |b| s.authorization(b));
    check_every_size(&header, |b| match s.next(&clock_d, b)? {
        Next::Send { authorization, .. } => Ok(authorization),
        other => panic!("{other:?}"),
    });
    let r = format!("Bearer {refresh}");
    check_every_size(&r, |b| {
        s.refresh_request(b).map(|r| r.authorization.unwrap())
    });
    let creds = Credentials::new("admin", "pässword");
    check_every_size(r#"{"username":"admin","password":"pässword"}"#, |b| {
        s.login_request(&creds, b).map(|r| r.body.unwrap())
    });
    let o = AuthSession::<64>::new(ApiProfile::INFOWORKS);
    check_every_size("Basic YWRtaW46cMOkc3N3b3Jk", |b| {
        o.login_request(&creds, b).map(|r| r.authorization.unwrap())
    });
    // Nothing to send or refresh yet.
    let mut buf = [0u8; 64];
    assert_eq!(o.authorization(&mut buf), Err(LifecycleError::NoToken));
    assert_eq!(
        o.authorization_value::<64>().map(|v| v.len()),
        Err(LifecycleError::NoToken)
    );
    assert_eq!(
        o.refresh_request(&mut buf),
        Err(LifecycleError::NoRefreshToken)
    );
    assert_eq!(o.status(&clock), Err(LifecycleError::NoToken));
}

#[test]
fn a_new_api_described_without_code() {
    /// `{"data":{"jwt":"…","ttl":900,"renew":"…"}}`, sent as `Token <jwt>`, renewed with
    /// `Token <renew>`, a fixed 15-minute default.
    const GATEWAY: ApiProfile = ApiProfile {
        name: "gateway",
        response: ResponseFormat::new(&[
            (Field::AccessToken, "data.jwt"),
            (Field::ExpiresIn, "data.ttl"),
            (Field::RefreshToken, "data.renew"),
        ]),
        header: HeaderStyle::Custom("Token"),
        refresh: authcore::session::RefreshStyle::Header(HeaderStyle::Custom("Token")),
        expiry: ExpirySource::ExpiresIn,
        ..ApiProfile::new("gateway")
    };
    let clock = ManualClock::monotonic(0);
    let mut s = AuthSession::<128>::new(GATEWAY);
    s.accept_login(
        br#"{"data":{"jwt":"j.w.t","ttl":900,"renew":"r-1"}}"#,
        &clock,
    )
    .unwrap();
    assert_eq!(step(&s, &clock), "send Token j.w.t (895)");
    clock.set(900);
    assert_eq!(step(&s, &clock), "refresh [Token r-1|-|-] (None)");
    assert_eq!(s.profile().name, "gateway");
    assert_eq!(authcore::clock::Clock::base(&clock), TimeBase::Monotonic);
}

#[test]
fn debug_never_shows_tokens_and_clear_forgets_them() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<128>::new(ApiProfile::OAUTH2);
    s.accept_login(
        br#"{"access_token":"SECRETACCESS","refresh_token":"SECRETREFRESH","expires_in":60}"#,
        &clock,
    )
    .unwrap();
    let d = format!("{s:?}");
    assert!(!d.contains("SECRET"), "{d}");
    assert!(d.contains("OAuth 2.0"));
    s.clear();
    assert_eq!(step(&s, &clock), "log in (None)");
    let mut buf = [0u8; 64];
    assert_eq!(s.authorization(&mut buf), Err(LifecycleError::NoToken));
    // After clear, another clock base is fine.
    s.accept_login(br#"{"access_token":"x"}"#, &ManualClock::monotonic(1))
        .unwrap();
}

/// The README's API tour, kept compiling and true here.
#[test]
fn readme_tour() -> Result<(), LifecycleError> {
    use authcore::{ApiProfile, AuthSession, Credentials, ManualClock, Next};

    let clock = ManualClock::unix(1_700_000_000); // or your RTC / a monotonic tick clock
    let mut session = AuthSession::<512>::new(ApiProfile::OAUTH2);
    let mut buf = [0u8; 600];

    // Log in: the session writes the request body; HTTP stays yours.
    let login = session.login_request(&Credentials::new("johndoe", "A3ddj3w"), &mut buf)?;
    assert_eq!(
        login.body,
        Some("grant_type=password&username=johndoe&password=A3ddj3w")
    );
    session.accept_login(
        br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer",
        "expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}"#,
        &clock,
    )?;

    // Before each request: send, refresh first, or log in again.
    let Next::Send {
        authorization,
        remaining,
    } = session.next(&clock, &mut buf)?
    else {
        panic!()
    };
    assert_eq!(
        (authorization, remaining),
        ("Bearer 2YotnFZFEjr1zCsicMWpAA", 3595)
    );

    clock.advance(3300); // inside the refresh margin (10 % of the lifetime)
    let Next::Refresh { request, remaining } = session.next(&clock, &mut buf)? else {
        panic!()
    };
    assert_eq!(
        request.body,
        Some("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA")
    );
    assert_eq!(remaining, Some(295)); // the old token still works meanwhile
    Ok(())
}

proptest::proptest! {
    /// Hostile responses never panic a session, and a refused one changes nothing.
    #[test]
    fn sessions_never_panic_on_hostile_responses(
        token in "[A-Za-z0-9._~+/=: \\\\-]{0,80}|\\PC{0,40}",
        number in "-?[0-9]{1,22}(\\.[0-9]{1,3})?|\"[^\"\\\\]{0,30}\"|null|true",
        which in 0usize..7,
    ) {
        let profiles = [ApiProfile::OAUTH2, ApiProfile::IMMPORT, ApiProfile::INFOWORKS,
            ApiProfile::ARIA, ApiProfile::DATARHEI, ApiProfile::BLUECAT, ApiProfile::VREALIZE];
        let token = serde_json::to_string(&token).unwrap();
        let text = format!(
            r#"{{"access_token":{token},"token":{token},"apiToken":{token},"refresh_token":{token},
                "result":{{"authentication_token":{token}}},"basicAuthenticationCredentials":{token},
                "expires_in":{number},"validity":{number},"apiTokenExpirationDateTime":{number}}}"#
        );
        let clock = ManualClock::unix(T0);
        let mut s = AuthSession::<96>::new(profiles[which]);
        s.accept_login(br#"{"access_token":"a","token":"a","apiToken":"a","result":{"authentication_token":"a.b.c"},"basicAuthenticationCredentials":"YQ=="}"#, &clock).ok();
        let before = step(&s, &clock);
        if s.accept_login(text.as_bytes(), &clock).is_err() {
            proptest::prop_assert_eq!(step(&s, &clock), before);
        }
        let _ = step(&s, &clock);
    }
}

#[test]
fn jwt_lifetime_source_ignores_the_wall_clock_entirely() {
    let response = format!(r#"{{"access_token":"{DATARHEI_ACCESS}"}}"#);
    let profile = ApiProfile {
        expiry: ExpirySource::JwtLifetime,
        ..ApiProfile::DATARHEI
    };
    // Even a clock 100 s off (inside max_skew, so JwtExp would trust it) anchors at receipt.
    let clock = ManualClock::unix(IAT + 100);
    let mut s = AuthSession::<1024>::new(profile);
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(s.status(&clock), Ok(Status::Fresh { remaining: 595 }));
    let mut j = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    j.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(j.status(&clock), Ok(Status::Fresh { remaining: 495 }));
}

/// A microcontroller without an RTC: a 32.768 kHz tick counter through `embedded-time`.
#[cfg(feature = "embedded-time")]
#[test]
fn embedded_time_tick_clock_drives_a_session() {
    use std::cell::Cell;

    use authcore::clock::EmbeddedClock;
    use embedded_time::fraction::Fraction;
    use embedded_time::{Instant, clock};

    struct Rtc32k(Cell<u64>);
    impl clock::Clock for Rtc32k {
        type T = u64;
        const SCALING_FACTOR: Fraction = Fraction::new(1, 32_768);
        fn try_now(&self) -> Result<Instant<Self>, clock::Error> {
            Ok(Instant::new(self.0.get()))
        }
    }

    let clock = EmbeddedClock::monotonic(Rtc32k(Cell::new(32_768 * 10)));
    let mut s = AuthSession::<1024>::new(ApiProfile::DATARHEI);
    let response = format!(
        r#"{{"access_token":"{DATARHEI_ACCESS}","refresh_token":"{}"}}"#,
        datarhei_refresh()
    );
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(s.status(&clock), Ok(Status::Fresh { remaining: 595 }));
    clock.inner().0.set(32_768 * (10 + 540));
    assert_eq!(s.status(&clock), Ok(Status::RefreshSoon { remaining: 55 }));
    let mut buf = [0u8; 1024];
    assert!(matches!(s.next(&clock, &mut buf), Ok(Next::Refresh { .. })));
}

/// One thing that happens to a session.
#[derive(Debug, Clone)]
enum Event {
    /// Time passes.
    Advance(i64),
    /// A login response arrives with an access token of this lifetime (and, where the API
    /// has them, a refresh token of twice that).
    Login(i64),
    /// A request is sent with the access token (slides a sliding window).
    Touch,
    Pin,
    Unpin,
    ForgetAccess,
    ForgetRefresh,
    Clear,
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        4 => (0i64..4000).prop_map(Event::Advance),
        2 => (1i64..7200).prop_map(Event::Login),
        1 => Just(Event::Touch),
        1 => Just(Event::Pin),
        1 => Just(Event::Unpin),
        1 => Just(Event::ForgetAccess),
        1 => Just(Event::ForgetRefresh),
        1 => Just(Event::Clear),
    ]
}

/// A login response for `profile` whose access token lives `lifetime` seconds from `now`.
fn login_response(profile: &ApiProfile, now: i64, lifetime: i64) -> String {
    match profile.name {
        "ImmPort" => r#"{"status":200,"token":"imm-token"}"#.to_owned(),
        "Aria Operations" => format!(
            r#"{{"token":"ops::token","validity":{},"roles":[]}}"#,
            (now + lifetime) * 1000
        ),
        "Infoworks" => format!(
            r#"{{"result":{{"authentication_token":"{}"}}}}"#,
            jwt(&json!({"iat": now, "exp": now + lifetime}))
        ),
        _ => format!(
            r#"{{"access_token":"acc","token_type":"Bearer","expires_in":{lifetime},"refresh_token":"ref","refresh_expires_in":{}}}"#,
            2 * lifetime
        ),
    }
}

proptest! {
    /// The state machine's promise, over random event sequences for every style of API
    /// (refresh call or none, fixed window, sliding window, pins): while the access token
    /// is usable the answer lets the caller send (`Send` with the header, `LogIn` with the
    /// header, or `Refresh` with `remaining` and the header from `authorization`), and
    /// never once it is not; a sliding window is never renewed while it works.
    #[test]
    fn answers_carry_a_header_exactly_while_the_token_works(
        which in 0usize..4,
        events in proptest::collection::vec(event(), 1..40),
    ) {
        let profile = [ApiProfile::OAUTH2, ApiProfile::IMMPORT, ApiProfile::ARIA, ApiProfile::INFOWORKS][which];
        let clock = ManualClock::unix(T0);
        let mut s = AuthSession::<1024>::new(profile);
        for e in events {
            match e {
                Event::Advance(secs) => clock.advance(secs),
                Event::Login(lifetime) => {
                    let body = login_response(&profile, clock.now().unwrap(), lifetime);
                    s.accept_login(body.as_bytes(), &clock).unwrap();
                }
                Event::Touch => { let _ = s.touch(&clock); }
                Event::Pin => { let _ = s.pin(&clock); }
                Event::Unpin => s.unpin(),
                Event::ForgetAccess => s.forget_access_token(),
                Event::ForgetRefresh => s.forget_refresh_token(),
                Event::Clear => s.clear(),
            }
            let status = s.status(&clock);
            let usable = matches!(status, Ok(st) if st.is_usable());
            let mut buf = [0u8; 2048];
            let current = s.authorization_value::<2048>().ok();
            match s.next(&clock, &mut buf).unwrap() {
                Next::Send { authorization, remaining } => {
                    prop_assert!(usable, "send with {status:?}");
                    prop_assert_eq!(Some(authorization), current.as_deref().map(|v| v.as_str()));
                    prop_assert!(remaining >= 0);
                }
                Next::LogIn { remaining, authorization } => {
                    prop_assert_eq!(remaining.is_some(), usable, "{:?}", status);
                    prop_assert_eq!(authorization.is_some(), usable);
                    if usable {
                        prop_assert_eq!(authorization, current.as_deref().map(|v| v.as_str()));
                        prop_assert!(profile.sliding_window.is_none(), "a sliding window renewed");
                    }
                }
                Next::Refresh { remaining, .. } => {
                    prop_assert_eq!(remaining.is_some(), usable, "{:?}", status);
                    prop_assert!(profile.sliding_window.is_none(), "a sliding window renewed");
                }
            }
        }
    }
}

/// BlueCat without `basicAuthenticationCredentials`: the session builds
/// `base64(username:apiToken)` from the user who logged in; the user name is not kept.
#[test]
fn bluecat_builds_basic_credentials_from_the_login_user() {
    let expiry = 1_674_337_248;
    let clock = ManualClock::unix(expiry - 86_400);
    let mut s = AuthSession::<256>::new(ApiProfile::BLUECAT);
    let response = br#"{"id":4,"type":"UserSession","apiToken":"yAb\/uu1TNjVO9Ip7SNH6cn9Zqu\/I+B9Kkfup4eVQ","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","state":"LOGGED_IN"}"#;
    // Without the user the header cannot be made, and nothing changes.
    assert_eq!(
        s.accept_login(response, &clock),
        Err(LifecycleError::MissingField(
            "basicAuthenticationCredentials"
        ))
    );
    assert_eq!(step(&s, &clock), "log in (None)");
    // A user id that Basic cannot carry is refused, and nothing changes.
    assert_eq!(
        s.accept_login_for("ad:min", response, &clock),
        Err(LifecycleError::ColonInUserId)
    );
    assert_eq!(
        s.accept_login_for("ad\nmin", response, &clock),
        Err(LifecycleError::ControlCharacter)
    );
    assert_eq!(step(&s, &clock), "log in (None)");
    s.accept_login_for("admin", response, &clock).unwrap();
    // The documented sample's own ready-made value.
    let header = "Basic YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==";
    assert_eq!(step(&s, &clock), format!("send {header} (86395)"));
    // The ready-made value wins over a built one when the response has it.
    let ready = br#"{"apiToken":"abc","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","basicAuthenticationCredentials":"YTpi"}"#;
    s.accept_login_for("admin", ready, &clock).unwrap();
    assert_eq!(step(&s, &clock), "send Basic YTpi (86395)");
    // Credentials too long for the session's storage: refused, nothing changes.
    let mut small = AuthSession::<48>::new(ApiProfile::BLUECAT);
    assert_eq!(
        small.accept_login_for("admin", response, &clock),
        Err(LifecycleError::Token(Error::TokenTooLarge { max: 48 }))
    );
    assert_eq!(step(&small, &clock), "log in (None)");
    // For other APIs the user changes nothing.
    let mut o = AuthSession::<256>::new(ApiProfile::OAUTH2);
    o.accept_login_for("u", br#"{"access_token":"t","expires_in":60}"#, &clock)
        .unwrap();
    assert_eq!(step(&o, &clock), "send Bearer t (55)");
}

/// Aria Operations' `expiresAt` is not read: `validity` gives the end, and without it the
/// sliding window bounds the token. Release is a logout: send with the header, then clear.
#[test]
fn aria_without_validity_and_release() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<512>::new(ApiProfile::ARIA);
    let token = "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b";
    let response = format!(
        r#"{{"token":"{token}","expiresAt":"Wednesday, November 15, 2023 4:13:20 AM UTC","roles":[]}}"#
    );
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(step(&s, &clock), format!("send OpsToken {token} (21595)"));
    clock.set(T0 + 21_600);
    assert_eq!(step(&s, &clock), "log in (None)");
    // Release: `POST /suite-api/api/auth/token/release` with this header, then clear.
    clock.set(T0);
    let mut buf = [0u8; 128];
    assert_eq!(
        s.authorization(&mut buf).unwrap(),
        format!("OpsToken {token}")
    );
    s.clear();
    assert_eq!(step(&s, &clock), "log in (None)");
    // A refusal body: the error is named, nothing changes.
    s.accept_login(response.as_bytes(), &clock).unwrap();
    assert_eq!(
        s.accept_login(br#"{"roles":[]}"#, &clock),
        Err(LifecycleError::MissingField("token"))
    );
    assert_eq!(step(&s, &clock), format!("send OpsToken {token} (21595)"));
}

/// ImmPort's refusal (`{"status":401}`) is a login refusal carrying the status, and leaves
/// the session as it was.
#[test]
fn immport_refusal_carries_its_status_and_changes_nothing() {
    let clock = ManualClock::unix(T0);
    let mut s = AuthSession::<512>::new(ApiProfile::IMMPORT);
    s.accept_login(br#"{"status":200,"token":"abc"}"#, &clock)
        .unwrap();
    let before = step(&s, &clock);
    let e = s
        .accept_login(br#"{"status":401,"message":"Bad credentials"}"#, &clock)
        .unwrap_err();
    assert_eq!(e, LifecycleError::ErrorResponse(ApiError::new(Some(401))));
    assert_eq!(e.to_string(), "the server refused: status 401");
    assert_eq!(step(&s, &clock), before);
}

/// Every preset through the whole documented cycle: log in, send, expire, log in again,
/// send with the new token, log out. (The margin and the refresh calls are in each API's
/// own test above.) Logging out is `clear` everywhere but Infoworks, whose logout
/// blacklists the access token only: `forget_access_token` keeps the refresh token.
#[test]
fn every_api_logs_in_again_and_out() {
    const DAY: i64 = 86_400;
    // The n-th login response of each API at `at`, its access token living `DAY` seconds
    // (ImmPort's window is 60 s whatever it says), and the header value that sends it.
    type Login = fn(i64, u32) -> (String, String);
    let cases: [(ApiProfile, Login); 6] = [
        (ApiProfile::OAUTH2, |_, n| {
            (
                format!(
                    r#"{{"access_token":"at-{n}","token_type":"Bearer","expires_in":86400,"refresh_token":"rt-{n}","refresh_expires_in":86400}}"#
                ),
                format!("Bearer at-{n}"),
            )
        }),
        (ApiProfile::IMMPORT, |at, n| {
            let token = jwt(&json!({"sub": "jdoe", "iat": at, "exp": at + 3600, "n": n}));
            (
                format!(r#"{{"status":200,"token":"{token}"}}"#),
                format!("bearer {token}"),
            )
        }),
        (ApiProfile::INFOWORKS, |at, n| {
            let token = jwt(&json!({"sub": "admin", "iat": at, "exp": at + DAY, "n": n}));
            (
                format!(
                    r#"{{"message":"Authentication successful","result":{{"authentication_token":"{token}","is_authenticated":true}}}}"#
                ),
                format!("Bearer {token}"),
            )
        }),
        (ApiProfile::ARIA, |at, n| {
            (
                format!(
                    r#"{{"token":"ops-{n}::x","validity":{},"expiresAt":"(prose)","roles":[]}}"#,
                    (at + DAY) * 1000
                ),
                format!("OpsToken ops-{n}::x"),
            )
        }),
        (ApiProfile::DATARHEI, |at, n| {
            let access = jwt(&json!({"iat": at, "exp": at + DAY, "usefor": "access", "n": n}));
            let refresh = jwt(&json!({"iat": at, "exp": at + DAY, "usefor": "refresh", "n": n}));
            (
                format!(r#"{{"access_token":"{access}","refresh_token":"{refresh}"}}"#),
                format!("Bearer {access}"),
            )
        }),
        (ApiProfile::BLUECAT, |at, n| {
            // T0 is 2023-11-14T22:13:20Z; BlueCat's tokens live a day.
            let expiry = format!("2023-11-{}T22:13:20Z", 15 + (at - T0) / DAY);
            (
                format!(
                    r#"{{"apiToken":"bc{n}","apiTokenExpirationDateTime":"{expiry}","basicAuthenticationCredentials":"YWRtaW46YmN{n}"}}"#
                ),
                format!("Basic YWRtaW46YmN{n}"),
            )
        }),
    ];
    for (profile, login) in cases {
        let name = profile.name;
        let clock = ManualClock::unix(T0);
        let mut s = AuthSession::<1024>::new(profile);
        assert_eq!(step(&s, &clock), "log in (None)", "{name}");
        let (body, header) = login(T0, 1);
        s.accept_login(body.as_bytes(), &clock).unwrap();
        assert!(
            step(&s, &clock).starts_with(&format!("send {header} (")),
            "{name}"
        );
        // Two days later everything has expired: log in again.
        clock.set(T0 + 2 * DAY);
        assert_eq!(step(&s, &clock), "log in (None)", "{name}");
        let (body, header) = login(T0 + 2 * DAY, 2);
        s.accept_login(body.as_bytes(), &clock).unwrap();
        assert!(
            step(&s, &clock).starts_with(&format!("send {header} (")),
            "{name}"
        );
        // Log out.
        if profile.name == "Infoworks" {
            s.set_refresh_token("opaque-refresh", &clock).unwrap();
            s.forget_access_token();
            assert_eq!(
                step(&s, &clock),
                "refresh [Basic opaque-refresh|-|-] (None)",
                "{name}"
            );
        } else {
            s.clear();
            assert_eq!(step(&s, &clock), "log in (None)", "{name}");
            assert_eq!(s.status(&clock), Err(LifecycleError::NoToken), "{name}");
        }
    }
}
