//! The audit: one case for each kind of entry, naming the row, its line, its 序号 and the column.

use super::*;

/// A plan with one row for each kind of problem (line numbers: the header is line 1).
pub(crate) const AUDIT_CSV: &str = "\
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
