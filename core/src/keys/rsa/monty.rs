//! Montgomery arithmetic over limb slices whose length is chosen at run time.
//!
//! Why not crypto-bigint's `FixedMontyForm<LIMBS>`: its values carry their parameters by
//! value (about 2 KB each at 4096 bits), so the few temporaries of an exponentiation would
//! blow the stack budget, and every key width would be its own monomorphization in flash. A
//! 2048-bit key would either pay 4096-bit costs or need a second copy of the code. Here, as in
//! BearSSL, one code path serves every width from 2048 to 4096 bits: buffers are sized for
//! the largest modulus, the loops run over the limbs a key actually has, and the per-key
//! constants (n, R² mod n, −n⁻¹ mod 2^w) live in the key, not on the stack. The limb
//! primitives (`carrying_mul_add`, `carrying_add`, `borrowing_sub`) are crypto-bigint's.
//!
//! Both ways were measured (BENCHMARKS.md, "RSA verification", the arithmetic choice): a
//! whole verification here is faster than the bare exponentiation on `FixedMontyForm`, with
//! one code path for every width, and its stack holds only the signature, an accumulator
//! and a double-width square.
//!
//! Everything here is variable-time: it only ever sees public values (keys and signatures).

use core::cmp::Ordering;

use crypto_bigint::{Limb, Word};

/// Limbs of the largest supported modulus (4096 bits).
pub(crate) const MAX_LIMBS: usize = 4096 / Limb::BITS as usize;

/// Bytes in one limb.
const LIMB_BYTES: usize = Limb::BYTES;

/// An odd modulus and its Montgomery constants, for R = 2^(w·len).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Modulus {
    /// n, little-endian limbs; limbs at `len` and above are zero.
    n: [Limb; MAX_LIMBS],
    /// R² mod n, the factor that takes a value into Montgomery form.
    r2: [Limb; MAX_LIMBS],
    /// −n⁻¹ mod 2^w.
    n0: Limb,
    /// Limbs in use.
    len: usize,
}

impl Modulus {
    /// The modulus whose big-endian bytes are `be` (no leading zero byte).
    ///
    /// The caller has checked that it is odd and at most 4096 bits long; `None` otherwise.
    pub(crate) fn new(be: &[u8]) -> Option<Modulus> {
        if be.is_empty() || be.len() > MAX_LIMBS * LIMB_BYTES || be.last()? & 1 == 0 {
            return None;
        }
        let len = be.len().div_ceil(LIMB_BYTES);
        let bits = be.len() * 8 - be.first()?.leading_zeros() as usize;
        let mut m = Modulus {
            n: [Limb::ZERO; MAX_LIMBS],
            r2: [Limb::ZERO; MAX_LIMBS],
            n0: Limb::ZERO,
            len,
        };
        read_be(be, &mut m.n);
        m.n0 = neg_inverse(m.n[0]);
        // In place, so that loading needs no second key-sized temporary on the stack.
        compute_r2(m.n.get(..len)?, m.n0, bits, m.r2.get_mut(..len)?);
        Some(m)
    }

    /// Limbs in use.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// n's limbs in use.
    pub(crate) fn limbs(&self) -> &[Limb] {
        self.n.get(..self.len).unwrap_or_default()
    }

    /// R² mod n's limbs in use.
    fn r2(&self) -> &[Limb] {
        self.r2.get(..self.len).unwrap_or_default()
    }

