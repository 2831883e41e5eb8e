//! Key sets in caller storage: `authcore_key_set`, a JWKS's keys, from which a token's key is
//! chosen by its kid.

use core::ffi::c_char;

use authcore::jwt::Header;
use authcore::{Claims, KeySet, Validation};

use crate::boundary::{bytes, guard, out, required};
use crate::key::{AlgorithmArg, algorithm};
use crate::policy::{authcore_policy, authcore_str};
use crate::status::authcore_status::{self, *};
use crate::storage::{self, Stored};
use crate::verify::{Verifier, authcore_claims, verify_checked};

/// The most keys an `authcore_key_set` holds. Each takes a slot sized for the largest key
/// (an RSA-4096 key) and a 64-byte kid, about 1.2 KB: 8 cover the JWKS of the usual
/// identity providers (two to four signing keys, rotating) in under 10 KB.
pub const AUTHCORE_KEY_SET_CAPACITY: usize = 8;

/// The size in bytes of `authcore_key_set`.
pub const AUTHCORE_KEY_SET_SIZE: usize = 9600;
const _: () = assert!(core::mem::size_of::<authcore_key_set>() == AUTHCORE_KEY_SET_SIZE);

/// Storage for a key set: up to AUTHCORE_KEY_SET_CAPACITY keys of a JWKS, each with its kid
/// and pinned to its algorithm. Declare it (in a static, say: it is large for a small
/// stack), fill it with `authcore_key_set_jwks`, and wipe it with `authcore_key_set_clear`
/// when done. It must stay where it was filled; its bytes are private.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_key_set {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 1200],
}

type Set = KeySet<AUTHCORE_KEY_SET_CAPACITY>;

const KEY_SET_MAGIC: u64 = u64::from_le_bytes(*b"acKSETv1");

impl Stored for Set {
    unsafe fn valid(value: *const Self) -> bool {
        // SAFETY: the caller's guarantee: `size_of::<Set>()` readable bytes, read as
        // integers at offsets inside them (`memory_valid` reads only such offsets).
        Set::memory_valid(|offset| unsafe { storage::byte_at(value, offset) })
    }
}

impl Verifier for Set {
    fn verify_with<'b, R>(
        &self,
        token: &str,
        policy: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
        keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
    ) -> Result<R, authcore::Error> {
        KeySet::verify_with(self, token, policy, now, buf, keep)
    }
}

/// Loads the keys of a JWKS into a key set, replacing whatever it held: on any error the
/// set is left as it was (storage that held no set still holds none).
///
/// Each key's algorithm is its `alg`; without one, EC keys on P-256 and P-384 are ES256 and
/// ES384, OKP keys on Ed25519 EdDSA, and RSA or oct keys `default_algorithm` when it is of
/// their family (else they are skipped). Keys whose `use` is not "sig", of a type or
/// algorithm this library does not verify, or whose material does not load, are skipped.
/// Not to be called while another thread uses the set: a verification that overlaps it
/// returns AUTHCORE_UNINITIALIZED.
///
/// \param set                Key set storage, writable, 8-byte aligned.
/// \param jwks               The JWKS's JSON text (`{"keys":[…]}`), `jwks_len` bytes.
/// \param default_algorithm  The algorithm of RSA or oct keys without `alg`, or 0 for none.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm, misaligned storage), AUTHCORE_KEY_JSON (malformed JSON, a repeated
///         member name), AUTHCORE_KEY_JWK_MEMBER (no `keys` array, an element that is not an
///         object), AUTHCORE_KEY_SET_NO_USABLE_KEY, AUTHCORE_KEY_SET_TOO_MANY_KEYS (more than
///         AUTHCORE_KEY_SET_CAPACITY usable keys), AUTHCORE_KEY_DUPLICATE_KID (two with one
///         kid and algorithm), AUTHCORE_KEY_SET_KID_TOO_LONG (a kid over 64 bytes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_set_jwks(
    set: *mut authcore_key_set,
    jwks: *const c_char,
    jwks_len: usize,
    default_algorithm: AlgorithmArg,
) -> authcore_status {
    guard(|| {
        required(&[set.is_null(), jwks.is_null()])?;
        storage::usable(set)?;
        // SAFETY: the caller vouches for `jwks_len` readable bytes.
        let jwks = unsafe { bytes(jwks.cast(), jwks_len) }?;
        let default = match default_algorithm {
            0 => None,
            raw => Some(algorithm(raw)?),
        };
        // SAFETY: usable, and the caller vouches for the storage.
        match unsafe {
            storage::renew::<_, Set, _>(set, KEY_SET_MAGIC, |s| s.replace_from_jwks(jwks, default))
        } {
            Ok(loaded) => Ok(loaded?),
            Err(AUTHCORE_UNINITIALIZED) => {
                // No set yet: an empty one (all zero, which is a `KeySet` of vacant slots),
                // filled in place, and wiped again if the JWKS is refused.
                // SAFETY: as above; an all-zero `Set` is a valid, empty one.
                unsafe { storage::init_plain(set, KEY_SET_MAGIC, |_: &mut Set| ()) }?;
                // SAFETY: as above, just initialized.
                let loaded = unsafe { storage::get_mut::<_, Set>(set, KEY_SET_MAGIC) }?
                    .replace_from_jwks(jwks, default);
                if loaded.is_err() {
                    // SAFETY: as above.
                    unsafe { storage::clear::<_, Set>(set, KEY_SET_MAGIC) }?;
                }
                Ok(loaded?)
            }
            Err(other) => Err(other),
        }
    })
}

