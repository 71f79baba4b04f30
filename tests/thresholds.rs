//! Every threshold exactly at, one step below and one step above, with the `gap` at each.
//!
//! Steps: one year, one owner, 0.01 m², 0.01 元. Figures are worked out by hand: 2/3 × 60 = 40,
//! 2/3 × 100.00 m² = 66.666… (so 66.67 passes and 66.66 is 0.01 short), 9/10 × 100 = 90,
//! 3/4 × 40 = 30, 30% × 100,000 = 30,000.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use gaizao::eligibility::{Finding, Gap, Outcome};
use gaizao::Registry;
use serde_json::{json, Value};
use Outcome::{Fail, Pass, Unknown};

/// The finding (any role) of `rule` for `estate` under `pack`.
fn finding_in<'r>(registry: &'r Registry, pack: &str, estate: &Value, rule: &str) -> Finding<'r> {
    common::finding_of(registry, pack, estate, rule)
}

fn finding(pack: &str, estate: &Value, rule: &str) -> Finding<'static> {
    finding_in(common::registry(), pack, estate, rule)
}

fn assert_outcome(case: &str, f: &Finding, want: Outcome) {
    assert_eq!(f.outcome, want, "case {case}: {}", common::en(f));
}

fn gap(f: &Finding) -> Gap {
    f.gap.clone().unwrap_or_default()
}

// ---- year built -------------------------------------------------------------------------

#[test]
fn suining_excludes_2000_itself() {
    // 遂宁 一（三）: 2000年前（不含）建成.
    for (year, want) in [(1999, Pass), (2000, Fail), (2001, Fail)] {
        let f = finding(
            "sichuan-suining-2020-draft",
            &json!({ "builtYear": year }),
            "scope-built-year",
        );
        assert_outcome(&format!("Suining built {year}"), &f, want);
    }
}

#[test]
fn packs_reading_yiqian_include_2000() {
    // 建成于2000年以前 / 2000 年以前建成 (read as 2000年底前), and the national priority warning.
    for pack in [
        "henan-puyang-2020",
        "sichuan-panzhihua-2018",
        "henan-kaifeng-2019",
        "national",
        "guizhou-nayong-2022",
    ] {
        for (year, want) in [(1999, Pass), (2000, Pass), (2001, Fail)] {
            let f = finding(pack, &json!({ "builtYear": year }), "scope-built-year");
            assert_outcome(&format!("{pack} built {year}"), &f, want);
        }
    }
}

#[test]
fn year_ranges_pass_only_when_every_building_passes() {
    let cases = [
        ("henan-puyang-2020", 1990, 2000, Pass),
        ("henan-puyang-2020", 1990, 2001, Unknown),
        ("henan-puyang-2020", 2001, 2003, Fail),
        ("sichuan-suining-2020-draft", 1990, 1999, Pass),
        ("sichuan-suining-2020-draft", 1990, 2000, Unknown),
        ("sichuan-suining-2020-draft", 2000, 2005, Fail),
    ];
    for (pack, from, to, want) in cases {
        let f = finding(
            pack,
            &json!({ "builtYears": { "from": from, "to": to } }),
            "scope-built-year",
        );
        assert_outcome(&format!("{pack} built {from}–{to}"), &f, want);
        if want == Unknown {
            assert_eq!(
                f.provide,
                vec!["builtYear"],
                "{pack} {from}–{to} must ask for the years"
            );
        }
    }
}

// ---- owners' consent: 2/3 of all owners and of all area, in each stage (遂宁 三（二）（四）) ------

/// The written consent to apply (三（二）); the plan vote (三（四）) is the same test on its own
/// tally, checked to agree.
fn suining_consent(owners_in_favour: u64, area_in_favour: &str) -> Finding<'static> {
    let tally = json!({
        "owners": { "total": 60, "inFavour": owners_in_favour },
        "area": { "total": "100.00", "inFavour": area_in_favour }
    });
    let application = finding(
        "sichuan-suining-2020-draft",
        &json!({ "applicationConsent": tally }),
        "application-consent",
    );
    let vote = finding(
        "sichuan-suining-2020-draft",
        &json!({ "planVote": tally }),
        "plan-vote",
    );
    assert_eq!(
        (vote.outcome, &vote.gap),
        (application.outcome, &application.gap),
        "both stages judge alike"
    );
    application
}

