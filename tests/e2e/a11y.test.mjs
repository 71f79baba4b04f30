// Accessibility: a keyboard-only pass through the three steps; 长辈版 measured (text ≥ 18 px,
// ≥ 30 px reachable with the size control, targets ≥ 60 px, contrast ≥ 4.5:1); normal mode
// targets ≥ 44 px; no horizontal scroll at 360 px; axe-core finds nothing serious or critical
// in normal or 长辈版, Chinese or English.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gaizao, measureScript, openPage, REPO, setup, shownMoney } from './lib.mjs';
import { CASES, fillCase } from './cases.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const AXE = readFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
async function tabTo(page, selector, { back = false, max = 250 } = {}) {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`keyboard focus never reached ${selector}`);
}

async function focused(page) {
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
}

const STEPS = [1, 2, 3];

async function measureSteps(page) {
  const out = {};
  for (const n of STEPS) {
    await page.click(`#nav-step-${n}`);
    out[n] = await page.evaluate(measureScript);
  }
  return out;
}

describe('keyboard only', () => {
  test('all three steps can be done with the keyboard alone', async () => {
    const { page, context, log } = await openPage(env, { width: 1200 });
    const policy = 'sichuan-panzhihua-2018';
    // Choose the pack: focus the select with Tab and move through its options with the arrows.
    await tabTo(page, '#policy-select');
    for (let i = 0; i < 8 && (await page.inputValue('#policy-select')) !== policy; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#policy-select'), policy);
    await page.waitForFunction(() => document.activeElement?.id === 'policy-select');

    // Step 1.
    await tabTo(page, '#in-name');
    await page.keyboard.type('键盘小区');
    await tabTo(page, '#in-builtYear');
    await page.keyboard.type('1990');
    await tabTo(page, '#in-locationType');
    await page.keyboard.press('ArrowDown'); // city
    await tabTo(page, '#in-housingType');
    await page.keyboard.press('ArrowDown'); // nonCommodity
    await tabTo(page, '#in-households');
    await page.keyboard.type('80');
    // A three-way radio: Tab lands on the checked one ("不清楚"); the arrows move the choice.
    await tabTo(page, '#rg-structurallySafe-2');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.isChecked('#rg-structurallySafe-0'), true, 'yes chosen with the arrows');
    await tabTo(page, '#in-owners_total');
    await page.keyboard.type('80');
    await tabTo(page, '#in-owners_inFavour');
    await page.keyboard.type('76');
    await tabTo(page, '#to-step2');
    await page.keyboard.press('Enter');
    assert.equal(await focused(page), 'step2-heading', 'focus moves to the new step');

    // Step 2: tick an item with Space, give quantity and price, choose the meter side.
    await tabTo(page, '#item-water-supply-on');
    await page.keyboard.press('Space');
    await tabTo(page, '#in-item_water-supply_quantity');
    await page.keyboard.type('80');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'in-item_water-supply_unitPrice');
    await page.keyboard.type('1200');
    await tabTo(page, '#rg-item_water-supply_segment-0');
    await page.keyboard.press('Space');
    await tabTo(page, '#to-step3');
    await page.keyboard.press('Enter');
    assert.equal(await focused(page), 'step3-heading');

    // Step 3: my household's floor, then back to step 1 through a "fill in" link and forward again.
    await tabTo(page, '#in-household_floor');
    await page.keyboard.type('4');
    const g = gaizao();
    const estate = {
      name: '键盘小区', builtYear: 1990, locationType: 'city', housingType: 'nonCommodity', households: 80,
      structurallySafe: true, owners: { total: 80, inFavour: 76 },
    };
    const expected = g.checkEligibility(policy, estate);
    const est = g.estimate(policy, { estate, items: [{ item: 'water-supply', quantity: '80', unitPrice: '1200', segment: 'beforeMeter' }], household: { floor: 4 } });
    assert.equal(await page.getAttribute('#verdict', 'data-verdict'), expected.verdict);
    assert.equal(shownMoney(await page.textContent('#total')), est.total);
    if (expected.toProvide.length) {
      await tabTo(page, '.provide-list button', { back: true });
      const field = await page.evaluate(() => document.activeElement.closest('li').dataset.field);
      assert.ok(expected.toProvide.includes(field));
      await page.keyboard.press('Enter');
      assert.equal(await page.isVisible('#step-1'), true, 'the link goes back to step 1');
      const id = await focused(page);
      assert.ok(id.includes(field.replace(/[^A-Za-z0-9_-]/g, '_')), `focus on the field to provide (${field}), got ${id}`);
    }
    // The header tools: 长辈版 toggles with Enter, and the size control answers the keyboard.
    await tabTo(page, '#elderly-btn', { back: true });
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#elderly-btn', 'aria-pressed'), 'true');
    await tabTo(page, '#size-up');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '24px');
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('every step shows a visible focus indicator', async () => {
    const { page, context } = await openPage(env, { width: 1200 });
    await tabTo(page, '#in-name');
    const style = await page.evaluate(() => {
      const cs = getComputedStyle(document.activeElement);
      return { outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), shadow: cs.boxShadow };
    });
    assert.equal(style.outline, 'solid');
    assert.ok(style.width >= 2, 'outline at least 2px');
    await context.close();
  });
});

