//! Rules with thresholds: owners' consent, the 民法典 art. 278 vote, the maintenance fund.
//!
//! Everything is compared as exact fractions: 40 of 60 owners is exactly 2/3 and passes
//! "三分之二以上" (art. 1259: 以上 includes the number itself); "过半数" needs strictly more. Gaps
//! are computed exactly and rounded up (a person needs whole owners, and m² or 元 to the
//! hundredth), and a gap that cannot be computed is left out rather than guessed.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::{share_text, Gap, Judgement, Measure, Num, Outcome, PartWhat, SharePart};
use crate::estate::{Estate, HousingType};
use crate::fraction::Fraction;
use crate::policy::compile::{NumRef, TallyRef};
use crate::policy::model::TallyUnit;
use crate::policy::Thr;

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
        target.floor().checked_add(1)?
    };
    u64::try_from(n).ok()
}

/// Smallest amount, in hundredths, to add to `have` so that it reaches the threshold of `total`;
/// zero when it already does. `None` when it cannot be computed exactly.
fn hundredths_needed(have: Fraction, total: Fraction, t: Thr) -> Option<Decimal> {
    if reaches(have, total, t)? {
        return Some(Decimal::ZERO);
    }
    let target = t.share.checked_mul(total)?;
    let missing = target.checked_sub(have).unwrap_or(Fraction::ZERO);
    let hundredths = missing.checked_mul(Fraction::from_integer(100))?;
    let steps = if t.inclusive {
        hundredths.ceil()
    } else {
        hundredths.floor().checked_add(1)?
    };
    Decimal::try_from_i128_with_scale(steps, 2).ok()
}

fn frac(d: Decimal) -> Option<Fraction> {
    Fraction::from_decimal(d)
}

/// One share part over counts.
fn count_part(
    what: PartWhat,
    have: Option<u64>,
    of: Option<u64>,
    t: Thr,
) -> (SharePart, Option<u64>) {
    let mut part = SharePart {
        what,
        have: have.map(|h| Num(Decimal::from(h))),
        of: of.map(|o| Num(Decimal::from(o))),
        threshold: share_text(t.share),
        inclusive: t.inclusive,
        reached: None,
        needed: None,
        limit: false,
        housing: None,
    };
    let (Some(h), Some(o)) = (have, of) else {
        return (part, None);
    };
    part.reached = reaches(Fraction::from_integer(h), Fraction::from_integer(o), t);
    let needed = part
        .reached
        .and_then(|_| count_needed(o, t))
        .map(|n| n.saturating_sub(h));
    part.needed = needed.map(|n| Num(Decimal::from(n)));
    (part, needed)
}

/// One share part over areas (m²).
fn area_part(
    what: PartWhat,
    have: Option<Decimal>,
    of: Option<Decimal>,
    t: Thr,
) -> (SharePart, Option<Decimal>) {
    let mut part = SharePart {
        what,
        have: have.map(Num),
        of: of.map(Num),
        threshold: share_text(t.share),
        inclusive: t.inclusive,
        reached: None,
        needed: None,
        limit: false,
        housing: None,
    };
    let (Some(h), Some(o)) = (have.and_then(frac), of.and_then(frac)) else {
        return (part, None);
    };
    part.reached = reaches(h, o, t);
    let needed = part.reached.and_then(|_| hundredths_needed(h, o, t));
    part.needed = needed.map(|d| Num(d.normalize()));
    (part, needed)
}

/// Fail beats unknown beats pass: one failed part settles it, an unknown part keeps it open.
fn combine(parts: &[SharePart]) -> Outcome {
    if parts.iter().any(|p| p.ok() == Some(false)) {
        Outcome::Fail
    } else if parts.iter().any(|p| p.ok().is_none()) {
        Outcome::Unknown
    } else {
        Outcome::Pass
    }
}

fn finish<'p>(parts: Vec<SharePart>, mut provide: Vec<&'p str>, gap: Gap) -> Judgement<'p> {
    let outcome = combine(&parts);
    if outcome == Outcome::Fail {
        provide.clear();
    }
    Judgement {
        outcome,
        measure: Measure::Shares { parts },
        provide,
        gap: Some(gap),
    }
}