#[test]
fn two_thirds_of_sixty_owners() {
    // (in favour, outcome, owners still needed)
    for (n, want, more) in [
        (39, Fail, 1),
        (40, Pass, 0),
        (41, Pass, 0),
        (0, Fail, 40),
        (60, Pass, 0),
    ] {
        let f = suining_consent(n, "80");
        assert_outcome(&format!("{n} of 60 owners"), &f, want);
        assert_eq!(gap(&f).owners, Some(more), "{n} of 60 owners: gap");
    }
}

#[test]
fn two_thirds_of_one_hundred_square_metres() {
    // 2/3 × 100.00 = 66.666…: 66.66 is short by 0.00666… → 0.01 (rounded up); 66.00 by 0.67.
    for (a, want, more) in [
        ("66.66", Fail, "0.01"),
        ("66.67", Pass, "0"),
        ("66.68", Pass, "0"),
        ("66.00", Fail, "0.67"),
        ("0", Fail, "66.67"),
    ] {
        let f = suining_consent(50, a);
        assert_outcome(&format!("{a} of 100.00 m²"), &f, want);
        assert_eq!(
            common::num(gap(&f).area).as_deref(),
            Some(more),
            "{a} of 100.00 m²: gap"
        );
    }
}

#[test]
fn consent_needs_both_owners_and_area() {
    let f = suining_consent(40, "66.66");
    assert_outcome("40 owners but 66.66 m²", &f, Fail);
    assert_eq!(
        gap(&f),
        Gap {
            owners: Some(0),
            area: common::n("0.01"),
            ..Gap::default()
        }
    );
    let f = suining_consent(39, "66.67");
    assert_outcome("39 owners but 66.67 m²", &f, Fail);
    assert_eq!(
        gap(&f),
        Gap {
            owners: Some(1),
            area: common::n("0"),
            ..Gap::default()
        }
    );
}

#[test]
fn exact_two_thirds_of_an_area_with_cents() {
    // 2/3 × 3.00 = 2.00 exactly: 2 passes, 1.99 is 0.01 short.
    for (a, want, more) in [
        ("1.99", Fail, "0.01"),
        ("2", Pass, "0"),
        ("2.01", Pass, "0"),
    ] {
        let estate = json!({ "applicationConsent": { "owners": { "total": 3, "inFavour": 3 }, "area": { "total": "3.00", "inFavour": a } } });
        let f = finding("sichuan-suining-2020-draft", &estate, "application-consent");
        assert_outcome(&format!("{a} of 3.00 m²"), &f, want);
        assert_eq!(common::num(gap(&f).area).as_deref(), Some(more));
    }
}

// ---- Panzhihua: 居民支持率不低于 90%, counted by household (a labelled reading) ----------------------

#[test]
fn ninety_percent_support() {
    let cases = [
        (100, 89, Fail, 1),
        (100, 90, Pass, 0),
        (100, 91, Pass, 0),
        (10, 8, Fail, 1),
        (10, 9, Pass, 0),
        (10, 10, Pass, 0),
        (7, 6, Fail, 1),
        (7, 7, Pass, 0),
    ];
    for (total, n, want, more) in cases {
        let f = finding(
            "sichuan-panzhihua-2018",
            &json!({ "residentSupport": { "total": total, "inFavour": n } }),
            "resident-support",
        );
        assert_outcome(&format!("{n} of {total}"), &f, want);
        assert_eq!(
            gap(&f),
            Gap {
                households: Some(more),
                ..Gap::default()
            },
            "{n} of {total}: gap"
        );
    }
}

// ---- 民法典 第二百七十八条: quorum 2/3 of owners and area, then 3/4 of those taking part ----------

fn vote(owners: (u64, u64, u64), area: (&str, &str, &str)) -> Finding<'static> {
    let estate = json!({
        "owners": { "total": owners.0, "voted": owners.1, "inFavour": owners.2 },
        "ownerArea": { "total": area.0, "voted": area.1, "inFavour": area.2 }
    });
    finding("national", &estate, "civil-code-vote")
}

#[test]
fn quorum_two_thirds_of_owners() {
    for (voted, want, more) in [(39, Fail, 1), (40, Pass, 0), (41, Pass, 0)] {
        let f = vote((60, voted, voted), ("100.00", "100.00", "100.00"));
        assert_outcome(&format!("{voted} of 60 take part"), &f, want);
        assert_eq!(
            gap(&f).participating_owners,
            Some(more),
            "{voted} of 60 take part: gap"
        );
        assert_eq!(gap(&f).owners, Some(0), "all who take part agree");
    }
}

