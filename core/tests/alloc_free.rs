//! HS256 parse + verify + validate + claims (registered, and custom through serde) allocate
//! nothing: a counting global allocator sees zero allocations on this thread between the
//! markers, for success and for every kind of failure.

mod counting_alloc;
mod hs_support;

use counting_alloc::allocations_in;

use authcore::{
    Algorithm, Error, HmacKey, RawToken, Validation, decode_unverified, peek_header, verify,
};

const NOW: i64 = 1_700_000_000;
const CLAIMS: &str = r#"{"iss":"https://auth.example","sub":"device-42","aud":["api","telemetry"],"exp":2000000000,"nbf":1600000000,"iat":1699999990,"jti":"a1b2","usefor":"access","scope":"read write","name":"Ren\u00e9 \"R\"","level":3}"#;

#[derive(serde::Deserialize)]
struct Access<'a> {
    sub: &'a str,
    scope: &'a str,
    level: u8,
    exp: i64,
}

#[derive(serde::Deserialize)]
struct Named {
    name: hs_support::Fixed<16>,
}

#[test]
fn counter_sees_allocations() {
    let (n, v) = allocations_in(|| vec![1u8; 100]);
    assert_eq!(v.len(), 100);
    assert!(n >= 1);
}

#[test]
fn hs_verification_allocates_nothing() {
    for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
        let key = HmacKey::new(alg, hs_support::SECRET).unwrap();
        let mut out = [0u8; 1024];
        let token = key
            .sign(CLAIMS.as_bytes(), Some("k1"), &mut out)
            .unwrap()
            .to_owned();
        // One payload character changed (the payload starts after the first dot).
        let mut tampered = token.clone().into_bytes();
        let at = token.find('.').unwrap() + 10;
        tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        let policy = Validation::new(alg)
            .issuer(&["https://auth.example"])
            .audience(&["telemetry"])
            .subject("device-42")
            .claim_equals(&[("usefor", "access")])
            .require(&["exp", "jti", "scope"])
            .validate_iat(true)
            .max_age(60)
            .leeway(5)
            .min_hmac_secret_len(32);
        let mut buf = [0u8; 1024];
        let mut scratch = [0u8; 32];
        let mut name = [0u8; 16];

        let (n, ok) = allocations_in(|| {
            let raw = RawToken::split(&token, 8192).unwrap();
            let mut hbuf = [0u8; 64];
            let header = peek_header(&token, 8192, &mut hbuf).unwrap();
            assert!(header.kid.unwrap().eq_str("k1"));
            let t = verify(&token, &key, &policy, NOW, &mut buf).unwrap();
            let claims = *t.claims();
            let access: Access<'_> = claims.deserialize().unwrap();
            let named: Named = claims.deserialize_escaped(&mut scratch).unwrap();
            let decoded = claims
                .get("name")
                .unwrap()
                .as_json_str()
                .unwrap()
                .decode_into(&mut name)
                .unwrap();
            raw.decoded_len() > 0
                && claims.exp == Some(2_000_000_000)
                && claims.aud.unwrap().contains("api")
                && claims.iss.unwrap().eq_str("https://auth.example")
                && access.sub == "device-42"
                && access.scope == "read write"
                && access.level == 3
                && access.exp == 2_000_000_000
                && named.name.as_str() == "Ren\u{e9} \"R\""
                && decoded == "Ren\u{e9} \"R\""
        });
        assert!(ok, "{alg}: a result was wrong");
        assert_eq!(n, 0, "{alg}: verification allocated");

        // Failures allocate nothing either.
        let (n, errors) = allocations_in(|| {
            let mut small = [0u8; 8];
            [
                verify(&tampered, &key, &policy, NOW, &mut buf).map(|_| ()),
                verify(&token, &key, &policy, 2_000_000_005, &mut buf).map(|_| ()),
                verify(&token, &key, &policy.subject("x"), NOW, &mut buf).map(|_| ()),
                verify(&token, &key, &policy, NOW, &mut small).map(|_| ()),
                verify("a.b", &key, &policy, NOW, &mut buf).map(|_| ()),
                decode_unverified(&token, 10, &mut buf).map(|_| ()),
            ]
        });
        assert_eq!(n, 0, "{alg}: a failure allocated");
        assert_eq!(errors[0], Err(Error::InvalidSignature));
        assert_eq!(errors[1], Err(Error::Expired));
        assert_eq!(errors[2], Err(Error::InvalidSubject));
        assert!(matches!(errors[3], Err(Error::BufferTooSmall { .. })));
        assert_eq!(errors[4], Err(Error::SegmentCount));
        assert_eq!(errors[5], Err(Error::TokenTooLarge { max: 10 }));

        // Making a key and signing allocate nothing.
        let (n, len) = allocations_in(|| {
            let key = HmacKey::new(alg, &[7u8; 200]).unwrap();
            key.sign(CLAIMS.as_bytes(), None, &mut out).unwrap().len()
        });
        assert_eq!(n, 0);
        assert!(len > CLAIMS.len());
    }
}

#[test]
fn key_set_loading_and_verification_allocate_nothing() {
    let signer = HmacKey::hs256(hs_support::SECRET).unwrap();
    let mut out = [0u8; 1024];
    let token = signer
        .sign(CLAIMS.as_bytes(), Some("k2"), &mut out)
        .unwrap()
        .to_owned();
    let k = |kid: &str| {
        let mut b64 = [0u8; 128];
        let secret = authcore::base64url::encode(hs_support::SECRET, &mut b64).unwrap();
        format!(r#"{{"kty":"oct","kid":"{kid}","alg":"HS256","k":"{secret}"}}"#)
    };
    let jwks = format!(r#"{{"keys":[{},{}]}}"#, k("k1"), k("k2"));
    let rotated = format!(r#"{{"keys":[{}]}}"#, k("k3"));
    let policy = Validation::new(Algorithm::HS256).audience(&["api"]);
    let mut buf = [0u8; 1024];
    let mut set = authcore::KeySet::<4>::new();
    let (n, results) = allocations_in(|| {
        [
            set.replace_from_jwks(jwks.as_bytes(), None),
            set.verify(&token, &policy, NOW, &mut buf).map(|_| ()),
            set.replace_from_jwks(b"{\"keys\":", None),
            set.replace_from_jwks(rotated.as_bytes(), None),
            set.verify(&token, &policy, NOW, &mut buf).map(|_| ()),
        ]
    });
    assert_eq!(n, 0, "a key set allocated");
    assert_eq!(results[0], Ok(()));
    assert_eq!(results[1], Ok(()));
    assert!(results[2].is_err());
    assert_eq!(results[3], Ok(()));
    assert_eq!(results[4], Err(Error::UnknownKeyId));
}
