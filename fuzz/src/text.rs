//! Claims, RFC 3339 date-times, token responses, `Authorization` headers and request bodies.

use authcore::authz::{self, HeaderStyle};
use authcore::lifetime::{Expiry, MAX_LIFETIME, parse_rfc3339};
use authcore::response::{Field, body};
use authcore::{
    ApiProfile, AuthSession, Authorization, Claims, Credentials, JsonStr, LifecycleError,
    ManualClock, TokenResponse,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::Value as Json;

use crate::buffers::{SENTINEL, sweep};
use crate::fields;

/// A JSON string decoded, checking `decode_into` at every buffer size.
fn decoded(s: JsonStr<'_>) -> String {
    let out = sweep(|b| s.decode_into(b)).expect("decode_into");
    assert_eq!(out.len(), s.decoded_len());
    assert!(s.eq_str(&out), "eq_str disagrees with decode_into");
    if !s.is_escaped() {
        assert_eq!(s.as_str(), Some(out.as_str()));
    }
    out
}

/// Serde's reading of a JSON text authcore accepted (serde_json with arbitrary precision
/// accepts every valid JSON text, and nests deeper than authcore's limit of 64).
fn reference_json(text: &[u8]) -> Json {
    serde_json::from_slice(text).unwrap_or_else(|e| {
        panic!(
            "authcore accepted JSON that serde_json refuses ({e}): {:?}",
            String::from_utf8_lossy(text)
        )
    })
}

/// The registered claims, as `Claims::deserialize` reads them.
#[derive(Deserialize)]
struct Registered<'a> {
    sub: Option<&'a str>,
    exp: Option<i64>,
}

/// Claims parsing: what authcore accepts, serde_json accepts, with the same `iss`, `sub`,
/// `jti`, `aud` and integer `exp`/`nbf`/`iat`; what `deserialize` gives agrees too.
pub fn claims(data: &[u8]) {
    let Ok(c) = Claims::parse(data) else {
        return;
    };
    let v = reference_json(data);
    let obj = v
        .as_object()
        .expect("claims accepted that are not an object");
    for (name, got) in [("iss", c.iss), ("sub", c.sub), ("jti", c.jti)] {
        match got {
            Some(s) => assert_eq!(Some(decoded(s).as_str()), obj[name].as_str(), "{name}"),
            None => assert!(!obj.contains_key(name), "{name} missed"),
        }
    }
    for (name, got) in [("exp", c.exp), ("nbf", c.nbf), ("iat", c.iat)] {
        match (got, obj.get(name)) {
            (None, None) => {}
            (Some(n), Some(Json::Number(want))) => {
                if let Ok(want) = want.to_string().parse::<i64>() {
                    assert_eq!(n, want, "{name}");
                }
            }
            (got, want) => panic!("{name}: {got:?} for {want:?}"),
        }
    }
    match (c.aud, obj.get("aud")) {
        (None, None) => {}
        (Some(aud), Some(want)) => {
            let got: Vec<String> = aud.iter().map(decoded).collect();
            let want: Vec<String> = match want {
                Json::String(s) => vec![s.clone()],
                Json::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().expect("aud element").to_owned())
                    .collect(),
                other => panic!("aud accepted as {other:?}"),
            };
            assert_eq!(got, want);
        }
        (got, want) => panic!("aud: {got:?} for {want:?}"),
    }
    for (name, _) in c.object().members() {
        let name = decoded(name);
        assert!(
            c.contains(&name) && obj.contains_key(&name),
            "member {name}"
        );
    }
    if let Ok(r) = c.deserialize::<Registered<'_>>() {
        if let Some(sub) = r.sub {
            assert!(c.sub.is_some_and(|s| s.eq_str(sub)), "deserialized sub");
        }
        if let Some(exp) = r.exp {
            assert_eq!(c.exp, Some(exp), "deserialized exp");
        }
    }
    // The whole set through `deserialize_any`, against serde_json's reading of the text
    // (no decoded string is longer than the text); refused only for a number beyond
    // `f64`'s range, as serde_json without arbitrary precision refuses it.
    let mut scratch = vec![0u8; data.len()];
    match c.deserialize_escaped::<Json>(&mut scratch) {
        Ok(whole) => assert!(same_json(&whole, &v), "deserialized {whole} for {v}"),
        Err(e) => assert!(beyond_f64(&v), "deserialize refused {v}: {e:?}"),
    }
}

