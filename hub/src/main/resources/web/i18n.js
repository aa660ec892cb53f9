// The pages' language: texts from GET /api/messages (the hub picks the language: the switch's cookie, else the
// browser's Accept-Language, else English), dates and numbers formatted with Intl for that language.
// A missing key shows as ⟦key⟧, so a test can see it; texts go in with textContent only.
'use strict';

const COOKIE = 'gatepost_lang';
const COOKIE_MAX_AGE_S = 365 * 86400;

let lang = 'en';
let languages = ['en'];
let messages = {};
let timeZone; // undefined: the browser's own zone
let formats = {};

/** The language's tag for <html lang> and Intl ("en", "zh-CN"). */
export function language() {
  return lang;
}

/** The text of key with {name} placeholders filled from params. */
export function t(key, params) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : '⟦' + key + '⟧';
  if (!params) return text;
  return text.replace(/\{([a-z_]+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** The translation of a value the API sends (a decision, a state), or the value itself when it has none. */
export function label(prefix, value) {
  const key = prefix + '.' + value;
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : value;
}

/**
 * Loads the texts, sets <html lang>, translates the page's marked elements and shows the page (hidden until
 * then by the html class "i18n-pending"). Without the texts the page shows its English as written.
 */
export async function loadMessages() {
  try {
    const response = await fetch('/api/messages', { cache: 'no-store', credentials: 'same-origin' });
    if (response.ok) {
      const body = await response.json();
      lang = body.lang;
      languages = body.languages;
      messages = body.messages;
      formats = {};
      document.documentElement.lang = lang;
      translatePage(document);
    }
  } finally {
    document.documentElement.classList.remove('i18n-pending');
  }
}

/**
 * Elements marked data-i18n="key" get the text (they hold no other elements); data-i18n-placeholder,
 * -title and -aria-label set those attributes.
 */
export function translatePage(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const [attr, name] of [['i18nPlaceholder', 'placeholder'], ['i18nTitle', 'title'], ['i18nAriaLabel', 'aria-label']]) {
    const selector = '[data-' + attr.replace(/[A-Z]/g, c => '-' + c.toLowerCase()) + ']';
    for (const node of root.querySelectorAll(selector)) node.setAttribute(name, t(node.dataset[attr]));
  }
}

/** The <select> that switches language: remembered in a cookie for a year, then the page reloads. */
export function setupLanguageSwitch(select) {
  const names = { 'en': 'English', 'zh-CN': '中文' };
  select.replaceChildren(...languages.map(tag => {
    const o = document.createElement('option');
    o.value = tag;
    o.textContent = names[tag] || tag;
    o.lang = tag;
    o.selected = tag === lang;
    return o;
  }));
  select.addEventListener('change', () => {
    document.cookie = COOKIE + '=' + encodeURIComponent(select.value) + '; Path=/; Max-Age=' + COOKIE_MAX_AGE_S
      + '; SameSite=Strict';
    location.reload();
  });
}

/**
 * Hook for the hub's time zone: times are shown in this IANA zone (the hub's, as its reports count days) once
 * the page knows it; until then in the browser's zone. An unknown zone keeps the browser's.
 */
export function setTimeZone(zone) {
  try {
    new Intl.DateTimeFormat(lang, { timeZone: zone });
  } catch (err) {
    return;
  }
  if (zone !== timeZone) {
    timeZone = zone;
    formats = {};
  }
}

function format(name, options) {
  if (!formats[name]) {
    formats[name] = name.startsWith('number')
      ? new Intl.NumberFormat(lang, options)
      : new Intl.DateTimeFormat(lang, Object.assign({ timeZone }, options));
  }
  return formats[name];
}

const DATE_TIME = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hourCycle: 'h23' };
const TIME = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
const DAY = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** Date and time of an instant, e.g. "2026/12/07 09:41:05" (zh-CN) or "12/07/2026, 09:41:05" (en). */
export function dateTime(date) {
  return format('dateTime', DATE_TIME).format(date);
}

/** Only the time of day. */
export function timeOfDay(date) {
  return format('time', TIME).format(date);
}

/** The calendar day of an instant in the shown zone, as YYYY-MM-DD (to compare days). */
export function isoDay(date) {
  const parts = Object.fromEntries(format('isoDay', Object.assign({ timeZone }, DAY, { numberingSystem: 'latn' }))
    .formatToParts(date).map(p => [p.type, p.value]));
  return parts.year + '-' + parts.month + '-' + parts.day;
}

/** A number with the locale's grouping; digits: fixed fraction digits (e.g. 2 for temperatures). */
export function number(value, digits) {
  if (value === null || value === undefined || value === '') return value;
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (digits === undefined) return format('number', {}).format(n);
  return format('number' + digits, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}
