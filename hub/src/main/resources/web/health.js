// The hub's own health on the page: a banner while its disk is full (GET /api/health, docs/api.md), checked
// every HEALTH_POLL_MS. Values go in with textContent only.
'use strict';

import { localTime } from './dom.js';
import { number, t } from './i18n.js';

export const HEALTH_POLL_MS = 5000;

async function check(banner, textNode) {
  try {
    const r = await fetch('/api/health', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const health = await r.json();
    const full = health.store ? health.store.disk_full : null;
    banner.hidden = !full;
    if (full) {
      textNode.textContent = t('health.diskFull', { since: localTime(full.since), n: number(full.writes_refused) });
    }
  } catch (err) {
    // The hub is unreachable: the live status in the header already says so.
  }
}

/** Shows #hub-disk-full while the hub reports its disk full; checks now and every HEALTH_POLL_MS. */
export function watchHealth() {
  const banner = document.getElementById('hub-disk-full');
  const textNode = document.getElementById('hub-disk-full-text');
  check(banner, textNode);
  setInterval(() => check(banner, textNode), HEALTH_POLL_MS);
}
