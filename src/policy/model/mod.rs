//! The policy pack: one jurisdiction's document turned into data.
//!
//! These types are the file format of `policies/*.json` (camelCase). A pack is deserialised
//! strictly (unknown fields are errors, so a typo in a pack cannot silently drop a rule) and then
//! checked by [`super::compile`], which knows the rules that serde cannot express.
//!
//! Each file holds its types with their readers (`json_struct!`, `json_enum!`; hand-written, see
//! `input::read` for why): this one the pack and its document, `rules` the eligibility rules,
//! `menu` the renovation menu, `funding` the funding rules and benchmarks, `facts` a pack's own
//! facts.

mod facts;
mod funding;
mod menu;
mod rules;

pub use facts::*;
pub use funding::*;
pub use menu::*;
pub use rules::*;

use std::sync::Arc;

use serde::Serialize;

use crate::output::ToJson;
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

crate::json_enum!(DocumentStatus { "inForce" => DocumentStatus::InForce, "issued" => DocumentStatus::Issued, "draftForComment" => DocumentStatus::DraftForComment, "national" => DocumentStatus::National });

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
