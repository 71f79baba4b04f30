//! Each compound of a plan assessed under a pack: eligibility from whatever facts the sheet has,
//! its cost (the stated investment, or a benchmark estimate labelled as such), the split between
//! payers exact to the fen, the audit and the totals.
//!
//! Made for lists of 220,000 rows: one [`Estate`] is reused for every row, rule outcomes are kept
//! as small codes in one flat vector, the fields to provide are interned (most rows share a
//! handful of lists), every row's shares sit in one flat vector, and no text is made — the
//! sentences come from [`crate::texts::plan`] on request. The result owns its data and borrows
//! nothing, so a Web Worker can keep it beside the plan and page through it.
//!
//! Money: a row's stated investment is rounded once, half up, to the fen (exact already when the
//! sheet gives 元 with at most two decimals); a benchmark estimate is intensity × households,
//! rounded half up. The row's amount is split by its funding rule with [`crate::money::allocate`]
//! (largest remainder), so its shares add up to it exactly and the totals add up to the plan.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;
use serde::Serialize;

use super::audit::{AuditCode, AuditEntry, Figures};
use super::header::{Target, Unit};
use super::rows::{parse_amount, parse_count};
use super::totals::{PlanTotals, RowSum, TotalsBuilder};
use super::{Cell, Plan, PlanRow};
use crate::eligibility::{self, Chosen, FindingRole, Outcome, Verdict};
use crate::error::Error;
use crate::estate::Estate;
use crate::estimate::lines::{benchmark_amount, find_rule};
use crate::estimate::split::{effective_rules, EffRule};
use crate::fraction::Fraction;
use crate::input::read::Reader;
use crate::money::{yuan_to_fen_half_up, Fen};
use crate::party::Party;
use crate::policy::model::{Basis, BenchmarkBasis, MenuCategory, MenuItem};
use crate::policy::{CompiledTest, PartyRef, ResolvedPack};
use crate::record::{read_record, LocalKind, Value};
use crate::scenario::FundingOverride;
use crate::schema::{
    EstateField as F, Kind, MixField, PlanOptionsField as O, Segment, ESTATE, PLAN_OPTIONS,
};

/// The audit's "far from the median" factor when none is given: 3 (more than 3× or less than
/// 1/3). No document sets one: an assumption, labelled as such and overridable.
pub const DEFAULT_FAR_FACTOR: i64 = 3;

/// One menu item's share of a row's total (an assumption the person makes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixItem {
    pub item: String,
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
    pub mix: Vec<MixItem>,
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

/// Where a row's cost comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CostSource {
    /// The investment the sheet states.
    Stated,
    /// No investment stated: the benchmark's intensity × households (or floor area), an estimate.
    Benchmark,
    /// Neither: not costed.
    Missing,
}

/// One party's part of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowShare {
    pub party: Party,
    pub amount: Fen,
}

/// One row, assessed: codes and amounts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowResult {
    pub verdict: Verdict,
    /// The row's amount, in fen (`None` when it could not be costed).
    pub cost: Option<Fen>,
    pub source: CostSource,
    /// Cost ÷ households, rounded half up to the fen.
    pub per_household: Option<Fen>,
    /// The basis of every share of the row: the funding rule's (`policy`, `assumption`, or
    /// `edited` when the person gave its shares), `assumption` when an item mix split it.
    pub basis: Basis,
    /// The funding rule of a one-line row (index into the pack's funding rules).
    pub rule: Option<u16>,
    /// Split by the item mix.
    pub mixed: bool,
    /// The audit codes of this row (bits of [`super::audit::ROW_CODES`]).
    pub audit: u32,
    provide: u32,
    shares_at: u32,
    shares_len: u8,
}

/// A plan assessed under a pack. Owns its data; the pack is passed again to word or export it
/// (and checked to be the same pack, by content).
#[derive(Debug, Clone)]
pub struct Assessment {
    pub policy: String,
    pub content_hash: String,
    pub options: AssessOptions,
    /// The benchmark used (index into the pack's benchmarks).
    pub benchmark: Option<usize>,
    /// The build-year rule the audit checks against (index into the pack's rules).
    pub build_rule: Option<usize>,
    /// Each rule's part in the verdict (the mix's items may make item-scoped rules decisive).
    pub roles: Vec<FindingRole>,
    /// The funding rules used by any row (indices into the pack's funding rules, in order).
    pub rules_used: Vec<usize>,
    /// The basis of each funding rule as used (`edited` when overridden).
    pub rule_bases: Vec<Basis>,
    pub rows: Vec<RowResult>,
    pub audit: Vec<AuditEntry>,
    pub totals: PlanTotals,
    /// The median investment per household of the rows with a stated investment.
    pub median_per_household: Option<Fen>,
    /// Problems the reader counted but did not keep.
    pub omitted_problems: usize,
    /// How many times the rules were evaluated: once per distinct combination of the facts they
    /// read (the other rows reuse the outcomes).
    pub evaluations: usize,
    shares: Vec<RowShare>,
    outcomes: Vec<Outcome>,
    provide_sets: Vec<Vec<String>>,
}

impl Assessment {
    /// The shares of row `i`, in the fixed party order.
    pub fn shares(&self, i: usize) -> &[RowShare] {
        let Some(r) = self.rows.get(i) else {
            return &[];
        };
        let at = r.shares_at as usize;
        self.shares
            .get(at..at + usize::from(r.shares_len))
            .unwrap_or(&[])
    }

    /// The outcome of each of the pack's rules for row `i`, in the pack's order.
    pub fn outcomes(&self, i: usize) -> &[Outcome] {
        let n = self.roles.len();
        self.outcomes.get(i * n..(i + 1) * n).unwrap_or(&[])
    }

