//! Paging through an assessed plan's rows, sorted and filtered — what a page's virtualised table
//! asks a Worker for: the indices of one screenful, and how many rows match in all.

use super::assess::{Assessment, CostSource};
use super::audit::Severity;
use super::Plan;
use crate::eligibility::Verdict;

/// The column rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// File order.
    #[default]
    Line,
    Name,
    District,
    Year,
    Households,
    Cost,
    PerHousehold,
    Verdict,
    /// Rows with the most serious audit entries first.
    Audit,
}

impl SortKey {
    /// Reads `line`, `name`, `district`, `year`, `households`, `cost`, `perHousehold`, `verdict`,
    /// `audit`.
    pub fn from_id(id: &str) -> Option<SortKey> {
        Some(match id {
            "line" => SortKey::Line,
            "name" => SortKey::Name,
            "district" => SortKey::District,
            "year" => SortKey::Year,
            "households" => SortKey::Households,
            "cost" => SortKey::Cost,
            "perHousehold" => SortKey::PerHousehold,
            "verdict" => SortKey::Verdict,
            "audit" => SortKey::Audit,
            _ => return None,
        })
    }
}

/// Which rows, in which order, and which page of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowQuery {
    pub sort: SortKey,
    pub descending: bool,
    pub verdict: Option<Verdict>,
    pub district: Option<String>,
    pub year: Option<i32>,
    pub source: Option<CostSource>,
    /// Only rows with an audit entry of at least this severity.
    pub audit: Option<Severity>,
    /// Only rows whose name, district or 序号 contains this text.
    pub text: Option<String>,
    pub offset: usize,
    /// At most this many indices (0: all).
    pub limit: usize,
}

/// A page of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPage {
    /// How many rows match the filter.
    pub matching: usize,
    /// Indices into the plan's rows, in the order asked for.
    pub rows: Vec<usize>,
}

fn worst(a: &Assessment, i: usize) -> Option<Severity> {
    let r = a.rows.get(i)?;
    super::audit::AuditCode::of_mask(r.audit)
        .map(|c| c.severity())
        .min()
}

/// The rows matching `q`, sorted, and the page of them it asks for.
pub fn page(plan: &Plan, a: &Assessment, q: &RowQuery) -> RowPage {
    let mut idx: Vec<usize> = (0..plan.rows.len().min(a.rows.len()))
        .filter(|&i| {
            let (Some(row), Some(r)) = (plan.rows.get(i), a.rows.get(i)) else {
                return false;
            };
            q.verdict.is_none_or(|v| r.verdict == v)
                && q.district
                    .as_deref()
                    .is_none_or(|d| row.district.as_deref() == Some(d))
                && q.year.is_none_or(|y| row.year == Some(y))
                && q.source.is_none_or(|s| r.source == s)
                && q.audit.is_none_or(|s| worst(a, i).is_some_and(|w| w <= s))
                && q.text.as_deref().is_none_or(|t| {
                    [&row.name, &row.district, &row.serial]
                        .iter()
                        .any(|f| f.as_deref().is_some_and(|v| v.contains(t)))
                })
        })
        .collect();
    let row = |i: usize| plan.rows.get(i);
    let res = |i: usize| a.rows.get(i);
    match q.sort {
        SortKey::Line => {}
        SortKey::Name => {
            idx.sort_by(|x, y| row(*x).map(|r| &r.name).cmp(&row(*y).map(|r| &r.name)))
        }
        SortKey::District => idx.sort_by(|x, y| {
            row(*x)
                .map(|r| &r.district)
                .cmp(&row(*y).map(|r| &r.district))
        }),
        SortKey::Year => idx.sort_by_key(|i| row(*i).and_then(|r| r.year)),
        SortKey::Households => idx.sort_by_key(|i| row(*i).and_then(|r| r.households)),
        SortKey::Cost => idx.sort_by_key(|i| res(*i).and_then(|r| r.cost)),
        SortKey::PerHousehold => idx.sort_by_key(|i| res(*i).and_then(|r| r.per_household)),
        SortKey::Verdict => idx.sort_by_key(|i| {
            res(*i).map(|r| match r.verdict {
                Verdict::Ineligible => 0,
                Verdict::Undetermined => 1,
                Verdict::Eligible => 2,
            })
        }),
        SortKey::Audit => idx.sort_by_key(|i| worst(a, *i).map_or(3, |s| s as u8)),
    }
    if q.descending {
        idx.reverse();
    }
    let matching = idx.len();
    let start = q.offset.min(matching);
    let end = if q.limit == 0 {
        matching
    } else {
        start.saturating_add(q.limit).min(matching)
    };
    RowPage {
        matching,
        rows: idx
            .get(start..end)
            .map(<[usize]>::to_vec)
            .unwrap_or_default(),
    }
}
