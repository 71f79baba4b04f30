//! The policy pack: one jurisdiction's document turned into data.
//!
//! These types are the file format of `policies/*.json` (camelCase). A pack is deserialised
//! strictly (unknown fields are errors, so a typo in a pack cannot silently drop a rule) and then
//! checked by [`super::compile`], which knows the rules that serde cannot express.

use std::sync::Arc;

use crate::output::ToJson;
use serde::Serialize;

use crate::schema::{Audience, HousingType, LocationType};
use crate::text::{Source, Text};

/// A whole policy pack as stored in a file.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PolicyPack {
    /// Stable id, e.g. `sichuan-panzhihua-2018`. Lowercase letters, digits and `-`.
    pub id: String,
    /// Id of the pack whose rules this one inherits (normally `national`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The pack's name, zh/en: the plan's own title (攀枝花市老旧小区改造试点工作方案), as lists of
    /// policies name the pack.
    pub name: Text,
    /// The place whose rules these are (四川省攀枝花市), zh/en.
    pub jurisdiction: Text,
    /// Who issued the document (the city's general offices), zh/en, as the list of policies shows it.
    pub issuer: Text,
    /// The document the pack encodes: its number, date and standing, which the `document-status`
    /// warning the engine adds to every city pack judges.
    pub document: DocumentInfo,
    /// Ids of base-pack eligibility rules that do not apply under this pack.
    #[serde(default)]
    pub exclude_base_rules: Vec<String>,
    /// Eligibility rules; a rule with the id of a base rule replaces it.
    #[serde(default)]
    pub eligibility: Vec<Arc<RuleSpec>>,
    /// The standard renovation menu. Empty means "use the base pack's menu".
    #[serde(default)]
    pub menu: Arc<[MenuCategory]>,
    /// Funding rules; the first whose conditions match a line decides its split. Order tried:
    /// this pack's conditional rules; the base pack's conditional rules (skipped when this pack's
    /// catch-all is policy); this pack's catch-all; the base pack's catch-all.
    #[serde(default)]
    pub funding: Vec<Arc<FundingRule>>,
    /// Published cost intensities a resident can use when no plan price is known.
    #[serde(default)]
    pub benchmarks: Vec<Benchmark>,
    /// Free remarks shown with the pack (e.g. a draft's status, known data problems).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Facts of the compound that only this jurisdiction's rules use (a local condition such as
    /// Panzhihua's 市煤气总公司供气区域): declared here, read and labelled like the core's facts.
    #[serde(default)]
    pub facts: Vec<Arc<LocalFact>>,
    /// The compounds a document names as its targets (纳雍 三（一）'s 20, 攀枝花's annex 1), for the
    /// `onTargetList` test. Not inherited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Targets>,
}

/// A list of compounds named by a document.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Targets {
    /// Where the list is printed (document and clause or annex), named in the finding's sentence.
    pub source: Source,
    /// The compounds, each as the document writes it; a compound's `name` is matched against these.
    pub list: Vec<Target>,
}

/// One named compound. A name matches only exactly (after white space and full-width forms are
/// evened out): there is no fuzzy matching, so "沿河小区8号楼" is not "沿河小区7号楼".
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The name exactly as the document writes it.
    pub name: String,
    /// The district the document places the compound in, shown beside a match (never matched on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Other spellings that also match (not the document's words: say so in `note`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A remark shown when the name matches (e.g. a build year at odds with the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The type of a pack's own fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum LocalFactKind {
    /// A yes/no fact (`true`/`false`), tested by `flag`, `checklist` and a funding rule's `when`.
    Bool,
    /// A whole number (households, buildings), usable as a `share` test's part or whole.
    Count,
    /// A non-negative decimal (a number or a string such as `"1234.56"`, read exactly), usable in a
    /// `share` test.
    Decimal,
    /// One of the fact's declared `choices`, tested by `choiceIn`.
    Choice,
    /// A tally of a consultation or vote, read as an object (see [`TallyUnit`]).
    Tally,
}

/// What a tally fact counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum TallyUnit {
    /// Owners and their exclusive area: `{"owners": {total, voted, inFavour}, "area": {…}}`.
    Owners,
    /// Households: `{total, voted, inFavour}` (e.g. a 居民支持率 counted by household).
    Households,
}