    /// The fields that would settle row `i`'s undecided decisive rules.
    pub fn to_provide(&self, i: usize) -> &[String] {
        self.rows
            .get(i)
            .and_then(|r| self.provide_sets.get(r.provide as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The index of row `i`'s list in [`Assessment::provide_sets`].
    pub fn provide_set(&self, i: usize) -> usize {
        self.rows.get(i).map_or(0, |r| r.provide as usize)
    }

    /// Every distinct list of fields to provide (rows refer to them by index).
    pub fn provide_sets(&self) -> &[Vec<String>] {
        &self.provide_sets
    }

    /// Row `i`'s outcomes as one character per rule: `P` pass, `F` fail, `?` unknown.
    pub fn outcome_codes(&self, i: usize) -> String {
        self.outcomes(i)
            .iter()
            .map(|o| match o {
                Outcome::Pass => 'P',
                Outcome::Fail => 'F',
                Outcome::Unknown => '?',
            })
            .collect()
    }

    /// Refuses a pack other than the one assessed with (by id and content).
    pub fn check_pack(&self, pack: &ResolvedPack) -> Result<(), Error> {
        if pack.id() == self.policy && pack.content_hash == self.content_hash {
            Ok(())
        } else {
            Err(Error::internal(format!(
                "the assessment was made under {} ({}), not {}",
                self.policy,
                self.content_hash.get(..12).unwrap_or(""),
                pack.id()
            )))
        }
    }

    /// Audit entries with errors or warnings (what `--strict` refuses).
    pub fn problems(&self) -> usize {
        self.audit
            .iter()
            .filter(|e| e.severity() != super::audit::Severity::Note)
            .count()
    }
}

/// A fact column, resolved once.
enum FactSlot {
    Core {
        index: usize,
        kind: Kind,
        unit: Option<Unit>,
    },
    Local(LocalKindOwned),
    Unknown,
}

enum LocalKindOwned {
    Bool,
    Count,
    Decimal,
    Choice(Vec<String>),
}

/// One entry of the mix, resolved against the pack.
struct MixLine<'p> {
    item: (&'p MenuCategory, &'p MenuItem),
    segment: Option<Segment>,
}

/// A funding rule's parties and weights, resolved once (weights as integers for
/// [`crate::money::allocate_integers`]).
struct RuleSplit {
    parties: Vec<PartyRef>,
    weights: Vec<i128>,
}

/// Buffers reused by every row's split.
#[derive(Default)]
struct SplitBuffers {
    lines: Vec<Fen>,
    parts: Vec<Fen>,
    scratch: Vec<i128>,
}

/// Splits `total` by integer weights into `out` (zeros when it cannot: all-zero weights, which
/// validation refuses, or an amount beyond exact arithmetic, which the reader's limits exclude).
fn split_into(total: Fen, weights: &[i128], out: &mut Vec<Fen>, scratch: &mut Vec<i128>) {
    if total.0 == 0 || crate::money::allocate_integers(total, weights, out, scratch).is_none() {
        out.clear();
        out.resize(weights.len(), Fen(0));
    }
}

/// The benchmark, the mix's lines and their weights (the rest last), as the options give them.
type Resolved<'p> = (Option<usize>, Vec<MixLine<'p>>, Vec<Fraction>);

fn resolve_options<'p>(
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

/// The pack's build-year rule: its decisive `builtBy`, else any.
pub fn build_rule(pack: &ResolvedPack, roles: &[FindingRole]) -> Option<usize> {
    let built = |i: &usize| {
        pack.rules
            .get(*i)
            .is_some_and(|r| matches!(r.test, CompiledTest::BuiltBy { .. }))
    };
    (0..pack.rules.len())
        .filter(built)
        .find(|i| roles.get(*i) == Some(&FindingRole::Decisive))
        .or_else(|| (0..pack.rules.len()).find(built))
}

/// Everything resolved once from the pack, the options and the mapping, shared by the pass over
/// all rows and by the detail of one row.
struct Prepared<'p> {
    pack: &'p ResolvedPack,
    benchmark: Option<usize>,
    rules: Vec<EffRule<'p>>,
    splits: Vec<RuleSplit>,
    mix: Vec<MixLine<'p>>,
    mix_weights: Vec<i128>,
    chosen_items: Vec<(&'p str, &'p str, bool)>,
    roles: Vec<FindingRole>,
    build_rule: Option<usize>,
    /// (year, inclusive, the year's reading is an assumption)
    cutoff: Option<(i32, bool, bool)>,
    facts: Vec<(String, FactSlot)>,
}

/// One line of a row's split: the mix's item (or the general line), its rule and amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLine<'p> {
    /// The menu item, for a line of the mix.
    pub item: Option<&'p str>,
    pub segment: Option<Segment>,
    pub amount: Fen,
    /// The funding rule (index into the pack's funding rules).
    pub rule: usize,
    pub shares: Vec<RowShare>,
}

