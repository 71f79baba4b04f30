//! From chosen items to exact line amounts, each matched to its funding rule.

use rust_decimal::Decimal;

use super::split::EffRule;
use super::BenchmarkEstimate;
use crate::error::Error;
use crate::fraction::Fraction;
use crate::money::round_half_up_to_fen;
use crate::policy::model::{BenchmarkBasis, MenuCategory, MenuItem, Pipeline, Unit};
use crate::policy::ResolvedPack;
use crate::scenario::{Scenario, Segment};
use crate::text::Text;

/// A line before rounding.
#[derive(Debug, Clone)]
pub(crate) struct ExactLine {
    pub item: String,
    pub name: Text,
    pub category: Text,
    pub unit: Option<Unit>,
    pub quantity: Option<Decimal>,
    pub unit_price: Option<Decimal>,
    pub segment: Option<Segment>,
    pub pipeline: Option<Pipeline>,
    pub elevator: bool,
    pub exact: Fraction,
    pub exact_text: String,
    /// Index into the effective funding rules.
    pub rule: usize,
}

fn matches(
    rule: &EffRule,
    cat: Option<&MenuCategory>,
    item: Option<&MenuItem>,
    seg: Option<Segment>,
    gas_area: bool,
) -> bool {
    let a = &rule.applies;
    let pipeline = item.and_then(|i| i.pipeline);
    a.pipelines
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
        && a.city_gas_company_area.is_none_or(|g| g == gas_area)
}

fn find_rule(
    rules: &[EffRule],
    cat: Option<&MenuCategory>,
    item: Option<&MenuItem>,
    seg: Option<Segment>,
    gas: bool,
) -> Option<usize> {
    rules.iter().position(|r| matches(r, cat, item, seg, gas))
}

pub(crate) fn exact_lines(
    pack: &ResolvedPack,
    scenario: &Scenario,
    benchmark: Option<&BenchmarkEstimate>,
    rules: &[EffRule],
) -> Result<Vec<ExactLine>, Vec<Error>> {
    let gas = scenario.city_gas_company_area.unwrap_or(false);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, choice) in scenario.items.iter().enumerate() {
        let id = &choice.item.0;
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
            (Some(a), _, _) => Some(a.0),
            (None, Some(q), Some(p)) => q.0.checked_mul(p.0),
            _ => None, // reported by Scenario::check
        };
        let Some(amount) = amount else {
            problems.push(Error::Overflow {
                field: format!("items[{i}].quantity"),
            });
            continue;
        };
        let Some(exact) = Fraction::from_decimal(amount) else {
            problems.push(Error::Overflow {
                field: format!("items[{i}].amount"),
            });
            continue;
        };
        let Some(rule) = find_rule(rules, Some(cat), Some(item), choice.segment, gas) else {
            // Validation guarantees a catch-all rule; keep the promise of no panic regardless.
            problems.push(Error::UnknownRule {
                policy: pack.id().into(),
                rule: "(catch-all)".into(),
                field: format!("items[{i}]"),
            });
            continue;
        };
        out.push(ExactLine {
            item: item.id.clone(),
            name: item.name.clone(),
            category: cat.name.clone(),
            unit: Some(item.unit),
            quantity: choice.quantity.map(|q| q.0),
            unit_price: choice.unit_price.map(|p| p.0),
            segment: choice.segment,
            pipeline: item.pipeline,
            elevator: item.elevator,
            exact,
            exact_text: amount.normalize().to_string(),
            rule,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // With no items, a benchmark alone is costed as one line under the catch-all rule.
    if out.is_empty() {
        if let Some(b) = benchmark {
            if let Some(amount) = b.amount {
                if let (Some(rule), Some(exact)) = (
                    find_rule(rules, None, None, None, gas),
                    Fraction::new(amount.0, 100),
                ) {
                    out.push(ExactLine {
                        item: format!("benchmark:{}", b.id),
                        name: b.label.clone(),
                        category: Text::new(
                            "测算基准（非实际价格）",
                            "benchmark (not an actual price)",
                        ),
                        unit: None,
                        quantity: None,
                        unit_price: None,
                        segment: None,
                        pipeline: None,
                        elevator: false,
                        exact,
                        exact_text: amount.yuan_text(),
                        rule,
                    });
                }
            }
        }
    }
    Ok(out)
}

pub(crate) fn benchmark(
    pack: &ResolvedPack,
    scenario: &Scenario,
) -> Result<Option<BenchmarkEstimate>, Vec<Error>> {
    let Some(id) = &scenario.benchmark else {
        return Ok(None);
    };
    let Some(b) = pack.benchmarks.iter().find(|b| b.id == id.0) else {
        return Err(vec![Error::UnknownBenchmark {
            policy: pack.id().into(),
            benchmark: id.0.clone(),
            field: "benchmark".into(),
        }]);
    };
    let intensity = b
        .amount
        .parse::<Decimal>()
        .ok()
        .and_then(Fraction::from_decimal);
    let scale = match b.basis {
        BenchmarkBasis::PerHousehold => scenario
            .estate
            .households
            .map(|h| Fraction::from_integer(h.0)),
        BenchmarkBasis::PerSquareMetre => scenario
            .estate
            .floor_area
            .and_then(|a| Fraction::from_decimal(a.0)),
    };
    let amount = match (intensity, scale) {
        (Some(i), Some(s)) => {
            let exact = i.checked_mul(s).ok_or_else(|| {
                vec![Error::Overflow {
                    field: "benchmark".into(),
                }]
            })?;
            Some(round_half_up_to_fen(exact).ok_or_else(|| {
                vec![Error::Overflow {
                    field: "benchmark".into(),
                }]
            })?)
        }
        _ => None,
    };
    Ok(Some(BenchmarkEstimate {
        id: b.id.clone(),
        label: b.label.clone(),
        basis: b.basis,
        intensity: b.amount.clone(),
        amount,
        derivation: b.derivation.clone(),
        source: b.source.clone(),
    }))
}
