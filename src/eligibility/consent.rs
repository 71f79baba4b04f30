//! Rules with thresholds: owners' consent, the 民法典 art. 278 vote, the maintenance fund.
//!
//! Everything is compared as exact fractions: 40 of 60 owners is exactly 2/3 and passes
//! "三分之二以上" (art. 1259: 以上 includes the number itself); "过半数" needs strictly more.

use std::cmp::Ordering;

use super::{Gap, Judgement, Outcome};
use crate::estate::Estate;
use crate::fraction::Fraction;
use crate::numbers::{Count, Dec};
use crate::policy::Thr;
use crate::text::Text;

fn thr_text(t: Thr) -> Text {
    if t.inclusive {
        Text::new(
            format!("不低于{}", t.share),
            format!("at least {}", t.share),
        )
    } else {
        Text::new(format!("超过{}", t.share), format!("more than {}", t.share))
    }
}

/// Does `part / whole` reach the threshold? `None` when `whole` is zero or on overflow.
fn reaches(part: Fraction, whole: Fraction, t: Thr) -> Option<bool> {
    if whole.is_zero() {
        return None;
    }
    let target = t.share.checked_mul(whole)?;
    let ord = part.checked_cmp(target)?;
    Some(if t.inclusive {
        ord != Ordering::Less
    } else {
        ord == Ordering::Greater
    })
}

/// Smallest whole count that reaches the threshold of `total`.
fn count_needed(total: u64, t: Thr) -> Option<u64> {
    let target = t.share.checked_mul(Fraction::from_integer(total))?;
    let n = if t.inclusive {
        target.ceil()
    } else {
        target.floor() + 1
    };
    u64::try_from(n).ok()
}

/// Smallest amount (to 0.01) to add to `have` so that it reaches the threshold of `total`.
fn area_gap(have: Fraction, total: Fraction, t: Thr) -> Option<String> {
    let target = t.share.checked_mul(total)?;
    let missing = match target.checked_sub(have) {
        Some(m) => m,
        None => return Some("0".into()), // already above
    };
    let hundredths = missing.checked_mul(Fraction::from_integer(100))?;
    let steps = if t.inclusive {
        hundredths.ceil()
    } else {
        hundredths.floor() + 1
    };
    rust_decimal::Decimal::try_from_i128_with_scale(steps, 2)
        .ok()
        .map(|d| d.normalize().to_string())
}

fn frac_count(c: Count) -> Fraction {
    Fraction::from_integer(c.0)
}

fn frac_dec(d: Dec) -> Option<Fraction> {
    Fraction::from_decimal(d.0)
}

/// One measured share against its threshold: (outcome, zh, en, gap in that unit).
struct Part {
    outcome: Outcome,
    zh: String,
    en: String,
}

impl Part {
    fn unknown() -> Part {
        Part {
            outcome: Outcome::Unknown,
            zh: String::new(),
            en: String::new(),
        }
    }
}

/// One measured share against its threshold, worded for people: `have` of `of` in `unit`
/// (`("人", "")` or `("平方米", " m²")`). `gap` receives the amount still needed, as text.
fn share_part(
    what: &Text,
    have: Fraction,
    of: Fraction,
    unit: (&str, &str),
    t: Thr,
    more: impl FnOnce() -> String,
) -> (Part, Option<String>) {
    let Some(ok) = reaches(have, of, t) else {
        let part = Part {
            outcome: Outcome::Unknown,
            zh: format!("{}总数为0，无法计算比例", what.zh),
            en: format!("the total of {} is 0, no share can be computed", what.en),
        };
        return (part, None);
    };
    let pct = have
        .checked_div(of)
        .map(|f| f.percent_text())
        .unwrap_or_default();
    let (th, needed) = (thr_text(t), more());
    let shown = (decimal_text(have), decimal_text(of));
    let (vz, ve) = if ok {
        ("达到", "reaching")
    } else {
        ("未达到", "short of")
    };
    let (more_z, more_e) = if ok {
        (String::new(), String::new())
    } else {
        (
            format!("，还需{needed}{}", unit.0),
            format!("; {needed}{} more needed", unit.1),
        )
    };
    let part = Part {
        outcome: if ok { Outcome::Pass } else { Outcome::Fail },
        zh: format!(
            "{}{}/{}{}（{pct}），{vz}{}{more_z}",
            what.zh, shown.0, shown.1, unit.0, th.zh
        ),
        en: format!(
            "{} {} of {}{} ({pct}), {ve} {}{more_e}",
            what.en, shown.0, shown.1, unit.1, th.en
        ),
    };
    (part, Some(needed))
}

