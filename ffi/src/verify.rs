//! Verification into a claims object, and the claim accessors.

use core::ffi::c_char;

use authcore::json::Value;
use authcore::{Audience, Claims, RawToken, peek_header, verify};

use crate::boundary::{StrOut, cstr, guard, out, out_bytes, text};
use crate::key::{authcore_key, key_in_use};
use crate::policy::{authcore_policy, policy_ref};
use crate::status::authcore_status::{self, *};
use crate::storage;

/// The size in bytes of `authcore_claims`.
pub const AUTHCORE_CLAIMS_SIZE: usize = 32;
const _: () = assert!(core::mem::size_of::<authcore_claims>() == AUTHCORE_CLAIMS_SIZE);

/// The verified claims of a token. It refers to the work buffer given to `authcore_verify`,
/// which must stay unchanged while the claims are read. Its bytes are private.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_claims {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 4],
}

const CLAIMS_MAGIC: u64 = u64::from_le_bytes(*b"acCLMv01");

/// Where the verified payload lies in the caller's work buffer.
struct ClaimsObject {
    payload: *const u8,
    len: usize,
}

/// The claims in `claims`' storage, parsed again from the work buffer (validated when the
/// token was verified).
///
/// # Safety
/// `claims` NULL or valid for reads, and initialized claims' work buffer still unchanged.
unsafe fn claims_ref<'a>(claims: *const authcore_claims) -> Result<Claims<'a>, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let c = unsafe { storage::get::<authcore_claims, ClaimsObject>(claims, CLAIMS_MAGIC) }?;
    // SAFETY: `authcore_verify` stored a pointer and length into the caller's work buffer,
    // which the caller keeps unchanged while it uses the claims.
    let payload = unsafe { core::slice::from_raw_parts(c.payload, c.len) };
    Claims::parse(payload).map_err(authcore_status::from)
}

/// The work-buffer size `authcore_verify` needs for this token (about 3/4 of its length).
///
/// # Safety
/// `token` valid for `token_len` bytes; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_verify_buffer_size(
    token: *const c_char,
    token_len: usize,
    out: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded to the caller's guarantees.
        let token = unsafe { text(token, token_len) }?;
        let out = unsafe { self::out(out) }?;
        *out = RawToken::split(token, usize::MAX)?.decoded_len();
        Ok(())
    })
}

/// Verifies `token` with `key` and checks its claims against `policy` at `now` (Unix
/// seconds). On success `*claims` holds the verified claims, which refer to `buf`.
///
/// `buf` is work storage for the decoded header and payload
/// (`authcore_verify_buffer_size` bytes). On AUTHCORE_BUFFER_TOO_SMALL, `*buf_needed` (when
/// not NULL) receives the size needed. After any other error `*claims` is untouched and `buf`
/// is zeroed, so nothing of a refused token is left behind.
///
/// # Safety
/// `key` and `policy` valid for reads (and the strings the policy refers to still valid); `token` valid for `token_len` bytes; `buf` valid for `buf_len` writable bytes;
/// `claims` valid for writes of an `authcore_claims`; `buf_needed` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_verify(
    key: *const authcore_key,
    policy: *const authcore_policy,
    token: *const c_char,
    token_len: usize,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (every line): forwarded to the caller's guarantees.
        let (key, key_in_use) = unsafe { key_in_use(key) }?;
        let policy = unsafe { policy_ref(policy) }?.validation();
        let token = unsafe { text(token, token_len) }?;
        if claims.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let buf = unsafe { out_bytes(buf, buf_len) }?;
        let buf_ptr = buf.as_mut_ptr();
        let result = verify(token, key, policy, now, buf)
            .map(|v| (v.claims().json().as_ptr(), v.claims().json().len()));
        // A verdict reached with a key cleared meanwhile is no verdict: its HMAC states may
        // have been read as zeros, which anyone can MAC with.
        // SAFETY: forwarded.
        if let Err(cleared) = unsafe { key_in_use.still_live() } {
            // SAFETY: as below.
            unsafe { core::ptr::write_bytes(buf_ptr, 0, buf_len) };
            return Err(cleared);
        }
        match result {
            Ok((payload, len)) => {
                let object = ClaimsObject { payload, len };
                // SAFETY: checked non-NULL; the caller vouches for the storage.
                unsafe { storage::init(claims, CLAIMS_MAGIC, object) }
            }
            Err(e) => {
                if let authcore::Error::BufferTooSmall { needed } = e {
                    // SAFETY: forwarded.
                    if let Some(n) = unsafe { buf_needed.as_mut() } {
                        *n = needed;
                    }
                } else {
                    // SAFETY: `buf_ptr` is valid for `buf_len` bytes (checked above) and the
                    // borrow of `buf` by `verify` has ended.
                    unsafe { core::ptr::write_bytes(buf_ptr, 0, buf_len) };
                }
                Err(e.into())
            }
        }
    })
}

