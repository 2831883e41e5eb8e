//! Authorization header values: formatting (every style, every buffer size, injection
//! attempts) and parsing.

mod lifecycle_support;

use authcore::LifecycleError;
use authcore::authz::{self, Authorization, HeaderStyle};
use base64::Engine;
use lifecycle_support::check_every_size;
use proptest::prelude::*;

const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";
const OPS: &str = "8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b";

#[test]
fn every_style_at_every_buffer_size() {
    check_every_size(&format!("Bearer {JWT}"), |b| authz::bearer(JWT, b));
    check_every_size(&format!("Bearer {JWT}"), |b| {
        authz::format(HeaderStyle::Bearer, JWT, b)
    });
    check_every_size(&format!("bearer {JWT}"), |b| {
        authz::format(HeaderStyle::LowerBearer, JWT, b)
    });
    check_every_size(JWT, |b| authz::format(HeaderStyle::Bare, JWT, b));
    check_every_size(JWT, |b| authz::bare(JWT, b));
    check_every_size(&format!("OpsToken {OPS}"), |b| {
        authz::format(HeaderStyle::Custom("OpsToken"), OPS, b)
    });
    check_every_size(&format!("vRealizeOpsToken {OPS}"), |b| {
        authz::with_scheme("vRealizeOpsToken", OPS, b)
    });
    check_every_size("Basic YXBpOnRva2Vu", |b| {
        authz::format(HeaderStyle::BasicReadyMade, "YXBpOnRva2Vu", b)
    });
    // RFC 7617 §2 and §2.1 examples.
    check_every_size("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", |b| {
        authz::basic("Aladdin", "open sesame", b)
    });
    check_every_size("Basic dGVzdDoxMjPCow==", |b| {
        authz::basic("test", "123\u{a3}", b)
    });
}

#[test]
fn by_value_matches_the_buffer_form() {
    let styles = [
        (HeaderStyle::Bearer, JWT),
        (HeaderStyle::LowerBearer, JWT),
        (HeaderStyle::Bare, JWT),
        (HeaderStyle::Custom("OpsToken"), OPS),
        (HeaderStyle::BasicReadyMade, "YXBpOnRva2Vu"),
    ];
    for (style, token) in styles {
        let mut buf = [0u8; 512];
        let expected = authz::format(style, token, &mut buf).unwrap();
        let value = authz::format_value::<512>(style, token).unwrap();
        assert_eq!(value.as_str(), expected, "{style:?}");
    }
    // Exactly the length fits; one byte less is refused with the exact size needed.
    const FULL: usize = JWT.len() + "Bearer ".len();
    let exact = authz::format_value::<FULL>(HeaderStyle::Bearer, JWT).unwrap();
    assert_eq!(exact.as_str(), format!("Bearer {JWT}"));
    assert_eq!(
        authz::format_value::<{ FULL - 1 }>(HeaderStyle::Bearer, JWT).map(|v| v.len()),
        Err(LifecycleError::BufferTooSmall { needed: FULL })
    );
    // The same refusals as the buffer form.
    assert_eq!(
        authz::format_value::<64>(HeaderStyle::Bearer, "a b").map(|v| v.len()),
        Err(LifecycleError::InvalidTokenSyntax)
    );
    assert_eq!(
        authz::format_value::<64>(HeaderStyle::Custom("Ops"), "a\r\nX-Evil: 1").map(|v| v.len()),
        Err(LifecycleError::ControlCharacter)
    );
}

#[test]
fn basic_matches_the_base64_crate() {
    let engine = base64::engine::general_purpose::STANDARD;
    for (user, pass) in [
        ("", ""),
        ("a", ""),
        ("", "b"),
        ("admin", "p\u{e4}ssw\u{f6}rd \u{1F512}:with:colons"),
        ("user@example.com", "x"),
        ("ab", "cd"),
        ("abc", "de"),
    ] {
        let want = format!("Basic {}", engine.encode(format!("{user}:{pass}")));
        check_every_size(&want, |b| authz::basic(user, pass, b));
        // And back through the parser.
        let Authorization::Basic(c) = Authorization::parse(&want).unwrap() else {
            panic!("{want}")
        };
        let mut buf = [0u8; 128];
        assert_eq!(c.decode(&mut buf), Ok((user, pass)));
    }
}

