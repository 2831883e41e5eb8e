//! Verification into a claims object, and the claim accessors.

use core::ffi::c_char;

use authcore::json::Value;
use authcore::jwt::Header;
use authcore::{
    Audience, AudienceSpan, Claim, ClaimSpans, Claims, RawToken, TextSpan, Validation,
    decode_unverified, peek_header, verify_with,
};

use crate::boundary::{StrOut, guard, out, out_bytes, required, text};
use crate::key::{AnyKey, authcore_key, key_in_use};
use crate::policy::{authcore_policy, authcore_str, policy_ref};
use crate::status::authcore_status::{self, *};
use crate::storage;

/// The size in bytes of `authcore_claims`.
pub const AUTHCORE_CLAIMS_SIZE: usize = 192;
const _: () = assert!(core::mem::size_of::<authcore_claims>() == AUTHCORE_CLAIMS_SIZE);

/// The verified claims of a token, as the one parse in `authcore_verify` read them: the
/// registered claims and where every claim lies in the work buffer given to
/// `authcore_verify`, which must stay unchanged while the claims are read. Reading a claim
/// parses nothing again. Its bytes are private.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_claims {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 24],
}

const CLAIMS_MAGIC: u64 = u64::from_le_bytes(*b"acCLMv03");

/// Verified claims as caller storage holds them: integers and a pointer only, so that any
/// bytes are a value of this type, and [`StoredClaims::claims`] decides whether they are
/// claims. (A `Claims` itself has `Option` tags, `bool`s and `&str`s where the compiler puts
/// them: garbage there is undefined behaviour before any check could run.) No padding:
/// every byte is a field.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StoredClaims {
    /// The claims set's JSON text, in the caller's work buffer.
    text: *const u8,
    text_len: usize,
    /// [`storage::seal`] of `text`, `text_len` and the storage's address: nothing can tell
    /// whether `text` points at the caller's buffer, so it is only followed when the seal
    /// says a verification wrote it there. (Every other field is checked against the text.)
    seal: u64,
    /// `exp`, `nbf`, `iat`, each 0 unless `set` has its [`date`] bit.
    dates: [i64; 3],
    /// `iss`, `sub`, `jti`, `aud`: offset and length in the text, each 0 unless `set` has
    /// its [`string`] bit.
    spans: [[usize; 2]; 4],
    /// Which fields are set, with the strings' escape bits: see [`date`], [`IAT_FRACTION`],
    /// [`string`], [`escaped`], [`AUD_MANY`].
    set: u32,
    /// Always 0 (it keeps the struct free of padding).
    reserved: u32,
}

/// The bit of `set` saying date `i` (`exp`, `nbf`, `iat`) is present.
impl StoredClaims {
    /// No claims: what the wiped storage holds before `fill`.
    #[cfg(test)]
    const ZERO: Self = StoredClaims {
        text: core::ptr::null(),
        text_len: 0,
        seal: 0,
        dates: [0; 3],
        spans: [[0; 2]; 4],
        set: 0,
        reserved: 0,
    };
}

const fn date(i: usize) -> u32 {
    1 << i
}
/// `iat` had a fractional part.
const IAT_FRACTION: u32 = 1 << 3;
/// The bit of `set` saying string `i` (`iss`, `sub`, `jti`, `aud`) is present.
const fn string(i: usize) -> u32 {
    1 << (4 + 2 * i)
}
/// The bit of `set` saying string `i` has JSON escapes.
const fn escaped(i: usize) -> u32 {
    1 << (5 + 2 * i)
}
/// `aud` is an array (its span the array's text), not one string.
const AUD_MANY: u32 = 1 << 12;
const ALL_BITS: u32 = (1 << 13) - 1;

impl StoredClaims {
    /// The seal these fields need in the storage at `home`.
    fn sealed(&self, home: usize) -> u64 {
        storage::seal(&[self.text.addr() as u64, self.text_len as u64, home as u64])
    }

