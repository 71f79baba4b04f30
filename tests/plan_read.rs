//! Reading a year's plan of compounds (src/plan/): annex 1 of 攀委办〔2018〕40号 (Panzhihua's
//! 老旧小区改造年度实施计划表) reproduced exactly from every format an official may upload, header
//! and unit detection, a given mapping, bad cells, limits, the export writers, and a property
//! test that no input panics the reader.
//!
//! The annex is transcribed in `tests/annex/mod.rs` (`BLOCKS`), cell for cell as the official typed it; the CSV,
//! TSV, pasted-text and xlsx inputs are built from it here, the `.xls` and `.ods` ones by
//! `tests/fixtures/plan/make_fixtures.py` from the same transcription.
#![cfg(all(feature = "sheets", not(target_arch = "wasm32")))]

#[path = "annex/mod.rs"]
mod annex;

use annex::*;
use gaizao::plan::{
    self, export, header, Cell, Code, ColumnMap, Format, Mapping, Plan, SubtotalKind, Target, Unit,
};
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// The annex from every format

/// Checks a plan read from any format against the transcription, cell by cell, and the totals
/// the document states.
fn check_annex(case: &str, plan: &Plan) {
    assert!(
        plan.problems.is_empty(),
        "{case}: problems {:#?}",
        plan.problems
    );
    assert_eq!(plan.mapping.header_row, 3, "{case}: header row");
    assert_eq!(plan.rows.len(), 30, "{case}: 30 compounds");

    // Every cell of every row.
    for (i, ((block, want), got)) in rows().zip(&plan.rows).enumerate() {
        let at = format!("{case}: row {} ({})", i + 1, want.name);
        assert_eq!(
            got.serial.as_deref(),
            Some(want.serial.to_string().as_str()),
            "{at}: 序号"
        );
        assert_eq!(got.name.as_deref(), Some(want.name), "{at}: 名称");
        assert_eq!(got.district.as_deref(), Some(want.district), "{at}: 县(区)");
        assert_eq!(got.location.as_deref(), Some(want.location), "{at}: 位置");
        assert_eq!(got.households, Some(want.households), "{at}: 户数");
        assert_eq!(
            got.investment,
            Some(wan(want.investment)),
            "{at}: 投资 (元)"
        );
        assert_eq!(got.year, Some(block.year), "{at}: 年度");
        let (text, range) = match want.built {
            Blank => (None, None),
            T(t) => (Some(t.to_string()), None),
            Y(y) => (Some(y.to_string()), Some((y, y))),
        };
        assert_eq!(got.built_text, text, "{at}: 建成时间 as written");
        if let Some(range) = range {
            assert_eq!(got.built, Some(range), "{at}: 建成时间");
        }
        assert_eq!(got.remarks, None, "{at}: 备注");
        assert_eq!(
            got.line,
            4 + i + plan.subtotals.iter().filter(|s| s.line < got.line).count(),
            "{at}: line"
        );
    }

    // Build dates read as ranges; blanks missing.
    let built = |serial: usize| plan.rows[serial - 1].built;
    assert_eq!(built(3), Some((1980, 1989)), "{case}: 1980 年代");
    assert_eq!(built(6), Some((1985, 2000)), "{case}: 1985— 2000");
    assert_eq!(built(26), Some((1978, 1984)), "{case}: 1978— 1984");
    assert_eq!(built(23), Some((1970, 1979)), "{case}: 1970 年代");
    for serial in [1, 2, 10, 11, 21, 22] {
        assert_eq!(
            built(serial),
            None,
            "{case}: row {serial} has no build date"
        );
    }

    // Per year, summed here from the rows.
    for (year, n, hh, inv) in [
        (2018, 9, 4071, "7475"),
        (2019, 11, 4391, "9264.5"),
        (2020, 10, 5323, "9026"),
    ] {
        let rs: Vec<_> = plan.rows.iter().filter(|r| r.year == Some(year)).collect();
        assert_eq!(rs.len(), n, "{case}: {year} count");
        assert_eq!(
            rs.iter().filter_map(|r| r.households).sum::<u64>(),
            hh,
            "{case}: {year} 户数"
        );
        assert_eq!(
            rs.iter().filter_map(|r| r.investment).sum::<Decimal>(),
            wan(inv),
            "{case}: {year} 投资"
        );
    }
    // Per district; 东区 is 8,347.5万元 in the table (the text of 一 says 8,347).
    for (district, n, hh, inv) in [
        ("东区", 6, 3339, "8347.5"),
        ("西区", 6, 2822, "2950"),
        ("仁和区", 7, 2145, "4440"),
        ("米易县", 3, 1672, "1672"),
        ("盐边县", 5, 2026, "7106"),
        ("钒钛高新区", 3, 1781, "1250"),
    ] {
        let rs: Vec<_> = plan
            .rows
            .iter()
            .filter(|r| r.district.as_deref() == Some(district))
            .collect();
        assert_eq!(rs.len(), n, "{case}: {district} count");
        assert_eq!(
            rs.iter().filter_map(|r| r.households).sum::<u64>(),
            hh,
            "{case}: {district} 户数"
        );
        assert_eq!(
            rs.iter().filter_map(|r| r.investment).sum::<Decimal>(),
            wan(inv),
            "{case}: {district} 投资"
        );
    }
    let by_district = plan.totals_by_district();
    assert_eq!(by_district.len(), 6, "{case}: six districts");
    assert_eq!(by_district[0].0.as_deref(), Some("东区"));
    assert_eq!(
        by_district[0].1.investment,
        dec("83475000"),
        "{case}: 东区 8,347.5万元"
    );

    // Whole plan.
    let t = plan.totals();
    assert_eq!((t.compounds, t.households), (30, 13785), "{case}: totals");
    assert_eq!(t.investment, wan("25765.5"), "{case}: 25,765.5万元");
    assert_eq!((t.households_missing, t.investment_missing), (0, 0));

    // The 3 合计 rows and the 总计 row, with their stated figures.
    assert_eq!(plan.subtotals.len(), 4, "{case}: subtotal rows");
    let mut start = 0;
    for (s, b) in plan.subtotals.iter().zip(BLOCKS) {
        assert_eq!(s.label, "合计", "{case}");
        assert_eq!(s.kind, SubtotalKind::Block, "{case}");
        assert_eq!(s.households, Some(b.households), "{case}: 合计 户数");
        assert_eq!(s.investment, Some(wan(b.investment)), "{case}: 合计 投资");
        assert_eq!(s.compounds, Some(b.declared), "{case}: 共{}个", b.declared);
        assert_eq!(s.covers, start..start + b.rows.len(), "{case}: 合计 covers");
        start += b.rows.len();
    }
    let g = &plan.subtotals[3];
    assert_eq!(
        (g.label.as_str(), g.kind),
        ("总计", SubtotalKind::Grand),
        "{case}"
    );
    assert_eq!(g.households, Some(GRAND.0), "{case}: 总计 户数");
    assert_eq!(g.investment, Some(wan(GRAND.1)), "{case}: 总计 投资");
    assert_eq!(g.covers, 0..30, "{case}: 总计 covers all");

    // Mapping as guessed.
    let target = |i: usize| &plan.mapping.columns[i].target;
    assert_eq!(
        (0..9).map(target).cloned().collect::<Vec<_>>(),
        vec![
            Target::Serial,
            Target::Name,
            Target::District,
            Target::Built,
            Target::Location,
            Target::Households,
            Target::Investment,
            Target::Year,
            Target::Remarks
        ],
        "{case}: mapping"
    );
    assert_eq!(
        plan.mapping.columns[6].unit,
        Some(Unit::WanYuan),
        "{case}: 万元"
    );
}

