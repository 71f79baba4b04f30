//! An input read against its [`Schema`]: the value of each declared field, by position, plus the
//! facts a pack declares for itself — and the one reader that fills it from JSON.
//!
//! The reader takes its every decision from the schema (which keys exist, their types, bounds,
//! required fields, the rules between fields), so the CLI, the browser and a spreadsheet import
//! accept and refuse exactly the same values with the same messages.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::input::read::{join, unknown_value, At, Reader};
use crate::input::tree::Tree as Json;
use crate::numbers::{read_count_at, read_decimal_at, MAX_TEXT_CHARS};
use crate::schema::{Constraint, Field, FieldId, Kind, Schema};

/// One read value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Free text, at most the field's `max_chars` characters.
    Text(String),
    /// A whole number within the field's bounds.
    Count(u64),
    /// A calendar year within the field's bounds.
    Year(i32),
    /// A calendar day.
    Date(crate::numbers::Date),
    /// An exact non-negative decimal (money, areas, weights, shares).
    Decimal(Decimal),
    /// Yes or no.
    Bool(bool),
    /// The position of the value in its choice list.
    Choice(u16),
    /// An object read with another table.
    Record(Record),
    /// A list of objects read with another table.
    List(Vec<Record>),
}

/// The type of a fact a pack declares for itself (see `policy::model::LocalFact`).
#[derive(Debug, Clone, Copy)]
pub enum LocalKind<'a> {
    /// Yes or no.
    Bool,
    /// A whole number.
    Count,
    /// An exact non-negative decimal.
    Decimal,
    /// One of these ids; the value read is its position in the list.
    Choice(&'a [String]),
    /// An object read with a tally table (`OWNER_TALLY`, `HOUSEHOLD_TALLY`).
    Tally(&'static Schema),
}

/// Where the reader learns about a pack's own facts: `()` when there are none.
pub trait LocalFacts {
    /// The kind of the pack's fact named `key`, if the pack declares one.
    fn local_kind(&self, key: &str) -> Option<LocalKind<'_>>;
}

impl LocalFacts for () {
    fn local_kind(&self, _key: &str) -> Option<LocalKind<'_>> {
        None
    }
}

/// The values of one table's fields.
#[derive(Debug, Clone)]
pub struct Record {
    schema: &'static Schema,
    values: Vec<Option<Value>>,
    /// A pack's own facts, by key, in the order given.
    local: Vec<(String, Value)>,
}

impl PartialEq for Record {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.schema, other.schema)
            && self.values == other.values
            && self.local == other.local
    }
}

impl Eq for Record {}

impl Record {
    /// A record with nothing given.
    pub fn empty(schema: &'static Schema) -> Record {
        let mut values = Vec::with_capacity(schema.fields.len());
        values.resize_with(schema.fields.len(), || None);
        Record {
            schema,
            values,
            local: Vec::new(),
        }
    }

