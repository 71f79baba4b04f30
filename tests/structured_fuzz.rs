//! Structure-aware fuzzing, natively: the generators of `tests/structured` through the same
//! parse, check and estimate as the CLI and the browser. Each input must be accepted with exact
//! sums (re-added from the JSON, and the total recomputed from the items with plain integers)
//! or refused with a non-empty list of at most 20 problems, each with a code and a field; no
//! panic; packs that pose as others, or cannot work, are refused.
//!
//! Cases per property: `GAIZAO_FUZZ_CASES` (default 32: about ten seconds in a debug build). A long run, each
//! property for two minutes (batches with fresh seeds until the time is up):
//! `GAIZAO_FUZZ_SECONDS=120 cargo test --release --test structured_fuzz -- --nocapture --test-threads 1`.
#![cfg(not(target_arch = "wasm32"))]

mod structured;

use std::sync::atomic::{AtomicUsize, Ordering};

use gaizao::eligibility::Chosen;
use gaizao::policy::{LoadOptions, LoadOutcome};
use gaizao::{Estate, Langs, Scenario};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

use structured::invariants;

/// Largest answer (JSON text) one call may give: 500 items with texts in both languages stay
/// well below it.
const MAX_OUTPUT: usize = 4 * 1024 * 1024;

fn cases() -> u32 {
    std::env::var("GAIZAO_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(32)
}

/// Seconds to keep each property running (`GAIZAO_FUZZ_SECONDS`): batches of `cases()` with
/// fresh random seeds until the time is up. Unset: one batch.
fn seconds() -> Option<u64> {
    std::env::var("GAIZAO_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
}

/// Runs a property, failing with a readable message: the problem, and the start of the input.
fn run<S: Strategy>(strategy: &S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let start = std::time::Instant::now();
    let mut batches = 0u64;
    loop {
        batches += 1;
        if let Err(e) = runner().run(strategy, &test) {
            let text = e.to_string();
            let shown: String = text.chars().take(3000).collect();
            panic!(
                "{shown}{}",
                if text.len() > shown.len() { " …" } else { "" }
            );
        }
        match seconds() {
            Some(s) if start.elapsed().as_secs() < s => continue,
            _ => break,
        }
    }
    eprintln!(
        "structured: {} cases in {:.1} s",
        batches * u64::from(cases()),
        start.elapsed().as_secs_f64()
    );
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    })
}

#[derive(Default)]
struct Counts {
    accepted: AtomicUsize,
    refused: AtomicUsize,
}

impl Counts {
    fn report(&self, what: &str) {
        eprintln!(
            "structured {what}: {} accepted, {} refused",
            self.accepted.load(Ordering::Relaxed),
            self.refused.load(Ordering::Relaxed)
        );
    }
}

fn refused(problems: &[gaizao::Error], counts: &Counts) -> Result<(), TestCaseError> {
    counts.refused.fetch_add(1, Ordering::Relaxed);
    if std::env::var_os("GAIZAO_FUZZ_DEBUG").is_some() {
        let first: Vec<String> = problems
            .iter()
            .take(3)
            .map(|e| format!("{}@{}", e.code(), e.field().unwrap_or("-")))
            .collect();
        eprintln!("refused: {}", first.join(", "));
    }
    invariants::problems_ok(problems).map_err(TestCaseError::fail)
}

/// The exact total of a scenario's items in fen, recomputed from the JSON with plain integers
/// (not the core's fractions): each line is amount, or quantity × unit price, exactly; the sum
/// is rounded half up once. `None` when a figure is not a plain decimal text or i128 overflows.
fn recomputed_total(scenario: &Value) -> Option<i128> {
    fn dec(v: &Value) -> Option<(i128, u32)> {
        let s = match (structured::token(v), v) {
            (Some(t), _) => t,
            (None, Value::String(s)) => s.trim().to_string(),
            _ => return None,
        };
        if s.contains(['e', 'E', '+']) || s.starts_with('.') || s.ends_with('.') {
            return None;
        }
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        let m: i128 = format!("{i}{f}").parse().ok()?;
        Some((m, u32::try_from(f.len()).ok()?))
    }
    // Sum over a common scale of 10^-24 (6 + 6 decimals, with room).
    const SCALE: u32 = 24;
    let mut sum: i128 = 0;
    for it in scenario["items"].as_array()? {
        let (m, s) = match (it.get("amount"), it.get("quantity"), it.get("unitPrice")) {
            (Some(a), _, _) => dec(a)?,
            (None, Some(q), Some(p)) => {
                let ((qm, qs), (pm, ps)) = (dec(q)?, dec(p)?);
                (qm.checked_mul(pm)?, qs + ps)
            }
            _ => return None,
        };
        let scaled = m.checked_mul(10i128.checked_pow(SCALE.checked_sub(s)?)?)?;
        sum = sum.checked_add(scaled)?;
    }
    // Fen: divide by 10^(SCALE-2), half up.
    let unit = 10i128.pow(SCALE - 2);
    let (q, r) = (sum / unit, sum % unit);
    Some(if r * 2 >= unit { q + 1 } else { q })
}

