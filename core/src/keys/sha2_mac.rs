//! HMAC-SHA-256/384/512 (RFC 2104) over `sha2`'s block functions.
//!
//! Why not the `hmac` crate: its keyed state carries block buffers and generic wrappers,
//! and cloning and finalizing it took about 1 KiB of stack per verification. Here the key
//! keeps just the two hash states after the ipad and opad blocks (64 or 128 bytes), the
//! message is hashed in place block by block (no copy of the token), and only the last one
//! or two padded blocks are assembled on the stack. The states are zeroized on drop, and
//! the working copies when a MAC is done.

// Where the CPU may have SHA or wide vector instructions, `sha2` detects and uses them;
// elsewhere (microcontrollers) our own portable SHA-256 is both smaller and faster.
#[cfg(not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")))]
use super::sha256_soft::compress256;
#[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
use sha2::block_api::compress256;
use sha2::block_api::compress512;
use zeroize::Zeroize;

/// SHA-256 initial hash value (FIPS 180-4 §5.3.3).
const IV_256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
/// SHA-384 initial hash value (FIPS 180-4 §5.3.4).
const IV_384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
/// SHA-512 initial hash value (FIPS 180-4 §5.3.5).
const IV_512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// One member of the SHA-2 family: its block function and sizes.
trait Sha2 {
    type Word: Copy + Zeroize;
    /// One block of bytes: room for the final padding.
    type Tail: AsMut<[u8]>;
    /// A zeroed tail.
    const TAIL: Self::Tail;
    /// Block size in bytes.
    const BLOCK: usize;
    /// Bytes of the message-length field in the padding.
    const LEN_FIELD: usize;
    /// Hashes whole blocks (`data.len()` a multiple of `BLOCK`).
    fn compress(state: &mut [Self::Word; 8], data: &[u8]);
    /// Writes the first `out.len()` bytes of the big-endian state.
    fn output(state: &[Self::Word; 8], out: &mut [u8]);
}

struct Sha256;
struct Sha512;

impl Sha2 for Sha256 {
    type Word = u32;
    type Tail = [u8; 64];
    const TAIL: [u8; 64] = [0; 64];
    const BLOCK: usize = 64;
    const LEN_FIELD: usize = 8;

    fn compress(state: &mut [u32; 8], data: &[u8]) {
        compress256(state, data.as_chunks::<64>().0);
    }

    fn output(state: &[u32; 8], out: &mut [u8]) {
        for (chunk, word) in out.chunks_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes()[..chunk.len()]);
        }
    }
}

impl Sha2 for Sha512 {
    type Word = u64;
    type Tail = [u8; 128];
    const TAIL: [u8; 128] = [0; 128];
    const BLOCK: usize = 128;
    const LEN_FIELD: usize = 16;

    fn compress(state: &mut [u64; 8], data: &[u8]) {
        compress512(state, data.as_chunks::<128>().0);
    }

    fn output(state: &[u64; 8], out: &mut [u8]) {
        for (chunk, word) in out.chunks_mut(8).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes()[..chunk.len()]);
        }
    }
}

/// Hashes `msg` into `state`, which has already absorbed `prefix_len` bytes (whole blocks),
/// and applies the final padding. `block` is one block of scratch.
fn finish<S: Sha2>(state: &mut [S::Word; 8], prefix_len: usize, msg: &[u8], block: &mut [u8]) {
    let whole = msg.len() - msg.len() % S::BLOCK;
    S::compress(state, &msg[..whole]);
    let rest = msg.len() - whole;
    block[..rest].copy_from_slice(&msg[whole..]);
    pad::<S>(state, prefix_len + msg.len(), block, rest);
}

