//! The validation policy: the settings as a plain C struct (`authcore_validation`), compiled
//! once into an `authcore_policy` object in caller storage.
//!
//! Compiling checks every string and list once (UTF-8, lengths) and keeps them as Rust
//! string slices, so a verification neither re-reads C strings nor copies lists onto its
//! stack.

use core::ffi::c_char;

use authcore::{Algorithm, Validation};

use crate::boundary::{guard, opt_text, out, required, text};
use crate::key::{AlgorithmArg, algorithm};
use crate::status::authcore_status::{self, *};
use crate::storage::{self, Stored};

/// The most entries in each list of `authcore_validation` (required claims, issuers,
/// audiences, claim values): the C policy is converted without a heap.
pub const AUTHCORE_MAX_POLICY_LIST: usize = 8;

/// A string as a pointer and a length (UTF-8, not NUL-terminated): an entry of a policy's
/// lists, and the claim name `authcore_verify_detail` reports.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_str {
    /// The first byte: in a list entry, never NULL.
    pub ptr: *const c_char,
    /// Bytes at `ptr`.
    pub len: usize,
}

/// A claim that must be a string equal to `value`.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_claim_value {
    /// The claim's name, `name_len` bytes of UTF-8.
    pub name: *const c_char,
    /// Bytes at `name`.
    pub name_len: usize,
    /// The required value, `value_len` bytes of UTF-8.
    pub value: *const c_char,
    /// Bytes at `value`.
    pub value_len: usize,
}

/// The settings of a validation policy. Fill it with `authcore_validation_init`, change
/// fields, then compile it with `authcore_policy_init`.
///
/// Strings are a pointer and a length (UTF-8, not NUL-terminated; an optional one is absent
/// when its pointer is NULL and its length 0), lists a pointer and a count (at most
/// AUTHCORE_MAX_POLICY_LIST entries). Every string must stay valid and unchanged while the
/// policy is used.
///
/// Time boundaries follow RFC 7519: expired when now >= exp + leeway; not yet valid when
/// now < nbf - leeway; issued in the future when iat > now + leeway; too old when
/// now > iat + max_age + leeway.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_validation {
    /// The one accepted algorithm; the key must have it too.
    pub algorithm: AlgorithmArg,
    /// Seconds of clock skew tolerated in every time check.
    pub leeway: u64,
    /// Nonzero: check exp when present (default 1).
    pub validate_exp: u8,
    /// Nonzero: check nbf when present (default 1).
    pub validate_nbf: u8,
    /// Nonzero: refuse an iat in the future (default 0).
    pub validate_iat: u8,
    /// Nonzero: refuse a token whose aud matches no expected audience, also when none is
    /// expected (default 1, as PyJWT and jsonwebtoken do).
    pub validate_aud: u8,
    /// Claims that must be present (default: the one entry "exp").
    pub required: *const authcore_str,
    /// Entries in `required`.
    pub required_len: usize,
    /// Accepted issuers (empty: iss not checked).
    pub issuers: *const authcore_str,
    /// Entries in `issuers`.
    pub issuers_len: usize,
    /// Accepted audiences (empty: see validate_aud).
    pub audiences: *const authcore_str,
    /// Entries in `audiences`.
    pub audiences_len: usize,
    /// The expected subject, `subject_len` bytes; NULL: sub not checked.
    pub subject: *const c_char,
    /// Bytes at `subject`.
    pub subject_len: usize,
    /// Claims that must equal given strings, such as {"usefor", 6, "access", 6}.
    pub claim_equals: *const authcore_claim_value,
    /// Entries in `claim_equals`.
    pub claim_equals_len: usize,
    /// The maximum age in seconds from iat, or -1 for none (default -1); any other negative
    /// value is AUTHCORE_INVALID_ARGUMENT.
    pub max_age: i64,
    /// The accepted typ (compared ignoring ASCII case) when the header has one, `typ_len`
    /// bytes; NULL: any (default "JWT").
    pub typ: *const c_char,
    /// Bytes at `typ`.
    pub typ_len: usize,
    /// The shortest HMAC secret accepted, in bytes; 0: no minimum (default 0).
    pub min_hmac_secret_len: usize,
    /// The longest token accepted, in bytes (default 8192).
    pub max_token_len: usize,
}

impl authcore_str {
    /// No string: NULL and 0.
    pub(crate) const NONE: Self = authcore_str {
        ptr: core::ptr::null(),
        len: 0,
    };

