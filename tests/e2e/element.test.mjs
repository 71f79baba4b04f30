// <gaizao-calculator> in Chromium, under the pages' strict CSP (sent by scripts/serve.mjs).
// One browser for the whole file; each test opens its own context (own storage).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { assertClean, expected, measureShadow, openPage, ready, REPO, setup, shot, teardown } from './lib.mjs';

let env;
let calc;
before(async () => { env = await setup(); calc = await expected(); });
after(teardown);

const AXE = readFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PZH = 'sichuan-panzhihua-2018';
const SN = 'sichuan-suining-2020-draft';

/** The answers a share link carries: `#gz=z.<deflate-raw, base64url>` or `#gz=<base64url>`. */
function linkAnswers(url) {
  const value = new URLSearchParams(new URL(url).hash.slice(1)).get('gz');
  const bytes = value.startsWith('z.') ? inflateRawSync(Buffer.from(value.slice(2), 'base64url')) : Buffer.from(value, 'base64url');
  return JSON.parse(bytes.toString('utf8'));
}

/** Money as shown ("12,345.60 元") → "12345.60". */
const money = (text) => /-?[\d,]+\.\d{2}/.exec(text ?? '')?.[0].replace(/,/g, '') ?? null;

/** The last gaizao-result of the element matching `selector` after `action` (once `done`
 * holds for its detail). */
async function nextResult(page, selector, action, done) {
  await page.evaluate((s) => { const el = document.querySelector(s); el.addEventListener('gaizao-result', (e) => { el.lastDetail = JSON.parse(JSON.stringify({ ...e.detail, eligibility: null, estimate: null })); }); }, selector);
  await action();
  await page.waitForFunction(([s, f]) => { const d = document.querySelector(s).lastDetail; return d && new Function('d', `return ${f}`)(d); }, [selector, done]);
  return page.evaluate((s) => document.querySelector(s).lastDetail, selector);
}

