//! Is a compound eligible under a pack, and why (or why not)?
//!
//! Each rule yields one [`Finding`] — pass, fail or unknown — with what was measured (years,
//! counts, shares against their exact thresholds), the facts that would settle an unknown, and
//! the gap to a threshold. Only decisive rules make the verdict, and the result names the rules
//! it rests on; advisory rules (no document of the pack sets them) and warnings are reported
//! beside it. The sentences come from [`crate::texts`], and only when asked for.

mod consent;
mod facts;

use serde::Serialize;

use crate::estate::Estate;
use crate::fraction::Fraction;
use crate::policy::model::{Basis, DocumentStatus, ItemScope, Role, RuleBasis};
use crate::policy::{CompiledRule, CompiledTest, ResolvedPack};
use crate::schema::{HousingType, LocationType};
use crate::texts::{Langs, Texts};

pub use crate::texts::eligibility::{EligibilityText, FindingText};

/// The answer to "is our compound eligible?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Eligible,
    Ineligible,
    /// No decisive rule fails, but some cannot be decided from what was given.
    Undetermined,
}

/// What one rule concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

/// An exact number in a result, written as a decimal string (`"5400"`, `"0.5"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Num(pub rust_decimal::Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        let m = d.mantissa();
        let mut buf = [0u8; crate::numbers::NUMBER_TEXT];
        s.serialize_str(crate::numbers::write_scaled(&mut buf, m < 0, m.unsigned_abs(), d.scale()))
    }
}

/// Which share a consent or vote part measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    /// Households in self-built housing, of all households.
    SelfBuiltHouseholds,
}

impl PartWhat {
    /// Whether the part counts people (else m² or households of a fact).
    pub fn is_area(self) -> bool {
        matches!(
            self,
            PartWhat::AreaInFavour | PartWhat::AreaTakingPart | PartWhat::AreaInFavourOfVoted
        )
    }
}

/// One measured share against its exact threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct SharePart {
    pub what: PartWhat,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub have: Option<Num>,
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
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub limit: bool,
}

/// What a rule measured, for programs; [`crate::texts`] turns it into a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Measure {
    /// Nothing could be measured: the facts are missing.
    None,
    /// When the compound was built (`from == to` for one year).
    Built { from: i32, to: i32 },
    /// Where it is.
    Location { value: LocationType },
    /// What housing it is.
    Housing { value: HousingType },
    /// A yes/no fact's value.
    Fact { value: bool },
    /// Shares against thresholds (consent, votes, shares of households).
    Shares { parts: Vec<SharePart> },
    /// The maintenance fund's balance against its first collection.
    Fund {
        initial: Num,
        balance: Num,
        threshold: String,
        inclusive: bool,
        reached: bool,
        /// 元 still to collect, rounded up to the fen.
        #[serde(skip_serializing_if = "Option::is_none")]
        needed: Option<Num>,
    },
}

/// How far a consent or vote is from passing, given the figures entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
}

impl Gap {
    fn is_empty(&self) -> bool {
        *self == Gap::default()
    }
}

/// One rule's conclusion.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Finding<'p> {
    pub rule: &'p str,
    pub outcome: Outcome,
    /// What this finding does to the verdict; `conditional` for an item-scoped rule that no chosen
    /// item triggers.
    pub role: FindingRole,
    /// Where the rule comes from: the pack's document, a law, or an assumption.
    pub rule_basis: RuleBasis,
    /// `assumption` when the figure or reading tested is not set by the document (its text is
    /// in `texts.*.assumption`).
    pub basis: Basis,
    pub measure: Measure,
    /// Fields that would settle an `unknown` (paths as inputs write them).
    pub provide: Vec<&'p str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<FindingText<'p>>>,
}

/// A finding's part in the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum FindingRole {
    Decisive,
    Advisory,
    Warning,
    /// Applies only if certain renovation items are chosen (none of them is).
    Conditional,
}

/// Identifies the exact pack text a result was computed with.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PackRef<'p> {
    pub id: &'p str,
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
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Eligibility<'p> {
    pub policy: &'p str,
    /// The exact texts used: this pack and its bases, with their SHA-256.
    pub packs: Vec<PackRef<'p>>,
    pub status: DocumentStatus,
    pub verdict: Verdict,
    /// The rules the verdict rests on: the failing decisive rules when ineligible, the undecided
    /// ones when undetermined, every decisive rule when eligible.
    pub rests_on: Vec<&'p str>,
    /// One per rule, in the pack's order.
    pub findings: Vec<Finding<'p>>,
    /// When undetermined: every field that would settle a decisive rule, once.
    pub to_provide: Vec<&'p str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<EligibilityText>>,
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

