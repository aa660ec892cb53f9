// Lists for the gates: versions, CSV import with its per-row error report, residents search, the policy.
'use strict';

import { getJson, sendBody } from './api.js';
import { fillTable, localTime, query, showMessage, td } from './dom.js';
import { label, number, t } from './i18n.js';

function versionRow(v) {
  const tr = document.createElement('tr');
  tr.appendChild(td(label('list', v.list)));
  tr.appendChild(td(v.version));
  tr.appendChild(td(number(v.items)));
  tr.appendChild(td(localTime(v.published_at)));
  return tr;
}

function errorRow(e) {
  const tr = document.createElement('tr');
  tr.appendChild(td(e.row));
  tr.appendChild(td(e.column));
  tr.appendChild(td(e.problem, 'wrap'));
  return tr;
}

function residentRow(r) {
  const tr = document.createElement('tr');
  for (const f of ['name', 'masked', 'building', 'unit', 'household', 'grid']) tr.appendChild(td(r[f]));
  return tr;
}

function badgeRow(b) {
  const tr = rowOf(['name', 'masked'])(b);
  tr.appendChild(td(b.role ? label('personRole', b.role) : null));
  return tr;
}

function rowOf(fields) {
  return item => {
    const tr = document.createElement('tr');
    for (const f of fields) tr.appendChild(td(item[f]));
    return tr;
  };
}

export async function loadLists() {
  const [versions, residents, policy, badges, blocked] = await Promise.all([getJson('/api/lists'),
    searchResidents(), getJson('/api/lists/policy'), getJson('/api/lists/badges?limit=1000'),
    getJson('/api/lists/blocked?limit=1000')]);
  fillTable('list-versions', versions.lists, versionRow);
  fillTable('residents', residents.residents, residentRow);
  fillTable('badges', badges.badges, badgeRow);
  fillTable('blocked', blocked.blocked, rowOf(['household']));
  showPolicy(policy.policy);
}

function searchResidents() {
  const q = document.getElementById('resident-search').elements.q.value.trim();
  return getJson('/api/lists/residents' + query({ q, limit: 200 }));
}

function showPolicy(p) {
  const f = document.getElementById('policy-form').elements;
  f.threshold_c.value = p.threshold_c;
  f.enforcement.value = p.enforcement;
  f.measure_only.checked = p.measure_only;
  f.mask.value = p.mask;
  f.retest_rest_s.value = p.retest_rest_s;
  f.duplicate_window_s.value = p.duplicate_window_s;
  const q = p.exit_quota;
  f.quota_per.value = q ? q.per : '';
  f.quota_count.value = q ? q.count : 1;
  f.quota_period.value = q ? q.period : 'day';
  f.quota_windows.value = q ? q.windows.join(', ') : '';
}

function readPolicy() {
  const f = document.getElementById('policy-form').elements;
  const windows = f.quota_windows.value.split(',').map(w => w.trim()).filter(w => w !== '');
  return {
    threshold_c: Number(f.threshold_c.value),
    enforcement: f.enforcement.value,
    measure_only: f.measure_only.checked,
    mask: f.mask.value,
    retest_rest_s: Number(f.retest_rest_s.value),
    duplicate_window_s: Number(f.duplicate_window_s.value),
    exit_quota: f.quota_per.value === '' ? null
      : { per: f.quota_per.value, count: Number(f.quota_count.value), period: f.quota_period.value, windows },
  };
}

export function setupLists(operator) {
  document.getElementById('policy-fields').disabled = !operator;
  document.getElementById('resident-search').addEventListener('submit', async ev => {
    ev.preventDefault();
    fillTable('residents', (await searchResidents()).residents, residentRow);
  });
  if (!operator) return;
  const form = document.getElementById('list-import');
  const message = document.getElementById('import-message');
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    const params = { dry_run: form.elements.dry_run.checked ? 'true' : '', encoding: form.elements.encoding.value };
    try {
      const r = await sendBody('POST', '/api/lists/' + form.elements.list.value + '/import' + query(params),
        file, 'text/csv');
      fillTable('import-errors', r.errors, errorRow);
      const summary = t('lists.summary', { valid: number(r.valid), rows: number(r.rows), errors: number(r.errors_total),
        encoding: r.encoding });
      showMessage(message, r.applied ? t('lists.imported', { version: r.version, summary })
        : t(r.dry_run ? 'lists.checked' : 'lists.notImported', { summary }), !r.applied && !r.dry_run);
      await loadLists();
    } catch (err) {
      showMessage(message, err.message, true);
    }
  });
  const policy = document.getElementById('policy-form');
  policy.addEventListener('submit', async ev => {
    ev.preventDefault();
    const msg = document.getElementById('policy-message');
    try {
      const r = await sendBody('PUT', '/api/lists/policy', JSON.stringify(readPolicy()), 'application/json');
      showPolicy(r.policy);
      showMessage(msg, t('policy.saved', { version: r.version }));
      await loadLists();
    } catch (err) {
      showMessage(msg, err.message, true);
    }
  });
}
