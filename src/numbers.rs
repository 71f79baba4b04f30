//! Reading numbers people type: counts, exact decimals (money, areas) and years, each refused with
//! a precise reason, and the limits every input is held to — written down once, here.
//!
//! JSON and JS hand us numbers as number tokens or strings; counts must be whole and
//! non-negative, money and areas exact decimals. Both are read exactly from their text (JSON
//! numbers are checked against their text while parsing, `input::json`), never rounded by a
//! float: `1e-400` is too precise rather than zero, `1.0000000000000000000001` is not 1, `-0`
//! is 0.
//!
//! The limits, enforced by the reader for every input (CLI, browser, spreadsheet import):
//! counts ≤ [`MAX_COUNT`] (10⁸); amounts and areas ≤ [`MAX_DECIMAL`] (10¹³) with at most
//! [`MAX_DECIMALS`] (6) decimals; texts ≤ [`MAX_TEXT_CHARS`] characters unless the schema says
//! less; years [`MIN_YEAR`]–[`MAX_YEAR`]; list lengths as the schema declares them (500 items,
//! 200 floors, 50 overrides, 20 shares); inputs ≤ 4 MiB of JSON nested ≤ 32 deep
//! (`crate::input`); at most 20 problems reported per input (`crate::input::read::MAX_PROBLEMS`).
//! A figure computed from them (quantity × unit price, a split) is exact, or refused as an
//! overflow — never rounded. The limits keep every product the calculator forms inside exact
//! 128-bit arithmetic: an amount (≤ 10¹³, ≤ 6 decimals) times a share or a quantity still fits,
//! so a figure is exact or refused as too large — never silently wrong.

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use crate::error::Error;
use crate::input::read::{At, Reader};
use crate::input::tree::Tree;

/// The text the browser binding puts where JS had NaN, ±Infinity or a BigInt (JSON has none of
/// them): it reads as "not a number" instead of silently becoming `null`.
pub const NOT_A_NUMBER_MARK: &str = "@notANumber";

/// Largest count we accept (households, owners, buildings): well above any real compound or plan.
pub const MAX_COUNT: u64 = 100_000_000;
/// Largest amount (元) or area (m²) we accept: 10^13, far above the national programme.
pub const MAX_DECIMAL: i64 = 10_000_000_000_000;
/// Most decimal places of an amount, area or weight: fen and square centimetres need 2–4; six
/// leave room for unit prices and keep products exact.
pub const MAX_DECIMALS: u32 = 6;
/// Longest free text (names, districts, ids) we accept, in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// Years we accept: the programme concerns buildings of the 20th century onwards.
pub const MIN_YEAR: i32 = 1800;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 2100;
/// [`MIN_YEAR`]`..=`[`MAX_YEAR`].
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = MIN_YEAR..=MAX_YEAR;

/// Room for any number [`write_scaled`] writes: a sign, 39 digits, a point and leading zeros.
pub(crate) const NUMBER_TEXT: usize = 72;

/// Writes `magnitude / 10^scale` in decimal, exactly as `Decimal`'s `Display` writes a value of
/// that mantissa and scale (`"0.05"`, `"120"`, `"-3.5"`), into `buf` — without the formatting
/// machinery or an allocation, which is most of the cost of writing a result's numbers. `scale`
/// is at most 28 (a `Decimal`'s), so the text always fits.
pub(crate) fn write_scaled(
    buf: &mut [u8; NUMBER_TEXT],
    negative: bool,
    magnitude: u128,
    scale: u32,
) -> &str {
    // The digits, least significant first (a u128 has at most 39).
    let mut digits = [0u8; 40];
    let mut n = 0usize;
    // u128 division is a library call (slow in wasm): only the digits above 64 bits take it.
    let mut wide = magnitude;
    while wide > u128::from(u64::MAX) {
        if let Some(d) = digits.get_mut(n) {
            *d = (wide % 10) as u8;
        }
        wide /= 10;
        n = n.saturating_add(1);
    }
    let mut m = u64::try_from(wide).unwrap_or(0);
    loop {
        if let Some(d) = digits.get_mut(n) {
            *d = (m % 10) as u8;
        }
        m /= 10;
        n = n.saturating_add(1);
        if m == 0 {
            break;
        }
    }
    let scale = scale as usize;
    // At least one digit before the point: 5 at scale 2 is "0.05".
    let total = n.max(scale.saturating_add(1));
    let mut len = 0usize;
    let mut put = |b: u8| {
        if let Some(slot) = buf.get_mut(len) {
            *slot = b;
        }
        len = len.saturating_add(1);
    };
    if negative {
        put(b'-');
    }
    for i in (0..total).rev() {
        put(b'0' + digits.get(i).copied().unwrap_or(0));
        if i == scale && scale > 0 {
            put(b'.');
        }
    }
    std::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or("0")
}