    /// Writes the plain form of `c`, for the storage at `home`, over the all-zero `self`.
    /// A string outside the text (which parsing never makes) is stored as it lies, and
    /// reading refuses it.
    fn fill(&mut self, c: &Claims<'_>, home: usize) {
        let json = c.json();
        (self.text, self.text_len) = (json.as_ptr(), json.len());
        let at = |s: &str| {
            [
                s.as_ptr().addr().wrapping_sub(json.as_ptr().addr()),
                s.len(),
            ]
        };
        for (i, (d, slot)) in [c.exp, c.nbf, c.iat]
            .into_iter()
            .zip(&mut self.dates)
            .enumerate()
        {
            if let Some(d) = d {
                *slot = d;
                self.set |= date(i);
            }
        }
        if c.iat_rounded_up() != c.iat {
            self.set |= IAT_FRACTION;
        }
        let aud = match c.aud {
            None => None,
            Some(Audience::One(s)) => Some((at(s.raw()), s.is_escaped())),
            Some(Audience::Many(a)) => {
                self.set |= AUD_MANY;
                Some((at(a.text()), false))
            }
        };
        let strings = [c.iss, c.sub, c.jti].map(|s| s.map(|s| (at(s.raw()), s.is_escaped())));
        for (i, (s, slot)) in strings
            .into_iter()
            .chain([aud])
            .zip(&mut self.spans)
            .enumerate()
        {
            if let Some((span, is_escaped)) = s {
                *slot = span;
                self.set |= string(i) | if is_escaped { escaped(i) } else { 0 };
            }
        }
        self.seal = self.sealed(home);
    }

    /// The claims these fields hold, for the storage at `home`: AUTHCORE_UNINITIALIZED
    /// unless the seal matches, no unknown bit is set, the text is UTF-8 and every span
    /// lies inside it on character boundaries. (Every other combination of bits and values
    /// is a value of `Claims`.)
    ///
    /// # Safety
    /// The caller's buffer that a verification recorded here valid and unchanged for `'a`
    /// (the contract of `authcore_claims`).
    unsafe fn claims<'a>(&self, home: usize) -> Result<Claims<'a>, authcore_status> {
        if self.seal != self.sealed(home) || self.set & !ALL_BITS != 0 || self.reserved != 0 {
            return Err(AUTHCORE_UNINITIALIZED);
        }
        // SAFETY: the seal says a verification recorded this pointer and length from the
        // caller's buffer (anything else matches it once in 2^64), which the caller keeps
        // valid and unchanged while the claims are read.
        let bytes = unsafe { core::slice::from_raw_parts(self.text, self.text_len) };
        let json = core::str::from_utf8(bytes).map_err(|_| AUTHCORE_UNINITIALIZED)?;
        let set = self.set;
        let date = |i: usize| {
            (set & date(i) != 0)
                .then(|| self.dates.get(i).copied())
                .flatten()
        };
        let span = |i: usize| {
            let [start, len] = self.spans.get(i).copied()?;
            let escaped = set & escaped(i) != 0;
            (set & string(i) != 0).then_some(TextSpan {
                start,
                len,
                escaped,
            })
        };
        let spans = ClaimSpans {
            exp: date(0),
            nbf: date(1),
            iat: date(2),
            iat_fraction: set & IAT_FRACTION != 0,
            iss: span(0),
            sub: span(1),
            jti: span(2),
            aud: span(3).map(|a| match set & AUD_MANY {
                0 => AudienceSpan::One(a),
                _ => AudienceSpan::Many(a),
            }),
        };
        Claims::from_spans(json, &spans).ok_or(AUTHCORE_UNINITIALIZED)
    }
}

// Every byte of a `StoredClaims` is an integer's or a raw pointer's: there is nothing to
// check before a reference to it is formed; `StoredClaims::claims` checks the values.
impl storage::Stored for StoredClaims {}

/// The claims in `claims`' storage.
///
/// # Safety
/// `claims` NULL or valid for reads, and initialized claims' work buffer still unchanged.
unsafe fn claims_ref<'a>(claims: *const authcore_claims) -> Result<Claims<'a>, authcore_status> {
    // SAFETY (both): forwarded to the caller's guarantee.
    let stored = unsafe { storage::get::<authcore_claims, StoredClaims>(claims, CLAIMS_MAGIC) }?;
    unsafe { stored.claims(claims.addr()) }
}

/// Writes verified claims into `dest`, as their plain form. Out of line: its frame is not
/// on the stack while the signature is checked.
///
/// # Safety
/// `dest` non-NULL and valid for writes of an `authcore_claims`; the buffer the claims
/// borrow kept valid and unchanged while they are read (the contract of `authcore_claims`).
#[inline(never)]
unsafe fn store_claims(
    dest: *mut authcore_claims,
    verified: &Claims<'_>,
) -> Result<(), authcore_status> {
    let home = dest.addr();
    // SAFETY: forwarded to the caller's guarantee; all zero, a `StoredClaims` is one.
    unsafe {
        storage::init_plain(dest, CLAIMS_MAGIC, |s: &mut StoredClaims| {
            s.fill(verified, home)
        })
    }
}

