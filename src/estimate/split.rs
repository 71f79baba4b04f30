//! Splitting lines between parties in whole fen.

use super::lines::ExactLine;
use super::{AssumptionUsed, Line, LineShare, PartyTotal, WeightOut};
use crate::error::Error;
use crate::fraction::Fraction;
use crate::money::{allocate, round_half_up_to_fen, Fen};
use crate::party::{Party, PIPELINE_UTILITY};
use crate::policy::model::{Applies, Basis};
use crate::policy::{PartyRef, ResolvedPack};
use crate::scenario::{FundingOverride, Scenario};
use crate::text::{Source, Text};

/// A funding rule as used in this estimate (after the person's edits).
#[derive(Debug, Clone)]
pub(crate) struct EffRule {
    pub id: String,
    pub label: Text,
    pub applies: Applies,
    pub shares: Vec<(PartyRef, Fraction)>,
    pub basis: Basis,
    pub why: Text,
    pub source: Source,
    pub edited: bool,
}

pub(crate) fn effective_rules(
    pack: &ResolvedPack,
    overrides: &[FundingOverride],
) -> Result<Vec<EffRule>, Vec<Error>> {
    let mut rules: Vec<EffRule> = pack
        .funding
        .iter()
        .map(|r| EffRule {
            id: r.spec.id.clone(),
            label: r.spec.label.clone(),
            applies: r.spec.applies.clone(),
            shares: r.shares.clone(),
            basis: r.spec.basis,
            why: r.spec.why.clone(),
            source: r.spec.source.clone(),
            edited: false,
        })
        .collect();
    let mut problems = Vec::new();
    for (i, o) in overrides.iter().enumerate() {
        let Some(rule) = rules.iter_mut().find(|r| r.id == o.rule.0) else {
            problems.push(Error::UnknownRule {
                policy: pack.id().into(),
                rule: o.rule.0.clone(),
                field: format!("fundingOverrides[{i}].rule"),
            });
            continue;
        };
        let mut shares = Vec::new();
        let problems_before = problems.len();
        for (k, s) in o.shares.iter().enumerate() {
            let field = format!("fundingOverrides[{i}].shares[{k}]");
            let party = if s.party.0 == PIPELINE_UTILITY && rule.applies.pipelines.is_some() {
                PartyRef::PipelineUtility
            } else if let Some(p) = Party::from_id(&s.party.0) {
                PartyRef::Fixed(p)
            } else {
                problems.push(Error::WrongType {
                    field: format!("{field}.party"),
                    detail: format!("unknown party \"{}\"", clip(&s.party.0)),
                });
                continue;
            };
            if shares.iter().any(|(p, _)| *p == party) {
                problems.push(Error::Conflicting {
                    field: format!("{field}.party"),
                    other: format!("fundingOverrides[{i}].shares"),
                });
                continue;
            }
            match Fraction::from_decimal(s.weight.0) {
                Some(w) => shares.push((party, w)),
                None => problems.push(Error::Overflow {
                    field: format!("{field}.weight"),
                }),
            }
        }
        if problems.len() > problems_before {
            continue;
        }
        if shares.iter().all(|(_, w)| w.is_zero()) {
            problems.push(Error::MissingField {
                field: format!("fundingOverrides[{i}].shares"),
            });
            continue;
        }
        let was = describe(&rule.shares);
        rule.shares = shares;
        rule.basis = Basis::Assumption;
        rule.why = Text::new(
            format!("按您的输入调整（文件或默认为：{}）", was),
            format!("edited by you (the pack says: {was})"),
        );
        rule.edited = true;
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

fn describe(shares: &[(PartyRef, Fraction)]) -> String {
    shares
        .iter()
        .map(|(p, w)| format!("{} {}", party_ref_id(*p), w))
        .collect::<Vec<_>>()
        .join(" : ")
}

fn party_ref_id(p: PartyRef) -> &'static str {
    match p {
        PartyRef::Fixed(p) => p.id(),
        PartyRef::PipelineUtility => PIPELINE_UTILITY,
    }
}

/// The waived fraction of the residents' part: waived households ÷ households × waived share.
pub(crate) struct Waiver {
    pub fraction: Fraction,
    pub payer: Party,
    pub households: u64,
}

pub(crate) fn waiver_fraction(s: &Scenario) -> Result<Option<Waiver>, Error> {
    let Some(w) = &s.waiver else { return Ok(None) };
    let total = s.estate.households.map(|h| h.0).unwrap_or(0);
    if total == 0 || w.households.0 == 0 {
        return Ok(None);
    }
    let share = match w.share {
        Some(d) => Fraction::from_decimal(d.0).ok_or(Error::Overflow {
            field: "waiver.share".into(),
        })?,
        None => Fraction::ONE,
    };
    let fraction = Fraction::new(w.households.0 as i128, total as i128)
        .and_then(|f| f.checked_mul(share))
        .ok_or(Error::Overflow {
            field: "waiver".into(),
        })?;
    Ok(Some(Waiver {
        fraction,
        payer: w.payer,
        households: w.households.0,
    }))
}

/// The result of splitting, in fen.
pub(crate) struct Computed {
    pub total: Fen,
    pub lines: Vec<Line>,
    /// Residents' part of elevator lines, before any hardship waiver.
    pub residents_elevator_before_waiver: Fen,
    /// Residents' part of all other lines, before any hardship waiver.
    pub residents_common_before_waiver: Fen,
}

impl Computed {
    pub fn party_totals(&self) -> Vec<PartyTotal> {
        Party::ALL
            .into_iter()
            .filter_map(|party| {
                let shares = self
                    .lines
                    .iter()
                    .flat_map(|l| &l.shares)
                    .filter(|s| s.party == party);
                let (amount, assumed) = shares.fold((0i128, false), |(a, x), s| {
                    (a + s.amount.0, x || s.basis == Basis::Assumption)
                });
                let basis = if assumed {
                    Basis::Assumption
                } else {
                    Basis::Policy
                };
                (amount != 0).then(|| PartyTotal {
                    party,
                    name: party.name(),
                    amount: Fen(amount),
                    basis,
                })
            })
            .collect()
    }
}

fn overflow(field: &str) -> Error {
    Error::Overflow {
        field: field.into(),
    }
}

fn resolve(p: PartyRef, line: &ExactLine) -> Party {
    match (p, line.pipeline) {
        (PartyRef::Fixed(p), _) => p,
        (PartyRef::PipelineUtility, Some(pl)) => Party::utility_of(pl),
        // Unreachable by validation (pipelineUtility only in pipeline rules); residents is the
        // harmless reading should it ever happen.
        (PartyRef::PipelineUtility, None) => Party::Residents,
    }
}

pub(crate) fn split(
    exact: &[ExactLine],
    rules: &[EffRule],
    waiver: Option<&Waiver>,
) -> Result<Computed, Error> {
    let sum = exact
        .iter()
        .try_fold(Fraction::ZERO, |a, l| a.checked_add(l.exact))
        .ok_or_else(|| overflow("items"))?;
    let total = round_half_up_to_fen(sum).ok_or_else(|| overflow("items"))?;
    let weights: Vec<Fraction> = exact.iter().map(|l| l.exact).collect();
    let line_fen = if total.0 == 0 {
        vec![Fen(0); exact.len()]
    } else {
        allocate(total, &weights).ok_or_else(|| overflow("items"))?
    };

    let mut lines = Vec::with_capacity(exact.len());
    let mut residents_elevator = Fen(0);
    let mut residents_common = Fen(0);
    for (l, fen) in exact.iter().zip(line_fen) {
        let rule = rules.get(l.rule).ok_or_else(|| overflow("fundingRules"))?;
        // Exact fractions of the line per (party, basis, why); the waiver adds one more entry.
        let total_w = rule
            .shares
            .iter()
            .try_fold(Fraction::ZERO, |a, (_, w)| a.checked_add(*w))
            .ok_or_else(|| overflow("shares"))?;
        let mut parts: Vec<(Party, Fraction, Basis, Text, Source)> = Vec::new();
        for (p, w) in &rule.shares {
            let f = w.checked_div(total_w).ok_or_else(|| overflow("shares"))?;
            parts.push((
                resolve(*p, l),
                f,
                rule.basis,
                rule.why.clone(),
                rule.source.clone(),
            ));
        }
        // Residents' part before the waiver, for the floor split and the household bill.
        let pre: Vec<Fraction> = parts.iter().map(|p| p.1).collect();
        let pre_fen = if fen.0 == 0 {
            vec![Fen(0); pre.len()]
        } else {
            allocate(fen, &pre).ok_or_else(|| overflow("shares"))?
        };
        let residents_pre: i128 = parts
            .iter()
            .zip(&pre_fen)
            .filter(|(p, _)| p.0 == Party::Residents)
            .map(|(_, f)| f.0)
            .sum();
        if l.elevator {
            residents_elevator.0 += residents_pre;
        } else {
            residents_common.0 += residents_pre;
        }
        if let Some(w) = waiver {
            if let Some(k) = parts.iter().position(|p| p.0 == Party::Residents) {
                let moved = parts[k]
                    .1
                    .checked_mul(w.fraction)
                    .ok_or_else(|| overflow("waiver"))?;
                parts[k].1 = parts[k]
                    .1
                    .checked_sub(moved)
                    .ok_or_else(|| overflow("waiver"))?;
                parts.push((
                    w.payer,
                    moved,
                    Basis::Assumption,
                    Text::new(
                        format!("困难群众减免（本次测算输入）：{}户的居民出资由{}承担。减免由业主委员会或居民议事机构约定（如濮政办〔2020〕31号 四、（三））", w.households, w.payer.name().zh),
                        format!("hardship waiver (entered for this estimate): {} households' part paid by the {}; waivers are agreed by the owners (e.g. 濮政办〔2020〕31号 四、（三）)", w.households, w.payer.name().en),
                    ),
                    // The waiver is the person's input, not a clause of the pack's document.
                    Source { document: "测算输入 / scenario input".into(), clause: "waiver".into(), quote: None },
                ));
            }
        }
        let fracs: Vec<Fraction> = parts.iter().map(|p| p.1).collect();
        let cells = if fen.0 == 0 {
            vec![Fen(0); fracs.len()]
        } else {
            allocate(fen, &fracs).ok_or_else(|| overflow("shares"))?
        };
        let shares = parts
            .into_iter()
            .zip(cells)
            .filter(|(p, _)| !p.1.is_zero())
            .map(|((party, f, basis, why, source), amount)| LineShare {
                party,
                amount,
                fraction: f.to_string(),
                basis,
                why,
                source,
            })
            .collect();
        lines.push(Line {
            item: l.item.clone(),
            name: l.name.clone(),
            category: l.category.clone(),
            unit: l.unit,
            quantity: l.quantity.map(|q| q.normalize().to_string()),
            unit_price: l.unit_price.map(|p| p.normalize().to_string()),
            segment: l.segment,
            exact_amount: l.exact_text.clone(),
            amount: fen,
            funding_rule: rule.id.clone(),
            funding_label: rule.label.clone(),
            shares,
        });
    }
    Ok(Computed {
        total,
        lines,
        residents_elevator_before_waiver: residents_elevator,
        residents_common_before_waiver: residents_common,
    })
}

/// `amount ÷ n`, rounded half up to the fen.
pub(crate) fn divide_half_up(amount: Fen, n: u64) -> Result<Fen, Error> {
    let f = Fraction::new(
        amount.0,
        (n as i128)
            .checked_mul(100)
            .ok_or_else(|| overflow("households"))?,
    )
    .ok_or_else(|| overflow("households"))?;
    round_half_up_to_fen(f).ok_or_else(|| overflow("households"))
}

pub(crate) fn assumptions_used(exact: &[ExactLine], rules: &[EffRule]) -> Vec<AssumptionUsed> {
    rules
        .iter()
        .enumerate()
        .filter(|(i, _)| exact.iter().any(|l| l.rule == *i))
        .map(|(_, r)| r)
        .filter(|r| r.basis == Basis::Assumption)
        .map(|r| AssumptionUsed {
            rule: r.id.clone(),
            label: r.label.clone(),
            why: r.why.clone(),
            source: r.source.clone(),
            shares: r
                .shares
                .iter()
                .map(|(p, w)| WeightOut {
                    party: party_ref_id(*p).into(),
                    weight: w.to_string(),
                })
                .collect(),
            edited: r.edited,
        })
        .collect()
}
