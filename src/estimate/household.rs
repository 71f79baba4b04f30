//! "What will my household pay?" — one household's part of the residents' share.
//!
//! The bill says what it contains: the household's part of the residents' share of common lines
//! (by exclusive area under 民法典 art. 283 when both areas are given, else equally per household,
//! an assumption), plus its floor's elevator part when a floor split and the household's floor are
//! given. When elevator items are costed but cannot be put on the bill, the bill says so and why
//! — it never invents floors or households.

use crate::output::ToJson;
use serde::Serialize;

use super::elevator::ElevatorSplit;
use super::split::Computed;
use super::{ElevatorLeftOut, EstimateNote};
use crate::error::Error;
use crate::fraction::Fraction;
use crate::money::{round_half_up_to_fen, Fen};
use crate::scenario::Scenario;

/// How a household's part of common lines was worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum SharedMethod {
    /// My exclusive area ÷ the compound's floor area (民法典 第二百八十三条).
    Area,
    /// Equal per household (an assumption, used when areas are not given).
    Equal,
}

/// One household's bill.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdBill {
    /// How the household's part of the shared (non-elevator) lines was worked out.
    pub shared_method: SharedMethod,
    /// My part of the residents' share of non-elevator lines.
    pub shared: Fen,
    /// My floor's per-household elevator amount, if an elevator split and my floor are given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elevator: Option<Fen>,
    /// Why the elevator part is not on the bill, when elevator items are costed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elevator_left_out: Option<ElevatorLeftOut>,
    /// What the household pays in all: `shared` plus `elevator`, in fen.
    pub total: Fen,
}

pub(crate) fn bill<'p>(
    s: &Scenario,
    c: &Computed,
    elevator: Option<&ElevatorSplit>,
    has_elevator_lines: bool,
    notes: &mut Vec<EstimateNote<'p>>,
) -> Result<Option<HouseholdBill>, Error> {
    let Some(me) = &s.household else {
        return Ok(None);
    };
    let overflow = || Error::Overflow {
        field: "household".into(),
    };
    let common = Fraction::new(c.residents_common_before_waiver.0, 100).ok_or_else(overflow)?;
    let (method, part) = match (me.area, s.estate.floor_area(), s.estate.households()) {
        (Some(mine), Some(all), _) if !all.is_zero() => {
            let share = Fraction::from_decimal(mine)
                .zip(Fraction::from_decimal(all))
                .and_then(|(m, a)| m.checked_div(a))
                .ok_or_else(overflow)?;
            (
                SharedMethod::Area,
                common.checked_mul(share).ok_or_else(overflow)?,
            )
        }
        (_, _, Some(h)) if h > 0 => {
            notes.push(EstimateNote::HouseholdSharedEqually);
            (
                SharedMethod::Equal,
                common
                    .checked_div(Fraction::from_integer(h))
                    .ok_or_else(overflow)?,
            )
        }
        _ => {
            notes.push(EstimateNote::HouseholdNeedsFigures);
            return Ok(None);
        }
    };
    let shared = round_half_up_to_fen(part).ok_or_else(overflow)?;
    let (elevator_part, left_out) = match (elevator, me.floor) {
        (Some(e), Some(floor)) => match e.floors.iter().find(|f| f.floor == floor) {
            Some(f) => (Some(f.per_household), None),
            None => {
                return Err(Error::OutOfRange {
                    field: "household.floor".into(),
                })
            }
        },
        (Some(_), None) if has_elevator_lines => (None, Some(ElevatorLeftOut::NoFloor)),
        (None, _) if has_elevator_lines => (None, Some(ElevatorLeftOut::NoFloorSplit)),
        _ => (None, None),
    };
    if let Some(reason) = left_out {
        notes.push(EstimateNote::HouseholdElevatorLeftOut { reason });
    }
    let total = shared
        .0
        .checked_add(elevator_part.map_or(0, |f| f.0))
        .ok_or_else(overflow)?;
    Ok(Some(HouseholdBill {
        shared_method: method,
        shared,
        elevator: elevator_part,
        elevator_left_out: left_out,
        total: Fen(total),
    }))
}
