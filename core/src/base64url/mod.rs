//! Strict unpadded base64url (RFC 7515 §2), and the crate's other base64 needs.
//!
//! This module decides which alphabet each use gets and which error it reports. The codec
//! is `base64ct`'s, which runs in constant time (no branch or table look-up depends on the
//! data), for secrets (an HMAC key, Basic credentials) and for all encoding; public data (a
//! token's segments, an RSA signature or modulus) goes through the table-driven decoder in
//! `table_decoder.rs`, for the reason its first lines give. Padding (`=`), the standard
//! alphabet's `+` and `/`, white space, impossible lengths (`len % 4 == 1`) and
//! non-canonical trailing bits are all errors either way. Padded standard base64 (RFC 4648
//! §4) serves Basic credentials.

use base64ct::{Base64, Base64Unpadded, Base64UrlUnpadded, Encoding};

mod table_decoder;

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
/// (for secrets).
///
/// `dst` must hold at least [`decoded_len`] bytes; a shorter one is an error too.
pub fn decode<'d>(src: &[u8], dst: &'d mut [u8]) -> Result<&'d [u8], InvalidBase64> {
    Base64UrlUnpadded::decode(src, dst).map_err(|_| InvalidBase64)
}

/// Like [`decode`], equally strict, but table-driven and so not constant-time: for public
/// data such as a token's header, payload and signature, where it is several times faster.
pub fn decode_public<'d>(src: &[u8], dst: &'d mut [u8]) -> Result<&'d [u8], InvalidBase64> {
    table_decoder::decode(src, dst)
}

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

/// Decodes padded standard base64 (RFC 4648 §4): a whole number of 4-character groups, with
/// exactly the padding its length needs.
pub(crate) fn decode_standard_padded<'d>(
    src: &[u8],
    dst: &'d mut [u8],
) -> Result<&'d [u8], InvalidBase64> {
    Base64::decode(src, dst).map_err(|_| InvalidBase64)
}

/// Encodes `src` into the front of `dst`, returning the text written.
///
/// Returns `None` (having written nothing) when `dst` is shorter than [`encoded_len`].
pub fn encode<'d>(src: &[u8], dst: &'d mut [u8]) -> Option<&'d str> {
    encode_parts(&[src], dst, Alphabet::Url, false)
}

/// Encodes the concatenation of `parts`, padded (`=`) or not, into the front of `dst`;
/// `None` (having written nothing) when `dst` is too short.
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
    // Unpadded, then the padding: two encoders linked instead of four.
    let (text, padding) = dst.split_at_mut_checked(encoded_len(len))?;
    let bytes = parts.iter().flat_map(|p| p.iter().copied());
    let written = match alphabet {
        Alphabet::Url => encode_groups::<Base64UrlUnpadded>(bytes, text)?,
        Alphabet::Standard => encode_groups::<Base64Unpadded>(bytes, text)?,
    };
    let written = written.len() + padding.len();
    padding.fill(b'=');
    core::str::from_utf8(dst.get(..written)?).ok()
}

/// Encodes the `len` bytes that `bytes` yields, unpadded base64url, into the front of
/// `dst`; `None` (having written nothing) when `dst` is too short, or `bytes` does not
/// yield exactly `len` bytes. For text written as it is encoded (a header with an escaped
/// `kid`), never assembled in a buffer.
pub(crate) fn encode_url_bytes(
    len: usize,
    bytes: impl Iterator<Item = u8>,
    dst: &mut [u8],
) -> Option<&str> {
    let text = dst.get_mut(..encoded_len(len))?;
    let written = encode_groups::<Base64UrlUnpadded>(bytes, text)?;
    Some(written).filter(|w| w.len() == encoded_len(len))
}

/// Encodes `bytes` one after the other into `dst`, which is exactly their encoded length,
/// three bytes at a time. Not `base64ct::Encoder`, which does the same: the panic-free build
/// of the no-heap proof cannot rule out its panics, while each group's fixed sizes here let
/// the compiler remove every bounds check.
fn encode_groups<E: Encoding>(bytes: impl Iterator<Item = u8>, dst: &mut [u8]) -> Option<&str> {
    let mut group = [0u8; 3];
    let mut k = 0; // bytes in `group`
    let mut at = 0; // characters written
    let mut put = |group: &[u8], at: &mut usize| -> Option<()> {
        let mut chars = [0u8; 4];
        let text = E::encode(group, &mut chars).ok()?.as_bytes();
        let out = dst.get_mut(*at..)?.get_mut(..text.len())?;
        out.copy_from_slice(text);
        *at += text.len();
        Some(())
    };
    for b in bytes {
        *group.get_mut(k)? = b;
        k += 1;
        if k == 3 {
            put(&group, &mut at)?;
            k = 0;
        }
    }
    if k > 0 {
        put(group.get(..k)?, &mut at)?;
    }
    core::str::from_utf8(dst.get(..at)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_standard_base64() {
        let mut buf = [0u8; 16];
        assert_eq!(decode_standard_padded(b"QQ==", &mut buf), Ok(&b"A"[..]));
        assert_eq!(decode_standard_padded(b"QUI=", &mut buf), Ok(&b"AB"[..]));
        assert_eq!(
            decode_standard_padded(b"+/+/", &mut buf),
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
                decode_standard_padded(bad, &mut buf),
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
            encode_parts(&[b"\xfb", b"\xff"], &mut out, Alphabet::Url, true),
            Some("-_8=")
        );
        assert_eq!(
            encode_parts(&[b"\xfb\xff"], &mut out, Alphabet::Standard, false),
            Some("+/8")
        );
        assert_eq!(
            encode_parts(&[b"", b""], &mut out, Alphabet::Standard, true),
            Some("")
        );
        let mut short = *b"-------";
        assert_eq!(
            encode_parts(&[b"abcd"], &mut short, Alphabet::Standard, true),
            None
        );
        assert_eq!(&short, b"-------", "nothing written");
    }

    #[test]
    fn parts_encode_like_their_concatenation() {
        let raw: [u8; 20] = core::array::from_fn(|i| (i * 37 + 11) as u8);
        for cut in 0..=raw.len() {
            for cut2 in cut..=raw.len() {
                let parts = [&raw[..cut], &raw[cut..cut2], &raw[cut2..]];
                let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
                let whole = encode(&raw, &mut a).unwrap();
                assert_eq!(
                    encode_parts(&parts, &mut b, Alphabet::Url, false),
                    Some(whole)
                );
            }
        }
    }

    #[test]
    fn in_place_matches_decode() {
        let raw: [u8; 200] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        for len in [0, 1, 2, 3, 47, 48, 49, 100, 200] {
            let mut text = [0u8; 300];
            let n = encode(&raw[..len], &mut text).unwrap().len();
            assert_eq!(decode_public_in_place(&mut text[..n]), Ok(len));
            assert_eq!(&text[..len], &raw[..len]);
        }
        // Non-canonical trailing bits, an impossible length, padding, `+`.
        for bad in [&b"QUJD-QR"[..], b"QUJD-", b"QR", b"QUI=", b"QUJ+"] {
            let mut text = [0u8; 8];
            let text = &mut text[..bad.len()];
            text.copy_from_slice(bad);
            assert_eq!(decode_public_in_place(text), Err(InvalidBase64), "{bad:?}");
        }
    }
}
