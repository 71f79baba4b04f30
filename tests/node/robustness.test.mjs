// Hostile values through the published package (pkg/gaizao.js, the `Calculator`): every call
// answers or throws a GaizaoError with the field named — never a TypeError, a RangeError or a
// RuntimeError from the glue or the wasm memory — quickly, before anything is copied, and the
// calculator answers correctly afterwards. Then the fuzzing issue's cases 1–9, as JS sees them
// (the Rust side is tests/regressions.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { root } from "./lib.mjs";
import { Calculator, GaizaoError, assertAddsUp, assertStillAnswers, attempt, calculator, gaizaoError } from "./calc.mjs";

const c = await calculator();

/** Calls f, which must throw a GaizaoError naming `field` (with `code` when given). How long a
 * refusal takes is measured by benches, not asserted here (a loaded CI machine must not fail it). */
function refused(f, field, code, label = field) {
  let err;
  try {
    f();
  } catch (e) {
    err = gaizaoError(e, label);
  }
  assert.ok(err, `${label}: answered instead of refusing`);
  if (field instanceof RegExp) assert.match(err.field, field, `${label}: field (${err.code}: ${err.messageEn})`);
  else assert.equal(err.field, field, `${label}: field (${err.code}: ${err.messageEn})`);
  if (code) assert.equal(err.code, code, `${label}: code`);
  assertStillAnswers(c, label);
  return err;
}

class Plain {
  constructor() {
    this.households = 5;
  }
}
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const cyclic = () => {
  const o = { owners: {} };
  o.owners.total = o;
  return o;
};
const throwingGetter = () => ({
  get households() {
    throw new RangeError("no");
  },
});
const throwingProxy = () => new Proxy({}, { ownKeys() { throw new Error("trap"); } });

/** [what, the estate, the field the refusal names, its code]. */
const HOSTILE_ESTATES = [
  ["a revoked Proxy", revoked, "estate", "wrongType"],
  ["a Proxy whose ownKeys throws", throwingProxy, "estate", "wrongType"],
  ["a nested revoked Proxy", () => ({ owners: revoked() }), "owners", "wrongType"],
  ["a getter that throws", throwingGetter, "households", "wrongType"],
  ["a WeakMap", () => new WeakMap(), "estate", "wrongType"],
  ["a Promise", () => Promise.resolve({}), "estate", "wrongType"],
  ["a Date", () => new Date(0), "estate", "wrongType"],
  ["a class instance", () => new Plain(), "estate", "wrongType"],
  ["a Map", () => new Map([["households", 5]]), "estate", "wrongType"],
  ["a number", () => 42, "estate", "wrongType"],
  ["a string", () => "{}", "estate", "wrongType"],
  ["an array", () => [1, 2], "estate", "wrongType"],
  ["a function", () => () => 1, "estate", "wrongType"],
  ["NaN households", () => ({ households: NaN }), "households", "notANumber"],
  ["Infinity floor area", () => ({ floorArea: Infinity }), "floorArea", "notANumber"],
  ["a BigInt", () => ({ households: 10n }), "households", "notANumber"],
  ["a nested NaN", () => ({ owners: { total: NaN } }), "owners.total", "notANumber"],
  ["a function as the name", () => ({ name: () => "x" }), "name", "wrongType"],
  ["a symbol deep inside", () => ({ maintenanceFund: { initial: Symbol("x") } }), "maintenanceFund.initial", "wrongType"],
  ["a Date inside", () => ({ owners: new Date() }), "owners", "wrongType"],
  ["a cycle", cyclic, /^owners\.total\.owners\.total\./, "tooDeep"],
  ["a 400 MB string", () => ({ name: "x".repeat(400_000_000) }), "name", "tooLong"],
  ["a 10⁹-element sparse array", () => { const a = []; a.length = 1e9; return { owners: a }; }, "owners", "tooMany"],
  ["a lone surrogate", () => ({ name: "\ud800" }), "name", "wrongType"],
  ["the key \"\"", () => ({ "": 1 }), "[\"\"]", "unknownField"],
  ["the key \"a.b\"", () => ({ "a.b": 1 }), "[\"a.b\"]", "unknownField"],
  ["the key \"\" nested", () => ({ owners: { "": 1 } }), "owners[\"\"]", "unknownField"],
  ["the key \"__proto__\"", () => JSON.parse('{"__proto__": 1}'), "__proto__", "unknownField"],
];

for (const [what, make, field, code] of HOSTILE_ESTATES) {
  test(`check with ${what} as the estate: a GaizaoError naming ${field}`, () => {
    refused(() => c.check("national", make()), field, code, what);
  });
}

