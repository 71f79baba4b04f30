//! The sentences of an estimate: line names, why each split, the assumptions and notes.

use std::borrow::Cow;

use crate::output::ToJson;
use serde::Serialize;

use super::{Langs, Texts};
use crate::estimate::{ElevatorLeftOut, Estimate, EstimateNote, Line};
use crate::policy::model::{Basis, FundingRule};
use crate::policy::ResolvedPack;
use crate::text::{Source, Text};

/// A line in words.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct LineText<'p> {
    /// The item's name as the pack's menu gives it, in this language.
    pub name: &'p str,
    /// The name of the item's menu category, in this language.
    pub category: &'p str,
    /// The funding rule as the document (or the assumption) puts it.
    pub funding_label: Cow<'p, str>,
    /// Why this split: the clause's words, the assumption's reasoning, or that the person set it.
    pub why: Cow<'p, str>,
    /// The clause the funding rule cites.
    pub source: &'p Source,
    /// How the rule reads the document's words for this line, when that is a reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<&'p str>,
    /// The payers named without a share, in words, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unset: Option<String>,
    /// The hardship waiver on this line, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

/// An assumption in words.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct AssumptionText<'p> {
    /// The funding rule's label, in this language.
    pub label: &'p str,
    /// Why its figures are not the document's: the assumption's reasoning, or that the person set them.
    pub why: Cow<'p, str>,
    /// The clause the rule cites.
    pub source: &'p Source,
    /// Whose ratio this is, when borrowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borrowed: Option<String>,
}

/// A benchmark in words.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkText<'p> {
    /// What the benchmark is, in this language.
    pub label: &'p str,
    /// How the figure was obtained (e.g. 25,765.5万元 ÷ 13,785 households).
    pub derivation: &'p str,
    /// The clause or table the figure comes from.
    pub source: &'p Source,
}

/// The estimate's remarks in words.
#[derive(Debug, Clone, Serialize, ToJson)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct EstimateText {
    /// One sentence per note, in order.
    pub notes: Vec<String>,
}

fn pick(t: &Text, zh: bool) -> &str {
    if zh {
        &t.zh
    } else {
        &t.en
    }
}

fn rule<'p>(pack: &'p ResolvedPack, id: &str) -> Option<&'p FundingRule> {
    pack.funding
        .iter()
        .find(|r| r.spec.id == id)
        .map(|r| &*r.spec)
}

/// Adds texts in `langs` to an estimate computed under `pack`.
pub(crate) fn fill<'p>(pack: &'p ResolvedPack, est: &mut Estimate<'p>, langs: Langs) {
    let benchmark = est
        .benchmark
        .as_ref()
        .and_then(|b| pack.benchmarks.iter().find(|x| x.id == b.id));
    for line in &mut est.lines {
        line.texts = Texts::make(langs, |zh| line_text(pack, line, benchmark, zh));
    }
    for s in &mut est.shares {
        let label = s.party.label();
        s.texts = Texts::make(langs, |zh| if zh { label.zh } else { label.en });
    }
    for a in &mut est.assumptions {
        if let Some(r) = rule(pack, a.rule) {
            let edited = a.edited;
            a.texts = Texts::make(langs, |zh| assumption_text(pack, r, edited, zh));
        }
    }
    if let (Some(b), Some(spec)) = (est.benchmark.as_mut(), benchmark) {
        b.texts = Texts::make(langs, |zh| BenchmarkText {
            label: pick(&spec.label, zh),
            derivation: pick(&spec.derivation, zh),
            source: &spec.source,
        });
    }
    let notes = &est.notes;
    est.texts = Texts::make(langs, |zh| EstimateText {
        notes: notes.iter().map(|n| note(pack, n, zh)).collect(),
    });
}

fn edited_why(r: &FundingRule, pack: &ResolvedPack, zh: bool) -> String {
    let was: Vec<String> = pack
        .funding
        .iter()
        .find(|f| f.spec.id == r.id)
        .map(|f| {
            f.shares
                .iter()
                .map(|(p, w)| {
                    let name = match p {
                        crate::policy::PartyRef::Fixed(p) => {
                            let l = p.label();
                            (if zh { l.zh } else { l.en }).to_string()
                        }
                        crate::policy::PartyRef::PipelineUtility => (if zh {
                            "管线单位"
                        } else {
                            "pipeline utility"
                        })
                        .to_string(),
                    };
                    format!("{name} {w}")
                })
                .collect()
        })
        .unwrap_or_default();
    if zh {
        format!(
            "您调整的比例（{}原为：{}）",
            basis_word(r.basis, true),
            was.join(" : ")
        )
    } else {
        format!(
            "Your own shares (the {} was: {})",
            basis_word(r.basis, false),
            was.join(" : ")
        )
    }
}

