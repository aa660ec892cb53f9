// Accounts (operators add them), one's own password, and the audit log (operators).
'use strict';

import { getJson, postJson } from './api.js';
import { badge, fillTable, localTime, query, showMessage, td } from './dom.js';
import { label, t } from './i18n.js';

function userRow(u) {
  const tr = document.createElement('tr');
  tr.appendChild(td(u.name));
  tr.appendChild(td(badge(u.role, 'role')));
  tr.appendChild(td(localTime(u.created_at)));
  tr.appendChild(td(localTime(u.password_changed_at)));
  return tr;
}

function auditRow(r) {
  const tr = document.createElement('tr');
  tr.appendChild(td(localTime(r.at)));
  tr.appendChild(td(r.actor));
  tr.appendChild(td(label('audit', r.action)));
  tr.appendChild(td(r.target));
  tr.appendChild(td(r.detail, 'wrap'));
  tr.appendChild(td(r.remote));
  return tr;
}

export async function loadUsers() {
  const body = await getJson('/api/users');
  fillTable('users', body.users, userRow);
}

export async function loadAudit() {
  const form = document.getElementById('audit-filter');
  const body = await getJson('/api/audit' + query({ action: form.elements.action.value, limit: 200 }));
  fillTable('audit', body.events, auditRow);
}

export function setupAccounts(operator) {
  const pw = document.getElementById('password-form');
  const pwMessage = document.getElementById('password-message');
  pw.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (pw.elements.new.value !== pw.elements.repeat.value) {
      showMessage(pwMessage, t('account.differ'), true);
      return;
    }
    try {
      await postJson('/api/account/password', { current: pw.elements.current.value, new: pw.elements.new.value });
      pw.reset();
      showMessage(pwMessage, t('account.changed'));
    } catch (err) {
      showMessage(pwMessage, err.message, true);
    }
  });
  if (!operator) return;
  const add = document.getElementById('user-form');
  const addMessage = document.getElementById('user-message');
  add.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const u = await postJson('/api/users', { name: add.elements.name.value.trim(), role: add.elements.role.value,
        password: add.elements.password.value });
      add.reset();
      showMessage(addMessage, t('account.created', { name: u.name, role: label('role', u.role) }));
      await loadUsers();
    } catch (err) {
      showMessage(addMessage, err.message, true);
    }
  });
  document.getElementById('audit-filter').addEventListener('change', () => loadAudit().catch(() => {}));
}
