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
    /// The share as an exact fraction in (0, 1] (0 only for a maintenance-fund test).
    pub share: Fraction,
    /// Whether reaching the share exactly passes (以上/不低于) or strictly more is needed (过半数/超过).
    pub inclusive: bool,
}

/// A rule's test with its facts resolved and its fractions parsed, so that checking a compound
/// never parses a threshold or asks what kind a fact is (the compiled form of [`RuleTest`]).
#[derive(Debug, Clone)]
pub enum CompiledTest {
    /// Built in `year` or earlier (`inclusive`), or strictly before it.
    BuiltBy {
        /// The year the document names (e.g. 2000 for 「2000年底前建成」).
        year: i32,
        /// Whether a compound built in `year` itself passes (「以前」/「前」 read as inclusive).
        inclusive: bool,
    },
    /// The location type must be one of these.
    LocationIn(Vec<crate::estate::LocationType>),
    /// The housing type must be one of these.
    HousingTypeIn(Vec<crate::estate::HousingType>),
    /// The housing type must not be one of these.
    HousingTypeNotIn(Vec<crate::estate::HousingType>),
    /// A yes/no fact must have the required value.
    Flag {
        /// The fact, core or the pack's own.
        fact: FactRef,
        /// The value it must have.
        required: bool,
    },
    /// A choice fact must have one of the allowed values.
    ChoiceIn {
        /// The fact, with the ids of its values.
        fact: ChoiceRef,
        /// Positions of the allowed values in the fact's list.
        allowed: Vec<u16>,
    },
    /// Yes/no facts with their required values, in order (labels stay in the rule's spec).
    Checklist(Vec<(FactRef, bool)>),
    /// `part` ÷ `whole` of two number facts against a threshold (or an upper limit).
    Share {
        /// The number fact counted.
        part: NumRef,
        /// The number fact it is counted out of.
        whole: NumRef,
        /// The share to reach (or, with `limit`, not to reach).
        threshold: Thr,
        /// True for `mustNotReach`: reaching the threshold fails.
        limit: bool,
        /// Without `part`: a compound wholly of this housing type has share 1, one wholly of another single type 0.
        by_housing_type: Option<crate::estate::HousingType>,
    },
    /// Normalised names (and aliases) of the pack's targets, with the entry each stands for.
    OnTargetList {
        /// Each evened-out name or alias, with the index in `names` of the entry it stands for.
        keys: Vec<(String, usize)>,
        /// Each entry's name as the document writes it.
        names: Vec<String>,
    },
    /// Share of all owners (or households) and of all exclusive area in favour.
    Support {
        /// Where the tally is and what it counts.
        tally: TallyRef,
        /// The threshold on the tally's counted units (owners or households).
        count: Option<Thr>,
        /// The threshold on exclusive area in favour (owners' tallies only).
        area: Option<Thr>,
    },
    /// 民法典 art. 278 style: `quorum` of all take part, then `majority` of those taking part agree.
    Vote {
        /// Where the owners' tally is.
        tally: TallyRef,
        /// The share of all owners and all area that must take part.
        quorum: Thr,
        /// The share of those taking part (owners and area) that must agree.
        majority: Thr,
    },
    /// The maintenance fund's balance against the first collection.
    MaintenanceFund {
        /// The share of the first collection the balance must reach (0: a fund need only exist).
        share: Thr,
    },
    /// The pack document's standing (draft, published without a stated validity, plan period).
    DocumentStatus {
        /// The status the pack gives its document.
        status: DocumentStatus,
        /// The last year of the document's plan period, if it has one.
        last_year: Option<i32>,
    },
}

/// A number fact (count or decimal) a share test reads, core or the pack's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumRef {
    /// A core fact of [`crate::schema::ESTATE`].
    Core(crate::schema::EstateField),
    /// A fact the pack declares, by its key.
    Local(String),
}

impl NumRef {
    /// The key as the estate gives it.
    pub fn key(&self) -> &str {
        match self {
            NumRef::Core(f) => crate::schema::FieldId::field(*f).key,
            NumRef::Local(k) => k,
        }
    }

