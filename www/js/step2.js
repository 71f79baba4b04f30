// Step 2: the pack's renovation menu (categories, items with their 改造标准), prices or lump sums,
// the meter segment of pipeline items, and the benchmarks for when no price is known.

import { h, rerender } from './dom.js';
import { checkbox, inputField, radioGroup, safeId, yesNo } from './fields.js';
import { groupDigits } from './money.js';
import { lang, pick, t } from '../i18n.js';
import { defaultItem, defaultPack } from './state.js';
import { asksCityGas, chosenItems } from './model.js';

const STEP = 2;

export function cite(source) {
  const text = [source.document, source.clause].filter(Boolean).join(' ');
  return h('span', { class: 'cite', lang: 'zh-CN' }, text);
}

function packState(ctx) {
  const id = ctx.inputs.policy;
  ctx.inputs.packs[id] = ctx.inputs.packs[id] ?? defaultPack();
  return ctx.inputs.packs[id];
}

function itemBody(ctx, item, body) {
  const { reg } = ctx;
  const pack = packState(ctx);
  const c = pack.items[item.id];
  const key = (f) => `item:${item.id}:${f}`;
  reg.clearPrefix(`item:${item.id}:`);
  if (!c?.on) return [];
  const unit = t(`unit.${item.unit}`);
  const set = (f) => (v) => {
    c[f] = v;
    ctx.changed();
  };
  const parts = [
    radioGroup(reg, STEP, {
      key: key('mode'),
      legend: t('step2.mode'),
      value: c.mode,
      className: 'inline',
      options: [{ value: 'unit', label: t('step2.mode.unit') }, { value: 'lump', label: t('step2.mode.lump') }],
      onChange: (v) => {
        c.mode = v;
        rerender(body, () => itemBody(ctx, item, body));
        ctx.changed();
      },
    }),
  ];
  if (c.mode === 'lump') {
    parts.push(inputField(reg, STEP, { key: key('amount'), kind: 'decimal', label: t('step2.amount'), value: c.amount, onInput: set('amount') }));
  } else {
    parts.push(h('div', { class: 'pair' },
      inputField(reg, STEP, { key: key('quantity'), kind: 'decimal', label: t('step2.quantity', { unit }), value: c.quantity, onInput: set('quantity') }),
      inputField(reg, STEP, { key: key('unitPrice'), kind: 'decimal', label: t('step2.unitPrice', { unit }), value: c.unitPrice, onInput: set('unitPrice') })));
  }
  if (item.pipeline) {
    parts.push(radioGroup(reg, STEP, {
      key: key('segment'),
      legend: t('step2.segment'),
      hint: t('step2.pipelineNote'),
      value: c.segment,
      options: ['beforeMeter', 'afterMeter'].map((v) => ({ value: v, label: t(`step2.segment.${v}`) })),
      onChange: set('segment'),
    }));
  }
  if (item.elevator) parts.push(h('p', { class: 'note' }, t('step2.elevatorNote')));
  return parts;
}

function itemCard(ctx, item) {
  const pack = packState(ctx);
  const id = `item-${safeId(item.id)}`;
  const body = h('div', { class: 'item-body', id: `${id}-body` });
  const stdId = `${id}-std`;
  const card = h('div', { class: 'item', dataset: { item: item.id } },
    h('div', { class: 'item-head' },
      checkbox({
        id: `${id}-on`,
        label: pick(item.name),
        checked: Boolean(pack.items[item.id]?.on),
        onChange: (on) => {
          pack.items[item.id] = pack.items[item.id] ?? defaultItem();
          pack.items[item.id].on = on;
          card.classList.toggle('on', on);
          rerender(body, () => itemBody(ctx, item, body));
          updateCount(ctx);
          ctx.changed();
        },
      }),
      h('span', { class: 'unit-tag' }, t('step2.unitTag', { unit: t(`unit.${item.unit}`) }))),
    h('details', { class: 'standard', id: stdId },
      h('summary', null, t('step2.standard')),
      h('p', { lang: lang() === 'zh' ? null : 'en' }, pick(item.standard)),
      h('p', { class: 'source secondary' }, h('span', null, t('finding.source')), cite(item.source))),
    body);
  card.classList.toggle('on', Boolean(pack.items[item.id]?.on));
  rerender(body, () => itemBody(ctx, item, body));
  return card;
}

