//! RFC 3339 parsing, expiry sources and the tracker's answers over simulated time.

use authcore::clock::TimeBase;
use authcore::lifetime::{
    DateTimeError, Expiry, MAX_TIME, MIN_TIME, RefreshPolicy, Status, Timestamp, Tracker,
    parse_rfc3339,
};
use authcore::{Claim, Error, LifecycleError};
use proptest::prelude::*;

/// Unix seconds and nanoseconds computed by Python's `datetime` (timezone-aware
/// subtraction from the epoch), not by this crate.
const PYTHON_VECTORS: &[(&str, i64, u32)] = &[
    ("2000-02-24T12:30:09z", 951395409, 0),
    ("2000-01-08T16:34:23.123+00:00", 947349263, 123000000),
    ("1969-01-27T20:51:16.123-00:00", -29214524, 123000000),
    ("2000-11-28t23:54:54.123z", 975455694, 123000000),
    ("6355-04-06t07:30:17+14:00", 138385387817, 0),
    ("2000-10-23t09:54:48.123456789-00:00", 972294888, 123456789),
    ("2400-11-09T16:34:41.000001-08:00", 13596597281, 1000),
    ("0004-07-30T06:40:40.000001+05:30", -62022754160, 1000),
    ("2100-12-19T10:40:35.5-08:00", 4132924835, 500000000),
    ("1970-05-25t18:39:55.5z", 12508795, 500000000),
    ("2000-08-01t01:22:44+05:30", 965073164, 0),
    ("0001-08-06T11:50:51.123+05:30", -62116825149, 123000000),
    ("1969-07-30T06:07:03Z", -13369977, 0),
    ("0400-10-02T17:31:37.5-08:00", -49520586503, 500000000),
    ("2100-08-02T07:26:28.5+23:59", 4120788448, 500000000),
    (
        "9999-07-03t13:13:59.123456789+00:00",
        253386623639,
        123456789,
    ),
    (
        "9999-11-11t13:33:13.9999999999+05:30",
        253397923393,
        999999999,
    ),
    ("9999-02-28t08:40:42.5Z", 253375807242, 500000000),
    ("1999-11-28t01:55:10.9999999999-23:59", 943840450, 999999999),
    ("2038-04-26t00:13:59.5Z", 2155853639, 500000000),
    ("1999-10-25T04:02:23+14:00", 940773743, 0),
    ("2024-02-03t17:29:24.5+05:30", 1706961564, 500000000),
    ("2400-02-21T06:40:19.000001+23:59", 13573809679, 1000),
    ("1900-06-28t05:11:45.5-08:00", -2193562095, 500000000),
    ("0100-08-26T22:38:30.123456789z", -58990900890, 123456789),
    (
        "2400-10-10t16:50:28.123456789-23:59",
        13594063768,
        123456789,
    ),
    (
        "0004-06-26T03:10:11.123456789-23:59",
        -62025598249,
        123456789,
    ),
    (
        "2556-02-15T20:58:22.123456789+05:30",
        18496308502,
        123456789,
    ),
    ("0303-04-06T03:13:02.123z", -52597284418, 123000000),
    (
        "0001-11-10T19:56:40.9999999999+00:00",
        -62108481800,
        999999999,
    ),
    ("1900-02-28T19:52:00.5-00:00", -2203906080, 500000000),
    ("2827-10-07t03:30:39.123+05:30", 27068421639, 123000000),
    ("9999-06-30T02:11:45-23:59", 253386411045, 0),
    // Leap days (Python's calendar.timegm).
    ("2000-02-29T00:00:00Z", 951782400, 0),
    ("2024-02-29T23:59:59Z", 1709251199, 0),
    ("2400-02-29T12:00:00Z", 13574606400, 0),
    ("0004-02-29T00:00:00Z", -62035891200, 0),
    // DESIGN.md's BlueCat example.
    ("2023-01-21T21:40:48Z", 1674337248, 0),
];

#[test]
fn rfc3339_matches_python() {
    for &(text, secs, nanos) in PYTHON_VECTORS {
        assert_eq!(parse_rfc3339(text), Ok(Timestamp { secs, nanos }), "{text}");
    }
    assert_eq!(
        parse_rfc3339("0000-01-01T00:00:00Z").unwrap().secs,
        MIN_TIME
    );
    assert_eq!(
        parse_rfc3339("9999-12-31T23:59:59Z").unwrap().secs,
        MAX_TIME
    );
    assert_eq!(
        parse_rfc3339("2023-01-21T21:40:48.999Z")
            .unwrap()
            .unix_millis(),
        1_674_337_248_999
    );
    assert_eq!(
        parse_rfc3339("1969-12-31T23:59:59.5Z")
            .unwrap()
            .unix_millis(),
        -500
    );
}

