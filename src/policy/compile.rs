//! Turns a parsed pack into a ready-to-use one: checks every invariant serde cannot, parses the
//! fractions once, and resolves inheritance from the base pack.
//!
//! Problems are collected, not stopped at, so an author fixing a pack sees all of them at once;
//! each names the file, the field path inside it and the problem in both languages.

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::model::*;
use crate::error::Error;
use crate::fraction::Fraction;
use crate::party::{Party, PIPELINE_UTILITY};
use crate::text::{Source, Text};

/// A threshold with its share parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thr {
    pub share: Fraction,
    pub inclusive: bool,
}

#[derive(Debug, Clone)]
pub enum CompiledTest {
    BuiltBy {
        year: i32,
        inclusive: bool,
    },
    LocationIn(Vec<crate::estate::LocationType>),
    HousingTypeIn(Vec<crate::estate::HousingType>),
    HousingTypeNotIn(Vec<crate::estate::HousingType>),
    Flag {
        flag: Flag,
        required: bool,
    },
    Support {
        owners: Option<Thr>,
        area: Option<Thr>,
    },
    Vote {
        quorum: Thr,
        majority: Thr,
    },
    MaintenanceFund {
        share: Thr,
    },
}

#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub spec: RuleSpec,
    pub test: CompiledTest,
    /// Id of the pack that defines the rule (the base pack for inherited rules).
    pub pack: String,
    /// The document of that pack (rules cite it through their `source`).
    pub status: DocumentStatus,
}

/// Who a share goes to: a fixed party, or the utility owning the line's pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyRef {
    Fixed(Party),
    PipelineUtility,
}

#[derive(Debug, Clone)]
pub struct CompiledFunding {
    pub spec: FundingRule,
    pub shares: Vec<(PartyRef, Fraction)>,
    pub pack: String,
}

impl CompiledFunding {
    pub fn is_catch_all(&self) -> bool {
        let a = &self.spec.applies;
        a.pipelines.is_none()
            && a.segment.is_none()
            && a.categories.is_none()
            && a.items.is_none()
            && a.elevator.is_none()
            && a.city_gas_company_area.is_none()
    }
}

/// A validated pack with its inheritance resolved.
#[derive(Debug, Clone)]
pub struct ResolvedPack {
    pub pack: PolicyPack,
    pub file: String,
    /// SHA-256 of the file's bytes, hex: identifies exactly which text produced a result.
    pub content_hash: String,
    /// Id and hash of the base pack, when there is one.
    pub base: Option<(String, String)>,
    pub rules: Vec<CompiledRule>,
    pub menu: Vec<MenuCategory>,
    /// In the order they are tried.
    pub funding: Vec<CompiledFunding>,
    pub benchmarks: Vec<Benchmark>,
    /// Notes of this pack, then of its base.
    pub notes: Vec<Note>,
}

impl ResolvedPack {
    pub fn id(&self) -> &str {
        &self.pack.id
    }

    /// Finds a menu item and its category.
    pub fn item(&self, id: &str) -> Option<(&MenuCategory, &MenuItem)> {
        self.menu
            .iter()
            .find_map(|c| c.items.iter().find(|i| i.id == id).map(|i| (c, i)))
    }
}

/// Collects problems with their field paths.
struct Problems<'a> {
    file: &'a str,
    list: Vec<Error>,
}

impl Problems<'_> {
    fn add(&mut self, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        self.list.push(Error::InvalidPolicy {
            file: self.file.to_string(),
            field: field.into(),
            problem: Text::new(zh, en),
        });
    }
}

