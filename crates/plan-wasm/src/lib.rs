//! The planning Worker's wasm-bindgen layer of gaizao: a `Planner` that JavaScript creates and
//! owns — its own packs, the file it was given, the plan read from it and the assessment — and
//! that converts values and errors, in one place each. No policy logic lives here (see
//! `gaizao::plan`), and there is no global state: two planners share nothing but the code.
//!
//! It is a module of its own, separate from the resident calculator's (`crates/wasm`): the sheet
//! readers and writers (calamine, rust_xlsxwriter, csv, encoding_rs) are most of its size, and
//! only the officials' planning view downloads it. It is built for speed (`[profile.plan-wasm]`,
//! opt-level 3), since a national list of 220,000 rows must go from file to totals in seconds.
//!
//! Values cross the boundary as JSON text or bytes, both ways, as in the resident binding: the
//! file's bytes come in once and stay here (so a corrected column mapping re-reads them without a
//! second copy), a page of rows or audit entries goes out as JSON text, an export as bytes.
//! Reading is split into steps (`readGrid`, `readRows`, `assess`) so that the Worker can report
//! progress between them; each step is one synchronous call.
//!
//! Failures never escape as panics: the core has no panicking path reachable from input, and
//! problems are thrown as a JSON text of reports (`[{code, field, message: {zh, en}}]`, the
//! resident binding's shape), which the JS wrapper (`npm/js/plan.js`) turns into a `GaizaoError`.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gaizao::plan::json::{write_audit_entry, write_row, write_summary, JsonOptions};
use gaizao::plan::query::{audit_page, page, AuditQuery, RowQuery};
use gaizao::plan::report::ReportSheet;
use gaizao::plan::{AssessOptions, Assessment, Grid, Mapping, Plan};
use gaizao::policy::{LoadOptions, LoadOutcome, Manifest, PolicySummary, ResolvedPack};
use gaizao::texts::ErrorReport;
use gaizao::{Error, Langs, Registry};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The one place where core errors become what JS receives: a JSON list of reports.
fn thrown(problems: Vec<Error>) -> JsValue {
    JsValue::from_str(&reports(&problems))
}

fn reports(problems: &[Error]) -> String {
    let reports: Vec<ErrorReport> = problems.iter().map(ErrorReport::from).collect();
    serde_json::to_string(&reports).unwrap_or_else(|_| {
        r#"[{"code":"internal","message":{"zh":"无法报告错误","en":"the error could not be reported"}}]"#.into()
    })
}

fn one(e: Error) -> JsValue {
    thrown(vec![e])
}

fn json<T: Serialize>(v: &T) -> Result<String, JsValue> {
    serde_json::to_string(v).map_err(|e| one(Error::internal(format!("writing JSON: {e}"))))
}

/// Bytes written by the core's JSON writers, as the text JS receives.
fn text(bytes: Vec<u8>) -> Result<String, JsValue> {
    String::from_utf8(bytes).map_err(|_| one(Error::internal("the JSON written is not UTF-8")))
}

fn langs(id: &str) -> Result<Langs, JsValue> {
    Langs::from_id(id).ok_or_else(|| {
        one(Error::WrongType {
            field: "lang".into(),
            detail: "expected \"zh\", \"en\", \"both\" or \"none\"".into(),
        })
    })
}

/// A step asked for before the one it needs (the JS wrapper calls them in order).
fn not_yet(what: &str) -> JsValue {
    one(Error::internal(format!(
        "{what}: no plan has been read yet (give a file or pasted text first)"
    )))
}

/// What the planner was given to read.
enum Input {
    File { bytes: Vec<u8>, name: String },
    Pasted(String),
}

impl Input {
    fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Pasted(_) => "",
        }
    }
}

/// What `policies()` lists: every pack the planner knows, loaded or not.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Available<'a> {
    built_in: &'a [gaizao::policy::ManifestEntry],
    loaded: Vec<PolicySummary>,
}

/// What `loadPolicy` reports.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Loaded {
    summary: PolicySummary,
    outcome: LoadOutcome,
}

/// What `readGrid` reports: enough for the page to say what it found before the rows are read.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GridRead<'a> {
    source: &'a gaizao::plan::Source,
    /// Rows with data in the sheet read (title, header, compounds, subtotals, notes).
    lines: usize,
    width: usize,
}