macro_rules! annex_case {
    ($name:ident, $format:expr, $plan:expr) => {
        #[test]
        fn $name() {
            let plan: Plan = $plan;
            assert_eq!(plan.source.format, $format, stringify!($name));
            check_annex(stringify!($name), &plan);
        }
    };
}

annex_case!(annex_from_utf8_csv, Format::Text, {
    let plan = plan::read_plan(annex_csv().as_bytes(), "附件1.csv", None).unwrap();
    assert_eq!(plan.source.encoding, Some("UTF-8"));
    assert_eq!(plan.source.delimiter, Some(','));
    plan
});

annex_case!(annex_from_utf8_bom_csv, Format::Text, {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(annex_csv().as_bytes());
    plan::read_plan(&bytes, "附件1.csv", None).unwrap()
});

annex_case!(annex_from_gbk_csv, Format::Text, {
    let text = annex_csv();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    let plan = plan::read_plan(&bytes, "附件1.csv", None).unwrap();
    assert_eq!(plan.source.encoding, Some("GB18030"));
    plan
});

annex_case!(annex_from_tsv, Format::Text, {
    let tsv = delimited(&annex_records(), b'\t');
    let plan = plan::read_plan(tsv.as_bytes(), "附件1.tsv", None).unwrap();
    assert_eq!(plan.source.delimiter, Some('\t'));
    plan
});

