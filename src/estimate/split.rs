//! Splitting lines between parties in whole fen.

use std::borrow::Cow;

use super::lines::ExactLine;
use super::{AssumptionUsed, Line, LineShare, PartyTotal, ShareOrigin, WeightOut};
use crate::eligibility::Num;
use crate::error::Error;
use crate::fraction::Fraction;
use crate::money::{allocate, round_half_up_to_fen, Fen};
use crate::party::{Party, PIPELINE_UTILITY};
use crate::policy::model::Basis;
use crate::policy::{CompiledFunding, PartyRef, ResolvedPack};
use crate::scenario::{FundingOverride, Scenario};

/// A funding rule as used in this estimate: the pack's, or with the person's own shares.
#[derive(Debug, Clone)]
pub(crate) struct EffRule<'p> {
    pub spec: &'p CompiledFunding,
    pub shares: Cow<'p, [(PartyRef, Fraction)]>,
    pub basis: Basis,
    pub edited: bool,
}

pub(crate) fn effective_rules<'p>(
    pack: &'p ResolvedPack,
    overrides: &[FundingOverride],
) -> Result<Vec<EffRule<'p>>, Vec<Error>> {
    let mut rules: Vec<EffRule<'p>> = pack
        .funding
        .iter()
        .map(|r| EffRule {
            spec: r,
            shares: Cow::Borrowed(&r.shares),
            basis: r.spec.basis,
            edited: false,
        })
        .collect();
    let mut problems = Vec::new();
    for (i, o) in overrides.iter().enumerate() {
        // Capped like every list of problems (50 overrides of 20 unknown parties each would
        // otherwise give 1000).
        if problems.len() >= crate::input::read::MAX_PROBLEMS {
            break;
        }
        let Some(rule) = rules.iter_mut().find(|r| r.spec.spec.id == o.rule) else {
            problems.push(Error::UnknownRule {
                policy: pack.id().into(),
                rule: o.rule.clone(),
                field: format!("fundingOverrides[{i}].rule"),
            });
            continue;
        };
        let mut shares = Vec::with_capacity(o.shares.len());
        let before = problems.len();
        for (k, s) in o.shares.iter().enumerate() {
            let field = format!("fundingOverrides[{i}].shares[{k}]");
            let party = if s.party == PIPELINE_UTILITY && rule.spec.spec.applies.pipelines.is_some()
            {
                PartyRef::PipelineUtility
            } else if let Some(p) = Party::from_id(&s.party) {
                PartyRef::Fixed(p)
            } else {
                problems.push(Error::WrongType {
                    field: format!("{field}.party"),
                    detail: crate::input::read::unknown_value(&s.party, crate::party::PARTIES),
                });
                continue;
            };
            match Fraction::from_decimal(s.weight) {
                Some(w) => shares.push((party, w)),
                None => problems.push(Error::Overflow {
                    field: format!("{field}.weight"),
                }),
            }
        }
        if problems.len() > before {
            continue;
        }
        if shares.iter().all(|(_, w)| w.is_zero()) {
            problems.push(Error::MissingField {
                field: format!("fundingOverrides[{i}].shares"),
            });
            continue;
        }
        rule.shares = Cow::Owned(shares);
        rule.basis = Basis::Edited;
        rule.edited = true;
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        problems.truncate(crate::input::read::MAX_PROBLEMS);
        Err(problems)
    }
}

pub(crate) fn party_ref_id(p: PartyRef) -> &'static str {
    match p {
        PartyRef::Fixed(p) => p.id(),
        PartyRef::PipelineUtility => PIPELINE_UTILITY,
    }
}

/// The waived fraction of the residents' part: waived households ÷ households × waived share.
pub(crate) struct Waiver {
    pub fraction: Fraction,
    pub payer: Party,
}

pub(crate) fn waiver_fraction(s: &Scenario) -> Result<Option<Waiver>, Error> {
    let Some(w) = &s.waiver else { return Ok(None) };
    let total = s.estate.households().unwrap_or(0);
    if total == 0 || w.households == 0 {
        return Ok(None);
    }
    let overflow = || Error::Overflow {
        field: "waiver".into(),
    };
    let share = match w.share {
        Some(d) => Fraction::from_decimal(d).ok_or_else(overflow)?,
        None => Fraction::ONE,
    };
    let households = i128::from(w.households);
    let fraction = Fraction::new(households, i128::from(total))
        .and_then(|f| f.checked_mul(share))
        .ok_or_else(overflow)?;
    Ok(Some(Waiver {
        fraction,
        payer: w.payer,
    }))
}

