// gaizao — the package's entry: a `Calculator` you create, which holds its own policy packs.
//
// This file only converts: it loads the WebAssembly module and the pack files (from the package
// itself: fetched next to this file in a browser or bundler, read from disk in Node), turns
// inputs into JSON text within the input limits, and turns the core's answers and errors into
// JS values. Every rule, check and message lives in the Rust core.
//
// Works unchanged in a browser (`<script type="module">`), under a bundler (webpack 5, Vite, …:
// the wasm and pack files are referenced with `new URL(…, import.meta.url)`) and in Node ≥ 18.

import init, { initSync, Calculator as Raw, inputProblem } from "./wasm/gaizao.js";
import { files as packFiles, index as packIndex } from "./policies/index.js";

/** Largest input (as JSON text) one call takes; the core refuses the same. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;
/** Most values in one input: far above any compound or scenario (500 items × a few fields). */
const MAX_NODES = 20000;
/** Deepest nesting of any gaizao input. */
const MAX_DEPTH = 32;
/** Longest text one field takes (the schema's own limits are smaller; the core names them). */
const MAX_STRING = 10000;
/** Longest list (the schema's own limits are smaller; the core names them). */
const MAX_LIST = 5000;
/** What the core reads as "not a number" (JSON has no NaN, Infinity or BigInt). */
const NOT_A_NUMBER = "@notANumber";

const isNode = typeof process !== "undefined" && !!process.versions?.node && typeof window === "undefined";

/** What every call throws: an `Error` with the problem's code, field and both messages. */
export class GaizaoError extends Error {
  /** @param {Array<{code: string, field?: string, message: {zh: string, en: string}}>} problems */
  constructor(problems) {
    const first = problems[0] ?? { code: "internal", message: { zh: "未知错误", en: "Unknown error" } };
    super(`${first.message.zh} / ${first.message.en}`);
    this.name = "GaizaoError";
    this.code = first.code;
    this.field = first.field;
    this.messageZh = first.message.zh;
    this.messageEn = first.message.en;
    this.problems = problems;
  }
}

/** Turns whatever the raw module threw into a GaizaoError. */
function rethrow(e) {
  if (e instanceof GaizaoError) return e;
  if (typeof e === "string") {
    try {
      const problems = JSON.parse(e);
      if (Array.isArray(problems) && problems.length) return new GaizaoError(problems);
    } catch {
      // not a report list: fall through
    }
  }
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new GaizaoError(JSON.parse(inputProblem("internal", "", detail)));
}

function problem(code, field, detail = "") {
  return new GaizaoError(JSON.parse(inputProblem(code, field, String(detail))));
}

/** A JSON text of `value`: a plain copy of it is made while walking it with every limit checked on
 * the way — so a 400 MB string or a 2 GB array is refused at once, and exotic objects (proxies,
 * getters that throw, WeakMaps, Promises) become a GaizaoError instead of escaping — and the copy,
 * which holds only strings, finite numbers, booleans, null, arrays and plain objects, is given to
 * `JSON.stringify` (each property of the input is read once, and no path is written unless a
 * problem names it). */
