#!/usr/bin/env node
// First visit on a slow phone, measured in Chromium (not a timed test; run by hand or in a
// benchmark job): Fast 3G (DevTools preset: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up)
// through CDP Network.emulateNetworkConditions, and a 4× slower CPU through
// Emulation.setCPUThrottlingRate. Cache empty (a fresh context each run).
//
//   bash scripts/serve.sh --prepare-only && node benches/first-visit.mjs [runs=3]
//
// "Usable" is the moment the element has loaded the module and what the page asks for and shows
// its first question (its `gaizao-ready` mark; for a page with a fixed policy this includes the
// pack and its base). "Bytes" is every response's encoded (on-the-wire) length, headers included.
// Budgets (issue): usable ≤ 2.5 s, ≤ 150 KB transferred.
import { chromium } from 'playwright-core';
import { start } from '../scripts/serve.mjs';

const runs = Number(process.argv[2] ?? 3);
const PAGES = [
  ['index.html (chooser)', ''],
  ['embed.html?policy=sichuan-panzhihua-2018', 'embed.html?policy=sichuan-panzhihua-2018'],
  ['embed.html?policy=sichuan-panzhihua-2018&lang=en', 'embed.html?policy=sichuan-panzhihua-2018&lang=en'],
];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const server = await start(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const [name, path] of PAGES) {
    const times = [];
    const bytes = [];
    let files = null;
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const sizes = new Map();
      const urls = new Map();
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
      await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelector('gaizao-calculator')?.hasAttribute('data-ready'), null, { timeout: 60000, polling: 50 });
      const t = await page.evaluate(() => performance.getEntriesByName('gaizao-ready')[0]?.startTime);
      await page.waitForTimeout(300);
      times.push(t);
      bytes.push([...sizes.values()].reduce((a, b) => a + b, 0));
      files = [...sizes].map(([id, n]) => [urls.get(id)?.replace(server.url, '/') ?? id, n]);
      await context.close();
    }
    rows.push({ name, usable: median(times), bytes: median(bytes), files });
  }
} finally {
  await browser.close();
  await server.close();
}
for (const r of rows) {
  console.log(`${r.name}: usable ${(r.usable / 1000).toFixed(2)} s (budget 2.5 s), ${(r.bytes / 1024).toFixed(1)} KB transferred (budget 150 KB)`);
  for (const [u, n] of r.files.sort((a, b) => b[1] - a[1])) console.log(`    ${(n / 1024).toFixed(1).padStart(7)} KB  ${u}`);
}
