//! Which funding rule decides a line when a city pack inherits the national rules.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use gaizao::Registry;
use serde_json::{json, Value};

/// The Panzhihua pack with a 供热 (heat) item added to 市政配套设施: 附件2 has none, but a district
/// adding one must still be costed under 六.
fn panzhihua_with_heat() -> Registry {
    let mut v: Value = serde_json::from_str(&common::pack_text("sichuan-panzhihua-2018")).unwrap();
    let heat = json!({
        "id": "heating",
        "name": { "zh": "供热", "en": "Heating" },
        "standard": { "zh": "测试用", "en": "test only" },
        "unit": "metre",
        "pipeline": "heat",
        "source": { "document": "攀委办〔2018〕40号", "clause": "附件2（测试用假设项目）" }
    });
    v["id"] = json!("panzhihua-heat");
    v["menu"][0]["items"].as_array_mut().unwrap().push(heat);
    let mut r = Registry::default();
    common::load(
        &mut r,
        "policies/national.json",
        &common::pack_text("national"),
    )
    .unwrap();
    common::load(&mut r, "panzhihua-heat.json", &v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    r
}

fn line_rule(registry: &Registry, pack: &str, item: &str, segment: &str) -> (String, Value) {
    let p = registry.get(pack).unwrap();
    let scenario = gaizao::Scenario::from_json(
        &json!({ "items": [ { "item": item, "segment": segment, "amount": "1000" } ] }).to_string(),
        p,
    )
    .unwrap();
    let e = gaizao::estimate::estimate(p, &scenario).unwrap_or_else(|e| panic!("{e:?}"));
    let out = common::to_value(&e);
    (
        out["lines"][0]["fundingRule"].as_str().unwrap().to_string(),
        out["lines"][0]["shares"].clone(),
    )
}

/// 六 lists 水、电、气、通讯 for the 80/20 and after-the-meter rules; everything else is
/// 原则上 5 : 4 : 1. A heat line is not in the list, so it falls to 5 : 4 : 1 (policy), not to
/// the national pack's assumption that the utility pays all of it.
#[test]

fn panzhihua_heat_falls_to_the_general_rule() {
    let r = panzhihua_with_heat();
    for segment in ["beforeMeter", "afterMeter"] {
        let (rule, shares) = line_rule(&r, "panzhihua-heat", "heating", segment);
        assert_eq!(rule, "general-5-4-1", "heat {segment}: {shares}");
    }
}

/// What the listed networks get, on the same derived pack (documents the current order).
#[test]
fn panzhihua_listed_networks_keep_their_rules() {
    let r = panzhihua_with_heat();
    for (item, segment, want) in [
        ("water-supply", "beforeMeter", "meter-front-80-20"),
        ("water-supply", "afterMeter", "meter-back-residents"),
        ("power-supply", "beforeMeter", "meter-front-80-20"),
        ("low-voltage-lines", "afterMeter", "meter-back-residents"),
    ] {
        assert_eq!(
            line_rule(&r, "panzhihua-heat", item, segment).0,
            want,
            "{item} {segment}"
        );
    }
}

/// A city's own conditional rules come before the national ones, and its own catch-all before
/// the national catch-all.
#[test]
fn own_rules_before_inherited_ones() {
    let r = common::registry();
    assert_eq!(
        line_rule(r, "henan-puyang-2020", "heating", "beforeMeter").0,
        "utility-before-meter"
    );
    assert_eq!(
        line_rule(r, "henan-kaifeng-2019", "water-supply", "beforeMeter").0,
        "utility-before-meter"
    );
    let p = r.get("henan-puyang-2020").unwrap();
    let walls =
        gaizao::Scenario::from_json(r#"{"items":[{"item":"exterior-walls","amount":"10"}]}"#, p)
            .unwrap();
    let e = gaizao::estimate::estimate(p, &walls).unwrap();
    assert_eq!(
        e.lines[0].funding_rule, "general-split",
        "the city's catch-all, not the national `general`"
    );
}
