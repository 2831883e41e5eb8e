//! Expiry tracking: is a token fresh, due for renewal, or expired, at a given time?
//!
//! An [`Expiry`] says when a token stops working, computed from whichever source the API
//! gives (JWT `exp`/`iat`, a lifetime in seconds, epoch milliseconds, an RFC 3339 date-time,
//! a fixed window from issue). A [`Tracker`] adds the [`RefreshPolicy`], a sliding window
//! ([`Tracker::touch`]) and pinning ([`Tracker::pin`]) and answers a [`Status`].
//!
//! All times are `i64` seconds in one [`crate::clock::TimeBase`]: the caller passes `now`
//! from the same clock as the `received` instant the expiry was anchored to. Every
//! computation is checked: a negative lifetime, a value that overflows, or a time outside
//! the years 0000 to 9999 is [`LifecycleError::ExpiryOutOfRange`], never a wrapped number.
//!
//! Leeway, on the client side, works the other way round from a verifier's: the token is
//! treated as expired `leeway` seconds *before* its nominal end, to leave room for clock
//! skew and for the request's time in flight.

mod rfc3339;

pub use rfc3339::{DateTimeError, Timestamp, parse_rfc3339};

use crate::claim::Claim;
use crate::clock::TimeBase;
use crate::error::Error;
use crate::lifecycle_error::LifecycleError;

/// 0000-01-01T00:00:00Z in Unix seconds: the earliest time accepted.
pub const MIN_TIME: i64 = -62_167_219_200;
/// 9999-12-31T23:59:59Z in Unix seconds: the latest time accepted.
pub const MAX_TIME: i64 = 253_402_300_799;
/// The longest lifetime accepted, in seconds (the span from [`MIN_TIME`] to [`MAX_TIME`]).
pub const MAX_LIFETIME: i64 = MAX_TIME - MIN_TIME;

/// The state of a token at some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Status {
    /// Usable, and not yet due for renewal. `remaining` is the seconds left before it is
    /// treated as expired (leeway deducted); `i64::MAX` when no expiry is known.
    Fresh {
        /// Seconds left.
        remaining: i64,
    },
    /// Still usable for `remaining` seconds, but inside the refresh margin: renew it now.
    RefreshSoon {
        /// Seconds left.
        remaining: i64,
    },
    /// No longer usable.
    Expired,
}

impl Status {
    /// Whether the token may still be sent.
    pub const fn is_usable(&self) -> bool {
        !matches!(self, Status::Expired)
    }

    /// The seconds left, if the token is usable.
    pub const fn remaining(&self) -> Option<i64> {
        match self {
            Status::Fresh { remaining } | Status::RefreshSoon { remaining } => Some(*remaining),
            Status::Expired => None,
        }
    }
}

/// When to renew, and how much to distrust the clocks.
///
/// The refresh margin is `margin_secs` or `margin_permille` thousandths of the token's
/// lifetime, whichever is larger (so renewal starts at whichever point comes first), but
/// never more than half the lifetime: a token that lives 60 s with a 60 s margin is still
/// used for 30 s instead of being renewed the moment it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RefreshPolicy {
    /// Renew when this many seconds (or fewer) are left.
    pub margin_secs: u32,
    /// Renew when this many thousandths of the lifetime (or fewer) are left.
    pub margin_permille: u16,
    /// Treat the token as expired this many seconds before its nominal end.
    pub leeway: u32,
    /// For JWT `exp` on a wall clock: when the device clock and the token's `iat` disagree by
    /// more than this, the device clock is taken to be wrong and the expiry is anchored to
    /// the time received plus `exp - iat` instead.
    pub max_skew: u32,
}

