// Helpers of the Node tests of the Calculator (pkg/gaizao.js): a calculator with every built-in
// pack loaded, checks that a thrown value is a proper GaizaoError, and re-adding an estimate's
// amounts exactly with BigInt.
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pkg, requirePkg } from "./lib.mjs";

requirePkg();
export const { Calculator, GaizaoError } = await import(pathToFileURL(path.join(pkg, "gaizao.js")).href);

/** A calculator with every built-in pack loaded. */
export async function calculator() {
  const c = await Calculator.create();
  for (const p of c.builtIn()) await c.loadBuiltin(p.id);
  return c;
}

/** A GaizaoError with 1–20 problems, each with a code, a field and both messages; returns it. */
export function gaizaoError(e, label = "") {
  assert.ok(e instanceof GaizaoError, `${label}: threw ${e?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 200)}`);
  assert.ok(Array.isArray(e.problems) && e.problems.length >= 1 && e.problems.length <= 20, `${label}: ${e.problems?.length} problems`);
  for (const p of e.problems) {
    assert.ok(typeof p.code === "string" && p.code.length > 0, `${label}: a problem without code`);
    assert.notEqual(p.code, "internal", `${label}: internal error: ${p.message?.en}`);
    assert.ok(typeof p.field === "string" && p.field.length > 0 && !p.field.endsWith("."), `${label}: ${p.code} without a proper field (${p.field})`);
    assert.ok(p.message?.zh && p.message?.en, `${label}: a problem without messages`);
  }
  assert.equal(e.code, e.problems[0].code);
  assert.equal(e.field, e.problems[0].field);
  return e;
}

/** Calls `f`: its result, or the GaizaoError it threw (anything else fails the test). */
export function attempt(f, label) {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: gaizaoError(e, label) };
  }
}

/** "1234.50" → 123450n; fails on anything but a non-negative amount with two decimals. */
export function fen(s, what) {
  assert.match(String(s), /^\d+\.\d\d$/, `${what}: not an amount: ${s}`);
  return BigInt(String(s).replace(".", ""));
}

const sum = (list, key, what) => list.reduce((a, x, i) => a + fen(x[key], `${what}[${i}].${key}`), 0n);

/** Every part of an estimate adds up exactly, in BigInt fen. */
export function assertAddsUp(e, label = "") {
  const total = fen(e.total, `${label} total`);
  assert.equal(sum(e.lines, "amount", "lines"), total, `${label}: lines add up to the total`);
  const perParty = new Map();
  e.lines.forEach((l, i) => {
    assert.equal(sum(l.shares, "amount", `lines[${i}].shares`), fen(l.amount, "line"), `${label}: lines[${i}] shares add up`);
    for (const s of l.shares) perParty.set(s.party, (perParty.get(s.party) ?? 0n) + fen(s.amount, "share"));
  });
  assert.equal(sum(e.shares, "amount", "shares"), total, `${label}: party totals add up to the total`);
  for (const s of e.shares) assert.equal(fen(s.amount, "party"), perParty.get(s.party) ?? 0n, `${label}: ${s.party} total`);
  if (e.elevator) {
    assert.equal(sum(e.elevator.floors, "total", "floors"), fen(e.elevator.residentsTotal, "residentsTotal"), `${label}: floors add up`);
  }
  if (e.household) {
    const el = e.household.elevator ? fen(e.household.elevator, "household.elevator") : 0n;
    assert.equal(fen(e.household.shared, "household.shared") + el, fen(e.household.total, "household.total"), `${label}: household bill adds up`);
  }
}

/** A call whose answer is known: the calculator still works. */
export const PROBE = { policy: "sichuan-panzhihua-2018", scenario: { estate: { households: 200 }, items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }] } };
export function assertStillAnswers(c, label = "") {
  const out = c.estimate(PROBE.policy, PROBE.scenario);
  assert.deepEqual(out.shares.map((s) => s.amount), ["42750.00", "34200.00", "8550.00"], `${label}: the calculator answers correctly afterwards`);
}
