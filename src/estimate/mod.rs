//! Costing and cost sharing: what the chosen items cost and who pays what.
//!
//! Each line's exact amount (quantity × unit price, or a lump sum) is matched to the pack's first
//! applicable funding rule; the exact total is rounded once to the fen and split into lines and
//! parties in whole fen (see [`crate::money`]), so every part adds up to its line and the total.
//! Results carry ids, amounts and exact fractions; their sentences are made on request.

mod elevator;
mod household;
pub(crate) mod lines;
pub(crate) mod split;

use crate::output::ToJson;
use serde::Serialize;

use crate::eligibility::{pack_refs, Chosen, Finding, FindingRole, ItemVerdict, Num, PackRef};
use crate::error::Error;
use crate::money::Fen;
use crate::party::Party;
use crate::policy::model::{Basis, BenchmarkBasis, DocumentStatus, Unit};
use crate::policy::ResolvedPack;
use crate::scenario::Scenario;
use crate::schema::{ElevatorMethod, Segment};
use crate::texts::{Langs, Texts};

pub use crate::texts::estimate::{AssumptionText, BenchmarkText, EstimateText, LineText};
pub use elevator::{ElevatorSplit, FloorShare};
pub use household::{HouseholdBill, SharedMethod};

/// Where a share comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ShareOrigin {
    /// The line's funding rule.
    FundingRule,
    /// The hardship waiver the person entered.
    Waiver,
}

/// One party's part of one line.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct LineShare {
    /// The payer.
    pub party: Party,
    /// Its part of the line in whole fen (written as 元 with two decimals); the parts of a line add
    /// up to the line's amount exactly.
    pub amount: Fen,
    /// The party's exact share of the line, as a fraction ("5/10").
    pub fraction: String,
    /// `policy`, `assumption`, or `edited` (the person's own figure).
    pub basis: Basis,
    /// Whether the line's funding rule or the hardship waiver gave this part.
    pub origin: ShareOrigin,
    /// A payer the document names without a share: 0.00 here, to be entered (never invented).
    #[serde(default)]
    pub unset: bool,
}

/// One costed line.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Line<'p> {
    /// Menu item id (absent for a benchmark-only estimate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<&'p str>,
    /// Menu category id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'p str>,
    /// The benchmark id, for a line costed from a benchmark alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<&'p str>,
    /// The unit of the item's quantity, from the menu.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// The quantity entered, in `unit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Num>,
    /// The unit price entered, in 元 per `unit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Num>,
    /// The side of the meter, for a pipeline item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
    /// The amount before rounding (元), exactly as entered or multiplied.
    pub exact_amount: Num,
    /// The line's part of the rounded total, in whole fen: the lines add up to the total exactly.
    pub amount: Fen,
    /// Id of the funding rule that split this line.
    pub funding_rule: &'p str,
    /// The rule's basis as used: `edited` when the person gave its shares.
    pub basis: Basis,
    /// The pack whose document the ratio is borrowed from, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borrowed: Option<&'p str>,
    /// Each paying party's part, in the funding rule's order (a waiver's payer after them, parts
    /// of 0 left out), then the payers the document names without a share, at 0.00.
    pub shares: Vec<LineShare>,
    /// The line's sentences (item, rule, why) in the languages asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<LineText<'p>>>,
}

/// One party's total.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PartyTotal {
    /// The payer.
    pub party: Party,
    /// Its parts of every line added up, in fen.
    pub amount: Fen,
    /// `assumption` if any part of this amount rests on an assumption or the person's figures.
    pub basis: Basis,
    /// Named by a document as a payer, with no share set anywhere: 0.00, to be entered.
    #[serde(default)]
    pub unset: bool,
    /// The party's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<&'static str>>,
}

/// A funding rule used in this estimate whose figures are not the document's own.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct AssumptionUsed<'p> {
    /// The funding rule's id.
    pub rule: &'p str,
    /// True when the person changed this rule's shares.
    pub edited: bool,
    /// The pack whose ratio this is, when borrowed from another jurisdiction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borrowed_from: Option<&'p str>,
    /// The shares as used.
    pub shares: Vec<WeightOut>,
    /// Why the figures are not the document's own, in the languages asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<AssumptionText<'p>>>,
}

/// A party's weight in a rule as used.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct WeightOut {
    /// The party id (or `pipelineUtility`).
    pub party: &'static str,
    /// Its relative weight as used, as written (`"5"`, `"0.8"`, `"1/3"`).
    pub weight: String,
}

