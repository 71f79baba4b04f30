// The officials' planning view (plan.html): presentation only. A Web Worker
// (pkg/plan-worker.js, one Planner) reads the plan, assesses it, pages through its rows and its
// audit and builds the exports; this file sends it requests and draws what comes back. Every
// word about the plan (verdicts, sources, bases, parties, column targets, audit codes and
// sentences, findings) comes from the module; the page's own words are in ./plan-words.js, the
// Worker protocol in ./plan-client.js, the element and number-text helpers in ./plan-dom.js.
// No number is computed here beyond what drawing needs (bar lengths, a percentage shown).

import { t as words } from './plan-words.js';
import { Client } from './plan-client.js';
import { bytesText, fill, group, h, s, wanOf } from './plan-dom.js';

const ROW_H = 40; // px: every row of the table has this height (plan.css), so the table can be virtualised
const BLOCK = 100; // rows fetched from the Worker at a time
const OVERSCAN = 8; // rows drawn above and below the visible ones
const AUDIT_PAGE = 100;

// ---------- state ----------

const params = new URLSearchParams(location.search);
const state = {
  lang: params.get('lang') === 'en' ? 'en' : 'zh',
  builtIn: [],
  policy: '',
  vocab: null,
  source: null, // { kind: 'file', name, size } | { kind: 'paste' }
  read: null, // { grid, plan }
  summary: null,
  mapping: null, // the mapping the person edited (null: guessed)
  busy: false,
  error: null,
  query: { sort: 'line', descending: false, verdict: '', district: '', year: '', audit: '', text: '' },
  auditQuery: { severity: '', code: '' },
  audit: null, // { matching, byCode, entries }
  hit: null, // the row found from an audit entry
};
const client = new Client(new URL('./pkg/plan-worker.js', import.meta.url));

const tr = (key, vars) => words(state.lang, key, vars);
const colon = () => (state.lang === 'en' ? ': ' : '：');
const paren = (text, aside) => (state.lang === 'en' ? `${text} (${aside})` : `${text}（${aside}）`);
const tx = (text) => (text ? (text[state.lang] ?? text.zh ?? '') : '');
const word = (list, id) => tx(state.vocab?.[list]?.find((w) => w.id === id)?.label) || id;
const column = (id) => word('columns', id);

// ---------- the page's frame ----------

const $ = {};
function frame() {
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  document.title = tr('title');
  const other = state.lang === 'en' ? 'zh' : 'en';
  const app = document.getElementById('app');
  $.progress = h('div', { class: 'progress', hidden: true },
    h('p', { id: 'progress-label', role: 'status', class: 'progress-label' }),
    h('progress', { max: '100', value: '0', 'aria-labelledby': 'progress-label' }));
  $.errors = h('div', { class: 'errors', role: 'alert' });
  $.input = h('section', { id: 's-input', 'aria-labelledby': 'h-input' });
  $.mapping = h('section', { id: 's-mapping', 'aria-labelledby': 'h-mapping', hidden: true });
  $.totals = h('section', { id: 's-totals', 'aria-labelledby': 'h-totals', hidden: true });
  $.audit = h('section', { id: 's-audit', 'aria-labelledby': 'h-audit', hidden: true });
  $.rows = h('section', { id: 's-rows', 'aria-labelledby': 'h-rows', hidden: true });
  $.export = h('section', { id: 's-export', 'aria-labelledby': 'h-export', hidden: true });
  $.dialog = h('dialog', { class: 'detail', 'aria-labelledby': 'h-detail' });
  fill(app, 
    h('header', { class: 'top' },
      h('div', { class: 'top-text' },
        h('h1', { text: tr('title') }),
        h('p', { text: tr('subtitle') })),
      h('nav', { 'aria-label': tr('title') },
        h('a', { href: 'index.html', text: tr('backToCalculator') }),
        h('button', { type: 'button', class: 'lang', lang: other === 'en' ? 'en' : 'zh-CN', title: tr('languageName'), text: tr('language'), on: { click: () => switchLang(other) } }))),
    $.input, $.progress, $.errors, $.mapping, $.totals, $.audit, $.rows, $.export,
    h('footer', {}, h('p', { text: tr('privacy') })),
    $.dialog,
  );
  renderInput();
  renderErrors();
  if (state.summary) renderAll();
}

