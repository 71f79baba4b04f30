// Step 1: the compound (every field of the package's Estate; "don't know" allowed everywhere).

import { h, rerender } from './dom.js';
import { inputField, radioGroup, selectField, yesNo, messageSlot } from './fields.js';
import { t } from '../i18n.js';
import { HOUSING_TYPES, LOCATION_TYPES } from './state.js';

const STEP = 1;

export function renderStep1(ctx) {
  const { reg } = ctx;
  reg.clearStep(STEP);
  const form = ctx.inputs.estate;
  const needed = ctx.needed.get(ctx.inputs.policy) ?? new Set();
  const badge = (...paths) => (paths.some((p) => needed.has(p)) ? t('step1.needed') : null);
  const set = (key) => (v) => {
    form[key] = v;
    ctx.changed();
  };
  const num = (key, kind, extra = {}) => inputField(reg, STEP, {
    key, kind, label: t(`f.${key}`), value: form[key], onInput: set(key), badge: badge(key), ...extra,
  });
  const flag = (key) => yesNo(reg, STEP, { key, legend: t(`f.${key}`), value: form[key], onChange: set(key), badge: badge(key) });

  const yearBox = h('div', { class: 'year-inputs' });
  const drawYear = () => rerender(yearBox, () => {
    reg.clearPrefix('builtYear');
    if (form.yearMode === 'single') {
      return [num('builtYear', 'year', { hint: t('hint.blank') }), messageSlot(reg, STEP, 'builtYears')];
    }
    if (form.yearMode === 'range') {
      return h('div', { class: 'pair' },
        num('builtYears.from', 'year'),
        num('builtYears.to', 'year'),
        messageSlot(reg, STEP, 'builtYears'));
    }
    return [];
  });
  const yearMode = radioGroup(reg, STEP, {
    key: 'yearMode',
    legend: t('f.year'),
    badge: badge('builtYear', 'builtYears'),
    value: form.yearMode,
    options: ['single', 'range', 'unknown'].map((m) => ({ value: m, label: t(`f.yearMode.${m}`) })),
    onChange: (v) => {
      form.yearMode = v;
      drawYear();
      ctx.changed();
    },
  });
  drawYear();

  const select = (key, values, prefix) => selectField(reg, STEP, {
    key,
    label: t(`f.${key}`),
    value: form[key],
    badge: badge(key),
    options: [{ value: '', label: t('opt.unknown') }, ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }))],
    onChange: set(key),
  });

  const group = (titleKey, hintKey, ...children) => h('fieldset', { class: 'group' },
    h('legend', null, h('span', { class: 'group-title' }, t(titleKey))),
    hintKey ? h('p', { class: 'hint group-hint' }, t(hintKey)) : null,
    children);

  const errorSummary = h('div', { id: 'step1-errors', class: 'error-summary', hidden: true, tabindex: '-1' });
  ctx.els.step1Errors = errorSummary;

  return [
    h('h2', { id: 'step1-heading', tabindex: '-1' }, t('step1.heading')),
    h('p', { class: 'intro' }, t('step1.intro')),
    errorSummary,
    group('group.basic', null,
      inputField(reg, STEP, { key: 'name', label: t('f.name'), hint: t('hint.name'), value: form.name, onInput: set('name'), maxlength: 200 }),
      inputField(reg, STEP, { key: 'district', label: t('f.district'), value: form.district, onInput: set('district'), maxlength: 200 }),
      h('div', { class: 'year' }, yearMode, yearBox),
      select('locationType', LOCATION_TYPES, 'location'),
      select('housingType', HOUSING_TYPES, 'housing'),
      h('div', { class: 'pair' },
        num('households', 'count', { hint: t('hint.households') }),
        num('buildings', 'count')),
      num('floorArea', 'decimal', { hint: t('hint.floorArea') })),
    group('group.facts', null,
      flag('structurallySafe'),
      flag('facilitiesDeficient'),
      flag('demolitionPlanned'),
      flag('urbanVillage'),
      flag('threeSuppliesTransferred')),
    group('group.consent', 'group.consentHint',
      h('div', { class: 'triple' },
        num('owners.total', 'count'),
        num('owners.voted', 'count'),
        num('owners.inFavour', 'count')),
      messageSlot(reg, STEP, 'owners'),
      h('div', { class: 'triple' },
        num('ownerArea.total', 'decimal'),
        num('ownerArea.voted', 'decimal'),
        num('ownerArea.inFavour', 'decimal')),
      messageSlot(reg, STEP, 'ownerArea')),
    group('group.management', null,
      flag('selfGovernance'),
      flag('longTermManagement'),
      h('div', { class: 'pair' },
        num('maintenanceFund.initial', 'decimal', { hint: t('hint.maintenanceFund') }),
        num('maintenanceFund.balance', 'decimal'))),
    h('div', { class: 'step-nav' },
      h('button', { type: 'button', class: 'primary', id: 'to-step2', onclick: () => ctx.goToStep(2) }, t('steps.next2'))),
  ];
}
