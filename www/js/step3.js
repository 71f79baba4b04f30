// Step 3: the result — verdict with one line per rule, what to provide, consent gaps, the cost
// split (chart + tables, policy vs assumption, assumptions editable), my household's bill with
// the elevator and hardship options, and the comparison with a second pack.

import { h, labelCells, rerender } from './dom.js';
import { checkbox, inputField, messageSlot, radioGroup, safeId, selectField } from './fields.js';
import { basisPoints, bpToPercent, formatMoney, fractionToPercent, groupDigits, toFen } from './money.js';
import { has, pick, t } from '../i18n.js';
import { partyChart } from './chart.js';
import { cite } from './step2.js';
import { defaultFloors, defaultPack, PARTIES } from './state.js';
import { renderCompare } from './compare.js';
import { packLabel } from './labels.js';

const STEP = 3;
const ICON = { pass: '✓', fail: '✗', unknown: '?' };

export function partyName(id) {
  return t(`party.${id}`);
}

export function yuan(amount) {
  return t('cost.yuan', { amount: formatMoney(amount) });
}

function fieldLabel(path) {
  return has(`f.${path}`) ? t(`f.${path}`) : path;
}

function sourceLine(source, withQuote = true) {
  return [
    h('p', { class: 'source' }, h('span', null, t('finding.source')), cite(source)),
    withQuote && source.quote
      ? h('p', { class: 'quote secondary' }, h('span', null, t('finding.quote')), h('q', { lang: 'zh-CN' }, source.quote))
      : null,
  ];
}

// ---------- verdict ----------

function findingItem(f) {
  return h('li', { class: `finding o-${f.outcome}`, dataset: { rule: f.rule, outcome: f.outcome } },
    h('p', { class: 'outcome' },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, ICON[f.outcome] ?? '?'),
      h('span', { class: 'outcome-text' }, t(`outcome.${f.outcome}`))),
    h('p', { class: 'rule-label' }, pick(f.label)),
    h('p', { class: 'message' }, pick(f.message)),
    sourceLine(f.source),
    f.basis === 'assumption' && f.assumption
      ? h('p', { class: 'assumption-note' }, h('span', { class: 'badge assumption' }, t('basis.assumption')), ' ', t('finding.assumption'), pick(f.assumption))
      : null);
}

function gapLines(findings) {
  const lines = [];
  for (const f of findings) {
    const g = f.gap;
    if (!g) continue;
    const add = (key, value) => {
      if (value === undefined || value === null) return;
      const text = String(value);
      if (text === '0' || /^0(\.0+)?$/.test(text)) return;
      lines.push(h('li', { dataset: { rule: f.rule, gap: key } },
        h('strong', null, t(`gap.${key}`, { n: groupDigits(text) })),
        h('span', { class: 'gap-rule' }, ' — ', pick(f.label))));
    };
    add('owners', g.owners);
    add('area', g.area);
    add('participatingOwners', g.participatingOwners);
    add('participatingArea', g.participatingArea);
    add('fund', g.fund);
  }
  return lines;
}

function renderVerdict(ctx) {
  const r = ctx.result;
  const e = r.elig;
  if (!e) {
    return h('div', { class: 'verdict-box v-none' },
      h('h3', null, t('verdict.heading')),
      h('p', null, t('step1.fixFirst')));
  }
  const all = e.findings;
  const count = (o) => all.filter((f) => f.outcome === o).length;
  const gaps = gapLines([...e.findings, ...e.warnings]);
  return h('div', { class: 'verdict-box' },
    h('h3', null, t('verdict.heading')),
    h('div', { class: `verdict v-${e.verdict}`, id: 'verdict', dataset: { verdict: e.verdict } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, e.verdict === 'eligible' ? ICON.pass : e.verdict === 'ineligible' ? ICON.fail : ICON.unknown),
      h('div', null,
        h('p', { class: 'verdict-text' }, t(`verdict.${e.verdict}`)),
        h('p', { class: 'verdict-explain' }, t(`verdict.explain.${e.verdict}`)),
        h('p', { class: 'verdict-counts' }, t('verdict.counts', {
          total: all.length, pass: count('pass'), fail: count('fail'), unknown: count('unknown'),
        })))),
    e.toProvide.length
      ? h('section', { class: 'provide', 'aria-labelledby': 'provide-h' },
        h('h4', { id: 'provide-h' }, t('provide.heading')),
        h('p', null, t('provide.intro')),
        h('ul', { class: 'provide-list' }, e.toProvide.map((path) => h('li', { dataset: { field: path } },
          h('button', { type: 'button', class: 'link-btn', id: `provide-${safeId(path)}`, onclick: () => ctx.goToField(path) },
            t('provide.go', { field: fieldLabel(path) }))))))
      : null,
    gaps.length ? h('section', { class: 'gaps' }, h('h4', null, t('gap.heading')), h('ul', { class: 'gap-list' }, gaps)) : null,
    h('h4', null, t('verdict.rules')),
    h('ol', { class: 'findings', id: 'findings' }, all.map(findingItem)),
    e.warnings.length
      ? [h('h4', null, t('verdict.warnings')), h('ul', { class: 'findings warnings', id: 'warnings' }, e.warnings.map(findingItem))]
      : null);
}

