//! The tree an input (a compound, a scenario) is read from: texts borrowed from the JSON text,
//! objects as short lists — and a parser that builds it without an allocation per key or text.
//!
//! Why not `serde_json::Value`: building one costs a `String` for every key and every text and a
//! B-tree for every object, and dropping it as much again; for a compound and a scenario that was
//! a third of a check and an estimate. This parser takes the plain JSON that calculators send —
//! texts without escapes, integers, objects of up to [`MAX_FAST_KEYS`] keys — and gives every other
//! input (escapes, duplicate keys, deep nesting, syntax errors) to [`super::json::parse`], so that
//! what is refused is refused with exactly the same problem as before, and what is read is read
//! the same: the members of an object are in the order `serde_json::Map` keeps them (sorted by
//! key), and numbers are `serde_json::Number`s made by the general parser's number reading.

use std::borrow::Cow;

use serde_json::{Number, Value};

use crate::error::Error;

/// One value of an input.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree<'a> {
    /// JSON `null` (read as "not given").
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json's own number parser made it (so it reads exactly as a full parse would).
    Number(Number),
    /// A string: borrowed from the input text where it can be, owned where it had to be unescaped.
    String(Cow<'a, str>),
    /// An array, in order.
    Array(Vec<Tree<'a>>),
    /// Members sorted by key (the order in which `serde_json::Map` iterates them), keys unique.
    Object(Vec<(Cow<'a, str>, Tree<'a>)>),
}

impl<'a> Tree<'a> {
    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Tree::Null)
    }

    /// The text, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Tree<'a>> {
        match self {
            Tree::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The same value, borrowing from a parsed `serde_json::Value`.
    pub fn from_value(v: &'a Value) -> Tree<'a> {
        match v {
            Value::Null => Tree::Null,
            Value::Bool(b) => Tree::Bool(*b),
            Value::Number(n) => Tree::Number(n.clone()),
            Value::String(s) => Tree::String(Cow::Borrowed(s)),
            Value::Array(items) => Tree::Array(items.iter().map(Tree::from_value).collect()),
            Value::Object(map) => Tree::Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Tree::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The same value, taking the texts of a parsed `serde_json::Value`.
    pub fn from_owned(v: Value) -> Tree<'static> {
        match v {
            Value::Null => Tree::Null,
            Value::Bool(b) => Tree::Bool(b),
            Value::Number(n) => Tree::Number(n),
            Value::String(s) => Tree::String(Cow::Owned(s)),
            Value::Array(items) => Tree::Array(items.into_iter().map(Tree::from_owned).collect()),
            Value::Object(map) => Tree::Object(
                map.into_iter()
                    .map(|(k, v)| (Cow::Owned(k), Tree::from_owned(v)))
                    .collect(),
            ),
        }
    }
}

/// What a reader needs of a JSON value, so that numbers and messages are read the same from a
/// [`Tree`] (inputs) and a `serde_json::Value` (packs).
pub trait JsonValue {
    /// The number, if the value is one.
    fn number(&self) -> Option<&Number>;
    /// The text, if the value is one.
    fn text(&self) -> Option<&str>;
    /// The JSON kind, for messages (`a number`, `text`, …).
    fn kind(&self) -> &'static str;
}

impl JsonValue for Value {
    fn number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn kind(&self) -> &'static str {
        super::read::kind(self)
    }
}

impl JsonValue for Tree<'_> {
    fn number(&self) -> Option<&Number> {
        match self {
            Tree::Number(n) => Some(n),
            _ => None,
        }
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn kind(&self) -> &'static str {
        match self {
            Tree::Null => "null",
            Tree::Bool(_) => "true/false",
            Tree::Number(_) => "a number",
            Tree::String(_) => "text",
            Tree::Array(_) => "a list",
            Tree::Object(_) => "an object",
        }
    }
}

/// Objects with more keys than this go to the general parser (the fast one sorts by insertion).
pub const MAX_FAST_KEYS: usize = 64;

/// Parses an input: the same tree, and the same problems, as [`super::json::parse`] followed by
/// [`Tree::from_owned`], in a fraction of the time for the plain JSON calculators send.
pub fn parse(text: &str, max_bytes: usize) -> Result<Tree<'_>, Error> {
    if text.len() <= max_bytes {
        let mut p = Parser { text, at: 0 };
        if let Some(tree) = p.root() {
            return Ok(tree);
        }
    }
    super::json::parse(text, max_bytes).map(Tree::from_owned)
}

