// The shared vectors (tests/vectors/*.json) through the published package: pkg/gaizao.js, the
// Calculator that loads the wasm and the pack files from the package. The same files are checked
// against the core and the CLI by tests/vectors.rs and crates/cli/tests/vectors_cli.rs, and in a
// browser by the page tests: equal expectations everywhere prove equal answers everywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { requirePkg, checkVectors, loadVectors, fullCalculator } from "./lib.mjs";

requirePkg();

test("there are vectors for every call and every pack", () => {
  const vectors = loadVectors();
  assert.ok(vectors.length >= 40, `${vectors.length} vectors`);
  for (const call of ["policies", "menu", "checkEligibility", "estimate"]) {
    assert.ok(vectors.some((v) => v.call === call), `a vector for ${call}`);
  }
  const packs = new Set(vectors.filter((v) => v.call === "estimate" && !v.expected.error).map((v) => v.policyId));
  assert.equal(packs.size, 6, `estimates for all six packs: ${[...packs]}`);
});

test("the package gives every vector's expected output", async () => {
  const calc = await fullCalculator();
  const { count, failures } = checkVectors(calc);
  assert.deepEqual(failures, [], `${failures.length} of ${count} vectors differ`);
});
