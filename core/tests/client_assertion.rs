//! RFC 7523 client assertions: the claims read back by `jsonwebtoken` and by authcore's
//! verifier, escaping, the refusals, the buffer rules, and the token-request bodies to the
//! byte.

use authcore::client_assertion::{
    ASSERTION_TYPE, ClientAssertion, client_credentials_body, token_request_body,
};
use authcore::{Algorithm, Claim, Error, HmacKey, LifecycleError, Validation, verify};

const SECRET: &[u8] = b"a client secret of at least 32 bytes";
const TOKEN_URL: &str = "https://server.example.com/token";

fn hs256() -> HmacKey {
    HmacKey::hs256(SECRET).unwrap()
}

fn claims_of(token: &str) -> serde_json::Value {
    let key = jsonwebtoken::DecodingKey::from_secret(SECRET);
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    v.validate_exp = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    jsonwebtoken::decode::<serde_json::Value>(token, &key, &v)
        .unwrap()
        .claims
}

/// Every claim, as jsonwebtoken reads it, in the order written.
#[test]
fn claims_read_back() {
    let assertion =
        ClientAssertion::new("s6BhdRkqt3", TOKEN_URL, 1_700_000_000, 1_700_000_300).jti("id-1");
    let mut out = [0u8; 512];
    let token = assertion.sign(&hs256(), Some("kid-1"), &mut out).unwrap();
    let payload = token.split('.').nth(1).unwrap();
    let json =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload).unwrap();
    assert_eq!(
        std::str::from_utf8(&json).unwrap(),
        r#"{"iss":"s6BhdRkqt3","sub":"s6BhdRkqt3","aud":"https://server.example.com/token","iat":1700000000,"exp":1700000300,"jti":"id-1"}"#
    );
    let claims = claims_of(token);
    assert_eq!(claims["iss"], "s6BhdRkqt3");
    assert_eq!(claims["exp"], 1_700_000_300);

    // authcore's verifier, with every claim checked.
    let policy = Validation::new(Algorithm::HS256)
        .issuer(&["s6BhdRkqt3"])
        .subject("s6BhdRkqt3")
        .audience(&[TOKEN_URL])
        .require(&["exp", "iat", "jti"]);
    let mut buf = [0u8; 512];
    let verified = verify(token, &hs256(), &policy, 1_700_000_100, &mut buf).unwrap();
    assert!(verified.header().kid.is_some_and(|k| k.eq_str("kid-1")));
    assert!(verified.claims().jti.is_some_and(|j| j.eq_str("id-1")));
    assert_eq!(
        verify(token, &hs256(), &policy, 1_700_000_300, &mut buf).map(|_| ()),
        Err(Error::Expired)
    );

    // Without a jti, and with distinct iss and sub.
    let bare = ClientAssertion {
        sub: "user-7",
        ..ClientAssertion::new("client", "aud", 0, 60)
    };
    let token = bare.sign(&hs256(), None, &mut out).unwrap();
    let claims = claims_of(token);
    assert_eq!(
        claims,
        serde_json::json!({"iss":"client","sub":"user-7","aud":"aud","iat":0,"exp":60})
    );
}

/// Strings that need escaping come back as they went in; negative and extreme times are
/// written in full.
#[test]
fn escaping_and_numbers() {
    let odd = "quote \" backslash \\ newline \n tab \t nul \u{0} é \u{2028} 😀";
    for (iat, exp) in [(-5, 5), (i64::MIN, i64::MAX), (0, 1)] {
        let a = ClientAssertion::new(odd, odd, iat, exp).jti(odd);
        let mut out = vec![0u8; 2048];
        let token = a.sign(&hs256(), Some(odd), &mut out).unwrap();
        let claims = claims_of(token);
        for name in ["iss", "sub", "aud", "jti"] {
            assert_eq!(claims[name], odd, "{name}");
        }
        assert_eq!(claims["iat"].as_i64(), Some(iat));
        assert_eq!(claims["exp"].as_i64(), Some(exp));
    }
}

