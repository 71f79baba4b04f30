//! The sentences of an eligibility result: one per finding, and one for the verdict.

use crate::output::ToJson;
use serde::Serialize;

use super::{cat, int_text, plural, short, Langs, Texts};
use crate::eligibility::{
    Eligibility, Finding, FindingRole, ItemVerdict, Measure, Num, Outcome, PartWhat, SharePart,
    Verdict,
};
use crate::numbers::NUMBER_TEXT;
use crate::policy::model::{
    DocumentStatus, ItemScope, LocalFactKind, RuleBasis, RuleTest, TallyUnit,
};
use crate::policy::{CompiledRule, CompiledTest, ResolvedPack};
use crate::schema::{Kind, Label, ESTATE};
use crate::text::{Source, Text};

/// A finding in words.
#[derive(Debug, Clone, Serialize, ToJson)]
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
    /// How the rule reads the document's words, when that is a labelled reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<&'p str>,
    /// Why the finding does not decide the verdict (advisory, conditional), when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_note: Option<String>,
    /// The facts to provide, in plain words.
    pub provide: Vec<String>,
}

/// The verdict in words.
#[derive(Debug, Clone, Serialize, ToJson)]
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
    /// The facts the advice and reminders would use, in plain words.
    pub also_asked: Vec<String>,
    /// One sentence per item verdict, in order.
    pub items: Vec<String>,
}

/// Adds texts in `langs` to a result computed under `pack`.
pub(crate) fn fill<'p>(pack: &'p ResolvedPack, result: &mut Eligibility<'p>, langs: Langs) {
    let labels: Vec<(&'p str, &'p Text)> = result
        .findings
        .iter()
        .filter_map(|f| rule(pack, f.rule).map(|r| (f.rule, &r.spec.label)))
        .collect();
    for f in &mut result.findings {
        let Some(r) = rule(pack, f.rule) else {
            continue;
        };
        let texts = Texts::make(langs, |zh| finding_text(pack, r, f, zh));
        f.texts = texts;
    }
    let failing: Vec<&Text> = result
        .rests_on
        .iter()
        .filter_map(|id| labels.iter().find(|(r, _)| r == id).map(|(_, l)| *l))
        .collect();
    let items = &result.items;
    result.texts = Texts::make(langs, |zh| EligibilityText {
        summary: summary(pack, result.verdict, &failing, &result.to_provide, zh),
        status_note: status_note(pack, zh),
        to_provide: result
            .to_provide
            .iter()
            .map(|p| fact_name(pack, p, zh).to_string())
            .collect(),
        also_asked: result
            .also_asked
            .iter()
            .map(|p| fact_name(pack, p, zh))
            .collect(),
        items: items.iter().map(|v| item_sentence(pack, v, zh)).collect(),
    });
}