function switchLang(lang) {
  state.lang = lang;
  const url = new URL(location.href);
  if (lang === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  history.replaceState(null, '', url);
  const keep = $.scroller?.scrollTop ?? 0;
  frame();
  if ($.scroller) $.scroller.scrollTop = keep;
}

// ---------- 1. the pack and the file ----------

function renderInput() {
  const packs = state.builtIn;
  const select = h('select', { id: 'policy', on: { change: () => choosePolicy(select.value) } },
    h('option', { value: '', text: tr('choosePolicy') }),
    packs.map((p) => h('option', { value: p.id, selected: p.id === state.policy, text: paren(tx(p.name), p.documentNumber) })));
  const status = packs.find((p) => p.id === state.policy)?.status;
  const fileInput = h('input', { type: 'file', id: 'file', accept: '.xlsx,.xls,.ods,.csv,.tsv,.txt', on: { change: () => fileInput.files[0] && openFile(fileInput.files[0]) } });
  const drop = h('label', { class: 'drop', for: 'file' },
    h('span', { class: 'drop-main', text: tr('dropHere') }),
    h('span', { class: 'help', text: tr('fileHelp') }));
  for (const ev of ['dragenter', 'dragover']) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
  for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) openFile(f);
  });
  const area = h('textarea', { id: 'paste', rows: '4', spellcheck: 'false' });
  fill($.input, 
    h('h2', { id: 'h-input', text: `1 ${tr('step1')}` }),
    h('div', { class: 'field' },
      h('label', { for: 'policy', text: tr('policy') }), select,
      status ? h('p', { class: 'help', id: 'policy-status', text: tr('policyStatus', { status: word('statuses', status) }) }) : null),
    h('div', { class: 'field' },
      h('span', { class: 'label', id: 'file-label', text: tr('file') }), drop, fileInput),
    h('details', { class: 'paste' },
      h('summary', { text: tr('paste') }),
      h('label', { for: 'paste', text: tr('pasteLabel') }), area,
      h('button', { type: 'button', text: tr('readPasted'), on: { click: () => openPasted(area.value) } })),
    state.read ? h('p', { class: 'read-line', text: readLine() }) : null,
  );
}

function readLine() {
  const src = state.read.plan.source;
  const detail = [src.sheet ? tr('sheet', { sheet: src.sheet }) : '', src.encoding ? tr('encoding', { encoding: src.encoding }) : ''].filter(Boolean).join(state.lang === 'en' ? ', ' : '，');
  const format = { xlsx: 'Excel (.xlsx)', xls: 'Excel (.xls)', ods: 'ODS', text: 'CSV/TSV' }[src.format] ?? src.format;
  return tr('fileRead', {
    name: state.source?.kind === 'file' ? state.source.name : tr('pasted'),
    format,
    detail: detail ? (state.lang === 'en' ? ` (${detail})` : `（${detail}）`) : '',
    rows: group(String(state.read.plan.rows)),
  });
}

async function choosePolicy(id) {
  state.policy = id;
  state.vocab = null;
  if (id) {
    try {
      state.vocab = await client.call('vocabulary', { policy: id });
    } catch (e) {
      return fail(e);
    }
  }
  renderInput();
  // A plan already read is assessed again under the new pack; one being read is, when it ends.
  if (id && state.read && !state.busy) run('reread', { policy: id, mapping: state.mapping });
}

function openFile(file) {
  // User Timing marks (file chosen → totals drawn): benches/plan-browser.mjs reads them.
  performance.mark('plan:file');
  state.source = { kind: 'file', name: file.name, size: file.size };
  state.mapping = null;
  if (!state.policy) return fail(null, tr('needPolicy'));
  run('open', { policy: state.policy, file, name: file.name });
}

function openPasted(text) {
  if (!text.trim()) return fail(null, tr('needFile'));
  state.source = { kind: 'paste' };
  state.mapping = null;
  if (!state.policy) return fail(null, tr('needPolicy'));
  run('paste', { policy: state.policy, text });
}

/** Where each stage starts and ends on the bar (the sheet's parsing dominates a workbook). */
function stages() {
  const heavy = state.source?.kind === 'file' && /\.(xlsx|xls|ods)$/i.test(state.source.name);
  return heavy
    ? { pack: [0, 2], load: [2, 6], grid: [6, 70], rows: [70, 80], assess: [80, 100] }
    : { pack: [0, 2], load: [2, 6], grid: [6, 30], rows: [30, 55], assess: [55, 100] };
}

function showProgress(p) {
  const [from, to] = stages()[p.stage] ?? [0, 0];
  const part = p.total > 0 ? p.done / p.total : 0;
  const value = Math.round(from + (to - from) * part);
  $.progress.hidden = false;
  $.progress.querySelector('progress').value = value;
  $.progress.querySelector('.progress-label').textContent = `${tr(`stage_${p.stage}`)}… ${value}%`;
}

async function run(type, args) {
  state.busy = true;
  state.error = null;
  renderErrors();
  const started = performance.now();
  const timer = setTimeout(() => showProgress({ stage: 'pack', done: 0, total: 1 }), 150);
  try {
    const out = await client.call(type, args, { onProgress: showProgress });
    state.read = { grid: out.grid, plan: out.plan };
    state.summary = out.summary;
    state.timings = { ...out.timings, page: Math.round(performance.now() - started) };
    state.query = { sort: 'line', descending: false, verdict: '', district: '', year: '', audit: '', text: '' };
    state.auditQuery = { severity: '', code: '' };
    state.hit = null;
    renderInput();
    const drawn = renderAll();
    performance.mark('plan:totals');
    await drawn;
    await loadAudit();
    document.body.dataset.state = 'assessed';
  } catch (e) {
    fail(e);
  } finally {
    clearTimeout(timer);
    state.busy = false;
    $.progress.hidden = true;
  }
  if (state.read && state.policy && args.policy !== state.policy) run('reread', { policy: state.policy, mapping: state.mapping });
}

/** Shows the module's problems (each `{code, field, message: {zh, en}}`), or one of the page's
 * own sentences. */
function fail(e, text) {
  state.error = text ? [{ text }] : (e?.problems ?? [{ text: String(e) }]);
  renderErrors();
}

function renderErrors() {
  if (!$.errors) return;
  const list = state.error ?? [];
  fill($.errors, list.length
    ? h('div', { class: 'error-box' },
      h('p', { class: 'error-title', text: tr('errorTitle') }),
      h('ul', {}, list.map((p) => h('li', { text: p.text ?? tx(p.message) }))))
    : '');
}

