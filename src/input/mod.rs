//! Reading inputs: JSON text (CLI, files, and the browser, whose values arrive as JSON text too),
//! with errors that name the field path, and a semantic check afterwards.
//!
//! Parsing is two steps — text to a `serde_json::Value` tree, then the tree to typed values —
//! because that keeps the wasm module small: the text parser is compiled once, not once per type.
//! When the typed step fails, [`locate`] finds the offending node in the tree to name its path.

mod locate;

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::estate::Estate;
use crate::scenario::Scenario;

/// Largest input text we parse (4 MiB): far above any real compound or plan file for one call.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Most problems reported from one input; past this the person has other trouble than typos.
const MAX_PROBLEMS: usize = 20;

/// Parses JSON text into `T`, naming the failing field (the first problem only).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    from_json_all(text).map_err(|mut v| v.swap_remove(0))
}

/// Parses JSON text into `T`, reporting every field that is wrong, not just the first: after each
/// failure the offending value is blanked (or the unknown key removed) and parsing is retried.
pub fn from_json_all<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Error>> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(vec![Error::OutOfRange {
            field: "(input size)".into(),
        }]);
    }
    let mut tree: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        if message.contains("recursion limit") {
            return vec![Error::TooDeep {
                field: "(input)".into(),
            }];
        }
        let detail = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        vec![Error::MalformedJson {
            line: e.line(),
            column: e.column(),
            detail,
        }]
    })?;
    let lists = lists_only_where_lists_belong(&tree);
    let mut problems = Vec::new();
    let outcome = loop {
        match T::deserialize(&tree) {
            Ok(value) if problems.is_empty() => break Some(value),
            Ok(_) => break None,
            Err(e) => {
                let message = e.to_string();
                // A blanked required value: its real problem is already reported.
                if !problems.is_empty() && message.contains("invalid type: null") {
                    break None;
                }
                let reparse =
                    |t: &serde_json::Value| T::deserialize(t).err().map(|e| e.to_string());
                let path = locate::path_of_error(&tree, &message, &reparse);
                let unknown_key = message.starts_with("unknown field");
                problems.push(Error::from_serde(&path, &message));
                if path.is_empty()
                    || problems.len() >= MAX_PROBLEMS
                    || !locate::blank(&mut tree, &path, unknown_key)
                {
                    break None;
                }
            }
        }
    };
    // Lists standing for objects, unless that spot is already reported (e.g. as an unknown key).
    for l in lists {
        if !problems.iter().any(|p| p.field() == l.field()) {
            problems.push(l);
        }
    }
    match outcome {
        Some(value) if problems.is_empty() => Ok(value),
        _ => Err(problems),
    }
}

/// Keys whose values are lists in gaizao's formats (inputs and policy packs).
const LIST_KEYS: [&str; 16] = [
    "items",
    "floors",
    "fundingOverrides",
    "shares",
    "eligibility",
    "menu",
    "funding",
    "benchmarks",
    "notes",
    "categories",
    "pipelines",
    "allowed",
    "excluded",
    "excludeBaseRules",
    "related",
    "coefficients",
];

/// serde's derived readers accept a JSON array for a struct (fields by position), so
/// `"owners": [60, 50, 40]` would silently mean total, voted, in favour. gaizao's formats never
/// use that form: an array anywhere but under a list key is refused, naming its path.
fn lists_only_where_lists_belong(tree: &serde_json::Value) -> Vec<Error> {
    fn walk(v: &serde_json::Value, path: &str, list_ok: bool, out: &mut Vec<Error>) {
        match v {
            serde_json::Value::Array(items) if list_ok => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), false, out);
                }
            }
            serde_json::Value::Array(_) => out.push(Error::WrongType {
                field: if path.is_empty() {
                    "(root)".into()
                } else {
                    path.to_string()
                },
                detail: "expected an object or a value, found a list".into(),
            }),
            serde_json::Value::Object(m) => {
                for (k, child) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(child, &p, LIST_KEYS.contains(&k.as_str()), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(tree, "", false, &mut out);
    out.truncate(MAX_PROBLEMS);
    out
}

/// An estate, parsed and checked; every problem found is returned.
pub fn estate_from_json(text: &str) -> Result<Estate, Vec<Error>> {
    let estate: Estate = from_json_all(text)?;
    let problems = estate.check("");
    if problems.is_empty() {
        Ok(estate)
    } else {
        Err(problems)
    }
}

/// A scenario, parsed (its semantic check runs inside [`crate::estimate::estimate`]).
pub fn scenario_from_json(text: &str) -> Result<Scenario, Vec<Error>> {
    from_json_all(text)
}
