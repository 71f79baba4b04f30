//! The JSON shape, paging and the exports (read back with a spreadsheet library).

use super::*;

pub(crate) fn json_of(plan: &Plan, a: &Assessment, detail: bool) -> serde_json::Value {
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
    // Every case pages the same assessed plan; only the query differs.
    let query = |q: RowQuery| page(&plan, &a, &q);
    let p = query(RowQuery {
        sort: SortKey::Cost,
        descending: true,
        limit: 3,
        ..Default::default()
    });
    assert_eq!(p.matching, 30);
    // 2,825万元 (序号 2), 2,387.5 (11), then 2,125 (27).
    let serials: Vec<&str> = p
        .rows
        .iter()
        .map(|i| plan.rows[*i].serial.as_deref().unwrap())
        .collect();
    assert_eq!(serials, vec!["2", "11", "27"]);
    let p = query(RowQuery {
        district: Some("米易县".into()),
        year: Some(2020),
        ..Default::default()
    });
    assert_eq!(p.rows, vec![28]);
    let p = query(RowQuery {
        verdict: Some(Verdict::Ineligible),
        ..Default::default()
    });
    assert_eq!(p.rows, vec![24]);
    let p = query(RowQuery {
        audit: Some(Severity::Warning),
        offset: 2,
        limit: 2,
        ..Default::default()
    });
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