fn basis_word(b: Basis, zh: bool) -> &'static str {
    match (b, zh) {
        (Basis::Policy, true) => "文件规定",
        (Basis::Policy, false) => "document's figure",
        (_, true) => "假设",
        (_, false) => "assumption",
    }
}

fn line_text<'p>(
    pack: &'p ResolvedPack,
    line: &Line<'p>,
    benchmark: Option<&'p crate::policy::model::Benchmark>,
    zh: bool,
) -> LineText<'p> {
    let item = line.item.and_then(|id| pack.item(id));
    let (name, category) = match (item, benchmark) {
        (Some((c, i)), _) => (pick(&i.name, zh), pick(&c.name, zh)),
        (None, Some(b)) => (
            pick(&b.label, zh),
            if zh {
                "测算基准（非实际价格）"
            } else {
                "Benchmark (not an actual price)"
            },
        ),
        (None, None) => ("", ""),
    };
    let r = rule(pack, line.funding_rule);
    let edited = line.basis == Basis::Edited;
    let (funding_label, why, source): (Cow<'p, str>, Cow<'p, str>, &'p Source) = match r {
        Some(r) if edited => (
            Cow::Owned(if zh {
                format!("{}（已按您的比例调整）", pick(&r.label, true))
            } else {
                format!("{} (your own shares)", pick(&r.label, false))
            }),
            Cow::Owned(edited_why(r, pack, zh)),
            &r.source,
        ),
        Some(r) => (
            Cow::Borrowed(pick(&r.label, zh)),
            Cow::Borrowed(pick(&r.why, zh)),
            &r.source,
        ),
        None => (Cow::Borrowed(""), Cow::Borrowed(""), &EMPTY_SOURCE),
    };
    let waiver = line
        .shares
        .iter()
        .find(|s| s.origin == crate::estimate::ShareOrigin::Waiver)
        .map(|s| {
            let l = s.party.label();
            if zh {
                format!("困难群众减免（本次测算输入）：部分居民出资由{}承担；减免由业主委员会或居民议事机构约定", l.zh)
            } else {
                format!("Hardship waiver (entered for this estimate): part of the residents' share is paid by the {}; waivers are agreed by the owners", super::lower(l.en))
            }
        });
    let unset_names: Vec<&str> = line
        .shares
        .iter()
        .filter(|s| s.unset)
        .map(|s| {
            let l = s.party.label();
            if zh {
                l.zh
            } else {
                l.en
            }
        })
        .collect();
    let unset = (!unset_names.is_empty()).then(|| {
        if zh {
            format!(
                "{}：文件列明的出资方，份额文件未定，请填写",
                unset_names.join("、")
            )
        } else {
            format!(
                "{}: payers the document names; share not set by the document: enter it",
                unset_names.join(", ")
            )
        }
    });
    LineText {
        name,
        category,
        funding_label,
        why,
        source,
        reading: if edited {
            None
        } else {
            r.and_then(|r| r.reading.as_ref()).map(|t| pick(t, zh))
        },
        unset,
        waiver,
    }
}

static EMPTY_SOURCE: Source = Source {
    document: String::new(),
    clause: String::new(),
    quote: None,
};

fn assumption_text<'p>(
    pack: &'p ResolvedPack,
    r: &'p FundingRule,
    edited: bool,
    zh: bool,
) -> AssumptionText<'p> {
    let borrowed = r.borrowed.as_ref().map(|b| {
        let from = pick(&b.jurisdiction, zh);
        if zh {
            format!(
                "比例借用自{} {}（{}），并非本地文件规定；应以本市（县）改造方案的比例替换",
                b.source.document, b.source.clause, from
            )
        } else {
            format!(
                "Ratio borrowed from {} {} ({}), not set by the local document; replace it with this city's own plan",
                b.source.document, b.source.clause, from
            )
        }
    });
    AssumptionText {
        label: pick(&r.label, zh),
        why: if edited {
            Cow::Owned(edited_why(r, pack, zh))
        } else {
            Cow::Borrowed(pick(&r.why, zh))
        },
        source: &r.source,
        borrowed,
    }
}

