//! Strict DER readers for elliptic-curve private keys: SEC 1 `ECPrivateKey` (RFC 5915 §3)
//! and PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208 §5, RFC 5958 §2) around it,
//! on the same element reader as the public-key structures (keys/rsa/der_pem.rs), so that
//! signing adds no DER crate to a build. They only find the pieces; the caller checks the
//! curve and the scalar.

use crate::keys::rsa::der_pem::{BIT_STRING, DerError, INTEGER, OID_TAG, Reader, SEQUENCE, whole};

const OCTET_STRING: u8 = 0x04;
/// `[0]` constructed, explicit: SEC 1's parameters, PKCS#8's attributes (a SET, implicit).
const CONTEXT_0: u8 = 0xa0;
/// `[1]` constructed, explicit: SEC 1's public key.
const CONTEXT_1: u8 = 0xa1;
/// `[1]` primitive, implicit: PKCS#8 v2's public key BIT STRING.
const CONTEXT_1_PRIMITIVE: u8 = 0x81;

/// One DER element: its tag and content.
type Element<'a> = (u8, &'a [u8]);

/// The pieces of an `ECPrivateKey`, borrowed from its DER.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EcPrivateParts<'a> {
    /// The private key octets (the scalar, big-endian, the group order's length).
    pub(crate) scalar: &'a [u8],
    /// The named curve's OID content, when the key names one.
    pub(crate) curve: Option<&'a [u8]>,
    /// The public point (the BIT STRING's whole bytes), when the key carries one.
    pub(crate) public: Option<&'a [u8]>,
}

/// The pieces of a PKCS#8 private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pkcs8Parts<'a> {
    /// The content of the algorithm's OBJECT IDENTIFIER.
    pub(crate) algorithm: &'a [u8],
    /// The algorithm's parameters, if any: one element's tag and content.
    pub(crate) parameters: Option<Element<'a>>,
    /// The `privateKey` OCTET STRING's content (for EC keys, an `ECPrivateKey`).
    pub(crate) private_key: &'a [u8],
}

/// `ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET
/// STRING, parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }`.
pub(crate) fn sec1(der: &[u8]) -> Result<EcPrivateParts<'_>, DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    if seq.read(INTEGER)? != [1] {
        return Err(DerError::UnexpectedTag);
    }
    let scalar = seq.read(OCTET_STRING)?;
    let mut curve = None;
    let mut public = None;
    let mut last = 0u8;
    while !seq.0.is_empty() {
        let (tag, content) = seq.read_any()?;
        // Each optional element at most once, in order.
        match tag {
            CONTEXT_0 if last < CONTEXT_0 => curve = Some(whole(content, OID_TAG)?),
            CONTEXT_1 if last < CONTEXT_1 => {
                public = Some(bit_string(whole(content, BIT_STRING)?)?)
            }
            _ => return Err(DerError::UnexpectedTag),
        }
        last = tag;
    }
    Ok(EcPrivateParts {
        scalar,
        curve,
        public,
    })
}

/// `PrivateKeyInfo ::= SEQUENCE { version INTEGER (0, or 1 for RFC 5958's v2),
/// privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, attributes [0]
/// IMPLICIT SET OPTIONAL, publicKey [1] IMPLICIT BIT STRING OPTIONAL (v2 only) }`. The
/// attributes and the outer public key are read past, not used: the inner key carries its
/// own public point where it has one.
pub(crate) fn pkcs8(der: &[u8]) -> Result<Pkcs8Parts<'_>, DerError> {
    let mut seq = Reader(whole(der, SEQUENCE)?);
    let (v2, algorithm, parameters) = pkcs8_head(&mut seq)?;
    let private_key = seq.read(OCTET_STRING)?;
    let mut last = 0u8;
    while !seq.0.is_empty() {
        let (tag, content) = seq.read_any()?;
        match tag {
            CONTEXT_0 if last < CONTEXT_0 => {}
            CONTEXT_1_PRIMITIVE if last < CONTEXT_1_PRIMITIVE && v2 => {
                bit_string(content)?;
            }
            _ => return Err(DerError::UnexpectedTag),
        }
        last = tag;
    }
    Ok(Pkcs8Parts {
        algorithm,
        parameters,
        private_key,
    })
}

/// The version (whether v2) and the AlgorithmIdentifier at the front of a PKCS#8 key's
/// SEQUENCE content.
fn pkcs8_head<'a>(seq: &mut Reader<'a>) -> Result<(bool, &'a [u8], Option<Element<'a>>), DerError> {
    let v2 = match seq.read(INTEGER)? {
        [0] => false,
        [1] => true,
        _ => return Err(DerError::UnexpectedTag),
    };
    let mut algorithm = Reader(seq.read(SEQUENCE)?);
    let oid = crate::keys::rsa::der_pem::algorithm_oid(&mut algorithm)?;
    let parameters = if algorithm.0.is_empty() {
        None
    } else {
        Some(algorithm.read_any()?)
    };
    algorithm.finish()?;
    Ok((v2, oid, parameters))
}

/// The algorithm OID of a PKCS#8 key of which only the front is at hand (one too large to
/// decode whole, an RSA key given where an EC key is expected): so that it is refused for
/// its type rather than as malformed.
pub(crate) fn pkcs8_algorithm_of_prefix(prefix: &[u8]) -> Option<&[u8]> {
    let (tag, _, rest) = Reader(prefix).header().ok()?;
    if tag != SEQUENCE {
        return None;
    }
    pkcs8_head(&mut Reader(rest)).ok().map(|(_, oid, _)| oid)
}

/// A BIT STRING's content as whole bytes (no unused bits), without its leading count.
fn bit_string(content: &[u8]) -> Result<&[u8], DerError> {
    match content {
        [0, bytes @ ..] => Ok(bytes),
        _ => Err(DerError::BitString),
    }
}
