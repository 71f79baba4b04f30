//! The sentences of an eligibility result: one per finding, and one for the verdict.

use serde::Serialize;

use super::{cat, decimal_text, int_text, plural, short, Langs, Texts};
use crate::numbers::NUMBER_TEXT;
use crate::eligibility::{
    Eligibility, Finding, FindingRole, Measure, Num, Outcome, PartWhat, SharePart, Verdict,
};
use crate::policy::model::{DocumentStatus, ItemScope, RuleBasis};
use crate::policy::{CompiledRule, ResolvedPack};
use crate::schema::{Label, ESTATE};
use crate::text::{Source, Text};

/// A finding in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct FindingText<'p> {
    /// The rule as the document states it.
    pub label: &'p str,
    /// What was found, and whether it meets the rule.
    pub message: String,
    /// Where the rule comes from (Chinese original: document number, clause, quote).
    pub source: &'p Source,
    /// Why a figure or reading is an assumption, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<&'p str>,
    /// Why the finding does not decide the verdict (advisory, conditional), when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_note: Option<String>,
    /// The facts to provide, in plain words.
    pub provide: Vec<String>,
}

/// The verdict in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct EligibilityText {
    /// One sentence: the answer first.
    pub summary: String,
    /// The document's standing (a draft is indicative only), when worth saying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_note: Option<String>,
    /// The facts to provide, in plain words (when undetermined).
    pub to_provide: Vec<String>,
}

/// Adds texts in `langs` to a result computed under `pack`.
pub(crate) fn fill<'p>(pack: &'p ResolvedPack, result: &mut Eligibility<'p>, langs: Langs) {
    let labels: Vec<(&'p str, &'p Text)> = result
        .findings
        .iter()
        .filter_map(|f| rule(pack, f.rule).map(|r| (f.rule, &r.spec.label)))
        .collect();
    for f in &mut result.findings {
        let Some(r) = rule(pack, f.rule) else { continue };
        let texts = Texts::make(langs, |zh| finding_text(pack, r, f, zh));
        f.texts = texts;
    }
    let failing: Vec<&Text> = result
        .rests_on
        .iter()
        .filter_map(|id| labels.iter().find(|(r, _)| r == id).map(|(_, l)| *l))
        .collect();
    result.texts = Texts::make(langs, |zh| EligibilityText {
        summary: summary(pack, result.verdict, &failing, &result.to_provide, zh),
        status_note: status_note(pack, zh),
        to_provide: result
            .to_provide
            .iter()
            .map(|p| fact_name(pack, p, zh).to_string())
            .collect(),
    });
}

fn rule<'p>(pack: &'p ResolvedPack, id: &str) -> Option<&'p CompiledRule> {
    pack.rules.iter().find(|r| r.spec.id == id)
}

fn pick(t: &Text, zh: bool) -> &str {
    if zh {
        &t.zh
    } else {
        &t.en
    }
}

fn lab(l: Label, zh: bool) -> &'static str {
    if zh {
        l.zh
    } else {
        l.en
    }
}

/// The plain name of a fact: the schema's label, or the pack's for its own facts.
pub(crate) fn fact_name<'a>(pack: &'a ResolvedPack, path: &'a str, zh: bool) -> &'a str {
    if let Some(f) = pack.facts.iter().find(|f| f.spec.key == path) {
        return pick(&f.spec.label, zh);
    }
    match ESTATE.field(path) {
        Some((_, f)) => lab(f.label, zh),
        None => path,
    }
}

fn meets(ok: bool, label: &str, zh: bool) -> String {
    let lead = match (ok, zh) {
        (true, true) => "符合“",
        (false, true) => "不符合“",
        (true, false) => "meets “",
        (false, false) => "does not meet “",
    };
    cat(&[lead, label, "”"])
}

fn threshold(part_threshold: &str, inclusive: bool, zh: bool) -> String {
    let lead = match (inclusive, zh) {
        (true, true) => "不低于",
        (false, true) => "超过",
        (true, false) => "at least ",
        (false, false) => "more than ",
    };
    cat(&[lead, part_threshold])
}

fn percent(have: Num, of: Num) -> Option<String> {
    let h = crate::fraction::Fraction::from_decimal(have.0)?;
    let o = crate::fraction::Fraction::from_decimal(of.0)?;
    Some(h.checked_div(o)?.percent_text())
}

