//! Tokens written by others: RFC 7515 Appendix A.1 (HS256 with its JWK key), RFC 7519 §3.1
//! (the same JWT as the JWT spec's example) and §6.1 (its unsecured `alg: none` example),
//! and two real tokens from public API documentation (Infoworks, datarhei Core), whose
//! secrets are unknown: they must parse and decode exactly, and fail only on the signature.

mod hs_support;

use authcore::{
    Algorithm, Audience, Claims, Error, HmacKey, RawToken, Validation, VerifyingKey,
    decode_unverified, peek_header, verify,
};
use hs_support::Fixed;

/// RFC 7515 A.1 / RFC 7519 §3.1.
const RFC_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// The `k` of the RFC 7515 A.1 JWK (`"kty":"oct"`).
const RFC_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
/// The HMAC value listed in RFC 7515 A.1.1, as octets.
const RFC_MAC: [u8; 32] = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_EXP: i64 = 1_300_819_380;

const INFOWORKS: &str = "eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE2MjUwMzc2MTcsInN1YiI6IntcbiAgXCJlbWFpbFwiIDogXCJhZG1pbkBpbmZvd29ya3MuaW9cIixcbiAgXCJzY29wZVwiIDoge1xuICAgIFwiYWN0aW9uXCIgOiBcInJlZnJlc2hfdG9rZW5cIlxuICB9XG59IiwianRpIjoiOTFlZGZkMWYtN2Y5My00NjM0LTg4MjctZTZlYjViYWJmNDJkIiwiZXhwIjoxNjI1MDM4NTE3fQ.aCTMjNebvC2Rf1CrJp_wA0dsozJd-uKpTcdEvDyigSU";
const DATARHEI: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGkiOjYwMCwiZXhwIjoxNjcwNDQxODI1LCJpYXQiOjE2NzA0NDEyMjUsImlzcyI6ImRhdGFyaGVpLWNvcmUiLCJqdGkiOiJhZWU4OTZhNS05ZThhLTRlMGQtYjk4Zi01NTA3NTUwNzA2YzUiLCJzdWIiOiJhZG1pbiIsInVzZWZvciI6ImFjY2VzcyJ9.xrnIfNZU9Z0nrUxYddpPQOMO7ypHA2vuqrYuAr95elg";

fn rfc_key() -> HmacKey {
    let (secret, len) = authcore::base64url::decode_array::<64>(RFC_K.as_bytes()).unwrap();
    assert_eq!(len, 64);
    HmacKey::hs256(&secret[..len]).unwrap()
}

fn decoded(s: &authcore::JsonStr<'_>) -> String {
    let mut buf = vec![0u8; s.decoded_len()];
    s.decode_into(&mut buf).unwrap().to_owned()
}

#[test]
fn rfc7515_a1_verifies_with_its_key() {
    let key = rfc_key();
    let policy = Validation::new(Algorithm::HS256).issuer(&["joe"]);
    let mut buf = [0u8; 256];
    let token = verify(RFC_TOKEN, &key, &policy, RFC_EXP - 1, &mut buf).unwrap();

    // The header is `{"typ":"JWT",\r\n "alg":"HS256"}`: CR LF and a space inside the JSON.
    assert_eq!(token.header().alg, Algorithm::HS256);
    assert!(token.header().typ.unwrap().eq_str("JWT"));
    assert_eq!(token.header().kid, None);
    let claims = token.claims();
    assert_eq!(
        claims.json(),
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
    );
    assert_eq!(claims.exp, Some(RFC_EXP));
    assert!(claims.iss.unwrap().eq_str("joe"));
    assert_eq!(
        claims.get("http://example.com/is_root").unwrap().as_bool(),
        Some(true)
    );
    assert_eq!(
        (claims.nbf, claims.iat, claims.sub, claims.aud),
        (None, None, None, None)
    );
}

#[test]
fn rfc7515_a1_mac_octets() {
    // The MAC the RFC lists, over the signing input it lists, through the key's own check.
    let raw = RawToken::split(RFC_TOKEN, 1024).unwrap();
    assert_eq!(
        raw.signing_input,
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    );
    assert_eq!(hs_support::unb64(raw.signature), RFC_MAC);
    let key = rfc_key();
    assert_eq!(
        key.verify_signature(
            raw.signing_input.as_bytes(),
            hs_support::b64(&RFC_MAC).as_bytes()
        ),
        Ok(())
    );
    let mut other = RFC_MAC;
    other[31] ^= 1;
    assert_eq!(
        key.verify_signature(
            raw.signing_input.as_bytes(),
            hs_support::b64(&other).as_bytes()
        ),
        Err(Error::InvalidSignature)
    );
    // And the `hmac` crate agrees with the RFC.
    let (secret, len) = authcore::base64url::decode_array::<64>(RFC_K.as_bytes()).unwrap();
    assert_eq!(
        hs_support::reference_mac(
            Algorithm::HS256,
            &secret[..len],
            raw.signing_input.as_bytes()
        ),
        RFC_MAC
    );
}

