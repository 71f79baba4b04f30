// Nothing lost, private and strict: reload keeps the inputs, a shared link restores them, a saved
// file opens again, text typed as HTML stays text, no request leaves the origin, no console error
// under the CSP, and the server sends the right headers. Also writes the screenshots of every
// step (normal and 长辈版, 360×780) to tests/screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gaizao, openPage, setup, shot, shownMoney, waitReady } from './lib.mjs';
import { CASES, expectedInputs, fillCase } from './cases.mjs';
import { CSP } from '../../scripts/serve.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const XSS = '<img src=x onerror=alert(1)>';

async function values(page) {
  return page.evaluate(() => ({
    name: document.querySelector('#in-name')?.value,
    households: document.querySelector('#in-households')?.value,
    policy: document.querySelector('#policy-select')?.value,
    step: [...document.querySelectorAll('.step')].findIndex((s) => !s.hidden) + 1,
    total: document.querySelector('#total')?.textContent ?? null,
    verdict: document.querySelector('#verdict')?.dataset.verdict ?? null,
  }));
}

describe('nothing lost', () => {
  test('reload keeps every input, the pack and the step', async () => {
    const c = CASES[0];
    const { page, context } = await openPage(env, { width: 1200 });
    await fillCase(page, c);
    const before = await values(page);
    assert.equal(before.step, 3);
    await page.reload();
    await waitReady(page);
    const afterReload = await values(page);
    assert.deepEqual(afterReload, before);
    assert.equal(await page.inputValue('#in-household_floor'), c.household.floor);
    assert.equal(await page.isChecked('#elevator-on'), true);
    await page.click('#nav-step-2');
    assert.equal(await page.isChecked('#item-water-pipelines-on'), true);
    assert.equal(await page.inputValue('#in-item_water-pipelines_unitPrice'), '185.5');
    // Also without the hash: localStorage alone restores the inputs.
    await page.click('#nav-step-3');
    await page.goto(env.server.url);
    await waitReady(page);
    assert.deepEqual(await values(page), before);
    await context.close();
  });

  test('a shared link restores the inputs in another browser', async () => {
    const c = CASES[2];
    const { page, context } = await openPage(env, { width: 1200 });
    await fillCase(page, c);
    await page.click('#share-btn');
    const link = await page.inputValue('#share-url');
    assert.match(link, /#s=[A-Za-z0-9_-]+$/);
    const before = await values(page);
    await context.close();

    const other = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const p2 = await other.newPage();
    await p2.goto(link);
    await waitReady(p2);
    assert.deepEqual(await values(p2), before);
    const g = gaizao();
    const { scenario } = expectedInputs(c, g.menu(c.policy));
    assert.equal(shownMoney((await values(p2)).total), g.estimate(c.policy, scenario).total);
    assert.match(await p2.textContent('#status'), /分享链接/);
    await other.close();
  });

  test('save as a .json file and open it again', async () => {
    const c = CASES[1];
    const { page, context } = await openPage(env, { width: 1200 });
    await fillCase(page, c);
    const before = await values(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-btn')]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    const data = JSON.parse(text);
    assert.equal(data.format, 'gaizao-page-inputs');
    assert.equal(data.inputs.estate.name, c.estate.name);
    assert.match(download.suggestedFilename(), /\.json$/);
    await context.close();

    const { page: p2, context: c2 } = await openPage(env, { width: 1200 });
    await p2.setInputFiles('#open-file', { name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await p2.waitForFunction((n) => document.querySelector('#in-name')?.value === n, c.estate.name);
    assert.deepEqual(await values(p2), before);
    // A file that is not ours is refused with a message, and nothing changes.
    await p2.setInputFiles('#open-file', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await p2.waitForFunction(() => /无法打开/.test(document.querySelector('#status').textContent));
    assert.deepEqual(await values(p2), before);
    await c2.close();
  });

  test('print gives a clean summary (print CSS)', async () => {
    const { page, context } = await openPage(env, { width: 800 });
    await fillCase(page, CASES[4]);
    await page.click('#nav-step-1');
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => {
      const vis = (sel) => { const el = document.querySelector(sel); return !!el && el.getClientRects().length > 0; };
      return {
        summary: vis('#print-summary'), result: vis('#step-3'), step1: vis('#step-1'), step2: vis('#step-2'),
        nav: vis('.steps'), actions: vis('#actions'), tools: vis('.tools'), inputs: vis('#in-household_floor'),
      };
    });
    assert.deepEqual(seen, { summary: true, result: true, step1: false, step2: false, nav: false, actions: false, tools: false, inputs: false });
    assert.match(await page.textContent('#print-summary'), /遂宁市船山区河东小区/);
    await page.screenshot({ path: shot('print-summary'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });
});

describe('private and strict', () => {
  test('an estate named like HTML is shown as text; no dialog, no <img>', async () => {
    const { page, context, log } = await openPage(env, { width: 1200 });
    await page.fill('#in-name', XSS);
    await page.fill('#in-district', '"><svg onload=alert(2)>');
    await page.click('#nav-step-3');
    assert.equal(await page.textContent('#result-for'), `${XSS}，按贵州省毕节市纳雍县的政策`);
    assert.match(await page.textContent('#print-summary'), /<img src=x onerror=alert\(1\)>/);
    // Through a shared link too.
    await page.click('#share-btn');
    const link = await page.inputValue('#share-url');
    const p2 = await context.newPage();
    p2.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    await p2.goto(link);
    await waitReady(p2);
    await page.waitForTimeout(300);
    for (const p of [page, p2]) {
      assert.equal(await p.locator('img').count(), 0, 'no <img> element');
      assert.equal(await p.evaluate(() => document.querySelectorAll('#app svg[onload], #app [onerror]').length), 0);
      assert.equal(await p.inputValue('#in-name'), XSS);
    }
    assert.deepEqual(log.dialogs, [], 'no dialog fired');
    await context.close();
  });

  test('no request leaves the origin and no console error, through every step and option', async () => {
    const { page, context, log } = await openPage(env, { width: 1200 });
    const origin = new URL(env.server.url).origin;
    for (const c of CASES) await fillCase(page, c);
    await page.selectOption('#in-compare', 'sichuan-panzhihua-2018');
    await page.click('#lang-btn');
    await page.click('#elderly-btn');
    await page.click('#size-up');
    await page.click('#share-btn');
    await Promise.all([page.waitForEvent('download'), page.click('#save-btn')]);
    for (const n of [1, 2, 3]) await page.click(`#nav-step-${n}`);
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    await page.reload();
    await waitReady(page);
    const foreign = log.requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'off-origin requests');
    assert.ok(log.requests.some((u) => u.endsWith('.wasm')), 'the wasm came from the same origin');
    assert.deepEqual(log.errors, [], 'page errors');
    assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), [], 'console errors');
    await context.close();
  });

  test('the server sends the CSP, nosniff and the right MIME types', async () => {
    const get = (p) => fetch(new URL(p, env.server.url));
    for (const [path, type] of [
      ['/', 'text/html'], ['/styles.css', 'text/css'], ['/js/app.js', 'text/javascript'],
      ['/pkg/gaizao_bg.wasm', 'application/wasm'], ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      assert.ok(r.headers.get('content-type').startsWith(type), `${path}: ${r.headers.get('content-type')}`);
      assert.equal(r.headers.get('content-security-policy'), CSP);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      await r.arrayBuffer();
    }
    const missing = await get('/nope.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-security-policy'), CSP);
    const escape = await get('/%2e%2e/package.json');
    assert.ok([403, 404].includes(escape.status), 'no way out of www/');
    assert.equal(CSP, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  });
});

describe('screenshots', () => {
  for (const elderly of [false, true]) {
    test(`every step at 360×780, ${elderly ? '长辈版' : 'normal'}`, async () => {
      const { page, context } = await openPage(env, { width: 360, height: 780, prefs: { lang: 'zh', elderly, size: null } });
      await fillCase(page, CASES[4]);
      await page.selectOption('#in-compare', 'sichuan-panzhihua-2018');
      const mode = elderly ? 'elderly' : 'normal';
      for (const n of [1, 2, 3]) {
        await page.click(`#nav-step-${n}`);
        // The first screen after moving to the step (the page scrolls to the step's heading) …
        await page.screenshot({ path: shot(`step${n}-${mode}-screen`) });
        // … and the whole step.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: shot(`step${n}-${mode}`), fullPage: true });
      }
      await page.click('#lang-btn');
      await page.click('#nav-step-3');
      await page.screenshot({ path: shot(`step3-${mode}-en`), fullPage: true });
      await context.close();
    });
  }
});
