//! Exact rational numbers for thresholds and shares.
//!
//! "三分之二以上" must accept 40 of 60 owners; decimals cannot hold 2/3, so thresholds and split
//! weights are kept as reduced `i128` fractions and compared by cross-multiplication. Every
//! operation is checked: overflow is an error, never a wrong answer.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// A non-negative fraction `num/den` in lowest terms, `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fraction {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl Fraction {
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };
    pub const ONE: Fraction = Fraction { num: 1, den: 1 };

    /// `None` when `den` is zero or the value is negative.
    pub fn new(num: i128, den: i128) -> Option<Fraction> {
        if den == 0 || (num < 0) != (den < 0) && num != 0 {
            return None;
        }
        let (num, den) = (num.abs(), den.abs());
        let g = gcd(num, den).max(1);
        Some(Fraction {
            num: num / g,
            den: den / g,
        })
    }

    pub fn from_integer(n: u64) -> Fraction {
        Fraction {
            num: n as i128,
            den: 1,
        }
    }

    /// The exact value of a non-negative decimal.
    pub fn from_decimal(d: Decimal) -> Option<Fraction> {
        let d = d.normalize();
        let den = 10i128.checked_pow(d.scale())?;
        Fraction::new(d.mantissa(), den)
    }

    /// Parses `"2/3"`, `"0.8"` or `"5"`.
    pub fn parse(text: &str) -> Option<Fraction> {
        let text = text.trim();
        match text.split_once('/') {
            Some((n, d)) => {
                let n = Fraction::from_decimal(n.trim().parse::<Decimal>().ok()?)?;
                let d = Fraction::from_decimal(d.trim().parse::<Decimal>().ok()?)?;
                n.checked_div(d)
            }
            None => Fraction::from_decimal(text.parse::<Decimal>().ok()?),
        }
    }

    pub fn num(self) -> i128 {
        self.num
    }
    pub fn den(self) -> i128 {
        self.den
    }
    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn checked_mul(self, o: Fraction) -> Option<Fraction> {
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        Fraction::new(
            (self.num / g1).checked_mul(o.num / g2)?,
            (self.den / g2).checked_mul(o.den / g1)?,
        )
    }

    pub fn checked_div(self, o: Fraction) -> Option<Fraction> {
        if o.num == 0 {
            return None;
        }
        self.checked_mul(Fraction {
            num: o.den,
            den: o.num,
        })
    }

    pub fn checked_add(self, o: Fraction) -> Option<Fraction> {
        let g = gcd(self.den, o.den).max(1);
        let den = (self.den / g).checked_mul(o.den)?;
        let num = self
            .num
            .checked_mul(o.den / g)?
            .checked_add(o.num.checked_mul(self.den / g)?)?;
        Fraction::new(num, den)
    }

    /// `self - o`, `None` when negative.
    pub fn checked_sub(self, o: Fraction) -> Option<Fraction> {
        let g = gcd(self.den, o.den).max(1);
        let den = (self.den / g).checked_mul(o.den)?;
        let num = self
            .num
            .checked_mul(o.den / g)?
            .checked_sub(o.num.checked_mul(self.den / g)?)?;
        Fraction::new(num, den)
    }

    /// Smallest integer ≥ self.
    pub fn ceil(self) -> i128 {
        (self.num + self.den - 1) / self.den
    }

    /// Largest integer ≤ self.
    pub fn floor(self) -> i128 {
        self.num / self.den
    }

    /// Exact comparison by cross-multiplication; `None` on overflow.
    pub fn checked_cmp(self, o: Fraction) -> Option<Ordering> {
        Some(
            self.num
                .checked_mul(o.den)?
                .cmp(&o.num.checked_mul(self.den)?),
        )
    }

    /// Rounds up to `places` decimal places (used to say "at least this many m² more").
    pub fn to_decimal_ceil(self, places: u32) -> Option<Decimal> {
        let scale = 10i128.checked_pow(places)?;
        let scaled = Fraction::new(self.num.checked_mul(scale)?, self.den)?.ceil();
        Decimal::try_from_i128_with_scale(scaled, places).ok()
    }

    /// Percentage text with up to two decimals, for messages ("66.67%").
    pub fn percent_text(self) -> String {
        match Fraction::new(self.num.saturating_mul(10_000), self.den) {
            Some(f) => {
                let hundredths = (f.num * 2 + f.den) / (f.den * 2); // half up
                Decimal::from_i128_with_scale(hundredths, 2)
                    .normalize()
                    .to_string()
                    + "%"
            }
            None => "?".to_string(),
        }
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares_exactly() {
        let two_thirds = Fraction::parse("2/3").unwrap();
        let forty_of_sixty = Fraction::new(40, 60).unwrap();
        assert_eq!(
            two_thirds.checked_cmp(forty_of_sixty),
            Some(Ordering::Equal),
            "40/60 is exactly 2/3"
        );
        assert_eq!(Fraction::parse("0.9"), Fraction::new(9, 10));
        assert_eq!(Fraction::parse("1/0"), None, "zero denominator");
        assert_eq!(Fraction::parse("-1"), None, "negative");
        assert_eq!(Fraction::new(7, 3).unwrap().ceil(), 3);
        assert_eq!(Fraction::new(6, 3).unwrap().ceil(), 2);
        assert_eq!(two_thirds.percent_text(), "66.67%");
    }
}