function toJson(value, what) {
  let nodes = 0;
  let bytes = 0;
  // The path of the value being copied, as keys and indexes: written out only for a problem.
  const trail = [];
  const at = () => {
    let path = "";
    for (const k of trail) path = typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    return path || what;
  };
  const copy = (v, depth) => {
    if (++nodes > MAX_NODES) throw problem("inputTooLarge", at(), MAX_INPUT_BYTES);
    if (depth > MAX_DEPTH) throw problem("tooDeep", at());
    switch (typeof v) {
      case "string":
        // A coarse guard against copying a huge text; the schema's own limits (smaller) are
        // the core's to report.
        if (v.length > MAX_STRING) throw problem("inputTooLarge", at(), MAX_INPUT_BYTES);
        bytes += v.length;
        return v;
      case "number":
        return Number.isFinite(v) ? v : NOT_A_NUMBER;
      case "boolean":
        return v;
      case "bigint":
      case "function":
      case "symbol":
        return NOT_A_NUMBER;
      case "undefined":
        return undefined;
      default:
        break;
    }
    if (v === null) return null;
    if (Array.isArray(v)) {
      const n = v.length;
      if (n > MAX_LIST) throw problem("inputTooLarge", at(), MAX_INPUT_BYTES);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        trail.push(i);
        const inner = copy(v[i], depth + 1);
        trail.pop();
        out[i] = inner === undefined ? null : inner;
      }
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw problem("wrongType", at(), "expected a plain object");
    }
    const out = {};
    for (const key of Object.keys(v)) {
      trail.push(key);
      const inner = copy(v[key], depth + 1);
      trail.pop();
      if (inner !== undefined) {
        // "__proto__" is an ordinary key of the input, not the copy's prototype.
        if (key === "__proto__") Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
        else out[key] = inner;
      }
      if (bytes > MAX_INPUT_BYTES) throw problem("inputTooLarge", what, MAX_INPUT_BYTES);
    }
    return out;
  };
  if (value === undefined || value === null) return "{}";
  let plain;
  try {
    if (typeof value !== "object" || Array.isArray(value)) throw problem("wrongType", what, "expected an object");
    plain = copy(value, 0);
  } catch (e) {
    // A proxy whose handler throws, a getter that throws, a revoked proxy: all end here.
    throw e instanceof GaizaoError ? e : problem("wrongType", what, `could not be read (${e?.name ?? "error"})`);
  }
  return JSON.stringify(plain);
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
/** Compiles the WebAssembly module once per page, worker or process. */
function initOnce(wasm) {
  if (!ready) {
    ready = (async () => {
      const source = wasm ?? new URL("./wasm/gaizao_bg.wasm", import.meta.url);
      if (isNode && source instanceof URL && source.protocol === "file:") {
        // In Node the bytes are on disk: compiled and instantiated synchronously, which V8 does
        // lazily (a few milliseconds), where the asynchronous path compiles and instantiates
        // far more up front (about 100 M more instructions, and 20 ms on a first load).
        initSync({ module: await readBytes(source) });
      } else if (isNode && (source instanceof WebAssembly.Module || source instanceof ArrayBuffer || ArrayBuffer.isView(source))) {
        initSync({ module: source });
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

/** A calculator: its own policy packs, and every question asked of them. Create it with
 * `await Calculator.create()`; two calculators share nothing. */
export class Calculator {
  #raw;
  #manifest;
  #fetch;
  #schema = null;
  /** id → summary of each pack loaded, as the core reported it (every load goes through here). */
  #loaded = new Map();

  constructor(raw, manifest, fetchImpl) {
    this.#raw = raw;
    this.#manifest = manifest;
    this.#fetch = fetchImpl;
  }

  /**
   * Loads the module (once) and the package's manifest of built-in packs; no pack is loaded yet.
   * Options: `wasm` (URL or bytes of gaizao_bg.wasm), `manifest` (the text of policies/index.json),
   * `fetch` (a fetch to use instead of the global one).
   */
  static async create(options = {}) {
    // The manifest is read while the module compiles (a problem with the module is still the
    // one reported first).
    const manifestText = options.manifest === undefined ? readBytes(packIndex(), options.fetch).then((b) => decoder.decode(b)) : null;
    manifestText?.catch(() => {});
    await initOnce(options.wasm);
    const text = manifestText ? await manifestText : options.manifest;
    try {
      const raw = new Raw(text);
      return new Calculator(raw, JSON.parse(text), options.fetch);
    } catch (e) {
      throw rethrow(e);
    }
  }

  /** The built-in packs the package ships (the manifest), whether loaded or not. */
  builtIn() {
    return this.#manifest.packs;
  }

  /** Loads a built-in pack from the package, with its base first; resolves to its summary.
   * Its bytes must hash to the manifest's SHA-256, or it is refused. */
  async loadBuiltin(id) {
    if (!this.#raw) throw problem("wrongType", "calculator", "this calculator was freed");
    const entry = this.#manifest.packs.find((p) => p.id === id);
    if (!entry) {
      // Let the core say that no such pack exists, with the ids that do and the nearest one.
      this.#call(() => this.#raw.menu(this.#id(id)));
      throw problem("wrongType", "policyId", "not a built-in pack");
    }
    const loaded = this.#loaded.get(id);
    if (loaded?.builtIn) return structuredClone(loaded);
    // The pack's file is read while its base loads.
    const url = packFiles[entry.file]?.();
    const reading = url ? readBytes(url, this.#fetch) : null;
    reading?.catch(() => {});
    if (entry.base) await this.loadBuiltin(entry.base);
    if (!reading) throw problem("wrongType", "policyId", `the package has no file ${entry.file}`);
    const bytes = await reading;
    const result = this.#load(bytes, `policies/${entry.file}`, false);
    if (!result.summary.builtIn) {
      throw problem("wrongType", "policyId", `policies/${entry.file} does not match the package's manifest`);
    }
    return result.summary;
  }

  /** Loads pack bytes into the core and remembers the summary it reports. */
  #load(bytes, fileName, replace) {
    const result = this.#call(() => JSON.parse(this.#raw.loadPolicy(bytes, fileName, replace)));
    this.#loaded.set(result.summary.id, structuredClone(result.summary));
    return result;
  }

  /**
   * Validates and adds a portal's own pack (JSON text or its bytes). Its base, when built-in,
   * is loaded first. A pack never replaces a loaded one, nor takes a built-in id with other
   * content, unless `replace: true`; the result's `outcome` says what happened.
   */
  async loadPolicy(source, options = {}) {
    const bytes = typeof source === "string" ? new TextEncoder().encode(source) : source instanceof ArrayBuffer ? new Uint8Array(source) : source;
    if (!(bytes instanceof Uint8Array)) throw problem("wrongType", "source", "expected the pack's JSON text or bytes");
    if (bytes.length > 2 * 1024 * 1024) throw problem("inputTooLarge", "source", 2 * 1024 * 1024);
    let base;
    try {
      base = JSON.parse(decoder.decode(bytes))?.base;
    } catch {
      base = undefined; // the core reports the syntax error with line and column
    }
    if (typeof base === "string" && this.#manifest.packs.some((p) => p.id === base)) {
      if (!this.#loaded.has(base)) await this.loadBuiltin(base);
    }
    const fileName = typeof options.fileName === "string" ? options.fileName : "(loaded pack)";
    return this.#load(bytes, fileName, options.replace === true);
  }

  /** `{builtIn, loaded}`: the manifest's packs, and the packs loaded so far with their hashes. */
  policies() {
    return this.#call(() => JSON.parse(this.#raw.policies()));
  }

  /** A loaded pack's menu: categories and items with their standards, benchmarks, funding rules
   * in the order they are tried, notes, and the pack's own facts. */
  menu(policyId) {
    return this.#call(() => JSON.parse(this.#raw.menu(this.#id(policyId))));
  }

  /** Is the compound eligible, and why. `options.lang`: `"zh"`, `"en"`, `"both"` or `"none"`
   * (default): which languages the sentences come in. */
  check(policyId, estate, options = {}) {
    const id = this.#id(policyId);
    const text = toJson(estate, "estate");
    return this.#call(() => JSON.parse(this.#raw.check(id, text, lang(options))));
  }

  /** What the chosen works cost and who pays what, to the fen. */
  estimate(policyId, scenario, options = {}) {
    const id = this.#id(policyId);
    const text = toJson(scenario, "scenario");
    return this.#call(() => JSON.parse(this.#raw.estimate(id, text, lang(options))));
  }

  /** Every input field with its type, bounds, unit, labels, help and choices. */
  schema() {
    if (!this.#schema) this.#schema = this.#call(() => JSON.parse(this.#raw.schema()));
    return this.#schema;
  }

  /** The package version and the SHA-256 of every loaded pack and its bases. */
  version() {
    return this.#call(() => JSON.parse(this.#raw.version()));
  }

  /** Frees the calculator's memory in the module (it cannot be used afterwards). */
  free() {
    this.#raw?.free();
    this.#raw = null;
  }

  #id(policyId) {
    if (typeof policyId !== "string") throw problem("wrongType", "policyId", "expected a string");
    if (policyId.length > 200) throw problem("tooLong", "policyId", 200);
    return policyId;
  }

  #call(f) {
    if (!this.#raw) throw problem("wrongType", "calculator", "this calculator was freed");
    try {
      return f();
    } catch (e) {
      throw rethrow(e);
    }
  }
}

function lang(options) {
  const l = options?.lang ?? "none";
  if (!["zh", "en", "both", "none"].includes(l)) throw problem("wrongType", "lang", 'expected "zh", "en", "both" or "none"');
  return l;
}
