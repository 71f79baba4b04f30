// Shared helpers of the browser tests: the static server (scripts/serve.mjs, with the page's CSP),
// Debian's Chromium driven by playwright-core, the expected answers from the Node build of the
// package, and measurements (fonts, targets, contrast) taken in the page.
//
// The tests assume www/pkg exists: `bash scripts/serve.sh --prepare-only` (run by
// `npm run test:e2e`) or `bash scripts/serve.sh` copies pkg/web there.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(REPO, 'tests/screenshots');
const require = createRequire(import.meta.url);

export const CITY_PACKS = [
  'guizhou-nayong-2022',
  'henan-puyang-2020',
  'sichuan-panzhihua-2018',
  'henan-kaifeng-2019',
  'sichuan-suining-2020-draft',
];

/**
 * The Node build of the package (pkg/nodejs, CommonJS). pkg/package.json says "type": "module",
 * which makes Node read pkg/nodejs/gaizao.js as ESM unless pkg/nodejs has its own package.json;
 * when that file is missing the module is compiled here as CommonJS (same file, same wasm).
 */
let pkgCache = null;
export function gaizao() {
  if (pkgCache) return pkgCache;
  const file = join(REPO, 'pkg/nodejs/gaizao.js');
  if (!existsSync(file)) throw new Error('pkg/nodejs is missing: run `bash scripts/build-wasm.sh`');
  try {
    const m = require(file);
    if (typeof m.checkEligibility === 'function') {
      pkgCache = m;
      return m;
    }
  } catch { /* fall through to loading it as CommonJS */ }
  const mod = new Module(file);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  mod._compile(readFileSync(file, 'utf8'), file);
  pkgCache = mod.exports;
  return pkgCache;
}

export function assertPagePkg() {
  if (!existsSync(join(REPO, 'www/pkg/gaizao_bg.wasm'))) {
    throw new Error('www/pkg is missing: run `bash scripts/serve.sh --prepare-only` (or `npm run test:e2e`)');
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Starts the server and the browser once per test file. */
export async function setup({ expected = true } = {}) {
  assertPagePkg();
  if (expected) gaizao(); // load the Node build once, at the start, so a file uses one build

  const server = await start(0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh page (own context, so own localStorage) that records every request, console message
 * and page error, and every dialog (dismissed at once).
 */
export async function openPage(env, { width = 1200, height = 900, hash = '', prefs } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const log = { requests: [], console: [], errors: [], dialogs: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  if (prefs) {
    await context.addInitScript((p) => { localStorage.setItem('gaizao.prefs.v1', JSON.stringify(p)); }, prefs);
  }
  await page.goto(env.server.url + (hash ? `#${hash}` : ''));
  await waitReady(page);
  return { page, context, log };
}

export async function waitReady(page) {
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
}

export function shot(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** Money as shown ("1,234.50 元") → the package's string ("1234.50"). */
export function shownMoney(text) {
  const m = /-?[\d,]+\.\d{2}/.exec(text ?? '');
  return m ? m[0].replace(/,/g, '') : null;
}

/** Text colour vs the first opaque background behind it; sizes and targets, all in the page. */
export function measureScript() {
  function parse(c) {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function lum({ r, g, b }) {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  function bgOf(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.95) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  }
  function visible(el) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[hidden], .sr-only, [aria-hidden="true"] .sr-only');
  }
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest('.sr-only, noscript, script, style, svg')) continue;
    if (!visible(el)) continue;
    const cs = getComputedStyle(el);
    const fg = parse(cs.color);
    const bg = bgOf(el);
    const l1 = lum(fg);
    const l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    texts.push({ text: n.textContent.trim().slice(0, 40), size: parseFloat(cs.fontSize), ratio: Math.round(ratio * 100) / 100 });
  }
  const targets = [];
  const interactive = document.querySelectorAll('button, a[href], input:not([type="hidden"]):not(.hidden-file), select, summary, textarea');
  for (const el of interactive) {
    if (!visible(el) && !(el.matches('input[type="radio"], input[type="checkbox"]') && el.closest('label') && visible(el.closest('label')))) continue;
    if (el.matches('.skip')) continue;
    // A radio button or checkbox is operated through its label, which is the target.
    const box = el.matches('input[type="radio"], input[type="checkbox"]') && el.closest('label') ? el.closest('label') : el;
    const r = box.getBoundingClientRect();
    targets.push({ what: `${el.tagName.toLowerCase()}#${el.id || ''}.${el.className || ''} ${(box.textContent || '').trim().slice(0, 30)}`, w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 });
  }
  return { texts, targets, rootSize: parseFloat(getComputedStyle(document.documentElement).fontSize) };
}
