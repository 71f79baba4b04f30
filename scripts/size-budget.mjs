#!/usr/bin/env node
// Size budgets of what pages download, gzip -9 (and brotli, for reference): the resident wasm
// module (pkg/wasm/gaizao_bg.wasm), and the planning module (pkg/plan/) with its JS and page.
// Prints every figure and exits 1 when a budgeted file, or a first visit of a page (below), is
// over. Run after scripts/build-wasm.sh:
//   node scripts/size-budget.mjs
// GAIZAO_WASM_BUDGET=<bytes> replaces the resident module's budget (e.g. to see how far off it is).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(root, "pkg");
const KB = 1024;
// The resident module carries no pack (they are data, loaded on demand): adding a pack adds
// nothing here.
// The planning module (pkg/plan/, only the officials' planning view downloads it) is built for
// speed (opt-level 3) and carries the sheet readers and writers: ≈ 980 KB gzipped when its budget
// was set. Its JS (the wasm-bindgen glue, the Planner, the Worker) and the page's own files
// (www/plan*.js, plan.css) have budgets too.
// GAIZAO_PLAN_WASM_BUDGET=<bytes> replaces the planning module's budget.
// The resident module's target is 110 KB (issue #7), not reached yet: the budget below is what the
// module measures today, rounded up to a whole KB with at least half a KB to spare (moving code
// between modules shifts the optimised layout by a few hundred bytes either way), so that it
// cannot grow while the work goes on; lower it with
// every step that shrinks the module. GAIZAO_WASM_BUDGET=112640 shows how far off the target is.
const RESIDENT_TARGET = 110 * KB;
const BUDGETS = {
  "wasm/gaizao_bg.wasm": Number(process.env.GAIZAO_WASM_BUDGET ?? 126 * KB),
  "plan/gaizao_plan_bg.wasm": Number(process.env.GAIZAO_PLAN_WASM_BUDGET ?? 1024 * KB),
  "plan/gaizao_plan.js": 8 * KB,
  "element.js": 22.5 * KB,
  "element-en.js": 2.5 * KB,
  "plan.js": 6 * KB,
  "plan-worker.js": 4 * KB,
  "../www/plan.js": 16 * KB,
  "../www/plan-words.js": 5 * KB,
  "../www/plan-client.js": 2 * KB,
  "../www/plan-dom.js": 2 * KB,
  "../www/plan.css": 4 * KB,
};

if (!fs.existsSync(path.join(pkg, "wasm/gaizao_bg.wasm"))) {
  console.error(`size-budget: ${pkg}/wasm/gaizao_bg.wasm does not exist; run scripts/build-wasm.sh first`);
  process.exit(1);
}

const files = [];
const walk = (dir) => {
  for (const name of fs.readdirSync(path.join(pkg, dir)).sort()) {
    const rel = dir ? `${dir}/${name}` : name;
    if (fs.statSync(path.join(pkg, rel)).isDirectory()) walk(rel);
    else if (/\.(wasm|js)$/.test(name)) files.push(rel);
  }
};
walk("");
// The planning page's own files (served from www/, not part of the package).
for (const f of ["plan.js", "plan-words.js", "plan-client.js", "plan-dom.js", "plan.css"]) if (fs.existsSync(path.join(root, "www", f))) files.push(`../www/${f}`);

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
/** Brotli-compressed length at quality 11, as the serve command sends files. */
const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const rows = files.map((f) => {
  const bytes = fs.readFileSync(path.join(pkg, f));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  const br = brotli(bytes);
  const budget = BUDGETS[f];
  return { file: f, raw: bytes.length, gz, br, budget, over: budget !== undefined && gz > budget };
});
const w = Math.max(...rows.map((r) => r.file.length));
console.log(`${"file".padEnd(w)}  ${"raw".padStart(10)}  ${"gzip -9".padStart(10)}  ${"brotli".padStart(10)}  budget (gzip)`);
for (const r of rows) {
  const b = r.budget === undefined ? "" : `${kb(r.budget)}${r.over ? `  OVER by ${r.gz - r.budget} B` : "  ok"}`;
  console.log(`${r.file.padEnd(w)}  ${kb(r.raw).padStart(10)}  ${kb(r.gz).padStart(10)}  ${kb(r.br).padStart(10)}  ${b}`);
}
// A first visit (issue #11: ≤ 150 KB transferred, measured in Chromium by benches/first-visit.mjs,
// which CI does not run): what each route downloads before it is usable, brotli as the serve
// command sends it, plus ~0.42 KB of response headers per file (what that benchmark measures
// for this server). A change that would take a route over is refused here, not found later.
const FIRST_VISIT = 150 * KB;
const HEADERS = 0.42 * KB;
const ROUTES = {
  "index.html (the chooser)": ["www/index.html", "www/site.css", "www/favicon.svg", "pkg/wasm/gaizao_bg.wasm", "pkg/element.js"],
  "embed.html?policy=sichuan-panzhihua-2018": [
    "www/embed.html", "www/embed.js", "www/site.css", "www/favicon.svg", "pkg/wasm/gaizao_bg.wasm", "pkg/element.js",
    "pkg/policies/sichuan-panzhihua-2018.json", "pkg/policies/national.json",
  ],
};
// The same in English: the element's English words come as a file of their own.
ROUTES["embed.html?policy=sichuan-panzhihua-2018&lang=en"] = [...ROUTES["embed.html?policy=sichuan-panzhihua-2018"], "pkg/element-en.js"];
const routes = Object.entries(ROUTES).map(([name, list]) => {
  const bytes = list.reduce((sum, f) => sum + brotli(fs.readFileSync(path.join(root, f))) + HEADERS, 0);
  return { name, bytes, over: bytes > FIRST_VISIT };
});
console.log(`\nfirst visit (brotli bodies + ${kb(HEADERS)} headers per file; budget ${kb(FIRST_VISIT)})`);
for (const r of routes) console.log(`  ${r.name.padEnd(52)} ${kb(r.bytes).padStart(10)}  ${r.over ? `OVER by ${Math.round(r.bytes - FIRST_VISIT)} B` : "ok"}`);
for (const r of routes.filter((x) => x.over)) rows.push({ file: `first visit, ${r.name}`, gz: Math.round(r.bytes), budget: FIRST_VISIT, over: true });

const over = rows.filter((r) => r.over);
if (over.length) {
  for (const r of over) console.error(`size-budget: ${r.file} is ${r.gz} bytes ${r.file.startsWith("first visit") ? "transferred" : "gzipped"}, ${r.gz - r.budget} over its budget of ${r.budget}`);
  process.exit(1);
}
const resident = rows.find((r) => r.file === "wasm/gaizao_bg.wasm");
if (resident && resident.gz > RESIDENT_TARGET) {
  console.log(`size-budget: the resident module is ${resident.gz - RESIDENT_TARGET} B over its 110 KB target (within its interim budget)`);
}
console.log("size-budget: ok");
