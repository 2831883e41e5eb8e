//! The RFC 3339 reader against the `time` crate's, over every one-byte mutation of a set of
//! date-times: where both accept, they read the same instant; the inputs they disagree on
//! are exactly the two documented differences (README, "Dependencies"):
//! - `time` accepts any byte between the date and the time, where RFC 3339 allows only
//!   `T` or `t`; this reader refuses them.
//! - a leap second (`:60`) this reader reads as `:59` (so that an expiry never moves later)
//!   where `time` reads `:59.999999999`, and accepts at the end of any UTC day where `time`
//!   wants the last day of a month.

use authcore::lifetime::parse_rfc3339;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const SEEDS: &[&str] = &[
    "2023-01-21T21:40:48Z",
    "2024-02-29T23:59:59.5+05:30",
    "1990-12-31T23:59:60Z",
    "1990-12-31T15:59:60-08:00",
    "2023-01-21t21:40:48z",
    "2023-01-21T21:40:48-00:00",
    "2023-01-21T21:40:48+23:59",
    "2023-01-21T21:40:48.123456789123Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2023-02-28T00:00:00Z",
    "2023-06-30T23:59:60Z",
];

/// Each byte of `seed` replaced in turn by each byte that matters to the grammar.
fn mutations(seed: &str) -> impl Iterator<Item = String> + '_ {
    const BYTES: &[u8] = b"0123456789-:TtZz+. 6";
    let b = seed.as_bytes();
    (0..b.len()).flat_map(move |i| {
        BYTES.iter().map(move |&c| {
            let mut v = b.to_vec();
            v[i] = c;
            String::from_utf8(v).expect("ASCII")
        })
    })
}

#[test]
fn agrees_with_the_time_crate_except_where_documented() {
    let (mut both, mut separator, mut leap) = (0, 0, 0);
    for text in SEEDS
        .iter()
        .flat_map(|s| core::iter::once(s.to_string()).chain(mutations(s)))
    {
        let ours = parse_rfc3339(&text).ok();
        let theirs = OffsetDateTime::parse(&text, &Rfc3339).ok();
        let is_leap = text.get(16..19) == Some(":60");
        match (ours, theirs) {
            (Some(o), Some(t)) => {
                both += 1;
                assert_eq!(o.secs, t.unix_timestamp(), "{text}");
                if is_leap {
                    leap += 1;
                    assert_eq!((o.nanos, t.nanosecond()), (0, 999_999_999), "{text}");
                } else {
                    assert_eq!(o.nanos, t.nanosecond(), "{text}");
                }
            }
            (None, Some(_)) => {
                separator += 1;
                assert!(
                    !matches!(text.as_bytes()[10], b'T' | b't'),
                    "{text}: refused"
                );
            }
            (Some(_), None) => {
                leap += 1;
                assert!(is_leap, "{text}: accepted, time refuses");
            }
            (None, None) => {}
        }
    }
    // The comparison reached every case.
    assert!(both > 1_000, "{both}");
    assert!(separator > 100, "{separator}");
    assert!(leap > 100, "{leap}");
}
