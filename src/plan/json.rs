//! The JSON of an assessed plan: camelCase keys, amounts as strings in 元 with two decimals and
//! in 万元 (exact, without trailing zeros, like the source), totals overall and by district,
//! year and district × year, compact rows (codes and amounts), the audit with each entry's
//! located sentence — and every other sentence once, in dictionaries keyed by rule id and by
//! audit code. With `detail`, each row carries its full eligibility (findings with texts) and
//! the lines of its split.
//!
//! Written piecewise (one row or audit entry per line) so the output of a 220,000-row plan
//! stays readable with `grep` and cheap to produce.

use std::io::Write;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use super::assess::{row_detail, Assessment, CostSource, RowLine, RowShare};
use super::audit::{AuditCode, AuditEntry, Figures, Severity};
use super::header::column_letter;
use super::totals::Sums;
use super::Plan;
use crate::eligibility::{pack_refs, Verdict};
use crate::error::Error;
use crate::money::Fen;
use crate::party::Party;
use crate::policy::model::Basis;
use crate::policy::ResolvedPack;
use crate::text::Text;
use crate::texts::plan::{code_text, entry_text, AuditContext};
use crate::texts::{Langs, Texts};

/// What the JSON carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonOptions {
    /// Full eligibility and split lines per row (audit entries have their sentence either way).
    pub detail: bool,
    /// The languages of every sentence (dictionaries and audit entries).
    pub langs: Langs,
    /// Whether to include `rows` (a page may ask for totals and audit first).
    pub rows: bool,
}

impl Default for JsonOptions {
    fn default() -> Self {
        JsonOptions {
            detail: false,
            langs: Langs::Both,
            rows: true,
        }
    }
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::internal(format!("writing JSON: {e}"))
}

/// A text in the languages asked for.
fn texts(t: &Text, langs: Langs) -> Option<Texts<&str>> {
    Texts::make(langs, |zh| if zh { t.zh.as_str() } else { t.en.as_str() })
}

struct Wan(Fen);

impl Serialize for Wan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.wan_text())
    }
}

/// A party's total.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShareOut {
    party: Party,
    amount: Fen,
    amount_wan: Wan,
    basis: Basis,
}

fn shares_out(s: &Sums) -> Vec<ShareOut> {
    s.shares()
        .into_iter()
        .map(|(party, amount, basis)| ShareOut {
            party,
            amount,
            amount_wan: Wan(amount),
            basis,
        })
        .collect()
}

/// A group's sums (the district and year are added by the caller).
struct SumsOut<'a> {
    district: Option<Option<&'a str>>,
    year: Option<Option<i32>>,
    sums: &'a Sums,
}

impl Serialize for SumsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.sums;
        let mut m = s.serialize_struct("Sums", 16)?;
        if let Some(d) = self.district {
            m.serialize_field("district", &d)?;
        }
        if let Some(y) = self.year {
            m.serialize_field("year", &y)?;
        }
        m.serialize_field("compounds", &t.compounds)?;
        m.serialize_field("households", &t.households)?;
        m.serialize_field("total", &t.total)?;
        m.serialize_field("totalWan", &Wan(t.total))?;
        m.serialize_field("perHousehold", &t.per_household())?;
        m.serialize_field("stated", &t.stated)?;
        m.serialize_field("estimated", &t.estimated)?;
        m.serialize_field("uncosted", &t.uncosted)?;
        m.serialize_field("householdsMissing", &t.households_missing)?;
        m.serialize_field("verdicts", &Verdicts(t.verdicts))?;
        m.serialize_field("shares", &shares_out(t))?;
        m.end()
    }
}

struct Verdicts([u64; 3]);

impl Serialize for Verdicts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Verdicts", 3)?;
        m.serialize_field("eligible", &self.0[0])?;
        m.serialize_field("ineligible", &self.0[1])?;
        m.serialize_field("undetermined", &self.0[2])?;
        m.end()
    }
}

/// A row's shares as `{party: amount}`.
struct RowShares<'a>(&'a [RowShare]);

