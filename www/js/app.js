// The resident-facing page: loads the gaizao package (WebAssembly, same origin), builds the three
// steps, recomputes on every change and keeps the inputs (localStorage, the URL hash, files).

import init, * as gaizao from '../pkg/gaizao.js';
import { h, replace } from './dom.js';
import { Registry, safeId } from './fields.js';
import { lang, pick, setLang, t } from '../i18n.js';
import { buildEstate, buildScenario, chosenItems, fieldKey } from './model.js';
import {
  decodeHash, defaultInputs, encodeHash, fromFile, loadLocal, PREFS_KEY, removeLocal, sanitize,
  sanitizePrefs, saveLocal, STORAGE_KEY, toFile, ESTATE_FLAGS,
} from './state.js';
import { renderStep1 } from './step1.js';
import { cite, renderStep2 } from './step2.js';
import { renderResults, renderStep3 } from './step3.js';
import { computeCompare } from './compare.js';
import { formatMoney, groupDigits } from './money.js';
import { packLabel } from './labels.js';

const SIZES = [16, 18, 20, 24, 28, 32];
const ELDERLY_MIN = 1;
const ELDERLY_DEFAULT = 2;

const ctx = {
  api: gaizao,
  policies: [],
  menus: new Map(),
  needed: new Map(),
  inputs: null,
  prefs: null,
  reg: new Registry(),
  result: null,
  messages: new Map(),
  drafts: {},
  els: {},
  version: '',
  lastHash: '',
};

// ---------- preferences: language, 长辈版, text size ----------

function sizeIndex() {
  const p = ctx.prefs;
  const min = p.elderly ? ELDERLY_MIN : 0;
  const def = p.elderly ? ELDERLY_DEFAULT : 0;
  const i = Number.isInteger(p.size) ? p.size : def;
  return Math.min(Math.max(i, min), SIZES.length - 1);
}

function applyPrefs() {
  const root = document.documentElement;
  setLang(ctx.prefs.lang);
  root.classList.toggle('elderly', ctx.prefs.elderly);
  for (const px of SIZES) root.classList.remove(`fs-${px}`);
  root.classList.add(`fs-${SIZES[sizeIndex()]}`);
  document.title = t('app.title');
  saveLocal(PREFS_KEY, ctx.prefs);
}

function updateTools() {
  const { els } = ctx;
  if (!els.sizeNow) return;
  els.sizeNow.textContent = t('tools.sizeNow', { px: SIZES[sizeIndex()] });
  els.sizeDown.disabled = sizeIndex() <= (ctx.prefs.elderly ? ELDERLY_MIN : 0);
  els.sizeUp.disabled = sizeIndex() >= SIZES.length - 1;
  els.elderlyBtn.setAttribute('aria-pressed', String(ctx.prefs.elderly));
  els.elderlyState.textContent = ctx.prefs.elderly ? t('tools.elderlyOn') : t('tools.elderlyOff');
}

function setSize(delta) {
  ctx.prefs.size = Math.min(Math.max(sizeIndex() + delta, ctx.prefs.elderly ? ELDERLY_MIN : 0), SIZES.length - 1);
  applyPrefs();
  updateTools();
}

// ---------- page frame ----------

function emblem() {
  // A plain roofline mark, drawn inline (no image request).
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 48 48');
  svg.setAttribute('class', 'emblem');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M6 22 24 8l18 14v4h-4v16H28V30h-8v12H10V26H6z');
  svg.append(path);
  return svg;
}