    /// Its value, if given, and whether it is a count (else a decimal).
    pub fn value(&self, e: &crate::estate::Estate) -> Option<(Decimal, bool)> {
        use crate::record::Value;
        let v = match self {
            NumRef::Core(f) => e.record().get(*f),
            NumRef::Local(k) => e.local(k),
        };
        match v {
            Some(Value::Count(n)) => Some((Decimal::from(*n), true)),
            Some(Value::Decimal(d)) => Some((*d, false)),
            _ => None,
        }
    }
}

/// A choice fact a rule reads, core or the pack's own, with the ids of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRef {
    /// The fact, core or the pack's own.
    pub fact: FactRef,
    /// The ids of its values, in the order the estate's value indexes them.
    pub ids: Vec<String>,
}

impl ChoiceRef {
    /// The position of its value, if given.
    pub fn value(&self, e: &crate::estate::Estate) -> Option<u16> {
        use crate::record::Value;
        match &self.fact {
            FactRef::Core(f) => e.record().choice(*f).and_then(|i| u16::try_from(i).ok()),
            FactRef::Local(k) => match e.local(k) {
                Some(Value::Choice(i)) => Some(*i),
                _ => None,
            },
        }
    }
}

/// Where a consent or vote test finds its tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TallySource {
    /// The estate's own `owners` and `ownerArea`.
    Estate,
    /// A core tally fact (`elevatorVote`).
    Core(crate::schema::EstateField),
    /// One of the pack's tally facts.
    Local(String),
}

/// A tally a test reads, with the input paths of its figures: `[total, voted, inFavour]` of the
/// counted units, then of the area (empty for a household tally).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRef {
    /// Where the tally is.
    pub source: TallySource,
    /// Whether it counts owners (with area) or households.
    pub unit: TallyUnit,
    /// The input paths of its figures, for `provide` and messages: `[total, voted, inFavour]` of the
    /// counted units, then the same three of the area (empty strings for a household tally).
    pub paths: [String; 6],
}

impl TallyRef {
    fn new(source: TallySource, unit: TallyUnit) -> TallyRef {
        let prefix = match &source {
            TallySource::Estate => String::new(),
            TallySource::Core(f) => format!("{}.", crate::schema::FieldId::field(*f).key),
            TallySource::Local(k) => format!("{k}."),
        };
        let (count, area) = match (&source, unit) {
            (TallySource::Estate, _) => ("owners.", "ownerArea."),
            (_, TallyUnit::Owners) => ("owners.", "area."),
            (_, TallyUnit::Households) => ("", ""),
        };
        let p = |group: &str, leaf: &str| format!("{prefix}{group}{leaf}");
        let area_paths = if unit == TallyUnit::Households {
            [String::new(), String::new(), String::new()]
        } else {
            [p(area, "total"), p(area, "voted"), p(area, "inFavour")]
        };
        let [a0, a1, a2] = area_paths;
        TallyRef {
            paths: [
                p(count, "total"),
                p(count, "voted"),
                p(count, "inFavour"),
                a0,
                a1,
                a2,
            ],
            source,
            unit,
        }
    }

