//! The facts of a plan's row put into an [`Estate`]: the row's own columns (build years,
//! households, buildings, floor area) and the fact columns, each read as its field of the estate
//! schema (是/否, a choice by its id or name, a count, a year, an amount in its column's unit) or
//! of the pack's own facts.

use rust_decimal::Decimal;

use super::header::{Target, Unit};
use super::rows::{parse_amount, parse_count};
use super::{Cell, Plan, PlanRow};
use crate::estate::Estate;
use crate::policy::ResolvedPack;
use crate::record::{LocalKind, Record, Value};
use crate::schema::{EstateField as F, Kind, Schema, ESTATE};

/// A fact column, resolved once.
pub(super) enum FactSlot {
    Core {
        index: usize,
        kind: Kind,
        unit: Option<Unit>,
    },
    Local(LocalKindOwned),
    /// One figure of a tally the pack declares (`residentSupport.inFavour`): the tally's table,
    /// the figure's position in it and its kind.
    LocalTally {
        tally: String,
        schema: &'static Schema,
        index: usize,
        kind: Kind,
    },
    Unknown,
}

pub(super) enum LocalKindOwned {
    Bool,
    Count,
    Decimal,
    Choice(Vec<String>),
}

/// The fact columns of a mapping, each resolved once: a field of the estate schema, one of the
/// pack's own facts, or unknown.
pub(super) fn slots(plan: &Plan, pack: &ResolvedPack) -> Vec<(String, FactSlot)> {
    let mut facts = Vec::new();
    for c in &plan.mapping.columns {
        let Target::Fact(key) = &c.target else {
            continue;
        };
        // A group (`owners`) or a list holds no value of its own: not a column's fact.
        let value_field = ESTATE
            .field(key)
            .filter(|(_, f)| !matches!(f.kind, Kind::Group | Kind::Record(_) | Kind::List { .. }));
        let slot = if let Some((index, f)) = value_field {
            FactSlot::Core {
                index,
                kind: f.kind,
                unit: c.unit,
            }
        } else if let Some(kind) = crate::record::LocalFacts::local_kind(pack, key) {
            match kind {
                LocalKind::Bool => FactSlot::Local(LocalKindOwned::Bool),
                LocalKind::Count => FactSlot::Local(LocalKindOwned::Count),
                LocalKind::Decimal => FactSlot::Local(LocalKindOwned::Decimal),
                LocalKind::Choice(ids) => FactSlot::Local(LocalKindOwned::Choice(ids.to_vec())),
                // A tally is several figures (total, voted, in favour): each has its own column.
                LocalKind::Tally(_) => FactSlot::Unknown,
            }
        } else if let Some(slot) = tally_part(pack, key) {
            slot
        } else {
            FactSlot::Unknown
        };
        facts.push((key.clone(), slot));
    }
    facts
}

/// A column of one figure of a pack's tally: `residentSupport.inFavour` is the `inFavour` of the
/// household tally `residentSupport`.
fn tally_part(pack: &ResolvedPack, key: &str) -> Option<FactSlot> {
    let (tally, part) = key.split_once('.')?;
    let Some(LocalKind::Tally(schema)) = crate::record::LocalFacts::local_kind(pack, tally) else {
        return None;
    };
    let (index, f) = schema
        .field(part)
        .filter(|(_, f)| !matches!(f.kind, Kind::Group | Kind::Record(_) | Kind::List { .. }))?;
    Some(FactSlot::LocalTally {
        tally: tally.to_string(),
        schema,
        index,
        kind: f.kind,
    })
}

/// Puts a row's own columns into the reused estate: name and district (a pack's target list
/// names compounds), build years, households, buildings, area.
pub(super) fn fill_estate(estate: &mut Estate, row: &PlanRow) {
    let rec = estate.record_mut();
    rec.reset();
    if let Some(n) = &row.name {
        rec.set(F::Name, Value::Text(n.clone()));
    }
    if let Some(d) = &row.district {
        rec.set(F::District, Value::Text(d.clone()));
    }
    match row.built {
        Some((from, to)) if from == to => rec.set(F::BuiltYear, Value::Year(from)),
        Some((from, to)) => {
            rec.set(F::BuiltFrom, Value::Year(from));
            rec.set(F::BuiltTo, Value::Year(to));
        }
        None => {}
    }
    if let Some(h) = row.households {
        rec.set(F::Households, Value::Count(h));
    }
    if let Some(b) = row.buildings {
        rec.set(F::Buildings, Value::Count(b));
    }
    if let Some(a) = row.floor_area {
        rec.set(F::FloorArea, Value::Decimal(a));
    }
}

