//! Money in fen, and the one rounding step.
//!
//! Amounts are computed exactly (decimal inputs, fractional shares). Rounding happens once, with
//! the strategy named in [`ROUNDING`]: the exact grand total is rounded half up to the fen, then
//! split into lines and each line into parties by largest remainder in integer fen. Parts therefore
//! add up exactly to every line and to the total, whatever the ratios.
//!
//! A bill that is off by a fen, or a page that dies on a panic, is a bug a resident can see, so
//! for every input: nothing here panics (every `i128` operation is `checked_*`, nothing is indexed
//! or unwrapped), and an amount that does not fit in `i128` gives `None` (or the text "overflow"),
//! never a wrapped or rounded number. [`allocate`] takes linear time in the number of parts, at
//! most 128 passes whatever the input (not one scan per leftover fen), so a long list of lines
//! cannot stall the page; its result is exactly the largest-remainder split documented on it.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::fraction::{gcd, Fraction};
use crate::numbers::{write_scaled, NUMBER_TEXT};

/// Name of the rounding strategy, reported with every estimate.
pub const ROUNDING: &str = "halfUpTotalThenLargestRemainder";

/// An amount in fen (0.01 元). Serialised as a string in 元 with two decimals: `"1234.50"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Fen(pub i128);

impl Fen {
    /// `"1234.50"`; `"overflow"` beyond the 96 bits of a `Decimal` (about 7.9·10^26 元).
    pub fn yuan_text(self) -> String {
        let mut buf = [0u8; NUMBER_TEXT];
        self.write_yuan(&mut buf).to_string()
    }

    /// `amount ÷ n` rounded half up (away from zero at .5) to the fen, in integers; `None` for
    /// `n == 0` or a negative amount (every figure divided so is a cost, never negative).
    pub fn div_half_up(self, n: u64) -> Option<Fen> {
        if n == 0 || self.0 < 0 {
            return None;
        }
        let n = i128::from(n);
        let (q, r) = (self.0.checked_div(n)?, self.0.checked_rem(n)?);
        // Up when the remainder is at least half of n: r ≥ n − r.
        Some(Fen(if r >= n.checked_sub(r)? {
            q.checked_add(1)?
        } else {
            q
        }))
    }

    /// [`Fen::yuan_text`] written into `buf`: the same text as a `Decimal` of scale 2 (which
    /// is what it was made with before), without building one.
    fn write_yuan(self, buf: &mut [u8; NUMBER_TEXT]) -> &str {
        let magnitude = self.0.unsigned_abs();
        if magnitude > MAX_DECIMAL_MANTISSA {
            return "overflow";
        }
        write_scaled(buf, self.0 < 0, magnitude, 2)
    }
}

/// The largest mantissa of a `Decimal`: 2^96 − 1.
const MAX_DECIMAL_MANTISSA: u128 = (1 << 96) - 1;

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut buf = [0u8; NUMBER_TEXT];
        f.write_str(self.write_yuan(&mut buf))
    }
}

impl crate::output::ToJson for Fen {
    fn to_json(&self, w: &mut crate::output::Writer) {
        let mut buf = [0u8; NUMBER_TEXT];
        w.str(self.write_yuan(&mut buf));
    }
}

impl Serialize for Fen {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; NUMBER_TEXT];
        s.serialize_str(self.write_yuan(&mut buf))
    }
}

/// Rounds an exact amount in 元 half up (away from zero at .5) to whole fen. `None` when the
/// amount in fen does not fit.
pub fn round_half_up_to_fen(yuan: Fraction) -> Option<Fen> {
    let fen = yuan.checked_mul(Fraction::from_integer(100))?;
    let (q, r) = (fen.floor(), fen.num().checked_rem(fen.den())?);
    // Up when the remainder is at least half the denominator: r ≥ den - r (no 2·r to overflow).
    let up = r >= fen.den().checked_sub(r)?;
    Some(Fen(if up { q.checked_add(1)? } else { q }))
}

/// An exact amount in 元 rounded half up (away from zero at .5) to whole fen — the one rounding
/// of a planned compound's stated investment. `None` when it does not fit.
pub fn yuan_to_fen_half_up(yuan: Decimal) -> Option<Fen> {
    let r = yuan.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let scale = r.scale();
    let m = r.mantissa();
    match scale {
        0 => m.checked_mul(100),
        1 => m.checked_mul(10),
        _ => Some(m),
    }
    .map(Fen)
}