/// A published cost intensity applied to this compound.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkEstimate<'p> {
    /// The benchmark's id in the pack.
    pub id: &'p str,
    /// Whether the intensity is per household or per m².
    pub basis: BenchmarkBasis,
    /// 元 per household or per m².
    pub intensity: &'p str,
    /// Intensity × households (or × floor area), when those are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Fen>,
    /// What the benchmark is and how it was derived, in the languages asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<BenchmarkText<'p>>>,
}

/// A remark the reader of an estimate must see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "code")]
pub enum EstimateNote<'p> {
    /// The document is a draft for comment: indicative only.
    DraftDocument,
    /// Elevator items are costed, but no floor split was given.
    ElevatorNotSplit,
    /// The floor split uses a method the person chose (民法典 283 splits by area by default).
    ElevatorMethodChosen {
        /// The method chosen (anything but `area`).
        method: ElevatorMethod,
    },
    /// The household's share of common lines is split equally (an assumption).
    HouseholdSharedEqually,
    /// The household's bill needs households, or both areas.
    HouseholdNeedsFigures,
    /// The household's bill leaves out the elevator part, and why.
    HouseholdElevatorLeftOut {
        /// Why it is left out.
        reason: ElevatorLeftOut,
    },
    /// A funding rule was skipped because a fact it depends on is not given.
    ConditionUnknown {
        /// The key of the fact not given (`cityGasCompanyArea`).
        fact: &'p str,
        /// The id of the funding rule skipped.
        rule: &'p str,
    },
    /// A ratio comes from another jurisdiction's document.
    BorrowedRatio {
        /// The id of the funding rule whose ratio is borrowed.
        rule: &'p str,
        /// The id of the pack whose document sets the ratio.
        from: &'p str,
    },
    /// A rule names payers without a share: they are shown at 0.00, to be entered.
    ShareNotSet {
        /// The id of the funding rule.
        rule: &'p str,
        /// The payers it names without a share, in the rule's order.
        parties: Vec<Party>,
    },
    /// The document was published, but its source states no current validity.
    NoStatedValidity,
    /// The document's plan period ended before the day asked about.
    PeriodEnded {
        /// The last year of the document's plan period.
        last_year: i32,
    },
}

/// Why a household's bill has no elevator part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ElevatorLeftOut {
    /// No floor split was given (the residents' elevator part is not divided by floor).
    NoFloorSplit,
    /// The household's floor was not given.
    NoFloor,
}

/// The cost of the chosen works and who pays what.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Estimate<'p> {
    /// The id of the pack the estimate ran under.
    pub policy: &'p str,
    /// The exact texts used: this pack and its bases, with their SHA-256.
    pub packs: Vec<PackRef<'p>>,
    /// The standing of the pack's document (a draft's figures are indicative only).
    pub status: DocumentStatus,
    /// The one rounding strategy used (see `money::ROUNDING`).
    pub rounding: &'static str,
    /// The total of the lines, rounded once to the fen (half up).
    pub total: Fen,
    /// The costed lines, one per chosen item (or one for a benchmark-only estimate), in the order chosen.
    pub lines: Vec<Line<'p>>,
    /// Totals per party, in the fixed party order, parties with nothing to pay left out.
    pub shares: Vec<PartyTotal>,
    /// Total ÷ households, rounded half up to the fen (an indicator, not a share).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_household: Option<Fen>,
    /// The benchmark applied, when the scenario names one: without items it is costed as one line
    /// under the catch-all rule; with items it stands beside them for comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<BenchmarkEstimate<'p>>,
    /// How the residents' part of elevator lines divides between floors, when floors were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elevator: Option<ElevatorSplit>,
    /// What one household pays, when the scenario describes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub household: Option<HouseholdBill>,
    /// Each funding rule used whose figures are an assumption, borrowed or edited, once.
    pub assumptions: Vec<AssumptionUsed<'p>>,
    /// Rules that the chosen items make apply (e.g. the owners' vote for adding an elevator).
    pub consent: Vec<Finding<'p>>,
    /// Whether each chosen item those rules decide may go ahead.
    pub items: Vec<ItemVerdict<'p>>,
    /// Remarks the reader must see (draft document, borrowed ratio, unset shares …).
    pub notes: Vec<EstimateNote<'p>>,
    /// The summary sentences in the languages asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Texts<EstimateText>>,
}

