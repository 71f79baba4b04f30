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
import { GaizaoError, errorsOf } from "./error.js";
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

const isNode = typeof process !== "undefined" && !!process.versions?.node && typeof window === "undefined";

export { GaizaoError };

const { problem, rethrow } = errorsOf(inputProblem);

/** Reads `options[key]`, where options may be anything a caller passes (a revoked proxy too). */
function option(options, key) {
  try {
    return options?.[key];
  } catch (e) {
    throw problem("wrongType", "options", `could not be read (${e?.name ?? "error"})`);
  }
}

/** The path of `key` inside `path`, written as the core writes it: `owners.total`, and
 * `owners[""]` or `owners["a.b"]` for a key that is not a plain name. */
function join(path, key) {
  const plain = key.length > 0 && key.length <= 64 && /^[A-Za-z0-9_-]+$/.test(key);
  if (plain) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(Array.from(key).slice(0, 40).join(""))}]`;
}

/** A JSON text of `value`, built while walking it with every limit checked on the way — so a
 * 400 MB string or a 2 GB array is refused at once, before anything is copied — and every
 * value JSON cannot hold refused at its path: NaN, ±Infinity and BigInt are not numbers;
 * functions, symbols, class instances, Dates, Maps, WeakMaps and Promises are not input; a
 * proxy or getter that throws, or a revoked proxy, is a problem of its field. Nothing but a
 * GaizaoError leaves this function. */
function toJson(value, what) {
  let nodes = 0;
  let bytes = 0;
  // The keys and indices down to the value being walked: `trail[d]` is the step to depth d + 1.
  // The path text is made only for a problem (building it for every member was an eighth of a
  // check's time).
  const trail = [];
  const at = (depth) => {
    let path = "";
    for (let d = 0; d < depth; d++) {
      const k = trail[d];
      path = typeof k === "number" ? `${path}[${k}]` : join(path, k);
    }
    return path || what;
  };
  const walk = (v, depth) => {
    if (++nodes > MAX_NODES) throw problem("inputTooLarge", at(depth), MAX_INPUT_BYTES);
    if (depth > MAX_DEPTH) throw problem("tooDeep", at(depth));
    switch (typeof v) {
      case "string":
        // A coarse guard against copying a huge text; the schema's own limits (smaller) are
        // the core's to report.
        if (v.length > MAX_STRING) throw problem("tooLong", at(depth), MAX_STRING);
        if (typeof v.isWellFormed === "function" && !v.isWellFormed()) {
          throw problem("wrongType", at(depth), "expected text, found text with a lone surrogate");
        }
        bytes += v.length;
        if (bytes > MAX_INPUT_BYTES) throw problem("inputTooLarge", at(depth), MAX_INPUT_BYTES);
        return JSON.stringify(v);
      case "number":
        if (!Number.isFinite(v)) throw problem("notANumber", at(depth));
        return Object.is(v, -0) ? "0" : String(v);
      case "bigint":
        throw problem("notANumber", at(depth));
      case "boolean":
        return v ? "true" : "false";
      case "function":
        throw problem("wrongType", at(depth), "expected a value, found a function");
      case "symbol":
        throw problem("wrongType", at(depth), "expected a value, found a symbol");
      case "undefined":
        return undefined;
      default:
        break;
    }
    if (v === null) return "null";
    try {
      if (Array.isArray(v)) {
        const n = v.length;
        if (n > MAX_LIST) throw problem("tooMany", at(depth), MAX_LIST);
        let text = "[";
        for (let i = 0; i < n; i++) {
          trail[depth] = i;
          text += (i ? "," : "") + (walk(v[i], depth + 1) ?? "null");
        }
        return `${text}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        const kind = v instanceof Date ? "a Date" : v instanceof Promise ? "a Promise" : "an object of a class";
        throw problem("wrongType", at(depth), `expected a plain object, found ${kind}`);
      }
      const keys = Object.keys(v);
      if (keys.length > MAX_LIST) throw problem("tooMany", at(depth), MAX_LIST);
      let text = "{";
      for (const key of keys) {
        trail[depth] = key;
        let inner;
        try {
          inner = v[key];
        } catch (e) {
          throw e instanceof GaizaoError ? e : problem("wrongType", at(depth + 1), `could not be read (${e?.name ?? "error"})`);
        }
        const member = walk(inner, depth + 1);
        if (member !== undefined) text += `${text.length > 1 ? "," : ""}${JSON.stringify(key)}:${member}`;
      }
      return `${text}}`;
    } catch (e) {
      // A proxy whose handler throws, a revoked proxy: a problem of this field.
      throw e instanceof GaizaoError ? e : problem("wrongType", at(depth), `could not be read (${e?.name ?? "error"})`);
    }
  };
  if (value === undefined || value === null) return "{}";
  try {
    if (typeof value !== "object" || Array.isArray(value)) throw problem("wrongType", what, "expected an object");
    return walk(value, 0);
  } catch (e) {
    throw e instanceof GaizaoError ? e : problem("wrongType", what, `could not be read (${e?.name ?? "error"})`);
  }
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

/** `make(...args)` on the first call, and its promise kept for every later call; made again on
 * the next call when it failed. */
function once(make) {
  let kept = null;
  return (...args) => {
    if (!kept) {
      kept = make(...args);
      kept.catch(() => {
        kept = null;
      });
    }
    return kept;
  };
}

/** Compiles the WebAssembly module once per page, worker or process. */
const initOnce = once(async (wasm) => {
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
});

const decoder = new TextDecoder();

/** The text of the package's manifest, read with `fetchImpl` (or the global fetch). */
function readManifest(fetchImpl) {
  return readBytes(packIndex(), fetchImpl).then((b) => decoder.decode(b));
}

/** The package's manifest, read once per page, worker or process: it is part of the package and
 * never changes under it, so a page that creates several calculators (one per element) reads it
 * once. A failed read is tried again next time. */
const manifestOnce = once(() => readManifest());

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
    let wasm, text, fetchImpl;
    try {
      wasm = options?.wasm;
      text = options?.manifest;
      fetchImpl = options?.fetch;
    } catch {
      // The module is not loaded yet, so the words cannot come from the core.
      throw new GaizaoError([{ code: "wrongType", field: "options", message: { zh: "选项无法读取", en: "The options could not be read" } }]);
    }
    // The manifest is read while the module compiles (a problem with the module is still the
    // one reported first).
    const reading = text !== undefined ? null : fetchImpl ? readManifest(fetchImpl) : manifestOnce();
    reading?.catch(() => {});
    await initOnce(wasm);
    if (reading) text = await reading;
    if (typeof text !== "string") throw problem("wrongType", "manifest", "expected the text of policies/index.json");
    try {
      const raw = new Raw(text);
      return new Calculator(raw, JSON.parse(text), fetchImpl);
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
    let bytes;
    try {
      bytes = typeof source === "string" ? new TextEncoder().encode(source) : source instanceof ArrayBuffer ? new Uint8Array(source) : source;
    } catch (e) {
      throw problem("wrongType", "source", `could not be read (${e?.name ?? "error"})`);
    }
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
    const name = option(options, "fileName");
    const fileName = typeof name === "string" ? name : "(loaded pack)";
    const replace = option(options, "replace") === true;
    return this.#load(bytes, fileName, replace);
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
  const l = option(options, "lang") ?? "none";
  if (!["zh", "en", "both", "none"].includes(l)) throw problem("wrongType", "lang", 'expected "zh", "en", "both" or "none"');
  return l;
}