/// One allowed value of a pack's own choice fact.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct LocalChoice {
    /// The value the estate gives (ascii letters, digits and `-`, at most 64), unique among the
    /// fact's choices.
    pub id: String,
    /// The choice as a form shows it, zh/en.
    pub label: Text,
}

/// A fact of the compound that this pack declares for itself.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct LocalFact {
    /// camelCase key, as the estate gives it (`cityGasCompanyArea`); must not be a core fact's.
    pub key: String,
    /// How the estate gives the fact, and so which tests may name it.
    pub kind: LocalFactKind,
    /// The question as a form asks it, zh/en.
    pub label: Text,
    /// What to answer, in plain words.
    pub help: Text,
    /// For a yes/no fact: the statement when it is true, and when it is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<Text>,
    /// The statement shown when the yes/no fact is false (see `yes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<Text>,
    /// For a choice fact: its allowed values, in the order a form lists them; empty for other kinds.
    #[serde(default)]
    pub choices: Vec<LocalChoice>,
    /// For a tally: what it counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<TallyUnit>,
    /// Who can answer it (a resident, or only the official preparing the plan), so a form asks the right person.
    pub audience: Audience,
    /// The clause that makes this fact matter, cited beside every finding that reads it.
    pub source: Source,
}

/// The document a pack encodes, as its citations name it; judged by the `document-status` warning.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    /// Document number, e.g. `纳府办函〔2022〕39号`; a draft without one gives its title.
    pub number: String,
    /// The document's full title, zh/en.
    pub title: Text,
    /// ISO date `YYYY-MM-DD` (or `YYYY` when the document gives only a year).
    pub date: String,
    /// The document's standing, judged by the `document-status` warning: a draft fails it, an
    /// `issued` document without a stated validity leaves it unknown.
    pub status: DocumentStatus,
    /// What the status means today, when a date or period makes it worth saying (e.g. a plan for
    /// 2018–2020 whose period has ended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_note: Option<Text>,
    /// The years the document's plan covers, when it says (`[2018, 2020]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Vec<i32>>,
    /// Further documents the pack draws on (e.g. Guizhou's provincial standard annexed to Nayong's).
    #[serde(default)]
    pub related: Vec<String>,
}

/// The standing of a document, as the `document-status` warning judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum DocumentStatus {
    /// Published, and the source states it is in force (现行有效).
    InForce,
    /// Published, but the source states no current validity (a plan whose targets ran out, a
    /// scraped text without a 有效性 field): results say so.
    Issued,
    /// 征求意见稿: results under it are indicative only.
    DraftForComment,
    /// National law or State Council guidance used as the base of city packs.
    National,
}

/// A remark the pack shows with its results: a draft's status, a known problem in the document's
/// figures, how its menu is to be used.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// The remark, zh/en.
    pub text: Text,
    /// Where the remark's facts come from.
    pub source: Source,
}

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

/// The three national tiers of 国办发〔2020〕23号 (基础类 / 完善类 / 提升类).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Tier {
    /// 基础类: what safety and basic living need (utilities, roads, roofs, outer walls, stairs …).
    Basic,
    /// 完善类: convenience and better living (surroundings, parking, energy saving, elevators …).
    Improvement,
    /// 提升类: richer community services (care for the old, childcare, health, fitness …).
    Upgrade,
}

/// One category of the standard menu (e.g. 基础类 or a city's 供水改造), with its items.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct MenuCategory {
    /// The category's id, unique in the pack; named by rules' `appliesTo` and funding rules' `categories`.
    pub id: String,
    /// The category's name as the document writes it, zh/en.
    pub name: Text,
    /// The national tier the category belongs to, when the document (or its place in the menu)
    /// says; a funding rule with `tiers` matches only lines of a category with a tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// The clause listing the category.
    pub source: Source,
    /// The items of the category, in the document's order.
    pub items: Vec<MenuItem>,
}

