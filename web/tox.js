// The ICANS calculator (ASTCT 2019) with its two encephalopathy scores, ICE
// for adults and CAPD for children, and CAR-HEMATOTOX: each form posts to the
// route that `carta tox` shares (/api/tox/...) and shows the grade and what
// determined it. Values are inserted as text only.
'use strict';

const CAPD_ITEMS = ['eye-contact', 'purposeful', 'aware', 'communicates', 'restless', 'inconsolable', 'underactive',
  'slow-response'];
const CAPD_FREQUENCIES = ['never', 'rarely', 'sometimes', 'often', 'always'];

function postJson(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// The form's named fields as numbers (blank fields left out).
function numbersOf(form, names) {
  const f = new FormData(form);
  const out = {};
  for (const n of names) {
    const v = String(f.get(n) ?? '').trim();
    if (v !== '') out[n] = Number(v);
  }
  return out;
}

async function scoreIce(ev) {
  ev.preventDefault();
  showError('tox-error');
  try {
    const r = await postJson('/api/tox/ice', numbersOf(ev.target, ['orientation', 'naming', 'commands', 'writing', 'attention']));
    document.getElementById('ice-result').textContent = `ICE ${r.score}/10`;
    document.querySelector('#icans-form input[name=ice]').value = r.score;
    document.querySelector('#icans-form input[name=capd]').value = '';
  } catch (e) { showError('tox-error', e); }
}

async function scoreCapd(ev) {
  ev.preventDefault();
  showError('tox-error');
  const f = new FormData(ev.target);
  const body = Object.fromEntries(CAPD_ITEMS.map((item) => [item, f.get(item)]));
  try {
    const r = await postJson('/api/tox/capd', body);
    document.getElementById('capd-result').textContent =
      `CAPD ${r.score}/32` + (r.screen_positive ? ' · delirium screen positive' : '');
    document.querySelector('#icans-form input[name=capd]').value = r.score;
    document.querySelector('#icans-form input[name=ice]').value = '';
  } catch (e) { showError('tox-error', e); }
}

async function gradeIcans(ev) {
  ev.preventDefault();
  showError('tox-error');
  const f = new FormData(ev.target);
  const body = numbersOf(ev.target, ['ice', 'capd', 'age']);
  for (const k of ['consciousness', 'seizure', 'motor', 'icp']) body[k] = f.get(k);
  try {
    const r = await postJson('/api/tox/icans', body);
    document.getElementById('icans-result').textContent =
      `Grade ${r.grade} (${r.scale}, ${r.tool}); determined by ${r.determined_by.join(', ') || '–'}`;
    document.getElementById('icans-domains').replaceChildren(
      ...r.domains.map((d) => el('li', `${d.domain}: ${d.finding} → grade ${d.grade}`)),
      ...r.notes.map((n) => el('li', n)));
  } catch (e) { showError('tox-error', e); }
}

async function scoreHematotox(ev) {
  ev.preventDefault();
  showError('tox-error');
  const f = new FormData(ev.target);
  const body = Object.fromEntries(['anc', 'hemoglobin', 'platelets', 'crp', 'ferritin'].map((k) => [k, String(f.get(k)).trim()]));
  try {
    const r = await postJson('/api/tox/hematotox', body);
    document.getElementById('hematotox-result').textContent = `CAR-HEMATOTOX ${r.score}: ${r.risk} risk`;
    fillTable(document.getElementById('hematotox-items'), r.items, [
      { key: 'item' }, { key: 'value', value: (x) => `${x.value} ${x.unit}` }, { key: 'points' }, { key: 'rule' }]);
  } catch (e) { showError('tox-error', e); }
}

document.addEventListener('DOMContentLoaded', () => {
  const items = document.getElementById('capd-items');
  for (const [i, item] of CAPD_ITEMS.entries()) {
    const select = el('select', null, { name: item, 'aria-label': item });
    select.append(...CAPD_FREQUENCIES.map((f) => el('option', f)));
    select.value = i < 4 ? 'always' : 'never';  // 0 points each: the first four items describe what a well child does
    const label = el('label', item + ' ');
    label.append(select);
    items.append(label);
  }
  document.getElementById('ice-form').addEventListener('submit', scoreIce);
  document.getElementById('capd-form').addEventListener('submit', scoreCapd);
  document.getElementById('icans-form').addEventListener('submit', gradeIcans);
  document.getElementById('hematotox-form').addEventListener('submit', scoreHematotox);
});