impl Serialize for RowShares<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for sh in self.0 {
            m.serialize_entry(sh.party.id(), &sh.amount)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct BuiltOut {
    from: i32,
    to: i32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineOut<'p> {
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'p str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment: Option<crate::schema::Segment>,
    amount: Fen,
    funding_rule: &'p str,
    shares: RowSharesOwned,
}

struct RowSharesOwned(Vec<RowShare>);

impl Serialize for RowSharesOwned {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RowShares(&self.0).serialize(s)
    }
}

/// One row, compact: ids, codes and amounts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RowOut<'a> {
    row: usize,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    households: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    built: Option<BuiltOut>,
    verdict: Verdict,
    /// One character per rule of `rules`: P pass, F fail, ? unknown.
    outcomes: String,
    /// Index into `provideSets`: the fields that would settle the undecided decisive rules
    /// (most rows share a few lists). With `detail`, `eligibility.toProvide` lists them.
    #[serde(skip_serializing_if = "Option::is_none")]
    provide: Option<usize>,
    source: CostSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<Fen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_household: Option<Fen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    funding_rule: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    mixed: bool,
    /// The basis of every share of the row.
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<Basis>,
    shares: RowShares<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    audit: Vec<AuditCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligibility: Option<crate::eligibility::Eligibility<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<LineOut<'a>>>,
}

/// One audit entry: where, what, and the figures compared.
struct EntryOut<'a> {
    e: &'a AuditEntry,
    cx: AuditContext<'a>,
    langs: Langs,
}

impl Serialize for EntryOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.e;
        let plan = self.cx.plan;
        let mut m = s.serialize_map(None)?;
        if let Some(r) = e.row {
            m.serialize_entry("row", &r)?;
        }
        if let Some(l) = e.line {
            m.serialize_entry("line", &l)?;
        }
        if let Some(serial) = e
            .row
            .and_then(|r| plan.rows.get(r))
            .and_then(|r| r.serial.as_deref())
        {
            m.serialize_entry("serial", serial)?;
        }
        if let Some(c) = e.column {
            if let Some(h) = plan.mapping.columns.iter().find(|m| m.index == c) {
                m.serialize_entry("column", &h.header)?;
            }
            m.serialize_entry("letter", &column_letter(c))?;
        }
        m.serialize_entry("code", &e.code)?;
        m.serialize_entry("severity", &e.severity())?;
        if e.code.assumed() {
            m.serialize_entry("basis", &Basis::Assumption)?;
        }
        match &e.figures {
            Figures::None => {}
            Figures::Problem(i) => {
                if let Some(p) = plan.problems.get(*i) {
                    if !p.detail.is_empty() {
                        m.serialize_entry("detail", &p.detail)?;
                    }
                }
            }
            Figures::Built {
                from,
                to,
                cutoff,
                inclusive,
            } => {
                m.serialize_entry(
                    "built",
                    &BuiltOut {
                        from: *from,
                        to: *to,
                    },
                )?;
                m.serialize_entry("cutoff", cutoff)?;
                m.serialize_entry("inclusive", inclusive)?;
            }
            Figures::PerHousehold {
                value,
                reference,
                factor,
            } => {
                m.serialize_entry("perHousehold", value)?;
                m.serialize_entry("reference", reference)?;
                m.serialize_entry("factor", &factor.normalize().to_string())?;
            }
            Figures::Duplicate { first } => {
                m.serialize_entry("sameAs", first)?;
                if let Some(r) = plan.rows.get(*first) {
                    m.serialize_entry("sameAsLine", &r.line)?;
                }
            }
            Figures::Estimate { amount } => {
                m.serialize_entry("estimate", amount)?;
            }
            Figures::Fact { key, text } => {
                m.serialize_entry("fact", key)?;
                if !text.is_empty() {
                    m.serialize_entry("detail", text)?;
                }
            }
        }
        // Every entry carries its sentence (row, line, column and what to do): the audit is the
        // list an official works through, and it is short beside the rows.
        if self.langs.any() {
            let t = entry_text(e, &self.cx);
            m.serialize_entry("message", &texts(&t, self.langs))?;
        }
        m.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'p> {
    id: &'p str,
    role: crate::eligibility::FindingRole,
    rule_basis: crate::policy::model::RuleBasis,
    basis: Basis,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<Texts<&'p str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assumption: Option<Texts<&'p str>>,
    source: &'p crate::text::Source,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FundingOut<'p> {
    id: &'p str,
    basis: Basis,
    shares: Vec<crate::estimate::WeightOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<Texts<&'p str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<Texts<&'p str>>,
    source: &'p crate::text::Source,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BenchmarkOut<'p> {
    id: &'p str,
    basis: crate::policy::model::BenchmarkBasis,
    intensity: &'p str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<Texts<&'p str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derivation: Option<Texts<&'p str>>,
    source: &'p crate::text::Source,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OptionsOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    benchmark: Option<&'a str>,
    far_factor: String,
    far_factor_basis: Basis,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mix: Vec<MixOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    funding_overrides: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MixOut<'a> {
    item: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment: Option<crate::schema::Segment>,
    share: String,
    basis: Basis,
}

/// Writes `"key": value` at the top level, one per line.
fn field<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    first: &mut bool,
    key: &str,
    value: &T,
) -> Result<(), Error> {
    let sep = if *first { "" } else { ",\n" };
    *first = false;
    write!(out, "{sep}  \"{key}\": ").map_err(failed)?;
    serde_json::to_writer(&mut *out, value).map_err(failed)
}