#[test]
fn rfc3339_leap_seconds_only_at_the_end_of_a_utc_day() {
    // 2016-12-31T23:59:60Z was a real leap second; it is read as :59 (never later).
    assert_eq!(
        parse_rfc3339("2016-12-31T23:59:60Z").unwrap().secs,
        1_483_228_799
    );
    assert_eq!(
        parse_rfc3339("2017-01-01T05:29:60+05:30").unwrap().secs,
        1_483_228_799
    );
    assert_eq!(
        parse_rfc3339("2016-12-31T15:59:60.25-08:00").unwrap(),
        Timestamp {
            secs: 1_483_228_799,
            nanos: 250_000_000
        }
    );
    for bad in [
        "2016-12-31T23:58:60Z",
        "2016-12-31T12:59:60Z",
        "2016-12-31T23:59:60+01:00",
    ] {
        assert_eq!(parse_rfc3339(bad), Err(DateTimeError::Second), "{bad}");
    }
}

#[test]
fn rfc3339_refuses_impossible_dates_and_bad_syntax() {
    use DateTimeError::*;
    let cases: &[(&str, DateTimeError)] = &[
        ("2023-02-29T00:00:00Z", Day),
        ("1900-02-29T00:00:00Z", Day),
        ("2100-02-29T00:00:00Z", Day),
        ("2024-02-30T00:00:00Z", Day),
        ("2023-04-31T00:00:00Z", Day),
        ("2023-06-31T00:00:00Z", Day),
        ("2023-09-31T00:00:00Z", Day),
        ("2023-11-31T00:00:00Z", Day),
        ("2023-01-32T00:00:00Z", Day),
        ("2023-01-00T00:00:00Z", Day),
        ("2023-13-01T00:00:00Z", Month),
        ("2023-00-01T00:00:00Z", Month),
        ("2023-01-01T24:00:00Z", Hour),
        ("2023-01-01T23:60:00Z", Minute),
        ("2023-01-01T23:59:61Z", Second),
        ("2023-01-01T00:00:00+24:00", Offset),
        ("2023-01-01T00:00:00-00:60", Offset),
        ("2023-01-01 00:00:00Z", Syntax { offset: 10 }),
        ("2023-01-01T00:00:00", Syntax { offset: 19 }),
        ("2023-01-01T00:00:00.Z", Syntax { offset: 20 }),
        ("2023-01-01T00:00:00ZZ", Syntax { offset: 20 }),
        ("2023-01-01T00:00:00+0100", Syntax { offset: 22 }),
        ("2023-01-01T00:00:00+01", Syntax { offset: 22 }),
        ("23-01-01T00:00:00Z", Syntax { offset: 2 }),
        ("+2023-01-01T00:00:00Z", Syntax { offset: 0 }),
        ("2023-1-01T00:00:00Z", Syntax { offset: 6 }),
        ("2023-01-01T0:00:00Z", Syntax { offset: 12 }),
        ("2023-01-01T00:00:00.5.5Z", Syntax { offset: 21 }),
        ("2023-01-01T00:00:00 Z", Syntax { offset: 19 }),
        ("2023-01-01", Syntax { offset: 10 }),
        ("", Syntax { offset: 0 }),
        ("２023-01-01T00:00:00Z", Syntax { offset: 0 }),
        ("2023-01-01T00:00:00Z\n", Syntax { offset: 20 }),
        (
            "Tuesday, November 21, 2023 6:41:23 PM UTC",
            Syntax { offset: 0 },
        ),
    ];
    for (text, want) in cases {
        assert_eq!(parse_rfc3339(text), Err(*want), "{text:?}");
    }
}

