//! JSON text to a [`Tree`], refusing what a plain `serde_json::from_str` would let through: a
//! key given twice (`{"households": -5, "households": 5}` must not quietly mean 5), nesting
//! deeper than any gaizao format, and texts larger than the limit before they are parsed. The one
//! parser of packs, the manifest and inputs; texts without escapes are borrowed from the text.
//!
//! Hand-written, and not serde_json's parser (whose `Number` it still builds): no
//! crate offers a strict mode (serde_json keeps the last of two equal keys without a word), and
//! serde_json's `Deserializer` with the visitor this needed was ≈ 12 KB gzipped of the resident
//! wasm module, which has a size budget (issue #7). It follows serde_json 1.0's grammar, number
//! conversion and refusals exactly — the same message, line and column for every malformed
//! text — so that packs and inputs are refused as they always were; the tests compare the two on
//! every case they know and on generated texts.

use std::borrow::Cow;

use serde_json::Number;

use super::tree::{Members, Tree};
use crate::error::Error;

/// Deepest nesting any gaizao input has (a scenario's `fundingOverrides[].shares[]` is 4 deep).
pub const MAX_DEPTH: usize = 32;

/// Parses JSON text, refusing duplicate keys (naming the field), deep nesting and oversize text.
pub fn parse(text: &str, max_bytes: usize) -> Result<Tree<'_>, Error> {
    if text.len() > max_bytes {
        return Err(Error::InputTooLarge {
            field: "(input)".into(),
            bytes: text.len(),
            max: max_bytes,
        });
    }
    let mut p = Strict { text, i: 0 };
    let v = p.value(Path::Root, 0)?;
    match p.space() {
        Some(_) => Err(p.peek_error("trailing characters")),
        None => Ok(v),
    }
}

/// serde_json's power of ten `1e{i}` (`0 ≤ i ≤ 308`, the nearest `f64` to 10^i, as its table
/// `POW10` holds it), for its conversion of a decimal to a float (`f64_from_parts`), which is not
/// always the nearest float and must be repeated exactly: a number is refused when its float is
/// not the decimal written.
///
/// Computed, not stored: the table's 309 floats were 2.5 KB of the resident module that no
/// compressor shrinks. 5^i is carried in the top bits of a `u128` (cut to 125 bits before each
/// ×5, so the error stays below 2^-115 of the value) and then rounded to the 53 bits of a
/// double; `tests` checks all 309 against Rust's correctly rounded reading of `1e{i}`.
fn pow10(i: u32) -> Option<f64> {
    if i > 308 {
        return None;
    }
    // m · 2^e = 5^i, with the top bit of m set.
    let mut m: u128 = 1 << 127;
    let mut e: i32 = -127;
    for _ in 0..i {
        let five = (m >> 3).wrapping_mul(5); // < 2^128: (m >> 3) < 2^125
        let shift = five.leading_zeros();
        m = five << shift;
        e = e.saturating_add(3).saturating_sub(shift as i32);
    }
    // Round to 53 bits, half to even (10^i is never exactly halfway).
    let mut top = (m >> 75) as u64;
    let rest = m & ((1u128 << 75) - 1);
    let half = 1u128 << 74;
    if rest > half || (rest == half && top & 1 == 1) {
        top = top.wrapping_add(1);
    }
    // 10^i = 5^i · 2^i = top · 2^(e + i + 75); top = 1.f · 2^52.
    let mut exp = e.saturating_add(i as i32).saturating_add(75 + 52);
    if top == 1 << 53 {
        top >>= 1;
        exp = exp.saturating_add(1);
    }
    let biased = u64::try_from(exp.saturating_add(1023)).ok()?;
    Some(f64::from_bits((biased << 52) | (top & ((1 << 52) - 1))))
}

/// A number as serde_json's parser gives it to a visitor.
enum Parsed {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// `a * 10 + b` would exceed `max` (serde_json's `overflow!`).
fn overflows(a: u64, b: u64, max: u64) -> bool {
    a >= max / 10 && (a > max / 10 || b > max % 10)
}

/// The parser: the text and the index of the next byte. Each step mirrors the serde_json
/// function named in its comment, including which index an error is reported at (serde_json's
/// `error` reports the index reached, `peek_error` one byte further).
struct Strict<'t> {
    text: &'t str,
    i: usize,
}

