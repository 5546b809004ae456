// The page: tabs, the evidence explorer, the live meta-analysis, the
// toxicity calculators and the literature search. Plain JS, no framework;
// every value is inserted as text (never as HTML).
'use strict';

// The JSON answer of `path` and its headers; an Error "field: message" (with
// .status) for a 4xx or 5xx.
async function apiWithHeaders(path, options = {}) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = body.error || {};
    const err = new Error((e.field ? e.field + ': ' : '') + (e.message || res.statusText));
    err.status = res.status;
    throw err;
  }
  return { body, headers: res.headers };
}

async function api(path, options = {}) { return (await apiWithHeaders(path, options)).body; }

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// A fraction as a percentage with one decimal; null as a dash.
function pct(x) { return x === null || x === undefined ? '–' : (100 * x).toFixed(1) + '%'; }

function showError(id, err) { document.getElementById(id).textContent = err ? String(err.message || err) : ''; }

// A sortable table of `rows` with `columns` [{key, label, title(row)}].
function fillTable(table, rows, columns) {
  table.replaceChildren();
  const head = el('tr');
  for (const c of columns) {
    const th = el('th', c.label || c.key);
    th.addEventListener('click', () => {
      const dir = th.dataset.dir === 'asc' ? -1 : 1;
      th.dataset.dir = dir === 1 ? 'asc' : 'desc';
      rows.sort((a, b) => (cell(a, c) > cell(b, c) ? dir : cell(a, c) < cell(b, c) ? -dir : 0));
      fillTable(table, rows, columns);
    });
    head.append(th);
  }
  table.append(head);
  for (const r of rows) {
    const tr = el('tr');
    for (const c of columns) {
      const td = el('td', cell(r, c));
      const why = c.title && c.title(r);
      if (why) td.title = why;
      tr.append(td);
    }
    table.append(tr);
  }
}

function cell(row, c) {
  const v = c.value ? c.value(row) : row[c.key];
  if (v === null || v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? (v.display ?? JSON.stringify(v)) : v;
}

async function loadEvidence() {
  showError('ev-error');
  const q = new URLSearchParams();
  for (const k of ['target', 'indication']) {
    const v = document.getElementById('ev-' + k).value.trim();
    if (v) q.set(k, v);
  }
  try {
    const [products, cohorts] = await Promise.all([api('/api/products?' + q), api('/api/studies?' + q)]);
    fillTable(document.getElementById('ev-products'), products, [
      { key: 'brand' }, { key: 'inn' }, { key: 'targets' }, { key: 'developer' }, { key: 'generation' },
    ]);
    fillTable(document.getElementById('ev-cohorts'), cohorts, [
      { key: 'id' }, { key: 'acronym' }, { key: 'indications' }, { key: 'n' }, { key: 'followup' },
      { key: 'orr', title: (r) => r.orr && r.orr.provenance }, { key: 'crr', title: (r) => r.crr && r.crr.provenance },
      { key: 'provenance' },
    ]);
  } catch (e) { showError('ev-error', e); }
}

function metaParams() {
  const f = new FormData(document.getElementById('meta-form'));
  const q = new URLSearchParams();
  for (const [k, v] of f.entries()) {
    if (k === 'knha') q.set('knha', 'true');
    else if (v) q.set(k, v);
  }
  return q;
}

async function updateMeta() {
  showError('meta-error');
  const q = metaParams();
  const flags = [...q.entries()].map(([k, v]) => (k === 'knha' ? '--knha' : `--${k} ${v}`)).join(' ');
  document.getElementById('meta-command').textContent = 'carta meta ' + flags;
  try {
    const r = await api('/api/meta?' + q);
    document.getElementById('meta-summary').textContent = r.prop !== undefined
      ? `k = ${r.k}: ${pct(r.prop)} (${pct(r.prop_ci_lb)} to ${pct(r.prop_ci_ub)}), I² = ${r.I2.toFixed(1)}%, τ² = ${r.tau2.toFixed(3)} [${r.method}]`
      : `k = ${r.k}: ${r.estimate.toFixed(3)} (${r.ci_lb.toFixed(3)} to ${r.ci_ub.toFixed(3)}) [${r.method}]`;
    document.getElementById('meta-plot').src = '/api/meta?' + q + '&format=svg';
  } catch (e) { showError('meta-error', e); }
}

async function gradeCrs(ev) {
  ev.preventDefault();
  showError('tox-error');
  const f = new FormData(ev.target);
  const body = { temp_c: Number(f.get('temp_c')), hypotension: f.get('hypotension'), hypoxia: f.get('hypoxia') };
  try {
    const r = await api('/api/tox/crs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    document.getElementById('crs-result').textContent = `Grade ${r.grade} (${r.scale}); determined by ${r.determined_by.join(', ') || '–'}`;
  } catch (e) { showError('tox-error', e); }
}

async function computeEasix(ev) {
  ev.preventDefault();
  showError('tox-error');
  const f = new FormData(ev.target);
  const body = { ldh: Number(f.get('ldh')), creatinine: Number(f.get('creatinine')), platelets: Number(f.get('platelets')) };
  try {
    const r = await api('/api/tox/easix', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    document.getElementById('easix-result').textContent = JSON.stringify(r);
  } catch (e) { showError('tox-error', e); }
}

async function searchLiterature(ev) {
  ev.preventDefault();
  showError('lit-error');
  const q = new URLSearchParams({ query: document.getElementById('lit-query').value, show: '20' });
  if (document.getElementById('lit-cnki').checked) q.set('cnki', 'true');
  try {
    const r = await api('/api/lit/search', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: q.get('query'), cnki: q.has('cnki'), show: 20 }) });
    document.getElementById('lit-count').textContent = `#${r.number}: ${r.count} records`;
    const list = document.getElementById('lit-records');
    list.replaceChildren(...r.records.map((x) => el('li', `${x.title} (${x.first_author}, ${x.year ?? ''})`)));
    await loadHistory();
  } catch (e) { showError('lit-error', e); }
}

