//! A synthetic national list of 220,000 compounds (the size of the national programme), as text
//! records, CSV and xlsx: a title row, the header, a year cell on each block's first row, a 合计
//! after each year's block of 55,000; 1.5–3.5万元 per household, and the kinds of problem a real
//! list has in about the proportions Panzhihua's annex has them (blank and boundary-year build
//! dates, a few compounds built too late, listed twice, or with a slipped decimal point). Shared by `examples/plan_national.rs` and
//! `benches/plan.rs`.
#![allow(dead_code)]

pub const ROWS: usize = 220_000;
pub const DISTRICTS: [&str; 12] = [
    "东区",
    "西区",
    "仁和区",
    "米易县",
    "盐边县",
    "钒钛高新区",
    "城关区",
    "七里河区",
    "西固区",
    "安宁区",
    "红古区",
    "榆中县",
];
/// Build dates as officials write them; one in ten blank, one in ten ending in 2000 (the
/// boundary year), like Panzhihua's annex.
pub const BUILT: [&str; 10] = [
    "1985",
    "1980 年代",
    "1985— 2000",
    "",
    "1997",
    "1978—1984",
    "1992",
    "1990 年代",
    "1988",
    "1995",
];
pub const HEADER: [&str; 9] = [
    "序号",
    "老旧小区名称",
    "县(区)",
    "建成时间",
    "小区位置",
    "户数",
    "预计投资(万元)",
    "改造年度计划",
    "备注",
];

/// The rows as text cells: a 合计 row after each year's block of 55,000, a 总计 at the end.
pub fn records() -> Vec<Vec<String>> {
    let mut out = vec![
        vec!["全国城镇老旧小区改造计划表".to_string()],
        HEADER.iter().map(|s| s.to_string()).collect(),
    ];
    let block = ROWS / 4;
    let (mut hh, mut inv) = (0u64, 0u64); // investment in tenths of 万元
    for i in 0..ROWS {
        let households = 50 + (i * 37 % 1500) as u64;
        // 1.5–3.5万元 per household (the national average is ≈ 2.7万), in tenths of 万元; one
        // row in a thousand ten times too low, as a slipped decimal point would make it.
        let per_household = 15 + (i * 53 % 21) as u64;
        let mut tenths = households * per_household;
        if i % 1000 == 999 {
            tenths /= 10;
        }
        let tenths = tenths.max(1);
        hh += households;
        inv += tenths;
        // One compound in two thousand listed twice (the same name in the same district).
        let n = if i % 2000 == 1999 { i - 1 } else { i };
        out.push(vec![
            (i + 1).to_string(),
            format!("第{}街道{}号院小区", n % 900 + 1, n),
            DISTRICTS[i / 1000 % DISTRICTS.len()].to_string(),
            if i % 500 == 499 {
                "2005".to_string()
            } else {
                BUILT[i % BUILT.len()].to_string()
            },
            format!("{}路{}号", DISTRICTS[i % DISTRICTS.len()], i % 500),
            households.to_string(),
            format!("{}.{}", tenths / 10, tenths % 10),
            if i % block == 0 {
                format!("{}年 (共{}个)", 2021 + i / block, block)
            } else {
                String::new()
            },
            String::new(),
        ]);
        if (i + 1) % block == 0 {
            let mut total = vec![String::new(); 9];
            total[0] = "合计".into();
            total[5] = hh.to_string();
            total[6] = format!("{}.{}", inv / 10, inv % 10);
            out.push(total);
            hh = 0;
            inv = 0;
        }
    }
    out
}

pub fn csv_bytes(records: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in records {
        w.write_record(r).expect("record");
    }
    w.into_inner().expect("flush")
}

/// The workbook as an official's: numbers as number cells, and each year cell merged down over
/// its block (as in Panzhihua's annex), the covered cells empty.
pub fn xlsx_bytes(records: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    let mut block: Option<(u32, String)> = None;
    for (r, rec) in records.iter().enumerate() {
        if rec.first().is_some_and(|c| c == "合计") {
            if let Some((first, year)) = block.take() {
                ws.merge_range(first, 7, r as u32 - 1, 7, &year, &plain)
                    .expect("merge");
            }
        }
        for (c, v) in rec.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            if r > 1 && c == 7 {
                block = Some((r as u32, v.clone()));
                continue;
            }
            let numeric = r > 1 && matches!(c, 0 | 5 | 6) && v.parse::<f64>().is_ok();
            if numeric {
                ws.write_number(r as u32, c as u16, v.parse::<f64>().unwrap_or(0.0))
                    .expect("write");
            } else {
                ws.write_string(r as u32, c as u16, v).expect("write");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}