    fn record<'e>(&self, e: &'e crate::estate::Estate) -> Option<&'e crate::record::Record> {
        match &self.source {
            TallySource::Estate => None,
            TallySource::Core(f) => e.record().record(*f),
            TallySource::Local(k) => match e.local(k) {
                Some(crate::record::Value::Record(r)) => Some(r),
                _ => None,
            },
        }
    }

    /// The counted units (owners or households): total, taking part, in favour.
    pub fn counts(&self, e: &crate::estate::Estate) -> crate::estate::Tally<u64> {
        use crate::schema::{HouseholdTallyField as H, OwnerTallyField as O};
        if self.source == TallySource::Estate {
            return e.owners();
        }
        let Some(r) = self.record(e) else {
            return Default::default();
        };
        match self.unit {
            TallyUnit::Owners => crate::estate::Tally {
                total: r.count(O::OwnersTotal),
                voted: r.count(O::OwnersVoted),
                in_favour: r.count(O::OwnersInFavour),
            },
            TallyUnit::Households => crate::estate::Tally {
                total: r.count(H::Total),
                voted: r.count(H::Voted),
                in_favour: r.count(H::InFavour),
            },
        }
    }

    /// The exclusive area (m²): total, taking part, in favour.
    pub fn areas(&self, e: &crate::estate::Estate) -> crate::estate::Tally<Decimal> {
        use crate::schema::OwnerTallyField as O;
        if self.source == TallySource::Estate {
            return e.owner_area();
        }
        match (self.unit, self.record(e)) {
            (TallyUnit::Owners, Some(r)) => crate::estate::Tally {
                total: r.decimal(O::AreaTotal),
                voted: r.decimal(O::AreaVoted),
                in_favour: r.decimal(O::AreaInFavour),
            },
            _ => Default::default(),
        }
    }
}

/// A yes/no (or other) fact a rule or funding condition reads: one of the core's, or one of the
/// pack's own (by its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactRef {
    /// A core fact of [`crate::schema::ESTATE`].
    Core(crate::schema::EstateField),
    /// A fact the pack declares, by its key.
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

/// An effective eligibility rule of a resolved pack (its own, or inherited from a base), ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The rule as the pack writes it (label, role, source, reading): what results cite.
    pub spec: std::sync::Arc<RuleSpec>,
    /// Its test, compiled.
    pub test: CompiledTest,
    /// Id of the pack that defines the rule (the base pack for inherited rules).
    pub pack: String,
    /// The document of that pack (rules cite it through their `source`).
    pub status: DocumentStatus,
}

/// Who a share goes to: a fixed party, or the utility owning the line's pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyRef {
    /// A party named in the rule.
    Fixed(Party),
    /// The utility of the line's pipeline (the water utility for a water line …), decided per line.
    PipelineUtility,
}

/// An effective funding rule of a resolved pack, with its shares parsed.
#[derive(Debug, Clone)]
pub struct CompiledFunding {
    /// The rule as the pack writes it (label, basis, why, source): what results cite.
    pub spec: std::sync::Arc<FundingRule>,
    /// The weighted payers and their weights as exact fractions, in the rule's order (relative: only
    /// their ratio matters; at least one is positive).
    pub shares: Vec<(PartyRef, Fraction)>,
    /// Payers the document names without a share (shown at 0.00, to be entered).
    pub unset: Vec<crate::party::Party>,
    /// Id of the pack that defines the rule (the base pack for inherited rules).
    pub pack: String,
    /// The `when` conditions, resolved to facts.
    pub when: Vec<(FactRef, bool)>,
}

impl CompiledFunding {
    /// Whether the rule has no condition at all (`"applies": {}`): a catch-all, which matches
    /// every line (see [`ResolvedPack::funding`] for the order rules are tried in).
    pub fn is_catch_all(&self) -> bool {
        let a = &self.spec.applies;
        a.pipelines.is_none()
            && a.segment.is_none()
            && a.categories.is_none()
            && a.items.is_none()
            && a.elevator.is_none()
            && a.tiers.is_none()
            && a.pipeline_line.is_none()
            && a.when.is_none()
    }
}

/// A validated pack with its inheritance resolved.
#[derive(Debug, Clone)]
pub struct ResolvedPack {
    /// The pack as written (after validation).
    pub pack: PolicyPack,
    /// The file name it was loaded under, for messages.
    pub file: String,
    /// SHA-256 of the file's exact bytes, hex: identifies exactly which text produced a result,
    /// however the pack was loaded.
    pub content_hash: String,
    /// True when these bytes are the ones the package's manifest publishes for this id.
    pub built_in: bool,
    /// Id and hash of the base pack, then of its base, and so on.
    pub bases: Vec<(String, String)>,
    /// The effective eligibility rules, in the order they are checked: the base's (minus those
    /// excluded, each replaced in place by a city rule of the same id), then the pack's own, then
    /// `document-status`.
    pub rules: Vec<CompiledRule>,
    /// The effective menu: the pack's own, or its base's when it has none.
    pub menu: std::sync::Arc<[MenuCategory]>,
    /// In the order they are tried.
    pub funding: Vec<CompiledFunding>,
    /// The pack's benchmarks, then those of its base whose ids it does not use.
    pub benchmarks: Vec<Benchmark>,
    /// Notes of this pack, then of its base.
    pub notes: Vec<Note>,
    /// The pack's own facts, then its base's.
    pub facts: Vec<CompiledFact>,
}

