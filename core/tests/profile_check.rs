//! `ApiProfile::check`: every preset passes; each kind of wrong description is refused
//! with its own error.

use authcore::authz::HeaderStyle;
use authcore::lifetime::RefreshPolicy;
use authcore::response::{Field, ResponseFormat};
use authcore::session::{ApiProfile, ExpirySource, ProfileError, RefreshStyle};

const PRESETS: [ApiProfile; 7] = [
    ApiProfile::OAUTH2,
    ApiProfile::IMMPORT,
    ApiProfile::INFOWORKS,
    ApiProfile::ARIA,
    ApiProfile::VREALIZE,
    ApiProfile::DATARHEI,
    ApiProfile::BLUECAT,
];

#[test]
fn every_preset_passes() {
    for p in PRESETS {
        assert_eq!(p.check(), Ok(()), "{}", p.name);
    }
    assert_eq!(ApiProfile::new("x").check(), Ok(()));
}

fn with_paths(paths: &[(Field, &'static str)]) -> ApiProfile {
    ApiProfile {
        response: ResponseFormat::new(Vec::leak(paths.to_vec())),
        expiry: ExpirySource::None,
        ..ApiProfile::new("x")
    }
}

#[test]
fn paths_are_well_formed() {
    use ProfileError::*;
    let at = Field::AccessToken;
    assert_eq!(with_paths(&[(at, "")]).check(), Err(EmptyPath(at)));
    assert_eq!(with_paths(&[(at, "/")]).check(), Err(EmptyPath(at)));
    for bad in ["a..b", ".a", "a.", "/a//b", "/a/", "//a"] {
        assert_eq!(
            with_paths(&[(at, "t"), (Field::Scope, bad)]).check(),
            Err(EmptyPathSegment(Field::Scope)),
            "{bad}"
        );
    }
    for good in ["a", "a.b.c", "/a.b", "/a.b/c"] {
        assert_eq!(with_paths(&[(at, good)]).check(), Ok(()), "{good}");
    }
    assert_eq!(
        with_paths(&[(Field::Scope, "scope")]).check(),
        Err(NoAccessTokenPath)
    );
    assert_eq!(with_paths(&[]).check(), Err(NoAccessTokenPath));
}

#[test]
fn schemes_windows_margins_and_claims() {
    use ProfileError::*;
    let base = with_paths(&[(Field::AccessToken, "t")]);
    for bad in ["", "Ops Token", "Ops\"", "Tøken", "a,b"] {
        let p = ApiProfile {
            header: HeaderStyle::Custom(bad),
            ..base
        };
        assert_eq!(p.check(), Err(InvalidScheme), "{bad}");
        let p = ApiProfile {
            refresh: RefreshStyle::Header(HeaderStyle::Custom(bad)),
            ..base
        };
        assert_eq!(p.check(), Err(InvalidScheme), "refresh {bad}");
    }
    let p = ApiProfile {
        header: HeaderStyle::Custom("X-Token_1.0~!"),
        ..base
    };
    assert_eq!(p.check(), Ok(()));
    let zero = [
        ApiProfile {
            sliding_window: Some(0),
            ..base
        },
        ApiProfile {
            default_lifetime: Some(0),
            ..base
        },
        ApiProfile {
            expiry: ExpirySource::FixedWindow(0),
            ..base
        },
        ApiProfile {
            refresh_expiry: ExpirySource::FixedWindow(0),
            ..base
        },
    ];
    for p in zero {
        assert_eq!(p.check(), Err(ZeroWindow), "{p:?}");
    }
    let policy = |margin_permille| ApiProfile {
        policy: RefreshPolicy {
            margin_permille,
            ..RefreshPolicy::DEFAULT
        },
        ..base
    };
    assert_eq!(policy(1000).check(), Ok(()));
    assert_eq!(policy(1001).check(), Err(MarginPermille));
    let p = ApiProfile {
        expiry: ExpirySource::JwtSeconds(""),
        ..base
    };
    assert_eq!(p.check(), Err(EmptyClaim));
    let p = ApiProfile {
        expiry: ExpirySource::JwtSeconds("exi"),
        ..base
    };
    assert_eq!(p.check(), Ok(()));
}

#[test]
fn an_expiry_or_header_needs_its_field() {
    use ProfileError::*;
    let base = with_paths(&[(Field::AccessToken, "t")]);
    let cases = [
        (
            ExpirySource::ExpiresIn,
            ExpirySource::None,
            Field::ExpiresIn,
        ),
        (
            ExpirySource::ExpiresAt,
            ExpirySource::None,
            Field::ExpiresAtMillis,
        ),
        (
            ExpirySource::None,
            ExpirySource::ExpiresIn,
            Field::RefreshExpiresIn,
        ),
    ];
    for (expiry, refresh_expiry, field) in cases {
        let p = ApiProfile {
            expiry,
            refresh_expiry,
            ..base
        };
        assert_eq!(p.check(), Err(FieldNeeded(field)), "{expiry:?}");
    }
    let p = ApiProfile {
        header: HeaderStyle::BasicReadyMade,
        ..base
    };
    assert_eq!(p.check(), Err(FieldNeeded(Field::BasicCredentials)));
    let p = ApiProfile {
        response: ResponseFormat::new(&[
            (Field::AccessToken, "t"),
            (Field::ExpiresAtDateTime, "until"),
        ]),
        expiry: ExpirySource::ExpiresAt,
        ..base
    };
    assert_eq!(p.check(), Ok(()));
    assert_eq!(
        FieldNeeded(Field::ExpiresIn).to_string(),
        "the response format has no path for ExpiresIn"
    );
}

/// The eighth API the C and Python tests describe: form login,
/// `{"data":{"jwt":…,"ttl":…,"renew.token":…,"renew_ttl":…}}`, `Token <jwt>`, refreshed
/// with `Renew <token>`, a 30 s margin and 2 s leeway.
const GATEWAY: ApiProfile = ApiProfile {
    name: "gateway",
    login: authcore::session::LoginStyle::FormBody,
    response: ResponseFormat::new(&[
        (Field::AccessToken, "data.jwt"),
        (Field::ExpiresIn, "data.ttl"),
        (Field::RefreshToken, "/data/renew.token"),
        (Field::RefreshExpiresIn, "data.renew_ttl"),
    ]),
    header: HeaderStyle::Custom("Token"),
    refresh: RefreshStyle::Header(HeaderStyle::Custom("Renew")),
    expiry: ExpirySource::ExpiresIn,
    refresh_expiry: ExpirySource::ExpiresIn,
    policy: RefreshPolicy {
        margin_secs: 30,
        margin_permille: 0,
        leeway: 2,
        max_skew: 300,
    },
    ..ApiProfile::new("gateway")
};

#[test]
fn an_eighth_api_checked_then_driven_through_login_send_refresh_and_expiry() {
    use authcore::ManualClock;
    use authcore::session::{AuthSession, Credentials, Next};
    assert_eq!(GATEWAY.check(), Ok(()));
    let t0 = 1_700_000_000;
    let clock = ManualClock::unix(t0);
    let mut s = AuthSession::<256>::new(GATEWAY);
    let mut buf = [0u8; 256];
    let login = s
        .login_request(&Credentials::new("jdoe", "pa ss"), &mut buf)
        .unwrap();
    assert_eq!(login.body, Some("username=jdoe&password=pa+ss"));
    s.accept_login(
        br#"{"data":{"jwt":"a1","ttl":900,"renew.token":"r1","renew_ttl":1000}}"#,
        &clock,
    )
    .unwrap();
    let next = |s: &AuthSession<256>, at: i64| {
        clock.set(at);
        let mut buf = [0u8; 256];
        match s.next(&clock, &mut buf).unwrap() {
            Next::Send {
                authorization,
                remaining,
            } => format!("send {authorization} ({remaining})"),
            Next::Refresh { request, remaining } => {
                format!("refresh {:?} ({remaining:?})", request.authorization)
            }
            Next::LogIn {
                remaining,
                authorization,
            } => format!("log in {authorization:?} ({remaining:?})"),
        }
    };
    assert_eq!(next(&s, t0), "send Token a1 (898)");
    assert_eq!(next(&s, t0 + 868), "refresh Some(\"Renew r1\") (Some(30))");
    clock.set(t0 + 870);
    s.accept_refresh(br#"{"data":{"jwt":"a2","ttl":900}}"#, &clock)
        .unwrap();
    assert_eq!(next(&s, t0 + 870), "send Token a2 (898)");
    // The refresh token (1000 s from t0) is gone by the next margin: log in.
    assert_eq!(next(&s, t0 + 1740), "log in Some(\"Token a2\") (Some(28))");
    assert_eq!(next(&s, t0 + 1768), "log in None (None)");
}
