//! Objects in caller-provided storage.
//!
//! C declares a fixed-size, 8-byte-aligned struct (its size is in the header) and passes its
//! address; the Rust object is written into it behind a magic number. A storage whose magic
//! does not match (zeroed, never initialized, or cleared) is refused with
//! `AUTHCORE_UNINITIALIZED` instead of being read as an object.
//!
//! What "initialized" means: the storage was filled by a successful constructor and not
//! cleared since. Storage that was never initialized but happens to hold bytes is the
//! caller's bug; what the library can detect, it checks on raw integers before a reference
//! to the object is formed (reading a Rust value whose bytes are invalid for its type is
//! already undefined behaviour, so a check on the typed value would come too late):
//!
//! - the magic number of the object's type;
//! - the storage's own address, which the constructor records: garbage behind a magic, or
//!   a byte copy of an object made elsewhere, is refused (keys excepted, see [`Stored`]);
//! - every byte that an enum's discriminant or a `bool` occupies in the object and whose
//!   place its type fixes ([`Stored::valid`]): a key's kind and algorithm, its hash state's
//!   kind, a policy's algorithm and switches.
//!
//! Sessions, trackers and claims objects go further: what their storage holds is a plain
//! form, `#[repr(C)]` integers, byte arrays and raw pointers (no enum, `Option`, `bool` or
//! reference, so any bytes are a value of it), and every read converts it into the core
//! value with checked conversions: every tag and flag in range, every value beside an
//! absent field 0 (the one form a constructor writes), every string inside its region and
//! UTF-8, every token no longer than the session's maximum. A call that changes the object
//! writes its plain form back. Pointers that no range can check (a claims object's text in
//! the caller's work buffer, a preset session's scope and client id) are followed only
//! when a check value ([`seal`]) over them and the storage's address matches: random bytes
//! match it once in 2^64.
//!
//! A storage failing any of these is `AUTHCORE_UNINITIALIZED`. What cannot be detected is
//! an earlier object left whole where it was made (never cleared, in a reused stack frame,
//! say): its bytes are exactly what a constructor wrote; nor garbage that happens to be a
//! valid value of a plain field (a time, a token's characters).
//!
//! C guarantees the storage 8-byte alignment (it is an array of `uint64_t`), while some
//! objects need 16 (SHA-512 state); the object is placed at the first suitably aligned
//! offset inside the storage, which is sized with room for that. A storage must therefore
//! not be copied to another address once initialized (it would read as uninitialized), and
//! a storage address that is not 8-byte aligned is refused (`AUTHCORE_INVALID_ARGUMENT`).

use core::mem::{align_of, size_of};
use core::ptr;
use core::sync::atomic::{Ordering, fence};

use crate::status::authcore_status::{self, *};

/// What a storage holds: the magic first, so it can be checked before anything else is read,
/// then the plain integers that say which object this is.
#[repr(C)]
struct Slot<T> {
    magic: u64,
    generation: u64,
    /// The address of the storage the object was made in.
    home: u64,
    value: T,
}

/// An object type kept in C storage: what [`get`] checks, on raw bytes, before it lends one.
pub(crate) trait Stored: Sized {
    /// Whether the object is only valid in the storage it was made in (every type but keys,
    /// which C callers pass around by value, as the tests and examples do: a key holds no
    /// pointer, and its bytes are checked by [`Stored::valid`]).
    const STAYS_HOME: bool = true;

    /// Whether the bytes at `value` hold, in every place this type fixes for an enum's
    /// discriminant or a `bool`, a value that field may have. Plain stored forms (integers,
    /// byte arrays and raw pointers only: any bytes are a value of them) have nothing to
    /// check here; their reads convert them into core values with checks.
    ///
    /// # Safety
    /// `value` aligned for `Self` and valid for reads of `size_of::<Self>()` bytes, which
    /// may be any bytes at all (they are read as integers only).
    unsafe fn valid(value: *const Self) -> bool {
        let _ = value;
        true
    }
}