/// Pads and hashes the last `rest` bytes of a message of `total` bytes, which stand at the
/// start of `block` (one block long): one padded block, or two when the length field does not
/// fit after the data (the scratch is reused for the second).
fn pad<S: Sha2>(state: &mut [S::Word; 8], total: usize, block: &mut [u8], rest: usize) {
    let block = &mut block[..S::BLOCK];
    block[rest] = 0x80;
    block[rest + 1..].fill(0);
    if rest + 1 + S::LEN_FIELD > S::BLOCK {
        S::compress(state, block);
        block.fill(0);
    }
    let bits = total as u128 * 8;
    block[S::BLOCK - S::LEN_FIELD..].copy_from_slice(&bits.to_be_bytes()[16 - S::LEN_FIELD..]);
    S::compress(state, block);
}

/// Turns `inner` and `outer`, both holding the hash's initial value, into the ipad and opad
/// states for `secret` (RFC 2104: a secret longer than a block is hashed first). `block` is
/// zeroed scratch of at least one block, zeroized before returning. In place: the states
/// are written where the key keeps them, not returned and moved (less code).
fn keyed<S: Sha2>(
    inner: &mut [S::Word; 8],
    outer: &mut [S::Word; 8],
    out_len: usize,
    secret: &[u8],
    block: &mut [u8],
) {
    if secret.len() > S::BLOCK {
        let mut state = *inner;
        finish::<S>(&mut state, 0, secret, block);
        block.fill(0);
        S::output(&state, &mut block[..out_len]);
        state.zeroize();
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    let key_block = &mut block[..S::BLOCK];
    key_block.iter_mut().for_each(|b| *b ^= 0x36);
    S::compress(inner, key_block);
    key_block.iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
    S::compress(outer, key_block);
    block.zeroize();
}

/// HMAC of `msg` from the keyed states, into `out` (the tag length). Kept out of line so
/// that each hash has a frame of its own size (an HS256 call does not pay SHA-512's).
#[inline(never)]
fn mac<S: Sha2>(inner: &[S::Word; 8], outer: &[S::Word; 8], msg: &[u8], out: &mut [u8]) {
    let mut tail = S::TAIL;
    let tail = tail.as_mut();
    let mut state = *inner;
    finish::<S>(&mut state, S::BLOCK, msg, tail);
    // The outer message is the inner digest: it goes straight into the padding block.
    let n = out.len();
    S::output(&state, &mut tail[..n]);
    state = *outer;
    pad::<S>(&mut state, S::BLOCK + n, tail, n);
    S::output(&state, out);
    state.zeroize();
    tail.zeroize();
}

/// The keyed HMAC state of one algorithm: the hash states after the ipad and the opad
/// blocks. Nothing else of the secret is kept.
#[derive(Clone)]
pub(crate) enum MacState {
    /// HMAC-SHA-256.
    Sha256 { inner: [u32; 8], outer: [u32; 8] },
    /// HMAC-SHA-384 (`tag_len` 48) or HMAC-SHA-512 (64).
    Sha512 {
        inner: [u64; 8],
        outer: [u64; 8],
        tag_len: usize,
    },
}

/// Which hash an HMAC key uses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl MacState {
    pub(crate) fn new(hash: Hash, secret: &[u8]) -> Self {
        let mut block = [0u8; 128];
        let mut state = match hash {
            Hash::Sha256 => MacState::Sha256 {
                inner: IV_256,
                outer: IV_256,
            },
            Hash::Sha384 => MacState::Sha512 {
                inner: IV_384,
                outer: IV_384,
                tag_len: 48,
            },
            Hash::Sha512 => MacState::Sha512 {
                inner: IV_512,
                outer: IV_512,
                tag_len: 64,
            },
        };
        match &mut state {
            MacState::Sha256 { inner, outer } => {
                keyed::<Sha256>(inner, outer, 32, secret, &mut block[..64]);
            }
            MacState::Sha512 {
                inner,
                outer,
                tag_len,
            } => keyed::<Sha512>(inner, outer, *tag_len, secret, &mut block),
        }
        state
    }

    /// The HMAC of `msg` into the front of `out`; returns the tag length.
    pub(crate) fn mac_into(&self, msg: &[u8], out: &mut [u8; 64]) -> usize {
        // Constant bounds on the 64-byte array: no run-time check, no panic path.
        match self {
            MacState::Sha256 { inner, outer } => {
                mac::<Sha256>(inner, outer, msg, &mut out[..32]);
                32
            }
            MacState::Sha512 {
                inner,
                outer,
                tag_len: 48,
            } => {
                mac::<Sha512>(inner, outer, msg, &mut out[..48]);
                48
            }
            MacState::Sha512 { inner, outer, .. } => {
                mac::<Sha512>(inner, outer, msg, out);
                64
            }
        }
    }
}

