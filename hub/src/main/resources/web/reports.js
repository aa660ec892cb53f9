// Reports per day and per gate, with SVG bar charts.
'use strict';

import { getJson } from './api.js';
import { fillTable, query, showMessage, td } from './dom.js';
import { barChart } from './chart.js';

const SERIES = [
  { key: 'entries', name: 'entries', className: 'entries' },
  { key: 'fevers', name: 'fevers', className: 'fevers' },
  { key: 'no_reading', name: 'no reading', className: 'noreading' },
];

function countsRow(label) {
  return r => {
    const tr = document.createElement('tr');
    tr.appendChild(td(r[label]));
    for (const k of ['entries', 'fevers', 'no_reading', 'visitors', 'overrides']) tr.appendChild(td(r[k], 'num'));
    return tr;
  };
}

function isoDay(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 10);
}

export async function loadReport(params) {
  return getJson('/api/reports' + query(params));
}

export function setupReports() {
  const form = document.getElementById('report-form');
  const message = document.getElementById('report-message');
  if (!form.elements.to.value) {
    const today = new Date();
    form.elements.to.value = isoDay(today);
    form.elements.from.value = isoDay(new Date(today.getTime() - 6 * 86400000));
  }
  const run = async ev => {
    if (ev) ev.preventDefault();
    try {
      const r = await loadReport({ from: form.elements.from.value, to: form.elements.to.value,
        gate: form.elements.gate.value });
      render(r);
      showMessage(message, 'Days of the hub\'s time zone (' + r.zone + '), by when the hub received each entry. '
        + 'Total: ' + r.total.entries + ' entries, ' + r.total.fevers + ' fevers.');
    } catch (err) {
      showMessage(message, err.message, true);
    }
  };
  form.addEventListener('submit', run);
  return run;
}

function render(r) {
  const series = SERIES.map(s => Object.assign({}, s, { values: r.days.map(d => d[s.key]) }));
  document.getElementById('chart-days').replaceChildren(
    barChart(r.days.map(d => d.day.slice(5)), series, 'Entries per day'));
  const gateSeries = SERIES.map(s => Object.assign({}, s, { values: r.gates.map(g => g[s.key]) }));
  document.getElementById('chart-gates').replaceChildren(
    barChart(r.gates.map(g => g.gate), gateSeries, 'Entries per gate'));
  fillTable('report-days', r.days, countsRow('day'));
  fillTable('report-gates', r.gates, countsRow('gate'));
}
