// Money and other exact decimals arrive as strings ("1234.50") and are only ever handled as
// strings or as BigInt fen — never as binary floating point.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1234567.5" → "1,234,567.5" (thousands separators added to the whole part only). */
export function groupDigits(text) {
  const m = DECIMAL.exec(String(text ?? '').trim());
  if (!m) return String(text ?? '');
  const [, sign, whole, frac] = m;
  let out = '';
  for (let i = 0; i < whole.length; i += 1) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return sign + out + (frac !== undefined ? '.' + frac : '');
}

/** Money string → "1,234.50" (two decimals kept as given; a whole number gets ".00"). */
export function formatMoney(text) {
  const m = DECIMAL.exec(String(text ?? '').trim());
  if (!m) return String(text ?? '');
  const frac = m[3] === undefined ? '00' : m[3].length === 1 ? m[3] + '0' : m[3];
  return groupDigits(`${m[1]}${m[2]}.${frac}`);
}

/** "1234.5" → 123450n (fen). Extra decimals beyond the fen are cut (display geometry only). */
export function toFen(text) {
  const m = DECIMAL.exec(String(text ?? '').trim());
  if (!m) return 0n;
  const frac = ((m[3] ?? '') + '00').slice(0, 2);
  const v = BigInt(m[2]) * 100n + BigInt(frac);
  return m[1] === '-' ? -v : v;
}

/** part / whole in basis points (1/100 of a percent), as BigInt, rounded half up. */
export function basisPoints(part, whole) {
  const p = typeof part === 'bigint' ? part : toFen(part);
  const w = typeof whole === 'bigint' ? whole : toFen(whole);
  if (w <= 0n) return 0n;
  return (p * 20000n + w) / (2n * w);
}

/** 1234n basis points → "12.34" (percent, two decimals). */
export function bpToPercent(bp) {
  const neg = bp < 0n;
  const a = neg ? -bp : bp;
  const whole = a / 100n;
  const frac = String(a % 100n).padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** A fraction such as "39/400" → percent text "9.75" (two decimals, half up). */
export function fractionToPercent(fraction) {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(String(fraction ?? '').trim());
  if (!m) return null;
  const n = BigInt(m[1]);
  const d = BigInt(m[2] ?? '1');
  if (d === 0n) return null;
  return bpToPercent((n * 20000n + d) / (2n * d));
}

/**
 * What a person typed as a number → a plain decimal text, or null when it is not one.
 * Accepts full-width digits, "，" / "," thousands separators and spaces.
 */
export function normaliseNumber(raw) {
  let t = String(raw ?? '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[\s,\uFF0C]/g, '');
  if (t.startsWith('+')) t = t.slice(1);
  return t;
}

/** Percent text ("50", "12.5") → fraction text ("0.5", "0.125") by moving the decimal point. */
export function percentToShare(text) {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const digits = m[1] + (m[2] ?? '');
  const point = m[1].length - 2;
  let whole;
  let frac;
  if (point > 0) {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  } else {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  }
  frac = frac.replace(/0+$/, '');
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  return frac ? `${whole}.${frac}` : whole;
}
