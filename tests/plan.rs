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

// ---------------------------------------------------------------------------------------------
// The audit: one case for each kind of entry

/// A plan with one row for each kind of problem (line numbers: the header is line 1).
const AUDIT_CSV: &str = "\
序号,小区名称,县(区),建成时间,户数,预计投资(万元),改造年度
1,甲小区,东区,1990,100,200,2021
2,乙小区,东区,2007,100,200,2021
3,丙小区,东区,,100,200,2021
4,丁小区,西区,2000,100,200,2021
5,甲 小区,东区,1990,100,200,2021
6,戊小区,西区,1995,100,2000,2021
7,己小区,西区,1995,abc,200,2021
8,庚小区,西区,1995,100,-5,2021
9,辛小区,西区,1995—2005,100,200,2021
10,壬小区,西区,1995,100,,2021
11,癸小区,西区,1995,,,2021
12,,西区,1995,100,200,2021
合计,,,,999,3600,
";

fn audit_plan() -> (Plan, Assessment) {
    let plan = read(AUDIT_CSV.as_bytes(), "audit.csv");
    let a = assessed(&plan);
    (plan, a)
}

/// An audit entry as the annex shows it: (序号, line, column header, letter).
type Located<'a> = (
    Option<&'a str>,
    Option<usize>,
    Option<&'a str>,
    Option<String>,
);

/// The entries with a code, located.
fn entries<'a>(plan: &'a Plan, a: &'a Assessment, code: &str) -> Vec<Located<'a>> {
    a.audit
        .iter()
        .filter(|e| e.code.as_str() == code)
        .map(|e: &AuditEntry| {
            let serial = e
                .row
                .and_then(|r| plan.rows.get(r))
                .and_then(|r| r.serial.as_deref());
            let header = e.column.and_then(|c| {
                plan.mapping
                    .columns
                    .iter()
                    .find(|m| m.index == c)
                    .map(|m| m.header.as_str())
            });
            (
                serial,
                e.line,
                header,
                e.column.map(gaizao::plan::header::column_letter),
            )
        })
        .collect()
}

fn at(
    serial: &str,
    line: usize,
    header: &'static str,
    letter: &str,
) -> (
    Option<&'static str>,
    Option<usize>,
    Option<&'static str>,
    Option<String>,
) {
    (
        Some(Box::leak(serial.to_string().into_boxed_str())),
        Some(line),
        Some(header),
        Some(letter.to_string()),
    )
}

#[test]
fn audit_built_after_the_cutoff() {
    let (plan, a) = audit_plan();
    assert_eq!(
        entries(&plan, &a, "builtAfterCutoff"),
        vec![at("2", 3, "建成时间", "D")]
    );
    assert_eq!(a.rows[1].verdict, Verdict::Ineligible);
}

#[test]
fn audit_built_across_the_cutoff() {
    let (plan, a) = audit_plan();
    assert_eq!(
        entries(&plan, &a, "builtAcrossCutoff"),
        vec![at("9", 10, "建成时间", "D")]
    );
}

#[test]
fn audit_build_date_missing() {
    let (plan, a) = audit_plan();
    assert_eq!(
        entries(&plan, &a, "buildDateMissing"),
        vec![at("3", 4, "建成时间", "D")]
    );
}

#[test]
fn audit_boundary_year_is_an_assumption() {
    let (plan, a) = audit_plan();
    assert_eq!(
        entries(&plan, &a, "builtInBoundaryYear"),
        vec![at("4", 5, "建成时间", "D")]
    );
    let e = a
        .audit
        .iter()
        .find(|e| e.code == AuditCode::BuiltInBoundaryYear)
        .unwrap();
    assert!(e.code.assumed());
    // Under Suining's “2000年前（不含）”, which the document states, the year is no reading.
    let suining = assess(
        &plan,
        pack("sichuan-suining-2020-draft"),
        &AssessOptions::default(),
    )
    .unwrap();
    assert!(suining
        .audit
        .iter()
        .all(|e| e.code != AuditCode::BuiltInBoundaryYear));
    assert!(suining
        .audit
        .iter()
        .any(|e| e.code == AuditCode::BuiltAfterCutoff && e.row == Some(3)));
}

