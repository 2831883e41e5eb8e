//! Strict DER and PEM readers for exactly the public-key structures the keys load, SPKI (RFC
//! 5280 §4.1, for every key type) and PKCS#1 `RSAPublicKey` (RFC 8017 Appendix A.1.1),
//! decoding into borrowed views without a heap. They stay instead of
//! `der`/`spki`/`pkcs1`/`pem-rfc7468` because those crates added well over 2 KiB of flash to
//! the Cortex-M4F verification build with RSA keys, and panics the no-heap proof's
//! panic-free build could not rule out (figures and the panic sites: BENCHMARKS.md,
//! "Dependencies: base64 and key encodings").
//! `tests/der_differential.rs` checks them against those crates on thousands of mutated keys.
//!
//! DER: definite, minimal lengths; minimal, positive INTEGERs; nothing after the end. PEM:
//! RFC 7468's strict grammar (64-character lines, no headers); the base64 is `base64ct`'s.

use crate::error::{Error, KeyError};
use base64ct::{Base64, Encoding};

/// Room for the DER inside a PEM: an SPKI of a 4096-bit key is about 550 bytes; the margin
/// lets keys up to 8192 bits decode, so that they are refused with their size named.
pub(crate) const PEM_DER_MAX: usize = 1100;

pub(super) const LABEL_SPKI: &[u8] = b"PUBLIC KEY";
pub(super) const LABEL_PKCS1: &[u8] = b"RSA PUBLIC KEY";

/// The content of the rsaEncryption OID, 1.2.840.113549.1.1.1 (RFC 8017 Appendix A.1).
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const BIT_STRING: u8 = 0x03;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;

/// Why DER was refused; every one is reported as [`KeyError::Der`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DerError {
    /// The input ends inside a tag, a length or a value.
    Truncated,
    /// Another tag than the structure has at this place.
    UnexpectedTag,
    /// The indefinite length form (BER, not DER).
    IndefiniteLength,
    /// A length in more bytes than it needs (DER wants the shortest form).
    NonMinimalLength,
    /// A length of more than two bytes (64 KiB and up; keys are far smaller).
    LengthTooLarge,
    /// Bytes after the end of a structure.
    TrailingBytes,
    /// An INTEGER with no content bytes.
    EmptyInteger,
    /// A negative INTEGER (a modulus or exponent must be positive).
    NegativeInteger,
    /// An INTEGER with a superfluous leading zero byte.
    NonMinimalInteger,
    /// A BIT STRING that is empty or does not use all the bits of its last byte.
    BitString,
    /// An OBJECT IDENTIFIER that is empty or whose last subidentifier is unfinished or
    /// padded.
    BadOid,
    /// AlgorithmIdentifier parameters other than NULL for rsaEncryption.
    BadParameters,
}

impl From<DerError> for Error {
    fn from(_: DerError) -> Self {
        KeyError::Der.into()
    }
}

/// Reads DER elements off the front of a slice.
pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl<'a> Reader<'a> {
    /// The tag and content of the next element (one-byte tags only: the structures read
    /// here have no others).
    pub(crate) fn read_any(&mut self) -> Result<(u8, &'a [u8]), DerError> {
        let (tag, len, rest) = self.header()?;
        let (content, rest) = rest.split_at_checked(len).ok_or(DerError::Truncated)?;
        self.0 = rest;
        Ok((tag, content))
    }

    /// The tag and the declared content length of the next element, and what follows its
    /// header (which may end before the content does, in a truncated input).
    pub(crate) fn header(&self) -> Result<(u8, usize, &'a [u8]), DerError> {
        let [tag, first, rest @ ..] = self.0 else {
            return Err(DerError::Truncated);
        };
        if tag & 0x1f == 0x1f {
            return Err(DerError::UnexpectedTag);
        }
        let (len, rest) = match (*first, rest) {
            (len @ 0..0x80, rest) => (usize::from(len), rest),
            (0x80, _) => return Err(DerError::IndefiniteLength),
            (0x81, [len, rest @ ..]) => {
                if *len < 0x80 {
                    return Err(DerError::NonMinimalLength);
                }
                (usize::from(*len), rest)
            }
            (0x82, [hi, lo, rest @ ..]) => {
                if *hi == 0 {
                    return Err(DerError::NonMinimalLength);
                }
                (usize::from(*hi) << 8 | usize::from(*lo), rest)
            }
            (0x81 | 0x82, _) => return Err(DerError::Truncated),
            _ => return Err(DerError::LengthTooLarge),
        };
        Ok((*tag, len, rest))
    }

    /// The content of the next element, which must have tag `tag`.
    pub(crate) fn read(&mut self, tag: u8) -> Result<&'a [u8], DerError> {
        match self.read_any()? {
            (t, content) if t == tag => Ok(content),
            _ => Err(DerError::UnexpectedTag),
        }
    }

    /// Checks that nothing is left.
    pub(crate) fn finish(self) -> Result<(), DerError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DerError::TrailingBytes)
        }
    }

    /// The content of a positive INTEGER in minimal form.
    fn positive_integer(&mut self) -> Result<&'a [u8], DerError> {
        match self.read(INTEGER)? {
            [] => Err(DerError::EmptyInteger),
            [first, ..] if *first >= 0x80 => Err(DerError::NegativeInteger),
            [0, second, ..] if *second < 0x80 => Err(DerError::NonMinimalInteger),
            int => Ok(int),
        }
    }
}