    /// base^e mod n for public `e` (odd, ≥ 3) and base < n, in plain (not Montgomery) form.
    ///
    /// `acc` (len limbs) and `wide` (2·len limbs, for squaring) are scratch; the result
    /// lies in one of them and is returned. `base` may be overwritten (it is scratch too),
    /// which saves a buffer.
    ///
    /// Left-to-right square-and-multiply on base·R. When e = 2^k + 1 (65537, 3, …) there is
    /// no multiply until the last step, which multiplies by the plain base: that both applies
    /// e's lowest bit and leaves Montgomery form, so e = 65537 costs the conversion in, 16
    /// squarings and one multiply. Any other e needs base·R for the inner multiplies, kept
    /// in `base`'s place, and one more multiplication (by 1) to leave Montgomery form.
    pub(crate) fn pow_odd<'a>(
        &self,
        base: &mut [Limb],
        e: u32,
        acc: &'a mut [Limb],
        wide: &'a mut [Limb],
    ) -> &'a [Limb] {
        let len = self.len;
        let (n, n0) = (self.limbs(), self.n0);
        let top = 31 - e.leading_zeros();
        let inner_ones = e & !(1 << top) & !1 != 0;
        // The callers' buffers hold at least `len` limbs (`wide` 2·len); the `else` is
        // never taken, and its zero result would fail any signature check.
        let (Some(base), Some(acc), true) =
            (base.get_mut(..len), acc.get_mut(..len), wide.len() >= len)
        else {
            return &[];
        };
        mont_mul(n, n0, acc, base, self.r2());
        if inner_ones {
            base.copy_from_slice(acc);
        }
        for i in (1..top).rev() {
            mont_square(n, n0, acc, wide);
            if (e >> i) & 1 == 1 {
                let (tmp, _) = wide.split_at_mut(len);
                mont_mul(n, n0, tmp, acc, base);
                acc.copy_from_slice(tmp);
            }
        }
        mont_square(n, n0, acc, wide);
        let (out, _) = wide.split_at_mut(len);
        mont_mul(n, n0, out, acc, base);
        if inner_ones {
            // out holds base^e · R; multiplying by 1 takes R out.
            base.fill(Limb::ZERO);
            if let Some(b0) = base.first_mut() {
                *b0 = Limb::ONE;
            }
            mont_mul(n, n0, acc, out, base);
            return acc;
        }
        out
    }
}

/// out ← a·b·R⁻¹ mod n for a, b < n, given n's limbs and n0 = −n⁻¹ mod 2^w (all `len`
/// limbs; `out` distinct from `a` and `b`).
///
/// CIOS (Koç, Acar, Kaliski 1996): one pass per limb of `a` adds a_i·b and m·n, where m
/// makes the lowest limb vanish, and shifts down by a limb. The two multiply-add chains of a
/// pass are independent, so they overlap in the pipeline. The running sum stays below 2n, so
/// one conditional subtraction at the end reduces it. Squarings, most of an exponentiation,
/// have their own code ([`mont_square`]); product scanning (FIPS) with a three-limb column
/// accumulator was also tried and measured 1.7x slower than this loop.
fn mont_mul(n: &[Limb], n0: Limb, out: &mut [Limb], a: &[Limb], b: &[Limb]) {
    let s = n.len();
    // Always `s` limbs each (the callers' slices); `get` spares a panic path, and the `else`
    // (never taken) leaves zero, which no signature check accepts.
    let (Some(out), Some(a), Some(b)) = (out.get_mut(..s), a.get(..s), b.get(..s)) else {
        return out.fill(Limb::ZERO);
    };
    out.fill(Limb::ZERO);
    let mut hi = Limb::ZERO;
    for &ai in a {
        let (u0, mut c1) = ai.carrying_mul_add(b[0], out[0], Limb::ZERO);
        let m = u0.wrapping_mul(n0);
        let (_, mut c2) = m.carrying_mul_add(n[0], u0, Limb::ZERO);
        for j in 1..s {
            let (u, c) = ai.carrying_mul_add(b[j], out[j], c1);
            c1 = c;
            let (v, c) = m.carrying_mul_add(n[j], u, c2);
            c2 = c;
            out[j - 1] = v;
        }
        let (x, ca) = hi.carrying_add(c1, Limb::ZERO);
        let (y, cb) = x.carrying_add(c2, Limb::ZERO);
        out[s - 1] = y;
        hi = ca.wrapping_add(cb);
    }
    if hi != Limb::ZERO || cmp(out, n) != Ordering::Less {
        sub_assign(out, n);
    }
}

