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

/// Every built-in pack, in the order of `policies` (bases first, then by file name).
pub const PACK_IDS: [&str; 6] = [
    "national",
    "guizhou-nayong-2022",
    "henan-kaifeng-2019",
    "henan-puyang-2020",
    "sichuan-panzhihua-2018",
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

/// Eligibility of an estate given as JSON, through the same parse and check as the CLI, with
/// texts in both languages.
pub fn check(pack_id: &str, estate: &Value) -> Result<Eligibility<'static>, Vec<Error>> {
    let p = pack(pack_id);
    let input = gaizao::eligibility::CheckInput::from_json(&estate.to_string(), p)?;
    Ok(gaizao::eligibility::check_input(
        p,
        &input,
        gaizao::Langs::Both,
    ))
}

/// An estimate of a scenario given as JSON, through the same parse as the CLI, with texts in
/// both languages.
pub fn estimate(pack_id: &str, scenario: &Value) -> Result<Estimate<'static>, Vec<Error>> {
    let p = pack(pack_id);
    let scenario = gaizao::Scenario::from_json(&scenario.to_string(), p)?;
    gaizao::estimate::estimate_with(p, &scenario, gaizao::Langs::Both)
}

/// The decisive findings and the others (advisory, warnings, conditional) of a check's JSON,
/// by rule id.
pub fn findings_by_role(
    out: &Value,
) -> (
    std::collections::BTreeMap<String, Value>,
    std::collections::BTreeMap<String, Value>,
) {
    let mut decisive = std::collections::BTreeMap::new();
    let mut other = std::collections::BTreeMap::new();
    for f in out["findings"].as_array().into_iter().flatten() {
        let id = f["rule"].as_str().unwrap_or_default().to_string();
        if f["role"] == "decisive" || f["role"] == "item" {
            decisive.insert(id, f.clone());
        } else {
            other.insert(id, f.clone());
        }
    }
    (decisive, other)
}

/// A finding's message in English (texts must have been asked for).
pub fn message_en(f: &Value) -> String {
    f["texts"]["en"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
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

/// An empty registry with these packs loaded, base first: `(file name, JSON text)`.
pub fn registry_of(files: &[(&str, &str)]) -> Result<Registry, Vec<Error>> {
    let mut r = Registry::default();
    for (file, text) in files {
        r.load(file, text.as_bytes(), gaizao::LoadOptions::default())?;
    }
    Ok(r)
}

/// Loads one more pack text into a registry.
pub fn load<'r>(
    r: &'r mut Registry,
    file: &str,
    text: &str,
) -> Result<&'r ResolvedPack, Vec<Error>> {
    r.load(file, text.as_bytes(), gaizao::LoadOptions::default())
        .map(|(p, _)| p)
}

/// The finding of `rule` (any role) for an estate given as JSON, with texts in both languages.
pub fn finding_of<'r>(
    registry: &'r Registry,
    pack: &str,
    estate: &Value,
    rule: &str,
) -> gaizao::eligibility::Finding<'r> {
    let p = registry.get(pack).unwrap_or_else(|e| panic!("{pack}: {e}"));
    let estate = gaizao::Estate::from_json(&estate.to_string(), p)
        .unwrap_or_else(|e| panic!("{estate}: {e:?}"));
    gaizao::eligibility::check_with(p, &estate, Default::default(), gaizao::Langs::Both)
        .findings
        .into_iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("{pack} has no rule {rule}"))
}

/// A finding's English message.
pub fn en(f: &gaizao::eligibility::Finding) -> String {
    f.texts
        .as_ref()
        .and_then(|t| t.en.as_ref())
        .map(|t| t.message.clone())
        .unwrap_or_default()
}

/// An exact number of a result as text (`None` stays `None`).
pub fn num(n: Option<gaizao::eligibility::Num>) -> Option<String> {
    n.map(|n| n.0.normalize().to_string())
}

/// A number for comparing with results.
pub fn n(text: &str) -> Option<gaizao::eligibility::Num> {
    Some(gaizao::eligibility::Num(
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}")),
    ))
}