impl<'t> Strict<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    fn eat(&mut self) {
        self.i = self.i.saturating_add(1);
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.eat();
        Some(b)
    }

    fn peek_digit(&self) -> Option<u8> {
        self.peek().filter(u8::is_ascii_digit).map(|b| b - b'0')
    }

    /// `parse_whitespace`: the next byte that is not white space, not consumed.
    fn space(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.eat();
        }
        self.peek()
    }

    /// `error`: a syntax error at the current index.
    fn error(&self, detail: &str) -> Error {
        self.syntax_at(self.i, detail)
    }

    /// `peek_error`: a syntax error one byte past the current index (at most the end).
    fn peek_error(&self, detail: &str) -> Error {
        self.syntax_at(self.i.saturating_add(1).min(self.text.len()), detail)
    }

    /// `position_of_index`: the line (from 1) and the column (bytes since the line's start).
    fn syntax_at(&self, i: usize, detail: &str) -> Error {
        let before = self.text.as_bytes().get(..i).unwrap_or_default();
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p.saturating_add(1));
        let lines = before.get(..start).unwrap_or_default();
        Error::MalformedJson {
            line: lines
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                .saturating_add(1),
            column: i.saturating_sub(start),
            detail: detail.into(),
        }
    }

    /// `deserialize_any` with the strict visitor: one value at `at`.
    fn value(&mut self, at: Path, depth: usize) -> Result<Tree<'t>, Error> {
        if depth > MAX_DEPTH {
            let path = at.render();
            return Err(Error::TooDeep {
                field: if path.is_empty() {
                    "(input)".into()
                } else {
                    path
                },
            });
        }
        let Some(b) = self.space() else {
            return Err(self.peek_error("EOF while parsing a value"));
        };
        match b {
            b'n' => self.ident(b"ull").map(|()| Tree::Null),
            b't' => self.ident(b"rue").map(|()| Tree::Bool(true)),
            b'f' => self.ident(b"alse").map(|()| Tree::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(&at),
            b'"' => {
                self.eat();
                self.string().map(Tree::String)
            }
            b'[' => self.array(at, depth),
            b'{' => self.object(at, depth),
            _ => Err(self.peek_error("expected value")),
        }
    }

    /// `parse_ident`, after the first byte.
    fn ident(&mut self, rest: &[u8]) -> Result<(), Error> {
        self.eat();
        for &want in rest {
            match self.next() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b != want => return Err(self.error("expected ident")),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// `SeqAccess` and `end_seq`: a list, from its `[`.
    fn array(&mut self, at: Path, depth: usize) -> Result<Tree<'t>, Error> {
        self.eat();
        let mut out = Vec::new();
        loop {
            match self.space() {
                None => return Err(self.peek_error("EOF while parsing a list")),
                Some(b']') => {
                    self.eat();
                    return Ok(Tree::Array(out));
                }
                Some(_) if out.is_empty() => {}
                Some(b',') => {
                    self.eat();
                    match self.space() {
                        Some(b']') => return Err(self.peek_error("trailing comma")),
                        Some(_) => {}
                        None => return Err(self.peek_error("EOF while parsing a value")),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `]`")),
            }
            let v = self.value(Path::Index(&at, out.len()), depth.saturating_add(1))?;
            out.push(v);
        }
    }

    /// `MapAccess`, `parse_object_colon` and `end_map`: an object, from its `{`; a key given
    /// twice is refused where it stands.
    fn object(&mut self, at: Path, depth: usize) -> Result<Tree<'t>, Error> {
        self.eat();
        let mut out = Members::default();
        loop {
            match self.space() {
                None => return Err(self.peek_error("EOF while parsing an object")),
                Some(b'}') => {
                    self.eat();
                    return Ok(Tree::Object(out.into_sorted()));
                }
                Some(b'"') if out.is_empty() => {}
                Some(_) if out.is_empty() => return Err(self.peek_error("key must be a string")),
                Some(b',') => {
                    self.eat();
                    match self.space() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error("trailing comma")),
                        Some(_) => return Err(self.peek_error("key must be a string")),
                        None => return Err(self.peek_error("EOF while parsing a value")),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `}`")),
            }
            self.eat();
            let key = self.string()?;
            let Some(slot) = out.vacancy(&key) else {
                return Err(Error::DuplicateKey {
                    field: Path::Key(&at, &key).render(),
                });
            };
            match self.space() {
                Some(b':') => self.eat(),
                Some(_) => return Err(self.peek_error("expected `:`")),
                None => return Err(self.peek_error("EOF while parsing an object")),
            }
            let v = self.value(Path::Key(&at, &key), depth.saturating_add(1))?;
            out.insert(slot, key, v);
        }
    }

    /// `parse_str_bytes` (validating, as for a `&str`): a text, after its opening quote.
    fn string(&mut self) -> Result<Cow<'t, str>, Error> {
        // Borrowed from the text unless an escape has to be written out.
        let mut out: Option<String> = None;
        let text = self.text;
        let mut start = self.i;
        loop {
            let rest = text.as_bytes().get(start..).unwrap_or_default();
            let len = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            self.i = start.saturating_add(len);
            // `start` and `i` are at ASCII bytes (or the ends), so on character boundaries.
            let run = text.get(start..self.i).unwrap_or_default();
            match self.next() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    return Ok(match out {
                        None => Cow::Borrowed(run),
                        Some(mut s) => {
                            s.push_str(run);
                            Cow::Owned(s)
                        }
                    })
                }
                Some(b'\\') => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(run);
                    self.escape(s)?;
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
            start = self.i;
        }
    }

    /// `parse_escape`, after the backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let c = match self.next() {
            None => return Err(self.error("EOF while parsing a string")),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(out),
            Some(_) => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    /// `decode_hex_escape`: four hex digits.
    fn hex4(&mut self) -> Result<u32, Error> {
        let end = self.i.saturating_add(4);
        let Some(digits) = self.text.as_bytes().get(self.i..end) else {
            self.i = self.text.len();
            return Err(self.error("EOF while parsing a string"));
        };
        self.i = end;
        let mut n = 0u32;
        for &d in digits {
            match char::from(d).to_digit(16) {
                Some(x) => n = n << 4 | x,
                None => return Err(self.error("invalid escape")),
            }
        }
        Ok(n)
    }

    /// `parse_unicode_escape` (validating): `\uXXXX`, a surrogate pair written as two.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), Error> {
        let n = self.hex4()?;
        let c = if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error("lone leading surrogate in hex escape"));
        } else if (0xD800..=0xDBFF).contains(&n) {
            for want in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error("EOF while parsing a string")),
                    Some(b) => {
                        self.eat();
                        if b != want {
                            return Err(self.error("unexpected end of hex escape"));
                        }
                    }
                }
            }
            let n2 = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            char::from_u32((((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x1_0000)
        } else {
            char::from_u32(n)
        };
        // Always a character: surrogates were handled above.
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    /// `parse_any_number` and the visitor's `visit_*`: a number, from its sign or first digit.
    /// A float must be the decimal written (the token is the run of number characters where
    /// it starts, as the earlier token scan read it).
    fn number(&mut self, at: &Path) -> Result<Tree<'t>, Error> {
        let start = self.i;
        let positive = self.peek() != Some(b'-');
        if !positive {
            self.eat();
        }
        let f = match self.integer(positive)? {
            Parsed::U64(n) => return Ok(Tree::Number(Number::from(n))),
            Parsed::I64(n) => return Ok(Tree::Number(Number::from(n))),
            Parsed::F64(f) => f,
        };
        let bytes = self.text.as_bytes().get(start..).unwrap_or_default();
        let len = bytes
            .iter()
            .position(|c| !(c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')))
            .unwrap_or(bytes.len());
        let token = self
            .text
            .get(start..start.saturating_add(len))
            .unwrap_or("");
        if let Err(e) = crate::numbers::float_is_exact(token, f) {
            return Err(e.at(&crate::input::read::At::Text(&at.render())));
        }
        Ok(Number::from_f64(f).map_or(Tree::Null, Tree::Number))
    }

    /// `parse_integer`.
    fn integer(&mut self, positive: bool) -> Result<Parsed, Error> {
        match self.next() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'0') => match self.peek_digit() {
                Some(_) => Err(self.peek_error("invalid number")),
                None => self.after_integer(positive, 0),
            },
            Some(c @ b'1'..=b'9') => {
                let mut significand = u64::from(c - b'0');
                while let Some(d) = self.peek_digit() {
                    let digit = u64::from(d);
                    if overflows(significand, digit, u64::MAX) {
                        return self.long_integer(positive, significand).map(Parsed::F64);
                    }
                    self.eat();
                    significand = significand.wrapping_mul(10).wrapping_add(digit);
                }
                self.after_integer(positive, significand)
            }
            Some(_) => Err(self.error("invalid number")),
        }
    }

    /// `parse_number`: what follows the integer part.
    fn after_integer(&mut self, positive: bool, significand: u64) -> Result<Parsed, Error> {
        Ok(match self.peek() {
            Some(b'.') => Parsed::F64(self.decimal(positive, significand, 0)?),
            Some(b'e' | b'E') => Parsed::F64(self.exponent(positive, significand, 0)?),
            _ if positive => Parsed::U64(significand),
            _ => {
                let neg = (significand as i64).wrapping_neg();
                // A float when below `i64::MIN`, or for `-0`.
                if neg >= 0 {
                    Parsed::F64(-(significand as f64))
                } else {
                    Parsed::I64(neg)
                }
            }
        })
    }

    /// `parse_decimal`, at the `.`.
    fn decimal(&mut self, positive: bool, mut significand: u64, before: i32) -> Result<f64, Error> {
        self.eat();
        let mut after = 0i32;
        while let Some(d) = self.peek_digit() {
            let digit = u64::from(d);
            if overflows(significand, digit, u64::MAX) {
                // `parse_decimal_overflow`: further digits are dropped.
                while self.peek_digit().is_some() {
                    self.eat();
                }
                let exponent = before.saturating_add(after);
                return match self.peek() {
                    Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
                    _ => self.float_from_parts(positive, significand, exponent),
                };
            }
            self.eat();
            significand = significand.wrapping_mul(10).wrapping_add(digit);
            after = after.saturating_sub(1);
        }
        if after == 0 {
            return Err(match self.peek() {
                Some(_) => self.peek_error("invalid number"),
                None => self.peek_error("EOF while parsing a value"),
            });
        }
        let exponent = before.saturating_add(after);
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
            _ => self.float_from_parts(positive, significand, exponent),
        }
    }

    /// `parse_exponent`, at the `e`.
    fn exponent(&mut self, positive: bool, significand: u64, starting: i32) -> Result<f64, Error> {
        self.eat();
        let positive_exp = match self.peek() {
            Some(b'+') => {
                self.eat();
                true
            }
            Some(b'-') => {
                self.eat();
                false
            }
            _ => true,
        };
        let mut exp = match self.next() {
            None => return Err(self.error("EOF while parsing a value")),
            Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
            Some(_) => return Err(self.error("invalid number")),
        };
        while let Some(d) = self.peek_digit() {
            self.eat();
            let digit = i32::from(d);
            if overflows(exp as u64, digit as u64, i32::MAX as u64) {
                // `parse_exponent_overflow`: infinity is an error, zero is zero.
                if significand != 0 && positive_exp {
                    return Err(self.error("number out of range"));
                }
                while self.peek_digit().is_some() {
                    self.eat();
                }
                return Ok(if positive { 0.0 } else { -0.0 });
            }
            exp = exp.wrapping_mul(10).wrapping_add(digit);
        }
        let exponent = if positive_exp {
            starting.saturating_add(exp)
        } else {
            starting.saturating_sub(exp)
        };
        self.float_from_parts(positive, significand, exponent)
    }

    /// `parse_long_integer`: an integer part beyond 64 bits, its further digits dropped.
    fn long_integer(&mut self, positive: bool, significand: u64) -> Result<f64, Error> {
        let mut exponent = 0i32;
        loop {
            match self.peek() {
                Some(b'0'..=b'9') => {
                    self.eat();
                    exponent = exponent.saturating_add(1);
                }
                Some(b'.') => return self.decimal(positive, significand, exponent),
                Some(b'e' | b'E') => return self.exponent(positive, significand, exponent),
                _ => return self.float_from_parts(positive, significand, exponent),
            }
        }
    }

    /// `f64_from_parts` (without serde_json's `float_roundtrip` feature, as built here).
    fn float_from_parts(
        &self,
        positive: bool,
        significand: u64,
        mut exponent: i32,
    ) -> Result<f64, Error> {
        let mut f = significand as f64;
        loop {
            match pow10(exponent.unsigned_abs()) {
                Some(pow) => {
                    if exponent >= 0 {
                        f *= pow;
                        if f.is_infinite() {
                            return Err(self.error("number out of range"));
                        }
                    } else {
                        f /= pow;
                    }
                    break;
                }
                None => {
                    if f == 0.0 {
                        break;
                    }
                    if exponent >= 0 {
                        return Err(self.error("number out of range"));
                    }
                    f /= 1e308;
                    exponent = exponent.saturating_add(308);
                }
            }
        }
        Ok(if positive { f } else { -f })
    }
}

/// Where a value sits in the text: its parent and the key or position under it. The path is
/// written out only when a problem names it, so reading costs no string per value.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// `owners.total`, `items[2].item`, `[0]`; empty at the root.
    fn render(&self) -> String {
        match *self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                // Named as every other problem names a key (`owners[""]` for the empty key).
                crate::input::read::join(&parent.render(), key)
            }
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

/// The parser this one replaced (serde_json's, with a strict visitor), kept as the tests'
/// reference: both must give the same tree or the same refusal for every text.
#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests;
