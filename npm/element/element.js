// <gaizao-calculator>: the resident calculator as a custom element (Shadow DOM), bundled with the
// package's Calculator into pkg/element.js by scripts/build-element.mjs.
//
// Presentation only. Questions, choices, bounds, units, labels and help come from the core's
// schema() and the pack's menu(); answers, sentences and errors come from check()/estimate().
// Which questions a pack asks is read from the pack itself: the fields its rules say they need
// (the `provide` lists of a check with nothing given) and the facts its funding rules test.
// The element's own words live in ./catalogue.js.

import { Calculator, GaizaoError } from '../js/gaizao.js';
import MANIFEST from 'gaizao:manifest';
import CSS from './styles.css';
import { hasLang, loadLang, t } from './catalogue.js';

const SAVE_KEY = 'gaizao.element.v1';
const HASH_KEY = 'gz';
const SIDES = ['beforeMeter', 'afterMeter'];

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** Builds an element: h('p', {class: 'x', text: '…'}, child, …). Text only, never HTML. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'on') for (const [ev, f] of Object.entries(v)) el.addEventListener(ev, f);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const isEmpty = (v) => v === undefined || v === null || v === '';
let uid = 0;

/** Sets obj[a][b]… = value for the path "a.b". */
function put(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

function bytesToB64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function b64ToBytes(text) {
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

// Share links: `gz=z.<base64url of deflate-raw(JSON)>` where the browser compresses
// (CompressionStream), else `gz=<base64url of the JSON>`; both are read back. A link's answers
// are inflated to at most LINK_MAX bytes.
const LINK_MAX = 1 << 16;
async function linkEncode(text) {
  if (typeof CompressionStream === 'function') {
    try {
      const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      return `z.${bytesToB64(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
    } catch { /* fall through to the plain form */ }
  }
  return bytesToB64(new TextEncoder().encode(text));
}
async function linkDecode(value) {
  if (!value.startsWith('z.')) return new TextDecoder().decode(b64ToBytes(value));
  const reader = new Blob([b64ToBytes(value.slice(2))]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    size += chunk.length;
    if (size > LINK_MAX) { reader.cancel(); throw new Error('link too large'); }
    parts.push(chunk);
  }
  return new TextDecoder().decode(await new Blob(parts).arrayBuffer());
}

/** An empty set of answers. */
function blank() {
  return { facts: {}, items: {}, household: {}, benchmark: '', overrides: {}, elevator: { method: '', exemptFloors: '', floors: [] }, waiver: {} };
}

/** Answers read back from storage or a link, keeping only the known shapes (plain values). */
function clean(raw) {
  const s = blank();
  if (!raw || typeof raw !== 'object') return s;
  const plain = (v) => (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? v : undefined);
  const flat = (o) => Object.fromEntries(Object.entries(o && typeof o === 'object' ? o : {}).filter(([, v]) => plain(v) !== undefined));
  s.facts = flat(raw.facts);
  s.household = flat(raw.household);
  s.waiver = flat(raw.waiver);
  s.benchmark = typeof raw.benchmark === 'string' ? raw.benchmark : '';
  for (const [id, it] of Object.entries(raw.items && typeof raw.items === 'object' ? raw.items : {})) {
    if (!it || typeof it !== 'object') continue;
    s.items[id] = { on: it.on === true, one: flat(it.one), beforeMeter: flat(it.beforeMeter), afterMeter: flat(it.afterMeter) };
  }
  for (const [id, o] of Object.entries(raw.overrides && typeof raw.overrides === 'object' ? raw.overrides : {})) s.overrides[id] = flat(o);
  if (raw.elevator && typeof raw.elevator === 'object') {
    s.elevator.method = typeof raw.elevator.method === 'string' ? raw.elevator.method : '';
    s.elevator.exemptFloors = plain(raw.elevator.exemptFloors) ?? '';
    s.elevator.floors = Array.isArray(raw.elevator.floors) ? raw.elevator.floors.slice(0, 200).map(flat) : [];
  }
  return s;
}

export class GaizaoCalculatorElement extends HTMLElement {
  static observedAttributes = ['policy', 'lang', 'elderly'];

  #root;
  #calc = null;
  #started = false;
  #failed = null;
  #policy = null; // the pack in use
  #menu = null;
  #used = null; // the fields and facts the pack's rules use
  #state = blank();
  #prefill = null;
  #inputs = new Map(); // input path → { box, el, msg }
  #refs = { items: [], overrides: [], floors: [] };
  #check = null;
  #estimate = null;
  #problems = [];
  #screen = 0;
  #lastDetail = '';
  #lastErrors = '';
  #pendingLink = null;
  /** Why a share link in the address could not be opened (`unsupported`, `broken`), until the
   * person dismisses the notice: a link is never dropped without a word. */
  #linkProblem = null;
  #shareHousehold = false;
  #flash = '';
  #regions = {};
  #id = `gz${++uid}`;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
    this.#skeleton();
  }

  // ---------- the host's API ----------

  /** The facts to prefill, as an `Estate` (the portal's compound page knows some). */
  set estate(value) {
    this.#prefill = value && typeof value === 'object' ? value : null;
    if (this.#menu) {
      this.#applyPrefill();
      this.#render();
    }
  }
  get estate() {
    return this.#estateValue();
  }
  /** The latest results: `{ eligibility, estimate }` (either may be null). */
  get result() {
    return { eligibility: this.#check, estimate: this.#estimate };
  }
  /** The calculator this element uses (its own instance). */
  get calculator() {
    return this.#calc;
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    this.#start();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.#calc) return;
    if (name === 'policy') this.#choose(after || null, { fromAttribute: true });
    else this.#render();
  }

  get #lang() {
    return (this.getAttribute('lang') || '').toLowerCase().startsWith('en') ? 'en' : 'zh';
  }
  get #elderly() {
    return this.hasAttribute('elderly');
  }
  #t(key, vars) {
    return t(this.#lang, key, vars);
  }
  #tx(text) {
    return text ? (text[this.#lang] ?? text.zh ?? '') : '';
  }

  // ---------- start-up ----------

  #skeleton() {
    this.#root.replaceChildren(
      h('div', { class: 'wrap skeleton', part: 'skeleton', 'aria-busy': 'true' },
        h('p', { class: 'loading', role: 'status', text: t(this.#lang, 'loading') }),
        h('div', { class: 'bone' }), h('div', { class: 'bone tall' }), h('div', { class: 'bone' })),
    );
  }

  async #start() {
    try {
      const fixed = this.getAttribute('policy');
      // The fixed pack and its bases download while the module compiles (not after it).
      const early = new Map();
      const packs = JSON.parse(MANIFEST).packs;
      for (let id = fixed; id;) {
        const p = packs.find((x) => x.id === id);
        if (!p) break;
        const url = new URL(`./policies/${p.file}`, import.meta.url).href;
        const f = fetch(url);
        f.catch(() => {}); // a failure is reported where the pack is read
        early.set(url, f);
        id = p.base;
      }
      const fetchEarly = (url) => {
        const hit = early.get(String(url));
        early.delete(String(url));
        return hit ?? fetch(url);
      };
      // The page's words (English is a file of its own) load while the module compiles.
      const words = loadLang(this.#lang);
      words.catch(() => {}); // a failure is reported where it is awaited
      this.#calc = await Calculator.create({ manifest: MANIFEST, fetch: fetchEarly });
      await words;
      const saved = this.#readSaved();
      const link = await this.#readLink();
      if (link?.problem) this.#linkProblem = link.problem;
      const policy = fixed || link?.policy || saved?.policy || null;
      if (saved && (!fixed || saved.policy === fixed)) this.#state = clean(saved.state);
      if (link?.state && (!fixed || link.policy === fixed)) {
        if (saved && JSON.stringify(clean(saved.state)) !== JSON.stringify(clean(link.state))) this.#pendingLink = link;
        else this.#state = clean(link.state);
      }
      await this.#choose(policy, { keep: true });
      this.setAttribute('data-ready', '');
      performance.mark?.(`gaizao-ready`);
      this.dispatchEvent(new CustomEvent('gaizao-ready', { bubbles: true, composed: true }));
    } catch (e) {
      this.#fail(e);
    }
  }

  #fail(e) {
    const err = e instanceof GaizaoError ? e : null;
    this.#failed = e;
    this.#root.replaceChildren(h('div', { class: 'wrap' }, h('section', { class: 'errors', role: 'alert', part: 'error' },
      h('p', { text: this.#t('loadFailed') }),
      err ? h('p', { text: this.#lang === 'en' ? err.messageEn : err.messageZh }) : null)));
    const detail = { code: err?.code ?? 'loadFailed', field: err?.field, message: err ? { zh: err.messageZh, en: err.messageEn } : { zh: t('zh', 'loadFailed'), en: t('en', 'loadFailed') }, problems: err?.problems ?? [] };
    this.dispatchEvent(new CustomEvent('gaizao-error', { detail, bubbles: true, composed: true }));
  }

  /** Loads `id` (or shows the chooser when null) and renders. */
  async #choose(id, { keep = false } = {}) {
    if (!this.#calc) return;
    if (id && !this.#calc.builtIn().some((p) => p.id === id)) id = null;
    this.#policy = id;
    this.#menu = null;
    this.#used = null;
    this.#check = null;
    this.#estimate = null;
    this.#screen = 0;
    if (!keep) {
      // Facts of the compound stay; what depends on the pack's menu does not.
      this.#state = { ...blank(), facts: this.#state.facts, household: this.#state.household };
    }
    if (id) {
      try {
        await this.#calc.loadBuiltin(id);
      } catch (e) {
        this.#fail(e);
        return;
      }
      if (this.#policy !== id) return; // another choice came in meanwhile
      this.#menu = this.#calc.menu(id);
      this.#used = this.#usedFields(id);
      this.#applyPrefill();
    }
    this.#render();
  }

  /** The fields the pack's rules read: what a check with nothing given asks for, and the facts
   * its funding rules test. */
  #usedFields(id) {
    const empty = this.#calc.check(id, {});
    const eligibility = new Set(empty.findings.flatMap((f) => f.provide));
    const cost = new Set();
    for (const f of this.#menu.funding) for (const k of Object.keys(f.applies?.when ?? {})) if (!eligibility.has(k)) cost.add(k);
    return { eligibility, cost, has: (k) => eligibility.has(k) || cost.has(k) };
  }

  #applyPrefill() {
    if (!this.#prefill) return;
    const walk = (o, prefix) => {
      for (const [k, v] of Object.entries(o)) {
        const path = prefix ? `${prefix}.${k}` : k;
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, path);
        else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') this.#state.facts[path] = typeof v === 'number' ? String(v) : v;
      }
    };
    walk(this.#prefill, '');
  }

  // ---------- the questions ----------

  #schemaTable(name) {
    return this.#calc.schema().tables.find((tb) => tb.name === name);
  }

  /** Estate questions split by audience, in the schema's order, then the pack's own facts:
   * those the eligibility rules read (`eligibility`), or only the funding rules (`cost`). */
  #questions(which = 'eligibility') {
    const wanted = this.#used[which];
    const estate = this.#schemaTable('Estate');
    const groups = new Map(estate.fields.filter((f) => f.kind === 'group').map((f) => [f.key, f]));
    const leaf = estate.fields.filter((f) => f.kind !== 'group' && wanted.has(f.key)).map((f) => ({ ...f, group: groups.get(f.key.split('.')[0]) && f.key.includes('.') ? groups.get(f.key.split('.')[0]) : null }));
    const local = this.#menu.facts.filter((f) => wanted.has(f.key)).map((f) => ({
      key: f.key, kind: f.kind, label: f.label, help: f.help, audience: f.audience, yes: f.yes, no: f.no,
      choices: f.kind === 'choice' ? f.choices.map((c) => ({ id: c.id, label: c.label })) : undefined,
    }));
    const all = [...leaf, ...local];
    return { resident: all.filter((f) => f.audience === 'resident'), official: all.filter((f) => f.audience !== 'resident') };
  }

  #field(name, key) {
    return this.#schemaTable(name).fields.find((f) => f.key === key);
  }

  /** One question: label, help, the input (from the field's kind), unit, and its error line. */
  #input(spec, path, get, set, { ask = false, label } = {}) {
    const id = `${this.#id}-${path.replace(/[^\w-]/g, '_')}`;
    const help = this.#tx(spec.help);
    const msg = h('p', { class: 'error', id: `${id}-err`, hidden: true });
    const helpEl = help ? h('p', { class: 'help', id: `${id}-help`, text: help }) : null;
    const describedBy = [helpEl ? `${id}-help` : null, `${id}-err`].filter(Boolean).join(' ');
    const text = label ?? this.#tx(spec.label);
    const value = get();
    let box;
    let focusEl;
    if (spec.kind === 'choice' && spec.choices.length > 5) {
      const select = h('select', { id, 'aria-describedby': describedBy, on: { change: () => { set(select.value || null); this.#update(); } } },
        h('option', { value: '', text: this.#t('unknown') }),
        spec.choices.map((c) => h('option', { value: c.id, selected: value === c.id, text: this.#tx(c.label) })));
      focusEl = select;
      box = h('div', { class: 'field' }, h('label', { class: ask ? 'label ask' : 'label', for: id, text }), helpEl, select, msg);
    } else if (spec.kind === 'bool' || spec.kind === 'choice') {
      const options = spec.kind === 'bool'
        ? [[true, spec.yes ? this.#tx(spec.yes) : this.#t('yes')], [false, spec.no ? this.#tx(spec.no) : this.#t('no')]]
        : spec.choices.map((c) => [c.id, this.#tx(c.label)]);
      options.push([null, this.#t('unknown')]);
      const name = `${id}-r`;
      const radios = options.map(([v, l], i) => {
        const input = h('input', { type: 'radio', name, id: `${id}-${i}`, checked: isEmpty(value) ? v === null : value === v, on: { change: () => { set(v); this.#update(); } } });
        return h('label', { class: 'choice', for: `${id}-${i}` }, input, h('span', { text: l }));
      });
      focusEl = radios[0].querySelector('input');
      box = h('fieldset', { class: 'field', 'aria-describedby': describedBy },
        h('legend', { class: ask ? 'ask' : null, text }), helpEl, h('div', { class: 'choices' }, radios), msg);
    } else {
      const numeric = ['year', 'count', 'decimal', 'share'].includes(spec.kind);
      const input = h('input', {
        id, type: numeric ? 'number' : 'text',
        inputmode: numeric ? (spec.kind === 'year' || spec.kind === 'count' ? 'numeric' : 'decimal') : null,
        min: spec.min, max: spec.max, step: numeric ? (spec.kind === 'year' || spec.kind === 'count' ? '1' : 'any') : null,
        maxlength: spec.maxChars, autocomplete: 'off', 'aria-describedby': describedBy,
        value: isEmpty(value) || Number.isNaN(value) ? '' : String(value),
      });
      input.addEventListener('input', () => {
        set(input.validity.badInput ? Number.NaN : input.value === '' ? null : input.value);
        this.#update();
      });
      focusEl = input;
      const unit = spec.unitLabel ? this.#tx(spec.unitLabel) : spec.unitText ?? '';
      box = h('div', { class: 'field' },
        h('label', { class: ask ? 'label ask' : 'label', for: id, text }), helpEl,
        h('div', { class: 'row' }, input, unit ? h('span', { class: 'unit', text: unit }) : null), msg);
    }
    this.#inputs.set(path, { box, el: focusEl, msg });
    return box;
  }

  #factInput(spec, opts) {
    return this.#input(spec, `estate.${spec.key}`, () => this.#state.facts[spec.key], (v) => {
      if (isEmpty(v)) delete this.#state.facts[spec.key];
      else this.#state.facts[spec.key] = v;
    }, opts);
  }

  #sceneInput(table, key, path, obj, prop, opts) {
    return this.#input(this.#field(table, key), path, () => obj[prop], (v) => {
      if (isEmpty(v)) delete obj[prop];
      else obj[prop] = v;
    }, opts);
  }

  // ---------- inputs → Estate / Scenario ----------

  #estateValue() {
    const e = {};
    for (const [k, v] of Object.entries(this.#state.facts)) put(e, k, Number.isNaN(v) ? Number.NaN : v);
    return e;
  }

  #hasFacts() {
    return Object.keys(this.#state.facts).length > 0;
  }

  #menuItems() {
    return this.#menu.categories.flatMap((c) => c.items.map((i) => ({ ...i, categoryName: c.name })));
  }

  #scenario() {
    const s = { estate: this.#estateValue() };
    const items = [];
    this.#refs.items = [];
    for (const item of this.#menuItems()) {
      const st = this.#state.items[item.id];
      if (!st?.on) continue;
      for (const side of item.pipeline ? SIDES : ['one']) {
        const v = st[side] ?? {};
        const given = ['amount', 'quantity', 'unitPrice'].filter((k) => !isEmpty(v[k]));
        if (!given.length) continue;
        const choice = { item: item.id };
        for (const k of given) choice[k] = v[k];
        if (item.pipeline) choice.segment = side;
        items.push(choice);
        this.#refs.items.push(`items.${item.id}.${side}`);
      }
    }
    s.items = items;
    if (this.#state.benchmark) s.benchmark = this.#state.benchmark;
    const hh = Object.fromEntries(Object.entries(this.#state.household).filter(([, v]) => !isEmpty(v)));
    if (Object.keys(hh).length) s.household = hh;
    const overrides = [];
    this.#refs.overrides = [];
    for (const rule of this.#menu.funding) {
      const edit = this.#state.overrides[rule.id];
      if (!edit || !Object.keys(edit).length) continue;
      const shares = rule.shares.map((sh) => ({ party: sh.party, weight: edit[sh.party] ?? sh.weight }));
      overrides.push({ rule: rule.id, shares });
      this.#refs.overrides.push({ rule: rule.id, parties: shares.map((x) => x.party) });
    }
    if (overrides.length) s.fundingOverrides = overrides;
    const el = this.#state.elevator;
    const floors = el.floors.filter((r) => Object.values(r).some((v) => !isEmpty(v)));
    this.#refs.floors = floors.map((r) => el.floors.indexOf(r));
    if (el.method || floors.length) {
      s.elevator = { method: el.method || null, floors: floors.map((r) => ({ ...r })) };
      if (!isEmpty(el.exemptFloors)) s.elevator.exemptFloors = el.exemptFloors;
    }
    const w = Object.fromEntries(Object.entries(this.#state.waiver).filter(([, v]) => !isEmpty(v)));
    if (Object.keys(w).length) s.waiver = { households: null, payer: null, ...w };
    return s;
  }

  /** An error's field path (as the core writes it) → the input path of this form. */
  #inputPath(field, call) {
    if (!field) return null;
    if (call === 'check') return `estate.${field}`;
    let m = /^items\[(\d+)\]\.(\w+)$/.exec(field);
    if (m) return this.#refs.items[Number(m[1])] ? `${this.#refs.items[Number(m[1])]}.${m[2]}` : null;
    m = /^fundingOverrides\[(\d+)\]\.shares\[(\d+)\]\.weight$/.exec(field);
    if (m) {
      const ref = this.#refs.overrides[Number(m[1])];
      return ref ? `overrides.${ref.rule}.${ref.parties[Number(m[2])]}` : null;
    }
    m = /^elevator\.floors\[(\d+)\]\.(\w+)$/.exec(field);
    if (m) return `elevator.floors.${this.#refs.floors[Number(m[1])]}.${m[2]}`;
    return field;
  }

  // ---------- computing ----------

  /** Recomputes from the inputs (live, on every change) and refreshes the result regions. */
  #update() {
    this.#compute();
    this.#paintResults();
  }

  #compute() {
    this.#problems = [];
    this.#check = null;
    this.#estimate = null;
    if (!this.#menu) return;
    if (this.#hasFacts()) {
      try {
        this.#check = this.#calc.check(this.#policy, this.#estateValue(), { lang: 'both' });
      } catch (e) {
        if (!(e instanceof GaizaoError)) throw e;
        for (const p of e.problems) this.#problems.push({ ...p, path: this.#inputPath(p.field, 'check') });
      }
    }
    const scenario = this.#scenario();
    if (scenario.items.length || scenario.benchmark) {
      try {
        this.#estimate = this.#calc.estimate(this.#policy, scenario, { lang: 'both' });
      } catch (e) {
        if (!(e instanceof GaizaoError)) throw e;
        for (const p of e.problems) {
          const path = this.#inputPath(p.field, 'estimate');
          if (!this.#problems.some((q) => q.path === path && q.code === p.code)) this.#problems.push({ ...p, path });
        }
      }
    }
    this.#emit();
  }

  #emit() {
    const e = this.#estimate;
    const c = this.#check;
    const detail = {
      policy: this.#policy,
      verdict: c?.verdict ?? null,
      summary: c?.texts ? { zh: c.texts.zh?.summary, en: c.texts.en?.summary } : null,
      status: c?.status ?? e?.status ?? null,
      total: e?.total ?? null,
      shares: e?.shares.map((s) => ({ party: s.party, amount: s.amount, basis: s.basis, name: s.texts })) ?? [],
      household: e?.household ?? null,
      packs: (c ?? e)?.packs ?? [],
      eligibility: c,
      estimate: e,
    };
    const key = JSON.stringify([detail.verdict, detail.summary, detail.total, detail.shares, detail.household]);
    if ((c || e) && key !== this.#lastDetail) {
      this.#lastDetail = key;
      this.dispatchEvent(new CustomEvent('gaizao-result', { detail, bubbles: true, composed: true }));
    }
    const errs = JSON.stringify(this.#problems.map((p) => [p.code, p.field]));
    if (this.#problems.length && errs !== this.#lastErrors) {
      const p = this.#problems[0];
      this.dispatchEvent(new CustomEvent('gaizao-error', { detail: { code: p.code, field: p.field, message: p.message, problems: this.#problems.map(({ path, ...q }) => q) }, bubbles: true, composed: true }));
    }
    this.#lastErrors = errs;
  }

  // ---------- rendering ----------

  #render() {
    if (!this.#calc || this.#failed) return;
    if (!hasLang(this.#lang)) {
      // English words not loaded yet (the language changed): render once they are.
      loadLang(this.#lang).then(() => this.#render(), (e) => this.#fail(e));
      return;
    }
    this.#inputs = new Map();
    this.#regions = {};
    const wrap = h('div', { class: 'wrap', lang: this.#lang === 'en' ? 'en' : 'zh-CN' });
    wrap.append(this.#header());
    if (this.#pendingLink) wrap.append(this.#linkPrompt());
    if (this.#linkProblem) wrap.append(this.#linkNotice());
    wrap.append(h('div', { class: 'errors-live', part: 'errors' }));
    if (!this.getAttribute('policy') && !this.#policy) wrap.append(this.#chooser());
    if (this.#menu) {
      wrap.append(this.#placeLine());
      if (this.#elderly) wrap.append(this.#wizard());
      else wrap.append(this.#facts(), this.#items(), this.#pay());
    }
    wrap.append(this.#footer());
    this.#root.replaceChildren(wrap);
    this.#compute();
    this.#paintResults();
  }

  #header() {
    const other = this.#lang === 'en' ? 'zh-CN' : 'en';
    return h('header', { part: 'header' },
      h('p', { class: 'title', text: this.#t('title') }),
      h('div', { class: 'tools' },
        h('button', { type: 'button', lang: other, title: this.#t('languageName'), text: this.#t('language'), on: { click: () => this.setAttribute('lang', other) } }),
        h('button', { type: 'button', 'aria-pressed': String(this.#elderly), text: this.#elderly ? this.#t('elderlyOn') : this.#t('elderly'), on: { click: () => this.toggleAttribute('elderly') } })));
  }

  /** "text（aside）" in Chinese, "text (aside)" in English. */
  #paren(text, aside) {
    return this.#lang === 'en' ? `${text} (${aside})` : `${text}（${aside}）`;
  }
  #colon() {
    return this.#lang === 'en' ? ': ' : '：';
  }

  #packName(p) {
    const j = this.#tx(p.jurisdiction);
    return p.status === 'draftForComment' ? this.#paren(j, this.#t('draft')) : j;
  }

  #chooser() {
    const id = `${this.#id}-place`;
    const select = h('select', { id, on: { change: () => { this.#choose(select.value || null); } } },
      h('option', { value: '', text: this.#t('chooseNone') }),
      this.#calc.builtIn().map((p) => h('option', { value: p.id, selected: p.id === this.#policy, text: `${this.#packName(p)} — ${this.#tx(p.name)}` })));
    return h('section', { part: 'chooser' },
      h('h2', { text: this.#t('choose') }),
      h('p', { class: 'help', id: `${id}-help`, text: this.#t('chooseHelp') }),
      h('label', { class: 'label', for: id, text: this.#t('choosePrompt') }),
      select);
  }

  #placeLine() {
    const p = this.#calc.builtIn().find((x) => x.id === this.#policy);
    return h('p', { class: 'place', part: 'place' }, h('strong', { text: `${this.#packName(p)}${this.#colon()}` }), `${this.#tx(p.name)} `,
      this.getAttribute('policy') ? null : h('button', { type: 'button', text: this.#t('changePlace'), on: { click: () => { this.#choose(null); } } }));
  }

  #facts() {
    const q = this.#questions();
    const sec = h('section', { part: 'questions', 'aria-labelledby': `${this.#id}-q1` },
      h('h2', { id: `${this.#id}-q1`, text: this.#t('q1') }),
      h('p', { class: 'help', text: this.#t('q1Help') }),
      q.resident.map((f) => this.#factInput(f)));
    const verdict = h('div', { part: 'verdict-region', 'aria-live': 'polite' });
    this.#regions.verdict = verdict;
    sec.append(verdict);
    if (q.official.length) {
      sec.append(h('details', { part: 'details', open: q.official.some((f) => !isEmpty(this.#state.facts[f.key])) },
        h('summary', { text: this.#t('more') }),
        q.official.map((f) => this.#factInput(f, { label: f.group ? `${this.#tx(f.label)}` : undefined }))));
    }
    return sec;
  }

  #items() {
    const sec = h('section', { part: 'items', 'aria-labelledby': `${this.#id}-q2` },
      h('h2', { id: `${this.#id}-q2`, text: this.#t('q2') }),
      h('p', { class: 'help', text: this.#t('q2Help') }));
    for (const c of this.#menu.categories) sec.append(this.#category(c));
    if (this.#menu.benchmarks.length) sec.append(this.#benchmark());
    return sec;
  }

  #category(c, { ask = false, amounts = true } = {}) {
    return h('fieldset', { class: 'category' }, h('legend', { class: ask ? 'ask' : null, text: this.#tx(c.name) }),
      c.items.map((i) => this.#item(i, { amounts })));
  }

  #unitName(unit) {
    return this.#tx(this.#menu.units?.find((u) => u.unit === unit)?.name) || '';
  }

  #item(item, { amounts: withAmounts = true } = {}) {
    const st = (this.#state.items[item.id] ??= { on: false, one: {}, beforeMeter: {}, afterMeter: {} });
    const id = `${this.#id}-item-${item.id}`;
    const box = h('div', { class: 'item', 'data-item': item.id });
    const amounts = h('div', { class: 'amounts', hidden: !st.on || !withAmounts });
    const cb = h('input', { type: 'checkbox', id, checked: st.on, on: { change: () => { st.on = cb.checked; amounts.hidden = !cb.checked || !withAmounts; this.#update(); } } });
    box.append(h('label', { class: 'choice', for: id }, cb, h('span', { text: this.#tx(item.name) })));
    const segment = this.#field('ItemChoice', 'segment');
    for (const side of item.pipeline ? SIDES : ['one']) {
      const v = (st[side] ??= {});
      const sideLabel = side === 'one' ? '' : this.#tx(segment.choices.find((c) => c.id === side)?.label);
      const amountSpec = this.#field('ItemChoice', 'amount');
      const path = `items.${item.id}.${side}`;
      const label = side === 'one' ? this.#tx(amountSpec.label) : this.#t('amountFor', { item: sideLabel, what: this.#tx(amountSpec.label) });
      const group = h('div', { class: 'side' }, this.#sceneInput('ItemChoice', 'amount', `${path}.amount`, v, 'amount', { label }));
      if (!this.#elderly) {
        const unit = this.#unitName(item.unit);
        const qSpec = { ...this.#field('ItemChoice', 'quantity'), unitLabel: null, unitText: unit };
        group.append(h('details', { open: !isEmpty(v.quantity) || !isEmpty(v.unitPrice) }, h('summary', { text: this.#t('moreItem') }),
          this.#input(qSpec, `${path}.quantity`, () => v.quantity, (x) => { if (isEmpty(x)) delete v.quantity; else v.quantity = x; }),
          this.#sceneInput('ItemChoice', 'unitPrice', `${path}.unitPrice`, v, 'unitPrice', { label: unit ? this.#paren(this.#tx(this.#field('ItemChoice', 'unitPrice').label), `${this.#t('unitYuan')}/${unit}`) : undefined })));
      }
      amounts.append(group);
    }
    if (!this.#elderly && this.#tx(item.standard)) amounts.append(h('p', { class: 'standard', text: this.#tx(item.standard) }));
    box.append(amounts);
    return box;
  }

  #benchmark() {
    const spec = this.#field('Scenario', 'benchmark');
    const id = `${this.#id}-benchmark`;
    const select = h('select', { id, on: { change: () => { this.#state.benchmark = select.value; this.#update(); } } },
      h('option', { value: '', text: this.#t('benchmarkNone') }),
      this.#menu.benchmarks.map((b) => h('option', { value: b.id, selected: this.#state.benchmark === b.id, text: `${this.#tx(b.label)}：${this.#money(b.amount)}` })));
    const msg = h('p', { class: 'error', hidden: true });
    const box = h('div', { class: 'field' }, h('label', { class: 'label', for: id, text: `${this.#tx(spec.label)}` }),
      h('p', { class: 'help', text: this.#tx(spec.help) }), select, msg);
    this.#inputs.set('benchmark', { box, el: select, msg });
    return h('details', { part: 'details', open: !!this.#state.benchmark }, h('summary', { text: this.#t('more') }), box);
  }

  #pay() {
    const sec = h('section', { part: 'pay', 'aria-labelledby': `${this.#id}-q3` }, h('h2', { id: `${this.#id}-q3`, text: this.#t('q3') }));
    sec.append(...this.#householdFields());
    const est = h('div', { part: 'estimate-region', 'aria-live': 'polite' });
    this.#regions.estimate = est;
    sec.append(est);
    sec.append(this.#officialPay());
    return sec;
  }

  #householdFields() {
    const out = [];
    const q = this.#questions();
    const households = this.#field('Estate', 'households');
    if (!q.resident.some((f) => f.key === 'households')) out.push(this.#factInput(households));
    for (const f of this.#questions('cost').resident) out.push(this.#factInput(f));
    const hh = this.#state.household;
    out.push(this.#sceneInput('Scenario', 'household.floor', 'household.floor', hh, 'floor'));
    out.push(this.#sceneInput('Scenario', 'household.area', 'household.area', hh, 'area'));
    return out;
  }

  #officialPay() {
    const d = h('details', { part: 'details', open: Object.keys(this.#state.overrides).length > 0 || this.#state.elevator.floors.length > 0 });
    d.append(h('summary', { text: this.#t('more') }));
    d.append(this.#factInput(this.#field('Estate', 'floorArea')));
    for (const f of this.#questions('cost').official) d.append(this.#factInput(f));
    // Cost shares, rule by rule (only parties the schema names; a rule's "utility of the line"
    // stands for several parties and is not editable here).
    const parties = this.#field('Scenario', 'waiver.payer').choices;
    const editable = this.#menu.funding.filter((r) => r.shares.every((s) => parties.some((p) => p.id === s.party)));
    const sharesBox = h('div', { class: 'shares-box' }, h('h3', { text: this.#t('shares') }), h('p', { class: 'help', text: this.#t('sharesHelp') }));
    this.#regions.shares = sharesBox;
    this.#regions.sharesRules = editable;
    d.append(sharesBox);
    // Elevator split, when an elevator item is chosen.
    const lift = h('div', { class: 'lift-box' });
    this.#regions.lift = lift;
    d.append(lift);
    // Hardship waiver.
    const w = this.#state.waiver;
    d.append(h('h3', { text: this.#t('waiver') }),
      this.#sceneInput('Scenario', 'waiver.households', 'waiver.households', w, 'households'),
      this.#sceneInput('Scenario', 'waiver.share', 'waiver.share', w, 'share'),
      this.#sceneInput('Scenario', 'waiver.payer', 'waiver.payer', w, 'payer'));
    return d;
  }

  /** The share editors of the rules the current lines use (rebuilt when the lines change). */
  #paintShares() {
    const box = this.#regions.shares;
    if (!box) return;
    const used = new Set((this.#estimate?.lines ?? []).map((l) => l.fundingRule));
    for (const k of Object.keys(this.#state.overrides)) used.add(k);
    const key = [...used].sort().join(',');
    if (box.dataset.rules === key) return;
    box.dataset.rules = key;
    box.querySelectorAll('.rule').forEach((n) => n.remove());
    const parties = this.#field('Scenario', 'waiver.payer').choices;
    const weight = this.#field('ShareInput', 'weight');
    for (const rule of this.#regions.sharesRules.filter((r) => used.has(r.id))) {
      const edit = this.#state.overrides[rule.id] ?? {};
      const fs = h('fieldset', { class: 'rule' }, h('legend', { text: this.#tx(rule.label) }));
      for (const s of rule.shares) {
        const name = this.#tx(parties.find((p) => p.id === s.party)?.label);
        fs.append(h('div', { class: 'party' }, this.#input({ ...weight, help: null }, `overrides.${rule.id}.${s.party}`, () => edit[s.party] ?? s.weight, (v) => {
          const o = (this.#state.overrides[rule.id] ??= {});
          if (isEmpty(v)) delete o[s.party];
          else o[s.party] = v;
          if (!Object.keys(o).length) delete this.#state.overrides[rule.id];
        }, { label: name })));
      }
      if (this.#state.overrides[rule.id]) {
        fs.append(h('button', { type: 'button', text: this.#t('sharesReset'), on: { click: () => { delete this.#state.overrides[rule.id]; box.dataset.rules = ''; this.#update(); } } }));
      }
      box.append(fs);
    }
    box.hidden = used.size === 0;
  }

  /** The elevator floor table, shown when an elevator item is chosen. */
  #paintLift() {
    const box = this.#regions.lift;
    if (!box) return;
    const lift = this.#menuItems().some((i) => i.elevator && this.#state.items[i.id]?.on);
    const el = this.#state.elevator;
    const key = `${lift}:${el.floors.length}:${el.method}`;
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.replaceChildren();
    if (!lift) return;
    box.append(h('h3', { text: this.#t('floors') }), h('p', { class: 'help', text: this.#t('floorsHelp') }),
      this.#sceneInput('Scenario', 'elevator.method', 'elevator.method', el, 'method'),
      this.#sceneInput('Scenario', 'elevator.exemptFloors', 'elevator.exemptFloors', el, 'exemptFloors'));
    el.floors.forEach((row, i) => {
      const cells = ['floor', 'households'];
      if (el.method === 'area') cells.push('area');
      if (el.method === 'coefficients') cells.push('coefficient');
      box.append(h('div', { class: 'floor-row' }, cells.map((k) => this.#sceneInput('FloorInput', k, `elevator.floors.${i}.${k}`, row, k)),
        h('button', { type: 'button', text: this.#t('floorRemove'), on: { click: () => { el.floors.splice(i, 1); box.dataset.key = ''; this.#update(); } } })));
    });
    box.append(h('button', { type: 'button', text: this.#t('floorAdd'), on: { click: () => { el.floors.push({}); box.dataset.key = ''; this.#update(); } } }));
  }

  // ---------- results ----------

  #paintResults() {
    this.#paintShares();
    this.#paintLift();
    if (this.#regions.verdict) {
      const v = this.#verdict();
      // 长辈版's answer screen reached with nothing answered: say so, rather than an empty box.
      if (!v.length && this.#elderly && !this.#hasFacts()) v.push(h('p', { class: 'pending', text: this.#t('q1NoAnswers') }));
      this.#regions.verdict.replaceChildren(...v);
    }
    if (this.#regions.estimate) this.#regions.estimate.replaceChildren(...this.#estimateView());
    if (this.#regions.bill) this.#regions.bill.replaceChildren(...this.#estimateView({ billOnly: true }));
    this.#paintErrors();
  }

  #paintErrors() {
    const shown = new Set();
    for (const [path, { box, el, msg }] of this.#inputs) {
      const mine = this.#problems.filter((p) => p.path === path);
      msg.hidden = !mine.length;
      msg.textContent = mine.map((p) => this.#tx(p.message)).join(' ');
      el?.setAttribute('aria-invalid', mine.length ? 'true' : 'false');
      if (el?.type === 'radio') box.querySelectorAll('input').forEach((r) => r.setAttribute('aria-invalid', mine.length ? 'true' : 'false'));
      box.classList.toggle('invalid', !!mine.length);
      if (mine.length) shown.add(path);
    }
    const rest = this.#problems;
    const node = this.#root.querySelector('.errors-live');
    const list = rest.length
      ? [h('div', { class: 'errors', role: 'alert', part: 'errors' }, h('p', { text: this.#t('errorsTitle') }),
        h('ul', {}, rest.map((p) => {
          const target = this.#inputs.get(p.path)?.el;
          return h('li', {}, target ? h('a', { href: '#', text: this.#tx(p.message), on: { click: (ev) => { ev.preventDefault(); target.focus(); } } }) : this.#tx(p.message));
        })))]
      : [];
    if (node) node.replaceChildren(...list);
  }

  #source(src) {
    const zhDoc = [src.document, src.clause].filter(Boolean).join(' ');
    return h('p', { class: 'source' }, `${this.#t('source')}${this.#colon()}`,
      h('span', { lang: 'zh-CN', text: zhDoc }),
      this.#lang === 'en' ? [' ', h('span', { class: 'orig', text: this.#t('chineseOriginal') })] : null,
      src.quote ? [' ', h('q', { lang: 'zh-CN', text: src.quote })] : null);
  }

  #verdict() {
    const c = this.#check;
    if (!c) return [];
    const tx = c.texts[this.#lang];
    const icon = { eligible: '✓', ineligible: '✗', undetermined: '?' }[c.verdict];
    const box = h('div', { class: `block verdict ${c.verdict}`, part: 'verdict' },
      h('h3', { class: 'sr', text: this.#t('answer') }),
      h('p', { class: `summary${tx.summary.length > 80 ? ' long' : ''}` }, h('span', { class: 'icon', 'aria-hidden': 'true', text: icon }), h('span', { text: tx.summary })));
    if (tx.statusNote) box.append(h('p', { class: 'status-note', text: `ⓘ ${tx.statusNote}` }));
    if (c.verdict === 'undetermined' && c.toProvide.length) {
      const q = this.#questions();
      const resident = new Set(q.resident.map((f) => f.key));
      const name = (k) => tx.toProvide[c.toProvide.indexOf(k)];
      const mine = c.toProvide.filter((k) => resident.has(k));
      const theirs = c.toProvide.filter((k) => !resident.has(k));
      box.append(h('h3', { text: this.#t('stillNeeded') }));
      const list = () => h('ul', {}, mine.map((k) => h('li', { text: name(k) })));
      // 长辈版: the summary above already names the skipped questions; the list itself waits
      // behind a disclosure so that the answer stays within two phone screens.
      if (mine.length && this.#elderly) box.append(h('details', { class: 'needed' }, h('summary', { text: this.#t('neededResidentElderlyMore', { count: mine.length }) }), h('p', { text: this.#t('neededResidentElderly') }), list()));
      else if (mine.length) box.append(h('p', { text: this.#t('neededResident') }), list());
      // 长辈版: the officials' figures are not listed by name (they are the office's words);
      // one plain sentence says who has them.
      if (theirs.length && this.#elderly) box.append(h('p', { text: this.#t('neededOfficialElderly', { count: theirs.length }) }));
      else if (theirs.length) box.append(h('p', { text: this.#t('neededOfficial') }), h('ul', {}, theirs.map((k) => h('li', { text: name(k) }))));
    }
    const groups = [
      ['decisive', c.findings.filter((f) => f.role === 'decisive')],
      ['reminders', c.findings.filter((f) => f.role === 'warning' || f.role === 'advisory')],
      ['conditional', c.findings.filter((f) => f.role === 'conditional')],
    ].filter(([, fs]) => fs.length);
    box.append(h('details', { part: 'findings' }, h('summary', { text: this.#t(this.#elderly ? 'details' : 'why') }),
      groups.map(([g, fs]) => [h('h3', { text: this.#t(g) }), h('ul', { class: 'findings' }, fs.map((f) => this.#finding(f)))])));
    return [box];
  }

  #finding(f) {
    const tx = f.texts[this.#lang];
    const reminder = f.role !== 'decisive';
    const icon = f.role === 'conditional' ? '–' : reminder && f.outcome === 'fail' ? '!' : { pass: '✓', fail: '✗', unknown: '?' }[f.outcome];
    const word = f.role === 'conditional' ? '' : reminder && f.outcome === 'fail' ? this.#t('noteMark') : this.#t({ pass: 'pass', fail: 'fail', unknown: 'unknownOutcome' }[f.outcome]);
    return h('li', { class: `finding outcome-${f.outcome} ${reminder ? (f.role === 'conditional' ? 'conditional' : 'reminder') : ''}` },
      h('span', { class: 'icon', 'aria-hidden': 'true', text: icon }),
      h('div', {},
        h('p', { class: 'label' }, word ? h('span', { class: 'sr', text: `${word}：` }) : null, tx.label),
        h('p', { text: tx.message }),
        tx.roleNote ? h('p', { class: 'help', text: tx.roleNote }) : null,
        tx.assumption ? h('p', { class: 'help' }, h('span', { class: 'tag', text: this.#t('assumption') }), ' ', tx.assumption) : null,
        this.#source(tx.source)));
  }

  #money(amount) {
    const n = new Intl.NumberFormat(this.#lang === 'en' ? 'en' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return this.#lang === 'en' ? `${n.format(amount)} yuan` : `${n.format(amount)} 元`;
  }

  #basisTag(basis, borrowed) {
    if (basis === 'edited') return h('span', { class: 'tag edited', text: this.#t('edited') });
    if (basis === 'assumption') return h('span', { class: 'tag', text: borrowed ? this.#t('borrowed', { place: borrowed }) : this.#t('assumed') });
    return null;
  }

  /** Where the estimate's figures rest on another city's ratio: that city's name. */
  #borrowedPlaces(e) {
    const places = new Set();
    for (const a of e.assumptions) if (a.borrowedFrom && !a.edited) places.add(a.texts?.[this.#lang]?.borrowed || this.#tx(this.#calc.builtIn().find((p) => p.id === a.borrowedFrom)?.jurisdiction) || a.borrowedFrom);
    for (const n of e.notes) if (n.code === 'borrowedRatio') places.add(this.#tx(this.#calc.builtIn().find((p) => p.id === n.from)?.jurisdiction) || n.from);
    for (const l of e.lines) {
      const rule = this.#menu.funding.find((r) => r.id === l.fundingRule);
      if (rule?.borrowed && l.basis !== 'edited') places.add(this.#tx(rule.borrowed.jurisdiction));
    }
    return [...places];
  }

  #partyName(e, party) {
    const t = e.shares.find((s) => s.party === party)?.texts?.[this.#lang];
    return t || this.#tx(this.#field('Scenario', 'waiver.payer').choices.find((c) => c.id === party)?.label) || party;
  }

  #estimateView({ billOnly = false } = {}) {
    const e = this.#estimate;
    const out = [];
    if (!e) {
      if (!billOnly) out.push(h('p', { class: 'pending', text: this.#t('noItems') }));
      return out;
    }
    const tx = e.texts[this.#lang];
    const borrowed = this.#borrowedPlaces(e);
    const assumed = e.shares.some((s) => s.basis === 'assumption');
    const edited = e.shares.some((s) => s.basis === 'edited');
    // My household first: the question asked.
    const bill = h('div', { class: 'block bill', part: 'bill' }, h('h3', { text: this.#t('myBill') }));
    if (e.household) {
      const hb = e.household;
      bill.append(h('p', { class: 'figure' }, h('span', { class: 'total', text: this.#money(hb.total) }),
        assumed || edited ? this.#basisTag(edited && !assumed ? 'edited' : 'assumption', borrowed[0]) : null));
      const parts = [h('li', { text: `${this.#t('myBillShared')}${this.#colon()}${this.#money(hb.shared)}` })];
      if (hb.elevator) parts.push(h('li', { text: `${this.#t('myBillElevator')}${this.#colon()}${this.#money(hb.elevator)}` }));
      bill.append(h('ul', {}, parts));
      const leftOut = e.notes.findIndex((n) => n.code === 'householdElevatorLeftOut');
      if (hb.elevatorLeftOut && leftOut >= 0) bill.append(h('p', { class: 'status-note', text: `ⓘ ${tx.notes[leftOut]}` }));
    } else {
      bill.append(h('p', { class: 'pending', text: this.#t('myBillAsk') }));
      if (e.perHousehold) {
        bill.append(h('p', { class: 'figure' }, `${this.#t('perHousehold')}${this.#colon()}`, h('strong', { text: this.#money(e.perHousehold) })),
          h('p', { class: 'help', text: this.#t('perHouseholdNote') }));
      }
    }
    out.push(bill);
    if (billOnly) return out;
    // The total and who pays it.
    const whole = Number(e.total) || 1;
    out.push(h('div', { class: 'block', part: 'estimate' },
      h('h3', { text: this.#t('total') }),
      h('p', { class: 'figure' }, h('span', { class: 'total', text: this.#money(e.total) }), assumed || edited ? this.#basisTag(assumed ? 'assumption' : 'edited', borrowed[0]) : null),
      borrowed.length ? h('p', { class: 'help', text: this.#t('borrowed', { place: borrowed.join('、') }) }) : null,
      h('h3', { text: this.#t('whoPays') }),
      h('ul', { class: 'bars' }, e.shares.map((s) => {
        const bar = h('div', { class: `bar ${s.basis === 'assumption' ? 'assumption' : ''}`, 'aria-hidden': 'true' });
        bar.style.width = `${Math.max(0, Math.min(100, (Number(s.amount) / whole) * 100))}%`;
        return h('li', {}, h('div', { class: 'figure' }, h('span', { text: this.#partyName(e, s.party) }), h('strong', { text: this.#money(s.amount) }), this.#basisTag(s.basis, borrowed[0])), bar);
      })),
      e.benchmark ? h('p', { class: 'help' }, `${e.benchmark.texts?.[this.#lang]?.label ?? ''}${this.#colon()}${e.benchmark.texts?.[this.#lang]?.derivation ?? ''}`) : null,
      e.lines.length ? h('details', { part: 'lines' }, h('summary', { text: this.#t('lines') }), e.lines.map((l) => this.#line(e, l))) : null,
      tx.notes.length ? [h('h3', { text: this.#t('notes') }), h('ul', {}, tx.notes.map((n) => h('li', { text: n })))] : null));
    return out;
  }

  #line(e, l) {
    const tx = l.texts[this.#lang];
    const seg = l.segment ? this.#tx(this.#field('ItemChoice', 'segment').choices.find((c) => c.id === l.segment)?.label) : '';
    const rule = this.#menu.funding.find((r) => r.id === l.fundingRule);
    const edit = l.basis === 'edited' ? e.assumptions.find((a) => a.rule === l.fundingRule && a.edited) : null;
    const mine = edit ? edit.shares.map((s) => `${this.#partyName(e, s.party)} ${s.weight}`).join(' : ') : '';
    return h('div', { class: 'line' },
      h('p', { class: 'figure' }, h('span', { class: 'name', text: seg ? `${tx.name}（${seg}）` : tx.name }), h('strong', { text: this.#money(l.amount) })),
      h('p', {}, `${this.#t('lineRule')}${this.#colon()}`, l.basis === 'edited' ? `${this.#t('edited')}${this.#colon()}${mine}` : tx.fundingLabel, ' ',
        this.#basisTag(l.basis, rule?.borrowed && l.basis !== 'edited' ? this.#tx(rule.borrowed.jurisdiction) : null)),
      h('p', { class: 'help', text: tx.why }),
      h('ul', {}, l.shares.map((s) => h('li', { text: `${this.#partyName(e, s.party)}${this.#colon()}${this.#money(s.amount)}` }))),
      tx.waiver ? h('p', { class: 'help', text: tx.waiver }) : null,
      l.basis !== 'edited' ? this.#source(tx.source) : null);
  }

  // ---------- 长辈版: one question per screen ----------

  #screens() {
    const q = this.#questions();
    const list = [];
    for (const f of q.resident) list.push({ kind: 'fact', f });
    list.push({ kind: 'verdict' });
    // At most 8 items a screen, so that a screen stays within two phone screens.
    for (const c of this.#menu.categories) {
      const parts = Math.ceil(c.items.length / 8);
      for (let i = 0; i < parts; i += 1) list.push({ kind: 'category', c: parts > 1 ? { ...c, name: { zh: `${c.name.zh}（${i + 1}/${parts}）`, en: `${c.name.en} (${i + 1}/${parts})` }, items: c.items.slice(i * 8, i * 8 + 8) } : c });
    }
    list.push({ kind: 'amounts' });
    list.push({ kind: 'household' });
    list.push({ kind: 'bill' });
    return list;
  }

  #wizard() {
    const screens = this.#screens();
    this.#screen = Math.max(0, Math.min(this.#screen, screens.length - 1));
    const s = screens[this.#screen];
    const box = h('section', { class: 'screen', part: 'screen', 'aria-labelledby': `${this.#id}-screen-h` });
    const asks = screens.filter((x) => x.kind === 'fact').length;
    if (s.kind === 'fact') {
      box.append(h('p', { class: 'progress', id: `${this.#id}-screen-h`, text: this.#t('screenOf', { n: this.#screen + 1, total: asks }) }), this.#factInput(s.f, { ask: true }));
    } else if (s.kind === 'verdict') {
      box.append(h('h2', { id: `${this.#id}-screen-h`, text: this.#t('q1') }));
      const v = h('div', { 'aria-live': 'polite' });
      this.#regions.verdict = v;
      box.append(v);
    } else if (s.kind === 'category') {
      box.append(h('h2', { id: `${this.#id}-screen-h`, text: this.#t('q2') }), this.#category(s.c, { ask: true, amounts: false }));
    } else if (s.kind === 'amounts') {
      box.append(h('h2', { id: `${this.#id}-screen-h`, text: this.#t('q2') }));
      const chosen = this.#menuItems().filter((i) => this.#state.items[i.id]?.on);
      if (!chosen.length) box.append(h('p', { class: 'pending', text: this.#t('noItems') }));
      for (const i of chosen) box.append(this.#item(i));
    } else if (s.kind === 'household') {
      box.append(h('h2', { id: `${this.#id}-screen-h`, text: this.#t('q3') }), ...this.#householdFields());
    } else {
      box.append(h('h2', { id: `${this.#id}-screen-h`, text: this.#t('q3') }));
      const est = h('div', { 'aria-live': 'polite' });
      this.#regions.estimate = est;
      box.append(est);
    }
    const go = (n) => {
      this.#screen = n;
      this.#render();
      this.#root.querySelector('.screen [id$="-screen-h"], .screen input, .screen h2')?.focus?.();
    };
    const next = screens[this.#screen + 1];
    const nextLabel = !next ? null : next.kind === 'verdict' ? this.#t('toResult') : next.kind === 'category' && s.kind !== 'category' ? this.#t('toItems') : next.kind === 'household' ? this.#t('toPay') : this.#t('next');
    box.append(h('div', { class: 'nav', part: 'nav' },
      this.#screen > 0 ? h('button', { type: 'button', text: this.#t('back'), on: { click: () => go(this.#screen - 1) } }) : null,
      next ? h('button', { type: 'button', class: 'primary', text: nextLabel, on: { click: () => go(this.#screen + 1) } })
        : h('button', { type: 'button', text: this.#t('restart'), on: { click: () => go(0) } })));
    box.querySelector('[id$="-screen-h"]')?.setAttribute('tabindex', '-1');
    return box;
  }

  // ---------- save, share, print ----------

  #footer() {
    const f = h('footer', { part: 'footer' });
    const last = !this.#elderly || (this.#menu && this.#screen === this.#screens().length - 1);
    if (this.#menu && last) {
      const cb = h('input', { type: 'checkbox', id: `${this.#id}-sharehh`, checked: this.#shareHousehold, on: { change: () => { this.#shareHousehold = cb.checked; } } });
      const status = h('p', { role: 'status', text: this.#flash });
      this.#flash = '';
      f.append(h('div', { class: 'row' },
        h('button', { type: 'button', text: this.#t('save'), on: { click: () => { this.#save(); status.textContent = this.#t('saved'); } } }),
        h('button', { type: 'button', text: this.#t('share'), on: { click: async () => { await this.#share(); status.textContent = this.#t('shareCopied'); } } }),
        h('button', { type: 'button', text: this.#t('print'), on: { click: () => window.print() } })),
      h('label', { class: 'choice', for: cb.id }, cb, h('span', { text: this.#t('shareWithHousehold') })),
      h('p', { text: this.#t('shareHint') }), status);
    }
    f.append(h('p', { text: this.#t('privacy') }));
    if (!last) return f;
    f.append(h('p', { text: this.#t('disclaimer') }));
    if (this.#calc) {
      const v = this.#calc.version();
      f.append(h('p', { text: this.#t('version', { version: v.version }) }));
    }
    return f;
  }

  #storageKey() {
    return `${SAVE_KEY}:${this.getAttribute('policy') || '*'}`;
  }

  #readSaved() {
    try {
      const raw = localStorage.getItem(this.#storageKey());
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  #save() {
    try {
      localStorage.setItem(this.#storageKey(), JSON.stringify({ policy: this.#policy, state: this.#state }));
    } catch { /* storage may be off: nothing to do */ }
  }

  /** The share link in the address: `null` when there is none, `{policy, state}`, or
   * `{problem}` when it cannot be opened here — `unsupported` (a compressed link on a browser
   * without DecompressionStream) or `broken` (cut short or edited). */
  async #readLink() {
    let m;
    try {
      m = new URLSearchParams(location.hash.slice(1)).get(HASH_KEY);
    } catch {
      return null;
    }
    if (!m) return null;
    if (m.startsWith('z.') && typeof DecompressionStream !== 'function') return { problem: 'unsupported' };
    try {
      const v = JSON.parse(await linkDecode(m));
      if (!v || typeof v !== 'object' || Array.isArray(v)) return { problem: 'broken' };
      return { policy: typeof v.p === 'string' ? v.p : null, state: { facts: v.f, items: v.i, household: v.h } };
    } catch {
      return { problem: 'broken' };
    }
  }

  /** Says why the share link was not opened (nothing of the person's own work changed). */
  #linkNotice() {
    const key = this.#linkProblem === 'unsupported' ? 'linkUnsupported' : 'linkBroken';
    return h('section', { class: 'prompt', part: 'prompt', role: 'status' },
      h('p', { text: this.#t(key) }),
      h('div', { class: 'row' },
        h('button', { type: 'button', text: this.#t('linkNoticeOk'), on: { click: () => { this.#linkProblem = null; this.#render(); } } })));
  }

  /** A short link: the place, the facts, the chosen items' amounts; my floor and area only when
   * the person ticks the box. */
  async #linkText() {
    const items = {};
    for (const [id, it] of Object.entries(this.#state.items)) {
      if (!it.on) continue;
      const keep = {};
      for (const side of ['one', ...SIDES]) {
        const v = Object.fromEntries(Object.entries(it[side] ?? {}).filter(([, x]) => !isEmpty(x)));
        if (Object.keys(v).length) keep[side] = v;
      }
      items[id] = { on: true, ...keep };
    }
    const v = { p: this.#policy, f: this.#state.facts, i: items };
    if (this.#shareHousehold) v.h = this.#state.household;
    const url = new URL(location.href);
    url.hash = `${HASH_KEY}=${await linkEncode(JSON.stringify(v))}`;
    return url.href;
  }

  async #share() {
    const link = await this.#linkText();
    try {
      await navigator.clipboard.writeText(link);
    } catch { /* no clipboard: the link is still returned */ }
    this.dispatchEvent(new CustomEvent('gaizao-share', { detail: { url: link }, bubbles: true, composed: true }));
    return link;
  }

  /** A share link opened on a device with saved work: ask first. */
  #linkPrompt() {
    const link = this.#pendingLink;
    return h('section', { class: 'prompt', part: 'prompt', role: 'alertdialog', 'aria-labelledby': `${this.#id}-lp` },
      h('p', { id: `${this.#id}-lp`, text: this.#t('openShared') }),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', text: this.#t('openSharedYes'), on: { click: () => { this.#pendingLink = null; this.#state = clean(link.state); if (link.policy && link.policy !== this.#policy) this.#choose(link.policy, { keep: true }); else this.#render(); } } }),
        h('button', { type: 'button', text: this.#t('openSharedNo'), on: { click: () => { this.#pendingLink = null; this.#render(); } } })));
  }
}

/** Registers <gaizao-calculator> (once). */
export function define(name = 'gaizao-calculator') {
  if (!customElements.get(name)) customElements.define(name, class extends GaizaoCalculatorElement {});
}

define();

export { Calculator, GaizaoError };
