import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, adminToken, api, ok, placeOrder, storefrontKey, tokenFor, withBrowser} from '../lib/aisle.mjs';
import {associateOf, openAndClaim, progressOf, scan, shipFromStorePlan, signIn, taskOf, waitForApi}
  from '../lib/store-app.mjs';

test('a short pick with a reason: the line shrinks, the task is picked, the order says why; another store\'s'
  + ' associate cannot see the task', async () => {
  const plan = await shipFromStorePlan('STORE-SHORT', [2], 1800);
  const user = await associateOf(plan.storeId);
  const token = await tokenFor(user);
  let task;
  await withBrowser('store-short', HANDHELD, async ({page}) => {
    await signIn(page, user);
    const order = await placeOrder(await storefrontKey(), plan.body);
    task = await taskOf(token, plan.storeId, order.id);
    const line = task.lines[0];
    await openAndClaim(page, task.id);
    await scan(page, line.upc);
    await page.getByRole('button', {name: /Short pick/}).click();
    assert.equal(await page.getByLabel(/Units missing/).inputValue(), '1', 'what is left to pick');
    await page.getByLabel('Reason').selectOption('damaged');
    await page.getByRole('button', {name: 'Report short'}).click();
    await page.getByRole('heading', {name: 'Pack'}).waitFor();
    assert.equal(await progressOf(page, line.sku), '1 / 1');

    const after = await waitForApi(token, task.id, t => t.status === 'picked');
    assert.deepEqual(after.lines.map(l => [l.quantity, l.picked]), [[1, 1]]);
    const events = (await ok('GET', `/api/v1/orders/${order.id}`, {auth: await adminToken()}, 200)).events;
    const short = events.find(e => e.type === 'short-pick');
    assert.ok(short, `a short-pick event: ${JSON.stringify(events)}`);
    assert.equal(short.detail.reason, 'damaged');
    assert.equal(short.detail.missing, 1);
  });

  const otherStore = plan.storeId === 'S001' ? 'S002' : 'S001';
  const other = await associateOf(otherStore);
  assert.equal((await api('GET', `/api/v1/tasks/${task.id}`, {auth: await tokenFor(other)})).status, 403);
  await withBrowser('store-short-other', HANDHELD, async ({page}) => {
    await signIn(page, other);
    assert.equal(await page.locator(`a[data-task-id="${task.id}"]`).count(), 0);
    await page.goto(`/store/#/task/${task.id}`);
    await page.getByRole('heading', {name: 'Task not found'}).waitFor();
    assert.match(await page.locator('header').innerText(), new RegExp(otherStore));
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {name: 'Sign in'}).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('aisle.session')), null, 'the token is gone');
  });
});
