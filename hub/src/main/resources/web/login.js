// The login form: POST /api/login as JSON, then on to the dashboard.
'use strict';

(function () {
  const form = document.getElementById('login-form');
  const message = document.getElementById('login-message');
  if (new URLSearchParams(location.search).has('ended')) {
    const note = document.getElementById('login-note');
    note.textContent = 'You were signed out (signed out, idle too long, or the hub restarted). Sign in again.';
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
      message.textContent = body.error || 'Sign-in failed (HTTP ' + response.status + ')';
      message.hidden = false;
      form.elements.password.value = '';
      form.elements.password.focus();
    } catch (err) {
      message.textContent = 'The hub cannot be reached: ' + err.message;
      message.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
})();
