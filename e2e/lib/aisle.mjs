// Test-side helpers: the API (as an admin, a storefront, an associate would call it) and a browser whose console
// errors fail the test.
import {chromium} from 'playwright-core';
import {mkdirSync} from 'node:fs';
import assert from 'node:assert/strict';

export const BASE = process.env.AISLE_URL || 'http://127.0.0.1:8080';
export const ADMIN_PASSWORD = process.env.AISLE_ADMIN_PASSWORD;

/** One API call; returns {status, body, headers}. {@code auth} is a bearer token or an ak_ API key. */
export async function api(method, path, {auth, body, headers = {}} = {}) {
  const h = {accept: 'application/json', ...headers};
  if (auth) {
    if (auth.startsWith('ak_')) {
      h['x-api-key'] = auth;
    } else {
      h.authorization = `Bearer ${auth}`;
    }
  }
  if (body !== undefined) {
    h['content-type'] = 'application/json';
  }
  const r = await fetch(BASE + path, {method, headers: h, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await r.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch { /* not JSON */ }
  return {status: r.status, body: parsed, headers: r.headers};
}

/** Like api() but asserts the status and returns the body. */
export async function ok(method, path, options = {}, expected = [200, 201]) {
  const r = await api(method, path, options);
  assert.ok([].concat(expected).includes(r.status), `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let adminTokenCache;
export async function adminToken() {
  adminTokenCache ??= (await ok('POST', '/api/v1/auth/token', {body: {username: 'admin', password: ADMIN_PASSWORD}},
    200)).token;
  return adminTokenCache;
}

let serial = 0;
/** Creates a user with a unique name and returns {username, password}. */
export async function newUser(role, locationId) {
  const username = `${role}-${process.pid}-${Date.now().toString(36)}-${serial++}`;
  const password = `pw-${username}-secret`;
  await ok('POST', '/api/v1/users', {auth: await adminToken(), body: {username, password, role, locationId}}, 201);
  return {username, password};
}

export async function tokenFor(user) {
  return (await ok('POST', '/api/v1/auth/token', {body: user}, 200)).token;
}

/** A storefront API key for channel web. */
export async function storefrontKey() {
  return (await ok('POST', '/api/v1/api-keys', {auth: await adminToken(),
    body: {name: `e2e-${Date.now()}-${serial++}`, role: 'storefront', channel: 'web'}}, 201)).key;
}

/**
 * An order body for the demo network: {@code lines} as the API takes them ({sku, quantity}, method ship unless
 * given), shipped to a New York postal code unless another is given.
 */
export function orderBody(externalId, lines, postalCode = '10001') {
  return {
    externalId,
    customer: {id: `C-${externalId}`, name: 'Ada Lovelace', email: 'ada@example.com'},
    shipTo: {name: 'Ada Lovelace', line1: '1 Main St', city: 'New York', region: 'NY', postalCode},
    lines: lines.map(l => ({method: 'ship', ...l})),
  };
}

/** Places an order as a storefront; returns the order. */
export async function placeOrder(key, order) {
  return ok('POST', '/api/v1/orders', {auth: key, body: order,
    headers: {'idempotency-key': `e2e-${Date.now()}-${serial++}`}}, 201);
}

/**
 * A browser page on the server at a size ({width, height}); console errors and uncaught exceptions are collected
 * and {@link Browser#close} fails when there were any. Close it in a finally block or with t.after.
 */
export async function openBrowser({width = 1280, height = 860, hasTouch = false} = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({baseURL: BASE, viewport: {width, height}, hasTouch});
  const errors = [];
  const watch = page => {
    page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', e => errors.push(`uncaught: ${e.message}`));
  };
  context.on('page', watch);
  const page = await context.newPage();
  return {
    browser, context, page, errors,
    /** Saves a screenshot of the page under target/failures (for a failing test) or to {@code path}. */
    async shot(name, path) {
      const file = path || `target/failures/${name}.png`;
      mkdirSync(file.substring(0, file.lastIndexOf('/')), {recursive: true});
      await page.screenshot({path: file, fullPage: false});
    },
    /**
     * Closes the browser; fails when the page logged an error. {@code allowed} are regular expressions of errors a
     * test provokes on purpose (e.g. the failed requests while it cuts the network).
     */
    async close(allowed = []) {
      await browser.close();
      const unexpected = errors.filter(e => !allowed.some(re => re.test(e)));
      assert.deepEqual(unexpected, [], 'the browser logged errors');
    },
  };
}

/** Runs {@code fn(b)} with a browser, screenshots the page when it throws, and always closes it. */
export async function withBrowser(name, size, fn, allowedErrors = []) {
  const b = await openBrowser(size);
  try {
    await fn(b);
  } catch (e) {
    await b.shot(name).catch(() => {});
    await b.browser.close().catch(() => {});
    throw e;
  }
  await b.close(allowedErrors);
}

export const HANDHELD = {width: 390, height: 844, hasTouch: true};
export const DESKTOP = {width: 1366, height: 900};

/** The public availability answer (no credentials) for {sku, postalCode} or {sku, lat, lon}, optionally radiusKm. */
export async function availability(params) {
  return ok('GET', `/api/v1/availability?${new URLSearchParams(params)}`, {}, 200);
}

/**
 * The first product whose name contains {@code term} and that a store within {@code radiusKm} of {@code postalCode}
 * has in stock: {product, answer, store} with the API's answer and its nearest store with stock.
 */
export async function productInStockNear(term, postalCode, radiusKm = 50) {
  const page = await ok('GET', `/api/v1/products?q=${encodeURIComponent(term)}&limit=50`, {}, 200);
  for (const product of page.items) {
    const answer = await availability({sku: product.sku, postalCode, radiusKm});
    const store = answer.stores.find(s => s.items[0].band !== 'out-of-stock');
    if (store) {
      return {product, answer, store};
    }
  }
  assert.fail(`no product named like "${term}" is in stock near ${postalCode}`);
}
