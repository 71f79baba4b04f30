//! The wasm exports under a real JS engine: `wasm-pack test --node` and
//! `wasm-pack test --headless --chrome` (see scripts/test-wasm.sh for the exact invocations).
//!
//! 1. Every shared vector of `tests/vectors/` (embedded through the generated `index.rs`) goes
//!    through `gaizao::wasm::*` with its input made by `JSON.parse` and its output read back with
//!    `JSON.stringify`, and must equal the expected JSON that the native runner (tests/vectors.rs)
//!    checks against the core and the CLI.
//! 2. Malformed values are thrown at every export; each must come back as a thrown `Error` named
//!    `GaizaoError` with a string `code`, `messageZh`, `messageEn` and a non-empty `problems`, and
//!    the module must answer correctly afterwards.
#![cfg(target_arch = "wasm32")]

use gaizao_wasm as wasm;
use js_sys::{Array, Function, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod vectors {
    include!("../../../tests/vectors/index.rs");
}

fn parse(text: &str) -> JsValue {
    JSON::parse(text).expect("valid JSON")
}

fn to_value(v: &JsValue) -> Value {
    let text = JSON::stringify(v)
        .expect("output is JSON")
        .as_string()
        .expect("a string");
    serde_json::from_str(&text).expect("output parses")
}

/// Evaluates a JS expression (used to build values Rust cannot: NaN in objects, BigInt, cycles…).
fn eval(expr: &str) -> JsValue {
    js_sys::eval(&format!("({expr})")).unwrap_or_else(|e| panic!("eval {expr}: {e:?}"))
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn opt_string(v: JsValue) -> Result<Value, String> {
    if v.is_undefined() {
        Ok(Value::Null)
    } else {
        v.as_string()
            .map(Value::String)
            .ok_or_else(|| format!("not a string or undefined: {v:?}"))
    }
}

fn non_empty_string(v: JsValue, what: &str) -> Result<String, String> {
    match v.as_string() {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(format!("{what} is not a non-empty string: {v:?}")),
    }
}

/// Checks that `err` is a proper GaizaoError and returns it in the vectors' `error` form.
fn gaizao_error(err: &JsValue) -> Result<Value, String> {
    if !err.is_instance_of::<js_sys::Error>() {
        return Err(format!("thrown value is not an Error: {err:?}"));
    }
    let name = get(err, "name").as_string();
    if name.as_deref() != Some("GaizaoError") {
        return Err(format!("name is {name:?}, not GaizaoError"));
    }
    let code = non_empty_string(get(err, "code"), "code")?;
    let zh = non_empty_string(get(err, "messageZh"), "messageZh")?;
    let en = non_empty_string(get(err, "messageEn"), "messageEn")?;
    let message = get(err, "message").as_string().unwrap_or_default();
    if message != format!("{zh} / {en}") {
        return Err(format!("message {message:?} is not messageZh / messageEn"));
    }
    let field = opt_string(get(err, "field"))?;
    let problems = get(err, "problems");
    if !Array::is_array(&problems) {
        return Err("problems is not an array".into());
    }
    let mut list = Vec::new();
    for p in Array::from(&problems).iter() {
        let pm = get(&p, "message");
        list.push(json!({
            "code": non_empty_string(get(&p, "code"), "problems[].code")?,
            "field": opt_string(get(&p, "field"))?,
            "message": {
                "zh": non_empty_string(get(&pm, "zh"), "problems[].message.zh")?,
                "en": non_empty_string(get(&pm, "en"), "problems[].message.en")?,
            },
        }));
    }
    match list.first() {
        None => return Err("problems is empty".into()),
        Some(first)
            if first["code"] != json!(code)
                || first["field"] != field
                || first["message"] != json!({"zh": zh, "en": en}) =>
        {
            return Err(format!(
                "problems[0] {first} does not match code/field/messages"
            ));
        }
        _ => {}
    }
    Ok(
        json!({"error": {"code": code, "field": field, "messageZh": zh, "messageEn": en, "problems": list}}),
    )
}

/// Calls `loadPolicy` the way the JS glue does: an absent file name is `None`.
fn load_policy(
    export: fn(JsValue, Option<JsValue>) -> Result<JsValue, JsValue>,
    text: JsValue,
    name: Option<String>,
) -> Result<JsValue, JsValue> {
    export(text, name.map(|n| JsValue::from_str(&n)))
}

fn policy_arg(v: &Value) -> JsValue {
    match v {
        Value::String(s) => JsValue::from_str(s),
        _ => JsValue::UNDEFINED,
    }
}

fn run_vector(v: &Value) -> Result<Value, String> {
    let policy = policy_arg(&v["policyId"]);
    let input = || parse(&v["input"].to_string());
    let result = match v["call"].as_str().unwrap_or_default() {
        "policies" => wasm::policies(),
        "menu" => wasm::menu(policy),
        "checkEligibility" => wasm::check_eligibility(policy, input()),
        "estimate" => wasm::estimate(policy, input()),
        other => return Err(format!("unknown call {other:?}")),
    };
    match result {
        Ok(out) => Ok(to_value(&out)),
        Err(err) => gaizao_error(&err),
    }
}

fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            e.keys()
                .chain(a.keys())
                .find_map(|k| match (e.get(k), a.get(k)) {
                    (Some(x), Some(y)) => first_difference(&format!("{path}.{k}"), x, y),
                    (x, y) => Some(format!("{path}.{k}: expected {x:?}, got {y:?}")),
                })
        }
        (Value::Array(e), Value::Array(a)) => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(&format!("{path}[{i}]"), x, y))
            .or_else(|| {
                (e.len() != a.len())
                    .then(|| format!("{path}: expected {} elements, got {}", e.len(), a.len()))
            }),
        _ => (expected != actual).then(|| format!("{path}: expected {expected}, got {actual}")),
    }
}

