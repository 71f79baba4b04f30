//! What a pack compiles to: its rules' tests, thresholds and fact references resolved, its
//! funding rules with their shares as exact fractions, its own facts ready for the reader.

use super::*;

/// A threshold with its share parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thr {
    /// The share as an exact fraction in (0, 1] (0 only for a maintenance-fund test).
    pub share: Fraction,
    /// Whether reaching the share exactly passes (以上/不低于) or strictly more is needed (过半数/超过).
    pub inclusive: bool,
}

/// A rule's test with its facts resolved and its fractions parsed, so that checking a compound
/// never parses a threshold or asks what kind a fact is (the compiled form of [`RuleTest`]).
#[derive(Debug, Clone)]
pub enum CompiledTest {
    /// Built in `year` or earlier (`inclusive`), or strictly before it.
    BuiltBy {
        /// The year the document names (e.g. 2000 for 「2000年底前建成」).
        year: i32,
        /// Whether a compound built in `year` itself passes (「以前」/「前」 read as inclusive).
        inclusive: bool,
    },
    /// The location type must be one of these.
    LocationIn(Vec<crate::estate::LocationType>),
    /// The housing type must be one of these.
    HousingTypeIn(Vec<crate::estate::HousingType>),
    /// The housing type must not be one of these.
    HousingTypeNotIn(Vec<crate::estate::HousingType>),
    /// A yes/no fact must have the required value.
    Flag {
        /// The fact, core or the pack's own.
        fact: FactRef,
        /// The value it must have.
        required: bool,
    },
    /// A choice fact must have one of the allowed values.
    ChoiceIn {
        /// The fact, with the ids of its values.
        fact: ChoiceRef,
        /// Positions of the allowed values in the fact's list.
        allowed: Vec<u16>,
    },
    /// Yes/no facts with their required values, in order (labels stay in the rule's spec).
    Checklist(Vec<(FactRef, bool)>),
    /// `part` ÷ `whole` of two number facts against a threshold (or an upper limit).
    Share {
        /// The number fact counted.
        part: NumRef,
        /// The number fact it is counted out of.
        whole: NumRef,
        /// The share to reach (or, with `limit`, not to reach).
        threshold: Thr,
        /// True for `mustNotReach`: reaching the threshold fails.
        limit: bool,
        /// Without `part`: a compound wholly of this housing type has share 1, one wholly of another single type 0.
        by_housing_type: Option<crate::estate::HousingType>,
    },
    /// Normalised names (and aliases) of the pack's targets, with the entry each stands for.
    OnTargetList {
        /// Each evened-out name or alias, with the index in `names` of the entry it stands for.
        keys: Vec<(String, usize)>,
        /// Each entry's name as the document writes it.
        names: Vec<String>,
    },
    /// Share of all owners (or households) and of all exclusive area in favour.
    Support {
        /// Where the tally is and what it counts.
        tally: TallyRef,
        /// The threshold on the tally's counted units (owners or households).
        count: Option<Thr>,
        /// The threshold on exclusive area in favour (owners' tallies only).
        area: Option<Thr>,
    },
    /// 民法典 art. 278 style: `quorum` of all take part, then `majority` of those taking part agree.
    Vote {
        /// Where the owners' tally is.
        tally: TallyRef,
        /// The share of all owners and all area that must take part.
        quorum: Thr,
        /// The share of those taking part (owners and area) that must agree.
        majority: Thr,
    },
    /// The maintenance fund's balance against the first collection.
    MaintenanceFund {
        /// The share of the first collection the balance must reach (0: a fund need only exist).
        share: Thr,
    },
    /// The pack document's standing (draft, published without a stated validity, plan period).
    DocumentStatus {
        /// The status the pack gives its document.
        status: DocumentStatus,
        /// The last year of the document's plan period, if it has one.
        last_year: Option<i32>,
    },
}

/// A number fact (count or decimal) a share test reads, core or the pack's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumRef {
    /// A core fact of [`crate::schema::ESTATE`].
    Core(crate::schema::EstateField),
    /// A fact the pack declares, by its key.
    Local(String),
}

