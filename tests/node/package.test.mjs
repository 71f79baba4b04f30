// The npm package as published: the packed file list, and the tarball installed into a scratch
// project, where `import "gaizao"` (and `require("gaizao")` on Node ≥ 20.19) must resolve through
// package.json "exports", packs must load on demand from the package, and the Node and plain-page
// examples of npm/examples/ must run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import crypto from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { pkg, root, requirePkg } from "./lib.mjs";

requirePkg();

/** Exactly what `npm pack` must put in the tarball: nothing missing, nothing else. The packs
 * are listed from policies/ so that adding one needs no change here. */
const EXPECTED_FILES = [
  "LICENSE",
  "README.md",
  "package.json",
  "gaizao.js",
  "gaizao.d.ts",
  "types.d.ts",
  "error.js",
  "integrity.json",
  "element.js",
  "element-en.js",
  "element.d.ts",
  "wasm/gaizao.js",
  "wasm/gaizao_bg.wasm",
  "wasm/gaizao.d.ts",
  "wasm/gaizao_bg.wasm.d.ts",
  "plan.js",
  "plan.d.ts",
  "plan-worker.js",
  "plan-worker.d.ts",
  "plan/gaizao_plan.js",
  "plan/gaizao_plan_bg.wasm",
  "plan/gaizao_plan.d.ts",
  "plan/gaizao_plan_bg.wasm.d.ts",
  "policies/index.json",
  "policies/index.js",
  "policies/index.d.ts",
  ...fs.readdirSync(path.join(root, "policies")).filter((f) => f.endsWith(".json")).map((f) => `policies/${f}`),
].sort();

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let scratch;
let tarball;

function npmJson(args, cwd) {
  const out = execFileSync(npm, [...args, "--json", "--ignore-scripts"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out);
}

function node(args, cwd) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `node ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaizao-pkg-"));
  const [packed] = npmJson(["pack", "--pack-destination", scratch], pkg);
  tarball = path.join(scratch, packed.filename);
  const app = path.join(scratch, "app");
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "scratch-app", private: true, type: "module" }));
  // A local tarball without dependencies: no registry access is needed.
  execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], { cwd: app, stdio: "pipe" });
});

after(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test("npm pack ships exactly the expected files", () => {
  const [dry] = npmJson(["pack", "--dry-run"], pkg);
  const files = dry.files.map((f) => f.path).sort();
  const missing = EXPECTED_FILES.filter((f) => !files.includes(f));
  const unexpected = files.filter((f) => !EXPECTED_FILES.includes(f));
  assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] }, "packed file list differs from the expected list");
  for (const f of dry.files) assert.ok(f.size > 0, `${f.path} is not empty`);
  assert.equal(dry.name, "gaizao");
});

test("package.json: metadata and exports point at files that exist", () => {
  const meta = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8"));
  const cargo = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8");
  assert.equal(meta.version, cargo.match(/^version = "(.*)"/m)[1], "version comes from Cargo.toml");
  assert.equal(meta.license, "MIT OR Apache-2.0");
  assert.equal(meta.type, "module");
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(meta.exports);
  targets.push(meta.main, meta.module, meta.types);
  for (const t of targets.filter((t) => !t.includes("*"))) assert.ok(fs.existsSync(path.join(pkg, t)), `${t} exists`);
  for (const f of meta.files) assert.ok(fs.existsSync(path.join(pkg, f)), `files entry ${f} exists`);
});

test("the manifest lists every pack with the SHA-256 and size of its exact bytes", () => {
  const index = JSON.parse(fs.readFileSync(path.join(pkg, "policies/index.json"), "utf8"));
  assert.equal(index.format, "gaizao-policies/1");
  const files = fs.readdirSync(path.join(root, "policies")).filter((f) => f.endsWith(".json")).sort();
  assert.deepEqual(index.packs.map((p) => p.file).sort(), files);
  for (const p of index.packs) {
    const bytes = fs.readFileSync(path.join(root, "policies", p.file));
    assert.equal(p.bytes, bytes.length, `${p.file}: size`);
    assert.equal(p.sha256, crypto.createHash("sha256").update(bytes).digest("hex"), `${p.file}: hash of the exact bytes`);
    assert.ok(p.name.zh && p.name.en && p.documentNumber && p.status, `${p.file}: names, document, status`);
  }
  const integrity = JSON.parse(fs.readFileSync(path.join(pkg, "integrity.json"), "utf8"));
  for (const f of EXPECTED_FILES.filter((f) => f !== "integrity.json")) {
    const want = `sha384-${crypto.createHash("sha384").update(fs.readFileSync(path.join(pkg, f))).digest("base64")}`;
    assert.equal(integrity.files[f], want, `integrity.json: SRI of ${f}`);
  }
});

const PANZHIHUA = {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
};
const SHARES = "city=42750.00 county=34200.00 residents=8550.00";

test("installed package: import and require resolve through exports; packs load on demand from the package", () => {
  const app = path.join(scratch, "app");
  const script = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    const { Calculator } = await import("gaizao");
    const calc = await Calculator.create();
    const before = calc.policies().loaded.length;
    const summary = await calc.loadBuiltin("sichuan-panzhihua-2018");
    const shares = calc.estimate("sichuan-panzhihua-2018", ${JSON.stringify(PANZHIHUA)}).shares.map((s) => s.party + "=" + s.amount).join(" ");
    let cjs = null;
    try { cjs = typeof require("gaizao").Calculator; } catch (e) { cjs = "require: " + e.code; }
    console.log(JSON.stringify({
      importResolves: import.meta.resolve("gaizao"),
      before, loaded: calc.policies().loaded.map((p) => [p.id, p.builtIn]), builtIn: calc.builtIn().length,
      shares, summary, cjs, version: require("gaizao/package.json").version,
    }));`;
  fs.writeFileSync(path.join(app, "check.mjs"), script);
  const r = JSON.parse(node(["check.mjs"], app));
  const installed = path.join(app, "node_modules/gaizao");
  assert.equal(r.importResolves, new URL(`file://${installed}/gaizao.js`).href, "import resolves to gaizao.js");
  assert.equal(r.before, 0, "no pack is loaded before it is asked for");
  assert.deepEqual(r.loaded, [["national", true], ["sichuan-panzhihua-2018", true]], "the pack and its base, both built-in by content");
  assert.equal(r.builtIn, 6);
  assert.equal(r.shares, SHARES);
  assert.equal(r.summary.builtIn, true);
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > 20 || (major === 20 && minor >= 19)) assert.equal(r.cjs, "function", "require(esm) works on this Node");
});