/// The whole of `der` as one element with tag `tag`: its content.
pub(crate) fn whole(der: &[u8], tag: u8) -> Result<&[u8], DerError> {
    let mut r = Reader(der);
    let content = r.read(tag)?;
    r.finish()?;
    Ok(content)
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`: (n, e).
pub(crate) fn pkcs1(der: &[u8]) -> Result<(&[u8], &[u8]), DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    let n = seq.positive_integer()?;
    let e = seq.positive_integer()?;
    seq.finish()?;
    Ok((n, e))
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey
/// BIT STRING }`: whether the algorithm is rsaEncryption (with NULL or absent parameters,
/// RFC 3279 §2.3.1), and the key's bytes.
pub(crate) fn spki(der: &[u8]) -> Result<(bool, &[u8]), DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    let mut algorithm = Reader(seq.read(SEQUENCE)?);
    let is_rsa = algorithm_oid(&mut algorithm)? == RSA_ENCRYPTION;
    // Parameters: optional, one element; for rsaEncryption, NULL.
    if !algorithm.0.is_empty() {
        match algorithm.read_any()? {
            (NULL, []) => {}
            _ if is_rsa => return Err(DerError::BadParameters),
            _ => {}
        }
    }
    algorithm.finish()?;
    let key = subject_public_key(seq)?;
    Ok((is_rsa, key))
}

/// The pieces of a `SubjectPublicKeyInfo`, borrowed from its DER.
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpkiParts<'a> {
    /// The content of the algorithm's OBJECT IDENTIFIER.
    pub(crate) algorithm: &'a [u8],
    /// The algorithm's parameters, if any: one element's tag and content.
    pub(crate) parameters: Option<(u8, &'a [u8])>,
    /// The `subjectPublicKey` bits (whole bytes).
    pub(crate) key: &'a [u8],
}

/// The tag of an OBJECT IDENTIFIER, for callers matching SPKI parameters.
#[cfg(any(feature = "es256", feature = "es384"))]
pub(crate) const OID_TAG: u8 = OID;

/// Reads a `SubjectPublicKeyInfo` of any algorithm, as [`spki`] does (a well-formed OID, at
/// most one parameters element, a BIT STRING of whole bytes, nothing after), leaving the
/// parameters to the caller. (Apart from [`spki`], whose RSA build stays as small as it was.)
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub(crate) fn spki_parts(der: &[u8]) -> Result<SpkiParts<'_>, DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    let mut algorithm = Reader(seq.read(SEQUENCE)?);
    let oid = algorithm_oid(&mut algorithm)?;
    let parameters = if algorithm.0.is_empty() {
        None
    } else {
        Some(algorithm.read_any()?)
    };
    algorithm.finish()?;
    Ok(SpkiParts {
        algorithm: oid,
        parameters,
        key: subject_public_key(seq)?,
    })
}

/// The AlgorithmIdentifier's OID content, checked to be well-formed: content, the last byte
/// ending a subidentifier, none starting with 0x80.
#[inline(always)]
pub(crate) fn algorithm_oid<'a>(algorithm: &mut Reader<'a>) -> Result<&'a [u8], DerError> {
    let oid = algorithm.read(OID)?;
    let padded =
        oid.first() == Some(&0x80) || oid.windows(2).any(|w| matches!(w, [a, 0x80] if *a < 0x80));
    if oid.last().is_none_or(|&b| b >= 0x80) || padded {
        return Err(DerError::BadOid);
    }
    Ok(oid)
}