impl<'p> Prepared<'p> {
    fn new(
        plan: &Plan,
        pack: &'p ResolvedPack,
        options: &AssessOptions,
    ) -> Result<Prepared<'p>, Vec<Error>> {
        let (benchmark, mix, mix_weights) = resolve_options(pack, options)?;
        let rules: Vec<EffRule<'p>> = effective_rules(pack, &options.funding_overrides)?;
        let overflow = |field: &str| {
            vec![Error::Overflow {
                field: field.to_string(),
            }]
        };
        let mut splits: Vec<RuleSplit> = Vec::with_capacity(rules.len());
        for r in &rules {
            let weights: Vec<Fraction> = r.shares.iter().map(|(_, w)| *w).collect();
            splits.push(RuleSplit {
                parties: r.shares.iter().map(|(p, _)| *p).collect(),
                weights: crate::money::integer_weights(&weights)
                    .ok_or_else(|| overflow("fundingOverrides"))?,
            });
        }
        let mix_weights = if mix_weights.is_empty() {
            Vec::new()
        } else {
            crate::money::integer_weights(&mix_weights).ok_or_else(|| overflow("mix"))?
        };
        let chosen_items: Vec<(&'p str, &'p str, bool)> = mix
            .iter()
            .map(|m| {
                (
                    m.item.1.id.as_str(),
                    m.item.0.id.as_str(),
                    m.item.1.elevator,
                )
            })
            .collect();
        let roles: Vec<FindingRole> = pack
            .rules
            .iter()
            .map(|r| {
                eligibility::role_of(
                    r,
                    Chosen {
                        items: &chosen_items,
                    },
                )
            })
            .collect();
        let build_rule = build_rule(pack, &roles);
        let cutoff = build_rule
            .and_then(|i| pack.rules.get(i))
            .and_then(|r| match r.test {
                CompiledTest::BuiltBy { year, inclusive } => {
                    Some((year, inclusive, r.spec.assumption.is_some()))
                }
                _ => None,
            });
        let mut facts = Vec::new();
        for c in &plan.mapping.columns {
            let Target::Fact(key) = &c.target else {
                continue;
            };
            // A group (`owners`) or a list holds no value of its own: not a column's fact.
            let value_field = ESTATE.field(key).filter(|(_, f)| {
                !matches!(f.kind, Kind::Group | Kind::Record(_) | Kind::List { .. })
            });
            let slot = if let Some((index, f)) = value_field {
                FactSlot::Core {
                    index,
                    kind: f.kind,
                    unit: c.unit,
                }
            } else if let Some(kind) = crate::record::LocalFacts::local_kind(pack, key) {
                FactSlot::Local(match kind {
                    LocalKind::Bool => LocalKindOwned::Bool,
                    LocalKind::Count => LocalKindOwned::Count,
                    LocalKind::Decimal => LocalKindOwned::Decimal,
                    LocalKind::Choice(ids) => LocalKindOwned::Choice(ids.to_vec()),
                })
            } else {
                FactSlot::Unknown
            };
            facts.push((key.clone(), slot));
        }
        Ok(Prepared {
            pack,
            benchmark,
            rules,
            splits,
            mix,
            mix_weights,
            chosen_items,
            roles,
            build_rule,
            cutoff,
            facts,
        })
    }

    fn chosen(&self) -> Chosen<'_> {
        Chosen {
            items: &self.chosen_items,
        }
    }

    /// The lines of a row's split, each with its rule and shares.
    fn lines(&self, total: Fen, estate: &Estate) -> Vec<RowLine<'p>> {
        let mut out: Vec<(usize, RowLine<'p>, [i128; Party::ALL.len()])> = Vec::new();
        let mut notes = Vec::new();
        let mut bufs = SplitBuffers::default();
        self.split(
            total,
            estate,
            &mut notes,
            &mut bufs,
            |k, line, rule, amount, party, part| {
                if out.last().is_none_or(|(j, _, _)| *j != k) {
                    out.push((
                        k,
                        RowLine {
                            item: line.map(|m| m.item.1.id.as_str()),
                            segment: line.and_then(|m| m.segment),
                            amount,
                            rule,
                            shares: Vec::new(),
                        },
                        [0; Party::ALL.len()],
                    ));
                }
                if let Some((_, _, acc)) = out.last_mut() {
                    add_part(acc, party, part);
                }
            },
        );
        out.into_iter()
            .map(|(_, mut line, acc)| {
                push_shares(&mut line.shares, &acc);
                line
            })
            .collect()
    }
}

/// One row in full: its eligibility with every finding (and texts in `langs`), and the lines of
/// its split — computed again on request (a Worker asks for the row a person opens).
#[derive(Debug, Clone)]
pub struct RowDetail<'p> {
    pub eligibility: eligibility::Eligibility<'p>,
    pub lines: Vec<RowLine<'p>>,
}

/// The details of an assessed plan's rows, resolved once for many rows (`--detail`).
pub struct Details<'p> {
    prep: Prepared<'p>,
}

impl<'p> Details<'p> {
    /// Checks that `pack` is the one assessed with, and resolves the options again.
    pub fn new(plan: &Plan, a: &Assessment, pack: &'p ResolvedPack) -> Result<Details<'p>, Vec<Error>> {
        a.check_pack(pack).map_err(|e| vec![e])?;
        Ok(Details {
            prep: Prepared::new(plan, pack, &a.options)?,
        })
    }

    /// Row `index` in full, with texts in `langs`.
    pub fn row(
        &self,
        plan: &Plan,
        a: &Assessment,
        index: usize,
        langs: crate::texts::Langs,
    ) -> Result<RowDetail<'p>, Vec<Error>> {
        let row = plan
            .rows
            .get(index)
            .ok_or_else(|| vec![Error::internal(format!("no row {index}"))])?;
        let mut estate = Estate::default();
        self.prep.estate_of(row, &mut estate, |_, _| {});
        let eligibility =
            eligibility::check_with(self.prep.pack, &estate, self.prep.chosen(), langs);
        let lines = match a.rows.get(index).and_then(|r| r.cost) {
            Some(total) => self.prep.lines(total, &estate),
            None => Vec::new(),
        };
        Ok(RowDetail { eligibility, lines })
    }
}

/// The detail of row `index` of an assessed plan (see [`Details`] for many rows).
pub fn row_detail<'p>(
    plan: &Plan,
    a: &Assessment,
    pack: &'p ResolvedPack,
    index: usize,
    langs: crate::texts::Langs,
) -> Result<RowDetail<'p>, Vec<Error>> {
    Details::new(plan, a, pack)?.row(plan, a, index, langs)
}

impl<'p> Prepared<'p> {
    /// Fills the reused estate with a row's facts; calls `bad` for each fact cell that cannot
    /// be read.
    fn estate_of(
        &self,
        row: &PlanRow,
        estate: &mut Estate,
        mut bad: impl FnMut(&str, &Cell),
    ) -> bool {
        fill_estate(estate, row);
        let mut had_facts = false;
        for (key, cell) in &row.facts {
            let Some((_, slot)) = self.facts.iter().find(|(k, _)| k == key) else {
                continue;
            };
            had_facts = true;
            if set_fact(estate, key, slot, cell).is_err() {
                bad(key, cell);
            }
        }
        had_facts
    }

