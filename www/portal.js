// The demo portal's own script: prefill each calculator from the compound's data (here a
// data-estate attribute; a real portal has it in its page), log the results, and host the
// iframe route with auto-resize (messages from the iframe's origin only).
for (const el of document.querySelectorAll('gaizao-calculator[data-estate]')) {
  el.estate = JSON.parse(el.dataset.estate);
}

const log = document.getElementById('log');
function show(d) {
  const line = `${d.policy}: ${d.verdict ?? '—'}${d.total ? `, total ${d.total}` : ''}${d.household ? `, household ${d.household.total}` : ''}`;
  log.textContent = `${line}\n${log.textContent}`.split('\n').slice(0, 8).join('\n');
}
document.addEventListener('gaizao-result', (e) => show(e.detail));

const frame = document.getElementById('embed');
// ?embed=<origin> serves the iframe from another origin (to try the cross-origin route locally).
const embedBase = new URLSearchParams(location.search).get('embed') || location.href;
const embedUrl = new URL('embed.html', embedBase);
embedUrl.searchParams.set('origin', new URLSearchParams(location.search).get('named') || location.origin);
embedUrl.searchParams.set('policy', 'henan-kaifeng-2019');
frame.src = embedUrl.href;
window.addEventListener('message', (e) => {
  if (e.origin !== embedUrl.origin || e.source !== frame.contentWindow) return;
  const m = e.data;
  if (m?.type === 'gaizao:height' && Number.isFinite(m.height)) frame.height = String(Math.min(20000, Math.max(200, m.height + 4)));
  if (m?.type === 'gaizao:result' && m.detail) show(m.detail);
  if (m?.type === 'gaizao:ready') frame.contentWindow.postMessage({ type: 'gaizao:prefill', estate: { builtYear: 1988, households: 60 } }, embedUrl.origin);
});
