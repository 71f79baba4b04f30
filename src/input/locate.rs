//! Finds where in a JSON tree a deserialisation error happened.
//!
//! serde's messages say *what* is wrong (`unknown field `x``, `invalid type: string "abc"`, our
//! own `@negative -5`) but not *where*. Tracking the path during deserialisation (as
//! serde_path_to_error does) multiplies the code generated for every type, which the wasm size
//! budget cannot afford; errors are rare, so instead we search the tree for the nodes the message
//! names and confirm the culprit by re-parsing without it.

use serde_json::{Map, Value};

/// Re-runs the typed parse on a modified tree and returns its error message, if any.
pub(crate) type Reparse<'a> = &'a dyn Fn(&Value) -> Option<String>;

/// The path (`owners.inFavour`, `items[2].quantity`) of the node an error message is about, or
/// `""` when the message names nothing that can be found.
///
/// Several nodes may hold the value or key the message quotes (`"12.5"` as an area and as a
/// count); each candidate, in document order, is blanked and the parse re-run: the culprit is the
/// one whose removal makes this error go away.
pub(crate) fn path_of_error(tree: &Value, message: &str, reparse: Reparse) -> String {
    let candidates = if let Some(key) = between(message, "unknown field `", "`") {
        all(tree, &mut |_, obj| {
            obj.contains_key(key).then(|| Some(key.to_string()))
        })
    } else if let Some(key) = between(message, "missing field `", "`") {
        return missing(tree, key).unwrap_or_default();
    } else if let Some(raw) = offending_value(message) {
        all(tree, &mut |v, _| equals(v, raw).then_some(None))
    } else {
        Vec::new()
    };
    let remove = message.starts_with("unknown field");
    let mut fallback = None;
    for path in &candidates {
        let mut trial = tree.clone();
        if !blank(&mut trial, path, remove) {
            continue;
        }
        match reparse(&trial) {
            Some(m) if m == message => continue,
            // Blanking a required value only trades this error for "null": remember it as a
            // fallback, in case no optional node explains the error better.
            Some(m) if m.contains("invalid type: null") => {
                fallback.get_or_insert_with(|| path.clone());
            }
            _ => return path.clone(),
        }
    }
    fallback
        .or_else(|| candidates.into_iter().next())
        .unwrap_or_default()
}

/// The value an error message quotes: after our markers (`@negative -5`), or serde's
/// `invalid type: string "abc"` / `integer `5`` / `unknown variant `x``.
fn offending_value(message: &str) -> Option<&str> {
    if message.starts_with('@') {
        return message.split_once(' ').map(|(_, raw)| raw);
    }
    between(message, "string \"", "\"")
        .or_else(|| between(message, "integer `", "`"))
        .or_else(|| between(message, "floating point `", "`"))
        .or_else(|| between(message, "boolean `", "`"))
        .or_else(|| between(message, "unknown variant `", "`"))
}

fn equals(v: &Value, raw: &str) -> bool {
    match v {
        Value::String(s) => s == raw,
        Value::Number(n) => {
            n.to_string() == raw
                || raw.parse::<rust_decimal::Decimal>().ok() == n.to_string().parse().ok()
        }
        Value::Bool(b) => (if *b { "true" } else { "false" }) == raw,
        _ => false,
    }
}

/// A search test on `(node, node as object)`: `Some(suffix)` selects the node, `suffix` being an
/// extra key segment to append to its path.
type Test<'t> = dyn FnMut(&Value, &Map<String, Value>) -> Option<Option<String>> + 't;