function renderHeader() {
  const { els } = ctx;
  els.sizeDown = h('button', { type: 'button', class: 'tool-btn', id: 'size-down', onclick: () => setSize(-1) },
    h('span', { 'aria-hidden': 'true' }, t('tools.smaller')), h('span', { class: 'sr-only' }, t('tools.smallerName')));
  els.sizeUp = h('button', { type: 'button', class: 'tool-btn', id: 'size-up', onclick: () => setSize(1) },
    h('span', { 'aria-hidden': 'true' }, t('tools.larger')), h('span', { class: 'sr-only' }, t('tools.largerName')));
  els.sizeNow = h('span', { class: 'size-now', id: 'size-now', 'aria-live': 'polite' });
  els.elderlyState = h('span', { class: 'sr-only' });
  els.elderlyBtn = h('button', {
    type: 'button', class: 'tool-btn', id: 'elderly-btn', 'aria-pressed': 'false',
    onclick: () => {
      ctx.prefs.elderly = !ctx.prefs.elderly;
      ctx.prefs.size = null;
      applyPrefs();
      updateTools();
    },
  }, h('span', { class: 'toggle-mark', 'aria-hidden': 'true' }), t('tools.elderly'), els.elderlyState);
  const other = lang() === 'zh' ? 'en' : 'zh';
  const langBtn = h('button', {
    type: 'button', class: 'tool-btn', id: 'lang-btn', lang: other === 'en' ? 'en' : 'zh-CN',
    onclick: () => {
      ctx.prefs.lang = other;
      applyPrefs();
      renderAll();
      compute();
      document.getElementById('lang-btn')?.focus();
    },
  }, t('tools.lang'), h('span', { class: 'sr-only' }, ` ${t('tools.langName')}`));
  const header = h('header', { class: 'site' },
    h('div', { class: 'wrap header-inner' },
      h('div', { class: 'brand' }, emblem(),
        h('div', null,
          h('h1', { class: 'app-title' }, t('app.title')),
          h('p', { class: 'app-sub' }, t('app.subtitle')))),
      h('div', { class: 'tools', role: 'group', 'aria-label': t('tools.label') },
        langBtn,
        els.elderlyBtn,
        h('div', { class: 'size-control', role: 'group', 'aria-label': t('tools.size') },
          h('span', { class: 'size-label', 'aria-hidden': 'true' }, t('tools.size')),
          els.sizeDown, els.sizeNow, els.sizeUp))));
  return header;
}

function packPanel() {
  const policy = ctx.policies.find((p) => p.id === ctx.inputs.policy);
  const menu = ctx.menus.get(policy.id);
  const select = h('select', {
    id: 'policy-select',
    onchange: (e) => {
      ctx.inputs.policy = e.target.value;
      if (ctx.inputs.compare === ctx.inputs.policy) ctx.inputs.compare = '';
      renderAll();
      compute();
      document.getElementById('policy-select')?.focus();
    },
  }, ctx.policies.map((p) => h('option', { value: p.id, selected: p.id === policy.id }, packLabel(p))));
  const draft = policy.status === 'draftForComment';
  return h('section', { class: ['panel', 'pack', draft ? 'is-draft' : null], id: 'pack-panel', 'aria-labelledby': 'pack-h' },
    h('h2', { id: 'pack-h', class: 'pack-heading' }, t('pack.heading')),
    h('p', { class: 'intro secondary pack-extra' }, t('pack.intro')),
    h('div', { class: 'field' }, h('label', { for: 'policy-select' }, t('pack.select')), select),
    draft ? h('div', { class: 'draft-banner', id: 'draft-banner' },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, '!'), h('p', null, t('pack.draftBanner'))) : null,
    h('dl', { class: 'doc', id: 'doc-info' },
      h('div', null, h('dt', null, t('pack.number'), t('common.colon')), h('dd', { lang: 'zh-CN', id: 'doc-number' }, policy.documentNumber)),
      h('div', { class: 'pack-extra' }, h('dt', null, t('pack.issuer'), t('common.colon')), h('dd', null, pick(policy.issuer))),
      h('div', { class: 'pack-extra' }, h('dt', null, t('pack.date'), t('common.colon')), h('dd', null, policy.date)),
      h('div', null, h('dt', null, t('pack.status'), t('common.colon')), h('dd', null,
        h('span', { class: `badge status-${policy.status}`, id: 'doc-status', dataset: { status: policy.status } }, t(`status.${policy.status}`)))),
      h('div', { class: 'secondary wide pack-extra' }, h('dt', null, t('pack.title'), t('common.colon')), h('dd', null, pick(policy.title)))),
    menu.notes.length
      ? h('details', { class: 'pack-notes secondary pack-extra' },
        h('summary', null, t('pack.notes', { count: menu.notes.length })),
        h('ul', null, menu.notes.map((n) => h('li', null, h('p', null, pick(n.text)),
          h('p', { class: 'source' }, h('span', null, t('finding.source')), cite(n.source))))))
      : null);
}

