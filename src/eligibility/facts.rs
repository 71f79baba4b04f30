//! Rules about plain facts: when, where and what the compound is.

use super::{Judgement, Measure, Outcome};
use crate::estate::{Estate, HousingType, LocationType};
use crate::policy::model::DocumentStatus;
use crate::policy::{ChoiceRef, FactRef};
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

pub(super) fn housing<'p>(
    list: &[HousingType],
    list_is_allowed: bool,
    e: &Estate,
) -> Judgement<'p> {
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

pub(super) fn choice<'p>(fact: &'p ChoiceRef, allowed: &[u16], e: &Estate) -> Judgement<'p> {
    let Some(v) = fact.value(e) else {
        return Judgement::unknown(&[fact.fact.key()]);
    };
    let outcome = if allowed.contains(&v) {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    let value = fact.ids.get(usize::from(v)).cloned().unwrap_or_default();
    Judgement::new(outcome, Measure::Choice { value })
}

/// Fails if any item has the wrong value; unknown if none does but some are not given.
pub(super) fn checklist<'p>(items: &'p [(FactRef, bool)], e: &Estate) -> Judgement<'p> {
    let values: Vec<Option<bool>> = items.iter().map(|(f, _)| f.flag(e)).collect();
    let wrong = items
        .iter()
        .zip(&values)
        .any(|((_, want), v)| v.is_some_and(|v| v != *want));
    let provide: Vec<&'p str> = items
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|((f, _), _)| f.key())
        .collect();
    let outcome = if wrong {
        Outcome::Fail
    } else if !provide.is_empty() {
        Outcome::Unknown
    } else {
        Outcome::Pass
    };
    Judgement {
        outcome,
        measure: Measure::Checklist { values },
        provide: if wrong { Vec::new() } else { provide },
        gap: None,
    }
}

/// The compound's name among a document's named compounds (exact, once normalised).
pub(super) fn on_list<'p>(keys: &[(String, usize)], names: &[String], e: &Estate) -> Judgement<'p> {
    let Some(name) = e.text(EstateField::Name).filter(|n| !n.trim().is_empty()) else {
        return Judgement::unknown(&[key(EstateField::Name)]);
    };
    let wanted = super::normalise_name(name);
    let matched = keys
        .iter()
        .find(|(k, _)| *k == wanted)
        .and_then(|(_, i)| names.get(*i).cloned());
    let outcome = if matched.is_some() {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    Judgement::new(
        outcome,
        Measure::Target {
            given: crate::texts::clip(name.trim()),
            matched,
            listed: names.len(),
        },
    )
}

/// A draft fails; a plan period that ended before `as_of` fails; a document published without a
/// stated validity, or a period not judged for want of a date, is unknown.
pub(super) fn document_status<'p>(
    status: DocumentStatus,
    last_year: Option<i32>,
    as_of: Option<crate::numbers::Date>,
) -> Judgement<'p> {
    let ended = match (last_year, as_of) {
        (Some(y), Some(d)) => Some(d.year > y),
        _ => None,
    };
    let outcome = if status == DocumentStatus::DraftForComment || ended == Some(true) {
        Outcome::Fail
    } else if status == DocumentStatus::Issued || (last_year.is_some() && ended.is_none()) {
        Outcome::Unknown
    } else {
        Outcome::Pass
    };
    Judgement {
        outcome,
        measure: Measure::Status {
            status,
            last_year,
            as_of: as_of.map(|d| d.to_string()),
        },
        provide: if outcome == Outcome::Unknown && last_year.is_some() && as_of.is_none() {
            vec!["asOf"]
        } else {
            Vec::new()
        },
        gap: None,
    }
}