    /// A string that outlives every use of the result (a static one, or one a policy
    /// refers to).
    pub(crate) const fn of(s: &str) -> Self {
        authcore_str {
            ptr: s.as_ptr().cast(),
            len: s.len(),
        }
    }
}

/// Immutable static strings, shareable between threads.
#[repr(transparent)]
struct StaticStrs<const N: usize>([authcore_str; N]);

// SAFETY: the pointers point at immutable 'static string literals that nothing ever writes.
unsafe impl<const N: usize> Sync for StaticStrs<N> {}

static DEFAULT_REQUIRED: StaticStrs<1> = StaticStrs([authcore_str::of("exp")]);

/// Fills a validation settings struct with the defaults for an algorithm.
///
/// The defaults are in the field comments of `authcore_validation`; its lists and strings
/// then point at static data.
///
/// \param policy     The settings to fill, writable.
/// \param algorithm  The one algorithm the policy accepts.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_validation_init(
    policy: *mut authcore_validation,
    algorithm: AlgorithmArg,
) -> authcore_status {
    guard(|| {
        required(&[policy.is_null()])?;
        let alg = self::algorithm(algorithm)?;
        let d = Validation::new(alg);
        // SAFETY: forwarded to the caller's guarantee.
        let policy = unsafe { out(policy) }?;
        *policy = authcore_validation {
            algorithm,
            leeway: d.leeway,
            validate_exp: d.validate_exp.into(),
            validate_nbf: d.validate_nbf.into(),
            validate_iat: d.validate_iat.into(),
            validate_aud: d.validate_aud.into(),
            required: DEFAULT_REQUIRED.0.as_ptr(),
            required_len: 1,
            issuers: core::ptr::null(),
            issuers_len: 0,
            audiences: core::ptr::null(),
            audiences_len: 0,
            subject: core::ptr::null(),
            subject_len: 0,
            claim_equals: core::ptr::null(),
            claim_equals_len: 0,
            max_age: -1,
            typ: authcore_str::of("JWT").ptr,
            typ_len: authcore_str::of("JWT").len,
            min_hmac_secret_len: 0,
            max_token_len: d.max_token_len,
        };
        Ok(())
    })
}