/// The byte `offset` bytes into `value`, read as a plain integer.
///
/// # Safety
/// `offset` inside the `size_of::<T>()` readable bytes at `value`, and that byte
/// initialized (C caller storage always is: the constructor wiped it, and C wrote it).
pub(crate) unsafe fn byte_at<T>(value: *const T, offset: usize) -> u8 {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { ptr::read_volatile(value.cast::<u8>().add(offset)) }
}

/// Whether every discriminant in `fields` (offsets into the bytes at `value`) holds a
/// value its field may take.
///
/// # Safety
/// As for [`byte_at`], for every offset in `fields`.
pub(crate) unsafe fn discriminants_valid<T>(
    value: *const T,
    base: usize,
    fields: &[authcore::Discriminant],
) -> bool {
    fields.iter().all(|d| {
        // SAFETY: forwarded to the caller's guarantee.
        (d.valid)(unsafe { byte_at(value, base + d.offset) })
    })
}

const fn fits<S, T>() -> bool {
    let slack = align_of::<Slot<T>>().saturating_sub(align_of::<S>());
    size_of::<Slot<T>>() + slack <= size_of::<S>()
}

/// Whether `s` can be storage at all: not NULL (AUTHCORE_NULL_ARGUMENT), and aligned as
/// the header declares the struct (AUTHCORE_INVALID_ARGUMENT): the object is placed at an
/// aligned offset inside it, and the storage has room for that only from an aligned start.
pub(crate) fn usable<S>(s: *const S) -> Result<(), authcore_status> {
    if s.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    if !s.is_aligned() {
        return Err(AUTHCORE_INVALID_ARGUMENT);
    }
    Ok(())
}

/// Where the slot lies inside the storage: its first `align_of::<Slot<T>>()`-aligned byte.
fn slot<S, T>(s: *mut S) -> *mut Slot<T> {
    let align = align_of::<Slot<T>>();
    let offset = s.addr().wrapping_neg() & (align - 1);
    s.cast::<u8>().wrapping_add(offset).cast()
}

/// Writes `value` into the storage `s`.
///
/// Whatever the storage held before is overwritten without being read (it may be
/// uninitialised memory, or an earlier object of any type): the whole storage is zeroed
/// first, so no byte of an earlier secret survives, then the object is written, and the
/// magic last, so that a reader never sees the magic beside a half-written object.
///
/// # Safety
/// A non-NULL `s` must be valid for writes of an `S`, and not in use by another thread.
pub(crate) unsafe fn init<S, T>(s: *mut S, magic: u64, value: T) -> Result<(), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee; `write` writes a whole `T` at the
    // aligned place `install` gives it.
    unsafe { install::<S, T>(s, magic, |at| ptr::write(at, value)) }
}

/// The one way an object enters its storage: the storage wiped, a new generation and the
/// storage's address, the object written by `write_value` (given the slot's aligned
/// address), and the magic last, after a fence, so that a reader never sees the magic
/// beside a half-written object.
///
/// # Safety
/// As for [`init`]; `write_value` must write a whole, valid `T` at the address it is given.
unsafe fn install<S, T>(
    s: *mut S,
    magic: u64,
    write_value: impl FnOnce(*mut T),
) -> Result<(), authcore_status> {
    const { assert!(fits::<S, T>(), "object does not fit its C storage") };
    usable(s)?;
    let slot = slot::<S, T>(s);
    // SAFETY: `s` is usable and valid for an `S`; the slot is aligned for `Slot<T>` and lies
    // inside it (the size with the alignment slack is checked at compile time above).
    unsafe {
        wipe(s);
        ptr::write(ptr::addr_of_mut!((*slot).generation), next_generation());
        ptr::write(ptr::addr_of_mut!((*slot).home), s.addr() as u64);
        write_value(ptr::addr_of_mut!((*slot).value));
        fence(Ordering::SeqCst);
        ptr::write_volatile(ptr::addr_of_mut!((*slot).magic), magic);
    }
    Ok(())
}

