//! Funding rules and benchmarks: who pays for which lines, in what proportions, on what
//! authority (policy, or an assumption borrowed from another jurisdiction), and the published
//! cost intensities.

use serde::Serialize;

use super::*;
use crate::input::read::{join, FromJson, Reader};
use crate::input::tree::Tree;
use crate::output::ToJson;
use crate::text::{Source, Text};

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
