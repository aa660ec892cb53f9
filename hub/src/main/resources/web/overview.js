// Overview: one card per gate and the live feed of entries.
'use strict';

import { ago, badge, el, fillTable, localTime, td, text } from './dom.js';

export const FEED_SIZE = 50;

/** Fields the hub adds from heartbeats (backlog, devices, storage) may sit flat or under "health". */
function health(g, ...names) {
  for (const source of [g, g.health, g.health && g.health.store, g.store]) {
    if (!source || typeof source !== 'object') continue;
    for (const n of names) {
      if (source[n] !== undefined && source[n] !== null) return source[n];
    }
  }
  return undefined;
}

function devicesOf(g) {
  const d = health(g, 'devices');
  if (Array.isArray(d)) return d.map(x => ({ name: x.name || x.kind || '?', state: x.state || '?', error: x.last_error }));
  if (d && typeof d === 'object') return Object.entries(d).map(([name, state]) => ({ name, state: String(state) }));
  return [];
}

function fact(label, value, className) {
  return el('div', { className: 'fact' + (className ? ' ' + className : '') },
    el('dt', {}, label), text('dd', value));
}

/** today: {gate: {entries, fevers}} from /api/reports for today (may be missing). */
export function gateCard(g, today) {
  const counts = today[g.id] || {};
  const backlog = health(g, 'backlog');
  const storePct = health(g, 'store_used_pct', 'used_pct');
  const devices = devicesOf(g);
  const lastEntry = fact('Last entry', ago(g.last_entry_at));
  lastEntry.title = localTime(g.last_entry_at) || 'no entry yet';
  const card = el('article', { className: 'gate-card state-' + (['online', 'offline'].includes(g.state) ? g.state : 'unknown'),
    dataset: { gate: g.id } },
  el('header', {}, text('h3', g.id), badge(g.state, 'state')),
  el('dl', {},
    lastEntry,
    fact('Today', (g.entries_today ?? 0) + ' entries' + (counts.fevers ? ' · ' + counts.fevers + ' fever' + (counts.fevers > 1 ? 's' : '') : ''),
      counts.fevers ? 'hot' : ''),
    fact('Open alerts', g.open_alerts ?? 0, g.open_alerts > 0 ? 'hot' : ''),
    backlog !== undefined ? fact('Backlog', backlog, backlog > 0 ? 'warm' : '') : null,
    storePct !== undefined ? fact('Storage', Number(storePct).toFixed(0) + ' %', storePct >= 80 ? 'hot' : '') : null,
    fact('Acked up to', g.acked_up_to)));
  if (g.reason && g.state !== 'online') card.appendChild(text('p', 'Reason: ' + g.reason, 'reason'));
  if (devices.length > 0) {
    card.appendChild(el('ul', { className: 'devices' }, ...devices.map(d => {
      const li = el('li', {}, badge(d.state, 'dev'), ' ', d.name);
      if (d.error) li.title = d.error;
      return li;
    })));
  }
  return card;
}

export function renderGates(gates, today) {
  const grid = document.getElementById('gates');
  grid.replaceChildren(...gates.map(g => gateCard(g, today)));
  document.getElementById('gates-empty').hidden = gates.length > 0;
}

export function entryRow(e) {
  const tr = el('tr', { dataset: { id: e.id } });
  tr.appendChild(td(localTime(e.received_at)));
  tr.appendChild(td(e.gate));
  tr.appendChild(td(e.seq, 'num'));
  tr.appendChild(td(e.credential ? e.credential.masked : null, 'mono'));
  tr.appendChild(td(e.temperature ? e.temperature.body_c.toFixed(2) : null, 'num'));
  tr.appendChild(td(badge(e.decision, 'decision')));
  const at = td(localTime(e.at), e.clock_synced ? '' : 'unsynced');
  if (!e.clock_synced) at.title = 'gate clock was not synchronised';
  tr.appendChild(at);
  return tr;
}

export function renderFeed(entries) {
  fillTable('feed', entries, entryRow);
}

/** Puts a pushed entry on top of the feed, marked so it stands out for a moment. */
export function prependEntry(e) {
  const body = document.querySelector('#feed tbody');
  if (body.querySelector('tr[data-id="' + CSS.escape(e.id) + '"]')) return;
  const row = entryRow(e);
  row.classList.add('fresh');
  body.prepend(row);
  while (body.rows.length > FEED_SIZE) body.deleteRow(body.rows.length - 1);
  document.getElementById('feed-empty').hidden = true;
  setTimeout(() => row.classList.remove('fresh'), 4000);
}
