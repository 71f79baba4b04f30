// For a compound under each of the five city packs: fill the form through the UI and check that
// the verdict, every rule line and every amount on screen equal the package's own answer (the
// Node build of gaizao, asked about the same input).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gaizao, openPage, setup, shownMoney, CITY_PACKS } from './lib.mjs';
import { CASES, expectedInputs, fillCase } from './cases.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function text(page, selector) {
  return (await page.locator(selector).first().textContent())?.trim();
}

describe('the five city packs: page = package', () => {
  test('every city pack has a case', () => {
    assert.deepEqual(CASES.map((c) => c.policy).sort(), [...CITY_PACKS].sort());
  });

  for (const c of CASES) {
    test(`${c.policy}: verdict, rules and amounts equal the package's answer`, async () => {
      const g = gaizao();
      const { estate, scenario } = expectedInputs(c, g.menu(c.policy));
      const elig = g.checkEligibility(c.policy, estate);
      const est = g.estimate(c.policy, scenario);

      const { page, context, log } = await openPage(env, { width: 1200 });
      await fillCase(page, c);

      // The document and, for the draft, the banner.
      const status = await page.getAttribute('#doc-status', 'data-status');
      assert.equal(status, g.policies().find((p) => p.id === c.policy).status);
      assert.equal(await page.locator('#draft-banner').count(), status === 'draftForComment' ? 1 : 0);

      // Verdict and one line per rule, in the package's order, with its reason and citation.
      await page.waitForSelector('#verdict');
      assert.equal(await page.getAttribute('#verdict', 'data-verdict'), elig.verdict, 'verdict');
      const rows = page.locator('#findings > li');
      assert.equal(await rows.count(), elig.findings.length, 'one line per rule');
      for (let i = 0; i < elig.findings.length; i += 1) {
        const f = elig.findings[i];
        const row = rows.nth(i);
        assert.equal(await row.getAttribute('data-rule'), f.rule);
        assert.equal(await row.getAttribute('data-outcome'), f.outcome, `outcome of ${f.rule}`);
        assert.equal((await row.locator('.message').textContent()).trim(), f.message.zh);
        const cite = (await row.locator('.cite').first().textContent()).trim();
        assert.equal(cite, [f.source.document, f.source.clause].filter(Boolean).join(' '));
      }
      assert.equal(await page.locator('#warnings > li').count(), elig.warnings.length, 'warnings');
      const provide = await page.locator('.provide-list li').evaluateAll((els) => els.map((e) => e.dataset.field));
      assert.deepEqual(provide, elig.toProvide, 'what to provide');

      // Money: total, per household, each party, each line, each line's shares.
      assert.equal(shownMoney(await text(page, '#total')), est.total, 'total');
      if (est.perHousehold) assert.equal(shownMoney(await text(page, '#per-household')), est.perHousehold);
      const parties = await page.locator('#party-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.party, tr.querySelector('.amount').textContent]));
      assert.deepEqual(parties.map(([p, a]) => [p, shownMoney(a)]), est.shares.map((s) => [s.party, s.amount]), 'per party');
      assert.equal(shownMoney(await text(page, '#total-cell')), est.total);
      const lines = page.locator('#lines > li');
      assert.equal(await lines.count(), est.lines.length, 'one card per line');
      for (let i = 0; i < est.lines.length; i += 1) {
        const l = est.lines[i];
        const card = lines.nth(i);
        assert.equal(await card.getAttribute('data-item'), l.item);
        assert.equal(shownMoney(await card.locator('.line-amount .amount').textContent()), l.amount, `line ${l.item}`);
        const shares = await card.locator('table.shares tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.party, tr.dataset.basis, tr.querySelector('.amount').textContent]));
        assert.deepEqual(shares.map(([p, b, a]) => [p, b, shownMoney(a)]), l.shares.map((s) => [s.party, s.basis, s.amount]), `shares of ${l.item}`);
      }
      // Assumptions listed as such.
      const assumed = await page.locator('#assumptions > li').evaluateAll((els) => els.map((e) => e.dataset.rule));
      assert.deepEqual(assumed, est.assumptions.map((a) => a.rule), 'assumptions');
      // My household's bill and the elevator split.
      if (est.household) {
        assert.equal(shownMoney(await text(page, '#bill-total')), est.household.total, 'household bill');
      } else {
        assert.equal(await page.locator('#bill').count(), 0);
      }
      if (est.elevator) {
        const floors = await page.locator('#elevator-table tbody tr').evaluateAll((trs) => trs.map((tr) => [Number(tr.dataset.floor), tr.querySelectorAll('.amount')[0].textContent, tr.querySelectorAll('.amount')[1].textContent]));
        assert.deepEqual(floors.map(([f, tot, per]) => [f, shownMoney(tot), shownMoney(per)]), est.elevator.floors.map((f) => [f.floor, f.total, f.perHousehold]), 'elevator floors');
      }
      if (est.benchmark?.amount) {
        assert.equal(await page.getAttribute('#benchmark-amount', 'data-amount'), est.benchmark.amount);
      }
      assert.deepEqual(log.errors, [], 'no page errors');
      assert.deepEqual(log.console.filter((m) => m.type === 'error' || m.type === 'warning'), [], 'no console errors');
      await context.close();
    });
  }
});

describe('validation messages beside their fields', () => {
  test('the page\'s own checks, in plain words, beside the field typed in', async () => {
    const { page, context } = await openPage(env, { width: 1200 });
    await page.fill('#in-households', '12.5');
    assert.match(await page.textContent('#err-households'), /整数/);
    assert.equal(await page.getAttribute('#in-households', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#in-households', 'aria-describedby'), /err-households/);
    await page.fill('#in-households', '１２０'); // full-width digits are understood
    assert.equal(await page.isHidden('#err-households'), true);
    await page.fill('#in-builtYear', '95');
    assert.match(await page.textContent('#err-builtYear'), /4 位年份/);
    await page.fill('#in-floorArea', '3,600.5');
    assert.equal(await page.isHidden('#err-floorArea'), true, 'thousands separators are fine');
    await page.fill('#in-floorArea', '三千');
    assert.match(await page.textContent('#err-floorArea'), /数字/);
    // The step-1 summary lists the problems with a way to each field.
    assert.equal(await page.isVisible('#step1-errors'), true);
    await context.close();
  });

  test('the package\'s errors are placed by their `field`', async () => {
    const g = gaizao();
    const { page, context } = await openPage(env, { width: 1200 });
    await page.fill('#in-owners_total', '50');
    await page.fill('#in-owners_voted', '40');
    await page.fill('#in-owners_inFavour', '45');
    let expected;
    try {
      g.checkEligibility('guizhou-nayong-2022', { owners: { total: 50, voted: 40, inFavour: 45 } });
    } catch (e) {
      expected = e.problems.find((p) => p.field === 'owners.inFavour');
    }
    assert.ok(expected, 'the package refuses it');
    assert.equal(await page.textContent('#err-owners_inFavour'), expected.message.zh);
    // Range the wrong way round → the message is beside the year range.
    await page.check('#rg-yearMode-1');
    await page.fill('#in-builtYears_from', '2000');
    await page.fill('#in-builtYears_to', '1990');
    await page.fill('#in-owners_inFavour', '30');
    assert.match(await page.textContent('#err-builtYears'), /builtYears|起始年份/);
    // An item's missing unit price and segment, beside the item's own fields.
    await page.fill('#in-builtYears_from', '1980');
    await page.click('#to-step2');
    await page.check('#item-water-pipelines-on');
    await page.fill('#in-item_water-pipelines_quantity', '100');
    assert.match(await page.textContent('#err-item_water-pipelines_unitPrice'), /单价/);
    assert.match(await page.textContent('#err-item_water-pipelines_segment'), /表前/);
    // My household's area larger than the compound's: the package's error, beside my area.
    await page.fill('#in-item_water-pipelines_unitPrice', '90');
    await page.check('#rg-item_water-pipelines_segment-1');
    await page.click('#nav-step-1');
    await page.fill('#in-floorArea', '100');
    await page.click('#nav-step-3');
    await page.fill('#in-household_area', '200');
    assert.match(await page.textContent('#err-household_area'), /household\.area|面积/);
    assert.equal(await page.isVisible('#step3-errors'), true);
    await context.close();
  });

  test('editing an assumption recomputes the split (scenario.fundingOverrides)', async () => {
    const g = gaizao();
    const c = CASES[3]; // Kaifeng, benchmark only: the catch-all split is an assumption
    const { page, context } = await openPage(env, { width: 1200 });
    await fillCase(page, c);
    const rule = await page.getAttribute('#assumptions > li', 'data-rule');
    const id = rule.replace(/[^A-Za-z0-9_-]/g, '_');
    await page.fill(`#in-override_${id}_0`, '6');
    await page.fill(`#in-override_${id}_1`, '3');
    await page.click(`#assume-apply-${id}`);
    const { scenario } = expectedInputs(c, g.menu(c.policy));
    const before = g.estimate(c.policy, scenario);
    const shares = before.assumptions.find((a) => a.rule === rule).shares.map((s, i) => ({ party: s.party, weight: i === 0 ? '6' : i === 1 ? '3' : s.weight }));
    const est = g.estimate(c.policy, { ...scenario, fundingOverrides: [{ rule, shares }] });
    await page.waitForSelector(`#assumptions > li[data-rule="${rule}"] .badge.edited`);
    const parties = await page.locator('#party-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.party, tr.querySelector('.amount').textContent]));
    assert.deepEqual(parties.map(([p, a]) => [p, shownMoney(a)]), est.shares.map((s) => [s.party, s.amount]));
    assert.notDeepEqual(est.shares, before.shares);
    // And back to the default.
    await page.click(`#assume-reset-${id}`);
    await page.waitForSelector(`#assumptions > li[data-rule="${rule}"]:not(:has(.badge.edited))`);
    const again = await page.locator('#party-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('.amount').textContent));
    assert.deepEqual(again.map(shownMoney), before.shares.map((s) => s.amount));
    await context.close();
  });
});

describe('comparison with a second pack', () => {
  test('verdicts, the same benchmark total and the items mapped by kind, each as the package answers', async () => {
    const g = gaizao();
    const c = CASES[2]; // Panzhihua
    const B = 'henan-kaifeng-2019';
    const { page, context } = await openPage(env, { width: 1200 });
    await fillCase(page, c);
    await page.selectOption('#in-compare', B);
    const { estate } = expectedInputs(c, g.menu(c.policy));
    const verdicts = await page.locator('#compare-verdicts tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => td.dataset.verdict));
    assert.deepEqual(verdicts, [g.checkEligibility(c.policy, estate).verdict, g.checkEligibility(B, estate).verdict]);
    // The same benchmark total split under each pack's catch-all rule.
    const benchA = g.estimate(c.policy, { estate, benchmark: 'national-average-2023', cityGasCompanyArea: false });
    const benchB = g.estimate(B, { estate, benchmark: 'national-average-2023' });
    assert.equal(benchA.total, benchB.total);
    const rowsOf = (id) => page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => [tr.dataset.party, ...[...tr.querySelectorAll('td')].map((td) => td.dataset.amount)]));
    const expectRows = (a, b) => {
      const parties = [...new Set([...a.shares, ...b.shares].map((s) => s.party))];
      const order = ['central', 'province', 'city', 'county', 'waterUtility', 'powerUtility', 'gasUtility', 'telecomUtility', 'heatUtility', 'propertyUnit', 'residents', 'maintenanceFund', 'socialCapital'];
      parties.sort((x, y) => order.indexOf(x) - order.indexOf(y));
      const amt = (e, p) => e.shares.find((s) => s.party === p)?.amount ?? '0';
      return parties.map((p) => [p, amt(a, p), amt(b, p)]);
    };
    assert.deepEqual(await rowsOf('compare-benchmark'), expectRows(benchA, benchB));
    // Pipeline items mapped by kind and meter side, at the same amounts; roads are not compared.
    const mappedA = g.estimate(c.policy, { estate, cityGasCompanyArea: false, items: [
      { item: 'water-supply', amount: '180060', segment: 'beforeMeter' },
      { item: 'gas-supply', amount: '46800', segment: 'afterMeter' },
    ] });
    const mappedB = g.estimate(B, { estate, items: [
      { item: 'water-supply', amount: '180060', segment: 'beforeMeter' },
      { item: 'gas-supply', amount: '46800', segment: 'afterMeter' },
    ] });
    assert.deepEqual(await rowsOf('compare-mapped'), expectRows(mappedA, mappedB));
    assert.match(await page.textContent('#compare-out'), /没有比较的项目：道路/);
    assert.match(await page.textContent('#compare-out'), /项目不能逐项对应/);
    await context.close();
  });
});
