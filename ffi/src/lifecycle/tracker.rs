//! Expiry tracking: `authcore_tracker` in caller storage, made from each expiry source.
//!
//! Core's `Tracker` is plain data, but its fields are private (their invariants are core's),
//! so it lives in caller storage behind a magic like the other objects rather than being
//! mirrored field by field in C. The storage holds its plain form ([`StoredTracker`]),
//! checked and converted on every read.

use core::ffi::c_char;

use authcore::lifetime::{Expiry, RefreshPolicy, Status, Tracker, TrackerParts};

use crate::boundary::{guard, out, required, text};
use crate::status::authcore_status::{self, *};
use crate::storage;

use super::{TimeBaseArg, time_base};

/// When to renew and how much to distrust the clocks (all in seconds). Fill it with
/// `authcore_refresh_policy_default`, then change fields.
///
/// The refresh margin is margin_secs or margin_permille thousandths of the token's lifetime,
/// whichever is larger, but never more than half the lifetime.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_refresh_policy {
    /// Renew when this many seconds (or fewer) are left (default 60).
    pub margin_secs: u32,
    /// Renew when this many thousandths of the lifetime (or fewer) are left (default 100).
    pub margin_permille: u16,
    /// Treat the token as expired this many seconds before its nominal end (default 5).
    pub leeway: u32,
    /// JWT exp on a wall clock: when the clock and the token's iat disagree by more than
    /// this, the clock is taken to be wrong and exp - iat is anchored at receipt (default
    /// 300).
    pub max_skew: u32,
}

impl From<authcore_refresh_policy> for RefreshPolicy {
    fn from(p: authcore_refresh_policy) -> Self {
        RefreshPolicy {
            margin_secs: p.margin_secs,
            margin_permille: p.margin_permille,
            leeway: p.leeway,
            max_skew: p.max_skew,
        }
    }
}

/// Fills `*policy` with the defaults (60 s or 10 % margin, 5 s leeway, 300 s skew).
///
/// \param policy  Receives the defaults.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_refresh_policy_default(
    policy: *mut authcore_refresh_policy,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded to the caller's guarantee.
        let p = unsafe { out(policy) }?;
        let d = RefreshPolicy::DEFAULT;
        *p = authcore_refresh_policy {
            margin_secs: d.margin_secs,
            margin_permille: d.margin_permille,
            leeway: d.leeway,
            max_skew: d.max_skew,
        };
        Ok(())
    })
}

/// The size in bytes of `authcore_tracker`.
pub const AUTHCORE_TRACKER_SIZE: usize = 96;

/// One token's expiry under a refresh policy, with an optional sliding window and pin. Make
/// it with an `authcore_tracker_*` constructor; its bytes are private; do not copy it once
/// made. It holds no secret (clearing it is optional).
///
/// Every `now` and `received` of one tracker must come from one clock: Unix seconds for the
/// absolute sources (`at`, `at_unix_millis`, `at_rfc3339`, and `jwt` on
/// AUTHCORE_TIME_UNIX), any one clock for the lifetime sources.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_tracker {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 12],
}
const _: () = assert!(core::mem::size_of::<authcore_tracker>() == AUTHCORE_TRACKER_SIZE);

const TRACKER_MAGIC: u64 = u64::from_le_bytes(*b"acTRKv02");

/// A `Tracker` as caller storage holds it: integers only, so that any bytes are a value of
/// this type, and [`StoredTracker::tracker`] decides whether they are a tracker. (A
/// `Tracker` itself has `Option`s whose tags sit where the compiler puts them: garbage there
/// is undefined behaviour before any check could run.) No padding: every byte is a field.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StoredTracker {
    start: i64,
    /// The end, when `set` has [`HAS_END`]; 0 otherwise.
    end: i64,
    /// The pinned instant, when `set` has [`HAS_PIN`]; 0 otherwise.
    pinned: i64,
    /// The sliding window, when `set` has [`HAS_WINDOW`]; 0 otherwise.
    window: u32,
    margin_secs: u32,
    leeway: u32,
    max_skew: u32,
    /// A `u16` kept in 32 bits (no padding): larger values are no tracker's.
    margin_permille: u32,
    /// Which of the optional fields are set: [`HAS_END`], [`HAS_WINDOW`], [`HAS_PIN`].
    set: u32,
}

