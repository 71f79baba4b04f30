//! Is a compound eligible under a pack, and why (or why not)?
//!
//! Each rule yields one [`Finding`] — pass, fail or unknown — with what was measured (years,
//! counts, shares against their exact thresholds), the facts that would settle an unknown, and
//! the gap to a threshold. Only decisive rules make the verdict, and the result names the rules
//! it rests on; advisory rules (no document of the pack sets them) and warnings are reported
//! beside it. The sentences come from [`crate::texts`], and only when asked for.

mod consent;
mod facts;
mod input;

pub use input::{check_input, CheckInput};

use crate::output::ToJson;
use serde::Serialize;

use crate::estate::Estate;
use crate::fraction::Fraction;
use crate::policy::model::{Basis, DocumentStatus, ItemScope, Role, RuleBasis};
use crate::policy::FactRef;
use crate::policy::{CompiledRule, CompiledTest, ResolvedPack};
use crate::schema::{EstateField, HousingType, LocationType};
use crate::texts::{Langs, Texts};

pub use crate::texts::eligibility::{EligibilityText, FindingText};

/// The answer to "is our compound eligible?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Every decisive rule passes (item-scoped rules decide their items in `items`, not this).
    Eligible,
    /// At least one decisive rule fails: `restsOn` names them.
    Ineligible,
    /// No decisive rule fails, but some cannot be decided from what was given.
    Undetermined,
}

/// What one rule concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The rule is met.
    Pass,
    /// The rule is not met by the facts given.
    Fail,
    /// A fact the rule needs is missing (or not enough to decide): `provide` names it.
    Unknown,
}

/// An exact number in a result, written as a decimal string (`"5400"`, `"0.5"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Num(pub rust_decimal::Decimal);

impl crate::output::ToJson for Num {
    fn to_json(&self, w: &mut crate::output::Writer) {
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        w.str(crate::numbers::write_normalized(&mut buf, self.0));
    }
}

/// The number as a sentence writes it: without trailing zeros (`5400`, `0.5`).
impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        f.write_str(crate::numbers::write_normalized(&mut buf, self.0))
    }
}

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        s.serialize_str(crate::numbers::write_normalized(&mut buf, self.0))
    }
}

/// Which share a consent or vote part measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PartWhat {
    /// Owners in favour, of all owners.
    OwnersInFavour,
    /// Exclusive area in favour, of all exclusive area.
    AreaInFavour,
    /// Owners taking part, of all owners (a vote's quorum).
    OwnersTakingPart,
    /// Area taking part, of all exclusive area.
    AreaTakingPart,
    /// Owners in favour, of those taking part.
    OwnersInFavourOfVoted,
    /// Area in favour, of the area taking part.
    AreaInFavourOfVoted,
    /// Households in favour, of all households (a household tally).
    HouseholdsInFavour,
    /// The part of a share test, of its whole (its facts are the rule's `part` and `whole`).
    Part,
}

impl PartWhat {
    /// Whether the part is exclusive area in m² (else a count: owners, households or a fact's units).
    pub fn is_area(self) -> bool {
        matches!(
            self,
            PartWhat::AreaInFavour | PartWhat::AreaTakingPart | PartWhat::AreaInFavourOfVoted
        )
    }
}

/// One measured share against its exact threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct SharePart {
    /// Which share this is (owners or area, in favour or taking part).
    pub what: PartWhat,
    /// The part counted (owners, m² or households), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub have: Option<Num>,
    /// The whole it is counted out of (all owners, all area, or those taking part), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<Num>,
    /// The threshold as the pack writes it (`"2/3"`).
    pub threshold: String,
    /// Reaching the threshold exactly passes ("以上", "不低于") or not ("过半数", "超过").
    pub inclusive: bool,
    /// `None` when a figure is missing (or the whole is zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reached: Option<bool>,
    /// How many more (owners, or m² rounded up to 0.01) would reach it; 0 when reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<Num>,
    /// When the threshold is an upper limit ("not mainly self-built"): reaching it fails.
    #[serde(default)]
    pub limit: bool,
    /// Set when no counts were given and the housing type decided the share (all or none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub housing: Option<HousingType>,
}