test("hostile values inside a scenario are refused at their path", () => {
  refused(() => c.estimate("national", { items: [{ item: "roads", amount: NaN }] }), "items[0].amount", "notANumber");
  refused(() => c.estimate("national", { items: [{ item: "roads", get amount() { throw new Error("x"); } }] }), "items[0].amount", "wrongType");
  refused(() => c.estimate("national", { estate: revoked() }), "estate", "wrongType");
  refused(() => c.estimate("national", { items: new Array(139_000).fill({ item: "roads", amount: "1" }) }), "items", "tooMany");
  refused(() => c.estimate("national", revoked()), "scenario", "wrongType");
});

test("hostile arguments other than the input are GaizaoErrors too", async () => {
  for (const bad of [undefined, null, 42, {}, revoked(), Symbol("x"), "x".repeat(1000)]) {
    refused(() => c.check(bad, {}), "policyId", undefined, `policyId ${typeof bad}`);
  }
  refused(() => c.check("national", {}, revoked()), "options", "wrongType", "options");
  refused(() => c.check("national", {}, { lang: "klingon" }), "lang", "wrongType", "lang");
  for (const bad of [42, {}, revoked(), null]) {
    await assert.rejects(c.loadPolicy(bad), (e) => gaizaoError(e, `loadPolicy(${typeof bad})`) && e.field === "source");
  }
  await assert.rejects(c.loadPolicy("{}", revoked()), (e) => gaizaoError(e, "loadPolicy options") && e.field === "options");
  await assert.rejects(Calculator.create(revoked()), (e) => e instanceof GaizaoError && e.field === "options");
  assertStillAnswers(c, "after hostile arguments");
});

test("-0 is 0, and numbers are written exactly", () => {
  assert.ok(c.check("national", { households: -0 }));
  const e = c.estimate("national", { estate: { households: -0 }, items: [{ item: "roads", quantity: 1e3, unitPrice: 2.5e-1 }] });
  assert.equal(e.total, "250.00");
  refused(() => c.check("national", { households: 1.5e-7 }), "households", "notWhole");
});

// ---- the fuzzing issue's cases, as JS sees them --------------------------------------------------

const puyang = "henan-puyang-2020";

test("1. the fund figures that once panicked are refused, and the calculator answers after", () => {
  refused(() => c.check(puyang, { maintenanceFund: { initial: "0.000000000001", balance: "7922816251427" } }), "maintenanceFund.initial", "tooPrecise");
  const v = c.check(puyang, { maintenanceFund: { initial: "0.000001", balance: "10000000000000" } }, { lang: "en" });
  const fund = v.findings.find((f) => f.measure.kind === "fund");
  assert.match(fund.texts.en.message, / 1000000000000000000000% /);
  assert.ok(c.policies().loaded.length === 6);
});

test("2. a first collection past six decimals is refused, not reported as 0%", () => {
  refused(() => c.check(puyang, { maintenanceFund: { initial: "0.0000000000000000000001", balance: "10000000000000" } }), "maintenanceFund.initial", "tooPrecise");
});

test("3. a revoked Proxy as the estate does not lock the calculator", async () => {
  refused(() => c.check("national", revoked()), "estate", "wrongType");
  const text = fs.readFileSync(path.join(root, "policies/national.json"), "utf8").replace('"id": "national"', '"id": "after-proxy"');
  const r = await c.loadPolicy(text);
  assert.equal(r.outcome, "added");
  assert.ok(c.menu("after-proxy").categories.length > 0);
});

test("4. 500 lines of half a fen are split exactly; 100 001 lines are refused with one problem", () => {
  const e = c.estimate("national", { items: new Array(500).fill({ item: "roads", amount: "0.005" }) });
  assert.equal(e.total, "2.50");
  assertAddsUp(e, "500 half-fen lines");
  refused(() => c.estimate("national", { items: new Array(100_001).fill({ item: "roads", amount: "0.005" }) }), "items", "tooMany");
});

test("5. limits are checked before converting; problem lists are capped", () => {
  refused(() => c.check("national", { name: "x".repeat(400_000_000) }), "name", "tooLong");
  refused(() => c.check("national", { owners: new Array(2 ** 31) }), "owners", "tooMany");
  const floors = new Array(200).fill({ floor: 2, households: 1 });
  const err = refused(() => c.estimate("national", { items: [{ item: "add-elevator", amount: "1" }], elevator: { method: "floorsClimbed", floors } }), "elevator.floors[1].floor", "conflicting");
  assert.equal(err.problems.length, 20);
  refused(() => c.estimate("national", { elevator: { method: "floorsClimbed", floors: new Array(140_000).fill({ floor: 2, households: 1 }) } }), "elevator.floors", "tooMany");
  const many = {};
  for (let i = 0; i < 30; i++) many[`unknown${i}`] = 1;
  assert.equal(attempt(() => c.check("national", many), "many").error.problems.length, 20);
});

