//! What a person asks to have costed: the compound, the chosen menu items and the options of
//! the split (elevator method, hardship waiver, edited assumptions, their own household).

use serde::Serialize;

use crate::error::Error;
use crate::estate::Estate;
use crate::numbers::{Count, Dec, ShortText};
use crate::party::Party;

/// Which side of the meter (表（箱）前/后) a pipeline line lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Segment {
    BeforeMeter,
    AfterMeter,
}

/// One chosen menu item: `quantity` × `unitPrice`, or a lump `amount`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItemChoice {
    /// A menu item id of the policy pack.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub item: ShortText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub quantity: Option<Dec>,
    /// 元 per unit of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub unit_price: Option<Dec>,
    /// 元, instead of quantity × unitPrice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub amount: Option<Dec>,
    /// Required for pipeline items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub segment: Option<Segment>,
}

/// A party's weight in an edited split.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareInput {
    /// A party id, or `pipelineUtility`.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub party: ShortText,
    #[cfg_attr(feature = "tsify", tsify(type = "string | number"))]
    pub weight: Dec,
}

/// Replaces the shares of one funding rule (an edited assumption, or a local decision).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FundingOverride {
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub rule: ShortText,
    pub shares: Vec<ShareInput>,
}

/// How the residents' part of elevator lines is divided between floors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ElevatorMethod {
    /// Floor n pays in proportion to n − 1 (floors climbed).
    FloorsClimbed,
    /// Each floor's coefficient × its area (or households where no area is given).
    Coefficients,
    /// In proportion to exclusive area (民法典 第二百八十三条, the default without agreement).
    Area,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FloorInput {
    #[cfg_attr(feature = "tsify", tsify(type = "number"))]
    pub floor: Count,
    #[cfg_attr(feature = "tsify", tsify(type = "number"))]
    pub households: Count,
    /// m² of exclusive area on this floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub area: Option<Dec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub coefficient: Option<Dec>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ElevatorInput {
    pub method: ElevatorMethod,
    /// The floors of the stairwell served by the elevator.
    pub floors: Vec<FloorInput>,
    /// Floors 1..=exemptFloors pay nothing (default 1: the ground floor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number"))]
    pub exempt_floors: Option<Count>,
}

/// 困难群众减免: part of some households' bills moved to a named payer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaiverInput {
    /// How many households are relieved.
    #[cfg_attr(feature = "tsify", tsify(type = "number"))]
    pub households: Count,
    /// Share of their bill waived, 0–1 (default 1: all of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub share: Option<Dec>,
    /// Who pays the waived amount.
    pub payer: Party,
}

/// The household asking "what will I pay?".
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HouseholdInput {
    /// My floor, for elevator lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number"))]
    pub floor: Option<Count>,
    /// My exclusive area (m²): with the estate's floorArea, splits shared costs by area (art. 283).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub area: Option<Dec>,
}

/// The input of an estimate.
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub estate: Estate,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub items: Vec<ItemChoice>,
    /// A benchmark id of the pack: reported beside the lines, or costed alone when no item is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string"))]
    pub benchmark: Option<ShortText>,
    /// Panzhihua: gas supplied by 市煤气总公司.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub city_gas_company_area: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub funding_overrides: Vec<FundingOverride>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub elevator: Option<ElevatorInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub waiver: Option<WaiverInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub household: Option<HouseholdInput>,
}

impl Scenario {
    /// Checks what serde cannot: consistent item forms, waiver and elevator figures.
    pub fn check(&self) -> Vec<Error> {
        let mut problems = self.estate.check("estate.");
        for (i, c) in self.items.iter().enumerate() {
            let at = |f: &str| format!("items[{i}].{f}");
            match (
                c.amount.is_some(),
                c.quantity.is_some(),
                c.unit_price.is_some(),
            ) {
                (true, true, _) => problems.push(Error::Conflicting {
                    field: at("amount"),
                    other: at("quantity"),
                }),
                (true, _, true) => problems.push(Error::Conflicting {
                    field: at("amount"),
                    other: at("unitPrice"),
                }),
                (false, false, _) => problems.push(Error::MissingField {
                    field: at("quantity"),
                }),
                (false, true, false) => problems.push(Error::MissingField {
                    field: at("unitPrice"),
                }),
                _ => {}
            }
        }
        if let Some(w) = &self.waiver {
            if let Some(share) = w.share {
                if share.0 > rust_decimal::Decimal::ONE {
                    problems.push(Error::OutOfRange {
                        field: "waiver.share".into(),
                    });
                }
            }
            match self.estate.households {
                Some(h) if w.households > h => problems.push(Error::ExceedsTotal {
                    field: "waiver.households".into(),
                    limit: "estate.households".into(),
                }),
                None => problems.push(Error::MissingField {
                    field: "estate.households".into(),
                }),
                _ => {}
            }
        }
        if let Some(e) = &self.elevator {
            if e.floors.is_empty() {
                problems.push(Error::MissingField {
                    field: "elevator.floors".into(),
                });
            }
            let mut seen: Vec<u64> = Vec::new();
            for (i, fl) in e.floors.iter().enumerate() {
                if fl.floor.0 == 0 || fl.floor.0 > 200 {
                    problems.push(Error::OutOfRange {
                        field: format!("elevator.floors[{i}].floor"),
                    });
                }
                if seen.contains(&fl.floor.0) {
                    problems.push(Error::Conflicting {
                        field: format!("elevator.floors[{i}].floor"),
                        other: "elevator.floors".into(),
                    });
                }
                seen.push(fl.floor.0);
                if e.method == ElevatorMethod::Area && fl.area.is_none() && fl.households.0 > 0 {
                    problems.push(Error::MissingField {
                        field: format!("elevator.floors[{i}].area"),
                    });
                }
            }
        }
        if let (Some(my), Some(total)) = (
            self.household.as_ref().and_then(|h| h.area),
            self.estate.floor_area,
        ) {
            if my > total {
                problems.push(Error::ExceedsTotal {
                    field: "household.area".into(),
                    limit: "estate.floorArea".into(),
                });
            }
        }
        problems
    }
}

crate::json_enum!(Segment { "beforeMeter" => Segment::BeforeMeter, "afterMeter" => Segment::AfterMeter });
crate::json_enum!(ElevatorMethod {
    "floorsClimbed" => ElevatorMethod::FloorsClimbed,
    "coefficients" => ElevatorMethod::Coefficients,
    "area" => ElevatorMethod::Area,
});
crate::json_struct!(ItemChoice { item: req "item", quantity: opt "quantity", unit_price: opt "unitPrice", amount: opt "amount", segment: opt "segment" });
crate::json_struct!(ShareInput { party: req "party", weight: req "weight" });
crate::json_struct!(FundingOverride { rule: req "rule", shares: req "shares" });
crate::json_struct!(FloorInput { floor: req "floor", households: req "households", area: opt "area", coefficient: opt "coefficient" });
crate::json_struct!(ElevatorInput { method: req "method", floors: req "floors", exempt_floors: opt "exemptFloors" });
crate::json_struct!(WaiverInput { households: req "households", share: opt "share", payer: req "payer" });
crate::json_struct!(HouseholdInput { floor: opt "floor", area: opt "area" });
crate::json_struct!(Scenario {
    estate: default "estate",
    items: list "items",
    benchmark: opt "benchmark",
    city_gas_company_area: opt "cityGasCompanyArea",
    funding_overrides: list "fundingOverrides",
    elevator: opt "elevator",
    waiver: opt "waiver",
    household: opt "household",
});