    /// Splits a row's amount: one line under the general rule, or the mix's lines. Calls
    /// `each(line, rule, line amount, party, amount)` for every part.
    fn split(
        &self,
        total: Fen,
        estate: &Estate,
        notes: &mut Vec<crate::estimate::EstimateNote<'p>>,
        bufs: &mut SplitBuffers,
        mut each: impl FnMut(usize, Option<&MixLine<'p>>, usize, Fen, Party, Fen),
    ) {
        if self.mix.is_empty() {
            let Some(ri) = find_rule(&self.rules, None, None, None, estate, notes) else {
                return;
            };
            if let Some(split) = self.splits.get(ri) {
                split_into(total, &split.weights, &mut bufs.parts, &mut bufs.scratch);
                for (p, a) in split.parties.iter().zip(&bufs.parts) {
                    each(0, None, ri, total, resolve(*p, None), *a);
                }
            }
            return;
        }
        split_into(total, &self.mix_weights, &mut bufs.lines, &mut bufs.scratch);
        for k in 0..bufs.lines.len() {
            let amount = bufs.lines.get(k).copied().unwrap_or(Fen(0));
            let line = self.mix.get(k);
            let ri = match line {
                Some(m) => find_rule(
                    &self.rules,
                    Some(m.item.0),
                    Some(m.item.1),
                    m.segment,
                    estate,
                    notes,
                ),
                None => find_rule(&self.rules, None, None, None, estate, notes),
            };
            let Some(ri) = ri else { continue };
            if let Some(split) = self.splits.get(ri) {
                let pipeline = line.and_then(|m| m.item.1.pipeline);
                split_into(amount, &split.weights, &mut bufs.parts, &mut bufs.scratch);
                for (p, a) in split.parties.iter().zip(&bufs.parts) {
                    each(k, line, ri, amount, resolve(*p, pipeline), *a);
                }
            }
        }
    }

    /// A row's cost: the stated investment, else the benchmark's estimate.
    fn cost(&self, row: &PlanRow, estate: &Estate) -> (Option<Fen>, CostSource) {
        match row.investment {
            Some(d) => match yuan_to_fen_half_up(d) {
                Some(f) => (Some(f), CostSource::Stated),
                None => (None, CostSource::Missing),
            },
            None => {
                let b = self.benchmark.and_then(|i| self.pack.benchmarks.get(i));
                match b
                    .and_then(|b| benchmark_amount(b, estate).ok())
                    .and_then(|e| e.amount)
                {
                    Some(a) => (Some(a), CostSource::Benchmark),
                    None => (None, CostSource::Missing),
                }
            }
        }
    }
}

/// Assesses every row of a plan under a pack. Fails only on options that do not fit the pack
/// (an unknown benchmark or item, a mix above the whole); problems of the plan's rows are
/// entries of the audit.
pub fn assess(
    plan: &Plan,
    pack: &ResolvedPack,
    options: &AssessOptions,
) -> Result<Assessment, Vec<Error>> {
    let prep = Prepared::new(plan, pack, options)?;
    let bench = prep.benchmark.and_then(|i| pack.benchmarks.get(i));
    let far = options.far_factor();

    let mut audit: Vec<AuditEntry> = Vec::new();
    let fact_column = |key: &str| {
        plan.mapping
            .columns
            .iter()
            .find(|c| matches!(&c.target, Target::Fact(k) if k == key))
            .map(|c| c.index)
    };
    for (key, slot) in &prep.facts {
        if matches!(slot, FactSlot::Unknown) {
            audit.push(AuditEntry {
                row: None,
                line: Some(plan.mapping.header_row),
                column: fact_column(key),
                code: AuditCode::UnknownFactColumn,
                figures: Figures::Fact {
                    key: key.clone(),
                    text: String::new(),
                },
            });
        }
    }
    let built_column = plan.mapping.column(&Target::Built).map(|c| c.index);
    let name_column = plan.mapping.column(&Target::Name).map(|c| c.index);
    let investment_column = plan.mapping.column(&Target::Investment).map(|c| c.index);
    let households_column = plan.mapping.column(&Target::Households).map(|c| c.index);
    if prep.cutoff.is_some() && built_column.is_none() && !plan.rows.is_empty() {
        audit.push(AuditEntry {
            row: None,
            line: Some(plan.mapping.header_row),
            column: None,
            code: AuditCode::BuildDateColumnMissing,
            figures: Figures::None,
        });
    }

    let n = plan.rows.len();
    // Rows whose investment cell the reader could not read.
    let mut bad_cells = vec![false; n];
    if let Some(c) = investment_column {
        let letter = super::header::column_letter(c);
        for p in &plan.problems {
            if let (Some(r), Some(l)) = (p.row, p.letter.as_deref()) {
                if l == letter {
                    if let Some(b) = bad_cells.get_mut(r) {
                        *b = true;
                    }
                }
            }
        }
    }
    let mut results: Vec<RowResult> = Vec::with_capacity(n);
    let mut shares: Vec<RowShare> = Vec::with_capacity(n * 3);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(n * pack.rules.len());
    let mut provide_sets: Vec<Vec<String>> = Vec::new();
    let mut totals = TotalsBuilder::default();
    let mut rules_used = vec![false; prep.rules.len()];
    let mut estate = Estate::default();
    let mut outs: Vec<Outcome> = Vec::with_capacity(pack.rules.len());
    let mut provide: Vec<&str> = Vec::new();
    let mut notes = Vec::new();
    let mut bufs = SplitBuffers::default();
    let mut condition_unknown: Vec<(String, String)> = Vec::new();
    let mut stated_per_household: Vec<i128> = Vec::new();
    let mut cache = OutcomeCache::new(pack);
    let mut evaluations = 0usize;

    for (index, row) in plan.rows.iter().enumerate() {
        let mut bits = 0u32;
        let mut flag = |audit: &mut Vec<AuditEntry>, code: AuditCode, column, figures| {
            bits |= code.bit();
            audit.push(AuditEntry {
                row: Some(index),
                line: Some(row.line),
                column,
                code,
                figures,
            });
        };

        // The compound's facts, in the one reused estate.
        let mut unreadable: Vec<(String, String)> = Vec::new();
        let had_facts = prep.estate_of(row, &mut estate, |key, cell| {
            let text = cell
                .text()
                .map(|t| t.chars().take(40).collect())
                .unwrap_or_default();
            unreadable.push((key.to_string(), text));
        });
        for (key, text) in unreadable {
            let column = fact_column(&key);
            flag(
                &mut audit,
                AuditCode::UnreadableFact,
                column,
                Figures::Fact { key, text },
            );
        }
        if had_facts {
            for e in estate.record().constraint_problems() {
                let key = e.field().unwrap_or_default().to_string();
                let column = fact_column(&key);
                let text = match &e {
                    Error::ExceedsTotal { limit, .. } => limit.clone(),
                    _ => String::new(),
                };
                flag(
                    &mut audit,
                    AuditCode::FactsConflict,
                    column,
                    Figures::Fact { key, text },
                );
            }
        }

        // Eligibility: outcomes only, once per distinct combination of the facts the rules read.
        let (verdict, provide_index) = match cache.find(&estate).and_then(|i| cache.entries.get(i))
        {
            Some(e) => {
                outcomes.extend_from_slice(&e.outcomes);
                (e.verdict, e.provide)
            }
            None => {
                evaluations += 1;
                let verdict =
                    eligibility::outcomes_into(pack, &estate, &prep.roles, &mut outs, &mut provide);
                outcomes.extend_from_slice(&outs);
                let provide_index = match provide_sets.iter().position(|s| {
                    s.len() == provide.len() && s.iter().zip(&provide).all(|(a, b)| a == b)
                }) {
                    Some(i) => i,
                    None => {
                        provide_sets.push(provide.iter().map(|s| s.to_string()).collect());
                        provide_sets.len() - 1
                    }
                };
                let provide_index = u32::try_from(provide_index).unwrap_or(0);
                cache.insert(&estate, verdict, &outs, provide_index);
                (verdict, provide_index)
            }
        };

        // The build year against the pack's cut-off.
        if let Some((year, inclusive, assumed)) = prep.cutoff {
            let passes = |y: i32| if inclusive { y <= year } else { y < year };
            match (estate.earliest_year(), estate.latest_year()) {
                (Some(from), Some(to)) => {
                    let figures = Figures::Built {
                        from,
                        to,
                        cutoff: year,
                        inclusive,
                    };
                    if !passes(from) {
                        flag(
                            &mut audit,
                            AuditCode::BuiltAfterCutoff,
                            built_column,
                            figures.clone(),
                        );
                    } else if !passes(to) {
                        flag(
                            &mut audit,
                            AuditCode::BuiltAcrossCutoff,
                            built_column,
                            figures.clone(),
                        );
                    }
                    if assumed && to == year {
                        flag(
                            &mut audit,
                            AuditCode::BuiltInBoundaryYear,
                            built_column,
                            figures,
                        );
                    }
                }
                _ if row.built_text.is_none() && built_column.is_some() => {
                    flag(
                        &mut audit,
                        AuditCode::BuildDateMissing,
                        built_column,
                        Figures::None,
                    );
                }
                _ => {}
            }
        }
        if row.name.is_none() && name_column.is_some() {
            flag(
                &mut audit,
                AuditCode::NameMissing,
                name_column,
                Figures::None,
            );
        }

        // The cost. An investment cell that cannot be read is no "investment not stated": the
        // row is not estimated from the benchmark, it waits for the cell to be corrected.
        let bad_investment = bad_cells.get(index).copied().unwrap_or(false);
        let (cost, source) = if bad_investment {
            (None, CostSource::Missing)
        } else {
            prep.cost(row, &estate)
        };
        match (source, cost) {
            (CostSource::Benchmark, Some(amount)) => flag(
                &mut audit,
                AuditCode::CostEstimated,
                investment_column,
                Figures::Estimate { amount },
            ),
            // A row whose investment cell was unreadable is already listed for that cell.
            (CostSource::Missing, _) if !bad_investment => {
                flag(
                    &mut audit,
                    AuditCode::CostMissing,
                    investment_column,
                    Figures::None,
                );
            }
            _ => {}
        }

        // The split.
        let shares_at = shares.len();
        let mut rule_of_row = None;
        let mut basis = Basis::Policy;
        if let Some(total) = cost {
            notes.clear();
            let mut acc = [0i128; Party::ALL.len()];
            prep.split(
                total,
                &estate,
                &mut notes,
                &mut bufs,
                |_, _, ri, _, party, amount| {
                    add_part(&mut acc, party, amount);
                    if let Some(u) = rules_used.get_mut(ri) {
                        *u = true;
                    }
                    rule_of_row = u16::try_from(ri).ok();
                },
            );
            push_shares(&mut shares, &acc);
            if prep.mix.is_empty() {
                basis = rule_of_row
                    .and_then(|ri| prep.rules.get(usize::from(ri)))
                    .map_or(Basis::Policy, |r| r.basis);
            } else {
                // The mix is the person's assumption: every share of the row rests on it.
                basis = Basis::Assumption;
                rule_of_row = None;
            }
            for note in &notes {
                if let crate::estimate::EstimateNote::ConditionUnknown { fact, rule } = note {
                    if !condition_unknown
                        .iter()
                        .any(|(f, r)| f == fact && r == rule)
                    {
                        condition_unknown.push((fact.to_string(), rule.to_string()));
                    }
                }
            }
        }
        let per_household = match (cost, row.households) {
            (Some(c), Some(h)) => c.div_half_up(h),
            _ => None,
        };
        if source == CostSource::Stated {
            if let Some(p) = per_household {
                stated_per_household.push(p.0);
            }
        }
        let shares_len = u8::try_from(shares.len() - shares_at).unwrap_or(u8::MAX);
        totals.add(
            row.district.as_deref(),
            row.year,
            &RowSum {
                households: row.households,
                cost,
                estimated: source == CostSource::Benchmark,
                basis,
                shares: shares.get(shares_at..).unwrap_or(&[]),
                verdict,
            },
        );
        results.push(RowResult {
            verdict,
            cost,
            source,
            per_household,
            basis,
            rule: rule_of_row,
            mixed: !prep.mix.is_empty() && cost.is_some(),
            audit: bits,
            provide: provide_index,
            shares_at: u32::try_from(shares_at).unwrap_or(u32::MAX),
            shares_len,
        });
    }

    // Investment per household far from the median of the stated rows, or from the benchmark.
    let median = median_of(&mut stated_per_household);
    let median_fen = median.map(|(m, _)| m);
    let bench_per_household = bench
        .filter(|b| b.basis == BenchmarkBasis::PerHousehold)
        .and_then(|b| b.amount.parse::<Decimal>().ok())
        .and_then(yuan_to_fen_half_up);
    let far_ratio = ratio_of(far);
    for (index, r) in results.iter_mut().enumerate() {
        if r.source != CostSource::Stated {
            continue;
        }
        let Some(value) = r.per_household else {
            continue;
        };
        let line = plan.rows.get(index).map(|row| row.line);
        let mut push = |code: AuditCode, reference: Fen| {
            r.audit |= code.bit();
            audit.push(AuditEntry {
                row: Some(index),
                line,
                column: investment_column.or(households_column),
                code,
                figures: Figures::PerHousehold {
                    value,
                    reference,
                    factor: far,
                },
            });
        };
        if let (Some((m, exact)), Some(f)) = (median, far_ratio) {
            if is_far(value.0, exact, f) {
                push(AuditCode::FarFromMedian, m);
            }
        }
        if let (Some(b), Some(f)) = (bench_per_household, far_ratio) {
            if is_far(value.0, (b.0, 1), f) {
                push(AuditCode::FarFromBenchmark, b);
            }
        }
    }

    // The same compound twice: the same name (spaces, case and full-width forms aside) in the
    // same district. One hash per row; names are compared only when their hashes meet.
    let mut first_of: HashMap<u64, u32, IdentityHash> =
        HashMap::with_capacity_and_hasher(n, IdentityHash);
    let mut next_same: Vec<u32> = vec![u32::MAX; n];
    for (index, row) in plan.rows.iter().enumerate() {
        let Some(name) = row.name.as_deref() else {
            continue;
        };
        let key = compound_key(name, row.district.as_deref());
        let Ok(index32) = u32::try_from(index) else {
            break;
        };
        let first = match first_of.get(&key) {
            None => {
                first_of.insert(key, index32);
                None
            }
            Some(&head) => {
                // Walk the rows with this hash for one that is the same compound.
                let mut j = head;
                let mut found = None;
                let mut last = head;
                while j != u32::MAX {
                    let o = plan.rows.get(j as usize);
                    if o.is_some_and(|o| same_compound(o, row)) {
                        found = Some(j as usize);
                        break;
                    }
                    last = j;
                    j = next_same.get(j as usize).copied().unwrap_or(u32::MAX);
                }
                if found.is_none() {
                    if let Some(slot) = next_same.get_mut(last as usize) {
                        *slot = index32;
                    }
                }
                found
            }
        };
        if let Some(first) = first {
            if let Some(r) = results.get_mut(index) {
                r.audit |= AuditCode::DuplicateCompound.bit();
            }
            audit.push(AuditEntry {
                row: Some(index),
                line: Some(row.line),
                column: name_column,
                code: AuditCode::DuplicateCompound,
                figures: Figures::Duplicate { first },
            });
        }
    }

    // What the reader found: the mapping, cells, subtotal rows.
    for (i, p) in plan.problems.iter().enumerate() {
        let code = AuditCode::Read(p.code);
        if let (Some(row), Some(r)) = (p.row, p.row.and_then(|row| results.get_mut(row))) {
            let _ = row;
            r.audit |= code.bit();
        }
        audit.push(AuditEntry {
            row: p.row,
            line: p.line,
            column: p.letter.as_deref().and_then(super::audit::column_index),
            code,
            figures: Figures::Problem(i),
        });
    }
    for (fact, rule) in condition_unknown {
        audit.push(AuditEntry {
            row: None,
            line: None,
            column: fact_column(&fact),
            code: AuditCode::ConditionUnknown,
            figures: Figures::Fact {
                key: fact,
                text: rule,
            },
        });
    }
    // Top to bottom, left to right; the mapping's notes (the header line) come first.
    audit.sort_by_key(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0)));

    let rules_used = rules_used
        .iter()
        .enumerate()
        .filter(|(_, u)| **u)
        .map(|(i, _)| i)
        .collect();
    Ok(Assessment {
        policy: pack.id().to_string(),
        content_hash: pack.content_hash.clone(),
        options: options.clone(),
        benchmark: prep.benchmark,
        build_rule: prep.build_rule,
        rule_bases: prep.rules.iter().map(|r| r.basis).collect(),
        roles: prep.roles,
        rules_used,
        rows: results,
        audit,
        totals: totals.finish(),
        median_per_household: median_fen,
        omitted_problems: plan.omitted_problems,
        evaluations,
        shares,
        outcomes,
        provide_sets,
    })
}