function stepNav() {
  const items = [1, 2, 3].map((n) => h('li', null,
    h('button', {
      type: 'button', id: `nav-step-${n}`, class: 'step-btn', dataset: { step: n },
      onclick: () => goToStep(n),
    },
    h('span', { class: 'step-num', 'aria-hidden': 'true' }, String(n)),
    h('span', { class: 'step-text' }, h('span', { class: 'sr-only' }, t('steps.number', { n }), ' '), t(`steps.${n}`)))));
  return h('nav', { class: 'steps no-print', 'aria-label': t('steps.label') }, h('ol', null, items));
}

function actionsPanel() {
  const { els } = ctx;
  els.status = h('p', { class: 'status', id: 'status', role: 'status' });
  els.shareBox = h('div', { class: 'share-box', hidden: true });
  const fileInput = h('input', {
    type: 'file', id: 'open-file', accept: '.json,application/json', class: 'hidden-file', tabindex: '-1', 'aria-hidden': 'true',
    onchange: (e) => openFile(e.target),
  });
  const confirmBox = h('div', { class: 'confirm', hidden: true, id: 'reset-confirm' },
    h('p', null, t('actions.resetConfirm')),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'danger', id: 'reset-yes', onclick: () => resetAll() }, t('actions.resetYes')),
      h('button', {
        type: 'button', class: 'secondary-btn', id: 'reset-no',
        onclick: () => { confirmBox.hidden = true; document.getElementById('reset-btn')?.focus(); },
      }, t('actions.resetNo'))));
  return h('section', { class: 'panel actions no-print', id: 'actions', 'aria-labelledby': 'actions-h' },
    h('h2', { id: 'actions-h' }, t('actions.heading')),
    h('p', { class: 'note' }, t('actions.autosave')),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'secondary-btn', id: 'print-btn', onclick: () => window.print() }, t('actions.print')),
      h('button', { type: 'button', class: 'secondary-btn', id: 'save-btn', onclick: saveFile }, t('actions.save')),
      h('button', { type: 'button', class: 'secondary-btn', id: 'open-btn', onclick: () => fileInput.click() }, t('actions.open')),
      h('button', { type: 'button', class: 'secondary-btn', id: 'share-btn', onclick: share }, t('actions.share')),
      h('button', {
        type: 'button', class: 'secondary-btn', id: 'reset-btn',
        onclick: () => { confirmBox.hidden = false; document.getElementById('reset-no')?.focus(); },
      }, t('actions.reset'))),
    fileInput,
    els.shareBox,
    confirmBox,
    els.status);
}

function renderAll() {
  const app = document.getElementById('app');
  ctx.reg = new Registry();
  ctx.els = {};
  ctx.assumeSig = null;
  const header = renderHeader();
  const steps = [1, 2, 3].map((n) => h('section', { class: 'step', id: `step-${n}`, 'aria-labelledby': `step${n}-heading` }));
  ctx.els.steps = steps;
  ctx.els.printSummary = h('section', { class: 'print-only', id: 'print-summary' });
  const main = h('main', { id: 'main', tabindex: '-1' },
    h('div', { class: 'wrap' },
      packPanel(),
      stepNav(),
      ctx.els.printSummary,
      steps,
      actionsPanel()));
  const footer = h('footer', { class: 'site' },
    h('div', { class: 'wrap' },
      h('p', null, t('app.privacy')),
      h('p', null, t('app.disclaimer')),
      h('p', { class: 'secondary' }, t('app.version', { version: ctx.version }))));
  replace(app,
    h('a', { class: 'skip', href: '#main' }, t('app.skip')),
    header, main, footer);
  replace(steps[0], renderStep1(ctx));
  replace(steps[1], renderStep2(ctx));
  replace(steps[2], renderStep3(ctx));
  showStep(ctx.inputs.step);
  updateTools();
}

