//! Finding the header row and mapping its columns to plan fields.
//!
//! The header is the row, among the first [`HEADER_SCAN_ROWS`], that names the most known
//! columns (title rows above it name none). A header is matched after normalising it: spaces and
//! line breaks removed, full-width letters, digits and brackets made half-width, case ignored, a
//! unit in brackets or after a slash split off (`预计投资（万元）`, `Investment (10k yuan)`,
//! `建筑面积/㎡`). The result is a plain [`Mapping`] that a person can look at and change, then
//! give back to [`crate::plan::read_plan`].

use crate::input::tree::Tree;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::grid::{Cell, Grid};
pub use super::limits::HEADER_SCAN_ROWS;
use super::problem::{CellProblem, Code};
use crate::input::read::{FromJson, Reader};
use crate::schema::ESTATE;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// 序号
    Serial,
    /// 小区名称 / 项目名称
    Name,
    /// 县(区)
    District,
    /// 建成时间: a year, a decade or a range
    Built,
    /// 小区位置 / 地址
    Location,
    /// 户数
    Households,
    /// 楼栋数
    Buildings,
    /// 建筑面积 (read into m²)
    FloorArea,
    /// 预计投资 (read into 元)
    Investment,
    /// 改造年度
    Year,
    /// 改造内容
    Content,
    /// 备注
    Remarks,
    /// Any other field of the compound (an estate key such as `structurallySafe`), kept as the
    /// cell's value for the planning code to read.
    Fact(String),
    /// Not read.
    Ignored,
}

impl Target {
    /// The name used in JSON: `name`, `households`, …, `fact:structurallySafe`, `ignored`.
    pub fn key(&self) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow;
        Cow::Borrowed(match self {
            Target::Serial => "serial",
            Target::Name => "name",
            Target::District => "district",
            Target::Built => "built",
            Target::Location => "location",
            Target::Households => "households",
            Target::Buildings => "buildings",
            Target::FloorArea => "floorArea",
            Target::Investment => "investment",
            Target::Year => "year",
            Target::Content => "content",
            Target::Remarks => "remarks",
            Target::Fact(k) => return Cow::Owned(format!("fact:{k}")),
            Target::Ignored => "ignored",
        })
    }

    /// Reads [`Target::key`] back.
    pub fn from_key(key: &str) -> Option<Target> {
        if let Some(k) = key.strip_prefix("fact:") {
            return (!k.is_empty()).then(|| Target::Fact(k.to_string()));
        }
        FIXED
            .iter()
            .find(|t| t.key() == key)
            .cloned()
            .or(match key {
                "ignored" => Some(Target::Ignored),
                _ => None,
            })
    }

    /// The Chinese name of the field, for headers of exports and messages.
    pub fn label_zh(&self) -> &str {
        match self {
            Target::Serial => "序号",
            Target::Name => "小区名称",
            Target::District => "县(区)",
            Target::Built => "建成时间",
            Target::Location => "小区位置",
            Target::Households => "户数",
            Target::Buildings => "楼栋数",
            Target::FloorArea => "建筑面积",
            Target::Investment => "预计投资",
            Target::Year => "改造年度",
            Target::Content => "改造内容",
            Target::Remarks => "备注",
            Target::Fact(k) => k,
            Target::Ignored => "（不读取）",
        }
    }
}

/// The plan's own targets, in the order a page lists them.
pub(super) const FIXED: [Target; 12] = [
    Target::Serial,
    Target::Name,
    Target::District,
    Target::Built,
    Target::Location,
    Target::Households,
    Target::Buildings,
    Target::FloorArea,
    Target::Investment,
    Target::Year,
    Target::Content,
    Target::Remarks,
];

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

/// The unit a money or area column is written in; values are converted exactly to 元 and m².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// 元
    Yuan,
    /// 万元 (10,000 元)
    WanYuan,
    /// ㎡ / 平方米 / m²
    SquareMetre,
    /// 万㎡ / 万平方米 (10,000 m²)
    WanSquareMetre,
}