impl RefreshPolicy {
    /// 60 s or 10 % of the lifetime, 5 s leeway, 300 s tolerated skew.
    pub const DEFAULT: RefreshPolicy = RefreshPolicy {
        margin_secs: 60,
        margin_permille: 100,
        leeway: 5,
        max_skew: 300,
    };
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// When a token stops working: `start` is the instant it was received (or issued), `end`
/// the instant it expires, both in the tracking clock's time base.
///
/// ```
/// use authcore::{Expiry, LifecycleError, TimeBase};
///
/// let received = 1_700_000_000; // Unix seconds, from a wall clock
/// // `expires_in: 3600`
/// assert_eq!(Expiry::after(received, 3600).unwrap().end(), Some(1_700_003_600));
/// // Epoch milliseconds, or an RFC 3339 date-time (floored to the second).
/// assert_eq!(Expiry::at_unix_millis(received, 1_700_003_600_999).unwrap().end(), Some(1_700_003_600));
/// assert_eq!(Expiry::at_rfc3339(received, "2023-11-14T23:13:20.5Z").unwrap().end(), Some(1_700_003_600));
///
/// // A JWT's `exp` on a clock that counts seconds since boot: its lifetime `exp - iat` is
/// // anchored at the instant the token arrived.
/// let exp_iat = Expiry::from_jwt(42, TimeBase::Monotonic, 1_700_003_600, Some(1_700_000_000), 300);
/// assert_eq!(exp_iat.map(|e| (e.start(), e.end())), Ok((42, Some(3642))));
/// // Without `iat` that is impossible, and said so.
/// assert!(matches!(Expiry::from_jwt(42, TimeBase::Monotonic, 1_700_003_600, None, 300),
///                  Err(LifecycleError::Token(_))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Expiry {
    start: i64,
    end: Option<i64>,
}

fn in_range(t: i64) -> bool {
    (MIN_TIME..=MAX_TIME).contains(&t)
}

impl Expiry {
    /// A token with no known expiry: usable until the server refuses it.
    pub const fn unbounded(received: i64) -> Self {
        Self {
            start: received,
            end: None,
        }
    }

    /// Expires at the absolute time `expires_at` (a wall-clock time: `exp`, a date-time).
    pub fn at(received: i64, expires_at: i64) -> Result<Self, LifecycleError> {
        if !in_range(expires_at) {
            return Err(LifecycleError::ExpiryOutOfRange);
        }
        Ok(Self {
            start: received,
            end: Some(expires_at),
        })
    }

    /// Expires `lifetime` seconds after `received` (`expires_in`, `exi`, a fixed window).
    ///
    /// [`LifecycleError::ExpiryOutOfRange`] for a negative lifetime, or an end past the
    /// year 9999 ([`MAX_TIME`]), as [`Expiry::at`] refuses it. (No lower bound: `received`
    /// may be on a monotonic clock, whose origin is arbitrary.)
    pub fn after(received: i64, lifetime: i64) -> Result<Self, LifecycleError> {
        if !(0..=MAX_LIFETIME).contains(&lifetime) {
            return Err(LifecycleError::ExpiryOutOfRange);
        }
        let end = received
            .checked_add(lifetime)
            .filter(|&end| end <= MAX_TIME)
            .ok_or(LifecycleError::ExpiryOutOfRange)?;
        Ok(Self {
            start: received,
            end: Some(end),
        })
    }

    /// Expires at `millis` milliseconds since the Unix epoch (Aria Operations' `validity`),
    /// floored to the second so the expiry never moves later.
    pub fn at_unix_millis(received: i64, millis: i64) -> Result<Self, LifecycleError> {
        Self::at(received, millis.div_euclid(1000))
    }

    /// Expires at an RFC 3339 date-time (BlueCat's `apiTokenExpirationDateTime`), floored to
    /// the second.
    pub fn at_rfc3339(received: i64, date_time: &str) -> Result<Self, LifecycleError> {
        let t = parse_rfc3339(date_time).map_err(LifecycleError::DateTime)?;
        Self::at(received, t.secs)
    }

