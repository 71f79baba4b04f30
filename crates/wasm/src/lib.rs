//! The thin wasm-bindgen layer of gaizao: a `Calculator` that JavaScript creates and owns, which
//! holds its own packs, and converts values and errors — in one place each. No policy logic lives
//! here (see the core crate), and there is no global state: two calculators on one page share
//! nothing but the compiled code.
//!
//! Values cross the boundary as JSON text, both ways: the package's JS wrapper (`npm/js/`)
//! serialises an input once, the core reads it with the same strict reader as the CLI (so both
//! refuse the same values with the same errors), and the result comes back as one string that
//! `JSON.parse` turns into objects. `benches/package.mjs` measures this against
//! serde-wasm-bindgen (built with the `boundary-swb` feature): JSON text is faster for every call
//! the page makes and keeps the module smaller, so it is what ships.
//!
//! Failures never escape as panics: the core has no panicking path reachable from input, and the
//! only state a call holds (the registry's `RefCell`) is borrowed after the inputs are converted
//! and released on every return. Problems are thrown as a JSON text of reports, which the wrapper
//! turns into a `GaizaoError`.
#![forbid(unsafe_code)]

use std::cell::RefCell;

use gaizao::output::ToJson;
use gaizao::policy::{LoadOptions, LoadOutcome, Manifest, PolicySummary};
use gaizao::texts::ErrorReport;
use gaizao::{Error, Langs, Registry, Scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

// Talc instead of the default dlmalloc: a few KB smaller, which the size budget needs.
#[cfg(target_family = "wasm")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The one place where core errors become what JS receives: a JSON list of reports.
fn thrown(problems: Vec<Error>) -> JsValue {
    let reports: Vec<ErrorReport> = problems.iter().map(ErrorReport::from).collect();
    let text = gaizao::output::to_json(&reports).unwrap_or_else(|_| {
        r#"[{"code":"internal","message":{"zh":"无法报告错误","en":"the error could not be reported"}}]"#.into()
    });
    JsValue::from_str(&text)
}

fn json<T: ToJson>(v: &T) -> Result<String, JsValue> {
    gaizao::output::to_json(v)
        .map_err(|e| thrown(vec![Error::internal(format!("writing JSON: {e}"))]))
}

fn langs(id: &str) -> Result<Langs, JsValue> {
    Langs::from_id(id).ok_or_else(|| {
        thrown(vec![Error::WrongType {
            field: "lang".into(),
            detail: "expected \"zh\", \"en\", \"both\" or \"none\"".into(),
        }])
    })
}

/// What `policies()` lists: every pack the calculator knows, loaded or not.
#[derive(Serialize, ToJson)]
#[serde(rename_all = "camelCase")]
struct Available<'a> {
    /// The built-in packs of the manifest (loaded or not).
    built_in: &'a [gaizao::policy::ManifestEntry],
    /// The packs loaded so far (built-in or a portal's own).
    loaded: Vec<PolicySummary>,
}

/// What `loadPolicy` reports.
#[derive(Serialize, ToJson)]
#[serde(rename_all = "camelCase")]
struct Loaded {
    summary: PolicySummary,
    outcome: LoadOutcome,
}

/// What `version()` reports: enough to reproduce any result.
#[derive(Serialize, ToJson)]
#[serde(rename_all = "camelCase")]
struct VersionInfo {
    version: &'static str,
    packs: Vec<PackVersion>,
}

#[derive(Serialize, ToJson)]
#[serde(rename_all = "camelCase")]
struct PackVersion {
    id: String,
    content_hash: String,
    built_in: bool,
    bases: Vec<gaizao::policy::registry::PackHash>,
}

/// A calculator: its own policy packs, and every question asked of them.
#[wasm_bindgen]
pub struct Calculator {
    registry: RefCell<Registry>,
}

