// The login form: POST /api/login as JSON, then on to the dashboard.
'use strict';

import { loadMessages, setupLanguageSwitch, t } from './i18n.js';

async function main() {
  await loadMessages();
  setupLanguageSwitch(document.getElementById('lang-switch'));
  const form = document.getElementById('login-form');
  const message = document.getElementById('login-message');
  if (new URLSearchParams(location.search).has('ended')) {
    const note = document.getElementById('login-note');
    note.textContent = t('login.ended');
    note.hidden = false;
  }
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    message.hidden = true;
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const response = await fetch('/api/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: form.elements.name.value, password: form.elements.password.value }),
      });
      if (response.ok) {
        window.location.assign('/');
        return;
      }
      const body = await response.json().catch(() => ({}));
      message.textContent = response.status === 401 ? t('login.wrong')
        : response.status === 429 ? t('login.throttled', { s: response.headers.get('Retry-After') || '?' })
          : body.error || t('login.failed', { status: response.status });
      message.hidden = false;
      form.elements.password.value = '';
      form.elements.password.focus();
    } catch (err) {
      message.textContent = t('login.unreachable', { error: err.message });
      message.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
}

main();
