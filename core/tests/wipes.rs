//! The wipes are observable: the bytes of an object that hold its secret (or what was derived
//! from it) are zero once it is dropped, and once a session's tokens are cleared, whatever
//! type holds them.
//!
//! Method: two objects of the same type are made from two secrets of the same length, each in
//! a buffer filled with the same pattern. The bytes where the two live objects differ are the
//! ones that depend on the secret. Each object is then dropped in place (or cleared), and
//! those bytes are read back from the buffer: every one of them must be zero.

use std::mem::{MaybeUninit, size_of};
use std::ptr;

use authcore::{ApiProfile, AuthSession, HmacKey, ManualClock};

/// What happens to each object before its bytes are read back.
enum End<T> {
    /// Dropped in place.
    Drop,
    /// `f` runs on the live object (which is dropped after the bytes are read).
    Call(fn(&mut T)),
}

/// The bytes of the `T` at `p`.
///
/// # Safety
/// `p` points to `size_of::<T>()` bytes that were all written (the buffer was filled before
/// an object was written into it).
unsafe fn bytes<T>(p: *const T) -> Vec<u8> {
    let p = p.cast::<u8>();
    // SAFETY: inside the buffer, as the caller promises; volatile, so that the reads of a
    // dropped object's memory are not reasoned away.
    (0..size_of::<T>())
        .map(|i| unsafe { ptr::read_volatile(p.add(i)) })
        .collect()
}

/// Makes `make(false)` and `make(true)` in pattern-filled buffers, applies `end` to each,
/// and returns how many bytes differed between the two live objects and how many of those
/// are not zero afterwards (in either).
fn secret_bytes_left<T>(make: impl Fn(bool) -> T, end: End<T>) -> (usize, usize) {
    let mut slots = [MaybeUninit::<T>::uninit(), MaybeUninit::<T>::uninit()];
    for (slot, which) in slots.iter_mut().zip([false, true]) {
        // SAFETY: the buffer is `size_of::<T>()` bytes, aligned for `T`; the fill makes every
        // byte initialized (the object's padding keeps the pattern), then a `T` is written.
        unsafe {
            ptr::write_bytes(slot.as_mut_ptr().cast::<u8>(), 0xA5, size_of::<T>());
            slot.as_mut_ptr().write(make(which));
        }
    }
    // SAFETY: both buffers were filled, then written (see above).
    let live = slots.each_ref().map(|s| unsafe { bytes(s.as_ptr()) });
    let secret: Vec<usize> = (0..size_of::<T>())
        .filter(|&i| live[0][i] != live[1][i])
        .collect();
    for slot in &mut slots {
        // SAFETY: each slot holds a live `T`, dropped here once (or called on).
        unsafe {
            match &end {
                End::Drop => ptr::drop_in_place(slot.as_mut_ptr()),
                End::Call(f) => f(&mut *slot.as_mut_ptr()),
            }
        }
    }
    // SAFETY: as above; a dropped object's bytes are still the buffer's.
    let after = slots.each_ref().map(|s| unsafe { bytes(s.as_ptr()) });
    if let End::Call(_) = end {
        for slot in &mut slots {
            // SAFETY: still live after the call; dropped once.
            unsafe { ptr::drop_in_place(slot.as_mut_ptr()) };
        }
    }
    let left = secret
        .iter()
        .filter(|&&i| after[0][i] != 0 || after[1][i] != 0)
        .count();
    (secret.len(), left)
}

#[test]
fn the_harness_sees_bytes_left_behind() {
    // A type that does not wipe: its secret bytes are found, and found still there.
    let (secret, left) = secret_bytes_left(|b| [if b { 1u8 } else { 2 }; 40], End::Drop);
    assert_eq!((secret, left), (40, 40));
    let (secret, left) = secret_bytes_left(
        |b| [if b { 1u8 } else { 2 }; 40],
        End::Call(|a: &mut [u8; 40]| a[..39].fill(0)),
    );
    assert_eq!((secret, left), (40, 1));
}