// ---------- cost ----------

function partyTable(est) {
  const total = toFen(est.total);
  return h('div', { class: 'table-wrap' },
    labelCells(h('table', { class: 'parties', id: 'party-table' },
      h('caption', null, t('cost.byParty')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('cost.party')),
        h('th', { scope: 'col', class: 'num' }, t('cost.amount')),
        h('th', { scope: 'col', class: 'num' }, t('cost.share')))),
      h('tbody', null, est.shares.map((p) => h('tr', { dataset: { party: p.party, basis: p.basis } },
        h('th', { scope: 'row' }, h('span', { class: 'party-cell' },
          h('span', null, h('span', { class: `swatch p-${p.party}`, 'aria-hidden': 'true' }), pick(p.name)),
          h('span', { class: `badge ${p.basis}` }, t(`basis.${p.basis}`)))),
        h('td', { class: 'num amount', dataset: { amount: p.amount } }, formatMoney(p.amount)),
        h('td', { class: 'num' }, `${bpToPercent(basisPoints(p.amount, total))}%`)))),
      h('tfoot', null, h('tr', null,
        h('th', { scope: 'row' }, t('cost.total')),
        h('td', { class: 'num amount', id: 'total-cell', dataset: { amount: est.total } }, formatMoney(est.total)),
        h('td', { class: 'num' }, '100.00%'))))));
}

function lineCard(line) {
  const qty = line.quantity !== undefined && line.unitPrice !== undefined
    ? `${groupDigits(line.quantity)}${line.unit ? ' ' + t(`unit.${line.unit}`) : ''} × ${formatMoney(line.unitPrice)}`
    : t('cost.lump');
  return h('li', { class: 'line', dataset: { item: line.item } },
    h('p', { class: 'line-name' }, pick(line.name),
      line.segment ? h('span', { class: 'badge segment' }, t(`segment.${line.segment}`)) : null),
    h('p', { class: 'line-meta secondary' }, pick(line.category)),
    h('p', { class: 'line-amount' }, h('span', null, qty, ' = '), h('strong', { class: 'amount', dataset: { amount: line.amount } }, yuan(line.amount))),
    h('p', { class: 'line-rule' }, h('span', null, t('cost.rule'), t('common.colon')), pick(line.fundingLabel)),
    h('div', { class: 'table-wrap' },
      labelCells(h('table', { class: 'shares' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('cost.party')),
          h('th', { scope: 'col', class: 'num' }, t('cost.amount')),
          h('th', { scope: 'col', class: 'num' }, t('cost.fraction')))),
        h('tbody', null, line.shares.map((sh) => h('tr', { dataset: { party: sh.party, basis: sh.basis } },
          h('th', { scope: 'row' }, h('span', { class: 'party-cell' },
            h('span', null, partyName(sh.party)),
            h('span', { class: `badge ${sh.basis}` }, t(`basis.${sh.basis}`)))),
          h('td', { class: 'num amount', dataset: { amount: sh.amount } }, formatMoney(sh.amount)),
          h('td', { class: 'num' }, `${fractionToPercent(sh.fraction) ?? sh.fraction}%`))))))),
    whyList(line.shares));
}

/** The distinct reasons behind a line's shares (the rule's clause, a hardship waiver …). */
function whyList(shares) {
  const seen = new Map();
  for (const sh of shares) {
    const key = `${sh.why.zh}|${sh.source.document}|${sh.source.clause}`;
    if (!seen.has(key)) seen.set(key, sh);
  }
  return h('details', { class: 'why secondary' },
    h('summary', null, t('cost.why')),
    h('ul', { class: 'plain' }, [...seen.values()].map((sh) => h('li', null,
      h('p', null, h('span', { class: `badge ${sh.basis}` }, t(`basis.${sh.basis}`)), ' ', pick(sh.why)),
      sourceLine(sh.source, false)))));
}

