//! A session as caller storage holds it: plain integers and bytes ([`StoredSession`]),
//! checked and turned into core's `AuthSession` for the length of one call, and written
//! back after a call that changes it.
//!
//! An `AuthSession` itself has enums, `Option`s and `&str`s where the compiler puts them,
//! and garbage there is undefined behaviour before any check could run; every byte of a
//! `StoredSession` is an integer's (or a raw pointer's), so any bytes are one, and
//! [`SessionRef::new`] decides whether they are a session. A session made from a preset
//! keeps the preset's number (its strings are core's statics) and the caller's scope and
//! client id by pointer, sealed ([`storage::seal`]); one made from a description keeps its
//! strings in [`StoredProfile::text`] as offsets and lengths.

use core::marker::PhantomData;

use authcore::lifetime::Status;
use authcore::response::{Field, ResponseFormat};
use authcore::session::{ApiProfile, Credentials, HeldToken, Next, Request, SessionParts};
use authcore::{LifecycleError, TimeBase};

use crate::status::authcore_status::{self, *};
use crate::storage;

use super::FixedClock;
use super::description::{
    AUTHCORE_API_PATHS_MAX, AUTHCORE_API_TEXT_TOTAL, Flat, INTS, STRINGS, decode,
};
use super::profiles::profile;
use super::session::{AUTHCORE_SESSION_TOKEN_MAX, Session};
use super::tracker::StoredTracker;

const N: usize = AUTHCORE_SESSION_TOKEN_MAX;
const PATHS: usize = AUTHCORE_API_PATHS_MAX;

/// An `ApiProfile` as plain values: either a preset (`preset`, with the caller's scope and
/// client id by pointer) or a description, its integers as they were and every string in
/// `text`. Every field left unused is 0 (the one form, which [`StoredProfile::profile`]
/// insists on). No padding: every byte is a field.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct StoredProfile {
    /// A preset's scope and client id, the caller's strings (NULL: none).
    external: [*const u8; 2],
    external_len: [usize; 2],
    /// [`storage::seal`] of `external`, `external_len` and the storage's address: nothing
    /// can tell whether those point at the caller's strings, so they are only followed when
    /// the seal says `authcore_session_init` recorded them.
    seal: u64,
    /// The preset, an `authcore_api` value; 0 for a description.
    preset: u32,
    /// A description's integers ([`Flat::ints`]).
    ints: [u32; INTS],
    /// Offset and length in `text` of each of a description's strings ([`Flat::strings`]).
    strings: [[u16; 2]; STRINGS],
    text: [u8; AUTHCORE_API_TEXT_TOTAL],
}

/// One token as plain values: its bytes (the rest of the array 0) and its tracker.
#[repr(C)]
#[derive(Clone, Copy)]
struct StoredToken {
    tracker: StoredTracker,
    /// 1 when the token has a tracker (`tracker` all 0 otherwise), else 0.
    has_tracker: u32,
    len: u32,
    bytes: [u8; N],
}

/// What a session's storage holds (see the module's documentation).
#[repr(C)]
pub(crate) struct StoredSession {
    profile: StoredProfile,
    access: StoredToken,
    refresh: StoredToken,
    /// 0: none yet, 1: Unix, 2: monotonic (`authcore_time_base`).
    base: u32,
    reserved: u32,
}

// Every byte of a `StoredSession` is an integer's or a raw pointer's: nothing to check
// before a reference to it is formed; `SessionRef::new` checks the values.
impl storage::Stored for StoredSession {}

/// The tokens are wiped when the storage is cleared (the storage is zeroed after this as
/// well; this makes the drop alone wipe them, as every object's drop does).
impl Drop for StoredSession {
    fn drop(&mut self) {
        for b in self.access.bytes.iter_mut().chain(&mut self.refresh.bytes) {
            // SAFETY: a byte of `self`; volatile, so that the wipe is not dropped as dead.
            unsafe { core::ptr::write_volatile(b, 0) };
        }
    }
}

