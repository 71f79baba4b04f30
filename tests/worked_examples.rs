//! Table-driven worked examples, one data file per pack (like OpenFisca's YAML tests).
//!
//! Each `tests/examples/<pack-id>.json` is a list of cases
//! `{name, doc, kind: "check" | "estimate", input, expect}`. Expected values are worked out by hand
//! from the cited clause; `doc` says which. `expect` may hold:
//!
//! - check: `verdict`, `restsOn` (in order), `findings` (decisive and item rules), `advice`
//!   (advisory rules) and `warnings` (the rest), each `{ruleId: outcome}`; `absent` (rule ids that
//!   must not be reported), `toProvide` and `alsoAsked` (as sets), `gaps` (`{ruleId: gap object}`,
//!   exact), `items` (in order: `{item, verdict?, restsOn?}`). The input may hold the reserved
//!   keys `items` (`[{"item": id}]`) and `asOf`;
//! - estimate: `total`, `perHousehold`, `status`, `shares` (`{party: amount}`, exact), `sharesBasis`,
//!   `lines` (in order: `{item, fundingRule, basis?, amount, shares: {party: amount}, unset?:
//!   [party], borrowed?: packId}`, a party appearing twice in a line — a hardship waiver — is
//!   summed; payers named without a share are in `unset`, not `shares`), `assumptions` and
//!   `editedAssumptions` (rule ids, as sets), `notesContain` (substrings), and `elevator`,
//!   `household`, `benchmark` (matched as subsets of the output);
//! - either: `errors` (`[{code, field}]`, as a set) when the input must be refused.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

struct Case<'a> {
    file: &'a str,
    name: &'a str,
    expect: &'a Map<String, Value>,
}

impl Case<'_> {
    fn fail(&self, problems: &mut Vec<String>, what: String) {
        problems.push(format!("[{} :: {}] {what}", self.file, self.name));
    }
}

fn str_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// `expected` ⊆ `actual`: every key of an expected object must match; arrays element-wise, same length.
fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| subset(v, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| subset(x, y))
        }
        _ => expected == actual,
    }
}

/// Sums a line's shares (or the party totals) into `{party: "amount"}`.
fn share_map(shares: &Value) -> BTreeMap<String, String> {
    let mut fen: BTreeMap<String, i128> = BTreeMap::new();
    for s in shares.as_array().expect("shares") {
        if s["unset"] == json!(true) {
            continue;
        }
        let amount: Decimal = s["amount"]
            .as_str()
            .expect("amount string")
            .parse()
            .expect("decimal amount");
        let cents = amount * Decimal::ONE_HUNDRED;
        assert!(cents.fract().is_zero(), "amount {amount} is not whole fen");
        *fen.entry(s["party"].as_str().unwrap().to_string())
            .or_default() += i128::try_from(cents).unwrap();
    }
    fen.into_iter()
        .map(|(p, f)| (p, gaizao::money::Fen(f).yuan_text()))
        .collect()
}

fn expected_map(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .expect("a map")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("amount string").to_string()))
        .collect()
}

fn run_check(c: &Case, input: &Value, p: &mut Vec<String>) {
    let result = match common::check(c.file, input) {
        Ok(r) => r,
        Err(errors) => return expect_errors(c, &errors, p),
    };
    if c.expect.contains_key("errors") {
        return c.fail(
            p,
            format!("expected errors, got verdict {:?}", result.verdict),
        );
    }
    let out = common::to_value(&result);
    let (findings, others) = common::findings_by_role(&out);
    let (advice, warnings): (BTreeMap<String, Value>, BTreeMap<String, Value>) = others
        .into_iter()
        .partition(|(_, f)| f["role"] == "advisory");
    if let Some(v) = c.expect.get("status") {
        if &out["status"] != v {
            c.fail(p, format!("status {v} expected, got {}", out["status"]));
        }
    }
    if let Some(v) = c.expect.get("verdict") {
        if &out["verdict"] != v {
            c.fail(
                p,
                format!(
                    "verdict {} expected, got {} (findings: {:?})",
                    v,
                    out["verdict"],
                    outcomes(&findings)
                ),
            );
        }
    }
    if let Some(v) = c.expect.get("restsOn") {
        if &out["restsOn"] != v {
            c.fail(p, format!("restsOn {v} expected, got {}", out["restsOn"]));
        }
    }
    for (list, actual) in [
        ("findings", &findings),
        ("advice", &advice),
        ("warnings", &warnings),
    ] {
        for (rule, want) in c
            .expect
            .get(list)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            match actual.get(rule) {
                Some(f) if &f["outcome"] == want => {}
                Some(f) => c.fail(
                    p,
                    format!(
                        "{list}.{rule}: {want} expected, got {} — {}",
                        f["outcome"],
                        common::message_en(f)
                    ),
                ),
                None => c.fail(
                    p,
                    format!(
                        "{list}.{rule}: no such {list} (have {:?})",
                        actual.keys().collect::<Vec<_>>()
                    ),
                ),
            }
        }
    }
    for rule in c.expect.get("absent").map(str_set).unwrap_or_default() {
        if findings.contains_key(&rule)
            || warnings.contains_key(&rule)
            || advice.contains_key(&rule)
        {
            c.fail(p, format!("rule {rule} must not apply under this pack"));
        }
    }
    for key in ["toProvide", "alsoAsked"] {
        if let Some(v) = c.expect.get(key) {
            let got = str_set(&out[key]);
            if got != str_set(v) {
                c.fail(p, format!("{key} {:?} expected, got {got:?}", str_set(v)));
            }
        }
    }
    if let Some(v) = c.expect.get("items") {
        if !subset(v, &out["items"]) {
            c.fail(
                p,
                format!("items: expected (subset) {v}, got {}", out["items"]),
            );
        }
    }
    for (rule, gap) in c
        .expect
        .get("gaps")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let got = findings
            .get(rule)
            .or(warnings.get(rule))
            .or(advice.get(rule))
            .map(|f| f["gap"].clone())
            .unwrap_or(Value::Null);
        if &got != gap {
            c.fail(p, format!("gap of {rule}: {gap} expected, got {got}"));
        }
    }
}