/// Unit in which an item's quantity is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// metres (pipes, walls, roads)
    Metre,
    /// square metres (roofs, façades, paving, greening)
    SquareMetre,
    /// households (一户一表 meters)
    Household,
    /// buildings
    Building,
    /// stairwell units (单元)
    Stairwell,
    /// pieces: lamps, bins, cameras, chargers
    Piece,
    /// elevators
    Elevator,
    /// parking spaces
    ParkingSpace,
    /// one lump sum for the compound
    Lump,
}

/// Metered networks whose pipes split at the meter (表（箱）前/后).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Pipeline {
    /// Water supply (供水).
    Water,
    /// Power supply (供电).
    Power,
    /// Gas (燃气).
    Gas,
    /// Telecommunications (通信).
    Telecom,
    /// Heating (供热).
    Heat,
}

/// One work a compound may choose, with the document's standard for it and its unit of quantity.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct MenuItem {
    /// The item's id, unique across the whole pack (`water-supply`, `add-elevator`); a scenario
    /// chooses items by it.
    pub id: String,
    /// The item's name, zh/en.
    pub name: Text,
    /// The 改造标准 / 内容 text: Chinese verbatim from the document, English a faithful rendering.
    pub standard: Text,
    /// The unit its quantity (and a plan's unit price) is counted in.
    pub unit: Unit,
    /// The metered network the item belongs to, if any: its lines split at the meter (segment
    /// `beforeMeter`/`afterMeter`) and may go to that network's utility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<Pipeline>,
    /// Elevator items are split between floors (see the elevator options of a scenario).
    #[serde(default)]
    pub elevator: bool,
    /// The clause listing the item and its standard.
    pub source: Source,
}

/// Where a share's number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// The document sets this figure.
    Policy,
    /// The document's words, applied through a labelled reading (「为主」 as more than half).
    Reading,
    /// No document sets it: a labelled, editable assumption.
    Assumption,
    /// The person's own figure (an edited share, a hardship waiver they entered).
    Edited,
}

impl Basis {
    /// The id results use (as serialised), for writers that do not go through serde.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Policy => "policy",
            Basis::Reading => "reading",
            Basis::Assumption => "assumption",
            Basis::Edited => "edited",
        }
    }

    /// The short word a table or an exported sheet shows for it, `(zh, en)`.
    pub fn word(self) -> (&'static str, &'static str) {
        match self {
            Basis::Policy => ("政策", "policy"),
            Basis::Reading => ("政策（解读）", "policy (reading)"),
            Basis::Assumption => ("假设", "assumption"),
            Basis::Edited => ("调整", "edited"),
        }
    }
}

/// Which money lines a funding rule covers. Every condition given must hold.
#[derive(Debug, Clone, Serialize, ToJson, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Applies {
    /// The metered networks a line's item must belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipelines: Option<Vec<Pipeline>>,
    /// The side of the meter the line must be on (表前 / 表后), for pipeline items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<crate::schema::Segment>,
    /// Menu category ids the line's item must be in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// Menu item ids the line must be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    /// Whether the line must (true) or must not (false) be an elevator item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevator: Option<bool>,
    /// Menu tiers (基础类 / 完善类 / 提升类) the line's category must belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<Tier>>,
    /// Whether the line is a metered pipeline item (表前/表后). A city's tier rule sets `false`,
    /// so that it does not take pipeline lines before the base pack's pipeline rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_line: Option<bool>,
    /// Yes/no facts of the compound (core or the pack's own) that must have these values, e.g.
    /// `{"cityGasCompanyArea": true}`. A fact not given does not match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Conditions>,
}

/// The `when` of a funding rule: fact key → required value, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(type = "Record<string, boolean>")
)]
pub struct Conditions(pub Vec<(String, bool)>);

impl crate::output::ToJson for Conditions {
    fn to_json(&self, w: &mut crate::output::Writer) {
        w.open_object();
        for (k, v) in &self.0 {
            w.key_text(k);
            crate::output::ToJson::to_json(v, w);
        }
        w.close_object();
    }
}