function renderCost(ctx) {
  const r = ctx.result;
  const parts = [h('h3', { id: 'cost-h' }, t('cost.heading'))];
  if (!r.hasCost) {
    parts.push(h('p', null, t('cost.none')),
      h('button', { type: 'button', class: 'secondary-btn', id: 'cost-to-step2', onclick: () => ctx.goToStep(2) }, t('cost.toStep2')));
    return parts;
  }
  const est = r.est;
  if (!est) {
    parts.push(h('p', { class: 'problem' }, t('step1.fixFirst')));
    return parts;
  }
  parts.push(h('dl', { class: 'totals' },
    h('div', null, h('dt', null, t('cost.total')), h('dd', { id: 'total', dataset: { amount: est.total } }, yuan(est.total))),
    est.perHousehold !== undefined
      ? h('div', null, h('dt', null, t('cost.perHousehold')),
        h('dd', { id: 'per-household', dataset: { amount: est.perHousehold } }, yuan(est.perHousehold)),
        h('dd', { class: 'note secondary' }, t('cost.perHouseholdNote')))
      : null));
  if (est.shares.length) {
    parts.push(h('div', { class: 'split' }, partyChart(est.shares, est.total), partyTable(est)));
  }
  if (est.lines.length) {
    parts.push(h('h4', null, t('cost.byLine')), h('ul', { class: 'lines', id: 'lines' }, est.lines.map(lineCard)));
  }
  if (est.benchmark) {
    const b = est.benchmark;
    const vars = { label: pick(b.label), intensity: groupDigits(b.intensity), basis: t(`basis.${b.basis}`), amount: b.amount ? formatMoney(b.amount) : '' };
    parts.push(h('section', { class: 'benchmark-out' },
      h('h4', null, t('cost.benchmarkHeading')),
      h('p', { id: 'benchmark-amount', dataset: { amount: b.amount ?? '' } }, t(b.amount ? 'cost.benchmarkAmount' : 'cost.benchmarkNoAmount', vars)),
      h('p', { class: 'secondary' }, t('step2.benchmark.derivation', { text: pick(b.derivation) })),
      sourceLine(b.source, false)));
  }
  parts.push(h('section', { class: 'notes' },
    h('h4', null, t('cost.notes')),
    h('ul', null,
      est.notes.map((n) => h('li', null, pick(n))),
      h('li', { class: 'secondary' }, t('cost.rounding')))));
  return parts;
}

// ---------- assumptions (editable in place) ----------

function overridesOf(ctx) {
  const id = ctx.inputs.policy;
  ctx.inputs.packs[id] = ctx.inputs.packs[id] ?? defaultPack();
  return ctx.inputs.packs[id].overrides;
}

