// The screening page: a reviewer's queue (ranked by the server's active
// learning), decisions by keyboard, undo, and for a resolver the conflicts,
// kappa and PRISMA. The token lives in this tab's sessionStorage only and is
// sent as a bearer header (no cookies, so no cross-site request carries it).
'use strict';

const screenState = { queue: [], at: 0, last: null, role: '', reasons: [] };

// The keyboard shortcuts, remappable per browser (localStorage 'carta-keys');
// keys 1-9 always pick the project's exclusion reasons.
const SHORTCUT_ACTIONS = [
  ['include', 'i', 'include'], ['exclude', 'e', 'exclude'], ['maybe', 'm', 'maybe'], ['undo', 'u', 'undo'],
  ['next', 'j', 'next record'], ['previous', 'k', 'previous record'], ['help', '?', 'help'],
];

function shortcutKeys() {
  const keys = Object.fromEntries(SHORTCUT_ACTIONS.map(([action, key]) => [action, key]));
  try { Object.assign(keys, JSON.parse(localStorage.getItem('carta-keys') || '{}')); } catch (e) { /* a bad entry: the defaults */ }
  return keys;
}

function actionFor(key) {
  const keys = shortcutKeys();
  return Object.keys(keys).find((action) => keys[action] === key);
}

// The shortcut list, each key an input that remaps it (one character, not a
// digit, not taken by another action).
function showShortcuts() {
  const keys = shortcutKeys();
  const list = document.getElementById('shortcuts');
  list.replaceChildren(...SHORTCUT_ACTIONS.map(([action, , label]) => {
    const input = el('input', null, { value: keys[action], maxlength: '1', size: '1', 'data-action': action, 'aria-label': label });
    input.addEventListener('change', () => {
      const key = input.value;
      const taken = actionFor(key);
      if (key.length !== 1 || /[0-9]/.test(key) || (taken && taken !== action)) {
        showError('screen-error', new Error(`'${key}' cannot be the key for ${label}` + (taken ? ` (it is ${taken}'s)` : '')));
        input.value = keys[action];
        return;
      }
      showError('screen-error');
      const saved = shortcutKeys();
      saved[action] = key;
      localStorage.setItem('carta-keys', JSON.stringify(saved));
      showShortcuts();
    });
    const li = el('li');
    li.append(input, document.createTextNode(' ' + label));
    return li;
  }), el('li', '1–9 reasons'));
}

async function loadReasons() {
  try {
    const r = await authed('/api/screen/reasons');
    screenState.reasons = r.reasons;
    const list = document.getElementById('reasons');
    list.replaceChildren(...r.reasons.map((reason) => el('li', reason)));
    document.getElementById('reasons-note').textContent = r.reasons.length ? '' : 'No list set: type a reason.';
    document.getElementById('reasons-editor').hidden = screenState.role !== 'admin';
    document.getElementById('reasons-text').value = r.reasons.join('\n');
  } catch (e) { showError('screen-error', e); }
}

async function saveReasons() {
  const reasons = document.getElementById('reasons-text').value.split('\n').map((s) => s.trim()).filter(Boolean);
  try {
    await authed('/api/screen/reasons', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reasons }) });
    showError('screen-error');
    await loadReasons();
  } catch (e) { showError('screen-error', e); }
}

// "estimated recall 0.93 (1.2 relevant expected among 40 left) · stop suggested"
function stoppingText(s) {
  if (s.estimated_recall === null) return `found ${s.found}; no estimate until one include and one exclude`;
  let t = `estimated recall ${s.estimated_recall.toFixed(2)} (${s.expected_remaining.toFixed(1)} relevant expected among those left; ` +
    `${s.streak} exclusions in a row of ${s.streak_needed})`;
  if (s.stop_suggested) t += ' · stopping suggested';
  return t;
}

function token() { return sessionStorage.getItem('carta-token') || ''; }

function authed(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Bearer ' + token() }, options.headers || {});
  return api(path, Object.assign({}, options, { headers }));
}

function stage() { return document.getElementById('stage').value; }

// `text` as text nodes, the server's keyword spans (UTF-16 offsets, as
// JavaScript strings count) wrapped in <mark class="inc|exc">.
function withSpans(text, spans = []) {
  const out = document.createDocumentFragment();
  let i = 0;
  for (const s of spans) {
    if (s.start < i || s.end > text.length) continue;
    out.append(document.createTextNode(text.slice(i, s.start)));
    out.append(el('mark', text.slice(s.start, s.end), { class: s.kind === 'exclude' ? 'exc' : 'inc' }));
    i = s.end;
  }
  out.append(document.createTextNode(text.slice(i)));
  return out;
}