/// What `readRows` reports: how the file was read, to check and correct before assessing.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanRead<'a> {
    source: &'a gaizao::plan::Source,
    mapping: &'a Mapping,
    rows: usize,
    subtotals: &'a [gaizao::plan::Subtotal],
    notes: &'a [gaizao::plan::Note],
}

/// A page of rows: how many match, where the page starts, and the rows (the plan JSON's compact
/// rows, written by the core).
struct RowsOut {
    matching: usize,
    offset: usize,
    rows: Vec<u8>,
}

/// A page of audit entries.
struct AuditOut {
    matching: usize,
    offset: usize,
    by_code: Vec<(&'static str, usize)>,
    entries: Vec<u8>,
}

/// The rows a query selects, in its order, kept while the person scrolls: a page of a sorted
/// national list is then a slice, not a sort of 220,000 rows.
struct View {
    query: RowQuery,
    rows: Vec<usize>,
}

/// A planner: its own packs, one plan at a time, and every question asked of it.
#[wasm_bindgen]
pub struct Planner {
    registry: Registry,
    input: Option<Input>,
    grid: Option<Grid>,
    plan: Option<Plan>,
    assessment: Option<Assessment>,
    view: Option<View>,
}

impl Planner {
    fn pack(&self, policy: &str) -> Result<&ResolvedPack, JsValue> {
        self.registry.get(policy).map_err(one)
    }

    /// The plan, its assessment and the pack it was assessed under.
    fn assessed(&self, what: &str) -> Result<(&Plan, &Assessment, &ResolvedPack), JsValue> {
        let (Some(plan), Some(a)) = (&self.plan, &self.assessment) else {
            return Err(not_yet(what));
        };
        let pack = self.pack(&a.policy)?;
        a.check_pack(pack).map_err(one)?;
        Ok((plan, a, pack))
    }

    /// The rows `q` selects, in its order (computed once per filter and sort).
    fn view(&mut self, q: &RowQuery) -> Result<&[usize], JsValue> {
        let key = q.without_page();
        let fresh = self.view.as_ref().is_some_and(|v| v.query == key);
        if !fresh {
            let (plan, a, _) = self.assessed("rows")?;
            let all = page(plan, a, &key);
            self.view = Some(View {
                query: key,
                rows: all.rows,
            });
        }
        Ok(self.view.as_ref().map_or(&[], |v| v.rows.as_slice()))
    }
}

#[wasm_bindgen]
impl Planner {
    /// A planner that knows the package's manifest (`policies/index.json`, as text) and has
    /// loaded no pack yet. Without a manifest, no pack counts as built-in.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: Option<String>) -> Result<Planner, JsValue> {
        let manifest = match manifest {
            Some(text) => Manifest::from_json(&text).map_err(thrown)?,
            None => Manifest::default(),
        };
        Ok(Planner {
            registry: Registry::new(manifest),
            input: None,
            grid: None,
            plan: None,
            assessment: None,
            view: None,
        })
    }

    /// Validates a pack file's exact bytes and adds it (as the resident calculator's
    /// `loadPolicy`). Returns `{summary, outcome}` as JSON text.
    #[wasm_bindgen(js_name = loadPolicy)]
    pub fn load_policy(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        replace: bool,
    ) -> Result<String, JsValue> {
        let name: String = file_name.chars().take(200).collect();
        let (pack, outcome) = self
            .registry
            .load(&name, bytes, LoadOptions { replace })
            .map_err(thrown)?;
        json(&Loaded {
            summary: gaizao::policy::registry::summary(pack),
            outcome,
        })
    }

    /// The built-in packs of the manifest and the packs loaded, as JSON text.
    pub fn policies(&self) -> Result<String, JsValue> {
        json(&Available {
            built_in: &self.registry.manifest().packs,
            loaded: self.registry.summaries(),
        })
    }

    /// The words of every code of a plan (verdicts, sources, bases, severities, column headings,
    /// audit codes, parties, sheets) and the targets a column may be read as under `policy` (a
    /// loaded pack; none: the compound's facts only), as JSON text.
    pub fn vocabulary(&self, policy: Option<String>) -> Result<String, JsValue> {
        let pack = match policy {
            Some(id) => Some(self.pack(&id)?),
            None => None,
        };
        json(&gaizao::plan::words::vocabulary(pack))
    }