impl Unit {
    /// What one written unit is in 元 or m².
    pub fn factor(self) -> Decimal {
        match self {
            Unit::Yuan | Unit::SquareMetre => Decimal::ONE,
            Unit::WanYuan | Unit::WanSquareMetre => Decimal::from(10_000),
        }
    }

    /// Whether this is a money unit (元, 万元) rather than an area unit: a column's unit must fit its
    /// target.
    pub fn is_money(self) -> bool {
        matches!(self, Unit::Yuan | Unit::WanYuan)
    }

    /// The unit as a header writes it (元, 万元, ㎡, 万㎡), for tables and exports.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::SquareMetre => "㎡",
            Unit::WanSquareMetre => "万㎡",
        }
    }

    fn from_key(key: &str) -> Option<Unit> {
        Some(match key {
            "yuan" => Unit::Yuan,
            "wanYuan" => Unit::WanYuan,
            "squareMetre" => Unit::SquareMetre,
            "wanSquareMetre" => Unit::WanSquareMetre,
            _ => return None,
        })
    }
}

/// One column of the file and what it is read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMap {
    /// 0-based column index (A = 0).
    pub index: usize,
    /// The column letter as the spreadsheet shows it.
    pub letter: String,
    /// The header text as written.
    pub header: String,
    /// What the column is read as; an official corrects a wrong guess by editing this.
    pub target: Target,
    /// The unit of a money or area column (from the header, or assumed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
}

/// How a file's columns are read: the header row and every column with a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// The header row's line (1-based, the row number in a workbook).
    pub header_row: usize,
    /// Every column with a header, left to right, each with what it is read as.
    pub columns: Vec<ColumnMap>,
}