/// A pack's own fact, ready for the reader.
#[derive(Debug, Clone)]
pub struct CompiledFact {
    /// The fact as the pack declares it.
    pub spec: std::sync::Arc<LocalFact>,
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
            LocalFactKind::Tally => LocalKind::Tally(match f.spec.counts {
                Some(TallyUnit::Households) => &crate::schema::HOUSEHOLD_TALLY,
                _ => &crate::schema::OWNER_TALLY,
            }),
        })
    }
}

impl ResolvedPack {
    /// The pack's id.
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
    /// Records a problem; past [`MAX_PROBLEMS`](crate::input::read::MAX_PROBLEMS) the rest are
    /// dropped, as for inputs, so that a pack with 100 000 bad entries gives a readable answer.
    fn add(&mut self, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        if self.list.len() >= crate::input::read::MAX_PROBLEMS {
            return;
        }
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
    tree: Result<&crate::input::tree::Tree, &Error>,
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
                    field: e
                        .field()
                        .filter(|f| *f != "(input)")
                        .unwrap_or("(file)")
                        .to_string(),
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
    check_sizes(&pack, &mut p);
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
    let menu = if pack.menu.is_empty() {
        base.map(|b| b.menu.clone()).unwrap_or_default()
    } else {
        pack.menu.clone()
    };
    let rules = compile_rules(&pack, base, &facts, &menu, &mut p);
    check_menu(&pack, &menu, &mut p);
    check_targets(&pack, &mut p);
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
        out.push(char::from(
            HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
        ));
        out.push(char::from(
            HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'),
        ));
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
        p.add(
            field,
            format!("{what_zh}为空"),
            format!("the {what_en} is empty"),
        );
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
        check_str(
            &s.document,
            &format!("{field}.document"),
            "出处文件",
            "source document",
            p,
        );
    }
    if !text_ok(&s.clause) {
        check_str(
            &s.clause,
            &format!("{field}.clause"),
            "出处条款",
            "source clause",
            p,
        );
    }
    if let Some(q) = s.quote.as_deref().filter(|q| !text_ok(q)) {
        check_str(q, &format!("{field}.quote"), "引文", "quote", p);
    }
}

/// A calendar date `YYYY-MM-DD` or a year `YYYY`, within the years gaizao knows.
fn valid_date(d: &str) -> bool {
    crate::numbers::Date::parse(d, true).is_some()
}

/// Most entries of one list of a pack: the richest real pack has 40 menu items and a dozen rules.
/// The bound keeps every check of a pack (ids unique, references found) fast and its texts small.
pub const MAX_PACK_LIST: usize = 1000;

