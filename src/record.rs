//! An input read against its [`Schema`]: the value of each declared field, by position, plus the
//! facts a pack declares for itself — and the one reader that fills it from JSON.
//!
//! The reader takes its every decision from the schema (which keys exist, their types, bounds,
//! required fields, the rules between fields), so the CLI, the browser and a spreadsheet import
//! accept and refuse exactly the same values with the same messages.

use rust_decimal::Decimal;
use serde_json::Value as Json;

use crate::error::Error;
use crate::input::read::{join, kind, path_or_root, unknown_value, Reader};
use crate::numbers::{read_count, read_decimal, MAX_TEXT_CHARS};
use crate::schema::{Constraint, FieldId, Kind, Schema};

/// One read value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Count(u64),
    Year(i32),
    Date(crate::numbers::Date),
    Decimal(Decimal),
    Bool(bool),
    /// The position of the value in its choice list.
    Choice(u16),
    Record(Record),
    List(Vec<Record>),
}

/// The type of a fact a pack declares for itself (see `policy::model::LocalFact`).
#[derive(Debug, Clone, Copy)]
pub enum LocalKind<'a> {
    Bool,
    Count,
    Decimal,
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
        Record {
            schema,
            values: vec![None; schema.fields.len()],
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
        check_constraints(self, "", &mut r);
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
    let before = r.count();
    let mut rec = Record::empty(schema);
    read_object(v, path, "", &mut rec, locals, r);
    if r.count() == before {
        check_constraints(&rec, path, r);
    }
    (r.count() == before).then_some(rec)
}

/// Reads the members of one object: the table's top level (`prefix` empty) or a group.
fn read_object(
    v: &Json,
    path: &str,
    prefix: &str,
    rec: &mut Record,
    locals: &dyn LocalFacts,
    r: &mut Reader,
) {
    let Json::Object(map) = v else {
        r.wrong_type::<()>(path, "an object", v);
        return;
    };
    let schema = rec.schema;
    for (key, value) in map {
        let here = join(path, key);
        let full = join(prefix, key);
        let Some((index, field)) = schema.field(&full) else {
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
                        field: path_or_root(&here),
                    });
                }
            }
            continue;
        };
        if value.is_null() {
            continue; // "don't know"
        }
        if matches!(field.kind, Kind::Group) {
            read_object(value, &here, &full, rec, locals, r);
            continue;
        }
        if let Some(val) = read_value(value, &here, &field.kind, locals, r) {
            rec.values[index] = Some(val);
        }
    }
    // Required members of this object (a group only when some of it was given).
    let given = prefix.is_empty() || map.values().any(|x| !x.is_null());
    if given {
        for (i, f) in schema.fields.iter().enumerate() {
            if f.required && f.parent() == prefix && rec.values[i].is_none() {
                let absent = map.get(f.name()).is_none_or(Json::is_null);
                if absent {
                    r.fail::<()>(Error::MissingField {
                        field: join(path, f.name()),
                    });
                }
            }
        }
    }
}

