// Gatepost hub dashboard. Polls the JSON API every 2 s and renders tables.
// Every value from the API is inserted with textContent, never as HTML.
'use strict';

const REFRESH_MS = 2000;

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value === null || value === undefined ? '—' : String(value);
  if (className) el.className = className;
  return el;
}

function badge(value, prefix) {
  const td = document.createElement('td');
  // Class names come from a fixed list so API data never selects arbitrary classes.
  const known = ['online', 'offline', 'unknown', 'admit', 'deny-fever', 'no-reading', 'high', 'low'];
  td.appendChild(text('span', value, known.includes(value) ? 'badge ' + prefix + '-' + value : 'badge'));
  return td;
}

function localTime(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function fill(tableId, rows, makeRow) {
  const body = document.querySelector('#' + tableId + ' tbody');
  const fresh = document.createElement('tbody');
  rows.forEach(r => fresh.appendChild(makeRow(r)));
  body.replaceWith(fresh);
  document.getElementById(tableId + '-empty').hidden = rows.length > 0;
}

function gateRow(g) {
  const tr = document.createElement('tr');
  tr.appendChild(text('td', g.id));
  tr.appendChild(badge(g.state, 'state'));
  tr.appendChild(text('td', g.reason));
  tr.appendChild(text('td', localTime(g.last_entry_at)));
  tr.appendChild(text('td', g.entries_today, 'num'));
  tr.appendChild(text('td', g.entry_count, 'num'));
  tr.appendChild(text('td', g.epoch));
  tr.appendChild(text('td', g.acked_up_to, 'num'));
  return tr;
}

function entryRow(e) {
  const tr = document.createElement('tr');
  tr.appendChild(text('td', localTime(e.received_at)));
  tr.appendChild(text('td', e.gate));
  tr.appendChild(text('td', e.seq, 'num'));
  tr.appendChild(text('td', e.credential ? e.credential.masked : null));
  tr.appendChild(text('td', e.temperature ? e.temperature.body_c.toFixed(2) : null, 'num'));
  tr.appendChild(badge(e.decision, 'decision'));
  const at = text('td', localTime(e.at), e.clock_synced ? '' : 'unsynced');
  if (!e.clock_synced) at.title = 'gate clock was not synchronised';
  tr.appendChild(at);
  return tr;
}

function alertRow(a) {
  const tr = document.createElement('tr');
  if (a.resolved_at) tr.className = 'resolved';
  tr.appendChild(text('td', localTime(a.raised_at)));
  tr.appendChild(text('td', a.kind));
  tr.appendChild(badge(a.severity, 'severity'));
  tr.appendChild(text('td', a.gate));
  tr.appendChild(text('td', a.message, 'wrap'));
  const state = a.resolved_at ? 'resolved ' + localTime(a.resolved_at)
    : a.acknowledged_at ? 'acknowledged' : 'open';
  tr.appendChild(text('td', state));
  return tr;
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

async function refresh() {
  const status = document.getElementById('status');
  try {
    const [gates, entries, alerts] = await Promise.all([
      getJson('/api/gates'), getJson('/api/entries?limit=50'), getJson('/api/alerts?limit=50')]);
    fill('gates', gates.gates, gateRow);
    fill('entries', entries.entries, entryRow);
    fill('alerts', alerts.alerts, alertRow);
    status.textContent = 'Updated ' + new Date().toLocaleTimeString();
    status.classList.remove('stale');
  } catch (err) {
    status.textContent = 'Hub unreachable (' + err.message + '); retrying';
    status.classList.add('stale');
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
