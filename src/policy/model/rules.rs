//! Eligibility rules as a pack writes them: what each tests, where it comes from, its role in
//! the verdict, and the exact thresholds it compares.

use serde::Serialize;

use crate::error::Error;
use crate::input::read::{join, FromJson, Obj, Reader};
use crate::input::tree::Tree;
use crate::output::ToJson;
use crate::schema::{HousingType, LocationType};
use crate::text::{Source, Text};

/// What a rule's outcome does to the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// Set by a document (or law) of the pack: it decides the verdict.
    #[default]
    Decisive,
    /// Advice with its reason: no document of the pack sets it, so it never decides.
    Advisory,
    /// A follow-up the document asks for that does not make a compound ineligible.
    Warning,
}

/// Where a rule itself comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RuleBasis {
    /// The pack's own document sets the rule.
    #[default]
    Policy,
    /// A law applies directly (民法典), cited as law.
    Law,
    /// No document of the pack sets it: a labelled assumption, which may only advise.
    Assumption,
}

/// Which chosen renovation items make an item-scoped rule apply (e.g. 民法典 art. 278's vote
/// for works that alter shared parts, such as adding an elevator). Any condition given may match.
#[derive(Debug, Clone, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct ItemScope {
    /// Menu item ids whose choice makes the rule apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    /// Menu category ids any of whose items makes the rule apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// Whether choosing any elevator item (`elevator: true` on the menu) makes the rule apply.
    #[serde(default)]
    pub elevator: bool,
}

/// One eligibility rule: what is tested, where it comes from, and whether its figure is policy.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct RuleSpec {
    /// The rule's id, unique in the pack; a city rule with a base rule's id takes that rule's place.
    pub id: String,
    /// Short statement of the rule as the document puts it.
    pub label: Text,
    /// Whether the rule decides the verdict, only advises, or is a follow-up warning; decisive by default.
    #[serde(default)]
    pub role: Role,
    /// Whether the document, a law or an assumption sets the rule; an assumption may only advise.
    #[serde(default)]
    pub basis: RuleBasis,
    /// Set for a rule that applies only when certain items are chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<ItemScope>,
    /// What is tested, with its thresholds.
    pub test: RuleTest,
    /// The clause that states the rule, cited on every finding it makes.
    pub source: Source,
    /// Why an advisory rule only advises: the assumption no document of the pack makes (an
    /// advisory rule must say it). A decisive rule never carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<Text>,
    /// How the rule applies words the document does state (「以前」 as inclusive, 「为主」 as
    /// more than half): labelled on the rule and its findings (basis `reading`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
}