/// Depth-first, document order: the paths of every node the test selects.
fn all(tree: &Value, test: &mut Test) -> Vec<String> {
    fn walk(v: &Value, path: &mut String, test: &mut Test, out: &mut Vec<String>) {
        let empty = Map::new();
        if let Some(suffix) = test(v, v.as_object().unwrap_or(&empty)) {
            out.push(match suffix {
                Some(s) => join(path, &s),
                None => path.clone(),
            });
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let len = path.len();
                    *path = join(path, k);
                    walk(child, path, test, out);
                    path.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(child, path, test, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(tree, &mut String::new(), test, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The object that lacks `key`: among objects without it, the first one sharing the most keys
/// with objects that have it (a `source` lacking `clause` looks like the other sources); with no
/// such object anywhere, the deepest object lacking it.
fn missing(tree: &Value, key: &str) -> Option<String> {
    let mut having: Vec<Vec<String>> = Vec::new();
    let lacking = all(tree, &mut |v, obj| match v {
        Value::Object(_) if obj.contains_key(key) => {
            having.push(obj.keys().cloned().collect());
            None
        }
        Value::Object(_) => Some(None),
        _ => None,
    });
    let overlap = |path: &str| {
        let obj = node_at(tree, path).and_then(Value::as_object)?;
        having
            .iter()
            .map(|s| s.iter().filter(|k| obj.contains_key(*k)).count())
            .max()
    };
    let best = lacking
        .iter()
        .filter_map(|p| overlap(p).filter(|o| *o > 0).map(|o| (o, p)))
        .fold(None, |best: Option<(usize, &String)>, (o, p)| match best {
            Some((bo, _)) if bo >= o => best,
            _ => Some((o, p)),
        })
        .map(|(_, p)| p.clone());
    let deepest = || {
        lacking
            .iter()
            .max_by_key(|p| p.matches(['.', '[']).count() + usize::from(!p.is_empty()))
            .cloned()
    };
    best.or_else(deepest).map(|p| join(&p, key))
}

/// The node at a path produced by [`all`].
fn node_at<'a>(tree: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = tree;
    for seg in segments(path)? {
        node = match seg {
            Segment::Key(k) => node.get(k)?,
            Segment::Index(i) => node.get(i)?,
        };
    }
    Some(node)
}

fn segments(path: &str) -> Option<Vec<Segment<'_>>> {
    let mut out = Vec::new();
    if path.is_empty() {
        return Some(out);
    }
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            out.push(Segment::Index(idx.trim_end_matches(']').parse().ok()?));
        }
    }
    Some(out)
}

/// Blanks the node at `path` (sets it to null, or removes the key when `remove` is set), so that
/// parsing can go on to find the next problem. Returns false when there is no such node.
pub(crate) fn blank(tree: &mut Value, path: &str, remove: bool) -> bool {
    let mut segments: Vec<Segment> = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            segments.push(Segment::Key(key));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            match idx.trim_end_matches(']').parse() {
                Ok(i) => segments.push(Segment::Index(i)),
                Err(_) => return false,
            }
        }
    }
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let mut node = tree;
    for seg in parents {
        node = match (seg, node) {
            (Segment::Key(k), Value::Object(m)) => match m.get_mut(*k) {
                Some(n) => n,
                None => return false,
            },
            (Segment::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(n) => n,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node) {
        (Segment::Key(k), Value::Object(m)) if remove => m.remove(*k).is_some(),
        (Segment::Key(k), Value::Object(m)) => match m.get_mut(*k) {
            Some(v) if !v.is_null() => {
                *v = Value::Null;
                true
            }
            _ => false,
        },
        (Segment::Index(i), Value::Array(a)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_node_each_message_names() {
        let tree: Value = serde_json::json!({
            "name": "x",
            "owners": {"total": 10, "inFavour": -5},
            "items": [{"item": "a", "quantity": "1"}, {"quantity": "abc"}],
            "source": {"document": "d", "clause": "c"},
            "other": {"document": "d", "quote": "q"},
            "label": {"zh": "z", "en": "e"}
        });
        let cases = [
            ("marker with value", "@negative -5", "owners.inFavour"),
            (
                "serde invalid string",
                "invalid type: string \"abc\", expected a number",
                "items[1].quantity",
            ),
            (
                "unknown field",
                "unknown field `inFavour`, expected one of",
                "owners.inFavour",
            ),
            (
                "missing field picks the look-alike object",
                "missing field `clause`",
                "other.clause",
            ),
            (
                "missing field in array element",
                "missing field `item`",
                "items[1].item",
            ),
            (
                "nothing to find",
                "invalid type: map, expected a string",
                "",
            ),
        ];
        let no_reparse = |_: &Value| None;
        for (name, message, want) in cases {
            assert_eq!(
                path_of_error(&tree, message, &no_reparse),
                want,
                "case: {name}"
            );
        }
    }
}