/// The result of splitting, in fen.
pub(crate) struct Computed<'p> {
    pub total: Fen,
    pub lines: Vec<Line<'p>>,
    /// Residents' part of elevator lines, before any hardship waiver.
    pub residents_elevator_before_waiver: Fen,
    /// Residents' part of all other lines, before any hardship waiver.
    pub residents_common_before_waiver: Fen,
}

impl Computed<'_> {
    pub fn party_totals(&self) -> Result<Vec<PartyTotal>, Error> {
        // A total is as firm as its least firm part: policy, then the person's figures, then an
        // assumption.
        let rank = |b: Basis| match b {
            Basis::Policy => 0,
            Basis::Reading => 1,
            Basis::Edited => 2,
            Basis::Assumption => 3,
        };
        // (amount, basis, named on some line without a share)
        let mut totals: Vec<(i128, Basis, bool)> =
            vec![(0, Basis::Policy, false); Party::ALL.len()];
        for s in self.lines.iter().flat_map(|l| &l.shares) {
            let slot = totals
                .get_mut(s.party as usize)
                .ok_or_else(|| Error::internal("party index"))?;
            if s.unset {
                slot.2 = true;
                continue;
            }
            slot.0 = slot
                .0
                .checked_add(s.amount.0)
                .ok_or_else(|| overflow("items"))?;
            if rank(s.basis) > rank(slot.1) {
                slot.1 = s.basis;
            }
        }
        // A party with nothing to pay is left out, unless a document names it without a share:
        // then it stays, at 0.00, so that the reader enters its share.
        Ok(Party::ALL
            .iter()
            .zip(totals)
            .filter(|(_, (amount, _, unset))| *amount != 0 || *unset)
            .map(|(party, (amount, basis, unset))| PartyTotal {
                party: *party,
                amount: Fen(amount),
                basis: if amount == 0 && unset {
                    Basis::Assumption
                } else {
                    basis
                },
                unset: amount == 0 && unset,
                texts: None,
            })
            .collect())
    }
}

fn overflow(field: &str) -> Error {
    Error::Overflow {
        field: field.into(),
    }
}

fn resolve(p: PartyRef, line: &ExactLine) -> Party {
    match (p, line.pipeline()) {
        (PartyRef::Fixed(p), _) => p,
        (PartyRef::PipelineUtility, Some(pl)) => Party::utility_of(pl),
        // Unreachable by validation (pipelineUtility only in pipeline rules); residents is the
        // harmless reading should it ever happen.
        (PartyRef::PipelineUtility, None) => Party::Residents,
    }
}

fn split_fen(amount: Fen, weights: &[Fraction]) -> Result<Vec<Fen>, Error> {
    if amount.0 == 0 {
        return Ok(vec![Fen(0); weights.len()]);
    }
    allocate(amount, weights).ok_or_else(|| overflow("shares"))
}