/// Drops the claims object (it owns nothing; this zeroes the storage so that a later
/// accessor call reports AUTHCORE_UNINITIALIZED).
///
/// # Safety
/// `claims` valid for writes of an `authcore_claims`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_clear(claims: *mut authcore_claims) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_claims, ClaimsObject>(claims, CLAIMS_MAGIC) })
}

/// Copies the whole verified claims set, as the JSON text it is in the token, and a NUL
/// into `out` (for callers that parse it themselves, such as the Python package).
///
/// # Safety
/// `claims` valid; `out` valid for `out_cap` bytes (or NULL with `out_cap` 0); `out_len`
/// valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_json(
    claims: *const authcore_claims,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len) }?;
        let json = unsafe { claims_ref(claims) }?.json();
        dest.write_bytes(json.as_bytes())
    })
}

/// The value of claim `name` (NUL-terminated) in `claims`.
///
/// # Safety
/// As for `claims_ref`; `name` NULL or NUL-terminated.
unsafe fn claim<'a>(
    claims: *const authcore_claims,
    name: *const c_char,
) -> Result<Value<'a>, authcore_status> {
    // SAFETY (both): forwarded.
    let claims = unsafe { claims_ref(claims) }?;
    let name = unsafe { cstr(name) }?;
    claims.get(name).ok_or(AUTHCORE_NOT_FOUND)
}

/// Copies the string claim `name`, JSON escapes decoded, and a NUL into `out`.
///
/// AUTHCORE_NOT_FOUND when absent, AUTHCORE_WRONG_TYPE when not a string,
/// AUTHCORE_BUFFER_TOO_SMALL with the size needed in `*out_len`. A string that contains
/// `\u0000` is returned whole; `*out_len` tells its true length.
///
/// # Safety
/// `claims` valid; `name` NUL-terminated; `out` valid for `out_cap` bytes (or NULL with
/// `out_cap` 0); `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_string(
    claims: *const authcore_claims,
    name: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len) }?;
        let value = unsafe { claim(claims, name) }?;
        let s = value.as_json_str().ok_or(AUTHCORE_WRONG_TYPE)?;
        dest.write_json_str(s)
    })
}

/// Copies the JSON text of claim `name` (any type: objects and arrays as they stand in the
/// token, strings with their quotes and escapes) and a NUL into `out`.
///
/// # Safety
/// As for `authcore_claims_get_string`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_json(
    claims: *const authcore_claims,
    name: *const c_char,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len) }?;
        let value = unsafe { claim(claims, name) }?;
        let (quote, text) = match value {
            Value::String(s) => (true, s.raw()),
            Value::Bool(true) => (false, "true"),
            Value::Bool(false) => (false, "false"),
            Value::Null => (false, "null"),
            other => (false, other.text().ok_or(AUTHCORE_INTERNAL_ERROR)?),
        };
        let (b, done) = dest.room(text.len() + 2 * usize::from(quote))?;
        match b {
            [open, inner @ .., close] if quote => {
                *open = b'"';
                inner.copy_from_slice(text.as_bytes());
                *close = b'"';
            }
            _ => b.copy_from_slice(text.as_bytes()),
        }
        done.finish();
        Ok(())
    })
}

/// Writes the integer claim `name` to `*out`. A number with a fractional part, or outside
/// int64_t, is AUTHCORE_WRONG_TYPE (use `authcore_claims_exp` and friends for NumericDates).
///
/// # Safety
/// `claims` valid; `name` NUL-terminated; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_int(
    claims: *const authcore_claims,
    name: *const c_char,
    out: *mut i64,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let value = unsafe { claim(claims, name) }?;
        *out = value.as_i64().ok_or(AUTHCORE_WRONG_TYPE)?;
        Ok(())
    })
}