/// Whether a number in `v` is beyond `f64`'s range.
fn beyond_f64(v: &Json) -> bool {
    match v {
        Json::Number(n) => n.as_f64().is_none_or(f64::is_infinite),
        Json::Array(a) => a.iter().any(beyond_f64),
        Json::Object(o) => o.values().any(beyond_f64),
        _ => false,
    }
}

/// Whether two JSON values are equal, numbers by value: `v` comes from serde_json with
/// arbitrary precision, which keeps each number's text.
fn same_json(got: &Json, want: &Json) -> bool {
    match (got, want) {
        (Json::Number(g), Json::Number(w)) => {
            (g.as_u64().is_some() && g.as_u64() == w.as_u64())
                || (g.as_i64().is_some() && g.as_i64() == w.as_i64())
                || g.as_f64() == w.as_f64()
        }
        (Json::Array(g), Json::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(g, w)| same_json(g, w))
        }
        (Json::Object(g), Json::Object(w)) => {
            g.len() == w.len()
                && g.iter()
                    .all(|(k, g)| w.get(k).is_some_and(|w| same_json(g, w)))
        }
        _ => got == want,
    }
}

/// Days since 1970-01-01 by counting whole years and months: slow, plain, independent of
/// the core's closed formula.
fn reference_days(year: i64, month: u32, day: u32) -> i64 {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let year_len = |y: i64| if leap(y) { 366 } else { 365 };
    let mut days: i64 = if year >= 1970 {
        (1970..year).map(year_len).sum()
    } else {
        -(year..1970).map(year_len).sum::<i64>()
    };
    let months = [
        31,
        if leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    days += months[..(month - 1) as usize].iter().sum::<i64>();
    days + i64::from(day) - 1
}

/// A deliberately naive RFC 3339 §5.6 reader: `(secs, nanos)` or `None`.
fn reference_rfc3339(s: &str) -> Option<(i64, u32)> {
    if !s.is_ascii() || s.len() < 20 {
        return None;
    }
    let b = s.as_bytes();
    let num = |from: usize, to: usize| -> Option<u32> {
        let t = s.get(from..to)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if (b[4], b[7], b[13], b[16]) != (b'-', b'-', b':', b':') || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let mut rest = &s[19..];
    let mut nanos = 0;
    if let Some(r) = rest.strip_prefix('.') {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        nanos = format!("{:0<9}", &r[..n.min(9)]).parse().ok()?;
        rest = &r[n..];
    }
    let offset: i64 = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let n = s.len();
            let (oh, om) = (num(n - 5, n - 3)?, num(n - 2, n)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = i64::from(oh * 3600 + om * 60);
            match rest.as_bytes()[0] {
                b'+' => o,
                b'-' => -o,
                _ => return None,
            }
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_len = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=12).contains(&month) || day == 0 || day > month_len || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let secs = reference_days(i64::from(year), month, day) * 86_400
        + i64::from(hour * 3600 + minute * 60 + second.min(59))
        - offset;
    // A leap second only at the end of a UTC day, read as its last second.
    if second == 60 && (secs + 1).rem_euclid(86_400) != 0 {
        return None;
    }
    Some((secs, nanos))
}

/// The RFC 3339 parser agrees with the naive reference on every text.
pub fn rfc3339(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let got = parse_rfc3339(s);
    let want = reference_rfc3339(s);
    assert_eq!(got.ok().map(|t| (t.secs, t.nanos)), want, "{s:?}: {got:?}");
    if let Ok(t) = got {
        assert!(t.nanos < 1_000_000_000);
        assert_eq!(
            t.unix_millis(),
            t.secs * 1000 + i64::from(t.nanos / 1_000_000)
        );
        // A date-time parsed is usable as an expiry when received before it.
        if let Ok(e) = Expiry::at_rfc3339(t.secs - 10, s) {
            assert_eq!(e.end(), Some(t.secs));
        }
    }
}

const PROFILES: [ApiProfile; 7] = [
    ApiProfile::OAUTH2,
    ApiProfile::IMMPORT,
    ApiProfile::INFOWORKS,
    ApiProfile::ARIA,
    ApiProfile::VREALIZE,
    ApiProfile::DATARHEI,
    ApiProfile::BLUECAT,
];

/// Serde's value at the dotted `path`.
fn at<'v>(v: &'v Json, path: &str) -> Option<&'v Json> {
    path.split('.').try_fold(v, |v, name| v.get(name))
}