test("6. a pack never takes a built-in or loaded pack's place unasked; builtIn follows the bytes", async () => {
  const fresh = await Calculator.create();
  const bytes = fs.readFileSync(path.join(root, "policies/national.json"));
  const edited = bytes.toString("utf8").replace("国办发〔2020〕23号", "国办发〔2020〕24号");
  await assert.rejects(fresh.loadPolicy(edited, { fileName: "policies/national.json" }), (e) => gaizaoError(e, "clash") && e.code === "policyExists" && e.field === "policyId");
  const replaced = await fresh.loadPolicy(edited, { fileName: "policies/national.json", replace: true });
  assert.deepEqual([replaced.outcome, replaced.summary.builtIn], ["replaced", false]);
  const other = await Calculator.create();
  const genuine = await other.loadPolicy(bytes, { fileName: "whatever.json" });
  assert.deepEqual([genuine.outcome, genuine.summary.builtIn], ["added", true]);
  const self = bytes.toString("utf8").replace('"id": "national"', '"id": "selfish", "base": "selfish"');
  await assert.rejects(other.loadPolicy(self), (e) => gaizaoError(e, "self-base") && e.field === "base");
});

test("7. packs that cannot work are refused with the field", async () => {
  const base = JSON.parse(fs.readFileSync(path.join(root, "policies/national.json"), "utf8"));
  const cases = [
    ["date 9999-99-99", (p) => (p.document.date = "9999-99-99"), "document.date"],
    ["date 0000-00-00", (p) => (p.document.date = "0000-00-00"), "document.date"],
    ["a zero-width citation", (p) => (p.eligibility[0].source.clause = "\u200b"), "eligibility[0].source.clause"],
    ["a zero-width English name", (p) => (p.name.en = "\u200b"), "name.en"],
    ["a weight of 1e-28", (p) => (p.funding[0].shares = [{ party: "residents", weight: "0.0000000000000000000000000001" }, { party: "city", weight: "1" }]), "funding[0].shares[0].weight"],
    ["a weight of 7.9e28", (p) => (p.funding[0].shares = [{ party: "residents", weight: "79000000000000000000000000000" }]), "funding[0].shares[0].weight"],
    ["a benchmark of 7.9e28", (p) => (p.benchmarks[0].amount = "79000000000000000000000000000"), "benchmarks[0].amount"],
    ["a 1-million-character name", (p) => (p.name.zh = "n".repeat(1_000_000)), "name.zh"],
    ["ANSI escapes", (p) => (p.name.en = "\u001b[31mred\u001b[0m"), "name.en"],
  ];
  for (const [what, edit, field] of cases) {
    const p = structuredClone(base);
    p.id = "broken";
    edit(p);
    const fresh = await Calculator.create();
    await assert.rejects(fresh.loadPolicy(JSON.stringify(p)), (e) => gaizaoError(e, what) && e.problems.some((q) => q.field === field), what);
  }
  const pz = JSON.parse(fs.readFileSync(path.join(root, "policies/sichuan-panzhihua-2018.json"), "utf8"));
  pz.id = "never";
  // Panzhihua's 90 % is a share of households (its tally has no owners' figures).
  pz.eligibility.find((r) => r.test.support).test.support.households = { share: "1", inclusive: false };
  const fresh = await Calculator.create();
  await assert.rejects(fresh.loadPolicy(JSON.stringify(pz)), (e) => gaizaoError(e, "threshold") && e.problems.some((q) => q.field.endsWith(".households.inclusive")));
});

test("8. duplicate keys in a pack's text are refused with the field", async () => {
  const text = fs.readFileSync(path.join(root, "policies/national.json"), "utf8").replace("{", '{"id": "first",');
  const fresh = await Calculator.create();
  await assert.rejects(fresh.loadPolicy(text), (e) => gaizaoError(e, "duplicate") && e.code === "invalidPolicy" && e.field === "id");
});

test("9. every refusal names its field", () => {
  refused(() => c.check("nationl", {}), "policyId", "unknownPolicy");
  refused(() => c.check("national", { owners: { "": 1 } }), 'owners[""]', "unknownField");
  refused(() => c.check("national", new WeakMap()), "estate", "wrongType");
  refused(() => c.check("national", Promise.resolve()), "estate", "wrongType");
  assert.ok(c.check("national", { households: -0 }));
});
