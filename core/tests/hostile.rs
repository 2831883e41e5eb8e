//! Bad input, table-driven: each row is a token (MACed with the test secret by the `hmac`
//! crate, so that everything but the defect under test is right) and the exact `Error` that
//! `verify` must give. A second table covers what one HS256 key and policy cannot: algorithm
//! confusion both ways with an RSA key, RS256 signatures of every bad kind (zero, truncated,
//! extended, `>= n`), 64 KiB tokens, CR/LF in `Authorization` values, and every writer at
//! every buffer size from 0 to the size it needs. Also: keys and policies that do not fit,
//! and signing refusals.
//!
//! The hardening list of hostile inputs, and where each case is:
//! - `alg` none/None/NONE (and nOnE, escaped): table 1, "alg none…".
//! - HS/RS confusion both ways: table 2, "confusion…" (and `rsa.rs`,
//!   `algorithm_confusion_is_refused`, for every key size).
//! - 1, 2, 4, 5 segments and empty ones: table 1, "one segment" … "empty payload segment".
//! - `=`, `+`, `/`, whitespace, non-canonical base64url: table 1, "header padded" … in each
//!   segment.
//! - non-UTF-8: table 1, "header not UTF-8", "payload not UTF-8", "header non-UTF-8 char".
//! - header not an object, payload an array: table 1, "header array", "payload array".
//! - duplicate keys: table 1, "header duplicate…", "duplicate…".
//! - NumericDate as float, string, 1e400, 2^63, negative: table 1, "exp …".
//! - nesting depth 1000: table 1, "header 1000 deep", "payload 1000 deep…".
//! - a 64 KiB token: table 2, "64 KiB…".
//! - truncated, extended, zero and `>= n` signatures: table 1 (HS256) and table 2 (RS256).
//! - `crit`, `b64: false`: table 1.
//! - CR/LF in header formatting: table 1 (CR/LF in the JOSE header's JSON) and table 2
//!   (CR/LF in `Authorization` values; `lifecycle_authz.rs` tries every style).
//! - every writer with buffers from 0 to the needed size: table 2, "writer…" (each row runs
//!   every size; `lifecycle_authz.rs` and `api_styles.rs` repeat it for more inputs).

mod hs_support;
mod rsa_support;

use authcore::authz::{self, Authorization, HeaderStyle};
use authcore::response::body;
use authcore::{
    Algorithm, ApiProfile, AuthSession, Claim, Credentials, Error, HmacKey, JsonError, KeyError,
    LifecycleError, ManualClock, Next, Part, RawToken, RsaPublicKey, Validation, decode_unverified,
    peek_header, verify,
};
use hs_support::{SECRET, b64, key, outcome};

const NOW: i64 = 1_700_000_000;
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const CLAIMS: &str = r#"{"sub":"alice","exp":2000000000}"#;

/// A token over exactly these segment texts (base64url or not), with a correct MAC.
fn segments(header_b64: &str, payload_b64: &str) -> String {
    let input = format!("{header_b64}.{payload_b64}");
    let mac = hs_support::reference_mac(Algorithm::HS256, SECRET, input.as_bytes());
    format!("{input}.{}", b64(&mac))
}

/// A token with this header JSON and the default claims.
fn with_header(header: &str) -> String {
    segments(&b64(header.as_bytes()), &b64(CLAIMS.as_bytes()))
}

/// A token with the default header and this payload (any bytes).
fn with_payload(payload: &[u8]) -> String {
    segments(&b64(HEADER.as_bytes()), &b64(payload))
}

fn with_claims(payload: &str) -> String {
    with_payload(payload.as_bytes())
}

/// The segment with its last character moved to the next one in the alphabet: for a length
/// of 2 or 3 mod 4 that sets unused trailing bits (non-canonical encoding).
fn noncanonical(segment: &str) -> String {
    assert!(matches!(segment.len() % 4, 2 | 3), "{segment}");
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let last = *segment.as_bytes().last().unwrap();
    let i = ALPHABET.iter().position(|&c| c == last).unwrap();
    format!(
        "{}{}",
        &segment[..segment.len() - 1],
        ALPHABET[i + 1] as char
    )
}

/// The segment with `A`s appended until its length is 1 mod 4 (impossible for base64url).
fn len_1_mod_4(segment: &str) -> String {
    let mut s = format!("{segment}A");
    while s.len() % 4 != 1 {
        s.push('A');
    }
    s
}

fn deep(open: &str, close: &str, n: usize) -> String {
    format!("{}1{}", open.repeat(n), close.repeat(n))
}

