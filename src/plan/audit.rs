//! The audit of an assessed plan: a list an official can work through, top to bottom.
//!
//! Each entry names where it is as a person finds it — the row (its 序号 where the sheet has one,
//! and its line in the file) and the column — and what is wrong, as a code with the figures
//! compared. Entries are plain values without text; [`crate::texts::plan`] words them, once per
//! code or, on request, per entry. A bad cell never stops the rest of the plan: every row is
//! assessed, and every problem is listed.
//!
//! What is checked, and where each check comes from:
//!
//! - from the reader ([`super::problem::Code`]): cells that cannot be read (letters where 户数
//!   belongs, a negative amount, a build date that is no date), stated 合计/小计/总计 that differ
//!   from the sum of their rows, a declared “共9个” that differs from the rows, assumed units;
//! - from the pack's build-year rule (its decisive `builtBy`, or any `builtBy`): built after the
//!   cut-off, built partly after it, built in the boundary year where the rule's reading of that
//!   year is an `assumption` of the pack, build date missing;
//! - from the plan itself: duplicate compounds (the same name in the same district), investment
//!   per household far from the plan's median or from the benchmark (the threshold is an
//!   assumption: no document sets one), rows that cannot be costed or are costed from the
//!   benchmark, facts that cannot be read or contradict each other.

use serde::Serialize;

use super::problem::Code;
use crate::money::Fen;

/// How much an entry matters: errors are data that cannot be used as written; warnings are rows
/// an official should look at; notes say what the assessment assumed. `--strict` fails on errors
/// and warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The cell cannot be used as written: what is built on it is not to be trusted.
    Error,
    /// The row may be wrong or ineligible: an official should look before the plan is filed.
    Warning,
    /// What the assessment assumed (a unit, an estimate); never fails `--strict`.
    Note,
}

/// What an audit entry reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditCode {
    /// A problem found while reading the file (a cell, a subtotal row, the mapping).
    Read(Code),
    /// Built entirely after the pack's cut-off (Panzhihua row 25, 2007).
    BuiltAfterCutoff,
    /// A range of build years that runs past the cut-off: some buildings may be too recent.
    BuiltAcrossCutoff,
    /// Built (partly) in the boundary year itself, whose reading is an assumption of the pack
    /// (Panzhihua row 8, 2000: “2000 年以前” read as including 2000).
    BuiltInBoundaryYear,
    /// No build date, so the build-year rule cannot be checked.
    BuildDateMissing,
    /// The sheet has no build-date column at all (reported once, not on every row).
    BuildDateColumnMissing,
    /// The same compound (name, in the same district) twice.
    DuplicateCompound,
    /// A row with no compound name.
    NameMissing,
    /// Investment per household far from the plan's median (an assumed threshold).
    FarFromMedian,
    /// Investment per household far from the benchmark (an assumed threshold).
    FarFromBenchmark,
    /// Neither an investment nor what a benchmark needs (households, or floor area): not costed.
    CostMissing,
    /// No stated investment: costed from the benchmark (an estimate).
    CostEstimated,
    /// A fact cell that cannot be read as its field (是/否, a choice, a number).
    UnreadableFact,
    /// Facts that contradict each other (owners in favour above all owners, …).
    FactsConflict,
    /// A column mapped to a fact neither the schema nor the pack declares.
    UnknownFactColumn,
    /// A funding rule's condition needs a fact the sheet does not give; the rule is not applied.
    ConditionUnknown,
}

/// The codes a row can carry, in a fixed order (bit `i` of [`super::assess::RowResult::audit`]).
pub const ROW_CODES: [AuditCode; 20] = [
    AuditCode::Read(Code::UnreadableNumber),
    AuditCode::Read(Code::NegativeAmount),
    AuditCode::Read(Code::NotWhole),
    AuditCode::Read(Code::OutOfRange),
    AuditCode::Read(Code::UnreadableBuildDate),
    AuditCode::Read(Code::InvertedBuildDate),
    AuditCode::Read(Code::UnreadableYear),
    AuditCode::Read(Code::TextTooLong),
    AuditCode::BuiltAfterCutoff,
    AuditCode::BuiltAcrossCutoff,
    AuditCode::BuiltInBoundaryYear,
    AuditCode::BuildDateMissing,
    AuditCode::DuplicateCompound,
    AuditCode::NameMissing,
    AuditCode::FarFromMedian,
    AuditCode::FarFromBenchmark,
    AuditCode::CostMissing,
    AuditCode::CostEstimated,
    AuditCode::UnreadableFact,
    AuditCode::FactsConflict,
];

