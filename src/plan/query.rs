//! Paging through an assessed plan's rows, sorted and filtered — what a page's virtualised table
//! asks a Worker for: the indices of one screenful, and how many rows match in all.

use super::assess::{Assessment, CostSource};
use super::audit::{AuditCode, Severity};
use super::Plan;
use crate::eligibility::Verdict;

/// The column rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// File order.
    #[default]
    Line,
    /// By compound name.
    Name,
    /// By district.
    District,
    /// By renovation year.
    Year,
    /// By households.
    Households,
    /// By the row's cost.
    Cost,
    /// By cost per household, to bring the outliers together.
    PerHousehold,
    /// By verdict, to work through the undetermined rows together.
    Verdict,
    /// Rows with the most serious audit entries first.
    Audit,
}

impl SortKey {
    /// Every key, in the order of a table's columns.
    pub const ALL: [SortKey; 9] = [
        SortKey::Line,
        SortKey::Name,
        SortKey::District,
        SortKey::Year,
        SortKey::Households,
        SortKey::Cost,
        SortKey::PerHousehold,
        SortKey::Verdict,
        SortKey::Audit,
    ];

    /// The id [`SortKey::from_id`] reads.
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Line => "line",
            SortKey::Name => "name",
            SortKey::District => "district",
            SortKey::Year => "year",
            SortKey::Households => "households",
            SortKey::Cost => "cost",
            SortKey::PerHousehold => "perHousehold",
            SortKey::Verdict => "verdict",
            SortKey::Audit => "audit",
        }
    }

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
    /// The column to sort by.
    pub sort: SortKey,
    /// Largest (or last) first.
    pub descending: bool,
    /// Only rows with this verdict.
    pub verdict: Option<Verdict>,
    /// Only rows of this district, as written.
    pub district: Option<String>,
    /// Only rows of this renovation year.
    pub year: Option<i32>,
    /// Only rows costed this way (to find the estimated or uncosted ones).
    pub source: Option<CostSource>,
    /// Only rows with an audit entry of at least this severity.
    pub audit: Option<Severity>,
    /// Only rows whose name, district or 序号 contains this text.
    pub text: Option<String>,
    /// How many matching rows to skip: where the page starts.
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

/// Which audit entries, and which page of them (the audit of a national list runs to tens of
/// thousands of entries: a page lists them a screenful at a time).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditQuery {
    /// Only entries of at least this severity.
    pub severity: Option<Severity>,
    /// Only entries with this code.
    pub code: Option<AuditCode>,
    /// Only entries of this row (index into the plan's rows).
    pub row: Option<usize>,
    /// How many matching entries to skip: where the page starts.
    pub offset: usize,
    /// At most this many entries (0: all).
    pub limit: usize,
}

/// A page of audit entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    /// How many entries match the filter.
    pub matching: usize,
    /// Indices into the assessment's audit, in its order (top to bottom of the file).
    pub entries: Vec<usize>,
    /// How many entries of each code match the severity and row filters (the code filter aside),
    /// codes in order of first appearance.
    pub by_code: Vec<(AuditCode, usize)>,
}

/// The audit entries matching `q`, in the audit's order, and the page of them it asks for.
pub fn audit_page(a: &Assessment, q: &AuditQuery) -> AuditPage {
    let mut by_code: Vec<(AuditCode, usize)> = Vec::new();
    let mut matching = 0;
    let mut entries = Vec::new();
    let end = if q.limit == 0 {
        usize::MAX
    } else {
        q.offset.saturating_add(q.limit)
    };
    for (i, e) in a.audit.iter().enumerate() {
        if q.severity.is_some_and(|s| e.severity() > s) || q.row.is_some_and(|r| e.row != Some(r)) {
            continue;
        }
        match by_code.iter_mut().find(|(c, _)| *c == e.code) {
            Some((_, n)) => *n += 1,
            None => by_code.push((e.code, 1)),
        }
        if q.code.is_some_and(|c| c != e.code) {
            continue;
        }
        if matching >= q.offset && matching < end {
            entries.push(i);
        }
        matching += 1;
    }
    AuditPage {
        matching,
        entries,
        by_code,
    }
}

// ---- the queries as a page sends them (JSON text) ----------------------------------------------

use crate::input::read::{path_or_root, FromJson, Reader};
use crate::input::tree::Tree;

/// Reads an id among `ids` with `from`, or records the allowed ids as the problem.
fn read_id<T>(
    v: &Tree,
    path: &str,
    r: &mut Reader,
    ids: &[&str],
    from: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let s = String::read(v, path, r)?;
    from(&s).or_else(|| {
        r.fail(crate::error::Error::WrongType {
            field: path_or_root(path),
            detail: format!(
                "unknown value \"{}\", expected one of: {}",
                s.chars().take(40).collect::<String>(),
                ids.join(", ")
            ),
        })
    })
}

impl FromJson for SortKey {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let ids: Vec<&str> = SortKey::ALL.iter().map(|k| k.id()).collect();
        read_id(v, path, r, &ids, SortKey::from_id)
    }
}