const HAS_END: u32 = 1;
const HAS_WINDOW: u32 = 2;
const HAS_PIN: u32 = 4;

/// `value` and its flag as an optional stored field (0 when absent, the one form).
fn split<T: Default>(value: Option<T>, flag: u32) -> (T, u32) {
    match value {
        Some(v) => (v, flag),
        None => (T::default(), 0),
    }
}

/// The optional field `value` under `flag` of `set`: `Err` for an absent one that is not 0.
fn join<T: Default + PartialEq>(value: T, set: u32, flag: u32) -> Result<Option<T>, ()> {
    match (set & flag != 0, value == T::default()) {
        (true, _) => Ok(Some(value)),
        (false, true) => Ok(None),
        (false, false) => Err(()),
    }
}

impl StoredTracker {
    /// All 0: what a session keeps for a token without a tracker.
    pub(crate) const ZERO: Self = StoredTracker {
        start: 0,
        end: 0,
        pinned: 0,
        window: 0,
        margin_secs: 0,
        leeway: 0,
        max_skew: 0,
        margin_permille: 0,
        set: 0,
    };

    /// This with `set` in place of its flags, for tests of what reading refuses.
    #[cfg(test)]
    pub(crate) const fn with_set(self, set: u32) -> Self {
        StoredTracker { set, ..self }
    }

    /// The plain form of `t`.
    pub(crate) fn of(t: &Tracker) -> Self {
        let p = t.parts();
        let (end, has_end) = split(p.end, HAS_END);
        let (window, has_window) = split(p.window, HAS_WINDOW);
        let (pinned, has_pin) = split(p.pinned, HAS_PIN);
        StoredTracker {
            start: p.start,
            end,
            pinned,
            window,
            margin_secs: p.policy.margin_secs,
            leeway: p.policy.leeway,
            max_skew: p.policy.max_skew,
            margin_permille: p.policy.margin_permille.into(),
            set: has_end | has_window | has_pin,
        }
    }

    /// The tracker these integers hold, or AUTHCORE_UNINITIALIZED when they are not the
    /// plain form of one (an unknown flag, a value beside a clear flag, a margin past
    /// `u16`).
    pub(crate) fn tracker(&self) -> Result<Tracker, authcore_status> {
        let bad = |()| AUTHCORE_UNINITIALIZED;
        if self.set & !(HAS_END | HAS_WINDOW | HAS_PIN) != 0 {
            return Err(AUTHCORE_UNINITIALIZED);
        }
        Ok(Tracker::from_parts(TrackerParts {
            start: self.start,
            end: join(self.end, self.set, HAS_END).map_err(bad)?,
            window: join(self.window, self.set, HAS_WINDOW).map_err(bad)?,
            pinned: join(self.pinned, self.set, HAS_PIN).map_err(bad)?,
            policy: RefreshPolicy {
                margin_secs: self.margin_secs,
                margin_permille: u16::try_from(self.margin_permille).map_err(|_| bad(()))?,
                leeway: self.leeway,
                max_skew: self.max_skew,
            },
        }))
    }
}

// Every byte of a `StoredTracker` is an integer's: there is nothing to check before a
// reference to it is formed; `StoredTracker::tracker` checks the values.
impl storage::Stored for StoredTracker {}

/// The tracker in `tracker`'s storage, read and checked.
///
/// # Safety
/// `tracker` NULL or valid for reads of an `authcore_tracker`.
unsafe fn tracker_ref(tracker: *const authcore_tracker) -> Result<Tracker, authcore_status> {
    // SAFETY: forwarded.
    unsafe { storage::get::<authcore_tracker, StoredTracker>(tracker, TRACKER_MAGIC) }?.tracker()
}

/// A tracker read from its storage for changing: it derefs to the `Tracker`, and is
/// written back to the storage when dropped.
struct TrackerMut<'a> {
    stored: &'a mut StoredTracker,
    tracker: Tracker,
}

impl core::ops::Deref for TrackerMut<'_> {
    type Target = Tracker;
    fn deref(&self) -> &Tracker {
        &self.tracker
    }
}

