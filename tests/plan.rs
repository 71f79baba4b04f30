//! The planning engine (src/plan/assess.rs, audit.rs, totals.rs): annex 1 of 攀委办〔2018〕40号
//! assessed under the Panzhihua pack — totals overall, by year, by district and by district ×
//! year with the 5 : 4 : 1 split, exact to the fen, from a CSV, a GBK CSV and an xlsx with the
//! annex's title row and merged year cells; one audit case for each kind of entry, naming the
//! row, its line, its 序号 and the column; an item mix; benchmark-estimated rows labelled; the
//! JSON shape and the exports; and a property test that every split adds up.
#![cfg(all(feature = "sheets", not(target_arch = "wasm32")))]

#[path = "annex/mod.rs"]
mod annex;
mod common;

use annex::*;
use gaizao::eligibility::Verdict;
use gaizao::money::Fen;
use gaizao::party::Party;
use gaizao::plan::assess::MixItem;
use gaizao::plan::audit::AuditEntry;
use gaizao::plan::{
    self, assess, header::Target, AssessOptions, Assessment, AuditCode, Code, CostSource, Plan,
    Severity,
};
use gaizao::policy::model::Basis;
use gaizao::policy::ResolvedPack;

const PZH: &str = "sichuan-panzhihua-2018";

fn pack(id: &str) -> &'static ResolvedPack {
    common::registry().get(id).expect("pack")
}

fn read(bytes: &[u8], name: &str) -> Plan {
    plan::read_plan(bytes, name, None).expect("plan")
}

fn assessed(plan: &Plan) -> Assessment {
    assess(plan, pack(PZH), &AssessOptions::default()).expect("assess")
}

/// 万元 as written → fen.
fn fen_wan(s: &str) -> Fen {
    let d: rust_decimal::Decimal = s.parse().expect("decimal");
    let fen = d * rust_decimal::Decimal::from(1_000_000);
    Fen(fen.trunc().mantissa() / 10i128.pow(fen.trunc().scale()))
}

/// The 5 : 4 : 1 split of an amount in fen, as the general rule makes it.
fn five_four_one(total: Fen) -> (Fen, Fen, Fen) {
    let parts = gaizao::money::allocate(
        total,
        &[
            gaizao::fraction::Fraction::from_integer(5),
            gaizao::fraction::Fraction::from_integer(4),
            gaizao::fraction::Fraction::from_integer(1),
        ],
    )
    .expect("split");
    (parts[0], parts[1], parts[2])
}