/// Reads one value of a declared kind.
fn read_value(
    v: &Json,
    path: &str,
    kind: &Kind,
    locals: &dyn LocalFacts,
    r: &mut Reader,
) -> Option<Value> {
    match *kind {
        Kind::Text { max_chars } => read_text(v, path, max_chars as usize, r).map(Value::Text),
        Kind::Ref(_) => read_text(v, path, MAX_TEXT_CHARS, r).map(Value::Text),
        Kind::Count { min, max } => {
            let n = read_count(v, path, r)?;
            if n < min || n > max {
                return r.fail(Error::OutOfRange {
                    field: path_or_root(path),
                });
            }
            Some(Value::Count(n))
        }
        Kind::Year { min, max } => {
            let n = read_count(v, path, r)?;
            match i32::try_from(n) {
                Ok(y) if (min..=max).contains(&y) => Some(Value::Year(y)),
                _ => r.fail(Error::OutOfRange {
                    field: path_or_root(path),
                }),
            }
        }
        Kind::Date => crate::numbers::read_date(v, path, r).map(Value::Date),
        Kind::Decimal { max } => {
            let d = read_decimal(v, path, r)?;
            if d > Decimal::from(max) {
                return r.fail(Error::OutOfRange {
                    field: path_or_root(path),
                });
            }
            Some(Value::Decimal(d))
        }
        Kind::Share => {
            let d = read_decimal(v, path, r)?;
            if d > Decimal::ONE {
                return r.fail(Error::OutOfRange {
                    field: path_or_root(path),
                });
            }
            Some(Value::Decimal(d))
        }
        Kind::Bool => match v {
            Json::Bool(b) => Some(Value::Bool(*b)),
            other => r.wrong_type(path, "true or false", other),
        },
        Kind::Choice(choices) => match v.as_str() {
            Some(s) => match choices.iter().position(|c| c.id == s) {
                Some(i) => u16::try_from(i).ok().map(Value::Choice),
                None => r.fail(Error::WrongType {
                    field: path_or_root(path),
                    detail: unknown_value(s, choices),
                }),
            },
            None => r.wrong_type(path, "text", v),
        },
        // The estate inside a scenario takes the pack's own facts too; no other record does.
        Kind::Record(schema) => {
            let locals = if std::ptr::eq(schema, &crate::schema::ESTATE) {
                locals
            } else {
                &()
            };
            read_record(v, path, schema, locals, r).map(Value::Record)
        }
        Kind::List { of, max } => {
            let Json::Array(items) = v else {
                return r.wrong_type(path, "a list", v);
            };
            if items.len() > max as usize {
                return r.fail(Error::TooMany {
                    field: path_or_root(path),
                    max: max as usize,
                });
            }
            let before = r.count();
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                if r.is_full() {
                    break;
                }
                if let Some(rec) = read_record(item, &format!("{path}[{i}]"), of, &(), r) {
                    out.push(rec);
                }
            }
            (r.count() == before).then_some(Value::List(out))
        }
        Kind::Group => None, // handled by read_object
    }
}

fn read_local(v: &Json, path: &str, kind: LocalKind, r: &mut Reader) -> Option<Value> {
    match kind {
        LocalKind::Bool => match v {
            Json::Bool(b) => Some(Value::Bool(*b)),
            other => r.wrong_type(path, "true or false", other),
        },
        LocalKind::Count => read_count(v, path, r).map(Value::Count),
        LocalKind::Tally(schema) => read_record(v, path, schema, &(), r).map(Value::Record),
        LocalKind::Decimal => read_decimal(v, path, r).map(Value::Decimal),
        LocalKind::Choice(ids) => match v.as_str() {
            Some(s) => match ids.iter().position(|c| c == s) {
                Some(i) => u16::try_from(i).ok().map(Value::Choice),
                None => r.fail(Error::WrongType {
                    field: path_or_root(path),
                    detail: format!(
                        "unknown value \"{}\", expected one of: {}",
                        s.chars().take(40).collect::<String>(),
                        ids.join(", ")
                    ),
                }),
            },
            None => r.wrong_type(path, "text", v),
        },
    }
}

fn read_text(v: &Json, path: &str, max_chars: usize, r: &mut Reader) -> Option<String> {
    match v {
        Json::String(s) => {
            if s.chars().count() > max_chars {
                return r.fail(Error::TooLong {
                    field: path_or_root(path),
                    max: max_chars,
                });
            }
            Some(s.clone())
        }
        other => r.fail(Error::WrongType {
            field: path_or_root(path),
            detail: format!("expected text, found {}", kind(other)),
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
fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn check_constraints(rec: &Record, path: &str, r: &mut Reader) {
    for c in rec.schema.constraints {
        match *c {
            Constraint::NotAbove { part, whole } => {
                let p = rec.lookup(part).and_then(comparable);
                let w = rec.lookup(whole).and_then(comparable);
                if let (Some(p), Some(w)) = (p, w) {
                    if p > w {
                        r.fail::<()>(Error::ExceedsTotal {
                            field: at(path, part),
                            limit: at(path, whole),
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
                            field: at(path, group),
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
                        field: at(path, single),
                        other: at(path, pair[0]),
                    }),
                    (true, _, true) => Some(Error::Conflicting {
                        field: at(path, single),
                        other: at(path, pair[1]),
                    }),
                    (false, false, _) => Some(Error::MissingField {
                        field: at(path, pair[0]),
                    }),
                    (false, true, false) => Some(Error::MissingField {
                        field: at(path, pair[1]),
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
                            field: format!("{}[{i}].{key}", at(path, list)),
                            other: at(path, list),
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
