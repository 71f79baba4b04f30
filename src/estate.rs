//! The compound (小区) as a resident or an official describes it: the facts of
//! [`ESTATE`](crate::schema::ESTATE), plus any facts the chosen pack declares for itself.
//!
//! Every fact is optional: "don't know" is a normal answer and makes the rules that need it
//! report `unknown` with what to provide, never an error. Only values that cannot be true
//! (negative counts, more owners in favour than owners) are errors.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::input::read::Reader;
use crate::input::tree::Tree;
use crate::record::{read_record, LocalFacts, Record, Value};
use crate::schema::{EstateField as F, FieldId, ESTATE};

pub use crate::schema::{HousingType, LocationType};

/// A tally of a vote or consultation: total, taking part, in favour (any may be unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally<T> {
    /// All of them (owners, households or m²).
    pub total: Option<T>,
    /// Those who took part.
    pub voted: Option<T>,
    /// Those in favour.
    pub in_favour: Option<T>,
}

/// The compound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estate {
    record: Record,
}

impl Default for Estate {
    fn default() -> Self {
        Estate {
            record: Record::empty(&ESTATE),
        }
    }
}

impl Estate {
    /// Reads an estate from a JSON tree; `locals` are the chosen pack's own facts.
    pub fn read(
        tree: &Tree,
        path: &str,
        locals: &dyn LocalFacts,
        r: &mut Reader,
    ) -> Option<Estate> {
        read_record(tree, path, &ESTATE, locals, r).map(|record| Estate { record })
    }

    /// Reads an estate from JSON text, reporting every problem.
    pub fn from_json(text: &str, locals: &dyn LocalFacts) -> Result<Estate, Vec<Error>> {
        let tree = crate::input::parse_tree(text).map_err(|e| vec![e])?;
        let mut r = Reader::default();
        let read = read_record(&tree, "", &ESTATE, locals, &mut r).map(|record| Estate { record });
        match read {
            Some(e) if r.problems.is_empty() => Ok(e),
            _ => Err(non_empty(r.problems)),
        }
    }

    /// Wraps a record of the estate table.
    pub fn from_record(record: Record) -> Option<Estate> {
        std::ptr::eq(record.schema(), &ESTATE).then_some(Estate { record })
    }

    /// The underlying record.
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// The underlying record, to set facts (a spreadsheet row).
    pub fn record_mut(&mut self) -> &mut Record {
        &mut self.record
    }

    /// A count fact.
    pub fn count(&self, f: F) -> Option<u64> {
        self.record.count(f)
    }

    /// A decimal fact.
    pub fn decimal(&self, f: F) -> Option<Decimal> {
        self.record.decimal(f)
    }

    /// A yes/no fact.
    pub fn flag(&self, f: F) -> Option<bool> {
        self.record.flag(f)
    }

    /// A text fact.
    pub fn text(&self, f: F) -> Option<&str> {
        self.record.text(f)
    }

    /// A fact the pack declares for itself.
    pub fn local(&self, key: &str) -> Option<&Value> {
        self.record.local(key)
    }

    /// Where the compound is.
    pub fn location_type(&self) -> Option<LocationType> {
        self.record
            .choice(F::LocationType)
            .and_then(|i| LocationType::ALL.get(i).copied())
    }

    /// What kind of housing it is.
    pub fn housing_type(&self) -> Option<HousingType> {
        self.record
            .choice(F::HousingType)
            .and_then(|i| HousingType::ALL.get(i).copied())
    }

    /// The number of households.
    pub fn households(&self) -> Option<u64> {
        self.count(F::Households)
    }

    /// The total floor area (m²).
    pub fn floor_area(&self) -> Option<Decimal> {
        self.decimal(F::FloorArea)
    }

    /// The owners' headcounts.
    pub fn owners(&self) -> Tally<u64> {
        Tally {
            total: self.count(F::OwnersTotal),
            voted: self.count(F::OwnersVoted),
            in_favour: self.count(F::OwnersInFavour),
        }
    }

    /// The owners' exclusive areas (m²).
    pub fn owner_area(&self) -> Tally<Decimal> {
        Tally {
            total: self.decimal(F::OwnerAreaTotal),
            voted: self.decimal(F::OwnerAreaVoted),
            in_favour: self.decimal(F::OwnerAreaInFavour),
        }
    }

    /// The maintenance fund: (first collection, balance) in 元.
    pub fn maintenance_fund(&self) -> (Option<Decimal>, Option<Decimal>) {
        (self.decimal(F::FundInitial), self.decimal(F::FundBalance))
    }

    /// The latest year any part of the compound was built, if known.
    pub fn latest_year(&self) -> Option<i32> {
        self.record
            .year(F::BuiltTo)
            .or(self.record.year(F::BuiltYear))
    }

    /// The earliest year any part of the compound was built, if known.
    pub fn earliest_year(&self) -> Option<i32> {
        self.record
            .year(F::BuiltFrom)
            .or(self.record.year(F::BuiltYear))
    }

    /// The path of a fact, as inputs write it (`owners.total`).
    pub fn key(f: F) -> &'static str {
        f.field().key
    }
}

/// A reader result with problems always has at least one (an unreadable root says so).
pub(crate) fn non_empty(problems: Vec<Error>) -> Vec<Error> {
    if problems.is_empty() {
        vec![Error::internal(
            "reader refused the input without naming a problem",
        )]
    } else {
        problems
    }
}
