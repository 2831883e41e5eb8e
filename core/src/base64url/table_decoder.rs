//! A table-driven strict base64url decoder for public data: a token's header, payload and
//! signature, an RSA modulus. It stays because `base64ct`'s constant-time decoder on that
//! path took HS256 verification on the Cortex-M4F over its instruction budget (figures:
//! BENCHMARKS.md, "Dependencies: base64 and key encodings"). Secrets still go through
//! `base64ct` ([`super::decode`]); `tests` below check this decoder against it, and
//! `tests/properties.rs` against it and the `base64` crate.
//!
//! Exactly as strict: no padding, no `+` or `/`, no white space, no impossible length
//! (`len % 4 == 1`), no non-canonical trailing bits.

use super::{InvalidBase64, decoded_len};

/// Decodes `src` into the front of `dst` (at least [`decoded_len`] bytes), returning the
/// decoded bytes. Not constant-time: for public data only.
pub(crate) fn decode<'d>(src: &[u8], dst: &'d mut [u8]) -> Result<&'d [u8], InvalidBase64> {
    let n = decoded_len(src.len()).ok_or(InvalidBase64)?;
    let dst = dst.get_mut(..n).ok_or(InvalidBase64)?;
    let (groups, tail) = src.as_chunks::<4>();
    let (outs, out_tail) = dst.as_chunks_mut::<3>();
    let mut bad = 0u8;
    for (&[a, b, c, d], o) in groups.iter().zip(outs) {
        // Four plain lookups: `[u8; 4]::map` stayed a loop through the stack on Thumb-2.
        let (a, b) = (SEXTET[usize::from(a)], SEXTET[usize::from(b)]);
        let (c, d) = (SEXTET[usize::from(c)], SEXTET[usize::from(d)]);
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

#[cfg(test)]
mod tests {
    use base64ct::{Base64UrlUnpadded, Encoding};

    /// Every input of up to three characters from a set that covers each class (the two
    /// alphabets' differing characters, padding, white space, other bytes, and letters
    /// giving zero and non-zero trailing bits), and longer random ones, against `base64ct`.
    #[test]
    fn agrees_with_base64ct() {
        let chars = *b"AQBgw9-_+/= \n.\0\xff";
        let check = |src: &[u8]| {
            let (mut a, mut b) = ([0u8; 64], [0u8; 64]);
            let ours = super::decode(src, &mut a).ok();
            let theirs = Base64UrlUnpadded::decode(src, &mut b).ok();
            assert_eq!(ours, theirs, "{src:?}");
        };
        check(b"");
        for &x in &chars {
            check(&[x]);
            for &y in &chars {
                check(&[x, y]);
                for &z in &chars {
                    check(&[x, y, z]);
                    check(&[b'Q', b'U', x, y, z]);
                }
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 60) as usize;
            let mut src = [0u8; 60];
            for (i, c) in src.iter_mut().enumerate().take(len) {
                let pick = (state >> (i % 8 * 8)) as usize ^ i;
                // Mostly alphabet characters, so that valid inputs are common.
                *c = if pick.is_multiple_of(50) {
                    chars[pick % chars.len()]
                } else {
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[pick % 64]
                };
            }
            check(&src[..len]);
        }
    }
}
