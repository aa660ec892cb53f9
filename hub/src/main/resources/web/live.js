// Server-sent events from /api/events: new entries, alerts and gate states as they are committed.
'use strict';

import { getJson } from './api.js';
import { t } from './i18n.js';

const RETRY_MS = 3000;

/**
 * handlers: hello(), entry(e), alert(a), alertUpdate(a), gates(body), status(text, ok).
 * On "hello" (also after every reconnect) the page reloads its lists, so nothing is missed in between.
 */
export function connect(handlers) {
  const source = new EventSource('/api/events');
  const on = (name, fn) => source.addEventListener(name, ev => fn(JSON.parse(ev.data)));
  on('hello', () => {
    handlers.status(t('live.live'), true);
    handlers.hello();
  });
  on('entry', handlers.entry);
  on('alert', handlers.alert);
  on('alert-update', handlers.alertUpdate);
  on('gates', handlers.gates);
  on('signed-out', () => {
    source.close();
    getJson('/api/session').catch(() => {}); // answers 401 and sends the page to the login form
  });
  source.onerror = () => {
    handlers.status(t('live.reconnecting'), false);
    if (source.readyState === EventSource.CLOSED) {
      // Refused outright (e.g. 401): find out why, then try again.
      getJson('/api/session').then(() => setTimeout(() => connect(handlers), RETRY_MS)).catch(() => {});
    }
  };
  return source;
}
