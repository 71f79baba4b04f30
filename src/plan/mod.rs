//! A year's plan of compounds (年度改造计划) read from the spreadsheet an official uploads, and
//! the export writers (feature `sheets`, on by default; the resident wasm module leaves it out).
//!
//! Three steps, each a plain value that can be shown and corrected:
//!
//! 1. [`grid`]: bytes and a file name → cells (`.xlsx`, `.xls`, `.ods`, CSV/TSV in UTF-8 or GBK,
//!    text pasted from Excel), with each row's line in the file and the merged regions;
//! 2. [`header`]: the header row below any title rows, and a [`Mapping`] of its columns to plan
//!    fields with their units — guessed, or given back by the person after correcting it;
//! 3. [`rows`]: the compounds ([`PlanRow`], money in 元 and areas in m², exact), the 合计/总计
//!    rows ([`Subtotal`]) and every problem found ([`CellProblem`]), none of which stops the rest.
//!
//! [`read_plan`] does all three and is the entry point for fuzzing: any bytes give a plan or an
//! [`Error`], never a panic. [`export`] writes sheets of typed cells to `.xlsx` and `.csv`.
//!
//! ```
//! let csv = "序号,小区名称,县(区),户数,预计投资(万元)\n1,林业大院,仁和区,84,200\n合计,,,84,200\n";
//! let plan = gaizao::plan::read_plan(csv.as_bytes(), "plan.csv", None).unwrap();
//! assert_eq!(plan.rows.len(), 1);
//! assert_eq!(plan.rows[0].investment, Some(rust_decimal::Decimal::from(2_000_000)));
//! assert_eq!(plan.subtotals[0].households, Some(84));
//! ```

pub mod problem;

pub mod limits {
    //! What [`super::read_plan`] accepts. Each limit is checked before the data is read (bytes,
    //! unpacked size) or while it is read (rows, columns, cells), so an oversized input is
    //! refused before it is all in memory.

    /// Largest file read: 64 MiB (the national list of ≈ 220,000 compounds is ≈ 25 MB as CSV).
    pub const MAX_BYTES: usize = 64 * 1024 * 1024;
    /// Largest unpacked size of a workbook's zip entries together (xlsx, ods): 512 MiB.
    pub const MAX_UNPACKED_BYTES: usize = 512 * 1024 * 1024;
    /// Most entries in a workbook's zip.
    pub const MAX_ZIP_ENTRIES: usize = 10_000;
    /// Most rows with data in the sheet read: 300,000.
    pub const MAX_ROWS: usize = 300_000;
    /// Most columns: data beyond column GR (the 200th) is refused.
    pub const MAX_COLUMNS: usize = 200;
    /// Most non-empty cells in the sheet read: 10,000,000.
    pub const MAX_CELLS: usize = 10_000_000;
    /// Rows searched for the header row.
    pub const HEADER_SCAN_ROWS: usize = 30;
    /// Most problems kept; the rest are counted in `Plan::omitted_problems`.
    pub const MAX_PROBLEMS: usize = 10_000;
    /// Longest 改造内容 or 备注 text, in characters (other texts: `numbers::MAX_TEXT_CHARS`).
    pub const MAX_LONG_TEXT_CHARS: usize = 4_000;
}

pub mod assess;
pub mod audit;
mod cache;
mod cells;
mod duplicates;
pub mod export;
mod facts;
pub mod grid;
pub mod header;
pub mod json;
pub mod options;
mod outliers;
pub mod query;
pub mod report;
pub mod rows;
pub mod totals;
pub mod words;
pub mod xls;

pub use problem::{CellProblem, Code};

pub use self::{
    assess::{assess, AssessOptions, Assessment, CostSource, MixItem, RowResult, RowShare},
    audit::{AuditCode, AuditEntry, Severity},
    totals::{PlanTotals, Sums},
};

pub use self::{
    grid::{Cell, Format, Grid, Source},
    header::{ColumnMap, Mapping, Target, Unit},
    rows::{CellValue, Note, PlanRow, Subtotal, SubtotalKind},
};

use crate::error::Error;
use rust_decimal::Decimal;
use serde::Serialize;

pub(crate) fn ser_decimal<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.normalize().to_string())
}

/// A plan as read: where it came from, how its columns were read, its compounds and subtotal
/// rows, and every problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Where the cells came from (format, sheet, encoding), to show the official what was read.
    pub source: Source,
    /// How the columns were read: given back, edited, it reads the file again.
    pub mapping: Mapping,
    /// The compounds, in file order; an assessment's results use the same indices.
    pub rows: Vec<PlanRow>,
    /// The file's own 合计/小计/总计 rows, kept to check its sums against the rows.
    pub subtotals: Vec<Subtotal>,
    /// Lines under or inside the table that are not compounds (备注：…).
    pub notes: Vec<Note>,
    /// Mapping notes first (assumed units, …), then cell problems in file order.
    pub problems: Vec<CellProblem>,
    /// Problems beyond [`limits::MAX_PROBLEMS`], counted only.
    pub omitted_problems: usize,
}

