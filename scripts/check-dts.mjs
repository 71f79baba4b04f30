#!/usr/bin/env node
// Keeps the TypeScript declarations that tsify generates (pkg/*/gaizao.d.ts) equal to the
// committed, reviewed reference npm/gaizao.d.ts, so that a change to the public types shows up in
// review as a diff of that file.
//   node scripts/check-dts.mjs            exit 1 with a diff when pkg/bundler/gaizao.d.ts differs
//   node scripts/check-dts.mjs --update   rewrite npm/gaizao.d.ts from the build (then review it)
// Also checks that the nodejs build declares the same, that the web build declares the same plus
// its init functions, and that every public type and export is declared. When TypeScript is
// installed (a devDependency, or GAIZAO_TYPESCRIPT=/path/to/node_modules/typescript), it also
// type-checks every shared vector against the declarations under `strict`: valid inputs must be
// assignable to Estate / Scenario, and every expected output to its declared result type (which
// catches a field the declarations miss, mistype, or mark non-null when the output has null), and
// that `require("gaizao")` and `import … from "gaizao"` / "gaizao/web" resolve their types under
// TypeScript's node16 resolution.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reference = path.join(root, "npm/gaizao.d.ts");
const built = (target) => path.join(root, "pkg", target, "gaizao.d.ts");
const rel = (p) => path.relative(root, p);

const fail = (msg) => {
  console.error(`check-dts: ${msg}`);
  process.exit(1);
};

for (const t of ["bundler", "nodejs", "web"]) {
  if (!fs.existsSync(built(t))) fail(`${rel(built(t))} is missing: run scripts/build-wasm.sh first`);
}
const bundler = fs.readFileSync(built("bundler"), "utf8");