/// The exact amount of one item as the JSON gives it, normalised (`"12.5"`), for comparison with
/// the line's `exactAmount`.
fn exact_text(item: &Value) -> Option<String> {
    let d = |v: &Value| -> Option<rust_decimal::Decimal> {
        let s = match (structured::token(v), v) {
            (Some(t), _) => t,
            (None, Value::String(s)) => s.trim().to_string(),
            _ => return None,
        };
        if s.contains(['e', 'E']) {
            return None;
        }
        s.parse().ok()
    };
    match (
        item.get("amount"),
        item.get("quantity"),
        item.get("unitPrice"),
    ) {
        (Some(a), _, _) => Some(d(a)?.normalize().to_string()),
        (None, Some(q), Some(p)) => {
            let (q, p) = (d(q)?.normalize(), d(p)?.normalize());
            let m = q.mantissa().checked_mul(p.mantissa())?;
            let x =
                rust_decimal::Decimal::try_from_i128_with_scale(m, q.scale() + p.scale()).ok()?;
            Some(x.normalize().to_string())
        }
        _ => None,
    }
}

fn estimate_case(policy: &str, scenario: &Value, counts: &Counts) -> Result<(), TestCaseError> {
    let pack = structured::registry()
        .get(policy)
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let text = structured::to_text(scenario);
    let s = match Scenario::from_json(&text, pack) {
        Ok(s) => s,
        Err(p) => return refused(&p, counts),
    };
    let result = match gaizao::estimate::estimate_with(pack, &s, Langs::Both) {
        Ok(r) => r,
        Err(p) => return refused(&p, counts),
    };
    counts.accepted.fetch_add(1, Ordering::Relaxed);
    let out = serde_json::to_string(&result).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(out.len() <= MAX_OUTPUT, "output of {} bytes", out.len());
    let v: Value = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
    invariants::estimate_ok(&v).map_err(|e| TestCaseError::fail(format!("{policy}: {e}")))?;
    let items = scenario["items"].as_array().map_or(0, Vec::len);
    if items > 0 {
        let total = invariants::fen(&v["total"], "total").map_err(TestCaseError::fail)?;
        if let Some(want) = recomputed_total(scenario) {
            prop_assert_eq!(total, want, "total of {} items under {}", items, policy);
        }
        let lines = v["lines"].as_array().cloned().unwrap_or_default();
        for (i, (line, item)) in lines
            .iter()
            .zip(scenario["items"].as_array().into_iter().flatten())
            .enumerate()
        {
            if let Some(want) = exact_text(item) {
                prop_assert_eq!(
                    line["exactAmount"].as_str(),
                    Some(want.as_str()),
                    "lines[{}].exactAmount",
                    i
                );
            }
        }
    }
    Ok(())
}

#[test]
fn estates_are_read_checked_or_refused() {
    let counts = Counts::default();
    run(&structured::estate(), |estate| {
        let text = structured::to_text(&estate);
        for pack in structured::registry().packs() {
            match Estate::from_json(&text, pack) {
                Ok(e) => {
                    counts.accepted.fetch_add(1, Ordering::Relaxed);
                    let r =
                        gaizao::eligibility::check_with(pack, &e, Chosen::default(), Langs::Both);
                    let v =
                        serde_json::to_value(&r).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    invariants::eligibility_ok(&v)
                        .map_err(|e| TestCaseError::fail(format!("{}: {e}", pack.id())))?;
                }
                Err(p) => refused(&p, &counts)?,
            }
        }
        Ok(())
    });
    counts.report("estates");
}

#[test]
fn scenarios_are_costed_exactly_or_refused() {
    let counts = Counts::default();
    let ids = structured::pack_ids();
    run(
        &(structured::scenario(), prop::sample::select(ids)),
        |(scenario, policy)| estimate_case(&policy, &scenario, &counts),
    );
    counts.report("scenarios");
}

#[test]
fn plausible_scenarios_add_up_to_the_fen() {
    let counts = Counts::default();
    run(&structured::plausible_scenario(), |case| {
        let policy = case["policy"].as_str().unwrap_or("national").to_string();
        estimate_case(&policy, &case["scenario"], &counts)
    });
    counts.report("plausible scenarios");
    assert!(
        counts.accepted.load(Ordering::Relaxed) > 0,
        "no plausible scenario was accepted"
    );
}

