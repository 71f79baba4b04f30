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
        fact: FactRef,
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

/// A yes/no (or other) fact a rule or funding condition reads: one of the core's, or one of the
/// pack's own (by its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactRef {
    Core(crate::schema::EstateField),
    Local(String),
}

impl FactRef {
    /// The key as the estate gives it.
    pub fn key(&self) -> &str {
        match self {
            FactRef::Core(f) => crate::schema::FieldId::field(*f).key,
            FactRef::Local(k) => k,
        }
    }

    /// Its yes/no value in an estate, if given.
    pub fn flag(&self, e: &crate::estate::Estate) -> Option<bool> {
        match self {
            FactRef::Core(f) => e.flag(*f),
            FactRef::Local(k) => match e.local(k) {
                Some(crate::record::Value::Bool(b)) => Some(*b),
                _ => None,
            },
        }
    }
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
    /// The `when` conditions, resolved to facts.
    pub when: Vec<(FactRef, bool)>,
}

impl CompiledFunding {
    pub fn is_catch_all(&self) -> bool {
        let a = &self.spec.applies;
        a.pipelines.is_none()
            && a.segment.is_none()
            && a.categories.is_none()
            && a.items.is_none()
            && a.elevator.is_none()
            && a.tiers.is_none()
            && a.when.is_none()
    }
}

/// A validated pack with its inheritance resolved.
#[derive(Debug, Clone)]
pub struct ResolvedPack {
    pub pack: PolicyPack,
    pub file: String,
    /// SHA-256 of the file's exact bytes, hex: identifies exactly which text produced a result,
    /// however the pack was loaded.
    pub content_hash: String,
    /// True when these bytes are the ones the package's manifest publishes for this id.
    pub built_in: bool,
    /// Id and hash of the base pack, then of its base, and so on.
    pub bases: Vec<(String, String)>,
    pub rules: Vec<CompiledRule>,
    pub menu: Vec<MenuCategory>,
    /// In the order they are tried.
    pub funding: Vec<CompiledFunding>,
    pub benchmarks: Vec<Benchmark>,
    /// Notes of this pack, then of its base.
    pub notes: Vec<Note>,
    /// The pack's own facts, then its base's.
    pub facts: Vec<CompiledFact>,
}

/// A pack's own fact, ready for the reader.
#[derive(Debug, Clone)]
pub struct CompiledFact {
    pub spec: LocalFact,
    /// The ids of a choice fact's values, in order.
    pub choice_ids: Vec<String>,
}

impl crate::record::LocalFacts for ResolvedPack {
    fn local_kind(&self, key: &str) -> Option<crate::record::LocalKind<'_>> {
        use crate::record::LocalKind;
        let f = self.facts.iter().find(|f| f.spec.key == key)?;
        Some(match f.spec.kind {
            LocalFactKind::Bool => LocalKind::Bool,
            LocalFactKind::Count => LocalKind::Count,
            LocalFactKind::Decimal => LocalKind::Decimal,
            LocalFactKind::Choice => LocalKind::Choice(&f.choice_ids),
        })
    }
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

/// Parses and validates one pack file whose exact bytes hash to `sha256`. `base` must be given
/// when the pack names one.
pub fn compile(
    file: &str,
    text: &str,
    sha256: String,
    base: Option<&ResolvedPack>,
) -> Result<ResolvedPack, Vec<Error>> {
    compile_tree(file, crate::input::parse_tree(text).as_ref(), sha256, base)
}