/// What a rule tests, written `{"builtBy": {"year": 2000, "inclusive": true}}`. Thresholds are
/// exact fractions written as `"2/3"`, `"9/10"`, `"1/2"`.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RuleTest {
    /// Built in `year` or earlier (`inclusive`), or strictly before `year`.
    #[serde(rename_all = "camelCase")]
    BuiltBy {
        /// The year the document names (2000 for 「2000年底前建成」).
        year: i32,
        /// Whether a compound built in `year` itself passes: true where 「以前」/「前」 is read as
        /// inclusive (label it in the rule's `reading`), false for strictly before.
        inclusive: bool,
    },
    /// The location type must be one of these.
    LocationIn {
        /// The location types that pass (县城 = 城关镇 = `countyTown`).
        allowed: Vec<LocationType>,
    },
    /// The housing type must be one of these.
    HousingTypeIn {
        /// The housing types that pass.
        allowed: Vec<HousingType>,
    },
    /// The housing type must not be one of these.
    HousingTypeNotIn {
        /// The housing types that fail.
        excluded: Vec<HousingType>,
    },
    /// A yes/no fact (a core fact's key, or one of the pack's own facts) must have the given value.
    Flag {
        /// The fact's key (`structurallySafe`, or one of the pack's own facts).
        flag: String,
        /// The value that passes.
        required: bool,
    },
    /// A choice fact (core or the pack's own) must have one of these values.
    ChoiceIn {
        /// The choice fact's key (`residentWillingness`, or one of the pack's own facts).
        fact: String,
        /// The ids of the values that pass.
        allowed: Vec<String>,
    },
    /// Several yes/no facts, each with its required value, reported item by item.
    Checklist(Vec<CheckItem>),
    /// The share `part` ÷ `whole` of two number facts must reach a threshold (`mustReach`), or
    /// must not (`mustNotReach`: an upper limit such as "not mainly self-built").
    #[serde(rename_all = "camelCase")]
    Share {
        /// The number fact counted (e.g. `selfBuiltHouseholds`).
        part: String,
        /// The number fact it is counted out of (e.g. `households`).
        whole: String,
        /// The least share that passes (e.g. "以上" 2/3, inclusive).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        must_reach: Option<Threshold>,
        /// The share that must not be reached (an upper limit; `inclusive: true` fails at the share itself).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        must_not_reach: Option<Threshold>,
        /// When `part` is not given: a compound wholly of this housing type has share 1, one
        /// wholly of another single type share 0; a mixed one needs the counts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by_housing_type: Option<HousingType>,
    },
    /// The compound's `name` is one of the pack's `targets`.
    OnTargetList {},
    /// Share of all owners (and/or of all exclusive area) in favour, e.g. 2/3 of each; or, with a
    /// household `tally`, of all households.
    #[serde(rename_all = "camelCase")]
    Support {
        /// A tally fact (core or the pack's own); without it, `owners` and `ownerArea`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tally: Option<String>,
        /// The share of all owners (by head) that must be in favour.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owners: Option<Threshold>,
        /// The share of all households that must be in favour, for a household tally (居民支持率).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        households: Option<Threshold>,
        /// The share of all exclusive floor area (专有部分面积) that must be in favour.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<Threshold>,
    },
    /// 民法典 art. 278 style vote: participation of all owners and area reaches `quorum`, then
    /// those in favour reach `majority` of the participating owners and area.
    Vote {
        /// An owners' tally fact (core or the pack's own); without it, `owners` and `ownerArea`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tally: Option<String>,
        /// The share of all owners and of all area that must take part (民法典 278: 2/3, inclusive).
        quorum: Threshold,
        /// The share of the participating owners and area that must agree (3/4 for works such as adding
        /// an elevator, 过半数 — more than half, not inclusive — for ordinary matters).
        majority: Threshold,
    },
    /// The maintenance-fund balance is at least `share` of the first collection; a share of 0
    /// asks only whether a fund was set up at all.
    MaintenanceFund {
        /// The share of the first collection the balance must reach; `"0"` asks only whether a fund exists.
        share: Threshold,
    },
    /// The document's standing: made by the engine for every city pack, never written in one.
    DocumentStatus {},
}

/// One item of a checklist.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct CheckItem {
    /// A yes/no fact, core or the pack's own.
    pub fact: String,
    /// The value the fact must have for the item to pass.
    pub required: bool,
    /// The item as the document words it.
    pub label: Text,
}

/// An exact share and whether reaching it exactly passes ("以上"/"不低于": yes; "过半数": no).
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    /// A fraction such as `"2/3"` or a decimal such as `"0.9"`.
    pub share: String,
    /// Whether a share exactly equal to `share` passes: true for 以上/不低于/达到 (民法典 art. 1259:
    /// "以上" includes the number itself), false for 过半数/超过, which need strictly more.
    pub inclusive: bool,
}

crate::json_enum!(Role { "decisive" => Role::Decisive, "advisory" => Role::Advisory, "warning" => Role::Warning });

crate::json_enum!(RuleBasis { "policy" => RuleBasis::Policy, "law" => RuleBasis::Law, "assumption" => RuleBasis::Assumption });