fn check_annex_totals(case: &str, a: &Assessment) {
    let t = &a.totals;
    assert_eq!(t.all.compounds, 30, "{case}");
    assert_eq!(t.all.households, 13_785, "{case}");
    assert_eq!(t.all.total, fen_wan("25765.5"), "{case}: 25,765.5万元");
    assert_eq!(t.all.total.wan_text(), "25765.5", "{case}");
    assert_eq!(t.all.stated, t.all.total, "{case}: all stated");
    assert_eq!(t.all.estimated, Fen(0), "{case}");
    assert_eq!(
        t.all.per_household(),
        Some(Fen(1_869_097)),
        "{case}: 18,690.97 元/户"
    );
    // 5 : 4 : 1 of the whole: every row is split alone, and the rows add up.
    assert_eq!(
        t.all.party(Party::City),
        fen_wan("12882.75"),
        "{case}: 市 5"
    );
    assert_eq!(
        t.all.party(Party::County),
        fen_wan("10306.2"),
        "{case}: 县（区） 4"
    );
    assert_eq!(
        t.all.party(Party::Residents),
        fen_wan("2576.55"),
        "{case}: 居民 1"
    );
    assert_eq!(t.all.parties_total(), t.all.total, "{case}");
    let bases: Vec<Basis> = t.all.shares().iter().map(|s| s.2).collect();
    assert_eq!(bases, vec![Basis::Policy; 3], "{case}: 5:4:1 is policy");

    let years: Vec<(Option<i32>, u64, u64, Fen)> = t
        .by_year
        .iter()
        .map(|(y, s)| (*y, s.compounds, s.households, s.total))
        .collect();
    assert_eq!(
        years,
        vec![
            (Some(2018), 9, 4_071, fen_wan("7475")),
            (Some(2019), 11, 4_391, fen_wan("9264.5")),
            (Some(2020), 10, 5_323, fen_wan("9026")),
        ],
        "{case}: by year"
    );
    let districts: Vec<(Option<&str>, u64, u64, String)> = t
        .by_district
        .iter()
        .map(|(d, s)| (d.as_deref(), s.compounds, s.households, s.total.wan_text()))
        .collect();
    // 东区: the text of 一 says 8,347万元; its rows add up to 8,347.5.
    assert_eq!(
        districts,
        vec![
            (Some("东区"), 6, 3_339, "8347.5".to_string()),
            (Some("西区"), 6, 2_822, "2950".to_string()),
            (Some("仁和区"), 7, 2_145, "4440".to_string()),
            (Some("盐边县"), 5, 2_026, "7106".to_string()),
            (Some("米易县"), 3, 1_672, "1672".to_string()),
            (Some("钒钛高新区"), 3, 1_781, "1250".to_string()),
        ],
        "{case}: by district"
    );
    // District × year: 6 districts in each of 3 years.
    assert_eq!(t.by_district_year.len(), 18, "{case}");
    let cell = |d: &str, y: i32| {
        t.by_district_year
            .iter()
            .find(|((dd, yy), _)| dd.as_deref() == Some(d) && *yy == Some(y))
            .map(|(_, s)| (s.compounds, s.households, s.total.wan_text()))
    };
    assert_eq!(
        cell("东区", 2018),
        Some((2, 1_430, "3575".into())),
        "{case}"
    );
    assert_eq!(
        cell("东区", 2019),
        Some((2, 1_165, "2912.5".into())),
        "{case}"
    );
    assert_eq!(cell("东区", 2020), Some((2, 744, "1860".into())), "{case}");
    assert_eq!(
        cell("仁和区", 2020),
        Some((3, 556, "1140".into())),
        "{case}"
    );
    // Every group's parties add up to its total, and the groups to the whole.
    for (_, s) in &t.by_district {
        assert_eq!(s.parties_total(), s.total, "{case}");
    }
    let sum: i128 = t.by_district_year.iter().map(|(_, s)| s.total.0).sum();
    assert_eq!(Fen(sum), t.all.total, "{case}");
    // Each row: its own 5 : 4 : 1, adding up.
    for (i, r) in a.rows.iter().enumerate() {
        assert_eq!(r.source, CostSource::Stated, "{case}: row {i}");
        let cost = r.cost.expect("cost");
        let (c, k, res) = five_four_one(cost);
        let got: Vec<(Party, Fen)> = a.shares(i).iter().map(|s| (s.party, s.amount)).collect();
        assert_eq!(
            got,
            vec![
                (Party::City, c),
                (Party::County, k),
                (Party::Residents, res)
            ],
            "{case}: row {i}"
        );
        assert_eq!(r.basis, Basis::Policy, "{case}: row {i}");
    }
}

#[test]
fn annex_totals_from_csv() {
    let a = assessed(&read(annex_csv().as_bytes(), "附件1.csv"));
    check_annex_totals("csv", &a);
}

#[test]
fn annex_totals_from_gbk_csv() {
    let text = annex_csv();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let plan = read(&bytes, "附件1.csv");
    assert_eq!(plan.source.encoding, Some("GB18030"));
    check_annex_totals("gbk", &assessed(&plan));
}

#[test]
fn annex_totals_from_xlsx_with_title_and_merged_years() {
    let plan = read(&annex_xlsx(), "附件1.xlsx");
    assert!(plan.source.merges_known);
    check_annex_totals("xlsx", &assessed(&plan));
}

#[path = "plan/audit.rs"]
mod audit;
#[path = "plan/cost.rs"]
mod cost;
#[path = "plan/exports.rs"]
mod exports;
#[path = "plan/split_sums.rs"]
mod split_sums;

// Shared between sections: the audit's plan, and a result as JSON.
use audit::AUDIT_CSV;
use exports::json_of;
