//! Input number types that refuse bad values with a precise reason.
//!
//! JSON and JS hand us numbers as floats or strings; counts must be whole and non-negative, money
//! and areas exact decimals. Each type's reader says exactly what is wrong (negative, not whole,
//! not a number, out of range), and the CLI and the browser read through the same code.

use std::str::FromStr;

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::error::Error;
use crate::input::read::{path_or_root, FromJson, Reader};

/// The text the browser binding puts where JS had NaN, ±Infinity or a BigInt (JSON has none of
/// them): it reads as "not a number" instead of silently becoming `null`.
pub const NOT_A_NUMBER_MARK: &str = "@notANumber";

/// Largest count we accept (households, owners, buildings): well above any real compound or plan.
pub const MAX_COUNT: u64 = 100_000_000;
/// Largest amount (元) or area (m²) we accept: 10^13, far above the national programme, and small
/// enough that products of amounts and ratios stay exact.
pub const MAX_DECIMAL: i64 = 10_000_000_000_000;
/// Longest free text (names, districts) we accept, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// Why a number was refused.
enum Refusal {
    Negative,
    NotWhole,
    NotANumber,
    OutOfRange,
}

impl Refusal {
    fn at(self, path: &str) -> Error {
        let field = path_or_root(path);
        match self {
            Refusal::Negative => Error::Negative { field },
            Refusal::NotWhole => Error::NotWhole { field },
            Refusal::NotANumber => Error::NotANumber { field },
            Refusal::OutOfRange => Error::OutOfRange { field },
        }
    }
}

/// The exact decimal a JSON value stands for: a number (integers exactly, fractions through their
/// shortest decimal, so 0.1 is 0.1) or a text such as "1234.56" or "1.2E+05".
fn decimal_of(v: &Value) -> Result<Option<Decimal>, Refusal> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                return Ok(Some(Decimal::from(u)));
            }
            if let Some(i) = n.as_i64() {
                return Ok(Some(Decimal::from(i)));
            }
            // A fraction or exponent: read once through Decimal::from_f64, never used as a float.
            n.as_f64()
                .and_then(Decimal::from_f64)
                .map(Some)
                .ok_or(Refusal::OutOfRange)
        }
        Value::String(s) => parse_decimal_text(s).map(Some),
        _ => Ok(None),
    }
}

/// A whole, non-negative number of things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Count(pub u64);

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

impl FromJson for Count {
    fn read(v: &Value, path: &str, r: &mut Reader) -> Option<Self> {
        let d = match decimal_of(v) {
            Ok(Some(d)) => d,
            Ok(None) => return r.wrong_type(path, "a whole number", v),
            Err(e) => return r.fail(e.at(path)),
        };
        let refusal = if d.is_sign_negative() && !d.is_zero() {
            Refusal::Negative
        } else if !d.fract().is_zero() {
            Refusal::NotWhole
        } else {
            match u64::try_from(d.trunc()) {
                Ok(n) if n <= MAX_COUNT => return Some(Count(n)),
                _ => Refusal::OutOfRange,
            }
        };
        r.fail(refusal.at(path))
    }
}

/// An exact, non-negative decimal: money in 元 or an area in m². Written as a string
/// (`"1234.5"`, recommended) or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

impl FromJson for Dec {
    fn read(v: &Value, path: &str, r: &mut Reader) -> Option<Self> {
        match decimal_of(v) {
            Ok(Some(d)) if d.is_sign_negative() && !d.is_zero() => {
                r.fail(Refusal::Negative.at(path))
            }
            Ok(Some(d)) if d > Decimal::from(MAX_DECIMAL) => r.fail(Refusal::OutOfRange.at(path)),
            Ok(Some(d)) => Some(Dec(d.normalize())),
            Ok(None) => r.wrong_type(path, "a number (e.g. \"1234.56\")", v),
            Err(e) => r.fail(e.at(path)),
        }
    }
}

/// Parses a decimal written as text: plain or scientific notation, no thousands separators.
fn parse_decimal_text(text: &str) -> Result<Decimal, Refusal> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Refusal::NotANumber);
    }
    if t.len() > 40 {
        return Err(Refusal::OutOfRange);
    }
    // `Decimal::from_str` reads plain and scientific notation ("1.2E+05", as spreadsheets write).
    Decimal::from_str(t).map_err(|_| {
        let looks_numeric = t.chars().all(|c| c.is_ascii_digit() || ".+-eE".contains(c));
        if looks_numeric && t.chars().any(|c| c.is_ascii_digit()) {
            Refusal::OutOfRange
        } else {
            Refusal::NotANumber
        }
    })
}

/// Free text typed by a person, bounded in length.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct ShortText(pub String);

impl FromJson for ShortText {
    fn read(v: &Value, path: &str, r: &mut Reader) -> Option<Self> {
        let s = String::read(v, path, r)?;
        if s.chars().count() > MAX_TEXT_CHARS {
            return r.fail(Error::TooLong {
                field: path_or_root(path),
            });
        }
        Some(ShortText(s))
    }
}

/// A calendar year of construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Year(pub i32);

/// Years we accept: the programme concerns buildings of the 20th century onwards.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1800..=2100;

impl FromJson for Year {
    fn read(v: &Value, path: &str, r: &mut Reader) -> Option<Self> {
        let c = Count::read(v, path, r)?;
        match i32::try_from(c.0) {
            Ok(y) if YEAR_RANGE.contains(&y) => Some(Year(y)),
            _ => r.fail(Refusal::OutOfRange.at(path)),
        }
    }
}
