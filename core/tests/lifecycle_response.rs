//! Token responses of every API style and OAuth 2.0, bad responses, and login bodies.

mod lifecycle_support;

use authcore::response::body::{self, Credentials};
use authcore::response::{ResponseFormat, TokenResponse};
use authcore::{ApiError, JsonError, LifecycleError};
use lifecycle_support::check_every_size;
use proptest::prelude::*;

const DATARHEI_ACCESS: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";

fn decoded(s: authcore::JsonStr<'_>) -> String {
    let mut buf = vec![0u8; s.decoded_len()];
    s.decode_into(&mut buf).unwrap().to_owned()
}

#[test]
fn oauth2_rfc6749_section_5_1() {
    let json = br#"{
       "access_token":"2YotnFZFEjr1zCsicMWpAA",
       "token_type":"example",
       "expires_in":3600,
       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
       "example_parameter":"example_value"
     }"#;
    let r = TokenResponse::parse(json, &ResponseFormat::OAUTH2).unwrap();
    assert!(r.access_token.eq_str("2YotnFZFEjr1zCsicMWpAA"));
    assert!(r.refresh_token.unwrap().eq_str("tGzv3JOkF0XG5Qx2TlKWIA"));
    assert!(r.token_type.unwrap().eq_str("example"));
    assert_eq!(r.expires_in, Some(3600));
    assert_eq!(
        (r.refresh_expires_in, r.expires_at_millis, r.scope),
        (None, None, None)
    );
    assert!(r.object().get("example_parameter").is_some());
    // Keycloak-style extras and a string expires_in (Azure AD v1).
    let json = br#"{"access_token":"a","expires_in":"3599","refresh_expires_in":1800,"scope":"openid email","refresh_token":null}"#;
    let r = TokenResponse::parse(json, &ResponseFormat::OAUTH2).unwrap();
    assert_eq!(
        (r.expires_in, r.refresh_expires_in),
        (Some(3599), Some(1800))
    );
    assert!(r.scope.unwrap().eq_str("openid email"));
    assert_eq!(r.refresh_token, None);
    // A fractional lifetime is floored.
    let r = TokenResponse::parse(
        br#"{"access_token":"a","expires_in":59.9}"#,
        &ResponseFormat::OAUTH2,
    )
    .unwrap();
    assert_eq!(r.expires_in, Some(59));
}

