//! The policy packs themselves: invariants every pack must keep, what each pack encodes from its
//! document (checked against lists written by hand from /work/shared/policy-notes.md and the
//! seeds), and the errors a broken pack gives (file, field path, problem).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;

use gaizao::fraction::Fraction;
use gaizao::policy::model::{Basis, DocumentStatus, Pipeline, Role};
use gaizao::policy::{PartyRef, ResolvedPack};
use gaizao::{Error, Registry};
use serde_json::{json, Value};

fn packs() -> impl Iterator<Item = &'static ResolvedPack> {
    common::registry().packs()
}

fn assert_unique<'a>(pack: &str, what: &str, ids: impl IntoIterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for id in ids {
        assert!(seen.insert(id), "{pack}: {what} id {id:?} is used twice");
    }
}

#[test]
fn builtin_packs_load_in_order_with_their_status() {
    let summaries = common::registry().summaries();
    let ids: Vec<&str> = summaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, common::PACK_IDS);
    for s in &summaries {
        let want = match s.id.as_str() {
            "national" => DocumentStatus::National,
            "sichuan-suining-2020-draft" => DocumentStatus::DraftForComment,
            "henan-puyang-2020" | "henan-kaifeng-2019" | "sichuan-panzhihua-2018" => {
                DocumentStatus::Issued
            }
            _ => DocumentStatus::InForce,
        };
        assert_eq!(s.status, want, "{}: document status", s.id);
        assert_eq!(
            s.base.as_deref(),
            if s.id == "national" {
                None
            } else {
                Some("national")
            },
            "{}: base",
            s.id
        );
        assert!(s.built_in, "{}", s.id);
        assert!(
            s.content_hash.len() == 64 && s.content_hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{}: hash",
            s.id
        );
    }
}

#[test]
fn ids_are_unique_within_each_pack() {
    for p in packs() {
        let id = p.id();
        assert_unique(id, "rule", p.rules.iter().map(|r| r.spec.id.as_str()));
        assert_unique(id, "category", p.menu.iter().map(|c| c.id.as_str()));
        assert_unique(
            id,
            "item",
            p.menu
                .iter()
                .flat_map(|c| c.items.iter().map(|i| i.id.as_str())),
        );
        assert_unique(
            id,
            "funding rule",
            p.funding.iter().map(|f| f.spec.id.as_str()),
        );
        assert_unique(id, "benchmark", p.benchmarks.iter().map(|b| b.id.as_str()));
    }
}

#[test]
fn everything_cites_a_document_and_a_clause() {
    for p in packs() {
        let mut sources = Vec::new();
        sources.extend(
            p.rules
                .iter()
                .map(|r| (format!("rule {}", r.spec.id), &r.spec.source)),
        );
        sources.extend(
            p.menu
                .iter()
                .map(|c| (format!("category {}", c.id), &c.source)),
        );
        sources.extend(p.menu.iter().flat_map(|c| {
            c.items
                .iter()
                .map(|i| (format!("item {}", i.id), &i.source))
        }));
        sources.extend(
            p.funding
                .iter()
                .map(|f| (format!("funding rule {}", f.spec.id), &f.spec.source)),
        );
        sources.extend(
            p.benchmarks
                .iter()
                .map(|b| (format!("benchmark {}", b.id), &b.source)),
        );
        sources.extend(
            p.notes
                .iter()
                .enumerate()
                .map(|(i, n)| (format!("note {i}"), &n.source)),
        );
        for (what, s) in sources {
            assert!(
                !s.document.trim().is_empty(),
                "{}: {what} has no source document",
                p.id()
            );
            assert!(
                !s.clause.trim().is_empty(),
                "{}: {what} has no source clause",
                p.id()
            );
        }
    }
}

