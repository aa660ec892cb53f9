// DOM helpers. Every value from the API is inserted as text (textContent / text nodes), never as HTML.
'use strict';

import { dateTime, isoDay, label, t, timeOfDay } from './i18n.js';

/** An element; attrs: className, title, hidden, href, type, value, dataset {...}; children: nodes or text. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'className') node.className = value;
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An element holding one value as text; null/undefined shows as an em dash. */
export function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
  if (className) node.className = className;
  return node;
}

// Badge classes come from this fixed list, so API data never selects arbitrary classes.
const KNOWN = new Set(['online', 'offline', 'unknown', 'admit', 'deny-fever', 'no-reading', 'high', 'low',
  'medium', 'open', 'acknowledged', 'resolved', 'connected', 'silent', 'erroring', 'disconnected',
  'operator', 'observer', 'sign-in', 'sign-out', 'retest', 'deny-quarantine', 'deny-blocked', 'deny-quota',
  'deny-mask', 'visitor', 'override', 'current', 'behind', 'deny-health']);

/** Operators' words for a gate's decision (docs/mqtt.md, Rule fields), from the catalogue's decision.* keys. */
export function decisionLabel(decision) {
  return label('decision', decision);
}

/** A badge for an API value of a fixed set; its text is the value's label (prefix.value) when there is one. */
export function badge(value, prefix) {
  const cls = KNOWN.has(value) ? 'badge ' + prefix + '-' + value : 'badge';
  const node = text('span', value, cls);
  if (value !== null && value !== undefined && value !== '') node.textContent = label(prefix, value);
  return node;
}

/** A decision badge with its label; a soft-enforcement entry (admitted although denied) says so. */
export function decisionBadge(e) {
  const node = badge(e.decision, 'decision');
  node.title = e.decision;
  const denied = e.decision.startsWith('deny-');
  if (denied && e.admitted) {
    node.classList.add('soft');
    node.textContent += t('decision.letThrough');
    node.title += t('decision.letThroughTitle');
  }
  return node;
}

export function td(child, className) {
  const cell = document.createElement('td');
  if (className) cell.className = className;
  cell.appendChild(child instanceof Node ? child : document.createTextNode(
    child === null || child === undefined || child === '' ? '—' : String(child)));
  return cell;
}

/** An ISO instant in the page's language and zone: only the time when it is today, else date and time. */
export function localTime(iso, now = new Date()) {
  if (!iso) return null;
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return isoDay(d) === isoDay(now) ? timeOfDay(d) : dateTime(d);
}

/** "12 s ago", "5 min ago", "3 h ago" (in the page's language), else the date and time. */
export function ago(iso, now = Date.now()) {
  if (!iso) return null;
  const t0 = new Date(iso).getTime();
  if (isNaN(t0)) return iso;
  const s = Math.max(0, Math.round((now - t0) / 1000));
  if (s < 60) return t('time.secondsAgo', { n: s });
  if (s < 3600) return t('time.minutesAgo', { n: Math.floor(s / 60) });
  if (s < 86400) return t('time.hoursAgo', { n: Math.floor(s / 3600) });
  return dateTime(new Date(t0));
}

/** Replaces a table's body with one row per item and shows its "empty" note when there are none. */
export function fillTable(tableId, items, makeRow) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...items.map(makeRow));
  const empty = document.getElementById(tableId + '-empty');
  if (empty) empty.hidden = items.length > 0;
}

export function option(value, label, selected) {
  const o = el('option', { value }, label);
  if (selected) o.selected = true;
  return o;
}

/** Fills a <select> of gates, keeping the current choice; the first option is "all gates". */
export function fillGateSelect(select, gates) {
  const current = select.value;
  select.replaceChildren(option('', t('filter.allGates')), ...gates.map(g => option(g.id, g.id, g.id === current)));
}

/** A form's non-empty fields as URL query parameters. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export function showMessage(node, message, isError) {
  node.textContent = message || '';
  node.classList.toggle('error', !!isError);
  node.hidden = !message;
}