/// Writes `"key": [` then one item per line, then `]`.
fn list<W: Write, T: Serialize>(
    out: &mut W,
    first: &mut bool,
    key: &str,
    items: impl Iterator<Item = Result<T, Error>>,
) -> Result<(), Error> {
    let sep = if *first { "" } else { ",\n" };
    *first = false;
    write!(out, "{sep}  \"{key}\": [").map_err(failed)?;
    let mut any = false;
    for item in items {
        let item = item?;
        out.write_all(if any { b",\n    " } else { b"\n    " })
            .map_err(failed)?;
        serde_json::to_writer(&mut *out, &item).map_err(failed)?;
        any = true;
    }
    out.write_all(if any { b"\n  ]" } else { b"]" })
        .map_err(failed)
}

/// The JSON of one row (the `rows` entries), for a page of rows.
pub fn write_row<W: Write>(
    out: &mut W,
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    index: usize,
    options: &JsonOptions,
) -> Result<(), Error> {
    if !options.detail {
        return write_row_compact(out, plan, a, pack, index, &mut Vec::with_capacity(512));
    }
    let row = row_out(plan, a, pack, index, options)?;
    serde_json::to_writer(out, &row).map_err(failed)
}

fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "eligible",
        Verdict::Ineligible => "ineligible",
        Verdict::Undetermined => "undetermined",
    }
}

fn source_id(s: CostSource) -> &'static str {
    match s {
        CostSource::Stated => "stated",
        CostSource::Benchmark => "benchmark",
        CostSource::Missing => "missing",
    }
}

fn basis_id(b: Basis) -> &'static str {
    b.id()
}

/// Appends a number's decimal digits.
fn push_uint(buf: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut at = tmp.len();
    loop {
        at -= 1;
        if let Some(d) = tmp.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    buf.extend_from_slice(tmp.get(at..).unwrap_or(&[]));
}

fn push_int(buf: &mut Vec<u8>, n: i64) {
    if n < 0 {
        buf.push(b'-');
    }
    push_uint(buf, n.unsigned_abs());
}

/// Appends `"1234.50"` (quoted), as [`Fen`] serialises.
fn push_fen(buf: &mut Vec<u8>, f: Fen) {
    buf.push(b'"');
    match u64::try_from(f.0.unsigned_abs()) {
        Ok(abs) => {
            if f.0 < 0 {
                buf.push(b'-');
            }
            push_uint(buf, abs / 100);
            buf.push(b'.');
            let cents = (abs % 100) as u8;
            buf.push(b'0' + cents / 10);
            buf.push(b'0' + cents % 10);
        }
        Err(_) => buf.extend_from_slice(f.to_string().as_bytes()),
    }
    buf.push(b'"');
}

/// Appends a JSON string (quoted and escaped as serde_json escapes it).
fn push_str(buf: &mut Vec<u8>, s: &str) {
    // Most texts need no escape: copied as they are.
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *buf, s);
    }
}

