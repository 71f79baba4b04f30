// The cost-split chart, drawn as SVG elements (no library): one stacked bar of the whole total
// and one bar per party. Lengths come from BigInt fen, never from floating-point money.
// Parties resting on an assumption are hatched, so policy and assumption differ without colour.

import { h, s } from './dom.js';
import { basisPoints, bpToPercent, formatMoney, toFen } from './money.js';
import { pick, t } from '../i18n.js';

let chartSeq = 0;

function hatch(id) {
  return s('pattern', { id, patternUnits: 'userSpaceOnUse', width: 8, height: 8, patternTransform: 'rotate(45)' },
    s('rect', { x: 0, y: 0, width: 3, height: 8, class: 'hatch-line' }));
}

function pctAttr(bp) {
  // basis points → an SVG percentage length such as "37.5%" (geometry only).
  return `${bpToPercent(bp)}%`;
}

/** shares: PartyTotal[] from the package; total: money string. */
export function partyChart(shares, total) {
  chartSeq += 1;
  const hatchId = `hatch-${chartSeq}`;
  const totalFen = toFen(total);
  const summary = shares
    .map((p) => t('cost.chartItem', { party: pick(p.name), amount: formatMoney(p.amount), pct: bpToPercent(basisPoints(p.amount, totalFen)) }))
    .join(t('common.listSep'));

  // One stacked bar: the whole total, party by party.
  const stack = s('svg', {
    class: 'stack', width: '100%', height: '100%', role: 'img',
    'aria-label': t('cost.chartLabel', { summary }), focusable: 'false',
  }, s('defs', null, hatch(hatchId)));
  let x = 0n;
  shares.forEach((p) => {
    const bp = basisPoints(p.amount, totalFen);
    if (bp <= 0n) return;
    const g = s('g', { class: `party p-${p.party}` },
      s('title', null, `${pick(p.name)}: ${formatMoney(p.amount)}`),
      s('rect', { x: pctAttr(x), y: 0, width: pctAttr(bp), height: '100%', class: 'seg' }),
      p.basis === 'assumption'
        ? s('rect', { x: pctAttr(x), y: 0, width: pctAttr(bp), height: '100%', fill: `url(#${hatchId})`, class: 'hatched' })
        : null);
    stack.append(g);
    x += bp;
  });

  // One bar per party, scaled to the largest share, with the name and amount as HTML text.
  const max = shares.reduce((m, p) => (toFen(p.amount) > m ? toFen(p.amount) : m), 0n);
  const rows = shares.map((p, i) => {
    const bp = basisPoints(p.amount, max);
    const id = `${hatchId}-${i}`;
    const bar = s('svg', { class: 'bar', width: '100%', height: '100%', 'aria-hidden': 'true', focusable: 'false' },
      s('defs', null, hatch(id)),
      s('rect', { x: 0, y: 0, width: '100%', height: '100%', class: 'track' }),
      s('g', { class: `party p-${p.party}` },
        s('rect', { x: 0, y: 0, width: pctAttr(bp), height: '100%', class: 'seg' }),
        p.basis === 'assumption'
          ? s('rect', { x: 0, y: 0, width: pctAttr(bp), height: '100%', fill: `url(#${id})`, class: 'hatched' })
          : null));
    return h('li', { class: 'bar-row' },
      h('span', { class: 'bar-label' },
        h('span', { class: `swatch p-${p.party}`, 'aria-hidden': 'true' }),
        pick(p.name),
        p.basis === 'assumption' ? h('span', { class: 'badge assumption' }, t('basis.assumption')) : null),
      h('span', { class: 'bar-track' }, bar),
      h('span', { class: 'bar-amount' }, t('cost.yuan', { amount: formatMoney(p.amount) }),
        ' · ', `${bpToPercent(basisPoints(p.amount, totalFen))}%`));
  });

  return h('figure', { class: 'chart' },
    h('figcaption', null, t('cost.chart')),
    h('div', { class: 'stack-wrap' }, stack),
    h('ul', { class: 'bars', 'aria-hidden': 'true' }, rows),
    h('ul', { class: 'legend secondary' },
      h('li', null, h('span', { class: 'key solid', 'aria-hidden': 'true' }), t('basis.legend.policy')),
      h('li', null, h('span', { class: 'key hatched-key', 'aria-hidden': 'true' }), t('basis.legend.assumption'))));
}