#[test]
fn quorum_two_thirds_of_area() {
    for (voted, want, more) in [
        ("66.66", Fail, "0.01"),
        ("66.67", Pass, "0"),
        ("66.68", Pass, "0"),
    ] {
        let f = vote((60, 60, 60), ("100.00", voted, voted));
        assert_outcome(&format!("{voted} of 100.00 m² take part"), &f, want);
        assert_eq!(
            common::num(gap(&f).participating_area).as_deref(),
            Some(more),
            "{voted} m² take part: gap"
        );
    }
}

#[test]
fn majority_three_quarters_of_participating_owners() {
    for (yes, want, more) in [(29, Fail, 1), (30, Pass, 0), (31, Pass, 0)] {
        let f = vote((60, 40, yes), ("100.00", "100.00", "100.00"));
        assert_outcome(&format!("{yes} of 40 voting owners agree"), &f, want);
        assert_eq!(gap(&f).owners, Some(more), "{yes} of 40: gap");
        assert_eq!(gap(&f).participating_owners, Some(0));
    }
}

#[test]
fn majority_three_quarters_of_participating_area() {
    for (yes, want, more) in [
        ("59.99", Fail, "0.01"),
        ("60.00", Pass, "0"),
        ("60.01", Pass, "0"),
    ] {
        let f = vote((60, 60, 60), ("100.00", "80.00", yes));
        assert_outcome(&format!("{yes} of 80.00 voting m² agree"), &f, want);
        assert_eq!(
            common::num(gap(&f).area).as_deref(),
            Some(more),
            "{yes} of 80.00 m²: gap"
        );
    }
}

#[test]
fn every_part_of_the_vote_reports_its_gap() {
    // 30 of 60 take part (10 short), 20 of them agree (3/4 × 30 = 22.5 → 23: 3 short);
    // 60 of 100 m² take part (66.666… → 6.67 short), 40 of 60 agree (45: 5 short).
    let f = vote((60, 30, 20), ("100", "60", "40"));
    assert_outcome("everything short", &f, Fail);
    assert_eq!(
        gap(&f),
        Gap {
            owners: Some(3),
            area: common::n("5"),
            participating_owners: Some(10),
            participating_area: common::n("6.67"),
            ..Gap::default()
        }
    );
    assert!(f.provide.is_empty(), "a failed vote asks for nothing more");
}

/// "过半数" (more than half, 民法典 第二百七十八条 for other matters) does not include one half.
#[test]
fn more_than_half_excludes_exactly_half() {
    // The national Civil Code rule with its majority turned into "more than half".
    let national = common::read_json("policies/national.json");
    let mut test = national["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "civil-code-vote")
        .unwrap()["test"]
        .clone();
    assert!(
        common::replace_key(
            &mut test,
            "majority",
            json!({ "share": "1/2", "inclusive": false })
        ),
        "the vote rule has a majority"
    );
    let mut registry = Registry::default();
    let text = common::minimal_pack(
        "half",
        json!([common::rule("simple-majority", test)]),
        json!([common::catch_all("all", "residents")]),
    );
    common::load(&mut registry, "half.json", &text).unwrap_or_else(|e| panic!("{e:?}"));
    for (yes, area, want, more_owners, more_area) in [
        (20, "50", Fail, 1, "0.01"),
        (21, "50.01", Pass, 0, "0"),
        (19, "49.99", Fail, 2, "0.02"),
    ] {
        let estate = json!({
            "owners": { "total": 40, "voted": 40, "inFavour": yes },
            "ownerArea": { "total": "100", "voted": "100", "inFavour": area }
        });
        let f = finding_in(&registry, "half", &estate, "simple-majority");
        assert_outcome(&format!("{yes} of 40 and {area} of 100 m²"), &f, want);
        assert_eq!(gap(&f).owners, Some(more_owners), "{yes} of 40: gap");
        assert_eq!(
            common::num(gap(&f).area).as_deref(),
            Some(more_area),
            "{area} m²: gap"
        );
    }
}

// ---- Puyang: maintenance fund balance not below 30% of the first collection ---------------------

fn fund(initial: &str, balance: &str) -> Finding<'static> {
    let estate = json!({ "maintenanceFund": { "initial": initial, "balance": balance } });
    finding("henan-puyang-2020", &estate, "maintenance-fund")
}

#[test]
fn maintenance_fund_thirty_percent() {
    // 30% × 100000 = 30000; 30% × 12345.67 = 3703.701, so 3703.70 is 0.001 short → 0.01 to add.
    let cases = [
        ("100000", "29999.99", Fail, Some("0.01")),
        ("100000", "30000", Pass, None),
        ("100000", "30000.01", Pass, None),
        ("100000", "0", Fail, Some("30000")),
        ("12345.67", "3703.70", Fail, Some("0.01")),
        ("12345.67", "3703.71", Pass, None),
        ("12345.67", "20000", Pass, None),
    ];
    for (initial, balance, want, more) in cases {
        let f = fund(initial, balance);
        assert_outcome(&format!("{balance} of {initial}"), &f, want);
        assert_eq!(
            common::num(gap(&f).fund).as_deref(),
            more,
            "{balance} of {initial}: gap"
        );
    }
}

