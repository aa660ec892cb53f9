// Gatepost hub dashboard: the page's start, its views, and live updates over server-sent events.
// Every value from the API is inserted with textContent (see dom.js), never as HTML.
'use strict';

import { getJson, postJson, setCsrfToken, signedOut } from './api.js';
import { fillGateSelect, query, showMessage } from './dom.js';
import { beep, setUnhandled, setupSoundButton } from './alarm.js';
import { connect } from './live.js';
import { FEED_SIZE, prependEntry, renderFeed, renderGates } from './overview.js';
import { alertRow, needsAttention, stateOf, upsertRow } from './alerts.js';
import { setupEntrySearch } from './entries.js';
import { setupReports } from './reports.js';
import { loadAudit, loadUsers, setupAccounts } from './accounts.js';
import { loadLists, setupLists } from './lists.js';
import { loadShifts, setupShifts } from './shifts.js';
import { loadPasses, setupPasses } from './passes.js';
import { setupTrace } from './trace.js';
import { loadPurge, setupPurge } from './purge.js';
import { watchHealth } from './health.js';
import { label, loadMessages, setTimeZone, setupLanguageSwitch, t } from './i18n.js';

const VIEWS = ['overview', 'alerts', 'entries', 'reports', 'shifts', 'lists', 'passes', 'accounts', 'trace', 'audit', 'purge'];
const OPERATOR_VIEWS = new Set(['trace', 'audit', 'purge']);
const ACTIVE_SHOWN = 8;

const state = {
  operator: false,
  gates: [],
  today: {},          // gate id -> {entries, fevers} for the hub's today
  lists: null,        // list name -> the hub's current version, to tell gates that are behind
  active: new Map(),  // alert id -> alert, every alert not resolved
  runReport: null,
  reportShown: false,
  showEntries: null,  // the entries view's first search, when it is first opened
};

function alertOptions() {
  return { operator: state.operator, onChanged: applyAlert };
}

// --- alerts -------------------------------------------------------------------------------------

function applyAlert(a) {
  if (stateOf(a) === 'resolved') state.active.delete(a.id);
  else state.active.set(a.id, a);
  renderActive();
  const list = document.querySelector('#alerts tbody');
  if (list.querySelector('tr[data-id="' + a.id + '"]')) upsertRow(list, a, alertOptions(), false);
  updateAttention();
}

/** The overview shows the newest active alerts, those needing acknowledgement first; the rest are a link away. */
function renderActive() {
  const all = [...state.active.values()].sort((x, y) =>
    (needsAttention(y) - needsAttention(x)) || (y.id - x.id));
  const sorted = all.slice(0, ACTIVE_SHOWN);
  const more = document.getElementById('active-alerts-more');
  more.hidden = all.length <= ACTIVE_SHOWN;
  more.firstElementChild.textContent = t('overview.moreAlerts', { n: all.length - ACTIVE_SHOWN });
  const body = document.querySelector('#active-alerts tbody');
  const typed = new Map([...body.querySelectorAll('tr')].map(tr => [tr.dataset.id,
    (tr.querySelector('textarea.note') || {}).value]));
  body.replaceChildren(...sorted.map(a => {
    const row = alertRow(a, alertOptions());
    const note = row.querySelector('textarea.note');
    if (note && typed.get(String(a.id))) note.value = typed.get(String(a.id));
    return row;
  }));
  document.getElementById('active-alerts-empty').hidden = sorted.length > 0;
}

function updateAttention() {
  const n = [...state.active.values()].filter(needsAttention).length;
  setUnhandled(n);
  const banner = document.getElementById('attention');
  banner.hidden = n === 0;
  document.getElementById('attention-text').textContent = n === 1
    ? t('attention.one') : t('attention.many', { n });
  const count = document.getElementById('nav-alert-count');
  count.hidden = n === 0;
  count.textContent = String(n);
}

function alertFilterMatches(a) {
  const form = document.getElementById('alert-filter');
  const want = form.elements.state.value;
  const gate = form.elements.gate.value;
  const s = stateOf(a);
  const stateOk = want === '' || want === s || (want === 'active' && s !== 'resolved');
  return stateOk && (gate === '' || gate === a.gate);
}

async function loadAlertList() {
  const form = document.getElementById('alert-filter');
  const params = { state: form.elements.state.value, gate: form.elements.gate.value };
  document.getElementById('alerts-export').href = '/api/export/alerts.csv' + query(params);
  const body = await getJson('/api/alerts' + query(Object.assign({ limit: 200 }, params)));
  document.querySelector('#alerts tbody').replaceChildren(...body.alerts.map(a => alertRow(a, alertOptions())));
  document.getElementById('alerts-empty').hidden = body.alerts.length > 0;
}

