// The iframe route (embed.html?policy=…&lang=…&origin=…), for portals that cannot add scripts.
// The portal names its own origin in `origin`; this page then posts its height and its results
// to that origin only, and takes prefill messages from that origin only. Without a valid
// `origin` it posts nothing and listens to nothing (it never uses "*").
//
//   iframe → portal  {source: "gaizao", type: "gaizao:ready"}
//                    {source: "gaizao", type: "gaizao:height", height}         (CSS px, on every change)
//                    {source: "gaizao", type: "gaizao:result", detail}         (as the element's event)
//                    {source: "gaizao", type: "gaizao:error", detail}
//   portal → iframe  {type: "gaizao:prefill", estate: {builtYear: 1992, households: 120, …}}
import './pkg/element.js';

const query = new URLSearchParams(location.search);

/** The portal's origin as given, if it is one (scheme://host[:port], nothing else). */
function namedOrigin(text) {
  if (!text) return null;
  try {
    const u = new URL(text);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin === text.replace(/\/$/, '') ? u.origin : null;
  } catch {
    return null;
  }
}

const portal = namedOrigin(query.get('origin'));
const el = document.createElement('gaizao-calculator');
if (query.get('policy')) el.setAttribute('policy', query.get('policy'));
if (query.get('lang')) el.setAttribute('lang', query.get('lang') === 'en' ? 'en' : 'zh-CN');
if (query.has('elderly') && query.get('elderly') !== '0') el.setAttribute('elderly', '');
if (query.get('lang') === 'en') document.documentElement.lang = 'en';
const main = document.querySelector('main');
main.prepend(el);

if (portal && window.parent !== window) {
  const post = (message) => window.parent.postMessage({ source: 'gaizao', ...message }, portal);
  let last = 0;
  const height = () => {
    const h = Math.ceil(main.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      post({ type: 'gaizao:height', height: h });
    }
  };
  new ResizeObserver(height).observe(main);
  el.addEventListener('gaizao-ready', () => { post({ type: 'gaizao:ready' }); height(); });
  el.addEventListener('gaizao-result', (e) => post({ type: 'gaizao:result', detail: e.detail }));
  el.addEventListener('gaizao-error', (e) => post({ type: 'gaizao:error', detail: e.detail }));
  window.addEventListener('message', (e) => {
    if (e.origin !== portal || e.source !== window.parent) return;
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'gaizao:prefill' && m.estate && typeof m.estate === 'object' && !Array.isArray(m.estate)) el.estate = m.estate;
  });
}
