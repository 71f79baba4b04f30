#!/usr/bin/env node
// Compares two builds of the npm package call by call: every answer (the JSON text of a result)
// and every refusal (code, field, both messages and every problem) must be the same. Used to show
// that a change to how the package is built (its size, its speed) changes nothing a caller sees.
//
//   node scripts/compare-packages.mjs OLD_PKG [NEW_PKG]     (NEW_PKG defaults to pkg/)
//   GAIZAO_COMPARE_CASES=5000 node scripts/compare-packages.mjs …   (more generated cases)
//
// The calls: create, policies, version, schema, every built-in pack's load and menu; every shared
// vector's input and the examples under every pack in every language; generated variations of
// them (fields removed, retyped, given odd numbers and texts, duplicated keys, deep nesting);
// and portals' own packs: every built-in pack given again under other names, edited validly
// (then checked and estimated under), and broken in many ways (fields removed, retyped, unknown,
// bad ids, texts, fractions, dates, bases, duplicate keys, syntax errors, BOM, not UTF-8, too
// large), loaded with and without `replace`. Prints the first differences; exit 1 if any.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [oldDir, newDir = path.join(root, "pkg")] = process.argv.slice(2);
if (!oldDir) {
  console.error("usage: node scripts/compare-packages.mjs OLD_PKG [NEW_PKG]");
  process.exit(2);
}
const CASES = Number(process.env.GAIZAO_COMPARE_CASES ?? 1500);

// A small seeded generator, so that both packages see the same cases and a failure repeats.
let seed = 0x9e3779b9;
const rnd = () => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 2 ** 32;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

const load = async (dir) => import(pathToFileURL(path.join(path.resolve(dir), "gaizao.js")).href);
const oldPkg = await load(oldDir);
const newPkg = await load(newDir);

/** What a call gave: its result as JSON text, or its refusal. */
const answer = async (f) => {
  try {
    const v = await f();
    return JSON.stringify(v === undefined ? null : v);
  } catch (e) {
    if (e?.name !== "GaizaoError") return `THREW ${e?.name}: ${e?.message}`;
    return JSON.stringify({ error: { code: e.code, field: e.field ?? null, zh: e.messageZh, en: e.messageEn, problems: e.problems } });
  }
};

const calcs = { old: await oldPkg.Calculator.create(), new: await newPkg.Calculator.create() };
let compared = 0;
const differences = [];
/** Runs `f(calculator)` on both packages and records a difference (`f` must not draw random
 * numbers: it runs twice). */
const same = async (name, f) => {
  const a = await answer(() => f(calcs.old));
  const b = await answer(() => f(calcs.new));
  compared++;
  if (a !== b && differences.length < 1000) differences.push({ name, old: a, new: b });
};

const packDir = path.join(root, "policies");
const packFiles = fs.readdirSync(packDir).filter((f) => f.endsWith(".json")).sort();
const packText = Object.fromEntries(packFiles.map((f) => [f, fs.readFileSync(path.join(packDir, f), "utf8")]));
const packIds = packFiles.map((f) => JSON.parse(packText[f]).id);

// ---- the package's own calls ---------------------------------------------------------------
await same("builtIn()", (c) => c.builtIn());
await same("policies() before any load", (c) => c.policies());
await same("version() before any load", (c) => c.version());
await same("schema()", (c) => c.schema());
for (const id of [...packIds, "no-such-pack", "nationa", ""]) await same(`menu(${id}) before load`, (c) => c.menu(id));
for (const id of packIds) await same(`loadBuiltin(${id})`, (c) => c.loadBuiltin(id));
await same("loadBuiltin(unknown)", (c) => c.loadBuiltin("sichuan-panzhihua-2017"));
for (const id of packIds) await same(`loadBuiltin(${id}) again`, (c) => c.loadBuiltin(id));
await same("policies()", (c) => c.policies());
await same("version()", (c) => c.version());
for (const id of packIds) await same(`menu(${id})`, (c) => c.menu(id));

// ---- inputs --------------------------------------------------------------------------------
const inputs = { checkEligibility: [], estimate: [] };
for (const f of fs.readdirSync(path.join(root, "tests/vectors")).filter((f) => f.endsWith(".json")).sort()) {
  const v = JSON.parse(fs.readFileSync(path.join(root, "tests/vectors", f), "utf8"));
  if (inputs[v.call] && v.input && typeof v.input === "object") inputs[v.call].push(v.input);
}
const example = (f) => JSON.parse(fs.readFileSync(path.join(root, "examples", f), "utf8"));
inputs.checkEligibility.push(example("linye-dayuan.json"), example("bad-estate.json"), example("bad-owners.json"));
inputs.estimate.push(example("linye-dayuan-plan.json"), { estate: example("linye-dayuan.json"), items: example("linye-dayuan-plan.json").items });
const LANGS = ["none", "zh", "en", "both"];
const call = (c, kind, id, input, lang) => (kind === "checkEligibility" ? c.check(id, input, { lang }) : c.estimate(id, input, { lang }));

