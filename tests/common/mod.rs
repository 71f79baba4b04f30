//! Helpers shared by the integration tests: the built-in registry, parsing inputs the way the
//! CLI does, and reading serialised results.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gaizao::eligibility::Eligibility;
use gaizao::estimate::Estimate;
use gaizao::policy::ResolvedPack;
use gaizao::{Error, Registry};
use serde_json::Value;

pub mod vectors;

/// The repository root (the directory holding `policies/`), from whichever crate runs the test.
pub fn root() -> PathBuf {
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    while !dir.join("policies").is_dir() {
        if !dir.pop() {
            panic!("no policies/ above {}", env!("CARGO_MANIFEST_DIR"));
        }
    }
    dir
}

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
    registry()
        .get(id)
        .unwrap_or_else(|e| panic!("pack {id}: {e}"))
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
    errors
        .iter()
        .map(|e| (e.code().to_string(), e.field().unwrap_or("").to_string()))
        .collect()
}

/// Reads a JSON file of the crate (path relative to the crate root).
pub fn read_json(rel: &str) -> Value {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn pack_text(id: &str) -> String {
    let path = root().join(format!("policies/{id}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A small pack without a base: the given eligibility rules, one two-item menu
/// (`works`, and `water` on the water pipeline) and the given funding rules.
pub fn minimal_pack(id: &str, eligibility: Value, funding: Value) -> String {
    let src = serde_json::json!({ "document": "测试文件", "clause": "第一条" });
    let text = serde_json::json!({ "zh": "测试", "en": "test" });
    serde_json::json!({
        "id": id,
        "name": text, "jurisdiction": text, "issuer": text,
        "document": { "number": "测试〔2024〕1号", "title": text, "date": "2024-01-01", "status": "inForce" },
        "eligibility": eligibility,
        "menu": [ { "id": "all", "name": text, "source": src, "items": [
            { "id": "works", "name": text, "standard": text, "unit": "lump", "source": src },
            { "id": "water", "name": text, "standard": text, "unit": "metre", "pipeline": "water", "source": src }
        ] } ],
        "funding": funding,
    })
    .to_string()
}

/// A rule spec of [`minimal_pack`] with the given test.
pub fn rule(id: &str, test: Value) -> Value {
    serde_json::json!({
        "id": id,
        "label": { "zh": "测试规则", "en": "test rule" },
        "test": test,
        "source": { "document": "测试文件", "clause": "第一条" }
    })
}

/// A catch-all funding rule of [`minimal_pack`] paid by `party`.
pub fn catch_all(id: &str, party: &str) -> Value {
    serde_json::json!({
        "id": id,
        "label": { "zh": "其他", "en": "everything else" },
        "applies": {},
        "shares": [ { "party": party, "weight": "1" } ],
        "basis": "assumption",
        "why": { "zh": "测试", "en": "test" },
        "source": { "document": "测试文件", "clause": "第一条" }
    })
}

/// Replaces the value of the first `key` found anywhere in `v` (depth first); false if none.
pub fn replace_key(v: &mut Value, key: &str, new: Value) -> bool {
    match v {
        Value::Object(m) => {
            if let Some(slot) = m.get_mut(key) {
                *slot = new;
                return true;
            }
            m.values_mut().any(|x| replace_key(x, key, new.clone()))
        }
        Value::Array(a) => a.iter_mut().any(|x| replace_key(x, key, new.clone())),
        _ => false,
    }
}
