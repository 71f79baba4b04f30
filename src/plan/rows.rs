//! From a grid and a mapping to the plan's compounds and its 合计/总计 rows.
//!
//! - A merged cell's value is carried down over its rows (workbooks). Where the format does not
//!   keep merges (CSV, TSV, pasted text, ODS), a blank year or district under a filled one takes
//!   that value until the block ends at a subtotal row.
//! - Subtotal rows (合计, 小计, 总计, 总合计, 共计, Total, Subtotal in any column) are not
//!   compounds: a 合计/小计 covers the rows since the previous subtotal, a 总计 all rows (and a
//!   合计 straight after another subtotal, with no rows between, is a total of all rows).
//! - Numbers are read exactly: `2387.5`, `1,234`, `1 234`, full-width `１２３`, `12,825.00万`;
//!   build dates as a year, a decade or a range; the renovation year with a declared count
//!   (`2018年 (共9个)`). Anything unreadable is a [`CellProblem`] for that cell, never a guess,
//!   and never stops the rest of the plan.

use std::ops::Range;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::cells::clean_owned;
pub use super::cells::{
    clean, declared_count, parse_amount, parse_build_date, parse_count, parse_year, YearRead,
};
use super::grid::{Cell, Grid, GridRow};
use super::header::{normalise, Mapping, Target, Unit};
use super::limits::{MAX_LONG_TEXT_CHARS, MAX_PROBLEMS};
use super::problem::{CellProblem, Code};
use crate::numbers::MAX_TEXT_CHARS;

/// A cell value kept for a [`Target::Fact`] column.
pub type CellValue = Cell;

/// One compound of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRow {
    /// 1-based line in the file (row number in a workbook).
    pub line: usize,
    /// The 序号 as written: text, since offices write 1-1, 一 or 3a.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The compound's name as written; the audit flags a missing one and one repeated within a
    /// district.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The 县(区) as written: totals are grouped by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Built from – to (a single year is `(y, y)`, “1980年代” is `(1980, 1989)`).
    #[serde(serialize_with = "ser_built", skip_serializing_if = "Option::is_none")]
    pub built: Option<(i32, i32)>,
    /// The build date as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub built_text: Option<String>,
    /// The location (小区位置) as written: kept, not interpreted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Households (户数): per-household figures and benchmark estimates rest on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub households: Option<u64>,
    /// Buildings (栋数).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buildings: Option<u64>,
    /// m²
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub floor_area: Option<Decimal>,
    /// 元
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub investment: Option<Decimal>,
    /// The renovation year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The renovation content (改造内容) as written: kept, not interpreted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The remarks (备注) as written: kept, not interpreted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// Values of [`Target::Fact`] columns, by estate key, in column order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<(String, CellValue)>,
}

/// Which rows a subtotal row sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SubtotalKind {
    /// 合计, 小计, 共计, Subtotal: the rows since the previous subtotal.
    Block,
    /// 总计, 总合计, Total: all rows.
    Grand,
}

/// A 合计/小计/总计 row, with the figures it states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subtotal {
    /// 1-based line in the file.
    pub line: usize,
    /// The label as written (合计, 小计, 总计, …).
    pub label: String,
    /// Whether it sums its block or the whole plan: it is checked against those rows.
    pub kind: SubtotalKind,
    /// The households it states, checked against the sum of its rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub households: Option<u64>,
    /// 元
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub investment: Option<Decimal>,
    /// The number of compounds declared for the block (“共9个” in its year cell or in this row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compounds: Option<u64>,
    /// Indices into [`crate::plan::Plan::rows`] of the rows it sums.
    pub covers: Range<usize>,
}

/// A line of text under or inside the table that is not a compound (备注：…, 注：…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// 1-based line in the file.
    pub line: usize,
    /// The text as written.
    pub text: String,
}

fn ser_opt_decimal<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.normalize().to_string()),
        None => s.serialize_none(),
    }
}

fn ser_built<S: Serializer>(b: &Option<(i32, i32)>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    match b {
        Some((from, to)) => {
            let mut st = s.serialize_struct("Built", 2)?;
            st.serialize_field("from", from)?;
            st.serialize_field("to", to)?;
            st.end()
        }
        None => s.serialize_none(),
    }
}

/// What the rows of a grid give under a mapping.
#[derive(Debug, Default)]
pub struct RowsRead {
    /// The compounds, in file order.
    pub rows: Vec<PlanRow>,
    /// The subtotal rows, each with the rows it covers.
    pub subtotals: Vec<Subtotal>,
    /// Text lines that are not compounds.
    pub notes: Vec<Note>,
    /// Problems found in cells, in file order, up to the limit.
    pub problems: Vec<CellProblem>,
    /// Problems beyond the limit, counted only, so that a damaged file cannot fill memory with
    /// them.
    pub omitted_problems: usize,
}

