//! The strict DER and PEM readers of RSA public keys that `keys/rsa/encoding.rs` had before
//! it moved onto `der`/`spki`/`pkcs1`/`pem-rfc7468`, kept as the reference that
//! `der_differential.rs` holds those crates to: written for exactly these two structures
//! (definite, minimal lengths; minimal, positive INTEGERs; nothing after the end) and RFC
//! 7468's strict PEM grammar (64-character lines, no headers). Base64 here is the `base64`
//! crate's, so that the reference shares no code with what it checks.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};

/// The content of the rsaEncryption OID, 1.2.840.113549.1.1.1 (RFC 8017 Appendix A.1).
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;

/// Why DER was refused; every one is reported as [`KeyError::Der`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerError {
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

/// Reads DER elements off the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    /// The tag and content of the next element (one-byte tags only: the structures read
    /// here have no others).
    fn read_any(&mut self) -> Result<(u8, &'a [u8]), DerError> {
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
        let (content, rest) = rest.split_at_checked(len).ok_or(DerError::Truncated)?;
        self.0 = rest;
        Ok((*tag, content))
    }

    /// The content of the next element, which must have tag `tag`.
    fn read(&mut self, tag: u8) -> Result<&'a [u8], DerError> {
        match self.read_any()? {
            (t, content) if t == tag => Ok(content),
            _ => Err(DerError::UnexpectedTag),
        }
    }

    /// Checks that nothing is left.
    fn finish(self) -> Result<(), DerError> {
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
fn whole(der: &[u8], tag: u8) -> Result<&[u8], DerError> {
    let mut r = Reader(der);
    let content = r.read(tag)?;
    r.finish()?;
    Ok(content)
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`: (n, e).
pub fn pkcs1(der: &[u8]) -> Result<(&[u8], &[u8]), DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    let n = seq.positive_integer()?;
    let e = seq.positive_integer()?;
    seq.finish()?;
    Ok((n, e))
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey
/// BIT STRING }`: whether the algorithm is rsaEncryption (with NULL or absent parameters,
/// RFC 3279 §2.3.1), and the key's bytes.
pub fn spki(der: &[u8]) -> Result<(bool, &[u8]), DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    let mut algorithm = Reader(seq.read(SEQUENCE)?);
    let oid = algorithm.read(OID)?;
    // Well-formed: content, the last byte ending a subidentifier, none starting with 0x80.
    let padded =
        oid.first() == Some(&0x80) || oid.windows(2).any(|w| matches!(w, [a, 0x80] if *a < 0x80));
    if oid.last().is_none_or(|&b| b >= 0x80) || padded {
        return Err(DerError::BadOid);
    }
    let is_rsa = oid == RSA_ENCRYPTION;
    // Parameters: optional, one element; for rsaEncryption, NULL.
    if !algorithm.0.is_empty() {
        match algorithm.read_any()? {
            (NULL, []) => {}
            _ if is_rsa => return Err(DerError::BadParameters),
            _ => {}
        }
    }
    algorithm.finish()?;
    let key = match seq.read(BIT_STRING)? {
        [0, key @ ..] => key,
        _ => return Err(DerError::BitString),
    };
    seq.finish()?;
    Ok((is_rsa, key))
}

/// Splits a PEM document into its label and the base64 text between the boundaries (RFC
/// 7468 §3, strict). White space around the document is ignored, text before the
/// `-----BEGIN` line too (but not a NUL in it); nothing may follow the `-----END` line.
pub fn pem_parts(pem: &[u8]) -> Option<(&[u8], &[u8])> {
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
pub fn pem_body<'b>(body: &[u8], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut rest = body;
    let mut len = 0;
    loop {
        let end = rest.iter().position(|&b| b == b'\r' || b == b'\n');
        let (line, after) = rest.split_at_checked(end.unwrap_or(rest.len()))?;
        let out = buf.get_mut(len..)?;
        if end.is_none() {
            // The last line: 1 to 64 characters, padded.
            if line.is_empty() || line.len() > 64 {
                return None;
            }
            len += STANDARD.decode_slice(line, out).ok()?;
            return buf.get(..len);
        }
        if line.len() != 64 {
            return None;
        }
        // Unpadded, canonical: a full line is 48 bytes, no padding.
        len += STANDARD_NO_PAD.decode_slice(line, out).ok()?;
        rest = strip_eol(after)?;
    }
}