/// A compact row written by hand: the same JSON as [`RowOut`] without detail (a test compares
/// them), in a fraction of the time — keys are literals, only the sheet's own texts are escaped.
fn write_row_compact<W: Write>(
    out: &mut W,
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    index: usize,
    buf: &mut Vec<u8>,
) -> Result<(), Error> {
    let (Some(row), Some(r)) = (plan.rows.get(index), a.rows.get(index)) else {
        return Err(Error::internal(format!("no row {index}")));
    };
    buf.clear();
    let b = buf;
    let text = |b: &mut Vec<u8>, key: &[u8], v: &Option<String>| {
        if let Some(v) = v {
            b.extend_from_slice(key);
            push_str(b, v);
        }
    };
    b.extend_from_slice(b"{\"row\":");
    push_uint(b, index as u64);
    b.extend_from_slice(b",\"line\":");
    push_uint(b, row.line as u64);
    text(b, b",\"serial\":", &row.serial);
    text(b, b",\"name\":", &row.name);
    text(b, b",\"district\":", &row.district);
    if let Some(y) = row.year {
        b.extend_from_slice(b",\"year\":");
        push_int(b, i64::from(y));
    }
    if let Some(h) = row.households {
        b.extend_from_slice(b",\"households\":");
        push_uint(b, h);
    }
    if let Some((from, to)) = row.built {
        b.extend_from_slice(b",\"built\":{\"from\":");
        push_int(b, i64::from(from));
        b.extend_from_slice(b",\"to\":");
        push_int(b, i64::from(to));
        b.push(b'}');
    }
    b.extend_from_slice(b",\"verdict\":\"");
    b.extend_from_slice(verdict_id(r.verdict).as_bytes());
    b.extend_from_slice(b"\",\"outcomes\":\"");
    for o in a.outcomes(index) {
        b.push(match o {
            crate::eligibility::Outcome::Pass => b'P',
            crate::eligibility::Outcome::Fail => b'F',
            crate::eligibility::Outcome::Unknown => b'?',
        });
    }
    b.push(b'"');
    if !a.to_provide(index).is_empty() {
        b.extend_from_slice(b",\"provide\":");
        push_uint(b, a.provide_set(index) as u64);
    }
    b.extend_from_slice(b",\"source\":\"");
    b.extend_from_slice(source_id(r.source).as_bytes());
    b.push(b'"');
    if let Some(c) = r.cost {
        b.extend_from_slice(b",\"cost\":");
        push_fen(b, c);
    }
    if let Some(p) = r.per_household {
        b.extend_from_slice(b",\"perHousehold\":");
        push_fen(b, p);
    }
    if let Some(f) = r.rule.and_then(|i| pack.funding.get(usize::from(i))) {
        b.extend_from_slice(b",\"fundingRule\":");
        push_str(b, &f.spec.id);
    }
    if r.mixed {
        b.extend_from_slice(b",\"mixed\":true");
    }
    if r.cost.is_some() {
        b.extend_from_slice(b",\"basis\":\"");
        b.extend_from_slice(basis_id(r.basis).as_bytes());
        b.push(b'"');
    }
    b.extend_from_slice(b",\"shares\":{");
    for (k, sh) in a.shares(index).iter().enumerate() {
        if k > 0 {
            b.push(b',');
        }
        push_str(b, sh.party.id());
        b.push(b':');
        push_fen(b, sh.amount);
    }
    b.push(b'}');
    if r.audit != 0 {
        b.extend_from_slice(b",\"audit\":[");
        for (k, c) in AuditCode::of_mask(r.audit).enumerate() {
            if k > 0 {
                b.push(b',');
            }
            push_str(b, c.as_str());
        }
        b.push(b']');
    }
    b.push(b'}');
    out.write_all(b).map_err(failed)
}