/// `d` without trailing zeros, written into `buf`: what `d.normalize().to_string()` writes,
/// without rust_decimal's formatting machinery (which then stays out of the resident module).
pub(crate) fn write_normalized(buf: &mut [u8; NUMBER_TEXT], d: Decimal) -> &str {
    let d = d.normalize();
    let m = d.mantissa();
    write_scaled(buf, m < 0, m.unsigned_abs(), d.scale())
}

/// Why a number was refused.
pub(crate) enum Refusal {
    Negative,
    NotWhole,
    NotANumber,
    OutOfRange,
    TooPrecise,
}

impl Refusal {
    /// The problem at `at`.
    pub(crate) fn at(self, at: &At) -> Error {
        let field = at.or_root();
        match self {
            Refusal::Negative => Error::Negative { field },
            Refusal::NotWhole => Error::NotWhole { field },
            Refusal::NotANumber => Error::NotANumber { field },
            Refusal::OutOfRange => Error::OutOfRange { field },
            Refusal::TooPrecise => Error::TooPrecise {
                field,
                max: MAX_DECIMALS,
            },
        }
    }
}

/// The exact decimal a JSON value stands for: a number (integers exactly, fractions through their
/// shortest decimal form, so 0.1 is 0.1) or a text such as "1234.56" or "1.2E+05". `-0` is zero.
fn decimal_of(v: &Tree) -> Result<Option<Decimal>, Refusal> {
    if let Some(s) = v.as_str() {
        return parse_decimal_text(s).map(Some);
    }
    match v.number() {
        Some(n) => {
            if let Some(u) = n.as_u64() {
                return Ok(Some(Decimal::from(u)));
            }
            if let Some(i) = n.as_i64() {
                return Ok(Some(Decimal::from(i)));
            }
            // A fraction or exponent: the parser has checked that the float is exactly the
            // decimal written (`input::json`), so its shortest decimal form is that decimal.
            match n.as_f64() {
                Some(0.0) => Ok(Some(Decimal::ZERO)),
                Some(f) => Decimal::from_f64(f).map(Some).ok_or(Refusal::OutOfRange),
                None => Err(Refusal::OutOfRange),
            }
        }
        None => Ok(None),
    }
}

/// Whether the number token `token`, which JSON parsing turned into the float `f`, is read as
/// the very decimal it writes. Refused otherwise — as too precise (`1e-400` is not zero,
/// `1.0000000000000000000001` is not 1) or out of range — with the reason to give at its path.
pub(crate) fn float_is_exact(token: &str, f: f64) -> Result<(), Refusal> {
    let exact = parse_decimal_text(token)?;
    let read = if f == 0.0 {
        Some(Decimal::ZERO)
    } else {
        Decimal::from_f64(f)
    };
    match read {
        Some(d) if d == exact => Ok(()),
        // The float kept fewer digits than were written.
        Some(_) if exact.scale() > 0 => Err(Refusal::TooPrecise),
        _ => Err(Refusal::OutOfRange),
    }
}

