// Tracing (operators): who passed a gate, where a person passed. Each search and export states a reason and is
// audited by the hub (docs/api.md, Tracing).
'use strict';

import { postForDownload, postJson } from './api.js';
import { fillTable, showMessage } from './dom.js';
import { instant } from './entries.js';
import { entryRow } from './overview.js';
import { number, t } from './i18n.js';

/** The request body of the form, and the endpoint it goes to (without .csv). */
function request(form) {
  const kind = form.elements.kind.value;
  const body = {
    from: instant(form.elements.from.value),
    to: instant(form.elements.to.value),
    reason: form.elements.reason.value.trim(),
  };
  if (kind === 'gate') {
    body.gate = form.elements.gate.value;
    return { path: '/api/trace/gate', body };
  }
  if (kind === 'name') {
    body.name = form.elements.name.value.trim();
    const household = form.elements.household.value.trim();
    if (household) body.household = household;
  } else {
    body.masked = form.elements.masked.value.trim();
  }
  return { path: '/api/trace/person', body };
}

function showKind(form) {
  const kind = form.elements.kind.value;
  for (const node of form.querySelectorAll('[data-trace]')) {
    node.hidden = node.dataset.trace !== kind;
    for (const input of node.querySelectorAll('input, select')) input.required = !node.hidden && input.name !== 'household';
  }
}

export function setupTrace() {
  const form = document.getElementById('trace-form');
  const message = document.getElementById('trace-message');
  const residents = document.getElementById('trace-residents');
  form.elements.kind.addEventListener('change', () => showKind(form));
  showKind(form);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const r = request(form);
    try {
      const body = await postJson(r.path, r.body);
      fillTable('trace-results', body.entries, entryRow);
      showMessage(message, body.truncated
        ? t('trace.truncated', { count: number(body.count), total: number(body.total) })
        : t('trace.count', { n: number(body.count) }));
      if (body.residents) {
        showMessage(residents, body.residents.length === 0 ? t('trace.noResident')
          : t('trace.residents', { names: body.residents.map(p => p.name + ' ' + p.masked + ' ' + p.household).join('; ') }));
      } else {
        showMessage(residents, '');
      }
    } catch (err) {
      showMessage(message, err.message, true);
    }
  });
  document.getElementById('trace-export').addEventListener('click', async () => {
    if (!form.reportValidity()) return;
    const r = request(form);
    try {
      await postForDownload(r.path + '.csv', r.body);
      showMessage(message, t('trace.exported'));
    } catch (err) {
      showMessage(message, err.message, true);
    }
  });
}