function showStep(n) {
  ctx.els.steps.forEach((s, i) => { s.hidden = i + 1 !== n; });
  // After step 1 the policy panel shows only what identifies the document (number, status).
  document.getElementById('pack-panel')?.classList.toggle('compact', n !== 1);
  for (const b of document.querySelectorAll('.step-btn')) {
    if (Number(b.dataset.step) === n) b.setAttribute('aria-current', 'step');
    else b.removeAttribute('aria-current');
  }
}

function goToStep(n, { focus = true } = {}) {
  ctx.inputs.step = n;
  showStep(n);
  persist();
  if (focus) {
    const heading = document.getElementById(`step${n}-heading`);
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: 'start' });
  }
}

function goToField(key) {
  let entry = ctx.reg.get(key);
  if (!entry && key === 'builtYear') entry = ctx.reg.get('builtYears.from') ?? ctx.reg.get('yearMode');
  if (!entry && key.startsWith('builtYears')) entry = ctx.reg.get('builtYears.from') ?? ctx.reg.get('builtYear') ?? ctx.reg.get('yearMode');
  if (!entry && /^(owners|ownerArea)$/.test(key)) entry = ctx.reg.get(`${key}.total`);
  if (!entry) return;
  goToStep(entry.step, { focus: false });
  const target = entry.focus ?? entry.wrap;
  if (!target) return;
  const details = entry.wrap?.closest?.('details');
  if (details) details.open = true;
  target.focus({ preventScroll: true });
  (entry.wrap ?? target).scrollIntoView?.({ block: 'center' });
}

ctx.goToStep = goToStep;
ctx.goToField = goToField;

// ---------- computing ----------

function problemText(p) {
  return pick(p.message);
}

function errorProblems(e) {
  if (e && Array.isArray(e.problems) && e.problems.length) return e.problems;
  return [{ code: e?.code ?? 'unknown', field: e?.field, message: { zh: e?.messageZh ?? String(e?.message ?? e), en: e?.messageEn ?? String(e?.message ?? e) } }];
}

function compute() {
  const { inputs } = ctx;
  const policy = inputs.policy;
  const menu = ctx.menus.get(policy);
  const messages = new Map();
  const general = [];
  const addMsg = (key, text) => {
    if (!key) {
      general.push({ key: null, text });
      return;
    }
    if (!messages.has(key)) messages.set(key, text);
  };

  const { estate, problems: estateProblems } = buildEstate(inputs.estate);
  for (const p of estateProblems) addMsg(p.key, t(p.msg));
  const sc = buildScenario(inputs, policy, menu, estate);
  for (const p of sc.problems) addMsg(p.key, t(p.msg));
  const overrideRules = (sc.scenario.fundingOverrides ?? []).map((o) => o.rule);
  const hasCost = Boolean(sc.scenario.items?.length || sc.scenario.benchmark);

  let elig = null;
  let est = null;
  if (!estateProblems.length) {
    try {
      elig = ctx.api.checkEligibility(policy, estate);
    } catch (e) {
      for (const p of errorProblems(e)) addMsg(fieldKey(p.field, sc.itemIndex, overrideRules), problemText(p));
    }
  }
  if (elig && hasCost && !sc.problems.length) {
    try {
      est = ctx.api.estimate(policy, sc.scenario);
    } catch (e) {
      for (const p of errorProblems(e)) addMsg(fieldKey(p.field, sc.itemIndex, overrideRules), problemText(p));
    }
  }
  ctx.result = { elig, est, hasCost, scenario: sc.scenario, estate, compare: null };
  if (elig) {
    try {
      ctx.result.compare = computeCompare(ctx, estate);
    } catch (e) {
      ctx.result.compare = { error: e, A: policy, B: inputs.compare };
    }
  }
  ctx.messages = messages;
  ctx.general = general;
  renderResults(ctx);
  refreshMessages();
  renderPrintSummary();
  persist();
}

function summaryList(container, entries) {
  if (!entries.length) {
    container.hidden = true;
    replace(container);
    return;
  }
  container.hidden = false;
  replace(container,
    h('p', { class: 'summary-title' }, t('err.summary')),
    h('ul', null, entries.map(({ key, text }) => h('li', null,
      h('span', null, text),
      key && ctx.reg.get(key)?.focus
        ? h('button', { type: 'button', class: 'link-btn', id: `fix-${container.id}-${safeId(key)}`, onclick: () => goToField(key) }, t('err.goFix'))
        : null))));
}