impl StoredProfile {
    const ZERO: Self = StoredProfile {
        external: [core::ptr::null(); 2],
        external_len: [0; 2],
        seal: 0,
        preset: 0,
        ints: [0; INTS],
        strings: [[0; 2]; STRINGS],
        text: [0; AUTHCORE_API_TEXT_TOTAL],
    };

    fn sealed(&self, home: usize) -> u64 {
        let [a, b] = self.external.map(|p| p.addr() as u64);
        let [c, d] = self.external_len.map(|n| n as u64);
        storage::seal(&[a, b, c, d, home as u64])
    }

    /// The preset `api` (an `authcore_api` value) with the caller's `scope` and
    /// `client_id`, kept by pointer, for the storage at `home`.
    pub(super) fn preset(
        api: u32,
        scope: Option<&'static str>,
        client_id: Option<&'static str>,
        home: usize,
    ) -> Result<Self, authcore_status> {
        profile(api, None, None).ok_or(AUTHCORE_INVALID_ARGUMENT)?;
        let mut p = Self::ZERO;
        p.preset = api;
        for (i, s) in [scope, client_id].into_iter().enumerate() {
            if let Some(s) = s {
                p.external[i] = s.as_ptr();
                p.external_len[i] = s.len();
            }
        }
        p.seal = p.sealed(home);
        Ok(p)
    }

    /// A checked description, its strings copied into `text`, for the storage at `home`
    /// (AUTHCORE_DESCRIPTION_TOO_LONG when they do not fit: checking counted them).
    pub(super) fn custom(d: &Flat<'_>, home: usize) -> Result<Self, authcore_status> {
        let mut p = Self::ZERO;
        p.ints = d.ints;
        let mut free = &mut p.text[..];
        let mut used = 0;
        for (span, s) in p.strings.iter_mut().zip(&d.strings) {
            // What could not be read is what the description leaves unused.
            let s = s.unwrap_or("");
            if s.is_empty() {
                continue;
            }
            let (copy, rest) = core::mem::take(&mut free)
                .split_at_mut_checked(s.len())
                .ok_or(AUTHCORE_DESCRIPTION_TOO_LONG)?;
            copy.copy_from_slice(s.as_bytes());
            free = rest;
            // Both fit in u16: the text is AUTHCORE_API_TEXT_TOTAL bytes.
            *span = [used as u16, s.len() as u16];
            used += s.len();
        }
        p.seal = p.sealed(home);
        Ok(p)
    }

