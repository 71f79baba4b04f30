// The planning page's small helpers: building elements (text only, never HTML) and writing the
// module's exact decimal strings for reading (digit groups, 万元). No number is computed here.

/** Builds an element: h('p', {class: 'x', text: '…'}, child, …). Text only, never HTML. */
export function h(tag, props = {}, ...children) {
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

/** Replaces an element's children, leaving out the empty ones (null, undefined, false). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

const SVG = 'http://www.w3.org/2000/svg';
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

/** Groups the digits of a decimal string ("257655000.00" → "257,655,000.00"), exactly. */
export function group(text) {
  if (text === undefined || text === null) return '—';
  const [int, frac] = String(text).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** An amount in 元 as 万元, exactly (the decimal point moved four places, trailing zeros dropped). */
export function wanOf(yuan) {
  if (yuan === undefined || yuan === null) return undefined;
  const neg = yuan.startsWith('-');
  const [int, frac = ''] = (neg ? yuan.slice(1) : yuan).split('.');
  const padded = int.padStart(5, '0');
  const whole = padded.slice(0, -4).replace(/^0+(?=\d)/, '');
  const rest = (padded.slice(-4) + frac).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

export function bytesText(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