/// Duplicate keys anywhere in an input's text are refused with the key's path.
#[test]
fn duplicate_keys_in_inputs_are_refused_with_the_field() {
    let counts = Counts::default();
    run(&structured::scenario(), |scenario| {
        let Value::Object(m) = &scenario else {
            return Ok(());
        };
        let Some((key, _)) = m.iter().next() else {
            return Ok(());
        };
        let text = structured::to_text(&scenario);
        let dup = text.replacen('{', &format!("{{{}:null,", Value::String(key.clone())), 1);
        let pack = structured::registry()
            .get("national")
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        match Scenario::from_json(&dup, pack) {
            Ok(_) => Err(TestCaseError::fail(format!(
                "duplicate key {key:?} accepted"
            ))),
            Err(p) => {
                refused(&p, &counts)?;
                prop_assert_eq!(p[0].code(), "duplicateKey");
                let want = gaizao::input::read::join("", key);
                prop_assert_eq!(p[0].field(), Some(want.as_str()));
                Ok(())
            }
        }
    });
    counts.report("duplicate keys");
}

#[test]
fn mutated_packs_load_only_when_they_can_work() {
    let counts = Counts::default();
    run(&structured::pack_case(), |case| {
        for replace in [false, true] {
            let mut r = structured::registry().clone();
            let before: Vec<(String, String)> = r
                .packs()
                .map(|p| (p.id().to_string(), p.content_hash.clone()))
                .collect();
            match r.load(
                "mutated.json",
                case.text.as_bytes(),
                LoadOptions { replace },
            ) {
                Ok((pack, outcome)) => {
                    let (id, hash, built_in) = (
                        pack.id().to_string(),
                        pack.content_hash.clone(),
                        pack.built_in,
                    );
                    counts.accepted.fetch_add(1, Ordering::Relaxed);
                    if let Some(field) = &case.must_refuse {
                        if !(replace && field.is_empty()) {
                            return Err(TestCaseError::fail(format!(
                                "{} / {}: loaded ({outcome:?}), must be refused at {field:?}",
                                case.from, case.mutation
                            )));
                        }
                    }
                    let was = before
                        .iter()
                        .find(|(i, _)| *i == id)
                        .map(|(_, h)| h.clone());
                    let manifest = r.manifest().entry(&id).map(|e| e.sha256.clone());
                    let ok = match (&was, outcome) {
                        (Some(h), LoadOutcome::Unchanged) => *h == hash,
                        (Some(h), LoadOutcome::Replaced) => replace && *h != hash,
                        (None, LoadOutcome::Added) => manifest.is_none(),
                        _ => false,
                    };
                    prop_assert!(
                        ok,
                        "{}: outcome {:?}, replace {}, before {:?}",
                        case.mutation,
                        outcome,
                        replace,
                        was
                    );
                    prop_assert_eq!(
                        built_in,
                        manifest.as_deref() == Some(hash.as_str()),
                        "builtIn by content"
                    );
                    // A loaded pack answers: an estimate of its first items.
                    let pack = r
                        .get(&id)
                        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                    let items: Vec<Value> = pack
                        .menu
                        .iter()
                        .flat_map(|c| c.items.iter())
                        .take(30)
                        .map(|it| {
                            let mut v = serde_json::json!({"item": it.id, "amount": "1234.56"});
                            if it.pipeline.is_some() {
                                v["segment"] = serde_json::json!("beforeMeter");
                            }
                            v
                        })
                        .collect();
                    let scenario =
                        serde_json::json!({"estate": {"households": 120}, "items": items});
                    let s = Scenario::from_json(&scenario.to_string(), pack)
                        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                    match gaizao::estimate::estimate_with(pack, &s, Langs::Both) {
                        Ok(e) => {
                            let v = serde_json::to_value(&e)
                                .map_err(|e| TestCaseError::fail(e.to_string()))?;
                            invariants::estimate_ok(&v).map_err(TestCaseError::fail)?;
                        }
                        Err(p) => {
                            return Err(TestCaseError::fail(format!(
                                "{}: a loaded pack cannot cost 1234.56: {p:?}",
                                case.mutation
                            )))
                        }
                    }
                }
                Err(p) => {
                    refused(&p, &counts)?;
                    match &case.must_refuse {
                        Some(field) if !field.is_empty() => {
                            let named = p
                                .iter()
                                .any(|e| e.field().is_some_and(|f| f.starts_with(field.as_str())));
                            prop_assert!(
                                named,
                                "{}: refused, but no problem names {:?}: {:?}",
                                case.mutation,
                                field,
                                p
                            );
                        }
                        Some(_) => {}
                        None => {
                            return Err(TestCaseError::fail(format!(
                                "{} / {}: valid, refused: {p:?}",
                                case.from, case.mutation
                            )))
                        }
                    }
                }
            }
        }
        Ok(())
    });
    counts.report("packs");
}