fn outcomes(m: &BTreeMap<String, Value>) -> BTreeMap<&str, &str> {
    m.iter()
        .map(|(k, v)| (k.as_str(), v["outcome"].as_str().unwrap_or("?")))
        .collect()
}

fn run_estimate(c: &Case, input: &Value, p: &mut Vec<String>) {
    let result = match common::estimate(c.file, input) {
        Ok(r) => r,
        Err(errors) => return expect_errors(c, &errors, p),
    };
    if c.expect.contains_key("errors") {
        return c.fail(
            p,
            format!("expected errors, got an estimate of {}", result.total),
        );
    }
    let out = common::to_value(&result);
    for key in ["total", "perHousehold", "status"] {
        if let Some(v) = c.expect.get(key) {
            if &out[key] != v {
                c.fail(p, format!("{key}: {v} expected, got {}", out[key]));
            }
        }
    }
    if let Some(v) = c.expect.get("shares") {
        let got = share_map(&out["shares"]);
        if got != expected_map(v) {
            c.fail(
                p,
                format!("party totals {:?} expected, got {got:?}", expected_map(v)),
            );
        }
    }
    for (party, basis) in c
        .expect
        .get("sharesBasis")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let got = out["shares"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| &s["party"] == party)
            .map(|s| s["basis"].clone());
        if got.as_ref() != Some(basis) {
            c.fail(
                p,
                format!("basis of {party}'s total: {basis} expected, got {got:?}"),
            );
        }
    }
    if let Some(lines) = c.expect.get("lines").and_then(Value::as_array) {
        let got = out["lines"].as_array().unwrap();
        if got.len() != lines.len() {
            c.fail(
                p,
                format!("{} lines expected, got {}", lines.len(), got.len()),
            );
        }
        for (i, (want, line)) in lines.iter().zip(got).enumerate() {
            check_line(c, i, want, line, p);
        }
    }
    for (key, edited_only) in [("assumptions", false), ("editedAssumptions", true)] {
        if let Some(v) = c.expect.get(key) {
            let got: BTreeSet<String> = out["assumptions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| !edited_only || a["edited"] == json!(true))
                .map(|a| a["rule"].as_str().unwrap().to_string())
                .collect();
            if got != str_set(v) {
                c.fail(p, format!("{key} {:?} expected, got {got:?}", str_set(v)));
            }
        }
    }
    for needle in c
        .expect
        .get("notesContain")
        .map(str_set)
        .unwrap_or_default()
    {
        let notes = |lang: &str| -> Vec<String> {
            out["texts"][lang]["notes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect()
        };
        let found = notes("zh")
            .iter()
            .chain(&notes("en"))
            .any(|n| n.contains(&needle));
        if !found {
            c.fail(
                p,
                format!("no note contains {needle:?}; notes: {}", out["texts"]),
            );
        }
    }
    for key in ["elevator", "household", "benchmark"] {
        if let Some(v) = c.expect.get(key) {
            if !subset(v, &out[key]) {
                c.fail(p, format!("{key}: expected (subset) {v}, got {}", out[key]));
            }
        }
    }
}

fn check_line(c: &Case, i: usize, want: &Value, line: &Value, p: &mut Vec<String>) {
    for key in [
        "item",
        "benchmark",
        "fundingRule",
        "amount",
        "segment",
        "borrowed",
    ] {
        if let Some(v) = want.get(key) {
            if &line[key] != v {
                c.fail(
                    p,
                    format!("lines[{i}].{key}: {v} expected, got {}", line[key]),
                );
            }
        }
    }
    if let Some(v) = want.get("shares") {
        let got = share_map(&line["shares"]);
        if got != expected_map(v) {
            c.fail(
                p,
                format!(
                    "lines[{i}] ({}) shares {:?} expected, got {got:?}",
                    line["item"],
                    expected_map(v)
                ),
            );
        }
    }
    if let Some(v) = want.get("unset") {
        let got: BTreeSet<String> = line["shares"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["unset"] == json!(true))
            .map(|s| s["party"].as_str().unwrap().to_string())
            .collect();
        if got != str_set(v) {
            c.fail(
                p,
                format!(
                    "lines[{i}] ({}) unset {:?} expected, got {got:?}",
                    line["item"],
                    str_set(v)
                ),
            );
        }
    }
    if let Some(b) = want.get("basis") {
        for s in line["shares"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["unset"] != json!(true))
        {
            if &s["basis"] != b {
                c.fail(
                    p,
                    format!(
                        "lines[{i}] ({}) share of {}: basis {b} expected, got {}",
                        line["item"], s["party"], s["basis"]
                    ),
                );
            }
        }
    }
}

fn expect_errors(c: &Case, errors: &[gaizao::Error], p: &mut Vec<String>) {
    let got: BTreeSet<(String, String)> = common::codes(errors).into_iter().collect();
    let Some(want) = c.expect.get("errors").and_then(Value::as_array) else {
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return c.fail(p, format!("unexpected errors: {shown:?}"));
    };
    let want: BTreeSet<(String, String)> = want
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    if got != want {
        c.fail(p, format!("errors {want:?} expected, got {got:?}"));
    }
}

/// What every pack's file must contain (section 6 of the issue).
fn check_coverage(file: &str, cases: &[Value], p: &mut Vec<String>) {
    let has = |pred: &dyn Fn(&Value) -> bool| cases.iter().any(pred);
    let verdict = |v: &'static str| move |c: &Value| c["expect"]["verdict"] == json!(v);
    type Pred = Box<dyn Fn(&Value) -> bool>;
    let wanted: [(&str, Pred); 5] = [
        ("an eligible compound", Box::new(verdict("eligible"))),
        ("an ineligible compound", Box::new(verdict("ineligible"))),
        (
            "an undetermined compound naming what to provide",
            Box::new(move |c: &Value| {
                verdict("undetermined")(c) && c["expect"].get("toProvide").is_some()
            }),
        ),
        (
            "a cost split with its totals",
            Box::new(|c: &Value| {
                c["kind"] == json!("estimate") && c["expect"].get("shares").is_some()
            }),
        ),
        (
            "a line-by-line split with bases",
            Box::new(|c: &Value| {
                c["expect"]["lines"]
                    .as_array()
                    .is_some_and(|l| l.iter().any(|x| x.get("basis").is_some()))
            }),
        ),
    ];
    for (what, pred) in wanted {
        if !has(&*pred) {
            p.push(format!("[{file}] has no case with {what}"));
        }
    }
    let mut names = BTreeSet::new();
    for c in cases {
        let name = c["name"].as_str().unwrap_or("");
        if name.is_empty() || c["doc"].as_str().is_none_or(str::is_empty) {
            p.push(format!(
                "[{file}] every case needs a name and the clause it comes from (`doc`): {c}"
            ));
        }
        if !names.insert(name) {
            p.push(format!("[{file}] two cases are named {name:?}"));
        }
    }
}

#[test]
fn worked_examples_of_every_pack() {
    let mut problems = Vec::new();
    let mut count = 0;
    for id in common::PACK_IDS {
        let data = common::read_json(&format!("tests/examples/{id}.json"));
        let cases = data
            .as_array()
            .unwrap_or_else(|| panic!("tests/examples/{id}.json must be a list"));
        check_coverage(id, cases, &mut problems);
        for case in cases {
            let c = Case {
                file: id,
                name: case["name"].as_str().unwrap_or("(unnamed)"),
                expect: case["expect"]
                    .as_object()
                    .unwrap_or_else(|| panic!("{id}: case without `expect`: {case}")),
            };
            match case["kind"].as_str() {
                Some("check") => run_check(&c, &case["input"], &mut problems),
                Some("estimate") => run_estimate(&c, &case["input"], &mut problems),
                other => c.fail(&mut problems, format!("unknown kind {other:?}")),
            }
            count += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {count} worked examples failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_pack_has_an_examples_file_and_no_stray_files() {
    let dir = common::root().join("tests/examples");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    let want: BTreeSet<String> = common::PACK_IDS
        .iter()
        .map(|id| format!("{id}.json"))
        .collect();
    assert_eq!(
        files, want,
        "tests/examples/ must hold exactly one file per built-in pack"
    );
}
