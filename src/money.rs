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

/// Splits `total` fen in proportion to `weights` (not all zero), exactly: each part is the floor
/// of its exact share, and the fen left over go one each to the largest remainders (ties to the
/// earlier part). `None` when every weight is zero, or when the weights' common denominator or a
/// product `total · weight` over it does not fit in `i128`. (A negative total follows the same
/// rule: floors are taken towards −∞, so the leftover is still between 0 and the number of parts.)
pub fn allocate(total: Fen, weights: &[Fraction]) -> Option<Vec<Fen>> {
    // One weight takes it all (the general path gives the same: the whole, or `None` for a zero
    // weight or a product total · weight that does not fit).
    if let [w] = weights {
        if w.is_zero() {
            return None;
        }
        total.0.checked_mul(w.num())?;
        return Some(vec![total]);
    }
    // Bring the weights to one denominator so the arithmetic is on integers.
    let mut den: i128 = 1;
    for w in weights {
        den = den.checked_div(gcd(den, w.den()))?.checked_mul(w.den())?;
    }
    let mut sum: i128 = 0;
    // The integer weights first; each becomes its part below.
    let mut parts = Vec::with_capacity(weights.len());
    for w in weights {
        let int = w.num().checked_mul(den.checked_div(w.den())?)?;
        sum = sum.checked_add(int)?;
        parts.push(int);
    }
    if sum == 0 {
        return None;
    }
    // Each exact share is total·w/sum: its floor, and the remainder in [0, sum).
    let mut remainders = Vec::with_capacity(parts.len());
    let mut given: i128 = 0;
    for p in parts.iter_mut() {
        let exact = total.0.checked_mul(*p)?;
        let (part, rem) = div_rem_euclid(exact, sum)?;
        given = given.checked_add(part)?;
        *p = part;
        remainders.push(rem);
    }
    // The remainders add up to `left`·sum and each is below sum, so 0 ≤ left and more than
    // `left` remainders are non-zero (hence left < number of parts).
    let left = usize::try_from(total.0.checked_sub(given)?).ok()?;
    if left == 0 {
        return Some(parts.into_iter().map(Fen).collect());
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
    for (part, &r) in parts.iter_mut().zip(&remainders) {
        let served = r > lo || (r == lo && ties > 0);
        if r == lo && served {
            ties -= 1;
        }
        if served {
            *part = part.checked_add(1)?;
        }
    }
    Some(parts.into_iter().map(Fen).collect())
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
        assert_eq!(Fen(i128::MIN).yuan_text(), "overflow");
        assert_eq!(Fen(MAX_DECIMAL_MANTISSA as i128).yuan_text(), "792281625142643375935439503.35");
        assert_eq!(Fen(MAX_DECIMAL_MANTISSA as i128 + 1).yuan_text(), "overflow");
    }
}
