// Gate console. Everything shown is set with textContent (names are typed by volunteers: untrusted).
'use strict';
(function () {
  const POLL_MS = 500;
  const ARMED_MS = 30000;
  const STALE_MS = 120000;
  const DECISIONS = {
    'admit': ['放行', 'Admitted'], 'retest': ['请复测', 'Retest'], 'deny-fever': ['体温异常', 'Fever'],
    'deny-quarantine': ['居家隔离', 'Quarantine'], 'deny-blocked': ['禁止通行', 'Blocked'],
    'deny-quota': ['出行次数已满', 'Exit quota used'], 'deny-mask': ['请戴口罩', 'Mask missing'],
    'unknown': ['未登记人员', 'Unknown'], 'visitor': ['访客放行', 'Visitor'], 'override': ['特批放行', 'Override'],
    'admit-visitor': ['访客凭证放行', 'Visitor pass'], 'deny-pass-forged': ['凭证无效', 'Pass forged'],
    'deny-pass-revoked': ['凭证已撤销', 'Pass revoked'], 'deny-pass-expired': ['凭证不在有效期', 'Pass expired'],
    'deny-pass-used': ['凭证已使用', 'Pass used up'],
    'deny-health': ['健康码异常', 'Health code'], 'sign-in': ['志愿者签到', 'Signed in'], 'sign-out': ['志愿者签退', 'Signed out'], 'no-reading': ['未测到体温', 'No reading']
  };
  const ROLES = { resident: ['居民', 'Resident'], staff: ['工作人员', 'Staff'], volunteer: ['志愿者', 'Volunteer'],
    unknown: ['未登记', 'Unknown'], visitor: ['访客', 'Visitor'] };
  const DIRECTIONS = { 'in': ['进', 'In'], out: ['出', 'Out'] };
  const MASKS = { worn: ['已戴口罩', 'Mask on'], missing: ['未戴口罩', 'No mask'] };
  const REASONS = { 'medical-emergency': ['急诊就医', 'Medical emergency'], 'official-duty': ['公务', 'Official duty'],
    'thermometer-fault': ['测温故障', 'Thermometer fault'], 'mask-provided': ['已发口罩', 'Mask provided'], other: ['其他', 'Other'] };
  const DEVICE_STATES = { connected: ['正常', 'OK'], silent: ['无数据', 'Silent'], erroring: ['出错', 'Errors'],
    disconnected: ['断开', 'Disconnected'] };
  const LISTS = { residents: ['居民', 'Residents'], quarantine: ['隔离', 'Quarantine'], blocked: ['禁止', 'Blocked'],
    badges: ['工作证', 'Badges'], policy: ['规则', 'Policy'], passes: ['访客凭证', 'Passes'] };
  const USES = { one: ['单次', 'One use'], many: ['多次', 'Many uses'] };
  const NO_OVERRIDE = ['retest', 'sign-in', 'sign-out'];
  const HEALTH_BUTTONS = [['green', '绿码', 'Green'], ['yellow', '黄码', 'Yellow'], ['red', '红码', 'Red']];
  let healthRendered = '';

  let csrf = null;
  let state = null;
  let rendered = '';
  let pollTimer = null;
  let armedUntil = 0;
  let armedText = null;
  let toastTimer = null;

  const $ = (id) => document.getElementById(id);

  /** Replaces node's content with "中文 English" (English smaller). */
  function bilingual(node, pair, extra) {
    node.textContent = '';
    const p = pair || ['?', '?'];
    node.append(document.createTextNode(p[0] + ' '));
    const en = document.createElement('span');
    en.className = 'en';
    en.textContent = p[1];
    node.append(en);
    if (extra) node.append(document.createTextNode(' ' + extra));
    return node;
  }

  function make(tag, className, text) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function pad(n) { return String(n).padStart(2, '0'); }
  function clockTime(iso) {
    const d = new Date(iso);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }
  function clockDay(iso) {
    const d = new Date(iso);
    return pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }
  function temp(scan) { return scan.body_c == null ? '—' : scan.body_c.toFixed(1) + ' °C'; }
  function decisionPair(d) { return DECISIONS[d] || [d, d]; }
  function canRegister(scan) { return scan.decision === 'unknown'; }
  function canOverride(scan) { return !scan.admitted && NO_OVERRIDE.indexOf(scan.decision) < 0; }

  async function api(method, path, body) {
    const headers = {};
    if (method === 'POST') {
      headers['Content-Type'] = 'application/json';
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    const r = await fetch(path, { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body) });
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return { status: r.status, data: data };
  }

  // ---- sign-in with the PIN ----
  async function boot() {
    $('login-form').addEventListener('submit', onLogin);
    wireActions();
    try {
      const r = await api('GET', '/api/session');
      if (r.data.signed_in) { csrf = r.data.csrf_token; showMain(); return; }
      if (!r.data.pin_required) { await login(''); return; }
    } catch (e) { /* shown as the login form */ }
    showLogin('');
  }

  function showLogin(message) {
    stopPolling();
    $('main').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message;
    $('pin').value = '';
    $('pin').focus();
  }

  async function onLogin(ev) {
    ev.preventDefault();
    await login($('pin').value);
  }

  async function login(pin) {
    const r = await api('POST', '/api/login', { pin: pin });
    if (r.status === 200) { csrf = r.data.csrf_token; showMain(); } else { showLogin(r.data.message || ''); }
  }

  function showMain() {
    $('login').hidden = true;
    $('main').hidden = false;
    poll();
  }

  // ---- live state ----
  function stopPolling() { if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; } }

  async function poll() {
    stopPolling();
    try {
      const r = await api('GET', '/api/state');
      $('offline').hidden = true;
      if (r.status === 401) { showLogin(''); return; }
      if (r.status === 200) render(r.data);
      const h = await api('GET', '/api/health');
      if (h.status === 200) renderHealth(h.data.waiting || []);
    } catch (e) {
      $('offline').hidden = false;
    }
    pollTimer = setTimeout(poll, POLL_MS);
  }

  function render(s) {
    state = s;
    $('clock').textContent = clockTime(s.now);
    renderArmed();
    const last = s.scans.length ? s.scans[0] : null;
    $('last').classList.toggle('stale', last !== null && Date.parse(s.now) - Date.parse(last.at) > STALE_MS);
    const text = JSON.stringify(Object.assign({}, s, { now: null }));
    if (text === rendered) return;
    rendered = text;
    $('gate').textContent = s.gate;
    renderHub(s.hub);
    renderLast(s.scans.length ? s.scans[0] : null);
    renderRecent(s.scans);
    renderDuty(s.on_duty);
    renderDevices(s.devices);
    renderLists(s.lists);
  }

  /** The health checks waiting for the volunteer's colour (docs/console.md); hidden when none waits. */
  function renderHealth(waiting) {
    const text = JSON.stringify(waiting);
    if (text === healthRendered) return;
    healthRendered = text;
    $('health-checks').hidden = waiting.length === 0;
    const list = $('health-waiting');
    list.textContent = '';
    waiting.forEach((w) => {
      const li = make('li');
      li.dataset.id = String(w.id);
      li.append(make('span', 'h-who', w.masked + '  ' + clockTime(w.since)));
      const buttons = make('span', 'h-buttons');
      HEALTH_BUTTONS.forEach(([colour, zh, en]) => {
        const b = actionButton(zh, en, 'big h-' + colour, async () => {
          const r = await api('POST', '/api/health', { id: w.id, colour: colour });
          toast(r);
          poll();
        });
        b.dataset.colour = colour;
        buttons.append(b);
      });
      li.append(buttons);
      list.append(li);
    });
  }

  function renderHub(hub) {
    const h = $('hub');
    // online: the hub itself answered lately; connected alone is only the broker (docs/console.md)
    bilingual(h, hub.online ? ['平台已连接', 'Hub online']
      : hub.connected ? ['平台无响应', 'Hub silent'] : ['平台离线', 'Hub offline']);
    h.className = 'pill ' + (hub.online ? 'ok' : hub.connected ? 'warn' : 'bad');
    const b = $('backlog');
    bilingual(b, ['待上传', 'Backlog'], String(hub.backlog));
    b.className = 'pill ' + (hub.backlog > 0 ? 'warn' : '');
  }

  function renderLast(scan) {
    const card = $('last');
    if (!scan) {
      card.dataset.tone = 'none';
      card.dataset.seq = '';
      card.dataset.decision = '';
      bilingual($('last-decision'), ['等待刷卡', 'Waiting for a scan']);
      ['last-name', 'last-masked', 'last-household', 'last-extra', 'last-temp', 'last-time', 'last-note']
        .forEach((id) => { $(id).textContent = ''; });
      $('btn-register').hidden = true;
      $('btn-override').hidden = true;
      return;
    }
    card.dataset.tone = scan.tone;
    card.dataset.seq = String(scan.seq);
    card.dataset.decision = scan.decision;
    bilingual($('last-decision'), decisionPair(scan.decision));
    $('last-name').textContent = scan.name || '';
    $('last-masked').textContent = scan.masked || '';
    const household = $('last-household');
    household.textContent = '';
    if (scan.household) bilingual(household, ['住户', 'Household'], scan.household);
    const extra = $('last-extra');
    extra.textContent = '';
    const parts = [];
    if (scan.role && ROLES[scan.role]) parts.push(ROLES[scan.role]);
    if (scan.direction && DIRECTIONS[scan.direction]) parts.push(DIRECTIONS[scan.direction]);
    if (scan.mask && MASKS[scan.mask]) parts.push(MASKS[scan.mask]);
    if (scan.quarantined) parts.push(['隔离中', 'In quarantine']);
    if (scan.pass) {
      parts.push(['访客凭证 ' + scan.pass.id, 'Visitor pass ' + scan.pass.id]);
      if (USES[scan.pass.uses]) parts.push(USES[scan.pass.uses]);
      const window = clockDay(scan.pass.from) + ' – ' + clockDay(scan.pass.to);
      parts.push(['有效期 ' + window, 'Valid ' + window]);
    }
    parts.forEach((p) => { extra.append(bilingual(make('span', 'tag'), p), document.createTextNode('  ')); });
    const t = $('last-temp');
    t.textContent = temp(scan);
    t.classList.toggle('hot', scan.body_c != null && scan.threshold_c != null && scan.body_c >= scan.threshold_c);
    $('last-time').textContent = clockTime(scan.at);
    $('last-note').textContent = scan.note || '';
    $('btn-register').hidden = !canRegister(scan);
    $('btn-override').hidden = !canOverride(scan);
  }

  function renderRecent(scans) {
    const list = $('recent');
    list.textContent = '';
    scans.forEach((scan) => {
      const li = make('li');
      li.dataset.seq = String(scan.seq);
      li.dataset.tone = scan.tone;
      li.append(make('span', 'r-time', clockTime(scan.at)));
      li.append(make('span', 'r-who', [scan.name, scan.masked].filter(Boolean).join('  ')));
      li.append(make('span', 'r-temp', temp(scan)));
      const line = make('div', 'r-line2');
      line.append(bilingual(make('span', 'r-decision'), decisionPair(scan.decision)));
      const actions = make('span', 'r-actions');
      if (canRegister(scan)) actions.append(actionButton('登记', 'Register', 'r-register', () => openVisitor(scan)));
      if (canOverride(scan)) actions.append(actionButton('放行', 'Override', 'r-override', () => openOverride(scan)));
      line.append(actions);
      li.append(line);
      list.append(li);
    });
  }

  function actionButton(zh, en, className, onClick) {
    const b = bilingual(make('button', className), [zh, en]);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function renderDuty(duty) {
    const list = $('duty');
    list.textContent = '';
    duty.forEach((d) => {
      const li = make('li', null, [d.name, d.masked].filter(Boolean).join('  '));
      li.dataset.badge = d.badge;
      list.append(li);
    });
    if (!duty.length) list.append(bilingual(make('li'), ['无人签到', 'Nobody signed in']));
    $('duty-names').textContent = duty.map((d) => d.name || d.masked).join('、');
  }

  function renderDevices(devices) {
    const ok = devices.filter((d) => d.state === 'connected').length;
    const pill = $('devices-pill');
    bilingual(pill, ['设备', 'Devices'], ok + '/' + devices.length);
    pill.className = 'pill ' + (devices.some((d) => d.state === 'disconnected') ? 'bad' : ok < devices.length ? 'warn' : 'ok');
    const list = $('devices');
    list.textContent = '';
    devices.forEach((d) => {
      const li = make('li');
      li.dataset.state = d.state;
      li.append(document.createTextNode(d.name + ': '));
      bilingual(li.appendChild(make('span')), DEVICE_STATES[d.state] || [d.state, d.state]);
      if (d.last_error) li.append(document.createTextNode(' (' + d.last_error + ')'));
      list.append(li);
    });
  }

  function renderLists(lists) {
    const list = $('lists');
    list.textContent = '';
    const names = Object.keys(lists);
    if (!names.length) list.append(bilingual(make('li'), ['尚未收到', 'None received yet']));
    names.forEach((n) => list.append(bilingual(make('li'), LISTS[n] || [n, n], 'v' + lists[n])));
  }

  function renderArmed() {
    const box = $('duty-armed');
    const left = Math.ceil((armedUntil - Date.now()) / 1000);
    if (left <= 0) { box.hidden = true; return; }
    box.hidden = false;
    bilingual(box, armedText, '(' + left + ' s)');
  }

  // ---- actions ----
  function wireActions() {
    $('btn-mask').addEventListener('click', async () => {
      const r = await api('POST', '/api/mask', {});
      toast(r);
    });
    $('btn-sign-in').addEventListener('click', () => armDuty('in'));
    $('btn-sign-out').addEventListener('click', () => armDuty('out'));
    $('btn-register').addEventListener('click', () => { if (state && state.scans.length) openVisitor(state.scans[0]); });
    $('btn-override').addEventListener('click', () => { if (state && state.scans.length) openOverride(state.scans[0]); });
    document.querySelectorAll('.overlay .cancel').forEach((b) => b.addEventListener('click', closeDialogs));
    document.querySelectorAll('#visitor-reasons button').forEach((b) => b.addEventListener('click', () => {
      $('visitor-form').elements.reason.value = b.dataset.reason;
    }));
    $('visitor-form').addEventListener('submit', submitVisitor);
    $('override-form').addEventListener('submit', submitOverride);
  }

  async function armDuty(action) {
    const r = await api('POST', '/api/duty', { action: action });
    toast(r);
    if (r.status === 200) {
      armedUntil = Date.now() + ARMED_MS;
      armedText = action === 'in' ? ['请刷工作证签到', 'Present your badge to sign in']
        : ['请刷工作证签退', 'Present your badge to sign out'];
      renderArmed();
    }
  }

  function describe(scan) {
    return [clockTime(scan.at), decisionPair(scan.decision).join(' '), scan.name, scan.masked].filter(Boolean).join('  ·  ');
  }

  function openVisitor(scan) {
    const form = $('visitor-form');
    form.reset();
    form.dataset.seq = String(scan.seq);
    form.querySelector('.error').textContent = '';
    $('visitor-of').textContent = describe(scan);
    $('visitor-dialog').hidden = false;
    form.elements.name.focus();
  }

  function openOverride(scan) {
    const form = $('override-form');
    form.reset();
    form.dataset.seq = String(scan.seq);
    form.querySelector('.error').textContent = '';
    $('override-of').textContent = describe(scan);
    const reasons = $('override-reasons');
    reasons.textContent = '';
    state.override_reasons.forEach((code, i) => {
      const label = make('label');
      const input = make('input');
      input.type = 'radio';
      input.name = 'reason';
      input.value = code;
      input.required = true;
      if (i === 0) input.checked = true;
      label.append(input, bilingual(make('span', 'choice'), REASONS[code] || [code, code]));
      reasons.append(label);
    });
    const by = $('override-by');
    by.textContent = '';
    state.on_duty.forEach((d) => {
      const o = make('option', null, [d.name, d.masked].filter(Boolean).join('  '));
      o.value = d.badge;
      by.append(o);
    });
    $('override-nobody').hidden = state.on_duty.length > 0;
    form.querySelector('button[type=submit]').disabled = state.on_duty.length === 0;
    $('override-dialog').hidden = false;
  }

  function closeDialogs() {
    $('visitor-dialog').hidden = true;
    $('override-dialog').hidden = true;
  }

  async function submitVisitor(ev) {
    ev.preventDefault();
    const f = ev.target.elements;
    const r = await api('POST', '/api/visitor', { seq: Number(ev.target.dataset.seq), name: f.name.value,
      phone: f.phone.value, visiting: f.visiting.value, reason: f.reason.value });
    finish(ev.target, r);
  }

  async function submitOverride(ev) {
    ev.preventDefault();
    const f = ev.target.elements;
    const r = await api('POST', '/api/override', { seq: Number(ev.target.dataset.seq), reason: f.reason.value, by: f.by.value });
    finish(ev.target, r);
  }

  function finish(form, r) {
    if (r.status === 200) { closeDialogs(); toast(r); poll(); return; }
    if (r.status === 401) { closeDialogs(); showLogin(''); return; }
    form.querySelector('.error').textContent = r.data.message || ('错误 Error ' + r.status);
  }

  function toast(r) {
    const t = $('toast');
    t.textContent = r.data.message || (r.status === 200 ? '完成 Done' : '错误 Error ' + r.status);
    t.className = 'toast' + (r.status === 200 ? '' : ' err');
    t.hidden = false;
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
    if (r.status === 401) showLogin('');
  }

  document.addEventListener('DOMContentLoaded', boot);
})();
