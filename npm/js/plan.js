// gaizao/plan — the officials' planning engine: a `Planner` that reads a year's plan of
// compounds from a spreadsheet (xlsx, xls, ods, CSV/TSV in UTF-8 or GBK, or text pasted from
// Excel), assesses every row under a policy pack (eligibility, cost, the split to the fen, the
// audit, totals), pages through the rows and the audit, and exports xlsx and CSV.
//
// This file only converts, like ./gaizao.js: it loads the planning module (./plan/, a wasm
// module of its own that the resident calculator never downloads) and the pack files, turns
// arguments into JSON text or bytes, and the core's answers and errors into JS values. Every
// rule, check, word and message lives in the Rust core. It is meant to run in a Web Worker
// (./plan-worker.js is one), where a 220,000-row list takes seconds without freezing a page;
// it runs in Node too.

import init, { Planner as Raw, inputProblem, maxFileBytes } from "./plan/gaizao_plan.js";
import { GaizaoError, errorsOf } from "./error.js";
import { files as packFiles, index as packIndex } from "./policies/index.js";

const isNode = typeof process !== "undefined" && !!process.versions?.node && typeof window === "undefined" && typeof WorkerGlobalScope === "undefined";

export { GaizaoError };

const { problem, rethrow } = errorsOf(inputProblem);

/** A GaizaoError, in the core's words, for a problem found before a call reaches the module:
 * `code` is `inputTooLarge` (detail: the limit), `tooLong`, `wrongType` (detail: what was
 * expected) or `internal`. Needs the module loaded (`Planner.create` first). */
export function refuse(code, field, detail = "") {
  return problem(code, field, detail);
}

/** JSON text of a query or an options object (plain values only); `undefined` → none. */
function jsonOf(value, field) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value; // already JSON text (a mapping read back, …)
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw problem("wrongType", field, `could not be written as JSON (${e?.name ?? "error"})`);
  }
  if (typeof text !== "string") throw problem("wrongType", field, "expected an object");
  return text;
}

function langOf(options) {
  const l = options?.lang ?? "both";
  if (!["zh", "en", "both", "none"].includes(l)) throw problem("wrongType", "lang", 'expected "zh", "en", "both" or "none"');
  return l;
}

