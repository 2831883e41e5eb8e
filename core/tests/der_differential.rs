//! The strict DER and PEM readers of RSA public keys (`keys/rsa/der_pem.rs`) against the
//! general-purpose RustCrypto decoders (`der`, `spki`, `pkcs1`, `pem-rfc7468`): on valid
//! keys and on thousands of mutations of them (bytes changed, inserted, deleted; truncations;
//! PEM characters changed), both must give the same key or the same error.
//!
//! The reference below is the key loader written on those crates (measured, and not kept:
//! BENCHMARKS.md, "Dependencies: base64 and key encodings"). One difference is allowed, over an algorithm OID that is not rsaEncryption:
//! [`KeyError::NotRsa`] on one side and [`KeyError::Der`] on the other. The two disagree
//! on what a well-formed OID is: the strict reader refuses a subidentifier padded with a
//! leading 0x80 byte (X.690 §8.19.2), which `const-oid` accepts, and checks no arc sizes,
//! where `const-oid` refuses arcs over 2^32 − 1. Either way the key is refused.

mod rsa_support;

use authcore::{Algorithm, Error, KeyError, RsaPublicKey};
use der::Decode;
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::EncodePublicKey;
use rsa_support::*;

const RS256: Algorithm = Algorithm::RS256;

fn reference_spki(der: &[u8]) -> Result<RsaPublicKey, Error> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(|_| KeyError::Der)?;
    if spki.algorithm.oid != pkcs1::ALGORITHM_OID {
        return Err(KeyError::NotRsa.into());
    }
    if spki.algorithm.parameters.is_some_and(|p| !p.is_null()) {
        return Err(KeyError::Der.into());
    }
    let pkcs1 = spki.subject_public_key.as_bytes().ok_or(KeyError::Der)?;
    reference_pkcs1(pkcs1)
}

fn reference_pkcs1(der: &[u8]) -> Result<RsaPublicKey, Error> {
    let key = pkcs1::RsaPublicKeyRef::from_der(der).map_err(|_| KeyError::Der)?;
    RsaPublicKey::from_components(
        RS256,
        key.modulus.as_bytes(),
        key.public_exponent.as_bytes(),
    )
}

