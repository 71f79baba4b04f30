//! Reading numbers people type: counts, exact decimals (money, areas) and years, each refused with
//! a precise reason, and the limits every input is held to — written down once, here.
//!
//! JSON and JS hand us numbers as floats or strings; counts must be whole and non-negative, money
//! and areas exact decimals. The limits keep every product the calculator forms inside exact
//! 128-bit arithmetic: an amount (≤ 10¹³, ≤ 6 decimals) times a share or a quantity still fits,
//! so a figure is exact or refused as too large — never silently wrong.

use std::str::FromStr;

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::error::Error;
use crate::input::read::{At, Reader};
use crate::input::tree::JsonValue;

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

/// Room for any number [`write_scaled`] writes: a sign, 39 digits, a point and leading zeros.
pub(crate) const NUMBER_TEXT: usize = 72;

/// Writes `magnitude / 10^scale` in decimal, exactly as `Decimal`'s `Display` writes a value of
/// that mantissa and scale (`"0.05"`, `"120"`, `"-3.5"`), into `buf` — without the formatting
/// machinery or an allocation, which is most of the cost of writing a result's numbers. `scale`
/// is at most 28 (a `Decimal`'s), so the text always fits.
pub(crate) fn write_scaled(buf: &mut [u8; NUMBER_TEXT], negative: bool, magnitude: u128, scale: u32) -> &str {
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

/// Why a number was refused.
enum Refusal {
    Negative,
    NotWhole,
    NotANumber,
    OutOfRange,
    TooPrecise,
}

impl Refusal {
    fn at(self, at: &At) -> Error {
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
fn decimal_of<V: JsonValue + ?Sized>(v: &V) -> Result<Option<Decimal>, Refusal> {
    if let Some(s) = v.text() {
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
            match n.as_f64() {
                Some(f) if f == 0.0 => Ok(Some(Decimal::ZERO)),
                // A fraction or exponent: read once through its shortest decimal text, never
                // used as a float.
                Some(f) => Decimal::from_f64(f).map(Some).ok_or(Refusal::OutOfRange),
                None => Err(Refusal::OutOfRange),
            }
        }
        None => Ok(None),
    }
}

/// Reads a whole, non-negative number (a count or a year) at `path`.
pub fn read_count(v: &Value, path: &str, r: &mut Reader) -> Option<u64> {
    read_count_at(v, &At::Text(path), r)
}

/// [`read_count`] at a path written out only if there is a problem, from a pack's value or an
/// input's.
pub fn read_count_at<V: JsonValue + ?Sized>(v: &V, path: &At, r: &mut Reader) -> Option<u64> {
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
        Err(e) => return r.fail(e.at(path)),
    };
    let refusal = if d.is_sign_negative() && !d.is_zero() {
        Refusal::Negative
    } else if !d.fract().is_zero() {
        Refusal::NotWhole
    } else {
        match u64::try_from(d.trunc()) {
            Ok(n) if n <= MAX_COUNT => return Some(n),
            _ => Refusal::OutOfRange,
        }
    };
    r.fail(refusal.at(path))
}

/// Reads an exact, non-negative decimal of at most [`MAX_DECIMALS`] places at `path` (the upper
/// bound is the caller's, from the schema).
pub fn read_decimal(v: &Value, path: &str, r: &mut Reader) -> Option<Decimal> {
    read_decimal_at(v, &At::Text(path), r)
}

/// [`read_decimal`] at a path written out only if there is a problem, from a pack's value or an
/// input's.
pub fn read_decimal_at<V: JsonValue + ?Sized>(v: &V, path: &At, r: &mut Reader) -> Option<Decimal> {
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

/// Parses a decimal written as text: plain or scientific notation, no thousands separators.
fn parse_decimal_text(text: &str) -> Result<Decimal, Refusal> {
    let t = text.trim();
    if t.is_empty() || t == NOT_A_NUMBER_MARK {
        return Err(Refusal::NotANumber);
    }
    if t.len() > 40 {
        return Err(Refusal::OutOfRange);
    }
    // `Decimal::from_str` reads plain and scientific notation ("1.2E+05", as spreadsheets write).
    let parsed = if t.contains(['e', 'E']) {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str(t)
    };
    parsed.map_err(|_| {
        let looks_numeric = t.chars().all(|c| c.is_ascii_digit() || ".+-eE".contains(c));
        if looks_numeric && t.chars().any(|c| c.is_ascii_digit()) {
            Refusal::OutOfRange
        } else {
            Refusal::NotANumber
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dec(v: Value) -> Result<Decimal, String> {
        let mut r = Reader::default();
        read_decimal(&v, "x", &mut r).ok_or_else(|| r.problems[0].code().to_string())
    }

    fn count(v: Value) -> Result<u64, String> {
        let mut r = Reader::default();
        read_count(&v, "x", &mut r).ok_or_else(|| r.problems[0].code().to_string())
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
            ("trailing zeros do not count", json!("1.5000000000"), Ok("1.5")),
            ("negative", json!("-1"), Err("negative")),
            ("letters", json!("abc"), Err("notANumber")),
            ("NaN mark", json!(NOT_A_NUMBER_MARK), Err("notANumber")),
            ("too large", json!("10000000000000.01"), Err("outOfRange")),
            ("limit", json!("10000000000000"), Ok("10000000000000")),
            ("huge exponent", json!("1e400"), Err("outOfRange")),
            ("list", json!([1]), Err("wrongType")),
        ];
        for (name, v, want) in cases {
            let got = dec(v).map(|d| d.to_string());
            assert_eq!(got.as_deref().map_err(String::as_str), want, "case: {name}");
        }
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
            assert_eq!(write_scaled(&mut buf, m < 0, m.unsigned_abs(), scale), d.to_string(), "case: {m} e-{scale}");
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
            assert_eq!(count(v).map_err(|e| e), want.map_err(String::from), "case: {name}");
        }
    }
}
