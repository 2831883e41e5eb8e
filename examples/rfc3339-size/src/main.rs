//! Reads one RFC 3339 date-time with the reader the feature names (`ours`, `time`,
//! `chrono`, or none for the baseline), so that the image's size difference is the reader's.
#![no_std]
#![no_main]

use core::panic::PanicInfo;
use cortex_m_rt::entry;

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    loop {}
}

/// Unix seconds of an RFC 3339 date-time, or `i64::MIN` when it is refused.
#[cfg(feature = "ours")]
#[inline(never)]
fn parse(s: &str) -> i64 {
    authcore::lifetime::parse_rfc3339(s).map_or(i64::MIN, |t| t.secs)
}

#[cfg(feature = "time")]
#[inline(never)]
fn parse(s: &str) -> i64 {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(s, &Rfc3339).map_or(i64::MIN, |t| t.unix_timestamp())
}

#[cfg(feature = "chrono")]
#[inline(never)]
fn parse(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(s).map_or(i64::MIN, |t| t.timestamp())
}

/// The baseline: no reader.
#[cfg(not(any(feature = "ours", feature = "time", feature = "chrono")))]
#[inline(never)]
fn parse(s: &str) -> i64 {
    s.len() as i64
}

#[entry]
fn main() -> ! {
    // Text the optimiser cannot see through, so the reader is linked whole.
    let text: &str = core::hint::black_box("2023-01-21T21:40:48Z");
    core::hint::black_box(parse(text));
    loop {}
}