fn check_all_vectors() -> usize {
    let mut failures = Vec::new();
    for (file, text) in vectors::VECTORS {
        let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let Some(expected) = v.get("expected") else {
            failures.push(format!("{file}: no expected output (bless the vectors)"));
            continue;
        };
        match run_vector(&v) {
            Ok(actual) => {
                if let Some(d) = first_difference("expected", expected, &actual) {
                    failures.push(format!("{file}: {d}"));
                }
            }
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors differ under wasm:\n{}",
        failures.len(),
        vectors::VECTORS.len(),
        failures.join("\n")
    );
    vectors::VECTORS.len()
}

#[wasm_bindgen_test]
fn every_vector_gives_the_expected_output() {
    assert!(check_all_vectors() >= 40, "too few vectors embedded");
}

/// What a correct module answers, checked after the abuse below.
fn assert_still_answers() {
    let list = wasm::policies().expect("policies() answers");
    assert_eq!(
        Array::from(&list).length(),
        6,
        "policies() still lists the six built-in packs"
    );
    let out = wasm::estimate(
        JsValue::from_str("sichuan-panzhihua-2018"),
        parse(r#"{"estate": {"households": 200}, "items": [{"item": "greening", "quantity": 1000, "unitPrice": "85.5"}]}"#),
    )
    .expect("a known estimate still works");
    let out = to_value(&out);
    assert_eq!(out["total"], "85500.00");
    let shares: Vec<(String, String)> = out["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["party"].as_str().unwrap().to_string(),
                s["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        shares,
        [
            ("city".to_string(), "42750.00".to_string()),
            ("county".into(), "34200.00".into()),
            ("residents".into(), "8550.00".into())
        ]
    );
    let v = to_value(&wasm::version().expect("version() answers"));
    assert_eq!(v["packs"].as_array().map(Vec::len), Some(6));
}

/// What a malformed call must do.
#[derive(Clone, Copy, PartialEq)]
enum Expect {
    /// Throw a GaizaoError with this code.
    Code(&'static str),
    /// Throw a GaizaoError (the code depends on the engine, e.g. where JSON.stringify gives up).
    AnyError,
    /// Either answer or throw a GaizaoError, but never break the module.
    Survive,
}

/// A malformed call: what it is, how to make it, and what it must do.
struct Abuse {
    what: String,
    call: Box<dyn Fn() -> Result<JsValue, JsValue>>,
    expect: Expect,
}

fn abuse(
    what: impl Into<String>,
    expect: Expect,
    call: impl Fn() -> Result<JsValue, JsValue> + 'static,
) -> Abuse {
    Abuse {
        what: what.into(),
        call: Box::new(call),
        expect,
    }
}

fn code(c: Option<&'static str>) -> Expect {
    c.map_or(Expect::AnyError, Expect::Code)
}

/// Malformed values for the estate / scenario argument, as JS expressions, with the code each must
/// give as a whole estate (checkEligibility) and as a whole scenario (estimate: estate fields at
/// the top level are unknown fields there). `None`: any GaizaoError.
type BadInput = (
    &'static str,
    String,
    Option<&'static str>,
    Option<&'static str>,
);

fn bad_inputs() -> Vec<BadInput> {
    let mb = "'x'.repeat(1 << 20)";
    let same = |what: &'static str, expr: &str, code: &'static str| {
        (what, expr.to_string(), Some(code), Some(code))
    };
    let field = |what: &'static str, expr: &str, code: &'static str| {
        (what, expr.to_string(), Some(code), Some("unknownField"))
    };
    vec![
        same("undefined", "undefined", "missingField"),
        same("null", "null", "missingField"),
        same("a number", "42", "wrongType"),
        same("a string", "'{\"households\": 1}'", "wrongType"),
        same("a boolean", "true", "wrongType"),
        same("an empty array", "[]", "wrongType"),
        same("an array of objects", "[{}]", "wrongType"),
        same("a function", "function () {}", "wrongType"),
        same("a BigInt", "10n", "wrongType"),
        same("a Symbol", "Symbol('x')", "wrongType"),
        same("a cyclic object", "(() => { const o = {}; o.self = o; return o; })()", "wrongType"),
        same("an unknown field", "{ housholds: 10 }", "unknownField"),
        field("a count as text", "{ households: 'many' }", "notANumber"),
        field("NaN", "{ households: NaN }", "notANumber"),
        field("Infinity", "{ households: Infinity }", "notANumber"),
        field("-Infinity", "{ floorArea: -Infinity }", "notANumber"),
        field("1e308 as a count", "{ households: 1e308 }", "outOfRange"),
        field("1e308 as an area", "{ floorArea: 1e308 }", "outOfRange"),
        field("Number.MAX_VALUE as text", "{ floorArea: String(Number.MAX_VALUE) }", "outOfRange"),
        field("a negative count", "{ households: -1 }", "negative"),
        field("a negative area", "{ floorArea: -0.5 }", "negative"),
        field("a fractional count", "{ households: 2.5 }", "notWhole"),
        field("a fractional count as text", "{ buildings: '3.25' }", "notWhole"),
        field("a BigInt count", "{ households: 10n }", "notANumber"),
        field("a function as a count", "{ households: () => 1 }", "notANumber"),
        field("a Symbol as a count", "{ households: Symbol('x') }", "notANumber"),
        field("an object as a count", "{ households: {} }", "wrongType"),
        field("an array as a count", "{ households: [1] }", "wrongType"),
        field("an array as a tally", "{ owners: [100, 90, 80] }", "wrongType"),
        field("a Date as a year", "{ builtYear: new Date(0) }", "notANumber"),
        field("a wrong enum value", "{ housingType: 'villa' }", "wrongType"),
        field("a number as a name", "{ name: 42 }", "wrongType"),
        field("a 1 MB name", &format!("{{ name: {mb} }}"), "tooLong"),
        same("a 1 MB field name", &format!("{{ [{mb}]: 1 }}"), "unknownField"),
        field("a 1 MB number text", "{ floorArea: '1' + '0'.repeat(1 << 20) }", "outOfRange"),
        same("a 5 MB input", "{ name: 'x'.repeat(5 << 20) }", "outOfRange"),
        ("200 levels of nesting", "(() => { let o = {}; for (let i = 0; i < 200; i++) o = { a: o }; return o; })()".into(), None, None),
        (
            "100 000 levels of nesting",
            "(() => { let o = []; for (let i = 0; i < 100000; i++) o = [o]; return { owners: o }; })()".into(),
            None,
            None,
        ),
        same("a toJSON that throws", "{ toJSON() { throw new Error('boom'); } }", "wrongType"),
        same("a getter that throws", "{ get households() { throw new TypeError('boom'); } }", "wrongType"),
        same("a Proxy that throws", "new Proxy({}, { ownKeys() { throw new Error('boom'); } })", "wrongType"),
        field("owners in favour above the total", "{ owners: { total: 10, inFavour: 11 } }", "exceedsTotal"),
    ]
}

fn bad_policy_ids() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("undefined", "undefined", "wrongType"),
        ("null", "null", "wrongType"),
        ("a number", "42", "wrongType"),
        ("an object", "({ id: 'national' })", "wrongType"),
        ("an array", "['national']", "wrongType"),
        ("a BigInt", "1n", "wrongType"),
        ("NaN", "NaN", "wrongType"),
        ("a String object", "new String('national')", "wrongType"),
        ("an unknown id", "'atlantis'", "unknownPolicy"),
        ("a 1 MB id", "'x'.repeat(1 << 20)", "unknownPolicy"),
        ("an id with a NUL", "'national\\u0000'", "unknownPolicy"),
        ("a lone surrogate", "'\\ud800'", "unknownPolicy"),
    ]
}

fn all_abuses() -> Vec<Abuse> {
    let mut list = Vec::new();
    for (what, expr, as_estate, as_scenario) in bad_inputs() {
        let e1 = expr.clone();
        list.push(abuse(
            format!("checkEligibility(national, {what})"),
            code(as_estate),
            move || wasm::check_eligibility(JsValue::from_str("national"), eval(&e1)),
        ));
        let e2 = expr.clone();
        list.push(abuse(
            format!("estimate(national, {what})"),
            code(as_scenario),
            move || wasm::estimate(JsValue::from_str("national"), eval(&e2)),
        ));
        // The same value as the scenario's estate, beside a valid item.
        let e3 = expr.clone();
        let nested = match as_estate {
            // {estate: undefined} is {} in JSON, and {estate: null} is "not given" like every
            // other null: the estate is simply unknown, which is not an error.
            Some("missingField") if what == "undefined" || what == "null" => Expect::Survive,
            // JSON.stringify cannot write these; the wasm layer's replacer turns them into a
            // "not a number" marker, so the code may be notANumber rather than wrongType.
            Some("missingField") | None => Expect::AnyError,
            _ if ["a function", "a BigInt", "a Symbol"].contains(&what) => Expect::AnyError,
            c => code(c),
        };
        list.push(abuse(
            format!("estimate(national, {{estate: {what}}})"),
            nested,
            move || {
                let estate = eval(&e3);
                let scenario = js_sys::Object::new();
                let _ = Reflect::set(&scenario, &"estate".into(), &estate);
                let _ = Reflect::set(
                    &scenario,
                    &"items".into(),
                    &parse(r#"[{"item": "roads", "amount": "100"}]"#),
                );
                wasm::estimate(JsValue::from_str("national"), scenario.into())
            },
        ));
    }
    let items = [
        ("an unknown item", "{ items: [{ item: 'moat', amount: 1 }] }", "unknownItem"),
        ("an amount of NaN", "{ items: [{ item: 'roads', amount: NaN }] }", "notANumber"),
        ("an amount of 1e308", "{ items: [{ item: 'roads', amount: 1e308 }] }", "outOfRange"),
        ("a negative unit price", "{ items: [{ item: 'roads', quantity: 1, unitPrice: -1 }] }", "negative"),
        ("a quantity as BigInt", "{ items: [{ item: 'roads', quantity: 2n, unitPrice: 1 }] }", "notANumber"),
        ("items as an object", "{ items: { item: 'roads', amount: 1 } }", "wrongType"),
        ("a null item", "{ items: [null] }", "wrongType"),
        ("a waiver share of Infinity", "{ estate: { households: 2 }, waiver: { households: 1, share: Infinity, payer: 'county' } }", "notANumber"),
        ("a fractional waiver count", "{ estate: { households: 2 }, waiver: { households: 0.5, payer: 'county' } }", "notWhole"),
        ("an unknown payer", "{ estate: { households: 2 }, waiver: { households: 1, payer: 'nobody' } }", "wrongType"),
        ("a floor of 0", "{ items: [{ item: 'add-elevator', amount: 1 }], elevator: { method: 'floorsClimbed', floors: [{ floor: 0, households: 1 }] } }", "outOfRange"),
        ("a floor of 1e9", "{ items: [{ item: 'add-elevator', amount: 1 }], elevator: { method: 'floorsClimbed', floors: [{ floor: 1e9, households: 1 }] } }", "outOfRange"),
        ("a negative weight", "{ items: [{ item: 'roads', amount: 1 }], fundingOverrides: [{ rule: 'general', shares: [{ party: 'city', weight: -1 }] }] }", "negative"),
        ("all-zero weights", "{ items: [{ item: 'roads', amount: 1 }], fundingOverrides: [{ rule: 'general', shares: [{ party: 'city', weight: 0 }] }] }", "missingField"),
    ];
    for (what, expr, c) in items {
        list.push(abuse(
            format!("estimate(national, {what})"),
            Expect::Code(c),
            move || wasm::estimate(JsValue::from_str("national"), eval(expr)),
        ));
    }
    let extremes = [
        ("10 000 items of 10^13 元", "{ estate: { households: 3 }, items: Array.from({ length: 10000 }, () => ({ item: 'roads', amount: '10000000000000' })) }"),
        ("10 000 items of 0.001 元", "{ items: Array.from({ length: 10000 }, () => ({ item: 'roads', amount: '0.001' })) }"),
        ("10^13 × 10^13", "{ items: [{ item: 'roads', quantity: '10000000000000', unitPrice: '10000000000000' }] }"),
        ("28 decimal places", "{ items: [{ item: 'roads', quantity: '0.0000000000000000000000000001', unitPrice: '0.0000000000000000000000000001' }] }"),
        ("an elevator of 200 floors with 10^8 households", "{ items: [{ item: 'add-elevator', amount: '10000000000000' }], elevator: { method: 'floorsClimbed', floors: Array.from({ length: 200 }, (_, i) => ({ floor: i + 1, households: 100000000 })) }, household: { floor: 200 } }"),
        ("a waiver of every household", "{ estate: { households: 100000000 }, items: [{ item: 'roads', amount: '0.01' }], waiver: { households: 100000000, share: '0.3333333333333333333333333333', payer: 'county' } }"),
        ("coefficients of 10^13 on areas of 10^13", "{ items: [{ item: 'add-elevator', amount: '10000000000000' }], elevator: { method: 'coefficients', floors: [{ floor: 2, households: 1, area: '10000000000000', coefficient: '10000000000000' }, { floor: 3, households: 1, area: '0.0000000000001', coefficient: '0.0000000000001' }] } }"),
    ];
    for (what, expr) in extremes {
        list.push(abuse(
            format!("estimate(national, {what})"),
            Expect::Survive,
            move || wasm::estimate(JsValue::from_str("national"), eval(expr)),
        ));
    }
    for (what, expr, code) in bad_policy_ids() {
        list.push(abuse(
            format!("menu({what})"),
            Expect::Code(code),
            move || wasm::menu(eval(expr)),
        ));
        list.push(abuse(
            format!("checkEligibility({what}, {{}})"),
            Expect::Code(code),
            move || wasm::check_eligibility(eval(expr), parse("{}")),
        ));
        list.push(abuse(
            format!("estimate({what}, {{}})"),
            Expect::Code(code),
            move || wasm::estimate(eval(expr), parse("{}")),
        ));
    }
    let packs = [
        ("undefined", "undefined", "wrongType"),
        ("null", "null", "wrongType"),
        ("an object instead of text", "({ id: 'x' })", "wrongType"),
        ("a number", "42", "wrongType"),
        // Every problem with a pack's text is an invalidPolicy naming the file (as in `gaizao validate`).
        ("text that is not JSON", "'{ id: '", "invalidPolicy"),
        ("an empty text", "''", "invalidPolicy"),
        ("a JSON array", "'[]'", "invalidPolicy"),
        ("an empty object", "'{}'", "invalidPolicy"),
        ("1 MB of garbage", "'{'.repeat(1 << 20)", "invalidPolicy"),
        (
            "a 5 MB text",
            "'\"' + 'x'.repeat(5 << 20) + '\"'",
            "invalidPolicy",
        ),
        (
            "a pack with an unknown base",
            "JSON.stringify({ id: 'x', base: 'nowhere' })",
            "invalidPolicy",
        ),
    ];
    for (what, expr, code) in packs {
        list.push(abuse(
            format!("loadPolicy({what})"),
            Expect::Code(code),
            move || load_policy(wasm::load_policy, eval(expr), None),
        ));
        list.push(abuse(
            format!("loadPolicy({what}, 1 MB file name)"),
            Expect::Code(code),
            move || load_policy(wasm::load_policy, eval(expr), Some("f".repeat(1 << 20))),
        ));
    }
    // Calling back into the module while it is reading an input (a getter that calls an export).
    list.push(abuse(
        "estimate(national, {get households() { re-enters policies() }})",
        Expect::AnyError,
        || {
            let reenter = Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(|| {
                wasm::policies().map(|_| JsValue::from(1))
            });
            let make: Function =
                eval("(f) => ({ estate: { get households() { return f(); } } })").unchecked_into();
            let input = make
                .call1(&JsValue::NULL, reenter.as_ref())
                .expect("object");
            wasm::estimate(JsValue::from_str("national"), input)
        },
    ));
    list
}

#[wasm_bindgen_test]
fn every_export_refuses_malformed_values_with_a_gaizao_error_and_keeps_working() {
    assert_still_answers();
    let mut failures = Vec::new();
    let list = all_abuses();
    let total = list.len();
    for a in list {
        match (a.call)() {
            Ok(_) if a.expect == Expect::Survive => {}
            Ok(v) => {
                let mut text = to_value(&v).to_string();
                text.truncate(300);
                failures.push(format!("{}: accepted, returned {text}", a.what));
            }
            Err(e) => match gaizao_error(&e) {
                Err(why) => failures.push(format!("{}: not a proper GaizaoError: {why}", a.what)),
                Ok(err) => {
                    let code = err["error"]["code"].as_str().unwrap_or_default();
                    if let Expect::Code(want) = a.expect {
                        if want != code {
                            failures.push(format!(
                                "{}: code {code} (field {}), expected {want}",
                                a.what, err["error"]["field"]
                            ));
                        }
                    }
                    let len = err["error"]["messageEn"].as_str().unwrap_or_default().len();
                    if len > 2000 {
                        failures.push(format!(
                            "{}: a {len}-byte message (user text must be clipped)",
                            a.what
                        ));
                    }
                }
            },
        }
        // The module must keep answering after every single refusal.
        if wasm::policies().is_err() {
            failures.push(format!("{}: policies() fails afterwards", a.what));
            break;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} malformed calls misbehaved:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_still_answers();
    check_all_vectors();
}

#[wasm_bindgen_test]
fn values_javascript_cannot_write_as_json_are_named_not_dropped() {
    // JSON.stringify would turn NaN into null, which would read as "not given": the wasm layer
    // must refuse it by name instead, with the field path.
    let err = wasm::check_eligibility(JsValue::from_str("national"), eval("{ households: NaN }"))
        .expect_err("NaN is refused");
    let err = gaizao_error(&err).expect("a GaizaoError");
    assert_eq!(err["error"]["code"], "notANumber");
    assert_eq!(
        err["error"]["field"], "households",
        "the error names the field"
    );
    // undefined fields are simply absent, as in JSON.
    let ok = wasm::check_eligibility(
        JsValue::from_str("national"),
        eval("{ households: undefined, builtYear: 1990 }"),
    );
    assert!(ok.is_ok(), "an undefined field is not given, not an error");
}
