//! `Claims::deserialize` against the two deserializers it is meant to agree with: serde-json-core
//! (which it replaced: the same verdict and the same value for every type both support) and
//! `serde_json` (the reference Rust users know, including `deserialize_any`, which
//! serde-json-core does not offer), on generated claims sets and on chosen edge cases.

use std::collections::BTreeMap;

use authcore::Error;
use authcore::claims::Claims;
use proptest::prelude::*;
use serde::Deserialize;

/// A scratch buffer larger than any generated string, so that neither side fails for length.
const SCRATCH: usize = 4096;

#[derive(Debug, PartialEq, Deserialize)]
struct Borrowed<'a> {
    s: &'a str,
    n: i64,
    #[serde(default)]
    b: Option<bool>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Low,
    High,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Shape {
    Point,
    Circle(u32),
    Rect { w: u16, h: u16 },
    Pair(i8, bool),
}

#[derive(Debug, PartialEq, Deserialize)]
struct Inner {
    n: i32,
    #[serde(default)]
    s: Option<heapless::String<64>>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Owned {
    #[serde(default)]
    s: Option<heapless::String<64>>,
    #[serde(default)]
    n: Option<i64>,
    #[serde(default)]
    u: Option<u8>,
    #[serde(default)]
    i: Option<i16>,
    #[serde(default)]
    w: Option<u64>,
    #[serde(default)]
    f: Option<f64>,
    #[serde(default)]
    b: Option<bool>,
    #[serde(default)]
    a: Option<heapless::Vec<i32, 8>>,
    #[serde(default)]
    t: Option<(i32, bool)>,
    #[serde(default)]
    o: Option<Inner>,
    #[serde(default)]
    l: Option<Level>,
    #[serde(default)]
    e: Option<Shape>,
    #[serde(default)]
    c: Option<char>,
    #[serde(default)]
    z: Option<()>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Strict {
    n: i64,
}

fn ours<'a, T: Deserialize<'a>>(claims: &Claims<'a>) -> Result<T, Error> {
    let mut scratch = vec![0u8; SCRATCH];
    claims.deserialize_escaped(&mut scratch)
}

fn core_crate<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    let mut scratch = vec![0u8; SCRATCH];
    serde_json_core::from_str_escaped(text, &mut scratch)
        .ok()
        .map(|(v, _)| v)
}

/// The same verdict and value as `serde_json`, and as serde-json-core wherever it reads the
/// text at all.
fn agree<'a, T>(text: &'a str, claims: &Claims<'a>)
where
    T: Deserialize<'a> + PartialEq + std::fmt::Debug,
{
    let mine = ours::<T>(claims).ok();
    // `-0` is the float -0.0 to `serde_json`, so no integer type takes it; to authcore
    // it is the integer 0 as well (and to serde-json-core for signed types).
    // Leaked: `T` may borrow from the text for `'a` (a few KB over the whole run).
    let plain_zero: &'a str = Box::leak(negative_zero_as_zero(text).into_boxed_str());
    let reference = serde_json::from_str::<T>(plain_zero).ok();
    assert_eq!(mine, reference, "serde_json reads {text} otherwise");
    // serde-json-core refuses some valid text (a surrogate pair's escapes, even in a member
    // the type ignores); whatever it reads, it reads alike.
    if let Some(theirs) = core_crate::<T>(text) {
        assert_eq!(mine, Some(theirs), "serde-json-core reads {text} otherwise");
    }
}

/// `text` with every number `-0` (outside strings) written `0`.
fn negative_zero_as_zero(text: &str) -> String {
    let b = text.as_bytes();
    let (mut out, mut in_string, mut i) = (Vec::new(), false, 0);
    while i < b.len() {
        let c = b[i];
        if in_string {
            if c == b'\\' {
                out.push(c);
                i += 1;
            } else if c == b'"' {
                in_string = false;
            }
        } else if c == b'"' {
            in_string = true;
        } else if c == b'-'
            && b.get(i + 1) == Some(&b'0')
            && !matches!(b.get(i + 2), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
        {
            i += 1;
            continue;
        }
        out.extend(b.get(i));
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// JSON values of every kind, strings with characters that need escapes, numbers of many
/// sizes and forms (short decimals, which every parser rounds alike).
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-z0-9 _-]{0,12}".prop_map(|s| format!("\"{s}\"")),
        "[a-zé\"\\\\\n\t\u{1}\u{7f}\u{10ffff}/]{0,8}"
            .prop_map(|s| serde_json::to_string(&s).unwrap()),
        Just(r#""caf\u00e9 \ud83d\ude00 \/""#.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (-300i32..300).prop_map(|n| n.to_string()),
        Just("-0".to_string()),
        Just("18446744073709551616".to_string()),
        Just("-9223372036854775809".to_string()),
        prop_oneof![
            Just("1.5"),
            Just("-0.25"),
            Just("3.0e2"),
            Just("1E-3"),
            Just("2e+1"),
            Just("123456.789")
        ]
        .prop_map(String::from),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("null".to_string()),
        prop_oneof![
            Just("\"low\""),
            Just("\"high\""),
            Just("\"Point\""),
            Just(r#"{"Circle":7}"#),
            Just(r#"{"Rect":{"w":2,"h":3}}"#),
            Just(r#"{"Pair":[-1,true]}"#),
            Just(r#"{"Rect":{"w":2}}"#),
            Just("\"x\""),
        ]
        .prop_map(String::from),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..4).prop_map(|m| {
                let members: Vec<String> = m
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\" : {v}"))
                    .collect();
                format!("{{ {} }}", members.join(" ,\n"))
            }),
        ]
    })
}

