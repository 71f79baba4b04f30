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

use gaizao::texts::ErrorReport;
use gaizao::{Error, Registry};
use serde::Serialize;
use serde_json::{json, Value};

const CALLS: [&str; 4] = ["policies", "menu", "checkEligibility", "estimate"];
use common::vectors::{blessing, dir, first_difference, load_vectors, Vector};
use common::PACK_IDS;

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
            let input = gaizao::eligibility::CheckInput::from_json(&input, p)?;
            Ok(output(&gaizao::eligibility::check_input(
                p,
                &input,
                gaizao::Langs::Both,
            )))
        }
        "estimate" => {
            let p = pack()?;
            let scenario = gaizao::Scenario::from_json(&input, p)?;
            Ok(output(&gaizao::estimate::estimate_with(
                p,
                &scenario,
                gaizao::Langs::Both,
            )?))
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