#[test]
fn refuses_injection_and_bad_syntax() {
    let mut buf = [0u8; 256];
    for bad in [
        "tok\r\nX-Evil: 1",
        "tok\n",
        "tok\r",
        "t\0k",
        "t\tk",
        "t\u{7f}k",
    ] {
        for style in [
            HeaderStyle::Bearer,
            HeaderStyle::LowerBearer,
            HeaderStyle::Bare,
            HeaderStyle::BasicReadyMade,
            HeaderStyle::Custom("OpsToken"),
        ] {
            assert_eq!(
                authz::format(style, bad, &mut buf),
                Err(LifecycleError::ControlCharacter),
                "{style:?} {bad:?}"
            );
        }
        assert_eq!(
            authz::basic(bad, "p", &mut buf),
            Err(LifecycleError::ControlCharacter)
        );
        assert_eq!(
            authz::basic("u", bad, &mut buf),
            Err(LifecycleError::ControlCharacter)
        );
        assert_eq!(
            authz::with_scheme(bad, "tok", &mut buf),
            Err(LifecycleError::ControlCharacter)
        );
    }
    assert_eq!(
        authz::basic("u", "p\u{85}", &mut buf),
        Err(LifecycleError::ControlCharacter)
    );
    // b64token: no spaces, no `::`, no non-ASCII, `=` only at the end, not empty.
    for bad in ["", "a b", OPS, "a=b", "=", "t\u{f6}k", "a,b", "a\"b"] {
        assert_eq!(
            authz::bearer(bad, &mut buf),
            Err(LifecycleError::InvalidTokenSyntax),
            "{bad:?}"
        );
        assert_eq!(
            authz::basic_ready_made(bad, &mut buf),
            Err(LifecycleError::InvalidTokenSyntax)
        );
    }
    for good in ["a", "a==", "A-._~+/9", "abc="] {
        assert!(authz::bearer(good, &mut buf).is_ok(), "{good}");
    }
    // Custom schemes and bare tokens: visible ASCII, no space.
    for bad in ["", "a b", "t\u{f6}k"] {
        assert_eq!(
            authz::bare(bad, &mut buf),
            Err(LifecycleError::InvalidTokenSyntax)
        );
        assert_eq!(
            authz::with_scheme("OpsToken", bad, &mut buf),
            Err(LifecycleError::InvalidTokenSyntax)
        );
    }
    for bad_scheme in ["", "Ops Token", "Ops:Token", "Öps"] {
        assert_eq!(
            authz::with_scheme(bad_scheme, "t", &mut buf),
            Err(LifecycleError::InvalidTokenSyntax)
        );
    }
    assert_eq!(
        authz::basic("us:er", "p", &mut buf),
        Err(LifecycleError::ColonInUserId)
    );
    // Errors leave the buffer alone.
    let mut sentinel = [0xA5u8; 64];
    let _ = authz::bearer("a b", &mut sentinel);
    let _ = authz::basic("a:b", "c", &mut sentinel);
    assert!(sentinel.iter().all(|&b| b == 0xA5));
}

