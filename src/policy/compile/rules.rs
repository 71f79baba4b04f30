//! Eligibility rules: each rule's test compiled against the pack's facts and menu, thresholds
//! parsed exactly, the base pack's rules inherited (or excluded), and the `document-status` rule.

use super::*;

/// Largest numerator or denominator of a pack's fraction, and largest weight: real documents
/// write 2/3, 9/10, 5 : 4 : 1 or 80 %. The bound keeps every split of the largest amount exact.
pub(super) const MAX_PACK_TERM: i128 = MAX_PACK_TERM_WORD as i128;
/// [`MAX_PACK_TERM`] as the messages write it (a `u64`: writing an `i128` would bring its own
/// formatting code into the resident module for this one number).
pub(super) const MAX_PACK_TERM_WORD: u64 = 1_000_000;

/// A pack's fraction or weight, if it is small enough to compute with exactly.
pub(super) fn pack_fraction(text: &str) -> Option<Fraction> {
    let f = Fraction::parse(text)?;
    (f.num() <= MAX_PACK_TERM && f.den() <= MAX_PACK_TERM).then_some(f)
}

pub(super) fn threshold(t: &Threshold, field: &str, p: &mut Problems) -> Option<Thr> {
    threshold_from(t, field, false, p)
}

/// A threshold; `zero_ok` lets an inclusive 0 through (the maintenance fund "set up at all").
pub(super) fn threshold_from(
    t: &Threshold,
    field: &str,
    zero_ok: bool,
    p: &mut Problems,
) -> Option<Thr> {
    match pack_fraction(&t.share) {
        Some(f) if zero_ok && f.is_zero() && t.inclusive => Some(Thr {
            share: f,
            inclusive: true,
        }),
        // A share of exactly 1 that must be exceeded can never be reached.
        Some(f) if f == Fraction::ONE && !t.inclusive => {
            p.add(
                format!("{field}.inclusive"),
                "比例为 1 且不含本数，永远无法达到",
                "a share of 1 that must be exceeded can never be reached",
            );
            None
        }
        Some(f)
            if !f.is_zero()
                && f.checked_cmp(Fraction::ONE) != Some(std::cmp::Ordering::Greater) =>
        {
            Some(Thr {
                share: f,
                inclusive: t.inclusive,
            })
        }
        _ => {
            p.add(
                format!("{field}.share"),
                format!("比例“{}”应为 0 到 1 之间的分数，如“2/3”", t.share),
                format!(
                    "share \"{}\" must be a fraction in (0, 1], such as \"2/3\"",
                    t.share
                ),
            );
            None
        }
    }
}