impl Mapping {
    /// Reads the columns that no estate field claimed as the pack's own facts, when their header
    /// is such a fact's key or label (由市煤气总公司供气 → `cityGasCompanyArea`), or one figure of a
    /// pack's tally by its path (`residentSupport.inFavour`) or — when the pack has one tally of
    /// its kind — by the figure's label (支持的户数). The header row is read before the pack is
    /// known, so this is a second step; it returns how many columns it mapped.
    pub fn adopt_pack_facts(&mut self, pack: &crate::policy::ResolvedPack) -> usize {
        use crate::policy::model::LocalFactKind;
        use crate::record::{LocalFacts, LocalKind};
        let mut names: Vec<(String, String)> = Vec::new();
        let mut tallies: Vec<(&'static crate::schema::Schema, &str)> = Vec::new();
        for f in &pack.facts {
            let s = &f.spec;
            if s.kind != LocalFactKind::Tally {
                for n in [s.key.as_str(), s.label.zh.as_str(), s.label.en.as_str()] {
                    names.push((normalise(n), s.key.clone()));
                }
            } else if let Some(LocalKind::Tally(schema)) = pack.local_kind(&s.key) {
                tallies.push((schema, s.key.as_str()));
            }
        }
        for (schema, key) in &tallies {
            let alone = tallies
                .iter()
                .filter(|(t, _)| std::ptr::eq(*t, *schema))
                .count()
                == 1;
            for part in schema
                .fields
                .iter()
                .filter(|p| !matches!(p.kind, crate::schema::Kind::Group))
            {
                let path = format!("{key}.{}", part.key);
                names.push((normalise(&path), path.clone()));
                if alone {
                    for n in [part.label.zh, part.label.en] {
                        names.push((normalise(n), path.clone()));
                    }
                }
            }
        }
        let mut adopted = 0;
        for i in 0..self.columns.len() {
            let Some(c) = self.columns.get(i) else { break };
            if c.target != Target::Ignored {
                continue;
            }
            let n = normalise(&c.header);
            let Some((_, key)) = names.iter().find(|(m, _)| !m.is_empty() && *m == n) else {
                continue;
            };
            let target = Target::Fact(key.clone());
            if self.columns.iter().any(|c| c.target == target) {
                continue; // a second column for the same fact stays unread, as `settle` does
            }
            if let Some(c) = self.columns.get_mut(i) {
                c.target = target;
                adopted += 1;
            }
        }
        adopted
    }

    /// The column read as `target`, if any (the first).
    pub fn column(&self, target: &Target) -> Option<&ColumnMap> {
        self.columns.iter().find(|c| &c.target == target)
    }
}

/// A, B, …, Z, AA, AB, … for a 0-based index.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Header names of the targets that are not facts of the compound (序号, 位置, 投资, 年度, 内容,
/// 备注), normalised (see [`normalise`]). Every fact of the compound — name, district, build
/// date, households, floor area and all the others — is recognised by the one declaration of
/// [`ESTATE`]: its key, its Chinese and English labels and its spreadsheet `aliases`.
const PLAN_ALIASES: &[(Target, &[&str])] = &[
    (
        Target::Serial,
        &[
            "序号", "编号", "序", "no", "no.", "#", "serial", "serialno", "s/n",
        ],
    ),
    (
        Target::Location,
        &[
            "小区位置",
            "地址",
            "位置",
            "小区地址",
            "详细地址",
            "所在位置",
            "location",
            "address",
        ],
    ),
    (
        Target::Investment,
        &[
            "预计投资",
            "总投资",
            "投资",
            "投资额",
            "估算投资",
            "计划投资",
            "预计总投资",
            "投资估算",
            "概算投资",
            "investment",
            "estimatedinvestment",
            "totalinvestment",
            "budget",
            "cost",
        ],
    ),
    (
        Target::Year,
        &[
            "改造年度",
            "改造年度计划",
            "年度",
            "计划年度",
            "改造年份",
            "实施年度",
            "年度计划",
            "year",
            "planyear",
            "renovationyear",
        ],
    ),
    (
        Target::Content,
        &[
            "改造内容",
            "主要改造内容",
            "建设内容",
            "content",
            "renovationcontent",
            "works",
            "scope",
        ],
    ),
    (
        Target::Remarks,
        &[
            "备注", "remarks", "remark", "notes", "note", "comment", "comments",
        ],
    ),
];

/// The plan field an estate field is read into: the fields a plan has columns of its own for
/// (name, district, build date, households, buildings, floor area), else a fact by its key.
/// Groups (`owners`, `ownerArea`, `maintenanceFund`) hold no value of their own: `None`.
pub fn target_of_field(field: &crate::schema::Field) -> Option<Target> {
    use crate::schema::Kind;
    Some(match field.key {
        "name" => Target::Name,
        "district" => Target::District,
        "builtYear" | "builtYears" => Target::Built,
        "households" => Target::Households,
        "buildings" => Target::Buildings,
        "floorArea" => Target::FloorArea,
        _ if matches!(field.kind, Kind::Group) => return None,
        key => Target::Fact(key.to_string()),
    })
}

/// Every header name, normalised, with its target: built once from [`PLAN_ALIASES`] and the
/// estate schema's keys, labels and aliases (a name given twice keeps its first target).
fn names() -> &'static std::collections::HashMap<String, Target> {
    static NAMES: std::sync::OnceLock<std::collections::HashMap<String, Target>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for (t, names) in PLAN_ALIASES {
            for n in *names {
                map.entry(normalise(n)).or_insert_with(|| t.clone());
            }
        }
        for f in ESTATE.fields {
            let Some(t) = target_of_field(f) else {
                continue;
            };
            let all = [f.key, f.label.zh, f.label.en]
                .into_iter()
                .chain(f.aliases.iter().copied());
            for n in all {
                let n = normalise(n);
                if !n.is_empty() {
                    map.entry(n).or_insert_with(|| t.clone());
                }
            }
        }
        map
    })
}