/** Draws every section; the totals first, the audit, rows and export a frame later, so that
 * no single task of the main thread lays out the whole page (a national list's first screen
 * stays responsive). Resolves when all are drawn. */
function renderAll() {
  for (const k of ['mapping', 'totals']) $[k].hidden = false;
  renderMapping();
  renderTotals();
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => {
      for (const k of ['audit', 'rows', 'export']) $[k].hidden = false;
      renderAuditList();
      renderRows();
      renderExport();
      resolve();
    }, 0));
  });
}

// ---------- 2. the header and the columns ----------

function renderMapping() {
  const m = state.read.plan.mapping;
  const targets = state.vocab?.targets ?? [];
  const units = state.vocab?.units ?? [];
  const groups = [['plan'], ['fact'], ['packFact'], ['ignored']];
  const headerRow = h('input', { type: 'number', id: 'header-row', min: '1', step: '1', value: String(m.headerRow), inputmode: 'numeric' });
  const rows = m.columns.map((c) => {
    const id = `map-${c.index}`;
    const target = h('select', { id, 'data-index': String(c.index), class: 'target' },
      groups.map(([g]) => {
        const opts = targets.filter((x) => x.group === g);
        return opts.length ? h('optgroup', { label: tr(`targets_${g}`) },
          opts.map((x) => h('option', { value: x.key, selected: x.key === c.target, text: tx(x.label) }))) : null;
      }),
      targets.some((x) => x.key === c.target) ? null : h('option', { value: c.target, selected: true, text: c.target }));
    const unitFor = (key) => targets.find((x) => x.key === key)?.units;
    const unit = h('select', { id: `unit-${c.index}`, class: 'unit', 'aria-label': `${tr('unit')} ${c.letter}` });
    const fillUnits = () => {
      const kind = unitFor(target.value);
      fill(unit, ...units.filter((u) => u.kind === kind).map((u) => h('option', { value: u.id, selected: u.id === c.unit, text: tx(u.label) })));
      unit.hidden = !kind;
    };
    target.addEventListener('change', fillUnits);
    fillUnits();
    return h('tr', {},
      h('td', { class: 'letter', text: c.letter }),
      h('td', { class: 'hdr' }, h('label', { for: id, text: c.header })),
      h('td', {}, target),
      h('td', {}, unit));
  });
  const subtotals = state.read.plan.subtotals ?? [];
  const notes = state.read.plan.notes ?? [];
  fill($.mapping, 
    h('h2', { id: 'h-mapping', text: `2 ${tr('step2')}` }),
    h('p', { class: 'help', text: tr('mappingHelp') }),
    h('div', { class: 'field inline' }, h('label', { for: 'header-row', text: tr('headerRow') }), headerRow),
    h('div', { class: 'scroll-x' },
      h('table', { class: 'mapping' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: tr('column') }), h('th', { scope: 'col', text: tr('header') }), h('th', { scope: 'col', text: tr('readAs') }), h('th', { scope: 'col', text: tr('unit') }))),
        h('tbody', {}, rows))),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'reread', text: tr('reread'), on: { click: () => reread(headerRow) } }),
      h('button', { type: 'button', text: tr('guessAgain'), on: { click: () => { state.mapping = null; run('reread', { policy: state.policy, mapping: null }); } } })),
    subtotals.length ? h('p', { class: 'help' }, `${tr('subtotals')}${colon()}`, subtotals.map((x) => tr('subtotalLine', { line: x.line, label: x.label })).join(state.lang === 'en' ? '; ' : '；')) : null,
    notes.length ? h('p', { class: 'help' }, `${tr('notes')}${colon()}`, notes.map((n) => n.text).join(' / ')) : null,
  );
}

function reread(headerRow) {
  const m = state.read.plan.mapping;
  const columns = m.columns.map((c) => {
    const target = $.mapping.querySelector(`#map-${c.index}`).value;
    const unitSel = $.mapping.querySelector(`#unit-${c.index}`);
    const col = { index: c.index, header: c.header, target };
    if (!unitSel.hidden && unitSel.value) col.unit = unitSel.value;
    return col;
  });
  const n = Number(headerRow.value);
  state.mapping = { headerRow: Number.isInteger(n) && n > 0 ? n : m.headerRow, columns };
  run('reread', { policy: state.policy, mapping: state.mapping });
}

// ---------- 3. totals ----------

const PARTY_COLOURS = ['#1f5fa8', '#d0782a', '#3b8f4e', '#8c4fa8', '#b3343c', '#2b8c8c', '#7a6a2a', '#c2578f', '#4f5b66', '#6b8f1f', '#a86b1f', '#1f3f8c'];

function partyName(id) {
  return tx(state.summary.parties?.[id]) || word('parties', id);
}

function money(yuan, wan) {
  return h('span', { class: 'money' },
    h('span', { class: 'yuan', text: `${group(yuan)} ${tr('yuan')}` }),
    h('span', { class: 'wan', text: `${group(wan ?? wanOf(yuan))} ${tr('wan')}` }));
}