#[test]
fn rfc7519_3_1_example_at_its_boundaries() {
    // RFC 7519 §3.1 uses the same JWT. It expires at 1300819380: `now == exp` is expired.
    let key = rfc_key();
    let policy = Validation::new(Algorithm::HS256);
    let mut buf = [0u8; 256];
    assert!(verify(RFC_TOKEN, &key, &policy, RFC_EXP - 1, &mut buf).is_ok());
    assert_eq!(
        verify(RFC_TOKEN, &key, &policy, RFC_EXP, &mut buf).unwrap_err(),
        Error::Expired
    );
    assert!(verify(RFC_TOKEN, &key, &policy.leeway(1), RFC_EXP, &mut buf).is_ok());
    assert_eq!(
        verify(RFC_TOKEN, &key, &policy.issuer(&["jo"]), 0, &mut buf).unwrap_err(),
        Error::InvalidIssuer
    );
    // Another key of the same algorithm: the signature is the only thing that fails.
    let wrong = HmacKey::hs256(b"not the RFC key").unwrap();
    assert_eq!(
        verify(RFC_TOKEN, &wrong, &policy, 0, &mut buf).unwrap_err(),
        Error::InvalidSignature
    );
    // The same secret pinned to HS512 cannot be used for this HS256 token.
    let (secret, len) = authcore::base64url::decode_array::<64>(RFC_K.as_bytes()).unwrap();
    let hs512 = HmacKey::hs512(&secret[..len]).unwrap();
    assert_eq!(
        verify(
            RFC_TOKEN,
            &hs512,
            &Validation::new(Algorithm::HS512),
            0,
            &mut buf
        )
        .unwrap_err(),
        Error::AlgorithmMismatch {
            expected: Algorithm::HS512,
            found: Algorithm::HS256
        }
    );
}

#[test]
fn rfc7519_6_1_unsecured_jwt_is_refused() {
    // RFC 7519 §6.1 (and RFC 7515 A.5): `{"alg":"none"}`, empty signature.
    let unsecured = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
    let mut buf = [0u8; 256];
    let policy = Validation::new(Algorithm::HS256);
    assert_eq!(
        verify(unsecured, &rfc_key(), &policy, 0, &mut buf).unwrap_err(),
        Error::NoneAlgorithm
    );
    assert_eq!(
        peek_header(unsecured, 1024, &mut buf).unwrap_err(),
        Error::NoneAlgorithm
    );
    assert_eq!(
        decode_unverified(unsecured, 1024, &mut buf).unwrap_err(),
        Error::NoneAlgorithm
    );
}

#[test]
fn infoworks_token_decodes_exactly() {
    let mut buf = [0u8; 512];
    let (header, claims) = decode_unverified(INFOWORKS, 8192, &mut buf).unwrap();
    assert_eq!(header.alg, Algorithm::HS256);
    assert_eq!((header.typ, header.kid, header.cty), (None, None, None));
    assert_eq!(claims.iat, Some(1_625_037_617));
    assert_eq!(claims.exp, Some(1_625_038_517));
    assert_eq!((claims.nbf, claims.iss, claims.aud), (None, None, None));
    assert_eq!(
        decoded(&claims.jti.unwrap()),
        "91edfd1f-7f93-4634-8827-e6eb5babf42d"
    );
    // `sub` is a JSON document inside a string: every `\n` and `\"` decoded.
    let sub = claims.sub.unwrap();
    assert!(sub.is_escaped());
    let want = "{\n  \"email\" : \"admin@infoworks.io\",\n  \"scope\" : {\n    \"action\" : \"refresh_token\"\n  }\n}";
    assert_eq!(decoded(&sub), want);
    assert!(sub.eq_str(want));
    assert_eq!(sub.decoded_len(), want.len());
    // And `Claims::deserialize` decodes it the same way into an owned string.
    #[derive(serde::Deserialize)]
    struct Infoworks {
        sub: Fixed<128>,
        jti: Fixed<36>,
        exp: i64,
    }
    let mut scratch = [0u8; 128];
    let typed: Infoworks = claims.deserialize_escaped(&mut scratch).unwrap();
    assert_eq!(typed.sub.as_str(), want);
    assert_eq!(typed.jti.as_str(), "91edfd1f-7f93-4634-8827-e6eb5babf42d");
    assert_eq!(typed.exp, 1_625_038_517);
    // The borrowed form cannot hold an escaped string: a clear error, not garbage.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Borrowed<'a> {
        sub: &'a str,
    }
    assert_eq!(
        claims.deserialize::<Borrowed<'_>>().unwrap_err(),
        Error::CustomClaims
    );
    // A type that does not read `sub` is not bothered by its escapes.
    #[derive(serde::Deserialize)]
    struct Times<'a> {
        iat: i64,
        exp: i64,
        jti: &'a str,
    }
    let times: Times<'_> = claims.deserialize().unwrap();
    assert_eq!((times.iat, times.exp), (1_625_037_617, 1_625_038_517));
    assert_eq!(times.jti, "91edfd1f-7f93-4634-8827-e6eb5babf42d");
}