/// Lists within their bound, and the texts that no other check reads (related documents,
/// excluded ids, a borrowed ratio's source, fact choices, `when` keys) visible and not oversized.
fn check_sizes(pack: &PolicyPack, p: &mut Problems) {
    let mut list = |field: String, n: usize| {
        if n > MAX_PACK_LIST {
            p.add(
                field,
                format!("列表太长（{n} 项，最多 {MAX_PACK_LIST} 项）"),
                format!("the list is too long ({n} entries; at most {MAX_PACK_LIST})"),
            );
        }
    };
    list("excludeBaseRules".into(), pack.exclude_base_rules.len());
    list("eligibility".into(), pack.eligibility.len());
    list("menu".into(), pack.menu.len());
    list(
        "menu[].items".into(),
        pack.menu.iter().map(|c| c.items.len()).sum(),
    );
    list("funding".into(), pack.funding.len());
    list("benchmarks".into(), pack.benchmarks.len());
    list("notes".into(), pack.notes.len());
    list("facts".into(), pack.facts.len());
    list("document.related".into(), pack.document.related.len());
    for (i, r) in pack.funding.iter().enumerate() {
        let a = &r.applies;
        let n = a.items.as_ref().map_or(0, Vec::len)
            + a.categories.as_ref().map_or(0, Vec::len)
            + a.pipelines.as_ref().map_or(0, Vec::len)
            + a.tiers.as_ref().map_or(0, Vec::len)
            + a.when.as_ref().map_or(0, |w| w.0.len())
            + r.shares.len();
        list(format!("funding[{i}]"), n);
    }
    for (i, r) in pack.eligibility.iter().enumerate() {
        if let Some(s) = &r.applies_to {
            let n =
                s.items.as_ref().map_or(0, Vec::len) + s.categories.as_ref().map_or(0, Vec::len);
            list(format!("eligibility[{i}].appliesTo"), n);
        }
    }
    for (i, f) in pack.facts.iter().enumerate() {
        list(format!("facts[{i}].choices"), f.choices.len());
    }
    for (i, d) in pack.document.related.iter().enumerate() {
        check_str(
            d,
            &format!("document.related[{i}]"),
            "相关文件",
            "related document",
            p,
        );
    }
    for (i, id) in pack.exclude_base_rules.iter().enumerate() {
        check_str(id, &format!("excludeBaseRules[{i}]"), "编号", "id", p);
    }
    for (i, f) in pack.facts.iter().enumerate() {
        for (k, c) in f.choices.iter().enumerate() {
            let field = format!("facts[{i}].choices[{k}]");
            if c.id.is_empty()
                || c.id.len() > 64
                || !c.id.chars().all(|x| x.is_ascii_alphanumeric() || x == '-')
            {
                p.add(
                    format!("{field}.id"),
                    "可选值的编号应为不超过 64 个字符的字母、数字或“-”",
                    "a choice's id must be at most 64 letters, digits or '-'",
                );
            }
            check_text(&c.label, &format!("{field}.label"), p);
        }
    }
    for (i, r) in pack.funding.iter().enumerate() {
        if let Some(b) = &r.borrowed {
            let field = format!("funding[{i}].borrowed");
            if !valid_id(&b.pack) {
                p.add(
                    format!("{field}.pack"),
                    "编号只能由小写字母、数字和“-”组成",
                    "the id may hold only lowercase letters, digits and '-'",
                );
            }
            check_text(&b.jurisdiction, &format!("{field}.jurisdiction"), p);
            check_source(&b.source, &format!("{field}.source"), p);
        }
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
    check_str(
        &pack.document.number,
        "document.number",
        "文号",
        "document number",
        p,
    );
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
    threshold_from(t, field, false, p)
}

/// A threshold; `zero_ok` lets an inclusive 0 through (the maintenance fund "set up at all").
fn threshold_from(t: &Threshold, field: &str, zero_ok: bool, p: &mut Problems) -> Option<Thr> {
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

fn compile_test(
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
        RuleTest::DocumentStatus {} => CompiledTest::DocumentStatus {
            status: pack.document.status,
            last_year: pack
                .document
                .period
                .as_ref()
                .and_then(|y| y.last().copied()),
        },
    })
}

/// The id of the rule every pack (but the national base) gets for its document's standing.
pub const DOCUMENT_STATUS_RULE: &str = "document-status";

/// The warning on the document's standing, made for every pack whose document is not national.
fn document_status_rule(pack: &PolicyPack) -> Option<CompiledRule> {
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
        test: CompiledTest::DocumentStatus {
            status: pack.document.status,
            last_year: pack
                .document
                .period
                .as_ref()
                .and_then(|y| y.last().copied()),
        },
        spec: std::sync::Arc::new(spec),
        pack: pack.id.clone(),
        status: pack.document.status,
    })
}