function renderTotals() {
  const S = state.summary;
  const card = (label, ...value) => h('div', { class: 'card' }, h('p', { class: 'card-label', text: label }), h('p', { class: 'card-value' }, ...value));
  const verdicts = ['eligible', 'ineligible', 'undetermined'].map((v) => h('li', { class: `v-${v}` }, h('span', { text: word('verdicts', v) }), ' ', h('strong', { text: group(String(S.verdicts[v])) })));
  const totalNum = Number(S.total);
  // Each cell carries its column's name, which a phone shows beside the value (one card a payer).
  const shares = S.shares.map((sh, i) => h('tr', {},
    h('th', { scope: 'row' }, h('span', { class: `swatch c${i % PARTY_COLOURS.length}`, 'aria-hidden': 'true' }), partyName(sh.party)),
    h('td', { class: 'num', 'data-label': tr('amount'), text: group(sh.amount) }),
    h('td', { class: 'num', 'data-label': tr('amountWan'), text: group(sh.amountWan) }),
    h('td', { class: 'num', 'data-label': tr('shareOf'), text: totalNum > 0 ? `${(Number(sh.amount) / totalNum * 100).toFixed(1)}%` : '—' }),
    h('td', { 'data-label': tr('basis'), text: word('bases', sh.basis) })));
  const bench = S.benchmark;
  fill($.totals, 
    h('h2', { id: 'h-totals', text: `3 ${tr('step3')}` }),
    h('div', { class: 'cards' },
      card(column('compounds'), h('strong', { id: 't-compounds', text: group(String(S.compounds)) })),
      card(tr('households'), h('strong', { id: 't-households', text: group(String(S.households)) }), S.householdsMissing ? h('span', { class: 'small', text: tr('householdsMissing', { count: S.householdsMissing }) }) : null),
      card(tr('investment'), h('strong', { id: 't-total-wan', text: `${group(S.totalWan)} ${tr('wan')}` }), h('span', { id: 't-total', class: 'small', text: `${group(S.total)} ${tr('yuan')}` })),
      card(tr('perHousehold'), h('strong', { id: 't-per-household', text: S.perHousehold ? `${group(S.perHousehold)} ${tr('yuan')}` : '—' }), S.medianPerHousehold ? h('span', { class: 'small', text: `${tr('median')} ${group(S.medianPerHousehold)} ${tr('yuan')}` }) : null)),
    h('p', { class: 'help' }, `${tr('stated')} ${group(S.stated)} ${tr('yuan')}`, state.lang === 'en' ? '; ' : '；', `${tr('estimated')} ${group(S.estimated)} ${tr('yuan')}`, S.uncosted ? `${state.lang === 'en' ? '; ' : '；'}${tr('uncosted')} ${S.uncosted}` : ''),
    bench && S.estimated !== '0.00' ? h('p', { class: 'help' }, `${tr('benchmark')}${colon()}${tx(bench.label)} ${group(bench.intensity)} ${tr('yuan')}`) : null,
    h('h3', { text: tr('verdicts') }),
    h('ul', { class: 'verdicts', id: 't-verdicts' }, verdicts),
    h('h3', { text: tr('shares') }),
    h('div', { class: 'scroll-x' },
      h('table', { class: 'data', id: 't-shares' },
        h('thead', {}, h('tr', {}, ['party', 'amount', 'amountWan', 'shareOf', 'basis'].map((k) => h('th', { scope: 'col', text: tr(k) })))),
        h('tbody', {}, shares))),
    chart(S),
    groupTable('byDistrict', S.byDistrict, (g) => g.district ?? tr('none')),
    groupTable('byYear', S.byYear, (g) => (g.year ?? tr('none'))),
    pivot(S),
  );
}

/** Investment by district, each bar split by party (hand-made SVG: no chart library needed). */
function chart(S) {
  const groups = S.byDistrict;
  const max = Math.max(1, ...groups.map((g) => Number(g.total)));
  // Drawn for the screen it is on: a phone's chart is narrower (its text keeps its size instead
  // of shrinking with a wide drawing, and nothing scrolls sideways).
  const narrow = window.matchMedia?.('(max-width: 40rem)').matches ?? false;
  const labelW = narrow ? 78 : 110;
  const width = narrow ? 340 : 640;
  const barW = width - labelW - (narrow ? 58 : 100);
  const rowH = 26;
  const height = groups.length * rowH + 8;
  const parties = S.shares.map((x) => x.party);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title', class: 'chart', preserveAspectRatio: 'xMinYMin meet' });
  groups.forEach((g, i) => {
    const y = i * rowH + 4;
    const name = g.district ?? tr('none');
    const most = narrow ? 5 : 8;
    svg.append(s('text', { x: labelW - 6, y: y + rowH / 2 + 1, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'chart-label' }, document.createTextNode(name.length > most ? `${name.slice(0, most - 1)}…` : name)));
    let x = labelW;
    for (const sh of g.shares) {
      const w = (Number(sh.amount) / max) * barW;
      if (w <= 0) continue;
      const k = parties.indexOf(sh.party);
      const rect = s('rect', { x: x.toFixed(2), y, width: Math.max(w, 0.5).toFixed(2), height: rowH - 8, class: `c${(k < 0 ? 0 : k) % PARTY_COLOURS.length}` });
      rect.append(s('title', {}, document.createTextNode(`${name} · ${partyName(sh.party)}: ${group(sh.amountWan)} ${tr('wan')}`)));
      svg.append(rect);
      x += w;
    }
    svg.append(s('text', { x: x + 6, y: y + rowH / 2 + 1, 'dominant-baseline': 'middle', class: 'chart-value' }, document.createTextNode(`${group(g.totalWan)}`)));
  });
  const legend = h('ul', { class: 'legend' }, parties.map((p, i) => h('li', {}, h('span', { class: `swatch c${i % PARTY_COLOURS.length}`, 'aria-hidden': 'true' }), partyName(p))));
  return h('figure', { class: 'chart-box' },
    h('figcaption', { id: 'chart-title' }, h('strong', { text: tr('chart') }), ` (${tr('wan')}) — ${tr('chartNote')}`),
    h('div', { class: 'scroll-x' }, svg), legend);
}