    /// Takes a file's bytes to read (`fileName` chooses the format by its extension; `.xlsx`,
    /// `.xls`, `.ods`, `.csv`, `.tsv`, UTF-8 or GBK), forgetting any earlier plan.
    #[wasm_bindgen(js_name = setFile)]
    pub fn set_file(&mut self, bytes: Vec<u8>, file_name: &str) {
        self.forget();
        self.input = Some(Input::File {
            bytes,
            name: file_name.chars().take(200).collect(),
        });
    }

    /// Takes text pasted from a spreadsheet (tab-separated, or any delimited text), forgetting
    /// any earlier plan.
    #[wasm_bindgen(js_name = setPasted)]
    pub fn set_pasted(&mut self, text: String) {
        self.forget();
        self.input = Some(Input::Pasted(text));
    }

    /// Step 1: the cells of the file given (its first sheet with data). Returns `{source, lines,
    /// width}` as JSON text. Refuses a file that cannot be read, with the reason.
    #[wasm_bindgen(js_name = readGrid)]
    pub fn read_grid(&mut self) -> Result<String, JsValue> {
        let grid = match &self.input {
            Some(Input::File { bytes, name }) => gaizao::plan::grid::read_grid(bytes, name),
            Some(Input::Pasted(text)) => gaizao::plan::grid::read_pasted(text),
            None => return Err(not_yet("readGrid")),
        }
        .map_err(one)?;
        let out = json(&GridRead {
            source: &grid.source,
            lines: grid.rows.len(),
            width: grid.width,
        })?;
        self.plan = None;
        self.assessment = None;
        self.view = None;
        self.grid = Some(grid);
        Ok(out)
    }

    /// Step 2: the compounds, read under `mapping` (JSON text of the mapping as `readRows`
    /// returned it, edited; none: guessed, with the columns named after the pack's own facts
    /// when `policy` is given). Reads the file again if step 1's cells were used already.
    /// Returns `{source, mapping, rows, subtotals, notes}` as JSON text.
    #[wasm_bindgen(js_name = readRows)]
    pub fn read_rows(
        &mut self,
        policy: Option<String>,
        mapping: Option<String>,
    ) -> Result<String, JsValue> {
        let mapping = match mapping {
            Some(text) => Some(gaizao::plan::header::mapping_from_json(&text).map_err(thrown)?),
            None => None,
        };
        if self.grid.is_none() {
            self.read_grid()?;
        }
        let name = self.input.as_ref().map_or("", Input::name).to_string();
        let pack = match &policy {
            Some(id) => Some(self.registry.get(id).map_err(one)?),
            None => None,
        };
        let grid = self.grid.take().ok_or_else(|| not_yet("readRows"))?;
        let plan =
            gaizao::plan::plan_from_grid_for(grid, &name, mapping.as_ref(), pack).map_err(one)?;
        let out = json(&PlanRead {
            source: &plan.source,
            mapping: &plan.mapping,
            rows: plan.rows.len(),
            subtotals: &plan.subtotals,
            notes: &plan.notes,
        })?;
        self.assessment = None;
        self.view = None;
        self.plan = Some(plan);
        Ok(out)
    }

    /// Step 3: every row assessed under `policy` with `options` (JSON text of the plan options:
    /// benchmark, mix, fundingOverrides, farFactor; none: the defaults). Returns the summary
    /// (totals, shares, groups, rules, audit counts and each code's sentence, no rows and no
    /// audit entries) with texts in `lang`, as JSON text.
    pub fn assess(
        &mut self,
        policy: &str,
        options: Option<String>,
        lang: &str,
    ) -> Result<String, JsValue> {
        let langs = langs(lang)?;
        let options = match options {
            Some(text) => AssessOptions::from_json(&text).map_err(thrown)?,
            None => AssessOptions::default(),
        };
        let plan = self.plan.as_ref().ok_or_else(|| not_yet("assess"))?;
        let pack = self.registry.get(policy).map_err(one)?;
        let a = gaizao::plan::assess(plan, pack, &options).map_err(thrown)?;
        let mut out = Vec::with_capacity(64 * 1024);
        write_summary(&mut out, plan, &a, pack, langs).map_err(one)?;
        self.view = None;
        self.assessment = Some(a);
        text(out)
    }