#[test]
fn funding_shares_normalise_to_exactly_one() {
    for p in packs() {
        for f in &p.funding {
            let weights: Vec<Fraction> = f
                .spec
                .shares
                .iter()
                .filter(|s| !s.unset)
                .map(|s| {
                    Fraction::parse(s.weight.as_deref().unwrap_or("")).unwrap_or_else(|| {
                        panic!("{}/{}: weight {:?}", p.id(), f.spec.id, s.weight)
                    })
                })
                .collect();
            let total = weights
                .iter()
                .try_fold(Fraction::ZERO, |a, w| a.checked_add(*w))
                .unwrap();
            assert!(
                !total.is_zero(),
                "{}/{}: weights add up to zero",
                p.id(),
                f.spec.id
            );
            let sum = weights
                .iter()
                .map(|w| w.checked_div(total).unwrap())
                .try_fold(Fraction::ZERO, |a, w| a.checked_add(w))
                .unwrap();
            assert_eq!(
                sum,
                Fraction::ONE,
                "{}/{}: normalised shares",
                p.id(),
                f.spec.id
            );
            let compiled: Vec<Fraction> = f.shares.iter().map(|(_, w)| *w).collect();
            assert_eq!(
                compiled,
                weights,
                "{}/{}: compiled weights",
                p.id(),
                f.spec.id
            );
        }
    }
}

/// The normalised shares of the rules whose figures come from a document (or are borrowed from one).
#[test]
fn documented_ratios() {
    let f = |n, d| Fraction::new(n, d).unwrap();
    let cases: [(&str, &str, Vec<Fraction>); 7] = [
        // 攀委办〔2018〕40号 六: 5 : 4 : 1; 80% / 20%; residents 100%.
        (
            "sichuan-panzhihua-2018",
            "general-5-4-1",
            vec![f(1, 2), f(2, 5), f(1, 10)],
        ),
        (
            "sichuan-panzhihua-2018",
            "meter-front-80-20",
            vec![f(4, 5), f(1, 5)],
        ),
        (
            "sichuan-panzhihua-2018",
            "meter-back-residents",
            vec![f(1, 1)],
        ),
        (
            "sichuan-panzhihua-2018",
            "gas-city-company-area",
            vec![f(1, 2), f(2, 5), f(1, 10)],
        ),
        // Borrowed 5 : 4 : 1 and (5 + 4) : 1.
        ("national", "general", vec![f(1, 2), f(2, 5), f(1, 10)]),
        (
            "henan-puyang-2020",
            "general-split",
            vec![f(1, 2), f(2, 5), f(1, 10)],
        ),
        (
            "guizhou-nayong-2022",
            "shared-parts",
            vec![f(9, 10), f(1, 10)],
        ),
    ];
    for (pack, rule, want) in cases {
        let r = common::pack(pack)
            .funding
            .iter()
            .find(|r| r.spec.id == rule)
            .unwrap();
        let total = r
            .shares
            .iter()
            .fold(Fraction::ZERO, |a, (_, w)| a.checked_add(*w).unwrap());
        let got: Vec<Fraction> = r
            .shares
            .iter()
            .map(|(_, w)| w.checked_div(total).unwrap())
            .collect();
        assert_eq!(got, want, "{pack}/{rule}");
    }
    let front = common::pack("sichuan-panzhihua-2018")
        .funding
        .iter()
        .find(|r| r.spec.id == "meter-front-80-20")
        .unwrap();
    assert_eq!(
        front.shares[0].0,
        PartyRef::PipelineUtility,
        "80% goes to the line's own utility"
    );
    assert_eq!(
        front.shares[1].0,
        PartyRef::Fixed(gaizao::party::Party::County)
    );
}

#[test]
fn referenced_categories_and_items_exist() {
    for p in packs() {
        let cats: BTreeSet<&str> = p.menu.iter().map(|c| c.id.as_str()).collect();
        let items: BTreeSet<&str> = p
            .menu
            .iter()
            .flat_map(|c| c.items.iter().map(|i| i.id.as_str()))
            .collect();
        for f in &p.funding {
            for c in f.spec.applies.categories.iter().flatten() {
                assert!(
                    cats.contains(c.as_str()),
                    "{}/{}: no category {c}",
                    p.id(),
                    f.spec.id
                );
            }
            for i in f.spec.applies.items.iter().flatten() {
                assert!(
                    items.contains(i.as_str()),
                    "{}/{}: no item {i}",
                    p.id(),
                    f.spec.id
                );
            }
        }
    }
}