function assumptionCard(ctx, a) {
  const overrides = overridesOf(ctx);
  const draftKey = `${ctx.inputs.policy}/${a.rule}`;
  ctx.drafts[draftKey] = ctx.drafts[draftKey]
    ?? (overrides[a.rule] ?? a.shares).map((s) => ({ party: s.party, weight: String(s.weight) }));
  const draft = ctx.drafts[draftKey];
  const rid = safeId(a.rule);
  const card = h('li', { class: 'assumption-card', dataset: { rule: a.rule } });
  const apply = () => {
    overrides[a.rule] = draft.map((s) => ({ party: s.party, weight: s.weight }));
    ctx.changed();
  };
  const draw = () => rerender(card, () => {
    ctx.reg.clearPrefix(`override:${a.rule}`);
    const used = new Set(draft.map((s) => s.party));
    const rule = ctx.menus.get(ctx.inputs.policy).funding.find((f) => f.id === a.rule);
    const pipelines = Boolean(rule?.applies?.pipelines?.length);
    const addable = [...(pipelines ? ['pipelineUtility'] : []), ...PARTIES].filter((p) => !used.has(p));
    const addId = `assume-add-${rid}`;
    return [
      h('p', { class: 'rule-label' }, pick(a.label), a.edited ? h('span', { class: 'badge edited' }, t('assume.edited')) : null),
      h('details', { class: 'why' }, h('summary', null, t('assume.why')), h('p', null, pick(a.why)), sourceLine(a.source)),
      h('fieldset', { class: 'weights' },
        h('legend', null, t('assume.weightsOf')),
        h('p', { class: 'hint', id: `assume-hint-${rid}` }, t('assume.weightsHint')),
        draft.map((s, i) => h('div', { class: 'weight-row' },
          inputField(ctx.reg, STEP, {
            key: `override:${a.rule}:${i}`,
            kind: 'decimal',
            label: t('assume.weight', { party: partyName(s.party) }),
            value: s.weight,
            onInput: (v) => { s.weight = v; },
          }),
          h('button', {
            type: 'button', class: 'secondary-btn small-btn', id: `assume-rm-${rid}-${i}`,
            onclick: () => { draft.splice(i, 1); draw(); document.getElementById(`assume-apply-${rid}`)?.focus(); },
          }, t('assume.remove', { party: partyName(s.party) })))),
        addable.length
          ? h('div', { class: 'add-party' },
            h('label', { for: addId }, t('assume.addParty')),
            h('select', { id: addId }, addable.map((p) => h('option', { value: p }, partyName(p)))),
            h('button', {
              type: 'button', class: 'secondary-btn', id: `assume-addbtn-${rid}`,
              onclick: () => {
                const sel = document.getElementById(addId);
                draft.push({ party: sel.value, weight: '1' });
                draw();
                document.getElementById(`in-${safeId(`override:${a.rule}:${draft.length - 1}`)}`)?.focus();
              },
            }, t('assume.add')))
          : null,
        messageSlot(ctx.reg, STEP, `override:${a.rule}`)),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'primary', id: `assume-apply-${rid}`, onclick: apply }, t('assume.apply')),
        a.edited || overrides[a.rule]
          ? h('button', {
            type: 'button', class: 'secondary-btn', id: `assume-reset-${rid}`,
            onclick: () => {
              delete overrides[a.rule];
              delete ctx.drafts[draftKey];
              ctx.changed();
              document.getElementById(`assume-apply-${rid}`)?.focus();
            },
          }, t('assume.reset'))
          : null),
    ];
  });
  draw();
  return card;
}

function renderAssumptions(ctx) {
  const est = ctx.result.est;
  if (!est) {
    // Keep the editor while its own figures (or others) are being corrected; clear it when
    // there is nothing to cost.
    if (ctx.result.hasCost) return null;
    if (ctx.assumeSig === 'none') return null;
    ctx.assumeSig = 'none';
    return [];
  }
  // Rebuild only when the set of assumptions changes, so typing in a weight is never interrupted.
  const sig = JSON.stringify([ctx.inputs.policy, est.assumptions.map((a) => [a.rule, a.shares, a.edited])]);
  if (ctx.assumeSig === sig && ctx.els.assumeOut.childNodes.length) return null;
  ctx.assumeSig = sig;
  ctx.reg.clearPrefix('override:');
  for (const k of Object.keys(ctx.drafts)) delete ctx.drafts[k];
  return [
    h('h3', null, t('assume.heading')),
    est.assumptions.length
      ? [h('p', null, t('assume.intro')), h('ul', { class: 'assumptions', id: 'assumptions' }, est.assumptions.map((a) => assumptionCard(ctx, a)))]
      : h('p', null, t('assume.none')),
  ];
}

// ---------- my household, elevator, waiver ----------

function renderHouseholdOut(ctx) {
  const est = ctx.result.est;
  const bill = est?.household;
  if (!bill) return h('p', { class: 'note' }, t('household.none'));
  return h('div', { class: 'bill', id: 'bill' },
    h('h4', null, t('household.bill')),
    h('dl', null,
      h('div', null, h('dt', null, t('household.shared', { method: t(`household.method.${bill.sharedMethod}`) })),
        h('dd', { class: 'amount', dataset: { amount: bill.shared } }, yuan(bill.shared))),
      bill.elevator !== undefined
        ? h('div', null, h('dt', null, t('household.elevator')), h('dd', { class: 'amount', dataset: { amount: bill.elevator } }, yuan(bill.elevator)))
        : null,
      h('div', { class: 'bill-total' }, h('dt', null, t('household.total')),
        h('dd', { class: 'amount', id: 'bill-total', dataset: { amount: bill.total } }, yuan(bill.total)))));
}

