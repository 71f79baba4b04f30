//! Exact rational numbers for thresholds and shares.
//!
//! "三分之二以上" must accept 40 of 60 owners; decimals cannot hold 2/3, so thresholds and split
//! weights are kept as reduced `i128` fractions. A wrong threshold decision or a wrong percentage
//! in a message is worse than none, and the wasm build aborts on a panic, so for every input:
//!
//! - nothing here panics: `i128` arithmetic is `checked_*` (the `+ 1` of `ceil` and of the carry
//!   in `percent_text` is a `saturating_add` that cannot saturate: it follows a remainder, so
//!   `den ≥ 2` and the quotient is at most `i128::MAX / 2`); decimals are built with
//!   `try_from_i128_with_scale`; nothing is indexed or unwrapped;
//! - nothing here is approximate: a result that does not fit is `None`, never wrapped, saturated
//!   or rounded (`new`, `from_decimal`, `parse`, `checked_*`, `to_decimal_ceil`);
//! - `floor`, `ceil`, `checked_cmp` and `percent_text` cannot overflow at all, whatever the sizes
//!   of numerator and denominator: they work on quotient and remainder, compare by continued
//!   fractions and find decimals by long division, never forming a product of two terms. So
//!   `checked_cmp` is always `Some` and `percent_text` always the correct figure.
//!
//! The invariant behind this is that of [`Fraction`]: `num ≥ 0`, `den ≥ 1`, in lowest terms. The
//! fields are private and every constructor goes through [`Fraction::new`].

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// A non-negative fraction `num/den` in lowest terms, `den ≥ 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fraction {
    num: i128,
    den: i128,
}

/// Greatest common divisor of two non-negative numbers; 0 only when both are 0.
pub(crate) fn gcd(mut a: i128, mut b: i128) -> i128 {
    // Numbers that fit in 64 bits (nearly all) take 64-bit remainders: an `i128` remainder is a
    // library call, in the browser module especially.
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return i128::from(gcd64(x, y));
    }
    // `checked_rem` is `None` only for b == 0 (the end) or i128::MIN % -1 (never: a, b ≥ 0).
    while let Some(t) = a.checked_rem(b) {
        a = b;
        b = t;
    }
    a
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    while let Some(t) = a.checked_rem(b) {
        a = b;
        b = t;
    }
    a
}

/// `a · b` for two terms below 2^32 (so the product fits in 64 bits), without the 128-bit
/// multiplication; `None` for larger terms (the caller takes the general path).
fn small_product(a: i128, b: i128) -> Option<i128> {
    let (a, b) = (u32::try_from(a).ok()?, u32::try_from(b).ok()?);
    // (2^32 − 1)² < 2^64: cannot overflow.
    Some(i128::from(u64::from(a) * u64::from(b)))
}

/// The first `places` decimals of `r/den` (`0 ≤ r < den`) as an integer below 10^places, and
/// the remainder: `r·10^places = digits·den + rest`. One digit at a time, each found by ten
/// additions modulo `den`, so no intermediate exceeds `den`. `None` above 18 places.
fn decimals(mut r: i128, den: i128, places: u32) -> Option<(u64, i128)> {
    if places > 18 {
        return None;
    }
    let mut digits: u64 = 0; // < 10^18 throughout
    for _ in 0..places {
        let (mut digit, mut acc) = (0, 0i128); // 10·r = digit·den + acc, 0 ≤ acc < den
        for _ in 0..10 {
            let room = den.checked_sub(acc)?; // ≥ 1
            if r >= room {
                acc = r.checked_sub(room)?;
                digit += 1;
            } else {
                acc = acc.checked_add(r)?;
            }
        }
        digits = digits * 10 + digit;
        r = acc;
    }
    Some((digits, r))
}

