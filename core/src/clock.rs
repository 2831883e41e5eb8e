//! The injected clock: a small trait of our own, a manual test clock, and an adapter for
//! `embedded-time`'s `Clock` (feature `embedded-time`).
//!
//! Nothing in this crate reads a clock by itself. Functions that work on plain times take
//! `now: i64`; [`crate::session::AuthSession`] takes a `&impl Clock` so that the time base
//! travels with the time.
//!
//! Two time bases exist:
//! - [`TimeBase::Unix`]: seconds since 1970-01-01T00:00:00Z (an RTC, NTP, the host clock).
//!   Absolute expiry times (`exp`, `validity`, RFC 3339 dates) can be compared with it.
//! - [`TimeBase::Monotonic`]: seconds since an arbitrary origin (a tick counter since boot).
//!   Only lifetimes can be tracked with it: a token's lifetime is anchored to the monotonic
//!   instant at which its response was received.

use core::cell::Cell;

use crate::lifecycle_error::LifecycleError;

/// What a clock's numbers count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum TimeBase {
    /// Unix time: seconds since 1970-01-01T00:00:00Z, leap seconds not counted.
    Unix,
    /// Seconds since an arbitrary origin (boot, say) that only moves forward.
    Monotonic,
}

/// A source of the current time.
///
/// Implement [`Clock::now`]; override [`Clock::now_millis`] when the source has milliseconds
/// (its default is `now() * 1000`).
pub trait Clock {
    /// What this clock's numbers count from.
    fn base(&self) -> TimeBase;

    /// The current time in whole seconds (floored), in this clock's [`TimeBase`].
    fn now(&self) -> Result<i64, LifecycleError>;

    /// The current time in milliseconds, in this clock's [`TimeBase`].
    fn now_millis(&self) -> Result<i64, LifecycleError> {
        self.now()?
            .checked_mul(1000)
            .ok_or(LifecycleError::ClockUnavailable)
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn base(&self) -> TimeBase {
        (**self).base()
    }
    fn now(&self) -> Result<i64, LifecycleError> {
        (**self).now()
    }
    fn now_millis(&self) -> Result<i64, LifecycleError> {
        (**self).now_millis()
    }
}

/// A clock that says what it is told: for tests, simulations, and for firmware that keeps the
/// time itself and sets it here.
///
/// It uses a `Cell`, so it can be advanced while a session borrows it.
#[derive(Debug, Clone)]
pub struct ManualClock {
    millis: Cell<i64>,
    base: TimeBase,
}

impl ManualClock {
    /// A Unix-time clock showing `secs` seconds since the epoch.
    pub const fn unix(secs: i64) -> Self {
        Self {
            millis: Cell::new(secs.saturating_mul(1000)),
            base: TimeBase::Unix,
        }
    }

    /// A monotonic clock showing `secs` seconds since its origin.
    pub const fn monotonic(secs: i64) -> Self {
        Self {
            millis: Cell::new(secs.saturating_mul(1000)),
            base: TimeBase::Monotonic,
        }
    }

    /// Sets the time, in seconds.
    pub fn set(&self, secs: i64) {
        self.millis.set(secs.saturating_mul(1000));
    }

    /// Sets the time, in milliseconds.
    pub fn set_millis(&self, millis: i64) {
        self.millis.set(millis);
    }

    /// Moves the time by `secs` seconds (negative: backwards, for testing skew).
    pub fn advance(&self, secs: i64) {
        self.millis
            .set(self.millis.get().saturating_add(secs.saturating_mul(1000)));
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for ManualClock {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "ManualClock {{ millis: {=i64}, base: {} }}",
            self.millis.get(),
            self.base
        )
    }
}

impl Clock for ManualClock {
    fn base(&self) -> TimeBase {
        self.base
    }
    fn now(&self) -> Result<i64, LifecycleError> {
        Ok(self.millis.get().div_euclid(1000))
    }
    fn now_millis(&self) -> Result<i64, LifecycleError> {
        Ok(self.millis.get())
    }
}

#[cfg(feature = "embedded-time")]
pub use self::embedded::EmbeddedClock;

#[cfg(feature = "embedded-time")]
mod embedded {
    use embedded_time::Clock as EtClock;

    use super::{Clock, TimeBase};
    use crate::lifecycle_error::LifecycleError;

    /// An `embedded-time` clock as an authcore [`Clock`].
    ///
    /// `embedded-time` instants count ticks since the clock's own epoch; `offset` (seconds) is
    /// added to them. With [`TimeBase::Monotonic`] and `offset` 0 the ticks since boot are used
    /// as they are; with [`TimeBase::Unix`] `offset` is the Unix time at the clock's tick 0
    /// (from an RTC or NTP at start-up). A failing `try_now` gives
    /// [`LifecycleError::ClockUnavailable`]; so does a tick count that does not fit the seconds range.
    #[derive(Debug)]
    #[cfg_attr(feature = "defmt", derive(defmt::Format))]
    pub struct EmbeddedClock<C> {
        clock: C,
        base: TimeBase,
        offset: i64,
    }

