// gaizao/plan-worker.js — a Web Worker (module) that owns one Planner and does all the planning
// work off the page's main thread: reading a 220,000-row list, assessing it, paging through its
// rows and audit, and building the exports. Start it with
//   new Worker(new URL("gaizao/plan-worker.js", import.meta.url), { type: "module" })
// (or the file's URL on your server) and talk to it with the protocol below (modelled on fend's
// web worker: one message per request, answered once, with the request's id).
//
// Request:   { id, type, ...arguments }                        (id: any value, echoed back)
// Answer:    { id, ok: true, result }  or  { id, ok: false, error: [{code, field, message}] }
// Progress:  { id, progress: { stage, done, total } }         (during open, paste, reread)
//
// Types and their arguments (results in brackets):
//   init      { }                                            [{ builtIn: manifest's packs, maxFileBytes }]
//   open      { policy, file (a File or Blob) | bytes (ArrayBuffer, transfer it), name, mapping?, options? }
//             [{ grid, plan, summary, timings }]             stages: pack, load (bytes read), grid, rows, assess
//   paste     { policy, text, mapping?, options? }           [as open]
//   reread    { policy, mapping?, options? }                 [as open] the same file again: a corrected
//             mapping (null: guess again), another pack, other options
//   vocabulary { policy? }                                   [the words and column targets]
//   rows      { query }                                      [{ matching, offset, rows }]
//   locate    { row, query }                                 [{ position, matching }]
//   audit     { query, lang? }                               [{ matching, offset, byCode, entries }]
//   detail    { row, lang? }                                 [the row in full]
//   export    { format: "xlsx" | "csv", sheet? }             [{ blob, bytes }] a Blob, built here
//   memory    { }                                            [bytes of the module's memory]
//
// Requests run one at a time, in the order they arrive (a page may send the next while one runs).
// Everything this file does is moving data: the words, checks and numbers are the core's.

import { Planner, GaizaoError, refuse } from "./plan.js";

let planner = null;
/** The file being worked on: its name, and the mapping and options it was last read with. */
const current = { name: "", policy: null };

const MIME = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv;charset=utf-8",
};

async function ensure() {
  planner ??= await Planner.create();
  return planner;
}

/** Loads the pack (and its base) when it is a built-in one not loaded yet. */
async function pack(p, id, progress) {
  if (typeof id !== "string") return;
  if (p.builtIn().some((e) => e.id === id)) {
    progress("pack", 0, 1);
    await p.loadBuiltin(id);
  }
}

/** A File's or Blob's bytes, read in chunks into one buffer, with progress. */
async function bytesOf(file, progress) {
  const total = file.size;
  // Refused before it is read, in the core's words, with the limit.
  if (total > Planner.maxFileBytes) throw refuse("inputTooLarge", "file", Planner.maxFileBytes);
  const out = new Uint8Array(total);
  const reader = file.stream().getReader();
  let done = 0;
  let last = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    if (done + value.length > total) throw refuse("internal", "file", "the file grew while it was read");
    out.set(value, done);
    done += value.length;
    if (done - last > 1 << 20 || done === total) {
      progress("load", done, total);
      last = done;
    }
  }
  return done === total ? out : out.subarray(0, done);
}

function stepper(progress, t) {
  let stage = null;
  let at = performance.now();
  return (next) => {
    const now = performance.now();
    if (stage) t[stage] = Math.round(now - at);
    stage = next;
    at = now;
    if (next) progress(next, 0, 1);
  };
}

const handlers = {
  async init() {
    const p = await ensure();
    return { builtIn: p.builtIn(), maxFileBytes: Planner.maxFileBytes };
  },

  async open({ policy, file, bytes, name, mapping, options }, progress) {
    const p = await ensure();
    const t = {};
    const started = performance.now();
    await pack(p, policy, progress);
    let data;
    if (file) {
      data = await bytesOf(file, progress);
    } else {
      data = new Uint8Array(bytes ?? new ArrayBuffer(0));
    }
    t.load = Math.round(performance.now() - started);
    current.name = typeof name === "string" ? name : file?.name ?? "";
    current.policy = policy;
    const step = stepper(progress, t);
    const out = p.open(data, current.name, { policy, mapping: mapping ?? undefined, options: options ?? undefined, lang: "both", onStage: step });
    step(null);
    t.total = Math.round(performance.now() - started);
    return { ...out, timings: t };
  },

  async paste({ policy, text, mapping, options }, progress) {
    const p = await ensure();
    const t = {};
    await pack(p, policy, progress);
    p.setPasted(text);
    current.name = "";
    current.policy = policy;
    const step = stepper(progress, t);
    const out = p.reread({ policy, mapping: mapping ?? undefined, options: options ?? undefined, lang: "both", onStage: step });
    step(null);
    return { ...out, timings: t };
  },

  async reread({ policy, mapping, options }, progress) {
    const p = await ensure();
    const t = {};
    await pack(p, policy, progress);
    current.policy = policy;
    const step = stepper(progress, t);
    const out = p.reread({ policy, mapping: mapping ?? undefined, options: options ?? undefined, lang: "both", onStage: step });
    step(null);
    return { ...out, timings: t };
  },

  async vocabulary({ policy }) {
    const p = await ensure();
    if (policy) await pack(p, policy, () => {});
    return p.vocabulary(policy ?? undefined);
  },

  rows({ query }) {
    return planner.rows(query ?? {});
  },

  locate({ row, query }) {
    return planner.locate(row, query ?? {});
  },

  audit({ query, lang }) {
    return planner.audit(query ?? {}, { lang: lang ?? "both" });
  },

  detail({ row, lang }) {
    return planner.detail(row, { lang: lang ?? "both" });
  },

  export({ format, sheet }) {
    const bytes = format === "csv" ? planner.exportCsv(sheet ?? "detail") : planner.exportXlsx();
    const blob = new Blob([bytes], { type: MIME[format === "csv" ? "csv" : "xlsx"] });
    return { blob, bytes: bytes.length };
  },

  memory() {
    return planner ? planner.memoryBytes() : 0;
  },
};

function problemsOf(e) {
  if (e instanceof GaizaoError) return e.problems;
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  try {
    return refuse("internal", "", detail).problems;
  } catch {
    // The module itself did not load: no words from the core are to be had.
    return [{ code: "internal", message: { zh: `计划模块未能载入：${detail}`, en: `The planning module did not load: ${detail}` } }];
  }
}

let queue = Promise.resolve();

self.addEventListener("message", (event) => {
  const msg = event.data ?? {};
  const { id, type } = msg;
  queue = queue.then(async () => {
    const progress = (stage, done, total) => self.postMessage({ id, progress: { stage, done, total } });
    try {
      await ensure();
      const handler = Object.hasOwn(handlers, type) ? handlers[type] : null;
      if (!handler) throw refuse("wrongType", "type", `a request type (${Object.keys(handlers).join(", ")})`);
      const result = await handler(msg, progress);
      self.postMessage({ id, ok: true, result });
    } catch (e) {
      self.postMessage({ id, ok: false, error: problemsOf(e) });
    }
  });
});