/// [`compile`] from the file's parsed text (or the problem parsing it), for a caller that
/// parsed it already: a pack's text is parsed once per load.
pub fn compile_tree(
    file: &str,
    tree: Result<&serde_json::Value, &Error>,
    sha256: String,
    base: Option<&ResolvedPack>,
) -> Result<ResolvedPack, Vec<Error>> {
    let read = match tree {
        Ok(tree) => crate::input::read::read_all::<PolicyPack>(tree),
        Err(e) => Err(vec![e.clone()]),
    };
    let pack: PolicyPack = match read {
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

    let facts = compile_facts(&pack, base, &mut p);
    let rules = compile_rules(&pack, base, &facts, &mut p);
    let menu = if pack.menu.is_empty() {
        base.map(|b| b.menu.clone()).unwrap_or_default()
    } else {
        pack.menu.clone()
    };
    check_menu(&pack, &menu, &mut p);
    let funding = compile_funding(&pack, base, &menu, &facts, &mut p);
    check_scopes(&pack, &menu, &mut p);
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
    let mut bases = Vec::new();
    if let Some(b) = base {
        bases.push((b.id().to_string(), b.content_hash.clone()));
        bases.extend(b.bases.iter().cloned());
    }
    Ok(ResolvedPack {
        content_hash: sha256,
        built_in: false,
        bases,
        file: file.to_string(),
        rules,
        menu,
        funding,
        benchmarks,
        notes,
        facts,
        pack,
    })
}

/// The SHA-256 of some bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    // Fed in pieces: in the browser a pack's first load runs in the engine's baseline code, and
    // a long single call to the compression loop would stay there; short calls let the engine
    // swap in its optimised code a few kilobytes in (the digest is the same).
    let mut h = Sha256::new();
    for piece in bytes.chunks(2048) {
        h.update(piece);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
        out.push(char::from(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0')));
    }
    out
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

/// Longest text a pack may hold in one field (standards and quotes are the longest).
const MAX_PACK_TEXT: usize = 4000;

/// Whether a text shows nothing: empty once white space and invisible format characters
/// (zero-width spaces, joiners, byte-order marks) are taken away.
fn looks_empty(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
    })
}

/// Whether a text passes every check of [`check_str`] (a pack has thousands of texts; nearly all
/// pass, and then no field path needs writing): the control characters (U+0000–U+001F but the
/// line break, U+007F–U+009F) are found in the bytes, visibility needs only the first visible
/// character, and only a text longer than the limit in bytes has its characters counted.
fn text_ok(s: &str) -> bool {
    let mut prev = 0u8;
    for &b in s.as_bytes() {
        // U+0080–U+009F are written C2 80 … C2 9F.
        if (b < 0x20 && b != b'\n') || b == 0x7F || (prev == 0xC2 && (0x80..=0x9F).contains(&b)) {
            return false;
        }
        prev = b;
    }
    !looks_empty(s) && (s.len() <= MAX_PACK_TEXT || s.chars().count() <= MAX_PACK_TEXT)
}

/// Checks one text of a pack: visible, not oversized, free of control characters (which a
/// terminal would execute).
fn check_str(s: &str, field: &str, what_zh: &str, what_en: &str, p: &mut Problems) {
    if text_ok(s) {
        return;
    }
    if looks_empty(s) {
        p.add(field, format!("{what_zh}为空"), format!("the {what_en} is empty"));
    }
    if s.chars().count() > MAX_PACK_TEXT {
        p.add(
            field,
            format!("{what_zh}太长（最多 {MAX_PACK_TEXT} 个字）"),
            format!("the {what_en} is too long (at most {MAX_PACK_TEXT} characters)"),
        );
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        p.add(
            field,
            format!("{what_zh}含有控制字符"),
            format!("the {what_en} holds control characters"),
        );
    }
}

fn check_text(t: &Text, field: &str, p: &mut Problems) {
    if !text_ok(&t.zh) {
        check_str(&t.zh, &format!("{field}.zh"), "中文文本", "Chinese text", p);
    }
    if !text_ok(&t.en) {
        check_str(&t.en, &format!("{field}.en"), "英文文本", "English text", p);
    }
}

fn check_source(s: &Source, field: &str, p: &mut Problems) {
    if !text_ok(&s.document) {
        check_str(&s.document, &format!("{field}.document"), "出处文件", "source document", p);
    }
    if !text_ok(&s.clause) {
        check_str(&s.clause, &format!("{field}.clause"), "出处条款", "source clause", p);
    }
    if let Some(q) = s.quote.as_deref().filter(|q| !text_ok(q)) {
        check_str(q, &format!("{field}.quote"), "引文", "quote", p);
    }
}

/// A calendar date `YYYY-MM-DD` or a year `YYYY`, within the years gaizao knows.
fn valid_date(d: &str) -> bool {
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let parts: Vec<&str> = d.split('-').collect();
    let (y, m, day) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y), Some(1), Some(1)),
        [y, m, dd] if y.len() == 4 && m.len() == 2 && dd.len() == 2 => (num(y), num(m), num(dd)),
        _ => return false,
    };
    let (Some(y), Some(m), Some(day)) = (y, m, day) else {
        return false;
    };
    let year_ok = i32::try_from(y)
        .is_ok_and(|y| (crate::numbers::MIN_YEAR..=crate::numbers::MAX_YEAR).contains(&y));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    year_ok && (1..=days).contains(&day)
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
    check_str(&pack.document.number, "document.number", "文号", "document number", p);
    if let Some(n) = &pack.document.status_note {
        check_text(n, "document.statusNote", p);
    }
    if let Some(period) = &pack.document.period {
        let ok = matches!(period.as_slice(), [a, b] if a <= b
            && (crate::numbers::MIN_YEAR..=crate::numbers::MAX_YEAR).contains(a)
            && (crate::numbers::MIN_YEAR..=crate::numbers::MAX_YEAR).contains(b));
        if !ok {
            p.add(
                "document.period",
                "期限应为 [起始年, 结束年]",
                "the period must be [first year, last year]",
            );
        }
    }
    if !valid_date(&pack.document.date) {
        p.add(
            "document.date",
            "日期应为真实的日期 YYYY-MM-DD 或年份 YYYY",
            "the date must be a real date YYYY-MM-DD or a year YYYY",
        );
    }
}