function groupTable(key, groups, name) {
  const parties = state.summary.shares.map((x) => x.party);
  const head = [tr(key === 'byYear' ? 'year' : 'district'), column('compounds'), tr('households'), column('costWan'), column('perHousehold'), ...parties.map((p) => `${partyName(p)}（${tr('wan')}）`)];
  return h('div', { class: 'group' },
    h('h3', { text: tr(key) }),
    h('div', { class: 'scroll-x' },
      h('table', { class: 'data', id: `t-${key}` },
        h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col', text: state.lang === 'en' ? x.replace('（', ' (').replace('）', ')') : x })))),
        h('tbody', {}, groups.map((g) => h('tr', {},
          h('th', { scope: 'row', text: String(name(g)) }),
          h('td', { class: 'num', text: group(String(g.compounds)) }),
          h('td', { class: 'num', text: group(String(g.households)) }),
          h('td', { class: 'num', text: group(g.totalWan) }),
          h('td', { class: 'num', text: g.perHousehold ? group(g.perHousehold) : '—' }),
          parties.map((p) => h('td', { class: 'num', text: group(g.shares.find((x) => x.party === p)?.amountWan ?? '0') }))))))));
}

function pivot(S) {
  const years = S.byYear.map((y) => y.year);
  const districts = S.byDistrict.map((d) => d.district);
  const cell = (d, y) => S.byDistrictYear.find((c) => c.district === d && c.year === y);
  return h('div', { class: 'group' },
    h('h3', { text: tr('byDistrictYear') }),
    h('div', { class: 'scroll-x' },
      h('table', { class: 'data', id: 't-byDistrictYear' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: tr('district') }), years.map((y) => h('th', { scope: 'col', text: String(y ?? tr('none')) })))),
        h('tbody', {}, districts.map((d) => h('tr', {},
          h('th', { scope: 'row', text: d ?? tr('none') }),
          years.map((y) => {
            const c = cell(d, y);
            return h('td', { class: 'num', text: c ? `${group(c.totalWan)} (${c.compounds})` : '' });
          })))))));
}

// ---------- 4. the audit ----------

async function loadAudit(append = false) {
  const q = { limit: AUDIT_PAGE, offset: append ? state.audit.entries.length : 0 };
  if (state.auditQuery.severity) q.severity = state.auditQuery.severity;
  if (state.auditQuery.code) q.code = state.auditQuery.code;
  try {
    const page = await client.call('audit', { query: q });
    state.audit = append ? { ...page, entries: [...state.audit.entries, ...page.entries] } : page;
    renderAuditList();
  } catch (e) {
    fail(e);
  }
}

function renderAuditList() {
  const S = state.summary;
  const A = state.audit;
  const counts = S.auditCounts;
  const total = counts.error + counts.warning + counts.note;
  const sev = h('select', { id: 'audit-severity', on: { change: () => { state.auditQuery.severity = sev.value; loadAudit(); } } },
    h('option', { value: '', text: tr('allSeverities') }),
    (state.vocab?.severities ?? []).map((w) => h('option', { value: w.id, selected: w.id === state.auditQuery.severity, text: `${tx(w.label)} (${counts[w.id] ?? 0})` })));
  const codes = A ? Object.entries(A.byCode) : [];
  const code = h('select', { id: 'audit-code', on: { change: () => { state.auditQuery.code = code.value; loadAudit(); } } },
    h('option', { value: '', text: tr('allCodes') }),
    codes.map(([c, n]) => h('option', { value: c, selected: c === state.auditQuery.code, text: `${word('auditCodes', c)} (${group(String(n))})` })));
  const list = h('ol', { class: 'audit', id: 'audit-list' }, (A?.entries ?? []).map((e) => h('li', { class: `sev-${e.severity}`, 'data-row': e.row ?? '', 'data-code': e.code },
    h('span', { class: 'badge', text: word('severities', e.severity) }),
    h('span', { class: 'msg', text: tx(e.message) }),
    e.row !== undefined ? h('button', { type: 'button', class: 'link', text: tr('showRow'), 'aria-label': `${tr('showRow')}: ${e.line ?? ''} ${e.serial ?? ''}`, on: { click: () => showRow(e.row) } }) : null)));
  const more = A && A.entries.length < A.matching
    ? h('button', { type: 'button', id: 'audit-more', text: tr('showMore', { count: Math.min(AUDIT_PAGE, A.matching - A.entries.length) }), on: { click: () => loadAudit(true) } })
    : null;
  fill($.audit, 
    h('h2', { id: 'h-audit', text: `4 ${tr('step4')}` }),
    h('p', { class: 'help' }, tr('auditHelp'), ' ', h('strong', { text: tr('auditCounts', { count: group(String(total)) }) })),
    total ? h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'audit-severity', text: tr('severity') }), sev),
      h('div', { class: 'field' }, h('label', { for: 'audit-code', text: tr('code') }), code)) : h('p', { text: tr('noAudit') }),
    list, more);
}

