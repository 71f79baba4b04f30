//! What a person asks to have costed, as typed values: read through
//! [`SCENARIO`](crate::schema::SCENARIO), whose declaration says what each option is.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::estate::{non_empty, Estate};
use crate::input::read::Reader;
use crate::input::tree::Tree;
use crate::record::{read_record, LocalFacts, Record};
use crate::schema::{
    ElevatorMethod, FloorField, ItemField, OverrideField, Party, ScenarioField as S, Segment,
    ShareField, SCENARIO,
};

/// One chosen menu item: `quantity` × `unit_price`, or a lump `amount`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChoice {
    /// The menu item's id in the pack (`water-supply`); an id not on the menu is [`Error::UnknownItem`].
    pub item: String,
    /// How much, in the item's unit; with `unit_price`, the line's amount is their exact product.
    pub quantity: Option<Decimal>,
    /// 元 per unit of the item.
    pub unit_price: Option<Decimal>,
    /// A lump sum in 元, instead of `quantity` × `unit_price` (giving both is [`Error::Conflicting`]).
    pub amount: Option<Decimal>,
    /// Before or after the meter, for a pipeline item: it decides which funding rule applies.
    pub segment: Option<Segment>,
}

/// A party's weight in an edited split (`party` may be `pipelineUtility`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareInput {
    /// A party id, or `pipelineUtility` for the utility of the line's pipeline.
    pub party: String,
    /// The relative weight (only the ratio of the weights matters); at least one must be positive.
    pub weight: Decimal,
}

/// Replaces the shares of one funding rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingOverride {
    /// The id of the funding rule whose shares are replaced; an unknown id is [`Error::UnknownRule`].
    pub rule: String,
    /// The shares that replace the rule's; lines it covers are then marked `edited`.
    pub shares: Vec<ShareInput>,
}

/// One floor of the stairwell an elevator serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorInput {
    /// The floor number, 1 for the ground floor.
    pub floor: u64,
    /// How many households live on it (a floor with none pays nothing).
    pub households: u64,
    /// The exclusive area of its homes, in m²: what the `area` method divides by, and what the
    /// `coefficients` method multiplies the coefficient by (its households when no area is given).
    pub area: Option<Decimal>,
    /// The floor's coefficient, for the `coefficients` method.
    pub coefficient: Option<Decimal>,
}

/// How the residents' part of elevator lines is divided between floors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElevatorInput {
    /// How the residents' part is divided.
    pub method: ElevatorMethod,
    /// The floors of the building served, each once.
    pub floors: Vec<FloorInput>,
    /// Floors 1..=exempt_floors pay nothing (default 1: the ground floor).
    pub exempt_floors: Option<u64>,
}

/// 困难群众减免: part of some households' bills moved to a named payer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiverInput {
    /// How many households have their part reduced.
    pub households: u64,
    /// Share of their bill waived, 0–1 (default 1: all of it).
    pub share: Option<Decimal>,
    /// Who pays the waived part instead (a public budget, the property unit …).
    pub payer: Party,
}

/// The household asking "what will I pay?".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HouseholdInput {
    /// The floor the household lives on, for its part of the elevator lines.
    pub floor: Option<u64>,
    /// Its exclusive area in m²: with the compound's floor area, its part of the shared lines is by
    /// area (民法典 art. 283); without, an equal part per household (an assumption).
    pub area: Option<Decimal>,
}

/// The input of an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scenario {
    /// The compound, read with the pack's own facts.
    pub estate: Estate,
    /// The items chosen from the pack's menu, in the order the lines are shown.
    pub items: Vec<ItemChoice>,
    /// The id of a benchmark of the pack, to cost the compound without plan prices.
    pub benchmark: Option<String>,
    /// Edited shares of funding rules (a rule given twice takes the later shares).
    pub funding_overrides: Vec<FundingOverride>,
    /// Floors to divide the residents' part of elevator lines between.
    pub elevator: Option<ElevatorInput>,
    /// A hardship waiver for some households.
    pub waiver: Option<WaiverInput>,
    /// The household asking what it will pay.
    pub household: Option<HouseholdInput>,
    /// The day the result is for (to judge the document's plan period); never a clock's.
    pub as_of: Option<crate::numbers::Date>,
}

fn choice<T: Copy>(all: &[T], i: Option<usize>) -> Option<T> {
    i.and_then(|i| all.get(i).copied())
}