fn note(pack: &ResolvedPack, n: &EstimateNote, zh: bool) -> String {
    let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
    match n {
        EstimateNote::DraftDocument => s(
            "依据的是征求意见稿，尚未正式施行：结果仅供参考",
            "Based on a draft for comment, not in force: the result is indicative only",
        ),
        EstimateNote::ElevatorNotSplit => s(
            "有电梯项目，但没有填写各层户数：居民承担的电梯费用未按楼层分摊",
            "Elevator items are costed, but no households per floor were given: the residents' elevator cost is not divided by floor",
        ),
        EstimateNote::ElevatorMethodChosen { method } => {
            let l = method.label();
            if zh {
                format!("电梯费用按所选方法（{}）在楼层间分摊；没有约定时，民法典第二百八十三条按专有部分面积比例分担", l.zh)
            } else {
                format!("Elevator costs are split between floors by the chosen method ({}); without an agreement, Civil Code art. 283 splits by exclusive area", super::lower(l.en))
            }
        }
        EstimateNote::HouseholdSharedEqually => s(
            "我家的分摊按户数平均计算（假设）；填写我家房屋面积和小区建筑面积，可按面积比例计算（民法典第二百八十三条）",
            "Your share is split equally between households (an assumption); give your home's floor area and the compound's to split by area (Civil Code art. 283)",
        ),
        EstimateNote::HouseholdNeedsFigures => s(
            "无法计算我家费用：请填写小区户数，或我家房屋面积和小区建筑面积",
            "Your household's bill needs the number of households, or your home's and the compound's floor areas",
        ),
        EstimateNote::HouseholdElevatorLeftOut { reason } => match reason {
            ElevatorLeftOut::NoFloorSplit => s(
                "我家费用未包括电梯费用：没有填写各层户数，无法按楼层分摊",
                "Your bill leaves out the elevator cost: without households per floor it cannot be divided by floor",
            ),
            ElevatorLeftOut::NoFloor => s(
                "我家费用未包括电梯费用：请填写我家住几楼",
                "Your bill leaves out the elevator cost: say which floor you live on",
            ),
        },
        EstimateNote::ConditionUnknown { fact, rule: _ } => {
            let name = crate::texts::eligibility::fact_name(pack, fact, zh);
            if zh {
                format!("未回答“{name}”，相关资金规则按不适用处理；回答后结果可能变化")
            } else {
                format!("“{name}” was not answered, so the funding rule that depends on it was not applied; the result may change once it is")
            }
        }
        EstimateNote::BorrowedRatio { rule, .. } => {
            let label = rule_label(pack, rule, zh);
            let (doc, clause, f) = rule_of(pack, rule)
                .and_then(|r| r.borrowed.as_ref())
                .map_or(("", "", ""), |b| (b.source.document.as_str(), b.source.clause.as_str(), pick(&b.jurisdiction, zh)));
            if zh {
                format!("“{label}”：比例借用自{doc} {clause}（{f}）（假设）；应以本市（县）改造方案的比例替换")
            } else {
                format!("“{label}”: ratio borrowed from {doc} {clause} ({f}), an assumption; replace it with this city's own plan")
            }
        }
        EstimateNote::ShareNotSet { rule, parties } => {
            let label = rule_label(pack, rule, zh);
            let names: Vec<String> = parties
                .iter()
                .map(|p| if zh { p.label().zh.to_string() } else { format!("the {}", super::lower(p.label().en)) })
                .collect();
            if zh {
                format!("“{label}”：{}是文件列明的出资方，但文件未定份额（显示为0.00元），请填写", names.join("、"))
            } else {
                let (list, verb) = match names.split_last() {
                    Some((last, [])) => (last.clone(), "is a payer"),
                    Some((last, rest)) => (format!("{} and {last}", rest.join(", ")), "are payers"),
                    None => (String::new(), "are payers"),
                };
                format!("“{label}”: {list} {verb} the document names; share not set by the document (shown as 0.00): enter it")
            }
        }
        EstimateNote::NoStatedValidity => {
            let doc = &pack.pack.document.number;
            if zh {
                format!("{doc}已印发，但所据文本未说明现行效力：请核实是否仍然有效")
            } else {
                format!("{doc} was issued, but the text it rests on states no current validity: check whether it still applies")
            }
        }
        EstimateNote::PeriodEnded { last_year } => {
            let doc = &pack.pack.document.number;
            if zh {
                format!("{doc}的规划期至{last_year}年已结束：结果说明的是该期间的规则，不是现行政策")
            } else {
                format!("The plan period of {doc} ended in {last_year}: the result describes that period's rules, not current policy")
            }
        }
    }
}

fn rule_of<'p>(pack: &'p ResolvedPack, id: &str) -> Option<&'p FundingRule> {
    rule(pack, id)
}

fn rule_label<'p>(pack: &'p ResolvedPack, id: &str, zh: bool) -> &'p str {
    rule(pack, id).map_or("", |r| pick(&r.label, zh))
}
