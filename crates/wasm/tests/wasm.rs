//! The bindings under real JS engines: `wasm-pack test --node` and `--headless --chrome` (see
//! scripts/test-wasm.sh). Every shared vector of `tests/vectors/` goes through a `Calculator`
//! holding every built-in pack, loaded from its exact bytes as the package loads them, and must
//! give the output the native runner (tests/vectors.rs) checks against the core and the CLI.
//! Then malformed calls: each must come back as a thrown list of problem reports, and the
//! calculator must answer correctly afterwards.
#![cfg(target_arch = "wasm32")]

use gaizao_wasm::Calculator;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod vectors {
    include!("../../../tests/vectors/index.rs");
}

fn calculator() -> Calculator {
    let files = gaizao::policy::builtin::BUILTIN_PACKS;
    let manifest = gaizao::Manifest::build(files).expect("the built-in packs are valid");
    let text = serde_json::to_string(&manifest).expect("manifest JSON");
    let calc = Calculator::new(Some(text)).expect("a calculator");
    for entry in &manifest.packs {
        let (file, bytes) = files
            .iter()
            .find(|(f, _)| f.ends_with(&format!("/{}", entry.file)))
            .expect("the manifest's file");
        calc.load_policy(bytes, file, false).expect("loads");
    }
    calc
}

/// What was thrown, as the vectors write errors.
fn error(thrown: JsValue) -> Result<Value, String> {
    let text = thrown
        .as_string()
        .ok_or("thrown value is not a report list")?;
    let problems: Vec<Value> = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let first = problems.first().ok_or("no problems")?.clone();
    let problems: Vec<Value> = problems
        .iter()
        .map(|p| json!({"code": p["code"], "field": p.get("field").cloned().unwrap_or(Value::Null), "message": p["message"]}))
        .collect();
    Ok(json!({"error": {
        "code": first["code"],
        "field": first.get("field").cloned().unwrap_or(Value::Null),
        "messageZh": first["message"]["zh"],
        "messageEn": first["message"]["en"],
        "problems": problems,
    }}))
}

fn run(calc: &Calculator, v: &Value) -> Result<Value, String> {
    let id = v["policyId"].as_str().unwrap_or("");
    let input = v["input"].to_string();
    let out = match v["call"].as_str().unwrap_or_default() {
        "policies" => calc.policies().map(|t| {
            serde_json::from_str::<Value>(&t)
                .map(|p| p["loaded"].to_string())
                .unwrap_or(t)
        }),
        "menu" => calc.menu(id),
        "checkEligibility" => calc.check(id, &input, "both"),
        "estimate" => calc.estimate(id, &input, "both"),
        other => return Err(format!("unknown call {other:?}")),
    };
    match out {
        Ok(text) => serde_json::from_str(&text).map_err(|e| e.to_string()),
        Err(thrown) => error(thrown),
    }
}

#[wasm_bindgen_test]
fn every_vector_gives_its_expected_output() {
    let calc = calculator();
    let mut failures = Vec::new();
    for (file, text) in vectors::VECTORS {
        let v: Value = serde_json::from_str(text).expect("vector JSON");
        match run(&calc, &v) {
            Ok(out) if out == v["expected"] => {}
            Ok(out) => failures.push(format!(
                "{file}: got {}",
                out.to_string().chars().take(300).collect::<String>()
            )),
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} vectors differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(vectors::VECTORS.len() >= 40);
}

#[wasm_bindgen_test]
fn malformed_calls_are_refused_and_the_calculator_keeps_answering() {
    let calc = calculator();
    let cases: [(&str, Result<String, JsValue>, &str); 7] = [
        (
            "not JSON",
            calc.check("national", "{", "none"),
            "malformedJson",
        ),
        (
            "duplicate key",
            calc.check("national", r#"{"households":-5,"households":5}"#, "none"),
            "duplicateKey",
        ),
        (
            "unknown policy",
            calc.check("atlantis", "{}", "none"),
            "unknownPolicy",
        ),
        ("bad lang", calc.check("national", "{}", "fr"), "wrongType"),
        (
            "bad pack",
            calc.load_policy(b"{}", "x.json", false)
                .map(|_| String::new()),
            "invalidPolicy",
        ),
        (
            "not UTF-8",
            calc.load_policy(&[0xff, 0xfe], "x.json", false)
                .map(|_| String::new()),
            "invalidPolicy",
        ),
        (
            "pack posing as national",
            calc.load_policy(br#"{"id":"national"}"#, "policies/national.json", false)
                .map(|_| String::new()),
            "invalidPolicy",
        ),
    ];
    for (name, result, code) in cases {
        let thrown = result.expect_err(name);
        let e = error(thrown).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(e["error"]["code"], code, "case: {name}");
    }
    let out = calc
        .check("national", r#"{"builtYear": 1995}"#, "none")
        .expect("still answers");
    assert!(out.contains("\"verdict\""));
}
