//! The parser this one replaced (serde_json's, with a strict visitor), kept as the tests'
//! reference: both must give the same tree or the same refusal for every text.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::{Path, MAX_DEPTH};
use crate::error::Error;

/// Parses JSON text, refusing duplicate keys (naming the field), deep nesting and oversize text.
pub(super) fn parse(text: &str, max_bytes: usize) -> Result<Value, Error> {
    if text.len() > max_bytes {
        return Err(Error::InputTooLarge {
            field: "(input)".into(),
            bytes: text.len(),
            max: max_bytes,
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let mut problem = None;
    let mut numbers = NumberTokens::new(text);
    let seed = Node {
        at: Path::Root,
        depth: 0,
        problem: &mut problem,
        numbers: &mut numbers,
    };
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match (result, problem) {
        (_, Some(p)) => Err(p),
        (Ok(v), None) => Ok(v),
        (Err(e), None) => Err(syntax(&e)),
    }
}

fn syntax(e: &serde_json::Error) -> Error {
    let message = e.to_string();
    let detail = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    Error::MalformedJson {
        line: e.line(),
        column: e.column(),
        detail,
    }
}

/// The number tokens of a JSON text, in document order (serde_json visits numbers in the same
/// order, one visit per token). serde_json hands a number with a fraction or an exponent to the
/// visitor as an `f64`; the token says what was written, so that a number whose float is not
/// the same decimal (`1e-400` is not 0, `1.0000000000000000001` is not 1) is refused where it
/// stands instead of being read as another figure. (Cheaper than serde_json's
/// `arbitrary_precision`, which costs the wasm module about 10 KB.)
struct NumberTokens<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> NumberTokens<'t> {
    fn new(text: &'t str) -> Self {
        NumberTokens { text, at: 0 }
    }

    /// The next number token, skipping strings (with their escapes) and everything else.
    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    i += 1;
                    while let Some(&c) = bytes.get(i) {
                        i += if c == b'\\' { 2 } else { 1 };
                        if c == b'"' {
                            break;
                        }
                    }
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while bytes.get(i).is_some_and(|c| {
                        c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
                    }) {
                        i += 1;
                    }
                    self.at = i;
                    return self.text.get(start..i);
                }
                _ => i += 1,
            }
        }
        self.at = i;
        None
    }
}

/// One value being read, at `at`. A problem found here is kept in `problem` (the serde error
/// only stops the parse; the `Error` says what was wrong and where).
struct Node<'a, 't> {
    at: Path<'a>,
    depth: usize,
    problem: &'a mut Option<Error>,
    numbers: &'a mut NumberTokens<'t>,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.depth > MAX_DEPTH {
            let path = self.at.render();
            *self.problem = Some(Error::TooDeep {
                field: if path.is_empty() {
                    "(input)".into()
                } else {
                    path
                },
            });
            return Err(de::Error::custom("too deep"));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        self.numbers.next(); // an integer token: exact as it is
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        self.numbers.next();
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        let token = self.numbers.next().unwrap_or("");
        if let Err(e) = crate::numbers::float_is_exact(token, v) {
            *self.problem = Some(e.at(&crate::input::read::At::Text(&self.at.render())));
            return Err(E::custom("inexact number"));
        }
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let child = Node {
                at: Path::Index(&self.at, out.len()),
                depth: self.depth + 1,
                problem: &mut *self.problem,
                numbers: &mut *self.numbers,
            };
            match seq.next_element_seed(child)? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                *self.problem = Some(Error::DuplicateKey {
                    field: Path::Key(&self.at, &key).render(),
                });
                return Err(de::Error::custom("duplicate key"));
            }
            let child = Node {
                at: Path::Key(&self.at, &key),
                depth: self.depth + 1,
                problem: &mut *self.problem,
                numbers: &mut *self.numbers,
            };
            let v = map.next_value_seed(child)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}