annex_case!(annex_from_pasted_text, Format::Text, {
    // What the clipboard holds after copying the table in Excel: tab-separated, CRLF.
    let text: String = annex_records()
        .iter()
        .map(|r| r.join("\t") + "\r\n")
        .collect();
    plan::read_pasted_plan(&text, None).unwrap()
});

annex_case!(annex_from_text_without_extension, Format::Text, {
    plan::read_plan(annex_csv().as_bytes(), "upload", None).unwrap()
});

annex_case!(annex_from_xlsx_with_merged_cells, Format::Xlsx, {
    let plan = plan::read_plan(&annex_xlsx(), "附件1.xlsx", None).unwrap();
    assert_eq!(plan.source.sheet.as_deref(), Some("附件1"));
    assert!(plan.source.merges_known);
    plan
});

annex_case!(annex_from_xlsx_sniffed, Format::Xlsx, {
    plan::read_plan(&annex_xlsx(), "", None).unwrap()
});

annex_case!(annex_from_xls_fixture, Format::Xls, {
    let bytes = include_bytes!("fixtures/plan/annex.xls");
    plan::read_plan(bytes, "附件1.xls", None).unwrap()
});

annex_case!(annex_from_xls_sniffed, Format::Xls, {
    let bytes = include_bytes!("fixtures/plan/annex.xls");
    plan::read_plan(bytes, "upload.bin", None).unwrap()
});

annex_case!(annex_from_ods_fixture, Format::Ods, {
    let bytes = include_bytes!("fixtures/plan/annex.ods");
    let plan = plan::read_plan(bytes, "附件1.ods", None).unwrap();
    assert!(plan.source.merges_known);
    plan
});

#[test]
fn workbook_merges_match_the_annex() {
    // The year merged over each block (H4:H12, H14:H24, H26:H35), the title and 合计/总计 across.
    for (name, bytes) in [
        ("a.xlsx", annex_xlsx()),
        ("a.xls", include_bytes!("fixtures/plan/annex.xls").to_vec()),
        ("a.ods", include_bytes!("fixtures/plan/annex.ods").to_vec()),
    ] {
        let grid = plan::grid::read_grid(&bytes, name).unwrap();
        let mut years: Vec<_> = grid
            .merges
            .iter()
            .filter(|m| m.first_col == 7)
            .map(|m| (m.first_line, m.last_line))
            .collect();
        years.sort();
        assert_eq!(years, vec![(4, 12), (14, 24), (26, 35)], "{name}");
        assert!(
            grid.merges
                .iter()
                .any(|m| (m.first_line, m.last_line, m.first_col, m.last_col) == (2, 2, 0, 8)),
            "{name}: title"
        );
        assert_eq!(
            grid.merges
                .iter()
                .filter(|m| m.first_col == 0 && m.last_col == 4)
                .count(),
            4,
            "{name}: 合计/总计"
        );
    }
}

#[test]
fn xlsx_merged_year_cells_are_reported_as_merges() {
    let grid = plan::grid::read_grid(&annex_xlsx(), "a.xlsx").unwrap();
    assert!(grid
        .merges
        .iter()
        .any(|m| m.first_col == 7 && m.first_line == 4 && m.last_line == 12));
    // The covered cells themselves are empty; the row reader carries the value down.
    assert_eq!(
        grid.rows.iter().find(|r| r.line == 5).unwrap().get(7),
        &Cell::Empty
    );
}

