//! Crossing the boundary: panic containment, and turning C pointers into Rust values with
//! every check the C API promises (NULL, UTF-8, sizes).

use core::ffi::c_char;

use authcore::{JsonStr, LifecycleError};

use crate::status::authcore_status::{self, *};

/// Runs one API call. Host builds (`std`) catch a panic here and report
/// `AUTHCORE_INTERNAL_ERROR`, so no panic unwinds into C; bare-metal builds abort instead.
pub(crate) fn guard(f: impl FnOnce() -> Result<(), authcore_status>) -> authcore_status {
    #[cfg(feature = "std")]
    let result = std::panic::catch_unwind(core::panic::AssertUnwindSafe(f))
        .unwrap_or(Err(AUTHCORE_INTERNAL_ERROR));
    #[cfg(not(feature = "std"))]
    let result = f();
    match result {
        Ok(()) => AUTHCORE_OK,
        Err(s) => s,
    }
}

/// AUTHCORE_NULL_ARGUMENT when a call's required pointer is NULL (`nulls` holds, for each,
/// whether it is: an output buffer with a capacity of 0 may be NULL). Every function checks
/// this before any other argument, so that a NULL is reported first, whatever else is wrong
/// with the call.
pub(crate) fn required(nulls: &[bool]) -> Result<(), authcore_status> {
    if nulls.contains(&true) {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    Ok(())
}

/// Whether `len` bytes from `ptr` can be a buffer at all: no object is larger than
/// `PTRDIFF_MAX` bytes, nor runs past the end of the address space. A length that cannot be
/// is `AUTHCORE_INVALID_ARGUMENT`, found before any slice is made of it.
fn possible_len(ptr: *const u8, len: usize) -> Result<(), authcore_status> {
    if len > isize::MAX as usize || ptr.addr().checked_add(len).is_none() {
        return Err(AUTHCORE_INVALID_ARGUMENT);
    }
    Ok(())
}

/// Whether the output `out` (`cap` bytes) lies apart from every input in `reads`: an output
/// that overlaps an input would overwrite what is still to be read (a header written over
/// its own token, a signed token over its claims). Checked before the output becomes a
/// slice, so that no slice ever aliases another.
fn apart(out: *const u8, cap: usize, reads: &[&[u8]]) -> Result<(), authcore_status> {
    if reads
        .iter()
        .any(|r| overlap((out, cap), (r.as_ptr(), r.len())))
    {
        return Err(AUTHCORE_OVERLAPPING_BUFFERS);
    }
    Ok(())
}

/// Whether two byte ranges, each a start and a length, share a byte.
pub(crate) fn overlap(a: (*const u8, usize), b: (*const u8, usize)) -> bool {
    let (a_start, b_start) = (a.0.addr(), b.0.addr());
    a.1 != 0
        && b.1 != 0
        && a_start < b_start.saturating_add(b.1)
        && b_start < a_start.saturating_add(a.1)
}

/// `len` bytes at `ptr`.
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `len` bytes for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], authcore_status> {
    if ptr.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    possible_len(ptr, len)?;
    // SAFETY: non-NULL, a possible length, and the caller vouches for `len` readable bytes.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// `len` bytes at `ptr` as UTF-8 text.
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, authcore_status> {
    // SAFETY: forwarded to the caller's guarantee.
    let b = unsafe { bytes(ptr.cast(), len) }?;
    core::str::from_utf8(b).map_err(|_| AUTHCORE_INVALID_UTF8)
}

/// An optional text input: a NULL `ptr` is absent, and then `len` must be 0 (a length
/// with no buffer is a caller's mistake, AUTHCORE_INVALID_ARGUMENT, not an absent value).
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn opt_text<'a>(
    ptr: *const c_char,
    len: usize,
) -> Result<Option<&'a str>, authcore_status> {
    match (ptr.is_null(), len) {
        (true, 0) => Ok(None),
        (true, _) => Err(AUTHCORE_INVALID_ARGUMENT),
        // SAFETY: forwarded to the caller's guarantee.
        (false, _) => unsafe { text(ptr, len) }.map(Some),
    }
}

/// A writable buffer of `len` bytes, which must lie apart from the call's inputs `reads`
/// (AUTHCORE_OVERLAPPING_BUFFERS).
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of `len` bytes for `'a`, and not aliased.
pub(crate) unsafe fn out_bytes<'a>(
    ptr: *mut u8,
    len: usize,
    reads: &[&[u8]],
) -> Result<&'a mut [u8], authcore_status> {
    if ptr.is_null() {
        return Err(AUTHCORE_NULL_ARGUMENT);
    }
    possible_len(ptr, len)?;
    apart(ptr, len, reads)?;
    // SAFETY: non-NULL, a possible length, and the caller vouches for `len` writable,
    // unaliased bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// A required out-parameter.
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of a `T`, and not aliased.
pub(crate) unsafe fn out<'a, T>(ptr: *mut T) -> Result<&'a mut T, authcore_status> {
    // SAFETY: the caller vouches that a non-NULL pointer is valid and unaliased.
    unsafe { ptr.as_mut() }.ok_or(AUTHCORE_NULL_ARGUMENT)
}