/// x ← x²·R⁻¹ mod n for x < n, in place; `t` is scratch of at least 2·len limbs.
///
/// The square first, each cross product x_i·x_j (i < j) computed once and the sum doubled,
/// then a separate Montgomery reduction: about 1.5·len² limb products where a general
/// Montgomery product needs 2·len². Rows are handled two at a time, the second one limb
/// behind the first, so that two independent carry chains overlap in the pipeline as in
/// CIOS (one chain per row alone is latency-bound and measured slower than CIOS).
fn mont_square(n: &[Limb], n0: Limb, x: &mut [Limb], t: &mut [Limb]) {
    let s = n.len();
    // The slices below are taken with `get`, row by row, and walked with iterators: the
    // same loads and stores as indexing, but no bounds check inside the loops and no panic
    // path. The callers always pass `len`-limb `x` and `2·len`-limb `t` for an `n` of at
    // least two limbs, so no `else` here is ever taken; if one were, the result would be
    // zero, which no signature check accepts (fail closed).
    let (Some(x), Some(t), Some(&n_0), Some(&n_1), Some(&n_last)) = (
        x.get_mut(..s),
        t.get_mut(..2 * s),
        n.first(),
        n.get(1),
        n.last(),
    ) else {
        return x.fill(Limb::ZERO);
    };
    let Some(&x_last) = x.last() else { return };
    t.fill(Limb::ZERO);

    // Cross products. Row i adds x_i·x_j (j > i) at slots i + j and its carry at i + s.
    // Rows go two at a time: row i + 1 adds x_{i+1}·x_{j−1} at the same slot i + j.
    let mut i = 0;
    while i + 3 < s {
        // Slots 2i + 1 ..= i + s + 1, and the pairs (x_{j−1}, x_j) for j = i + 3.. for the
        // inner loop.
        let (Some(&[x0, x1, x2]), Some(x_win), Some(row)) = (
            x.get(i..i + 3).and_then(|w| <&[Limb; 3]>::try_from(w).ok()),
            x.get(i + 2..),
            t.get_mut(2 * i + 1..i + s + 2),
        ) else {
            return x.fill(Limb::ZERO);
        };
        let [t0, t1, inner @ .., t_s, t_s1] = row else {
            return x.fill(Limb::ZERO);
        };
        let (v, c) = x0.carrying_mul_add(x1, *t0, Limb::ZERO);
        *t0 = v;
        let (v, mut c) = x0.carrying_mul_add(x2, *t1, c);
        *t1 = v;
        let mut d = Limb::ZERO;
        two_rows(x0, x1, inner, x_win, &mut c, &mut d);
        let (w, d2) = x1.carrying_mul_add(x_last, c, d);
        *t_s = w;
        *t_s1 = d2;
        i += 2;
    }
    while i + 1 < s {
        // Slots 2i + 1 ..= i + s.
        let (Some(&xi), Some(xj), Some(row)) =
            (x.get(i), x.get(i + 1..), t.get_mut(2 * i + 1..i + s + 1))
        else {
            return x.fill(Limb::ZERO);
        };
        let Some((t_s, inner)) = row.split_last_mut() else {
            return x.fill(Limb::ZERO);
        };
        let mut c = Limb::ZERO;
        for (tij, &xj) in inner.iter_mut().zip(xj) {
            let (v, c2) = xi.carrying_mul_add(xj, *tij, c);
            *tij = v;
            c = c2;
        }
        *t_s = c;
        i += 1;
    }
    // Double, then add the squares x_i² on the diagonal.
    let mut top = Limb::ZERO;
    for l in t.iter_mut() {
        let v = *l;
        *l = Limb((v.0 << 1) | top.0);
        top = Limb(v.0 >> (Limb::BITS - 1));
    }
    let mut c = Limb::ZERO;
    for (pair, &xi) in t.as_chunks_mut::<2>().0.iter_mut().zip(x.iter()) {
        let (lo, hi) = xi.carrying_mul_add(xi, pair[0], c);
        pair[0] = lo;
        let (v, carry) = pair[1].carrying_add(hi, Limb::ZERO);
        pair[1] = v;
        c = carry;
    }

    // Reduction: row i adds m_i·n at slot i, m_i chosen to clear slot i. A row's carry out of
    // slot i + s is left in `extra` for the next row, which adds at the slot above. Rows go
    // two at a time, as above: row i + 1 adds m_{i+1}·n_{j−1} at slot i + j.
    // n_{j−1}, n_j for j = 2.. (the windows of n from index 1).
    let n_from_1 = n.get(1..).unwrap_or_default();
    let mut extra = Limb::ZERO;
    let mut i = 0;
    while i + 1 < s {
        // Slots i ..= i + s + 1.
        let Some([t0, t1, inner @ .., t_s, t_s1]) = t.get_mut(i..i + s + 2) else {
            return x.fill(Limb::ZERO);
        };
        let m0 = t0.wrapping_mul(n0);
        let (_, c) = m0.carrying_mul_add(n_0, *t0, Limb::ZERO);
        let (v, mut c) = m0.carrying_mul_add(n_1, *t1, c);
        let m1 = v.wrapping_mul(n0);
        let (_, mut d) = m1.carrying_mul_add(n_0, v, Limb::ZERO);
        two_rows(m0, m1, inner, n_from_1, &mut c, &mut d);
        let (v, ca) = t_s.carrying_add(c, extra);
        let (w, d2) = m1.carrying_mul_add(n_last, v, d);
        *t_s = w;
        let (v, cb) = t_s1.carrying_add(d2, ca);
        *t_s1 = v;
        extra = cb;
        i += 2;
    }
    if i < s {
        // Slots i ..= i + s.
        let Some((t_s, row)) = t.get_mut(i..i + s + 1).and_then(|r| r.split_last_mut()) else {
            return x.fill(Limb::ZERO);
        };
        let m = row.first().map_or(Limb::ZERO, |t0| t0.wrapping_mul(n0));
        let mut c = Limb::ZERO;
        for (tij, &nj) in row.iter_mut().zip(n) {
            let (v, c2) = m.carrying_mul_add(nj, *tij, c);
            *tij = v;
            c = c2;
        }
        let (v, c1) = t_s.carrying_add(c, extra);
        *t_s = v;
        extra = c1;
    }
    let Some(high) = t.get(s..) else {
        return x.fill(Limb::ZERO);
    };
    x.copy_from_slice(high);
    if extra != Limb::ZERO || cmp(x, n) != Ordering::Less {
        sub_assign(x, n);
    }
}

