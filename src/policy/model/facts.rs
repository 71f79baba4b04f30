//! A pack's own facts: the local conditions a jurisdiction's rules read (Panzhihua's
//! 市煤气总公司供气区域), declared with their kind, labels and help, and how they are read.

use serde::Serialize;

use crate::output::ToJson;
use crate::schema::Audience;
use crate::text::{Source, Text};

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

crate::json_enum!(LocalFactKind { "bool" => LocalFactKind::Bool, "count" => LocalFactKind::Count, "decimal" => LocalFactKind::Decimal, "choice" => LocalFactKind::Choice, "tally" => LocalFactKind::Tally });

crate::json_enum!(TallyUnit { "owners" => TallyUnit::Owners, "households" => TallyUnit::Households });

crate::json_enum!(Audience { "resident" => Audience::Resident, "official" => Audience::Official });

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