/// Share of all owners (or households, by the tally) and/or of all exclusive area in favour.
pub(super) fn support<'p>(
    tally: &'p TallyRef,
    count: Option<Thr>,
    area: Option<Thr>,
    e: &Estate,
) -> Judgement<'p> {
    let (o, a) = (tally.counts(e), tally.areas(e));
    let [c_total, _, c_yes, a_total, _, a_yes] = &tally.paths;
    let mut gap = Gap::default();
    let mut provide = Vec::new();
    let mut parts = Vec::new();
    if let Some(t) = count {
        if o.total.is_none() {
            provide.push(c_total.as_str());
        }
        if o.in_favour.is_none() {
            provide.push(c_yes.as_str());
        }
        let households = tally.unit == TallyUnit::Households;
        let what = if households {
            PartWhat::HouseholdsInFavour
        } else {
            PartWhat::OwnersInFavour
        };
        let (part, more) = count_part(what, o.in_favour, o.total, t);
        if households {
            gap.households = more;
        } else {
            gap.owners = more;
        }
        parts.push(part);
    }
    if let Some(t) = area {
        if a.total.is_none() {
            provide.push(a_total.as_str());
        }
        if a.in_favour.is_none() {
            provide.push(a_yes.as_str());
        }
        let (part, more) = area_part(PartWhat::AreaInFavour, a.in_favour, a.total, t);
        gap.area = more.map(|d| Num(d.normalize()));
        parts.push(part);
    }
    finish(parts, provide, gap)
}

/// 民法典 art. 278: participation of owners and area reaches `quorum`, then those in favour
/// reach `majority` of the participating owners and area.
pub(super) fn vote<'p>(
    tally: &'p TallyRef,
    quorum: Thr,
    majority: Thr,
    e: &Estate,
) -> Judgement<'p> {
    let (o, a) = (tally.counts(e), tally.areas(e));
    let mut provide = Vec::new();
    for (missing, path) in [
        o.total.is_none(),
        o.voted.is_none(),
        o.in_favour.is_none(),
        a.total.is_none(),
        a.voted.is_none(),
        a.in_favour.is_none(),
    ]
    .into_iter()
    .zip(&tally.paths)
    {
        if missing {
            provide.push(path.as_str());
        }
    }
    let mut gap = Gap::default();
    let (p_owners, g1) = count_part(PartWhat::OwnersTakingPart, o.voted, o.total, quorum);
    let (p_area, g2) = area_part(PartWhat::AreaTakingPart, a.voted, a.total, quorum);
    let (m_owners, g3) = count_part(
        PartWhat::OwnersInFavourOfVoted,
        o.in_favour,
        o.voted,
        majority,
    );
    let (m_area, g4) = area_part(
        PartWhat::AreaInFavourOfVoted,
        a.in_favour,
        a.voted,
        majority,
    );
    gap.participating_owners = g1;
    gap.participating_area = g2.map(|d| Num(d.normalize()));
    gap.owners = g3;
    gap.area = g4.map(|d| Num(d.normalize()));
    finish(vec![p_owners, p_area, m_owners, m_area], provide, gap)
}

/// `part` ÷ `whole` against a threshold, as a floor (`limit` false) or an upper limit. Without the
/// part, a compound wholly of `by_type` housing has share 1 and one wholly of another single type
/// share 0; a mixed one needs the counts. A whole of zero decides nothing.
pub(super) fn share<'p>(
    part: &'p NumRef,
    whole: &'p NumRef,
    t: Thr,
    limit: bool,
    by_type: Option<HousingType>,
    e: &Estate,
) -> Judgement<'p> {
    let (p, w) = (part.value(e), whole.value(e));
    let mut sp = SharePart {
        what: PartWhat::Part,
        have: p.map(|(d, _)| Num(d.normalize())),
        of: w.map(|(d, _)| Num(d.normalize())),
        threshold: share_text(t.share),
        inclusive: t.inclusive,
        reached: None,
        needed: None,
        limit,
        housing: None,
    };
    let unknown = |sp: SharePart, provide: Vec<&'p str>| Judgement {
        outcome: Outcome::Unknown,
        measure: Measure::Shares { parts: vec![sp] },
        provide,
        gap: None,
    };
    match (p, w) {
        (Some((pd, p_count)), Some((wd, w_count))) => {
            let (Some(pf), Some(wf)) = (frac(pd), frac(wd)) else {
                return unknown(sp, Vec::new());
            };
            sp.reached = reaches(pf, wf, t);
            let Some(reached) = sp.reached else {
                // A whole of zero: there is no share to speak of.
                return unknown(sp, vec![whole.key()]);
            };
            let moved = units_to_move(pf, wf, t, limit, reached, !(p_count && w_count));
            sp.needed = moved;
            let outcome = if sp.ok() == Some(true) {
                Outcome::Pass
            } else {
                Outcome::Fail
            };
            Judgement {
                outcome,
                measure: Measure::Shares { parts: vec![sp] },
                provide: Vec::new(),
                gap: moved.map(|m| Gap {
                    part: Some(m),
                    ..Gap::default()
                }),
            }
        }
        (None, _) => {
            let pure = e.housing_type().filter(|h| *h != HousingType::Mixed);
            match (by_type, pure) {
                (Some(ty), Some(h)) => {
                    // Wholly of the type: the share is 1, which reaches any threshold up to 1;
                    // wholly of another type: 0, which reaches none (thresholds are above zero).
                    sp.housing = Some(h);
                    sp.reached = Some(h == ty);
                    let outcome = if sp.ok() == Some(true) {
                        Outcome::Pass
                    } else {
                        Outcome::Fail
                    };
                    Judgement::new(outcome, Measure::Shares { parts: vec![sp] })
                }
                _ => {
                    // A housing type not given at all may settle it alone; a mixed one cannot.
                    let mut provide = Vec::with_capacity(3);
                    if by_type.is_some() && e.housing_type().is_none() {
                        provide.push(Estate::key(crate::schema::EstateField::HousingType));
                    }
                    provide.push(part.key());
                    if w.is_none() {
                        provide.push(whole.key());
                    }
                    unknown(sp, provide)
                }
            }
        }
        (Some(_), None) => unknown(sp, vec![whole.key()]),
    }
}