function keywordList(id) { return document.getElementById(id).value.split(',').map((w) => w.trim()).filter(Boolean); }

// The record's title, abstract and keywords, highlighted once the server has
// matched the keywords with carta's tokenizer (CJK included).
async function highlightRecord(r) {
  const texts = [r.title, r.abstract, r.keywords.join('; ')];
  const ids = ['rec-title', 'rec-abstract', 'rec-keywords'];
  try {
    const h = await authed('/api/screen/highlight', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ texts, include: keywordList('kw-include'), exclude: keywordList('kw-exclude') }) });
    if (screenState.queue[screenState.at] !== r) return;  // another record is shown by now
    ids.forEach((id, k) => document.getElementById(id).replaceChildren(withSpans(texts[k], h.spans[k])));
    document.getElementById('rec-title').dataset.highlighted = String(r.id);
  } catch (e) { showError('screen-error', e); }
}

// The record's duplicates (grouped by the last `carta lit dedup --apply`), beside it.
async function showDuplicates(r) {
  const box = document.getElementById('rec-duplicates');
  try {
    const g = await authed(`/api/screen/duplicates/${r.id}`);
    if (screenState.queue[screenState.at] !== r) return;
    const others = g.members.filter((m) => m.id !== r.id);
    box.replaceChildren();
    if (!others.length) return;
    box.append(el('strong', `Duplicates (${others.length})`));
    const list = el('ul');
    list.append(...others.map((m) => el('li', `#${m.id} ${m.source}${m.pmid ? ' PMID ' + m.pmid : ''}${m.doi ? ' DOI ' + m.doi : ''}: ${m.title} (${m.first_author}, ${m.year ?? ''})` + (m.id === g.keep ? ' · kept' : ''))));
    box.append(list);
  } catch (e) { showError('screen-error', e); }
}

async function loadCriteria() {
  try {
    const c = await authed('/api/screen/criteria');
    document.getElementById('criteria').textContent = c.text === null ? 'No criteria set (carta lit screen --criteria FILE).' : `${c.file}\n${c.text}`;
  } catch (e) { showError('screen-error', e); }
}

function showRecord() {
  const r = screenState.queue[screenState.at];
  const title = document.getElementById('rec-title');
  const abstract = document.getElementById('rec-abstract');
  if (!r) {
    title.textContent = 'Nothing left to screen at this stage.';
    abstract.replaceChildren();
    document.getElementById('rec-meta').textContent = '';
    document.getElementById('rec-keywords').textContent = '';
    return;
  }
  title.textContent = r.title;
  title.dataset.record = r.id;
  document.getElementById('rec-meta').textContent = `#${r.id} · ${r.journal} · ${r.year ?? ''} · ${r.authors.slice(0, 3).join(', ')}`;
  abstract.textContent = r.abstract;
  document.getElementById('rec-keywords').textContent = r.keywords.join('; ');
  document.getElementById('rec-duplicates').replaceChildren();
  highlightRecord(r);
  showDuplicates(r);
}

async function loadQueue() {
  showError('screen-error');
  try {
    const r = await authed(`/api/screen/next?stage=${stage()}&count=20`);
    screenState.queue = r.records;
    screenState.at = 0;
    document.getElementById('remaining').textContent = `${r.remaining} to screen (${r.mode}) · ${r.why}`;
    const stopping = document.getElementById('stopping');
    stopping.textContent = stoppingText(r.stopping);
    stopping.classList.toggle('stop', r.stopping.stop_suggested);
    showRecord();
  } catch (e) { showError('screen-error', e); }
}

