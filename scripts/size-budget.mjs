#!/usr/bin/env node
// Prints the raw and gzipped size of every *_bg.wasm and JS glue file in pkg/ and fails (exit 1)
// when a gzipped .wasm exceeds the budget. Run after scripts/build-wasm.sh:
//   node scripts/size-budget.mjs            (or: npm run size)
//   GAIZAO_WASM_BUDGET=160000 node scripts/size-budget.mjs   (another budget, in bytes)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const BUDGET = Number(process.env.GAIZAO_WASM_BUDGET ?? 150 * 1024); // 153600 bytes gzipped
const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "pkg");

if (!fs.existsSync(pkg)) {
  console.error(`size-budget: ${pkg} does not exist; run scripts/build-wasm.sh first`);
  process.exit(1);
}

const files = [];
for (const target of fs.readdirSync(pkg).sort()) {
  const dir = path.join(pkg, target);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith("_bg.wasm") || name.endsWith(".js")) files.push(path.join(target, name));
  }
}
if (!files.some((f) => f.endsWith(".wasm"))) {
  console.error(`size-budget: no *_bg.wasm in ${pkg}`);
  process.exit(1);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = files.map((f) => {
  const bytes = fs.readFileSync(path.join(pkg, f));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  return { file: f, raw: bytes.length, gz, over: f.endsWith(".wasm") && gz > BUDGET };
});

const w = Math.max(...rows.map((r) => r.file.length));
console.log(`${"file".padEnd(w)}  ${"raw".padStart(18)}  ${"gzip -9".padStart(18)}`);
for (const r of rows) {
  const mark = r.over ? "  OVER BUDGET" : "";
  console.log(`${r.file.padEnd(w)}  ${`${r.raw} (${kb(r.raw)})`.padStart(18)}  ${`${r.gz} (${kb(r.gz)})`.padStart(18)}${mark}`);
}
const over = rows.filter((r) => r.over);
console.log(`\nbudget: gzipped .wasm ≤ ${BUDGET} bytes (${kb(BUDGET)})`);
if (over.length) {
  for (const r of over) console.error(`size-budget: ${r.file} is ${r.gz} bytes gzipped, ${r.gz - BUDGET} over the budget`);
  process.exit(1);
}
console.log("size-budget: ok");