/// Tells how many keys a key set holds, and how many of its JWKS were skipped.
///
/// \param set      An initialized key set.
/// \param out_n    Receives the number of keys.
/// \param skipped  NULL, or receives the number of keys of the JWKS skipped as unusable.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned),
///         AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_set_len(
    set: *const authcore_key_set,
    out_n: *mut usize,
    skipped: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[set.is_null(), out_n.is_null()])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let s = unsafe { storage::get::<_, Set>(set, KEY_SET_MAGIC) }?;
        *unsafe { out(out_n) }? = s.len();
        if let Some(skipped) = unsafe { skipped.as_mut() } {
            *skipped = s.skipped();
        }
        Ok(())
    })
}

/// Wipes a key set: its keys are dropped (HMAC secrets zeroized) and the storage zeroed.
/// Storage that holds no set is only zeroed.
///
/// \param set  Key set storage, writable, 8-byte aligned.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_key_set_clear(set: *mut authcore_key_set) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<_, Set>(set, KEY_SET_MAGIC) })
}

/// `authcore_verify` with the key of a key set that the token's kid names.
///
/// The token's alg must be the policy's (AUTHCORE_ALGORITHM_MISMATCH); then the key with
/// the token's kid and that algorithm verifies it. A kid no key has is
/// AUTHCORE_UNKNOWN_KEY_ID; a kid whose keys are all of other algorithms (an HS256 token
/// naming an RSA key, say) AUTHCORE_KEY_WRONG_ALGORITHM. A token without kid is verified
/// with the set's one key of the policy's algorithm, and refused as AUTHCORE_MISSING_KEY_ID
/// when there are several. Claims, buffer and errors otherwise as for `authcore_verify`.
///
/// \param set         An initialized key set.
/// \param policy      An initialized policy (its strings still valid).
/// \param token       The compact token, `token_len` bytes.
/// \param now         The time to check against, in Unix seconds.
/// \param buf         Work storage for the decoded header and payload, `buf_len` writable
///                    bytes (`authcore_verify_buffer_size` tells how many).
/// \param claims      Storage for the verified claims, writable, 8-byte aligned.
/// \param buf_needed  NULL, or receives the size needed on AUTHCORE_BUFFER_TOO_SMALL.
/// \return As for `authcore_verify`, and AUTHCORE_UNKNOWN_KEY_ID, AUTHCORE_MISSING_KEY_ID.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_verify_with_key_set(
    set: *const authcore_key_set,
    policy: *const authcore_policy,
    token: *const c_char,
    token_len: usize,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantees.
    guard(|| unsafe {
        verify_with_set(
            set, policy, token, token_len, now, buf, buf_len, claims, buf_needed,
        )
    })
}

/// The verification of `authcore_verify_with_key_set`, in one out-of-line frame (stack
/// budgets), as `authcore_verify`'s.
///
/// # Safety
/// As for `authcore_verify_with_key_set`.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
unsafe fn verify_with_set(
    set: *const authcore_key_set,
    policy: *const authcore_policy,
    token: *const c_char,
    token_len: usize,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
) -> Result<(), authcore_status> {
    required(&[
        set.is_null(),
        policy.is_null(),
        token.is_null(),
        buf.is_null(),
        claims.is_null(),
    ])?;
    // SAFETY: forwarded to the caller's guarantees.
    let (s, ticket) = unsafe { storage::get_with_ticket::<_, Set>(set, KEY_SET_MAGIC) }?;
    // SAFETY: the set's storage stays readable through the call (the caller's guarantee).
    let still_live = || match unsafe { ticket.still_live::<Set>() } {
        true => Ok(()),
        false => Err(AUTHCORE_UNINITIALIZED),
    };
    let refused: Option<&mut authcore_str> = None;
    // SAFETY: forwarded; the pointers were checked non-NULL above.
    unsafe {
        verify_checked(
            s, still_live, policy, token, token_len, now, buf, buf_len, claims, buf_needed, refused,
        )
    }
}
