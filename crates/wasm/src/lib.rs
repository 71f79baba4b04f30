//! The thin wasm-bindgen layer: converts JS values to core types and back, and core errors to
//! JS `Error`s — in one place each. No policy logic lives here.
//!
//! Every export catches every failure and throws a real `Error` carrying `code`, `field`,
//! `messageZh`, `messageEn` and `problems` (all problems found, same shape as the CLI's). On
//! wasm32 a panic aborts the instance for the rest of the page's life, so the core has no
//! panicking path reachable from input; the robustness tests throw malformed values at every
//! export and check that the module still answers afterwards.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use gaizao::error::{Error, ErrorReport};
use gaizao::text::Text;
use gaizao::Registry;

// Talc instead of the default dlmalloc: a few KB smaller, which the 150 KB budget needs.
#[cfg(target_family = "wasm")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// The packs of this module instance: built-in ones on first use, plus any loaded by the page.
    /// State lives here, in the binding, not in the core (each Worker has its own instance).
    static REGISTRY: RefCell<Option<Registry>> = const { RefCell::new(None) };
}

fn with_registry<R>(f: impl FnOnce(&mut Registry) -> Result<R, Vec<Error>>) -> Result<R, JsValue> {
    REGISTRY.with(|cell| {
        let mut slot = cell
            .try_borrow_mut()
            .map_err(|_| to_js_error(vec![busy()]))?;
        if slot.is_none() {
            *slot = Some(Registry::builtin().map_err(to_js_error)?);
        }
        match slot.as_mut() {
            Some(r) => f(r).map_err(to_js_error),
            None => Err(to_js_error(vec![busy()])),
        }
    })
}

fn busy() -> Error {
    Error::WrongType {
        field: "(module)".into(),
        detail: "re-entrant call".into(),
    }
}

#[wasm_bindgen(typescript_custom_section)]
const GAIZAO_ERROR_TS: &str = r#"
/** What every export throws: a JS `Error` (name `GaizaoError`) with these fields. */
export type GaizaoError = Error & GaizaoErrorInfo;
"#;

/// The shape of the `Error` objects thrown by every export (beyond `message`).
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GaizaoErrorInfo {
    /// Code of the first problem, e.g. `negative`, `unknownPolicy`.
    pub code: String,
    /// Field path of the first problem, e.g. `owners.inFavour`.
    #[tsify(optional)]
    pub field: Option<String>,
    pub message_zh: String,
    pub message_en: String,
    /// Every problem found, in order.
    pub problems: Vec<Problem>,
}

/// One problem: stable code, field path, message in both languages.
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub code: String,
    #[tsify(optional)]
    pub field: Option<String>,
    pub message: Text,
}

/// Crate version and the content hash of every loaded pack, to reproduce a result.
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    pub version: String,
    pub packs: Vec<PackVersion>,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackVersion {
    pub id: String,
    pub content_hash: String,
    pub built_in: bool,
}

/// The one place where core errors become JS errors.
fn to_js_error(problems: Vec<Error>) -> JsValue {
    let reports: Vec<ErrorReport> = problems.iter().map(ErrorReport::from).collect();
    let first = reports
        .first()
        .map(|r| (r.code, r.field.clone(), r.message.clone()));
    let (code, field, msg) =
        first.unwrap_or(("unknown", None, Text::new("未知错误", "unknown error")));
    let err = js_sys::Error::new(&format!("{} / {}", msg.zh, msg.en));
    err.set_name("GaizaoError");
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), v);
    };
    set("code", &JsValue::from_str(code));
    set(
        "field",
        &field
            .map(|f| JsValue::from_str(&f))
            .unwrap_or(JsValue::UNDEFINED),
    );
    set("messageZh", &JsValue::from_str(&msg.zh));
    set("messageEn", &JsValue::from_str(&msg.en));
    set("problems", &to_js(&reports).unwrap_or(JsValue::NULL));
    err.into()
}

/// Output goes through JSON text: one serializer (serde_json) for the CLI and the browser keeps
/// the module small and the two outputs identical.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        to_js_error(vec![Error::WrongType {
            field: "(output)".into(),
            detail: e.to_string(),
        }])
    })?;
    js_sys::JSON::parse(&text).map_err(|_| {
        to_js_error(vec![Error::WrongType {
            field: "(output)".into(),
            detail: "JSON.parse".into(),
        }])
    })
}

/// Input goes through `JSON.stringify` and then the very reader the CLI uses, so a value is
/// accepted or refused — with the same errors — in both. A replacer turns the values JSON cannot
/// hold (NaN, ±Infinity, BigInt, functions) into a mark the number readers reject by name,
/// instead of letting them silently become `null`.
fn json_text(value: JsValue, what: &str) -> Result<String, Vec<Error>> {
    if value.is_undefined() || value.is_null() {
        return Err(vec![Error::MissingField { field: what.into() }]);
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(vec![Error::WrongType {
            field: what.into(),
            detail: "expected an object".into(),
        }]);
    }
    let replacer =
        Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, v: JsValue| {
            match v.as_f64() {
                Some(n) if !n.is_finite() => JsValue::from_str(gaizao::numbers::NOT_A_NUMBER_MARK),
                _ if v.is_bigint() || v.is_function() || v.is_symbol() => {
                    JsValue::from_str(gaizao::numbers::NOT_A_NUMBER_MARK)
                }
                _ => v,
            }
        });
    js_sys::JSON::stringify_with_replacer(&value, replacer.as_ref())
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            vec![Error::WrongType {
                field: what.into(),
                detail: "not representable as JSON (cyclic?)".into(),
            }]
        })
}

