#!/usr/bin/env node
// How fast the built npm package is in Node, where a page feels it: compiling the module,
// creating a calculator, loading one pack, and one interactive check + estimate. Prints figures,
// asserts nothing.
//
// Run (after building pkg/ with scripts/build-wasm.sh):
//
//   node benches/package.mjs                      the shipped package in pkg/
//   node benches/package.mjs --compare-boundary   also builds crates/wasm with
//                                                 `--features boundary-swb` into a temporary
//                                                 directory (wasm-pack, ~1–2 min) and compares
//                                                 JSON text at the boundary with
//                                                 serde-wasm-bindgen (checkValue/estimateValue)
//   node benches/package.mjs --quick              fewer runs (a rough figure in a few seconds)
//   node benches/package.mjs --pkg DIR            another build of the package (e.g. an older one)
//   node benches/package.mjs --against DIR        also: this package and the one in DIR (e.g. a
//                                                 copy of pkg/ built before a change), check +
//                                                 estimate in alternating batches in one process
//                                                 — on a machine whose timings drift between
//                                                 runs, the comparison that repeats
//
// Cold figures come from fresh Node processes (this file run with --child), each doing what a
// page's first visit does once; warm figures repeat the same work in one process. Per-call
// figures are the median of several batches, in µs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const pkgAt = args.indexOf("--pkg");
const pkgDir = pkgAt >= 0 ? path.resolve(args[pkgAt + 1]) : path.join(root, "pkg");
const POLICY = "sichuan-panzhihua-2018";

// ---- inputs: what the calculator page sends ------------------------------------------------

/** A realistic compound, with the owners' tallies (林业大院, examples/linye-dayuan.json). */
const ESTATE = JSON.parse(fs.readFileSync(path.join(root, "examples/linye-dayuan.json"), "utf8"));
/** A three-item plan for the same compound, with my household. */
const SCENARIO = {
  estate: ESTATE,
  items: [
    { item: "water-supply", quantity: "84", unitPrice: "1850", segment: "beforeMeter" },
    { item: "stairwell-repair", quantity: "12", unitPrice: "18500" },
    { item: "rain-sewage", amount: "350000" },
  ],
  household: { area: "66.5" },
};
const LANGS = ["none", "zh", "both"];

// ---- timing --------------------------------------------------------------------------------

const ms = (t) => `${t.toFixed(2)} ms`;
const us = (t) => `${t.toFixed(1)} µs`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** µs per call of `f`: the best of several batches of about 60 ms (20 ms with --quick) — the
 * machine's other work only ever adds time, so the fastest batch is the figure that repeats.
 * `perCall.cpu` holds the same for the process's CPU time (user + system, all threads), which
 * other processes cannot inflate. */
function perCall(f) {
  const batchMs = quick ? 20 : 60;
  const batches = quick ? 3 : 7;
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    const dt = performance.now() - t0;
    if (dt > batchMs / 4) {
      n = Math.max(1, Math.round((n * batchMs) / dt));
      break;
    }
    n *= 2;
  }
  const each = [];
  const cpu = [];
  for (let b = 0; b < batches; b++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    each.push(((performance.now() - t0) * 1000) / n);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / n);
  }
  perCall.cpu = Math.min(...cpu);
  return Math.min(...each);
}

function row(label, value, extra = "") {
  console.log(`  ${label.padEnd(52)} ${value.padStart(10)}${extra ? `  ${extra}` : ""}`);
}

// ---- a cold start, in a fresh process ------------------------------------------------------

/** One page visit's start-up, measured in this (fresh) process; printed as JSON for the parent. */
async function child(mode) {
  const t = {};
  let t0 = performance.now();
  const api = await import(pathToFileURL(path.join(pkgDir, "gaizao.js")).href);
  t.importJs = performance.now() - t0;
  let calc;
  if (mode === "split" || mode === "async") {
    // Compile and instantiate apart: read, compile (synchronously, as create() does in Node, or
    // asynchronously, as a page does), then create() from the module.
    t0 = performance.now();
    const bytes = fs.readFileSync(path.join(pkgDir, "wasm/gaizao_bg.wasm"));
    t.readWasm = performance.now() - t0;
    t0 = performance.now();
    const module = mode === "split" ? new WebAssembly.Module(bytes) : await WebAssembly.compile(bytes);
    t.compile = performance.now() - t0;
    const manifest = fs.readFileSync(path.join(pkgDir, "policies/index.json"), "utf8");
    t0 = performance.now();
    calc = await api.Calculator.create({ wasm: module, manifest });
    t.instantiateAndCreate = performance.now() - t0;
  } else {
    t0 = performance.now();
    calc = await api.Calculator.create();
    t.create = performance.now() - t0;
  }
  t0 = performance.now();
  await calc.loadBuiltin(POLICY);
  t.loadBuiltin = performance.now() - t0;
  t0 = performance.now();
  calc.check(POLICY, ESTATE, { lang: "zh" });
  t.firstCheck = performance.now() - t0;
  t0 = performance.now();
  calc.estimate(POLICY, SCENARIO, { lang: "zh" });
  t.firstEstimate = performance.now() - t0;
  process.stdout.write(JSON.stringify(t));
}