impl SharePart {
    /// Whether this part passes: reaching the threshold, or for an upper limit not reaching it.
    pub fn ok(&self) -> Option<bool> {
        self.reached.map(|r| r != self.limit)
    }
}

/// What a rule measured, for programs; [`crate::texts`] turns it into a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Measure {
    /// Nothing could be measured: the facts are missing.
    None,
    /// When the compound was built (`from == to` for one year).
    Built {
        /// The year the earliest part of the compound was built.
        from: i32,
        /// The year the latest part was built.
        to: i32,
    },
    /// Where it is.
    Location {
        /// The compound's location type, as given.
        value: LocationType,
    },
    /// What housing it is.
    Housing {
        /// The compound's housing type, as given.
        value: HousingType,
    },
    /// A yes/no fact's value.
    Fact {
        /// The value given.
        value: bool,
    },
    /// A choice fact's value (its id).
    Choice {
        /// The id of the value given.
        value: String,
    },
    /// Each item of a checklist, in order: its value, or `null` when not given.
    Checklist {
        /// Each item's value, in the checklist's order; `None` where not given.
        values: Vec<Option<bool>>,
    },
    /// The compound's name against a document's list of `listed` named compounds: the entry it
    /// matched (as the document writes it), if any.
    Target {
        /// The name given (clipped).
        given: String,
        /// The document's entry that matched, as the document writes it.
        #[serde(skip_serializing_if = "Option::is_none")]
        matched: Option<String>,
        /// How many compounds the document's list names.
        listed: usize,
    },
    /// The document's standing, and whether its plan period ended before `asOf`.
    Status {
        /// The document's status as the pack records it.
        status: DocumentStatus,
        /// The last year of the document's plan period, if it has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        last_year: Option<i32>,
        /// The day judged on (`YYYY-MM-DD`), when the input gave `asOf`.
        #[serde(skip_serializing_if = "Option::is_none")]
        as_of: Option<String>,
    },
    /// Shares against thresholds (consent, votes, shares of households).
    Shares {
        /// Each share measured, in the order the test states them (a vote's quorum before its majority).
        parts: Vec<SharePart>,
    },
    /// The maintenance fund's balance against its first collection.
    Fund {
        /// The fund's first collection, in 元.
        initial: Num,
        /// Its balance, in 元.
        balance: Num,
        /// The share of the first collection the balance must reach, as the pack writes it.
        threshold: String,
        /// Whether reaching the share exactly is enough.
        inclusive: bool,
        /// Whether the balance reaches it.
        reached: bool,
        /// 元 still to collect, rounded up to the fen.
        #[serde(skip_serializing_if = "Option::is_none")]
        needed: Option<Num>,
    },
}

/// How far a consent or vote is from passing, given the figures entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// More owners in favour needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owners: Option<u64>,
    /// More m² of exclusive area in favour needed (rounded up to 0.01 m²).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<Num>,
    /// More owners taking part in the vote needed (quorum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participating_owners: Option<u64>,
    /// More m² taking part in the vote needed (quorum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participating_area: Option<Num>,
    /// More 元 in the maintenance fund needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fund: Option<Num>,
    /// More households in favour needed (a household tally).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub households: Option<u64>,
    /// How much of a share test's part must move (more to reach it, fewer to stay under an upper
    /// limit): whole units for counts, 0.01 for decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Num>,
}

impl Gap {
    fn is_empty(&self) -> bool {
        *self == Gap::default()
    }
}

/// One rule's conclusion.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Finding<'p> {
    /// The id of the rule (as in the pack), so a program can find its source and label.
    pub rule: &'p str,
    /// Pass, fail or unknown.
    pub outcome: Outcome,
    /// What this finding does to the verdict; `conditional` for an item-scoped rule that no chosen
    /// item triggers.
    pub role: FindingRole,
    /// Where the rule comes from: the pack's document, a law, or an assumption.
    pub rule_basis: RuleBasis,
    /// `assumption` when the figure or reading tested is not set by the document (its text is
    /// in `texts.*.assumption`).
    pub basis: Basis,
    /// What was measured, for a program or a sentence.
    pub measure: Measure,
    /// Fields that would settle an `unknown` (paths as inputs write them).
    pub provide: Vec<&'p str>,
    /// How far from passing a consent, vote, fund or share is; absent when nothing can be said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
    /// The sentences (label, reason, citation) in the languages asked for; absent when none were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<FindingText<'p>>>,
}