impl Fraction {
    /// Zero, `0/1`.
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };
    /// One, `1/1`.
    pub const ONE: Fraction = Fraction { num: 1, den: 1 };

    /// `None` when `den` is zero, the value is negative, or a term is `i128::MIN`.
    pub fn new(num: i128, den: i128) -> Option<Fraction> {
        if den == 0 || (num < 0) != (den < 0) && num != 0 {
            return None;
        }
        let (num, den) = (num.checked_abs()?, den.checked_abs()?);
        let g = gcd(num, den); // ≥ 1: den ≠ 0
        if g == 1 {
            return Some(Fraction { num, den });
        }
        if let (Ok(n), Ok(d), Ok(g)) = (u64::try_from(num), u64::try_from(den), u64::try_from(g)) {
            if let (Some(n), Some(d)) = (n.checked_div(g), d.checked_div(g)) {
                return Some(Fraction {
                    num: i128::from(n),
                    den: i128::from(d),
                });
            }
        }
        Some(Fraction {
            num: num.checked_div(g)?,
            den: den.checked_div(g)?,
        })
    }

    /// A whole number, exactly (every `u64` fits).
    pub fn from_integer(n: u64) -> Fraction {
        Fraction {
            num: i128::from(n),
            den: 1,
        }
    }

    /// The exact value of a non-negative decimal (every one fits: 96 bits over 10^≤28).
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
                let n = Fraction::from_decimal(crate::numbers::decimal_text(n)?)?;
                let d = Fraction::from_decimal(crate::numbers::decimal_text(d)?)?;
                n.checked_div(d)
            }
            None => Fraction::from_decimal(crate::numbers::decimal_text(text)?),
        }
    }

    /// The numerator (≥ 0), in lowest terms.
    pub fn num(self) -> i128 {
        self.num
    }
    /// The denominator (≥ 1), in lowest terms.
    pub fn den(self) -> i128 {
        self.den
    }
    /// Whether the fraction is 0 (a weight that takes no part of a split).
    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// The exact product; `None` only when the reduced result does not fit in `i128` (the terms are
    /// cross-reduced first, so an intermediate product never overflows where the result would fit).
    pub fn checked_mul(self, o: Fraction) -> Option<Fraction> {
        // Two whole numbers: their product, already in lowest terms.
        if self.den == 1 && o.den == 1 {
            let num = match small_product(self.num, o.num) {
                Some(p) => p,
                None => self.num.checked_mul(o.num)?,
            };
            return Some(Fraction { num, den: 1 });
        }
        // Terms below 2^32: cross-reduced in 64 bits, the products fit (the same fraction).
        if let (Ok(a), Ok(b), Ok(c), Ok(d)) = (
            u32::try_from(self.num),
            u32::try_from(self.den),
            u32::try_from(o.num),
            u32::try_from(o.den),
        ) {
            let (a, b, c, d) = (u64::from(a), u64::from(b), u64::from(c), u64::from(d));
            let (g1, g2) = (gcd64(a, d), gcd64(c, b)); // ≥ 1: b, d ≥ 1
            if let (Some(a), Some(d), Some(c), Some(b)) = (
                a.checked_div(g1),
                d.checked_div(g1),
                c.checked_div(g2),
                b.checked_div(g2),
            ) {
                // Each factor is below 2^32, so neither product can overflow.
                return Fraction::new(i128::from(a * c), i128::from(b * d));
            }
        }
        // Cross-reduce first, so that a product fits whenever the reduced result does.
        let g1 = gcd(self.num, o.den); // ≥ 1: o.den ≥ 1
        let g2 = gcd(o.num, self.den);
        Fraction::new(
            self.num
                .checked_div(g1)?
                .checked_mul(o.num.checked_div(g2)?)?,
            self.den
                .checked_div(g2)?
                .checked_mul(o.den.checked_div(g1)?)?,
        )
    }

    /// The exact quotient; `None` when dividing by zero or when the result does not fit.
    pub fn checked_div(self, o: Fraction) -> Option<Fraction> {
        if o.num == 0 {
            return None;
        }
        self.checked_mul(Fraction {
            num: o.den,
            den: o.num,
        })
    }

    /// The exact sum; `None` when the result does not fit.
    pub fn checked_add(self, o: Fraction) -> Option<Fraction> {
        if self.den == 1 && o.den == 1 {
            return Some(Fraction {
                num: self.num.checked_add(o.num)?,
                den: 1,
            });
        }
        let (a, b, den) = self.common(o)?;
        Fraction::new(a.checked_add(b)?, den)
    }

    /// `self - o`, `None` when negative.
    pub fn checked_sub(self, o: Fraction) -> Option<Fraction> {
        let (a, b, den) = self.common(o)?;
        Fraction::new(a.checked_sub(b)?, den)
    }

    /// Both numerators over the least common denominator: `(a, b, den)`.
    fn common(self, o: Fraction) -> Option<(i128, i128, i128)> {
        let g = gcd(self.den, o.den); // ≥ 1
        let (sf, of) = (o.den.checked_div(g)?, self.den.checked_div(g)?);
        Some((
            self.num.checked_mul(sf)?,
            o.num.checked_mul(of)?,
            self.den.checked_mul(sf)?,
        ))
    }

    /// `(q, r)` with `num = q·den + r`, `0 ≤ r < den`. The division cannot fail (`den ≥ 1`,
    /// `num ≥ 0`); the fallback is never taken.
    fn div_rem(self) -> (i128, i128) {
        if let (Ok(n), Ok(d)) = (u64::try_from(self.num), u64::try_from(self.den)) {
            if let (Some(q), Some(r)) = (n.checked_div(d), n.checked_rem(d)) {
                return (i128::from(q), i128::from(r));
            }
        }
        match (
            self.num.checked_div(self.den),
            self.num.checked_rem(self.den),
        ) {
            (Some(q), Some(r)) => (q, r),
            _ => (0, 0),
        }
    }

    /// Largest integer ≤ self.
    pub fn floor(self) -> i128 {
        self.div_rem().0
    }

    /// Smallest integer ≥ self. Cannot overflow: with a remainder `den ≥ 2`, so `q ≤ i128::MAX/2`.
    pub fn ceil(self) -> i128 {
        match self.div_rem() {
            (q, 0) => q,
            (q, _) => q.saturating_add(1), // never saturates, see above
        }
    }

    /// Exact comparison. Always `Some`: integer parts are compared, then the reciprocals of the
    /// fractional parts (a continued-fraction expansion, Euclid's steps), so no product is formed
    /// and nothing can overflow. The `Option` is kept for callers written against the earlier
    /// cross-multiplying version.
    pub fn checked_cmp(self, o: Fraction) -> Option<Ordering> {
        // Terms below 2^32: the cross products fit in 64 bits and compare exactly.
        if let (Some(l), Some(r)) = (
            small_product(self.num, o.den),
            small_product(o.num, self.den),
        ) {
            return Some(l.cmp(&r));
        }
        let (mut a, mut b, mut flip) = ((self.num, self.den), (o.num, o.den), false);
        loop {
            let (qa, ra) = (a.0.checked_div(a.1)?, a.0.checked_rem(a.1)?);
            let (qb, rb) = (b.0.checked_div(b.1)?, b.0.checked_rem(b.1)?);
            let ord = match (qa.cmp(&qb), ra == 0, rb == 0) {
                (Ordering::Equal, false, false) => {
                    // ra/a.1 < rb/b.1 ⇔ a.1/ra > b.1/rb; denominators strictly decrease.
                    (a, b, flip) = ((a.1, ra), (b.1, rb), !flip);
                    continue;
                }
                (Ordering::Equal, a_whole, b_whole) => b_whole.cmp(&a_whole),
                (ord, _, _) => ord,
            };
            return Some(if flip { ord.reverse() } else { ord });
        }
    }

    /// Rounds up to `places` decimal places (used to say "at least this many m² more"). `None`
    /// when the result does not fit a `Decimal` or `places > 18`; only the result has to fit.
    pub fn to_decimal_ceil(self, places: u32) -> Option<Decimal> {
        let (q, r) = self.div_rem();
        let (digits, rest) = decimals(r, self.den, places)?;
        let scaled = q
            .checked_mul(10i128.checked_pow(places)?)?
            .checked_add(i128::from(digits))?
            .checked_add(i128::from(rest != 0))?;
        Decimal::try_from_i128_with_scale(scaled, places).ok()
    }

    /// Percentage rounded half up to at most two decimals, for messages ("66.67%", "50%",
    /// "0.5%"). Correct for every fraction: the integer part is written out as text and only the
    /// four decimals that matter are computed, by long division.
    pub fn percent_text(self) -> String {
        let (mut q, r) = self.div_rem();
        // self·100 = q·100 + c, with c = (r/den)·100 in hundredths, rounded half up (2·rest ≥ den).
        // A denominator below 2^49 takes one 64-bit division (r·10^4 < 2^63), the same digits
        // and remainder as the long division.
        let short = u64::try_from(r)
            .ok()
            .zip(u64::try_from(self.den).ok())
            .filter(|&(_, d)| d < 1 << 49)
            .and_then(|(r, d)| {
                let scaled = r.checked_mul(10_000)?;
                Some((scaled.checked_div(d)?, i128::from(scaled.checked_rem(d)?)))
            });
        let Some((mut c, rest)) = short.or_else(|| decimals(r, self.den, 4)) else {
            return "?".into(); // never: 4 ≤ 18 places and 0 ≤ r < den
        };
        let den = self.den;
        if den.checked_sub(rest).is_some_and(|other| rest >= other) {
            c += 1;
        }
        if c == 10_000 {
            // Carry; r > 0 here, so den ≥ 2 and q ≤ i128::MAX / 2: q + 1 cannot saturate.
            (q, c) = (q.saturating_add(1), 0);
        }
        // Written without the formatting machinery: "66.67%", "50%", "0.5%", "100%".
        let digit = |d: u64| char::from(b'0' + (d % 10) as u8);
        let mut out = String::with_capacity(12);
        let (pct, h) = (c / 100, c % 100);
        if q == 0 {
            let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
            out.push_str(crate::numbers::write_scaled(
                &mut buf,
                false,
                u128::from(pct),
                0,
            ));
        } else {
            let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
            out.push_str(crate::numbers::write_scaled(
                &mut buf,
                false,
                q.unsigned_abs(),
                0,
            ));
            out.push(digit(pct / 10));
            out.push(digit(pct));
        }
        if h != 0 {
            out.push('.');
            out.push(digit(h / 10));
            if h % 10 != 0 {
                out.push(digit(h));
            }
        }
        out.push('%');
        out
    }
}

