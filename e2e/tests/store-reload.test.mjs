import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, ok, placeOrder, storefrontKey, tokenFor, withBrowser} from '../lib/aisle.mjs';
import {associateOf, openAndClaim, progressOf, scan, shipFromStorePlan, signIn, taskOf, waitForApi}
  from '../lib/store-app.mjs';

test('scans the server never got are kept across a reload and sent when the app starts again', async () => {
  const plan = await shipFromStorePlan('STORE-RELOAD', [2], 3800);
  const user = await associateOf(plan.storeId);
  const token = await tokenFor(user);
  await withBrowser('store-reload', HANDHELD, async ({page}) => {
    await signIn(page, user);
    const order = await placeOrder(await storefrontKey(), plan.body);
    const task = await taskOf(token, plan.storeId, order.id);
    const line = task.lines[0];
    await openAndClaim(page, task.id);
    await waitForApi(token, task.id, t => t.status === 'picking', 'the claim');

    // the picks do not get through (the browser still thinks it is online, the feed socket stays open)
    await page.route('**/api/v1/tasks/*/pick', route => route.abort('internetdisconnected'));
    await scan(page, line.upc);
    await page.locator('#banner', {hasText: 'Offline — 1 action waiting'}).waitFor();
    await scan(page, line.upc);
    await page.locator('#banner', {hasText: 'Offline — 2 actions waiting'}).waitFor();
    assert.equal(await progressOf(page, line.sku), '2 / 2');
    assert.equal((await ok('GET', `/api/v1/tasks/${task.id}`, {auth: token}, 200)).lines[0].picked, 0);

    await page.unroute('**/api/v1/tasks/*/pick');
    await page.reload();
    await page.getByRole('heading', {name: 'Pack'}).waitFor();
    const after = await waitForApi(token, task.id, t => t.status === 'picked', 'the kept scans sent');
    assert.equal(after.lines[0].picked, 2);
    await page.waitForFunction(() => document.getElementById('banner').hidden);
  }, [/ERR_INTERNET_DISCONNECTED/, /net::ERR_FAILED/]);
});