#[test]
fn every_pack_ends_with_a_catch_all() {
    for p in packs() {
        assert!(
            p.funding.iter().any(|f| f.is_catch_all()),
            "{}: no catch-all funding rule",
            p.id()
        );
        assert!(
            p.funding.last().unwrap().is_catch_all(),
            "{}: the last rule tried must catch everything",
            p.id()
        );
    }
}

/// Which funding rules are policy and which are labelled assumptions (with a reason).
#[test]
fn funding_bases_are_as_documented() {
    use Basis::{Assumption, Policy};
    let own: [(&str, &[(&str, Basis)]); 6] = [
        (
            "national",
            &[
                ("pipelines-after-meter", Assumption),
                ("pipelines-before-meter", Assumption),
                ("elevator", Assumption),
                ("general-basic", Assumption),
                ("general-improvement", Assumption),
                ("general-upgrade", Assumption),
                ("general", Assumption),
            ],
        ),
        (
            "guizhou-nayong-2022",
            &[
                ("utility-lines", Policy),
                ("poles-lines-utilities", Assumption),
                ("elevator", Assumption),
                ("building-body", Assumption),
                ("shared-parts", Assumption),
            ],
        ),
        (
            "henan-puyang-2020",
            &[
                ("after-meter-household", Policy),
                ("utility-before-meter", Assumption),
                ("general-split", Assumption),
            ],
        ),
        (
            "sichuan-panzhihua-2018",
            &[
                ("gas-city-company-area", Assumption),
                ("meter-front-80-20", Policy),
                ("meter-back-residents", Policy),
                ("public-services", Policy),
                ("general-5-4-1", Policy),
            ],
        ),
        (
            "henan-kaifeng-2019",
            &[
                ("utility-before-meter", Assumption),
                ("utility-cable-tidying", Assumption),
                ("elevator", Assumption),
                ("general-basic", Assumption),
                ("general-improvement", Assumption),
                ("general", Assumption),
            ],
        ),
        (
            "sichuan-suining-2020-draft",
            &[
                ("utility-before-meter", Assumption),
                ("general-basic", Assumption),
                ("general-improvement", Assumption),
                ("general-upgrade", Assumption),
                ("general", Assumption),
            ],
        ),
    ];
    for (pack, rules) in own {
        let p = common::pack(pack);
        let mine: Vec<(&str, Basis)> = p
            .pack
            .funding
            .iter()
            .map(|r| (r.id.as_str(), r.basis))
            .collect();
        assert_eq!(
            mine,
            rules.to_vec(),
            "{pack}: its own funding rules and their basis"
        );
        for r in &p.funding {
            assert!(
                !r.spec.why.zh.trim().is_empty() && !r.spec.why.en.trim().is_empty(),
                "{pack}/{}: no why",
                r.spec.id
            );
        }
    }
    for r in common::pack("sichuan-panzhihua-2018")
        .funding
        .iter()
        .filter(|r| r.spec.basis == Policy)
    {
        assert_eq!(
            r.spec.source.document, "攀委办〔2018〕40号",
            "{}",
            r.spec.id
        );
        assert_eq!(r.spec.source.clause, "六、资金筹集", "{}", r.spec.id);
        assert!(
            r.spec.why.zh.starts_with('六'),
            "{}: the why quotes 六",
            r.spec.id
        );
    }
}

/// One pack's rules by role, in order, and the rules that carry an assumption (advisory only)
/// or a labelled reading.
struct RuleList {
    pack: &'static str,
    decisive: Vec<&'static str>,
    advisory: Vec<&'static str>,
    warnings: Vec<&'static str>,
    assumed: Vec<&'static str>,
    read: Vec<&'static str>,
}

