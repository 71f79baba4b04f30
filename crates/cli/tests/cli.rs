//! The `gaizao` command line: every subcommand, file and stdin input, table output, and refused
//! input (exit code 2, one line per problem naming the field in Chinese and English, no panic).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gaizao"))
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the gaizao binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.unwrap_or_default().to_vec();
    // Write from another thread: a large input must not dead-lock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "gaizao {args:?} panicked: {stderr}"
    );
    out
}

/// Runs a command that must succeed and returns its stdout.
fn ok(args: &[&str], stdin: Option<&str>) -> String {
    let out = run(args, stdin.map(str::as_bytes));
    assert_eq!(
        out.status.code(),
        Some(0),
        "gaizao {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn ok_json(args: &[&str], stdin: Option<&str>) -> Value {
    let text = ok(args, stdin);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("gaizao {args:?} printed no JSON ({e}): {text}"))
}

/// Runs a command that must be refused; returns its stderr lines.
fn refused(args: &[&str], stdin: &[u8]) -> Vec<String> {
    let out = run(args, Some(stdin));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "gaizao {args:?} must exit 2; stderr: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout when refused: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<String> = stderr.lines().map(str::to_string).collect();
    assert!(!lines.is_empty(), "gaizao {args:?}: no message");
    for l in &lines {
        assert!(
            l.starts_with("error["),
            "one problem per line, each starting error[code]: {l}"
        );
    }
    lines
}

/// Writes `content` to a file under the test's temporary directory.
fn file(name: &str, content: &str) -> String {
    let path = format!("{}/cli-{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, content).unwrap();
    path
}

fn panzhihua_estate() -> Value {
    json!({
        "builtYear": 1990,
        "housingType": "nonCommodity",
        "demolitionPlanned": false,
        "structurallySafe": true,
        "facilitiesDeficient": true,
        "residentSupport": { "total": 100, "inFavour": 90 },
        "owners": { "total": 100, "voted": 100, "inFavour": 90 },
        "ownerArea": { "total": "5000", "voted": "5000", "inFavour": "4000" }
    })
}

fn panzhihua_scenario() -> Value {
    json!({
        "estate": { "households": 40 },
        "items": [
            { "item": "water-supply", "segment": "beforeMeter", "amount": "1000" },
            { "item": "facade", "quantity": "1200", "unitPrice": "45.5" }
        ]
    })
}

// ---- what works -----------------------------------------------------------------------------

#[test]
fn policies_lists_every_pack() {
    let list = ok_json(&["policies"], None);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, common::PACK_IDS);
    let suining = &list[5];
    assert_eq!(suining["status"], "draftForComment");
    let table = ok(&["policies", "--format", "table"], None);
    for id in common::PACK_IDS {
        assert!(table.contains(id), "table lists {id}:\n{table}");
    }
    assert!(
        table.contains("攀委办〔2018〕40号") && table.contains("征求意见稿"),
        "{table}"
    );
    assert!(
        ok(&["policies", "--format", "table", "--lang", "en"], None).contains("draft for comment")
    );
}

#[test]
fn menu_shows_categories_and_funding_rules() {
    let m = ok_json(&["menu", "--policy", "sichuan-panzhihua-2018"], None);
    let cats: Vec<&str> = m["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        cats,
        [
            "municipal-facilities",
            "environment-facilities",
            "building-body",
            "public-services"
        ]
    );
    let front = m["funding"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "meter-front-80-20")
        .expect("the 80/20 rule");
    assert_eq!(front["basis"], "policy");
    let table = ok(
        &[
            "menu",
            "--policy",
            "sichuan-panzhihua-2018",
            "--format",
            "table",
        ],
        None,
    );
    assert!(
        table.contains("meter-front-80-20") && table.contains("[政策]") && table.contains("[假设]"),
        "{table}"
    );
    assert!(ok(
        &[
            "menu",
            "--policy",
            "sichuan-suining-2020-draft",
            "--format",
            "table"
        ],
        None
    )
    .contains("征求意见稿"));
}