// ---------- 5. the rows: a virtualised table ----------

const view = { key: '', matching: 0, blocks: new Map(), pending: new Set(), frame: 0 };
const COLS = ['line', 'serial', 'name', 'district', 'year', 'households', 'cost', 'perHousehold', 'verdict', 'audit'];
const NUMERIC = new Set(['line', 'year', 'households', 'cost', 'perHousehold']);
const SORTABLE = new Set(['line', 'name', 'district', 'year', 'households', 'cost', 'perHousehold', 'verdict', 'audit']);

function query() {
  const q = { sort: state.query.sort, descending: state.query.descending };
  for (const k of ['verdict', 'district', 'audit', 'text']) if (state.query[k]) q[k] = state.query[k];
  if (state.query.year !== '') q.year = Number(state.query.year);
  return q;
}

function renderRows() {
  const S = state.summary;
  const f = state.query;
  const sel = (id, label, options, key) => {
    const el = h('select', { id, on: { change: () => { state.query[key] = el.value; state.hit = null; refreshRows(); } } },
      h('option', { value: '', text: tr('all') }),
      options.map(([v, text]) => h('option', { value: String(v), selected: String(v) === String(f[key]), text })));
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), el);
  };
  const search = h('input', { type: 'search', id: 'f-text', value: f.text, on: { input: debounce(() => { state.query.text = search.value; refreshRows(); }, 250) } });
  const filters = h('div', { class: 'filters' },
    sel('f-verdict', tr('filterVerdict'), (state.vocab?.verdicts ?? []).map((w) => [w.id, tx(w.label)]), 'verdict'),
    sel('f-district', tr('filterDistrict'), S.byDistrict.filter((d) => d.district).map((d) => [d.district, d.district]), 'district'),
    sel('f-year', tr('filterYear'), S.byYear.filter((y) => y.year !== null).map((y) => [y.year, String(y.year)]), 'year'),
    sel('f-audit', tr('filterAudit'), (state.vocab?.severities ?? []).map((w) => [w.id, tr('auditAtLeast', { severity: tx(w.label) })]), 'audit'),
    h('div', { class: 'field grow' }, h('label', { for: 'f-text', text: tr('filterText') }), search));
  const head = h('tr', {}, COLS.map((c) => {
    const label = column(c === 'cost' ? 'costWan' : c);
    const cls = `c-${c}${NUMERIC.has(c) ? ' num-h' : ''}`;
    if (!SORTABLE.has(c)) return h('th', { scope: 'col', class: cls, text: label });
    const on = f.sort === c;
    return h('th', { scope: 'col', class: cls, 'aria-sort': on ? (f.descending ? 'descending' : 'ascending') : 'none' },
      h('button', { type: 'button', class: 'sort', 'data-sort': c, on: { click: () => sortBy(c) } }, label, h('span', { class: 'arrow', 'aria-hidden': 'true', text: on ? (f.descending ? ' ▼' : ' ▲') : '' })));
  }));
  $.count = h('p', { class: 'count', role: 'status', id: 'rows-count' });
  $.tbody = h('tbody', {});
  $.scroller = h('div', { class: 'vt', tabindex: '0', role: 'region', 'aria-labelledby': 'h-rows', on: { scroll: () => schedule() } },
    h('table', { class: 'rows', id: 'rows-table', 'aria-rowcount': '0' }, h('thead', {}, head), $.tbody));
  fill($.rows, 
    h('h2', { id: 'h-rows', text: `5 ${tr('step5')}` }),
    h('p', { class: 'help', text: tr('rowsHelp') }),
    filters, $.count, $.scroller);
  refreshRows(true);
}

function debounce(f, ms) {
  let t = 0;
  return () => { clearTimeout(t); t = setTimeout(f, ms); };
}

function sortBy(c) {
  if (state.query.sort === c) state.query.descending = !state.query.descending;
  else {
    state.query.sort = c;
    state.query.descending = false;
  }
  state.hit = null;
  renderRows();
}

/** Starts over with the current query (new filter or sort): keeps no block of the old one. */
function refreshRows(keepBlocks = false) {
  const key = JSON.stringify(query());
  if (!keepBlocks || key !== view.key) {
    view.key = key;
    view.blocks = new Map();
    view.pending = new Set();
    view.matching = 0;
    if ($.scroller) $.scroller.scrollTop = 0;
    fetchBlock(0);
  } else {
    draw();
  }
}

async function fetchBlock(b) {
  const key = view.key;
  if (view.blocks.has(b) || view.pending.has(b)) return;
  view.pending.add(b);
  try {
    const page = await client.call('rows', { query: { ...JSON.parse(key), offset: b * BLOCK, limit: BLOCK } });
    if (key !== view.key) return;
    view.matching = page.matching;
    view.blocks.set(b, page.rows);
    // Only a few screens' worth of blocks are kept.
    if (view.blocks.size > 40) for (const k of [...view.blocks.keys()].slice(0, 10)) view.blocks.delete(k);
    draw();
  } catch (e) {
    fail(e);
  } finally {
    view.pending.delete(b);
  }
}

