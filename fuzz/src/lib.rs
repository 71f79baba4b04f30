//! What the cargo-fuzz targets run: each reads fuzzed bytes the way the CLI and the browser do,
//! and checks the invariants of `tests/structured/invariants.rs` on what comes back. A broken
//! invariant panics, which libFuzzer reports as a crash with the input that caused it.

use std::sync::OnceLock;

use gaizao::eligibility::Chosen;
use gaizao::policy::{LoadOptions, LoadOutcome, ResolvedPack};
use gaizao::{Estate, Langs, Registry, Scenario};

#[path = "../../tests/structured/invariants.rs"]
pub mod invariants;

/// The built-in packs, loaded once.
pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| match Registry::builtin() {
        Ok(r) => r,
        Err(e) => panic!("the built-in packs do not load: {e:?}"),
    })
}

fn must(what: &str, r: Result<(), String>, input: &str) {
    if let Err(e) = r {
        let shown: String = input.chars().take(2000).collect();
        panic!("{what}: {e}\ninput: {shown}");
    }
}

/// Reads an estate under every built-in pack (each may declare facts of its own).
pub fn read_estate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for pack in registry().packs() {
        if let Err(problems) = Estate::from_json(text, pack) {
            must("estate refusal", invariants::problems_ok(&problems), text);
        }
    }
}

/// Reads a scenario under every built-in pack.
pub fn read_scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for pack in registry().packs() {
        if let Err(problems) = Scenario::from_json(text, pack) {
            must("scenario refusal", invariants::problems_ok(&problems), text);
        }
    }
}

/// Checks eligibility under every built-in pack, with texts in both languages.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for pack in registry().packs() {
        check_one(pack, text);
    }
}

fn check_one(pack: &ResolvedPack, text: &str) {
    match Estate::from_json(text, pack) {
        Ok(estate) => {
            let result = gaizao::eligibility::check_with(pack, &estate, Chosen::default(), Langs::Both);
            let v = serde_json::to_value(&result).unwrap_or_default();
            must(&format!("check under {}", pack.id()), invariants::eligibility_ok(&v), text);
        }
        Err(problems) => must("estate refusal", invariants::problems_ok(&problems), text),
    }
}

/// Costs a scenario under every built-in pack, with texts in both languages.
pub fn estimate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for pack in registry().packs() {
        estimate_one(pack, text);
    }
}

fn estimate_one(pack: &ResolvedPack, text: &str) {
    match Scenario::from_json(text, pack) {
        Ok(scenario) => match gaizao::estimate::estimate_with(pack, &scenario, Langs::Both) {
            Ok(result) => {
                let v = serde_json::to_value(&result).unwrap_or_default();
                must(&format!("estimate under {}", pack.id()), invariants::estimate_ok(&v), text);
            }
            Err(problems) => must("estimate refusal", invariants::problems_ok(&problems), text),
        },
        Err(problems) => must("scenario refusal", invariants::problems_ok(&problems), text),
    }
}

/// Loads a pack beside the built-in ones: it never replaces one unless asked, is built-in only
/// with the manifest's bytes, and once loaded answers a check and an estimate of every item.
pub fn read_pack(data: &[u8]) {
    let shown = String::from_utf8_lossy(&data[..data.len().min(2000)]).into_owned();
    for replace in [false, true] {
        let mut r = registry().clone();
        let before: Vec<(String, String)> = r
            .packs()
            .map(|p| (p.id().to_string(), p.content_hash.clone()))
            .collect();
        match r.load("fuzzed.json", data, LoadOptions { replace }) {
            Ok((pack, outcome)) => {
                let id = pack.id().to_string();
                let hash = pack.content_hash.clone();
                let built_in = pack.built_in;
                let manifest = r.manifest().entry(&id).map(|e| e.sha256.clone());
                let was = before.iter().find(|(i, _)| *i == id).map(|(_, h)| h.clone());
                let ok = match (&was, outcome) {
                    (Some(h), LoadOutcome::Unchanged) => *h == hash,
                    (Some(h), LoadOutcome::Replaced) => replace && *h != hash,
                    (None, LoadOutcome::Added) => manifest.is_none(),
                    _ => false,
                };
                if !ok {
                    panic!("load of {id} said {outcome:?} (replace {replace}, loaded before: {was:?})\ninput: {shown}");
                }
                if built_in != (manifest.as_deref() == Some(hash.as_str())) {
                    panic!("builtIn {built_in} for {id}, but the manifest says {manifest:?} and the bytes hash to {hash}");
                }
                let Ok(pack) = r.get(&id) else { panic!("{id} loaded but not found") };
                exercise(pack);
            }
            Err(problems) => {
                if let Err(e) = invariants::problems_ok(&problems) {
                    panic!("pack refusal: {e}\ninput: {shown}");
                }
            }
        }
    }
}

