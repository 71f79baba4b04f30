//! The rule kinds and funding features the fidelity fixes need, each on a small test pack (so
//! that a test says what the engine does, whatever the built-in packs hold): advisory rules and
//! what a verdict rests on, item verdicts, `alsoAsked`, choice, checklist, share and target-list
//! tests, tallies of the pack's own, the document's standing dated by `asOf`, payers named
//! without a share, and the pipeline guard of tier rules. The built-in packs' own thresholds are
//! in `thresholds.rs`, their worked examples in `examples/`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use gaizao::eligibility::{Eligibility, FindingRole, Outcome, Verdict};
use gaizao::{Error, Registry};
use serde_json::{json, Value};

const SRC: fn() -> Value =
    || json!({ "document": "测试〔2024〕1号", "clause": "第一条", "quote": "测试" });

fn text(zh: &str, en: &str) -> Value {
    json!({ "zh": zh, "en": en })
}

fn rule(id: &str, role: &str, test: Value) -> Value {
    json!({ "id": id, "label": text("测试规则", "test rule"), "role": role, "test": test, "source": SRC() })
}

/// A pack with two tiered categories (one of them holding a water pipeline and an elevator), its
/// own facts and a target list, with the given rules and funding.
fn pack_text(status: &str, eligibility: Value, funding: Value) -> String {
    let item = |id: &str, extra: Value| {
        let mut v = json!({ "id": id, "name": text(id, id), "standard": text("标准", "standard"), "unit": "lump", "source": SRC() });
        if let (Value::Object(m), Value::Object(x)) = (&mut v, extra) {
            m.extend(x);
        }
        v
    };
    json!({
        "id": "cap",
        "name": text("测试", "test"), "jurisdiction": text("测试市", "Test City"), "issuer": text("测试", "test"),
        "document": { "number": "测试〔2024〕1号", "title": text("测试", "test"), "date": "2024-03-01", "status": status, "period": [2024, 2025] },
        "eligibility": eligibility,
        "menu": [
            { "id": "basic", "name": text("基础类", "basic"), "tier": "basic", "source": SRC(), "items": [
                item("roads", json!({})),
                item("water", json!({ "unit": "metre", "pipeline": "water" })),
            ] },
            { "id": "more", "name": text("完善类", "improvement"), "tier": "improvement", "source": SRC(), "items": [
                item("greening", json!({})),
                item("lift", json!({ "unit": "elevator", "elevator": true })),
            ] },
        ],
        "funding": funding,
        "facts": [
            { "key": "voluntary", "kind": "bool", "label": text("居民自愿", "residents agree"), "help": text("？", "?"), "audience": "resident", "source": SRC() },
            { "key": "assessed", "kind": "bool", "label": text("安全评估可行", "assessed safe"), "help": text("？", "?"), "audience": "official", "source": SRC() },
            { "key": "income", "kind": "choice", "label": text("公共收益", "public income"), "help": text("？", "?"), "audience": "official", "source": SRC(),
              "choices": [ { "id": "notUsed", "label": text("不使用", "not used") }, { "id": "approved", "label": text("已同意", "approved") }, { "id": "notApproved", "label": text("未同意", "not approved") } ] },
            { "key": "nonCommodity", "kind": "count", "label": text("非商品房户数", "non-commodity households"), "help": text("？", "?"), "audience": "resident", "source": SRC() },
            { "key": "green", "kind": "decimal", "label": text("绿地面积", "green area"), "help": text("？", "?"), "audience": "official", "source": SRC() },
            { "key": "site", "kind": "decimal", "label": text("用地面积", "site area"), "help": text("？", "?"), "audience": "official", "source": SRC() },
            { "key": "support", "kind": "tally", "counts": "households", "label": text("居民支持率", "support"), "help": text("？", "?"), "audience": "resident", "source": SRC() },
            { "key": "stage", "kind": "tally", "counts": "owners", "label": text("方案表决", "plan vote"), "help": text("？", "?"), "audience": "official", "source": SRC() },
        ],
        "targets": { "source": SRC(), "list": [
            { "name": "沿河小区7号楼" },
            { "name": "纳雍县供销社（综合）商住楼", "aliases": ["供销社商住楼"], "district": "雍熙街道", "note": text("名称带括号", "a bracketed name") },
        ] },
    })
    .to_string()
}

fn catch_all() -> Value {
    json!({ "id": "all", "label": text("其他", "else"), "applies": {}, "shares": [ { "party": "residents", "weight": "1" } ],
            "basis": "assumption", "why": text("测试", "test"), "source": SRC() })
}

fn registry(status: &str, eligibility: Value, funding: Value) -> Registry {
    let mut r = Registry::default();
    common::load(&mut r, "cap.json", &pack_text(status, eligibility, funding))
        .unwrap_or_else(|e| panic!("{e:#?}"));
    r
}