impl Fen {
    /// The amount in 万元, exact and without trailing zeros: `"25765.5"`, `"0.000001"`.
    pub fn wan_text(self) -> String {
        Decimal::try_from_i128_with_scale(self.0, 6)
            .map(|d| {
                let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
                crate::numbers::write_normalized(&mut buf, d).to_string()
            })
            .unwrap_or_else(|_| "overflow".into())
    }
}

/// Splits `total` fen in proportion to `weights` (not all zero), exactly: each part is the floor
/// of its exact share, and the fen left over go one each to the largest remainders (ties to the
/// earlier part). `None` when every weight is zero, or when the weights' common denominator or a
/// product `total · weight` over it does not fit in `i128`. (A negative total follows the same
/// rule: floors are taken towards −∞, so the leftover is still between 0 and the number of parts.)
pub fn allocate(total: Fen, weights: &[Fraction]) -> Option<Vec<Fen>> {
    // One weight takes it all (the general path gives the same: the whole, or `None` for a zero
    // weight).
    if let [w] = weights {
        return (!w.is_zero()).then(|| vec![total]);
    }
    let ints = integer_weights(weights)?;
    let mut parts = Vec::with_capacity(ints.len());
    allocate_integers(
        total,
        &ints,
        &mut parts,
        &mut Vec::with_capacity(ints.len()),
    )?;
    Some(parts)
}

/// The weights brought to one denominator: integers in the same proportions, for
/// [`allocate_integers`] (computed once when the same weights split many amounts). `None` when
/// every weight is zero or the common denominator does not fit.
pub fn integer_weights(weights: &[Fraction]) -> Option<Vec<i128>> {
    let mut den: i128 = 1;
    for w in weights {
        den = den.checked_div(gcd(den, w.den()))?.checked_mul(w.den())?;
    }
    let mut sum: i128 = 0;
    let mut ints = Vec::with_capacity(weights.len());
    for w in weights {
        let int = w.num().checked_mul(den.checked_div(w.den())?)?;
        sum = sum.checked_add(int)?;
        ints.push(int);
    }
    (sum != 0).then_some(ints)
}

/// [`allocate`] with the weights already integers (see [`integer_weights`]), into `parts`
/// (cleared first), using `remainders` as scratch: the same split, without allocating when the
/// buffers are reused.
pub fn allocate_integers(
    total: Fen,
    ints: &[i128],
    parts: &mut Vec<Fen>,
    remainders: &mut Vec<i128>,
) -> Option<()> {
    parts.clear();
    remainders.clear();
    let sum = ints.iter().try_fold(0i128, |a, w| a.checked_add(*w))?;
    if sum == 0 {
        return None;
    }
    // Each exact share is total·w/sum: its floor, and the remainder in [0, sum).
    let mut given: i128 = 0;
    for w in ints {
        let (part, rest) = match total.0.checked_mul(*w) {
            Some(exact) => div_rem_euclid(exact, sum)?,
            // total·w past i128 (long lines with many decimals): the same floor and remainder
            // from a 256-bit product; the quotient is at most `total` and the remainder below
            // `sum`, so both fit.
            None => mul_div_rem(total.0, *w, sum)?,
        };
        given = given.checked_add(part)?;
        parts.push(Fen(part));
        remainders.push(rest);
    }
    // The remainders add up to `left`·sum and each is below sum, so 0 ≤ left and more than
    // `left` remainders are non-zero (hence left < number of parts).
    let left = usize::try_from(total.0.checked_sub(given)?).ok()?;
    if left == 0 {
        return Some(());
    }
    // The fen go to the `left` largest remainders, ties to the earlier part. The smallest
    // remainder served, t, is the largest value that at least `left` remainders reach: found by
    // bisection between 1 and the largest remainder, at most 127 linear passes whatever the
    // input. (A selection would be as fast but costs the wasm build a sort routine, ~2.5 KB.)
    let reaching = |v: i128| remainders.iter().filter(|&&r| r >= v).count();
    // Invariant: reaching(lo) ≥ left > reaching(hi + 1); at the end t = lo.
    let (mut lo, mut hi) = (1i128, remainders.iter().copied().max()?);
    while lo < hi {
        let mid = lo.checked_add(hi.checked_sub(lo)?.checked_add(1)?.checked_div(2)?)?;
        if reaching(mid) >= left {
            lo = mid;
        } else {
            hi = mid.checked_sub(1)?;
        }
    }
    // Every remainder above t is served, then those equal to t in order while fen are left.
    let mut ties = left.checked_sub(reaching(lo.checked_add(1)?))?;
    for (part, &r) in parts.iter_mut().zip(remainders.iter()) {
        let served = r > lo || (r == lo && ties > 0);
        if r == lo && served {
            ties -= 1;
        }
        if served {
            part.0 = part.0.checked_add(1)?;
        }
    }
    Some(())
}

