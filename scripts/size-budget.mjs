#!/usr/bin/env node
// Size budgets of what pages download, gzip -9 (and brotli, for reference): the resident wasm
// module (pkg/wasm/gaizao_bg.wasm), and when built, the element bundle and the planning module.
// Prints every figure and exits 1 when a budgeted file is over. Run after scripts/build-wasm.sh:
//   node scripts/size-budget.mjs
// GAIZAO_WASM_BUDGET=<bytes> replaces the resident module's budget (e.g. to see how far off it is).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "pkg");
const KB = 1024;
// The resident module carries no pack (they are data, loaded on demand): adding a pack adds
// nothing here.
const BUDGETS = {
  "wasm/gaizao_bg.wasm": Number(process.env.GAIZAO_WASM_BUDGET ?? 110 * KB),
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

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const rows = files.map((f) => {
  const bytes = fs.readFileSync(path.join(pkg, f));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budget = BUDGETS[f];
  return { file: f, raw: bytes.length, gz, br, budget, over: budget !== undefined && gz > budget };
});
const w = Math.max(...rows.map((r) => r.file.length));
console.log(`${"file".padEnd(w)}  ${"raw".padStart(10)}  ${"gzip -9".padStart(10)}  ${"brotli".padStart(10)}  budget (gzip)`);
for (const r of rows) {
  const b = r.budget === undefined ? "" : `${kb(r.budget)}${r.over ? `  OVER by ${r.gz - r.budget} B` : "  ok"}`;
  console.log(`${r.file.padEnd(w)}  ${kb(r.raw).padStart(10)}  ${kb(r.gz).padStart(10)}  ${kb(r.br).padStart(10)}  ${b}`);
}
const over = rows.filter((r) => r.over);
if (over.length) {
  for (const r of over) console.error(`size-budget: ${r.file} is ${r.gz} bytes gzipped, ${r.gz - r.budget} over its budget of ${r.budget}`);
  process.exit(1);
}
console.log("size-budget: ok");
