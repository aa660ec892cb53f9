// Overview: one card per gate and the live feed of entries.
'use strict';

import { ago, badge, decisionBadge, el, fillTable, localTime, td, text } from './dom.js';
import { label, number, t } from './i18n.js';

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

/**
 * today: {gate: {entries, fevers}} from /api/reports for today (may be missing);
 * lists: {name: version} of the hub's current lists (may be missing).
 */
export function gateCard(g, today, lists) {
  const counts = today[g.id] || {};
  const backlog = health(g, 'backlog');
  const storePct = health(g, 'store_used_pct', 'used_pct');
  const devices = devicesOf(g);
  const lastEntry = fact(t('gate.lastEntry'), ago(g.last_entry_at));
  lastEntry.title = localTime(g.last_entry_at) || t('gate.noEntryYet');
  const card = el('article', { className: 'gate-card state-' + (['online', 'offline'].includes(g.state) ? g.state : 'unknown'),
    dataset: { gate: g.id } },
  el('header', {}, text('h3', g.id), badge(g.state, 'state')),
  el('dl', {},
    lastEntry,
    fact(t('gate.today'), t('gate.entries', { n: number(g.entries_today ?? 0) })
      + (counts.fevers ? ' · ' + t(counts.fevers > 1 ? 'gate.fevers' : 'gate.fever', { n: number(counts.fevers) }) : ''),
      counts.fevers ? 'hot' : ''),
    fact(t('gate.openAlerts'), number(g.open_alerts ?? 0), g.open_alerts > 0 ? 'hot' : ''),
    backlog !== undefined ? fact(t('gate.backlog'), number(backlog), backlog > 0 ? 'warm' : '') : null,
    storePct !== undefined ? fact(t('gate.storage'), number(storePct, 0) + ' %', storePct >= 80 ? 'hot' : '') : null,
    fact(t('gate.ackedUpTo'), g.acked_up_to)));
  const ls = listsState(g, lists);
  if (ls) {
    const f = el('div', { className: 'fact lists' }, el('dt', {}, t('gate.lists')),
      el('dd', {}, badge(ls.ok ? 'current' : 'behind', 'lists')));
    f.querySelector('.badge').textContent = ls.text;
    card.querySelector('dl').appendChild(f);
  }
  if (g.reason && g.state !== 'online') card.appendChild(text('p', t('gate.reason', { reason: label('gateReason', g.reason) }), 'reason'));
  if (devices.length > 0) {
    card.appendChild(el('ul', { className: 'devices' }, ...devices.map(d => {
      const li = el('li', {}, badge(d.state, 'dev'), ' ', d.name);
      if (d.error) li.title = d.error;
      return li;
    })));
  }
  return card;
}

export function renderGates(gates, today, lists) {
  const grid = document.getElementById('gates');
  grid.replaceChildren(...gates.map(g => gateCard(g, today, lists)));
  document.getElementById('gates-empty').hidden = gates.length > 0;
}

const HEALTH_COLOURS = new Set(['green', 'yellow', 'red', 'unknown']);

/**
 * What the rule fields add to a row: the visitor (masked phone), the override, the health check's colour and source,
 * direction, who was on duty.
 */
export function entryDetails(e) {
  const parts = [];
  if (e.visitor) {
    parts.push(el('span', { className: 'visitor' }, e.visitor.name + ' ' + (e.visitor.phone_masked || '')
      + (e.visitor.visiting ? ' → ' + e.visitor.visiting : '') + (e.visitor.reason ? ' (' + e.visitor.reason + ')' : '')));
  }
  if (e.override) {
    parts.push(el('span', { className: 'override' }, t('details.override',
      { of: e.override.of, reason: e.override.reason, by: e.override.by })));
  }
  if (e.health) {
    parts.push(el('span', { className: 'health health-' + (HEALTH_COLOURS.has(e.health.colour) ? e.health.colour : 'unknown') },
      t('details.health', { colour: label('healthColour', e.health.colour), source: label('healthSource', e.health.source) })));
  }
  if (e.person && e.person.quarantined) parts.push(el('span', { className: 'quarantined' }, t('details.quarantined')));
  if (e.person && e.person.household) parts.push(el('span', {}, e.person.household));
  if (e.direction) parts.push(el('span', {}, t(e.direction === 'in' ? 'details.in' : 'details.out')));
  if (e.duty && e.duty.length > 0) parts.push(el('span', { className: 'duty' }, t('details.onDuty', { names: e.duty.join(t('text.separator')) })));
  const cell = el('td', { className: 'details' });
  parts.forEach((p, i) => {
    if (i > 0) cell.appendChild(document.createTextNode(' · '));
    cell.appendChild(p);
  });
  if (parts.length === 0) cell.textContent = '—';
  return cell;
}

/** "lists: current" or "behind: residents 6 < 7" from the versions a gate reports and the hub's current ones. */
export function listsState(g, current) {
  if (!g.lists || !current) return null;
  const behind = Object.keys(current).sort()
    .filter(name => (g.lists[name] || 0) < current[name])
    .map(name => label('list', name) + ' ' + (g.lists[name] === undefined ? t('lists.none') : g.lists[name]) + ' < '
      + current[name]);
  return behind.length === 0 ? { ok: true, text: t('lists.current') }
    : { ok: false, text: t('lists.behind', { lists: behind.join(t('text.separator')) }) };
}

export function entryRow(e) {
  const tr = el('tr', { dataset: { id: e.id } });
  tr.appendChild(td(localTime(e.received_at)));
  tr.appendChild(td(e.gate));
  tr.appendChild(td(e.seq, 'num'));
  tr.appendChild(td(e.credential ? e.credential.masked : null, 'mono'));
  tr.appendChild(td(e.temperature ? number(e.temperature.body_c, 2) : null, 'num'));
  tr.appendChild(td(decisionBadge(e)));
  tr.appendChild(entryDetails(e));
  const at = td(localTime(e.at), e.clock_synced ? '' : 'unsynced');
  if (!e.clock_synced) at.title = t('entry.unsynced');
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
