// Comparing two packs for the same compound. Item ids differ between packs, so the page compares
// only what can honestly be compared, and says so:
//  1. the verdicts for the same estate;
//  2. the split of the same benchmark total (a benchmark both packs publish), which falls to each
//     pack's catch-all funding rule;
//  3. chosen items that map by kind — the same pipeline (with its meter segment) or an elevator —
//     costed at the same amount under both packs. Everything else is listed as not compared.

import { h, labelCells } from './dom.js';
import { formatMoney } from './money.js';
import { lang, pick, t } from '../i18n.js';
import { buildScenario } from './model.js';
import { PARTIES } from './state.js';

function menuItem(menu, id) {
  for (const c of menu.categories) for (const i of c.items) if (i.id === id) return i;
  return null;
}

function counterpart(menuB, item) {
  const all = menuB.categories.flatMap((c) => c.items);
  const same = (i) => (item.pipeline ? i.pipeline === item.pipeline : item.elevator ? i.elevator === true : false);
  return all.find((i) => i.id === item.id && same(i)) ?? all.find(same) ?? null;
}

function extras(ctx, policy, estate) {
  const menu = ctx.menus.get(policy);
  const { scenario, problems } = buildScenario(ctx.inputs, policy, menu, estate);
  if (problems.some((p) => p.key.startsWith('override:'))) return {};
  const out = {};
  if (scenario.fundingOverrides) out.fundingOverrides = scenario.fundingOverrides;
  if (scenario.cityGasCompanyArea !== undefined) out.cityGasCompanyArea = scenario.cityGasCompanyArea;
  return out;
}

export function computeCompare(ctx, estate) {
  const A = ctx.inputs.policy;
  const B = ctx.inputs.compare;
  if (!B || B === A || !ctx.menus.has(B) || !ctx.result.elig) return null;
  const { api } = ctx;
  const menuA = ctx.menus.get(A);
  const menuB = ctx.menus.get(B);
  const out = { A, B, eligA: ctx.result.elig };
  try {
    out.eligB = api.checkEligibility(B, estate);
  } catch (e) {
    out.error = e;
    return out;
  }
  const exA = extras(ctx, A, estate);
  const exB = extras(ctx, B, estate);

  const idsB = new Set(menuB.benchmarks.map((b) => b.id));
  const common = menuA.benchmarks.filter((b) => idsB.has(b.id));
  const chosen = ctx.inputs.packs[A]?.benchmark;
  const bench = common.find((b) => b.id === chosen) ?? common.find((b) => b.id === 'national-average-2023') ?? common[0];
  if (bench) {
    try {
      const a = api.estimate(A, { estate, benchmark: bench.id, ...exA });
      const b = api.estimate(B, { estate, benchmark: bench.id, ...exB });
      if (a.benchmark?.amount && b.benchmark?.amount) out.bench = { label: bench.label, a, b };
    } catch (e) {
      out.benchError = e;
    }
  }

  const est = ctx.result.est;
  if (est) {
    const mapped = [];
    const unmapped = [];
    for (const line of est.lines) {
      const item = menuItem(menuA, line.item);
      const other = item && (item.pipeline || item.elevator) ? counterpart(menuB, item) : null;
      if (!other) {
        unmapped.push(line);
        continue;
      }
      const a = { item: item.id, amount: line.exactAmount };
      const b = { item: other.id, amount: line.exactAmount };
      if (line.segment) {
        a.segment = line.segment;
        if (other.pipeline) b.segment = line.segment;
      }
      mapped.push({ line, itemA: item, itemB: other, a, b });
    }
    out.unmapped = unmapped;
    out.mapped = mapped;
    if (mapped.length) {
      try {
        out.mappedA = api.estimate(A, { estate, items: mapped.map((m) => m.a), ...exA });
        out.mappedB = api.estimate(B, { estate, items: mapped.map((m) => m.b), ...exB });
      } catch (e) {
        out.mappedError = e;
      }
    }
  }
  return out;
}

function errorText(e) {
  return t('compare.error', { message: (lang() === 'zh' ? e.messageZh : e.messageEn) ?? String(e.message ?? e) });
}

