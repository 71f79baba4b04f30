//! Fact references: the keys a pack's rules and conditions name, resolved to the core's estate
//! facts or to the pack's own, with their kinds checked.

use super::*;

/// A yes/no fact named by key: a core fact of kind yes/no, or one of the pack's own yes/no facts.
pub(super) fn resolve_flag(
    key: &str,
    field: &str,
    facts: &[CompiledFact],
    p: &mut Problems,
) -> Option<FactRef> {
    use crate::schema::{EstateField, FieldId, Kind, ESTATE};
    if let Some((i, f)) = ESTATE.field(key) {
        if !matches!(f.kind, Kind::Bool) {
            p.add(
                field,
                format!("“{key}”不是是/否类的情况"),
                format!("“{key}” is not a yes/no fact"),
            );
            return None;
        }
        // The table and the enum are made from one list, so position i names the field.
        return EstateField::ALL
            .get(i)
            .copied()
            .filter(|e| e.index() == i)
            .map(FactRef::Core);
    }
    match facts.iter().find(|f| f.spec.key == key) {
        Some(f) if f.spec.kind == LocalFactKind::Bool => Some(FactRef::Local(key.to_string())),
        Some(_) => {
            p.add(
                field,
                format!("本地情况“{key}”不是是/否类"),
                format!("the pack's fact “{key}” is not yes/no"),
            );
            None
        }
        None => {
            p.add(
                field,
                format!("没有名为“{key}”的情况（核心情况或本包 facts 中声明的）"),
                format!(
                    "no fact “{key}” (neither a core fact nor one declared in this pack's facts)"
                ),
            );
            None
        }
    }
}

/// A core field by its key, as the enum naming it.
pub(super) fn core_field(
    key: &str,
) -> Option<(crate::schema::EstateField, &'static crate::schema::Field)> {
    use crate::schema::{EstateField, FieldId, ESTATE};
    let (i, f) = ESTATE.field(key)?;
    EstateField::ALL
        .get(i)
        .copied()
        .filter(|e| e.index() == i)
        .map(|e| (e, f))
}

pub(super) fn no_such_fact(key: &str, field: &str, p: &mut Problems) {
    p.add(
        field,
        format!("没有名为“{key}”的情况（核心情况或本包 facts 中声明的）"),
        format!("no fact “{key}” (neither a core fact nor one declared in this pack's facts)"),
    );
}

/// A choice fact named by key, with the ids of its values.
pub(super) fn resolve_choice(
    key: &str,
    field: &str,
    facts: &[CompiledFact],
    p: &mut Problems,
) -> Option<ChoiceRef> {
    use crate::schema::Kind;
    if let Some((e, f)) = core_field(key) {
        return match f.kind {
            Kind::Choice(c) => Some(ChoiceRef {
                fact: FactRef::Core(e),
                ids: c.iter().map(|x| x.id.to_string()).collect(),
            }),
            _ => {
                p.add(
                    field,
                    format!("“{key}”不是选择类的情况"),
                    format!("“{key}” is not a choice fact"),
                );
                None
            }
        };
    }
    match facts.iter().find(|f| f.spec.key == key) {
        Some(f) if f.spec.kind == LocalFactKind::Choice => Some(ChoiceRef {
            fact: FactRef::Local(key.to_string()),
            ids: f.choice_ids.clone(),
        }),
        Some(_) => {
            p.add(
                field,
                format!("本地情况“{key}”不是选择类"),
                format!("the pack's fact “{key}” is not a choice"),
            );
            None
        }
        None => {
            no_such_fact(key, field, p);
            None
        }
    }
}

/// A number fact (count or decimal) named by key.
pub(super) fn resolve_number(
    key: &str,
    field: &str,
    facts: &[CompiledFact],
    p: &mut Problems,
) -> Option<NumRef> {
    use crate::schema::Kind;
    if let Some((e, f)) = core_field(key) {
        return match f.kind {
            Kind::Count { .. } | Kind::Decimal { .. } => Some(NumRef::Core(e)),
            _ => {
                p.add(
                    field,
                    format!("“{key}”不是数量类的情况"),
                    format!("“{key}” is not a number fact"),
                );
                None
            }
        };
    }
    match facts.iter().find(|f| f.spec.key == key) {
        Some(f) if matches!(f.spec.kind, LocalFactKind::Count | LocalFactKind::Decimal) => {
            Some(NumRef::Local(key.to_string()))
        }
        Some(_) => {
            p.add(
                field,
                format!("本地情况“{key}”不是数量类"),
                format!("the pack's fact “{key}” is not a number"),
            );
            None
        }
        None => {
            no_such_fact(key, field, p);
            None
        }
    }
}