/// The SPKI's last element, the key's BIT STRING of whole bytes, and nothing after it.
#[inline(always)]
fn subject_public_key(mut seq: Reader<'_>) -> Result<&[u8], DerError> {
    let key = match seq.read(BIT_STRING)? {
        [0, key @ ..] => key,
        _ => return Err(DerError::BitString),
    };
    seq.finish()?;
    Ok(key)
}

/// The DER of a PEM `PUBLIC KEY` block no longer than `buf`, decoded into it, for the
/// keys whose SPKI has a fixed, small size (EC and Ed25519; their callers' buffers have
/// [`PEM_DER_MAX`] bytes all the same, so that an RSA key up to 4096 bits is read and named
/// as another key type). Errors: [`KeyError::Pem`], [`KeyError::PemLabel`] for another
/// label, [`KeyError::Der`] for a body larger than `buf`.
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub(crate) fn pem_spki<'b>(pem: &[u8], buf: &'b mut [u8]) -> Result<&'b [u8], KeyError> {
    let (label, body) = pem_parts(pem).ok_or(KeyError::Pem)?;
    if label != LABEL_SPKI {
        return Err(KeyError::PemLabel);
    }
    let (len, fits) = pem_decode(body, buf).ok_or(KeyError::Pem)?;
    if !fits {
        return Err(KeyError::Der);
    }
    buf.get(..len).ok_or(KeyError::Pem)
}

/// The size in bits of the modulus of the RSA key whose DER (`total` bytes, an SPKI when
/// `spki`, else PKCS#1) begins with `prefix`, read from the element headers alone: for a key
/// too large to be decoded whole, so that it is refused for its size rather than as
/// malformed. `None` unless the prefix starts as such a key does, with an outer length of
/// exactly `total` and a positive modulus.
pub(super) fn modulus_bits_of_prefix(prefix: &[u8], total: usize, spki: bool) -> Option<usize> {
    let (tag, len, mut rest) = Reader(prefix).header().ok()?;
    let header = prefix.len().checked_sub(rest.len())?;
    if tag != SEQUENCE || header.checked_add(len)? != total {
        return None;
    }
    if spki {
        let mut r = Reader(rest);
        let mut algorithm = Reader(r.read(SEQUENCE).ok()?);
        if algorithm.read(OID).ok()? != RSA_ENCRYPTION {
            return None;
        }
        let (tag, _, bits) = r.header().ok()?;
        let (tag_inner, _, key) = match (tag, bits) {
            (BIT_STRING, [0, key @ ..]) => Reader(key).header().ok()?,
            _ => return None,
        };
        if tag_inner != SEQUENCE {
            return None;
        }
        rest = key;
    }
    let (tag, len, n) = Reader(rest).header().ok()?;
    let (len, first) = match n {
        [0, second, ..] if tag == INTEGER && *second >= 0x80 => (len.checked_sub(1)?, *second),
        [first, ..] if tag == INTEGER && (1..0x80).contains(first) => (len, *first),
        _ => return None,
    };
    len.checked_mul(8)?
        .checked_sub(first.leading_zeros() as usize)
}

/// Splits a PEM document into its label and the base64 text between the boundaries (RFC
/// 7468 §3, strict). White space around the document is ignored, text before the
/// `-----BEGIN` line too (but not a NUL in it); nothing may follow the `-----END` line.
pub(crate) fn pem_parts(pem: &[u8]) -> Option<(&[u8], &[u8])> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let pem = pem.trim_ascii();
    let mut at = 0;
    let rest = loop {
        let rest = pem.get(at..)?;
        let line_start = at == 0 || pem.get(at - 1) == Some(&b'\n');
        if let Some(after) = rest.strip_prefix(BEGIN)
            && line_start
        {
            break after;
        }
        if rest.first() == Some(&0) {
            return None;
        }
        at += 1;
    };
    let label_len = rest.iter().position(|&b| b == b'-')?;
    let (label, rest) = rest.split_at_checked(label_len)?;
    // Labels: printable characters but '-', and single spaces or tabs, not first (RFC 7468
    // §2, as leniently as `pem-rfc7468` read them: a trailing one passes).
    let mut after_space = true;
    let bad_label = label.iter().any(|&b| {
        let space = b == b' ' || b == b'\t';
        let bad = if space {
            after_space
        } else {
            !matches!(b, 0x21..=0x2c | 0x2e..=0x7e)
        };
        after_space = space;
        bad
    });
    if bad_label {
        return None;
    }
    let body = strip_eol(rest.strip_prefix(b"-----")?)?;
    // The end boundary, preceded by a line end, with the same label.
    let body = body.strip_suffix(b"-----")?.strip_suffix(label)?;
    let body = body.strip_suffix(b"-----END ")?;
    let body = strip_eol_end(body)?;
    // One blank line before the end boundary is tolerated, as it always was.
    Some((label, strip_eol_end(body).unwrap_or(body)))
}