#[test]
fn immport_token_or_access_token() {
    let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln";
    let json = format!(r#"{{"status":200,"token":"{jwt}"}}"#);
    let r = TokenResponse::parse(json.as_bytes(), &ResponseFormat::IMMPORT).unwrap();
    assert!(r.access_token.eq_str(jwt));
    let json = format!(r#"{{"status":200,"access_token":"{jwt}"}}"#);
    let r = TokenResponse::parse(json.as_bytes(), &ResponseFormat::IMMPORT).unwrap();
    assert!(r.access_token.eq_str(jwt));
    // Both: the first listed (`token`) wins; a null one falls through to the next.
    let r = TokenResponse::parse(
        br#"{"token":"a","access_token":"b"}"#,
        &ResponseFormat::IMMPORT,
    )
    .unwrap();
    assert!(r.access_token.eq_str("a"));
    let r = TokenResponse::parse(
        br#"{"token":null,"access_token":"b"}"#,
        &ResponseFormat::IMMPORT,
    )
    .unwrap();
    assert!(r.access_token.eq_str("b"));
    assert_eq!(
        TokenResponse::parse(
            br#"{"status":401,"message":"bad"}"#,
            &ResponseFormat::IMMPORT
        ),
        Err(LifecycleError::ErrorResponse(ApiError::new(Some(401))))
    );
}

/// ImmPort reports its refusals in `status`: one other than 2xx is a refusal carrying it,
/// whatever else the body holds; an error code comes along when there is one.
#[test]
fn immport_status_refusals() {
    let f = &ResponseFormat::IMMPORT;
    for (text, status) in [
        (&br#"{"status":401}"#[..], 401),
        (br#"{"status":403,"token":"t"}"#, 403),
        (br#"{"status":"500","message":"x"}"#, 500),
        (br#"{"status":199,"token":"t"}"#, 199),
    ] {
        let e = TokenResponse::parse(text, f).unwrap_err();
        assert_eq!(
            e,
            LifecycleError::ErrorResponse(ApiError::new(Some(status)))
        );
        let LifecycleError::ErrorResponse(api) = e else {
            unreachable!()
        };
        assert_eq!(api.status, Some(status));
        assert_eq!(api.code(), None);
        assert_eq!(
            e.to_string(),
            format!("the server refused: status {status}")
        );
    }
    let e = TokenResponse::parse(br#"{"status":400,"error":"invalid_request"}"#, f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the server refused: status 400, error invalid_request"
    );
    // A 2xx status with no token is a missing token, named by its first path.
    assert_eq!(
        TokenResponse::parse(br#"{"status":200}"#, f),
        Err(LifecycleError::MissingField("token"))
    );
    let r = TokenResponse::parse(br#"{"status":201,"token":"t"}"#, f).unwrap();
    assert!(r.access_token.eq_str("t"));
    // A status that is no status code is a wrong type, named.
    for text in [
        &br#"{"status":"ok","token":"t"}"#[..],
        br#"{"status":70000,"token":"t"}"#,
        br#"{"status":true,"token":"t"}"#,
    ] {
        assert_eq!(
            TokenResponse::parse(text, f),
            Err(LifecycleError::WrongFieldType("status"))
        );
    }
    assert_eq!(
        TokenResponse::parse(br#"{"status":-1,"token":"t"}"#, f),
        Err(LifecycleError::WrongFieldType("status"))
    );
}

/// OAuth 2.0 error bodies (RFC 6749 §5.2, its own example): a refusal with the code; the
/// description is read from the body.
#[test]
fn oauth2_error_body() {
    use authcore::response::error_body;
    let text = br#"{"error":"invalid_request","error_description":"Bad \"grant\"","error_uri":"https://e.example/x"}"#;
    let e = TokenResponse::parse(text, &ResponseFormat::OAUTH2).unwrap_err();
    let LifecycleError::ErrorResponse(api) = e else {
        panic!("{e:?}")
    };
    assert_eq!((api.status, api.code()), (None, Some("invalid_request")));
    let body = error_body(text).unwrap();
    assert_eq!(body.status, None);
    assert!(body.error.unwrap().eq_str("invalid_request"));
    assert!(body.description.unwrap().eq_str("Bad \"grant\""));
    // A long code is cut at a character boundary; controls are shown as `?`.
    let long = format!(
        r#"{{"error":"{}é\u0007x"}}"#,
        "a".repeat(ApiError::CODE_MAX - 3)
    );
    let LifecycleError::ErrorResponse(api) =
        TokenResponse::parse(long.as_bytes(), &ResponseFormat::OAUTH2).unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        api.code().unwrap(),
        format!("{}é?", "a".repeat(ApiError::CODE_MAX - 3))
    );
    // An `error` that is no string still refuses; so does an empty one.
    for text in [&br#"{"error":5}"#[..], br#"{"error":""}"#] {
        assert_eq!(
            TokenResponse::parse(text, &ResponseFormat::OAUTH2),
            Err(LifecycleError::ErrorResponse(ApiError::new(None)))
        );
    }
    // `error_body` reads what has its type, and refuses only bad JSON or repeated names.
    let b = error_body(br#"{"status":401,"error":7}"#).unwrap();
    assert_eq!((b.status, b.error, b.description), (Some(401), None, None));
    assert_eq!(
        error_body(br#"{"error":"a","error":"b"}"#),
        Err(LifecycleError::ResponseJson(JsonError::DuplicateKey))
    );
    assert!(matches!(
        error_body(b"[1]"),
        Err(LifecycleError::ResponseJson(_))
    ));
}

/// Infoworks' validate answer (`GET /v3/security/token/validate`).
#[test]
fn infoworks_validate_reader() {
    use authcore::response::infoworks_valid;
    assert_eq!(
        infoworks_valid(br#"{"result":{"is_valid":true}}"#),
        Ok(true)
    );
    assert_eq!(
        infoworks_valid(br#"{"message":"x","result":{"is_valid":false}}"#),
        Ok(false)
    );
    let bad: &[(&[u8], LifecycleError)] = &[
        (
            br#"{"result":{}}"#,
            LifecycleError::MissingField("result.is_valid"),
        ),
        (br#"{}"#, LifecycleError::MissingField("result.is_valid")),
        (
            br#"{"result":{"is_valid":null}}"#,
            LifecycleError::WrongFieldType("result.is_valid"),
        ),
        (
            br#"{"result":{"is_valid":"true"}}"#,
            LifecycleError::WrongFieldType("result.is_valid"),
        ),
        (
            br#"{"result":true}"#,
            LifecycleError::WrongFieldType("result"),
        ),
        (
            br#"{"result":{"is_valid":true,"is_valid":false}}"#,
            LifecycleError::ResponseJson(JsonError::DuplicateKey),
        ),
        (
            br#"{"error":"invalid_token"}"#,
            LifecycleError::ErrorResponse(ApiError::new(None).with_code("invalid_token".chars())),
        ),
        (
            b"true",
            LifecycleError::ResponseJson(JsonError::NotAnObject),
        ),
    ];
    for (text, want) in bad {
        assert_eq!(
            infoworks_valid(text),
            Err(*want),
            "{}",
            String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn infoworks_nested_result() {
    let json = br#"{"message":"Authentication successful","result":{"authentication_token":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDM2MDB9.c2ln","is_authenticated":true,"user_id":"a1b2"}}"#;
    let r = TokenResponse::parse(json, &ResponseFormat::INFOWORKS).unwrap();
    assert!(
        r.access_token
            .eq_str("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDM2MDB9.c2ln")
    );
    let f = &ResponseFormat::INFOWORKS;
    assert_eq!(
        TokenResponse::parse(br#"{"message":"x","result":{"is_authenticated":false}}"#, f),
        Err(LifecycleError::MissingField("result.authentication_token"))
    );
    assert_eq!(
        TokenResponse::parse(br#"{"result":"oops"}"#, f),
        Err(LifecycleError::WrongFieldType("result"))
    );
    assert_eq!(
        TokenResponse::parse(br#"{"result":{"authentication_token":42}}"#, f),
        Err(LifecycleError::WrongFieldType(
            "result.authentication_token"
        ))
    );
    assert_eq!(
        TokenResponse::parse(
            br#"{"result":{"authentication_token":"a","authentication_token":"b"}}"#,
            f
        ),
        Err(LifecycleError::ResponseJson(JsonError::DuplicateKey))
    );
}

/// Member names with dots: a path led by `/` splits on `/` instead.
#[test]
fn slash_paths_reach_names_with_dots() {
    use authcore::response::Field;
    const DOTTED_NAMES: ResponseFormat = ResponseFormat::new(&[
        (Field::AccessToken, "/result/auth.token"),
        (Field::ExpiresIn, "/ttl.s"),
    ]);
    const DOTS: ResponseFormat = ResponseFormat::new(&[(Field::AccessToken, "result.auth.token")]);
    let json = br#"{"result":{"auth.token":"t","auth":{"token":"nested"}},"ttl.s":60}"#;
    let r = TokenResponse::parse(json, &DOTTED_NAMES).unwrap();
    assert!(r.access_token.eq_str("t"));
    assert_eq!(r.expires_in, Some(60));
    // The same text as a dotted path walks `result`, `auth`, `token`.
    let r = TokenResponse::parse(json, &DOTS).unwrap();
    assert!(r.access_token.eq_str("nested"));
    // Errors name the path as the format writes it, up to the member at fault.
    assert_eq!(
        TokenResponse::parse(br#"{"result":{}}"#, &DOTTED_NAMES),
        Err(LifecycleError::MissingField("/result/auth.token"))
    );
    assert_eq!(
        TokenResponse::parse(br#"{"result":{"auth.token":1}}"#, &DOTTED_NAMES),
        Err(LifecycleError::WrongFieldType("/result/auth.token"))
    );
    assert_eq!(
        TokenResponse::parse(br#"{"result":[]}"#, &DOTTED_NAMES),
        Err(LifecycleError::WrongFieldType("/result"))
    );
    assert_eq!(
        TokenResponse::parse(br#"{"result":{"auth":7}}"#, &DOTS),
        Err(LifecycleError::WrongFieldType("result.auth"))
    );
    assert_eq!(
        TokenResponse::parse(br#"{"result":{}}"#, &DOTS)
            .unwrap_err()
            .to_string(),
        "token response has no result.auth.token"
    );
}

#[test]
fn aria_validity_millis() {
    let json = br#"{"token":"8f868cca-27cc-43d6-a838-c5467e73ec45::77cea9b2-1e87-490e-b626-e878beeaa23b","validity":1700021600999,"expiresAt":"Wednesday, November 15, 2023 4:13:20 AM UTC","roles":[]}"#;
    let r = TokenResponse::parse(json, &ResponseFormat::ARIA).unwrap();
    assert_eq!(r.expires_at_millis, Some(1_700_021_600_999));
    assert!(r.object().get("roles").is_some());
    for (bad, want) in [
        (
            &br#"{"token":"t","validity":-1}"#[..],
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"token":"t","validity":1e300}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"token":"t","validity":99999999999999999999}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"token":"t","validity":253402300800000}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"token":"t","validity":"soon"}"#,
            LifecycleError::WrongFieldType("validity"),
        ),
        (
            br#"{"token":"t","validity":"-5"}"#,
            LifecycleError::WrongFieldType("validity"),
        ),
        (
            br#"{"token":"t","validity":true}"#,
            LifecycleError::WrongFieldType("validity"),
        ),
        (
            br#"{"token":"t","validity":[1]}"#,
            LifecycleError::WrongFieldType("validity"),
        ),
    ] {
        assert_eq!(
            TokenResponse::parse(bad, &ResponseFormat::ARIA),
            Err(want),
            "{:?}",
            std::str::from_utf8(bad)
        );
    }
}

#[test]
fn datarhei_access_and_refresh() {
    let json = format!(r#"{{"access_token":"{DATARHEI_ACCESS}","refresh_token":"r.e.f"}}"#);
    let r = TokenResponse::parse(json.as_bytes(), &ResponseFormat::DATARHEI).unwrap();
    assert!(r.access_token.eq_str(DATARHEI_ACCESS));
    assert!(r.refresh_token.unwrap().eq_str("r.e.f"));
    assert_eq!(r.expires_in, None);
}

#[test]
fn bluecat_date_time_and_ready_made_credentials() {
    let json = br#"{"id":4,"type":"UserSession","apiToken":"yAb\/uu1TNjVO9Ip7SNH6cn9Zqu\/I+B9Kkfup4eVQ","apiTokenExpirationDateTime":"2023-01-21T21:40:48Z","basicAuthenticationCredentials":"YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ==","state":"LOGGED_IN","remoteAddress":"192.168.1.10","readOnly":false,"loginDateTime":"2023-01-20T21:40:48Z","logoutDateTime":null,"response":null,"user":{"id":3,"type":"User","name":"admin","_links":{"self":{"href":"\/api\/v2\/users\/3"}}},"_links":{"self":{"href":"\/api\/v2\/sessions\/4"}}}"#;
    let r = TokenResponse::parse(json, &ResponseFormat::BLUECAT).unwrap();
    // Escaped `\/` decodes; the raw text keeps it.
    assert!(r.access_token.is_escaped());
    assert_eq!(
        decoded(r.access_token),
        "yAb/uu1TNjVO9Ip7SNH6cn9Zqu/I+B9Kkfup4eVQ"
    );
    assert_eq!(r.expires_at_millis, Some(1_674_337_248_000));
    assert_eq!(
        decoded(r.basic_credentials.unwrap()),
        "YWRtaW46eUFiL3V1MVROalZPOUlwN1NOSDZjbjlacXUvSStCOUtrZnVwNGVWUQ=="
    );
    let f = &ResponseFormat::BLUECAT;
    for (bad, want) in [
        (
            &br#"{"apiToken":"t","apiTokenExpirationDateTime":"2023-02-30T21:40:48Z"}"#[..],
            LifecycleError::DateTime(authcore::lifetime::DateTimeError::Day),
        ),
        (
            br#"{"apiToken":"t","apiTokenExpirationDateTime":"2023-01-21T24:00:00Z"}"#,
            LifecycleError::DateTime(authcore::lifetime::DateTimeError::Hour),
        ),
        (
            br#"{"apiToken":"t","apiTokenExpirationDateTime":"2023-13-21T21:40:48Z"}"#,
            LifecycleError::DateTime(authcore::lifetime::DateTimeError::Month),
        ),
        (
            br#"{"apiToken":"t","apiTokenExpirationDateTime":"1969-12-31T23:59:59Z"}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"apiToken":"t","apiTokenExpirationDateTime":1674337248}"#,
            LifecycleError::WrongFieldType("apiTokenExpirationDateTime"),
        ),
        (
            br#"{"apiToken":"t","basicAuthenticationCredentials":false}"#,
            LifecycleError::WrongFieldType("basicAuthenticationCredentials"),
        ),
    ] {
        assert_eq!(
            TokenResponse::parse(bad, f),
            Err(want),
            "{:?}",
            std::str::from_utf8(bad)
        );
    }
    // An escaped `+` in the offset still parses.
    let r = TokenResponse::parse(
        br#"{"apiToken":"t","apiTokenExpirationDateTime":"2023-01-21T22:40:48\u002B01:00"}"#,
        f,
    )
    .unwrap();
    assert_eq!(r.expires_at_millis, Some(1_674_337_248_000));
}

#[test]
fn bad_responses_give_specific_errors() {
    let f = &ResponseFormat::OAUTH2;
    let cases: &[(&[u8], LifecycleError)] = &[
        (
            b"",
            LifecycleError::ResponseJson(JsonError::Syntax { offset: 0 }),
        ),
        (
            b"<html>502 Bad Gateway</html>",
            LifecycleError::ResponseJson(JsonError::Syntax { offset: 0 }),
        ),
        (
            br#"{"access_token":"a""#,
            LifecycleError::ResponseJson(JsonError::Syntax { offset: 19 }),
        ),
        (
            br#"["access_token"]"#,
            LifecycleError::ResponseJson(JsonError::NotAnObject),
        ),
        (
            br#"{"access_token":"a"} x"#,
            LifecycleError::ResponseJson(JsonError::TrailingData),
        ),
        (
            b"{\"access_token\":\"\xff\"}",
            LifecycleError::ResponseJson(JsonError::Utf8),
        ),
        (
            br#"{"access_token":"a","access_token":"b"}"#,
            LifecycleError::ResponseJson(JsonError::DuplicateKey),
        ),
        (br#"{}"#, LifecycleError::MissingField("access_token")),
        (
            br#"{"token_type":"Bearer"}"#,
            LifecycleError::MissingField("access_token"),
        ),
        (
            br#"{"access_token":null}"#,
            LifecycleError::WrongFieldType("access_token"),
        ),
        (
            br#"{"access_token":123}"#,
            LifecycleError::WrongFieldType("access_token"),
        ),
        (
            br#"{"access_token":{"value":"a"}}"#,
            LifecycleError::WrongFieldType("access_token"),
        ),
        (
            br#"{"access_token":["a"]}"#,
            LifecycleError::WrongFieldType("access_token"),
        ),
        (
            br#"{"access_token":"a","refresh_token":1}"#,
            LifecycleError::WrongFieldType("refresh_token"),
        ),
        (
            br#"{"access_token":"a","token_type":true}"#,
            LifecycleError::WrongFieldType("token_type"),
        ),
        (
            br#"{"access_token":"a","expires_in":"1h"}"#,
            LifecycleError::WrongFieldType("expires_in"),
        ),
        (
            br#"{"access_token":"a","expires_in":""}"#,
            LifecycleError::WrongFieldType("expires_in"),
        ),
        (
            br#"{"access_token":"a","expires_in":-1}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"access_token":"a","expires_in":-0.5}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"access_token":"a","expires_in":9223372036854775807}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"access_token":"a","expires_in":"99999999999999999999"}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"access_token":"a","expires_in":1e19}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"access_token":"a","refresh_expires_in":-5}"#,
            LifecycleError::ExpiryOutOfRange,
        ),
        (
            br#"{"error":"invalid_grant","error_description":"Bad credentials"}"#,
            LifecycleError::ErrorResponse(ApiError::new(None).with_code("invalid_grant".chars())),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(
            TokenResponse::parse(text, f),
            Err(*want),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
}

proptest! {
    #[test]
    fn parse_never_panics(s in "\\PC{0,80}") {
        for f in [ResponseFormat::OAUTH2, ResponseFormat::INFOWORKS, ResponseFormat::BLUECAT, ResponseFormat::ARIA] {
            let _ = TokenResponse::parse(s.as_bytes(), &f);
        }
    }

    #[test]
    fn parse_never_panics_on_near_responses(
        v in prop_oneof![Just("\"x\"".to_owned()), Just("null".to_owned()), "-?[0-9]{0,25}(\\.[0-9]{0,3})?(e[0-9]{0,3})?", "\"[0-9T:Z+.-]{0,30}\""]
    ) {
        for key in ["expires_in", "validity", "apiTokenExpirationDateTime", "access_token"] {
            let text = format!(r#"{{"access_token":"a","apiToken":"a","token":"a","{key}":{v}}}"#);
            for f in [ResponseFormat::OAUTH2, ResponseFormat::BLUECAT, ResponseFormat::ARIA] {
                let _ = TokenResponse::parse(text.as_bytes(), &f);
            }
        }
    }
}

#[test]
fn json_login_bodies_escape_everything_serde_json_reads_back() {
    let creds = Credentials::new("admin", "p\u{e4}\"\\\n\t\u{1}\u{7f}\u{2028}\u{1F600}/");
    let want = "{\"username\":\"admin\",\"password\":\"p\u{e4}\\\"\\\\\\n\\t\\u0001\\u007f\\u2028\u{1F600}/\"}";
    check_every_size(want, |b| body::json_login(&creds, b));
    let v: serde_json::Value = serde_json::from_str(want).unwrap();
    assert_eq!(v["password"], creds.password);
    // Aria's authSource.
    let creds = Credentials {
        auth_source: Some("LDAP \"corp\""),
        ..Credentials::new("jdoe", "s3cr3t")
    };
    let want = r#"{"username":"jdoe","password":"s3cr3t","authSource":"LDAP \"corp\""}"#;
    check_every_size(want, |b| body::json_login(&creds, b));
    // Every control character and a few specials read back exactly.
    let all: String = (0u32..0x80)
        .chain([0xa0, 0x2028, 0x2029, 0xfeff, 0x10ffff])
        .filter_map(char::from_u32)
        .collect();
    let mut buf = vec![0u8; 1024];
    let text = body::json_object(&[("k\"ey", Some(&all)), ("skip", None)], &mut buf).unwrap();
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v, serde_json::json!({ "k\"ey": all }));
    assert!(!text.bytes().any(|b| b < 0x20 || b == 0x7f));
    check_every_size("{}", |b| body::json_object(&[("a", None)], b));
    // Debug never shows the password.
    assert!(!format!("{creds:?}").contains("s3cr3t"));
}

/// An independent decoder for application/x-www-form-urlencoded.
fn form_decode(s: &str) -> Vec<(String, String)> {
    let dec = |t: &str| {
        let b = t.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    out.push(u8::from_str_radix(&t[i + 1..i + 3], 16).unwrap());
                    i += 2;
                }
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    };
    s.split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (dec(k), dec(v))
        })
        .collect()
}

#[test]
fn form_bodies_percent_encode() {
    let creds = Credentials::new("j\u{f6}hn doe", "p@ss w&rd=+%/~*-._\n");
    let want = "grant_type=password&username=j%C3%B6hn+doe&password=p%40ss+w%26rd%3D%2B%25%2F%7E*-._%0A&scope=openid+profile&client_id=cli";
    check_every_size(want, |b| {
        body::oauth_password_grant(&creds, Some("openid profile"), Some("cli"), b)
    });
    assert_eq!(
        form_decode(want)[2],
        ("password".to_owned(), creds.password.to_owned())
    );
    check_every_size(
        "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA",
        |b| body::oauth_refresh_grant("tGzv3JOkF0XG5Qx2TlKWIA", None, None, b),
    );
    check_every_size("username=admin&password=a%26b", |b| {
        body::form_login(&Credentials::new("admin", "a&b"), b)
    });
    check_every_size("", |b| body::form(&[], b));
}

proptest! {
    #[test]
    fn form_round_trips(k in "\\PC{1,20}", v in "\\PC{0,40}") {
        let mut buf = vec![0u8; 1024];
        let text = body::form(&[(&k, Some(&v)), ("x", Some("y"))], &mut buf).unwrap();
        prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-._+%&=".contains(&b)));
        prop_assert_eq!(form_decode(text), vec![(k.clone(), v.clone()), ("x".to_owned(), "y".to_owned())]);
    }

    #[test]
    fn json_round_trips(v in "\\PC{0,40}|[\\x00-\\x1f\"\\\\]{0,10}") {
        let mut buf = vec![0u8; 1024];
        let creds = Credentials::new("u", &v);
        let text = body::json_login(&creds, &mut buf).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(text).unwrap();
        prop_assert_eq!(parsed["password"].as_str(), Some(v.as_str()));
    }
}
