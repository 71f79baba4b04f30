//! Rule outcomes remembered by the values of the facts the pack's rules read
//! ([`eligibility::reads`]): the rows of a plan that agree on them share one evaluation.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::eligibility::{self, FindingRole, Outcome, Verdict};
use crate::estate::Estate;
use crate::policy::FactRef;
use crate::policy::ResolvedPack;
use crate::record::Value;
use crate::schema::EstateField;

/// Rule outcomes already computed, by the values of the facts the pack's rules read
/// ([`eligibility::reads`]): rows that agree on them share one evaluation.
pub(super) struct OutcomeCache {
    /// Rules judged for every row instead: those that read the compound's name (is it on the
    /// pack's target list?) and cannot change the verdict — with them in the key no two rows
    /// would ever share an evaluation.
    pub per_row: Vec<usize>,
    fields: Vec<usize>,
    locals: Vec<String>,
    by_hash: HashMap<u64, Vec<usize>, IdentityHash>,
    pub entries: Vec<CacheEntry>,
}

pub(super) struct CacheEntry {
    key: Vec<Option<Value>>,
    locals: Vec<Option<Value>>,
    pub verdict: Verdict,
    pub outcomes: Vec<Outcome>,
    pub provide: u32,
}

/// At most this many distinct combinations are kept (a plan whose every row differs, such as
/// one with owners' vote counts, is then evaluated row by row).
const CACHE_ENTRIES: usize = 4096;

impl OutcomeCache {
    pub fn new(pack: &ResolvedPack, roles: &[FindingRole]) -> OutcomeCache {
        let mut read = Vec::new();
        let mut per_row = Vec::new();
        let mut this = Vec::new();
        for (i, r) in pack.rules.iter().enumerate() {
            this.clear();
            eligibility::reads(&r.test, &mut this);
            let decisive = roles.get(i).is_none_or(|r| *r == FindingRole::Decisive);
            if !decisive && this.contains(&FactRef::Core(EstateField::Name)) {
                per_row.push(i);
                continue;
            }
            for f in this.drain(..) {
                if !read.contains(&f) {
                    read.push(f);
                }
            }
        }
        let mut fields = Vec::new();
        let mut locals = Vec::new();
        for f in read {
            match f {
                FactRef::Core(f) => {
                    let i = crate::schema::FieldId::index(f);
                    if !fields.contains(&i) {
                        fields.push(i);
                    }
                }
                FactRef::Local(k) => {
                    if !locals.contains(&k) {
                        locals.push(k);
                    }
                }
            }
        }
        OutcomeCache {
            per_row,
            fields,
            locals,
            by_hash: HashMap::default(),
            entries: Vec::new(),
        }
    }

    fn hash(&self, e: &Estate) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for i in &self.fields {
            hash_value(e.record().at(*i), &mut h);
        }
        for k in &self.locals {
            hash_value(e.local(k), &mut h);
        }
        h.finish()
    }

    pub fn find(&self, e: &Estate) -> Option<usize> {
        let list = self.by_hash.get(&self.hash(e))?;
        list.iter().copied().find(|i| {
            self.entries.get(*i).is_some_and(|c| {
                self.fields
                    .iter()
                    .zip(&c.key)
                    .all(|(f, v)| e.record().at(*f) == v.as_ref())
                    && self
                        .locals
                        .iter()
                        .zip(&c.locals)
                        .all(|(k, v)| e.local(k) == v.as_ref())
            })
        })
    }

    pub fn insert(&mut self, e: &Estate, verdict: Verdict, outcomes: &[Outcome], provide: u32) {
        if self.entries.len() >= CACHE_ENTRIES {
            return;
        }
        let h = self.hash(e);
        self.by_hash.entry(h).or_default().push(self.entries.len());
        self.entries.push(CacheEntry {
            key: self
                .fields
                .iter()
                .map(|f| e.record().at(*f).cloned())
                .collect(),
            locals: self.locals.iter().map(|k| e.local(k).cloned()).collect(),
            verdict,
            outcomes: outcomes.to_vec(),
            provide,
        });
    }
}

fn hash_value(v: Option<&Value>, h: &mut impl Hasher) {
    match v {
        None => 0u8.hash(h),
        Some(Value::Text(s)) => (1u8, s).hash(h),
        Some(Value::Count(n)) => (2u8, n).hash(h),
        Some(Value::Year(y)) => (3u8, y).hash(h),
        Some(Value::Decimal(d)) => (4u8, d.normalize()).hash(h),
        Some(Value::Bool(b)) => (5u8, b).hash(h),
        Some(Value::Choice(c)) => (6u8, c).hash(h),
        Some(Value::Date(d)) => (8u8, d).hash(h),
        // Not a fact a rule reads; told apart by the equality check.
        Some(Value::Record(_)) | Some(Value::List(_)) => 7u8.hash(h),
    }
}

/// A hasher for keys that are hashes already.
#[derive(Clone, Copy, Default)]
pub(super) struct IdentityHash;

impl std::hash::BuildHasher for IdentityHash {
    type Hasher = IdentityHasher;
    fn build_hasher(&self) -> IdentityHasher {
        IdentityHasher(0)
    }
}

#[derive(Default)]
pub(super) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