/// A finding's part in the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum FindingRole {
    /// A decisive rule: it decides the verdict.
    Decisive,
    /// An advisory rule: shown with its reason, never decides.
    Advisory,
    /// A follow-up the document asks for (a priority, a procedure step): never decides.
    Warning,
    /// Decides a chosen renovation item (e.g. the elevator vote for adding an elevator), not the
    /// compound: see `items`.
    Item,
    /// Applies only if certain renovation items are chosen (none of them is).
    Conditional,
}

/// Identifies the exact pack text a result was computed with.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PackRef<'p> {
    /// The pack's id.
    pub id: &'p str,
    /// SHA-256 (hex) of the pack's exact bytes, so a result can be reproduced with the same text.
    pub content_hash: &'p str,
}

/// The pack and each of its bases, nearest first.
pub fn pack_refs(pack: &ResolvedPack) -> Vec<PackRef<'_>> {
    let mut out = vec![PackRef {
        id: pack.id(),
        content_hash: &pack.content_hash,
    }];
    for (id, hash) in &pack.bases {
        out.push(PackRef {
            id,
            content_hash: hash,
        });
    }
    out
}

/// Is the compound eligible, and why.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Eligibility<'p> {
    /// The id of the pack the check ran under.
    pub policy: &'p str,
    /// The exact texts used: this pack and its bases, with their SHA-256.
    pub packs: Vec<PackRef<'p>>,
    /// The standing of the pack's document (a draft's verdict is indicative only).
    pub status: DocumentStatus,
    /// Eligible, ineligible or undetermined, by the decisive rules alone.
    pub verdict: Verdict,
    /// The rules the verdict rests on: the failing decisive rules when ineligible, the undecided
    /// ones when undetermined, every decisive rule when eligible.
    pub rests_on: Vec<&'p str>,
    /// One per rule, in the pack's order.
    pub findings: Vec<Finding<'p>>,
    /// When undetermined: every field that would settle a decisive rule, once.
    pub to_provide: Vec<&'p str>,
    /// Fields the advice and reminders would use, which the verdict does not wait for.
    pub also_asked: Vec<&'p str>,
    /// One per chosen item that an item-scoped rule decides, in the order chosen.
    pub items: Vec<ItemVerdict<'p>>,
    /// The summary sentences in the languages asked for; absent when none were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<EligibilityText>>,
}

/// Whether a chosen item may go ahead, by the item-scoped rules that decide it.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct ItemVerdict<'p> {
    /// The chosen item's id.
    pub item: &'p str,
    /// Whether it may go ahead, by its item-scoped decisive rules.
    pub verdict: Verdict,
    /// As for the compound: failing rules, else undecided ones, else all of them.
    pub rests_on: Vec<&'p str>,
    /// When undetermined: the fields that would settle it.
    pub to_provide: Vec<&'p str>,
}

/// What one rule concluded, before it is placed in the result.
pub(crate) struct Judgement<'p> {
    pub outcome: Outcome,
    pub measure: Measure,
    pub provide: Vec<&'p str>,
    pub gap: Option<Gap>,
}

impl<'p> Judgement<'p> {
    pub fn new(outcome: Outcome, measure: Measure) -> Self {
        Judgement {
            outcome,
            measure,
            provide: Vec::new(),
            gap: None,
        }
    }
    pub fn unknown(fields: &[&'p str]) -> Self {
        Judgement {
            outcome: Outcome::Unknown,
            measure: Measure::None,
            provide: fields.to_vec(),
            gap: None,
        }
    }
}

/// What a check takes into account beyond the compound: the renovation items chosen (for
/// item-scoped rules) and the day the result is for (for the document's plan period). The core
/// reads no clock: without `as_of`, a plan period is not judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Chosen<'a> {
    /// (item id, category id, is an elevator item) of each chosen item.
    pub items: &'a [(&'a str, &'a str, bool)],
    /// The day the result is for; a plan period that ended before it makes the document-status warning fail.
    pub as_of: Option<crate::numbers::Date>,
}