#[test]
fn audit_subtotal_differs_from_its_rows() {
    let (plan, a) = audit_plan();
    assert_eq!(
        entries(&plan, &a, "subtotalMismatch"),
        vec![(None, Some(14), Some("户数"), Some("E".into()))]
    );
    let e = a
        .audit
        .iter()
        .find(|e| e.code == AuditCode::Read(Code::SubtotalMismatch))
        .unwrap();
    assert_eq!(e.severity(), Severity::Error);
}

#[test]
fn audit_duplicate_compound() {
    let (plan, a) = audit_plan();
    // “甲 小区” in 东区 is “甲小区” in 东区 (spaces aside), listed first on line 2.
    assert_eq!(
        entries(&plan, &a, "duplicateCompound"),
        vec![at("5", 6, "小区名称", "B")]
    );
    let e = a
        .audit
        .iter()
        .find(|e| e.code == AuditCode::DuplicateCompound)
        .unwrap();
    assert_eq!(
        e.figures,
        gaizao::plan::audit::Figures::Duplicate { first: 0 }
    );
}

#[test]
fn audit_investment_per_household_far_from_median_and_benchmark() {
    let (plan, a) = audit_plan();
    // 2,000万元 for 100 households: 200,000 元/户, 10× the median (20,000) and the benchmark.
    assert_eq!(a.median_per_household, Some(Fen(2_000_000)));
    assert_eq!(
        entries(&plan, &a, "farFromMedian"),
        vec![at("6", 7, "预计投资(万元)", "F")]
    );
    assert_eq!(
        entries(&plan, &a, "farFromBenchmark"),
        vec![at("6", 7, "预计投资(万元)", "F")]
    );
    // The factor is an assumption: with 20×, nothing is far.
    let wide = assess(
        &plan,
        pack(PZH),
        &AssessOptions {
            far_factor: Some(20.into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(wide
        .audit
        .iter()
        .all(|e| e.code != AuditCode::FarFromMedian));
}

#[test]
fn audit_unreadable_cells_and_the_rest_is_assessed() {
    let (plan, a) = audit_plan();
    // Letters where 户数 belongs; a negative amount.
    assert_eq!(
        entries(&plan, &a, "unreadableNumber"),
        vec![at("7", 8, "户数", "E")]
    );
    assert_eq!(
        entries(&plan, &a, "negativeAmount"),
        vec![at("8", 9, "预计投资(万元)", "F")]
    );
    // Both rows are still in the plan: row 7 is costed (its investment is fine), row 8 is not.
    assert_eq!(plan.rows.len(), 12);
    assert_eq!(a.rows[6].cost, Some(Fen(200_000_000)));
    assert_eq!(a.rows[7].cost, None);
    assert_eq!(a.rows[7].source, CostSource::Missing);
    // The unreadable investment is listed once, for its cell (not again as “not costed”).
    assert!(a
        .audit
        .iter()
        .all(|e| !(e.code == AuditCode::CostMissing && e.row == Some(7))));
}

#[test]
fn audit_rows_without_cost_and_estimated_rows() {
    let (plan, a) = audit_plan();
    assert_eq!(
        entries(&plan, &a, "costEstimated"),
        vec![at("10", 11, "预计投资(万元)", "F")]
    );
    assert_eq!(
        entries(&plan, &a, "costMissing"),
        vec![at("11", 12, "预计投资(万元)", "F")]
    );
    assert_eq!(
        entries(&plan, &a, "nameMissing"),
        vec![at("12", 13, "小区名称", "B")]
    );
    let e = a
        .audit
        .iter()
        .find(|e| e.code == AuditCode::CostEstimated)
        .unwrap();
    assert_eq!(e.severity(), Severity::Note);
}

#[test]
fn audit_is_in_file_order_and_counts_problems() {
    let (_, a) = audit_plan();
    let lines: Vec<usize> = a.audit.iter().filter_map(|e| e.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    // Notes (estimated cost) do not count as problems for --strict.
    let notes = a
        .audit
        .iter()
        .filter(|e| e.severity() == Severity::Note)
        .count();
    assert_eq!(a.problems(), a.audit.len() - notes);
}

#[test]
fn audit_messages_name_row_line_and_column() {
    let (plan, a) = audit_plan();
    let cx = gaizao::texts::plan::AuditContext {
        plan: &plan,
        assessment: &a,
        pack: pack(PZH),
    };
    let msg = |code: AuditCode| {
        let e = a.audit.iter().find(|e| e.code == code).unwrap();
        gaizao::texts::plan::entry_text(e, &cx)
    };
    let m = msg(AuditCode::BuiltAfterCutoff);
    assert_eq!(
        m.zh,
        "第 3 行（序号 2）D 列“建成时间”：2007年建成，晚于建成年限（2000年以前（含2000年）），不在改造范围内"
    );
    assert_eq!(
        m.en,
        "line 3, No. 2, column D (建成时间): built 2007, after the cut-off (2000 or earlier): outside the scope"
    );
    let m = msg(AuditCode::BuiltInBoundaryYear);
    assert!(
        m.zh.contains("文件未写明当年是否包括在内，“2000 年以前建成”按含2000年理解"),
        "{}",
        m.zh
    );
    let m = msg(AuditCode::FarFromMedian);
    assert!(
        m.zh.contains("户均投资 200000.00 元，是全表中位数 20000.00 元的 10 倍"),
        "{}",
        m.zh
    );
    let m = msg(AuditCode::Read(Code::UnreadableNumber));
    assert!(m.zh.starts_with("第 8 行（序号 7）E 列“户数”"), "{}", m.zh);
    let m = msg(AuditCode::DuplicateCompound);
    assert!(m.zh.contains("与第 2 行（序号 1）是同一小区"), "{}", m.zh);
}

#[test]
fn audit_on_the_annex_names_rows_25_and_8() {
    let plan = read(annex_csv().as_bytes(), "附件1.csv");
    let a = assessed(&plan);
    assert_eq!(
        entries(&plan, &a, "builtAfterCutoff"),
        vec![at("25", 30, "建成时间", "D")]
    );
    // 序号 8 (2000) and 序号 6 (1985— 2000): the reading of 2000 decides both.
    assert_eq!(
        entries(&plan, &a, "builtInBoundaryYear"),
        vec![at("6", 9, "建成时间", "D"), at("8", 11, "建成时间", "D")]
    );
    let missing: Vec<Option<&str>> = entries(&plan, &a, "buildDateMissing")
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(
        missing,
        ["1", "2", "10", "11", "21", "22"].map(Some).to_vec()
    );
    // The stated subtotals all agree with their rows.
    assert!(a
        .audit
        .iter()
        .all(|e| !matches!(e.code, AuditCode::Read(_))));
    // 木综厂小区 is the one ineligible compound; the others are undetermined and say what to provide.
    assert_eq!(a.totals.all.verdicts, [0, 1, 29]);
    assert_eq!(a.rows[24].verdict, Verdict::Ineligible);
    assert!(a.to_provide(0).iter().any(|k| k == "builtYear"));
    assert!(a.to_provide(2).iter().any(|k| k == "housingType"));
    assert!(!a.to_provide(2).iter().any(|k| k == "builtYear"));
    // The rules ran once per distinct combination of the facts they read — the build date
    // (blank, 1980 年代, 1970, …) and the households (the share of 非商品房 is of them) — not per
    // row; the target list (a warning on the name) is looked up for every row.
    let distinct: std::collections::HashSet<_> =
        plan.rows.iter().map(|r| (r.built, r.households)).collect();
    assert_eq!(a.evaluations, distinct.len());
}

#[test]
fn facts_from_columns_decide_eligibility() {
    // Panzhihua's rules: 2000 年以前建成, 非商品房 (by housing type), 房屋结构安全 and not to be
    // demolished, 设施老旧, and 居民支持率不低于 90% — a household tally the pack declares, whose
    // columns are its path and the label of its "in favour" figure.
    let csv = "\
小区名称,建成时间,户数,预计投资(万元),房屋性质,房屋结构安全,已列入拆除、棚改或征收计划,设施老旧或缺失,residentSupport.total,支持的户数
甲,1990,100,200,非商品房,是,否,是,100,90
乙,1990,100,200,商品房,是,否,是,100,95
丙,1990,100,200,非商品房,是,否,可能,100,95
丁,1990,100,200,非商品房,是,否,是,100,120
";
    // Read for the pack (its tally's columns are its own), and without it (they are unknown).
    let plain = read(csv.as_bytes(), "facts.csv");
    assert_eq!(
        plain
            .mapping
            .columns
            .iter()
            .filter(|c| c.target == Target::Ignored)
            .count(),
        2
    );
    let plan = plan::read_plan_for(csv.as_bytes(), "facts.csv", None, pack(PZH)).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let a = assessed(&plan);
    assert_eq!(
        a.rows[0].verdict,
        Verdict::Eligible,
        "{:?}",
        a.outcome_codes(0)
    );
    assert_eq!(a.rows[1].verdict, Verdict::Ineligible);
    assert_eq!(a.rows[2].verdict, Verdict::Undetermined);
    assert_eq!(a.to_provide(2), ["facilitiesDeficient".to_string()]);
    let codes: Vec<(Option<usize>, &str)> =
        a.audit.iter().map(|e| (e.row, e.code.as_str())).collect();
    assert!(codes.contains(&(Some(2), "unreadableFact")), "{codes:?}");
    assert!(codes.contains(&(Some(3), "factsConflict")), "{codes:?}");
    let e = a
        .audit
        .iter()
        .find(|e| e.code == AuditCode::UnreadableFact)
        .unwrap();
    assert_eq!(
        e.column.map(gaizao::plan::header::column_letter).as_deref(),
        Some("H")
    );
}

// ---------------------------------------------------------------------------------------------
// Cost: stated, estimated, item mix

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

// ---------------------------------------------------------------------------------------------
// JSON, paging, exports

fn json_of(plan: &Plan, a: &Assessment, detail: bool) -> serde_json::Value {
    let bytes = plan::json::to_json(
        plan,
        a,
        pack(PZH),
        &plan::json::JsonOptions {
            detail,
            ..Default::default()
        },
    )
    .expect("json");
    serde_json::from_slice(&bytes).expect("valid JSON")
}

#[test]
fn json_shape() {
    let plan = read(annex_csv().as_bytes(), "附件1.csv");
    let a = assessed(&plan);
    let v = json_of(&plan, &a, false);
    assert_eq!(v["compounds"], 30);
    assert_eq!(v["households"], 13785);
    assert_eq!(v["total"], "257655000.00");
    assert_eq!(v["totalWan"], "25765.5");
    assert_eq!(v["perHousehold"], "18690.97");
    assert_eq!(
        v["shares"],
        serde_json::json!([
            {"party": "city", "amount": "128827500.00", "amountWan": "12882.75", "basis": "policy"},
            {"party": "county", "amount": "103062000.00", "amountWan": "10306.2", "basis": "policy"},
            {"party": "residents", "amount": "25765500.00", "amountWan": "2576.55", "basis": "policy"},
        ])
    );
    assert_eq!(v["byDistrict"][0]["district"], "东区");
    assert_eq!(v["byDistrict"][0]["totalWan"], "8347.5");
    assert_eq!(v["byYear"][1]["year"], 2019);
    assert_eq!(v["byYear"][1]["totalWan"], "9264.5");
    assert_eq!(v["byDistrictYear"].as_array().unwrap().len(), 18);
    // Rows: codes and amounts, no sentence.
    let row = &v["rows"][24];
    assert_eq!(row["serial"], "25");
    assert_eq!(row["line"], 30);
    assert_eq!(row["verdict"], "ineligible");
    assert_eq!(
        row["outcomes"].as_str().unwrap().len(),
        pack(PZH).rules.len()
    );
    assert_eq!(row["shares"]["city"], "1500000.00");
    assert_eq!(row["basis"], "policy");
    assert_eq!(row["audit"], serde_json::json!(["builtAfterCutoff"]));
    assert!(row.get("eligibility").is_none());
    let provide = v["rows"][0]["provide"].as_u64().unwrap() as usize;
    assert!(v["provideSets"][provide]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("builtYear")));
    // Audit entries name row, line, 序号, column, with their sentence; each code's general
    // sentence is in `messages`, once.
    let e = v["audit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "builtAfterCutoff")
        .unwrap();
    assert_eq!(e["row"], 24);
    assert_eq!(e["line"], 30);
    assert_eq!(e["serial"], "25");
    assert_eq!(e["column"], "建成时间");
    assert_eq!(e["letter"], "D");
    assert_eq!(
        e["message"]["zh"],
        "第 30 行（序号 25）D 列“建成时间”：2007年建成，晚于建成年限（2000年以前（含2000年）），不在改造范围内"
    );
    assert!(v["messages"]["builtAfterCutoff"]["zh"]
        .as_str()
        .unwrap()
        .contains("不在改造范围内"));
    // Rules once, with their basis.
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), pack(PZH).rules.len());
    let built = rules
        .iter()
        .find(|r| r["id"] == "scope-built-year")
        .unwrap();
    // 攀委办〔2018〕40号 says “2000 年以前建成”: including 2000 is a labelled reading of it.
    assert_eq!(built["basis"], "reading");
    assert_eq!(v["fundingRules"][0]["id"], "general-5-4-1");
    assert_eq!(v["fundingRules"][0]["basis"], "policy");
    assert_eq!(v["options"]["farFactorBasis"], "assumption");
}

#[test]
fn json_detail_adds_findings_lines_and_messages() {
    let plan = read(annex_csv().as_bytes(), "附件1.csv");
    let a = assessed(&plan);
    let v = json_of(&plan, &a, true);
    let row = &v["rows"][24];
    assert_eq!(row["eligibility"]["verdict"], "ineligible");
    assert!(row["eligibility"]["findings"][0]["texts"]["zh"]["message"].is_string());
    assert_eq!(row["lines"][0]["fundingRule"], "general-5-4-1");
    let e = v["audit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "builtAfterCutoff")
        .unwrap();
    assert!(e["message"]["zh"]
        .as_str()
        .unwrap()
        .starts_with("第 30 行（序号 25）D 列"));
}

#[test]
fn rows_page_sorted_and_filtered() {
    use plan::query::{page, RowQuery, SortKey};
    let plan = read(annex_csv().as_bytes(), "附件1.csv");
    let a = assessed(&plan);
    let p = page(
        &plan,
        &a,
        &RowQuery {
            sort: SortKey::Cost,
            descending: true,
            limit: 3,
            ..Default::default()
        },
    );
    assert_eq!(p.matching, 30);
    // 2,825万元 (序号 2), 2,387.5 (11), then 2,125 (27).
    let serials: Vec<&str> = p
        .rows
        .iter()
        .map(|i| plan.rows[*i].serial.as_deref().unwrap())
        .collect();
    assert_eq!(serials, vec!["2", "11", "27"]);
    let p = page(
        &plan,
        &a,
        &RowQuery {
            district: Some("米易县".into()),
            year: Some(2020),
            ..Default::default()
        },
    );
    assert_eq!(p.rows, vec![28]);
    let p = page(
        &plan,
        &a,
        &RowQuery {
            verdict: Some(Verdict::Ineligible),
            ..Default::default()
        },
    );
    assert_eq!(p.rows, vec![24]);
    let p = page(
        &plan,
        &a,
        &RowQuery {
            audit: Some(Severity::Warning),
            offset: 2,
            limit: 2,
            ..Default::default()
        },
    );
    assert_eq!(p.matching, 12);
    assert_eq!(p.rows.len(), 2);
}

fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .expect("entry")
        .read_to_string(&mut s)
        .expect("read");
    s
}

#[test]
fn export_xlsx_has_the_three_sheets_with_numbers() {
    use calamine::{Data, Reader};
    let plan = read(&annex_xlsx(), "附件1.xlsx");
    let a = assessed(&plan);
    let bytes = plan::report::export_xlsx(
        &plan,
        &a,
        pack(PZH),
        &plan::export::XlsxOptions {
            created: Some((2024, 1, 1)),
            ..Default::default()
        },
    )
    .unwrap();
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), vec!["明细", "汇总", "审核"]);
    let detail = book.worksheet_range("明细").unwrap();
    let header: Vec<String> = detail
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], &["行号", "序号", "小区名称", "县(区)"]);
    assert!(header.contains(&"市级财政（元）".to_string()));
    assert_eq!(detail.rows().count(), 31);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row25 = detail.rows().nth(25).unwrap();
    assert_eq!(row25[col("序号")], Data::String("25".into()));
    assert_eq!(row25[col("投资（元）")], Data::Float(3_000_000.0));
    assert_eq!(row25[col("投资（万元）")], Data::Float(300.0));
    assert_eq!(row25[col("市级财政（元）")], Data::Float(1_500_000.0));
    assert_eq!(row25[col("资格结论")], Data::String("不符合".into()));
    let summary = book.worksheet_range("汇总").unwrap();
    let first = summary.rows().nth(1).unwrap();
    assert_eq!(first[0], Data::String("合计".into()));
    assert_eq!(first[3], Data::Float(30.0));
    assert_eq!(first[4], Data::Float(13_785.0));
    assert_eq!(first[5], Data::Float(257_655_000.0));
    assert_eq!(first[6], Data::Float(25_765.5));
    let dongqu = summary
        .rows()
        .find(|r| r[0] == Data::String("按县(区)".into()) && r[1] == Data::String("东区".into()))
        .unwrap();
    assert_eq!(dongqu[6], Data::Float(8_347.5));
    assert!(summary
        .rows()
        .any(|r| r[0] == Data::String("按出资方".into())
            && r[1] == Data::String("市级财政".into())
            && r[5] == Data::Float(128_827_500.0)));
    let audit = book.worksheet_range("审核").unwrap();
    assert!(audit
        .rows()
        .any(|r| r[5] == Data::String("builtAfterCutoff".into())
            && r[0] == Data::Float(30.0)
            && r[1] == Data::String("25".into())));
    // Numbers stored as numbers (no shared string for an amount).
    let xml = unzip(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<v>3000000</v>"), "amounts as numbers");
}

#[test]
fn export_csv_of_each_sheet() {
    let plan = read(annex_csv().as_bytes(), "附件1.csv");
    let a = assessed(&plan);
    for (which, first) in [
        (plan::report::ReportSheet::Detail, "行号,序号,小区名称"),
        (plan::report::ReportSheet::Summary, "分组,县(区),年度"),
        (plan::report::ReportSheet::Audit, "行号,序号,列"),
    ] {
        let bytes = plan::report::export_csv(&plan, &a, pack(PZH), which).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        assert!(text[3..].starts_with(first), "{}", &text[..60]);
    }
    let bytes =
        plan::report::export_csv(&plan, &a, pack(PZH), plan::report::ReportSheet::Summary).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("合计,,,30,13785,257655000.00,25765.5"),
        "{}",
        &text[..300]
    );
}

// ---------------------------------------------------------------------------------------------
// Property: every split adds up, every group adds up

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