fn what(w: PartWhat, zh: bool) -> &'static str {
    let (z, e) = match w {
        PartWhat::OwnersInFavour => ("同意业主", "owners in favour"),
        PartWhat::AreaInFavour => ("同意业主专有面积", "exclusive area in favour"),
        PartWhat::OwnersTakingPart => ("参与表决业主", "owners taking part"),
        PartWhat::AreaTakingPart => ("参与表决专有面积", "area taking part"),
        PartWhat::OwnersInFavourOfVoted => ("参与表决业主中同意", "of those taking part, owners in favour"),
        PartWhat::AreaInFavourOfVoted => ("参与表决面积中同意", "of the area taking part, area in favour"),
        PartWhat::SelfBuiltHouseholds => ("居民自建房户数", "households in self-built housing"),
    };
    if zh {
        z
    } else {
        e
    }
}

fn part_text(p: &SharePart, zh: bool) -> Option<String> {
    let (have, of) = (p.have?, p.of?);
    let reached = p.reached?;
    let pct = percent(have, of).unwrap_or_default();
    let th = threshold(&p.threshold, p.inclusive, zh);
    let area = p.what.is_area();
    let (mut b1, mut b2, mut b3) = ([0u8; NUMBER_TEXT], [0u8; NUMBER_TEXT], [0u8; NUMBER_TEXT]);
    let more = match (reached, p.needed) {
        (false, Some(n)) if zh => {
            let n = decimal_text(&mut b3, n.0);
            if area {
                cat(&["，还需", n, "平方米"])
            } else {
                cat(&["，还需", n, "人"])
            }
        }
        (false, Some(n)) => {
            if area {
                cat(&["; ", decimal_text(&mut b3, n.0), " m² more needed"])
            } else {
                let count = u64::try_from(n.0.trunc()).unwrap_or(u64::MAX);
                let c = int_text(&mut b3, i128::from(count));
                cat(&["; ", c, " more ", plural(count, "owner", "owners"), " needed"])
            }
        }
        _ => String::new(),
    };
    let (h, o) = (decimal_text(&mut b1, have.0), decimal_text(&mut b2, of.0));
    Some(if zh {
        let unit = if area { "平方米" } else { "人" };
        let verb = if reached { "达到" } else { "未达到" };
        cat(&[what(p.what, true), h, "/", o, unit, "（", &pct, "），", verb, &th, &more])
    } else {
        let unit = if area { " m²" } else { "" };
        let verb = if reached { "reaching" } else { "short of" };
        cat(&[what(p.what, false), " ", h, " of ", o, unit, " (", &pct, "), ", verb, " ", &th, &more])
    })
}

/// Capitalises the first letter of an English sentence.
pub(crate) fn sentence(s: String) -> String {
    super::upper_first(s)
}

fn fact_statement(pack: &ResolvedPack, key: &str, value: bool, zh: bool) -> String {
    if let Some(f) = pack.facts.iter().find(|f| f.spec.key == key) {
        let said = if value { &f.spec.yes } else { &f.spec.no };
        return match said {
            Some(t) => pick(t, zh).to_string(),
            None => {
                let l = pick(&f.spec.label, zh);
                match (value, zh) {
                    (true, true) => format!("{l}：是"),
                    (false, true) => format!("{l}：否"),
                    (true, false) => format!("{l}: yes"),
                    (false, false) => format!("{l}: no"),
                }
            }
        };
    }
    match ESTATE.field(key).and_then(|(_, f)| f.says.map(|s| (s, f.label))) {
        Some(((yes, no), _)) => lab(if value { yes } else { no }, zh).to_string(),
        None => {
            let l = ESTATE.field(key).map_or(key, |(_, f)| lab(f.label, zh));
            format!("{l}{}", if value { if zh { "：是" } else { ": yes" } } else if zh { "：否" } else { ": no" })
        }
    }
}

fn provide_list(pack: &ResolvedPack, provide: &[&str], zh: bool) -> String {
    let sep = if zh { "、" } else { ", " };
    let mut out = String::new();
    for (i, p) in provide.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push('“');
        out.push_str(fact_name(pack, p, zh));
        out.push('”');
    }
    out
}