impl NumRef {
    /// The key as the estate gives it.
    pub fn key(&self) -> &str {
        match self {
            NumRef::Core(f) => crate::schema::FieldId::field(*f).key,
            NumRef::Local(k) => k,
        }
    }

    /// Its value, if given, and whether it is a count (else a decimal).
    pub fn value(&self, e: &crate::estate::Estate) -> Option<(Decimal, bool)> {
        use crate::record::Value;
        let v = match self {
            NumRef::Core(f) => e.record().get(*f),
            NumRef::Local(k) => e.local(k),
        };
        match v {
            Some(Value::Count(n)) => Some((Decimal::from(*n), true)),
            Some(Value::Decimal(d)) => Some((*d, false)),
            _ => None,
        }
    }
}

/// A choice fact a rule reads, core or the pack's own, with the ids of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRef {
    /// The fact, core or the pack's own.
    pub fact: FactRef,
    /// The ids of its values, in the order the estate's value indexes them.
    pub ids: Vec<String>,
}

impl ChoiceRef {
    /// The position of its value, if given.
    pub fn value(&self, e: &crate::estate::Estate) -> Option<u16> {
        use crate::record::Value;
        match &self.fact {
            FactRef::Core(f) => e.record().choice(*f).and_then(|i| u16::try_from(i).ok()),
            FactRef::Local(k) => match e.local(k) {
                Some(Value::Choice(i)) => Some(*i),
                _ => None,
            },
        }
    }
}

/// Where a consent or vote test finds its tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TallySource {
    /// The estate's own `owners` and `ownerArea`.
    Estate,
    /// A core tally fact (`elevatorVote`).
    Core(crate::schema::EstateField),
    /// One of the pack's tally facts.
    Local(String),
}

/// A tally a test reads, with the input paths of its figures: `[total, voted, inFavour]` of the
/// counted units, then of the area (empty for a household tally).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRef {
    /// Where the tally is.
    pub source: TallySource,
    /// Whether it counts owners (with area) or households.
    pub unit: TallyUnit,
    /// The input paths of its figures, for `provide` and messages: `[total, voted, inFavour]` of the
    /// counted units, then the same three of the area (empty strings for a household tally).
    pub paths: [String; 6],
}

impl TallyRef {
    pub(super) fn new(source: TallySource, unit: TallyUnit) -> TallyRef {
        let prefix = match &source {
            TallySource::Estate => String::new(),
            TallySource::Core(f) => format!("{}.", crate::schema::FieldId::field(*f).key),
            TallySource::Local(k) => format!("{k}."),
        };
        let (count, area) = match (&source, unit) {
            (TallySource::Estate, _) => ("owners.", "ownerArea."),
            (_, TallyUnit::Owners) => ("owners.", "area."),
            (_, TallyUnit::Households) => ("", ""),
        };
        let p = |group: &str, leaf: &str| format!("{prefix}{group}{leaf}");
        let area_paths = if unit == TallyUnit::Households {
            [String::new(), String::new(), String::new()]
        } else {
            [p(area, "total"), p(area, "voted"), p(area, "inFavour")]
        };
        let [a0, a1, a2] = area_paths;
        TallyRef {
            paths: [
                p(count, "total"),
                p(count, "voted"),
                p(count, "inFavour"),
                a0,
                a1,
                a2,
            ],
            source,
            unit,
        }
    }