fn row_out<'a>(
    plan: &'a Plan,
    a: &'a Assessment,
    pack: &'a ResolvedPack,
    index: usize,
    options: &JsonOptions,
) -> Result<RowOut<'a>, Error> {
    let (Some(row), Some(r)) = (plan.rows.get(index), a.rows.get(index)) else {
        return Err(Error::internal(format!("no row {index}")));
    };
    let (eligibility, lines) = if options.detail {
        let d = row_detail(plan, a, pack, index, options.langs).map_err(|e| {
            e.into_iter()
                .next()
                .unwrap_or_else(|| Error::internal("detail"))
        })?;
        let lines = d
            .lines
            .into_iter()
            .map(|l: RowLine| LineOut {
                item: l.item,
                segment: l.segment,
                amount: l.amount,
                funding_rule: pack.funding.get(l.rule).map_or("", |f| f.spec.id.as_str()),
                shares: RowSharesOwned(l.shares),
            })
            .collect();
        (Some(d.eligibility), Some(lines))
    } else {
        (None, None)
    };
    Ok(RowOut {
        row: index,
        line: row.line,
        serial: row.serial.as_deref(),
        name: row.name.as_deref(),
        district: row.district.as_deref(),
        year: row.year,
        households: row.households,
        built: row.built.map(|(from, to)| BuiltOut { from, to }),
        verdict: r.verdict,
        outcomes: a.outcome_codes(index),
        provide: (!a.to_provide(index).is_empty()).then(|| a.provide_set(index)),
        source: r.source,
        cost: r.cost,
        per_household: r.per_household,
        funding_rule: r
            .rule
            .and_then(|i| pack.funding.get(usize::from(i)))
            .map(|f| f.spec.id.as_str()),
        mixed: r.mixed,
        basis: r.cost.map(|_| r.basis),
        shares: RowShares(a.shares(index)),
        audit: AuditCode::of_mask(r.audit).collect(),
        eligibility,
        lines,
    })
}

/// Writes the whole result.
pub fn write_json<W: Write>(
    out: &mut W,
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    options: &JsonOptions,
) -> Result<(), Error> {
    write_result(out, plan, a, pack, options, true)
}

/// Writes the result without `rows` and without the audit's entries (`auditCounts` and each
/// code's sentence in `messages` stay): what a page shows first, small whatever the plan's size;
/// it then asks for rows ([`write_row`]) and entries ([`write_audit_entry`]) a page at a time.
pub fn write_summary<W: Write>(
    out: &mut W,
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    langs: Langs,
) -> Result<(), Error> {
    let options = JsonOptions {
        detail: false,
        langs,
        rows: false,
    };
    write_result(out, plan, a, pack, &options, false)
}

/// The JSON of one audit entry (`index` into the assessment's audit), as in `audit`.
pub fn write_audit_entry<W: Write>(
    out: &mut W,
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    index: usize,
    langs: Langs,
) -> Result<(), Error> {
    let e = a
        .audit
        .get(index)
        .ok_or_else(|| Error::internal(format!("no audit entry {index}")))?;
    let cx = AuditContext {
        plan,
        assessment: a,
        pack,
    };
    serde_json::to_writer(out, &EntryOut { e, cx, langs }).map_err(failed)
}

