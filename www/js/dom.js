// DOM helpers. Every text goes in through textContent or attributes: nothing typed by a person
// (or read from a file, a link or the policy data) is ever parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'open' || k === 'hidden') {
      el[k] = Boolean(v);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** h('p', {class: 'x'}, 'text', child…) → an HTML element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** s('rect', {x: 0}) → an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

let uid = 0;
export function nextId(prefix = 'id') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * Re-renders `container` with `build()` and gives focus back to the element that had it (by id),
 * so that recomputing a result never throws a keyboard user out of what they were doing.
 */
export function rerender(container, build) {
  const active = document.activeElement;
  const hadFocus = active && container.contains(active) && active.id ? active.id : null;
  const sel = hadFocus && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  replace(container, build());
  if (hadFocus) {
    const again = document.getElementById(hadFocus);
    if (again) {
      again.focus({ preventScroll: true });
      if (sel && 'setSelectionRange' in again) {
        try { again.setSelectionRange(sel[0], sel[1]); } catch { /* not a text field */ }
      }
    }
  }
}

/**
 * Copies each column's header text into data-label of the body cells, so that a narrow screen
 * (长辈版 on a phone) can show each row as a small card: "金额（元） 144,048.00".
 */
export function labelCells(table) {
  const heads = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent.trim());
  for (const section of [...table.tBodies, ...(table.tFoot ? [table.tFoot] : [])]) {
    for (const row of section.rows) {
      [...row.cells].forEach((cell, i) => {
        if (cell.tagName === 'TD' && heads[i]) cell.dataset.label = heads[i];
      });
    }
  }
  table.classList.add('stack-narrow');
  return table;
}