/// Largest numerator or denominator of a pack's fraction, and largest weight: real documents
/// write 2/3, 9/10, 5 : 4 : 1 or 80 %. The bound keeps every split of the largest amount exact.
const MAX_PACK_TERM: i128 = 1_000_000;

/// A pack's fraction or weight, if it is small enough to compute with exactly.
fn pack_fraction(text: &str) -> Option<Fraction> {
    let f = Fraction::parse(text)?;
    (f.num() <= MAX_PACK_TERM && f.den() <= MAX_PACK_TERM).then_some(f)
}

fn threshold(t: &Threshold, field: &str, p: &mut Problems) -> Option<Thr> {
    match pack_fraction(&t.share) {
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

fn compile_test(
    test: &RuleTest,
    field: &str,
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
        RuleTest::Support { .. } => "support",
        RuleTest::Vote { .. } => "vote",
        RuleTest::MaintenanceFund { .. } => "maintenanceFund",
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
    facts: &[CompiledFact],
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
        if r.basis == RuleBasis::Assumption && r.role == Role::Decisive {
            p.add(
                format!("{field}.role"),
                "没有文件规定的规则（basis 为 assumption）不能决定结论，应设为 advisory",
                "a rule no document sets (basis assumption) cannot decide the verdict: make it advisory",
            );
        }
        if r.basis == RuleBasis::Assumption && r.assumption.is_none() {
            p.add(
                format!("{field}.assumption"),
                "假设性规则必须说明假设的理由",
                "an assumed rule must say why (assumption)",
            );
        }
        if let Some(test) = compile_test(&r.test, &format!("{field}.test"), facts, p) {
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
        let shares = compile_shares(
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
        let weight = pack_fraction(&s.weight);
        if weight.is_none() {
            p.add(
                format!("{f}.weight"),
                format!("比例“{}”应为不大于 {MAX_PACK_TERM} 的非负数或分数", s.weight),
                format!("weight \"{}\" must be a non-negative number or fraction of at most {MAX_PACK_TERM}", s.weight),
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
        // A benchmark above 10^9 元 per household or m² would make every estimate overflow.
        match b.amount.parse::<Decimal>() {
            Ok(d) if d > Decimal::ZERO && d <= Decimal::from(1_000_000_000) && d.scale() <= 2 => {}
            _ => p.add(
                format!("{field}.amount"),
                "金额应为不超过 10 亿元、最多两位小数的正数",
                "the amount must be positive, at most 10^9 yuan, with at most two decimals",
            ),
        }
    }
}

/// A yes/no fact named by key: a core fact of kind yes/no, or one of the pack's own yes/no facts.
fn resolve_flag(key: &str, field: &str, facts: &[CompiledFact], p: &mut Problems) -> Option<FactRef> {
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
                format!("no fact “{key}” (neither a core fact nor one declared in this pack's facts)"),
            );
            None
        }
    }
}

/// The pack's own facts: valid keys that do not shadow a core fact, labelled, cited.
fn compile_facts(pack: &PolicyPack, base: Option<&ResolvedPack>, p: &mut Problems) -> Vec<CompiledFact> {
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
            || crate::schema::ESTATE.fields.iter().any(|c| c.parent() == f.key)
        {
            p.add(
                format!("{field}.key"),
                format!("“{}”是核心情况，不能由政策包重新声明", f.key),
                format!("“{}” is a core fact and cannot be declared again by a pack", f.key),
            );
        }
        if out.iter().any(|o| o.spec.key == f.key) {
            p.add(format!("{field}.key"), "情况重复声明", "the fact is declared twice");
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

/// Item-scoped rules name items and categories that exist.
fn check_scopes(pack: &PolicyPack, menu: &[MenuCategory], p: &mut Problems) {
    for (i, r) in pack.eligibility.iter().enumerate() {
        let Some(scope) = &r.applies_to else { continue };
        let field = format!("eligibility[{i}].appliesTo");
        for (k, it) in scope.items.iter().flatten().enumerate() {
            if !menu.iter().any(|m| m.items.iter().any(|x| &x.id == it)) {
                p.add(
                    format!("{field}.items[{k}]"),
                    format!("菜单中没有项目“{it}”"),
                    format!("the menu has no item “{it}”"),
                );
            }
        }
        for (k, c) in scope.categories.iter().flatten().enumerate() {
            if !menu.iter().any(|m| &m.id == c) {
                p.add(
                    format!("{field}.categories[{k}]"),
                    format!("菜单中没有类别“{c}”"),
                    format!("the menu has no category “{c}”"),
                );
            }
        }
        if scope.items.is_none() && scope.categories.is_none() && !scope.elevator {
            p.add(&field, "appliesTo 至少要列出一个条件", "appliesTo needs at least one condition");
        }
    }
}
