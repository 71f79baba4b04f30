// The shared vectors (tests/vectors/*.json) through each of the three builds in pkg/, i.e. through
// the JS glue that is published: nodejs (CommonJS, loaded by require), web (ES module, initialised
// with initSync) and bundler (ES module importing the .wasm, which Node 20 can do behind
// --experimental-wasm-modules). The same files are checked against the core and the CLI by
// tests/vectors.rs and against the wasm exports in Node and Chrome by tests/wasm.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { pkg, requirePkg, checkVectors, loadVectors } from "./lib.mjs";

requirePkg();
const require = createRequire(import.meta.url);

test("there are vectors for every call and every pack", () => {
  const vectors = loadVectors();
  assert.ok(vectors.length >= 40, `${vectors.length} vectors`);
  for (const call of ["policies", "menu", "checkEligibility", "estimate"]) {
    assert.ok(vectors.some((v) => v.call === call), `a vector for ${call}`);
  }
  const packs = new Set(vectors.filter((v) => v.call === "estimate" && !v.expected.error).map((v) => v.policyId));
  assert.equal(packs.size, 6, `estimates for all six packs: ${[...packs]}`);
});

test("nodejs build (CommonJS): every vector", () => {
  const api = require(path.join(pkg, "nodejs/gaizao.js"));
  const { count, failures } = checkVectors(api);
  assert.deepEqual(failures, [], `${failures.length} of ${count} vectors differ`);
});

test("web build (initSync): every vector", async () => {
  const api = await import(pathToFileURL(path.join(pkg, "web/gaizao.js")).href);
  api.initSync({ module: fs.readFileSync(path.join(pkg, "web/gaizao_bg.wasm")) });
  const { count, failures } = checkVectors(api);
  assert.deepEqual(failures, [], `${failures.length} of ${count} vectors differ`);
});

test("bundler build (wasm ES module integration): every vector", () => {
  const script = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "run-bundler-vectors.mjs");
  const r = spawnSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", script], { encoding: "utf8" });
  assert.equal(r.status, 0, `bundler run failed:\n${r.stderr}`);
  const { count, failures } = JSON.parse(r.stdout);
  assert.ok(count >= 40);
  assert.deepEqual(failures, [], `${failures.length} of ${count} vectors differ`);
});