#[test]
fn parses_header_values() {
    assert_eq!(
        Authorization::parse(&format!("Bearer {JWT}")),
        Ok(Authorization::Bearer(JWT))
    );
    assert_eq!(
        Authorization::parse("  bEaReR   mF_9.B5f-4.1JqM \t"),
        Ok(Authorization::Bearer("mF_9.B5f-4.1JqM"))
    );
    assert_eq!(
        Authorization::parse(&format!("OpsToken {OPS}")),
        Ok(Authorization::Other {
            scheme: "OpsToken",
            credentials: OPS
        })
    );
    assert_eq!(
        Authorization::parse("Digest username=\"Mufasa\", realm=\"x\""),
        Ok(Authorization::Other {
            scheme: "Digest",
            credentials: "username=\"Mufasa\", realm=\"x\""
        })
    );
    assert_eq!(
        Authorization::parse("Negotiate"),
        Ok(Authorization::Other {
            scheme: "Negotiate",
            credentials: ""
        })
    );
    let Ok(Authorization::Basic(c)) = Authorization::parse("BASIC QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    else {
        panic!()
    };
    assert_eq!(c.encoded(), "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    // Decoding needs exactly 19 bytes ("Aladdin:open sesame").
    for n in 0..19 {
        let mut buf = vec![0u8; n];
        assert_eq!(
            c.decode(&mut buf),
            Err(LifecycleError::BufferTooSmall { needed: 19 })
        );
    }
    let mut buf = [0u8; 19];
    assert_eq!(c.decode(&mut buf), Ok(("Aladdin", "open sesame")));
    // The password may hold colons; the user id ends at the first.
    let Ok(Authorization::Basic(c)) = Authorization::parse("Basic dTpwOnE=") else {
        panic!()
    };
    assert_eq!(c.decode(&mut [0u8; 8]), Ok(("u", "p:q")));
}

#[test]
fn refuses_malformed_header_values() {
    let m = Err(LifecycleError::MalformedAuthorization);
    for bad in [
        "",
        "   ",
        "Bearer",
        "Bearer ",
        "Bearer a b",
        "Bearer a,b",
        "Basic",
        "Basic !!!!",
        "Be@rer x",
        "\u{e9}t\u{e9} x",
        ",Bearer x",
    ] {
        assert_eq!(Authorization::parse(bad).map(|_| ()), m, "{bad:?}");
    }
    for bad in [
        "Bearer a\r\nX: y",
        "Bearer \0",
        "Basic a\nb",
        "Negotiate \u{7f}",
    ] {
        assert_eq!(
            Authorization::parse(bad).map(|_| ()),
            Err(LifecycleError::ControlCharacter),
            "{bad:?}"
        );
    }
    let mut buf = [0u8; 64];
    let decode = |v: &str, buf: &mut [u8]| match Authorization::parse(v) {
        Ok(Authorization::Basic(c)) => c.decode(buf).map(|(u, p)| (u.len(), p.len())),
        other => panic!("{other:?}"),
    };
    // No colon; not UTF-8; control characters; bad padding; bad length.
    assert_eq!(decode("Basic YWJj", &mut buf), m.map(|()| (0, 0)));
    assert_eq!(decode("Basic /w==", &mut buf), m.map(|()| (0, 0)));
    assert_eq!(
        decode("Basic YTpiCg==", &mut buf),
        Err(LifecycleError::ControlCharacter)
    );
    assert_eq!(decode("Basic YWJj=", &mut buf), m.map(|()| (0, 0)));
    assert_eq!(Authorization::parse("Basic YQ=a").map(|_| ()), m);
    assert_eq!(decode("Basic YR==", &mut buf), m.map(|()| (0, 0)));
}

/// Any text parses without a panic, and every `Basic` value decodes without one. The inputs
/// include schemes followed by base64-shaped text and valid credentials, so that `Basic`
/// values (decodable and not) are reached: arbitrary text alone almost never is one.
#[test]
fn parse_never_panics() {
    use proptest::test_runner::{Config, TestRunner};
    use std::cell::Cell;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let strategy = prop_oneof![
        "\\PC{0,60}",
        (
            "(Basic|basic|BASIC|Bearer|bearer) {0,2}",
            "[A-Za-z0-9+/=:. -]{0,40}"
        )
            .prop_map(|(scheme, rest)| scheme + &rest),
        prop::collection::vec(any::<u8>(), 0..40).prop_map(move |b| format!("Basic {}", b64(&b))),
        ("\\PC{0,20}", "\\PC{0,20}")
            .prop_map(move |(u, p)| format!("Basic {}", b64(format!("{u}:{p}").as_bytes()))),
    ];
    let (basic, decoded) = (Cell::new(0), Cell::new(0));
    // No failure file: this runner is not the `proptest!` macro's, which knows its source.
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let cases = config.cases;
    TestRunner::new(config)
        .run(&strategy, |s| {
            if let Ok(Authorization::Basic(c)) = Authorization::parse(&s) {
                basic.set(basic.get() + 1);
                if c.decode(&mut [0u8; 64]).is_ok() {
                    decoded.set(decoded.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap();
    println!(
        "{} Basic values ({} decoded) in {cases} cases",
        basic.get(),
        decoded.get()
    );
    assert!(
        basic.get() >= cases / 8 && decoded.get() >= cases / 16,
        "{} Basic values ({} decoded) in {cases} cases",
        basic.get(),
        decoded.get()
    );
}

proptest! {

    #[test]
    fn bearer_round_trips(t in "[A-Za-z0-9._~+/-]{1,80}={0,2}") {
        let mut buf = [0u8; 100];
        let h = authz::bearer(&t, &mut buf).unwrap();
        prop_assert_eq!(Authorization::parse(h), Ok(Authorization::Bearer(&t)));
    }

    #[test]
    fn basic_round_trips(u in "[^:\\p{Cc}]{0,20}", p in "[^\\p{Cc}]{0,20}") {
        let mut buf = [0u8; 256];
        let h = authz::basic(&u, &p, &mut buf).unwrap().to_owned();
        let Ok(Authorization::Basic(c)) = Authorization::parse(&h) else { panic!() };
        let mut out = [0u8; 256];
        prop_assert_eq!(c.decode(&mut out), Ok((u.as_str(), p.as_str())));
    }
}