async function axe(page, selector) {
  await page.evaluate(AXE); // CDP evaluation: not subject to the page's CSP
  const r = await page.evaluate(async (s) => {
    const res = await window.axe.run(document.querySelector(s), { resultTypes: ['violations'] });
    return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
  return r;
}

describe('a portal page with two calculators (portal.html)', () => {
  test('each element has its own pack, rules and correct amounts; prefill by property; no leaks', async () => {
    const { page, context, log } = await openPage(env, 'portal.html', { width: 1000 });
    await ready(page);
    const pzh = page.locator('#pzh gaizao-calculator');
    const sn = page.locator('#sn gaizao-calculator');
    // Own rules: Panzhihua asks about its gas company (a fact of its own pack), Suining does not.
    assert.equal(await pzh.getByText('由市煤气总公司供气').count(), 1);
    assert.equal(await sn.getByText('由市煤气总公司供气').count(), 0);
    assert.match(await pzh.locator('[part=place]').innerText(), /攀枝花/);
    assert.match(await sn.locator('[part=place]').innerText(), /遂宁/);
    // No chooser where the portal fixed the policy.
    assert.equal(await pzh.locator('[part=chooser]').count(), 0);
    // The prefilled facts gave a verdict at once, the core's own.
    const expectPzh = calc.check(PZH, { name: '林业大院', builtYear: '1990', households: '120' }, { lang: 'zh' });
    assert.equal(await pzh.locator('[part=verdict] .summary').innerText(), `?\n${expectPzh.texts.zh.summary}`.replace('?\n', (await pzh.locator('[part=verdict] .summary .icon').innerText()) + '\n'));
    // Amounts: both sides of the water meter, and greening.
    const detail = await nextResult(page, '#pzh gaizao-calculator', async () => {
      await pzh.getByLabel('供水', { exact: true }).check();
      const water = pzh.locator('.item[data-item=water-supply] .side');
      await water.nth(0).locator('input').first().fill('120000');
      await water.nth(1).locator('input').first().fill('60000');
      await pzh.getByLabel('房前屋后绿化美化', { exact: true }).check();
      await pzh.locator('.item[data-item=greening] input[type=number]').first().fill('10000');
    }, "d.total === '190000.00'");
    const want = calc.estimate(PZH, {
      estate: { name: '林业大院', builtYear: '1990', households: '120' },
      items: [{ item: 'water-supply', amount: '120000', segment: 'beforeMeter' }, { item: 'water-supply', amount: '60000', segment: 'afterMeter' }, { item: 'greening', amount: '10000' }],
    });
    assert.equal(detail.total, want.total);
    assert.deepEqual(detail.shares.map((s) => [s.party, s.amount]), want.shares.map((s) => [s.party, s.amount]));
    assert.equal(money(await pzh.locator('[part=estimate] .total').innerText()), want.total);
    const lines = await pzh.evaluate((e) => e.result.estimate.lines.map((l) => [l.item, l.segment ?? null, l.fundingRule]));
    assert.deepEqual(lines, want.lines.map((l) => [l.item, l.segment ?? null, l.fundingRule]), 'two lines for one pipeline item, one per meter side');
    // The other element is untouched and computes with its own pack.
    await sn.locator('.item[data-item=add-elevator] label.choice').click();
    await sn.locator('.item[data-item=add-elevator] input[type=number]').first().fill('400000');
    const snTotal = await sn.evaluate((e) => e.result.estimate.total);
    assert.equal(snTotal, calc.estimate(SN, { estate: { name: '南街小区', builtYear: '1996', households: '80' }, items: [{ item: 'add-elevator', amount: '400000' }] }).total);
    assert.equal(await pzh.evaluate((e) => e.result.estimate.total), want.total);
    assert.notEqual(await pzh.evaluate((e) => e.calculator), await sn.evaluate((e) => e.calculator));
    // No style leaks: the portal's `.portal-page main p { color: #006400 }` stays outside …
    const inside = await pzh.evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('p')).color);
    assert.notEqual(inside, 'rgb(0, 100, 0)');
    // … and the element's styles stay inside (a portal <p> keeps the portal's colour and size).
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main > p')).color), 'rgb(0, 100, 0)');
    // The portal's custom property reached the element's buttons.
    assert.equal(await pzh.evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('button')).borderTopColor), 'rgb(140, 17, 22)');
    await page.screenshot({ path: shot('portal-desktop'), fullPage: true });
    assertClean(assert, log, [env.origin]);
    await context.close();
  });
});

