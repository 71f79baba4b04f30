//! The shared test vectors of `tests/vectors/`: loading them and comparing JSON outputs (used by
//! the core's `tests/vectors.rs` and the CLI crate's `vectors_cli.rs`).

use std::path::PathBuf;

use serde_json::{Map, Value};

pub fn dir() -> PathBuf {
    super::root().join("tests/vectors")
}

pub fn blessing() -> bool {
    std::env::var_os("GAIZAO_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

pub struct Vector {
    pub file: String,
    /// The file as parsed (keys sorted).
    pub raw: Map<String, Value>,
}

impl Vector {
    pub fn name(&self) -> &str {
        self.raw.get("name").and_then(Value::as_str).unwrap_or("")
    }
    pub fn call(&self) -> &str {
        self.raw.get("call").and_then(Value::as_str).unwrap_or("")
    }
    pub fn policy_id(&self) -> Option<&str> {
        self.raw.get("policyId").and_then(Value::as_str)
    }
    pub fn input(&self) -> &Value {
        self.raw.get("input").unwrap_or(&Value::Null)
    }
    pub fn expected(&self) -> Option<&Value> {
        self.raw.get("expected")
    }
}

pub fn load_vectors() -> Vec<Vector> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vectors in tests/vectors");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let raw: Map<String, Value> = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not a JSON object: {e}", path.display()));
            Vector {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                raw,
            }
        })
        .collect()
}

/// First difference between two JSON values, as a path, for a readable failure.
pub fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for k in e.keys().chain(a.keys()) {
                let p = format!("{path}.{k}");
                match (e.get(k), a.get(k)) {
                    (Some(x), Some(y)) => {
                        if let Some(d) = first_difference(&p, x, y) {
                            return Some(d);
                        }
                    }
                    (x, y) => return Some(format!("{p}: expected {x:?}, got {y:?}")),
                }
            }
            None
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                if let Some(d) = first_difference(&format!("{path}[{i}]"), x, y) {
                    return Some(d);
                }
            }
            (e.len() != a.len())
                .then(|| format!("{path}: expected {} elements, got {}", e.len(), a.len()))
        }
        _ => (expected != actual).then(|| format!("{path}: expected {expected}, got {actual}")),
    }
}