async function decide(verdict, reason = '') {
  const r = screenState.queue[screenState.at];
  if (!r) return;
  const body = { client_id: crypto.randomUUID(), record: r.id, stage: stage(), verdict };
  const typed = document.getElementById('reason').value.trim();
  if (reason || typed) body.reason = reason || typed;
  try {
    await authed('/api/screen/decision', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    screenState.last = r.id;
    document.getElementById('screen-status').textContent = `#${r.id}: ${verdict}`;
    document.getElementById('reason').value = '';
    await loadQueue();
    await loadResolverViews();
  } catch (e) { showError('screen-error', e); }
}

async function undo() {
  if (!screenState.last) return;
  const body = { client_id: crypto.randomUUID(), record: screenState.last, stage: stage(), kind: 'undo' };
  try {
    await authed('/api/screen/decision', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    document.getElementById('screen-status').textContent = `#${screenState.last}: undone`;
    screenState.last = null;
    await loadQueue();
  } catch (e) { showError('screen-error', e); }
}

async function resolve(record, verdict) {
  const body = { client_id: crypto.randomUUID(), record, stage: stage(), verdict };
  try {
    await authed('/api/screen/resolve', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    await loadResolverViews();
  } catch (e) { showError('screen-error', e); }
}

// Fetches `path` with the token and saves it as `filename` (an anchor cannot send a bearer header).
async function download(path, filename) {
  const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (!res.ok) {
    const e = ((await res.json().catch(() => ({}))).error) || {};
    throw new Error((e.field ? e.field + ': ' : '') + (e.message || res.statusText));
  }
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', null, { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function showPrismaDiagram() {
  const res = await fetch('/api/screen/prisma.svg', { headers: { Authorization: 'Bearer ' + token() } });
  if (!res.ok) return;
  // img-src allows data: URLs only (CSP), and an <img> runs no script of the SVG.
  document.getElementById('prisma-svg').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(await res.text());
}

async function loadResolverViews() {
  if (screenState.role !== 'resolver' && screenState.role !== 'admin') return;
  try {
    const conflicts = await authed(`/api/screen/conflicts?stage=${stage()}`);
    const list = document.getElementById('conflicts');
    list.replaceChildren(...conflicts.map((c) => {
      const li = el('li', `#${c.record} (${c.voters.join(' / ')}) `);
      for (const v of ['include', 'exclude']) {
        const b = el('button', v, { 'data-resolve': `${c.record}:${v}` });
        b.addEventListener('click', () => resolve(c.record, v));
        li.append(b);
      }
      return li;
    }));
    const kappa = await authed(`/api/screen/kappa?stage=${stage()}`);
    fillTable(document.getElementById('kappa'), kappa, [{ key: 'first' }, { key: 'second' }, { key: 'records' },
      { key: 'kappa', value: (r) => (r.kappa === null ? '–' : r.kappa.toFixed(3)) }]);
    const p = await authed('/api/screen/prisma');
    const rows = Object.entries(p).filter(([, v]) => typeof v !== 'object').map(([k, v]) => ({ box: k, n: String(v) }));
    fillTable(document.getElementById('prisma'), rows, [{ key: 'box' }, { key: 'n' }]);
    document.getElementById('exports').hidden = false;
    await showPrismaDiagram();
  } catch (e) { showError('screen-error', e); }
}

async function signIn(ev) {
  if (ev) ev.preventDefault();
  const t = document.getElementById('token').value.trim();
  if (t) sessionStorage.setItem('carta-token', t);
  try {
    const me = await authed('/api/screen/me');
    screenState.role = me.role;
    document.getElementById('whoami').textContent = `${me.reviewer} (${me.role})`;
    await loadReasons();
    await loadCriteria();
    await loadQueue();
    await loadResolverViews();
  } catch (e) { showError('screen-error', e); }
}

function onKey(ev) {
  if (!document.getElementById('screen').classList.contains('active')) return;
  if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
  if (ev.target instanceof HTMLTextAreaElement || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const reasons = screenState.reasons;
  const k = ev.key;
  const action = actionFor(k);
  if (action === 'include' || action === 'exclude' || action === 'maybe') decide(action);
  else if (action === 'undo') undo();
  else if (action === 'next') { screenState.at = Math.min(screenState.at + 1, Math.max(0, screenState.queue.length - 1)); showRecord(); }
  else if (action === 'previous') { screenState.at = Math.max(0, screenState.at - 1); showRecord(); }
  else if (k >= '1' && k <= '9' && reasons[Number(k) - 1]) decide('exclude', reasons[Number(k) - 1]);
  else if (action === 'help') document.getElementById('shortcuts').classList.toggle('help-open');
  else return;
  ev.preventDefault();
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('token-form').addEventListener('submit', signIn);
  document.getElementById('stage').addEventListener('change', () => { loadQueue(); loadResolverViews(); });
  document.getElementById('btn-include').addEventListener('click', () => decide('include'));
  document.getElementById('btn-exclude').addEventListener('click', () => decide('exclude'));
  document.getElementById('btn-maybe').addEventListener('click', () => decide('maybe'));
  document.getElementById('btn-undo').addEventListener('click', undo);
  document.getElementById('reasons-save').addEventListener('click', saveReasons);
  for (const id of ['kw-include', 'kw-exclude']) document.getElementById(id).addEventListener('change', showRecord);
  for (const b of document.querySelectorAll('#exports button')) {
    b.addEventListener('click', () => {
      const route = b.dataset.export.replace('STAGE', stage());
      download(route, b.dataset.file).catch((e) => showError('screen-error', e));
    });
  }
  showShortcuts();
  document.addEventListener('keydown', onKey);
  if (token()) signIn();
});