/// Reads a whole, non-negative number (a count or a year) at `path`.
pub fn read_count(v: &Tree, path: &str, r: &mut Reader) -> Option<u64> {
    read_count_at(v, &At::Text(path), r)
}

/// [`read_count`] at a path written out only if there is a problem, from a pack's value or an
/// input's.
pub fn read_count_at(v: &Tree, path: &At, r: &mut Reader) -> Option<u64> {
    // The common case, a plain JSON integer, needs no decimal.
    if let Some(n) = v.number() {
        if let Some(u) = n.as_u64() {
            return if u <= MAX_COUNT {
                Some(u)
            } else {
                r.fail(Refusal::OutOfRange.at(path))
            };
        }
    }
    let d = match decimal_of(v) {
        Ok(Some(d)) => d,
        Ok(None) => return r.wrong_type_at(path, "a whole number", v),
        // More decimals than a Decimal holds: certainly not a whole number.
        Err(Refusal::TooPrecise) => return r.fail(Refusal::NotWhole.at(path)),
        Err(e) => return r.fail(e.at(path)),
    };
    let refusal = if d.is_sign_negative() && !d.is_zero() {
        Refusal::Negative
    } else {
        match as_whole(d).map(u64::try_from) {
            None => Refusal::NotWhole,
            Some(Ok(n)) if n <= MAX_COUNT => return Some(n),
            Some(_) => Refusal::OutOfRange,
        }
    };
    r.fail(refusal.at(path))
}

/// Reads an exact, non-negative decimal of at most [`MAX_DECIMALS`] places at `path` (the upper
/// bound is the caller's, from the schema).
pub fn read_decimal(v: &Tree, path: &str, r: &mut Reader) -> Option<Decimal> {
    read_decimal_at(v, &At::Text(path), r)
}

/// [`read_decimal`] at a path written out only if there is a problem, from a pack's value or an
/// input's.
pub fn read_decimal_at(v: &Tree, path: &At, r: &mut Reader) -> Option<Decimal> {
    match decimal_of(v) {
        Ok(Some(d)) if d.is_sign_negative() && !d.is_zero() => r.fail(Refusal::Negative.at(path)),
        Ok(Some(d)) => {
            let d = d.normalize();
            if d.scale() > MAX_DECIMALS {
                return r.fail(Refusal::TooPrecise.at(path));
            }
            if d > Decimal::from(MAX_DECIMAL) {
                return r.fail(Refusal::OutOfRange.at(path));
            }
            // Normalised zero has no sign.
            Some(if d.is_zero() { Decimal::ZERO } else { d })
        }
        Ok(None) => r.wrong_type_at(path, "a number (e.g. \"1234.56\")", v),
        Err(e) => r.fail(e.at(path)),
    }
}

/// `d` written without decimals, when it is a whole number (`12.00` → `12`). Through `normalize`
/// (which the module has anyway) rather than `fract`, whose subtraction code would be linked for
/// this one test.
pub(crate) fn as_whole(d: Decimal) -> Option<Decimal> {
    let d = d.normalize();
    (d.scale() == 0).then_some(d)
}

/// The exact decimal a pack's text writes (`"2850"`, `"0.8"`, `"1.2E+05"`), or `None`: the reader
/// inputs go through, so a pack's figures are never rounded either (rust_decimal's `FromStr`
/// rounds past 28 digits), and rust_decimal's own text parser stays out of the wasm module.
pub(crate) fn decimal_text(text: &str) -> Option<Decimal> {
    parse_decimal_text(text).ok()
}

