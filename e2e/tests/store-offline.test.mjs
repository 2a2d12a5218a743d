import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, adminToken, api, ok, placeOrder, storefrontKey, tokenFor, withBrowser} from '../lib/aisle.mjs';
import {associateOf, openAndClaim, progressOf, scan, shipFromStorePlan, signIn, taskOf, waitForApi}
  from '../lib/store-app.mjs';

// What cutting the network makes Chromium log: failed requests and WebSocket connects.
const NETWORK_CUT = [/ERR_INTERNET_DISCONNECTED/, /WebSocket connection to .* failed/, /net::ERR_/];

test('the connection drops mid-pick: the app says it is offline, keeps every scan, and sends each exactly once'
  + ' when back', async () => {
  const plan = await shipFromStorePlan('STORE-OFFLINE', [3, 1], 1200);
  const user = await associateOf(plan.storeId);
  const token = await tokenFor(user);
  await withBrowser('store-offline', HANDHELD, async ({page, context}) => {
    await signIn(page, user);
    const order = await placeOrder(await storefrontKey(), plan.body);
    const task = await taskOf(token, plan.storeId, order.id);
    const [three, one] = task.lines;
    await openAndClaim(page, task.id);
    await scan(page, three.upc);
    await waitForApi(token, task.id, t => t.lines[0].picked === 1, 'the first unit picked online');

    await context.setOffline(true);
    const banner = page.locator('#banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Offline — 0 actions waiting/);
    await scan(page, three.upc);
    await scan(page, three.upc);
    await scan(page, one.upc);
    assert.match(await banner.innerText(), /Offline — 3 actions waiting/);
    assert.equal(await progressOf(page, three.sku), '3 / 3', 'the scans show at once');
    assert.equal(await progressOf(page, one.sku), '1 / 1');
    await page.getByLabel('Weight (kg)').fill('2.5');
    await page.getByRole('button', {name: /Packed/}).click();
    assert.match(await banner.innerText(), /Offline — 4 actions waiting/);
    assert.match(await page.locator('#task-status').innerText(), /Packed/);
    const server = await ok('GET', `/api/v1/tasks/${task.id}`, {auth: token}, 200);
    assert.deepEqual(server.lines.map(l => l.picked), [1, 0], 'nothing reached the server while offline');

    // The first waiting scan reached the server but its answer was lost: it is sent again, with the same key.
    const waiting = await page.evaluate(u => JSON.parse(localStorage.getItem(`aisle.store.outbox.${u}`)),
      user.username);
    assert.deepEqual(waiting.map(a => a.command), ['pick', 'pick', 'pick', 'pack']);
    const first = await api('POST', `/api/v1/tasks/${task.id}/pick`, {auth: token, body: waiting[0].body,
      headers: {'idempotency-key': waiting[0].key}});
    assert.equal(first.status, 200);
    assert.equal(first.body.lines[0].picked, 2);

    await context.setOffline(false);
    await page.waitForFunction(() => document.getElementById('banner').hidden, null, {timeout: 15_000});
    assert.match(await page.locator('#conn').innerText(), /Live/);
    const after = await waitForApi(token, task.id, t => t.status === 'packed', 'the waiting actions sent');
    assert.deepEqual(after.lines.map(l => [l.picked, l.quantity]), [[3, 3], [1, 1]], 'every unit picked exactly once');
    assert.equal(await page.evaluate(u => localStorage.getItem(`aisle.store.outbox.${u}`), user.username), '[]');
    assert.doesNotMatch(await page.locator('#msg').innerText(), /refused/, 'no waiting action was refused');

    // replaying a sent action again changes nothing
    const again = await api('POST', `/api/v1/tasks/${task.id}/pick`, {auth: token, body: waiting[2].body,
      headers: {'idempotency-key': waiting[2].key}});
    assert.equal(again.status, 200);
    assert.deepEqual((await ok('GET', `/api/v1/tasks/${task.id}`, {auth: token}, 200)).lines.map(l => l.picked),
      [3, 1]);

    await page.getByRole('button', {name: /Shipped/}).click();
    await page.locator('#done').waitFor();
    await waitForApi(token, task.id, t => t.status === 'shipped');
    assert.equal((await ok('GET', `/api/v1/orders/${order.id}`, {auth: await adminToken()}, 200)).status, 'shipped');
  }, NETWORK_CUT);
});
