//! Input number types that refuse bad values with a precise reason.
//!
//! JSON and JS hand us numbers as floats or strings; counts must be whole and non-negative, money
//! and areas exact decimals. Each type's deserializer reports the problem with a marker that
//! [`crate::error::Error::from_serde`] turns into the matching error variant, so the CLI (serde_json)
//! and the browser (serde-wasm-bindgen) give the same error for the same mistake.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Markers carried in serde's custom error messages; see `Error::from_serde`.
pub(crate) mod marker {
    pub const NEGATIVE: &str = "@negative";
    pub const NOT_WHOLE: &str = "@notWhole";
    pub const NOT_A_NUMBER: &str = "@notANumber";
    pub const TOO_LARGE: &str = "@tooLarge";
    pub const TOO_LONG: &str = "@tooLong";
}

/// Largest count we accept (households, owners, buildings): well above any real compound or plan.
pub const MAX_COUNT: u64 = 100_000_000;
/// Largest amount (元) or area (m²) we accept: 10^13, far above the national programme, and small
/// enough that products of amounts and ratios stay exact.
pub const MAX_DECIMAL: i64 = 10_000_000_000_000;
/// Longest free text (names, districts) we accept, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// A whole, non-negative number of things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Count(pub u64);

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Count;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number ≥ 0")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
        if v > MAX_COUNT {
            return Err(refuse(marker::TOO_LARGE, v));
        }
        Ok(Count(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
        if v < 0 {
            return Err(refuse(marker::NEGATIVE, v));
        }
        self.visit_u64(v.unsigned_abs())
    }
    // JSON numbers with a fraction or exponent arrive as floats; only whole, finite,
    // non-negative values pass. They are read through `Decimal::from_f64` (shortest decimal).
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
        let Some(d) = Decimal::from_f64(v) else {
            return Err(E::custom(if v.is_finite() {
                marker::TOO_LARGE
            } else {
                marker::NOT_A_NUMBER
            }));
        };
        self.visit_decimal(d, &d.to_string())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
        let d = parse_decimal_text(v).map_err(|m| refuse(m, v))?;
        self.visit_decimal(d, v)
    }
}

impl CountVisitor {
    fn visit_decimal<E: de::Error>(self, d: Decimal, raw: &str) -> Result<Count, E> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(refuse(marker::NEGATIVE, raw));
        }
        if !d.fract().is_zero() {
            return Err(refuse(marker::NOT_WHOLE, raw));
        }
        let whole: u64 = d
            .trunc()
            .try_into()
            .map_err(|_| refuse(marker::TOO_LARGE, raw))?;
        if whole > MAX_COUNT {
            return Err(refuse(marker::TOO_LARGE, raw));
        }
        Ok(Count(whole))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        d.deserialize_any(CountVisitor)
    }
}

/// An exact, non-negative decimal: money in 元 or an area in m².
///
/// Accepts a string (`"1234.5"`, the form we recommend) or a JSON/JS number, which is read through
/// its shortest decimal text so that `0.1` means exactly 0.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

struct DecVisitor;

impl DecVisitor {
    fn check<E: de::Error>(d: Decimal) -> Result<Dec, E> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(refuse(marker::NEGATIVE, d));
        }
        if d > Decimal::from(MAX_DECIMAL) {
            return Err(refuse(marker::TOO_LARGE, d));
        }
        Ok(Dec(d.normalize()))
    }
}

impl<'de> Visitor<'de> for DecVisitor {
    type Value = Dec;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number ≥ 0, preferably as a string such as \"1234.56\"")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
        Self::check(Decimal::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
        Self::check(Decimal::from(v))
    }
    // A float is converted to its shortest decimal (0.1 stays 0.1), never used in arithmetic.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
        match Decimal::from_f64(v) {
            Some(d) => Self::check(d),
            None => Err(E::custom(if v.is_finite() {
                marker::TOO_LARGE
            } else {
                marker::NOT_A_NUMBER
            })),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
        Self::check(parse_decimal_text(v).map_err(|m| refuse(m, v))?)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        d.deserialize_any(DecVisitor)
    }
}

/// An error carrying a marker and the offending value, so that `input::locate` can find it.
fn refuse<E: de::Error>(marker: &str, raw: impl fmt::Display) -> E {
    E::custom(format_args!("{marker} {raw}"))
}

/// Parses a decimal written as text: plain or scientific notation, no thousands separators.
/// Returns a marker on failure (see [`marker`]).
pub(crate) fn parse_decimal_text(text: &str) -> Result<Decimal, &'static str> {
    let t = text.trim();
    if t.is_empty() || t.len() > 40 {
        return Err(if t.len() > 40 {
            marker::TOO_LARGE
        } else {
            marker::NOT_A_NUMBER
        });
    }
    if let Ok(d) = Decimal::from_str(t) {
        return Ok(d);
    }
    match Decimal::from_scientific(t) {
        Ok(d) => Ok(d),
        Err(_) => {
            let looks_numeric = t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
            Err(if looks_numeric {
                marker::TOO_LARGE
            } else {
                marker::NOT_A_NUMBER
            })
        }
    }
}

/// Free text typed by a person, bounded in length.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct ShortText(pub String);

impl<'de> Deserialize<'de> for ShortText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ShortText, D::Error> {
        let s = String::deserialize(d)?;
        if s.chars().count() > MAX_TEXT_CHARS {
            return Err(refuse(marker::TOO_LONG, &s));
        }
        Ok(ShortText(s))
    }
}

/// A calendar year of construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Year(pub i32);

/// Years we accept: the programme concerns buildings of the 20th century onwards.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1800..=2100;

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Year, D::Error> {
        let c = Count::deserialize(d)?;
        match i32::try_from(c.0) {
            Ok(y) if YEAR_RANGE.contains(&y) => Ok(Year(y)),
            _ => Err(refuse(marker::TOO_LARGE, c.0)),
        }
    }
}
