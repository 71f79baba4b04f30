//! The compound (小区) as a resident or an official describes it.
//!
//! Every field is optional: "don't know" is a normal answer and makes the rules that need the
//! field report `unknown` with what to provide, never an error. Only values that cannot be true
//! (negative counts, more owners in favour than owners) are errors, found by [`Estate::check`].

use serde::Serialize;

use serde_json::Value;

use crate::error::Error;
use crate::input::read::{FromJson, Obj, Reader};
use crate::numbers::{Count, Dec, ShortText, Year};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum LocationType {
    /// 城市 (a city's urban area)
    City,
    /// 县城 / 城关镇
    CountyTown,
    /// 建制镇 other than a county seat
    Town,
    /// 乡村
    Rural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum HousingType {
    /// 非商品房: work-unit housing, reformed public housing, resettlement housing
    NonCommodity,
    /// 商品房
    Commodity,
    /// 居民自建住房
    SelfBuilt,
    /// several of the above in one compound
    Mixed,
}

/// A construction period such as "1985—2000".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct YearRange {
    #[cfg_attr(feature = "tsify", tsify(type = "number"))]
    pub from: Year,
    #[cfg_attr(feature = "tsify", tsify(type = "number"))]
    pub to: Year,
}

/// Counts of a vote or a consent survey. `voted` ≤ `total`, `inFavour` ≤ `voted` (or ≤ `total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tally<T> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voted: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_favour: Option<T>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaintenanceFund {
    /// 首期筹集金额 (元)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub initial: Option<Dec>,
    /// current balance (元)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub balance: Option<Dec>,
}

/// The compound. Field names are the public contract (camelCase in JSON and JS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Estate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string"))]
    pub name: Option<ShortText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string"))]
    pub district: Option<ShortText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number"))]
    pub built_year: Option<Year>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub built_years: Option<YearRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub location_type: Option<LocationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub housing_type: Option<HousingType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number"))]
    pub households: Option<Count>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number"))]
    pub buildings: Option<Count>,
    /// m² of floor area
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string | number"))]
    pub floor_area: Option<Dec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub structurally_safe: Option<bool>,
    /// in a shantytown, expropriation or demolition-rebuild plan
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub demolition_planned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub urban_village: Option<bool>,
    /// 三供一业 handover already done
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub three_supplies_transferred: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub facilities_deficient: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "tsify",
        tsify(
            optional,
            type = "{ total?: number; voted?: number; inFavour?: number }"
        )
    )]
    pub owners: Option<Tally<Count>>,
    /// m² of exclusive area
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "tsify",
        tsify(
            optional,
            type = "{ total?: string | number; voted?: string | number; inFavour?: string | number }"
        )
    )]
    pub owner_area: Option<Tally<Dec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub self_governance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub long_term_management: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub maintenance_fund: Option<MaintenanceFund>,
}

impl Estate {
    /// Finds values that cannot all be true at once; `prefix` is the path of the estate in the
    /// input (`""` or `"estate."`) so that messages name the field as the user wrote it.
    pub fn check(&self, prefix: &str) -> Vec<Error> {
        let mut problems = Vec::new();
        if let Some(r) = self.built_years {
            if r.from > r.to {
                problems.push(Error::InvertedRange {
                    field: format!("{prefix}builtYears"),
                });
            }
        }
        if let Some(t) = &self.owners {
            check_tally(t, &format!("{prefix}owners"), &mut problems);
        }
        if let Some(t) = &self.owner_area {
            check_tally(t, &format!("{prefix}ownerArea"), &mut problems);
        }
        problems
    }

    /// The latest year any part of the compound was built, if known.
    pub fn latest_year(&self) -> Option<i32> {
        self.built_years
            .map(|r| r.to.0)
            .or(self.built_year.map(|y| y.0))
    }

    /// The earliest year any part of the compound was built, if known.
    pub fn earliest_year(&self) -> Option<i32> {
        self.built_years
            .map(|r| r.from.0)
            .or(self.built_year.map(|y| y.0))
    }
}

fn check_tally<T: PartialOrd + Copy + std::fmt::Display + Serialize>(
    t: &Tally<T>,
    field: &str,
    problems: &mut Vec<Error>,
) {
    if let (Some(v), Some(total)) = (t.voted, t.total) {
        if v > total {
            problems.push(Error::ExceedsTotal {
                field: format!("{field}.voted"),
                limit: format!("{field}.total"),
            });
        }
    }
    if let (Some(f), Some(v)) = (t.in_favour, t.voted) {
        if f > v {
            problems.push(Error::ExceedsTotal {
                field: format!("{field}.inFavour"),
                limit: format!("{field}.voted"),
            });
        }
    }
    if let (Some(f), Some(total)) = (t.in_favour, t.total) {
        if f > total {
            problems.push(Error::ExceedsTotal {
                field: format!("{field}.inFavour"),
                limit: format!("{field}.total"),
            });
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

crate::json_enum!(LocationType { "city" => LocationType::City, "countyTown" => LocationType::CountyTown, "town" => LocationType::Town, "rural" => LocationType::Rural });
crate::json_enum!(HousingType {
    "nonCommodity" => HousingType::NonCommodity,
    "commodity" => HousingType::Commodity,
    "selfBuilt" => HousingType::SelfBuilt,
    "mixed" => HousingType::Mixed,
});
crate::json_struct!(YearRange { from: req "from", to: req "to" });
crate::json_struct!(MaintenanceFund { initial: opt "initial", balance: opt "balance" });

impl<T: FromJson> FromJson for Tally<T> {
    fn read(v: &Value, path: &str, r: &mut Reader) -> Option<Self> {
        let mut o = Obj::new(v, path, r)?;
        let total = o.opt("total", r);
        let voted = o.opt("voted", r);
        let in_favour = o.opt("inFavour", r);
        o.finish(r)?;
        Some(Tally {
            total,
            voted,
            in_favour,
        })
    }
}

crate::json_struct!(Estate {
    name: opt "name",
    district: opt "district",
    built_year: opt "builtYear",
    built_years: opt "builtYears",
    location_type: opt "locationType",
    housing_type: opt "housingType",
    households: opt "households",
    buildings: opt "buildings",
    floor_area: opt "floorArea",
    structurally_safe: opt "structurallySafe",
    demolition_planned: opt "demolitionPlanned",
    urban_village: opt "urbanVillage",
    three_supplies_transferred: opt "threeSuppliesTransferred",
    facilities_deficient: opt "facilitiesDeficient",
    owners: opt "owners",
    owner_area: opt "ownerArea",
    self_governance: opt "selfGovernance",
    long_term_management: opt "longTermManagement",
    maintenance_fund: opt "maintenanceFund",
});