/// The rules of each pack, by role and in order, as read from the documents.
#[test]
fn eligibility_rules_of_each_pack() {
    let v = |xs: &[&'static str]| xs.to_vec();
    let national = [
        "scope-location",
        "facilities-deficient",
        "willingness",
        "civil-code-vote-elevator",
    ];
    let henan = [
        "scope-location",
        "scope-built-year",
        "facilities-deficient",
        "willingness",
        "civil-code-vote-elevator",
        "structurally-safe",
        "demolition-not-planned",
        "not-self-built",
        "not-urban-village",
    ];
    let kaifeng: Vec<&str> = henan
        .iter()
        .copied()
        .chain(["not-three-supplies"])
        .collect();
    let cases = [
        RuleList {
            pack: "national",
            decisive: v(&national),
            advisory: v(&["civil-code-vote"]),
            warnings: v(&["scope-built-year"]),
            assumed: v(&["civil-code-vote"]),
            read: v(&["civil-code-vote-elevator"]),
        },
        RuleList {
            pack: "guizhou-nayong-2022",
            decisive: v(&[
                "scope-location",
                "facilities-deficient",
                "willingness",
                "civil-code-vote-elevator",
                "target-list",
                "elevator-conditions",
            ]),
            advisory: v(&["civil-code-vote"]),
            warnings: v(&[
                "scope-built-year",
                "public-income-consent",
                "document-status",
            ]),
            assumed: v(&["civil-code-vote"]),
            read: v(&["willingness", "civil-code-vote-elevator", "target-list"]),
        },
        RuleList {
            pack: "henan-puyang-2020",
            decisive: v(&henan),
            advisory: v(&["civil-code-vote"]),
            warnings: v(&[
                "maintenance-fund",
                "long-term-management",
                "plan-consultation",
                "plan-contents",
                "document-status",
            ]),
            assumed: v(&["civil-code-vote"]),
            read: v(&[
                "scope-built-year",
                "civil-code-vote-elevator",
                "not-self-built",
            ]),
        },
        RuleList {
            pack: "sichuan-panzhihua-2018",
            decisive: v(&[
                "scope-built-year",
                "facilities-deficient",
                "non-commodity-housing",
                "not-for-demolition",
                "resident-support",
            ]),
            advisory: v(&["civil-code-vote"]),
            warnings: v(&[
                "application",
                "plan-contents",
                "plan-confirmed",
                "self-governance",
                "maintenance-fund-set-up",
                "plan-list",
                "document-status",
            ]),
            assumed: v(&["civil-code-vote"]),
            read: v(&[
                "scope-built-year",
                "non-commodity-housing",
                "not-for-demolition",
                "resident-support",
            ]),
        },
        RuleList {
            pack: "henan-kaifeng-2019",
            decisive: kaifeng,
            advisory: v(&["civil-code-vote"]),
            warnings: v(&[
                "plan-publicity",
                "long-term-management",
                "green-ratio",
                "document-status",
            ]),
            assumed: v(&["civil-code-vote"]),
            read: v(&[
                "scope-built-year",
                "civil-code-vote-elevator",
                "not-self-built",
                "green-ratio",
            ]),
        },
        RuleList {
            pack: "sichuan-suining-2020-draft",
            decisive: v(&[
                "scope-location",
                "scope-built-year",
                "facilities-deficient",
                "civil-code-vote-elevator",
                "demolition-not-planned",
                "not-self-built",
                "self-governance",
                "long-term-management",
                "application-consent",
                "application-in-writing",
                "plan-vote",
            ]),
            advisory: v(&["civil-code-vote"]),
            warnings: v(&[
                "willingness",
                "plan-vote-publicised",
                "plan-consultation",
                "autonomy-convention",
                "no-structural-change",
                "management-rules",
                "maintenance-fund-set-up",
                "document-status",
            ]),
            assumed: v(&["civil-code-vote"]),
            read: v(&["civil-code-vote-elevator", "not-self-built"]),
        },
    ];
    for c in cases {
        let p = common::pack(c.pack);
        let pack = c.pack;
        let of = |role: Role| -> Vec<&str> {
            p.rules
                .iter()
                .filter(|r| r.spec.role == role)
                .map(|r| r.spec.id.as_str())
                .collect()
        };
        assert_eq!(of(Role::Decisive), c.decisive, "{pack}: decisive rules");
        assert_eq!(of(Role::Advisory), c.advisory, "{pack}: advisory rules");
        assert_eq!(of(Role::Warning), c.warnings, "{pack}: warnings");
        let with = |f: &dyn Fn(&gaizao::policy::CompiledRule) -> bool| -> BTreeSet<&str> {
            p.rules
                .iter()
                .filter(|r| f(r))
                .map(|r| r.spec.id.as_str())
                .collect()
        };
        assert_eq!(
            with(&|r| r.spec.assumption.is_some()),
            c.assumed.into_iter().collect(),
            "{pack}: rules that carry an assumption"
        );
        assert_eq!(
            with(&|r| r.spec.reading.is_some()),
            c.read.into_iter().collect(),
            "{pack}: rules that carry a labelled reading"
        );
        for r in &p.rules {
            for t in [&r.spec.assumption, &r.spec.reading].into_iter().flatten() {
                assert!(
                    !t.zh.trim().is_empty() && !t.en.trim().is_empty(),
                    "{pack}/{}: empty text",
                    r.spec.id
                );
            }
            if r.spec.role == Role::Advisory {
                assert!(
                    r.spec.assumption.is_some(),
                    "{pack}/{}: advice says why",
                    r.spec.id
                );
            }
        }
    }
}

#[test]
fn suining_is_a_draft_everywhere() {
    let p = common::pack("sichuan-suining-2020-draft");
    assert_eq!(p.pack.document.status, DocumentStatus::DraftForComment);
    let result = gaizao::eligibility::check_with(
        p,
        &Default::default(),
        Default::default(),
        gaizao::Langs::Zh,
    );
    assert_eq!(result.status, DocumentStatus::DraftForComment);
    let note = result
        .texts
        .and_then(|t| t.zh)
        .and_then(|t| t.status_note)
        .expect("a draft note");
    assert!(note.contains("征求意见稿"), "{note}");
    let menu = gaizao::menu::menu(p);
    assert_eq!(menu.status, DocumentStatus::DraftForComment);
}

/// The metered networks on each menu, as the documents list them.
#[test]
fn pipelines_on_each_menu() {
    use Pipeline::*;
    let cases = [
        ("national", vec![Water, Power, Gas, Telecom, Heat]), // 国办发 二（二）1
        ("guizhou-nayong-2022", vec![Water, Power, Gas, Heat]), // 附件2 水电气热管线
        ("henan-puyang-2020", vec![Water, Power, Gas, Heat, Telecom]), // 二（二）1 供排水、供电、供气、供暖…通信网络
        ("sichuan-panzhihua-2018", vec![Water, Power, Gas, Telecom]), // 附件2 供水、供电、供气、弱电 (no heating)
        ("henan-kaifeng-2019", vec![Water, Power, Gas, Heat]), // 五 供水、排水、供电、供气、供热
        (
            "sichuan-suining-2020-draft",
            vec![Water, Power, Gas, Telecom],
        ), // 二（二）1
    ];
    for (pack, want) in cases {
        let got: BTreeSet<String> = common::pack(pack)
            .menu
            .iter()
            .flat_map(|c| &c.items)
            .filter_map(|i| i.pipeline)
            .map(|p| format!("{p:?}"))
            .collect();
        let want: BTreeSet<String> = want.iter().map(|p| format!("{p:?}")).collect();
        assert_eq!(got, want, "{pack}: pipelines on the menu");
    }
}

// ---- broken packs ---------------------------------------------------------------------------

/// Loads `value` as file `file`, with the national pack loaded first when `with_base`.
fn load(file: &str, text: &str, with_base: bool) -> Vec<Error> {
    let mut r = Registry::default();
    if with_base {
        common::load(
            &mut r,
            "policies/national.json",
            &common::pack_text("national"),
        )
        .unwrap();
    }
    match common::load(&mut r, file, text) {
        Ok(p) => panic!("{file} loaded as {} but is broken", p.id()),
        Err(e) => e,
    }
}

fn broken(id: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&common::pack_text(id)).unwrap();
    edit(&mut v);
    v.to_string()
}