impl Fraction {
    /// The fraction as [`Display`](std::fmt::Display) writes it (`"2/3"`, `"5"`), built directly:
    /// results hold one per share, and `to_string` goes through the formatting machinery.
    pub fn text(self) -> String {
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        let mut out = String::with_capacity(8);
        out.push_str(crate::numbers::write_scaled(
            &mut buf,
            false,
            self.num.unsigned_abs(),
            0,
        ));
        if self.den != 1 {
            out.push('/');
            out.push_str(crate::numbers::write_scaled(
                &mut buf,
                false,
                self.den.unsigned_abs(),
                0,
            ));
        }
        out
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        // Both terms are ≥ 0 (the invariant); written without the integer formatting machinery.
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        f.write_str(crate::numbers::write_scaled(
            &mut buf,
            false,
            self.num.unsigned_abs(),
            0,
        ))?;
        if self.den != 1 {
            f.write_str("/")?;
            f.write_str(crate::numbers::write_scaled(
                &mut buf,
                false,
                self.den.unsigned_abs(),
                0,
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i128, d: i128) -> Fraction {
        Fraction::new(n, d).unwrap()
    }

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
        // A pack's figures go through the exact reader inputs use: never rounded, no digit
        // separators (rust_decimal's `FromStr`, used before, rounded the first and took the
        // second).
        assert_eq!(Fraction::parse(" 3 / 4 "), Fraction::new(3, 4));
        assert_eq!(Fraction::parse("1.5E-1"), Fraction::new(3, 20));
        assert_eq!(
            Fraction::parse("0.12345678901234567890123456789"),
            None,
            "29 decimals"
        );
        assert_eq!(Fraction::parse("1_000"), None, "digit separator");
        assert_eq!(Fraction::new(7, 3).unwrap().ceil(), 3);
        assert_eq!(Fraction::new(6, 3).unwrap().ceil(), 2);
        assert_eq!(two_thirds.percent_text(), "66.67%");
        for x in [
            two_thirds,
            Fraction::ZERO,
            Fraction::ONE,
            f(i128::MAX, 1),
            f(1, i128::MAX),
            f(5, 10),
        ] {
            assert_eq!(x.text(), x.to_string());
        }
    }

    #[test]
    fn new_refuses_what_it_cannot_hold() {
        let cases = [
            ("reduces", 40, 60, Some((2, 3))),
            ("both negative", -4, -6, Some((2, 3))),
            ("zero over negative", 0, -5, Some((0, 1))),
            ("zero denominator", 1, 0, None),
            ("negative", -1, 2, None),
            ("i128::MIN numerator", i128::MIN, -1, None),
            ("i128::MIN denominator", 2, i128::MIN, None),
        ];
        for (name, n, d, want) in cases {
            let got = Fraction::new(n, d).map(|x| (x.num(), x.den()));
            assert_eq!(got, want, "case: {name}");
        }
    }

    #[test]
    fn floor_and_ceil_at_the_extremes() {
        let max = i128::MAX;
        let cases = [
            ("7/3", f(7, 3), 2, 3),
            ("6/3", f(6, 3), 2, 2),
            ("zero", Fraction::ZERO, 0, 0),
            ("i128::MAX", f(max, 1), max, max),
            (
                "i128::MAX/2, ceil needs the +1",
                f(max, 2),
                max / 2,
                max / 2 + 1,
            ),
            ("(i128::MAX-1)/i128::MAX", f(max - 1, max), 0, 1),
            ("1/i128::MAX", f(1, max), 0, 1),
        ];
        for (name, x, floor, ceil) in cases {
            assert_eq!(x.floor(), floor, "case: {name} floor");
            assert_eq!(x.ceil(), ceil, "case: {name} ceil");
        }
    }

    #[test]
    fn comparison_never_overflows() {
        let max = i128::MAX;
        let cases = [
            ("2/3 vs 40/60", f(2, 3), f(40, 60), Ordering::Equal),
            ("zero vs tiny", Fraction::ZERO, f(1, max), Ordering::Less),
            (
                "MAX/(MAX-1) vs (MAX-1)/(MAX-2)",
                f(max, max - 1),
                f(max - 1, max - 2),
                Ordering::Less,
            ),
            (
                "(MAX-1)/MAX vs (MAX-2)/(MAX-1)",
                f(max - 1, max),
                f(max - 2, max - 1),
                Ordering::Greater,
            ),
            ("MAX vs MAX", f(max, 1), f(max, 1), Ordering::Equal),
            (
                "integer vs just above",
                f(5, 1),
                f(5 * 1_000_000_007 + 1, 1_000_000_007),
                Ordering::Less,
            ),
            (
                "1e13 vs 3/10 of 1e-28",
                f(10i128.pow(13), 1),
                f(3, 10i128.pow(29)),
                Ordering::Greater,
            ),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(a.checked_cmp(b), Some(want), "case: {name}");
            assert_eq!(
                b.checked_cmp(a),
                Some(want.reverse()),
                "case: {name}, reversed"
            );
        }
    }

    #[test]
    fn percent_text_is_exact_for_every_fraction() {
        let max = i128::MAX;
        let cases = [
            ("two thirds", f(2, 3), "66.67%"),
            ("half", f(1, 2), "50%"),
            ("one", Fraction::ONE, "100%"),
            ("zero", Fraction::ZERO, "0%"),
            ("one decimal", f(1, 200), "0.5%"),
            ("two decimals", f(1, 2000), "0.05%"),
            ("half up at the last place", f(5, 100_000), "0.01%"),
            ("just below half", f(49_999, 1_000_000_000), "0%"),
            (
                "rounds up into the integer part",
                f(99_999, 100_000),
                "100%",
            ),
            ("carry into the whole part", f(1_999_995, 1_000_000), "200%"),
            (
                "i128::MAX",
                f(max, 1),
                "17014118346046923173168730371588410572700%",
            ),
            ("1/i128::MAX", f(1, max), "0%"),
            ("(MAX-1)/MAX", f(max - 1, max), "100%"),
            ("MAX/(MAX-1)", f(max, max - 1), "100%"),
            (
                "MAX/3",
                f(max, 3),
                "5671372782015641057722910123862803524233.33%",
            ),
            // Defect 1: 7922816251427 / 0.000000000001 overflowed Decimal's 96 bits and panicked.
            (
                "7922816251427 / 10^-12",
                f(7_922_816_251_427 * 10i128.pow(12), 1),
                "792281625142700000000000000%",
            ),
            // Defect 2: 10^13 / 10^-22 multiplied with overflow (debug) or printed 0% (release).
            (
                "10^13 / 10^-22",
                f(10i128.pow(35), 1),
                "10000000000000000000000000000000000000%",
            ),
        ];
        for (name, x, want) in cases {
            assert_eq!(x.percent_text(), want, "case: {name}");
        }
    }

    #[test]
    fn decimal_ceil_needs_only_the_result_to_fit() {
        let max = i128::MAX;
        let cases = [
            ("2/3 to 4 places", f(2, 3), 4, Some("0.6667")),
            ("exact", f(1, 4), 4, Some("0.25")),
            ("zero places", f(7, 3), 0, Some("3")),
            (
                "huge terms, small value",
                f(max, max - 1),
                4,
                Some("1.0001"),
            ),
            ("tiny", f(1, max), 4, Some("0.0001")),
            ("too big for 96 bits", f(max, 1), 4, None),
            (
                "Decimal::MAX",
                Fraction::from_decimal(Decimal::MAX).unwrap(),
                0,
                Some("79228162514264337593543950335"),
            ),
            (
                "Decimal::MAX one place",
                Fraction::from_decimal(Decimal::MAX).unwrap(),
                1,
                None,
            ),
            ("places beyond 18", f(1, 3), 19, None),
            ("places u32::MAX", f(1, 3), u32::MAX, None),
        ];
        for (name, x, places, want) in cases {
            let got = x.to_decimal_ceil(places).map(|d| d.normalize().to_string());
            assert_eq!(got.as_deref(), want, "case: {name}");
        }
    }

    #[test]
    fn checked_operations_refuse_overflow() {
        let max = i128::MAX;
        let big = f(max, 1);
        let tiny = f(1, max);
        let cases: [(&str, Option<Fraction>, Option<Fraction>); 8] = [
            ("MAX + 1", big.checked_add(Fraction::ONE), None),
            ("MAX + 0", big.checked_add(Fraction::ZERO), Some(big)),
            ("MAX · 2", big.checked_mul(f(2, 1)), None),
            (
                "MAX · 1/MAX cross-reduces",
                big.checked_mul(tiny),
                Some(Fraction::ONE),
            ),
            ("1/MAX + 1/(MAX-1)", tiny.checked_add(f(1, max - 1)), None),
            ("MAX - MAX", big.checked_sub(big), Some(Fraction::ZERO)),
            ("0 - tiny", Fraction::ZERO.checked_sub(tiny), None),
            ("x / 0", big.checked_div(Fraction::ZERO), None),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, want, "case: {name}");
        }
    }

    #[test]
    fn decimals_at_the_96_bit_and_28_scale_limits() {
        let max = Decimal::MAX; // 2^96 - 1
        let min_step = Decimal::new(1, 28); // 10^-28
        let cases = [
            (
                "Decimal::MAX",
                max,
                (79_228_162_514_264_337_593_543_950_335, 1),
            ),
            ("10^-28", min_step, (1, 10i128.pow(28))),
            (
                "96-bit mantissa at scale 28",
                Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_333, 28),
                (79_228_162_514_264_337_593_543_950_333, 10i128.pow(28)),
            ),
            ("trailing zeros", Decimal::new(1_000, 3), (1, 1)),
        ];
        for (name, d, want) in cases {
            let x = Fraction::from_decimal(d).unwrap();
            assert_eq!((x.num(), x.den()), want, "case: {name}");
        }
        assert_eq!(Fraction::from_decimal(-min_step), None, "case: negative");
        let ratio = Fraction::from_decimal(max)
            .unwrap()
            .checked_div(Fraction::from_decimal(min_step).unwrap());
        assert_eq!(ratio, None, "case: Decimal::MAX / 10^-28 does not fit i128");
    }
}