/// A claims set: the one-letter names the types above take, and others, in any order.
fn claims_text() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        "[sniuwfbatolecz]".prop_map(String::from),
        "[a-z]{2,6}".prop_filter("not a registered claim", |n| {
            !["exp", "nbf", "iat", "iss", "sub", "aud", "jti"].contains(&n.as_str())
        }),
    ];
    prop::collection::btree_map(name, value(), 0..8).prop_flat_map(|m| {
        let members: Vec<String> = m.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        Just(members)
            .prop_shuffle()
            .prop_map(|m| format!("{{{}}}", m.join(",")))
    })
}

/// A claims set whose members mostly fit [`Owned`] and [`Borrowed`]: values of each field's
/// type, now and then one of another type, so that both verdicts are common.
fn typed_claims_text() -> impl Strategy<Value = String> {
    let string = || {
        prop_oneof![
            "[a-z0-9 ]{0,10}".prop_map(|s| format!("\"{s}\"")),
            "[a-zé\"\\\\\n\u{1}]{0,6}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        ]
    };
    let int = |lo: i128, hi: i128| (lo - 2..hi + 2).prop_map(|n| n.to_string());
    let fields = (
        prop::option::of(string()),
        prop::option::of(int(i64::MIN.into(), i64::MAX.into())),
        prop::option::of(int(0, 255)),
        prop::option::of(int(i16::MIN.into(), i16::MAX.into())),
        prop::option::of(int(0, u64::MAX.into())),
        prop::option::of(prop_oneof![
            Just("2.5e-3"),
            Just("-7"),
            Just("null"),
            Just("1")
        ]),
        prop::option::of(prop_oneof![Just("true"), Just("false"), Just("0")]),
    );
    let more = (
        prop::option::of(prop::collection::vec(-9i32..9, 0..10).prop_map(|v| format!("{v:?}"))),
        prop::option::of(prop_oneof![
            Just("[1,true]"),
            Just("[1]"),
            Just("[1,true,2]")
        ]),
        prop::option::of(prop_oneof![
            Just(r#"{"n":3,"s":"x\ty"}"#),
            Just(r#"{"s":"x"}"#)
        ]),
        prop::option::of(prop_oneof![
            Just(r#""low""#),
            Just(r#""High""#),
            Just(r#"{"Circle":7}"#),
            Just(r#""Point""#),
            Just(r#"{"Rect":{"h":1,"w":2}}"#),
            Just(r#"{"Pair":[-1,false]}"#),
            Just(r#"{"Circle":-7}"#),
        ]),
        prop::option::of(prop_oneof![
            Just(r#""é""#),
            Just(r#""\u00e9""#),
            Just(r#""ab""#)
        ]),
        prop::option::of(prop_oneof![Just("null"), Just("0")]),
        prop::option::of(value()),
    );
    (fields, more).prop_flat_map(|((s, n, u, i, w, f, b), (a, t, o, l, c, z, x))| {
        let e = l.map(String::from);
        let members: Vec<String> = [
            ("s", s),
            ("n", n),
            ("u", u),
            ("i", i),
            ("w", w),
            ("f", f.map(String::from)),
            ("b", b.map(String::from)),
            ("a", a),
            ("t", t.map(String::from)),
            ("o", o.map(String::from)),
            ("e", e),
            ("c", c.map(String::from)),
            ("z", z.map(String::from)),
            ("other", x),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("\"{k}\":{v}")))
        .collect();
        Just(members)
            .prop_shuffle()
            .prop_map(|m| format!("{{{}}}", m.join(",")))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn typed_values_the_same_as_serde_json_core_and_serde_json(text in typed_claims_text()) {
        let claims = Claims::parse(text.as_bytes()).expect("generated text is a claims set");
        agree::<Owned>(&text, &claims);
        agree::<Borrowed<'_>>(&text, &claims);
    }

    #[test]
    fn the_same_as_serde_json_core_and_serde_json(text in claims_text()) {
        let claims = Claims::parse(text.as_bytes()).expect("generated text is a claims set");
        agree::<Owned>(&text, &claims);
        agree::<Borrowed<'_>>(&text, &claims);
        agree::<Strict>(&text, &claims);
        agree::<serde::de::IgnoredAny>(&text, &claims);
        // `deserialize_any`, as `serde_json` reads any value.
        let mine = ours::<serde_json::Value>(&claims).ok();
        prop_assert_eq!(mine, serde_json::from_str::<serde_json::Value>(&text).ok());
    }
}

#[test]
fn surrogate_pairs_where_serde_json_core_stops() {
    let text = r#"{"n":1,"s":"\ud83d\ude00"}"#;
    assert!(core_crate::<Strict>(text).is_none());
    let claims = Claims::parse(text.as_bytes()).unwrap();
    assert_eq!(
        ours::<Owned>(&claims).unwrap().s.as_deref(),
        Some("\u{1f600}")
    );
}

#[test]
fn strings_lent_or_decoded() {
    let text = r#"{"s":"plain","n":1,"b":true}"#;
    let claims = Claims::parse(text.as_bytes()).unwrap();
    let b: Borrowed<'_> = claims.deserialize().unwrap();
    assert_eq!(b.s, "plain");
    // Lent from the text itself, not copied.
    assert!(text.as_bytes().as_ptr_range().contains(&b.s.as_ptr()));
    let text = r#"{"s":"a\"b","n":1}"#;
    let claims = Claims::parse(text.as_bytes()).unwrap();
    assert_eq!(
        claims.deserialize::<Borrowed<'_>>(),
        Err(Error::CustomClaims)
    );
    let o: Owned = claims.deserialize().unwrap();
    assert_eq!(o.s.as_deref(), Some("a\"b"));
    let mut short = [0u8; 2];
    assert_eq!(
        claims.deserialize_escaped::<Owned>(&mut short),
        Err(Error::CustomClaims)
    );
    let mut exact = [0u8; 3];
    assert!(claims.deserialize_escaped::<Owned>(&mut exact).is_ok());
}

#[test]
fn integers_within_range_and_without_fraction() {
    let read = |text: &str| {
        let claims = Claims::parse(text.as_bytes()).unwrap();
        claims.deserialize::<Owned>().map(|o| (o.u, o.i, o.w, o.n))
    };
    assert_eq!(read(r#"{"u":255}"#), Ok((Some(255), None, None, None)));
    assert_eq!(read(r#"{"u":256}"#), Err(Error::CustomClaims));
    assert_eq!(read(r#"{"u":-1}"#), Err(Error::CustomClaims));
    assert_eq!(read(r#"{"u":1.0}"#), Err(Error::CustomClaims));
    assert_eq!(read(r#"{"u":1e0}"#), Err(Error::CustomClaims));
    assert_eq!(
        read(r#"{"i":-32768}"#),
        Ok((None, Some(-32768), None, None))
    );
    assert_eq!(read(r#"{"i":-32769}"#), Err(Error::CustomClaims));
    assert_eq!(
        read(r#"{"w":18446744073709551615}"#),
        Ok((None, None, Some(u64::MAX), None))
    );
    assert_eq!(
        read(r#"{"w":18446744073709551616}"#),
        Err(Error::CustomClaims)
    );
    assert_eq!(
        read(r#"{"n":-9223372036854775808}"#),
        Ok((None, None, None, Some(i64::MIN)))
    );
    assert_eq!(read(r#"{"n":"1"}"#), Err(Error::CustomClaims));
}

#[test]
fn floats_and_null() {
    #[derive(Deserialize)]
    struct F {
        f: f64,
        g: f32,
    }
    let claims = Claims::parse(br#"{"f":-1.5e3,"g":7}"#).unwrap();
    let f: F = claims.deserialize().unwrap();
    assert_eq!((f.f, f.g), (-1500.0, 7.0));
    // `null` as NaN, as serde-json-core reads (and writes) it.
    let claims = Claims::parse(br#"{"f":null,"g":null}"#).unwrap();
    let f: F = claims.deserialize().unwrap();
    assert!(f.f.is_nan() && f.g.is_nan());
    let (theirs, _): (BTreeMapFree, usize) =
        serde_json_core::from_str(r#"{"f":null,"g":null}"#).unwrap();
    assert!(theirs.f.is_nan() && theirs.g.is_nan());
    let claims = Claims::parse(br#"{"f":"1.5","g":1}"#).unwrap();
    assert_eq!(claims.deserialize::<F>().err(), Some(Error::CustomClaims));
    // Beyond `f64`'s range: refused, as `serde_json` refuses it (serde-json-core reads an
    // infinity), whether the type asks for a float or for any value.
    for text in [r#"{"f":1e400,"g":1}"#, r#"{"f":-2e308,"g":1}"#] {
        let claims = Claims::parse(text.as_bytes()).unwrap();
        assert_eq!(claims.deserialize::<F>().err(), Some(Error::CustomClaims));
        assert!(serde_json::from_str::<F>(text).is_err());
        assert!(ours::<serde_json::Value>(&claims).is_err());
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
    }
    // An `f32` through `f64`: 1e39 is an `f32` infinity, as in `serde_json`.
    let claims = Claims::parse(br#"{"f":1,"g":1e39}"#).unwrap();
    let f: F = claims.deserialize().unwrap();
    assert_eq!(
        f.g,
        serde_json::from_str::<F>(r#"{"f":1,"g":1e39}"#).unwrap().g
    );
}

/// [`floats_and_null`]'s type for serde-json-core.
#[derive(Deserialize)]
struct BTreeMapFree {
    f: f64,
    g: f32,
}

#[test]
fn maps_with_string_and_integer_keys() {
    let text = r#"{"2":20,"10":100,"a\u0062":1}"#;
    let claims = Claims::parse(text.as_bytes()).unwrap();
    let mine: BTreeMap<String, i64> = claims.deserialize().unwrap();
    assert_eq!(
        mine,
        serde_json::from_str::<BTreeMap<String, i64>>(text).unwrap()
    );
    assert_eq!(mine.get("ab"), Some(&1));
    // Integer keys, as `serde_json` reads them (serde-json-core cannot).
    let text = r#"{"2":20,"10":100}"#;
    let claims = Claims::parse(text.as_bytes()).unwrap();
    let mine: BTreeMap<u32, i64> = claims.deserialize().unwrap();
    assert_eq!(
        mine,
        serde_json::from_str::<BTreeMap<u32, i64>>(text).unwrap()
    );
    for bad in [r#"{"x":1}"#, r#"{"-1":1}"#, r#"{"+1":1}"#, r#"{"1.0":1}"#] {
        let claims = Claims::parse(bad.as_bytes()).unwrap();
        assert_eq!(
            claims.deserialize::<BTreeMap<u32, i64>>(),
            Err(Error::CustomClaims),
            "{bad}"
        );
        assert!(
            serde_json::from_str::<BTreeMap<u32, i64>>(bad).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn bytes_from_strings_and_arrays() {
    #[derive(Deserialize)]
    struct B<'a> {
        #[serde(borrow, with = "serde_bytes_borrowed")]
        raw: &'a [u8],
    }
    mod serde_bytes_borrowed {
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'de [u8], D::Error> {
            <&[u8]>::deserialize(d)
        }
        use serde::Deserialize;
    }
    let claims = Claims::parse(br#"{"raw":"abc"}"#).unwrap();
    assert_eq!(claims.deserialize::<B<'_>>().unwrap().raw, b"abc");
    let text = r#"{"raw":[1,2,255]}"#;
    let claims = Claims::parse(text.as_bytes()).unwrap();
    let v: BTreeMap<&str, Vec<u8>> = claims.deserialize().unwrap();
    assert_eq!(v["raw"], [1, 2, 255]);
}

#[test]
fn ignored_members_of_any_depth_are_stepped_over() {
    // As deep as the claims reader accepts (the claims object is one of its levels).
    let depth = authcore::json::MAX_DEPTH - 1;
    let deep = format!(
        r#"{{"x":{}{}{},"n":5}}"#,
        r#"{"a":["#.repeat(depth / 2),
        r#""\"],[{}]""#,
        "]}".repeat(depth / 2)
    );
    let claims = Claims::parse(deep.as_bytes()).unwrap();
    assert_eq!(claims.deserialize::<Strict>(), Err(Error::CustomClaims));
    #[derive(Debug, Deserialize)]
    struct N {
        n: i64,
    }
    assert_eq!(claims.deserialize::<N>().unwrap().n, 5);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&deep).unwrap()["n"],
        5
    );
}

#[test]
fn text_that_is_not_the_validated_one_gives_errors_not_panics() {
    // `Claims::from_spans` may be handed any text: every prefix and every one-byte change of
    // a claims set reads to a value or an error, never a panic or an endless walk.
    let text = r#"{"s":"a\"b\u00e9","n":-12,"a":[1,[2,{"k":null}]],"o":{"n":1,"s":"x"},"f":1.5e2,"b":true,"e":{"Rect":{"w":1,"h":2}}}"#;
    let claims = Claims::parse(text.as_bytes()).unwrap();
    let spans = claims.spans().unwrap();
    let mut mutated = Vec::new();
    for cut in 0..text.len() {
        mutated.push(text[..cut].to_string());
    }
    for at in 0..text.len() {
        for b in [
            b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b'-', b'1', b'n', b' ',
        ] {
            let mut t = text.as_bytes().to_vec();
            t[at] = b;
            if let Ok(t) = String::from_utf8(t) {
                mutated.push(t);
            }
        }
    }
    for t in &mutated {
        if let Some(c) = Claims::from_spans(t, &spans) {
            let _ = ours::<Owned>(&c);
            let _ = ours::<serde::de::IgnoredAny>(&c);
            let _ = ours::<serde_json::Value>(&c);
        }
    }
}

#[test]
fn typed_values_are_read_more_often_than_not() {
    // The typed generator must exercise the successful path, not only refusals.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = typed_claims_text();
    let mut read = 0;
    for _ in 0..400 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let claims = Claims::parse(text.as_bytes()).unwrap();
        read += usize::from(ours::<Owned>(&claims).is_ok());
    }
    assert!(read > 40, "only {read} of 400 generated claims sets fit");
}

#[test]
fn nesting_is_limited_as_in_the_validating_scan() {
    // As deep as the claims reader accepts, into a type that recurses with the text.
    let levels = authcore::json::MAX_DEPTH - 1;
    let deepest = format!(r#"{{"x":{}1{}}}"#, "[".repeat(levels), "]".repeat(levels));
    let claims = Claims::parse(deepest.as_bytes()).unwrap();
    assert_eq!(
        ours::<serde_json::Value>(&claims).unwrap(),
        serde_json::from_str::<serde_json::Value>(&deepest).unwrap()
    );
    // Text that is not the validated one (`from_spans` trusts its caller) nested far deeper
    // is an error, not a stack overflow.
    let spans = claims.spans().unwrap();
    let hostile = format!(r#"{{"x":{}1{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    let c = Claims::from_spans(&hostile, &spans).unwrap();
    assert_eq!(
        ours::<serde_json::Value>(&c).err(),
        Some(Error::CustomClaims)
    );
    let hostile = format!(
        r#"{{"x":{}1{}}}"#,
        r#"{"a":"#.repeat(100_000),
        "}".repeat(100_000)
    );
    let c = Claims::from_spans(&hostile, &spans).unwrap();
    assert_eq!(
        ours::<serde_json::Value>(&c).err(),
        Some(Error::CustomClaims)
    );
}
