//! Writes generated cases of the structure-aware generators (`tests/structured`) as JSON lines,
//! for `tests/node/fuzz.test.mjs` to feed to the built package:
//!
//!     cargo run --example fuzz_corpus -- [cases, default 200] [seed, default 1] > cases.jsonl
//!
//! Each line is one of
//! - `{"kind": "check", "policy", "input"}`: an estate;
//! - `{"kind": "estimate", "policy", "input"}`: a scenario;
//! - `{"kind": "plausible", "policy", "input", "native"}`: a scenario of plain figures, with the
//!   native answer (`{"total", "shares"}` or `{"error": code}`), which the package must match;
//! - `{"kind": "pack", "from", "mutation", "text", "mustRefuse"}`: a mutated pack's exact text,
//!   and whether it must be refused (`null`: it must load; `""`: refused, any field; else the
//!   start of the field the refusal names).
//!
//! Lines over 1 MB (a 1-million-character text, 140 000 floors) are left out: the Node tests
//! make those inputs themselves, in JS.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../tests/structured/mod.rs"]
mod structured;

use std::io::Write;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Value};

const MAX_LINE: usize = 1 << 20;

fn main() {
    let mut args = std::env::args().skip(1);
    let cases: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let ids = structured::pack_ids();
    let (estate, scenario, plausible, pack) = (
        structured::estate(),
        structured::scenario(),
        structured::plausible_scenario(),
        structured::pack_case(),
    );
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let (mut written, mut skipped) = (0usize, 0usize);
    for i in 0..cases {
        let policy = &ids[i % ids.len()];
        let line = match i % 4 {
            0 => json!({"kind": "check", "policy": policy, "input": gen(&estate, &mut runner)}),
            1 => {
                json!({"kind": "estimate", "policy": policy, "input": gen(&scenario, &mut runner)})
            }
            2 => {
                let case = gen(&plausible, &mut runner);
                let policy = case["policy"].as_str().unwrap_or("national").to_string();
                let native = native(&policy, &case["scenario"]);
                json!({"kind": "plausible", "policy": policy, "input": case["scenario"], "native": native})
            }
            _ => {
                let c = gen(&pack, &mut runner);
                json!({"kind": "pack", "from": c.from, "mutation": c.mutation, "text": c.text, "mustRefuse": c.must_refuse})
            }
        };
        let text = structured::to_text(&line);
        if text.len() > MAX_LINE {
            skipped += 1;
            continue;
        }
        writeln!(out, "{text}").expect("write");
        written += 1;
    }
    out.flush().expect("flush");
    eprintln!("fuzz_corpus: {written} cases written, {skipped} over 1 MB left out (seed {seed})");
}

fn gen<S: Strategy>(s: &S, runner: &mut TestRunner) -> S::Value {
    s.new_tree(runner).expect("a value").current()
}

/// The native answer to a plausible scenario: total and party totals, or the first error code.
fn native(policy: &str, scenario: &Value) -> Value {
    let Ok(pack) = structured::registry().get(policy) else {
        return json!({"error": "unknownPolicy"});
    };
    let s = match gaizao::Scenario::from_json(&structured::to_text(scenario), pack) {
        Ok(s) => s,
        Err(p) => return json!({"error": p[0].code()}),
    };
    match gaizao::estimate::estimate(pack, &s) {
        Ok(e) => {
            let v = serde_json::to_value(&e).unwrap_or_default();
            json!({"total": v["total"], "shares": v["shares"]})
        }
        Err(p) => json!({"error": p[0].code()}),
    }
}
