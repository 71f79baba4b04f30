//! The renovation menu of a pack, as shown to a resident choosing items.

use serde::Serialize;

use crate::policy::model::{Benchmark, DocumentStatus, FundingRule, LocalFact, MenuCategory, Note, Unit};
use crate::policy::ResolvedPack;
use crate::text::Text;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Menu {
    pub policy: String,
    pub name: Text,
    pub document_number: String,
    pub status: DocumentStatus,
    pub categories: Vec<MenuCategory>,
    pub benchmarks: Vec<Benchmark>,
    /// The funding rules in the order they are tried, with their basis (policy or assumption).
    pub funding: Vec<FundingRule>,
    pub notes: Vec<Note>,
    /// The pack's own facts (questions beyond the core's estate fields), then its bases'.
    pub facts: Vec<LocalFact>,
    /// The names of the units the items are counted in (each unit once, in menu order).
    pub units: Vec<UnitName>,
}

/// A unit of the menu and its name, for labelling quantities ("120 米").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UnitName {
    pub unit: Unit,
    pub name: Text,
}

/// The name of a unit of quantity, as a count is written after a number.
pub fn unit_name(unit: Unit) -> Text {
    match unit {
        Unit::Metre => Text::new("米", "m"),
        Unit::SquareMetre => Text::new("平方米", "m²"),
        Unit::Household => Text::new("户", "households"),
        Unit::Building => Text::new("栋", "buildings"),
        Unit::Stairwell => Text::new("个单元", "stairwells"),
        Unit::Piece => Text::new("个", "pieces"),
        Unit::Elevator => Text::new("部", "elevators"),
        Unit::ParkingSpace => Text::new("个车位", "parking spaces"),
        Unit::Lump => Text::new("项", "lump sum"),
    }
}

pub fn menu(pack: &ResolvedPack) -> Menu {
    Menu {
        policy: pack.id().to_string(),
        name: pack.pack.name.clone(),
        document_number: pack.pack.document.number.clone(),
        status: pack.pack.document.status,
        categories: pack.menu.clone(),
        benchmarks: pack.benchmarks.clone(),
        funding: pack.funding.iter().map(|f| f.spec.clone()).collect(),
        notes: pack.notes.clone(),
        facts: pack.facts.iter().map(|f| f.spec.clone()).collect(),
        units: {
            let mut units: Vec<UnitName> = Vec::new();
            for item in pack.menu.iter().flat_map(|c| c.items.iter()) {
                if !units.iter().any(|u| u.unit == item.unit) {
                    units.push(UnitName { unit: item.unit, name: unit_name(item.unit) });
                }
            }
            units
        },
    }
}
