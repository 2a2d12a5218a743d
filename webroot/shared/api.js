// The one way the web apps talk to Aisle: fetch with the signed-in caller's token, problem+json turned into an
// ApiError that names the fields, and the session (token, role, store) kept in localStorage so a reload or a
// dropped connection does not sign the associate out.

const SESSION_KEY = 'aisle.session';

/** A failed call: status, the problem's title and detail, and field errors ({field, message}). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem?.title || `HTTP ${status}`;
    this.errors = problem?.errors || [];
    this.retryAfter = problem?.retryAfter;
  }

  /** True when the request never reached the server (offline, server down): worth retrying later. */
  get offline() {
    return this.status === 0;
  }
}

/** {token, role, locationId, username, expiresAt} or null. */
export function session() {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY));
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export async function signIn(username, password) {
  const t = await call('POST', '/api/v1/auth/token', {username, password}, {anonymous: true});
  const s = {token: t.token, role: t.role, locationId: t.locationId, username,
    expiresAt: Date.now() + t.expiresIn * 1000};
  localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  return s;
}

export function signOut() {
  localStorage.removeItem(SESSION_KEY);
}

/**
 * One API call. {@code body} is sent as JSON; {@code options.headers} adds headers (e.g. Idempotency-Key);
 * {@code options.anonymous} skips the token. Resolves to the parsed JSON (or null for an empty answer);
 * rejects with ApiError (status 0 when the network failed).
 */
export async function call(method, path, body, options = {}) {
  const headers = {accept: 'application/json', ...(options.headers || {})};
  const s = session();
  if (s && !options.anonymous) {
    headers.authorization = `Bearer ${s.token}`;
  }
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal});
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, {title: 'Offline', detail: 'The server cannot be reached. Check the connection.'});
  }
  const type = response.headers.get('content-type') || '';
  const parsed = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = parsed || {title: response.statusText};
    if (response.headers.get('retry-after')) {
      problem.retryAfter = Number(response.headers.get('retry-after'));
    }
    throw new ApiError(response.status, problem);
  }
  return parsed;
}

/** A readable one-line message for an error: the detail, or the field errors, for showing in the page. */
export function describe(error) {
  if (error instanceof ApiError && error.errors.length) {
    return error.errors.map(e => `${e.field}: ${e.message}`).join('; ');
  }
  return error?.message || String(error);
}

/** Escapes text for innerHTML templates. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;'}[c]));
}

/**
 * A binary resource (a label or packing slip PDF) fetched with the signed-in caller's token, as a Blob; rejects
 * with ApiError like {@link call} (status 0 when the network failed).
 */
export async function fetchBlob(path) {
  const s = session();
  let response;
  try {
    response = await fetch(path, {headers: s ? {authorization: `Bearer ${s.token}`} : {}});
  } catch {
    throw new ApiError(0, {title: 'Offline', detail: 'The server cannot be reached. Check the connection.'});
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem || {title: response.statusText});
  }
  return response.blob();
}