/// Writes the boolean claim `name` to `*out`.
///
/// # Safety
/// `claims` valid; `name` NUL-terminated; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_bool(
    claims: *const authcore_claims,
    name: *const c_char,
    out: *mut bool,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let value = unsafe { claim(claims, name) }?;
        *out = value.as_bool().ok_or(AUTHCORE_WRONG_TYPE)?;
        Ok(())
    })
}

/// Reads a registered NumericDate claim.
///
/// # Safety
/// As for `claims_ref`; `out` valid for a write.
unsafe fn numeric_date(
    claims: *const authcore_claims,
    out: *mut i64,
    pick: fn(&Claims<'_>) -> Option<i64>,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let claims = unsafe { claims_ref(claims) }?;
        *out = pick(&claims).ok_or(AUTHCORE_NOT_FOUND)?;
        Ok(())
    })
}

/// Writes `exp` (Unix seconds, fractions floored) to `*out`; AUTHCORE_NOT_FOUND if absent.
///
/// # Safety
/// `claims` valid; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_exp(
    claims: *const authcore_claims,
    out: *mut i64,
) -> authcore_status {
    // SAFETY: forwarded.
    unsafe { numeric_date(claims, out, |c| c.exp) }
}

/// Writes `nbf` (Unix seconds, a fraction rounded up) to `*out`; AUTHCORE_NOT_FOUND if absent.
///
/// # Safety
/// `claims` valid; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_nbf(
    claims: *const authcore_claims,
    out: *mut i64,
) -> authcore_status {
    // SAFETY: forwarded.
    unsafe { numeric_date(claims, out, |c| c.nbf) }
}

/// Writes `iat` (Unix seconds, a fraction rounded down) to `*out`; AUTHCORE_NOT_FOUND if absent.
///
/// # Safety
/// `claims` valid; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_iat(
    claims: *const authcore_claims,
    out: *mut i64,
) -> authcore_status {
    // SAFETY: forwarded.
    unsafe { numeric_date(claims, out, |c| c.iat) }
}

/// Writes the number of audiences in `aud` to `*out` (0 when absent; 1 for a single string).
///
/// # Safety
/// `claims` valid; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_aud_count(
    claims: *const authcore_claims,
    out: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let claims = unsafe { claims_ref(claims) }?;
        // Matched here rather than through `Audience::iter`, as in `authcore_claims_aud_get`.
        *out = match claims.aud {
            None => 0,
            Some(Audience::One(_)) => 1,
            Some(Audience::Many(a)) => a.iter().filter_map(|v| v.as_json_str()).count(),
        };
        Ok(())
    })
}

/// Copies audience number `index` (from 0) and a NUL into `out`; AUTHCORE_NOT_FOUND past
/// the end.
///
/// # Safety
/// As for `authcore_claims_get_string`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_aud_get(
    claims: *const authcore_claims,
    index: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len) }?;
        let claims = unsafe { claims_ref(claims) }?;
        // Matched here rather than through `Audience::iter`, whose chained iterators take
        // several times the code.
        let aud = match claims.aud {
            Some(Audience::One(s)) if index == 0 => Some(s),
            // (`nth` compiles to two loops, this to one.)
            Some(Audience::Many(a)) => a
                .iter()
                .filter_map(|v| v.as_json_str())
                .enumerate()
                .find_map(|(i, s)| (i == index).then_some(s)),
            _ => None,
        };
        let aud = aud.ok_or(AUTHCORE_NOT_FOUND)?;
        dest.write_json_str(aud)
    })
}

/// Reads the `kid` of a token's header **without verifying anything**, to choose the key
/// (from a JWKS, say) before `authcore_verify`. AUTHCORE_NOT_FOUND when there is no kid.
///
/// # Safety
/// `token` valid for `token_len` bytes; `out` valid for `out_cap` bytes (or NULL with
/// `out_cap` 0); `out_len` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_peek_kid(
    token: *const c_char,
    token_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (both): forwarded.
        let token = unsafe { text(token, token_len) }?;
        let mut dest = unsafe { StrOut::new(out, out_cap, out_len) }?;
        // Headers are small; one longer than this is refused as too large.
        let mut buf = [0u8; 1024];
        let header = match peek_header(token, usize::MAX, &mut buf) {
            Err(authcore::Error::BufferTooSmall { .. }) => return Err(AUTHCORE_TOKEN_TOO_LARGE),
            r => r?,
        };
        let kid = header.kid.ok_or(AUTHCORE_NOT_FOUND)?;
        dest.write_json_str(kid)
    })
}