fn compile_rules(
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

/// Whether any item of the menu can trigger the scope.
fn scope_on_menu(scope: &ItemScope, menu: &[MenuCategory]) -> bool {
    menu.iter().any(|c| {
        scope.categories.iter().flatten().any(|id| id == &c.id)
            || c.items.iter().any(|i| {
                (scope.elevator && i.elevator) || scope.items.iter().flatten().any(|id| id == &i.id)
            })
    })
}

/// The targets list: names present, not empty, no name (or alias) twice once normalised.
fn check_targets(pack: &PolicyPack, p: &mut Problems) {
    let Some(t) = &pack.targets else { return };
    check_source(&t.source, "targets.source", p);
    if t.list.is_empty() {
        p.add("targets.list", "名单为空", "the list is empty");
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, entry) in t.list.iter().enumerate() {
        let field = format!("targets.list[{i}]");
        check_str(&entry.name, &format!("{field}.name"), "名称", "name", p);
        if let Some(d) = &entry.district {
            check_str(d, &format!("{field}.district"), "所在区县", "district", p);
        }
        if let Some(n) = &entry.note {
            check_text(n, &format!("{field}.note"), p);
        }
        for (k, name) in std::iter::once(&entry.name)
            .chain(&entry.aliases)
            .enumerate()
        {
            let key = crate::eligibility::normalise_name(name);
            if seen.contains(&key) {
                let at = if k == 0 {
                    format!("{field}.name")
                } else {
                    format!("{field}.aliases[{}]", k - 1)
                };
                p.add(
                    at,
                    format!("名称“{name}”重复"),
                    format!("the name “{name}” appears twice"),
                );
            } else {
                seen.push(key);
            }
        }
    }
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
fn compile_shares(
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
                format!("比例“{weight_text}”应为不大于 {MAX_PACK_TERM} 的非负数或分数"),
                format!("weight \"{weight_text}\" must be a non-negative number or fraction of at most {MAX_PACK_TERM}"),
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

fn check_benchmarks(pack: &PolicyPack, p: &mut Problems) {
    let mut seen = Vec::new();
    for (i, b) in pack.benchmarks.iter().enumerate() {
        let field = format!("benchmarks[{i}]");
        check_id(&b.id, &format!("{field}.id"), &mut seen, p);
        check_text(&b.label, &format!("{field}.label"), p);
        check_text(&b.derivation, &format!("{field}.derivation"), p);
        check_source(&b.source, &format!("{field}.source"), p);
        // A benchmark above 10^9 元 per household or m² would make every estimate overflow.
        match crate::numbers::decimal_text(&b.amount) {
            Some(d) if d > Decimal::ZERO && d <= Decimal::from(1_000_000_000) && d.scale() <= 2 => {
            }
            _ => p.add(
                format!("{field}.amount"),
                "金额应为不超过 10 亿元、最多两位小数的正数",
                "the amount must be positive, at most 10^9 yuan, with at most two decimals",
            ),
        }
    }
}

/// A yes/no fact named by key: a core fact of kind yes/no, or one of the pack's own yes/no facts.
fn resolve_flag(
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
fn core_field(key: &str) -> Option<(crate::schema::EstateField, &'static crate::schema::Field)> {
    use crate::schema::{EstateField, FieldId, ESTATE};
    let (i, f) = ESTATE.field(key)?;
    EstateField::ALL
        .get(i)
        .copied()
        .filter(|e| e.index() == i)
        .map(|e| (e, f))
}

fn no_such_fact(key: &str, field: &str, p: &mut Problems) {
    p.add(
        field,
        format!("没有名为“{key}”的情况（核心情况或本包 facts 中声明的）"),
        format!("no fact “{key}” (neither a core fact nor one declared in this pack's facts)"),
    );
}

/// A choice fact named by key, with the ids of its values.
fn resolve_choice(
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
fn resolve_number(
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
fn resolve_tally(
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
fn compile_facts(
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
            p.add(
                &field,
                "appliesTo 至少要列出一个条件",
                "appliesTo needs at least one condition",
            );
        }
    }
}
