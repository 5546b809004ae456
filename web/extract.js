// The extraction page: one cohort's form, filled by the signed-in extractor
// (the token's reviewer; the server never takes the name from the page), each
// value with its source (record, page, table or figure, quote); the other
// extractor's form and the differences once both have finished; for a
// resolver, a choice per difference and the consensus. Routes /api/extract/...
'use strict';

const exState = { me: null, cohort: '', diff: [] };

function exCohort() { return document.getElementById('ex-cohort').value.trim(); }

function exPost(path, body) {
  return authed(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// "PMID:1 p.3, Table 2" for a value's source; its quote as the cell's title.
function exSource(v) {
  return `${v.record}${v.page ? ' p.' + v.page : ''}${v.location ? ', ' + v.location : ''}`;
}

function exValuesTable(table, form) {
  fillTable(table, form.values, [{ key: 'key' }, { key: 'value' },
    { key: 'source', value: exSource, title: (v) => v.quote && `“${v.quote}”` }]);
}

async function exSignedIn() {
  if (exState.me) return exState.me;
  if (!token()) throw new Error('sign in with your token on the Screening tab first');
  exState.me = await authed('/api/screen/me');
  document.getElementById('ex-who').textContent = `${exState.me.reviewer} (${exState.me.role})`;
  return exState.me;
}

async function exFields() {
  const select = document.getElementById('ex-key');
  if (select.options.length) return;
  const r = await api('/api/extract/fields');
  select.append(...r.fields.map((f) => el('option', f)));
}

async function exOpen(ev) {
  if (ev) ev.preventDefault();
  showError('ex-error');
  const cohort = exCohort();
  if (!cohort) return showError('ex-error', new Error('cohort: name the cohort'));
  try {
    const me = await exSignedIn();
    const { body: forms, headers } = await apiWithHeaders(`/api/extract/show?cohort=${encodeURIComponent(cohort)}`,
      { headers: { Authorization: 'Bearer ' + token() } });
    exState.cohort = cohort;
    const mine = forms.find((f) => f.extractor === me.reviewer);
    const status = document.getElementById('ex-status');
    status.textContent = !mine ? 'You have no form for this cohort yet: start one.'
      : mine.finished ? 'Finished: no more changes.' : `Open: ${mine.values.length} value(s).`;
    status.dataset.state = !mine ? 'none' : mine.finished ? 'finished' : 'open';
    exValuesTable(document.getElementById('ex-values'), mine || { values: [] });
    const others = document.getElementById('ex-others');
    others.replaceChildren();
    for (const f of forms.filter((x) => x !== mine)) {
      const table = el('table');
      exValuesTable(table, f);
      others.append(el('h3', `${f.extractor}${f.finished ? ' (finished)' : ''}`), table);
    }
    const hidden = Number(headers.get('X-Carta-Hidden-Forms') || 0);
    if (hidden) others.append(el('p', `${hidden} other form(s) hidden until every extractor has finished.`, { class: 'meta' }));
  } catch (e) { showError('ex-error', e); }
}

async function exStart() {
  showError('ex-error');
  try {
    await exSignedIn();
    await exPost('/api/extract/start', { cohort: exCohort() });
    await exOpen();
  } catch (e) { showError('ex-error', e); }
}

async function exSave(ev) {
  ev.preventDefault();
  showError('ex-error');
  const f = new FormData(ev.target);
  const body = { cohort: exCohort() };
  for (const k of ['key', 'value', 'record', 'page', 'location', 'quote']) body[k] = String(f.get(k) ?? '').trim();
  try {
    await exPost('/api/extract/set', body);
    ev.target.querySelector('input[name=value]').value = '';
    ev.target.querySelector('input[name=quote]').value = '';
    await exOpen();
  } catch (e) { showError('ex-error', e); }
}

async function exFinish() {
  showError('ex-error');
  try {
    await exPost('/api/extract/set', { cohort: exCohort(), finished: true });
    await exOpen();
  } catch (e) { showError('ex-error', e); }
}

// The differences, each with the two values and their sources; a resolver
// picks one value (or leaves the field out) per row.
async function exCompare() {
  showError('ex-error');
  const table = document.getElementById('ex-diff');
  table.replaceChildren();
  try {
    const me = await exSignedIn();
    exState.diff = await authed(`/api/extract/diff?cohort=${encodeURIComponent(exCohort())}`);
    const resolver = me.role === 'resolver' || me.role === 'admin';
    const head = el('tr');
    head.append(el('th', 'field'), el('th', 'A'), el('th', 'B'));
    if (resolver) head.append(el('th', 'consensus'));
    table.append(head);
    for (const d of exState.diff) {
      const tr = el('tr', null, { 'data-key': d.key });
      tr.append(el('td', d.key));
      for (const side of [d.a, d.b]) {
        tr.append(el('td', `${side.extractor}: ${side.value || '–'} (${exSource(side)})`, side.quote ? { title: `“${side.quote}”` } : {}));
      }
      if (resolver) {
        const select = el('select', null, { 'data-key': d.key, 'aria-label': 'consensus of ' + d.key });
        for (const side of [d.a, d.b]) if (side.value) select.append(el('option', `${side.extractor}: ${side.value}`, { value: side.extractor }));
        select.append(el('option', 'leave out', { value: '' }));
        const td = el('td');
        td.append(select);
        tr.append(td);
      }
      table.append(tr);
    }
    document.getElementById('ex-consensus').textContent = `${exState.diff.length} difference(s)`;
    document.getElementById('ex-reconcile').hidden = !resolver;
  } catch (e) { showError('ex-error', e); }
}

async function exReconcile() {
  showError('ex-error');
  const take = {};
  const drop = [];
  for (const s of document.querySelectorAll('#ex-diff select')) {
    if (s.value) take[s.dataset.key] = s.value;
    else drop.push(s.dataset.key);
  }
  try {
    const c = await exPost('/api/extract/reconcile', { cohort: exCohort(), take, drop });
    const decided = c.decisions.map((d) => `${d.key} = ${d.value || '(left out)'} by ${d.decided_by}`).join('; ');
    document.getElementById('ex-consensus').textContent =
      `Consensus for ${c.cohort} stored: ${c.values.length} value(s)` + (decided ? `; ${decided}` : '');
  } catch (e) { showError('ex-error', e); }
}

document.addEventListener('DOMContentLoaded', () => {
  exFields().catch((e) => showError('ex-error', e));
  document.getElementById('ex-open').addEventListener('submit', exOpen);
  document.getElementById('ex-start').addEventListener('click', exStart);
  document.getElementById('ex-set').addEventListener('submit', exSave);
  document.getElementById('ex-finish').addEventListener('click', exFinish);
  document.getElementById('ex-compare').addEventListener('click', exCompare);
  document.getElementById('ex-reconcile').addEventListener('click', exReconcile);
  document.getElementById('ex-export').addEventListener('click', () => {
    download('/api/extract/export', 'consensus.carta').catch((e) => showError('ex-error', e));
  });
});