/** Each figure of `runs` fresh processes: `{median, best}`. */
function coldRuns(mode, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode, "--pkg", pkgDir], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
    out.push(JSON.parse(r.stdout));
  }
  const keys = Object.keys(out[0]);
  const sums = out.map((o) => keys.reduce((a, k) => a + (k === "importJs" || k.startsWith("first") ? 0 : o[k]), 0));
  const fig = Object.fromEntries(keys.map((k) => [k, { median: median(out.map((o) => o[k])), best: Math.min(...out.map((o) => o[k])) }]));
  fig.total = { median: median(sums), best: Math.min(...sums) };
  return fig;
}

const cold = (f) => `${ms(f.median)} (best ${f.best.toFixed(2)})`;

// ---- the shipped package -------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(path.join(pkgDir, "package.json"))) {
    console.error(`${pkgDir} is not built: run scripts/build-wasm.sh first`);
    process.exit(1);
  }
  const wasmPath = path.join(pkgDir, "wasm/gaizao_bg.wasm");
  const wasmBytes = fs.readFileSync(wasmPath);
  const gz = zlib.gzipSync(wasmBytes, { level: 9 }).length;
  console.log(`gaizao package benchmark — ${pkgDir}`);
  console.log(`  node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}`);
  row("wasm module size (raw / gzip -9)", `${(wasmBytes.length / 1024).toFixed(1)} KB`, `${(gz / 1024).toFixed(1)} KB gzipped (${gz} B)`);

  const runs = quick ? 3 : 9;
  console.log(`\nstart-up, cold (a fresh process each; median of ${runs}, and the best)`);
  const split = coldRuns("split", runs);
  row("import gaizao.js (JS glue only)", cold(split.importJs));
  row("read gaizao_bg.wasm", cold(split.readWasm));
  row("compile: new WebAssembly.Module (as create() in Node)", cold(split.compile));
  row("instantiate + new Calculator (create from a Module)", cold(split.instantiateAndCreate));
  row(`loadBuiltin("${POLICY}") (+ national), first`, cold(split.loadBuiltin));
  row("first check (zh)", cold(split.firstCheck));
  row("first estimate (zh)", cold(split.firstEstimate));
  const asyncRun = coldRuns("async", runs);
  row("compile: await WebAssembly.compile (as a page does)", cold(asyncRun.compile));
  row(`  then loadBuiltin, first`, cold(asyncRun.loadBuiltin));
  const whole = coldRuns("whole", runs);
  row("Calculator.create() as shipped (read+compile+init)", cold(whole.create));
  row(`loadBuiltin("${POLICY}"), first`, cold(whole.loadBuiltin));
  row("=> create() + loadBuiltin, cold", cold(whole.total));

  const api = await import(pathToFileURL(path.join(pkgDir, "gaizao.js")).href);
  const raw = await import(pathToFileURL(path.join(pkgDir, "wasm/gaizao.js")).href);
  const manifestText = fs.readFileSync(path.join(pkgDir, "policies/index.json"), "utf8");
  const calc = await api.Calculator.create();
  await calc.loadBuiltin(POLICY);

  console.log("\nstart-up, warm (module compiled; median per call)");
  const n = quick ? 10 : 40;
  const creates = [];
  const loads = [];
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    const c = await api.Calculator.create();
    creates.push(performance.now() - t0);
    t0 = performance.now();
    await c.loadBuiltin(POLICY);
    loads.push(performance.now() - t0);
    c.free();
  }
  row("Calculator.create()", ms(median(creates)));
  row(`loadBuiltin("${POLICY}") (+ national)`, ms(median(loads)));
  row("=> create() + loadBuiltin, warm", ms(median(creates) + median(loads)));
  // The core's part of a load: the bytes are in memory already.
  const packBytes = (f) => new Uint8Array(fs.readFileSync(path.join(pkgDir, "policies", f)));
  const national = packBytes("national.json");
  const panzhihua = packBytes(`${POLICY}.json`);
  const rawLoad = perCall(() => {
    const r = new raw.Calculator(manifestText);
    r.loadPolicy(national, "policies/national.json", false);
    r.loadPolicy(panzhihua, `policies/${POLICY}.json`, false);
    r.free();
  });
  row("core only: new Calculator + loadPolicy × 2 (bytes in memory)", ms(rawLoad / 1000), `CPU ${ms(perCall.cpu / 1000)}`);

  console.log(`\none interactive call (${POLICY}; estate with tallies, 3-item scenario; wall, and CPU)`);
  for (const lang of LANGS) {
    const o = { lang };
    const c = perCall(() => calc.check(POLICY, ESTATE, o));
    const cc = perCall.cpu;
    const e = perCall(() => calc.estimate(POLICY, SCENARIO, o));
    const ec = perCall.cpu;
    const p = perCall(() => {
      calc.check(POLICY, ESTATE, o);
      calc.estimate(POLICY, SCENARIO, o);
    });
    const pc = perCall.cpu;
    const sizes = [JSON.stringify(calc.check(POLICY, ESTATE, o)).length, JSON.stringify(calc.estimate(POLICY, SCENARIO, o)).length];
    row(`lang ${lang}: check`, us(c), `CPU ${us(cc)}; result ${sizes[0]} B`);
    row(`lang ${lang}: estimate`, us(e), `CPU ${us(ec)}; result ${sizes[1]} B`);
    row(`lang ${lang}: check + estimate`, us(p), `CPU ${us(pc)}`);
  }
  // The wrapper's own part: the same calls on a raw calculator, text in and text out.
  const r = new raw.Calculator(manifestText);
  r.loadPolicy(national, "policies/national.json", false);
  r.loadPolicy(panzhihua, `policies/${POLICY}.json`, false);
  const estateText = JSON.stringify(ESTATE);
  const scenarioText = JSON.stringify(SCENARIO);
  for (const lang of LANGS) {
    const c = perCall(() => r.check(POLICY, estateText, lang));
    const e = perCall(() => r.estimate(POLICY, scenarioText, lang));
    row(`raw module (text in, text out), lang ${lang}: check / estimate`, us(c), us(e));
  }
  r.free();

  if (args.includes("--compare-boundary")) await compareBoundary(manifestText, national, panzhihua, gz);
  const against = args.indexOf("--against");
  if (against >= 0) await compareAgainst(calc, path.resolve(args[against + 1]));
}

