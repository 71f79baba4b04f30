//! Investment per household far from the plan's median or from the benchmark, compared
//! exactly in integers (fen, and the factor as a fraction).

use rust_decimal::Decimal;

use super::assess::{CostSource, RowResult};
use super::audit::{AuditCode, AuditEntry, Figures};
use super::Plan;
use crate::money::{yuan_to_fen_half_up, Fen};
use crate::policy::model::{Benchmark, BenchmarkBasis};

/// Lists the rows with a stated investment whose investment per household is beyond `far`× or
/// below 1/`far` of the median of those rows (`stated`, sorted here), or of a per-household
/// benchmark; gives back the median.
pub(super) fn flag(
    plan: &Plan,
    results: &mut [RowResult],
    audit: &mut Vec<AuditEntry>,
    stated: &mut [i128],
    bench: Option<&Benchmark>,
    far: Decimal,
    column: Option<usize>,
) -> Option<Fen> {
    let median = median_of(stated);
    let bench_per_household = bench
        .filter(|b| b.basis == BenchmarkBasis::PerHousehold)
        .and_then(|b| crate::numbers::decimal_text(&b.amount))
        .and_then(yuan_to_fen_half_up);
    let far_ratio = ratio_of(far)?;
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
                column,
                code,
                figures: Figures::PerHousehold {
                    value,
                    reference,
                    factor: far,
                },
            });
        };
        if let Some((m, exact)) = median {
            if is_far(value.0, exact, far_ratio) {
                push(AuditCode::FarFromMedian, m);
            }
        }
        if let Some(b) = bench_per_household {
            if is_far(value.0, (b.0, 1), far_ratio) {
                push(AuditCode::FarFromBenchmark, b);
            }
        }
    }
    median.map(|(m, _)| m)
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
