//! From chosen items to exact line amounts, each matched to its funding rule.

use rust_decimal::Decimal;

use super::split::EffRule;
use super::{BenchmarkEstimate, EstimateNote};
use crate::error::Error;
use crate::estate::Estate;
use crate::fraction::Fraction;
use crate::money::round_half_up_to_fen;
use crate::policy::model::{BenchmarkBasis, MenuCategory, MenuItem, Pipeline, Unit};
use crate::policy::ResolvedPack;
use crate::scenario::Scenario;
use crate::schema::Segment;

/// A line before rounding. Borrows its texts from the pack.
#[derive(Debug, Clone)]
pub(crate) struct ExactLine<'p> {
    /// The menu item (None for a benchmark-only estimate).
    pub item: Option<(&'p MenuCategory, &'p MenuItem)>,
    /// The benchmark, for a benchmark-only line.
    pub benchmark: Option<&'p str>,
    pub quantity: Option<Decimal>,
    pub unit_price: Option<Decimal>,
    pub segment: Option<Segment>,
    pub exact: Fraction,
    pub exact_decimal: Decimal,
    /// Index into the effective funding rules.
    pub rule: usize,
}

impl ExactLine<'_> {
    pub fn pipeline(&self) -> Option<Pipeline> {
        self.item.and_then(|(_, i)| i.pipeline)
    }
    pub fn elevator(&self) -> bool {
        self.item.is_some_and(|(_, i)| i.elevator)
    }
    pub fn unit(&self) -> Option<Unit> {
        self.item.map(|(_, i)| i.unit)
    }
}

/// Whether a funding rule covers a line; `None` when it would, but a `when` fact is not given.
fn matches(
    rule: &EffRule,
    cat: Option<&MenuCategory>,
    item: Option<&MenuItem>,
    seg: Option<Segment>,
    estate: &Estate,
) -> Option<bool> {
    let a = &rule.spec.spec.applies;
    let pipeline = item.and_then(|i| i.pipeline);
    let structural = a
        .pipelines
        .as_ref()
        .is_none_or(|ps| pipeline.is_some_and(|p| ps.contains(&p)))
        && a.segment.is_none_or(|s| seg == Some(s))
        && a.categories
            .as_ref()
            .is_none_or(|cs| cat.is_some_and(|c| cs.contains(&c.id)))
        && a.items
            .as_ref()
            .is_none_or(|is| item.is_some_and(|i| is.contains(&i.id)))
        && a.elevator
            .is_none_or(|e| item.is_some_and(|i| i.elevator) == e)
        && a.tiers
            .as_ref()
            .is_none_or(|ts| cat.and_then(|c| c.tier).is_some_and(|t| ts.contains(&t)))
        && a.pipeline_line
            .is_none_or(|want| pipeline.is_some() == want);
    if !structural {
        return Some(false);
    }
    let mut unknown = false;
    for (fact, want) in &rule.spec.when {
        match fact.flag(estate) {
            Some(v) if v == *want => {}
            Some(_) => return Some(false),
            None => unknown = true,
        }
    }
    if unknown {
        None
    } else {
        Some(true)
    }
}

/// The first rule that covers a line, and the facts whose absence skipped an earlier rule.
pub(crate) fn find_rule<'p>(
    rules: &[EffRule<'p>],
    cat: Option<&MenuCategory>,
    item: Option<&MenuItem>,
    seg: Option<Segment>,
    estate: &Estate,
    notes: &mut Vec<EstimateNote<'p>>,
) -> Option<usize> {
    for (i, r) in rules.iter().enumerate() {
        match matches(r, cat, item, seg, estate) {
            Some(true) => return Some(i),
            Some(false) => {}
            None => {
                let spec: &'p crate::policy::CompiledFunding = r.spec;
                for (fact, _) in &spec.when {
                    if fact.flag(estate).is_none() {
                        let note = EstimateNote::ConditionUnknown {
                            fact: fact.key(),
                            rule: &spec.spec.id,
                        };
                        if !notes.contains(&note) {
                            notes.push(note);
                        }
                    }
                }
            }
        }
    }
    None
}

/// `q × p` exactly, or `None` when the exact product does not fit a `Decimal` (96 bits).
/// `Decimal::checked_mul` is not enough: when a product has more digits than 96 bits hold it
/// rounds away decimals instead of failing, and a rounded line is a silently wrong figure.
pub(crate) fn exact_product(q: Decimal, p: Decimal) -> Option<Decimal> {
    let (q, p) = (q.normalize(), p.normalize());
    // Mantissas are below 2^96 and scales at most 28: the product of mantissas fits i128 only
    // when it can; `checked_mul` says when it does not.
    let mut m = q.mantissa().checked_mul(p.mantissa())?;
    let mut scale = q.scale().checked_add(p.scale())?;
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(m, scale).ok()
}

