//! The options of assessing a plan, read through the schema table
//! [`PLAN_OPTIONS`] and checked against the chosen pack: the
//! benchmark, an item mix (an assumption), edited funding shares, the audit's factor.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::fraction::Fraction;
use crate::input::read::Reader;
use crate::policy::model::{BenchmarkBasis, MenuCategory, MenuItem};
use crate::policy::ResolvedPack;
use crate::record::read_record;
use crate::scenario::FundingOverride;
use crate::schema::{MixField, PlanOptionsField as O, Segment, PLAN_OPTIONS};

/// The audit's "far from the median" factor when none is given: 3 (more than 3× or less than
/// 1/3). No document sets one: an assumption, labelled as such and overridable.
pub const DEFAULT_FAR_FACTOR: i64 = 3;

/// One menu item's share of a row's total (an assumption the person makes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixItem {
    /// The menu item's id: its funding rule splits this share.
    pub item: String,
    /// Before or after the meter: needed for a pipeline item, whose two segments are funded
    /// differently.
    pub segment: Option<Segment>,
    /// 0–1; the shares of a mix add up to at most 1, the rest is costed under the general rule.
    pub share: Decimal,
}

/// How a plan is assessed (see [`PLAN_OPTIONS`] for each option's meaning).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssessOptions {
    /// The benchmark for rows without a stated investment; `None`: the pack's first
    /// per-household benchmark (else its first).
    pub benchmark: Option<String>,
    /// Shares of each row's total by menu item; empty: every row under the general rule.
    pub mix: Vec<MixItem>,
    /// Funding rules whose shares the person replaces (marked `edited`), as in an estimate.
    pub funding_overrides: Vec<FundingOverride>,
    /// `None`: [`DEFAULT_FAR_FACTOR`].
    pub far_factor: Option<Decimal>,
}

impl AssessOptions {
    /// Reads options from JSON (`{"benchmark": …, "mix": [{"item", "segment", "share"}],
    /// "fundingOverrides": […], "farFactor": …}`), every problem reported with its path.
    pub fn from_json(text: &str) -> Result<AssessOptions, Vec<Error>> {
        let tree = crate::input::parse_tree(text).map_err(|e| vec![e])?;
        let mut r = Reader::default();
        let rec = read_record(&tree, "", &PLAN_OPTIONS, &(), &mut r);
        match rec {
            Some(rec) if r.problems.is_empty() => Ok(AssessOptions {
                benchmark: rec.text(O::Benchmark).map(str::to_string),
                mix: rec
                    .list(O::Mix)
                    .iter()
                    .map(|m| MixItem {
                        item: m.text(MixField::Item).unwrap_or_default().to_string(),
                        segment: m
                            .choice(MixField::Segment)
                            .and_then(|i| Segment::ALL.get(i).copied()),
                        share: m.decimal(MixField::Share).unwrap_or_default(),
                    })
                    .collect(),
                funding_overrides: crate::scenario::funding_overrides_of(
                    rec.list(O::FundingOverrides),
                ),
                far_factor: rec.decimal(O::FarFactor),
            }),
            _ => Err(crate::estate::non_empty(r.problems)),
        }
    }

    /// The factor used for "far from the median / benchmark".
    pub fn far_factor(&self) -> Decimal {
        self.far_factor
            .unwrap_or_else(|| Decimal::from(DEFAULT_FAR_FACTOR))
    }
}

/// One entry of the mix, resolved against the pack.
pub(super) struct MixLine<'p> {
    pub item: (&'p MenuCategory, &'p MenuItem),
    pub segment: Option<Segment>,
}

/// The benchmark, the mix's lines and their weights (the rest last), as the options give them.
pub(super) type Resolved<'p> = (Option<usize>, Vec<MixLine<'p>>, Vec<Fraction>);

pub(super) fn resolve_options<'p>(
    pack: &'p ResolvedPack,
    options: &AssessOptions,
) -> Result<Resolved<'p>, Vec<Error>> {
    let mut problems = Vec::new();
    let benchmark = match &options.benchmark {
        Some(id) => match pack.benchmarks.iter().position(|b| &b.id == id) {
            Some(i) => Some(i),
            None => {
                problems.push(Error::UnknownBenchmark {
                    policy: pack.id().into(),
                    benchmark: id.clone(),
                    field: "benchmark".into(),
                });
                None
            }
        },
        None => pack
            .benchmarks
            .iter()
            .position(|b| b.basis == BenchmarkBasis::PerHousehold)
            .or_else(|| (!pack.benchmarks.is_empty()).then_some(0)),
    };
    if let Some(f) = options.far_factor {
        if f <= Decimal::ONE {
            problems.push(Error::OutOfRange {
                field: "farFactor".into(),
            });
        }
    }
    let mut lines = Vec::with_capacity(options.mix.len());
    let mut weights = Vec::with_capacity(options.mix.len() + 1);
    let mut sum = Fraction::ZERO;
    for (i, m) in options.mix.iter().enumerate() {
        let Some(item) = pack.item(&m.item) else {
            problems.push(Error::UnknownItem {
                policy: pack.id().into(),
                item: m.item.clone(),
                field: format!("mix[{i}].item"),
            });
            continue;
        };
        if item.1.pipeline.is_some() && m.segment.is_none() {
            problems.push(Error::MissingField {
                field: format!("mix[{i}].segment"),
            });
            continue;
        }
        let Some(w) = Fraction::from_decimal(m.share) else {
            problems.push(Error::Overflow {
                field: format!("mix[{i}].share"),
            });
            continue;
        };
        sum = match sum.checked_add(w) {
            Some(s) => s,
            None => {
                problems.push(Error::Overflow {
                    field: "mix".into(),
                });
                continue;
            }
        };
        lines.push(MixLine {
            item,
            segment: m.segment,
        });
        weights.push(w);
    }
    if !options.mix.is_empty() {
        // The rest of the total, if any, is one line under the general rule.
        match Fraction::ONE.checked_sub(sum) {
            Some(rest) if sum.checked_cmp(Fraction::ONE) != Some(std::cmp::Ordering::Greater) => {
                weights.push(rest)
            }
            _ => problems.push(Error::OutOfRange {
                field: "mix".into(),
            }),
        }
    }
    if problems.is_empty() {
        Ok((benchmark, lines, weights))
    } else {
        Err(problems)
    }
}
