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

/// Like [`decode`], equally strict, but table-driven and so not constant-time: for public
/// data such as a token's header and payload, where it is several times faster. Secrets (a
/// JWK's `k`) go through [`decode`].
pub fn decode_public<'d>(src: &[u8], dst: &'d mut [u8]) -> Result<&'d [u8], InvalidBase64> {
    let n = decoded_len(src.len()).ok_or(InvalidBase64)?;
    let dst = dst.get_mut(..n).ok_or(InvalidBase64)?;
    let (groups, tail) = src.as_chunks::<4>();
    let (outs, out_tail) = dst.as_chunks_mut::<3>();
    let mut bad = 0u8;
    for (g, o) in groups.iter().zip(outs) {
        let [a, b, c, d] = g.map(|ch| SEXTET[usize::from(ch)]);
        bad |= a | b | c | d;
        let v = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        *o = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    }
    // The last 2 or 3 characters carry 1 or 2 bytes; their unused low bits must be zero.
    let t: [u8; 3] = core::array::from_fn(|i| tail.get(i).map_or(0, |&ch| SEXTET[usize::from(ch)]));
    bad |= t[0] | t[1] | t[2];
    let v = u32::from(t[0]) << 18 | u32::from(t[1]) << 12 | u32::from(t[2]) << 6;
    let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    let used = out_tail.len();
    if bad & INVALID != 0 || bytes.get(used).is_some_and(|&b| b != 0) {
        return Err(InvalidBase64);
    }
    out_tail.copy_from_slice(bytes.get(..used).ok_or(InvalidBase64)?);
    Ok(dst)
}

/// Marks a byte outside the base64url alphabet in [`SEXTET`].
const INVALID: u8 = 0x80;

/// The 6-bit value of each base64url character; [`INVALID`] for every other byte.
const SEXTET: [u8; 256] = {
    let mut t = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decodes public `src` a few dozen bytes at a time, handing each piece to `f`, for callers
/// that consume the bytes as they come (an RSA signature or modulus going into limbs) and
/// need no buffer for the whole. Pieces of 64 characters are whole base64 quanta, so it is
/// exactly as strict as [`decode_public`] on the whole input.
pub fn decode_public_chunks(src: &[u8], mut f: impl FnMut(&[u8])) -> Result<(), InvalidBase64> {
    let mut scratch = [0u8; 48];
    for chunk in src.chunks(64) {
        f(decode_public(chunk, &mut scratch)?);
    }
    Ok(())
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