impl FromJson for Verdict {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        read_id(
            v,
            path,
            r,
            &["eligible", "ineligible", "undetermined"],
            |s| match s {
                "eligible" => Some(Verdict::Eligible),
                "ineligible" => Some(Verdict::Ineligible),
                "undetermined" => Some(Verdict::Undetermined),
                _ => None,
            },
        )
    }
}

impl FromJson for CostSource {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        read_id(
            v,
            path,
            r,
            &["stated", "benchmark", "missing"],
            |s| match s {
                "stated" => Some(CostSource::Stated),
                "benchmark" => Some(CostSource::Benchmark),
                "missing" => Some(CostSource::Missing),
                _ => None,
            },
        )
    }
}

impl FromJson for Severity {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        read_id(v, path, r, &["error", "warning", "note"], |s| match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            _ => None,
        })
    }
}

impl FromJson for AuditCode {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let ids: Vec<&str> = super::words::audit_codes().map(AuditCode::as_str).collect();
        read_id(v, path, r, &ids, AuditCode::from_id)
    }
}

/// A count or an index: a whole number from 0.
struct Index(usize);

impl FromJson for Index {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let n = v.number();
        match n
            .and_then(|n| n.as_u64())
            .and_then(|n| usize::try_from(n).ok())
        {
            Some(n) => Some(Index(n)),
            None if n.is_some() => r.fail(crate::error::Error::OutOfRange {
                field: path_or_root(path),
            }),
            None => r.wrong_type(path, "a whole number from 0", v),
        }
    }
}

impl FromJson for RowQuery {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let mut o = crate::input::read::Obj::new(v, path, r)?;
        let sort = o.opt("sort", r).unwrap_or_default();
        let descending = o.opt("descending", r).unwrap_or(false);
        let verdict = o.opt("verdict", r);
        let district = o.opt("district", r);
        let year = o.opt("year", r);
        let source = o.opt("source", r);
        let audit = o.opt("audit", r);
        let text: Option<String> = o.opt("text", r);
        let offset = o.opt::<Index>("offset", r).map_or(0, |i| i.0);
        let limit = o.opt::<Index>("limit", r).map_or(0, |i| i.0);
        o.finish(r)?;
        Some(RowQuery {
            sort,
            descending,
            verdict,
            district,
            year,
            source,
            audit,
            // An empty search is no search.
            text: text.filter(|t| !t.is_empty()),
            offset,
            limit,
        })
    }
}

impl FromJson for AuditQuery {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let mut o = crate::input::read::Obj::new(v, path, r)?;
        let severity = o.opt("severity", r);
        let code = o.opt("code", r);
        let row = o.opt::<Index>("row", r).map(|i| i.0);
        let offset = o.opt::<Index>("offset", r).map_or(0, |i| i.0);
        let limit = o.opt::<Index>("limit", r).map_or(0, |i| i.0);
        o.finish(r)?;
        Some(AuditQuery {
            severity,
            code,
            row,
            offset,
            limit,
        })
    }
}

impl RowQuery {
    /// Reads a query as a page sends it: `{sort, descending, verdict, district, year, source,
    /// audit, text, offset, limit}`, every key optional (ids as in the plan JSON); unknown keys
    /// and values are refused with their path.
    pub fn from_json(text: &str) -> Result<RowQuery, Vec<crate::error::Error>> {
        crate::input::from_json_all(text)
    }

    /// The same query without its page (`offset`, `limit`): the rows it selects and their order.
    pub fn without_page(&self) -> RowQuery {
        RowQuery {
            offset: 0,
            limit: 0,
            ..self.clone()
        }
    }
}

impl AuditQuery {
    /// Reads `{severity, code, row, offset, limit}`, every key optional.
    pub fn from_json(text: &str) -> Result<AuditQuery, Vec<crate::error::Error>> {
        crate::input::from_json_all(text)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a test that panics fails, as it should
mod tests {
    use super::*;

    #[test]
    fn queries_from_json() {
        let q = RowQuery::from_json(
            r#"{"sort":"perHousehold","descending":true,"verdict":"ineligible","year":2020,"text":"","offset":40,"limit":20}"#,
        )
        .unwrap();
        assert_eq!(q.sort, SortKey::PerHousehold);
        assert!(q.descending);
        assert_eq!(q.verdict, Some(Verdict::Ineligible));
        assert_eq!(q.year, Some(2020));
        assert_eq!(q.text, None);
        assert_eq!((q.offset, q.limit), (40, 20));
        assert_eq!(RowQuery::from_json("{}").unwrap(), RowQuery::default());
        let e = RowQuery::from_json(r#"{"sort":"colour","offset":-1,"extra":1}"#).unwrap_err();
        let fields: Vec<String> = e
            .iter()
            .map(|e| crate::texts::ErrorReport::from(e).field.unwrap_or_default())
            .collect();
        assert_eq!(fields, ["sort", "offset", "extra"]);
        let a =
            AuditQuery::from_json(r#"{"severity":"warning","code":"builtAfterCutoff"}"#).unwrap();
        assert_eq!(a.severity, Some(Severity::Warning));
        assert_eq!(a.code, Some(AuditCode::BuiltAfterCutoff));
        assert!(AuditQuery::from_json(r#"{"code":"nope"}"#).is_err());
    }
}
