// gaizao/plan through the built package in Node (pkg/plan.js and its module pkg/plan/): the
// Planner gives what the command line gives (`gaizao plan`, the same core natively) — summary,
// rows page by page, audit page by page, one row's detail, the exports — for Panzhihua's annex 1
// as CSV, GBK CSV and xlsx; it pages, sorts, filters and locates; a corrected mapping re-reads
// the same bytes; and every refusal is a GaizaoError with the core's code, field and words.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { pkg, root, requirePkg } from "./lib.mjs";

requirePkg();
const XLSX = createRequire(import.meta.url)("xlsx");
const { Planner, GaizaoError } = await import(pathToFileURL(path.join(pkg, "plan.js")).href);

const PZH = "sichuan-panzhihua-2018";

test("the planner throws the calculator's GaizaoError (one class for the package)", async () => {
  const resident = await import(pathToFileURL(path.join(pkg, "gaizao.js")).href);
  assert.equal(GaizaoError, resident.GaizaoError);
});
const CLI = path.join(root, "target/debug/gaizao");
let dir;
let planner;

/** `gaizao plan` on a file: its JSON (or the bytes it writes with --out). */
function cli(file, ...args) {
  return execFileSync(CLI, ["plan", "--policy", PZH, file, ...args], { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] });
}

before(async () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is built by scripts/build-wasm.sh`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gaizao-plan-"));
  // The annex as xlsx (merged year cells, title rows), CSV and GBK CSV, built by the same code
  // as the Rust tests' fixture.
  execFileSync("cargo", ["run", "--quiet", "--example", "plan_fixtures", "--", dir], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  planner = await Planner.create();
  await planner.loadBuiltin(PZH);
});

/** The CLI's JSON without rows and audit entries: what the summary must equal. */
function summaryOf(full) {
  const { rows, audit, ...rest } = full;
  return rest;
}

for (const file of ["annex.csv", "annex-gbk.csv", "annex.xlsx"]) {
  test(`${file}: summary, rows and audit equal the command line's`, () => {
    const want = JSON.parse(cli(path.join(dir, file)));
    const out = planner.open(fs.readFileSync(path.join(dir, file)), file, { policy: PZH });
    assert.deepEqual(out.summary, summaryOf(want));
    assert.equal(out.summary.compounds, 30);
    assert.equal(out.summary.households, 13785);
    assert.equal(out.summary.totalWan, "25765.5");
    assert.deepEqual(out.summary.byYear.map((y) => y.year), [2018, 2019, 2020]);
    assert.deepEqual(out.summary.byDistrict.map((d) => d.district), ["东区", "西区", "仁和区", "盐边县", "米易县", "钒钛高新区"]);
    assert.equal(out.plan.rows, 30);
    assert.equal(out.plan.mapping.headerRow, 3);
    assert.deepEqual(out.plan.subtotals.map((s) => s.label), ["合计", "合计", "合计", "总计"]);
    // Every row, a page of 7 at a time, and every audit entry, 5 at a time.
    const rows = [];
    for (let offset = 0; ; offset += 7) {
      const page = planner.rows({ offset, limit: 7 });
      assert.equal(page.matching, 30);
      if (!page.rows.length) break;
      rows.push(...page.rows);
    }
    assert.deepEqual(rows, want.rows);
    const entries = [];
    for (let offset = 0; ; offset += 5) {
      const page = planner.audit({ offset, limit: 5 });
      assert.equal(page.matching, want.audit.length);
      if (!page.entries.length) break;
      entries.push(...page.entries);
    }
    assert.deepEqual(entries, want.audit);
  });
}

test("one row in full equals the command line's --detail row", () => {
  const file = path.join(dir, "annex.xlsx");
  const want = JSON.parse(cli(file, "--detail"));
  planner.open(fs.readFileSync(file), "annex.xlsx", { policy: PZH });
  for (const i of [0, 7, 24]) assert.deepEqual(planner.detail(i), want.rows[i], `row ${i}`);
  const zh = planner.detail(24, { lang: "zh" });
  assert.ok(zh.eligibility.findings.every((f) => f.texts.zh && !f.texts.en), "texts in the language asked for");
});