/// Tells the work-buffer size `authcore_verify` needs for a token (about 3/4 of its length).
///
/// \param token  The compact token, `token_len` bytes.
/// \param out    Receives the size in bytes.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an impossible
///         length), AUTHCORE_INVALID_UTF8, AUTHCORE_SEGMENT_COUNT.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_verify_buffer_size(
    token: *const c_char,
    token_len: usize,
    out: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[token.is_null(), out.is_null()])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let token = unsafe { text(token, token_len) }?;
        let out = unsafe { self::out(out) }?;
        *out = RawToken::split(token, usize::MAX)?.decoded_len();
        Ok(())
    })
}

/// Verifies a token's signature and checks its claims against a policy: the main entry
/// point.
///
/// On success `*claims` holds the verified claims, which refer to `buf`: keep `buf`
/// unchanged while you read them. After an error `*claims` is untouched, and a refused
/// token (any status past the argument checks but AUTHCORE_BUFFER_TOO_SMALL) leaves `buf`
/// zeroed, so nothing of it is left behind. `authcore_verify_detail` also names the claim a
/// refusal was about.
///
/// \param key         An initialized key, of the policy's algorithm.
/// \param policy      An initialized policy (its strings still valid).
/// \param token       The compact token, `token_len` bytes.
/// \param now         The time to check against, in Unix seconds.
/// \param buf         Work storage for the decoded header and payload, `buf_len` writable
///                    bytes (`authcore_verify_buffer_size` tells how many).
/// \param claims      Storage for the verified claims, writable, 8-byte aligned.
/// \param buf_needed  NULL, or receives the size needed on AUTHCORE_BUFFER_TOO_SMALL.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_INVALID_UTF8, AUTHCORE_UNINITIALIZED, AUTHCORE_OVERLAPPING_BUFFERS,
///         AUTHCORE_BUFFER_TOO_SMALL, or the status of the token's first fault (from
///         AUTHCORE_TOKEN_TOO_LARGE to AUTHCORE_CLAIM_MISMATCH, AUTHCORE_KEY_WRONG_ALGORITHM,
///         AUTHCORE_KEY_SECRET_TOO_SHORT).
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
    // SAFETY: forwarded to the caller's guarantees.
    guard(|| unsafe {
        verify_into(
            key, policy, token, token_len, now, buf, buf_len, claims, buf_needed, None,
        )
    })
}

/// `authcore_verify`, which also names the claim a refusal was about.
///
/// `*refused_claim` receives that claim's name when the status is AUTHCORE_MISSING_CLAIM,
/// AUTHCORE_INVALID_CLAIM (a registered claim of the wrong type or out of range),
/// AUTHCORE_EXPIRED ("exp"), AUTHCORE_NOT_YET_VALID ("nbf"), AUTHCORE_ISSUED_IN_FUTURE or
/// AUTHCORE_TOO_OLD ("iat"), AUTHCORE_INVALID_ISSUER ("iss"), AUTHCORE_INVALID_AUDIENCE
/// ("aud"), AUTHCORE_INVALID_SUBJECT ("sub") or AUTHCORE_CLAIM_MISMATCH, and {NULL, 0}
/// after any other status. The claim is that of the first check that failed, in the
/// library's order: the registered claims' types in the order the token has them, then the
/// policy's checks (required claims in their order, exp, nbf, iat, maximum age, issuer,
/// audience, subject, claim values in their order). The name is a static string for a
/// registered claim, and for any other one of the strings the policy's settings pointed at
/// (valid as long as those are).
///
/// \param refused_claim  NULL (this is then `authcore_verify`), or receives the name.
/// \return As for `authcore_verify`, whose other parameters these are.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_verify_detail(
    key: *const authcore_key,
    policy: *const authcore_policy,
    token: *const c_char,
    token_len: usize,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
    refused_claim: *mut authcore_str,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    let mut refused = unsafe { refused_claim.as_mut() };
    if let Some(r) = refused.as_deref_mut() {
        *r = authcore_str::NONE;
    }
    // SAFETY: forwarded to the caller's guarantees.
    guard(|| unsafe {
        verify_into(
            key, policy, token, token_len, now, buf, buf_len, claims, buf_needed, refused,
        )
    })
}

