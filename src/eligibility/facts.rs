//! Rules about plain facts: when, where and what the compound is.

use super::{Judgement, Measure, Outcome};
use crate::estate::{Estate, HousingType, LocationType};
use crate::policy::FactRef;
use crate::schema::{EstateField, FieldId};

fn passes(built: i32, year: i32, inclusive: bool) -> bool {
    if inclusive {
        built <= year
    } else {
        built < year
    }
}

fn key(f: EstateField) -> &'static str {
    f.field().key
}

/// Built by `year` (inclusive or not). A range that straddles the limit is unknown: some
/// buildings may be later, and which ones is for the official to check.
pub(super) fn built_by<'p>(year: i32, inclusive: bool, e: &Estate) -> Judgement<'p> {
    let (Some(from), Some(to)) = (e.earliest_year(), e.latest_year()) else {
        return Judgement::unknown(&[key(EstateField::BuiltYear)]);
    };
    let measure = Measure::Built { from, to };
    if passes(to, year, inclusive) {
        Judgement::new(Outcome::Pass, measure)
    } else if !passes(from, year, inclusive) {
        Judgement::new(Outcome::Fail, measure)
    } else {
        Judgement {
            outcome: Outcome::Unknown,
            measure,
            provide: vec![key(EstateField::BuiltYear)],
            gap: None,
        }
    }
}

pub(super) fn location<'p>(allowed: &[LocationType], e: &Estate) -> Judgement<'p> {
    let Some(l) = e.location_type() else {
        return Judgement::unknown(&[key(EstateField::LocationType)]);
    };
    let outcome = if allowed.contains(&l) {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    Judgement::new(outcome, Measure::Location { value: l })
}

pub(super) fn housing<'p>(list: &[HousingType], list_is_allowed: bool, e: &Estate) -> Judgement<'p> {
    let Some(h) = e.housing_type() else {
        return Judgement::unknown(&[key(EstateField::HousingType)]);
    };
    let ok = list.contains(&h) == list_is_allowed;
    let outcome = if ok { Outcome::Pass } else { Outcome::Fail };
    Judgement::new(outcome, Measure::Housing { value: h })
}

pub(super) fn flag<'p>(fact: &'p FactRef, required: bool, e: &Estate) -> Judgement<'p> {
    let Some(v) = fact.flag(e) else {
        return Judgement::unknown(&[fact.key()]);
    };
    let outcome = if v == required {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    Judgement::new(outcome, Measure::Fact { value: v })
}