impl RowsRead {
    fn problem(&mut self, p: CellProblem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.omitted_problems += 1;
        }
    }
}

/// The columns of a mapping, resolved once.
#[derive(Default)]
struct Cols {
    serial: Option<usize>,
    name: Option<usize>,
    district: Option<usize>,
    built: Option<usize>,
    location: Option<usize>,
    households: Option<usize>,
    buildings: Option<usize>,
    floor_area: Option<(usize, Unit)>,
    investment: Option<(usize, Unit)>,
    year: Option<usize>,
    content: Option<usize>,
    remarks: Option<usize>,
    facts: Vec<(usize, String)>,
}

impl Cols {
    fn of(m: &Mapping) -> Cols {
        let mut c = Cols::default();
        for col in &m.columns {
            let i = col.index;
            let slot = match &col.target {
                Target::Serial => &mut c.serial,
                Target::Name => &mut c.name,
                Target::District => &mut c.district,
                Target::Built => &mut c.built,
                Target::Location => &mut c.location,
                Target::Households => &mut c.households,
                Target::Buildings => &mut c.buildings,
                Target::Year => &mut c.year,
                Target::Content => &mut c.content,
                Target::Remarks => &mut c.remarks,
                Target::FloorArea => {
                    c.floor_area.get_or_insert((
                        i,
                        col.unit
                            .filter(|u| !u.is_money())
                            .unwrap_or(Unit::SquareMetre),
                    ));
                    continue;
                }
                Target::Investment => {
                    c.investment.get_or_insert((
                        i,
                        col.unit.filter(|u| u.is_money()).unwrap_or(Unit::Yuan),
                    ));
                    continue;
                }
                Target::Fact(k) => {
                    c.facts.push((i, k.clone()));
                    continue;
                }
                Target::Ignored => continue,
            };
            slot.get_or_insert(i);
        }
        c
    }
}

/// Merged regions by column: (first line, last line, value of the top-left cell), sorted.
struct Merged {
    by_col: Vec<Vec<(usize, usize, Cell)>>,
}

impl Merged {
    fn of(grid: &Grid, width: usize) -> Merged {
        let mut by_col: Vec<Vec<(usize, usize, Cell)>> = vec![Vec::new(); width];
        for m in &grid.merges {
            if m.last_line <= m.first_line {
                // One row only: horizontal merges carry nothing down.
                if m.first_col == m.last_col {
                    continue;
                }
            }
            let Some(top) = find_row(&grid.rows, m.first_line) else {
                continue;
            };
            let value = top.get(m.first_col).clone();
            if value.is_empty() {
                continue;
            }
            for c in m.first_col..=m.last_col.min(width.saturating_sub(1)) {
                if let Some(list) = by_col.get_mut(c) {
                    list.push((m.first_line, m.last_line, value.clone()));
                }
            }
        }
        for list in &mut by_col {
            list.sort_by_key(|e| e.0);
        }
        Merged { by_col }
    }

    fn get(&self, line: usize, col: usize) -> Option<&Cell> {
        let list = self.by_col.get(col)?;
        let n = list.partition_point(|e| e.0 <= line);
        let e = list.get(n.checked_sub(1)?)?;
        (e.1 >= line).then_some(&e.2)
    }
}

fn find_row(rows: &[GridRow], line: usize) -> Option<&GridRow> {
    rows.binary_search_by_key(&line, |r| r.line)
        .ok()
        .and_then(|i| rows.get(i))
}