/// Where a string result goes: a C buffer and its capacity, and where its length is reported.
pub(crate) struct StrOut<'a> {
    buf: &'a mut [u8],
    len: &'a mut usize,
}

impl<'a> StrOut<'a> {
    /// The output `buf` of `cap` bytes, which must lie apart from the call's inputs `reads`
    /// (AUTHCORE_OVERLAPPING_BUFFERS).
    ///
    /// # Safety
    /// `buf` valid for `cap` writable bytes (or NULL), `len` valid for a write (or NULL).
    pub(crate) unsafe fn new(
        buf: *mut c_char,
        cap: usize,
        len: *mut usize,
        reads: &[&[u8]],
    ) -> Result<Self, authcore_status> {
        // SAFETY: forwarded to the caller's guarantees.
        let len = unsafe { out(len) }?;
        // A zero-capacity buffer may be NULL: the call then only reports the size needed.
        let buf = if buf.is_null() && cap == 0 {
            &mut []
        } else {
            // SAFETY: forwarded.
            unsafe { out_bytes(buf.cast(), cap, reads) }?
        };
        Ok(StrOut { buf, len })
    }

    /// Whether a string of `n` bytes and its NUL fit.
    pub(crate) fn fits(&self, n: usize) -> bool {
        n < self.buf.len()
    }

    /// Reports `n + 1` bytes needed and writes nothing (for outputs written together, all
    /// or none).
    pub(crate) fn report(&mut self, n: usize) {
        *self.len = n.saturating_add(1);
    }

    /// Takes back what was written: the buffer zeroed and `*len` 0.
    pub(crate) fn wipe(&mut self) {
        self.buf.fill(0);
        *self.len = 0;
    }

    /// Reports that there is no string: `*len` is 0 and the buffer is untouched.
    pub(crate) fn none(&mut self) {
        *self.len = 0;
    }

    /// Room for a string of `n` bytes and its NUL: the `n` bytes to fill, and the rest of
    /// the write ([`Done`]). A buffer too small gets `n + 1` reported and nothing written.
    pub(crate) fn room(&mut self, n: usize) -> Result<(&mut [u8], Done<'_>), authcore_status> {
        match self.buf.get_mut(..=n).and_then(<[u8]>::split_last_mut) {
            Some((nul, text)) => Ok((
                text,
                Done {
                    nul,
                    len: &mut *self.len,
                    n,
                },
            )),
            None => {
                *self.len = n.wrapping_add(1);
                Err(AUTHCORE_BUFFER_TOO_SMALL)
            }
        }
    }

    /// Writes what a core writer `f` produces, plus a NUL. `f` runs once, on
    /// [`StrOut::space`]: core writers check everything and then the size before they
    /// write, so a too-small buffer reports the size and gets nothing. (`f` is a trait
    /// object: one copy of this serves every caller.)
    pub(crate) fn write_with(
        &mut self,
        f: &dyn Fn(&mut [u8]) -> Result<&str, LifecycleError>,
    ) -> Result<(), authcore_status> {
        let written = f(self.space()).map(|s| Some((s.as_ptr(), s.len())));
        self.wrote(written)
    }

    /// The buffer less a byte for the NUL, for a core writer.
    pub(crate) fn space(&mut self) -> &mut [u8] {
        let room = self.buf.len().saturating_sub(1);
        self.buf.get_mut(..room).unwrap_or_default()
    }

    /// Finishes what a core writer did in [`StrOut::space`]: a string (its address and
    /// length; it must be at the front) gets its NUL and length; none gets length 0 and the
    /// buffer untouched; a too-small buffer gets the size needed.
    pub(crate) fn wrote(
        &mut self,
        written: Result<Option<(*const u8, usize)>, LifecycleError>,
    ) -> Result<(), authcore_status> {
        match written {
            Ok(None) => {
                self.none();
                Ok(())
            }
            Ok(Some((at, n))) if at == self.buf.as_ptr() => {
                let (_, done) = self.room(n)?;
                done.finish();
                Ok(())
            }
            Ok(Some(_)) => Err(AUTHCORE_INTERNAL_ERROR),
            Err(LifecycleError::BufferTooSmall { needed }) => {
                self.report(needed);
                Err(AUTHCORE_BUFFER_TOO_SMALL)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Writes `s` plus a NUL, or reports the size needed and writes nothing.
    pub(crate) fn write_bytes(&mut self, s: &[u8]) -> Result<(), authcore_status> {
        let (text, done) = self.room(s.len())?;
        text.copy_from_slice(s);
        done.finish();
        Ok(())
    }

    /// Writes a JSON string with its escapes decoded, plus a NUL.
    pub(crate) fn write_json_str(&mut self, s: JsonStr<'_>) -> Result<(), authcore_status> {
        let (text, done) = self.room(s.decoded_len())?;
        s.decode_into(text)?;
        done.finish();
        Ok(())
    }
}

/// The end of a write that [`StrOut::room`] made room for: the NUL and the length.
pub(crate) struct Done<'a> {
    nul: &'a mut u8,
    len: &'a mut usize,
    n: usize,
}

impl Done<'_> {
    /// Terminates the string and reports its length.
    pub(crate) fn finish(self) {
        *self.nul = 0;
        *self.len = self.n;
    }
}
