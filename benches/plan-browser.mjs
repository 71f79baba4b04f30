#!/usr/bin/env node
// The planning view on the national list in Chromium (issue #10 point 7; not a timed test: run by
// hand). A synthetic plan of 220,000 compounds (examples/national: title row, 合计 rows, merged
// year cells in the xlsx, the kinds of problem real lists have) as CSV (19 MB) and xlsx (9 MB):
//
//   page    plan.html, the file chosen in its file input → the totals drawn (User Timing marks
//           plan:file → plan:totals), while a requestAnimationFrame loop and a long-task observer
//           watch the main thread; then the peak resident memory (VmHWM) of the page's renderer
//           process, which holds the page, its Worker and the Worker's wasm memory;
//   worker  pkg/plan-worker.js driven directly: the time of each step (file read, grid, rows,
//           assess) and the module's memory after it (wasm memory never shrinks: its peak).
//
// Each run gets a fresh browser (empty profile: the module is compiled afresh, as on a first
// visit). Best of N is reported beside the first run, with the load average of the machine.
//
//   bash scripts/serve.sh --prepare-only && node benches/plan-browser.mjs [--runs=3] [--only=csv|xlsx] [--dir=DIR]
//
// The files are generated into DIR (default: $TMPDIR/gaizao-national) by
// `cargo run --release --example plan_national -- --write DIR` when they are not there yet.
// Targets (issue): file → totals ≤ 2 s for the CSV, ≤ 5 s for the xlsx; memory < 500 MB.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from '../scripts/serve.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const RUNS = Number(arg('runs', 3));
const ONLY = arg('only', '');
const DIR = arg('dir', join(tmpdir(), 'gaizao-national'));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PZH = 'sichuan-panzhihua-2018';

if (!existsSync(join(REPO, 'www/pkg/plan-worker.js'))) {
  console.error('www/pkg is missing: run `bash scripts/serve.sh --prepare-only` first');
  process.exit(1);
}
if (!existsSync(join(DIR, 'national.csv')) || !existsSync(join(DIR, 'national.xlsx'))) {
  mkdirSync(DIR, { recursive: true });
  console.log(`generating the national list into ${DIR} …`);
  execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'plan_national', '--', '--write', DIR, '--only=none'], { cwd: REPO, stdio: 'inherit' });
}

/** Peak resident memory (VmHWM, MB) of the renderer processes under `rootPid`: the largest. */
function rendererPeakMb(rootPid) {
  const children = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch { /* gone */ }
  }
  const all = [];
  const walk = (pid) => { for (const c of children.get(pid) ?? []) { all.push(c); walk(c); } };
  walk(rootPid);
  let peak = 0;
  for (const pid of all) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch { /* gone */ }
  }
  return Math.round(peak);
}