/// The common case of [`parse_decimal_text`] — digits with at most one point, at most 19
/// characters, as amounts, areas and spreadsheet cells are written — read without the general
/// path's allocation (a spreadsheet of 220,000 rows has about a million of them). The same value
/// and scale: trailing zeros of the fraction dropped. `None` for anything else.
fn plain_decimal(t: &str) -> Option<Decimal> {
    if t.len() > 19 {
        return None;
    }
    let (mut m, mut scale, mut point, mut digits) = (0u64, 0u32, false, false);
    for b in t.bytes() {
        match b {
            b'0'..=b'9' => {
                // 19 digits stay below 2^64.
                m = m.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                digits = true;
                if point {
                    scale = scale.checked_add(1)?;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !digits {
        return None;
    }
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(i128::from(m), scale).ok()
}

/// Parses a decimal written as text, exactly: plain or scientific notation (`"1.2E+05"`, as
/// spreadsheets write), no thousands separators. Never rounds: a value with more than 28
/// decimals (which no `Decimal` holds) is refused as too precise, one beyond 96 bits as out of
/// range — so `"1e-400"` is not zero and `"1.0000000000000000000000000000001"` is not 1.
pub(crate) fn parse_decimal_text(text: &str) -> Result<Decimal, Refusal> {
    let t = text.trim();
    if t.is_empty() || t == NOT_A_NUMBER_MARK {
        return Err(Refusal::NotANumber);
    }
    if t.len() > 100 {
        return Err(Refusal::OutOfRange);
    }
    // The short path pays where a spreadsheet's million cells are read (the `sheets` feature);
    // the resident module reads a handful of numbers a call and keeps its bytes (≈ 0.2 KB).
    if cfg!(feature = "sheets") {
        if let Some(d) = plain_decimal(t) {
            return Ok(d);
        }
    }
    general_decimal(t)
}

/// [`parse_decimal_text`] for any text (trimmed, at most 100 characters).
fn general_decimal(t: &str) -> Result<Decimal, Refusal> {
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or("")),
        Some(b'+') => (false, t.get(1..).unwrap_or("")),
        _ => (false, t),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (
            body.get(..i).unwrap_or(""),
            Some(body.get(i + 1..).unwrap_or("")),
        ),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return Err(Refusal::NotANumber);
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !all_digits(digits) {
                return Err(Refusal::NotANumber);
            }
            // At most 100 characters in all, so the exponent has at most 98 digits: clamp it
            // (any exponent past ±10^6 means out of range or too precise all the same).
            let n: i64 = if digits.len() > 7 {
                10_000_000
            } else {
                digits.parse().unwrap_or(10_000_000)
            };
            if e.starts_with('-') {
                -n
            } else {
                n
            }
        }
    };
    // The significant digits, and the power of ten they are scaled by: value = digits · 10^-scale.
    let joined: String = format!("{int}{frac}");
    let digits = joined.trim_start_matches('0');
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        return Ok(Decimal::ZERO); // "-0", "0.000", "0e5": zero has no sign
    }
    let dropped = i64::try_from(digits.len() - trimmed.len()).unwrap_or(i64::MAX);
    let frac_len = i64::try_from(frac.len()).unwrap_or(i64::MAX);
    let scale = frac_len.saturating_sub(exp).saturating_sub(dropped);
    let n_digits = i64::try_from(trimmed.len()).unwrap_or(i64::MAX);
    if scale > 28 {
        return Err(Refusal::TooPrecise);
    }
    // Digits before the decimal point: beyond 29, no Decimal holds the value.
    if n_digits.saturating_sub(scale) > 29 || n_digits > 29 {
        return Err(Refusal::OutOfRange);
    }
    let m: i128 = trimmed.parse().map_err(|_| Refusal::OutOfRange)?;
    let (m, scale) = if scale < 0 {
        let up = 10i128
            .checked_pow(u32::try_from(-scale).map_err(|_| Refusal::OutOfRange)?)
            .ok_or(Refusal::OutOfRange)?;
        (m.checked_mul(up).ok_or(Refusal::OutOfRange)?, 0)
    } else {
        (m, u32::try_from(scale).map_err(|_| Refusal::OutOfRange)?)
    };
    let m = if negative { -m } else { m };
    Decimal::try_from_i128_with_scale(m, scale).map_err(|_| Refusal::OutOfRange)
}