/// Reads every row below the header. Takes the grid, so that texts move into the rows instead
/// of being copied (a national list has a million of them).
pub fn read_rows(grid: Grid, mapping: &Mapping) -> RowsRead {
    let cols = Cols::of(mapping);
    let width = grid.width.max(
        mapping
            .columns
            .iter()
            .map(|c| c.index + 1)
            .max()
            .unwrap_or(0),
    );
    let merged = Merged::of(&grid, width);
    let header_of = |i: Option<usize>| -> Option<&str> {
        let i = i?;
        mapping
            .columns
            .iter()
            .find(|c| c.index == i)
            .map(|c| c.header.as_str())
    };
    let header_norm: Vec<(usize, String)> = mapping
        .columns
        .iter()
        .filter(|c| c.target != Target::Ignored)
        .map(|c| (c.index, normalise(&c.header)))
        .collect();
    let mut out = RowsRead::default();
    let carry_blanks = !grid.source.merges_known;
    let mut carry_year: Option<Cell> = None;
    let mut carry_district: Option<Cell> = None;
    let mut block_start = 0usize;
    let mut block_declared: Option<u64> = None;
    let mut last_year: Option<(Cell, YearRead)> = None;

    for mut grow in grid
        .rows
        .into_iter()
        .filter(|r| r.line > mapping.header_row)
    {
        let line = grow.line;
        let nonempty = grow.cells.iter().filter(|c| !c.is_empty()).count();
        if nonempty == 0 {
            continue;
        }
        if is_repeated_header(&grow, &header_norm) {
            continue;
        }
        if nonempty == 1 {
            if let Some(Cell::Text(t)) = grow.cells.iter().find(|c| !c.is_empty()) {
                if is_note(t) {
                    out.notes.push(Note {
                        line,
                        text: t.trim().to_string(),
                    });
                    continue;
                }
            }
        }
        let at = |c: Option<usize>| CellProblem {
            row: None,
            line: Some(line),
            serial: None,
            column: header_of(c).map(str::to_string),
            letter: c.map(super::header::column_letter),
            code: Code::UnreadableNumber,
            detail: String::new(),
        };

        // A subtotal row?
        if let Some((label, kind)) = grow.cells.iter().find_map(subtotal_label) {
            let end = out.rows.len();
            let (kind, covers) = match kind {
                SubtotalKind::Block if end > block_start => (SubtotalKind::Block, block_start..end),
                _ => (SubtotalKind::Grand, 0..end),
            };
            let mut sub = Subtotal {
                line,
                label,
                kind,
                households: None,
                investment: None,
                compounds: grow.cells.iter().find_map(|c| match c {
                    Cell::Text(t) => declared_count(t),
                    _ => None,
                }),
                covers: covers.clone(),
            };
            // Where the declared count was written: this row, or the block's year cell.
            let declared_in_year_cell = kind == SubtotalKind::Block && sub.compounds.is_none();
            if declared_in_year_cell {
                sub.compounds = block_declared;
            }
            if let Some(c) = cols.households {
                match parse_count(grow.get(c)) {
                    Ok(v) => sub.households = v,
                    Err(code) => out.problem(with(at(Some(c)), code, grow.get(c))),
                }
            }
            if let Some((c, unit)) = cols.investment {
                match parse_amount(grow.get(c), unit) {
                    Ok(v) => sub.investment = v,
                    Err(code) => out.problem(with(at(Some(c)), code, grow.get(c))),
                }
            }
            let place = |c: Option<usize>| {
                c.map(|c| {
                    (
                        header_of(Some(c)).unwrap_or_default().to_string(),
                        super::header::column_letter(c),
                    )
                })
            };
            let places = [
                place(cols.households),
                place(cols.investment.map(|(c, _)| c)),
                place(cols.year.filter(|_| declared_in_year_cell)),
            ];
            check_subtotal(&sub, &out.rows, &mut out.problems, line, &places);
            out.subtotals.push(sub);
            block_start = end;
            block_declared = None;
            carry_year = None;
            carry_district = None;
            continue;
        }

        // The plain texts move out of the row (a merged cell's value is copied from the merge).
        let mut take = |c: Option<usize>| -> Option<Cell> {
            let cell = grow.cells.get_mut(c?)?;
            (!cell.is_empty()).then(|| std::mem::take(cell))
        };
        let taken = [
            take(cols.serial),
            take(cols.name),
            take(cols.location),
            take(cols.content),
            take(cols.remarks),
        ];
        let [serial, name, location, content, remarks] = taken;
        let grow = grow;
        let get = |c: usize| -> &Cell {
            let cell = grow.get(c);
            if cell.is_empty() {
                merged.get(line, c).unwrap_or(cell)
            } else {
                cell
            }
        };
        let index = out.rows.len();
        let mut row = PlanRow {
            line,
            ..PlanRow::default()
        };
        let mut problems: Vec<CellProblem> = Vec::new();
        let mut fail = |c: usize, code: Code, cell: &Cell| {
            problems.push(with(at(Some(c)), code, cell));
        };
        let text = |c: Option<usize>,
                    owned: Option<Cell>,
                    max: usize,
                    fail: &mut dyn FnMut(usize, Code, &Cell)|
         -> Option<String> {
            let c = c?;
            let t = match owned {
                Some(Cell::Text(s)) => clean_owned(s),
                Some(other) => clean(&other.text()?),
                None => clean(&get(c).text()?),
            };
            if t.chars().count() > max {
                fail(
                    c,
                    Code::TextTooLong,
                    &Cell::Text(format!("{} > {max}", t.chars().count())),
                );
                return None;
            }
            (!t.is_empty()).then_some(t)
        };
        row.serial = text(cols.serial, serial, MAX_TEXT_CHARS, &mut fail);
        row.name = text(cols.name, name, MAX_TEXT_CHARS, &mut fail);
        row.location = text(cols.location, location, MAX_TEXT_CHARS, &mut fail);
        row.content = text(cols.content, content, MAX_LONG_TEXT_CHARS, &mut fail);
        row.remarks = text(cols.remarks, remarks, MAX_LONG_TEXT_CHARS, &mut fail);

        if let Some(c) = cols.district {
            let mut cell = get(c);
            if carry_blanks {
                if cell.is_empty() {
                    if let Some(prev) = &carry_district {
                        cell = prev;
                    }
                } else {
                    carry_district = Some(cell.clone());
                }
            }
            if let Some(t) = cell.text() {
                let t = clean(&t);
                if t.chars().count() > MAX_TEXT_CHARS {
                    fail(
                        c,
                        Code::TextTooLong,
                        &Cell::Text(format!("{} > {MAX_TEXT_CHARS}", t.chars().count())),
                    );
                } else if !t.is_empty() {
                    row.district = Some(t);
                }
            }
        }
        if let Some(c) = cols.year {
            let mut cell = get(c);
            if carry_blanks {
                if cell.is_empty() {
                    if let Some(prev) = &carry_year {
                        cell = prev;
                    }
                } else {
                    carry_year = Some(cell.clone());
                }
            }
            // The same (merged or carried) year cell on every row of a block: parsed once.
            let parsed = match &last_year {
                Some((c, p)) if c == cell => *p,
                _ => {
                    let p = parse_year(cell);
                    last_year = Some((cell.clone(), p));
                    p
                }
            };
            match parsed {
                Ok(Some((y, declared))) => {
                    row.year = Some(y);
                    if declared.is_some() {
                        block_declared = declared;
                    }
                }
                Ok(None) => {}
                Err(code) => fail(c, code, cell),
            }
        }
        if let Some(c) = cols.built {
            let cell = get(c);
            row.built_text = cell.text().map(|t| clean(&t)).filter(|t| !t.is_empty());
            match parse_build_date(cell) {
                Ok(b) => row.built = b,
                Err(code) => fail(c, code, cell),
            }
        }
        if let Some(c) = cols.households {
            match parse_count(get(c)) {
                Ok(v) => row.households = v,
                Err(code) => fail(c, code, get(c)),
            }
        }
        if let Some(c) = cols.buildings {
            match parse_count(get(c)) {
                Ok(v) => row.buildings = v,
                Err(code) => fail(c, code, get(c)),
            }
        }
        if let Some((c, unit)) = cols.floor_area {
            match parse_amount(get(c), unit) {
                Ok(v) => row.floor_area = v,
                Err(code) => fail(c, code, get(c)),
            }
        }
        if let Some((c, unit)) = cols.investment {
            match parse_amount(get(c), unit) {
                Ok(v) => row.investment = v,
                Err(code) => fail(c, code, get(c)),
            }
        }
        for (c, key) in &cols.facts {
            match get(*c) {
                Cell::Empty => {}
                Cell::Text(t) => {
                    let t = clean(t);
                    if !t.is_empty() {
                        row.facts.push((key.clone(), Cell::Text(t)));
                    }
                }
                other => row.facts.push((key.clone(), other.clone())),
            }
        }
        for mut p in problems {
            p.row = Some(index);
            p.serial = row.serial.clone();
            out.problem(p);
        }
        out.rows.push(row);
    }
    out
}