async function pageRun(server, file) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}plan.html`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
    await page.selectOption('#policy', PZH);
    await page.locator('#policy-status').waitFor();
    await page.evaluate(() => {
      window.bench = { gaps: [], longTasks: [] };
      let last = performance.now();
      const frame = () => { const now = performance.now(); window.bench.gaps.push(now - last); last = now; window.bench.raf = requestAnimationFrame(frame); };
      window.bench.raf = requestAnimationFrame(frame);
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.bench.longTasks.push(e.duration); }).observe({ type: 'longtask' });
    });
    const load = loadavg()[0];
    await page.setInputFiles('#file', file);
    await page.waitForSelector('body[data-state=assessed]', { timeout: 120000 });
    const r = await page.evaluate(() => {
      cancelAnimationFrame(window.bench.raf);
      const m = performance.measure('file-to-totals', 'plan:file', 'plan:totals');
      const gaps = window.bench.gaps.slice(1);
      return { ms: m.duration, maxGap: Math.max(...gaps), frames: gaps.length, longTasks: window.bench.longTasks };
    });
    // Scrolling the virtualised table to the middle: how long until the rows there are drawn.
    const t0 = Date.now();
    await page.locator('.vt').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
    await page.waitForFunction(() => document.querySelectorAll('#rows-table tr.r:not(.loading)').length > 0 && !document.querySelector('#rows-table tr.loading'));
    r.scrollMs = Date.now() - t0;
    r.rowElements = await page.locator('#rows-table tr.r').count();
    r.peakMb = rendererPeakMb(process.pid); // the one browser alive is a child of this process
    r.load = load;
    return r;
  } finally {
    await browser.close();
  }
}

async function workerRun(server, file) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}plan.html`);
    await page.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'bench-file'; document.body.append(i); });
    await page.setInputFiles('#bench-file', file);
    return await page.evaluate(async (policy) => {
      const w = new Worker('pkg/plan-worker.js', { type: 'module' });
      let id = 0;
      const pending = new Map();
      w.onmessage = (e) => { const p = pending.get(e.data.id); if (!p || e.data.progress) return; pending.delete(e.data.id); if (e.data.ok) p.resolve(e.data.result); else p.reject(new Error(JSON.stringify(e.data.error))); };
      const call = (type, args = {}) => new Promise((resolve, reject) => { pending.set(++id, { resolve, reject }); w.postMessage({ id, type, ...args }); });
      await call('init');
      const f = document.getElementById('bench-file').files[0];
      const t0 = performance.now();
      const out = await call('open', { policy, file: f, name: f.name });
      const open = performance.now() - t0;
      const s0 = performance.now();
      await call('rows', { query: { sort: 'name', limit: 100 } });
      const sortName = performance.now() - s0;
      return { open, timings: out.timings, sortName, memoryMb: Math.round((await call('memory')) / 1048576), compounds: out.summary.compounds };
    }, PZH);
  } finally {
    await browser.close();
  }
}

const server = await start(0);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`plan.html on the national list (${PZH}); ${cpus().length} cores, ${RUNS} runs each, a fresh browser per run`);
try {
  for (const [label, name, target] of [['CSV', 'national.csv', 2000], ['xlsx', 'national.xlsx', 5000]]) {
    if (ONLY && ONLY.toLowerCase() !== label.toLowerCase()) continue;
    const file = join(DIR, name);
    const size = (readFileSync(file).length / 1e6).toFixed(1);
    const pages = [];
    const workers = [];
    for (let i = 0; i < RUNS; i++) {
      const p = await pageRun(server, file);
      const w = await workerRun(server, file);
      pages.push(p);
      workers.push(w);
      const longest = p.longTasks.length ? Math.round(Math.max(...p.longTasks)) : 0;
      console.log(`${label} run ${i + 1}: file→totals ${fmt(p.ms)} (load avg ${p.load.toFixed(2)}); main thread: longest frame gap ${Math.round(p.maxGap)} ms, ${p.longTasks.length} long tasks (longest ${longest} ms); renderer peak ${p.peakMb} MB; scroll to the middle ${p.scrollMs} ms, ${p.rowElements} row elements` +
        ` | Worker alone: ${fmt(w.open)} = read ${w.timings.load} + grid ${w.timings.grid} + rows ${w.timings.rows} + assess ${w.timings.assess} ms; sort by name ${Math.round(w.sortName)} ms; wasm memory ${w.memoryMb} MB; ${w.compounds} compounds`);
    }
    const best = pages.reduce((a, b) => (b.ms < a.ms ? b : a));
    const bestW = workers.reduce((a, b) => (b.open < a.open ? b : a));
    const peak = Math.max(...pages.map((p) => p.peakMb));
    const mem = Math.max(...workers.map((w) => w.memoryMb));
    console.log(`${label} (${size} MB): file→totals best ${fmt(best.ms)}, first run ${fmt(pages[0].ms)} (target ≤ ${fmt(target)}: ${best.ms <= target ? 'met' : 'MISSED'}); Worker alone best ${fmt(bestW.open)}; peak renderer memory ${peak} MB, wasm memory ${mem} MB (target < 500 MB: ${peak < 500 ? 'met' : 'MISSED'}); longest main-thread frame gap ${Math.round(Math.max(...pages.map((p) => p.maxGap)))} ms`);
  }
} finally {
  await server.close();
}