fn covers(scope: &ItemScope, (item, cat, elevator): &(&str, &str, bool)) -> bool {
    (scope.elevator && *elevator)
        || scope
            .items
            .as_ref()
            .is_some_and(|is| is.iter().any(|i| i == item))
        || scope
            .categories
            .as_ref()
            .is_some_and(|cs| cs.iter().any(|c| c == cat))
}

impl Chosen<'_> {
    fn triggers(&self, scope: &ItemScope) -> bool {
        self.items.iter().any(|i| covers(scope, i))
    }
}

/// A compound's name as lists are compared: white space removed, full-width forms (（）, ０–９,
/// Ｌ…) made half-width. Nothing else: a near-miss stays a miss.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The verdict of some findings, and the rules it rests on.
fn verdict_of<'p, 'f>(fs: impl Iterator<Item = &'f Finding<'p>> + Clone) -> (Verdict, Vec<&'p str>)
where
    'p: 'f,
{
    let verdict = if fs.clone().any(|f| f.outcome == Outcome::Fail) {
        Verdict::Ineligible
    } else if fs.clone().any(|f| f.outcome == Outcome::Unknown) {
        Verdict::Undetermined
    } else {
        Verdict::Eligible
    };
    let rests_on = fs
        .filter(|f| match verdict {
            Verdict::Ineligible => f.outcome == Outcome::Fail,
            Verdict::Undetermined => f.outcome == Outcome::Unknown,
            Verdict::Eligible => true,
        })
        .map(|f| f.rule)
        .collect();
    (verdict, rests_on)
}

/// Adds each field of the unknown findings once.
fn gather<'p, 'f>(out: &mut Vec<&'p str>, fs: impl Iterator<Item = &'f Finding<'p>>)
where
    'p: 'f,
{
    for f in fs.filter(|f| f.outcome == Outcome::Unknown) {
        for p in &f.provide {
            if !out.contains(p) {
                out.push(p);
            }
        }
    }
}

/// Checks an estate against every rule of a pack (no items chosen), without texts.
pub fn check<'p>(pack: &'p ResolvedPack, estate: &Estate) -> Eligibility<'p> {
    check_with(pack, estate, Chosen::default(), Langs::None)
}

/// Checks an estate with the chosen items taken into account, with texts in `langs`.
pub fn check_with<'p>(
    pack: &'p ResolvedPack,
    estate: &Estate,
    chosen: Chosen<'_>,
    langs: Langs,
) -> Eligibility<'p> {
    let mut findings = Vec::with_capacity(pack.rules.len());
    for rule in &pack.rules {
        findings.push(finding(rule, judge(&rule.test, estate, chosen), chosen));
    }
    let decisive = || findings.iter().filter(|f| f.role == FindingRole::Decisive);
    let (verdict, rests_on) = verdict_of(decisive());
    let mut to_provide: Vec<&str> = Vec::new();
    if verdict == Verdict::Undetermined {
        gather(&mut to_provide, decisive());
    }
    // Item verdicts: each chosen item that an item-scoped rule decides, once.
    let mut items: Vec<ItemVerdict> = Vec::new();
    for chosen_item in chosen.items {
        if items.iter().any(|v| v.item == chosen_item.0) {
            continue;
        }
        let deciding: Vec<&Finding> = findings
            .iter()
            .zip(&pack.rules)
            .filter(|(f, r)| {
                f.role == FindingRole::Item
                    && r.spec
                        .applies_to
                        .as_ref()
                        .is_some_and(|s| covers(s, chosen_item))
            })
            .map(|(f, _)| f)
            .collect();
        if deciding.is_empty() {
            continue;
        }
        let Some(item) = pack.item(chosen_item.0).map(|(_, i)| i.id.as_str()) else {
            continue;
        };
        let (v, rests) = verdict_of(deciding.iter().copied());
        let mut ask = Vec::new();
        if v == Verdict::Undetermined {
            gather(&mut ask, deciding.iter().copied());
        }
        items.push(ItemVerdict {
            item,
            verdict: v,
            rests_on: rests,
            to_provide: ask,
        });
    }
    // What the advice and reminders would use: asked for, never waited for.
    let mut also_asked: Vec<&str> = Vec::new();
    gather(
        &mut also_asked,
        findings
            .iter()
            .filter(|f| matches!(f.role, FindingRole::Advisory | FindingRole::Warning)),
    );
    also_asked.retain(|p| !to_provide.contains(p));
    let mut result = Eligibility {
        policy: pack.id(),
        packs: pack_refs(pack),
        status: pack.pack.document.status,
        verdict,
        rests_on,
        findings,
        to_provide,
        also_asked,
        items,
        texts: None,
    };
    if langs.any() {
        crate::texts::eligibility::fill(pack, &mut result, langs);
    }
    result
}