/// The typed view of a list of records read with [`FUNDING_OVERRIDE`](crate::schema::FUNDING_OVERRIDE)
/// (a scenario's, or a plan's options').
pub(crate) fn funding_overrides_of(list: &[Record]) -> Vec<FundingOverride> {
    list.iter()
        .map(|o| FundingOverride {
            rule: o.text(OverrideField::Rule).unwrap_or_default().to_string(),
            shares: o
                .list(OverrideField::Shares)
                .iter()
                .map(|s| ShareInput {
                    party: s.text(ShareField::Party).unwrap_or_default().to_string(),
                    weight: s.decimal(ShareField::Weight).unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

impl Scenario {
    /// Reads a scenario from a JSON tree; `locals` are the chosen pack's own facts (for `estate`).
    pub fn read(tree: &Tree, locals: &dyn LocalFacts, r: &mut Reader) -> Option<Scenario> {
        let rec = read_record(tree, "", &SCENARIO, locals, r)?;
        let s = Scenario::from_record(&rec);
        let before = r.count();
        for e in s.check() {
            r.fail::<()>(e);
        }
        (r.count() == before).then_some(s)
    }

    /// Reads a scenario from JSON text, reporting every problem.
    pub fn from_json(text: &str, locals: &dyn LocalFacts) -> Result<Scenario, Vec<Error>> {
        let tree = crate::input::parse_tree(text).map_err(|e| vec![e])?;
        let mut r = Reader::default();
        match Scenario::read(&tree, locals, &mut r) {
            Some(s) if r.problems.is_empty() => Ok(s),
            _ => Err(non_empty(r.problems)),
        }
    }

    /// The typed view of a record read with the scenario table.
    pub fn from_record(rec: &Record) -> Scenario {
        let items = rec
            .list(S::Items)
            .iter()
            .map(|i| ItemChoice {
                item: i.text(ItemField::Item).unwrap_or_default().to_string(),
                quantity: i.decimal(ItemField::Quantity),
                unit_price: i.decimal(ItemField::UnitPrice),
                amount: i.decimal(ItemField::Amount),
                segment: choice(Segment::ALL, i.choice(ItemField::Segment)),
            })
            .collect();
        let funding_overrides = funding_overrides_of(rec.list(S::FundingOverrides));
        let elevator = choice(ElevatorMethod::ALL, rec.choice(S::ElevatorMethod)).map(|method| {
            ElevatorInput {
                method,
                floors: rec
                    .list(S::ElevatorFloors)
                    .iter()
                    .map(|f| FloorInput {
                        floor: f.count(FloorField::Floor).unwrap_or_default(),
                        households: f.count(FloorField::Households).unwrap_or_default(),
                        area: f.decimal(FloorField::Area),
                        coefficient: f.decimal(FloorField::Coefficient),
                    })
                    .collect(),
                exempt_floors: rec.count(S::ElevatorExempt),
            }
        });
        let waiver = match (
            rec.count(S::WaiverHouseholds),
            choice(Party::ALL, rec.choice(S::WaiverPayer)),
        ) {
            (Some(households), Some(payer)) => Some(WaiverInput {
                households,
                share: rec.decimal(S::WaiverShare),
                payer,
            }),
            _ => None,
        };
        let household = rec.has_group(S::Household).then(|| HouseholdInput {
            floor: rec.count(S::HouseholdFloor),
            area: rec.decimal(S::HouseholdArea),
        });
        Scenario {
            estate: rec
                .record(S::Estate)
                .cloned()
                .and_then(Estate::from_record)
                .unwrap_or_default(),
            items,
            benchmark: rec.text(S::Benchmark).map(str::to_string),
            funding_overrides,
            elevator,
            waiver,
            household,
            as_of: rec.date(S::AsOf),
        }
    }

    /// The checks that need several options at once (the schema's constraints ran already).
    pub fn check(&self) -> Vec<Error> {
        let mut problems = Vec::new();
        if self.waiver.is_some() && self.estate.households().is_none() {
            problems.push(Error::MissingField {
                field: "estate.households".into(),
            });
        }
        if let Some(e) = &self.elevator {
            if e.floors.is_empty() {
                problems.push(Error::MissingField {
                    field: "elevator.floors".into(),
                });
            }
            if e.method == ElevatorMethod::Area {
                for (i, fl) in e.floors.iter().enumerate() {
                    if fl.area.is_none() && fl.households > 0 {
                        problems.push(Error::MissingField {
                            field: format!("elevator.floors[{i}].area"),
                        });
                        if problems.len() >= crate::input::read::MAX_PROBLEMS {
                            break;
                        }
                    }
                }
            }
        }
        problems
    }
}