pub(crate) fn exact_lines<'p>(
    pack: &'p ResolvedPack,
    scenario: &Scenario,
    benchmark: Option<&BenchmarkEstimate<'p>>,
    rules: &[EffRule<'p>],
    notes: &mut Vec<EstimateNote<'p>>,
) -> Result<Vec<ExactLine<'p>>, Vec<Error>> {
    let mut out = Vec::with_capacity(scenario.items.len());
    let mut problems = Vec::new();
    for (i, choice) in scenario.items.iter().enumerate() {
        if problems.len() >= crate::input::read::MAX_PROBLEMS {
            break;
        }
        let id = &choice.item;
        let Some((cat, item)) = pack.item(id) else {
            problems.push(Error::UnknownItem {
                policy: pack.id().into(),
                item: id.clone(),
                field: format!("items[{i}].item"),
            });
            continue;
        };
        if item.pipeline.is_some() && choice.segment.is_none() {
            problems.push(Error::MissingField {
                field: format!("items[{i}].segment"),
            });
            continue;
        }
        let amount = match (choice.amount, choice.quantity, choice.unit_price) {
            (Some(a), _, _) => Some(a),
            (None, Some(q), Some(p)) => exact_product(q, p),
            _ => None, // reported by the schema's constraints
        };
        let Some(exact) = amount.and_then(Fraction::from_decimal) else {
            problems.push(Error::Overflow {
                field: format!("items[{i}].quantity"),
            });
            continue;
        };
        let Some(rule) = find_rule(
            rules,
            Some(cat),
            Some(item),
            choice.segment,
            &scenario.estate,
            notes,
        ) else {
            // Validation guarantees a catch-all rule; keep the promise of no panic regardless.
            problems.push(Error::internal(format!(
                "no funding rule covers items[{i}] (the pack has no catch-all)"
            )));
            continue;
        };
        out.push(ExactLine {
            item: Some((cat, item)),
            benchmark: None,
            quantity: choice.quantity,
            unit_price: choice.unit_price,
            segment: choice.segment,
            exact,
            exact_decimal: amount.unwrap_or_default().normalize(),
            rule,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // With no items, a benchmark alone is costed as one line under the catch-all rule.
    if out.is_empty() {
        if let Some((id, amount)) = benchmark.and_then(|b| b.amount.map(|a| (b.id, a))) {
            let rule = find_rule(rules, None, None, None, &scenario.estate, notes);
            if let (Some(rule), Some(exact)) = (rule, Fraction::new(amount.0, 100)) {
                out.push(ExactLine {
                    item: None,
                    benchmark: Some(id),
                    quantity: None,
                    unit_price: None,
                    segment: None,
                    exact,
                    exact_decimal: Decimal::try_from_i128_with_scale(amount.0, 2)
                        .unwrap_or_default(),
                    rule,
                });
            }
        }
    }
    Ok(out)
}

pub(crate) fn benchmark<'p>(
    pack: &'p ResolvedPack,
    scenario: &Scenario,
) -> Result<Option<BenchmarkEstimate<'p>>, Vec<Error>> {
    let Some(id) = &scenario.benchmark else {
        return Ok(None);
    };
    let Some(b) = pack.benchmarks.iter().find(|b| &b.id == id) else {
        return Err(vec![Error::UnknownBenchmark {
            policy: pack.id().into(),
            benchmark: id.clone(),
            field: "benchmark".into(),
        }]);
    };
    benchmark_amount(b, &scenario.estate)
        .map(Some)
        .map_err(|e| vec![e])
}

/// A benchmark applied to a compound: intensity × households (or × floor area), when known.
pub(crate) fn benchmark_amount<'p>(
    b: &'p crate::policy::model::Benchmark,
    estate: &Estate,
) -> Result<BenchmarkEstimate<'p>, Error> {
    let overflow = || Error::Overflow {
        field: "benchmark".into(),
    };
    let intensity = crate::numbers::decimal_text(&b.amount).and_then(Fraction::from_decimal);
    let scale = match b.basis {
        BenchmarkBasis::PerHousehold => estate.households().map(Fraction::from_integer),
        BenchmarkBasis::PerSquareMetre => estate.floor_area().and_then(Fraction::from_decimal),
    };
    let amount = match (intensity, scale) {
        (Some(i), Some(s)) => {
            let exact = i.checked_mul(s).ok_or_else(overflow)?;
            Some(round_half_up_to_fen(exact).ok_or_else(overflow)?)
        }
        _ => None,
    };
    Ok(BenchmarkEstimate {
        id: &b.id,
        basis: b.basis,
        intensity: &b.amount,
        amount,
        texts: None,
    })
}