/// A calendar day, as ISO `YYYY-MM-DD` (a document's date, or the day a result is asked about).
/// The core reads no clock: the day is always given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, within [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, valid for that month and year (no 29 February outside leap years).
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD` (a real day within [`MIN_YEAR`]..=[`MAX_YEAR`]), or `YYYY` when
    /// `year_alone` is allowed (read as 1 January of that year).
    pub fn parse(text: &str, year_alone: bool) -> Option<Date> {
        let num = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let mut parts = text.split('-');
        let (y, m, d) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(y), None, None, None) if year_alone && y.len() == 4 => (num(y)?, 1, 1),
            (Some(y), Some(m), Some(d), None) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                (num(y)?, num(m)?, num(d)?)
            }
            _ => return None,
        };
        let year = i32::try_from(y)
            .ok()
            .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))?;
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        (1..=days).contains(&d).then_some(Date {
            year,
            month: u8::try_from(m).ok()?,
            day: u8::try_from(d).ok()?,
        })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads an ISO date `YYYY-MM-DD` at `path`.
pub fn read_date(v: &Tree, path: &str, r: &mut Reader) -> Option<Date> {
    read_date_at(v, &At::Text(path), r)
}

/// [`read_date`] at a path written out only when a problem names it.
pub fn read_date_at(v: &Tree, path: &At, r: &mut Reader) -> Option<Date> {
    match v.as_str() {
        Some(s) => match Date::parse(s, false) {
            Some(d) => Some(d),
            None => r.fail(Error::WrongType {
                field: path.or_root(),
                detail: format!(
                    "expected a date YYYY-MM-DD, found \"{}\"",
                    s.chars().take(40).collect::<String>()
                ),
            }),
        },
        None => r.wrong_type_at(path, "a date YYYY-MM-DD", v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn dec(v: Value) -> Result<Decimal, String> {
        let mut r = Reader::default();
        read_decimal(&Tree::from_owned(v), "x", &mut r)
            .ok_or_else(|| r.problems[0].code().to_string())
    }

    fn count(v: Value) -> Result<u64, String> {
        let mut r = Reader::default();
        read_count(&Tree::from_owned(v), "x", &mut r)
            .ok_or_else(|| r.problems[0].code().to_string())
    }

    #[test]
    fn decimals() {
        let cases: Vec<(&str, Value, Result<&str, &str>)> = vec![
            ("text", json!("1234.56"), Ok("1234.56")),
            ("number", json!(0.1), Ok("0.1")),
            ("scientific text", json!("1.2E+05"), Ok("120000")),
            ("minus zero number", json!(-0.0), Ok("0")),
            ("minus zero text", json!("-0"), Ok("0")),
            ("six places", json!("0.000001"), Ok("0.000001")),
            ("seven places", json!("0.0000001"), Err("tooPrecise")),
            (
                "trailing zeros do not count",
                json!("1.5000000000"),
                Ok("1.5"),
            ),
            ("negative", json!("-1"), Err("negative")),
            ("letters", json!("abc"), Err("notANumber")),
            ("NaN mark", json!(NOT_A_NUMBER_MARK), Err("notANumber")),
            ("too large", json!("10000000000000.01"), Err("outOfRange")),
            ("limit", json!("10000000000000"), Ok("10000000000000")),
            ("huge exponent", json!("1e400"), Err("outOfRange")),
            ("tiny exponent text", json!("1e-400"), Err("tooPrecise")),
            (
                "29 decimals are not rounded away",
                json!("0.00000000000000000000000000001"),
                Err("tooPrecise"),
            ),
            (
                "many digits are not rounded to 1",
                json!("1.0000000000000000000000000000001"),
                Err("tooPrecise"),
            ),
            ("exponent", json!("1.5e3"), Ok("1500")),
            ("plus sign", json!("+2"), Ok("2")),
            ("leading dot", json!(".5"), Ok("0.5")),
            ("zero with exponent", json!("0e999999999"), Ok("0")),
            ("lone e", json!("1e"), Err("notANumber")),
            ("thousands separator", json!("1,000"), Err("notANumber")),
            ("infinity", json!("Infinity"), Err("notANumber")),
            ("list", json!([1]), Err("wrongType")),
        ];
        for (name, v, want) in cases {
            let got = dec(v).map(|d| d.to_string());
            assert_eq!(got.as_deref().map_err(String::as_str), want, "case: {name}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            Date::parse("2026-12-01", false)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-12-01")
        );
        assert_eq!(Date::parse("2024-02-29", false).map(|d| d.day), Some(29));
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-12-01",
            "2026",
            "1799-01-01",
            "２０２６-12-01",
        ] {
            assert_eq!(Date::parse(bad, false), None, "{bad}");
        }
        assert_eq!(
            Date::parse("2020", true).map(|d| d.to_string()).as_deref(),
            Some("2020-01-01")
        );
        assert!(Date::parse("2020-12-31", false) < Date::parse("2021-01-01", false));
    }

    #[test]
    fn scaled_numbers_read_as_decimal_writes_them() {
        let cases: [(i128, u32); 12] = [
            (0, 0),
            (0, 2),
            (5, 2),
            (-5, 2),
            (12345, 2),
            (120, 0),
            (1, 28),
            (79_228_162_514_264_337_593_543_950_335, 0),
            (-79_228_162_514_264_337_593_543_950_335, 28),
            (18_446_744_073_709_551_616, 3),
            (18_446_744_073_709_551_615, 20),
            (1_000_000, 6),
        ];
        for (m, scale) in cases {
            let d = Decimal::from_i128_with_scale(m, scale);
            let mut buf = [0u8; NUMBER_TEXT];
            assert_eq!(
                write_scaled(&mut buf, m < 0, m.unsigned_abs(), scale),
                d.to_string(),
                "case: {m} e-{scale}"
            );
        }
    }

    #[test]
    fn counts() {
        let cases: Vec<(&str, Value, Result<u64, &str>)> = vec![
            ("number", json!(60), Ok(60)),
            ("text", json!("60"), Ok(60)),
            ("minus zero", json!(-0.0), Ok(0)),
            ("fraction", json!(1.5), Err("notWhole")),
            ("negative", json!(-5), Err("negative")),
            ("limit", json!(MAX_COUNT), Ok(MAX_COUNT)),
            ("above limit", json!(MAX_COUNT + 1), Err("outOfRange")),
            ("bool", json!(true), Err("wrongType")),
        ];
        for (name, v, want) in cases {
            assert_eq!(count(v), want.map_err(String::from), "case: {name}");
        }
    }

    proptest::proptest! {
        /// The short path for plain digits reads every text exactly as the general path does:
        /// the same value and the same scale (so the same text when written back).
        #[test]
        fn plain_digits_read_as_the_general_path_reads_them(s in "[0-9]{0,12}(\\.[0-9]{0,12})?") {
            let short = plain_decimal(&s);
            let general = general_decimal(&s).ok();
            if short.is_some() {
                proptest::prop_assert_eq!(short.map(|d| (d, d.scale())), general.map(|d| (d, d.scale())), "{}", s);
            } else {
                proptest::prop_assert!(s.len() > 19 || !s.bytes().any(|b| b.is_ascii_digit()), "{}", s);
            }
        }
    }

    #[test]
    fn plain_digits_cases() {
        for (text, want) in [
            ("1.50", "1.5"),
            ("100", "100"),
            ("0.000", "0"),
            (".5", "0.5"),
            ("5.", "5"),
            ("0001.2", "1.2"),
            ("9999999999999999999", "9999999999999999999"),
        ] {
            assert_eq!(
                plain_decimal(text).map(|d| d.to_string()),
                Some(want.to_string()),
                "{text}"
            );
        }
        for text in [
            "",
            ".",
            "1.2.3",
            "-1",
            "+1",
            "1e5",
            "1,000",
            "99999999999999999999",
        ] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
    }
}