#[test]
fn datarhei_token_decodes_exactly() {
    let mut buf = [0u8; 512];
    let (header, claims) = decode_unverified(DATARHEI, 8192, &mut buf).unwrap();
    assert_eq!(header.alg, Algorithm::HS256);
    assert!(header.typ.unwrap().eq_str("JWT"));
    assert_eq!(claims.exp, Some(1_670_441_825));
    assert_eq!(claims.iat, Some(1_670_441_225));
    assert_eq!(claims.nbf, None);
    assert_eq!(claims.iss.unwrap().as_str(), Some("datarhei-core"));
    assert_eq!(claims.sub.unwrap().as_str(), Some("admin"));
    assert_eq!(
        claims.jti.unwrap().as_str(),
        Some("aee896a5-9e8a-4e0d-b98f-5507550706c5")
    );
    assert_eq!(claims.get("exi").unwrap().as_i64(), Some(600));
    assert!(
        claims
            .get("usefor")
            .unwrap()
            .as_json_str()
            .unwrap()
            .eq_str("access")
    );
    #[derive(serde::Deserialize)]
    struct Datarhei<'a> {
        exi: u32,
        usefor: &'a str,
        sub: &'a str,
    }
    let typed: Datarhei<'_> = claims.deserialize().unwrap();
    assert_eq!(
        (typed.exi, typed.usefor, typed.sub),
        (600, "access", "admin")
    );
    assert_eq!(claims.exp.unwrap() - claims.iat.unwrap(), 600);
}

#[test]
fn real_tokens_fail_only_on_the_signature() {
    for (token, iat) in [(INFOWORKS, 1_625_037_617), (DATARHEI, 1_670_441_225)] {
        let now = iat + 1; // within their lifetimes
        for secret in [
            &b"secret"[..],
            b"admin",
            b"datarhei",
            &[0u8; 64],
            &[0x55; 200],
        ] {
            let key = HmacKey::hs256(secret).unwrap();
            let mut buf = [0u8; 512];
            let policy = Validation::new(Algorithm::HS256);
            assert_eq!(
                verify(token, &key, &policy, now, &mut buf).unwrap_err(),
                Error::InvalidSignature
            );
        }
        // Without the signature check the claims pass this policy at that time, so the
        // signature is indeed the only reason.
        let mut buf = [0u8; 512];
        let (_, claims) = decode_unverified(token, 8192, &mut buf).unwrap();
        assert_eq!(
            Validation::new(Algorithm::HS256).check(&claims, iat + 1),
            Ok(())
        );
        assert_eq!(
            Validation::new(Algorithm::HS256).check(&claims, claims.exp.unwrap()),
            Err(Error::Expired)
        );
    }
}

#[test]
fn datarhei_refresh_policy_refuses_the_access_token() {
    // The point of `claim_equals`: a `usefor: access` token where a refresh token is needed.
    let mut buf = [0u8; 512];
    let (_, claims) = decode_unverified(DATARHEI, 8192, &mut buf).unwrap();
    let refresh = Validation::new(Algorithm::HS256)
        .issuer(&["datarhei-core"])
        .claim_equals(&[("usefor", "refresh")]);
    assert_eq!(
        refresh.check(&claims, 1_670_441_300),
        Err(Error::ClaimMismatch)
    );
    let access = refresh.claim_equals(&[("usefor", "access")]);
    assert_eq!(access.check(&claims, 1_670_441_300), Ok(()));
    // No audience in the token: a policy expecting one refuses it as missing.
    let _: Claims<'_> = claims;
    assert_eq!(claims.aud, None::<Audience<'_>>);
    assert_eq!(
        access.audience(&["core"]).check(&claims, 1_670_441_300),
        Err(Error::MissingClaim(authcore::Claim::Aud))
    );
}
