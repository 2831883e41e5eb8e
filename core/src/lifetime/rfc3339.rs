//! An allocation-free RFC 3339 `date-time` parser (RFC 3339 §5.6).
//!
//! Own code beside the `time` crate for its verdicts: `time` accepts any byte between date
//! and time, reads a leap second later, and names no offset in its errors (BENCHMARKS.md,
//! "Dependencies: measured choices", has the figures; `tests/rfc3339_differential.rs` checks
//! the two agree everywhere else).
//!
//! Accepted: `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`, with `t` and `z` in either case
//! (§5.6 note). Refused, each with its own [`DateTimeError`]: anything else (a space for `T`,
//! a missing offset, two-digit years, trailing text); month 0 or 13; a day the month does
//! not have (Feb 29 outside leap years, Feb 30, Apr 31); hour 24; minute 60; second 60
//! except a leap second at the end of a UTC day (`23:59:60Z`, or the same instant in a
//! local offset), which is read as `23:59:59` so that an expiry never moves later;
//! offsets beyond `±23:59`. `-00:00` ("offset unknown", RFC 3339 §4.3) is read as UTC.
//! Fractional seconds may have any number of digits; the first nine are kept.

pub use crate::lifecycle_error::DateTimeError;

/// An instant read from a date-time: Unix seconds and the nanoseconds past them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    pub secs: i64,
    /// Nanoseconds past `secs`, below 1 000 000 000.
    pub nanos: u32,
}

impl Timestamp {
    /// Milliseconds since the Unix epoch (sub-millisecond part floored).
    pub const fn unix_millis(&self) -> i64 {
        // |secs| < 2.6e11 for years 0000-9999, so this cannot overflow.
        self.secs * 1000 + (self.nanos / 1_000_000) as i64
    }
}

/// Parses an RFC 3339 `date-time` such as `2023-01-21T21:40:48Z` or
/// `2024-02-29T23:59:59.5+05:30`.
pub fn parse_rfc3339(text: &str) -> Result<Timestamp, DateTimeError> {
    let b = text.as_bytes();
    // Checked against a template and read in the same loop: less code than a call per part.
    let [year, month, day, hour, minute, second] = read(b, 0, b"0000-00-00T00:00:00")?;

    let mut p = 19;
    let mut nanos = 0u32;
    if b.get(p) == Some(&b'.') {
        p += 1;
        let start = p;
        while let Some(d) = b.get(p).filter(|d| d.is_ascii_digit()) {
            if p - start < 9 {
                nanos = nanos * 10 + u32::from(d - b'0');
            }
            p += 1;
        }
        if p == start {
            return Err(DateTimeError::Syntax { offset: p });
        }
        for _ in (p - start)..9 {
            nanos *= 10;
        }
    }
    let offset_secs: i64 = match b.get(p) {
        Some(b'Z' | b'z') => {
            p += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let [oh, om] = read(b, p + 1, b"00:00")?;
            p += 6;
            if oh > 23 || om > 59 {
                return Err(DateTimeError::Offset);
            }
            let o = i64::from(oh * 3600 + om * 60);
            if sign == b'-' { -o } else { o }
        }
        _ => return Err(DateTimeError::Syntax { offset: p }),
    };
    if p != b.len() {
        return Err(DateTimeError::Syntax { offset: p });
    }

    if !(1..=12).contains(&month) {
        return Err(DateTimeError::Month);
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(DateTimeError::Day);
    }
    if hour > 23 {
        return Err(DateTimeError::Hour);
    }
    if minute > 59 {
        return Err(DateTimeError::Minute);
    }
    if second > 60 {
        return Err(DateTimeError::Second);
    }
    let local = days_from_civil(year, month, day) * 86_400
        + i64::from(hour * 3600 + minute * 60 + second.min(59));
    let secs = local - offset_secs;
    if second == 60 && (secs + 1).rem_euclid(86_400) != 0 {
        return Err(DateTimeError::Second);
    }
    Ok(Timestamp { secs, nanos })
}

/// Checks the text at `at` against `template` (`0` is any digit, `T` is `T` or `t`, any
/// other byte itself) and reads its `N` runs of digits as decimal numbers. The error is at
/// the first byte that differs.
fn read<const N: usize>(b: &[u8], at: usize, template: &[u8]) -> Result<[u32; N], DateTimeError> {
    let mut numbers = [0; N];
    let mut n = 0;
    for (i, &t) in template.iter().enumerate() {
        let offset = at + i;
        let c = b.get(offset).copied().unwrap_or_default();
        let digit = c.wrapping_sub(b'0');
        let ok = match t {
            b'0' => {
                if let Some(v) = numbers.get_mut(n) {
                    *v = *v * 10 + u32::from(digit);
                }
                digit < 10
            }
            _ => {
                n += 1;
                c == t || (t == b'T' && c == b't')
            }
        };
        if !ok {
            return Err(DateTimeError::Syntax { offset });
        }
    }
    Ok(numbers)
}

const fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date of the years 0000 to 9999
/// (H. Hinnant's `days_from_civil`, shifted by one 400-year era so that it stays unsigned:
/// unsigned division is less code).
fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
    let (y, mp) = match month {
        1 | 2 => (year + 399, month + 9),
        _ => (year + 400, month - 3),
    };
    let (era, yoe) = (y / 400, y % 400);
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i64::from(era * 146_097 + doe) - 719_468 - 146_097
}
