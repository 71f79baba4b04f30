// From what the person typed (strings) to the package's Estate and Scenario, with the page's own
// instant checks in plain words. Numbers are checked here as text; counts go to the package as JS
// numbers (whole, small), money and areas as decimal strings — never through parseFloat.

import { normaliseNumber, percentToShare } from './money.js';
import {
  ESTATE_COUNTS, ESTATE_DECIMALS, ESTATE_FLAGS, ESTATE_TEXT,
} from './state.js';

const MAX_COUNT = 100000000n;

/** A count: '' → empty; whole number → value (a JS number); else the catalogue key of the problem. */
export function parseCount(raw) {
  const t = normaliseNumber(raw);
  if (t === '') return { empty: true };
  if (!/^\d+$/.test(t)) return { error: 'err.whole' };
  if (t.replace(/^0+(?=\d)/, '').length > 12 || BigInt(t) > MAX_COUNT) return { error: 'err.tooLarge' };
  return { value: Number(t) };
}

/** An exact non-negative decimal, returned as normalised text ("5600.5"). */
export function parseDecimal(raw) {
  const t = normaliseNumber(raw);
  if (t === '') return { empty: true };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { error: 'err.decimal' };
  const whole = (m[1] || '0').replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (whole.length > 13 || frac.length > 10) return { error: 'err.tooLarge' };
  return { value: frac ? `${whole}.${frac}` : whole };
}

export function parseYear(raw) {
  const t = normaliseNumber(raw);
  if (t === '') return { empty: true };
  if (!/^\d{4}$/.test(t)) return { error: 'err.year' };
  const y = Number(t);
  if (y < 1800 || y > 2100) return { error: 'err.year' };
  return { value: y };
}

function setPath(obj, path, value) {
  const parts = path.split('.');
  let o = obj;
  for (let i = 0; i < parts.length - 1; i += 1) {
    o[parts[i]] = o[parts[i]] ?? {};
    o = o[parts[i]];
  }
  o[parts[parts.length - 1]] = value;
}

/**
 * The Estate for the package, and the problems found here: [{key, msg}] where key is the field
 * path (as the package names it) and msg a catalogue key.
 */
export function buildEstate(form) {
  const estate = {};
  const problems = [];
  for (const k of ESTATE_TEXT) {
    const v = (form[k] ?? '').trim();
    if (v) estate[k] = v;
  }
  if (form.yearMode === 'single') {
    const y = parseYear(form.builtYear);
    if (y.error) problems.push({ key: 'builtYear', msg: y.error });
    else if (!y.empty) estate.builtYear = y.value;
  } else if (form.yearMode === 'range') {
    const a = parseYear(form['builtYears.from']);
    const b = parseYear(form['builtYears.to']);
    if (a.error) problems.push({ key: 'builtYears.from', msg: a.error });
    if (b.error) problems.push({ key: 'builtYears.to', msg: b.error });
    if (!a.error && !b.error) {
      if (a.empty !== b.empty) problems.push({ key: a.empty ? 'builtYears.from' : 'builtYears.to', msg: 'err.required' });
      else if (!a.empty) estate.builtYears = { from: a.value, to: b.value };
    }
  }
  if (form.locationType) estate.locationType = form.locationType;
  if (form.housingType) estate.housingType = form.housingType;
  for (const k of ESTATE_COUNTS) {
    const c = parseCount(form[k]);
    if (c.error) problems.push({ key: k, msg: c.error });
    else if (!c.empty) setPath(estate, k, c.value);
  }
  for (const k of ESTATE_DECIMALS) {
    const d = parseDecimal(form[k]);
    if (d.error) problems.push({ key: k, msg: d.error });
    else if (!d.empty) setPath(estate, k, d.value);
  }
  for (const k of ESTATE_FLAGS) {
    if (form[k] === 'yes') estate[k] = true;
    else if (form[k] === 'no') estate[k] = false;
  }
  return { estate, problems };
}

/** Does the pack have a funding rule that depends on the Panzhihua city-gas-company question? */
export function asksCityGas(menu) {
  return (menu?.funding ?? []).some((r) => r.applies && r.applies.cityGasCompanyArea !== undefined);
}

/** The chosen items of a pack, in menu order: [{item (MenuItem), choice (inputs)}]. */
export function chosenItems(menu, pack) {
  const out = [];
  for (const cat of menu?.categories ?? []) {
    for (const item of cat.items) {
      const c = pack?.items?.[item.id];
      if (c?.on) out.push({ item, category: cat, choice: c });
    }
  }
  return out;
}

/**
 * The Scenario for `policy`, the item id of each scenario line (to place the package's
 * `items[i].…` errors) and the problems found here.
 */
