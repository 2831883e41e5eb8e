//! SHA-256 on 32-bit Arm (Cortex-M): `sha2`'s hashing API (`Digest`, and so `hmac`) over our
//! own block function (FIPS 180-4 §6.2.2).
//!
//! Why not `sha2`'s own on these CPUs, which have no SHA instructions: measured on a
//! Cortex-M4F, its compact portable code takes an HS256 verification over the instruction
//! budget, and its default, fully unrolled code the HS256 verification build over the flash
//! budget (figures: BENCHMARKS.md, "Dependencies: measured choices"). Here sixteen rounds
//! are unrolled, the working variables renamed instead of moved, and the message schedule
//! kept in a 16-word ring whose indices are then constants, extended sixteen words at a time
//! between the rows of rounds (BENCHMARKS.md, "The speed job", has the figures). Every other
//! target uses `sha2::Sha256`, which detects and uses SHA or vector instructions; the tests
//! below check this one against it.

use core::slice;

use hmac::digest::array::Array;
use hmac::digest::block_api::{
    Block, BlockSizeUser, Buffer, BufferKindUser, Eager, FixedOutputCore, OutputSizeUser,
    UpdateCore,
};
use hmac::digest::consts::{U32, U64};
use hmac::digest::{HashMarker, Output};
use zeroize::Zeroize;

/// SHA-256's initial hash value (FIPS 180-4 §5.3.3).
const IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The block-level SHA-256 state: the hash value and the number of blocks hashed.
#[derive(Clone)]
pub(crate) struct Sha256Core {
    state: [u32; 8],
    blocks: u64,
}

impl Default for Sha256Core {
    fn default() -> Self {
        Sha256Core {
            state: IV,
            blocks: 0,
        }
    }
}

impl HashMarker for Sha256Core {}

impl BlockSizeUser for Sha256Core {
    type BlockSize = U64;
}

impl BufferKindUser for Sha256Core {
    type BufferKind = Eager;
}

impl OutputSizeUser for Sha256Core {
    type OutputSize = U32;
}

impl UpdateCore for Sha256Core {
    fn update_blocks(&mut self, blocks: &[Block<Self>]) {
        self.blocks = self.blocks.wrapping_add(blocks.len() as u64);
        compress256(&mut self.state, Array::cast_slice_to_core(blocks));
    }
}