    /// The table this record was read with.
    pub fn schema(&self) -> &'static Schema {
        self.schema
    }

    /// The value of a field, if given.
    pub fn get<F: FieldId>(&self, f: F) -> Option<&Value> {
        self.values.get(f.index()).and_then(Option::as_ref)
    }

    /// The value at a field's position.
    pub fn at(&self, index: usize) -> Option<&Value> {
        self.values.get(index).and_then(Option::as_ref)
    }

    /// Gives a field a value (used by readers that do not start from JSON, e.g. a spreadsheet row).
    pub fn set<F: FieldId>(&mut self, f: F, v: Value) {
        if let Some(slot) = self.values.get_mut(f.index()) {
            *slot = Some(v);
        }
    }

    /// Gives the field at a position of the table a value (a reader that resolved a key once,
    /// e.g. a spreadsheet column). Out-of-range positions are ignored.
    pub fn set_at(&mut self, index: usize, v: Value) {
        if let Some(slot) = self.values.get_mut(index) {
            *slot = Some(v);
        }
    }

    /// Forgets every value, keeping the storage: one record reused for many rows of a plan.
    pub fn reset(&mut self) {
        self.values.iter_mut().for_each(|v| *v = None);
        self.local.clear();
    }

    /// The problems with the rules between this record's fields (owners in favour above all
    /// owners, a range of years that ends before it starts), as the JSON reader reports them.
    pub fn constraint_problems(&self) -> Vec<Error> {
        let mut r = Reader::default();
        check_constraints(self, &At::Text(""), &mut r);
        r.problems
    }

    /// Forgets a field's value.
    pub fn clear<F: FieldId>(&mut self, f: F) {
        if let Some(slot) = self.values.get_mut(f.index()) {
            *slot = None;
        }
    }

    /// A count field.
    pub fn count<F: FieldId>(&self, f: F) -> Option<u64> {
        match self.get(f) {
            Some(Value::Count(n)) => Some(*n),
            _ => None,
        }
    }

    /// A year field.
    pub fn year<F: FieldId>(&self, f: F) -> Option<i32> {
        match self.get(f) {
            Some(Value::Year(y)) => Some(*y),
            _ => None,
        }
    }

    /// A date field.
    pub fn date<F: FieldId>(&self, f: F) -> Option<crate::numbers::Date> {
        match self.get(f) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// A decimal (or share) field.
    pub fn decimal<F: FieldId>(&self, f: F) -> Option<Decimal> {
        match self.get(f) {
            Some(Value::Decimal(d)) => Some(*d),
            _ => None,
        }
    }

    /// A yes/no field.
    pub fn flag<F: FieldId>(&self, f: F) -> Option<bool> {
        match self.get(f) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// A text or reference field.
    pub fn text<F: FieldId>(&self, f: F) -> Option<&str> {
        match self.get(f) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// A choice field, as the position in its list.
    pub fn choice<F: FieldId>(&self, f: F) -> Option<usize> {
        match self.get(f) {
            Some(Value::Choice(i)) => Some(usize::from(*i)),
            _ => None,
        }
    }

    /// A nested record field.
    pub fn record<F: FieldId>(&self, f: F) -> Option<&Record> {
        match self.get(f) {
            Some(Value::Record(r)) => Some(r),
            _ => None,
        }
    }

    /// A list field (empty when not given).
    pub fn list<F: FieldId>(&self, f: F) -> &[Record] {
        match self.get(f) {
            Some(Value::List(l)) => l,
            _ => &[],
        }
    }

    /// Whether any member of a group was given.
    pub fn has_group<F: FieldId>(&self, group: F) -> bool {
        let key = group.field().key;
        self.schema
            .fields
            .iter()
            .enumerate()
            .any(|(i, f)| f.parent() == key && self.at(i).is_some())
    }

    /// A pack's own fact.
    pub fn local(&self, key: &str) -> Option<&Value> {
        self.local.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Gives a pack's own fact a value.
    pub fn set_local(&mut self, key: &str, v: Value) {
        match self.local.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = v,
            None => self.local.push((key.to_string(), v)),
        }
    }

    /// The pack's own facts that were given.
    pub fn locals(&self) -> &[(String, Value)] {
        &self.local
    }

    /// The value at a dotted path of this table, following into a nested record
    /// (`estate.households` from a scenario).
    fn lookup(&self, key: &str) -> Option<&Value> {
        if let Some((i, _)) = self.schema.field(key) {
            return self.at(i);
        }
        let (head, rest) = key.split_once('.')?;
        match self.schema.field(head).and_then(|(i, _)| self.at(i)) {
            Some(Value::Record(r)) => r.lookup(rest),
            _ => None,
        }
    }
}

/// Reads `v` (an object) with `schema`. Every problem is recorded in `r` with its path; `None`
/// when there was any.
pub fn read_record(
    v: &Json,
    path: &str,
    schema: &'static Schema,
    locals: &dyn LocalFacts,
    r: &mut Reader,
) -> Option<Record> {
    read_record_at(v, &At::Text(path), schema, locals, r)
}

/// [`read_record`] at a path that is written out only when a problem names it.
fn read_record_at(
    v: &Json,
    at: &At,
    schema: &'static Schema,
    locals: &dyn LocalFacts,
    r: &mut Reader,
) -> Option<Record> {
    let before = r.count();
    let mut rec = Record::empty(schema);
    read_object(v, at, "", &mut rec, locals, r);
    if r.count() == before {
        check_constraints(&rec, at, r);
    }
    (r.count() == before).then_some(rec)
}

/// The field a member `key` of the object at `prefix` (a group's key, or `""` at the top) names:
/// the field whose key is `prefix.key`. A key with a dot never names one (it is not a plain name,
/// so `{"owners.total": 1}` is an unknown field, as its path `["owners.total"]` says).
fn member(schema: &'static Schema, prefix: &str, key: &str) -> Option<(usize, &'static Field)> {
    if key.is_empty() || key.contains('.') {
        return None;
    }
    let len = if prefix.is_empty() {
        key.len()
    } else {
        prefix.len().saturating_add(1).saturating_add(key.len())
    };
    let last = key.as_bytes().last();
    schema.fields.iter().enumerate().find(|(_, f)| {
        let k = f.key;
        k.len() == len
            && k.as_bytes().last() == last
            && k.ends_with(key)
            && (prefix.is_empty()
                || (k.starts_with(prefix) && k.as_bytes().get(prefix.len()) == Some(&b'.')))
    })
}

/// Reads the members of one object: the table's top level (`prefix` empty) or a group.
fn read_object(
    v: &Json,
    at: &At,
    prefix: &str,
    rec: &mut Record,
    locals: &dyn LocalFacts,
    r: &mut Reader,
) {
    let Json::Object(map) = v else {
        r.wrong_type_at::<()>(at, "an object", v);
        return;
    };
    let schema = rec.schema;
    for (key, value) in map {
        let key: &str = key;
        let here = At::Key(at, key);
        let Some((index, field)) = member(schema, prefix, key) else {
            let local = if prefix.is_empty() {
                locals.local_kind(key)
            } else {
                None
            };
            match local {
                Some(kind) if !value.is_null() => {
                    if let Some(val) = read_local(value, &here, kind, r) {
                        rec.set_local(key, val);
                    }
                }
                Some(_) => {}
                None => {
                    r.fail::<()>(Error::UnknownField {
                        field: here.or_root(),
                    });
                }
            }
            continue;
        };
        if value.is_null() {
            continue; // "don't know"
        }
        if matches!(field.kind, Kind::Group) {
            read_object(value, &here, field.key, rec, locals, r);
            continue;
        }
        if let Some(val) = read_value(value, &here, &field.kind, locals, r) {
            if let Some(slot) = rec.values.get_mut(index) {
                *slot = Some(val);
            }
        }
    }
    // Required members of this object (a group only when some of it was given).
    let given = prefix.is_empty() || map.iter().any(|(_, x)| !x.is_null());
    if given {
        for (i, f) in schema.fields.iter().enumerate() {
            if f.required && f.parent() == prefix && rec.at(i).is_none() {
                let absent = v.get(f.name()).is_none_or(Json::is_null);
                if absent {
                    r.fail::<()>(Error::MissingField {
                        field: join(&at.render(), f.name()),
                    });
                }
            }
        }
    }
}

/// Reads one value of a declared kind.
fn read_value(
    v: &Json,
    path: &At,
    kind: &Kind,
    locals: &dyn LocalFacts,
    r: &mut Reader,
) -> Option<Value> {
    match *kind {
        Kind::Text { max_chars } => read_text(v, path, max_chars as usize, r).map(Value::Text),
        Kind::Ref(_) => read_text(v, path, MAX_TEXT_CHARS, r).map(Value::Text),
        Kind::Count { min, max } => {
            let n = read_count_at(v, path, r)?;
            if n < min || n > max {
                return r.fail(Error::OutOfRange {
                    field: path.or_root(),
                });
            }
            Some(Value::Count(n))
        }
        Kind::Year { min, max } => {
            let n = read_count_at(v, path, r)?;
            match i32::try_from(n) {
                Ok(y) if (min..=max).contains(&y) => Some(Value::Year(y)),
                _ => r.fail(Error::OutOfRange {
                    field: path.or_root(),
                }),
            }
        }
        Kind::Date => crate::numbers::read_date_at(v, path, r).map(Value::Date),
        Kind::Decimal { max } => {
            let d = read_decimal_at(v, path, r)?;
            if d > Decimal::from(max) {
                return r.fail(Error::OutOfRange {
                    field: path.or_root(),
                });
            }
            Some(Value::Decimal(d))
        }
        Kind::Share => {
            let d = read_decimal_at(v, path, r)?;
            if d > Decimal::ONE {
                return r.fail(Error::OutOfRange {
                    field: path.or_root(),
                });
            }
            Some(Value::Decimal(d))
        }
        Kind::Bool => match v {
            Json::Bool(b) => Some(Value::Bool(*b)),
            other => r.wrong_type_at(path, "true or false", other),
        },
        Kind::Choice(choices) => match v.as_str() {
            Some(s) => match choices.iter().position(|c| c.id == s) {
                Some(i) => u16::try_from(i).ok().map(Value::Choice),
                None => r.fail(Error::WrongType {
                    field: path.or_root(),
                    detail: unknown_value(s, choices),
                }),
            },
            None => r.wrong_type_at(path, "text", v),
        },
        // The estate inside a scenario takes the pack's own facts too; no other record does.
        Kind::Record(schema) => {
            let locals = if std::ptr::eq(schema, &crate::schema::ESTATE) {
                locals
            } else {
                &()
            };
            read_record_at(v, path, schema, locals, r).map(Value::Record)
        }
        Kind::List { of, max } => {
            let Json::Array(items) = v else {
                return r.wrong_type_at(path, "a list", v);
            };
            if items.len() > max as usize {
                return r.fail(Error::TooMany {
                    field: path.or_root(),
                    max: max as usize,
                });
            }
            let before = r.count();
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                if r.is_full() {
                    break;
                }
                if let Some(rec) = read_record_at(item, &At::Index(path, i), of, &(), r) {
                    out.push(rec);
                }
            }
            (r.count() == before).then_some(Value::List(out))
        }
        Kind::Group => None, // handled by read_object
    }
}

fn read_local(v: &Json, path: &At, kind: LocalKind, r: &mut Reader) -> Option<Value> {
    match kind {
        LocalKind::Bool => match v {
            Json::Bool(b) => Some(Value::Bool(*b)),
            other => r.wrong_type_at(path, "true or false", other),
        },
        LocalKind::Count => read_count_at(v, path, r).map(Value::Count),
        LocalKind::Tally(schema) => read_record_at(v, path, schema, &(), r).map(Value::Record),
        LocalKind::Decimal => read_decimal_at(v, path, r).map(Value::Decimal),
        LocalKind::Choice(ids) => match v.as_str() {
            Some(s) => match ids.iter().position(|c| c == s) {
                Some(i) => u16::try_from(i).ok().map(Value::Choice),
                None => r.fail(Error::WrongType {
                    field: path.or_root(),
                    detail: format!(
                        "unknown value \"{}\", expected one of: {}",
                        s.chars().take(40).collect::<String>(),
                        ids.join(", ")
                    ),
                }),
            },
            None => r.wrong_type_at(path, "text", v),
        },
    }
}

fn read_text(v: &Json, path: &At, max_chars: usize, r: &mut Reader) -> Option<String> {
    match v {
        Json::String(s) => {
            // A text of at most `max_chars` bytes has at most that many characters.
            if s.len() > max_chars && s.chars().count() > max_chars {
                return r.fail(Error::TooLong {
                    field: path.or_root(),
                    max: max_chars,
                });
            }
            Some(s.to_string())
        }
        other => r.fail(Error::WrongType {
            field: path.or_root(),
            detail: format!("expected text, found {}", other.kind()),
        }),
    }
}

/// A number two fields can be compared by.
fn comparable(v: &Value) -> Option<Decimal> {
    match v {
        Value::Count(n) => Some(Decimal::from(*n)),
        Value::Year(y) => Some(Decimal::from(*y)),
        Value::Decimal(d) => Some(*d),
        _ => None,
    }
}

/// A declared (dotted) key under `path`: `owners.inFavour`, `items[0].amount`.
fn under(path: &At, key: &str) -> String {
    let path = path.render();
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn check_constraints(rec: &Record, path: &At, r: &mut Reader) {
    for c in rec.schema.constraints {
        match *c {
            Constraint::NotAbove { part, whole } => {
                let p = rec.lookup(part).and_then(comparable);
                let w = rec.lookup(whole).and_then(comparable);
                if let (Some(p), Some(w)) = (p, w) {
                    if p > w {
                        r.fail::<()>(Error::ExceedsTotal {
                            field: under(path, part),
                            limit: under(path, whole),
                        });
                    }
                }
            }
            Constraint::Ordered { from, to } => {
                let f = rec.lookup(from).and_then(comparable);
                let t = rec.lookup(to).and_then(comparable);
                if let (Some(f), Some(t)) = (f, t) {
                    if f > t {
                        let group = from.rsplit_once('.').map_or(from, |(g, _)| g);
                        r.fail::<()>(Error::InvertedRange {
                            field: under(path, group),
                        });
                    }
                }
            }
            Constraint::EitherOr { single, pair } => {
                let s = rec.lookup(single).is_some();
                let a = rec.lookup(pair[0]).is_some();
                let b = rec.lookup(pair[1]).is_some();
                let problem = match (s, a, b) {
                    (true, true, _) => Some(Error::Conflicting {
                        field: under(path, single),
                        other: under(path, pair[0]),
                    }),
                    (true, _, true) => Some(Error::Conflicting {
                        field: under(path, single),
                        other: under(path, pair[1]),
                    }),
                    (false, false, _) => Some(Error::MissingField {
                        field: under(path, pair[0]),
                    }),
                    (false, true, false) => Some(Error::MissingField {
                        field: under(path, pair[1]),
                    }),
                    _ => None,
                };
                if let Some(e) = problem {
                    r.fail::<()>(e);
                }
            }
            Constraint::Unique { list, key } => {
                let Some((li, _)) = rec.schema.field(list) else {
                    continue;
                };
                let Some(Value::List(items)) = rec.at(li) else {
                    continue;
                };
                let Some((ki, _)) = items.first().and_then(|i| i.schema.field(key)) else {
                    continue;
                };
                let mut seen: Vec<&Value> = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let Some(v) = item.at(ki) else { continue };
                    if seen.contains(&v) {
                        if r.fail::<()>(Error::Conflicting {
                            field: format!("{}[{i}].{key}", under(path, list)),
                            other: under(path, list),
                        })
                        .is_none()
                            && r.is_full()
                        {
                            break;
                        }
                    } else {
                        seen.push(v);
                    }
                }
            }
        }
    }
}
