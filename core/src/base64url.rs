//! Strict unpadded base64url (RFC 7515 §2), on `base64ct`.
//!
//! Padding (`=`), the standard alphabet's `+` and `/`, whitespace, impossible lengths
//! (`len % 4 == 1`) and non-canonical trailing bits are all errors.

use base64ct::{Base64UrlUnpadded, Encoding};

/// The input is not strict unpadded base64url.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct InvalidBase64;

/// The number of bytes `encoded_len` characters decode to, or `None` for an impossible length.
pub const fn decoded_len(encoded_len: usize) -> Option<usize> {
    match encoded_len % 4 {
        1 => None,
        0 => Some(encoded_len / 4 * 3),
        r => Some(encoded_len / 4 * 3 + r - 1),
    }
}

/// The number of characters `len` bytes encode to.
pub const fn encoded_len(len: usize) -> usize {
    len / 3 * 4
        + match len % 3 {
            0 => 0,
            r => r + 1,
        }
}

/// Decodes `src` into the front of `dst`, returning the decoded bytes.
///
/// `dst` must hold at least [`decoded_len`] bytes; a shorter one is an error too.
pub fn decode<'d>(src: &[u8], dst: &'d mut [u8]) -> Result<&'d [u8], InvalidBase64> {
    let n = decoded_len(src.len()).ok_or(InvalidBase64)?;
    let dst = dst.get_mut(..n).ok_or(InvalidBase64)?;
    Base64UrlUnpadded::decode(src, dst).map_err(|_| InvalidBase64)
}

/// Decodes `src` into a fixed array, returning the array and the number of bytes used.
///
/// Handy for keys and signatures whose maximum size is known.
pub fn decode_array<const N: usize>(src: &[u8]) -> Result<([u8; N], usize), InvalidBase64> {
    let mut out = [0u8; N];
    let n = decode(src, &mut out)?.len();
    Ok((out, n))
}

/// Encodes `src` into the front of `dst`, returning the text written.
///
/// Returns `None` (having written nothing) when `dst` is shorter than [`encoded_len`].
pub fn encode<'d>(src: &[u8], dst: &'d mut [u8]) -> Option<&'d str> {
    let n = encoded_len(src.len());
    let dst = dst.get_mut(..n)?;
    Base64UrlUnpadded::encode(src, dst).ok()
}
