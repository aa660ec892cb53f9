// Visitor passes (GET/POST /api/passes, POST /api/passes/{id}/revoke, GET /api/passes/{id}/qr.png|qr.svg).
'use strict';

import { getJson, postJson } from './api.js';
import { badge, fillTable, localTime, showMessage, td } from './dom.js';
import { label, t } from './i18n.js';

let operator = false;

function showCode(p) {
  document.getElementById('pass-code').hidden = false;
  const img = document.getElementById('pass-code-img');
  img.src = p.qr_png;
  img.alt = t('passes.codeAlt');
  document.getElementById('pass-code-png').href = p.qr_png;
  document.getElementById('pass-code-svg').href = p.qr_svg;
  document.getElementById('pass-code-who').textContent = p.name + ' · ' + p.household + ' · '
    + localTime(p.valid_from) + ' – ' + localTime(p.valid_to) + ' · ' + label('passUses', p.uses);
}

function passRow(p) {
  const tr = document.createElement('tr');
  tr.dataset.id = p.id;
  tr.appendChild(td(p.id, 'mono'));
  tr.appendChild(td(p.name));
  tr.appendChild(td(p.phone, 'mono'));
  tr.appendChild(td(p.household));
  tr.appendChild(td(localTime(p.valid_from)));
  tr.appendChild(td(localTime(p.valid_to)));
  tr.appendChild(td(label('passUses', p.uses)));
  tr.appendChild(td(String(p.used)));
  tr.appendChild(td(badge(p.state, 'passState')));
  const actions = document.createElement('td');
  if (operator) {
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'small';
    show.textContent = t('passes.showCode');
    show.addEventListener('click', () => showCode(p));
    actions.appendChild(show);
    if (p.state !== 'revoked' && p.state !== 'expired') {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'small revoke';
      revoke.textContent = t('passes.revoke');
      revoke.addEventListener('click', async () => {
        const message = document.getElementById('pass-message');
        try {
          await postJson('/api/passes/' + p.id + '/revoke');
          showMessage(message, t('passes.revoked'));
          await loadPasses();
        } catch (err) {
          showMessage(message, err.message, true);
        }
      });
      actions.appendChild(revoke);
    }
  }
  tr.appendChild(actions);
  return tr;
}

export async function loadPasses() {
  const list = await getJson('/api/passes?limit=200');
  fillTable('passes', list.passes, passRow);
}

export function setupPasses(isOperator) {
  operator = isOperator;
  const form = document.getElementById('pass-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = form.elements;
    const message = document.getElementById('pass-message');
    try {
      const p = await postJson('/api/passes', {
        name: f.name.value, phone: f.phone.value, household: f.household.value,
        valid_from: f.valid_from.value, valid_to: f.valid_to.value, uses: f.uses.value,
      });
      showMessage(message, t('passes.issued'));
      showCode(p);
      await loadPasses();
    } catch (err) {
      showMessage(message, err.message, true);
    }
  });
}
