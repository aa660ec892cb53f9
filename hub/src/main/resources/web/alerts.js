// Alerts: the list with filters, acknowledging and resolving with a note (operators only).
'use strict';

import { postJson } from './api.js';
import { badge, el, localTime, td, text } from './dom.js';
import { label, t } from './i18n.js';

export const NOTE_MAX = 1000;

export function stateOf(a) {
  return a.resolved_at ? 'resolved' : a.acknowledged_at ? 'acknowledged' : 'open';
}

export function needsAttention(a) {
  return a.severity === 'high' && stateOf(a) === 'open';
}

function stateCell(a) {
  const s = stateOf(a);
  const cell = el('td', {}, badge(s, 'alert'));
  if (s === 'acknowledged') {
    cell.appendChild(text('div', t('alert.by', { who: a.acknowledged_by, at: localTime(a.acknowledged_at) }), 'sub'));
  }
  if (s === 'resolved') {
    cell.appendChild(text('div', a.resolved_by ? t('alert.by', { who: a.resolved_by, at: localTime(a.resolved_at) })
      : t('alert.automatically', { at: localTime(a.resolved_at) }), 'sub'));
  }
  return cell;
}

function notesCell(a) {
  const notes = (a.actions || []).filter(x => x.note);
  if (notes.length === 0) return td(null, 'notes');
  return el('td', { className: 'notes' }, ...notes.map(x =>
    el('div', { className: 'note-line' }, text('span', x.by + (x.action === 'resolve' ? t('alert.resolvedMark') : ''), 'note-by'),
      ': ', text('span', x.note, 'note-text'))));
}

/**
 * One alert as a table row. options: operator (show the controls), onChanged(alert) after a successful action.
 * Observers get no controls at all (and the API refuses them with 403 anyway).
 */
export function alertRow(a, options) {
  const tr = el('tr', { className: 'sev-' + (a.severity === 'high' ? 'high' : 'other') + ' alert-' + stateOf(a),
    dataset: { id: String(a.id), state: stateOf(a) } });
  tr.appendChild(td(localTime(a.raised_at)));
  tr.appendChild(td(label('kind', a.kind)));
  tr.appendChild(td(badge(a.severity, 'severity')));
  tr.appendChild(td(a.gate));
  tr.appendChild(td(a.message, 'wrap'));
  tr.appendChild(stateCell(a));
  tr.appendChild(notesCell(a));
  tr.appendChild(options.operator && stateOf(a) !== 'resolved' ? controls(a, options) : td(null, 'actions'));
  return tr;
}

function controls(a, options) {
  const note = el('textarea', { className: 'note', rows: 1, maxLength: NOTE_MAX,
    placeholder: stateOf(a) === 'open' ? t('alert.note') : t('alert.whatWasDone'),
    ariaLabel: t('alert.noteFor', { id: a.id }) });
  const message = el('div', { className: 'form-message', hidden: true, role: 'status' });
  const act = async (action, button) => {
    const text = note.value.trim();
    if (action === 'resolve' && !text) {
      message.textContent = t('alert.writeFirst');
      message.hidden = false;
      message.classList.add('error');
      note.focus();
      return;
    }
    button.disabled = true;
    try {
      const updated = await postJson('/api/alerts/' + encodeURIComponent(a.id) + '/' + action, { note: text });
      options.onChanged(updated);
    } catch (err) {
      message.textContent = err.message;
      message.hidden = false;
      message.classList.add('error');
      button.disabled = false;
    }
  };
  const buttons = el('div', { className: 'buttons' });
  if (stateOf(a) === 'open') {
    const ack = el('button', { type: 'button', className: 'ack' }, t('alert.acknowledge'));
    ack.addEventListener('click', () => act('acknowledge', ack));
    buttons.appendChild(ack);
  }
  const resolve = el('button', { type: 'button', className: 'resolve secondary' }, t('alert.resolve'));
  resolve.addEventListener('click', () => act('resolve', resolve));
  buttons.appendChild(resolve);
  return el('td', { className: 'actions' }, note, buttons, message);
}

/** Puts the row of alert a into the table's body: replacing its old row, or on top when new. */
export function upsertRow(tbody, a, options, onTop) {
  const old = tbody.querySelector('tr[data-id="' + CSS.escape(String(a.id)) + '"]');
  const row = alertRow(a, options);
  if (old) {
    // Keep a half-typed note when someone else's action re-renders the row.
    const typed = old.querySelector('textarea.note');
    const fresh = row.querySelector('textarea.note');
    if (typed && fresh) fresh.value = typed.value;
    old.replaceWith(row);
  } else if (onTop) {
    row.classList.add('fresh');
    tbody.prepend(row);
    setTimeout(() => row.classList.remove('fresh'), 4000);
  }
  return row;
}
