//! The token lifecycle over the C ABI: `Authorization` header values (`authz`), login and
//! refresh bodies (`body`), expiry tracking (`tracker`), the session of one API
//! (`session`), the descriptions of APIs beyond the presets (`description`), and what a
//! refused response said (`response`).
//!
//! Time comes in as `now` in whole seconds plus an `authcore_time_base` saying what the
//! seconds count from; [`FixedClock`] turns the pair into core's `Clock`. Seconds, not
//! milliseconds, because everything in core and in `authcore_verify` counts seconds.

mod authz;
mod body;
mod description;
mod profiles;
mod response;
mod session;
mod stored;
mod tracker;

pub use authz::*;
pub use body::*;
pub use description::*;
pub use response::*;
pub use session::*;
pub use tracker::*;

#[cfg(test)]
pub(crate) use stored::StoredSession;

use core::ffi::c_char;

use authcore::clock::{Clock, TimeBase};
use authcore::session::Credentials;
use authcore::{LifecycleError, response::body as core_body};

use crate::boundary::{opt_text, text};
use crate::status::authcore_status::{self, *};

/// What the `now`, `received` and `time_base` arguments of the lifecycle functions mean:
/// times are whole seconds (`int64_t`; floor milliseconds yourself), counted from the origin
/// this names. Nothing in authcore reads a clock: the caller passes the time on every call.
#[repr(u32)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum authcore_time_base {
    /// Unix time: seconds since 1970-01-01T00:00:00Z (an RTC, NTP, the host clock). Needed
    /// for absolute expiry times (epoch milliseconds, RFC 3339 dates).
    AUTHCORE_TIME_UNIX = 1,
    /// Seconds since an arbitrary origin that only moves forward (a tick counter since
    /// boot): a token's lifetime is anchored to the instant its response was received.
    AUTHCORE_TIME_MONOTONIC = 2,
}

/// An `authcore_time_base` as a function takes it: C may pass any 32-bit value, which
/// [`time_base`] checks (the header names the type `authcore_time_base`).
pub type TimeBaseArg = u32;

/// The time base for a raw `authcore_time_base` value (C may pass any integer).
pub(crate) fn time_base(raw: TimeBaseArg) -> Result<TimeBase, authcore_status> {
    match raw {
        1 => Ok(TimeBase::Unix),
        2 => Ok(TimeBase::Monotonic),
        _ => Err(AUTHCORE_INVALID_ARGUMENT),
    }
}

/// The time a C call passes, as core's `Clock`: it says what it was told.
pub(crate) struct FixedClock {
    now: i64,
    base: TimeBase,
}

impl FixedClock {
    pub(crate) fn new(now: i64, raw_base: TimeBaseArg) -> Result<Self, authcore_status> {
        Ok(FixedClock {
            now,
            base: time_base(raw_base)?,
        })
    }
}

impl Clock for FixedClock {
    fn base(&self) -> TimeBase {
        self.base
    }
    fn now(&self) -> Result<i64, LifecycleError> {
        Ok(self.now)
    }
}

/// A user name and password (and Aria Operations' optional `authSource`), each a pointer
/// and a length in bytes of UTF-8, not NUL-terminated. The strings are read during the call
/// that takes the struct, never kept.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_credentials {
    /// The user name.
    pub username: *const c_char,
    /// Bytes in `username`.
    pub username_len: usize,
    /// The password.
    pub password: *const c_char,
    /// Bytes in `password`.
    pub password_len: usize,
    /// The `authSource`, or NULL for none.
    pub auth_source: *const c_char,
    /// Bytes in `auth_source` (0 when it is NULL, else AUTHCORE_INVALID_ARGUMENT).
    pub auth_source_len: usize,
}

/// The credentials `c` points at.
///
/// # Safety
/// `c` NULL or valid for reads, its strings valid for their lengths for `'a`.
pub(crate) unsafe fn credentials<'a>(
    c: *const authcore_credentials,
) -> Result<Credentials<'a>, authcore_status> {
    // SAFETY (all four): forwarded to the caller's guarantee.
    let c = unsafe { c.as_ref() }.ok_or(AUTHCORE_NULL_ARGUMENT)?;
    let username = unsafe { text(c.username, c.username_len) }?;
    let password = unsafe { text(c.password, c.password_len) }?;
    let auth_source = unsafe { opt_text(c.auth_source, c.auth_source_len) }?;
    Ok(Credentials {
        username,
        password,
        auth_source,
    })
}

/// The caller's bytes in `c`, for the check that an output lies apart from them.
pub(crate) fn credential_bytes<'a>(c: &Credentials<'a>) -> [&'a [u8]; 3] {
    [
        c.username.as_bytes(),
        c.password.as_bytes(),
        opt_bytes(c.auth_source),
    ]
}

/// The bytes of an optional string (none for `None`).
pub(crate) fn opt_bytes(s: Option<&str>) -> &[u8] {
    s.map_or(&[], str::as_bytes)
}

/// A core content type as a static C string (NULL for none).
pub(crate) fn content_type(ct: Option<&'static str>) -> Result<*const c_char, authcore_status> {
    match ct {
        None => Ok(core::ptr::null()),
        Some(core_body::JSON) => Ok(c"application/json".as_ptr()),
        Some(core_body::FORM) => Ok(c"application/x-www-form-urlencoded".as_ptr()),
        // Core has no other today; one added there must be added here.
        Some(_) => Err(AUTHCORE_INTERNAL_ERROR),
    }
}