impl FixedOutputCore for Sha256Core {
    fn finalize_fixed_core(&mut self, buffer: &mut Buffer<Self>, out: &mut Output<Self>) {
        let bits = 8 * (buffer.get_pos() as u64).wrapping_add(self.blocks.wrapping_mul(64));
        buffer.len64_padding_be(bits, |block| {
            compress256(
                &mut self.state,
                Array::cast_slice_to_core(slice::from_ref(block)),
            );
        });
        for (chunk, word) in out.chunks_exact_mut(4).zip(&self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

impl Drop for Sha256Core {
    fn drop(&mut self) {
        self.state.zeroize();
        self.blocks.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for Sha256Core {}

hmac::digest::buffer_fixed!(
    /// SHA-256 over our block function, with `sha2::Sha256`'s API.
    pub(crate) struct Sha256(Sha256Core);
    impl: BaseFixedTraits Default Clone HashMarker;
);

/// Round constants (FIPS 180-4 §4.2.2), sixteen rounds per row.
const K: [[u32; 16]; 4] = [
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174,
    ],
    [
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc,
        0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967,
    ],
    [
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
        0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624,
        0xf40e3585, 0x106aa070,
    ],
    [
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
        0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
        0xbef9a3f7, 0xc67178f2,
    ],
];

/// One step of the message schedule (FIPS 180-4 §6.2.2, step 1) in the 16-word ring `w`:
/// word `j` of the next row, from this row's words `j`, `j + 1` and `j + 9` and the next
/// row's `j - 2` (`j + 14` in the ring), which the step before has already written.
macro_rules! schedule_step {
    ($w:ident, $j:literal) => {
        let w15 = $w[($j + 1) & 15];
        let w2 = $w[($j + 14) & 15];
        let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
        let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
        $w[$j] = $w[$j]
            .wrapping_add(s0)
            .wrapping_add($w[($j + 9) & 15])
            .wrapping_add(s1);
    };
}

/// The schedule's next sixteen words, spelled out so that the ring's indices are constants,
/// and apart from the rounds, whose working variables then keep the registers (a step inside
/// each round, or a loop of its own, measured slower: BENCHMARKS.md, "The speed job").
macro_rules! schedule16 {
    ($w:ident) => {
        schedule_step!($w, 0);
        schedule_step!($w, 1);
        schedule_step!($w, 2);
        schedule_step!($w, 3);
        schedule_step!($w, 4);
        schedule_step!($w, 5);
        schedule_step!($w, 6);
        schedule_step!($w, 7);
        schedule_step!($w, 8);
        schedule_step!($w, 9);
        schedule_step!($w, 10);
        schedule_step!($w, 11);
        schedule_step!($w, 12);
        schedule_step!($w, 13);
        schedule_step!($w, 14);
        schedule_step!($w, 15);
    };
}

/// Round `16 * row + j`, the caller renaming the variables instead of shifting them.
macro_rules! round {
    ($k:ident, $w:ident, $bc:ident, $j:literal,
     $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident) => {
        let t1 = $h
            .wrapping_add($e.rotate_right(6) ^ $e.rotate_right(11) ^ $e.rotate_right(25))
            .wrapping_add($g ^ ($e & ($f ^ $g)))
            .wrapping_add($k[$j])
            .wrapping_add($w[$j]);
        // Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and this round's a ^ b is the next one's
        // b ^ c: one operation fewer per round.
        let ab = $a ^ $b;
        let t2 = ($a.rotate_right(2) ^ $a.rotate_right(13) ^ $a.rotate_right(22))
            .wrapping_add($b ^ (ab & $bc));
        $bc = ab;
        $d = $d.wrapping_add(t1);
        $h = t1.wrapping_add(t2);
    };
}

/// Sixteen rounds with the row's constants `k` and schedule words `w`.
macro_rules! rounds16 {
    ($k:ident, $w:ident, $bc:ident, $a:ident, $b:ident, $c:ident, $d:ident,
     $e:ident, $f:ident, $g:ident, $h:ident) => {
        round!($k, $w, $bc, 0, $a, $b, $c, $d, $e, $f, $g, $h);
        round!($k, $w, $bc, 1, $h, $a, $b, $c, $d, $e, $f, $g);
        round!($k, $w, $bc, 2, $g, $h, $a, $b, $c, $d, $e, $f);
        round!($k, $w, $bc, 3, $f, $g, $h, $a, $b, $c, $d, $e);
        round!($k, $w, $bc, 4, $e, $f, $g, $h, $a, $b, $c, $d);
        round!($k, $w, $bc, 5, $d, $e, $f, $g, $h, $a, $b, $c);
        round!($k, $w, $bc, 6, $c, $d, $e, $f, $g, $h, $a, $b);
        round!($k, $w, $bc, 7, $b, $c, $d, $e, $f, $g, $h, $a);
        round!($k, $w, $bc, 8, $a, $b, $c, $d, $e, $f, $g, $h);
        round!($k, $w, $bc, 9, $h, $a, $b, $c, $d, $e, $f, $g);
        round!($k, $w, $bc, 10, $g, $h, $a, $b, $c, $d, $e, $f);
        round!($k, $w, $bc, 11, $f, $g, $h, $a, $b, $c, $d, $e);
        round!($k, $w, $bc, 12, $e, $f, $g, $h, $a, $b, $c, $d);
        round!($k, $w, $bc, 13, $d, $e, $f, $g, $h, $a, $b, $c);
        round!($k, $w, $bc, 14, $c, $d, $e, $f, $g, $h, $a, $b);
        round!($k, $w, $bc, 15, $b, $c, $d, $e, $f, $g, $h, $a);
    };
}

/// Hashes `blocks` into `state`.
fn compress256(state: &mut [u32; 8], blocks: &[[u8; 64]]) {
    for block in blocks {
        // Spelled out, as the sum below: as loops they cost a counter and a branch a word.
        let be = |i: usize| {
            u32::from_be_bytes([
                block[4 * i],
                block[4 * i + 1],
                block[4 * i + 2],
                block[4 * i + 3],
            ])
        };
        let mut w = [
            be(0),
            be(1),
            be(2),
            be(3),
            be(4),
            be(5),
            be(6),
            be(7),
            be(8),
            be(9),
            be(10),
            be(11),
            be(12),
            be(13),
            be(14),
            be(15),
        ];
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        let mut bc = b ^ c;
        for (row, k) in K.iter().enumerate() {
            if row > 0 {
                schedule16!(w);
            }
            rounds16!(k, w, bc, a, b, c, d, e, f, g, h);
        }
        let [s0, s1, s2, s3, s4, s5, s6, s7] = *state;
        *state = [
            s0.wrapping_add(a),
            s1.wrapping_add(b),
            s2.wrapping_add(c),
            s3.wrapping_add(d),
            s4.wrapping_add(e),
            s5.wrapping_add(f),
            s6.wrapping_add(g),
            s7.wrapping_add(h),
        ];
    }
}

#[cfg(test)]
mod tests {
    use super::{IV, Sha256, compress256};
    use hmac::digest::Digest;
    use hmac::{Hmac, KeyInit, Mac};

    /// Deterministic pseudo-random bytes (xorshift64*).
    fn fill(seed: &mut u64, out: &mut [u8]) {
        for b in out {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *b = (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
    }

    #[test]
    fn block_function_agrees_with_sha2_on_random_blocks_and_states() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for n in 0..200 {
            let mut blocks = [[0u8; 64]; 3];
            for block in &mut blocks {
                fill(&mut seed, block);
            }
            let mut state_bytes = [0u8; 32];
            fill(&mut seed, &mut state_bytes);
            let state: [u32; 8] =
                core::array::from_fn(|i| u32::from_le_bytes(state_bytes.as_chunks::<4>().0[i]));
            let blocks = &blocks[..n % 4];
            let (mut ours, mut theirs) = (state, state);
            compress256(&mut ours, blocks);
            sha2::block_api::compress256(&mut theirs, blocks);
            assert_eq!(ours, theirs, "case {n}");
        }
    }

    #[test]
    fn fips_180_2_abc() {
        // SHA-256("abc"): one padded block from the initial hash value.
        let mut block = [0u8; 64];
        block[..3].copy_from_slice(b"abc");
        block[3] = 0x80;
        block[63] = 24;
        let mut state = IV;
        compress256(&mut state, &[block]);
        assert_eq!(
            state,
            [
                0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61,
                0xf20015ad
            ]
        );
    }

    /// Digests and HMACs at every length around the one- and two-block padding boundaries,
    /// in one call and fed in pieces, against `sha2::Sha256`.
    #[test]
    fn digest_and_hmac_agree_with_sha2() {
        let mut data = [0u8; 600];
        fill(&mut 7, &mut data);
        for len in (0..300).chain([511, 512, 513, 600]) {
            let msg = &data[..len];
            assert_eq!(Sha256::digest(msg), sha2::Sha256::digest(msg), "{len}");
            let mut pieces = Sha256::new();
            for piece in msg.chunks(37) {
                pieces.update(piece);
            }
            assert_eq!(
                pieces.finalize(),
                sha2::Sha256::digest(msg),
                "{len} in pieces"
            );
            for secret_len in [1, 64, 65] {
                let secret = &data[600 - secret_len..];
                let mut ours = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
                let mut theirs = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret).unwrap();
                ours.update(msg);
                theirs.update(msg);
                assert_eq!(
                    ours.finalize().into_bytes(),
                    theirs.finalize().into_bytes(),
                    "{len} {secret_len}"
                );
            }
        }
    }
}