    /// From a JWT's `exp` and `iat`, received at `received` on a clock of base `base`.
    ///
    /// On a [`TimeBase::Unix`] clock `exp` is used as it is, unless `iat` is present and the
    /// clock disagrees with it by more than `max_skew` seconds: then the clock is taken to be
    /// off and the token's own lifetime `exp - iat` is anchored at `received`. On a
    /// [`TimeBase::Monotonic`] clock that anchoring is the only way, and `iat` is required
    /// (`LifecycleError::Token(Error::MissingClaim(Claim::Iat))`).
    pub fn from_jwt(
        received: i64,
        base: TimeBase,
        exp: i64,
        iat: Option<i64>,
        max_skew: u32,
    ) -> Result<Self, LifecycleError> {
        match (base, iat) {
            (TimeBase::Unix, Some(iat))
                if received.abs_diff(iat) > u64::from(max_skew) && in_range(iat) =>
            {
                Self::from_jwt_lifetime(received, exp, iat)
            }
            (TimeBase::Unix, _) => Self::at(received, exp),
            (TimeBase::Monotonic, Some(iat)) => Self::from_jwt_lifetime(received, exp, iat),
            (TimeBase::Monotonic, None) => {
                Err(LifecycleError::Token(Error::MissingClaim(Claim::Iat)))
            }
        }
    }

    /// From a JWT's lifetime `exp - iat`, anchored at `received` whatever the clock says.
    pub fn from_jwt_lifetime(received: i64, exp: i64, iat: i64) -> Result<Self, LifecycleError> {
        if !(in_range(exp) && in_range(iat)) {
            return Err(LifecycleError::ExpiryOutOfRange);
        }
        // Both within the years 0000 to 9999: the difference cannot overflow.
        Self::after(received, exp - iat)
    }

    /// The instant the lifetime was anchored to.
    pub const fn start(&self) -> i64 {
        self.start
    }

    /// The instant the token expires (before leeway), or `None` when unknown.
    pub const fn end(&self) -> Option<i64> {
        self.end
    }
}

/// One token's expiry under a [`RefreshPolicy`], with an optional sliding window and pin.
///
/// ```
/// use authcore::{Expiry, RefreshPolicy, Status, Tracker};
///
/// let received = 1_000; // any time base, as long as `now` comes from the same clock
/// let tracker = Tracker::new(Expiry::after(received, 3600).unwrap(), RefreshPolicy::DEFAULT);
///
/// // The default policy: renew in the last 10 % of the lifetime (at least 60 s), and treat
/// // the token as expired 5 s early.
/// assert_eq!(tracker.margin(), 360);
/// assert_eq!(tracker.status(received), Status::Fresh { remaining: 3595 });
/// assert_eq!(tracker.status(received + 3300), Status::RefreshSoon { remaining: 295 });
/// assert_eq!(tracker.status(received + 3595), Status::Expired);
///
/// // A sliding lifetime (an API that extends the token on every call).
/// let mut sliding = Tracker::new(Expiry::unbounded(received), RefreshPolicy::DEFAULT).sliding(600);
/// sliding.touch(received + 500).unwrap();
/// assert_eq!(sliding.expiry().end(), Some(received + 1100));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Tracker {
    expiry: Expiry,
    window: Option<u32>,
    pinned: Option<i64>,
    policy: RefreshPolicy,
}

/// A [`Tracker`]'s state as plain values, from [`Tracker::parts`]: for keeping a tracker
/// where only plain data may be stored (C caller storage, flash) and rebuilding it with
/// [`Tracker::from_parts`]. Any values make a tracker (its arithmetic saturates), so
/// nothing here can be invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct TrackerParts {
    /// The instant the lifetime was anchored to ([`Expiry::start`]).
    pub start: i64,
    /// The instant the token expires, moved by touches ([`Expiry::end`]).
    pub end: Option<i64>,
    /// The sliding window in seconds, if the lifetime slides ([`Tracker::sliding`]).
    pub window: Option<u32>,
    /// The pinned instant, while pinned ([`Tracker::pin`]).
    pub pinned: Option<i64>,
    /// The policy in force.
    pub policy: RefreshPolicy,
}

impl Tracker {
    /// Tracks `expiry` under `policy`.
    pub const fn new(expiry: Expiry, policy: RefreshPolicy) -> Self {
        Self {
            expiry,
            window: None,
            pinned: None,
            policy,
        }
    }