fn reference_pem(pem: &[u8]) -> Result<RsaPublicKey, Error> {
    let pem = pem.trim_ascii();
    let label = pem_rfc7468::decode_label(pem).map_err(|_| KeyError::Pem)?;
    if label != "PUBLIC KEY" && label != "RSA PUBLIC KEY" {
        return Err(KeyError::PemLabel.into());
    }
    let mut buf = [0u8; 1100];
    let (label, der) = pem_rfc7468::decode(pem, &mut buf).map_err(|_| KeyError::Pem)?;
    match label {
        "PUBLIC KEY" => reference_spki(der),
        _ => reference_pkcs1(der),
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every single-byte mutation worth trying at each position, every truncation, and random
/// multi-byte mutations.
fn mutations(valid: &[u8], specials: &[u8], rng: &mut Rng, random: usize) -> Vec<Vec<u8>> {
    let mut out = vec![valid.to_vec()];
    for at in 0..valid.len() {
        out.push(valid[..at].to_vec());
        let mut deleted = valid.to_vec();
        deleted.remove(at);
        out.push(deleted);
        for &b in specials.iter().chain(&[valid[at] ^ 0x01, valid[at] ^ 0x80]) {
            let mut changed = valid.to_vec();
            changed[at] = b;
            out.push(changed);
            let mut inserted = valid.to_vec();
            inserted.insert(at, b);
            out.push(inserted);
        }
    }
    for _ in 0..random {
        let mut m = valid.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(m.len());
            match rng.below(3) {
                0 => m[at] = rng.next() as u8,
                1 => m[at] = specials[rng.below(specials.len())],
                _ => {
                    m.remove(at);
                }
            }
        }
        out.push(m);
    }
    out
}

/// The same result, or both errors with only the allowed difference (see the top).
fn agree(new: &Result<RsaPublicKey, Error>, reference: &Result<RsaPublicKey, Error>) -> bool {
    new == reference
        || matches!(
            (new, reference),
            (
                Err(Error::Key(KeyError::NotRsa)),
                Err(Error::Key(KeyError::Der))
            ) | (
                Err(Error::Key(KeyError::Der)),
                Err(Error::Key(KeyError::NotRsa))
            )
        )
}

#[test]
fn der_readers_agree_with_the_der_crates() {
    let mut rng = Rng(0x5eed_0000_d1ff_0001);
    let der_specials = [
        0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x30, 0x7f, 0x80, 0x81, 0x82, 0x83, 0xff,
    ];
    let (mut checked, mut accepted, mut not_rsa) = (0, 0, 0);
    for bits in [2048, 4096] {
        let public = private_key(bits).to_public_key();
        let spki = public.to_public_key_der().unwrap().as_bytes().to_vec();
        let pkcs1 = public.to_pkcs1_der().unwrap().as_bytes().to_vec();
        // Only the first 40 bytes of each: the headers, lengths and the modulus' start are
        // where the structure is; mutations deeper inside the modulus are all alike.
        for (valid, spki_shaped) in [(&spki, true), (&pkcs1, false)] {
            let head = &valid[..40];
            let tail = &valid[40..];
            for m in mutations(head, &der_specials, &mut rng, 2000) {
                let input = [&m[..], tail].concat();
                let (new, reference) = if spki_shaped {
                    (
                        RsaPublicKey::from_public_key_der(RS256, &input),
                        reference_spki(&input),
                    )
                } else {
                    (
                        RsaPublicKey::from_pkcs1_der(RS256, &input),
                        reference_pkcs1(&input),
                    )
                };
                assert!(
                    agree(&new, &reference),
                    "{bits} bits, {}: {input:02x?}\n new {new:?}\n reference {reference:?}",
                    if spki_shaped { "SPKI" } else { "PKCS#1" },
                );
                checked += 1;
                accepted += usize::from(new.is_ok());
                not_rsa += usize::from(matches!(new, Err(Error::Key(KeyError::NotRsa))));
            }
        }
    }
    // The mutations reach both outcomes, and the other key type.
    assert!(checked > 10_000, "{checked}");
    assert!(accepted > 10, "{accepted}");
    assert!(not_rsa > 10, "{not_rsa}");
}

#[test]
fn pem_readers_agree_with_pem_rfc7468() {
    let mut rng = Rng(0x5eed_0000_9e70_0002);
    let pem_specials = *b"-\n\r\t =A/+:\0BEGINEND";
    let mut checked = 0;
    for (pem, cut) in [
        (spki_pem(2048).to_string(), 30),
        (pkcs1_pem(2048).to_string(), 34),
        (
            format!(
                "Explanatory text\r\n{}",
                pkcs1_pem(2048).replace('\n', "\r\n")
            ),
            60,
        ),
    ] {
        // Mutate the first line and a half and the last line and a half, where the
        // grammar is; the middle lines are base64 alike.
        let bytes = pem.as_bytes();
        let (head, rest) = bytes.split_at(cut + 80);
        let (middle, end) = rest.split_at(rest.len() - 100);
        for m in mutations(head, &pem_specials, &mut rng, 1000) {
            let input = [&m[..], middle, end].concat();
            let (new, reference) = (RsaPublicKey::from_pem(RS256, &input), reference_pem(&input));
            assert!(
                agree(&new, &reference),
                "{:?}\n new {new:?}\n reference {reference:?}",
                String::from_utf8_lossy(&input)
            );
            checked += 1;
        }
        for m in mutations(end, &pem_specials, &mut rng, 1000) {
            let input = [head, middle, &m[..]].concat();
            let (new, reference) = (RsaPublicKey::from_pem(RS256, &input), reference_pem(&input));
            assert!(
                agree(&new, &reference),
                "{:?}\n new {new:?}\n reference {reference:?}",
                String::from_utf8_lossy(&input)
            );
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}
