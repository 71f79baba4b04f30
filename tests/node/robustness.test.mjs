// Malformed arguments through the published JS glue (tests/wasm.rs calls the Rust exports directly,
// below the glue): every export, every argument position, every kind of bad value. Each call must
// answer or throw a GaizaoError — never a TypeError or a RuntimeError from the glue or the wasm
// memory — and the module must still answer correctly afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { pkg, requirePkg } from "./lib.mjs";

requirePkg();
const require = createRequire(import.meta.url);

const cyclic = () => {
  const o = {};
  o.self = o;
  return o;
};
const BAD = {
  "undefined": () => undefined,
  "null": () => null,
  "a number": () => 42,
  "NaN": () => NaN,
  "Infinity": () => Infinity,
  "a BigInt": () => 10n,
  "a Symbol": () => Symbol("x"),
  "a boolean": () => true,
  "a function": () => () => 1,
  "an array": () => [1, 2],
  "an object": () => ({ a: 1 }),
  "a cyclic object": cyclic,
  "a Date": () => new Date(0),
  "a String object": () => new String("national"),
  "a 1 MB string": () => "x".repeat(1 << 20),
  "a lone surrogate": () => "\ud800",
};

const VALID = {
  policyId: "national",
  estate: { builtYear: 1990 },
  scenario: { items: [{ item: "roads", amount: "100" }] },
  text: "{}",
  fileName: "pack.json",
};

/** [export, its parameters]: each parameter is replaced in turn by every bad value. */
const SIGNATURES = [
  ["menu", ["policyId"]],
  ["checkEligibility", ["policyId", "estate"]],
  ["estimate", ["policyId", "scenario"]],
  ["loadPolicy", ["text", "fileName"]],
];

function stillAnswers(api) {
  assert.equal(api.policies().length >= 6, true, "policies() still answers");
  const out = api.estimate("sichuan-panzhihua-2018", { estate: { households: 200 }, items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }] });
  assert.deepEqual(out.shares.map((s) => s.amount), ["42750.00", "34200.00", "8550.00"]);
  assert.equal(api.version().packs.length >= 6, true);
}

function abuse(api) {
  const failures = [];
  let calls = 0;
  for (const [name, params] of SIGNATURES) {
    for (let i = 0; i < params.length; i++) {
      for (const [what, make] of Object.entries(BAD)) {
        const args = params.map((p, k) => (k === i ? make() : VALID[p]));
        const label = `${name}(${params.map((p, k) => (k === i ? what : p)).join(", ")})`;
        calls++;
        try {
          api[name](...args);
          // Answering is fine only where the value is a legitimate one (e.g. no file name).
        } catch (e) {
          if (!(e instanceof Error) || e.name !== "GaizaoError" || typeof e.code !== "string" || !e.messageZh || !e.messageEn || !Array.isArray(e.problems)) {
            failures.push(`${label}: threw ${e?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 120)}`);
          }
        }
        try {
          api.policies();
        } catch (e) {
          failures.push(`${label}: the module is broken afterwards (${e.message})`);
          return { calls, failures };
        }
      }
    }
  }
  for (const [what, make] of Object.entries(BAD)) {
    // Extra and missing arguments.
    calls += 2;
    for (const call of [() => api.policies(make()), () => api.version(make(), make())]) {
      try {
        call();
      } catch (e) {
        failures.push(`policies/version with ${what}: threw ${e.name}: ${e.message.slice(0, 120)}`);
      }
    }
  }
  return { calls, failures };
}

test("nodejs build: malformed arguments give GaizaoErrors and the module keeps working", () => {
  const api = require(path.join(pkg, "nodejs/gaizao.js"));
  stillAnswers(api);
  const { calls, failures } = abuse(api);
  assert.deepEqual(failures, [], `${failures.length} of ${calls} calls misbehaved`);
  stillAnswers(api);
});

test("web build: malformed arguments give GaizaoErrors and the module keeps working", async () => {
  const api = await import(pathToFileURL(path.join(pkg, "web/gaizao.js")).href);
  api.initSync({ module: fs.readFileSync(path.join(pkg, "web/gaizao_bg.wasm")) });
  stillAnswers(api);
  const { calls, failures } = abuse(api);
  assert.deepEqual(failures, [], `${failures.length} of ${calls} calls misbehaved`);
  stillAnswers(api);
});