test("installed package: gaizao/plan resolves through exports and plans a pasted table in Node", () => {
  const app = path.join(scratch, "app");
  const script = `
    const { Planner } = await import("gaizao/plan");
    const p = await Planner.create();
    await p.loadBuiltin("sichuan-panzhihua-2018");
    p.setPasted("序号\\t小区名称\\t县(区)\\t户数\\t预计投资(万元)\\n1\\t林业大院\\t仁和区\\t84\\t200\\n");
    const { summary } = p.reread({ policy: "sichuan-panzhihua-2018" });
    console.log(JSON.stringify({
      resolves: import.meta.resolve("gaizao/plan"), worker: import.meta.resolve("gaizao/plan-worker.js"),
      loaded: p.policies().loaded.map((x) => x.id), compounds: summary.compounds, totalWan: summary.totalWan,
      shares: summary.shares.map((s) => s.party + "=" + s.amount).join(" "),
    }));`;
  fs.writeFileSync(path.join(app, "plan.mjs"), script);
  const r = JSON.parse(node(["plan.mjs"], app));
  const installed = path.join(app, "node_modules/gaizao");
  assert.equal(r.resolves, new URL(`file://${installed}/plan.js`).href);
  assert.equal(r.worker, new URL(`file://${installed}/plan-worker.js`).href);
  assert.deepEqual(r.loaded, ["national", "sichuan-panzhihua-2018"], "packs on demand, the base first");
  assert.equal(r.compounds, 1);
  assert.equal(r.totalWan, "200");
  assert.equal(r.shares, "city=1000000.00 county=800000.00 residents=200000.00", "5 : 4 : 1");
});

test("installed package: the Node example of npm/examples/node runs", () => {
  const app = path.join(scratch, "app");
  fs.copyFileSync(path.join(root, "npm/examples/node/index.mjs"), path.join(app, "index.mjs"));
  const out = node(["index.mjs"], app);
  assert.match(out, /total 85500\.00/, "prints the total");
  assert.match(out, /city\s+42750\.00/, "prints the city's share");
  assert.match(out, /residents\s+8550\.00/, "prints the residents' share");
  assert.match(out, /unknownPolicy/, "shows a GaizaoError's code");
});