/// The verification of `authcore_verify` and `authcore_verify_detail`.
///
/// # Safety
/// As for `authcore_verify`.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
unsafe fn verify_into(
    key: *const authcore_key,
    policy: *const authcore_policy,
    token: *const c_char,
    token_len: usize,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
    refused: Option<&mut authcore_str>,
) -> Result<(), authcore_status> {
    required(&[
        key.is_null(),
        policy.is_null(),
        token.is_null(),
        buf.is_null(),
        claims.is_null(),
    ])?;
    // SAFETY: forwarded to the caller's guarantees.
    let (key, key_in_use) = unsafe { key_in_use(key) }?;
    // SAFETY: the key's storage stays readable through the call (the caller's guarantee).
    let still_live = || unsafe { key_in_use.still_live() };
    // SAFETY: forwarded; the pointers were checked non-NULL above.
    unsafe {
        verify_checked(
            key, still_live, policy, token, token_len, now, buf, buf_len, claims, buf_needed,
            refused,
        )
    }
}

/// What a verification checks a token with: one key, or a key set that chooses one.
pub(crate) trait Verifier {
    /// `authcore::verify_with` with this key, or the key chosen for the token.
    fn verify_with<'b, R>(
        &self,
        token: &str,
        policy: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
        keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
    ) -> Result<R, authcore::Error>;
}

impl Verifier for AnyKey {
    fn verify_with<'b, R>(
        &self,
        token: &str,
        policy: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
        keep: impl FnOnce(&Header<'b>, &Claims<'b>) -> R,
    ) -> Result<R, authcore::Error> {
        verify_with(token, self, policy, now, buf, keep)
    }
}

/// A verification after its object (`verifier`, which `still_live` tells is still the one
/// the call started with) was read: the rest of `authcore_verify`. Inlined into its
/// caller's one out-of-line frame (stack budgets).
///
/// # Safety
/// As for `authcore_verify`, with `policy`, `token`, `buf` and `claims` non-NULL.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) unsafe fn verify_checked<V: Verifier>(
    verifier: &V,
    still_live: impl Fn() -> Result<(), authcore_status>,
    policy: *const authcore_policy,
    token: *const c_char,
    token_len: usize,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
    refused: Option<&mut authcore_str>,
) -> Result<(), authcore_status> {
    // SAFETY (every line): forwarded to the caller's guarantees.
    let policy = unsafe { policy_ref(policy) }?.validation();
    let token = unsafe { text(token, token_len) }?;
    let buf = unsafe { out_bytes(buf, buf_len, &[token.as_bytes()]) }?;
    let buf_ptr = buf.as_mut_ptr();
    // A verdict reached with a key cleared meanwhile is no verdict: its HMAC states may
    // have been read as zeros, which anyone can MAC with. So the key is checked before
    // the claims are stored, and again after a refusal.
    let result = verifier.verify_with(token, policy, now, buf, |_, verified| {
        still_live()?;
        // SAFETY: checked non-NULL; the caller vouches for the storage and for `buf`.
        unsafe { store_claims(claims, verified) }
    });
    let e = match result {
        Ok(Ok(())) => return Ok(()),
        Ok(Err(cleared)) => {
            // SAFETY: as below.
            unsafe { core::ptr::write_bytes(buf_ptr, 0, buf_len) };
            return Err(cleared);
        }
        Err(e) => e,
    };
    let status = match still_live() {
        Err(cleared) => cleared,
        Ok(()) => e.into(),
    };
    match e {
        authcore::Error::BufferTooSmall { needed } if status == AUTHCORE_BUFFER_TOO_SMALL => {
            // SAFETY: forwarded.
            if let Some(n) = unsafe { buf_needed.as_mut() } {
                *n = needed;
            }
        }
        _ => {
            if let Some(r) = refused
                && status == e.into()
            {
                *r = refused_claim(e, token, policy, buf);
            }
            // SAFETY: `buf_ptr` is valid for `buf_len` bytes (checked above) and no
            // borrow of `buf` is left.
            unsafe { core::ptr::write_bytes(buf_ptr, 0, buf_len) }
        }
    }
    Err(status)
}

