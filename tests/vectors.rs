//! The shared test vectors, run natively: through the core (as the wasm layer calls it) and
//! through the `gaizao` command line.
//!
//! Each `tests/vectors/<name>.json` is one call `{name, doc?, call, policyId, input, expected}`
//! with `call` one of `policies`, `menu`, `checkEligibility`, `estimate`. `expected` is the whole
//! output JSON, or for a refused input `{error: {code, field, messageZh, messageEn, problems}}`
//! — the shape of the `Error` the wasm exports throw (`field` is `null` when there is none,
//! `problems` lists every problem as `{code, field, message: {zh, en}}`).
//!
//! The same files are run through the wasm exports by `tests/wasm.rs` (`wasm-pack test --node`
//! and `--headless --chrome`, which reads them through the generated `tests/vectors/index.rs`)
//! and through the built npm package by `tests/node/vectors.test.mjs`: equal expectations
//! everywhere prove that the CLI, Node and the browser give identical answers.
//!
//! To add a vector, write the file without `expected` and run
//! `GAIZAO_BLESS=1 cargo test --test vectors`: that fills in (or rewrites) every `expected` from
//! the core and regenerates `index.rs`. Review the diff by hand before committing it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use gaizao::error::ErrorReport;
use gaizao::{Error, Registry};
use serde::Serialize;
use serde_json::{json, Map, Value};