/// An independent day count: walk whole years and months from 1970.
fn naive_days(y: i64, m: u32, d: u32) -> i64 {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut days = 0i64;
    if y >= 1970 {
        for yy in 1970..y {
            days += if leap(yy) { 366 } else { 365 };
        }
    } else {
        for yy in y..1970 {
            days -= if leap(yy) { 366 } else { 365 };
        }
    }
    let lens = [
        31,
        if leap(y) { 29 } else { 28 },
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
    days + lens[..(m - 1) as usize].iter().sum::<i64>() + i64::from(d) - 1
}

#[test]
fn every_day_of_every_month_in_leap_and_common_years() {
    for y in [
        1600, 1700, 1900, 1969, 1970, 1971, 1996, 2000, 2023, 2024, 2100, 2400,
    ] {
        for m in 1..=12u32 {
            for d in 1..=32u32 {
                let text = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                let len = match m {
                    2 if leap => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                if d <= len {
                    let got = parse_rfc3339(&text).unwrap().secs;
                    assert_eq!(got, naive_days(y, m, d) * 86_400, "{text}");
                } else {
                    assert_eq!(parse_rfc3339(&text), Err(DateTimeError::Day), "{text}");
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn rfc3339_never_panics(s in "\\PC{0,40}") {
        let _ = parse_rfc3339(&s);
    }

    #[test]
    fn rfc3339_never_panics_near_the_grammar(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{2}:[0-9]{2})?") {
        let _ = parse_rfc3339(&s);
    }

    #[test]
    fn offsets_shift_by_exactly_their_length(h in 0u32..24, m in 0u32..60, plus in any::<bool>()) {
        let sign = if plus { '+' } else { '-' };
        let local = parse_rfc3339(&format!("2024-02-29T12:00:00{sign}{h:02}:{m:02}")).unwrap();
        let utc = parse_rfc3339("2024-02-29T12:00:00Z").unwrap();
        let off = i64::from(h * 3600 + m * 60);
        prop_assert_eq!(local.secs, if plus { utc.secs - off } else { utc.secs + off });
    }
}

const P: RefreshPolicy = RefreshPolicy {
    margin_secs: 60,
    margin_permille: 100,
    leeway: 5,
    max_skew: 300,
};

#[test]
fn tracker_fresh_then_refresh_soon_then_expired() {
    // 3600 s lifetime: margin = max(60, 360) = 360; leeway 5.
    let t = Tracker::new(Expiry::after(1000, 3600).unwrap(), P);
    assert_eq!(t.margin(), 360);
    assert_eq!(t.status(1000), Status::Fresh { remaining: 3595 });
    assert_eq!(t.status(4234), Status::Fresh { remaining: 361 });
    assert_eq!(t.status(4235), Status::RefreshSoon { remaining: 360 });
    assert_eq!(t.status(4594), Status::RefreshSoon { remaining: 1 });
    assert_eq!(t.status(4595), Status::Expired);
    assert_eq!(t.status(i64::MAX), Status::Expired);
    assert_eq!(
        t.status(i64::MIN),
        Status::Fresh {
            remaining: i64::MAX
        }
    );
}

#[test]
fn margin_is_seconds_or_fraction_whichever_first_capped_at_half() {
    // 300 s: 10 % is 30 < 60, so 60 s.
    assert_eq!(Tracker::new(Expiry::after(0, 300).unwrap(), P).margin(), 60);
    // 86400 s: 10 % is 8640 > 60.
    assert_eq!(
        Tracker::new(Expiry::after(0, 86_400).unwrap(), P).margin(),
        8640
    );
    // 60 s: 60 s margin would renew at once; capped at 30.
    let t = Tracker::new(Expiry::after(0, 60).unwrap(), P);
    assert_eq!(t.margin(), 30);
    assert_eq!(t.status(0), Status::Fresh { remaining: 55 });
    assert_eq!(t.status(25), Status::RefreshSoon { remaining: 30 });
    // Zero lifetime: expired at once, no panic.
    let t = Tracker::new(Expiry::after(0, 0).unwrap(), P);
    assert_eq!(t.status(0), Status::Expired);
    // Unbounded: always fresh.
    let t = Tracker::new(Expiry::unbounded(0), P);
    assert_eq!(
        t.status(i64::MAX),
        Status::Fresh {
            remaining: i64::MAX
        }
    );
    assert!(Status::Fresh { remaining: 1 }.is_usable());
    assert_eq!(Status::Expired.remaining(), None);
}

#[test]
fn jwt_exp_on_wall_clock_and_its_skew_fallback() {
    // datarhei's example: iat 1670441225, exp 1670441825 (600 s).
    let (iat, exp) = (1_670_441_225, 1_670_441_825);
    // Clock agrees with iat: exp used as is.
    let e = Expiry::from_jwt(iat + 2, TimeBase::Unix, exp, Some(iat), 300).unwrap();
    assert_eq!(e.end(), Some(exp));
    // Device clock a day behind: exp would look 1 day away; anchored instead.
    let behind = iat - 86_400;
    let e = Expiry::from_jwt(behind, TimeBase::Unix, exp, Some(iat), 300).unwrap();
    assert_eq!(e.end(), Some(behind + 600));
    // Device clock an hour ahead: exp would look expired; anchored instead.
    let ahead = iat + 3600;
    let e = Expiry::from_jwt(ahead, TimeBase::Unix, exp, Some(iat), 300).unwrap();
    assert_eq!(e.end(), Some(ahead + 600));
    // No iat on a wall clock: exp.
    let e = Expiry::from_jwt(behind, TimeBase::Unix, exp, None, 300).unwrap();
    assert_eq!(e.end(), Some(exp));
    // Monotonic clock: 42 s since boot + 600.
    let e = Expiry::from_jwt(42, TimeBase::Monotonic, exp, Some(iat), 300).unwrap();
    assert_eq!((e.start(), e.end()), (42, Some(642)));
    assert_eq!(
        Expiry::from_jwt(42, TimeBase::Monotonic, exp, None, 300),
        Err(LifecycleError::Token(Error::MissingClaim(Claim::Iat)))
    );
    assert_eq!(
        Expiry::from_jwt_lifetime(7, exp, iat).unwrap().end(),
        Some(607)
    );
    // exp before iat: a negative lifetime.
    assert_eq!(
        Expiry::from_jwt_lifetime(7, iat, exp),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    assert_eq!(
        Expiry::from_jwt(42, TimeBase::Monotonic, exp, Some(i64::MIN), 300),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    assert_eq!(
        Expiry::from_jwt(iat, TimeBase::Unix, i64::MAX, Some(iat), 300),
        Err(LifecycleError::ExpiryOutOfRange)
    );
}

#[test]
fn lifetime_sources_and_absurd_values() {
    // exi / expires_in.
    assert_eq!(Expiry::after(100, 600).unwrap().end(), Some(700));
    assert_eq!(
        Expiry::after(100, -1),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    assert_eq!(
        Expiry::after(100, i64::MAX),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    assert_eq!(
        Expiry::after(i64::MAX - 10, 600),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    // Epoch milliseconds, floored.
    let e = Expiry::at_unix_millis(0, 1_700_021_600_999).unwrap();
    assert_eq!(e.end(), Some(1_700_021_600));
    assert_eq!(Expiry::at_unix_millis(0, -1).unwrap().end(), Some(-1));
    assert_eq!(
        Expiry::at_unix_millis(0, i64::MAX),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    assert_eq!(
        Expiry::at_unix_millis(0, i64::MIN),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    // RFC 3339.
    let e = Expiry::at_rfc3339(0, "2023-01-21T21:40:48Z").unwrap();
    assert_eq!(e.end(), Some(1_674_337_248));
    assert_eq!(
        Expiry::at_rfc3339(0, "2023-02-30T21:40:48Z"),
        Err(LifecycleError::DateTime(DateTimeError::Day))
    );
    // Absolute times outside years 0000-9999.
    assert_eq!(
        Expiry::at(0, MAX_TIME + 1),
        Err(LifecycleError::ExpiryOutOfRange)
    );
    assert_eq!(
        Expiry::at(0, MIN_TIME - 1),
        Err(LifecycleError::ExpiryOutOfRange)
    );
}

#[test]
fn sliding_window_extends_on_touch_but_never_revives() {
    // Aria: validity 6 h after login at t=0, sliding 6 h.
    let mut t = Tracker::new(Expiry::at(0, 21_600).unwrap(), P).sliding(21_600);
    assert_eq!(t.margin(), 2160);
    assert_eq!(t.status(20_000), Status::RefreshSoon { remaining: 1595 });
    t.touch(20_000).unwrap();
    assert_eq!(t.expiry().end(), Some(41_600));
    assert_eq!(t.status(20_000), Status::Fresh { remaining: 21_595 });
    // A touch earlier than the last does not shorten it.
    t.touch(10_000).unwrap();
    assert_eq!(t.expiry().end(), Some(41_600));
    assert_eq!(t.status(41_595), Status::Expired);
    assert_eq!(t.touch(41_595), Err(LifecycleError::Token(Error::Expired)));
    assert_eq!(t.expiry().end(), Some(41_600));
    // A fixed tracker: touch only checks.
    let mut f = Tracker::new(Expiry::after(0, 100).unwrap(), P);
    f.touch(50).unwrap();
    assert_eq!(f.expiry().end(), Some(100));
    // Sliding without a known end: end at start + window.
    let s = Tracker::new(Expiry::unbounded(10), P).sliding(100);
    assert_eq!(s.expiry().end(), Some(110));
}

#[test]
fn pin_holds_validity_for_a_request_started_in_time() {
    // ImmPort: 60 s window, margin 15 s.
    let policy = RefreshPolicy {
        margin_secs: 15,
        margin_permille: 0,
        ..P
    };
    let mut t = Tracker::new(Expiry::after(0, 60).unwrap(), policy);
    t.pin(50).unwrap();
    assert!(t.is_pinned());
    // A long upload: at t=500 the request that started at 50 is still valid.
    assert_eq!(t.status(500), Status::RefreshSoon { remaining: 5 });
    t.unpin();
    assert_eq!(t.status(500), Status::Expired);
    assert_eq!(t.pin(55), Err(LifecycleError::Token(Error::Expired)));
    assert!(!t.is_pinned());
    // A refused pin leaves the current one as it was.
    t.pin(50).unwrap();
    assert_eq!(t.pin(500), Err(LifecycleError::Token(Error::Expired)));
    assert!(t.is_pinned());
    assert_eq!(t.status(500), Status::RefreshSoon { remaining: 5 });
}

proptest! {
    #[test]
    fn tracker_never_panics_and_is_monotone(
        start in any::<i64>(), life in any::<i64>(), now in any::<i64>(), later in 0i64..1_000_000,
        margin in any::<u32>(), permille in any::<u16>(), leeway in any::<u32>(),
    ) {
        let policy = RefreshPolicy { margin_secs: margin, margin_permille: permille, leeway, max_skew: 0 };
        if let Ok(e) = Expiry::after(start, life) {
            let t = Tracker::new(e, policy);
            let a = t.status(now);
            let b = t.status(now.saturating_add(later));
            // Time only moves a token towards expiry.
            let rank = |s: Status| match s { Status::Fresh { .. } => 0, Status::RefreshSoon { .. } => 1, Status::Expired => 2 };
            prop_assert!(rank(a) <= rank(b));
            if let (Some(x), Some(y)) = (a.remaining(), b.remaining()) {
                prop_assert!(y <= x);
            }
        } else {
            prop_assert!(life < 0 || start.checked_add(life).is_none() || life > authcore::lifetime::MAX_LIFETIME);
        }
    }
}

#[test]
fn new_errors_say_what_failed() {
    let cases = [
        (
            LifecycleError::DateTime(DateTimeError::Day),
            "invalid RFC 3339 date-time: no such day in that month",
        ),
        (
            LifecycleError::DateTime(DateTimeError::Syntax { offset: 10 }),
            "invalid RFC 3339 date-time: unexpected text at byte 10",
        ),
        (
            LifecycleError::MissingField("apiToken"),
            "token response has no apiToken",
        ),
        (
            LifecycleError::WrongFieldType("expires_in"),
            "token response field expires_in has the wrong type",
        ),
        (
            LifecycleError::ExpiryOutOfRange,
            "expiry value out of range",
        ),
        (LifecycleError::ColonInUserId, "user id contains ':'"),
        (
            LifecycleError::ControlCharacter,
            "control character in a header value",
        ),
        (
            LifecycleError::ResponseJson(authcore::JsonError::DuplicateKey),
            "token response: duplicate member name in a JSON object",
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}

#[test]
fn a_tracker_rebuilt_from_its_parts_is_the_same_tracker() {
    use authcore::{TrackerParts, lifetime::Tracker};
    let mut t = Tracker::new(
        Expiry::unbounded(1_000),
        RefreshPolicy {
            margin_secs: 7,
            ..RefreshPolicy::DEFAULT
        },
    )
    .sliding(600);
    t.touch(1_500).unwrap();
    t.pin(1_550).unwrap();
    let parts = t.parts();
    assert_eq!(
        parts,
        TrackerParts {
            start: 1_000,
            end: Some(2_100),
            window: Some(600),
            pinned: Some(1_550),
            policy: t.policy(),
        }
    );
    let back = Tracker::from_parts(parts);
    assert_eq!(back, t);
    assert_eq!(back.status(1_560), t.status(1_560));
    let fixed = Tracker::new(Expiry::after(5, 60).unwrap(), RefreshPolicy::DEFAULT);
    assert_eq!(Tracker::from_parts(fixed.parts()), fixed);
}