/// The name of the claim the refusal `e` was about (see `authcore_verify_detail`), or none.
///
/// A registered claim is named by the error itself. A custom one (missing, or not the value
/// the policy wants) is found the way the policy's checks found it, in the claims of
/// `token`, decoded again into `buf`: the signature of `token` has verified, as the claim
/// checks come after it. Out of line: only a refusal through `authcore_verify_detail` runs
/// it.
#[inline(never)]
fn refused_claim(
    e: authcore::Error,
    token: &str,
    policy: &Validation<'_>,
    buf: &mut [u8],
) -> authcore_str {
    use authcore::Error as E;
    let claim = match e {
        E::InvalidClaim(c) | E::MissingClaim(c) => c,
        E::Expired => Claim::Exp,
        E::NotYetValid => Claim::Nbf,
        E::IssuedInFuture | E::TooOld => Claim::Iat,
        E::InvalidIssuer => Claim::Iss,
        E::InvalidAudience => Claim::Aud,
        E::InvalidSubject => Claim::Sub,
        E::ClaimMismatch => Claim::Custom,
        _ => return authcore_str::NONE,
    };
    let registered = match claim {
        Claim::Exp => "exp",
        Claim::Nbf => "nbf",
        Claim::Iat => "iat",
        Claim::Iss => "iss",
        Claim::Sub => "sub",
        Claim::Aud => "aud",
        Claim::Jti => "jti",
        Claim::Custom => "",
    };
    if claim != Claim::Custom {
        return authcore_str::of(registered);
    }
    let Ok((_, claims)) = decode_unverified(token, usize::MAX, buf) else {
        return authcore_str::NONE;
    };
    let equals = policy.claim_equals.iter();
    let name = if let E::MissingClaim(_) = e {
        // The required claims are checked first, then the claim values.
        (policy.required.iter().copied())
            .chain(equals.map(|(name, _)| *name))
            .find(|name| !claims.contains(name))
    } else {
        equals
            .filter(|(name, want)| {
                !matches!(claims.get(name).and_then(|v| v.as_json_str()), Some(s) if s.eq_str(want))
            })
            .map(|(name, _)| *name)
            .next()
    };
    // A custom name is one of the strings the policy refers to, valid as long as it is.
    name.map_or(authcore_str::NONE, authcore_str::of)
}

/// Drops a claims object: it owns nothing, but its storage is zeroed, so that a later
/// accessor call reports AUTHCORE_UNINITIALIZED.
///
/// \param claims  Claims storage, writable, 8-byte aligned.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_clear(claims: *mut authcore_claims) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_claims, StoredClaims>(claims, CLAIMS_MAGIC) })
}

/// Copies the whole claims set, the JSON text the token has, for callers that parse it
/// themselves (such as the Python package).
///
/// \param claims  Initialized claims.
/// \param buf     Where the JSON text and a NUL are written, `buf_len` bytes; NULL with
///                `buf_len` 0 asks for the size.
/// \param out_n   Receives the text's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_UNINITIALIZED, AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_json(
    claims: *const authcore_claims,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            claims.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded.
        let json = unsafe { claims_ref(claims) }?.json();
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[json.as_bytes()]) }?;
        dest.write_bytes(json.as_bytes())
    })
}

/// The value of claim `name` (`name_len` bytes) in `claims`.
///
/// # Safety
/// As for `claims_ref`; `name` NULL or valid for `name_len` bytes.
unsafe fn claim<'a>(
    claims: *const authcore_claims,
    name: *const c_char,
    name_len: usize,
) -> Result<Value<'a>, authcore_status> {
    // SAFETY (both): forwarded.
    let claims = unsafe { claims_ref(claims) }?;
    let name = unsafe { text(name, name_len) }?;
    claims.get(name).ok_or(AUTHCORE_NOT_FOUND)
}

/// Copies a string claim, its JSON escapes decoded.
///
/// A string that contains `\u0000` is copied whole; `*out_n` tells its true length.
///
/// \param claims  Initialized claims.
/// \param name    The claim's name, `name_len` bytes.
/// \param buf     Where the value and a NUL are written, `buf_len` bytes; NULL with
///                `buf_len` 0 asks for the size.
/// \param out_n   Receives the value's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_INVALID_UTF8 (`name`), AUTHCORE_UNINITIALIZED,
///         AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_NOT_FOUND, AUTHCORE_WRONG_TYPE (not a
///         string), AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_string(
    claims: *const authcore_claims,
    name: *const c_char,
    name_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            claims.is_null(),
            name.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all three): forwarded.
        let work = unsafe { claims_ref(claims) }?.json().as_bytes();
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[work]) }?;
        let value = unsafe { claim(claims, name, name_len) }?;
        let s = value.as_json_str().ok_or(AUTHCORE_WRONG_TYPE)?;
        dest.write_json_str(s)
    })
}

/// Copies a claim's JSON text, of any type: objects and arrays as they stand in the token,
/// strings with their quotes and escapes.
///
/// \param claims  Initialized claims.
/// \param name    The claim's name, `name_len` bytes.
/// \param buf     Where the JSON text and a NUL are written, `buf_len` bytes; NULL with
///                `buf_len` 0 asks for the size.
/// \param out_n   Receives the text's length (without the NUL), or the size needed.
/// \return As for `authcore_claims_get_string`, without AUTHCORE_WRONG_TYPE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_json(
    claims: *const authcore_claims,
    name: *const c_char,
    name_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            claims.is_null(),
            name.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (all three): forwarded.
        let work = unsafe { claims_ref(claims) }?.json().as_bytes();
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[work]) }?;
        let value = unsafe { claim(claims, name, name_len) }?;
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

