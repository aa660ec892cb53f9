// The JSON API: GET and POST with the session's CSRF token; a 401 means the session ended.
'use strict';

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

export function signedOut() {
  window.location.assign('/login?ended=1');
}

async function parse(response, path) {
  if (response.status === 401) {
    signedOut();
    throw new ApiError(401, 'signed out');
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || path + ': HTTP ' + response.status,
      body && (body.field || body.parameter));
  }
  return body;
}

export async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin' });
  return parse(response, path);
}

/** A request with a body and the CSRF token; resolves to the response. */
function send(method, path, body, contentType) {
  return fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': contentType, 'X-CSRF-Token': csrfToken || '' },
    body,
  });
}

function sendJson(path, body) {
  return send('POST', path, JSON.stringify(body || {}), 'application/json');
}

export async function postJson(path, body) {
  return parse(await sendJson(path, body), path);
}

/** PUT of a JSON body, or POST of a file's bytes (contentType e.g. text/csv), with the CSRF token. */
export async function sendBody(method, path, body, contentType) {
  const response = await send(method, path, body, contentType);
  if (response.status === 422) {
    return response.json();
  }
  return parse(response, path);
}

/** POST of a JSON body answered with a file (a CSV export): saves it under the name the hub gives. */
export async function postForDownload(path, body) {
  const response = await sendJson(path, body);
  if (!response.ok) {
    await parse(response, path);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || 'gatepost-trace.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