/// The verdict from each rule's role and outcome: a failing decisive rule makes it ineligible,
/// else an undecided one undetermined (as [`verdict_of`], without findings).
fn verdict_of_roles(findings: impl Iterator<Item = (FindingRole, Outcome)> + Clone) -> Verdict {
    let decisive = findings.filter(|(r, _)| *r == FindingRole::Decisive);
    if decisive.clone().any(|(_, o)| o == Outcome::Fail) {
        Verdict::Ineligible
    } else if decisive.clone().any(|(_, o)| o == Outcome::Unknown) {
        Verdict::Undetermined
    } else {
        Verdict::Eligible
    }
}

/// What a rule does to the verdict, given the chosen items.
pub fn role_of(rule: &CompiledRule, chosen: Chosen<'_>) -> FindingRole {
    match (&rule.spec.applies_to, rule.spec.role) {
        (Some(scope), Role::Decisive) if !chosen.triggers(scope) => FindingRole::Conditional,
        (Some(_), Role::Decisive) => FindingRole::Item,
        (_, Role::Decisive) => FindingRole::Decisive,
        (_, Role::Advisory) => FindingRole::Advisory,
        (_, Role::Warning) => FindingRole::Warning,
    }
}

/// Whether the figure or reading a rule tests is an assumption (see [`Finding::basis`]).
pub fn basis_of(rule: &CompiledRule) -> Basis {
    if rule.spec.assumption.is_some() || rule.spec.basis == RuleBasis::Assumption {
        Basis::Assumption
    } else if rule.spec.reading.is_some() {
        Basis::Reading
    } else {
        Basis::Policy
    }
}

/// The same check as [`check_with`], for many compounds: only each rule's outcome (into
/// `outcomes`, in the pack's order, `roles` as [`role_of`] gives them) and the fields that would
/// settle the undecided decisive rules (into `provide`, each once) — no findings, no texts, and
/// no allocation beyond what the rules' own judgements make. Both vectors are cleared first.
pub fn outcomes_into<'p>(
    pack: &'p ResolvedPack,
    estate: &Estate,
    roles: &[FindingRole],
    chosen: Chosen<'_>,
    outcomes: &mut Vec<Outcome>,
    provide: &mut Vec<&'p str>,
) -> Verdict {
    outcomes.clear();
    provide.clear();
    for (i, rule) in pack.rules.iter().enumerate() {
        let j = judge(&rule.test, estate, chosen);
        let role = roles.get(i).copied().unwrap_or(FindingRole::Advisory);
        if role == FindingRole::Decisive && j.outcome == Outcome::Unknown {
            for p in &j.provide {
                if !provide.contains(p) {
                    provide.push(p);
                }
            }
        }
        outcomes.push(j.outcome);
    }
    let verdict = verdict_of_roles(roles.iter().copied().zip(outcomes.iter().copied()));
    if verdict != Verdict::Undetermined {
        provide.clear();
    }
    verdict
}

/// One rule's outcome for a compound (what [`outcomes_into`] gives for that rule).
pub fn outcome_of(rule: &CompiledRule, estate: &Estate, chosen: Chosen<'_>) -> Outcome {
    judge(&rule.test, estate, chosen).outcome
}

fn finding<'p>(rule: &'p CompiledRule, j: Judgement<'p>, chosen: Chosen<'_>) -> Finding<'p> {
    let role = role_of(rule, chosen);
    Finding {
        rule: &rule.spec.id,
        outcome: j.outcome,
        role,
        rule_basis: rule.spec.basis,
        basis: basis_of(rule),
        measure: j.measure,
        provide: j.provide,
        // Kept on a pass too: "0 more owners needed" is the answer a person checking asks for.
        gap: j.gap.filter(|g| !g.is_empty()),
        texts: None,
    }
}