export function buildScenario(inputs, policy, menu, estate) {
  const pack = inputs.packs[policy] ?? {};
  const problems = [];
  const scenario = { estate };
  const items = [];
  const itemIndex = [];
  for (const { item, choice } of chosenItems(menu, pack)) {
    const key = (f) => `item:${item.id}:${f}`;
    const c = { item: item.id };
    if (choice.mode === 'lump') {
      const a = parseDecimal(choice.amount);
      if (a.error) problems.push({ key: key('amount'), msg: a.error });
      else if (a.empty) problems.push({ key: key('amount'), msg: 'err.needAmount' });
      else c.amount = a.value;
    } else {
      const q = parseDecimal(choice.quantity);
      const p = parseDecimal(choice.unitPrice);
      if (q.error) problems.push({ key: key('quantity'), msg: q.error });
      else if (q.empty) problems.push({ key: key('quantity'), msg: 'err.needPrice' });
      else c.quantity = q.value;
      if (p.error) problems.push({ key: key('unitPrice'), msg: p.error });
      else if (p.empty) problems.push({ key: key('unitPrice'), msg: 'err.needPrice' });
      else c.unitPrice = p.value;
    }
    if (item.pipeline) {
      if (choice.segment) c.segment = choice.segment;
      else problems.push({ key: key('segment'), msg: 'err.segment' });
    }
    items.push(c);
    itemIndex.push(item.id);
  }
  if (items.length) scenario.items = items;
  if (pack.benchmark && (menu?.benchmarks ?? []).some((b) => b.id === pack.benchmark)) scenario.benchmark = pack.benchmark;
  if (asksCityGas(menu)) {
    if (pack.cityGas === 'yes') scenario.cityGasCompanyArea = true;
    else if (pack.cityGas === 'no') scenario.cityGasCompanyArea = false;
  }
  const overrides = [];
  for (const [rule, shares] of Object.entries(pack.overrides ?? {})) {
    const out = [];
    shares.forEach((sh, i) => {
      const w = parseDecimal(sh.weight);
      if (w.error) problems.push({ key: `override:${rule}:${i}`, msg: w.error });
      else if (w.empty) problems.push({ key: `override:${rule}:${i}`, msg: 'err.required' });
      else out.push({ party: sh.party, weight: w.value });
    });
    overrides.push({ rule, shares: out });
  }
  if (overrides.length) scenario.fundingOverrides = overrides;

  const hh = inputs.household ?? {};
  const household = {};
  const fl = parseCount(hh.floor);
  if (fl.error) problems.push({ key: 'household.floor', msg: fl.error });
  else if (!fl.empty) household.floor = fl.value;
  const ar = parseDecimal(hh.area);
  if (ar.error) problems.push({ key: 'household.area', msg: ar.error });
  else if (!ar.empty) household.area = ar.value;
  if (Object.keys(household).length) scenario.household = household;

  const el = inputs.elevator;
  if (el?.on) {
    const elevator = { method: el.method, floors: [] };
    const ex = parseCount(el.exemptFloors);
    if (ex.error) problems.push({ key: 'elevator.exemptFloors', msg: ex.error });
    else if (!ex.empty) elevator.exemptFloors = ex.value;
    el.floors.forEach((f, i) => {
      const at = (k) => `elevator.floors[${i}].${k}`;
      const row = {};
      const n = parseCount(f.floor);
      const hcount = parseCount(f.households);
      if (n.error) problems.push({ key: at('floor'), msg: n.error });
      else if (n.empty) problems.push({ key: at('floor'), msg: 'err.required' });
      else row.floor = n.value;
      if (hcount.error) problems.push({ key: at('households'), msg: hcount.error });
      else if (hcount.empty) problems.push({ key: at('households'), msg: 'err.required' });
      else row.households = hcount.value;
      if (el.method !== 'floorsClimbed') {
        const a = parseDecimal(f.area);
        if (a.error) problems.push({ key: at('area'), msg: a.error });
        else if (!a.empty) row.area = a.value;
      }
      if (el.method === 'coefficients') {
        const k = parseDecimal(f.coefficient);
        if (k.error) problems.push({ key: at('coefficient'), msg: k.error });
        else if (!k.empty) row.coefficient = k.value;
      }
      elevator.floors.push(row);
    });
    scenario.elevator = elevator;
  }

  const wv = inputs.waiver;
  if (wv?.on) {
    const waiver = { payer: wv.payer };
    const n = parseCount(wv.households);
    if (n.error) problems.push({ key: 'waiver.households', msg: n.error });
    else if (n.empty) problems.push({ key: 'waiver.households', msg: 'err.required' });
    else waiver.households = n.value;
    const p = parseDecimal(wv.percent);
    if (p.error || p.empty) problems.push({ key: 'waiver.share', msg: 'err.percent' });
    else {
      const share = percentToShare(p.value);
      if (share === null || !/^(0(\.\d+)?|1)$/.test(share)) problems.push({ key: 'waiver.share', msg: 'err.percent' });
      else waiver.share = share;
    }
    scenario.waiver = waiver;
  }
  return { scenario, itemIndex, problems };
}

/** A package error's field path → the page's field key (see buildScenario for item keys). */
export function fieldKey(field, itemIndex = [], overrideRules = []) {
  if (!field) return null;
  let f = field.startsWith('estate.') ? field.slice('estate.'.length) : field;
  let m = /^items\[(\d+)\]\.?(\w*)/.exec(f);
  if (m) {
    const id = itemIndex[Number(m[1])];
    if (!id) return null;
    const sub = m[2] || 'quantity';
    return `item:${id}:${sub === 'item' ? 'quantity' : sub}`;
  }
  m = /^fundingOverrides\[(\d+)\](?:\.shares\[(\d+)\])?/.exec(f);
  if (m) {
    const rule = overrideRules[Number(m[1])];
    if (!rule) return null;
    return m[2] !== undefined ? `override:${rule}:${m[2]}` : `override:${rule}`;
  }
  if (f === 'builtYears') return 'builtYears';
  if (f.startsWith('owners.') || f.startsWith('ownerArea.') || f.startsWith('maintenanceFund.')) return f;
  m = /^elevator\.floors\[(\d+)\]\.(\w+)/.exec(f);
  if (m) return f;
  if (f === 'elevator.floors') return 'elevator.floors';
  return f;
}