/// Sums over some rows of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// How many compound rows are summed.
    pub compounds: u64,
    /// Households of the rows that give them (see `households_missing`).
    pub households: u64,
    /// 元
    #[serde(serialize_with = "ser_decimal")]
    pub investment: Decimal,
    /// Rows whose households are not known.
    pub households_missing: u64,
    /// Rows whose investment is not known.
    pub investment_missing: u64,
}

impl Totals {
    fn add(&mut self, r: &PlanRow) {
        self.compounds += 1;
        match r.households {
            Some(h) => self.households += h,
            None => self.households_missing += 1,
        }
        match r.investment {
            Some(i) => self.investment += i,
            None => self.investment_missing += 1,
        }
    }
}

impl Plan {
    /// The sums over all compounds.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        self.rows.iter().for_each(|r| t.add(r));
        t
    }

    /// The sums by a key of the row, in order of first appearance.
    pub fn totals_by<'a, K: PartialEq>(
        &'a self,
        key: impl Fn(&'a PlanRow) -> K,
    ) -> Vec<(K, Totals)> {
        let mut out: Vec<(K, Totals)> = Vec::new();
        for r in &self.rows {
            let k = key(r);
            // Few distinct keys (years, districts): a linear search beats hashing here.
            match out.iter_mut().rev().find(|(x, _)| *x == k) {
                Some((_, t)) => t.add(r),
                None => {
                    let mut t = Totals::default();
                    t.add(r);
                    out.push((k, t));
                }
            }
        }
        out
    }

    /// The sums by renovation year.
    pub fn totals_by_year(&self) -> Vec<(Option<i32>, Totals)> {
        self.totals_by(|r| r.year)
    }

    /// The sums by district (县(区)).
    pub fn totals_by_district(&self) -> Vec<(Option<String>, Totals)> {
        self.totals_by(|r| r.district.as_deref())
            .into_iter()
            .map(|(k, t)| (k.map(str::to_string), t))
            .collect()
    }
}

/// Reads a plan from a file's bytes. `file_name` chooses the format by its extension (`""` or
/// an unknown one: sniffed from the bytes). With `mapping`, the columns are read as it says
/// instead of being guessed.
pub fn read_plan(bytes: &[u8], file_name: &str, mapping: Option<&Mapping>) -> Result<Plan, Error> {
    let grid = grid::read_grid(bytes, file_name)?;
    plan_from_grid(grid, file_name, mapping)
}

/// [`read_plan`] for a plan that will be assessed under `pack`: a guessed mapping also reads
/// the columns named after the pack's own facts ([`Mapping::adopt_pack_facts`]); a mapping
/// given is taken as it is.
pub fn read_plan_for(
    bytes: &[u8],
    file_name: &str,
    mapping: Option<&Mapping>,
    pack: &crate::policy::ResolvedPack,
) -> Result<Plan, Error> {
    let grid = grid::read_grid(bytes, file_name)?;
    plan_from_grid_for(grid, file_name, mapping, Some(pack))
}

/// Reads a plan from text pasted from a spreadsheet (tab-separated, or any delimited text).
pub fn read_pasted_plan(text: &str, mapping: Option<&Mapping>) -> Result<Plan, Error> {
    let grid = grid::read_pasted(text)?;
    plan_from_grid(grid, "", mapping)
}

/// Steps 2 and 3 on a grid already read.
pub fn plan_from_grid(
    grid: Grid,
    file_name: &str,
    mapping: Option<&Mapping>,
) -> Result<Plan, Error> {
    plan_from_grid_for(grid, file_name, mapping, None)
}

/// [`plan_from_grid`], with the pack's own facts among the columns a guessed mapping reads.
pub fn plan_from_grid_for(
    grid: Grid,
    file_name: &str,
    mapping: Option<&Mapping>,
    pack: Option<&crate::policy::ResolvedPack>,
) -> Result<Plan, Error> {
    let refuse = |code, line, detail: String| Error::PlanFile {
        file: file_name.to_string(),
        problem: Box::new(CellProblem::file(code, line, detail)),
    };
    let (mapping, notes) = match mapping {
        Some(m) => {
            let mut m = m.clone();
            if let Some(c) = m.columns.iter().find(|c| c.index >= limits::MAX_COLUMNS) {
                return Err(refuse(
                    Code::BadMapping,
                    None,
                    format!("column {}", c.index),
                ));
            }
            if m.header_row > 0 && !grid.rows.iter().any(|r| r.line == m.header_row) {
                return Err(refuse(
                    Code::BadMapping,
                    Some(m.header_row),
                    "no such header row".into(),
                ));
            }
            for c in &mut m.columns {
                c.letter = header::column_letter(c.index);
            }
            let notes = header::settle(&mut m);
            (m, notes)
        }
        None => {
            let (mut m, notes) = header::guess_mapping(&grid)
                .ok_or_else(|| refuse(Code::NoHeader, None, String::new()))?;
            if let Some(pack) = pack {
                m.adopt_pack_facts(pack);
            }
            (m, notes)
        }
    };
    let source = grid.source.clone();
    let read = rows::read_rows(grid, &mapping);
    let mut problems = notes;
    problems.extend(read.problems);
    Ok(Plan {
        source,
        mapping,
        rows: read.rows,
        subtotals: read.subtotals,
        notes: read.notes,
        problems,
        omitted_problems: read.omitted_problems,
    })
}
