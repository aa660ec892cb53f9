// Entry search and its CSV export. The view shows the newest entries as soon as it is first opened.
'use strict';

import { getJson } from './api.js';
import { fillTable, query, showMessage } from './dom.js';
import { entryRow } from './overview.js';
import { number, t } from './i18n.js';

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

/** Wires the search form; returns what the view calls when shown: the first time, it searches at once. */
export function setupEntrySearch() {
  const form = document.getElementById('entry-search');
  const message = document.getElementById('entry-message');
  const exportLink = document.getElementById('entries-export');
  let searched = false;
  const update = () => {
    exportLink.href = '/api/export/entries.csv' + query(filters(form));
  };
  const search = async () => {
    searched = true;
    update();
    const params = Object.assign(filters(form), { limit: form.elements.limit.value });
    try {
      const body = await getJson('/api/entries' + query(params));
      fillTable('results', body.entries, entryRow);
      const n = body.entries.length;
      showMessage(message, t(n === 1 ? 'entries.countOne' : 'entries.count', { n: number(n) })
        + (n >= Number(params.limit) ? t('entries.limitReached') : ''));
    } catch (err) {
      showMessage(message, err.message, true);
    }
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    search();
  });
  update();
  return () => {
    if (!searched) search();
  };
}