pub(super) fn compile_test(
    test: &RuleTest,
    field: &str,
    pack: &PolicyPack,
    facts: &[CompiledFact],
    p: &mut Problems,
) -> Option<CompiledTest> {
    // Paths name the variant key as the file has it: `test.support.owners.share`.
    let variant = match test {
        RuleTest::BuiltBy { .. } => "builtBy",
        RuleTest::LocationIn { .. } => "locationIn",
        RuleTest::HousingTypeIn { .. } => "housingTypeIn",
        RuleTest::HousingTypeNotIn { .. } => "housingTypeNotIn",
        RuleTest::Flag { .. } => "flag",
        RuleTest::ChoiceIn { .. } => "choiceIn",
        RuleTest::Checklist(_) => "checklist",
        RuleTest::Share { .. } => "share",
        RuleTest::OnTargetList {} => "onTargetList",
        RuleTest::Support { .. } => "support",
        RuleTest::Vote { .. } => "vote",
        RuleTest::MaintenanceFund { .. } => "maintenanceFund",
        RuleTest::DocumentStatus {} => "documentStatus",
    };
    let field = &format!("{field}.{variant}");
    Some(match test {
        RuleTest::BuiltBy { year, inclusive } => {
            if !(crate::numbers::MIN_YEAR..=crate::numbers::MAX_YEAR).contains(year) {
                p.add(
                    format!("{field}.year"),
                    "年份超出范围",
                    "the year is out of range",
                );
            }
            CompiledTest::BuiltBy {
                year: *year,
                inclusive: *inclusive,
            }
        }
        RuleTest::LocationIn { allowed } => {
            if allowed.is_empty() {
                p.add(format!("{field}.allowed"), "列表为空", "the list is empty");
            }
            CompiledTest::LocationIn(allowed.clone())
        }
        RuleTest::HousingTypeIn { allowed } => {
            if allowed.is_empty() {
                p.add(format!("{field}.allowed"), "列表为空", "the list is empty");
            }
            CompiledTest::HousingTypeIn(allowed.clone())
        }
        RuleTest::HousingTypeNotIn { excluded } => {
            if excluded.is_empty() {
                p.add(format!("{field}.excluded"), "列表为空", "the list is empty");
            }
            CompiledTest::HousingTypeNotIn(excluded.clone())
        }
        RuleTest::Flag { flag, required } => CompiledTest::Flag {
            fact: resolve_flag(flag, &format!("{field}.flag"), facts, p)?,
            required: *required,
        },
        RuleTest::ChoiceIn { fact, allowed } => {
            let fact = resolve_choice(fact, &format!("{field}.fact"), facts, p)?;
            if allowed.is_empty() {
                p.add(format!("{field}.allowed"), "列表为空", "the list is empty");
            }
            let mut positions = Vec::with_capacity(allowed.len());
            for (k, a) in allowed.iter().enumerate() {
                match fact
                    .ids
                    .iter()
                    .position(|i| i == a)
                    .and_then(|i| u16::try_from(i).ok())
                {
                    Some(i) => positions.push(i),
                    None => p.add(
                        format!("{field}.allowed[{k}]"),
                        format!(
                            "“{}”没有可选值“{a}”（可选：{}）",
                            fact.fact.key(),
                            fact.ids.join("、")
                        ),
                        format!(
                            "“{}” has no value “{a}” (values: {})",
                            fact.fact.key(),
                            fact.ids.join(", ")
                        ),
                    ),
                }
            }
            CompiledTest::ChoiceIn {
                fact,
                allowed: positions,
            }
        }
        RuleTest::Checklist(items) => {
            if items.is_empty() {
                p.add(field, "清单为空", "the checklist is empty");
            }
            let mut out = Vec::with_capacity(items.len());
            for (k, it) in items.iter().enumerate() {
                check_text(&it.label, &format!("{field}[{k}].label"), p);
                if let Some(f) = resolve_flag(&it.fact, &format!("{field}[{k}].fact"), facts, p) {
                    out.push((f, it.required));
                }
            }
            (out.len() == items.len()).then_some(CompiledTest::Checklist(out))?
        }
        RuleTest::Share {
            part,
            whole,
            must_reach,
            must_not_reach,
            by_housing_type,
        } => {
            let part_ref = resolve_number(part, &format!("{field}.part"), facts, p);
            let whole_ref = resolve_number(whole, &format!("{field}.whole"), facts, p);
            if by_housing_type == &Some(crate::estate::HousingType::Mixed) {
                p.add(
                    format!("{field}.byHousingType"),
                    "“混合”不能代表全部或没有",
                    "“mixed” cannot stand for all or none",
                );
            }
            let t = match (must_reach, must_not_reach) {
                (Some(t), None) => {
                    threshold(t, &format!("{field}.mustReach"), p).map(|t| (t, false))
                }
                (None, Some(t)) => {
                    threshold(t, &format!("{field}.mustNotReach"), p).map(|t| (t, true))
                }
                _ => {
                    p.add(
                        field,
                        "mustReach 与 mustNotReach 须且只能给出一个",
                        "give exactly one of mustReach and mustNotReach",
                    );
                    None
                }
            };
            let (threshold, limit) = t?;
            CompiledTest::Share {
                part: part_ref?,
                whole: whole_ref?,
                threshold,
                limit,
                by_housing_type: *by_housing_type,
            }
        }
        RuleTest::OnTargetList {} => {
            let Some(t) = &pack.targets else {
                p.add(
                    field,
                    "本包没有 targets 名单",
                    "this pack has no `targets` list",
                );
                return None;
            };
            let mut keys = Vec::new();
            for (i, entry) in t.list.iter().enumerate() {
                for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                    keys.push((crate::eligibility::normalise_name(name), i));
                }
            }
            CompiledTest::OnTargetList {
                keys,
                names: t.list.iter().map(|e| e.name.clone()).collect(),
            }
        }
        RuleTest::Support {
            tally,
            owners,
            households,
            area,
        } => {
            let tally = resolve_tally(tally.as_deref(), &format!("{field}.tally"), facts, p)?;
            let (count_key, count, wrong) = match tally.unit {
                TallyUnit::Owners => ("owners", owners, households.as_ref().map(|_| "households")),
                TallyUnit::Households => (
                    "households",
                    households,
                    owners
                        .as_ref()
                        .map(|_| "owners")
                        .or(area.as_ref().map(|_| "area")),
                ),
            };
            if let Some(w) = wrong {
                p.add(
                    format!("{field}.{w}"),
                    format!("这份统计没有“{w}”"),
                    format!("this tally has no “{w}”"),
                );
            }
            if count.is_none() && area.is_none() {
                p.add(
                    field,
                    "至少要给出人数（户数）或面积的比例",
                    "give at least a count or an area threshold",
                );
            }
            let c = count
                .as_ref()
                .map(|t| threshold(t, &format!("{field}.{count_key}"), p));
            let a = area
                .as_ref()
                .map(|t| threshold(t, &format!("{field}.area"), p));
            CompiledTest::Support {
                tally,
                count: c.flatten(),
                area: a.flatten(),
            }
        }
        RuleTest::Vote {
            tally,
            quorum,
            majority,
        } => {
            let tally = resolve_tally(tally.as_deref(), &format!("{field}.tally"), facts, p)?;
            if tally.unit != TallyUnit::Owners {
                p.add(
                    format!("{field}.tally"),
                    "表决须按业主人数和专有面积统计",
                    "a vote needs a tally of owners and their exclusive area",
                );
            }
            CompiledTest::Vote {
                tally,
                quorum: threshold(quorum, &format!("{field}.quorum"), p)?,
                majority: threshold(majority, &format!("{field}.majority"), p)?,
            }
        }
        RuleTest::MaintenanceFund { share } => CompiledTest::MaintenanceFund {
            share: threshold_from(share, &format!("{field}.share"), true, p)?,
        },
        RuleTest::DocumentStatus {} => document_status_test(pack),
    })
}