/// A parser of plain JSON: `None` at anything it does not take (the general parser then decides).
struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at = self.at.saturating_add(1);
        }
    }

    #[inline(always)]
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.at = self.at.saturating_add(1))
    }

    fn root(&mut self) -> Option<Tree<'a>> {
        let v = self.value(0)?;
        self.skip_space();
        (self.at == self.text.len()).then_some(v)
    }

    fn value(&mut self, depth: usize) -> Option<Tree<'a>> {
        if depth > super::json::MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek()? {
            b'"' => self.string().map(|s| Tree::String(Cow::Borrowed(s))),
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b't' => self.word("true").map(|()| Tree::Bool(true)),
            b'f' => self.word("false").map(|()| Tree::Bool(false)),
            b'n' => self.word("null").map(|()| Tree::Null),
            _ => self.number(),
        }
    }

    fn word(&mut self, w: &str) -> Option<()> {
        let end = self.at.saturating_add(w.len());
        (self.text.as_bytes().get(self.at..end)? == w.as_bytes()).then(|| self.at = end)
    }

    /// A text without escapes or control characters (which the general parser handles).
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let len = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        let end = start.saturating_add(len);
        // Both ends are at a `"`, so on character boundaries.
        let s = self.text.get(start..end)?;
        self.at = end.saturating_add(1);
        Some(s)
    }

    /// A number, as serde_json reads it: a plain non-negative integer that fits in 64 bits
    /// directly, any other number by the general parser (serde_json's number conversion).
    fn number(&mut self) -> Option<Tree<'a>> {
        let start = self.at;
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.peek() {
            self.at = self.at.saturating_add(1);
        }
        let token = self.text.get(start..self.at)?;
        let plain = !token.is_empty()
            && token.bytes().all(|b| b.is_ascii_digit())
            && (token.len() == 1 || !token.starts_with('0'));
        if plain {
            if let Ok(n) = token.parse::<u64>() {
                return Some(Tree::Number(Number::from(n)));
            }
        }
        // The general parser, the very one the general path uses (no second copy of it).
        match super::json::parse(token, token.len()) {
            Ok(Value::Number(n)) => Some(Tree::Number(n)),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Tree<'a>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b']').is_some() {
            return Some(Tree::Array(items));
        }
        loop {
            items.push(self.value(depth.saturating_add(1))?);
            self.skip_space();
            match self.peek()? {
                b',' => self.at = self.at.saturating_add(1),
                b']' => {
                    self.at = self.at.saturating_add(1);
                    return Some(Tree::Array(items));
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Tree<'a>> {
        self.eat(b'{')?;
        let mut members: Vec<(Cow<'a, str>, Tree<'a>)> = Vec::new();
        self.skip_space();
        if self.eat(b'}').is_some() {
            return Some(Tree::Object(members));
        }
        loop {
            if members.len() >= MAX_FAST_KEYS {
                return None;
            }
            self.skip_space();
            let key = self.string()?;
            self.skip_space();
            self.eat(b':')?;
            let value = self.value(depth.saturating_add(1))?;
            // Kept sorted as serde_json::Map iterates (by key); a key given twice goes to the
            // general parser, which names it.
            let mut i = members.len();
            while i > 0 {
                let Some((k, _)) = members.get(i.saturating_sub(1)) else {
                    break;
                };
                match k.as_ref().cmp(key) {
                    std::cmp::Ordering::Greater => i = i.saturating_sub(1),
                    std::cmp::Ordering::Equal => return None,
                    std::cmp::Ordering::Less => break,
                }
            }
            members.insert(i, (Cow::Borrowed(key), value));
            self.skip_space();
            match self.peek()? {
                b',' => self.at = self.at.saturating_add(1),
                b'}' => {
                    self.at = self.at.saturating_add(1);
                    return Some(Tree::Object(members));
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The general parser's answer, as a tree.
    fn general(text: &str) -> Result<Tree<'static>, Error> {
        super::super::json::parse(text, 1 << 20).map(Tree::from_owned)
    }

    #[test]
    fn same_tree_and_same_problems_as_the_general_parser() {
        let deep = format!("{}{}", "[".repeat(33), "]".repeat(33));
        let ok_deep = format!("{}{}", "[".repeat(32), "]".repeat(32));
        let wide = format!(
            "{{{}}}",
            (0..70)
                .map(|i| format!("\"k{i}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let cases = [
            r#"{"households": 84, "name": "林业大院", "owners": {"total": 84, "voted": 80}}"#,
            r#"{"b":1,"a":2,"c":{"z":null,"y":true,"x":false}}"#,
            r#"  {"items":[{"item":"a","amount":"1"},{"item":"b"}], "e": []}  "#,
            r#"{"n": 0, "m": 18446744073709551615, "big": 18446744073709551616, "neg": -5, "z": -0, "f": 66.5, "e": 1e3, "E": 1.2E-3}"#,
            r#"{"x": 01}"#,
            r#"{"x": 1.}"#,
            r#"{"x": -}"#,
            r#"{"x": 1e400}"#,
            r#"{"a": "esc\"aped", "b": "tab\tin"}"#,
            "{\"ctl\": \"a\u{1}b\"}",
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": {"b": 1, "b": 2}}"#,
            r#"{"a": 1,}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1} x"#,
            r#"[1, 2,]"#,
            r#"tru"#,
            "",
            "\u{FEFF}{}",
            r#"{"a": nul}"#,
            r#"{"emoji": "𝄞", "empty": "", "": 1}"#,
            &deep,
            &ok_deep,
            &wide,
        ];
        for text in cases {
            let fast = parse(text, 1 << 20);
            assert_eq!(fast, general(text), "case: {text}");
        }
        assert_eq!(
            parse("[0]", 2).err().map(|e| e.code()),
            Some("inputTooLarge")
        );
    }

    #[test]
    fn plain_inputs_take_the_fast_path() {
        let mut p = Parser {
            text: include_str!("../../examples/linye-dayuan-plan.json"),
            at: 0,
        };
        assert!(p.root().is_some());
    }
}