// ---- this package against another build, interleaved ----------------------------------------

/** check + estimate through this package and through the one in `otherDir`, in alternating
 * batches in one process (each figure the best of its batches), per language. */
async function compareAgainst(calc, otherDir) {
  // A query string makes it a module of its own, even where the two paths resolve alike.
  const other = await import(`${pathToFileURL(path.join(otherDir, "gaizao.js")).href}?against`);
  const them = await other.Calculator.create();
  await them.loadBuiltin(POLICY);
  console.log(`
against ${otherDir} (alternating batches, best of each; µs per check + estimate)`);
  for (const lang of LANGS) {
    const o = { lang };
    const pair = (c) => () => {
      c.check(POLICY, ESTATE, o);
      c.estimate(POLICY, SCENARIO, o);
    };
    const best = [Infinity, Infinity];
    for (let round = 0; round < (quick ? 3 : 12); round++) {
      best[0] = Math.min(best[0], perCall(pair(calc)));
      best[1] = Math.min(best[1], perCall(pair(them)));
    }
    row(`lang ${lang}: this package / ${path.basename(otherDir)}`, us(best[0]), `${us(best[1])} (${((best[0] / best[1] - 1) * 100).toFixed(0)}%)`);
  }
  them.free();
}

// ---- JSON text vs serde-wasm-bindgen -------------------------------------------------------

async function compareBoundary(manifestText, national, panzhihua, shippedGz) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gaizao-swb-"));
  console.log(`\nboundary: building crates/wasm --features boundary-swb into ${dir} …`);
  const env = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${path.join(os.homedir(), ".cargo/bin")}:${process.env.PATH}` };
  const b = spawnSync(
    "wasm-pack",
    ["--quiet", "build", "--release", "--no-pack", "--target", "web", "--out-dir", dir, "--out-name", "gaizao", "crates/wasm", "--", "--features", "boundary-swb"],
    { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (b.status !== 0) {
    console.error("boundary: the build failed");
    return;
  }
  const bytes = fs.readFileSync(path.join(dir, "gaizao_bg.wasm"));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  const m = await import(pathToFileURL(path.join(dir, "gaizao.js")).href);
  await m.default({ module_or_path: bytes });
  const r = new m.Calculator(manifestText);
  r.loadPolicy(national, "policies/national.json", false);
  r.loadPolicy(panzhihua, `policies/${POLICY}.json`, false);
  console.log("  (same module, both ways; µs per call, input object in, result object out)");
  for (const lang of LANGS) {
    const cj = perCall(() => JSON.parse(r.check(POLICY, JSON.stringify(ESTATE), lang)));
    const cv = perCall(() => r.checkValue(POLICY, ESTATE, lang));
    const ej = perCall(() => JSON.parse(r.estimate(POLICY, JSON.stringify(SCENARIO), lang)));
    const ev = perCall(() => r.estimateValue(POLICY, SCENARIO, lang));
    row(`lang ${lang}: check, JSON text / serde-wasm-bindgen`, us(cj), `${us(cv)}`);
    row(`lang ${lang}: estimate, JSON text / serde-wasm-bindgen`, us(ej), `${us(ev)}`);
  }
  row("module with boundary-swb (gzip -9)", `${(gz / 1024).toFixed(1)} KB`, `${gz - shippedGz >= 0 ? "+" : ""}${gz - shippedGz} B vs shipped`);
  r.free();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (args[0] === "--child") {
  await child(args[1]);
} else {
  await main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