#[test]
fn csv_lines_count_physical_lines() {
    // A cell broken over two lines (Alt+Enter in Excel) takes two physical lines.
    let csv = "序号,小区名称,户数\n1,\"炳草岗酿造厂小区\n(鸿海巷小区)\",210\n2,金福小区,1130\n";
    let plan = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap();
    assert_eq!(
        plan.rows[0].name.as_deref(),
        Some("炳草岗酿造厂小区(鸿海巷小区)")
    );
    assert_eq!((plan.rows[0].line, plan.rows[1].line), (2, 4));
}

// ---------------------------------------------------------------------------------------------
// Header and mapping

#[test]
fn header_found_below_title_rows() {
    let csv = "\n附件1\n\n老旧小区改造年度实施计划表\n填报单位：某某区住建局,,,\n序号,小区名称,户数,总投资（万元）\n1,甲小区,100,50\n";
    let plan = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap();
    assert_eq!(plan.mapping.header_row, 6);
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.rows[0].investment, Some(dec("500000")));
}

#[test]
fn mapping_by_english_names() {
    let csv = "No.,Name,District,Built,Households,Investment (10k yuan),Year,Remarks\n\
               1,Linye Dayuan,Renhe,1985-2000,84,200,2018,\n\
               2,Yuetan,Yanbian,1997,341,\"1,200\",2018,new\n";
    let plan = plan::read_plan(csv.as_bytes(), "plan.csv", None).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let targets: Vec<_> = plan
        .mapping
        .columns
        .iter()
        .map(|c| c.target.clone())
        .collect();
    assert_eq!(
        targets,
        vec![
            Target::Serial,
            Target::Name,
            Target::District,
            Target::Built,
            Target::Households,
            Target::Investment,
            Target::Year,
            Target::Remarks
        ]
    );
    assert_eq!(plan.mapping.columns[5].unit, Some(Unit::WanYuan));
    assert_eq!(plan.rows[1].investment, Some(dec("12000000")));
    assert_eq!(plan.rows[0].built, Some((1985, 2000)));
    assert_eq!(plan.rows[1].remarks.as_deref(), Some("new"));
}

#[test]
fn mapping_recognises_estate_fields_as_facts() {
    let csv = "小区名称,户数,structurallySafe,房屋性质,城中村\n甲,10,TRUE,nonCommodity,否\n";
    let plan = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap();
    let facts: Vec<_> = plan.rows[0]
        .facts
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    assert_eq!(
        facts,
        vec![
            ("structurallySafe", Cell::Text("TRUE".into())),
            ("housingType", Cell::Text("nonCommodity".into())),
            ("urbanVillage", Cell::Text("否".into())),
        ]
    );
}