/// Lower-case, half-width, without spaces: the form headers are compared in.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalised_chars(s, |c| out.push(c));
    while out.ends_with(':') || out.ends_with('：') {
        out.pop();
    }
    out
}

/// The characters of [`normalise`], before the trailing colons are cut.
fn normalised_chars(s: &str, mut f: impl FnMut(char)) {
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        let c = match c {
            '【' | '〔' | '[' | '〖' => '(',
            '】' | '〕' | ']' | '〗' => ')',
            c => c,
        };
        if c.is_whitespace() || c == '*' || c == '\u{200B}' || c == '\u{FEFF}' {
            continue;
        }
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut f);
        }
    }
}

/// `normalise(text) == normalised`, without building the normalised text: what every row of a
/// plan is checked with (does it repeat the header?).
pub fn matches_normalised(text: &str, normalised: &str) -> bool {
    let mut want = normalised.chars();
    let mut ok = true;
    let mut past_end = false;
    normalised_chars(text, |c| {
        if !ok {
            return;
        }
        if past_end {
            // Only the trailing colons normalise cuts may follow.
            ok = c == ':' || c == '：';
            return;
        }
        match want.next() {
            Some(w) if w == c => {}
            Some(_) => ok = false,
            None => {
                past_end = true;
                ok = c == ':' || c == '：';
            }
        }
    });
    ok && want.next().is_none()
}

/// A unit written in a header (normalised): `Some(Some(unit))` for money and area units,
/// `Some(None)` for count units (户, 栋, 个), `None` if the text is not a unit.
fn unit_of(text: &str) -> Option<Option<Unit>> {
    let t = text
        .strip_prefix("单位")
        .map(|t| t.trim_start_matches([':', '：']))
        .unwrap_or(text);
    Some(Some(match t {
        "万元" | "万" | "10kyuan" | "10,000yuan" | "10000yuan" | "tenthousandyuan" | "wanyuan"
        | "万元人民币" | "10k" => Unit::WanYuan,
        "元" | "yuan" | "rmb" | "cny" | "元人民币" => Unit::Yuan,
        "万㎡" | "万平方米" | "万m2" | "万m²" | "万平米" | "10km2" | "10km²" | "10ksqm" => {
            Unit::WanSquareMetre
        }
        "㎡" | "平方米" | "m2" | "m²" | "平米" | "sqm" | "sq.m" | "sq.m." | "m^2" => {
            Unit::SquareMetre
        }
        "户" | "栋" | "幢" | "个" | "年" | "处" => return Some(None),
        _ => return None,
    }))
}

/// What a header names, with the unit it gives.
pub fn recognise(header: &str) -> (Target, Option<Unit>) {
    let n = normalise(header);
    if n.is_empty() {
        return (Target::Ignored, None);
    }
    if let Some(t) = lookup(&n) {
        return (t, None);
    }
    // A unit in brackets at the end, or after a slash: 预计投资(万元), 建筑面积/㎡.
    let split = if n.ends_with(')') {
        n.rfind('(').map(|i| (&n[..i], &n[i + 1..n.len() - 1]))
    } else {
        n.rfind('/').map(|i| (&n[..i], &n[i + 1..]))
    };
    if let Some((base, inner)) = split {
        if let Some(t) = lookup(base) {
            return match unit_of(inner) {
                Some(u) => (t, u),
                None => (t, None),
            };
        }
    }
    // A unit written straight after the name: 投资万元, 建筑面积㎡.
    for suffix in ["万元", "元", "万平方米", "平方米", "万㎡", "㎡", "m2", "m²"] {
        if let Some(base) = n.strip_suffix(suffix) {
            if let Some(t) = lookup(base) {
                return (t, unit_of(suffix).flatten());
            }
        }
    }
    (Target::Ignored, None)
}

fn lookup(n: &str) -> Option<Target> {
    names().get(n).cloned()
}