/// A loaded pack answers: a check of a full estate, and an estimate of every menu item.
fn exercise(pack: &ResolvedPack) {
    let estate = r#"{"builtYear": 1995, "households": 120, "floorArea": "8000.5",
        "housingType": "nonCommodity", "locationType": "city",
        "owners": {"total": 120, "voted": 100, "inFavour": 90},
        "ownerArea": {"total": "8000.5", "voted": "7000", "inFavour": "6000.25"},
        "maintenanceFund": {"initial": "100000", "balance": "30000"}}"#;
    check_one(pack, estate);
    let items: Vec<String> = pack
        .menu
        .iter()
        .flat_map(|c| c.items.iter())
        .take(400)
        .enumerate()
        .map(|(i, it)| {
            let seg = if it.pipeline.is_some() {
                if i % 2 == 0 { r#","segment":"beforeMeter""# } else { r#","segment":"afterMeter""# }
            } else {
                ""
            };
            format!(r#"{{"item":{},"amount":"{}.{:02}"{seg}}}"#, serde_json::Value::String(it.id.clone()), 1000 + i * 37, i % 100)
        })
        .collect();
    let bench = pack
        .benchmarks
        .first()
        .map(|b| format!(r#","benchmark":{}"#, serde_json::Value::String(b.id.clone())))
        .unwrap_or_default();
    let scenario = format!(
        r#"{{"estate":{estate},"items":[{}]{bench},"household":{{"area":"80.25","floor":3}},
            "waiver":{{"households":3,"share":"0.5","payer":"county"}}}}"#,
        items.join(",")
    );
    estimate_one(pack, &scenario);
}

/// Reads a plan file the way `gaizao plan` and the planning Worker do, with the name telling its
/// kind (the first byte picks xlsx, xls, ods, csv, tsv or none; the format itself is told from
/// the bytes). A refusal is a proper problem of the file, never an internal failure; a plan read
/// is assessed under Panzhihua's pack, where every row's shares add up to its cost exactly and
/// the whole result is written as JSON.
pub fn read_plan(data: &[u8]) {
    use gaizao::plan;
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["a.xlsx", "a.xls", "a.ods", "a.csv", "a.tsv", "a"][usize::from(pick) % 6];
    let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]).into_owned();
    let read = match plan::read_plan(bytes, name, None) {
        Ok(read) => read,
        Err(e) => {
            if e.is_internal() {
                panic!("plan refusal is internal: {e:?}\ninput: {shown}");
            }
            return;
        }
    };
    for p in &read.problems {
        let _ = p.message();
    }
    let pack = match registry().get("sichuan-panzhihua-2018") {
        Ok(pack) => pack,
        Err(e) => panic!("the Panzhihua pack is not built in: {e:?}"),
    };
    let assessed = match plan::assess::assess(&read, pack, &Default::default()) {
        Ok(a) => a,
        Err(problems) => panic!("default options refused: {problems:?}\ninput: {shown}"),
    };
    for i in 0..assessed.rows.len() {
        if !plan::assess::shares_add_up(&assessed, i) {
            panic!("row {i}: shares do not add up to its cost\ninput: {shown}");
        }
    }
    let options = plan::json::JsonOptions { detail: true, langs: Langs::Both, rows: true };
    if let Err(e) = plan::json::to_json(&read, &assessed, pack, &options) {
        panic!("writing the plan's JSON failed: {e:?}\ninput: {shown}");
    }
}