describe('长辈版 (elderly mode)', () => {
  test('text ≥ 18 px, targets ≥ 60 px, contrast ≥ 4.5:1 on every step; ≥ 30 px reachable', async () => {
    for (const width of [1200, 360]) {
      const { page, context } = await openPage(env, { width, height: 780, prefs: { lang: 'zh', elderly: true, size: null } });
      await fillCase(page, CASES[2]);
      await page.selectOption('#in-compare', 'henan-kaifeng-2019');
      const m = await measureSteps(page);
      for (const n of STEPS) {
        const small = m[n].texts.filter((x) => x.size < 18);
        assert.deepEqual(small, [], `step ${n} at ${width}px: text under 18 px`);
        const low = m[n].texts.filter((x) => x.ratio < 4.5);
        assert.deepEqual(low, [], `step ${n} at ${width}px: contrast under 4.5:1`);
        const tiny = m[n].targets.filter((x) => Math.min(x.w, x.h) < 60);
        assert.deepEqual(tiny, [], `step ${n} at ${width}px: targets under 60 px`);
        assert.ok(m[n].rootSize >= 18);
      }
      // The size control reaches ≥ 30 px for body text.
      for (let i = 0; i < 10 && !(await page.isDisabled('#size-up')); i += 1) await page.click('#size-up');
      const big = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.intro, p')).fontSize));
      assert.ok(big >= 30, `largest body text ${big}px`);
      const bigBody = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      assert.ok(bigBody >= 30);
      // And it goes back down, but never under 18 px in 长辈版.
      for (let i = 0; i < 10 && !(await page.isDisabled('#size-down')); i += 1) await page.click('#size-down');
      assert.ok(parseFloat(await page.evaluate(() => getComputedStyle(document.body).fontSize)) >= 18);
      await context.close();
    }
  });

  test('no pop-ups: the page opens no dialog and no window', async () => {
    const { page, context, log } = await openPage(env, { width: 360, prefs: { lang: 'zh', elderly: true, size: null } });
    let popups = 0;
    page.on('popup', () => { popups += 1; });
    await fillCase(page, CASES[0]);
    await page.click('#reset-btn');
    await page.click('#reset-no');
    assert.equal(log.dialogs.length, 0);
    assert.equal(popups, 0);
    await context.close();
  });
});

describe('normal mode', () => {
  test('targets ≥ 44 px and contrast ≥ 4.5:1 on every step, at 1200 and 360 px', async () => {
    for (const width of [1200, 360]) {
      const { page, context } = await openPage(env, { width, height: 780 });
      await fillCase(page, CASES[0]);
      await page.selectOption('#in-compare', 'sichuan-panzhihua-2018');
      const m = await measureSteps(page);
      for (const n of STEPS) {
        const tiny = m[n].targets.filter((x) => Math.min(x.w, x.h) < 44);
        assert.deepEqual(tiny, [], `step ${n} at ${width}px: targets under 44 px`);
        const low = m[n].texts.filter((x) => x.ratio < 4.5);
        assert.deepEqual(low, [], `step ${n} at ${width}px: contrast under 4.5:1`);
      }
      await context.close();
    }
  });

  test('360 px wide: no horizontal scroll on any step, normal or 长辈版, zh or en', async () => {
    for (const prefs of [
      { lang: 'zh', elderly: false, size: null },
      { lang: 'en', elderly: false, size: null },
      { lang: 'zh', elderly: true, size: null },
      { lang: 'en', elderly: true, size: 5 },
    ]) {
      const { page, context } = await openPage(env, { width: 360, height: 780, prefs });
      await fillCase(page, CASES[4]);
      await page.selectOption('#in-compare', 'henan-puyang-2020');
      for (const n of STEPS) {
        await page.click(`#nav-step-${n}`);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(w <= 360, `step ${n} ${JSON.stringify(prefs)}: scrollWidth ${w}`);
      }
      await context.close();
    }
  });
});

describe('axe-core', () => {
  test('page.addScriptTag is refused by the CSP (inline script); axe is injected with page.evaluate instead', async () => {
    const { page, context } = await openPage(env, { width: 1200 });
    try {
      await page.addScriptTag({ path: join(REPO, 'node_modules/axe-core/axe.min.js') });
    } catch { /* refused */ }
    assert.equal(await page.evaluate(() => typeof window.axe), 'undefined', 'the CSP blocks the inline <script> that addScriptTag({path}) makes');
    await page.evaluate(AXE);
    assert.equal(await page.evaluate(() => typeof window.axe), 'object');
    await context.close();
  });

  for (const prefs of [
    { lang: 'zh', elderly: false, size: null },
    { lang: 'en', elderly: false, size: null },
    { lang: 'zh', elderly: true, size: null },
    { lang: 'en', elderly: true, size: null },
  ]) {
    test(`no serious or critical violation: ${prefs.lang}, ${prefs.elderly ? '长辈版' : 'normal'}`, async () => {
      const { page, context } = await openPage(env, { width: 1200, prefs });
      await fillCase(page, CASES[1]);
      await page.selectOption('#in-compare', 'henan-kaifeng-2019');
      await page.evaluate(AXE);
      for (const n of STEPS) {
        await page.click(`#nav-step-${n}`);
        // Open every <details>, so that what they hold is checked too.
        await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
        });
        const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, [], `step ${n}: ${JSON.stringify(result)}`);
      }
      await context.close();
    });
  }
});
