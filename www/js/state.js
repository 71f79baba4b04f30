// What the person entered (the "inputs") and how it is kept: localStorage, the URL hash and
// .json files. Everything read back from outside is passed through sanitize(), which keeps only
// known keys and plain strings, so a crafted link or file can at most fill in odd text.

export const STORAGE_KEY = 'gaizao.inputs.v1';
export const PREFS_KEY = 'gaizao.prefs.v1';
export const FILE_FORMAT = 'gaizao-page-inputs';

export const ESTATE_TEXT = ['name', 'district'];
export const ESTATE_COUNTS = ['households', 'buildings', 'owners.total', 'owners.voted', 'owners.inFavour'];
export const ESTATE_DECIMALS = [
  'floorArea', 'ownerArea.total', 'ownerArea.voted', 'ownerArea.inFavour',
  'maintenanceFund.initial', 'maintenanceFund.balance',
];
export const ESTATE_YEARS = ['builtYear', 'builtYears.from', 'builtYears.to'];
export const ESTATE_FLAGS = [
  'structurallySafe', 'facilitiesDeficient', 'demolitionPlanned', 'urbanVillage',
  'threeSuppliesTransferred', 'selfGovernance', 'longTermManagement',
];
export const LOCATION_TYPES = ['city', 'countyTown', 'town', 'rural'];
export const HOUSING_TYPES = ['nonCommodity', 'commodity', 'selfBuilt', 'mixed'];
export const PARTIES = [
  'central', 'province', 'city', 'county', 'waterUtility', 'powerUtility', 'gasUtility',
  'telecomUtility', 'heatUtility', 'propertyUnit', 'residents', 'maintenanceFund', 'socialCapital',
];
export const ELEVATOR_METHODS = ['floorsClimbed', 'coefficients', 'area'];
export const YEAR_MODES = ['single', 'range', 'unknown'];
const YES_NO = ['yes', 'no', ''];

const ESTATE_KEYS = [
  ...ESTATE_TEXT, ...ESTATE_COUNTS, ...ESTATE_DECIMALS, ...ESTATE_YEARS, ...ESTATE_FLAGS,
  'locationType', 'housingType', 'yearMode',
];

const MAX_TEXT = 300;
const MAX_FLOORS = 200;
const MAX_ITEMS = 400;

export function defaultEstate() {
  const e = {};
  for (const k of ESTATE_KEYS) e[k] = '';
  e.yearMode = 'single';
  return e;
}

export function defaultFloors(count = 6, households = 2) {
  const floors = [];
  for (let f = 1; f <= count; f += 1) floors.push({ floor: String(f), households: String(households), area: '', coefficient: '' });
  return floors;
}

export function defaultInputs(policy = '') {
  return {
    v: 1,
    step: 1,
    policy,
    compare: '',
    estate: defaultEstate(),
    packs: {},
    household: { floor: '', area: '' },
    elevator: { on: false, method: 'floorsClimbed', exemptFloors: '1', floors: defaultFloors() },
    waiver: { on: false, households: '', percent: '100', payer: 'county' },
  };
}

export function defaultPack() {
  return { items: {}, benchmark: '', overrides: {}, cityGas: '' };
}

export function defaultItem() {
  return { on: false, mode: 'unit', quantity: '', unitPrice: '', amount: '', segment: '' };
}

function str(v, max = MAX_TEXT) {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return '';
  return v.slice(0, max);
}

function oneOf(v, allowed, fallback) {
  return allowed.includes(v) ? v : fallback;
}

