//! The same calls with serde-wasm-bindgen at the boundary (JS objects in and out, no JSON text),
//! built only for `benches/package.mjs` (feature `boundary-swb`) to measure the two against
//! each other. See the crate docs for the result.

use gaizao::input::read::Reader;
use gaizao::{Estate, Langs, Scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{busy, thrown, Calculator};

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| thrown(vec![gaizao::Error::internal(e.to_string())]))
}

fn tree(v: JsValue, what: &str) -> Result<gaizao::input::tree::Tree<'static>, JsValue> {
    serde_wasm_bindgen::from_value(v)
        .map(gaizao::input::tree::Tree::from_owned)
        .map_err(|e| {
            thrown(vec![gaizao::Error::WrongType {
                field: what.into(),
                detail: e.to_string(),
            }])
        })
}

#[wasm_bindgen]
impl Calculator {
    /// `check`, with serde-wasm-bindgen at the boundary (benchmark builds only).
    #[wasm_bindgen(js_name = checkValue)]
    pub fn check_value(
        &self,
        policy: &str,
        estate: JsValue,
        lang: &str,
    ) -> Result<JsValue, JsValue> {
        let langs = Langs::from_id(lang).unwrap_or(Langs::None);
        let tree = tree(estate, "estate")?;
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        let pack = r.get(policy).map_err(|e| thrown(vec![e]))?;
        let mut reader = Reader::default();
        let estate =
            Estate::read(&tree, "", pack, &mut reader).ok_or_else(|| thrown(reader.problems))?;
        to_js(&gaizao::eligibility::check_with(
            pack,
            &estate,
            Default::default(),
            langs,
        ))
    }

    /// `estimate`, with serde-wasm-bindgen at the boundary (benchmark builds only).
    #[wasm_bindgen(js_name = estimateValue)]
    pub fn estimate_value(
        &self,
        policy: &str,
        scenario: JsValue,
        lang: &str,
    ) -> Result<JsValue, JsValue> {
        let langs = Langs::from_id(lang).unwrap_or(Langs::None);
        let tree = tree(scenario, "scenario")?;
        let r = self
            .registry
            .try_borrow()
            .map_err(|_| thrown(vec![busy()]))?;
        let pack = r.get(policy).map_err(|e| thrown(vec![e]))?;
        let mut reader = Reader::default();
        let scenario =
            Scenario::read(&tree, pack, &mut reader).ok_or_else(|| thrown(reader.problems))?;
        let result = gaizao::estimate::estimate_with(pack, &scenario, langs).map_err(thrown)?;
        to_js(&result)
    }
}