#[test]
fn maintenance_fund_never_set_up_or_not_known() {
    assert_outcome("no fund", &fund("0", "0"), Fail);
    let f = finding(
        "henan-puyang-2020",
        &json!({ "maintenanceFund": { "initial": "1000" } }),
        "maintenance-fund",
    );
    assert_outcome("balance unknown", &f, Unknown);
    assert_eq!(f.provide, vec!["maintenanceFund.balance"]);
}

/// Thresholds are exact fractions: a share that decimals cannot hold exactly (2/3 of 3 owners).
#[test]
fn thresholds_are_exact_for_small_totals() {
    for (total, yes, want, more) in [
        (3, 1, Fail, 1),
        (3, 2, Pass, 0),
        (1, 0, Fail, 1),
        (1, 1, Pass, 0),
    ] {
        let estate = json!({ "planVote": { "owners": { "total": total, "inFavour": yes }, "area": { "total": "1", "inFavour": "1" } } });
        let f = finding("sichuan-suining-2020-draft", &estate, "plan-vote");
        assert_outcome(&format!("{yes} of {total}"), &f, want);
        assert_eq!(gap(&f).owners, Some(more));
    }
}

// ---- 民法典 第二百七十八条 as law, for adding an elevator (item-scoped) ---------------------------

/// The elevator vote of the building served: 2/3 of 12 owners (8) and of 1200 m² (800) take
/// part; 3/4 of those (6 of 8, 600 of 800 m²) agree. At, one below and one above each.
#[test]
fn elevator_vote_at_below_and_above() {
    let run = |voted: (u64, &str), yes: (u64, &str)| {
        let input = json!({
            "locationType": "city", "builtYear": 1995, "facilitiesDeficient": true, "residentWillingness": "strong",
            "elevatorVote": { "owners": { "total": 12, "voted": voted.0, "inFavour": yes.0 }, "area": { "total": "1200", "voted": voted.1, "inFavour": yes.1 } },
            "items": [ { "item": "add-elevator" } ]
        });
        let e = common::check("national", &input).unwrap();
        assert_eq!(
            e.verdict,
            gaizao::eligibility::Verdict::Eligible,
            "the compound is not decided by the elevator"
        );
        let f = e
            .findings
            .iter()
            .find(|f| f.rule == "civil-code-vote-elevator")
            .unwrap()
            .clone();
        (e.items[0].verdict, gap(&f))
    };
    use gaizao::eligibility::Verdict::{Eligible, Ineligible};
    let cases = [
        ((8, "800"), (6, "600"), Eligible, (0, "0", 0, "0")),
        ((8, "800"), (5, "599.99"), Ineligible, (1, "0.01", 0, "0")),
        ((8, "800"), (7, "600.01"), Eligible, (0, "0", 0, "0")),
        ((7, "799.99"), (6, "600"), Ineligible, (0, "0", 1, "0.01")),
        ((9, "800.01"), (7, "700"), Eligible, (0, "0", 0, "0")),
    ];
    for (voted, yes, want, (owners, area, p_owners, p_area)) in cases {
        let (v, g) = run(voted, yes);
        assert_eq!(v, want, "{voted:?} voted, {yes:?} in favour");
        assert_eq!(g.owners, Some(owners), "{voted:?} {yes:?}: owners");
        assert_eq!(
            common::num(g.area).as_deref(),
            Some(area),
            "{voted:?} {yes:?}: area"
        );
        assert_eq!(
            g.participating_owners,
            Some(p_owners),
            "{voted:?} {yes:?}: participating owners"
        );
        assert_eq!(
            common::num(g.participating_area).as_deref(),
            Some(p_area),
            "{voted:?} {yes:?}: participating area"
        );
    }
}

// ---- 「以居民自建住房为主」: more than half of the households (a labelled reading) --------------------

