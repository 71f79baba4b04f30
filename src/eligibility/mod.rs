//! Is a compound eligible under a pack, and why (or why not)?
//!
//! Each rule yields one finding — pass, fail or unknown — with a message in both languages, its
//! citation and, when unknown, the fields that would settle it. Decisive rules make the verdict;
//! warnings (a draft document, a thin maintenance fund) are reported beside it.

mod consent;
mod facts;

use serde::Serialize;

use crate::estate::Estate;
use crate::policy::model::{Basis, DocumentStatus, Severity};
use crate::policy::{CompiledRule, CompiledTest, ResolvedPack};
use crate::text::{Source, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Eligible,
    Ineligible,
    /// No decisive rule fails, but some cannot be decided from what was given.
    Undetermined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

/// How far a consent or vote is from passing, given the figures entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// More owners in favour needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub owners: Option<u64>,
    /// More m² of exclusive area in favour needed (rounded up to 0.01 m²).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub area: Option<String>,
    /// More owners taking part in the vote needed (quorum).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub participating_owners: Option<u64>,
    /// More m² taking part in the vote needed (quorum).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub participating_area: Option<String>,
    /// More 元 in the maintenance fund needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub fund: Option<String>,
}

impl Gap {
    fn is_empty(&self) -> bool {
        *self == Gap::default()
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: String,
    pub label: Text,
    pub outcome: Outcome,
    pub severity: Severity,
    pub message: Text,
    pub source: Source,
    /// `assumption` when the figure tested is not set by the document (see `assumption`).
    pub basis: Basis,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub assumption: Option<Text>,
    /// Fields that would settle an `unknown`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub provide: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub gap: Option<Gap>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    pub policy: String,
    pub content_hash: String,
    pub verdict: Verdict,
    /// One per decisive rule, in the pack's order.
    pub findings: Vec<Finding>,
    /// Findings that do not decide the verdict.
    pub warnings: Vec<Finding>,
    /// Every field named by an unknown finding, once.
    pub to_provide: Vec<String>,
}

/// What one rule concluded, before it is dressed with the rule's label and citation.
pub(crate) struct Judgement {
    pub outcome: Outcome,
    pub message: Text,
    pub provide: Vec<String>,
    pub gap: Option<Gap>,
}

impl Judgement {
    pub fn new(outcome: Outcome, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Judgement {
            outcome,
            message: Text::new(zh, en),
            provide: Vec::new(),
            gap: None,
        }
    }
    pub fn unknown(fields: &[&str], zh: impl Into<String>, en: impl Into<String>) -> Self {
        Judgement {
            outcome: Outcome::Unknown,
            message: Text::new(zh, en),
            provide: fields.iter().map(|f| f.to_string()).collect(),
            gap: None,
        }
    }
}

/// Checks an estate against every rule of a pack.
pub fn check(pack: &ResolvedPack, estate: &Estate) -> Eligibility {
    let mut findings = Vec::new();
    let mut warnings = Vec::new();
    if pack.pack.document.status == DocumentStatus::DraftForComment {
        warnings.push(draft_warning(pack));
    }
    for rule in &pack.rules {
        let f = finding(rule, judge(&rule.test, &rule.spec.label, estate));
        match rule.spec.severity {
            Severity::Decisive => findings.push(f),
            Severity::Warning => warnings.push(f),
        }
    }
    let verdict = if findings.iter().any(|f| f.outcome == Outcome::Fail) {
        Verdict::Ineligible
    } else if findings.iter().any(|f| f.outcome == Outcome::Unknown) {
        Verdict::Undetermined
    } else {
        Verdict::Eligible
    };
    let mut to_provide: Vec<String> = Vec::new();
    for f in findings
        .iter()
        .chain(&warnings)
        .filter(|f| f.outcome == Outcome::Unknown)
    {
        for p in &f.provide {
            if !to_provide.contains(p) {
                to_provide.push(p.clone());
            }
        }
    }
    Eligibility {
        policy: pack.id().to_string(),
        content_hash: pack.content_hash.clone(),
        verdict,
        findings,
        warnings,
        to_provide,
    }
}

fn finding(rule: &CompiledRule, j: Judgement) -> Finding {
    Finding {
        rule: rule.spec.id.clone(),
        label: rule.spec.label.clone(),
        outcome: j.outcome,
        severity: rule.spec.severity,
        message: j.message,
        source: rule.spec.source.clone(),
        basis: if rule.spec.assumption.is_some() {
            Basis::Assumption
        } else {
            Basis::Policy
        },
        assumption: rule.spec.assumption.clone(),
        provide: j.provide,
        // Kept on a pass too: "0 more owners needed" is the answer a person checking asks for.
        gap: j.gap.filter(|g| !g.is_empty()),
    }
}

fn judge(test: &CompiledTest, label: &Text, e: &Estate) -> Judgement {
    match test {
        CompiledTest::BuiltBy { year, inclusive } => facts::built_by(*year, *inclusive, label, e),
        CompiledTest::LocationIn(allowed) => facts::location(allowed, label, e),
        CompiledTest::HousingTypeIn(allowed) => facts::housing(allowed, true, label, e),
        CompiledTest::HousingTypeNotIn(excluded) => facts::housing(excluded, false, label, e),
        CompiledTest::Flag { flag, required } => facts::flag(*flag, *required, label, e),
        CompiledTest::Support { owners, area } => consent::support(*owners, *area, label, e),
        CompiledTest::Vote { quorum, majority } => consent::vote(*quorum, *majority, label, e),
        CompiledTest::MaintenanceFund { share } => consent::maintenance_fund(*share, label, e),
    }
}

fn draft_warning(pack: &ResolvedPack) -> Finding {
    let d = &pack.pack.document;
    Finding {
        rule: "document-status".into(),
        label: Text::new("文件效力：正式施行", "Document status: in force"),
        outcome: Outcome::Fail,
        severity: Severity::Warning,
        message: Text::new(
            format!("《{}》是征求意见稿，尚未正式施行：以下结果仅供参考", d.title.zh),
            format!("\"{}\" is a draft for comment, not in force: the results below are indicative only", d.title.en),
        ),
        source: Source { document: d.number.clone(), clause: "（征求意见稿）".into(), quote: None },
        basis: Basis::Policy,
        assumption: None,
        provide: Vec::new(),
        gap: None,
    }
}
