// The end of the emergency (operators): the purge of the personal data, with a typed confirmation, and each gate's
// confirmation (docs/security.md, "End of the emergency (PIPL art. 47)").
'use strict';

import { getJson, postJson } from './api.js';
import { fillTable, localTime, showMessage, td } from './dom.js';
import { t } from './i18n.js';

const CONFIRMATION = 'PURGE';

function counts(deleted) {
  return Object.entries(deleted || {}).map(([k, v]) => k + ' ' + v).join(', ');
}

function gateRow(g) {
  const tr = document.createElement('tr');
  tr.appendChild(td(g.gate));
  tr.appendChild(td(t(g.state === 'confirmed' ? 'purge.confirmed' : 'purge.pending'), 'purge-' + g.state));
  tr.appendChild(td(g.confirmed_at ? localTime(g.confirmed_at) : ''));
  tr.appendChild(td(g.gate_purged_at ? localTime(g.gate_purged_at) : ''));
  tr.appendChild(td(counts(g.deleted), 'wrap'));
  return tr;
}

export async function loadPurge() {
  const body = await getJson('/api/purge');
  const summary = document.getElementById('purge-summary');
  const p = body.purge;
  if (!p) {
    summary.textContent = t('purge.none');
    fillTable('purge-gates', [], gateRow);
    return;
  }
  summary.textContent = t('purge.summary', { id: p.id, at: localTime(p.requested_at), actor: p.actor,
    confirmed: p.confirmed, pending: p.pending }) + ' ' + t('purge.hubDeleted', { counts: counts(p.deleted) });
  fillTable('purge-gates', p.gates, gateRow);
}

export function setupPurge() {
  const form = document.getElementById('purge-form');
  const message = document.getElementById('purge-message');
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (form.elements.confirm.value !== CONFIRMATION) {
      showMessage(message, t('purge.wrongWord'), true);
      return;
    }
    try {
      const body = await postJson('/api/purge', { confirm: form.elements.confirm.value });
      form.reset();
      showMessage(message, t('purge.done', { id: body.purge.id }));
      await loadPurge();
    } catch (err) {
      showMessage(message, err.message, true);
    }
  });
}