/// Writes `value` into the storage `s`, as [`init`] does, for objects that finish their own
/// setup at their final address: `finish` gets the object there before its magic is
/// written.
///
/// # Safety
/// As for [`init`]; what `finish` keeps of the reference must not outlive the storage.
pub(crate) unsafe fn init_in_place<S, T>(
    s: *mut S,
    magic: u64,
    value: T,
    finish: impl FnOnce(&mut T),
) -> Result<(), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee; `write` writes a whole `T` at the
    // aligned place `install` gives it, which nothing else refers to yet.
    unsafe {
        install::<S, T>(s, magic, |at| {
            ptr::write(at, value);
            finish(&mut *at);
        })
    }
}

/// Fills the storage `s` as [`init`] does, the object written in place by `fill`: for
/// plain stored forms (every byte an integer's, so that the wiped storage is already one,
/// all zero) too large, or written from too deep a stack, for a by-value temporary.
///
/// # Safety
/// As for [`init`]; `T` valid when all its bytes are zero.
pub(crate) unsafe fn init_plain<S, T>(
    s: *mut S,
    magic: u64,
    fill: impl FnOnce(&mut T),
) -> Result<(), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee; `install` wiped the storage, so the slot
    // holds an all-zero `T`, valid by the same guarantee, which nothing else refers to.
    unsafe { install::<S, T>(s, magic, |at| fill(&mut *at)) }
}

/// Whether the slot of storage `s` holds an object made with `magic`, as far as its raw
/// bytes tell (see the module's documentation).
///
/// # Safety
/// `s` usable and valid for reads of an `S`.
unsafe fn live<S, T: Stored>(s: *const S, magic: u64) -> bool {
    let slot = slot::<S, T>(s.cast_mut());
    // SAFETY: the slot is aligned and inside the storage; only plain integers are read, the
    // value's bytes through `valid`, which reads them as integers too.
    unsafe {
        ptr::read_volatile(ptr::addr_of!((*slot).magic)) == magic
            && (!T::STAYS_HOME
                || ptr::read_volatile(ptr::addr_of!((*slot).home)) == s.addr() as u64)
            && T::valid(ptr::addr_of!((*slot).value))
    }
}

/// The object in storage `s`, if it was initialized with `magic` and its raw bytes pass
/// every check its type has (AUTHCORE_UNINITIALIZED otherwise).
///
/// # Safety
/// A non-NULL `s` must be valid for reads of an `S` for `'a`, and not written meanwhile.
pub(crate) unsafe fn get<'a, S, T: Stored>(
    s: *const S,
    magic: u64,
) -> Result<&'a T, authcore_status> {
    const { assert!(fits::<S, T>(), "object does not fit its C storage") };
    usable(s)?;
    // SAFETY: `s` is usable and valid for reads of an `S`.
    if !unsafe { live::<S, T>(s, magic) } {
        return Err(AUTHCORE_UNINITIALIZED);
    }
    let slot = slot::<S, T>(s.cast_mut());
    // SAFETY: the checks say `install` wrote a `Slot<T>` here, not cleared since.
    Ok(unsafe { &(*slot).value })
}

/// The object in storage `s`, for changing (`storage::get` lends it for reading only).
///
/// # Safety
/// `s` NULL or valid for reads and writes of an `S`, not used elsewhere meanwhile.
pub(crate) unsafe fn get_mut<'a, S, T: Stored>(
    s: *mut S,
    magic: u64,
) -> Result<&'a mut T, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let shared: *const T = unsafe { get::<S, T>(s, magic) }?;
    // The same address, with the provenance of the caller's writable pointer.
    let p = s.cast::<T>().with_addr(shared.addr());
    // SAFETY: `get` checked the magic, so a `T` lives there; the caller gave `s` for writing
    // and nothing else uses the object meanwhile.
    Ok(unsafe { &mut *p })
}

