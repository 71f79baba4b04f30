//! "What will my household pay?" — one household's part of the residents' share.

use serde::Serialize;

use super::elevator::ElevatorSplit;
use super::split::Computed;
use crate::error::Error;
use crate::fraction::Fraction;
use crate::money::{round_half_up_to_fen, Fen};
use crate::scenario::Scenario;
use crate::text::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SharedMethod {
    /// My exclusive area ÷ the compound's floor area (民法典 第二百八十三条).
    Area,
    /// Equal per household (an assumption, used when areas are not given).
    Equal,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdBill {
    pub shared_method: SharedMethod,
    /// My part of the residents' share of non-elevator lines.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub shared: Fen,
    /// My floor's per-household elevator amount, if an elevator split and my floor are given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string"))]
    pub elevator: Option<Fen>,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub total: Fen,
}

pub(crate) fn bill(
    s: &Scenario,
    c: &Computed,
    elevator: Option<&ElevatorSplit>,
    notes: &mut Vec<Text>,
) -> Result<Option<HouseholdBill>, Error> {
    let Some(me) = &s.household else {
        return Ok(None);
    };
    let overflow = || Error::Overflow {
        field: "household".into(),
    };
    let common = Fraction::new(c.residents_common_before_waiver.0, 100).ok_or_else(overflow)?;
    let (method, part) = match (me.area, s.estate.floor_area, s.estate.households) {
        (Some(mine), Some(all), _) if !all.0.is_zero() => {
            let share = Fraction::from_decimal(mine.0)
                .zip(Fraction::from_decimal(all.0))
                .and_then(|(m, a)| m.checked_div(a))
                .ok_or_else(overflow)?;
            (
                SharedMethod::Area,
                common.checked_mul(share).ok_or_else(overflow)?,
            )
        }
        (_, _, Some(h)) if h.0 > 0 => {
            notes.push(Text::new(
                "本户分摊按户数平均计算（假设）；填写本户面积和小区建筑面积可按专有面积比例计算（民法典第二百八十三条）",
                "Your share is split equally per household (an assumption); give your area and the compound's floor area to split by exclusive area (Civil Code art. 283)",
            ));
            (
                SharedMethod::Equal,
                common
                    .checked_div(Fraction::from_integer(h.0))
                    .ok_or_else(overflow)?,
            )
        }
        _ => {
            notes.push(Text::new(
                "无法计算本户费用：请填写小区户数，或本户面积和小区建筑面积",
                "Your household's bill needs the number of households, or your area and the compound's floor area",
            ));
            return Ok(None);
        }
    };
    let shared = round_half_up_to_fen(part).ok_or_else(overflow)?;
    let elevator_part = match (elevator, me.floor) {
        (Some(e), Some(floor)) => match e.floors.iter().find(|f| f.floor == floor.0) {
            Some(f) => Some(f.per_household),
            None => {
                return Err(Error::OutOfRange {
                    field: "household.floor".into(),
                })
            }
        },
        _ => None,
    };
    let total = Fen(shared.0 + elevator_part.map(|f| f.0).unwrap_or(0));
    Ok(Some(HouseholdBill {
        shared_method: method,
        shared,
        elevator: elevator_part,
        total,
    }))
}