/// The median of the values (sorting them), rounded half up to the fen, with its exact value as
/// `(numerator, denominator)` (the mean of the two middle values for an even count).
fn median_of(values: &mut [i128]) -> Option<(Fen, (i128, i128))> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let hi = *values.get(n / 2)?;
    if n % 2 == 1 {
        return Some((Fen(hi), (hi, 1)));
    }
    let lo = *values.get(n / 2 - 1)?;
    let sum = lo.checked_add(hi)?;
    Some((Fen(sum).div_half_up(2)?, (sum, 2)))
}

/// A positive decimal factor as `(numerator, denominator)`.
fn ratio_of(d: Decimal) -> Option<(i128, i128)> {
    let d = d.normalize();
    let den = 10i128.checked_pow(d.scale())?;
    (d.mantissa() > 0).then_some((d.mantissa(), den))
}

/// `value > reference × factor` or `value < reference ÷ factor`, exactly, in integers.
fn is_far(value: i128, reference: (i128, i128), factor: (i128, i128)) -> bool {
    let (rn, rd) = reference;
    let (fn_, fd) = factor;
    if rn <= 0 {
        return false;
    }
    let above = value
        .checked_mul(rd)
        .and_then(|v| v.checked_mul(fd))
        .zip(rn.checked_mul(fn_))
        .is_some_and(|(v, r)| v > r);
    let below = value
        .checked_mul(rd)
        .and_then(|v| v.checked_mul(fn_))
        .zip(rn.checked_mul(fd))
        .is_some_and(|(v, r)| v < r);
    above || below
}