    /// The summary of the assessed plan again, with texts in `lang` (see `assess`).
    pub fn summary(&self, lang: &str) -> Result<String, JsValue> {
        let langs = langs(lang)?;
        let (plan, a, pack) = self.assessed("summary")?;
        let mut out = Vec::with_capacity(64 * 1024);
        write_summary(&mut out, plan, a, pack, langs).map_err(one)?;
        text(out)
    }

    /// A page of rows: `query` is JSON text `{sort, descending, verdict, district, year, source,
    /// audit, text, offset, limit}` (every key optional; `limit` at most 1,000). Returns
    /// `{matching, offset, rows: [the plan JSON's compact rows]}` as JSON text.
    pub fn rows(&mut self, query: &str) -> Result<String, JsValue> {
        /// A screenful is a few dozen rows; a larger page is a mistake of the caller.
        const MAX_PAGE: usize = 1_000;
        let q = RowQuery::from_json(query).map_err(thrown)?;
        let limit = if q.limit == 0 {
            MAX_PAGE
        } else {
            q.limit.min(MAX_PAGE)
        };
        let picked: Vec<usize> = {
            let all = self.view(&q)?;
            let start = q.offset.min(all.len());
            let end = start.saturating_add(limit).min(all.len());
            all.get(start..end)
                .map(<[usize]>::to_vec)
                .unwrap_or_default()
        };
        let matching = self.view.as_ref().map_or(0, |v| v.rows.len());
        let (plan, a, pack) = self.assessed("rows")?;
        let mut rows = Vec::with_capacity(picked.len() * 400 + 2);
        rows.push(b'[');
        for (k, i) in picked.iter().enumerate() {
            if k > 0 {
                rows.push(b',');
            }
            write_row(
                &mut rows,
                plan,
                a,
                pack,
                *i,
                &JsonOptions {
                    detail: false,
                    langs: Langs::None,
                    rows: true,
                },
            )
            .map_err(one)?;
        }
        rows.push(b']');
        let out = RowsOut {
            matching,
            offset: q.offset.min(matching),
            rows,
        };
        let rows = text(out.rows)?;
        Ok(format!(
            "{{\"matching\":{},\"offset\":{},\"rows\":{rows}}}",
            out.matching, out.offset
        ))
    }

    /// Where row `row` (index into the plan's rows) stands among the rows `query` selects, in
    /// its order: `{position, matching}` as JSON text, `position` null when the filter hides it.
    pub fn locate(&mut self, row: usize, query: &str) -> Result<String, JsValue> {
        let q = RowQuery::from_json(query).map_err(thrown)?;
        let position = self.view(&q)?.iter().position(|i| *i == row);
        let matching = self.view.as_ref().map_or(0, |v| v.rows.len());
        Ok(format!(
            "{{\"position\":{},\"matching\":{matching}}}",
            position.map_or("null".to_string(), |p| p.to_string())
        ))
    }

    /// A page of the audit: `query` is JSON text `{severity, code, row, offset, limit}` (every
    /// key optional; `limit` at most 1,000). Returns `{matching, offset, byCode: {code: count},
    /// entries: [the plan JSON's audit entries, each with its sentence in lang]}` as JSON text.
    pub fn audit(&self, query: &str, lang: &str) -> Result<String, JsValue> {
        const MAX_PAGE: usize = 1_000;
        let langs = langs(lang)?;
        let mut q = AuditQuery::from_json(query).map_err(thrown)?;
        q.limit = if q.limit == 0 {
            MAX_PAGE
        } else {
            q.limit.min(MAX_PAGE)
        };
        let (plan, a, pack) = self.assessed("audit")?;
        let found = audit_page(a, &q);
        let mut entries = Vec::with_capacity(found.entries.len() * 300 + 2);
        entries.push(b'[');
        for (k, i) in found.entries.iter().enumerate() {
            if k > 0 {
                entries.push(b',');
            }
            write_audit_entry(&mut entries, plan, a, pack, *i, langs).map_err(one)?;
        }
        entries.push(b']');
        let out = AuditOut {
            matching: found.matching,
            offset: q.offset.min(found.matching),
            by_code: found
                .by_code
                .into_iter()
                .map(|(c, n)| (c.as_str(), n))
                .collect(),
            entries,
        };
        let by_code: serde_json::Map<String, serde_json::Value> = out
            .by_code
            .iter()
            .map(|(c, n)| ((*c).to_string(), serde_json::Value::from(*n)))
            .collect();
        let by_code = json(&by_code)?;
        let entries = text(out.entries)?;
        Ok(format!(
            "{{\"matching\":{},\"offset\":{},\"byCode\":{by_code},\"entries\":{entries}}}",
            out.matching, out.offset
        ))
    }