fn decimal_text(f: Fraction) -> String {
    f.to_decimal_ceil(4)
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|| f.to_string())
}

fn count_part(
    what: &Text,
    have: Option<Count>,
    of: Option<Count>,
    t: Thr,
    gap: &mut Option<u64>,
) -> Part {
    let (Some(have), Some(of)) = (have, of) else {
        return Part::unknown();
    };
    let needed = || {
        count_needed(of.0, t)
            .unwrap_or(u64::MAX)
            .saturating_sub(have.0)
            .to_string()
    };
    let (part, more) = share_part(
        what,
        frac_count(have),
        frac_count(of),
        ("人", ""),
        t,
        needed,
    );
    *gap = more.and_then(|m| m.parse().ok());
    part
}

fn area_part(
    what: &Text,
    have: Option<Dec>,
    of: Option<Dec>,
    t: Thr,
    gap: &mut Option<String>,
) -> Part {
    let (Some(h), Some(o)) = (have.and_then(frac_dec), of.and_then(frac_dec)) else {
        return Part::unknown();
    };
    let needed = || area_gap(h, o, t).unwrap_or_else(|| "?".into());
    let (part, more) = share_part(what, h, o, ("平方米", " m²"), t, needed);
    *gap = more;
    part
}

/// Fail beats unknown beats pass: one failed part settles it, an unknown part keeps it open.
fn combine(parts: &[&Part]) -> Outcome {
    if parts.iter().any(|p| p.outcome == Outcome::Fail) {
        Outcome::Fail
    } else if parts.iter().any(|p| p.outcome == Outcome::Unknown) {
        Outcome::Unknown
    } else {
        Outcome::Pass
    }
}

fn join(parts: &[&Part], sep_zh: &str, sep_en: &str) -> (String, String) {
    let zh: Vec<&str> = parts
        .iter()
        .filter(|p| !p.zh.is_empty())
        .map(|p| p.zh.as_str())
        .collect();
    let en: Vec<&str> = parts
        .iter()
        .filter(|p| !p.en.is_empty())
        .map(|p| p.en.as_str())
        .collect();
    (zh.join(sep_zh), en.join(sep_en))
}