fn with(mut p: CellProblem, code: Code, cell: &Cell) -> CellProblem {
    p.code = code;
    p.detail = cell
        .text()
        .map(|t| t.chars().take(60).collect())
        .unwrap_or_default();
    p
}

/// Compares a subtotal's stated figures with the rows it covers.
/// `places`: the (header, letter) of the households, investment and year columns, which the
/// problems name.
fn check_subtotal(
    sub: &Subtotal,
    rows: &[PlanRow],
    problems: &mut Vec<CellProblem>,
    line: usize,
    places: &[Option<(String, String)>; 3],
) {
    let covered = rows.get(sub.covers.clone()).unwrap_or(&[]);
    let mut push = |code, detail: String, place: &Option<(String, String)>| {
        if problems.len() < MAX_PROBLEMS {
            let mut p = CellProblem::file(code, Some(line), detail);
            if let Some((header, letter)) = place {
                p.column = Some(header.clone());
                p.letter = Some(letter.clone());
            }
            problems.push(p);
        }
    };
    if let Some(stated) = sub.households {
        let sum: u64 = covered.iter().filter_map(|r| r.households).sum();
        if sum != stated {
            push(
                Code::SubtotalMismatch,
                format!("户数/households {stated} ≠ {sum}"),
                &places[0],
            );
        }
    }
    if let Some(stated) = sub.investment {
        let sum: Decimal = covered.iter().filter_map(|r| r.investment).sum();
        if sum != stated {
            push(
                Code::SubtotalMismatch,
                format!(
                    "投资/investment {} ≠ {} 元",
                    stated.normalize(),
                    sum.normalize()
                ),
                &places[1],
            );
        }
    }
    if let Some(n) = sub.compounds {
        if n != covered.len() as u64 {
            push(
                Code::CountMismatch,
                format!("{n} ≠ {}", covered.len()),
                &places[2],
            );
        }
    }
}