/// `(a·b) div c` and `(a·b) mod c` for `a, b ≥ 0`, `c > 0`, computed through a 256-bit product
/// so that `a·b` may exceed `i128`; `None` for negative terms or when the quotient does not fit.
fn mul_div_rem(a: i128, b: i128, c: i128) -> Option<(i128, i128)> {
    let (a, b, c) = (
        u128::try_from(a).ok()?,
        u128::try_from(b).ok()?,
        u128::try_from(c).ok()?,
    );
    if c == 0 {
        return None;
    }
    // a·b = hi·2^128 + lo, from 64-bit halves.
    let mask = u128::from(u64::MAX);
    let (a1, a0, b1, b0) = (a >> 64, a & mask, b >> 64, b & mask);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1); // each < 2^128
    let (mid, carry_mid) = p01.overflowing_add(p10);
    let (lo, carry_lo) = p00.overflowing_add(mid << 64);
    let hi = p11
        .checked_add(mid >> 64)?
        .checked_add(u128::from(carry_mid) << 64)?
        .checked_add(u128::from(carry_lo))?;
    // Long division of (hi, lo) by c, one bit at a time; the remainder stays below c < 2^127.
    let (mut q, mut r): (u128, u128) = (0, 0);
    for i in (0..256u32).rev() {
        let bit = if i >= 128 {
            (hi >> (i - 128)) & 1
        } else {
            (lo >> i) & 1
        };
        r = (r << 1) | bit; // r < 2c ≤ 2^128: no bit lost, as c < 2^127
        let take = r >= c;
        if take {
            r -= c;
        }
        if i >= 128 {
            if take {
                return None; // the quotient would need more than 128 bits
            }
        } else if take {
            q |= 1u128 << i;
        }
    }
    Some((i128::try_from(q).ok()?, i128::try_from(r).ok()?))
}