/// Built-in pack `id`, edited, loaded as `file` beside the national base: refused, with a problem
/// about `field` whose English mentions `needle`.
fn assert_refused(id: &str, file: &str, field: &str, needle: &str, edit: impl FnOnce(&mut Value)) {
    assert_problem(&load(file, &broken(id, edit), true), file, field, needle);
}

/// One of `errors` is about `field` and its English problem mentions `needle`.
fn assert_problem(errors: &[Error], file: &str, field: &str, needle: &str) {
    for e in errors {
        assert_eq!(e.code(), "invalidPolicy", "{e}");
        let Error::InvalidPolicy { file: f, .. } = e else {
            unreachable!()
        };
        assert_eq!(f, file, "{e}");
        let shown = e.to_string();
        assert!(shown.contains(file), "the message names the file: {shown}");
        assert!(!e.message().zh.is_empty() && !e.message().en.is_empty());
    }
    let hit = errors.iter().find(|e| e.field() == Some(field));
    let Some(e) = hit else {
        let got: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        panic!("no problem reported at {field}; got {got:#?}");
    };
    assert!(
        e.message().en.contains(needle),
        "problem at {field} should mention {needle:?}: {}",
        e.message().en
    );
    assert!(
        e.to_string().contains(field),
        "the message names the field: {e}"
    );
}