for (const kind of Object.keys(inputs)) {
  for (const [i, input] of inputs[kind].entries()) {
    for (const id of packIds) {
      for (const lang of LANGS) await same(`${kind}[${i}] ${id} ${lang}`, (c) => call(c, kind, id, input, lang));
    }
  }
}

/** Odd values a person or a program may give. */
const ODD = [
  null, true, false, 0, -0, 1, -1, 1.5, 0.1, 66.5, 1e21, 1e-7, 123456789.123456, 1234567890.1234567, 2 ** 53 + 1,
  100000001, 99999999.999999, "", " ", "0", "-0", "1.5", "1e3", "1.2E+05", "1e400", "-1", "abc", "１２", "12,5",
  "0.0000001", "10000000000000.01", "1/2", "2/3", "@notANumber", NaN, Infinity, "a\u0000b", "\ud800", "𝄞", "x".repeat(300),
  [], [1], {}, { a: 1 }, "beforeMeter", "afterMeter", "nonCommodity", "commodity", "urban", "city", 1990, 2000, 1799, 2101,
];
const clone = (v) => JSON.parse(JSON.stringify(v));
/** Every path to a value of `v`. */
const paths = (v, at = []) => {
  const out = [at];
  if (v && typeof v === "object") for (const k of Object.keys(v)) out.push(...paths(v[k], [...at, k]));
  return out;
};
const mutate = (input) => {
  const v = clone(input);
  const all = paths(v).filter((p) => p.length);
  for (let n = 1 + Math.floor(rnd() * 3); n > 0 && all.length; n--) {
    const p = pick(all);
    let parent = v;
    for (const k of p.slice(0, -1)) parent = parent?.[k];
    if (!parent || typeof parent !== "object") continue;
    const last = p[p.length - 1];
    const r = rnd();
    if (r < 0.25) delete parent[last];
    else if (r < 0.8) parent[last] = pick(ODD);
    else if (r < 0.9 && !Array.isArray(parent)) parent[last + pick(["x", "s", "Count", ""]) || "k"] = pick(ODD);
    else parent[last] = [parent[last], pick(ODD)];
  }
  return v;
};
for (let i = 0; i < CASES; i++) {
  const kind = pick(Object.keys(inputs));
  const input = mutate(pick(inputs[kind]));
  const id = pick(packIds);
  const lang = pick(LANGS);
  await same(`mutated ${kind} #${i} ${id} ${lang}: ${JSON.stringify(input).slice(0, 200)}`, (c) => call(c, kind, id, input, lang));
}
// Inputs only the text form can carry: duplicate keys, deep nesting, syntax the JS side never writes.
const deep = (n) => "[".repeat(n) + "]".repeat(n);
const HOSTILE = [undefined, null, 42, "text", [], [1], new Date(0), { a: undefined }, { households: 10n }, { households: NaN },
  { builtYear: Infinity }, JSON.parse(`{"a":${deep(31)}}`), JSON.parse(`{"a":${deep(33)}}`), { __proto__: null, households: 3 },
  JSON.parse('{"__proto__": {"x": 1}, "households": 2}'), { ["k".repeat(300)]: 1 }, Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, i]))];
for (const [i, h] of HOSTILE.entries()) {
  for (const kind of Object.keys(inputs)) await same(`hostile ${kind} #${i}`, (c) => call(c, kind, "national", h, "both"));
}

// ---- portals' own packs --------------------------------------------------------------------
const enc = new TextEncoder();
const loadPack = (c, source, options) => c.loadPolicy(source, options);
const fresh = async () => {
  calcs.old = await oldPkg.Calculator.create();
  calcs.new = await newPkg.Calculator.create();
};
for (const f of packFiles) {
  await fresh();
  await same(`loadPolicy(${f} as published)`, (c) => loadPack(c, packText[f], { fileName: f }));
  await same(`loadPolicy(${f} as bytes, again)`, (c) => loadPack(c, enc.encode(packText[f])));
  await same(`loadPolicy(${f} with a BOM)`, (c) => loadPack(c, "\ufeff" + packText[f], { fileName: f }));
  await same(`policies() after ${f}`, (c) => c.policies());
}

/** A pack edited at one path: `how` is "delete", a value, or a function of the old value. */
const edited = (text, at, how) => {
  const v = JSON.parse(text);
  let parent = v;
  for (const k of at.slice(0, -1)) parent = parent[k];
  const last = at[at.length - 1];
  if (how === "delete") delete parent[last];
  else parent[last] = typeof how === "function" ? how(parent[last]) : how;
  return JSON.stringify(v, null, 2);
};
const PACK_ODD = [null, true, 0, -1, 1.5, "", " ", "\u200b", "x", "2/3", "0/1", "3/2", "1/0", "1e3", "abc def", "-x", "UPPER", "a\u0007b",
  "x".repeat(4001), [], ["x"], [1, 2], {}, { zh: "", en: "" }, { zh: "中", en: "en" }, "2020-02-30", "2020", "1799-01-01", "national",
  "pipelineUtility", "city", "residents", "1000001", "0.5", { builtBy: { year: 2000, inclusive: true } }, { flag: { flag: "nope", required: true } }];