#[test]
fn hmac_keys_are_wiped_on_drop() {
    for (alg, state) in [
        (authcore::Algorithm::HS256, 2 * 32),
        (authcore::Algorithm::HS384, 2 * 64),
        (authcore::Algorithm::HS512, 2 * 64),
    ] {
        let (secret, left) = secret_bytes_left(
            |b| HmacKey::new(alg, &[if b { 0x11 } else { 0x22 }; 32]).unwrap(),
            End::Drop,
        );
        // The two keyed hash states (ipad and opad) differ almost everywhere.
        assert!(secret >= state * 7 / 8, "{alg:?}: {secret} secret bytes");
        assert_eq!(
            left, 0,
            "{alg:?}: {left} of {secret} secret bytes left after drop"
        );
    }
}

const ACCESS: [&str; 2] = [
    "AccessTok-9d8c7b6a5f4e3d2c1b0aAccessTok",
    "zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPON",
];
const REFRESH: [&str; 2] = [
    "RefreshTok-0a1b2c3d4e5f6a7b8c9dRefresh",
    "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqpo",
];

/// A session holding the access and refresh tokens `ACCESS[b]`, `REFRESH[b]`.
fn session(b: bool) -> AuthSession<64> {
    let clock = ManualClock::unix(1_700_000_000);
    let mut session = AuthSession::<64>::new(ApiProfile::OAUTH2);
    let i = usize::from(b);
    let response = format!(
        r#"{{"access_token":"{}","refresh_token":"{}","expires_in":3600}}"#,
        ACCESS[i], REFRESH[i]
    );
    session.accept_login(response.as_bytes(), &clock).unwrap();
    session
}

#[test]
fn session_tokens_are_wiped_on_drop() {
    let (secret, left) = secret_bytes_left(session, End::Drop);
    assert!(secret >= ACCESS[0].len() + REFRESH[0].len() - 4, "{secret}");
    assert_eq!(left, 0, "{left} of {secret} token bytes left after drop");
}

#[test]
fn session_tokens_are_wiped_by_clear_and_forget() {
    let (secret, left) = secret_bytes_left(session, End::Call(AuthSession::clear));
    assert!(secret >= ACCESS[0].len() + REFRESH[0].len() - 4, "{secret}");
    assert_eq!(left, 0, "{left} of {secret} token bytes left after clear");
    // Forgetting the refresh token wipes it and leaves the access token.
    let (secret, left) = secret_bytes_left(session, End::Call(AuthSession::forget_refresh_token));
    assert!(
        left >= ACCESS[0].len() - 2 && left < secret,
        "{left} of {secret}"
    );
}

/// An ES256 signing key's scalar is wiped on drop: `p256` overwrites it with the scalar 1
/// (a `NonZeroScalar` cannot be zero), the same bytes whatever the secret was. What still
/// differs between two dropped keys is their public point (64 bytes of coordinates, and the
/// 7 padding bytes after its infinity flag, which hold whatever the moves left there), which
/// the key keeps beside the scalar and which is public.
#[cfg(feature = "es256")]
#[test]
fn ec_signing_keys_are_wiped_on_drop() {
    use authcore::{Algorithm, EcSigningKey};
    type K = EcSigningKey;
    let mut slots = [MaybeUninit::<K>::uninit(), MaybeUninit::<K>::uninit()];
    for (slot, b) in slots.iter_mut().zip([0x11u8, 0x22]) {
        // SAFETY: as in `secret_bytes_left`: filled, then a key written.
        unsafe {
            ptr::write_bytes(slot.as_mut_ptr().cast::<u8>(), 0xA5, size_of::<K>());
            slot.as_mut_ptr()
                .write(EcSigningKey::from_scalar(Algorithm::ES256, &[b; 32]).unwrap());
        }
    }
    // SAFETY: both written.
    let live = slots.each_ref().map(|s| unsafe { bytes(s.as_ptr()) });
    for slot in &mut slots {
        // SAFETY: live, dropped once.
        unsafe { ptr::drop_in_place(slot.as_mut_ptr()) };
    }
    // SAFETY: a dropped object's bytes are still the buffer's.
    let after = slots.each_ref().map(|s| unsafe { bytes(s.as_ptr()) });
    let differ = |v: &[Vec<u8>; 2]| (0..size_of::<K>()).filter(|&i| v[0][i] != v[1][i]).count();
    let (before, still) = (differ(&live), differ(&after));
    assert!(
        before - still >= 31,
        "{before} bytes differed, {still} still differ"
    );
    assert!(still <= 64 + 7, "{still} bytes still differ after drop");
}