test("sorted, filtered and located as asked", () => {
  planner.open(fs.readFileSync(path.join(dir, "annex.csv")), "annex.csv", { policy: PZH });
  const desc = planner.rows({ sort: "perHousehold", descending: true }).rows.map((r) => Number(r.perHousehold));
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
  const late = planner.rows({ verdict: "ineligible" });
  assert.equal(late.matching, 1);
  assert.equal(late.rows[0].serial, "25");
  assert.equal(late.rows[0].line, 30);
  assert.deepEqual(planner.rows({ district: "米易县", year: 2018 }).rows.map((r) => r.name), ["米易县教师园区(一期)"]);
  assert.equal(planner.rows({ text: "大渡口" }).matching, 3);
  assert.equal(planner.rows({ audit: "warning" }).matching, new Set(planner.audit({ severity: "warning" }).entries.map((e) => e.row)).size);
  const byName = planner.rows({ sort: "name" });
  const at = planner.locate(late.rows[0].row, { sort: "name" });
  assert.equal(byName.rows[at.position].row, late.rows[0].row);
  assert.deepEqual(planner.locate(0, { verdict: "ineligible" }), { position: null, matching: 1 });
  const audit = planner.audit({ code: "builtAfterCutoff" });
  assert.equal(audit.matching, 1);
  assert.equal(audit.entries[0].line, 30);
  assert.equal(audit.byCode.buildDateMissing, 6);
});

test("a corrected mapping re-reads the same bytes: the investment column named by hand", () => {
  const file = path.join(dir, "annex-renamed-gbk.csv");
  const guessed = planner.open(fs.readFileSync(file), "annex-renamed-gbk.csv", { policy: PZH });
  const g = guessed.plan.mapping.columns.find((c) => c.letter === "G");
  assert.equal(g.target, "ignored", "计划资金(万元) is not a header the reader knows");
  assert.equal(guessed.summary.stated, "0.00");
  assert.notEqual(guessed.summary.estimated, "0.00", "without it, every row is costed from the benchmark");
  const mapping = { ...guessed.plan.mapping, columns: guessed.plan.mapping.columns.map((c) => (c.letter === "G" ? { ...c, target: "investment", unit: "wanYuan" } : c)) };
  const fixed = planner.reread({ policy: PZH, mapping });
  const mappingFile = path.join(dir, "mapping.json");
  fs.writeFileSync(mappingFile, JSON.stringify(mapping));
  assert.deepEqual(fixed.summary, summaryOf(JSON.parse(cli(file, "--mapping", mappingFile))));
  assert.equal(fixed.summary.totalWan, "25765.5");
  assert.equal(fixed.summary.estimated, "0.00");
});

test("pasted from Excel (tab-separated) reads as the file does", () => {
  const text = fs.readFileSync(path.join(dir, "annex.csv"), "utf8").replace(/,/g, "\t");
  planner.setPasted(text);
  const out = planner.reread({ policy: PZH });
  assert.equal(out.summary.totalWan, "25765.5");
  assert.equal(out.plan.source.delimiter, "\t");
});

test("exports: the workbook and the CSV hold what the command line writes", () => {
  const file = path.join(dir, "annex.xlsx");
  planner.open(fs.readFileSync(file), "annex.xlsx", { policy: PZH });
  const sheets = (bytes) => {
    const book = XLSX.read(bytes, { type: "buffer" });
    return Object.fromEntries(book.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json(book.Sheets[n], { header: 1, raw: true })]));
  };
  const mine = sheets(planner.exportXlsx());
  const out = path.join(dir, "cli.xlsx");
  cli(file, "--out", out);
  assert.deepEqual(mine, sheets(fs.readFileSync(out)));
  assert.deepEqual(Object.keys(mine), ["明细", "汇总", "审核"]);
  const [head, total] = mine["汇总"];
  const cell = (name) => total[head.indexOf(name)];
  assert.equal(cell("小区数"), 30);
  assert.equal(cell("户数"), 13785);
  assert.equal(cell("投资（元）"), 257655000);
  assert.equal(mine["明细"].length, 31);
  const csv = planner.exportCsv("summary");
  assert.deepEqual([...csv.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with BOM");
  const csvOut = path.join(dir, "cli.csv");
  cli(file, "--out", csvOut, "--sheet", "summary");
  assert.deepEqual(Buffer.from(csv), fs.readFileSync(csvOut));
});