/// The renovation items a check takes into account (for item-scoped rules).
#[derive(Debug, Clone, Copy, Default)]
pub struct Chosen<'a> {
    /// (item id, category id, is an elevator item) of each chosen item.
    pub items: &'a [(&'a str, &'a str, bool)],
}

impl Chosen<'_> {
    fn triggers(&self, scope: &ItemScope) -> bool {
        self.items.iter().any(|(item, cat, elevator)| {
            (scope.elevator && *elevator)
                || scope.items.as_ref().is_some_and(|is| is.iter().any(|i| i == item))
                || scope
                    .categories
                    .as_ref()
                    .is_some_and(|cs| cs.iter().any(|c| c == cat))
        })
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
        findings.push(finding(rule, judge(&rule.test, estate), chosen));
    }
    let decisive = || findings.iter().filter(|f| f.role == FindingRole::Decisive);
    let verdict = if decisive().any(|f| f.outcome == Outcome::Fail) {
        Verdict::Ineligible
    } else if decisive().any(|f| f.outcome == Outcome::Unknown) {
        Verdict::Undetermined
    } else {
        Verdict::Eligible
    };
    let rests_on: Vec<&str> = match verdict {
        Verdict::Ineligible => decisive()
            .filter(|f| f.outcome == Outcome::Fail)
            .map(|f| f.rule)
            .collect(),
        Verdict::Undetermined => decisive()
            .filter(|f| f.outcome == Outcome::Unknown)
            .map(|f| f.rule)
            .collect(),
        Verdict::Eligible => decisive().map(|f| f.rule).collect(),
    };
    let mut to_provide: Vec<&str> = Vec::new();
    if verdict == Verdict::Undetermined {
        for f in decisive().filter(|f| f.outcome == Outcome::Unknown) {
            for p in &f.provide {
                if !to_provide.contains(p) {
                    to_provide.push(p);
                }
            }
        }
    }
    let mut result = Eligibility {
        policy: pack.id(),
        packs: pack_refs(pack),
        status: pack.pack.document.status,
        verdict,
        rests_on,
        findings,
        to_provide,
        texts: None,
    };
    if langs.any() {
        crate::texts::eligibility::fill(pack, &mut result, langs);
    }
    result
}

fn finding<'p>(rule: &'p CompiledRule, j: Judgement<'p>, chosen: Chosen<'_>) -> Finding<'p> {
    let role = match (&rule.spec.applies_to, rule.spec.role) {
        (Some(scope), Role::Decisive) if !chosen.triggers(scope) => FindingRole::Conditional,
        (_, Role::Decisive) => FindingRole::Decisive,
        (_, Role::Advisory) => FindingRole::Advisory,
        (_, Role::Warning) => FindingRole::Warning,
    };
    Finding {
        rule: &rule.spec.id,
        outcome: j.outcome,
        role,
        rule_basis: rule.spec.basis,
        basis: if rule.spec.assumption.is_some() || rule.spec.basis == RuleBasis::Assumption {
            Basis::Assumption
        } else {
            Basis::Policy
        },
        measure: j.measure,
        provide: j.provide,
        // Kept on a pass too: "0 more owners needed" is the answer a person checking asks for.
        gap: j.gap.filter(|g| !g.is_empty()),
        texts: None,
    }
}

fn judge<'p>(test: &'p CompiledTest, e: &Estate) -> Judgement<'p> {
    match test {
        CompiledTest::BuiltBy { year, inclusive } => facts::built_by(*year, *inclusive, e),
        CompiledTest::LocationIn(allowed) => facts::location(allowed, e),
        CompiledTest::HousingTypeIn(allowed) => facts::housing(allowed, true, e),
        CompiledTest::HousingTypeNotIn(excluded) => facts::housing(excluded, false, e),
        CompiledTest::Flag { fact, required } => facts::flag(fact, *required, e),
        CompiledTest::Support { owners, area } => consent::support(*owners, *area, e),
        CompiledTest::Vote { quorum, majority } => consent::vote(*quorum, *majority, e),
        CompiledTest::MaintenanceFund { share } => consent::maintenance_fund(*share, e),
    }
}

/// A threshold fraction's text as packs write it.
pub(crate) fn share_text(f: Fraction) -> String {
    f.text()
}