/// Changes the live object in storage `s` in place through `change`, as a new generation of
/// it: the magic is removed first, so that a call still running on the object (a contract
/// violation in C) finds it dead when it checks [`Ticket::still_live`], and written back,
/// with a new generation, once `change` returns, whatever it returned.
///
/// # Safety
/// As for [`get_mut`].
pub(crate) unsafe fn renew<S, T: Stored, R>(
    s: *mut S,
    magic: u64,
    change: impl FnOnce(&mut T) -> R,
) -> Result<R, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let value = unsafe { get_mut::<S, T>(s, magic) }?;
    let slot = slot::<S, T>(s);
    // SAFETY: `get_mut` checked that a live `Slot<T>` lies at `slot`; its magic and
    // generation are plain integers.
    unsafe {
        ptr::write_volatile(ptr::addr_of_mut!((*slot).magic), 0);
        fence(Ordering::SeqCst);
        let r = change(value);
        ptr::write(ptr::addr_of_mut!((*slot).generation), next_generation());
        fence(Ordering::SeqCst);
        ptr::write_volatile(ptr::addr_of_mut!((*slot).magic), magic);
        Ok(r)
    }
}

/// Drops the object in `s` (zeroizing what it owns) and zeroes the whole storage. Storage
/// that holds no object (or one that fails the checks of [`get`]) is only zeroed.
///
/// The magic is removed before anything else is touched, so that a call still running on
/// the object (a contract violation in C, but one a garbage collector can cause) sees it
/// dead when it checks [`Ticket::still_live`] after reading the object.
///
/// # Safety
/// A non-NULL `s` must be valid for writes of an `S`.
pub(crate) unsafe fn clear<S, T: Stored>(s: *mut S, magic: u64) -> Result<(), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee; `drop_object` checked `s` usable.
    unsafe {
        drop_object::<S, T>(s, magic)?;
        wipe(s);
    }
    Ok(())
}

/// The first half of [`clear`]: the magic removed, then the object dropped, which wipes what
/// it owns. The whole-storage wipe that follows in `clear` would hide a drop that wipes
/// nothing, so the tests run this half alone.
///
/// # Safety
/// As for [`clear`].
unsafe fn drop_object<S, T: Stored>(s: *mut S, magic: u64) -> Result<(), authcore_status> {
    const { assert!(fits::<S, T>(), "object does not fit its C storage") };
    usable(s)?;
    let slot = slot::<S, T>(s);
    // SAFETY: as in `get`; after its checks the slot holds a live `T`, dropped once.
    unsafe {
        let was_live = live::<S, T>(s, magic);
        ptr::write_volatile(ptr::addr_of_mut!((*slot).magic), 0);
        fence(Ordering::SeqCst);
        if was_live {
            ptr::drop_in_place(ptr::addr_of_mut!((*slot).value));
        }
    }
    Ok(())
}

/// Zeroes the whole storage without reading it, through volatile writes the compiler cannot
/// drop as dead: what a constructor does first, so that one that fails leaves no earlier
/// object behind.
///
/// # Safety
/// `s` valid for writes of an `S`.
pub(crate) unsafe fn wipe<S>(s: *mut S) {
    debug_assert!(usable(s).is_ok());
    let bytes = s.cast::<u8>();
    for i in 0..size_of::<S>() {
        // SAFETY: `i` is inside the storage.
        unsafe { ptr::write_volatile(bytes.add(i), 0) };
    }
    fence(Ordering::SeqCst);
}

