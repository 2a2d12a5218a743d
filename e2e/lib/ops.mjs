// Test-side helpers for the ops console (webroot/ops): sign in, open an order and check what it shows, and move an
// order through the store task API as an associate would (claim, pick by UPC, pack, ship).
import assert from 'node:assert/strict';
import {ok} from './aisle.mjs';
import {taskOf} from './store-app.mjs';

/** Where an order's open or fulfilled stock is held: the distinct location ids of its allocations. */
export function allocatedAt(order) {
  return [...new Set(order.lines.flatMap(l => l.allocations.filter(a => a.status !== 'released')
    .map(a => a.locationId)))];
}

/**
 * Opens the console at {@code hash} and signs in as {@code user} ({username, password}, a csr or admin); waits for
 * the sections. Any session the page had (e.g. an associate's, from the handheld app: the web apps share it) is
 * dropped first.
 */
export async function signInConsole(page, user, hash = '') {
  await page.goto('/ops/');
  await page.evaluate(() => localStorage.removeItem('aisle.session'));
  await page.goto(`/ops/${hash}`);
  await page.reload();
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('navigation', {name: 'Console sections'}).waitFor();
}

/**
 * Opens an order in the console (signed in with {@link signInConsole}) and checks it shows {@code status}, its lines
 * and allocations, a timeline and the routing explanation with candidate locations. Answers what it read: {summary,
 * allocations, candidates} (location ids), for further checks.
 */
export async function expectOrderInConsole(page, orderId, {status} = {}) {
  await page.goto(`/ops/#/orders/${orderId}`);
  const badge = page.getByTestId('order-status');
  await badge.waitFor();
  if (status) {
    assert.equal((await badge.textContent()).trim(), status, `order ${orderId} shows its status`);
  }
  assert.equal((await page.getByTestId('order-id').textContent()).trim(), orderId);
  assert.ok(await page.getByTestId('order-line').count() >= 1, 'the lines are listed');
  assert.ok(await page.getByTestId('event').count() >= 1, 'the timeline has events');
  const summary = (await page.getByTestId('routing-summary').first().textContent()).trim();
  assert.match(summary, /ships from|picked up at/, 'the routing explanation says where the order goes');
  const candidates = await page.getByTestId('candidate').evaluateAll(rows => rows.map(r => r.dataset.location));
  assert.ok(candidates.length >= 1, 'the candidate locations are listed');
  const allocations = await page.getByTestId('allocation').evaluateAll(rows => rows.map(r => r.dataset.location));
  return {summary, allocations, candidates};
}

let step = 0;
function command(token, taskId, name, body) {
  return ok('POST', `/api/v1/tasks/${taskId}/${name}`, {auth: token, body,
    headers: {'idempotency-key': `ops-e2e-${Date.now()}-${step++}`}}, 200);
}

/**
 * Ships an order's ship-from-store task at {@code storeId} as the associate with {@code token}: claim, pick every
 * line by its UPC, pack one parcel, ship. Answers the shipped task.
 */
export async function shipViaTaskApi(token, storeId, orderId) {
  const task = await taskOf(token, storeId, orderId);
  assert.ok(task, `order ${orderId} has a task at ${storeId}`);
  assert.equal(task.type, 'ship-from-store');
  await command(token, task.id, 'claim');
  for (const line of task.lines) {
    await command(token, task.id, 'pick', {upc: line.upc, quantity: line.quantity});
  }
  await command(token, task.id, 'pack', {packages: [{weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10}]});
  return command(token, task.id, 'ship');
}

/** The active sourcing rules version number (as the admin with {@code token} reads it). */
export async function activeRulesVersion(token) {
  return (await ok('GET', '/api/v1/sourcing/rules', {auth: token}, 200)).version;
}