function refreshMessages() {
  const unplaced = ctx.reg.show(ctx.messages);
  const all = [...ctx.messages.entries()].map(([key, text]) => ({ key, text }));
  const extra = unplaced.map((key) => ({ key: null, text: ctx.messages.get(key) }));
  const step1 = all.filter(({ key }) => ctx.reg.get(key)?.step === 1);
  if (ctx.els.step1Errors) summaryList(ctx.els.step1Errors, step1);
  if (ctx.els.step3Errors) summaryList(ctx.els.step3Errors, [...all.filter(({ key }) => ctx.reg.get(key)), ...extra, ...(ctx.general ?? [])]);
}
ctx.refreshMessages = refreshMessages;

let persistTimer = null;
function persist() {
  saveLocal(STORAGE_KEY, ctx.inputs);
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    const hash = '#' + encodeHash(ctx.inputs);
    ctx.lastHash = hash;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, 0);
}

ctx.changed = () => compute();

// ---------- print summary ----------

function renderPrintSummary() {
  const box = ctx.els.printSummary;
  if (!box) return;
  const form = ctx.inputs.estate;
  const policy = ctx.policies.find((p) => p.id === ctx.inputs.policy);
  const rows = [];
  const add = (label, value) => { if (value) rows.push(h('div', null, h('dt', null, label), h('dd', null, value))); };
  add(t('f.name'), form.name.trim());
  add(t('f.district'), form.district.trim());
  if (form.yearMode === 'single') add(t('f.builtYear'), form.builtYear.trim());
  if (form.yearMode === 'range' && form['builtYears.from'].trim()) add(t('f.builtYears'), `${form['builtYears.from'].trim()}—${form['builtYears.to'].trim()}`);
  if (form.locationType) add(t('f.locationType'), t(`location.${form.locationType}`));
  if (form.housingType) add(t('f.housingType'), t(`housing.${form.housingType}`));
  for (const k of ['households', 'buildings', 'floorArea', 'owners.total', 'owners.voted', 'owners.inFavour',
    'ownerArea.total', 'ownerArea.voted', 'ownerArea.inFavour', 'maintenanceFund.initial', 'maintenanceFund.balance']) {
    add(t(`f.${k}`), groupDigits(form[k].trim()));
  }
  for (const k of ESTATE_FLAGS) if (form[k]) add(t(`f.${k}`), t(`yn.${form[k]}`));
  const menu = ctx.menus.get(policy.id);
  const items = chosenItems(menu, ctx.inputs.packs[policy.id]);
  replace(box,
    h('h2', null, t('print.heading')),
    h('p', null, t('print.generated', { date: new Date().toISOString().slice(0, 10) })),
    h('dl', { class: 'print-dl' },
      h('div', null, h('dt', null, t('pack.name')), h('dd', null, pick(policy.name))),
      h('div', null, h('dt', null, t('pack.number')), h('dd', { lang: 'zh-CN' }, policy.documentNumber)),
      h('div', null, h('dt', null, t('pack.issuer')), h('dd', null, pick(policy.issuer))),
      h('div', null, h('dt', null, t('pack.date')), h('dd', null, policy.date)),
      h('div', null, h('dt', null, t('pack.status')), h('dd', null, t(`status.${policy.status}`)))),
    policy.status === 'draftForComment' ? h('p', { class: 'draft-banner' }, t('pack.draftBanner')) : null,
    h('h3', null, t('print.estate')),
    h('dl', { class: 'print-dl' }, rows),
    h('h3', null, t('print.items')),
    items.length
      ? h('ul', null, items.map(({ item, choice }) => h('li', null, pick(item.name),
        choice.segment ? t('compare.segment', { segment: t(`segment.${choice.segment}`) }) : '',
        t('common.colon'),
        choice.mode === 'lump'
          ? t('cost.yuan', { amount: formatMoney(choice.amount.trim()) })
          : `${choice.quantity.trim()} ${t(`unit.${item.unit}`)} × ${formatMoney(choice.unitPrice.trim())}`)))
      : h('p', null, t('print.noItems')));
}