fn resolve(p: PartyRef, pipeline: Option<crate::policy::model::Pipeline>) -> Party {
    match (p, pipeline) {
        (PartyRef::Fixed(p), _) => p,
        (PartyRef::PipelineUtility, Some(pl)) => Party::utility_of(pl),
        // Unreachable by validation (pipelineUtility only in pipeline rules), as in estimate.
        (PartyRef::PipelineUtility, None) => Party::Residents,
    }
}

fn add_part(acc: &mut [i128; Party::ALL.len()], party: Party, amount: Fen) {
    if let Some(slot) = acc.get_mut(party as usize) {
        *slot = slot.saturating_add(amount.0);
    }
}

fn push_shares(shares: &mut Vec<RowShare>, acc: &[i128; Party::ALL.len()]) {
    for (party, amount) in Party::ALL.iter().zip(acc) {
        if *amount != 0 {
            shares.push(RowShare {
                party: *party,
                amount: Fen(*amount),
            });
        }
    }
}

/// Puts a row's own columns into the reused estate: build years, households, buildings, area.
fn fill_estate(estate: &mut Estate, row: &PlanRow) {
    let rec = estate.record_mut();
    rec.reset();
    match row.built {
        Some((from, to)) if from == to => rec.set(F::BuiltYear, Value::Year(from)),
        Some((from, to)) => {
            rec.set(F::BuiltFrom, Value::Year(from));
            rec.set(F::BuiltTo, Value::Year(to));
        }
        None => {}
    }
    if let Some(h) = row.households {
        rec.set(F::Households, Value::Count(h));
    }
    if let Some(b) = row.buildings {
        rec.set(F::Buildings, Value::Count(b));
    }
    if let Some(a) = row.floor_area {
        rec.set(F::FloorArea, Value::Decimal(a));
    }
}

