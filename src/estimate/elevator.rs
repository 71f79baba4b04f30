//! Dividing the residents' part of elevator lines between floors.
//!
//! No source document fixes a method, so the person chooses one (see `ElevatorMethod`); floors
//! up to `exemptFloors` (default: the ground floor) pay nothing. The division is exact in fen:
//! every household's amount adds up to the residents' elevator total.

use crate::output::ToJson;
use serde::Serialize;

use crate::error::Error;
use crate::fraction::Fraction;
use crate::money::{allocate, Fen};
use crate::scenario::ElevatorInput;
use crate::schema::ElevatorMethod;

/// One floor's part of the residents' share of the elevator lines, to the fen.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct FloorShare {
    /// The floor number (1 for the ground floor).
    pub floor: u64,
    /// How many households live on it.
    pub households: u64,
    /// What the floor's households pay together.
    pub total: Fen,
    /// What each household on the floor pays …
    pub per_household: Fen,
    /// … except this many, who pay 0.01 元 more (the remainder of an exact division).
    pub plus_one_fen: u64,
}

/// How the residents' part of the elevator lines divides between floors: the floors' totals add
/// up to `residents_total` exactly.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct ElevatorSplit {
    /// The method used (by area, by floors climbed, or by coefficients).
    pub method: ElevatorMethod,
    /// Floors 1..=`exempt_floors` pay nothing (1 unless the scenario said otherwise).
    pub exempt_floors: u64,
    /// The residents' part of all elevator lines, before hardship waivers.
    pub residents_total: Fen,
    /// Every floor given, in floor order, exempt ones at 0.00.
    pub floors: Vec<FloorShare>,
}

fn overflow() -> Error {
    Error::Overflow {
        field: "elevator".into(),
    }
}

pub(crate) fn split_floors(
    spec: &ElevatorInput,
    residents_total: Fen,
) -> Result<ElevatorSplit, Error> {
    let exempt = spec.exempt_floors.unwrap_or(1);
    // Each floor with its position in the input, so that a problem names the row as written.
    let mut floors: Vec<(usize, &crate::scenario::FloorInput)> =
        spec.floors.iter().enumerate().collect();
    // Insertion sort by floor: a stairwell has few floors, and no sort routine is linked in.
    for i in 1..floors.len() {
        let mut j = i;
        while let (Some(a), Some(b)) = (j.checked_sub(1).and_then(|k| floors.get(k)), floors.get(j))
        {
            if a.1.floor <= b.1.floor {
                break;
            }
            floors.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut weights = Vec::with_capacity(floors.len());
    for &(i, f) in &floors {
        let w = if f.floor <= exempt || f.households == 0 {
            Fraction::ZERO
        } else {
            match spec.method {
                ElevatorMethod::FloorsClimbed => Fraction::from_integer(
                    f.floor
                        .saturating_sub(1)
                        .checked_mul(f.households)
                        .ok_or_else(overflow)?,
                ),
                ElevatorMethod::Coefficients => {
                    let c = f.coefficient.ok_or_else(|| Error::MissingField {
                        field: format!("elevator.floors[{i}].coefficient"),
                    })?;
                    let c = Fraction::from_decimal(c).ok_or_else(overflow)?;
                    let base = match f.area {
                        Some(a) => Fraction::from_decimal(a).ok_or_else(overflow)?,
                        None => Fraction::from_integer(f.households),
                    };
                    c.checked_mul(base).ok_or_else(overflow)?
                }
                ElevatorMethod::Area => {
                    let a = f.area.ok_or_else(|| Error::MissingField {
                        field: format!("elevator.floors[{i}].area"),
                    })?;
                    Fraction::from_decimal(a).ok_or_else(overflow)?
                }
            }
        };
        weights.push(w);
    }
    let any_payer = weights.iter().any(|w| !w.is_zero());
    if !any_payer && residents_total.0 != 0 {
        return Err(Error::MissingField {
            field: "elevator.floors".into(),
        });
    }
    let floor_totals = if residents_total.0 == 0 || !any_payer {
        vec![Fen(0); weights.len()]
    } else {
        allocate(residents_total, &weights).ok_or_else(overflow)?
    };
    let floors = floors
        .iter()
        .zip(floor_totals)
        .map(|((_, f), total)| {
            let n = i128::from(f.households.max(1));
            FloorShare {
                floor: f.floor,
                households: f.households,
                total,
                per_household: Fen(total.0 / n),
                plus_one_fen: if f.households == 0 {
                    0
                } else {
                    u64::try_from(total.0 % n).unwrap_or(0)
                },
            }
        })
        .collect();
    Ok(ElevatorSplit {
        method: spec.method,
        exempt_floors: exempt,
        residents_total,
        floors,
    })
}