/// A header or body a session writes: no control character may get into it, whatever the
/// server sent.
fn check_clean(s: &str) {
    assert!(
        !s.bytes().any(|b| b < 0x20 || b == 0x7f),
        "control character written: {s:?}"
    );
}

/// Token responses under every API profile: what parses is valid JSON with the access token
/// at one of the profile's paths; the session accepts it only if it parses, and then writes
/// only clean headers and bodies.
pub fn token_response(data: &[u8]) {
    const NOW: i64 = 1_700_000_000;
    for profile in PROFILES {
        let parsed = TokenResponse::parse(data, &profile.response);
        let mut session = AuthSession::<1024>::new(profile);
        let clock = ManualClock::unix(NOW);
        let accepted = session.accept_login(data, &clock);
        if let (Err(e), Err(a)) = (&parsed, &accepted) {
            assert_eq!(a, e, "session and parser disagree");
        }
        let Ok(r) = parsed else {
            assert!(accepted.is_err(), "session accepted what does not parse");
            continue;
        };
        let v = reference_json(data);
        let token = decoded(r.access_token);
        assert!(
            profile
                .response
                .paths
                .iter()
                .filter(|(f, _)| *f == Field::AccessToken)
                .any(|(_, p)| at(&v, p).and_then(Json::as_str) == Some(token.as_str())),
            "access token {token:?} not where the profile says"
        );
        for s in [r.refresh_token, r.token_type, r.basic_credentials, r.scope]
            .into_iter()
            .flatten()
        {
            decoded(s);
        }
        for n in [r.expires_in, r.refresh_expires_in].into_iter().flatten() {
            assert!((0..=MAX_LIFETIME).contains(&n), "lifetime {n}");
        }
        if let Some(ms) = r.expires_at_millis {
            assert!(ms >= 0, "expiry {ms}");
        }
        if accepted.is_err() {
            continue;
        }
        let mut buf = vec![SENTINEL; 4096];
        let header = sweep(|b| session.authorization(b)).expect("authorization");
        check_clean(&header);
        assert!(Authorization::parse(&header).is_ok(), "{header:?}");
        if let Ok(req) = session.refresh_request(&mut buf) {
            req.authorization.map(check_clean);
            req.body.map(check_clean);
        }
        let _ = session.next(&clock, &mut buf);
        let _ = session.status(&clock);
    }
}

/// `Authorization` parsing: every header that parses re-formats to an equivalent one.
pub fn authz_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = match Authorization::parse(text) {
        Ok(p) => p,
        Err(e) => {
            assert!(
                matches!(
                    e,
                    LifecycleError::ControlCharacter | LifecycleError::MalformedAuthorization
                ),
                "{e:?}"
            );
            return;
        }
    };
    match parsed {
        Authorization::Bearer(t) => {
            let h = sweep(|b| authz::bearer(t, b)).expect("bearer of a parsed token");
            assert_eq!(h, format!("Bearer {t}"));
            assert_eq!(Authorization::parse(&h), Ok(parsed));
        }
        Authorization::Basic(c) => {
            let h = sweep(|b| authz::basic_ready_made(c.encoded(), b)).expect("basic");
            assert_eq!(Authorization::parse(&h), Ok(parsed));
            let mut big = vec![SENTINEL; c.encoded().len()];
            let Ok((user, password)) = c.decode(&mut big) else {
                return;
            };
            let needed = user.len() + 1 + password.len();
            let mut small = vec![SENTINEL; needed - 1];
            assert_eq!(
                c.decode(&mut small),
                Err(LifecycleError::BufferTooSmall { needed })
            );
            assert!(small.iter().all(|&b| b == SENTINEL));
            let h = sweep(|b| authz::basic(user, password, b)).expect("basic of decoded");
            assert_eq!(h, format!("Basic {}", c.encoded()), "not canonical base64");
        }
        Authorization::Other {
            scheme,
            credentials,
        } => {
            let h = if credentials.is_empty() {
                sweep(|b| authz::bare(scheme, b)).expect("bare scheme")
            } else if authz::check_visible_token(credentials).is_ok() {
                sweep(|b| authz::with_scheme(scheme, credentials, b)).expect("custom")
            } else {
                return;
            };
            assert_eq!(Authorization::parse(&h), Ok(parsed));
        }
    }
}