#[test]
fn refusals_and_buffers() {
    let key = hs256();
    let mut untouched = [0xA5u8; 512];
    let cases = [
        (ClientAssertion::new("", "a", 0, 1), Claim::Iss),
        (
            ClientAssertion {
                sub: "",
                ..ClientAssertion::new("c", "a", 0, 1)
            },
            Claim::Sub,
        ),
        (ClientAssertion::new("c", "", 0, 1), Claim::Aud),
        (ClientAssertion::new("c", "a", 5, 5), Claim::Exp),
        (ClientAssertion::new("c", "a", 6, 5), Claim::Exp),
    ];
    for (a, claim) in cases {
        assert_eq!(
            a.sign(&key, None, &mut untouched),
            Err(Error::InvalidClaim(claim))
        );
    }
    let long_kid = "k".repeat(authcore::keys::MAX_KID_LEN + 1);
    let a = ClientAssertion::new("c", "a", 0, 1);
    assert_eq!(
        a.sign(&key, Some(&long_kid), &mut untouched),
        Err(Error::InvalidHeader)
    );
    assert!(untouched.iter().all(|&b| b == 0xA5));

    let mut out = [0u8; 512];
    let len = a.jti("j").sign(&key, Some("k"), &mut out).unwrap().len();
    for n in [0, len - 1] {
        let mut small = vec![0xA5u8; n];
        assert_eq!(
            a.jti("j").sign(&key, Some("k"), &mut small),
            Err(Error::BufferTooSmall { needed: len })
        );
        assert!(small.iter().all(|&b| b == 0xA5));
    }
    let mut exact = vec![0u8; len];
    assert_eq!(
        a.jti("j").sign(&key, Some("k"), &mut exact).unwrap().len(),
        len
    );
}

/// The bodies, to the byte.
#[test]
fn token_request_bodies() {
    let assertion = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJjIn0.sig-_";
    let mut buf = [0u8; 512];
    let want = "grant_type=client_credentials&scope=read+write&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJjIn0.sig-_";
    assert_eq!(
        client_credentials_body(assertion, Some("read write"), &mut buf).unwrap(),
        want
    );
    assert_eq!(
        client_credentials_body(assertion, None, &mut buf).unwrap(),
        want.replace("&scope=read+write", "")
    );
    let body = token_request_body(
        &[
            ("grant_type", Some("authorization_code")),
            ("code", Some("SplxlOBeZQQYbYS6WxSbIA")),
            ("redirect_uri", Some("https://client.example.com/cb")),
            ("state", None),
        ],
        assertion,
        &mut buf,
    )
    .unwrap();
    assert_eq!(
        body,
        "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJjIn0.sig-_"
    );
    assert_eq!(
        ASSERTION_TYPE,
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );

    let mut small = vec![0xA5u8; want.len() - 1];
    assert_eq!(
        client_credentials_body(assertion, Some("read write"), &mut small),
        Err(LifecycleError::BufferTooSmall { needed: want.len() })
    );
    assert!(small.iter().all(|&b| b == 0xA5));
}

/// ES256 assertions (private_key_jwt) verify with jsonwebtoken and authcore.
#[cfg(feature = "es256")]
#[test]
fn es256_assertion() {
    use authcore::EcSigningKey;
    let pem = include_str!("vectors/es256-private.pem");
    let key = EcSigningKey::from_pem(Algorithm::ES256, pem.as_bytes()).unwrap();
    let a = ClientAssertion::new("client-1", TOKEN_URL, 1_700_000_000, 1_700_000_060).jti("n-1");
    let mut out = [0u8; 512];
    let token = a.sign(&key, Some("key-1"), &mut out).unwrap();
    let policy = Validation::new(Algorithm::ES256)
        .issuer(&["client-1"])
        .audience(&[TOKEN_URL]);
    let mut buf = [0u8; 512];
    verify(token, &key.public_key(), &policy, 1_700_000_010, &mut buf).unwrap();
}
