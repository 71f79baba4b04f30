// The npm package as published: the packed file list, and the tarball installed into a scratch
// project, where `import "gaizao"`, `require("gaizao")` and `import "gaizao/web"` must resolve
// through package.json "exports" to the right build, and the Node example of npm/examples/ must run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { execFileSync, spawnSync } from "node:child_process";
import { pkg, root, requirePkg, loadVectors } from "./lib.mjs";

requirePkg();

/** Exactly what `npm pack` must put in the tarball: nothing missing, nothing else. */
const EXPECTED_FILES = [
  "LICENSE",
  "README.md",
  "package.json",
  "bundler/gaizao.d.ts",
  "bundler/gaizao.js",
  "bundler/gaizao_bg.js",
  "bundler/gaizao_bg.wasm",
  "bundler/gaizao_bg.wasm.d.ts",
  "nodejs/gaizao.d.ts",
  "nodejs/gaizao.js",
  "nodejs/gaizao_bg.wasm",
  "nodejs/gaizao_bg.wasm.d.ts",
  "nodejs/package.json",
  "web/gaizao.d.ts",
  "web/gaizao.js",
  "web/gaizao_bg.wasm",
  "web/gaizao_bg.wasm.d.ts",
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
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(pkg, "nodejs/package.json"), "utf8")), { type: "commonjs" });
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(meta.exports);
  targets.push(meta.main, meta.module, meta.types);
  for (const t of targets) assert.ok(fs.existsSync(path.join(pkg, t)), `${t} exists`);
  for (const f of meta.files) assert.ok(fs.existsSync(path.join(pkg, f)), `files entry ${f} exists`);
});

const PANZHIHUA = {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
};
const SHARES = "city=42750.00 county=34200.00 residents=8550.00";

test("installed package: import, require and gaizao/web resolve through exports", () => {
  const app = path.join(scratch, "app");
  const script = `
    import { createRequire } from "node:module";
    import fs from "node:fs";
    const require = createRequire(import.meta.url);
    const esm = await import("gaizao");
    const cjs = require("gaizao");
    const web = await import("gaizao/web");
    web.initSync({ module: fs.readFileSync(require.resolve("gaizao/web/gaizao_bg.wasm")) });
    const scenario = ${JSON.stringify(PANZHIHUA)};
    const show = (m) => m.estimate("sichuan-panzhihua-2018", scenario).shares.map((s) => s.party + "=" + s.amount).join(" ");
    console.log(JSON.stringify({
      importResolves: import.meta.resolve("gaizao"),
      requireResolves: require.resolve("gaizao"),
      webResolves: import.meta.resolve("gaizao/web"),
      esm: show(esm), cjs: show(cjs), web: show(web),
      sameModule: esm.estimate === cjs.estimate,
      version: require("gaizao/package.json").version,
      packs: esm.policies().length,
    }));`;
  fs.writeFileSync(path.join(app, "check.mjs"), script);
  const r = JSON.parse(node(["check.mjs"], app));
  const installed = path.join(app, "node_modules/gaizao");
  assert.equal(r.importResolves, new URL(`file://${installed}/nodejs/gaizao.js`).href, "import resolves to the nodejs build");
  assert.equal(r.requireResolves, path.join(installed, "nodejs/gaizao.js"), "require resolves to the nodejs build");
  assert.equal(r.webResolves, new URL(`file://${installed}/web/gaizao.js`).href, "gaizao/web resolves to the web build");
  assert.equal(r.esm, SHARES);
  assert.equal(r.cjs, SHARES);
  assert.equal(r.web, SHARES);
  assert.ok(r.sameModule, "import and require share one module instance (CommonJS under the hood)");
  assert.equal(r.packs, 6);
});

test("installed package: the Node examples of npm/examples/node run", () => {
  const app = path.join(scratch, "app");
  for (const f of ["index.mjs", "index.cjs"]) {
    fs.copyFileSync(path.join(root, "npm/examples/node", f), path.join(app, f));
    const out = node([f], app);
    assert.match(out, /total 85500\.00/, `${f} prints the total`);
    assert.match(out, /city\s+42750\.00/, `${f} prints the city's share`);
    assert.match(out, /residents\s+8550\.00/, `${f} prints the residents' share`);
    assert.match(out, /unknownPolicy/, `${f} shows a GaizaoError's code`);
  }
});

test("loadPolicy: a portal's own pack becomes usable by id, in this process only", () => {
  const app = path.join(scratch, "app");
  const text = fs.readFileSync(path.join(root, "policies/sichuan-panzhihua-2018.json"), "utf8");
  const pack = JSON.parse(text);
  pack.id = "sichuan-panzhihua-portal-test";
  fs.writeFileSync(path.join(app, "pack.json"), JSON.stringify(pack));
  fs.writeFileSync(
    path.join(app, "load.mjs"),
    `import fs from "node:fs";
     import { loadPolicy, policies, estimate, version } from "gaizao";
     const summary = loadPolicy(fs.readFileSync("pack.json", "utf8"), "pack.json");
     const out = estimate(summary.id, ${JSON.stringify(PANZHIHUA)});
     let error;
     try { loadPolicy("{}", "broken.json"); } catch (e) { error = { code: e.code, name: e.name, problems: e.problems.length }; }
     console.log(JSON.stringify({ summary, count: policies().length, total: out.total, versions: version().packs.length, error }));`,
  );
  const r = JSON.parse(node(["load.mjs"], app));
  assert.equal(r.summary.id, "sichuan-panzhihua-portal-test");
  assert.equal(r.summary.builtIn, false);
  assert.equal(r.summary.base, "national");
  assert.match(r.summary.contentHash, /^[0-9a-f]{64}$/);
  assert.equal(r.count, 7);
  assert.equal(r.versions, 7);
  assert.equal(r.total, "85500.00");
  assert.equal(r.error.code, "invalidPolicy");
  assert.equal(r.error.name, "GaizaoError");
  assert.ok(r.error.problems >= 1);
});

test("the vectors' policies output matches the installed package", () => {
  const app = path.join(scratch, "app");
  const expected = loadVectors().find((v) => v.call === "policies").expected;
  fs.writeFileSync(path.join(app, "policies.mjs"), `import { policies } from "gaizao"; console.log(JSON.stringify(policies()));`);
  assert.deepStrictEqual(JSON.parse(node(["policies.mjs"], app)), expected);
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

test("installed package: the plain-page example (gaizao/web + init) runs in Chromium, with no other requests", async (t) => {
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
    assert.ok(requests.some((u) => u.endsWith("/node_modules/gaizao/web/gaizao_bg.wasm")), "the wasm comes from the package");
  } finally {
    await browser.close();
    server.close();
  }
});