fn write_result<W: Write>(
    out: &mut W,
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    options: &JsonOptions,
    entries: bool,
) -> Result<(), Error> {
    a.check_pack(pack)?;
    let langs = options.langs;
    let t = &a.totals;
    let mut first = true;
    out.write_all(b"{\n").map_err(failed)?;
    field(out, &mut first, "policy", pack.id())?;
    field(out, &mut first, "packs", &pack_refs(pack))?;
    field(out, &mut first, "status", &pack.pack.document.status)?;
    field(out, &mut first, "rounding", crate::money::ROUNDING)?;
    field(out, &mut first, "source", &plan.source)?;
    field(out, &mut first, "mapping", &plan.mapping)?;
    let opts = OptionsOut {
        benchmark: a
            .benchmark
            .and_then(|i| pack.benchmarks.get(i))
            .map(|b| b.id.as_str()),
        far_factor: a.options.far_factor().normalize().to_string(),
        far_factor_basis: Basis::Assumption,
        mix: a
            .options
            .mix
            .iter()
            .map(|m| MixOut {
                item: &m.item,
                segment: m.segment,
                share: m.share.normalize().to_string(),
                basis: Basis::Assumption,
            })
            .collect(),
        funding_overrides: a
            .options
            .funding_overrides
            .iter()
            .map(|o| o.rule.as_str())
            .collect(),
    };
    field(out, &mut first, "options", &opts)?;
    field(out, &mut first, "compounds", &t.all.compounds)?;
    field(out, &mut first, "households", &t.all.households)?;
    field(
        out,
        &mut first,
        "householdsMissing",
        &t.all.households_missing,
    )?;
    field(out, &mut first, "total", &t.all.total)?;
    field(out, &mut first, "totalWan", &Wan(t.all.total))?;
    field(out, &mut first, "stated", &t.all.stated)?;
    field(out, &mut first, "estimated", &t.all.estimated)?;
    field(out, &mut first, "uncosted", &t.all.uncosted)?;
    field(out, &mut first, "perHousehold", &t.all.per_household())?;
    field(
        out,
        &mut first,
        "medianPerHousehold",
        &a.median_per_household,
    )?;
    field(out, &mut first, "verdicts", &Verdicts(t.all.verdicts))?;
    field(out, &mut first, "shares", &shares_out(&t.all))?;
    list(
        out,
        &mut first,
        "byDistrict",
        t.by_district.iter().map(|(d, s)| {
            Ok(SumsOut {
                district: Some(d.as_deref()),
                year: None,
                sums: s,
            })
        }),
    )?;
    list(
        out,
        &mut first,
        "byYear",
        t.by_year.iter().map(|(y, s)| {
            Ok(SumsOut {
                district: None,
                year: Some(*y),
                sums: s,
            })
        }),
    )?;
    list(
        out,
        &mut first,
        "byDistrictYear",
        t.by_district_year.iter().map(|((d, y), s)| {
            Ok(SumsOut {
                district: Some(d.as_deref()),
                year: Some(*y),
                sums: s,
            })
        }),
    )?;
    let rules: Vec<RuleOut> = pack
        .rules
        .iter()
        .zip(&a.roles)
        .map(|(r, role)| RuleOut {
            id: &r.spec.id,
            role: *role,
            rule_basis: r.spec.basis,
            basis: crate::eligibility::basis_of(r),
            label: texts(&r.spec.label, langs),
            assumption: r.spec.assumption.as_ref().and_then(|t| texts(t, langs)),
            source: &r.spec.source,
        })
        .collect();
    field(out, &mut first, "rules", &rules)?;
    let funding: Vec<FundingOut> = a
        .rules_used
        .iter()
        .filter_map(|i| pack.funding.get(*i).map(|f| (i, f)))
        .map(|(i, f)| FundingOut {
            id: &f.spec.id,
            basis: a.rule_bases.get(*i).copied().unwrap_or(f.spec.basis),
            shares: f
                .spec
                .shares
                .iter()
                // A payer the document names without a share is not in the split (it pays 0.00
                // until its share is entered as an override).
                .filter_map(|s| {
                    Some(crate::estimate::WeightOut {
                        party: crate::party::Party::from_id(&s.party)
                            .map_or(crate::party::PIPELINE_UTILITY, |p| p.id()),
                        weight: s.weight.clone()?,
                    })
                })
                .collect(),
            label: texts(&f.spec.label, langs),
            why: texts(&f.spec.why, langs),
            source: &f.spec.source,
        })
        .collect();
    field(out, &mut first, "fundingRules", &funding)?;
    let bench = a
        .benchmark
        .and_then(|i| pack.benchmarks.get(i))
        .map(|b| BenchmarkOut {
            id: &b.id,
            basis: b.basis,
            intensity: &b.amount,
            label: texts(&b.label, langs),
            derivation: texts(&b.derivation, langs),
            source: &b.source,
        });
    field(out, &mut first, "benchmark", &bench)?;
    let parties: Vec<(Party, Option<Texts<&str>>)> = t
        .all
        .shares()
        .iter()
        .map(|(p, _, _)| {
            let l = p.label();
            (*p, Texts::make(langs, |zh| if zh { l.zh } else { l.en }))
        })
        .collect();
    field(out, &mut first, "parties", &PartyNames(&parties))?;
    field(out, &mut first, "provideSets", a.provide_sets())?;
    if options.rows && options.detail {
        list(
            out,
            &mut first,
            "rows",
            (0..plan.rows.len()).map(|i| row_out(plan, a, pack, i, options)),
        )?;
    } else if options.rows {
        out.write_all(b",\n  \"rows\": [").map_err(failed)?;
        let mut buf = Vec::with_capacity(512);
        for i in 0..plan.rows.len() {
            out.write_all(if i == 0 { b"\n    " } else { b",\n    " })
                .map_err(failed)?;
            write_row_compact(out, plan, a, pack, i, &mut buf)?;
        }
        out.write_all(if plan.rows.is_empty() { b"]" } else { b"\n  ]" })
            .map_err(failed)?;
    }
    let cx = AuditContext {
        plan,
        assessment: a,
        pack,
    };
    if entries {
        list(
            out,
            &mut first,
            "audit",
            a.audit.iter().map(|e| Ok(EntryOut { e, cx, langs })),
        )?;
    }
    let count = |s: Severity| a.audit.iter().filter(|e| e.severity() == s).count();
    field(
        out,
        &mut first,
        "auditCounts",
        &serde_json::json!({
            "error": count(Severity::Error),
            "warning": count(Severity::Warning),
            "note": count(Severity::Note),
        }),
    )?;
    field(out, &mut first, "omittedProblems", &a.omitted_problems)?;
    // Each code's sentence, once.
    let mut codes: Vec<AuditCode> = Vec::new();
    for e in &a.audit {
        if !codes.contains(&e.code) {
            codes.push(e.code);
        }
    }
    let messages: Vec<(AuditCode, Option<Texts<String>>)> = codes
        .into_iter()
        .map(|c| {
            let t = code_text(c, &cx);
            (
                c,
                Texts::make(langs, |zh| if zh { t.zh.clone() } else { t.en.clone() }),
            )
        })
        .collect();
    field(out, &mut first, "messages", &Messages(&messages))?;
    out.write_all(b"\n}\n").map_err(failed)
}