/// The inner loop of two rows at once, the second one limb behind the first: for each q,
/// t_q ← t_q + a0·y_(q+1) + a1·y_q with the two rows' carries `c` and `d`. `y` holds one
/// limb more than `t` (the callers' slices; an empty `y` would add nothing).
///
/// Two positions a step, the limb of `y` shared by neighbouring positions kept in a
/// register: the loop's counter, compare and branch and the moves that hand the carries to
/// the next step are then paid once per four products.
#[inline(always)]
fn two_rows(a0: Limb, a1: Limb, t: &mut [Limb], y: &[Limb], c: &mut Limb, d: &mut Limb) {
    let (Some((&first, z)), mut cc, mut dd) = (y.split_first(), *c, *d) else {
        return;
    };
    let mut step = |tq: &mut Limb, y_prev: Limb, y_cur: Limb| {
        let (v, c2) = a0.carrying_mul_add(y_cur, *tq, cc);
        let (w, d2) = a1.carrying_mul_add(y_prev, v, dd);
        *tq = w;
        cc = c2;
        dd = d2;
    };
    let mut prev = first;
    let (t2, t_rest) = t.as_chunks_mut::<2>();
    let (z2, _) = z.as_chunks::<2>();
    for (tp, zp) in t2.iter_mut().zip(z2) {
        let [t0, t1] = tp;
        step(t0, prev, zp[0]);
        step(t1, zp[0], zp[1]);
        prev = zp[1];
    }
    let z_rest = z.get(2 * t2.len()..).unwrap_or_default();
    for (tq, &cur) in t_rest.iter_mut().zip(z_rest) {
        step(tq, prev, cur);
        prev = cur;
    }
    *c = cc;
    *d = dd;
}

/// R² mod n into `r2` (len limbs), computed without any division.
///
/// With E = w·len (so R = 2^E) and E = t·2^j: doubling 2^(bits−1) < n modulo n up to
/// 2^(E + t) gives R·2^t mod n, the Montgomery form of 2^t; j Montgomery squarings then
/// give the Montgomery form of 2^(t·2^j) = R, which is R² mod n. j is chosen so that t is
/// still at least 64: about a hundred cheap doublings and five or six squarings.
fn compute_r2(n: &[Limb], n0: Limb, bits: usize, r2: &mut [Limb]) {
    let len = n.len();
    let w = Limb::BITS as usize;
    let exp = w * len;
    let mut j = 0;
    while (exp >> j) & 1 == 0 && exp >> (j + 1) >= 64 {
        j += 1;
    }
    let t = exp >> j;
    let top = bits - 1;
    r2.fill(Limb::ZERO);
    // `top` < bits <= w·len: always inside `r2` (`len` limbs).
    if let Some(l) = r2.get_mut(top / w) {
        *l = Limb((1 as Word) << (top % w));
    }
    for _ in 0..(exp + t - top) {
        double(n, r2);
    }
    let mut tmp = [Limb::ZERO; MAX_LIMBS];
    let tmp = tmp.get_mut(..len).unwrap_or_default();
    for _ in 0..j {
        mont_mul(n, n0, tmp, r2, r2);
        r2.copy_from_slice(tmp);
    }
}

