#!/usr/bin/env node
// Checks the package's TypeScript declarations:
//  1. npm/types.d.ts — generated from the core (inputs from the schema, results from the Rust
//     types) — is current: it equals what `cargo run -p gaizao --example typescript --features ts`
//     prints now, so a change to the public types shows up in review as a diff of that file;
//  2. it declares every key type and declares nothing as `any`;
//  3. every shared vector type-checks against the published declarations under `strict`: valid
//     inputs are assignable to Estate / Scenario and every expected output to its result type
//     (which catches a field the declarations miss, mistype, or mark non-null when the output has
//     null), and the package's types resolve for TypeScript users under bundler and node16
//     resolution.
//   node scripts/check-dts.mjs            exit 1 with a diff when npm/types.d.ts is stale
//   node scripts/check-dts.mjs --update   rewrite npm/types.d.ts from the core (then review it)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reference = path.join(root, "npm/types.d.ts");
const rel = (p) => path.relative(root, p);
const fail = (msg) => {
  console.error(`check-dts: ${msg}`);
  process.exit(1);
};

const gen = spawnSync("cargo", ["run", "--quiet", "-p", "gaizao", "--example", "typescript", "--features", "ts"], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (gen.status !== 0) fail(`generating the declarations failed:\n${gen.stderr}`);
const generated = gen.stdout;

if (process.argv.includes("--update")) {
  fs.writeFileSync(reference, generated);
  console.log(`check-dts: wrote ${rel(reference)}; review the diff before committing`);
  process.exit(0);
}

const TYPES = [
  "Estate", "Scenario", "ItemChoice", "FundingOverride", "ShareInput", "FloorInput",
  "Eligibility", "Finding", "FindingRole", "Measure", "SharePart", "Gap", "Verdict", "Outcome", "FindingText",
  "Estimate", "Line", "LineShare", "PartyTotal", "AssumptionUsed", "BenchmarkEstimate", "ElevatorSplit",
  "FloorShare", "HouseholdBill", "EstimateNote", "Menu", "MenuCategory", "MenuItem", "FundingRule", "Benchmark",
  "LocalFact", "PolicySummary", "ManifestEntry", "Manifest", "SchemaExport", "FieldExport", "Party", "Text",
  "Source", "ErrorReport", "Texts",
];
const missing = TYPES.filter((n) => !new RegExp(`export (interface|type) ${n}\\b`).test(generated));
if (missing.length) fail(`the generated declarations lack: ${missing.join(", ")}`);
if (/\bany\b/.test(generated.replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, ""))) fail("the generated declarations declare something as any");

/** Type-checks the vectors against the built package's declarations; false on type errors. */
function typecheckVectors() {
  let tsc;
  try {
    const ts = process.env.GAIZAO_TYPESCRIPT ?? path.dirname(createRequire(path.join(root, "package.json")).resolve("typescript/package.json"));
    tsc = path.join(ts, "bin/tsc");
  } catch {
    tsc = null;
  }
  if (!tsc || !fs.existsSync(tsc)) {
    console.log("check-dts: TypeScript not installed: vectors not type-checked against the declarations");
    return true;
  }
  if (!fs.existsSync(path.join(root, "pkg/gaizao.d.ts"))) fail("pkg/ is not built: run scripts/build-wasm.sh first");
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
    const opts = { strict: true, noEmit: true, module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: false };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: opts, files: ["vectors.ts"] }));
    // How a TypeScript user in Node reaches the package (ESM under node16 resolution).
    fs.writeFileSync(
      path.join(dir, "esm.mts"),
      'import { Calculator, GaizaoError } from "gaizao";\nconst c = await Calculator.create();\nawait c.loadBuiltin("national");\nexport const total: string = c.estimate("national", {}).total;\nexport const verdict: string = c.check("national", { builtYear: 1995 }, { lang: "zh" }).verdict;\nexport const e: typeof GaizaoError = GaizaoError;\n' +
        // gaizao/plan and its Worker's protocol (npm/plan.d.ts, npm/plan-worker.d.ts).
        'import { Planner } from "gaizao/plan";\nimport type { PlanRequest } from "gaizao/plan-worker.js";\nconst p = await Planner.create();\nawait p.loadBuiltin("sichuan-panzhihua-2018");\nexport const wan: string = p.open(new Uint8Array(), "a.csv", { policy: "sichuan-panzhihua-2018" }).summary.totalWan;\nexport const page: number = p.rows({ sort: "cost", limit: 10 }).matching;\nexport const req: PlanRequest = { id: 1, type: "audit", query: { severity: "warning" } };\n',
    );
    const node16 = { ...opts, module: "node16", moduleResolution: "node16" };
    fs.writeFileSync(path.join(dir, "tsconfig.node16.json"), JSON.stringify({ compilerOptions: node16, files: ["esm.mts"] }));
    const r16 = spawnSync(process.execPath, [tsc, "-p", "tsconfig.node16.json"], { cwd: dir, encoding: "utf8" });
    if (r16.status !== 0) {
      console.error(`check-dts: the package's types do not resolve for TypeScript under node16:\n${r16.stdout}${r16.stderr}`);
      return false;
    }
    const r = spawnSync(process.execPath, [tsc, "-p", "."], { cwd: dir, encoding: "utf8" });
    if (r.status === 0) {
      console.log(`check-dts: ${n} vectors' inputs and outputs type-check against the declarations; imports resolve under node16`);
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

const expected = fs.existsSync(reference) ? fs.readFileSync(reference, "utf8") : "";
if (expected === generated) {
  console.log(`check-dts: ${rel(reference)} is current (${TYPES.length} key types present)`);
  process.exit(0);
}
const a = expected.split("\n");
const b = generated.split("\n");
const i = a.findIndex((l, k) => l !== b[k]);
console.error(`check-dts: ${rel(reference)} is out of date; first difference at line ${i + 1}:\n- ${a[i]}\n+ ${b[i]}`);
console.error("If the change to the public types is intended, run `node scripts/check-dts.mjs --update` and commit it.");
process.exit(1);