impl Serialize for Conditions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl FromJson for Conditions {
    fn read(v: &Tree, path: &str, r: &mut Reader) -> Option<Self> {
        let Tree::Object(map) = v else {
            return r.wrong_type(path, "an object of yes/no facts", v);
        };
        let before = r.count();
        let mut out = Vec::with_capacity(map.len());
        for (k, val) in map {
            match val {
                Tree::Bool(b) => out.push((k.to_string(), *b)),
                other => {
                    r.wrong_type::<()>(&join(path, k), "true or false", other);
                }
            }
        }
        (r.count() == before).then_some(Conditions(out))
    }
}

/// One party's weight in a split. Weights are relative (5, 4, 1 or 0.8, 0.2).
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct ShareSpec {
    /// A [`crate::party::Party`] id, or `pipelineUtility` for the utility owning the line's pipeline.
    pub party: String,
    /// A non-negative decimal or fraction, as a string. Absent for an `unset` share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// A payer the document names without giving a share: shown at 0.00 with "share not set by
    /// the document: enter it", never given an invented figure.
    #[serde(default)]
    pub unset: bool,
}

/// Who pays for the lines it covers, in what proportions, and on what authority.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct FundingRule {
    /// The rule's id, unique in the pack; a base rule with the same id is dropped for this one, which
    /// is tried where this pack's own rules are.
    pub id: String,
    /// What the rule covers, as a sentence in results ("pipelines after the meter").
    pub label: Text,
    /// The lines the rule covers; empty (`{}`) is the catch-all, tried after conditional rules.
    pub applies: Applies,
    /// The parties and their relative weights; a line's amount is split in these proportions to the fen.
    pub shares: Vec<ShareSpec>,
    /// Whether the document sets the split, sets it through a reading, or the pack assumes it.
    pub basis: Basis,
    /// Why this split: the clause's words for policy, the reasoning for an assumption.
    pub why: Text,
    /// The clause that states the split (for a borrowed ratio, the pack's own clause that leaves it open).
    pub source: Source,
    /// Set when the ratio is another jurisdiction's, borrowed as an assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borrowed: Option<Borrowed>,
    /// How a policy rule applies the document's words to these lines, when that is a reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
}

/// How a benchmark intensity scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum BenchmarkBasis {
    /// 元 per household: multiplied by the compound's `households`.
    PerHousehold,
    /// 元 per square metre: multiplied by the compound's floor area.
    PerSquareMetre,
}

/// A published cost intensity (元 per household or per m²) for an estimate without plan prices.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Benchmark {
    /// The benchmark's id, unique in the pack; a base pack's benchmark with the same id is not inherited.
    pub id: String,
    /// What the figure is, zh/en (e.g. the city's average cost per household in its plan).
    pub label: Text,
    /// Whether the amount is per household or per m².
    pub basis: BenchmarkBasis,
    /// 元 per household or per m², as a decimal string.
    pub amount: String,
    /// How the figure was obtained (e.g. 25,765.5万元 ÷ 13,785 households).
    pub derivation: Text,
    /// The clause or table the figure is derived from.
    pub source: Source,
}

// ---- reading packs (see `input::read` for why this is hand-written) ----------------------------

use crate::error::Error;
use crate::input::read::{join, FromJson, Obj, Reader};
use crate::input::tree::Tree;

crate::json_enum!(DocumentStatus { "inForce" => DocumentStatus::InForce, "issued" => DocumentStatus::Issued, "draftForComment" => DocumentStatus::DraftForComment, "national" => DocumentStatus::National });
crate::json_enum!(Role { "decisive" => Role::Decisive, "advisory" => Role::Advisory, "warning" => Role::Warning });
crate::json_enum!(RuleBasis { "policy" => RuleBasis::Policy, "law" => RuleBasis::Law, "assumption" => RuleBasis::Assumption });
crate::json_struct!(ItemScope { items: opt "items", categories: opt "categories", elevator: default "elevator" });
crate::json_enum!(LocalFactKind { "bool" => LocalFactKind::Bool, "count" => LocalFactKind::Count, "decimal" => LocalFactKind::Decimal, "choice" => LocalFactKind::Choice, "tally" => LocalFactKind::Tally });
crate::json_enum!(TallyUnit { "owners" => TallyUnit::Owners, "households" => TallyUnit::Households });
crate::json_enum!(Audience { "resident" => Audience::Resident, "official" => Audience::Official });
crate::json_enum!(Tier { "basic" => Tier::Basic, "improvement" => Tier::Improvement, "upgrade" => Tier::Upgrade });
crate::json_enum!(Unit {
    "metre" => Unit::Metre,
    "squareMetre" => Unit::SquareMetre,
    "household" => Unit::Household,
    "building" => Unit::Building,
    "stairwell" => Unit::Stairwell,
    "piece" => Unit::Piece,
    "elevator" => Unit::Elevator,
    "parkingSpace" => Unit::ParkingSpace,
    "lump" => Unit::Lump,
});
crate::json_enum!(Pipeline { "water" => Pipeline::Water, "power" => Pipeline::Power, "gas" => Pipeline::Gas, "telecom" => Pipeline::Telecom, "heat" => Pipeline::Heat });
crate::json_enum!(Basis { "policy" => Basis::Policy, "assumption" => Basis::Assumption });

