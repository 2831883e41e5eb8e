//! EMSA-PSS verification (RFC 8017 §9.1.2) for PS256, PS384 and PS512 (RFC 7518 §3.5):
//! MGF1 with the message's hash, a salt as long as the hash.
//!
//! The encoded message is read byte by byte from the result of s^e mod n, the mask is made
//! one hash block at a time as the bytes are reached, and M' is hashed as the salt comes
//! out of the unmasked data block: no buffer of the modulus's size beyond the limbs the
//! exponentiation already has.

use crypto_bigint::Limb;
use sha2::Digest;

use super::monty;
use crate::algorithm::Algorithm;
use crate::keys::Sha256;

/// Whether `m` (the `k`-byte result of s^e mod n, for a modulus of `mod_bits` bits) is a
/// valid EMSA-PSS encoding of a message whose hash is `m_hash`, with `algorithm`'s hash.
pub(super) fn matches(
    algorithm: Algorithm,
    m: &[Limb],
    k: usize,
    mod_bits: usize,
    m_hash: &[u8],
) -> bool {
    match algorithm {
        Algorithm::PS384 => emsa_pss_verify::<sha2::Sha384>(m, k, mod_bits, m_hash),
        Algorithm::PS512 => emsa_pss_verify::<sha2::Sha512>(m, k, mod_bits, m_hash),
        _ => emsa_pss_verify::<Sha256>(m, k, mod_bits, m_hash),
    }
}

/// RFC 8017 §9.1.2 with hash `D`, MGF1 over `D` and a salt of `D`'s output length.
fn emsa_pss_verify<D: Digest>(m: &[Limb], k: usize, mod_bits: usize, m_hash: &[u8]) -> bool {
    let h_len = <D as Digest>::output_size();
    let s_len = h_len;
    // emBits = modBits − 1: EM is the low emLen bytes of the k the result has, and the
    // bytes above must be zero (one, when modBits − 1 is a multiple of 8).
    let Some(em_bits) = mod_bits.checked_sub(1) else {
        return false;
    };
    let em_len = em_bits.div_ceil(8);
    let Some(skip) = k.checked_sub(em_len) else {
        return false;
    };
    if m_hash.len() != h_len || em_len < h_len + s_len + 2 {
        return false;
    }
    let byte = |p: usize| monty::byte_be(m, k, skip + p);
    if (0..skip).any(|p| monty::byte_be(m, k, p) != 0) || byte(em_len - 1) != 0xbc {
        return false;
    }
    let db_len = em_len - h_len - 1;
    // The top 8·emLen − emBits bits of EM must be zero.
    let top_bits = 8 * em_len - em_bits;
    let top_mask = (0xffu16 << (8 - top_bits)) as u8;
    if byte(0) & top_mask != 0 {
        return false;
    }
    // H, the last hash-length bytes before 0xbc.
    let mut h = [0u8; 64];
    let Some(h) = h.get_mut(..h_len) else {
        return false;
    };
    for (i, b) in h.iter_mut().enumerate() {
        *b = byte(db_len + i);
    }
    // DB = maskedDB ⊕ MGF1(H): PS (zeros), 0x01, then the salt, which goes into M'.
    let ps_end = db_len - s_len - 1;
    let mut m_prime = D::new();
    m_prime.update([0u8; 8]);
    m_prime.update(m_hash);
    let mut mask = [0u8; 64];
    let mut ok = true;
    for i in 0..db_len {
        let in_block = i % h_len;
        if in_block == 0 {
            let counter = (i / h_len) as u32;
            let mut g = D::new();
            g.update(&*h);
            g.update(counter.to_be_bytes());
            let out = g.finalize();
            for (to, from) in mask.iter_mut().zip(out.iter()) {
                *to = *from;
            }
        }
        let mut b = byte(i) ^ mask.get(in_block).copied().unwrap_or(0);
        if i == 0 {
            b &= !top_mask;
        }
        if i < ps_end {
            ok &= b == 0;
        } else if i == ps_end {
            ok &= b == 0x01;
        } else {
            m_prime.update([b]);
        }
    }
    ok && m_prime.finalize().as_slice() == &*h
}