/// Reads an integer claim.
///
/// A number with a fractional part, or outside int64_t, is AUTHCORE_WRONG_TYPE
/// (`authcore_claims_exp` and its kin read NumericDates).
///
/// \param claims  Initialized claims.
/// \param name    The claim's name, `name_len` bytes.
/// \param out     Receives the value.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_INVALID_UTF8 (`name`), AUTHCORE_UNINITIALIZED, AUTHCORE_NOT_FOUND,
///         AUTHCORE_WRONG_TYPE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_int(
    claims: *const authcore_claims,
    name: *const c_char,
    name_len: usize,
    out: *mut i64,
) -> authcore_status {
    guard(|| {
        required(&[claims.is_null(), name.is_null(), out.is_null()])?;
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let value = unsafe { claim(claims, name, name_len) }?;
        *out = value.as_i64().ok_or(AUTHCORE_WRONG_TYPE)?;
        Ok(())
    })
}

/// Reads a boolean claim.
///
/// \param claims  Initialized claims.
/// \param name    The claim's name, `name_len` bytes.
/// \param out     Receives the value.
/// \return As for `authcore_claims_get_int` (AUTHCORE_WRONG_TYPE: not true or false).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_get_bool(
    claims: *const authcore_claims,
    name: *const c_char,
    name_len: usize,
    out: *mut bool,
) -> authcore_status {
    guard(|| {
        required(&[claims.is_null(), name.is_null(), out.is_null()])?;
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let value = unsafe { claim(claims, name, name_len) }?;
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
        required(&[claims.is_null(), out.is_null()])?;
        // SAFETY (both): forwarded.
        let out = unsafe { self::out(out) }?;
        let claims = unsafe { claims_ref(claims) }?;
        *out = pick(&claims).ok_or(AUTHCORE_NOT_FOUND)?;
        Ok(())
    })
}

/// Reads `exp`, in Unix seconds (a fraction floored).
///
/// \param claims  Initialized claims.
/// \param out     Receives the value.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_NOT_FOUND.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_exp(
    claims: *const authcore_claims,
    out: *mut i64,
) -> authcore_status {
    // SAFETY: forwarded.
    unsafe { numeric_date(claims, out, |c| c.exp) }
}

/// Reads `nbf`, in Unix seconds (a fraction rounded up).
///
/// \param claims  Initialized claims.
/// \param out     Receives the value.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_NOT_FOUND.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_nbf(
    claims: *const authcore_claims,
    out: *mut i64,
) -> authcore_status {
    // SAFETY: forwarded.
    unsafe { numeric_date(claims, out, |c| c.nbf) }
}

/// Reads `iat`, in Unix seconds (a fraction floored).
///
/// \param claims  Initialized claims.
/// \param out     Receives the value.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED,
///         AUTHCORE_NOT_FOUND.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_iat(
    claims: *const authcore_claims,
    out: *mut i64,
) -> authcore_status {
    // SAFETY: forwarded.
    unsafe { numeric_date(claims, out, |c| c.iat) }
}

/// Counts the audiences in `aud`: 0 when absent, 1 for a single string.
///
/// \param claims  Initialized claims.
/// \param out     Receives the count.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_UNINITIALIZED.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_aud_count(
    claims: *const authcore_claims,
    out: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[claims.is_null(), out.is_null()])?;
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

/// Copies one audience of `aud`.
///
/// \param claims  Initialized claims.
/// \param index   Which audience, from 0 (`authcore_claims_aud_count` tells how many).
/// \param buf     Where the audience and a NUL are written, `buf_len` bytes; NULL with
///                `buf_len` 0 asks for the size.
/// \param out_n   Receives the audience's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_UNINITIALIZED, AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_NOT_FOUND (past
///         the end), AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_claims_aud_get(
    claims: *const authcore_claims,
    index: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            claims.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded.
        let claims = unsafe { claims_ref(claims) }?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[claims.json().as_bytes()]) }?;
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