/// 是/否 as officials type them.
pub fn parse_yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(d) if *d == Decimal::ONE => Some(true),
        Cell::Number(d) if d.is_zero() => Some(false),
        Cell::Text(t) => {
            let t = t.trim().trim_end_matches(['。', '.']);
            match t.to_lowercase().as_str() {
                "是" | "有" | "已" | "属于" | "√" | "✓" | "✔" | "y" | "yes" | "true" | "t"
                | "1" | "对" => Some(true),
                "否" | "无" | "没有" | "未" | "不" | "不是" | "不属于" | "×" | "✗" | "✘" | "n"
                | "no" | "false" | "f" | "0" => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A choice as written: its id, its Chinese or English name, or its short name (非商品房).
fn parse_choice(cell: &Cell, choices: &[crate::schema::Choice]) -> Option<u16> {
    let Cell::Text(t) = cell else { return None };
    let n = super::header::normalise(t);
    choices
        .iter()
        .position(|c| {
            super::header::normalise(c.id) == n
                || super::header::normalise(c.label.zh) == n
                || super::header::normalise(crate::texts::short(c.label.zh)) == n
                || super::header::normalise(c.label.en) == n
                || super::header::normalise(crate::texts::short(c.label.en)) == n
        })
        .and_then(|i| u16::try_from(i).ok())
}

/// Sets one fact from its cell; `Err` when the cell is not a value of the field.
pub(super) fn set_fact(
    estate: &mut Estate,
    key: &str,
    slot: &FactSlot,
    cell: &Cell,
) -> Result<(), ()> {
    let rec = estate.record_mut();
    match slot {
        FactSlot::Unknown => Ok(()),
        FactSlot::Core { index, kind, unit } => match core_value(*kind, *unit, cell) {
            Some(v) => {
                rec.set_at(*index, v);
                Ok(())
            }
            None => Err(()),
        },
        FactSlot::LocalTally {
            tally,
            schema,
            index,
            kind,
        } => {
            let v = core_value(*kind, None, cell).ok_or(())?;
            let mut r = match rec.local(tally) {
                Some(Value::Record(r)) => r.clone(),
                _ => Record::empty(schema),
            };
            r.set_at(*index, v);
            rec.set_local(tally, Value::Record(r));
            Ok(())
        }
        FactSlot::Local(kind) => {
            let v = match kind {
                LocalKindOwned::Bool => parse_yes_no(cell).map(Value::Bool),
                LocalKindOwned::Count => parse_count(cell).ok().flatten().map(Value::Count),
                LocalKindOwned::Decimal => parse_amount(cell, Unit::Yuan)
                    .ok()
                    .flatten()
                    .map(Value::Decimal),
                LocalKindOwned::Choice(ids) => match cell {
                    Cell::Text(t) => ids
                        .iter()
                        .position(|id| id == t.trim())
                        .and_then(|i| u16::try_from(i).ok())
                        .map(Value::Choice),
                    _ => None,
                },
            };
            match v {
                Some(v) => {
                    rec.set_local(key, v);
                    Ok(())
                }
                None => Err(()),
            }
        }
    }
}

/// A cell read as a value of a field's kind (amounts in the column's unit, m² or 元 by default).
fn core_value(kind: Kind, unit: Option<Unit>, cell: &Cell) -> Option<Value> {
    match kind {
        Kind::Bool => parse_yes_no(cell).map(Value::Bool),
        Kind::Choice(choices) => parse_choice(cell, choices).map(Value::Choice),
        Kind::Count { min, max } => parse_count(cell)
            .ok()
            .flatten()
            .filter(|n| (min..=max).contains(n))
            .map(Value::Count),
        Kind::Year { min, max } => super::rows::parse_build_date(cell)
            .ok()
            .flatten()
            .filter(|(a, b)| a == b && (min..=max).contains(a))
            .map(|(y, _)| Value::Year(y)),
        Kind::Decimal { max } => parse_amount(cell, unit.unwrap_or(Unit::Yuan))
            .ok()
            .flatten()
            .filter(|d| *d <= Decimal::from(max))
            .map(Value::Decimal),
        Kind::Share => parse_amount(cell, Unit::Yuan)
            .ok()
            .flatten()
            .filter(|d| *d <= Decimal::ONE)
            .map(Value::Decimal),
        Kind::Text { max_chars } => cell
            .text()
            .filter(|t| t.chars().count() <= max_chars as usize)
            .map(|t| Value::Text(t.into_owned())),
        _ => None,
    }
}