/// Whether a chosen item may go ahead, in one sentence.
fn item_sentence(pack: &ResolvedPack, v: &ItemVerdict, zh: bool) -> String {
    let name = pack.item(v.item).map_or(v.item, |(_, i)| pick(&i.name, zh));
    let rules: Vec<&str> = v
        .rests_on
        .iter()
        .filter_map(|id| rule(pack, id).map(|r| pick(&r.spec.label, zh)))
        .collect();
    let quoted = |sep: &str| {
        rules
            .iter()
            .map(|l| format!("“{l}”"))
            .collect::<Vec<_>>()
            .join(sep)
    };
    match (v.verdict, zh) {
        (Verdict::Eligible, true) => format!("“{name}”：符合{}，可以实施。", quoted("、")),
        (Verdict::Eligible, false) => format!("“{name}”: meets {}, so it may go ahead.", quoted(", ")),
        (Verdict::Ineligible, true) => format!("“{name}”：不符合{}，不能实施；小区其他改造内容不受影响。", quoted("、")),
        (Verdict::Ineligible, false) => format!(
            "“{name}”: does not meet {}, so it cannot go ahead; the rest of the plan is not affected.",
            quoted(", ")
        ),
        (Verdict::Undetermined, true) => format!(
            "“{name}”：尚不能确定能否实施，请补充{}。",
            provide_list(pack, &v.to_provide, true)
        ),
        (Verdict::Undetermined, false) => format!(
            "“{name}”: it cannot be said yet whether it may go ahead: please provide {}.",
            provide_list(pack, &v.to_provide, false)
        ),
    }
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

/// The plain name of a fact: the schema's label, or the pack's for its own facts; a figure of
/// a tally is named with its tally ("加装电梯表决：同意的业主人数").
pub(crate) fn fact_name(pack: &ResolvedPack, path: &str, zh: bool) -> String {
    if let Some(f) = pack.facts.iter().find(|f| f.spec.key == path) {
        return pick(&f.spec.label, zh).to_string();
    }
    if let Some((head, rest)) = path.split_once('.') {
        let tally = match pack.facts.iter().find(|f| f.spec.key == head) {
            Some(f) if f.spec.kind == LocalFactKind::Tally => Some((
                pick(&f.spec.label, zh).to_string(),
                match f.spec.counts {
                    Some(TallyUnit::Households) => &crate::schema::HOUSEHOLD_TALLY,
                    _ => &crate::schema::OWNER_TALLY,
                },
            )),
            _ => match ESTATE.field(head) {
                Some((_, f)) => match f.kind {
                    Kind::Record(s) => Some((lab(f.label, zh).to_string(), s)),
                    _ => None,
                },
                None => None,
            },
        };
        if let Some((label, schema)) = tally {
            if let Some((_, leaf)) = schema.field(rest) {
                let sep = if zh { "：" } else { ": " };
                return format!("{label}{sep}{}", lab(leaf.label, zh));
            }
        }
    }
    match ESTATE.field(path) {
        Some((_, f)) => lab(f.label, zh).to_string(),
        None => {
            crate::schema::label_of_path(path).map_or(path.to_string(), |l| lab(l, zh).to_string())
        }
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
        PartWhat::OwnersInFavourOfVoted => (
            "参与表决业主中同意",
            "of those taking part, owners in favour",
        ),
        PartWhat::AreaInFavourOfVoted => (
            "参与表决面积中同意",
            "of the area taking part, area in favour",
        ),
        PartWhat::HouseholdsInFavour => ("支持户数", "households in favour"),
        PartWhat::Part => ("", ""),
    };
    if zh {
        z
    } else {
        e
    }
}

/// How a share part's figures are counted: its name (for a share test, the part fact's) and
/// its unit in Chinese, singular and plural English.
struct PartUnit {
    name: String,
    zh: &'static str,
    one: &'static str,
    many: &'static str,
}

fn unit_of(p: &SharePart, part_fact: Option<&str>, pack: &ResolvedPack, zh: bool) -> PartUnit {
    let from = |u: crate::schema::Unit| match u {
        crate::schema::Unit::Household => ("户", "household", "households"),
        crate::schema::Unit::SquareMetre => ("平方米", "m²", "m²"),
        crate::schema::Unit::Person => ("人", "person", "people"),
        crate::schema::Unit::Building => ("栋", "building", "buildings"),
        _ => ("", "", ""),
    };
    let (z, one, many) = match p.what {
        PartWhat::HouseholdsInFavour => ("户", "household", "households"),
        PartWhat::Part => part_fact
            .and_then(|k| ESTATE.field(k))
            .and_then(|(_, f)| f.unit)
            .map_or(("", "", ""), from),
        w if w.is_area() => ("平方米", "m²", "m²"),
        _ => ("人", "owner", "owners"),
    };
    let name = match (p.what, part_fact) {
        (PartWhat::Part, Some(k)) => fact_name(pack, k, zh),
        (w, _) => what(w, zh).to_string(),
    };
    PartUnit {
        name,
        zh: z,
        one,
        many,
    }
}

fn part_text(p: &SharePart, u: &PartUnit, zh: bool) -> Option<String> {
    let (have, of) = (p.have?, p.of?);
    let reached = p.reached?;
    let pct = percent(have, of).unwrap_or_default();
    let needed = p.needed.filter(|n| !n.0.is_zero());
    let (h, o) = (have, of);
    // "1 more owner needed", "0.01 m² more needed", "2 fewer households needed".
    let n_en = |n: Num, more: &str| -> String {
        // A whole count takes its plural; a fraction (0.5 m²) is always "many".
        let unit = match crate::numbers::as_whole(n.0) {
            Some(w) => plural(u64::try_from(w).unwrap_or(u64::MAX), u.one, u.many),
            None => u.many,
        };
        match unit {
            "" => format!("{} {more} needed", n),
            "m²" => format!("{} m² {more} needed", n),
            _ => format!("{} {more} {unit} needed", n),
        }
    };
    if p.limit {
        // An upper limit ("not mainly"): reaching the threshold is what fails.
        let t = &p.threshold;
        let (zh_th, en_th) = if p.inclusive {
            (format!("达到{t}"), format!("at least {t}"))
        } else {
            (format!("超过{t}"), format!("more than {t}"))
        };
        return Some(if zh {
            let verb = if reached { "已" } else { "未" };
            let more = needed.map_or(String::new(), |n| format!("，须减少{}{}", n, u.zh));
            format!("{}{h}/{o}{}（{pct}），{verb}{zh_th}{more}", u.name, u.zh)
        } else {
            let verb = if reached { "which is" } else { "which is not" };
            let more = needed.map_or(String::new(), |n| format!("; {}", n_en(n, "fewer")));
            let unit = if u.many == "m²" { " m²" } else { "" };
            format!("{} {h} of {o}{unit} ({pct}), {verb} {en_th}{more}", u.name)
        });
    }
    let th = threshold(&p.threshold, p.inclusive, zh);
    Some(if zh {
        let verb = if reached { "达到" } else { "未达到" };
        let more = needed.map_or(String::new(), |n| format!("，还需{}{}", n, u.zh));
        format!("{}{h}/{o}{}（{pct}），{verb}{th}{more}", u.name, u.zh)
    } else {
        let unit = if u.many == "m²" { " m²" } else { "" };
        let verb = if reached { "reaching" } else { "short of" };
        let more = needed.map_or(String::new(), |n| format!("; {}", n_en(n, "more")));
        format!("{} {h} of {o}{unit} ({pct}), {verb} {th}{more}", u.name)
    })
}

/// A share decided by the housing type alone (no counts given).
fn by_type_text(
    p: &SharePart,
    u: &PartUnit,
    by: Option<crate::schema::HousingType>,
    zh: bool,
) -> Option<String> {
    let h = p.housing?;
    let all = Some(h) == by;
    let name = short(lab(h.label(), zh));
    Some(if zh {
        let counted = if all { "按全部计" } else { "按没有计" };
        format!("未填写{}：房屋类型为{name}，{counted}", u.name)
    } else {
        let counted = if all {
            "so all of it counts"
        } else {
            "so none of it counts"
        };
        format!(
            "{} not given: the housing type is {}, {counted}",
            u.name,
            super::lower(name)
        )
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
    match ESTATE
        .field(key)
        .and_then(|(_, f)| f.says.map(|s| (s, f.label)))
    {
        Some(((yes, no), _)) => lab(if value { yes } else { no }, zh).to_string(),
        None => {
            let l = ESTATE.field(key).map_or(key, |(_, f)| lab(f.label, zh));
            format!(
                "{l}{}",
                if value {
                    if zh {
                        "：是"
                    } else {
                        ": yes"
                    }
                } else if zh {
                    "：否"
                } else {
                    ": no"
                }
            )
        }
    }
}

fn provide_list(pack: &ResolvedPack, provide: &[&str], zh: bool) -> String {
    let names: Vec<String> = provide.iter().map(|p| fact_name(pack, p, zh)).collect();
    if zh {
        names
            .iter()
            .map(|n| format!("“{n}”"))
            .collect::<Vec<_>>()
            .join("、")
    } else {
        names
            .iter()
            .map(|n| format!("“{n}”"))
            .collect::<Vec<_>>()
            .join(", ")
    }
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
            let (y1, y2) = (
                int_text(&mut b1, i128::from(*from)),
                int_text(&mut b2, i128::from(*to)),
            );
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
            let key = f
                .provide
                .first()
                .copied()
                .or_else(|| fact_key(r))
                .unwrap_or("");
            verdict(fact_statement(pack, key, *value, zh))
        }
        Measure::Choice { value } => {
            let (key, name) = choice_name(pack, r, value, zh);
            verdict(if zh {
                format!("{key}：{name}")
            } else {
                format!("{key}: {}", super::lower(&name))
            })
        }
        Measure::Checklist { values } => {
            let labels: Vec<&str> = match &r.spec.test {
                RuleTest::Checklist(items) => items.iter().map(|i| pick(&i.label, zh)).collect(),
                _ => Vec::new(),
            };
            let wants: Vec<bool> = match &r.test {
                CompiledTest::Checklist(items) => items.iter().map(|(_, w)| *w).collect(),
                _ => Vec::new(),
            };
            let marks: Vec<String> = labels
                .iter()
                .zip(values)
                .zip(&wants)
                .map(|((l, v), want)| {
                    let mark = match v {
                        Some(v) if v == want => "✔",
                        Some(_) => "✘",
                        None => "?",
                    };
                    format!("{mark} {l}")
                })
                .collect();
            let body = marks.join(if zh { "；" } else { "; " });
            match (f.outcome, zh) {
                (Outcome::Unknown, true) => {
                    format!("{body}；请提供：{}", provide_list(pack, &f.provide, true))
                }
                (Outcome::Unknown, false) => format!(
                    "{body}; please provide: {}",
                    provide_list(pack, &f.provide, false)
                ),
                (_, true) => format!("{body}；{}", meets(ok, label, true)),
                (_, false) => format!("{body}: {}", meets(ok, label, false)),
            }
        }
        Measure::Target {
            given,
            matched,
            listed,
        } => {
            let src = pack.pack.targets.as_ref().map(|t| &t.source);
            let whr = src.map_or(String::new(), |s| format!("{} {}", s.document, s.clause));
            let entry = matched.as_ref().and_then(|m| {
                pack.pack
                    .targets
                    .as_ref()?
                    .list
                    .iter()
                    .find(|e| &e.name == m)
            });
            let extra = entry.map_or(String::new(), |e| {
                let mut x = String::new();
                if let Some(d) = &e.district {
                    x.push_str(&if zh {
                        format!("（{d}）")
                    } else {
                        format!(" ({d})")
                    });
                }
                if let Some(n) = &e.note {
                    x.push_str(&if zh {
                        format!("；{}", n.zh)
                    } else {
                        format!("; {}", n.en)
                    });
                }
                x
            });
            match (matched, zh) {
                (Some(m), true) if m == given => format!("“{m}”在{whr}所列{listed}个小区中{extra}；{}", meets(true, label, true)),
                (Some(m), false) if m == given => format!(
                    "“{m}” is one of the {listed} compounds named in {whr}{extra}: {}",
                    meets(true, label, false)
                ),
                (Some(m), true) => format!("“{given}”即{whr}所列{listed}个小区中的“{m}”{extra}；{}", meets(true, label, true)),
                (Some(m), false) => format!(
                    "“{given}” is “{m}”, one of the {listed} compounds named in {whr}{extra}: {}",
                    meets(true, label, false)
                ),
                (None, true) => format!("“{given}”不在{whr}所列{listed}个小区中（名称须与文件一致）；{}", meets(false, label, true)),
                (None, false) => format!(
                    "“{given}” is not among the {listed} compounds named in {whr} (the name must match the document's): {}",
                    meets(false, label, false)
                ),
            }
        }
        Measure::Status {
            status,
            last_year,
            as_of,
        } => status_message(pack, *status, *last_year, as_of.as_deref(), f.outcome, zh),
        Measure::Shares { parts } => {
            let part_fact = match &r.test {
                CompiledTest::Share { part, .. } => Some(part.key()),
                _ => None,
            };
            let by = match &r.test {
                CompiledTest::Share {
                    by_housing_type, ..
                } => *by_housing_type,
                _ => None,
            };
            let said: Vec<String> = parts
                .iter()
                .filter_map(|p| {
                    let u = unit_of(p, part_fact, pack, zh);
                    part_text(p, &u, zh).or_else(|| by_type_text(p, &u, by, zh))
                })
                .collect();
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
                    format!(
                        "No maintenance fund has been set up: {}",
                        meets(false, label, false)
                    )
                };
            }
            let pct = percent(*balance, *initial).unwrap_or_default();
            let req = threshold(th, *inclusive, zh);
            let more = match (needed, zh) {
                (Some(n), true) => format!("，还需续筹{}元", n),
                (Some(n), false) => format!("; {} yuan more needed", n),
                (None, _) => String::new(),
            };
            if zh {
                format!(
                    "维修资金余额{}元，为首期筹集金额{}元的{pct}（要求{req}）{more}；{}",
                    balance,
                    initial,
                    meets(ok, label, true)
                )
            } else {
                format!(
                    "The fund balance of {} yuan is {pct} of the first collection of {} yuan (required: {req}){more}: {}",
                    balance,
                    initial,
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

/// The fact a choice rule reads, and the name of the value found.
fn choice_name(pack: &ResolvedPack, r: &CompiledRule, value: &str, zh: bool) -> (String, String) {
    let CompiledTest::ChoiceIn { fact, .. } = &r.test else {
        return (String::new(), value.to_string());
    };
    let key = fact.fact.key();
    let name = match pack.facts.iter().find(|f| f.spec.key == key) {
        Some(f) => f
            .spec
            .choices
            .iter()
            .find(|c| c.id == value)
            .map_or(value.to_string(), |c| pick(&c.label, zh).to_string()),
        None => match ESTATE.field(key).map(|(_, f)| f.kind) {
            Some(Kind::Choice(cs)) => cs
                .iter()
                .find(|c| c.id == value)
                .map_or(value.to_string(), |c| lab(c.label, zh).to_string()),
            _ => value.to_string(),
        },
    };
    (fact_name(pack, key, zh), name)
}

/// The document's standing, in words.
fn status_message(
    pack: &ResolvedPack,
    status: DocumentStatus,
    last_year: Option<i32>,
    as_of: Option<&str>,
    outcome: Outcome,
    zh: bool,
) -> String {
    let doc = &pack.pack.document.number;
    let ended = outcome == Outcome::Fail && status != DocumentStatus::DraftForComment;
    let mut out = match (status, zh) {
        (DocumentStatus::DraftForComment, true) => format!("{doc}是征求意见稿，尚未正式施行：结果仅供参考"),
        (DocumentStatus::DraftForComment, false) => format!("{doc} is a draft for comment, not in force: the result is indicative only"),
        (DocumentStatus::Issued, true) => format!("{doc}已印发，但所据文本未说明现行效力：请核实是否仍然有效"),
        (DocumentStatus::Issued, false) => format!("{doc} was issued, but the text it rests on states no current validity: check whether it still applies"),
        (_, true) => format!("{doc}标注为现行有效"),
        (_, false) => format!("{doc} is marked as in force"),
    };
    if let Some(y) = last_year {
        let since = pack.pack.document.date.get(..4).unwrap_or("");
        out.push_str(&match (ended, as_of, zh) {
            (true, Some(d), true) => format!("；规划期{since}—{y}年，至{d}已结束：结果说明的是该期间的规则，不是现行政策"),
            (true, Some(d), false) => format!("; its plan period {since}–{y} had ended by {d}: the result describes that period's rules, not current policy"),
            (false, Some(d), true) => format!("；规划期{since}—{y}年，{d}仍在期内"),
            (false, Some(d), false) => format!("; its plan period {since}–{y} still ran on {d}"),
            (_, None, true) => format!("；规划期{since}—{y}年：请提供日期（asOf）以判断是否已结束"),
            (_, None, false) => format!("; its plan period is {since}–{y}: give a date (asOf) to check whether it has ended"),
        });
    }
    if zh {
        out
    } else {
        sentence(out)
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
        names.push(if zh {
            "加装或更换电梯".into()
        } else {
            "adding or replacing elevators".into()
        });
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

fn finding_text<'p>(
    pack: &'p ResolvedPack,
    r: &'p CompiledRule,
    f: &Finding,
    zh: bool,
) -> FindingText<'p> {
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
        FindingRole::Item => r.spec.applies_to.as_ref().map(|s| {
            let what = scope_words(s, pack, zh);
            if zh {
                format!("决定所选的{what}能否实施，不影响小区是否符合改造条件")
            } else {
                format!("Decides whether the chosen {what} may go ahead, not whether the compound qualifies")
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
        reading: r.spec.reading.as_ref().map(|a| pick(a, zh)),
        role_note,
        provide: f
            .provide
            .iter()
            .map(|p| fact_name(pack, p, zh).to_string())
            .collect(),
    }
}

fn summary(
    pack: &ResolvedPack,
    verdict: Verdict,
    failing: &[&Text],
    to_provide: &[&str],
    zh: bool,
) -> String {
    let doc = &pack.pack.document.number;
    match (verdict, zh) {
        (Verdict::Eligible, true) => format!("按{doc}，本小区符合改造条件。"),
        (Verdict::Eligible, false) => {
            format!("Under {doc}, the compound qualifies for renovation.")
        }
        (Verdict::Ineligible, true) => {
            let why: Vec<String> = failing.iter().map(|t| format!("“{}”", t.zh)).collect();
            format!("按{doc}，本小区不符合改造条件：不符合{}。", why.join("、"))
        }
        (Verdict::Ineligible, false) => {
            let why: Vec<String> = failing.iter().map(|t| format!("“{}”", t.en)).collect();
            format!(
                "Under {doc}, the compound does not qualify: it does not meet {}.",
                why.join(", ")
            )
        }
        (Verdict::Undetermined, _) => undetermined(pack, doc, to_provide, zh),
    }
}

/// Whether a resident can be expected to answer a fact (the schema's or the pack's audience).
fn resident_can_answer(pack: &ResolvedPack, path: &str) -> bool {
    use crate::schema::Audience;
    if let Some(f) = pack.facts.iter().find(|f| f.spec.key == path) {
        return f.spec.audience == Audience::Resident;
    }
    ESTATE
        .field(path)
        .is_some_and(|(_, f)| f.audience == Audience::Resident)
}

/// How many of a resident's open questions the undetermined verdict names (with three, all are
/// named; with more, the first two and the count).
const NAMED_IN_SUMMARY: usize = 2;

/// The undetermined verdict in one sentence a resident can act on: the questions they can answer
/// by name, and how many figures others hold (vote tallies, fund balances) — not a list of them.
fn undetermined(pack: &ResolvedPack, doc: &str, to_provide: &[&str], zh: bool) -> String {
    let (mine, others): (Vec<&str>, Vec<&str>) = to_provide
        .iter()
        .copied()
        .partition(|p| resident_can_answer(pack, p));
    let n = others.len() as u64;
    // A long list is the result's own `toProvide`, shown beside the sentence: the sentence names
    // the first two and says how many there are, so that it stays one sentence to act on.
    let ask = match mine.get(..NAMED_IN_SUMMARY) {
        Some(first) if mine.len() > NAMED_IN_SUMMARY + 1 => {
            let total = mine.len();
            let named: Vec<String> = first
                .iter()
                .map(|p| format!("“{}”", fact_name(pack, p, zh)))
                .collect();
            if zh {
                format!("{}等{total}个问题", named.join("、"))
            } else {
                format!("{total} questions, among them {}", named.join(" and "))
            }
        }
        _ => provide_list(pack, &mine, zh),
    };
    match (mine.is_empty(), n, zh) {
        (false, 0, true) => format!("按{doc}，还不能确定本小区是否符合改造条件：请回答{ask}。"),
        (false, _, true) => format!("按{doc}，还不能确定本小区是否符合改造条件：请回答{ask}；另有{n}项情况需社区、业主委员会提供。"),
        (true, _, true) => format!("按{doc}，还不能确定本小区是否符合改造条件：还需社区、业主委员会提供{n}项情况。"),
        (false, 0, false) => format!("Under {doc}, it cannot be said yet whether the compound qualifies: please answer {ask}."),
        (false, _, false) => format!(
            "Under {doc}, it cannot be said yet whether the compound qualifies: please answer {ask}; {n} more {} must come from the residents' or owners' committee.",
            super::plural(n, "figure", "figures")
        ),
        (true, _, false) => format!(
            "Under {doc}, it cannot be said yet whether the compound qualifies: {n} {} must come from the residents' or owners' committee.",
            super::plural(n, "figure", "figures")
        ),
    }
}

fn status_note(pack: &ResolvedPack, zh: bool) -> Option<String> {
    let d = &pack.pack.document;
    match d.status {
        DocumentStatus::DraftForComment => Some(if zh {
            format!(
                "《{}》是征求意见稿，尚未正式施行：结果仅供参考。",
                d.title.zh
            )
        } else {
            format!(
                "“{}” is a draft for comment, not in force: the result is indicative only.",
                d.title.en
            )
        }),
        _ => d.status_note.as_ref().map(|t| pick(t, zh).to_string()),
    }
}
