//! Strict unpadded base64url (RFC 7515 §2), and the crate's other base64 needs.
//!
//! Padding (`=`), the standard alphabet's `+` and `/`, whitespace, impossible lengths
//! (`len % 4 == 1`) and non-canonical trailing bits are all errors.
//!
//! Two decoders: [`decode`] runs in constant time (no branch or table look-up depends on
//! the data) for secrets, [`decode_public`] is table-driven and several times faster, for
//! public data. Encoding always runs in constant time. The crate-internal variants serve
//! the standard alphabet (RFC 4648 §4) of Basic credentials and PEM with the same code.

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

/// The two base64 alphabets, which differ only in their last two characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alphabet {
    /// base64url (RFC 4648 §5): `-` and `_`.
    Url,
    /// Standard base64 (RFC 4648 §4): `+` and `/`.
    Standard,
}

/// Decodes `src` into the front of `dst`, returning the decoded bytes, in constant time
/// (for secrets such as a JWK's `k`).
///
/// `dst` must hold at least [`decoded_len`] bytes; a shorter one is an error too.
pub fn decode<'d>(src: &[u8], dst: &'d mut [u8]) -> Result<&'d [u8], InvalidBase64> {
    decode_ct(src, dst, Alphabet::Url)
}

/// Unpadded decoding in constant time: the time depends on the lengths only.
pub(crate) fn decode_ct<'d>(
    src: &[u8],
    dst: &'d mut [u8],
    alphabet: Alphabet,
) -> Result<&'d [u8], InvalidBase64> {
    let n = decoded_len(src.len()).ok_or(InvalidBase64)?;
    let dst = dst.get_mut(..n).ok_or(InvalidBase64)?;
    let (c62, c63) = match alphabet {
        Alphabet::Url => (b'-', b'_'),
        Alphabet::Standard => (b'+', b'/'),
    };
    let mut bad = 0i16; // negative once a character is outside the alphabet
    let mut extra = 0u8; // non-zero once trailing bits are not
    for (group, out) in src.chunks(4).zip(dst.chunks_mut(3)) {
        let mut v = 0u32;
        for i in 0..4 {
            let s = group.get(i).map_or(0, |&c| sextet_ct(c, c62, c63));
            bad |= s;
            v = v << 6 | (s & 63) as u32;
        }
        let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
        for (i, b) in bytes.into_iter().enumerate() {
            match out.get_mut(i) {
                Some(slot) => *slot = b,
                None => extra |= b,
            }
        }
    }
    if bad < 0 || extra != 0 {
        return Err(InvalidBase64);
    }
    Ok(dst)
}

/// Padded decoding in constant time: `src` is a whole number of 4-character groups, with
/// exactly the padding its length needs.
pub(crate) fn decode_padded<'d>(
    src: &[u8],
    dst: &'d mut [u8],
    alphabet: Alphabet,
) -> Result<&'d [u8], InvalidBase64> {
    if !src.len().is_multiple_of(4) {
        return Err(InvalidBase64);
    }
    let pad = src.iter().rev().take_while(|&&b| b == b'=').count();
    let body = src.get(..src.len().saturating_sub(pad)).unwrap_or_default();
    if pad > 2 || (4 - body.len() % 4) % 4 != pad {
        return Err(InvalidBase64);
    }
    decode_ct(body, dst, alphabet)
}

/// The value of base64 character `c` (0..=63), or -1, computed without branches or
/// look-ups. Each `within` is -1 when `c` is in the range and 0 when not.
fn sextet_ct(c: u8, c62: u8, c63: u8) -> i16 {
    let c = i16::from(c);
    let within = |lo: u8, hi: u8| ((i16::from(lo) - 1 - c) & (c - i16::from(hi) - 1)) >> 8;
    -1 + (within(b'A', b'Z') & (c - 64))
        + (within(b'a', b'z') & (c - 70))
        + (within(b'0', b'9') & (c + 5))
        + (within(c62, c62) & 63)
        + (within(c63, c63) & 64)
}