fn many_members(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!(r#""c{i}":{i}"#)).collect();
    format!(r#"{{"exp":2000000000,{}}}"#, members.join(","))
}

fn json(part: Part, e: JsonError) -> Result<(), Error> {
    Err(Error::Json(part, e))
}

#[test]
fn every_row_gives_its_exact_error() {
    let good = with_claims(CLAIMS);
    let (h, p, s) = {
        let v: Vec<&str> = good.split('.').collect();
        (v[0].to_owned(), v[1].to_owned(), v[2].to_owned())
    };
    let policy = Validation::new(Algorithm::HS256);
    use Error::*;
    let rows: Vec<(&str, String, Result<(), Error>)> = vec![
        ("the good token", good.clone(), Ok(())),
        // Shape.
        ("empty", String::new(), Err(SegmentCount)),
        ("one segment", "abc".into(), Err(SegmentCount)),
        ("two segments", format!("{h}.{p}"), Err(SegmentCount)),
        ("four segments", format!("{good}.{s}"), Err(SegmentCount)),
        (
            "JWE-like five",
            format!("{h}.{p}.{s}.{s}.{s}"),
            Err(SegmentCount),
        ),
        ("trailing dot", format!("{good}."), Err(SegmentCount)),
        (
            "empty header segment",
            segments("", &p),
            json(Part::Header, JsonError::Syntax { offset: 0 }),
        ),
        (
            "empty payload segment (signed)",
            segments(&h, ""),
            json(Part::Payload, JsonError::Syntax { offset: 0 }),
        ),
        (
            "three empty segments",
            "..".into(),
            json(Part::Header, JsonError::Syntax { offset: 0 }),
        ),
        // Base64url strictness, in each segment.
        (
            "header padded",
            format!("{h}=.{p}.{s}"),
            Err(Base64(Part::Header)),
        ),
        (
            "header +",
            format!("+{}.{p}.{s}", &h[1..]),
            Err(Base64(Part::Header)),
        ),
        (
            "header /",
            format!("/{}.{p}.{s}", &h[1..]),
            Err(Base64(Part::Header)),
        ),
        (
            "header space",
            format!(" {}.{p}.{s}", &h[1..]),
            Err(Base64(Part::Header)),
        ),
        (
            "header len 1 mod 4",
            format!("{h}A.{p}.{s}"),
            Err(Base64(Part::Header)),
        ),
        (
            "header non-UTF-8 char",
            format!("{}\u{e9}.{p}.{s}", &h[..h.len() - 2]),
            Err(Base64(Part::Header)),
        ),
        (
            "header non-canonical",
            segments(&noncanonical(&b64(br#"{"alg":"HS256","typ":"JWT"} "#)), &p),
            Err(Base64(Part::Header)),
        ),
        (
            "payload padded (signed)",
            segments(&h, &format!("{p}=")),
            Err(Base64(Part::Payload)),
        ),
        (
            "payload + (signed)",
            segments(&h, &format!("+{}", &p[1..])),
            Err(Base64(Part::Payload)),
        ),
        (
            "payload newline (signed)",
            segments(&h, &format!("{}\n{}", &p[..4], &p[5..])),
            Err(Base64(Part::Payload)),
        ),
        (
            "payload non-canonical (signed)",
            segments(&h, &noncanonical(&p)),
            Err(Base64(Part::Payload)),
        ),
        (
            "payload len 1 mod 4",
            format!("{h}.{}.{s}", len_1_mod_4(&p)),
            Err(Base64(Part::Payload)),
        ),
        (
            "signature non-canonical",
            format!("{h}.{p}.{}", noncanonical(&s)),
            Err(Base64(Part::Signature)),
        ),
        (
            "signature /",
            format!("{h}.{p}./{}", &s[1..]),
            Err(Base64(Part::Signature)),
        ),
        (
            "signature len 1 mod 4",
            format!("{h}.{p}.{}", len_1_mod_4(&s)),
            Err(Base64(Part::Signature)),
        ),
        // A segment of the wrong length is told apart: malformed base64url (padding, or
        // trailing bits that are not zero once cut short) or a well-formed wrong length.
        (
            "signature padded",
            format!("{good}="),
            Err(Base64(Part::Signature)),
        ),
        (
            "signature short",
            format!("{h}.{p}.{}", &s[..42]),
            Err(Base64(Part::Signature)),
        ),
        (
            "signature long (33 bytes)",
            format!("{good}A"),
            Err(InvalidSignature),
        ),
        (
            "signature empty",
            format!("{h}.{p}."),
            Err(InvalidSignature),
        ),
        (
            "signature truncated to 16 bytes",
            format!("{h}.{p}.{}", &s[..22]),
            Err(Base64(Part::Signature)),
        ),
        (
            "signature extended by a whole quantum (36 bytes)",
            format!("{good}AAAA"),
            Err(InvalidSignature),
        ),
        (
            "signature zero (32 zero bytes)",
            format!("{h}.{p}.{}", b64(&[0; 32])),
            Err(InvalidSignature),
        ),
        (
            "signature all ones (32 bytes)",
            format!("{h}.{p}.{}", b64(&[0xff; 32])),
            Err(InvalidSignature),
        ),
        (
            "signature of another payload",
            format!("{h}.{}.{s}", b64(br#"{"sub":"bob","exp":2000000000}"#)),
            Err(InvalidSignature),
        ),
        // The payload is not parsed before the signature verifies.
        (
            "garbage payload, bad signature",
            format!("{h}.{}.{s}", b64(b"\xff not json")),
            Err(InvalidSignature),
        ),
        // Header JSON.
        (
            "header not JSON",
            with_header("alg: HS256"),
            json(Part::Header, JsonError::Syntax { offset: 0 }),
        ),
        (
            "header array",
            with_header(r#"["HS256"]"#),
            json(Part::Header, JsonError::NotAnObject),
        ),
        (
            "header unterminated",
            with_header(r#"{"alg":"HS256""#),
            json(Part::Header, JsonError::Syntax { offset: 14 }),
        ),
        (
            "header trailing data",
            with_header(r#"{"alg":"HS256"}{}"#),
            json(Part::Header, JsonError::TrailingData),
        ),
        (
            "header not UTF-8",
            segments(&b64(b"{\"alg\":\"HS256\",\"x\":\"\xff\"}"), &p),
            json(Part::Header, JsonError::Utf8),
        ),
        (
            "header duplicate alg",
            with_header(r#"{"alg":"HS256","alg":"HS256"}"#),
            json(Part::Header, JsonError::DuplicateKey),
        ),
        (
            "header duplicate alg, escaped",
            with_header(r#"{"alg":"HS256","\u0061lg":"none"}"#),
            json(Part::Header, JsonError::DuplicateKey),
        ),
        (
            "header duplicate typ",
            with_header(r#"{"alg":"HS256","typ":"JWT","typ":"x"}"#),
            json(Part::Header, JsonError::DuplicateKey),
        ),
        (
            "header too deep",
            with_header(&format!(r#"{{"alg":"HS256","x":{}}}"#, deep("[", "]", 64))),
            json(Part::Header, JsonError::TooDeep),
        ),
        (
            "header 1000 deep",
            with_header(&format!(
                r#"{{"alg":"HS256","x":{}}}"#,
                deep("[", "]", 1000)
            )),
            json(Part::Header, JsonError::TooDeep),
        ),
        (
            "header 63 deep is fine",
            with_header(&format!(r#"{{"alg":"HS256","x":{}}}"#, deep("[", "]", 63))),
            Ok(()),
        ),
        // alg.
        (
            "no alg",
            with_header(r#"{"typ":"JWT"}"#),
            Err(MissingAlgorithm),
        ),
        (
            "alg number",
            with_header(r#"{"alg":256}"#),
            Err(MissingAlgorithm),
        ),
        (
            "alg null",
            with_header(r#"{"alg":null}"#),
            Err(MissingAlgorithm),
        ),
        (
            "alg array",
            with_header(r#"{"alg":["HS256"]}"#),
            Err(MissingAlgorithm),
        ),
        (
            "alg none",
            with_header(r#"{"alg":"none"}"#),
            Err(NoneAlgorithm),
        ),
        (
            "alg None",
            with_header(r#"{"alg":"None"}"#),
            Err(NoneAlgorithm),
        ),
        (
            "alg NONE",
            with_header(r#"{"alg":"NONE"}"#),
            Err(NoneAlgorithm),
        ),
        (
            "alg nOnE",
            with_header(r#"{"alg":"nOnE"}"#),
            Err(NoneAlgorithm),
        ),
        (
            "alg none, escaped",
            with_header(r#"{"alg":"n\u006fne"}"#),
            Err(NoneAlgorithm),
        ),
        (
            "alg NoNe, escaped",
            with_header(r#"{"alg":"\u004eoNe"}"#),
            Err(NoneAlgorithm),
        ),
        (
            "alg none, sig empty",
            format!("{}.{p}.", b64(br#"{"alg":"none"}"#)),
            Err(NoneAlgorithm),
        ),
        (
            "alg hs256",
            with_header(r#"{"alg":"hs256"}"#),
            Err(UnsupportedAlgorithm),
        ),
        (
            "alg HS256 space",
            with_header(r#"{"alg":"HS256 "}"#),
            Err(UnsupportedAlgorithm),
        ),
        (
            "alg empty",
            with_header(r#"{"alg":""}"#),
            Err(UnsupportedAlgorithm),
        ),
        (
            "alg ES256",
            with_header(r#"{"alg":"ES256"}"#),
            // Known to every build; verified (here: refused for the key's family) only
            // with its feature.
            if cfg!(feature = "es256") {
                Err(AlgorithmMismatch {
                    expected: Algorithm::HS256,
                    found: Algorithm::ES256,
                })
            } else {
                Err(UnsupportedAlgorithm)
            },
        ),
        (
            "alg PS256",
            with_header(r#"{"alg":"PS256"}"#),
            // Known to every build; verified (here: refused for the key's family) only
            // with its feature.
            if cfg!(feature = "pss") {
                Err(AlgorithmMismatch {
                    expected: Algorithm::HS256,
                    found: Algorithm::PS256,
                })
            } else {
                Err(UnsupportedAlgorithm)
            },
        ),
        (
            "alg EdDSA",
            with_header(r#"{"alg":"EdDSA"}"#),
            // Known to every build; verified (here: refused for the key's family) only
            // with its feature.
            if cfg!(feature = "eddsa") {
                Err(AlgorithmMismatch {
                    expected: Algorithm::HS256,
                    found: Algorithm::EdDSA,
                })
            } else {
                Err(UnsupportedAlgorithm)
            },
        ),
        (
            "alg ES512",
            with_header(r#"{"alg":"ES512"}"#),
            Err(UnsupportedAlgorithm),
        ),
        (
            "alg Ed25519",
            with_header(r#"{"alg":"Ed25519"}"#),
            Err(UnsupportedAlgorithm),
        ),
        (
            "alg none with NUL",
            with_header(r#"{"alg":"none\u0000"}"#),
            Err(UnsupportedAlgorithm),
        ),
        (
            "alg HS256, escaped",
            with_header(r#"{"alg":"H\u0053256"}"#),
            Ok(()),
        ),
        (
            "alg RS256",
            with_header(r#"{"alg":"RS256"}"#),
            Err(AlgorithmMismatch {
                expected: Algorithm::HS256,
                found: Algorithm::RS256,
            }),
        ),
        (
            "alg HS512",
            with_header(r#"{"alg":"HS512"}"#),
            Err(AlgorithmMismatch {
                expected: Algorithm::HS256,
                found: Algorithm::HS512,
            }),
        ),
        // typ, cty, crit, b64, kid.
        ("typ absent", with_header(r#"{"alg":"HS256"}"#), Ok(())),
        (
            "typ jwt",
            with_header(r#"{"alg":"HS256","typ":"jwt"}"#),
            Ok(()),
        ),
        (
            "typ JwT",
            with_header(r#"{"alg":"HS256","typ":"JwT"}"#),
            Ok(()),
        ),
        (
            "typ at+jwt",
            with_header(r#"{"alg":"HS256","typ":"at+jwt"}"#),
            Err(InvalidType),
        ),
        (
            "typ JOSE",
            with_header(r#"{"alg":"HS256","typ":"JOSE"}"#),
            Err(InvalidType),
        ),
        (
            "typ empty",
            with_header(r#"{"alg":"HS256","typ":""}"#),
            Err(InvalidType),
        ),
        (
            "typ number",
            with_header(r#"{"alg":"HS256","typ":1}"#),
            Err(InvalidHeader),
        ),
        (
            "typ null",
            with_header(r#"{"alg":"HS256","typ":null}"#),
            Err(InvalidHeader),
        ),
        (
            "cty JWT",
            with_header(r#"{"alg":"HS256","cty":"JWT"}"#),
            Err(UnsupportedContentType),
        ),
        (
            "cty jwt",
            with_header(r#"{"alg":"HS256","cty":"jwt"}"#),
            Err(UnsupportedContentType),
        ),
        (
            "cty other",
            with_header(r#"{"alg":"HS256","cty":"example"}"#),
            Ok(()),
        ),
        (
            "cty number",
            with_header(r#"{"alg":"HS256","cty":7}"#),
            Err(InvalidHeader),
        ),
        (
            "crit list",
            with_header(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#),
            Err(CriticalHeader),
        ),
        (
            "crit empty",
            with_header(r#"{"alg":"HS256","crit":[]}"#),
            Err(CriticalHeader),
        ),
        (
            "crit string",
            with_header(r#"{"alg":"HS256","crit":"b64"}"#),
            Err(CriticalHeader),
        ),
        (
            "b64 false",
            with_header(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
            Err(UnencodedPayload),
        ),
        (
            "b64 false alone",
            with_header(r#"{"alg":"HS256","b64":false}"#),
            Err(UnencodedPayload),
        ),
        (
            "b64 true",
            with_header(r#"{"alg":"HS256","b64":true}"#),
            Ok(()),
        ),
        (
            "b64 string",
            with_header(r#"{"alg":"HS256","b64":"false"}"#),
            Err(InvalidHeader),
        ),
        // CR/LF in the header's formatting: JSON white space is fine (RFC 7515 A.1 has
        // it); a raw CR or LF inside a string is not JSON; an escaped one is data.
        (
            "header CR/LF between members",
            with_header("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"),
            Ok(()),
        ),
        (
            "header raw CR in a string",
            with_header("{\"alg\":\"HS256\",\"kid\":\"a\rb\"}"),
            json(Part::Header, JsonError::Syntax { offset: 23 }),
        ),
        (
            "header raw LF in a string",
            with_header("{\"alg\":\"HS256\",\"kid\":\"a\nb\"}"),
            json(Part::Header, JsonError::Syntax { offset: 23 }),
        ),
        (
            "header escaped CR/LF in kid",
            with_header(r#"{"alg":"HS256","kid":"a\r\nb"}"#),
            Ok(()),
        ),
        (
            "payload CR/LF between members",
            with_claims("{\"sub\":\"alice\",\r\n\"exp\":2000000000}\r\n"),
            Ok(()),
        ),
        (
            "kid number",
            with_header(r#"{"alg":"HS256","kid":1}"#),
            Err(InvalidHeader),
        ),
        (
            "kid string",
            with_header(r#"{"alg":"HS256","kid":"k\"1"}"#),
            Ok(()),
        ),
        // Payload JSON.
        (
            "payload empty",
            with_claims(""),
            json(Part::Payload, JsonError::Syntax { offset: 0 }),
        ),
        (
            "payload not JSON",
            with_claims("exp=1"),
            json(Part::Payload, JsonError::Syntax { offset: 0 }),
        ),
        (
            "payload array",
            with_claims("[1]"),
            json(Part::Payload, JsonError::NotAnObject),
        ),
        (
            "payload string",
            with_claims(r#""exp""#),
            json(Part::Payload, JsonError::NotAnObject),
        ),
        (
            "payload trailing",
            with_claims(r#"{"exp":2000000000} x"#),
            json(Part::Payload, JsonError::TrailingData),
        ),
        (
            "payload two objects",
            with_claims(r#"{"exp":2000000000}{}"#),
            json(Part::Payload, JsonError::TrailingData),
        ),
        (
            "payload trailing comma",
            with_claims(r#"{"exp":2000000000,}"#),
            json(Part::Payload, JsonError::Syntax { offset: 18 }),
        ),
        (
            "payload single quotes",
            with_claims("{'exp':1}"),
            json(Part::Payload, JsonError::Syntax { offset: 1 }),
        ),
        (
            "payload leading zero",
            with_claims(r#"{"exp":02000000000}"#),
            json(Part::Payload, JsonError::Syntax { offset: 8 }),
        ),
        (
            "payload NaN",
            with_claims(r#"{"exp":NaN}"#),
            json(Part::Payload, JsonError::Syntax { offset: 7 }),
        ),
        (
            "payload not UTF-8",
            with_payload(b"{\"exp\":2000000000,\"n\":\"\xc3\x28\"}"),
            json(Part::Payload, JsonError::Utf8),
        ),
        (
            "payload BOM",
            with_payload("\u{feff}{\"exp\":2000000000}".as_bytes()),
            json(Part::Payload, JsonError::Syntax { offset: 0 }),
        ),
        (
            "payload bad escape",
            with_claims(r#"{"exp":2000000000,"s":"\x"}"#),
            json(Part::Payload, JsonError::Escape),
        ),
        (
            "payload short \\u",
            with_claims(r#"{"exp":2000000000,"s":"\u12"}"#),
            json(Part::Payload, JsonError::Escape),
        ),
        (
            "payload lone high surrogate",
            with_claims(r#"{"exp":2000000000,"s":"\ud800x"}"#),
            json(Part::Payload, JsonError::Escape),
        ),
        (
            "payload lone low surrogate",
            with_claims(r#"{"exp":2000000000,"s":"\udc00"}"#),
            json(Part::Payload, JsonError::Escape),
        ),
        (
            "payload raw control char",
            with_claims("{\"exp\":2000000000,\"s\":\"a\tb\"}"),
            json(Part::Payload, JsonError::Syntax { offset: 24 }),
        ),
        (
            "payload too deep",
            with_claims(&format!(
                r#"{{"exp":2000000000,"x":{}}}"#,
                deep("{\"a\":", "}", 64)
            )),
            json(Part::Payload, JsonError::TooDeep),
        ),
        (
            "payload 1000 deep, arrays",
            with_claims(&format!(
                r#"{{"exp":2000000000,"x":{}}}"#,
                deep("[", "]", 1000)
            )),
            json(Part::Payload, JsonError::TooDeep),
        ),
        (
            "payload 1000 deep, objects",
            with_claims(&format!(
                r#"{{"exp":2000000000,"x":{}}}"#,
                deep("{\"a\":", "}", 1000)
            )),
            json(Part::Payload, JsonError::TooDeep),
        ),
        (
            "payload 2000 deep",
            with_claims(&format!(
                r#"{{"exp":2000000000,"x":{}}}"#,
                deep("[", "]", 2_000)
            )),
            json(Part::Payload, JsonError::TooDeep),
        ),
        (
            "payload 257 members",
            with_claims(&many_members(256)),
            json(Part::Payload, JsonError::TooManyMembers),
        ),
        (
            "payload 256 members",
            with_claims(&many_members(255)),
            Ok(()),
        ),
        (
            "duplicate exp",
            with_claims(r#"{"exp":2000000000,"exp":2000000000}"#),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "duplicate exp, escaped",
            with_claims(r#"{"exp":2000000000,"e\u0078p":1}"#),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "duplicate custom claim",
            with_claims(r#"{"exp":2000000000,"role":"user","role":"admin"}"#),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "duplicate after escapes",
            with_claims(r#"{"exp":2000000000,"\u00e9":1,"é":2}"#),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "duplicate among 24 members",
            with_claims(&many_members(23).replace("\"c22\"", "\"c0\"")),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "duplicate among 40 members",
            with_claims(&many_members(39).replace("\"c38\"", "\"c\\u0030\"")),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "duplicate, first and last of 256",
            with_claims(&many_members(255).replace("\"c254\"", "\"exp\"")),
            json(Part::Payload, JsonError::DuplicateKey),
        ),
        (
            "names differing in case",
            with_claims(r#"{"exp":2000000000,"Exp":1}"#),
            Ok(()),
        ),
        // NumericDate.
        (
            "exp float, floored",
            with_claims(r#"{"exp":1700000001.999}"#),
            Ok(()),
        ),
        (
            "exp float, floored to now",
            with_claims(r#"{"exp":1700000000.999}"#),
            Err(Expired),
        ),
        (
            "exp float, exactly now",
            with_claims(r#"{"exp":1700000000.0}"#),
            Err(Expired),
        ),
        (
            "exp exponent",
            with_claims(r#"{"exp":1.7e9}"#),
            Err(Expired),
        ),
        (
            "exp 1.7000000011E9",
            with_claims(r#"{"exp":1.7000000011E9}"#),
            Ok(()),
        ),
        (
            "exp 1.7000000001E9",
            with_claims(r#"{"exp":1.7000000001E9}"#),
            Err(Expired),
        ),
        (
            "exp string",
            with_claims(r#"{"exp":"2000000000"}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        (
            "exp true",
            with_claims(r#"{"exp":true}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        (
            "exp null",
            with_claims(r#"{"exp":null}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        (
            "exp object",
            with_claims(r#"{"exp":{}}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        (
            "exp 1e400",
            with_claims(r#"{"exp":1e400}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        (
            "exp 2^63",
            with_claims(r#"{"exp":9223372036854775808}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        (
            "exp 2^63 - 1",
            with_claims(r#"{"exp":9223372036854775807}"#),
            Ok(()),
        ),
        (
            "exp -2^63",
            with_claims(r#"{"exp":-9223372036854775808}"#),
            Err(Expired),
        ),
        (
            "exp -2^63 - 1",
            with_claims(r#"{"exp":-9223372036854775809}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        ("exp negative", with_claims(r#"{"exp":-1}"#), Err(Expired)),
        (
            "exp -0.5 floors to -1",
            with_claims(r#"{"exp":-0.5}"#),
            Err(Expired),
        ),
        ("exp tiny", with_claims(r#"{"exp":5e-324}"#), Err(Expired)),
        (
            "nbf string",
            with_claims(r#"{"exp":2000000000,"nbf":"0"}"#),
            Err(InvalidClaim(Claim::Nbf)),
        ),
        (
            "nbf 1e400",
            with_claims(r#"{"exp":2000000000,"nbf":-1e400}"#),
            Err(InvalidClaim(Claim::Nbf)),
        ),
        (
            "iat array",
            with_claims(r#"{"exp":2000000000,"iat":[1]}"#),
            Err(InvalidClaim(Claim::Iat)),
        ),
        (
            "iat 2^64",
            with_claims(r#"{"exp":2000000000,"iat":18446744073709551616}"#),
            Err(InvalidClaim(Claim::Iat)),
        ),
        (
            "exp escaped name, string",
            with_claims(r#"{"e\u0078p":"x"}"#),
            Err(InvalidClaim(Claim::Exp)),
        ),
        // Other registered claims' types.
        (
            "iss number",
            with_claims(r#"{"exp":2000000000,"iss":1}"#),
            Err(InvalidClaim(Claim::Iss)),
        ),
        (
            "sub array",
            with_claims(r#"{"exp":2000000000,"sub":["a"]}"#),
            Err(InvalidClaim(Claim::Sub)),
        ),
        (
            "jti false",
            with_claims(r#"{"exp":2000000000,"jti":false}"#),
            Err(InvalidClaim(Claim::Jti)),
        ),
        (
            "aud number",
            with_claims(r#"{"exp":2000000000,"aud":1}"#),
            Err(InvalidClaim(Claim::Aud)),
        ),
        (
            "aud null",
            with_claims(r#"{"exp":2000000000,"aud":null}"#),
            Err(InvalidClaim(Claim::Aud)),
        ),
        (
            "aud array with null",
            with_claims(r#"{"exp":2000000000,"aud":["a",null]}"#),
            Err(InvalidClaim(Claim::Aud)),
        ),
        (
            "aud nested array",
            with_claims(r#"{"exp":2000000000,"aud":[["a"]]}"#),
            Err(InvalidClaim(Claim::Aud)),
        ),
        // Required by default.
        (
            "no exp",
            with_claims(r#"{"sub":"alice"}"#),
            Err(MissingClaim(Claim::Exp)),
        ),
        (
            "empty claims",
            with_claims("{}"),
            Err(MissingClaim(Claim::Exp)),
        ),
    ];
    let mut failures = Vec::new();
    for (label, token, want) in &rows {
        let got = outcome(token, &policy, NOW);
        if got != *want {
            failures.push(format!("{label}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(rows.len() > 100);
}

#[test]
fn decode_unverified_and_peek_header_refuse_the_same_headers() {
    for (header, want) in [
        (r#"{"alg":"none"}"#, Error::NoneAlgorithm),
        (r#"{"alg":"HS256","crit":["x"]}"#, Error::CriticalHeader),
        (r#"{"alg":"HS256","b64":false}"#, Error::UnencodedPayload),
        (
            r#"{"alg":"HS256","cty":"JWT"}"#,
            Error::UnsupportedContentType,
        ),
        (r#"{"alg":"X"}"#, Error::UnsupportedAlgorithm),
        (r#"{}"#, Error::MissingAlgorithm),
    ] {
        let token = with_header(header);
        let mut buf = [0u8; 256];
        assert_eq!(
            peek_header(&token, 8192, &mut buf).unwrap_err(),
            want,
            "{header}"
        );
        assert_eq!(
            decode_unverified(&token, 8192, &mut buf).unwrap_err(),
            want,
            "{header}"
        );
    }
    let bad_payload = with_claims(r#"{"exp":"soon"}"#);
    let mut buf = [0u8; 256];
    assert_eq!(
        decode_unverified(&bad_payload, 8192, &mut buf).unwrap_err(),
        Error::InvalidClaim(Claim::Exp)
    );
}

#[test]
fn token_size_limit_is_exact() {
    let token = with_claims(CLAIMS);
    let n = token.len();
    let policy = Validation::new(Algorithm::HS256);
    assert_eq!(outcome(&token, &policy.max_token_len(n), NOW), Ok(()));
    assert_eq!(
        outcome(&token, &policy.max_token_len(n - 1), NOW),
        Err(Error::TokenTooLarge { max: n - 1 })
    );
    // The limit comes first: even a token of garbage is refused for its size alone.
    let huge = "x".repeat(authcore::validation::DEFAULT_MAX_TOKEN_LEN + 1);
    assert_eq!(
        outcome(&huge, &policy, NOW),
        Err(Error::TokenTooLarge {
            max: authcore::validation::DEFAULT_MAX_TOKEN_LEN
        })
    );
    let mut buf = [0u8; 16];
    assert_eq!(
        peek_header(&huge, 100, &mut buf).unwrap_err(),
        Error::TokenTooLarge { max: 100 }
    );
    assert_eq!(
        decode_unverified(&huge, 100, &mut buf).unwrap_err(),
        Error::TokenTooLarge { max: 100 }
    );
    assert_eq!(
        RawToken::split(&huge, 100).unwrap_err(),
        Error::TokenTooLarge { max: 100 }
    );
}

#[test]
fn buffer_too_small_gives_the_exact_size_and_writes_nothing() {
    let token = with_claims(r#"{"sub":"alice","exp":2000000000,"pad":"xxxxxxxxxxxxxx"}"#);
    let needed = HEADER.len() + r#"{"sub":"alice","exp":2000000000,"pad":"xxxxxxxxxxxxxx"}"#.len();
    assert_eq!(RawToken::split(&token, 8192).unwrap().decoded_len(), needed);
    let k = key(Algorithm::HS256);
    let policy = Validation::new(Algorithm::HS256);
    for n in 0..needed {
        let mut buf = vec![0xA5u8; n];
        assert_eq!(
            verify(&token, &k, &policy, NOW, &mut buf).unwrap_err(),
            Error::BufferTooSmall { needed }
        );
        assert_eq!(
            decode_unverified(&token, 8192, &mut buf).unwrap_err(),
            Error::BufferTooSmall { needed }
        );
        assert!(buf.iter().all(|&b| b == 0xA5), "size {n}: written to");
    }
    let mut exact = vec![0u8; needed];
    assert!(verify(&token, &k, &policy, NOW, &mut exact).is_ok());
    assert!(decode_unverified(&token, 8192, &mut exact).is_ok());

    for n in 0..HEADER.len() {
        let mut buf = vec![0xA5u8; n];
        assert_eq!(
            peek_header(&token, 8192, &mut buf).unwrap_err(),
            Error::BufferTooSmall {
                needed: HEADER.len()
            }
        );
        assert!(buf.iter().all(|&b| b == 0xA5));
    }
    let mut buf = vec![0u8; HEADER.len()];
    assert!(peek_header(&token, 8192, &mut buf).is_ok());
}

#[test]
fn keys_and_policies_that_do_not_fit() {
    let token = with_claims(CLAIMS);
    let mut buf = [0u8; 256];
    let hs256 = Validation::new(Algorithm::HS256);
    // A key of another algorithm under an HS256 policy, HS256 token.
    for alg in [Algorithm::HS384, Algorithm::HS512] {
        assert_eq!(
            verify(&token, &key(alg), &hs256, NOW, &mut buf).unwrap_err(),
            Error::Key(KeyError::WrongAlgorithm)
        );
        // And the HS256 key under that algorithm's policy: the token's alg is the mismatch.
        assert_eq!(
            verify(
                &token,
                &key(Algorithm::HS256),
                &Validation::new(alg),
                NOW,
                &mut buf
            )
            .unwrap_err(),
            Error::AlgorithmMismatch {
                expected: alg,
                found: Algorithm::HS256
            }
        );
    }
    // Minimum secret length: at the length accepted, one more refused with both figures.
    let n = SECRET.len();
    assert!(
        verify(
            &token,
            &key(Algorithm::HS256),
            &hs256.min_hmac_secret_len(n),
            NOW,
            &mut buf
        )
        .is_ok()
    );
    assert_eq!(
        verify(
            &token,
            &key(Algorithm::HS256),
            &hs256.min_hmac_secret_len(n + 1),
            NOW,
            &mut buf
        )
        .unwrap_err(),
        Error::Key(KeyError::SecretTooShort {
            min: n + 1,
            actual: n
        })
    );
    // RFC 7518 §3.2's minimum (the hash size) refuses a short key even with a valid MAC.
    let short = HmacKey::hs256(b"short").unwrap();
    let mut out = [0u8; 256];
    let t = short.sign(CLAIMS.as_bytes(), None, &mut out).unwrap();
    assert!(verify(t, &short, &hs256, NOW, &mut buf).is_ok());
    assert_eq!(
        verify(t, &short, &hs256.min_hmac_secret_len(32), NOW, &mut buf).unwrap_err(),
        Error::Key(KeyError::SecretTooShort { min: 32, actual: 5 })
    );
    // Keys that cannot be made.
    assert_eq!(
        HmacKey::hs256(b"").unwrap_err(),
        Error::Key(KeyError::EmptySecret)
    );
    for alg in [Algorithm::RS256, Algorithm::RS384, Algorithm::RS512] {
        assert_eq!(
            HmacKey::new(alg, SECRET).unwrap_err(),
            Error::Key(KeyError::WrongAlgorithm)
        );
    }
}

#[test]
fn custom_claims_refusals() {
    let token = with_claims(r#"{"exp":2000000000,"role":"ad\u006din","n":1,"q":"a\"b"}"#);
    let mut buf = [0u8; 256];
    let policy = Validation::new(Algorithm::HS256);
    let t = verify(&token, &key(Algorithm::HS256), &policy, NOW, &mut buf).unwrap();
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Role<'a> {
        role: &'a str,
    }
    // An escaped string is never handed out raw (`ad\u006din` is not "admin" and not
    // "ad\\u006din"): borrowed deserialization refuses it.
    assert_eq!(
        t.claims().deserialize::<Role<'_>>().unwrap_err(),
        Error::CustomClaims
    );
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Q<'a> {
        q: &'a str,
    }
    assert_eq!(
        t.claims().deserialize::<Q<'_>>().unwrap_err(),
        Error::CustomClaims
    );
    let mut scratch = [0u8; 16];
    assert_eq!(
        t.claims()
            .deserialize_escaped::<Q<'_>>(&mut scratch)
            .unwrap_err(),
        Error::CustomClaims
    );
    #[derive(Debug, serde::Deserialize)]
    struct Owned {
        role: hs_support::Fixed<8>,
    }
    let owned: Owned = t.claims().deserialize_escaped(&mut scratch).unwrap();
    assert_eq!(owned.role.as_str(), "admin");
    // `deserialize` decodes owned fields through its own stack buffer.
    let owned: Owned = t.claims().deserialize().unwrap();
    assert_eq!(owned.role.as_str(), "admin");
    // A taken escaped string longer, decoded, than the buffer is refused; the same string
    // in a member the type ignores is stepped over, never decoded.
    #[derive(Debug, serde::Deserialize)]
    struct Exp {
        exp: i64,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Note {
        note: hs_support::Fixed<300>,
    }
    // `\\` in JSON: one byte decoded, so this decodes to exactly the buffer's size.
    let fits = r"\\".repeat(authcore::claims::DESERIALIZE_SCRATCH);
    let long = hs_support::hs256(&format!(r#"{{"exp":2000000000,"note":"{fits}"}}"#));
    let mut buf = [0u8; 2048];
    let t = verify(&long, &key(Algorithm::HS256), &policy, NOW, &mut buf).unwrap();
    assert_eq!(t.claims().deserialize::<Exp>().unwrap().exp, 2_000_000_000);
    let note = t.claims().deserialize::<Note>().unwrap().note;
    assert_eq!(
        note.as_str(),
        "\\".repeat(authcore::claims::DESERIALIZE_SCRATCH)
    );
    let too_long = format!("{fits}x");
    let long = hs_support::hs256(&format!(r#"{{"exp":2000000000,"note":"{too_long}"}}"#));
    let t = verify(&long, &key(Algorithm::HS256), &policy, NOW, &mut buf).unwrap();
    assert_eq!(
        t.claims().deserialize::<Note>().unwrap_err(),
        Error::CustomClaims
    );
    assert_eq!(t.claims().deserialize::<Exp>().unwrap().exp, 2_000_000_000);
    let mut big = [0u8; 300];
    let note = t
        .claims()
        .deserialize_escaped::<Note>(&mut big)
        .unwrap()
        .note;
    assert_eq!(
        note.as_str().len(),
        authcore::claims::DESERIALIZE_SCRATCH + 1
    );
    // Wrong types and missing fields.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct N {
        n: bool,
    }
    assert_eq!(
        t.claims().deserialize::<N>().unwrap_err(),
        Error::CustomClaims
    );
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Missing {
        absent: u8,
    }
    assert_eq!(
        t.claims().deserialize::<Missing>().unwrap_err(),
        Error::CustomClaims
    );
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Small {
        exp: u8,
    }
    assert_eq!(
        t.claims().deserialize::<Small>().unwrap_err(),
        Error::CustomClaims
    );
}

#[test]
fn signing_refusals() {
    let k = key(Algorithm::HS256);
    // Too small an output: the exact size, nothing written; the exact size works.
    let mut big = [0u8; 512];
    let want = k
        .sign(CLAIMS.as_bytes(), Some("k1"), &mut big)
        .unwrap()
        .to_owned();
    for n in 0..want.len() {
        let mut out = vec![0xA5u8; n];
        assert_eq!(
            k.sign(CLAIMS.as_bytes(), Some("k1"), &mut out).unwrap_err(),
            Error::BufferTooSmall { needed: want.len() }
        );
        assert!(out.iter().all(|&b| b == 0xA5));
    }
    let mut out = vec![0u8; want.len()];
    assert_eq!(
        k.sign(CLAIMS.as_bytes(), Some("k1"), &mut out),
        Ok(want.as_str())
    );
    // Claims that are not one JSON object without duplicates.
    for (claims, want) in [
        (&b"[1]"[..], JsonError::NotAnObject),
        (b"{\"a\":1,\"a\":2}", JsonError::DuplicateKey),
        (b"{\"a\":", JsonError::Syntax { offset: 5 }),
        (b"{\"a\":\"\xff\"}", JsonError::Utf8),
    ] {
        assert_eq!(
            k.sign(claims, None, &mut big).unwrap_err(),
            Error::Json(Part::Payload, want)
        );
    }
    // A kid of up to 316 bytes is written; a longer one is refused.
    let mut out = [0u8; 1024];
    let long = "k".repeat(316);
    let t = k
        .sign(CLAIMS.as_bytes(), Some(&long), &mut out)
        .unwrap()
        .to_owned();
    let mut hbuf = [0u8; 512];
    let header = peek_header(&t, 8192, &mut hbuf).unwrap();
    assert!(header.kid.unwrap().eq_str(&long));
    let longer = "k".repeat(317);
    assert_eq!(
        k.sign(CLAIMS.as_bytes(), Some(&longer), &mut out)
            .unwrap_err(),
        Error::InvalidHeader
    );
    // A kid that needs escaping is written escaped, and reads back as it was; the size
    // asked for counts the escapes.
    for kid in ["a\"b", "a\\b", "a\nb", "\u{0}", "\u{1f}\"\\é"] {
        let needed = match k.sign(CLAIMS.as_bytes(), Some(kid), &mut []) {
            Err(Error::BufferTooSmall { needed }) => needed,
            other => panic!("{kid:?}: {other:?}"),
        };
        let t = k
            .sign(CLAIMS.as_bytes(), Some(kid), &mut big)
            .unwrap()
            .to_owned();
        assert_eq!(t.len(), needed, "{kid:?}");
        let mut hbuf = [0u8; 512];
        let header = peek_header(&t, 8192, &mut hbuf).unwrap();
        assert!(header.kid.unwrap().eq_str(kid), "{kid:?}");
        let mut policy_buf = [0u8; 1024];
        assert!(
            verify(
                &t,
                &k,
                &Validation::new(Algorithm::HS256),
                0,
                &mut policy_buf
            )
            .is_ok(),
            "{kid:?}"
        );
    }
}

/// Runs `write` with every buffer size from 0 to `needed` − 1: each must fail with the same
/// error and leave the buffer untouched (that error is returned, for the row to name); the
/// exact size must give `want`, and so must a larger buffer.
fn at_every_size<E: Copy + PartialEq + std::fmt::Debug>(
    needed: usize,
    want: &str,
    write: impl Fn(&mut [u8]) -> Result<String, E>,
) -> Result<(), E> {
    let mut common = None;
    for n in 0..needed {
        let mut buf = vec![0xA5u8; n];
        let e = write(&mut buf).expect_err("a short buffer must fail");
        assert!(buf.iter().all(|&b| b == 0xA5), "size {n}: written to");
        assert_eq!(*common.get_or_insert(e), e, "size {n}: another error");
    }
    assert_eq!(
        write(&mut vec![0u8; needed]).as_deref(),
        Ok(want),
        "exact size"
    );
    assert_eq!(
        write(&mut vec![0u8; needed + 9]).as_deref(),
        Ok(want),
        "larger"
    );
    common.map_or(Ok(()), Err)
}

/// Table 2: the listed cases that need another key, another policy, or a writer. Each row
/// is a check run for its outcome and the exact outcome it must have.
#[test]
fn listed_cases_beyond_one_key_and_policy() {
    use Error::*;
    use LifecycleError::ControlCharacter;
    type Row<'a> = (
        &'static str,
        Box<dyn Fn() -> Result<(), LifecycleError> + 'a>,
        Result<(), LifecycleError>,
    );
    // Rows check verification and lifecycle calls alike: each closure keeps its own error
    // type, compared as the lifecycle error that wraps both.
    fn lifted<'a, E: Into<LifecycleError>>(
        check: impl Fn() -> Result<(), E> + 'a,
    ) -> Box<dyn Fn() -> Result<(), LifecycleError> + 'a> {
        Box::new(move || check().map_err(Into::into))
    }
    let rs_now = rsa_support::NOW;
    let pem = rsa_support::spki_pem(2048);
    let private = rsa_support::private_key(2048);
    let rsa = RsaPublicKey::from_pem(Algorithm::RS256, pem.as_bytes()).unwrap();
    let rs_policy = Validation::new(Algorithm::RS256);
    let hs_policy = Validation::new(Algorithm::HS256);
    // Verifies `token` with `key` under `policy` at `now`, buffer as long as the token.
    fn run(
        token: &str,
        key: &dyn authcore::VerifyingKey,
        policy: &Validation<'_>,
        now: i64,
    ) -> Result<(), Error> {
        let mut buf = vec![0u8; token.len()];
        verify(token, key, policy, now, &mut buf).map(|_| ())
    }

    // RS256 token and its signature, and bad signatures of the right and wrong lengths.
    let rs_token = rsa_support::rsa_token(&private, Algorithm::RS256, rsa_support::CLAIMS);
    let (rs_input, rs_sig) = rsa_support::split(&rs_token);
    let (rs_input, rs_sig) = (rs_input.to_owned(), rs_sig.to_owned());
    let sig = rsa_support::b64_decode(&rs_sig);
    let n = {
        use rsa::traits::PublicKeyParts;
        private.to_public_key().n().to_bytes_be()
    };
    let with_sig = |bytes: &[u8]| format!("{rs_input}.{}", rsa_support::b64(bytes));
    let n_plus_1 = {
        let mut v = n.clone();
        // n is odd: its last byte is not 0xff, so adding one carries nowhere.
        *v.last_mut().unwrap() += 1;
        v
    };

    // The classic confusion token: HS256, MACed with the RSA public key's PEM text.
    let hmac_from_pem = HmacKey::hs256(pem.as_bytes()).unwrap();
    let mut out = [0u8; 512];
    let confused = hmac_from_pem
        .sign(rsa_support::CLAIMS.as_bytes(), None, &mut out)
        .unwrap()
        .to_owned();

    // A 64 KiB token (65,536 bytes exactly), properly MACed: the padding claim's length
    // found by trying the few around 49,063 (3 bytes of payload per 4 characters).
    let big = (49_050..49_080)
        .map(|n| {
            hs_support::hs256(&format!(
                r#"{{"exp":2000000000,"pad":"{}"}}"#,
                "p".repeat(n)
            ))
        })
        .find(|t| t.len() == 65_536)
        .expect("a padding that makes 64 KiB");
    assert_eq!(big.len(), 65_536);

    // A session with both tokens, for its writers.
    let clock = ManualClock::unix(1_700_000_000);
    let mut session = AuthSession::<256>::new(ApiProfile::OAUTH2);
    session
        .accept_login(
            br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer",
                "expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}"#,
            &clock,
        )
        .unwrap();
    let creds = Credentials::new("johndoe", "A3ddj3w");
    let hs_token = hs_support::hs256(r#"{"sub":"alice","exp":2000000000,"name":"R\u00e9n\u00e9"}"#);
    let hs_needed = RawToken::split(&hs_token, 8192).unwrap().decoded_len();
    let hs_claims = r#"{"sub":"alice","exp":2000000000,"name":"R\u00e9n\u00e9"}"#;
    let rs_needed = RawToken::split(&rs_token, 8192).unwrap().decoded_len();
    let signed = key(Algorithm::HS256)
        .sign(hs_claims.as_bytes(), Some("k1"), &mut [0u8; 512])
        .unwrap()
        .to_owned();
    let header_json = r#"{"alg":"HS256","typ":"JWT"}"#;

    let rows: Vec<Row<'_>> = vec![
        // Algorithm confusion, both ways.
        (
            "confusion: HS256 token MACed with the RSA PEM, RSA key, RS256 policy",
            lifted(|| run(&confused, &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(AlgorithmMismatch {
                expected: Algorithm::RS256,
                found: Algorithm::HS256,
            })),
        ),
        (
            "confusion: the same under an HS256 policy",
            lifted(|| run(&confused, &rsa, &hs_policy, rs_now)),
            Err(LifecycleError::from(Key(KeyError::WrongAlgorithm))),
        ),
        (
            "confusion: RS256 token, HMAC key, HS256 policy",
            lifted(|| run(&rs_token, &hmac_from_pem, &hs_policy, rs_now)),
            Err(LifecycleError::from(AlgorithmMismatch {
                expected: Algorithm::HS256,
                found: Algorithm::RS256,
            })),
        ),
        (
            "confusion: RS256 token, HMAC key, RS256 policy",
            lifted(|| run(&rs_token, &hmac_from_pem, &rs_policy, rs_now)),
            Err(LifecycleError::from(Key(KeyError::WrongAlgorithm))),
        ),
        (
            "confusion: an RSA key cannot be made for HS256",
            lifted(|| RsaPublicKey::from_pem(Algorithm::HS256, pem.as_bytes()).map(|_| ())),
            Err(LifecycleError::from(Key(KeyError::WrongAlgorithm))),
        ),
        (
            "confusion: an HMAC key cannot be made for RS256",
            lifted(|| HmacKey::new(Algorithm::RS256, pem.as_bytes()).map(|_| ())),
            Err(LifecycleError::from(Key(KeyError::WrongAlgorithm))),
        ),
        // RS256 signatures.
        (
            "RS256 good token",
            lifted(|| run(&rs_token, &rsa, &rs_policy, rs_now)),
            Ok(()),
        ),
        (
            "RS256 signature truncated by a byte",
            lifted(|| run(&with_sig(&sig[1..]), &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature text truncated to 4m + 1 characters",
            lifted(|| {
                let cut = &rs_sig[..(rs_sig.len() - 2) / 4 * 4 + 1];
                run(&format!("{rs_input}.{cut}"), &rsa, &rs_policy, rs_now)
            }),
            Err(LifecycleError::from(Base64(Part::Signature))),
        ),
        (
            "RS256 signature extended by a byte",
            lifted(|| {
                run(
                    &with_sig(&[&sig[..], &[0]].concat()),
                    &rsa,
                    &rs_policy,
                    rs_now,
                )
            }),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature with a leading zero byte",
            lifted(|| {
                run(
                    &with_sig(&[&[0], &sig[..]].concat()),
                    &rsa,
                    &rs_policy,
                    rs_now,
                )
            }),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature empty",
            lifted(|| run(&format!("{rs_input}."), &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature zero",
            lifted(|| run(&with_sig(&[0; 256]), &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature = n",
            lifted(|| run(&with_sig(&n), &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature = n + 1",
            lifted(|| run(&with_sig(&n_plus_1), &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        (
            "RS256 signature all ones (> n)",
            lifted(|| run(&with_sig(&[0xff; 256]), &rsa, &rs_policy, rs_now)),
            Err(LifecycleError::from(InvalidSignature)),
        ),
        // 64 KiB.
        (
            "64 KiB token, default policy (8 KiB)",
            lifted(|| run(&big, &key(Algorithm::HS256), &hs_policy, NOW)),
            Err(LifecycleError::from(TokenTooLarge { max: 8192 })),
        ),
        (
            "64 KiB token, limit 64 KiB",
            lifted(|| {
                run(
                    &big,
                    &key(Algorithm::HS256),
                    &hs_policy.max_token_len(65_536),
                    NOW,
                )
            }),
            Ok(()),
        ),
        (
            "64 KiB token, limit one byte less",
            lifted(|| {
                run(
                    &big,
                    &key(Algorithm::HS256),
                    &hs_policy.max_token_len(65_535),
                    NOW,
                )
            }),
            Err(LifecycleError::from(TokenTooLarge { max: 65_535 })),
        ),
        (
            "64 KiB of dots",
            lifted(|| run(&".".repeat(65_536), &key(Algorithm::HS256), &hs_policy, NOW)),
            Err(LifecycleError::from(TokenTooLarge { max: 8192 })),
        ),
        (
            "64 KiB token, peek_header at 8 KiB",
            lifted(|| peek_header(&big, 8192, &mut [0u8; 64]).map(|_| ())),
            Err(LifecycleError::from(TokenTooLarge { max: 8192 })),
        ),
        // CR/LF in Authorization values (header injection).
        (
            "CR/LF: bearer",
            lifted(|| authz::bearer("tok\r\nX-Evil: 1", &mut [0u8; 64]).map(|_| ())),
            Err(ControlCharacter),
        ),
        (
            "CR/LF: custom scheme",
            lifted(|| authz::with_scheme("OpsToken", "t\nX: y", &mut [0u8; 64]).map(|_| ())),
            Err(ControlCharacter),
        ),
        (
            "CR/LF: in the scheme",
            lifted(|| authz::with_scheme("Ops\r\nX: y", "t", &mut [0u8; 64]).map(|_| ())),
            Err(ControlCharacter),
        ),
        (
            "CR/LF: basic password",
            lifted(|| authz::basic("u", "p\r\n", &mut [0u8; 64]).map(|_| ())),
            Err(ControlCharacter),
        ),
        (
            "CR/LF: parsing a header value",
            lifted(|| Authorization::parse("Bearer a\r\nX: y").map(|_| ())),
            Err(ControlCharacter),
        ),
        // Every writer at every buffer size: the row's error is the one every short size gave.
        (
            "writer: verify (HS256)",
            lifted(|| {
                at_every_size(hs_needed, hs_claims, |b| {
                    verify(&hs_token, &key(Algorithm::HS256), &hs_policy, NOW, b)
                        .map(|t| t.claims().json().to_owned())
                })
            }),
            Err(LifecycleError::from(BufferTooSmall {
                needed: header_json.len() + hs_claims.len(),
            })),
        ),
        (
            "writer: verify (RS256)",
            lifted(|| {
                at_every_size(rs_needed, rsa_support::CLAIMS, |b| {
                    verify(&rs_token, &rsa, &rs_policy, rs_now, b)
                        .map(|t| t.claims().json().to_owned())
                })
            }),
            Err(LifecycleError::from(BufferTooSmall {
                needed: r#"{"alg":"RS256","typ":"JWT"}"#.len() + rsa_support::CLAIMS.len(),
            })),
        ),
        (
            "writer: decode_unverified",
            lifted(|| {
                at_every_size(hs_needed, hs_claims, |b| {
                    decode_unverified(&hs_token, 8192, b).map(|(_, c)| c.json().to_owned())
                })
            }),
            Err(LifecycleError::from(BufferTooSmall {
                needed: header_json.len() + hs_claims.len(),
            })),
        ),
        (
            "writer: peek_header",
            lifted(|| {
                at_every_size(header_json.len(), "JWT", |b| {
                    peek_header(&hs_token, 8192, b).map(|h| h.typ.unwrap().raw().to_owned())
                })
            }),
            Err(LifecycleError::from(BufferTooSmall {
                needed: header_json.len(),
            })),
        ),
        (
            "writer: HmacKey::sign",
            lifted(|| {
                at_every_size(signed.len(), &signed, |b| {
                    key(Algorithm::HS256)
                        .sign(hs_claims.as_bytes(), Some("k1"), b)
                        .map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall {
                needed: signed.len(),
            })),
        ),
        (
            "writer: JsonStr::decode_into",
            lifted(|| {
                let mut buf = vec![0u8; hs_needed];
                let t = verify(&hs_token, &key(Algorithm::HS256), &hs_policy, NOW, &mut buf)?;
                let name = t.claims().get("name").unwrap().as_json_str().unwrap();
                at_every_size("Réné".len(), "Réné", |b| {
                    name.decode_into(b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 6 })),
        ),
        (
            "writer: authz::bearer",
            lifted(|| {
                at_every_size(11, "Bearer abc=", |b| {
                    authz::bearer("abc=", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 11 })),
        ),
        (
            "writer: authz::format, HeaderStyle::Bearer",
            lifted(|| {
                at_every_size(10, "Bearer t.k", |b| {
                    authz::format(HeaderStyle::Bearer, "t.k", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 10 })),
        ),
        (
            "writer: authz::format, HeaderStyle::LowerBearer",
            lifted(|| {
                at_every_size(10, "bearer t.k", |b| {
                    authz::format(HeaderStyle::LowerBearer, "t.k", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 10 })),
        ),
        (
            "writer: authz::format, HeaderStyle::Bare",
            lifted(|| {
                at_every_size(3, "t.k", |b| {
                    authz::format(HeaderStyle::Bare, "t.k", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 3 })),
        ),
        (
            "writer: authz::format, HeaderStyle::BasicReadyMade",
            lifted(|| {
                at_every_size(9, "Basic t.k", |b| {
                    authz::format(HeaderStyle::BasicReadyMade, "t.k", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 9 })),
        ),
        (
            "writer: authz::format, HeaderStyle::Custom(OpsToken)",
            lifted(|| {
                at_every_size(12, "OpsToken t.k", |b| {
                    authz::format(HeaderStyle::Custom("OpsToken"), "t.k", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 12 })),
        ),
        (
            "writer: authz::basic (RFC 7617)",
            lifted(|| {
                let want = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
                at_every_size(want.len(), want, |b| {
                    authz::basic("Aladdin", "open sesame", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 34 })),
        ),
        (
            "writer: authz::bare",
            lifted(|| at_every_size(3, "t.k", |b| authz::bare("t.k", b).map(str::to_owned))),
            Err(LifecycleError::from(BufferTooSmall { needed: 3 })),
        ),
        (
            "writer: authz::basic_ready_made",
            lifted(|| {
                at_every_size(10, "Basic YQ==", |b| {
                    authz::basic_ready_made("YQ==", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 10 })),
        ),
        (
            "writer: authz::with_scheme",
            lifted(|| {
                at_every_size(12, "OpsToken t.k", |b| {
                    authz::with_scheme("OpsToken", "t.k", b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 12 })),
        ),
        (
            "writer: BasicCredentials::decode",
            lifted(|| {
                let Authorization::Basic(c) =
                    Authorization::parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")?
                else {
                    unreachable!()
                };
                at_every_size(19, "Aladdin:open sesame", |b| {
                    c.decode(b).map(|(u, p)| format!("{u}:{p}"))
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 19 })),
        ),
        (
            "writer: body::json_login",
            lifted(|| {
                let want = r#"{"username":"johndoe","password":"A3ddj3w"}"#;
                at_every_size(want.len(), want, |b| {
                    body::json_login(&creds, b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 43 })),
        ),
        (
            "writer: body::form_login",
            lifted(|| {
                let want = "username=johndoe&password=A3ddj3w";
                at_every_size(want.len(), want, |b| {
                    body::form_login(&creds, b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 33 })),
        ),
        (
            "writer: body::oauth_password_grant",
            lifted(|| {
                let want = "grant_type=password&username=johndoe&password=A3ddj3w&scope=a+b";
                at_every_size(want.len(), want, |b| {
                    body::oauth_password_grant(&creds, Some("a b"), None, b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 63 })),
        ),
        (
            "writer: body::oauth_refresh_grant",
            lifted(|| {
                let want = "grant_type=refresh_token&refresh_token=r%2B1&client_id=c";
                at_every_size(want.len(), want, |b| {
                    body::oauth_refresh_grant("r+1", None, Some("c"), b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 56 })),
        ),
        (
            "writer: body::json_object (escapes)",
            lifted(|| {
                let want = r#"{"a":"\"\\\n\u0001"}"#;
                at_every_size(want.len(), want, |b| {
                    body::json_object(&[("a", Some("\"\\\n\u{1}"))], b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 20 })),
        ),
        (
            "writer: AuthSession::authorization",
            lifted(|| {
                let want = "Bearer 2YotnFZFEjr1zCsicMWpAA";
                at_every_size(want.len(), want, |b| {
                    session.authorization(b).map(str::to_owned)
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 29 })),
        ),
        (
            "writer: AuthSession::next (send)",
            lifted(|| {
                let want = "Bearer 2YotnFZFEjr1zCsicMWpAA";
                at_every_size(want.len(), want, |b| -> Result<_, LifecycleError> {
                    match session.next(&clock, b)? {
                        Next::Send { authorization, .. } => Ok(authorization.to_owned()),
                        other => panic!("{other:?}"),
                    }
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 29 })),
        ),
        (
            "writer: AuthSession::refresh_request",
            lifted(|| {
                let want = "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA";
                at_every_size(want.len(), want, |b| {
                    session
                        .refresh_request(b)
                        .map(|r| r.body.unwrap().to_owned())
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 61 })),
        ),
        (
            "writer: AuthSession::login_request",
            lifted(|| {
                let want = "grant_type=password&username=johndoe&password=A3ddj3w";
                at_every_size(want.len(), want, |b| {
                    session
                        .login_request(&creds, b)
                        .map(|r| r.body.unwrap().to_owned())
                })
            }),
            Err(LifecycleError::from(BufferTooSmall { needed: 53 })),
        ),
    ];
    let mut failures = Vec::new();
    for (label, check, want) in &rows {
        let got = check();
        if got != *want {
            failures.push(format!("{label}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
