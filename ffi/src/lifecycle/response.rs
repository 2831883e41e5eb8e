//! What a refused response said (`authcore_response_detail`), the description of an API's
//! error body, and Infoworks' token validation answer.

use core::ffi::c_char;
use core::ptr::null;

use authcore::LifecycleError;
use authcore::response;

use crate::boundary::{StrOut, bytes, guard, out, required};
use crate::status::authcore_status::{self, *};

/// Bytes of `authcore_response_detail.error`: the longest error code kept, and its NUL.
// A literal: cbindgen writes only literal constants into the header.
pub const AUTHCORE_ERROR_CODE_SIZE: usize = 33;
const _: () = assert!(AUTHCORE_ERROR_CODE_SIZE == authcore::ApiError::CODE_MAX + 1);

/// What a refused response said, filled by the calls that take a `detail` argument: the
/// field an AUTHCORE_MISSING_FIELD or AUTHCORE_WRONG_FIELD_TYPE is about, and the status and
/// error code of an AUTHCORE_ERROR_RESPONSE (the API's error body: ImmPort's `status`, OAuth
/// 2.0's `error`). Everything empty after success and any other status.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct authcore_response_detail {
    /// The field's path as the API's description writes it (`result.authentication_token`;
    /// for a member on the way that is not an object, the path up to it): UTF-8, not
    /// NUL-terminated, `field_len` bytes, valid as long as the API's description. NULL when
    /// there is none.
    pub field: *const c_char,
    /// Bytes in `field`.
    pub field_len: usize,
    /// The status the error body reports (ImmPort's 401, say), 0 without one.
    pub status: u32,
    /// The error code (`invalid_grant`), NUL-terminated, cut at AUTHCORE_ERROR_CODE_SIZE - 1
    /// bytes; empty without one. Control characters are replaced by `?`.
    pub error: [c_char; AUTHCORE_ERROR_CODE_SIZE],
}

impl authcore_response_detail {
    const EMPTY: Self = authcore_response_detail {
        field: null(),
        field_len: 0,
        status: 0,
        error: [0; AUTHCORE_ERROR_CODE_SIZE],
    };
}

/// Empties `*detail` (when not NULL) before a call, so that it says nothing unless the
/// call's error fills it.
///
/// # Safety
/// `detail` NULL or valid for a write.
pub(crate) unsafe fn reset(detail: *mut authcore_response_detail) {
    // SAFETY: forwarded to the caller's guarantee.
    if let Some(d) = unsafe { detail.as_mut() } {
        *d = authcore_response_detail::EMPTY;
    }
}

/// Fills `*detail` (when not NULL) from the error of `result`, and passes `result` on.
/// Not generic over the result: one copy serves every caller.
///
/// # Safety
/// `detail` NULL or valid for a write.
pub(crate) unsafe fn describe(
    result: Result<(), LifecycleError>,
    detail: *mut authcore_response_detail,
) -> Result<(), LifecycleError> {
    // SAFETY: forwarded to the caller's guarantee.
    let Some(d) = (unsafe { detail.as_mut() }) else {
        return result;
    };
    match &result {
        Err(LifecycleError::MissingField(path) | LifecycleError::WrongFieldType(path)) => {
            d.field = path.as_ptr().cast();
            d.field_len = path.len();
        }
        Err(LifecycleError::ErrorResponse(api)) => {
            d.status = api.status.map_or(0, u32::from);
            let code = api.code().unwrap_or_default().as_bytes();
            // The code is at most CODE_MAX bytes, so the last byte stays NUL.
            for (to, from) in d.error.iter_mut().zip(code) {
                *to = *from as c_char;
            }
        }
        _ => {}
    }
    result
}

/// Writes the `error_description` of an API's error body (RFC 6749 §5.2), escapes decoded.
///
/// Use it after AUTHCORE_ERROR_RESPONSE to show the server's words; the status and code
/// come in `authcore_response_detail`. The text and a NUL go into `buf`, only on success.
///
/// \param json   The error body, `json_len` bytes.
/// \param buf    Where the description and a NUL are written, `buf_len` bytes; NULL with
///               `buf_len` 0 asks for the size. Must not overlap `json`.
/// \param out_n  Receives the length written (without the NUL), or the size needed.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (impossible
///         length), AUTHCORE_RESPONSE_JSON (not one JSON object, or a repeated
///         `error_description`), AUTHCORE_MISSING_FIELD (no `error_description` string),
///         AUTHCORE_OVERLAPPING_BUFFERS, AUTHCORE_BUFFER_TOO_SMALL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_response_error_description(
    json: *const c_char,
    json_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> authcore_status {
    guard(|| {
        required(&[
            json.is_null(),
            (buf.is_null() && buf_len != 0),
            out_n.is_null(),
        ])?;
        // SAFETY (both): forwarded to the caller's guarantees.
        let text = unsafe { bytes(json.cast(), json_len) }?;
        let mut dest = unsafe { StrOut::new(buf, buf_len, out_n, &[text]) }?;
        let description = response::error_body(text)?
            .description
            .ok_or(LifecycleError::MissingField("error_description"))?;
        let (room, done) = dest.room(description.decoded_len())?;
        // The room is the decoded length exactly.
        description
            .decode_into(room)
            .map_err(|_| AUTHCORE_INTERNAL_ERROR)?;
        done.finish();
        Ok(())
    })
}

/// Reads Infoworks' token validation answer (`GET /v3/security/token/validate`,
/// `{"result":{"is_valid":true}}`) into `*valid`.
///
/// `*valid` is written only on success; `*detail` says which field or what the server said
/// (as `authcore_session_accept_detail` fills it).
///
/// \param json    The answer, `json_len` bytes.
/// \param valid   Receives whether the token is valid.
/// \param detail  Receives what a refused answer said; NULL for none.
/// \return AUTHCORE_OK, or AUTHCORE_NULL_ARGUMENT, AUTHCORE_INVALID_ARGUMENT (impossible
///         length), AUTHCORE_RESPONSE_JSON, AUTHCORE_MISSING_FIELD and
///         AUTHCORE_WRONG_FIELD_TYPE (`result.is_valid` absent or not a boolean),
///         AUTHCORE_ERROR_RESPONSE (an error body).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn authcore_infoworks_token_valid(
    json: *const c_char,
    json_len: usize,
    valid: *mut bool,
    detail: *mut authcore_response_detail,
) -> authcore_status {
    // SAFETY: forwarded to the caller's guarantee.
    unsafe { reset(detail) };
    guard(|| {
        required(&[json.is_null(), valid.is_null()])?;
        // SAFETY (all three): forwarded to the caller's guarantees.
        let text = unsafe { bytes(json.cast(), json_len) }?;
        let valid = unsafe { out(valid) }?;
        let result = response::infoworks_valid(text);
        // SAFETY: forwarded to the caller's guarantee.
        unsafe { describe(result.map(|_| ()), detail) }?;
        if let Ok(v) = result {
            *valid = v;
        }
        Ok(())
    })
}