/// The document-status test of `pack`: its standing and the last year of its period, for a
/// rule a pack writes and for the one every pack is given.
fn document_status_test(pack: &PolicyPack) -> CompiledTest {
    CompiledTest::DocumentStatus {
        status: pack.document.status,
        last_year: pack
            .document
            .period
            .as_ref()
            .and_then(|y| y.last().copied()),
    }
}

/// The id of the rule every pack (but the national base) gets for its document's standing.
pub const DOCUMENT_STATUS_RULE: &str = "document-status";

/// The warning on the document's standing, made for every pack whose document is not national.
pub(super) fn document_status_rule(pack: &PolicyPack) -> Option<CompiledRule> {
    if pack.document.status == DocumentStatus::National {
        return None;
    }
    let spec = RuleSpec {
        id: DOCUMENT_STATUS_RULE.to_string(),
        label: Text::new(
            "文件的效力与规划期",
            "The document's standing and plan period",
        ),
        role: Role::Warning,
        basis: RuleBasis::Policy,
        applies_to: None,
        test: RuleTest::DocumentStatus {},
        source: Source {
            document: pack.document.number.clone(),
            clause: "文件头（发文日期、效力状态）".to_string(),
            quote: None,
        },
        assumption: None,
        reading: None,
    };
    Some(CompiledRule {
        test: document_status_test(pack),
        spec: std::sync::Arc::new(spec),
        pack: pack.id.clone(),
        status: pack.document.status,
    })
}