/// The tally a consent or vote test reads: the estate's own owners and area when none is named.
pub(super) fn resolve_tally(
    key: Option<&str>,
    field: &str,
    facts: &[CompiledFact],
    p: &mut Problems,
) -> Option<TallyRef> {
    use crate::schema::Kind;
    let Some(key) = key else {
        return Some(TallyRef::new(TallySource::Estate, TallyUnit::Owners));
    };
    if let Some((e, f)) = core_field(key) {
        return match f.kind {
            Kind::Record(s) if std::ptr::eq(s, &crate::schema::OWNER_TALLY) => {
                Some(TallyRef::new(TallySource::Core(e), TallyUnit::Owners))
            }
            _ => {
                p.add(
                    field,
                    format!("“{key}”不是表决统计"),
                    format!("“{key}” is not a tally"),
                );
                None
            }
        };
    }
    match facts.iter().find(|f| f.spec.key == key) {
        Some(f) if f.spec.kind == LocalFactKind::Tally => Some(TallyRef::new(
            TallySource::Local(key.to_string()),
            f.spec.counts.unwrap_or(TallyUnit::Owners),
        )),
        Some(_) => {
            p.add(
                field,
                format!("本地情况“{key}”不是表决统计"),
                format!("the pack's fact “{key}” is not a tally"),
            );
            None
        }
        None => {
            no_such_fact(key, field, p);
            None
        }
    }
}

/// The pack's own facts: valid keys that do not shadow a core fact, labelled, cited.
pub(super) fn compile_facts(
    pack: &PolicyPack,
    base: Option<&ResolvedPack>,
    p: &mut Problems,
) -> Vec<CompiledFact> {
    let mut out: Vec<CompiledFact> = Vec::new();
    for (i, f) in pack.facts.iter().enumerate() {
        let field = format!("facts[{i}]");
        let plain = !f.key.is_empty()
            && f.key.len() <= 64
            && f.key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && f.key.chars().all(|c| c.is_ascii_alphanumeric());
        if !plain {
            p.add(
                format!("{field}.key"),
                "情况的名称应为 camelCase 英文字母和数字",
                "a fact's key must be camelCase ascii letters and digits",
            );
        }
        if crate::schema::ESTATE.field(&f.key).is_some()
            || crate::schema::ESTATE
                .fields
                .iter()
                .any(|c| c.parent() == f.key)
        {
            p.add(
                format!("{field}.key"),
                format!("“{}”是核心情况，不能由政策包重新声明", f.key),
                format!(
                    "“{}” is a core fact and cannot be declared again by a pack",
                    f.key
                ),
            );
        }
        if out.iter().any(|o| o.spec.key == f.key) {
            p.add(
                format!("{field}.key"),
                "情况重复声明",
                "the fact is declared twice",
            );
        }
        check_text(&f.label, &format!("{field}.label"), p);
        check_text(&f.help, &format!("{field}.help"), p);
        check_source(&f.source, &format!("{field}.source"), p);
        if let Some(y) = &f.yes {
            check_text(y, &format!("{field}.yes"), p);
        }
        if let Some(n) = &f.no {
            check_text(n, &format!("{field}.no"), p);
        }
        match (f.kind, f.choices.is_empty()) {
            (LocalFactKind::Choice, true) => p.add(
                format!("{field}.choices"),
                "选择类情况需要列出可选值",
                "a choice fact needs its choices",
            ),
            (LocalFactKind::Choice, false) => {}
            (_, false) => p.add(
                format!("{field}.choices"),
                "只有选择类情况才有可选值",
                "only a choice fact has choices",
            ),
            _ => {}
        }
        match (f.kind, f.counts) {
            (LocalFactKind::Tally, None) => p.add(
                format!("{field}.counts"),
                "统计类情况须说明按业主（owners）还是按户（households）统计",
                "a tally must say what it counts: owners or households",
            ),
            (LocalFactKind::Tally, Some(_)) | (_, None) => {}
            (_, Some(_)) => p.add(
                format!("{field}.counts"),
                "只有统计类情况才有 counts",
                "only a tally has `counts`",
            ),
        }
        if f.kind != LocalFactKind::Bool && (f.yes.is_some() || f.no.is_some()) {
            p.add(
                format!("{field}.yes"),
                "只有是/否类情况才有 yes / no 说法",
                "only a yes/no fact has yes / no statements",
            );
        }
        out.push(CompiledFact {
            spec: f.clone(),
            choice_ids: f.choices.iter().map(|c| c.id.clone()).collect(),
        });
    }
    if let Some(b) = base {
        for f in &b.facts {
            if !out.iter().any(|o| o.spec.key == f.spec.key) {
                out.push(f.clone());
            }
        }
    }
    out
}