/// Euclidean quotient and remainder; in 64 bits when both fit (an `i128` division is a library
/// call), the same numbers either way. `None` only for a zero divisor or `i128::MIN / -1`.
fn div_rem_euclid(a: i128, b: i128) -> Option<(i128, i128)> {
    if let (Ok(x), Ok(y)) = (i64::try_from(a), i64::try_from(b)) {
        if let (Some(q), Some(r)) = (x.checked_div_euclid(y), x.checked_rem_euclid(y)) {
            return Some((i128::from(q), i128::from(r)));
        }
    }
    Some((a.checked_div_euclid(b)?, a.checked_rem_euclid(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i128, d: i128) -> Fraction {
        Fraction::new(n, d).unwrap()
    }

    #[test]
    fn allocation_cases() {
        let cases: Vec<(&str, i128, Vec<Fraction>, Vec<i128>)> = vec![
            (
                "5:4:1 of 1.00 元",
                100,
                vec![f(5, 1), f(4, 1), f(1, 1)],
                vec![50, 40, 10],
            ),
            (
                "thirds of 1.00 元: leftover fen to the first",
                100,
                vec![f(1, 1); 3],
                vec![34, 33, 33],
            ),
            (
                "5:4:1 of 0.01 元",
                1,
                vec![f(5, 1), f(4, 1), f(1, 1)],
                vec![1, 0, 0],
            ),
            ("80:20 of 0.03 元", 3, vec![f(8, 10), f(2, 10)], vec![2, 1]),
            (
                "zero weight gets nothing",
                7,
                vec![f(0, 1), f(1, 1)],
                vec![0, 7],
            ),
            ("zero total", 0, vec![f(1, 1), f(2, 1)], vec![0, 0]),
            (
                "negative total: floors towards −∞",
                -100,
                vec![f(1, 1); 3],
                vec![-33, -33, -34],
            ),
            ("single part", 12_345, vec![f(2, 7)], vec![12_345]),
            (
                "one fen, ties to the first",
                1,
                vec![f(1, 3); 3],
                vec![1, 0, 0],
            ),
        ];
        for (name, total, weights, want) in cases {
            let got: Vec<i128> = allocate(Fen(total), &weights)
                .unwrap()
                .into_iter()
                .map(|x| x.0)
                .collect();
            assert_eq!(got, want, "case: {name}");
            assert_eq!(got.iter().sum::<i128>(), total, "case: {name} must add up");
        }
        assert_eq!(
            allocate(Fen(5), &[Fraction::ZERO]),
            None,
            "all-zero weights"
        );
    }

    #[test]
    #[allow(clippy::identity_op)] // the expected figure written out as the long division does it
    fn products_past_i128_are_divided_exactly() {
        let big = 10i128.pow(30);
        assert_eq!(mul_div_rem(big, big, big), Some((big, 0)));
        assert_eq!(mul_div_rem(big + 7, big, big), Some((big + 7, 0)));
        assert_eq!(mul_div_rem(3, 5, 4), Some((3, 3)));
        assert_eq!(
            mul_div_rem(i128::MAX, i128::MAX, i128::MAX),
            Some((i128::MAX, 0))
        );
        assert_eq!(
            mul_div_rem(i128::MAX, 2, 3),
            Some((
                i128::MAX / 3 * 2 + (i128::MAX % 3 * 2) / 3,
                (i128::MAX % 3 * 2) % 3
            ))
        );
        assert_eq!(mul_div_rem(i128::MAX, i128::MAX, 1), None);
        assert_eq!(mul_div_rem(-1, 2, 3), None);
        // Against plain i128 where that does not overflow.
        for (a, b, c) in [
            (123_456_789i128, 987_654_321i128, 1_000_003i128),
            (10i128.pow(18), 10i128.pow(19), 7),
        ] {
            assert_eq!(mul_div_rem(a, b, c), Some((a * b / c, a * b % c)));
        }
        // A split whose products exceed i128 still adds up.
        let w = [
            Fraction::new(10i128.pow(25) + 1, 10i128.pow(12)).unwrap(),
            Fraction::new(3, 7).unwrap(),
        ];
        let parts = allocate(Fen(10i128.pow(17)), &w).unwrap();
        assert_eq!(parts.iter().map(|p| p.0).sum::<i128>(), 10i128.pow(17));
    }

    #[test]
    fn half_up_rounding() {
        assert_eq!(
            round_half_up_to_fen(f(1005, 1000)),
            Some(Fen(101)),
            "1.005 → 1.01"
        );
        assert_eq!(
            round_half_up_to_fen(f(1004, 1000)),
            Some(Fen(100)),
            "1.004 → 1.00"
        );
        assert_eq!(Fen(123450).yuan_text(), "1234.50");
        assert_eq!(Fen(0).yuan_text(), "0.00");
        assert_eq!(Fen(-5).yuan_text(), "-0.05");
        assert_eq!(Fen(5).yuan_text(), "0.05");
        assert_eq!(Fen(100).yuan_text(), "1.00");
        assert_eq!(
            Fen(i128::from(u64::MAX)).yuan_text(),
            "184467440737095516.15"
        );
        assert_eq!(
            Fen(i128::from(u64::MAX) + 1).yuan_text(),
            "184467440737095516.16"
        );
        assert_eq!(Fen(-12_345).yuan_text(), "-123.45");
        assert_eq!(Fen(i128::MAX).yuan_text(), "overflow");
        assert_eq!(Fen(7).div_half_up(2), Some(Fen(4)));
        assert_eq!(Fen(7).div_half_up(3), Some(Fen(2)));
        assert_eq!(Fen(5).div_half_up(0), None);
        assert_eq!(Fen(25_765_500_000).wan_text(), "25765.5");
        assert_eq!(Fen(1).wan_text(), "0.000001");
        assert_eq!(Fen(0).wan_text(), "0");
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(yuan_to_fen_half_up(d("1.005")), Some(Fen(101)));
        assert_eq!(yuan_to_fen_half_up(d("1.0049")), Some(Fen(100)));
        assert_eq!(yuan_to_fen_half_up(d("7500000")), Some(Fen(750_000_000)));
        assert_eq!(
            yuan_to_fen_half_up(d("23875000.5")),
            Some(Fen(2_387_500_050))
        );
        assert_eq!(Fen(i128::MIN).yuan_text(), "overflow");
        assert_eq!(
            Fen(MAX_DECIMAL_MANTISSA as i128).yuan_text(),
            "792281625142643375935439503.35"
        );
        assert_eq!(
            Fen(MAX_DECIMAL_MANTISSA as i128 + 1).yuan_text(),
            "overflow"
        );
    }
}