#[test]
fn unknown_field_is_named() {
    let text = broken("national", |v| v["fundng"] = json!([]));
    assert_problem(
        &load("bad-unknown.json", &text, false),
        "bad-unknown.json",
        "fundng",
        "Unknown field",
    );
}

#[test]
fn unknown_nested_field_is_named_with_its_path() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-nested.json",
        "funding[1].applies.pipeline",
        "Unknown field",
        |v| v["funding"][1]["applies"]["pipeline"] = json!(["water"]),
    );
}

/// A misspelt key that is a valid key elsewhere in the file must still be found where it is.
#[test]

fn unknown_field_that_exists_elsewhere_is_named_where_it_is() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-elsewhere.json",
        "menu[0].items[0].pipelines",
        "Unknown field",
        |v| v["menu"][0]["items"][0]["pipelines"] = json!(["water"]),
    );
}

#[test]
fn share_with_zero_denominator() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-share.json",
        "funding[1].shares[0].weight",
        "\"2/0\"",
        |v| v["funding"][1]["shares"][0]["weight"] = json!("2/0"),
    );
}

#[test]
fn duplicate_item_id() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-dup.json",
        "menu[0].items[1].id",
        "used twice",
        |v| v["menu"][0]["items"][1]["id"] = json!("water-supply"),
    );
}

#[test]
fn duplicate_funding_rule_id() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-dup-rule.json",
        "funding[2].id",
        "used twice",
        |v| v["funding"][2]["id"] = json!("meter-front-80-20"),
    );
}

#[test]
fn unknown_party() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-party.json",
        "funding[3].shares[0].party",
        "unknown party \"mayor\"",
        |v| v["funding"][3]["shares"][0]["party"] = json!("mayor"),
    );
}

#[test]
fn pipeline_utility_outside_a_pipeline_rule() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-utility.json",
        "funding[3].shares[0].party",
        "pipelineUtility",
        |v| v["funding"][3]["shares"][0]["party"] = json!("pipelineUtility"),
    );
}

#[test]
fn missing_catch_all() {
    let text = broken("national", |v| {
        let funding = v["funding"].as_array_mut().unwrap();
        funding.retain(|r| r["id"] != "general");
    });
    assert_problem(
        &load("bad-catch-all.json", &text, false),
        "bad-catch-all.json",
        "funding",
        "catch-all",
    );
}