function renderElevatorOut(ctx) {
  const est = ctx.result.est;
  const parts = [];
  const menu = ctx.menus.get(ctx.inputs.policy);
  const elevatorIds = new Set(menu.categories.flatMap((c) => c.items.filter((i) => i.elevator).map((i) => i.id)));
  const hasElevatorLine = (est?.lines ?? []).some((l) => elevatorIds.has(l.item));
  if (ctx.inputs.elevator.on && !hasElevatorLine) parts.push(h('p', { class: 'note' }, t('elevator.noElevatorItem')));
  const sp = est?.elevator;
  if (sp) {
    parts.push(h('p', { class: 'elevator-total' }, t('elevator.residentsTotal', { amount: formatMoney(sp.residentsTotal) })),
      h('div', { class: 'table-wrap' },
        labelCells(h('table', { class: 'floors', id: 'elevator-table' },
          h('caption', null, t('elevator.result')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('elevator.floor')),
            h('th', { scope: 'col', class: 'num' }, t('elevator.households')),
            h('th', { scope: 'col', class: 'num' }, t('elevator.floorTotal')),
            h('th', { scope: 'col', class: 'num' }, t('elevator.perHousehold')))),
          h('tbody', null, sp.floors.map((f) => h('tr', { dataset: { floor: f.floor } },
            h('th', { scope: 'row' }, t('elevator.floorN', { n: f.floor })),
            h('td', { class: 'num' }, String(f.households)),
            h('td', { class: 'num amount' }, formatMoney(f.total)),
            h('td', { class: 'num amount' }, formatMoney(f.perHousehold),
              f.plusOneFen ? h('span', { class: 'fen-note' }, t('elevator.plusOneFen', { n: f.plusOneFen })) : null))))))));
  }
  return parts;
}

function elevatorControls(ctx, box) {
  const el = ctx.inputs.elevator;
  const { reg } = ctx;
  ctx.gen = ctx.gen ?? { floors: '6', households: '2' };
  const draw = (focusId) => {
    rerender(box, () => {
      reg.clearPrefix('elevator.');
      if (!el.on) return [];
      const rows = el.floors.map((f, i) => {
        const key = (k) => `elevator.floors[${i}].${k}`;
        const set = (k) => (v) => { f[k] = v; ctx.changed(); };
        return h('fieldset', { class: 'floor-row' },
          h('legend', null, t('elevator.floorRow', { n: i + 1 })),
          h('div', { class: 'row-inputs' },
            inputField(reg, STEP, { key: key('floor'), kind: 'count', label: t('elevator.floor'), value: f.floor, onInput: set('floor') }),
            inputField(reg, STEP, { key: key('households'), kind: 'count', label: t('elevator.households'), value: f.households, onInput: set('households') }),
            el.method !== 'floorsClimbed'
              ? inputField(reg, STEP, { key: key('area'), kind: 'decimal', label: t('elevator.area'), value: f.area, onInput: set('area') })
              : null,
            el.method === 'coefficients'
              ? inputField(reg, STEP, { key: key('coefficient'), kind: 'decimal', label: t('elevator.coefficient'), value: f.coefficient, onInput: set('coefficient') })
              : null),
          h('button', {
            type: 'button', class: 'secondary-btn small-btn', id: `floor-rm-${i}`,
            onclick: () => { el.floors.splice(i, 1); ctx.changed(); draw('floor-add'); },
          }, t('elevator.removeFloor', { n: i + 1 })));
      });
      return [
        radioGroup(reg, STEP, {
          key: 'elevator.method',
          legend: t('elevator.method'),
          value: el.method,
          options: ['floorsClimbed', 'coefficients', 'area'].map((m) => ({ value: m, label: t(`elevator.method.${m}`) })),
          onChange: (v) => { el.method = v; ctx.changed(); draw(); },
        }),
        inputField(reg, STEP, {
          key: 'elevator.exemptFloors', kind: 'count', label: t('elevator.exempt'), value: el.exemptFloors,
          onInput: (v) => { el.exemptFloors = v; ctx.changed(); },
        }),
        h('fieldset', { class: 'quick-fill' },
          h('legend', null, t('elevator.generate')),
          h('div', { class: 'row-inputs' },
            h('div', { class: 'field' }, h('label', { for: 'gen-floors' }, t('elevator.genFloors')),
              h('input', { id: 'gen-floors', type: 'text', inputmode: 'numeric', class: 'num', value: ctx.gen.floors, oninput: (e) => { ctx.gen.floors = e.target.value; } })),
            h('div', { class: 'field' }, h('label', { for: 'gen-households' }, t('elevator.genHouseholds')),
              h('input', { id: 'gen-households', type: 'text', inputmode: 'numeric', class: 'num', value: ctx.gen.households, oninput: (e) => { ctx.gen.households = e.target.value; } }))),
          h('button', {
            type: 'button', class: 'secondary-btn', id: 'gen-button',
            onclick: () => {
              const n = Math.min(Math.max(Number.parseInt(ctx.gen.floors, 10) || 0, 1), 60);
              const hh = Math.max(Number.parseInt(ctx.gen.households, 10) || 0, 0);
              el.floors = defaultFloors(n, hh);
              ctx.changed();
              draw('gen-button');
            },
          }, t('elevator.genButton'))),
        h('div', { class: 'floor-rows' }, rows),
        h('button', {
          type: 'button', class: 'secondary-btn', id: 'floor-add',
          onclick: () => {
            const last = el.floors[el.floors.length - 1];
            const next = last && /^\d+$/.test(last.floor) ? String(Number(last.floor) + 1) : '';
            el.floors.push({ floor: next, households: last?.households ?? '', area: '', coefficient: '' });
            ctx.changed();
            draw(`in-${safeId(`elevator.floors[${el.floors.length - 1}].households`)}`);
          },
        }, t('elevator.addFloor')),
        messageSlot(reg, STEP, 'elevator.floors'),
      ];
    });
    if (focusId) document.getElementById(focusId)?.focus();
    ctx.refreshMessages?.();
  };
  return draw;
}