const packCases = [];
for (const f of packFiles) {
  const text = packText[f];
  const v = JSON.parse(text);
  const all = paths(v).filter((p) => p.length);
  // Valid edits: a portal's copy of the pack under another id, name or fund.
  packCases.push({ name: `${f}: as a portal's copy`, text: edited(text, ["id"], `${v.id}-portal`), valid: true });
  packCases.push({ name: `${f}: renamed`, text: edited(text, ["name"], { zh: "我的政策", en: "My policy" }), valid: true });
  packCases.push({ name: `${f}: same id, other content (no replace)`, text: edited(text, ["issuer"], { zh: "某局", en: "Some bureau" }) });
  packCases.push({ name: `${f}: same id, other content (replace)`, text: edited(text, ["issuer"], { zh: "某局", en: "Some bureau" }), replace: true, valid: true });
  for (let i = 0; i < Math.ceil(CASES / 10); i++) {
    const at = pick(all);
    const how = rnd() < 0.3 ? "delete" : pick(PACK_ODD);
    let t = edited(text, at, how);
    if (rnd() < 0.2) t = edited(t, pick(all.filter((p) => p.length === 1)), rnd() < 0.5 ? "delete" : pick(PACK_ODD));
    packCases.push({ name: `${f}: ${at.join(".")} = ${JSON.stringify(how).slice(0, 40)}`, text: edited(t, ["id"], `${v.id}-x`) });
  }
  // Whole-text problems.
  packCases.push({ name: `${f}: unknown field`, text: edited(text, ["colour"], "red") });
  packCases.push({ name: `${f}: duplicate key`, text: text.replace(/"id":/, '"id": "a", "id":') });
  packCases.push({ name: `${f}: truncated`, text: text.slice(0, text.length / 2) });
  packCases.push({ name: `${f}: trailing comma`, text: text.replace(/\}\s*$/, ",}") });
  packCases.push({ name: `${f}: its own base`, text: edited(text, ["base"], v.id) });
  packCases.push({ name: `${f}: unknown base`, text: edited(edited(text, ["base"], "nowhere"), ["id"], "x") });
}
// Syntax the JS side never writes, at random places of every pack (the same message, line and
// column are expected): escapes, numbers, control characters, stray bytes.
const SYNTAX = ["\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\ud800\\u0041", "\\udc00", "\\q", "\\u12", "\u0001", "\t", "\n",
  '"', ",", ":", "]", "}", "{", "[", " 01", " 1e400", " -", " 1.", " 1e", " 18446744073709551616", " -0", " 1.0000000000000000000001",
  " 0.1", " nul", " tru", "\ufeff", "x"];
for (const f of packFiles) {
  const text = packText[f];
  for (let i = 0; i < Math.ceil(CASES / 30); i++) {
    const at = Math.floor(rnd() * text.length);
    const piece = pick(SYNTAX);
    packCases.push({ name: `${f}: ${JSON.stringify(piece)} at ${at}`, text: text.slice(0, at) + piece + text.slice(at) });
  }
}
packCases.push({ name: "empty text", text: "" }, { name: "[]", text: "[]" }, { name: "{}", text: "{}" }, { name: "deep", text: `{"id": ${deep(40)}}` });
packCases.push({ name: "not UTF-8", bytes: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }, { name: "too large", text: `{"id": "${"x".repeat(3 << 20)}"}` });
packCases.push({ name: "lone surrogate escape", text: '{"id": "\\ud800"}' }, { name: "number too precise", text: '{"id": 1.00000000000000000001}' });

for (const [i, pc] of packCases.entries()) {
  if (i % 40 === 0) await fresh();
  const source = pc.bytes ?? (i % 2 ? enc.encode(pc.text) : pc.text);
  const options = { fileName: i % 3 ? `custom-${i}.json` : undefined, replace: pc.replace === true };
  await same(`loadPolicy ${pc.name}`, (c) => loadPack(c, source, options));
  if (pc.valid) {
    const id = JSON.parse(pc.text).id;
    await same(`menu of ${pc.name}`, (c) => c.menu(id));
    for (const kind of Object.keys(inputs)) {
      const input = pick(inputs[kind]);
      const lang = pick(LANGS);
      await same(`${kind} under ${pc.name}`, (c) => call(c, kind, id, input, lang));
    }
  }
}
await same("policies() at the end", (c) => c.policies());
await same("version() at the end", (c) => c.version());

console.log(`compared ${compared} calls of ${oldDir} and ${newDir}: ${differences.length} differ`);
for (const d of differences.slice(0, 10)) {
  console.log(`\n${d.name}\n  old: ${d.old.slice(0, 600)}\n  new: ${d.new.slice(0, 600)}`);
}
process.exit(differences.length ? 1 : 0);