impl core::ops::DerefMut for TrackerMut<'_> {
    fn deref_mut(&mut self) -> &mut Tracker {
        &mut self.tracker
    }
}

impl Drop for TrackerMut<'_> {
    fn drop(&mut self) {
        *self.stored = StoredTracker::of(&self.tracker);
    }
}

/// Makes a tracker from `expiry`, with the policy `policy` points at. The callers compute
/// the expiry before the pointers are checked (core computes it from the numbers alone); its
/// error counts only after them, so a NULL pointer is reported first, as everywhere.
///
/// # Safety
/// `tracker` NULL or valid for writes; `policy` NULL or valid for reads.
unsafe fn make(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    expiry: Result<Expiry, authcore::LifecycleError>,
) -> Result<(), authcore_status> {
    if tracker.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    // SAFETY: forwarded to the caller's guarantee.
    let policy: RefreshPolicy = (*unsafe { policy.as_ref() }.ok_or(AUTHCORE_NULL_ARGUMENT)?).into();
    let t = StoredTracker::of(&Tracker::new(expiry?, policy));
    // SAFETY: non-NULL; the caller vouches for the storage.
    unsafe { storage::init(tracker, TRACKER_MAGIC, t) }
}

/// Tracks a token with no known expiry, received at `received`: fresh until the server
/// refuses it (or, after `authcore_tracker_make_sliding`, until its window runs out).
///
/// Every constructor wipes the storage first and makes the tracker only on success.
///
/// \param tracker   Storage for the tracker (aligned; not copied once made).
/// \param policy    The refresh policy (copied).
/// \param received  When the token was received, in whole seconds.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned
///         storage).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_unbounded(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
) -> authcore_status {
    // SAFETY: forwarded.
    guard(|| unsafe { make(tracker, policy, Ok(Expiry::unbounded(received))) })
}

/// Tracks a token that expires `lifetime` seconds after `received`: OAuth `expires_in`,
/// datarhei's `exi` claim, or a fixed window from issue (ImmPort: 60).
///
/// \param tracker   Storage for the tracker (aligned; not copied once made).
/// \param policy    The refresh policy (copied).
/// \param received  When the token was received, in whole seconds.
/// \param lifetime  Its lifetime in seconds.
/// \return As `authcore_tracker_unbounded`, and AUTHCORE_EXPIRY_OUT_OF_RANGE (negative, or
///         past the year 9999).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_after(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
    lifetime: i64,
) -> authcore_status {
    // SAFETY: forwarded.
    guard(|| unsafe { make(tracker, policy, Expiry::after(received, lifetime)) })
}

/// Tracks a token that expires at the Unix time `expires_at` (seconds).
///
/// \param tracker     Storage for the tracker (aligned; not copied once made).
/// \param policy      The refresh policy (copied).
/// \param received    When the token was received, in Unix seconds.
/// \param expires_at  When it expires, in Unix seconds.
/// \return As `authcore_tracker_unbounded`, and AUTHCORE_EXPIRY_OUT_OF_RANGE (outside the
///         years 0000 to 9999).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_at(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
    expires_at: i64,
) -> authcore_status {
    // SAFETY: forwarded.
    guard(|| unsafe { make(tracker, policy, Expiry::at(received, expires_at)) })
}

/// Tracks a token that expires at `millis` milliseconds since the Unix epoch (Aria
/// Operations' `validity`), floored to the second.
///
/// \param tracker   Storage for the tracker (aligned; not copied once made).
/// \param policy    The refresh policy (copied).
/// \param received  When the token was received, in Unix seconds.
/// \param millis    When it expires, in Unix milliseconds.
/// \return As `authcore_tracker_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_at_unix_millis(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
    millis: i64,
) -> authcore_status {
    // SAFETY: forwarded.
    guard(|| unsafe { make(tracker, policy, Expiry::at_unix_millis(received, millis)) })
}