function waiverControls(ctx, box) {
  const w = ctx.inputs.waiver;
  const { reg } = ctx;
  return () => rerender(box, () => {
    reg.clearPrefix('waiver.');
    if (!w.on) return [];
    return [
      h('div', { class: 'pair' },
        inputField(reg, STEP, { key: 'waiver.households', kind: 'count', label: t('f.waiver.households'), value: w.households, onInput: (v) => { w.households = v; ctx.changed(); } }),
        inputField(reg, STEP, { key: 'waiver.share', kind: 'decimal', label: t('f.waiver.share'), value: w.percent, onInput: (v) => { w.percent = v; ctx.changed(); } })),
      selectField(reg, STEP, {
        key: 'waiver.payer', label: t('f.waiver.payer'), value: w.payer,
        options: PARTIES.filter((p) => p !== 'residents').map((p) => ({ value: p, label: partyName(p) })),
        onChange: (v) => { w.payer = v; ctx.changed(); },
      }),
    ];
  });
}

export function renderStep3(ctx) {
  const { reg, els } = ctx;
  reg.clearStep(STEP);
  ctx.assumeSig = null;
  els.resultTitle = h('p', { class: 'result-for', id: 'result-for' });
  els.step3Errors = h('div', { id: 'step3-errors', class: 'error-summary', hidden: true, tabindex: '-1' });
  els.summaryOut = h('div', { id: 'summary-out' });
  els.verdictOut = h('div', { id: 'verdict-out' });
  els.costOut = h('div', { id: 'cost-out', 'aria-labelledby': 'cost-h' });
  els.assumeOut = h('div', { id: 'assume-out' });
  els.householdOut = h('div', { id: 'household-out', 'aria-live': 'polite' });
  els.elevatorOut = h('div', { id: 'elevator-out' });
  els.compareOut = h('div', { id: 'compare-out' });

  const hh = ctx.inputs.household;
  const elevatorBox = h('div', { class: 'elevator-controls' });
  const drawElevator = elevatorControls(ctx, elevatorBox);
  drawElevator();
  const waiverBox = h('div', { class: 'waiver-controls' });
  const drawWaiver = waiverControls(ctx, waiverBox);
  drawWaiver();

  const others = ctx.policies.filter((p) => p.id !== ctx.inputs.policy);
  const compareSelect = selectField(reg, STEP, {
    key: 'compare',
    label: t('compare.select'),
    value: ctx.inputs.compare,
    options: [{ value: '', label: t('compare.none') }, ...others.map((p) => ({ value: p.id, label: packLabel(p) }))],
    onChange: (v) => { ctx.inputs.compare = v; ctx.changed(); },
  });

  return [
    h('h2', { id: 'step3-heading', tabindex: '-1' }, t('step3.heading')),
    els.resultTitle,
    els.summaryOut,
    els.step3Errors,
    h('section', { class: 'panel', id: 'verdict-section' }, els.verdictOut),
    h('section', { class: 'panel', id: 'cost-section' }, els.costOut, els.assumeOut),
    h('section', { class: 'panel', id: 'household-section', 'aria-labelledby': 'household-h' },
      h('h3', { id: 'household-h' }, t('household.heading')),
      h('p', { class: 'intro no-print' }, t('household.intro')),
      h('div', { class: 'pair no-print' },
        inputField(reg, STEP, { key: 'household.floor', kind: 'count', label: t('f.household.floor'), value: hh.floor, onInput: (v) => { hh.floor = v; ctx.changed(); } }),
        inputField(reg, STEP, { key: 'household.area', kind: 'decimal', label: t('f.household.area'), value: hh.area, onInput: (v) => { hh.area = v; ctx.changed(); } })),
      els.householdOut,
      h('section', { class: 'sub', id: 'elevator-section', 'aria-labelledby': 'elevator-h' },
        h('h4', { id: 'elevator-h' }, t('elevator.heading')),
        h('p', { class: 'intro no-print' }, t('elevator.intro')),
        h('div', { class: 'no-print' }, checkbox({
          id: 'elevator-on', label: t('elevator.enable'), checked: ctx.inputs.elevator.on,
          onChange: (on) => { ctx.inputs.elevator.on = on; drawElevator(); ctx.changed(); },
        })),
        h('div', { class: 'no-print' }, elevatorBox),
        els.elevatorOut),
      h('section', { class: 'sub no-print', id: 'waiver-section', 'aria-labelledby': 'waiver-h' },
        h('h4', { id: 'waiver-h' }, t('waiver.heading')),
        h('p', { class: 'intro' }, t('waiver.intro')),
        checkbox({
          id: 'waiver-on', label: t('waiver.enable'), checked: ctx.inputs.waiver.on,
          onChange: (on) => { ctx.inputs.waiver.on = on; drawWaiver(); ctx.changed(); },
        }),
        waiverBox)),
    h('section', { class: 'panel', id: 'compare-section', 'aria-labelledby': 'compare-h' },
      h('h3', { id: 'compare-h' }, t('compare.heading')),
      h('div', { class: 'no-print' }, compareSelect),
      els.compareOut),
    h('div', { class: 'step-nav' },
      h('button', { type: 'button', class: 'secondary-btn', id: 'back-step2', onclick: () => ctx.goToStep(2) }, t('steps.back2'))),
  ];
}