/// Where a funding rule's ratio is borrowed from, when it is another jurisdiction's.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Borrowed {
    /// The pack whose document sets the ratio (`sichuan-panzhihua-2018`).
    pub pack: String,
    /// That jurisdiction's name, for "whose ratio" sentences.
    pub jurisdiction: Text,
    /// The other pack's clause that sets the ratio; its `document` must be that pack's document number.
    pub source: Source,
}
crate::json_struct!(Borrowed { pack: req "pack", jurisdiction: req "jurisdiction", source: req "source" });
crate::json_enum!(BenchmarkBasis { "perHousehold" => BenchmarkBasis::PerHousehold, "perSquareMetre" => BenchmarkBasis::PerSquareMetre });

crate::json_struct!(PolicyPack {
    id: req "id",
    base: opt "base",
    name: req "name",
    jurisdiction: req "jurisdiction",
    issuer: req "issuer",
    document: req "document",
    exclude_base_rules: list "excludeBaseRules",
    eligibility: list "eligibility",
    menu: default "menu",
    funding: list "funding",
    benchmarks: list "benchmarks",
    notes: list "notes",
    facts: list "facts",
    targets: opt "targets",
});
crate::json_struct!(Targets { source: req "source", list: req "list" });
crate::json_struct!(Target { name: req "name", district: opt "district", aliases: list "aliases", note: opt "note" });
crate::json_struct!(CheckItem { fact: req "fact", required: req "required", label: req "label" });
crate::json_struct!(LocalChoice { id: req "id", label: req "label" });
crate::json_struct!(LocalFact {
    key: req "key",
    kind: req "kind",
    label: req "label",
    help: req "help",
    yes: opt "yes",
    no: opt "no",
    choices: list "choices",
    counts: opt "counts",
    audience: req "audience",
    source: req "source",
});
crate::json_struct!(DocumentInfo {
    number: req "number",
    title: req "title",
    date: req "date",
    status: req "status",
    status_note: opt "statusNote",
    period: opt "period",
    related: list "related",
});
crate::json_struct!(Note { text: req "text", source: req "source" });
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
crate::json_struct!(MenuCategory { id: req "id", name: req "name", tier: opt "tier", source: req "source", items: req "items" });
crate::json_struct!(MenuItem {
    id: req "id",
    name: req "name",
    standard: req "standard",
    unit: req "unit",
    pipeline: opt "pipeline",
    elevator: default "elevator",
    source: req "source",
});
crate::json_struct!(Applies {
    pipelines: opt "pipelines",
    segment: opt "segment",
    categories: opt "categories",
    items: opt "items",
    elevator: opt "elevator",
    tiers: opt "tiers",
    pipeline_line: opt "pipelineLine",
    when: opt "when",
});
crate::json_struct!(ShareSpec { party: req "party", weight: opt "weight", unset: default "unset" });
crate::json_struct!(FundingRule {
    id: req "id",
    label: req "label",
    applies: req "applies",
    shares: req "shares",
    basis: req "basis",
    why: req "why",
    source: req "source",
    borrowed: opt "borrowed",
    reading: opt "reading",
});
crate::json_struct!(Benchmark { id: req "id", label: req "label", basis: req "basis", amount: req "amount", derivation: req "derivation", source: req "source" });

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
        let known = KINDS.split(", ").any(|k| k == kind);
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
