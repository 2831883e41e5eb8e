//! Objects in caller-provided storage.
//!
//! C declares a fixed-size, 8-byte-aligned struct (its size is in the header) and passes its
//! address; the Rust object is written into it behind a magic number. A storage whose magic
//! does not match (zeroed, never initialized, or cleared) is refused with
//! `AUTHCORE_UNINITIALIZED` instead of being read as an object.
//!
//! C guarantees the storage 8-byte alignment (it is an array of `uint64_t`), while some
//! objects need 16 (SHA-512 state); the object is placed at the first suitably aligned
//! offset inside the storage, which is sized with room for that. A storage must therefore
//! not be copied to another address once initialized (it would read as uninitialized).

use core::mem::{align_of, size_of};
use core::ptr;

use crate::status::authcore_status::{self, *};

/// What a storage holds: the magic first, so it can be checked before anything else is read.
#[repr(C)]
struct Slot<T> {
    magic: u64,
    value: T,
}

const fn fits<S, T>() -> bool {
    let slack = align_of::<Slot<T>>().saturating_sub(align_of::<S>());
    size_of::<Slot<T>>() + slack <= size_of::<S>()
}

/// Where the slot lies inside the storage: its first `align_of::<Slot<T>>()`-aligned byte.
fn slot<S, T>(s: *mut S) -> *mut Slot<T> {
    let align = align_of::<Slot<T>>();
    let offset = s.addr().wrapping_neg() & (align - 1);
    s.cast::<u8>().wrapping_add(offset).cast()
}

/// Writes `value` into the storage `s`.
///
/// # Safety
/// A non-NULL `s` must be valid for writes of an `S`, and not in use by another thread.
pub(crate) unsafe fn init<S, T>(s: *mut S, magic: u64, value: T) -> Result<(), authcore_status> {
    const { assert!(fits::<S, T>(), "object does not fit its C storage") };
    if s.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    // SAFETY: `s` is non-NULL and valid for an `S`; the slot is aligned for `Slot<T>` and
    // lies inside it (the size with the alignment slack is checked at compile time above).
    unsafe { ptr::write(slot::<S, T>(s), Slot { magic, value }) };
    Ok(())
}

/// Writes `value` into the storage `s` and returns it, for objects that finish their own
/// setup at their final address.
///
/// # Safety
/// As for [`init`]; the result must not outlive the storage.
pub(crate) unsafe fn init_in_place<'a, S, T>(
    s: *mut S,
    magic: u64,
    value: T,
) -> Result<&'a mut T, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { init(s, magic, value) }?;
    // SAFETY: `init` just wrote a `Slot<T>` there; nothing else refers to it yet.
    Ok(unsafe { &mut (*slot::<S, T>(s)).value })
}

/// The object in storage `s`, if it was initialized with `magic`.
///
/// # Safety
/// A non-NULL `s` must be valid for reads of an `S` for `'a`, and not written meanwhile.
pub(crate) unsafe fn get<'a, S, T>(s: *const S, magic: u64) -> Result<&'a T, authcore_status> {
    const { assert!(fits::<S, T>(), "object does not fit its C storage") };
    if s.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    let slot = slot::<S, T>(s.cast_mut());
    // SAFETY: `s` is valid for reads of an `S`; the slot is aligned and inside it, and its
    // first 8 bytes are the magic (repr(C)). Only the magic is read before it matches.
    let found = unsafe { ptr::read(ptr::addr_of!((*slot).magic)) };
    if found != magic {
        return Err(AUTHCORE_UNINITIALIZED);
    }
    // SAFETY: the magic says `init` wrote a `Slot<T>` here, and it has not been cleared.
    Ok(unsafe { &(*slot).value })
}

/// The object in storage `s`, for changing (`storage::get` lends it for reading only).
///
/// # Safety
/// `s` NULL or valid for reads and writes of an `S`, not used elsewhere meanwhile.
pub(crate) unsafe fn get_mut<'a, S, T>(
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

/// Drops the object in `s` (zeroizing what it owns) and zeroes the whole storage. Storage
/// that holds no object is only zeroed.
///
/// # Safety
/// A non-NULL `s` must be valid for writes of an `S`, and not in use by another thread.
pub(crate) unsafe fn clear<S, T>(s: *mut S, magic: u64) -> Result<(), authcore_status> {
    const { assert!(fits::<S, T>(), "object does not fit its C storage") };
    if s.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    let slot = slot::<S, T>(s);
    // SAFETY: as in `get`; after the magic check the slot holds a live `T`, dropped once.
    unsafe {
        if ptr::read(ptr::addr_of!((*slot).magic)) == magic {
            ptr::drop_in_place(ptr::addr_of_mut!((*slot).value));
        }
        ptr::write_bytes(s.cast::<u8>(), 0, size_of::<S>());
    }
    Ok(())
}