// --- gates and feed -----------------------------------------------------------------------------

function applyGates(gates) {
  state.gates = gates;
  renderGates(gates, state.today, state.lists);
  for (const id of ['alert-gate', 'entry-gate', 'report-gate', 'shift-gate', 'trace-gate']) {
    fillGateSelect(document.getElementById(id), gates);
  }
}

async function loadListVersions() {
  const r = await getJson('/api/lists');
  state.lists = Object.fromEntries(r.lists.map(l => [l.list, l.version]));
}

async function loadToday() {
  const r = await getJson('/api/reports');
  if (r.zone) setTimeZone(r.zone);
  state.today = {};
  for (const c of r.cells.filter(c => c.day === r.to)) state.today[c.gate] = c;
}

async function reloadAll() {
  const [gates, entries, active] = await Promise.all([getJson('/api/gates'), getJson('/api/entries?limit=' + FEED_SIZE),
    getJson('/api/alerts?state=active&limit=1000'), loadToday().catch(() => {}), loadListVersions().catch(() => {})]);
  applyGates(gates.gates);
  renderFeed(entries.entries);
  state.active = new Map(active.alerts.map(a => [a.id, a]));
  renderActive();
  updateAttention();
  await loadAlertList();
}

const live = {
  hello: () => reloadAll().catch(err => setLive(t('live.error', { error: err.message }), false)),
  entry: e => {
    prependEntry(e);
    const counts = state.today[e.gate] || (state.today[e.gate] = { entries: 0, fevers: 0 });
    counts.entries++;
    if (e.decision === 'deny-fever') counts.fevers++;
  },
  alert: a => {
    state.active.set(a.id, a);
    renderActive();
    if (alertFilterMatches(a)) {
      upsertRow(document.querySelector('#alerts tbody'), a, alertOptions(), true);
      document.getElementById('alerts-empty').hidden = true;
    }
    if (needsAttention(a)) beep();
    updateAttention();
  },
  alertUpdate: applyAlert,
  gates: body => loadListVersions().catch(() => {}).then(() => applyGates(body.gates)),
  status: setLive,
};

function setLive(textValue, ok) {
  const node = document.getElementById('live');
  node.textContent = textValue;
  node.classList.toggle('down', !ok);
}

// --- views --------------------------------------------------------------------------------------

function showView() {
  let view = (location.hash || '#overview').slice(1);
  if (!VIEWS.includes(view) || (OPERATOR_VIEWS.has(view) && !state.operator)) view = 'overview';
  for (const v of VIEWS) {
    document.getElementById('view-' + v).hidden = v !== view;
    const link = document.querySelector('nav a[data-view="' + v + '"]');
    if (link) link.classList.toggle('current', v === view);
  }
  if (view === 'reports' && !state.reportShown) {
    state.reportShown = true;
    state.runReport();
  }
  if (view === 'accounts' && state.operator) loadUsers().catch(() => {});
  if (view === 'audit') loadAudit().catch(() => {});
  if (view === 'purge') loadPurge().catch(() => {});
  if (view === 'lists') loadLists().catch(() => {});
  if (view === 'shifts') loadShifts();
  if (view === 'passes') loadPasses().catch(err => showMessage(document.getElementById('pass-message'), err.message, true));
  if (view === 'entries') state.showEntries();
}

async function main() {
  await loadMessages();
  setupLanguageSwitch(document.getElementById('lang-switch'));
  const session = await getJson('/api/session');
  setCsrfToken(session.csrf_token);
  state.operator = session.role === 'operator';
  document.getElementById('who').textContent = session.name + ' · ' + label('role', session.role);
  document.body.classList.add(state.operator ? 'role-operator' : 'role-observer');
  await loadToday().catch(() => {}); // the hub's time zone (setTimeZone), before any time is shown
  for (const node of document.querySelectorAll('[data-operator-only]')) node.hidden = !state.operator;
  for (const node of document.querySelectorAll('[data-observer-only]')) node.hidden = state.operator;

  setupSoundButton(document.getElementById('sound'));
  document.getElementById('logout').addEventListener('click', async () => {
    try {
      await postJson('/api/logout');
    } finally {
      signedOut();
    }
  });
  document.getElementById('alert-filter').addEventListener('change', () =>
    loadAlertList().catch(err => showMessage(document.getElementById('alerts-message'), err.message, true)));
  state.showEntries = setupEntrySearch();
  state.runReport = setupReports();
  setupAccounts(state.operator);
  setupLists(state.operator);
  setupShifts();
  setupPasses(state.operator);
  if (state.operator) setupTrace();
  if (state.operator) setupPurge();
  window.addEventListener('hashchange', showView);
  showView();
  watchHealth();
  connect(live);
}

main().catch(err => setLive(t('live.error', { error: err.message }), false));