/// The facts a test reads, next to [`judge`] which reads them (core fields and the pack's own
/// facts, each once, into `out`). A test's outcome is a function of these values and of the
/// check's date alone, so compounds that agree on them share their outcomes (a plan of 220,000
/// rows has few distinct combinations). A tally kept in a record field is read as that one value.
pub fn reads(test: &CompiledTest, out: &mut Vec<FactRef>) {
    use crate::policy::compile::{NumRef, TallySource};
    use EstateField as F;
    let mut add = |f: FactRef| {
        if !out.contains(&f) {
            out.push(f);
        }
    };
    let num = |n: &NumRef| match n {
        NumRef::Core(f) => FactRef::Core(*f),
        NumRef::Local(k) => FactRef::Local(k.clone()),
    };
    match test {
        CompiledTest::BuiltBy { .. } => {
            for f in [F::BuiltYear, F::BuiltFrom, F::BuiltTo] {
                add(FactRef::Core(f));
            }
        }
        CompiledTest::LocationIn(_) => add(FactRef::Core(F::LocationType)),
        CompiledTest::HousingTypeIn(_) | CompiledTest::HousingTypeNotIn(_) => {
            add(FactRef::Core(F::HousingType));
        }
        CompiledTest::Flag { fact, .. } => add(fact.clone()),
        CompiledTest::ChoiceIn { fact, .. } => add(fact.fact.clone()),
        CompiledTest::Checklist(items) => {
            for (fact, _) in items {
                add(fact.clone());
            }
        }
        CompiledTest::Share {
            part,
            whole,
            by_housing_type,
            ..
        } => {
            add(num(part));
            add(num(whole));
            if by_housing_type.is_some() {
                add(FactRef::Core(F::HousingType));
            }
        }
        CompiledTest::OnTargetList { .. } => add(FactRef::Core(F::Name)),
        CompiledTest::Support { tally, .. } | CompiledTest::Vote { tally, .. } => {
            match &tally.source {
                TallySource::Estate => {
                    for f in [
                        F::OwnersTotal,
                        F::OwnersVoted,
                        F::OwnersInFavour,
                        F::OwnerAreaTotal,
                        F::OwnerAreaVoted,
                        F::OwnerAreaInFavour,
                    ] {
                        add(FactRef::Core(f));
                    }
                }
                TallySource::Core(f) => add(FactRef::Core(*f)),
                TallySource::Local(k) => add(FactRef::Local(k.clone())),
            }
        }
        CompiledTest::MaintenanceFund { .. } => {
            add(FactRef::Core(F::FundInitial));
            add(FactRef::Core(F::FundBalance));
        }
        CompiledTest::DocumentStatus { .. } => {}
    }
}

fn judge<'p>(test: &'p CompiledTest, e: &Estate, ctx: Chosen<'_>) -> Judgement<'p> {
    match test {
        CompiledTest::BuiltBy { year, inclusive } => facts::built_by(*year, *inclusive, e),
        CompiledTest::LocationIn(allowed) => facts::location(allowed, e),
        CompiledTest::HousingTypeIn(allowed) => facts::housing(allowed, true, e),
        CompiledTest::HousingTypeNotIn(excluded) => facts::housing(excluded, false, e),
        CompiledTest::Flag { fact, required } => facts::flag(fact, *required, e),
        CompiledTest::ChoiceIn { fact, allowed } => facts::choice(fact, allowed, e),
        CompiledTest::Checklist(items) => facts::checklist(items, e),
        CompiledTest::OnTargetList { keys, names } => facts::on_list(keys, names, e),
        CompiledTest::DocumentStatus { status, last_year } => {
            facts::document_status(*status, *last_year, ctx.as_of)
        }
        CompiledTest::Share {
            part,
            whole,
            threshold,
            limit,
            by_housing_type,
        } => consent::share(part, whole, *threshold, *limit, *by_housing_type, e),
        CompiledTest::Support { tally, count, area } => consent::support(tally, *count, *area, e),
        CompiledTest::Vote {
            tally,
            quorum,
            majority,
        } => consent::vote(tally, *quorum, *majority, e),
        CompiledTest::MaintenanceFund { share } => consent::maintenance_fund(*share, e),
    }
}

/// A threshold fraction's text as packs write it.
pub(crate) fn share_text(f: Fraction) -> String {
    f.text()
}