/// 是/否 as officials type them.
pub fn parse_yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(d) if *d == Decimal::ONE => Some(true),
        Cell::Number(d) if d.is_zero() => Some(false),
        Cell::Text(t) => {
            let t = t.trim().trim_end_matches(['。', '.']);
            match t.to_lowercase().as_str() {
                "是" | "有" | "已" | "属于" | "√" | "✓" | "✔" | "y" | "yes" | "true" | "t"
                | "1" | "对" => Some(true),
                "否" | "无" | "没有" | "未" | "不" | "不是" | "不属于" | "×" | "✗" | "✘" | "n"
                | "no" | "false" | "f" | "0" => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A choice as written: its id, its Chinese or English name, or its short name (非商品房).
fn parse_choice(cell: &Cell, choices: &[crate::schema::Choice]) -> Option<u16> {
    let Cell::Text(t) = cell else { return None };
    let n = super::header::normalise(t);
    choices
        .iter()
        .position(|c| {
            super::header::normalise(c.id) == n
                || super::header::normalise(c.label.zh) == n
                || super::header::normalise(crate::texts::short(c.label.zh)) == n
                || super::header::normalise(c.label.en) == n
                || super::header::normalise(crate::texts::short(c.label.en)) == n
        })
        .and_then(|i| u16::try_from(i).ok())
}

/// Sets one fact from its cell; `Err` when the cell is not a value of the field.
fn set_fact(estate: &mut Estate, key: &str, slot: &FactSlot, cell: &Cell) -> Result<(), ()> {
    let rec = estate.record_mut();
    match slot {
        FactSlot::Unknown => Ok(()),
        FactSlot::Core { index, kind, unit } => {
            let v = match *kind {
                Kind::Bool => parse_yes_no(cell).map(Value::Bool),
                Kind::Choice(choices) => parse_choice(cell, choices).map(Value::Choice),
                Kind::Count { min, max } => parse_count(cell)
                    .ok()
                    .flatten()
                    .filter(|n| (min..=max).contains(n))
                    .map(Value::Count),
                Kind::Year { min, max } => super::rows::parse_build_date(cell)
                    .ok()
                    .flatten()
                    .filter(|(a, b)| a == b && (min..=max).contains(a))
                    .map(|(y, _)| Value::Year(y)),
                Kind::Decimal { max } => parse_amount(cell, unit.unwrap_or(Unit::Yuan))
                    .ok()
                    .flatten()
                    .filter(|d| *d <= Decimal::from(max))
                    .map(Value::Decimal),
                Kind::Share => parse_amount(cell, Unit::Yuan)
                    .ok()
                    .flatten()
                    .filter(|d| *d <= Decimal::ONE)
                    .map(Value::Decimal),
                Kind::Text { max_chars } => cell
                    .text()
                    .filter(|t| t.chars().count() <= max_chars as usize)
                    .map(|t| Value::Text(t.into_owned())),
                _ => None,
            };
            match v {
                Some(v) => {
                    rec.set_at(*index, v);
                    Ok(())
                }
                None => Err(()),
            }
        }
        FactSlot::Local(kind) => {
            let v = match kind {
                LocalKindOwned::Bool => parse_yes_no(cell).map(Value::Bool),
                LocalKindOwned::Count => parse_count(cell).ok().flatten().map(Value::Count),
                LocalKindOwned::Decimal => parse_amount(cell, Unit::Yuan)
                    .ok()
                    .flatten()
                    .map(Value::Decimal),
                LocalKindOwned::Choice(ids) => match cell {
                    Cell::Text(t) => ids
                        .iter()
                        .position(|id| id == t.trim())
                        .and_then(|i| u16::try_from(i).ok())
                        .map(Value::Choice),
                    _ => None,
                },
            };
            match v {
                Some(v) => {
                    rec.set_local(key, v);
                    Ok(())
                }
                None => Err(()),
            }
        }
    }
}

/// Calls `f` with each character a compound's name is compared by: no spaces, full-width
/// forms folded, case ignored (as headers are compared). Chinese characters, which have no case,
/// skip the case tables.
fn each_name_char(s: &str, mut f: impl FnMut(char)) {
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '〔' | '〖' => '(',
            '】' | '〕' | '〗' => ')',
            c => c,
        };
        // CJK ideographs (most of a Chinese name) are neither white space nor cased.
        if ('\u{3400}'..='\u{9FFF}').contains(&c) {
            f(c);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            c.to_lowercase().for_each(&mut f);
        } else {
            f(c);
        }
    }
}

