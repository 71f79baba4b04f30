// The officials' planning view (www/plan.html) in Chromium, under the pages' strict CSP: the
// whole flow an official follows with Panzhihua's annex 1 — choose the pack, upload the sheet,
// check and correct the columns, read the totals, work through the audit to its rows, open a
// row, export and read the workbook back — with every figure compared to the command line's
// (`gaizao plan`, the same core natively); then a national-size list (220,000 rows) for the
// virtualised table. The expected answers come from the CLI, never from this file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClean, openPage, REPO, setup, shot, teardown } from './lib.mjs';

const XLSX = createRequire(import.meta.url)('xlsx');
const PZH = 'sichuan-panzhihua-2018';
const CLI = join(REPO, 'target/debug/gaizao');

let env;
let dir;
before(async () => {
  env = await setup();
  dir = mkdtempSync(join(tmpdir(), 'gaizao-plan-e2e-'));
  execFileSync('cargo', ['run', '--quiet', '--example', 'plan_fixtures', '--', dir], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
});
after(async () => {
  await teardown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `gaizao plan` JSON for a file (and extra arguments). */
function cli(file, ...args) {
  return JSON.parse(execFileSync(CLI, ['plan', '--policy', PZH, file, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Money as shown ("25,765.5 万元") → "25765.5". */
const figure = (text) => /-?[\d,]+(\.\d+)?/.exec(text ?? '')?.[0].replace(/,/g, '') ?? null;

async function openPlan(env, opts = {}) {
  const p = await openPage(env, `plan.html${opts.lang === 'en' ? '?lang=en' : ''}`, opts);
  await p.page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
  return p;
}

/** Chooses the pack (and waits for its words), then uploads `file`; resolves once assessed. */
async function upload(page, file) {
  await page.selectOption('#policy', PZH);
  await page.locator('#policy-status').waitFor();
  await page.evaluate(() => { delete document.body.dataset.state; });
  await page.setInputFiles('#file', file);
  await page.waitForSelector('body[data-state=assessed]', { timeout: 60000 });
  await page.locator('#audit-list li').first().waitFor();
}

/** The totals on screen, as figures. */
async function totals(page) {
  const text = async (sel) => figure(await page.locator(sel).innerText());
  const rows = async (sel) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  return {
    compounds: Number(await text('#t-compounds')),
    households: Number(await text('#t-households')),
    totalWan: await text('#t-total-wan'),
    total: await text('#t-total'),
    perHousehold: await text('#t-per-household'),
    shares: (await rows('#t-shares')).map((r) => [r[0], r[1].replace(/,/g, ''), r[2].replace(/,/g, '')]),
    years: (await rows('#t-byYear')).map((r) => Number(r[0])),
    districts: (await rows('#t-byDistrict')).map((r) => [r[0], Number(r[1]), r[3].replace(/,/g, '')]),
  };
}

/** The same from the CLI's JSON, with party names from its `parties`. */
function expectedTotals(want, lang = 'zh') {
  return {
    compounds: want.compounds,
    households: want.households,
    totalWan: want.totalWan,
    total: want.total,
    perHousehold: want.perHousehold,
    shares: want.shares.map((s) => [want.parties[s.party][lang], s.amount, s.amountWan]),
    years: want.byYear.map((y) => y.year),
    districts: want.byDistrict.map((d) => [d.district, d.compounds, d.totalWan]),
  };
}

describe('the planning view (plan.html)', () => {
  test('annex 1 as xlsx: columns, totals equal to the CLI, audit to its row, detail, export read back', async () => {
    const file = join(dir, 'annex.xlsx');
    const want = cli(file);
    const { page, context, log } = await openPlan(env, { width: 1280, height: 900 });
    // Nothing is chosen for the official.
    assert.equal(await page.locator('#policy').inputValue(), '');
    await upload(page, file);
    // The detected header row and column mapping, as the CLI reads them.
    assert.equal(await page.locator('#header-row').inputValue(), String(want.mapping.headerRow));
    for (const c of want.mapping.columns) {
      assert.equal(await page.locator(`#map-${c.index}`).inputValue(), c.target, `column ${c.letter}`);
    }
    assert.equal(await page.locator(`#unit-${want.mapping.columns.find((c) => c.target === 'investment').index}`).inputValue(), 'wanYuan');
    // Totals: 30 compounds, 13,785 households, 25,765.5 万元, three years, six districts.
    const shown = await totals(page);
    assert.deepEqual(shown, expectedTotals(want));
    assert.equal(shown.compounds, 30);
    assert.equal(shown.households, 13785);
    assert.equal(shown.totalWan, '25765.5');
    assert.deepEqual(shown.years, [2018, 2019, 2020]);
    assert.equal(shown.districts.length, 6);
    // The chart draws one bar per district, split by party.
    assert.equal(await page.locator('svg.chart rect').count(), want.byDistrict.reduce((n, d) => n + d.shares.filter((s) => s.amount !== '0.00').length, 0));
    // The audit lists row 25 (built 2007, after the cut-off) and row 8 (2000, the boundary year),
    // each in the CLI's words.
    const entry = (code, serial) => want.audit.find((e) => e.code === code && e.serial === serial);
    const late = entry('builtAfterCutoff', '25');
    const boundary = entry('builtInBoundaryYear', '8');
    assert.ok(late && boundary, 'the CLI lists both');
    const items = page.locator('#audit-list li');
    assert.equal(await items.count(), want.audit.length);
    const lateItem = items.filter({ hasText: late.message.zh });
    assert.equal(await lateItem.count(), 1);
    assert.equal(await items.filter({ hasText: boundary.message.zh }).count(), 1);
    // From the entry to its row: scrolled into the table and marked.
    await lateItem.getByRole('button').click();
    const hit = page.locator(`#rows-table tr.hit[data-row="${late.row}"]`);
    await hit.waitFor();
    assert.ok(await hit.isVisible());
    assert.equal(await hit.locator('.c-serial').innerText(), '25');
    assert.equal(await hit.locator('.c-verdict').innerText(), '不符合');
    const box = await hit.boundingBox();
    const view = await page.locator('.vt').boundingBox();
    assert.ok(box.y >= view.y && box.y + box.height <= view.y + view.height, 'the row is inside the visible part of the table');
    await page.screenshot({ path: shot('plan-1280-audit-row') });
    // Its detail: the findings with the CLI's texts.
    const detail = cli(file, '--detail').rows[late.row];
    await hit.locator('.c-name button').click();
    const dialog = page.locator('dialog.detail');
    await dialog.waitFor();
    assert.equal(await dialog.locator('h2').innerText(), detail.name);
    assert.match(await dialog.innerText(), new RegExp(detail.eligibility.texts.zh.summary.slice(0, 20).replace(/[()（）〔〕]/g, '.')));
    const failed = detail.eligibility.findings.find((f) => f.outcome === 'fail');
    assert.equal(await dialog.locator('li.outcome-fail').filter({ hasText: failed.texts.zh.message }).count(), 1);
    await dialog.screenshot({ path: shot('plan-1280-detail') });
    await dialog.getByRole('button', { name: '关闭' }).click();
    // Export: a Blob built in the Worker, downloaded, read back with SheetJS.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-xlsx').click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const book = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
    assert.deepEqual(book.SheetNames, ['明细', '汇总', '审核']);
    const [head, total] = XLSX.utils.sheet_to_json(book.Sheets['汇总'], { header: 1, raw: true });
    const cell = (name) => total[head.indexOf(name)];
    assert.equal(cell('小区数'), want.compounds);
    assert.equal(cell('户数'), want.households);
    assert.equal(cell('投资（元）'), Number(want.total));
    assert.equal(XLSX.utils.sheet_to_json(book.Sheets['审核']).length, want.audit.length);
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('a GBK CSV whose investment column has an unknown name: mapped by hand, in English at 390 px', async () => {
    const file = join(dir, 'annex-renamed-gbk.csv');
    const { page, context, log } = await openPlan(env, { width: 390, height: 844, lang: 'en' });
    await upload(page, file);
    const guessed = cli(file);
    const g = guessed.mapping.columns.find((c) => c.header === '计划资金(万元)');
    assert.equal(await page.locator(`#map-${g.index}`).inputValue(), 'ignored');
    assert.equal((await totals(page)).totalWan, guessed.totalWan, 'costed from the benchmark until the column is named');
    // The official names the column: investment, in 万元; the same bytes are read again.
    await page.selectOption(`#map-${g.index}`, 'investment');
    await page.selectOption(`#unit-${g.index}`, 'wanYuan');
    await page.evaluate(() => { delete document.body.dataset.state; });
    await page.locator('#reread').click();
    await page.waitForSelector('body[data-state=assessed]');
    const mapping = { ...guessed.mapping, columns: guessed.mapping.columns.map((c) => (c.index === g.index ? { ...c, target: 'investment', unit: 'wanYuan' } : c)) };
    const mappingFile = join(dir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify(mapping));
    const want = cli(file, '--mapping', mappingFile);
    assert.deepEqual(await totals(page), expectedTotals(want, 'en'));
    assert.equal(want.totalWan, '25765.5');
    assert.match(await page.locator('#s-input .read-line').innerText(), /GB18030/);
    // English throughout: the module's words, not the page's.
    const late = want.audit.find((e) => e.code === 'builtAfterCutoff');
    assert.equal(await page.locator('#audit-list li').filter({ hasText: late.message.en }).count(), 1);
    // Nothing wider than the phone's screen but the tables that scroll inside themselves.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: shot('plan-390-en'), fullPage: true });
    // Back to Chinese: the switch keeps the plan.
    await page.locator('button.lang').click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('#audit-list li').filter({ hasText: late.message.zh }).count(), 1);
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('220,000 rows: a progress bar, then a table that keeps under 200 row elements wherever it is scrolled', async () => {
    const districts = ['东区', '西区', '仁和区', '盐边县', '米易县', '钒钛高新区'];
    const lines = ['序号,小区名称,县(区),建成时间,户数,预计投资(万元),改造年度'];
    for (let i = 0; i < 220000; i++) lines.push(`${i + 1},第${i}号院小区,${districts[i % 6]},${1980 + (i % 20)},${50 + (i % 900)},${(100 + (i % 500)) / 2},${2021 + (i % 4)}`);
    const file = join(dir, 'national.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { page, context, log } = await openPlan(env, { width: 1280, height: 900 });
    await page.evaluate(() => {
      window.seen = [];
      new MutationObserver(() => window.seen.push(document.querySelector('.progress-label')?.textContent)).observe(document.querySelector('.progress'), { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await upload(page, file);
    assert.equal(await page.locator('#t-compounds').innerText(), '220,000');
    const seen = await page.evaluate(() => window.seen.filter(Boolean));
    assert.ok(seen.some((s) => /\d+%/.test(s)), `the progress bar moved: ${seen.slice(0, 5)}`);
    const table = page.locator('.vt');
    const rowsInDom = () => page.locator('#rows-table tbody tr.r').count();
    for (const at of [0, 0.5, 1]) {
      await table.evaluate((el, f) => { el.scrollTop = (el.scrollHeight - el.clientHeight) * f; }, at);
      // The scroll is drawn a frame later: wait for the rows drawn for this position, not the
      // ones still there from the last.
      await page.waitForFunction(() => { const vt = document.querySelector('.vt'); return vt.dataset.drawnTop === String(vt.scrollTop) && document.querySelectorAll('#rows-table tr.loading').length === 0 && document.querySelectorAll('#rows-table tr.r').length > 0; });
      const n = await rowsInDom();
      assert.ok(n > 10 && n < 200, `${n} row elements at ${at * 100}%`);
      const first = Number(await page.locator('#rows-table tbody tr.r .c-serial').first().innerText());
      assert.ok(Math.abs(first - at * 220000) < 100, `the rows drawn are those at ${at * 100}% (first: ${first})`);
    }
    // Sorted by investment, largest first, through the Worker.
    await page.locator('button.sort[data-sort=cost]').click();
    await page.locator('button.sort[data-sort=cost]').click();
    await page.waitForFunction(() => document.querySelector('th.c-cost')?.getAttribute('aria-sort') === 'descending' && document.querySelectorAll('#rows-table tr.loading').length === 0 && document.querySelector('#rows-table tr.r'));
    const costs = await page.$$eval('#rows-table tbody tr.r .c-cost', (tds) => tds.slice(0, 20).map((td) => Number(td.textContent.replace(/[^\d.]/g, ''))));
    assert.deepEqual(costs, [...costs].sort((a, b) => b - a));
    assert.equal(costs[0], 299.5);
    assertClean(assert, log, [env.origin]);
    await context.close();
  });

  test('the residents’ page links here and loads none of the planning code', async () => {
    const { page, context, log } = await openPage(env, '');
    await page.waitForFunction(() => document.querySelector('gaizao-calculator')?.hasAttribute('data-ready'), null, { timeout: 20000 });
    assert.equal(await page.locator('a[href="plan.html"]').count(), 1);
    assert.deepEqual(log.requests.filter((u) => /plan/.test(u)), []);
    assertClean(assert, log, [env.origin]);
    await context.close();
  });
});
