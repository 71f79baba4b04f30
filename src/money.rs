//! Money in fen, and the one rounding step.
//!
//! Amounts are computed exactly (decimal inputs, fractional shares). Rounding happens once, with
//! the strategy named in [`ROUNDING`]: the exact grand total is rounded half up to the fen, then
//! split into lines and each line into parties by largest remainder in integer fen. Parts therefore
//! add up exactly to every line and to the total, whatever the ratios.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::fraction::Fraction;

/// Name of the rounding strategy, reported with every estimate.
pub const ROUNDING: &str = "halfUpTotalThenLargestRemainder";

/// An amount in fen (0.01 元). Serialised as a string in 元 with two decimals: `"1234.50"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Fen(pub i128);

impl Fen {
    pub fn yuan_text(self) -> String {
        Decimal::try_from_i128_with_scale(self.0, 2)
            .map(|d| d.to_string())
            .unwrap_or_else(|_| "overflow".into())
    }
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.yuan_text())
    }
}

impl Serialize for Fen {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.yuan_text())
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|f| f.0).sum())
    }
}

/// Rounds an exact amount in 元 half up (away from zero at .5) to whole fen.
pub fn round_half_up_to_fen(yuan: Fraction) -> Option<Fen> {
    let fen = yuan.checked_mul(Fraction::from_integer(100))?;
    let doubled = fen.num().checked_mul(2)?.checked_add(fen.den())?;
    Some(Fen(doubled / fen.den().checked_mul(2)?))
}

/// Splits `total` fen in proportion to `weights` (not all zero), exactly: each part is the floor
/// of its exact share, and the fen left over go one each to the largest remainders (ties to the
/// earlier part). `None` on overflow or when every weight is zero.
pub fn allocate(total: Fen, weights: &[Fraction]) -> Option<Vec<Fen>> {
    // Bring the weights to one denominator so the arithmetic is on integers.
    let mut den: i128 = 1;
    for w in weights {
        let g = gcd(den, w.den());
        den = (den / g).checked_mul(w.den())?;
    }
    let ints: Vec<i128> = weights
        .iter()
        .map(|w| w.num().checked_mul(den / w.den()))
        .collect::<Option<_>>()?;
    let sum: i128 = ints.iter().try_fold(0i128, |a, &b| a.checked_add(b))?;
    if sum == 0 {
        return None;
    }
    let mut parts = Vec::with_capacity(ints.len());
    let mut remainders = Vec::with_capacity(ints.len());
    for (i, &w) in ints.iter().enumerate() {
        let exact = total.0.checked_mul(w)?;
        parts.push(exact / sum);
        remainders.push((exact % sum, i));
    }
    // Fewer fen are left over than there are parts; each goes to the largest remainder not yet
    // served, ties to the earlier part. (A selection, not a sort: parts are few, and the module
    // stays smaller without a sort routine.)
    let left = total.0 - parts.iter().sum::<i128>();
    for _ in 0..left {
        let mut best: Option<usize> = None;
        for (k, (rem, _)) in remainders.iter().enumerate() {
            if *rem >= 0 && best.is_none_or(|b| *rem > remainders[b].0) {
                best = Some(k);
            }
        }
        let k = best?;
        parts[remainders[k].1] += 1;
        remainders[k].0 = -1; // served
    }
    Some(parts.into_iter().map(Fen).collect())
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a.abs().max(1)
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
    }
}
