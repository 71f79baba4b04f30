//! Cost: stated investments, benchmark-estimated rows and the item mix.

use super::*;

#[test]
fn rows_without_investment_are_estimated_from_the_benchmark_and_labelled() {
    let csv = "小区名称,户数,预计投资(万元)\n甲,100,\n乙,100,200\n";
    let plan = read(csv.as_bytes(), "a.csv");
    let a = assessed(&plan);
    // plan-2018-2020: 18,690.97 元/户 × 100.
    assert_eq!(a.rows[0].source, CostSource::Benchmark);
    assert_eq!(a.rows[0].cost, Some(Fen(186_909_700)));
    assert_eq!(a.rows[1].source, CostSource::Stated);
    assert_eq!(a.totals.all.estimated, Fen(186_909_700));
    assert_eq!(a.totals.all.stated, Fen(200_000_000));
    assert_eq!(a.totals.all.total, Fen(386_909_700));
    let (c, k, r) = five_four_one(Fen(186_909_700));
    let got: Vec<Fen> = a.shares(0).iter().map(|s| s.amount).collect();
    assert_eq!(got, vec![c, k, r]);
    // Another benchmark by id; an unknown one is refused with its field.
    let b2019 = assess(
        &plan,
        pack(PZH),
        &AssessOptions {
            benchmark: Some("plan-2019".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(b2019.rows[0].cost, Some(Fen(210_988_400)));
    let err = assess(
        &plan,
        pack(PZH),
        &AssessOptions {
            benchmark: Some("nope".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err[0].code(), "unknownBenchmark");
    // In the JSON the row says so.
    let v = json_of(&plan, &a, false);
    assert_eq!(v["rows"][0]["source"], "benchmark");
    assert_eq!(v["rows"][0]["cost"], "1869097.00");
    assert_eq!(v["estimated"], "1869097.00");
    assert_eq!(v["benchmark"]["id"], "plan-2018-2020");
    assert_eq!(v["benchmark"]["intensity"], "18690.97");
}

#[test]
fn item_mix_splits_a_total_by_the_items_rules_and_is_an_assumption() {
    let csv = "小区名称,户数,预计投资(万元)\n甲,100,200\n";
    let plan = read(csv.as_bytes(), "a.csv");
    let options = AssessOptions {
        mix: vec![
            MixItem {
                item: "water-supply".into(),
                segment: Some(gaizao::schema::Segment::BeforeMeter),
                share: "0.4".parse().unwrap(),
            },
            MixItem {
                item: "water-supply".into(),
                segment: Some(gaizao::schema::Segment::AfterMeter),
                share: "0.1".parse().unwrap(),
            },
        ],
        ..Default::default()
    };
    let a = assess(&plan, pack(PZH), &options).unwrap();
    let got: Vec<(Party, Fen)> = a.shares(0).iter().map(|s| (s.party, s.amount)).collect();
    // 800,000 before the meter: water utility 80%, county 20%; 200,000 after it: residents;
    // the rest, 1,000,000, under 5 : 4 : 1.
    assert_eq!(
        got,
        vec![
            (Party::City, Fen(50_000_000)),
            (Party::County, Fen(16_000_000 + 40_000_000)),
            (Party::WaterUtility, Fen(64_000_000)),
            (Party::Residents, Fen(20_000_000 + 10_000_000)),
        ]
    );
    assert!(a.rows[0].mixed);
    assert_eq!(a.rows[0].basis, Basis::Assumption);
    assert_eq!(
        a.totals
            .all
            .shares()
            .iter()
            .map(|s| s.2)
            .collect::<Vec<_>>(),
        vec![Basis::Assumption; 4]
    );
    // The lines, on request.
    let d = plan::assess::row_detail(&plan, &a, pack(PZH), 0, gaizao::Langs::None).unwrap();
    let lines: Vec<(Option<&str>, Fen, &str)> = d
        .lines
        .iter()
        .map(|l| (l.item, l.amount, pack(PZH).funding[l.rule].spec.id.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (Some("water-supply"), Fen(80_000_000), "meter-front-80-20"),
            (
                Some("water-supply"),
                Fen(20_000_000),
                "meter-back-residents"
            ),
            (None, Fen(100_000_000), "general-5-4-1"),
        ]
    );
    // Options from JSON, as the CLI's --options and a Worker give them.
    let from_json = AssessOptions::from_json(
        r#"{"mix": [{"item": "water-supply", "segment": "beforeMeter", "share": "0.4"},
                    {"item": "water-supply", "segment": "afterMeter", "share": 0.1}]}"#,
    )
    .unwrap();
    assert_eq!(from_json, options);
    // A mix above the whole, an unknown item or a pipeline without its side are refused.
    let bad = AssessOptions::from_json(
        r#"{"mix": [{"item": "water-supply", "share": "0.4"}, {"item": "nope", "share": "0.7"}]}"#,
    )
    .unwrap();
    let codes: Vec<String> = assess(&plan, pack(PZH), &bad)
        .unwrap_err()
        .iter()
        .map(|e| format!("{} {}", e.code(), e.field().unwrap_or("")))
        .collect();
    assert_eq!(
        codes,
        vec!["missingField mix[0].segment", "unknownItem mix[1].item"]
    );
    let over = AssessOptions::from_json(
        r#"{"mix": [{"item": "roads", "share": "0.7"}, {"item": "greening", "share": "0.4"}]}"#,
    )
    .unwrap();
    assert_eq!(
        assess(&plan, pack(PZH), &over).unwrap_err()[0].code(),
        "outOfRange"
    );
    assert!(AssessOptions::from_json(r#"{"mix": [{"item": "roads", "share": "1.5"}]}"#).is_err());
}

#[test]
fn funding_overrides_are_marked_edited() {
    let csv = "小区名称,户数,预计投资(万元)\n甲,100,200\n";
    let plan = read(csv.as_bytes(), "a.csv");
    let options = AssessOptions::from_json(
        r#"{"fundingOverrides": [{"rule": "general-5-4-1", "shares": [{"party": "city", "weight": 6}, {"party": "county", "weight": 4}]}]}"#,
    )
    .unwrap();
    let a = assess(&plan, pack(PZH), &options).unwrap();
    assert_eq!(a.rows[0].basis, Basis::Edited);
    let got: Vec<(Party, Fen)> = a.shares(0).iter().map(|s| (s.party, s.amount)).collect();
    assert_eq!(
        got,
        vec![
            (Party::City, Fen(120_000_000)),
            (Party::County, Fen(80_000_000))
        ]
    );
}

#[test]
fn national_pack_marks_its_general_split_as_an_assumption() {
    let plan = read(annex_csv().as_bytes(), "附件1.csv");
    let a = assess(&plan, pack("national"), &AssessOptions::default()).unwrap();
    assert!(a.rows.iter().all(|r| r.basis == Basis::Assumption));
    assert_eq!(a.totals.all.total, fen_wan("25765.5"));
    assert_eq!(a.totals.all.parties_total(), a.totals.all.total);
    // National's build-year rule only warns; it is still the audit's cut-off.
    assert!(a
        .audit
        .iter()
        .any(|e| e.code == AuditCode::BuiltAfterCutoff));
}
