//! A monotonic clock for a device without an RTC: a tick counter since boot, advanced by the
//! program (in a real device, by the SysTick interrupt), read through authcore's `Clock`.

use core::cell::Cell;

use authcore::{Clock, LifecycleError, TimeBase};

/// Ticks since boot at `HZ` ticks per second.
pub struct TickClock<const HZ: u64> {
    ticks: Cell<u64>,
}

impl<const HZ: u64> TickClock<HZ> {
    /// A clock at tick zero (boot).
    pub const fn new() -> Self {
        Self {
            ticks: Cell::new(0),
        }
    }

    /// What the SysTick handler would do: count `ticks` more.
    pub fn advance(&self, ticks: u64) {
        self.ticks.set(self.ticks.get().saturating_add(ticks));
    }

    /// Moves the clock on by whole seconds.
    pub fn advance_secs(&self, secs: u64) {
        self.advance(secs.saturating_mul(HZ));
    }
}

impl<const HZ: u64> Clock for TickClock<HZ> {
    fn base(&self) -> TimeBase {
        // Seconds since boot: no wall clock, so JWT `exp` cannot be checked against it, but
        // `expires_in`-style lifetimes can.
        TimeBase::Monotonic
    }

    fn now(&self) -> Result<i64, LifecycleError> {
        i64::try_from(self.ticks.get() / HZ).map_err(|_| LifecycleError::ClockUnavailable)
    }

    fn now_millis(&self) -> Result<i64, LifecycleError> {
        let millis = u128::from(self.ticks.get()) * 1000 / u128::from(HZ);
        i64::try_from(millis).map_err(|_| LifecycleError::ClockUnavailable)
    }
}