// The declarations every user of the package relies on.
const TYPES = [
  "Estate", "Scenario", "ItemChoice", "FundingOverride", "ShareInput", "ElevatorInput", "FloorInput",
  "WaiverInput", "HouseholdInput", "MaintenanceFund", "YearRange",
  "Eligibility", "Finding", "Gap", "Verdict", "Outcome",
  "Estimate", "Line", "LineShare", "PartyTotal", "AssumptionUsed", "BenchmarkEstimate", "ElevatorSplit",
  "FloorShare", "HouseholdBill", "Menu", "MenuCategory", "MenuItem", "FundingRule", "Benchmark",
  "PolicySummary", "VersionInfo", "PackVersion", "GaizaoErrorInfo", "Party", "Text", "Source",
];
const FUNCTIONS = ["policies", "menu", "checkEligibility", "estimate", "loadPolicy", "version"];
const missing = [
  ...TYPES.filter((n) => !new RegExp(`export (interface|type) ${n}\\b`).test(bundler)).map((n) => `type ${n}`),
  ...FUNCTIONS.filter((n) => !new RegExp(`export function ${n}\\(`).test(bundler)).map((n) => `function ${n}`),
];
if (missing.length) fail(`${rel(built("bundler"))} lacks: ${missing.join(", ")}`);
if (/\bany\b/.test(bundler.replace(/\/\*\*[\s\S]*?\*\//g, ""))) fail(`${rel(built("bundler"))} declares something as any`);

const nodejs = fs.readFileSync(built("nodejs"), "utf8");
if (nodejs !== bundler) fail(`${rel(built("nodejs"))} differs from ${rel(built("bundler"))}`);
const web = fs.readFileSync(built("web"), "utf8");
if (!web.startsWith(bundler.trimEnd()) || !/export default function __wbg_init/.test(web) || !/export function initSync/.test(web)) {
  fail(`${rel(built("web"))} is not the bundler declarations plus init/initSync`);
}

/** Type-checks the vectors against the built declarations; returns false on type errors. */
function typecheckVectors() {
  let tsc = null;
  try {
    const ts = process.env.GAIZAO_TYPESCRIPT ?? path.dirname(createRequire(path.join(root, "package.json")).resolve("typescript/package.json"));
    tsc = path.join(ts, "bin/tsc");
    if (!fs.existsSync(tsc)) tsc = null;
  } catch {
    tsc = null;
  }
  if (!tsc) {
    console.log("check-dts: TypeScript not installed: vectors not type-checked against the declarations");
    return true;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gaizao-dts-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(path.join(root, "pkg"), path.join(dir, "node_modules/gaizao"), "dir");
    const vectors = path.join(root, "tests/vectors");
    const lines = ['import type { Estate, Scenario, Eligibility, Estimate, Menu, PolicySummary } from "gaizao";'];
    const result = { policies: "PolicySummary[]", menu: "Menu", checkEligibility: "Eligibility", estimate: "Estimate" };
    const input = { checkEligibility: "Estate", estimate: "Scenario" };
    let n = 0;
    for (const f of fs.readdirSync(vectors).filter((f) => f.endsWith(".json")).sort()) {
      const v = JSON.parse(fs.readFileSync(path.join(vectors, f), "utf8"));
      if (!v.expected || v.expected.error) continue; // refused inputs are meant not to type-check
      lines.push(`// ${f}`);
      if (input[v.call]) lines.push(`export const in${n}: ${input[v.call]} = ${JSON.stringify(v.input)};`);
      lines.push(`export const out${n}: ${result[v.call]} = ${JSON.stringify(v.expected)};`);
      n++;
    }
    fs.writeFileSync(path.join(dir, "vectors.ts"), lines.join("\n") + "\n");
    const opts = { strict: true, exactOptionalPropertyTypes: false, noEmit: true, module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom"] };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: opts, files: ["vectors.ts"] }));
    // How TypeScript users of Node reach the package: CommonJS and ESM under node16 resolution.
    fs.writeFileSync(path.join(dir, "cjs.cts"), 'import gaizao = require("gaizao");\nexport const total: string = gaizao.estimate("national", {}).total;\n');
    fs.writeFileSync(
      path.join(dir, "esm.mts"),
      'import { estimate } from "gaizao";\nimport init, { initSync } from "gaizao/web";\nexport const total: string = estimate("national", {}).total;\nexport const f = [init, initSync];\n',
    );
    const node16 = { ...opts, module: "node16", moduleResolution: "node16" };
    fs.writeFileSync(path.join(dir, "tsconfig.node16.json"), JSON.stringify({ compilerOptions: node16, files: ["cjs.cts", "esm.mts"] }));
    const r16 = spawnSync(process.execPath, [tsc, "-p", "tsconfig.node16.json"], { cwd: dir, encoding: "utf8" });
    if (r16.status !== 0) {
      console.error(`check-dts: the package's types do not resolve for TypeScript under node16 (require / import):\n${r16.stdout}${r16.stderr}`);
      return false;
    }
    const r = spawnSync(process.execPath, [tsc, "-p", "."], { cwd: dir, encoding: "utf8" });
    if (r.status === 0) {
      console.log(`check-dts: ${n} vectors' inputs and outputs type-check against the declarations; require/import resolve under node16`);
      return true;
    }
    const source = fs.readFileSync(path.join(dir, "vectors.ts"), "utf8").split("\n");
    console.error("check-dts: vectors do not type-check against the declarations:");
    for (const line of (r.stdout + r.stderr).split("\n").filter(Boolean).slice(0, 40)) {
      const m = line.match(/^vectors\.ts\((\d+),(\d+)\)/);
      const where = m ? source.slice(0, Number(m[1])).reverse().find((l) => l.startsWith("// ")) : "";
      console.error(`  ${where ? where.slice(3) + ": " : ""}${line.replace(/^vectors\.ts\(\d+,\d+\): /, "")}`);
    }
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (!typecheckVectors()) process.exit(1);

if (process.argv.includes("--update")) {
  fs.writeFileSync(reference, bundler);
  console.log(`check-dts: wrote ${rel(reference)} from ${rel(built("bundler"))}; review the diff before committing`);
  process.exit(0);
}

if (!fs.existsSync(reference)) fail(`${rel(reference)} does not exist; create it with: node scripts/check-dts.mjs --update`);
const expected = fs.readFileSync(reference, "utf8");
if (expected === bundler) {
  console.log(`check-dts: ${rel(built("bundler"))} matches ${rel(reference)} (${TYPES.length} key types, ${FUNCTIONS.length} exports present)`);
  process.exit(0);
}

console.error(`check-dts: the generated declarations differ from the reference ${rel(reference)}:\n`);
const diff = spawnSync("diff", ["-u", "--label", rel(reference), "--label", rel(built("bundler")), reference, built("bundler")], { encoding: "utf8" });
if (diff.stdout) {
  const lines = diff.stdout.split("\n");
  console.error(lines.slice(0, 200).join("\n") + (lines.length > 200 ? `\n… (${lines.length - 200} more lines)` : ""));
} else {
  const a = expected.split("\n");
  const b = bundler.split("\n");
  const i = a.findIndex((l, k) => l !== b[k]);
  console.error(`first difference at line ${i + 1}:\n- ${a[i]}\n+ ${b[i]}`);
}
console.error(
  `\nIf the change to the public types is intended, run \`node scripts/check-dts.mjs --update\` and commit npm/gaizao.d.ts;` +
    ` otherwise fix the Rust types (tsify attributes in src/).`,
);
process.exit(1);
