// Shared helpers of the browser tests: the static server (scripts/serve.mjs: the pages' CSP,
// compression), Debian's Chromium driven by playwright-core (one browser per run), the
// expected answers from the package itself in Node (pkg/gaizao.js), and measurements taken
// inside the element's shadow root.
//
// The tests assume www/pkg exists: `bash scripts/serve.sh --prepare-only` (run by
// `npm run test:e2e`) copies pkg/ there.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(REPO, 'tests/screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

let calcPromise = null;
/** The package's own Calculator in Node, every built-in pack loaded: the expected answers. */
export function expected() {
  calcPromise ??= (async () => {
    const { Calculator } = await import(pathToFileURL(join(REPO, 'pkg/gaizao.js')).href);
    const c = await Calculator.create();
    for (const p of c.builtIn()) await c.loadBuiltin(p.id);
    return c;
  })();
  return calcPromise;
}

let shared = null;
/** The server and the browser, started once for the whole run (every test file shares them). */
export async function setup() {
  if (!existsSync(join(REPO, 'www/pkg/element.js'))) {
    throw new Error('www/pkg is missing: run `bash scripts/serve.sh --prepare-only` (or `npm run test:e2e`)');
  }
  shared ??= (async () => {
    // The pages keep the strict CSP; only the portal-to-iframe test needs frame-src for the
    // second origin, as a real portal would add for the calculator's host.
    const server = await start(0, { frameSrc: (port) => `http://127.0.0.1:${port}` });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return { server, browser, origin: `http://127.0.0.1:${server.port}`, other: `http://localhost:${server.port}` };
  })();
  return shared;
}
export async function teardown() {
  if (!shared) return;
  const { server, browser } = await shared;
  shared = null;
  await browser.close();
  await server.close();
}

/** A fresh page (own context: own storage) recording requests, console messages and errors. */
export async function openPage(env, path, { width = 390, height = 844, origin, init } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  context.setDefaultTimeout(8000);
  const page = await context.newPage();
  const log = { requests: [], console: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  if (init) await context.addInitScript(init.fn, init.arg);
  await page.goto(`${origin ?? env.origin}/${path}`);
  return { page, context, log };
}

/** Waits until every <gaizao-calculator> of the page has loaded. */
export async function ready(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('gaizao-calculator')].every((e) => e.hasAttribute('data-ready')), null, { timeout: 20000 });
}

export function shot(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** No console error, no page error, no request off the page's own origins. */
export function assertClean(assert, log, origins) {
  assert.deepEqual(log.errors, [], 'no page error');
  assert.deepEqual(log.console.filter((m) => m.type === 'error'), [], 'no console error');
  const off = log.requests.filter((u) => !origins.some((o) => u.startsWith(`${o}/`)) && !u.startsWith('about:') && !u.startsWith('data:'));
  assert.deepEqual(off, [], 'no request to another origin');
}

/** Text sizes and contrast, and target sizes, measured inside an element's shadow root. */
export function measureShadow(host) {
  const root = host.shadowRoot;
  function parse(c) {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  const lum = ({ r, g, b }) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bgOf = (el) => {
    for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.95) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && !el.closest('.sr');
  };
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !visible(el)) continue;
    const cs = getComputedStyle(el);
    const fg = parse(cs.color);
    const l1 = lum(fg);
    const l2 = lum(bgOf(el));
    texts.push({ text: n.textContent.trim().slice(0, 30), size: parseFloat(cs.fontSize), ratio: Math.round(((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)) * 100) / 100 });
  }
  const targets = [];
  for (const el of root.querySelectorAll('button, a[href], input, select, summary')) {
    const box = el.matches('input[type="radio"], input[type="checkbox"]') ? el.closest('label') ?? el : el;
    if (!visible(box)) continue;
    const r = box.getBoundingClientRect();
    targets.push({ what: `${el.tagName.toLowerCase()} ${(box.textContent || el.id || '').trim().slice(0, 30)}`, w: Math.round(r.width), h: Math.round(r.height) });
  }
  return { texts, targets, height: Math.ceil(root.querySelector('.wrap').getBoundingClientRect().height) };
}
