//! The tree JSON text is read into (packs, the manifest, compounds, scenarios): texts borrowed
//! from the JSON text, objects as sorted lists of members — built by [`super::json::parse`].
//!
//! Why not `serde_json::Value`: building one costs a `String` for every key and every text and a
//! B-tree for every object, and dropping it as much again; for a compound and a scenario that was
//! a third of a check and an estimate, and the B-tree and `Value` code were kilobytes of the
//! resident wasm module, which has a size budget. What is read is read as a `Value` was: the
//! members of an object are in the order `serde_json::Map` kept them (sorted by key, each key
//! once), and numbers are `serde_json::Number`s converted as serde_json converts them.

use std::borrow::Cow;

use serde_json::Number;

/// One value of a JSON text.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree<'a> {
    /// JSON `null` (read as "not given").
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, converted as serde_json's own number parser converts it.
    Number(Number),
    /// A string: borrowed from the input text where it can be, owned where it had to be unescaped.
    String(Cow<'a, str>),
    /// An array, in order.
    Array(Vec<Tree<'a>>),
    /// Members sorted by key (the order in which `serde_json::Map` iterates them), keys unique.
    Object(Vec<Member<'a>>),
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

    /// The number, if the value is one.
    pub fn number(&self) -> Option<&Number> {
        match self {
            Tree::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The members of an object, sorted by key.
    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match self {
            Tree::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key` of an object (members are sorted, so found by bisection).
    pub fn get(&self, key: &str) -> Option<&Tree<'a>> {
        match self {
            Tree::Object(members) => member(members, key),
            _ => None,
        }
    }

    /// The JSON kind, for messages (`a number`, `text`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Tree::Null => "null",
            Tree::Bool(_) => "true/false",
            Tree::Number(_) => "a number",
            Tree::String(_) => "text",
            Tree::Array(_) => "a list",
            Tree::Object(_) => "an object",
        }
    }

    /// The same value, taking the texts of a `serde_json::Value` (the tests' reference parser,
    /// the wasm binding's serde-wasm-bindgen benchmark); no reader needs it otherwise.
    pub fn from_owned(v: serde_json::Value) -> Tree<'static> {
        use serde_json::Value;
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

/// One member of an object: its key and its value.
pub type Member<'a> = (Cow<'a, str>, Tree<'a>);

/// Where the member `key` is among an object's sorted members, or where it would go.
pub fn position(members: &[Member<'_>], key: &str) -> Result<usize, usize> {
    members.binary_search_by(|(k, _)| k.as_ref().cmp(key))
}

/// The value of the member `key` among an object's sorted members.
pub fn member<'m, 'a>(members: &'m [Member<'a>], key: &str) -> Option<&'m Tree<'a>> {
    position(members, key)
        .ok()
        .and_then(|i| members.get(i))
        .map(|(_, v)| v)
}

/// The members of an object while it is parsed: a key given twice must be found when it is
/// read (its problem is reported before anything after it), and the members end sorted by key.
///
/// New members are inserted in order into `tail`; every [`SMALL`] of them become a sorted run,
/// merged with the runs before it while those are no longer (so at most a logarithm of runs, as
/// in a binary counter). A key is looked up in each by bisection. Objects of up to [`SMALL`] keys
/// (every real one) are only ever an insertion sort into `tail`; a hostile object of a quarter
/// million keys costs n·log n moves, not n² (nor n·√n).
#[derive(Default)]
pub(super) struct Members<'a> {
    /// Sorted runs, each longer than the next.
    runs: Vec<Vec<Member<'a>>>,
    /// The newest members, sorted, fewer than [`SMALL`].
    tail: Vec<Member<'a>>,
}

/// Most members an object gathers before they become a run.
const SMALL: usize = 64;

impl<'a> Members<'a> {
    /// Whether no member was given yet.
    pub(super) fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.tail.is_empty()
    }

    /// Where a member `key` goes (to give to [`Members::insert`]), or `None` when `key` was
    /// given already.
    pub(super) fn vacancy(&self, key: &str) -> Option<usize> {
        if self.runs.iter().any(|run| position(run, key).is_ok()) {
            return None;
        }
        position(&self.tail, key).err()
    }

    /// Adds a member at the place [`Members::vacancy`] found for its key (no member added since).
    pub(super) fn insert(&mut self, slot: usize, key: Cow<'a, str>, value: Tree<'a>) {
        self.tail.insert(slot.min(self.tail.len()), (key, value));
        if self.tail.len() >= SMALL {
            let mut run = std::mem::take(&mut self.tail);
            while self.runs.last().is_some_and(|last| last.len() <= run.len()) {
                if let Some(last) = self.runs.pop() {
                    run = merge(last, run);
                }
            }
            self.runs.push(run);
        }
    }

    /// The members, sorted by key.
    pub(super) fn into_sorted(self) -> Vec<Member<'a>> {
        let mut out = self.tail;
        for run in self.runs.into_iter().rev() {
            out = merge(run, out);
        }
        out
    }
}

/// Two sorted lists of members (no key in both) as one.
fn merge<'a>(a: Vec<Member<'a>>, b: Vec<Member<'a>>) -> Vec<Member<'a>> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len().saturating_add(b.len()));
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        let from_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.0 < y.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        out.extend(if from_a { a.next() } else { b.next() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::json::parse;
    use super::*;

    /// An object of `n` keys `k0`…, in the order `order` gives, then `extra` members.
    fn object(keys: impl Iterator<Item = usize>, extra: &str) -> String {
        let members: Vec<String> = keys.map(|i| format!("\"k{i}\":{i}")).collect();
        format!("{{{}{extra}}}", members.join(","))
    }

    #[test]
    fn wide_objects_are_sorted_and_their_duplicates_found_where_they_stand() {
        for n in [0, 1, 63, 64, 65, 127, 128, 129, 200, 5000] {
            let orders: [Vec<usize>; 3] = [
                (0..n).collect(),
                (0..n).rev().collect(),
                (0..n).map(|i| (i * 7919) % n.max(1)).collect(),
            ];
            for order in orders {
                let text = object(order.iter().copied(), "");
                let Ok(Tree::Object(members)) = parse(&text, 1 << 22) else {
                    panic!("{n} keys not read");
                };
                let mut want: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
                want.sort();
                let got: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
                assert_eq!(got, want, "{n} keys");
                for (k, v) in &members {
                    assert_eq!(
                        Some(&Tree::Number(Number::from(
                            k[1..].parse::<u64>().unwrap_or(0)
                        ))),
                        Some(v)
                    );
                }
                if n > 0 {
                    // A key given again, then a syntax error: the key is what is refused.
                    let first = order.first().copied().unwrap_or(0);
                    let text = object(order.iter().copied(), &format!(",\"k{first}\":1 x"));
                    let e = parse(&text, 1 << 22).err();
                    assert_eq!(
                        e.as_ref().map(|e| e.code()),
                        Some("duplicateKey"),
                        "{n} keys"
                    );
                    assert_eq!(
                        e.as_ref().and_then(|e| e.field()),
                        Some(format!("k{first}").as_str())
                    );
                }
            }
        }
    }

    #[test]
    fn texts_without_escapes_are_borrowed() {
        let text = r#"{"name": "林业大院", "esc": "a\"b"}"#;
        let Ok(tree) = parse(text, 1 << 10) else {
            panic!("not read");
        };
        assert!(matches!(
            tree.get("name"),
            Some(Tree::String(Cow::Borrowed("林业大院")))
        ));
        assert!(matches!(tree.get("esc"), Some(Tree::String(Cow::Owned(s))) if s == "a\"b"));
        assert_eq!(tree.get("none"), None);
    }
}