    /// The profile these values hold, in the storage at `home`, its paths written to
    /// `paths`; `Err` unless the seal matches and they are the one form
    /// [`StoredProfile::preset`] or [`StoredProfile::custom`] writes, a description that
    /// `decode` reads as it read it when the session was made.
    ///
    /// # Safety
    /// The profile's strings borrow `self` (and a preset's, the caller's strings, which
    /// `authcore_session_init` had the caller keep), its paths `paths`: it must not be used
    /// once either is changed or gone, whatever its `'static` says.
    unsafe fn profile(
        &self,
        home: usize,
        paths: &mut [(Field, &'static str); PATHS],
    ) -> Result<ApiProfile, ()> {
        if self.seal != self.sealed(home) {
            return Err(());
        }
        if self.preset != 0 {
            // SAFETY: the seal matched; forwarded.
            return unsafe { self.preset_profile() };
        }
        if self.external.iter().any(|p| !p.is_null()) || self.external_len != [0, 0] {
            return Err(());
        }
        let mut strings = [Ok(""); STRINGS];
        for (slot, &[start, len]) in strings.iter_mut().zip(&self.strings) {
            let (start, len) = (usize::from(start), usize::from(len));
            if len == 0 {
                if start != 0 {
                    return Err(());
                }
                continue;
            }
            let bytes = self.text.get(start..start + len).ok_or(())?;
            *slot = Ok(core::str::from_utf8(bytes).map_err(|_| ())?);
        }
        let flat = Flat {
            ints: self.ints,
            strings,
        };
        // SAFETY: the caller's guarantee: the profile, which points into `paths`, is
        // dropped before `paths` changes.
        let paths: &'static mut _ = unsafe { &mut *core::ptr::from_mut(paths) };
        decode(&flat, paths, &mut |s| {
            // SAFETY: the caller's guarantee: the profile is dropped before `self` changes.
            Ok(unsafe { &*core::ptr::from_ref::<str>(s) })
        })
        .map_err(|_| ())
    }

    /// A preset's profile: every other field 0.
    ///
    /// # Safety
    /// The seal matched; as for [`StoredProfile::profile`].
    unsafe fn preset_profile(&self) -> Result<ApiProfile, ()> {
        let rest_zero = self.ints == [0; INTS]
            && self.strings == [[0; 2]; STRINGS]
            && self.text.iter().all(|&b| b == 0);
        if !rest_zero {
            return Err(());
        }
        let mut strings = [None; 2];
        for (s, (&p, &len)) in strings
            .iter_mut()
            .zip(self.external.iter().zip(&self.external_len))
        {
            if p.is_null() {
                if len != 0 {
                    return Err(());
                }
                continue;
            }
            // SAFETY: the seal says `authcore_session_init` recorded this pointer and length
            // of a caller's string (anything else matches it once in 2^64), which the caller
            // keeps valid and unchanged while the session is used.
            let bytes = unsafe { core::slice::from_raw_parts(p, len) };
            *s = Some(core::str::from_utf8(bytes).map_err(|_| ())?);
        }
        profile(self.preset, strings[0], strings[1]).ok_or(())
    }
}

impl StoredToken {
    #[cfg(test)]
    const ZERO: StoredToken = StoredToken {
        tracker: StoredTracker::ZERO,
        has_tracker: 0,
        len: 0,
        bytes: [0; N],
    };

    /// The token these values hold: `Err` unless the length fits, the token is UTF-8, the
    /// rest of the array is 0, and the tracker is one (or absent and all 0).
    fn held(&self) -> Result<HeldToken<'_>, ()> {
        let len = usize::try_from(self.len).map_err(|_| ())?;
        let (token, rest) = self.bytes.split_at_checked(len).ok_or(())?;
        if rest.iter().any(|&b| b != 0) {
            return Err(());
        }
        let tracker = match self.has_tracker {
            0 if self.tracker == StoredTracker::ZERO => None,
            1 => Some(self.tracker.tracker().map_err(|_| ())?),
            _ => return Err(()),
        };
        Ok(HeldToken {
            token: core::str::from_utf8(token).map_err(|_| ())?,
            tracker,
        })
    }
}

impl StoredSession {
    /// An empty session of `profile`: all else is 0, which is no token and no time base.
    #[cfg(test)]
    pub(crate) fn new(profile: StoredProfile) -> Self {
        StoredSession {
            profile,
            access: StoredToken::ZERO,
            refresh: StoredToken::ZERO,
            base: 0,
            reserved: 0,
        }
    }

    /// Makes the all-zero `self` (no token, no time base) a session of `profile`.
    pub(crate) fn set_profile(&mut self, profile: StoredProfile) {
        self.profile = profile;
    }

    /// The state these values hold (see [`StoredToken::held`]).
    fn parts(&self) -> Result<SessionParts<'_>, ()> {
        let base = match self.base {
            0 => None,
            1 => Some(TimeBase::Unix),
            2 => Some(TimeBase::Monotonic),
            _ => return Err(()),
        };
        if self.reserved != 0 {
            return Err(());
        }
        Ok(SessionParts {
            base,
            access: self.access.held()?,
            refresh: self.refresh.held()?,
        })
    }
}

