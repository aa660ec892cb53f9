// Reports per day and per gate, with SVG bar charts.
'use strict';

import { getJson } from './api.js';
import { fillTable, query, showMessage, td } from './dom.js';
import { barChart } from './chart.js';
import { label, number, setTimeZone, t } from './i18n.js';

const SERIES = [
  { key: 'entries', name: 'reports.series.entries', className: 'entries' },
  { key: 'fevers', name: 'reports.series.fevers', className: 'fevers' },
  { key: 'no_reading', name: 'reports.series.noReading', className: 'noreading' },
];

function countsRow(label) {
  return r => {
    const tr = document.createElement('tr');
    tr.appendChild(td(r[label]));
    for (const k of ['entries', 'fevers', 'no_reading', 'visitors', 'overrides']) tr.appendChild(td(number(r[k]), 'num'));
    return tr;
  };
}

function isoDay(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 10);
}

/** The report; its zone (the hub's) also becomes the zone the page shows times in. */
export async function loadReport(params) {
  const r = await getJson('/api/reports' + query(params));
  if (r.zone) setTimeZone(r.zone);
  return r;
}

export function setupReports() {
  const form = document.getElementById('report-form');
  const message = document.getElementById('report-message');
  if (!form.elements.to.value) {
    const today = new Date();
    form.elements.to.value = isoDay(today);
    form.elements.from.value = isoDay(new Date(today.getTime() - 6 * 86400000));
  }
  // The daily report (docs/reports.md): the form's days, always every gate.
  const updateDownloads = () => {
    const days = query({ from: form.elements.from.value, to: form.elements.to.value });
    document.getElementById('report-daily-xlsx').href = '/api/reports/daily.xlsx' + days;
    document.getElementById('report-daily-csv').href = '/api/reports/daily.csv' + days;
  };
  updateDownloads();
  form.addEventListener('change', updateDownloads);
  const run = async ev => {
    if (ev) ev.preventDefault();
    updateDownloads();
    try {
      const r = await loadReport({ from: form.elements.from.value, to: form.elements.to.value,
        gate: form.elements.gate.value });
      render(r);
      showMessage(message, t('reports.summary', { zone: r.zone, entries: number(r.total.entries),
        fevers: number(r.total.fevers) }));
    } catch (err) {
      showMessage(message, err.message, true);
    }
  };
  form.addEventListener('submit', run);
  return run;
}

function render(r) {
  const series = SERIES.map(s => Object.assign({}, s, { name: t(s.name), values: r.days.map(d => d[s.key]) }));
  document.getElementById('chart-days').replaceChildren(
    barChart(r.days.map(d => d.day.slice(5)), series, t('reports.chartDays')));
  const gateSeries = SERIES.map(s => Object.assign({}, s, { name: t(s.name), values: r.gates.map(g => g[s.key]) }));
  document.getElementById('chart-gates').replaceChildren(
    barChart(r.gates.map(g => g.gate), gateSeries, t('reports.chartGates')));
  fillTable('report-days', r.days, countsRow('day'));
  fillTable('report-gates', r.gates, countsRow('gate'));
}