/// Exactly half is not "mainly"; one more household is. Gaps count the households to move.
#[test]
fn mainly_self_built_is_more_than_half() {
    for pack in [
        "henan-puyang-2020",
        "henan-kaifeng-2019",
        "sichuan-suining-2020-draft",
    ] {
        for (n, want, moved) in [(49, Pass, "0"), (50, Pass, "0"), (51, Fail, "1")] {
            let f = finding(
                pack,
                &json!({ "housingType": "mixed", "households": 100, "selfBuiltHouseholds": n }),
                "not-self-built",
            );
            assert_outcome(&format!("{pack}: {n} of 100 self-built"), &f, want);
            assert_eq!(
                common::num(gap(&f).part).as_deref(),
                Some(moved),
                "{pack}: {n} of 100"
            );
            assert_eq!(
                f.basis,
                gaizao::policy::model::Basis::Reading,
                "{pack}: the reading is labelled"
            );
        }
        // 3 of 7 and 4 of 7 around one half, which no whole count reaches.
        for (n, want) in [(3, Pass), (4, Fail)] {
            let f = finding(
                pack,
                &json!({ "households": 7, "selfBuiltHouseholds": n }),
                "not-self-built",
            );
            assert_outcome(&format!("{pack}: {n} of 7"), &f, want);
        }
    }
}

// ---- Kaifeng 五: 力争绿地率不低于 25% (a warning on decimals) ---------------------------------------

#[test]
fn green_ratio_a_quarter_of_the_site() {
    // 1/4 × 10000 = 2500 m²; 1/4 × 333.33 = 83.3325, so 83.33 is 0.0025 short → 0.01 to add.
    for (green, site, want, more) in [
        ("2499.99", "10000", Fail, "0.01"),
        ("2500", "10000", Pass, "0"),
        ("2500.01", "10000", Pass, "0"),
        ("83.33", "333.33", Fail, "0.01"),
        ("83.34", "333.33", Pass, "0"),
    ] {
        let f = finding(
            "henan-kaifeng-2019",
            &json!({ "greenAreaAfter": green, "siteArea": site }),
            "green-ratio",
        );
        assert_outcome(&format!("{green} of {site} m²"), &f, want);
        assert_eq!(
            common::num(gap(&f).part).as_deref(),
            Some(more),
            "{green} of {site}: gap"
        );
    }
    let f = finding(
        "henan-kaifeng-2019",
        &json!({ "greenAreaAfter": "0", "siteArea": "0" }),
        "green-ratio",
    );
    assert_outcome("no site area", &f, Unknown);
}

// ---- Panzhihua 四 「主要指…非商品房小区」: more than half of the households --------------------------

#[test]
fn mainly_non_commodity_is_more_than_half() {
    for (n, want, more) in [(49, Fail, "2"), (50, Fail, "1"), (51, Pass, "0")] {
        let f = finding(
            "sichuan-panzhihua-2018",
            &json!({ "housingType": "mixed", "households": 100, "nonCommodityHouseholds": n }),
            "non-commodity-housing",
        );
        assert_outcome(&format!("{n} of 100 non-commodity"), &f, want);
        assert_eq!(
            common::num(gap(&f).part).as_deref(),
            Some(more),
            "{n} of 100: households to add"
        );
    }
}

/// The draft's formula (2/3 of all owners and area agree) against 民法典 278 (2/3 take part, 3/4 of
/// them agree, advice): 67 of 100 vote and 51 agree passes the law but not the draft; 70 of 100
/// all voting passes the draft but not the law (75 needed).
#[test]
fn suining_formula_and_the_civil_code_disagree_both_ways() {
    let check = |voted: u64, yes: u64| {
        let input = json!({ "planVote": {
            "owners": { "total": 100, "voted": voted, "inFavour": yes },
            "area": { "total": "10000", "voted": (voted * 100).to_string(), "inFavour": (yes * 100).to_string() } } });
        let vote = finding("sichuan-suining-2020-draft", &input, "plan-vote");
        let law = finding("sichuan-suining-2020-draft", &input, "civil-code-vote");
        assert_eq!(law.role, gaizao::eligibility::FindingRole::Advisory);
        (vote.outcome, gap(&vote), law.outcome, gap(&law))
    };
    let (v, vg, l, _) = check(67, 51);
    assert_eq!((v, l), (Fail, Pass));
    assert_eq!(
        (vg.owners, common::num(vg.area).as_deref()),
        (Some(16), Some("1566.67"))
    );
    let (v, _, l, lg) = check(100, 70);
    assert_eq!((v, l), (Pass, Fail));
    assert_eq!(
        (lg.owners, common::num(lg.area).as_deref()),
        (Some(5), Some("500"))
    );
    for (yes, want) in [(66, Fail), (67, Pass), (68, Pass)] {
        assert_eq!(
            check(100, yes).0,
            want,
            "{yes} of 100 (2/3 × 100 = 66.67: 67 needed)"
        );
    }
}