/// How many distinct known columns a row names.
fn score(cells: &[Cell]) -> usize {
    let mut seen: Vec<Target> = Vec::new();
    for c in cells {
        if let Cell::Text(s) = c {
            let (t, _) = recognise(s);
            if t != Target::Ignored && !seen.contains(&t) {
                seen.push(t);
            }
        }
    }
    seen.len()
}

/// Finds the header row and maps its columns; notes (assumed units, duplicate columns, no name
/// column) are returned with it.
pub fn guess_mapping(grid: &Grid) -> Option<(Mapping, Vec<CellProblem>)> {
    let mut best: Option<(usize, usize)> = None; // (score, row index)
    for (i, row) in grid.rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let s = score(&row.cells);
        if s >= 2 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, i));
        }
    }
    let (_, i) = best?;
    let row = grid.rows.get(i)?;
    let mut columns = Vec::new();
    for (index, cell) in row.cells.iter().enumerate() {
        let Some(header) = cell.text() else { continue };
        let (target, unit) = recognise(&header);
        columns.push(ColumnMap {
            index,
            letter: column_letter(index),
            header: header.into_owned(),
            target,
            unit,
        });
    }
    let mut mapping = Mapping {
        header_row: row.line,
        columns,
    };
    let notes = settle(&mut mapping);
    Some((mapping, notes))
}

/// For an estate fact counted in 元 (`Some(true)`) or in m² (`Some(false)`): its column has a unit.
pub fn fact_unit(key: &str) -> Option<bool> {
    use crate::schema::{Kind, Unit as U};
    let (_, f) = ESTATE.field(key)?;
    match (f.kind, f.unit) {
        (Kind::Decimal { .. }, Some(U::Yuan)) => Some(true),
        (Kind::Decimal { .. }, Some(U::SquareMetre)) => Some(false),
        _ => None,
    }
}

/// Makes a mapping consistent and says what was assumed: a second column for a field is
/// ignored, a money column without a unit is read in 元 and an area column in m².
pub fn settle(mapping: &mut Mapping) -> Vec<CellProblem> {
    let mut notes = Vec::new();
    let line = mapping.header_row;
    let mut seen: Vec<Target> = Vec::new();
    for c in mapping.columns.iter_mut() {
        let note = |code, detail: &str| CellProblem {
            row: None,
            line: Some(line),
            serial: None,
            column: Some(c.header.clone()),
            letter: Some(c.letter.clone()),
            code,
            detail: detail.to_string(),
        };
        if c.target == Target::Ignored {
            continue;
        }
        if seen.contains(&c.target) {
            notes.push(note(Code::DuplicateColumn, ""));
            c.target = Target::Ignored;
            c.unit = None;
            continue;
        }
        seen.push(c.target.clone());
        // A fact of the compound counted in 元 or m² (维修资金余额, 专有部分总面积) is read in its
        // column's unit like the investment and the floor area.
        let fact_money = match &c.target {
            Target::Fact(k) => fact_unit(k),
            _ => None,
        };
        match c.target {
            Target::Fact(_) if fact_money == Some(true) => {
                if !c.unit.is_some_and(Unit::is_money) {
                    c.unit = Some(Unit::Yuan);
                    notes.push(note(Code::UnitAssumed, "元"));
                }
            }
            Target::Fact(_) if fact_money == Some(false) => {
                if c.unit.is_none_or(Unit::is_money) {
                    c.unit = Some(Unit::SquareMetre);
                    notes.push(note(Code::UnitAssumed, "㎡"));
                }
            }
            Target::Investment => {
                if !c.unit.is_some_and(Unit::is_money) {
                    c.unit = Some(Unit::Yuan);
                    notes.push(note(Code::UnitAssumed, "元"));
                }
            }
            Target::FloorArea => {
                if c.unit.is_none_or(Unit::is_money) {
                    c.unit = Some(Unit::SquareMetre);
                    notes.push(note(Code::UnitAssumed, "㎡"));
                }
            }
            _ => c.unit = None,
        }
    }
    if !seen.contains(&Target::Name) {
        notes.push(CellProblem::file(
            Code::MissingColumn,
            Some(line),
            "小区名称 / name",
        ));
    }
    notes
}