/// The Rust-side lists a C policy points at, read into fixed arrays.
pub(crate) struct Lists<'a> {
    required: [&'a str; AUTHCORE_MAX_POLICY_LIST],
    required_len: usize,
    issuers: [&'a str; AUTHCORE_MAX_POLICY_LIST],
    issuers_len: usize,
    audiences: [&'a str; AUTHCORE_MAX_POLICY_LIST],
    audiences_len: usize,
    equals: [(&'a str, &'a str); AUTHCORE_MAX_POLICY_LIST],
    equals_len: usize,
}

/// Reads a C list of strings.
///
/// # Safety
/// `list` NULL or valid for `len` entries, each valid for reads as it says.
unsafe fn read_list(
    list: *const authcore_str,
    len: usize,
    dest: &mut [&str; AUTHCORE_MAX_POLICY_LIST],
) -> Result<usize, authcore_status> {
    if len == 0 {
        return Ok(0);
    }
    if list.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    if len > AUTHCORE_MAX_POLICY_LIST {
        return Err(AUTHCORE_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL and `len` entries long, as the caller vouches.
    let items = unsafe { core::slice::from_raw_parts(list, len) };
    for (d, item) in dest.iter_mut().zip(items) {
        // SAFETY: each entry is valid for reads of its length, as the caller vouches.
        *d = unsafe { text(item.ptr, item.len) }?;
    }
    Ok(len)
}

impl<'a> Lists<'a> {
    /// Empty lists: a fill of a few instructions, not a copy of a 672-byte constant image.
    /// (A plain `""` measured smaller than one hidden from the compiler with `black_box`.)
    pub(crate) fn empty() -> Lists<'static> {
        let e: &'static str = "";
        Lists {
            required: [e; AUTHCORE_MAX_POLICY_LIST],
            required_len: 0,
            issuers: [e; AUTHCORE_MAX_POLICY_LIST],
            issuers_len: 0,
            audiences: [e; AUTHCORE_MAX_POLICY_LIST],
            audiences_len: 0,
            equals: [(e, e); AUTHCORE_MAX_POLICY_LIST],
            equals_len: 0,
        }
    }

    /// Reads the C policy's lists into `self`, in place (this is on every C verification's
    /// stack, so it is filled where it lies rather than returned by value).
    ///
    /// # Safety
    /// Every pointer in `p` NULL or valid as its field comment says, for `'a`.
    pub(crate) unsafe fn read(&mut self, p: &authcore_validation) -> Result<(), authcore_status> {
        let l = self;
        // SAFETY (the three lists): forwarded to the caller's guarantee.
        l.required_len = unsafe { read_list(p.required, p.required_len, &mut l.required) }?;
        l.issuers_len = unsafe { read_list(p.issuers, p.issuers_len, &mut l.issuers) }?;
        l.audiences_len = unsafe { read_list(p.audiences, p.audiences_len, &mut l.audiences) }?;
        if p.claim_equals_len > 0 {
            if p.claim_equals.is_null() {
                return Err(AUTHCORE_NULL_ARGUMENT);
            }
            if p.claim_equals_len > AUTHCORE_MAX_POLICY_LIST {
                return Err(AUTHCORE_INVALID_ARGUMENT);
            }
            // SAFETY: non-NULL and `claim_equals_len` entries long, as the caller vouches.
            let items = unsafe { core::slice::from_raw_parts(p.claim_equals, p.claim_equals_len) };
            for (d, item) in l.equals.iter_mut().zip(items) {
                // SAFETY: each valid for reads of its length, as the caller vouches.
                *d = unsafe {
                    (
                        text(item.name, item.name_len)?,
                        text(item.value, item.value_len)?,
                    )
                };
            }
            l.equals_len = p.claim_equals_len;
        }
        Ok(())
    }

    /// The policy the C struct describes, with empty lists (the caller points them at its
    /// `Lists`).
    ///
    /// # Safety
    /// `subject` and `typ` in `p` NULL or valid for reads of their lengths, for `'a`.
    unsafe fn policy(p: &authcore_validation) -> Result<Validation<'a>, authcore_status> {
        Ok(Validation {
            algorithm: algorithm(p.algorithm)?,
            leeway: p.leeway,
            validate_exp: p.validate_exp != 0,
            validate_nbf: p.validate_nbf != 0,
            validate_iat: p.validate_iat != 0,
            validate_aud: p.validate_aud != 0,
            required: &[],
            issuers: &[],
            audiences: &[],
            // SAFETY: forwarded to the caller's guarantee.
            subject: unsafe { opt_text(p.subject, p.subject_len) }?,
            claim_equals: &[],
            max_age: match p.max_age {
                -1 => None,
                age => Some(u64::try_from(age).map_err(|_| AUTHCORE_INVALID_ARGUMENT)?),
            },
            // SAFETY: forwarded.
            typ: unsafe { opt_text(p.typ, p.typ_len) }?,
            min_hmac_secret_len: (p.min_hmac_secret_len > 0).then_some(p.min_hmac_secret_len),
            max_token_len: p.max_token_len,
        })
    }
}

/// The size in bytes of `authcore_policy`.
pub const AUTHCORE_POLICY_SIZE: usize = 1024;

/// A compiled validation policy, made by `authcore_policy_init` from an
/// `authcore_validation`. It refers to the strings the settings pointed at (not to the
/// settings struct itself), which must stay valid and unchanged while it is used. It may be
/// shared between threads. Its bytes are private.
///
/// A policy lives where it was made: a byte copy of it (`memcpy`, struct assignment) is no
/// policy, and every function refuses the copy with AUTHCORE_UNINITIALIZED, whatever
/// becomes of the original. To have the same policy elsewhere, call `authcore_policy_init`
/// there with the same settings.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct authcore_policy {
    /// Private: written and read only by authcore.
    pub opaque: [u64; 128],
}
const _: () = assert!(core::mem::size_of::<authcore_policy>() == AUTHCORE_POLICY_SIZE);

const POLICY_MAGIC: u64 = u64::from_le_bytes(*b"acPOLv01");

/// What `authcore_policy` holds: the lists, and the policy whose list slices point into
/// them. The `'static` is the C caller's promise that the strings outlive it.
///
/// A byte copy elsewhere would hold slices into the original's storage (which may since
/// hold another policy, or be freed), so the storage refuses any policy not in the storage
/// it was made in ([`Stored::STAYS_HOME`]). (Rebuilding the slices from offsets on each use
/// instead would put a whole `Validation` on every verification's stack, over the C stack
/// budget.)
pub(crate) struct PolicyObject {
    lists: Lists<'static>,
    validation: Validation<'static>,
}

impl Stored for PolicyObject {
    unsafe fn valid(value: *const Self) -> bool {
        use core::mem::offset_of;
        let at = |field: usize| offset_of!(PolicyObject, validation) + field;
        let algorithm = at(offset_of!(Validation<'_>, algorithm));
        let switches = [
            at(offset_of!(Validation<'_>, validate_exp)),
            at(offset_of!(Validation<'_>, validate_nbf)),
            at(offset_of!(Validation<'_>, validate_iat)),
            at(offset_of!(Validation<'_>, validate_aud)),
        ];
        // SAFETY: the caller's guarantee; every offset lies inside the object.
        let (algorithm, switches) = unsafe {
            (
                storage::byte_at(value, algorithm),
                switches.map(|b| storage::byte_at(value, b)),
            )
        };
        Algorithm::ALL.iter().any(|a| *a as u8 == algorithm) && switches.iter().all(|&b| b <= 1)
    }
}

impl PolicyObject {
    /// The policy.
    pub(crate) fn validation(&self) -> &Validation<'_> {
        &self.validation
    }
}

/// Compiles validation settings into a policy.
///
/// Every string (UTF-8) and list (at most AUTHCORE_MAX_POLICY_LIST entries) is checked
/// once, here. The policy refers to the strings the settings point at, not to the settings
/// struct. On error `policy` is untouched.
///
/// \param policy    Storage for the policy, writable, 8-byte aligned.
/// \param settings  The settings, with their strings and lists as the field comments of
///                  `authcore_validation` say, valid and unchanged while the policy is used.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT (also a NULL list with a nonzero count,
///         a NULL string in a list or a claim value), AUTHCORE_INVALID_ARGUMENT (an unknown
///         algorithm, a list too long, a NULL subject or typ with a nonzero length, a
///         negative max_age other than -1, misaligned storage), AUTHCORE_INVALID_UTF8.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_policy_init(
    policy: *mut authcore_policy,
    settings: *const authcore_validation,
) -> authcore_status {
    guard(|| {
        required(&[policy.is_null(), settings.is_null()])?;
        if policy.is_null() {
            return Err(AUTHCORE_NULL_ARGUMENT);
        }
        // SAFETY: the caller vouches for `settings` and for the strings it points at, for
        // the policy's whole life (hence `'static`, a promise the C API documents).
        let p = unsafe { settings.as_ref() }.ok_or(AUTHCORE_NULL_ARGUMENT)?;
        let mut lists = Lists::empty();
        // SAFETY: as above.
        unsafe { lists.read(p) }?;
        // SAFETY: as above.
        let validation = unsafe { Lists::policy(p) }?;
        // Points the policy's lists at the object's own copies, once it has its final
        // address.
        let finish = |object: &mut PolicyObject| {
            let l = &object.lists;
            // SAFETY: the object lives in the caller's storage, which stays put and unchanged
            // until `authcore_policy_clear`; these slices are only read through the object.
            let l: &'static Lists<'static> = unsafe { &*(l as *const Lists<'static>) };
            // (`get`: the lengths are at most the arrays' by construction; no panic path.)
            let v = &mut object.validation;
            v.required = l.required.get(..l.required_len).unwrap_or_default();
            v.issuers = l.issuers.get(..l.issuers_len).unwrap_or_default();
            v.audiences = l.audiences.get(..l.audiences_len).unwrap_or_default();
            v.claim_equals = l.equals.get(..l.equals_len).unwrap_or_default();
        };
        let object = PolicyObject { lists, validation };
        // SAFETY: `policy` is non-NULL and the caller vouches for its storage.
        unsafe { storage::init_in_place(policy, POLICY_MAGIC, object, finish) }?;
        Ok(())
    })
}

/// Wipes a policy (zeroes its storage).
///
/// \param policy  Policy storage, writable, 8-byte aligned.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (misaligned).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_policy_clear(policy: *mut authcore_policy) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    guard(|| unsafe { storage::clear::<authcore_policy, PolicyObject>(policy, POLICY_MAGIC) })
}

/// The policy object in `policy`'s storage; AUTHCORE_UNINITIALIZED for a byte copy of one
/// made elsewhere (see `PolicyObject`).
///
/// # Safety
/// `policy` NULL or valid for reads of an `authcore_policy`.
pub(crate) unsafe fn policy_ref<'a>(
    policy: *const authcore_policy,
) -> Result<&'a PolicyObject, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { storage::get::<authcore_policy, PolicyObject>(policy, POLICY_MAGIC) }
}