crate::json_struct!(ItemScope { items: opt "items", categories: opt "categories", elevator: default "elevator" });

crate::json_struct!(CheckItem { fact: req "fact", required: req "required", label: req "label" });

crate::json_struct!(RuleSpec {
    id: req "id",
    label: req "label",
    role: default "role",
    basis: default "basis",
    applies_to: opt "appliesTo",
    test: req "test",
    source: req "source",
    assumption: opt "assumption",
    reading: opt "reading",
});

crate::json_struct!(Threshold { share: req "share", inclusive: req "inclusive" });

/// A rule test is written as an object with one key naming its kind: `{"builtBy": {…}}`.
impl FromJson for RuleTest {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        const KINDS: &str = "builtBy, locationIn, housingTypeIn, housingTypeNotIn, flag, choiceIn, checklist, share, onTargetList, support, vote, maintenanceFund";
        let one = v
            .as_object()
            .filter(|m| m.len() == 1)
            .and_then(|m| m.iter().next());
        let Some((kind, body)) = one else {
            return r.fail(Error::WrongType {
                field: crate::input::read::path_or_root(path),
                detail: format!(
                    "expected one test such as {{\"builtBy\": {{…}}}}, one of: {KINDS}"
                ),
            });
        };
        let at = join(path, kind);
        let known = KINDS.split(',').any(|k| k.trim_start() == kind);
        if !known {
            return r.fail(Error::UnknownField { field: at });
        }
        if kind == "checklist" {
            let items: Vec<CheckItem> = FromJson::read(body, &at, r)?;
            return Some(RuleTest::Checklist(items));
        }
        let mut o = Obj::new(body, &at, r)?;
        let test = match kind.as_ref() {
            "builtBy" => match (o.req("year", r), o.req("inclusive", r)) {
                (Some(year), Some(inclusive)) => Some(RuleTest::BuiltBy { year, inclusive }),
                _ => None,
            },
            "locationIn" => o
                .req("allowed", r)
                .map(|allowed| RuleTest::LocationIn { allowed }),
            "housingTypeIn" => o
                .req("allowed", r)
                .map(|allowed| RuleTest::HousingTypeIn { allowed }),
            "housingTypeNotIn" => o
                .req("excluded", r)
                .map(|excluded| RuleTest::HousingTypeNotIn { excluded }),
            "flag" => match (o.req("flag", r), o.req("required", r)) {
                (Some(flag), Some(required)) => Some(RuleTest::Flag { flag, required }),
                _ => None,
            },
            "choiceIn" => match (o.req("fact", r), o.req("allowed", r)) {
                (Some(fact), Some(allowed)) => Some(RuleTest::ChoiceIn { fact, allowed }),
                _ => None,
            },
            "share" => {
                let (part, whole) = (o.req("part", r), o.req("whole", r));
                let (must_reach, must_not_reach) =
                    (o.opt("mustReach", r), o.opt("mustNotReach", r));
                let by_housing_type = o.opt("byHousingType", r);
                match (part, whole) {
                    (Some(part), Some(whole)) => Some(RuleTest::Share {
                        part,
                        whole,
                        must_reach,
                        must_not_reach,
                        by_housing_type,
                    }),
                    _ => None,
                }
            }
            "onTargetList" => Some(RuleTest::OnTargetList {}),
            "support" => Some(RuleTest::Support {
                tally: o.opt("tally", r),
                owners: o.opt("owners", r),
                households: o.opt("households", r),
                area: o.opt("area", r),
            }),
            "vote" => {
                let tally = o.opt("tally", r);
                match (o.req("quorum", r), o.req("majority", r)) {
                    (Some(quorum), Some(majority)) => Some(RuleTest::Vote {
                        tally,
                        quorum,
                        majority,
                    }),
                    _ => None,
                }
            }
            _ => o
                .req("share", r)
                .map(|share| RuleTest::MaintenanceFund { share }),
        };
        o.finish(r)?;
        test
    }
}