    /// Makes the lifetime slide: every [`Tracker::touch`] moves the end to at least
    /// `now + window` (Aria Operations: 6 h from the last call). A tracker with no known
    /// end gets `start + window` as its end.
    pub fn sliding(mut self, window: u32) -> Self {
        if self.expiry.end.is_none() {
            self.expiry.end = self.expiry.start.checked_add(i64::from(window));
        }
        self.window = Some(window);
        self
    }

    /// The tracker's state as plain values (see [`TrackerParts`]).
    pub const fn parts(&self) -> TrackerParts {
        TrackerParts {
            start: self.expiry.start,
            end: self.expiry.end,
            window: self.window,
            pinned: self.pinned,
            policy: self.policy,
        }
    }

    /// The tracker whose [`Tracker::parts`] are `parts`.
    pub const fn from_parts(parts: TrackerParts) -> Self {
        Self {
            expiry: Expiry {
                start: parts.start,
                end: parts.end,
            },
            window: parts.window,
            pinned: parts.pinned,
            policy: parts.policy,
        }
    }

    /// The expiry being tracked (its end moved by any touches).
    pub const fn expiry(&self) -> Expiry {
        self.expiry
    }

    /// The policy in force.
    pub const fn policy(&self) -> RefreshPolicy {
        self.policy
    }

    /// The refresh margin in seconds for this token (see [`RefreshPolicy`]).
    pub fn margin(&self) -> i64 {
        let lifetime = match (self.window, self.expiry.end) {
            (Some(w), _) => i64::from(w),
            (None, Some(end)) => end.saturating_sub(self.expiry.start).max(0),
            (None, None) => return i64::from(self.policy.margin_secs),
        };
        // lifetime <= MAX_LIFETIME (~2.6e11), so `* 1000` fits.
        let by_fraction = lifetime.saturating_mul(i64::from(self.policy.margin_permille)) / 1000;
        i64::from(self.policy.margin_secs)
            .max(by_fraction)
            .min(lifetime / 2)
    }

    /// The status at `now` (or at the pinned instant, while pinned).
    pub fn status(&self, now: i64) -> Status {
        let at = match self.pinned {
            Some(p) => p.min(now),
            None => now,
        };
        let Some(end) = self.expiry.end else {
            return Status::Fresh {
                remaining: i64::MAX,
            };
        };
        let remaining = end
            .saturating_sub(i64::from(self.policy.leeway))
            .saturating_sub(at);
        if remaining <= 0 {
            Status::Expired
        } else if remaining <= self.margin() {
            Status::RefreshSoon { remaining }
        } else {
            Status::Fresh { remaining }
        }
    }

    /// Records a use at `now`: on a sliding tracker the end moves to `now + window` if that is
    /// later. An expired token is not revived (`LifecycleError::Token(Error::Expired)`); on a fixed tracker this
    /// only checks that the token is usable.
    pub fn touch(&mut self, now: i64) -> Result<(), LifecycleError> {
        if !self.status(now).is_usable() {
            return Err(LifecycleError::Token(Error::Expired));
        }
        if let (Some(w), Some(end)) = (self.window, self.expiry.end) {
            let slid = now
                .checked_add(i64::from(w))
                .ok_or(LifecycleError::ExpiryOutOfRange)?;
            self.expiry.end = Some(end.max(slid));
        }
        Ok(())
    }

    /// Pins validity at `now`, the start of a request: until [`Tracker::unpin`], the status is
    /// the one at `now`, as for APIs where a token must be *used* within its window but a
    /// request that started in time stays valid to its end (ImmPort). Refuses an expired
    /// token (`LifecycleError::Token(Error::Expired)`). Pinning again moves the pin.
    pub fn pin(&mut self, now: i64) -> Result<(), LifecycleError> {
        // Judge `now` as if unpinned, without touching the current pin: a refusal changes nothing.
        let unpinned = Tracker {
            pinned: None,
            ..*self
        };
        if !unpinned.status(now).is_usable() {
            return Err(LifecycleError::Token(Error::Expired));
        }
        self.pinned = Some(now);
        Ok(())
    }

    /// Ends a pin: the status follows the clock again.
    pub fn unpin(&mut self) {
        self.pinned = None;
    }

    /// Whether validity is pinned.
    pub const fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }
}