    /// Row `row` in full: the compact row with `eligibility` (every finding with its texts in
    /// `lang`) and `lines` (the split, line by line), as JSON text.
    pub fn detail(&self, row: usize, lang: &str) -> Result<String, JsValue> {
        let langs = langs(lang)?;
        let (plan, a, pack) = self.assessed("detail")?;
        if row >= plan.rows.len() {
            return Err(one(Error::OutOfRange {
                field: "row".into(),
            }));
        }
        let mut out = Vec::with_capacity(8 * 1024);
        let options = JsonOptions {
            detail: true,
            langs,
            rows: true,
        };
        write_row(&mut out, plan, a, pack, row, &options).map_err(one)?;
        text(out)
    }

    /// The assessed plan as an `.xlsx` workbook (sheets 明细, 汇总, 审核; numbers as numbers).
    #[wasm_bindgen(js_name = exportXlsx)]
    pub fn export_xlsx(&self) -> Result<Vec<u8>, JsValue> {
        let (plan, a, pack) = self.assessed("exportXlsx")?;
        gaizao::plan::report::export_xlsx(plan, a, pack, &Default::default()).map_err(one)
    }

    /// One sheet of the assessed plan as CSV (UTF-8 with BOM): `sheet` is `detail`, `summary`
    /// or `audit`.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, sheet: &str) -> Result<Vec<u8>, JsValue> {
        let which = ReportSheet::from_id(sheet).ok_or_else(|| {
            one(Error::WrongType {
                field: "sheet".into(),
                detail: "expected \"detail\", \"summary\" or \"audit\"".into(),
            })
        })?;
        let (plan, a, pack) = self.assessed("exportCsv")?;
        gaizao::plan::report::export_csv(plan, a, pack, which).map_err(one)
    }

    /// The bytes of the module's memory: its high-water mark, since wasm memory never shrinks
    /// (the benchmark reports it; 0 outside wasm).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> f64 {
        #[cfg(target_arch = "wasm32")]
        {
            (core::arch::wasm32::memory_size::<0>() as f64) * 65536.0
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            0.0
        }
    }

    /// Forgets the file, the plan and the assessment (the packs stay).
    pub fn forget(&mut self) {
        self.input = None;
        self.grid = None;
        self.plan = None;
        self.assessment = None;
        self.view = None;
    }
}

/// The words for a problem the JS side finds before calling the module (a file over the size
/// limit, a value of the wrong type), so that every message comes from the core: `code` is one of
/// `inputTooLarge`, `tooLong`, `wrongType`, `internal`; `detail` is the limit or the wrong type's
/// description. Returns the problem reports as JSON text.
#[wasm_bindgen(js_name = inputProblem)]
pub fn input_problem(code: &str, field: &str, detail: &str) -> String {
    let field = field.chars().take(200).collect::<String>();
    let n = detail.parse::<usize>().unwrap_or(0);
    let e = match code {
        "inputTooLarge" => Error::InputTooLarge {
            field,
            bytes: 0,
            max: n,
        },
        "tooLong" => Error::TooLong { field, max: n },
        "wrongType" => Error::WrongType {
            field,
            detail: detail.chars().take(200).collect(),
        },
        "internal" => Error::internal(detail.chars().take(300).collect::<String>()),
        other => Error::internal(format!(
            "unknown input problem {}",
            other.chars().take(40).collect::<String>()
        )),
    };
    reports(&[e])
}

/// The largest file the reader takes, in bytes (`gaizao::plan::limits::MAX_BYTES`): the JS side
/// refuses a larger file before copying it into the module's memory.
#[wasm_bindgen(js_name = maxFileBytes)]
pub fn max_file_bytes() -> f64 {
    gaizao::plan::limits::MAX_BYTES as f64
}