fn name_chars(s: &str) -> Vec<char> {
    let mut v = Vec::with_capacity(s.len());
    each_name_char(s, |c| v.push(c));
    v
}

/// An FNV-1a-style hash over a name's compared characters and its district's.
fn compound_key(name: &str, district: Option<&str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    // A character at a time (not a byte): one multiply each; equal keys are compared anyway.
    let mut eat = |c: char| {
        h ^= u64::from(c as u32);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    each_name_char(name, &mut eat);
    eat('\u{0}');
    if let Some(d) = district {
        each_name_char(d, &mut eat);
    }
    h
}

/// A hasher for keys that are hashes already.
#[derive(Clone, Copy, Default)]
struct IdentityHash;

impl std::hash::BuildHasher for IdentityHash {
    type Hasher = IdentityHasher;
    fn build_hasher(&self) -> IdentityHasher {
        IdentityHasher(0)
    }
}

#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Rule outcomes already computed, by the values of the facts the pack's rules read
/// ([`eligibility::reads`]): rows that agree on them share one evaluation.
struct OutcomeCache {
    fields: Vec<usize>,
    locals: Vec<String>,
    by_hash: HashMap<u64, Vec<usize>, IdentityHash>,
    entries: Vec<CacheEntry>,
}

struct CacheEntry {
    key: Vec<Option<Value>>,
    locals: Vec<Option<Value>>,
    verdict: Verdict,
    outcomes: Vec<Outcome>,
    provide: u32,
}

/// At most this many distinct combinations are kept (a plan whose every row differs, such as
/// one with owners' vote counts, is then evaluated row by row).
const CACHE_ENTRIES: usize = 4096;

impl OutcomeCache {
    fn new(pack: &ResolvedPack) -> OutcomeCache {
        let mut fields = Vec::new();
        let mut locals = Vec::new();
        for r in &pack.rules {
            let (core, fact) = eligibility::reads(&r.test);
            let core_fact = match fact {
                Some(crate::policy::FactRef::Core(f)) => Some(*f),
                Some(crate::policy::FactRef::Local(k)) => {
                    if !locals.contains(k) {
                        locals.push(k.clone());
                    }
                    None
                }
                None => None,
            };
            for f in core.iter().copied().chain(core_fact) {
                let i = crate::schema::FieldId::index(f);
                if !fields.contains(&i) {
                    fields.push(i);
                }
            }
        }
        OutcomeCache {
            fields,
            locals,
            by_hash: HashMap::default(),
            entries: Vec::new(),
        }
    }

    fn hash(&self, e: &Estate) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for i in &self.fields {
            hash_value(e.record().at(*i), &mut h);
        }
        for k in &self.locals {
            hash_value(e.local(k), &mut h);
        }
        h.finish()
    }

    fn find(&self, e: &Estate) -> Option<usize> {
        let list = self.by_hash.get(&self.hash(e))?;
        list.iter().copied().find(|i| {
            self.entries.get(*i).is_some_and(|c| {
                self.fields
                    .iter()
                    .zip(&c.key)
                    .all(|(f, v)| e.record().at(*f) == v.as_ref())
                    && self
                        .locals
                        .iter()
                        .zip(&c.locals)
                        .all(|(k, v)| e.local(k) == v.as_ref())
            })
        })
    }

    fn insert(&mut self, e: &Estate, verdict: Verdict, outcomes: &[Outcome], provide: u32) {
        if self.entries.len() >= CACHE_ENTRIES {
            return;
        }
        let h = self.hash(e);
        self.by_hash.entry(h).or_default().push(self.entries.len());
        self.entries.push(CacheEntry {
            key: self
                .fields
                .iter()
                .map(|f| e.record().at(*f).cloned())
                .collect(),
            locals: self.locals.iter().map(|k| e.local(k).cloned()).collect(),
            verdict,
            outcomes: outcomes.to_vec(),
            provide,
        });
    }
}

fn hash_value(v: Option<&Value>, h: &mut impl Hasher) {
    match v {
        None => 0u8.hash(h),
        Some(Value::Text(s)) => (1u8, s).hash(h),
        Some(Value::Count(n)) => (2u8, n).hash(h),
        Some(Value::Year(y)) => (3u8, y).hash(h),
        Some(Value::Decimal(d)) => (4u8, d.normalize()).hash(h),
        Some(Value::Bool(b)) => (5u8, b).hash(h),
        Some(Value::Choice(c)) => (6u8, c).hash(h),
        // Not a fact a rule reads; told apart by the equality check.
        Some(Value::Record(_)) | Some(Value::List(_)) => 7u8.hash(h),
    }
}

fn same_compound(a: &PlanRow, b: &PlanRow) -> bool {
    let eq = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => x == y || name_chars(x) == name_chars(y),
        (None, None) => true,
        _ => false,
    };
    eq(a.name.as_deref(), b.name.as_deref()) && eq(a.district.as_deref(), b.district.as_deref())
}

/// Shares of a row add up to its cost (used by tests and debug checks).
pub fn shares_add_up(a: &Assessment, i: usize) -> bool {
    let sum: i128 = a.shares(i).iter().map(|s| s.amount.0).sum();
    match a.rows.get(i).and_then(|r| r.cost) {
        Some(c) => sum == c.0 || (a.shares(i).is_empty() && c.0 == 0),
        None => sum == 0,
    }
}
