//! Costing and cost sharing: what the chosen items cost and who pays what.
//!
//! Each line's exact amount (quantity × unit price, or a lump sum) is matched to the pack's first
//! applicable funding rule; the exact total is rounded once to the fen and split into lines and
//! parties in whole fen (see [`crate::money`]), so every part adds up to its line and the total.

mod elevator;
mod household;
mod lines;
mod split;

use serde::Serialize;

use crate::error::Error;
use crate::money::Fen;
use crate::party::Party;
use crate::policy::model::{Basis, BenchmarkBasis, DocumentStatus, Unit};
use crate::policy::ResolvedPack;
use crate::scenario::{ElevatorMethod, Scenario, Segment};
use crate::text::{Source, Text};

pub use elevator::{ElevatorSplit, FloorShare};
pub use household::HouseholdBill;

/// One party's part of one line.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LineShare {
    pub party: Party,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub amount: Fen,
    /// The party's exact share of the line, as a fraction ("5/10").
    pub fraction: String,
    pub basis: Basis,
    pub why: Text,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// Menu item id (or `benchmark:<id>` for a benchmark-only estimate).
    pub item: String,
    pub name: Text,
    pub category: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unit: Option<Unit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub quantity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unit_price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub segment: Option<Segment>,
    /// The amount before rounding (元), exactly as entered or multiplied.
    pub exact_amount: String,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub amount: Fen,
    /// Id of the funding rule that split this line.
    pub funding_rule: String,
    pub funding_label: Text,
    pub shares: Vec<LineShare>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PartyTotal {
    pub party: Party,
    pub name: Text,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub amount: Fen,
    /// `assumption` if any part of this amount rests on an assumption.
    pub basis: Basis,
}

/// A funding rule used in this estimate whose figures are assumptions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AssumptionUsed {
    pub rule: String,
    pub label: Text,
    pub why: Text,
    pub source: Source,
    /// The shares as used, e.g. `[{party: "central", weight: "5"}, …]`.
    pub shares: Vec<WeightOut>,
    /// True when the person changed this rule's shares in the scenario.
    pub edited: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WeightOut {
    pub party: String,
    pub weight: String,
}

/// A published cost intensity applied to this compound.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkEstimate {
    pub id: String,
    pub label: Text,
    pub basis: BenchmarkBasis,
    /// 元 per household or per m².
    pub intensity: String,
    /// Intensity × households (or × floor area), when those are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string"))]
    pub amount: Option<Fen>,
    pub derivation: Text,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    pub policy: String,
    pub content_hash: String,
    pub status: DocumentStatus,
    /// The one rounding strategy used (see `money::ROUNDING`).
    pub rounding: &'static str,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub total: Fen,
    pub lines: Vec<Line>,
    /// Totals per party, in the fixed party order, parties with nothing to pay left out.
    pub shares: Vec<PartyTotal>,
    /// Total ÷ households, rounded half up to the fen (an indicator, not a share).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "string"))]
    pub per_household: Option<Fen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub benchmark: Option<BenchmarkEstimate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub elevator: Option<ElevatorSplit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub household: Option<HouseholdBill>,
    pub assumptions: Vec<AssumptionUsed>,
    /// Remarks the reader must see (draft document, split methods assumed, missing figures).
    pub notes: Vec<Text>,
}

/// Costs and splits a scenario under a pack.
pub fn estimate(pack: &ResolvedPack, scenario: &Scenario) -> Result<Estimate, Vec<Error>> {
    let problems = scenario.check();
    if !problems.is_empty() {
        return Err(problems);
    }
    let rules = split::effective_rules(pack, &scenario.funding_overrides)?;
    let benchmark = lines::benchmark(pack, scenario)?;
    let exact = lines::exact_lines(pack, scenario, benchmark.as_ref(), &rules)?;
    let waiver = split::waiver_fraction(scenario).map_err(|e| vec![e])?;
    let computed = split::split(&exact, &rules, waiver.as_ref()).map_err(|e| vec![e])?;

    let mut notes = Vec::new();
    if pack.pack.document.status == DocumentStatus::DraftForComment {
        notes.push(Text::new(
            "依据的是征求意见稿，尚未正式施行：结果仅供参考",
            "Based on a draft for comment, not in force: results are indicative only",
        ));
    }
    let households = scenario.estate.households.map(|h| h.0).filter(|h| *h > 0);
    let per_household = match households {
        Some(h) => Some(split::divide_half_up(computed.total, h).map_err(|e| vec![e])?),
        None => None,
    };
    let elevator = match &scenario.elevator {
        Some(spec) => Some(
            elevator::split_floors(spec, computed.residents_elevator_before_waiver)
                .map_err(|e| vec![e])?,
        ),
        None => None,
    };
    if elevator.is_none() && exact.iter().any(|l| l.elevator) {
        notes.push(Text::new(
            "有电梯项目但未设置楼层分摊方法：居民部分未按楼层分摊",
            "Elevator items are costed but no floor split was given: the residents' part is not divided by floor",
        ));
    }
    if let Some(e) = &elevator {
        if e.method != ElevatorMethod::Area {
            notes.push(Text::new(
                "电梯费用按所选方法在楼层间分摊；无约定时民法典第二百八十三条按专有部分面积比例分担",
                "Elevator costs are split between floors by the chosen method; without an agreement, Civil Code art. 283 splits by exclusive area",
            ));
        }
    }
    let household =
        household::bill(scenario, &computed, elevator.as_ref(), &mut notes).map_err(|e| vec![e])?;
    Ok(Estimate {
        policy: pack.id().to_string(),
        content_hash: pack.content_hash.clone(),
        status: pack.pack.document.status,
        rounding: crate::money::ROUNDING,
        total: computed.total,
        shares: computed.party_totals(),
        assumptions: split::assumptions_used(&exact, &rules),
        lines: computed.lines,
        per_household,
        benchmark,
        elevator,
        household,
        notes,
    })
}