test("the vocabulary names every code and target the results use", () => {
  const v = planner.vocabulary(PZH);
  const ids = (list) => v[list].map((w) => w.id);
  assert.deepEqual(ids("verdicts"), ["eligible", "ineligible", "undetermined"]);
  assert.ok(v.targets.some((t) => t.key === "fact:cityGasCompanyArea" && t.group === "packFact"), "the pack's own facts");
  assert.ok(v.targets.some((t) => t.key === "investment" && t.units === "money"));
  planner.open(fs.readFileSync(path.join(dir, "annex.csv")), "annex.csv", { policy: PZH });
  for (const e of planner.audit({}).entries) assert.ok(ids("auditCodes").includes(e.code), e.code);
  for (const r of planner.rows({}).rows) assert.ok(ids("verdicts").includes(r.verdict) && ids("sources").includes(r.source));
  for (const s of planner.summary().shares) assert.ok(ids("parties").includes(s.party) && ids("bases").includes(s.basis));
});

/** The GaizaoError `f` throws, as `{code, field}`, with both messages checked. */
function refused(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof GaizaoError, `a GaizaoError, not ${e}`);
    assert.equal(e.name, "GaizaoError");
    for (const p of e.problems) assert.ok(p.message.zh && p.message.en && p.code, JSON.stringify(p));
    return { code: e.code, field: e.field ?? null };
  }
  assert.fail("did not throw");
}

test("refusals: each a GaizaoError with the core's code, field and both messages", async () => {
  const p = await Planner.create();
  assert.deepEqual(refused(() => p.rows({})), { code: "internal", field: null }, "nothing read yet");
  assert.equal(refused(() => p.vocabulary("nowhere")).code, "unknownPolicy");
  await assert.rejects(p.loadBuiltin("nowhere"), (e) => e instanceof GaizaoError && e.code === "unknownPolicy");
  assert.equal(refused(() => p.open(new Uint8Array([1, 2, 3]), "a.csv", { policy: PZH })).code, "policyNotLoaded");
  await p.loadBuiltin(PZH);
  assert.equal(refused(() => p.open(new TextEncoder().encode("PK\u0003\u0004 not a zip"), "plan.xlsx", { policy: PZH })).code, "unreadableFile");
  assert.equal(refused(() => p.open(new TextEncoder().encode("一,二\n三,四\n"), "plan.csv", { policy: PZH })).code, "noHeader");
  assert.deepEqual(refused(() => p.setFile(new Uint8Array(Planner.maxFileBytes + 1), "big.csv")), { code: "inputTooLarge", field: "file" });
  p.open(fs.readFileSync(path.join(dir, "annex.csv")), "annex.csv", { policy: PZH });
  assert.deepEqual(refused(() => p.rows({ sort: "colour" })), { code: "wrongType", field: "sort" });
  assert.deepEqual(refused(() => p.rows({ offset: -1 })), { code: "outOfRange", field: "offset" });
  assert.deepEqual(refused(() => p.rows({ verdict: 1 })), { code: "wrongType", field: "verdict" });
  assert.deepEqual(refused(() => p.rows({ colour: "red" })), { code: "unknownField", field: "colour" });
  assert.deepEqual(refused(() => p.audit({ code: "nope" })), { code: "wrongType", field: "code" });
  assert.deepEqual(refused(() => p.detail(30)), { code: "outOfRange", field: "row" });
  assert.deepEqual(refused(() => p.summary({ lang: "fr" })), { code: "wrongType", field: "lang" });
  assert.deepEqual(refused(() => p.exportCsv("everything")), { code: "wrongType", field: "sheet" });
  assert.deepEqual(refused(() => p.assess(PZH, { farFactor: "-1" })).field, "farFactor");
  assert.deepEqual(refused(() => p.readRows({ policy: PZH, mapping: { headerRow: 3, columns: [{ index: 0, target: "colour" }] } })), { code: "wrongType", field: "columns[0].target" });
  assert.equal(refused(() => p.readRows({ policy: PZH, mapping: { headerRow: 99, columns: [] } })).code, "badMapping");
  assert.equal(refused(() => p.loadPolicy("{}", { fileName: "broken.json" })).code, "invalidPolicy");
  p.free();
  assert.equal(refused(() => p.policies()).code, "wrongType");
});