#[test]
fn check_from_a_file_and_from_stdin() {
    let path = file("estate.json", &panzhihua_estate().to_string());
    let from_file = ok_json(
        &["check", "--policy", "sichuan-panzhihua-2018", &path],
        None,
    );
    assert_eq!(from_file["verdict"], "eligible");
    let from_stdin = ok_json(
        &["check", "--policy", "sichuan-panzhihua-2018", "-"],
        Some(&panzhihua_estate().to_string()),
    );
    assert_eq!(from_file, from_stdin);
    let table = ok(
        &[
            "check",
            "--policy",
            "sichuan-panzhihua-2018",
            &path,
            "--format",
            "table",
        ],
        None,
    );
    assert!(
        table.contains("符合改造条件")
            && table.contains("resident-support")
            && table.contains("攀委办〔2018〕40号"),
        "{table}"
    );
    let en = ok(
        &[
            "--format",
            "table",
            "--lang",
            "en",
            "check",
            "--policy",
            "sichuan-panzhihua-2018",
            &path,
        ],
        None,
    );
    assert!(en.contains("ELIGIBLE"), "{en}");
}

#[test]
fn check_says_what_to_provide() {
    let out = ok_json(
        &["check", "--policy", "sichuan-panzhihua-2018", "-"],
        Some(r#"{"builtYear": 1995, "housingType": "nonCommodity"}"#),
    );
    assert_eq!(out["verdict"], "undetermined");
    assert!(out["toProvide"]
        .as_array()
        .unwrap()
        .contains(&json!("facilitiesDeficient")));
    let table = ok(
        &[
            "check",
            "--policy",
            "sichuan-panzhihua-2018",
            "-",
            "--format",
            "table",
        ],
        Some(r#"{"builtYear": 1995}"#),
    );
    assert!(
        table.contains("尚无法确定") && table.contains("请补充") && table.contains("房屋类型"),
        "{table}"
    );
}

#[test]
fn estimate_from_a_file_and_from_stdin() {
    let text = panzhihua_scenario().to_string();
    let path = file("scenario.json", &text);
    let from_file = ok(
        &["estimate", "--policy", "sichuan-panzhihua-2018", &path],
        None,
    );
    let from_stdin = ok(
        &["estimate", "--policy", "sichuan-panzhihua-2018", "-"],
        Some(&text),
    );
    assert_eq!(from_file, from_stdin, "file and stdin give the same output");
    let v: Value = serde_json::from_str(&from_file).unwrap();
    // 1000 → 800 / 200 (六 80/20); 54600 → 27300 / 21840 / 5460 (5:4:1).
    assert_eq!(v["total"], "55600.00");
    assert_eq!(v["perHousehold"], "1390.00");
    let table = ok(
        &[
            "estimate",
            "--policy",
            "sichuan-panzhihua-2018",
            &path,
            "--format",
            "table",
        ],
        None,
    );
    for needle in [
        "55600.00",
        "27300.00",
        "22040.00",
        "800.00",
        "5460.00",
        "halfUpTotalThenLargestRemainder",
        "1390.00",
    ] {
        assert!(table.contains(needle), "table shows {needle}:\n{table}");
    }
}

#[test]
fn estimate_table_warns_of_a_draft_and_of_assumptions() {
    let s = r#"{"items": [{"item": "roof-leaks", "amount": "12000"}]}"#;
    let table = ok(
        &[
            "estimate",
            "--policy",
            "sichuan-suining-2020-draft",
            "-",
            "--format",
            "table",
        ],
        Some(s),
    );
    assert!(
        table.contains("⚠") && table.contains("征求意见稿"),
        "{table}"
    );
    assert!(
        table.contains("（假设）") && table.contains("general-basic") && table.contains("份额未定"),
        "{table}"
    );
}

#[test]
fn validate_and_load_a_pack_file() {
    let pack = common::minimal_pack(
        "test-city",
        json!([]),
        json!([common::catch_all("all", "residents")]),
    );
    let path = file("pack.json", &pack);
    let summary = ok_json(&["validate", &path], None);
    assert_eq!(summary["id"], "test-city");
    let m = ok_json(&["menu", "--policy", "test-city", "--load", &path], None);
    assert_eq!(m["categories"][0]["items"][0]["id"], "works");
    let broken = file(
        "broken-pack.json",
        &pack.replace("\"weight\":\"1\"", "\"weight\":\"2/0\""),
    );
    let lines = refused(&["validate", &broken], b"");
    assert!(
        lines.iter().any(|l| l.contains(&broken)
            && l.contains("funding[0].shares[0].weight")
            && l.contains("2/0")),
        "{lines:#?}"
    );
}

// ---- what is refused ------------------------------------------------------------------------

/// `(what, command, input, [(code, field)])`: each field must be named in both languages.
type BadInput = (
    &'static str,
    &'static str,
    String,
    Vec<(&'static str, &'static str)>,
);

#[test]
fn bad_input_is_refused_field_by_field() {
    let cases: Vec<BadInput> = vec![
        ("wrong type", "check", r#"{"households": true}"#.into(), vec![("wrongType", "households")]),
        ("wrong enumeration value", "check", r#"{"locationType": "metropolis"}"#.into(), vec![("wrongType", "locationType")]),
        ("misspelt field", "check", r#"{"housholds": 3}"#.into(), vec![("unknownField", "housholds")]),
        ("negative households", "check", r#"{"households": -3}"#.into(), vec![("negative", "households")]),
        ("negative area as text", "check", r#"{"floorArea": "-0.01"}"#.into(), vec![("negative", "floorArea")]),
        ("fractional count", "check", r#"{"households": 12.5}"#.into(), vec![("notWhole", "households")]),
        ("fractional count as text", "check", r#"{"owners": {"total": "7.5"}}"#.into(), vec![("notWhole", "owners.total")]),
        ("NaN", "check", r#"{"households": "NaN"}"#.into(), vec![("notANumber", "households")]),
        ("Infinity", "check", r#"{"floorArea": "Infinity"}"#.into(), vec![("notANumber", "floorArea")]),
        ("-inf", "check", r#"{"floorArea": "-inf"}"#.into(), vec![("notANumber", "floorArea")]),
        ("huge exponent", "check", r#"{"floorArea": "1e999"}"#.into(), vec![("outOfRange", "floorArea")]),
        ("thousands separator", "check", r#"{"floorArea": "1,000"}"#.into(), vec![("notANumber", "floorArea")]),
        ("area in favour above the total", "check", r#"{"ownerArea": {"total": "100", "inFavour": "120"}}"#.into(), vec![("exceedsTotal", "ownerArea.inFavour")]),
        ("voted above total", "check", r#"{"owners": {"total": 10, "voted": 11}}"#.into(), vec![("exceedsTotal", "owners.voted")]),
        ("inverted years", "check", r#"{"builtYears": {"from": 2000, "to": 1990}}"#.into(), vec![("invertedRange", "builtYears")]),
        ("unknown item", "estimate", r#"{"items": [{"item": "swimming-pool", "amount": "1"}]}"#.into(), vec![("unknownItem", "items[0].item")]),
        ("both amount and price", "estimate", r#"{"items": [{"item": "roads", "amount": "1", "quantity": "2", "unitPrice": "3"}]}"#.into(), vec![("conflicting", "items[0].amount")]),
        ("waiver above households", "estimate", r#"{"estate": {"households": 3}, "waiver": {"households": 4, "payer": "county"}}"#.into(), vec![("exceedsTotal", "waiver.households")]),
        ("my area above the compound's", "estimate", r#"{"estate": {"floorArea": "100"}, "household": {"area": "100.01"}}"#.into(), vec![("exceedsTotal", "household.area")]),
        ("a 1 MB name", "check", json!({ "name": "长".repeat(350_000) }).to_string(), vec![("tooLong", "name")]),
        (
            "several problems, one line each",
            "check",
            r#"{"owners": {"total": 10, "voted": 11, "inFavour": 12}, "builtYears": {"from": 2000, "to": 1990}}"#.into(),
            vec![("exceedsTotal", "owners.voted"), ("exceedsTotal", "owners.inFavour"), ("invertedRange", "builtYears")],
        ),
    ];
    for (what, cmd, input, want) in cases {
        let lines = refused(&[cmd, "--policy", "national", "-"], input.as_bytes());
        let stderr = lines.join("\n");
        assert!(
            stderr.len() < 4000,
            "{what}: the message must not echo the input ({} bytes)",
            stderr.len()
        );
        for (code, field) in &want {
            // `error[code] field: 中文 / English`: the path once, the words in both languages.
            let names = |l: &str| {
                let Some(rest) = l.strip_prefix(&format!("error[{code}] {field}: ")) else {
                    return false;
                };
                let Some((zh, en)) = rest.split_once(" / ") else {
                    return false;
                };
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !en.is_empty()
            };
            let hit = lines.iter().any(|l| names(l));
            assert!(
                hit,
                "{what}: no line `error[{code}] {field}: <Chinese> / <English>`:\n{stderr}"
            );
        }
        let distinct: std::collections::BTreeSet<_> = want.iter().collect();
        assert!(
            lines.len() >= distinct.len(),
            "{what}: one line per problem:\n{stderr}"
        );
    }
}

#[test]
fn unknown_policy() {
    for cmd in ["check", "estimate"] {
        let lines = refused(&[cmd, "--policy", "atlantis", "-"], b"{}");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("error[unknownPolicy] policyId:")
                && lines[0].contains("“atlantis”")
                && lines[0].contains("available: national"),
            "{lines:?}"
        );
    }
    refused(&["menu", "--policy", "atlantis"], b"");
}

#[test]
fn malformed_json_names_line_and_column() {
    let lines = refused(
        &["check", "--policy", "national", "-"],
        b"{\"households\": 3,\n \"owners\": }",
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("error[malformedJson]")
            && lines[0].contains("第 2 行")
            && lines[0].contains("line 2"),
        "{lines:?}"
    );
    let lines = refused(&["estimate", "--policy", "national", "-"], b"");
    assert!(lines[0].starts_with("error[malformedJson]"), "{lines:?}");
}

#[test]
fn unreadable_or_outsized_input() {
    let missing = format!("{}/cli-does-not-exist.json", env!("CARGO_TARGET_TMPDIR"));
    let lines = refused(&["check", "--policy", "national", &missing], b"");
    assert!(
        lines[0].starts_with("error[invalidInputFile]")
            && lines[0].contains("cli-does-not-exist.json"),
        "{lines:?}"
    );
    let lines = refused(
        &["check", "--policy", "national", "-"],
        b"{\"name\": \"\xff\xfe\"}",
    );
    assert!(
        lines[0].starts_with("error[invalidInputFile]"),
        "not UTF-8: {lines:?}"
    );
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(5 * 1024 * 1024));
    let lines = refused(&["check", "--policy", "national", "-"], big.as_bytes());
    assert!(
        lines[0].starts_with("error[inputTooLarge]"),
        "5 MB: {lines:?}"
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let lines = refused(&["check", "--policy", "national", "-"], deep.as_bytes());
    assert!(
        lines[0].starts_with("error[tooDeep]"),
        "deep nesting: {lines:?}"
    );
}

/// A bad value must be reported at its own field even when another field holds the same text.
#[test]

fn equal_values_in_two_fields_blame_only_the_bad_one() {
    let lines = refused(
        &["check", "--policy", "national", "-"],
        br#"{"floorArea": "12.5", "households": "12.5"}"#,
    );
    assert_eq!(lines.len(), 1, "only households is wrong: {lines:#?}");
    assert!(
        lines[0].starts_with("error[notWhole] households:"),
        "{lines:?}"
    );
}

/// Fuzzing issue, point 7: ANSI escapes in a loaded pack were printed raw by `--format table`.
/// The pack is now refused (no text of a pack may hold control characters), and nothing the
/// command prints — the refusal included, which quotes the pack's texts — holds an escape.
#[test]
fn ansi_escapes_in_a_pack_never_reach_the_terminal() {
    let pack = common::minimal_pack(
        "ansi-city",
        json!([]),
        json!([common::catch_all("all", "residents")]),
    )
    .replacen(
        "\"test\"",
        "\"\\u001b[31mred\\u001b[0m\\u001b]0;title\\u0007\"",
        1,
    );
    assert!(pack.contains("\\u001b"), "the pack holds escapes");
    let path = file("ansi-pack.json", &pack);
    let out = run(
        &[
            "menu",
            "--policy",
            "ansi-city",
            "--load",
            &path,
            "--format",
            "table",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalidPolicy"), "{stderr}");
    for bytes in [&out.stdout, &out.stderr] {
        assert!(
            !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
            "an escape reached the terminal: {stderr}"
        );
    }
    let unknown = run(
        &[
            "menu",
            "--policy",
            "\u{1b}[31mnational",
            "--format",
            "table",
        ],
        None,
    );
    assert!(
        !unknown.stderr.contains(&0x1b),
        "an escape in the policy id was echoed"
    );
}