/// Reads `application/x-www-form-urlencoded` back (the reference for the writers).
fn form_decode(s: &str) -> Vec<(String, String)> {
    fn component(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("hex");
                    out.push(u8::from_str_radix(hex, 16).expect("hex"));
                    i += 2;
                }
                c => {
                    assert!(c.is_ascii_alphanumeric() || b"*-._".contains(&c), "{s:?}");
                    out.push(c);
                }
            }
            i += 1;
        }
        String::from_utf8(out).expect("form component not UTF-8")
    }
    if s.is_empty() {
        return Vec::new();
    }
    s.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').expect("pair without =");
            (component(k), component(v))
        })
        .collect()
}

fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, String)> {
    list.iter()
        .filter_map(|(k, v)| Some(((*k).to_owned(), (*v)?.to_owned())))
        .collect()
}

/// A JSON body read back: its members in order.
fn json_members(s: &str) -> Vec<(String, String)> {
    check_clean(s);
    assert!(!s.contains(['\u{2028}', '\u{2029}']), "{s:?}");
    // Members in order, duplicates kept: read as a list of pairs.
    struct Members(Vec<(String, String)>);
    impl<'de> Deserialize<'de> for Members {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Members;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object of strings")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Members, A::Error> {
                    let mut v = Vec::new();
                    while let Some(pair) = map.next_entry::<String, String>()? {
                        v.push(pair);
                    }
                    Ok(Members(v))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_str::<Members>(s)
        .unwrap_or_else(|e| panic!("body is not a JSON object ({e}): {s:?}"))
        .0
}

/// Header values and request bodies from arbitrary strings (`a 0xFF b 0xFF …`), at every
/// buffer size: what is written reads back to the inputs; what is refused is refused for a
/// reason the input has. Selector bits choose the optional parts.
pub fn format(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Some([a, b, c, d, e]) = fields::<5>(rest) else {
        return;
    };
    let controls = |s: &str| s.chars().any(char::is_control);

    // Authorization header values.
    match sweep(|buf| authz::bearer(a, buf)) {
        Ok(h) => {
            assert_eq!(h, format!("Bearer {a}"));
            assert_eq!(Authorization::parse(&h), Ok(Authorization::Bearer(a)));
            let lower = sweep(|buf| authz::format(HeaderStyle::LowerBearer, a, buf));
            assert_eq!(lower, Ok(format!("bearer {a}")));
        }
        Err(e) => assert_eq!(authz::check_b64token(a), Err(e)),
    }
    match sweep(|buf| authz::basic(a, b, buf)) {
        Ok(h) => {
            assert_eq!(h, format!("Basic {}", STANDARD.encode(format!("{a}:{b}"))));
            let Ok(Authorization::Basic(cred)) = Authorization::parse(&h) else {
                panic!("{h:?} does not parse as Basic");
            };
            let mut buf = vec![0; h.len()];
            assert_eq!(cred.decode(&mut buf), Ok((a, b)));
        }
        Err(LifecycleError::ControlCharacter) => assert!(controls(a) || controls(b)),
        Err(LifecycleError::ColonInUserId) => assert!(a.contains(':')),
        Err(e) => panic!("basic: {e:?}"),
    }
    match sweep(|buf| authz::bare(a, buf)) {
        Ok(h) => assert!(h == a && a.bytes().all(|c| c.is_ascii_graphic())),
        Err(e) => assert_eq!(authz::check_visible_token(a), Err(e)),
    }
    if let Ok(h) = sweep(|buf| authz::with_scheme(a, b, buf)) {
        assert_eq!(h, format!("{a} {b}"));
        match Authorization::parse(&h) {
            Ok(Authorization::Other {
                scheme,
                credentials,
            }) => assert_eq!((scheme, credentials), (a, b)),
            Ok(Authorization::Bearer(t)) => assert!(a.eq_ignore_ascii_case("bearer") && t == b),
            Ok(Authorization::Basic(c)) => {
                assert!(a.eq_ignore_ascii_case("basic") && c.encoded() == b)
            }
            Err(e) => assert!(
                e == LifecycleError::MalformedAuthorization
                    && (a.eq_ignore_ascii_case("bearer") || a.eq_ignore_ascii_case("basic")),
                "{h:?}: {e:?}"
            ),
        }
    }

    // JSON bodies: always written, members read back exactly.
    let members = [(a, Some(b)), (c, Some(d)), (e, None)];
    let json = sweep(|buf| body::json_object(&members, buf)).expect("json_object");
    assert_eq!(json_members(&json), pairs(&members));
    let creds = Credentials {
        username: a,
        password: b,
        auth_source: (sel & 1 != 0).then_some(c),
    };
    let login = sweep(|buf| body::json_login(&creds, buf)).expect("json_login");
    let want = [
        ("username", Some(a)),
        ("password", Some(b)),
        ("authSource", creds.auth_source),
    ];
    assert_eq!(json_members(&login), pairs(&want));

    // Form bodies.
    let list = [(a, Some(b)), (c, None), (d, Some(e))];
    let form = sweep(|buf| body::form(&list, buf)).expect("form");
    assert_eq!(form_decode(&form), pairs(&list));
    let form = sweep(|buf| body::form_login(&creds, buf)).expect("form_login");
    assert_eq!(form_decode(&form), pairs(&want));
    let scope = (sel & 2 != 0).then_some(c);
    let client_id = (sel & 4 != 0).then_some(d);
    let grant = sweep(|buf| body::oauth_password_grant(&creds, scope, client_id, buf))
        .expect("password grant");
    let want = [
        ("grant_type", Some("password")),
        ("username", Some(a)),
        ("password", Some(b)),
        ("scope", scope),
        ("client_id", client_id),
    ];
    assert_eq!(form_decode(&grant), pairs(&want));
    let refresh =
        sweep(|buf| body::oauth_refresh_grant(e, scope, client_id, buf)).expect("refresh grant");
    let want = [
        ("grant_type", Some("refresh_token")),
        ("refresh_token", Some(e)),
        ("scope", scope),
        ("client_id", client_id),
    ];
    assert_eq!(form_decode(&refresh), pairs(&want));

    // A session's login request is one of the above, for its profile.
    let profile = PROFILES[usize::from(sel >> 3) % PROFILES.len()];
    let session = AuthSession::<256>::new(profile);
    let mut buf = vec![SENTINEL; 8192];
    if let Ok(req) = session.login_request(&creds, &mut buf) {
        req.authorization.map(check_clean);
        req.body.map(check_clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_rfc3339_reads_the_rfc_examples() {
        assert_eq!(
            reference_rfc3339("1985-04-12T23:20:50.52Z"),
            Some((482_196_050, 520_000_000))
        );
        assert_eq!(
            reference_rfc3339("1996-12-19T16:39:57-08:00"),
            Some((851_042_397, 0))
        );
        assert_eq!(
            reference_rfc3339("1990-12-31T15:59:60-08:00"),
            Some((662_687_999, 0))
        );
        assert_eq!(reference_rfc3339("1969-12-31T23:59:59Z"), Some((-1, 0)));
        assert_eq!(reference_rfc3339("2023-02-29T00:00:00Z"), None);
    }

    #[test]
    fn form_decode_reads_plus_and_percent() {
        assert_eq!(
            form_decode("a+b=%C3%A9&c="),
            vec![
                ("a b".to_owned(), "é".to_owned()),
                ("c".to_owned(), String::new())
            ]
        );
    }
}