/// Reads a token's claims **without verifying its signature or any claim**.
///
/// For showing what a token says when the key is not at hand (PyJWT's
/// `verify_signature: False`); never base a decision to trust the token on them. The
/// header is read and refused as `authcore_verify` refuses it (`alg: none`, `crit`, ...),
/// and the payload parsed into `*claims` as `authcore_verify` parses it, with the same
/// buffer rules; no policy is applied.
///
/// \param token          The compact token, `token_len` bytes.
/// \param max_token_len  The longest token accepted, in bytes.
/// \param buf            Work storage, `buf_len` writable bytes, as for `authcore_verify`.
/// \param claims         Storage for the claims, writable, 8-byte aligned.
/// \param buf_needed     NULL, or receives the size needed on AUTHCORE_BUFFER_TOO_SMALL.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_INVALID_UTF8, AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL,
///         AUTHCORE_TOKEN_TOO_LARGE, or the status of the token's first fault in its form
///         or header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_decode_unverified(
    token: *const c_char,
    token_len: usize,
    max_token_len: usize,
    buf: *mut u8,
    buf_len: usize,
    claims: *mut authcore_claims,
    buf_needed: *mut usize,
) -> authcore_status {
    guard(|| {
        // SAFETY (every call): forwarded to the caller's guarantees.
        let token = unsafe { text(token, token_len) }?;
        if claims.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        let buf = unsafe { out_bytes(buf, buf_len, &[token.as_bytes()]) }?;
        let buf_ptr = buf.as_mut_ptr();
        let e = match decode_unverified(token, max_token_len, buf) {
            // SAFETY: checked non-NULL; the caller vouches for the storage and for `buf`.
            Ok((_, read)) => return unsafe { store_claims(claims, &read) },
            Err(e) => e,
        };
        if let authcore::Error::BufferTooSmall { needed } = e
            && let Some(n) = unsafe { buf_needed.as_mut() }
        {
            *n = needed;
        }
        // Nothing of a refused token is left behind, as after `authcore_verify`.
        // SAFETY: `buf_ptr` is valid for `buf_len` bytes and no borrow of `buf` is left.
        unsafe { core::ptr::write_bytes(buf_ptr, 0, buf_len) };
        Err(e.into())
    })
}

/// Copies a token's decoded header, the JSON text the token has, **without verifying
/// anything** (to choose a key, or to show it): PyJWT's `get_unverified_header`.
///
/// The header must be one `authcore_verify` would read (a known `alg`, no `crit`, ...).
///
/// \param token  The compact token, `token_len` bytes.
/// \param buf    Where the header and a NUL are written, `buf_len` bytes; NULL with
///               `buf_len` 0 asks for the size.
/// \param out_n  Receives the header's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT,
///         AUTHCORE_INVALID_UTF8, AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL,
///         AUTHCORE_TOKEN_TOO_LARGE, or the status of the token's first fault in its form
///         or header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_peek_header(
    token: *const c_char,
    token_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            token.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded.
        let token = unsafe { text(token, token_len) }?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[token.as_bytes()]) }?;
        // Decoded straight into `buf`, whatever the header's length: a malformed token is
        // refused before the size is, a bad header after it.
        let header = RawToken::split(token, usize::MAX)?.header;
        let n = authcore::base64url::decoded_len(header.len()).ok_or(AUTHCORE_INTERNAL_ERROR)?;
        let (room, done) = dest.room(n)?;
        if let Err(e) = peek_header(token, usize::MAX, room) {
            dest.wipe();
            return Err(e.into());
        }
        done.finish();
        Ok(())
    })
}

/// Copies the `kid` of a token's header **without verifying anything**, to choose the key
/// (from a JWKS, say) before `authcore_verify`.
///
/// Any header that verification reads can be peeked. One up to 1 KiB decoded is decoded on
/// the stack; a longer one is decoded in `buf` itself, which then needs twice the header's
/// decoded length plus one byte (AUTHCORE_BUFFER_TOO_SMALL reports that size, as it does
/// the kid's for a short header), and is zeroed after an error.
///
/// \param token  The compact token, `token_len` bytes.
/// \param buf    Where the kid and a NUL are written, `buf_len` bytes; NULL with `buf_len`
///               0 asks for the size.
/// \param out_n  Receives the kid's length (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NOT_FOUND (no kid), AUTHCORE_NULL_ARGUMENT,
///         AUTHCORE_INVALID_ARGUMENT, AUTHCORE_INVALID_UTF8, AUTHCORE_OVERLAPPING_BUFFERS,
///         AUTHCORE_BUFFER_TOO_SMALL, or the status of the token's first fault in its form
///         or header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_peek_kid(
    token: *const c_char,
    token_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            token.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded.
        let token = unsafe { text(token, token_len) }?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[token.as_bytes()]) }?;
        let mut buf = [0u8; 1024];
        let header = match peek_header(token, usize::MAX, &mut buf) {
            Err(authcore::Error::BufferTooSmall { needed }) => {
                return peek_long_kid(token, needed, &mut dest);
            }
            r => r?,
        };
        let kid = header.kid.ok_or(AUTHCORE_NOT_FOUND)?;
        dest.write_json_str(kid)
    })
}