fn message(pack: &ResolvedPack, r: &CompiledRule, f: &Finding, zh: bool) -> String {
    let label = pick(&r.spec.label, zh);
    let ok = f.outcome == Outcome::Pass;
    let verdict = |lead: String| -> String {
        if zh {
            cat(&[&lead, "，", &meets(ok, label, true)])
        } else {
            sentence(cat(&[&lead, ": ", &meets(ok, label, false)]))
        }
    };
    match &f.measure {
        Measure::Built { from, to } => {
            let (mut b1, mut b2) = ([0u8; NUMBER_TEXT], [0u8; NUMBER_TEXT]);
            let (y1, y2) = (int_text(&mut b1, i128::from(*from)), int_text(&mut b2, i128::from(*to)));
            let when = match (from == to, zh) {
                (true, true) => cat(&["建成于", y1, "年"]),
                (false, true) => cat(&["建成于", y1, "—", y2, "年"]),
                (true, false) => cat(&["Built in ", y1]),
                (false, false) => cat(&["Built ", y1, "–", y2]),
            };
            if f.outcome == Outcome::Unknown {
                if zh {
                    format!("{when}，部分楼栋可能晚于期限：请按楼栋分别核实建成年份")
                } else {
                    format!("{when}: some buildings may be later than the limit; check each building's year")
                }
            } else {
                verdict(when)
            }
        }
        Measure::Location { value } => {
            let name = short(lab(value.label(), zh));
            verdict(if zh {
                cat(&["位于", name])
            } else {
                cat(&["In a ", &super::lower(name)])
            })
        }
        Measure::Housing { value } => {
            let name = short(lab(value.label(), zh));
            verdict(if zh {
                cat(&["房屋类型为", name])
            } else {
                name.to_string()
            })
        }
        Measure::Fact { value } => {
            let key = f.provide.first().copied().or_else(|| fact_key(r)).unwrap_or("");
            verdict(fact_statement(pack, key, *value, zh))
        }
        Measure::Shares { parts } => {
            let said: Vec<String> = parts.iter().filter_map(|p| part_text(p, zh)).collect();
            let body = if zh {
                said.join("；")
            } else {
                said.join("; ")
            };
            match f.outcome {
                Outcome::Unknown => {
                    let ask = provide_list(pack, &f.provide, zh);
                    match (body.is_empty(), zh) {
                        (true, true) => cat(&["请提供：", &ask]),
                        (false, true) => cat(&[&body, "；请提供：", &ask]),
                        (true, false) => cat(&["Please provide: ", &ask]),
                        (false, false) => sentence(cat(&[&body, "; please provide: ", &ask])),
                    }
                }
                _ if zh => cat(&[&body, "；", &meets(ok, label, true)]),
                _ => sentence(cat(&[&body, ": ", &meets(ok, label, false)])),
            }
        }
        Measure::Fund {
            initial,
            balance,
            threshold: th,
            inclusive,
            needed,
            ..
        } => {
            if initial.0.is_zero() {
                return if zh {
                    format!("未建立住宅专项维修资金；{}", meets(false, label, true))
                } else {
                    format!("No maintenance fund has been set up: {}", meets(false, label, false))
                };
            }
            let pct = percent(*balance, *initial).unwrap_or_default();
            let req = threshold(th, *inclusive, zh);
            let more = match (needed, zh) {
                (Some(n), true) => format!("，还需续筹{}元", n.0.normalize()),
                (Some(n), false) => format!("; {} yuan more needed", n.0.normalize()),
                (None, _) => String::new(),
            };
            if zh {
                format!(
                    "维修资金余额{}元，为首期筹集金额{}元的{pct}（要求{req}）{more}；{}",
                    balance.0.normalize(),
                    initial.0.normalize(),
                    meets(ok, label, true)
                )
            } else {
                format!(
                    "The fund balance of {} yuan is {pct} of the first collection of {} yuan (required: {req}){more}: {}",
                    balance.0.normalize(),
                    initial.0.normalize(),
                    meets(ok, label, false)
                )
            }
        }
        Measure::None => {
            let ask = provide_list(pack, &f.provide, zh);
            if zh {
                format!("尚未提供：请补充{ask}")
            } else {
                format!("Not given yet: please provide {ask}")
            }
        }
    }
}

