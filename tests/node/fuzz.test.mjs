// Structure-aware fuzzing through the built package: the cases of the Rust generators
// (tests/structured, written by examples/fuzz_corpus.rs) fed to `Calculator` (pkg/gaizao.js).
// Every call returns or throws a GaizaoError (never another exception); the calculator answers
// correctly after each failure; estimates re-add exactly with BigInt and match the native
// answer where the figures are plain; mutated packs load only when they can work, and never
// take a built-in pack's place unasked.
//
//   GAIZAO_FUZZ_CASES   how many cases to generate (default 200; ignored with a corpus file)
//   GAIZAO_FUZZ_SEED    the generators' seed (default 1)
//   GAIZAO_FUZZ_CORPUS  a JSON-lines file made by `cargo run --example fuzz_corpus` to use instead
//   GAIZAO_FUZZ_RELEASE generate with the release build (faster, for long runs)
//   GAIZAO_FUZZ_SECONDS keep going, one batch of GAIZAO_FUZZ_CASES after another with the next
//                       seed, until this many seconds have passed (a long run)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { root } from "./lib.mjs";
import { Calculator, attempt, assertAddsUp, assertStillAnswers, calculator } from "./calc.mjs";

/** The JSON lines of one batch of generated cases (a promise: the next batch is generated
 * while the current one runs). */
function corpus(seed) {
  const given = process.env.GAIZAO_FUZZ_CORPUS;
  if (given) return Promise.resolve(fs.readFileSync(given, "utf8"));
  const cases = process.env.GAIZAO_FUZZ_CASES ?? "200";
  // The debug build by default (`cargo test --all-targets` has built it already); release for
  // long runs (GAIZAO_FUZZ_RELEASE=1), where generating is the slower half.
  const profile = process.env.GAIZAO_FUZZ_RELEASE ? ["--release"] : [];
  const args = ["run", "--quiet", ...profile, "--example", "fuzz_corpus", "--", cases, String(seed)];
  const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  return new Promise((resolve, reject) => {
    const child = execFile("cargo", args, { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 30 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stderr.pipe(process.stderr);
  });
}

const firstSeed = Number(process.env.GAIZAO_FUZZ_SEED ?? "1");
const seconds = Number(process.env.GAIZAO_FUZZ_SECONDS ?? "0");
const parse = (text) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l));

test("generated cases through Calculator", async () => {
  const c = await calculator();
  const counts = {};
  const count = (k) => (counts[k] = (counts[k] ?? 0) + 1);
  const start = Date.now();
  let total = 0;
  let next = corpus(firstSeed);
  for (let seed = firstSeed; ; seed++) {
    const lines = parse(await next);
    const last = process.env.GAIZAO_FUZZ_CORPUS || (Date.now() - start) / 1000 >= seconds;
    if (!last) next = corpus(seed + 1);
    total += lines.length;
    await runBatch(c, lines, count, seed);
    if (last || (Date.now() - start) / 1000 >= seconds) break;
  }
  await next.catch(() => {});
  assertStillAnswers(c, "at the end");
  const took = ((Date.now() - start) / 1000).toFixed(1);
  console.log(`node fuzz: ${total} cases in ${took} s: ${JSON.stringify(counts)}`);
  assert.ok((counts["plausible accepted"] ?? 0) > 0 || total < 8, "some plausible scenario was costed");
});

async function runBatch(c, lines, count, seed) {
  for (const [i, line] of lines.entries()) {
    const label = `seed ${seed} case ${i} (${line.kind}${line.mutation ? `: ${line.mutation}` : ""})`;
    if (line.kind === "check") {
      const r = attempt(() => c.check(line.policy, line.input, { lang: "both" }), label);
      count(r.ok ? "check accepted" : "check refused");
      if (r.error) assertStillAnswers(c, label);
    } else if (line.kind === "estimate" || line.kind === "plausible") {
      const r = attempt(() => c.estimate(line.policy, line.input, { lang: "both" }), label);
      count(r.ok ? `${line.kind} accepted` : `${line.kind} refused`);
      if (r.ok) assertAddsUp(r.ok, label);
      else assertStillAnswers(c, label);
      if (line.native) {
        if (line.native.error) {
          assert.equal(r.error?.code, line.native.error, `${label}: refused like the native build`);
        } else {
          assert.ok(r.ok, `${label}: accepted natively, refused here: ${r.error?.code} ${r.error?.field}`);
          assert.equal(r.ok.total, line.native.total, `${label}: the native total`);
          assert.deepEqual(r.ok.shares.map((s) => [s.party, s.amount]), line.native.shares.map((s) => [s.party, s.amount]), `${label}: the native shares`);
        }
      }
    } else if (line.kind === "pack") {
      for (const replace of [false, true]) {
        const fresh = await Calculator.create();
        let r;
        try {
          r = { ok: await fresh.loadPolicy(line.text, { fileName: "mutated.json", replace }) };
        } catch (e) {
          r = attempt(() => {
            throw e;
          }, label);
        }
        count(r.ok ? "pack accepted" : "pack refused");
        const must = line.mustRefuse;
        if (r.ok) {
          assert.ok(must === null || (must === "" && replace), `${label}: loaded (${r.ok.outcome}, replace ${replace}), must be refused at ${JSON.stringify(must)}`);
          const manifest = fresh.builtIn().find((p) => p.id === r.ok.summary.id);
          assert.equal(r.ok.summary.builtIn, manifest?.sha256 === r.ok.summary.contentHash, `${label}: builtIn by content`);
          if (manifest) assert.equal(r.ok.outcome, manifest.sha256 === r.ok.summary.contentHash ? "added" : "replaced", `${label}: a built-in id is taken only when asked`);
          const menu = fresh.menu(r.ok.summary.id);
          const items = menu.categories.flatMap((cat) => cat.items).slice(0, 30).map((it) => ({ item: it.id, amount: "1234.56", ...(it.pipeline ? { segment: "beforeMeter" } : {}) }));
          const e = fresh.estimate(r.ok.summary.id, { estate: { households: 120 }, items });
          assertAddsUp(e, label);
        } else {
          assert.notEqual(must, null, `${label}: a valid pack was refused: ${r.error.code} at ${r.error.field}: ${r.error.messageEn}`);
          if (must) {
            assert.ok(r.error.problems.some((p) => p.field?.startsWith(must)), `${label}: no problem names ${must}: ${JSON.stringify(r.error.problems.map((p) => p.field))}`);
          }
        }
        fresh.free();
      }
    }
  }
}