function schedule() {
  if (view.frame) return;
  view.frame = requestAnimationFrame(() => {
    view.frame = 0;
    draw();
  });
}

function rowAt(i) {
  return view.blocks.get(Math.floor(i / BLOCK))?.[i % BLOCK];
}

/** Draws the rows in sight (and a few around them) between two spacers. */
function draw() {
  if (!$.tbody) return;
  const n = view.matching;
  $.count.textContent = tr('matching', { count: group(String(n)) });
  $.scroller.querySelector('table').setAttribute('aria-rowcount', String(n + 1));
  const top = $.scroller.scrollTop;
  const height = $.scroller.clientHeight || 600;
  const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  const last = Math.min(n, Math.ceil((top + height) / ROW_H) + OVERSCAN);
  for (let b = Math.floor(first / BLOCK); b <= Math.floor(Math.max(first, last - 1) / BLOCK); b++) if (!view.blocks.has(b)) fetchBlock(b);
  const spacer = (px) => {
    const tr_ = h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: String(COLS.length) }));
    tr_.style.height = `${px}px`;
    return tr_;
  };
  const rows = [];
  for (let i = first; i < last; i++) rows.push(rowElement(i, rowAt(i)));
  fill($.tbody, spacer(first * ROW_H), ...rows, spacer((n - last) * ROW_H));
  // The scroll position these rows were drawn for (a scroll is drawn a frame later): tests and
  // benches wait for it to equal scrollTop.
  $.scroller.dataset.drawnTop = String(top);
}

function rowElement(i, r) {
  if (!r) return h('tr', { class: 'r loading', 'aria-rowindex': String(i + 2) }, h('td', { colspan: String(COLS.length), text: tr('loadingRows') }));
  const codes = r.audit ?? [];
  const severities = codes.map((c) => state.vocab?.auditCodes?.find((w) => w.id === c)?.severity);
  const worst = ['error', 'warning', 'note'].find((sv) => severities.includes(sv));
  const cls = ['r', r.row === state.hit ? 'hit' : '', worst ? `sev-${worst}` : ''].filter(Boolean).join(' ');
  const auditText = codes.map((c) => word('auditCodes', c)).join(state.lang === 'en' ? '; ' : '；');
  return h('tr', { class: cls, 'data-row': String(r.row), 'aria-rowindex': String(i + 2) },
    h('td', { class: 'c-line num', text: String(r.line) }),
    h('td', { class: 'c-serial', text: r.serial ?? '' }),
    h('td', { class: 'c-name' }, h('button', { type: 'button', class: 'link', text: r.name ?? '—', title: r.name ?? '', on: { click: () => openDetail(r.row) } })),
    h('td', { class: 'c-district', text: r.district ?? '' }),
    h('td', { class: 'c-year num', text: r.year === undefined ? '' : String(r.year) }),
    h('td', { class: 'c-households num', text: r.households === undefined ? '' : group(String(r.households)) }),
    h('td', { class: 'c-cost num', text: r.cost === undefined ? '' : group(wanOf(r.cost)), title: r.source === 'benchmark' ? word('sources', 'benchmark') : undefined },
      r.source === 'benchmark' ? h('span', { class: 'est', text: '*', 'aria-label': word('sources', 'benchmark') }) : null),
    h('td', { class: 'c-perHousehold num', text: r.perHousehold === undefined ? '' : group(r.perHousehold) }),
    h('td', { class: `c-verdict v-${r.verdict}`, text: word('verdicts', r.verdict) }),
    h('td', { class: 'c-audit', text: auditText, title: auditText || undefined }));
}

/** From an audit entry to its row: clears the filters that hide it, scrolls to it, marks it. */
async function showRow(row) {
  try {
    let at = await client.call('locate', { row, query: query() });
    if (at.position === null) {
      state.query = { ...state.query, verdict: '', district: '', year: '', audit: '', text: '' };
      renderRows();
      at = await client.call('locate', { row, query: query() });
    }
    state.hit = row;
    $.rows.scrollIntoView({ block: 'start' });
    if (at.position !== null) {
      const visible = $.scroller.clientHeight || 600;
      $.scroller.scrollTop = Math.max(0, at.position * ROW_H - visible / 2 + ROW_H);
    }
    await fetchBlock(Math.floor((at.position ?? 0) / BLOCK));
    draw();
    $.tbody.querySelector(`tr[data-row="${row}"] button`)?.focus({ preventScroll: true });
  } catch (e) {
    fail(e);
  }
}

// ---------- the row's detail ----------

async function openDetail(row) {
  try {
    const d = await client.call('detail', { row });
    renderDetail(d);
    if (!$.dialog.open) $.dialog.showModal();
  } catch (e) {
    fail(e);
  }
}

