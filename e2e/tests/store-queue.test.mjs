import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, placeOrder, storefrontKey, tokenFor, withBrowser, orderBody} from '../lib/aisle.mjs';
import {associateOf, orderNumber, shipFromStorePlan, signIn, stockedAt, taskOf} from '../lib/store-app.mjs';

test('the queue lists the earliest due first and marks the late ones', async () => {
  const plan = await shipFromStorePlan('STORE-QUEUE', [1], 3000);
  const [pickupSku] = await stockedAt(plan.storeId, 1, 1, 3400);
  const user = await associateOf(plan.storeId);
  const token = await tokenFor(user);
  const shop = await storefrontKey();
  await withBrowser('store-queue', DESKTOP, async ({page}) => {
    await signIn(page, user);
    // the ship task is due in 4 hours, the pickup placed after it in 2: the pickup comes first
    const ship = await taskOf(token, plan.storeId, (await placeOrder(shop, plan.body)).id);
    const pickup = await taskOf(token, plan.storeId, (await placeOrder(shop, orderBody(orderNumber('STORE-QUEUE'),
      [{sku: pickupSku, quantity: 1, method: 'pickup', pickupLocationId: plan.storeId}]))).id);
    assert.ok(pickup.dueAt < ship.dueAt, `${pickup.dueAt} before ${ship.dueAt}`);
    const cards = page.locator('a.task-card');
    const ids = async () => (await cards.evaluateAll(as => as.map(a => a.dataset.taskId)))
      .filter(id => id === ship.id || id === pickup.id);
    await page.locator(`a[data-task-id="${pickup.id}"]`).waitFor({timeout: 5_000});
    assert.deepEqual(await ids(), [pickup.id, ship.id]);
    assert.equal(await page.locator('a.task-card .badge.late').count(), 0);

    // three hours later the pickup is late, the ship task not yet
    await page.clock.setFixedTime(Date.parse(ship.dueAt) - 30 * 60_000);
    await page.reload();
    await page.locator(`a[data-task-id="${pickup.id}"]`).waitFor();
    assert.match(await page.locator(`a[data-task-id="${pickup.id}"]`).innerText(), /Late/);
    assert.doesNotMatch(await page.locator(`a[data-task-id="${ship.id}"]`).innerText(), /Late/);
    assert.deepEqual(await ids(), [pickup.id, ship.id]);
  });
});
