//! The standard renovation menu: categories, items, their units and the metered pipelines.

use serde::Serialize;

use crate::output::ToJson;
use crate::text::{Source, Text};

/// The three national tiers of 国办发〔2020〕23号 (基础类 / 完善类 / 提升类).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Tier {
    /// 基础类: what safety and basic living need (utilities, roads, roofs, outer walls, stairs …).
    Basic,
    /// 完善类: convenience and better living (surroundings, parking, energy saving, elevators …).
    Improvement,
    /// 提升类: richer community services (care for the old, childcare, health, fitness …).
    Upgrade,
}

/// One category of the standard menu (e.g. 基础类 or a city's 供水改造), with its items.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct MenuCategory {
    /// The category's id, unique in the pack; named by rules' `appliesTo` and funding rules' `categories`.
    pub id: String,
    /// The category's name as the document writes it, zh/en.
    pub name: Text,
    /// The national tier the category belongs to, when the document (or its place in the menu)
    /// says; a funding rule with `tiers` matches only lines of a category with a tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// The clause listing the category.
    pub source: Source,
    /// The items of the category, in the document's order.
    pub items: Vec<MenuItem>,
}

/// Unit in which an item's quantity is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// metres (pipes, walls, roads)
    Metre,
    /// square metres (roofs, façades, paving, greening)
    SquareMetre,
    /// households (一户一表 meters)
    Household,
    /// buildings
    Building,
    /// stairwell units (单元)
    Stairwell,
    /// pieces: lamps, bins, cameras, chargers
    Piece,
    /// elevators
    Elevator,
    /// parking spaces
    ParkingSpace,
    /// one lump sum for the compound
    Lump,
}

/// Metered networks whose pipes split at the meter (表（箱）前/后).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Pipeline {
    /// Water supply (供水).
    Water,
    /// Power supply (供电).
    Power,
    /// Gas (燃气).
    Gas,
    /// Telecommunications (通信).
    Telecom,
    /// Heating (供热).
    Heat,
}

/// One work a compound may choose, with the document's standard for it and its unit of quantity.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct MenuItem {
    /// The item's id, unique across the whole pack (`water-supply`, `add-elevator`); a scenario
    /// chooses items by it.
    pub id: String,
    /// The item's name, zh/en.
    pub name: Text,
    /// The 改造标准 / 内容 text: Chinese verbatim from the document, English a faithful rendering.
    pub standard: Text,
    /// The unit its quantity (and a plan's unit price) is counted in.
    pub unit: Unit,
    /// The metered network the item belongs to, if any: its lines split at the meter (segment
    /// `beforeMeter`/`afterMeter`) and may go to that network's utility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<Pipeline>,
    /// Elevator items are split between floors (see the elevator options of a scenario).
    #[serde(default)]
    pub elevator: bool,
    /// The clause listing the item and its standard.
    pub source: Source,
}

crate::json_enum!(Tier { "basic" => Tier::Basic, "improvement" => Tier::Improvement, "upgrade" => Tier::Upgrade });

crate::json_enum!(Unit {
    "metre" => Unit::Metre,
    "squareMetre" => Unit::SquareMetre,
    "household" => Unit::Household,
    "building" => Unit::Building,
    "stairwell" => Unit::Stairwell,
    "piece" => Unit::Piece,
    "elevator" => Unit::Elevator,
    "parkingSpace" => Unit::ParkingSpace,
    "lump" => Unit::Lump,
});

crate::json_enum!(Pipeline { "water" => Pipeline::Water, "power" => Pipeline::Power, "gas" => Pipeline::Gas, "telecom" => Pipeline::Telecom, "heat" => Pipeline::Heat });

crate::json_struct!(MenuCategory { id: req "id", name: req "name", tier: opt "tier", source: req "source", items: req "items" });

crate::json_struct!(MenuItem {
    id: req "id",
    name: req "name",
    standard: req "standard",
    unit: req "unit",
    pipeline: opt "pipeline",
    elevator: default "elevator",
    source: req "source",
});