fn load_errors(eligibility: Value, funding: Value) -> Vec<Error> {
    let mut r = Registry::default();
    match common::load(
        &mut r,
        "cap.json",
        &pack_text("inForce", eligibility, funding),
    ) {
        Ok(_) => panic!("the broken pack loaded"),
        Err(e) => e,
    }
}

fn check<'r>(r: &'r Registry, input: Value) -> Eligibility<'r> {
    let p = r.get("cap").unwrap();
    let input = gaizao::eligibility::CheckInput::from_json(&input.to_string(), p)
        .unwrap_or_else(|e| panic!("{e:#?}"));
    gaizao::eligibility::check_input(p, &input, gaizao::Langs::Both)
}

fn outcome(e: &Eligibility, rule: &str) -> Outcome {
    e.findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no finding {rule}"))
        .outcome
}

fn message(e: &Eligibility, rule: &str, zh: bool) -> String {
    let f = e.findings.iter().find(|f| f.rule == rule).unwrap();
    let t = f.texts.as_ref().unwrap();
    if zh {
        t.zh.as_ref().unwrap().message.clone()
    } else {
        t.en.as_ref().unwrap().message.clone()
    }
}

fn assert_problem(errors: &[Error], field: &str, needle: &str) {
    let hit = errors.iter().find(|e| e.field() == Some(field));
    let Some(e) = hit else {
        panic!("no problem at {field}: {errors:#?}")
    };
    assert!(
        e.message().en.contains(needle),
        "{field}: {}",
        e.message().en
    );
}

// ---- roles --------------------------------------------------------------------------------

/// An advisory rule is reported with its reason and never decides; its unknown fields are asked
/// beside the verdict (`alsoAsked`), not waited for (`toProvide`).
#[test]
fn advice_never_decides_and_is_asked_beside_the_verdict() {
    let mut advice = rule(
        "vote",
        "advisory",
        json!({ "vote": { "quorum": { "share": "2/3", "inclusive": true }, "majority": { "share": "3/4", "inclusive": true } } }),
    );
    advice["assumption"] = text("文件未规定表决比例", "the document sets no vote");
    let r = registry(
        "inForce",
        json!([
            rule(
                "safe",
                "decisive",
                json!({ "flag": { "flag": "structurallySafe", "required": true } })
            ),
            advice
        ]),
        json!([catch_all()]),
    );
    let e = check(
        &r,
        json!({ "structurallySafe": true, "asOf": "2024-06-01" }),
    );
    assert_eq!(e.verdict, Verdict::Eligible);
    assert_eq!(e.rests_on, ["safe"]);
    assert_eq!(outcome(&e, "vote"), Outcome::Unknown);
    assert!(e.to_provide.is_empty());
    assert_eq!(
        e.also_asked,
        [
            "owners.total",
            "owners.voted",
            "owners.inFavour",
            "ownerArea.total",
            "ownerArea.voted",
            "ownerArea.inFavour"
        ]
    );
    // 70 of 100, all voting: the advice fails, the verdict does not move.
    let e = check(
        &r,
        json!({ "structurallySafe": true, "owners": { "total": 100, "voted": 100, "inFavour": 70 }, "ownerArea": { "total": "100", "voted": "100", "inFavour": "70" } }),
    );
    assert_eq!(e.verdict, Verdict::Eligible);
    assert_eq!(outcome(&e, "vote"), Outcome::Fail);
    assert!(!e.rests_on.contains(&"vote"));
    let f = e.findings.iter().find(|f| f.rule == "vote").unwrap();
    assert_eq!(f.role, FindingRole::Advisory);
    assert_eq!(f.gap.as_ref().and_then(|g| g.owners), Some(5));
    let t = f.texts.as_ref().unwrap().en.as_ref().unwrap();
    assert_eq!(t.assumption, Some("the document sets no vote"));
    assert!(
        t.role_note
            .as_deref()
            .unwrap_or("")
            .contains("does not decide"),
        "{:?}",
        t.role_note
    );
}

/// Whatever an advisory or warning rule concludes, the verdict is the decisive rules' alone.
#[test]
fn advisory_and_warning_outcomes_never_change_the_verdict() {
    let mut advice = rule(
        "advice",
        "advisory",
        json!({ "flag": { "flag": "voluntary", "required": true } }),
    );
    advice["assumption"] = text("假设", "assumed");
    let warn = rule(
        "warn",
        "warning",
        json!({ "flag": { "flag": "assessed", "required": true } }),
    );
    let r = registry(
        "inForce",
        json!([
            rule(
                "safe",
                "decisive",
                json!({ "flag": { "flag": "structurallySafe", "required": true } })
            ),
            advice,
            warn
        ]),
        json!([catch_all()]),
    );
    for safe in [Value::Null, json!(true), json!(false)] {
        let mut verdicts = Vec::new();
        for v in [Value::Null, json!(true), json!(false)] {
            for a in [Value::Null, json!(true), json!(false)] {
                let e = check(
                    &r,
                    json!({ "structurallySafe": safe, "voluntary": v, "assessed": a }),
                );
                assert!(!e.rests_on.contains(&"advice") && !e.rests_on.contains(&"warn"));
                verdicts.push((e.verdict, e.rests_on.clone(), e.to_provide.clone()));
            }
        }
        assert!(
            verdicts.windows(2).all(|w| w[0] == w[1]),
            "safe = {safe}: {verdicts:?}"
        );
    }
}