function updateCount(ctx) {
  const menu = ctx.menus.get(ctx.inputs.policy);
  const n = chosenItems(menu, packState(ctx)).length;
  if (ctx.els.chosenCount) ctx.els.chosenCount.textContent = t('step2.chosen', { count: n });
}

function benchmarkBox(ctx, menu) {
  const pack = packState(ctx);
  const options = [{ value: '', label: t('step2.benchmark.none') }];
  const group = radioGroup(ctx.reg, STEP, {
    key: 'benchmark',
    legend: t('step2.benchmark'),
    hint: t('step2.benchmark.withItems'),
    value: pack.benchmark,
    className: 'benchmarks',
    options: options.concat(menu.benchmarks.map((b) => ({ value: b.id, label: pick(b.label) }))),
    onChange: (v) => {
      pack.benchmark = v;
      ctx.changed();
    },
  });
  // Each benchmark's figure, derivation and source, under its radio button.
  const labels = group.querySelectorAll('label.choice');
  menu.benchmarks.forEach((b, i) => {
    const label = labels[i + 1];
    if (!label) return;
    label.after(h('div', { class: 'bench-detail' },
      h('p', { class: 'bench-figure' }, t('step2.benchmark.intensity', { amount: groupDigits(b.amount), basis: t(`basis.${b.basis}`) })),
      h('p', { class: 'secondary' }, t('step2.benchmark.derivation', { text: pick(b.derivation) })),
      h('p', { class: 'source secondary' }, h('span', null, t('finding.source')), cite(b.source))));
  });
  return group;
}

export function renderStep2(ctx) {
  const { reg } = ctx;
  reg.clearStep(STEP);
  const menu = ctx.menus.get(ctx.inputs.policy);
  const pack = packState(ctx);
  ctx.els.chosenCount = h('p', { class: 'chosen-count', role: 'status' });
  const cats = menu.categories.map((cat) => h('fieldset', { class: 'group category' },
    h('legend', null, h('span', { class: 'group-title' }, pick(cat.name)),
      cat.tier && t(`tier.${cat.tier}`) !== pick(cat.name) ? h('span', { class: 'badge tier' }, t(`tier.${cat.tier}`)) : null),
    h('p', { class: 'source secondary' }, h('span', null, t('finding.source')), cite(cat.source)),
    cat.items.map((item) => itemCard(ctx, item))));
  const out = [
    h('h2', { id: 'step2-heading', tabindex: '-1' }, t('step2.heading')),
    h('p', { class: 'intro' }, t('step2.intro')),
    h('p', { class: 'intro' }, t('step2.noPrices')),
    ctx.els.chosenCount,
  ];
  if (asksCityGas(menu)) {
    out.push(yesNo(reg, STEP, {
      key: 'cityGasCompanyArea',
      legend: t('f.cityGasCompanyArea'),
      hint: t('hint.cityGas'),
      value: pack.cityGas,
      onChange: (v) => {
        pack.cityGas = v;
        ctx.changed();
      },
    }));
  }
  out.push(...cats);
  out.push(h('div', { class: 'group benchmarks-box' }, benchmarkBox(ctx, menu)));
  out.push(h('div', { class: 'step-nav' },
    h('button', { type: 'button', class: 'secondary-btn', id: 'back-step1', onclick: () => ctx.goToStep(1) }, t('steps.back1')),
    h('button', { type: 'button', class: 'primary', id: 'to-step3', onclick: () => ctx.goToStep(3) }, t('steps.next3'))));
  queueMicrotask(() => updateCount(ctx));
  return out;
}