#[test]
fn malformed_json() {
    let text = common::pack_text("national");
    let cut = &text[..text.len() / 2];
    let errors = load("bad-syntax.json", cut, false);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_problem(&errors, "bad-syntax.json", "(file)", "line");
}

#[test]
fn unknown_category_in_a_funding_rule() {
    assert_refused(
        "guizhou-nayong-2022",
        "bad-category.json",
        "funding[3].applies.categories[0]",
        "no category \"roofs\"",
        |v| v["funding"][3]["applies"]["categories"][0] = json!("roofs"),
    );
}

#[test]
fn base_pack_not_loaded() {
    let text = common::pack_text("sichuan-panzhihua-2018");
    assert_problem(
        &load("alone.json", &text, false),
        "alone.json",
        "base",
        "national",
    );
}

#[test]
fn unknown_basis_value() {
    assert_refused(
        "henan-puyang-2020",
        "bad-basis.json",
        "funding[0].basis",
        "maybe",
        |v| v["funding"][0]["basis"] = json!("maybe"),
    );
}

#[test]
fn threshold_above_one() {
    // resident-support is eligibility[4]; its households threshold "9/10" becomes "3/2".
    let text = broken("sichuan-panzhihua-2018", |v| {
        assert!(common::replace_key(
            &mut v["eligibility"][4]["test"],
            "share",
            json!("3/2")
        ));
    });
    let errors = load("bad-threshold.json", &text, true);
    let field = errors
        .iter()
        .find_map(|e| e.field())
        .unwrap_or("")
        .to_string();
    assert!(
        field.starts_with("eligibility[4].test") && field.ends_with("households.share"),
        "field {field}"
    );
    assert_problem(&errors, "bad-threshold.json", &field, "\"3/2\"");
}

/// The reported path must be the path in the file (`test.support.households.share` since tests are
/// written `{"support": {...}}`).
#[test]

fn threshold_path_matches_the_file() {
    assert_refused(
        "sichuan-panzhihua-2018",
        "bad-threshold.json",
        "eligibility[4].test.support.households.share",
        "\"3/2\"",
        |v| {
            assert!(common::replace_key(
                &mut v["eligibility"][4]["test"],
                "share",
                json!("3/2")
            ));
        },
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let text = broken("sichuan-panzhihua-2018", |v| {
        v["menu"][0]["items"][1]["id"] = json!("water-supply");
        v["funding"][1]["shares"][0]["weight"] = json!("2/0");
        v["funding"][3]["shares"][0]["party"] = json!("mayor");
        v["id"] = json!("Bad_ID");
    });
    let errors = load("bad-many.json", &text, true);
    for (field, needle) in [
        ("menu[0].items[1].id", "used twice"),
        ("funding[1].shares[0].weight", "2/0"),
        ("funding[3].shares[0].party", "mayor"),
        ("id", "lowercase"),
    ] {
        assert_problem(&errors, "bad-many.json", field, needle);
    }
}

/// A borrowed ratio names a pack that is loaded, whose document is the one cited, and the rule is
/// an assumption (a ratio another city set is never this city's policy).
#[test]
fn borrowed_ratios_name_their_pack_and_document() {
    let mut seen = 0;
    for p in packs() {
        for f in &p.funding {
            let Some(b) = &f.spec.borrowed else { continue };
            seen += 1;
            let from = common::pack(&b.pack);
            assert_eq!(
                from.pack.document.number,
                b.source.document,
                "{}/{}",
                p.id(),
                f.spec.id
            );
            assert_eq!(f.spec.basis, Basis::Assumption, "{}/{}", p.id(), f.spec.id);
            let quote = b.source.quote.as_deref().unwrap_or_default();
            let cited = from
                .funding
                .iter()
                .any(|r| r.spec.source.quote.as_deref() == Some(quote));
            assert!(
                cited,
                "{}/{}: the quote is the lending pack's own clause",
                p.id(),
                f.spec.id
            );
        }
    }
    assert!(
        seen >= 10,
        "the borrowed 5 : 4 : 1 is marked wherever it is used ({seen})"
    );
}