impl AuditCode {
    /// The stable camelCase code (a reader problem keeps its own: `unreadableNumber`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            AuditCode::Read(c) => c.as_str(),
            AuditCode::BuiltAfterCutoff => "builtAfterCutoff",
            AuditCode::BuiltAcrossCutoff => "builtAcrossCutoff",
            AuditCode::BuiltInBoundaryYear => "builtInBoundaryYear",
            AuditCode::BuildDateMissing => "buildDateMissing",
            AuditCode::BuildDateColumnMissing => "buildDateColumnMissing",
            AuditCode::DuplicateCompound => "duplicateCompound",
            AuditCode::NameMissing => "nameMissing",
            AuditCode::FarFromMedian => "farFromMedian",
            AuditCode::FarFromBenchmark => "farFromBenchmark",
            AuditCode::CostMissing => "costMissing",
            AuditCode::CostEstimated => "costEstimated",
            AuditCode::UnreadableFact => "unreadableFact",
            AuditCode::FactsConflict => "factsConflict",
            AuditCode::UnknownFactColumn => "unknownFactColumn",
            AuditCode::ConditionUnknown => "conditionUnknown",
        }
    }

    /// Reads [`AuditCode::as_str`] back (the codes an assessment's audit can carry).
    pub fn from_id(id: &str) -> Option<AuditCode> {
        super::words::audit_codes().find(|c| c.as_str() == id)
    }

    /// How much it matters.
    pub fn severity(self) -> Severity {
        match self {
            AuditCode::Read(Code::UnitAssumed | Code::DuplicateColumn) => Severity::Note,
            AuditCode::Read(Code::MissingColumn) => Severity::Warning,
            AuditCode::Read(_) | AuditCode::UnreadableFact | AuditCode::FactsConflict => {
                Severity::Error
            }
            AuditCode::CostEstimated
            | AuditCode::UnknownFactColumn
            | AuditCode::ConditionUnknown => Severity::Note,
            _ => Severity::Warning,
        }
    }

    /// Whether the check rests on a figure or reading no document sets (the median and
    /// benchmark thresholds, the boundary year's reading).
    pub fn assumed(self) -> bool {
        matches!(
            self,
            AuditCode::FarFromMedian | AuditCode::FarFromBenchmark | AuditCode::BuiltInBoundaryYear
        )
    }

    /// Its bit in a row's set of codes (`0` for codes that are never a row's).
    pub fn bit(self) -> u32 {
        ROW_CODES
            .iter()
            .position(|c| *c == self)
            .map_or(0, |i| 1u32 << i)
    }

    /// The codes whose bits are set in `mask`, in [`ROW_CODES`] order.
    pub fn of_mask(mask: u32) -> impl Iterator<Item = AuditCode> {
        ROW_CODES
            .iter()
            .enumerate()
            .filter(move |(i, _)| mask & (1u32 << i) != 0)
            .map(|(_, c)| *c)
    }
}

impl Serialize for AuditCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The figures an entry compares (what its message quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figures {
    /// The code says it all (a missing name, a missing column).
    None,
    /// A reader problem: its index in [`super::Plan::problems`] (which words it).
    Problem(usize),
    /// The build years against the cut-off.
    Built {
        /// The first build year as read.
        from: i32,
        /// The last build year as read (`from` again for a single year).
        to: i32,
        /// The pack's build-year cut-off the years were checked against.
        cutoff: i32,
        /// Whether the cut-off year itself qualifies (以前 read as inclusive, or 不含).
        inclusive: bool,
    },
    /// Investment per household against the median or the benchmark, and the factor used.
    PerHousehold {
        /// The row's investment per household, in fen.
        value: Fen,
        /// The median of the stated rows, or the benchmark's intensity, in fen.
        reference: Fen,
        /// The factor used, so that the message says how far counts as far.
        factor: rust_decimal::Decimal,
    },
    /// The first row with the same compound (index into the rows).
    Duplicate {
        /// The earlier row (index into the rows), so that the message can point at it.
        first: usize,
    },
    /// The benchmark estimate of a row.
    Estimate {
        /// The estimated cost, in fen, for the official to compare with what they expect.
        amount: Fen,
    },
    /// A fact: its key, and the cell as written (clipped) or the field it contradicts.
    Fact {
        /// The fact's key in the estate schema or the pack.
        key: String,
        /// The cell as written (clipped), or the field it contradicts.
        text: String,
    },
}

/// One entry of the audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Index into [`super::Plan::rows`]; `None` for the header, subtotal rows and the file.
    pub row: Option<usize>,
    /// 1-based line in the file (the row number in a workbook).
    pub line: Option<usize>,
    /// 0-based column (A = 0).
    pub column: Option<usize>,
    /// What the entry reports; it decides the severity and the sentence.
    pub code: AuditCode,
    /// The figures the sentence quotes, kept as numbers so that they are worded in either language
    /// on request.
    pub figures: Figures,
}

impl AuditEntry {
    /// The code's severity: entries are filtered and counted by it, and `--strict` fails on errors
    /// and warnings.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// The column index of a letter (`A` → 0, `AA` → 26).
pub fn column_index(letter: &str) -> Option<usize> {
    if letter.is_empty() || letter.len() > 3 {
        return None;
    }
    let mut n = 0usize;
    for b in letter.bytes() {
        if !b.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + usize::from(b - b'A') + 1;
    }
    n.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_back_to_indices() {
        for i in [0, 1, 25, 26, 27, 701, 702] {
            assert_eq!(
                column_index(&super::super::header::column_letter(i)),
                Some(i)
            );
        }
        assert_eq!(column_index(""), None);
        assert_eq!(column_index("a"), None);
    }

    #[test]
    fn row_codes_have_distinct_bits() {
        let mut all = 0u32;
        for c in ROW_CODES {
            assert_eq!(all & c.bit(), 0);
            all |= c.bit();
        }
        assert_eq!(AuditCode::of_mask(all).count(), ROW_CODES.len());
        assert_eq!(AuditCode::ConditionUnknown.bit(), 0);
    }
}