fn finish(
    outcome: Outcome,
    zh: String,
    en: String,
    label: &Text,
    provide: Vec<&str>,
    gap: Gap,
) -> Judgement {
    let (zh, en) = match outcome {
        Outcome::Pass => (
            format!("{zh}；符合“{}”", label.zh),
            format!("{en}: meets \"{}\"", label.en),
        ),
        Outcome::Fail => (
            format!("{zh}；不符合“{}”", label.zh),
            format!("{en}: does not meet \"{}\"", label.en),
        ),
        Outcome::Unknown if !provide.is_empty() => {
            // Plain names for people, the path for machines: “业主人数·参与表决”（owners.voted）.
            let names: Vec<Text> = provide
                .iter()
                .map(|p| crate::error::field_name(p))
                .collect();
            let list = names
                .iter()
                .map(|n| n.zh.as_str())
                .collect::<Vec<_>>()
                .join("、");
            let list_en = names
                .iter()
                .map(|n| n.en.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            let lead_zh = if zh.is_empty() {
                String::new()
            } else {
                format!("{zh}；")
            };
            let lead_en = if en.is_empty() {
                String::new()
            } else {
                format!("{en}; ")
            };
            (
                format!("{lead_zh}请提供：{list}"),
                format!("{lead_en}please provide: {list_en}"),
            )
        }
        Outcome::Unknown => (zh, en),
    };
    Judgement {
        outcome,
        message: Text::new(zh, en),
        provide: provide.into_iter().map(String::from).collect(),
        gap: Some(gap),
    }
}

pub(super) fn support(
    owners: Option<Thr>,
    area: Option<Thr>,
    label: &Text,
    e: &Estate,
) -> Judgement {
    let o = e.owners.unwrap_or_default();
    let a = e.owner_area.unwrap_or_default();
    let mut gap = Gap::default();
    let mut provide = Vec::new();
    let mut parts = Vec::new();
    if let Some(t) = owners {
        if o.total.is_none() {
            provide.push("owners.total");
        }
        if o.in_favour.is_none() {
            provide.push("owners.inFavour");
        }
        parts.push(count_part(
            &Text::new("同意业主", "owners in favour"),
            o.in_favour,
            o.total,
            t,
            &mut gap.owners,
        ));
    }
    if let Some(t) = area {
        if a.total.is_none() {
            provide.push("ownerArea.total");
        }
        if a.in_favour.is_none() {
            provide.push("ownerArea.inFavour");
        }
        parts.push(area_part(
            &Text::new("同意业主专有面积", "exclusive area in favour"),
            a.in_favour,
            a.total,
            t,
            &mut gap.area,
        ));
    }
    let refs: Vec<&Part> = parts.iter().collect();
    let (zh, en) = join(&refs, "；", "; ");
    let outcome = combine(&refs);
    if outcome == Outcome::Fail {
        provide.clear();
    }
    finish(outcome, zh, en, label, provide, gap)
}

pub(super) fn vote(quorum: Thr, majority: Thr, label: &Text, e: &Estate) -> Judgement {
    let o = e.owners.unwrap_or_default();
    let a = e.owner_area.unwrap_or_default();
    let mut provide = Vec::new();
    for (v, f) in [
        (o.total.is_none(), "owners.total"),
        (o.voted.is_none(), "owners.voted"),
        (o.in_favour.is_none(), "owners.inFavour"),
        (a.total.is_none(), "ownerArea.total"),
        (a.voted.is_none(), "ownerArea.voted"),
        (a.in_favour.is_none(), "ownerArea.inFavour"),
    ] {
        if v {
            provide.push(f);
        }
    }
    let mut gap = Gap::default();
    let p_owners = count_part(
        &Text::new("参与表决业主", "owners taking part"),
        o.voted,
        o.total,
        quorum,
        &mut gap.participating_owners,
    );
    let p_area = area_part(
        &Text::new("参与表决专有面积", "area taking part"),
        a.voted,
        a.total,
        quorum,
        &mut gap.participating_area,
    );
    let m_owners = count_part(
        &Text::new(
            "参与表决业主中同意",
            "of those taking part, owners in favour",
        ),
        o.in_favour,
        o.voted,
        majority,
        &mut gap.owners,
    );
    let m_area = area_part(
        &Text::new(
            "参与表决面积中同意",
            "of the area taking part, area in favour",
        ),
        a.in_favour,
        a.voted,
        majority,
        &mut gap.area,
    );
    let refs = [&p_owners, &p_area, &m_owners, &m_area];
    let (zh, en) = join(&refs, "；", "; ");
    let outcome = combine(&refs);
    if outcome == Outcome::Fail {
        provide.clear();
    }
    finish(outcome, zh, en, label, provide, gap)
}

pub(super) fn maintenance_fund(share: Thr, label: &Text, e: &Estate) -> Judgement {
    let f = e.maintenance_fund.unwrap_or_default();
    let (Some(initial), Some(balance)) = (f.initial, f.balance) else {
        let mut provide = Vec::new();
        if f.initial.is_none() {
            provide.push("maintenanceFund.initial");
        }
        if f.balance.is_none() {
            provide.push("maintenanceFund.balance");
        }
        return finish(
            Outcome::Unknown,
            String::new(),
            String::new(),
            label,
            provide,
            Gap::default(),
        );
    };
    if initial.0.is_zero() {
        return Judgement::new(
            Outcome::Fail,
            format!("未建立住宅专项维修资金；不符合“{}”", label.zh),
            format!(
                "no maintenance fund has been set up: does not meet \"{}\"",
                label.en
            ),
        );
    }
    let (Some(i), Some(b)) = (frac_dec(initial), frac_dec(balance)) else {
        return Judgement::unknown(
            &["maintenanceFund.balance"],
            "金额无法精确计算",
            "amount cannot be computed exactly",
        );
    };
    let ok = reaches(b, i, share).unwrap_or(false);
    let pct = b
        .checked_div(i)
        .map(|x| x.percent_text())
        .unwrap_or_default();
    let th = thr_text(share);
    let gap = if ok { None } else { area_gap(b, i, share) };
    let (zh, en) = (
        format!("维修资金余额{balance}元，为首期筹集金额{initial}元的{pct}（要求{}）", th.zh),
        format!("fund balance {balance} 元 is {pct} of the first collection of {initial} 元 (required: {})", th.en),
    );
    let (zh, en) = match &gap {
        Some(g) => (
            format!("{zh}，还需续筹{g}元"),
            format!("{en}; {g} 元 more needed"),
        ),
        None => (zh, en),
    };
    let outcome = if ok { Outcome::Pass } else { Outcome::Fail };
    finish(
        outcome,
        zh,
        en,
        label,
        Vec::new(),
        Gap {
            fund: gap,
            ..Gap::default()
        },
    )
}