/// Parses and validates one pack file. `base` must be given when the pack names one.
pub fn compile(
    file: &str,
    text: &str,
    base: Option<&ResolvedPack>,
) -> Result<ResolvedPack, Vec<Error>> {
    let pack: PolicyPack = match crate::input::from_json_all(text) {
        Ok(p) => p,
        Err(errors) => {
            return Err(errors
                .into_iter()
                .map(|e| Error::InvalidPolicy {
                    file: file.to_string(),
                    field: e.field().unwrap_or("(file)").to_string(),
                    problem: e.message(),
                })
                .collect());
        }
    };
    let mut p = Problems {
        file,
        list: Vec::new(),
    };
    check_header(&pack, &mut p);
    match (&pack.base, base) {
        (Some(want), Some(b)) if want != b.id() => p.add(
            "base",
            format!("基础政策包应为“{want}”"),
            format!("base pack should be \"{want}\""),
        ),
        (Some(want), None) => p.add(
            "base",
            format!("找不到基础政策包“{want}”"),
            format!("base pack \"{want}\" is not loaded"),
        ),
        _ => {}
    }
    let base = if pack.base.is_some() { base } else { None };

    let rules = compile_rules(&pack, base, &mut p);
    let menu = if pack.menu.is_empty() {
        base.map(|b| b.menu.clone()).unwrap_or_default()
    } else {
        pack.menu.clone()
    };
    check_menu(&pack, &menu, &mut p);
    let funding = compile_funding(&pack, base, &menu, &mut p);
    let mut benchmarks = pack.benchmarks.clone();
    check_benchmarks(&pack, &mut p);
    if let Some(b) = base {
        benchmarks.extend(
            b.benchmarks
                .iter()
                .filter(|bb| !pack.benchmarks.iter().any(|o| o.id == bb.id))
                .cloned(),
        );
    }
    for (i, n) in pack.notes.iter().enumerate() {
        check_text(&n.text, &format!("notes[{i}].text"), &mut p);
        check_source(&n.source, &format!("notes[{i}].source"), &mut p);
    }
    let mut notes = pack.notes.clone();
    if let Some(b) = base {
        notes.extend(b.notes.iter().cloned());
    }
    if !p.list.is_empty() {
        return Err(p.list);
    }
    Ok(ResolvedPack {
        content_hash: hex(&Sha256::digest(text.as_bytes())),
        base: base.map(|b| (b.id().to_string(), b.content_hash.clone())),
        file: file.to_string(),
        rules,
        menu,
        funding,
        benchmarks,
        notes,
        pack,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

fn check_id(id: &str, field: &str, seen: &mut Vec<String>, p: &mut Problems) {
    if !valid_id(id) {
        p.add(
            field,
            format!("编号“{id}”只能由小写字母、数字和“-”组成"),
            format!("id \"{id}\" may hold only lowercase letters, digits and '-'"),
        );
    }
    if seen.iter().any(|s| s == id) {
        p.add(
            field,
            format!("编号“{id}”重复"),
            format!("id \"{id}\" is used twice"),
        );
    } else {
        seen.push(id.to_string());
    }
}

fn check_text(t: &Text, field: &str, p: &mut Problems) {
    if t.zh.trim().is_empty() {
        p.add(
            format!("{field}.zh"),
            "中文文本为空",
            "the Chinese text is empty",
        );
    }
    if t.en.trim().is_empty() {
        p.add(
            format!("{field}.en"),
            "英文文本为空",
            "the English text is empty",
        );
    }
}

fn check_source(s: &Source, field: &str, p: &mut Problems) {
    if s.document.trim().is_empty() {
        p.add(
            format!("{field}.document"),
            "缺少出处文件",
            "the source document is missing",
        );
    }
    if s.clause.trim().is_empty() {
        p.add(
            format!("{field}.clause"),
            "缺少出处条款",
            "the source clause is missing",
        );
    }
}

fn check_header(pack: &PolicyPack, p: &mut Problems) {
    if !valid_id(&pack.id) {
        p.add(
            "id",
            "编号只能由小写字母、数字和“-”组成",
            "the id may hold only lowercase letters, digits and '-'",
        );
    }
    check_text(&pack.name, "name", p);
    check_text(&pack.jurisdiction, "jurisdiction", p);
    check_text(&pack.issuer, "issuer", p);
    check_text(&pack.document.title, "document.title", p);
    if pack.document.number.trim().is_empty() {
        p.add(
            "document.number",
            "缺少文号",
            "the document number is missing",
        );
    }
    let d = &pack.document.date;
    let ok_date = match d.len() {
        4 => d.bytes().all(|b| b.is_ascii_digit()),
        10 => d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        }),
        _ => false,
    };
    if !ok_date {
        p.add(
            "document.date",
            "日期格式应为 YYYY-MM-DD 或 YYYY",
            "the date must be YYYY-MM-DD or YYYY",
        );
    }
}

fn threshold(t: &Threshold, field: &str, p: &mut Problems) -> Option<Thr> {
    match Fraction::parse(&t.share) {
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

fn compile_test(test: &RuleTest, field: &str, p: &mut Problems) -> Option<CompiledTest> {
    // Paths name the variant key as the file has it: `test.support.owners.share`.
    let variant = match test {
        RuleTest::BuiltBy { .. } => "builtBy",
        RuleTest::LocationIn { .. } => "locationIn",
        RuleTest::HousingTypeIn { .. } => "housingTypeIn",
        RuleTest::HousingTypeNotIn { .. } => "housingTypeNotIn",
        RuleTest::Flag { .. } => "flag",
        RuleTest::Support { .. } => "support",
        RuleTest::Vote { .. } => "vote",
        RuleTest::MaintenanceFund { .. } => "maintenanceFund",
    };
    let field = &format!("{field}.{variant}");
    Some(match test {
        RuleTest::BuiltBy { year, inclusive } => {
            if !crate::numbers::YEAR_RANGE.contains(year) {
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
            flag: *flag,
            required: *required,
        },
        RuleTest::Support { owners, area } => {
            if owners.is_none() && area.is_none() {
                p.add(
                    field,
                    "至少要给出人数或面积的比例",
                    "give at least an owners or an area threshold",
                );
            }
            let o = owners
                .as_ref()
                .map(|t| threshold(t, &format!("{field}.owners"), p));
            let a = area
                .as_ref()
                .map(|t| threshold(t, &format!("{field}.area"), p));
            CompiledTest::Support {
                owners: o.flatten(),
                area: a.flatten(),
            }
        }
        RuleTest::Vote { quorum, majority } => CompiledTest::Vote {
            quorum: threshold(quorum, &format!("{field}.quorum"), p)?,
            majority: threshold(majority, &format!("{field}.majority"), p)?,
        },
        RuleTest::MaintenanceFund { share } => CompiledTest::MaintenanceFund {
            share: threshold(share, &format!("{field}.share"), p)?,
        },
    })
}

fn compile_rules(
    pack: &PolicyPack,
    base: Option<&ResolvedPack>,
    p: &mut Problems,
) -> Vec<CompiledRule> {
    let mut seen = Vec::new();
    let mut own = Vec::new();
    for (i, r) in pack.eligibility.iter().enumerate() {
        let field = format!("eligibility[{i}]");
        check_id(&r.id, &format!("{field}.id"), &mut seen, p);
        check_text(&r.label, &format!("{field}.label"), p);
        check_source(&r.source, &format!("{field}.source"), p);
        if let Some(a) = &r.assumption {
            check_text(a, &format!("{field}.assumption"), p);
        }
        if let Some(test) = compile_test(&r.test, &format!("{field}.test"), p) {
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
        // Base rules keep their place; a same-id rule of this pack takes it over.
        for r in &b.rules {
            if pack.exclude_base_rules.contains(&r.spec.id) {
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
    rules
}

fn check_menu(pack: &PolicyPack, menu: &[MenuCategory], p: &mut Problems) {
    let mut cats = Vec::new();
    let mut items = Vec::new();
    for (i, c) in pack.menu.iter().enumerate() {
        let field = format!("menu[{i}]");
        check_id(&c.id, &format!("{field}.id"), &mut cats, p);
        check_text(&c.name, &format!("{field}.name"), p);
        check_source(&c.source, &format!("{field}.source"), p);
        if c.items.is_empty() {
            p.add(
                format!("{field}.items"),
                "类别中没有项目",
                "the category has no items",
            );
        }
        for (j, it) in c.items.iter().enumerate() {
            let f = format!("{field}.items[{j}]");
            check_id(&it.id, &format!("{f}.id"), &mut items, p);
            check_text(&it.name, &format!("{f}.name"), p);
            check_text(&it.standard, &format!("{f}.standard"), p);
            check_source(&it.source, &format!("{f}.source"), p);
            if it.elevator && it.pipeline.is_some() {
                p.add(
                    format!("{f}.elevator"),
                    "电梯项目不能同时是管线项目",
                    "an elevator item cannot also be a pipeline item",
                );
            }
        }
    }
    if menu.is_empty() {
        p.add("menu", "改造菜单为空", "the renovation menu is empty");
    }
}

fn compile_funding(
    pack: &PolicyPack,
    base: Option<&ResolvedPack>,
    menu: &[MenuCategory],
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
        let shares = compile_shares(
            &r.shares,
            r.applies.pipelines.is_some(),
            &format!("{field}.shares"),
            p,
        );
        own.push(CompiledFunding {
            spec: r.clone(),
            shares,
            pack: pack.id.clone(),
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

/// Parses share weights; they are relative, so only their sum must be positive.
fn compile_shares(
    shares: &[ShareSpec],
    has_pipeline: bool,
    field: &str,
    p: &mut Problems,
) -> Vec<(PartyRef, Fraction)> {
    let mut out: Vec<(PartyRef, Fraction)> = Vec::new();
    if shares.is_empty() {
        p.add(field, "没有出资方", "no parties");
    }
    for (i, s) in shares.iter().enumerate() {
        let f = format!("{field}[{i}]");
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
        let weight = Fraction::parse(&s.weight);
        if weight.is_none() {
            p.add(
                format!("{f}.weight"),
                format!("比例“{}”不是非负数", s.weight),
                format!("weight \"{}\" is not a non-negative number", s.weight),
            );
        }
        if let (Some(party), Some(w)) = (party, weight) {
            if out.iter().any(|(q, _)| *q == party) {
                p.add(
                    format!("{f}.party"),
                    "出资方重复",
                    "the party appears twice",
                );
            }
            out.push((party, w));
        }
    }
    if !shares.is_empty() && out.len() == shares.len() && out.iter().all(|(_, w)| w.is_zero()) {
        p.add(
            field,
            "比例之和必须大于零",
            "the weights must not all be zero",
        );
    }
    out
}

fn check_benchmarks(pack: &PolicyPack, p: &mut Problems) {
    let mut seen = Vec::new();
    for (i, b) in pack.benchmarks.iter().enumerate() {
        let field = format!("benchmarks[{i}]");
        check_id(&b.id, &format!("{field}.id"), &mut seen, p);
        check_text(&b.label, &format!("{field}.label"), p);
        check_text(&b.derivation, &format!("{field}.derivation"), p);
        check_source(&b.source, &format!("{field}.source"), p);
        match b.amount.parse::<Decimal>() {
            Ok(d) if d > Decimal::ZERO => {}
            _ => p.add(
                format!("{field}.amount"),
                "金额应为正数",
                "the amount must be a positive number",
            ),
        }
    }
}