function renderDetail(d) {
  const el = d.eligibility;
  const texts = el.texts?.[state.lang] ?? el.texts?.zh ?? {};
  const finding = (f) => {
    const ft = f.texts?.[state.lang] ?? f.texts?.zh ?? {};
    const src = ft.source;
    return h('li', { class: `outcome-${f.outcome}` },
      h('p', {}, h('strong', { text: ft.label ?? f.rule })),
      h('p', { text: ft.message ?? '' }),
      ft.reading ? h('p', { class: 'help' }, h('em', { text: `${tr('reading')}${colon()}` }), ft.reading) : null,
      ft.assumption ? h('p', { class: 'help' }, h('em', { text: `${tr('assumption')}${colon()}` }), ft.assumption) : null,
      src ? h('p', { class: 'help source', lang: 'zh-CN', text: `${tr('source')}${colon()}${src.document} ${src.clause ?? ''}` }) : null);
  };
  const decisive = el.findings.filter((f) => f.role === 'decisive');
  const others = el.findings.filter((f) => f.role !== 'decisive');
  const lines = d.lines ?? [];
  const parties = [...new Set(lines.flatMap((l) => Object.keys(l.shares)))];
  fill($.dialog, 
    h('div', { class: 'detail-head' },
      h('h2', { id: 'h-detail', text: `${d.name ?? tr('detail')}` }),
      h('button', { type: 'button', class: 'close', text: tr('close'), on: { click: () => $.dialog.close() } })),
    h('dl', { class: 'facts' },
      [['line', String(d.line)], ['serial', d.serial], ['district', d.district], ['year', d.year], ['built', d.built ? (d.built.from === d.built.to ? String(d.built.from) : `${d.built.from}–${d.built.to}`) : undefined], ['households', d.households === undefined ? undefined : group(String(d.households))], ['cost', d.cost === undefined ? undefined : `${group(d.cost)}（${word('sources', d.source)}）`], ['perHousehold', d.perHousehold === undefined ? undefined : group(d.perHousehold)], ['verdict', word('verdicts', d.verdict)]]
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [h('dt', { text: column(k) }), h('dd', { text: String(v) })])),
    texts.summary ? h('p', { class: `summary v-${d.verdict}`, text: texts.summary }) : null,
    texts.statusNote ? h('p', { class: 'help', text: texts.statusNote }) : null,
    texts.toProvide?.length ? h('p', {}, h('strong', { text: `${tr('toProvide')}${colon()}` }), texts.toProvide.join(state.lang === 'en' ? ', ' : '、')) : null,
    h('h3', { text: tr('decisive') }), h('ul', { class: 'findings' }, decisive.map(finding)),
    others.length ? [h('h3', { text: tr('reminders') }), h('ul', { class: 'findings' }, others.map(finding))] : null,
    lines.length ? [
      h('h3', { text: tr('split') }),
      h('div', { class: 'scroll-x' },
        h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: tr('line') }), h('th', { scope: 'col', text: tr('fundingRule') }), h('th', { scope: 'col', text: tr('amount') }), parties.map((p) => h('th', { scope: 'col', text: partyName(p) })))),
          h('tbody', {}, lines.map((l) => h('tr', {},
            h('th', { scope: 'row', text: l.item ? `${l.item}${l.segment ? ` · ${l.segment}` : ''}` : tr('general') }),
            h('td', { text: tx(state.summary.fundingRules?.find((r) => r.id === l.fundingRule)?.label) || l.fundingRule }),
            h('td', { class: 'num', text: group(l.amount) }),
            parties.map((p) => h('td', { class: 'num', text: l.shares[p] ? group(l.shares[p]) : '' })))))))] : null,
  );
}

// ---------- 6. export ----------

function renderExport() {
  const sheets = state.vocab?.sheets ?? [];
  const sheet = h('select', { id: 'csv-sheet' }, sheets.map((w) => h('option', { value: w.id, text: tx(w.label) })));
  $.exportStatus = h('p', { role: 'status', id: 'export-status' });
  fill($.export, 
    h('h2', { id: 'h-export', text: `6 ${tr('step6')}` }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'export-xlsx', text: tr('exportXlsx'), on: { click: () => download('xlsx') } }),
      h('span', { class: 'field inline' }, h('label', { for: 'csv-sheet', text: tr('csvSheet') }), sheet),
      h('button', { type: 'button', id: 'export-csv', text: tr('exportCsv'), on: { click: () => download('csv', sheet.value) } })),
    $.exportStatus);
}

async function download(format, sheet) {
  const base = (state.source?.kind === 'file' ? state.source.name.replace(/\.[^.]+$/, '') : 'plan') || 'plan';
  const sheetName = sheet ? `-${tx(state.vocab?.sheets?.find((w) => w.id === sheet)?.label)}` : '';
  const name = `${tr('exportName', { base })}${format === 'csv' ? sheetName : ''}.${format}`;
  $.exportStatus.textContent = `${tr('stage_export')}…`;
  $.progress.hidden = false;
  $.progress.querySelector('progress').removeAttribute('value');
  $.progress.querySelector('.progress-label').textContent = `${tr('stage_export')}…`;
  try {
    const { blob } = await client.call('export', { format, sheet });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    $.exportStatus.textContent = tr('exported', { name, size: bytesText(blob.size) });
  } catch (e) {
    fail(e);
    $.exportStatus.textContent = '';
  } finally {
    $.progress.hidden = true;
    $.progress.querySelector('progress').value = 0;
  }
}

// ---------- start ----------

async function start() {
  frame();
  // Files dropped outside the drop zone must not replace the page.
  for (const ev of ['dragover', 'drop']) window.addEventListener(ev, (e) => e.preventDefault());
  try {
    const info = await client.call('init');
    state.builtIn = info.builtIn;
    renderInput();
    document.body.dataset.ready = 'true';
  } catch (e) {
    fail(e);
  }
}

start();