#[test]
fn readings_are_labelled_on_findings() {
    let mut r1 = rule(
        "built",
        "decisive",
        json!({ "builtBy": { "year": 2000, "inclusive": true } }),
    );
    r1["reading"] = text("“以前”含2000年", "“before” includes 2000");
    let r = registry("inForce", json!([r1]), json!([catch_all()]));
    let e = check(&r, json!({ "builtYear": 2000 }));
    let f = &e.findings[0];
    assert_eq!(f.outcome, Outcome::Pass);
    assert_eq!(f.basis, gaizao::policy::model::Basis::Reading);
    assert_eq!(
        f.texts.as_ref().unwrap().zh.as_ref().unwrap().reading,
        Some("“以前”含2000年")
    );
}

#[test]
fn rules_that_would_decide_on_an_assumption_are_refused() {
    let mut r1 = rule(
        "a",
        "advisory",
        json!({ "flag": { "flag": "voluntary", "required": true } }),
    );
    r1["basis"] = json!("assumption");
    let errors = load_errors(json!([r1]), json!([catch_all()]));
    assert_problem(&errors, "eligibility[0].assumption", "must say why");
    let mut decisive = rule(
        "d",
        "decisive",
        json!({ "flag": { "flag": "voluntary", "required": true } }),
    );
    decisive["assumption"] = text("假设", "assumed");
    assert_problem(
        &load_errors(json!([decisive]), json!([catch_all()])),
        "eligibility[0].assumption",
        "cannot rest on an assumption",
    );
    let mut law = rule(
        "law",
        "decisive",
        json!({ "flag": { "flag": "voluntary", "required": true } }),
    );
    law["basis"] = json!("law");
    assert_problem(
        &load_errors(json!([law]), json!([catch_all()])),
        "eligibility[0].appliesTo",
        "scope it",
    );
    let mut status = rule(
        "document-status",
        "warning",
        json!({ "flag": { "flag": "voluntary", "required": true } }),
    );
    status["label"] = text("x", "x");
    assert_problem(
        &load_errors(json!([status]), json!([catch_all()])),
        "eligibility[0].id",
        "made by the engine",
    );
}

// ---- item-scoped rules and item verdicts ------------------------------------------------------

/// A failed item-scoped rule blocks its item, not the compound; an item nobody chose leaves the
/// rule conditional.
#[test]
fn item_rules_decide_their_item_not_the_compound() {
    let mut lift = rule(
        "lift-vote",
        "decisive",
        json!({ "vote": { "tally": "elevatorVote", "quorum": { "share": "2/3", "inclusive": true }, "majority": { "share": "3/4", "inclusive": true } } }),
    );
    lift["basis"] = json!("law");
    lift["appliesTo"] = json!({ "items": ["lift"] });
    let lift2 = {
        let mut x = rule(
            "lift-ok",
            "decisive",
            json!({ "checklist": [
            { "fact": "voluntary", "required": true, "label": text("居民自愿", "voluntary") },
            { "fact": "assessed", "required": true, "label": text("评估可行", "assessed") } ] }),
        );
        x["appliesTo"] = json!({ "elevator": true });
        x
    };
    let r = registry(
        "inForce",
        json!([
            rule(
                "safe",
                "decisive",
                json!({ "flag": { "flag": "structurallySafe", "required": true } })
            ),
            lift,
            lift2
        ]),
        json!([catch_all()]),
    );
    let vote = |yes: u64| json!({ "owners": { "total": 12, "voted": 8, "inFavour": yes }, "area": { "total": "1200", "voted": "800", "inFavour": (yes * 100).to_string() } });
    // Not chosen: conditional, no item verdict.
    let e = check(
        &r,
        json!({ "structurallySafe": true, "items": [ { "item": "roads" } ] }),
    );
    assert_eq!(e.verdict, Verdict::Eligible);
    assert!(e.items.is_empty());
    assert!(e
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("lift"))
        .all(|f| f.role == FindingRole::Conditional));
    // 6 of 8 = 3/4 exactly: the item may go ahead.
    let e = check(
        &r,
        json!({ "structurallySafe": true, "elevatorVote": vote(6), "voluntary": true, "assessed": true, "items": [ { "item": "lift" }, { "item": "lift" } ] }),
    );
    assert_eq!(e.items.len(), 1);
    assert_eq!(e.items[0].item, "lift");
    assert_eq!(e.items[0].verdict, Verdict::Eligible);
    assert_eq!(e.items[0].rests_on, ["lift-vote", "lift-ok"]);
    // 5 of 8: the elevator is blocked; the compound is still eligible.
    let e = check(
        &r,
        json!({ "structurallySafe": true, "elevatorVote": vote(5), "voluntary": true, "assessed": false, "items": [ { "item": "lift" } ] }),
    );
    assert_eq!(e.verdict, Verdict::Eligible);
    assert_eq!(e.items[0].verdict, Verdict::Ineligible);
    assert_eq!(e.items[0].rests_on, ["lift-vote", "lift-ok"]);
    let f = e.findings.iter().find(|f| f.rule == "lift-vote").unwrap();
    assert_eq!(f.role, FindingRole::Item);
    assert_eq!(f.gap.as_ref().unwrap().owners, Some(1));
    assert_eq!(f.gap.as_ref().unwrap().area, common::n("100"));
    assert!(
        message(&e, "lift-ok", true).contains("✔ 居民自愿；✘ 评估可行"),
        "{}",
        message(&e, "lift-ok", true)
    );
    let items_zh = &e.texts.as_ref().unwrap().zh.as_ref().unwrap().items;
    assert!(items_zh[0].contains("不能实施"), "{items_zh:?}");
    // No figures: the item is undetermined and names the tally's own paths.
    let e = check(
        &r,
        json!({ "structurallySafe": true, "items": [ { "item": "lift" } ] }),
    );
    assert_eq!(e.items[0].verdict, Verdict::Undetermined);
    assert!(
        e.items[0].to_provide.contains(&"elevatorVote.owners.voted"),
        "{:?}",
        e.items[0].to_provide
    );
    assert!(e.to_provide.is_empty() && e.verdict == Verdict::Eligible);
    assert!(e.texts.as_ref().unwrap().en.as_ref().unwrap().items[0].contains("Vote on adding the elevator (owners of the building or stairwell served): Owners who took part"));
}