async function loadHistory() {
  try {
    const h = await api('/api/lit/history');
    document.getElementById('lit-history').replaceChildren(...h.map((x) => el('li', `${x.query} — ${x.count}`)));
  } catch (e) { showError('lit-error', e); }
}

// POST /api/report (a token from the Screening tab), then the job's progress
// and, once done, a link to each file of the report.
async function buildReport(ev) {
  ev.preventDefault();
  showError('ev-error');
  const status = document.getElementById('report-status');
  const list = document.getElementById('report-files');
  list.replaceChildren();
  try {
    const lang = new FormData(ev.target).get('lang');
    const headers = { 'Content-Type': 'application/json', Authorization: 'Bearer ' + (sessionStorage.getItem('carta-token') || '') };
    const job = await api('/api/report', { method: 'POST', headers, body: JSON.stringify({ lang }) });
    let state = job;
    while (state.state === 'queued' || state.state === 'running') {
      status.textContent = state.state + '…';
      await new Promise((resolve) => setTimeout(resolve, 300));
      state = await api('/api/jobs/' + job.id);
    }
    if (state.state !== 'done') throw new Error((state.error && state.error.message) || state.state);
    status.textContent = `${state.result.files.length} files` + (state.result.notes.length ? `; left out: ${state.result.notes.join('; ')}` : '');
    list.replaceChildren(...state.result.files.map((f) => {
      const li = el('li');
      li.append(el('a', f.name, { href: f.url, target: '_blank', rel: 'noopener' }));
      return li;
    }));
  } catch (e) { status.textContent = ''; showError('ev-error', e); }
}

// A virtual trial of the simulator (/api/sim/trial, as `carta sim trial`):
// its rates, and its PFS curve against the observed landmarks as an image.
async function runSimulation(ev) {
  if (ev) ev.preventDefault();
  showError('sim-error');
  const f = new FormData(document.getElementById('sim-form'));
  const q = new URLSearchParams();
  for (const k of ['product', 'indication', 'patients', 'seed', 'strategy']) {
    const v = String(f.get(k) ?? '').trim();
    if (v !== '') q.set(k, v);
  }
  const flags = [...q.entries()].map(([k, v]) => `--${k} ${v}`).join(' ');
  document.getElementById('sim-command').textContent = 'carta sim trial ' + flags + ' --svg km.svg';
  try {
    const r = await api('/api/sim/trial?' + q);
    const t = r.trial;
    const months = (x) => (x === null ? 'not reached' : x.toFixed(1) + ' months');
    document.getElementById('sim-summary').textContent =
      `${r.product} in ${r.indication}, ${t.patients} virtual patients: ORR ${pct(t.orr)}, CR ${pct(t.cr_rate)}, ` +
      `median PFS ${months(t.pfs_median_months)}, grade ≥ 3 CRS ${pct(t.crs_grade3_rate)}, ` +
      `grade ≥ 3 ICANS ${pct(t.icans_grade3_rate)}`;
    document.getElementById('sim-plot').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(r.svg);
  } catch (e) {
    document.getElementById('sim-summary').textContent = '';  // no result left from an earlier trial
    document.getElementById('sim-plot').removeAttribute('src');
    showError('sim-error', e);
  }
}

function showTab(name) {
  for (const s of document.querySelectorAll('.tab')) s.classList.toggle('active', s.id === name);
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === name);
  if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
  if (name === 'evidence') loadEvidence();
  if (name === 'meta') updateMeta();
  if (name === 'lit') loadHistory();
}

document.addEventListener('DOMContentLoaded', () => {
  for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  document.getElementById('ev-load').addEventListener('click', loadEvidence);
  document.getElementById('report-form').addEventListener('submit', buildReport);
  document.getElementById('meta-form').addEventListener('change', updateMeta);
  document.getElementById('meta-form').addEventListener('submit', (e) => { e.preventDefault(); updateMeta(); });
  document.getElementById('crs-form').addEventListener('submit', gradeCrs);
  document.getElementById('sim-form').addEventListener('submit', runSimulation);
  document.getElementById('easix-form').addEventListener('submit', computeEasix);
  document.getElementById('lit-form').addEventListener('submit', searchLiterature);
  const lang = document.getElementById('lang');
  const params = new URLSearchParams(location.search);
  lang.value = params.get('lang') === 'zh' ? 'zh' : 'en';
  lang.addEventListener('change', () => cartaApplyLanguage(lang.value));
  cartaApplyLanguage(lang.value);
  window.addEventListener('hashchange', () => showTab((location.hash || '#evidence').slice(1)));
  showTab((location.hash || '#evidence').slice(1));
});
