// Form widgets. Each field has a visible label, an optional hint and a message line beside it,
// tied together with for/aria-describedby, and is registered under its key so that messages
// (the page's own checks or the package's errors) can be placed next to it.

import { h } from './dom.js';
import { t } from '../i18n.js';

export function safeId(key) {
  return String(key).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The registry of fields: key → {focus, err, step, wrap, inputs}. */
export class Registry {
  constructor() {
    this.map = new Map();
  }

  clearStep(step) {
    for (const [k, v] of this.map) if (v.step === step) this.map.delete(k);
  }

  clearPrefix(prefix) {
    for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.map.delete(k);
  }

  add(key, entry) {
    this.map.set(key, entry);
  }

  get(key) {
    return this.map.get(key);
  }

  /** Shows messages: `messages` is a Map key → text. Returns the keys that had no field. */
  show(messages) {
    const unplaced = [];
    for (const [key, entry] of this.map) {
      const text = messages.get(key) ?? '';
      if (entry.err.textContent !== text) entry.err.textContent = text;
      entry.err.hidden = !text;
      entry.wrap?.classList.toggle('has-error', Boolean(text));
      for (const input of entry.inputs) {
        if (text) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
    for (const key of messages.keys()) if (!this.map.has(key)) unplaced.push(key);
    return unplaced;
  }
}

function errLine(key) {
  return h('p', { class: 'field-error', id: `err-${safeId(key)}`, hidden: true });
}

function describe(input, ...ids) {
  input.setAttribute('aria-describedby', ids.filter(Boolean).join(' '));
}

/**
 * A text or number input. kind: 'text' | 'count' | 'decimal' | 'year'.
 * Numbers use type=text with inputmode, so that "1,000" or full-width digits can be typed and
 * explained instead of being silently dropped by the browser.
 */
export function inputField(reg, step, {
  key, label, hint, value, onInput, kind = 'text', maxlength, badge, suffix, autocomplete,
}) {
  const id = `in-${safeId(key)}`;
  const hintId = hint ? `hint-${safeId(key)}` : null;
  const err = errLine(key);
  const input = h('input', {
    id,
    name: key,
    type: 'text',
    inputmode: kind === 'count' || kind === 'year' ? 'numeric' : kind === 'decimal' ? 'decimal' : null,
    autocomplete: autocomplete ?? 'off',
    spellcheck: kind === 'text' ? null : 'false',
    maxlength: maxlength ?? (kind === 'text' ? 200 : 40),
    value: value ?? '',
    class: kind === 'text' ? 'text' : 'num',
    oninput: (e) => onInput(e.target.value),
  });
  describe(input, hintId, err.id);
  const wrap = h('div', { class: 'field', dataset: { key } },
    h('label', { for: id }, label, badge ? h('span', { class: 'badge needed' }, badge) : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    suffix ? h('div', { class: 'with-suffix' }, input, h('span', { class: 'suffix', 'aria-hidden': 'true' }, suffix)) : input,
    err);
  reg.add(key, { focus: input, err, step, wrap, inputs: [input] });
  return wrap;
}

/** A group of radio buttons in a fieldset. options: [{value, label}]. */
export function radioGroup(reg, step, { key, legend, hint, value, options, onChange, badge, className }) {
  const name = `rg-${safeId(key)}`;
  const hintId = hint ? `hint-${safeId(key)}` : null;
  const err = errLine(key);
  const inputs = [];
  const choices = options.map((o, i) => {
    const id = `${name}-${i}`;
    const input = h('input', {
      type: 'radio', id, name, value: o.value, checked: o.value === value,
      onchange: (e) => { if (e.target.checked) onChange(o.value); },
    });
    describe(input, hintId, err.id);
    inputs.push(input);
    return h('label', { class: 'choice', for: id }, input, h('span', null, o.label));
  });
  const fs = h('fieldset', { class: ['field', 'radios', className], dataset: { key } },
    h('legend', null, legend, badge ? h('span', { class: 'badge needed' }, badge) : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'choices' }, choices),
    err);
  const focus = { focus: (o) => (inputs.find((i) => i.checked) ?? inputs[0]).focus(o) };
  reg.add(key, { focus, err, step, wrap: fs, inputs });
  return fs;
}

/** Yes / no / don't know. value: 'yes' | 'no' | ''. */
export function yesNo(reg, step, { key, legend, hint, value, onChange, badge }) {
  return radioGroup(reg, step, {
    key, legend, hint, value: value ?? '', onChange, badge, className: 'yn',
    options: [
      { value: 'yes', label: t('yn.yes') },
      { value: 'no', label: t('yn.no') },
      { value: '', label: t('yn.unknown') },
    ],
  });
}

/** A select. options: [{value, label}]. */
export function selectField(reg, step, { key, label, hint, value, options, onChange, badge }) {
  const id = `in-${safeId(key)}`;
  const hintId = hint ? `hint-${safeId(key)}` : null;
  const err = errLine(key);
  const select = h('select', { id, name: key, onchange: (e) => onChange(e.target.value) },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
  describe(select, hintId, err.id);
  const wrap = h('div', { class: 'field', dataset: { key } },
    h('label', { for: id }, label, badge ? h('span', { class: 'badge needed' }, badge) : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    select,
    err);
  reg.add(key, { focus: select, err, step, wrap, inputs: [select] });
  return wrap;
}

/** A checkbox with its label as the (large) target. */
export function checkbox({ id, label, checked, onChange, describedBy }) {
  const input = h('input', { type: 'checkbox', id, checked, onchange: (e) => onChange(e.target.checked) });
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  return h('label', { class: 'choice check', for: id }, input, h('span', null, label));
}

/** A message line that is registered without an input (e.g. a whole group's problems). */
export function messageSlot(reg, step, key, focusEl) {
  const err = errLine(key);
  reg.add(key, { focus: focusEl ?? null, err, step, wrap: null, inputs: [] });
  return err;
}
