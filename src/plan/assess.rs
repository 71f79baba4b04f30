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

use serde::Serialize;

use super::audit::{AuditCode, AuditEntry, Figures};
use super::cache::OutcomeCache;
use super::facts::{fill_estate, set_fact, FactSlot};
use super::header::Target;
use super::options::{resolve_options, MixLine};
pub use super::options::{AssessOptions, MixItem, DEFAULT_FAR_FACTOR};
use super::totals::{PlanTotals, RowSum, TotalsBuilder};
use super::{Cell, Plan, PlanRow};
use crate::eligibility::{self, Chosen, FindingRole, Outcome, Verdict};
use crate::error::Error;
use crate::estate::Estate;
use crate::estimate::lines::{benchmark_amount, find_rule};
use crate::estimate::split::{effective_rules, EffRule};
use crate::fraction::Fraction;
use crate::money::{yuan_to_fen_half_up, Fen};
use crate::party::Party;
use crate::policy::model::Basis;
use crate::policy::{CompiledTest, PartyRef, ResolvedPack};
use crate::schema::Segment;

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
    /// Who pays: one of the fixed parties, so that rows' shares sum party by party.
    pub party: Party,
    /// Exact, in fen: a row's parts add up to its cost.
    pub amount: Fen,
}

/// One row, assessed: codes and amounts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowResult {
    /// Under the pack's decisive rules; `undetermined` when the sheet lacks a figure they need.
    pub verdict: Verdict,
    /// The row's amount, in fen (`None` when it could not be costed).
    pub cost: Option<Fen>,
    /// Where the cost came from, so that totals keep stated investment apart from estimates.
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
    /// The pack's id, named in every output.
    pub policy: String,
    /// The SHA-256 of the pack's bytes: the assessment is worded and exported with that very pack
    /// only.
    pub content_hash: String,
    /// The options as given, echoed in the output so that the result can be reproduced.
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
    /// One result per row, by the same index as [`super::Plan::rows`].
    pub rows: Vec<RowResult>,
    /// Every audit entry, top to bottom of the file, the order an official works through them.
    pub audit: Vec<AuditEntry>,
    /// The sums over all rows and per district and year, made once here so that pages never re-add
    /// them.
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
    /// (year, inclusive, the year is read: an assumption or a labelled reading)
    cutoff: Option<(i32, bool, bool)>,
    facts: Vec<(String, FactSlot)>,
}

/// One line of a row's split: the mix's item (or the general line), its rule and amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLine<'p> {
    /// The menu item, for a line of the mix.
    pub item: Option<&'p str>,
    /// Before or after the meter, for a pipeline item: the two segments fall under different
    /// funding rules.
    pub segment: Option<Segment>,
    /// This line's part of the row's cost, in fen.
    pub amount: Fen,
    /// The funding rule (index into the pack's funding rules).
    pub rule: usize,
    /// Each party's part of this line, in the fixed party order.
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
                        as_of: None,
                    },
                )
            })
            .collect();
        let build_rule = build_rule(pack, &roles);
        let cutoff = build_rule
            .and_then(|i| pack.rules.get(i))
            .and_then(|r| match r.test {
                CompiledTest::BuiltBy { year, inclusive } => {
                    // The boundary year is flagged when the document leaves it open: the pack
                    // then reads it, as an assumption or a labelled reading of its words.
                    Some((
                        year,
                        inclusive,
                        r.spec.assumption.is_some() || r.spec.reading.is_some(),
                    ))
                }
                _ => None,
            });
        let facts = super::facts::slots(plan, pack);
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
        // No day is asked about: the document-status warning stays open on the plan period.
        Chosen {
            items: &self.chosen_items,
            as_of: None,
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
    /// The full check, recomputed for this row with every finding and clause (the assessment keeps
    /// outcome codes only).
    pub eligibility: eligibility::Eligibility<'p>,
    /// The split, line by line, as the assessment summed it.
    pub lines: Vec<RowLine<'p>>,
}

/// The details of an assessed plan's rows, resolved once for many rows (`--detail`).
pub struct Details<'p> {
    prep: Prepared<'p>,
}

impl<'p> Details<'p> {
    /// Checks that `pack` is the one assessed with, and resolves the options again.
    pub fn new(
        plan: &Plan,
        a: &Assessment,
        pack: &'p ResolvedPack,
    ) -> Result<Details<'p>, Vec<Error>> {
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
    let mut cache = OutcomeCache::new(pack, &prep.roles);
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
            // The estate's own rules (in favour ≤ all owners), then those of each tally the
            // pack declares, named by their full path (`residentSupport.inFavour`).
            let mut problems: Vec<(String, Error)> = estate
                .record()
                .constraint_problems()
                .into_iter()
                .map(|e| (String::new(), e))
                .collect();
            for (k, v) in estate.record().locals() {
                if let crate::record::Value::Record(r) = v {
                    problems.extend(
                        r.constraint_problems()
                            .into_iter()
                            .map(|e| (format!("{k}."), e)),
                    );
                }
            }
            for (prefix, e) in problems {
                let key = format!("{prefix}{}", e.field().unwrap_or_default());
                let column = fact_column(&key);
                let text = match &e {
                    Error::ExceedsTotal { limit, .. } => format!("{prefix}{limit}"),
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
                let at = outcomes.len();
                outcomes.extend_from_slice(&e.outcomes);
                for &i in &cache.per_row {
                    if let (Some(o), Some(rule)) = (outcomes.get_mut(at + i), pack.rules.get(i)) {
                        *o = eligibility::outcome_of(rule, &estate, prep.chosen());
                    }
                }
                (e.verdict, e.provide)
            }
            None => {
                evaluations += 1;
                let verdict = eligibility::outcomes_into(
                    pack,
                    &estate,
                    &prep.roles,
                    prep.chosen(),
                    &mut outs,
                    &mut provide,
                );
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
    let median_fen = super::outliers::flag(
        plan,
        &mut results,
        &mut audit,
        &mut stated_per_household,
        bench,
        far,
        investment_column.or(households_column),
    );

    // The same compound twice (same name, same district).
    for (index, first) in super::duplicates::find(plan) {
        if let Some(r) = results.get_mut(index) {
            r.audit |= AuditCode::DuplicateCompound.bit();
        }
        audit.push(AuditEntry {
            row: Some(index),
            line: plan.rows.get(index).map(|r| r.line),
            column: name_column,
            code: AuditCode::DuplicateCompound,
            figures: Figures::Duplicate { first },
        });
    }

    // What the reader found: the mapping, cells, subtotal rows.
    for (i, p) in plan.problems.iter().enumerate() {
        let code = AuditCode::Read(p.code);
        if let Some(r) = p.row.and_then(|row| results.get_mut(row)) {
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

/// Shares of a row add up to its cost (used by tests and debug checks).
pub fn shares_add_up(a: &Assessment, i: usize) -> bool {
    let sum: i128 = a.shares(i).iter().map(|s| s.amount.0).sum();
    match a.rows.get(i).and_then(|r| r.cost) {
        Some(c) => sum == c.0 || (a.shares(i).is_empty() && c.0 == 0),
        None => sum == 0,
    }
}
