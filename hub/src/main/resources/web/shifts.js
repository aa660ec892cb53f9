// Shifts and the hand-over summary of a gate's current or last shift (GET /api/shifts, /api/shifts/handover).
'use strict';

import { getJson } from './api.js';
import { badge, decisionLabel, fillTable, localTime, query, showMessage, td } from './dom.js';
import { label, number, t } from './i18n.js';
import { stateOf } from './alerts.js';

function who(s) {
  return (s.name || t('shifts.unlisted')) + ' (' + s.masked + ')';
}

function shiftRow(s) {
  const tr = document.createElement('tr');
  tr.appendChild(td(s.gate));
  tr.appendChild(td(s.name || t('shifts.unlisted')));
  tr.appendChild(td(s.masked, 'mono'));
  tr.appendChild(td(s.role ? label('personRole', s.role) : null));
  tr.appendChild(td(localTime(s.start)));
  tr.appendChild(td(s.open ? t('shifts.onDuty') : localTime(s.end)));
  tr.appendChild(td(s.ended_by ? label('endedBy', s.ended_by) : null));
  return tr;
}

function alertRow(a) {
  const tr = document.createElement('tr');
  tr.dataset.id = a.id;
  tr.appendChild(td(localTime(a.raised_at)));
  tr.appendChild(td(label('kind', a.kind)));
  tr.appendChild(td(badge(a.severity, 'severity')));
  tr.appendChild(td(a.message, 'wrap'));
  tr.appendChild(td(badge(stateOf(a), 'alert')));
  return tr;
}

function showHandOver(h) {
  document.getElementById('handover').hidden = false;
  const shift = h.shift;
  document.getElementById('handover-shift').textContent = shift
    ? who(shift) + ', ' + localTime(shift.start) + ' – ' + (shift.open ? t('shifts.nowOnDuty') : localTime(shift.end))
    : t('shifts.nobodySignedIn');
  document.getElementById('handover-on-duty').textContent = h.on_duty.length === 0 ? t('shifts.nobody')
    : h.on_duty.map(who).join(t('text.separator'));
  const entries = h.entries;
  document.getElementById('handover-entries').textContent = !entries ? '—'
    : number(entries.total) + (entries.total === 0 ? '' : ': ' + Object.entries(entries.by_decision)
      .map(([d, n]) => decisionLabel(d) + ' ' + number(n)).join(t('text.separator')));
  fillTable('handover-raised', h.alerts_raised, alertRow);
  fillTable('handover-open', h.unacknowledged, alertRow);
}

export async function loadShifts() {
  const form = document.getElementById('shift-form');
  const gate = form.elements.gate.value;
  const message = document.getElementById('shift-message');
  try {
    const shifts = await getJson('/api/shifts' + query({ gate, limit: 200 }));
    fillTable('shifts', shifts.shifts, shiftRow);
    if (gate) {
      showHandOver(await getJson('/api/shifts/handover' + query({ gate })));
    } else {
      document.getElementById('handover').hidden = true;
    }
    showMessage(message, gate ? '' : t('shifts.chooseHint'));
  } catch (err) {
    showMessage(message, err.message, true);
  }
}

export function setupShifts() {
  document.getElementById('shift-form').addEventListener('change', () => loadShifts());
}