#[test]
fn given_mapping_overrides_the_guess() {
    // Headers nobody could guess: refused without a mapping…
    let csv = "甲列,乙列,丙列\n林业大院,84,200\n月潭小区,341,1200\n";
    let err = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap_err();
    assert_eq!(err.code(), "noHeader");
    // …read with one the person made.
    let col = |index: usize, target: Target, unit: Option<Unit>| ColumnMap {
        index,
        letter: String::new(),
        header: String::new(),
        target,
        unit,
    };
    let mapping = Mapping {
        header_row: 1,
        columns: vec![
            col(0, Target::Name, None),
            col(1, Target::Households, None),
            col(2, Target::Investment, Some(Unit::WanYuan)),
        ],
    };
    let plan = plan::read_plan(csv.as_bytes(), "a.csv", Some(&mapping)).unwrap();
    assert_eq!(plan.rows.len(), 2);
    assert_eq!(plan.rows[1].investment, Some(dec("12000000")));
    assert_eq!(plan.mapping.columns[2].letter, "C");

    // A guessed mapping, changed: the investment column read in 元 instead of 万元.
    let annex = annex_csv();
    let guessed = plan::read_plan(annex.as_bytes(), "a.csv", None)
        .unwrap()
        .mapping;
    let mut changed = guessed.clone();
    changed.columns[6].unit = Some(Unit::Yuan);
    changed.columns[4].target = Target::Ignored;
    let plan = plan::read_plan(annex.as_bytes(), "a.csv", Some(&changed)).unwrap();
    assert_eq!(plan.rows[0].investment, Some(dec("750")));
    assert_eq!(plan.rows[0].location, None);

    // The mapping round-trips through JSON, as a page would send it back.
    let json = serde_json::to_string(&guessed).unwrap();
    assert!(
        json.contains(r#""target":"investment","unit":"wanYuan""#),
        "{json}"
    );
    assert_eq!(header::mapping_from_json(&json).unwrap(), guessed);

    // A mapping that does not fit the file.
    let mut bad = guessed.clone();
    bad.header_row = 99;
    let err = plan::read_plan(annex.as_bytes(), "a.csv", Some(&bad)).unwrap_err();
    assert_eq!(err.code(), "badMapping");
}

#[test]
fn units_yuan_wan_yuan_and_assumed() {
    for (header, want, note) in [
        ("预计投资(万元)", "7500000", false),
        ("预计投资（万元）", "7500000", false),
        ("总投资/万元", "7500000", false),
        ("预计投资(元)", "750", false),
        ("投资额（单位：元）", "750", false),
        ("预计投资", "750", true),
    ] {
        let csv = format!("小区名称,{header}\n甲,750\n");
        let plan = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap();
        assert_eq!(plan.rows[0].investment, Some(dec(want)), "{header}");
        let assumed: Vec<_> = plan
            .problems
            .iter()
            .filter(|p| p.code == Code::UnitAssumed)
            .collect();
        assert_eq!(
            assumed.len(),
            usize::from(note),
            "{header}: {:?}",
            plan.problems
        );
        if note {
            assert_eq!(assumed[0].letter.as_deref(), Some("B"));
            assert_eq!(assumed[0].line, Some(1));
        }
    }
    // A cell's own unit wins over the column's; areas convert exactly to m².
    let csv = "小区名称,预计投资(元),建筑面积(万㎡)\n甲,\"12,825.00万\",1.25\n乙,１２３,3000㎡\n";
    let plan = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap();
    assert_eq!(plan.rows[0].investment, Some(dec("128250000")));
    assert_eq!(plan.rows[0].floor_area, Some(dec("12500")));
    assert_eq!(plan.rows[1].investment, Some(dec("123")));
    assert_eq!(plan.rows[1].floor_area, Some(dec("3000")));
}

// ---------------------------------------------------------------------------------------------
// Bad cells

#[test]
fn bad_cells_are_reported_and_the_rest_is_read() {
    let csv = "老旧小区改造计划\n\
               序号,小区名称,建成时间,户数,楼栋数,预计投资(万元)\n\
               1,甲小区,1985,12a,3,100\n\
               2,乙小区,1990,200,4,-50\n\
               3,丙小区,1995,300.5,2,80\n\
               4,丁小区,1990年代初,400,5,90\n\
               5,戊小区,2001,500,6,110\n\
               合计,,,,,430\n";
    let plan = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap();
    assert_eq!(plan.rows.len(), 5, "every row read");
    let cell_problems: Vec<_> = plan.problems.iter().filter(|p| p.row.is_some()).collect();
    let got: Vec<_> = cell_problems
        .iter()
        .map(|p| {
            (
                p.row.unwrap(),
                p.line.unwrap(),
                p.serial.as_deref().unwrap(),
                p.letter.as_deref().unwrap(),
                p.column.as_deref().unwrap(),
                p.code,
                p.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 3, "1", "D", "户数", Code::UnreadableNumber, "12a"),
            (
                1,
                4,
                "2",
                "F",
                "预计投资(万元)",
                Code::NegativeAmount,
                "-50"
            ),
            (2, 5, "3", "D", "户数", Code::NotWhole, "300.5"),
            (
                3,
                6,
                "4",
                "C",
                "建成时间",
                Code::UnreadableBuildDate,
                "1990年代初"
            ),
        ]
    );
    // The bad cells are missing, the good ones of the same rows are there.
    assert_eq!(plan.rows[0].households, None);
    assert_eq!(plan.rows[0].investment, Some(dec("1000000")));
    assert_eq!(plan.rows[1].investment, None);
    assert_eq!(plan.rows[1].households, Some(200));
    assert_eq!(plan.rows[3].built, None);
    assert_eq!(plan.rows[3].built_text.as_deref(), Some("1990年代初"));
    assert_eq!(plan.rows[4].households, Some(500));
    // The 合计 says 430万 but the readable rows add up to 380万: reported, not corrected.
    let mismatch = plan
        .problems
        .iter()
        .find(|p| p.code == Code::SubtotalMismatch)
        .unwrap();
    assert_eq!(mismatch.line, Some(8));
    // Messages exist in both languages and say where.
    let m = cell_problems[0].message();
    assert!(
        m.zh.contains("第 3 行") && m.zh.contains("D 列") && m.zh.contains("12a"),
        "{}",
        m.zh
    );
    assert!(
        m.en.contains("line 3") && m.en.contains("column D"),
        "{}",
        m.en
    );
    assert_eq!(cell_problems[2].code.as_str(), "notWhole");
}

// ---------------------------------------------------------------------------------------------
// Limits

#[test]
fn limits_refused_early() {
    use plan::limits::{MAX_BYTES, MAX_COLUMNS, MAX_ROWS};
    // Too large: refused before anything is parsed.
    let big = vec![b'a'; MAX_BYTES + 1];
    let err = plan::read_plan(&big, "a.csv", None).unwrap_err();
    assert_eq!(err.code(), "fileTooLarge");

    // Too many rows: refused at the first row over the limit, while reading.
    let mut csv = String::from("小区名称,户数\n");
    for i in 0..MAX_ROWS + 10 {
        csv.push_str(&format!("{i},1\n"));
    }
    let err = plan::read_plan(csv.as_bytes(), "a.csv", None).unwrap_err();
    assert_eq!(err.code(), "tooManyRows");
    let gaizao::Error::PlanFile { problem, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problem.line, Some(MAX_ROWS + 1));

    // Too many columns.
    let wide = format!("小区名称,户数{}\n", ",x".repeat(MAX_COLUMNS));
    let err = plan::read_plan(wide.as_bytes(), "a.csv", None).unwrap_err();
    assert_eq!(err.code(), "tooManyColumns");
    // …but trailing empty fields (a spreadsheet's padding) are not columns.
    let padded = format!("小区名称,户数{}\n甲,1\n", ",".repeat(MAX_COLUMNS * 2));
    assert!(plan::read_plan(padded.as_bytes(), "a.csv", None).is_ok());

    // xlsx: a cell beyond the last column is refused as it is met.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "小区名称").unwrap();
    ws.write_string(0, 1, "户数").unwrap();
    ws.write_string(1, MAX_COLUMNS as u16 + 5, "x").unwrap();
    let err = plan::read_plan(&book.save_to_buffer().unwrap(), "a.xlsx", None).unwrap_err();
    assert_eq!(err.code(), "tooManyColumns");

    // ods: a row repeated a billion times is refused before calamine expands it.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1000000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content),
    ]);
    let err = plan::read_plan(&ods, "bomb.ods", None).unwrap_err();
    assert_eq!(err.code(), "tooManyRows");
}

fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in entries {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(*name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn not_a_table_is_refused_with_a_clear_error() {
    let err = plan::read_plan(b"PK\x03\x04garbage", "a.xlsx", None).unwrap_err();
    assert_eq!(err.code(), "unreadableFile");
    assert!(err.message().zh.contains("无法读取"));
    let err = plan::read_plan(b"", "a.csv", None).unwrap_err();
    assert_eq!(err.code(), "noData");
    let err = plan::read_plan("只是一段话\n没有表格".as_bytes(), "a.txt", None).unwrap_err();
    assert_eq!(err.code(), "noHeader");
}

// ---------------------------------------------------------------------------------------------
// Export

fn sample_sheets() -> Vec<export::Sheet> {
    use export::{Column, ExportCell as E, Sheet};
    vec![
        Sheet {
            name: "明细".into(),
            columns: vec![
                Column::new("序号"),
                Column::new("小区名称"),
                Column::new("户数").with_format("#,##0"),
                Column::new("预计投资（元）"),
            ],
            rows: vec![
                vec![
                    E::Integer(1),
                    E::Text("林业大院".into()),
                    E::Integer(84),
                    E::Number(dec("2000000.00")),
                ],
                vec![
                    E::Integer(2),
                    E::Text("大渡口东林巷小区".into()),
                    E::Integer(955),
                    E::Number(dec("23875000.50")),
                ],
            ],
        },
        Sheet {
            name: "汇总".into(),
            columns: vec![Column::new("县(区)"), Column::new("投资（元）")],
            rows: vec![vec![E::Text("东区".into()), E::Number(dec("83475000"))]],
        },
    ]
}

#[test]
fn export_xlsx_has_real_numbers_and_reads_back() {
    let options = export::XlsxOptions {
        created: Some((2024, 1, 2)),
        title: Some("年度改造计划".into()),
        author: None,
    };
    let bytes = export::write_xlsx(&sample_sheets(), &options).unwrap();
    assert_eq!(
        bytes,
        export::write_xlsx(&sample_sheets(), &options).unwrap(),
        "deterministic with a date"
    );
    let grid = plan::grid::read_grid(&bytes, "out.xlsx").unwrap();
    assert_eq!(grid.source.sheet.as_deref(), Some("明细"));
    assert_eq!(grid.rows[0].get(1), &Cell::Text("小区名称".into()));
    assert_eq!(
        grid.rows[2].get(3),
        &Cell::Number(dec("23875000.5")),
        "a number cell, exact"
    );
    assert_eq!(grid.rows[1].get(2), &Cell::Number(dec("84")));
    // The header is frozen and the number format is there.
    let sheet_xml = unzip(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains(r#"state="frozen""#), "{sheet_xml}");
    let styles = unzip(&bytes, "xl/styles.xml");
    assert!(styles.contains("#,##0.00"), "{styles}");
    // And it reads as a plan again.
    let plan = plan::read_plan(&bytes, "out.xlsx", None).unwrap();
    assert_eq!(plan.rows[1].investment, Some(dec("23875000.5")));
}

fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn export_csv_is_utf8_with_bom_and_reads_back() {
    let bytes = export::write_csv(&sample_sheets()[0]).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(
        text.starts_with("序号,小区名称,户数,预计投资（元）\r\n1,林业大院,84,2000000.00\r\n"),
        "{text}"
    );
    let plan = plan::read_plan(&bytes, "out.csv", None).unwrap();
    assert_eq!(plan.rows[1].investment, Some(dec("23875000.50")));
}

// ---------------------------------------------------------------------------------------------
// Robustness

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn names() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a.xlsx", "a.xls", "a.ods", "a.csv", "a.tsv", "a.txt", "", "a.et",
        ])
    }

    fn prefixes() -> impl Strategy<Value = Vec<u8>> {
        prop::sample::select(vec![
            Vec::new(),
            b"PK\x03\x04".to_vec(),
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            b"\xEF\xBB\xBF".to_vec(),
            b"\xFF\xFE".to_vec(),
            "序号,小区名称,户数,预计投资(万元),建成时间,改造年度\n"
                .as_bytes()
                .to_vec(),
        ])
    }

    /// 256 cases per property; `PLAN_PROPTEST_CASES=100000` for a longer hunt.
    fn cases() -> u32 {
        std::env::var("PLAN_PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        #[test]
        fn arbitrary_bytes(prefix in prefixes(), body in prop::collection::vec(any::<u8>(), 0..2048), name in names()) {
            let mut bytes = prefix;
            bytes.extend(body);
            let _ = plan::read_plan(&bytes, name, None);
        }

        #[test]
        fn arbitrary_text_rows(cells in prop::collection::vec("[0-9０-９,.\\-— 年代万元户合计总至()共个a-z\t\"]{0,12}", 0..60)) {
            let mut csv = String::from("序号,小区名称,县(区),建成时间,户数,预计投资(万元),改造年度\n");
            for chunk in cells.chunks(7) {
                csv.push_str(&chunk.join(","));
                csv.push('\n');
            }
            if let Ok(plan) = plan::read_plan(csv.as_bytes(), "a.csv", None) {
                for p in &plan.problems {
                    let _ = p.message();
                }
                let _ = plan.totals();
            }
        }

        #[test]
        fn damaged_annex_workbooks(pos in 0usize..20_000, byte in any::<u8>(), which in 0usize..3) {
            let mut bytes = match which {
                0 => annex_xlsx(),
                1 => include_bytes!("fixtures/plan/annex.xls").to_vec(),
                _ => include_bytes!("fixtures/plan/annex.ods").to_vec(),
            };
            let len = bytes.len();
            bytes[pos % len] = byte;
            let _ = plan::read_plan(&bytes, ["a.xlsx", "a.xls", "a.ods"][which], None);
        }
    }
}