fn fact_key(r: &CompiledRule) -> Option<&str> {
    match &r.test {
        crate::policy::CompiledTest::Flag { fact, .. } => Some(fact.key()),
        _ => None,
    }
}

fn scope_words(scope: &ItemScope, pack: &ResolvedPack, zh: bool) -> String {
    let mut names: Vec<String> = Vec::new();
    if scope.elevator {
        names.push(if zh { "加装或更换电梯".into() } else { "adding or replacing elevators".into() });
    }
    for id in scope.items.iter().flatten() {
        if let Some((_, item)) = pack.item(id) {
            names.push(pick(&item.name, zh).to_string());
        }
    }
    for id in scope.categories.iter().flatten() {
        if let Some(c) = pack.menu.iter().find(|c| &c.id == id) {
            names.push(pick(&c.name, zh).to_string());
        }
    }
    names.join(if zh { "、" } else { ", " })
}

fn finding_text<'p>(pack: &'p ResolvedPack, r: &'p CompiledRule, f: &Finding, zh: bool) -> FindingText<'p> {
    let role_note = match f.role {
        FindingRole::Advisory => Some(match (r.spec.basis, zh) {
            (RuleBasis::Assumption, true) => "仅供参考，不影响结论：本政策没有规定这一条（见假设说明）".to_string(),
            (RuleBasis::Assumption, false) => "For information only, it does not decide the result: this policy does not set this rule (see the assumption)".to_string(),
            (_, true) => "仅供参考，不影响结论".to_string(),
            (_, false) => "For information only, it does not decide the result".to_string(),
        }),
        FindingRole::Conditional => r.spec.applies_to.as_ref().map(|s| {
            let what = scope_words(s, pack, zh);
            if zh {
                format!("仅在改造内容包括{what}时适用")
            } else {
                format!("Applies only if the works include {what}")
            }
        }),
        FindingRole::Warning => Some(if zh {
            "提醒：不影响是否符合改造条件".to_string()
        } else {
            "A reminder: it does not affect eligibility".to_string()
        }),
        FindingRole::Decisive => None,
    };
    FindingText {
        label: pick(&r.spec.label, zh),
        message: message(pack, r, f, zh),
        source: &r.spec.source,
        assumption: r.spec.assumption.as_ref().map(|a| pick(a, zh)),
        role_note,
        provide: f.provide.iter().map(|p| fact_name(pack, p, zh).to_string()).collect(),
    }
}

fn summary(pack: &ResolvedPack, verdict: Verdict, failing: &[&Text], to_provide: &[&str], zh: bool) -> String {
    let doc = &pack.pack.document.number;
    match (verdict, zh) {
        (Verdict::Eligible, true) => format!("按{doc}，本小区符合改造条件。"),
        (Verdict::Eligible, false) => format!("Under {doc}, the compound qualifies for renovation."),
        (Verdict::Ineligible, true) => {
            let why: Vec<String> = failing.iter().map(|t| format!("“{}”", t.zh)).collect();
            format!("按{doc}，本小区不符合改造条件：不符合{}。", why.join("、"))
        }
        (Verdict::Ineligible, false) => {
            let why: Vec<String> = failing.iter().map(|t| format!("“{}”", t.en)).collect();
            format!("Under {doc}, the compound does not qualify: it does not meet {}.", why.join(", "))
        }
        (Verdict::Undetermined, true) => format!(
            "按{doc}，还不能确定本小区是否符合改造条件：请补充{}。",
            provide_list(pack, to_provide, true)
        ),
        (Verdict::Undetermined, false) => format!(
            "Under {doc}, it cannot be said yet whether the compound qualifies: please provide {}.",
            provide_list(pack, to_provide, false)
        ),
    }
}

fn status_note(pack: &ResolvedPack, zh: bool) -> Option<String> {
    let d = &pack.pack.document;
    match d.status {
        DocumentStatus::DraftForComment => Some(if zh {
            format!("《{}》是征求意见稿，尚未正式施行：结果仅供参考。", d.title.zh)
        } else {
            format!("“{}” is a draft for comment, not in force: the result is indicative only.", d.title.en)
        }),
        _ => d.status_note.as_ref().map(|t| pick(t, zh).to_string()),
    }
}
