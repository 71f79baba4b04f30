//! `gaizao plan`: the JSON shape, `--detail`, the table, `--out` (xlsx read back with calamine,
//! CSV), `--strict`, `--mapping`, `--options` and errors — on annex 1 of 攀委办〔2018〕40号
//! (examples/panzhihua-annex1.csv, checked against the transcription by tests/plan.rs).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const PZH: &str = "sichuan-panzhihua-2018";
const ANNEX: &str = "examples/panzhihua-annex1.csv";

fn gaizao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gaizao"))
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("run gaizao")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Exit 0, or the failure with what the command said on stderr.
fn assert_ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("gaizao-plan-cli-{}-{name}", std::process::id()))
}

#[test]
fn json_has_totals_shares_groups_rows_and_audit() {
    let out = gaizao(&["plan", "--policy", PZH, ANNEX]);
    assert_ok(&out);
    let v = json(&out);
    assert_eq!(v["compounds"], 30);
    assert_eq!(v["households"], 13785);
    assert_eq!(v["total"], "257655000.00");
    assert_eq!(v["totalWan"], "25765.5");
    let shares: Vec<(String, String)> = v["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["party"].as_str().unwrap().into(),
                s["amount"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        shares,
        vec![
            ("city".into(), "128827500.00".into()),
            ("county".into(), "103062000.00".into()),
            ("residents".into(), "25765500.00".into()),
        ]
    );
    let district = |name: &str| {
        v["byDistrict"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["district"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(district("东区")["totalWan"], "8347.5");
    assert_eq!(district("东区")["households"], 3339);
    assert_eq!(district("钒钛高新区")["compounds"], 3);
    let years: Vec<(i64, i64, String)> = v["byYear"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["households"].as_i64().unwrap(),
                y["totalWan"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        years,
        vec![
            (2018, 4071, "7475".into()),
            (2019, 4391, "9264.5".into()),
            (2020, 5323, "9026".into())
        ]
    );
    assert_eq!(v["byDistrictYear"].as_array().unwrap().len(), 18);
    // Rows: compact, codes and amounts only.
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 30);
    assert_eq!(rows[24]["verdict"], "ineligible");
    assert_eq!(rows[24]["shares"]["county"], "1200000.00");
    assert!(rows.iter().all(|r| r.get("eligibility").is_none()));
    // Audit: row, column, code and message (the issue's `[{row, column, code, message}]`); each
    // code's general sentence once, by code.
    let audit = v["audit"].as_array().unwrap();
    let after = audit
        .iter()
        .find(|e| e["code"] == "builtAfterCutoff")
        .unwrap();
    assert_eq!(after["row"], 24);
    assert_eq!(after["serial"], "25");
    assert_eq!(after["line"], 30);
    assert_eq!(after["column"], "建成时间");
    assert!(after["message"]["zh"]
        .as_str()
        .unwrap()
        .starts_with("第 30 行（序号 25）D 列"));
    assert!(v["messages"]["builtAfterCutoff"]["en"]
        .as_str()
        .unwrap()
        .contains("outside the programme's scope"));
    assert_eq!(v["mapping"]["headerRow"], 3);
}

#[test]
fn detail_adds_findings_and_a_sentence_per_audit_entry() {
    let out = gaizao(&["plan", "--policy", PZH, ANNEX, "--detail", "--texts", "zh"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let row = &v["rows"][7];
    assert_eq!(row["serial"], "8");
    assert!(row["eligibility"]["findings"].as_array().unwrap().len() >= 5);
    assert!(row["eligibility"]["findings"][0]["texts"]["zh"]["message"].is_string());
    assert!(row["eligibility"]["findings"][0]["texts"]
        .get("en")
        .is_none());
    assert_eq!(row["lines"][0]["fundingRule"], "general-5-4-1");
    let e = v["audit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "builtInBoundaryYear" && e["serial"] == "8")
        .unwrap();
    assert_eq!(
        e["message"]["zh"],
        "第 11 行（序号 8）D 列“建成时间”：2000年建成，正好在建成年限当年：文件未写明当年是否包括在内，“2000 年以前建成”按含2000年理解"
    );
    assert_eq!(e["basis"], "assumption");
}

#[test]
fn table_shows_mapping_totals_parties_rows_and_audit() {
    let out = gaizao(&["plan", "--policy", PZH, ANNEX, "--format", "table"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("列对应（表头在第 3 行"), "{text}");
    assert!(
        text.contains("G   预计投资(万元)  预计投资  万元"),
        "{text}"
    );
    let total = text.lines().find(|l| l.starts_with("合计 ")).unwrap();
    assert!(total.contains("13785") && total.contains("25765.5") && total.contains("18690.97"));
    assert!(
        text.contains("市级财政      政策  128827500.00      12882.75"),
        "{text}"
    );
    assert!(
        text.contains("审核：13 条（错误 0，警告 13，提示 0）"),
        "{text}"
    );
    assert!(
        text.contains("第 30 行（序号 25）D 列“建成时间”：2007年建成"),
        "{text}"
    );
    let en = gaizao(&[
        "plan", "--policy", PZH, ANNEX, "--format", "table", "--lang", "en",
    ]);
    let text = String::from_utf8(en.stdout).unwrap();
    assert!(
        text.contains("Audit: 13 entries (0 errors, 13 warnings, 0 notes)"),
        "{text}"
    );
    assert!(
        text.contains("line 30, No. 25, column D (建成时间): built 2007"),
        "{text}"
    );
}

#[test]
fn out_xlsx_has_the_three_sheets_with_numbers_as_numbers() {
    use calamine::{Data, Reader};
    let path = temp("annex.xlsx");
    let out = gaizao(&[
        "plan",
        "--policy",
        PZH,
        ANNEX,
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_ok(&out);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote"));
    let mut book = calamine::open_workbook_auto(&path).expect("xlsx opens");
    assert_eq!(book.sheet_names(), vec!["明细", "汇总", "审核"]);
    let detail = book.worksheet_range("明细").unwrap();
    let header: Vec<String> = detail
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for h in [
        "序号",
        "小区名称",
        "户数",
        "投资（元）",
        "投资（万元）",
        "投资来源",
        "资格结论",
    ] {
        assert!(header.iter().any(|x| x == h), "{h} in {header:?}");
    }
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let row11 = detail.rows().nth(11).unwrap();
    assert_eq!(row11[col("序号")], Data::String("11".into()));
    assert_eq!(row11[col("户数")], Data::Float(955.0));
    assert_eq!(row11[col("投资（元）")], Data::Float(23_875_000.0));
    assert_eq!(row11[col("投资（万元）")], Data::Float(2_387.5));
    assert_eq!(row11[col("投资来源")], Data::String("填报".into()));
    let summary = book.worksheet_range("汇总").unwrap();
    let total = summary.rows().nth(1).unwrap();
    assert_eq!(total[0], Data::String("合计".into()));
    assert_eq!(total[5], Data::Float(257_655_000.0));
    assert!(summary.rows().any(|r| r[0] == Data::String("按年度".into())
        && r[2] == Data::Float(2019.0)
        && r[6] == Data::Float(9_264.5)));
    let audit = book.worksheet_range("审核").unwrap();
    assert_eq!(audit.rows().count(), 14);
    std::fs::remove_file(&path).ok();
}

#[test]
fn out_csv_writes_the_sheet_asked_for() {
    let path = temp("annex.csv");
    for (sheet, first) in [
        ("detail", "行号,序号,小区名称"),
        ("summary", "分组,县(区),年度"),
        ("audit", "行号,序号,列"),
    ] {
        let out = gaizao(&[
            "plan",
            "--policy",
            PZH,
            ANNEX,
            "--out",
            path.to_str().unwrap(),
            "--sheet",
            sheet,
        ]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        assert!(text[3..].starts_with(first), "{sheet}: {}", &text[..80]);
    }
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    assert!(text.contains("builtAfterCutoff"));
    std::fs::remove_file(&path).ok();
    let bad = gaizao(&["plan", "--policy", PZH, ANNEX, "--out", "plan.pdf"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn bad_rows_exit_0_with_the_audit_and_2_with_strict() {
    let path = temp("bad.csv");
    std::fs::write(
        &path,
        "序号,小区名称,县(区),建成时间,户数,预计投资(万元)\n1,甲小区,东区,1990,abc,200\n2,乙小区,东区,1990,100,-5\n3,丙小区,东区,1990,100,200\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let out = gaizao(&["plan", "--policy", PZH, p]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let codes: Vec<&str> = v["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"unreadableNumber"), "{codes:?}");
    assert!(codes.contains(&"negativeAmount"), "{codes:?}");
    assert_eq!(v["compounds"], 3);
    assert_eq!(v["uncosted"], 1);
    let strict = gaizao(&["plan", "--policy", PZH, p, "--strict"]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("--strict"));
    assert_eq!(
        json(&strict)["compounds"],
        3,
        "the result is printed all the same"
    );
    // A plan with nothing to report passes --strict.
    std::fs::write(
        &path,
        "序号,小区名称,县(区),建成时间,户数,预计投资(万元)\n1,甲小区,东区,1990,100,200\n",
    )
    .unwrap();
    let clean = gaizao(&["plan", "--policy", PZH, p, "--strict"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    std::fs::remove_file(&path).ok();
}

#[test]
fn mapping_file_overrides_the_guess() {
    // Headers nobody could guess, read with a mapping written as the output's `mapping`.
    let csv = temp("odd.csv");
    std::fs::write(&csv, "甲列,乙列,丙列\n林业大院,84,200\n月潭小区,341,1200\n").unwrap();
    let refused = gaizao(&["plan", "--policy", PZH, csv.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("noHeader"));
    let mapping = temp("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"headerRow": 1, "columns": [
            {"index": 0, "header": "甲列", "target": "name"},
            {"index": 1, "header": "乙列", "target": "households"},
            {"index": 2, "header": "丙列", "target": "investment", "unit": "wanYuan"}]}"#,
    )
    .unwrap();
    let out = gaizao(&[
        "plan",
        "--policy",
        PZH,
        csv.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let v = json(&out);
    assert_eq!(v["households"], 425);
    assert_eq!(v["total"], "14000000.00");
    assert_eq!(v["mapping"]["columns"][2]["unit"], "wanYuan");
    std::fs::remove_file(&csv).ok();
    std::fs::remove_file(&mapping).ok();
}

#[test]
fn options_mix_benchmark_and_factor() {
    let options = temp("options.json");
    std::fs::write(
        &options,
        r#"{"mix": [{"item": "water-supply", "segment": "beforeMeter", "share": "0.4"}]}"#,
    )
    .unwrap();
    let out = gaizao(&[
        "plan",
        "--policy",
        PZH,
        ANNEX,
        "--options",
        options.to_str().unwrap(),
    ]);
    assert_ok(&out);
    let v = json(&out);
    assert_eq!(v["total"], "257655000.00");
    assert!(v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["mixed"] == true && r["basis"] == "assumption"));
    assert!(v["shares"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["party"] == "waterUtility"));
    assert_eq!(v["options"]["mix"][0]["basis"], "assumption");
    std::fs::remove_file(&options).ok();
    let wide = json(&gaizao(&[
        "plan",
        "--policy",
        PZH,
        ANNEX,
        "--far-factor",
        "10",
    ]));
    assert!(wide["audit"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["code"] != "farFromMedian"));
    assert_eq!(wide["options"]["farFactor"], "10");
    let bad = gaizao(&["plan", "--policy", PZH, ANNEX, "--benchmark", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknownBenchmark"));
    let bad = gaizao(&["plan", "--policy", PZH, ANNEX, "--far-factor", "1"]);
    assert_eq!(bad.status.code(), Some(2));
}