pub(super) fn compile_rules(
    pack: &PolicyPack,
    base: Option<&ResolvedPack>,
    facts: &[CompiledFact],
    menu: &[MenuCategory],
    p: &mut Problems,
) -> Vec<CompiledRule> {
    let mut seen = Vec::new();
    let mut own = Vec::new();
    for (i, r) in pack.eligibility.iter().enumerate() {
        let field = format!("eligibility[{i}]");
        check_id(&r.id, &format!("{field}.id"), &mut seen, p);
        if r.id == DOCUMENT_STATUS_RULE {
            p.add(
                format!("{field}.id"),
                format!("“{DOCUMENT_STATUS_RULE}”由程序生成，不能用作规则编号"),
                format!("“{DOCUMENT_STATUS_RULE}” is made by the engine and cannot be a rule id"),
            );
        }
        check_text(&r.label, &format!("{field}.label"), p);
        check_source(&r.source, &format!("{field}.source"), p);
        if let Some(a) = &r.assumption {
            check_text(a, &format!("{field}.assumption"), p);
        }
        if let Some(a) = &r.reading {
            check_text(a, &format!("{field}.reading"), p);
        }
        if r.basis == RuleBasis::Assumption && r.role == Role::Decisive {
            p.add(
                format!("{field}.role"),
                "没有文件规定的规则（basis 为 assumption）不能决定结论，应设为 advisory",
                "a rule no document sets (basis assumption) cannot decide the verdict: make it advisory",
            );
        }
        if r.role == Role::Decisive && r.assumption.is_some() {
            p.add(
                format!("{field}.assumption"),
                "决定结论的规则不能建立在假设上：文件用语的理解写在 reading 中，假设性规则设为 advisory",
                "a decisive rule cannot rest on an assumption: put a reading of the document's words in `reading`, or make the rule advisory",
            );
        }
        if r.role == Role::Advisory && r.assumption.is_none() {
            p.add(
                format!("{field}.assumption"),
                "仅供参考的规则必须说明为何不决定结论（assumption）",
                "an advisory rule must say why it does not decide (assumption)",
            );
        }
        if r.basis == RuleBasis::Law && r.role == Role::Decisive && r.applies_to.is_none() {
            p.add(
                format!("{field}.appliesTo"),
                "法律规则只在其适用的改造项目上决定结论：请用 appliesTo 限定项目，或设为 advisory",
                "a law decides only for the works it governs: scope it with `appliesTo`, or make it advisory",
            );
        }
        if r.basis == RuleBasis::Assumption && r.assumption.is_none() {
            p.add(
                format!("{field}.assumption"),
                "假设性规则必须说明假设的理由",
                "an assumed rule must say why (assumption)",
            );
        }
        if let Some(test) = compile_test(&r.test, &format!("{field}.test"), pack, facts, p) {
            own.push(CompiledRule {
                spec: r.clone(),
                test,
                pack: pack.id.clone(),
                status: pack.document.status,
            });
        }
    }
    let mut rules = Vec::new();
    if let Some(b) = base {
        for (i, ex) in pack.exclude_base_rules.iter().enumerate() {
            if !b.rules.iter().any(|r| &r.spec.id == ex) {
                p.add(
                    format!("excludeBaseRules[{i}]"),
                    format!("基础政策包没有规则“{ex}”"),
                    format!("the base pack has no rule \"{ex}\""),
                );
            }
        }
        // Base rules keep their place; a same-id rule of this pack takes it over. An inherited
        // item-scoped rule none of whose items is on this menu can never apply, and is dropped
        // (Panzhihua's menu has no elevator to add).
        for r in &b.rules {
            if pack.exclude_base_rules.contains(&r.spec.id) || r.spec.id == DOCUMENT_STATUS_RULE {
                continue;
            }
            let own_twin = own.iter().any(|o: &CompiledRule| o.spec.id == r.spec.id);
            if !own_twin
                && r.spec
                    .applies_to
                    .as_ref()
                    .is_some_and(|s| !scope_on_menu(s, menu))
            {
                continue;
            }
            match own
                .iter()
                .position(|o: &CompiledRule| o.spec.id == r.spec.id)
            {
                Some(k) => rules.push(own.remove(k)),
                None => rules.push(r.clone()),
            }
        }
    } else if !pack.exclude_base_rules.is_empty() {
        p.add(
            "excludeBaseRules",
            "没有基础政策包，不能排除其规则",
            "there is no base pack to exclude rules from",
        );
    }
    rules.extend(own);
    rules.extend(document_status_rule(pack));
    rules
}
