// DOM helpers. Every value from the API is inserted as text (textContent / text nodes), never as HTML.
'use strict';

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
  'deny-mask', 'visitor', 'override', 'current', 'behind']);

/** Operators' words for the gates' decisions (docs/mqtt.md, Rule fields); the value itself stays the title. */
export const DECISION_LABELS = {
  'admit': 'admitted', 'deny-fever': 'fever', 'no-reading': 'no reading', 'sign-in': 'signed in',
  'sign-out': 'signed out', 'retest': 'retest', 'deny-quarantine': 'quarantine', 'deny-blocked': 'blocked household',
  'unknown': 'unknown credential', 'deny-quota': 'exit quota', 'deny-mask': 'no mask', 'visitor': 'visitor',
  'override': 'override',
};

export function badge(value, prefix) {
  const cls = KNOWN.has(value) ? 'badge ' + prefix + '-' + value : 'badge';
  return text('span', value, cls);
}

/** A decision badge with its label; a soft-enforcement entry (admitted although denied) says so. */
export function decisionBadge(e) {
  const node = badge(e.decision, 'decision');
  node.textContent = DECISION_LABELS[e.decision] || e.decision;
  node.title = e.decision;
  const denied = e.decision.startsWith('deny-');
  if (denied && e.admitted) {
    node.classList.add('soft');
    node.textContent += ' · let through';
    node.title += ' (soft enforcement: the gate opened)';
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

/** Local time of an ISO instant: only the time when it is today, else date and time. */
export function localTime(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
}

/** "12 s ago", "5 min ago", "3 h ago", else the local date and time. */
export function ago(iso, now = Date.now()) {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  if (isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return new Date(t).toLocaleString();
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
  select.replaceChildren(option('', 'All gates'), ...gates.map(g => option(g.id, g.id, g.id === current)));
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