/// Costs and splits a scenario under a pack, without texts.
pub fn estimate<'p>(
    pack: &'p ResolvedPack,
    scenario: &Scenario,
) -> Result<Estimate<'p>, Vec<Error>> {
    estimate_with(pack, scenario, Langs::None)
}

/// Costs and splits a scenario under a pack, with texts in `langs`.
pub fn estimate_with<'p>(
    pack: &'p ResolvedPack,
    scenario: &Scenario,
    langs: Langs,
) -> Result<Estimate<'p>, Vec<Error>> {
    let mut notes = Vec::new();
    let document = &pack.pack.document;
    match document.status {
        DocumentStatus::DraftForComment => notes.push(EstimateNote::DraftDocument),
        DocumentStatus::Issued => notes.push(EstimateNote::NoStatedValidity),
        _ => {}
    }
    let last_year = document.period.as_ref().and_then(|p| p.last().copied());
    if let (Some(y), Some(d)) = (last_year, scenario.as_of) {
        if d.year > y {
            notes.push(EstimateNote::PeriodEnded { last_year: y });
        }
    }
    let rules = split::effective_rules(pack, &scenario.funding_overrides)?;
    let benchmark = lines::benchmark(pack, scenario)?;
    let exact = lines::exact_lines(pack, scenario, benchmark.as_ref(), &rules, &mut notes)?;
    let waiver = split::waiver_fraction(scenario).map_err(|e| vec![e])?;
    let computed = split::split(&exact, &rules, waiver.as_ref()).map_err(|e| vec![e])?;

    let households = scenario.estate.households().filter(|h| *h > 0);
    let per_household = match households {
        Some(h) => Some(split::divide_half_up(computed.total, h).map_err(|e| vec![e])?),
        None => None,
    };
    let has_elevator = exact.iter().any(|l| l.elevator());
    let elevator = match &scenario.elevator {
        Some(spec) => Some(
            elevator::split_floors(spec, computed.residents_elevator_before_waiver)
                .map_err(|e| vec![e])?,
        ),
        None => None,
    };
    if elevator.is_none() && has_elevator {
        notes.push(EstimateNote::ElevatorNotSplit);
    }
    if let Some(e) = &elevator {
        if e.method != ElevatorMethod::Area {
            notes.push(EstimateNote::ElevatorMethodChosen { method: e.method });
        }
    }
    let household = household::bill(
        scenario,
        &computed,
        elevator.as_ref(),
        has_elevator,
        &mut notes,
    )
    .map_err(|e| vec![e])?;
    let assumptions = split::assumptions_used(&exact, &rules);
    for a in &assumptions {
        if let Some(from) = a.borrowed_from {
            notes.push(EstimateNote::BorrowedRatio { rule: a.rule, from });
        }
    }
    for l in &computed.lines {
        let parties: Vec<Party> = l
            .shares
            .iter()
            .filter(|s| s.unset)
            .map(|s| s.party)
            .collect();
        let seen = notes.iter().any(
            |n| matches!(n, EstimateNote::ShareNotSet { rule, .. } if *rule == l.funding_rule),
        );
        if !parties.is_empty() && !seen {
            notes.push(EstimateNote::ShareNotSet {
                rule: l.funding_rule,
                parties,
            });
        }
    }
    // Rules that apply because of the chosen items (e.g. the vote for adding an elevator).
    let chosen: Vec<(&str, &str, bool)> = exact
        .iter()
        .filter_map(|l| {
            l.item
                .map(|(c, i)| (i.id.as_str(), c.id.as_str(), i.elevator))
        })
        .collect();
    let (consent, items) = if pack.rules.iter().any(|r| r.spec.applies_to.is_some()) {
        let ctx = Chosen {
            items: &chosen,
            as_of: scenario.as_of,
        };
        let check = crate::eligibility::check_with(pack, &scenario.estate, ctx, langs);
        let consent = check
            .findings
            .into_iter()
            .filter(|f| f.role == FindingRole::Item)
            .collect();
        (consent, check.items)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut result = Estimate {
        policy: pack.id(),
        packs: pack_refs(pack),
        status: pack.pack.document.status,
        rounding: crate::money::ROUNDING,
        total: computed.total,
        shares: computed.party_totals().map_err(|e| vec![e])?,
        assumptions,
        lines: computed.lines,
        per_household,
        benchmark,
        elevator,
        household,
        consent,
        items,
        notes,
        texts: None,
    };
    if langs.any() {
        crate::texts::estimate::fill(pack, &mut result, langs);
    }
    Ok(result)
}
