// Entry search and its CSV export.
'use strict';

import { getJson } from './api.js';
import { fillTable, query, showMessage } from './dom.js';
import { entryRow } from './overview.js';

/** A datetime-local value (browser time) as an ISO instant, or ''. */
export function instant(localValue) {
  if (!localValue) return '';
  const d = new Date(localValue);
  return isNaN(d.getTime()) ? '' : d.toISOString();
}

function filters(form) {
  return {
    gate: form.elements.gate.value,
    from: instant(form.elements.from.value),
    to: instant(form.elements.to.value),
    decision: form.elements.decision.value,
    masked: form.elements.masked.value.trim(),
  };
}

export function setupEntrySearch() {
  const form = document.getElementById('entry-search');
  const message = document.getElementById('entry-message');
  const exportLink = document.getElementById('entries-export');
  const update = () => {
    exportLink.href = '/api/export/entries.csv' + query(filters(form));
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    update();
    const params = Object.assign(filters(form), { limit: form.elements.limit.value });
    try {
      const body = await getJson('/api/entries' + query(params));
      fillTable('results', body.entries, entryRow);
      showMessage(message, body.entries.length + ' entries, newest first'
        + (body.entries.length >= Number(params.limit) ? ' (limit reached: narrow the search or export CSV)' : ''));
    } catch (err) {
      showMessage(message, err.message, true);
    }
  });
  update();
}