/// A row that repeats the header (tables printed over several pages repeat it): its first two
/// mapped columns read as their headers. Cheap for ordinary rows: the first column that differs
/// ends the check, and texts much longer than the header are not normalised.
fn is_repeated_header(row: &GridRow, header: &[(usize, String)]) -> bool {
    if header.len() < 2 {
        return false;
    }
    header.iter().take(2).all(|(i, h)| match row.get(*i) {
        Cell::Text(t) => t.len() <= h.len() * 3 + 8 && super::header::matches_normalised(t, h),
        _ => false,
    })
}

fn is_note(t: &str) -> bool {
    let t = t.trim_start();
    [
        "备注：",
        "备注:",
        "注：",
        "注:",
        "说明：",
        "说明:",
        "Note:",
        "Notes:",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// The label of a subtotal row's cell, if it is one.
fn subtotal_label(cell: &Cell) -> Option<(String, SubtotalKind)> {
    let Cell::Text(t) = cell else { return None };
    // Cheap tests first: every label has 计 or, in English, a t.
    let english = t.len() < 40 && t.is_ascii() && t.bytes().any(|b| b == b't' || b == b'T');
    if !english && !t.contains('计') {
        return None;
    }
    let n = normalise(t);
    const LABELS: &[(&str, SubtotalKind)] = &[
        ("总合计", SubtotalKind::Grand),
        ("总计", SubtotalKind::Grand),
        ("合计", SubtotalKind::Block),
        ("小计", SubtotalKind::Block),
        ("共计", SubtotalKind::Block),
        ("grandtotal", SubtotalKind::Grand),
        ("subtotal", SubtotalKind::Block),
        ("total", SubtotalKind::Grand),
    ];
    for (label, kind) in LABELS {
        let hit = if n == *label {
            true
        } else if let Some(rest) = n.strip_prefix(label) {
            // 合计：, 合计(9个), Total:
            rest.chars().next().is_some_and(|c| !c.is_alphabetic())
        } else if let Some(head) = n.strip_suffix(label) {
            // 2018年合计, 东区小计 — a short qualifier before the label
            head.chars().count() <= 10 && !head.is_ascii()
        } else {
            false
        };
        if hit {
            return Some((t.trim().to_string(), *kind));
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a test that panics fails, as it should
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    #[test]
    fn subtotal_labels() {
        let kind = |s: &str| subtotal_label(&t(s)).map(|(_, k)| k);
        assert_eq!(kind("合计"), Some(SubtotalKind::Block));
        assert_eq!(kind("合 计"), Some(SubtotalKind::Block));
        assert_eq!(kind("小计："), Some(SubtotalKind::Block));
        assert_eq!(kind("2018年合计"), Some(SubtotalKind::Block));
        assert_eq!(kind("总计"), Some(SubtotalKind::Grand));
        assert_eq!(kind("总合计"), Some(SubtotalKind::Grand));
        assert_eq!(kind("Total"), Some(SubtotalKind::Grand));
        assert_eq!(kind("Subtotal"), Some(SubtotalKind::Block));
        assert_eq!(kind("综合计量所家属院"), None);
        assert_eq!(kind("Totalview Estate"), None);
        assert_eq!(declared_count("2018年 (共9个)"), Some(9));
        assert_eq!(declared_count("合计（9个）"), Some(9));
        assert_eq!(declared_count("东区3个"), None);
    }
}
