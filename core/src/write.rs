//! Writing into caller buffers in two passes: the first measures (and finds every error),
//! the second writes into exactly the bytes needed. So a too-small buffer gets the exact
//! `needed` and nothing is written, and a bad input never leaves half a result behind.

use crate::base64url::{self, Alphabet};
use crate::lifecycle_error::LifecycleError;

/// A measuring or writing cursor.
pub(crate) struct Out<'b> {
    buf: Option<&'b mut [u8]>,
    len: usize,
}

impl Out<'_> {
    /// Appends `bytes`.
    pub(crate) fn put(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        if let Some(dst) = self.buf.as_mut().and_then(|b| b.get_mut(self.len..end)) {
            // Not `copy_from_slice`: its length check would be a panic path (the lengths
            // differ only once `len` saturates, which no buffer reaches).
            for (d, s) in dst.iter_mut().zip(bytes) {
                *d = *s;
            }
        }
        self.len = end;
    }

    /// Appends `s`.
    pub(crate) fn put_str(&mut self, s: &str) {
        self.put(s.as_bytes());
    }

    /// Appends the padded standard base64 (RFC 4648 §4) of the concatenated `parts`, in
    /// constant time (the parts are credentials).
    pub(crate) fn put_base64(&mut self, parts: &[&[u8]]) {
        let raw: usize = parts.iter().map(|p| p.len()).sum();
        let n = raw.div_ceil(3) * 4;
        let end = self.len.saturating_add(n);
        if let Some(dst) = self.buf.as_mut().and_then(|b| b.get_mut(self.len..end)) {
            // Cannot fail: `dst` is exactly the encoded length.
            let _ = base64url::encode_parts(parts, dst, Alphabet::Standard, true);
        }
        self.len = end;
    }
}

/// Runs `emit` once to measure and once to write into the front of `buf`. `dyn`: one copy
/// of this for every writer instead of one each.
pub(crate) fn write_with<'b>(
    buf: &'b mut [u8],
    emit: &dyn Fn(&mut Out<'_>),
) -> Result<&'b str, LifecycleError> {
    let mut count = Out { buf: None, len: 0 };
    emit(&mut count);
    let needed = count.len;
    let dst = buf
        .get_mut(..needed)
        .ok_or(LifecycleError::BufferTooSmall { needed })?;
    emit(&mut Out {
        buf: Some(&mut *dst),
        len: 0,
    });
    let dst: &'b [u8] = dst;
    // Only `&str` pieces and base64 are written, so this always holds.
    core::str::from_utf8(dst).map_err(|_| LifecycleError::BufferTooSmall { needed })
}

/// Decodes padded standard base64 into the front of `buf` (for Basic credentials).
///
/// The size needed is exact (padding counted); a length that is not a multiple of 4 or
/// non-canonical base64 is [`LifecycleError::MalformedAuthorization`].
pub(crate) fn decode_base64<'b>(src: &str, buf: &'b mut [u8]) -> Result<&'b [u8], LifecycleError> {
    if src.is_empty() || !src.len().is_multiple_of(4) {
        return Err(LifecycleError::MalformedAuthorization);
    }
    let pad = src.bytes().rev().take_while(|&b| b == b'=').count().min(2);
    let needed = src.len() / 4 * 3 - pad;
    let dst = buf
        .get_mut(..needed)
        .ok_or(LifecycleError::BufferTooSmall { needed })?;
    base64url::decode_standard_padded(src.as_bytes(), dst)
        .map_err(|_| LifecycleError::MalformedAuthorization)
}