/// `authcore_peek_kid` for a header of `header_len` decoded bytes, too long for its stack
/// buffer: decoded into the back of `dest`, its kid (never longer) written to the front.
/// Out of line: short headers, the usual ones, keep a small frame.
#[inline(never)]
fn peek_long_kid(
    token: &str,
    header_len: usize,
    dest: &mut StrOut<'_>,
) -> Result<(), authcore_status> {
    let needed = header_len.checked_mul(2).ok_or(AUTHCORE_TOKEN_TOO_LARGE)?;
    let space = dest.space();
    let Some(split) = space
        .len()
        .checked_sub(header_len)
        .filter(|&f| f >= header_len)
    else {
        dest.report(needed);
        return Err(AUTHCORE_BUFFER_TOO_SMALL);
    };
    let (front, back) = space.split_at_mut(split);
    let front_ptr = front.as_ptr();
    let kid = peek_header(token, usize::MAX, back)
        .map_err(authcore_status::from)
        .and_then(|h| h.kid.ok_or(AUTHCORE_NOT_FOUND))
        .and_then(|kid| Ok(kid.decode_into(front)?.len()));
    back.fill(0);
    match kid {
        Ok(n) => dest.wrote(Ok(Some((front_ptr, n)))),
        Err(e) => {
            dest.wipe();
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: usize = 0x1000;

    /// Checks `stored` as a read does, at `HOME`.
    fn read(stored: &StoredClaims) -> Result<Claims<'static>, authcore_status> {
        // SAFETY: every test's text is static.
        unsafe { stored.claims(HOME) }
    }

    fn stored(c: &Claims<'static>) -> StoredClaims {
        let mut s = StoredClaims::ZERO;
        s.fill(c, HOME);
        s
    }

    fn parsed(json: &'static str) -> Claims<'static> {
        Claims::parse(json.as_bytes()).unwrap()
    }

    #[test]
    fn claims_round_trip_through_their_stored_form() {
        for json in [
            r#"{"iss":"a\/b","exp":1.9e9,"nbf":-1.5,"iat":0.5,"aud":["x","y"],"sub":"s","jti":"j"}"#,
            r#"{"aud":"caf\u00e9","n":1,"iat":3}"#,
            "{}",
        ] {
            let c = parsed(json);
            let stored = stored(&c);
            assert_eq!(read(&stored), Ok(c), "{json}");
        }
    }

    #[test]
    fn every_invalid_stored_claims_is_refused() {
        let c = parsed(r#"{"iss":"me","exp":5,"nbf":1,"iat":2.5,"aud":"x"}"#);
        let good = stored(&c);
        // Another storage, or the text's place changed without its seal: refused.
        // SAFETY: the text is static.
        assert_eq!(
            unsafe { good.claims(HOME + 8) },
            Err(AUTHCORE_UNINITIALIZED)
        );
        let mut unsealed = good;
        unsealed.text_len -= 1;
        assert_eq!(read(&unsealed), Err(AUTHCORE_UNINITIALIZED));
        // With the seal made to match, the checks of the values still refuse each of these.
        type Spoil = fn(&mut StoredClaims);
        let cases: [(&str, Spoil); 6] = [
            ("unknown bit", |s| s.set |= 1 << 13),
            ("high bit", |s| s.set |= 1 << 31),
            ("reserved", |s| s.reserved = 1),
            ("span past the text", |s| s.spans[0] = [s.text_len, 1]),
            ("span overflowing", |s| s.spans[0] = [usize::MAX, 2]),
            ("text not UTF-8", |s| {
                const BAD: &[u8] = b"{\"iss\":\"\xff\"}";
                (s.text, s.text_len) = (BAD.as_ptr(), BAD.len())
            }),
        ];
        for (what, spoil) in cases {
            let mut s = good;
            spoil(&mut s);
            s.seal = s.sealed(HOME);
            assert_eq!(read(&s), Err(AUTHCORE_UNINITIALIZED), "{what}");
        }
        // Off a character boundary.
        let e = parsed(r#"{"sub":"é"}"#);
        let mut s = stored(&e);
        s.spans[1][1] = 1;
        s.seal = s.sealed(HOME);
        assert_eq!(read(&s), Err(AUTHCORE_UNINITIALIZED));
    }
}