/** The bytes of a file of the package (a URL made with `new URL(…, import.meta.url)`). */
async function readBytes(url, fetchImpl) {
  if (url.protocol === "file:" && isNode) {
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:fs/promises");
    return new Uint8Array(await readFile(url));
  }
  const res = await (fetchImpl ?? fetch)(url);
  if (!res.ok) throw problem("wrongType", url.pathname.split("/").pop() ?? "", `could not be loaded (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

let ready = null;
/** Compiles the planning module once per worker or process. */
function initOnce(wasm) {
  if (!ready) {
    ready = (async () => {
      const source = wasm ?? new URL("./plan/gaizao_plan_bg.wasm", import.meta.url);
      if (source instanceof URL && source.protocol === "file:" && isNode) {
        await init({ module_or_path: await readBytes(source) });
      } else {
        await init({ module_or_path: source });
      }
    })();
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

const decoder = new TextDecoder();

/** A planner: its own packs, one plan at a time. Create it with `await Planner.create()`. */
export class Planner {
  #raw;
  #manifest;
  #fetch;

  constructor(raw, manifest, fetchImpl) {
    this.#raw = raw;
    this.#manifest = manifest;
    this.#fetch = fetchImpl;
  }

  /** Loads the module (once) and the package's manifest of built-in packs; no pack is loaded
   * yet. Options: `wasm` (URL or bytes of plan/gaizao_plan_bg.wasm), `manifest` (the text of
   * policies/index.json), `fetch`. */
  static async create(options = {}) {
    await initOnce(options?.wasm);
    let text = options?.manifest;
    if (text === undefined) text = decoder.decode(await readBytes(packIndex(), options?.fetch));
    if (typeof text !== "string") throw problem("wrongType", "manifest", "expected the text of policies/index.json");
    try {
      return new Planner(new Raw(text), JSON.parse(text), options?.fetch);
    } catch (e) {
      throw rethrow(e);
    }
  }

  /** The largest file `setFile` takes, in bytes (the core's limit). */
  static get maxFileBytes() {
    return maxFileBytes();
  }

  /** The built-in packs the package ships (the manifest), whether loaded or not. */
  builtIn() {
    return this.#manifest.packs;
  }

  /** Loads a built-in pack from the package, with its base first; resolves to its summary.
   * Its bytes must hash to the manifest's SHA-256, or it is refused. */
  async loadBuiltin(id) {
    const entry = this.#manifest.packs.find((p) => p.id === id);
    if (!entry) {
      // Let the core say that no such pack exists, with the ids that do and the nearest one.
      this.#call(() => this.#raw.vocabulary(String(id).slice(0, 200)));
      throw problem("wrongType", "policyId", "not a built-in pack");
    }
    const loaded = this.policies().loaded.find((p) => p.id === id);
    if (loaded?.builtIn) return loaded;
    if (entry.base) await this.loadBuiltin(entry.base);
    const url = packFiles[entry.file]?.();
    if (!url) throw problem("wrongType", "policyId", `the package has no file ${entry.file}`);
    const bytes = await readBytes(url, this.#fetch);
    const result = this.#call(() => JSON.parse(this.#raw.loadPolicy(bytes, `policies/${entry.file}`, false)));
    if (!result.summary.builtIn) throw problem("wrongType", "policyId", `policies/${entry.file} does not match the package's manifest`);
    return result.summary;
  }

  /** Validates and adds a portal's own pack (JSON text or bytes); `{summary, outcome}`. */
  loadPolicy(source, options = {}) {
    const bytes = typeof source === "string" ? new TextEncoder().encode(source) : source instanceof ArrayBuffer ? new Uint8Array(source) : source;
    if (!(bytes instanceof Uint8Array)) throw problem("wrongType", "source", "expected the pack's JSON text or bytes");
    const fileName = typeof options?.fileName === "string" ? options.fileName : "(loaded pack)";
    return this.#call(() => JSON.parse(this.#raw.loadPolicy(bytes, fileName, options?.replace === true)));
  }

  /** `{builtIn, loaded}`: the manifest's packs, and the packs loaded so far. */
  policies() {
    return this.#call(() => JSON.parse(this.#raw.policies()));
  }

  /** The words of every code of a plan and the targets a column may be read as under
   * `policyId` (a loaded pack), each in Chinese and English. */
  vocabulary(policyId) {
    return this.#call(() => JSON.parse(this.#raw.vocabulary(policyId ?? undefined)));
  }

  /** Gives the file to read: its bytes (Uint8Array or ArrayBuffer) and its name, whose
   * extension chooses the format. Forgets any earlier plan. */
  setFile(bytes, fileName) {
    const u8 = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    if (!(u8 instanceof Uint8Array)) throw problem("wrongType", "file", "expected the file's bytes");
    if (u8.length > maxFileBytes()) throw problem("inputTooLarge", "file", maxFileBytes());
    this.#call(() => this.#raw.setFile(u8, typeof fileName === "string" ? fileName : ""));
  }

  /** Gives text pasted from a spreadsheet to read. Forgets any earlier plan. */
  setPasted(text) {
    if (typeof text !== "string") throw problem("wrongType", "text", "expected text");
    if (text.length > maxFileBytes()) throw problem("inputTooLarge", "text", maxFileBytes());
    this.#call(() => this.#raw.setPasted(text));
  }

  /** Step 1: the cells of the file given. `{source, lines, width}`. */
  readGrid() {
    return this.#call(() => JSON.parse(this.#raw.readGrid()));
  }

  /** Step 2: the compounds, under `mapping` (as returned here, edited) or a guessed one (with
   * the columns named after `policy`'s own facts). `{source, mapping, rows, subtotals, notes}`. */
  readRows(options = {}) {
    const mapping = jsonOf(options?.mapping, "mapping");
    const policy = options?.policy;
    return this.#call(() => JSON.parse(this.#raw.readRows(policy ?? undefined, mapping)));
  }

  /** Step 3: every row assessed under `policyId` with the plan `options` (benchmark, mix,
   * fundingOverrides, farFactor). Returns the summary: totals, shares, groups, rules, audit
   * counts and each code's sentence (no rows, no audit entries: page through them). */
  assess(policyId, options, { lang } = {}) {
    const text = jsonOf(options, "options");
    const l = langOf({ lang });
    return this.#call(() => JSON.parse(this.#raw.assess(String(policyId), text, l)));
  }

  /** Steps 1 to 3 at once; `onStage(stage)` is called before each (`grid`, `rows`, `assess`). */
  open(bytes, fileName, { policy, mapping, options, lang, onStage } = {}) {
    this.setFile(bytes, fileName);
    return this.#steps({ policy, mapping, options, lang, onStage });
  }

  /** Steps 1 to 3 on the same file again (a corrected mapping, another pack or options). */
  reread({ policy, mapping, options, lang, onStage } = {}) {
    return this.#steps({ policy, mapping, options, lang, onStage });
  }

  #steps({ policy, mapping, options, lang, onStage }) {
    onStage?.("grid");
    const grid = this.readGrid();
    onStage?.("rows");
    const plan = this.readRows({ policy, mapping });
    onStage?.("assess");
    const summary = this.assess(policy, options, { lang });
    return { grid, plan, summary };
  }

  /** The summary of the assessed plan again. */
  summary({ lang } = {}) {
    const l = langOf({ lang });
    return this.#call(() => JSON.parse(this.#raw.summary(l)));
  }

  /** A page of rows: `{sort, descending, verdict, district, year, source, audit, text, offset,
   * limit}` → `{matching, offset, rows}`. */
  rows(query = {}) {
    const q = jsonOf(query, "query") ?? "{}";
    return this.#call(() => JSON.parse(this.#raw.rows(q)));
  }

  /** Where row `row` stands among the rows `query` selects: `{position, matching}`. */
  locate(row, query = {}) {
    if (!Number.isInteger(row) || row < 0) throw problem("wrongType", "row", "expected a row index");
    const q = jsonOf(query, "query") ?? "{}";
    return this.#call(() => JSON.parse(this.#raw.locate(row, q)));
  }

  /** A page of the audit: `{severity, code, row, offset, limit}` → `{matching, offset, byCode,
   * entries}`, each entry with its sentence. */
  audit(query = {}, { lang } = {}) {
    const q = jsonOf(query, "query") ?? "{}";
    const l = langOf({ lang });
    return this.#call(() => JSON.parse(this.#raw.audit(q, l)));
  }

  /** Row `row` in full: eligibility with every finding and its texts, the split line by line. */
  detail(row, { lang } = {}) {
    if (!Number.isInteger(row) || row < 0) throw problem("wrongType", "row", "expected a row index");
    const l = langOf({ lang });
    return this.#call(() => JSON.parse(this.#raw.detail(row, l)));
  }

  /** The assessed plan as an .xlsx workbook (明细, 汇总, 审核), as bytes. */
  exportXlsx() {
    return this.#call(() => this.#raw.exportXlsx());
  }

  /** One sheet (`detail`, `summary`, `audit`) as CSV (UTF-8 with BOM), as bytes. */
  exportCsv(sheet) {
    return this.#call(() => this.#raw.exportCsv(String(sheet)));
  }

  /** The module's memory in bytes: its high-water mark (wasm memory never shrinks). */
  memoryBytes() {
    return this.#call(() => this.#raw.memoryBytes());
  }

  /** Forgets the file, the plan and the assessment (the packs stay). */
  forget() {
    this.#call(() => this.#raw.forget());
  }

  /** Frees the planner's memory in the module (it cannot be used afterwards). */
  free() {
    this.#raw?.free();
    this.#raw = null;
  }

  #call(f) {
    if (!this.#raw) throw problem("wrongType", "planner", "this planner was freed");
    try {
      return f();
    } catch (e) {
      throw rethrow(e);
    }
  }
}