/// Writes `parts` over the state in `stored`: each token's bytes, the rest of its array
/// zeroed (no byte of a longer token it replaces is left), its tracker and the time base.
///
/// # Safety
/// `stored` valid for writes, not in use elsewhere; nothing borrowed from its tokens alive.
unsafe fn write_parts(stored: *mut StoredSession, parts: &SessionParts<'_>) {
    for (to, from) in [
        // SAFETY: in bounds of `stored`.
        (unsafe { &mut (*stored).access }, parts.access),
        (unsafe { &mut (*stored).refresh }, parts.refresh),
    ] {
        let len = from.token.len().min(N);
        let (head, tail) = to.bytes.split_at_mut(len);
        head.copy_from_slice(from.token.as_bytes().get(..len).unwrap_or_default());
        tail.fill(0);
        to.len = len as u32;
        (to.tracker, to.has_tracker) = match from.tracker {
            Some(t) => (StoredTracker::of(&t), 1),
            None => (StoredTracker::ZERO, 0),
        };
    }
    // SAFETY: in bounds of `stored`.
    unsafe {
        (*stored).base = match parts.base {
            None => 0,
            Some(TimeBase::Unix) => 1,
            Some(TimeBase::Monotonic) => 2,
        };
    }
}

/// What a call answers in the case that cannot happen: [`SessionRef::run`] not calling it.
const NEVER: LifecycleError = LifecycleError::NoToken;