    impl<C: EtClock> EmbeddedClock<C>
    where
        C::T: Into<u64>,
    {
        /// A monotonic clock: seconds since the `embedded-time` clock's tick 0.
        pub const fn monotonic(clock: C) -> Self {
            Self {
                clock,
                base: TimeBase::Monotonic,
                offset: 0,
            }
        }

        /// A Unix-time clock: `unix_at_tick_zero` plus the seconds since tick 0.
        pub const fn unix(clock: C, unix_at_tick_zero: i64) -> Self {
            Self {
                clock,
                base: TimeBase::Unix,
                offset: unix_at_tick_zero,
            }
        }

        /// The wrapped clock.
        pub fn inner(&self) -> &C {
            &self.clock
        }

        /// Milliseconds since tick 0, with the scaling factor applied in 128 bits so that
        /// neither fast tick rates nor long uptimes overflow.
        fn millis_since_tick_zero(&self) -> Result<i64, LifecycleError> {
            let instant = self
                .clock
                .try_now()
                .map_err(|_| LifecycleError::ClockUnavailable)?;
            let since = instant.duration_since_epoch();
            let ticks: u64 = since.integer().into();
            let scale = since.scaling_factor();
            let (num, den) = (
                u128::from(*scale.numerator()),
                u128::from(*scale.denominator()),
            );
            if den == 0 {
                return Err(LifecycleError::ClockUnavailable);
            }
            let millis = u128::from(ticks) * num * 1000 / den;
            i64::try_from(millis).map_err(|_| LifecycleError::ClockUnavailable)
        }
    }

    impl<C: EtClock> Clock for EmbeddedClock<C>
    where
        C::T: Into<u64>,
    {
        fn base(&self) -> TimeBase {
            self.base
        }

        fn now(&self) -> Result<i64, LifecycleError> {
            Ok(self.now_millis()?.div_euclid(1000))
        }

        fn now_millis(&self) -> Result<i64, LifecycleError> {
            self.offset
                .checked_mul(1000)
                .and_then(|o| o.checked_add(self.millis_since_tick_zero().ok()?))
                .ok_or(LifecycleError::ClockUnavailable)
        }
    }

    #[cfg(test)]
    mod tests {
        use core::cell::Cell;

        use embedded_time::fraction::Fraction;
        use embedded_time::{Instant, clock};

        use super::*;

        struct Ticks {
            now: Cell<u32>,
            fail: bool,
        }

        impl EtClock for Ticks {
            type T = u32;
            // 32.768 kHz crystal.
            const SCALING_FACTOR: Fraction = Fraction::new(1, 32_768);
            fn try_now(&self) -> Result<Instant<Self>, clock::Error> {
                if self.fail {
                    return Err(clock::Error::NotRunning);
                }
                Ok(Instant::new(self.now.get()))
            }
        }

        #[test]
        fn converts_ticks_to_seconds_and_millis() {
            let c = EmbeddedClock::monotonic(Ticks {
                now: Cell::new(32_768 * 90 + 16_384),
                fail: false,
            });
            assert_eq!(c.base(), TimeBase::Monotonic);
            assert_eq!(c.now(), Ok(90));
            assert_eq!(c.now_millis(), Ok(90_500));
            c.inner().now.set(u32::MAX);
            // u32::MAX ticks at 32768 Hz = 131071.99997 s.
            assert_eq!(c.now(), Ok(131_071));

            let c = EmbeddedClock::unix(
                Ticks {
                    now: Cell::new(32_768 * 10),
                    fail: false,
                },
                1_700_000_000,
            );
            assert_eq!(c.base(), TimeBase::Unix);
            assert_eq!(c.now(), Ok(1_700_000_010));

            let c = EmbeddedClock::unix(
                Ticks {
                    now: Cell::new(0),
                    fail: false,
                },
                i64::MAX / 100,
            );
            assert_eq!(c.now(), Err(LifecycleError::ClockUnavailable));
        }

        #[test]
        fn a_stopped_clock_is_an_error() {
            let c = EmbeddedClock::monotonic(Ticks {
                now: Cell::new(0),
                fail: true,
            });
            assert_eq!(c.now(), Err(LifecycleError::ClockUnavailable));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_and_floors() {
        let c = ManualClock::unix(100);
        assert_eq!(
            (c.base(), c.now(), c.now_millis()),
            (TimeBase::Unix, Ok(100), Ok(100_000))
        );
        c.advance(5);
        assert_eq!(c.now(), Ok(105));
        c.set_millis(-1);
        assert_eq!(c.now(), Ok(-1)); // floored, not truncated toward zero
        c.set_millis(1999);
        assert_eq!(c.now(), Ok(1));
        let m = ManualClock::monotonic(7);
        assert_eq!(m.base(), TimeBase::Monotonic);
        assert_eq!(Clock::now(&&m), Ok(7));
    }

    struct SecondsOnly(i64);
    impl Clock for SecondsOnly {
        fn base(&self) -> TimeBase {
            TimeBase::Unix
        }
        fn now(&self) -> Result<i64, LifecycleError> {
            Ok(self.0)
        }
    }

    #[test]
    fn default_millis_checks_overflow() {
        assert_eq!(SecondsOnly(3).now_millis(), Ok(3000));
        assert_eq!(
            SecondsOnly(i64::MAX / 999).now_millis(),
            Err(LifecycleError::ClockUnavailable)
        );
    }
}
