//! Property tests: no input panics the parsers or the verifier (any string, and token-shaped
//! strings built from fragments that reach deep into the code); tokens made by `sign` round
//! trip with their claims; base64url round trips and is exactly as strict as the `base64`
//! crate's unpadded URL-safe engine; the JSON reader agrees with `serde_json`; the claims
//! read while the JSON is validated are those a second walk over it finds; and NumericDate
//! flooring agrees with exact integer arithmetic.

mod hs_support;

use authcore::{
    Algorithm, Audience, Claim, Claims, Error, HmacKey, JsonStr, Part, RawToken, Validation,
    decode_unverified, json, peek_header, verify,
};
use base64::Engine;
use hs_support::{SECRET, b64};
use proptest::prelude::*;

/// JSON-ish fragments: well-formed pieces, near misses and hostile bits, glued at random.
fn json_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("\"".to_owned()),
        Just(r#""exp":"#.to_owned()),
        Just(r#""aud":"#.to_owned()),
        Just(r#""alg":"HS256""#.to_owned()),
        Just(r#""alg":"none""#.to_owned()),
        Just(r#""crit":[]"#.to_owned()),
        Just(r#""b64":false"#.to_owned()),
        Just(r"\u".to_owned()),
        Just(r"\ud83d\ude00".to_owned()),
        Just(r"\ud800".to_owned()),
        Just(r#"\""#.to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("-0.5e-3".to_owned()),
        Just("1e400".to_owned()),
        Just("9223372036854775808".to_owned()),
        Just(" ".to_owned()),
        "[a-z0-9]{0,6}",
        any::<i64>().prop_map(|n| n.to_string()),
        "\\PC{0,4}",
    ]
}

fn json_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(json_fragment(), 0..24).prop_map(|v| v.concat())
}

/// Object members whose values are JSON numbers of every shape the grammar allows, exponents
/// beyond f64 (`1e400`) among them, with a stray fragment now and then: the soup alone
/// rarely makes a valid object around a number.
fn number_members() -> impl Strategy<Value = String> {
    let number = "-?(0|[1-9][0-9]{0,5})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,4})?";
    let member = prop_oneof![
        8 => number.prop_map(|n| format!("\"n\":{n}")),
        1 => json_fragment(),
    ];
    prop::collection::vec(member, 1..4).prop_map(|v| v.join(","))
}

/// `text` with the digits of every exponent outside strings replaced by one `0`
/// (`1e400` -> `1e0`, `-0.5e-3` -> `-0.5e-0`): the same verdict under JSON's grammar, and
/// no number beyond f64. Inside strings nothing changes (`"\ue123"` is an escape).
fn small_exponents(text: &str) -> String {
    enum At {
        Elsewhere,
        String { escaped: bool },
        // Just after the `e` of a number, after its sign, among its digits.
        Exponent,
        Sign,
        Digits,
    }
    let mut out = String::with_capacity(text.len());
    let mut at = At::Elsewhere;
    for c in text.chars() {
        match (&at, c) {
            (At::String { escaped: true }, _) => at = At::String { escaped: false },
            (At::String { escaped: false }, '\\') => at = At::String { escaped: true },
            (At::String { escaped: false }, '"') => at = At::Elsewhere,
            (At::String { .. }, _) => {}
            (At::Exponent, '+' | '-') => at = At::Sign,
            (At::Exponent | At::Sign, '0'..='9') => {
                out.push('0');
                at = At::Digits;
                continue;
            }
            (At::Digits, '0'..='9') => continue,
            (_, '"') => at = At::String { escaped: false },
            (_, 'e' | 'E') if out.ends_with(|d: char| d.is_ascii_digit()) => at = At::Exponent,
            _ => at = At::Elsewhere,
        }
        out.push(c);
    }
    out
}

#[test]
fn small_exponents_keeps_the_grammar() {
    assert_eq!(small_exponents("1e400"), "1e0");
    assert_eq!(
        small_exponents("[1E+4007,-0.5e-3,2e,3e-]"),
        "[1E+0,-0.5e-0,2e,3e-]"
    );
    assert_eq!(
        small_exponents(r#"{"\"1e400":"\ue123"}"#),
        r#"{"\"1e400":"\ue123"}"#
    );
    assert_eq!(small_exponents(r#"{"a":1e400}"#), r#"{"a":1e0}"#);
}

/// Strings shaped like tokens: three (or two, or four) segments of base64url of JSON soup,
/// random base64url text, or raw text.
fn token_like() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        json_soup().prop_map(|s| b64(s.as_bytes())),
        json_soup().prop_map(|s| b64(format!("{{{s}}}").as_bytes())),
        "[A-Za-z0-9_=+/.-]{0,60}",
        prop::collection::vec(any::<u8>(), 0..48).prop_map(|b| b64(&b)),
    ];
    prop::collection::vec(segment, 1..5).prop_map(|v| v.join("."))
}

/// Flat claims objects whose JSON `serde_json` writes: strings with any characters (escapes,
/// Unicode), integers, floats, booleans, nested arrays and objects.
fn claims_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        // Eighths: exact in binary and short in decimal, so any JSON reader reads them back
        // exactly (serde_json's default float parsing is not correctly rounded).
        (-(1i64 << 40)..(1i64 << 40)).prop_map(|k| Value::from(k as f64 / 8.0)),
        Just(Value::Null),
    ];
    let value = leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    (
        prop::collection::btree_map("\\PC{1,8}", value, 0..8),
        any::<String>(),
        prop::option::of(any::<i64>()),
    )
        .prop_map(|(mut members, sub, iat)| {
            for name in ["exp", "nbf", "iat", "iss", "sub", "aud", "jti"] {
                members.remove(name);
            }
            let mut object: serde_json::Map<String, Value> = members.into_iter().collect();
            object.insert("exp".into(), Value::from(2_000_000_000i64));
            object.insert("sub".into(), Value::from(sub));
            if let Some(iat) = iat {
                object.insert("iat".into(), Value::from(iat));
            }
            Value::Object(object)
        })
}

fn no_panic(token: &str) {
    let key = HmacKey::hs256(SECRET).unwrap();
    let mut buf = [0u8; 4096];
    for policy in [
        Validation::new(Algorithm::HS256),
        Validation::new(Algorithm::HS256)
            .typ(None)
            .require(&[])
            .audience(&["a"])
            .issuer(&["i"])
            .claim_equals(&[("usefor", "access")])
            .max_age(60),
    ] {
        let _ = verify(token, &key, &policy, 1_700_000_000, &mut buf);
    }
    let _ = verify(
        token,
        &key,
        &Validation::new(Algorithm::HS256),
        0,
        &mut buf[..7],
    );
    let _ = decode_unverified(token, 8192, &mut buf);
    let _ = peek_header(token, 8192, &mut buf);
    if let Ok(raw) = RawToken::split(token, 8192) {
        let _ = raw.decoded_len();
    }
    let _ = Claims::parse(token.as_bytes());
    let _ = json::parse_object(token.as_bytes());
}

fn exercise_json(text: &str) {
    let _ = Claims::parse(text.as_bytes());
    if let Ok(object) = json::parse_object(text.as_bytes()) {
        let _ = object.check_unique_names();
        for (name, value) in object.members() {
            let mut buf = [0u8; 64];
            let _ = name.decode_into(&mut buf);
            let _ = name.decoded_len();
            let _ = value.as_i64();
            if let json::Value::Array(a) = value {
                let _ = a.iter().count();
            }
            if let Some(n) = value.text() {
                let _ = json::parse_number_floor(n);
            }
        }
        if let Ok(claims) = Claims::parse(text.as_bytes()) {
            let _ = Validation::new(Algorithm::HS256).check(&claims, 0);
            let _ = claims.deserialize::<serde::de::IgnoredAny>();
        }
    }
}

/// Members of a claims set: registered names (some escaped) and others, with values of
/// every type a claim may wrongly have, and now and then a stray fragment.
fn claims_members() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("exp"),
        Just("nbf"),
        Just("iat"),
        Just("iss"),
        Just("sub"),
        Just("aud"),
        Just("jti"),
        Just(r"e\u0078p"),
        Just(r"a\u0075d"),
        Just("x"),
        Just("z"),
    ];
    let value = prop_oneof![
        "-?(0|[1-9][0-9]{0,19})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?",
        Just("9223372036854775807.5".to_owned()),
        Just("-9223372036854775808.5".to_owned()),
        "\"([a-z ]|\\\\[nt/]|\\\\u00e9){0,6}\"",
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just(r#"["a","b\"c"]"#.to_owned()),
        Just(r#"["a",1]"#.to_owned()),
        Just(r#"[["a"]]"#.to_owned()),
        Just("[]".to_owned()),
        Just(r#"{"exp":"x","aud":[1]}"#.to_owned()),
        Just("{}".to_owned()),
    ];
    let member = prop_oneof![
        8 => (name, value).prop_map(|(n, v)| format!("\"{n}\" : {v}")),
        1 => json_fragment(),
    ];
    prop::collection::vec(member, 0..6).prop_map(|v| v.join(","))
}

/// Members of a claims set around the compared `usefor` (and `x`): the name plain, escaped
/// or repeated, its value the wanted one, another, escaped, of another type.
fn compared_members() -> impl Strategy<Value = String> {
    let compared = (
        prop_oneof![
            Just("usefor"),
            Just(r"usef\u006fr"),
            Just("x"),
            Just("usefo")
        ],
        prop_oneof![
            Just(r#""access""#),
            Just(r#""refresh""#),
            Just(r#""acc\u0065ss""#),
            Just(r#""y""#),
            Just("1"),
            Just(r#"["access"]"#),
            Just("null"),
        ],
    )
        .prop_map(|(n, v)| format!("\"{n}\" :{v}"));
    let plain = prop_oneof![
        Just(r#""a":1"#),
        Just(r#""b" : "acc\"ess""#),
        Just(r#""c":[1,{"usefor":"access"}]"#),
        Just(r#""d":{"usefor":"refresh"}"#),
    ]
    .prop_map(String::from);
    let member = prop_oneof![4 => compared, 4 => plain, 1 => claims_members()];
    prop::collection::vec(member, 0..6).prop_map(|v| {
        v.into_iter()
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// The registered claims as read before the one-walk reader: the object validated, its names
/// checked unique, then its members walked.
fn claims_by_two_walks(text: &[u8]) -> Result<(Registered<'_>, &str), Error> {
    let object = json::parse_object_unique(text).map_err(|e| Error::Json(Part::Payload, e))?;
    let mut r = Registered::default();
    for (name, value) in object.members() {
        let claim = Claim::REGISTERED
            .into_iter()
            .find(|c| name.eq_str(c.name()))
            .unwrap_or(Claim::Custom);
        let bad = Error::InvalidClaim(claim);
        match claim {
            Claim::Exp | Claim::Nbf | Claim::Iat => {
                let json::Value::Number(n) = value else {
                    return Err(bad);
                };
                let (floor, fraction) = json::parse_number_floor(n).ok_or(bad)?;
                // `exp` is rounded down only; `nbf` up; `iat` both ways.
                let up = || floor.checked_add(i64::from(fraction)).ok_or(bad);
                match claim {
                    Claim::Exp => r.exp = Some(floor),
                    Claim::Nbf => r.nbf = Some(up()?),
                    _ => r.iat = Some((floor, up()?)),
                }
            }
            Claim::Iss | Claim::Sub | Claim::Jti => {
                let s = value.as_json_str().ok_or(bad)?;
                *match claim {
                    Claim::Iss => &mut r.iss,
                    Claim::Sub => &mut r.sub,
                    _ => &mut r.jti,
                } = Some(s);
            }
            Claim::Aud => {
                r.aud = Some(match value {
                    json::Value::String(s) => Audience::One(s),
                    json::Value::Array(a) if a.iter().all(|v| v.as_json_str().is_some()) => {
                        Audience::Many(a)
                    }
                    _ => return Err(bad),
                })
            }
            Claim::Custom => {}
        }
    }
    Ok((r, object.text()))
}

/// The registered claims of a [`Claims`], `iat` with its rounding up.
#[derive(Debug, Default, PartialEq)]
struct Registered<'a> {
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<(i64, i64)>,
    iss: Option<JsonStr<'a>>,
    sub: Option<JsonStr<'a>>,
    jti: Option<JsonStr<'a>>,
    aud: Option<Audience<'a>>,
}

fn registered<'a>(c: &Claims<'a>) -> (Registered<'a>, &'a str) {
    let r = Registered {
        exp: c.exp,
        nbf: c.nbf,
        iat: c.iat.zip(c.iat_rounded_up()),
        iss: c.iss,
        sub: c.sub,
        jti: c.jti,
        aud: c.aud,
    };
    (r, c.json())
}

proptest! {
    // 512 cases each by default; `PROPTEST_CASES` raises it for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string_is_safe(s in "\\PC{0,200}") {
        no_panic(&s);
        exercise_json(&s);
    }

    #[test]
    fn any_bytes_are_safe_as_json(b in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = Claims::parse(&b);
        let _ = json::parse_object(&b);
    }

    #[test]
    fn token_like_strings_are_safe(s in token_like()) {
        no_panic(&s);
    }

    #[test]
    fn claims_read_in_one_walk_as_in_two(s in claims_members(), ws in any::<bool>()) {
        let text = if ws { format!(" {{ {s} }} ") } else { format!("{{{s}}}") };
        let one = Claims::parse(text.as_bytes()).map(|c| registered(&c));
        prop_assert_eq!(one, claims_by_two_walks(text.as_bytes()), "{}", text);
    }

    #[test]
    fn claim_equals_from_the_one_walk_as_by_lookup(
        s in compared_members(),
        ws in any::<bool>(),
        pairs in 0usize..3,
    ) {
        let text = if ws { format!(" {{ {s} }} ") } else { format!("{{{s}}}") };
        let all = [("usefor", "access"), ("x", "y")];
        let policy = Validation::new(Algorithm::HS256)
            .claim_equals(&all[..pairs])
            .require(&[])
            .validate_exp(false);
        // The verification takes the compared member from its one walk; `check` on parsed
        // claims looks it up by walking the members.
        let by_lookup = Claims::parse(text.as_bytes()).and_then(|c| policy.check(&c, 0));
        let by_walk = hs_support::check(&hs_support::hs256(&text), &policy, 0).map(|_| ());
        prop_assert_eq!(by_walk, by_lookup, "{}", text);
    }

    #[test]
    fn json_soup_is_safe(s in json_soup()) {
        exercise_json(&s);
        exercise_json(&format!("{{{s}}}"));
        // Also as a correctly signed token, so that the payload is parsed past the MAC.
        no_panic(&hs_support::hs256(&s));
        no_panic(&hs_support::hs256(&format!("{{{s}}}")));
        no_panic(&hs_support::token_with(Algorithm::HS256, SECRET, format!("{{{s}}}").as_bytes(), b"{}"));
    }

    #[test]
    fn signed_tokens_round_trip(value in claims_value(), alg_i in 0usize..3, secret in prop::collection::vec(any::<u8>(), 1..200)) {
        let alg = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512][alg_i];
        let text = serde_json::to_string(&value).unwrap();
        let key = HmacKey::new(alg, &secret).unwrap();
        let mut out = vec![0u8; 4 * text.len() + 256];
        let token = key.sign(text.as_bytes(), Some("k"), &mut out).unwrap().to_owned();
        let mut buf = vec![0u8; token.len()];
        let policy = Validation::new(alg).max_token_len(usize::MAX);
        let t = verify(&token, &key, &policy, 1_700_000_000, &mut buf).unwrap();
        prop_assert_eq!(t.claims().json(), text.as_str());
        let sub = t.claims().sub.unwrap();
        let mut sub_buf = vec![0u8; sub.decoded_len()];
        prop_assert_eq!(sub.decode_into(&mut sub_buf).unwrap(), value["sub"].as_str().unwrap());
        prop_assert_eq!(t.claims().iat, value.get("iat").and_then(|v| v.as_i64()));
        for (name, v) in value.as_object().unwrap() {
            let got = t.claims().get(name).unwrap();
            if let Some(s) = v.as_str() {
                prop_assert!(got.as_json_str().unwrap().eq_str(s));
            }
            if let Some(i) = v.as_i64() {
                prop_assert_eq!(got.as_i64(), Some(i));
            }
        }
        // Any other key refuses it.
        let mut other = secret.clone();
        other[0] ^= 1;
        let wrong = HmacKey::new(alg, &other).unwrap();
        prop_assert_eq!(
            verify(&token, &wrong, &policy, 1_700_000_000, &mut buf).unwrap_err(),
            authcore::Error::InvalidSignature
        );
    }

    #[test]
    fn base64url_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = b64(&bytes);
        prop_assert_eq!(&text, &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert_eq!(text.len(), authcore::base64url::encoded_len(bytes.len()));
        prop_assert_eq!(authcore::base64url::decoded_len(text.len()), Some(bytes.len()));
        let mut out = vec![0u8; bytes.len()];
        prop_assert_eq!(authcore::base64url::decode(text.as_bytes(), &mut out).unwrap(), &bytes[..]);
        prop_assert_eq!(authcore::base64url::decode_public(text.as_bytes(), &mut out).unwrap(), &bytes[..]);
        // Any single character changed to any other byte: both decoders agree with the
        // reference on whether it is still valid, and on the bytes.
        if !text.is_empty() {
            for (i, c) in [(0usize, b'='), (text.len() / 2, b'+'), (text.len() - 1, b'B'), (text.len() - 1, b'Q'), (text.len() - 1, 0xff)] {
                let mut t = text.clone().into_bytes();
                t[i] = c;
                let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&t).ok();
                let mut o = vec![0u8; t.len()];
                prop_assert_eq!(authcore::base64url::decode(&t, &mut o).map(|b| b.to_vec()).ok(), reference.clone());
                prop_assert_eq!(authcore::base64url::decode_public(&t, &mut o).map(|b| b.to_vec()).ok(), reference);
            }
        }
        // One byte short of room is an error, not a truncation.
        if !bytes.is_empty() {
            let mut short = vec![0u8; bytes.len() - 1];
            prop_assert!(authcore::base64url::decode(text.as_bytes(), &mut short).is_err());
            prop_assert!(authcore::base64url::decode_public(text.as_bytes(), &mut short).is_err());
            prop_assert!(authcore::base64url::encode(&bytes, &mut vec![0u8; text.len() - 1]).is_none());
        }
    }

    #[test]
    fn base64url_is_exactly_as_strict_as_the_reference(s in "[A-Za-z0-9_=+/ .-]{0,40}") {
        let mut out = vec![0u8; s.len()];
        let ours = authcore::base64url::decode(s.as_bytes(), &mut out).map(|b| b.to_vec()).ok();
        let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&s).ok();
        prop_assert_eq!(&ours, &reference, "{:?}", s);
        let public = authcore::base64url::decode_public(s.as_bytes(), &mut out).map(|b| b.to_vec()).ok();
        prop_assert_eq!(&public, &reference, "{:?}", s);
    }

    #[test]
    fn json_reader_agrees_with_serde_json(value in claims_value(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        let object = json::parse_object(text.as_bytes()).unwrap();
        prop_assert_eq!(object.check_unique_names(), Ok(()));
        prop_assert_eq!(object.members().count(), value.as_object().unwrap().len());
        for (name, v) in object.members() {
            let mut buf = vec![0u8; name.decoded_len()];
            let name = name.decode_into(&mut buf).unwrap().to_owned();
            let want = &value[&name];
            match v {
                json::Value::String(s) => {
                    let mut buf = vec![0u8; s.decoded_len()];
                    prop_assert_eq!(s.decode_into(&mut buf).unwrap(), want.as_str().unwrap());
                }
                other => {
                    let text = other.text().map(str::to_owned).unwrap_or_else(|| match other {
                        json::Value::Bool(b) => b.to_string(),
                        _ => "null".to_owned(),
                    });
                    prop_assert_eq!(&serde_json::from_str::<serde_json::Value>(&text).unwrap(), want);
                }
            }
        }
    }

    #[test]
    fn json_soup_verdicts_agree_with_serde_json(s in prop_oneof![json_soup(), number_members()]) {
        let text = format!("{{{s}}}");
        let ours = json::parse_object(text.as_bytes()).is_ok();
        // serde_json also refuses numbers beyond f64 (`1e400`), which JSON's grammar allows
        // (and a NumericDate check refuses later): it reads the text with every exponent
        // cut to `0`, which JSON's grammar cannot tell apart. Its nesting limit is not
        // reached here.
        let reference = serde_json::from_str::<serde_json::Value>(&small_exponents(&text)).is_ok();
        prop_assert_eq!(ours, reference, "{}", text);
    }

    #[test]
    fn numeric_dates_floor_exactly(int in any::<i64>(), frac in 0u32..1000, exp10 in 0u32..4) {
        // `int.frac` written plainly and as `mantissa e exp10`.
        let plain = format!("{int}.{frac:03}");
        let floor = if int < 0 && frac > 0 { int.checked_sub(1) } else { Some(int) };
        prop_assert_eq!(json::parse_number_floor(&plain).map(|(v, _)| v), floor);
        prop_assert_eq!(json::parse_number_floor(&int.to_string()), Some((int, false)));
        let scaled = i128::from(int) * 10i128.pow(exp10);
        let text = format!("{int}e{exp10}");
        let want = i64::try_from(scaled).ok().map(|v| (v, false));
        prop_assert_eq!(json::parse_number_floor(&text), want);
        let text = format!("{int}E-{exp10}");
        let div = 10i128.pow(exp10);
        let q = i128::from(int).div_euclid(div);
        let r = i128::from(int).rem_euclid(div);
        prop_assert_eq!(json::parse_number_floor(&text), Some((q as i64, r != 0)));
    }
}
