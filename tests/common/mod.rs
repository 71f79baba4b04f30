//! Helpers shared by the integration tests: the built-in registry, parsing inputs the way the
//! CLI does, and reading serialised results.
#![allow(dead_code)]

use std::sync::OnceLock;

use gaizao::eligibility::Eligibility;
use gaizao::estimate::Estimate;
use gaizao::policy::ResolvedPack;
use gaizao::{Error, Registry};
use serde_json::Value;

/// Every built-in pack, in the order of `policies`.
pub const PACK_IDS: [&str; 6] = [
    "national",
    "guizhou-nayong-2022",
    "henan-puyang-2020",
    "sichuan-panzhihua-2018",
    "henan-kaifeng-2019",
    "sichuan-suining-2020-draft",
];

pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::builtin().expect("the built-in packs are valid"))
}

pub fn pack(id: &str) -> &'static ResolvedPack {
    registry().get(id).unwrap_or_else(|e| panic!("pack {id}: {e}"))
}

/// Eligibility of an estate given as JSON, through the same parse and check as the CLI.
pub fn check(pack_id: &str, estate: &Value) -> Result<Eligibility, Vec<Error>> {
    let estate = gaizao::input::estate_from_json(&estate.to_string())?;
    Ok(gaizao::eligibility::check(pack(pack_id), &estate))
}

/// An estimate of a scenario given as JSON, through the same parse as the CLI.
pub fn estimate(pack_id: &str, scenario: &Value) -> Result<Estimate, Vec<Error>> {
    let scenario = gaizao::input::scenario_from_json(&scenario.to_string())?;
    gaizao::estimate::estimate(pack(pack_id), &scenario)
}

pub fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("results serialise")
}

/// `(code, field)` of each error, for comparisons.
pub fn codes(errors: &[Error]) -> Vec<(String, String)> {
    errors.iter().map(|e| (e.code().to_string(), e.field().unwrap_or("").to_string())).collect()
}

/// Reads a JSON file of the crate (path relative to the crate root).
pub fn read_json(rel: &str) -> Value {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn pack_text(id: &str) -> String {
    let path = format!("{}/policies/{id}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