// ---------- saving, opening, sharing, resetting ----------

function setStatus(text) {
  if (ctx.els.status) ctx.els.status.textContent = text;
}

function fileName() {
  const base = ctx.inputs.estate.name.trim().replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 40) || 'gaizao';
  return `${base}-${new Date().toISOString().slice(0, 10)}.json`;
}

function saveFile() {
  const name = fileName();
  const blob = new Blob([toFile(ctx.inputs)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'hidden-file' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus(t('actions.saved', { name }));
}

async function openFile(input) {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  try {
    if (file.size > 2_000_000) throw new Error('too large');
    const raw = fromFile(await file.text());
    restore(raw);
    setStatus(t('actions.opened', { name: file.name }));
  } catch {
    setStatus(t('actions.openFailed'));
  }
  document.getElementById('open-btn')?.focus();
}

function restore(raw) {
  const ids = ctx.policies.map((p) => p.id);
  const inputs = sanitize(raw, ids);
  if (!inputs.policy) inputs.policy = ctx.inputs.policy;
  ctx.inputs = inputs;
  renderAll();
  compute();
}

async function share() {
  persist();
  const url = location.href.split('#')[0] + '#' + encodeHash(ctx.inputs);
  const input = h('input', { type: 'text', readonly: true, id: 'share-url', value: url, class: 'text' });
  replace(ctx.els.shareBox, h('label', { for: 'share-url' }, t('actions.shareLabel')), input);
  ctx.els.shareBox.hidden = false;
  input.focus();
  input.select();
  try {
    await navigator.clipboard.writeText(url);
    setStatus(t('actions.copied'));
  } catch {
    setStatus(t('actions.copyManual'));
  }
}

function resetAll() {
  const policy = ctx.inputs.policy;
  removeLocal(STORAGE_KEY);
  ctx.inputs = defaultInputs(policy);
  renderAll();
  compute();
  document.getElementById('reset-btn')?.focus();
}

// ---------- start ----------

function firstCityPolicy() {
  return (ctx.policies.find((p) => p.status !== 'national') ?? ctx.policies[0]).id;
}

function loadInputs() {
  const ids = ctx.policies.map((p) => p.id);
  const fromHash = decodeHash(location.hash);
  let restoredFromLink = false;
  let inputs;
  if (fromHash) {
    inputs = sanitize(fromHash, ids);
    const kept = sanitize(loadLocal(STORAGE_KEY), ids);
    restoredFromLink = JSON.stringify(kept) !== JSON.stringify(inputs);
  } else {
    inputs = sanitize(loadLocal(STORAGE_KEY), ids);
  }
  if (!inputs.policy) inputs.policy = firstCityPolicy();
  if (inputs.compare === inputs.policy) inputs.compare = '';
  return { inputs, restoredFromLink };
}

async function start() {
  ctx.prefs = sanitizePrefs(loadLocal(PREFS_KEY));
  applyPrefs();
  const app = document.getElementById('app');
  replace(app, h('p', { class: 'loading', role: 'status' }, t('app.loading')));
  try {
    await init({ module_or_path: new URL('../pkg/gaizao_bg.wasm', import.meta.url) });
    ctx.version = gaizao.version().version;
    ctx.policies = gaizao.policies();
    for (const p of ctx.policies) {
      ctx.menus.set(p.id, gaizao.menu(p.id));
      const e = gaizao.checkEligibility(p.id, {});
      ctx.needed.set(p.id, new Set([...e.findings, ...e.warnings].flatMap((f) => f.provide ?? [])));
    }
  } catch (e) {
    replace(app, h('p', { class: 'load-failed', role: 'alert' }, t('app.loadFailed')));
    throw e;
  }
  const { inputs, restoredFromLink } = loadInputs();
  ctx.inputs = inputs;
  renderAll();
  compute();
  if (restoredFromLink) setStatus(t('actions.restoredLink'));
  document.documentElement.dataset.ready = 'true';

  window.addEventListener('hashchange', () => {
    if (location.hash === ctx.lastHash) return;
    const raw = decodeHash(location.hash);
    if (!raw) return;
    restore(raw);
    setStatus(t('actions.restoredLink'));
  });
}

start();