/// Tracks a token that expires at an RFC 3339 date-time (BlueCat's
/// `apiTokenExpirationDateTime`, e.g. "2023-01-21T21:40:48Z"), floored to the second.
///
/// \param tracker    Storage for the tracker (aligned; not copied once made).
/// \param policy     The refresh policy (copied).
/// \param received   When the token was received, in Unix seconds.
/// \param date_time  The date-time, `date_time_len` bytes.
/// \return As `authcore_tracker_unbounded`, and AUTHCORE_INVALID_ARGUMENT (impossible
///         length), AUTHCORE_INVALID_UTF8, AUTHCORE_DATE_TIME (malformed or impossible),
///         AUTHCORE_EXPIRY_OUT_OF_RANGE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_at_rfc3339(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
    date_time: *const c_char,
    date_time_len: usize,
) -> authcore_status {
    if let Err(s) = required(&[tracker.is_null(), policy.is_null(), date_time.is_null()]) {
        return s;
    }
    // SAFETY: forwarded.
    let date_time = match unsafe { text(date_time, date_time_len) } {
        Ok(t) => t,
        Err(s) => return s,
    };
    // SAFETY: forwarded.
    guard(|| unsafe { make(tracker, policy, Expiry::at_rfc3339(received, date_time)) })
}

/// Tracks a JWT from its `exp` and `iat` (from `authcore_claims_exp`/`_iat`), received at
/// `received` on a clock of base `time_base`.
///
/// On AUTHCORE_TIME_UNIX, exp is used as it is, unless `has_iat` and the clock disagrees
/// with iat by more than the policy's max_skew: then exp - iat is anchored at `received`.
/// On AUTHCORE_TIME_MONOTONIC exp - iat anchored at `received` is the only way, and iat is
/// required.
///
/// \param tracker    Storage for the tracker (aligned; not copied once made).
/// \param policy     The refresh policy (copied).
/// \param received   When the token was received, in whole seconds.
/// \param time_base  What `received` counts from.
/// \param exp        The token's exp.
/// \param has_iat    Whether `iat` is given.
/// \param iat        The token's iat (ignored without `has_iat`).
/// \return As `authcore_tracker_unbounded`, and AUTHCORE_INVALID_ARGUMENT (unknown time
///         base), AUTHCORE_MISSING_CLAIM (no iat on AUTHCORE_TIME_MONOTONIC),
///         AUTHCORE_EXPIRY_OUT_OF_RANGE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_jwt(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
    time_base: TimeBaseArg,
    exp: i64,
    has_iat: bool,
    iat: i64,
) -> authcore_status {
    if let Err(s) = required(&[tracker.is_null(), policy.is_null()]) {
        return s;
    }
    let base = match self::time_base(time_base) {
        Ok(b) => b,
        Err(s) => return s,
    };
    let iat = has_iat.then_some(iat);
    guard(|| {
        // SAFETY: forwarded. Without a policy `make` refuses the call, whatever the skew.
        let max_skew = unsafe { policy.as_ref() }.map_or(0, |p| p.max_skew);
        let expiry = Expiry::from_jwt(received, base, exp, iat, max_skew);
        // SAFETY: forwarded.
        unsafe { make(tracker, policy, expiry) }
    })
}

/// Tracks a JWT by its own lifetime, exp - iat anchored at `received`, whatever the clock
/// says (for devices whose clock cannot be trusted at all).
///
/// \param tracker   Storage for the tracker (aligned; not copied once made).
/// \param policy    The refresh policy (copied).
/// \param received  When the token was received, in whole seconds.
/// \param exp       The token's exp.
/// \param iat       The token's iat.
/// \return As `authcore_tracker_unbounded`, and AUTHCORE_EXPIRY_OUT_OF_RANGE (iat after exp,
///         or times outside the years 0000 to 9999).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_jwt_lifetime(
    tracker: *mut authcore_tracker,
    policy: *const authcore_refresh_policy,
    received: i64,
    exp: i64,
    iat: i64,
) -> authcore_status {
    // SAFETY: forwarded.
    guard(|| unsafe {
        make(
            tracker,
            policy,
            Expiry::from_jwt_lifetime(received, exp, iat),
        )
    })
}

/// The tracker in `tracker`'s storage, for changing.
///
/// # Safety
/// `tracker` NULL or valid for reads and writes, not used elsewhere meanwhile.
unsafe fn tracker_mut<'a>(
    tracker: *mut authcore_tracker,
) -> Result<TrackerMut<'a>, authcore_status> {
    // SAFETY: forwarded.
    let stored = unsafe { storage::get_mut::<_, StoredTracker>(tracker, TRACKER_MAGIC) }?;
    let tracker = stored.tracker()?;
    Ok(TrackerMut { stored, tracker })
}

