// Shared helpers of the Node tests: the crate's paths, the shared vectors, and running one vector
// through a Calculator of the built package.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const pkg = path.join(root, "pkg");
export const vectorsDir = path.join(root, "tests/vectors");

/** Fails with a clear message when pkg/ has not been built. */
export function requirePkg() {
  if (!fs.existsSync(path.join(pkg, "package.json"))) {
    throw new Error(`${pkg} is not built: run scripts/build-wasm.sh first`);
  }
}

/** Every shared vector, sorted by file name. */
export function loadVectors() {
  return fs
    .readdirSync(vectorsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...JSON.parse(fs.readFileSync(path.join(vectorsDir, file), "utf8")) }));
}

function nonEmptyString(v, what) {
  assert.equal(typeof v, "string", `${what} is a string`);
  assert.ok(v.length > 0, `${what} is not empty`);
  return v;
}

/**
 * Checks that `err` is a proper GaizaoError and returns it in the vectors' `error` form:
 * {error: {code, field, messageZh, messageEn, problems: [{code, field, message: {zh, en}}]}}.
 */
export function gaizaoError(err) {
  assert.ok(err instanceof Error, `a thrown Error, not ${typeof err}: ${String(err)}`);
  assert.equal(err.name, "GaizaoError");
  const code = nonEmptyString(err.code, "code");
  const messageZh = nonEmptyString(err.messageZh, "messageZh");
  const messageEn = nonEmptyString(err.messageEn, "messageEn");
  assert.equal(err.message, `${messageZh} / ${messageEn}`);
  assert.ok(err.field === undefined || typeof err.field === "string", "field is a string or undefined");
  assert.ok(Array.isArray(err.problems) && err.problems.length > 0, "problems is a non-empty array");
  const problems = err.problems.map((p) => ({
    code: nonEmptyString(p.code, "problems[].code"),
    field: p.field ?? null,
    message: { zh: nonEmptyString(p.message?.zh, "problems[].message.zh"), en: nonEmptyString(p.message?.en, "problems[].message.en") },
  }));
  assert.deepEqual(problems[0], { code, field: err.field ?? null, message: { zh: messageZh, en: messageEn } });
  return { error: { code, field: err.field ?? null, messageZh, messageEn, problems } };
}

/** Runs one vector through a `Calculator` that has every built-in pack loaded. */
export function runVector(calc, v) {
  try {
    const input = JSON.parse(JSON.stringify(v.input));
    let out;
    switch (v.call) {
      case "policies":
        out = calc.policies().loaded;
        break;
      case "menu":
        out = calc.menu(v.policyId);
        break;
      case "checkEligibility":
        out = calc.check(v.policyId, input, { lang: "both" });
        break;
      case "estimate":
        out = calc.estimate(v.policyId, input, { lang: "both" });
        break;
      default:
        throw new Error(`unknown call ${v.call}`);
    }
    // What a page would store or send: the output as JSON.
    return JSON.parse(JSON.stringify(out));
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    return gaizaoError(err);
  }
}

/** Runs every vector; returns the list of failures (empty when all match). */
export function checkVectors(calc) {
  const failures = [];
  const vectors = loadVectors();
  for (const v of vectors) {
    try {
      assert.deepStrictEqual(runVector(calc, v), v.expected);
    } catch (e) {
      failures.push(`${v.file}: ${e.message.split("\n").slice(0, 12).join("\n")}`);
    }
  }
  return { count: vectors.length, failures };
}

/** A calculator from the built package with every built-in pack loaded. */
export async function fullCalculator() {
  const { Calculator } = await import(new URL("../../pkg/gaizao.js", import.meta.url).href);
  const calc = await Calculator.create();
  for (const p of calc.builtIn()) await calc.loadBuiltin(p.id);
  return calc;
}