/// A check value over `words` (an object's plain fields, and the storage's address): what
/// an object keeps beside fields that no check can judge, such as a pointer into the
/// caller's memory. Not cryptographic: random bytes match it once in 2^64, which is what it
/// is for; someone who writes the storage on purpose can do anything anyway.
#[inline(never)]
pub(crate) fn seal(words: &[u64]) -> u64 {
    // splitmix64's finalizer over each word, chained.
    words.iter().fold(0x243F_6A88_85A3_08D3, |h, &w| {
        let mut z = (h ^ w).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

/// Which object a call started with: the storage, and the generation of the object that
/// was live in it. [`Ticket::still_live`] tells, after the call has read the object,
/// whether that same object is still there: not cleared, and not cleared and made again.
pub(crate) struct Ticket<S> {
    storage: *const S,
    magic: u64,
    generation: u64,
}

impl<S> Ticket<S> {
    /// Whether the object the ticket was taken for is still live in its storage.
    ///
    /// # Safety
    /// The storage must still be valid for reads of an `S`.
    pub(crate) unsafe fn still_live<T>(&self) -> bool {
        let slot = slot::<S, T>(self.storage.cast_mut());
        fence(Ordering::SeqCst);
        // SAFETY: the storage is valid for reads (the caller's guarantee); the slot is
        // aligned and inside it; the fields are plain integers, read as they are now.
        unsafe {
            ptr::read_volatile(ptr::addr_of!((*slot).magic)) == self.magic
                && ptr::read_volatile(ptr::addr_of!((*slot).generation)) == self.generation
        }
    }
}

/// The object in storage `s`, with a [`Ticket`] to check afterwards that it stayed live.
///
/// # Safety
/// As for [`get`].
pub(crate) unsafe fn get_with_ticket<'a, S, T: Stored>(
    s: *const S,
    magic: u64,
) -> Result<(&'a T, Ticket<S>), authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let value = unsafe { get::<S, T>(s, magic) }?;
    let slot = slot::<S, T>(s.cast_mut());
    // SAFETY: `get` checked the magic, so `install` wrote the generation too.
    let generation = unsafe { ptr::read_volatile(ptr::addr_of!((*slot).generation)) };
    Ok((
        value,
        Ticket {
            storage: s,
            magic,
            generation,
        },
    ))
}

/// A number no earlier `init` in this process returned (until it wraps after 2^64 inits, or
/// 2^32 on targets without 64-bit atomics), so that an object cleared and made again in the
/// same storage is told apart from the one a call started with.
fn next_generation() -> u64 {
    #[cfg(target_has_atomic = "64")]
    {
        use core::sync::atomic::AtomicU64;
        static NEXT: AtomicU64 = AtomicU64::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }
    #[cfg(all(not(target_has_atomic = "64"), target_has_atomic = "32"))]
    {
        use core::sync::atomic::AtomicU32;
        static NEXT: AtomicU32 = AtomicU32::new(1);
        u64::from(NEXT.fetch_add(1, Ordering::Relaxed))
    }
    #[cfg(not(target_has_atomic = "32"))]
    {
        // Cores without compare-and-swap (Cortex-M0+) run one thread; interrupts that make
        // objects there are the firmware's to serialize, as for every other object.
        use core::sync::atomic::AtomicU32;
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let n = NEXT.load(Ordering::Relaxed);
        NEXT.store(n.wrapping_add(1), Ordering::Relaxed);
        u64::from(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::{AnyKey, KEY_MAGIC, authcore_key, authcore_key_clear, authcore_key_hmac};
    use crate::lifecycle::authcore_session;

    /// The bytes of the object of type `T` in the storage at `s` (the slot's value, not its
    /// magic or generation, which differ from storage to storage without being secret).
    fn value_bytes<S, T>(s: *mut S) -> Vec<u8> {
        let value = slot::<S, T>(s)
            .cast::<u8>()
            .wrapping_add(core::mem::offset_of!(Slot<T>, value));
        // SAFETY: the value lies inside the storage (`fits`); every byte of the storage was
        // written (zeroed, then the object written over it); volatile, so that the reads of
        // a dropped object are not reasoned away.
        (0..size_of::<T>())
            .map(|i| unsafe { ptr::read_volatile(value.add(i)) })
            .collect()
    }

    /// Fills two storages with `make(false)` and `make(true)`, runs `end` on each, and
    /// returns how many bytes of the object differed between the two (the ones that depend
    /// on the secret) and how many of those are not zero afterwards.
    fn secret_bytes_left<S, T>(
        make: impl Fn(*mut S, bool),
        end: impl Fn(*mut S),
        mut storages: [Box<S>; 2],
    ) -> (usize, usize) {
        for (s, which) in storages.iter_mut().zip([false, true]) {
            make(&mut **s, which);
        }
        let live = storages.each_mut().map(|s| value_bytes::<S, T>(&mut **s));
        let secret: Vec<usize> = (0..size_of::<T>())
            .filter(|&i| live[0][i] != live[1][i])
            .collect();
        for s in &mut storages {
            end(&mut **s);
        }
        let after = storages.each_mut().map(|s| value_bytes::<S, T>(&mut **s));
        let left = secret
            .iter()
            .filter(|&&i| after[0][i] != 0 || after[1][i] != 0)
            .count();
        (secret.len(), left)
    }

    fn key(k: *mut authcore_key, b: bool) {
        let secret = [if b { 0x11u8 } else { 0x22 }; 32];
        // SAFETY: `k` is a whole storage; the secret is 32 readable bytes.
        let status = unsafe { authcore_key_hmac(k, 1, secret.as_ptr(), secret.len()) };
        assert_eq!(status, AUTHCORE_OK);
    }

    fn keys() -> [Box<authcore_key>; 2] {
        [(); 2].map(|()| Box::new(authcore_key { opaque: [0; 256] }))
    }

    #[test]
    fn dropping_a_key_in_its_storage_wipes_its_secret() {
        // SAFETY: each is a storage `key` initialized; dropped once.
        let end = |k| unsafe { drop_object::<authcore_key, AnyKey>(k, KEY_MAGIC) }.unwrap();
        let (secret, left) = secret_bytes_left::<_, AnyKey>(key, end, keys());
        assert!(secret >= 56, "{secret}");
        assert_eq!(
            left, 0,
            "{left} of {secret} secret bytes left by the drop alone"
        );
        // And `authcore_key_clear` as a whole.
        // SAFETY: as above.
        let (_, left) = secret_bytes_left::<_, AnyKey>(
            key,
            |k| assert_eq!(unsafe { authcore_key_clear(k) }, AUTHCORE_OK),
            keys(),
        );
        assert_eq!(left, 0);
    }

    use crate::lifecycle::{
        SESSION_MAGIC, StoredSession, authcore_session_accept_login, authcore_session_init,
    };

    #[test]
    fn dropping_a_session_in_its_storage_wipes_its_tokens() {
        // Found by their text: the bytes that differ between two sessions are not all
        // secret (the storage's address is kept), so the two-object comparison would see
        // more than the tokens.
        let (access, refresh) = ("A1b2C3d4E5f6G7h8", "R9s8T7u6V5w4X3y2");
        let response =
            format!(r#"{{"access_token":"{access}","refresh_token":"{refresh}","expires_in":60}}"#);
        let mut storage = Box::new(authcore_session { opaque: [0; 640] });
        let s: *mut authcore_session = &mut *storage;
        // SAFETY: `s` is a whole storage, not in use elsewhere; the response is readable.
        unsafe {
            assert_eq!(
                authcore_session_init(s, 1, ptr::null(), 0, ptr::null(), 0),
                AUTHCORE_OK
            );
            let status = authcore_session_accept_login(
                s,
                response.as_ptr().cast(),
                response.len(),
                1_700_000_000,
                1,
            );
            assert_eq!(status, AUTHCORE_OK);
        }
        let live = value_bytes::<_, StoredSession>(s);
        let at = |token: &str| {
            let found = live
                .windows(token.len())
                .position(|w| w == token.as_bytes());
            found.expect("the token is in the object")
        };
        let spots: Vec<usize> = [access, refresh]
            .into_iter()
            .flat_map(|t| at(t)..at(t) + t.len())
            .collect();
        // SAFETY: the storage holds a live session; dropped once.
        unsafe { drop_object::<authcore_session, StoredSession>(s, SESSION_MAGIC) }.unwrap();
        let after = value_bytes::<_, StoredSession>(s);
        let left = spots.iter().filter(|&&i| after[i] != 0).count();
        assert_eq!(left, 0, "{left} token bytes left by the drop alone");
    }
}