function partyCompare(id, nameA, nameB, estA, estB) {
  const amountOf = (est, party) => est.shares.find((s) => s.party === party)?.amount;
  const parties = PARTIES.filter((p) => amountOf(estA, p) !== undefined || amountOf(estB, p) !== undefined);
  const cell = (v) => h('td', { class: 'num amount', dataset: { amount: v ?? '0' } }, v !== undefined ? formatMoney(v) : t('compare.zero'));
  return h('div', { class: 'table-wrap' },
    labelCells(h('table', { class: 'compare-table', id },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('compare.party')),
        h('th', { scope: 'col', class: 'num' }, nameA),
        h('th', { scope: 'col', class: 'num' }, nameB))),
      h('tbody', null, parties.map((p) => h('tr', { dataset: { party: p } },
        h('th', { scope: 'row' }, t(`party.${p}`)), cell(amountOf(estA, p)), cell(amountOf(estB, p))))),
      h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, t('compare.total')), cell(estA.total), cell(estB.total))))));
}

function ruleList(elig, outcome) {
  const list = elig.findings.filter((f) => f.outcome === outcome);
  if (!list.length) return t('compare.zero');
  return h('ul', { class: 'plain' }, list.map((f) => h('li', null, pick(f.label))));
}

export function renderCompare(ctx) {
  const c = ctx.result.compare;
  if (!c) return [];
  const pa = ctx.policies.find((p) => p.id === c.A);
  const pb = ctx.policies.find((p) => p.id === c.B);
  const nameA = pick(pa?.jurisdiction);
  const nameB = pick(pb?.jurisdiction);
  const parts = [h('p', { class: 'honest' }, t('compare.honest'))];
  if (c.error) {
    parts.push(h('p', { class: 'problem' }, errorText(c.error)));
    return parts;
  }
  parts.push(h('div', { class: 'table-wrap' },
    labelCells(h('table', { class: 'compare-table', id: 'compare-verdicts' },
      h('thead', null, h('tr', null, h('td', null), h('th', { scope: 'col' }, nameA), h('th', { scope: 'col' }, nameB))),
      h('tbody', null,
        h('tr', null, h('th', { scope: 'row' }, t('compare.verdict')),
          h('td', { class: `v-${c.eligA.verdict}`, dataset: { verdict: c.eligA.verdict } }, t(`verdict.${c.eligA.verdict}`)),
          h('td', { class: `v-${c.eligB.verdict}`, dataset: { verdict: c.eligB.verdict } }, t(`verdict.${c.eligB.verdict}`))),
        h('tr', null, h('th', { scope: 'row' }, t('compare.rulesFailed')),
          h('td', null, ruleList(c.eligA, 'fail')), h('td', null, ruleList(c.eligB, 'fail'))),
        h('tr', null, h('th', { scope: 'row' }, t('compare.rulesUnknown')),
          h('td', null, ruleList(c.eligA, 'unknown')), h('td', null, ruleList(c.eligB, 'unknown'))))))));
  if (c.bench) {
    parts.push(h('h4', null, t('compare.benchmark', { label: pick(c.bench.label), amount: formatMoney(c.bench.a.total) })),
      partyCompare('compare-benchmark', nameA, nameB, c.bench.a, c.bench.b));
  } else {
    parts.push(h('p', { class: 'note' }, t('compare.benchmarkNone')));
  }
  if (c.mapped) {
    parts.push(h('h4', null, t('compare.mapped')));
    if (c.mapped.length && c.mappedA && c.mappedB) {
      parts.push(h('ul', { class: 'plain mapping' }, c.mapped.map((m) => h('li', null, t('compare.mapping', {
        a: pick(m.itemA.name) + (m.line.segment ? t('compare.segment', { segment: t(`segment.${m.line.segment}`) }) : ''),
        b: pick(m.itemB.name),
      })))), partyCompare('compare-mapped', nameA, nameB, c.mappedA, c.mappedB));
    } else if (c.mappedError) {
      parts.push(h('p', { class: 'problem' }, errorText(c.mappedError)));
    } else {
      parts.push(h('p', { class: 'note' }, t('compare.mappedNone')));
    }
    if (c.unmapped.length) {
      parts.push(h('p', { class: 'note' }, t('compare.unmapped', { items: c.unmapped.map((l) => pick(l.name)).join(t('common.listSep')) })));
    }
  }
  return parts;
}