/// The pack a call names.
fn pack<'r>(
    r: &'r Registry,
    policy: &JsValue,
) -> Result<&'r gaizao::policy::ResolvedPack, Vec<Error>> {
    r.get(&policy_id(policy)?).map_err(|e| vec![e])
}

fn policy_id(value: &JsValue) -> Result<String, Vec<Error>> {
    value.as_string().ok_or_else(|| {
        vec![Error::WrongType {
            field: "policyId".into(),
            detail: "expected a string".into(),
        }]
    })
}

/// Lists every pack: built-in and loaded.
#[wasm_bindgen(unchecked_return_type = "PolicySummary[]")]
pub fn policies() -> Result<JsValue, JsValue> {
    let list = with_registry(|r| Ok(r.summaries()))?;
    to_js(&list)
}

/// A pack's renovation menu, benchmarks and funding rules.
#[wasm_bindgen(unchecked_return_type = "Menu")]
pub fn menu(
    #[wasm_bindgen(js_name = policyId, unchecked_param_type = "string")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    let m = with_registry(|r| Ok(gaizao::menu::menu(pack(r, &policy)?)))?;
    to_js(&m)
}

/// Is the compound eligible under the pack, and why.
#[wasm_bindgen(js_name = checkEligibility, unchecked_return_type = "Eligibility")]
pub fn check_eligibility(
    #[wasm_bindgen(js_name = policyId, unchecked_param_type = "string")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Estate")] estate: JsValue,
) -> Result<JsValue, JsValue> {
    let result = with_registry(|r| {
        let pack = pack(r, &policy)?;
        let estate = gaizao::input::estate_from_json(&json_text(estate, "estate")?)?;
        Ok(gaizao::eligibility::check(pack, &estate))
    })?;
    to_js(&result)
}

/// Costs a scenario and splits it between the parties, to the fen.
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn estimate(
    #[wasm_bindgen(js_name = policyId, unchecked_param_type = "string")] policy: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
) -> Result<JsValue, JsValue> {
    let result = with_registry(|r| {
        let pack = pack(r, &policy)?;
        let scenario = gaizao::input::scenario_from_json(&json_text(scenario, "scenario")?)?;
        gaizao::estimate::estimate(pack, &scenario)
    })?;
    to_js(&result)
}

/// Validates a portal's own pack (JSON text) exactly like the built-in ones and makes it usable
/// by id. `fileName` only labels error messages.
#[wasm_bindgen(typescript_custom_section)]
const LOAD_POLICY_TS: &str = r#"
/**
 * Validates a portal's own pack (JSON text) exactly like the built-in ones and makes it usable
 * by id. `fileName` only labels error messages.
 */
export function loadPolicy(text: string, fileName?: string): PolicySummary;
"#;

// Its declaration is written above: wasm-bindgen cannot express an optional parameter that is
// checked at run time (a non-string `fileName` must become a GaizaoError, not a glue crash).
#[wasm_bindgen(js_name = loadPolicy, skip_typescript)]
pub fn load_policy(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(js_name = fileName, unchecked_param_type = "string")] file_name: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let summary = with_registry(|r| {
        let text = text.as_string().ok_or_else(|| {
            vec![Error::WrongType {
                field: "text".into(),
                detail: "expected the pack's JSON text".into(),
            }]
        })?;
        let name = match file_name {
            None => "(loaded pack)".to_string(),
            Some(v) if v.is_undefined() || v.is_null() => "(loaded pack)".to_string(),
            Some(v) => v.as_string().ok_or_else(|| {
                vec![Error::WrongType {
                    field: "fileName".into(),
                    detail: "expected a string".into(),
                }]
            })?,
        };
        let name: String = name.chars().take(200).collect();
        let pack = r.load(&name, &text)?;
        Ok(gaizao::policy::registry::summary(pack))
    })?;
    to_js(&summary)
}

/// The crate version and a content hash of each loaded pack.
#[wasm_bindgen(unchecked_return_type = "VersionInfo")]
pub fn version() -> Result<JsValue, JsValue> {
    let info = with_registry(|r| {
        Ok(VersionInfo {
            version: gaizao::VERSION.into(),
            packs: r
                .summaries()
                .into_iter()
                .map(|s| PackVersion {
                    id: s.id,
                    content_hash: s.content_hash,
                    built_in: s.built_in,
                })
                .collect(),
        })
    })?;
    to_js(&info)
}