describe('the element on index.html', () => {
  test('nothing is chosen silently; the verdict comes with the first answer, before prices', async () => {
    const { page, context, log } = await openPage(env, '');
    await ready(page);
    const el = page.locator('gaizao-calculator');
    assert.equal(await el.locator('[part=chooser] select').inputValue(), '', 'no jurisdiction preselected');
    assert.equal(await el.locator('[part=questions]').count(), 0);
    await page.screenshot({ path: shot('index-390-start') });
    await el.locator('[part=chooser] select').selectOption(PZH);
    await el.locator('[part=questions]').waitFor();
    assert.equal(await el.locator('[part=verdict]').count(), 0, 'no verdict and no error before any input');
    assert.equal(await el.locator('.error:not([hidden])').count(), 0);
    await el.getByLabel('建成年份').fill('2010');
    await el.locator('[part=verdict]').waitFor();
    const want = calc.check(PZH, { builtYear: '2010' }, { lang: 'zh' });
    assert.equal(want.verdict, 'ineligible');
    assert.match(await el.locator('[part=verdict]').innerText(), new RegExp(want.texts.zh.summary.slice(0, 12)));
    assert.equal(await el.getByText('还需要了解').count(), 0, 'no "still needed" under a firm verdict');
    // Residents see resident questions only; the tallies sit behind "more details".
    assert.equal(await el.locator('[part=questions] > .field, [part=questions] > fieldset').filter({ hasText: '业主总人数' }).count(), 0);
    assert.ok(await el.locator('[part=questions] details').getByText('业主总人数').count());
    // Internal names never reach the screen.
    const text = await el.evaluate((e) => e.shadowRoot.textContent);
    for (const id of ['owners.voted', 'builtYears', 'scope-location', '本包', '（items）']) assert.ok(!text.includes(id), id);
    // An error names its field, beside the field.
    await el.getByLabel('建成年份').fill('3000');
    const err = el.locator('.field', { has: page.locator('input[id$="estate_builtYear"]') }).locator('.error');
    await err.waitFor();
    assert.match(await err.innerText(), /建成年份/);
    await page.screenshot({ path: shot('index-390-error'), fullPage: true });
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('attribute changes re-render (lang, policy, elderly); English reads naturally', async () => {
    const { page, context, log } = await openPage(env, '');
    await ready(page);
    const el = page.locator('gaizao-calculator');
    await el.evaluate((e) => { e.setAttribute('policy', 'henan-kaifeng-2019'); });
    await el.locator('[part=questions]').waitFor();
    assert.equal(await el.locator('[part=chooser]').count(), 0, 'a fixed policy hides the chooser');
    // A Chinese page never downloads the English words; switching to English fetches them once.
    const english = () => log.requests.filter((u) => u.endsWith('/element-en.js')).length;
    assert.equal(english(), 0, 'a Chinese page does not load element-en.js');
    await el.evaluate((e) => e.setAttribute('lang', 'en'));
    await el.getByText('Can our compound be renovated?').waitFor();
    assert.equal(english(), 1, 'English loads element-en.js once');
    assert.equal(await el.getByText('我们小区能改造吗？').count(), 0, 'no Chinese UI words left after the switch');
    await el.getByLabel('Year built').fill('1995');
    const v = el.locator('[part=verdict]');
    await v.waitFor();
    const summary = await v.locator('.summary').innerText();
    assert.match(summary.replace(/^\W+/, ''), /^[A-Z]/, 'sentences start with a capital');
    // Citations keep the Chinese document and say so.
    await v.locator('summary').first().click();
    const src = v.locator('.source').first();
    assert.equal(await src.locator('span[lang="zh-CN"]').count(), 1);
    assert.equal(await src.locator('.orig').innerText(), 'Chinese original');
    await page.screenshot({ path: shot('index-390-en'), fullPage: true });
    await el.evaluate((e) => e.setAttribute('elderly', ''));
    await el.locator('[part=screen]').waitFor();
    await el.evaluate((e, p) => e.setAttribute('policy', p), PZH);
    await el.getByText('Question 1 of', { exact: false }).waitFor();
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('household bill: elevator left out says so; edited shares recompute live and are marked', async () => {
    const { page, context, log } = await openPage(env, '');
    await ready(page);
    const el = page.locator('gaizao-calculator');
    await el.evaluate((e) => { e.setAttribute('policy', 'national'); });
    await el.locator('[part=questions]').waitFor();
    await el.getByLabel('加装电梯', { exact: true }).check();
    await el.locator('.item[data-item=add-elevator] input[type=number]').first().fill('500000');
    await el.getByLabel('户数', { exact: true }).fill('100');
    await el.getByLabel('我家住几楼').fill('4');
    const bill = el.locator('[part=bill]');
    await bill.waitFor();
    const want = calc.estimate('national', { estate: { households: '100' }, items: [{ item: 'add-elevator', amount: '500000' }], household: { floor: '4' } }, { lang: 'zh' });
    assert.equal(want.household.elevatorLeftOut, 'noFloorSplit');
    const billText = await bill.innerText();
    assert.ok(billText.includes(want.texts.zh.notes[want.notes.findIndex((n) => n.code === 'householdElevatorLeftOut')]), 'the bill says the elevator is left out, and why');
    assert.equal(await el.locator('.floor-row').count(), 0, 'no invented floors');
    // Edit the cost shares of the rule in use: live, marked as the person's own figures.
    await el.locator('[part=pay] > details > summary').click();
    await el.getByLabel('化粪池清淤').count(); // (nothing: national has no such item)
    await el.getByLabel('户数', { exact: true }).fill('100');
    await el.getByLabel('垃圾分类', { exact: false }).first().check().catch(() => {});
    const roofs = el.locator('.item[data-item=roof-repair]');
    await roofs.locator('label.choice').click();
    await roofs.locator('input[type=number]').first().fill('100000');
    // The share editor of the rule the roof line uses (基础类 in the national menu), named as
    // the core names it.
    const roofRule = calc.estimate('national', { estate: { households: '100' }, items: [{ item: 'roof-repair', amount: '100000' }] }, { lang: 'zh' }).lines[0].fundingRule;
    assert.equal(roofRule, 'general-basic');
    const rule = el.locator('fieldset.rule', { hasText: '基础类：' });
    await rule.waitFor();
    const before = await el.evaluate((e) => e.result.estimate.shares.find((s) => s.party === 'residents').amount);
    await rule.locator('input').last().fill('3');
    await page.waitForFunction(() => document.querySelector('gaizao-calculator').result.estimate.lines.some((l) => l.basis === 'edited'));
    const after = await el.evaluate((e) => e.result.estimate.shares.find((s) => s.party === 'residents').amount);
    assert.notEqual(after, before, 'recomputed without a button');
    await el.locator('[part=lines] summary').click();
    const line = el.locator('.line', { hasText: '屋面' });
    assert.match(await line.innerText(), /您自己的比例/);
    assert.doesNotMatch(await line.innerText(), /（假设）\s*$/);
    await page.screenshot({ path: shot('index-390-edited'), fullPage: true });
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('a draft is a status note, not a red ✗; share links are short and ask before replacing saved work', async () => {
    const { page, context, log } = await openPage(env, '');
    await ready(page);
    const el = page.locator('gaizao-calculator');
    await el.locator('[part=chooser] select').selectOption(SN);
    await el.locator('[part=questions]').waitFor();
    // An eligible compound under the draft: both consent stages of 三、（二） and 三、（四）
    // (each ⅔ of the area and ⅔ of the owners) are met, the application after a written
    // consultation.
    const estate = {
      builtYear: 1995, locationType: 'city', housingType: 'nonCommodity', facilitiesDeficient: true, demolitionPlanned: false, selfGovernance: true, longTermManagement: true,
      applicationConsent: { owners: { total: 90, inFavour: 80 }, area: { total: 9000, inFavour: 8000 } },
      consultedInWriting: true,
      planVote: { owners: { total: 90, voted: 85, inFavour: 80 }, area: { total: 9000, voted: 8500, inFavour: 8000 } },
    };
    await el.evaluate((e, x) => { e.estate = x; }, estate);
    const want = calc.check(SN, estate, { lang: 'zh' });
    assert.equal(want.verdict, 'eligible');
    const v = el.locator('[part=verdict]');
    await v.waitFor();
    assert.match(await v.getAttribute('class'), /eligible/);
    assert.equal(await v.locator('.status-note').innerText(), `ⓘ ${want.texts.zh.statusNote}`);
    assert.equal(await v.locator('.summary .icon').innerText(), '✓');
    // Save, then open a share link made elsewhere: asked, not overwritten.
    await el.getByRole('button', { name: '保存在本机' }).click();
    await el.getByLabel('我家住几楼').fill('6');
    await el.getByRole('button', { name: '复制分享链接' }).click();
    const link = await el.evaluate(() => new Promise((r) => { document.addEventListener('gaizao-share', (e) => r(e.detail.url), { once: true }); document.querySelector('gaizao-calculator').shadowRoot.querySelectorAll('footer button')[1].click(); }));
    assert.ok(link.length < 600, `link is short (${link.length})`);
    const shared = linkAnswers(link);
    assert.equal(shared.p, SN);
    assert.equal(shared.f['planVote.owners.inFavour'], '80', 'the answers travel in the link');
    assert.equal(shared.h, undefined, 'no household details unless chosen');
    assert.ok(!JSON.stringify(shared).includes('floor'), 'no household details unless chosen');
    const other = link.replace(/#.*/, '') + '#gz=' + Buffer.from(JSON.stringify({ p: SN, f: { builtYear: '1970' }, i: {} })).toString('base64url');
    await page.goto(other);
    await page.reload();
    await ready(page);
    const prompt = el.locator('[part=prompt]');
    await prompt.waitFor();
    assert.equal(await el.getByLabel('建成年份').inputValue(), '1995', 'saved work still shown until the person chooses');
    await prompt.getByRole('button', { name: '使用链接的内容' }).click();
    assert.equal(await el.getByLabel('建成年份').inputValue(), '1970');
    assertClean(assert, log, [env.origin]);
    await context.close();
    // The element's own (compressed) link opens on another device with the same answers.
    const elsewhere = await openPage(env, link.slice(env.origin.length + 1));
    await ready(elsewhere.page);
    const el2 = elsewhere.page.locator('gaizao-calculator');
    assert.equal(await el2.getByLabel('建成年份').inputValue(), '1995');
    await el2.locator('[part=verdict] .summary .icon').waitFor();
    assert.equal(await el2.locator('[part=verdict] .summary .icon').innerText(), '✓');
    assertClean(assert, elsewhere.log, [env.origin]);
    await elsewhere.context.close();
    // A link that cannot be opened here is said so, not dropped in silence: a compressed link on
    // a browser without DecompressionStream, and a link cut short.
    const path = link.slice(env.origin.length + 1);
    const cases = [
      ['no DecompressionStream', path, { fn: () => { delete globalThis.DecompressionStream; }, arg: null }, '本浏览器打不开'],
      ['cut short', path.slice(0, path.length - 40), undefined, '不完整或被改动过'],
    ];
    for (const [what, where, init, words] of cases) {
      const o = await openPage(env, where, { init });
      await ready(o.page);
      const notice = o.page.locator('gaizao-calculator').locator('[part=prompt]');
      await notice.waitFor();
      assert.match(await notice.innerText(), new RegExp(words), what);
      await notice.getByRole('button', { name: '知道了' }).click();
      assert.equal(await o.page.locator('gaizao-calculator').locator('[part=prompt]').count(), 0, `${what}: dismissed`);
      assertClean(assert, o.log, [env.origin]);
      await o.context.close();
    }
  });
});

describe('accessibility and 长辈版', () => {
  for (const elderly of [false, true]) {
    test(`axe inside the shadow root (${elderly ? '长辈版' : 'normal'})`, async () => {
      const { page, context } = await openPage(env, 'portal.html');
      await ready(page);
      if (elderly) await page.locator('#pzh gaizao-calculator').evaluate((e) => e.setAttribute('elderly', ''));
      const pzh = page.locator('#pzh gaizao-calculator');
      if (!elderly) {
        await pzh.getByLabel('供水', { exact: true }).check();
        await pzh.locator('.item[data-item=water-supply] .side input').first().fill('1000');
        await pzh.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
      }
      const found = await axe(page, '#pzh gaizao-calculator');
      assert.deepEqual(found, []);
      await context.close();
    });
  }

  test('长辈版 at 390 px: large text and targets, at most two screens a step, plain words', async () => {
    const { page, context, log } = await openPage(env, '');
    await ready(page);
    const el = page.locator('gaizao-calculator');
    await el.evaluate((e) => { e.setAttribute('elderly', ''); e.setAttribute('policy', 'henan-kaifeng-2019'); });
    await el.locator('[part=screen]').waitFor();
    let n = 0;
    for (; n < 40; n += 1) {
      const m = await el.evaluate((e, f) => new Function(`return (${f})`)()(e), measureShadow.toString());
      const small = m.texts.filter((x) => x.size < 18);
      assert.deepEqual(small, [], `screen ${n}: text ≥ 18 px`);
      const tiny = m.targets.filter((x) => x.h < 60 || x.w < 60);
      assert.deepEqual(tiny, [], `screen ${n}: targets ≥ 60 px`);
      assert.ok(m.texts.every((x) => x.ratio >= 4.5), `screen ${n}: contrast`);
      assert.ok(m.height <= 2 * 844, `screen ${n} is ${m.height} px: at most two screens`);
      const text = await el.evaluate((e) => e.shadowRoot.querySelector('[part=screen]').innerText);
      for (const jargon of ['专有部分总面积', '参与表决', '测算基准', '本政策审查此项', '像素']) assert.ok(!text.includes(jargon) || text.includes('按汴政办'), `no “${jargon}” on screen ${n}`);
      if (n === 0) await page.screenshot({ path: shot('elderly-390-question') });
      if (n === 0) await el.locator('input[type=number]').fill('1990');
      if (text.includes('我们小区能改造吗')) await page.screenshot({ path: shot('elderly-390-verdict'), fullPage: true });
      const next = el.locator('.nav button.primary');
      if (!(await next.count())) break;
      await next.click();
    }
    assert.ok(n > 8, `went through ${n} screens`);
    await page.screenshot({ path: shot('elderly-390-bill'), fullPage: true });
    assertClean(assert, log, [env.origin]);
    await context.close();
  });
});

describe('the iframe route (embed.html)', () => {
  test('resizes, posts results and takes prefill from the named origin only', async () => {
    // The portal on localhost, the calculator on 127.0.0.1: two origins.
    const { page, context, log } = await openPage(env, `portal.html?embed=${encodeURIComponent(env.origin + '/')}`, { origin: env.other, width: 1000 });
    const frame = page.frameLocator('#embed');
    await frame.locator('gaizao-calculator[data-ready]').waitFor();
    await page.waitForFunction(() => Number(document.getElementById('embed').height) !== 600, null, { timeout: 10000 });
    // The portal's prefill (builtYear 1988, 60 households) was taken and gave a verdict.
    await frame.locator('[part=verdict]').waitFor();
    await page.waitForFunction(() => document.getElementById('log').textContent.includes('henan-kaifeng-2019'));
    const h1 = Number(await page.locator('#embed').getAttribute('height'));
    await frame.locator('details summary').first().click();
    await page.waitForFunction((h) => Number(document.getElementById('embed').height) !== h, h1);
    assertClean(assert, log, [env.origin, env.other]);
    await context.close();
  });

  test('lang=en is English from the first screen (its words load with the module)', async () => {
    const { page, context, log } = await openPage(env, `embed.html?policy=${PZH}&lang=en`);
    await ready(page);
    const el = page.locator('gaizao-calculator');
    // Checked the moment it is ready, not waited for: the first screen is already English.
    assert.equal(await el.getByText('Can our compound be renovated?').count(), 1);
    assert.equal(await el.getByText('我们小区能改造吗？').count(), 0);
    assert.equal(log.requests.filter((u) => u.endsWith('/element-en.js')).length, 1);
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('ignores messages from an origin it was not given, and posts nothing there', async () => {
    const named = 'http://portal.invalid';
    const { page, context } = await openPage(env, `portal.html?embed=${encodeURIComponent(env.origin + '/')}&named=${encodeURIComponent(named)}`, { origin: env.other, width: 1000 });
    const frame = page.frameLocator('#embed');
    await frame.locator('gaizao-calculator[data-ready]').waitFor();
    await page.evaluate(() => document.getElementById('embed').contentWindow.postMessage({ type: 'gaizao:prefill', estate: { builtYear: 1980 } }, '*'));
    await page.waitForTimeout(500);
    assert.equal(await frame.locator('[part=verdict]').count(), 0, 'prefill from another origin ignored');
    assert.equal(await page.locator('#embed').getAttribute('height'), '600', 'no height posted to an origin other than the named one');
    assert.doesNotMatch(await page.locator('#log').innerText(), /henan-kaifeng/, 'no result posted to the wrong origin');
    await context.close();
  });
});