/// The character of sextet `s` (0..=63), computed without branches or look-ups.
fn char_ct(s: u8, alphabet: Alphabet) -> u8 {
    let s = i16::from(s);
    let (after61, after62) = match alphabet {
        Alphabet::Url => (13, 49),
        Alphabet::Standard => (15, 3),
    };
    let mut diff = i16::from(b'A');
    diff += ((25 - s) >> 8) & 6;
    diff -= ((51 - s) >> 8) & 75;
    diff -= ((61 - s) >> 8) & after61;
    diff += ((62 - s) >> 8) & after62;
    (s + diff) as u8
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
    for (&[a, b, c, d], o) in groups.iter().zip(outs) {
        // Four plain lookups: `[u8; 4]::map` stayed a loop through the stack on Thumb-2,
        // three times the instructions.
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

/// Decodes public base64url text in place, as strictly as [`decode_public`], returning the
/// decoded length (the bytes are at the front of `buf`). It goes 64 characters at a time:
/// each piece's 48 bytes land before the next piece's text.
pub(crate) fn decode_public_in_place(buf: &mut [u8]) -> Result<usize, InvalidBase64> {
    let mut scratch = [0u8; 48];
    let (mut at, mut out) = (0, 0);
    while at < buf.len() {
        let end = buf.len().min(at + 64);
        let text = buf.get(at..end).ok_or(InvalidBase64)?;
        let piece = decode_public(text, &mut scratch)?;
        let dst = buf.get_mut(out..out + piece.len()).ok_or(InvalidBase64)?;
        dst.copy_from_slice(piece);
        out += piece.len();
        at = end;
    }
    Ok(out)
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
    encode_parts(&[src], dst, Alphabet::Url, false)
}

/// Encodes the concatenation of `parts`, in constant time, padded (`=`) or not, into the
/// front of `dst`; `None` (having written nothing) when `dst` is too short.
pub(crate) fn encode_parts<'d>(
    parts: &[&[u8]],
    dst: &'d mut [u8],
    alphabet: Alphabet,
    pad: bool,
) -> Option<&'d str> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let n = if pad {
        len.div_ceil(3) * 4
    } else {
        encoded_len(len)
    };
    let dst = dst.get_mut(..n)?;
    // Three bytes at a time into `group`, across the parts; each full group gives four
    // characters, the last partial one two or three (and the padding).
    let mut group = 0u32;
    let mut k = 0; // bytes in `group`
    let mut at = 0; // characters written
    let mut emit = |group: u32, chars: usize, dst: &mut [u8]| {
        for i in 0..chars {
            if let Some(slot) = dst.get_mut(at) {
                *slot = char_ct((group >> (18 - 6 * i)) as u8 & 63, alphabet);
            }
            at += 1;
        }
    };
    for part in parts {
        for &b in *part {
            group = group << 8 | u32::from(b);
            k += 1;
            if k == 3 {
                emit(group, 4, dst);
                (group, k) = (0, 0);
            }
        }
    }
    if k > 0 {
        emit(group << (8 * (3 - k)), k + 1, dst);
    }
    // What is left is the padding (`n` counted it only when asked for).
    for slot in dst.iter_mut().skip(encoded_len(len)) {
        *slot = b'=';
    }
    core::str::from_utf8(dst).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_tables_match_the_alphabets() {
        let std = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let url = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (alphabet, chars, (c62, c63)) in [
            (Alphabet::Standard, std, (b'+', b'/')),
            (Alphabet::Url, url, (b'-', b'_')),
        ] {
            for s in 0..64u8 {
                assert_eq!(char_ct(s, alphabet), chars[usize::from(s)]);
            }
            for c in 0..=255u8 {
                let want = chars.iter().position(|&x| x == c).map_or(-1, |p| p as i16);
                assert_eq!(sextet_ct(c, c62, c63), want, "{c}");
            }
        }
    }

    #[test]
    fn padded_standard_base64() {
        let mut buf = [0u8; 16];
        assert_eq!(
            decode_padded(b"QQ==", &mut buf, Alphabet::Standard),
            Ok(&b"A"[..])
        );
        assert_eq!(
            decode_padded(b"QUI=", &mut buf, Alphabet::Standard),
            Ok(&b"AB"[..])
        );
        assert_eq!(
            decode_padded(b"+/+/", &mut buf, Alphabet::Standard),
            Ok(&[0xfb, 0xff, 0xbf][..])
        );
        for bad in [
            &b"QQ="[..],
            b"QQ",
            b"Q===",
            b"QUI==",
            b"QR==",
            b"-_-_",
            b"QQ=A",
            b"====",
        ] {
            assert_eq!(
                decode_padded(bad, &mut buf, Alphabet::Standard),
                Err(InvalidBase64),
                "{bad:?}"
            );
        }
        let mut out = [0u8; 8];
        assert_eq!(
            encode_parts(&[b"a", b":", b"b"], &mut out, Alphabet::Standard, true),
            Some("YTpi")
        );
        assert_eq!(
            encode_parts(&[b"\xfb\xff"], &mut out, Alphabet::Standard, true),
            Some("+/8=")
        );
        assert_eq!(
            encode_parts(&[b"\xfb\xff"], &mut out, Alphabet::Url, false),
            Some("-_8")
        );
        assert_eq!(
            encode_parts(&[b"abcd"], &mut out[..7], Alphabet::Standard, true),
            None
        );
    }

    #[test]
    fn in_place_matches_decode_public() {
        let raw: [u8; 200] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        for len in [0, 1, 2, 3, 47, 48, 49, 100, 200] {
            let mut text = [0u8; 300];
            let n = encode(&raw[..len], &mut text).unwrap().len();
            assert_eq!(decode_public_in_place(&mut text[..n]), Ok(len));
            assert_eq!(&text[..len], &raw[..len]);
        }
        let mut bad = *b"QUJD-QR";
        assert_eq!(decode_public_in_place(&mut bad), Err(InvalidBase64));
    }
}