/// The plain hash of `msg` (SHA-256, -384 or -512) into the front of `out`, returning its
/// length: RSA's message digest, on the same block code as the MACs.
pub(crate) fn digest(hash: Hash, msg: &[u8], out: &mut [u8; 64]) -> usize {
    let mut block = [0u8; 128];
    match hash {
        Hash::Sha256 => {
            let mut state = IV_256;
            finish::<Sha256>(&mut state, 0, msg, &mut block[..64]);
            Sha256::output(&state, &mut out[..32]);
            32
        }
        Hash::Sha384 | Hash::Sha512 => {
            let (mut state, n) = match hash {
                Hash::Sha384 => (IV_384, 48),
                _ => (IV_512, 64),
            };
            finish::<Sha512>(&mut state, 0, msg, &mut block);
            Sha512::output(&state, &mut out[..n]);
            n
        }
    }
}

impl Drop for MacState {
    fn drop(&mut self) {
        match self {
            MacState::Sha256 { inner, outer } => {
                inner.zeroize();
                outer.zeroize();
            }
            MacState::Sha512 { inner, outer, .. } => {
                inner.zeroize();
                outer.zeroize();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};

    fn reference<M: Mac + KeyInit>(secret: &[u8], msg: &[u8]) -> ([u8; 64], usize) {
        let mut m = <M as KeyInit>::new_from_slice(secret).unwrap();
        m.update(msg);
        let tag = m.finalize().into_bytes();
        let mut out = [0u8; 64];
        out[..tag.len()].copy_from_slice(&tag);
        (out, tag.len())
    }

    /// Every message length around the one- and two-block padding boundaries, and secrets
    /// shorter than, equal to and longer than a block, against the `hmac` crate.
    #[test]
    fn matches_the_hmac_crate() {
        let data: [u8; 600] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        for secret_len in [1, 31, 32, 63, 64, 65, 127, 128, 129, 300] {
            let secret = &data[..secret_len];
            let states = [
                MacState::new(Hash::Sha256, secret),
                MacState::new(Hash::Sha384, secret),
                MacState::new(Hash::Sha512, secret),
            ];
            for msg_len in (0..300).chain([511, 512, 513, 600]) {
                let msg = &data[data.len() - msg_len..];
                let want = [
                    reference::<Hmac<sha2::Sha256>>(secret, msg),
                    reference::<Hmac<sha2::Sha384>>(secret, msg),
                    reference::<Hmac<sha2::Sha512>>(secret, msg),
                ];
                for (state, (tag, len)) in states.iter().zip(want) {
                    let mut out = [0u8; 64];
                    assert_eq!(state.mac_into(msg, &mut out), len);
                    assert_eq!(out[..len], tag[..len], "secret {secret_len} msg {msg_len}");
                }
            }
        }
    }

    /// The plain digests, at the same lengths, against `sha2`'s.
    #[test]
    fn digest_matches_the_sha2_crate() {
        use sha2::Digest;
        let data: [u8; 600] = core::array::from_fn(|i| (i * 11 + 5) as u8);
        for len in (0..300).chain([511, 512, 513, 600]) {
            let msg = &data[..len];
            let want: [&[u8]; 3] = [
                &sha2::Sha256::digest(msg),
                &sha2::Sha384::digest(msg),
                &sha2::Sha512::digest(msg),
            ];
            for (hash, want) in [Hash::Sha256, Hash::Sha384, Hash::Sha512]
                .into_iter()
                .zip(want)
            {
                let mut out = [0u8; 64];
                let n = digest(hash, msg, &mut out);
                assert_eq!(&out[..n], want, "{len}");
            }
        }
    }
}