/// `s` without the line end (CRLF, LF or CR) it must start with.
fn strip_eol(s: &[u8]) -> Option<&[u8]> {
    match s {
        [b'\r', b'\n', rest @ ..] | [b'\n' | b'\r', rest @ ..] => Some(rest),
        _ => None,
    }
}

/// `s` without the line end (CRLF, LF or CR) it must end with.
fn strip_eol_end(s: &[u8]) -> Option<&[u8]> {
    match s {
        [head @ .., b'\r', b'\n'] | [head @ .., b'\n' | b'\r'] => Some(head),
        _ => None,
    }
}

/// Decodes PEM's base64 text: lines of exactly 64 characters but the last (1 to 64,
/// padded), into the front of `buf`.
#[cfg(test)]
pub(super) fn pem_body<'b>(body: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let (len, fits) = pem_decode(body, buf)?;
    buf.get(..len).filter(|_| fits)
}

/// Decodes PEM's base64 text (as [`pem_body`]) into the front of `buf`, as much as fits:
/// the decoded length, and whether it all fit. `None` for text that is not PEM's base64.
pub(crate) fn pem_decode(body: &[u8], buf: &mut [u8]) -> Option<(usize, bool)> {
    let mut rest = body;
    let mut len = 0usize;
    // Wiped on every way out: for a private key (keys/ec_sign.rs) a line is secret.
    let mut line_bytes = zeroize::Zeroizing::new([0u8; 48]);
    loop {
        let end = rest.iter().position(|&b| b == b'\r' || b == b'\n');
        let (line, after) = rest.split_at_checked(end.unwrap_or(rest.len()))?;
        // The last line: 1 to 64 characters, padded. Padding ends the text: a full line
        // before the last has none. (One padded decoder for every line, rather than an
        // unpadded one linked for these.)
        let last = end.is_none();
        if (last && line.is_empty())
            || line.len() > 64
            || !last && (line.len() != 64 || line.contains(&b'='))
        {
            return None;
        }
        let bytes = Base64::decode(line, &mut line_bytes[..]).ok()?;
        let room = buf.get_mut(len.min(buf.len())..).unwrap_or_default();
        let n = room.len().min(bytes.len());
        if let (Some(to), Some(from)) = (room.get_mut(..n), bytes.get(..n)) {
            to.copy_from_slice(from);
        }
        len = len.checked_add(bytes.len())?;
        if last {
            return Some((len, len <= buf.len()));
        }
        rest = strip_eol(after)?;
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::{format, vec, vec::Vec};

    /// SEQUENCE { INTEGER n, INTEGER 65537 } around the given modulus content.
    fn pkcs1_of(n: &[u8]) -> Vec<u8> {
        let mut ints = vec![INTEGER];
        push_len(&mut ints, n.len());
        ints.extend_from_slice(n);
        ints.extend_from_slice(&[INTEGER, 3, 1, 0, 1]);
        let mut out = vec![SEQUENCE];
        push_len(&mut out, ints.len());
        out.extend(ints);
        out
    }

    fn push_len(out: &mut Vec<u8>, len: usize) {
        match len {
            0..0x80 => out.push(len as u8),
            0x80..0x100 => out.extend_from_slice(&[0x81, len as u8]),
            _ => out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]),
        }
    }

    #[test]
    fn pkcs1_reads_n_and_e() {
        let der = pkcs1_of(&[0x00, 0x80, 0x01]);
        assert_eq!(pkcs1(&der), Ok((&[0x00, 0x80, 0x01][..], &[1, 0, 1][..])));
        let long = [0x5a; 300];
        let der = pkcs1_of(&long);
        assert_eq!(&der[..4], &[0x30, 0x82, 0x01, 0x35]);
        assert_eq!(pkcs1(&der), Ok((&long[..], &[1, 0, 1][..])));
        let der = pkcs1_of(&[0x5a; 0x90]);
        assert_eq!(&der[..5], &[0x30, 0x81, 0x98, 0x02, 0x81]);
        assert!(pkcs1(&der).is_ok());
    }

    /// Each malformation gets its own error.
    #[test]
    fn der_errors_are_specific() {
        use DerError::*;
        for (what, der, want) in [
            ("empty", &[][..], Truncated),
            ("tag only", &[0x30], Truncated),
            ("short value", &[0x30, 0x03, 0x02, 0x01], Truncated),
            ("long form, no length", &[0x30, 0x81], Truncated),
            ("long form, half a length", &[0x30, 0x82, 0x01], Truncated),
            ("not a SEQUENCE", &[0x31, 0x00], UnexpectedTag),
            ("multi-byte tag", &[0x3f, 0x10, 0x00], UnexpectedTag),
            ("indefinite", &[0x30, 0x80, 0x00, 0x00], IndefiniteLength),
            (
                "0x81 for a short length",
                &[0x30, 0x81, 0x06, 2, 1, 5, 2, 1, 3],
                NonMinimalLength,
            ),
            (
                "0x82 with a zero byte",
                &[0x30, 0x82, 0x00, 0x06, 2, 1, 5, 2, 1, 3],
                NonMinimalLength,
            ),
            (
                "three length bytes",
                &[0x30, 0x83, 0x00, 0x00, 0x06],
                LengthTooLarge,
            ),
            (
                "trailing byte",
                &[0x30, 0x06, 2, 1, 5, 2, 1, 3, 0],
                TrailingBytes,
            ),
            (
                "trailing inside",
                &[0x30, 0x07, 2, 1, 5, 2, 1, 3, 0],
                TrailingBytes,
            ),
            ("one INTEGER", &[0x30, 0x03, 2, 1, 5], Truncated),
            (
                "OCTET STRING for INTEGER",
                &[0x30, 0x06, 4, 1, 5, 2, 1, 3],
                UnexpectedTag,
            ),
            ("empty INTEGER", &[0x30, 0x05, 2, 0, 2, 1, 3], EmptyInteger),
            (
                "negative",
                &[0x30, 0x06, 2, 1, 0xff, 2, 1, 3],
                NegativeInteger,
            ),
            (
                "negative e",
                &[0x30, 0x06, 2, 1, 5, 2, 1, 0x83],
                NegativeInteger,
            ),
            (
                "padded",
                &[0x30, 0x07, 2, 2, 0, 5, 2, 1, 3],
                NonMinimalInteger,
            ),
        ] {
            assert_eq!(pkcs1(der), Err(want), "{what}");
        }
        // Zero is one zero byte, and a high bit needs its zero byte.
        assert!(pkcs1(&[0x30, 0x06, 2, 1, 0, 2, 1, 3]).is_ok());
        assert!(pkcs1(&[0x30, 0x07, 2, 2, 0, 0x80, 2, 1, 3]).is_ok());
    }

    /// An SPKI around `alg` (the AlgorithmIdentifier's content) and `bits` (the BIT STRING's).
    fn spki_of(alg: &[u8], bits: &[u8]) -> Vec<u8> {
        let mut inner = vec![SEQUENCE, alg.len() as u8];
        inner.extend_from_slice(alg);
        inner.extend_from_slice(&[BIT_STRING, bits.len() as u8]);
        inner.extend_from_slice(bits);
        let mut out = vec![SEQUENCE, inner.len() as u8];
        out.extend(inner);
        out
    }

    #[test]
    fn spki_errors_are_specific() {
        let rsa_oid = [&[OID, 9][..], RSA_ENCRYPTION].concat();
        let with_null = [&rsa_oid[..], &[NULL, 0]].concat();
        let key = [0u8, 0x30, 0x06, 2, 1, 5, 2, 1, 3];
        assert_eq!(spki(&spki_of(&with_null, &key)), Ok((true, &key[1..])));
        assert_eq!(spki(&spki_of(&rsa_oid, &key)), Ok((true, &key[1..])));
        // id-ecPublicKey (1.2.840.10045.2.1) with a curve OID as parameters.
        let ec = [
            OID, 7, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, OID, 1, 0x2a,
        ];
        assert_eq!(spki(&spki_of(&ec, &key)), Ok((false, &key[1..])));
        use DerError::*;
        for (what, alg, bits, want) in [
            (
                "OCTET STRING parameters",
                [&rsa_oid[..], &[4, 0]].concat(),
                key.to_vec(),
                BadParameters,
            ),
            (
                "NULL with content",
                [&rsa_oid[..], &[NULL, 1, 0]].concat(),
                key.to_vec(),
                BadParameters,
            ),
            (
                "two parameters",
                [&with_null[..], &[NULL, 0]].concat(),
                key.to_vec(),
                TrailingBytes,
            ),
            ("no OID", vec![NULL, 0], key.to_vec(), UnexpectedTag),
            ("empty OID", vec![OID, 0], key.to_vec(), BadOid),
            (
                "unfinished OID",
                vec![OID, 2, 0x2a, 0x86],
                key.to_vec(),
                BadOid,
            ),
            (
                "padded OID",
                vec![OID, 3, 0x2a, 0x80, 0x01],
                key.to_vec(),
                BadOid,
            ),
            (
                "unused bits",
                with_null.clone(),
                [&[1u8][..], &key[1..]].concat(),
                BitString,
            ),
            ("empty BIT STRING", with_null.clone(), vec![], BitString),
        ] {
            assert_eq!(spki(&spki_of(&alg, &bits)), Err(want), "{what}");
        }
        let mut trailing = spki_of(&with_null, &key);
        trailing[1] += 1;
        trailing.push(0);
        assert_eq!(spki(&trailing), Err(TrailingBytes));
    }

    #[test]
    fn pem_grammar() {
        let line = [b'A'; 64];
        let doc =
            |body: &str| format!("-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----");
        let full = core::str::from_utf8(&line).unwrap();
        let mut buf = [0u8; 200];
        for (body, len) in [("AAAA", 3), ("AA==", 1), ("AAA=", 2)] {
            let d = doc(body);
            let (label, text) = pem_parts(d.as_bytes()).unwrap();
            assert_eq!(label, b"PUBLIC KEY");
            assert_eq!(
                pem_body(text, &mut buf).map(<[u8]>::len),
                Some(len),
                "{body}"
            );
        }
        let two = doc(&format!("{full}\r\n{full}"));
        let (_, text) = pem_parts(two.as_bytes()).unwrap();
        assert_eq!(pem_body(text, &mut buf).map(<[u8]>::len), Some(96));
        assert_eq!(pem_body(text, &mut buf[..95]), None, "too small a buffer");
        for bad in [
            doc(""),
            doc("AA"),
            doc(&format!("{full}A")),
            doc(&format!("AAAA\n{full}")),
            doc(&format!("{full}\n\n{full}")),
            doc(&format!("AA==\n{full}")),
            doc(&format!("{}==\n{full}", &full[..62])),
            doc("Proc-Type: 4,ENCRYPTED\n\nAAAA"),
        ] {
            let ok = pem_parts(bad.as_bytes()).and_then(|(_, t)| pem_body(t, &mut buf));
            assert_eq!(ok, None, "{bad:?}");
        }
        for bad in [
            "-----BEGIN PUBLIC KEY-----AAAA\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nAAAA-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY----",
            "-----BEGIN  PUBLIC KEY-----\nAAAA\n-----END  PUBLIC KEY-----",
            "-----BEGIN PUBLIC \tKEY-----\nAAAA\n-----END PUBLIC \tKEY-----",
            "-----BEGIN \tPUBLIC KEY-----\nAAAA\n-----END \tPUBLIC KEY-----",
            "text\0\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            "text -----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        ] {
            assert_eq!(pem_parts(bad.as_bytes()), None, "{bad:?}");
        }
        let ok = "pre\r\n-----BEGIN X509 CRL-----\r\nAAAA\r\n-----END X509 CRL-----\r\n";
        assert_eq!(
            pem_parts(ok.as_bytes()),
            Some((&b"X509 CRL"[..], &b"AAAA"[..]))
        );
        // Tabs and a trailing space pass the grammar (the label is then no key's).
        let odd = "-----BEGIN PUBLIC\tKEY -----\nAAAA\n-----END PUBLIC\tKEY -----";
        assert_eq!(
            pem_parts(odd.as_bytes()),
            Some((&b"PUBLIC\tKEY "[..], &b"AAAA"[..]))
        );
    }
}
