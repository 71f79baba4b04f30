//! Annex 1 of 攀委办〔2018〕40号 (Panzhihua's 老旧小区改造年度实施计划表), transcribed cell for cell
//! as the official typed it, and the inputs built from it: the CSV that Excel or WPS exports
//! (title rows, the year cell only on a block's first row, 合计 and 总计 rows) and the workbook
//! with the title merged across and the year merged down over each block. Shared by the tests of
//! the reader (tests/plan_read.rs), the engine (tests/plan.rs) and the command line.
#![allow(dead_code)]

use std::str::FromStr;

use rust_decimal::Decimal;
// ---------------------------------------------------------------------------------------------
// The annex, transcribed

/// A build date as the official typed it: blank, text, or a bare year (a number cell).
#[derive(Clone, Copy)]
pub enum Built {
    Blank,
    Text(&'static str),
    Year(i32),
}

pub struct Row {
    pub serial: u32,
    pub name: &'static str,
    pub district: &'static str,
    pub built: Built,
    pub location: &'static str,
    pub households: u64,
    /// 万元, as written
    pub investment: &'static str,
}

pub struct Block {
    pub year_cell: &'static str,
    pub year: i32,
    pub declared: u64,
    pub households: u64,
    pub investment: &'static str,
    pub rows: &'static [Row],
}

pub const fn r(
    serial: u32,
    name: &'static str,
    district: &'static str,
    built: Built,
    location: &'static str,
    households: u64,
    investment: &'static str,
) -> Row {
    Row {
        serial,
        name,
        district,
        built,
        location,
        households,
        investment,
    }
}

pub use Built::{Blank, Text as T, Year as Y};

pub const BLOCKS: &[Block] = &[
    Block {
        year_cell: "2018年 (共9个)",
        year: 2018,
        declared: 9,
        households: 4071,
        investment: "7475",
        rows: &[
            r(
                1,
                "炳草岗园林苗圃小区",
                "东区",
                Blank,
                "临江路(攀枝花市武警支队斜对面)",
                300,
                "750",
            ),
            r(
                2,
                "大渡口街道金福小区",
                "东区",
                Blank,
                "五十四小商品批发城后",
                1130,
                "2825",
            ),
            r(
                3,
                "玉树巷整治项目",
                "西区",
                T("1980 年代"),
                "清香坪",
                96,
                "200",
            ),
            r(
                4,
                "水泥厂家属区",
                "西区",
                T("1990 年代"),
                "格里坪镇龙泉社区飞歌巷3号",
                394,
                "600",
            ),
            r(
                5,
                "建筑机械化小区二期",
                "仁和区",
                Y(1970),
                "攀枝花大道南段756",
                645,
                "800",
            ),
            r(
                6,
                "林业大院",
                "仁和区",
                T("1985— 2000"),
                "华美巷26号1、2、3、4栋",
                84,
                "200",
            ),
            r(7, "月潭小区", "盐边县", Y(1997), "月潭社区", 341, "1200"),
            r(
                8,
                "米易县教师园区(一期)",
                "米易县",
                Y(2000),
                "河西社区",
                700,
                "700",
            ),
            r(
                9,
                "金江镇大沙坝社区",
                "钒钛高新区",
                Y(1984),
                "金沙江大道东段175号、279号",
                381,
                "200",
            ),
        ],
    },
    Block {
        year_cell: "2019年 (共11个)",
        year: 2019,
        declared: 11,
        households: 4391,
        investment: "9264.5",
        rows: &[
            r(
                10,
                "炳草岗酿造厂小区(鸿海巷小区)",
                "东区",
                Blank,
                "市实验小学后",
                210,
                "525",
            ),
            r(
                11,
                "大渡口东林巷小区",
                "东区",
                Blank,
                "东区政府周边一片",
                955,
                "2387.5",
            ),
            r(
                12,
                "和平巷整治项目",
                "西区",
                T("1980 年代"),
                "河门口",
                260,
                "300",
            ),
            r(
                13,
                "建福巷整治项目",
                "西区",
                T("1980 年代"),
                "清香坪",
                308,
                "350",
            ),
            r(
                14,
                "建树巷整治项目",
                "西区",
                T("1990 年代"),
                "清香坪",
                310,
                "500",
            ),
            r(
                15,
                "六〇一家属区",
                "仁和区",
                Y(1988),
                "大河中路街办",
                360,
                "800",
            ),
            r(
                16,
                "仁和第二农贸市场及烧烤城周边安置房",
                "仁和区",
                Y(1998),
                "宝灵南街",
                500,
                "1500",
            ),
            r(17, "银星小区", "盐边县", Y(1997), "盐边县城", 226, "795"),
            r(18, "望江小区", "盐边县", Y(1997), "盐边县城", 356, "1250"),
            r(19, "河熙小区", "米易县", Y(1985), "河西社区", 407, "407"),
            r(
                20,
                "金江镇金江社区",
                "钒钛高新区",
                Y(1979),
                "彩霞巷9号、15号、17号,金沙江大道东段103号1、2、3、4栋",
                499,
                "450",
            ),
        ],
    },
    Block {
        year_cell: "2020年 (共10个)",
        year: 2020,
        declared: 10,
        households: 5323,
        investment: "9026",
        rows: &[
            r(
                21,
                "大渡口街道糖酒公司至石油小区",
                "东区",
                Blank,
                "五十四原糖酒公司",
                336,
                "840",
            ),
            r(
                22,
                "长寿路街道三一家属区",
                "东区",
                Blank,
                "炳枣大桥北长春巷",
                408,
                "1020",
            ),
            r(
                23,
                "金沙江木材水运局家属区",
                "西区",
                T("1970 年代"),
                "格里坪田辉巷、田园巷、金沙滩路、通江路、苏铁西路",
                1454,
                "1000",
            ),
            r(
                24,
                "牛羊肉美食一条街",
                "仁和区",
                Y(1999),
                "中坝加油站北侧",
                200,
                "600",
            ),
            r(
                25,
                "大河南路社区木综厂小区",
                "仁和区",
                Y(2007),
                "嘉园巷9号",
                240,
                "300",
            ),
            r(
                26,
                "原机械厂家属区",
                "仁和区",
                T("1978— 1984"),
                "仁和区814号北京华联对面",
                116,
                "240",
            ),
            r(27, "红星小区", "盐边县", Y(1997), "盐边县城", 607, "2125"),
            r(28, "文化小区", "盐边县", Y(1997), "盐边县城", 496, "1736"),
            r(29, "府城路片区", "米易县", Y(1998), "城北社区", 565, "565"),
            r(
                30,
                "金江镇小鲜石社区",
                "钒钛高新区",
                Y(1970),
                "金沙江大道东段425号、639号",
                901,
                "600",
            ),
        ],
    },
];
pub const GRAND: (u64, &str) = (13785, "25765.5");
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

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

pub fn wan(s: &str) -> Decimal {
    dec(s) * Decimal::from(10_000)
}

pub fn rows() -> impl Iterator<Item = (&'static Block, &'static Row)> {
    BLOCKS
        .iter()
        .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
}

/// The annex as text records, as Excel or WPS exports it to CSV: attachment and title rows, the
/// header, a merged year cell only on its first row, 合计 after each block, 总计 at the end.
pub fn annex_records() -> Vec<Vec<String>> {
    let mut out = vec![
        vec!["附件1".to_string()],
        vec!["老旧小区改造年度实施计划表".to_string()],
    ];
    out.push(HEADER.iter().map(|s| s.to_string()).collect());
    for b in BLOCKS {
        for (i, row) in b.rows.iter().enumerate() {
            let built = match row.built {
                Blank => String::new(),
                T(t) => t.to_string(),
                Y(y) => y.to_string(),
            };
            out.push(vec![
                row.serial.to_string(),
                row.name.into(),
                row.district.into(),
                built,
                row.location.into(),
                row.households.to_string(),
                row.investment.into(),
                if i == 0 {
                    b.year_cell.into()
                } else {
                    String::new()
                },
                String::new(),
            ]);
        }
        out.push(subtotal_record("合计", b.households, b.investment));
    }
    out.push(subtotal_record("总计", GRAND.0, GRAND.1));
    out
}

pub fn subtotal_record(label: &str, households: u64, investment: &str) -> Vec<String> {
    let mut v = vec![String::new(); 9];
    v[0] = label.into();
    v[5] = households.to_string();
    v[6] = investment.into();
    v
}

pub fn delimited(records: &[Vec<String>], delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::new());
    for r in records {
        w.write_record(r).expect("record");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
}

pub fn annex_csv() -> String {
    delimited(&annex_records(), b',')
}

/// The annex as an official's workbook: title merged across the table, the year merged down over
/// each block, 合计/总计 merged across A:E, numbers as number cells.
pub fn annex_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut book = Workbook::new();
    let plain = XFormat::new();
    let ws = book.add_worksheet();
    ws.set_name("附件1").unwrap();
    ws.write_string(0, 0, "附件1").unwrap();
    ws.merge_range(1, 0, 1, 8, "老旧小区改造年度实施计划表", &plain)
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let mut r = 3u32;
    for b in BLOCKS {
        let first = r;
        for row in b.rows {
            ws.write_number(r, 0, row.serial as f64).unwrap();
            ws.write_string(r, 1, row.name).unwrap();
            ws.write_string(r, 2, row.district).unwrap();
            match row.built {
                Blank => {}
                T(t) => {
                    ws.write_string(r, 3, t).unwrap();
                }
                Y(y) => {
                    ws.write_number(r, 3, y as f64).unwrap();
                }
            }
            ws.write_string(r, 4, row.location).unwrap();
            ws.write_number(r, 5, row.households as f64).unwrap();
            ws.write_number(r, 6, row.investment.parse::<f64>().unwrap())
                .unwrap();
            r += 1;
        }
        ws.merge_range(first, 7, r - 1, 7, b.year_cell, &plain)
            .unwrap();
        ws.merge_range(r, 0, r, 4, "合计", &plain).unwrap();
        ws.write_number(r, 5, b.households as f64).unwrap();
        ws.write_number(r, 6, b.investment.parse::<f64>().unwrap())
            .unwrap();
        r += 1;
    }
    ws.merge_range(r, 0, r, 4, "总计", &plain).unwrap();
    ws.write_number(r, 5, GRAND.0 as f64).unwrap();
    ws.write_number(r, 6, GRAND.1.parse::<f64>().unwrap())
        .unwrap();
    book.save_to_buffer().unwrap()
}