/// x ← 2x mod n, for x < n.
fn double(n: &[Limb], x: &mut [Limb]) {
    let mut carry = Limb::ZERO;
    for l in x.iter_mut() {
        let (d, c) = l.carrying_add(*l, carry);
        *l = d;
        carry = c;
    }
    if carry != Limb::ZERO || cmp(x, n) != Ordering::Less {
        sub_assign(x, n);
    }
}

/// −x⁻¹ mod 2^w for odd x, by Newton's iteration (each step doubles the correct low bits;
/// x·x ≡ 1 mod 8 gives the first three).
fn neg_inverse(x: Limb) -> Limb {
    let mut inv = x;
    for _ in 0..5 {
        inv = inv.wrapping_mul(Limb(2).wrapping_sub(x.wrapping_mul(inv)));
    }
    inv.wrapping_neg()
}

/// Compares two equally long little-endian limb slices.
pub(crate) fn cmp(a: &[Limb], b: &[Limb]) -> Ordering {
    a.iter().rev().cmp(b.iter().rev())
}

/// a ← a − b (mod 2^(w·len)), equal lengths.
fn sub_assign(a: &mut [Limb], b: &[Limb]) {
    let mut borrow = Limb::ZERO;
    for (x, y) in a.iter_mut().zip(b) {
        let (d, br) = x.borrowing_sub(*y, borrow);
        *x = d;
        borrow = br;
    }
}

/// Writes big-endian bytes into little-endian limbs (zeroing the rest). `be` must fit.
pub(crate) fn read_be(be: &[u8], out: &mut [Limb]) {
    out.fill(Limb::ZERO);
    for (i, &byte) in be.iter().rev().enumerate() {
        if let Some(l) = out.get_mut(i / LIMB_BYTES) {
            l.0 |= (byte as Word) << (8 * (i % LIMB_BYTES));
        }
    }
}

/// The byte at big-endian position `p` of the `k`-byte number held in `limbs`.
pub(crate) fn byte_be(limbs: &[Limb], k: usize, p: usize) -> u8 {
    let i = k - 1 - p;
    limbs
        .get(i / LIMB_BYTES)
        .map_or(0, |l| (l.0 >> (8 * (i % LIMB_BYTES))) as u8)
}