test("loadPolicy: a portal's own pack, identity by content, no silent replacement", () => {
  const app = path.join(scratch, "app");
  const text = fs.readFileSync(path.join(root, "policies/sichuan-panzhihua-2018.json"), "utf8");
  const pack = JSON.parse(text);
  pack.id = "sichuan-panzhihua-portal-test";
  fs.writeFileSync(path.join(app, "pack.json"), JSON.stringify(pack));
  const national = JSON.parse(fs.readFileSync(path.join(root, "policies/national.json"), "utf8"));
  national.funding[national.funding.length - 1].shares = [{ party: "residents", weight: "1" }];
  fs.writeFileSync(path.join(app, "fake-national.json"), JSON.stringify(national));
  fs.writeFileSync(
    path.join(app, "load.mjs"),
    `import fs from "node:fs";
     import { Calculator } from "gaizao";
     const calc = await Calculator.create();
     const own = await calc.loadPolicy(fs.readFileSync("pack.json", "utf8"), { fileName: "pack.json" });
     const out = calc.estimate(own.summary.id, ${JSON.stringify(PANZHIHUA)});
     const again = await calc.loadPolicy(fs.readFileSync("pack.json"), { fileName: "pack.json" });
     const err = async (f) => { try { await f(); return null; } catch (e) { return { name: e.name, code: e.code, field: e.field ?? null }; } };
     const fake = await err(() => calc.loadPolicy(fs.readFileSync("fake-national.json", "utf8"), { fileName: "policies/national.json" }));
     const other = await Calculator.create();
     const fakeOnFresh = await err(() => other.loadPolicy(fs.readFileSync("fake-national.json", "utf8"), { fileName: "policies/national.json" }));
     const replaced = await other.loadPolicy(fs.readFileSync("fake-national.json", "utf8"), { fileName: "policies/national.json", replace: true });
     const broken = await err(() => calc.loadPolicy("{}", { fileName: "broken.json" }));
     console.log(JSON.stringify({ own, again: again.outcome, total: out.total, fake, fakeOnFresh, replaced: [replaced.outcome, replaced.summary.builtIn],
       loaded: calc.policies().loaded.map((p) => p.id), versions: calc.version().packs.map((p) => [p.id, p.builtIn]), broken }));`,
  );
  const r = JSON.parse(node(["load.mjs"], app));
  assert.equal(r.own.summary.id, "sichuan-panzhihua-portal-test");
  assert.equal(r.own.outcome, "added");
  assert.equal(r.own.summary.builtIn, false, "not built-in: its bytes are not the manifest's");
  assert.equal(r.own.summary.base, "national");
  assert.match(r.own.summary.contentHash, /^[0-9a-f]{64}$/);
  assert.equal(r.again, "unchanged", "the same bytes again change nothing");
  assert.equal(r.total, "85500.00");
  assert.deepEqual(r.fake, { name: "GaizaoError", code: "policyExists", field: "policyId" }, "a pack cannot take the loaded national's id");
  assert.deepEqual(r.fakeOnFresh, { name: "GaizaoError", code: "policyExists", field: "policyId" }, "nor the built-in id on a fresh calculator, whatever its file name");
  assert.deepEqual(r.replaced, ["replaced", false], "replacing needs replace: true, and the result says so");
  assert.deepEqual(r.loaded, ["national", "sichuan-panzhihua-portal-test"], "its built-in base was loaded first");
  assert.deepEqual(r.versions, [["national", true], ["sichuan-panzhihua-portal-test", false]]);
  assert.equal(r.broken.code, "invalidPolicy");
});

/** Serves `dir` on a free local port (with the MIME types a browser insists on for modules and wasm). */
function serve(dir) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function launchChromium(t) {
  const exe = process.env.CHROMIUM ?? "/usr/bin/chromium";
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    chromium = undefined;
  }
  if (!chromium || !fs.existsSync(exe)) {
    const why = `no browser (${exe} or playwright-core missing)`;
    if (process.env.GAIZAO_REQUIRE_BROWSER) assert.fail(why);
    t.skip(why);
    return null;
  }
  return chromium.launch({
    executablePath: exe,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

test("installed package: the plain-page example runs in Chromium, loading only its own files", async (t) => {
  const app = path.join(scratch, "app");
  fs.copyFileSync(path.join(root, "npm/examples/web/index.html"), path.join(app, "index.html"));
  const browser = await launchChromium(t);
  if (!browser) return;
  const server = await serve(app);
  try {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await browser.newPage();
    const problems = [];
    const requests = [];
    page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${origin}/index.html`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
    const rows = await page.$$eval("#shares tr", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert.deepEqual(rows, [
      ["市级财政", "42750.00", "文件规定"],
      ["县（区）财政", "34200.00", "文件规定"],
      ["居民", "8550.00", "文件规定"],
    ]);
    assert.equal(await page.textContent("#total"), "合计 85500.00 元，户均 427.50 元");
    assert.match(await page.textContent("#error"), /^negative · estate\.households · /);
    assert.deepEqual(problems, [], "no console errors or warnings");
    const foreign = requests.filter((u) => !u.startsWith(origin));
    assert.deepEqual(foreign, [], "the page and the package request nothing but their own files");
    assert.ok(requests.some((u) => u.endsWith("/node_modules/gaizao/wasm/gaizao_bg.wasm")), "the wasm comes from the package");
    const packs = requests.filter((u) => /\/policies\/[^/]+\.json$/.test(u)).map((u) => u.split("/").pop()).sort();
    assert.deepEqual(packs, ["index.json", "national.json", "sichuan-panzhihua-2018.json"], "only the manifest, the pack asked for and its base");
  } finally {
    await browser.close();
    server.close();
  }
});
