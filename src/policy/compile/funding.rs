//! Funding rules: their shares parsed as exact fractions, their conditions resolved to facts, and
//! the order in which a city pack's and its base's rules are tried.

use super::*;

pub(super) fn compile_funding(
    pack: &PolicyPack,
    base: Option<&ResolvedPack>,
    menu: &[MenuCategory],
    facts: &[CompiledFact],
    p: &mut Problems,
) -> Vec<CompiledFunding> {
    let mut seen = Vec::new();
    let mut own = Vec::new();
    for (i, r) in pack.funding.iter().enumerate() {
        let field = format!("funding[{i}]");
        check_id(&r.id, &format!("{field}.id"), &mut seen, p);
        check_text(&r.label, &format!("{field}.label"), p);
        check_text(&r.why, &format!("{field}.why"), p);
        check_source(&r.source, &format!("{field}.source"), p);
        if let Some(cs) = &r.applies.categories {
            for (k, c) in cs.iter().enumerate() {
                if !menu.iter().any(|m| &m.id == c) {
                    p.add(
                        format!("{field}.applies.categories[{k}]"),
                        format!("菜单中没有类别“{c}”"),
                        format!("the menu has no category \"{c}\""),
                    );
                }
            }
        }
        if let Some(is) = &r.applies.items {
            for (k, it) in is.iter().enumerate() {
                if !menu.iter().any(|m| m.items.iter().any(|x| &x.id == it)) {
                    p.add(
                        format!("{field}.applies.items[{k}]"),
                        format!("菜单中没有项目“{it}”"),
                        format!("the menu has no item \"{it}\""),
                    );
                }
            }
        }
        if let Some(t) = &r.reading {
            check_text(t, &format!("{field}.reading"), p);
        }
        if let Some(b) = &r.borrowed {
            check_text(
                &b.jurisdiction,
                &format!("{field}.borrowed.jurisdiction"),
                p,
            );
            check_source(&b.source, &format!("{field}.borrowed.source"), p);
            if r.basis != Basis::Assumption {
                p.add(
                    format!("{field}.basis"),
                    "借用其他地方的比例只能是假设（basis 为 assumption）",
                    "a ratio borrowed from elsewhere can only be an assumption (basis assumption)",
                );
            }
        }
        let (shares, unset) = compile_shares(
            &r.shares,
            r.applies.pipelines.is_some(),
            &format!("{field}.shares"),
            p,
        );
        let mut when = Vec::new();
        if let Some(c) = &r.applies.when {
            for (k, v) in &c.0 {
                if let Some(f) = resolve_flag(k, &format!("{field}.applies.when.{k}"), facts, p) {
                    when.push((f, *v));
                }
            }
        }
        own.push(CompiledFunding {
            spec: r.clone(),
            shares,
            unset,
            pack: pack.id.clone(),
            when,
        });
    }
    // Order: the pack's conditional rules; then, unless the pack's own catch-all is policy, the
    // base pack's conditional rules; then the catch-alls (own, then base). A document that says
    // "everything else is split 5:4:1" (policy) thus outranks the base pack's assumptions, while
    // a city whose own catch-all is only an assumption still gets the base's specific rules
    // (pipelines to their utilities) first.
    let base_rules: Vec<CompiledFunding> = base
        .map(|b| {
            b.funding
                .iter()
                .filter(|r| !own.iter().any(|o| o.spec.id == r.spec.id))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let (own_cond, own_all): (Vec<_>, Vec<_>) = own.into_iter().partition(|r| !r.is_catch_all());
    let (base_cond, base_all): (Vec<_>, Vec<_>) =
        base_rules.into_iter().partition(|r| !r.is_catch_all());
    let own_policy_catch_all = own_all.iter().any(|r| r.spec.basis == Basis::Policy);
    let ordered: Vec<CompiledFunding> = if own_policy_catch_all {
        own_cond
            .into_iter()
            .chain(own_all)
            .chain(base_cond)
            .chain(base_all)
            .collect()
    } else {
        own_cond
            .into_iter()
            .chain(base_cond)
            .chain(own_all)
            .chain(base_all)
            .collect()
    };
    if !ordered.iter().any(|r| r.is_catch_all()) {
        p.add(
            "funding",
            "缺少适用于所有项目的兜底规则（applies 为空）",
            "no catch-all funding rule (empty `applies`)",
        );
    }
    ordered
}

/// Parses share weights (relative, so only their sum must be positive) and the payers named
/// without a share.
pub(super) fn compile_shares(
    shares: &[ShareSpec],
    has_pipeline: bool,
    field: &str,
    p: &mut Problems,
) -> (Vec<(PartyRef, Fraction)>, Vec<Party>) {
    let mut out: Vec<(PartyRef, Fraction)> = Vec::new();
    let mut unset: Vec<Party> = Vec::new();
    if shares.is_empty() {
        p.add(field, "没有出资方", "no parties");
    }
    let weighted = shares.iter().filter(|s| !s.unset).count();
    if !shares.is_empty() && weighted == 0 {
        p.add(
            field,
            "至少要有一个出资方有比例",
            "at least one party needs a weight",
        );
    }
    for (i, s) in shares.iter().enumerate() {
        let f = format!("{field}[{i}]");
        if s.unset {
            if s.weight.is_some() {
                p.add(
                    format!("{f}.weight"),
                    "未定份额的出资方不能有比例",
                    "a party whose share is not set cannot have a weight",
                );
            }
            match Party::from_id(&s.party) {
                Some(x)
                    if unset.contains(&x) || out.iter().any(|(q, _)| *q == PartyRef::Fixed(x)) =>
                {
                    p.add(
                        format!("{f}.party"),
                        "出资方重复",
                        "the party appears twice",
                    );
                }
                Some(x) => unset.push(x),
                None => p.add(
                    format!("{f}.party"),
                    format!("不认识的出资方“{}”（未定份额的只能是具体出资方）", s.party),
                    format!(
                        "unknown party \"{}\" (a party without a share must be a named payer)",
                        s.party
                    ),
                ),
            }
            continue;
        }
        let Some(weight_text) = &s.weight else {
            p.add(
                format!("{f}.weight"),
                "缺少比例（文件未定份额的出资方写 \"unset\": true）",
                "the weight is missing (a payer the document gives no share is written \"unset\": true)",
            );
            continue;
        };
        let party = if s.party == PIPELINE_UTILITY {
            if !has_pipeline {
                p.add(
                    format!("{f}.party"),
                    "只有限定了管线的规则才能使用 pipelineUtility",
                    "pipelineUtility needs a rule restricted to pipelines",
                );
            }
            Some(PartyRef::PipelineUtility)
        } else {
            match Party::from_id(&s.party) {
                Some(x) => Some(PartyRef::Fixed(x)),
                None => {
                    p.add(
                        format!("{f}.party"),
                        format!("不认识的出资方“{}”", s.party),
                        format!("unknown party \"{}\"", s.party),
                    );
                    None
                }
            }
        };
        let weight = pack_fraction(weight_text);
        if weight.is_none() {
            p.add(
                format!("{f}.weight"),
                format!("比例“{weight_text}”应为不大于 {MAX_PACK_TERM_WORD} 的非负数或分数"),
                format!("weight \"{weight_text}\" must be a non-negative number or fraction of at most {MAX_PACK_TERM_WORD}"),
            );
        }
        if let (Some(party), Some(w)) = (party, weight) {
            let twice_unset = matches!(party, PartyRef::Fixed(x) if unset.contains(&x));
            if twice_unset || out.iter().any(|(q, _)| *q == party) {
                p.add(
                    format!("{f}.party"),
                    "出资方重复",
                    "the party appears twice",
                );
            }
            out.push((party, w));
        }
    }
    if weighted > 0 && out.len() == weighted && out.iter().all(|(_, w)| w.is_zero()) {
        p.add(
            field,
            "比例之和必须大于零",
            "the weights must not all be zero",
        );
    }
    (out, unset)
}