/// How much of the part must move for the share to pass: more to reach a floor, fewer to stay
/// under an upper limit; whole units for counts, hundredths for decimals, rounded up; 0 when it
/// passes.
fn units_to_move(
    p: Fraction,
    w: Fraction,
    t: Thr,
    limit: bool,
    reached: bool,
    decimal: bool,
) -> Option<Num> {
    if reached != limit {
        return Some(Num(Decimal::ZERO));
    }
    let scale = Fraction::from_integer(if decimal { 100 } else { 1 });
    let target = t.share.checked_mul(w)?;
    let steps = if limit {
        // Reached: move m with p − m below the threshold.
        let over = p.checked_sub(target)?.checked_mul(scale)?;
        if t.inclusive {
            over.floor().checked_add(1)?
        } else {
            over.ceil()
        }
    } else {
        // Not reached: move m with p + m at (or, exclusive, above) the threshold.
        let short = target.checked_sub(p)?.checked_mul(scale)?;
        if t.inclusive {
            short.ceil()
        } else {
            short.floor().checked_add(1)?
        }
    };
    Decimal::try_from_i128_with_scale(steps.max(0), if decimal { 2 } else { 0 })
        .ok()
        .map(|d| Num(d.normalize()))
}

/// The maintenance-fund balance is at least `share` of the first collection; a share of 0 asks
/// only whether a fund was set up (a first collection above zero).
pub(super) fn maintenance_fund<'p>(share: Thr, e: &Estate) -> Judgement<'p> {
    let (initial, balance) = e.maintenance_fund();
    if share.share.is_zero() {
        return match initial {
            None => Judgement::unknown(&[Estate::key(crate::schema::EstateField::FundInitial)]),
            Some(i) => Judgement::new(
                if i.is_zero() {
                    Outcome::Fail
                } else {
                    Outcome::Pass
                },
                Measure::Fund {
                    initial: Num(i),
                    balance: Num(balance.unwrap_or_default()),
                    threshold: share_text(share.share),
                    inclusive: true,
                    reached: !i.is_zero(),
                    needed: None,
                },
            ),
        };
    }
    let (Some(initial), Some(balance)) = (initial, balance) else {
        let mut provide = Vec::new();
        if initial.is_none() {
            provide.push(Estate::key(crate::schema::EstateField::FundInitial));
        }
        if balance.is_none() {
            provide.push(Estate::key(crate::schema::EstateField::FundBalance));
        }
        return Judgement {
            outcome: Outcome::Unknown,
            measure: Measure::None,
            provide,
            gap: None,
        };
    };
    let threshold = share_text(share.share);
    if initial.is_zero() {
        // No fund was ever set up: there is no first collection to be a share of.
        return Judgement::new(
            Outcome::Fail,
            Measure::Fund {
                initial: Num(initial),
                balance: Num(balance),
                threshold,
                inclusive: share.inclusive,
                reached: false,
                needed: None,
            },
        );
    }
    let reached = match (frac(balance), frac(initial)) {
        (Some(b), Some(i)) => reaches(b, i, share).map(|ok| (ok, b, i)),
        _ => None,
    };
    let Some((ok, b, i)) = reached else {
        return Judgement::unknown(&[Estate::key(crate::schema::EstateField::FundBalance)]);
    };
    let needed = if ok {
        None
    } else {
        hundredths_needed(b, i, share)
    };
    Judgement {
        outcome: if ok { Outcome::Pass } else { Outcome::Fail },
        measure: Measure::Fund {
            initial: Num(initial),
            balance: Num(balance),
            threshold,
            inclusive: share.inclusive,
            reached: ok,
            needed: needed.map(|d| Num(d.normalize())),
        },
        provide: Vec::new(),
        gap: Some(Gap {
            fund: needed.map(|d| Num(d.normalize())),
            ..Gap::default()
        }),
    }
}