/// Sets the byte at big-endian position `p` of a `k`-byte number in `limbs` (zeroed before).
pub(crate) fn set_byte_be(limbs: &mut [Limb], k: usize, p: usize, byte: u8) {
    let i = k - 1 - p;
    if let Some(l) = limbs.get_mut(i / LIMB_BYTES) {
        l.0 |= (byte as Word) << (8 * (i % LIMB_BYTES));
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;

    /// A deterministic stream of limbs (xorshift), for values below a modulus.
    fn limbs(seed: u64, out: &mut [Limb]) {
        let mut v = seed | 1;
        for l in out {
            v ^= v << 13;
            v ^= v >> 7;
            v ^= v << 17;
            *l = Limb(v as Word);
        }
    }

    fn big(limbs: &[Limb]) -> rsa::BigUint {
        let bytes: std::vec::Vec<u8> = limbs.iter().flat_map(|l| l.0.to_le_bytes()).collect();
        rsa::BigUint::from_bytes_le(&bytes)
    }

    /// R² mod n and Montgomery products against big-integer arithmetic (the `rsa` crate's
    /// `BigUint`), for moduli from 2048 to 4096 bits, limb-aligned or not.
    #[test]
    fn montgomery_against_bigint() {
        for bytes in [256usize, 257, 300, 384, 511, 512] {
            let mut n_be = [0u8; 512];
            for (i, b) in n_be[..bytes].iter_mut().enumerate() {
                *b = (i as u8).wrapping_mul(151).wrapping_add(7);
            }
            n_be[0] |= 0x80;
            n_be[bytes - 1] |= 1;
            let m = Modulus::new(&n_be[..bytes]).unwrap();
            let len = m.len();
            let n = rsa::BigUint::from_bytes_be(&n_be[..bytes]);
            assert_eq!(big(m.limbs()), n);
            let r = rsa::BigUint::from(1u8) << (Limb::BITS as usize * len);
            assert_eq!(big(&m.r2[..len]), (&r * &r) % &n, "{bytes}");
            for seed in 1..20u64 {
                let (mut x, mut y) = ([Limb::ZERO; MAX_LIMBS], [Limb::ZERO; MAX_LIMBS]);
                limbs(seed, &mut x[..len]);
                limbs(seed * 7919, &mut y[..len]);
                // Below n: the top limb below n's, or n − 1 for one seed.
                x[len - 1] = Limb((x[len - 1].0 & m.limbs()[len - 1].0) >> 1);
                y[len - 1] = Limb((y[len - 1].0 & m.limbs()[len - 1].0) >> 1);
                if seed == 1 {
                    x[..len].copy_from_slice(m.limbs());
                    x[0] = Limb(x[0].0 - 1);
                }
                let mut sq = x;
                let mut wide = [Limb::ZERO; 2 * MAX_LIMBS];
                mont_square(m.limbs(), m.n0, &mut sq[..len], &mut wide);
                let mut want = [Limb::ZERO; MAX_LIMBS];
                mont_mul(m.limbs(), m.n0, &mut want[..len], &x[..len], &x[..len]);
                assert_eq!(sq[..len], want[..len], "square {bytes} {seed}");
                for (a, b) in [(&x, &y), (&x, &x)] {
                    let mut out = [Limb::ZERO; MAX_LIMBS];
                    mont_mul(m.limbs(), m.n0, &mut out[..len], &a[..len], &b[..len]);
                    let got = big(&out[..len]);
                    assert!(got < n);
                    assert_eq!((got * &r) % &n, (big(&a[..len]) * big(&b[..len])) % &n);
                }
            }
        }
    }

    proptest::proptest! {
        /// The dedicated square against the general product and against big-integer
        /// arithmetic, on random odd moduli of every supported byte length (2048 to 4096
        /// bits, so every limb count and every partial top limb) and random values below
        /// them, including values with all-ones limbs, where the carries are longest.
        #[test]
        fn square_against_multiply_every_width(
            bytes in 256usize..=512,
            n_seed in proptest::prelude::any::<[u8; 32]>(),
            x_seed in proptest::prelude::any::<u64>(),
            ones in proptest::prelude::any::<bool>(),
        ) {
            let mut n_be = [0u8; 512];
            for (i, b) in n_be[..bytes].iter_mut().enumerate() {
                *b = n_seed[i % 32].wrapping_mul(167).wrapping_add(i as u8 ^ n_seed[(i / 32) % 32]);
            }
            n_be[0] |= 0x80;
            n_be[bytes - 1] |= 1;
            let m = Modulus::new(&n_be[..bytes]).unwrap();
            let len = m.len();
            let n = rsa::BigUint::from_bytes_be(&n_be[..bytes]);
            let r = rsa::BigUint::from(1u8) << (Limb::BITS as usize * len);
            let mut x = [Limb::ZERO; MAX_LIMBS];
            limbs(x_seed, &mut x[..len]);
            if ones {
                x[..len].fill(Limb::MAX);
            }
            // Below n: n − 1 − (x mod n), so that the top limbs stay near n's.
            let below = &n - 1u8 - (big(&x[..len]) % &n);
            let bytes_le = below.to_bytes_le();
            x[..len].fill(Limb::ZERO);
            for (i, &b) in bytes_le.iter().enumerate() {
                x[i / LIMB_BYTES].0 |= (b as Word) << (8 * (i % LIMB_BYTES));
            }
            let mut sq = x;
            let mut wide = [Limb::ZERO; 2 * MAX_LIMBS];
            mont_square(m.limbs(), m.n0, &mut sq[..len], &mut wide);
            let mut prod = [Limb::ZERO; MAX_LIMBS];
            mont_mul(m.limbs(), m.n0, &mut prod[..len], &x[..len], &x[..len]);
            proptest::prop_assert_eq!(&sq[..len], &prod[..len]);
            let got = big(&sq[..len]);
            proptest::prop_assert!(got < n);
            proptest::prop_assert_eq!((got * &r) % &n, (&below * &below) % &n);
        }
    }

    #[test]
    fn neg_inverse_is_right() {
        for x in [1u64, 3, 5, 0xffff_ffff, 0x1234_5679, u64::MAX] {
            let x = Limb(x as Word | 1);
            assert_eq!(x.wrapping_mul(neg_inverse(x)), Limb::MAX);
        }
    }
}
