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
    // An invalid character's entry is -1: shifted into a group's 24-bit value it sets the
    // sign bit, which no valid group reaches, so one OR per group collects every error.
    let mut bad = 0i32;
    for (&[a, b, c, d], o) in groups.iter().zip(outs) {
        // Four plain lookups: `[u8; 4]::map` stayed a loop through the stack on Thumb-2.
        let v = sextet(a) << 18 | sextet(b) << 12 | sextet(c) << 6 | sextet(d);
        bad |= v;
        *o = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    }
    // The last 2 or 3 characters carry 1 or 2 bytes; their unused low bits must be zero.
    let t: [i32; 3] = core::array::from_fn(|i| tail.get(i).map_or(0, |&ch| sextet(ch)));
    let v = t[0] << 18 | t[1] << 12 | t[2] << 6;
    let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    let used = out_tail.len();
    if (bad | v) < 0 || bytes.get(used).is_some_and(|&b| b != 0) {
        return Err(InvalidBase64);
    }
    out_tail.copy_from_slice(bytes.get(..used).ok_or(InvalidBase64)?);
    Ok(dst)
}

/// The 6-bit value of base64url character `ch`, or -1 if it is none.
fn sextet(ch: u8) -> i32 {
    i32::from(SEXTET[usize::from(ch)])
}

/// The 6-bit value of each base64url character; -1 for every other byte.
const SEXTET: [i8; 256] = {
    let mut t = [-1; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as i8;
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
        // Every byte value at every place of a group and of each tail length: an invalid
        // one must be seen wherever its bits land in the group's value.
        for len in [4, 6, 7, 8, 10, 11] {
            for at in 0..len {
                for x in 0..=255u8 {
                    let mut src = *b"QUJDREFHSUpL";
                    src[at] = x;
                    check(&src[..len]);
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
