//! What a pack offers and asks: its renovation menu, benchmarks and funding rules, its own facts,
//! and the facts its rules read — so that a form asks only what this jurisdiction's rules use.

use crate::output::ToJson;
use serde::Serialize;

use crate::policy::compile::TallySource;
use crate::policy::model::{
    Benchmark, DocumentStatus, FundingRule, LocalFact, MenuCategory, Note, Unit,
};
use crate::policy::{CompiledTest, ResolvedPack};
use crate::schema::{EstateField, FieldId};
use crate::text::Text;

/// A pack's menu and what it asks about a compound.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Menu {
    /// The pack's id.
    pub policy: String,
    /// The pack's title, zh/en.
    pub name: Text,
    /// The document's number (`攀委办〔2018〕40号`), for citing the menu.
    pub document_number: String,
    /// The document's standing (a draft's menu is indicative only).
    pub status: DocumentStatus,
    /// The effective menu (the pack's own, or its base's), in the document's order.
    pub categories: std::sync::Arc<[MenuCategory]>,
    /// Benchmarks a scenario may name instead of plan prices.
    pub benchmarks: Vec<Benchmark>,
    /// The funding rules in the order they are tried, with their basis (policy or assumption).
    pub funding: Vec<std::sync::Arc<FundingRule>>,
    /// The pack's remarks, then its base's.
    pub notes: Vec<Note>,
    /// The pack's own facts (and its base's), declared like the core's.
    pub facts: Vec<std::sync::Arc<LocalFact>>,
    /// Every fact the pack's eligibility rules and funding conditions read, by key, in rule order
    /// (core facts and the pack's own): what a form needs to ask under this pack.
    pub asks: Vec<String>,
    /// The names of the units the items are counted in (each unit once, in menu order).
    pub units: Vec<UnitName>,
}

/// A unit of the menu and its name, for labelling quantities ("120 米").
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UnitName {
    /// The unit.
    pub unit: Unit,
    /// Its name as written after a number (米, 平方米, 户 …), zh/en.
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

/// The menu of a pack.
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
        asks: asks(pack),
        units: {
            let mut units: Vec<UnitName> = Vec::new();
            for item in pack.menu.iter().flat_map(|c| c.items.iter()) {
                if !units.iter().any(|u| u.unit == item.unit) {
                    units.push(UnitName {
                        unit: item.unit,
                        name: unit_name(item.unit),
                    });
                }
            }
            units
        },
    }
}

/// The fact keys a pack's rules and funding conditions read, each once, in rule order.
pub fn asks(pack: &ResolvedPack) -> Vec<String> {
    use EstateField as F;
    let mut out: Vec<String> = Vec::new();
    let mut add = |k: &str| {
        if !out.iter().any(|o| o == k) {
            out.push(k.to_string());
        }
    };
    let key = |f: F| f.field().key;
    for r in &pack.rules {
        match &r.test {
            CompiledTest::BuiltBy { .. } => {
                add(key(F::BuiltYear));
                add(key(F::BuiltYears));
            }
            CompiledTest::LocationIn(_) => add(key(F::LocationType)),
            CompiledTest::HousingTypeIn(_) | CompiledTest::HousingTypeNotIn(_) => {
                add(key(F::HousingType))
            }
            CompiledTest::Flag { fact, .. } => add(fact.key()),
            CompiledTest::ChoiceIn { fact, .. } => add(fact.fact.key()),
            CompiledTest::Checklist(items) => {
                for (fact, _) in items {
                    add(fact.key());
                }
            }
            CompiledTest::Share {
                part,
                whole,
                by_housing_type,
                ..
            } => {
                add(part.key());
                add(whole.key());
                if by_housing_type.is_some() {
                    add(key(F::HousingType));
                }
            }
            CompiledTest::OnTargetList { .. } => {
                add(key(F::Name));
                add(key(F::District));
            }
            CompiledTest::Support { tally, .. } | CompiledTest::Vote { tally, .. } => {
                match &tally.source {
                    TallySource::Estate => {
                        add(key(F::Owners));
                        add(key(F::OwnerArea));
                    }
                    TallySource::Core(f) => add(f.field().key),
                    TallySource::Local(k) => add(k),
                }
            }
            CompiledTest::DocumentStatus { .. } => {}
            CompiledTest::MaintenanceFund { .. } => add(key(F::MaintenanceFund)),
        }
    }
    for f in &pack.funding {
        for (fact, _) in &f.when {
            add(fact.key());
        }
    }
    out
}
