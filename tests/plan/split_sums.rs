//! Property: every split adds up, every group adds up.

use super::*;

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn cases() -> u32 {
        std::env::var("PLAN_PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(48)
    }

    /// A row: district, year, households (or blank), investment in 万元 with up to 6 decimals
    /// (or blank).
    fn row() -> impl Strategy<Value = (u8, u8, Option<u32>, Option<(u64, u32)>)> {
        (
            0u8..4,
            0u8..3,
            proptest::option::of(0u32..5_000),
            proptest::option::of((0u64..100_000_000, 0u32..7)),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        #[test]
        fn shares_and_totals_add_up(
            rows in proptest::collection::vec(row(), 1..40),
            mix in proptest::option::of((1u32..60, 1u32..40)),
            pack_id in prop_oneof![Just(PZH), Just("national"), Just("henan-kaifeng-2019")],
        ) {
            let mut csv = String::from("小区名称,县(区),改造年度,户数,预计投资(万元)\n");
            for (i, (d, y, h, inv)) in rows.iter().enumerate() {
                let h = h.map(|h| h.to_string()).unwrap_or_default();
                let inv = inv
                    .map(|(m, s)| rust_decimal::Decimal::new(m as i64, s).to_string())
                    .unwrap_or_default();
                csv.push_str(&format!("小区{i},区{d},{},{h},{inv}\n", 2020 + u32::from(*y)));
            }
            let plan = read(csv.as_bytes(), "p.csv");
            let options = match (mix, pack_id) {
                (Some((a, b)), PZH) => AssessOptions {
                    mix: vec![
                        MixItem { item: "water-supply".into(), segment: Some(gaizao::schema::Segment::BeforeMeter), share: rust_decimal::Decimal::new(i64::from(a), 2) },
                        MixItem { item: "roads".into(), segment: None, share: rust_decimal::Decimal::new(i64::from(b), 2) },
                    ],
                    ..Default::default()
                },
                _ => AssessOptions::default(),
            };
            let a = assess(&plan, pack(pack_id), &options).unwrap();
            let mut sum = 0i128;
            for i in 0..a.rows.len() {
                prop_assert!(gaizao::plan::assess::shares_add_up(&a, i), "row {i}");
                if let Some(c) = a.rows[i].cost { sum += c.0; }
            }
            let t = &a.totals;
            prop_assert_eq!(t.all.total, Fen(sum));
            prop_assert_eq!(t.all.parties_total(), t.all.total);
            prop_assert_eq!(Fen(t.by_district.iter().map(|(_, s)| s.total.0).sum()), t.all.total);
            prop_assert_eq!(Fen(t.by_year.iter().map(|(_, s)| s.total.0).sum()), t.all.total);
            prop_assert_eq!(Fen(t.by_district_year.iter().map(|(_, s)| s.total.0).sum()), t.all.total);
            let groups = t
                .by_district
                .iter()
                .map(|(_, s)| s)
                .chain(t.by_year.iter().map(|(_, s)| s))
                .chain(t.by_district_year.iter().map(|(_, s)| s));
            for s in groups {
                prop_assert_eq!(s.parties_total(), s.total);
            }
            // Every party's total is the sum of its row shares.
            for p in Party::ALL {
                let rows: i128 = (0..a.rows.len())
                    .flat_map(|i| a.shares(i).iter().filter(|s| s.party == *p).map(|s| s.amount.0).collect::<Vec<_>>())
                    .sum();
                prop_assert_eq!(t.all.party(*p), Fen(rows));
            }
            // A stated investment is rounded once, half up, to the fen.
            for (r, row) in a.rows.iter().zip(&plan.rows) {
                if let Some(inv) = row.investment {
                    prop_assert_eq!(r.cost, gaizao::money::yuan_to_fen_half_up(inv));
                }
            }
        }
    }
}

#[test]
fn compact_rows_are_the_detail_rows_without_their_detail() {
    // The compact writer is hand-written for speed; the detailed one goes through serde.
    for (plan, options) in [
        (
            read(annex_csv().as_bytes(), "附件1.csv"),
            AssessOptions::default(),
        ),
        (
            read(AUDIT_CSV.as_bytes(), "audit.csv"),
            AssessOptions::default(),
        ),
        (
            read(
                "小区名称,户数,预计投资(万元)\n甲,100,200\n乙,0,\n".as_bytes(),
                "m.csv",
            ),
            AssessOptions::from_json(r#"{"mix": [{"item": "roads", "share": "0.5"}]}"#).unwrap(),
        ),
    ] {
        let a = assess(&plan, pack(PZH), &options).unwrap();
        let compact = json_of(&plan, &a, false);
        let mut detail = json_of(&plan, &a, true);
        for row in detail["rows"].as_array_mut().unwrap() {
            let o = row.as_object_mut().unwrap();
            assert!(o.remove("eligibility").is_some());
            assert!(o.remove("lines").is_some());
        }
        assert_eq!(compact["rows"], detail["rows"]);
        let mut page = Vec::new();
        plan::json::write_row(&mut page, &plan, &a, pack(PZH), 0, &Default::default()).unwrap();
        let page: serde_json::Value = serde_json::from_slice(&page).unwrap();
        assert_eq!(page, compact["rows"][0]);
    }
}

#[test]
fn the_example_annex_file_is_the_transcription() {
    // examples/panzhihua-annex1.csv is what the README and the CLI tests read: the annex as
    // Excel exports it. `PLAN_WRITE_EXAMPLES=1` writes it again.
    let path = common::root().join("examples/panzhihua-annex1.csv");
    if std::env::var("PLAN_WRITE_EXAMPLES").is_ok() {
        std::fs::write(&path, annex_csv()).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), annex_csv());
}

#[test]
fn outcomes_of_many_rows_are_the_single_check() {
    // The plan's outcomes-only pass (with its cache) gives what eligibility::check gives a row.
    let facts = "\
小区名称,建成时间,户数,预计投资(万元),房屋性质,设施老旧或缺失,业主总人数,同意的业主人数
甲,1990,100,200,非商品房,是,100,95
乙,2005,100,200,,,,
丙,,100,200,商品房,否,,
丁,1985—2000,100,200,非商品房,是,100,80
";
    // The same facts under two names, one on Panzhihua's annex list: the list is looked up for
    // each row even when the other rules' outcomes come from the cache.
    let named = "小区名称,建成时间,户数\n米易县教师园区(一期),2000,100\n别的小区,2000,100\n";
    let listed = read(named.as_bytes(), "n.csv");
    let a = assess(&listed, pack(PZH), &AssessOptions::default()).unwrap();
    assert_eq!(a.evaluations, 1);
    assert_ne!(a.outcomes(0), a.outcomes(1));
    for (plan, pack_id) in [
        (read(annex_csv().as_bytes(), "附件1.csv"), PZH),
        (listed, PZH),
        (read(facts.as_bytes(), "f.csv"), PZH),
        (read(facts.as_bytes(), "f.csv"), "national"),
        (read(facts.as_bytes(), "f.csv"), "guizhou-nayong-2022"),
        (read(facts.as_bytes(), "f.csv"), "henan-kaifeng-2019"),
        (
            read(facts.as_bytes(), "f.csv"),
            "sichuan-suining-2020-draft",
        ),
        (read(facts.as_bytes(), "f.csv"), "henan-puyang-2020"),
    ] {
        let a = assess(&plan, pack(pack_id), &AssessOptions::default()).unwrap();
        for i in 0..plan.rows.len() {
            let d =
                plan::assess::row_detail(&plan, &a, pack(pack_id), i, gaizao::Langs::None).unwrap();
            assert_eq!(
                d.eligibility.verdict, a.rows[i].verdict,
                "{pack_id} row {i}"
            );
            let provide: Vec<&str> = a.to_provide(i).iter().map(String::as_str).collect();
            assert_eq!(d.eligibility.to_provide, provide, "{pack_id} row {i}");
            let outcomes: Vec<_> = d.eligibility.findings.iter().map(|f| f.outcome).collect();
            assert_eq!(outcomes, a.outcomes(i), "{pack_id} row {i}");
        }
    }
}