pub(crate) fn split<'p>(
    exact: &[ExactLine<'p>],
    rules: &[EffRule<'p>],
    waiver: Option<&Waiver>,
) -> Result<Computed<'p>, Error> {
    let sum = exact
        .iter()
        .try_fold(Fraction::ZERO, |a, l| a.checked_add(l.exact))
        .ok_or_else(|| overflow("items"))?;
    let total = round_half_up_to_fen(sum).ok_or_else(|| overflow("items"))?;
    let weights: Vec<Fraction> = exact.iter().map(|l| l.exact).collect();
    let line_fen = split_fen(total, &weights).map_err(|_| overflow("items"))?;

    let mut lines = Vec::with_capacity(exact.len());
    let mut residents_elevator = 0i128;
    let mut residents_common = 0i128;
    for (l, fen) in exact.iter().zip(line_fen) {
        let rule = rules
            .get(l.rule)
            .ok_or_else(|| Error::internal("funding rule index"))?;
        let total_w = rule
            .shares
            .iter()
            .try_fold(Fraction::ZERO, |a, (_, w)| a.checked_add(*w))
            .ok_or_else(|| overflow("shares"))?;
        // Exact fractions of the line per party; the waiver adds one more entry.
        let mut parts: Vec<(Party, Fraction, Basis, ShareOrigin)> =
            Vec::with_capacity(rule.shares.len() + 1);
        for (p, w) in rule.shares.iter() {
            let f = w.checked_div(total_w).ok_or_else(|| overflow("shares"))?;
            parts.push((resolve(*p, l), f, rule.basis, ShareOrigin::FundingRule));
        }
        // Residents' part before the waiver, for the floor split and the household bill.
        let pre: Vec<Fraction> = parts.iter().map(|p| p.1).collect();
        let pre_fen = split_fen(fen, &pre)?;
        let residents_pre = parts
            .iter()
            .zip(&pre_fen)
            .filter(|(p, _)| p.0 == Party::Residents)
            .try_fold(0i128, |a, (_, f)| a.checked_add(f.0))
            .ok_or_else(|| overflow("shares"))?;
        let bucket = if l.elevator() {
            &mut residents_elevator
        } else {
            &mut residents_common
        };
        *bucket = bucket
            .checked_add(residents_pre)
            .ok_or_else(|| overflow("shares"))?;
        let cells = match waiver {
            Some(w) if parts.iter().any(|p| p.0 == Party::Residents) => {
                if let Some(residents) = parts.iter_mut().find(|p| p.0 == Party::Residents) {
                    let moved = residents
                        .1
                        .checked_mul(w.fraction)
                        .ok_or_else(|| overflow("waiver"))?;
                    residents.1 = residents
                        .1
                        .checked_sub(moved)
                        .ok_or_else(|| overflow("waiver"))?;
                    // The waiver is the person's input, not a clause of the pack's document.
                    parts.push((w.payer, moved, Basis::Edited, ShareOrigin::Waiver));
                }
                let fracs: Vec<Fraction> = parts.iter().map(|p| p.1).collect();
                split_fen(fen, &fracs)?
            }
            _ => pre_fen,
        };
        let mut shares: Vec<LineShare> = parts
            .into_iter()
            .zip(cells)
            .filter(|(p, _)| !p.1.is_zero())
            .map(|((party, f, basis, origin), amount)| LineShare {
                party,
                amount,
                fraction: f.text(),
                basis,
                origin,
                unset: false,
            })
            .collect();
        // Payers the document names without a share: kept, at 0.00, for the reader to fill in
        // (the person's own shares replace the rule's, named payers and all).
        if !rule.edited {
            for p in &rule.spec.unset {
                if !shares.iter().any(|s| s.party == *p) {
                    shares.push(LineShare {
                        party: *p,
                        amount: Fen(0),
                        fraction: "0".to_string(),
                        basis: Basis::Assumption,
                        origin: ShareOrigin::FundingRule,
                        unset: true,
                    });
                }
            }
        }
        lines.push(Line {
            item: l.item.map(|(_, i)| i.id.as_str()),
            category: l.item.map(|(c, _)| c.id.as_str()),
            benchmark: l.benchmark,
            unit: l.unit(),
            quantity: l.quantity.map(Num),
            unit_price: l.unit_price.map(Num),
            segment: l.segment,
            exact_amount: Num(l.exact_decimal),
            amount: fen,
            funding_rule: &rule.spec.spec.id,
            basis: rule.basis,
            borrowed: if rule.edited {
                None
            } else {
                rule.spec.spec.borrowed.as_ref().map(|b| b.pack.as_str())
            },
            shares,
            texts: None,
        });
    }
    Ok(Computed {
        total,
        lines,
        residents_elevator_before_waiver: Fen(residents_elevator),
        residents_common_before_waiver: Fen(residents_common),
    })
}

/// `amount ÷ n`, rounded half up to the fen.
pub(crate) fn divide_half_up(amount: Fen, n: u64) -> Result<Fen, Error> {
    amount.div_half_up(n).ok_or_else(|| overflow("households"))
}

pub(crate) fn assumptions_used<'p>(
    exact: &[ExactLine],
    rules: &[EffRule<'p>],
) -> Vec<AssumptionUsed<'p>> {
    rules
        .iter()
        .enumerate()
        .filter(|(i, _)| exact.iter().any(|l| l.rule == *i))
        .map(|(_, r)| r)
        .filter(|r| r.basis != Basis::Policy)
        .map(|r| AssumptionUsed {
            rule: &r.spec.spec.id,
            edited: r.edited,
            borrowed_from: r.spec.spec.borrowed.as_ref().map(|b| b.pack.as_str()),
            shares: r
                .shares
                .iter()
                .map(|(p, w)| WeightOut {
                    party: party_ref_id(*p),
                    weight: w.text(),
                })
                .collect(),
            texts: None,
        })
        .collect()
}