/// A session read from its storage for one call: the stored values checked, and the
/// profile with them. Each of its calls makes the `AuthSession` on the stack, with the
/// tokens copied in (wiped when it is dropped), runs core's call on it, and, for the calls
/// that change it, writes its state back.
pub(crate) struct SessionRef<'a> {
    stored: *const StoredSession,
    profile: ApiProfile,
    paths: [(Field, &'static str); PATHS],
    paths_len: usize,
    _storage: PhantomData<&'a StoredSession>,
}

impl<'a> SessionRef<'a> {
    /// The session in `stored`, at `home`, or AUTHCORE_UNINITIALIZED when its values are
    /// not a session's.
    ///
    /// # Safety
    /// `stored` valid for reads for `'a`, not written meanwhile (but through
    /// [`SessionMut`]).
    pub(crate) unsafe fn new(
        stored: *const StoredSession,
        home: usize,
    ) -> Result<Self, authcore_status> {
        // SAFETY: the caller's guarantee; every byte of it is a plain value.
        let s = unsafe { &*stored };
        let mut paths = [(Field::AccessToken, ""); PATHS];
        // SAFETY: the profile's strings borrow `s` (unchanged for `'a`); its paths are
        // copied into `Self`, and each call points the profile at them anew.
        let profile = unsafe { s.profile.profile(home, &mut paths) };
        let mut profile = profile.map_err(|()| AUTHCORE_UNINITIALIZED)?;
        s.parts().map_err(|()| AUTHCORE_UNINITIALIZED)?;
        // A preset's paths are core's statics, a description's those written above.
        let given = profile.response.paths;
        if given.len() > PATHS {
            return Err(AUTHCORE_INTERNAL_ERROR);
        }
        let mut kept = [(Field::AccessToken, ""); PATHS];
        for (slot, &path) in kept.iter_mut().zip(given) {
            *slot = path;
        }
        let (paths, paths_len) = (kept, given.len());
        profile.response = ResponseFormat::new(&[]);
        Ok(SessionRef {
            stored,
            profile,
            paths,
            paths_len,
            _storage: PhantomData,
        })
    }

    /// Runs `f` on the session made from the storage; with `back`, its state is then
    /// written back to `back`. One copy for every call: `f` is a trait object, and
    /// [`SessionRef::call`] wraps each call's closure into one.
    ///
    /// # Safety
    /// `back` NULL or the storage itself, valid for writes and not used elsewhere.
    #[inline(never)]
    unsafe fn run(&self, back: *mut StoredSession, f: &mut dyn FnMut(&mut Session)) {
        let paths = self.paths.get(..self.paths_len).unwrap_or_default();
        // SAFETY: the session made here, which holds this, is dropped before `self` is.
        let paths: &'static [(Field, &'static str)] = unsafe { &*core::ptr::from_ref(paths) };
        let mut session = Session::new(ApiProfile {
            response: ResponseFormat::new(paths),
            ..self.profile
        });
        // SAFETY: valid for reads (`new`'s guarantee).
        let stored = unsafe { &*self.stored };
        // Checked in `new`; were the storage changed since, against the contract, the
        // session is empty.
        if let Ok(parts) = stored.parts() {
            // Cannot fail: the lengths were checked against N.
            let _ = session.restore(&parts);
        }
        f(&mut session);
        if !back.is_null() {
            // SAFETY: the caller's guarantee; nothing borrowed from the stored tokens is
            // alive (`parts` was dropped, `session` holds copies).
            unsafe { write_parts(back, &session.parts()) };
        }
    }

    /// [`SessionRef::run`] for a call `f` that returns something (`run` calls it once: the
    /// `None` is never seen).
    ///
    /// # Safety
    /// As for [`SessionRef::run`].
    unsafe fn call<R>(
        &self,
        back: *mut StoredSession,
        f: impl FnOnce(&mut Session) -> R,
    ) -> Option<R> {
        let (mut f, mut out) = (Some(f), None);
        // SAFETY: forwarded.
        unsafe {
            self.run(back, &mut |s| {
                if let Some(f) = f.take() {
                    out = Some(f(s));
                }
            })
        };
        out
    }

    /// As `AuthSession::login_request`.
    pub(crate) fn login_request<'b>(
        &self,
        c: &Credentials<'_>,
        buf: &'b mut [u8],
    ) -> Result<Request<'b>, LifecycleError> {
        // SAFETY: no write-back.
        unsafe { self.call(core::ptr::null_mut(), |s| s.login_request(c, buf)) }
            .unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::refresh_request`.
    pub(crate) fn refresh_request<'b>(
        &self,
        buf: &'b mut [u8],
    ) -> Result<Request<'b>, LifecycleError> {
        // SAFETY: no write-back.
        unsafe { self.call(core::ptr::null_mut(), |s| s.refresh_request(buf)) }
            .unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::authorization`.
    pub(crate) fn authorization<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, LifecycleError> {
        // SAFETY: no write-back.
        unsafe { self.call(core::ptr::null_mut(), |s| s.authorization(buf)) }.unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::status`.
    pub(crate) fn status(&self, clock: &FixedClock) -> Result<Status, LifecycleError> {
        // SAFETY: no write-back.
        unsafe { self.call(core::ptr::null_mut(), |s| s.status(clock)) }.unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::refresh_status`.
    pub(crate) fn refresh_status(&self, clock: &FixedClock) -> Result<Status, LifecycleError> {
        // SAFETY: no write-back.
        unsafe { self.call(core::ptr::null_mut(), |s| s.refresh_status(clock)) }
            .unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::next`.
    pub(crate) fn next<'b>(
        &self,
        clock: &FixedClock,
        buf: &'b mut [u8],
    ) -> Result<Next<'b>, LifecycleError> {
        // SAFETY: no write-back.
        unsafe { self.call(core::ptr::null_mut(), |s| s.next(clock, buf)) }.unwrap_or(Err(NEVER))
    }
}

/// A session read from its storage for a call that changes it: as [`SessionRef`], each
/// call writing the session's state back (through the pointer it holds: its calls take
/// `&self`, and it is neither `Send` nor `Sync`).
pub(crate) struct SessionMut<'a> {
    session: SessionRef<'a>,
    stored: *mut StoredSession,
}

impl<'a> SessionMut<'a> {
    /// As [`SessionRef::new`].
    ///
    /// # Safety
    /// `stored` valid for reads and writes for `'a`, not used elsewhere meanwhile.
    pub(crate) unsafe fn new(
        stored: *mut StoredSession,
        home: usize,
    ) -> Result<Self, authcore_status> {
        Ok(SessionMut {
            // SAFETY: forwarded.
            session: unsafe { SessionRef::new(stored, home) }?,
            stored,
        })
    }

    fn change<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        // SAFETY: `new`'s guarantee: the storage is this call's to write.
        unsafe { self.session.call(self.stored, f) }
    }

    /// As `AuthSession::accept_login`.
    pub(crate) fn accept_login(
        &self,
        json: &[u8],
        clock: &FixedClock,
    ) -> Result<(), LifecycleError> {
        self.change(|s| s.accept_login(json, clock))
            .unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::accept_login_for`.
    pub(crate) fn accept_login_for(
        &self,
        user: &str,
        json: &[u8],
        clock: &FixedClock,
    ) -> Result<(), LifecycleError> {
        self.change(|s| s.accept_login_for(user, json, clock))
            .unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::touch`.
    pub(crate) fn touch(&self, clock: &FixedClock) -> Result<(), LifecycleError> {
        self.change(|s| s.touch(clock)).unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::pin`.
    pub(crate) fn pin(&self, clock: &FixedClock) -> Result<(), LifecycleError> {
        self.change(|s| s.pin(clock)).unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::unpin`.
    pub(crate) fn unpin(&self) {
        self.change(|s| s.unpin()).unwrap_or(())
    }

    /// As `AuthSession::set_refresh_token`.
    pub(crate) fn set_refresh_token(
        &self,
        token: &str,
        clock: &FixedClock,
    ) -> Result<(), LifecycleError> {
        self.change(|s| s.set_refresh_token(token, clock))
            .unwrap_or(Err(NEVER))
    }

    /// As `AuthSession::forget_refresh_token`.
    pub(crate) fn forget_refresh_token(&self) {
        self.change(|s| s.forget_refresh_token()).unwrap_or(())
    }

    /// As `AuthSession::forget_access_token`.
    pub(crate) fn forget_access_token(&self) {
        self.change(|s| s.forget_access_token()).unwrap_or(())
    }

    /// As `AuthSession::clear`.
    pub(crate) fn clear(&self) {
        self.change(|s| s.clear()).unwrap_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::description::{
        I_FIELD, I_LOGIN, I_MARGIN_PERMILLE, I_PATHS_LEN, S_NAME, S_PATH, S_SCHEME, S_TOKEN_TYPE,
        ZERO, describe, flat,
    };
    use super::*;
    use authcore::authz::HeaderStyle;
    use authcore::lifetime::RefreshPolicy;
    use authcore::session::{ExpirySource, RefreshStyle};

    const HOME: usize = 0x4000;

    fn read(p: &StoredProfile) -> Result<ApiProfile, ()> {
        let paths = Box::leak(Box::new([(Field::AccessToken, ""); PATHS]));
        // A leaked copy: the profile borrows it.
        let p: &'static StoredProfile = Box::leak(Box::new(*p));
        // SAFETY: both leaked, never changed.
        unsafe { p.profile(HOME, paths) }
    }

    /// A description's profile with every kind of string and number set.
    fn custom() -> ApiProfile {
        ApiProfile {
            name: "gateway",
            header: HeaderStyle::Custom("Token"),
            refresh: RefreshStyle::Header(HeaderStyle::Custom("Renew")),
            expiry: ExpirySource::JwtSeconds("exi"),
            refresh_expiry: ExpirySource::FixedWindow(90),
            sliding_window: Some(600),
            default_lifetime: Some(60),
            token_type: Some("Bearer"),
            scope: Some("read write"),
            client_id: Some("device"),
            ..ApiProfile::DATARHEI
        }
    }

    /// `p` stored as `authcore_session_init_custom` stores its description.
    fn described(p: &ApiProfile) -> StoredProfile {
        let mut d = ZERO;
        describe(p, &mut d).unwrap();
        // SAFETY: `describe` points the strings at the profile's static text.
        let flat = unsafe { flat(&d) };
        StoredProfile::custom(&flat, HOME).unwrap()
    }

    #[test]
    fn profiles_round_trip_through_their_stored_form() {
        for api in 1..=7 {
            for (scope, client_id) in [(None, None), (Some("s p"), Some("c"))] {
                let want = profile(api, scope, client_id).unwrap();
                let stored = StoredProfile::preset(api, scope, client_id, HOME).unwrap();
                assert_eq!(read(&stored), Ok(want), "{api}");
                assert_eq!(read(&described(&want)), Ok(want), "{api} described");
            }
        }
        let c = custom();
        assert_eq!(read(&described(&c)), Ok(c));
        assert!(StoredProfile::preset(8, None, None, HOME).is_err());
    }

    #[test]
    fn every_invalid_stored_profile_is_refused() {
        type Spoil = fn(&mut StoredProfile);
        let good = described(&custom());
        let cases: [(&str, Spoil); 13] = [
            ("login 0", |p| p.ints[I_LOGIN] = 0),
            ("login 5", |p| p.ints[I_LOGIN] = 5),
            ("field 0", |p| p.ints[I_FIELD] = 0),
            ("field 11", |p| p.ints[I_FIELD] = 11),
            ("9 paths", |p| p.ints[I_PATHS_LEN] = 9),
            ("a custom header without its scheme", |p| {
                p.strings[S_SCHEME] = [0, 0]
            }),
            ("a span past the text", |p| p.strings[S_NAME] = [318, 5]),
            ("an empty span elsewhere", |p| {
                p.strings[S_PATH + 7] = [3, 0]
            }),
            ("text not UTF-8", |p| p.text[0] = 0xff),
            ("a profile check refuses", |p| {
                p.ints[I_MARGIN_PERMILLE] = 1001
            }),
            ("moved", |p| p.seal ^= 1),
            ("an external string", |p| p.external_len[0] = 1),
            ("a token type not UTF-8", |p| {
                let [start, _] = p.strings[S_TOKEN_TYPE];
                p.text[usize::from(start)] = 0xc3;
            }),
        ];
        for (what, spoil) in cases {
            let mut p = good;
            spoil(&mut p);
            assert_eq!(read(&p), Err(()), "{what}");
        }
        let preset = StoredProfile::preset(1, Some("s"), None, HOME).unwrap();
        let cases: [(&str, Spoil); 4] = [
            ("unknown preset", |p| p.preset = 8),
            ("a value beside it", |p| p.ints[I_LOGIN] = 1),
            ("text beside it", |p| p.text[5] = b'x'),
            ("a pointer not sealed", |p| p.external_len[0] = 2),
        ];
        for (what, spoil) in cases {
            let mut p = preset;
            spoil(&mut p);
            assert_eq!(read(&p), Err(()), "{what}");
        }
    }

    #[test]
    fn every_invalid_stored_state_is_refused() {
        let mut good = Box::new(StoredSession::new(StoredProfile::ZERO));
        let tracker = authcore::Tracker::new(
            authcore::Expiry::after(0, 60).unwrap(),
            RefreshPolicy::DEFAULT,
        );
        let parts = SessionParts {
            base: Some(TimeBase::Monotonic),
            access: HeldToken {
                token: "tok",
                tracker: Some(tracker),
            },
            refresh: HeldToken {
                token: "",
                tracker: None,
            },
        };
        // SAFETY: a whole object of this test's.
        unsafe { write_parts(&mut *good, &parts) };
        assert_eq!(good.parts(), Ok(parts));
        type Spoil = fn(&mut StoredSession);
        let cases: [(&str, Spoil); 8] = [
            ("base 3", |s| s.base = 3),
            ("reserved", |s| s.reserved = 1),
            ("too long", |s| s.access.len = N as u32 + 1),
            ("not UTF-8", |s| s.access.bytes[0] = 0xff),
            ("bytes past the token", |s| s.refresh.bytes[N - 1] = 1),
            ("tracker flag 2", |s| s.access.has_tracker = 2),
            ("a tracker without its flag", |s| {
                s.refresh.tracker = s.access.tracker
            }),
            ("an invalid tracker", |s| {
                s.access.tracker = StoredTracker::ZERO.with_set(8)
            }),
        ];
        for (what, spoil) in cases {
            let mut s = Box::new(StoredSession::new(StoredProfile::ZERO));
            // SAFETY: as above.
            unsafe { write_parts(&mut *s, &parts) };
            spoil(&mut s);
            assert_eq!(s.parts(), Err(()), "{what}");
        }
    }
}