struct PartyNames<'a>(&'a [(Party, Option<Texts<&'a str>>)]);

impl Serialize for PartyNames<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (p, t) in self.0 {
            m.serialize_entry(p.id(), t)?;
        }
        m.end()
    }
}

struct Messages<'a>(&'a [(AuditCode, Option<Texts<String>>)]);

impl Serialize for Messages<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (c, t) in self.0 {
            m.serialize_entry(c.as_str(), t)?;
        }
        m.end()
    }
}

/// The whole result as bytes.
pub fn to_json(
    plan: &Plan,
    a: &Assessment,
    pack: &ResolvedPack,
    options: &JsonOptions,
) -> Result<Vec<u8>, Error> {
    // About 450 bytes a row and 160 an audit entry: one allocation for most plans.
    let mut out = Vec::with_capacity(plan.rows.len() * 450 + a.audit.len() * 160 + 64 * 1024);
    write_json(&mut out, plan, a, pack, options)?;
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a test that panics fails, as it should
mod tests {
    use super::*;

    #[test]
    fn numbers_and_texts_as_serde_writes_them() {
        for f in [
            0i128,
            5,
            100,
            12_345,
            -5,
            -12_345,
            i128::from(u64::MAX),
            i128::MAX,
        ] {
            let mut b = Vec::new();
            push_fen(&mut b, Fen(f));
            assert_eq!(
                String::from_utf8(b).unwrap(),
                serde_json::to_string(&Fen(f)).unwrap()
            );
        }
        for n in [0u64, 7, 10, 2018, u64::MAX] {
            let mut b = Vec::new();
            push_uint(&mut b, n);
            assert_eq!(String::from_utf8(b).unwrap(), n.to_string());
        }
        for t in [
            "林业大院",
            "a\"b",
            "back\\slash",
            "tab\there",
            "line\nbreak",
            "\u{1}",
            "é",
        ] {
            let mut b = Vec::new();
            push_str(&mut b, t);
            assert_eq!(
                String::from_utf8(b).unwrap(),
                serde_json::to_string(t).unwrap()
            );
        }
    }

    #[test]
    fn ids_are_the_serialised_names() {
        let name = |v: serde_json::Value| v.as_str().map(str::to_string).unwrap_or_default();
        for v in [
            Verdict::Eligible,
            Verdict::Ineligible,
            Verdict::Undetermined,
        ] {
            assert_eq!(verdict_id(v), name(serde_json::to_value(v).unwrap()));
        }
        for c in [
            CostSource::Stated,
            CostSource::Benchmark,
            CostSource::Missing,
        ] {
            assert_eq!(source_id(c), name(serde_json::to_value(c).unwrap()));
        }
        for b in [Basis::Policy, Basis::Assumption, Basis::Edited] {
            assert_eq!(basis_id(b), name(serde_json::to_value(b).unwrap()));
        }
    }
}