/// Makes the lifetime slide: every `authcore_tracker_touch` moves the end to at least
/// now + `window` seconds (Aria Operations: 6 h from the last call). A tracker with no
/// known end gets received + `window` as its end.
///
/// \param tracker  An initialized tracker.
/// \param window   The window in seconds.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_make_sliding(
    tracker: *mut authcore_tracker,
    window: u32,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded.
        let mut t = unsafe { tracker_mut(tracker) }?;
        *t = t.sliding(window);
        Ok(())
    })
}

/// A token's state, as `authcore_token_status` reports it.
// A fixed 32-bit type in C (`typedef uint32_t`): it is stored in structs and written through
// pointers, and C compilers disagree on an enum's size (arm-none-eabi-gcc makes them one
// byte unless -fno-short-enums).
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_token_state {
    /// Usable, and not yet due for renewal.
    AUTHCORE_TOKEN_FRESH = 1,
    /// Still usable, but inside the refresh margin: renew it now.
    AUTHCORE_TOKEN_REFRESH_SOON = 2,
    /// No longer usable.
    AUTHCORE_TOKEN_EXPIRED = 3,
}

/// A token's state at some instant.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_token_status {
    /// Fresh, refresh soon or expired.
    pub state: authcore_token_state,
    /// Seconds left before the token is treated as expired (leeway deducted); INT64_MAX when
    /// no expiry is known; 0 when expired.
    pub remaining: i64,
}

impl From<Status> for authcore_token_status {
    fn from(s: Status) -> Self {
        use authcore_token_state::*;
        let (state, remaining) = match s {
            Status::Fresh { remaining } => (AUTHCORE_TOKEN_FRESH, remaining),
            Status::RefreshSoon { remaining } => (AUTHCORE_TOKEN_REFRESH_SOON, remaining),
            Status::Expired => (AUTHCORE_TOKEN_EXPIRED, 0),
        };
        authcore_token_status { state, remaining }
    }
}

/// Writes `status` to `out`, which is only written, never read (it may hold anything).
///
/// # Safety
/// `out` NULL or valid for a write.
pub(crate) unsafe fn put_status(
    out: *mut authcore_token_status,
    status: Status,
) -> Result<(), authcore_status> {
    if out.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    // SAFETY: non-NULL and valid for a write, as the caller vouches.
    unsafe { out.write(status.into()) };
    Ok(())
}

/// Writes the token's status at `now` (or at the pinned instant, while pinned) to `*out`.
///
/// \param tracker  An initialized tracker.
/// \param now      The time, in whole seconds, on the tracker's clock.
/// \param out      Receives the status.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_status(
    tracker: *const authcore_tracker,
    now: i64,
    out: *mut authcore_token_status,
) -> authcore_status {
    guard(|| {
        required(&[tracker.is_null(), out.is_null()])?;
        if out.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        // SAFETY (both): forwarded.
        let t = unsafe { tracker_ref(tracker) }?;
        unsafe { put_status(out, t.status(now)) }
    })
}

/// Writes the instant the token expires (before leeway; moved by touches on a sliding
/// tracker) to `*out`.
///
/// \param tracker  An initialized tracker.
/// \param out      Receives the instant, in the tracker's seconds.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_NOT_FOUND (no expiry is known).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_expires_at(
    tracker: *const authcore_tracker,
    out: *mut i64,
) -> authcore_status {
    guard(|| {
        required(&[tracker.is_null(), out.is_null()])?;
        // SAFETY (both): forwarded.
        let t = unsafe { tracker_ref(tracker) }?;
        let out = unsafe { self::out(out) }?;
        *out = t.expiry().end().ok_or(AUTHCORE_NOT_FOUND)?;
        Ok(())
    })
}

/// Records a use at `now`: on a sliding tracker the end moves to now + window if that is
/// later. An expired token is not revived.
///
/// \param tracker  An initialized tracker.
/// \param now      The time of the use, in whole seconds.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED, AUTHCORE_EXPIRED
///         (and no change).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_touch(
    tracker: *mut authcore_tracker,
    now: i64,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded.
        let mut t = unsafe { tracker_mut(tracker) }?;
        t.touch(now).map_err(authcore_status::from)
    })
}