/** The answer first: verdict, total, the residents' part and my household's, in one box. */
function renderSummary(ctx, policy) {
  const { elig, est } = ctx.result;
  const rows = [];
  const row = (label, value, cls) => rows.push(h('div', { class: cls }, h('dt', null, label), h('dd', null, value)));
  if (elig) row(t('step3.sumVerdict'), t(`verdict.${elig.verdict}`), `v-text-${elig.verdict}`);
  if (est) {
    row(t('step3.sumTotal'), yuan(est.total));
    const residents = est.shares.find((s) => s.party === 'residents');
    if (residents) row(t('step3.sumResidents'), yuan(residents.amount));
    if (est.household) row(t('step3.sumMine'), yuan(est.household.total));
  }
  return [
    policy?.status === 'draftForComment'
      ? h('div', { class: 'draft-banner' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, '!'), h('p', null, t('step3.draftNote')))
      : null,
    rows.length ? h('section', { class: 'summary', 'aria-label': t('step3.summary') }, h('dl', null, rows)) : null,
  ];
}

export function renderResults(ctx) {
  const { els } = ctx;
  const policy = ctx.policies.find((p) => p.id === ctx.inputs.policy);
  const name = ctx.inputs.estate.name.trim() || t('step3.unnamed');
  els.resultTitle.textContent = t('step3.for', { estate: name, jurisdiction: pick(policy?.jurisdiction) });
  rerender(els.summaryOut, () => renderSummary(ctx, policy));
  rerender(els.verdictOut, () => renderVerdict(ctx));
  rerender(els.costOut, () => renderCost(ctx));
  const assume = renderAssumptions(ctx);
  if (assume !== null) rerender(els.assumeOut, () => assume);
  rerender(els.householdOut, () => renderHouseholdOut(ctx));
  rerender(els.elevatorOut, () => renderElevatorOut(ctx));
  rerender(els.compareOut, () => renderCompare(ctx));
}