function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** Rebuilds inputs from untrusted data, keeping only what the page knows. */
export function sanitize(raw, knownPolicies = null) {
  const out = defaultInputs();
  if (!isObj(raw)) return out;
  const policyOk = (p) => typeof p === 'string' && ID.test(p) && (!knownPolicies || knownPolicies.includes(p));
  if (policyOk(raw.policy)) out.policy = raw.policy;
  if (raw.compare === '' || policyOk(raw.compare)) out.compare = raw.compare ?? '';
  out.step = [1, 2, 3].includes(raw.step) ? raw.step : 1;
  if (isObj(raw.estate)) {
    for (const k of ESTATE_KEYS) out.estate[k] = str(raw.estate[k]);
    for (const k of ESTATE_FLAGS) out.estate[k] = oneOf(out.estate[k], YES_NO, '');
    out.estate.locationType = oneOf(out.estate.locationType, ['', ...LOCATION_TYPES], '');
    out.estate.housingType = oneOf(out.estate.housingType, ['', ...HOUSING_TYPES], '');
    out.estate.yearMode = oneOf(out.estate.yearMode, YEAR_MODES, 'single');
  }
  if (isObj(raw.packs)) {
    for (const [pid, p] of Object.entries(raw.packs).slice(0, 50)) {
      if (!policyOk(pid) || !isObj(p)) continue;
      const pack = defaultPack();
      if (isObj(p.items)) {
        for (const [iid, it] of Object.entries(p.items).slice(0, MAX_ITEMS)) {
          if (!ID.test(iid) || !isObj(it)) continue;
          pack.items[iid] = {
            on: it.on === true,
            mode: oneOf(it.mode, ['unit', 'lump'], 'unit'),
            quantity: str(it.quantity, 60),
            unitPrice: str(it.unitPrice, 60),
            amount: str(it.amount, 60),
            segment: oneOf(it.segment, ['', 'beforeMeter', 'afterMeter'], ''),
          };
        }
      }
      pack.benchmark = typeof p.benchmark === 'string' && (p.benchmark === '' || ID.test(p.benchmark)) ? p.benchmark : '';
      pack.cityGas = oneOf(p.cityGas, YES_NO, '');
      if (isObj(p.overrides)) {
        for (const [rid, shares] of Object.entries(p.overrides).slice(0, 50)) {
          if (!ID.test(rid) || !Array.isArray(shares)) continue;
          pack.overrides[rid] = shares
            .slice(0, 20)
            .filter((sh) => isObj(sh) && (PARTIES.includes(sh.party) || sh.party === 'pipelineUtility'))
            .map((sh) => ({ party: sh.party, weight: str(sh.weight, 40) }));
        }
      }
      out.packs[pid] = pack;
    }
  }
  if (isObj(raw.household)) {
    out.household = { floor: str(raw.household.floor, 60), area: str(raw.household.area, 60) };
  }
  if (isObj(raw.elevator)) {
    const e = raw.elevator;
    out.elevator.on = e.on === true;
    out.elevator.method = oneOf(e.method, ELEVATOR_METHODS, 'floorsClimbed');
    out.elevator.exemptFloors = str(e.exemptFloors, 60);
    if (Array.isArray(e.floors)) {
      out.elevator.floors = e.floors.slice(0, MAX_FLOORS).filter(isObj).map((f) => ({
        floor: str(f.floor, 60), households: str(f.households, 60), area: str(f.area, 60), coefficient: str(f.coefficient, 60),
      }));
    }
  }
  if (isObj(raw.waiver)) {
    const w = raw.waiver;
    out.waiver = {
      on: w.on === true,
      households: str(w.households, 60),
      percent: str(w.percent, 60),
      payer: oneOf(w.payer, PARTIES, 'county'),
    };
  }
  return out;
}

// ---- URL hash: #s=<base64url of the JSON of the inputs> ----

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function encodeHash(inputs) {
  return 's=' + toBase64Url(new TextEncoder().encode(JSON.stringify(inputs)));
}

/** The inputs held in a location hash, or null when there are none (or they cannot be read). */
export function decodeHash(hash) {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash ?? '');
  if (!m || m[1].length > 200000) return null;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(m[1])));
  } catch {
    return null;
  }
}

// ---- localStorage (may be unavailable: private modes, storage disabled) ----

export function loadLocal(key) {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function saveLocal(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeLocal(key) {
  try {
    localStorage.removeItem(key);
  } catch { /* nothing kept */ }
}

// ---- .json files ----

export function toFile(inputs) {
  return JSON.stringify({ format: FILE_FORMAT, version: 1, inputs }, null, 2);
}

export function fromFile(text) {
  const data = JSON.parse(text);
  if (!isObj(data) || data.format !== FILE_FORMAT || !isObj(data.inputs)) throw new Error('not a saved file');
  return data.inputs;
}

export function defaultPrefs() {
  return { lang: 'zh', elderly: false, size: null };
}

export function sanitizePrefs(raw) {
  const p = defaultPrefs();
  if (!isObj(raw)) return p;
  p.lang = oneOf(raw.lang, ['zh', 'en'], 'zh');
  p.elderly = raw.elderly === true;
  p.size = Number.isInteger(raw.size) ? raw.size : null;
  return p;
}