/// Pins validity at `now`, the start of a request: until `authcore_tracker_unpin`, the
/// status is the one at `now` (ImmPort: a request started within the window stays valid to
/// its end). Pinning again moves the pin.
///
/// \param tracker  An initialized tracker.
/// \param now      The start of the request, in whole seconds.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED, AUTHCORE_EXPIRED
///         (expired at `now`; the tracker is then unchanged, an earlier pin stays where it
///         was).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_pin(
    tracker: *mut authcore_tracker,
    now: i64,
) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded.
        let mut t = unsafe { tracker_mut(tracker) }?;
        t.pin(now).map_err(authcore_status::from)
    })
}

/// Ends a pin: the status follows the clock again.
///
/// \param tracker  An initialized tracker.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_unpin(tracker: *mut authcore_tracker) -> authcore_status {
    guard(|| {
        // SAFETY: forwarded.
        unsafe { tracker_mut(tracker) }?.unpin();
        Ok(())
    })
}

/// Writes whether validity is pinned to `*out`.
///
/// \param tracker  An initialized tracker.
/// \param out      Receives true while pinned.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_is_pinned(
    tracker: *const authcore_tracker,
    out: *mut bool,
) -> authcore_status {
    guard(|| {
        required(&[tracker.is_null(), out.is_null()])?;
        // SAFETY (both): forwarded.
        let t = unsafe { tracker_ref(tracker) }?;
        let out = unsafe { self::out(out) }?;
        *out = t.is_pinned();
        Ok(())
    })
}

/// Zeroes the tracker's storage (later calls report AUTHCORE_UNINITIALIZED).
///
/// \param tracker  The tracker's storage.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_tracker_clear(tracker: *mut authcore_tracker) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_tracker, StoredTracker>(tracker, TRACKER_MAGIC) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Tracker {
        let mut t = Tracker::new(Expiry::unbounded(1_000), RefreshPolicy::DEFAULT).sliding(600);
        t.pin(1_200).unwrap();
        t
    }

    #[test]
    fn a_tracker_round_trips_through_its_stored_form() {
        let fixed = Tracker::new(Expiry::after(5, 60).unwrap(), RefreshPolicy::DEFAULT);
        let unbounded = Tracker::new(Expiry::unbounded(-3), RefreshPolicy::DEFAULT);
        for t in [sample(), fixed, unbounded] {
            assert_eq!(StoredTracker::of(&t).tracker(), Ok(t));
        }
    }

    #[test]
    fn every_invalid_stored_tracker_is_refused() {
        let good = StoredTracker::of(&Tracker::new(
            Expiry::unbounded(1_000),
            RefreshPolicy::DEFAULT,
        ));
        assert_eq!(good.set, 0);
        type Spoil = fn(&mut StoredTracker);
        let cases: [(&str, Spoil); 6] = [
            ("unknown flag", |s| s.set |= 8),
            ("high flag", |s| s.set |= 1 << 31),
            ("end without its flag", |s| s.end = 1),
            ("window without its flag", |s| s.window = 1),
            ("pin without its flag", |s| s.pinned = -1),
            ("margin past u16", |s| s.margin_permille = 65_536),
        ];
        for (what, spoil) in cases {
            let mut s = good;
            spoil(&mut s);
            assert_eq!(s.tracker(), Err(AUTHCORE_UNINITIALIZED), "{what}");
        }
        // Every flag combination with its values is a tracker; each flag alone is read.
        for set in 0..8 {
            let mut s = StoredTracker::of(&sample());
            s.set = set;
            s.end *= i64::from(set & HAS_END);
            s.window *= set & HAS_WINDOW;
            s.pinned *= i64::from(set & HAS_PIN);
            let t = s.tracker().unwrap();
            assert_eq!(t.is_pinned(), set & HAS_PIN != 0);
            assert_eq!(t.expiry().end().is_some(), set & HAS_END != 0);
            assert_eq!(StoredTracker::of(&t), s);
        }
    }
}