const CALLS: [&str; 4] = ["policies", "menu", "checkEligibility", "estimate"];
use common::PACK_IDS;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn blessing() -> bool {
    std::env::var_os("GAIZAO_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

struct Vector {
    file: String,
    /// The file as parsed (keys sorted).
    raw: Map<String, Value>,
}

impl Vector {
    fn name(&self) -> &str {
        self.raw.get("name").and_then(Value::as_str).unwrap_or("")
    }
    fn call(&self) -> &str {
        self.raw.get("call").and_then(Value::as_str).unwrap_or("")
    }
    fn policy_id(&self) -> Option<&str> {
        self.raw.get("policyId").and_then(Value::as_str)
    }
    fn input(&self) -> &Value {
        self.raw.get("input").unwrap_or(&Value::Null)
    }
    fn expected(&self) -> Option<&Value> {
        self.raw.get("expected")
    }
}

fn load_vectors() -> Vec<Vector> {
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

/// The output of one call: its value for comparison and its pretty text (fields in the order the
/// core writes them) for blessing.
struct Output {
    value: Value,
    pretty: String,
}

fn output<T: Serialize>(v: &T) -> Output {
    Output {
        value: serde_json::to_value(v).expect("results serialise"),
        pretty: serde_json::to_string_pretty(v).expect("results serialise"),
    }
}

/// Runs a vector through the core in exactly the order the wasm layer does: the policy id is
/// looked up first, then the input is parsed from JSON text and checked.
fn run_core(registry: &Registry, v: &Vector) -> Result<Output, Vec<Error>> {
    let input = v.input().to_string();
    let pack = || {
        registry
            .get(v.policy_id().expect("policyId is a string"))
            .map_err(|e| vec![e])
    };
    match v.call() {
        "policies" => Ok(output(&registry.summaries())),
        "menu" => Ok(output(&gaizao::menu::menu(pack()?))),
        "checkEligibility" => {
            let p = pack()?;
            let estate = gaizao::input::estate_from_json(&input)?;
            Ok(output(&gaizao::eligibility::check(p, &estate)))
        }
        "estimate" => {
            let p = pack()?;
            let scenario = gaizao::input::scenario_from_json(&input)?;
            Ok(output(&gaizao::estimate::estimate(p, &scenario)?))
        }
        other => panic!("{}: unknown call {other:?}", v.file),
    }
}

/// The expected form of a refused input: the fields of the `Error` the wasm exports throw.
fn error_value(problems: &[Error]) -> Value {
    let reports: Vec<ErrorReport> = problems.iter().map(ErrorReport::from).collect();
    let first = reports.first().expect("an error has at least one problem");
    json!({
        "error": {
            "code": first.code,
            "field": first.field,
            "messageZh": first.message.zh,
            "messageEn": first.message.en,
            "problems": reports.iter().map(|r| json!({"code": r.code, "field": r.field, "message": r.message})).collect::<Vec<_>>(),
        }
    })
}

fn result_value(r: Result<Output, Vec<Error>>) -> Output {
    match r {
        Ok(o) => o,
        Err(problems) => {
            let value = error_value(&problems);
            Output {
                pretty: serde_json::to_string_pretty(&value).unwrap(),
                value,
            }
        }
    }
}

/// Indents every line but the first by `by` spaces (to nest a pretty-printed value).
fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn vector_text(v: &Vector, expected: &Output) -> String {
    let mut s = String::from("{\n");
    let str_field = |s: &mut String, key: &str| {
        if let Some(val) = v.raw.get(key) {
            let _ = writeln!(
                s,
                "  {}: {},",
                json!(key),
                indent(&serde_json::to_string_pretty(val).unwrap(), 2)
            );
        }
    };
    str_field(&mut s, "name");
    str_field(&mut s, "doc");
    str_field(&mut s, "call");
    let _ = writeln!(
        s,
        "  \"policyId\": {},",
        v.raw.get("policyId").cloned().unwrap_or(Value::Null)
    );
    let _ = writeln!(
        s,
        "  \"input\": {},",
        indent(&serde_json::to_string_pretty(v.input()).unwrap(), 2)
    );
    let _ = writeln!(s, "  \"expected\": {}", indent(&expected.pretty, 2));
    s.push_str("}\n");
    s
}

/// `tests/vectors/index.rs`: every vector embedded, for the wasm runner (no file system there).
fn index_text(vectors: &[Vector]) -> String {
    let mut s = String::from(
        "// @generated by `GAIZAO_BLESS=1 cargo test --test vectors` — do not edit.\n\
         // Every shared test vector, embedded for tests/wasm.rs (wasm32 has no file system).\n\
         pub const VECTORS: &[(&str, &str)] = &[\n",
    );
    for v in vectors {
        let _ = writeln!(s, "    ({:?}, include_str!({:?})),", v.file, v.file);
    }
    s.push_str("];\n");
    s
}

/// First difference between two JSON values, as a path, for a readable failure.
fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
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

#[test]
fn vectors_are_well_formed_and_cover_every_pack_and_call() {
    let vectors = load_vectors();
    let mut problems = Vec::new();
    for v in &vectors {
        let stem = v.file.trim_end_matches(".json");
        if v.name() != stem {
            problems.push(format!(
                "{}: name {:?} differs from the file name",
                v.file,
                v.name()
            ));
        }
        if !CALLS.contains(&v.call()) {
            problems.push(format!(
                "{}: call {:?} is not one of {CALLS:?}",
                v.file,
                v.call()
            ));
        }
        for key in v.raw.keys() {
            if !["name", "doc", "call", "policyId", "input", "expected"].contains(&key.as_str()) {
                problems.push(format!("{}: unexpected key {key:?}", v.file));
            }
        }
        match v.call() {
            "policies" => {}
            _ if v.policy_id().is_none() => {
                problems.push(format!("{}: policyId must be a string", v.file))
            }
            "checkEligibility" | "estimate" if !v.input().is_object() => {
                problems.push(format!("{}: input must be an object", v.file))
            }
            _ => {}
        }
        if !blessing() && v.expected().is_none() {
            problems.push(format!(
                "{}: no expected output; run GAIZAO_BLESS=1 cargo test --test vectors",
                v.file
            ));
        }
    }
    for call in CALLS {
        if !vectors.iter().any(|v| v.call() == call) {
            problems.push(format!("no vector for {call}"));
        }
    }
    for id in PACK_IDS {
        for call in ["checkEligibility", "estimate"] {
            if !vectors.iter().any(|v| {
                v.call() == call
                    && v.policy_id() == Some(id)
                    && v.expected().is_some_and(|e| e.get("error").is_none())
            }) {
                problems.push(format!("no successful {call} vector for pack {id}"));
            }
        }
    }
    let verdicts: Vec<&str> = vectors
        .iter()
        .filter_map(|v| v.expected()?.get("verdict")?.as_str())
        .collect();
    for verdict in ["eligible", "ineligible", "undetermined"] {
        if !verdicts.contains(&verdict) {
            problems.push(format!("no vector with verdict {verdict}"));
        }
    }
    assert!(
        vectors
            .iter()
            .filter(|v| v.expected().is_some_and(|e| e.get("error").is_some()))
            .count()
            >= 5,
        "too few error vectors"
    );
    let index = index_text(&vectors);
    let index_path = dir().join("index.rs");
    if blessing() {
        std::fs::write(&index_path, &index).expect("write tests/vectors/index.rs");
    } else if std::fs::read_to_string(&index_path).ok().as_deref() != Some(index.as_str()) {
        problems.push(
            "tests/vectors/index.rs is out of date; run GAIZAO_BLESS=1 cargo test --test vectors"
                .into(),
        );
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn core_gives_the_expected_output_for_every_vector() {
    let registry = Registry::builtin().expect("the built-in packs are valid");
    let mut failures = Vec::new();
    let mut blessed = 0;
    for v in load_vectors() {
        let actual = result_value(run_core(&registry, &v));
        if blessing() {
            if v.expected() != Some(&actual.value) {
                std::fs::write(dir().join(&v.file), vector_text(&v, &actual))
                    .expect("write vector");
                blessed += 1;
            }
            continue;
        }
        let Some(expected) = v.expected() else {
            continue;
        };
        if let Some(d) = first_difference("expected", expected, &actual.value) {
            failures.push(format!("{}: {d}", v.file));
        }
    }
    if blessing() {
        eprintln!("GAIZAO_BLESS: rewrote {blessed} vector(s); review the diff");
    }
    assert!(
        failures.is_empty(),
        "{} vector(s) differ (re-bless only if the change is intended):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same vectors through the command line (`--format json`, the default): stdout must be the
/// expected JSON; a refused input must exit with status 2 and print one `error[code]: zh / en`
/// line per problem.
#[test]
fn cli_gives_the_expected_output_for_every_vector() {
    let Some(exe) = option_env!("CARGO_BIN_EXE_gaizao") else {
        eprintln!("the gaizao binary is not built (feature `cli` off): CLI check skipped");
        return;
    };
    if blessing() {
        return;
    }
    let mut failures = Vec::new();
    for v in load_vectors() {
        let Some(expected) = v.expected() else {
            continue;
        };
        let id = v.policy_id().unwrap_or_default();
        let args: Vec<&str> = match v.call() {
            "policies" => vec!["policies"],
            "menu" => vec!["menu", "--policy", id],
            "checkEligibility" => vec!["check", "--policy", id, "-"],
            "estimate" => vec!["estimate", "--policy", id, "-"],
            _ => continue,
        };
        let mut child = Command::new(exe)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run gaizao");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(v.input().to_string().as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("gaizao finishes");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match expected.get("error") {
            None => {
                if !out.status.success() {
                    failures.push(format!(
                        "{}: exit {:?}, stderr {stderr}",
                        v.file,
                        out.status.code()
                    ));
                    continue;
                }
                match serde_json::from_str::<Value>(&stdout) {
                    Ok(actual) => {
                        if let Some(d) = first_difference("expected", expected, &actual) {
                            failures.push(format!("{}: {d}", v.file));
                        }
                    }
                    Err(e) => failures.push(format!("{}: stdout is not JSON ({e})", v.file)),
                }
            }
            Some(err) => {
                if out.status.code() != Some(2) {
                    failures.push(format!(
                        "{}: expected exit status 2, got {:?}",
                        v.file,
                        out.status.code()
                    ));
                }
                let want: Vec<String> = err["problems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        format!(
                            "error[{}]: {} / {}",
                            p["code"].as_str().unwrap(),
                            p["message"]["zh"].as_str().unwrap(),
                            p["message"]["en"].as_str().unwrap()
                        )
                    })
                    .collect();
                let got: Vec<&str> = stderr.lines().collect();
                if got != want {
                    failures.push(format!(
                        "{}: stderr\n  {}\nexpected\n  {}",
                        v.file,
                        got.join("\n  "),
                        want.join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} vector(s) differ on the command line:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