#[test]
fn check_input_items_must_be_on_the_menu() {
    let r = registry("inForce", json!([]), json!([catch_all()]));
    let p = r.get("cap").unwrap();
    let err = gaizao::eligibility::CheckInput::from_json(&json!({ "items": [ { "item": "nope" }, { "item": "roads", "amount": "1" } ], "asOf": "2024-13-01" }).to_string(), p).unwrap_err();
    let got: Vec<(String, String)> = common::codes(&err);
    assert!(
        got.contains(&("unknownItem".into(), "items[0].item".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("unknownField".into(), "items[1].amount".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("wrongType".into(), "asOf".into())),
        "{got:?}"
    );
}

// ---- choice, checklist, share, target list -------------------------------------------------------

#[test]
fn choice_rules_on_core_and_own_facts() {
    let r = registry(
        "inForce",
        json!([
            rule(
                "will",
                "decisive",
                json!({ "choiceIn": { "fact": "residentWillingness", "allowed": ["strong", "high"] } })
            ),
            rule(
                "income",
                "warning",
                json!({ "choiceIn": { "fact": "income", "allowed": ["notUsed", "approved"] } })
            ),
        ]),
        json!([catch_all()]),
    );
    let e = check(&r, json!({}));
    assert_eq!(e.verdict, Verdict::Undetermined);
    assert_eq!(e.to_provide, ["residentWillingness"]);
    assert_eq!(e.also_asked, ["income", "asOf"]);
    for (w, want) in [
        ("strong", Outcome::Pass),
        ("high", Outcome::Pass),
        ("low", Outcome::Fail),
    ] {
        let e = check(
            &r,
            json!({ "residentWillingness": w, "income": "notApproved" }),
        );
        assert_eq!(outcome(&e, "will"), want, "{w}");
        assert_eq!(outcome(&e, "income"), Outcome::Fail);
    }
    let e = check(&r, json!({ "residentWillingness": "high" }));
    assert_eq!(
        message(&e, "will", true),
        "居民改造意愿：较高，符合“测试规则”"
    );
    assert_eq!(
        message(&e, "will", false),
        "Residents' wish for the renovation: fairly high: meets “test rule”"
    );
    let bad = load_errors(
        json!([rule(
            "w",
            "decisive",
            json!({ "choiceIn": { "fact": "residentWillingness", "allowed": ["keen"] } })
        )]),
        json!([catch_all()]),
    );
    assert_problem(
        &bad,
        "eligibility[0].test.choiceIn.allowed[0]",
        "has no value “keen”",
    );
}

#[test]
fn checklists_report_item_by_item() {
    let r = registry(
        "inForce",
        json!([rule(
            "list",
            "decisive",
            json!({ "checklist": [
        { "fact": "structurallySafe", "required": true, "label": text("结构安全", "structure safe") },
        { "fact": "demolitionPlanned", "required": false, "label": text("未列入拆除计划", "not in a demolition plan") } ] })
        )]),
        json!([catch_all()]),
    );
    let cases = [
        (
            json!({}),
            Outcome::Unknown,
            vec!["structurallySafe", "demolitionPlanned"],
        ),
        (
            json!({ "structurallySafe": true }),
            Outcome::Unknown,
            vec!["demolitionPlanned"],
        ),
        (json!({ "structurallySafe": false }), Outcome::Fail, vec![]),
        (
            json!({ "structurallySafe": true, "demolitionPlanned": false }),
            Outcome::Pass,
            vec![],
        ),
        (
            json!({ "structurallySafe": true, "demolitionPlanned": true }),
            Outcome::Fail,
            vec![],
        ),
    ];
    for (input, want, provide) in cases {
        let e = check(&r, input.clone());
        assert_eq!(outcome(&e, "list"), want, "{input}");
        assert_eq!(e.findings[0].provide, provide, "{input}");
    }
    let e = check(&r, json!({ "structurallySafe": true }));
    assert_eq!(message(&e, "list", false), "✔ structure safe; ? not in a demolition plan; please provide: “Planned for demolition, shantytown redevelopment or expropriation”");
}

/// 「以居民自建住房为主」 as more than half (an upper limit, exclusive), 「主要指…非商品房」 as more than
/// half (a floor, exclusive), 「不低于25%」 on decimals (a floor, inclusive).
#[test]
fn shares_of_two_facts_at_below_and_above_the_threshold() {
    let r = registry(
        "inForce",
        json!([
            rule(
                "not-mainly-self-built",
                "decisive",
                json!({ "share": { "part": "selfBuiltHouseholds", "whole": "households", "mustNotReach": { "share": "1/2", "inclusive": false }, "byHousingType": "selfBuilt" } })
            ),
            rule(
                "mainly-non-commodity",
                "decisive",
                json!({ "share": { "part": "nonCommodity", "whole": "households", "mustReach": { "share": "1/2", "inclusive": false }, "byHousingType": "nonCommodity" } })
            ),
            rule(
                "green",
                "warning",
                json!({ "share": { "part": "green", "whole": "site", "mustReach": { "share": "1/4", "inclusive": true } } })
            ),
        ]),
        json!([catch_all()]),
    );
    let gap = |e: &Eligibility, rule: &str| {
        common::num(
            e.findings
                .iter()
                .find(|f| f.rule == rule)
                .unwrap()
                .gap
                .as_ref()
                .and_then(|g| g.part),
        )
    };
    // (self-built of 100, outcome, households to move)
    for (n, want, moved) in [
        (49, Outcome::Pass, "0"),
        (50, Outcome::Pass, "0"),
        (51, Outcome::Fail, "1"),
        (100, Outcome::Fail, "50"),
    ] {
        let e = check(&r, json!({ "households": 100, "selfBuiltHouseholds": n }));
        assert_eq!(outcome(&e, "not-mainly-self-built"), want, "{n} self-built");
        assert_eq!(
            gap(&e, "not-mainly-self-built").as_deref(),
            Some(moved),
            "{n} self-built"
        );
    }
    for (n, want, moved) in [
        (49, Outcome::Fail, "2"),
        (50, Outcome::Fail, "1"),
        (51, Outcome::Pass, "0"),
    ] {
        let e = check(&r, json!({ "households": 100, "nonCommodity": n }));
        assert_eq!(
            outcome(&e, "mainly-non-commodity"),
            want,
            "{n} non-commodity"
        );
        assert_eq!(
            gap(&e, "mainly-non-commodity").as_deref(),
            Some(moved),
            "{n} non-commodity"
        );
    }
    for (g, want, moved) in [
        ("2499.99", Outcome::Fail, "0.01"),
        ("2500", Outcome::Pass, "0"),
        ("2500.01", Outcome::Pass, "0"),
        ("2499.995", Outcome::Fail, "0.01"),
    ] {
        let e = check(&r, json!({ "green": g, "site": "10000" }));
        assert_eq!(outcome(&e, "green"), want, "green {g}");
        assert_eq!(gap(&e, "green").as_deref(), Some(moved), "green {g}");
    }
    // Without counts: a pure housing type decides (all or none), a mixed one asks for the count.
    let by_type = [
        ("selfBuilt", Outcome::Fail, Outcome::Fail),
        ("nonCommodity", Outcome::Pass, Outcome::Pass),
        ("commodity", Outcome::Pass, Outcome::Fail),
        ("mixed", Outcome::Unknown, Outcome::Unknown),
    ];
    for (h, self_built, non_commodity) in by_type {
        let e = check(&r, json!({ "housingType": h, "households": 100 }));
        assert_eq!(outcome(&e, "not-mainly-self-built"), self_built, "{h}");
        assert_eq!(outcome(&e, "mainly-non-commodity"), non_commodity, "{h}");
    }
    let e = check(&r, json!({ "housingType": "mixed", "households": 100 }));
    assert_eq!(e.to_provide, ["selfBuiltHouseholds", "nonCommodity"]);
    // Counts win over the housing type; a whole of zero decides nothing.
    let e = check(
        &r,
        json!({ "housingType": "selfBuilt", "households": 100, "selfBuiltHouseholds": 10 }),
    );
    assert_eq!(outcome(&e, "not-mainly-self-built"), Outcome::Pass);
    let e = check(&r, json!({ "households": 0, "selfBuiltHouseholds": 0 }));
    assert_eq!(outcome(&e, "not-mainly-self-built"), Outcome::Unknown);
    // In words.
    let e = check(
        &r,
        json!({ "households": 100, "selfBuiltHouseholds": 51, "green": "2499.99", "site": "10000" }),
    );
    assert_eq!(
        message(&e, "not-mainly-self-built", true),
        "居民自建住房户数51/100户（51%），已超过1/2，须减少1户；不符合“测试规则”"
    );
    assert_eq!(message(&e, "not-mainly-self-built", false), "Households in self-built housing 51 of 100 (51%), which is more than 1/2; 1 fewer household needed: does not meet “test rule”");
    assert_eq!(message(&e, "green", false), "Green area 2499.99 of 10000 (25%), short of at least 1/4; 0.01 more needed: does not meet “test rule”");
    let e = check(&r, json!({ "housingType": "selfBuilt" }));
    assert_eq!(
        message(&e, "not-mainly-self-built", true),
        "未填写居民自建住房户数：房屋类型为居民自建房，按全部计；不符合“测试规则”"
    );
    let bad = load_errors(
        json!([rule(
            "s",
            "decisive",
            json!({ "share": { "part": "households", "whole": "name", "mustReach": { "share": "1/2", "inclusive": true }, "mustNotReach": { "share": "1/2", "inclusive": true } } })
        )]),
        json!([catch_all()]),
    );
    assert_problem(&bad, "eligibility[0].test.share.whole", "not a number fact");
    assert_problem(
        &bad,
        "eligibility[0].test.share",
        "exactly one of mustReach and mustNotReach",
    );
}

#[test]
fn target_lists_match_exact_names_only() {
    let r = registry(
        "inForce",
        json!([rule("listed", "decisive", json!({ "onTargetList": {} }))]),
        json!([catch_all()]),
    );
    let cases = [
        ("沿河小区7号楼", Outcome::Pass),
        (" 沿河小区 7号楼 ", Outcome::Pass),
        ("沿河小区７号楼", Outcome::Pass),
        ("纳雍县供销社(综合)商住楼", Outcome::Pass),
        ("供销社商住楼", Outcome::Pass),
        ("沿河小区8号楼", Outcome::Fail),
        ("沿河小区", Outcome::Fail),
        ("沿河小区7号楼二单元", Outcome::Fail),
    ];
    for (name, want) in cases {
        let e = check(&r, json!({ "name": name }));
        assert_eq!(outcome(&e, "listed"), want, "{name}");
    }
    let e = check(&r, json!({}));
    assert_eq!(e.to_provide, ["name"]);
    let e = check(&r, json!({ "name": "供销社商住楼" }));
    assert_eq!(message(&e, "listed", true), "“供销社商住楼”即测试〔2024〕1号 第一条所列2个小区中的“纳雍县供销社（综合）商住楼”（雍熙街道）；名称带括号；符合“测试规则”");
    let e = check(&r, json!({ "name": "沿河小区8号楼" }));
    assert_eq!(message(&e, "listed", false), "“沿河小区8号楼” is not among the 2 compounds named in 测试〔2024〕1号 第一条 (the name must match the document's): does not meet “test rule”");
}

#[test]
fn duplicate_targets_are_refused() {
    let mut v: Value =
        serde_json::from_str(&pack_text("inForce", json!([]), json!([catch_all()]))).unwrap();
    v["targets"]["list"][1]["aliases"] = json!(["沿河小区 7号楼"]);
    let mut r = Registry::default();
    let errors = common::load(&mut r, "cap.json", &v.to_string()).unwrap_err();
    assert_problem(&errors, "targets.list[1].aliases[0]", "appears twice");
}

// ---- tallies of the pack's own ---------------------------------------------------------------------

#[test]
fn household_and_owner_tallies_of_the_pack() {
    let r = registry(
        "inForce",
        json!([
            rule(
                "support",
                "decisive",
                json!({ "support": { "tally": "support", "households": { "share": "9/10", "inclusive": true } } })
            ),
            rule(
                "stage",
                "decisive",
                json!({ "support": { "tally": "stage", "owners": { "share": "2/3", "inclusive": true }, "area": { "share": "2/3", "inclusive": true } } })
            ),
        ]),
        json!([catch_all()]),
    );
    let stage = json!({ "owners": { "total": 60, "inFavour": 40 }, "area": { "total": "6000", "inFavour": "4000" } });
    for (yes, want, more) in [
        (89, Outcome::Fail, 1),
        (90, Outcome::Pass, 0),
        (91, Outcome::Pass, 0),
    ] {
        let e = check(
            &r,
            json!({ "support": { "total": 100, "inFavour": yes }, "stage": stage }),
        );
        assert_eq!(outcome(&e, "support"), want, "{yes} of 100");
        assert_eq!(e.findings[0].gap.as_ref().unwrap().households, Some(more));
    }
    let e = check(
        &r,
        json!({ "support": { "total": 100, "inFavour": 89 }, "stage": stage }),
    );
    assert_eq!(
        message(&e, "support", true),
        "支持户数89/100户（89%），未达到不低于9/10，还需1户；不符合“测试规则”"
    );
    let e = check(
        &r,
        json!({ "stage": { "owners": { "total": 60, "inFavour": 40 } } }),
    );
    assert_eq!(
        e.to_provide,
        [
            "support.total",
            "support.inFavour",
            "stage.area.total",
            "stage.area.inFavour"
        ]
    );
    let e = check(
        &r,
        json!({ "stage": { "owners": { "total": 60, "inFavour": 39 } } }),
    );
    assert_eq!(outcome(&e, "stage"), Outcome::Fail);
    assert_eq!(e.findings[1].gap.as_ref().unwrap().owners, Some(1));
    let e = check(&r, json!({}));
    let names = &e.texts.as_ref().unwrap().zh.as_ref().unwrap().to_provide;
    assert_eq!(names[0], "居民支持率：总户数");
    // Parts never exceed their whole, and a household tally has no area.
    let p = r.get("cap").unwrap();
    let err = gaizao::Estate::from_json(&json!({ "support": { "total": 10, "inFavour": 11 }, "stage": { "area": { "total": "1", "voted": "2" } }, "elevatorVote": { "households": 1 } }).to_string(), p).unwrap_err();
    let got = common::codes(&err);
    assert!(
        got.contains(&("exceedsTotal".into(), "support.inFavour".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("exceedsTotal".into(), "stage.area.voted".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("unknownField".into(), "elevatorVote.households".into())),
        "{got:?}"
    );
    let bad = load_errors(
        json!([rule(
            "s",
            "decisive",
            json!({ "support": { "tally": "support", "owners": { "share": "9/10", "inclusive": true } } })
        )]),
        json!([catch_all()]),
    );
    assert_problem(
        &bad,
        "eligibility[0].test.support.owners",
        "has no “owners”",
    );
}

// ---- the document's standing --------------------------------------------------------------------

#[test]
fn document_status_is_dated_by_as_of_never_by_a_clock() {
    let cases = [
        ("inForce", None, Outcome::Unknown),
        ("inForce", Some("2025-12-31"), Outcome::Pass),
        ("inForce", Some("2026-01-01"), Outcome::Fail),
        ("issued", Some("2025-06-01"), Outcome::Unknown),
        ("issued", Some("2026-12-01"), Outcome::Fail),
        ("draftForComment", Some("2024-06-01"), Outcome::Fail),
    ];
    for (status, as_of, want) in cases {
        let r = registry(status, json!([]), json!([catch_all()]));
        let mut input = json!({});
        if let Some(d) = as_of {
            input["asOf"] = json!(d);
        }
        let e = check(&r, input);
        assert_eq!(outcome(&e, "document-status"), want, "{status} {as_of:?}");
        assert_eq!(e.verdict, Verdict::Eligible, "the standing never decides");
        if as_of.is_none() {
            assert_eq!(e.also_asked, ["asOf"]);
        }
    }
    let r = registry("issued", json!([]), json!([catch_all()]));
    let e = check(&r, json!({ "asOf": "2026-12-01" }));
    assert_eq!(message(&e, "document-status", true), "测试〔2024〕1号已印发，但所据文本未说明现行效力：请核实是否仍然有效；规划期2024—2025年，至2026-12-01已结束：结果说明的是该期间的规则，不是现行政策");
}

// ---- funding: tiers, the pipeline guard, named payers without a share -----------------------------

#[test]
fn tier_rules_with_the_pipeline_guard_and_payers_without_a_share() {
    let tier = json!({ "id": "basic", "label": text("基础类", "basic"), "applies": { "tiers": ["basic"], "pipelineLine": false, "elevator": false },
        "shares": [ { "party": "central", "weight": "5" }, { "party": "county", "weight": "4" }, { "party": "residents", "weight": "1" }, { "party": "propertyUnit", "unset": true } ],
        "basis": "assumption", "why": text("假设", "assumed"), "source": SRC(),
        "borrowed": { "pack": "sichuan-panzhihua-2018", "jurisdiction": text("攀枝花", "Panzhihua"), "source": { "document": "攀委办〔2018〕40号", "clause": "六、资金筹集" } } });
    let r = registry("inForce", json!([]), json!([tier, catch_all()]));
    let p = r.get("cap").unwrap();
    let scenario = gaizao::Scenario::from_json(&json!({ "items": [
        { "item": "roads", "amount": "10000" }, { "item": "water", "segment": "beforeMeter", "amount": "500" } ] }).to_string(), p).unwrap();
    let e = gaizao::estimate::estimate_with(p, &scenario, gaizao::Langs::Both).unwrap();
    let out = common::to_value(&e);
    assert_eq!(out["lines"][0]["fundingRule"], "basic");
    assert_eq!(out["lines"][0]["borrowed"], "sichuan-panzhihua-2018");
    assert_eq!(
        out["lines"][1]["fundingRule"], "all",
        "a pipeline line is not a tier rule's"
    );
    let unset: Vec<&Value> = out["lines"][0]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["unset"] == json!(true))
        .collect();
    assert_eq!(unset.len(), 1);
    assert_eq!(unset[0]["party"], "propertyUnit");
    assert_eq!(unset[0]["amount"], "0.00");
    let total: Vec<&Value> = out["shares"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["party"] == "propertyUnit")
        .collect();
    assert_eq!(total[0]["amount"], "0.00");
    assert_eq!(total[0]["unset"], true);
    assert_eq!(out["total"], "10500.00");
    let notes = out["texts"]["en"]["notes"].to_string();
    assert!(
        notes.contains("ratio borrowed from 攀委办〔2018〕40号 六、资金筹集 (Panzhihua)"),
        "{notes}"
    );
    assert!(
        notes.contains("share not set by the document (shown as 0.00): enter it"),
        "{notes}"
    );
    let line_zh = out["lines"][0]["texts"]["zh"]["unset"].as_str().unwrap();
    assert_eq!(
        line_zh,
        "原产权单位：文件列明的出资方，份额文件未定，请填写"
    );
    // The person's own shares replace the rule's, named payers and all.
    let scenario = gaizao::Scenario::from_json(&json!({ "items": [ { "item": "roads", "amount": "10000" } ],
        "fundingOverrides": [ { "rule": "basic", "shares": [ { "party": "propertyUnit", "weight": "1" }, { "party": "residents", "weight": "1" } ] } ] }).to_string(), p).unwrap();
    let out = common::to_value(&gaizao::estimate::estimate(p, &scenario).unwrap());
    assert!(out["lines"][0]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["unset"] == false));
    assert_eq!(out["lines"][0]["shares"][0]["amount"], "5000.00");
}

#[test]
fn broken_shares_are_refused() {
    let bad = json!({ "id": "x", "label": text("x", "x"), "applies": {}, "basis": "assumption", "why": text("x", "x"), "source": SRC(),
        "shares": [ { "party": "propertyUnit", "unset": true }, { "party": "socialCapital", "unset": true, "weight": "1" }, { "party": "residents" } ] });
    let errors = load_errors(json!([]), json!([bad]));
    assert_problem(
        &errors,
        "funding[0].shares[1].weight",
        "cannot have a weight",
    );
    assert_problem(&errors, "funding[0].shares[2].weight", "\"unset\": true");
    let only_unset = json!({ "id": "x", "label": text("x", "x"), "applies": {}, "basis": "assumption", "why": text("x", "x"), "source": SRC(),
        "shares": [ { "party": "propertyUnit", "unset": true } ] });
    assert_problem(
        &load_errors(json!([]), json!([only_unset])),
        "funding[0].shares",
        "at least one party needs a weight",
    );
}

#[test]
fn estimates_carry_item_verdicts_and_the_standing() {
    let mut lift = rule(
        "lift-vote",
        "decisive",
        json!({ "vote": { "tally": "elevatorVote", "quorum": { "share": "2/3", "inclusive": true }, "majority": { "share": "3/4", "inclusive": true } } }),
    );
    lift["basis"] = json!("law");
    lift["appliesTo"] = json!({ "items": ["lift"] });
    let r = registry("issued", json!([lift]), json!([catch_all()]));
    let p = r.get("cap").unwrap();
    let scenario = gaizao::Scenario::from_json(&json!({ "asOf": "2026-12-01", "estate": { "elevatorVote": { "owners": { "total": 12, "voted": 8, "inFavour": 5 }, "area": { "total": "1200", "voted": "800", "inFavour": "500" } } },
        "items": [ { "item": "lift", "amount": "200000" } ] }).to_string(), p).unwrap();
    let out = common::to_value(
        &gaizao::estimate::estimate_with(p, &scenario, gaizao::Langs::En).unwrap(),
    );
    assert_eq!(out["items"][0]["verdict"], "ineligible");
    assert_eq!(out["consent"][0]["rule"], "lift-vote");
    let codes: Vec<&str> = out["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"noStatedValidity") && codes.contains(&"periodEnded"),
        "{codes:?}"
    );
}