impl FromJson for Target {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let s = String::read(v, path, r)?;
        Target::from_key(&s).or_else(|| {
            r.fail(crate::error::Error::WrongType {
                field: crate::input::read::path_or_root(path),
                detail: format!(
                    "unknown column target \"{}\"",
                    s.chars().take(40).collect::<String>()
                ),
            })
        })
    }
}

impl FromJson for Unit {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let s = String::read(v, path, r)?;
        Unit::from_key(&s).or_else(|| {
            r.fail(crate::error::Error::WrongType {
                field: crate::input::read::path_or_root(path),
                detail: "expected one of: yuan, wanYuan, squareMetre, wanSquareMetre".into(),
            })
        })
    }
}

crate::json_struct!(ColumnMap { index: req "index", letter: default "letter", header: default "header", target: req "target", unit: opt "unit" });
crate::json_struct!(Mapping { header_row: req "headerRow", columns: list "columns" });

/// Reads a mapping from JSON (as [`Mapping`] serialises), e.g. one a person edited on a page.
pub fn mapping_from_json(text: &str) -> Result<Mapping, Vec<crate::error::Error>> {
    crate::input::from_json_all(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn headers() {
        assert_eq!(
            recognise("预计投资(万元)"),
            (Target::Investment, Some(Unit::WanYuan))
        );
        assert_eq!(
            recognise("预计投资（万元）"),
            (Target::Investment, Some(Unit::WanYuan))
        );
        assert_eq!(
            recognise("总投资/元"),
            (Target::Investment, Some(Unit::Yuan))
        );
        assert_eq!(recognise("投资"), (Target::Investment, None));
        assert_eq!(recognise("县(区)"), (Target::District, None));
        assert_eq!(recognise("县（区）"), (Target::District, None));
        assert_eq!(recognise("户数（户）"), (Target::Households, None));
        assert_eq!(
            recognise("建筑面积(万平方米)"),
            (Target::FloorArea, Some(Unit::WanSquareMetre))
        );
        assert_eq!(
            recognise("建筑面积 m²"),
            (Target::FloorArea, Some(Unit::SquareMetre))
        );
        assert_eq!(
            recognise("Investment (10k yuan)"),
            (Target::Investment, Some(Unit::WanYuan))
        );
        assert_eq!(recognise(" 老旧小区 名称 "), (Target::Name, None));
        assert_eq!(
            recognise("structurallySafe"),
            (Target::Fact("structurallySafe".into()), None)
        );
        assert_eq!(
            recognise("房屋结构安全"),
            (Target::Fact("structurallySafe".into()), None)
        );
        assert_eq!(
            recognise("老旧小区改造年度实施计划表"),
            (Target::Ignored, None)
        );
    }

    #[test]
    fn matching_without_allocating() {
        for (t, h) in [
            ("序号", "序号"),
            (" 序 号：", "序号"),
            ("老旧小区名称", "老旧小区名称"),
            ("Name:", "name"),
            ("ＮＡＭＥ", "name"),
            ("序号1", "序号"),
            ("序", "序号"),
            ("1", "序号"),
            ("", "序号"),
            ("序:号", "序:号"),
            ("序号:x", "序号"),
        ] {
            assert_eq!(matches_normalised(t, h), normalise(t) == h, "{t} / {h}");
        }
    }

    #[test]
    fn targets_round_trip() {
        for t in FIXED
            .iter()
            .cloned()
            .chain([Target::Fact("urbanVillage".into()), Target::Ignored])
        {
            assert_eq!(Target::from_key(&t.key()), Some(t));
        }
    }
}