    fn record<'e>(&self, e: &'e crate::estate::Estate) -> Option<&'e crate::record::Record> {
        match &self.source {
            TallySource::Estate => None,
            TallySource::Core(f) => e.record().record(*f),
            TallySource::Local(k) => match e.local(k) {
                Some(crate::record::Value::Record(r)) => Some(r),
                _ => None,
            },
        }
    }

    /// The counted units (owners or households): total, taking part, in favour.
    pub fn counts(&self, e: &crate::estate::Estate) -> crate::estate::Tally<u64> {
        use crate::schema::{HouseholdTallyField as H, OwnerTallyField as O};
        if self.source == TallySource::Estate {
            return e.owners();
        }
        let Some(r) = self.record(e) else {
            return Default::default();
        };
        match self.unit {
            TallyUnit::Owners => crate::estate::Tally {
                total: r.count(O::OwnersTotal),
                voted: r.count(O::OwnersVoted),
                in_favour: r.count(O::OwnersInFavour),
            },
            TallyUnit::Households => crate::estate::Tally {
                total: r.count(H::Total),
                voted: r.count(H::Voted),
                in_favour: r.count(H::InFavour),
            },
        }
    }

    /// The exclusive area (m²): total, taking part, in favour.
    pub fn areas(&self, e: &crate::estate::Estate) -> crate::estate::Tally<Decimal> {
        use crate::schema::OwnerTallyField as O;
        if self.source == TallySource::Estate {
            return e.owner_area();
        }
        match (self.unit, self.record(e)) {
            (TallyUnit::Owners, Some(r)) => crate::estate::Tally {
                total: r.decimal(O::AreaTotal),
                voted: r.decimal(O::AreaVoted),
                in_favour: r.decimal(O::AreaInFavour),
            },
            _ => Default::default(),
        }
    }
}

/// A yes/no (or other) fact a rule or funding condition reads: one of the core's, or one of the
/// pack's own (by its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactRef {
    /// A core fact of [`crate::schema::ESTATE`].
    Core(crate::schema::EstateField),
    /// A fact the pack declares, by its key.
    Local(String),
}

impl FactRef {
    /// The key as the estate gives it.
    pub fn key(&self) -> &str {
        match self {
            FactRef::Core(f) => crate::schema::FieldId::field(*f).key,
            FactRef::Local(k) => k,
        }
    }

    /// Its yes/no value in an estate, if given.
    pub fn flag(&self, e: &crate::estate::Estate) -> Option<bool> {
        match self {
            FactRef::Core(f) => e.flag(*f),
            FactRef::Local(k) => match e.local(k) {
                Some(crate::record::Value::Bool(b)) => Some(*b),
                _ => None,
            },
        }
    }
}

/// An effective eligibility rule of a resolved pack (its own, or inherited from a base), ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The rule as the pack writes it (label, role, source, reading): what results cite.
    pub spec: std::sync::Arc<RuleSpec>,
    /// Its test, compiled.
    pub test: CompiledTest,
    /// Id of the pack that defines the rule (the base pack for inherited rules).
    pub pack: String,
    /// The document of that pack (rules cite it through their `source`).
    pub status: DocumentStatus,
}

/// Who a share goes to: a fixed party, or the utility owning the line's pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyRef {
    /// A party named in the rule.
    Fixed(Party),
    /// The utility of the line's pipeline (the water utility for a water line …), decided per line.
    PipelineUtility,
}

/// An effective funding rule of a resolved pack, with its shares parsed.
#[derive(Debug, Clone)]
pub struct CompiledFunding {
    /// The rule as the pack writes it (label, basis, why, source): what results cite.
    pub spec: std::sync::Arc<FundingRule>,
    /// The weighted payers and their weights as exact fractions, in the rule's order (relative: only
    /// their ratio matters; at least one is positive).
    pub shares: Vec<(PartyRef, Fraction)>,
    /// Payers the document names without a share (shown at 0.00, to be entered).
    pub unset: Vec<crate::party::Party>,
    /// Id of the pack that defines the rule (the base pack for inherited rules).
    pub pack: String,
    /// The `when` conditions, resolved to facts.
    pub when: Vec<(FactRef, bool)>,
}

impl CompiledFunding {
    /// Whether the rule has no condition at all (`"applies": {}`): a catch-all, which matches
    /// every line (see [`ResolvedPack::funding`] for the order rules are tried in).
    pub fn is_catch_all(&self) -> bool {
        let a = &self.spec.applies;
        a.pipelines.is_none()
            && a.segment.is_none()
            && a.categories.is_none()
            && a.items.is_none()
            && a.elevator.is_none()
            && a.tiers.is_none()
            && a.pipeline_line.is_none()
            && a.when.is_none()
    }
}

/// A pack's own fact, ready for the reader.
#[derive(Debug, Clone)]
pub struct CompiledFact {
    /// The fact as the pack declares it.
    pub spec: std::sync::Arc<LocalFact>,
    /// The ids of a choice fact's values, in order.
    pub choice_ids: Vec<String>,
}