#[wasm_bindgen]
impl Calculator {
    /// A calculator that knows the package's manifest (`policies/index.json`, as text) and has
    /// loaded no pack yet. Without a manifest, no pack counts as built-in.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: Option<String>) -> Result<Calculator, JsValue> {
        let manifest = match manifest {
            Some(text) => Manifest::from_json(&text).map_err(thrown)?,
            None => Manifest::default(),
        };
        Ok(Calculator {
            registry: RefCell::new(Registry::new(manifest)),
        })
    }

    /// Validates a pack file's exact bytes and adds it. `builtIn` follows from the bytes alone.
    /// Refuses to replace a loaded pack, or take a built-in pack's id with other content, unless
    /// `replace` is true. Returns `{summary, outcome}` as JSON text.
    #[wasm_bindgen(js_name = loadPolicy)]
    pub fn load_policy(
        &self,
        bytes: &[u8],
        file_name: &str,
        replace: bool,
    ) -> Result<String, JsValue> {
        let name: String = file_name.chars().take(200).collect();
        let mut r = self
            .registry
            .try_borrow_mut()
            .map_err(|_| thrown(vec![busy()]))?;
        let (pack, outcome) = r
            .load(&name, bytes, LoadOptions { replace })
            .map_err(thrown)?;
        json(&Loaded {
            summary: gaizao::policy::registry::summary(pack),
            outcome,
        })
    }

    /// The built-in packs of the manifest and the packs loaded, as JSON text.
    pub fn policies(&self) -> Result<String, JsValue> {
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        json(&Available {
            built_in: &r.manifest().packs,
            loaded: r.summaries(),
        })
    }

    /// A loaded pack's menu, benchmarks, funding rules and own facts, as JSON text.
    pub fn menu(&self, policy: &str) -> Result<String, JsValue> {
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        let pack = r.get(policy).map_err(|e| thrown(vec![e]))?;
        json(&gaizao::menu::menu(pack))
    }

    /// Is the compound eligible: `estate` is JSON text (the compound's facts, and optionally the
    /// chosen `items` and an `asOf` date); texts in `lang` (`zh`, `en`, `both`, `none`). Returns
    /// JSON text.
    pub fn check(&self, policy: &str, estate: &str, lang: &str) -> Result<String, JsValue> {
        let langs = langs(lang)?;
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        let pack = r.get(policy).map_err(|e| thrown(vec![e]))?;
        let input = gaizao::eligibility::CheckInput::from_json(estate, pack).map_err(thrown)?;
        json(&gaizao::eligibility::check_input(pack, &input, langs))
    }

    /// Costs a scenario (JSON text) and splits it, to the fen. Returns JSON text.
    pub fn estimate(&self, policy: &str, scenario: &str, lang: &str) -> Result<String, JsValue> {
        let langs = langs(lang)?;
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        let pack = r.get(policy).map_err(|e| thrown(vec![e]))?;
        let scenario = Scenario::from_json(scenario, pack).map_err(thrown)?;
        let result = gaizao::estimate::estimate_with(pack, &scenario, langs).map_err(thrown)?;
        json(&result)
    }

    /// The input schema (facts and options with labels, bounds, units, choices), as JSON text.
    pub fn schema(&self) -> Result<String, JsValue> {
        json(&gaizao::schema::export())
    }

    /// The crate version and the hash of every loaded pack and its bases, as JSON text.
    pub fn version(&self) -> Result<String, JsValue> {
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        json(&VersionInfo {
            version: gaizao::VERSION,
            packs: r
                .summaries()
                .into_iter()
                .map(|s| PackVersion {
                    id: s.id,
                    content_hash: s.content_hash,
                    built_in: s.built_in,
                    bases: s.bases,
                })
                .collect(),
        })
    }
}

/// The words for a problem the JS wrapper finds while converting an input (a value JSON cannot
/// hold, an input over a limit), so that every message comes from the core: `code` is one of
/// `inputTooLarge`, `tooDeep`, `tooLong`, `tooMany`, `notANumber`, `wrongType`, `internal`; `detail` is the
/// wrong type's description or the limit. Returns the problem reports as JSON text.
#[wasm_bindgen(js_name = inputProblem)]
pub fn input_problem(code: &str, field: &str, detail: &str) -> String {
    let field = field.chars().take(200).collect::<String>();
    let n = detail.parse::<usize>().unwrap_or(0);
    let e = match code {
        "inputTooLarge" => Error::InputTooLarge {
            field,
            bytes: 0,
            max: n,
        },
        "tooDeep" => Error::TooDeep { field },
        "tooLong" => Error::TooLong { field, max: n },
        "tooMany" => Error::TooMany { field, max: n },
        "notANumber" => Error::NotANumber { field },
        "wrongType" => Error::WrongType {
            field,
            detail: detail.chars().take(200).collect(),
        },
        "internal" => Error::internal(detail.chars().take(300).collect::<String>()),
        other => Error::internal(format!(
            "unknown input problem {}",
            other.chars().take(40).collect::<String>()
        )),
    };
    let reports = [ErrorReport::from(&e)];
    gaizao::output::to_json(&reports).unwrap_or_default()
}

/// A call made while another of the same calculator is running (only possible from a callback
/// inside a call, which the calculator never makes).
fn busy() -> Error {
    Error::internal("a call to this calculator was made while another was running")
}

#[cfg(feature = "boundary-swb")]
mod swb;
